"""The checks of notebook 01's exercises: right answers pass, realistic wrong ones are named."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check

from helpers.data import make_blobs


def _out(capsys) -> str:
    return capsys.readouterr().out


def _spread(n_samples=100, *, seed=0, spread=1.0, scale_centres=False, divide=False):
    """make_blobs with its noise times spread, written out like the notebook's (or wrongly)."""
    rng = np.random.default_rng(seed)
    y = np.zeros((n_samples, 1))
    y[n_samples // 2 :] = 1.0
    s = np.where(y == 1.0, 1.0, -1.0) * np.ones((1, 2))
    noise = rng.standard_normal((n_samples, 2))
    X = s + (noise / spread if divide else spread * noise)
    if scale_centres:
        X = spread * (s + noise)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def _max_shift(seeds=(1, 2, 3), *, centre0=-1.0, squared=False):
    distances = []
    for seed in seeds:
        X, y = make_blobs(100, seed=seed)
        for label, centre in ((0, centre0), (1, 1.0)):
            d2 = np.sum((X[y[:, 0] == label].mean(axis=0) - centre) ** 2)
            distances.append(d2 if squared else np.sqrt(d2))
    return max(distances)


# --------------------------------------------------------------------------- 01.1
def test_01_1_counts(capsys):
    assert check("01.1", (50, 51))
    assert check("01.1", np.array([50.0, 51.0]))  # any container of the two numbers
    assert not check("01.1", (51, 50))
    assert "the other way round" in _out(capsys)
    assert not check("01.1", (50.5, 50.5))
    assert "whole number" in _out(capsys)
    assert not check("01.1", (50, 50))  # make_blobs(100) counted instead
    assert "add up to 100" in _out(capsys)


# --------------------------------------------------------------------------- 01.2
def test_01_2_max_shift(capsys):
    assert check("01.2", _max_shift())
    assert check("01.2", np.float64(_max_shift()))
    assert not check("01.2", _max_shift(squared=True))
    assert "squared distance" in _out(capsys)
    assert not check("01.2", _max_shift(centre0=1.0))  # both classes measured from (1, 1)
    assert "(-1, -1)" in _out(capsys)
    assert not check("01.2", [0.1, 0.2, 0.1, 0.0, 0.1, 0.3])
    assert "store only the largest" in _out(capsys)
    assert not check("01.2", 0.5)
    assert "not the largest distance" in _out(capsys)


def test_01_2_largest_coordinate_is_not_a_distance(capsys):
    offsets = []
    for seed in (1, 2, 3):
        X, y = make_blobs(100, seed=seed)
        for label, centre in ((0, -1.0), (1, 1.0)):
            offsets.append(np.abs(X[y[:, 0] == label].mean(axis=0) - centre).max())
    assert not check("01.2", max(offsets))
    assert "single coordinate" in _out(capsys)


# --------------------------------------------------------------------------- 01.3
def test_01_3_right_function_passes(capsys):
    assert check("01.3", _spread)
    assert "29 at spread 2" in _out(capsys)


def test_01_3_rng_normal_with_scale_is_also_right():
    def with_scale(n_samples=100, *, seed=0, spread=1.0):
        rng = np.random.default_rng(seed)
        y = np.zeros((n_samples, 1))
        y[n_samples // 2 :] = 1.0
        X = np.where(y == 1.0, 1.0, -1.0) + rng.normal(0.0, spread, size=(n_samples, 2))
        order = rng.permutation(n_samples)
        return X[order], y[order]

    assert check("01.3", with_scale)


@pytest.mark.parametrize(
    ("wrong", "phrase"),
    [
        (lambda n, *, seed, spread: _spread(n, seed=seed), "spread has no effect"),
        (
            lambda n, *, seed, spread: _spread(n, seed=seed, spread=spread, scale_centres=True),
            "scales the centres too",
        ),
        (
            lambda n, *, seed, spread: _spread(n, seed=seed, spread=spread, divide=True),
            "divided by spread",
        ),
        (lambda n, *, seed, spread: _spread(n, seed=seed + 1, spread=spread), "in the same order"),
        (
            lambda n, *, seed, spread: (
                _spread(n, seed=seed, spread=spread)[0],
                _spread(n, seed=seed, spread=spread)[1].ravel(),
            ),
            "flat y",
        ),
        (lambda n, *, seed, spread: _spread(n, seed=seed, spread=spread)[0], "two arrays"),
    ],
    ids=["ignores-spread", "scales-centres", "divides", "other-seed", "flat-y", "only-X"],
)
def test_01_3_wrong_functions_are_named(capsys, wrong, phrase):
    assert not check("01.3", wrong)
    assert phrase in _out(capsys)


def test_01_3_a_function_that_raises_gets_one_line(capsys):
    def broken(n_samples=100, *, seed=0, spread=1.0):
        return make_blobs(n_samples, seed=seed, spread=spread)  # make_blobs has no spread

    assert not check("01.3", broken)
    assert "not yet: running your answer raised TypeError" in _out(capsys)


# --------------------------------------------------------------------------- stubs
def test_01_stubs_are_not_attempted(capsys):
    def make_blobs_spread(n_samples=100, *, seed=0, spread=1.0): ...  # your code here

    for ex_id, stub in (("01.1", ...), ("01.2", ...), ("01.3", make_blobs_spread)):
        assert not check(ex_id, stub)
        assert f"{ex_id} · not attempted yet" in _out(capsys)
