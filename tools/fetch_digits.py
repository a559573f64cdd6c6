"""Rebuild data/digits.csv.gz from the scikit-learn wheel, or check the copy that is here.

    python tools/fetch_digits.py           # download the wheel with pip, extract, check
    python tools/fetch_digits.py --check   # check data/digits.csv.gz only

pip downloads the wheel into a temporary folder (no dependencies, nothing installed);
the file is written only if its SHA-256 is the one in helpers.data. See data/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # helpers, also when it is not installed

from helpers.data import DIGITS_PATH, DIGITS_SHA256  # noqa: E402

WHEEL = "scikit-learn==1.9.1"
MEMBER = "sklearn/datasets/data/digits.csv.gz"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch() -> bytes:
    """The digits file as the scikit-learn wheel ships it."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", WHEEL, "-d", tmp],
            check=True,
        )  # fmt: skip
        (wheel,) = Path(tmp).glob("*.whl")
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(MEMBER)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file that is here")
    args = parser.parse_args(argv)
    if args.check:
        data = DIGITS_PATH.read_bytes() if DIGITS_PATH.is_file() else b""
        ok = sha256(data) == DIGITS_SHA256
        print(f"{DIGITS_PATH.relative_to(ROOT)}: {'OK' if ok else 'WRONG OR MISSING'}")
        return 0 if ok else 1
    data = fetch()
    if sha256(data) != DIGITS_SHA256:
        print(f"{WHEEL} {MEMBER} has SHA-256 {sha256(data)}, not {DIGITS_SHA256}; nothing written")
        return 1
    DIGITS_PATH.parent.mkdir(exist_ok=True)
    DIGITS_PATH.write_bytes(data)
    print(f"wrote {DIGITS_PATH.relative_to(ROOT)} ({len(data):,} bytes, SHA-256 OK)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
