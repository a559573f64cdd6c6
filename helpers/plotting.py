"""Figures shared by the notebooks (introduced in notebooks 01, 03, 06 and 08).

Every function takes ``ax=None`` (a new figure is made when it is None), draws on
that one Axes and returns it. Nothing here changes global matplotlib settings.
The two classes use the same colour-blind-safe colours (Okabe-Ito blue and
orange) and the same markers in every figure of the series.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from numpy.typing import NDArray

from helpers._checks import (
    as_float_array,
    check_int,
    check_labels,
    check_positive,
    check_weights,
    check_X,
)
from helpers._plane import _evaluate, _plane
from helpers.learning_rate import REGIMES
from helpers.model import loss_grid

#: Colour of class 0 and class 1 (Okabe-Ito blue and orange).
CLASS_COLORS = ("#0072B2", "#E69F00")
#: Marker of class 0 and class 1.
CLASS_MARKERS = ("o", "s")
#: Light versions of the class colours for decision regions.
REGION_COLORS = ("#cfe3f1", "#fbe8c4")
#: Colour of a descent path.
PATH_COLOR = "#D55E00"
#: Colours for curves that are not classes (learning rates, activations, methods):
#: Okabe-Ito bluish green, reddish purple and sky blue, none of them a class colour.
SERIES_COLORS = ("#009E73", "#CC79A7", "#56B4E9")
#: Colour of each learning-rate regime (:data:`helpers.learning_rate.REGIMES`): grey,
#: then the series' green and purple.
REGIME_COLORS = {
    "too slow": "0.4",
    "good": SERIES_COLORS[0],
    "oscillating": SERIES_COLORS[1],
}


def _axes(ax: Axes | None) -> Axes:
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    return ax


def plot_data(X, y, ax: Axes | None = None, *, misclassified=None) -> Axes:
    """Scatter the two classes, optionally ringing the misclassified points.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    ax : Axes, optional
    misclassified : array-like of bool of shape (n_samples, 1) or (n_samples,), optional
        Points to ring in black (visible on both classes and regions), e.g. ``(y_pred != y)``.

    Returns
    -------
    ax : Axes
    """
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features to be drawn in the plane; got shape {X.shape}")
    y = check_labels(y, X.shape[0])
    if misclassified is not None:
        wrong = np.asarray(misclassified)
        if wrong.dtype != bool or wrong.shape not in ((X.shape[0],), (X.shape[0], 1)):
            raise ValueError(
                f"misclassified must be a boolean mask with {X.shape[0]} entries; "
                f"got an array of shape {wrong.shape} and dtype {wrong.dtype}"
            )
        wrong = wrong.reshape(-1)
    ax = _axes(ax)
    for label in (0, 1):
        mask = y[:, 0] == label
        ax.scatter(
            X[mask, 0],
            X[mask, 1],
            c=CLASS_COLORS[label],
            marker=CLASS_MARKERS[label],
            edgecolors="white",
            linewidths=0.5,
            s=36,
            label=f"class {label}",
            zorder=3,
        )
    if misclassified is not None:
        ax.scatter(
            X[wrong, 0],
            X[wrong, 1],
            s=140,
            facecolors="none",
            edgecolors="black",
            linewidths=1.6,
            label=f"misclassified ({int(wrong.sum())})",
            zorder=4,
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_decision_boundary(
    proba: Callable,
    X,
    y=None,
    ax: Axes | None = None,
    *,
    resolution: int = 200,
    padding: float = 0.5,
) -> Axes:
    """Colour the plane by the model's decision and draw the 0.5 contour.

    Parameters
    ----------
    proba : callable
        The model: takes an array of shape (m, 2) and returns the probabilities
        of class 1, of shape (m, 1) or (m,). For the series' model use
        ``lambda P: forward(P, W)``.
    X : array-like of shape (n_samples, 2)
        Sets the extent of the plot (with ``padding`` around it).
    y : array-like of shape (n_samples, 1), optional
        When given, the points are drawn on top with :func:`plot_data`.
    ax : Axes, optional
    resolution : int, default=200
        Grid points per axis, at least 2.
    padding : float, default=0.5
        Margin around the data, in data units.

    Returns
    -------
    ax : Axes
    """
    X, (lo, hi, G1, G2) = _plane(proba, X, y, resolution, padding)
    ax = _axes(ax)
    P = _evaluate(proba, G1, G2)
    ax.contourf(
        G1,
        G2,
        (P >= 0.5).astype(float),
        levels=[-0.5, 0.5, 1.5],
        cmap=ListedColormap(REGION_COLORS),
        zorder=0,
    )
    if P.min() < 0.5 <= P.max():
        ax.contour(G1, G2, P, levels=[0.5], colors="0.2", linewidths=1.5, zorder=1)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    if y is not None:
        plot_data(X, y, ax=ax)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_loss_curve(losses, ax: Axes | None = None, *, label: str | None = None) -> Axes:
    """Loss against iteration.

    Parameters
    ----------
    losses : array-like of shape (n_iters + 1,)
        ``history["loss"]`` from :func:`helpers.training.gradient_descent`.
    ax : Axes, optional
    label : str, optional
        Legend entry for this curve.

    Returns
    -------
    ax : Axes
    """
    losses = as_float_array("losses", losses, ndim=1)
    ax = _axes(ax)
    ax.plot(np.arange(losses.size), losses, marker="." if losses.size <= 60 else None, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss (cross-entropy)")
    if label is not None:
        ax.legend(fontsize="small")
    return ax


def plot_loss_surface(
    X,
    y,
    ax: Axes | None = None,
    *,
    w1=None,
    w2=None,
    path=None,
    levels: int = 20,
) -> Axes:
    """Contours of the loss over the two weights, with an optional descent path.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
    ax : Axes, optional
    w1, w2 : array-like of shape (n_grid,), optional
        Grid of weight values; by default 120 points spanning the path (or
        [-1, 5]) with a margin.
    path : array-like of shape (n_steps, 2) or (n_steps, 1, 2), optional
        Successive weights, e.g. ``history["W"]``; drawn as a line with a dot
        per step, the start marked by a circle and the end by a star.
    levels : int, default=20
        Number of contour lines; they are spaced more densely near the lowest
        loss on the grid.

    Returns
    -------
    ax : Axes
    """
    levels = check_int("levels", levels, minimum=1)
    if path is not None:
        path = as_float_array("path", path)
        if path.ndim == 3 and path.shape[1] == 1:
            path = path[:, 0, :]
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(
                f"path must have shape (n_steps, 2) or (n_steps, 1, 2); got shape {path.shape}"
            )
    if w1 is None or w2 is None:
        pts = path if path is not None else np.array([[-1.0, -1.0], [5.0, 5.0]])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        margin = np.maximum(0.3 * (hi - lo), 1.0)
        w1 = np.linspace(lo[0] - margin[0], hi[0] + margin[0], 120) if w1 is None else w1
        w2 = np.linspace(lo[1] - margin[1], hi[1] + margin[1], 120) if w2 is None else w2
    L = loss_grid(X, y, w1, w2)
    ax = _axes(ax)
    # Levels crowd towards the lowest loss on the grid (quadratic spacing), so the
    # bowl around the minimum is drawn too, not only the steep walls.
    L_min, L_max = float(L.min()), float(L.max())
    fractions = np.linspace(0.0, 1.0, levels + 2)[1:-1] ** 2
    cs = ax.contour(w1, w2, L, levels=L_min + (L_max - L_min) * fractions, cmap="viridis")
    ax.clabel(cs, inline=True, fontsize=7, fmt="%.2f")
    if path is not None:
        ax.plot(path[:, 0], path[:, 1], "-", color=PATH_COLOR, lw=1.2, zorder=3)
        ax.plot(path[:, 0], path[:, 1], ".", color=PATH_COLOR, ms=5, zorder=3)
        ax.plot(*path[0], "o", color=PATH_COLOR, ms=8, mfc="white", label="start", zorder=4)
        ax.plot(*path[-1], "*", color=PATH_COLOR, ms=12, label="end", zorder=4)
        ax.legend(fontsize="small")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    return ax


def plot_lr_sweep(sweep, ax: Axes | None = None, *, bound=None, threshold=None) -> Axes:
    """The mean loss over the last quarter of each run against the learning rate.

    One dot per run, coloured by its regime (:data:`REGIME_COLORS`); both axes on
    a log scale.

    Parameters
    ----------
    sweep : dict
        The result of :func:`helpers.learning_rate.sweep_learning_rates`.
    ax : Axes, optional
    bound : float, optional
        The guaranteed-stable step size :math:`2/L`, drawn as a dashed line.
    threshold : float, optional
        The measured threshold (:func:`helpers.learning_rate.measured_threshold`),
        drawn as a solid line.

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> sweep = {"lr": [0.1, 1.0, 10.0], "tail_loss": [0.6, 0.3, 2.0],
    ...          "regime": ["too slow", "good", "oscillating"]}
    >>> ax = plot_lr_sweep(sweep, Figure().subplots(), bound=2.0)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['too slow', 'good', 'oscillating', 'bound 2/L = 2']
    """
    if not isinstance(sweep, dict) or not {"lr", "tail_loss", "regime"} <= set(sweep):
        got = sorted(sweep) if isinstance(sweep, dict) else type(sweep).__name__
        raise ValueError(
            "sweep must be the dict returned by helpers.learning_rate.sweep_learning_rates, "
            f"with keys 'lr', 'tail_loss' and 'regime'; got {got}"
        )
    lrs = as_float_array("sweep['lr']", sweep["lr"], ndim=1)
    tail = as_float_array("sweep['tail_loss']", sweep["tail_loss"], ndim=1)
    regimes = np.asarray(sweep["regime"])
    for key, values in (("tail_loss", tail), ("regime", regimes)):
        if values.shape != lrs.shape:
            raise ValueError(
                f"sweep['{key}'] must have one entry per learning rate, shape {lrs.shape}; "
                f"got shape {values.shape}"
            )
    unknown = sorted(set(regimes.tolist()) - set(REGIMES))
    if unknown:
        raise ValueError(
            f"sweep['regime'] must hold names from helpers.learning_rate.REGIMES {REGIMES}; "
            f"got {unknown}"
        )
    bound = None if bound is None else check_positive("bound", bound)
    threshold = None if threshold is None else check_positive("threshold", threshold)
    ax = _axes(ax)
    ax.plot(lrs, tail, "-", color="0.75", lw=1, zorder=1)
    for regime in REGIMES:
        mask = regimes == regime
        if mask.any():
            ax.plot(
                lrs[mask],
                tail[mask],
                "o",
                ms=4,
                color=REGIME_COLORS[regime],
                label=regime,
                zorder=2,
            )
    if bound is not None:
        ax.axvline(bound, color="black", ls="--", lw=1.2, label=f"bound 2/L = {bound:.3g}")
    if threshold is not None and np.isfinite(threshold):
        ax.axvline(
            threshold,
            color=REGIME_COLORS["oscillating"],
            lw=1.2,
            label=f"measured threshold {threshold:.3g}",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate (log scale)")
    ax.set_ylabel("loss over the last quarter of the run (log scale)")
    ax.legend(fontsize="small", loc="upper left")
    return ax


def half_plane(W, xlim, ylim) -> NDArray[np.float64]:
    """Corners of the part of the box where ``x @ W.T >= 0`` (class 1), clipped.

    Parameters
    ----------
    W : ndarray of shape (1, 2)
    xlim, ylim : (float, float)
        The box.

    Returns
    -------
    ndarray of shape (n_corners, 2)
        The polygon, 0 to 5 corners (the whole box when ``W`` is zero).

    Examples
    --------
    >>> half_plane(np.array([[1.0, 0.0]]), (-1.0, 1.0), (-2.0, 2.0)).tolist()
    [[0.0, -2.0], [1.0, -2.0], [1.0, 2.0], [0.0, 2.0]]
    """
    box = np.array([[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]])
    W = check_weights(W, 2)
    w = W[0]
    if not np.any(w):
        return box  # sigma(0) = 0.5 >= 0.5: every point is class 1
    side = box @ w
    out = []
    for k in range(4):  # Sutherland-Hodgman against the one line x @ w = 0
        p, q, sp, sq = box[k], box[(k + 1) % 4], side[k], side[(k + 1) % 4]
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            out.append(p + (q - p) * (sp / (sp - sq)))
    return np.array(out) if out else np.empty((0, 2))
