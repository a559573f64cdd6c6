"""The checks of notebook 08's exercises accept the right answers and name the wrong ones."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check

from helpers.data import make_blobs
from helpers.learning_rate import loss_minimum
from helpers.model import forward


def _run(capsys, id, answer):
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _hessian(X, y, W):
    """H = X^T D X / n, as the notebook writes it."""
    y_hat = forward(X, W)
    return X.T @ (y_hat * (1 - y_hat) * X) / X.shape[0]


@pytest.fixture(scope="module")
def data():
    return make_blobs(100, seed=0)


@pytest.fixture(scope="module")
def lam(data):
    """The two curvatures at the minimum, smallest first."""
    X, y = data
    return np.linalg.eigvalsh(_hessian(X, y, loss_minimum(X, y)[0]))


def _stub(lr):
    """Write me."""
    ...


@pytest.mark.parametrize("id, stub", [("08.1", ...), ("08.2", ...), ("08.3", _stub)])
def test_a_stub_is_not_attempted(capsys, id, stub):
    passed, out = _run(capsys, id, stub)
    assert not passed and "not attempted yet" in out


def test_08_1_hessian_at_the_origin(capsys, data):
    X, y = data
    H0 = _hessian(X, y, np.zeros((1, 2)))
    passed, out = _run(capsys, "08.1", H0)
    assert passed and "L = 0.6953" in out
    assert _run(capsys, "08.1", H0.tolist())[0]
    passed, out = _run(capsys, "08.1", X.T @ X / 4)  # summed, not averaged
    assert not passed and "n times too large" in out
    passed, out = _run(capsys, "08.1", X.T @ X / 100)  # D = identity: y_hat (1 - y_hat) taken as 1
    assert not passed and "4 times too large" in out
    passed, out = _run(capsys, "08.1", X.T @ (0.5 * X) / 100)  # D holds y_hat, not y_hat(1 - y_hat)
    assert not passed and "2 times too large" in out
    passed, out = _run(capsys, "08.1", X @ X.T / 400)  # the (n, n) Gram matrix
    assert not passed and "X @ X.T" in out
    passed, out = _run(capsys, "08.1", np.triu(H0))  # only the upper triangle filled in
    assert not passed and "not symmetric" in out
    passed, out = _run(capsys, "08.1", _hessian(X, y, loss_minimum(X, y)[0]))  # at W*, not W = 0
    assert not passed and "not the Hessian at W = 0" in out
    passed, out = _run(capsys, "08.1", 0.1738)
    assert not passed and "shape (2, 2)" in out


def test_08_2_the_edge_for_half_of_the_data(capsys, data):
    X, y = data
    Xh, yh = X[::2], y[::2]
    W_half = loss_minimum(Xh, yh)[0]
    lam_max = np.linalg.eigvalsh(_hessian(Xh, yh, W_half))[-1]
    passed, out = _run(capsys, "08.2", 2 / lam_max)
    assert passed and "23.17" in out
    passed, out = _run(capsys, "08.2", np.array([[2 / lam_max]]))
    assert passed
    L_half = np.linalg.eigvalsh(Xh.T @ Xh)[-1] / (4 * 50)
    passed, out = _run(capsys, "08.2", 2 / L_half)  # the guarantee, not the edge
    assert not passed and "2/L" in out
    lam_full = np.linalg.eigvalsh(_hessian(X, y, loss_minimum(X, y)[0]))[-1]
    passed, out = _run(capsys, "08.2", 2 / lam_full)  # copied from the notebook
    assert not passed and "all 100 points" in out
    W0 = np.random.default_rng(5).normal(size=(1, 2))
    passed, out = _run(capsys, "08.2", 2 / np.linalg.eigvalsh(_hessian(Xh, yh, W0))[-1])
    assert not passed and "at W0" in out
    passed, out = _run(capsys, "08.2", 1 / lam_max)
    assert not passed and "half the edge" in out
    passed, out = _run(capsys, "08.2", "23.17")
    assert not passed and "one number" in out


def test_08_3_the_per_step_factor(capsys, lam):
    def rate(lr):
        return max(abs(1 - lr * lam[0]), abs(1 - lr * lam[1]))

    passed, out = _run(capsys, "08.3", rate)
    assert passed and "17.58" in out and "0.287" in out
    passed, out = _run(capsys, "08.3", lambda lr: 1 - lr * lam[0])  # the flat direction only
    assert not passed and "flat direction's factor alone" in out
    passed, out = _run(capsys, "08.3", lambda lr: abs(1 - lr * lam[1]))  # the steep one only
    assert not passed and "steep direction's factor alone" in out
    passed, out = _run(capsys, "08.3", lambda lr: max(abs(1 - lr * lam[0]), 1 - lr * lam[1]))
    assert not passed and "compare sizes" in out
    passed, out = _run(capsys, "08.3", lambda lr: min(abs(1 - lr * lam[0]), abs(1 - lr * lam[1])))
    assert not passed and "the slower one decides" in out
    passed, out = _run(capsys, "08.3", lambda lr: abs(1 - lr * 0.6953))  # L instead of H(W*)
    assert not passed and "uses L" in out
    passed, out = _run(capsys, "08.3", lambda lr: np.abs(1 - lr * lam))  # both factors, no max
    assert not passed and "one number" in out
    passed, out = _run(capsys, "08.3", 0.287)
    assert not passed and "should be a function" in out


def test_08_3_an_answer_that_raises_is_reported_in_a_line(capsys):
    def broken(lr):
        return max(abs(1 - lr * lam_undefined[0]), 0.0)  # noqa: F821 - a name the learner forgot

    passed, out = _run(capsys, "08.3", broken)
    assert not passed and "not yet: running your answer raised NameError" in out
    assert "Traceback" not in out
