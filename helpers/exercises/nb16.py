"""Checks of notebook 16's exercises: the series' pieces in a framework's terms.

PyTorch is not a dependency of the series, so these checks never import it. Each
one compares the learner's NumPy function with the behaviour the notebook's table
states for PyTorch 2.13, computed with the series' own helpers.

16.1  nn.Linear's layout
16.2  what CrossEntropyLoss computes
16.3  SGD's weight decay
16.4  autograd in your own words (self-check)
"""

from __future__ import annotations

import numpy as np

from helpers.exercises.core import Wrong, exercise, self_check
from helpers.softmax import log_softmax


def _close(a, b) -> bool:
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


def _array(value, what: str, shape: tuple[int, ...]) -> np.ndarray:
    if not isinstance(value, np.ndarray):
        raise Wrong(f"{what} should return an array of shape {shape}; got {type(value).__name__}")
    if value.shape != shape:
        raise Wrong(f"{what} returns shape {value.shape}; it should be {shape}")
    return value


def _callable(answer, name: str) -> None:
    if not callable(answer):
        raise Wrong(f"the answer should be the function {name} itself, not its result")


# --------------------------------------------------------------------------- 16.1
@exercise("16.1", "nn.Linear's layout", "easy")
def _linear(linear):
    _callable(linear, "linear")
    rng = np.random.default_rng(0)
    for n, n_in, n_out in ((5, 64, 10), (10, 3, 10)):  # the second: n == out_features
        X = rng.normal(size=(n, n_in))
        weight = rng.normal(size=(n_out, n_in))
        bias = rng.normal(size=n_out)
        copies = X.copy(), weight.copy(), bias.copy()
        got = _array(linear(X, weight, bias), "linear(X, weight, bias)", (n, n_out))
        if not all(np.array_equal(a, b) for a, b in zip((X, weight, bias), copies, strict=True)):
            raise Wrong("linear changed one of its arguments; return a new array")
        if _close(got, X @ weight.T + bias):
            continue
        if _close(got, X @ weight.T):
            raise Wrong("the bias is missing: nn.Linear adds it to every row")
        if _close(got, X @ weight.T + bias.reshape(-1, 1)):
            raise Wrong(
                "the bias was added as a column, one value per sample; it is one value per "
                "output, added to every row (shape (out_features,) broadcasts along the rows)"
            )
        raise Wrong(f"linear differs from nn.Linear for X {X.shape} and weight {weight.shape}")
    return "nn.Linear computes z = X @ W.T + b, the series' formula with W (out, in)."


# --------------------------------------------------------------------------- 16.2
def _reference_loss(logits: np.ndarray, targets: np.ndarray) -> float:
    log_probs = log_softmax(logits)  # notebook 14's, stable for logits of +-1e4
    return float(-log_probs[np.arange(len(targets)), targets].mean())


@exercise("16.2", "What CrossEntropyLoss computes", "medium")
def _cross_entropy(cross_entropy_loss):
    _callable(cross_entropy_loss, "cross_entropy_loss")
    rng = np.random.default_rng(1)
    cases = [
        (rng.normal(size=(6, 10)), rng.integers(0, 10, size=6)),
        (np.array([[1e4, 0.0, -1e4], [-1e4, 0.0, 1e4]]), np.array([0, 1])),
    ]
    for logits, targets in cases:
        copies = logits.copy(), targets.copy()
        with np.errstate(all="ignore"):
            got = np.asarray(cross_entropy_loss(logits, targets))
        if not (np.array_equal(logits, copies[0]) and np.array_equal(targets, copies[1])):
            raise Wrong("cross_entropy_loss changed one of its arguments; return a new value")
        if got.size != 1:
            raise Wrong(f"cross_entropy_loss should return one number, the mean; got {got.shape}")
        value = float(got.reshape(()))
        want = _reference_loss(logits, targets)
        if not np.isfinite(value):
            raise Wrong(
                f"the loss is {value} for logits of ±1e4: either exp overflowed (subtract "
                "each row's largest logit first) or a probability rounded to 0 before its "
                "log; take the log-softmax of notebook 14, never the log of the softmax"
            )
        if _close(value, want):
            continue
        if _close(value, len(targets) * want):
            raise Wrong("that is the sum over the samples; CrossEntropyLoss takes the mean")
        if _close(value, -want):
            raise Wrong("the sign is flipped: the loss is minus the mean log-probability")
        raise Wrong(
            f"cross_entropy_loss gives {value:.4f} on {len(targets)} samples, not "
            "the mean of -log softmax(logits)[i, target_i]"
        )
    return "log-softmax, then minus the mean log-probability of each sample's class."


# --------------------------------------------------------------------------- 16.3
@exercise("16.3", "SGD's weight decay", "medium")
def _sgd_step(sgd_step):
    _callable(sgd_step, "sgd_step")
    rng = np.random.default_rng(2)
    params = {"W1": rng.normal(size=(4, 3)), "b1": rng.normal(size=(1, 4))}
    grads = {name: rng.normal(size=p.shape) for name, p in params.items()}
    lr, weight_decay = 0.1, 0.5
    before = {name: p.copy() for name, p in params.items()}
    got = sgd_step(params, grads, lr, weight_decay)
    if any(not np.array_equal(params[k], before[k]) for k in params):
        raise Wrong("sgd_step changed the arrays of params; return new ones, as the helpers do")
    if not isinstance(got, dict) or set(got) != set(params):
        raise Wrong(f"sgd_step should return a dict with the keys {sorted(params)}")
    for name, p in params.items():
        new = _array(got[name], f"sgd_step(...)[{name!r}]", p.shape)
        g = grads[name]
        if _close(new, p - lr * (g + weight_decay * p)):
            continue
        if _close(new, p - lr * g):
            if name == "b1":
                raise Wrong(
                    "the bias b1 was not decayed: that is notebook 15's rule (weights only); "
                    "PyTorch's SGD decays every parameter it is given, biases included"
                )
            raise Wrong(f"{name} was not decayed: add weight_decay * {name} to its gradient")
        if _close(new, p - lr * (g + 0.5 * weight_decay * p)):
            raise Wrong(f"{name} decays by half as much: the gradient of λ/2·‖W‖² is λ·W")
        raise Wrong(f"{name} is not {name} - lr * (grad + weight_decay * {name})")
    return "PyTorch's rule: every parameter, biases included, is pulled towards 0."


# --------------------------------------------------------------------------- 16.4
self_check("16.4", "Autograd in your own words", "stretch")
