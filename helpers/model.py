r"""Logistic regression, the simplest neural network (notebooks 02-07).

One neuron without a bias, as in the article the series starts from:

.. math::

    z = X W^\top, \qquad \hat y = \sigma(z), \qquad
    L = -\frac{1}{n}\sum_i \big[y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)\big],
    \qquad \frac{\partial L}{\partial W} = \frac{1}{n} (\hat y - y)^\top X .

Shapes: ``X`` is ``(n_samples, n_features)``, ``W`` is ``(1, n_features)``,
``y`` and ``y_hat`` are ``(n_samples, 1)``. A bias is added by giving ``X`` a
constant-1 column (:func:`helpers.data.add_bias_feature`).

The public functions check their inputs once and then call the private
``_``-prefixed kernels, which assume valid input; training loops call only the
kernels, so validation costs nothing per iteration.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_column,
    check_int,
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


# --------------------------------------------------------------------------- kernels
def _sigmoid_parts(
    z: Array, out: Array | None = None, e: Array | None = None, work: Array | None = None
) -> tuple[Array, Array]:
    """Return ``(sigmoid(z), exp(-|z|))``; the second is reused by the loss.

    :math:`\\sigma(z) = e^{\\min(z, 0)} / (1 + e^{-|z|})`: both exponents are
    :math:`\\le 0`, so nothing overflows, and for :math:`z < 0` the numerator is
    exactly :math:`e^{-|z|}`. ``out`` and ``e``, arrays shaped like ``z``, are
    optional buffers for the two results and ``work`` one for scratch (training
    reuses them every iteration, so no new memory is taken per step).
    """
    if out is None:
        out = np.empty_like(z, dtype=np.float64)
    if e is None:
        e = np.empty_like(z, dtype=np.float64)
    np.abs(z, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)  # e^{-|z|} in (0, 1]: never overflows
    np.minimum(z, 0.0, out=out)
    np.exp(out, out=out)  # e^{min(z, 0)}: 1 for z >= 0, e^{-|z|} for z < 0
    out /= np.add(e, 1.0, out=work)
    return out, e


def _loss_from_logits(
    y: Array, z: Array, e: Array, work: Array | None = None, work2: Array | None = None
) -> float:
    """Mean cross-entropy computed from the logits, stable for any finite ``z``.

    Uses :math:`-\\log\\sigma(z) = \\operatorname{softplus}(-z)` and
    :math:`\\operatorname{softplus}(z) = \\max(z, 0) + \\log(1 + e^{-|z|})`.
    ``work`` and ``work2``, arrays shaped like ``z``, are optional scratch buffers.
    """
    t = np.maximum(z, 0.0, out=work)
    t += np.log1p(e, out=work2)
    t -= np.multiply(y, z, out=work2)
    return float(np.mean(t))


def _gradient(X: Array, y: Array, y_hat: Array, work: Array | None = None) -> Array:
    """:math:`(\\hat y - y)^\\top X / n`; ``work`` (shaped like ``y``) holds the residual."""
    residual = np.subtract(y_hat, y, out=work)
    return (residual.T @ X) / X.shape[0]


# --------------------------------------------------------------------------- public API
def sigmoid(z) -> Array:
    r"""The logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, computed stably.

    The naive formula overflows in ``exp(-z)`` for ``z < -709``; this version only
    ever evaluates :math:`e^{-|z|} \le 1`, so it is exact to rounding for every
    finite ``z`` and never warns.

    Parameters
    ----------
    z : float or array-like of any shape
        Finite inputs (the logits).

    Returns
    -------
    ndarray of the same shape as ``z``
        Values in ``[0, 1]``.
    """
    try:
        empty = np.size(z) == 0
    except ValueError:  # a ragged list: as_float_array below raises an error naming z
        empty = False
    if empty:
        return np.empty(np.shape(z))
    z = as_float_array("z", z)
    return _sigmoid_parts(z)[0]


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
    """
    X = check_X(X)
    W = check_weights(W, X.shape[1])
    return _sigmoid_parts(X @ W.T)[0]


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
    """
    y = check_labels(y)
    y_hat = check_probabilities(y_hat, y.shape[0])
    p = np.clip(y_hat, EPS, 1.0 - EPS)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def loss_from_logits(y, z) -> float:
    r"""Mean binary cross-entropy computed from the logits ``z = X @ W.T``.

    The same value as ``bce_loss(y, sigmoid(z))``, but exact even where the
    sigmoid rounds to 0 or 1, because it never takes the log of a probability:

    .. math:: L = \frac{1}{n}\sum_i \big[\max(z_i, 0) + \log(1 + e^{-|z_i|}) - y_i z_i\big]

    (:math:`-\log\sigma(z) = \operatorname{softplus}(-z)`, and softplus written so
    that its exponent is never positive).

    Parameters
    ----------
    y : array-like of shape (n_samples, 1)
        True labels, 0 or 1.
    z : array-like of shape (n_samples, 1)
        The logits, finite.

    Returns
    -------
    loss : float
    """
    y = check_labels(y)
    z = check_column("z", z, y.shape[0])
    return _loss_from_logits(y, z, np.exp(-np.abs(z)))


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
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    y_hat = check_probabilities(y_hat, X.shape[0])
    return _gradient(X, y, y_hat)


def gradient_descent(X, y, W, *, lr: float, n_iters: int) -> tuple[Array, dict[str, Array]]:
    r"""Full-batch gradient descent on the mean cross-entropy.

    Each iteration does :math:`W \leftarrow W - \mathrm{lr}\,\partial L/\partial W`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    W : array-like of shape (1, n_features)
        Starting weights; not modified.
    lr : float
        Learning rate (step size), finite and > 0.
    n_iters : int
        Number of updates, >= 0.

    Returns
    -------
    W_final : ndarray of shape (1, n_features)
        The weights after ``n_iters`` updates.
    history : dict
        ``"W"``: ndarray of shape (n_iters + 1, 1, n_features), the weights before
        the first update and after each one (``history["W"][0]`` is the start).
        ``"loss"``: ndarray of shape (n_iters + 1,), the loss at each of those weights.
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    W = check_weights(W, X.shape[1]).copy()
    lr = check_positive("lr", lr)
    n_iters = check_int("n_iters", n_iters, minimum=0)

    W_hist = np.empty((n_iters + 1, 1, X.shape[1]))
    losses = np.empty(n_iters + 1)
    # Four (n_samples, 1) buffers reused by every iteration: no memory is taken per step.
    z, y_hat, e, work = np.empty((4, X.shape[0], 1))
    for i in range(n_iters + 1):
        np.matmul(X, W.T, out=z)  # (n_samples, 1): the forward pass
        _sigmoid_parts(z, out=y_hat, e=e, work=work)
        W_hist[i] = W
        if i < n_iters:
            dW = _gradient(X, y, y_hat, work)  # before the loss, which reuses y_hat's memory
        losses[i] = _loss_from_logits(y, z, e, work, y_hat)  # the loss at the current W
        if i < n_iters:
            W -= lr * dW  # one step downhill
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(losses))):
        raise FloatingPointError(
            f"the weights or the loss overflowed with lr={lr:g}; try a smaller learning rate"
        )
    return W, {"W": W_hist, "loss": losses}


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
        Z = X @ Ws[start : start + block].T  # (n_samples, block)
        E = np.exp(-np.abs(Z))
        out[start : start + block] = np.mean(np.maximum(Z, 0.0) + np.log1p(E) - y * Z, axis=0)
    return out.reshape(G1.shape)


def step_lengths(W_history) -> Array:
    """Length of each gradient-descent step, ``||W_{k+1} - W_k||``.

    Parameters
    ----------
    W_history : array-like of shape (n_iters + 1, 1, n_features)
        ``history["W"]`` from :func:`gradient_descent`.

    Returns
    -------
    ndarray of shape (n_iters,)
    """
    W_history = as_float_array("W_history", W_history, ndim=3)
    if W_history.shape[1] != 1:
        raise ValueError(
            "W_history must have shape (n_iters + 1, 1, n_features) like history['W']; "
            f"got shape {W_history.shape}"
        )
    return np.linalg.norm(np.diff(W_history[:, 0, :], axis=0), axis=1)


__all__ = [
    "EPS",
    "sigmoid",
    "forward",
    "bce_loss",
    "loss_from_logits",
    "gradient",
    "gradient_descent",
    "numerical_gradient",
    "predict",
    "accuracy",
    "loss_grid",
    "step_lengths",
]
