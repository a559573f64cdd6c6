"""Tidy stored notebook outputs after `make regen`.

A widget cell's stored output is only a reference to a widget model that lives
in a running kernel. Opened later, JupyterLab shows "Error displaying widget:
model not found" in its place, and GitHub shows a bare text repr. So the stored
widget-view outputs are dropped; the static figure that follows every widget cell
is what a reader sees before running the notebook. The cells' execution counts
and all other outputs are kept as executed.

Usage: python tools/tidy_notebooks.py notebooks/*.ipynb

With ``--stdin`` it reads one notebook on standard input and writes it, tidied, to
standard output: git's clean filter for contributors (``make hooks``, see
``.gitattributes``), so that a notebook is committed without widget views even when
JupyterLab's autosave stored some. Input that is not a notebook passes unchanged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def tidy_text(text: str) -> str | None:
    """The notebook ``text`` without widget views and widget state; None if none were there."""
    nb = json.loads(text)
    changed = nb.get("metadata", {}).pop("widgets", None) is not None
    for cell in nb["cells"]:
        outputs = cell.get("outputs", [])
        kept = [o for o in outputs if WIDGET_MIME not in o.get("data", {})]
        if len(kept) != len(outputs):
            cell["outputs"] = kept
            changed = True
    # The layout Jupyter itself writes, so that a tidied file differs only where it was tidied.
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n" if changed else None


def tidy(path: Path) -> bool:
    """Remove widget-view outputs and saved widget state in place; return True if changed."""
    tidied = tidy_text(path.read_text(encoding="utf-8"))
    if tidied is not None:
        path.write_text(tidied, encoding="utf-8")
    return tidied is not None


def filter_stdin() -> None:
    """Standard input to standard output, tidied if it is a notebook, else byte for byte."""
    raw = sys.stdin.buffer.read()
    try:
        tidied = tidy_text(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        tidied = None  # not a notebook (or a half-merged one): git stores it as it is
    sys.stdout.buffer.write(raw if tidied is None else tidied.encode("utf-8"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--stdin"]:
        filter_stdin()
    else:
        for name in sys.argv[1:]:
            if tidy(Path(name)):
                print(f"tidied {name}")
