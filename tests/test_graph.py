"""Unit tests of helpers.graph: what is drawn (patches, arrows, texts), not pixels."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.path import Path

from helpers.graph import NODE_SIZE, draw_graph, plot_network_graph, plot_neuron_graph
from helpers.plotting import PATH_COLOR


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _ax():
    return Figure().subplots()


def _arrows(ax):
    return [p for p in ax.patches if isinstance(p, FancyArrowPatch)]


def _ends(arrow):
    """Where the arrow's line starts and ends (the arrow patch shrinks them by 2 points)."""
    path = arrow.get_path()
    drawn = path.vertices[np.isin(path.codes, (Path.MOVETO, Path.LINETO))]
    along = drawn[1] - drawn[0]  # the direction of the line, towards the head
    return drawn[0], drawn[np.argmax((drawn - drawn[0]) @ along)]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


NODES = {
    "a": (0.0, 0.0, "$a$", "given"),
    "b": (3.0, 0.0, "$b$", "$b = 2a$"),
    "c": (3.0, 2.0, "$c$"),
}
EDGES = [("a", "b", "$2$"), ("b", "c", "$db$")]


def test_one_shape_per_node_squares_for_the_given_values():
    ax = draw_graph(NODES, EDGES, _ax(), boxes={"a"})
    squares = [p for p in ax.patches if isinstance(p, Rectangle)]
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(squares) == 1 and len(circles) == 2
    assert squares[0].get_xy() == pytest.approx((-NODE_SIZE, -NODE_SIZE))
    assert sorted(c.center for c in circles) == [(3.0, 0.0), (3.0, 2.0)]
    assert all(c.get_radius() == NODE_SIZE for c in circles)


def test_labels_captions_and_edge_labels_are_written():
    ax = draw_graph(NODES, EDGES, _ax(), boxes={"a"})
    assert _texts(ax) == ["$a$", "given", "$b$", "$b = 2a$", "$c$", "$2$", "$db$"]
    by_text = {t.get_text(): t for t in ax.texts}
    assert by_text["given"].get_position()[0] < 0 < by_text["$b = 2a$"].get_position()[1]
    # The label of a -> b lies above that horizontal arrow, the one of b -> c beside it.
    assert by_text["$2$"].get_position()[1] > 0 and by_text["$2$"].get_rotation() == 0
    assert by_text["$db$"].get_rotation() == 90


def test_arrows_start_and_end_on_the_rims_of_the_nodes():
    ax = draw_graph(NODES, EDGES, _ax(), boxes={"a"})
    arrows = _arrows(ax)
    assert len(arrows) == 2
    start, end = _ends(arrows[0])
    assert start == pytest.approx([NODE_SIZE, 0.0], abs=0.05)  # the right side of square a
    assert end == pytest.approx([3.0 - NODE_SIZE, 0.0], abs=0.05)  # the left of circle b
    assert all(to_rgba(a.get_edgecolor()) == to_rgba("0.15") for a in arrows)


def test_backward_arrows_run_dashed_beside_their_edges():
    back = [("c", "b", "$1$"), ("b", "a", "$2 \\cdot 1$")]
    ax = draw_graph(NODES, EDGES, _ax(), boxes={"a"}, backward=back)
    arrows = _arrows(ax)
    assert len(arrows) == 4
    for arrow in arrows[2:]:
        assert to_rgba(arrow.get_edgecolor()) == to_rgba(PATH_COLOR)
        assert arrow.get_linestyle() == "--"
    start, end = _ends(arrows[3])
    assert start[0] > end[0]  # b -> a runs to the left ...
    assert start[1] == pytest.approx(end[1]) and start[1] < -0.1  # ... below the edge a -> b
    assert _texts(ax)[-2:] == ["$1$", "$2 \\cdot 1$"]


def test_the_figure_frames_the_nodes_without_axes():
    ax = draw_graph(NODES, EDGES, _ax())
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < -NODE_SIZE and x1 > 3.0 + NODE_SIZE and y0 < -NODE_SIZE and y1 > 2.0 + NODE_SIZE
    assert not ax.axison and ax.get_aspect() == 1.0


