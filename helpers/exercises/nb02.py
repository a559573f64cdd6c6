"""Checks for the exercises of notebook 02, forward propagation.

Each check recomputes the expected answer from :mod:`helpers.model` and the
notebook's data (``make_blobs(100, seed=0)``, ``W`` drawn with seed 5), so nothing
here is a hard-coded number that could drift from the notebook.

Exercises
---------
02.1 Symmetry by hand (easy)
    ``sig_pair``: the tuple ``(sigma(2), sigma(-2))``.
02.2 Smaller weights (easy)
    ``y_hat_small``: the probabilities of the model with weights ``0.1 * W``.
02.3 Where does the naive version break? (medium)
    ``z_limit``: the most negative ``z`` at which the naive sigmoid does not
    overflow, to within 0.01.
02.4 One sample (stretch)
    ``forward_one(x, W)``: the probability of one sample of shape
    ``(n_features,)``, as an array of shape ``(1, 1)``.
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers import model
from helpers.exercises.core import Wrong, column, exercise, series_data


def _numbers(answer, what: str, size: int) -> np.ndarray:
    """``answer`` as a flat float array of ``size`` values, or :class:`Wrong`."""
    try:
        values = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be {size} number(s); got {type(answer).__name__}") from None
    if values.size != size:
        raise Wrong(f"{what} should be {size} number(s); got {values.size}")
    return values


# --------------------------------------------------------------------------- 02.1
@exercise("02.1", "Symmetry by hand", "easy")
def _symmetry(sig_pair):
    got = _numbers(sig_pair, "sig_pair, (σ(2), σ(-2)),", 2)
    expected = np.array([float(model.sigmoid(2.0)), float(model.sigmoid(-2.0))])
    if np.allclose(got, expected, rtol=1e-9, atol=0.0):
        return "σ(2) + σ(-2) = 1: the symmetry σ(-z) = 1 - σ(z). Can you show it from the formula?"
    if np.allclose(got, expected[::-1], rtol=1e-9, atol=0.0):
        raise Wrong("the two values are the other way round: σ(2) comes first, then σ(-2)")
    if np.allclose(got, expected, rtol=0.0, atol=1e-2):
        raise Wrong(
            "close, but rounded: store the values sigmoid returns, not digits copied from a print"
        )
    if got[0] == got[1]:
        raise Wrong("both values are equal: σ(2) and σ(-2) lie on either side of 0.5")
    if got[0] < 0.5:
        raise Wrong("σ(2) is below 0.5 in your answer; a positive z gives a probability above 0.5")
    raise Wrong("these are not σ(2) and σ(-2); compute them with sigmoid from this notebook")


# --------------------------------------------------------------------------- 02.2
@exercise("02.2", "Smaller weights", "easy")
def _smaller_weights(y_hat_small):
    got = column(y_hat_small, "y_hat_small")
    X, _, W = series_data()
    expected = model.forward(X, 0.1 * W)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-12):
        return (
            "every probability moved towards 0.5 (less confident), and every sample stayed on "
            "its side of 0.5: not one more is right."
        )

    def same(other) -> bool:
        return bool(np.allclose(got, other, rtol=1e-9, atol=1e-12))

    if same(model.forward(X, W)):
        raise Wrong("these are the probabilities of W itself: multiply W by 0.1 first")
    if same(0.1 * model.forward(X, W)):
        raise Wrong(
            "you scaled the probabilities, not the weights: 0.1 * σ(z) is no longer a "
            "probability of class 1 (all below 0.1); scale W, then apply forward"
        )
    if same(model.forward(X, 10.0 * W)):
        raise Wrong("these are the probabilities of 10 * W, a more confident model: use 0.1 * W")
    if same(model.predict(X, 0.1 * W)):
        raise Wrong("these are 0/1 predictions; store the probabilities forward returns")
    raise Wrong("these are not the probabilities forward gives for the weights 0.1 * W")


# --------------------------------------------------------------------------- 02.3
def _overflows(z: float) -> bool:
    """Whether the naive sigmoid's exp(-z) overflows at z."""
    with np.errstate(over="ignore"):
        return not np.isfinite(np.exp(-np.float64(z)))


@exercise("02.3", "Where does the naive version break?", "medium")
def _naive_limit(z_limit):
    if isinstance(z_limit, bool) or not isinstance(z_limit, numbers.Real | np.ndarray):
        raise Wrong(f"z_limit should be one number; got {type(z_limit).__name__}")
    z = float(_numbers(z_limit, "z_limit", 1)[0])
    if not np.isfinite(z):
        raise Wrong(f"z_limit is {z}; it should be a finite number")
    if z >= 0:
        raise Wrong("z_limit should be negative: the naive sigmoid overflows for large negative z")
    if _overflows(z):
        raise Wrong(f"sigmoid_naive already overflows at z = {z:g}: np.exp(-z) is inf there")
    if not _overflows(z - 0.01):
        raise Wrong(
            f"sigmoid_naive is still safe at z = {z - 0.01:g}: go further, to within 0.01 "
            "of the limit"
        )
    return "below it, np.exp(-z) exceeds the largest float64, about 1.8e308, and overflows."


# --------------------------------------------------------------------------- 02.4
@exercise("02.4", "One sample", "stretch")
def _one_sample(forward_one):
    if not callable(forward_one):
        raise Wrong("forward_one should be a function: def forward_one(x, W): ...")
    X, _, W = series_data()
    cases = [("X[0]", X[0], W), ("X[5]", X[5], W)]
    rng = np.random.default_rng(0)
    cases.append(("a sample with 3 features", rng.normal(size=3), rng.normal(size=(1, 3))))
    for name, x, W_case in cases:
        x_before = x.copy()
        try:
            result = forward_one(x, W_case)
        except Exception as error:
            if "W must have shape (1, 1)" in str(error):
                raise Wrong(
                    f"forward_one({name}, W) passes model.forward an X of one feature per row: "
                    "reshape(-1, 1) makes a column, many samples of one feature each"
                ) from None
            if x.shape == (3,):
                raise Wrong(
                    f"forward_one fails for {name} ({type(error).__name__}): do not assume "
                    "two features"
                ) from None
            raise
        if not np.array_equal(x, x_before):
            raise Wrong(f"forward_one changed its argument x ({name}); leave it as it was")
        got = np.asarray(result, dtype=float)
        if got.shape == (1,):
            raise Wrong(
                f"forward_one({name}, W) has shape (1,), what x @ W.T gives for a 1-D sample; "
                "the task asks for (1, 1): one row for the one sample"
            )
        if got.shape != (1, 1):
            raise Wrong(f"forward_one({name}, W) has shape {got.shape}; it should be (1, 1)")
        expected = model.forward(x[np.newaxis, :], W_case)
        if not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            raise Wrong(
                f"forward_one({name}, W) is not the probability of that sample; use x and W, "
                "not the notebook's X"
            )
    return "one sample needs its samples axis back: shape (1, n_features) in, (1, 1) out."
