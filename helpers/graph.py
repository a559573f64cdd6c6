r"""Computational graphs drawn as pictures: what is computed from what (notebooks 02, 05, 11).

A graph is a few named nodes (the values: the input ``x``, the weights ``W``,
the logit ``z``, ...) and arrows between them (each computed value depends on
the values its arrows come from). Each arrow carries its **local derivative**,
how much its end moves when its start moves; the chain rule multiplies them
along a path. :func:`draw_graph` draws any such graph, and optionally the
backward pass: dashed arrows against the edges, each labelled with the product
of local derivatives accumulated from the loss so far. :func:`plot_neuron_graph`
is the series' neuron, :math:`x, W \to z \to \hat y \to \ell`, and
:func:`plot_network_graph` the network with one hidden layer.

Nothing here imports pyplot (unless no ``ax`` is given) or changes matplotlib settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle

from helpers.plotting import PATH_COLOR, _axes

#: Half-size of a node (radius of a circle, half the side of a square), in data units.
NODE_SIZE = 0.34


def _check_nodes(nodes) -> dict[str, tuple[float, float, str, str]]:
    if not isinstance(nodes, Mapping) or not nodes:
        raise TypeError(
            "nodes must be a non-empty dict {name: (x, y, label) or (x, y, label, caption)}; "
            f"got {type(nodes).__name__}"
        )
    checked = {}
    for name, spec in nodes.items():
        if not isinstance(spec, (tuple, list)) or len(spec) not in (3, 4):
            raise ValueError(
                f"nodes[{name!r}] must be (x, y, label) or (x, y, label, caption); got {spec!r}"
            )
        x, y, label, caption = (*spec, "") if len(spec) == 3 else spec
        if not all(isinstance(v, (int, float)) and np.isfinite(v) for v in (x, y)):
            raise ValueError(f"nodes[{name!r}] must have finite coordinates x, y; got {x!r}, {y!r}")
        if not isinstance(label, str) or not isinstance(caption, str):
            raise TypeError(f"nodes[{name!r}] must have a str label and caption; got {spec!r}")
        checked[name] = (float(x), float(y), label, caption)
    return checked


def _check_edges(name: str, edges, nodes: Mapping) -> list[tuple[str, str, str]]:
    if isinstance(edges, (str, bytes)) or not isinstance(edges, Sequence):
        raise TypeError(
            f"{name} must be a list of (source, target, label); got {type(edges).__name__}"
        )
    checked = []
    for edge in edges:
        if not isinstance(edge, (tuple, list)) or len(edge) != 3 or not isinstance(edge[2], str):
            raise ValueError(f"{name} must hold (source, target, label) triples; got {edge!r}")
        source, target, label = edge
        for end in (source, target):
            if end not in nodes:
                raise ValueError(f"{name}: {end!r} is not a node; the nodes are {sorted(nodes)}")
        if source == target:
            raise ValueError(f"{name}: an edge from {source!r} to itself")
        checked.append((source, target, label))
    return checked


def _rim(center: np.ndarray, direction: np.ndarray, box: bool) -> np.ndarray:
    """Where a ray from the node's centre in ``direction`` (unit) leaves the node."""
    if box:
        return center + direction * NODE_SIZE / np.abs(direction).max()
    return center + direction * NODE_SIZE


