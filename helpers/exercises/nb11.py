"""Checks for the exercises of notebook 11, a hidden layer.

The checks of functions (11.1, 11.4) run the learner's function on arrays of a
few shapes, including the edge cases the notebook taught (a product whose shape
must match ``A1``; ``z = 0`` and large ``|z|`` for an activation's slope). The
reference numbers (11.2, 11.3) are computed here from ``helpers``: the XOR data
of the notebook and ``helpers.training.train``. Exercises 11.5 (does leaky ReLU
rescue the stuck run?) and 11.6 (how the time of an epoch grows with the number of
hidden units, timed on the learner's machine) are self-checks: no check measures a
time.

11.1  a transposed weight
11.2  a missing 1/n
11.3  two hidden units
11.4  the slope of leaky ReLU
11.5  does leaky ReLU rescue the stuck run? (self-check)
11.6  the cost of more hidden units (self-check)

Examples
--------
>>> from helpers.exercises import check
>>> check("11.2", ...)
11.2 · not attempted yet: replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

import numbers
from functools import lru_cache

import numpy as np

from helpers.data import make_xor
from helpers.exercises.core import Wrong, exercise, number, self_check
from helpers.training import train


def _array(value, what: str) -> np.ndarray:
    if value is None:
        raise Wrong(f"{what} returned None: did you forget the return statement?")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(
            f"{what} should return an array of numbers; got {type(value).__name__}"
        ) from None


@exercise("11.1", "A transposed weight", "easy")
def _(grad_A1):
    if not callable(grad_A1):
        raise Wrong("grad_A1 should be a function of dz2, shape (n, 1), and W2, shape (1, h)")
    rng = np.random.default_rng(0)
    for n, h in ((200, 4), (5, 3), (7, 1)):
        dz2, W2 = rng.standard_normal((n, 1)), rng.standard_normal((1, h))
        before = dz2.copy(), W2.copy()
        dA1 = _array(grad_A1(dz2, W2), "grad_A1")
        if not (np.array_equal(dz2, before[0]) and np.array_equal(W2, before[1])):
            raise Wrong("grad_A1 changed dz2 or W2 in place: compute a new array instead")
        if dA1.shape == (h, n) and h != n:
            raise Wrong(
                f"for n = {n} samples and h = {h} units grad_A1 returns shape {dA1.shape}, "
                f"transposed: dA1 must have the shape of A1, ({n}, {h}), one row per sample"
            )
        if dA1.shape != (n, h):
            raise Wrong(
                f"for n = {n} samples and h = {h} units grad_A1 returns shape {dA1.shape}; "
                f"dA1 must have the shape of A1, ({n}, {h})"
            )
        reference = dz2 * W2  # every sample's error, weighted by every unit's output weight
        if not np.allclose(dA1, reference, rtol=1e-9, atol=1e-12):
            raise Wrong(
                "grad_A1 has the right shape but not the right values: entry (i, j) should be "
                "sample i's dL/dz2 times the output weight of unit j"
            )
    return "the only product of (n, 1) and (1, h) that has the shape (n, h) of A1."


def _relative_error(G, G_num) -> float:
    return float(np.linalg.norm(G - G_num) / (np.linalg.norm(G) + np.linalg.norm(G_num)))


@exercise("11.2", "A missing 1/n", "medium")
def _(answer):
    rel = number(answer, "rel_expected")
    n = make_xor(200, noise=0.1, seed=0)[0].shape[0]  # the notebook's n
    G_num = np.random.default_rng(0).standard_normal((4, 2))  # any gradient: its size cancels
    expected = _relative_error(n * G_num, G_num)  # the gradient without the 1/n is n times larger
    if np.isclose(rel, expected, rtol=1e-3, atol=0):
        return "n - 1 over n + 1: close to 1, the size of error a wrong formula gives."
    if np.isclose(rel, n, rtol=1e-3) or np.isclose(rel, 1 / n, rtol=1e-3):
        raise Wrong(
            "that is the ratio of the two gradients, not the relative error: "
            "the formula divides |G - G_num| by |G| + |G_num|"
        )
    if np.isclose(rel, (n - 1) / n, rtol=1e-4) or np.isclose(rel, n - 1, rtol=1e-3):
        raise Wrong(
            "check the denominator: the relative error divides by |G| + |G_num|, not by |G|"
        )
    if rel == 1:
        raise Wrong("close to 1, but not exactly: write both norms as multiples of |G_num|")
    if not 0 <= rel <= 1:
        raise Wrong(f"a relative error of this form lies between 0 and 1; got {rel:g}")
    raise Wrong(
        "not the relative error of a gradient that is n times too large: write G as a "
        "multiple of G_num and simplify"
    )


@lru_cache(maxsize=1)
def _xor_two_units() -> tuple[float, ...]:
    X, y = make_xor(200, noise=0.1, seed=0)
    runs = (train(X, y, n_hidden=2, lr=0.5, n_epochs=1000, seed=s) for s in range(5))
    return tuple(float(history["accuracy"][-1]) for _, history in runs)


@exercise("11.3", "Two hidden units", "medium")
def _(answer):
    if isinstance(answer, (float, np.floating)) and 0 < answer < 1:
        raise Wrong(
            "give the number of seeds that reach 100%, an integer from 0 to 5, not a fraction"
        )
    if not isinstance(answer, (numbers.Integral, np.integer)) or isinstance(answer, bool):
        if isinstance(answer, (numbers.Real, np.floating)) and float(answer).is_integer():
            answer = int(answer)
        else:
            raise Wrong(f"n_solved should be a whole number of seeds, 0 to 5; got {answer!r:.40}")
    n_solved = int(answer)
    accs = _xor_two_units()
    expected = sum(acc == 1.0 for acc in accs)
    if n_solved == expected:
        return "two units can solve XOR, but not from every start: training fails, not capacity."
    if not 0 <= n_solved <= 5:
        raise Wrong(f"seeds 0 to 4 are five runs, so n_solved is between 0 and 5; got {n_solved}")
    if n_solved == 5:
        raise Wrong("not every seed reaches 100%: look at history['accuracy'][-1] of each run")
    raise Wrong(
        "that is not the number of seeds 0 to 4 (range(5)) whose final training accuracy "
        "is 100%: train each with n_hidden=2, lr=0.5, n_epochs=1000"
    )


@exercise("11.4", "The slope of leaky ReLU", "medium")
def _(leaky_relu_slope):
    if not callable(leaky_relu_slope):
        raise Wrong("leaky_relu_slope should be a function of Z")
    Z = np.array([[-800.0, -3.0, -0.5, -1e-3], [1e-3, 0.5, 3.0, 800.0]])
    Z_in = Z.copy()
    slope = _array(leaky_relu_slope(Z_in), "leaky_relu_slope")
    if not np.array_equal(Z_in, Z):
        raise Wrong("leaky_relu_slope changed its input Z in place: compute a new array instead")
    if slope.shape != Z.shape:
        raise Wrong(f"for Z of shape {Z.shape} leaky_relu_slope returns shape {slope.shape}")
    negative, positive = slope[0], slope[1]
    if np.allclose(negative, 0):
        raise Wrong("for z < 0 your slope is 0, as for ReLU: the leaky unit passes 0.01 there")
    if np.allclose(slope, np.maximum(Z, 0.01 * Z)):
        raise Wrong("for z = 3 it returns 3: that is g(z) itself, not its slope g'(z)")
    if not np.allclose(positive, 1.0):
        raise Wrong("for z > 0 the slope should be that of g(z) = z there")
    if not np.allclose(negative, 0.01):
        raise Wrong("for z < 0 the slope should be that of g(z) = 0.01 z there")
    at_zero = _array(leaky_relu_slope(np.zeros((3, 1))), "leaky_relu_slope")
    one_sided = np.isclose(at_zero, 0.01) | np.isclose(at_zero, 1.0)
    if at_zero.shape != (3, 1) or not np.all(one_sided):
        raise Wrong("at z = 0 use either one-sided slope, 0.01 or 1, as ReLU uses 0 there")
    return "0.01 on the left, 1 on the right: a switched-off unit still gets a little gradient."


self_check("11.5", "Does leaky ReLU rescue the stuck run?", "stretch")
self_check("11.6", "The cost of more hidden units", "stretch")
