"""Start JupyterLab at the series' first notebook: what `make lab` runs, also without make.

    .venv/bin/python tools/lab.py              (Linux, macOS)
    .venv\\Scripts\\python tools\\lab.py         (Windows)

Run it with the Python of the project's virtual environment, from any folder; more
JupyterLab options may follow (e.g. --ServerApp.port=9999). It serves the repository
on 127.0.0.1 only, with token authentication, opens notebook 01, hides the editable
install's egg-info folder and Jupyter's usual clutter, and adds --allow-root only when
run as root (a container, a CI machine): JupyterLab refuses root without it.

It first writes this environment's settings overrides: the "get notified about
official Jupyter news?" pop-up is turned off. Only inside a virtual environment, in
<venv>/share/jupyter/lab/settings/overrides.json: a system or user Python, and the
user's own JupyterLab settings, are left alone.

`python tools/lab.py --settings-only` writes the overrides and exits (the Makefile
runs it when it builds .venv).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_NOTEBOOK = "notebooks/01_artificial-data.ipynb"
# Jupyter's default hidden files, plus the egg-info folder of the editable install.
HIDE_GLOBS = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~", "*.egg-info"]
# JupyterLab asks on first start whether to fetch Jupyter news ("none" = ask);
# "false" answers no once for this environment. The setting's schema:
# share/jupyter/lab/schemas/@jupyterlab/apputils-extension/notification.json.
OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}


def lab_args() -> list[str]:
    """JupyterLab's command-line options for the series."""
    args = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}",
        f"--ContentsManager.hide_globs={json.dumps(HIDE_GLOBS)}",
    ]
    geteuid = getattr(os, "geteuid", None)  # absent on Windows, where there is no root
    if geteuid is not None and geteuid() == 0:
        args.append("--allow-root")
    return args


def overrides_path() -> Path | None:
    """This virtual environment's JupyterLab overrides file; None outside a venv."""
    if sys.prefix == sys.base_prefix:
        return None
    return Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides() -> Path | None:
    """Merge OVERRIDES into the venv's overrides.json, keeping any other settings in it."""
    path = overrides_path()
    if path is None:
        return None
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    if not isinstance(current, dict):
        current = {}
    merged = {**current}
    for plugin, settings in OVERRIDES.items():
        merged[plugin] = {**merged.get(plugin, {}), **settings}
    if merged != current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    write_overrides()
    if argv == ["--settings-only"]:
        return 0
    try:
        from jupyterlab.labapp import LabApp
    except ImportError:
        sys.exit(
            f"JupyterLab is not installed for {sys.executable}. Run this with the "
            "project's environment after the install steps in README.md: "
            ".venv/bin/python tools/lab.py (Windows: .venv\\Scripts\\python tools\\lab.py)"
        )
    LabApp.launch_instance(argv=[*lab_args(), *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
