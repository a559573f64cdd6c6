"""Latency of notebook 12's sliders, kernel side: a move -> the new PNG sent.

Run alone with ``python -m benchmarks.bench_network_explorer``; ``python -m
benchmarks`` calls :func:`main`. A fresh IPython kernel runs notebook 12's own code
cells, from the first one to the cell that displays
:func:`helpers.widgets.network_explorer` (so its comms are open). Each timed update
then sets a control's ``value`` as a message from the browser does, and stops when
the observer has trained a new network (1,000 full-batch epochs, as in the
notebook), redrawn the figure and sent the new PNG (the ``Image`` sends its state
from inside the assignment). The browser's own work of showing it is not counted.

The explorer keeps the picture of every setting it has drawn, so a setting seen
before costs no training. The goal, a median of at most 100 ms per control, is
checked on first visits only: every timed move of the first three rows goes to a
setting (data, hidden units, learning rate) not drawn before. The repeat row
moves back to settings already drawn. The table also gives the kernel's
processor time per move (median), the work itself: on a machine whose cores other
programs keep busy, the wall time is a multiple of it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat

from benchmarks._common import print_kernel_latencies, run_in_kernel

#: Median update time each control must stay under on first visits, in seconds.
GOAL = 0.100
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "12_training-the-network.ipynb"

# Run in the kernel after the notebook's cells, whose last one displayed the explorer
# (IPython keeps it in `Out`; the notebook's own cells use `_` as a name). Every timed
# move of the first three rows goes to a setting not drawn before; printed as JSON:
# one (wall, cpu) pair per move.
TIMING_CODE = """
import json as _json, time as _time
import numpy as _np
from helpers.training import train as _train
from helpers.widgets import NETWORK_LRS as _LRS

_box = Out[max(Out)]
_controls = {w.description: w for w in _box.children[0].children}
_hidden, _lr, _menu = _controls["hidden units"], _controls["learning rate"], _controls["data"]
_image = _box.children[-1]
_seen = {(_menu.value, _hidden.value, _lr.value)}


def _set(control, value):
    # a move that is not timed
    control.value = value
    _seen.add((_menu.value, _hidden.value, _lr.value))


def _move(control, value, first=True):
    setting = dict(data=_menu.value, hidden=_hidden.value, lr=_lr.value)
    setting[{_menu: "data", _hidden: "hidden", _lr: "lr"}[control]] = value
    setting = (setting["data"], setting["hidden"], setting["lr"])
    if setting == (_menu.value, _hidden.value, _lr.value):
        raise RuntimeError(f"{control.description} is at {value} already: not a move")
    if first and setting in _seen:
        raise RuntimeError(f"{setting} was drawn before: not a first visit")
    if not first and setting not in _seen:
        raise RuntimeError(f"{setting} was never drawn: not a repeat")
    _seen.add(setting)
    before = _image.value
    start, cpu = _time.perf_counter(), _time.process_time()
    control.value = value
    pair = (_time.perf_counter() - start, _time.process_time() - cpu)
    if _image.value == before:
        raise RuntimeError(f"the picture did not change for {control.description} = {value}")
    return pair


_rng = _np.random.default_rng(0)
_sizes = [int(h) for h in _rng.permutation(_np.arange(1, 17)) if h != 4]
_set(_hidden, _sizes[0])  # warm-up: the first draw of the loss panel's frames
_set(_hidden, 4)
_times = {"hidden": [_move(_hidden, h) for h in _sizes[1:13]]}
_times["lr"] = [_move(_lr, r) for r in [_LRS[k] for k in _rng.permutation(len(_LRS))] if r != 0.5]
_set(_lr, 0.5)
_times["data"] = []
for _h in (1, 2, 3, 5, 6, 7):
    _set(_hidden, _h)
    _times["data"] += [_move(_menu, "circles"), _move(_menu, "XOR")]
    _set(_menu, "moons")
_times["repeat"] = [_move(_hidden, h, first=False) for h in _sizes[1:13] if h != _hidden.value]
_X, _y = DATA["moons"]
_times["train"] = []
for _h in _sizes[1:13]:
    _start, _cpu = _time.perf_counter(), _time.process_time()
    _train(_X, _y, n_hidden=_h, lr=0.5, n_epochs=1000, seed=0)
    _times["train"].append((_time.perf_counter() - _start, _time.process_time() - _cpu))
print("TIMES" + _json.dumps(_times))
"""


def notebook_cells() -> list[str]:
    """Notebook 12's code cells, from the first one to the one that displays the explorer."""
    cells = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    last = next(i for i, source in enumerate(cells) if "network_explorer(" in source)
    return cells[: last + 1]


def time_in_kernel() -> dict[str, list[list[float]]] | None:
    """The moves timed inside a fresh IPython kernel (None if no kernel starts)."""
    return run_in_kernel([*notebook_cells(), textwrap.dedent(TIMING_CODE)])


def main() -> None:
    print()
    print("== Notebook 12's sliders, in a kernel (value set -> new PNG sent; 1,000 epochs each)")
    times = time_in_kernel()
    if times is None:
        print("skipped: jupyter_client is not installed")
        return
    rows = [
        ("hidden-units slider", times["hidden"]),
        ("learning-rate slider", times["lr"]),
        ("data menu", times["data"]),
        ("a setting seen before", times["repeat"]),
        ("training alone", times["train"]),
    ]
    medians = print_kernel_latencies(rows)
    worst = max(medians[:3])  # the three controls, on first visits
    verdict = "within" if worst <= GOAL else "OVER"
    print(
        f"slowest control median on first visits {1e3 * worst:.1f} ms: "
        f"{verdict} the {1e3 * GOAL:.0f} ms goal"
    )


if __name__ == "__main__":
    main()
