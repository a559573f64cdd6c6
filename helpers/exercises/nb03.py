"""Checks for the exercises of notebook 03, the untrained decision boundary.

Each check recomputes the expected answer from :mod:`helpers.model` and the
notebook's data (``make_blobs(100, seed=0)``, ``W`` drawn with seed 5), so nothing
here is a hard-coded number that could drift from the notebook.

Exercises
---------
03.1 Flip it (easy)
    ``y_pred_flipped``: the class predictions of ``-W``, shape ``(100, 1)``.
03.2 A weight vector by hand (easy)
    ``acc_by_hand``: the accuracy of ``W = [[1.0, 1.0]]``.
03.3 Another threshold (medium)
    ``z_boundary``: the logit at which the predicted probability is 0.7.
03.4 Symmetry (stretch)
    A self-check: why the histogram of 1000 random accuracies is roughly symmetric.
"""

from __future__ import annotations

import numpy as np

from helpers import model
from helpers.exercises.core import Wrong, column, exercise, number, self_check, series_data


# --------------------------------------------------------------------------- 03.1
@exercise("03.1", "Flip it", "easy")
def _flip_it(y_pred_flipped):
    got = column(y_pred_flipped, "y_pred_flipped")
    X, _, W = series_data()
    if not np.all((got == 0) | (got == 1)):
        raise Wrong("these are not class predictions (0 or 1): threshold the probabilities at 0.5")
    if np.array_equal(got, model.predict(X, -W)):
        return "every prediction swapped sides: the same line, with the two colours exchanged."
    if np.array_equal(got, model.predict(X, W)):
        raise Wrong("these are the predictions of W itself; use -W")
    raise Wrong("these are not the predictions of -W; use predict, or forward and >= 0.5")


# --------------------------------------------------------------------------- 03.2
@exercise("03.2", "A weight vector by hand", "easy")
def _by_hand(acc_by_hand):
    value = number(acc_by_hand, "acc_by_hand")
    X, y, W = series_data()
    W_hand = np.array([[1.0, 1.0]])
    expected = model.accuracy(y, model.predict(X, W_hand))

    def near(other) -> bool:
        return bool(np.isclose(value, other, rtol=1e-9, atol=1e-12))

    if near(expected):
        wrong_side = int(np.sum((X[:, 0] + X[:, 1] > 0) != (y[:, 0] == 1)))
        return (
            f"the boundary of [[1, 1]] is x1 + x2 = 0, the line of notebook 01: its "
            f"{wrong_side} points on the wrong side are exactly the model's mistakes."
        )
    if near(1.0 - expected):
        raise Wrong("that is the fraction of wrong predictions; the accuracy counts the right ones")
    if near(100.0 * expected):
        raise Wrong("that looks like a percentage; give the accuracy as a fraction between 0 and 1")
    if near(model.accuracy(y, model.predict(X, W))):
        raise Wrong("that is the accuracy of the random W of the notebook; use W = [[1.0, 1.0]]")
    if near(model.accuracy(y, model.predict(X, -W))):
        raise Wrong("that is the accuracy of -W; use W = [[1.0, 1.0]]")
    raise Wrong("not the accuracy of W = [[1.0, 1.0]] on the notebook's data (X, y)")


# --------------------------------------------------------------------------- 03.3
@exercise("03.3", "Another threshold", "medium")
def _threshold(z_boundary):
    value = number(z_boundary, "z_boundary")
    expected = float(np.log(0.7 / 0.3))  # the logit of 0.7
    if np.isclose(value, expected, rtol=1e-6, atol=0.0):
        return (
            "the new boundary is w1 x1 + w2 x2 = z_boundary, not 0: a line parallel to the old "
            "one, no longer through the origin."
        )
    if np.isclose(value, expected, rtol=0.0, atol=1e-2):
        raise Wrong("close, but rounded: compute it with np.log rather than copying digits")
    if np.isclose(value, -expected, rtol=1e-6, atol=0.0):
        raise Wrong("wrong sign: a probability above 0.5 needs z > 0")
    if np.isclose(value, 0.7):
        raise Wrong("0.7 is the probability ŷ at the boundary; the task asks for the logit z there")
    if np.isclose(value, float(model.sigmoid(0.7)), rtol=1e-6, atol=0.0):
        raise Wrong("that is σ(0.7); you need the z whose σ(z) is 0.7, the inverse of σ")
    if np.isclose(value, np.log(0.7), rtol=1e-6, atol=0.0):
        raise Wrong("log(0.7) alone is not the inverse of σ: solve 1 / (1 + e^(-z)) = 0.7 for z")
    raise Wrong(
        f"σ({value:g}) is {float(model.sigmoid(value)):.3g}, not 0.7: solve σ(z) = 0.7 for z"
    )


# --------------------------------------------------------------------------- 03.4
self_check("03.4", "Symmetry", "stretch")
