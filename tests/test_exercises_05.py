"""The checks of notebook 05's exercises accept the right answers and name the wrong ones."""

from __future__ import annotations

import math

import numpy as np
import pytest
from exercise_check import check


def _run(capsys, id, answer):
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _mse_gradient(X, y, y_hat):
    return 2 * ((y_hat - y) * y_hat * (1 - y_hat)).T @ X / X.shape[0]


def _stub(X, y, y_hat):
    """Write me."""
    ...


@pytest.mark.parametrize("id, stub", [("05.1", ...), ("05.2", ...), ("05.4", _stub)])
def test_a_stub_is_not_attempted(capsys, id, stub):
    passed, out = _run(capsys, id, stub)
    assert not passed and "not attempted yet" in out


def test_05_1_loss_of_a_coin_toss(capsys):
    assert _run(capsys, "05.1", math.log(2))[0]
    assert _run(capsys, "05.1", np.float64(0.6931471805599453))[0]
    passed, out = _run(capsys, "05.1", 100 * math.log(2))  # summed, not averaged
    assert not passed and "the sum over the samples" in out
    passed, out = _run(capsys, "05.1", -math.log(2))  # the minus sign dropped
    assert not passed and "sign is wrong" in out
    passed, out = _run(capsys, "05.1", math.log10(2))
    assert not passed and "base 10" in out


def test_05_2_relative_errors_of_the_broken_gradients(capsys):
    assert _run(capsys, "05.2", (99 / 101, 1.0))[0]
    assert _run(capsys, "05.2", np.array([99 / 101, 1.0]))[0]
    passed, out = _run(capsys, "05.2", (1.0, 99 / 101))  # swapped
    assert not passed and "swapped" in out
    passed, out = _run(capsys, "05.2", (1e-10, 1.0))  # forgot to break the first one
    assert not passed and "not broken yet" in out
    passed, out = _run(capsys, "05.2", (124.0, 2.5))  # norms of the difference, not relative
    assert not passed and "at most 1" in out
    passed, out = _run(capsys, "05.2", 0.98)
    assert not passed and "a pair" in out


def test_05_4_squared_error_gradient(capsys):
    assert _run(capsys, "05.4", _mse_gradient)[0]
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: _mse_gradient(X, y, y_hat) / 2)
    assert not passed and "brings down a 2" in out
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: _mse_gradient(X, y, y_hat) * len(X))
    assert not passed and "the sum, not the mean" in out
    passed, out = _run(
        capsys, "05.4", lambda X, y, y_hat: _mse_gradient(X, y, y_hat) * len(X) / 100
    )
    assert not passed and "not a fixed 100" in out
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: _mse_gradient(X, y, y_hat).T)
    assert not passed and "transposed" in out
    per_sample = lambda X, y, y_hat: 2 * (y_hat - y) * y_hat * (1 - y_hat) * X / len(X)  # noqa: E731
    passed, out = _run(capsys, "05.4", per_sample)
    assert not passed and "sum over the samples" in out
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: 2 * (y_hat - y).T @ X / len(X))
    assert not passed and "y_hat (1 - y_hat) is missing" in out
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: -_mse_gradient(X, y, y_hat))
    assert not passed and "sign is wrong" in out


def test_05_4_an_answer_that_raises_is_reported_in_a_line(capsys):
    passed, out = _run(capsys, "05.4", lambda X, y, y_hat: (y_hat - y) @ X)  # (n,1) @ (n,2)
    assert not passed and "not yet: running your answer raised ValueError" in out
    assert "Traceback" not in out
