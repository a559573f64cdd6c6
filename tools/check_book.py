"""Check the built website of the series in a real browser (``make test-book``).

    python tools/check_book.py [--site build/book/html] [--chromium /usr/bin/chromium]

BOOK_REPOSITORY and BOOK_BRANCH must be what the site was built with: ``make test-book``
passes ``make book``'s values to both.

Two parts, each returning a list of problems (empty when all is well):

- ``check_links``: reads every HTML page of the site and checks every internal
  ``href`` and ``src`` (pages, images, scripts, style sheets, downloads, and
  ``#anchors`` against the ids of the target page), and that nothing is loaded from
  another host (the site must work from a USB stick).
- ``check_in_browser``: serves the site on 127.0.0.1 (http.server in a thread) and
  opens every page in headless Chromium (Playwright, Debian's ``/usr/bin/chromium``;
  no browser is downloaded). On each page: every request is answered (no 404, no
  request to another host), every ``<img>`` has loaded (``naturalWidth > 0``), every
  equation is typeset by MathJax (each ``.math`` element holds a MathJax container,
  no MathJax error) and no TeX is left as text (``$$``, ``$x$``, ``\\(``, ``\\[``,
  ``\\begin{``) outside code. It also runs the site's search (``search.html?q=``)
  for given words and returns the pages each search lists.

``check_series`` adds what the series promises (README "The website"): a page for
every ``notebooks/NN_*.ipynb`` and ``solutions/NN_*.ipynb`` in reading order with
previous/next links, each stored figure shown, a table of contents listing each
section, a download link to each notebook, copy buttons on code cells,
the note after each widget cell, the Binder link when the site was built for a
repository, and a search for a word of each notebook's title that finds it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "build" / "book" / "html"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A code cell with a widget, by the rule of tests/test_notebooks_tidy.py.
WIDGET_CELL = re.compile(r"ipywidgets|helpers\.widgets")
#: The note that book/conf.py puts after a widget cell.
WIDGET_NOTE = "moves only in a running notebook"
#: What a widget's stored output would show if one slipped through.
WIDGET_LEFTOVERS = ("Loading widget", "interactive(children", "VBox(children", "model_id")
PAGE_TIMEOUT_MS = 30_000


# --- links, read from the HTML files ----------------------------------------------


class _PageParser(HTMLParser):
    """Collects a page's ids and the URLs it links to or loads."""

    LOADS = {"img": "src", "script": "src", "iframe": "src", "source": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, url)
        self.loads: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        for key in ("id", "name") if tag == "a" else ("id",):
            if key in a:
                self.ids.add(a[key])
        if tag == "a" and "href" in a:
            self.links.append(("a.href", a["href"]))
        if tag == "link" and "href" in a:
            kind = (
                "loads"
                if {"stylesheet", "preload", "icon"} & set(a.get("rel", "").split())
                else "links"
            )
            getattr(self, kind).append(("link.href", a["href"]))
        if tag in self.LOADS and self.LOADS[tag] in a:
            self.loads.append((f"{tag}.src", a[self.LOADS[tag]]))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            url = re.search(r"url=(.+)$", a.get("content", ""), re.I)
            if url:
                self.links.append(("meta.refresh", url.group(1).strip()))


def html_pages(site: Path) -> list[Path]:
    """The site's pages: every .html file outside _static/, _sources/ and _images/."""
    skip = {"_static", "_sources", "_images"}
    return sorted(p for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts))


@functools.cache
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def check_links(site: Path) -> list[str]:
    """Every internal link and loaded file of every page exists, every #anchor too."""
    _parse.cache_clear()
    problems = []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        parsed = _parse(page)
        for what, url in parsed.loads:
            if _is_external(url):
                problems.append(f"{name}: {what} loads {url} from another host")
        for what, url in parsed.links + parsed.loads:
            if _is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            target = page if not parts.path else (page.parent / unquote(parts.path))
            target = Path(os.path.normpath(target))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(site):
                problems.append(f"{name}: {what} {url} leaves the site")
            elif not target.is_file():
                problems.append(f"{name}: {what} {url} is broken (no such file)")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _parse(target).ids:
                    problems.append(f"{name}: {what} {url} is broken (no such anchor)")
    return problems


