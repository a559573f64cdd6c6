"""Checks of notebook 16's exercises: the right answers pass, realistic wrong ones are named."""

import numpy as np
import pytest

from helpers.exercises import EXERCISES, PASSED, check


def run(answer_id, answer, capsys):
    PASSED.discard(answer_id)
    check(answer_id, answer)
    return answer_id in PASSED, capsys.readouterr().out


def test_registered():
    kinds = {k: EXERCISES[k].kind for k in ("16.1", "16.2", "16.3", "16.4")}
    assert kinds == {"16.1": "check", "16.2": "check", "16.3": "check", "16.4": "self"}


@pytest.mark.parametrize("answer_id", ["16.1", "16.2", "16.3"])
def test_stub_is_not_attempted(answer_id, capsys):
    def stub(a, b): ...  # your code here

    check(answer_id, ...)
    check(answer_id, stub)
    assert capsys.readouterr().out.count("not attempted yet") == 2


# --------------------------------------------------------------------------- 16.1
def test_linear(capsys):
    assert run("16.1", lambda X, weight, bias: X @ weight.T + bias, capsys)[0]

    passed, out = run("16.1", lambda X, weight, bias: X @ weight.T, capsys)
    assert not passed and "bias is missing" in out

    passed, out = run("16.1", lambda X, weight, bias: X @ weight.T + bias.reshape(-1, 1), capsys)
    assert not passed  # raises for 5 samples and 10 outputs
    assert "raised ValueError" in out

    def column_bias_square(X, weight, bias):  # only wrong-shaped when n != out_features
        if X.shape[0] != weight.shape[0]:
            return X @ weight.T + bias
        return X @ weight.T + bias.reshape(-1, 1)

    passed, out = run("16.1", column_bias_square, capsys)
    assert not passed and "added as a column" in out

    passed, out = run("16.1", lambda X, weight, bias: X @ weight, capsys)
    assert not passed and "raised ValueError" in out  # (5, 64) @ (10, 64)

    def in_place(X, weight, bias):
        X += 0.0
        weight *= 2.0
        return X @ weight.T + bias

    passed, out = run("16.1", in_place, capsys)
    assert not passed and "changed one of its arguments" in out

    passed, out = run("16.1", (np.zeros((5, 10))), capsys)
    assert not passed and "function linear itself" in out


# --------------------------------------------------------------------------- 16.2
def stable(logits, targets):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(len(targets)), targets].mean()


def test_cross_entropy(capsys):
    assert run("16.2", stable, capsys)[0]

    def naive(logits, targets):  # softmax first: exp(1e4) overflows
        P = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        return -np.log(P[np.arange(len(targets)), targets]).mean()

    passed, out = run("16.2", naive, capsys)
    assert not passed and "exp overflowed" in out

    def log_of_softmax(logits, targets):  # a stable softmax, but P rounds to 0 before its log
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        P = shifted / shifted.sum(axis=1, keepdims=True)
        return -np.log(P[np.arange(len(targets)), targets]).mean()

    passed, out = run("16.2", log_of_softmax, capsys)
    assert not passed and "never the log of the softmax" in out

    passed, out = run("16.2", lambda Z, t: stable(Z, t) * len(t), capsys)
    assert not passed and "sum over the samples" in out

    passed, out = run("16.2", lambda Z, t: -stable(Z, t), capsys)
    assert not passed and "sign is flipped" in out

    def per_sample(logits, targets):
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return -log_probs[np.arange(len(targets)), targets]

    passed, out = run("16.2", per_sample, capsys)
    assert not passed and "one number, the mean" in out

    def first_column(logits, targets):  # ignores the targets
        return stable(logits, np.zeros_like(targets))

    passed, out = run("16.2", first_column, capsys)
    assert not passed and "-log softmax(logits)[i, target_i]" in out


# --------------------------------------------------------------------------- 16.3
def sgd(params, grads, lr, weight_decay):
    return {k: p - lr * (grads[k] + weight_decay * p) for k, p in params.items()}


def test_sgd_step(capsys):
    assert run("16.3", sgd, capsys)[0]

    def weights_only(params, grads, lr, weight_decay):  # notebook 15's rule
        return {
            k: p - lr * (grads[k] + (weight_decay * p if k.startswith("W") else 0.0))
            for k, p in params.items()
        }

    passed, out = run("16.3", weights_only, capsys)
    assert not passed and "biases included" in out

    passed, out = run("16.3", lambda p, g, lr, wd: sgd(p, g, lr, 0.0), capsys)
    assert not passed and "W1 was not decayed" in out

    passed, out = run("16.3", lambda p, g, lr, wd: sgd(p, g, lr, wd / 2), capsys)
    assert not passed and "half as much" in out

    def in_place(params, grads, lr, weight_decay):
        for k, p in params.items():
            p -= lr * (grads[k] + weight_decay * p)
        return params

    passed, out = run("16.3", in_place, capsys)
    assert not passed and "changed the arrays" in out

    passed, out = run("16.3", lambda p, g, lr, wd: list(sgd(p, g, lr, wd).values()), capsys)
    assert not passed and "dict with the keys" in out
