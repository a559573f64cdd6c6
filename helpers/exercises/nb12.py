"""Checks of notebook 12's exercises: training the network.

Each check trains the reference runs itself with :func:`helpers.training.train`
(the same seeds and settings as the task), so nothing here is a hard-coded
number. The runs are cached: a second check of the same exercise is instant.

12.1  plain SGD against full batch, after the same epochs and the same updates
12.2  a smaller learning rate for mini-batches of 10
12.3  how straight lines make a closed boundary (self-check)
12.4  restarts: the best of five seeds
"""

from __future__ import annotations

from functools import cache

import numpy as np

from helpers.data import make_moons, make_xor
from helpers.exercises.core import Wrong, exercise, self_check
from helpers.training import train

SGD_EPOCHS = 5  # epochs of plain SGD in exercise 12.1: 5 x 200 = 1,000 updates
N_SAMPLES = 200


def _number(value, what: str) -> float:
    """``value`` as a float, or Wrong naming ``what`` when it is not one real number."""
    if isinstance(value, bool) or value is None:
        raise Wrong(f"{what} should be a number; got {value!r}")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise Wrong(f"{what} should be a number; got {type(value).__name__}")
    if arr.size != 1:
        raise Wrong(
            f"{what} should be one number; got an array of shape {arr.shape}: "
            "take the last entry of history['loss']"
        )
    result = float(arr.reshape(-1)[0])
    if not np.isfinite(result):
        raise Wrong(f"{what} is {result}: the loss of a finished run is a finite number")
    return result


def _same(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-6, atol=1e-12))


def _triple(answer, names: tuple[str, ...]) -> list[float]:
    if not isinstance(answer, (tuple, list)) or len(answer) != len(names):
        raise Wrong(
            f"store a tuple of {len(names)} numbers: ({', '.join(names)}); "
            f"got {type(answer).__name__}"
            + (f" of length {len(answer)}" if isinstance(answer, (tuple, list)) else "")
        )
    return [_number(value, name) for value, name in zip(answer, names, strict=True)]


@cache
def _moons():
    return make_moons(N_SAMPLES, noise=0.1, seed=0)


@cache
def _moons_losses(lr: float, n_epochs: int, batch_size: int | None) -> tuple[float, ...]:
    """history['loss'] of the notebook's 8-unit tanh network on the moons, seed 0."""
    X, y = _moons()
    _, history = train(X, y, n_hidden=8, lr=lr, n_epochs=n_epochs, batch_size=batch_size, seed=0)
    return tuple(float(v) for v in history["loss"])


# --------------------------------------------------------------------------- 12.1
@exercise("12.1", "Plain SGD", "easy")
def _plain_sgd(answer):
    names = ("loss_sgd", "loss_full_same_epochs", "loss_full_same_updates")
    loss_sgd, loss_full_epochs, loss_full_updates = _triple(answer, names)
    n_updates = SGD_EPOCHS * N_SAMPLES
    sgd = _moons_losses(0.5, SGD_EPOCHS, 1)
    full = _moons_losses(0.5, n_updates, None)
    if not _same(loss_sgd, sgd[-1]):
        if _same(loss_sgd, full[SGD_EPOCHS]):
            raise Wrong(
                "loss_sgd is the full-batch loss after 5 epochs: did you pass batch_size=1?"
            )
        if _same(loss_sgd, sgd[0]):
            raise Wrong("loss_sgd is the loss before training (history['loss'][0]); take the last")
        raise Wrong(
            "loss_sgd is not the loss after 5 epochs of batch_size=1 (n_hidden=8, lr=0.5, seed=0)"
        )
    if not _same(loss_full_epochs, full[SGD_EPOCHS]):
        if _same(loss_full_epochs, full[-1]):
            raise Wrong("the first two full-batch losses are swapped: same epochs first")
        raise Wrong("loss_full_same_epochs is not the full-batch loss after 5 epochs")
    if not _same(loss_full_updates, full[-1]):
        raise Wrong(
            "loss_full_same_updates should be the full-batch loss after as many epochs as "
            "plain SGD made updates: how many updates is one epoch of batch_size=1?"
        )
    return "per epoch plain SGD is far ahead; per update the two end close together."


