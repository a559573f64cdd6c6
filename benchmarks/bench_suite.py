"""Wall time of the test suite: ``make test`` (unit tests plus nbval over every notebook).

Runs the Makefile's own target, so the figure is what a learner or CI sees with
the virtual environment already built.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from benchmarks._common import format_table, print_section

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 30.0


def main() -> list[dict]:
    print_section("Test suite wall time (make test, virtual environment already built)")
    if shutil.which("make") is None or not (ROOT / "Makefile").exists():
        print("make or the Makefile is not available: not measured.")
        return []
    start = time.perf_counter()
    proc = subprocess.run(
        ["make", "--no-print-directory", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    summary = lines[-1].strip("= ") if lines else "(no output)"
    status = "passed" if proc.returncode == 0 else f"FAILED (exit code {proc.returncode})"
    print(
        format_table(
            ["command", "result", "wall time s", "goal s"],
            [["make test", status, f"{seconds:.1f}", f"<= {GOAL_SECONDS:.0f}"]],
        )
    )
    print(f"pytest: {summary}")
    return [{"what": "make test", "seconds": seconds, "returncode": proc.returncode}]


if __name__ == "__main__":
    main()
