"""helpers.lines: the accuracy of every straight line, and the exact best line."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import make_blobs, make_xor
from helpers.lines import best_line, critical_angles, line_accuracies


def _score(X, y, u, t):
    """Accuracy of the rule u . x >= t, written out."""
    return float(np.mean((X @ u >= t) == (y[:, 0] == 1)))


def _plain_best(X, y, a):
    """Best accuracy over thresholds for one direction: every cut between sorted positions."""
    u = np.array([np.cos(a), np.sin(a)])
    p = np.sort(X @ u)
    cuts = np.concatenate([[p[0] - 1.0], (p[1:] + p[:-1]) / 2, [p[-1] + 1.0]])
    return max(_score(X, y, u, t) for t in cuts)


def _random_points(seed, n=9):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    y = (rng.random((n, 1)) < 0.5).astype(float)
    return X, y


# --------------------------------------------------------------------------- line_accuracies
@pytest.mark.parametrize("seed", range(4))
def test_line_accuracies_match_a_plain_loop(seed):
    X, y = _random_points(seed)
    angles = np.random.default_rng(seed + 100).uniform(0, 2 * np.pi, 25)
    origin, best, thresholds = line_accuracies(X, y, angles)
    assert origin.shape == best.shape == thresholds.shape == (25,)
    for k, a in enumerate(angles):
        u = np.array([np.cos(a), np.sin(a)])
        assert origin[k] == _score(X, y, u, 0.0)
        assert best[k] == pytest.approx(_plain_best(X, y, a), abs=1e-12)
        assert _score(X, y, u, thresholds[k]) == pytest.approx(best[k], abs=1e-12)  # it is the one


def test_line_accuracies_thresholds_sit_between_points():
    X, y = make_blobs(30, seed=3)
    angles = np.linspace(0, 2 * np.pi, 50, endpoint=False)
    _, _, thresholds = line_accuracies(X, y, angles)
    U = np.column_stack([np.cos(angles), np.sin(angles)])
    gaps = np.abs(X @ U.T - thresholds)  # distance of each point to each line
    assert gaps.min() > 1e-9


def test_line_accuracies_never_split_equal_points():
    # Two points at the same place with different labels: no line separates them.
    X = np.array([[1.0, 1.0], [1.0, 1.0], [-1.0, 0.0]])
    y = np.array([[0.0], [1.0], [0.0]])
    _, best, _ = line_accuracies(X, y, np.linspace(0, 2 * np.pi, 36, endpoint=False))
    assert best.max() == pytest.approx(2 / 3)


def test_line_accuracies_do_not_modify_the_input():
    X, y = make_blobs(10, seed=0)
    angles = np.array([0.1, 2.0])
    copies = X.copy(), y.copy(), angles.copy()
    line_accuracies(X, y, angles)
    for before, after in zip(copies, (X, y, angles), strict=True):
        np.testing.assert_array_equal(before, after)


# --------------------------------------------------------------------------- critical_angles
def test_critical_angles_one_per_arc():
    X, _ = _random_points(0)
    through = critical_angles(X, through_origin=True)
    anywhere = critical_angles(X)
    assert through.shape == (2 * 9,)  # two perpendiculars per point
    assert anywhere.shape == (9 * 8,)  # two per pair of points
    for angles in (through, anywhere):
        assert np.all(np.diff(angles) > 0)
        assert angles.min() >= 0 and angles.max() < 2 * np.pi


def test_critical_angles_of_a_single_point_or_the_origin():
    assert critical_angles([[0.0, 0.0]], through_origin=True).tolist() == [0.0]
    assert critical_angles([[1.0, 2.0]]).tolist() == [0.0]  # no pair: one arc


# --------------------------------------------------------------------------- best_line
@pytest.mark.parametrize("seed", range(6))
def test_best_line_is_the_best_of_a_fine_grid(seed):
    # A fine enough grid finds the optimum too; the exact search must match it and
    # never lose to any grid.
    X, y = _random_points(seed, n=8)
    fine = np.linspace(0, 2 * np.pi, 40_000, endpoint=False)
    for through_origin in (True, False):
        exact = best_line(X, y, through_origin=through_origin)
        grid = best_line(X, y, through_origin=through_origin, angles=fine)
        assert exact["accuracy"] == grid["accuracy"]
        u, t = exact["direction"], exact["threshold"]
        assert _score(X, y, u, t) == exact["accuracy"]


def test_best_line_through_the_origin_by_angle_sweep():
    # The same sweep as tests/test_data.py, written with the strict rule u . x > 0.
    X, y = make_blobs(100, seed=0)
    theta = np.arctan2(X[:, 1], X[:, 0])
    critical = np.sort(np.mod(np.concatenate([theta + np.pi / 2, theta - np.pi / 2]), 2 * np.pi))
    mids = (critical + np.append(critical[1:], critical[0] + 2 * np.pi)) / 2
    W = np.column_stack([np.cos(mids), np.sin(mids)])
    fewest = int(((X @ W.T > 0) != (y == 1)).sum(axis=0).min())
    assert best_line(X, y, through_origin=True)["accuracy"] == 1 - fewest / 100


def test_best_line_on_blobs_and_xor():
    X, y = make_blobs(100, seed=0)
    through, anywhere = best_line(X, y, through_origin=True), best_line(X, y)
    assert through["threshold"] == 0.0
    assert through["accuracy"] <= anywhere["accuracy"] < 1.0  # the classes overlap
    assert np.linalg.norm(anywhere["direction"]) == pytest.approx(1.0)
    assert anywhere["n_angles"] == 100 * 99
    X_xor, y_xor = make_xor(200, noise=0.1, seed=0)
    assert best_line(X_xor, y_xor)["accuracy"] == 0.75  # three clouds of four


def test_best_line_separates_separable_data():
    X = np.array([[0.0, 3.0], [1.0, 3.5], [0.5, 5.0], [0.0, 1.0], [1.0, 0.5]])
    y = np.array([[1.0], [1.0], [1.0], [0.0], [0.0]])
    assert best_line(X, y)["accuracy"] == 1.0
    assert best_line(X, y, through_origin=True)["accuracy"] < 1.0  # all on one side of 0


def test_best_line_first_of_equal_lines_and_chunks(monkeypatch):
    # The answer must not depend on how the directions are cut into chunks.
    import helpers.lines

    X, y = make_blobs(40, seed=2)
    whole = best_line(X, y)
    monkeypatch.setattr(helpers.lines, "CHUNK", 7)
    chunked = best_line(X, y)
    assert chunked["angle"] == whole["angle"]  # the same, first, of the equally good lines
    assert chunked["accuracy"] == whole["accuracy"]
    assert chunked["threshold"] == pytest.approx(whole["threshold"], abs=1e-12)
