"""Shared test settings, and what floating point this run used.

Figures are drawn off-screen with the Agg backend.

The session's header names the machine's floating point (NumPy, the OpenBLAS kernel
and thread count, NumPy's SIMD paths, and the two switches that override them). When
nbval finds a notebook cell whose output differs from the stored one, a short note
at the end repeats it and says how to tell a rounding difference from a real one.
With pytest-xdist both run in the controller, which has the workers' environment.
"""

from __future__ import annotations

import os
import re

import matplotlib
import numpy as np

matplotlib.use("Agg")

#: NumPy's x86 dispatch targets above its baseline, and ARM's vector extensions.
SIMD_OF_INTEREST = ("X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR", "ASIMD", "SVE")
SWITCHES = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")


def floating_point() -> str:
    """One line: NumPy version, BLAS kernel and threads, SIMD paths, switches set."""
    try:
        import threadpoolctl

        blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    except ImportError:  # pragma: no cover - threadpoolctl is in requirements.txt
        blas = []
    if blas:
        name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(blas[0]["internal_api"],
                                                                        blas[0]["internal_api"])
        kernel = (f"{name} {blas[0]['version']} kernel {blas[0].get('architecture', '?')}, "
                  f"{blas[0]['num_threads']} BLAS thread(s)")
    else:
        kernel = "BLAS unknown"
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as found
        simd = " ".join(k for k in SIMD_OF_INTEREST if found.get(k)) or "baseline only"
    except ImportError:  # pragma: no cover - a NumPy that moved it
        simd = "unknown"
    switches = ", ".join(f"{k}={os.environ[k]!r}" for k in SWITCHES if k in os.environ)
    return (f"NumPy {np.__version__}, {kernel}, SIMD {simd}; "
            f"{switches or 'OPENBLAS_CORETYPE, NPY_DISABLE_CPU_FEATURES not set'}")


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
    write("Only a last digit or a chaotic run differs? That is rounding (BLAS kernel, SIMD path), "
          "not broken maths:")
    write("`make test-portable` (python tests/portable.py) re-runs the notebooks under other "
          "kernels. A changed shape, count or stable value is a real change.")
