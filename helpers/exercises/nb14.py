"""Checks of notebook 14's exercises: more than two classes.

The checks compare the learner's answer with :mod:`helpers.softmax` on inputs of
their own (random scores, labels and confusion matrices) or on the notebook's
softmax regression, trained again here (14.1), so nothing here is a hard-coded
number; each known mistake gets a message that names it.

14.1  biases that change nothing
14.2  the gradient without one-hot rows
14.3  reading a confusion matrix
14.4  one weight row too many (self-check)
"""

from __future__ import annotations

from functools import cache

import numpy as np

from helpers.data import load_digits, train_val_test_split
from helpers.exercises.core import Wrong, exercise, self_check
from helpers.features import standardise
from helpers.softmax import gradient, one_hot, softmax


def _array(value, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as a finite float array of ``shape``, or Wrong naming its shape."""
    if not isinstance(value, np.ndarray | list | tuple):
        raise Wrong(f"{name} should be an array of shape {shape}; got {type(value).__name__}")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise Wrong(f"{name} should hold numbers; got an array of dtype {arr.dtype}")
    if arr.shape != shape:
        raise Wrong(f"{name} has shape {arr.shape}; it should be {shape}")
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise Wrong(f"{name} holds NaN or inf")
    return arr


# --------------------------------------------------------------------------- 14.1
@cache
def _trained_bias() -> np.ndarray:
    """The notebook's softmax regression: standardised digits, W = b = 0, lr 0.5, 200 steps."""
    X, labels = load_digits()
    X_train, _, _, labels_train, _, _ = train_val_test_split(X, labels, seed=0)
    (X_train,) = standardise(X_train)
    Y = one_hot(labels_train, 10)
    W, b = np.zeros((10, 64)), np.zeros((1, 10))
    for _ in range(200):
        dW, db = gradient(X_train, Y, softmax(X_train @ W.T + b))
        W, b = W - 0.5 * dW, b - 0.5 * db
    return b


@exercise("14.1", "Biases that change nothing", "easy")
def _biases(answer):
    b_shifted = _array(answer, "b_shifted", (1, 10))
    b = _trained_bias()
    shift = b_shifted - b
    if np.max(np.abs(shift)) < 1e-6:
        raise Wrong("b_shifted is the trained b itself: the task asks for a different bias")
    if float(np.ptp(shift)) > 1e-6 * max(1.0, float(np.max(np.abs(shift)))):
        Z = np.random.default_rng(0).standard_normal((5, 10))
        change = float(np.max(np.abs(softmax(Z + b_shifted) - softmax(Z + b))))
        raise Wrong(
            f"b_shifted - b is not the same for the ten classes (from {shift.min():.3g} to "
            f"{shift.max():.3g}), so the scores of an image move apart and its probabilities "
            f"change (by up to {change:.2g} on random scores)"
        )
    return (
        f"every bias moved by {shift[0, 0]:.3g}: each score of every image moves by the "
        "same amount, and the softmax does not see it."
    )


# --------------------------------------------------------------------------- 14.2
def _gradient_inputs(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n, d, K = 23, 5, 4
    X = rng.standard_normal((n, d))
    labels = rng.integers(0, K, size=(n, 1))
    labels[:K, 0] = np.arange(K)
    return X, labels, softmax(rng.standard_normal((n, K)))


@exercise("14.2", "The gradient without one-hot rows", "medium")
def _gradient_from_labels(answer):
    if not callable(answer):
        raise Wrong("gradient_from_labels should be a function of (X, labels, Y_hat)")
    for seed in (0, 1):
        X, labels, Y_hat = _gradient_inputs(seed)
        before = Y_hat.copy()
        result = answer(X, labels.copy(), Y_hat)
        if not np.array_equal(Y_hat, before):
            raise Wrong(
                "your function changed the Y_hat it was given: subtract from Y_hat.copy(), "
                "not from Y_hat itself"
            )
        if not isinstance(result, tuple | list) or len(result) != 2:
            raise Wrong("return the pair (dW, db), as gradient does")
        dW_ref, db_ref = gradient(X, one_hot(labels, 4), Y_hat)
        n = X.shape[0]
        dW = np.asarray(result[0], dtype=float)
        db = np.asarray(result[1], dtype=float)
        if dW.shape == dW_ref.T.shape != dW_ref.shape:
            raise Wrong(f"dW has shape {dW.shape}; it should be {dW_ref.shape} like W: dZ.T @ X")
        if dW.shape != dW_ref.shape:
            raise Wrong(f"dW has shape {dW.shape}; it should be {dW_ref.shape} like W")
        if db.shape != db_ref.shape:
            raise Wrong(f"db has shape {db.shape}; it should be {db_ref.shape} like b")
        if np.allclose(dW, n * dW_ref) and np.allclose(db, n * db_ref):
            raise Wrong(f"dW and db are {n} times too large: divide by n, the number of samples")
        if np.allclose(dW, -dW_ref) and np.allclose(db, -db_ref):
            raise Wrong("dW and db have the wrong sign: it is Y_hat - Y, not Y - Y_hat")
        if not (np.allclose(dW, dW_ref, rtol=1e-9, atol=1e-12) and np.allclose(db, db_ref)):
            raise Wrong(
                "(dW, db) differs from gradient(X, one_hot(labels, K), Y_hat) by up to "
                f"{max(np.max(np.abs(dW - dW_ref)), np.max(np.abs(db - db_ref))):.2g}: subtract "
                "1 once per sample, at row i and column labels[i, 0] (labels[:, 0], not labels)"
            )
    return "the same gradient, from one subtraction per sample instead of an (n, K) matrix."


# --------------------------------------------------------------------------- 14.3
def _confusion(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    C = rng.integers(0, 4, size=(6, 6))
    C[np.diag_indices(6)] = rng.integers(10, 30, size=6)
    return C


@exercise("14.3", "Reading a confusion matrix", "easy")
def _per_class_accuracy(answer):
    if not callable(answer):
        raise Wrong("per_class_accuracy should be a function of the confusion matrix C")
    for seed in (0, 1):
        C = _confusion(seed)
        got = answer(C.copy())
        right = np.diag(C) / C.sum(axis=1)
        if got is None:
            raise Wrong("per_class_accuracy returned None: return the array")
        got = np.asarray(got, dtype=float)
        if got.shape == (6, 1) or got.shape == (1, 6):
            raise Wrong(
                f"the result has shape {got.shape}; it should be (K,), one number per class"
            )
        if got.shape != right.shape:
            raise Wrong(f"for a 6 x 6 matrix the result has shape {got.shape}; it should be (6,)")
        if np.allclose(got, np.diag(C) / C.sum(axis=0)):
            raise Wrong(
                "you divided by the column sums: that is the share of the images *predicted* as "
                "k that really are k. Divide by the images that really are k: the row sums"
            )
        if np.allclose(got, np.diag(C) / C.sum()):
            raise Wrong("you divided by all the images; divide each class by its own count")
        if not np.allclose(got, right, rtol=1e-12):
            raise Wrong("the result is not the diagonal divided by the row sums")
    return "right answers of each class over the images of that class: the diagonal over the rows."


# --------------------------------------------------------------------------- 14.4
self_check("14.4", "One weight row too many", "stretch")
