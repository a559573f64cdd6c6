"""Sphinx configuration of the series' website: ``make book`` (README "The website").

The site is built from the files as they are stored: the README is the landing
page, then every ``notebooks/NN_*.ipynb`` in sorted order, then the worked
solutions (``solutions/NN_*.ipynb``) as a second part. Nothing here names a
notebook: a new notebook gets a page, a place in the navigation and a place in
the search by being added to ``notebooks/``.

No cell is executed (``nb_execution_mode = "off"``): readers see the outputs that
nbval checked. MathJax 3 is copied into the build from the ``django-static-mathjax``
package (pinned in requirements-docs.txt), so the site needs no network.

``BOOK_REPOSITORY`` (``owner/name`` on GitHub, e.g. from ``${{ github.repository }}``
in .github/workflows/pages.yml) turns on the repository link and the "launch on
Binder" button of each notebook page; ``BOOK_BRANCH`` (default ``main``) is the
branch Binder opens. Without it the site has no repository or Binder links.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import mathjax  # the django-static-mathjax package: MathJax's files, no Django needed

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "tidy_notebooks", ROOT / "tools" / "tidy_notebooks.py"
)
tidy_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tidy_notebooks)
SERIES = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("notebooks/[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted(
    p.relative_to(ROOT).as_posix() for p in ROOT.glob("solutions/[0-9][0-9]_*.ipynb")
)

REPOSITORY = os.environ.get("BOOK_REPOSITORY", "").strip().strip("/")
BRANCH = os.environ.get("BOOK_BRANCH", "").strip() or "main"
if REPOSITORY and not re.fullmatch(r"[\w.-]+/[\w.-]+", REPOSITORY):
    raise ValueError(
        f"BOOK_REPOSITORY: expected a GitHub repository as owner/name, got {REPOSITORY!r}"
    )

project = "Neural networks from scratch, with NumPy"
author = "the authors of the series"
copyright = "the authors of the series"

# The repository's root is the source folder, so that the README's links
# (notebooks/01_....ipynb) and the notebooks' (../solutions/..., ../README.md) resolve
# on the site as they do on GitHub. Only these files are pages:
root_doc = "README"
include_patterns = [
    "README.md",
    "notebooks/[0-9][0-9]_*.ipynb",
    "solutions/[0-9][0-9]_*.ipynb",
    "data/README.md",  # the digits' provenance and licence, linked from notebook 13
]
# ... and these folders are not even walked.
exclude_patterns = [
    ".venv",
    ".git",
    "build",
    "**/.ipynb_checkpoints",
    "**/__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".bench",
]

extensions = ["myst_nb", "sphinx_copybutton"]

# --- MyST-NB: the stored outputs, never re-executed --------------------------------
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
# Headings get GitHub's anchors, so a link like [the website](#the-website) works here too.
myst_heading_anchors = 3
# The solution notebooks go from their title (#) straight to the exercises, whose
# headings the series fixes as "### Exercise NN.k · ..." (tests/test_exercises.py):
# a skipped level there is the format, not a mistake. Every other warning fails the build.
suppress_warnings = ["myst.header"]
# The notebooks' <details> hints are HTML; MyST passes them through as they are.

# --- maths: MathJax 3 from the build itself ----------------------------------------
MATHJAX_ES5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
# Relative to _static/. tex-chtml.js loads the rest (TeX extensions, fonts, the
# accessibility menu's parts) from beside itself.
mathjax_path = "mathjax/tex-chtml.js"
# An unknown macro (a typo) is an error that the browser check finds, not red text.
mathjax3_config = {"tex": {"packages": {"[-]": ["noundefined"]}}}

# --- HTML ----------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
# Download links give the notebook itself (.ipynb), not a .ipynb.txt copy.
html_sourcelink_suffix = ""
html_show_sphinx = False
html_additional_pages = {"index": "redirect.html"}
templates_path = ["_templates"]
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
    # The search box sits in the sidebar; without this the PyData theme underneath
    # adds a second one in a header bar above every page.
    "navbar_persistent": [],
}
if REPOSITORY:
    html_theme_options |= {
        "repository_url": f"https://github.com/{REPOSITORY}",
        "repository_branch": BRANCH,
        "path_to_docs": "",
        "use_repository_button": True,
        "launch_buttons": {
            "binderhub_url": "https://mybinder.org",
            "notebook_interface": "jupyterlab",
        },
    }

# A fence without a language (the README's tables of measurements) is plain text;
# notebook cells are highlighted in their kernel's language.
highlight_language = "text"

# Copy buttons on code (cells and the README's commands), not on outputs.
copybutton_selector = "div:not(.output) > div.highlight > pre"
copybutton_exclude = ".linenos, .gp, .go"

# --- what the build adds to the pages ------------------------------------------------
TOCTREES = f"""

