"""Checks of notebook 14's exercises: the right answers pass, realistic wrong ones are named."""

import numpy as np
import pytest

from helpers.exercises import EXERCISES, PASSED, check
from helpers.exercises.nb14 import _trained_bias
from helpers.softmax import gradient, one_hot


def run(answer_id, answer, capsys):
    PASSED.discard(answer_id)
    check(answer_id, answer)
    return answer_id in PASSED, capsys.readouterr().out


def test_registered():
    kinds = {k: EXERCISES[k].kind for k in ("14.1", "14.2", "14.3", "14.4")}
    assert kinds == {"14.1": "check", "14.2": "check", "14.3": "check", "14.4": "self"}


@pytest.mark.parametrize("answer_id", ["14.1", "14.2", "14.3"])
def test_stub_is_not_attempted(answer_id, capsys):
    check(answer_id, ...)

    def stub(X, labels, Y_hat): ...

    check(answer_id, stub)
    assert capsys.readouterr().out.count("not attempted yet") == 2


# --------------------------------------------------------------------------- 14.1
def test_trained_bias_is_the_notebooks():
    b = _trained_bias()
    assert b.shape == (1, 10)
    assert abs(b.sum()) < 1e-12  # gradient descent from 0 keeps the biases' sum at 0
    assert np.ptp(b) > 0.1


def test_biases(capsys):
    b = _trained_bias()
    assert run("14.1", b + 1.0, capsys)[0]
    assert run("14.1", b - 3.5, capsys)[0]
    passed, out = run("14.1", b.copy(), capsys)
    assert not passed and "is the trained b itself" in out
    passed, out = run("14.1", b + np.arange(10), capsys)  # a different shift per class
    assert not passed and "not the same for the ten classes" in out
    passed, out = run("14.1", 2 * b, capsys)  # scaled, not shifted
    assert not passed and "probabilities change" in out
    passed, out = run("14.1", (b + 1.0).ravel(), capsys)
    assert not passed and "shape (10,)" in out
    passed, out = run("14.1", 1.0, capsys)
    assert not passed and "should be an array of shape (1, 10)" in out


# --------------------------------------------------------------------------- 14.2
def right_gradient(X, labels, Y_hat):
    n = X.shape[0]
    dZ = Y_hat.copy()
    dZ[np.arange(n), labels[:, 0]] -= 1.0
    dZ /= n
    return dZ.T @ X, dZ.sum(axis=0, keepdims=True)


def test_gradient_from_labels(capsys):
    assert run("14.2", right_gradient, capsys)[0]
    # Building one-hot rows after all is still right.
    assert run("14.2", lambda X, lab, P: gradient(X, one_hot(lab, P.shape[1]), P), capsys)[0]


def test_gradient_from_labels_without_a_copy(capsys):
    def in_place(X, labels, Y_hat):
        n = X.shape[0]
        dZ = Y_hat  # no copy: writes into the caller's array
        dZ[np.arange(n), labels[:, 0]] -= 1.0
        dZ = dZ / n
        return dZ.T @ X, dZ.sum(axis=0, keepdims=True)

    passed, out = run("14.2", in_place, capsys)
    assert not passed and "changed the Y_hat it was given" in out


def test_gradient_from_labels_wrong_answers(capsys):
    def no_mean(X, labels, Y_hat):
        dW, db = right_gradient(X, labels, Y_hat)
        return X.shape[0] * dW, X.shape[0] * db

    def column_index(X, labels, Y_hat):  # labels, not labels[:, 0]: broadcasts to (n, n)
        dZ = Y_hat.copy()
        dZ[np.arange(X.shape[0]), labels] -= 1.0
        dZ /= X.shape[0]
        return dZ.T @ X, dZ.sum(axis=0, keepdims=True)

    def transposed(X, labels, Y_hat):
        dW, db = right_gradient(X, labels, Y_hat)
        return dW.T, db

    def flipped(X, labels, Y_hat):
        dW, db = right_gradient(X, labels, Y_hat)
        return -dW, -db

    cases = [
        (no_mean, "times too large"),
        (column_index, "labels[:, 0], not labels"),
        (transposed, "dZ.T @ X"),
        (flipped, "wrong sign"),
        (lambda X, labels, Y_hat: right_gradient(X, labels, Y_hat)[0], "pair (dW, db)"),
    ]
    for answer, message in cases:
        passed, out = run("14.2", answer, capsys)
        assert not passed and message in out, out
    passed, out = run("14.2", np.zeros((3, 3)), capsys)
    assert not passed and "should be a function" in out


# --------------------------------------------------------------------------- 14.3
def test_per_class_accuracy(capsys):
    assert run("14.3", lambda C: np.diag(C) / C.sum(axis=1), capsys)[0]
    cases = [
        (lambda C: np.diag(C) / C.sum(axis=0), "column sums"),
        (lambda C: np.diag(C) / C.sum(), "divided by all the images"),
        (lambda C: (np.diag(C) / C.sum(axis=1)).reshape(-1, 1), "shape (6, 1)"),
        (lambda C: C / C.sum(axis=1, keepdims=True), "shape (6, 6)"),
        (lambda C: print(np.diag(C) / C.sum(axis=1)), "returned None"),
        (lambda C: 1 - np.diag(C) / C.sum(axis=1), "not the diagonal divided by the row sums"),
    ]
    for answer, message in cases:
        passed, out = run("14.3", answer, capsys)
        assert not passed and message in out, out


def test_the_checks_inputs_tell_rows_from_columns():
    # If a confusion matrix of the check were symmetric, row and column sums would agree
    # and dividing by the wrong one would pass.
    from helpers.exercises.nb14 import _confusion

    for seed in (0, 1):
        C = _confusion(seed)
        assert not np.allclose(C.sum(axis=0), C.sum(axis=1))
        assert np.all(C.sum(axis=1) > 0)
