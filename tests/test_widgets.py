"""Tests of helpers.widgets: the learning-rate explorer's sliders drive its picture."""

import io
import math
import warnings

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.data import make_blobs
from helpers.widgets import encode_png, figure_view, learning_rate_explorer


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


def _find(box, description=None, kind=None):
    """The one widget inside ``box`` with this description (or of this kind)."""
    found, todo = [], [box]
    while todo:
        widget = todo.pop()
        todo.extend(getattr(widget, "children", ()))
        if (description is not None and getattr(widget, "description", None) == description) or (
            kind is not None and isinstance(widget, kind)
        ):
            found.append(widget)
    assert len(found) == 1, f"{len(found)} widgets match {description or kind}"
    return found[0]


def _controls(box):
    return (
        _find(box, "learning rate"),
        _find(box, "iterations"),
        _find(box, "start w\u2081"),
        _find(box, "start w\u2082"),
    )


@pytest.fixture
def explorer(blobs):
    box = learning_rate_explorer(*blobs, lr=1.0, n_iters=30)
    return (box, *_controls(box), _find(box, kind=widgets.Image))


def test_the_container_holds_the_sliders_and_the_image(explorer):
    box, lr, iters, w1, w2, image = explorer
    assert isinstance(box, widgets.VBox)
    assert isinstance(lr, widgets.FloatLogSlider)
    assert (lr.base, lr.min, lr.max, lr.value) == (10, -3.0, 3.0, 1.0)
    assert isinstance(iters, widgets.IntSlider)
    assert (iters.min, iters.max, iters.value) == (1, 200, 30)
    assert isinstance(w1, widgets.FloatSlider) and isinstance(w2, widgets.FloatSlider)
    assert (w1.value, w2.value) == (-2.0, 4.0)
    assert isinstance(image, widgets.Image) and image.format == "png"
    assert bytes(image.value).startswith(b"\x89PNG")


@pytest.mark.parametrize("slider", ["lr", "iters", "w1", "w2"])
def test_moving_a_slider_redraws_the_picture(explorer, slider):
    box, lr, iters, w1, w2, image = explorer
    control = {"lr": lr, "iters": iters, "w1": w1, "w2": w2}[slider]
    before = image.value
    control.value = {"lr": 20.0, "iters": 80, "w1": 0.5, "w2": -1.0}[slider]
    assert image.value != before
    assert bytes(image.value).startswith(b"\x89PNG")


def test_the_whole_learning_rate_range_draws_without_warnings(explorer):
    _, lr, _, _, _, image = explorer
    pictures = set()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for exponent in np.linspace(lr.min, lr.max, 7):
            lr.value = 10.0**exponent
            pictures.add(bytes(image.value))
    assert len(pictures) == 7


def test_a_custom_range_sets_the_slider_exponents(blobs):
    box = learning_rate_explorer(*blobs, lr=0.5, lr_range=(0.01, 10.0), max_iters=50, n_iters=5)
    lr, iters, _, _ = _controls(box)
    assert lr.min == pytest.approx(math.log10(0.01)) and lr.max == pytest.approx(1.0)
    assert iters.max == 50


def test_encode_png_round_trips_through_pillow():
    from PIL import Image

    rgba = np.random.default_rng(3).integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(rgba))))
    np.testing.assert_array_equal(decoded, rgba[..., :3])


def test_the_learning_rate_opens_on_a_notch_and_keeps_a_typed_value(explorer):
    # A drag lands on 10**(min + k * step); the opening value 1 must be one of them, so the
    # slider shows exactly the lr the notebook names. A typed value is kept as typed.
    _, lr, _, _, _, image = explorer
    notches = (math.log10(lr.value) - lr.min) / lr.step
    assert notches == pytest.approx(round(notches), abs=1e-9)
    before = image.value
    lr.value = 50.0
    assert lr.value == 50.0 and image.value != before


