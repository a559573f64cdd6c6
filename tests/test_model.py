"""Unit tests of helpers.model: the maths of logistic regression."""

import warnings

import numpy as np
import pytest

from helpers.data import make_blobs
from helpers.model import (
    EPS,
    accuracy,
    bce_loss,
    forward,
    gradient,
    loss_from_logits,
    loss_grid,
    numerical_gradient,
    predict,
    sigmoid,
)

LOG2 = float(np.log(2.0))


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


def _random_problem(seed, n_samples=30, n_features=3):
    """A random (X, y, W) with moderate logits, so finite differences are accurate."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    y = (rng.random((n_samples, 1)) < 0.5).astype(float)
    W = rng.standard_normal((1, n_features))
    return X, y, W


def _relative_error(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-12))


# =========================================================================== sigmoid
def test_sigmoid_of_zero_is_one_half():
    assert float(sigmoid(0.0)) == 0.5
    np.testing.assert_array_equal(sigmoid(np.zeros((2, 3))), np.full((2, 3), 0.5))


def test_sigmoid_known_values():
    z = np.array([-2.0, -1.0, 1.0, 2.0, np.log(3.0)])
    expected = [
        1 / (1 + np.e**2),
        1 / (1 + np.e),
        1 / (1 + np.exp(-1.0)),
        1 / (1 + np.exp(-2.0)),
        0.75,
    ]
    np.testing.assert_allclose(sigmoid(z), expected, rtol=1e-15, atol=0)


def test_sigmoid_is_symmetric():
    z = np.linspace(-40.0, 40.0, 801)
    np.testing.assert_allclose(sigmoid(-z), 1.0 - sigmoid(z), rtol=0, atol=2e-16)


def test_sigmoid_matches_the_naive_formula_where_it_is_safe():
    z = np.random.default_rng(0).uniform(-30.0, 30.0, size=(50, 4))
    np.testing.assert_allclose(sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14, atol=0)


def test_sigmoid_never_warns_or_returns_nan_for_large_inputs():
    z = np.concatenate([np.linspace(-1e4, 1e4, 2001), [-745.0, -710.0, 710.0, -1e4, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(z)
    assert not np.any(np.isnan(s))
    assert np.all((s >= 0.0) & (s <= 1.0))
    assert float(sigmoid(1e4)) == 1.0
    assert float(sigmoid(-1e4)) == 0.0
    assert float(sigmoid(-700.0)) == pytest.approx(np.exp(-700.0), rel=1e-12)


def test_the_naive_formula_does_overflow():
    # The reason the stable version exists: make sure the comparison above is meaningful.
    with pytest.raises(RuntimeWarning, match="overflow"), warnings.catch_warnings():
        warnings.simplefilter("error")
        1.0 / (1.0 + np.exp(-np.array([-1e4])))


def test_sigmoid_is_monotone():
    s = sigmoid(np.linspace(-30.0, 30.0, 1001))
    assert np.all(np.diff(s) >= 0)
    assert np.all(np.diff(s)[400:600] > 0)


@pytest.mark.parametrize("shape", [(), (5,), (4, 1), (2, 3, 4)])
def test_sigmoid_keeps_the_shape_and_returns_float64(shape):
    s = sigmoid(np.zeros(shape))
    assert s.shape == shape
    assert s.dtype == np.float64


def test_sigmoid_accepts_lists_and_ints():
    np.testing.assert_allclose(sigmoid([0, 1]), [0.5, 1 / (1 + np.exp(-1.0))], rtol=1e-15)


def test_sigmoid_of_empty_is_empty():
    assert sigmoid(np.empty((0, 1))).shape == (0, 1)
    assert sigmoid([]).shape == (0,)


def test_sigmoid_of_a_scalar_is_a_scalar():
    s = sigmoid(2.0)
    assert np.shape(s) == ()
    assert float(s) == pytest.approx(1 / (1 + np.exp(-2.0)), rel=1e-15)


def test_sigmoid_does_not_modify_its_input():
    z = np.array([-3.0, 0.0, 2.0])
    before = z.copy()
    sigmoid(z)
    np.testing.assert_array_equal(z, before)


# =========================================================================== forward
def test_forward_shape_and_values():
    X = np.array([[1.0, 2.0], [0.0, 0.0], [-1.0, 3.0]])
    W = np.array([[0.5, -1.0]])
    y_hat = forward(X, W)
    assert y_hat.shape == (3, 1)
    z = np.array([[0.5 - 2.0], [0.0], [-0.5 - 3.0]])
    np.testing.assert_allclose(y_hat, 1.0 / (1.0 + np.exp(-z)), rtol=1e-15)


@pytest.mark.parametrize(("n_samples", "n_features"), [(1, 1), (7, 2), (50, 5)])
def test_forward_shapes(n_samples, n_features):
    X, _, W = _random_problem(0, n_samples, n_features)
    y_hat = forward(X, W)
    assert y_hat.shape == (n_samples, 1)
    np.testing.assert_allclose(y_hat, sigmoid(X @ W.T), rtol=1e-15)


def test_forward_does_not_modify_inputs():
    X, _, W = _random_problem(1)
    X0, W0 = X.copy(), W.copy()
    forward(X, W)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(W, W0)


# =========================================================================== bce_loss
def test_bce_loss_of_one_half_is_log_2():
    y = np.array([[0.0], [1.0], [1.0], [0.0], [1.0]])
    assert bce_loss(y, np.full((5, 1), 0.5)) == pytest.approx(LOG2, rel=1e-15)


def test_bce_loss_hand_computed():
    y = np.array([[1.0], [0.0]])
    y_hat = np.array([[0.8], [0.3]])
    expected = -(np.log(0.8) + np.log(0.7)) / 2  # 0.2899...
    assert bce_loss(y, y_hat) == pytest.approx(expected, rel=1e-14)
    assert bce_loss(y, y_hat) == pytest.approx(0.28990, abs=1e-5)


def test_bce_loss_is_a_mean_not_a_sum():
    y = np.array([[1.0]])
    one = bce_loss(y, np.array([[0.25]]))
    many = bce_loss(np.ones((40, 1)), np.full((40, 1), 0.25))
    assert one == pytest.approx(np.log(4.0), rel=1e-14)
    assert many == pytest.approx(one, rel=1e-14)


def test_bce_loss_returns_a_python_float():
    assert type(bce_loss([[1.0]], [[0.5]])) is float


def test_bce_loss_is_finite_at_exactly_0_and_1():
    y = np.array([[1.0], [0.0]])
    wrong = bce_loss(y, np.array([[0.0], [1.0]]))  # confidently wrong on both
    right = bce_loss(y, np.array([[1.0], [0.0]]))  # perfectly right on both
    assert np.isfinite(wrong)
    assert wrong == pytest.approx(-np.log(EPS), rel=1e-4)  # about 34.5
    assert 0.0 <= right < 1e-12


def test_bce_loss_does_not_modify_inputs():
    y = np.array([[1.0], [0.0]])
    y_hat = np.array([[1.0], [0.0]])
    y0, p0 = y.copy(), y_hat.copy()
    bce_loss(y, y_hat)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(y_hat, p0)


# =========================================================================== gradient
def test_gradient_hand_computed():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([[1.0], [0.0]])
    y_hat = np.array([[0.25], [0.5]])
    # ((0.25 - 1) * [1, 2] + (0.5 - 0) * [3, -1]) / 2
    np.testing.assert_allclose(gradient(X, y, y_hat), [[0.375, -1.0]], rtol=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_finite_differences(seed):
    X, y, W = _random_problem(seed, n_samples=40, n_features=seed % 3 + 1)
    analytic = gradient(X, y, forward(X, W))
    numeric = numerical_gradient(lambda V: bce_loss(y, forward(X, V)), W)
    assert analytic.shape == W.shape
    assert _relative_error(analytic, numeric) < 1e-6


def test_gradient_matches_finite_differences_on_blobs(blobs):
    X, y = blobs
    W = np.array([[-1.0, 2.0]])
    numeric = numerical_gradient(lambda V: bce_loss(y, forward(X, V)), W)
    assert _relative_error(gradient(X, y, forward(X, W)), numeric) < 1e-6


def test_gradient_is_zero_for_perfect_predictions():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([[1.0], [0.0]])
    np.testing.assert_array_equal(gradient(X, y, y.copy()), [[0.0, 0.0]])


def test_gradient_does_not_modify_inputs():
    X, y, W = _random_problem(2)
    y_hat = forward(X, W)
    copies = [a.copy() for a in (X, y, y_hat)]
    gradient(X, y, y_hat)
    for a, a0 in zip((X, y, y_hat), copies, strict=True):
        np.testing.assert_array_equal(a, a0)


# =========================================================================== numerical_gradient
def test_numerical_gradient_of_a_quadratic():
    A = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])
    W = np.array([[0.3, -1.2, 2.0], [1.0, 0.0, -0.7]])
    grad = numerical_gradient(lambda V: float(np.sum(A * V**2)), W)
    assert grad.shape == W.shape
    np.testing.assert_allclose(grad, 2 * A * W, rtol=1e-7, atol=1e-8)


def test_numerical_gradient_of_a_linear_function_is_exact_to_rounding():
    c = np.array([[2.0, -3.0]])
    grad = numerical_gradient(lambda V: float(np.sum(c * V)), np.zeros((1, 2)), eps=1e-3)
    np.testing.assert_allclose(grad, c, rtol=1e-10)


def test_numerical_gradient_accepts_a_one_element_array_from_f():
    # W @ W.T has shape (1, 1): a natural way to write ||W||^2.
    W = np.array([[1.0, -2.0]])
    np.testing.assert_allclose(numerical_gradient(lambda V: V @ V.T, W), 2 * W, rtol=1e-7)
    np.testing.assert_allclose(numerical_gradient(lambda V: np.sum(V**2), W), 2 * W, rtol=1e-7)


def test_numerical_gradient_does_not_modify_W_and_f_sees_copies():
    W = np.array([[1.0, 2.0]])
    seen = []

    def f(V):
        seen.append(V)
        return float(np.sum(V))

    numerical_gradient(f, W)
    np.testing.assert_array_equal(W, [[1.0, 2.0]])
    assert len(seen) == 4  # two evaluations per entry
    assert all(V is not W for V in seen)


# =========================================================================== predict / accuracy
def test_predict_values():
    X = np.array([[1.0, 1.0], [-1.0, -1.0], [2.0, -2.0], [0.1, -0.3]])
    W = np.array([[1.0, 1.0]])  # z = 2, -2, 0, -0.2
    y_pred = predict(X, W)
    assert y_pred.shape == (4, 1)
    assert y_pred.dtype == np.float64
    np.testing.assert_array_equal(y_pred, [[1.0], [0.0], [1.0], [0.0]])  # z = 0 gives 1


def test_predict_threshold():
    X = np.array([[0.0], [1.0], [2.0]])
    W = np.array([[1.0]])  # probabilities 0.5, 0.73, 0.88
    np.testing.assert_array_equal(predict(X, W, threshold=0.8), [[0.0], [0.0], [1.0]])
    np.testing.assert_array_equal(predict(X, W, threshold=0.1), [[1.0], [1.0], [1.0]])


def test_accuracy_values():
    y = np.array([[1.0], [0.0], [1.0], [0.0]])
    assert accuracy(y, np.array([[1.0], [0.0], [0.0], [0.0]])) == 0.75
    assert accuracy(y, y.copy()) == 1.0
    assert accuracy(y, 1.0 - y) == 0.0
    assert type(accuracy(y, y)) is float


def test_accuracy_of_predict_on_blobs(blobs):
    X, y = blobs
    W = np.array([[1.0, 1.0]])
    expected = float(np.mean(((X @ W.T) >= 0) == (y == 1)))
    assert accuracy(y, predict(X, W)) == expected
    assert 0.8 <= expected < 1.0


# =========================================================================== loss_grid
def test_loss_grid_equals_bce_loss_at_every_grid_point(blobs):
    X, y = blobs
    w1 = np.linspace(-2.0, 3.0, 6)
    w2 = np.linspace(-1.0, 2.0, 4)
    L = loss_grid(X, y, w1, w2)
    assert L.shape == (4, 6)  # (n_w2, n_w1)
    for i, b in enumerate(w2):
        for j, a in enumerate(w1):
            assert L[i, j] == pytest.approx(bce_loss(y, forward(X, [[a, b]])), rel=1e-12)


def test_loss_grid_at_the_origin_is_log_2(blobs):
    X, y = blobs
    assert loss_grid(X, y, [0.0], [0.0])[0, 0] == pytest.approx(LOG2, rel=1e-15)


def test_loss_grid_blocks_give_the_same_values_as_one_block():
    # 2_000_000 // n_samples grid points per block: n_samples = 30_000 gives blocks of 66.
    X, y = make_blobs(30_000, seed=1)
    w = np.linspace(-1.0, 1.0, 9)
    L = loss_grid(X, y, w, w)
    for i, j in [(0, 0), (4, 7), (8, 8), (7, 3)]:
        assert L[i, j] == pytest.approx(bce_loss(y, forward(X, [[w[j], w[i]]])), rel=1e-12)


def test_loss_from_logits_matches_bce_and_stays_finite():
    y = np.array([[1.0], [0.0], [1.0]])
    z = np.array([[2.0], [-1.0], [0.5]])
    assert loss_from_logits(y, z) == pytest.approx(bce_loss(y, sigmoid(z)), rel=1e-12)
    # where the sigmoid rounds to 0, the log-of-probability form cannot recover the loss
    assert loss_from_logits(np.array([[1.0]]), np.array([[-800.0]])) == pytest.approx(800.0)
