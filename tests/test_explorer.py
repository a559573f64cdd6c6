"""Tests of helpers.explorer: the explorer's view, through its state and its pixels."""

import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers.data import make_blobs
from helpers.explorer import ExplorerView, plot_explorer
from helpers.learning_rate import REGIMES, classify_run, loss_minimum
from helpers.model import accuracy, predict
from helpers.plotting import REGIME_COLORS
from helpers.training import gradient_descent, step_lengths

W0 = np.array([[-2.0, 4.0]])
W0.flags.writeable = False  # shared by every test: a helper that wrote to it would fail


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


@pytest.fixture
def view(blobs):
    return ExplorerView(*blobs, W0=W0)


def _full_draw(view) -> np.ndarray:
    """The figure drawn from scratch by matplotlib, without blitting."""
    view.fig.canvas.draw()
    return np.asarray(view.fig.canvas.buffer_rgba()).copy()


def _pixels_of(rgba, color, ax) -> int:
    """How many pixels inside ``ax`` have exactly ``color``."""
    box = ax.get_window_extent()
    height = rgba.shape[0]
    part = rgba[int(height - box.y1) : int(height - box.y0), int(box.x0) : int(box.x1), :3]
    target = np.round(np.array(to_rgb(color)) * 255).astype(np.uint8)
    return int(np.all(part == target, axis=-1).sum())


# --------------------------------------------------------------------------- the state
def test_the_state_is_the_run_of_gradient_descent(blobs, view):
    X, y = blobs
    state = view.update(lr=0.5, n_iters=40, W0=W0)
    W_gd, history = gradient_descent(X, y, W0, lr=0.5, n_iters=40)
    assert view.state is state and (state.lr, state.n_iters) == (0.5, 40)
    np.testing.assert_array_equal(state.W_history, history["W"])
    np.testing.assert_array_equal(state.losses, history["loss"])
    np.testing.assert_array_equal(state.steps, step_lengths(history["W"]))
    assert state.regime == classify_run(history["loss"], view.loss_star)
    assert state.accuracy == accuracy(y, predict(X, W_gd))
    assert view.ax_loss.get_xlim() == (0.0, 40.0)
    assert view.ax_loss.get_ylim()[1] >= history["loss"].max()
    assert view.loss_star == loss_minimum(X, y)[1]


@pytest.mark.parametrize(
    ("lr", "expected"),
    [
        (0.01, "too slow"),
        (0.1, "too slow"),
        (3.0, "good"),
        (20.0, "good"),
        (50.0, "oscillating"),
        (100.0, "oscillating"),
        (1000.0, "oscillating"),
    ],
)
def test_regimes_of_the_blobs(view, lr, expected):
    assert view.update(lr=lr, n_iters=100, W0=W0).regime == expected


def test_the_window_holds_the_start(blobs):
    view = ExplorerView(*blobs, W0=(-9.0, 12.0))
    assert view.w1_lim[0] < -9.0 and view.w2_lim[1] > 12.0


# --------------------------------------------------------------------------- the pixels
@pytest.mark.parametrize("lr", [0.05, 5.0, 1000.0])
def test_blitted_pixels_match_a_full_draw(view, lr):
    view.update(lr=lr, n_iters=30, W0=W0)
    blitted = view.render_rgba().copy()
    differs = np.any(blitted != _full_draw(view), axis=-1)
    assert differs.mean() < 0.01  # only anti-aliasing at a few edges differs
    np.testing.assert_array_equal(view.render_rgba(), blitted)  # after a full draw, too


def test_the_picture_changes_with_the_run_and_comes_back(view):
    view.update(lr=0.3, n_iters=40)
    first = view.render_rgba().copy()
    view.update(lr=300.0, n_iters=90)
    assert np.any(view.render_rgba() != first)
    view.update(lr=0.3, n_iters=40)
    np.testing.assert_array_equal(view.render_rgba(), first)


def test_an_oscillating_run_is_labelled_in_the_loss_panel(view):
    oscillating = REGIME_COLORS["oscillating"]
    view.update(lr=1.0, n_iters=50)
    assert _pixels_of(view.render_rgba(), oscillating, view.ax_loss) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value warning
        state = view.update(lr=1000.0, n_iters=200, W0=W0)
        rgba = view.render_rgba()
    assert state.regime == "oscillating"
    assert _pixels_of(rgba, oscillating, view.ax_loss) > 200  # the framed OSCILLATING label
    assert view.ax_loss.get_ylim()[1] >= state.losses.max()  # the growing loss is not cut off
    assert np.all(np.isfinite(state.losses)) and np.all(np.isfinite(state.W_history))


def test_an_enormous_learning_rate_still_draws(view):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        state = view.update(lr=1e9, n_iters=200, W0=W0)
        rgba = view.render_rgba()
    assert state.regime == "oscillating"
    assert np.isfinite(view.ax_step.get_ylim()).all()
    assert rgba.std() > 0  # not an empty picture


def test_the_class_1_region_follows_the_weights(blobs, view):
    X, _ = blobs
    region_1 = view.fig.axes[0].patches[0].get_facecolor()  # drawn over class 0's background
    view.update(lr=1.0, n_iters=50)
    before = _pixels_of(view.render_rgba(), region_1, view.ax_data)
    view.update(lr=1.0, n_iters=50, W0=(4.0, -2.0))  # from the other side: another boundary
    after = _pixels_of(view.render_rgba(), region_1, view.ax_data)
    assert before > 1000 and after > 1000 and before != after


def test_updates_add_no_artists_and_no_pyplot_figures(blobs):
    before = plt.get_fignums()
    view = ExplorerView(*blobs)
    counts = [len(ax.get_children()) for ax in view.fig.axes]
    for lr in (0.01, 1.0, 100.0, 1000.0):
        view.update(lr=lr, n_iters=20)
        view.render_rgba()
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
        assert view.state.regime in REGIMES
        assert _full_draw(view).std() > 0
    finally:
        plt.close(fig)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


# --------------------------------------------------------------------------- bad input


def test_view_refuses_separable_data_with_a_true_message():
    X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0]])
    with pytest.raises(ValueError, match="split exactly"):
        ExplorerView(X, y)
    view = ExplorerView(np.vstack([X, X[:1]]), np.vstack([y, [[0.0]]]))  # a minimum exists
    assert view.loss_star > 0


def test_explorer_imports_neither_ipywidgets_nor_pyplot():
    code = (
        "import sys, helpers.explorer, helpers.explorer_panels, helpers.learning_rate, "
        "helpers.plotting; "
        "print('ipywidgets' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_title_prints_a_notch_of_the_slider_to_three_digits(view):
    view.update(lr=10.0**1.7, n_iters=20, W0=W0)  # the slider's notch nearest 50
    texts = [text.get_text() for text in view.fig.texts]
    assert any(text.startswith("learning rate 50.1, 20 iterations") for text in texts)
