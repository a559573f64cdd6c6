"""Tests of helpers.explorer_panels: the geometry behind the explorer's panels."""

import numpy as np
import pytest

from helpers.explorer_panels import nice_ceiling
from helpers.plotting import half_plane


def test_half_plane_keeps_the_class_1_side():
    box = ((-1.0, 1.0), (-2.0, 2.0))
    corners = half_plane(np.array([[1.0, 0.0]]), *box)
    assert corners[:, 0].min() == pytest.approx(0.0) and corners[:, 0].max() == 1.0
    assert half_plane(np.zeros((1, 2)), *box).shape == (4, 2)  # sigma(0) = 0.5: all class 1
    W = np.array([[0.3, -1.2]])
    assert np.all(half_plane(W, *box) @ W[0] >= -1e-12)


def test_nice_ceiling_rounds_up_to_round_numbers():
    assert [nice_ceiling(v) for v in (0.7, 1.0, 1.05, 2.6, 37.0, 200.0, 201.0)] == pytest.approx(
        [0.8, 1.0, 1.2, 3.0, 40.0, 200.0, 250.0]
    )
