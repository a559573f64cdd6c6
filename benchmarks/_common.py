"""Timing, table printing and a machine description shared by the benchmarks."""

from __future__ import annotations

import ctypes
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence

import numpy as np


def run_times(fns: Sequence[Callable[[], object]], *, repeat: int = 5) -> list[list[float]]:
    """Wall times of several functions, each run ``repeat`` times in turn (a, b, a, b, ...).

    Interleaving puts every function under the same conditions, so a burst of
    load from another process slows all of them instead of one: their ratio is
    steadier than that of times taken one function after the other. Every
    function runs once first as a warm-up, untimed.
    """
    for fn in fns:
        fn()  # warm-up
    times: list[list[float]] = [[] for _ in fns]
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for fn, ts in zip(fns, times, strict=True):
                start = time.perf_counter()
                fn()
                ts.append(time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()
    return times


def median_times(fns: Sequence[Callable[[], object]], *, repeat: int = 5) -> list[float]:
    """Median wall time of each function, timed in turn by :func:`run_times`."""
    return [statistics.median(ts) for ts in run_times(fns, repeat=repeat)]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: columns right-aligned, a dashed rule under the header."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(h).rjust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def print_section(title: str) -> None:
    print()
    print(title)
    print("=" * len(title))


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _blas_threads() -> str:
    """BLAS thread count from threadpoolctl, or asked from a loaded OpenBLAS directly."""
    try:
        from threadpoolctl import threadpool_info

        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if info:
            return ", ".join(
                f"{i['internal_api']} {i['version']}: {i['num_threads']}" for i in info
            )
    except ImportError:
        pass
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line.lower()}
        for path in sorted(paths):
            lib = ctypes.CDLL(path)
            for name in (
                "scipy_openblas_get_num_threads64_",
                "openblas_get_num_threads64_",
                "openblas_get_num_threads",
            ):
                if hasattr(lib, name):
                    return str(getattr(lib, name)())
    except OSError:
        pass
    return "unknown"


def _blas_name() -> str:
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # the layout of show_config differs between NumPy versions
        return "see numpy.show_config()"


def machine_description() -> str:
    """CPU, cores, memory, Python, NumPy and BLAS of this run, one item a line."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = "unknown"
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "unknown"
    items = [
        ("CPU", f"{_cpu_model()} ({os.cpu_count()} logical cores, {usable} usable)"),
        ("memory", memory),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("NumPy", np.__version__),
        ("BLAS", f"{_blas_name()}, threads: {_blas_threads()}"),
        ("load average at start", f"{load} (other processes share the cores)"),
    ]
    width = max(len(k) for k, _ in items)
    return "\n".join(f"{k.ljust(width)} : {v}" for k, v in items)


def run_in_kernel(cells: Sequence[str]):
    """Run ``cells`` in a fresh IPython kernel; the JSON its last output printed after "TIMES".

    None when jupyter_client is not installed. The kernel's own start-up notices on
    stderr are dropped: they would land in the middle of the table.
    """
    import json
    import subprocess

    try:
        from jupyter_client.manager import start_new_kernel
    except ImportError:
        return None
    manager, client = start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
    try:
        out: list[str] = []

        def keep(msg):
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])

        for code in cells:
            reply = client.execute_interactive(code, output_hook=keep, timeout=300)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the kernel failed: {reply['content']}")
        text = "".join(out)
        return json.loads(text[text.index("TIMES") + 5 :].strip())
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def print_kernel_latencies(
    rows: Sequence[tuple[str, Sequence[tuple[float, float]]]],
) -> list[float]:
    """Print a kernel-side latency table and return each row's median wall time in seconds.

    ``rows`` holds ``(name, [(wall s, kernel cpu s), ...])`` per control. The cpu column is
    the kernel's own processor time per move, which other busy programs do not inflate.
    """
    print(f"{'update':<24} {'n':>3} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>7}")
    print("-" * 56)
    medians = []
    for name, pairs in rows:
        wall, cpu = [p[0] for p in pairs], [p[1] for p in pairs]
        medians.append(statistics.median(wall))
        print(
            f"{name:<24} {len(wall):>3} {1e3 * medians[-1]:>10.1f} "
            f"{1e3 * float(np.percentile(wall, 90)):>8.1f} {1e3 * statistics.median(cpu):>7.1f}"
        )
    return medians
