"""Unit tests of helpers.features: standardise (notebook 13)."""

import numpy as np
import pytest

from helpers.data import load_digits, train_val_test_split
from helpers.features import standardise


def test_training_set_gets_mean_0_and_std_1():
    rng = np.random.default_rng(0)
    X_train = rng.normal(loc=[3.0, -2.0, 10.0], scale=[0.5, 2.0, 7.0], size=(200, 3))
    (X_s,) = standardise(X_train)
    np.testing.assert_allclose(X_s.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_s.std(axis=0), 1.0, rtol=1e-12)


def test_other_sets_use_the_training_statistics_not_their_own():
    X_train = np.array([[0.0, 10.0], [2.0, 30.0]])  # mean (1, 20), std (1, 10)
    X_val = np.array([[1.0, 20.0], [3.0, 40.0], [5.0, 0.0]])
    X_test = np.array([[-1.0, 50.0]])
    X_train_s, X_val_s, X_test_s = standardise(X_train, X_val, X_test)
    np.testing.assert_array_equal(X_train_s, [[-1.0, -1.0], [1.0, 1.0]])
    np.testing.assert_array_equal(X_val_s, [[0.0, 0.0], [2.0, 2.0], [4.0, -2.0]])
    np.testing.assert_array_equal(X_test_s, [[-2.0, 3.0]])
    # standardised with its own statistics, the validation set would have mean 0: it has not
    assert not np.allclose(X_val_s.mean(axis=0), 0.0)


def test_a_constant_feature_is_centred_not_divided_by_zero():
    X_train = np.array([[1.0, 4.0], [3.0, 4.0], [5.0, 4.0]])
    X_test = np.array([[3.0, 6.0]])
    with np.errstate(all="raise"):  # no division by zero, no NaN
        X_train_s, X_test_s = standardise(X_train, X_test)
    np.testing.assert_array_equal(X_train_s[:, 1], 0.0)
    assert X_test_s[0, 1] == 2.0  # centred with the training mean, scale 1


def test_inputs_are_not_modified_and_outputs_are_new():
    X_train = np.array([[1.0, 2.0], [3.0, 6.0]])
    X_test = np.array([[0.0, 0.0]])
    before = X_train.copy(), X_test.copy()
    out = standardise(X_train, X_test)
    np.testing.assert_array_equal(X_train, before[0])
    np.testing.assert_array_equal(X_test, before[1])
    assert all(not np.shares_memory(o, i) for o in out for i in (X_train, X_test))


def test_digits_training_split_has_four_constant_pixels():
    """The pixels notebook 13 names: blank in every training image, still centred to 0."""
    X, labels = load_digits()
    X_train, X_val, X_test, *_ = train_val_test_split(X, labels, seed=0)
    constant = np.flatnonzero(X_train.std(axis=0) == 0)
    assert constant.tolist() == [0, 32, 39, 56]
    X_train_s, X_val_s, X_test_s = standardise(X_train, X_val, X_test)
    assert np.all(np.isfinite(X_test_s))
    np.testing.assert_array_equal(X_train_s[:, constant], 0.0)
    varying = np.setdiff1d(np.arange(64), constant)
    np.testing.assert_allclose(X_train_s[:, varying].std(axis=0), 1.0, rtol=1e-12)


@pytest.mark.parametrize(
    ("X_train", "others", "message"),
    [
        (np.ones(3), (), "X_train must have shape"),
        (np.ones((3, 2)), (np.ones((2, 3)),), r"X_others\[0\] must have 2 features"),
        (np.ones((3, 2)), (np.ones((2, 2)), np.full((2, 2), np.nan)), r"X_others\[1\]"),
    ],
)
def test_bad_input_is_named(X_train, others, message):
    with pytest.raises(ValueError, match=message):
        standardise(X_train, *others)


def test_a_constant_feature_whose_mean_rounds_is_still_only_centred():
    """0.1 has no exact binary form: its mean, and so its std, are off by rounding."""
    X_train = np.full((1079, 2), [0.1, 7.7])
    X_train[:, 0] += np.arange(1079) % 2  # the first feature varies, the second is constant
    assert X_train[:, 1].std() > 0  # what rounding does: a tiny but non-zero spread
    (X_train_s,) = standardise(X_train)
    assert np.max(np.abs(X_train_s[:, 1])) < 1e-12  # centred, not divided by 1e-15
    np.testing.assert_allclose(X_train_s[:, 0].std(), 1.0, rtol=1e-12)
