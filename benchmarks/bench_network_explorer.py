"""Latency of notebook 12's sliders: from setting a control to the new picture.

Run alone with ``python -m benchmarks.bench_network_explorer``; ``python -m
benchmarks`` calls :func:`main`. Each timed update sets a control's ``value`` on
the widget returned by :func:`helpers.widgets.network_explorer`, exactly as a
message from the browser does, and stops when the observer has trained a new
network (1,000 full-batch epochs, as in the notebook), redrawn the figure and put
the new PNG into the ``ipywidgets.Image``: the kernel-side time of one move.

The sliders act on release (``continuous_update=False``), so a drag costs one
update, not one per position passed. The 100 ms goal of a slider that follows the
mouse does not apply; the table shows how far from it a training run per move is,
and where the time goes (training alone, and the drawing).
"""

from __future__ import annotations

import gc
import statistics
import time

import numpy as np

from benchmarks.bench_explorer import _time_slider, find_widget, print_latencies
from helpers.data import make_circles, make_moons, make_xor
from helpers.training import train
from helpers.widgets import NETWORK_LRS, network_explorer

N_UPDATES = 12


def main() -> None:
    print()
    print("== Notebook 12's sliders (value set -> new PNG; 1,000 epochs each, on release)")
    data = {
        name: make(200, noise=0.1, seed=0)
        for name, make in (("moons", make_moons), ("circles", make_circles), ("XOR", make_xor))
    }
    start = time.perf_counter()
    box = network_explorer(data, n_hidden=4, lr=0.5, n_epochs=1000)
    build = time.perf_counter() - start
    hidden = find_widget(box, "hidden units")
    lr = find_widget(box, "learning rate")
    menu = find_widget(box, "data")
    image = find_widget(box, kind="Image")

    rng = np.random.default_rng(0)
    sizes = [int(h) for h in rng.permutation(np.arange(1, 17))[:N_UPDATES]]
    if sizes[0] == hidden.value:
        sizes = sizes[1:]
    rates = [NETWORK_LRS[k] for k in rng.permutation(len(NETWORK_LRS))]
    rates = [r for r in rates if r != lr.value][:N_UPDATES]
    X, y = data["moons"]

    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _time_slider(hidden, image, [8, 4])  # warm-up
        hidden_times = _time_slider(hidden, image, sizes)
        hidden.value = 4
        lr_times = _time_slider(lr, image, rates)
        lr.value = 0.5
        menu_times = _time_slider(menu, image, ["circles", "XOR", "moons"] * 2)
        training = []
        for n_hidden in sizes:
            start = time.perf_counter()
            train(X, y, n_hidden=n_hidden, lr=0.5, n_epochs=1000, seed=0)
            training.append(time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()

    rows = [
        ("hidden-units slider", hidden_times),
        ("learning-rate slider", lr_times),
        ("data menu", menu_times),
        ("training alone", training),
    ]
    print_latencies(build, image, rows)
    slowest = max(statistics.median(t) for name, t in rows if name != "training alone")
    print(
        f"slowest control median {1e3 * slowest:.0f} ms: more than 100 ms, so the sliders "
        "update on release"
        if slowest > 0.1
        else f"slowest control median {1e3 * slowest:.0f} ms: within 100 ms"
    )


if __name__ == "__main__":
    main()
