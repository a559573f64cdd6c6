r"""The learning-rate explorer's view: a run trained and redrawn fast (notebook 08).

:class:`ExplorerView` trains one run of gradient descent and redraws the four
panels of :class:`helpers.explorer_panels.ExplorerPanels` for it;
:func:`plot_explorer` draws one state, and
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

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_positive, check_weights, check_X
from helpers.explorer_panels import ExplorerPanels, ExplorerState
from helpers.learning_rate import classify_run, curvature_bound, loss_minimum
from helpers.model import accuracy, predict
from helpers.training import gradient_descent, step_lengths

Array = NDArray[np.float64]


def _check_start(W0) -> Array:
    """Starting weights as a new (1, 2) array; a plain pair like (-2, 4) is accepted."""
    return check_weights(np.atleast_2d(W0), 2, name="W0").copy()


class ExplorerView:
    """The explorer's four-panel figure, redrawn quickly for each new run.

    The panels are those of :class:`~helpers.explorer_panels.ExplorerPanels`.
    Their contours, points and titles are drawn once into a background.
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
    panels : ExplorerPanels
        The four panels; ``ax_data``, ``ax_surf``, ``ax_loss`` and ``ax_step`` are
        also attributes of the view.
    state : ExplorerState
        The run drawn last.
    """

    def __init__(
        self,
        X,
        y,
        *,
        fig: Figure | None = None,
        W0=(-2.0, 4.0),
        w_window: float | None = None,
        figsize=(10.0, 7.2),
        dpi: float = 80,
    ):
        self.X = check_X(X)
        if self.X.shape[1] != 2:
            raise ValueError(
                f"X must have 2 features (one per weight w1, w2 of the explorer); "
                f"got shape {self.X.shape}"
            )
        self.y = check_labels(y, self.X.shape[0])
        W0 = _check_start(W0)
        self.W_star, self.loss_star = loss_minimum(self.X, self.y)
        self.bound = 2.0 / curvature_bound(self.X)
        if w_window is None:
            w_window = max(5.0, 1.25 * float(np.abs(W0 - self.W_star).max()))
        w_window = check_positive("w_window", w_window)
        dpi = check_positive("dpi", dpi)
        self.w1_lim = (self.W_star[0, 0] - w_window, self.W_star[0, 0] + w_window)
        self.w2_lim = (self.W_star[0, 1] - w_window, self.W_star[0, 1] + w_window)
        if fig is None:
            fig = Figure(figsize=figsize, dpi=dpi)
        elif not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure or None; got {type(fig).__name__}")
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self.fig = fig
        self.panels = ExplorerPanels(
            fig,
            self.X,
            self.y,
            W_star=self.W_star,
            loss_star=self.loss_star,
            bound=self.bound,
            w1_lim=self.w1_lim,
            w2_lim=self.w2_lim,
        )
        self.ax_data, self.ax_surf = self.panels.ax_data, self.panels.ax_surf
        self.ax_loss, self.ax_step = self.panels.ax_loss, self.panels.ax_step
        self._background = None  # drawn by the first render_rgba
        self._frames: dict = {}  # each bottom panel's frame, per limits
        self.update(lr=1.0, n_iters=50, W0=W0)

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
        W, history = gradient_descent(self.X, self.y, W0, lr=lr, n_iters=n_iters)
        losses = history["loss"]
        self.state = ExplorerState(
            lr,
            n_iters,
            W0,
            history["W"],
            losses,
            step_lengths(history["W"]),
            regime=classify_run(losses, self.loss_star),
            accuracy=accuracy(self.y, predict(self.X, W)),
        )
        self.panels.show(self.state)
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
        left, right = (ax.get_tightbbox(renderer) for ax in self.panels.bottom)  # with the titles
        middle = (left.x1 + right.x0) / 2.0
        top = max(left.y1, right.y1) + 2.0
        return [
            Bbox([[0.0, 0.0], [middle, top]]),
            Bbox([[middle, 0.0], [self.fig.bbox.width, top]]),
        ]

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
            self._draw_animated([*self.panels.moving, *self.panels.bottom], canvas.draw)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._frames.clear()
            self._boxes = self._frame_boxes()
        canvas.restore_region(self._background)
        for (ax, lines), box in zip(self.panels.bottom.items(), self._boxes, strict=True):
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
        for artist in self.panels.moving:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())


def plot_explorer(
    X, y, *, lr: float, n_iters: int, W0=(-2.0, 4.0), fig: Figure | None = None, **options
) -> ExplorerView:
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


__all__ = ["ExplorerView", "plot_explorer"]
