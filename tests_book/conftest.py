"""The website's tests (``make test-book``): tools/check_book.py and book/conf.py loaded
as modules, and the built site in build/book/html."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def load(name: str, path: Path):
    """Import the file at ``path`` as module ``name`` (tools/ and book/ are no packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


check_book = load("check_book", REPO / "tools" / "check_book.py")


@pytest.fixture(scope="session")
def chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"the website's check needs {CHROMIUM}: apt-get install -y chromium")
    return CHROMIUM
