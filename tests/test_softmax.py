"""Tests of helpers.softmax (K classes) and of its input checks, helpers._class_checks."""

import numpy as np
import pytest

from helpers._class_checks import (
    check_class_labels,
    check_logits,
    check_one_hot,
    check_probability_rows,
)
from helpers.model import loss_from_logits, numerical_gradient
from helpers.softmax import (
    accuracy,
    confusion_matrix,
    cross_entropy,
    forward,
    gradient,
    log_softmax,
    one_hot,
    predict,
    softmax,
)


def problem(n_samples=15, n_features=4, n_classes=3, seed=0):
    """X, integer labels (every class present), one-hot Y, and random W, b."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    labels = rng.integers(0, n_classes, size=(n_samples, 1))
    labels[:n_classes, 0] = np.arange(n_classes)
    W = rng.standard_normal((n_classes, n_features))
    b = rng.standard_normal((1, n_classes))
    return X, labels, one_hot(labels, n_classes), W, b


def naive_softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- one_hot
def test_one_hot_by_hand_and_round_trip():
    labels = np.array([[2], [0], [1], [2]])
    Y = one_hot(labels, 3)
    np.testing.assert_array_equal(Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(Y.argmax(axis=1, keepdims=True), labels)
    # More classes than appear: the extra columns are all 0.
    assert one_hot(labels, 5).shape == (4, 5)
    np.testing.assert_array_equal(one_hot(labels, 5)[:, 3:], 0.0)
    # Whole-number floats are labels too (as the labels arrive after arithmetic).
    np.testing.assert_array_equal(one_hot(labels.astype(float), 3), Y)


def test_one_hot_refuses_one_hot_input_and_bad_labels():
    Y = one_hot(np.array([[1], [0]]), 2)
    with pytest.raises(ValueError, match=r"labels must be integer labels.*looks one-hot.*argmax"):
        one_hot(Y, 2)
    with pytest.raises(ValueError, match=r"labels must be class indices from 0 to 2; got 3"):
        one_hot(np.array([[0], [3]]), 3)
    with pytest.raises(ValueError, match=r"labels must be class indices from 0 to 2; got -1"):
        one_hot(np.array([[0], [-1]]), 3)
    with pytest.raises(ValueError, match=r"whole numbers.*got 0\.7"):
        one_hot(np.array([[0.7], [0.3]]), 2)
    with pytest.raises(ValueError, match=r"labels must have shape \(n_samples, 1\).*reshape"):
        one_hot(np.array([0, 1, 2]), 3)
    with pytest.raises(ValueError, match=r"n_classes must be an integer >= 2"):
        one_hot(np.array([[0], [0]]), 1)


# --------------------------------------------------------------------------- softmax
def test_softmax_rows_are_probabilities_and_match_the_naive_formula():
    Z = np.random.default_rng(1).uniform(-20, 20, size=(50, 7))
    P = softmax(Z)
    assert P.shape == (50, 7)
    assert np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(P, naive_softmax(Z), rtol=1e-13)
    # The order of the scores is kept: the most probable class has the largest logit.
    np.testing.assert_array_equal(P.argmax(axis=1), Z.argmax(axis=1))


def test_softmax_is_unchanged_by_adding_a_constant_to_a_row():
    Z = np.random.default_rng(2).standard_normal((6, 4))
    shift = np.array([[0.0], [5.0], [-300.0], [1e3], [-1e4], [1e4]])
    np.testing.assert_allclose(softmax(Z + shift), softmax(Z), rtol=1e-10, atol=1e-15)


def test_softmax_and_log_softmax_are_stable_for_logits_up_to_1e4():
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4 - 1.0, -1e4], [800.0, 0, -800]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        P = softmax(Z)
        L = log_softmax(Z)
    assert np.all(np.isfinite(P)) and np.all(np.isfinite(L))
    np.testing.assert_array_equal(P[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(P[1], [1 / 3] * 3, rtol=1e-15)
    np.testing.assert_allclose(P[2, :2], [1 / (1 + np.exp(-1)), 1 / (1 + np.e)], rtol=1e-14)
    # log_softmax stays exact where the probability underflows to 0.
    np.testing.assert_allclose(L[0], [0.0, -2e4, -1e4], rtol=1e-15)
    np.testing.assert_allclose(L[3], [0.0, -800.0, -1600.0], rtol=1e-15)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        assert not np.all(np.isfinite(naive_softmax(Z)))  # what the shift prevents


def test_log_softmax_is_the_log_of_softmax():
    Z = np.random.default_rng(3).uniform(-30, 30, size=(20, 5))
    np.testing.assert_allclose(log_softmax(Z), np.log(softmax(Z)), rtol=1e-12, atol=1e-12)


def test_softmax_functions_do_not_modify_their_input():
    Z = np.random.default_rng(4).standard_normal((5, 3))
    Z0 = Z.copy()
    softmax(Z)
    log_softmax(Z)
    cross_entropy(one_hot(np.array([[0], [1], [2], [0], [1]]), 3), Z)
    np.testing.assert_array_equal(Z, Z0)


def test_one_column_is_refused_with_the_two_class_pointer():
    with pytest.raises(ValueError, match=r"Z must have shape \(n_samples, n_classes\).*sigmoid"):
        softmax(np.zeros((4, 1)))
    with pytest.raises(ValueError, match=r"Z must have shape \(n_samples, n_features\)"):
        log_softmax(np.zeros(4))


# --------------------------------------------------------------------------- cross_entropy
def test_cross_entropy_by_hand():
    Z = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    Y = one_hot(np.array([[0], [2]]), 3)
    p0 = np.exp(2.0) / (np.exp(2.0) + 1 + np.exp(-1.0))
    expected = -(np.log(p0) + np.log(1 / 3)) / 2
    assert cross_entropy(Y, Z) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_with_two_classes_is_the_binary_loss():
    # Logits (0, z): softmax gives sigmoid(z) for class 1, the binary model of notebook 05.
    rng = np.random.default_rng(5)
    z = rng.uniform(-30, 30, size=(40, 1))
    y = (rng.random((40, 1)) < 0.5).astype(float)
    Z = np.hstack([np.zeros_like(z), z])
    assert cross_entropy(one_hot(y, 2), Z) == pytest.approx(loss_from_logits(y, z), rel=1e-12)


def test_cross_entropy_is_exact_for_extreme_logits():
    Y = one_hot(np.array([[1], [0], [0]]), 2)
    Z = np.array([[1e4, -1e4], [1e4, -1e4], [-1e4, 1e4]])
    # Losses 2e4, 0 and 2e4: the mean is 4e4 / 3, with no inf and no warning.
    assert cross_entropy(Y, Z) == pytest.approx(4e4 / 3, rel=1e-15)


def test_the_gradient_of_the_loss_with_respect_to_the_logits_is_y_hat_minus_y_over_n():
    _, _, Y, _, _ = problem()
    Z = np.random.default_rng(6).standard_normal(Y.shape)
    numeric = numerical_gradient(lambda V: cross_entropy(Y, V), Z)
    np.testing.assert_allclose((softmax(Z) - Y) / Z.shape[0], numeric, rtol=1e-6, atol=1e-10)


def test_cross_entropy_refuses_integer_labels_and_mismatched_shapes():
    Z = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"Y must be one-hot.*one_hot\(labels, n_classes\)"):
        cross_entropy(np.array([[0], [1], [2], [1]]), Z)
    with pytest.raises(ValueError, match=r"Y must have shape \(4, 3\) to match"):
        cross_entropy(one_hot(np.array([[0], [1], [1], [0]]), 2), Z)
    with pytest.raises(ValueError, match=r"Y must be one-hot: each row one 1.*row 1"):
        cross_entropy(np.array([[1, 0, 0], [0.5, 0.5, 0], [0, 0, 1], [0, 1, 0]]), Z)


# --------------------------------------------------------------------------- softmax regression
def test_forward_is_softmax_of_the_affine_scores():
    X, _, _, W, b = problem()
    Y_hat = forward(X, W, b)
    np.testing.assert_allclose(Y_hat, naive_softmax(X @ W.T + b), rtol=1e-13)
    np.testing.assert_allclose(Y_hat.sum(axis=1), 1.0, atol=1e-15)


@pytest.mark.parametrize("n_classes", [2, 3, 10])
def test_gradient_matches_finite_differences(n_classes):
    X, _, Y, W, b = problem(n_samples=30, n_classes=n_classes, seed=n_classes)
    dW, db = gradient(X, Y, forward(X, W, b))
    assert dW.shape == W.shape and db.shape == b.shape
    num_W = numerical_gradient(lambda V: cross_entropy(Y, X @ V.T + b), W)
    num_b = numerical_gradient(lambda V: cross_entropy(Y, X @ W.T + V), b)
    for exact, numeric in ((dW, num_W), (db, num_b)):
        rel = np.linalg.norm(exact - numeric) / np.linalg.norm(exact + numeric)
        assert rel < 1e-8, rel
    # The formula, (Y_hat - Y).T @ X / n, written out.
    np.testing.assert_allclose(dW, (forward(X, W, b) - Y).T @ X / X.shape[0], rtol=1e-13)


def test_gradient_refuses_logits_for_probabilities_and_labels_for_one_hot():
    X, labels, Y, W, b = problem()
    with pytest.raises(ValueError, match=r"Y_hat must hold probabilities.*logits Z instead"):
        gradient(X, Y, X @ W.T + b)
    with pytest.raises(ValueError, match=r"Y must be one-hot.*one_hot"):
        gradient(X, labels, forward(X, W, b))


def test_gradient_does_not_modify_inputs():
    X, _, Y, W, b = problem()
    Y_hat = forward(X, W, b)
    before = [a.copy() for a in (X, Y, Y_hat)]
    gradient(X, Y, Y_hat)
    for a, a0 in zip((X, Y, Y_hat), before, strict=True):
        np.testing.assert_array_equal(a, a0)


def test_predict_is_the_argmax_as_integer_labels():
    X, _, _, W, b = problem(n_samples=40, n_classes=4)
    labels_pred = predict(X, W, b)
    assert labels_pred.shape == (40, 1) and labels_pred.dtype == np.int64
    np.testing.assert_array_equal(labels_pred[:, 0], np.argmax(forward(X, W, b), axis=1))


def test_predict_refuses_a_transposed_W_and_a_column_b():
    X, _, _, W, b = problem(n_features=4, n_classes=3)
    with pytest.raises(ValueError, match=r"W must have shape \(n_classes, 4\)"):
        predict(X, W[:, :3], b)
    with pytest.raises(ValueError, match=r"b must have shape \(1, 3\)"):
        predict(X, W, b.T)
    with pytest.raises(ValueError, match="transposed"):
        predict(X, W.T, b)


def test_accuracy_and_confusion_matrix():
    labels = np.array([[0], [0], [1], [2], [2], [2]])
    labels_pred = np.array([[0], [1], [1], [2], [0], [2]])
    assert accuracy(labels, labels_pred) == pytest.approx(4 / 6)
    C = confusion_matrix(labels, labels_pred, 3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.dtype == np.int64
    np.testing.assert_array_equal(C.sum(axis=1), [2, 1, 3])  # the size of each class
    assert np.trace(C) / C.sum() == accuracy(labels, labels_pred)
    with pytest.raises(ValueError, match=r"labels_pred must be class indices from 0 to 2"):
        confusion_matrix(labels, labels_pred + 1, 3)


def test_accuracy_refuses_probabilities_and_one_hot_rows():
    labels = np.array([[0], [1]])
    with pytest.raises(ValueError, match=r"labels_pred must hold whole numbers.*probabilities"):
        accuracy(labels, np.array([[0.9], [0.2]]))
    with pytest.raises(ValueError, match=r"labels_pred must be integer labels.*one-hot"):
        accuracy(labels, one_hot(labels, 2))


# --------------------------------------------------------------------------- the checks
def test_check_class_labels_returns_int64_and_does_not_modify():
    labels = np.array([[1.0], [0.0]])
    out = check_class_labels(labels, 2, 2)
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, [[1], [0]])
    assert labels.dtype == np.float64
    with pytest.raises(ValueError, match=r"labels must have shape \(3, 1\) to match"):
        check_class_labels(labels, 3)
    with pytest.raises(TypeError, match="labels must be a numeric array; got booleans"):
        check_class_labels(np.array([[True], [False]]))


def test_check_one_hot_and_logits_and_probability_rows():
    Y = one_hot(np.array([[1], [0]]), 2)
    assert check_one_hot(Y, 2, 2) is Y
    with pytest.raises(ValueError, match=r"Y must be one-hot, of shape \(n_samples, n_classes\)"):
        check_one_hot(np.zeros(3))
    with pytest.raises(ValueError, match=r"Z must have 3 rows"):
        check_logits(np.zeros((2, 2)), 3)
    P = np.array([[0.25, 0.75], [1.0, 0.0]])
    assert check_probability_rows(P, 2, 2) is P
    with pytest.raises(ValueError, match="row 1 sums to 0.9"):
        check_probability_rows(np.array([[0.25, 0.75], [0.9, 0.0]]), 2, 2)
    with pytest.raises(ValueError, match="row 0 sums to 1 and holds values from -0.5"):
        check_probability_rows(np.array([[1.5, -0.5], [1.0, 0.0]]), 2, 2)
    with pytest.raises(ValueError, match=r"Y_hat must have shape \(2, 3\)"):
        check_probability_rows(P, 2, 3)
