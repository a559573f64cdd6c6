r"""Pictures of the network with one hidden layer (notebooks 11 and 12).

- :func:`plot_unit_votes` draws what each hidden unit adds to the output,
  :math:`W_{2,j} A_{1,j}`, then :math:`b_2`, then the output itself;
- :func:`plot_network_run` trains one network and draws its boundary and loss
  curve, the view behind notebook 12's sliders.

:mod:`helpers.hidden_space` draws the data as the output unit sees it.

The network is :mod:`helpers.mlp`'s: ``params`` from ``init_params`` or ``train``,
run with the activation it records. Like :mod:`helpers.plotting`, nothing here
changes global matplotlib settings; the two classes keep their colours and markers,
drawn with a dark edge so that they stay visible on a background of their own colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_nonnegative, check_X
from helpers._plane import _grid
from helpers.mlp import forward
from helpers.plotting import CLASS_COLORS, CLASS_MARKERS
from helpers.probability_map import PROBA_CMAP, _shade, plot_probability
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

    Left, :func:`plot_probability` of the trained network; right, its loss curve
    on a log scale. The view behind notebook 12's sliders.

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
    if fig is not None and not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure or None; got {type(fig).__name__}")
    if not isinstance(label, str):
        raise TypeError(f"label must be a str; got {type(label).__name__}")
    params, history = train(
        X, y, n_hidden=n_hidden, lr=lr, n_epochs=n_epochs, activation=activation, seed=seed
    )
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(10, 4))
    fig.clear()
    # Fixed margins: a layout engine would double the time of every slider move.
    fig.set_layout_engine(None)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.91, wspace=0.25)
    ax_b, ax_l = fig.subplots(1, 2)
    plot_probability(lambda P: forward(P, params)[0], X, y, ax=ax_b, resolution=100, colorbar=False)
    units = f"{n_hidden} hidden unit{'s' * (n_hidden != 1)}"
    ax_b.set_title(
        f"{label + ', ' if label else ''}{units}, lr = {lr:.3g}: {history['accuracy'][-1]:.0%}"
    )
    ax_l.plot(history["loss"], color="0.2")
    ax_l.set(
        xlabel="epoch",
        ylabel="loss (cross-entropy)",
        yscale="log",
        title=f"final loss {history['loss'][-1]:.4f}",
    )
    return fig


__all__ = [
    "plot_network_run",
    "plot_unit_votes",
]
