"""Shared test settings, and what floating point this run used.

Figures are drawn off-screen with the Agg backend.

The session's header names the machine's floating point (NumPy, the OpenBLAS kernel
and thread count, NumPy's SIMD paths, and the two switches that override them). When
nbval finds a notebook cell whose output differs from the stored one, a short note
at the end repeats it and says how to tell a rounding difference from a real one.
With pytest-xdist both run in the controller, which has the workers' environment.
"""

from __future__ import annotations

import re

import matplotlib
from machine import floating_point

matplotlib.use("Agg")


def pytest_report_header(config):
    return f"floating point: {floating_point()}"


def _differing_cells(terminalreporter) -> list[str]:
    """Notebook cells that ran but printed something other than their stored output."""
    cells = []
    for report in terminalreporter.stats.get("failed", []):
        match = re.search(r"([^/\\]+)\.ipynb::Cell (\d+)$", report.nodeid)
        if match and " mismatch '" in report.longreprtext:  # nbval's comparison failure
            cells.append(f"{match.group(1)} cell {match.group(2)}")
    return cells


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    cells = _differing_cells(terminalreporter)
    if not cells:
        return
    write = terminalreporter.write_line
    terminalreporter.section("which machine", sep="-")
    write(f"{len(cells)} notebook cell(s) printed other output than stored: {', '.join(cells)}")
    write(f"this run: {floating_point()}")
    write(
        "Only a last digit or a chaotic run differs? That is rounding (BLAS kernel, SIMD path), "
        "not broken maths:"
    )
    write(
        "`make test-portable` (python tests/portable.py) re-runs the notebooks under other "
        "kernels. A changed shape, count or stable value is a real change."
    )
