r"""More than two classes: softmax, the K-class cross-entropy and softmax regression (notebook 14).

For ``K`` classes a model gives each sample ``K`` scores, the *logits* ``Z`` of shape
``(n_samples, K)``, and the softmax turns each row into probabilities:

.. math::

    \hat Y_{ik} = \frac{e^{Z_{ik}}}{\sum_j e^{Z_{ij}}}, \qquad
    L = -\frac{1}{n}\sum_i \sum_k Y_{ik} \log \hat Y_{ik}, \qquad
    \frac{\partial L}{\partial Z} = \frac{1}{n}(\hat Y - Y),

where ``Y`` is the one-hot target: row ``i`` holds a 1 in the column of the true
class and 0 elsewhere. *Softmax regression* is the linear model
``Z = X @ W.T + b`` with ``W`` of shape ``(K, n_features)`` and ``b`` of shape
``(1, K)``; its gradient is ``dW = (Y_hat - Y).T @ X / n``, notebook 05's formula
with ``K`` rows. The network with a hidden layer and ``K`` outputs is
:mod:`helpers.mlp` with ``n_outputs=K``.

Labels come in two encodings, and each function says which it takes: integer
labels ``(n_samples, 1)`` holding ``0 .. K - 1`` (the data, ``predict``,
``accuracy``) or one-hot ``Y`` ``(n_samples, K)`` (the loss and the gradient).
:func:`one_hot` converts; passing one where the other is expected is refused with
the conversion in the message.

Everything is computed stably: :func:`softmax` and :func:`log_softmax` subtract
each row's largest logit first, so no exponent is positive, and
:func:`cross_entropy` takes the logits and never the log of a rounded probability.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import as_float_array, check_int, check_X
from helpers._class_checks import (
    check_class_labels,
    check_logits,
    check_one_hot,
    check_probability_rows,
)

Array = NDArray[np.float64]


# --------------------------------------------------------------------------- kernels
def _softmax(Z: Array) -> Array:
    E = np.exp(Z - Z.max(axis=1, keepdims=True))  # the largest of each row becomes e^0 = 1
    return E / E.sum(axis=1, keepdims=True)  # each row sums to 1


def _log_softmax(Z: Array) -> Array:
    shifted = Z - Z.max(axis=1, keepdims=True)  # <= 0, so exp never overflows
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # the sum is >= 1


def _cross_entropy(Y: Array, Z: Array) -> float:
    return float(-np.mean(np.sum(Y * _log_softmax(Z), axis=1)))  # -log of the true class


def _one_hot(labels: NDArray[np.int64], n_classes: int) -> Array:
    return (labels == np.arange(n_classes)).astype(float)  # (n, 1) == (K,) -> (n, K)


# --------------------------------------------------------------------------- public API
def one_hot(labels, n_classes: int) -> Array:
    """Integer labels as one-hot rows: row ``i`` has a 1 in column ``labels[i]``.

    Parameters
    ----------
    labels : array-like of shape (n_samples, 1)
        Class indices, whole numbers from 0 to ``n_classes - 1``.
    n_classes : int
        Number of classes K, >= 2.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_classes)
        0.0 and 1.0, one 1 per row.

    Examples
    --------
    >>> one_hot(np.array([[2], [0]]), 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    n_classes = check_int("n_classes", n_classes, minimum=2)
    labels = check_class_labels(labels, n_classes=n_classes)
    return _one_hot(labels, n_classes)


def softmax(Z) -> Array:
    r"""Each row of scores turned into probabilities, computed stably.

    .. math:: \operatorname{softmax}(Z)_{ik} = \frac{e^{Z_{ik} - m_i}}{\sum_j e^{Z_{ij} - m_i}},
        \qquad m_i = \max_j Z_{ij}

    Subtracting the row's maximum changes nothing (it cancels between the top and
    the bottom) but keeps every exponent :math:`\le 0`: the naive formula
    overflows for a logit above 709, this one never does.

    Parameters
    ----------
    Z : array-like of shape (n_samples, n_classes)
        The logits, finite, n_classes >= 2.

    Returns
    -------
    Y_hat : ndarray of shape (n_samples, n_classes)
        Values in [0, 1], each row summing to 1.

    Examples
    --------
    >>> softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]])).round(4).tolist()
    [[0.09, 0.2447, 0.6652], [0.5, 0.5, 0.0]]
    """
    Z = check_logits(Z)
    return _softmax(Z)


def log_softmax(Z) -> Array:
    r"""The log of :func:`softmax`, without ever taking the log of a rounded probability.

    .. math:: \log \operatorname{softmax}(Z)_{ik} = (Z_{ik} - m_i)
        - \log \sum_j e^{Z_{ij} - m_i}, \qquad m_i = \max_j Z_{ij}

    ``np.log(softmax(Z))`` gives ``-inf`` where a probability rounds to 0 (a
    logit 800 below its row's maximum); this stays exact there.

    Parameters
    ----------
    Z : array-like of shape (n_samples, n_classes)
        The logits, finite, n_classes >= 2.

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Values <= 0.

    Examples
    --------
    >>> log_softmax(np.array([[0.0, 0.0], [0.0, -800.0]])).round(4).tolist()
    [[-0.6931, -0.6931], [0.0, -800.0]]
    """
    Z = check_logits(Z)
    return _log_softmax(Z)


def cross_entropy(Y, Z) -> float:
    r"""Mean K-class cross-entropy, computed from the logits.

    .. math:: L = -\frac{1}{n}\sum_i \sum_k Y_{ik} \log\operatorname{softmax}(Z)_{ik}

    Only the true class's term survives in each row of the one-hot ``Y``, so this is
    the mean of :math:`-\log \hat Y_{i, \text{true}}`. Through :func:`log_softmax` it
    is exact even where that probability rounds to 0 (logits up to :math:`\pm 10^4`
    and beyond). With two classes and logits ``(0, z)`` it is the binary
    cross-entropy of :func:`helpers.model.loss_from_logits`.

    Parameters
    ----------
    Y : array-like of shape (n_samples, n_classes)
        One-hot targets (:func:`one_hot` makes them from integer labels).
    Z : array-like of shape (n_samples, n_classes)
        The logits, finite.

    Returns
    -------
    loss : float

    Examples
    --------
    >>> Y = one_hot(np.array([[0], [2]]), 3)
    >>> round(cross_entropy(Y, np.zeros((2, 3))), 4)  # uniform guesses: log 3
    1.0986
    >>> cross_entropy(one_hot(np.array([[1]]), 2), np.array([[1e4, -1e4]]))
    20000.0
    """
    Z = check_logits(Z)
    Y = check_one_hot(Y, Z.shape[0], Z.shape[1])
    return _cross_entropy(Y, Z)


def forward(X, W, b) -> Array:
    r"""Softmax regression: :math:`\hat Y = \operatorname{softmax}(X W^\top + b)`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (n_classes, n_features)
        One row of weights per class, n_classes >= 2.
    b : array-like of shape (1, n_classes)
        One bias per class.

    Returns
    -------
    Y_hat : ndarray of shape (n_samples, n_classes)
        The probability of each class for each sample.

    Examples
    --------
    >>> W, b = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), np.zeros((1, 3))
    >>> forward(np.array([[2.0, 0.0]]), W, b).round(4).tolist()
    [[0.787, 0.1065, 0.1065]]
    """
    X, W, b = _check_model(X, W, b)
    Z = X @ W.T + b  # (n, d) @ (d, K) + (1, K) -> (n, K): one score per class
    return _softmax(Z)


def gradient(X, Y, Y_hat) -> tuple[Array, Array]:
    r"""Gradients of the mean cross-entropy of softmax regression.

    .. math:: \frac{\partial L}{\partial Z} = \frac1n(\hat Y - Y), \qquad
        \frac{\partial L}{\partial W} = \frac1n(\hat Y - Y)^\top X, \qquad
        \frac{\partial L}{\partial b} = \frac1n \sum_i (\hat Y_i - Y_i)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    Y : array-like of shape (n_samples, n_classes)
        One-hot targets.
    Y_hat : array-like of shape (n_samples, n_classes)
        Predicted probabilities, each row summing to 1 (``softmax(Z)``, not ``Z``).

    Returns
    -------
    dW : ndarray of shape (n_classes, n_features)
    db : ndarray of shape (1, n_classes)

    Examples
    --------
    >>> X, Y = np.array([[1.0, 2.0], [-1.0, 0.5]]), one_hot(np.array([[0], [1]]), 2)
    >>> dW, db = gradient(X, Y, np.full((2, 2), 0.5))
    >>> dW.tolist(), db.tolist()
    ([[-0.5, -0.375], [0.5, 0.375]], [[0.0, 0.0]])
    """
    X = check_X(X)
    Y = check_one_hot(Y, X.shape[0])
    Y_hat = check_probability_rows(Y_hat, *Y.shape)
    dZ = (Y_hat - Y) / X.shape[0]  # (n, K): how each score should move
    dW = dZ.T @ X  # (K, n) @ (n, d) -> (K, d), the shape of W
    db = dZ.sum(axis=0, keepdims=True)  # (1, K), the shape of b
    return dW, db


def predict(X, W, b) -> NDArray[np.int64]:
    """The most probable class of each sample under softmax regression.

    The class with the largest logit (the softmax keeps the order of the scores,
    so it is also the most probable one).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (n_classes, n_features)
    b : array-like of shape (1, n_classes)

    Returns
    -------
    labels_pred : ndarray of shape (n_samples, 1) and dtype int64
        Class indices 0 .. n_classes - 1, the encoding of the labels.

    Examples
    --------
    >>> W, b = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), np.zeros((1, 3))
    >>> predict(np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, -1.0]]), W, b).tolist()
    [[0], [1], [2]]
    """
    X, W, b = _check_model(X, W, b)
    return np.argmax(X @ W.T + b, axis=1).reshape(-1, 1)


def accuracy(labels, labels_pred) -> float:
    """Fraction of samples whose predicted class is the true one.

    Parameters
    ----------
    labels : array-like of shape (n_samples, 1)
        True class indices.
    labels_pred : array-like of shape (n_samples, 1)
        Predicted class indices (from :func:`predict`, not probabilities).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> accuracy(np.array([[0], [2], [1], [1]]), np.array([[0], [2], [2], [1]]))
    0.75
    """
    labels = check_class_labels(labels)
    labels_pred = check_class_labels(labels_pred, labels.shape[0], name="labels_pred")
    return float(np.mean(labels == labels_pred))


def confusion_matrix(labels, labels_pred, n_classes: int) -> NDArray[np.int64]:
    """Counts of (true class, predicted class) pairs.

    Parameters
    ----------
    labels : array-like of shape (n_samples, 1)
        True class indices, 0 .. n_classes - 1.
    labels_pred : array-like of shape (n_samples, 1)
        Predicted class indices, 0 .. n_classes - 1.
    n_classes : int
        Number of classes K, >= 2.

    Returns
    -------
    C : ndarray of shape (n_classes, n_classes) and dtype int64
        ``C[i, j]`` is the number of samples of class ``i`` predicted as ``j``: the
        diagonal holds the correct ones, each row sums to the size of its class.

    Examples
    --------
    >>> confusion_matrix(np.array([[0], [1], [1], [2]]), np.array([[0], [1], [2], [2]]), 3).tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    n_classes = check_int("n_classes", n_classes, minimum=2)
    labels = check_class_labels(labels, n_classes=n_classes)
    labels_pred = check_class_labels(labels_pred, labels.shape[0], n_classes, name="labels_pred")
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (labels[:, 0], labels_pred[:, 0]), 1)  # one count per sample
    return C


def _check_model(X, W, b) -> tuple[Array, Array, Array]:
    """X, and W and b of softmax regression with shapes that match it."""
    X = check_X(X)
    W = as_float_array("W", W)
    if W.ndim != 2 or W.shape[1] != X.shape[1] or W.shape[0] < 2:
        hint = " - it looks transposed; pass W.T" if W.shape[:1] == X.shape[1:] else ""
        raise ValueError(
            f"W must have shape (n_classes, {X.shape[1]}) (one row per class, n_classes >= 2) "
            f"to match X; got shape {W.shape}{hint}"
        )
    b = as_float_array("b", b)
    if b.shape != (1, W.shape[0]):
        raise ValueError(
            f"b must have shape (1, {W.shape[0]}), one bias per class (a row); got shape {b.shape}"
        )
    return X, W, b


__all__ = [
    "one_hot",
    "softmax",
    "log_softmax",
    "cross_entropy",
    "forward",
    "gradient",
    "predict",
    "accuracy",
    "confusion_matrix",
]
