"""The checks of notebook 11's exercises accept the right answers and name the wrong ones."""

import numpy as np
import pytest
from exercise_check import check


def _said(capsys, id, answer):
    """Run check(id, answer); return (passed, printed text)."""
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _stub(Z): ...  # your code here


@pytest.mark.parametrize("id", ["11.2", "11.3"])
def test_a_stub_is_not_attempted(capsys, id):
    passed, out = _said(capsys, id, ...)
    assert not passed and "not attempted yet" in out


@pytest.mark.parametrize("id", ["11.1", "11.4"])
def test_a_function_stub_is_not_attempted(capsys, id):
    passed, out = _said(capsys, id, _stub)
    assert not passed and "not attempted yet" in out


def test_11_1_right_and_wrong(capsys):
    assert _said(capsys, "11.1", lambda dz2, W2: dz2 @ W2)[0]
    assert _said(capsys, "11.1", lambda dz2, W2: dz2 * W2)[0]  # broadcasting: the same numbers
    passed, out = _said(capsys, "11.1", lambda dz2, W2: dz2 @ W2.T)  # the exercise's broken line
    assert not passed and "running your answer raised ValueError" in out
    out = _said(capsys, "11.1", lambda dz2, W2: W2.T @ dz2.T)[1]  # transposed result
    assert "transposed" in out and "(200, 4)" in out
    assert (
        "right shape but not the right values"
        in _said(capsys, "11.1", lambda d, W: d @ np.abs(W))[1]
    )

    def forgot_return(dz2, W2):
        dA1 = dz2 @ W2  # noqa: F841

    assert "returned None" in _said(capsys, "11.1", forgot_return)[1]


def test_11_2_right_and_wrong(capsys):
    assert _said(capsys, "11.2", 199 / 201)[0]
    assert _said(capsys, "11.2", np.float64(0.99005))[0]  # as measured, to four digits
    assert "ratio of the two gradients" in _said(capsys, "11.2", 200)[1]
    assert "denominator" in _said(capsys, "11.2", 199 / 200)[1]  # divided by |G| only
    assert "not exactly" in _said(capsys, "11.2", 1.0)[1]
    assert "not the relative error" in _said(capsys, "11.2", 0.5)[1]


def test_11_3_right_and_wrong(capsys):
    assert _said(capsys, "11.3", 3)[0]
    assert _said(capsys, "11.3", np.int64(3))[0]  # e.g. from np.sum
    assert "not a fraction" in _said(capsys, "11.3", 0.6)[1]  # the share, not the count
    assert "not every seed" in _said(capsys, "11.3", 5)[1]
    assert "range(5)" in _said(capsys, "11.3", 4)[1]  # off by one: seeds 1 to 5 or 0 to 5
    assert "between 0 and 5" in _said(capsys, "11.3", 6)[1]


def test_11_4_right_and_wrong(capsys):
    assert _said(capsys, "11.4", lambda Z: np.where(Z > 0, 1.0, 0.01))[0]
    assert _said(capsys, "11.4", lambda Z: np.where(Z >= 0, 1.0, 0.01))[0]  # 1 at z = 0 is fine
    assert _said(capsys, "11.4", lambda Z: 0.01 + 0.99 * (Z > 0))[0]
    assert "as for ReLU" in _said(capsys, "11.4", lambda Z: (Z > 0).astype(float))[1]
    assert "not its slope" in _said(capsys, "11.4", lambda Z: np.maximum(Z, 0.01 * Z))[1]
    assert "shape" in _said(capsys, "11.4", lambda Z: np.where(Z > 0, 1.0, 0.01).ravel())[1]
    assert (
        "z = 0"
        in _said(capsys, "11.4", lambda Z: np.where(Z > 0, 1.0, np.where(Z < 0, 0.01, 0.5)))[1]
    )

    def in_place(Z):
        Z[Z > 0], Z[Z <= 0] = 1.0, 0.01
        return Z

    assert "changed its input" in _said(capsys, "11.4", in_place)[1]


def test_11_5_is_a_self_check(capsys):
    assert "self-check" in _said(capsys, "11.5", "no")[1]


def test_11_6_is_a_self_check(capsys):
    assert "self-check" in _said(capsys, "11.6", "slope 1")[1]
