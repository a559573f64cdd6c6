"""Unit tests of helpers.data: make_blobs and add_bias_feature."""

import numpy as np
import pytest

from helpers.data import BLOB_CENTER, add_bias_feature, make_blobs


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
    centre = np.asarray(BLOB_CENTER)
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


@pytest.mark.parametrize("n_samples", [True, False, 10.0, "10", None, [10]])
def test_make_blobs_refuses_non_integer_n_samples(n_samples):
    with pytest.raises(TypeError, match="^n_samples must be an integer >= 2"):
        make_blobs(n_samples)


@pytest.mark.parametrize("n_samples", [1, 0, -5])
def test_make_blobs_refuses_too_few_samples(n_samples):
    with pytest.raises(ValueError, match=rf"^n_samples must be an integer >= 2; got {n_samples}"):
        make_blobs(n_samples)


def test_make_blobs_accepts_numpy_integers():
    X, _ = make_blobs(np.int64(4), seed=np.int64(2))
    assert X.shape == (4, 2)


@pytest.mark.parametrize("seed", [True, 1.5, "0", None])
def test_make_blobs_refuses_non_integer_seed(seed):
    with pytest.raises(TypeError, match="^seed must be an integer"):
        make_blobs(10, seed=seed)


def test_make_blobs_refuses_negative_seed():
    with pytest.raises(ValueError, match="^seed must be an integer >= 0; got -1"):
        make_blobs(10, seed=-1)


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


@pytest.mark.parametrize(
    ("X", "error", "pattern"),
    [
        (np.ones(3), ValueError, r"^X must have shape \(n_samples, n_features\)"),
        (np.empty((0, 2)), ValueError, "^X must not be empty"),
        (np.array([[1.0, np.nan]]), ValueError, "^X must contain only finite numbers"),
        ("X", TypeError, "^X must be a numeric array"),
    ],
)
def test_add_bias_feature_validates_X(X, error, pattern):
    with pytest.raises(error, match=pattern):
        add_bias_feature(X)
