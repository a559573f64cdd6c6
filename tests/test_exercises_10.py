"""The checks of notebook 10's exercises accept the right answers and name the wrong ones."""

import numpy as np
import pytest
from exercise_check import check

from helpers.data import add_bias_feature, make_circles, make_moons
from helpers.model import accuracy, predict
from helpers.training import gradient_descent


def _said(capsys, id, answer):
    """Run check(id, answer); return (passed, printed text)."""
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _fit(X, y):
    F = add_bias_feature(X)
    W, _ = gradient_descent(F, y, np.zeros((1, F.shape[1])), lr=0.5, n_iters=1000)
    return accuracy(y, predict(F, W))


def _stub(P): ...  # your code here


@pytest.mark.parametrize("id", ["10.1", "10.2", "10.3"])
def test_a_stub_is_not_attempted(capsys, id):
    passed, out = _said(capsys, id, ...)
    assert not passed and "not attempted yet" in out


def test_a_function_stub_is_not_attempted(capsys):
    passed, out = _said(capsys, "10.4", _stub)
    assert not passed and "not attempted yet" in out


def test_10_1_right_and_wrong(capsys):
    assert _said(capsys, "10.1", (1.0, -1.0, -1.0))[0]  # cuts off (1, -1)
    assert _said(capsys, "10.1", np.array([[-1, 1, -1]]))[0]  # cuts off (-1, 1), as an array
    assert _said(capsys, "10.1", [1.0, 1.0, 1.5])[
        0
    ]  # class 0's (-1, -1) alone on the negative side
    assert "1 corner right" in _said(capsys, "10.1", (-1.0, 1.0, 1.0))[1]  # the sign flipped
    assert "2 of the 4" in _said(capsys, "10.1", (1.0, 0.0, 0.0))[1]  # the line x1 = 0
    assert "exactly on your line" in _said(capsys, "10.1", (1.0, -1.0, -2.0))[1]
    assert "three numbers" in _said(capsys, "10.1", (1.0, -1.0))[1]  # forgot b


def test_10_2_right_and_wrong(capsys):
    accs = {noise: _fit(*make_moons(200, noise=noise, seed=0)) for noise in (0.0, 0.1, 0.3)}
    assert _said(capsys, "10.2", (accs[0.0], accs[0.3]))[0]
    assert _said(capsys, "10.2", np.array([accs[0.0], accs[0.3]]))[0]
    assert "swapped" in _said(capsys, "10.2", (accs[0.3], accs[0.0]))[1]
    assert (
        "noise=0.1" in _said(capsys, "10.2", (accs[0.0], accs[0.1]))[1]
    )  # kept the notebook's noise
    assert "percentage" in _said(capsys, "10.2", (100 * accs[0.0], 100 * accs[0.3]))[1]


def test_10_3_right_and_wrong(capsys):
    data = {f: make_circles(200, noise=0.1, factor=f, seed=0) for f in (0.2, 0.9)}
    radius = {
        f: _fit(np.column_stack([X, X[:, 0] ** 2 + X[:, 1] ** 2]), y) for f, (X, y) in data.items()
    }
    plain = {f: _fit(X, y) for f, (X, y) in data.items()}
    assert _said(capsys, "10.3", (radius[0.2], radius[0.9]))[0]
    out = _said(capsys, "10.3", (plain[0.2], plain[0.9]))[1]
    assert "without the squared-radius feature" in out
    assert "swapped" in _said(capsys, "10.3", (radius[0.9], radius[0.2]))[1]
    assert "pair" in _said(capsys, "10.3", radius[0.2])[1]


def test_10_4_accepts_any_good_feature(capsys):
    assert _said(capsys, "10.4", lambda P: np.cos(np.pi * P[:, 0]))[0]  # flat (m,) is fine
    assert _said(capsys, "10.4", lambda P: np.column_stack([P[:, 0] ** 2, P[:, 0] ** 3]))[0]


def test_10_4_rejects_the_old_hints_features(capsys):
    passed, out = _said(capsys, "10.4", lambda P: P[:, :1] ** 2)
    assert not passed and "below 95%" in out and "89.0%" in out
    assert "below 95%" in _said(capsys, "10.4", lambda P: np.sin(np.pi * P[:, :1]))[1]


def test_10_4_names_shape_scale_and_crash_problems(capsys):
    X_global, _ = make_moons(200, noise=0.1, seed=0)
    out = _said(capsys, "10.4", lambda P: np.cos(np.pi * X_global[:, :1]))[1]  # ignores P
    assert "from P, not from a global" in out
    assert "one row per point" in _said(capsys, "10.4", lambda P: P[:, :1].T)[1]  # transposed
    assert "overflowed" in _said(capsys, "10.4", lambda P: 1e200 * P[:, :1])[1]  # unscaled
    passed, out = _said(capsys, "10.4", lambda P: P[:, 2] ** 2)  # there is no third column
    assert not passed and "running your answer raised IndexError" in out

    def in_place(P):
        P[:, 0] = np.cos(np.pi * P[:, 0])
        return P[:, :1]

    assert "changed its input" in _said(capsys, "10.4", in_place)[1]


def test_10_5_is_a_self_check(capsys):
    assert "self-check" in _said(capsys, "10.5", "too many candidates")[1]
