r"""Training by gradient descent: logistic regression (notebook 06) and the network (10).

The maths of each model is in its own module, :mod:`helpers.model` (sigmoid, loss,
gradient) and :mod:`helpers.mlp` (forward and backward passes); this module runs
it in a loop and records the run:

- :func:`gradient_descent` is notebook 06's loop, :math:`W \leftarrow W -
  \mathrm{lr}\,\partial L / \partial W`, returning the final weights and a history;
- :func:`step_lengths` is the length of each step in that history;
- :func:`train` trains the network with one hidden layer, full batch or mini-batch.

Each loop checks its inputs once, before it starts, and then runs the notebooks'
lines through the models' unchecked kernels (``helpers.model._per_sample_loss``,
``helpers.mlp._forward`` and ``_backward``), so every formula is written once and
no check is repeated inside the loop. :func:`gradient_descent` computes
:math:`e^{-|z|}` once per iteration for both the sigmoid and the loss.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_batch_size,
    check_choice,
    check_history_size,
    check_int,
    check_labels,
    check_positive,
    check_seed,
    check_snapshots,
    check_weights,
    check_X,
)
from helpers.mlp import ACTIVATIONS, PARAM_NAMES, Params, _backward, _forward, _init_params
from helpers.model import _per_sample_loss, loss_from_logits

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


def train(
    X,
    y,
    *,
    n_hidden: int,
    lr: float,
    n_epochs: int,
    batch_size: int | None = None,
    activation: str = "tanh",
    seed: int = 0,
    snapshots: Iterable[int] = (),
) -> tuple[Params, dict]:
    r"""Train the network with one hidden layer (:mod:`helpers.mlp`) by gradient descent.

    Starts from ``helpers.mlp.init_params(n_features, n_hidden,
    activation=activation, seed=seed)``. Each update is :math:`\theta \leftarrow
    \theta - \mathrm{lr}\, \partial L / \partial \theta` for every parameter
    :math:`\theta`.

    - ``batch_size=None``: **full-batch gradient descent**. One epoch is one
      update, with the gradient of the loss over all samples.
    - ``batch_size=m``: **mini-batch stochastic gradient descent (SGD)**. Each
      epoch reshuffles the samples with the seeded generator and makes one
      update per slice of ``m`` samples (the last slice may be smaller), so an
      epoch is ``ceil(n_samples / m)`` updates, each with a noisy estimate of the
      full gradient. (Drawing a random batch is *not* "batch gradient descent":
      that name means the full batch.)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    n_hidden : int
        Number of hidden units, >= 1.
    lr : float
        Learning rate, finite and > 0.
    n_epochs : int
        Number of passes over the data, >= 0.
    batch_size : int or None, default=None
        None for full-batch gradient descent, or the mini-batch size, from 1 to
        n_samples.
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
        The hidden activation.
    seed : int, default=0
        Seeds one :func:`numpy.random.default_rng` that draws the initial
        weights and then the order of the samples in every epoch.
    snapshots : iterable of int, default=()
        Epochs (from 0 to n_epochs) at which to keep a copy of the parameters.

    Returns
    -------
    params : dict
        The parameters after ``n_epochs`` epochs (new arrays), with
        ``"activation"``, so that :func:`helpers.mlp.forward` and
        :func:`helpers.mlp.predict` use it.
    history : dict
        ``"loss"``: ndarray of shape (n_epochs + 1,), the mean cross-entropy over
        all samples before training and after each epoch.
        ``"accuracy"``: ndarray of shape (n_epochs + 1,), the training accuracy at
        the same moments. ``"snapshots"``: dict mapping each requested epoch to
        the parameters after that many epochs.

    Raises
    ------
    FloatingPointError
        If the loss overflows (the learning rate, or the scale of ``X``, is too large).

    Examples
    --------
    >>> from helpers.data import make_xor
    >>> X, y = make_xor(40, seed=0)
    >>> params, history = train(X, y, n_hidden=4, lr=1.0, n_epochs=300, activation="relu")
    >>> params["activation"], history["loss"].shape, bool(history["loss"][-1] < history["loss"][0])
    ('relu', (301,), True)
    """
    X = check_X(X)
    n_samples, n_features = X.shape
    y = check_labels(y, n_samples)
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    lr = check_positive("lr", lr)
    n_epochs = check_int("n_epochs", n_epochs, minimum=0)
    batch_size = check_batch_size(batch_size, n_samples)
    activation = check_choice("activation", activation, ACTIVATIONS)
    rng = np.random.default_rng(check_seed(seed))
    keep = check_snapshots(snapshots, n_epochs)
    check_history_size("n_epochs", n_epochs, 16)

    params = _init_params(rng, n_features, n_hidden, activation)
    losses = np.empty(n_epochs + 1)
    accuracies = np.empty(n_epochs + 1)
    saved: dict[int, Params] = {}
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below
            for epoch in range(n_epochs + 1):
                y_hat, cache = _forward(X, params, activation)  # on all samples
                losses[epoch] = loss_from_logits(y, cache["z2"])  # after `epoch` epochs
                accuracies[epoch] = np.mean((y_hat >= 0.5) == y)
                if not np.isfinite(losses[epoch]):
                    raise ValueError("the loss is not finite")
                if epoch in keep:
                    saved[epoch] = dict(params, **{k: params[k].copy() for k in PARAM_NAMES})
                if epoch == n_epochs:
                    break
                if batch_size is None:  # full batch: reuse the forward pass just made
                    grads = _backward(X, y, params, cache)
                    for k in PARAM_NAMES:
                        params[k] = params[k] - lr * grads[k]  # one step downhill
                    continue
                order = rng.permutation(n_samples)  # a new order every epoch
                for start in range(0, n_samples, batch_size):
                    idx = order[start : start + batch_size]
                    cache_b = _forward(X[idx], params, activation)[1]
                    grads = _backward(X[idx], y[idx], params, cache_b)
                    for k in PARAM_NAMES:
                        params[k] = params[k] - lr * grads[k]  # a step along a noisy gradient
    except ValueError as exc:  # validated input, so only overflow makes inf or NaN here
        x_max = float(np.max(np.abs(X)))
        raise FloatingPointError(
            f"the loss overflowed after {epoch} epochs with lr={lr:g} (X holds values up to "
            f"{x_max:.1e}); try a smaller learning rate, or rescale X if its values are large"
        ) from exc
    return params, {"loss": losses, "accuracy": accuracies, "snapshots": saved}


__all__ = ["gradient_descent", "step_lengths", "train"]
