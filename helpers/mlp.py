r"""A neural network with one hidden layer (notebooks 09 and 10).

Samples first, as everywhere in the series. For ``X`` of shape
``(n_samples, n_features)`` and ``n_hidden`` hidden units:

.. math::

    Z_1 = X W_1^\top + b_1, \qquad A_1 = g(Z_1), \qquad
    z_2 = A_1 W_2^\top + b_2, \qquad \hat y = \sigma(z_2),

with ``W1`` of shape ``(n_hidden, n_features)``, ``b1`` of shape ``(1, n_hidden)``,
``W2`` of shape ``(1, n_hidden)`` and ``b2`` of shape ``(1, 1)``; ``Z1`` and ``A1`` are
``(n_samples, n_hidden)``, ``z2`` and ``y_hat`` are ``(n_samples, 1)``. The hidden
activation :math:`g` is chosen by name with the keyword ``activation``
(``"tanh"``, ``"relu"`` or ``"sigmoid"``); the output is always the sigmoid.

The loss is the series' mean binary cross-entropy
(:func:`helpers.model.bce_loss`). Training computes it from the logits ``z2``
(the same value, but exact even when ``y_hat`` rounds to 0 or 1), and the
backward pass uses :math:`\partial L / \partial z_2 = (\hat y - y) / n`.

The public functions check their inputs once; training loops call only the
private ``_``-prefixed kernels, which assume valid input.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_int,
    check_labels,
    check_positive,
    check_seed,
    check_X,
)
from helpers.model import _loss_from_logits, _sigmoid_parts

Array = NDArray[np.float64]
Params = dict[str, Array]

#: Names of the parameters, in the order they are used by the forward pass.
PARAM_NAMES = ("W1", "b1", "W2", "b2")

#: Scale of the initial hidden weights is ``GAIN[activation] / sqrt(n_features)``.
#: A gain of 1 keeps the spread of ``Z1`` close to that of the inputs; ReLU zeroes
#: about half of its inputs, so it gets sqrt(2) to make up for it (He et al. 2015).
GAIN = {"tanh": 1.0, "relu": float(np.sqrt(2.0)), "sigmoid": 1.0}

#: The hidden activations this module knows.
ACTIVATIONS = tuple(GAIN)


# --------------------------------------------------------------------------- kernels
def _activate(Z: Array, activation: str) -> Array:
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "relu":
        return np.maximum(Z, 0.0)
    return _sigmoid_parts(Z)[0]


def _activation_slope(Z: Array, A: Array, activation: str) -> Array:
    """:math:`g'(Z)`, written with the already computed ``A = g(Z)`` where possible."""
    if activation == "tanh":
        return 1.0 - A * A
    if activation == "relu":
        return (Z > 0.0).astype(np.float64)
    return A * (1.0 - A)


def _init_params(
    rng: np.random.Generator, n_features: int, n_hidden: int, activation: str
) -> Params:
    scale = GAIN[activation] / np.sqrt(n_features)
    W1 = scale * rng.standard_normal((n_hidden, n_features))
    W2 = rng.standard_normal((1, n_hidden)) / np.sqrt(n_hidden)
    return {"W1": W1, "b1": np.zeros((1, n_hidden)), "W2": W2, "b2": np.zeros((1, 1))}


def _forward(X: Array, params: Params, activation: str) -> tuple[Array, dict, Array]:
    """Return ``(y_hat, cache, e)``; ``e = exp(-|z2|)`` is reused by the loss."""
    Z1 = X @ params["W1"].T + params["b1"]  # (n, n_hidden)
    A1 = _activate(Z1, activation)  # (n, n_hidden)
    z2 = A1 @ params["W2"].T + params["b2"]  # (n, 1)
    y_hat, e = _sigmoid_parts(z2)  # (n, 1)
    return y_hat, {"Z1": Z1, "A1": A1, "z2": z2, "activation": activation}, e


def _backward(X: Array, y: Array, params: Params, cache: dict, y_hat: Array) -> Params:
    dz2 = (y_hat - y) / X.shape[0]  # (n, 1): dL/dz2 for the mean cross-entropy
    dW2 = dz2.T @ cache["A1"]  # (1, n_hidden)
    db2 = dz2.sum(axis=0, keepdims=True)  # (1, 1)
    dA1 = dz2 @ params["W2"]  # (n, n_hidden)
    dZ1 = dA1 * _activation_slope(cache["Z1"], cache["A1"], cache["activation"])
    dW1 = dZ1.T @ X  # (n_hidden, n_features)
    db1 = dZ1.sum(axis=0, keepdims=True)  # (1, n_hidden)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --------------------------------------------------------------------------- checks
def _check_activation(activation) -> str:
    if not isinstance(activation, str):
        raise TypeError(
            f"activation must be one of {ACTIVATIONS}; got {type(activation).__name__} "
            f"{activation!r}"
        )
    if activation not in GAIN:
        raise ValueError(f"activation must be one of {ACTIVATIONS}; got {activation!r}")
    return activation


def _check_params(params, n_features: int, name: str = "params") -> Params:
    """``params`` as a dict of finite float arrays with mutually consistent shapes."""
    if not isinstance(params, dict):
        raise TypeError(
            f"{name} must be a dict with the keys {PARAM_NAMES} (from init_params or train); "
            f"got {type(params).__name__}"
        )
    missing = [k for k in PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"{name} must have the keys {PARAM_NAMES}; missing {missing}")
    out = {k: as_float_array(f"{name}['{k}']", params[k]) for k in PARAM_NAMES}
    W1 = out["W1"]
    if W1.ndim != 2 or W1.shape[1] != n_features:
        raise ValueError(
            f"{name}['W1'] must have shape (n_hidden, {n_features}) (n_hidden, n_features) "
            f"to match X; got shape {W1.shape}"
        )
    n_hidden = W1.shape[0]
    expected = {"b1": (1, n_hidden), "W2": (1, n_hidden), "b2": (1, 1)}
    for k, shape in expected.items():
        if out[k].shape != shape:
            hint = ""
            if out[k].shape == shape[::-1] or out[k].ndim == 1:
                hint = f" - use {name}['{k}'].reshape{shape}"
            raise ValueError(
                f"{name}['{k}'] must have shape {shape} for a hidden layer of {n_hidden} "
                f"units; got shape {out[k].shape}{hint}"
            )
    return out


def _check_cache(cache, n_samples: int, n_hidden: int) -> dict:
    expected = "cache must be the dict returned by forward(X, params) for the same X"
    if not isinstance(cache, dict):
        raise TypeError(f"{expected}; got {type(cache).__name__}")
    missing = sorted({"Z1", "A1", "z2", "activation"} - set(cache))
    if missing:
        raise TypeError(f"{expected}; got a dict without the keys {missing}")
    activation = _check_activation(cache["activation"])
    Z1 = as_float_array("cache['Z1']", cache["Z1"])
    A1 = as_float_array("cache['A1']", cache["A1"])
    for k, arr in (("Z1", Z1), ("A1", A1)):
        if arr.shape != (n_samples, n_hidden):
            raise ValueError(
                f"cache['{k}'] must have shape ({n_samples}, {n_hidden}) to match X and "
                f"params; got shape {arr.shape} - was the cache made from another X?"
            )
    z2 = as_float_array("cache['z2']", cache["z2"])
    if z2.shape != (n_samples, 1):
        raise ValueError(f"cache['z2'] must have shape ({n_samples}, 1); got shape {z2.shape}")
    return {"Z1": Z1, "A1": A1, "z2": z2, "activation": activation}


# --------------------------------------------------------------------------- public API
def init_params(
    n_features: int, n_hidden: int, *, activation: str = "tanh", seed: int = 0
) -> Params:
    r"""Random starting weights and zero biases for a network with one hidden layer.

    .. math:: W_1 \sim \mathcal N\Big(0, \frac{\text{gain}^2}{n_\text{features}}\Big),
        \quad W_2 \sim \mathcal N\Big(0, \frac{1}{n_\text{hidden}}\Big),
        \quad b_1 = 0, \quad b_2 = 0

    Why this scale: each hidden pre-activation is a sum of ``n_features`` terms,
    so dividing by :math:`\sqrt{n_\text{features}}` keeps its spread close to the
    inputs' whatever the number of features. Much smaller weights make every
    unit almost linear (and almost alike); much larger ones saturate tanh and
    sigmoid, whose slope is then nearly 0, so learning stalls. The gain is 1
    for tanh and sigmoid and :math:`\sqrt 2` for ReLU (see :data:`GAIN`). The
    weights must be random: if all units started equal they would receive equal
    gradients and stay equal forever. The biases can start at 0 because the
    random weights already make the units differ.

    Parameters
    ----------
    n_features : int
        Number of input features, >= 1.
    n_hidden : int
        Number of hidden units, >= 1.
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
        The hidden activation the weights are scaled for.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    params : dict of ndarray
        ``"W1"`` of shape (n_hidden, n_features), ``"b1"`` of shape (1, n_hidden),
        ``"W2"`` of shape (1, n_hidden), ``"b2"`` of shape (1, 1).
    """
    n_features = check_int("n_features", n_features, minimum=1)
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    activation = _check_activation(activation)
    rng = np.random.default_rng(check_seed(seed))
    return _init_params(rng, n_features, n_hidden, activation)


def forward(X, params, *, activation: str = "tanh") -> tuple[Array, dict]:
    r"""Forward pass through the hidden layer and the output neuron.

    .. math:: Z_1 = X W_1^\top + b_1,\quad A_1 = g(Z_1),\quad
        z_2 = A_1 W_2^\top + b_2,\quad \hat y = \sigma(z_2)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : dict of ndarray
        As returned by :func:`init_params` or :func:`train`.
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
        The hidden activation :math:`g`.

    Returns
    -------
    y_hat : ndarray of shape (n_samples, 1)
        Predicted probability of class 1.
    cache : dict
        What :func:`backward` needs: ``"Z1"`` and ``"A1"`` of shape
        (n_samples, n_hidden), ``"z2"`` of shape (n_samples, 1), and
        ``"activation"``, the name of :math:`g`.
    """
    X = check_X(X)
    params = _check_params(params, X.shape[1])
    activation = _check_activation(activation)
    y_hat, cache, _ = _forward(X, params, activation)
    return y_hat, cache


def backward(X, y, params, cache) -> Params:
    r"""Gradients of the mean cross-entropy with respect to every parameter.

    The chain rule applied backwards through the forward pass, one step per line:

    .. math::

        \delta_2 &= \partial L / \partial z_2 = \tfrac1n(\hat y - y) && (n, 1)\\
        \partial L / \partial W_2 &= \delta_2^\top A_1 && (1, h)\\
        \partial L / \partial b_2 &= \textstyle\sum_i \delta_{2,i} && (1, 1)\\
        \partial L / \partial A_1 &= \delta_2 W_2 && (n, h)\\
        \delta_1 &= \partial L / \partial Z_1 = (\partial L / \partial A_1) \odot g'(Z_1)
            && (n, h)\\
        \partial L / \partial W_1 &= \delta_1^\top X && (h, d)\\
        \partial L / \partial b_1 &= \textstyle\sum_i \delta_{1,i} && (1, h)

    where :math:`n` is n_samples, :math:`h` is n_hidden and :math:`d` is n_features.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    params : dict of ndarray
        The parameters ``cache`` was computed with.
    cache : dict
        From ``forward(X, params, activation=...)``; it records the activation.

    Returns
    -------
    grads : dict of ndarray
        The same keys and shapes as ``params``: ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    params = _check_params(params, X.shape[1])
    cache = _check_cache(cache, X.shape[0], params["W1"].shape[0])
    y_hat = _sigmoid_parts(cache["z2"])[0]
    return _backward(X, y, params, cache, y_hat)


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
    r"""Train the network by full-batch or mini-batch gradient descent.

    Starts from ``init_params(n_features, n_hidden, activation=activation,
    seed=seed)``. Each update is :math:`\theta \leftarrow \theta - \mathrm{lr}\,
    \partial L / \partial \theta` for every parameter :math:`\theta`.

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
    params : dict of ndarray
        The parameters after ``n_epochs`` epochs (new arrays).
    history : dict
        ``"loss"``: ndarray of shape (n_epochs + 1,), the mean cross-entropy over
        all samples before training and after each epoch.
        ``"accuracy"``: ndarray of shape (n_epochs + 1,), the training accuracy at
        the same moments. ``"snapshots"``: dict mapping each requested epoch to
        the parameters after that many epochs.

    Raises
    ------
    FloatingPointError
        If the loss overflows (the learning rate is too large).
    """
    X = check_X(X)
    n_samples, n_features = X.shape
    y = check_labels(y, n_samples)
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    lr = check_positive("lr", lr)
    n_epochs = check_int("n_epochs", n_epochs, minimum=0)
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, minimum=1)
        if batch_size > n_samples:
            raise ValueError(
                f"batch_size must be at most n_samples={n_samples} (or None for full "
                f"batch); got {batch_size}"
            )
    activation = _check_activation(activation)
    rng = np.random.default_rng(check_seed(seed))
    if isinstance(snapshots, (str, bytes, numbers.Number)) or not isinstance(
        snapshots, Iterable
    ):
        raise TypeError(f"snapshots must be an iterable of epochs; got {snapshots!r}")
    keep = set()
    for epoch in snapshots:
        epoch = check_int("each epoch in snapshots", epoch, minimum=0)
        if epoch > n_epochs:
            raise ValueError(f"snapshots must be epochs from 0 to n_epochs={n_epochs}; got {epoch}")
        keep.add(epoch)

    params = _init_params(rng, n_features, n_hidden, activation)
    losses = np.empty(n_epochs + 1)
    accuracies = np.empty(n_epochs + 1)
    saved: dict[int, Params] = {}
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(n_epochs + 1):
            y_hat, cache, e = _forward(X, params, activation)  # on all samples
            losses[epoch] = _loss_from_logits(y, cache["z2"], e)  # after `epoch` epochs
            accuracies[epoch] = np.mean((y_hat >= 0.5) == y)
            if not np.isfinite(losses[epoch]):
                raise FloatingPointError(
                    f"the loss overflowed after {epoch} epochs with lr={lr:g}; "
                    "try a smaller learning rate"
                )
            if epoch in keep:
                saved[epoch] = {k: v.copy() for k, v in params.items()}
            if epoch == n_epochs:
                break
            if batch_size is None:  # full batch: reuse the forward pass just made
                grads = _backward(X, y, params, cache, y_hat)
                for k in PARAM_NAMES:
                    params[k] -= lr * grads[k]  # one step downhill
                continue
            order = rng.permutation(n_samples)  # a new order every epoch
            for start in range(0, n_samples, batch_size):
                idx = order[start : start + batch_size]
                Xb, yb = X[idx], y[idx]
                yb_hat, cache_b, _ = _forward(Xb, params, activation)
                grads = _backward(Xb, yb, params, cache_b, yb_hat)
                for k in PARAM_NAMES:
                    params[k] -= lr * grads[k]  # a step along a noisy gradient
    return params, {"loss": losses, "accuracy": accuracies, "snapshots": saved}


def predict(X, params, *, activation: str = "tanh", threshold: float = 0.5) -> Array:
    """Class predictions: 1 where the predicted probability is >= ``threshold``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : dict of ndarray
        As returned by :func:`init_params` or :func:`train`.
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
        The hidden activation the parameters were trained with.
    threshold : float, default=0.5
        In (0, 1).

    Returns
    -------
    y_pred : ndarray of shape (n_samples, 1)
        ``0.`` or ``1.``, the same encoding as ``y``.
    """
    threshold = check_positive("threshold", threshold, upper=1.0)
    return (forward(X, params, activation=activation)[0] >= threshold).astype(np.float64)


__all__ = [
    "ACTIVATIONS",
    "GAIN",
    "PARAM_NAMES",
    "init_params",
    "forward",
    "backward",
    "train",
    "predict",
]
