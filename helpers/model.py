r"""Logistic regression, the simplest neural network (notebooks 02-07).

One neuron without a bias, as in the article the series starts from:

.. math::

    z = X W^\top, \qquad \hat y = \sigma(z), \qquad
    L = -\frac{1}{n}\sum_i \big[y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)\big],
    \qquad \frac{\partial L}{\partial W} = \frac{1}{n} (\hat y - y)^\top X .

Shapes: ``X`` is ``(n_samples, n_features)``, ``W`` is ``(1, n_features)``,
``y`` and ``y_hat`` are ``(n_samples, 1)``. A bias is added by giving ``X`` a
constant-1 column (:func:`helpers.data.add_bias_feature`).

The functions are the ones the notebooks write, with input checks and a
docstring around them. Training them by gradient descent is in
:mod:`helpers.training`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_column,
    check_labels,
    check_positive,
    check_probabilities,
    check_weights,
    check_X,
)

#: Predictions are clipped to ``[EPS, 1 - EPS]`` inside :func:`bce_loss`, so a
#: prediction of exactly 0 or 1 gives a large but finite loss instead of ``inf``.
EPS = 1e-15

Array = NDArray[np.float64]


# --------------------------------------------------------------------------- kernel
def _per_sample_loss(y: Array, z: Array, u: Array) -> Array:
    r"""Cross-entropy of each sample from its logit, given ``u = exp(-|z|)``.

    :math:`-\log\sigma(z) = \operatorname{softplus}(-z)`, and
    :math:`\operatorname{softplus}(z) = \max(z, 0) + \log(1 + e^{-|z|})` never
    exponentiates a positive number. ``u`` is passed in so that training, which
    also needs it for the sigmoid, computes it once.
    """
    return np.maximum(z, 0.0) + np.log1p(u) - y * z


# --------------------------------------------------------------------------- public API
def sigmoid(z) -> Array:
    r"""The logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, computed stably.

    The naive formula overflows in ``exp(-z)`` for ``z < -709``; this one (notebook
    02's) only ever evaluates :math:`u = e^{-|z|} \le 1` and then
    :math:`\sigma(z) = 1/(1 + u)` for :math:`z \ge 0`, :math:`u/(1 + u)` for
    :math:`z < 0`, so it never overflows and never warns.

    Parameters
    ----------
    z : float or array-like of any shape
        Finite inputs (the logits).

    Returns
    -------
    ndarray of the same shape as ``z``
        Values in ``[0, 1]``.

    Examples
    --------
    >>> [round(float(s), 4) for s in sigmoid([-2.0, 0.0, 2.0])]
    [0.1192, 0.5, 0.8808]
    >>> float(sigmoid(-1000.0))  # the naive formula warns and overflows here
    0.0
    """
    z = as_float_array("z", z, allow_empty=True)
    u = np.exp(-np.abs(z))  # u = e^{-|z|} lies in (0, 1]: it never overflows
    return np.where(z >= 0, 1.0, u) / (1.0 + u)  # 1/(1+u) for z >= 0, u/(1+u) for z < 0


def forward(X, W) -> Array:
    r"""Forward propagation: :math:`\hat y = \sigma(X W^\top)`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (1, n_features)

    Returns
    -------
    y_hat : ndarray of shape (n_samples, 1)
        Predicted probability of class 1 for each sample.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    >>> forward(X, np.array([[0.5, -0.25]])).round(4).tolist()
    [[0.5], [0.3486]]
    """
    X = check_X(X)
    W = check_weights(W, X.shape[1])
    z = X @ W.T  # (n_samples, n_features) @ (n_features, 1) -> (n_samples, 1)
    return sigmoid(z)  # same shape: the probability of class 1 for each sample


def bce_loss(y, y_hat) -> float:
    r"""Mean binary cross-entropy.

    .. math:: L = -\frac{1}{n}\sum_i \big[y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)\big]

    Predictions are clipped to ``[EPS, 1 - EPS]`` so that ``y_hat`` of exactly 0
    or 1 gives a finite loss.

    Parameters
    ----------
    y : array-like of shape (n_samples, 1)
        True labels, 0 or 1.
    y_hat : array-like of shape (n_samples, 1)
        Predicted probabilities in ``[0, 1]``.

    Returns
    -------
    loss : float

    Examples
    --------
    >>> y = np.array([[1.0], [0.0]])
    >>> round(bce_loss(y, np.array([[0.9], [0.2]])), 4)
    0.1643
    >>> round(bce_loss(y, np.array([[0.0], [1.0]])), 2)  # clipped: large but finite
    34.54
    """
    y = check_labels(y)
    y_hat = check_probabilities(y_hat, y.shape[0])
    p = np.clip(y_hat, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def loss_from_logits(y, z) -> float:
    r"""Mean binary cross-entropy computed from the logits ``z = X @ W.T``.

    The same value as ``bce_loss(y, sigmoid(z))``, but exact even where the
    sigmoid rounds to 0 or 1, because it never takes the log of a probability:

    .. math:: L = \frac{1}{n}\sum_i \big[\max(z_i, 0) + \log(1 + e^{-|z_i|}) - y_i z_i\big]

    (:math:`-\log\sigma(z) = \operatorname{softplus}(-z)`, with softplus written so
    that its exponent is never positive). Training, :mod:`helpers.mlp` and the
    explorer all compute the loss with this formula.

    Parameters
    ----------
    y : array-like of shape (n_samples, 1)
        True labels, 0 or 1.
    z : array-like of shape (n_samples, 1)
        The logits, finite.

    Returns
    -------
    loss : float

    Examples
    --------
    >>> y = np.array([[1.0], [0.0]])
    >>> round(loss_from_logits(y, np.array([[2.0], [-1.0]])), 4)
    0.2201
    >>> loss_from_logits(np.array([[1.0]]), np.array([[-800.0]]))  # bce_loss would cap this
    800.0
    """
    y = check_labels(y)
    z = check_column("z", z, y.shape[0])
    u = np.exp(-np.abs(z))
    return float(np.mean(_per_sample_loss(y, z, u)))


def gradient(X, y, y_hat) -> Array:
    r"""Gradient of the mean cross-entropy with respect to ``W``.

    .. math:: \frac{\partial L}{\partial W} = \frac{1}{n} (\hat y - y)^\top X

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
    y_hat : array-like of shape (n_samples, 1)

    Returns
    -------
    dW : ndarray of shape (1, n_features)

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    >>> gradient(X, np.array([[1.0], [0.0]]), np.array([[0.5], [0.5]])).tolist()
    [[-0.5, -0.375]]
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    y_hat = check_probabilities(y_hat, X.shape[0])
    return (y_hat - y).T @ X / X.shape[0]


