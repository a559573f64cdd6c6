"""What floating point this Python process runs: NumPy, its BLAS kernel and SIMD paths.

Shared by tests/conftest.py (the session header and the note after a differing
notebook cell) and tests/portable.py (which asks a subprocess under each
configuration, so that it reports what the libraries chose, not what was asked).
"""

from __future__ import annotations

import os

import numpy as np

#: NumPy's x86 dispatch targets above its baseline, and ARM's vector extensions.
SIMD_OF_INTEREST = ("X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR", "ASIMD", "SVE")
#: The environment variables that override the libraries' own choice.
SWITCHES = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")


def floating_point_info() -> dict:
    """The BLAS library, kernel and threads, NumPy's SIMD paths and the switches set."""
    try:
        import threadpoolctl

        blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    except ImportError:  # pragma: no cover - threadpoolctl is in requirements.txt
        blas = []
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as found

        simd = [k for k in SIMD_OF_INTEREST if found.get(k)]
    except ImportError:  # pragma: no cover - a NumPy that moved it
        simd = None
    return {
        "numpy": np.__version__,
        # Accelerate (macOS) is not seen by threadpoolctl: then the BLAS is unknown
        "blas": blas[0]["internal_api"] if blas else None,
        "blas_version": blas[0]["version"] if blas else None,
        "kernel": blas[0].get("architecture") or "?" if blas else "?",
        "threads": blas[0]["num_threads"] if blas else 0,
        "simd": simd,
        "switches": {k: os.environ[k] for k in SWITCHES if k in os.environ},
    }


def floating_point() -> str:
    """One line: NumPy version, BLAS kernel and threads, SIMD paths, switches set."""
    info = floating_point_info()
    if info["blas"]:
        name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(
            info["blas"], info["blas"]
        )
        kernel = (
            f"{name} {info['blas_version']} kernel {info['kernel']}, "
            f"{info['threads']} BLAS thread(s)"
        )
    else:
        kernel = "BLAS unknown"
    simd = "unknown" if info["simd"] is None else " ".join(info["simd"]) or "baseline only"
    switches = ", ".join(f"{k}={v!r}" for k, v in info["switches"].items())
    return (
        f"NumPy {info['numpy']}, {kernel}, SIMD {simd}; "
        f"{switches or 'OPENBLAS_CORETYPE, NPY_DISABLE_CPU_FEATURES not set'}"
    )


if __name__ == "__main__":  # tests/portable.py asks a subprocess this way
    import json

    print(json.dumps(floating_point_info()))
