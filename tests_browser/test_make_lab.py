"""`make lab`, the README's first command, as a learner runs it (``make test-browser``).

Starts `make lab` on a free port and checks what the README promises: the printed
link opens notebook 01, the server listens on the loopback address only, and the
token is required. Then the README's steps without make, taken from the README and
run literally in a fresh copy of the repository, must give the same server.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses listening on ``port``, read from /proc/net/tcp*."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def _check_lab(
    command: list[str], cwd: Path, port: int, tmp_path: Path, startup_s: float = 120
) -> None:
    """Start ``command`` (a JupyterLab launch, listening on ``port``) and check what the
    README promises: the printed link opens notebook 01, the server listens on
    127.0.0.1 only, the token is required, and the egg-info folder is hidden."""
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "BROWSER": "true",  # never try to open a browser window
    }
    proc = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = []
    try:
        deadline = time.monotonic() + startup_s
        url = None
        while url is None:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"{command} exited before printing a link:\n" + "".join(output))
            output.append(line)
            match = re.search(r"(http://\S+\?token=\w+)", line)
            url = match.group(1) if match else None
            assert time.monotonic() < deadline, f"no link within {startup_s:.0f} s"

        expected = f"http://127.0.0.1:{port}/lab/tree/notebooks/01_artificial-data.ipynb?token="
        assert url.startswith(expected), url
        token = url.split("token=")[1]
        assert len(token) >= 32  # a generated token, never an empty one

        base = f"http://127.0.0.1:{port}"
        while True:  # the link can be printed a moment before the server answers
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)

        # Loopback only: 127.0.0.1 (0100007F in /proc's little-endian hex), nothing else.
        assert _listening_addresses(port) == {"0100007F"}

        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/api/contents/notebooks", timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(
            f"{base}/api/contents/notebooks?token={token}", timeout=10
        ) as response:
            names = {item["name"] for item in json.load(response)["content"]}
        assert "01_artificial-data.ipynb" in names
        with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=10) as response:
            top = {item["name"] for item in json.load(response)["content"]}
        assert {"notebooks", "helpers", "README.md"} <= top
        assert any(p.name.endswith(".egg-info") for p in cwd.iterdir())  # there, and
        assert not any(name.endswith(".egg-info") for name in top), top  # hidden
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _lab_args(port: int) -> str:
    return f"--ServerApp.port={port} --ServerApp.port_retries=0 --ServerApp.open_browser=False"


def test_make_lab_serves_notebook_01_on_loopback_behind_a_token(tmp_path):
    port = _free_port()
    _check_lab(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={_lab_args(port)}"], REPO, port, tmp_path
    )


def _readme_steps_without_make() -> list[str]:
    """The README's POSIX block under "No `make`?", line by line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^No `make`\?.*?^```bash\n(.*?)^```", readme, re.S | re.M)
    assert block, "README: no ```bash block after 'No `make`?'"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_steps_without_make_in_a_fresh_copy(tmp_path):
    """The README's steps by hand, literally, in a copy of the repository with no .venv:
    the last one starts JupyterLab, which must serve what `make lab` serves."""
    steps = _readme_steps_without_make()
    assert steps[0].startswith("python3 -m venv .venv") and "tools/lab.py" in steps[-1]
    copy = tmp_path / "repo"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "*.egg-info",
            "__pycache__",
            ".pytest_cache",
            ".ruff_cache",
            "build",
            "test-results",
            ".bench",
            ".ipynb_checkpoints",
        ),
    )
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    install = subprocess.run(
        ["bash", "-euc", "\n".join(steps[:-1])],
        cwd=copy,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    port = _free_port()
    _check_lab(["bash", "-euc", f"exec {steps[-1]} {_lab_args(port)}"], copy, port, tmp_path)
