r"""The learning-rate explorer, without widgets (notebook 06).

Everything the explorer needs except the sliders lives here as plain functions,
so a normal notebook cell and the unit tests can call them too:

- :func:`curvature_bound`, :func:`curvature_at` and :func:`loss_minimum` give the
  numbers behind the critical step size. For the mean cross-entropy the Hessian
  is :math:`H(W) = \frac{1}{n} X^\top D X` with :math:`D = \operatorname{diag}
  (\hat y_i (1 - \hat y_i))` and :math:`\hat y_i (1 - \hat y_i) \le 1/4`, so its
  largest eigenvalue (the largest curvature) is at most
  :math:`L = \lambda_{\max}(X^\top X) / (4n)`. Gradient descent lowers the loss
  at every step when :math:`\mathrm{lr} < 2/L`.
- :func:`classify_run` names what a run did: ``"too slow"``, ``"good"``,
  ``"oscillating"`` or ``"diverging"``; :func:`sweep_learning_rates` and
  :func:`measured_threshold` find the learning rate where the loss first rises.
- :class:`ExplorerView` is the four-panel figure of one run (decision boundary,
  loss curve, descent path on the loss contours, step length per iteration). It
  draws the static layers once and, on :meth:`ExplorerView.update`, changes only
  what moves, so a slider move (train, draw, :meth:`ExplorerView.render_png`)
  takes about 20 ms where a full ``savefig`` of the same figure takes about 80 ms
  (``python -m benchmarks.bench_explorer``; the README has the table).
  :func:`plot_explorer` draws one state; :mod:`helpers.widgets` puts sliders on it.

Nothing here imports ipywidgets or pyplot, or changes matplotlib settings.
"""

from __future__ import annotations

import math
import numbers
import struct
import zlib
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter
from matplotlib.transforms import Bbox
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_positive, check_weights, check_X
from helpers.model import forward, gradient_descent, loss_grid, step_lengths
from helpers.plotting import CLASS_COLORS, PATH_COLOR, REGION_COLORS, plot_data

Array = NDArray[np.float64]

#: The four things a run of gradient descent can do, from small to large steps.
REGIMES = ("too slow", "good", "oscillating", "diverging")
#: Colour of each regime in the figures (Okabe-Ito: grey, green, purple, vermillion).
REGIME_COLORS = {
    "too slow": "#666666",
    "good": "#009E73",
    "oscillating": "#CC79A7",
    "diverging": "#D55E00",
}
#: A run is "good" once it has closed this fraction of the gap to the minimum loss.
GOOD_FRACTION = 0.99
#: A loss rise smaller than this (relative to the loss) is rounding, not a rise.
RISE_RTOL = 1e-9


# --------------------------------------------------------------------------- numbers
def _check_xy(X, y) -> tuple[Array, Array]:
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(
            f"X must have 2 features (one per weight w1, w2 of the explorer); got shape {X.shape}"
        )
    return X, check_labels(y, X.shape[0])


