"""Checks of notebook 13's exercises: real handwritten digits.

Each check rebuilds what the notebook builds from ``helpers`` (the digits, the
split with ``seed=0``, the features standardised with the training statistics and
given the constant-1 column, "is it an 8?" trained from zeros at ``2/L`` for 30
iterations), computes the reference answer the way the task says, and compares.
An accuracy must match to within half an image.

13.1  pixels from 0 to 1: 2/L of the training images divided by 16
13.2  is it a 3? the training and validation accuracy
13.3  the most confident mistake on the validation set
13.4  why the test set is used once (self-check)
13.5  another split: the test accuracy for seeds 1 to 5

Examples
--------
>>> from helpers.exercises import check
>>> check("13.1", ...)
13.1 · not attempted yet: replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

import numbers
from functools import cache

import numpy as np

from helpers.data import add_bias_feature, load_digits, train_val_test_split
from helpers.exercises.core import Wrong, exercise, number, self_check
from helpers.features import standardise
from helpers.learning_rate import curvature_bound
from helpers.model import forward, predict
from helpers.training import gradient_descent

N_ITERS = 30  # the iterations the notebook chose on the validation set


@cache
def _digits(seed: int = 0) -> dict[str, np.ndarray]:
    """The notebook's arrays for the split ``seed``: raw, with bias, and the labels."""
    X, labels = load_digits()
    X_train, X_val, X_test, l_train, l_val, l_test = train_val_test_split(X, labels, seed=seed)
    X_train_s, X_val_s, X_test_s = standardise(X_train, X_val, X_test)
    return {
        "X_train": X_train,
        "X_train_sb": add_bias_feature(X_train_s),
        "X_val_sb": add_bias_feature(X_val_s),
        "X_test_sb": add_bias_feature(X_test_s),
        "labels_train": l_train,
        "labels_val": l_val,
        "labels_test": l_test,
    }


@cache
def _trained(digit: int, seed: int = 0) -> np.ndarray:
    """The weights of "is it a <digit>?" after N_ITERS iterations at 2/L, from zeros."""
    d = _digits(seed)
    X = d["X_train_sb"]
    y = (d["labels_train"] == digit).astype(float)
    W, _ = gradient_descent(X, y, np.zeros((1, 65)), lr=2 / curvature_bound(X), n_iters=N_ITERS)
    return W


def _accuracy(digit: int, part: str, seed: int = 0) -> float:
    """The accuracy of the trained "is it a <digit>?" on the training, val or test part."""
    d = _digits(seed)
    y = (d[f"labels_{part}"] == digit).astype(float)
    return float(np.mean(predict(d[f"X_{part}_sb"], _trained(digit, seed)) == y))


def _fraction(answer, what: str) -> float:
    value = number(answer, what)
    if 1 < value <= 100:
        raise Wrong(
            f"{what} = {value:g} looks like a percentage: give it as a fraction (0.9, not 90)"
        )
    if not 0 <= value <= 1:
        raise Wrong(f"{what} = {value:g} is not an accuracy: it should be between 0 and 1")
    return value


def _same_accuracy(a: float, b: float, n: int = 359) -> bool:
    """Equal to within half an image out of ``n``."""
    return abs(a - b) < 0.5 / n


# --------------------------------------------------------------------------- 13.1
@cache
def _scaled_bounds() -> dict[str, float]:
    X_train = _digits()["X_train"]
    L = curvature_bound(add_bias_feature(X_train / 16))
    return {
        "right": 2 / L,
        "L": L,
        "1/L": 1 / L,
        "no bias": 2 / curvature_bound(X_train / 16),
        "bias divided": 2 / curvature_bound(add_bias_feature(X_train) / 16),
        "raw": 2 / curvature_bound(add_bias_feature(X_train)),
        "standardised": 2 / curvature_bound(_digits()["X_train_sb"]),
        "no 4": 2 / (4 * L),
    }


@exercise("13.1", "Pixels from 0 to 1", "easy")
def _(answer):
    value = number(answer, "max_lr_16")
    bounds = _scaled_bounds()
    close = lambda key: abs(value - bounds[key]) <= 1e-6 * abs(bounds[key])  # noqa: E731
    if close("right"):
        return (
            f"2/L = {bounds['right']:.3f}: dividing the pixels by 16 shrinks L "
            f"{2 / bounds['raw'] / bounds['L']:.0f} times, not 256 (the bias column stays 1), but "
            f"the standardised features still allow a larger step ({bounds['standardised']:.2f})."
        )
    hints = {
        "L": "that is L itself; the guaranteed learning rate is 2/L",
        "1/L": "that is 1/L; the guaranteed learning rate is 2/L",
        "no 4": "that is a quarter of the answer: L = lambda_max(X.T @ X) / (4 n), mind the 4",
        "no bias": "that is 2/L without the bias column: add the constant-1 column after dividing",
        "bias divided": (
            "the bias column was divided by 16 too (it became 1/16): divide the pixels first, "
            "then add the bias column"
        ),
        "raw": "that is 2/L of the raw pixels: divide X_train by 16 first",
        "standardised": "that is 2/L of the standardised features; divide the raw X_train by 16",
    }
    for key, hint in hints.items():
        if close(key):
            raise Wrong(hint)
    raise Wrong(
        "max_lr_16 is not 2 / curvature_bound(add_bias_feature(X_train / 16)): "
        "check that you used the training images only"
    )


