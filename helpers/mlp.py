r"""A neural network with one hidden layer (notebooks 11 and 12).

Samples first, as everywhere in the series. For ``X`` of shape
``(n_samples, n_features)`` and ``n_hidden`` hidden units:

.. math::

    Z_1 = X W_1^\top + b_1, \qquad A_1 = g(Z_1), \qquad
    z_2 = A_1 W_2^\top + b_2, \qquad \hat y = \sigma(z_2),

with ``W1`` of shape ``(n_hidden, n_features)``, ``b1`` of shape ``(1, n_hidden)``,
``W2`` of shape ``(1, n_hidden)`` and ``b2`` of shape ``(1, 1)``; ``Z1`` and ``A1`` are
``(n_samples, n_hidden)``, ``z2`` and ``y_hat`` are ``(n_samples, 1)``. The hidden
activation :math:`g` is chosen by name with the keyword ``activation``
(``"tanh"``, ``"relu"`` or ``"sigmoid"``).

**K classes** (notebook 14): ``init_params(..., n_outputs=K)`` gives the output
layer ``K`` units, ``W2`` of shape ``(K, n_hidden)`` and ``b2`` of shape ``(1, K)``;
``z2`` and ``y_hat`` are then ``(n_samples, K)`` and the output is the softmax
(:func:`helpers.softmax.softmax`) instead of the sigmoid. Nothing else changes: the
backward pass starts from the same :math:`(\hat Y - Y) / n`, with ``Y`` one-hot.
The labels are integers ``(n_samples, 1)`` in ``0 .. K - 1``, and :func:`predict`
returns the most probable class. With one output (the default) the network is the
two-class one of notebooks 11 and 12, unchanged.

The parameters record the activation they were made for, ``params["activation"]``,
and :func:`forward`, :func:`backward` and :func:`predict` use it: a network trained
with ReLU is scored with ReLU. An explicit ``activation=`` that disagrees with the
recorded one is refused rather than guessed between.

The loss is the series' mean binary cross-entropy, computed from the logits
``z2`` (:func:`helpers.model.loss_from_logits`; :func:`helpers.softmax.cross_entropy`
for K outputs), and the backward pass uses
:math:`\partial L / \partial z_2 = (\hat y - y) / n`. The kernels are notebook
11's ``forward`` and ``backward``, line for line; the public functions check
their inputs and then call them. :func:`helpers.training.train` trains the network.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    check_cache,
    check_choice,
    check_int,
    check_labels,
    check_params,
    check_positive,
    check_seed,
    check_X,
    resolve_activation,
)
from helpers._class_checks import check_class_labels
from helpers.model import sigmoid
from helpers.softmax import _one_hot, _softmax

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
    """g(Z) for the hidden layer."""
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "relu":
        return np.maximum(Z, 0.0)
    return sigmoid(Z)


def _activation_slope(Z: Array, A: Array, activation: str) -> Array:
    """g'(Z), using A = g(Z) from the forward pass."""
    if activation == "tanh":
        return 1.0 - A**2
    if activation == "relu":
        return (Z > 0).astype(float)
    return A * (1.0 - A)


def _init_params(
    rng: np.random.Generator, n_features: int, n_hidden: int, activation: str, n_outputs: int = 1
) -> Params:
    scale = GAIN[activation] / np.sqrt(n_features)
    W1 = scale * rng.standard_normal((n_hidden, n_features))
    W2 = rng.standard_normal((n_outputs, n_hidden)) / np.sqrt(n_hidden)
    return {"W1": W1, "b1": np.zeros((1, n_hidden)), "W2": W2, "b2": np.zeros((1, n_outputs)),
            "activation": activation}  # fmt: skip


def _forward(X: Array, params: Params, activation: str) -> tuple[Array, dict]:
    Z1 = X @ params["W1"].T + params["b1"]  # (n, h)
    A1 = _activate(Z1, activation)  # (n, h)
    z2 = A1 @ params["W2"].T + params["b2"]  # (n, 1), or (n, K) with K outputs
    if z2.shape[1] == 1:
        y_hat = sigmoid(z2)  # (n, 1): the probability of class 1
    else:
        y_hat = _softmax(z2)  # (n, K): the probability of each class (notebook 14)
    return y_hat, {"Z1": Z1, "A1": A1, "z2": z2, "activation": activation}


def _backward(X: Array, y: Array, params: Params, cache: dict) -> Params:
    n = X.shape[0]
    if cache["z2"].shape[1] == 1:
        y_hat = sigmoid(cache["z2"])
    else:
        y_hat = _softmax(cache["z2"])  # and y is one-hot, (n, K)
    dz2 = (y_hat - y) / n  # step 1: (n, 1), or (n, K)
    dW2 = dz2.T @ cache["A1"]  # step 2: (1, h)
    db2 = dz2.sum(axis=0, keepdims=True)  #         (1, 1)
    dA1 = dz2 @ params["W2"]  # step 3: (n, h)
    dZ1 = dA1 * _activation_slope(cache["Z1"], cache["A1"], cache["activation"])  # step 4
    dW1 = dZ1.T @ X  # step 5: (h, d)
    db1 = dZ1.sum(axis=0, keepdims=True)  #         (1, h)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --------------------------------------------------------------------------- public API
