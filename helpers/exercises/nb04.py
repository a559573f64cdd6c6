"""Checks for the exercises of notebook 04, gradient descent on functions of one number.

The notebook writes its own ``descend``; :func:`_descend` here is the same loop, so
that a check can compute the reference from the functions of the notebook instead
of storing numbers. The two bowls and the two-valley function are written out again
for the same reason.

Exercises
---------
04.1 : the number of iterations from a start far away (easy)
04.2 : the critical learning rate of a narrower bowl (medium)
04.3 : the border between the starts that reach either valley of g (medium)
04.4 : a learning rate that converges in one valley of g but not the other (stretch)
"""

from __future__ import annotations

import numpy as np

from helpers.exercises.core import Wrong, exercise, number


def _df(w):
    """The slope of the notebook's bowl f(w) = (w - 2)^2 + 1."""
    return 2.0 * (w - 2.0)


def _g(w):
    """The notebook's function with two valleys."""
    return w**4 - 3 * w**2 + w


def _dg(w):
    return 4 * w**3 - 6 * w + 1


def _descend(df, w0, lr, tol=1e-6, max_iters=10_000):
    """The notebook's ``descend``: the path [w0, w1, ...] and whether it converged."""
    path = [w0]
    w = w0
    for _ in range(max_iters):
        if abs(df(w)) < tol:
            return np.array(path), True
        w = w - lr * df(w)
        path.append(w)
        if abs(w) > 1e6:
            break
    return np.array(path), bool(abs(df(w)) < tol)


def _critical_points_of_g() -> tuple[float, float, float]:
    """The global minimum, the maximum and the local minimum of g, in increasing order."""
    w_min_global, w_max, w_min_local = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    return float(w_min_global), float(w_max), float(w_min_local)


def _curvature_of_g(w: float) -> float:
    """g''(w), from a central second difference of g (no formula typed in twice)."""
    h = 1e-4
    return (_g(w + h) - 2 * _g(w) + _g(w - h)) / h**2


@exercise("04.1", "Another start", "easy")
def _(answer):
    n = number(answer, "the number of iterations")
    if n != int(n):
        raise Wrong("the number of iterations is a whole number: count the steps of the path")
    n_far = len(_descend(_df, 20.0, 0.3)[0]) - 1
    n_near = len(_descend(_df, -1.0, 0.3)[0]) - 1
    if n == n_far:
        return (
            "only a few more than from -1: each step multiplies the distance to w* by 0.4, "
            "so six times farther costs only a step or two more"
        )
    if n == n_far + 1:
        raise Wrong("one too many: len(path) counts the starting point too, not only the steps")
    if n == n_near:
        raise Wrong("that is the count from w0 = -1, printed above; start from w0 = 20.0")
    raise Wrong(
        "descend(df, 20.0, lr=0.3) takes another number of steps: count them, len(path) - 1"
    )


@exercise("04.2", "A narrower bowl", "medium")
def _(answer):
    lr = number(answer, "lr_crit_narrow")
    h = 1e-3
    narrow = lambda w: 5 * (w - 2.0) ** 2 + 1.0  # noqa: E731
    curvature = (narrow(2.0 + h) - 2 * narrow(2.0) + narrow(2.0 - h)) / h**2  # f'' = 10
    lr_crit = 2.0 / curvature
    if abs(lr - lr_crit) <= 1e-3 * lr_crit:
        return "the narrower the bowl, the larger f'' and the smaller the steps it allows"
    if abs(lr - 1.0 / curvature) <= 1e-3 * lr_crit:
        raise Wrong(
            "that is the rate that lands on the minimum in one step; the critical one is "
            "where the factor 1 - lr f'' reaches -1"
        )
    if abs(lr - 2.0 / (curvature / 2)) <= 1e-3 * lr_crit:
        raise Wrong("that is 2 / 5, but f'' of 5 (w - 2)^2 is not 5: differentiate twice")
    if abs(lr - 1.0) <= 1e-3:
        raise Wrong(
            "1 is the critical rate of the original bowl (w - 2)^2 + 1; this one is narrower"
        )
    if abs(lr - lr_crit) <= 0.05 * lr_crit:
        raise Wrong(
            "close, but not it: measured rates only approach the edge; compute it from f'' "
            "as in the section on the critical step size"
        )
    side = "too large: descent already diverges there" if lr > lr_crit else "too small"
    raise Wrong(f"{side}; compute f'' of the new bowl and use the rule for the critical step")


@exercise("04.3", "Valleys", "medium")
def _(answer):
    border = number(answer, "border")
    w_min_global, w_max, w_min_local = _critical_points_of_g()
    # The truth is what descent does: just left of the border it reaches the global minimum.
    left = _descend(_dg, w_max - 0.005, 0.05)[0][-1]
    right = _descend(_dg, w_max + 0.005, 0.05)[0][-1]
    if not (abs(left - w_min_global) < 1e-3 and abs(right - w_min_local) < 1e-3):
        raise Wrong("internal: descent around the maximum of g does not split as expected")
    if abs(border - w_max) <= 0.015:
        return (
            "the border is the maximum of g: on either side of it, downhill leads into "
            "a different valley"
        )
    if abs(border - w_min_global) <= 0.05:
        raise Wrong(
            "that is the global minimum itself; the question is where the starts that reach it end"
        )
    if abs(border - w_min_local) <= 0.05:
        raise Wrong("that is the local minimum; look for where the ending valley switches")
    if abs(border - w_max) <= 0.1:
        raise Wrong(
            "close: the switch lies within 0.1 of your answer; narrow the grid to two decimals"
        )
    raise Wrong(
        "descent starts on both sides of your border end in the same valley; "
        "try starts on a grid and note where each run ends"
    )


@exercise("04.4", "Too large on g", "stretch")
def _(answer):
    lr = number(answer, "lr_between")
    if lr <= 0:
        raise Wrong("a learning rate must be positive")
    w_min_global, _, w_min_local = _critical_points_of_g()
    path_global, conv_global = _descend(_dg, -1.3, lr)
    path_local, conv_local = _descend(_dg, 1.1, lr)
    stays_global = conv_global and abs(path_global[-1] - w_min_global) < 1e-3
    stays_local = conv_local and abs(path_local[-1] - w_min_local) < 1e-3
    crit_global = 2 / _curvature_of_g(w_min_global)
    crit_local = 2 / _curvature_of_g(w_min_local)
    if stays_local and not stays_global:
        return (
            "the global minimum is the sharper valley: its larger g'' allows smaller steps, "
            "so a rate can be too large there and fine in the local one"
        )
    if stays_global and stays_local:
        raise Wrong(
            "descent converges in both valleys: your rate is below 2 / g'' at both minima; "
            "compute g'' at each and go above the smaller critical rate"
        )
    if lr > crit_local:
        raise Wrong(
            "descent converges in neither valley: your rate is above 2 / g'' at both minima"
        )
    if lr < crit_global:  # below both critical rates, yet not converged: too few iterations
        raise Wrong(
            "with a rate this small descent needs more than 10,000 steps; take a larger one"
        )
    raise Wrong(
        "from w0 = 1.1 descent does not settle in the local minimum with this rate; "
        "stay clearly below 2 / g'' there"
    )
