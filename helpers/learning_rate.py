r"""How large a learning rate can be: the numbers behind notebook 08's explorer.

For the mean cross-entropy the Hessian is :math:`H(W) = \frac{1}{n} X^\top D X`
with :math:`D = \operatorname{diag}(\hat y_i (1 - \hat y_i))`. Since
:math:`\hat y (1 - \hat y) \le 1/4`, its largest eigenvalue (the largest
curvature) is at most :math:`L = \lambda_{\max}(X^\top X) / (4n)`, and gradient
descent lowers the loss at every step when :math:`\mathrm{lr} < 2/L`.

- :func:`curvature_bound` is :math:`L`; :func:`curvature_at` the largest
  curvature at given weights; :func:`loss_minimum` the weights of the smallest loss.
- :func:`classify_run` names what a run did (one of :data:`REGIMES`);
  :func:`sweep_learning_rates` and :func:`measured_threshold` find the learning
  rate from which a run no longer settles.

The figures of these numbers are :func:`helpers.plotting.plot_lr_sweep` and
:mod:`helpers.explorer`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import NDArray

from helpers._checks import as_float_array, check_int, check_labels, check_weights, check_X
from helpers.model import loss_from_logits, sigmoid
from helpers.training import gradient_descent

Array = NDArray[np.float64]

#: What a run of gradient descent does by its end, from small to large steps.
REGIMES = ("too slow", "good", "oscillating")
#: A run is "good" once its loss is within this fraction of the minimum loss (1%).
GOOD_RTOL = 0.01
#: A loss rise smaller than this (relative to the loss) is rounding, not a rise.
RISE_RTOL = 1e-9


def _curvature_weights(z: Array) -> Array:
    r""":math:`\hat y (1 - \hat y) = e / (1 + e)^2` with :math:`e = e^{-|z|}`.

    The same value for ``z`` and ``-z``, and no cancellation where
    :math:`\hat y` rounds to 1 (``p * (1 - p)`` would give 0 there).
    """
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _largest_eigenvalue(X: Array, d: Array) -> float:
    r""":math:`\lambda_{\max}(X^\top \operatorname{diag}(d) X) / n`, without overflow.

    ``X`` is divided by its largest entry before the product and the result
    multiplied back, so no intermediate overflows; a result too large for a
    float raises an error naming ``X``.
    """
    scale = float(np.abs(X).max())
    if scale == 0.0:
        return 0.0
    Xs = X / scale
    H = (Xs * d).T @ Xs / X.shape[0]
    value = float(np.linalg.eigvalsh(H)[-1]) * scale * scale  # Python floats: inf, no warning
    if not math.isfinite(value):
        raise ValueError(
            f"X is too large for its curvature to be a float (entries up to {scale:.3g}); "
            "rescale X, e.g. standardise its columns"
        )
    return value


def curvature_bound(X) -> float:
    r"""The largest possible curvature of the mean cross-entropy, :math:`L`.

    .. math:: L = \frac{\lambda_{\max}(X^\top X)}{4n}

    Every eigenvalue of the Hessian :math:`H(W) = \frac1n X^\top D X` is at most
    :math:`L` because :math:`\hat y (1 - \hat y) \le 1/4`, with equality at
    :math:`W = 0`. Gradient descent lowers the loss at every step when
    :math:`\mathrm{lr} < 2/L`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    L : float

    Raises
    ------
    ValueError
        When :math:`L` is too large to be a float (e.g. ``X * 1e200``).

    Examples
    --------
    >>> X = [[1.0, 0.0], [0.0, 2.0]]  # X.T @ X = diag(1, 4), n = 2
    >>> curvature_bound(X)
    0.5
    """
    X = check_X(X)
    return _largest_eigenvalue(X, np.full((X.shape[0], 1), 0.25))


def curvature_at(X, W) -> float:
    r"""The largest curvature of the mean cross-entropy at ``W``.

    .. math:: \lambda_{\max}\Big(\frac1n X^\top D X\Big), \qquad
        D = \operatorname{diag}\big(\hat y_i (1 - \hat y_i)\big), \quad \hat y = \sigma(X W^\top)

    :math:`\hat y (1 - \hat y)` is computed as :math:`e / (1 + e)^2` with
    :math:`e = e^{-|z|}`, which stays exact where :math:`\hat y` rounds to 1;
    ``W`` and ``-W`` give the same curvature.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (1, n_features)

    Returns
    -------
    float

    Examples
    --------
    At ``W = 0`` every :math:`\hat y` is 1/2, and the curvature is the bound:

    >>> X = [[1.0, 0.0], [0.0, 2.0]]
    >>> curvature_at(X, [[0.0, 0.0]]) == curvature_bound(X)
    True
    """
    X = check_X(X)
    W = check_weights(W, X.shape[1])
    return _largest_eigenvalue(X, _curvature_weights(X @ W.T))


def loss_minimum(X, y) -> tuple[Array, float]:
    r"""The weights that minimise the mean cross-entropy, found by Newton's method.

    Used as the target the explorer measures runs against. Newton's method runs
    on the column space of ``X`` (from its SVD: :math:`X = U S V^\top`, and the
    logits are :math:`z = U c`), so duplicated, zero or collinear columns and
    badly scaled features do not disturb it. With a backtracking line search it
    reaches the minimum to rounding in a few steps.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)

    Returns
    -------
    W_star : ndarray of shape (1, n_features)
        Weights of the smallest loss. When the columns of ``X`` are linearly
        dependent many weights give it; this is the one of smallest norm. When
        some samples can be pushed ever further onto their own side without
        moving the others, the loss only approaches its floor; if what is left to
        gain is below rounding, these weights reach it, and their size along
        those directions is arbitrary (notebook 13).
    loss_star : float
        The smallest loss.

    Raises
    ------
    ValueError
        When the loss has no minimum: it keeps falling as the weights grow. The
        message says "split exactly" only when a line through the origin was
        found that puts every point on its own class's side.

    Examples
    --------
    Class 1 on both sides of 0, so no line through 0 splits the classes:

    >>> X = [[1.0], [-1.0], [2.0]]
    >>> y = [[1.0], [1.0], [0.0]]
    >>> W_star, loss_star = loss_minimum(X, y)
    >>> W_star.shape, f"{loss_star:.4f}"
    ((1, 1), '0.5750')
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    n = X.shape[0]
    U, S, Vt = np.linalg.svd(X, full_matrices=False)
    rank = int(np.sum(S > S[0] * max(X.shape) * np.finfo(float).eps)) if S[0] > 0 else 0
    Q = U[:, :rank]  # orthonormal columns spanning X's columns: z = Q @ c
    c = np.zeros((rank, 1))
    loss = loss_from_logits(y, Q @ c)
    for _ in range(200):
        if loss < math.log(2.0) / n:
            # Every point's own loss is below log 2, so every z_i has its class's sign.
            raise ValueError(
                "the loss has no minimum for this X and y: the classes are split exactly by "
                "a line through the origin, so the loss keeps falling towards 0 as the "
                "weights grow"
            )
        z = Q @ c
        g = Q.T @ (sigmoid(z) - y) / n  # gradient with respect to c
        H = (Q * _curvature_weights(z)).T @ Q / n  # Hessian with respect to c
        step = np.linalg.lstsq(H, g, rcond=None)[0]
        decrease = float((g.T @ step)[0, 0])  # twice the decrease Newton's model predicts
        if decrease <= 1e-20 * loss:
            break  # converged to rounding
        t = 1.0
        while t > 1e-12:  # halve the Newton step until the loss falls enough
            trial = loss_from_logits(y, Q @ (c - t * step))
            if trial <= loss - 1e-4 * t * decrease:
                break
            t /= 2.0
        else:
            break  # no progress left at rounding level
        c, loss = c - t * step, trial
    if decrease <= 1e-12 * loss and not _falls_further(Q, y, c, H, loss):
        W_star = ((c[:, 0] / S[:rank]) @ Vt[:rank]).reshape(1, -1)  # back from c to W
        return W_star, loss
    raise ValueError(
        "the loss has no minimum for this X and y: it keeps falling as the weights grow "
        "in some direction, although no line through the origin splits the classes exactly "
        "(some points lie on the line)"
    )