def test_neuron_graph_shows_the_chain_rule():
    forward_only = plot_neuron_graph(_ax())
    assert len(_arrows(forward_only)) == 5  # x, W -> z -> y_hat -> loss <- y
    texts = _texts(forward_only)
    for needed in (r"$\partial z / \partial W = x$", r"$\hat y = \sigma(z)$"):
        assert needed in texts
    assert any(r"\partial \hat y / \partial z = \hat y (1 - \hat y)" in t for t in texts)
    with_backward = plot_neuron_graph(_ax(), backward=True)
    back = _arrows(with_backward)[5:]
    assert len(back) == 3 and all(a.get_linestyle() == "--" for a in back)
    products = _texts(with_backward)[len(texts) :]
    assert products[1].endswith(r"= \hat y - y$")  # steps 1 x 2 of notebook 05
    assert products[2].endswith(r"= (\hat y - y)\,x$")  # the gradient of W


def test_network_graph_shows_the_four_gradients_as_products_along_paths():
    forward_only = plot_network_graph(_ax())
    assert len(_arrows(forward_only)) == 9  # 3 into Z1, Z1 -> A1, 3 into z2, z2 -> y_hat -> L
    assert sum(isinstance(p, Rectangle) for p in forward_only.patches) == 5  # X and 4 parameters
    texts = _texts(forward_only)
    for local in ("$X$", "$g'(Z_1)$", "$W_2$", "$A_1$", r"$\hat y (1 - \hat y)$"):
        assert local in texts  # dZ1/dW1, dA1/dZ1, dz2/dA1, dz2/dW2, dy_hat/dz2
    with_backward = plot_network_graph(_ax(), backward=True)
    back = _arrows(with_backward)[9:]
    assert len(back) == 8 and all(a.get_linestyle() == "--" for a in back)
    assert all(to_rgba(a.get_edgecolor()) == to_rgba(PATH_COLOR) for a in back)
    products = _texts(with_backward)[len(texts) :]
    # Each gradient is the one before it times the local derivative on the edge it crosses.
    for gradient in (
        r"$dz_2 = (\hat y - y)/n$",
        r"$dW_2 = dz_2^\top A_1$",
        r"$dA_1 = dz_2\, W_2$",
        r"$dZ_1 = dA_1 \odot g'(Z_1)$",
        r"$dW_1 = dZ_1^\top X$",
        r"$db_1 = \Sigma_i\, dZ_1$",
    ):
        assert gradient in products
    (x0, x1), (y0, y1) = with_backward.get_xlim(), with_backward.get_ylim()
    for patch in with_backward.patches[:10]:  # the nodes, whole inside the tightened frame
        cx, cy = patch.center if isinstance(patch, Circle) else patch.get_center()
        assert x0 < cx - NODE_SIZE and cx + NODE_SIZE < x1
        assert y0 < cy - NODE_SIZE and cy + NODE_SIZE < y1


def test_the_frame_leaves_room_for_captions_only_where_there_are_some():
    plain = {"a": (0.0, 0.0, "$a$"), "b": (2.0, 0.0, "$b$")}
    captioned = {"a": (0.0, 0.0, "$a$", "given"), "b": (2.0, 0.0, "$b$", "computed")}
    edges = [("a", "b", "")]
    tight = draw_graph(plain, edges, Figure().subplots(), boxes={"a"})
    roomy = draw_graph(captioned, edges, Figure().subplots(), boxes={"a"})
    assert roomy.get_xlim()[0] < tight.get_xlim()[0] - 0.5  # the box's caption, to its left
    assert roomy.get_ylim()[1] > tight.get_ylim()[1] + 0.5  # the circle's caption, above it
    for ax in (tight, roomy):  # both hold the nodes whole
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        assert x0 < -NODE_SIZE and 2.0 + NODE_SIZE < x1 and y0 < -NODE_SIZE and NODE_SIZE < y1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"edges": [("a", "q", "")]}, ValueError, "edges: 'q' is not a node"),
        ({"edges": [("a", "a", "")]}, ValueError, "to itself"),
        ({"edges": ["ab"]}, ValueError, r"\(source, target, label\)"),
        ({"backward": [("c", "a", "")]}, ValueError, "beside no edge"),
        ({"boxes": "a"}, ValueError, "boxes must name nodes"),
        ({"nodes": {"a": (0.0, np.nan, "$a$")}}, ValueError, "finite coordinates"),
        ({"nodes": {"a": (0.0, 0.0, 3)}}, TypeError, "str label"),
        ({"nodes": []}, TypeError, "non-empty dict"),
        ({"ax": Figure()}, TypeError, "Axes or None"),
    ],
)
def test_bad_input_is_refused(kwargs, error, match):
    call = {"nodes": NODES, "edges": EDGES, "ax": _ax(), **kwargs}
    with pytest.raises(error, match=match):
        draw_graph(**call)
