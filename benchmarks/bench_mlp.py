r"""One full-batch epoch of :func:`helpers.training.train` against a NumPy floor.

The floor does the same work per epoch as ``train(..., activation="tanh")``:
forward pass, loss and accuracy for the history, backward pass, update::

    Z1 = X @ W1.T + b1;  A1 = np.tanh(Z1);  z2 = A1 @ W2.T + b2
    e = np.exp(-np.abs(z2));  y_hat = np.exp(np.minimum(z2, 0.0)) / (1.0 + e)
    loss = np.mean(np.maximum(z2, 0.0) + np.log1p(e) - y * z2)
    acc = np.mean((y_hat >= 0.5) == y)
    dz2 = (y_hat - y) / n;  dW2 = dz2.T @ A1;  db2 = dz2.sum(axis=0, keepdims=True)
    dZ1 = (dz2 @ W2) * (1.0 - A1 * A1);  dW1 = dZ1.T @ X;  db1 = dZ1.sum(axis=0, keepdims=True)
    W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
"""

from __future__ import annotations

import statistics

import numpy as np

from benchmarks._common import format_table, print_section, run_times
from benchmarks.bench_gd import make_problem
from helpers.mlp import init_params
from helpers.training import train

#: (n_samples, n_features, n_hidden, epochs per timed call, repeats)
SIZES = [(1_000, 2, 16, 200, 7), (100_000, 2, 16, 5, 7), (1_000_000, 2, 16, 2, 9)]
LR = 0.5


def floor(X, y, params, lr, n_epochs):
    """The NumPy floor described in the module docstring."""
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    n = X.shape[0]
    losses, accs = [], []
    for epoch in range(n_epochs + 1):
        Z1 = X @ W1.T + b1
        A1 = np.tanh(Z1)
        z2 = A1 @ W2.T + b2
        e = np.exp(-np.abs(z2))
        y_hat = np.exp(np.minimum(z2, 0.0)) / (1.0 + e)
        losses.append(np.mean(np.maximum(z2, 0.0) + np.log1p(e) - y * z2))
        accs.append(np.mean((y_hat >= 0.5) == y))
        if epoch == n_epochs:
            break
        dz2 = (y_hat - y) / n
        dW2 = dz2.T @ A1
        db2 = dz2.sum(axis=0, keepdims=True)
        dZ1 = (dz2 @ W2) * (1.0 - A1 * A1)
        dW1 = dZ1.T @ X
        db1 = dZ1.sum(axis=0, keepdims=True)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses


def main() -> list[dict]:
    print_section(
        "Hidden-layer network: one full-batch epoch, helpers.training.train vs NumPy floor"
    )
    print(
        "floor = forward (tanh), loss and accuracy, backward, update; ratio = helper / floor\n"
        "(medians); ratio of fastest = the same for the fastest run of each."
    )
    rows, results = [], []
    for n, d, h, n_epochs, repeat in SIZES:
        X, y, _ = make_problem(n, d)
        params0 = init_params(d, h, activation="tanh", seed=0)
        p_h, hist = train(X, y, n_hidden=h, lr=LR, n_epochs=2, seed=0)
        p_f, losses_f = floor(X, y, params0, LR, 2)
        assert all(np.allclose(p_h[k], p_f[k], rtol=1e-10, atol=1e-14) for k in p_f)
        assert np.allclose(hist["loss"], losses_f, rtol=1e-10)

        times_help, times_floor = run_times(
            [
                lambda X=X, y=y, h=h, k=n_epochs: train(X, y, n_hidden=h, lr=LR, n_epochs=k),
                lambda X=X, y=y, p=params0, k=n_epochs: floor(X, y, p, LR, k),
            ],
            repeat=repeat,
        )
        t_help = statistics.median(times_help) / n_epochs
        t_floor = statistics.median(times_floor) / n_epochs
        rows.append(
            [
                f"{n:,}",
                f"{d}",
                f"{h}",
                f"{t_help * 1e3:.3f}",
                f"{t_floor * 1e3:.3f}",
                f"{t_help / t_floor:.2f}",
                f"{min(times_help) / min(times_floor):.2f}",
            ]
        )
        results.append({"n": n, "helper": t_help, "floor": t_floor})
    print()
    print(
        format_table(
            [
                "n_samples",
                "n_features",
                "n_hidden",
                "helper ms/epoch",
                "floor ms/epoch",
                "ratio",
                "ratio of fastest",
            ],
            rows,
        )
    )
    print(
        "\nAt 1,000,000 samples each (n, 16) temporary (Z1, A1, dZ1, ...) is 128 MB. Getting\n"
        "that much fresh memory from the operating system (page faults, zeroed huge pages)\n"
        "can cost more than the arithmetic, and that cost varies from run to run, so the\n"
        "medians in that row are unsteady. The last column compares the fastest run of\n"
        "each, the one the operating system disturbed least."
    )
    return results


if __name__ == "__main__":
    main()