def init_params(
    n_features: int, n_hidden: int, *, n_outputs: int = 1, activation: str = "tanh", seed: int = 0
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
    n_outputs : int, default=1
        1 for two classes (a sigmoid output), or K >= 2 for K classes (a softmax
        output). ``W1`` does not depend on it (it is drawn first).
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
        The hidden activation the weights are scaled for.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    params : dict
        ``"W1"`` of shape (n_hidden, n_features), ``"b1"`` of shape (1, n_hidden),
        ``"W2"`` of shape (n_outputs, n_hidden), ``"b2"`` of shape (1, n_outputs), and
        ``"activation"``, the name the weights were made for.

    Examples
    --------
    >>> params = init_params(2, 3, activation="relu", seed=0)
    >>> [(k, params[k].shape) for k in PARAM_NAMES], params["activation"]
    ([('W1', (3, 2)), ('b1', (1, 3)), ('W2', (1, 3)), ('b2', (1, 1))], 'relu')
    """
    n_features = check_int("n_features", n_features, minimum=1)
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    n_outputs = check_int("n_outputs", n_outputs, minimum=1)
    activation = check_choice("activation", activation, ACTIVATIONS)
    rng = np.random.default_rng(check_seed(seed))
    return _init_params(rng, n_features, n_hidden, activation, n_outputs)


def forward(X, params, *, activation: str | None = None) -> tuple[Array, dict]:
    r"""Forward pass through the hidden layer and the output neuron.

    .. math:: Z_1 = X W_1^\top + b_1,\quad A_1 = g(Z_1),\quad
        z_2 = A_1 W_2^\top + b_2,\quad \hat y = \sigma(z_2)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : dict
        As returned by :func:`init_params` or :func:`helpers.training.train`.
    activation : {"tanh", "relu", "sigmoid"} or None, default=None
        The hidden activation :math:`g`. None uses ``params["activation"]``; a name
        that differs from it raises ``ValueError``. Required only when ``params``
        records no activation (a dict made by hand).

    Returns
    -------
    y_hat : ndarray of shape (n_samples, 1), or (n_samples, K) with K outputs
        Predicted probability of class 1; with K outputs, of each class
        (:math:`\operatorname{softmax}(z_2)`, rows summing to 1).
    cache : dict
        What :func:`backward` needs: ``"Z1"`` and ``"A1"`` of shape
        (n_samples, n_hidden), ``"z2"`` of shape (n_samples, 1) or (n_samples, K),
        and ``"activation"``, the name of :math:`g`.

    Examples
    --------
    >>> params = init_params(2, 3, activation="relu", seed=0)
    >>> y_hat, cache = forward(np.array([[1.0, 2.0]]), params)  # uses ReLU, as recorded
    >>> y_hat.shape, cache["Z1"].shape, cache["activation"]
    ((1, 1), (1, 3), 'relu')
    """
    X = check_X(X)
    params = check_params(params, X.shape[1], PARAM_NAMES)
    activation = resolve_activation(params, activation, ACTIVATIONS)
    return _forward(X, params, activation)


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
        Labels, 0 or 1; with K outputs, class indices 0 .. K - 1 (turned into the
        one-hot ``Y`` that step 1 subtracts, :func:`helpers.softmax.one_hot`).
    params : dict
        The parameters ``cache`` was computed with.
    cache : dict
        From ``forward(X, params)``; it records the activation, which must match
        ``params["activation"]`` when ``params`` has one.

    Returns
    -------
    grads : dict of ndarray
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``, each shaped like the parameter.

    Examples
    --------
    >>> X, y = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([[1.0], [0.0]])
    >>> params = init_params(2, 3, seed=0)
    >>> grads = backward(X, y, params, forward(X, params)[1])
    >>> {k: v.shape for k, v in grads.items()}
    {'W1': (3, 2), 'b1': (1, 3), 'W2': (1, 3), 'b2': (1, 1)}
    """
    X = check_X(X)
    params = check_params(params, X.shape[1], PARAM_NAMES)
    n_outputs = params["W2"].shape[0]
    if n_outputs == 1:
        y = check_labels(y, X.shape[0])
    else:
        y = _one_hot(check_class_labels(y, X.shape[0], n_outputs, name="y"), n_outputs)
    cache = check_cache(cache, X.shape[0], params["W1"].shape[0], n_outputs)
    cache["activation"] = check_choice("cache['activation']", cache["activation"], ACTIVATIONS)
    resolve_activation(params, cache["activation"], ACTIVATIONS)  # refuses a mismatch
    return _backward(X, y, params, cache)


def predict(X, params, *, activation: str | None = None, threshold: float = 0.5) -> Array:
    """Class predictions: 1 where the predicted probability is >= ``threshold``.

    With K outputs: the most probable class (the largest logit), as integers.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : dict
        As returned by :func:`init_params` or :func:`helpers.training.train`.
    activation : {"tanh", "relu", "sigmoid"} or None, default=None
        As in :func:`forward`: None uses ``params["activation"]``.
    threshold : float, default=0.5
        In (0, 1). Used with one output only.

    Returns
    -------
    y_pred : ndarray of shape (n_samples, 1)
        ``0.`` or ``1.``, the same encoding as ``y``; with K outputs, int64 class
        indices 0 .. K - 1, the encoding of the labels.

    Examples
    --------
    >>> params = init_params(2, 3, seed=0)
    >>> predict(np.array([[1.0, 2.0], [-3.0, 1.0]]), params).tolist()
    [[1.0], [0.0]]
    >>> predict(np.array([[1.0, 2.0], [-3.0, 1.0]]), init_params(2, 3, n_outputs=4)).tolist()
    [[0], [1]]
    """
    threshold = check_positive("threshold", threshold, upper=1.0)
    y_hat, cache = forward(X, params, activation=activation)
    if y_hat.shape[1] > 1:
        return np.argmax(cache["z2"], axis=1).reshape(-1, 1)  # the most probable class
    return (y_hat >= threshold).astype(np.float64)


__all__ = [
    "ACTIVATIONS",
    "GAIN",
    "PARAM_NAMES",
    "init_params",
    "forward",
    "backward",
    "predict",
]
