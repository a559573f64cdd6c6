"""The exercises as a whole: check() itself, and that notebooks, registry and solutions agree.

The checks of each notebook's exercises, fed right and wrong answers, are tested in
tests/test_exercises_NN.py; this file tests the machinery they share and that
every exercise heading in a notebook has a registered check (or self-check), a
worked solution that passes it, and a test file that feeds it a wrong answer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.exercises import EXERCISES, PASSED, Wrong, check, progress
from helpers.exercises.core import Exercise, not_attempted

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HEADING_RE = re.compile(r"^### Exercise (\d\d\.\d+) · (.+) \((easy|medium|stretch)\)$", re.M)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def _output(cell: dict) -> str:
    return "".join(
        "".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("name") == "stdout"
    )


def _headings(path: Path) -> dict[str, tuple[str, str, bool]]:
    """{id: (title, level, is a self-check)} of the exercise headings in a notebook."""
    found = {}
    for cell in _cells(path):
        text = _source(cell)
        for ex_id, title, level in HEADING_RE.findall(text):
            found[ex_id] = (title, level, "<summary>Self-check" in text)
    return found


# --------------------------------------------------------------------------- check()
@pytest.fixture
def demo():
    """Exercise 99.1 for these tests: the answer must be the number 42."""

    def check_42(answer):
        if answer(1) != 42:
            raise Wrong("it should return 42")
        return "42 it is"

    EXERCISES["99.1"] = Exercise("99.1", "Demo", "easy", "check", check_42)
    yield
    EXERCISES.pop("99.1")
    PASSED.discard("99.1")


def test_a_right_answer_passes_and_counts(demo, capsys):
    assert check("99.1", lambda x: 42) is True
    assert capsys.readouterr().out == "99.1 · correct! 42 it is\n"
    progress("99")
    assert capsys.readouterr().out.endswith("1 of 1 exercises checked in this kernel\n")


def test_a_wrong_answer_says_what_is_wrong_and_uncounts(demo, capsys):
    check("99.1", lambda x: 42)
    assert check("99.1", lambda x: 41) is False
    assert capsys.readouterr().out.splitlines()[-1] == "99.1 · not yet: it should return 42"
    assert "99.1" not in PASSED


def test_an_answer_that_raises_gets_a_line_not_a_traceback(demo, capsys):
    assert check("99.1", lambda x: 1 / 0) is False
    assert capsys.readouterr().out == (
        "99.1 · not yet: running your answer raised ZeroDivisionError: division by zero\n"
    )


def test_a_stub_is_not_attempted(demo, capsys):
    def stub(z):
        """Write me."""
        ...

    for answer in (..., None, stub):
        assert not_attempted(answer)
        assert check("99.1", answer) is False
        assert "not attempted yet" in capsys.readouterr().out
    assert not not_attempted(lambda z: z) and not not_attempted(0.0)


def test_an_unknown_id_is_named(capsys):
    assert check("5.2", 1.0) is False
    assert capsys.readouterr().out.startswith("'5.2' is not an exercise of the series")


# --------------------------------------------------------------------------- coverage
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_heading_is_registered_as_written(path):
    headings = _headings(path)
    number = path.name[:2]
    registered = {k: e for k, e in EXERCISES.items() if e.notebook == number}
    assert sorted(headings) == sorted(registered), (
        f"{path.name}: headings {sorted(headings)}, registered {sorted(registered)}"
    )
    for ex_id, (title, level, self_check) in headings.items():
        item = registered[ex_id]
        assert (item.title, item.level) == (title, level), f"{ex_id}: heading and registry differ"
        assert (item.kind == "self") == self_check, f"{ex_id}: self-check in one, not the other"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_has_a_solution_that_passes_its_check(path):
    solution = ROOT / "solutions" / path.name
    assert solution.exists(), f"no solutions/{path.name}"
    cells = _cells(solution)
    text = "\n".join(_source(c) for c in cells)
    number = path.name[:2]
    exercises = [e for e in EXERCISES.values() if e.notebook == number]
    for item in exercises:
        assert f"### Exercise {item.id} · {item.title} ({item.level})" in text, item.id
        if item.kind != "check":
            continue
        runs = [c for c in cells if re.match(rf'check\("{re.escape(item.id)}", ', _source(c))]
        assert runs, f'solutions/{path.name}: no check("{item.id}", ...) cell'
        assert _output(runs[-1]).startswith(f"{item.id} · correct!"), (
            f"solutions/{path.name}: the stored check of {item.id} did not pass"
        )
    n_checks = sum(e.kind == "check" for e in exercises)
    last = [c for c in cells if c["cell_type"] == "code"][-1]
    assert _source(last).strip() == f'progress("{number}")'
    assert _output(last).endswith(f"{n_checks} of {n_checks} exercises checked in this kernel\n")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_check_has_a_test_with_wrong_answers(path):
    number = path.name[:2]
    tests = ROOT / "tests" / f"test_exercises_{number}.py"
    assert tests.exists(), f"no {tests.name}"
    source = tests.read_text(encoding="utf-8")
    for item in EXERCISES.values():
        if item.notebook == number and item.kind == "check":
            assert f'"{item.id}"' in source, f"{tests.name} never checks {item.id}"


def test_no_registered_exercise_is_orphaned():
    numbers = {p.name[:2] for p in NOTEBOOKS}
    assert {e.notebook for e in EXERCISES.values()} <= numbers