# --------------------------------------------------------------------------- figure_view
def _png_size(png) -> tuple[int, int]:
    data = bytes(png)
    assert data.startswith(b"\x89PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.fixture
def view():
    """A figure_view of a line from 0 to `top`, recording every call of its draw function."""
    calls = []

    def draw(top, width, ax=None):
        calls.append({"top": top, "width": width, "ax": ax, "lines_before": len(ax.lines)})
        ax.plot([0.0, width], [0.0, top], label="line")
        ax.legend()
        ax.set_xlim(0.0, 6.0)  # the same frame for every width ...
        ax.set_title(f"top = {top:g}, width = {width}")  # ... but another title

    top = widgets.SelectionSlider(options=[("1", 1.0), ("10", 10.0)], value=1.0)
    width = widgets.IntSlider(value=2, min=1, max=5)
    box = figure_view(draw, {"top": top, "width": width}, figsize=(3, 2), dpi=50)
    return box, top, width, calls


def test_figure_view_holds_the_controls_and_the_picture(view):
    box, top, width, calls = view
    row, image = box.children
    assert list(row.children) == [top, width]
    assert isinstance(image, widgets.Image) and _png_size(image.value) == (150, 100)
    assert calls[-1]["top"] == 1.0 and calls[-1]["width"] == 2


def test_a_move_redraws_with_the_new_value_without_blanking(view):
    box, top, width, calls = view
    image = box.children[1]
    pictures = []
    image.observe(lambda change: pictures.append(bytes(change["new"])), names="value")
    top.value = 10.0
    width.value = 4
    assert (calls[-2]["top"], calls[-1]["top"], calls[-1]["width"]) == (10.0, 10.0, 4)
    # Each move replaces one whole picture by another of the same size: never an empty one.
    assert len(pictures) == 2 and len(set(pictures)) == 2
    assert all(_png_size(p) == (150, 100) for p in pictures)


def test_each_picture_starts_from_an_empty_axes_and_rescales(view):
    box, top, width, calls = view
    top.value = 10.0
    ax = calls[-1]["ax"]
    assert all(call["ax"] is ax for call in calls)  # one Axes, kept ...
    assert all(call["lines_before"] == 0 for call in calls)  # ... emptied before each draw
    assert ax.get_ylim()[1] >= 10.0 and ax.get_title() == "top = 10, width = 2"
    top.value = 1.0
    assert ax.get_ylim()[1] < 2.0  # the limits follow the data down again
    assert len(ax.lines) == 1 and len(ax.get_legend().get_lines()) == 1


def test_a_picture_is_that_of_a_full_redraw(view):
    from PIL import Image

    box, top, width, calls = view
    # A new frame, another, the first one again, then the same frame with another title.
    for control, value in ((top, 10.0), (top, 1.0), (top, 10.0), (width, 5)):
        control.value = value
        got = np.asarray(Image.open(io.BytesIO(bytes(box.children[1].value))).convert("RGB"))
        canvas = calls[-1]["ax"].figure.canvas
        canvas.draw()  # the same figure drawn in full, frame and all
        want = np.asarray(canvas.buffer_rgba())[..., :3]
        assert got.shape == want.shape
        # Only where the line meets the frame may the two differ (it is drawn over it).
        assert np.mean(np.any(got != want, axis=2)) < 0.002


# --------------------------------------------------------------------- notebook 12's explorer
@pytest.fixture
def network():
    from helpers.data import make_moons, make_xor
    from helpers.widgets import network_explorer

    data = {"moons": make_moons(40, noise=0.1, seed=0), "XOR": make_xor(40, noise=0.1, seed=0)}
    box = network_explorer(data, n_hidden=2, lr=0.5, n_epochs=20)
    return (
        box,
        _find(box, "hidden units"),
        _find(box, "learning rate"),
        _find(box, "data"),
        _find(box, kind=widgets.Image),
    )


def test_the_network_explorer_acts_on_release_with_whole_labels(network):
    from helpers.widgets import NETWORK_LRS

    _, hidden, lr, menu, image = network
    assert isinstance(hidden, widgets.IntSlider)
    assert (hidden.min, hidden.max, hidden.value) == (1, 16, 2)
    assert isinstance(lr, widgets.SelectionSlider) and lr.value == 0.5
    assert [value for _, value in lr.options] == list(NETWORK_LRS)
    assert lr.label == "0.5"  # the value the text names, not 0.501187
    assert list(menu.options) == ["moons", "XOR"]
    # training takes a tenth of a second: update when the slider is released
    assert hidden.continuous_update is False and lr.continuous_update is False
    # the label is shown whole ("hidden units", not "hidden un...")
    assert hidden.style.description_width == "initial" == lr.style.description_width
    assert bytes(image.value).startswith(b"\x89PNG")


@pytest.mark.parametrize(("control", "value"), [(1, 5), (2, 5.0), (3, "XOR")])
def test_each_control_of_the_network_explorer_redraws_the_picture(network, control, value):
    image = network[4]
    before = image.value
    network[control].value = value
    assert image.value != before and bytes(image.value).startswith(b"\x89PNG")


def test_the_network_explorer_draws_what_plot_network_run_draws():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.data import make_moons, make_xor
    from helpers.network_plots import plot_network_run
    from helpers.widgets import network_explorer

    data = {"moons": make_moons(40, noise=0.1, seed=0), "XOR": make_xor(40, noise=0.1, seed=0)}
    box = network_explorer(data, n_hidden=3, lr=2.0, n_epochs=10)
    image, menu = _find(box, kind=widgets.Image), _find(box, "data")
    for name in ("moons", "XOR", "moons"):  # each data set's frame, drawn or kept
        menu.value = name
        fig = Figure(figsize=(10, 4), dpi=80)
        canvas = FigureCanvasAgg(fig)
        plot_network_run(*data[name], n_hidden=3, lr=2.0, n_epochs=10, fig=fig, label=name)
        canvas.draw()
        shown = np.asarray(Image.open(io.BytesIO(bytes(image.value))))
        want = np.asarray(canvas.buffer_rgba())[..., :3]
        assert shown.shape == want.shape
        # Only where a tick mark meets the edge of the shading may the two differ.
        assert np.mean(np.any(shown != want, axis=2)) < 1e-4


def test_the_network_explorer_trains_each_setting_once(monkeypatch):
    import helpers.network_plots
    from helpers.data import make_moons
    from helpers.training import train
    from helpers.widgets import network_explorer

    runs = []

    def counted(*args, **kwargs):
        runs.append(kwargs["n_hidden"])
        return train(*args, **kwargs)

    monkeypatch.setattr(helpers.network_plots, "train", counted)
    box = network_explorer({"moons": make_moons(40, noise=0.1, seed=0)}, n_hidden=2, n_epochs=10)
    hidden, image = _find(box, "hidden units"), _find(box, kind=widgets.Image)
    first = image.value
    hidden.value = 5
    assert runs == [2, 5] and image.value != first
    hidden.value = 2  # seen before: the same picture, without training again
    assert runs == [2, 5] and image.value == first
