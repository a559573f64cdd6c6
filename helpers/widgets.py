"""Interactive widgets for the notebooks (04, 08 and 12). The only module importing ipywidgets.

The drawing and training behind each widget are plain functions (notebook 04's
``show_descent``, :mod:`helpers.explorer` for notebook 08, :mod:`helpers.network_plots`
for notebook 12); this module connects sliders to them and sends the picture to the
browser as PNG (:func:`encode_png`) in an ``ipywidgets.Image``, which keeps showing
the old picture until the new one arrives: the figure never blanks and the page
below it never jumps.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers._checks import check_int, check_labels, check_positive, check_X
from helpers.explorer import ExplorerView
from helpers.network_plots import NetworkRunView


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
        Pixels, top row first (e.g. :meth:`helpers.explorer.ExplorerView.render_rgba`);
        alpha is dropped.

    Returns
    -------
    bytes

    Examples
    --------
    >>> encode_png(np.zeros((2, 3, 4), dtype=np.uint8))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] not in (3, 4):
        raise ValueError(
            f"rgba must be a (height, width, 3 or 4) uint8 array; got "
            f"{rgba.dtype} of shape {rgba.shape}"
        )
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # column 0: filter type 0
    rows[:, 1:] = rgba[..., :3].reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
        + _png_chunk(b"IEND", b"")
    )


def _rounded(limits) -> tuple[float, float]:
    """Axis limits to 1/10,000 of their span: closer limits draw the same frame."""
    lo, hi = limits
    step = abs(hi - lo) / 1e4
    return (round(lo / step), round(hi / step), float(f"{step:.3g}")) if step else (lo, hi)


def figure_view(draw: Callable, controls, *, figsize=(6.0, 4.0), dpi: float = 100) -> widgets.VBox:
    """Controls and a figure that ``draw`` redraws whenever one of them moves.

    ``draw`` is a plain function that draws one state on the Axes it is given (a
    normal cell calls it for the static figure). Each change removes what the
    previous call drew (lines, patches, collections, texts, images, the legend,
    the titles and axis labels) and restarts the colour cycle, calls
    ``draw(**values, ax=ax)`` with every control's value under its name, rescales
    the axes to the new data and renders the figure off-screen (Agg, outside
    pyplot) into the PNG of an ``ipywidgets.Image``. The old picture stays until
    the new one is ready and the picture keeps its size, so nothing blanks or
    jumps; an ``Output`` widget cleared and drawn again is empty for as long as
    the drawing takes.

    The frame (the axes with its ticks, tick labels and axis labels) costs most of
    a redraw and changes only with the limits and labels. It is drawn once per
    limits, with margins fitted by ``tight_layout``, and kept
    (``canvas.copy_from_bbox``); each picture pastes it back and draws what
    ``draw`` added on top (``Figure.draw_artist``), as notebook 08's explorer does.
    The picture is that of a full redraw but for the few pixels where a line
    meets the frame and is drawn over it instead of under it.

    Parameters
    ----------
    draw : callable
        ``draw(**values, ax=ax)``, e.g. notebook 04's ``show_descent(lr, n_steps, ax)``;
        what it returns is ignored.
    controls : dict of {str: ipywidgets widget}
        Keyword of ``draw`` -> the slider (any widget with a ``value``) that sets it,
        in the order they are shown.
    figsize : (float, float), default=(6, 4)
        Inches.
    dpi : float, default=100

    Returns
    -------
    ipywidgets.VBox
        Children: an ``HBox`` of the controls, then the ``Image``.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a callable draw(**values, ax=ax); got {draw!r}")
    if not isinstance(controls, Mapping) or not controls:
        raise TypeError(
            "controls must be a non-empty dict {keyword of draw: slider}; "
            f"got {type(controls).__name__}"
        )
    for name, control in controls.items():
        if not isinstance(control, widgets.ValueWidget):
            raise TypeError(
                f"controls[{name!r}] must be an ipywidgets slider (a widget with a value); "
                f"got {type(control).__name__}"
            )
    if isinstance(figsize, (str, bytes)) or np.ndim(figsize) != 1 or np.size(figsize) != 2:
        raise TypeError(f"figsize must be a pair (width, height) in inches; got {figsize!r}")
    figsize = (check_positive("figsize[0]", figsize[0]), check_positive("figsize[1]", figsize[1]))
    dpi = check_positive("dpi", dpi)

    fig = Figure(figsize=figsize, dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    ax = fig.subplots()

    frames: dict = {}  # the frame (axes, ticks, labels) per limits: its pixels and position

    def drawn() -> list:
        """What draw added: everything but the frame, in drawing order."""
        legend = [] if ax.get_legend() is None else [ax.get_legend()]
        artists = [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images, *legend]
        return sorted(artists, key=lambda artist: artist.get_zorder()) + [ax.title]

    def render() -> bytes:
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for loc in ("left", "center", "right"):
            ax.set_title("", loc=loc)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_prop_cycle(None)  # the default colours start again from the first
        ax.set_autoscale_on(True)  # draw may fix the limits again
        draw(**{name: control.value for name, control in controls.items()}, ax=ax)
        ax.relim()
        ax.autoscale_view()
        moving = drawn()
        key = (
            _rounded(ax.get_xlim()),  # a change below a pixel draws the same frame
            _rounded(ax.get_ylim()),
            ax.get_xscale(),
            ax.get_yscale(),
            ax.get_xlabel(),
            ax.get_ylabel(),
            ax.get_title("left"),
            ax.get_title("right"),
            ax.get_title().count("\n"),
        )
        if key not in frames:  # fit the margins, draw the frame alone and keep its pixels
            fig.tight_layout()
            for artist in moving:
                artist.set_animated(True)
            canvas.draw()
            for artist in moving:
                artist.set_animated(False)
            if len(frames) >= 32:
                del frames[next(iter(frames))]
            frames[key] = (canvas.copy_from_bbox(fig.bbox), ax.get_position())
        background, position = frames[key]
        ax.set_position(position)
        canvas.restore_region(background)
        for artist in moving:
            fig.draw_artist(artist)
        return encode_png(np.asarray(canvas.buffer_rgba()))

    image = widgets.Image(
        value=render(), format="png", layout=widgets.Layout(max_width="100%", height="auto")
    )

    def redraw(change=None) -> None:
        image.value = render()  # the old picture stays until this assignment

    for control in controls.values():
        control.observe(redraw, names="value")
    row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([row, image])


def learning_rate_explorer(
    X,
    y,
    *,
    lr: float = 1.0,
    n_iters: int = 50,
    W0=(-2.0, 4.0),
    lr_range: tuple[float, float] = (1e-3, 1e3),
    max_iters: int = 200,
    **options,
) -> widgets.VBox:
    r"""Sliders for the learning rate, the iterations and the start, driving one figure.

    Every change re-trains the bias-free model with
    :func:`helpers.training.gradient_descent` and redraws the four panels of
    :class:`helpers.explorer.ExplorerView` (decision boundary, loss curve, descent
    path on the loss contours, step length per iteration) into an
    ``ipywidgets.Image``. The static figure of the same view is
    :func:`helpers.explorer.plot_explorer`.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    lr : float, default=1.0
        Starting value of the learning-rate slider, inside ``lr_range``.
    n_iters : int, default=50
        Starting value of the iterations slider, from 1 to ``max_iters``.
    W0 : array-like of shape (1, 2) or (2,), default=(-2, 4)
        Starting weights (the start sliders' first values).
    lr_range : (float, float), default=(1e-3, 1e3)
        Smallest and largest learning rate of the (log-scale) slider.
    max_iters : int, default=200
        Largest value of the iterations slider.
    **options
        Passed to :class:`helpers.explorer.ExplorerView` (``w_window``, ``figsize``, ``dpi``).

    Returns
    -------
    ipywidgets.VBox
        Children: an ``HBox`` of the learning-rate ``FloatLogSlider`` and the
        iterations ``IntSlider``; an ``HBox`` of two ``FloatSlider`` for the start
        :math:`(w_1, w_2)`; the ``Image`` showing the figure.
    """
    if isinstance(lr_range, (str, bytes)) or np.ndim(lr_range) != 1 or np.size(lr_range) != 2:
        raise TypeError(
            f"lr_range must be a pair (smallest, largest) of learning rates; got {lr_range!r}"
        )
    lo, hi = (
        check_positive("lr_range[0]", lr_range[0]),
        check_positive("lr_range[1]", lr_range[1]),
    )
    if not lo < hi:
        raise ValueError(
            f"lr_range must be (smallest, largest) with smallest < largest; got {lr_range!r}"
        )
    lr = check_positive("lr", lr)
    if not lo <= lr <= hi:
        raise ValueError(f"lr must lie in lr_range [{lo:g}, {hi:g}]; got {lr:g}")
    max_iters = check_int("max_iters", max_iters, minimum=1)
    n_iters = check_int("n_iters", n_iters, minimum=1)
    if n_iters > max_iters:
        raise ValueError(f"n_iters must be at most max_iters={max_iters}; got {n_iters}")

    view = ExplorerView(X, y, W0=W0, **options)
    start = view.update(lr=lr, n_iters=n_iters).W0[0]
    (w1_lo, w1_hi), (w2_lo, w2_hi) = view.w1_lim, view.w2_lim

    style = {"description_width": "initial"}
    wide = widgets.Layout(width="420px")
    lr_slider = widgets.FloatLogSlider(
        value=lr,
        base=10,
        min=math.log10(lo),
        max=math.log10(hi),
        step=0.02,
        description="learning rate",
        readout_format=".3g",
        style=style,
        layout=wide,
        continuous_update=True,
    )
    iters_slider = widgets.IntSlider(
        value=n_iters,
        min=1,
        max=max_iters,
        description="iterations",
        style=style,
        layout=wide,
        continuous_update=True,
    )
    w1_slider = widgets.FloatSlider(
        value=float(start[0]),
        min=round(w1_lo, 2),
        max=round(w1_hi, 2),
        step=0.1,
        description="start w\u2081",
        readout_format=".1f",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    w2_slider = widgets.FloatSlider(
        value=float(start[1]),
        min=round(w2_lo, 2),
        max=round(w2_hi, 2),
        step=0.1,
        description="start w\u2082",
        readout_format=".1f",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    # Shrinks with a narrow notebook instead of overflowing it.
    image = widgets.Image(
        value=encode_png(view.render_rgba()),
        format="png",
        layout=widgets.Layout(max_width="100%", height="auto"),
    )

    def redraw(change=None) -> None:
        view.update(
            lr=lr_slider.value, n_iters=iters_slider.value, W0=(w1_slider.value, w2_slider.value)
        )
        image.value = encode_png(view.render_rgba())

    for slider in (lr_slider, iters_slider, w1_slider, w2_slider):
        slider.observe(redraw, names="value")

    def row(*children) -> widgets.HBox:  # its sliders stack when the notebook is narrow
        return widgets.HBox(children, layout=widgets.Layout(flex_flow="row wrap"))

    box = widgets.VBox(
        [
            row(lr_slider, iters_slider),
            row(w1_slider, w2_slider),
            image,
        ]
    )
    box.add_class("lr-explorer")
    return box


#: The learning rates of :func:`network_explorer`'s slider: round numbers, so that the
#: slider shows (and the figure's title prints) exactly the values the text names.
NETWORK_LRS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)


def network_explorer(
    datasets: dict,
    *,
    n_hidden: int = 4,
    lr: float = 0.5,
    n_epochs: int = 1000,
    seed: int = 0,
    max_hidden: int = 16,
) -> widgets.VBox:
    r"""Sliders for the hidden size and the learning rate, and a menu of data sets.

    Every change trains a new network with :func:`helpers.training.train` (full
    batch, tanh, ``n_epochs`` epochs) and draws it as
    :func:`helpers.network_plots.plot_network_run` does, by blitting
    (:class:`helpers.network_plots.NetworkRunView`), into an ``ipywidgets.Image``.
    The picture of each setting is kept, so going back to one costs no training.
    A new setting takes about a tenth of a second (``make bench``), but a drag
    passes through several, so the sliders act when they are released
    (``continuous_update=False``) rather than queueing a run for each of them.

    Parameters
    ----------
    datasets : dict
        Names mapped to ``(X, y)``: ``X`` of shape (n_samples, 2), ``y`` of shape
        (n_samples, 1). The menu lists them in this order and opens on the first.
    n_hidden : int, default=4
        Starting value of the hidden-units slider, from 1 to ``max_hidden``.
    lr : float, default=0.5
        Starting learning rate, one of :data:`NETWORK_LRS`.
    n_epochs : int, default=1000
        Epochs of every training run, >= 1.
    seed : int, default=0
        Seed of every training run.
    max_hidden : int, default=16
        Largest value of the hidden-units slider.

    Returns
    -------
    ipywidgets.VBox
        Children: an ``HBox`` of the ``IntSlider`` "hidden units", the
        ``SelectionSlider`` "learning rate" and the ``Dropdown`` "data"; the ``Image``.
    """
    if not isinstance(datasets, dict) or not datasets:
        raise TypeError(
            f"datasets must be a non-empty dict mapping names to (X, y); got {datasets!r:.60}"
        )
    checked = {}
    for name, pair in datasets.items():
        if not isinstance(name, str) or not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(
                f"datasets must map each name (a str) to a pair (X, y); got {name!r}: {pair!r:.60}"
            )
        X = check_X(pair[0], name=f"datasets[{name!r}][0]")
        if X.shape[1] != 2:
            raise ValueError(
                f"datasets[{name!r}][0] must have 2 features to be drawn; got shape {X.shape}"
            )
        checked[name] = (X, check_labels(pair[1], X.shape[0], name=f"datasets[{name!r}][1]"))
    max_hidden = check_int("max_hidden", max_hidden, minimum=1)
    n_hidden = check_int("n_hidden", n_hidden, minimum=1)
    if n_hidden > max_hidden:
        raise ValueError(f"n_hidden must be at most max_hidden={max_hidden}; got {n_hidden}")
    lr = check_positive("lr", lr)
    if lr not in NETWORK_LRS:
        raise ValueError(f"lr must be one of the slider's values {NETWORK_LRS}; got {lr:g}")
    n_epochs = check_int("n_epochs", n_epochs, minimum=1)
    seed = check_int("seed", seed, minimum=0)

    style = {"description_width": "initial"}  # the whole label, never "hidden un..."
    hidden_slider = widgets.IntSlider(
        value=n_hidden,
        min=1,
        max=max_hidden,
        description="hidden units",
        style=style,
        continuous_update=False,
    )
    lr_slider = widgets.SelectionSlider(
        options=[(f"{value:g}", value) for value in NETWORK_LRS],
        value=lr,
        description="learning rate",
        style=style,
        continuous_update=False,
    )
    data_menu = widgets.Dropdown(options=list(checked), description="data", style=style)
    view = NetworkRunView(dpi=80)
    pictures: dict = {}  # (data, hidden units, lr) -> PNG: a setting seen before is not retrained

    def render() -> bytes:
        key = (data_menu.value, hidden_slider.value, lr_slider.value)
        if key not in pictures:
            X, y = checked[data_menu.value]
            view.show(X, y, n_hidden=key[1], lr=key[2], n_epochs=n_epochs, seed=seed, label=key[0])
            if len(pictures) >= 256:  # about 50 kB each
                del pictures[next(iter(pictures))]
            pictures[key] = encode_png(view.render_rgba())
        return pictures[key]

    image = widgets.Image(
        value=render(), format="png", layout=widgets.Layout(max_width="100%", height="auto")
    )

    def redraw(change=None) -> None:
        image.value = render()  # replaces the picture: the old one stays until then

    for control in (hidden_slider, lr_slider, data_menu):
        control.observe(redraw, names="value")
    controls = widgets.HBox(
        [hidden_slider, lr_slider, data_menu], layout=widgets.Layout(flex_flow="row wrap")
    )
    box = widgets.VBox([controls, image])
    box.add_class("network-explorer")
    return box


__all__ = ["NETWORK_LRS", "encode_png", "figure_view", "learning_rate_explorer", "network_explorer"]
