"""The built website (``make book``) checked in headless Chromium: ``make test-book``.

What is checked is listed in tools/check_book.py; every expectation comes from the
files (notebooks/ and solutions/ in sorted order), so a new notebook is checked
without a change here. BOOK_REPOSITORY must be what the site was built with (the
Makefile passes the same value to both).
"""

from __future__ import annotations

import os

import pytest
from conftest import REPO, check_book

SITE = check_book.SITE


@pytest.fixture(scope="module")
def site():
    if not (SITE / "README.html").is_file():
        pytest.fail(f"no website in {SITE}: run `make book` first (make test-book does)")
    return SITE


@pytest.fixture(scope="module")
def browser_run(site, chromium):
    return check_book.check_in_browser(site, chromium, check_book.searches_for(REPO))


def test_every_internal_link_and_file_resolves(site):
    assert check_book.check_links(site) == []


def test_every_page_loads_its_images_and_typesets_its_maths(site, browser_run):
    reports, _, problems = browser_run
    assert problems == []
    # Every page was opened (the index.html redirect is checked through its target).
    assert set(reports) == {p.relative_to(site).as_posix() for p in check_book.html_pages(site)} - {
        "index.html"
    }
    assert sum(r["images"] for r in reports.values()) > 0
    assert sum(r["math"] for r in reports.values()) > 0


def test_the_series_is_on_the_site_as_promised(site, browser_run):
    reports, search_results, _ = browser_run
    problems = check_book.check_series(
        REPO,
        site,
        reports,
        search_results,
        os.environ.get("BOOK_REPOSITORY", ""),
        os.environ.get("BOOK_BRANCH") or "main",
    )
    assert problems == []
    assert set(search_results) == set(check_book.searches_for(REPO))
    n_series = len(list(REPO.glob("notebooks/[0-9][0-9]_*.ipynb")))
    print(
        f"\nbook: {len(reports)} pages ({n_series} notebooks), "
        f"{sum(r['images'] for r in reports.values())} images, "
        f"{sum(r['math'] for r in reports.values())} equations, "
        f"{len(search_results)} searches"
    )


def test_the_site_works_opened_from_the_files(site, chromium):
    """From a USB stick (file://): maths typeset, figures shown, search finds a notebook."""
    from playwright.sync_api import sync_playwright

    notebook = max(
        check_book.series_pages(REPO)[: len(check_book.searches_for(REPO))],
        key=lambda page: (site / page).read_text(encoding="utf-8").count('class="math'),
    )
    word = check_book.searches_for(REPO)[notebook]
    root = site.resolve().as_uri() + "/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=check_book.CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(root + notebook, wait_until="load")
        page.evaluate(check_book.SETTLED_JS)
        report = page.evaluate(check_book.PAGE_REPORT_JS)
        page.goto(f"{root}search.html?q={word}", wait_until="load")
        page.wait_for_function(
            "() => (document.querySelector('#search-results .search-summary')"
            "?.textContent ?? '').trim().length > 0"
        )
        found = page.evaluate(check_book.SEARCH_RESULTS_JS)
        browser.close()
    assert report["math"] > 0 and report["untypeset"] == [] and report["errors"] == []
    assert report["outputImages"] > 0 and report["broken"] == []
    assert any(url.endswith("/" + notebook) for url in found), (word, found)
