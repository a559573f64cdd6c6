"""The checks of notebook 07's exercises accept the right answers and name the wrong ones."""

import numpy as np
import pytest
from exercise_check import check

from helpers.data import add_bias_feature, make_blobs
from helpers.model import accuracy, predict
from helpers.training import gradient_descent


def _said(capsys, id, answer):
    """Run check(id, answer); return (passed, printed text)."""
    passed = check(id, answer)
    return passed, capsys.readouterr().out


@pytest.fixture(scope="module")
def shifted():
    """The notebook's blobs and start, and a function training both models on a shift."""
    X, y = make_blobs(100, seed=0)
    W0 = np.random.default_rng(5).normal(size=(1, 2))

    def run(shift):
        Xs = X + np.array(shift)
        W, _ = gradient_descent(Xs, y, W0, lr=0.5, n_iters=5000)
        Wb, _ = gradient_descent(
            add_bias_feature(Xs), y, np.hstack([W0, [[0.0]]]), lr=0.5, n_iters=5000
        )
        return accuracy(y, predict(Xs, W)), accuracy(y, predict(add_bias_feature(Xs), Wb)), W, Wb

    return run


@pytest.mark.parametrize("id", ["07.1", "07.2", "07.3"])
def test_a_stub_is_not_attempted(capsys, id):
    passed, out = _said(capsys, id, ...)
    assert not passed and "not attempted yet" in out


def test_07_1_right_and_wrong(capsys, shifted):
    no_bias, with_bias, _, _ = shifted([-2.0, 4.0])
    assert _said(capsys, "07.1", (no_bias, with_bias))[0]
    assert _said(capsys, "07.1", [np.float64(no_bias), np.float64(with_bias)])[
        0
    ]  # a list of NumPy scalars
    old = shifted([3.0, 2.0])
    assert (
        "shift (3, 2)" in _said(capsys, "07.1", old[:2])[1]
    )  # the notebook's shift, not the new one
    assert "swapped" in _said(capsys, "07.1", (with_bias, no_bias))[1]
    assert "percentage" in _said(capsys, "07.1", (100 * no_bias, 100 * with_bias))[1]
    assert "pair" in _said(capsys, "07.1", no_bias)[1]  # one number instead of two


def test_07_2_right_and_wrong(capsys, shifted):
    _, _, W_shift, W_b = shifted([3.0, 2.0])
    w1, w2, b = W_b[0]
    x1 = -(2 * w2 + b) / w1
    assert _said(capsys, "07.2", x1)[0]
    assert _said(capsys, "07.2", np.array([x1 + 2e-4]))[0]  # a size-1 array, three decimals
    assert "sign" in _said(capsys, "07.2", (2 * w2 + b) / w1)[1]  # a sign slip
    assert "x1 = 2" in _said(capsys, "07.2", -(2 * w1 + b) / w2)[1]  # solved for x2 instead
    assert "bias-free" in _said(capsys, "07.2", -2 * W_shift[0, 1] / W_shift[0, 0])[1]
    assert "not on the boundary" in _said(capsys, "07.2", round(x1, 1))[1]  # not precise enough


def test_07_3_right_and_wrong(capsys):
    rng = np.random.default_rng(0)
    corners = np.array([[-2.0, -2.0], [2.0, 2.0], [-2.0, 2.0], [2.0, -2.0]])
    X = np.repeat(corners, 25, axis=0) + 0.7 * rng.standard_normal((100, 2))
    y = np.repeat([0.0, 0.0, 1.0, 1.0], 25).reshape(-1, 1)
    F = add_bias_feature(np.column_stack([X, X[:, 0] * X[:, 1]]))
    W, _ = gradient_descent(F, y, np.zeros((1, 4)), lr=0.5, n_iters=2000)
    assert _said(capsys, "07.3", accuracy(y, predict(F, W)))[0]
    F_plain = add_bias_feature(X)  # forgot the product feature
    W_plain, _ = gradient_descent(F_plain, y, np.zeros((1, 3)), lr=0.5, n_iters=2000)
    out = _said(capsys, "07.3", accuracy(y, predict(F_plain, W_plain)))[1]
    assert "without the product feature" in out
    assert "percentage" in _said(capsys, "07.3", 100.0)[1]
    assert "one number" in _said(capsys, "07.3", "100%")[1]


def test_07_4_is_a_self_check(capsys):
    passed, out = _said(capsys, "07.4", "no finite minimum")
    assert not passed and "self-check" in out
