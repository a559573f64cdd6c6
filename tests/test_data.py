"""Unit tests of helpers.data: make_blobs (notebook 01) and add_bias_feature (07), the
non-linear sets make_moons, make_circles and make_xor (notebook 10), and the handwritten
digits with their split (notebooks 13-15)."""

import gzip
import hashlib

import numpy as np
import pytest

from helpers.data import (
    DIGITS_PATH,
    DIGITS_SHA256,
    add_bias_feature,
    load_digits,
    make_blobs,
    make_circles,
    make_moons,
    make_xor,
    train_val_test_split,
)


def _fewest_errors_through_origin(X, y):
    """Fewest points misclassified by any line through the origin (exact, by angle sweep).

    The prediction of ``w = (cos t, sin t)`` only changes where ``w`` turns perpendicular
    to a point, so checking one angle strictly between each pair of consecutive critical
    angles covers every line through the origin.
    """
    theta = np.arctan2(X[:, 1], X[:, 0])
    critical = np.sort(np.mod(np.concatenate([theta + np.pi / 2, theta - np.pi / 2]), 2 * np.pi))
    following = np.append(critical[1:], critical[0] + 2 * np.pi)
    mids = (critical + following) / 2
    W = np.column_stack([np.cos(mids), np.sin(mids)])  # (n_angles, 2)
    errors = ((X @ W.T > 0) != (y == 1)).sum(axis=0)
    return int(errors.min())


# --------------------------------------------------------------------------- make_blobs
@pytest.mark.parametrize("n_samples", [2, 3, 100, 101])
def test_make_blobs_shapes_and_dtype(n_samples):
    X, y = make_blobs(n_samples, seed=1)
    assert X.shape == (n_samples, 2)
    assert y.shape == (n_samples, 1)
    assert X.dtype == np.float64
    assert y.dtype == np.float64
    assert np.all(np.isfinite(X))


def test_make_blobs_default_is_100_samples():
    X, y = make_blobs()
    assert X.shape == (100, 2)
    assert y.shape == (100, 1)


@pytest.mark.parametrize("n_samples", [2, 7, 100, 101])
def test_make_blobs_labels_and_balance(n_samples):
    _, y = make_blobs(n_samples, seed=3)
    assert set(np.unique(y)) == {0.0, 1.0}
    assert int((y == 0).sum()) == n_samples // 2
    assert int((y == 1).sum()) == n_samples - n_samples // 2


def test_make_blobs_classes_are_shuffled():
    _, y = make_blobs(100, seed=0)
    # Not two blocks: the label changes many times along the array.
    assert int(np.count_nonzero(np.diff(y[:, 0]))) > 20


def test_make_blobs_class_means_near_the_centres():
    X, y = make_blobs(20_000, seed=0)
    centre = np.array([1.0, 1.0])  # class 1; class 0 at -centre
    np.testing.assert_allclose(X[y[:, 0] == 1].mean(axis=0), centre, atol=0.05)
    np.testing.assert_allclose(X[y[:, 0] == 0].mean(axis=0), -centre, atol=0.05)
    np.testing.assert_allclose(X[y[:, 0] == 1].std(axis=0), [1.0, 1.0], atol=0.05)
    np.testing.assert_allclose(X[y[:, 0] == 0].std(axis=0), [1.0, 1.0], atol=0.05)


