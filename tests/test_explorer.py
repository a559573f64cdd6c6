"""Tests of helpers.explorer: the critical step size, the regimes, and the explorer figure."""

import io
import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.data import make_blobs
from helpers.explorer import (
    REGIMES,
    ExplorerView,
    _half_plane,
    _nice_ceiling,
    classify_run,
    curvature_at,
    curvature_bound,
    encode_png,
    loss_minimum,
    measured_threshold,
    plot_explorer,
    plot_lr_sweep,
    sweep_learning_rates,
)
from helpers.model import accuracy, bce_loss, forward, gradient, predict
from helpers.training import gradient_descent, step_lengths

W0 = np.array([[-2.0, 4.0]])


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(100, seed=0)


@pytest.fixture(scope="module")
def view(blobs):
    return ExplorerView(*blobs, W0=W0)


# --------------------------------------------------------------------------- numbers
def test_curvature_bound_is_the_largest_eigenvalue_over_4n(blobs):
    X, _ = blobs
    eigenvalues = np.linalg.eigvals(X.T @ X).real  # a different routine from eigvalsh
    assert curvature_bound(X) == pytest.approx(eigenvalues.max() / (4 * X.shape[0]), rel=1e-12)


def test_curvature_bound_is_reached_at_zero_weights_and_exceeds_the_curvature_elsewhere(blobs):
    X, y = blobs
    L = curvature_bound(X)
    assert curvature_at(X, np.zeros((1, 2))) == pytest.approx(L, rel=1e-12)
    rng = np.random.default_rng(1)
    for W in rng.normal(scale=3.0, size=(20, 1, 2)):
        assert curvature_at(X, W) <= L * (1 + 1e-12)


def test_curvature_at_matches_finite_differences_of_the_gradient(blobs):
    X, y = blobs
    W = np.array([[0.7, -0.4]])
    eps = 1e-6
    H = np.empty((2, 2))
    for j in range(2):
        E = np.zeros((1, 2))
        E[0, j] = eps
        g_plus = gradient(X, y, forward(X, W + E))
        g_minus = gradient(X, y, forward(X, W - E))
        H[:, j] = ((g_plus - g_minus) / (2 * eps))[0]
    assert curvature_at(X, W) == pytest.approx(np.linalg.eigvalsh((H + H.T) / 2)[-1], rel=1e-6)


def test_loss_minimum_has_zero_gradient_and_the_smallest_loss(blobs):
    X, y = blobs
    W_star, loss_star = loss_minimum(X, y)
    assert W_star.shape == (1, 2)
    assert np.abs(gradient(X, y, forward(X, W_star))).max() < 1e-9
    assert loss_star == pytest.approx(bce_loss(y, forward(X, W_star)), rel=1e-12)
    W_gd, _ = gradient_descent(X, y, W0, lr=2.0, n_iters=2000)
    np.testing.assert_allclose(W_gd, W_star, atol=1e-8)


def test_loss_minimum_refuses_separable_data():
    X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0]])
    with pytest.raises(ValueError, match="no minimum"):
        loss_minimum(X, y)


def test_below_the_bound_the_loss_falls_at_every_step_from_any_start(blobs):
    X, y = blobs
    lr = 0.99 * 2.0 / curvature_bound(X)
    rng = np.random.default_rng(2)
    for start in rng.uniform(-6, 6, size=(10, 1, 2)):
        _, history = gradient_descent(X, y, start, lr=lr, n_iters=100)
        assert np.all(np.diff(history["loss"]) <= 1e-12)


# --------------------------------------------------------------------------- regimes
@pytest.mark.parametrize(
    ("losses", "expected"),
    [
        ([1.0, 0.9, 0.8, 0.7, 0.6], "too slow"),
        ([1.0, 0.5, 0.3, 0.2001, 0.2], "good"),
        ([1.0, 0.5, 0.6, 0.3, 0.2], "oscillating"),
        ([1.0, 2.0, 0.5, 0.4, 0.3], "oscillating"),
        ([1.0, 0.5, 3.0, 4.0, 5.0], "diverging"),
        ([1.0, 1.5], "diverging"),
        ([1.0, 0.2 + 1e-12], "good"),
    ],
)
def test_classify_run_on_made_up_histories(losses, expected):
    assert classify_run(losses, 0.2) == expected


def test_classify_run_ignores_rounding_noise_at_the_minimum():
    losses = np.array([1.0, 0.5, 0.25, 0.2, 0.2 + 1e-16, 0.2, 0.2 + 1e-16])
    assert classify_run(losses, 0.2) == "good"


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 0.5]], [1.0, np.nan]])
def test_classify_run_rejects_bad_histories(bad):
    with pytest.raises(ValueError, match="losses"):
        classify_run(bad, 0.2)


