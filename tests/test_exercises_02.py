"""The checks of notebook 02's exercises: right answers pass, realistic wrong ones are named."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check

from helpers import model
from helpers.data import make_blobs

X, _ = make_blobs(100, seed=0)
W = np.random.default_rng(5).normal(size=(1, 2))
Z_LIMIT = -np.log(np.finfo(float).max)


def _out(capsys) -> str:
    return capsys.readouterr().out


def _naive(z):
    return 1.0 / (1.0 + np.exp(-z))


# --------------------------------------------------------------------------- 02.1
def test_02_1_sig_pair(capsys):
    assert check("02.1", (model.sigmoid(2.0), model.sigmoid(-2.0)))
    assert check("02.1", [_naive(2.0), 1.0 - _naive(2.0)])  # any correct way
    assert not check("02.1", (model.sigmoid(-2.0), model.sigmoid(2.0)))
    assert "other way round" in _out(capsys)
    assert not check("02.1", (0.88, 0.12))  # digits copied from a print
    assert "rounded" in _out(capsys)
    assert not check("02.1", (1.0 / (1.0 + np.exp(2.0)), 1.0 / (1.0 + np.exp(-2.0))))  # sign slip
    assert "the other way round" in _out(capsys)
    assert not check("02.1", (model.sigmoid(2.0), model.sigmoid(2.0)))
    assert "both values are equal" in _out(capsys)
    assert not check("02.1", model.sigmoid(2.0))
    assert "2 number(s)" in _out(capsys)


# --------------------------------------------------------------------------- 02.2
def test_02_2_y_hat_small(capsys):
    assert check("02.2", model.forward(X, 0.1 * W))
    assert check("02.2", model.sigmoid((0.1 * X) @ W.T))  # scaling X instead is the same model
    out = _out(capsys)
    assert "not one more is right" in out


@pytest.mark.parametrize(
    ("wrong", "phrase"),
    [
        (lambda: model.forward(X, W), "of W itself"),
        (lambda: 0.1 * model.forward(X, W), "scaled the probabilities, not the weights"),
        (lambda: model.forward(X, 10 * W), "10 * W"),
        (lambda: model.predict(X, 0.1 * W), "0/1 predictions"),
        (lambda: model.forward(X, 0.1 * W).ravel(), "(100,)"),
        (lambda: model.forward(X, 0.1 * W).T, "shape (1, 100)"),
        (lambda: model.forward(X, 0.2 * W), "not the probabilities"),
    ],
    ids=["unscaled", "scaled-output", "times-10", "predictions", "flat", "transposed", "other"],
)
def test_02_2_wrong_answers_are_named(capsys, wrong, phrase):
    assert not check("02.2", wrong())
    assert phrase in _out(capsys)


# --------------------------------------------------------------------------- 02.3
def test_02_3_z_limit(capsys):
    assert check("02.3", Z_LIMIT)
    assert check("02.3", -709.78)  # found by searching, to within 0.01
    assert check("02.3", np.float64(Z_LIMIT + 0.005))
    assert not check("02.3", -710.0)
    assert "already overflows" in _out(capsys)
    assert not check("02.3", -709)  # stopped at the integer
    assert "still safe" in _out(capsys)
    assert not check("02.3", -Z_LIMIT)
    assert "should be negative" in _out(capsys)
    assert not check("02.3", -745.13)  # where exp(z) underflows, not where exp(-z) overflows
    assert "already overflows" in _out(capsys)


# --------------------------------------------------------------------------- 02.4
def test_02_4_forward_one(capsys):
    assert check("02.4", lambda x, W: model.forward(x.reshape(1, -1), W))
    assert check("02.4", lambda x, W: model.forward(x[np.newaxis], W))
    assert check("02.4", lambda x, W: model.sigmoid(np.atleast_2d(x) @ W.T))
    assert "samples axis" in _out(capsys)


@pytest.mark.parametrize(
    ("wrong", "phrase"),
    [
        (lambda x, W: model.sigmoid(x @ W.T), "has shape (1,)"),  # the inline forward on x
        (lambda x, W: float(model.forward(x.reshape(1, -1), W)[0, 0]), "shape ()"),
        (lambda x, W: model.forward(x.reshape(1, 2), W), "do not assume two features"),
        (lambda x, W: model.forward(x.reshape(-1, 1), W), "one feature per row"),
        (lambda x, W: model.forward(X[:1], W), "not the probability of that sample"),
        (lambda x, W: model.forward(x.reshape(1, -1), -W), "not the probability of that sample"),
    ],
    ids=["flat", "float", "hard-coded-2", "column", "global-X", "sign"],
)
def test_02_4_wrong_functions_are_named(capsys, wrong, phrase):
    assert not check("02.4", wrong)
    assert phrase in _out(capsys)


def test_02_4_a_function_that_raises_gets_one_line(capsys):
    def forward_one(x, W):
        return forward(x.reshape(1, -1), W)  # noqa: F821 - the inline forward is not defined

    assert not check("02.4", forward_one)
    assert "not yet: running your answer raised NameError" in _out(capsys)


# --------------------------------------------------------------------------- stubs
def test_02_stubs_are_not_attempted(capsys):
    def forward_one(x, W): ...  # your code here

    for ex_id, stub in (("02.1", ...), ("02.2", ...), ("02.3", ...), ("02.4", forward_one)):
        assert not check(ex_id, stub)
        assert f"{ex_id} · not attempted yet" in _out(capsys)
