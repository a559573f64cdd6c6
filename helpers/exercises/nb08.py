"""Checks for the exercises of notebook 08, the learning rate.

The references are computed here from :mod:`helpers` on the notebook's data
(``make_blobs(100, seed=0)``): the minimum from
:func:`helpers.learning_rate.loss_minimum`, the largest curvature from
:func:`helpers.learning_rate.curvature_at`, and the whole Hessian by finite
differences of :func:`helpers.model.gradient`, so no check repeats the formula
$H = X^\\top D X / n$ the learner is asked to use.

Exercises
---------
08.1 : the Hessian at W = 0, and the bound L (easy)
08.2 : predict the edge 2 / lambda_max for half of the data (medium)
08.3 : the per-step factor of a learning rate, and the fastest one (stretch)

Examples
--------
>>> from helpers.exercises import check
>>> check("08.1", ...)
08.1 · not attempted yet: replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

import functools

import numpy as np

from helpers.exercises.core import Wrong, exercise, number, series_data
from helpers.learning_rate import curvature_at, curvature_bound, loss_minimum
from helpers.model import forward, gradient, numerical_gradient


def _numerical_hessian(X, y, W) -> np.ndarray:
    """The Hessian of the mean cross-entropy at ``W``: row j is the slope of dW[0, j]."""
    rows = [
        numerical_gradient(lambda V, j=j: gradient(X, y, forward(X, V))[0, j], W, eps=1e-5)[0]
        for j in range(W.shape[1])
    ]
    H = np.array(rows)
    return (H + H.T) / 2  # the two halves agree to rounding; average them


@functools.cache
def _curvatures_at_minimum() -> tuple[float, float]:
    """(lambda_min, lambda_max) of the Hessian at the notebook's minimum W*."""
    X, y, _ = series_data()
    W_star = loss_minimum(X, y)[0]
    lam_min, lam_max = np.linalg.eigvalsh(_numerical_hessian(X, y, W_star))
    return float(lam_min), float(lam_max)


@exercise("08.1", "The Hessian at the origin", "easy")
def _(H0):
    if not isinstance(H0, np.ndarray | list):
        raise Wrong(f"H0 should be an array of shape (2, 2); got {type(H0).__name__}")
    H0 = np.asarray(H0, dtype=float)
    X, y, _ = series_data()
    n = X.shape[0]
    if H0.shape == (n, n):
        raise Wrong(
            f"H0 has shape {H0.shape}, one row per point: that is X @ X.T; "
            "the Hessian has one row and one column per weight, X.T @ ... @ X"
        )
    if H0.shape != (2, 2):
        raise Wrong(f"H0 has shape {H0.shape}; it should be (2, 2): one row and column per weight")
    ref = _numerical_hessian(X, y, np.zeros((1, 2)))
    if np.allclose(H0, ref, rtol=1e-6, atol=1e-9):
        return (
            f"its eigenvalues are both >= 0, and the largest is L = {curvature_bound(X):.4f}: "
            "at W = 0 every y_hat (1 - y_hat) is 1/4, its largest possible value"
        )
    for factor, why in (
        (n, "n times too large: the loss is a mean over the points, so divide by n"),
        (4.0, "4 times too large: at W = 0 each y_hat (1 - y_hat) is 1/4, not 1"),
        (2.0, "2 times too large: D holds y_hat (1 - y_hat) = 1/4, not y_hat = 1/2"),
        (4.0 * n, "4n times too large: divide by n (a mean) and use y_hat (1 - y_hat) = 1/4"),
    ):
        if np.allclose(H0, factor * ref, rtol=1e-6):
            raise Wrong(why)
    if not np.allclose(H0, H0.T, rtol=1e-9, atol=1e-12):
        raise Wrong("H0 is not symmetric; a Hessian is: d2L / dw_j dw_k = d2L / dw_k dw_j")
    raise Wrong("not the Hessian at W = 0; form D from y_hat = forward(X, W) with W = 0")


