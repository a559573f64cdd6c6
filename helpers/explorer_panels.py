r"""The learning-rate explorer's four panels: their layout and what one run puts on them (08).

:class:`ExplorerPanels` lays out the figure (decision boundary, descent path on
the loss contours, loss per iteration, step length per iteration) and
:meth:`ExplorerPanels.show` sets every moving artist to one run, an
:class:`ExplorerState`. :func:`nice_ceiling` rounds the bottom panels' limits;
the decision region comes from :func:`helpers.plotting.half_plane`.

Training and fast redrawing are :class:`helpers.explorer.ExplorerView`'s job;
nothing here imports ipywidgets or pyplot, or changes matplotlib settings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter
from numpy.typing import NDArray

from helpers._checks import check_labels, check_positive, check_X
from helpers.model import loss_grid
from helpers.plotting import (
    CLASS_COLORS,
    PATH_COLOR,
    REGIME_COLORS,
    REGION_COLORS,
    half_plane,
    plot_data,
)

Array = NDArray[np.float64]

#: The white box behind the panels' notes.
_LABEL_BOX = {"boxstyle": "round", "fc": "white", "alpha": 0.85}
_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest number >= ``value`` of the form m * 10**k, m in 1, 1.2, 1.5, 2, ... 8.

    The bottom panels' upper limits: round, so the last tick sits at the edge,
    and repeating from run to run.

    Parameters
    ----------
    value : float
        A positive number.

    Returns
    -------
    float

    Examples
    --------
    >>> nice_ceiling(37.0), nice_ceiling(200.0), nice_ceiling(201.0)
    (40.0, 200.0, 250.0)
    """
    value = check_positive("value", value)
    exponent = math.floor(math.log10(value))
    scale = 10.0**exponent
    return next(m * scale for m in _NICE if m * scale >= value * (1 - 1e-12))


