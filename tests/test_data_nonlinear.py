"""Tests of the non-linear data sets in helpers.data: make_moons, make_circles, make_xor."""

import numpy as np
import pytest

from helpers.data import XOR_CENTERS, make_circles, make_moons, make_xor

GENERATORS = [make_moons, make_circles, make_xor]


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("n_samples", [4, 7, 200])
def test_shapes_dtype_and_labels(make, n_samples):
    X, y = make(n_samples)
    assert X.shape == (n_samples, 2)
    assert y.shape == (n_samples, 1)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0}
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("make", [make_moons, make_circles])
@pytest.mark.parametrize("n_samples", [2, 9, 200])
def test_moons_and_circles_are_balanced_with_the_extra_point_in_class_1(make, n_samples):
    _, y = make(n_samples)
    assert int(y.sum()) == n_samples - n_samples // 2


@pytest.mark.parametrize("n_samples", [4, 5, 6, 7, 200, 203])
def test_xor_spreads_points_evenly_over_the_four_clouds(n_samples):
    X, y = make_xor(n_samples, noise=0.0)
    _, counts = np.unique(X, axis=0, return_counts=True)
    assert counts.max() - counts.min() <= 1
    assert int(y.sum()) == n_samples - n_samples // 2  # like moons and circles


@pytest.mark.parametrize("make", GENERATORS)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, y1 = make(50, seed=3)
    X2, y2 = make(50, seed=3)
    X3, _ = make(50, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("make", GENERATORS)
def test_does_not_touch_global_random_state(make):
    state = np.random.get_state()[1].copy()  # noqa: NPY002 - checking it is untouched
    make(20, seed=1)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


@pytest.mark.parametrize("make", GENERATORS)
def test_samples_are_shuffled(make):
    _, y = make(200)
    # Not two blocks: the label changes many times along the array.
    assert np.count_nonzero(np.diff(y[:, 0])) > 50


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = make_moons(101, noise=0.0)
    c0, c1 = X[y[:, 0] == 0], X[y[:, 0] == 1]
    np.testing.assert_allclose(np.hypot(c0[:, 0], c0[:, 1]), 1.0)
    assert np.all(c0[:, 1] >= -1e-12)  # upper half of the unit circle
    np.testing.assert_allclose(np.hypot(c1[:, 0] - 1.0, c1[:, 1] - 0.5), 1.0)
    assert np.all(c1[:, 1] <= 0.5 + 1e-12)  # lower half of the shifted circle
    # End points of both arcs are included (linspace over [0, pi]).
    assert np.isclose(c0[:, 0].min(), -1.0) and np.isclose(c0[:, 0].max(), 1.0)
    assert np.isclose(c1[:, 0].min(), 0.0) and np.isclose(c1[:, 0].max(), 2.0)


@pytest.mark.parametrize("factor", [0.3, 0.5, 0.8])
def test_circles_without_noise_have_radius_1_and_factor(factor):
    X, y = make_circles(100, noise=0.0, factor=factor)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y[:, 0] == 0], 1.0)
    np.testing.assert_allclose(r[y[:, 0] == 1], factor)
    # Evenly spread angles: the mean of each circle is the origin.
    np.testing.assert_allclose(X[y[:, 0] == 0].mean(axis=0), 0.0, atol=1e-12)


def test_xor_without_noise_is_the_truth_table():
    X, y = make_xor(8, noise=0.0)
    assert {tuple(p) for p in X} == set(XOR_CENTERS)
    expected = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(float)
    np.testing.assert_array_equal(y[:, 0], expected)


def test_xor_noise_is_gaussian_with_the_given_spread():
    X, y = make_xor(20_000, noise=0.2, seed=1)
    residual = X - np.sign(X)  # noise 0.2 never moves a point across an axis in practice
    assert abs(residual.std() - 0.2) < 0.005
    assert abs(residual.mean()) < 0.005
    np.testing.assert_array_equal(y[:, 0], (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(float))


@pytest.mark.parametrize("make", [make_moons, make_circles])
def test_noise_is_gaussian_with_the_given_spread(make):
    # With the same seed the same normal draws and the same shuffle are used, so the
    # difference from the noise-free set is exactly the noise.
    X0, y0 = make(20_000, noise=0.0, seed=2)
    X, y = make(20_000, noise=0.15, seed=2)
    np.testing.assert_array_equal(y, y0)
    offsets = X - X0
    assert abs(offsets.std() - 0.15) < 0.003
    assert abs(offsets.mean()) < 0.003


def test_inputs_are_not_aliases_between_calls():
    X1, _ = make_moons(10)
    X1[:] = 0.0
    X2, _ = make_moons(10)
    assert np.any(X2 != 0.0)


@pytest.mark.parametrize("make", GENERATORS)
def test_bad_n_samples(make):
    minimum = 4 if make is make_xor else 2
    with pytest.raises(ValueError, match=f"n_samples must be an integer >= {minimum}; got 1"):
        make(1)
    with pytest.raises(TypeError, match="n_samples must be an integer"):
        make(10.0)
    with pytest.raises(TypeError, match="n_samples must be an integer"):
        make(True)


@pytest.mark.parametrize("make", GENERATORS)
def test_bad_noise(make):
    with pytest.raises(ValueError, match="noise must be a finite number >= 0; got -0.1"):
        make(10, noise=-0.1)
    with pytest.raises(ValueError, match="noise must be a finite number >= 0; got nan"):
        make(10, noise=float("nan"))
    with pytest.raises(TypeError, match="noise must be a number >= 0; got str '0.1'"):
        make(10, noise="0.1")


@pytest.mark.parametrize("make", GENERATORS)
def test_bad_seed(make):
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        make(10, seed=-1)
    with pytest.raises(TypeError, match="seed must be an integer"):
        make(10, seed=1.5)


@pytest.mark.parametrize("factor", [0, 1, 1.5, -0.5])
def test_circles_bad_factor(factor):
    with pytest.raises(ValueError, match="factor must be"):
        make_circles(10, factor=factor)


def test_arguments_after_n_samples_are_keyword_only():
    with pytest.raises(TypeError):
        make_moons(10, 0.1)


def test_notebook_08_inline_functions_match_helpers():
    # Notebook 08 writes make_xor and make_moons inline; they must stay identical to helpers.
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks" / "08_why-a-line-fails.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = next(
        "".join(c["source"]) for c in cells
        if c["cell_type"] == "code" and "def make_xor" in "".join(c["source"])
    )
    namespace = {}
    exec(source, namespace)
    for n_samples, seed, noise in [(200, 0, 0.1), (4, 3, 0.0), (7, 1, 0.3), (101, 42, 0.2)]:
        for name, lib in [("make_xor", make_xor), ("make_moons", make_moons)]:
            X_nb, y_nb = namespace[name](n_samples, noise=noise, seed=seed)
            X_lib, y_lib = lib(n_samples, noise=noise, seed=seed)
            np.testing.assert_array_equal(X_nb, X_lib)
            np.testing.assert_array_equal(y_nb, y_lib)
