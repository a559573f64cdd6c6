"""Checks for the exercises of notebook 07, the trained decision boundary.

Each check rebuilds what the notebook builds (the blobs, the start ``W0``, the
shifted data, the XOR clouds) from ``helpers``, computes the reference answer the
same way the task says, and compares. Exercise 07.4 (does the loss keep a finite
minimum when the classes stop overlapping?) is a self-check.

Examples
--------
>>> from helpers.exercises import check
>>> check("07.2", ...)
07.2 · not attempted yet: replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from helpers.data import add_bias_feature
from helpers.exercises.core import Wrong, exercise, number, self_check, series_data
from helpers.model import accuracy, forward, predict
from helpers.training import gradient_descent

ATOL_ACC = 0.005  # half a point in a hundred: an accuracy must match to the point


def _fraction(answer, what: str) -> float:
    value = number(answer, what)
    if not np.isfinite(value):
        raise Wrong(f"{what} is {value}: an accuracy is a fraction between 0 and 1")
    if 1 < value <= 100:
        raise Wrong(
            f"{what} = {value:g} looks like a percentage: give it as a fraction (0.5, not 50)"
        )
    if not 0 <= value <= 1:
        raise Wrong(f"{what} = {value:g} is not an accuracy: it should be between 0 and 1")
    return value


@lru_cache(maxsize=4)
def _shift_experiment(dx: float, dy: float):
    """The bias section for the shift (dx, dy): (acc without bias, acc with, W_shift, W_b)."""
    X, y, W0 = series_data()
    X_shift = X + np.array([dx, dy])
    W_shift, _ = gradient_descent(X_shift, y, W0, lr=0.5, n_iters=5000)
    X_b = add_bias_feature(X_shift)
    W_b, _ = gradient_descent(X_b, y, np.hstack([W0, [[0.0]]]), lr=0.5, n_iters=5000)
    return accuracy(y, predict(X_shift, W_shift)), accuracy(y, predict(X_b, W_b)), W_shift, W_b


@exercise("07.1", "The bias on other data", "easy")
def _(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(
            "accs_shift should be a pair of two numbers, (acc_no_bias, acc_bias): "
            "the model without a bias first"
        )
    no_bias = _fraction(answer[0], "acc_no_bias")
    with_bias = _fraction(answer[1], "acc_bias")
    ref_no, ref_b, _, _ = _shift_experiment(-2.0, 4.0)
    old_no, old_b, _, _ = _shift_experiment(3.0, 2.0)
    close = lambda a, b: abs(a - b) < ATOL_ACC  # noqa: E731
    if close(no_bias, ref_no) and close(with_bias, ref_b):
        return (
            "without a bias the model fails far less here than for the shift (3, 2): "
            "a line through the origin can still pass between these clouds."
        )
    if close(no_bias, old_no) and close(with_bias, old_b) and not close(old_no, ref_no):
        raise Wrong(
            "those are the accuracies for the notebook's shift (3, 2); shift by [-2, 4] instead"
        )
    if close(no_bias, ref_b) and close(with_bias, ref_no):
        raise Wrong(
            "the two numbers look swapped: first the model without a bias, then the one with"
        )
    if not close(no_bias, ref_no):
        raise Wrong(
            "acc_no_bias is not the training accuracy of the bias-free model on X + [-2, 4] "
            "(from W0, lr=0.5, 5000 iterations)"
        )
    raise Wrong(
        "acc_bias is not the training accuracy of the model with the bias feature on X + [-2, 4] "
        "(from W0 with a bias of 0, lr=0.5, 5000 iterations)"
    )


@exercise("07.2", "Where the boundary crosses x2 = 2", "medium")
def _(answer):
    x1 = number(answer, "x1_cross")
    if not np.isfinite(x1):
        raise Wrong(f"x1_cross is {x1}: did you divide by zero?")
    _, _, W_shift, W_b = _shift_experiment(3.0, 2.0)
    w1, w2, b = W_b[0]
    z = w1 * x1 + w2 * 2.0 + b  # the model's z at the point (x1, 2)
    tolerance = 1e-3 * abs(w1)  # x1 to about three decimals
    if abs(z) <= tolerance:
        return "the point (x1_cross, 2) lies on the boundary: z = 0 there, y_hat = 0.5."
    if abs(w1 * 2.0 + w2 * x1 + b) <= 1e-3 * abs(w2):
        raise Wrong(
            "that is where the boundary crosses x1 = 2 (you solved for x2): "
            "fix x2 = 2 and solve for x1"
        )
    if abs(w1 * (-x1) + w2 * 2.0 + b) <= tolerance:
        raise Wrong(
            "the point is on the wrong side of the boundary: check the sign when you solve for x1"
        )
    w1s, w2s = W_shift[0]
    if abs(w1s * x1 + w2s * 2.0) <= 1e-3 * abs(w1s):
        raise Wrong(
            "that is the boundary of the bias-free W_shift; use W_b, whose last entry is the bias b"
        )
    y_hat = float(forward(np.array([[x1, 2.0, 1.0]]), W_b)[0, 0])
    raise Wrong(
        "the point (x1_cross, 2) is not on the boundary of W_b: "
        f"the model gives y_hat = {y_hat:.2f} there, not 0.5"
    )


@lru_cache(maxsize=1)
def _xor_product():
    rng_xor = np.random.default_rng(0)
    corners = np.array([[-2.0, -2.0], [2.0, 2.0], [-2.0, 2.0], [2.0, -2.0]])
    X_xor = np.repeat(corners, 25, axis=0) + 0.7 * rng_xor.standard_normal((100, 2))
    y_xor = np.repeat([0.0, 0.0, 1.0, 1.0], 25).reshape(-1, 1)
    accs = []
    for X in (X_xor, np.column_stack([X_xor, X_xor[:, 0] * X_xor[:, 1]])):
        F = add_bias_feature(X)
        W, _ = gradient_descent(F, y_xor, np.zeros((1, F.shape[1])), lr=0.5, n_iters=2000)
        accs.append(accuracy(y_xor, predict(F, W)))
    return tuple(accs)  # (without the product, with it)


@exercise("07.3", "A product feature for XOR", "medium")
def _(answer):
    acc = _fraction(answer, "acc_product")
    without, with_product = _xor_product()
    if abs(acc - with_product) < ATOL_ACC:
        return (
            "the product x1*x2 is positive on one diagonal and negative on the other, "
            "so a plane in (x1, x2, x1*x2) separates the classes."
        )
    if abs(acc - without) < ATOL_ACC:
        raise Wrong(
            "that is the accuracy without the product feature: train on the four columns "
            "x1, x2, x1*x2 and 1"
        )
    raise Wrong(
        "acc_product is not the training accuracy on the features [x1, x2, x1*x2, 1] "
        "(from zeros, lr=0.5, 2000 iterations)"
    )


self_check("07.4", "Classes that do not overlap", "stretch")
