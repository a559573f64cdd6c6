r"""Every straight line on a data set, scored by counting mistakes (notebooks 07 and 10).

Logistic regression minimises the cross-entropy; these functions answer another
question, by brute force: how many training points can *any* straight line in the
plane get right? A line is fixed by the direction of its normal, the unit vector
:math:`u = (\cos a, \sin a)`, and a threshold :math:`t`: it predicts class 1 where

.. math:: u \cdot x \ge t .

A line through the origin has :math:`t = 0`, the rule of the bias-free model
(:math:`\hat y \ge 0.5` exactly where :math:`z = x W^\top \ge 0`).

:func:`line_accuracies` scores the directions it is given, each with its best
threshold; :func:`best_line` finds the best line of all, exactly: the points' order
along :math:`u` only changes where :math:`u` turns perpendicular to a point (lines
through the origin) or to the difference of two points (any line), so one direction
inside each arc between those critical angles covers every line.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import as_float_array, check_labels, check_X

#: Directions scored at once by :func:`best_line`: bounds the memory of the exact search.
CHUNK = 4096


def _check_points(X, y):
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features (points in the plane); got shape {X.shape}")
    return X, check_labels(y, X.shape[0])


def line_accuracies(X, y, angles) -> tuple[NDArray, NDArray, NDArray]:
    r"""The training accuracy of the lines with each normal direction.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    angles : array-like of shape (n_angles,)
        Directions :math:`a` of the normal, in radians.

    Returns
    -------
    through_origin : ndarray of shape (n_angles,)
        Accuracy of the line through the origin, rule :math:`u \cdot x \ge 0`.
    best : ndarray of shape (n_angles,)
        Accuracy of the best line with that normal, over every threshold.
    thresholds : ndarray of shape (n_angles,)
        Its threshold :math:`t`: half-way between two neighbouring points along
        :math:`u`, so no training point lies on the line.

    Examples
    --------
    Two points of class 0 left of two of class 1: the vertical line between them
    gets all four right, a line through the origin only the two on the right.

    >>> X = [[1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0]]
    >>> y = [[0.0], [0.0], [1.0], [1.0]]
    >>> origin, best, t = line_accuracies(X, y, [0.0])
    >>> float(origin[0]), float(best[0]), float(t[0])
    (0.5, 1.0, 2.5)
    """
    X, y = _check_points(X, y)
    angles = as_float_array("angles", angles, ndim=1)
    n = X.shape[0]
    U = np.column_stack([np.cos(angles), np.sin(angles)])  # unit normals, (n_angles, 2)
    P = U @ X.T  # each point's position along each normal, (n_angles, n_samples)
    is_1 = y[:, 0] == 1  # (n_samples,)
    through_origin = np.mean((P >= 0) == is_1, axis=1)

    # Sorted along u, a threshold puts the lowest k points in class 0 and the rest in 1:
    # right are the k - ones_below class-0 points below it and the n_ones - ones_below above.
    order = np.argsort(P, axis=1)
    P_sorted = np.take_along_axis(P, order, axis=1)
    ones_below = np.zeros((P.shape[0], n + 1), dtype=np.int64)  # for k = 0..n
    np.cumsum(is_1[order], axis=1, out=ones_below[:, 1:])
    right = np.arange(n + 1) - 2 * ones_below + np.count_nonzero(is_1)  # (n_angles, n + 1)
    right[:, 1:-1][P_sorted[:, 1:] == P_sorted[:, :-1]] = -1  # no cut between equal positions
    k = np.argmax(right, axis=1)
    rows = np.arange(k.size)
    best = right[rows, k] / n

    below = P_sorted[rows, np.maximum(k - 1, 0)]  # the neighbours the threshold sits between
    above = P_sorted[rows, np.minimum(k, n - 1)]
    thresholds = np.where(k == 0, above - 1.0, np.where(k == n, below + 1.0, (below + above) / 2))
    return through_origin, best, thresholds


def critical_angles(X, *, through_origin: bool = False) -> NDArray[np.float64]:
    """One normal direction inside each arc between the critical angles, in radians.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    through_origin : bool, default=False
        The critical angles of lines through the origin (perpendicular to a point)
        instead of any line (perpendicular to the difference of two points).

    Returns
    -------
    ndarray of shape (n_arcs,)
        Sorted angles in [0, 2 pi), one per arc: every way a line can split the
        points (through the origin, or with a threshold) is a way a line with one
        of these normals splits them.

    Examples
    --------
    One point on the x1 axis: lines through the origin change at 90 and 270 degrees.

    >>> np.degrees(critical_angles([[2.0, 0.0]], through_origin=True)).tolist()
    [0.0, 180.0]
    """
    X = check_X(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features (points in the plane); got shape {X.shape}")
    if not isinstance(through_origin, (bool, np.bool_)):
        raise TypeError(f"through_origin must be True or False; got {through_origin!r}")
    if through_origin:
        D = X
    else:
        i, j = np.triu_indices(X.shape[0], k=1)
        D = X[j] - X[i]  # (n_pairs, 2): a line parallel to one of these can tie two points
    D = D[np.any(D != 0, axis=1)]  # the origin, or two equal points, never changes the order
    if D.shape[0] == 0:
        return np.zeros(1)  # one arc, the whole circle
    theta = np.arctan2(D[:, 1], D[:, 0])
    critical = np.unique(np.mod(np.concatenate([theta + np.pi / 2, theta - np.pi / 2]), 2 * np.pi))
    following = np.append(critical[1:], critical[0] + 2 * np.pi)
    return np.sort(np.mod((critical + following) / 2, 2 * np.pi))


def best_line(X, y, *, through_origin: bool = False, angles=None) -> dict:
    r"""The straight line with the fewest training mistakes.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples, 1)
        Labels, 0 or 1.
    through_origin : bool, default=False
        Only lines through the origin (the bias-free model's lines).
    angles : array-like of shape (n_angles,), optional
        Normal directions to try, in radians, e.g. a grid. By default the exact
        search: :func:`critical_angles`.

    Returns
    -------
    dict
        ``accuracy`` (float), ``angle`` (float, radians), ``direction`` (ndarray of
        shape (2,), the unit normal :math:`u`), ``threshold`` (float, 0 through the
        origin) and ``n_angles`` (int, the directions tried). The line predicts
        class 1 where ``X @ direction >= threshold``. Among equally good lines the
        first in ``angles`` is returned.

    Examples
    --------
    The four corners of XOR: any line gets at most three right.

    >>> X = [[-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [1.0, 1.0]]
    >>> best_line(X, [[1.0], [0.0], [1.0], [0.0]])["accuracy"]
    0.75
    """
    X, y = _check_points(X, y)
    if not isinstance(through_origin, (bool, np.bool_)):
        raise TypeError(f"through_origin must be True or False; got {through_origin!r}")
    if angles is None:
        angles = critical_angles(X, through_origin=through_origin)
    angles = as_float_array("angles", angles, ndim=1)
    n_angles = angles.size
    best, best_k, best_t = -1.0, 0, 0.0
    for start in range(0, n_angles, CHUNK):  # in chunks, so memory stays small
        origin, anywhere, thresholds = line_accuracies(X, y, angles[start : start + CHUNK])
        scores = origin if through_origin else anywhere
        k = int(np.argmax(scores))
        if scores[k] > best:
            best, best_k = float(scores[k]), start + k
            best_t = 0.0 if through_origin else float(thresholds[k])
    a = float(angles[best_k])
    return {
        "accuracy": best,
        "angle": a,
        "direction": np.array([np.cos(a), np.sin(a)]),
        "threshold": best_t,
        "n_angles": n_angles,
    }
