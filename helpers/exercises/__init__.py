"""Instant checks for the exercises of the series: ``check("05.2", answer)``.

Every exercise has an id ``"NN.k"`` (notebook NN, exercise k), a title and a level.
An exercise with a check gets one from :func:`check`, which prints in a line or two
what is right or exactly what is wrong, and never shows the solution; an open
question has a self-check folded in the notebook instead. :func:`progress` prints
which of a notebook's exercises passed in this kernel. The worked solutions are in
``solutions/NN_slug.ipynb``: look at them after trying.

The checks of notebook NN are in ``helpers/exercises/nbNN.py``.
"""

from __future__ import annotations

import importlib
import pkgutil

from helpers.exercises.core import EXERCISES, PASSED, Exercise, Wrong, check, progress

for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("nb"):
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["EXERCISES", "PASSED", "Exercise", "Wrong", "check", "progress"]
