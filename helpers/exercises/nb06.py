"""Checks for the exercises of notebook 06, training by gradient descent.

The references are computed here from :mod:`helpers` on the notebook's data
(``make_blobs(100, seed=0)``) and its random start ``W0`` (``default_rng(5)``); the
minimum of the loss comes from :func:`helpers.learning_rate.loss_minimum`.

Exercises
---------
06.1 : iterations to within 1% of the optimal loss with lr = 0.5 (easy)
06.2 : iterations to convergence for three tolerances (medium)
06.3 : why the path from a far start is not straight (medium, self-check)
06.4 : mini-batch gradient descent as a function (medium)
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

from helpers.exercises.core import Wrong, exercise, self_check, series_data
from helpers.learning_rate import loss_minimum
from helpers.model import bce_loss, forward, gradient
from helpers.training import gradient_descent


@functools.cache
def _loss_star() -> float:
    X, y, _ = series_data()
    return loss_minimum(X, y)[1]


def _setup():
    """The notebook's data, random start and smallest loss."""
    return (*series_data(), _loss_star())


def _whole(answer, what: str) -> int:
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.reshape(()).item()
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise Wrong(f"{what} should be a number; got {type(answer).__name__}")
    if float(answer) != int(answer):
        raise Wrong(f"{what} is a whole number of iterations; got {answer}")
    return int(answer)


@exercise("06.1", "Another learning rate", "easy")
def _(answer):
    n = _whole(answer, "n_within_1pct_half")
    X, y, W0, loss_star = _setup()
    losses = gradient_descent(X, y, W0, lr=0.5, n_iters=1000)[1]["loss"]
    ref = int(np.argmax(losses <= 1.01 * loss_star))
    if n == ref:
        return "between the counts of lr = 1 and lr = 0.3 in the table, as it suggests"
    if n == ref + 1:
        raise Wrong("one too many: history['loss'][k] is the loss after k steps, so k counts them")
    if n == 0:
        raise Wrong("0: np.argmax of an all-False array is 0; is your condition ever true?")
    if n == int(np.argmax(losses - loss_star <= 0.01)):
        raise Wrong("that is for an absolute gap of 0.01; 1% is relative: loss <= 1.01 * loss_star")
    in_table = [
        int(
            np.argmax(
                gradient_descent(X, y, W0, lr=lr, n_iters=1000)[1]["loss"] <= 1.01 * loss_star
            )
        )
        for lr in (0.3, 1.0)
    ]
    if n in in_table:
        raise Wrong("that is a number from the table, for another learning rate; run lr = 0.5")
    raise Wrong("not the first iteration within 1% of the optimal loss with lr = 0.5 from W0")


def _iterations_to(tols) -> list[int]:
    """The notebook's loop from W0 with lr = 1: the steps until the gradient is below each tol."""
    X, y, W, _ = _setup()
    counts, n = {}, 0
    while len(counts) < len(tols):
        dW = gradient(X, y, forward(X, W))
        norm = np.linalg.norm(dW)
        counts.update({tol: n for tol in tols if tol not in counts and norm < tol})
        W = W - 1.0 * dW
        n += 1
    return [counts[tol] for tol in tols]


@exercise("06.2", "Tighter and looser tolerances", "medium")
def _(answer):
    if isinstance(answer, np.ndarray):
        answer = list(answer.ravel())
    if not isinstance(answer, (list, tuple)) or len(answer) != 3:
        raise Wrong("n_iters_tol should be three numbers: for tol = 1e-4, 1e-8 and 1e-12, in order")
    counts = [_whole(a, "each count") for a in answer]
    ref = _iterations_to((1e-4, 1e-8, 1e-12))
    if counts == ref:
        return (
            "each factor of 10 costs the same number of steps: near the minimum the gradient "
            "shrinks by a constant factor per step"
        )
    if counts == ref[::-1]:
        raise Wrong("the order is reversed: first tol = 1e-4, then 1e-8, then 1e-12")
    if counts == [r + 1 for r in ref]:
        raise Wrong("each is one too many: count the steps taken, not the gradient evaluations")
    if counts[1] != ref[1]:
        raise Wrong(
            "the count for tol = 1e-8 should be the one printed above; start from W0, lr = 1"
        )
    raise Wrong("the counts for tol = 1e-4 or 1e-12 are off; run the loop above with each tol")


self_check("06.3", "A far start", "medium")


@exercise("06.4", "Mini-batch gradient descent", "medium")
def _(minibatch_descent):
    if not callable(minibatch_descent):
        raise Wrong("minibatch_descent should be a function")
    X, y, W0, loss_star = _setup()
    W0_before = W0.copy()

    def run(batch_size, seed, n_iters=100):
        W, losses = minibatch_descent(
            X, y, W0, 1.0, n_iters, batch_size, np.random.default_rng(seed)
        )
        return np.asarray(W, dtype=float), np.asarray(losses, dtype=float)

    W, losses = run(len(X), 0, 30)
    if not np.array_equal(W0, W0_before):
        raise Wrong("your function changed W0 in place; work on a copy")
    if losses.shape != (31,):
        raise Wrong(
            f"losses has shape {losses.shape}; for 30 steps it should be (31,): W0 and each step"
        )
    if W.shape != W0.shape:
        raise Wrong(f"the returned W has shape {W.shape}; it should be {W0.shape}, like W0")
    if not np.isclose(losses[0], bce_loss(y, forward(X, W0)), rtol=1e-9):
        raise Wrong("losses[0] should be the loss on all the data at W0")
    full = gradient_descent(X, y, W0, lr=1.0, n_iters=30)[1]["loss"]
    if not np.allclose(losses, full, rtol=1e-9):
        raise Wrong(
            "with batch_size = 100 every step sees all samples, so the losses should be "
            "gradient_descent's; they are not"
        )
    W, losses = run(10, 1)
    if not np.isclose(losses[-1], bce_loss(y, forward(X, W)), rtol=1e-9):
        raise Wrong("record the loss on all the data at each step, not on the mini-batch")
    if np.allclose(losses, gradient_descent(X, y, W0, lr=1.0, n_iters=100)[1]["loss"]):
        raise Wrong("with batch_size = 10 you get the full-batch run: use only X[idx], y[idx]")
    if not np.array_equal(losses, run(10, 1)[1]):
        raise Wrong("two runs with generators of the same seed differ: draw with the rng argument")
    if losses[-20:].mean() > 1.05 * loss_star:
        raise Wrong(
            "with lr = 1 the loss stays well above the minimum: average the gradient over the "
            "batch (divide by its size), not over all the samples"
        )
    return "noisy but close to the minimum, at a tenth of the work per step"