def numerical_gradient(f: Callable[[Array], float], W, eps: float = 1e-6) -> Array:
    r"""Central finite-difference estimate of the gradient of ``f`` at ``W``.

    .. math:: \frac{\partial f}{\partial W_{jk}} \approx
        \frac{f(W + \epsilon E_{jk}) - f(W - \epsilon E_{jk})}{2\epsilon}

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``W`` and returns a float.
    W : array-like of any shape
        Where to evaluate the gradient; not modified.
    eps : float, default=1e-6
        Step, in (0, 1).

    Returns
    -------
    grad : ndarray of the same shape as ``W``

    Examples
    --------
    >>> grad = numerical_gradient(lambda V: float(np.sum(V**2)), np.array([[1.0, -2.0]]))
    >>> grad.round(6).tolist()  # the exact gradient is 2 * W
    [[2.0, -4.0]]
    """
    if not callable(f):
        raise TypeError(f"f must be a callable taking W and returning a float; got {f!r}")
    W = as_float_array("W", W)
    eps = check_positive("eps", eps, upper=1.0)
    grad = np.empty_like(W)
    for idx in np.ndindex(W.shape):
        values = []
        for sign in (1.0, -1.0):
            W_step = W.copy()
            W_step[idx] += sign * eps
            value = np.asarray(f(W_step))  # a float, or a (1, 1) array like W @ W.T
            if value.size != 1 or value.dtype.kind not in "biuf":
                raise TypeError(
                    f"f must return a single number; got an array of shape {value.shape} "
                    f"and dtype {value.dtype}"
                )
            values.append(float(value.reshape(())))
        grad[idx] = (values[0] - values[1]) / (2.0 * eps)
    if not np.all(np.isfinite(grad)):
        raise ValueError("f returned NaN or inf near W; the gradient is not defined there")
    return grad


