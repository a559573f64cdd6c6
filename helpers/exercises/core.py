"""The machinery behind ``check("05.2", answer)``: a registry of exercises and their checks.

Each notebook's exercises live in a module of their own (``nb05.py`` for notebook
05), where a check is a plain function registered with :func:`exercise`::

    @exercise("05.1", "The loss of a coin toss", "easy")
    def _(answer):
        if not isinstance(answer, numbers.Real):
            raise Wrong("the answer should be one number, the mean loss")
        ...
        return "log 2 it is: every sample costs -log(1/2)"

A check receives the learner's answer and either returns a short success line or
raises :class:`Wrong` with a message that says what is wrong (never the solution).
:func:`check` runs it, catches everything, and prints one or two lines: a learner
never sees a traceback for a wrong answer. An answer left as ``...`` (or a function
whose body is only ``...``) is "not attempted yet", so a fresh notebook runs from
top to bottom and prints the same lines every time.

Self-check exercises ("why...?") have no check: their key points are folded in
the notebook. They are registered with ``kind="self"`` so that every exercise
heading in the notebooks can be matched to this registry.
"""

from __future__ import annotations

import dis
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers.data import make_blobs

LEVELS = ("easy", "medium", "stretch")
ID_RE = re.compile(r"^(\d\d)\.(\d+)$")


class Wrong(Exception):
    """Raised by a check: the answer is wrong, and the message says how."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id ``"NN.k"``, title, level, kind and check."""

    id: str
    title: str
    level: str
    kind: str  # "check" (an instant check) or "self" (a folded self-check)
    check: Callable[[object], str] | None = None

    @property
    def notebook(self) -> str:
        """The two-digit number of the notebook the exercise belongs to."""
        return self.id[:2]


#: Every exercise of the series, by id, in the order the modules register them.
EXERCISES: dict[str, Exercise] = {}
#: The ids whose check passed in this Python session (this kernel).
PASSED: set[str] = set()


def number(answer, what: str) -> float:
    """``answer`` as one finite float, or :class:`Wrong` saying what it is instead.

    Accepts a Python or NumPy number and a size-1 numeric array; refuses booleans,
    text, ``None``, longer arrays and NaN or infinity, naming ``what`` was asked for.
    """
    if isinstance(answer, bool | str | bytes) or answer is None:
        raise Wrong(f"{what} should be one number; got {type(answer).__name__} {answer!r:.60}")
    if not isinstance(answer, numbers.Real | np.ndarray | np.generic):
        raise Wrong(f"{what} should be one number; got {type(answer).__name__} {answer!r:.60}")
    value = np.asarray(answer)
    if value.dtype.kind not in "iuf":
        raise Wrong(f"{what} should be one number; got {type(answer).__name__} {answer!r:.60}")
    if value.size != 1:
        raise Wrong(f"{what} should be one number; got an array of shape {value.shape}")
    result = float(value.reshape(()))
    if not np.isfinite(result):
        raise Wrong(f"{what} is {result}: something overflowed or divided by zero")
    return result


def series_data():
    """The data and random start the notebooks share: ``X`` (100, 2), ``y`` (100, 1), ``W0``.

    ``make_blobs(100, seed=0)`` and ``default_rng(5).normal(size=(1, 2))``, as in
    notebooks 02, 03 and 05 to 08. New arrays at every call, so a check cannot change them.
    """
    X, y = make_blobs(100, seed=0)
    W0 = np.random.default_rng(5).normal(size=(1, 2))
    return X, y, W0


def column(answer, name: str, n_samples: int = 100) -> np.ndarray:
    """``answer`` as an array of shape ``(n_samples, 1)``, or :class:`Wrong` naming its shape."""
    if not isinstance(answer, np.ndarray | list):
        raise Wrong(
            f"{name} should be an array of shape ({n_samples}, 1); got {type(answer).__name__}"
        )
    got = np.asarray(answer, dtype=float)
    if got.shape == (n_samples,):
        raise Wrong(f"{name} has shape ({n_samples},); it should be ({n_samples}, 1) like y")
    if got.shape != (n_samples, 1):
        raise Wrong(f"{name} has shape {got.shape}; it should be ({n_samples}, 1) like y")
    return got


