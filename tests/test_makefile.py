"""How the Makefile builds .venv, checked with stand-in Pythons (shell scripts).

A copy of the Makefile runs in a temporary folder, so the repository's own .venv
is never touched and no package is installed: each test takes a fraction of a second.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

# A stand-in for `python`: answers the Makefile's version question with VERSION,
# makes a .venv whose python is the same script, and takes `-m pip install` as done,
# unless a file named pip-fails lies beside the Makefile, and the JupyterLab settings
# step as done too. Every call is logged.
FAKE_PYTHON = """#!/bin/sh
echo "$0 $*" >> "{root}/calls.log"
case "$*" in
  *sys.version_info*) echo {version} ;;
  "-m venv "*) mkdir -p "$3/bin" && cp "$0" "$3/bin/python" ;;
  "-m pip install"*) [ ! -e "{root}/pip-fails" ] ;;
  "tools/lab.py --settings-only") ;;
  *) exit 1 ;;
esac
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def fake_python(project: Path, version: str) -> Path:
    path = project / f"fake-python{version}"
    path.write_text(FAKE_PYTHON.format(root=project, version=version))
    path.chmod(0o755)
    return path


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


def venv_made(project: Path) -> int:
    """How many times a .venv was created."""
    log = project / "calls.log"
    return log.read_text().count("-m venv") if log.exists() else 0


@pytest.mark.parametrize("target", ["lab", "test", "lint"])
def test_too_old_python_stops_at_once_with_one_line(project: Path, target: str) -> None:
    python = fake_python(project, "3.10")
    result = make(project, target, f"PYTHON={python}")
    assert result.returncode != 0
    message = result.stderr.splitlines()[0]
    assert message == (
        f"make: {python} is Python 3.10, but the pinned packages need "
        f"Python 3.11 to 3.14: name an installed one, "
        f"e.g. make {target} PYTHON=python3.12"
    )
    assert not (project / ".venv").exists()
    assert venv_made(project) == 0


def test_too_new_python_stops_too(project: Path) -> None:
    result = make(project, "test", f"PYTHON={fake_python(project, '3.15')}")
    assert result.returncode != 0
    assert "is Python 3.15, but the pinned packages need Python 3.11 to 3.14" in result.stderr


def test_a_python_that_does_not_run_is_named(project: Path) -> None:
    result = make(project, "test", "PYTHON=no-such-python3")
    assert result.returncode != 0
    assert result.stderr.startswith("make: no-such-python3 is not a Python that runs, but")


def test_supported_python_builds_the_venv_and_the_stamp(project: Path) -> None:
    python = fake_python(project, "3.12")
    result = make(project, ".venv/.installed", f"PYTHON={python}")
    assert result.returncode == 0, result.stderr
    assert (project / ".venv/.installed").exists()
    assert venv_made(project) == 1


def test_failed_first_build_is_rebuilt_not_reused(project: Path) -> None:
    python = fake_python(project, "3.12")
    (project / "pip-fails").touch()
    assert make(project, ".venv/.installed", f"PYTHON={python}").returncode != 0
    assert (project / ".venv/bin/python").exists()
    assert not (project / ".venv/.installed").exists()
    (project / ".venv/left-over").touch()

    (project / "pip-fails").unlink()
    result = make(project, ".venv/.installed", f"PYTHON={python}")
    assert result.returncode == 0, result.stderr
    assert venv_made(project) == 2
    assert not (project / ".venv/left-over").exists()
    assert (project / ".venv/.installed").exists()


def test_venv_of_an_unsupported_python_is_rebuilt(project: Path) -> None:
    """A stamped .venv whose Python is 3.10 (made by hand, say) is not updated but rebuilt."""
    assert (
        make(
            project, ".venv/.installed", f"PYTHON={fake_python(project, '3.10')}", "PYTHONS=3.10"
        ).returncode
        == 0
    )
    result = make(project, ".venv/.installed", f"PYTHON={fake_python(project, '3.13')}")
    assert result.returncode == 0, result.stderr
    assert venv_made(project) == 2
    assert "Python 3.13" in result.stdout


def test_changed_requirements_update_the_venv_in_place(project: Path) -> None:
    """A working .venv is updated by pip, not rebuilt, and PYTHON is not even asked."""
    python = fake_python(project, "3.12")
    assert make(project, ".venv/.installed", f"PYTHON={python}").returncode == 0
    (project / ".venv/kept").touch()
    stamp = (project / ".venv/.installed").stat().st_mtime
    os.utime(project / "requirements.txt", (stamp + 10, stamp + 10))

    result = make(project, ".venv/.installed", "PYTHON=no-such-python3")
    assert result.returncode == 0, result.stderr
    assert "-r requirements.txt" in result.stdout
    assert venv_made(project) == 1
    assert (project / ".venv/kept").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    "origin, repository",
    [
        ("https://github.com/ann/nn-course.git", "ann/nn-course"),
        ("https://github.com/ann/nn-course", "ann/nn-course"),
        ("git@github.com:ann/nn.course.git", "ann/nn.course"),
        ("https://gitlab.com/ann/nn-course.git", ""),  # Binder links are for GitHub only
        (None, ""),  # no origin remote
    ],
)
def test_the_website_is_built_for_the_origin_on_github(project, origin, repository) -> None:
    """make book's BOOK_REPOSITORY comes from `origin`, unless it is given."""
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    if origin:
        subprocess.run(["git", "remote", "add", "origin", origin], cwd=project, check=True)
    show = ["--eval", "show: ; @echo [$(BOOK_REPOSITORY)]", "show"]
    assert make(project, *show).stdout.strip() == f"[{repository}]"
    assert make(project, "BOOK_REPOSITORY=x/y", *show).stdout.strip() == "[x/y]"
