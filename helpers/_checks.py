"""Input checks shared by the public functions of :mod:`helpers`.

Every public function validates its arguments once, at the boundary, with these
checks. Each error names the argument, what was expected and what was given, so a
learner sees ``y must have shape (100, 1) ...`` instead of a broadcasting surprise
deep inside NumPy.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray


def _describe(value) -> str:
    """A short description of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        text = f"an array of shape {value.shape} and dtype {value.dtype}"
        if value.dtype.kind == "O" and value.size:
            first = _first_non_number(value)
            if first is not None:
                text += f" holding {type(first).__name__} {first!r}"[:80]
        return text
    return f"{type(value).__name__} {value!r}"[:120]


def _first_non_number(arr: np.ndarray):
    """The first element of an object array that is not a real number, or None."""
    for item in arr.flat:
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
            return item
    return None


#: dtype kinds that NumPy would turn into floats although they are not numbers:
#: text is parsed, complex loses its imaginary part, dates become days since 1970,
#: durations become counts of their unit, booleans become 0 and 1.
_NOT_NUMBERS = {
    "U": "text",
    "S": "bytes",
    "c": "complex numbers",
    "M": "dates (datetime64)",
    "m": "durations (timedelta64)",
    "b": "booleans",
}


def as_float_array(
    name: str,
    value,
    *,
    ndim: int | None = None,
    allow_empty: bool = False,
    allow_bool: bool = False,
) -> NDArray[np.float64]:
    """Return ``value`` as a finite float64 array, or raise naming ``name``.

    Only real numbers are accepted: text (also inside an object array), complex
    numbers, dates and durations are refused rather than converted, and so are
    booleans unless ``allow_bool`` (labels may be ``True``/``False``).
    The input is never modified; a copy is made only when the dtype changes.
    """
    expected = f"{name} must be a numeric array"
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{expected}; got {_describe(value)}")
    try:
        raw = np.asarray(value)
    except ValueError as exc:  # a ragged nested list
        raise TypeError(f"{expected} with a regular shape; got {_describe(value)}") from exc
    kind = raw.dtype.kind
    if kind in _NOT_NUMBERS and not (kind == "b" and allow_bool):
        hint = " - convert them with .astype(float) if 0 and 1 are meant" if kind == "b" else ""
        raise TypeError(f"{expected}; got {_NOT_NUMBERS[kind]}, {_describe(raw)}{hint}")
    if kind == "O" and _first_non_number(raw) is not None:
        raise TypeError(f"{expected}; got {_describe(raw)}")
    if kind not in "biufO":
        raise TypeError(f"{expected}; got {_describe(raw)}")
    arr = raw.astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array; got shape {arr.shape} ({arr.ndim}-D)")
    if arr.size == 0 and not allow_empty:
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


def check_column(
    name: str, value, n_samples: int | None = None, *, allow_bool: bool = False
) -> NDArray[np.float64]:
    """A finite column of shape (n_samples, 1), refusing (n,) vectors outright."""
    arr = as_float_array(name, value, allow_bool=allow_bool)
    expected = f"({n_samples if n_samples is not None else 'n_samples'}, 1)"
    if arr.ndim != 2 or arr.shape[1] != 1:
        hint = f" - use {name}.reshape(-1, 1)" if arr.ndim == 1 else ""
        raise ValueError(f"{name} must have shape {expected}; got shape {arr.shape}{hint}")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have shape {expected} to match the other arguments; got shape {arr.shape}"
        )
    return arr


def check_labels(y, n_samples: int | None = None, name: str = "y") -> NDArray[np.float64]:
    """Labels of shape (n_samples, 1) holding only 0 and 1 (``False``/``True`` allowed)."""
    y = check_column(name, y, n_samples, allow_bool=True)
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


#: Most memory a training loop may take for its history (1 GB): about 40 million
#: iterations of gradient descent with 2 features. More is refused up front.
MAX_HISTORY_BYTES = 10**9


def check_history_size(
    name: str, n_steps: int, bytes_per_step: int, limit: int = MAX_HISTORY_BYTES
) -> None:
    """Refuse, before allocating, a history of ``n_steps + 1`` entries larger than ``limit``."""
    needed = (n_steps + 1) * bytes_per_step
    if needed > limit:
        raise ValueError(
            f"{name}={n_steps:,} would need {needed / 1e9:,.1f} GB for the history "
            f"({bytes_per_step} bytes per step); the limit is {limit / 1e9:g} GB - "
            f"use a smaller {name}"
        )


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


