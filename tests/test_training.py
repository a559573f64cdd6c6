"""Unit tests of helpers.training: gradient descent on logistic regression."""

import numpy as np
import pytest

from helpers.data import make_blobs
from helpers.model import accuracy, bce_loss, forward, gradient, predict
from helpers.training import gradient_descent, step_lengths

LOG2 = float(np.log(2.0))


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


# =========================================================================== gradient_descent
def test_gradient_descent_history_shapes(blobs):
    X, y = blobs
    W_final, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=7)
    assert W_final.shape == (1, 2)
    assert set(history) == {"W", "loss"}
    assert history["W"].shape == (8, 1, 2)
    assert history["loss"].shape == (8,)


def test_gradient_descent_history_starts_at_the_start_and_ends_at_W_final(blobs):
    X, y = blobs
    W0 = np.array([[-2.0, 3.0]])
    W_final, history = gradient_descent(X, y, W0, lr=0.3, n_iters=10)
    np.testing.assert_array_equal(history["W"][0], W0)
    np.testing.assert_array_equal(history["W"][-1], W_final)
    assert history["loss"][0] == pytest.approx(bce_loss(y, forward(X, W0)), rel=1e-12)


def test_gradient_descent_history_loss_is_the_loss_at_each_W(blobs):
    X, y = blobs
    _, history = gradient_descent(X, y, np.array([[-1.0, 0.5]]), lr=1.0, n_iters=25)
    expected = [bce_loss(y, forward(X, W_k)) for W_k in history["W"]]
    np.testing.assert_allclose(history["loss"], expected, rtol=1e-12)


def test_gradient_descent_each_step_is_one_gradient_step(blobs):
    X, y = blobs
    lr = 0.7
    _, history = gradient_descent(X, y, np.array([[0.5, -0.5]]), lr=lr, n_iters=6)
    for W_k, W_next in zip(history["W"][:-1], history["W"][1:], strict=True):
        expected = W_k - lr * gradient(X, y, forward(X, W_k))
        np.testing.assert_allclose(W_next, expected, rtol=1e-13, atol=1e-15)


def test_gradient_descent_loss_decreases_for_a_small_lr(blobs):
    X, y = blobs
    _, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.1, n_iters=100)
    losses = history["loss"]
    assert losses[0] == pytest.approx(LOG2, rel=1e-15)  # W = 0 predicts 0.5 everywhere
    assert np.all(np.diff(losses) < 0)
    assert losses[-1] < 0.5 * losses[0]


def test_gradient_descent_learns_the_blobs(blobs):
    X, y = blobs
    W_final, _ = gradient_descent(X, y, np.zeros((1, 2)), lr=1.0, n_iters=200)
    # The classes sit around (-1, -1) and (1, 1): both weights end up positive.
    assert np.all(W_final > 0)
    assert accuracy(y, predict(X, W_final)) >= 0.85


def test_gradient_descent_with_zero_iterations(blobs):
    X, y = blobs
    W0 = np.array([[1.0, -1.0]])
    W_final, history = gradient_descent(X, y, W0, lr=0.1, n_iters=0)
    np.testing.assert_array_equal(W_final, W0)
    assert history["W"].shape == (1, 1, 2)
    np.testing.assert_array_equal(history["W"][0], W0)
    assert history["loss"].shape == (1,)
    assert history["loss"][0] == pytest.approx(bce_loss(y, forward(X, W0)), rel=1e-12)


def test_gradient_descent_does_not_modify_inputs(blobs):
    X, y = blobs
    W = np.array([[0.3, -0.2]])
    copies = [a.copy() for a in (X, y, W)]
    W_final, history = gradient_descent(X, y, W, lr=0.5, n_iters=5)
    for a, a0 in zip((X, y, W), copies, strict=True):
        np.testing.assert_array_equal(a, a0)
    assert W_final is not W
    assert not np.shares_memory(W_final, W)
    assert not np.shares_memory(history["W"], W_final)


def test_gradient_descent_is_deterministic(blobs):
    X, y = blobs
    W1, h1 = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=20)
    W2, h2 = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=20)
    np.testing.assert_array_equal(W1, W2)
    np.testing.assert_array_equal(h1["W"], h2["W"])
    np.testing.assert_array_equal(h1["loss"], h2["loss"])


def test_gradient_descent_accepts_lists_and_int_lr():
    X = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]
    y = [[1], [1], [0]]
    W_final, history = gradient_descent(X, y, [[0, 0]], lr=1, n_iters=3)
    assert W_final.dtype == np.float64
    assert history["W"].shape == (4, 1, 2)


def test_gradient_descent_works_with_a_bias_column():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    X_b = np.hstack([X, np.ones((4, 1))])
    y = np.array([[0.0], [0.0], [1.0], [1.0]])
    W_final, history = gradient_descent(X_b, y, np.zeros((1, 2)), lr=1.0, n_iters=300)
    assert history["loss"][-1] < 0.2
    # The boundary w x + b = 0 falls between the classes, at x = 1.5.
    assert -W_final[0, 1] / W_final[0, 0] == pytest.approx(1.5, abs=0.1)


@pytest.mark.parametrize("lr", [0, 0.0, -0.1, np.nan, np.inf, -np.inf])
def test_gradient_descent_refuses_bad_lr_values(blobs, lr):
    X, y = blobs
    with pytest.raises(ValueError, match="^lr must be a finite number > 0"):
        gradient_descent(X, y, np.zeros((1, 2)), lr=lr, n_iters=1)


