"""The series' data: artificial sets for binary classification (notebooks 01 and 10)
and real handwritten digits (notebooks 13-15).

Every generator is deterministic for a given ``seed``: it builds its own
``numpy.random.default_rng(seed)`` and never touches global random state.
Shapes follow the series' convention: ``X`` is ``(n_samples, n_features)`` and
``y`` is ``(n_samples, 1)`` holding the labels ``0.`` and ``1.``.
:func:`load_digits` reads the one real data set, shipped in ``data/`` at the top of
the repository (its README there says where it comes from).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from helpers._checks import (
    check_column,
    check_int,
    check_nonnegative,
    check_positive,
    check_seed,
    check_X,
)


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

    Examples
    --------
    >>> X, y = make_blobs(100, seed=0)
    >>> X.shape, y.shape, int(y.sum())  # half of the points are class 1
    ((100, 2), (100, 1), 50)
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    rng = np.random.default_rng(check_seed(seed))
    n0 = n_samples // 2
    y = np.zeros((n_samples, 1))
    y[n0:] = 1.0
    c = np.array([[1.0, 1.0]])  # the centre of class 1; class 0 sits at -c
    s = np.where(y == 1.0, 1.0, -1.0)  # +1 for class 1, -1 for class 0
    X = s * c + rng.standard_normal((n_samples, 2))
    order = rng.permutation(n_samples)  # shuffle, so the classes are not in two blocks
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

    Examples
    --------
    >>> add_bias_feature(np.array([[2.0, 3.0], [4.0, 5.0]])).tolist()
    [[2.0, 3.0, 1.0], [4.0, 5.0, 1.0]]
    """
    X = check_X(X)
    return np.hstack([X, np.ones((X.shape[0], 1))])


# --------------------------------------------------------------------------- non-linear data
# The three sets below (introduced in notebook 10) cannot be separated by a straight
# line. Each is centred near the origin, balanced between the classes (class 1 gets
# the extra point when ``n_samples`` is odd) and shuffled.


