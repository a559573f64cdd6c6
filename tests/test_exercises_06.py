"""The checks of notebook 06's exercises accept the right answers and name the wrong ones."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check

from helpers.model import bce_loss, forward, gradient


def _run(capsys, id, answer):
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _minibatch(X, y, W0, lr, n_iters, batch_size, rng, *, divide_by=None, batch_loss=False):
    """Mini-batch descent; the keywords make the realistic mistakes."""
    W = W0.copy()
    losses = [bce_loss(y, forward(X, W))]
    for _ in range(n_iters):
        idx = rng.choice(len(X), size=batch_size, replace=False)
        Xb, yb = X[idx], y[idx]
        dW = gradient(Xb, yb, forward(Xb, W)) * batch_size / (divide_by or batch_size)
        W = W - lr * dW
        losses.append(bce_loss(yb, forward(Xb, W)) if batch_loss else bce_loss(y, forward(X, W)))
    return W, np.array(losses)


def _stub(X, y, W0, lr, n_iters, batch_size, rng):
    """Write me."""
    ...


@pytest.mark.parametrize("id, stub", [("06.1", ...), ("06.2", ...), ("06.4", _stub)])
def test_a_stub_is_not_attempted(capsys, id, stub):
    passed, out = _run(capsys, id, stub)
    assert not passed and "not attempted yet" in out


def test_06_1_iterations_with_lr_half(capsys):
    assert _run(capsys, "06.1", 53)[0]
    passed, out = _run(capsys, "06.1", 54)  # off by one
    assert not passed and "one too many" in out
    passed, out = _run(capsys, "06.1", 0)  # np.argmax of a condition that is never true
    assert not passed and "all-False" in out
    passed, out = _run(capsys, "06.1", 30)  # loss - loss_star <= 0.01
    assert not passed and "absolute gap" in out
    passed, out = _run(capsys, "06.1", 26)  # copied from the table (lr = 1)
    assert not passed and "from the table" in out


def test_06_2_iterations_per_tolerance(capsys):
    assert _run(capsys, "06.2", [139, 362, 584])[0]
    assert _run(capsys, "06.2", np.array([139, 362, 584]))[0]
    passed, out = _run(capsys, "06.2", [584, 362, 139])
    assert not passed and "order is reversed" in out
    passed, out = _run(capsys, "06.2", [140, 363, 585])  # counting gradient evaluations
    assert not passed and "one too many" in out
    passed, out = _run(capsys, "06.2", 362)
    assert not passed and "three numbers" in out


def test_06_4_minibatch_descent(capsys):
    assert _run(capsys, "06.4", _minibatch)[0]
    passed, out = _run(
        capsys,
        "06.4",
        lambda X, y, W0, lr, n, b, rng: _minibatch(X, y, W0, lr, n, b, rng, divide_by=len(X)),
    )  # divides the batch gradient by all 100 samples
    assert not passed and "divide by its size" in out
    passed, out = _run(
        capsys,
        "06.4",
        lambda X, y, W0, lr, n, b, rng: _minibatch(X, y, W0, lr, n, b, rng, batch_loss=True),
    )  # records the loss of the mini-batch
    assert not passed and "not on the mini-batch" in out
    passed, out = _run(
        capsys, "06.4", lambda X, y, W0, lr, n, b, rng: _minibatch(X, y, W0, lr, n, len(X), rng)
    )  # ignores batch_size: the full batch every time
    assert not passed and "full-batch run" in out

    def unseeded(X, y, W0, lr, n_iters, batch_size, rng):  # np.random's own generator
        return _minibatch(X, y, W0, lr, n_iters, batch_size, np.random.default_rng())

    passed, out = _run(capsys, "06.4", unseeded)
    assert not passed and "draw with the rng argument" in out
    passed, out = _run(capsys, "06.4", lambda X, y, W0, lr, n, b, rng: (W0, [0.0] * n))
    assert not passed and "should be (31,)" in out


def test_06_4_an_answer_that_raises_is_reported_in_a_line(capsys):
    def broken(X, y, W0, lr, n_iters, batch_size, rng):
        idx = rng.choice(len(X), size=batch_size, replace=False)
        z = X[idx] @ W0  # W0 not transposed: (10, 2) @ (1, 2)
        return W0, z

    passed, out = _run(capsys, "06.4", broken)
    assert not passed and "not yet: running your answer raised" in out
    assert "Traceback" not in out
