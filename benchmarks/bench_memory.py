"""Peak memory of training at n = 1e6: no (n, n) temporaries, no copy of X.

:mod:`tracemalloc` sees every NumPy array buffer, so the peak it reports while
:func:`helpers.training.gradient_descent` runs is the most memory the call held at
once beyond its inputs. It is compared with the size of ``X`` and of one
``(n_samples, 1)`` column. Training for 10 and for 100 iterations must peak at
the same level (the history grows by only ``n_features`` floats per iteration):
nothing is allocated per step.
"""

from __future__ import annotations

import tracemalloc

from benchmarks._common import format_table, print_section
from benchmarks.bench_gd import LR, floor, make_problem
from helpers.training import gradient_descent

N_SAMPLES, N_FEATURES = 1_000_000, 2


def peak_bytes(fn) -> int:
    """Peak traced memory of ``fn()`` above what was allocated before it."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        fn()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def main() -> list[dict]:
    print_section(f"Peak memory of training at n = {N_SAMPLES:,}, {N_FEATURES} features")
    X, y, W = make_problem(N_SAMPLES, N_FEATURES)
    column = 8 * N_SAMPLES  # bytes of one (n_samples, 1) float64 column
    rows, results = [], []
    for name, n_iters, fn in [
        ("gradient_descent", 10, lambda: gradient_descent(X, y, W, lr=LR, n_iters=10)),
        ("gradient_descent", 100, lambda: gradient_descent(X, y, W, lr=LR, n_iters=100)),
        ("NumPy floor", 10, lambda: floor(X, y, W, LR, 10)),
    ]:
        peak = peak_bytes(fn)
        rows.append(
            [
                name,
                f"{n_iters}",
                f"{peak / 1e6:.1f}",
                f"{peak / X.nbytes:.2f}",
                f"{peak / column:.1f}",
            ]
        )
        results.append({"what": name, "n_iters": n_iters, "peak": peak})
    print(f"X is {X.nbytes / 1e6:.1f} MB; one (n_samples, 1) column is {column / 1e6:.1f} MB;")
    print(f"an (n, n) float64 temporary would be {8 * N_SAMPLES**2 / 1e12:.0f} TB.")
    print()
    print(format_table(["function", "n_iters", "peak MB", "peak / X", "peak / column"], rows))
    helper_10, helper_100 = results[0]["peak"], results[1]["peak"]
    lines = [
        f"gradient_descent peaks at {helper_10 / column:.1f} columns "
        f"({helper_10 / X.nbytes:.2f} x X)."
    ]
    floor_peak = results[2]["peak"]
    lines.append(
        f"The NumPy floor peaks at {floor_peak / column:.1f} columns: the temporaries of one "
        "iteration's"
    )
    lines.append("expressions, freed when it ends. No (n, n) temporary, no copy of X.")
    if abs(helper_100 - helper_10) < column / 10:
        lines.append("The same peak for 10 and 100 iterations: nothing is allocated per step.")
    else:
        lines.append("The peak GROWS with n_iters: something is allocated per step!")
    print()
    print("conclusion: " + "\n            ".join(lines))
    return results


if __name__ == "__main__":
    main()
