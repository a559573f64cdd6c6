"""`make test-portable`: nbval over notebooks and solutions under other floating point.

A stored output must print the same characters on any machine with the pinned
packages. What differs between machines is rounding: which OpenBLAS kernel runs a
matrix product (summation order, fused multiply-add), which SIMD path NumPy takes
for `exp` or a sum, and how many threads split a product. This script re-runs
nbval with each of those forced in turn, through the switches the libraries
themselves offer:

- ``OPENBLAS_CORETYPE`` picks the OpenBLAS kernel (the NumPy wheel's OpenBLAS is
  built for many processors and chooses one at start-up);
- ``NPY_DISABLE_CPU_FEATURES`` turns off NumPy's AVX-512 or AVX2 code paths;
- ``OPENBLAS_NUM_THREADS`` sets the BLAS thread count.

It cannot simulate another operating system's maths library, another NumPy or
OpenBLAS version, or an ARM processor's kernels; the README says so.

A configuration that this processor cannot run (a kernel needing AVX-512 on a
CPU without it) is reported as skipped with the kernel OpenBLAS fell back to,
never as passed. Every configuration that runs must pass.

Usage: python tests/portable.py [--only NAME] ... [notebook ...]
(`make test-portable PORTABLE_ARGS="--only haswell notebooks/06_training.ipynb"`)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"

# NumPy 2.4's x86 dispatch targets above its X86_V2 baseline, newest first.
# Turning off a level turns off the targets above it too.
NUMPY_ABOVE_AVX2 = ["X86_V4", "AVX512_ICL", "AVX512_SPR"]
NUMPY_AVX2_AND_ABOVE = ["X86_V3", *NUMPY_ABOVE_AVX2]


@dataclass
class Config:
    name: str
    what: str
    env: dict[str, str] = field(default_factory=dict)
    kernel: str | None = None  # the OpenBLAS kernel this configuration expects to run
    x86_only: bool = False
    keep_switches: bool = False  # keep the caller's OPENBLAS_CORETYPE etc., if any


CONFIGS = [
    Config(
        "as-found",
        "this machine as it is (its own switches, if any, kept), 1 BLAS thread",
        {"OPENBLAS_NUM_THREADS": "1"},
        keep_switches=True,
    ),
    Config("blas-2-threads", "2 BLAS threads", {"OPENBLAS_NUM_THREADS": "2"}),
    Config(
        "skylakex",
        "OpenBLAS AVX-512 kernel (Intel Xeon, AMD Zen 4/5)",
        {"OPENBLAS_CORETYPE": "SkylakeX"},
        "SkylakeX",
        True,
    ),
    Config(
        "haswell",
        "OpenBLAS AVX2 kernel (Intel 2013-)",
        {"OPENBLAS_CORETYPE": "Haswell"},
        "Haswell",
        True,
    ),
    Config("zen", "OpenBLAS Zen setting (AMD Zen 1-3)", {"OPENBLAS_CORETYPE": "Zen"}, None, True),
    Config(
        "sandybridge",
        "OpenBLAS AVX kernel (Intel 2011)",
        {"OPENBLAS_CORETYPE": "Sandybridge"},
        "Sandybridge",
        True,
    ),
    Config(
        "nehalem",
        "OpenBLAS SSE4.2 kernel (Intel 2008)",
        {"OPENBLAS_CORETYPE": "Nehalem"},
        "Nehalem",
        True,
    ),
    Config(
        "prescott",
        "OpenBLAS oldest x86-64 kernel (SSE3)",
        {"OPENBLAS_CORETYPE": "Prescott"},
        None,
        True,
    ),
    Config(
        "numpy-no-avx512",
        "NumPy without its AVX-512 paths",
        {"NPY_DISABLE_CPU_FEATURES": " ".join(NUMPY_ABOVE_AVX2)},
        None,
        True,
    ),
    Config(
        "numpy-no-avx2",
        "NumPy without its AVX2 and AVX-512 paths",
        {"NPY_DISABLE_CPU_FEATURES": " ".join(NUMPY_AVX2_AND_ABOVE)},
        None,
        True,
    ),
    Config(
        "old-pc",
        "SSE-only OpenBLAS and NumPy at its baseline, 2 threads",
        {
            "OPENBLAS_CORETYPE": "Prescott",
            "OPENBLAS_NUM_THREADS": "2",
            "NPY_DISABLE_CPU_FEATURES": " ".join(NUMPY_AVX2_AND_ABOVE),
        },
        None,
        True,
    ),
]


SWITCHES = {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "NPY_DISABLE_CPU_FEATURES"}


def base_env(*, keep_switches: bool = False) -> dict[str, str]:
    """The caller's environment, one BLAS thread, and (unless kept) none of the switches
    a configuration sets, so that the libraries choose as on a learner's machine."""
    env = {k: v for k, v in os.environ.items() if keep_switches or k not in SWITCHES}
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.pop("MPLBACKEND", None)
    return env