def _check_start(W0) -> Array:
    """Starting weights as a new (1, 2) array; a plain pair like (-2, 4) is accepted."""
    if not isinstance(W0, (str, bytes)) and np.ndim(W0) == 1 and np.size(W0) == 2:
        W0 = np.reshape(np.asarray(W0, dtype=float), (1, 2))
    return check_weights(W0, 2, name="W0").copy()


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
    """
    X = check_X(X)
    return float(np.linalg.eigvalsh(X.T @ X)[-1] / (4.0 * X.shape[0]))


def curvature_at(X, W) -> float:
    r"""The largest curvature of the mean cross-entropy at ``W``.

    .. math:: \lambda_{\max}\Big(\frac1n X^\top D X\Big), \qquad
        D = \operatorname{diag}\big(\hat y_i (1 - \hat y_i)\big), \quad \hat y = \sigma(X W^\top)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    W : array-like of shape (1, n_features)

    Returns
    -------
    float
    """
    X = check_X(X)
    W = check_weights(W, X.shape[1])
    p = forward(X, W)
    H = (X * (p * (1.0 - p))).T @ X / X.shape[0]
    return float(np.linalg.eigvalsh(H)[-1])


def _loss(X: Array, y: Array, W: Array) -> float:
    z = X @ W.T
    return float(np.mean(np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - y * z))


def loss_minimum(X, y) -> tuple[Array, float]:
    """The weights that minimise the mean cross-entropy, found by Newton's method.

    Used as the target the explorer measures runs against. Newton's method (with
    a backtracking line search) reaches the minimum to rounding in a few steps.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)

    Returns
    -------
    W_star : ndarray of shape (1, n_features)
    loss_star : float
        The smallest loss.

    Raises
    ------
    ValueError
        When the loss has no minimum: the classes can be split exactly by a line
        through the origin, and the loss keeps falling towards 0 as the weights grow.
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    n = X.shape[0]
    W = np.zeros((1, X.shape[1]))
    loss = _loss(X, y, W)
    for _ in range(100):
        p = forward(X, W)
        g = ((p - y).T @ X) / n
        if not np.any(g):
            return W, loss
        H = (X * (p * (1.0 - p))).T @ X / n
        try:
            step = np.linalg.solve(H, g.T).T
        except np.linalg.LinAlgError:
            break
        # Converged when the Newton step is negligible. On separable data the gradient
        # also shrinks towards 0, but the Newton step does not: the weights keep growing.
        if np.linalg.norm(step) <= 1e-9 * max(1.0, float(np.linalg.norm(W))):
            return W, loss
        t = 1.0
        while t > 1e-12:  # halve the Newton step until the loss falls enough
            trial = _loss(X, y, W - t * step)
            if trial <= loss - 1e-4 * t * float((g @ step.T)[0, 0]):
                break
            t /= 2.0
        W, loss = W - t * step, _loss(X, y, W - t * step)
        if np.linalg.norm(W) > 1e6:
            break
    raise ValueError(
        "the loss has no minimum for this X and y: the classes are split exactly by a line "
        "through the origin, so the loss keeps falling towards 0 as the weights grow"
    )


