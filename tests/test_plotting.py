"""Unit tests of helpers.plotting: what is drawn (artists, data, limits), not pixels."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.markers import MarkerStyle

from helpers.data import make_blobs
from helpers.learning_rate import REGIMES
from helpers.model import forward, loss_grid
from helpers.plotting import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PATH_COLOR,
    REGIME_COLORS,
    SERIES_COLORS,
    plot_data,
    plot_decision_boundary,
    plot_loss_curve,
    plot_loss_surface,
    plot_lr_sweep,
)
from helpers.training import gradient_descent


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


@pytest.fixture
def ax():
    return plt.subplots()[1]


def _scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def _contour_sets(ax):
    return [c for c in ax.collections if isinstance(c, ContourSet)]


def _marker_vertices(marker):
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform()).vertices


def _model(W):
    return lambda P: forward(P, W)


# =========================================================================== plot_data
def test_plot_data_draws_one_scatter_per_class_with_the_palette(blobs, ax):
    X, y = blobs
    assert plot_data(X, y, ax=ax) is ax
    scatters = _scatters(ax)
    assert len(scatters) == 2
    for label, coll in enumerate(scatters):
        mask = y[:, 0] == label
        np.testing.assert_array_equal(coll.get_offsets(), X[mask])
        np.testing.assert_allclose(coll.get_facecolor(), [to_rgba(CLASS_COLORS[label])])
        np.testing.assert_allclose(
            coll.get_paths()[0].vertices, _marker_vertices(CLASS_MARKERS[label])
        )
        assert coll.get_label() == f"class {label}"
    assert len(scatters[0].get_offsets()) == int((y == 0).sum()) == 50
    assert len(scatters[1].get_offsets()) == int((y == 1).sum()) == 50


def test_plot_data_palette_is_two_distinct_colours_and_markers():
    assert len(set(CLASS_COLORS)) == 2
    assert len(set(CLASS_MARKERS)) == 2


def test_plot_data_labels_axes_and_legend(blobs, ax):
    X, y = blobs
    plot_data(X, y, ax=ax)
    assert ax.get_xlabel() == "$x_1$"
    assert ax.get_ylabel() == "$x_2$"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_plot_data_rings_the_misclassified_points(blobs, ax):
    X, y = blobs
    y_pred = (X @ np.array([[1.0], [1.0]]) >= 0).astype(float)
    wrong = y_pred != y
    n_wrong = int(wrong.sum())
    assert n_wrong > 0
    plot_data(X, y, ax=ax, misclassified=wrong)
    scatters = _scatters(ax)
    assert len(scatters) == 3
    rings = scatters[2]
    np.testing.assert_array_equal(rings.get_offsets(), X[wrong[:, 0]])
    assert rings.get_facecolor().shape[0] == 0 or np.all(rings.get_facecolor()[:, 3] == 0)
    np.testing.assert_allclose(rings.get_edgecolor(), [to_rgba("black")])
    assert rings.get_label() == f"misclassified ({n_wrong})"
    assert f"misclassified ({n_wrong})" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_plot_data_accepts_a_1d_mask(blobs, ax):
    X, y = blobs
    wrong = np.zeros(100, dtype=bool)
    wrong[[3, 10]] = True
    plot_data(X, y, ax=ax, misclassified=wrong)
    np.testing.assert_array_equal(_scatters(ax)[2].get_offsets(), X[[3, 10]])
    assert _scatters(ax)[2].get_label() == "misclassified (2)"


def test_plot_data_checks_the_mask_before_drawing(blobs, ax):
    # Which masks are refused: test_validation; here, that nothing is half drawn.
    X, y = blobs
    with pytest.raises(ValueError, match="misclassified"):
        plot_data(X, y, ax=ax, misclassified=np.zeros((100, 2), dtype=bool))
    assert len(ax.collections) == 0


def test_plot_data_without_ax_makes_a_new_figure(blobs):
    X, y = blobs
    ax = plot_data(X, y)
    assert ax is plt.gca()
    assert len(_scatters(ax)) == 2


# =========================================================================== plot_decision_boundary
def test_plot_decision_boundary_draws_regions_and_the_half_contour(blobs, ax):
    X, y = blobs
    assert plot_decision_boundary(_model([[1.0, 1.0]]), X, ax=ax) is ax
    filled, line = _contour_sets(ax)
    assert filled.filled
    np.testing.assert_array_equal(filled.levels, [-0.5, 0.5, 1.5])
    assert not line.filled
    np.testing.assert_array_equal(line.levels, [0.5])
    # W = [[1, 1]]: the boundary is the line x1 + x2 = 0.
    vertices = np.concatenate(line.allsegs[0])
    assert len(vertices) > 10
    np.testing.assert_allclose(vertices.sum(axis=1), 0.0, atol=1e-6)
    assert len(_scatters(ax)) == 0  # no y, no points


def test_plot_decision_boundary_sets_limits_from_the_data(blobs, ax):
    X, _ = blobs
    plot_decision_boundary(_model([[1.0, 1.0]]), X, ax=ax, padding=0.25)
    lo, hi = X.min(axis=0) - 0.25, X.max(axis=0) + 0.25
    np.testing.assert_allclose(ax.get_xlim(), [lo[0], hi[0]])
    np.testing.assert_allclose(ax.get_ylim(), [lo[1], hi[1]])
    assert ax.get_xlabel() == "$x_1$"
    assert ax.get_ylabel() == "$x_2$"


def test_plot_decision_boundary_draws_the_points_when_given_y(blobs, ax):
    X, y = blobs
    plot_decision_boundary(_model([[1.0, 1.0]]), X, y, ax=ax)
    scatters = _scatters(ax)
    assert len(scatters) == 2
    np.testing.assert_array_equal(scatters[1].get_offsets(), X[y[:, 0] == 1])
    # The points must not widen the limits set from the data and padding.
    np.testing.assert_allclose(ax.get_xlim(), [X[:, 0].min() - 0.5, X[:, 0].max() + 0.5])


def test_plot_decision_boundary_regions_follow_the_model(blobs, ax):
    X, _ = blobs
    plot_decision_boundary(_model([[1.0, 0.0]]), X, ax=ax, resolution=50)
    # Boundary x1 = 0: the contour is the vertical line through the origin.
    vertices = np.concatenate(_contour_sets(ax)[1].allsegs[0])
    spacing = (X[:, 0].max() - X[:, 0].min() + 1.0) / 49
    np.testing.assert_allclose(vertices[:, 0], 0.0, atol=spacing / 100)
    assert vertices[:, 1].min() == pytest.approx(X[:, 1].min() - 0.5)


def test_plot_decision_boundary_accepts_m_and_m1_outputs(blobs):
    X, _ = blobs
    W = np.array([[1.0, -0.5]])
    ax_col = plot_decision_boundary(lambda P: forward(P, W), X, resolution=40)
    ax_flat = plot_decision_boundary(lambda P: forward(P, W)[:, 0], X, resolution=40)
    seg_col = np.concatenate(_contour_sets(ax_col)[1].allsegs[0])
    seg_flat = np.concatenate(_contour_sets(ax_flat)[1].allsegs[0])
    np.testing.assert_array_equal(seg_col, seg_flat)


def test_plot_decision_boundary_passes_an_m_by_2_grid(blobs):
    X, _ = blobs
    shapes = []

    def proba(P):
        shapes.append(P.shape)
        return np.full(P.shape[0], 0.3)

    plot_decision_boundary(proba, X, resolution=7)
    assert shapes == [(49, 2)]


def test_plot_decision_boundary_skips_the_contour_when_one_class_everywhere(blobs, ax):
    X, _ = blobs
    plot_decision_boundary(lambda P: np.full(P.shape[0], 0.9), X, ax=ax)
    assert len(_contour_sets(ax)) == 1  # the filled regions only


def test_plot_decision_boundary_checks_y_before_drawing(blobs, ax):
    X, y = blobs
    with pytest.raises(ValueError, match=r"y must have shape \(100, 1\)"):
        plot_decision_boundary(_model([[1.0, 1.0]]), X, y.ravel(), ax=ax)
    assert not ax.collections  # no regions, no contour: nothing was drawn


# =========================================================================== plot_loss_curve
def test_plot_loss_curve_line_data_equals_the_losses(ax):
    losses = np.array([0.69, 0.5, 0.4, 0.35])
    assert plot_loss_curve(losses, ax=ax) is ax
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2, 3])
    np.testing.assert_array_equal(line.get_ydata(), losses)
    assert line.get_marker() == "."
    assert ax.get_xlabel() == "iteration"
    assert "loss" in ax.get_ylabel()
    assert ax.get_legend() is None


def test_plot_loss_curve_of_a_training_history(blobs, ax):
    X, y = blobs
    _, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=100)
    plot_loss_curve(history["loss"], ax=ax, label="lr = 0.5")
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_ydata(), history["loss"])
    assert line.get_marker() in (None, "None", "")  # no dots on a long curve
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["lr = 0.5"]


def test_plot_loss_curve_overlays_curves_on_one_ax(ax):
    plot_loss_curve([1.0, 0.5], ax=ax, label="a")
    plot_loss_curve([2.0, 1.0, 0.2], ax=ax, label="b")
    assert [list(line.get_ydata()) for line in ax.lines] == [[1.0, 0.5], [2.0, 1.0, 0.2]]


# =========================================================================== plot_loss_surface
def test_plot_loss_surface_draws_the_path_and_its_ends(blobs, ax):
    X, y = blobs
    _, history = gradient_descent(X, y, np.array([[-1.0, 3.0]]), lr=1.0, n_iters=12)
    assert plot_loss_surface(X, y, ax=ax, path=history["W"]) is ax
    path = history["W"][:, 0, :]
    line, dots, start, end = ax.lines
    np.testing.assert_array_equal(line.get_xydata(), path)
    assert line.get_linestyle() == "-"
    np.testing.assert_array_equal(dots.get_xydata(), path)
    assert dots.get_marker() == "."
    np.testing.assert_array_equal(start.get_xydata(), path[:1])
    assert start.get_marker() == "o"
    np.testing.assert_array_equal(end.get_xydata(), path[-1:])
    assert end.get_marker() == "*"
    for artist in (line, dots, start, end):
        assert to_rgba(artist.get_color()) == to_rgba(PATH_COLOR)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["start", "end"]
    assert ax.get_xlabel() == "$w_1$"
    assert ax.get_ylabel() == "$w_2$"


def test_plot_loss_surface_accepts_a_2d_path(blobs, ax):
    X, y = blobs
    path = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 1.5]])
    plot_loss_surface(X, y, ax=ax, path=path)
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), path)


def test_plot_loss_surface_contours_the_loss_grid(blobs, ax):
    X, y = blobs
    w1 = np.linspace(-1.0, 4.0, 30)
    w2 = np.linspace(-2.0, 3.0, 20)
    plot_loss_surface(X, y, ax=ax, w1=w1, w2=w2, levels=7)
    (cs,) = _contour_sets(ax)
    assert not cs.filled
    L = loss_grid(X, y, w1, w2)
    assert cs.zmin == pytest.approx(L.min(), rel=1e-12)
    assert cs.zmax == pytest.approx(L.max(), rel=1e-12)
    assert len(cs.levels) == 7
    # Levels lie strictly inside the grid's range and crowd towards the minimum.
    assert L.min() < cs.levels[0] and cs.levels[-1] < L.max()
    gaps = np.diff(cs.levels)
    assert np.all(np.diff(gaps) > 0)
    assert cs.levels[0] - L.min() < 0.05 * (L.max() - L.min())
    assert len(ax.texts) > 0  # the contours carry their loss values
    assert len(ax.lines) == 0  # no path given, nothing else drawn
    assert ax.get_legend() is None


def test_plot_loss_surface_default_grid_spans_the_path(blobs, ax):
    X, y = blobs
    path = np.array([[-3.0, 10.0], [6.0, 2.0]])
    plot_loss_surface(X, y, ax=ax, path=path)
    vertices = np.concatenate([p.vertices for p in _contour_sets(ax)[0].get_paths()])
    assert vertices[:, 0].min() < -3.0 and vertices[:, 0].max() > 6.0
    assert vertices[:, 1].min() < 2.0 and vertices[:, 1].max() > 10.0


# =========================================================================== all functions
@pytest.mark.parametrize(
    "draw",
    [
        lambda X, y, ax: plot_data(X, y, ax=ax),
        lambda X, y, ax: plot_decision_boundary(_model([[1.0, 1.0]]), X, y, ax=ax),
        lambda X, y, ax: plot_loss_curve([1.0, 0.5], ax=ax),
        lambda X, y, ax: plot_loss_surface(X, y, ax=ax, w1=[0.0, 1.0], w2=[0.0, 1.0]),
    ],
    ids=["plot_data", "plot_decision_boundary", "plot_loss_curve", "plot_loss_surface"],
)
def test_every_function_draws_on_the_passed_ax_only(blobs, draw):
    X, y = blobs
    fig, (ax_left, ax_right) = plt.subplots(1, 2)
    assert draw(X, y, ax_right) is ax_right
    assert ax_right.has_data()
    assert not ax_left.has_data()
    assert len(plt.get_fignums()) == 1  # no new figure was opened


# --------------------------------------------------------------------------- the lr sweep
def test_plot_lr_sweep_colours_each_regime_and_draws_both_lines():
    sweep = {
        "lr": np.array([0.1, 1.0, 30.0, 300.0]),
        "tail_loss": np.array([0.6, 0.25, 0.4, 9.0]),
        "regime": np.array(["too slow", "good", "oscillating", "oscillating"]),
    }
    ax = plot_lr_sweep(sweep, Figure().subplots(), bound=2.88, threshold=27.3)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == [*REGIMES, "bound 2/L = 2.88", "measured threshold 27.3"]
    dots = {line.get_label(): line for line in ax.lines if line.get_label() in REGIMES}
    for regime, line in dots.items():
        assert line.get_color() == REGIME_COLORS[regime]
        assert line.get_xdata().tolist() == sweep["lr"][sweep["regime"] == regime].tolist()
    assert set(REGIME_COLORS.values()) <= {"0.4", *SERIES_COLORS, PATH_COLOR}  # the palette
    assert ax.get_xscale() == ax.get_yscale() == "log"
