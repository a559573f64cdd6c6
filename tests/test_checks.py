"""Unit tests of helpers._checks, the validation shared by every public function.

Each check is tested here once, with its variants (NaN or inf, text or None) and its
hints; test_validation.py checks that every public function applies them to each of
its arguments. Messages are matched on the name and a key phrase, not in full.
"""

import numpy as np
import pytest

from helpers._checks import (
    as_float_array,
    check_column,
    check_history_size,
    check_int,
    check_labels,
    check_nonnegative,
    check_positive,
    check_probabilities,
    check_weights,
    check_X,
)


# --------------------------------------------------------------------------- as_float_array
def test_as_float_array_converts_lists_and_ints_to_float64():
    arr = as_float_array("a", [[1, 2], [3, 4]])
    assert arr.dtype == np.float64
    np.testing.assert_array_equal(arr, [[1.0, 2.0], [3.0, 4.0]])


def test_as_float_array_returns_float64_input_without_copy():
    a = np.arange(6.0).reshape(2, 3)
    assert as_float_array("a", a) is a


def test_as_float_array_does_not_modify_input():
    a = np.array([[1, 2], [3, 4]])
    before = a.copy()
    as_float_array("a", a)
    np.testing.assert_array_equal(a, before)
    assert a.dtype == before.dtype


@pytest.mark.parametrize("value", ["1.5", b"1", None])
def test_as_float_array_refuses_strings_and_none(value):
    with pytest.raises(TypeError, match="a must be a numeric array"):
        as_float_array("a", value)


@pytest.mark.parametrize(
    "value",
    [np.array(["1", "0"]), np.array("0.5"), [1.0, "2"], [[1.0, 2.0], [3.0]], [{}, 1.0]],
)
def test_as_float_array_refuses_text_and_ragged_arrays(value):
    with pytest.raises(TypeError, match="a must be a numeric array"):
        as_float_array("a", value)


def test_as_float_array_refuses_none_inside_a_list():
    # NumPy turns None into NaN, which the finiteness check then names.
    with pytest.raises(ValueError, match="a must contain only finite"):
        as_float_array("a", [1.0, None])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_as_float_array_refuses_non_finite_and_counts_them(bad):
    with pytest.raises(ValueError, match="a must contain only finite.* 2 NaN or inf"):
        as_float_array("a", [1.0, bad, 2.0, bad])


def test_as_float_array_refuses_empty():
    with pytest.raises(ValueError, match=r"a must not be empty.*\(0, 2\)"):
        as_float_array("a", np.empty((0, 2)))


def test_as_float_array_checks_ndim():
    with pytest.raises(ValueError, match=r"a must be a 1-D array.*\(2, 2\)"):
        as_float_array("a", np.ones((2, 2)), ndim=1)
    assert as_float_array("a", [1.0, 2.0], ndim=1).shape == (2,)


# --------------------------------------------------------------------------- check_X
def test_check_X_accepts_2d():
    X = check_X([[1, 2, 3]])
    assert X.shape == (1, 3)
    assert X.dtype == np.float64


def test_check_X_refuses_1d_with_reshape_hint():
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, n_features\).*reshape"):
        check_X(np.ones(5))


@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_check_X_refuses_other_ndim(shape):
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, n_features\)") as info:
        check_X(np.ones(shape))
    assert "reshape" not in str(info.value)


def test_check_X_uses_the_given_name():
    with pytest.raises(ValueError, match="P must have shape"):
        check_X(np.ones(3), name="P")


# --------------------------------------------------------------------------- check_column
def test_check_column_accepts_column():
    col = check_column("y", [[0], [1]], 2)
    assert col.shape == (2, 1)


def test_check_column_refuses_1d_vector_with_hint():
    pattern = r"y must have shape \(3, 1\).*y\.reshape"
    with pytest.raises(ValueError, match=pattern):
        check_column("y", np.zeros(3), 3)


def test_check_column_without_n_samples_names_the_convention():
    pattern = r"y must have shape \(n_samples, 1\).*\(3, 2\)"
    with pytest.raises(ValueError, match=pattern):
        check_column("y", np.zeros((3, 2)))


def test_check_column_refuses_length_mismatch():
    pattern = r"y must have shape \(4, 1\) to match.*\(3, 1\)"
    with pytest.raises(ValueError, match=pattern):
        check_column("y", np.zeros((3, 1)), 4)


def test_check_column_refuses_row_vector():
    with pytest.raises(ValueError, match=r"y must have shape \(3, 1\).*\(1, 3\)"):
        check_column("y", np.zeros((1, 3)), 3)


# --------------------------------------------------------------------------- check_labels
def test_check_labels_accepts_0_1_and_bool():
    np.testing.assert_array_equal(check_labels([[0], [1], [1]]), [[0.0], [1.0], [1.0]])
    np.testing.assert_array_equal(check_labels(np.array([[True], [False]])), [[1.0], [0.0]])


@pytest.mark.parametrize(
    ("values", "shown"), [([[0], [2]], "2"), ([[-1], [1]], "-1"), ([[0.5], [1]], "0.5")]
)
def test_check_labels_refuses_other_values_and_shows_them(values, shown):
    with pytest.raises(ValueError, match=rf"y must contain only the labels 0 and 1.* {shown}"):
        check_labels(values)


