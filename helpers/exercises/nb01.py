"""Checks for the exercises of notebook 01, artificial data.

Each check recomputes the expected answer from :func:`helpers.data.make_blobs`,
so nothing here is a hard-coded number that could drift from the notebook.

Exercises
---------
01.1 Odd sizes (easy)
    ``counts``: the number of samples of class 0 and of class 1 in
    ``make_blobs(101, seed=0)``.
01.2 Other seeds (easy)
    ``max_shift``: the largest distance between a class mean and its class centre
    over seeds 1, 2 and 3.
01.3 More or less overlap (medium)
    ``make_blobs_spread(n_samples, *, seed, spread)``: ``make_blobs`` whose noise is
    multiplied by ``spread``.
01.4 A lucky accident (stretch)
    A self-check: why a wrong shape that gives the right answer is worse than an error.
"""

from __future__ import annotations

import numpy as np

from helpers.data import make_blobs
from helpers.exercises.core import Wrong, exercise, number, self_check


# --------------------------------------------------------------------------- 01.1
def _class_counts(n_samples: int, seed: int) -> tuple[int, int]:
    _, y = make_blobs(n_samples, seed=seed)
    return int(np.sum(y == 0)), int(np.sum(y == 1))


@exercise("01.1", "Odd sizes", "easy")
def _odd_sizes(counts):
    try:
        got = np.asarray(counts, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Wrong("counts should be two numbers: (class-0 samples, class-1 samples)") from None
    if got.size != 2:
        raise Wrong(
            f"counts should be two numbers, (class-0 samples, class-1 samples); got {got.size}"
        )
    if not np.all(got == np.round(got)):
        raise Wrong("a count is a whole number of samples; did you split 101 in two halves?")
    n0, n1 = _class_counts(101, seed=0)
    got = (int(got[0]), int(got[1]))
    if got == (n0, n1):
        return "class 0 gets n_samples // 2 (rounded down), class 1 gets the rest."
    if got == (n1, n0):
        raise Wrong("you have the two classes the other way round: class 0 comes first")
    if sum(got) != 101:
        raise Wrong(
            f"your counts add up to {sum(got)}, but make_blobs(101, seed=0) has 101 samples"
        )
    raise Wrong("these are not the class sizes of make_blobs(101, seed=0); count y == 0, y == 1")


# --------------------------------------------------------------------------- 01.2
SEEDS = (1, 2, 3)


def _mean_offsets(seeds) -> np.ndarray:
    """Class mean minus class centre, shape (len(seeds), 2 classes, 2 coordinates)."""
    offsets = []
    for seed in seeds:
        X, y = make_blobs(100, seed=seed)
        per_class = []
        for label, centre in ((0, -1.0), (1, 1.0)):
            per_class.append(X[y[:, 0] == label].mean(axis=0) - centre)
        offsets.append(per_class)
    return np.array(offsets)


@exercise("01.2", "Other seeds", "easy")
def _other_seeds(max_shift):
    offsets = _mean_offsets(SEEDS)
    distances = np.sqrt(np.sum(offsets**2, axis=-1))  # (3 seeds, 2 classes)
    if isinstance(max_shift, list | tuple | np.ndarray) and np.size(max_shift) == distances.size:
        raise Wrong("that is one distance per seed and class; store only the largest one")
    value = number(max_shift, "max_shift")

    def near(expected) -> bool:
        return bool(np.isclose(value, expected, rtol=1e-6, atol=1e-9))

    if near(distances.max()):
        return "the class means stay within a few standard errors (1/√50 per coordinate)."
    if near(np.max(distances**2)):
        raise Wrong("that looks like a squared distance: take the square root")
    if near(np.abs(offsets).max()):
        raise Wrong(
            "that is the largest shift of a single coordinate; the distance uses both, "
            "√(Δx1² + Δx2²)"
        )
    wrong_centre = offsets.copy()
    wrong_centre[:, 0] -= 2.0  # class 0 measured from (1, 1) instead of (-1, -1)
    if near(np.sqrt(np.sum(wrong_centre**2, axis=-1)).max()):
        raise Wrong("class 0 is drawn around (-1, -1), not (1, 1): measure each class from its own")
    if near(distances.min()):
        raise Wrong("that is the smallest of the six distances; the task asks for the largest")
    if near(np.sqrt(np.sum(_mean_offsets((0,)) ** 2, axis=-1)).max()):
        raise Wrong("that is seed 0, the data of the notebook; use seeds 1, 2 and 3")
    raise Wrong(
        "not the largest distance between a class mean and its centre over seeds 1, 2 and 3 "
        "that I find; check the seeds, the centres and the distance formula"
    )


# --------------------------------------------------------------------------- 01.3
def _spread_reference(n_samples: int, seed: int, spread: float):
    """make_blobs with its noise times ``spread``, from make_blobs itself."""
    X, y = make_blobs(n_samples, seed=seed)
    centres = np.where(y == 1.0, 1.0, -1.0) * np.ones((1, 2))
    return centres + spread * (X - centres), y, centres


@exercise("01.3", "More or less overlap", "medium")
def _more_or_less_overlap(make_blobs_spread):
    if not callable(make_blobs_spread):
        raise Wrong("make_blobs_spread should be a function: def make_blobs_spread(...)")
    cases = [(100, 0, 1.0), (100, 0, 0.3), (101, 1, 2.0), (7, 42, 0.5)]
    for n_samples, seed, spread in cases:
        call = f"make_blobs_spread({n_samples}, seed={seed}, spread={spread})"
        result = make_blobs_spread(n_samples, seed=seed, spread=spread)
        if not isinstance(result, tuple) or len(result) != 2:
            raise Wrong(f"{call} should return two arrays, X and y, like make_blobs")
        X, y = (np.asarray(a, dtype=float) for a in result)
        X_ref, y_ref, centres = _spread_reference(n_samples, seed, spread)
        if X.shape != X_ref.shape:
            raise Wrong(f"{call} returns X of shape {X.shape}; it should be {X_ref.shape}")
        if y.shape == (n_samples,):
            raise Wrong(f"{call} returns a flat y of shape {y.shape}; keep it a column, (n, 1)")
        if y.shape != y_ref.shape:
            raise Wrong(f"{call} returns y of shape {y.shape}; it should be {y_ref.shape}")
        if not np.array_equal(y, y_ref):
            raise Wrong(
                f"{call}: the labels are not in the order of make_blobs({n_samples}, seed={seed}); "
                "draw the same random numbers in the same order, and shuffle X and y together"
            )
        if np.allclose(X, X_ref, rtol=1e-9, atol=1e-12):
            continue
        X_plain = centres + (X_ref - centres) / spread
        if spread == 1.0:
            raise Wrong(
                f"with spread=1 it should give exactly make_blobs({n_samples}, seed={seed}): "
                "draw the same random numbers in the same order"
            )
        if np.allclose(X, X_plain, rtol=1e-9, atol=1e-12):
            raise Wrong(f"{call} gives the same X as spread=1: spread has no effect")
        if np.allclose(X, spread * X_plain, rtol=1e-9, atol=1e-12):
            raise Wrong(
                f"{call} scales the centres too: spread should multiply only the noise, "
                "so the clouds stay around (-1, -1) and (1, 1)"
            )
        if np.allclose(X, centres + (X_plain - centres) / spread, rtol=1e-9, atol=1e-12):
            raise Wrong(f"{call}: the noise is divided by spread; it should be multiplied")
        raise Wrong(f"{call} does not give the samples of make_blobs with its noise times {spread}")
    counts = []
    for spread in (0.3, 1.0, 2.0):
        X, y = make_blobs_spread(100, seed=0, spread=spread)
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        counts.append(int(np.sum((X[:, 0] + X[:, 1] > 0) != (y[:, 0] == 1))))
    return (
        f"points on the wrong side of x1 + x2 = 0: {counts[0]} at spread 0.3, "
        f"{counts[1]} at spread 1, {counts[2]} at spread 2."
    )


# --------------------------------------------------------------------------- 01.4
self_check("01.4", "A lucky accident", "stretch")
