"""Artificial data sets for binary classification (introduced in notebook 01).

Every generator is deterministic for a given ``seed``: it builds its own
``numpy.random.default_rng(seed)`` and never touches global random state.
Shapes follow the series' convention: ``X`` is ``(n_samples, n_features)`` and
``y`` is ``(n_samples, 1)`` holding the labels ``0.`` and ``1.``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import check_int, check_seed, check_X

#: Centre of class 1; class 0 sits at the mirror image ``-BLOB_CENTER``.
BLOB_CENTER = (1.0, 1.0)


def make_blobs(
    n_samples: int = 100, *, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Two overlapping Gaussian clouds, one per class.

    Class 0 is centred at :math:`(-1, -1)` and class 1 at :math:`(1, 1)`, both
    with unit standard deviation. The centres are mirror images through the
    origin, so a line through the origin (the bias-free model of the series)
    separates them as well as any line can; the clouds overlap, so a few points
    stay misclassified and the cross-entropy loss has a finite minimum.

    Parameters
    ----------
    n_samples : int, default=100
        Number of points, at least 2. Half (rounded down) are class 0.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples, 1)
        Their labels, ``0.`` or ``1.``.
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    rng = np.random.default_rng(check_seed(seed))
    n0 = n_samples // 2
    y = np.zeros((n_samples, 1))
    y[n0:] = 1.0
    centers = np.where(y == 1.0, 1.0, -1.0) * np.asarray(BLOB_CENTER)
    X = centers + rng.standard_normal((n_samples, 2))
    order = rng.permutation(n_samples)
    return X[order], y[order]


def add_bias_feature(X) -> NDArray[np.float64]:
    r"""Append a constant-1 column to ``X`` (introduced in notebook 07).

    With this column a bias-free model :math:`z = XW^\top` gains a bias: the
    weight that multiplies the constant feature plays the role of :math:`b`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    X_b : ndarray of shape (n_samples, n_features + 1)
        A new array; ``X`` is not modified.
    """
    X = check_X(X)
    return np.hstack([X, np.ones((X.shape[0], 1))])