def _falls_further(Q: Array, y: Array, c: Array, H: Array, loss: float) -> bool:
    """Whether the loss is lower far away along the flattest direction of ``H``.

    The loss is convex, so a lower value anywhere proves ``c`` is no minimum: it
    happens when the loss only approaches its infimum as the weights grow.
    """
    if H.shape[0] == 0:
        return False
    v = np.linalg.eigh(H)[1][:, :1]  # unit vector of the smallest curvature
    reach = 1e4 * (1.0 + float(np.linalg.norm(c)))
    return any(loss_from_logits(y, Q @ (c + s * reach * v)) < loss for s in (1.0, -1.0))


def _quarter(n_iters: int) -> int:
    """The number of iterations in the last quarter of a run (at least 1)."""
    return max(1, n_iters // 4)


def _tail_mean(losses: Array) -> float:
    """The mean loss over the last quarter of the iterations (at least the last one)."""
    return float(losses[1:][-_quarter(losses.size - 1) :].mean())


def classify_run(losses, loss_star: float) -> str:
    """Name what a run of gradient descent does, from its loss history.

    The name describes how the run goes on, never how its end compares with its
    start, so a run that bounces is named oscillating whether it starts at the minimum
    itself or far away (a slow run started at the minimum has nothing left to do and is good):

    - ``"good"``: the run has settled within :data:`GOOD_RTOL` (1%) of
      ``loss_star``: the loss does not rise at any step of the last quarter of the
      iterations and ends within 1% of the minimum;
    - ``"too slow"``: the loss falls at every step but still ends more than 1%
      above ``loss_star``;
    - ``"oscillating"``: anything else: the loss rises at some step of the last
      quarter (the run bounces and has not settled), or it rose at some step and
      has not come within 1% of the minimum. Rises smaller than rounding
      (:data:`RISE_RTOL`) are not counted.

    Parameters
    ----------
    losses : array-like of shape (n_iters + 1,)
        ``history["loss"]`` from :func:`helpers.training.gradient_descent`, n_iters >= 1.
    loss_star : float
        The smallest loss (:func:`loss_minimum`).

    Returns
    -------
    str
        One of :data:`REGIMES`.

    Examples
    --------
    >>> classify_run([1.0, 0.6, 0.502], loss_star=0.5)
    'good'
    >>> classify_run([1.0, 0.6, 0.8], loss_star=0.5)
    'oscillating'
    """
    losses = as_float_array("losses", losses, ndim=1)
    if losses.size < 2:
        raise ValueError(
            f"losses must have shape (n_iters + 1,) with n_iters >= 1; got shape {losses.shape}"
        )
    if isinstance(loss_star, bool) or not isinstance(loss_star, numbers.Real):
        raise TypeError(f"loss_star must be a number; got {type(loss_star).__name__}")
    if not math.isfinite(loss_star):
        raise ValueError(f"loss_star must be a finite number; got {loss_star!r}")
    rises = np.diff(losses) > RISE_RTOL * np.maximum(np.abs(losses[:-1]), 1.0)
    if np.any(rises[-_quarter(rises.size) :]):
        return "oscillating"  # still bouncing at the end
    if losses[-1] - loss_star <= GOOD_RTOL * abs(loss_star) + 1e-12:
        return "good"
    return "oscillating" if np.any(rises) else "too slow"


def sweep_learning_rates(X, y, lrs, *, W0, n_iters: int) -> dict[str, np.ndarray]:
    """Run gradient descent once per learning rate and classify each run.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
    lrs : array-like of shape (n_lrs,)
        Learning rates, each finite and > 0, in increasing order.
    W0 : array-like of shape (1, n_features) or (n_features,)
        The same starting weights for every run.
    n_iters : int
        Iterations per run, >= 1.

    Returns
    -------
    dict
        ``"lr"``: the learning rates; ``"final_loss"``: the loss after the last
        iteration; ``"tail_loss"``: the mean loss over the last quarter of the
        iterations; ``"regime"``: the :func:`classify_run` name of each run.

    Examples
    --------
    >>> X = [[1.0], [2.0], [-1.0], [-2.0]]
    >>> y = [[1.0], [0.0], [0.0], [1.0]]
    >>> sweep = sweep_learning_rates(X, y, [0.01, 1.0], W0=[1.0], n_iters=20)
    >>> sweep["regime"].tolist()
    ['too slow', 'good']
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    W0 = check_weights(np.atleast_2d(W0), X.shape[1], name="W0")
    n_iters = check_int("n_iters", n_iters, minimum=1)
    lrs = as_float_array("lrs", lrs, ndim=1)
    if np.any(lrs <= 0):
        raise ValueError(f"lrs must all be > 0; got {lrs.min():g}")
    if np.any(np.diff(lrs) <= 0):
        raise ValueError("lrs must be in increasing order")
    _, loss_star = loss_minimum(X, y)
    final, tail, regime = np.empty(lrs.size), np.empty(lrs.size), []
    for k, lr in enumerate(lrs):
        _, history = gradient_descent(X, y, W0, lr=float(lr), n_iters=n_iters)
        losses = history["loss"]
        final[k] = losses[-1]
        tail[k] = _tail_mean(losses)
        regime.append(classify_run(losses, loss_star))
    return {"lr": lrs, "final_loss": final, "tail_loss": tail, "regime": np.array(regime)}


def measured_threshold(sweep: dict[str, np.ndarray]) -> float:
    """The smallest learning rate of a sweep whose run did not settle.

    Parameters
    ----------
    sweep : dict
        The result of :func:`sweep_learning_rates` (its ``"lr"`` and ``"regime"``).

    Returns
    -------
    float
        The first learning rate classified ``"oscillating"``; ``inf`` when every
        run of the sweep settled.

    Examples
    --------
    >>> measured_threshold({"lr": [1.0, 2.0, 4.0], "regime": ["good", "good", "oscillating"]})
    4.0
    """
    missing = [key for key in ("lr", "regime") if not _has_key(sweep, key)]
    if missing:
        raise ValueError(
            "sweep must be the dict returned by sweep_learning_rates; it has no "
            + " and no ".join(repr(key) for key in missing)
        )
    lrs = as_float_array("sweep['lr']", sweep["lr"], ndim=1)
    regimes = np.asarray(sweep["regime"])
    if regimes.shape != lrs.shape:
        raise ValueError(
            f"sweep['regime'] must have one entry per learning rate ({lrs.size}); "
            f"got shape {regimes.shape}"
        )
    unstable = regimes == "oscillating"
    return float(lrs[np.argmax(unstable)]) if unstable.any() else float("inf")


def _has_key(mapping, key: str) -> bool:
    try:
        return key in mapping
    except TypeError:  # not a container at all
        return False


__all__ = [
    "GOOD_RTOL",
    "REGIMES",
    "RISE_RTOL",
    "classify_run",
    "curvature_at",
    "curvature_bound",
    "loss_minimum",
    "measured_threshold",
    "sweep_learning_rates",
]
