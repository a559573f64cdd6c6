"""The checks of notebook 13's exercises accept the right answers and name the wrong ones.

The reference answers are rebuilt here from helpers, independently of the checks'
own code: the digits split with seed 0, standardised with the training statistics,
given the bias column, and "is it an 8?" trained from zeros at 2/L for 30 iterations.
"""

import numpy as np
import pytest
from exercise_check import check

from helpers.data import add_bias_feature, load_digits, train_val_test_split
from helpers.features import standardise
from helpers.learning_rate import curvature_bound
from helpers.model import accuracy, forward, predict
from helpers.training import gradient_descent


def _said(capsys, id, answer):
    """Run check(id, answer); return (passed, printed text)."""
    passed = check(id, answer)
    return passed, capsys.readouterr().out


def _split(seed):
    X, labels = load_digits()
    X_tr, X_va, X_te, l_tr, l_va, l_te = train_val_test_split(X, labels, seed=seed)
    A_tr, A_va, A_te = (add_bias_feature(A) for A in standardise(X_tr, X_va, X_te))
    return X_tr, (A_tr, A_va, A_te), (l_tr, l_va, l_te)


def _train(A_tr, l_tr, digit):
    y = (l_tr == digit).astype(float)
    W, _ = gradient_descent(A_tr, y, np.zeros((1, 65)), lr=2 / curvature_bound(A_tr), n_iters=30)
    return W


def _accuracies(seed, digit):
    """(training, validation, test) accuracy of 'is it a <digit>?' on the split ``seed``."""
    _, A, labs = _split(seed)
    W = _train(A[0], labs[0], digit)
    return tuple(
        accuracy((lab == digit).astype(float), predict(X, W))
        for X, lab in zip(A, labs, strict=True)
    )


@pytest.fixture(scope="module")
def notebook():
    """What notebook 13 has when the exercises start."""
    X_train, A, labs = _split(0)
    return {"X_train": X_train, "A": A, "labels": labs, "W_final": _train(A[0], labs[0], 8)}


@pytest.mark.parametrize("id", ["13.1", "13.2", "13.3", "13.5"])
def test_a_stub_is_not_attempted(capsys, id):
    passed, out = _said(capsys, id, ...)
    assert not passed and "not attempted yet" in out


def test_12_1_right_and_wrong(capsys, notebook):
    X_train = notebook["X_train"]
    L = curvature_bound(add_bias_feature(X_train / 16))
    assert _said(capsys, "13.1", 2 / L)[0]
    assert _said(capsys, "13.1", np.float64(2 / L))[0]
    assert "L itself" in _said(capsys, "13.1", L)[1]
    assert "1/L" in _said(capsys, "13.1", 1 / L)[1]
    assert "without the bias" in _said(capsys, "13.1", 2 / curvature_bound(X_train / 16))[1]
    divided = 2 / curvature_bound(add_bias_feature(X_train) / 16)
    assert "divided by 16 too" in _said(capsys, "13.1", divided)[1]
    assert "raw pixels" in _said(capsys, "13.1", 2 / curvature_bound(add_bias_feature(X_train)))[1]
    assert "standardised" in _said(capsys, "13.1", 2 / curvature_bound(notebook["A"][0]))[1]
    assert "mind the 4" in _said(capsys, "13.1", 2 / (4 * L))[1]
    assert "one number" in _said(capsys, "13.1", "0.7")[1]
    X_all = load_digits()[0]  # all 1,797 images instead of the training set
    assert not _said(capsys, "13.1", 2 / curvature_bound(add_bias_feature(X_all / 16)))[0]


