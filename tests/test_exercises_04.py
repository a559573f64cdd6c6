"""The checks of notebook 04's exercises accept the right answers and name the wrong ones."""

from __future__ import annotations

import numpy as np
import pytest
from exercise_check import check


def _run(capsys, id, answer):
    passed = check(id, answer)
    return passed, capsys.readouterr().out


@pytest.mark.parametrize("id", ["04.1", "04.2", "04.3", "04.4"])
def test_a_stub_is_not_attempted(capsys, id):
    passed, out = _run(capsys, id, ...)
    assert not passed and "not attempted yet" in out


def test_04_1_counts_steps_not_points(capsys):
    assert _run(capsys, "04.1", 19)[0]
    assert _run(capsys, "04.1", np.int64(19))[0]
    passed, out = _run(capsys, "04.1", 20)  # len(path): the start counted as a step
    assert not passed and "counts the starting point" in out
    passed, out = _run(capsys, "04.1", 18)  # the count from -1, copied from above
    assert not passed and "from w0 = -1" in out
    passed, out = _run(capsys, "04.1", 19.5)
    assert not passed and "whole number" in out


def test_04_2_critical_rate_of_the_narrow_bowl(capsys):
    assert _run(capsys, "04.2", 0.2)[0]
    assert _run(capsys, "04.2", 2 / 10.0000001)[0]
    passed, out = _run(capsys, "04.2", 0.1)  # the one-step rate 1 / f''
    assert not passed and "in one step" in out
    passed, out = _run(capsys, "04.2", 0.4)  # f'' taken as 5
    assert not passed and "not 5: differentiate twice" in out
    passed, out = _run(capsys, "04.2", 1.0)  # the old bowl's rate
    assert not passed and "original bowl" in out
    passed, out = _run(capsys, "04.2", np.array([0.2, 0.1]))
    assert not passed and "one number" in out


def test_04_3_border_is_the_maximum(capsys):
    assert _run(capsys, "04.3", 0.17)[0]
    assert _run(capsys, "04.3", 0.16)[0]
    passed, out = _run(capsys, "04.3", 0.1)  # the last start of a coarse grid that reaches it
    assert not passed and "narrow the grid" in out
    passed, out = _run(capsys, "04.3", -1.3)  # the global minimum, not the border
    assert not passed and "global minimum itself" in out
    passed, out = _run(capsys, "04.3", "0.17")
    assert not passed and "one number" in out


def test_04_4_a_rate_between_the_two_critical_values(capsys):
    assert _run(capsys, "04.4", 0.16)[0]
    assert _run(capsys, "04.4", 0.2)[0]
    passed, out = _run(capsys, "04.4", 0.12)  # below both critical rates
    assert not passed and "converges in both valleys" in out
    passed, out = _run(capsys, "04.4", 0.3)  # above both
    assert not passed and "neither valley" in out
    passed, out = _run(capsys, "04.4", -0.16)  # the sign of the step flipped
    assert not passed and "must be positive" in out