# --- the pages in Chromium ----------------------------------------------------------


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port for the duration; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Run in the page after MathJax has finished: what a reader would find wrong.
PAGE_REPORT_JS = r"""
async () => {
  const imgs = [...document.images];
  imgs.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(imgs.map((img) => img.decode().catch(() => null)));
  const broken = imgs.filter((img) => !(img.complete && img.naturalWidth > 0))
                     .map((img) => img.getAttribute('src'));
  const math = [...document.querySelectorAll('.math')];
  const untypeset = math.filter((el) => !el.querySelector('mjx-container'))
                        .map((el) => el.textContent.trim().slice(0, 60));
  const errors = [...document.querySelectorAll('mjx-merror, [data-mjx-error]')]
      .map((el) => el.getAttribute('data-mjx-error') || el.textContent.slice(0, 60));
  // Text a reader sees, outside code and outside typeset maths.
  const skip = 'pre, code, script, style, textarea, mjx-container, .highlight, [hidden]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const rawTex = [];
  const texPattern = /\$\$|\\\(|\\\[|\\begin\{|\$[^\s$][^$\n]*?\$/;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest(skip)) continue;
    const m = node.textContent.match(texPattern);
    if (m) rawTex.push(node.textContent.trim().slice(0, 80));
  }
  const text = document.body.innerText;
  return {
    title: document.title,
    images: imgs.length, broken,
    math: math.length, untypeset, errors, rawTex,
    text,
    outputImages: document.querySelectorAll('div.cell_output img').length,
    sections: document.querySelectorAll('article h2').length,
    pageToc: document.querySelectorAll('nav.page-toc a').length,
    codeCells: document.querySelectorAll('div.cell_input').length,
    copyButtonsInCells: document.querySelectorAll('div.cell_input button.copybtn').length,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    next: document.querySelector('link[rel=next]')?.getAttribute('href') ?? null,
    prev: document.querySelector('link[rel=prev]')?.getAttribute('href') ?? null,
  };
}
"""

# MathJax typesets after the load event (startup.promise settles when it is done), then
# its fonts load: by the end, every request of the page has been answered.
SETTLED_JS = """
async () => {
  if (window.MathJax?.startup?.promise) await window.MathJax.startup.promise;
  await document.fonts.ready;
}
"""

SEARCH_RESULTS_JS = """
() => [...document.querySelectorAll('#search-results ul.search li a')]
        .map((a) => new URL(a.getAttribute('href'), location.href).pathname)
"""


def _chromium(playwright, chromium: str):
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)


def _open(page, url: str, problems: list[str], name: str, redirect: str | None = None) -> None:
    """Load ``url``, recording every failed request or request to another host."""
    failed: list[str] = []

    def on_response(response) -> None:
        if response.status >= 400:
            failed.append(f"{response.url} answered {response.status}")

    def on_failed(request) -> None:
        failed.append(f"{request.url} failed ({request.failure})")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        if redirect:  # a <meta http-equiv="refresh">: wait for the page it opens
            page.wait_for_url(urljoin(url, redirect), timeout=PAGE_TIMEOUT_MS)
            page.wait_for_load_state("load", timeout=PAGE_TIMEOUT_MS)
        page.evaluate(SETTLED_JS)
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
    problems.extend(f"{name}: {f}" for f in failed)


def check_in_browser(
    site: Path, chromium: str, searches: dict[str, str] | None = None
) -> tuple[dict[str, dict], dict[str, list[str]], list[str]]:
    """Open every page of ``site`` in Chromium and run the ``searches`` (name -> query).

    Returns ``(reports, search_results, problems)``: what PAGE_REPORT_JS found on each
    page (by path relative to the site), the site paths each search listed, and the
    problems: failed or off-site requests, broken images, maths not typeset, MathJax
    errors and TeX left as text.
    """
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    reports: dict[str, dict] = {}
    results: dict[str, list[str]] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = _chromium(p, chromium)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # Offline, as from a USB stick: any request to another host is refused and reported.
        off_site: list[str] = []

        def refuse(route) -> None:
            off_site.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(base), refuse)
        page = context.new_page()
        for path in html_pages(site):
            name = path.relative_to(site).as_posix()
            off_site.clear()
            refresh = [u for what, u in _parse(path).links if what == "meta.refresh"]
            _open(page, base + name, problems, name, refresh[0] if refresh else None)
            problems.extend(f"{name}: requested {url} from another host" for url in off_site)
            if page.url.rstrip("/") != (base + name).rstrip("/"):
                continue  # a redirect (index.html): the target page is checked itself
            report = page.evaluate(PAGE_REPORT_JS)
            reports[name] = report
            problems.extend(f"{name}: image {src} did not load" for src in report["broken"])
            problems.extend(f"{name}: maths not typeset: {t!r}" for t in report["untypeset"])
            problems.extend(f"{name}: MathJax error: {e!r}" for e in report["errors"])
            problems.extend(f"{name}: TeX left as text: {t!r}" for t in report["rawTex"])
        for key, query in (searches or {}).items():
            page.goto(f"{base}search.html?q={query}", wait_until="load")
            # Sphinx's search writes a summary line once it has finished.
            page.wait_for_function(
                "() => (document.querySelector('#search-results .search-summary')"
                "?.textContent ?? '').trim().length > 0",
                timeout=PAGE_TIMEOUT_MS,
            )
            results[key] = [
                u.removeprefix(urlsplit(base).path) for u in page.evaluate(SEARCH_RESULTS_JS)
            ]
        browser.close()
    return reports, results, problems


# --- what the series promises --------------------------------------------------------


def series_pages(repo: Path) -> list[str]:
    """The pages the site must have, in reading order: the series, then the solutions."""
    notebooks = sorted(repo.glob("notebooks/[0-9][0-9]_*.ipynb"))
    solutions = sorted(repo.glob("solutions/[0-9][0-9]_*.ipynb"))
    return [p.relative_to(repo).with_suffix(".html").as_posix() for p in notebooks + solutions]


