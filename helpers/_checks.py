"""Input checks shared by the public functions of :mod:`helpers`.

Every public function validates its arguments once, at the boundary, with these
checks. Each error names the argument, what was expected and what was given, so a
learner sees ``y must have shape (100, 1) ...`` instead of a broadcasting surprise
deep inside NumPy.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import NDArray


def _describe(value) -> str:
    """A short description of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"[:120]


def as_float_array(name: str, value, *, ndim: int | None = None) -> NDArray[np.float64]:
    """Return ``value`` as a finite float64 array, or raise naming ``name``.

    The input is never modified; a copy is made only when the dtype changes.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a numeric array; got {_describe(value)}")
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "USc":  # text would be parsed, complex silently made real
            raise TypeError(raw.dtype)
        arr = raw.astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array; got {_describe(value)}") from exc
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(
            f"{name} must be a {ndim}-D array; got shape {arr.shape} ({arr.ndim}-D)"
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        n_bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must contain only finite numbers; got {n_bad} NaN or inf")
    return arr


def check_X(X, name: str = "X") -> NDArray[np.float64]:
    """``X`` as a finite array of shape (n_samples, n_features)."""
    X = as_float_array(name, X)
    if X.ndim != 2:
        raise ValueError(
            f"{name} must have shape (n_samples, n_features); got shape {X.shape}"
            + (" - use X.reshape(-1, 1) for a single feature" if X.ndim == 1 else "")
        )
    return X


def check_column(name: str, value, n_samples: int | None = None) -> NDArray[np.float64]:
    """A finite column of shape (n_samples, 1), refusing (n,) vectors outright."""
    arr = as_float_array(name, value)
    expected = f"({n_samples if n_samples is not None else 'n_samples'}, 1)"
    if arr.ndim != 2 or arr.shape[1] != 1:
        hint = f" - use {name}.reshape(-1, 1)" if arr.ndim == 1 else ""
        raise ValueError(f"{name} must have shape {expected}; got shape {arr.shape}{hint}")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have shape {expected} to match the other arguments; "
            f"got shape {arr.shape}"
        )
    return arr


def check_labels(y, n_samples: int | None = None, name: str = "y") -> NDArray[np.float64]:
    """Labels of shape (n_samples, 1) holding only 0 and 1."""
    y = check_column(name, y, n_samples)
    bad = (y != 0) & (y != 1)
    if np.any(bad):
        examples = np.unique(y[bad])[:3]
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; got other values such as "
            + ", ".join(f"{v:g}" for v in examples)
        )
    return y


def check_probabilities(y_hat, n_samples: int | None = None, name: str = "y_hat"):
    """Predicted probabilities of shape (n_samples, 1) inside [0, 1]."""
    y_hat = check_column(name, y_hat, n_samples)
    lo, hi = float(y_hat.min()), float(y_hat.max())
    if lo < 0.0 or hi > 1.0:
        raise ValueError(
            f"{name} must hold probabilities in [0, 1]; got values from {lo:g} to {hi:g}"
            " - did you pass z (the logits) instead of sigmoid(z)?"
        )
    return y_hat


def check_weights(W, n_features: int, name: str = "W") -> NDArray[np.float64]:
    """Weights of shape (1, n_features), with a hint when W arrives transposed."""
    W = as_float_array(name, W)
    if W.shape != (1, n_features):
        hint = ""
        if W.shape == (n_features, 1) and n_features != 1:
            hint = f" - it looks transposed; pass {name}.T"
        elif W.shape == (n_features,):
            hint = f" - use {name}.reshape(1, -1)"
        raise ValueError(
            f"{name} must have shape (1, {n_features}) (n_outputs, n_features) to match X; "
            f"got shape {W.shape}{hint}"
        )
    return W


def check_int(name: str, value, *, minimum: int) -> int:
    """A true integer (not bool, not float) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= {minimum}; got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}")
    return int(value)


def check_positive(name: str, value, *, upper: float | None = None) -> float:
    """A finite real number > 0 (and < ``upper`` when given)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number; got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    if upper is not None and value >= upper:
        raise ValueError(f"{name} must be a number in (0, {upper:g}); got {value!r}")
    return value


def check_nonnegative(name: str, value) -> float:
    """A finite real number >= 0 (0 allowed, e.g. no noise or no padding)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number >= 0; got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {value!r}")
    return value


def check_seed(seed, name: str = "seed") -> int:
    """A non-negative integer seed for :func:`numpy.random.default_rng`."""
    return check_int(name, seed, minimum=0)
