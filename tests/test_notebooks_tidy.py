"""The notebooks as files: house structure, clean stored outputs, working links.

nbval checks that every cell still produces its stored output; these tests check
what nbval does not: that the stored file is what `make regen` leaves behind
(Restart & Run All, no widget leftovers, no errors or warnings), that each
notebook has the series' opening and closing sections, that the links between
notebooks and the README's table point at real files.

Which outputs are stored is a property of what gets committed, not of a learner's
working copy: running cells in JupyterLab stores their execution counts and widget
views there, and must not fail `make test`. So inside a git checkout the stored
outputs are checked in the version git would commit (the index, `git show :path`;
in a fresh clone, as in CI, that is the committed file). A dirty commit still fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: The worked solutions of the exercises (solutions/NN_slug.ipynb): stored like the notebooks.
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
EXERCISE_RE = re.compile(r"^### Exercise (\d\d)\.(\d+) · (.+) \((easy|medium|stretch)\)$", re.M)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_the_series_is_numbered_without_gaps():
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1)), [p.name for p in NOTEBOOKS]
    assert len(NOTEBOOKS) >= 7


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=False)


def _as_committed(path: Path) -> tuple[dict, str]:
    """The notebook as git would commit it (the index), and where it was read from.

    Outside a git checkout (a downloaded zip) nothing is committed: the check is
    skipped there, except in CI, which reads the working copy.
    """
    try:
        inside = _git("rev-parse", "--is-inside-work-tree").stdout.strip() == b"true"
    except FileNotFoundError:  # no git on this machine
        inside = False
    if not inside:
        if not os.environ.get("CI"):
            pytest.skip("not a git checkout: nothing here is committed")
        return _load(path), "working copy"
    staged = _git("show", f":{path.relative_to(ROOT).as_posix()}")
    if staged.returncode != 0:  # a new notebook, not yet added: it will be as it is now
        return _load(path), "working copy"
    return json.loads(staged.stdout.decode("utf-8")), "as staged in git"


@pytest.mark.parametrize("path", NOTEBOOKS + SOLUTIONS, ids=lambda p: p.parent.name + "/" + p.name)
def test_stored_outputs_come_from_restart_and_run_all(path):
    nb, where = _as_committed(path)
    name = f"{path.name} ({where})"
    counts = [c.get("execution_count") for c in _code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{name}: run `make regen`"
    assert "widgets" not in nb["metadata"], f"{name}: saved widget state; run `make hooks` once"
    for i, cell in enumerate(_code_cells(nb)):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{name} code cell {i}: stored error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{name} code cell {i}: stored stderr (a warning?): {out['text']!r:.200}"
            )
            assert WIDGET_MIME not in out.get("data", {}), (
                f"{name} code cell {i}: stored widget view; run `make hooks` once, "
                "then `git add` it again (or `make regen`)"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_house_structure(path):
    nb = _load(path)
    first, text = (
        _source(nb["cells"][0]),
        "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown"),
    )
    assert nb["cells"][0]["cell_type"] == "markdown"
    assert first.startswith(f"# {path.name[:2]}"), f"{path.name}: title line"
    assert "What you'll learn" in first
    number = int(path.name[:2])
    if number > 1:
        assert f"({number - 1:02d}_" in first, f"{path.name}: no link to the previous notebook"
    assert "## Recap" in text and "## Exercises" in text
    assert text.index("## Recap") < text.index("## Exercises"), f"{path.name}: recap first"
    last = _source(nb["cells"][-1])
    if path != NOTEBOOKS[-1]:
        assert f"({number + 1:02d}_" in last, f"{path.name}: no link to the next notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_follow_the_format(path):
    """### Exercise NN.k · title (level), a folded hint, then a stub and a check cell
    (or a folded self-check), and at the end a progress cell before the link onwards."""
    nb = _load(path)
    cells = nb["cells"]
    start = next(i for i, c in enumerate(cells) if _source(c).startswith("## Exercises"))
    number = path.name[:2]
    headings = []
    for i, cell in enumerate(cells[start:], start):
        text = _source(cell)
        if cell["cell_type"] != "markdown" or "### Exercise" not in text:
            continue
        match = EXERCISE_RE.search(text)
        assert match, f"{path.name} cell {i}: heading is not '### Exercise NN.k · title (level)'"
        assert match.group(1) == number, f"{path.name} cell {i}: exercise of another notebook"
        ex_id = f"{match.group(1)}.{match.group(2)}"
        headings.append(ex_id)
        assert "<details><summary>Hint</summary>" in text, f"{path.name} {ex_id}: no folded hint"
        if "<summary>Self-check" in text:
            continue
        stub, check = (_source(c) for c in cells[i + 1 : i + 3])
        assert "..." in stub, f"{path.name} {ex_id}: no stub (...) for the answer after it"
        assert re.match(rf'check\("{re.escape(ex_id)}", ', check), (
            f'{path.name} {ex_id}: the cell after the stub must be check("{ex_id}", ...)'
        )
    assert headings, f"{path.name}: no exercise"
    assert headings == [f"{number}.{k}" for k in range(1, len(headings) + 1)], headings
    code = _code_cells(nb)
    assert _source(code[-1]).strip() == f'progress("{number}")', f"{path.name}: progress last"


@pytest.mark.parametrize("path", NOTEBOOKS + SOLUTIONS, ids=lambda p: p.parent.name + "/" + p.name)
def test_links_between_notebooks_resolve(path):
    nb = _load(path)
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#\s]+\.(?:ipynb|md))\)", _source(cell)):
            assert (path.parent / target).resolve().exists(), f"{path.name}: broken link {target}"


@pytest.mark.parametrize("path", NOTEBOOKS + SOLUTIONS, ids=lambda p: p.parent.name + "/" + p.name)
def test_code_follows_the_house_rules(path):
    for i, cell in enumerate(_code_cells(_load(path))):
        src = _source(cell)
        assert not re.search(r"sys\.path\.(insert|append)|^%run |import \*|^!pip", src, re.M), (
            f"{path.name} code cell {i}: path hack, %run, import * or !pip"
        )
        assert "np.random.seed(" not in src and "np.random.rand" not in src, (
            f"{path.name} code cell {i}: global random state; use np.random.default_rng(seed)"
        )
        assert not re.search(r"^\s*plt\.\w+\(.*\);\s*$", src, re.M), (
            f"{path.name} code cell {i}: end plotting cells with plt.show(), not ';'"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_widget_cells_are_ignored_by_nbval_and_followed_by_a_figure(path):
    cells = _code_cells(_load(path))
    for i, cell in enumerate(cells):
        src = _source(cell)
        if not re.search(r"ipywidgets|helpers\.widgets", src):
            continue
        assert src.startswith("# NBVAL_IGNORE_OUTPUT"), f"{path.name} code cell {i}"
        following = cells[i + 1 : i + 3]
        assert any(
            "image/png" in out.get("data", {}) for c in following for out in c.get("outputs", [])
        ), f"{path.name} code cell {i}: no static figure right after the widget"


def test_readme_table_lists_exactly_the_notebooks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"\]\(notebooks/([0-9][0-9]_[^)]+\.ipynb)\)", readme)
    assert sorted(set(listed)) == [p.name for p in NOTEBOOKS]