def _title(notebook: Path) -> str:
    first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    return first.splitlines()[0].lstrip("# ").strip()


def search_word(notebook: Path) -> str:
    """The longest word of the notebook's title: what a reader would search for."""
    words = re.findall(r"[A-Za-z][A-Za-z-]+", _title(notebook))
    return max(words, key=len)


def stored_figures(notebook: Path) -> int:
    """How many figures the notebook stores as outputs (PNG, JPEG or SVG)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    kinds = ("image/png", "image/jpeg", "image/svg+xml")
    return sum(
        any(k in out.get("data", {}) for k in kinds)
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for out in c.get("outputs", [])
    )


def _has_widget(notebook: Path) -> bool:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return any(
        c["cell_type"] == "code" and WIDGET_CELL.search("".join(c["source"])) for c in nb["cells"]
    )


def check_series(
    repo: Path,
    site: Path,
    reports: dict[str, dict],
    search_results: dict[str, list[str]],
    repository: str = "",
    branch: str = "main",
) -> list[str]:
    """The series' promises, from the files in ``repo`` and what the browser found."""
    problems = []
    pages = series_pages(repo)
    landing = "README.html"
    if landing not in reports:
        problems.append("no landing page README.html")
    order = [landing, *pages]
    for page in pages:
        if page not in reports:
            problems.append(f"{page}: no page for {page.removesuffix('.html')}.ipynb")
    for before, after in zip(order, order[1:], strict=False):
        if before in reports and after in reports:
            nxt = reports[before]["next"]
            if nxt is None or os.path.normpath(Path(before).parent / nxt) != after:
                problems.append(f"{before}: 'next' is {nxt}, expected {after}")
            prev = reports[after]["prev"]
            if prev is None or os.path.normpath(Path(after).parent / prev) != before:
                problems.append(f"{after}: 'previous' is {prev}, expected {before}")
    nav = set(reports.get(landing, {}).get("links", []))
    for page in pages:
        if not any(urlsplit(u).path.endswith("/" + page) for u in nav):
            problems.append(f"{landing}: no link to {page} (navigation)")
    for page in pages:
        report = reports.get(page)
        if report is None:
            continue
        notebook = repo / page.replace(".html", ".ipynb")
        if not any(
            urlsplit(u).path.endswith(f"/_sources/{notebook.relative_to(repo)}")
            for u in report["links"]
        ):
            problems.append(f"{page}: no download link to the notebook")
        if report["pageToc"] < report["sections"]:
            problems.append(
                f"{page}: its table of contents lists {report['pageToc']} "
                f"of its {report['sections']} sections"
            )
        figures = stored_figures(notebook)
        if report["outputImages"] < figures:
            problems.append(f"{page}: shows {report['outputImages']} of its {figures} figures")
        if report["codeCells"] and report["copyButtonsInCells"] != report["codeCells"]:
            problems.append(
                f"{page}: {report['copyButtonsInCells']} copy buttons "
                f"for {report['codeCells']} code cells"
            )
        binder = f"https://mybinder.org/v2/gh/{repository}/{branch}?urlpath=lab/tree/{notebook.relative_to(repo)}"
        has_binder = binder in report["links"]
        any_binder = any("mybinder.org" in u for u in report["links"])
        if repository and not has_binder:
            problems.append(f"{page}: no Binder link {binder}")
        if not repository and any_binder:
            problems.append(f"{page}: a Binder link, but the site was built for no repository")
        if _has_widget(notebook) and WIDGET_NOTE not in report["text"]:
            problems.append(f"{page}: a widget cell but no note about its static figure")
        for leftover in WIDGET_LEFTOVERS:
            if leftover in report["text"]:
                problems.append(f"{page}: shows a widget's raw output ({leftover!r})")
    for page, found in search_results.items():
        if page not in found:
            problems.append(
                f"search for {search_word(repo / page.replace('.html', '.ipynb'))!r}: "
                f"{page} not among {found}"
            )
    return problems


def searches_for(repo: Path) -> dict[str, str]:
    """One search per notebook of the series: its page -> a word of its title."""
    return {
        p.relative_to(repo).with_suffix(".html").as_posix(): search_word(p)
        for p in sorted(repo.glob("notebooks/[0-9][0-9]_*.ipynb"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not (args.site / "README.html").is_file():
        print(f"check_book: no site in {args.site}: run `make book` first", file=sys.stderr)
        return 2
    problems = check_links(args.site)
    reports, results, browser_problems = check_in_browser(
        args.site, args.chromium, searches_for(REPO)
    )
    problems += browser_problems
    problems += check_series(
        REPO,
        args.site,
        reports,
        results,
        os.environ.get("BOOK_REPOSITORY", ""),
        os.environ.get("BOOK_BRANCH") or "main",
    )
    n_images = sum(r["images"] for r in reports.values())
    n_math = sum(r["math"] for r in reports.values())
    print(
        f"check_book: {len(reports)} pages, {n_images} images, {n_math} equations, "
        f"{len(results)} searches"
    )
    for problem in problems:
        print("  " + problem)
    print(f"check_book: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