def test_make_blobs_is_deterministic_for_a_seed():
    X1, y1 = make_blobs(50, seed=7)
    X2, y2 = make_blobs(50, seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


def test_make_blobs_differs_across_seeds():
    X1, _ = make_blobs(50, seed=0)
    X2, _ = make_blobs(50, seed=1)
    assert not np.allclose(X1, X2)


def test_make_blobs_does_not_touch_global_random_state():
    state = np.random.get_state()[1].copy()  # noqa: NPY002 - the legacy global state
    make_blobs(10, seed=0)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_sweep_helper_detects_a_separable_set():
    # The helper itself must be able to report 0, or the next test proves nothing.
    X = np.array([[1.0, 1.0], [2.0, 0.5], [-1.0, -1.0], [-0.5, -2.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0]])
    assert _fewest_errors_through_origin(X, y) == 0
    y_mixed = np.array([[1.0], [0.0], [0.0], [1.0]])
    assert _fewest_errors_through_origin(X, y_mixed) > 0


def test_make_blobs_seed_0_is_not_separable_through_the_origin():
    # The classes overlap, so the bias-free model's loss has a finite minimum.
    X, y = make_blobs(100, seed=0)
    fewest = _fewest_errors_through_origin(X, y)
    assert 1 <= fewest <= 20
    # The best line through the origin is close to the diagonal x1 + x2 = 0.
    diagonal_errors = int(((X @ np.array([1.0, 1.0]) > 0) != (y[:, 0] == 1)).sum())
    assert diagonal_errors <= fewest + 3


def test_make_blobs_accepts_numpy_integers():
    X, _ = make_blobs(np.int64(4), seed=np.int64(2))
    assert X.shape == (4, 2)


def test_make_blobs_seed_is_keyword_only():
    with pytest.raises(TypeError):
        make_blobs(10, 0)


# --------------------------------------------------------------------------- add_bias_feature
def test_add_bias_feature_values():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    np.testing.assert_array_equal(
        add_bias_feature(X), [[1.0, 2.0, 1.0], [3.0, 4.0, 1.0], [5.0, 6.0, 1.0]]
    )


def test_add_bias_feature_accepts_lists_and_ints():
    X_b = add_bias_feature([[1, 2]])
    assert X_b.dtype == np.float64
    np.testing.assert_array_equal(X_b, [[1.0, 2.0, 1.0]])


def test_add_bias_feature_does_not_modify_or_alias_its_input():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = X.copy()
    X_b = add_bias_feature(X)
    X_b[:] = 0.0
    np.testing.assert_array_equal(X, before)
    assert X.shape == (2, 2)


# ------------------------------------------------------- make_moons, make_circles, make_xor
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
    assert {tuple(p) for p in X} == {(-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (1.0, 1.0)}
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


def test_arguments_after_n_samples_are_keyword_only():
    with pytest.raises(TypeError):
        make_moons(10, 0.1)


# ------------------------------------------------------------------- handwritten digits


def test_digits_file_is_the_documented_one():
    raw = DIGITS_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == DIGITS_SHA256
    assert DIGITS_SHA256 in (DIGITS_PATH.parent / "README.md").read_text()


def test_digits_shapes_range_and_classes():
    X, labels = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert labels.shape == (1797, 1) and labels.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 16.0 and np.all(X == np.round(X))
    assert np.bincount(labels[:, 0]).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    # the first image is a 0: its centre is empty, its left stroke dark
    image = X[0].reshape(8, 8)
    assert labels[0, 0] == 0 and image[3:5, 3:5].max() == 0 and image[2:6, 2].min() >= 8


def test_a_changed_digits_file_is_refused(tmp_path):
    raw = gzip.decompress(DIGITS_PATH.read_bytes())
    changed = tmp_path / "digits.csv.gz"
    changed.write_bytes(gzip.compress(raw.replace(b"0,0,5,13", b"0,0,5,14", 1)))
    with pytest.raises(ValueError, match="SHA-256"):
        load_digits(changed)


def test_split_is_a_stratified_partition():
    X, labels = load_digits()
    X_tr, X_va, X_te, l_tr, l_va, l_te = train_val_test_split(X, labels, seed=0)
    assert [len(a) for a in (X_tr, X_va, X_te)] == [1079, 359, 359]
    # every image in exactly one part, with its own label
    rows = np.vstack([X_tr, X_va, X_te])
    all_labels = np.vstack([l_tr, l_va, l_te])
    key = np.hstack([rows, all_labels])
    original = np.hstack([X, labels])
    assert sorted(map(tuple, key)) == sorted(map(tuple, original))
    # each class in each part at its share, to within one image
    counts = np.bincount(labels[:, 0])
    for part, share in ((l_va, 0.2), (l_te, 0.2), (l_tr, 0.6)):
        assert np.all(np.abs(np.bincount(part[:, 0], minlength=10) - share * counts) <= 1)
    # the classes are shuffled within a part, not in blocks
    assert np.count_nonzero(np.diff(l_tr[:, 0])) > 800


def test_split_is_seeded_and_leaves_its_inputs_alone():
    X, labels = load_digits()
    X0, labels0 = X.copy(), labels.copy()
    a = train_val_test_split(X, labels, seed=3)
    b = train_val_test_split(X, labels, seed=3)
    c = train_val_test_split(X, labels, seed=4)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[5], c[5])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(labels, labels0)
    assert a[3].dtype == np.int64


def test_split_takes_the_series_binary_labels():
    X, y = make_blobs(100, seed=0)
    X_tr, X_va, X_te, y_tr, y_va, y_te = train_val_test_split(X, y, val_size=0.1, test_size=0.3)
    assert (len(y_tr), len(y_va), len(y_te)) == (60, 10, 30)
    assert y_te.dtype == np.float64 and y_te.sum() == 15.0
