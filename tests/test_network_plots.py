"""Unit tests of helpers.network_plots and helpers.hidden_space: what is drawn, not pixels."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from helpers.data import make_moons, make_xor
from helpers.hidden_space import hidden_view, plot_hidden_space
from helpers.mlp import forward, init_params
from helpers.model import sigmoid
from helpers.network_plots import NetworkRunView, plot_network_run, plot_unit_votes
from helpers.probability_map import PROBA_CMAP, PROBA_LEVELS
from helpers.training import train


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def xor():
    return make_xor(40, noise=0.1, seed=0)


def _meshes(ax):
    return [c for c in ax.collections if isinstance(c, QuadMesh)]


def _scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def _contours(ax):
    """The contour lines (the probability's shading is a filled ContourSet too)."""
    return [c for c in ax.collections if isinstance(c, ContourSet) and not c.filled]


def test_hidden_view_is_the_activations_for_two_units():
    params = init_params(2, 2, seed=0)
    A1 = np.random.default_rng(0).uniform(-1, 1, (10, 2))
    coords, labels = hidden_view(params, A1)
    np.testing.assert_array_equal(coords, A1)
    assert "unit 1" in labels[0] and "unit 2" in labels[1]


def test_hidden_view_puts_the_output_direction_first_for_more_units():
    rng = np.random.default_rng(1)
    params = init_params(2, 5, seed=1)
    A1 = rng.standard_normal((50, 5))
    coords, _ = hidden_view(params, A1)
    W2 = params["W2"][0]
    # the first coordinate is z2 - b2 over |W2|: the output reads nothing else
    np.testing.assert_allclose(coords[:, 0], A1 @ W2 / np.linalg.norm(W2))
    # the second is a unit direction orthogonal to W2: A1 splits into the two and a rest
    # orthogonal to both, so its spread is at most what is left across W2
    across = np.linalg.lstsq(A1, coords[:, 1], rcond=None)[0]
    assert abs(across @ W2) < 1e-10 and np.linalg.norm(across) == pytest.approx(1.0)
    rest = A1 - np.outer(A1 @ W2, W2) / (W2 @ W2)
    assert np.var(coords[:, 1]) == pytest.approx(np.linalg.eigvalsh(np.cov(rest.T, bias=True))[-1])


def test_plot_hidden_space_draws_the_output_line_where_z2_is_zero(xor):
    X, y = xor
    params, _ = train(X, y, n_hidden=2, lr=1.0, n_epochs=50, seed=2)
    ax = plot_hidden_space(params, X, y, ax=Figure().subplots(), resolution=30)
    A1 = forward(X, params)[1]["A1"]
    offsets = np.concatenate([s.get_offsets() for s in _scatters(ax)])
    np.testing.assert_allclose(np.sort(offsets, axis=0), np.sort(A1, axis=0))
    (contour,) = _contours(ax)
    vertices = np.concatenate([p.vertices for p in contour.get_paths()])
    z2 = vertices @ params["W2"][0] + params["b2"][0, 0]
    assert np.max(np.abs(z2)) < 0.05 * np.linalg.norm(params["W2"])  # on the line, to the grid


def test_plot_hidden_space_with_eight_units_separates_trained_moons_by_a_vertical_line():
    X, y = make_moons(100, noise=0.1, seed=0)
    params, history = train(X, y, n_hidden=8, lr=1.0, n_epochs=1000, seed=0)
    assert history["accuracy"][-1] == 1.0
    ax = plot_hidden_space(params, X, y, ax=Figure().subplots(), resolution=30)
    class0, class1 = (s.get_offsets()[:, 0] for s in _scatters(ax))
    threshold = -params["b2"][0, 0] / np.linalg.norm(params["W2"])
    assert class0.max() < threshold < class1.min()


def test_plot_unit_votes_draws_each_vote_b2_and_the_output():
    X, y = make_moons(60, noise=0.1, seed=0)
    params, _ = train(X, y, n_hidden=4, lr=1.0, n_epochs=100, seed=0)
    fig = Figure()
    axes = plot_unit_votes(params, X, y, fig=fig, resolution=12, padding=0.0)
    assert axes.shape == (2, 3)
    lo, hi = X.min(axis=0), X.max(axis=0)
    G1, G2 = np.meshgrid(np.linspace(lo[0], hi[0], 12), np.linspace(lo[1], hi[1], 12))
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    y_hat, cache = forward(grid, params)
    votes = cache["A1"] * params["W2"]
    limit = max(np.abs(votes).max(), abs(params["b2"][0, 0]))
    for j, ax in enumerate(axes.flat[:4]):
        (mesh,) = _meshes(ax)
        np.testing.assert_allclose(np.asarray(mesh.get_array()).ravel(), votes[:, j])
        assert (mesh.norm.vmin, mesh.norm.vmax) == pytest.approx((-limit, limit))  # one scale
    (b2_mesh,) = _meshes(axes[1, 1])
    np.testing.assert_allclose(np.asarray(b2_mesh.get_array()), params["b2"][0, 0])
    # the output panel: y_hat on the series' probability shading (helpers.probability_map)
    (shading,) = [c for c in axes[1, 2].collections if isinstance(c, ContourSet) and c.filled]
    assert shading.get_cmap() is PROBA_CMAP and shading.levels.tolist() == PROBA_LEVELS.tolist()
    assert _meshes(axes[1, 2]) == []
    # the output is sigma of the sum of the drawn terms: the panels account for all of z2
    np.testing.assert_allclose(sigmoid(votes.sum(axis=1) + params["b2"][0, 0]), y_hat[:, 0])
    assert all(len(_scatters(ax)) == 2 for ax in axes.flat[:6])
    assert len(fig.axes) == 6 + 2  # two colour bars: the terms', and y_hat's


def test_plot_unit_votes_switches_off_the_unused_panels():
    X, y = make_moons(30, noise=0.1, seed=0)
    axes = plot_unit_votes(init_params(2, 2, seed=0), X, y, fig=Figure(), resolution=5)
    assert axes.shape == (2, 3)
    assert [ax.axison for ax in axes.flat] == [True, True, True, True, False, False]


def test_plot_network_run_trains_the_network_of_train_and_reuses_the_figure():
    X, y = make_moons(40, noise=0.1, seed=0)
    fig = Figure()
    for _ in range(2):  # drawn twice on one figure: cleared, not stacked
        plot_network_run(X, y, n_hidden=3, lr=0.5, n_epochs=20, seed=1, fig=fig, label="moons")
    assert len(fig.axes) == 2
    _, history = train(X, y, n_hidden=3, lr=0.5, n_epochs=20, seed=1)
    ax_b, ax_l = fig.axes
    np.testing.assert_array_equal(ax_l.get_lines()[0].get_ydata(), history["loss"])
    assert ax_b.get_title() == f"moons, 3 hidden units, lr = 0.5: {history['accuracy'][-1]:.0%}"
    assert ax_l.get_yscale() == "log"


def test_network_run_view_shows_the_run_of_train_on_a_loss_axis_of_powers_of_ten():
    X, y = make_moons(40, noise=0.1, seed=0)
    view = NetworkRunView()
    params, history = view.show(X, y, n_hidden=3, lr=0.5, n_epochs=30, seed=1)
    want_params, want_history = train(X, y, n_hidden=3, lr=0.5, n_epochs=30, seed=1)
    np.testing.assert_array_equal(params["W1"], want_params["W1"])
    np.testing.assert_array_equal(history["loss"], want_history["loss"])
    (curve,) = view.ax_loss.get_lines()
    np.testing.assert_array_equal(curve.get_xdata(), np.arange(31))
    np.testing.assert_array_equal(curve.get_ydata(), history["loss"])
    low, high = view.ax_loss.get_ylim()
    assert low <= history["loss"].min() and history["loss"].max() <= high
    # powers of ten, the nearest ones around the curve
    assert np.log10(low) == np.floor(np.log10(history["loss"].min()))
    assert np.log10(high) == np.ceil(np.log10(history["loss"].max()))
    assert view.ax_loss.get_xlim() == (0.0, 30.0)
    assert view.ax_map.get_title() == f"3 hidden units, lr = 0.5: {history['accuracy'][-1]:.0%}"
    assert view.ax_loss.get_title() == f"final loss {history['loss'][-1]:.4f}"


def test_network_run_view_replaces_the_shading_and_redraws_the_points_for_new_data(xor):
    moons = make_moons(40, noise=0.1, seed=0)
    view = NetworkRunView()
    counts = []
    for X, y in (moons, moons, xor):
        view.show(X, y, n_hidden=2, lr=1.0, n_epochs=5)
        counts.append(len(view.ax_map.collections))  # shading, 0.5 contour, two classes
        offsets = np.concatenate([c.get_offsets() for c in _scatters(view.ax_map)])
        np.testing.assert_array_equal(np.sort(offsets, axis=0), np.sort(X, axis=0))
        lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
        assert view.ax_map.get_xlim() == pytest.approx((lo[0], hi[0]))
        assert view.ax_map.get_ylim() == pytest.approx((lo[1], hi[1]))
    assert counts == [4, 4, 4]  # replaced, never stacked


def test_network_run_view_renders_what_a_full_draw_draws(xor):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    moons = make_moons(40, noise=0.1, seed=0)
    view = NetworkRunView(dpi=50)
    # new data, new loss limits, then limits seen before: frames drawn and frames kept
    for (X, y), lr in ((moons, 0.5), (xor, 5.0), (moons, 0.5), (moons, 0.05)):
        view.show(X, y, n_hidden=3, lr=lr, n_epochs=40)
        fast = np.asarray(view.render_rgba())[..., :3].copy()
        fig = Figure(figsize=(10, 4), dpi=50)
        canvas = FigureCanvasAgg(fig)
        plot_network_run(X, y, n_hidden=3, lr=lr, n_epochs=40, fig=fig)
        canvas.draw()
        full = np.asarray(canvas.buffer_rgba())[..., :3]
        assert fast.shape == full.shape == (200, 500, 3)
        # only where a tick mark meets the edge of the shading
        assert np.mean(np.any(fast != full, axis=2)) < 1e-4


def test_network_run_view_shows_a_run_of_no_epochs_on_a_decade():
    X, y = make_moons(40, noise=0.1, seed=0)
    view = NetworkRunView()
    _, history = view.show(X, y, n_hidden=2, lr=0.5, n_epochs=0)
    low, high = view.ax_loss.get_ylim()
    assert high == 10 * low and low <= history["loss"][0] <= high  # the starting loss, 0.69
    assert view.ax_loss.get_xlim() == (0.0, 1.0)
    assert view.render_rgba().shape == (320, 800, 4)  # 10 x 4 inches at 80 dpi