def draw_graph(
    nodes, edges, ax: Axes | None = None, *, boxes=(), backward=(), fontsize: float = 12
) -> Axes:
    r"""Draw a computational graph: nodes, arrows, and a label on every arrow.

    Values that are given (data, weights) are drawn as squares, computed values
    as circles. Each edge's label is written along its left side (above a
    left-to-right arrow); a backward arrow runs on the right side of its edge,
    dashed and in the path colour, with its label beyond it.

    Parameters
    ----------
    nodes : dict of {str: tuple}
        ``name -> (x, y, label)`` or ``(x, y, label, caption)``: the position in
        data units (about an inch each in a 9.5-inch-wide figure), the text inside
        the node (mathtext such as ``r"$\hat y$"``) and an optional caption,
        written to the left of a square and above a circle.
    edges : list of (str, str, str)
        ``(source, target, label)``: an arrow from node ``source`` to node
        ``target``, labelled e.g. with the local derivative ``r"$\partial z/\partial W = x$"``.
    ax : Axes, optional
    boxes : collection of str, default=()
        Names of the nodes drawn as squares (the given values).
    backward : list of (str, str, str), default=()
        Arrows of the backward pass, ``(source, target, label)``, each drawn
        beside the edge between the same two nodes (which must exist, in
        either direction).
    fontsize : float, default=12
        Size of the edge labels and captions; node labels are 1.3 times larger.

    Returns
    -------
    ax : Axes
        Holds one patch per node (``Circle`` or ``Rectangle``), one
        ``FancyArrowPatch`` per edge and per backward arrow, and one text per
        node label, caption, edge label and backward label.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = draw_graph({"a": (0, 0, "$a$"), "b": (2, 0, "$b$", "b = 2a")},
    ...                 [("a", "b", "$2$")], Figure().subplots(), boxes={"a"})
    >>> [text.get_text() for text in ax.texts]
    ['$a$', '$b$', 'b = 2a', '$2$']
    """
    nodes = _check_nodes(nodes)
    edges = _check_edges("edges", edges, nodes)
    backward = _check_edges("backward", backward, nodes)
    if isinstance(boxes, str) or not all(name in nodes for name in boxes):
        raise ValueError(f"boxes must name nodes among {sorted(nodes)}; got {boxes!r}")
    pairs = {frozenset(edge[:2]) for edge in edges}
    for source, target, _ in backward:
        if frozenset((source, target)) not in pairs:
            raise ValueError(
                f"backward: ({source!r}, {target!r}) runs beside no edge; "
                "draw the edge between the two nodes first"
            )
    if not (isinstance(fontsize, (int, float)) and fontsize > 0):
        raise ValueError(f"fontsize must be a number > 0; got {fontsize!r}")
    ax = _axes(ax)

    for name, (x, y, label, caption) in nodes.items():
        if name in boxes:
            shape = Rectangle((x - NODE_SIZE, y - NODE_SIZE), 2 * NODE_SIZE, 2 * NODE_SIZE)
            shape.set(facecolor="0.92")
        else:
            shape = Circle((x, y), NODE_SIZE, facecolor="white")
        shape.set(edgecolor="0.15", linewidth=1.5, zorder=3)
        ax.add_patch(shape)
        ax.text(x, y, label, ha="center", va="center", fontsize=1.3 * fontsize, zorder=4)
        if caption and name in boxes:  # to the left of a given value
            ax.text(x - NODE_SIZE - 0.1, y, caption, ha="right", va="center", fontsize=fontsize)
        elif caption:  # above a computed one, clear of the labels along its edges
            ax.text(x, y + NODE_SIZE + 0.4, caption, ha="center", va="bottom", fontsize=fontsize)

    def arrow(source, target, label, offset, style):
        """An arrow ``offset`` to the left of its edge (negative: right), its label beyond it."""
        a, b = np.array(nodes[source][:2]), np.array(nodes[target][:2])
        u = (b - a) / np.linalg.norm(b - a)  # unit vector along the arrow
        # Sides are those of the forward edge, so a backward arrow runs on the far side of
        # its edge from the edge's label, whichever way it points.
        edge = next(e for e in edges if {e[0], e[1]} == {source, target})
        f = np.array(nodes[edge[1]][:2]) - np.array(nodes[edge[0]][:2])
        normal = np.array([-f[1], f[0]]) / np.linalg.norm(f)  # to the left of the edge
        start = _rim(a, u, source in boxes) + offset * normal
        end = _rim(b, -u, target in boxes) + offset * normal
        ax.add_patch(
            FancyArrowPatch(
                start, end, arrowstyle="-|>", mutation_scale=14, shrinkA=2, shrinkB=2, **style
            )
        )
        if not label:
            return
        angle = np.degrees(np.arctan2(f[1], f[0]))
        if not -90 < angle <= 90:  # keep the text upright
            angle -= 180 * np.sign(angle)
        side = 1.0 if offset >= 0 else -1.0  # the label goes beyond the arrow, away from the edge
        up = np.array([-np.sin(np.radians(angle)), np.cos(np.radians(angle))])  # the text's "up"
        ax.text(
            *((start + end) / 2 + side * 0.1 * normal),
            label,
            ha="center",
            va="bottom" if np.dot(side * normal, up) > 0 else "top",
            rotation=angle,
            rotation_mode="anchor",
            fontsize=fontsize,
            color=style["color"],
        )

    for source, target, label in edges:
        arrow(source, target, label, 0.0, {"color": "0.15", "linewidth": 1.5})
    for source, target, label in backward:
        arrow(
            source, target, label, -0.2, {"color": PATH_COLOR, "linewidth": 1.5, "linestyle": "--"}
        )

    # The frame holds every node, plus room for the captions where there are any.
    xy = np.array([spec[:2] for spec in nodes.values()])
    captioned = [name for name, spec in nodes.items() if spec[3]]
    pad = 0.3
    left = 1.2 if any(name in boxes for name in captioned) else pad  # captions left of boxes
    top = 0.9 if any(name not in boxes for name in captioned) else pad  # captions above circles
    right, bottom = (0.6, 0.7) if captioned else (pad, pad)
    ax.set_xlim(xy[:, 0].min() - NODE_SIZE - left, xy[:, 0].max() + NODE_SIZE + right)
    ax.set_ylim(xy[:, 1].min() - NODE_SIZE - bottom, xy[:, 1].max() + NODE_SIZE + top)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def plot_neuron_graph(
    ax: Axes | None = None, *, backward: bool = False, fontsize: float = 12
) -> Axes:
    r"""The series' neuron, :math:`x, W \to z \to \hat y \to \ell`, with its local derivatives.

    Forward arrows carry the local derivative of their end with respect to their
    start; with ``backward=True`` dashed arrows run back from the loss to ``W``,
    each labelled with the product of the local derivatives along the way, down to
    :math:`\partial \ell / \partial W = (\hat y - y)\, x`.

    Parameters
    ----------
    ax : Axes, optional
        E.g. from ``plt.subplots(figsize=(9.5, 3.6))``.
    backward : bool, default=False
        Also draw the backward pass (notebook 05).
    fontsize : float, default=12

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_neuron_graph(Figure().subplots(), backward=True)
    >>> ax.texts[-1].get_text()
    '$\\dfrac{\\partial \\ell}{\\partial W} = (\\hat y - y)\\,x$'
    """
    if not isinstance(backward, bool):
        raise TypeError(f"backward must be True or False; got {backward!r}")
    nodes = {
        "x": (0.0, 1.2, "$x$", "sample"),
        "W": (0.0, -1.2, "$W$", "weights"),
        "z": (2.8, 0.0, "$z$", r"$z = x W^\top$"),
        "y_hat": (5.8, 0.0, r"$\hat y$", r"$\hat y = \sigma(z)$"),
        "loss": (9.2, 0.0, r"$\ell$", "loss"),
        "y": (9.2, -1.5, "$y$", "label"),
    }
    edges = [
        ("x", "z", r"$\partial z / \partial x = W$"),
        ("W", "z", r"$\partial z / \partial W = x$"),
        ("z", "y_hat", r"$\partial \hat y / \partial z = \hat y (1 - \hat y)$"),
        (
            "y_hat",
            "loss",
            r"$\partial \ell / \partial \hat y = -\dfrac{y}{\hat y} + \dfrac{1 - y}{1 - \hat y}$",
        ),
        ("y", "loss", ""),
    ]
    back = [
        ("loss", "y_hat", r"$\dfrac{\partial \ell}{\partial \hat y}$"),
        (
            "y_hat",
            "z",
            r"$\dfrac{\partial \ell}{\partial \hat y}\,\hat y (1 - \hat y) = \hat y - y$",
        ),
        ("z", "W", r"$\dfrac{\partial \ell}{\partial W} = (\hat y - y)\,x$"),
    ]
    return draw_graph(
        nodes,
        edges,
        ax,
        boxes={"x", "W", "y"},
        backward=back if backward else (),
        fontsize=fontsize,
    )