```{{toctree}}
:hidden:
:caption: The series

{chr(10).join(p.removesuffix(".ipynb") for p in SERIES)}
```

```{{toctree}}
:hidden:
:caption: Worked solutions

{chr(10).join(p.removesuffix(".ipynb") for p in SOLUTIONS)}
```

```{{toctree}}
:hidden:
:caption: About the data

data/README
```
"""

#: A code cell with a widget, by the rule of tests/test_notebooks_tidy.py.
WIDGET_CELL = re.compile(r"ipywidgets|helpers\.widgets")
#: A markdown link (or image, with "!") to a local target: no scheme, not an anchor alone.
LOCAL_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)")


def widget_note() -> str:
    """The note put after a widget cell on the site (the cell's output is not stored)."""
    run = "download it with the button at the top of the page"
    if REPOSITORY:
        run += ", or launch it on Binder"
    return (
        "```{note}\n"
        "The slider above moves only in a running notebook: this page shows the stored\n"
        "outputs, and widgets store none. What the slider shows at its starting position\n"
        f"is the static figure below. To move it, run the notebook ({run}).\n"
        "```"
    )


def first_page_in(folder: Path) -> str | None:
    """The first page of a folder of pages (e.g. solutions/), for a link to the folder."""
    pages = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    return pages[0].name if pages else None


def map_folder_links(text: str, source: Path) -> str:
    """Point links to folders somewhere on the site; GitHub would show a listing.

    A folder of pages (``[solutions/](solutions)``) links to its first page. Any other
    folder of the repository (``[helpers](../helpers)``) links to its listing on GitHub
    when the site is built for a repository (BOOK_REPOSITORY), and is plain text
    otherwise. Links to files are left to MyST: a page's source
    (``notebooks/01_....ipynb``) becomes a link to that page, another file a download.
    """

    def repl(match: re.Match) -> str:
        bang, label, target = match.groups()
        path = target.partition("#")[0]
        folder = (source.parent / path).resolve()
        if bang or not path or not folder.is_dir() or not folder.is_relative_to(ROOT):
            return match.group(0)
        first = first_page_in(folder)
        if first is not None:
            return f"[{label}]({path.rstrip('/')}/{first})"
        if REPOSITORY:
            where = folder.relative_to(ROOT).as_posix()
            return f"[{label}](https://github.com/{REPOSITORY}/tree/{BRANCH}/{where})"
        return label

    return LOCAL_LINK.sub(repl, text)


def add_to_notebook(nb: dict, source: Path) -> dict:
    """The notebook as the site shows it: folder links mapped, a note after each widget."""
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            src = "".join(cell["source"])
            cell = {**cell, "source": map_folder_links(src, source)}
        cells.append(cell)
        if cell["cell_type"] == "code" and WIDGET_CELL.search("".join(cell["source"])):
            note_id = f"{cell.get('id', len(cells))}-widget-note"
            cells.append(
                {"cell_type": "markdown", "id": note_id, "metadata": {}, "source": widget_note()}
            )
    return {**nb, "cells": cells}


def notebook_page(text: str, source: Path) -> str:
    """A notebook's JSON as the site shows it.

    Widget views and widget state that a working copy may hold (JupyterLab's autosave;
    git commits them tidied, see tools/tidy_notebooks.py) are dropped the same way, so
    a site built from a working copy shows what a clone would; then add_to_notebook.
    """
    nb = json.loads(tidy_notebooks.tidy_text(text) or text)
    return json.dumps(add_to_notebook(nb, source))


def on_source_read(app, docname: str, content: list[str]) -> None:
    """Edit each page's text before it is parsed; the files on disk stay as they are."""
    source = Path(app.env.doc2path(docname))
    if docname == root_doc:
        content[0] = map_folder_links(content[0], source) + TOCTREES
    elif source.suffix == ".ipynb":
        content[0] = notebook_page(content[0], source)


def always_reread_landing_page(app, env, added, changed, removed) -> list[str]:
    """The README's navigation lists the notebooks: re-read it when any page is added."""
    return [root_doc]


def copy_mathjax(app, exception) -> None:
    """Copy MathJax (TeX in, HTML-CSS out, fonts, menu) into _static/mathjax/."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    stamp = target / ".copied-from"
    if stamp.is_file() and stamp.read_text() == str(MATHJAX_ES5):
        return
    shutil.rmtree(target, ignore_errors=True)
    # tex-chtml.js is the one bundle the pages load; the other bundles are left out.
    bundles = [p.name for p in MATHJAX_ES5.glob("*.js") if p.name != "tex-chtml.js"]
    shutil.copytree(MATHJAX_ES5, target, ignore=shutil.ignore_patterns(*bundles))
    stamp.write_text(str(MATHJAX_ES5))


def setup(app):
    app.connect("source-read", on_source_read)
    app.connect("env-get-outdated", always_reread_landing_page)
    app.connect("build-finished", copy_mathjax)