def make_moons(
    n_samples: int = 200, *, noise: float = 0.1, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Two interleaving half circles.

    Class 0 lies on the upper half of the unit circle,
    :math:`(\cos t, \sin t)` for :math:`t \in [0, \pi]`; class 1 on the lower half
    of a unit circle shifted to interlock with it,
    :math:`(1 - \cos t, \tfrac12 - \sin t)`. Gaussian noise of standard deviation
    ``noise`` is added to both coordinates of every point.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points, at least 2. Half (rounded down) are class 0.
    noise : float, default=0.1
        Standard deviation of the Gaussian noise, >= 0.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples, 1)
        Their labels, ``0.`` or ``1.``.

    Examples
    --------
    >>> X, y = make_moons(5, noise=0.0, seed=0)
    >>> X.shape, int(y.sum())  # an odd n_samples: class 1 gets the extra point
    ((5, 2), 3)
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    noise = check_nonnegative("noise", noise)
    rng = np.random.default_rng(check_seed(seed))
    n0 = n_samples // 2
    n1 = n_samples - n0
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    X = np.vstack(
        [
            np.column_stack([np.cos(t0), np.sin(t0)]),  # class 0: the upper half circle
            np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)]),  # class 1: shifted, lower
        ]
    )
    y = np.vstack([np.zeros((n0, 1)), np.ones((n1, 1))])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def make_circles(
    n_samples: int = 200, *, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""A small circle (class 1) inside a large one (class 0), both centred at the origin.

    Class 0 lies on the unit circle and class 1 on the circle of radius
    ``factor``, at evenly spaced angles; Gaussian noise of standard deviation
    ``noise`` is added to both coordinates of every point.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points, at least 2. Half (rounded down) are class 0.
    noise : float, default=0.1
        Standard deviation of the Gaussian noise, >= 0.
    factor : float, default=0.5
        Radius of the inner circle relative to the outer one, in (0, 1).
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples, 1)
        Their labels, ``0.`` (outer circle) or ``1.`` (inner circle).

    Examples
    --------
    >>> X, y = make_circles(8, noise=0.0, seed=0)
    >>> radius = np.hypot(X[:, 0], X[:, 1])
    >>> sorted({round(float(r), 6) for r in radius[y[:, 0] == 1]})  # inner circle: factor
    [0.5]
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    noise = check_nonnegative("noise", noise)
    factor = check_positive("factor", factor, upper=1.0)
    rng = np.random.default_rng(check_seed(seed))
    n0 = n_samples // 2
    n1 = n_samples - n0
    t0 = np.linspace(0.0, 2.0 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2.0 * np.pi, n1, endpoint=False)
    X = np.vstack(
        [
            np.column_stack([np.cos(t0), np.sin(t0)]),  # class 0: the unit circle
            factor * np.column_stack([np.cos(t1), np.sin(t1)]),  # class 1: radius factor
        ]
    )
    y = np.vstack([np.zeros((n0, 1)), np.ones((n1, 1))])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def make_xor(
    n_samples: int = 200, *, noise: float = 0.1, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Four Gaussian clouds at the corners of a square, labelled like XOR.

    The clouds sit at :math:`(\pm 1, \pm 1)`. The label is 1 when exactly one
    coordinate of the centre is positive, :math:`(-1, 1)` and :math:`(1, -1)`,
    and 0 at :math:`(-1, -1)` and :math:`(1, 1)`: the truth table of XOR. Each
    point is its cloud's centre plus Gaussian noise of standard deviation
    ``noise`` in both coordinates.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points, at least 4, spread as evenly as possible over the four
        clouds. Half (rounded down) are class 0.
    noise : float, default=0.1
        Standard deviation of the Gaussian noise, >= 0.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples, 1)
        Their labels, ``0.`` or ``1.``.

    Examples
    --------
    >>> X, y = make_xor(8, noise=0.0, seed=0)
    >>> exactly_one_positive = (X[:, 0] > 0) != (X[:, 1] > 0)
    >>> bool(np.all(exactly_one_positive == (y[:, 0] == 1)))
    True
    """
    n_samples = check_int("n_samples", n_samples, minimum=4)
    noise = check_nonnegative("noise", noise)
    rng = np.random.default_rng(check_seed(seed))
    # the truth table of "exactly one of x1 > 0, x2 > 0", with -1/+1 for 0/1; the
    # clouds alternate between the classes, so spreading points evenly keeps them balanced
    centers = np.array([[-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [1.0, 1.0]])
    labels = np.array([1.0, 0.0, 1.0, 0.0])
    counts = [n_samples // 4 + (k < n_samples % 4) for k in range(4)]
    C = np.repeat(centers, counts, axis=0)
    y = np.repeat(labels, counts).reshape(-1, 1)
    X = C + noise * rng.standard_normal(C.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


# --------------------------------------------------------------------------- real data
#: The handwritten digits file and its SHA-256 (data/README.md: provenance and licence).
DIGITS_PATH = Path(__file__).resolve().parent.parent / "data" / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


def load_digits(path=DIGITS_PATH) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    r"""The 1,797 handwritten digits of UCI's "Optical Recognition of Handwritten Digits".

    Each image is 8 x 8 pixels, each pixel a count from 0 (white) to 16 (black) of
    the inked dots in a 4 x 4 block of the original 32 x 32 scan. ``X[i].reshape(8, 8)``
    is image ``i``, row by row. The file is checked before it is read: its SHA-256,
    then the shape and range of what it holds.

    Parameters
    ----------
    path : str or Path, default=DIGITS_PATH
        The gzipped CSV: one image per line, 64 pixels then the label.

    Returns
    -------
    X : ndarray of shape (1797, 64)
        Pixel values, floats from 0 to 16.
    labels : ndarray of shape (1797, 1)
        The digit each image shows, integers 0 to 9.

    Examples
    --------
    >>> X, labels = load_digits()
    >>> X.shape, labels.shape, labels.dtype
    ((1797, 64), (1797, 1), dtype('int64'))
    >>> np.bincount(labels[:, 0]).tolist()  # about 180 images of each digit
    [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path must name the digits file; {path} does not exist")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != DIGITS_SHA256:
        raise ValueError(
            f"path {path} is not the series' digits file: its SHA-256 is {digest}, "
            f"expected {DIGITS_SHA256} - rebuild it with python tools/fetch_digits.py"
        )
    table = np.loadtxt(gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",")
    if table.shape != (1797, 65) or table.min() < 0 or table[:, :64].max() > 16:
        raise ValueError(f"path {path} holds a table of shape {table.shape}, not (1797, 65)")
    labels = table[:, 64:].astype(np.int64)
    if labels.max() > 9 or np.any(labels != table[:, 64:]):
        raise ValueError(f"path {path}: the labels must be the integers 0 to 9")
    return table[:, :64], labels


def train_val_test_split(
    X, labels, *, val_size: float = 0.2, test_size: float = 0.2, seed: int = 0
):
    r"""Split the samples into training, validation and test sets, stratified and seeded.

    Each class is shuffled with ``numpy.random.default_rng(seed)`` and cut in the
    same proportions, so every set holds each class in about the share it has in
    ``labels``. Within each set the samples are shuffled again, so the classes are
    not in blocks. Use the training set to fit, the validation set to choose
    (a learning rate, a number of epochs), and the test set once, at the end.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples, 1)
        Class labels, integers (or floats with integer values, such as 0. and 1.).
    val_size, test_size : float, default=0.2
        Shares of each class that go to the validation and the test set; each in
        (0, 1), together below 1. Each class's count is rounded to the nearest integer.
    seed : int, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X_train, X_val, X_test : ndarray of shape (n_train | n_val | n_test, n_features)
    labels_train, labels_val, labels_test : ndarray of shape (n_train | n_val | n_test, 1)
        New arrays with the dtype of ``labels``; the inputs are not modified.

    Examples
    --------
    >>> X, labels = load_digits()
    >>> parts = train_val_test_split(X, labels, seed=0)
    >>> [len(part) for part in parts[:3]]
    [1079, 359, 359]
    """
    X = check_X(X)
    check_column("labels", labels, X.shape[0])  # the shape and finiteness, as floats
    labels = np.asarray(labels)
    if np.any(labels != np.round(labels)):
        raise ValueError("labels must hold whole numbers (class labels); got fractions")
    val_size = check_positive("val_size", val_size, upper=1.0)
    test_size = check_positive("test_size", test_size, upper=1.0)
    if val_size + test_size >= 1.0:
        raise ValueError(
            "val_size + test_size must be below 1 to leave a training set; "
            f"got {val_size + test_size:g}"
        )
    rng = np.random.default_rng(check_seed(seed))
    parts = ([], [], [])  # indices of the training, validation and test sets
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels[:, 0] == c))
        n_val, n_test = round(val_size * len(idx)), round(test_size * len(idx))
        parts[1].append(idx[:n_val])
        parts[2].append(idx[n_val : n_val + n_test])
        parts[0].append(idx[n_val + n_test :])
    train, val, test = (rng.permutation(np.concatenate(p)) for p in parts)
    return X[train], X[val], X[test], labels[train], labels[val], labels[test]
