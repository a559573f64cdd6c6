"""book/conf.py's own logic: what the site adds to the pages, from the files alone."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, load

conf = load("book_conf", REPO / "book" / "conf.py")


def test_the_navigation_lists_every_notebook_then_every_solution_in_order():
    series = sorted(
        p.relative_to(REPO).as_posix() for p in REPO.glob("notebooks/[0-9][0-9]_*.ipynb")
    )
    solutions = sorted(
        p.relative_to(REPO).as_posix() for p in REPO.glob("solutions/[0-9][0-9]_*.ipynb")
    )
    assert conf.SERIES == series and conf.SOLUTIONS == solutions
    entries = [
        line for line in conf.TOCTREES.splitlines() if line.startswith(("notebooks/", "solutions/"))
    ]
    assert entries == [p.removesuffix(".ipynb") for p in series + solutions]
    assert conf.TOCTREES.index(":caption: The series") < conf.TOCTREES.index(
        ":caption: Worked solutions"
    )


def test_a_link_to_a_folder_of_pages_goes_to_its_first_page():
    readme = REPO / "README.md"
    first = conf.SOLUTIONS[0].removeprefix("solutions/")
    text = "Worked solutions are in [`solutions/`](solutions), one per notebook."
    assert conf.map_folder_links(text, readme) == (
        f"Worked solutions are in [`solutions/`](solutions/{first}), one per notebook."
    )
    assert f"](../solutions/{first})" in conf.map_folder_links(
        "[s](../solutions/)", REPO / "notebooks" / "x.ipynb"
    )


def test_a_link_to_another_folder_goes_to_github_or_becomes_text(monkeypatch):
    text = "The code is in [the helpers](helpers), see [model](helpers/model.py)."
    monkeypatch.setattr(conf, "REPOSITORY", "")
    assert conf.map_folder_links(text, REPO / "README.md") == (
        "The code is in the helpers, see [model](helpers/model.py)."
    )
    monkeypatch.setattr(conf, "REPOSITORY", "ann/nn-course")
    monkeypatch.setattr(conf, "BRANCH", "spring")
    assert conf.map_folder_links("[h](../helpers/)", REPO / "notebooks" / "x.ipynb") == (
        "[h](https://github.com/ann/nn-course/tree/spring/helpers)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[01](notebooks/01_artificial-data.ipynb)",  # a page's source: MyST resolves it
        "[nbval](https://github.com/computationalmodelling/nbval)",
        "[recap](#recap)",
        "![a figure](helpers)",  # an image is never mapped
        "[gone](no-such-folder)",
    ],
)
def test_other_links_are_left_alone(text):
    assert conf.map_folder_links(text, REPO / "README.md") == text


def test_a_note_follows_each_widget_cell_and_nothing_else_changes():
    nb = {
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Title"},
            {"cell_type": "code", "id": "w", "metadata": {}, "outputs": [],
             "source": "# NBVAL_IGNORE_OUTPUT\nfrom helpers.widgets import learning_rate_explorer"},
            {"cell_type": "code", "id": "f", "metadata": {}, "outputs": [], "source": "plt.show()"},
        ],
        "metadata": {},
    }  # fmt: skip
    before = json.dumps(nb)
    shown = conf.add_to_notebook(nb, REPO / "notebooks" / "x.ipynb")
    assert json.dumps(nb) == before  # the notebook itself is not modified
    assert [c["id"] for c in shown["cells"]] == ["a", "w", "w-widget-note", "f"]
    note = shown["cells"][2]
    assert note["cell_type"] == "markdown"
    assert "moves only in a running notebook" in note["source"]
    assert "static figure below" in note["source"]


def test_widget_cells_are_found_by_the_rule_of_the_notebook_tests():
    tidy_test = (REPO / "tests" / "test_notebooks_tidy.py").read_text(encoding="utf-8")
    assert f'r"{conf.WIDGET_CELL.pattern}"' in tidy_test


def test_every_widget_notebook_of_the_series_gets_the_note():
    widget_notebooks = 0
    for path in REPO.glob("notebooks/[0-9][0-9]_*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        widgets = sum(
            c["cell_type"] == "code" and bool(conf.WIDGET_CELL.search("".join(c["source"])))
            for c in nb["cells"]
        )
        notes = sum(
            "moves only in a running notebook" in "".join(c["source"])
            for c in conf.add_to_notebook(nb, path)["cells"]
        )
        assert notes == widgets, path.name
        widget_notebooks += widgets > 0
    assert widget_notebooks >= 1


@pytest.mark.parametrize("value", ["not a repository", "https://github.com/a/b", "a/b/c"])
def test_a_malformed_repository_setting_is_refused(value):
    run = subprocess.run(
        [sys.executable, "-c", f"import runpy; runpy.run_path({str(REPO / 'book' / 'conf.py')!r})"],
        env={"BOOK_REPOSITORY": value, "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert (
        f"BOOK_REPOSITORY: expected a GitHub repository as owner/name, got {value!r}" in run.stderr
    )


def test_widget_views_of_a_working_copy_are_not_shown():
    """A notebook run in JupyterLab holds widget views until git tidies it; the site drops them."""
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb = {
        "cells": [
            {"cell_type": "code", "id": "w", "metadata": {}, "execution_count": 1,
             "source": "# NBVAL_IGNORE_OUTPUT\nimport ipywidgets", "outputs": [
                 {"output_type": "display_data", "metadata": {}, "data": {
                     "application/vnd.jupyter.widget-view+json": view,
                     "text/plain": "interactive(children=(FloatSlider(value=0.9)))"}}]},
            {"cell_type": "code", "id": "p", "metadata": {}, "execution_count": 2,
             "source": "print(1)", "outputs": [
                 {"output_type": "stream", "name": "stdout", "text": "1\n"}]},
        ],
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {}}},
        "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    shown = json.loads(conf.notebook_page(json.dumps(nb), REPO / "notebooks" / "x.ipynb"))
    assert "widgets" not in shown["metadata"]
    assert shown["cells"][0]["outputs"] == []
    assert shown["cells"][1]["id"] == "w-widget-note"
    assert shown["cells"][2]["outputs"] == nb["cells"][1]["outputs"]