def plot_network_graph(
    ax: Axes | None = None, *, backward: bool = False, fontsize: float = 12
) -> Axes:
    r"""The network with one hidden layer as a graph, with its local derivatives (notebook 11).

    :math:`X, W_1, b_1 \to Z_1 \to A_1 \to z_2 \leftarrow W_2, b_2`, then
    :math:`z_2 \to \hat y \to L`. Forward arrows carry the local derivative of
    their end with respect to their start (:math:`g'` is the slope of the
    hidden activation). With ``backward=True`` dashed arrows run back from the
    loss to the four parameters, each labelled with the gradient that arrives,
    written as in the code: ``dz2`` is :math:`\partial L / \partial z_2 =
    (\hat y - y)/n`, then e.g. :math:`dA_1 = dz_2\, W_2` and
    :math:`dZ_1 = dA_1 \odot g'(Z_1)`.

    Parameters
    ----------
    ax : Axes, optional
        E.g. from ``plt.subplots(figsize=(10, 4.6), layout="constrained")``.
    backward : bool, default=False
        Also draw the backward pass.
    fontsize : float, default=12

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_network_graph(Figure().subplots(), backward=True)
    >>> ax.texts[-1].get_text()
    '$db_1 = \\Sigma_i\\, dZ_1$'
    """
    if not isinstance(backward, bool):
        raise TypeError(f"backward must be True or False; got {backward!r}")
    nodes = {
        "X": (0.3, 2.1, "$X$"),
        "W1": (0.0, 0.0, "$W_1$"),
        "b1": (0.3, -2.1, "$b_1$"),
        "Z1": (2.8, 0.0, "$Z_1$"),
        "A1": (5.4, 0.0, "$A_1$"),
        "W2": (6.2, 2.0, "$W_2$"),
        "b2": (6.2, -2.0, "$b_2$"),
        "z2": (8.0, 0.0, "$z_2$"),
        "y_hat": (10.0, 0.0, r"$\hat y$"),
        "L": (11.4, 0.0, "$L$"),
    }
    edges = [
        ("X", "Z1", "$W_1$"),  # Z1 = X @ W1.T + b1
        ("W1", "Z1", "$X$"),
        ("b1", "Z1", "$1$"),
        ("Z1", "A1", "$g'(Z_1)$"),  # A1 = g(Z1), entry by entry
        ("A1", "z2", "$W_2$"),  # z2 = A1 @ W2.T + b2
        ("W2", "z2", "$A_1$"),
        ("b2", "z2", "$1$"),
        ("z2", "y_hat", r"$\hat y (1 - \hat y)$"),  # y_hat = sigmoid(z2)
        ("y_hat", "L", r"$\partial L / \partial \hat y$"),
    ]
    back = [  # the steps of the backward pass, in order
        ("L", "y_hat", r"$\partial L / \partial \hat y$"),
        ("y_hat", "z2", r"$dz_2 = (\hat y - y)/n$"),
        ("z2", "W2", r"$dW_2 = dz_2^\top A_1$"),
        ("z2", "b2", r"$db_2 = \Sigma_i\, dz_2$"),
        ("z2", "A1", r"$dA_1 = dz_2\, W_2$"),
        ("A1", "Z1", r"$dZ_1 = dA_1 \odot g'(Z_1)$"),
        ("Z1", "W1", r"$dW_1 = dZ_1^\top X$"),
        ("Z1", "b1", r"$db_1 = \Sigma_i\, dZ_1$"),
    ]
    return draw_graph(
        nodes,
        edges,
        ax,
        boxes={"X", "W1", "b1", "W2", "b2"},
        backward=back if backward else (),
        fontsize=fontsize,
    )


__all__ = ["NODE_SIZE", "draw_graph", "plot_network_graph", "plot_neuron_graph"]
