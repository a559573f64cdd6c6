"""Checks of notebook 15's exercises: the right answers pass, realistic wrong ones are named."""

import numpy as np
import pytest

from helpers.data import load_digits, train_val_test_split
from helpers.exercises import EXERCISES, PASSED, check
from helpers.features import standardise
from helpers.mlp import predict
from helpers.training import train


def run(answer_id, answer, capsys):
    PASSED.discard(answer_id)
    check(answer_id, answer)
    return answer_id in PASSED, capsys.readouterr().out


def test_registered():
    kinds = {k: EXERCISES[k].kind for k in ("15.1", "15.2", "15.3", "15.4")}
    assert kinds == {"15.1": "check", "15.2": "check", "15.3": "check", "15.4": "self"}


@pytest.mark.parametrize("answer_id", ["15.1", "15.2", "15.3"])
def test_stub_is_not_attempted(answer_id, capsys):
    def stub(params, weight_decay): ...  # your code here

    check(answer_id, ...)
    check(answer_id, stub)
    assert capsys.readouterr().out.count("not attempted yet") == 2


# --------------------------------------------------------------------------- 15.1
def l2_penalty(params, weight_decay):
    return weight_decay / 2 * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))


def squares(params, keys):
    return sum(np.sum(params[k] ** 2) for k in keys)


def test_penalty(capsys):
    assert run("15.1", l2_penalty, capsys)[0]
    n_weights = 4 * 5 + 10 * 4  # the check's network: 5 inputs, 4 hidden units, 10 outputs
    norm = np.linalg.norm
    wrongs = {
        "biases too": lambda p, lam: lam / 2 * squares(p, ("W1", "b1", "W2", "b2")),
        "twice too large": lambda p, lam: 2 * l2_penalty(p, lam),
        "multiply by it": lambda p, lam: l2_penalty(p, 1.0),
        "adds their squares": lambda p, lam: lam / 2 * (norm(p["W1"]) + norm(p["W2"])),
        "square it": lambda p, lam: lam / 2 * np.sqrt(squares(p, ("W1", "W2"))),
        "a mean": lambda p, lam: lam / 2 * squares(p, ("W1", "W2")) / n_weights,
        "should be lambda / 2": lambda p, lam: lam / 2 * squares(p, ("W1",)),  # W2 forgotten
    }  # fmt: skip
    for phrase, answer in wrongs.items():
        passed, out = run("15.1", answer, capsys)
        assert not passed and phrase in out, (phrase, out)


def test_penalty_that_changes_params(capsys):
    def in_place(params, weight_decay):
        params["W1"] *= 1 - weight_decay  # a decay step instead of the penalty
        return l2_penalty(params, weight_decay)

    passed, out = run("15.1", in_place, capsys)
    assert not passed and "changed the parameters" in out


def test_penalty_that_returns_an_array(capsys):
    passed, out = run("15.1", lambda p, lam: lam / 2 * p["W1"] ** 2, capsys)
    assert not passed and "one number" in out


# --------------------------------------------------------------------------- 15.2
def early_stop(val_loss, patience):
    best = 0
    for epoch in range(len(val_loss)):
        if val_loss[epoch] < val_loss[best]:
            best = epoch
        if epoch - best >= patience:
            return epoch, best
    return len(val_loss) - 1, best


def test_early_stop(capsys):
    assert run("15.2", early_stop, capsys)[0]


def test_early_stop_matches_train_on_a_digits_run():
    """The reference above is the rule of train(..., patience=p), on a real curve too."""
    X, labels = load_digits()
    X_train, X_val, _, labels_train, labels_val, _ = train_val_test_split(X, labels, seed=0)
    A, A_val = standardise(X_train[:100], X_val)
    run_ = dict(n_hidden=30, lr=1.0, n_epochs=150, n_classes=10, X_val=A_val, y_val=labels_val)
    _, full = train(A, labels_train[:100], seed=0, **run_)
    stops = []
    for patience in (1, 10, 120):
        _, h = train(A, labels_train[:100], seed=0, patience=patience, **run_)
        assert early_stop(full["val_loss"], patience) == (len(h["loss"]) - 1, h["best_epoch"])
        stops.append(len(h["loss"]) - 1)
    assert stops[0] < stops[1] < stops[2] == 150  # two runs stopped early, one ran to the end