def probe(env: dict[str, str]) -> dict:
    """What NumPy and OpenBLAS actually run under ``env`` (asked, not assumed)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "machine.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _simd(info: dict) -> str:
    """NumPy's SIMD paths in use: their names, 'baseline' for none, '?' if unknown."""
    if info["simd"] is None:
        return "?"
    return " ".join(info["simd"]) or "baseline"


def run_nbval(
    env: dict[str, str],
    notebooks: list[str],
    *,
    workers: str = "auto",
) -> tuple[bool, list[str], str]:
    """nbval over ``notebooks``; returns (passed, differing cells, pytest's last line).

    A differing cell is named ``NN#k``: notebook number (or file name) and nbval's
    cell number, which counts code cells from 0.
    """
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *notebooks,
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(SANITIZE),
        "-q",
        "-p",
        "no:cacheprovider",
        "-n",
        workers,
        "--dist",
        "loadscope",
        "-o",
        "addopts=",
        # pytest names a file outside its rootdir '' in the summary; widen it
        "--rootdir",
        os.path.commonpath([ROOT, *(Path(nb).resolve() for nb in notebooks)]),
    ]
    # a wide terminal, so that pytest does not cut the reasons in its summary short
    out = subprocess.run(
        cmd, env=env | {"COLUMNS": "300"}, cwd=ROOT, capture_output=True, text=True
    )
    failed = re.findall(r"^FAILED (\S+?\.ipynb)::Cell (\d+)", out.stdout, re.M)
    cells = []
    for path, cell in failed:
        stem = Path(path).stem
        name = f"{stem[:2] if stem[:2].isdigit() else stem}#{cell}"
        if Path(path).parent.name == "solutions":
            name = "solutions/" + name
        if name not in cells:
            cells.append(name)
    last = (out.stdout.strip().splitlines() or ["(no output)"])[-1]
    last = re.sub(r"\x1b\[[0-9;]*m", "", last)
    # An error (not a differing output) is nbval failing to run a notebook at all, such as a
    # kernel that did not start: name the notebooks and say why, so a failed run can be read.
    errors = re.findall(r"^ERROR (\S+?\.ipynb)(?:::Cell \d+)?(?: - (.*))?$", out.stdout, re.M)
    if errors:
        why = sorted({reason.strip() for _, reason in errors if reason})
        names = sorted({Path(path).name for path, _ in errors})
        last += f"; errors in {', '.join(names)}" + (f": {' | '.join(why)[:300]}" if why else "")
    return out.returncode == 0, cells, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/NN_*.ipynb")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this configuration (repeatable): " + ", ".join(c.name for c in CONFIGS),
    )
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(
        str(p.relative_to(ROOT))
        for folder in ("notebooks", "solutions")
        for p in (ROOT / folder).glob("[0-9][0-9]_*.ipynb")
    )
    configs = CONFIGS
    if args.only:
        unknown = set(args.only) - {c.name for c in CONFIGS}
        if unknown:
            parser.error(
                f"--only: unknown configuration(s) {sorted(unknown)}; "
                f"expected names from {[c.name for c in CONFIGS]}"
            )
        configs = [c for c in CONFIGS if c.name in args.only]

    x86 = platform.machine().lower() in {"x86_64", "amd64"}
    found = probe(base_env(keep_switches=True))
    simd = _simd(found)
    print(
        f"make test-portable: {len(notebooks)} notebooks; this machine: {platform.machine()}, "
        f"OpenBLAS kernel {found['kernel']}, NumPy SIMD {simd}"
    )
    rows, failures = [], 0
    for config in configs:
        env = base_env(keep_switches=config.keep_switches) | config.env
        start = time.perf_counter()
        if config.x86_only and not x86:
            rows.append((config.name, "-", "-", "skipped", "x86-64 only"))
            continue
        seen = probe(env)
        kernel = f"{seen['kernel']} x{seen['threads']}"
        simd = _simd(seen).replace("AVX512_", "")
        if config.kernel and seen["kernel"] != config.kernel:
            rows.append(
                (config.name, kernel, simd, "skipped", f"this CPU cannot run {config.kernel}")
            )
            continue
        ok, cells, last = run_nbval(env, notebooks)
        failures += not ok
        took = f"{time.perf_counter() - start:.0f} s"
        detail = (
            (" ".join(cells) + (f" ({last})" if "errors in" in last else "") if cells else last)
            if not ok
            else f"{last}, {took}"
        )
        rows.append((config.name, kernel, simd, "pass" if ok else "FAIL", detail))
        print(f"  {config.name:<16} {rows[-1][3]:<5} {detail}", flush=True)

    headers = ("configuration", "OpenBLAS kernel", "NumPy SIMD", "result", "differing cells")
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    print()
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print()
    for config in configs:
        print(
            f"  {config.name:<16} {config.what}; "
            + (" ".join(f"{k}={v}" for k, v in config.env.items()) or "nothing set")
        )
    ran = sum(r[3] != "skipped" for r in rows)
    print(
        f"\nportable: {ran - failures} passed, {failures} failed"
        + (f", {len(rows) - ran} skipped" if len(rows) > ran else "")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