# --------------------------------------------------------------------------- 12.2
@exercise("12.2", "A smaller learning rate for small batches", "medium")
def _small_lr(answer):
    loss_10, rises_10 = _triple(answer, ("loss_10", "rises_10"))
    if rises_10 < 0 or rises_10 != int(rises_10):
        raise Wrong(f"rises_10 counts epochs, so it is a whole number >= 0; got {rises_10:g}")
    small = _moons_losses(0.1, 200, 10)
    table = _moons_losses(0.5, 200, 10)
    rises = int(np.sum(np.diff(small) > 0))
    if not _same(loss_10, small[-1]):
        if _same(loss_10, table[-1]):
            raise Wrong("loss_10 is the table's run at lr = 0.5: train again with lr=0.1")
        if _same(loss_10, _moons_losses(0.1, 200, None)[-1]):
            raise Wrong("loss_10 is the full batch's loss: the task asks for batch_size=10")
        raise Wrong(
            "loss_10 is not the loss after 200 epochs of batch_size=10 at lr=0.1 "
            "(n_hidden=8, seed=0, as in the table)"
        )
    if int(rises_10) != rises:
        if int(rises_10) == int(np.sum(np.diff(table) > 0)):
            raise Wrong("rises_10 is the count at lr = 0.5, the table's; count on the lr=0.1 run")
        raise Wrong(
            "rises_10 is not the number of epochs in which the loss went up: "
            "compare each entry of history['loss'] with the one before"
        )
    if rises == 0:
        return "at lr = 0.1 the loss falls in every epoch: smaller steps, less noise."
    return "the noise is smaller at lr = 0.1, but some epochs still go up."


# --------------------------------------------------------------------------- 12.3
self_check("12.3", "Units on circles", "medium")


# --------------------------------------------------------------------------- 12.4
RESTART_SETTINGS = {"n_hidden": 2, "lr": 1.0, "n_epochs": 200, "activation": "relu"}
RESTART_SEEDS = (0, 5)  # first seeds the check tries: the best run is the last one for 0


@cache
def _xor():
    return make_xor(N_SAMPLES, noise=0.1, seed=0)


@cache
def _xor_run(seed: int) -> tuple[dict, float]:
    X, y = _xor()
    params, history = train(X, y, seed=seed, **RESTART_SETTINGS)
    return params, float(history["loss"][-1])


def _xor_loss(seed: int) -> float:
    return _xor_run(seed)[1]


def _final_loss(result, first_seed: int) -> float:
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], dict)):
        raise Wrong(
            f"best_of_five(X_xor, y_xor, {first_seed}) should return (params, history) "
            f"of the best run, as train does; got {type(result).__name__}"
        )
    if "loss" not in result[1]:
        raise Wrong("the second item returned should be the history dict of train, with 'loss'")
    return _number(np.asarray(result[1]["loss"])[-1], "the returned run's final loss")


@exercise("12.4", "Restarts", "stretch")
def _restarts(best_of_five):
    if not callable(best_of_five):
        raise Wrong("the answer should be the function best_of_five itself, not its result")
    X, y = _xor()
    for first_seed in RESTART_SEEDS:
        result = best_of_five(X.copy(), y.copy(), first_seed)
        got = _final_loss(result, first_seed)
        losses = {s: _xor_loss(s) for s in range(first_seed, first_seed + 5)}
        best = min(losses, key=losses.get)
        if _same(got, losses[best]):
            W1 = result[0].get("W1") if isinstance(result[0], dict) else None
            if (
                W1 is None
                or np.shape(W1) != _xor_run(best)[0]["W1"].shape
                or not np.allclose(W1, _xor_run(best)[0]["W1"], rtol=1e-6, atol=1e-9)
            ):
                raise Wrong(
                    "the history is the best run's, but the params are not: keep the params "
                    "of the same run"
                )
            continue
        if _same(got, max(losses.values())):
            raise Wrong(f"for first_seed={first_seed} you keep the run with the HIGHEST final loss")
        if first_seed and _same(got, min(_xor_loss(s) for s in range(5))):
            raise Wrong("your function always tries seeds 0 to 4: start at first_seed")
        others = [
            min(_xor_loss(s) for s in range(first_seed, first_seed + 4)),
            min(_xor_loss(s) for s in range(first_seed + 1, first_seed + 6)),
        ]
        if any(_same(got, other) for other in others):
            raise Wrong(
                f"off by one: for first_seed={first_seed} try the five seeds "
                f"{first_seed} to {first_seed + 4}, both included"
            )
        if _same(got, losses[first_seed + 4]):
            raise Wrong("you return the last run trained, not the one with the lowest final loss")
        if any(_same(got, v) for v in losses.values()):
            raise Wrong(
                f"for first_seed={first_seed} you return one of the five runs, but not the one "
                "with the lowest final loss"
            )
        raise Wrong(
            f"for first_seed={first_seed} the returned run is none of the five: train with "
            "n_hidden=2, lr=1.0, n_epochs=200, activation='relu' and seed=s"
        )
    return "it keeps the lowest final loss of the five seeds it is given."