def test_early_stop_wrong_answers(capsys):
    def last_of_ties(val_loss, patience):
        best = 0
        for epoch in range(len(val_loss)):
            if val_loss[epoch] <= val_loss[best]:
                best = epoch
            if epoch - best >= patience:
                return epoch, best
        return len(val_loss) - 1, best

    def one_late(val_loss, patience):
        best = 0
        for epoch in range(len(val_loss)):
            if val_loss[epoch] < val_loss[best]:
                best = epoch
            if epoch - best > patience:
                return epoch, best
        return len(val_loss) - 1, best

    def hindsight(val_loss, patience):
        return early_stop(val_loss, patience)[0], int(np.argmin(val_loss))

    def best_plus_patience(val_loss, patience):
        best = early_stop(val_loss, patience)[1]
        return best + patience, best

    def no_restart(val_loss, patience):  # counts rises since the first rise, never resets
        best, waited = 0, 0
        for epoch in range(1, len(val_loss)):
            if val_loss[epoch] < val_loss[best]:
                best = epoch
            else:
                waited += 1
            if waited >= patience:
                return epoch, best
        return len(val_loss) - 1, best

    def clamped_to_length(val_loss, patience):  # one past the last epoch when the run ends
        best = early_stop(val_loss, patience)[1]
        return min(best + patience, len(val_loss)), best

    cases = {
        clamped_to_length: "the curve ends at epoch 3",
        last_of_ties: "tie",
        one_late: "one off",
        hindsight: "never saw",
        best_plus_patience: "ends first",
        no_restart: "starts the waiting over",
    }
    for answer, phrase in cases.items():
        passed, out = run("15.2", answer, capsys)
        assert not passed and phrase in out, (answer.__name__, out)
    passed, out = run("15.2", lambda val_loss, patience: early_stop(val_loss, patience)[0], capsys)
    assert not passed and "(stop_epoch, best_epoch)" in out


# --------------------------------------------------------------------------- 15.3
@pytest.fixture(scope="module")
def more_images():
    X, labels = load_digits()
    X_train, X_val, _, labels_train, labels_val, _ = train_val_test_split(X, labels, seed=0)
    settings = dict(n_hidden=100, lr=1.0, n_epochs=500, n_classes=10)

    def wrong_for(n, stats_from):
        _, A, A_val = standardise(X_train[:stats_from], X_train[:n], X_val)
        p, _ = train(A, labels_train[:n], X_val=A_val, y_val=labels_val, seed=0, patience=50,
                     **settings)  # fmt: skip
        return int(np.sum(predict(A_val, p) != labels_val))

    right = {n: wrong_for(n, n) for n in (150, 300, 600)}
    return right, {n: wrong_for(n, 150) for n in (150, 300, 600)}


def test_more_images(more_images, capsys):
    right, stats_of_150 = more_images
    passed, out = run("15.3", right, capsys)
    assert passed and "mistakes fall" in out
    assert stats_of_150[600] != right[600]  # so that the next answer is a wrong one
    passed, out = run("15.3", stats_of_150, capsys)
    assert not passed and "statistics of the first 150" in out
    passed, out = run("15.3", {n: 1 - v / 359 for n, v in right.items()}, capsys)
    assert not passed and "accuracies" in out
    passed, out = run("15.3", {150: right[150], 300: right[300]}, capsys)
    assert not passed and "keys" in out
    passed, out = run("15.3", [right[n] for n in (150, 300, 600)], capsys)
    assert not passed and "dict" in out
    passed, out = run("15.3", {**right, 150: right[150] - 4}, capsys)  # the full run's count
    assert not passed and "table of seeds" in out
    passed, out = run("15.3", {**right, 300: right[300] + 3}, capsys)
    assert not passed and "own statistics" in out
    passed, out = run("15.3", {n: 359 - v for n, v in right.items()}, capsys)
    assert not passed and "gets right" in out
