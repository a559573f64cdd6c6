"""Tidy stored notebook outputs after `make regen`.

A widget cell's stored output is only a reference to a widget model that lives
in a running kernel. Opened later, JupyterLab shows "Error displaying widget:
model not found" in its place, and GitHub shows a bare text repr. So the stored
widget-view outputs are dropped; the static figure that follows every widget cell
is what a reader sees before running the notebook. The cells' execution counts
and all other outputs are kept as executed.

Usage: python tests/tidy_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def tidy(path: Path) -> bool:
    """Remove widget-view outputs and saved widget state; return True if changed."""
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    changed = nb.get("metadata", {}).pop("widgets", None) is not None
    for cell in nb["cells"]:
        outputs = cell.get("outputs", [])
        kept = [o for o in outputs if WIDGET_MIME not in o.get("data", {})]
        if len(kept) != len(outputs):
            cell["outputs"] = kept
            changed = True
    if changed:
        out = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        path.write_text(out, encoding="utf-8")
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        if tidy(Path(name)):
            print(f"tidied {name}")