def predict(X, W, threshold: float = 0.5) -> Array:
    """Class predictions: 1 where the predicted probability is >= ``threshold``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (1, n_features)
    threshold : float, default=0.5
        In (0, 1).

    Returns
    -------
    y_pred : ndarray of shape (n_samples, 1)
        ``0.`` or ``1.``, the same encoding as ``y``.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    >>> predict(X, np.array([[0.5, -0.25]])).tolist()  # probabilities 0.5 and 0.35
    [[1.0], [0.0]]
    """
    threshold = check_positive("threshold", threshold, upper=1.0)
    return (forward(X, W) >= threshold).astype(np.float64)


def accuracy(y, y_pred) -> float:
    """Fraction of samples whose predicted label equals the true label.

    Parameters
    ----------
    y : array-like of shape (n_samples, 1)
        True labels, 0 or 1.
    y_pred : array-like of shape (n_samples, 1)
        Predicted labels, 0 or 1 (not probabilities: threshold them with
        :func:`predict` first).

    Returns
    -------
    float
        In ``[0, 1]``.

    Examples
    --------
    >>> accuracy(np.array([[1.0], [0.0], [1.0], [1.0]]), np.array([[1.0], [0.0], [0.0], [1.0]]))
    0.75
    """
    y = check_labels(y)
    y_pred = check_labels(y_pred, y.shape[0], name="y_pred")
    return float(np.mean(y == y_pred))


def loss_grid(X, y, w1, w2) -> Array:
    """The loss of the two-feature model at every ``W = [[w1_j, w2_i]]`` of a grid.

    Used to draw the loss surface. Computed in blocks, so the memory used stays
    small even for a large ``X``.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
    w1 : array-like of shape (n_w1,)
        Values of the first weight (the horizontal axis).
    w2 : array-like of shape (n_w2,)
        Values of the second weight (the vertical axis).

    Returns
    -------
    L : ndarray of shape (n_w2, n_w1)
        ``L[i, j]`` is the loss at ``W = [[w1[j], w2[i]]]``, ready for
        ``ax.contour(w1, w2, L)``.

    Examples
    --------
    >>> X, y = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([[1.0], [0.0]])
    >>> L = loss_grid(X, y, np.linspace(-1, 1, 5), np.linspace(-1, 1, 3))
    >>> L.shape, round(float(L[1, 2]), 4)  # at W = [[0, 0]] every y_hat is 1/2: log 2
    ((3, 5), 0.6931)
    """
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features to draw a loss surface; got shape {X.shape}")
    y = check_labels(y, X.shape[0])
    w1 = as_float_array("w1", w1, ndim=1)
    w2 = as_float_array("w2", w2, ndim=1)
    G1, G2 = np.meshgrid(w1, w2)
    Ws = np.column_stack([G1.ravel(), G2.ravel()])  # (n_grid, 2)
    out = np.empty(Ws.shape[0])
    block = max(1, 2_000_000 // X.shape[0])
    for start in range(0, Ws.shape[0], block):
        Z = X @ Ws[start : start + block].T  # (n_samples, block): one column per W
        out[start : start + block] = np.mean(_per_sample_loss(y, Z, np.exp(-np.abs(Z))), axis=0)
    return out.reshape(G1.shape)


__all__ = [
    "EPS",
    "sigmoid",
    "forward",
    "bce_loss",
    "loss_from_logits",
    "gradient",
    "numerical_gradient",
    "predict",
    "accuracy",
    "loss_grid",
]
