"""Tests of helpers.learning_rate: curvature, the minimum, the regimes and the sweep."""

import warnings

import numpy as np
import pytest

from helpers.data import make_blobs
from helpers.learning_rate import (
    REGIMES,
    classify_run,
    curvature_at,
    curvature_bound,
    loss_minimum,
    measured_threshold,
    sweep_learning_rates,
)
from helpers.model import bce_loss, forward, gradient
from helpers.training import gradient_descent

W0 = np.array([[-2.0, 4.0]])
W0.flags.writeable = False  # shared by every test: a helper that wrote to it would fail


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


# --------------------------------------------------------------------------- curvature
def test_curvature_bound_is_the_largest_eigenvalue_over_4n(blobs):
    X, _ = blobs
    eigenvalues = np.linalg.eigvals(X.T @ X).real  # a different routine from eigvalsh
    assert curvature_bound(X) == pytest.approx(eigenvalues.max() / (4 * X.shape[0]), rel=1e-12)


def test_curvature_bound_is_reached_at_zero_weights_and_exceeds_the_curvature_elsewhere(blobs):
    X, _ = blobs
    L = curvature_bound(X)
    assert curvature_at(X, np.zeros((1, 2))) == pytest.approx(L, rel=1e-12)
    for W in np.random.default_rng(1).normal(scale=3.0, size=(20, 1, 2)):
        assert curvature_at(X, W) <= L * (1 + 1e-12)


def test_curvature_at_matches_finite_differences_of_the_gradient(blobs):
    X, y = blobs
    W, eps = np.array([[0.7, -0.4]]), 1e-6
    H = np.empty((2, 2))
    for j in range(2):
        E = np.zeros((1, 2))
        E[0, j] = eps
        H[:, j] = (
            (gradient(X, y, forward(X, W + E)) - gradient(X, y, forward(X, W - E))) / (2 * eps)
        )[0]
    assert curvature_at(X, W) == pytest.approx(np.linalg.eigvalsh((H + H.T) / 2)[-1], rel=1e-6)


def test_curvature_at_has_no_cancellation_and_is_the_same_for_minus_W():
    X = np.array([[1.0], [2.0]])
    W = np.array([[22.0]])  # sigma(44) rounds to 1, so p * (1 - p) would be 0 there
    z = np.array([22.0, 44.0])
    expected = np.sum(np.exp(-z) / (1 + np.exp(-z)) ** 2 * X[:, 0] ** 2) / 2
    assert curvature_at(X, W) == pytest.approx(expected, rel=1e-12)
    assert curvature_at(X, -W) == curvature_at(X, W)


def test_huge_X_gives_a_clear_error_and_no_warning(blobs):
    X, _ = blobs
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert curvature_bound(X * 1e100) == pytest.approx(curvature_bound(X) * 1e200, rel=1e-12)
        with pytest.raises(ValueError, match="X is too large"):
            curvature_bound(X * 1e200)
        with pytest.raises(ValueError, match="X is too large"):
            curvature_at(X * 1e200, np.zeros((1, 2)))


# --------------------------------------------------------------------------- the minimum
def test_loss_minimum_has_zero_gradient_and_the_smallest_loss(blobs):
    X, y = blobs
    W_star, loss_star = loss_minimum(X, y)
    assert W_star.shape == (1, 2)
    assert np.abs(gradient(X, y, forward(X, W_star))).max() < 1e-9
    assert loss_star == pytest.approx(bce_loss(y, forward(X, W_star)), rel=1e-12)
    assert f"{loss_star:.6f}" == "0.244316"  # scikit-learn's value, no penalty, no intercept
    W_gd, _ = gradient_descent(X, y, W0, lr=2.0, n_iters=2000)
    np.testing.assert_allclose(W_gd, W_star, atol=1e-8)


@pytest.mark.parametrize(
    ("transform", "same_columns"),
    [
        (lambda X: np.hstack([X, X[:, :1]]), True),  # a duplicated column
        (lambda X: np.hstack([X, np.zeros((X.shape[0], 1))]), True),  # a zero column
        (lambda X: np.hstack([X, -3.0 * X[:, 1:]]), True),  # two collinear features
        (lambda X: X * 1e-6, True),  # badly scaled
        (lambda X: X * 1e200, True),
        (lambda X: np.hstack([X, np.ones((X.shape[0], 2))]), False),  # the bias column twice
    ],
    ids=["duplicate", "zero", "collinear", "tiny", "huge", "bias-twice"],
)
def test_loss_minimum_of_rank_deficient_and_badly_scaled_data(blobs, transform, same_columns):
    X, y = blobs
    X2 = transform(X)
    W_star, loss_star = loss_minimum(X2, y)
    assert W_star.shape == (1, X2.shape[1])
    assert np.abs(gradient(X2, y, forward(X2, W_star)) / np.abs(X2).max()).max() < 1e-9
    assert loss_star == pytest.approx(bce_loss(y, forward(X2, W_star)), rel=1e-9)
    if same_columns:  # the columns span the same plane as X's: the same smallest loss
        assert f"{loss_star:.6f}" == "0.244316"
    else:  # one bias column gives the same smallest loss as two
        assert loss_star == pytest.approx(loss_minimum(X2[:, :3], y)[1], rel=1e-12)


