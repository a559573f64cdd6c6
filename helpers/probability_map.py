r"""The plane shaded by the predicted probability :math:`\hat y` (notebooks 07 and 10-12).

:func:`helpers.plotting.plot_decision_boundary` colours the plane by the decision,
two flat colours split at :math:`\hat y = 0.5`. That hides how sure the model is:
a point at :math:`\hat y = 0.51` and one at :math:`0.99` get the same colour.
:func:`plot_probability` shades by :math:`\hat y` itself, on a diverging colour
map centred at 0.5 (white) that runs to the class colours, with the 0.5 contour
and a colour bar. A model that gives up is pale everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from helpers._plane import _evaluate, _plane
from helpers.plotting import CLASS_COLORS, _axes, plot_data


def _toward_white(color, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 0 keeps it, 1 gives white."""
    return tuple((1 - amount) * c + amount for c in to_rgb(color))


#: Class 0's blue at :math:`\hat y = 0`, white at 0.5, class 1's orange at 1. The ends
#: are lightened, so the points drawn on top in the full class colours stay visible.
PROBA_CMAP = LinearSegmentedColormap.from_list(
    "class_probability",
    [_toward_white(CLASS_COLORS[0], 0.45), "white", _toward_white(CLASS_COLORS[1], 0.45)],
)
#: The shading's bands: every 0.05 of probability.
PROBA_LEVELS = np.linspace(0.0, 1.0, 21)


def _shade(ax: Axes, G1, G2, P, *, colorbar: bool):
    """Shade ``ax`` by the probability ``P`` (the grid's shape), with its 0.5 contour.

    Shared with :mod:`helpers.network_plots` and :mod:`helpers.hidden_space`, so that
    every probability in the series is drawn on the same colours and bands.
    """
    shading = ax.contourf(G1, G2, P, levels=PROBA_LEVELS, cmap=PROBA_CMAP, vmin=0, vmax=1, zorder=0)
    if P.min() < 0.5 <= P.max():
        ax.contour(G1, G2, P, levels=[0.5], colors="0.2", linewidths=1.5, zorder=1)
    if colorbar:
        bar = ax.get_figure().colorbar(shading, ax=ax, ticks=np.linspace(0.0, 1.0, 5))
        bar.set_label(r"$\hat y$, the probability of class 1")
    return shading


def plot_probability(
    proba: Callable,
    X,
    y=None,
    ax: Axes | None = None,
    *,
    resolution: int = 200,
    padding: float = 0.5,
    colorbar: bool = True,
) -> Axes:
    r"""Shade the plane by the model's probability of class 1 and draw the 0.5 contour.

    Parameters
    ----------
    proba : callable
        The model: takes an array of shape (m, 2) and returns the probabilities
        of class 1, of shape (m, 1) or (m,), e.g. ``lambda P: forward(P, W)``.
    X : array-like of shape (n_samples, 2)
        Sets the extent of the plot (with ``padding`` around it).
    y : array-like of shape (n_samples, 1), optional
        When given, the points are drawn on top with
        :func:`helpers.plotting.plot_data`.
    ax : Axes, optional
    resolution : int, default=200
        Grid points per axis, at least 2.
    padding : float, default=0.5
        Margin around the data, in data units.
    colorbar : bool, default=True
        Add a colour bar for :math:`\hat y` next to ``ax``; for panels that share
        one, pass False and call ``fig.colorbar`` on the returned shading.

    Returns
    -------
    ax : Axes
        The shading is ``ax.collections[0]`` (for a shared colour bar).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from helpers.model import forward
    >>> ax = plot_probability(lambda P: forward(P, [[1.0, 1.0]]), [[-1.0, 0.0], [1.0, 2.0]],
    ...                       ax=Figure().subplots(), resolution=20)
    >>> ax.collections[0].get_cmap().name, ax.get_xlim()
    ('class_probability', (np.float64(-1.5), np.float64(1.5)))
    """
    if not isinstance(colorbar, (bool, np.bool_)):
        raise TypeError(f"colorbar must be True or False; got {colorbar!r}")
    X, (lo, hi, G1, G2) = _plane(proba, X, y, resolution, padding)
    ax = _axes(ax)
    P = _evaluate(proba, G1, G2)
    _shade(ax, G1, G2, P, colorbar=colorbar)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    if y is not None:
        plot_data(X, y, ax=ax)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax
