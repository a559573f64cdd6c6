"""helpers.probability_map: the plane shaded by the predicted probability."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers.data import make_blobs
from helpers.model import forward
from helpers.plotting import CLASS_COLORS, CLASS_MARKERS
from helpers.probability_map import PROBA_CMAP, PROBA_LEVELS, plot_probability


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _model(P):
    return forward(P, np.array([[1.0, 1.0]]))


def test_colour_map_runs_from_class_0_through_white_to_class_1():
    lo, mid, hi = (np.array(PROBA_CMAP(v)[:3]) for v in (0.0, 0.5, 1.0))
    np.testing.assert_allclose(mid, 1.0, atol=3e-3)  # white at 0.5 (to the map's 256 steps)
    for end, color in ((lo, CLASS_COLORS[0]), (hi, CLASS_COLORS[1])):
        c = np.array(to_rgb(color))
        # the class hue, lightened towards white (so points drawn on top stay visible)
        assert np.all(end >= c - 1e-9) and np.all(end < 1.0)
        np.testing.assert_allclose((1 - end) / (1 - c), 0.55, atol=1e-2)
    # diverging: the map's distance from white grows on both sides of 0.5
    whiteness = [np.sum(1 - np.array(PROBA_CMAP(v)[:3])) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert whiteness[0] > whiteness[1] > whiteness[2] < whiteness[3] < whiteness[4]


def test_plot_probability_shades_by_y_hat(ax):
    X, y = make_blobs(30, seed=0)
    plot_probability(_model, X, y, ax=ax, resolution=30)
    shading = ax.collections[0]
    np.testing.assert_allclose(shading.levels, PROBA_LEVELS)
    assert shading.get_cmap() is PROBA_CMAP
    assert shading.norm.vmin == 0 and shading.norm.vmax == 1  # 0.5 in the middle of the map
    boundary = ax.collections[1]
    np.testing.assert_allclose(boundary.levels, [0.5])
    # the 0.5 contour of sigmoid(x1 + x2) is the line x1 + x2 = 0
    vertices = np.vstack([path.vertices for path in boundary.get_paths()])
    assert len(vertices) > 10
    np.testing.assert_allclose(vertices.sum(axis=1), 0.0, atol=1e-3)  # to the grid's spacing
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    np.testing.assert_allclose(ax.get_xlim(), (lo[0], hi[0]))
    np.testing.assert_allclose(ax.get_ylim(), (lo[1], hi[1]))
    markers = [c for c in ax.collections[2:] if c.get_label() in ("class 0", "class 1")]
    assert len(markers) == len(CLASS_MARKERS)  # the points, on top
    assert ax.get_xlabel() == "$x_1$"


def test_plot_probability_adds_a_colour_bar_unless_told_not_to():
    X, _ = make_blobs(10, seed=1)
    fig, (a, b) = plt.subplots(1, 2)
    plot_probability(_model, X, ax=a, resolution=10)
    assert len(fig.axes) == 3  # the colour bar is a third Axes
    assert "probability of class 1" in fig.axes[2].get_ylabel()
    plot_probability(_model, X, ax=b, resolution=10, colorbar=False)
    assert len(fig.axes) == 3
    plt.close(fig)


def test_plot_probability_without_a_boundary_in_view(ax):
    # A model sure of class 1 everywhere: the shading is drawn, no 0.5 contour.
    X, _ = make_blobs(10, seed=1)
    plot_probability(lambda P: np.full(P.shape[0], 0.9), X, ax=ax, resolution=10)
    assert len(ax.collections) == 1


def test_plot_probability_new_figure_when_no_ax():
    X, _ = make_blobs(10, seed=1)
    ax = plot_probability(_model, X, resolution=10)
    assert ax.figure is not None
    plt.close(ax.figure)
