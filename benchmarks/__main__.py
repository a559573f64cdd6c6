"""Run every benchmark and print its table: ``python -m benchmarks`` (``make bench``).

``--skip-suite`` leaves out the timing of ``make test`` (about half a minute).
``--blas-threads N`` runs the BLAS library on N threads; the default is 1, as in
``make test``, and 0 keeps the library's own choice (one thread per core). One
thread gives steady figures on a machine shared with other busy programs: a
matrix product split over every core waits for the slowest core, and a core that
another program holds is slow. It also makes the helper-vs-floor ratios a
comparison of the code, not of how the two runs happened to be scheduled.
"""

from __future__ import annotations

import argparse
import os
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--skip-suite", action="store_true", help="do not time make test")
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=1,
        metavar="N",
        help="BLAS threads (default: 1; 0 = the library's default, one per core)",
    )
    args = parser.parse_args(argv)
    if args.blas_threads > 0:
        # Read by the BLAS library when NumPy loads it, so set before the first import.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.blas_threads)

    from benchmarks import (
        bench_descent_slider,
        bench_digits,
        bench_explorer,
        bench_gd,
        bench_loop,
        bench_memory,
        bench_mlp,
        bench_network_explorer,
        bench_suite,
    )
    from benchmarks._common import machine_description, print_section

    start = time.perf_counter()
    print_section("Machine")
    print(machine_description())
    bench_gd.main()
    bench_mlp.main()
    bench_digits.main()
    bench_loop.main()
    bench_memory.main()

    print()
    bench_explorer.main()  # prints its own title
    bench_descent_slider.main()  # notebook 04's slider, in a kernel
    bench_network_explorer.main()  # notebook 12's sliders, in a kernel

    if not args.skip_suite:
        bench_suite.main()
    print()
    print(f"all benchmarks took {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