@dataclass(frozen=True)
class ExplorerState:
    """One run of gradient descent, as the explorer draws it.

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
        One of :data:`helpers.learning_rate.REGIMES`.
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


class ExplorerPanels:
    """The explorer's four panels in ``fig``: the fixed parts drawn, the moving ones empty.

    Top left: the data and the decision boundary of the final weights. Top right:
    the descent path on the contours of the loss over :math:`(w_1, w_2)`. Bottom
    left: the loss per iteration, with the smallest loss dashed. Bottom right: the
    step length per iteration (log scale).

    Parameters
    ----------
    fig : Figure
        Cleared, then drawn into.
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples, 1)
    W_star : ndarray of shape (1, 2)
        The weights of the smallest loss, marked on the contours.
    loss_star : float
        The smallest loss.
    bound : float
        The guaranteed-stable step size :math:`2/L`, printed under the title.
    w1_lim, w2_lim : (float, float)
        The weight window of the contour panel.

    Attributes
    ----------
    ax_data, ax_surf, ax_loss, ax_step : Axes
        The four panels, top left to bottom right.
    moving : list of Artist
        What :meth:`show` changes outside the bottom panels, in drawing order.
    bottom : dict
        Each bottom panel (whose limits follow the run) and its moving artists.
    """

    def __init__(
        self,
        fig: Figure,
        X: Array,
        y: Array,
        *,
        W_star: Array,
        loss_star: float,
        bound: float,
        w1_lim,
        w2_lim,
    ):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure; got {type(fig).__name__}")
        X = check_X(X)
        y = check_labels(y, X.shape[0])
        self.loss_star, self.w1_lim, self.w2_lim = loss_star, w1_lim, w2_lim
        fig.clear()
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.075, top=0.85, wspace=0.25, hspace=0.45)
        (ax_data, ax_surf), (ax_loss, ax_step) = fig.subplots(2, 2)
        self.ax_data, self.ax_surf, self.ax_loss, self.ax_step = ax_data, ax_surf, ax_loss, ax_step

        # Top left: decision regions and boundary (moving) under the points (static, but
        # redrawn over the regions at each update). The legend sits above the axes.
        pad = 0.5
        xlim = (X[:, 0].min() - pad, X[:, 0].max() + pad)
        ylim = (X[:, 1].min() - pad, X[:, 1].max() + pad)
        ax_data.set_facecolor(REGION_COLORS[0])
        self._region = Polygon(
            np.zeros((3, 2)), closed=True, facecolor=REGION_COLORS[1], edgecolor="none", zorder=0.5
        )
        ax_data.add_patch(self._region)
        self._boundary = Line2D([], [], color="0.2", lw=1.5, zorder=2)
        ax_data.add_line(self._boundary)
        n_before = len(ax_data.collections)
        plot_data(X, y, ax=ax_data)
        points = ax_data.collections[n_before:]
        ax_data.legend(
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=2,
            frameon=False,
            fontsize="small",
            borderaxespad=0.1,
            title="decision boundary after the last iteration",
            title_fontsize=10,
        )
        ax_data.set_xlim(xlim)
        ax_data.set_ylim(ylim)
        self._acc_text = ax_data.text(
            0.02,
            0.03,
            "",
            transform=ax_data.transAxes,
            fontsize=9,
            bbox=_LABEL_BOX,
            zorder=6,
        )

        # Top right: contours of the loss (static) and the descent path (moving).
        w1 = np.linspace(*w1_lim, 160)
        w2 = np.linspace(*w2_lim, 160)
        grid = loss_grid(X, y, w1, w2)
        levels = loss_star + np.geomspace(0.01, grid.max() - loss_star, 12)
        cs = ax_surf.contour(w1, w2, grid, levels=levels, cmap="viridis", linewidths=0.9)
        ax_surf.clabel(cs, cs.levels[::2], inline=True, fontsize=7, fmt="%.2f")
        ax_surf.plot(
            *W_star[0], "X", color="black", ms=8, zorder=5, label=f"minimum (loss {loss_star:.3f})"
        )
        self._path = Line2D([], [], color=PATH_COLOR, lw=1.1, marker=".", ms=4, zorder=3)
        marker = {"ls": "none", "color": PATH_COLOR, "zorder": 4}  # a single point on the path
        self._start = Line2D([], [], marker="o", ms=8, mfc="white", label="start", **marker)
        self._end = Line2D([], [], marker="*", ms=13, mec="black", mew=0.5, label="end", **marker)
        for line in (self._path, self._start, self._end):
            ax_surf.add_line(line)
        ax_surf.set_xlim(w1_lim)
        ax_surf.set_ylim(w2_lim)
        ax_surf.set_xlabel("$w_1$")
        ax_surf.set_ylabel("$w_2$")
        ax_surf.legend(
            handles=[self._start, self._end, ax_surf.lines[0]],
            fontsize="small",
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=3,
            frameon=False,
            borderaxespad=0.1,
            title="descent path on the loss contours",
            title_fontsize=10,
        )
        self._off_text = ax_surf.text(
            0.02,
            0.03,
            "",
            transform=ax_surf.transAxes,
            fontsize=9,
            color=PATH_COLOR,
            zorder=6,
            bbox=_LABEL_BOX,
        )

        # Bottom left: the loss per iteration (limits follow each run).
        self._loss_line = Line2D([], [], color=CLASS_COLORS[0], lw=1.5, marker=".", ms=4)
        ax_loss.add_line(self._loss_line)
        ax_loss.axhline(loss_star, color="black", ls="--", lw=1)
        ax_loss.set_xlabel("iteration")
        ax_loss.set_ylabel("loss (cross-entropy)")
        ax_loss.set_title(
            f"loss per iteration (dashed: smallest loss {loss_star:.3f})", fontsize=10
        )
        # Shown for a run that does not settle, in the headroom show() leaves above the curve.
        self._regime_text = ax_loss.text(
            0.5,
            0.96,
            "OSCILLATING: too large a learning rate to settle",
            transform=ax_loss.transAxes,
            ha="center",
            va="top",
            fontsize=10,
            fontweight="bold",
            color=REGIME_COLORS["oscillating"],
            zorder=6,
            bbox={
                "boxstyle": "round",
                "fc": "white",
                "alpha": 0.9,
                "ec": REGIME_COLORS["oscillating"],
                "lw": 2.5,
            },
        )

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
        fig.text(
            0.5,
            0.948,
            f"gradient descent is guaranteed stable below 2/L = "
            f"{bound:.3g}  (L = the largest curvature the loss can have)",
            ha="center",
            va="top",
            fontsize=10,
            color="0.25",
        )
        self.moving = [
            self._region,
            self._boundary,
            *points,
            self._acc_text,
            self._path,
            self._start,
            self._end,
            self._off_text,
            self._title,
        ]
        self.bottom = {ax_loss: [self._loss_line, self._regime_text], ax_step: [self._step_line]}

    def show(self, state: ExplorerState) -> None:
        """Set every moving artist, and the bottom panels' limits, to the run ``state``."""
        if not isinstance(state, ExplorerState):
            raise TypeError(
                f"state must be an ExplorerState (ExplorerView.update returns one); "
                f"got {type(state).__name__}"
            )
        W, n_iters, losses, steps = state.W_history[-1], state.n_iters, state.losses, state.steps
        dots = "." if n_iters <= 60 else ""

        # Decision regions and boundary of the final weights.
        xlim, ylim = self.ax_data.get_xlim(), self.ax_data.get_ylim()
        self._region.set_xy(half_plane(W, xlim, ylim))
        norm = float(np.hypot(*W[0]))
        if norm > 0:
            # The line runs through the origin: make it long enough to cross the whole
            # window, also when the data (and so the window) lie far from the origin.
            reach = 2.0 * math.hypot(max(map(abs, xlim)), max(map(abs, ylim)))
            d = np.array([-W[0, 1], W[0, 0]]) / norm * reach
            self._boundary.set_data([-d[0], d[0]], [-d[1], d[1]])
        else:
            self._boundary.set_data([], [])
        self._acc_text.set_text(
            f"W = ({W[0, 0]:.2f}, {W[0, 1]:.2f}),  accuracy {state.accuracy:.0%}"
        )

        # Descent path.
        path = state.W_history[:, 0, :]
        self._path.set_data(path[:, 0], path[:, 1])
        self._path.set_marker("." if n_iters <= 100 else "")
        self._start.set_data([path[0, 0]], [path[0, 1]])
        self._end.set_data([path[-1, 0]], [path[-1, 1]])
        inside = (
            (self.w1_lim[0] <= path[:, 0])
            & (path[:, 0] <= self.w1_lim[1])
            & (self.w2_lim[0] <= path[:, 1])
            & (path[:, 1] <= self.w2_lim[1])
        )
        n_out = int((~inside).sum())
        self._off_text.set_text(f"{n_out} of {path.shape[0]} path points are off this view")
        self._off_text.set_visible(n_out > 0)

        # Loss curve: the limits follow the run, so a growing loss is drawn in full.
        its = np.arange(n_iters + 1)
        self._loss_line.set_data(its, losses)
        self._loss_line.set_marker(dots)
        # Limits rounded up to round numbers, so the last tick sits at the panel's edge.
        self.ax_loss.set_xlim(0, nice_ceiling(n_iters))
        oscillating = state.regime == "oscillating"
        headroom = 1.4 if oscillating else 1.05  # room for the label over the curve
        self.ax_loss.set_ylim(0, nice_ceiling(headroom * max(float(losses.max()), self.loss_star)))
        self._regime_text.set_visible(oscillating)

        # Step lengths, log scale; exact zeros (converged to rounding) cannot be drawn.
        self._step_line.set_data(its[1:], steps)
        self._step_line.set_marker(dots)
        positive = steps[steps > 0]
        hi = float(positive.max()) if positive.size else 1.0
        lo = max(float(positive.min()) if positive.size else hi, hi * 1e-12)
        hi = 10.0 ** math.ceil(math.log10(hi) + 1e-9)  # whole decades
        lo = min(10.0 ** math.floor(math.log10(lo) - 1e-9), hi / 10.0)
        self.ax_step.set_xlim(0, nice_ceiling(n_iters))
        self.ax_step.set_ylim(lo, hi)
        few_decades = hi / lo <= 100.0  # label 2x and 5x ticks too, or one label may be all
        self.ax_step.yaxis.set_minor_formatter(
            self._minor_labels if few_decades else NullFormatter()
        )

        W0 = state.W0
        self._title.set_text(
            f"learning rate {state.lr:.3g}, {n_iters} iterations from ({W0[0, 0]:.1f}, "
            f"{W0[0, 1]:.1f}):  {state.regime}  (loss {losses[0]:.3f} \u2192 {losses[-1]:.3f})"
        )
        self._title.set_color(REGIME_COLORS["oscillating"] if oscillating else "black")
        self._title.set_fontweight("bold" if oscillating else "normal")


__all__ = ["ExplorerPanels", "ExplorerState", "nice_ceiling"]
