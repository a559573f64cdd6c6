"""Input checks for more than two classes (:mod:`helpers.softmax`, notebook 14).

The same promise as :mod:`helpers._checks`: each error names the argument, what was
expected and what was given. Two encodings of the same labels meet here, and each
is refused where the other is expected, with the conversion in the message:

- integer labels, shape ``(n_samples, 1)``, values ``0 .. n_classes - 1`` (what the
  data gives, and what ``predict`` returns);
- one-hot targets ``Y``, shape ``(n_samples, n_classes)``, one 1 per row (what the
  cross-entropy and its gradient are written with).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import as_float_array, check_column, check_X

#: How far a row of predicted probabilities may sum from 1 (rounding, not a mistake).
ROW_SUM_TOLERANCE = 1e-6


def _looks_one_hot(arr: np.ndarray) -> bool:
    """True for a 2-D array of 0s and 1s with exactly one 1 per row and >= 2 columns."""
    return (
        arr.ndim == 2
        and arr.shape[1] >= 2
        and bool(np.all((arr == 0) | (arr == 1)))
        and bool(np.all(arr.sum(axis=1) == 1))
    )


def check_class_labels(
    labels, n_samples: int | None = None, n_classes: int | None = None, name: str = "labels"
) -> NDArray[np.int64]:
    """Integer class labels of shape (n_samples, 1), each in 0 .. n_classes - 1, as int64."""
    arr = as_float_array(name, labels)
    if _looks_one_hot(arr):
        raise ValueError(
            f"{name} must be integer labels of shape (n_samples, 1); got shape {arr.shape}, "
            f"which looks one-hot - pass {name}.argmax(axis=1, keepdims=True)"
        )
    arr = check_column(name, arr, n_samples)
    fractional = arr != np.round(arr)
    if np.any(fractional):
        raise ValueError(
            f"{name} must hold whole numbers, the class indices 0, 1, ...; got "
            f"{float(arr[fractional][0]):g} - were probabilities passed instead of labels?"
        )
    top = "n_classes - 1" if n_classes is None else str(n_classes - 1)
    bad = (arr < 0) | (arr > (np.inf if n_classes is None else n_classes - 1))
    if np.any(bad):
        examples = ", ".join(f"{v:g}" for v in np.unique(arr[bad])[:3])
        raise ValueError(f"{name} must be class indices from 0 to {top}; got {examples}")
    return arr.astype(np.int64)


def check_one_hot(
    Y, n_samples: int | None = None, n_classes: int | None = None, name: str = "Y"
) -> NDArray[np.float64]:
    """One-hot targets of shape (n_samples, n_classes), n_classes >= 2, one 1 per row."""
    arr = as_float_array(name, Y)
    shape = f"({n_samples or 'n_samples'}, {n_classes or 'n_classes'})"
    if arr.ndim != 2 or arr.shape[1] < 2:
        hint = ""
        if arr.ndim in (1, 2) and arr.size and np.all(arr == np.round(arr)):
            hint = " - integer labels? Convert them with one_hot(labels, n_classes)"
        raise ValueError(
            f"{name} must be one-hot, of shape {shape} with n_classes >= 2; "
            f"got shape {arr.shape}{hint}"
        )
    if (n_samples is not None and arr.shape[0] != n_samples) or (
        n_classes is not None and arr.shape[1] != n_classes
    ):
        raise ValueError(
            f"{name} must have shape {shape} to match the other arguments; got shape {arr.shape}"
        )
    if not _looks_one_hot(arr):
        row = int(
            np.flatnonzero(~np.all((arr == 0) | (arr == 1), axis=1) | (arr.sum(axis=1) != 1))[0]
        )
        raise ValueError(
            f"{name} must be one-hot: each row one 1 and the rest 0; row {row} is "
            f"{np.array2string(arr[row], precision=3, threshold=12)}"
        )
    return arr


def check_logits(Z, n_samples: int | None = None, name: str = "Z") -> NDArray[np.float64]:
    """Scores of shape (n_samples, n_classes) with n_classes >= 2, finite."""
    arr = check_X(Z, name)
    if arr.shape[1] < 2:
        raise ValueError(
            f"{name} must have shape (n_samples, n_classes) with n_classes >= 2, one column "
            f"per class; got shape {arr.shape} - one column is the two-class case: "
            "use helpers.model.sigmoid"
        )
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have {n_samples} rows to match the other arguments; got shape {arr.shape}"
        )
    return arr


def check_probability_rows(
    P, n_samples: int, n_classes: int, name: str = "Y_hat"
) -> NDArray[np.float64]:
    """Predicted probabilities of shape (n_samples, n_classes): in [0, 1], rows summing to 1."""
    arr = as_float_array(name, P)
    if arr.shape != (n_samples, n_classes):
        raise ValueError(
            f"{name} must have shape ({n_samples}, {n_classes}) to match the other arguments; "
            f"got shape {arr.shape}"
        )
    sums = arr.sum(axis=1)
    off = np.abs(sums - 1.0) > ROW_SUM_TOLERANCE
    if arr.min() < 0 or arr.max() > 1 or np.any(off):
        row = (
            int(np.argmax(off))
            if np.any(off)
            else int(np.argmax((arr < 0) | (arr > 1)) // n_classes)
        )
        raise ValueError(
            f"{name} must hold probabilities in [0, 1], each row summing to 1; row {row} sums "
            f"to {sums[row]:g} and holds values from {arr[row].min():g} to {arr[row].max():g}"
            " - did you pass the logits Z instead of softmax(Z)?"
        )
    return arr