def test_check_labels_uses_the_given_name():
    with pytest.raises(ValueError, match="y_pred must contain only the labels"):
        check_labels([[3.0]], name="y_pred")


# --------------------------------------------------------------------------- check_probabilities
def test_check_probabilities_accepts_closed_interval():
    p = check_probabilities([[0.0], [0.3], [1.0]], 3)
    np.testing.assert_array_equal(p, [[0.0], [0.3], [1.0]])


@pytest.mark.parametrize("bad", [-1e-9, 1.0 + 1e-9, 3.0])
def test_check_probabilities_refuses_out_of_range_with_logit_hint(bad):
    with pytest.raises(ValueError, match=r"y_hat must hold probabilities.*logits"):
        check_probabilities([[0.5], [bad]], 2)


# --------------------------------------------------------------------------- check_weights
def test_check_weights_accepts_row():
    assert check_weights([[1, 2, 3]], 3).shape == (1, 3)


def test_check_weights_detects_transposed():
    with pytest.raises(ValueError, match=r"W must have shape \(1, 3\).*pass W\.T"):
        check_weights(np.ones((3, 1)), 3)


def test_check_weights_hints_reshape_for_1d():
    with pytest.raises(ValueError, match=r"W must have shape \(1, 2\).*W\.reshape\(1, -1\)"):
        check_weights(np.ones(2), 2)


def test_check_weights_no_transpose_hint_for_a_single_feature():
    with pytest.raises(ValueError, match=r"W must have shape \(1, 1\)") as info:
        check_weights(np.ones((1, 2)), 1)
    assert "transposed" not in str(info.value)


# --------------------------------------------------------------------------- check_int / seed
@pytest.mark.parametrize("value", [3, np.int64(3), np.int32(3)])
def test_check_int_accepts_integers(value):
    out = check_int("n", value, minimum=0)
    assert out == 3
    assert type(out) is int


@pytest.mark.parametrize("value", [True, False, 3.0, "3", None, np.float64(3.0)])
def test_check_int_refuses_non_integers(value):
    with pytest.raises(TypeError, match="n must be an integer >= 0"):
        check_int("n", value, minimum=0)


def test_check_int_refuses_below_minimum():
    with pytest.raises(ValueError, match="n must be an integer >= 2; got 1"):
        check_int("n", 1, minimum=2)


# --------------------------------------------------------------------------- check_positive
@pytest.mark.parametrize("value", [0.1, 1, np.float32(0.5), np.float64(2.0)])
def test_check_positive_accepts_positive_reals(value):
    out = check_positive("lr", value)
    assert out == pytest.approx(float(value))
    assert type(out) is float


@pytest.mark.parametrize("value", [0.0, -0.1, np.nan, np.inf])
def test_check_positive_refuses_non_positive_and_non_finite(value):
    with pytest.raises(ValueError, match="lr must be a finite number > 0"):
        check_positive("lr", value)


@pytest.mark.parametrize("value", [True, "0.1", None, [0.1], 1j])
def test_check_positive_refuses_non_numbers(value):
    with pytest.raises(TypeError, match="lr must be a positive number"):
        check_positive("lr", value)


def test_check_positive_upper_bound_is_exclusive():
    assert check_positive("eps", 0.999, upper=1.0) == 0.999
    with pytest.raises(ValueError, match=r"eps must be a number in \(0, 1\)"):
        check_positive("eps", 1.0, upper=1.0)


# --------------------------------------------------------------------------- check_nonnegative
@pytest.mark.parametrize("value", [0, 0.0, 0.1, 3, np.float32(0.5), np.int64(2)])
def test_check_nonnegative_accepts_zero_and_positive_reals(value):
    out = check_nonnegative("noise", value)
    assert out == pytest.approx(float(value))
    assert type(out) is float


@pytest.mark.parametrize("value", [-0.1, -1, np.nan, np.inf])
def test_check_nonnegative_refuses_negative_and_non_finite(value):
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        check_nonnegative("noise", value)


@pytest.mark.parametrize("value", [True, "0.1", None, [0.1], 1j])
def test_check_nonnegative_refuses_non_numbers(value):
    with pytest.raises(TypeError, match="noise must be a number >= 0"):
        check_nonnegative("noise", value)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (np.array(["1.5", "2"], dtype=object), "holding str '1.5'"),  # not parsed
        (np.array(["2020-01-01"], dtype="datetime64[D]"), "dates"),  # not days since 1970
        (np.array([1, 2], dtype="timedelta64[s]"), "durations"),
        (np.array([True, False]), "booleans"),
        (np.array([1 + 2j]), "complex"),
    ],
)
def test_as_float_array_refuses_what_numpy_would_convert(value, phrase):
    with pytest.raises(TypeError, match=f"a must be a numeric array.*{phrase}"):
        as_float_array("a", value)


def test_as_float_array_accepts_object_arrays_of_numbers():
    np.testing.assert_array_equal(as_float_array("a", np.array([1.5, 2], dtype=object)), [1.5, 2])


def test_check_history_size_refuses_before_allocating_and_says_how_much():
    check_history_size("n_iters", 10**6, 24)  # 24 MB: fine
    with pytest.raises(ValueError, match=r"n_iters=1,000,000,000,000 would need 24,000\.0 GB"):
        check_history_size("n_iters", 10**12, 24)  # gradient_descent with 2 features
