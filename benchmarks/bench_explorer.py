"""Latency of notebook 08's learning-rate explorer: from setting a slider to the new picture.

Run alone with ``python -m benchmarks.bench_explorer``; ``python -m benchmarks``
calls :func:`main`. Each timed update sets a slider's ``value`` on the widget
returned by :func:`helpers.widgets.learning_rate_explorer`, exactly as a message
from the browser does, and stops when the slider's observer has re-trained the
model, redrawn the figure and put the new PNG into the ``ipywidgets.Image``
(whose state message is serialised and sent from inside that assignment).
The same updates are timed twice: here, where the message goes nowhere, and
inside a real IPython kernel, where it goes out on the kernel's socket to the
(absent) browser: the kernel-side time a learner's slider move costs.

The goal is a median of at most 50 ms on the 2-core machine. For comparison the
table also times a full ``savefig`` of the same figure: what a naive
``interact`` explorer pays for every change.
"""

from __future__ import annotations

import gc
import inspect
import io
import statistics
import textwrap
import time

import numpy as np

from benchmarks._common import run_in_kernel
from helpers.data import make_blobs
from helpers.explorer import ExplorerView
from helpers.widgets import learning_rate_explorer

#: Median update time the explorer must stay under, in seconds.
GOAL = 0.050
N_UPDATES = 30


def _p90(times: list[float]) -> float:
    return float(np.percentile(times, 90))


def find_widget(box, description=None, kind=None):
    """The one widget inside ``box`` with this description (or this class name, e.g. "Image")."""
    found, todo = [], [box]
    while todo:
        widget = todo.pop()
        todo.extend(getattr(widget, "children", ()))
        if (description is not None and getattr(widget, "description", None) == description) or (
            kind is not None and type(widget).__name__ == kind
        ):
            found.append(widget)
    if len(found) != 1:
        raise LookupError(f"{len(found)} widgets match {description or kind}")
    return found[0]


def _time_slider(slider, image, values) -> list[float]:
    times = []
    for value in values:
        before = image.value
        start = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - start)
        if image.value == before:
            raise RuntimeError(f"the picture did not change when {slider.description} = {value}")
    return times


# Run inside a kernel: build the explorer, display it (so its comms open) and time
# the learning-rate slider over the same values; print the times as JSON.
# {find_widget} is the source of find_widget above.
KERNEL_CODE = """
import json, time
import numpy as np
from IPython.display import display
from benchmarks._common import run_in_kernel
from helpers.data import make_blobs
from helpers.widgets import learning_rate_explorer
X, y = make_blobs(100, seed=0)
box = learning_rate_explorer(X, y, lr=1.0, n_iters=50,
                             W0=np.random.default_rng(5).normal(size=(1, 2)))
display(box)
{find_widget}
slider, image = find_widget(box, "learning rate"), find_widget(box, kind="Image")
times = []
for value in [0.5, 2.0, 1.0] + {lrs!r}:
    start = time.perf_counter()
    slider.value = value
    times.append(time.perf_counter() - start)
print("TIMES" + json.dumps(times[3:]))
"""


def _time_in_kernel(lrs: list[float]) -> list[float] | None:
    """The learning-rate slider timed inside a fresh IPython kernel (None if none starts)."""
    code = textwrap.dedent(KERNEL_CODE).format(lrs=lrs, find_widget=inspect.getsource(find_widget))
    return run_in_kernel([code])


def print_latencies(build: float, image, rows) -> None:
    """The table of update times: one row per control, median and p90 in ms."""
    print(f"explorer built in {1e3 * build:.0f} ms; image {len(image.value) / 1e3:.0f} kB PNG")
    print(f"{'update':<24} {'n':>3} {'median ms':>10} {'p90 ms':>8}")
    print("-" * 48)
    for name, times in rows:
        print(
            f"{name:<24} {len(times):>3} {1e3 * statistics.median(times):>10.1f} "
            f"{1e3 * _p90(times):>8.1f}"
        )


def main() -> None:
    print()
    print("== Explorer update latency (slider value set -> new PNG in the Image widget)")
    X, y = make_blobs(100, seed=0)
    W0 = np.random.default_rng(5).normal(size=(1, 2))  # the start of notebooks 06 and 08

    start = time.perf_counter()
    box = learning_rate_explorer(X, y, lr=1.0, n_iters=50, W0=W0)
    build = time.perf_counter() - start
    lr_slider, iters_slider = find_widget(box, "learning rate"), find_widget(box, "iterations")
    image = find_widget(box, kind="Image")

    rng = np.random.default_rng(0)
    # Learning rates across the whole slider, on its grid, in a shuffled order.
    exponents = np.round(np.linspace(lr_slider.min, lr_slider.max, N_UPDATES) / lr_slider.step)
    lrs = [float(10.0 ** (k * lr_slider.step)) for k in rng.permutation(exponents)]
    iters = [int(k) for k in rng.permutation(np.linspace(1, iters_slider.max, N_UPDATES))]

    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _time_slider(lr_slider, image, [0.5, 2.0, 1.0])  # warm-up
        lr_times = _time_slider(lr_slider, image, lrs)
        lr_slider.value = 1.0
        iter_times = _time_slider(iters_slider, image, iters)
    finally:
        if gc_was_enabled:
            gc.enable()

    in_kernel = _time_in_kernel(lrs)

    # The same figure redrawn from scratch with savefig, for comparison.
    view = ExplorerView(X, y, W0=W0)
    view.update(lr=1.0, n_iters=50)
    full = []
    for _ in range(7):
        buffer = io.BytesIO()
        start = time.perf_counter()
        view.fig.savefig(buffer, format="png")
        full.append(time.perf_counter() - start)

    rows = [
        ("learning-rate slider", lr_times),
        ("iterations slider", iter_times),
    ]
    if in_kernel is not None:
        rows.append(("lr slider, in a kernel", in_kernel))
    rows.append(("full savefig (naive)", full))
    print_latencies(build, image, rows)
    worst = max(statistics.median(times) for name, times in rows if "savefig" not in name)
    verdict = "within" if worst <= GOAL else "OVER"
    print(f"slider median {1e3 * worst:.1f} ms: {verdict} the {1e3 * GOAL:.0f} ms goal")


if __name__ == "__main__":
    main()
