r"""One iteration of :func:`helpers.training.gradient_descent` against a NumPy floor.

The floor is the plainest NumPy code that does the same work per iteration as
the helper: the forward pass, the stable sigmoid, the loss kept for the history,
the gradient and the update, one line each, with no input checks::

    z = X @ W.T
    e = np.exp(-np.abs(z))
    y_hat = np.where(z >= 0, 1.0, e) / (1.0 + e)
    losses.append(np.mean(np.maximum(z, 0.0) + np.log1p(e) - y * z))
    W = W - lr * ((y_hat - y).T @ X) / n

Both run ``n_iters`` updates and ``n_iters + 1`` forward passes and losses (the
history holds the loss before the first update too). The helper's time includes
its input checks, done once per call and spread over the ``n_iters`` iterations.

Memory bandwidth is the physical limit: one iteration must read ``X`` twice
(``X @ W.T`` and ``r.T @ X``). The last columns time those two matrix products
alone, with nothing else, and compare the helper with them.
"""

from __future__ import annotations

import numpy as np

from benchmarks._common import format_table, median_times, print_section
from helpers.training import gradient_descent

#: (n_samples, n_features, n_iters per timed call, repeats)
SIZES = [
    (100, 2, 2000, 7),
    (10_000, 2, 500, 7),
    (1_000_000, 2, 10, 7),
    (200_000, 50, 10, 7),
]
LR = 0.1


def floor(X, y, W, lr, n_iters):
    """The NumPy floor described in the module docstring."""
    n = X.shape[0]
    losses = []
    for i in range(n_iters + 1):
        z = X @ W.T
        e = np.exp(-np.abs(z))
        y_hat = np.where(z >= 0, 1.0, e) / (1.0 + e)
        losses.append(np.mean(np.maximum(z, 0.0) + np.log1p(e) - y * z))
        if i == n_iters:
            break
        W = W - lr * ((y_hat - y).T @ X) / n
    return W, losses


def make_problem(n_samples: int, n_features: int, seed: int = 0):
    """Standard-normal features, labels from a noisy linear rule, small start weights."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    w_true = rng.standard_normal((1, n_features))
    logits = X @ w_true.T + rng.standard_normal((n_samples, 1))
    y = (logits > 0).astype(np.float64)
    W = 0.01 * rng.standard_normal((1, n_features))
    return X, y, W


def main() -> list[dict]:
    print_section(
        "Gradient descent: one iteration, helpers.training.gradient_descent vs NumPy floor"
    )
    print(
        "floor = z = X @ W.T; e = exp(-|z|); y_hat = where(z >= 0, 1, e) / (1 + e);\n"
        "        loss = mean(max(z, 0) + log1p(e) - y z); W -= lr (y_hat - y).T @ X / n\n"
        "ratio = helper / floor (goal: <= 1.3 at the large sizes).\n"
        "X read GB/s = the helper's two passes over X per iteration (2 x X MB / time).\n"
        "products ms = the two matrix products alone (X @ W.T and r.T @ X), the part of an\n"
        "iteration that must read X: the memory-bandwidth floor of any implementation."
    )
    rows, results = [], []
    for n, d, n_iters, repeat in SIZES:
        X, y, W = make_problem(n, d)
        # Same result first: the helper and the floor must agree before timing them.
        W_h, hist = gradient_descent(X, y, W, lr=LR, n_iters=3)
        W_f, losses_f = floor(X, y, W, LR, 3)
        assert np.allclose(W_h, W_f, rtol=1e-12, atol=1e-15), "helper and floor disagree"
        assert np.allclose(hist["loss"], losses_f, rtol=1e-12), "helper and floor disagree"

        t_help, t_floor, t_read = median_times(
            [
                lambda X=X, y=y, W=W, k=n_iters: gradient_descent(X, y, W, lr=LR, n_iters=k),
                lambda X=X, y=y, W=W, k=n_iters: floor(X, y, W, LR, k),
                lambda X=X, W=W, r=y - 0.5: (X @ W.T, r.T @ X),
            ],
            repeat=repeat,
        )
        t_help /= n_iters
        t_floor /= n_iters
        gbps = 2 * X.nbytes / t_help / 1e9
        rows.append(
            [
                f"{n:,}",
                f"{d}",
                f"{X.nbytes / 1e6:.1f}",
                f"{t_help * 1e3:.3f}",
                f"{t_floor * 1e3:.3f}",
                f"{t_help / t_floor:.2f}",
                f"{gbps:.1f}",
                f"{t_read * 1e3:.3f}",
                f"{t_help / t_read:.1f}",
            ]
        )
        results.append({"n": n, "d": d, "helper": t_help, "floor": t_floor, "read": t_read})
    print()
    print(
        format_table(
            [
                "n_samples",
                "n_features",
                "X MB",
                "helper ms/iter",
                "floor ms/iter",
                "ratio",
                "X read GB/s",
                "products ms",
                "helper / products",
            ],
            rows,
        )
    )
    print(
        "\nWith 2 features the element-wise work on the (n, 1) columns (about 15 passes:\n"
        "exponentials, sigmoid, loss, error) costs more than reading X; with 50 features\n"
        "X is 50 times bigger than a column and reading it twice is most of the time."
    )
    return results


if __name__ == "__main__":
    main()
