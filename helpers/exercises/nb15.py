"""Checks of notebook 15's exercises: overfitting and generalisation.

The checks compare the learner's functions with the series' own code on inputs
made here, and recompute every trained network with :func:`helpers.training.train`
(cached), so no result is typed in. The crafted validation curves of 15.2 come
with the answers worked out by hand in their comments.

15.1  the L2 penalty
15.2  the early-stopping rule
15.3  more images
15.4  looking at the test set (self-check)
"""

from __future__ import annotations

from functools import cache

import numpy as np

from helpers.data import load_digits, make_moons, train_val_test_split
from helpers.exercises.core import Wrong, exercise, number, self_check
from helpers.features import standardise
from helpers.mlp import init_params, predict
from helpers.training import train

#: The notebook's network and training run.
SETTINGS = {"n_hidden": 100, "lr": 1.0, "n_epochs": 500, "n_classes": 10}
PATIENCE = 50
SIZES = (150, 300, 600)  # training images in exercise 15.3


# --------------------------------------------------------------------------- 15.1
def _random_params(seed: int) -> dict:
    """A network with 10 outputs whose biases are not zero, so that they count if added."""
    params = init_params(5, 4, n_outputs=10, seed=seed)
    rng = np.random.default_rng(seed)
    params["b1"] = rng.normal(size=params["b1"].shape)
    params["b2"] = rng.normal(size=params["b2"].shape)
    return params


def _squares(params, keys) -> float:
    return float(sum(np.sum(params[k] ** 2) for k in keys))


@exercise("15.1", "The penalty", "easy")
def _penalty(l2_penalty):
    if not callable(l2_penalty):
        raise Wrong("the answer should be the function l2_penalty itself, not its result")
    for seed, lam in ((0, 0.01), (1, 0.3)):
        params = _random_params(seed)
        copies = {k: v.copy() for k, v in params.items() if k != "activation"}
        got = number(l2_penalty(params, lam), f"l2_penalty(params, {lam:g})")
        if any(not np.array_equal(params[k], v) for k, v in copies.items()):
            raise Wrong("l2_penalty changed the parameters it was given: only read them")
        weights = _squares(params, ("W1", "W2"))
        want = lam / 2 * weights
        if np.isclose(got, want, rtol=1e-9):
            continue
        every = _squares(params, ("W1", "b1", "W2", "b2"))
        n_weights = params["W1"].size + params["W2"].size
        wrongs = [
            (lam / 2 * every, "you penalise the biases too: the penalty is on W1 and W2 only"),
            (lam * weights, "twice too large: the penalty is lambda / 2 times the squares"),
            (weights / 2, "the penalty does not change with weight_decay: multiply by it"),
            (
                lam / 2 * (np.sqrt(_squares(params, ("W1",))) + np.sqrt(_squares(params, ("W2",)))),
                "you add the sizes ||W1|| + ||W2||; the penalty adds their squares",
            ),
            (lam / 2 * np.sqrt(weights), "that is lambda / 2 times the size; square it"),
            (lam / 2 * weights / n_weights, "a mean of the squares; the penalty is their sum"),
        ]
        for value, message in wrongs:
            if np.isclose(got, value, rtol=1e-9):
                raise Wrong(message)
        raise Wrong(
            f"for weight_decay={lam:g} your penalty is {got:.6g}: it should be lambda / 2 "
            "times the sum of the squares of every entry of W1 and W2"
        )
    return "the penalty adds lambda / 2 times the sum of the squared weights to the loss."


# --------------------------------------------------------------------------- 15.2
#: Validation curves, patience, and (stop epoch, best epoch) worked out by hand.
STOP_CASES = (
    # lowest at epoch 2; epochs 3, 4, 5 bring nothing lower: stop at 2 + 3 = 5
    ([5.0, 4.0, 3.0, 3.5, 4.0, 4.5, 1.0], 3, (5, 2)),
    # epoch 3 only ties the best of epoch 2, which stays the best: stop at 2 + 2 = 4
    ([5.0, 4.0, 3.0, 3.0, 3.2, 2.0], 2, (4, 2)),
    # a new lowest loss at epoch 4 starts the count again: stop at 4 + 3 = 7
    ([3.0, 2.0, 2.5, 2.6, 1.0, 1.5, 1.6, 1.7, 0.5], 3, (7, 4)),
    # always falling: never stops, the last epoch is the best
    ([4.0, 3.0, 2.0, 1.0], 2, (3, 3)),
    # the best is epoch 0; patience 1 stops at once at epoch 1
    ([1.0, 2.0, 3.0], 1, (1, 0)),
    # ends 2 epochs after the best, before patience 3 runs out: stop at the last epoch
    ([3.0, 1.0, 2.0, 2.0], 3, (3, 1)),
)


def _stop_pair(answer, where: str) -> tuple[int, int]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(f"{where} should return (stop_epoch, best_epoch); got {answer!r:.60}")
    names = ("stop_epoch", "best_epoch")
    pair = [number(v, f"{where}: {name}") for v, name in zip(answer, names, strict=True)]
    if any(v != int(v) for v in pair):
        raise Wrong(f"{where} should return two epochs, whole numbers; got {answer!r:.60}")
    return int(pair[0]), int(pair[1])


