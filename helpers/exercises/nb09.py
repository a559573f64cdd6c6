"""Checks of notebook 09's exercises: vectorisation.

No check here measures a time: timings differ from one machine (and one run) to
the next. The checks run the learner's functions on small inputs and compare them
with the helpers; where the task asks for vectorised code, they count the lines of
the learner's own code that Python executes (a loop over 1,000 models runs its
body 1,000 times), and where it forbids an ``(n, n)`` array they measure the peak
memory with :mod:`tracemalloc`. Both counts are exact on every machine.

09.1  fixed costs (self-check)
09.2  the loss as a loop
09.3  what the wrong loss computes
09.4  many models at once
"""

from __future__ import annotations

import sys
import tracemalloc
from functools import cache

import numpy as np

from helpers.exercises.core import Wrong, exercise, self_check
from helpers.model import bce_loss, loss_from_logits, sigmoid


def _column_data(n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Labels (n, 1) of 0/1 and probabilities (n, 1) in [0.02, 0.98]."""
    rng = np.random.default_rng(seed)
    y = (rng.random((n_samples, 1)) < 0.4).astype(float)
    y_hat = 0.02 + 0.96 * rng.random((n_samples, 1))
    return y, y_hat


def _one_number(value, what: str) -> float:
    arr = np.asarray(value)
    if isinstance(value, bool) or arr.dtype.kind not in "iuf":
        raise Wrong(f"{what} should return one number; got {type(value).__name__}")
    if arr.size != 1:
        raise Wrong(f"{what} should return one number, the mean; got shape {arr.shape}")
    return float(arr.reshape(-1)[0])


def _close(a, b, rtol: float = 1e-9) -> bool:
    return bool(np.allclose(a, b, rtol=rtol, atol=1e-12))


def _lines_run(fn, *args):
    """Call ``fn(*args)``; return its result and how many lines of the learner's file ran.

    Counts Python 'line' events in frames whose code comes from the same file (the
    notebook cell) as ``fn``: a loop over the models shows up as thousands of them.
    """
    filename = fn.__code__.co_filename
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename == filename else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = fn(*args)
    finally:
        sys.settrace(previous)
    return result, count


def _peak_bytes(fn, *args):
    """Call ``fn(*args)``; return its result and the peak of memory allocated meanwhile."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        result = fn(*args)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak


# --------------------------------------------------------------------------- 09.1
self_check("09.1", "Fixed costs", "easy")


# --------------------------------------------------------------------------- 09.2
@exercise("09.2", "The loss as a loop", "easy")
def _loss_loop(loss_loop):
    if not callable(loss_loop):
        raise Wrong("the answer should be the function loss_loop itself, not its result")
    for n_samples, seed in ((7, 0), (100, 1)):
        y, y_hat = _column_data(n_samples, seed)
        got = _one_number(loss_loop(y.copy(), y_hat.copy()), "loss_loop(y, y_hat)")
        want = bce_loss(y, y_hat)
        if _close(got, want):
            continue
        if _close(got, -want):
            raise Wrong(f"loss_loop gives {got:.4f}, a negative loss: the mean of the logs is -L")
        if _close(got, n_samples * want):
            raise Wrong(f"loss_loop is {n_samples} times too large for {n_samples} samples: a sum")
        if _close(got, n_samples * want / 100) or _close(got, n_samples * want / 7):
            raise Wrong("loss_loop divides by a fixed number: divide by the number of samples")
        raise Wrong(
            f"loss_loop differs from bce_loss for {n_samples} samples: compare term by term"
        )
    return "it agrees with bce_loss; now time both with best_time."


# --------------------------------------------------------------------------- 09.3
@exercise("09.3", "What the wrong loss computes", "medium")
def _loss_from_means(loss_from_means):
    if not callable(loss_from_means):
        raise Wrong("the answer should be the function loss_from_means itself, not its result")
    for n_samples, seed in ((6, 2), (50, 3)):
        y, y_hat = _column_data(n_samples, seed)
        got = _one_number(loss_from_means(y.copy(), y_hat.copy()), "loss_from_means(y, y_hat)")
        y_flat = y.ravel()
        wrong_loss = -np.mean(y_flat * np.log(y_hat) + (1 - y_flat) * np.log(1 - y_hat))
        if _close(got, wrong_loss):
            continue
        if _close(got, bce_loss(y, y_hat)):
            raise Wrong(
                "that is the right loss (each prediction with its own label, i = j); "
                "the wrong one averages over all pairs (i, j)"
            )
        if _close(got, -wrong_loss):
            raise Wrong("the sign is off: the loss is minus the mean of the log terms")
        y_bar = float(np.mean(y))
        log_of_mean = -(y_bar * np.log(np.mean(y_hat)) + (1 - y_bar) * np.log(1 - np.mean(y_hat)))
        if _close(got, log_of_mean):
            raise Wrong(
                "you took the log of the mean of y_hat; the formula has the mean of the logs"
            )
        raise Wrong(f"loss_from_means differs from the wrong loss for {n_samples} samples")
    n_big = 2_000
    y, y_hat = _column_data(n_big, 4)
    _, peak = _peak_bytes(loss_from_means, y, y_hat)
    if peak > 8 * n_big * n_big / 4:
        raise Wrong(
            f"for {n_big:,} samples your function holds an (n, n) array (about "
            f"{peak / 1e6:.0f} MB): use the two means only"
        )
    return "the wrong loss only sees the mean label: every prediction meets every label."


# --------------------------------------------------------------------------- 09.4
def _many_cases(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((60, 2))
    y = (X[:, :1] + 0.5 * rng.standard_normal((60, 1)) > 0).astype(float)
    Ws = rng.standard_normal((1000, 2))
    Ws[:3] = [[800.0, 0.0], [-800.0, 0.0], [0.0, 0.0]]  # sigmoid rounds to 0 or 1 for the first two
    return X, y, Ws


@cache
def _reference(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each model's loss from the logits, and notebook 05's capped loss of its sigmoid."""
    X, y, Ws = _many_cases(seed)
    exact = np.array([loss_from_logits(y, X @ W[:, None]) for W in Ws])
    clipped = np.array([bce_loss(y, sigmoid(X @ W[:, None])) for W in Ws])
    return exact, clipped


@exercise("09.4", "Many models at once", "stretch")
def _many_losses(many_losses):
    if not callable(many_losses):
        raise Wrong("the answer should be the function many_losses itself, not its result")
    X, y, Ws = _many_cases(5)
    n_models = Ws.shape[0]
    with np.errstate(all="ignore"):
        result, lines = _lines_run(many_losses, X.copy(), y.copy(), Ws.copy())
    got = np.asarray(result, dtype=float)
    if got.size == X.shape[0]:
        raise Wrong(
            f"you return {got.size} numbers, one per sample: average over the samples, "
            "so that each model gets one loss"
        )
    if got.size != n_models:
        raise Wrong(f"for {n_models} models return {n_models} losses; got shape {got.shape}")
    got = got.reshape(-1)
    exact, clipped = _reference(5)  # the same cases: _many_cases(5)
    bad = ~np.isfinite(got)
    if bad[:2].any():
        raise Wrong(
            "your losses are inf or nan for W = [[800, 0]]: sigmoid(z) rounds to 0 or 1 and "
            "log(0) follows; compute the loss without log(0), as notebook 05 does"
        )
    ok = np.isclose(got, exact, rtol=1e-6, atol=1e-9) | np.isclose(got, clipped, rtol=1e-6)
    if not ok[2:].all():
        k = int(np.argmin(ok[2:])) + 2
        raise Wrong(
            f"the loss of row {k} of Ws is wrong: compare it with bce_loss for that W alone"
        )
    if not ok[:2].all():
        raise Wrong(
            "your losses for W = [[800, 0]] and [[-800, 0]] are off: the loss is large there"
        )
    if lines >= n_models:
        raise Wrong(
            f"right numbers, but your code ran a Python loop over the {n_models} models: "
            "put them all in one matrix product X @ Ws.T"
        )
    return "one matrix product for all the models; now work out how big Z gets."
