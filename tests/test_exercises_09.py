"""Checks of notebook 09's exercises: the right answers pass, realistic wrong ones are named."""

import math

import numpy as np
import pytest

from helpers.exercises import EXERCISES, PASSED, check
from helpers.model import loss_from_logits


def run(answer_id, answer, capsys):
    PASSED.discard(answer_id)
    check(answer_id, answer)
    return answer_id in PASSED, capsys.readouterr().out


def test_registered():
    kinds = {k: e.kind for k, e in EXERCISES.items() if e.notebook == "09"}
    assert kinds == {"09.1": "self", "09.2": "check", "09.3": "check", "09.4": "check"}


@pytest.mark.parametrize("answer_id", ["09.2", "09.3", "09.4"])
def test_stub_is_not_attempted(answer_id, capsys):
    def stub(y, y_hat): ...  # your code here

    check(answer_id, ...)
    check(answer_id, stub)
    assert capsys.readouterr().out.count("not attempted yet") == 2


# --------------------------------------------------------------------------- 09.2
def loss_loop(y, y_hat):
    total = 0.0
    for i in range(y.shape[0]):
        total += y[i, 0] * math.log(y_hat[i, 0]) + (1 - y[i, 0]) * math.log(1 - y_hat[i, 0])
    return -total / y.shape[0]


def test_loss_loop(capsys):
    assert run("09.2", loss_loop, capsys)[0]

    def no_minus(y, y_hat):
        return -loss_loop(y, y_hat)

    passed, out = run("09.2", no_minus, capsys)
    assert not passed and "negative loss" in out

    def summed(y, y_hat):
        return loss_loop(y, y_hat) * y.shape[0]

    passed, out = run("09.2", summed, capsys)
    assert not passed and "times too large" in out

    def fixed_n(y, y_hat):  # divides by the 100 of the notebook's y_small
        return loss_loop(y, y_hat) * y.shape[0] / 100

    passed, out = run("09.2", fixed_n, capsys)
    assert not passed and "fixed number" in out

    def swapped_logs(y, y_hat):
        total = 0.0
        for i in range(y.shape[0]):
            total += y[i, 0] * math.log(1 - y_hat[i, 0]) + (1 - y[i, 0]) * math.log(y_hat[i, 0])
        return -total / y.shape[0]

    passed, out = run("09.2", swapped_logs, capsys)
    assert not passed and "differs from bce_loss" in out


def test_loss_loop_that_raises(capsys):
    def arguments_swapped(y, y_hat):
        return loss_loop(y_hat, y)  # log(0) for a label 0 taken as a probability

    passed, out = run("09.2", arguments_swapped, capsys)
    assert not passed and "running your answer raised ValueError: math domain error" in out


# --------------------------------------------------------------------------- 09.3
def loss_from_means(y, y_hat):
    y_bar = np.mean(y)
    return -(y_bar * np.mean(np.log(y_hat)) + (1 - y_bar) * np.mean(np.log(1 - y_hat)))


def test_loss_from_means(capsys):
    assert run("09.3", loss_from_means, capsys)[0]

    def by_broadcasting(y, y_hat):  # right numbers, but an (n, n) array
        return -np.mean(y.ravel() * np.log(y_hat) + (1 - y.ravel()) * np.log(1 - y_hat))

    passed, out = run("09.3", by_broadcasting, capsys)
    assert not passed and "(n, n) array" in out

    def right_loss(y, y_hat):
        return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

    passed, out = run("09.3", right_loss, capsys)
    assert not passed and "all pairs" in out

    def log_of_mean(y, y_hat):
        y_bar, p_bar = np.mean(y), np.mean(y_hat)
        return -(y_bar * np.log(p_bar) + (1 - y_bar) * np.log(1 - p_bar))

    passed, out = run("09.3", log_of_mean, capsys)
    assert not passed and "mean of the logs" in out

    passed, out = run("09.3", lambda y, y_hat: -loss_from_means(y, y_hat), capsys)
    assert not passed and "sign" in out


# --------------------------------------------------------------------------- 09.4
def many_losses(X, y, Ws):
    Z = X @ Ws.T  # (n_samples, n_models)
    per_sample = np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z))) - y * Z
    return per_sample.mean(axis=0)


def test_many_losses(capsys):
    assert run("09.4", many_losses, capsys)[0]

    def clipped(X, y, Ws):  # the capped loss of notebook 05 is accepted too
        p = np.clip(1 / (1 + np.exp(-np.clip(X @ Ws.T, -500, 500))), 1e-15, 1 - 1e-15)
        return -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p), axis=0)

    assert run("09.4", clipped, capsys)[0]

    def naive(X, y, Ws):
        y_hat = 1 / (1 + np.exp(-(X @ Ws.T)))
        return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat), axis=0)

    passed, out = run("09.4", naive, capsys)
    assert not passed and "inf or nan" in out

    def per_sample(X, y, Ws):
        return many_losses(X, y, Ws)[None, :].repeat(X.shape[0], 0).mean(axis=1)

    passed, out = run("09.4", per_sample, capsys)
    assert not passed and "one per sample" in out

    def looped(X, y, Ws):
        return np.array([loss_from_logits(y, X @ W[:, None]) for W in Ws])

    passed, out = run("09.4", looped, capsys)
    assert not passed and "Python loop over the 1000 models" in out

    def no_minus_y(X, y, Ws):
        Z = X @ Ws.T
        return (np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))).mean(axis=0)

    passed, out = run("09.4", no_minus_y, capsys)
    assert not passed and "is wrong" in out
