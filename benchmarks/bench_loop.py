"""A per-sample Python loop against the vectorised helpers (forward pass and gradient).

The loops are what one writes straight from the maths, one sample at a time::

    for i in range(n):                       # forward
        z = sum(X[i, j] * W[0, j] for j in range(d))
        y_hat[i, 0] = stable_sigmoid(z)
    for i in range(n):                       # gradient
        for j in range(d):
            dW[0, j] += (y_hat[i, 0] - y[i, 0]) * X[i, j] / n

The vectorised side is the public :func:`helpers.model.forward` and
:func:`helpers.model.gradient`, input checks included.
"""

from __future__ import annotations

import math

import numpy as np

from benchmarks._common import format_table, median_times, print_section
from benchmarks.bench_gd import make_problem
from helpers.model import forward, gradient

SIZES = [(1_000, 2, 5), (100_000, 2, 3)]  # (n_samples, n_features, repeats)


def stable_sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def forward_loop(X, W):
    n, d = X.shape
    y_hat = np.empty((n, 1))
    for i in range(n):
        z = 0.0
        for j in range(d):
            z += X[i, j] * W[0, j]
        y_hat[i, 0] = stable_sigmoid(z)
    return y_hat


def gradient_loop(X, y, y_hat):
    n, d = X.shape
    dW = np.zeros((1, d))
    for i in range(n):
        r = y_hat[i, 0] - y[i, 0]
        for j in range(d):
            dW[0, j] += r * X[i, j]
    return dW / n


def main() -> list[dict]:
    print_section("Per-sample Python loop vs vectorised NumPy")
    rows, results = [], []
    for n, d, repeat in SIZES:
        X, y, W = make_problem(n, d)
        y_hat = forward(X, W)
        assert np.allclose(forward_loop(X, W), y_hat, rtol=1e-12)
        assert np.allclose(gradient_loop(X, y, y_hat), gradient(X, y, y_hat), rtol=1e-9)
        for name, loop, vec in [
            ("forward", lambda X=X, W=W: forward_loop(X, W), lambda X=X, W=W: forward(X, W)),
            (
                "gradient",
                lambda X=X, y=y, p=y_hat: gradient_loop(X, y, p),
                lambda X=X, y=y, p=y_hat: gradient(X, y, p),
            ),
        ]:
            t_loop, t_vec = median_times([loop, vec], repeat=repeat)
            rows.append(
                [
                    name,
                    f"{n:,}",
                    f"{d}",
                    f"{t_loop * 1e3:.2f}",
                    f"{t_vec * 1e3:.3f}",
                    f"{t_loop / t_vec:,.0f}x",
                ]
            )
            results.append({"what": name, "n": n, "loop": t_loop, "vectorised": t_vec})
    print(
        format_table(
            ["pass", "n_samples", "n_features", "loop ms", "vectorised ms", "speed-up"], rows
        )
    )
    return results


if __name__ == "__main__":
    main()