def check_choice(name: str, value, choices: tuple[str, ...]) -> str:
    """One of the strings ``choices``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {choices}; got {_describe(value)}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value


def check_params(params, n_features: int, names: tuple[str, ...]) -> dict:
    """A network's ``params``: a dict of finite arrays ``names`` with matching shapes.

    ``names`` are (W1, b1, W2, b2); other entries (the activation) are passed on
    unchanged for the caller to check.
    """
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict with the keys {names} (from init_params or train); "
            f"got {_describe(params)}"
        )
    missing = [k for k in names if k not in params]
    if missing:
        raise ValueError(f"params must have the keys {names}; missing {missing}")
    out = dict(params)
    out.update({k: as_float_array(f"params['{k}']", params[k]) for k in names})
    W1 = out["W1"]
    if W1.ndim != 2 or W1.shape[1] != n_features:
        raise ValueError(
            f"params['W1'] must have shape (n_hidden, {n_features}) (n_hidden, n_features) "
            f"to match X; got shape {W1.shape}"
        )
    n_hidden = W1.shape[0]
    W2 = out["W2"]  # (n_outputs, n_hidden): one output for two classes, K for K classes
    n_outputs = W2.shape[0] if W2.ndim == 2 and W2.shape[1] == n_hidden else 1
    shapes = [(1, n_hidden), (n_outputs, n_hidden), (1, n_outputs)]
    for k, shape in zip(names[1:], shapes, strict=True):
        if out[k].shape != shape:
            hint = ""
            if out[k].shape == shape[::-1] or out[k].ndim == 1:
                hint = f" - use params['{k}'].reshape{shape}"
            raise ValueError(
                f"params['{k}'] must have shape {shape} for a hidden layer of {n_hidden} "
                f"units; got shape {out[k].shape}{hint}"
            )
    return out


def check_cache(cache, n_samples: int, n_hidden: int, n_outputs: int = 1) -> dict:
    """The ``cache`` of a forward pass over ``n_samples`` samples and ``n_hidden`` units."""
    expected = "cache must be the dict returned by forward(X, params) for the same X"
    if not isinstance(cache, dict):
        raise TypeError(f"{expected}; got {_describe(cache)}")
    missing = sorted({"Z1", "A1", "z2", "activation"} - set(cache))
    if missing:
        raise TypeError(f"{expected}; got a dict without the keys {missing}")
    out = {k: as_float_array(f"cache['{k}']", cache[k]) for k in ("Z1", "A1", "z2")}
    for k, shape in (("Z1", (n_samples, n_hidden)), ("A1", (n_samples, n_hidden)),
                     ("z2", (n_samples, n_outputs))):  # fmt: skip
        if out[k].shape != shape:
            raise ValueError(
                f"cache['{k}'] must have shape {shape} to match X and params; "
                f"got shape {out[k].shape} - was the cache made from another X?"
            )
    out["activation"] = cache["activation"]
    return out


def resolve_activation(params: dict, activation, choices: tuple[str, ...]) -> str:
    """The activation to use: the one ``params`` records, or the explicit one if they agree."""
    recorded = params.get("activation")
    if recorded is not None:
        recorded = check_choice("params['activation']", recorded, choices)
    if activation is None:
        if recorded is None:
            raise ValueError(
                "params has no 'activation' entry and no activation was given: pass "
                f"activation= (one of {choices}), the one the parameters were trained with"
            )
        return recorded
    activation = check_choice("activation", activation, choices)
    if recorded is not None and activation != recorded:
        raise ValueError(
            f"activation={activation!r} does not match params['activation']={recorded!r}, "
            "the activation these parameters were made for; leave activation out, or pass "
            f"dict(params, activation={activation!r}) to use the weights with it on purpose"
        )
    return activation


def check_batch_size(batch_size, n_samples: int) -> int | None:
    """None (full batch) or a mini-batch size from 1 to ``n_samples``."""
    if batch_size is None:
        return None
    batch_size = check_int("batch_size", batch_size, minimum=1)
    if batch_size > n_samples:
        raise ValueError(
            f"batch_size must be at most n_samples={n_samples} (or None for full "
            f"batch); got {batch_size}"
        )
    return batch_size


def check_snapshots(snapshots, n_epochs: int) -> set[int]:
    """The set of epochs, each from 0 to ``n_epochs``, at which to keep the parameters."""
    if isinstance(snapshots, (str, bytes, numbers.Number)) or not isinstance(snapshots, Iterable):
        raise TypeError(f"snapshots must be an iterable of epochs; got {snapshots!r}")
    keep = set()
    for epoch in snapshots:
        epoch = check_int("each epoch in snapshots", epoch, minimum=0)
        if epoch > n_epochs:
            raise ValueError(f"snapshots must be epochs from 0 to n_epochs={n_epochs}; got {epoch}")
        keep.add(epoch)
    return keep
