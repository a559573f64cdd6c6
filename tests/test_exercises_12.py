"""Checks of notebook 12's exercises: the right answers pass, realistic wrong ones are named."""

import numpy as np
import pytest

from helpers.data import make_moons, make_xor
from helpers.exercises import EXERCISES, PASSED, check
from helpers.training import train

X, y = make_moons(200, noise=0.1, seed=0)
X_xor, y_xor = make_xor(200, noise=0.1, seed=0)


def run(answer_id, answer, capsys):
    PASSED.discard(answer_id)
    check(answer_id, answer)
    return answer_id in PASSED, capsys.readouterr().out


def moons_loss(lr, n_epochs, batch_size):
    return train(X, y, n_hidden=8, lr=lr, n_epochs=n_epochs, batch_size=batch_size, seed=0)[1][
        "loss"
    ]


@pytest.fixture(scope="module")
def sgd_answer():
    sgd = moons_loss(0.5, 5, 1)
    full = moons_loss(0.5, 1000, None)
    return sgd, full


def test_registered():
    kinds = {k: EXERCISES[k].kind for k in ("12.1", "12.2", "12.3", "12.4")}
    assert kinds == {"12.1": "check", "12.2": "check", "12.3": "self", "12.4": "check"}


@pytest.mark.parametrize("answer_id", ["12.1", "12.2", "12.4"])
def test_stub_is_not_attempted(answer_id, capsys):
    check(answer_id, ...)

    def stub(X, y, first_seed): ...

    check(answer_id, stub)
    assert capsys.readouterr().out.count("not attempted yet") == 2


def test_plain_sgd(sgd_answer, capsys):
    sgd, full = sgd_answer
    assert run("12.1", (sgd[-1], full[5], full[-1]), capsys)[0]
    passed, out = run("12.1", (full[5], full[5], full[-1]), capsys)  # forgot batch_size=1
    assert not passed and "batch_size=1" in out
    passed, out = run("12.1", (sgd[-1], full[5], full[20]), capsys)  # 20 epochs: 20 updates
    assert not passed and "how many updates" in out
    passed, out = run("12.1", (sgd[-1], full[-1], full[5]), capsys)
    assert not passed and "swapped" in out
    passed, out = run("12.1", (sgd, full[5], full[-1]), capsys)  # the whole history
    assert not passed and "one number" in out


def test_small_lr(capsys):
    losses = moons_loss(0.1, 200, 10)
    rises = int(np.sum(np.diff(losses) > 0))
    assert run("12.2", (losses[-1], rises), capsys)[0]
    table = moons_loss(0.5, 200, 10)
    passed, out = run("12.2", (table[-1], 4), capsys)  # the table's lr = 0.5 run
    assert not passed and "lr = 0.5" in out
    passed, out = run("12.2", (losses[-1], rises + 1), capsys)  # an off-by-one count
    assert not passed and "went up" in out
    passed, out = run("12.2", (losses[-1],), capsys)
    assert not passed and "tuple of 2" in out


def best_of_five(X, y, first_seed):
    runs = [
        train(X, y, n_hidden=2, lr=1.0, n_epochs=200, activation="relu", seed=s)
        for s in range(first_seed, first_seed + 5)
    ]
    return min(runs, key=lambda run: run[1]["loss"][-1])


def test_restarts_right(capsys):
    assert run("12.4", best_of_five, capsys)[0]

    def with_loop(X, y, first_seed):  # another correct way, keeping the best so far
        best = None
        for seed in range(first_seed, first_seed + 5):
            params, history = train(
                X, y, n_hidden=2, lr=1.0, n_epochs=200, activation="relu", seed=seed
            )
            if best is None or history["loss"][-1] < best[1]["loss"][-1]:
                best = params, history
        return best

    assert run("12.4", with_loop, capsys)[0]


def test_restarts_wrong(capsys):
    def highest(X, y, first_seed):
        runs = [
            train(X, y, n_hidden=2, lr=1.0, n_epochs=200, activation="relu", seed=s)
            for s in range(first_seed, first_seed + 5)
        ]
        return max(runs, key=lambda run: run[1]["loss"][-1])

    passed, out = run("12.4", highest, capsys)
    assert not passed and "HIGHEST" in out

    def best_of(X, y, first_seed, count):
        runs = [
            train(X, y, n_hidden=2, lr=1.0, n_epochs=200, activation="relu", seed=s)
            for s in range(first_seed, first_seed + count)
        ]
        return min(runs, key=lambda run: run[1]["loss"][-1])

    # range(first_seed, first_seed + 4): an off-by-one
    passed, out = run("12.4", lambda X, y, first_seed: best_of(X, y, first_seed, 4), capsys)
    assert not passed and "off by one" in out
    passed, out = run("12.4", lambda X, y, first_seed: best_of(X, y, 0, 5), capsys)
    assert not passed and "start at first_seed" in out

    def params_of_last(X, y, first_seed):  # keeps the best history but the last params
        best = None
        for seed in range(first_seed, first_seed + 5):
            params, history = train(
                X, y, n_hidden=2, lr=1.0, n_epochs=200, activation="relu", seed=seed
            )
            if best is None or history["loss"][-1] < best["loss"][-1]:
                best = history
        return params, best

    passed, out = run("12.4", params_of_last, capsys)
    assert not passed and "params" in out
    passed, out = run("12.4", lambda X, y, first_seed: best_of(X, y, first_seed, 5)[1], capsys)
    assert not passed and "(params, history)" in out


def test_restarts_raising(capsys):
    def broken(X, y, first_seed):
        return train(X, y, n_hidden=2, lr=1.0, n_epochs=200, seed=first_seed, activaton="relu")

    passed, out = run("12.4", broken, capsys)
    assert not passed and "running your answer raised TypeError" in out
    assert "Traceback" not in out