@exercise("08.2", "The edge for half of the data", "medium")
def _(answer):
    edge = number(answer, "edge_half")
    X, y, W0 = series_data()
    Xh, yh = X[::2], y[::2]
    W_half = loss_minimum(Xh, yh)[0]
    ref = 2 / curvature_at(Xh, W_half)
    if np.isclose(edge, ref, rtol=1e-3):
        return (
            f"2 / lambda_max = {ref:.2f} at the minimum of the 50 points: a sweep on them "
            "should find the edge there"
        )
    for wrong, why in (
        (2 / curvature_bound(Xh), "that is 2/L, the guarantee from W = 0; use H at the minimum"),
        (2 / curvature_at(X, loss_minimum(X, y)[0]), "that is the edge of all 100 points"),
        (2 / curvature_at(Xh, W0), "that uses the curvature at W0, the start; use the minimum"),
        (1 / curvature_at(Xh, W_half), "half the edge: a step is safe while lr * lambda < 2"),
        (curvature_at(Xh, W_half), "that is lambda_max itself; the edge is 2 / lambda_max"),
    ):
        if np.isclose(edge, wrong, rtol=1e-3):
            raise Wrong(why)
    raise Wrong(
        "not 2 / lambda_max at the minimum of X[::2], y[::2]; find that minimum first, "
        "then the Hessian there"
    )


def _rate_of(rate, lr: float) -> float:
    return number(rate(lr), f"rate({lr:g})")


@exercise("08.3", "The fastest learning rate", "stretch")
def _(rate):
    if not callable(rate):
        raise Wrong("rate should be a function of the learning rate, def rate(lr): ...")
    lam_min, lam_max = _curvatures_at_minimum()
    lrs = (0.5, 1.0, 10.0, 2 / (lam_min + lam_max), 20.0, 25.0, 30.0)
    got = np.array([_rate_of(rate, lr) for lr in lrs])
    ref = np.array([max(abs(1 - lr * lam_min), abs(1 - lr * lam_max)) for lr in lrs])
    if np.allclose(got, ref, rtol=1e-4):
        best = 2 / (lam_min + lam_max)
        return (
            f"the factor is smallest at lr = 2 / (lambda_min + lambda_max) = {best:.2f}, "
            f"{(lam_max - lam_min) / (lam_max + lam_min):.3f} per step; past "
            f"2 / lambda_max = {2 / lam_max:.2f} it exceeds 1"
        )
    flat = np.array([1 - lr * lam_min for lr in lrs])
    steep = np.array([1 - lr * lam_max for lr in lrs])
    if np.allclose(got, flat, rtol=1e-4):
        raise Wrong(
            "that is the flat direction's factor alone; above 2 / (lambda_min + lambda_max) "
            "the steep direction's factor is the larger in size"
        )
    if np.allclose(got, np.abs(steep), rtol=1e-4):
        raise Wrong(
            "that is the steep direction's factor alone; below 2 / (lambda_min + lambda_max) "
            "the flat direction is the slower one"
        )
    if np.allclose(got, np.maximum(np.abs(flat), steep), rtol=1e-4):
        raise Wrong("a factor of -0.8 shrinks the distance as much as +0.8: compare sizes, abs()")
    if np.allclose(got, np.minimum(np.abs(flat), np.abs(steep)), rtol=1e-4):
        raise Wrong("that is the faster direction; the slower one decides how fast the run gets")
    if np.allclose(got[:3], ref[:3], rtol=1e-4):
        raise Wrong("right for small lr, wrong for large ones: look at rate(20), rate(30)")
    L = curvature_bound(series_data()[0])
    if np.isclose(got[0], abs(1 - lrs[0] * L), rtol=1e-4):
        raise Wrong("that uses L; the factor near the minimum comes from H at W*, lam")
    raise Wrong(
        f"rate({lrs[1]:g}) = {got[1]:.4g}; it should be the larger of |1 - lr * lambda| "
        "over the two curvatures at the minimum"
    )
