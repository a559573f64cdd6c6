"""The learning-rate explorer of notebook 08 in a real browser (``make test-browser``).

Starts JupyterLab on 127.0.0.1 with a random port and token (auth stays on),
serving a copy of the notebooks in a temporary folder so that nothing in the
repository is touched. Debian's ``chromium`` is driven headless by Playwright
(``executable_path``; Playwright's own browser download is not used).

In JupyterLab the test runs all cells, waits until every cell has run and the
kernel is idle, then moves the learning-rate slider with the keyboard and by
typing into its readout. Each time the figure must change and no cell may show
an error. It prints the key-press-to-new-figure latency (goal: median <= 100 ms).
A second check opens the notebook in Notebook 7 (``/notebooks/...``). Neither may
show JupyterLab's "get notified about official Jupyter news?" pop-up, which .venv's
settings overrides turn off (tools/lab.py).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

playwright_sync = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = "08_learning-rate.ipynb"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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
#: Goal for the median key-press-to-new-figure latency, in milliseconds: printed as
#: met or MISSED. Speed targets belong to benchmarks, so the goal alone fails nothing.
LATENCY_GOAL_MS = 100.0
#: The test fails beyond this: ten times the goal by default, a guard against a real
#: regression (a full redraw per move) that a busy machine cannot trip.
#: EXPLORER_LATENCY_LIMIT_MS=100 turns the goal into a hard check.
LATENCY_LIMIT_MS = float(os.environ.get("EXPLORER_LATENCY_LIMIT_MS", 10 * LATENCY_GOAL_MS))
#: When set, a screenshot of each view is saved in this folder (to look at by eye).
SCREENSHOT_DIR = os.environ.get("EXPLORER_SCREENSHOTS")
N_MOVES = 7
#: The readout (the editable number) of the learning-rate slider.
LR_READOUT = ".lr-explorer .widget-slider >> nth=0 >> .widget-readout"
RUN_ALL_TIMEOUT_S = 180

# In-page helpers: time stamps of the last key press or click and of the last new figure.
INSTRUMENT_JS = """
() => {
  const root = document.querySelector('.lr-explorer');
  const img = root.querySelector('img');
  window.__inputTime = null;
  window.__imgTime = null;
  window.__imgChanges = 0;
  const stamp = () => { window.__inputTime = performance.now(); };
  window.addEventListener('keydown', stamp, true);
  window.addEventListener('pointerdown', stamp, true);
  new MutationObserver(() => {
    window.__imgTime = performance.now();
    window.__imgChanges += 1;
  }).observe(img, {attributes: true, attributeFilter: ['src']});
  return img.getAttribute('src');
}
"""

# Every code cell has run (a number in its prompt, none waiting or running).
ALL_RAN_JS = """
(nCells) => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  return prompts.length === nCells && prompts.every(t => /^\\[\\d+\\]:?$/.test(t));
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields (base_url, token, n_cells)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with `apt-get install -y chromium`")
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(REPO / "notebooks" / NOTEBOOK, root / NOTEBOOK)
    with open(root / NOTEBOOK, encoding="utf-8") as f:
        n_cells = sum(cell["cell_type"] == "code" for cell in json.load(f)["cells"])
    port, token = _free_port(), secrets.token_hex(24)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
    }
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True",
        f"--LabApp.workspaces_dir={root / '.workspaces'}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(root / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: {(root / 'server.log').read_text()}")
            try:
                _get_json(f"{base}/api/status?token={token}")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start within 60 s") from None
                time.sleep(0.3)
        # Auth is on: the API refuses a request without the token.
        with pytest.raises(urllib.error.HTTPError):
            _get_json(f"{base}/api/kernels")
        yield base, token, n_cells
    finally:
        # The server leads its own process group (start_new_session): stop it and the
        # kernels it started together, by that group's id.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:  # already gone
                break
            try:
                proc.wait(timeout=15)
                break
            except subprocess.TimeoutExpired:
                continue
        proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _kernels_idle(base: str, token: str) -> bool:
    kernels = _get_json(f"{base}/api/kernels?token={token}")
    return bool(kernels) and all(k["execution_state"] == "idle" for k in kernels)


def _run_all(page, base: str, token: str, n_cells: int) -> None:
    """Run every cell through the app's own command, then wait for the kernel to finish."""
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands", timeout=60_000)
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    page.wait_for_function(
        "() => window.jupyterapp.commands.isEnabled('notebook:run-all-cells')", timeout=60_000
    )
    # The kernel must be ready before the cells are sent, or the first may be lost.
    deadline = time.monotonic() + 60
    while not _kernels_idle(base, token):
        assert time.monotonic() < deadline, "the kernel did not start"
        time.sleep(0.2)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RAN_JS, arg=n_cells, timeout=RUN_ALL_TIMEOUT_S * 1000, polling=250)
    deadline = time.monotonic() + 30
    while not _kernels_idle(base, token):
        assert time.monotonic() < deadline, "the kernel stayed busy after all cells ran"
        time.sleep(0.2)
    page.wait_for_selector(".lr-explorer img", timeout=30_000)


