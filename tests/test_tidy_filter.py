"""Notebooks are committed without widget views: tools/tidy_notebooks.py and `make hooks`.

JupyterLab's autosave stores a widget cell's view (a reference to a model in the
running kernel) in the cell's outputs. `make hooks` makes git commit every notebook
through `tidy_notebooks.py --stdin`, which drops those views; the learner's working
copy keeps them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIDY = ROOT / "tools" / "tidy_notebooks.py"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
VIEW = {
    "output_type": "display_data",
    "metadata": {},
    "data": {
        "text/plain": "VBox(children=(FloatLogSlider(value=1.0),))",
        WIDGET_MIME: {"model_id": "8f0c", "version_major": 2, "version_minor": 0},
    },
}


def _dump(nb: dict) -> str:
    """The layout Jupyter writes."""
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _clean() -> str:
    """A small notebook as `make regen` leaves it: a widget cell, then its static figure.

    Made here rather than read from notebooks/, whose working copy a learner may
    have run."""
    cells = [
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": ["# NBVAL_IGNORE_OUTPUT\n", "learning_rate_explorer(X, y)"],
        },
        {
            "cell_type": "code",
            "execution_count": 2,
            "metadata": {},
            "outputs": [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
                }
            ],
            "source": ["plot_explorer(X, y, lr=1.0)\n", "plt.show()"],
        },
    ]
    return _dump(
        {
            "cells": cells,
            "metadata": {"language_info": {"name": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def _with_widget_view(text: str) -> str:
    """The notebook as JupyterLab's autosave leaves it after running its widget cell."""
    nb = json.loads(text)
    cell = next(c for c in nb["cells"] if "NBVAL_IGNORE_OUTPUT" in "".join(c["source"]))
    cell["outputs"].append(VIEW)
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return _dump(nb)


def _filter(data: bytes) -> bytes:
    return subprocess.run(
        [sys.executable, str(TIDY), "--stdin"], input=data, capture_output=True, check=True
    ).stdout


def test_stdin_filter_drops_widget_views_and_keeps_everything_else():
    clean = _clean().encode("utf-8")
    assert _filter(clean) == clean  # a tidy notebook passes byte for byte
    assert _filter(_with_widget_view(clean.decode("utf-8")).encode("utf-8")) == clean
    assert _filter(b"not a notebook {") == b"not a notebook {"


def test_make_hooks_commits_notebooks_without_widget_views(tmp_path):
    (tmp_path / "tools").mkdir()
    shutil.copy(TIDY, tmp_path / "tools")
    shutil.copy(ROOT / ".gitattributes", tmp_path)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "-C",
            str(tmp_path),
            "-f",
            str(ROOT / "Makefile"),
            "hooks",
            f"PYTHON={sys.executable}",
        ],
        check=True,
        capture_output=True,
    )

    learner = _with_widget_view(_clean())
    (tmp_path / "06.ipynb").write_text(learner, encoding="utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "ran the notebook"], check=True)

    committed = subprocess.run(
        [*git, "show", "HEAD:06.ipynb"], check=True, capture_output=True
    ).stdout
    assert committed == _clean().encode("utf-8")  # no widget view, nothing else changed
    assert WIDGET_MIME in (tmp_path / "06.ipynb").read_text(encoding="utf-8")  # kept here
    status = subprocess.run([*git, "status", "--porcelain"], check=True, capture_output=True)
    assert status.stdout == b""  # the views alone are no change to commit
