"""Checks for the exercises of notebook 10, why a line fails.

Each check rebuilds the data the notebook uses from ``helpers.data`` and trains
logistic regression with the bias feature exactly as the task says (from zeros,
``lr=0.5``, 1,000 iterations), then compares. Exercise 10.5 (why a hand search
for features does not scale) is a self-check.

Examples
--------
>>> from helpers.exercises import check
>>> check("10.1", ...)
10.1 · not attempted yet: replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from helpers.data import add_bias_feature, make_circles, make_moons
from helpers.exercises.core import Wrong, exercise, number, self_check
from helpers.model import accuracy, predict
from helpers.training import gradient_descent

ATOL_ACC = 0.0025  # half a point in two hundred: an accuracy must match to the point
CORNERS = np.array([[-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [1.0, 1.0]])
CORNER_LABELS = np.array([1.0, 0.0, 1.0, 0.0])


def _fraction_pair(answer, name: str, first: str, second: str) -> tuple[float, float]:
    """Two accuracies as fractions, from a pair (tuple, list or array of 2)."""
    if isinstance(answer, np.ndarray):
        answer = answer.ravel().tolist() if answer.size == 2 else answer
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(f"{name} should be a pair of two numbers, ({first}, {second})")
    pair = (number(answer[0], first), number(answer[1], second))
    for what, value in zip((first, second), pair, strict=True):
        if 1 < value <= 100:
            raise Wrong(
                f"{what} = {value:g} looks like a percentage: give it as a fraction (0.5, not 50)"
            )
        if not 0 <= value <= 1:
            raise Wrong(f"{what} = {value!r} is not an accuracy: it should be between 0 and 1")
    return pair


def _close(a: float, b: float) -> bool:
    return abs(a - b) < ATOL_ACC


def _fit_accuracy(F, y) -> float:
    """Logistic regression on the feature matrix F (bias column included), as in notebook 10."""
    W, _ = gradient_descent(F, y, np.zeros((1, F.shape[1])), lr=0.5, n_iters=1000)
    return accuracy(y, predict(F, W))


@exercise("10.1", "Three corners", "easy")
def _(answer):
    try:
        line = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise Wrong("line should be three numbers (w1, w2, b), e.g. a tuple of floats") from None
    if line.size != 3:
        raise Wrong(f"line should be three numbers (w1, w2, b); got {line.size}")
    w1, w2, b = line.ravel()
    if not np.all(np.isfinite(line)):
        raise Wrong("line holds a NaN or an infinity: give three finite numbers (w1, w2, b)")
    z = CORNERS @ np.array([w1, w2]) + b
    on_line = [(int(c[0]), int(c[1])) for c, zc in zip(CORNERS, z, strict=True) if zc == 0]
    if on_line:
        where = ", ".join(f"({x1}, {x2})" for x1, x2 in on_line)
        raise Wrong(f"the corners {where} lie exactly on your line (z = 0): move it off them")
    right = (z > 0) == (CORNER_LABELS == 1)
    n_right = int(right.sum())
    if n_right == 3:
        x1, x2 = (int(v) for v in CORNERS[~right][0])
        return f"three corners right; only ({x1}, {x2}) is on the wrong side, as the proof allows."
    if n_right == 1:
        raise Wrong(
            "your line gets only 1 corner right: it has the classes the wrong way round; "
            "flip the sign of all three numbers"
        )
    raise Wrong(
        f"your line gets {n_right} of the 4 corners right (class 1 where z > 0); "
        "the best a line can do is 3"
    )


@lru_cache(maxsize=4)
def _moons_accuracy(noise: float) -> float:
    X, y = make_moons(200, noise=noise, seed=0)
    return _fit_accuracy(add_bias_feature(X), y)


@exercise("10.2", "Noise", "easy")
def _(answer):
    acc_00, acc_03 = _fraction_pair(answer, "accs_noise", "acc_00", "acc_03")
    ref_00, ref_03, ref_01 = (_moons_accuracy(noise) for noise in (0.0, 0.3, 0.1))
    if _close(acc_00, ref_00) and _close(acc_03, ref_03):
        return (
            "more noise costs a few points, and the best line only tilts a little: "
            "its place is set by the shape of the moons."
        )
    if _close(acc_00, ref_03) and _close(acc_03, ref_00) and not _close(ref_00, ref_03):
        raise Wrong("the two numbers look swapped: first noise=0.0, then noise=0.3")
    if not _close(acc_00, ref_00):
        raise Wrong(
            "acc_00 is not the training accuracy on make_moons(200, noise=0.0, seed=0) "
            "(bias feature, from zeros, lr=0.5, 1000 iterations)"
        )
    if _close(acc_03, ref_01) and not _close(ref_01, ref_03):
        raise Wrong("acc_03 is the accuracy at the notebook's noise=0.1; use noise=0.3")
    raise Wrong(
        "acc_03 is not the training accuracy on make_moons(200, noise=0.3, seed=0) "
        "(bias feature, from zeros, lr=0.5, 1000 iterations)"
    )


@lru_cache(maxsize=4)
def _circles_accuracy(factor: float, with_radius: bool) -> float:
    X, y = make_circles(200, noise=0.1, factor=factor, seed=0)
    if with_radius:
        X = np.column_stack([X, X[:, 0] ** 2 + X[:, 1] ** 2])
    return _fit_accuracy(add_bias_feature(X), y)


@exercise("10.3", "The circle factor", "medium")
def _(answer):
    acc_02, acc_09 = _fraction_pair(answer, "accs_radius", "acc_02", "acc_09")
    ref_02, ref_09 = (_circles_accuracy(f, True) for f in (0.2, 0.9))
    if _close(acc_02, ref_02) and _close(acc_09, ref_09):
        return (
            "the squared radius separates rings far apart, but not rings whose noisy points "
            "sit at the same radius."
        )
    plain_02, plain_09 = (_circles_accuracy(f, False) for f in (0.2, 0.9))
    if _close(acc_02, plain_02) and _close(acc_09, plain_09):
        raise Wrong(
            "those look like the accuracies without the squared-radius feature: "
            "train on [x1, x2, x1**2 + x2**2, 1]"
        )
    if _close(acc_02, ref_09) and _close(acc_09, ref_02):
        raise Wrong("the two numbers look swapped: first factor=0.2, then factor=0.9")
    which = "acc_02 (factor=0.2)" if not _close(acc_02, ref_02) else "acc_09 (factor=0.9)"
    raise Wrong(
        f"{which} is not the training accuracy with the squared-radius feature on "
        "make_circles(200, noise=0.1, factor=..., seed=0) (from zeros, lr=0.5, 1000 iterations)"
    )


@exercise("10.4", "A feature for moons", "stretch")
def _(moons_features):
    if not callable(moons_features):
        raise Wrong("moons_features should be a function of the points P, shape (m, 2)")
    X, y = make_moons(200, noise=0.1, seed=0)
    P_small = X[:7].copy()
    small = np.asarray(moons_features(P_small), dtype=float)
    if not np.array_equal(P_small, X[:7]):
        raise Wrong("moons_features changed its input P: compute new arrays instead")
    small = small.reshape(-1, 1) if small.ndim == 1 else small
    if small.ndim != 2 or small.shape[0] != 7:
        raise Wrong(
            f"for 7 points moons_features returned shape {small.shape}; it should be (7, k), "
            "one row per point: compute the features from P, not from a global array"
        )
    extra = np.asarray(moons_features(X), dtype=float)
    extra = extra.reshape(-1, 1) if extra.ndim == 1 else extra
    if extra.shape != (200, small.shape[1]):
        raise Wrong(
            f"for 200 points moons_features returned shape {extra.shape}; expected (200, k)"
        )
    if not np.all(np.isfinite(extra)):
        raise Wrong("moons_features returns NaN or infinity for some points")
    F = add_bias_feature(np.column_stack([X, extra]))
    try:
        acc = _fit_accuracy(F, y)
    except FloatingPointError:
        raise Wrong(
            "training overflowed: your features are too large for lr=0.5; "
            "scale them so they stay within a few units"
        ) from None
    if acc < 0.95:
        raise Wrong(
            f"with your features logistic regression reaches {acc:.1%}, below 95%: "
            "the boundary must bend where the moons interlock, not around the origin"
        )
    return "a line in your features is a curve in the plane that bends between the moons."


self_check("10.5", "Why the search does not scale", "medium")