@pytest.mark.parametrize("lr", [True, "0.1", None, [0.1]])
def test_gradient_descent_refuses_non_number_lr(blobs, lr):
    X, y = blobs
    with pytest.raises(TypeError, match="^lr must be a positive number"):
        gradient_descent(X, y, np.zeros((1, 2)), lr=lr, n_iters=1)


@pytest.mark.parametrize("n_iters", [1.0, 10.5, True, "10", None])
def test_gradient_descent_refuses_non_integer_n_iters(blobs, n_iters):
    X, y = blobs
    with pytest.raises(TypeError, match="^n_iters must be an integer >= 0"):
        gradient_descent(X, y, np.zeros((1, 2)), lr=0.1, n_iters=n_iters)


def test_gradient_descent_refuses_negative_n_iters(blobs):
    X, y = blobs
    with pytest.raises(ValueError, match="^n_iters must be an integer >= 0; got -1"):
        gradient_descent(X, y, np.zeros((1, 2)), lr=0.1, n_iters=-1)


def test_gradient_descent_lr_and_n_iters_are_keyword_only(blobs):
    X, y = blobs
    with pytest.raises(TypeError):
        gradient_descent(X, y, np.zeros((1, 2)), 0.1, 10)


@pytest.mark.parametrize(
    ("y", "W", "pattern"),
    [
        (np.zeros(100), np.zeros((1, 2)), r"^y must have shape \(100, 1\); got shape \(100,\)"),
        (np.zeros((99, 1)), np.zeros((1, 2)), r"^y must have shape \(100, 1\) to match"),
        (np.full((100, 1), 2.0), np.zeros((1, 2)), "^y must contain only the labels 0 and 1"),
        (np.zeros((100, 1)), np.zeros((2, 1)), r"^W must have shape \(1, 2\).*transposed"),
        (np.zeros((100, 1)), np.zeros((1, 3)), r"^W must have shape \(1, 2\)"),
        (np.zeros((100, 1)), np.array([[np.nan, 0.0]]), "^W must contain only finite"),
    ],
)
def test_gradient_descent_validates(blobs, y, W, pattern):
    X, _ = blobs
    with pytest.raises(ValueError, match=pattern):
        gradient_descent(X, y, W, lr=0.1, n_iters=1)


def test_gradient_descent_validates_X():
    with pytest.raises(ValueError, match="^X must contain only finite numbers"):
        gradient_descent(np.array([[np.nan, 1.0]]), [[1.0]], [[0.0, 0.0]], lr=0.1, n_iters=1)


@pytest.mark.parametrize(
    ("scale", "lr", "cause"),
    [
        (1e306, 0.1, "the scale of X is the cause"),  # X huge, ordinary lr
        (1.0, 1e308, "the learning rate is the cause"),  # ordinary X, absurd lr
    ],
)
def test_gradient_descent_names_the_real_cause_of_overflow_without_warnings(
    blobs, scale, lr, cause
):
    # pytest turns RuntimeWarning into an error, so a leaked NumPy warning fails here too.
    X, y = blobs
    with pytest.raises(FloatingPointError, match=f"overflowed after 1 update.*{cause}"):
        gradient_descent(X * scale, y, np.zeros((1, 2)), lr=lr, n_iters=5)


def test_gradient_descent_overflow_at_the_start_blames_X_and_W(blobs):
    X, y = blobs
    with pytest.raises(FloatingPointError, match="after 0 updates.*starting W.*rescale"):
        gradient_descent(X * 1e200, y, np.full((1, 2), 1e200), lr=0.1, n_iters=5)


def test_gradient_descent_refuses_a_history_too_large_before_allocating(blobs):
    X, y = blobs
    with pytest.raises(ValueError, match=r"n_iters=1,000,000,000,000 would need 24,000\.0 GB"):
        gradient_descent(X, y, np.zeros((1, 2)), lr=0.1, n_iters=10**12)


# =========================================================================== step_lengths
def test_step_lengths_values():
    W_history = np.array([[[0.0, 0.0]], [[3.0, 4.0]], [[3.0, 4.0]], [[2.0, 4.0]]])
    np.testing.assert_allclose(step_lengths(W_history), [5.0, 0.0, 1.0], rtol=1e-15)


def test_step_lengths_of_gradient_descent_history(blobs):
    X, y = blobs
    lr = 0.5
    _, history = gradient_descent(X, y, np.zeros((1, 2)), lr=lr, n_iters=5)
    steps = step_lengths(history["W"])
    assert steps.shape == (5,)
    expected = [lr * np.linalg.norm(gradient(X, y, forward(X, W_k))) for W_k in history["W"][:-1]]
    np.testing.assert_allclose(steps, expected, rtol=1e-12)


def test_step_lengths_of_a_single_point_is_empty():
    assert step_lengths(np.zeros((1, 1, 2))).shape == (0,)


@pytest.mark.parametrize(
    ("W_history", "pattern"),
    [
        (np.zeros((4, 2)), "^W_history must be a 3-D array"),
        (np.zeros((4, 2, 2)), r"^W_history must have shape \(n_iters \+ 1, 1, n_features\)"),
        (np.full((2, 1, 2), np.nan), "^W_history must contain only finite"),
    ],
)
def test_step_lengths_validates(W_history, pattern):
    with pytest.raises(ValueError, match=pattern):
        step_lengths(W_history)
