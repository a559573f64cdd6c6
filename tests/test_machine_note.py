"""The note `make test` prints when a notebook cell's output differs (tests/conftest.py).

A pytest session in a subprocess runs nbval on a two-cell notebook: one cell whose
stored output is deliberately wrong, one that raises. The note must name the differing
cell (not the one that raised, which is no rounding question) and this machine's BLAS
kernel; a session without a differing cell prints no note.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import threadpoolctl

CONFTEST = Path(__file__).with_name("conftest.py")


def _cell(source: str, outputs: list[dict], count: int) -> dict:
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": outputs,
        "source": source,
    }


def _notebook() -> dict:
    wrong = {"output_type": "stream", "name": "stdout", "text": "3\n"}
    return {
        "cells": [_cell("print(1 + 1)", [wrong], 1), _cell("1 / 0", [], 2)],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _pytest(folder: Path, *args: str) -> str:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *args,
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(folder),
    ]
    out = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stdout + out.stderr  # tests failed, as they should
    return out.stdout


def test_note_names_the_differing_cell_and_the_blas_kernel(tmp_path):
    for name in ("conftest.py", "machine.py"):
        source = CONFTEST.with_name(name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(source, encoding="utf-8")
    (tmp_path / "tiny.ipynb").write_text(json.dumps(_notebook()), encoding="utf-8")
    (tmp_path / "test_plain.py").write_text("def test_fails():\n    assert False\n")
    kernel = next(i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas")
    kernel = kernel["architecture"]

    # One process: with pytest-xdist the note is written by the controller from the
    # workers' reports alike (seen in `make test`), but a worker costs seconds here.
    out = _pytest(
        tmp_path, "tiny.ipynb", "test_plain.py", "--nbval", "--nbval-current-env", "-p", "no:xdist"
    )
    assert "3 failed" in out  # the wrong output, the error, the plain test
    header = next(line for line in out.splitlines() if line.startswith("floating point:"))
    assert f"kernel {kernel}," in header
    note = out.split(" which machine ")[1].split("\n=")[0].strip().splitlines()[1:]
    assert note[0] == "1 notebook cell(s) printed other output than stored: tiny cell 0"
    assert f"kernel {kernel}," in note[1] and "make test-portable" in note[3]
    assert len(note) <= 5

    # Without nbval (and its slow imports) and xdist: a failure, and no note.
    out = _pytest(tmp_path, "test_plain.py", "-p", "no:nbval", "-p", "no:xdist")
    assert "1 failed" in out and "floating point:" in out
    assert " which machine " not in out