def _tail_mean(losses: Array) -> float:
    """The mean loss over the last quarter of the iterations (at least the last one)."""
    n_iters = losses.size - 1
    return float(losses[1:][-max(1, n_iters // 4):].mean())


def classify_run(losses, loss_star: float) -> str:
    """Name what a run of gradient descent did, from its loss history.

    In this order:

    - ``"diverging"``: the loss grew - the mean loss over the last quarter of the
      iterations is above the starting loss;
    - ``"oscillating"``: the loss rose at some step (beyond rounding) but did not grow
      overall;
    - ``"good"``: the loss fell at every step and closed at least
      :data:`GOOD_FRACTION` of the gap between the starting loss and ``loss_star``;
    - ``"too slow"``: the loss fell at every step but is still far from ``loss_star``.

    Parameters
    ----------
    losses : array-like of shape (n_iters + 1,)
        ``history["loss"]`` from :func:`helpers.model.gradient_descent`, n_iters >= 1.
    loss_star : float
        The smallest loss (:func:`loss_minimum`).

    Returns
    -------
    str
        One of :data:`REGIMES`.
    """
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or losses.size < 2:
        raise ValueError(
            f"losses must have shape (n_iters + 1,) with n_iters >= 1; got shape {losses.shape}"
        )
    if not np.all(np.isfinite(losses)):
        raise ValueError("losses must contain only finite numbers")
    if isinstance(loss_star, bool) or not isinstance(loss_star, numbers.Real):
        raise TypeError(f"loss_star must be a number; got {type(loss_star).__name__}")
    if not math.isfinite(loss_star):
        raise ValueError(f"loss_star must be a finite number; got {loss_star!r}")
    if _tail_mean(losses) > losses[0]:
        return "diverging"
    rises = np.diff(losses) > RISE_RTOL * np.maximum(np.abs(losses[:-1]), 1.0)
    if np.any(rises):
        return "oscillating"
    gap0 = losses[0] - loss_star
    if losses[-1] - loss_star <= (1.0 - GOOD_FRACTION) * gap0 + 1e-12:
        return "good"
    return "too slow"


def sweep_learning_rates(X, y, lrs, *, W0, n_iters: int) -> dict[str, np.ndarray]:
    """Run gradient descent once per learning rate and classify each run.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
    lrs : array-like of shape (n_lrs,)
        Learning rates, each finite and > 0, in increasing order.
    W0 : array-like of shape (1, 2) or (2,)
        The same starting weights for every run.
    n_iters : int
        Iterations per run, >= 1.

    Returns
    -------
    dict
        ``"lr"``: the learning rates; ``"final_loss"``: the loss after the last
        iteration; ``"tail_loss"``: the mean loss over the last quarter of the
        iterations; ``"regime"``: the :func:`classify_run` name of each run.
    """
    X, y = _check_xy(X, y)
    W0 = _check_start(W0)
    n_iters = check_int("n_iters", n_iters, minimum=1)
    lrs = np.asarray(lrs, dtype=float)
    if lrs.ndim != 1 or lrs.size == 0 or not np.all(np.isfinite(lrs)) or np.any(lrs <= 0):
        raise ValueError(f"lrs must be a 1-D array of finite numbers > 0; got {lrs!r}"[:200])
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
    """The smallest learning rate of a sweep at which the loss rose at some step.

    Parameters
    ----------
    sweep : dict
        The result of :func:`sweep_learning_rates`.

    Returns
    -------
    float
        The first learning rate classified ``"oscillating"`` or ``"diverging"``;
        ``inf`` when every run of the sweep was stable.
    """
    unstable = np.isin(sweep["regime"], ("oscillating", "diverging"))
    return float(sweep["lr"][np.argmax(unstable)]) if unstable.any() else float("inf")


def plot_lr_sweep(sweep, ax: Axes | None = None, *, bound=None, threshold=None) -> Axes:
    """The mean loss over the last quarter of each run against the learning rate.

    One dot per run, coloured by its regime; both axes on a log scale.

    Parameters
    ----------
    sweep : dict
        The result of :func:`sweep_learning_rates`.
    ax : Axes, optional
    bound : float, optional
        The guaranteed-stable step size :math:`2/L`, drawn as a dashed line.
    threshold : float, optional
        The measured threshold (:func:`measured_threshold`), drawn as a solid line.

    Returns
    -------
    ax : Axes
    """
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    lrs, tail = np.asarray(sweep["lr"]), np.asarray(sweep["tail_loss"])
    ax.plot(lrs, tail, "-", color="0.75", lw=1, zorder=1)
    for regime in REGIMES:
        mask = sweep["regime"] == regime
        if mask.any():
            ax.plot(lrs[mask], tail[mask], "o", ms=4, color=REGIME_COLORS[regime],
                    label=regime, zorder=2)
    if bound is not None:
        ax.axvline(bound, color="black", ls="--", lw=1.2, label=f"bound 2/L = {bound:.3g}")
    if threshold is not None and np.isfinite(threshold):
        ax.axvline(threshold, color=REGIME_COLORS["oscillating"], lw=1.2,
                   label=f"measured threshold {threshold:.3g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate (log scale)")
    ax.set_ylabel("loss over the last quarter of the run (log scale)")
    ax.legend(fontsize="small", loc="upper left")
    return ax


# --------------------------------------------------------------------------- figure
def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(rgba) -> bytes:
    """An RGB PNG of an image, written for speed rather than size.

    The rows are stored unfiltered and compressed with zlib level 1: for a plot,
    with its large flat areas, that is about twice as fast as Pillow's default
    and the file is no larger.

    Parameters
    ----------
    rgba : array-like of shape (height, width, 3 or 4) and dtype uint8
        Pixels, top row first (e.g. ``canvas.buffer_rgba()``); alpha is dropped.

    Returns
    -------
    bytes
    """
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] not in (3, 4):
        raise ValueError(f"rgba must be a (height, width, 3 or 4) uint8 array; got "
                         f"{rgba.dtype} of shape {rgba.shape}")
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # column 0: filter type 0
    rows[:, 1:] = rgba[..., :3].reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _nice_ceiling(value: float) -> float:
    """The smallest number >= ``value`` of the form m * 10**k, m in 1, 1.2, 1.5, 2, ... 8."""
    exponent = math.floor(math.log10(value))
    scale = 10.0**exponent
    return next(m * scale for m in _NICE if m * scale >= value * (1 - 1e-12))


def _half_plane(W: Array, xlim, ylim) -> Array:
    """Corners of the part of the box where ``x @ W.T >= 0`` (class 1), clipped."""
    box = np.array([[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]])
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


@dataclass(frozen=True)
class ExplorerState:
    """One run drawn by :class:`ExplorerView`.

    Attributes
    ----------
    lr : float
    n_iters : int
    W0 : ndarray of shape (1, 2)
    W_history : ndarray of shape (n_iters + 1, 1, 2)
    losses : ndarray of shape (n_iters + 1,)
    steps : ndarray of shape (n_iters,)
        Step length ``||W_{k+1} - W_k||`` of each iteration.
    regime : str
        One of :data:`REGIMES`.
    accuracy : float
        Training accuracy of the final weights.
    """

    lr: float
    n_iters: int
    W0: Array
    W_history: Array
    losses: Array
    steps: Array
    regime: str
    accuracy: float


class ExplorerView:
    """The explorer's four-panel figure, redrawn quickly for each new run.

    Top left: the data and the decision boundary of the final weights. Top right:
    the descent path on the contours of the loss over :math:`(w_1, w_2)`. Bottom
    left: the loss per iteration, with the smallest loss dashed. Bottom right: the
    step length per iteration (log scale).

    The contours, the points, titles and labels are drawn once into a background.
    :meth:`render_png` pastes it back, pastes the ticks of the two bottom panels
    from a cache keyed by their limits (rounded up to round numbers, so they
    repeat from run to run), draws what moves, and encodes the result as PNG.
    A normal ``fig.savefig`` or ``plt.show()`` draws the same picture from scratch.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
    fig : Figure, optional
        Figure to draw into (e.g. from ``plt.figure``); by default a new
        :class:`~matplotlib.figure.Figure` on an Agg canvas, outside pyplot, so
        it is freed with the view and never piles up in pyplot's figure list.
    W0 : array-like of shape (1, 2) or (2,), default=(-2, 4)
        Starting weights of the first run.
    w_window : float, optional
        Half-width of the weight window of the contour panel, centred on the
        minimum; by default large enough to hold ``W0`` and at least 5.
    figsize : (float, float), default=(10, 7.2)
        Used only when ``fig`` is None.
    dpi : float, default=80
        Used only when ``fig`` is None.

    Attributes
    ----------
    W_star : ndarray of shape (1, 2)
        The weights of the smallest loss.
    loss_star : float
    bound : float
        The guaranteed-stable step size :math:`2/L` (:func:`curvature_bound`).
    state : ExplorerState
        The run drawn last.
    """

    def __init__(self, X, y, *, fig: Figure | None = None, W0=(-2.0, 4.0),
                 w_window: float | None = None, figsize=(10.0, 7.2), dpi: float = 80):
        self.X, self.y = _check_xy(X, y)
        W0 = _check_start(W0)
        self.W_star, self.loss_star = loss_minimum(self.X, self.y)
        self.bound = 2.0 / curvature_bound(self.X)
        if w_window is None:
            w_window = max(5.0, 1.25 * float(np.abs(W0 - self.W_star).max()))
        w_window = check_positive("w_window", w_window)
        self.w1_lim = (self.W_star[0, 0] - w_window, self.W_star[0, 0] + w_window)
        self.w2_lim = (self.W_star[0, 1] - w_window, self.W_star[0, 1] + w_window)
        if fig is None:
            fig = Figure(figsize=figsize, dpi=dpi)
        elif not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure or None; got {type(fig).__name__}")
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self.fig = fig
        self._background = None
        self._build()
        self.update(lr=1.0, n_iters=50, W0=W0)

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        fig, X, y = self.fig, self.X, self.y
        fig.clear()
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.075, top=0.85,
                            wspace=0.25, hspace=0.45)
        (ax_data, ax_surf), (ax_loss, ax_step) = fig.subplots(2, 2)
        self.ax_data, self.ax_surf, self.ax_loss, self.ax_step = ax_data, ax_surf, ax_loss, ax_step

        # Top left: decision regions and boundary (moving) under the points (static, but
        # redrawn over the regions at each update). The legend sits above the axes.
        pad = 0.5
        xlim = (X[:, 0].min() - pad, X[:, 0].max() + pad)
        ylim = (X[:, 1].min() - pad, X[:, 1].max() + pad)
        ax_data.set_facecolor(REGION_COLORS[0])
        self._region = Polygon(np.zeros((3, 2)), closed=True, facecolor=REGION_COLORS[1],
                               edgecolor="none", zorder=0.5)
        ax_data.add_patch(self._region)
        self._boundary = Line2D([], [], color="0.2", lw=1.5, zorder=2)
        ax_data.add_line(self._boundary)
        n_before = len(ax_data.collections)
        plot_data(X, y, ax=ax_data)
        self._points = ax_data.collections[n_before:]
        ax_data.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False,
                       fontsize="small", borderaxespad=0.1,
                       title="decision boundary after the last iteration",
                       title_fontsize=10)
        ax_data.set_xlim(xlim)
        ax_data.set_ylim(ylim)
        self._acc_text = ax_data.text(0.02, 0.03, "", transform=ax_data.transAxes, fontsize=9,
                                      bbox={"boxstyle": "round", "fc": "white", "alpha": 0.85},
                                      zorder=6)

        # Top right: contours of the loss (static) and the descent path (moving).
        w1 = np.linspace(*self.w1_lim, 160)
        w2 = np.linspace(*self.w2_lim, 160)
        grid = loss_grid(X, y, w1, w2)
        levels = self.loss_star + np.geomspace(0.01, grid.max() - self.loss_star, 12)
        cs = ax_surf.contour(w1, w2, grid, levels=levels, cmap="viridis", linewidths=0.9)
        ax_surf.clabel(cs, cs.levels[::2], inline=True, fontsize=7, fmt="%.2f")
        ax_surf.plot(*self.W_star[0], "X", color="black", ms=8, zorder=5,
                     label=f"minimum (loss {self.loss_star:.3f})")
        self._path = Line2D([], [], color=PATH_COLOR, lw=1.1, marker=".", ms=4, zorder=3)
        self._start = Line2D([], [], ls="none", marker="o", ms=8, mfc="white",
                             color=PATH_COLOR, zorder=4, label="start")
        self._end = Line2D([], [], ls="none", marker="*", ms=13, color=PATH_COLOR,
                           mec="black", mew=0.5, zorder=4, label="end")
        for line in (self._path, self._start, self._end):
            ax_surf.add_line(line)
        ax_surf.set_xlim(self.w1_lim)
        ax_surf.set_ylim(self.w2_lim)
        ax_surf.set_xlabel("$w_1$")
        ax_surf.set_ylabel("$w_2$")
        ax_surf.legend(handles=[self._start, self._end, ax_surf.lines[0]], fontsize="small",
                       loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False,
                       borderaxespad=0.1, title="descent path on the loss contours",
                       title_fontsize=10)
        self._off_text = ax_surf.text(0.02, 0.03, "", transform=ax_surf.transAxes, fontsize=9,
                                      color=REGIME_COLORS["diverging"], zorder=6,
                                      bbox={"boxstyle": "round", "fc": "white", "alpha": 0.85})

        # Bottom left: the loss per iteration (limits follow each run).
        self._loss_line = Line2D([], [], color=CLASS_COLORS[0], lw=1.5, marker=".", ms=4)
        ax_loss.add_line(self._loss_line)
        ax_loss.axhline(self.loss_star, color="black", ls="--", lw=1)
        ax_loss.set_xlabel("iteration")
        ax_loss.set_ylabel("loss (cross-entropy)")
        ax_loss.set_title(f"loss per iteration (dashed: smallest loss {self.loss_star:.3f})",
                          fontsize=10)
        # Shown for a diverging run, in the headroom that update() leaves above the curve.
        self._regime_text = ax_loss.text(
            0.5, 0.96, "DIVERGING: the learning rate is too large",
            transform=ax_loss.transAxes, ha="center", va="top", fontsize=10,
            fontweight="bold", color=REGIME_COLORS["diverging"], zorder=6,
            bbox={"boxstyle": "round", "fc": "white", "alpha": 0.9,
                  "ec": REGIME_COLORS["diverging"], "lw": 2.5})

        # Bottom right: the step length per iteration, log scale. Blue like the loss curve
        # and notebook 06's own step-length plot (orange would read as class 1).
        self._step_line = Line2D([], [], color=CLASS_COLORS[0], lw=1.5, marker=".", ms=4)
        ax_step.add_line(self._step_line)
        ax_step.set_yscale("log")
        ax_step.yaxis.set_major_locator(LogLocator(numticks=6))
        ax_step.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax_step.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
        self._minor_labels = FuncFormatter(lambda v, _: f"{v:g}")
        ax_step.set_xlabel("iteration")
        ax_step.set_ylabel(r"step length $\|\Delta W\|$ (log scale)")
        ax_step.set_title("step length per iteration", fontsize=10)
        # Both bottom panels change limits with every run. Fixed label positions spare
        # matplotlib measuring the tick labels each time.
        ax_loss.yaxis.set_major_locator(MaxNLocator(6))
        for ax, left in ((ax_loss, -0.1), (ax_step, -0.13)):
            ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
            ax.xaxis.set_label_coords(0.5, -0.12)
            ax.yaxis.set_label_coords(left, 0.5)

        self._title = fig.text(0.5, 0.988, "", ha="center", va="top", fontsize=12)
        fig.text(0.5, 0.948, f"gradient descent is guaranteed stable below 2/L = "
                 f"{self.bound:.3g}  (L = the largest curvature the loss can have)", ha="center",
                 va="top", fontsize=10, color="0.25")
        # Drawn on top of the background at each update, in this order.
        self._moving = [self._region, self._boundary, *self._points, self._acc_text,
                        self._path, self._start, self._end, self._off_text, self._title]
        self._redrawn_axes = [ax_loss, ax_step]
        # What of them moves with the data; the rest (ticks, spines, the smallest-loss
        # line) depends only on the limits and is cached per limits by render_rgba.
        self._data_artists = {ax_loss: [self._loss_line, self._regime_text],
                              ax_step: [self._step_line]}
        self._tick_cache: dict = {}
        # Parts of the bottom panels that stay put: drawn into the background once.
        self._fixed = [part for ax in self._redrawn_axes
                       for part in (ax.title, ax.xaxis.label, ax.yaxis.label)]

    # ---------------------------------------------------------------- updating
    def update(self, *, lr: float, n_iters: int, W0=None) -> ExplorerState:
        """Train from ``W0`` with ``lr`` for ``n_iters`` steps and set every moving artist.

        Parameters
        ----------
        lr : float
            Learning rate, finite and > 0.
        n_iters : int
            Iterations, >= 1.
        W0 : array-like of shape (1, 2) or (2,), optional
            Starting weights; by default those of the previous run.

        Returns
        -------
        ExplorerState
        """
        lr = check_positive("lr", lr)
        n_iters = check_int("n_iters", n_iters, minimum=1)
        W0 = self.state.W0 if W0 is None else _check_start(W0)
        _, history = gradient_descent(self.X, self.y, W0, lr=lr, n_iters=n_iters)
        W_hist, losses = history["W"], history["loss"]
        steps = step_lengths(W_hist)
        W = W_hist[-1]
        regime = classify_run(losses, self.loss_star)
        acc = float(np.mean(((self.X @ W.T) >= 0.0) == (self.y == 1.0)))
        self.state = ExplorerState(lr, n_iters, W0, W_hist, losses, steps, regime, acc)
        dots = "." if n_iters <= 60 else ""

        # Decision regions and boundary of the final weights.
        xlim, ylim = self.ax_data.get_xlim(), self.ax_data.get_ylim()
        self._region.set_xy(_half_plane(W, xlim, ylim))
        norm = float(np.hypot(*W[0]))
        if norm > 0:
            # The line runs through the origin: make it long enough to cross the whole
            # window, also when the data (and so the window) lie far from the origin.
            reach = 2.0 * math.hypot(max(map(abs, xlim)), max(map(abs, ylim)))
            d = np.array([-W[0, 1], W[0, 0]]) / norm * reach
            self._boundary.set_data([-d[0], d[0]], [-d[1], d[1]])
        else:
            self._boundary.set_data([], [])
        self._acc_text.set_text(f"W = ({W[0, 0]:.2f}, {W[0, 1]:.2f}),  accuracy {acc:.0%}")

        # Descent path.
        path = W_hist[:, 0, :]
        self._path.set_data(path[:, 0], path[:, 1])
        self._path.set_marker("." if n_iters <= 100 else "")
        self._start.set_data([path[0, 0]], [path[0, 1]])
        self._end.set_data([path[-1, 0]], [path[-1, 1]])
        inside = ((self.w1_lim[0] <= path[:, 0]) & (path[:, 0] <= self.w1_lim[1])
                  & (self.w2_lim[0] <= path[:, 1]) & (path[:, 1] <= self.w2_lim[1]))
        n_out = int((~inside).sum())
        self._off_text.set_text(f"{n_out} of {path.shape[0]} path points are off this view")
        self._off_text.set_visible(n_out > 0)

        # Loss curve: the limits follow the run, so a growing loss is drawn in full.
        its = np.arange(n_iters + 1)
        self._loss_line.set_data(its, losses)
        self._loss_line.set_marker(dots)
        # Limits are rounded up to round numbers: the panel's ticks then repeat from run to
        # run and render_rgba pastes them from a cache instead of drawing them again.
        self.ax_loss.set_xlim(0, _nice_ceiling(n_iters))
        headroom = 1.4 if regime == "diverging" else 1.05  # room for the label over the curve
        self.ax_loss.set_ylim(0, _nice_ceiling(headroom * max(float(losses.max()), self.loss_star)))
        self._regime_text.set_visible(regime == "diverging")

        # Step lengths, log scale; exact zeros (converged to rounding) cannot be drawn.
        self._step_line.set_data(its[1:], steps)
        self._step_line.set_marker(dots)
        positive = steps[steps > 0]
        hi = float(positive.max()) if positive.size else 1.0
        lo = max(float(positive.min()) if positive.size else hi, hi * 1e-12)
        hi = 10.0 ** math.ceil(math.log10(hi) + 1e-9)  # whole decades
        lo = min(10.0 ** math.floor(math.log10(lo) - 1e-9), hi / 10.0)
        self.ax_step.set_xlim(0, _nice_ceiling(n_iters))
        self.ax_step.set_ylim(lo, hi)
        few_decades = hi / lo <= 100.0  # label 2x and 5x ticks too, or one label may be all
        self.ax_step.yaxis.set_minor_formatter(self._minor_labels if few_decades
                                               else NullFormatter())

        self._title.set_text(
            f"learning rate {lr:.3g}, {n_iters} iterations from ({W0[0, 0]:.1f}, "
            f"{W0[0, 1]:.1f}):  {regime}  (loss {losses[0]:.3f} \u2192 {losses[-1]:.3f})")
        self._title.set_color(REGIME_COLORS[regime] if regime in ("oscillating", "diverging")
                              else "black")
        self._title.set_fontweight("bold" if regime == "diverging" else "normal")
        return self.state

    # ---------------------------------------------------------------- rendering
    def _draw_background(self) -> None:
        hidden = self._moving + self._redrawn_axes
        visible = [artist.get_visible() for artist in hidden]
        for artist in hidden:
            artist.set_visible(False)
        try:
            self.fig.canvas.draw()
        finally:
            for artist, was_visible in zip(hidden, visible, strict=True):
                artist.set_visible(was_visible)
        renderer = self.fig.canvas.get_renderer()
        for part in self._fixed:
            part.draw(renderer)
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)

    def _draw_axes_frame(self, ax: Axes, renderer) -> None:
        """What ``ax.draw`` draws except the title, the axis labels and the moving data."""
        ax.patch.draw(renderer)
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis._update_ticks():  # the ticks inside the view, updated
                tick.draw(renderer)
        for spine in ax.spines.values():
            spine.draw(renderer)
        moving = self._data_artists[ax]
        for artist in ax.lines + ax.texts:
            if artist not in moving and artist.get_visible():
                artist.draw(renderer)

    def _regions(self) -> list:
        """Two boxes splitting the bottom of the figure, one around each bottom panel."""
        left, right = (ax.get_window_extent() for ax in self._redrawn_axes)
        middle = (left.x1 + right.x0) / 2.0
        top = max(left.y1, right.y1) + 8.0 * self.fig.dpi / 72.0
        width = self.fig.bbox.width
        return [Bbox([[0.0, 0.0], [middle, top]]), Bbox([[middle, 0.0], [width, top]])]

    def render_rgba(self) -> np.ndarray:
        """Draw the current state onto the stored background; return the RGBA pixels.

        Returns
        -------
        ndarray of shape (height, width, 4) and dtype uint8
            A view of the canvas buffer, valid until the next render.
        """
        canvas = self.fig.canvas
        if self._background is None or canvas.get_width_height() != self._size:
            self._size = canvas.get_width_height()
            self._draw_background()
            self._tick_cache.clear()
            self._region_boxes = self._regions()
        canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for k, (ax, box) in enumerate(zip(self._redrawn_axes, self._region_boxes, strict=True)):
            key = (k, ax.get_xlim(), ax.get_ylim())
            if key in self._tick_cache:
                canvas.restore_region(self._tick_cache[key])
            else:
                self._draw_axes_frame(ax, renderer)
                if len(self._tick_cache) >= 32:  # forget the oldest (each is ~0.4 MB)
                    del self._tick_cache[next(iter(self._tick_cache))]
                self._tick_cache[key] = canvas.copy_from_bbox(box)
            for artist in self._data_artists[ax]:
                if artist.get_visible():
                    artist.draw(renderer)
        for artist in self._moving:
            if artist.get_visible():
                artist.draw(renderer)
        return np.asarray(canvas.buffer_rgba())

    def render_png(self) -> bytes:
        """The current state as PNG bytes (fast: see the class notes).

        Returns
        -------
        bytes
        """
        return encode_png(self.render_rgba())