def _register(item: Exercise) -> None:
    if not ID_RE.match(item.id):
        raise ValueError(f"exercise id must look like '05.2'; got {item.id!r}")
    if item.level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}; got {item.level!r}")
    if item.id in EXERCISES:
        raise ValueError(f"exercise {item.id} is registered twice")
    EXERCISES[item.id] = item


def exercise(id: str, title: str, level: str) -> Callable:
    """Register the decorated function as the check of exercise ``id``."""

    def register(check: Callable[[object], str]) -> Callable[[object], str]:
        _register(Exercise(id, title, level, "check", check))
        return check

    return register


def self_check(id: str, title: str, level: str) -> None:
    """Register exercise ``id`` as a self-check: key points folded in the notebook."""
    _register(Exercise(id, title, level, "self"))


def not_attempted(answer) -> bool:
    """True for ``...``, ``None`` and a function whose body is only ``...`` or ``pass``.

    Such a function does nothing but return ``None``: its bytecode, apart from
    bookkeeping instructions, loads the constant ``None`` and returns it.
    """
    if answer is Ellipsis or answer is None:
        return True
    code = getattr(answer, "__code__", None)
    if code is None:
        return False
    steps = [
        (i.opname, i.argval)
        for i in dis.get_instructions(code)
        if i.opname not in ("RESUME", "NOP", "CACHE")
    ]
    return steps in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def check(id: str, answer) -> None:
    """Check the answer to exercise ``id`` and print what is right or what is wrong.

    Parameters
    ----------
    id : str
        The exercise, as in its heading: ``"05.2"``.
    answer : object
        Whatever the exercise asks for: a number, an array, a function.

    Returns
    -------
    None
        Nothing, so that a notebook shows only the printed line (a returned value
        would be displayed under it). Whether it passed is recorded in
        :data:`PASSED`, which :func:`progress` reads.

    Examples
    --------
    >>> from helpers.exercises import check
    >>> check("02.1", ...)
    02.1 · not attempted yet: replace the ... with your answer, then run this cell again.
    """
    item = EXERCISES.get(id)
    if item is None:
        known = ", ".join(sorted(EXERCISES))
        print(f"{id!r} is not an exercise of the series; the ids are {known}")
        return
    if item.kind != "check":
        print(f"{id} · a self-check: compare your answer with the key points under it.")
        return
    if not_attempted(answer):
        print(
            f"{id} · not attempted yet: replace the ... with your answer, then run this cell again."
        )
        return
    try:
        message = item.check(answer)
    except Wrong as wrong:
        PASSED.discard(id)
        print(f"{id} · not yet: {wrong}")
        return
    except Exception as error:  # the learner's code failed inside the check
        PASSED.discard(id)
        first_line = (str(error).splitlines() or [""])[0][:200]
        print(f"{id} · not yet: running your answer raised {type(error).__name__}: {first_line}")
        return
    PASSED.add(id)
    print(f"{id} · correct! {message}")


def progress(notebook: str) -> None:
    """Print which exercises of ``notebook`` (e.g. ``"05"``) passed their check in this kernel.

    Examples
    --------
    >>> from helpers.exercises import progress
    >>> progress("99")
    notebook 99 has no exercises
    """
    items = [e for e in EXERCISES.values() if e.notebook == notebook]
    if not items:
        print(f"notebook {notebook} has no exercises")
        return
    checkable = [e for e in items if e.kind == "check"]
    done = [e for e in checkable if e.id in PASSED]
    for e in items:
        state = "self-check" if e.kind == "self" else ("passed" if e.id in PASSED else "not yet")
        print(f"  {e.id} · {e.title} ({e.level}): {state}")
    print(f"{len(done)} of {len(checkable)} exercises checked in this kernel")
