"""Notebook 04's learning-rate slider: the values the text names, and the cells make bench runs.

The slider cell itself is not compared by nbval (# NBVAL_IGNORE_OUTPUT), so this test
runs notebook 04's code up to that cell, outside a kernel, and checks what the prose
promises about it.
"""

import matplotlib
import pytest

from benchmarks.bench_descent_slider import notebook_cells


@pytest.fixture(scope="module")
def notebook04():
    matplotlib.use("Agg")
    namespace: dict = {}
    for source in notebook_cells():
        exec(compile(source, "notebook 04", "exec"), namespace)
    yield namespace
    import matplotlib.pyplot as plt

    plt.close("all")


def test_the_last_cell_run_is_the_slider_cell():
    last = notebook_cells()[-1]
    assert last.startswith("# NBVAL_IGNORE_OUTPUT")
    assert "lr_slider" in last and "steps_slider" in last and "view = figure_view(" in last


def test_the_slider_opens_at_the_named_rate_and_stops_at_every_rate_the_text_uses(notebook04):
    lr_slider = notebook04["lr_slider"]
    assert lr_slider.value == 0.9  # "The slider opens at lr = 0.9", exactly
    # The three panels' rates, the overshoot and divergence points and most of the table's.
    named = {0.01, 0.02, 0.1, 0.3, 0.5, 0.9, 0.99, 1.0, 1.05}
    stops = {value for _, value in lr_slider.options}
    assert named <= stops
    assert [label for label, _ in lr_slider.options] == [f"{v:g}" for _, v in lr_slider.options]


def test_a_move_shows_the_rate_as_named(notebook04):
    view, lr_slider = notebook04["view"], notebook04["lr_slider"]
    image = view.children[-1]
    before = bytes(image.value)
    lr_slider.value = 1.05
    assert bytes(image.value) != before
    ax = notebook04["show_descent"](1.05, n_steps=15)
    assert ax.get_title().startswith("lr = 1.05 (too large: overshoots and diverges)")