def plot_explorer(X, y, *, lr: float, n_iters: int, W0=(-2.0, 4.0), fig: Figure | None = None,
                  **options) -> ExplorerView:
    """Draw one state of the learning-rate explorer (the view behind the sliders).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
    lr : float
        Learning rate, > 0.
    n_iters : int
        Iterations, >= 1.
    W0 : array-like of shape (1, 2) or (2,), default=(-2, 4)
        Starting weights.
    fig : Figure, optional
        E.g. ``plt.figure(figsize=(10, 7.2))``, then ``plt.show()`` shows it.
    **options
        Passed to :class:`ExplorerView` (``w_window``, ``figsize``, ``dpi``).

    Returns
    -------
    ExplorerView
        Its ``state`` holds the run; its ``fig`` the figure.
    """
    view = ExplorerView(X, y, fig=fig, W0=W0, **options)
    view.update(lr=lr, n_iters=n_iters)
    return view


__all__ = [
    "GOOD_FRACTION",
    "REGIMES",
    "REGIME_COLORS",
    "ExplorerState",
    "ExplorerView",
    "classify_run",
    "curvature_at",
    "curvature_bound",
    "encode_png",
    "loss_minimum",
    "measured_threshold",
    "plot_explorer",
    "plot_lr_sweep",
    "sweep_learning_rates",
]
