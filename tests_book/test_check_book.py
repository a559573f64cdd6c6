"""tools/check_book.py can fail: tiny fake sites with known faults, and fake reports.

A good fake site must pass, and a bad one must be reported for each of its faults (a
missing image, a file that is no image, TeX left as text, maths that MathJax never
typeset, a TeX error, a broken link or anchor, a script from another host), so that
the check of the real site (test_book_site.py) means something.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import mathjax  # django-static-mathjax, from requirements-docs.txt
import pytest
from conftest import check_book

MATHJAX_ES5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
# As the site's pages load MathJax (book/conf.py): only .math elements are typeset,
# and an unknown macro is an error.
HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<script>window.MathJax = {{"tex": {{"packages": {{"[-]": ["noundefined"]}}}},
  "options": {{"processHtmlClass": "math"}}}}</script>
{mathjax}</head><body><section class="tex2jax_ignore mathjax_ignore">
"""
MATHJAX_TAG = '<script defer src="{up}_static/mathjax/tex-chtml.js"></script>'


def png(width: int = 3, height: int = 2) -> bytes:
    """A valid grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def page(path: Path, body: str, mathjax: bool = True) -> None:
    up = "../" * (len(path.parts) - 2 - path.parts.index("site"))
    head = HEAD.format(title=path.stem, mathjax=MATHJAX_TAG.format(up=up) if mathjax else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + body + "</section></body></html>", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    (site / "_static" / "mathjax").symlink_to(MATHJAX_ES5, target_is_directory=True)
    (site / "_images").mkdir()
    (site / "_images" / "ok.png").write_bytes(png())
    return site


@pytest.fixture
def good_site(site: Path) -> Path:
    page(
        site / "README.html",
        '<p>See <a href="notebooks/01_a.html#loss">the loss</a>.</p>'
        '<img src="_images/ok.png" alt="a figure">'
        '<p>A sum, <span class="math notranslate nohighlight">\\(\\sum_i x_i\\)</span>.</p>'
        "<p>Prices in code are fine: <code>$5 and $$</code>.</p>",
    )
    page(
        site / "notebooks" / "01_a.html",
        '<h2 id="loss">Loss</h2><div class="math notranslate nohighlight">'
        "\\[L = -\\frac{1}{n}\\sum_i y_i \\log \\hat y_i\\]</div>"
        '<p><a href="../README.html">home</a> <img src="../_images/ok.png" alt=""></p>',
    )
    return site


def test_a_good_site_passes(good_site, chromium):
    assert check_book.check_links(good_site) == []
    reports, _, problems = check_book.check_in_browser(good_site, chromium)
    assert problems == []
    assert reports["README.html"]["images"] == 1 and reports["README.html"]["math"] == 1
    assert reports["notebooks/01_a.html"]["math"] == 1


def test_each_fault_of_a_bad_site_is_reported(site, chromium):
    (site / "_images" / "not-a-png.png").write_text("this is text, not an image")
    page(
        site / "README.html",
        '<img src="_images/missing.png" alt="">'
        '<img src="_images/not-a-png.png" alt="">'
        "<p>The loss is $$L = -\\log p$$ here, and $x_1$ there.</p>"
        '<p><a href="notebooks/02_gone.html">gone</a> '
        '<a href="notebooks/01_a.html#no-such-anchor">anchor</a></p>'
        '<script src="https://cdn.example.org/mathjax.js"></script>',
    )
    # A page whose MathJax script is missing: its maths stays TeX source.
    page(
        site / "notebooks" / "01_a.html",
        '<p><span class="math notranslate nohighlight">\\(w_1\\)</span></p>',
        mathjax=False,
    )
    page(
        site / "notebooks" / "03_typo.html",
        '<p><span class="math notranslate nohighlight">\\(\\sigam(z)\\)</span></p>',
    )
    links = "\n".join(check_book.check_links(site))
    assert "notebooks/02_gone.html is broken (no such file)" in links
    assert "notebooks/01_a.html#no-such-anchor is broken (no such anchor)" in links
    assert "_images/missing.png is broken" in links
    assert "loads https://cdn.example.org/mathjax.js from another host" in links

    _, _, problems = check_book.check_in_browser(site, chromium)
    found = "\n".join(problems)
    assert "README.html: image _images/missing.png did not load" in found
    assert "README.html: image _images/not-a-png.png did not load" in found
    assert (
        "README.html: http://127.0.0.1:" in found and "/_images/missing.png answered 404" in found
    )
    assert "README.html: requested https://cdn.example.org/mathjax.js from another host" in found
    assert "README.html: TeX left as text: 'The loss is $$L = -\\\\log p$$" in found
    assert "notebooks/01_a.html: maths not typeset: '\\\\(w_1\\\\)'" in found
    assert "notebooks/03_typo.html: MathJax error" in found and "sigam" in found


def notebook(cells: list[dict]) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text: str, outputs: list | None = None) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": outputs or []}


FIGURE = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    (repo / "solutions").mkdir()
    (repo / "notebooks" / "01_data.ipynb").write_text(
        notebook([md("# 01 · Artificial data"), code("plot()", [FIGURE])])
    )
    (repo / "notebooks" / "02_slider.ipynb").write_text(
        notebook([md("# 02 · Sliders"), code("# NBVAL_IGNORE_OUTPUT\nimport ipywidgets")])
    )
    (repo / "solutions" / "01_data.ipynb").write_text(notebook([md("# Solutions · 01")]))
    return repo


def report(page: str, prev: str | None, nxt: str | None, **extra) -> dict:
    notebook = page.replace(".html", ".ipynb")
    base = "http://127.0.0.1:1/"
    links = [base + "_sources/" + notebook] if "/" in page else []
    return {
        "images": 0, "math": 0, "text": "", "codeCells": 0, "copyButtonsInCells": 0,
        "outputImages": 0, "sections": 2, "pageToc": 3, "links": links,
        "prev": prev, "next": nxt, **extra,
    }  # fmt: skip


def good_reports(repository: str = "") -> dict[str, dict]:
    binder = "https://mybinder.org/v2/gh/{r}/main?urlpath=lab/tree/{nb}"
    reports = {
        "README.html": report(
            "README.html", None, "notebooks/01_data.html",
            links=["http://127.0.0.1:1/notebooks/01_data.html",
                   "http://127.0.0.1:1/notebooks/02_slider.html",
                   "http://127.0.0.1:1/solutions/01_data.html"],
        ),
        "notebooks/01_data.html": report(
            "notebooks/01_data.html", "../README.html", "02_slider.html",
            outputImages=1, codeCells=1, copyButtonsInCells=1,
        ),
        "notebooks/02_slider.html": report(
            "notebooks/02_slider.html", "01_data.html", "../solutions/01_data.html",
            text="The slider above moves only in a running notebook: ...",
            codeCells=1, copyButtonsInCells=1,
        ),
        "solutions/01_data.html": report(
            "solutions/01_data.html", "../notebooks/02_slider.html", None
        ),
    }  # fmt: skip
    if repository:
        for name, r in reports.items():
            if name != "README.html":
                r["links"].append(binder.format(r=repository, nb=name.replace(".html", ".ipynb")))
    return reports


SEARCHES = {"notebooks/01_data.html": ["notebooks/01_data.html"], "notebooks/02_slider.html": [
    "notebooks/02_slider.html"]}  # fmt: skip


@pytest.mark.parametrize("repository", ["", "ann/nn-course"])
def test_the_series_checks_pass_on_good_reports(repo, repository):
    reports = good_reports(repository)
    assert check_book.check_series(repo, repo, reports, SEARCHES, repository) == []


def test_search_words_come_from_the_titles(repo):
    assert check_book.searches_for(repo) == {
        "notebooks/01_data.html": "Artificial",
        "notebooks/02_slider.html": "Sliders",
    }


@pytest.mark.parametrize(
    "fault, expected",
    [
        (lambda r, s: r.pop("notebooks/02_slider.html"), "no page for notebooks/02_slider"),
        (lambda r, s: r["notebooks/01_data.html"].update(next="../solutions/01_data.html"),
         "'next' is ../solutions/01_data.html, expected notebooks/02_slider.html"),
        (lambda r, s: r["README.html"]["links"].pop(1), "README.html: no link to notebooks/02"),
        (lambda r, s: r["notebooks/01_data.html"]["links"].clear(), "no download link"),
        (lambda r, s: r["notebooks/01_data.html"].update(outputImages=0),
         "shows 0 of its 1 figures"),
        (lambda r, s: r["notebooks/01_data.html"].update(pageToc=0),
         "table of contents lists 0 of its 2 sections"),
        (lambda r, s: r["notebooks/01_data.html"].update(copyButtonsInCells=0),
         "0 copy buttons for 1 code cells"),
        (lambda r, s: r["notebooks/02_slider.html"].update(text=""),
         "a widget cell but no note"),
        (lambda r, s: r["notebooks/01_data.html"].update(text="Loading widget..."),
         "shows a widget's raw output"),
        (lambda r, s: s["notebooks/01_data.html"].clear(), "search for 'Artificial'"),
        (lambda r, s: r["notebooks/01_data.html"]["links"].append(
            "https://mybinder.org/v2/gh/x/y/main"), "a Binder link, but"),
    ],
)  # fmt: skip
def test_each_broken_promise_is_reported(repo, fault, expected):
    reports, searches = good_reports(), {k: list(v) for k, v in SEARCHES.items()}
    fault(reports, searches)
    problems = check_book.check_series(repo, repo, reports, searches)
    assert any(expected in p for p in problems), problems


def test_a_missing_binder_link_is_reported_when_built_for_a_repository(repo):
    problems = check_book.check_series(repo, repo, good_reports(), SEARCHES, "ann/nn-course")
    assert any("no Binder link https://mybinder.org/v2/gh/ann/nn-course/" in p for p in problems)