def _assert_no_errors(page) -> None:
    errors = page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.textContent.slice(0, 300))",
    )
    assert errors == [], f"cells show errors or warnings: {errors}"
    body = page.inner_text(".jp-Notebook")
    assert "Error displaying widget" not in body
    assert "Traceback" not in body


def _assert_no_news_popup(page) -> None:
    """The first-start question about Jupyter news, a toast over the lower right."""
    toasts = page.eval_on_selector_all(".Toastify__toast", "els => els.map(e => e.innerText)")
    assert not any("Jupyter news" in t for t in toasts), (
        "the Jupyter-news pop-up is shown (.venv lacks the settings overrides that "
        f"`python tools/lab.py --settings-only` writes): {toasts}"
    )


def _wait_new_figure(page, changes_before: int) -> float:
    """Wait for the figure to change; return the input-to-new-figure latency in ms."""
    page.wait_for_function(
        "(n) => window.__imgChanges > n", arg=changes_before, timeout=30_000, polling="raf"
    )
    return page.evaluate("() => window.__imgTime - window.__inputTime")


def _lr_value(page) -> float:
    text = page.inner_text(LR_READOUT)
    return float(text)


def _type_lr(page, value: str) -> float:
    """Type ``value`` into the learning-rate readout and press Enter; return the latency."""
    page.locator(LR_READOUT).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    changes = page.evaluate("() => window.__imgChanges")
    page.keyboard.press("Enter")
    latency = _wait_new_figure(page, changes)
    assert _lr_value(page) == pytest.approx(float(value), rel=0.05)
    return latency


def _screenshot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.locator(".lr-explorer").screenshot(path=str(Path(SCREENSHOT_DIR) / name))


def _open_and_run(page, url: str, server) -> str:
    """Open the notebook, run all cells, check for errors; return the figure's src."""
    base, token, n_cells = server
    page.goto(url, timeout=60_000)
    _run_all(page, base, token, n_cells)  # seconds after start: the pop-up would be up
    _assert_no_errors(page)
    _assert_no_news_popup(page)
    page.locator(".lr-explorer").scroll_into_view_if_needed()
    src = page.evaluate(INSTRUMENT_JS)
    assert src, "the explorer shows no figure"
    return src


def test_explorer_in_jupyterlab(server, browser):
    base, token, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        src = _open_and_run(page, f"{base}/lab/tree/{NOTEBOOK}?token={token}", server)

        # Keyboard: focus the learning-rate handle and press the right arrow.
        handle = page.locator(".lr-explorer .widget-slider >> nth=0 >> .noUi-handle")
        handle.focus()
        latencies, values = [], [_lr_value(page)]
        for _ in range(N_MOVES):
            changes = page.evaluate("() => window.__imgChanges")
            page.keyboard.press("ArrowRight")
            latencies.append(_wait_new_figure(page, changes))
            values.append(_lr_value(page))
        assert all(b > a for a, b in zip(values, values[1:], strict=False)), values

        # Typing a value into the readout.
        typed = [_type_lr(page, value) for value in ("5", "50", "500")]
        assert (
            page.evaluate("() => document.querySelector('.lr-explorer img').getAttribute('src')")
            != src
        )
        _assert_no_errors(page)
        _screenshot(page, "jupyterlab.png")
    finally:
        page.close()

    median = statistics.median(latencies)
    print(
        f"\nkey press -> new figure, {len(latencies)} arrow-key moves: "
        f"median {median:.0f} ms, max {max(latencies):.0f} ms "
        f"(goal <= {LATENCY_GOAL_MS:.0f} ms: {'met' if median <= LATENCY_GOAL_MS else 'MISSED'})"
    )
    print(f"Enter in the readout -> new figure: {', '.join(f'{t:.0f}' for t in typed)} ms")
    assert median <= LATENCY_LIMIT_MS


def test_explorer_in_notebook_7(server, browser):
    """Notebook 7 handles its keyboard shortcuts before the widgets do: there the arrow
    keys on a focused slider move the notebook's cursor instead. So this check types
    into the readout and clicks the slider's track."""
    base, token, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        src = _open_and_run(page, f"{base}/notebooks/{NOTEBOOK}?token={token}", server)

        typed = _type_lr(page, "50")

        track = page.locator(".lr-explorer .widget-slider >> nth=0 >> .noUi-target")
        box = track.bounding_box()
        changes = page.evaluate("() => window.__imgChanges")
        page.mouse.click(box["x"] + 0.25 * box["width"], box["y"] + box["height"] / 2)
        clicked = _wait_new_figure(page, changes)
        assert _lr_value(page) < 1.0  # a quarter of the way along -3..3 in log10(lr)
        assert (
            page.evaluate("() => document.querySelector('.lr-explorer img').getAttribute('src')")
            != src
        )
        _assert_no_errors(page)
        _screenshot(page, "notebook7.png")
        print(
            f"\nNotebook 7: typed value -> new figure {typed:.0f} ms, "
            f"click on the track -> new figure {clicked:.0f} ms"
        )
    finally:
        page.close()
