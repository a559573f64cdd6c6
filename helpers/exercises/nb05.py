"""Checks for the exercises of notebook 05, back-propagation.

The references are computed here from :mod:`helpers.model` on the notebook's data
(``make_blobs(100, seed=0)``) and its random start ``W`` (``default_rng(5)``), so no
number is stored.

Exercises
---------
05.1 : the loss of a model that always predicts 1/2 (easy)
05.2 : the finite-difference check of two broken gradients (medium)
05.3 : the derivative of the sigmoid, derived by hand (medium, self-check)
05.4 : the gradient of the squared-error loss (stretch)
"""

from __future__ import annotations

import numpy as np

from helpers.exercises.core import Wrong, exercise, number, self_check, series_data
from helpers.model import bce_loss, forward, gradient, numerical_gradient


def _rel(a, b) -> float:
    """The relative error of the notebook: ||a - b|| / (||a|| + ||b||)."""
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


@exercise("05.1", "The loss of a coin toss", "easy")
def _(answer):
    loss = number(answer, "loss_half")
    _, y, _ = series_data()
    ref = bce_loss(y, np.full_like(y, 0.5))
    if np.isclose(loss, ref, rtol=1e-6):
        return "log 2 it is: every sample costs -log(1/2), whatever its label"
    if np.isclose(loss, -ref, rtol=1e-6):
        raise Wrong(
            "the sign is wrong: the loss is minus the mean log-probability, so it is positive"
        )
    if np.isclose(loss, len(y) * ref, rtol=1e-6):
        raise Wrong(f"{len(y)} times too large: that is the sum over the samples, not the mean")
    if np.isclose(loss, ref / np.log(10), rtol=1e-6):
        raise Wrong("that is the logarithm to base 10; the loss uses the natural log, np.log")
    if np.isclose(loss, 0.5):
        raise Wrong("0.5 is the prediction; the exercise asks for the loss of that prediction")
    raise Wrong("not the cross-entropy of predicting 0.5 for every sample; use bce_loss on y")


@exercise("05.2", "Break the gradient on purpose", "medium")
def _(answer):
    if isinstance(answer, np.ndarray):
        answer = tuple(answer.ravel())
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong("rel_errors should be a pair: (without the mean, with the sign flipped)")
    rel_sum, rel_sign = (number(a, "each relative error") for a in answer)
    X, y, W = series_data()
    dW = gradient(X, y, forward(X, W))
    dW_num = numerical_gradient(lambda W_: bce_loss(y, forward(X, W_)), W, eps=1e-4)
    ref_sum, ref_sign = _rel(X.shape[0] * dW, dW_num), _rel(-dW, dW_num)
    if max(rel_sum, rel_sign) > 1 + 1e-9:
        raise Wrong(
            "a relative error is at most 1: divide the norm of the difference "
            "by the sum of the norms"
        )
    if min(rel_sum, rel_sign) < 1e-6:
        raise Wrong("one of your relative errors is tiny: that gradient is not broken yet")
    if abs(rel_sum - ref_sign) < 1e-4 and abs(rel_sign - ref_sum) < 1e-4:
        raise Wrong(
            "the two are swapped: first the one without / X.shape[0], then the flipped sign"
        )
    if abs(rel_sum - ref_sum) >= 1e-4:
        raise Wrong(
            "the relative error without the mean is off: compare n * dW with the numerical "
            "gradient at the setup's W"
        )
    if abs(rel_sign - ref_sign) >= 1e-4:
        raise Wrong(
            "the relative error with the sign flipped is off: compare (y - y_hat).T @ X / n"
        )
    return "both near 1, far above 1e-8: the check catches a missing 1/n as surely as a wrong sign"


self_check("05.3", "The derivative of the sigmoid", "medium")


def _mse_reference(X, y, W):
    return numerical_gradient(lambda W_: float(np.mean((forward(X, W_) - y) ** 2)), W, eps=1e-5)


@exercise("05.4", "Train with squared error", "stretch")
def _(mse_gradient):
    if not callable(mse_gradient):
        raise Wrong("mse_gradient should be a function of (X, y, y_hat)")
    X, y, W = series_data()
    small_X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-2.0, 0.5, 0.0]])
    small_y = np.array([[1.0], [0.0], [1.0]])
    cases = [
        (X, y, W, "the notebook's data and W"),
        (X, y, np.array([[2.0, 1.5]]), "the notebook's data and W = [[2, 1.5]]"),
        (small_X, small_y, np.array([[0.3, -0.2, 0.1]]), "3 samples with 3 features"),
    ]
    for X_c, y_c, W_c, where in cases:
        y_hat = forward(X_c, W_c)
        args = (X_c.copy(), y_c.copy(), y_hat.copy())
        dW = np.asarray(mse_gradient(*args), dtype=float)
        ref = _mse_reference(X_c, y_c, W_c)
        if dW.shape != ref.shape:
            if dW.shape == ref.T.shape:
                raise Wrong(
                    f"your gradient has shape {dW.shape}; it should be {ref.shape} like W: "
                    "transposed?"
                )
            if dW.shape == X_c.shape:
                raise Wrong(
                    f"your gradient has shape {dW.shape}; it should be {ref.shape} like W: "
                    "did you forget to sum over the samples (a matrix product with X)?"
                )
            raise Wrong(
                f"your gradient has shape {dW.shape}; it should be {ref.shape}, the shape of W"
            )
        if not np.all(np.isfinite(dW)):
            raise Wrong(f"your gradient has nan or inf on {where}")
        if np.allclose(dW, ref, rtol=1e-5, atol=1e-8):
            continue
        scale = float(np.sum(dW * ref) / np.sum(ref * ref))  # dW as a multiple of ref
        if np.allclose(dW, scale * ref, rtol=1e-4, atol=1e-8):
            if np.isclose(scale, 0.5):
                raise Wrong(
                    "half the finite-difference gradient: "
                    "the derivative of a square brings down a 2"
                )
            if np.isclose(scale, -1.0):
                raise Wrong("the sign is wrong: the gradient points uphill, use (y_hat - y)")
            if np.isclose(scale, X_c.shape[0]):
                raise Wrong(f"{X_c.shape[0]} times too large on {where}: the sum, not the mean")
            if X_c.shape[0] != 100 and np.isclose(scale, X_c.shape[0] / 100):
                raise Wrong(
                    f"wrong on {where}: divide by the number of samples of X, not a fixed 100"
                )
        dW_ce = gradient(X_c, y_c, y_hat)
        if np.allclose(dW, dW_ce, rtol=1e-6) or np.allclose(dW, 2 * dW_ce, rtol=1e-6):
            raise Wrong(
                "the factor y_hat (1 - y_hat) is missing: unlike cross-entropy, the squared "
                "error keeps the sigmoid's derivative"
            )
        raise Wrong(f"your gradient disagrees with the finite-difference estimate on {where}")
    return "it matches the finite differences; now train with it and compare the accuracy"
