r"""Training logistic regression by gradient descent (notebook 06; again in 07, 08, 11).

The model's maths (sigmoid, loss, gradient) is in :mod:`helpers.model`; this
module runs it in a loop and measures the run:

- :func:`gradient_descent` is notebook 06's loop, :math:`W \leftarrow W -
  \mathrm{lr}\,\partial L / \partial W`, returning the final weights and a history;
- :func:`step_lengths` is the length of each step in that history.

The loop checks its inputs once, before it starts, and then runs the notebook's
lines. It computes :math:`e^{-|z|}` once per iteration for both the sigmoid and
the loss, and takes the per-sample loss from :mod:`helpers.model` (its private kernel,
shared so that the loss formula is written in one place).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_history_size,
    check_int,
    check_labels,
    check_positive,
    check_weights,
    check_X,
)
from helpers.model import _per_sample_loss

Array = NDArray[np.float64]


def gradient_descent(X, y, W, *, lr: float, n_iters: int) -> tuple[Array, dict[str, Array]]:
    r"""Full-batch gradient descent on the mean cross-entropy.

    Each iteration does :math:`W \leftarrow W - \mathrm{lr}\,\partial L/\partial W`.
    The loop is notebook 06's (forward pass, loss, gradient, step), with the
    functions written out so that :math:`e^{-|z|}` is computed once per iteration
    for both the sigmoid and the loss.

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
        Number of updates, >= 0; the history (``8 * (n_features + 1)``
        bytes per iteration) must fit in 1 GB.

    Returns
    -------
    W_final : ndarray of shape (1, n_features)
        The weights after ``n_iters`` updates.
    history : dict
        ``"W"``: ndarray of shape (n_iters + 1, 1, n_features), the weights before
        the first update and after each one (``history["W"][0]`` is the start).
        ``"loss"``: ndarray of shape (n_iters + 1,), the loss at each of those weights.

    Raises
    ------
    FloatingPointError
        If the logits or the loss leave the float64 range; the message says
        whether the scale of ``X`` or the learning rate is the cause.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [-1.0, -0.5], [2.0, 1.0], [-2.0, 0.5]])
    >>> y = np.array([[1.0], [0.0], [1.0], [0.0]])
    >>> W, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=100)
    >>> history["W"].shape, history["loss"].shape
    ((101, 1, 2), (101,))
    >>> f"{history['loss'][0]:.4f} -> below 0.05: {history['loss'][-1] < 0.05}"
    '0.6931 -> below 0.05: True'
    """
    X = check_X(X)
    n_samples, n_features = X.shape
    y = check_labels(y, n_samples)
    W = check_weights(W, n_features)
    lr = check_positive("lr", lr)
    n_iters = check_int("n_iters", n_iters, minimum=0)
    check_history_size("n_iters", n_iters, 8 * (n_features + 1))

    W_hist = np.empty((n_iters + 1, 1, n_features))
    losses = np.empty(n_iters + 1)
    # Overflow is detected below from the loss, and explained; NumPy need not warn.
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(n_iters + 1):
            z = X @ W.T  # forward pass: the logits, (n_samples, 1)
            u = np.exp(-np.abs(z))  # e^{-|z|} in (0, 1], shared by the sigmoid and the loss
            y_hat = np.where(z >= 0, 1.0, u) / (1.0 + u)  # sigmoid(z), as in notebook 02
            W_hist[i] = W
            losses[i] = np.mean(_per_sample_loss(y, z, u))  # how wrong they are
            if not np.isfinite(losses[i]):
                raise FloatingPointError(_overflow_message(X, W_hist[0], lr, i))
            if i == n_iters:
                break
            dW = (y_hat - y).T @ X / n_samples  # back-propagation: the steepest ascent
            W = W - lr * dW  # one step downhill
    return W, {"W": W_hist, "loss": losses}


def _overflow_message(X: Array, W0: Array, lr: float, i: int) -> str:
    """Why the loss left the float64 range after ``i`` updates: X's scale, or lr."""
    x_max = float(np.max(np.abs(X)))
    where = f"the loss overflowed after {i} update{'s' * (i != 1)} with lr={lr:g}"
    if i == 0:
        w_max = float(np.max(np.abs(W0)))
        return (
            f"{where}: X @ W.T is already too large at the starting W (X holds values up "
            f"to {x_max:.1e}, W up to {w_max:.1e}); rescale the features, e.g. "
            "(X - X.mean(axis=0)) / X.std(axis=0)"
        )
    # One step moves the logits by up to about lr * max|x|^2. Blame the larger factor,
    # compared in powers of ten (their product may not be representable).
    if 2 * np.log10(x_max) > np.log10(lr):
        return (
            f"{where}: X holds values up to {x_max:.1e}, and one step moves the logits by "
            "about lr * max|x|^2, beyond the float64 range; the scale of X is the cause, "
            "not the learning rate: rescale the features, e.g. "
            "(X - X.mean(axis=0)) / X.std(axis=0)"
        )
    return (
        f"{where}: one step moves the logits by about lr * max|x|^2 = "
        f"{lr * x_max**2:.1e} (X holds values up to {x_max:.1e}); the learning rate is "
        "the cause: try a smaller one"
    )


def step_lengths(W_history) -> Array:
    """Length of each gradient-descent step, ``||W_{k+1} - W_k||``.

    Parameters
    ----------
    W_history : array-like of shape (n_iters + 1, 1, n_features)
        ``history["W"]`` from :func:`gradient_descent`.

    Returns
    -------
    ndarray of shape (n_iters,)

    Examples
    --------
    >>> W_history = np.array([[[0.0, 0.0]], [[3.0, 4.0]], [[3.0, 4.0]]])
    >>> step_lengths(W_history).tolist()
    [5.0, 0.0]
    """
    W_history = as_float_array("W_history", W_history, ndim=3)
    if W_history.shape[1] != 1:
        raise ValueError(
            "W_history must have shape (n_iters + 1, 1, n_features) like history['W']; "
            f"got shape {W_history.shape}"
        )
    return np.linalg.norm(np.diff(W_history[:, 0, :], axis=0), axis=1)


__all__ = ["gradient_descent", "step_lengths"]