@pytest.mark.parametrize("scale", [1.0, 1e-6, 1e200])
def test_loss_minimum_says_separable_only_for_separable_data(scale):
    X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]]) * scale
    y = np.array([[1.0], [1.0], [0.0], [0.0]])
    with pytest.raises(ValueError, match="split exactly"):
        loss_minimum(X, y)
    with pytest.raises(ValueError, match="split exactly"):
        loss_minimum(np.hstack([X, X]), y)


def test_loss_minimum_refuses_an_infimum_it_cannot_reach_without_saying_separable():
    # x1 splits all points but two on the line x1 = 0, which have both labels.
    X = np.array([[1.0, 0.0], [2.0, 0.0], [-1.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0], [1.0], [0.0]])
    with pytest.raises(ValueError, match="no minimum") as info:
        loss_minimum(X, y)
    assert "split exactly" not in str(info.value)


def test_loss_minimum_of_zero_data_is_log_2():
    W_star, loss_star = loss_minimum(np.zeros((3, 2)), [[1.0], [0.0], [1.0]])
    assert W_star.tolist() == [[0.0, 0.0]] and loss_star == pytest.approx(np.log(2), rel=1e-15)


def test_below_the_bound_the_loss_falls_at_every_step_from_any_start(blobs):
    X, y = blobs
    lr = 0.99 * 2.0 / curvature_bound(X)
    for start in np.random.default_rng(2).uniform(-6, 6, size=(10, 1, 2)):
        _, history = gradient_descent(X, y, start, lr=lr, n_iters=100)
        assert np.all(np.diff(history["loss"]) <= 1e-12)


# --------------------------------------------------------------------------- regimes
@pytest.mark.parametrize(
    ("losses", "expected"),
    [
        ([1.0, 0.9, 0.8, 0.7, 0.6], "too slow"),
        ([1.0, 0.5, 0.3, 0.2001, 0.2], "good"),
        ([1.0, 0.5, 0.3, 0.203, 0.2019], "good"),  # within 1% of the minimum
        ([1.0, 0.5, 0.3, 0.21, 0.203], "too slow"),  # 1.5% above it
        ([1.0, 0.5, 0.3, 0.2, 0.3], "oscillating"),  # a rise in the last quarter
        ([1.0, 0.5, 3.0, 4.0, 5.0], "oscillating"),
        ([1.0, 1.5], "oscillating"),
        # An early rise that has died out: the run settled at the minimum.
        ([1.0, 0.5, 0.6, 0.3, 0.2], "good"),
        # A jump up, then a long slide that has not reached the minimum (a large step's
        # sawtooth, caught between two jumps): not a slow, steady descent.
        ([1.0, 2.0, 0.5, 0.4, 0.3], "oscillating"),
        ([1.0, 5.0, 4.0, 3.0, 2.0], "oscillating"),
        # The name does not depend on the start: from the minimum itself.
        ([0.2, 0.3, 0.2, 0.25, 0.2, 0.25], "oscillating"),
        ([0.2, 0.2 + 1e-16, 0.2, 0.2], "good"),
        ([1.0, 0.2 + 1e-12], "good"),
        ([1.0, 0.5, 0.25, 0.2, 0.2 + 1e-16, 0.2, 0.2 + 1e-16], "good"),  # rounding noise
    ],
)
def test_classify_run_on_made_up_histories(losses, expected):
    assert classify_run(losses, 0.2) == expected


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
    assert not np.isin(sweep["regime"][stable], "oscillating").any()
    assert np.all(sweep["regime"][~stable] == "oscillating")


def test_measured_threshold_is_inf_when_every_run_is_stable(blobs):
    sweep = sweep_learning_rates(*blobs, [0.1, 0.2], W0=W0, n_iters=20)
    assert measured_threshold(sweep) == float("inf")


# --------------------------------------------------------------------------- bad input
