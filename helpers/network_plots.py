r"""Pictures of the network with one hidden layer (notebooks 11 and 12).

- :func:`plot_unit_votes` draws what each hidden unit adds to the output,
  :math:`W_{2,j} A_{1,j}`, then :math:`b_2`, then the output itself;
- :func:`plot_network_run` trains one network and draws its boundary and loss
  curve; :class:`NetworkRunView` redraws that view quickly, behind notebook 12's
  sliders.

:mod:`helpers.hidden_space` draws the data as the output unit sees it.

The network is :mod:`helpers.mlp`'s: ``params`` from ``init_params`` or ``train``,
run with the activation it records. Like :mod:`helpers.plotting`, nothing here
changes global matplotlib settings; the two classes keep their colours and markers,
drawn with a dark edge so that they stay visible on a background of their own colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatterSciNotation
from matplotlib.transforms import Bbox
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_nonnegative, check_positive, check_X
from helpers._plane import _evaluate, _grid
from helpers.mlp import forward
from helpers.plotting import CLASS_COLORS, CLASS_MARKERS, plot_data
from helpers.probability_map import PROBA_CMAP, _shade
from helpers.training import train


def _scatter(ax: Axes, points: NDArray[np.float64], y: NDArray[np.float64]) -> None:
    """The two classes in their colours and markers, with a dark edge."""
    for label in (0, 1):
        mask = y[:, 0] == label
        ax.scatter(
            points[mask, 0],
            points[mask, 1],
            c=CLASS_COLORS[label],
            marker=CLASS_MARKERS[label],
            s=22,
            edgecolors="0.15",
            linewidths=0.5,
            label=f"class {label}",
            zorder=3,
        )


def plot_unit_votes(
    params, X, y, *, fig: Figure | None = None, resolution: int = 100, padding: float = 0.5
) -> NDArray:
    r"""What each hidden unit adds to the output, then :math:`b_2`, then the output.

    The output's logit is a sum, :math:`z_2 = \sum_j W_{2,j} A_{1,j} + b_2`. One
    panel per term :math:`W_{2,j} A_{1,j}` (a unit's *vote*; its dashed line is the
    unit's own line :math:`Z_{1,j} = 0`, where the vote is 0), one for the constant
    :math:`b_2`, all on one colour scale so that their sizes compare, and a last
    panel with :math:`\hat y = \sigma(z_2)` (as :func:`plot_probability`). Three
    panels per row.

    Parameters
    ----------
    params : dict
        The network, from :func:`helpers.mlp.init_params` or :func:`helpers.training.train`.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    fig : Figure, optional
        An empty figure to draw on; by default a new one, 10 inches wide.
    resolution : int, default=100
        Grid points per axis, at least 2.
    padding : float, default=0.5
        Margin around the data, in data units.

    Returns
    -------
    axes : ndarray of Axes of shape (n_rows, 3)
        Unused panels at the end are switched off.

    Examples
    --------
    >>> from helpers.data import make_moons
    >>> from helpers.mlp import init_params
    >>> X, y = make_moons(40, seed=0)
    >>> axes = plot_unit_votes(init_params(2, 4, seed=0), X, y, fig=Figure(), resolution=10)
    >>> axes.shape, axes[1, 1].get_title()
    ((2, 3), '$b_2$ = +0.00, everywhere')
    """
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features to be drawn in the plane; got shape {X.shape}")
    y = check_labels(y, X.shape[0])
    resolution = check_int("resolution", resolution, minimum=2)
    padding = check_nonnegative("padding", padding)
    if fig is not None and not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure or None; got {type(fig).__name__}")
    forward(X, params)  # checks params against X
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    G1, G2 = _grid(lo, hi, resolution)
    y_hat, cache = forward(np.column_stack([G1.ravel(), G2.ravel()]), params)
    W2, b2 = np.asarray(params["W2"], dtype=float)[0], float(np.asarray(params["b2"])[0, 0])
    votes = cache["A1"] * W2  # (m, n_hidden): each unit's term in z2
    n_hidden = W2.size
    limit = max(float(np.abs(votes).max()), abs(b2), 1e-12)
    n_rows = -(-(n_hidden + 2) // 3)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(10, 3.0 * n_rows + 0.4))
    fig.set_layout_engine("constrained")
    axes = fig.subplots(n_rows, 3, squeeze=False)
    panels = list(axes.flat)
    for j in range(n_hidden + 1):
        ax = panels[j]
        term = votes[:, j] if j < n_hidden else np.full(G1.size, b2)
        mesh = ax.pcolormesh(
            G1,
            G2,
            term.reshape(G1.shape),
            cmap=PROBA_CMAP,
            vmin=-limit,
            vmax=limit,
            shading="auto",
            zorder=0,
        )
        if j < n_hidden:
            Z = cache["Z1"][:, j].reshape(G1.shape)
            if Z.min() < 0 < Z.max():
                ax.contour(G1, G2, Z, levels=[0], colors="0.15", linestyles="--", linewidths=1.2)
            ax.set_title(f"unit {j + 1}: $W_{{2,{j + 1}}}$ = {W2[j]:+.2f}")
        else:
            ax.set_title(f"$b_2$ = {b2:+.2f}, everywhere")
    fig.colorbar(
        mesh,
        ax=axes,
        location="bottom",
        shrink=0.5,
        aspect=40,
        label="the term's value in $z_2$: towards class 0 (-) or class 1 (+)",
    )
    out = panels[n_hidden + 1]
    _shade(out, G1, G2, y_hat.reshape(G1.shape), colorbar=True)
    out.set_title(r"output: $\hat y = \sigma(\mathrm{sum} + b_2)$")
    for ax in panels[: n_hidden + 2]:
        _scatter(ax, X, y)
        ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]), xlabel="$x_1$", ylabel="$x_2$")
    for ax in panels[n_hidden + 2 :]:
        ax.set_axis_off()
    return axes


class NetworkRunView:
    r"""One run's boundary and loss curve, redrawn fast for each new run (notebook 12).

    :meth:`show` trains a network (:func:`helpers.training.train`, full batch) and
    puts it on two panels: its :math:`\hat y` over the plane, shaded as by
    :func:`helpers.probability_map.plot_probability`, and its loss per epoch on a
    log scale between the powers of ten around it. ``plt.show()`` draws it.

    :meth:`render_rgba` draws it faster, for a slider: each panel's frame (ticks,
    labels) is drawn once per set of limits and its pixels kept; a new run pastes
    it back and draws only what changed on top, in the order a full draw uses: the
    same picture but for a few pixels where a tick mark meets the shading. The
    map's limits change only with the data, and the loss axis's few limits recur.

    Parameters
    ----------
    fig : Figure, optional
        A figure to draw on (it is cleared), e.g. ``plt.figure(figsize=(10, 4))``; by
        default a new :class:`~matplotlib.figure.Figure` of 10 x 4 inches, outside pyplot.
    dpi : float, default=80
        Used only when ``fig`` is None.

    Attributes
    ----------
    fig : Figure
    ax_map, ax_loss : Axes
        The probability map and the loss curve.
    """

    def __init__(self, fig: Figure | None = None, *, dpi: float = 80):
        if fig is None:
            fig = Figure(figsize=(10.0, 4.0), dpi=check_positive("dpi", dpi))
        elif not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure or None; got {type(fig).__name__}")
        fig.clear()
        # Fixed margins: a layout engine would move the panels from one run to the next.
        fig.set_layout_engine(None)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.91, wspace=0.25)
        self.fig = fig
        self.ax_map, self.ax_loss = fig.subplots(1, 2)
        (self._curve,) = self.ax_loss.plot([], [], color="0.2")
        self.ax_loss.set(xlabel="epoch", ylabel="loss (cross-entropy)", yscale="log")
        # Between powers of ten, label 2, 3, 4 and 6 over two decades as well as over one.
        self.ax_loss.yaxis.set_minor_formatter(LogFormatterSciNotation(minor_thresholds=(2.5, 1.2)))
        self._data = None  # the (X, y) drawn on the map
        self._legend = None  # the pixels of its legend
        self._shading: list = []  # what the last run drew on the map
        self._blank = None  # the empty figure's pixels, made by the first render_rgba
        self._frames: dict = {}  # each panel's frame, per limits

    def show(
        self,
        X,
        y,
        *,
        n_hidden: int,
        lr: float,
        n_epochs: int,
        activation: str = "tanh",
        seed: int = 0,
        label: str = "",
    ) -> tuple[dict, dict]:
        """Train one network and put it on the panels.

        Parameters
        ----------
        X : array-like of shape (n_samples, 2)
        y : array-like of shape (n_samples, 1)
            Labels, 0 or 1.
        n_hidden, lr, n_epochs, activation, seed
            Passed to :func:`helpers.training.train`.
        label : str, default=""
            The data's name, for the title.

        Returns
        -------
        params, history : dict
            As returned by :func:`helpers.training.train`.
        """
        if not isinstance(label, str):
            raise TypeError(f"label must be a str; got {type(label).__name__}")
        X = check_X(X)
        if X.shape[1] != 2:
            raise ValueError(f"X must have 2 features to be drawn; got shape {X.shape}")
        params, history = train(
            X, y, n_hidden=n_hidden, lr=lr, n_epochs=n_epochs, activation=activation, seed=seed
        )
        y = np.asarray(y, dtype=float)
        ax = self.ax_map
        lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
        if self._data is None or not all(map(np.array_equal, self._data, (X, y))):
            for artist in [*ax.collections, *ax.texts]:
                artist.remove()
            self._shading = []
            plot_data(X, y, ax=ax)  # the points, their legend and the axis labels
            # Opaque: what is inside the legend never depends on the shading, so it is kept.
            ax.get_legend().get_frame().set_alpha(1.0)
            self._legend = None
            ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
            self._data = (X, y)
        for artist in self._shading:
            artist.remove()
        G1, G2 = _grid(lo, hi, 100)
        before = set(ax.collections)
        _shade(ax, G1, G2, _evaluate(lambda P: forward(P, params)[0], G1, G2), colorbar=False)
        self._shading = [artist for artist in ax.collections if artist not in before]
        units = f"{n_hidden} hidden unit{'s' * (n_hidden != 1)}"
        title = f"{label + ', ' if label else ''}{units}, lr = {lr:.3g}"
        ax.set_title(f"{title}: {history['accuracy'][-1]:.0%}")
        losses = history["loss"]
        self._curve.set_data(np.arange(losses.size), losses)
        decades = np.log10(losses[losses > 0])  # a loss of exactly 0 has no place on a log axis
        low, high = (np.floor(decades.min()), np.ceil(decades.max())) if decades.size else (-1, 0)
        self.ax_loss.set(
            xlim=(0, max(n_epochs, 1)),
            ylim=(10.0**low, 10.0 ** max(high, low + 1)),
            title=f"final loss {losses[-1]:.4f}",
        )
        return params, history

    def _moving(self, ax: Axes) -> list:
        """What a new run redraws on ``ax``, in drawing order (not the legend: see below)."""
        artists = [*ax.collections, *ax.lines, *ax.spines.values()]
        return sorted(artists, key=lambda artist: artist.get_zorder()) + [ax.title]

    def render_rgba(self) -> np.ndarray:
        """Draw the current run onto the stored frames; return the RGBA pixels.

        Returns
        -------
        ndarray of shape (height, width, 4) and dtype uint8
            A view of the canvas buffer, valid until the next render.
        """
        fig = self.fig
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        canvas = fig.canvas
        panels = (self.ax_map, self.ax_loss)
        if self._blank is None or canvas.get_width_height() != self._size:
            self._size = canvas.get_width_height()
            _animated(panels, canvas.draw)  # the figure without its panels
            self._blank = canvas.copy_from_bbox(fig.bbox)
            self._frames.clear()
            # The map has nothing on its right; the loss panel's labels start further right.
            split = self.ax_map.bbox.x1 + 4.0
            self._boxes = [
                Bbox([[0.0, 0.0], [split, fig.bbox.height]]),
                Bbox([[split, 0.0], [fig.bbox.width, fig.bbox.height]]),
            ]
        canvas.restore_region(self._blank)
        for ax, box in zip(panels, self._boxes, strict=True):
            key = (ax, ax.get_xlim(), ax.get_ylim())
            if key in self._frames:
                canvas.restore_region(self._frames[key])
            else:  # draw the panel without what moves and keep the pixels for these limits
                _animated(self._moving(ax), lambda ax=ax: fig.draw_artist(ax))
                if len(self._frames) >= 32:  # forget the oldest (each is ~0.5 MB)
                    del self._frames[next(iter(self._frames))]
                self._frames[key] = canvas.copy_from_bbox(box)
        for ax in panels:
            for artist in self._moving(ax):
                fig.draw_artist(artist)
        legend = self.ax_map.get_legend()
        if self._legend is None:  # drawn once per data set; its inside is kept
            fig.draw_artist(legend)
            # Inside the rounded border, outside the entries: 3/4 of the padding between.
            pad = 0.75 * legend.borderpad * legend.get_texts()[0].get_fontsize() * fig.dpi / 72
            self._legend = canvas.copy_from_bbox(legend.get_window_extent().padded(-pad))
        else:  # its edge over the new shading, then the inside
            fig.draw_artist(legend.get_frame())
            canvas.restore_region(self._legend)
        return np.asarray(canvas.buffer_rgba())


def _animated(artists, draw) -> None:
    """Run ``draw`` with ``artists`` left out (animated), then put them back."""
    for artist in artists:
        artist.set_animated(True)
    try:
        draw()
    finally:  # savefig and plt.show() draw everything
        for artist in artists:
            artist.set_animated(False)


def plot_network_run(
    X,
    y,
    *,
    n_hidden: int,
    lr: float,
    n_epochs: int,
    activation: str = "tanh",
    seed: int = 0,
    fig: Figure | None = None,
    label: str = "",
) -> Figure:
    r"""Train one network (:func:`helpers.training.train`, full batch) and draw it.

    Left, the trained network's :math:`\hat y` shaded over the plane as by
    :func:`helpers.probability_map.plot_probability`; right, its loss curve on a
    log scale. The view behind notebook 12's sliders (:class:`NetworkRunView`).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    n_hidden, lr, n_epochs, activation, seed
        Passed to :func:`helpers.training.train`.
    fig : Figure, optional
        A figure to draw on; it is cleared first. By default a new one, 10 x 4 inches.
    label : str, default=""
        The data's name, for the title.

    Returns
    -------
    fig : Figure

    Examples
    --------
    >>> from helpers.data import make_moons
    >>> X, y = make_moons(40, seed=0)
    >>> fig = plot_network_run(X, y, n_hidden=2, lr=0.5, n_epochs=3, fig=Figure())
    >>> fig.axes[0].get_title().split(":")[0], fig.axes[1].get_yscale()
    ('2 hidden units, lr = 0.5', 'log')
    """
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(10, 4))
    view = NetworkRunView(fig)
    view.show(
        X, y, n_hidden=n_hidden, lr=lr, n_epochs=n_epochs, activation=activation, seed=seed,
        label=label,
    )  # fmt: skip
    return view.fig


__all__ = [
    "NetworkRunView",
    "plot_network_run",
    "plot_unit_votes",
]
