"""The checks of notebook 03's exercises: right answers pass, realistic wrong ones are named."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check

from helpers import model
from helpers.data import make_blobs

X, y = make_blobs(100, seed=0)
W = np.random.default_rng(5).normal(size=(1, 2))
W_HAND = np.array([[1.0, 1.0]])


def _out(capsys) -> str:
    return capsys.readouterr().out


# --------------------------------------------------------------------------- 03.1
def test_03_1_y_pred_flipped(capsys):
    assert check("03.1", model.predict(X, -W))
    assert check("03.1", model.forward(X, -W) >= 0.5)  # booleans are 0/1 predictions too
    assert check("03.1", 1.0 - model.predict(X, W))  # no sample lies on the boundary
    assert "colours exchanged" in _out(capsys)


@pytest.mark.parametrize(
    ("wrong", "phrase"),
    [
        (lambda: model.predict(X, W), "predictions of W itself"),
        (lambda: model.forward(X, -W), "threshold the probabilities"),
        (lambda: model.predict(X, -W).ravel(), "(100,)"),
        (lambda: model.predict(X, -W).T, "shape (1, 100)"),
        (lambda: model.predict(X, -W.T.reshape(1, 2)[:, ::-1]), "not the predictions of -W"),
        (lambda: 0.91, "should be an array"),
    ],
    ids=["W", "probabilities", "flat", "transposed", "swapped-weights", "accuracy"],
)
def test_03_1_wrong_answers_are_named(capsys, wrong, phrase):
    assert not check("03.1", wrong())
    assert phrase in _out(capsys)


# --------------------------------------------------------------------------- 03.2
def test_03_2_acc_by_hand(capsys):
    acc = model.accuracy(y, model.predict(X, W_HAND))
    assert check("03.2", acc)
    assert check("03.2", np.mean(model.predict(X, W_HAND) == y))
    assert "11 points on the wrong side" in _out(capsys)
    assert not check("03.2", 1.0 - acc)
    assert "fraction of wrong predictions" in _out(capsys)
    assert not check("03.2", 100 * acc)
    assert "percentage" in _out(capsys)
    assert not check("03.2", model.accuracy(y, model.predict(X, W)))
    assert "random W" in _out(capsys)
    assert not check("03.2", model.accuracy(y, model.predict(X, -W)))
    assert "accuracy of -W" in _out(capsys)
    assert not check("03.2", model.predict(X, W_HAND))
    assert "one number" in _out(capsys)


# --------------------------------------------------------------------------- 03.3
def test_03_3_z_boundary(capsys):
    assert check("03.3", np.log(0.7 / 0.3))
    assert check("03.3", -np.log(1.0 / 0.7 - 1.0))  # another way to write it
    assert "no longer through the origin" in _out(capsys)


@pytest.mark.parametrize(
    ("wrong", "phrase"),
    [
        (0.85, "rounded"),
        (np.log(0.3 / 0.7), "wrong sign"),
        (0.7, "the probability ŷ at the boundary"),
        (float(model.sigmoid(0.7)), "σ(0.7)"),
        (np.log(0.7), "log(0.7) alone"),
        (0.5, "not 0.7"),
        ("0.85", "one number"),
    ],
    ids=["rounded", "sign", "probability", "sigmoid", "log", "half", "string"],
)
def test_03_3_wrong_answers_are_named(capsys, wrong, phrase):
    assert not check("03.3", wrong)
    assert phrase in _out(capsys)


# --------------------------------------------------------------------------- stubs and errors
def test_03_stubs_are_not_attempted(capsys):
    for ex_id in ("03.1", "03.2", "03.3"):
        assert not check(ex_id, ...)
        assert f"{ex_id} · not attempted yet" in _out(capsys)


def test_03_an_answer_that_fails_inside_the_check_gets_one_line(capsys):
    ragged = [[1.0], [0.0, 1.0]]  # a hand-typed list of rows of different lengths
    assert not check("03.1", ragged)
    assert "not yet: running your answer raised ValueError" in _out(capsys)
