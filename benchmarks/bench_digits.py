r"""One training run on the handwritten digits: :func:`helpers.training.train` vs a NumPy floor.

The run of notebook 14: the 1,079 training images of ``train_val_test_split(seed=0)``,
64 standardised pixels, 32 tanh hidden units, 10 softmax outputs, 300 full-batch
epochs at lr = 0.5. The floor does the same work per epoch (forward pass, loss and
accuracy for the history, backward pass, update)::

    Z1 = X @ W1.T + b1;  A1 = np.tanh(Z1);  Z2 = A1 @ W2.T + b2
    S = Z2 - Z2.max(axis=1, keepdims=True);  E = np.exp(S);  s = E.sum(axis=1, keepdims=True)
    loss = -np.mean(np.sum(Y * (S - np.log(s)), axis=1));  acc = np.mean(Z2.argmax(1) == label)
    dZ2 = (E / s - Y) / n;  dW2 = dZ2.T @ A1;  db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = (dZ2 @ W2) * (1.0 - A1 * A1);  dW1 = dZ1.T @ X;  db1 = dZ1.sum(axis=0, keepdims=True)
    W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2

A second row adds what notebook 15 uses: a validation set scored after every
epoch, weight decay and early stopping (``patience`` larger than the run, so both
rows run all 300 epochs).
"""

from __future__ import annotations

import statistics

import numpy as np

from benchmarks._common import format_table, print_section, run_times
from helpers.data import load_digits, train_val_test_split
from helpers.mlp import init_params
from helpers.softmax import one_hot
from helpers.training import train

N_HIDDEN, LR, N_EPOCHS, REPEAT = 32, 0.5, 300, 7


def digits():
    """The standardised training and validation sets (constant pixels divided by 1)."""
    X, labels = load_digits()
    X_train, X_val, _, labels_train, labels_val, _ = train_val_test_split(X, labels, seed=0)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, labels_train, (X_val - mean) / std, labels_val


def floor(X, labels, params, lr, n_epochs):
    """The NumPy floor described in the module docstring."""
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    n, Y, label = X.shape[0], one_hot(labels, W2.shape[0]), labels[:, 0]
    losses, accs = [], []
    for epoch in range(n_epochs + 1):
        Z1 = X @ W1.T + b1
        A1 = np.tanh(Z1)
        Z2 = A1 @ W2.T + b2
        S = Z2 - Z2.max(axis=1, keepdims=True)
        E = np.exp(S)
        s = E.sum(axis=1, keepdims=True)
        losses.append(-np.mean(np.sum(Y * (S - np.log(s)), axis=1)))
        accs.append(np.mean(Z2.argmax(axis=1) == label))
        if epoch == n_epochs:
            break
        dZ2 = (E / s - Y) / n
        dW2 = dZ2.T @ A1
        db2 = dZ2.sum(axis=0, keepdims=True)
        dZ1 = (dZ2 @ W2) * (1.0 - A1 * A1)
        dW1 = dZ1.T @ X
        db1 = dZ1.sum(axis=0, keepdims=True)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses


def main() -> list[dict]:
    print_section("Digits: one training run of the network, helpers.training.train vs NumPy floor")
    X, labels, X_val, labels_val = digits()
    print(
        f"{X.shape[0]:,} training images, 64 pixels, {N_HIDDEN} tanh units, 10 softmax outputs, "
        f"{N_EPOCHS} full-batch epochs\nat lr = {LR:g}; medians of {REPEAT} runs. "
        "ratio = helper / floor (the floor has no validation set)."
    )
    kw = dict(n_hidden=N_HIDDEN, lr=LR, n_classes=10)
    params0 = init_params(64, N_HIDDEN, n_outputs=10, seed=0)
    p_h, hist = train(X, labels, n_epochs=3, **kw)
    p_f, losses_f = floor(X, labels, params0, LR, 3)
    assert all(np.allclose(p_h[k], p_f[k], rtol=1e-10, atol=1e-14) for k in p_f)
    assert np.allclose(hist["loss"], losses_f, rtol=1e-10)

    val = dict(X_val=X_val, y_val=labels_val, weight_decay=1e-4, patience=N_EPOCHS)
    times_plain, times_val, times_floor = run_times(
        [
            lambda: train(X, labels, n_epochs=N_EPOCHS, **kw),
            lambda: train(X, labels, n_epochs=N_EPOCHS, **kw, **val),
            lambda: floor(X, labels, params0, LR, N_EPOCHS),
        ],
        repeat=REPEAT,
    )
    t_floor = statistics.median(times_floor)
    rows, results = [], []
    for what, times in (
        ("train", times_plain),
        ("train + validation, weight decay, patience", times_val),
        ("NumPy floor", times_floor),
    ):
        t = statistics.median(times)
        rows.append([what, f"{t * 1e3:.0f}", f"{t / N_EPOCHS * 1e3:.3f}", f"{t / t_floor:.2f}"])
        results.append({"what": what, "seconds": t})
    print()
    print(format_table(["run", "ms per run", "ms per epoch", "ratio"], rows))
    return results


if __name__ == "__main__":
    main()