# --------------------------------------------------------------------------- 13.2
@exercise("13.2", "Is it a 3?", "medium")
def _(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong(
            "accs_3 should be a pair of two numbers, (training accuracy, validation accuracy)"
        )
    train = _fraction(answer[0], "the training accuracy")
    val = _fraction(answer[1], "the validation accuracy")
    ref_train, ref_val = _accuracy(3, "train"), _accuracy(3, "val")
    if _same_accuracy(train, ref_train, 1079) and _same_accuracy(val, ref_val):
        val_8 = _accuracy(8, "val")
        return (
            f"on the validation set the 3 is easier ({val:.3f} against {val_8:.3f} for the 8, "
            "with the same baseline of about 0.90); the validation accuracy answers that, "
            "not the training accuracy."
        )
    if _same_accuracy(train, ref_val, 1079) and _same_accuracy(val, ref_train):
        raise Wrong("the two numbers look swapped: first the training accuracy, then validation")
    if _same_accuracy(val, _accuracy(3, "test")) and not _same_accuracy(val, ref_val):
        raise Wrong(
            "the second number is the test accuracy: leave the test set for the end and "
            "score the validation set"
        )
    if _same_accuracy(train, _accuracy(8, "train"), 1079) and _same_accuracy(
        val, _accuracy(8, "val")
    ):
        raise Wrong("those are the accuracies of 'is it an 8?': use labels == 3")
    if not _same_accuracy(train, ref_train, 1079):
        raise Wrong(
            "the training accuracy is not that of 'is it a 3?' trained on X_train_sb from "
            f"zeros with lr = 2/L for {N_ITERS} iterations"
        )
    raise Wrong("the validation accuracy is not that of those weights on X_val_sb")


# --------------------------------------------------------------------------- 13.3
@cache
def _val_mistakes() -> tuple[np.ndarray, np.ndarray]:
    """The indices in X_val of the validation mistakes, and |p - 0.5| for each."""
    d = _digits()
    p = forward(d["X_val_sb"], _trained(8))[:, 0]
    wrong = np.flatnonzero((p >= 0.5) != (d["labels_val"][:, 0] == 8))
    return wrong, np.abs(p[wrong] - 0.5)


@exercise("13.3", "The most confident mistake", "medium")
def _(answer):
    value = np.asarray(answer) if isinstance(answer, np.ndarray) else answer
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(-1)[0]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise Wrong(
            f"worst_val should be one integer, an index in X_val; got {type(answer).__name__} "
            f"{answer!r:.40}"
        )
    index = int(value)
    wrong, distance = _val_mistakes()
    n_val = len(_digits()["labels_val"])
    position = int(np.argmax(distance))
    if index == position and index not in wrong:
        raise Wrong(
            "that is the mistake's position among the wrong images, not its index in X_val: "
            "look it up in the array of wrong indices"
        )
    if not 0 <= index < n_val:
        raise Wrong(f"worst_val must be an index in X_val, from 0 to {n_val - 1}; got {index}")
    if index not in wrong:
        raise Wrong(f"the chosen weights get X_val[{index}] right: pick one of the mistakes")
    if index == wrong[np.argmin(distance)]:
        raise Wrong("that is the mistake the model is least sure about; find the most sure one")
    if index != wrong[position]:
        raise Wrong(
            f"X_val[{index}] is a mistake, but the model is surer about another one: "
            "compare |p - 0.5| over all the mistakes"
        )
    digit = int(_digits()["labels_val"][index, 0])
    p = float(forward(_digits()["X_val_sb"][index : index + 1], _trained(8))[0, 0])
    article = "an" if digit == 8 else "a"
    return f"X_val[{index}] shows {article} {digit}, and the model gives it p(8) = {p:.2f}."


self_check("13.4", "Why the test set is used once", "easy")


# --------------------------------------------------------------------------- 13.5
SEEDS = (1, 2, 3, 4, 5)


@exercise("13.5", "Another split", "stretch")
def _(answer):
    if not isinstance(answer, list | tuple | np.ndarray) or np.ndim(answer) != 1:
        raise Wrong("test_accs should be a list of five numbers, one per seed")
    if len(answer) != len(SEEDS):
        raise Wrong(
            f"test_accs should hold five accuracies, for seeds 1 to 5; it holds {len(answer)}"
        )
    got = [_fraction(a, f"test_accs[{k}]") for k, a in enumerate(answer)]
    ref = [_accuracy(8, "test", seed) for seed in SEEDS]
    if all(_same_accuracy(g, r) for g, r in zip(got, ref, strict=True)):
        spread = max(ref) - min(ref)
        return (
            f"from {min(ref):.3f} to {max(ref):.3f}: the same recipe moves by "
            f"{spread:.3f} ({round(spread * 359)} images) from one split to the next, so a "
            "difference of a point or two between two models on 359 images may be chance."
        )
    if all(
        _same_accuracy(g, _accuracy(8, "test", seed)) for g, seed in zip(got, range(5), strict=True)
    ):
        raise Wrong("those are seeds 0 to 4; the task asks for seeds 1, 2, 3, 4 and 5")
    if all(
        _same_accuracy(g, _accuracy(8, "val", seed)) for g, seed in zip(got, SEEDS, strict=True)
    ):
        raise Wrong("those are the validation accuracies; score each split's test set")
    first = next(
        k for k, (g, r) in enumerate(zip(got, ref, strict=True)) if not _same_accuracy(g, r)
    )
    raise Wrong(
        f"test_accs[{first}] (seed {SEEDS[first]}) is not the test accuracy of that split: "
        "standardise with its own training set and use 2/L of it"
    )