@cache
def _real_curve() -> tuple[tuple[float, ...], dict[int, tuple[int, int]]]:
    """A real validation curve, and what train(..., patience=p) did with it for a few p.

    A small network on 30 noisy moons, scored on 200 others: the validation loss is
    lowest near epoch 240 of 400 and rises after it.
    """
    X, y = make_moons(30, noise=0.3, seed=0)
    X_val, y_val = make_moons(200, noise=0.3, seed=1)
    run = {"n_hidden": 16, "lr": 1.0, "n_epochs": 400, "X_val": X_val, "y_val": y_val, "seed": 0}
    _, full = train(X, y, **run)
    results = {}
    for patience in (5, 20, 200):  # 200: the run ends before the patience runs out
        _, history = train(X, y, patience=patience, **run)
        results[patience] = (len(history["loss"]) - 1, int(history["best_epoch"]))
    return tuple(float(v) for v in full["val_loss"]), results


@exercise("15.2", "Early stopping by hand", "medium")
def _early_stop(early_stop):
    if not callable(early_stop):
        raise Wrong("the answer should be the function early_stop itself, not its result")
    for curve, patience, (stop, best) in STOP_CASES:
        where = f"early_stop({curve}, patience={patience})"
        got_stop, got_best = _stop_pair(early_stop(np.array(curve), patience), where)
        if (got_stop, got_best) == (stop, best):
            continue
        if got_best != best and curve[got_best] == curve[best]:
            raise Wrong(
                f"{where}: epochs {best} and {got_best} tie; only a loss strictly below the "
                "best so far is a new best, so the first of them stays the best"
            )
        if stop < best + patience and got_stop != stop and got_best == best:
            raise Wrong(
                f"{where} stops at epoch {got_stop}, but the curve ends at epoch {stop}, "
                f"before the patience runs out ({best} + {patience}): a run that ends "
                "first stops at its last epoch"
            )
        if abs(got_stop - stop) == 1:
            raise Wrong(
                f"{where} stops at epoch {got_stop}, one off: training stops at the first "
                f"epoch that is patience epochs after the best (here {best} + {patience})"
            )
        if got_best == int(np.argmin(curve)) and got_best != best:
            raise Wrong(
                f"{where} returns best epoch {got_best}, the lowest of the whole curve: "
                f"training stopped at epoch {stop} and never saw the epochs after it"
            )
        if got_stop < stop:
            raise Wrong(
                f"{where} stops at epoch {got_stop}, too early: a new lowest loss (here at "
                f"epoch {best}) starts the waiting over"
            )
        raise Wrong(
            f"{where} returns ({got_stop}, {got_best}): stop at the first epoch that is "
            "patience epochs after the best so far, and return both epochs"
        )
    curve, results = _real_curve()
    for patience, want in results.items():
        got = _stop_pair(early_stop(np.array(curve), patience), "on a real validation curve")
        if got != want:
            raise Wrong(
                f"on the validation curve of a 400-epoch run, patience={patience}: you "
                f"return {got}, while train(..., patience={patience}) stopped at epoch "
                f"{want[0]} with best epoch {want[1]}"
            )
    return "the same rule as train(..., patience=p), ties and short runs included."


# --------------------------------------------------------------------------- 15.3
@cache
def _digits():
    X, labels = load_digits()
    return train_val_test_split(X, labels, seed=0)


@cache
def _wrong_with(n_images: int, stats_from: int) -> int:
    """Validation images wrong after early stopping on the first n_images training images,
    standardised with the statistics of the first ``stats_from`` training images."""
    X_train, X_val, _, labels_train, labels_val, _ = _digits()
    _, A, A_val = standardise(X_train[:stats_from], X_train[:n_images], X_val)
    params, _ = train(
        A, labels_train[:n_images], X_val=A_val, y_val=labels_val, seed=0, patience=PATIENCE,
        **SETTINGS,
    )  # fmt: skip
    return int(np.sum(predict(A_val, params) != labels_val))


@exercise("15.3", "More images", "medium")
def _more_images(wrong):
    if not isinstance(wrong, dict):
        raise Wrong(f"store a dict {{150: ..., 300: ..., 600: ...}}; got {type(wrong).__name__}")
    if sorted(wrong) != list(SIZES):
        raise Wrong(f"the keys should be the numbers of images 150, 300, 600; got {sorted(wrong)}")
    got = {n: number(wrong[n], f"wrong[{n}]") for n in SIZES}
    if all(0 <= v <= 1 for v in got.values()):
        raise Wrong("these look like accuracies or fractions; count the wrong validation images")
    n_val = len(_digits()[4])  # the validation labels
    for n in SIZES:
        if got[n] != int(got[n]) or not 0 <= got[n] <= n_val:
            raise Wrong(f"wrong[{n}] should count images, 0 to {n_val}; got {got[n]:g}")
        want = _wrong_with(n, n)
        if got[n] == want:
            continue
        if got[n] == n_val - want:
            raise Wrong(
                f"wrong[{n}] = {got[n]:g} counts the validation images the network gets "
                "right; count the ones it gets wrong"
            )
        if n != 150 and got[n] == _wrong_with(n, 150):
            raise Wrong(
                f"for {n} images you standardised with the statistics of the first 150: "
                f"standardise(X_train[:{n}], X_val) uses the {n} images you train on"
            )
        if n == 150:
            raise Wrong(
                "wrong[150] is not the early-stopped network of the notebook: it got "
                "the number printed in its table of seeds (images 0-149, seed 0)"
            )
        raise Wrong(
            f"wrong[{n}] differs from what the check gets: train on X_train[:{n}] "
            f"standardised with its own statistics, seed=0, patience={PATIENCE}, the "
            "notebook's SETTINGS, and count the validation images predict gets wrong"
        )
    return (
        f"from 150 to 600 images the mistakes fall from {got[150]:.0f} to {got[600]:.0f}: "
        "compare that with what either remedy changed."
    )


# --------------------------------------------------------------------------- 15.4
self_check("15.4", "Looking at the test set", "medium")
