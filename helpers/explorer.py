r"""The learning-rate explorer's figure, without widgets (notebook 06).

:class:`ExplorerView` is the four-panel figure of one run of gradient descent
(decision boundary, descent path on the loss contours, loss per iteration, step
length per iteration); :func:`plot_explorer` draws one state of it, and
:func:`helpers.widgets.learning_rate_explorer` puts sliders on it. The numbers
it shows come from :mod:`helpers.learning_rate`.

A slider move re-trains the model and redraws the figure with matplotlib's
blitting: what moves is marked ``set_animated(True)`` while the rest is drawn
once and kept with ``canvas.copy_from_bbox``; each update pastes that back with
``canvas.restore_region``, draws the moving artists with ``Figure.draw_artist``
and reads ``canvas.buffer_rgba()``. That is about 3.5x faster than a full
``savefig`` (``python -m benchmarks.bench_explorer``; the README has the table).

Nothing here imports ipywidgets or pyplot, or changes matplotlib settings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter
from matplotlib.transforms import Bbox
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_positive, check_weights, check_X
from helpers.learning_rate import classify_run, curvature_bound, loss_minimum
from helpers.model import accuracy, gradient_descent, loss_grid, predict, step_lengths
from helpers.plotting import (
    CLASS_COLORS,
    PATH_COLOR,
    REGIME_COLORS,
    REGION_COLORS,
    plot_data,
)

Array = NDArray[np.float64]


def _check_start(W0) -> Array:
    """Starting weights as a new (1, 2) array; a plain pair like (-2, 4) is accepted."""
    return check_weights(np.atleast_2d(W0), 2, name="W0").copy()


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

    The contours, the points and the titles are drawn once into a background.
    :meth:`render_rgba` pastes it back, pastes the frame (ticks, labels) of each
    bottom panel from a store keyed by its limits (rounded up to round numbers,
    so they repeat from run to run), and draws what moves. A normal
    ``fig.savefig`` or ``plt.show()`` draws the same picture from scratch.

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
        self.X = check_X(X)
        if self.X.shape[1] != 2:
            raise ValueError(f"X must have 2 features (one per weight w1, w2 of the explorer); "
                             f"got shape {self.X.shape}")
        self.y = check_labels(y, self.X.shape[0])
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
        # What update() changes, drawn over the background at each render in this order;
        # the bottom panels are drawn whole because their limits follow each run.
        self._moving = [self._region, self._boundary, *self._points, self._acc_text,
                        self._path, self._start, self._end, self._off_text, self._title]
        # The bottom panels: their frame (ticks, labels) depends only on the limits and is
        # kept per limits by render_rgba; the lines and the label on top move with the run.
        self._panels = {ax_loss: [self._loss_line, self._regime_text], ax_step: [self._step_line]}
        self._frames: dict = {}

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
        acc = accuracy(self.y, predict(self.X, W))
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
        # Limits rounded up to round numbers, so the last tick sits at the panel's edge.
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
    def _draw_animated(self, artists, draw) -> None:
        """Run ``draw`` with ``artists`` left out (animated), then put them back."""
        for artist in artists:
            artist.set_animated(True)
        try:
            draw()
        finally:  # savefig and plt.show() draw the whole figure
            for artist in artists:
                artist.set_animated(False)

    def _frame_boxes(self) -> list[Bbox]:
        """Two boxes splitting the bottom of the figure, one around each bottom panel."""
        renderer = self.fig.canvas.get_renderer()
        left, right = (ax.get_tightbbox(renderer) for ax in self._panels)  # with the titles
        middle = (left.x1 + right.x0) / 2.0
        top = max(left.y1, right.y1) + 2.0
        return [Bbox([[0.0, 0.0], [middle, top]]),
                Bbox([[middle, 0.0], [self.fig.bbox.width, top]])]

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
            self._draw_animated([*self._moving, *self._panels], canvas.draw)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._frames.clear()
            self._boxes = self._frame_boxes()
        canvas.restore_region(self._background)
        for (ax, lines), box in zip(self._panels.items(), self._boxes, strict=True):
            key = (ax, ax.get_xlim(), ax.get_ylim())
            if key in self._frames:
                canvas.restore_region(self._frames[key])
            else:  # draw the panel without its lines and keep the pixels for these limits
                self._draw_animated(lines, lambda ax=ax: self.fig.draw_artist(ax))
                if len(self._frames) >= 32:  # forget the oldest (each is ~0.4 MB)
                    del self._frames[next(iter(self._frames))]
                self._frames[key] = canvas.copy_from_bbox(box)
            for artist in lines:
                if artist.get_visible():
                    self.fig.draw_artist(artist)
        for artist in self._moving:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())


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


__all__ = ["ExplorerState", "ExplorerView", "plot_explorer"]