def test_12_2_right_and_wrong(capsys):
    train, val, test = _accuracies(0, 3)
    assert _said(capsys, "13.2", (train, val))[0]
    assert _said(capsys, "13.2", [np.float64(train), np.float64(val)])[0]
    assert "swapped" in _said(capsys, "13.2", (val, train))[1]
    assert "test accuracy" in _said(capsys, "13.2", (train, test))[1]
    assert "'is it an 8?'" in _said(capsys, "13.2", _accuracies(0, 8)[:2])[1]
    assert "percentage" in _said(capsys, "13.2", (100 * train, 100 * val))[1]
    assert "pair" in _said(capsys, "13.2", val)[1]
    _, A, labs = _split(0)  # trained for 100 iterations instead of 30
    y = (labs[0] == 3).astype(float)
    W, _ = gradient_descent(A[0], y, np.zeros((1, 65)), lr=2 / curvature_bound(A[0]), n_iters=100)
    longer = (
        accuracy(y, predict(A[0], W)),
        accuracy((labs[1] == 3).astype(float), predict(A[1], W)),
    )
    assert not _said(capsys, "13.2", longer)[0]


def test_12_3_right_and_wrong(capsys, notebook):
    X_val_sb, labels_val = notebook["A"][1], notebook["labels"][1]
    p = forward(X_val_sb, notebook["W_final"])[:, 0]
    wrong = np.flatnonzero((p >= 0.5) != (labels_val[:, 0] == 8))
    distance = np.abs(p[wrong] - 0.5)
    worst = int(wrong[np.argmax(distance)])
    assert _said(capsys, "13.3", worst)[0]
    assert _said(capsys, "13.3", np.int64(worst))[0]
    assert _said(capsys, "13.3", np.array([worst]))[0]
    assert "least sure" in _said(capsys, "13.3", int(wrong[np.argmin(distance)]))[1]
    assert "position among" in _said(capsys, "13.3", int(np.argmax(distance)))[1]
    right = int(np.setdiff1d(np.arange(len(p)), wrong)[0])
    assert "right" in _said(capsys, "13.3", right)[1]
    runner_up = int(wrong[np.argsort(distance)[-2]])
    assert "surer about another" in _said(capsys, "13.3", runner_up)[1]
    assert "from 0 to 358" in _said(capsys, "13.3", 359)[1]
    assert "one integer" in _said(capsys, "13.3", float(worst))[1]
    assert "one integer" in _said(capsys, "13.3", True)[1]


def test_12_4_is_a_self_check(capsys):
    passed, out = _said(capsys, "13.4", "luck")
    assert not passed and "self-check" in out


def test_12_5_right_and_wrong(capsys):
    test_accs = [_accuracies(seed, 8)[2] for seed in (1, 2, 3, 4, 5)]
    assert _said(capsys, "13.5", test_accs)[0]
    assert _said(capsys, "13.5", np.array(test_accs))[0]
    assert "seeds 0 to 4" in _said(capsys, "13.5", [_accuracies(s, 8)[2] for s in range(5)])[1]
    val_accs = [_accuracies(seed, 8)[1] for seed in (1, 2, 3, 4, 5)]
    assert "validation accuracies" in _said(capsys, "13.5", val_accs)[1]
    assert "five accuracies" in _said(capsys, "13.5", test_accs[:4])[1]
    assert "percentage" in _said(capsys, "13.5", [100 * a for a in test_accs])[1]
    assert "list of five" in _said(capsys, "13.5", 0.95)[1]
    # one split standardised with the statistics of all its images, not its training set
    X, labels = load_digits()
    X_tr, _, X_te, l_tr, _, l_te = train_val_test_split(X, labels, seed=3)
    mean, std = X.mean(axis=0), np.where(X.std(axis=0) > 0, X.std(axis=0), 1.0)
    A_tr, A_te = (add_bias_feature((A - mean) / std) for A in (X_tr, X_te))
    W = _train(A_tr, l_tr, 8)
    leaked = list(test_accs)
    leaked[2] = accuracy((l_te == 8).astype(float), predict(A_te, W))
    assert leaked[2] != test_accs[2]  # the leak changes this split's count (336 -> 335)
    assert "test_accs[2] (seed 3)" in _said(capsys, "13.5", leaked)[1]
