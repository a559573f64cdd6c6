"""The plane of two features, as the plots of a model's probability use it.

:func:`helpers.plotting.plot_decision_boundary`, :func:`helpers.probability_map.plot_probability`,
:mod:`helpers.network_plots` and :mod:`helpers.hidden_space` all lay a grid over the
data and evaluate a model on it; the checks and the grid are written once, here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import check_int, check_labels, check_nonnegative, check_probabilities, check_X


def _grid(lo, hi, resolution: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A ``resolution`` x ``resolution`` grid from corner ``lo`` to corner ``hi``."""
    return np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))


def _plane(proba, X, y, resolution, padding):
    """Check the arguments of a plot of the plane; the box around ``X`` and its grid."""
    if not callable(proba):
        raise TypeError(
            f"proba must be a callable mapping (m, 2) points to probabilities; got {proba!r}"
        )
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features to be drawn in the plane; got shape {X.shape}")
    resolution = check_int("resolution", resolution, minimum=2)
    padding = check_nonnegative("padding", padding)
    if y is not None:
        check_labels(y, X.shape[0])  # before anything is drawn, not half-way through
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    return X, (lo, hi, *_grid(lo, hi, resolution))


def _evaluate(proba, G1, G2) -> NDArray[np.float64]:
    """The model's probabilities at every grid point, shaped like the grid."""
    P = np.asarray(proba(np.column_stack([G1.ravel(), G2.ravel()])), dtype=float)
    if P.size != G1.size:
        raise ValueError(
            f"proba must return one probability per point: {G1.size} values for a "
            f"{G1.shape[0]}x{G1.shape[1]} grid; got shape {P.shape}"
        )
    # Logits instead of probabilities would put the boundary at z = 0.5, not z = 0.
    return check_probabilities(P.reshape(-1, 1), name="proba's output").reshape(G1.shape)
