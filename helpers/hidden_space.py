r"""The data as the output unit sees it: the hidden activations (notebook 12).

The output unit of :mod:`helpers.mlp`'s network is a logistic regression, like
notebook 07's, whose input is the hidden activations :math:`A_1` instead of
:math:`X`: its boundary :math:`z_2 = A_1 W_2^\top + b_2 = 0` is a straight line (a
plane, with more units) in the space of :math:`A_1`. A trained hidden layer moves
the points so that such a line separates the classes. :func:`plot_hidden_space`
draws that space, with the line, shaded by :math:`\hat y` as
:func:`helpers.probability_map.plot_probability` shades the plane of the inputs.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import NDArray

from helpers._checks import as_float_array, check_int, check_labels, check_X
from helpers._plane import _grid
from helpers.mlp import forward
from helpers.model import sigmoid
from helpers.network_plots import _scatter
from helpers.plotting import _axes
from helpers.probability_map import _shade


def hidden_view(params, A1) -> tuple[NDArray[np.float64], tuple[str, str]]:
    r"""Two coordinates for hidden activations, and their axis labels.

    With 2 hidden units, :math:`A_1` itself. With more, the output unit reads
    :math:`A_1` only along :math:`W_2`, so the first coordinate is the component
    along it, :math:`A_1 W_2^\top / \lVert W_2 \rVert`, and the second the
    direction, across :math:`W_2`, in which the points spread most (the first
    principal component of what is left). The output's boundary :math:`z_2 = 0`
    is then the vertical line at :math:`-b_2 / \lVert W_2 \rVert`.

    Parameters
    ----------
    params : dict
        The network (``W2`` of shape (1, n_hidden), ``n_hidden >= 2``).
    A1 : ndarray of shape (n_samples, n_hidden)

    Returns
    -------
    coords : ndarray of shape (n_samples, 2)
    labels : (str, str)

    Examples
    --------
    >>> params = {"W2": np.array([[3.0, 0.0, 4.0]])}
    >>> A1 = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    >>> coords, _ = hidden_view(params, A1)
    >>> coords[:, 0].tolist()  # along W2 / |W2| = (0.6, 0, 0.8)
    [0.6, 0.0, 0.8]
    """
    if not isinstance(params, dict) or "W2" not in params:
        raise TypeError(
            "params must be a dict with the key 'W2' (from init_params or train); "
            f"got {type(params).__name__}"
        )
    W2 = as_float_array("params['W2']", params["W2"], ndim=2)
    if W2.shape[0] != 1:
        raise ValueError(f"params['W2'] must have shape (1, n_hidden); got shape {W2.shape}")
    W2 = W2[0]
    A1 = as_float_array("A1", A1, ndim=2)
    if A1.shape[1] != W2.size:
        raise ValueError(
            f"A1 must have shape (n_samples, {W2.size}), one column per hidden unit of "
            f"params; got shape {A1.shape}"
        )
    if W2.size < 2:
        raise ValueError(
            f"params must have at least 2 hidden units to draw their space; got {W2.size}"
        )
    if W2.size == 2:
        return A1, ("unit 1: $A_{1,1}$", "unit 2: $A_{1,2}$")
    norm = np.linalg.norm(W2)
    if norm == 0:
        raise ValueError("params['W2'] is zero: the output reads no direction of A1")
    along = W2 / norm
    rest = A1 - np.outer(A1 @ along, along)
    rest = rest - rest.mean(axis=0)
    across = np.linalg.svd(rest, full_matrices=False)[2][0]  # most spread, orthogonal to W2
    across = across - (across @ along) * along
    across /= np.linalg.norm(across)
    across *= np.sign(across[np.argmax(np.abs(across))])  # a sign that does not depend on LAPACK
    return np.column_stack([A1 @ along, A1 @ across]), (
        r"along $W_2$: $A_1 W_2^\top / \Vert W_2 \Vert$",
        r"across $W_2$: the direction of largest spread",
    )


def plot_hidden_space(params, X, y, ax: Axes | None = None, *, resolution: int = 150) -> Axes:
    r"""The data as the output unit sees it: the hidden activations, and its line.

    The output unit is a logistic regression on :math:`A_1`, so its boundary
    :math:`z_2 = A_1 W_2^\top + b_2 = 0` is a line (a plane for more units) in the
    space of the hidden activations. The background is shaded by
    :math:`\hat y = \sigma(z_2)` as in :func:`plot_probability`. With more than two
    hidden units the view is :func:`hidden_view`'s.

    Parameters
    ----------
    params : dict
        The network, from :func:`helpers.mlp.init_params` or
        :func:`helpers.training.train`, with at least 2 hidden units.
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    ax : Axes, optional
    resolution : int, default=150
        Grid points per axis of the shading, at least 2.

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from helpers.data import make_xor
    >>> from helpers.training import train
    >>> X, y = make_xor(40, seed=0)
    >>> params, _ = train(X, y, n_hidden=2, lr=1.0, n_epochs=5)
    >>> ax = plot_hidden_space(params, X, y, ax=Figure().subplots())
    >>> ax.get_xlabel()
    'unit 1: $A_{1,1}$'
    """
    X = check_X(X)
    y = check_labels(y, X.shape[0])
    resolution = check_int("resolution", resolution, minimum=2)
    _, cache = forward(X, params)  # checks params against X
    coords, (xlabel, ylabel) = hidden_view(params, cache["A1"])
    ax = _axes(ax)
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    margin = np.maximum(0.1 * (hi - lo), 0.1)
    lo, hi = lo - margin, hi + margin
    G1, G2 = _grid(lo, hi, resolution)
    W2, b2 = np.asarray(params["W2"], dtype=float)[0], float(np.asarray(params["b2"])[0, 0])
    if W2.size == 2:
        z2 = W2[0] * G1 + W2[1] * G2 + b2
    else:
        z2 = np.linalg.norm(W2) * G1 + b2  # the view's first axis is along W2
    _shade(ax, G1, G2, sigmoid(z2), colorbar=False)
    _scatter(ax, coords, y)
    ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]), xlabel=xlabel, ylabel=ylabel)
    return ax


__all__ = ["hidden_view", "plot_hidden_space"]