@pytest.mark.parametrize(
    ("lr", "expected"),
    [(0.01, "too slow"), (0.1, "too slow"), (3.0, "good"), (20.0, "good"),
     (50.0, "oscillating"), (100.0, "oscillating"), (1000.0, "diverging")],
)
def test_regimes_of_the_blobs(blobs, view, lr, expected):
    assert view.update(lr=lr, n_iters=100, W0=W0).regime == expected


def test_sweep_finds_the_threshold_of_the_curvature_at_the_minimum(blobs):
    X, y = blobs
    lrs = np.geomspace(1.0, 100.0, 201)  # steps of 2.3 %
    sweep = sweep_learning_rates(X, y, lrs, W0=W0, n_iters=300)
    assert set(sweep) == {"lr", "final_loss", "tail_loss", "regime"}
    assert all(r in REGIMES for r in sweep["regime"])
    threshold = measured_threshold(sweep)
    local = 2.0 / curvature_at(X, loss_minimum(X, y)[0])
    assert 2.0 / curvature_bound(X) < threshold
    assert local <= threshold <= local * 1.024
    stable = lrs < threshold
    assert not np.isin(sweep["regime"][stable], ("oscillating", "diverging")).any()


def test_measured_threshold_is_inf_when_every_run_is_stable(blobs):
    sweep = sweep_learning_rates(*blobs, [0.1, 0.2], W0=W0, n_iters=20)
    assert measured_threshold(sweep) == float("inf")


@pytest.mark.parametrize(
    ("lrs", "match"), [([1.0, 0.5], "increasing"), ([0.0, 1.0], "> 0"), ([[1.0]], "1-D")]
)
def test_sweep_validates_learning_rates(blobs, lrs, match):
    with pytest.raises(ValueError, match=match):
        sweep_learning_rates(*blobs, lrs, W0=W0, n_iters=5)


def test_plot_lr_sweep_draws_both_lines(blobs):
    sweep = sweep_learning_rates(*blobs, np.geomspace(1, 100, 15), W0=W0, n_iters=50)
    fig = Figure()
    ax = plot_lr_sweep(sweep, fig.subplots(), bound=2.88, threshold=27.3)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "bound 2/L = 2.88" in labels and "measured threshold 27.3" in labels
    assert ax.get_xscale() == "log"
    with pytest.raises(TypeError, match="ax"):
        plot_lr_sweep(sweep, ax="no")


# --------------------------------------------------------------------------- the figure
def test_half_plane_keeps_the_class_1_side():
    box = ((-1.0, 1.0), (-2.0, 2.0))
    corners = _half_plane(np.array([[1.0, 0.0]]), *box)
    assert corners[:, 0].min() == pytest.approx(0.0) and corners[:, 0].max() == 1.0
    assert _half_plane(np.zeros((1, 2)), *box).shape == (4, 2)  # sigma(0) = 0.5: all class 1
    W = np.array([[0.3, -1.2]])
    assert np.all(_half_plane(W, *box) @ W[0] >= -1e-12)


def test_artists_show_the_run(blobs, view):
    X, y = blobs
    state = view.update(lr=0.5, n_iters=40, W0=W0)
    W_gd, history = gradient_descent(X, y, W0, lr=0.5, n_iters=40)
    np.testing.assert_array_equal(state.W_history, history["W"])
    np.testing.assert_array_equal(view._path.get_xdata(), history["W"][:, 0, 0])
    np.testing.assert_array_equal(view._path.get_ydata(), history["W"][:, 0, 1])
    np.testing.assert_array_equal(view._loss_line.get_ydata(), history["loss"])
    np.testing.assert_array_equal(view._step_line.get_ydata(), step_lengths(history["W"]))
    np.testing.assert_array_equal(view._end.get_xydata(), W_gd)
    np.testing.assert_array_equal(view._start.get_xydata(), W0)
    # The boundary is the line x @ W.T = 0 and the shaded region its class-1 side.
    boundary = view._boundary.get_xydata()
    np.testing.assert_allclose(boundary @ W_gd.T, 0.0, atol=1e-9)
    assert np.all(view._region.get_xy() @ W_gd[0] >= -1e-9)
    assert state.accuracy == accuracy(y, predict(X, W_gd))
    assert f"accuracy {state.accuracy:.0%}" in view._acc_text.get_text()
    assert view.ax_loss.get_xlim() == (0.0, 40.0)
    assert view.ax_loss.get_ylim()[1] >= history["loss"].max()
    assert "learning rate 0.5, 40 iterations" in view._title.get_text()
    assert not view._regime_text.get_visible()


def test_diverging_run_is_labelled_and_drawn_in_full(view):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value warning
        state = view.update(lr=1000.0, n_iters=200, W0=W0)
        png = view.render_png()
    assert state.regime == "diverging"
    assert view._regime_text.get_visible()
    assert "DIVERGING" in view._regime_text.get_text()
    assert "diverging" in view._title.get_text()
    assert np.all(np.isfinite(state.losses)) and np.all(np.isfinite(state.W_history))
    assert view.ax_loss.get_ylim()[1] >= state.losses.max()  # the growing loss is not cut off
    assert view._off_text.get_visible()  # the path leaves the contour window, and says so
    assert png.startswith(b"\x89PNG")


def test_an_enormous_learning_rate_still_draws(view):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        state = view.update(lr=1e9, n_iters=200, W0=W0)
        rgba = view.render_rgba()
    assert state.regime == "diverging"
    assert np.isfinite(view.ax_step.get_ylim()).all()
    assert rgba.std() > 0  # not an empty picture


def test_render_png_changes_with_the_run_and_matches_a_full_draw(view):
    view.update(lr=0.05, n_iters=30, W0=W0)
    first = view.render_png()
    view.update(lr=5.0, n_iters=30, W0=W0)
    blitted = view.render_rgba().copy()
    assert view.render_png() != first
    view.fig.canvas.draw()  # everything from scratch
    full = np.asarray(view.fig.canvas.buffer_rgba())
    differs = np.any(blitted != full, axis=-1)
    assert differs.mean() < 0.01  # only anti-aliasing at a few edges differs
    view._background = None  # the full draw replaced the canvas: draw the background anew


def test_updates_add_no_artists_and_no_pyplot_figures(blobs):
    before = plt.get_fignums()
    view = ExplorerView(*blobs)
    counts = [len(ax.get_children()) for ax in view.fig.axes]
    for lr in (0.01, 1.0, 100.0, 1000.0):
        view.update(lr=lr, n_iters=20)
        view.render_png()
    assert [len(ax.get_children()) for ax in view.fig.axes] == counts
    assert plt.get_fignums() == before


def test_plot_explorer_draws_into_a_given_figure(blobs):
    X, y = blobs
    X_before, y_before = X.copy(), y.copy()
    fig = plt.figure(figsize=(10, 7.2))
    try:
        view = plot_explorer(X, y, lr=2.0, n_iters=25, W0=(-2.0, 4.0), fig=fig)
        assert view.fig is fig and len(fig.axes) == 4
        assert view.state.n_iters == 25 and view.state.lr == 2.0
        fig.canvas.draw()
    finally:
        plt.close(fig)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_the_window_holds_the_start(blobs):
    view = ExplorerView(*blobs, W0=(-9.0, 12.0))
    assert view.w1_lim[0] < -9.0 and view.w2_lim[1] > 12.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"X": np.ones((10, 3))}, ValueError, "2 features"),
        ({"y": np.ones(100)}, ValueError, "reshape"),
        ({"W0": (1.0, 2.0, 3.0)}, ValueError, "W0"),
        ({"fig": "figure"}, TypeError, "fig"),
        ({"w_window": -1.0}, ValueError, "w_window"),
    ],
)
def test_view_validates_its_arguments(blobs, kwargs, error, match):
    X, y = blobs
    args = {"X": X, "y": y, **kwargs}
    with pytest.raises(error, match=match):
        ExplorerView(args.pop("X"), args.pop("y"), **args)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": float("nan")}, ValueError, "lr"),
        ({"n_iters": 0}, ValueError, "n_iters"),
        ({"n_iters": 2.5}, TypeError, "n_iters"),
        ({"W0": [[1.0], [2.0]]}, ValueError, "transposed"),
    ],
)
def test_update_validates_its_arguments(view, kwargs, error, match):
    with pytest.raises(error, match=match):
        view.update(**{"lr": 1.0, "n_iters": 10, **kwargs})


def test_explorer_imports_neither_ipywidgets_nor_pyplot():
    code = ("import sys, helpers.explorer, helpers.model, helpers.plotting; "
            "print('ipywidgets' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_encode_png_round_trips_through_pillow():
    from PIL import Image

    rng = np.random.default_rng(3)
    rgba = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(rgba))))
    np.testing.assert_array_equal(decoded, rgba[..., :3])
    with pytest.raises(ValueError, match="uint8"):
        encode_png(rgba.astype(float))


def test_nice_ceiling_rounds_up_to_round_numbers():
    assert [_nice_ceiling(v) for v in (0.7, 1.0, 1.05, 2.6, 37.0, 200.0, 201.0)] == pytest.approx(
        [0.8, 1.0, 1.2, 3.0, 40.0, 200.0, 250.0])


def test_a_state_renders_the_same_from_the_tick_cache(blobs):
    view = ExplorerView(*blobs, W0=W0)
    view.update(lr=0.3, n_iters=40)
    first = view.render_png()  # ticks drawn, then cached
    view.update(lr=300.0, n_iters=90)
    view.render_png()
    view.update(lr=0.3, n_iters=40)
    assert view.render_png() == first  # ticks pasted from the cache
