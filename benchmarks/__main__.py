"""Run every benchmark and print its table: ``python -m benchmarks`` (``make bench``).

``--skip-suite`` leaves out the timing of ``make test`` (about half a minute).
"""

from __future__ import annotations

import argparse
import importlib.util
import time

from benchmarks import bench_gd, bench_loop, bench_memory, bench_mlp, bench_suite
from benchmarks._common import machine_description, print_section


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--skip-suite", action="store_true", help="do not time make test")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    print_section("Machine")
    print(machine_description())
    bench_gd.main()
    bench_mlp.main()
    bench_loop.main()
    bench_memory.main()

    if importlib.util.find_spec("benchmarks.bench_explorer") is None:
        print_section("Explorer update latency")
        print("benchmarks.bench_explorer is not available (no explorer yet): not measured.")
    else:
        from benchmarks import bench_explorer

        print()
        bench_explorer.main()  # prints its own title

    if not args.skip_suite:
        bench_suite.main()
    print()
    print(f"all benchmarks took {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
