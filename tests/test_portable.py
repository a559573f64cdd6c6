"""tests/portable.py: the runner behind `make test-portable` must see a differing cell."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import portable  # noqa: E402


def _cell(i: int, stored: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": i + 1,
        "id": f"c{i}",
        "metadata": {},
        "source": "print(2 + 2)",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": stored}],
    }


def test_only_the_differing_cell_is_reported(tmp_path):
    # cell 0 stores the right output, cell 1 a wrong one
    nb = {
        "cells": [_cell(0, "4\n"), _cell(1, "5\n")],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "07_example.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    ok, cells, last = portable.run_nbval(portable.base_env(), [str(path)], workers="0")
    assert not ok
    assert cells == ["07#1"], last
    assert "1 failed, 1 passed" in last


def test_the_probe_reports_the_blas_kernel_and_simd():
    seen = portable.probe(portable.base_env())
    assert seen["threads"] == 1  # base_env pins one BLAS thread
    assert isinstance(seen["kernel"], str) and seen["kernel"] not in ("", "?")
    assert isinstance(seen["simd"], list)


def test_every_configuration_has_a_distinct_name_and_sets_something():
    names = [c.name for c in portable.CONFIGS]
    assert len(names) == len(set(names))
    assert all(c.env for c in portable.CONFIGS)


def test_a_notebook_that_cannot_run_is_named_with_the_reason(tmp_path):
    # A kernel that dies at start-up: nbval reports errors, not differing cells.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "ipykernel_launcher.py").write_text("raise SystemExit('no kernel here')\n")
    nb = {"cells": [_cell(0, "4\n")], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "07_example.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    env = portable.base_env() | {"PYTHONPATH": str(broken)}
    ok, cells, last = portable.run_nbval(env, [str(path)], workers="0")
    assert not ok
    assert cells == []
    assert "errors in 07_example.ipynb" in last, last
