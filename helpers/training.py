r"""Training by gradient descent: logistic regression (notebook 06) and the network (12).

The maths of each model is in its own module, :mod:`helpers.model` (sigmoid, loss,
gradient) and :mod:`helpers.mlp` (forward and backward passes); this module runs
it in a loop and records the run:

- :func:`gradient_descent` is notebook 06's loop, :math:`W \leftarrow W -
  \mathrm{lr}\,\partial L / \partial W`, returning the final weights and a history;
- :func:`step_lengths` is the length of each step in that history;
- :func:`train` trains the network with one hidden layer, full batch or mini-batch,
  for two classes (notebook 12) or K (notebook 14), with the options of notebook 15:
  L2 weight decay, and a validation set with early stopping.

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
    check_nonnegative,
    check_positive,
    check_seed,
    check_snapshots,
    check_weights,
    check_X,
)
from helpers._class_checks import check_class_labels
from helpers.mlp import ACTIVATIONS, PARAM_NAMES, Params, _backward, _forward, _init_params
from helpers.model import _per_sample_loss
from helpers.softmax import _cross_entropy, _one_hot

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
    n_classes: int = 2,
    weight_decay: float = 0.0,
    X_val=None,
    y_val=None,
    patience: int | None = None,
) -> tuple[Params, dict]:
    r"""Train the network with one hidden layer (:mod:`helpers.mlp`) by gradient descent.

    Starts from ``helpers.mlp.init_params(n_features, n_hidden, n_outputs=...,
    activation=activation, seed=seed)``. Each update is :math:`\theta \leftarrow
    \theta - \mathrm{lr}\, \partial J / \partial \theta` for every parameter
    :math:`\theta`, where :math:`J` is the mean cross-entropy :math:`L`, plus the
    L2 penalty when ``weight_decay`` :math:`= \lambda > 0`:

    .. math:: J = L + \frac{\lambda}{2}\big(\lVert W_1\rVert^2 + \lVert W_2\rVert^2\big),
        \qquad \frac{\partial J}{\partial W} = \frac{\partial L}{\partial W} + \lambda W

    (squares of every weight; the biases are not penalised): each step shrinks the
    weights by the factor :math:`1 - \mathrm{lr}\,\lambda`, hence "decay".

    - ``batch_size=None``: **full-batch gradient descent**. One epoch is one
      update, with the gradient of the loss over all samples.
    - ``batch_size=m``: **mini-batch stochastic gradient descent (SGD)**. Each
      epoch reshuffles the samples with the seeded generator and makes one
      update per slice of ``m`` samples (the last slice may be smaller), so an
      epoch is ``ceil(n_samples / m)`` updates, each with a noisy estimate of the
      full gradient. (Drawing a random batch is *not* "batch gradient descent":
      that name means the full batch.)

    With ``X_val`` and ``y_val`` the history also records the loss and accuracy on
    that validation set after every epoch, and ``history["best_epoch"]``, the epoch
    of the lowest validation loss (the first, if several tie). With ``patience=p``
    as well, training **stops early** once the validation loss has not gone below
    its best for ``p`` epochs, and the parameters returned are those of the best
    epoch, not the last.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
        Labels: 0 or 1 for two classes, class indices 0 .. n_classes - 1 otherwise.
    n_hidden : int
        Number of hidden units, >= 1.
    lr : float
        Learning rate, finite and > 0.
    n_epochs : int
        Number of passes over the data, >= 0 (the most, with ``patience``).
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
    n_classes : int, default=2
        2: one sigmoid output, the network of notebooks 11 and 12. K >= 3: K
        outputs and a softmax (notebook 14), trained on the K-class cross-entropy.
    weight_decay : float, default=0.0
        :math:`\lambda \ge 0`, the strength of the L2 penalty on ``W1`` and ``W2``.
    X_val : array-like of shape (n_val, n_features) or None, default=None
        A validation set, never trained on; given together with ``y_val``.
    y_val : array-like of shape (n_val, 1) or None, default=None
        Its labels, encoded like ``y``.
    patience : int or None, default=None
        With a validation set: stop after this many epochs (>= 1) without a new
        lowest validation loss, and return the best parameters. None: no early
        stopping.

    Returns
    -------
    params : dict
        The parameters after the last epoch (with ``patience``: after the best
        epoch), new arrays, with ``"activation"``, so that
        :func:`helpers.mlp.forward` and :func:`helpers.mlp.predict` use it.
    history : dict
        ``"loss"``: ndarray of shape (n_run + 1,), the mean cross-entropy over all
        training samples (without the penalty) before training and after each of
        the ``n_run`` epochs run (``n_run = n_epochs`` unless stopped early).
        ``"accuracy"``: the training accuracy at the same moments.
        ``"snapshots"``: dict mapping each requested epoch to the parameters
        after that many epochs. With a validation set also ``"val_loss"`` and
        ``"val_accuracy"`` (same shape) and ``"best_epoch"`` (int).

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
    >>> X_val, y_val = make_xor(40, seed=1)
    >>> params, history = train(X, y, n_hidden=4, lr=1.0, n_epochs=300, activation="relu",
    ...                         X_val=X_val, y_val=y_val, patience=20)
    >>> n_run = len(history["loss"]) - 1  # stopped 20 epochs after the best, or ran to the end
    >>> n_run - history["best_epoch"] == 20 or n_run == 300, history["val_loss"].shape
    (True, (148,))
    """
    X = check_X(X)
    n_samples, n_features = X.shape
    n_classes = check_int("n_classes", n_classes, minimum=2)
    T = _targets(y, n_samples, n_classes, "y")
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    lr = check_positive("lr", lr)
    n_epochs = check_int("n_epochs", n_epochs, minimum=0)
    batch_size = check_batch_size(batch_size, n_samples)
    activation = check_choice("activation", activation, ACTIVATIONS)
    rng = np.random.default_rng(check_seed(seed))
    keep = check_snapshots(snapshots, n_epochs)
    weight_decay = check_nonnegative("weight_decay", weight_decay)
    validation = X_val is not None or y_val is not None
    if validation:
        X_val = _check_X_val(X_val, y_val, n_features)
        T_val = _targets(y_val, X_val.shape[0], n_classes, "y_val")
    if patience is not None:
        patience = check_int("patience", patience, minimum=1)
        if not validation:
            raise ValueError(f"patience={patience} needs a validation set: pass X_val and y_val")
    check_history_size("n_epochs", n_epochs, 32 if validation else 16)

    params = _init_params(rng, n_features, n_hidden, activation, 1 if n_classes == 2 else n_classes)
    history = {k: np.empty(n_epochs + 1) for k in ("loss", "accuracy")}
    if validation:
        history.update({k: np.empty(n_epochs + 1) for k in ("val_loss", "val_accuracy")})
    saved: dict[int, Params] = {}
    best_epoch, best = 0, params
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below
            for epoch in range(n_epochs + 1):
                y_hat, cache = _forward(X, params, activation)  # on all samples
                loss, acc = _scores(T, y_hat, cache["z2"])  # after `epoch` epochs
                history["loss"][epoch], history["accuracy"][epoch] = loss, acc
                if not np.isfinite(loss):
                    raise ValueError("the loss is not finite")
                stop = False
                if validation:
                    val_hat, val_cache = _forward(X_val, params, activation)
                    val_loss, val_acc = _scores(T_val, val_hat, val_cache["z2"])
                    history["val_loss"][epoch], history["val_accuracy"][epoch] = val_loss, val_acc
                    if val_loss < history["val_loss"][best_epoch] or epoch == 0:
                        best_epoch, best = epoch, _copy(params)  # a new lowest validation loss
                    stop = patience is not None and epoch - best_epoch >= patience
                if epoch in keep:
                    saved[epoch] = _copy(params)
                if epoch == n_epochs or stop:
                    break
                if batch_size is None:  # full batch: reuse the forward pass just made
                    _step(params, _backward(X, T, params, cache), lr, weight_decay)
                    continue
                order = rng.permutation(n_samples)  # a new order every epoch
                for start in range(0, n_samples, batch_size):
                    idx = order[start : start + batch_size]
                    cache_b = _forward(X[idx], params, activation)[1]
                    _step(params, _backward(X[idx], T[idx], params, cache_b), lr, weight_decay)
    except ValueError as exc:  # validated input, so only overflow makes inf or NaN here
        x_max = float(np.max(np.abs(X)))
        raise FloatingPointError(
            f"the loss overflowed after {epoch} epochs with lr={lr:g} (X holds values up to "
            f"{x_max:.1e}); try a smaller learning rate, or rescale X if its values are large"
        ) from exc
    history = {k: v[: epoch + 1] for k, v in history.items()}  # the epochs run
    history["snapshots"] = saved
    if validation:
        history["best_epoch"] = best_epoch
    return (best if patience is not None else params), history


def _targets(y, n_samples: int, n_classes: int, name: str) -> Array:
    """What the output is compared with: y (n, 1) of 0/1 for 2 classes, one-hot (n, K) for K."""
    if n_classes == 2:
        return check_labels(y, n_samples, name=name)
    return _one_hot(check_class_labels(y, n_samples, n_classes, name=name), n_classes)


def _check_X_val(X_val, y_val, n_features: int) -> Array:
    """The validation inputs, given with their labels and with X's features."""
    if X_val is None or y_val is None:
        missing = "X_val" if X_val is None else "y_val"
        raise ValueError(f"{missing} is missing: a validation set needs both X_val and y_val")
    X_val = check_X(X_val, "X_val")
    if X_val.shape[1] != n_features:
        raise ValueError(f"X_val must have {n_features} features like X; got shape {X_val.shape}")
    return X_val


def _scores(T: Array, y_hat: Array, z2: Array) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of the outputs against T (y, or one-hot Y)."""
    if T.shape[1] == 1:
        # loss_from_logits's formula without its input checks, which cost time every epoch
        loss = float(np.mean(_per_sample_loss(T, z2, np.exp(-np.abs(z2)))))
        return loss, float(np.mean((y_hat >= 0.5) == T))
    return _cross_entropy(T, z2), float(np.mean(np.argmax(z2, axis=1) == np.argmax(T, axis=1)))


def _step(params: Params, grads: Params, lr: float, weight_decay: float) -> None:
    """One step downhill; weight decay adds lambda * W to the weights' gradients."""
    for k in PARAM_NAMES:
        grad = grads[k] + weight_decay * params[k] if weight_decay and k[0] == "W" else grads[k]
        params[k] = params[k] - lr * grad  # new arrays: nothing returned earlier changes


def _copy(params: Params) -> Params:
    return dict(params, **{k: params[k].copy() for k in PARAM_NAMES})


__all__ = ["gradient_descent", "step_lengths", "train"]
