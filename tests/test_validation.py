"""Every public function of helpers refuses bad input with an error that names the argument.

One table, one row per bad argument: the function, the one argument made bad (all the
others are a good call, built fresh for every row), the error type, the name the message
must give and a key phrase of what was expected. The rows match the name and the phrase,
not the whole message, so rewording a message does not break them.

Each argument of each function gets a row, and a second one only for a different check
(e.g. ``y`` of the wrong length as well as ``y`` holding a 2). Variants of one shared
check (NaN or inf, 0 or -1, text or None) and its hints are tested once, in
test_checks.py; checks only one function makes (``lrs`` in increasing order, a mask of
the right length, a cache from the same X) are tested here only.

``test_every_public_function_has_a_row`` keeps the table complete: a new public function
of any helpers module fails it until the function gets a row.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import NamedTuple

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

import helpers
from helpers import (
    data,
    explorer,
    explorer_panels,
    features,
    graph,
    hidden_space,
    learning_rate,
    lines,
    mlp,
    model,
    network_plots,
    plotting,
    probability_map,
    softmax,
    training,
    widgets,
)
from helpers.data import make_blobs

# ----------------------------------------------------------------------------- good calls
# Each entry: the callable and a function returning the keyword arguments of a call that
# works. The arguments are built anew for every row, so no row sees another's arrays.


def _blobs(n_samples=20):
    return make_blobs(n_samples, seed=0)


def _data(n_samples=20):
    X, y = _blobs(n_samples)
    return {"X": X, "y": y}


def _xy_w(n_samples=20):
    return {**_data(n_samples), "W": np.zeros((1, 2))}


def _net():
    X, y = _blobs()
    params = mlp.init_params(2, 3, seed=0)
    return {"X": X, "y": y, "params": params, "cache": mlp.forward(X, params)[1]}


def _k_class(n_samples=6, n_classes=3):
    """X (n, 2), integer labels with every class, one-hot Y, W (K, 2), b (1, K)."""
    X = np.arange(2.0 * n_samples).reshape(n_samples, 2) / n_samples
    labels = np.arange(n_samples).reshape(-1, 1) % n_classes
    W, b = np.ones((n_classes, 2)), np.zeros((1, n_classes))
    return X, labels, softmax.one_hot(labels, n_classes), W, b


def _softmax_model():
    X, _, _, W, b = _k_class()
    return {"X": X, "W": W, "b": b}


def _sweep():
    return {
        "lr": np.array([0.1, 1.0, 10.0]),
        "tail_loss": np.array([0.6, 0.3, 2.0]),
        "regime": np.array(["too slow", "good", "oscillating"]),
    }


def _ax():
    return Figure().subplots()


def _update(**kwargs):
    return explorer.ExplorerView(*_blobs(100)).update(**kwargs)


def _show_run(**kwargs):
    return network_plots.NetworkRunView(dpi=40).show(**kwargs)


def _panels_kwargs():
    X, y = _blobs(100)
    return {
        "fig": Figure(),
        "X": X,
        "y": y,
        "W_star": np.array([[1.0, 1.0]]),
        "loss_star": 0.25,
        "bound": 2.9,
        "w1_lim": (-3.0, 3.0),
        "w2_lim": (-3.0, 5.0),
    }


def _show(state):
    return explorer_panels.ExplorerPanels(**_panels_kwargs()).show(state)


def _good_state():
    return explorer.ExplorerView(*_blobs(100)).update(lr=1.0, n_iters=5)


# fmt: off
CALLS = {
    "data.make_blobs": (data.make_blobs, lambda: {"n_samples": 10, "seed": 0}),
    "data.add_bias_feature": (data.add_bias_feature, lambda: {"X": np.ones((3, 2))}),
    "data.make_moons": (data.make_moons, lambda: {"n_samples": 10, "noise": 0.1, "seed": 0}),
    "data.make_circles": (
        data.make_circles,
        lambda: {"n_samples": 10, "noise": 0.1, "factor": 0.5, "seed": 0},
    ),
    "data.make_xor": (data.make_xor, lambda: {"n_samples": 10, "noise": 0.1, "seed": 0}),
    "data.load_digits": (data.load_digits, lambda: {}),
    "data.train_val_test_split": (
        data.train_val_test_split,
        lambda: {"X": np.ones((20, 3)), "labels": np.arange(20).reshape(-1, 1) % 2, "seed": 0},
    ),
    # standardise takes the other sets as *X_others; the table passes them as a tuple
    "features.standardise": (
        lambda X_train, X_others: features.standardise(X_train, *X_others),
        lambda: {"X_train": np.arange(6.0).reshape(3, 2), "X_others": (np.ones((2, 2)),)},
    ),
    "model.sigmoid": (model.sigmoid, lambda: {"z": np.zeros(3)}),
    "model.forward": (model.forward, lambda: {"X": np.ones((4, 3)), "W": np.ones((1, 3))}),
    "model.bce_loss": (
        model.bce_loss,
        lambda: {"y": np.zeros((4, 1)), "y_hat": np.full((4, 1), 0.5)},
    ),
    "model.loss_from_logits": (
        model.loss_from_logits,
        lambda: {"y": np.zeros((4, 1)), "z": np.zeros((4, 1))},
    ),
    "model.gradient": (
        model.gradient,
        lambda: {"X": np.ones((4, 2)), "y": np.zeros((4, 1)), "y_hat": np.full((4, 1), 0.5)},
    ),
    "model.numerical_gradient": (
        model.numerical_gradient,
        lambda: {"f": np.sum, "W": np.zeros((1, 2)), "eps": 1e-6},
    ),
    "model.predict": (
        model.predict,
        lambda: {"X": np.ones((3, 2)), "W": np.ones((1, 2)), "threshold": 0.5},
    ),
    "model.accuracy": (model.accuracy, lambda: {"y": np.ones((3, 1)), "y_pred": np.ones((3, 1))}),
    "model.loss_grid": (
        model.loss_grid,
        lambda: {"X": np.ones((5, 2)), "y": np.zeros((5, 1)), "w1": np.zeros(2), "w2": np.zeros(3)},
    ),
    "training.gradient_descent": (
        training.gradient_descent,
        lambda: {**_xy_w(), "lr": 0.1, "n_iters": 2},
    ),
    "training.step_lengths": (training.step_lengths, lambda: {"W_history": np.zeros((3, 1, 2))}),
    "training.train": (
        training.train,
        lambda: {**_data(), "n_hidden": 2, "lr": 0.1, "n_epochs": 2, "batch_size": 5,
                 "activation": "relu", "seed": 0, "snapshots": [0, 2], "n_classes": 2,
                 "weight_decay": 0.01, "X_val": _data(8)["X"], "y_val": _data(8)["y"],
                 "patience": 3},
    ),
    "mlp.init_params": (
        mlp.init_params,
        lambda: {"n_features": 2, "n_hidden": 3, "n_outputs": 1, "activation": "tanh", "seed": 0},
    ),
    "softmax.one_hot": (softmax.one_hot, lambda: {"labels": _k_class()[1], "n_classes": 3}),
    "softmax.softmax": (softmax.softmax, lambda: {"Z": np.zeros((4, 3))}),
    "softmax.log_softmax": (softmax.log_softmax, lambda: {"Z": np.zeros((4, 3))}),
    "softmax.cross_entropy": (
        softmax.cross_entropy,
        lambda: {"Y": _k_class()[2], "Z": np.zeros((6, 3))},
    ),
    "softmax.forward": (softmax.forward, _softmax_model),
    "softmax.gradient": (
        softmax.gradient,
        lambda: {"X": _k_class()[0], "Y": _k_class()[2], "Y_hat": np.full((6, 3), 1 / 3)},
    ),
    "softmax.predict": (softmax.predict, _softmax_model),
    "softmax.accuracy": (
        softmax.accuracy,
        lambda: {"labels": _k_class()[1], "labels_pred": _k_class()[1]},
    ),
    "softmax.confusion_matrix": (
        softmax.confusion_matrix,
        lambda: {"labels": _k_class()[1], "labels_pred": _k_class()[1], "n_classes": 3},
    ),
    "mlp.forward": (mlp.forward, lambda: {k: v for k, v in _net().items() if k in ("X", "params")}),
    "mlp.backward": (mlp.backward, _net),
    "mlp.predict": (
        mlp.predict,
        lambda: {"X": _net()["X"], "params": _net()["params"], "threshold": 0.5},
    ),
    "learning_rate.curvature_bound": (learning_rate.curvature_bound, lambda: {"X": _blobs()[0]}),
    "learning_rate.curvature_at": (
        learning_rate.curvature_at,
        lambda: {"X": _blobs()[0], "W": np.zeros((1, 2))},
    ),
    "learning_rate.loss_minimum": (
        learning_rate.loss_minimum,
        lambda: _data(100),
    ),
    "learning_rate.classify_run": (
        learning_rate.classify_run,
        lambda: {"losses": [1.0, 0.5, 0.3], "loss_star": 0.2},
    ),
    "learning_rate.sweep_learning_rates": (
        learning_rate.sweep_learning_rates,
        lambda: {**_data(100), "lrs": [0.1, 1.0],
                 "W0": (-2.0, 4.0), "n_iters": 3},
    ),
    "learning_rate.measured_threshold": (
        learning_rate.measured_threshold,
        lambda: {"sweep": _sweep()},
    ),
    "lines.line_accuracies": (
        lines.line_accuracies,
        lambda: {**_data(), "angles": np.array([0.0, 1.0])},
    ),
    "lines.critical_angles": (
        lines.critical_angles,
        lambda: {"X": _blobs()[0], "through_origin": True},
    ),
    "lines.best_line": (
        lines.best_line,
        lambda: {**_data(), "through_origin": False, "angles": np.array([0.0, 1.0])},
    ),
    "plotting.plot_data": (
        plotting.plot_data,
        lambda: {**_data(), "ax": _ax(),
                 "misclassified": np.zeros(20, dtype=bool)},
    ),
    "plotting.plot_decision_boundary": (
        plotting.plot_decision_boundary,
        lambda: {"proba": lambda P: model.forward(P, [[1.0, 1.0]]),
                 **_data(), "ax": _ax(),
                 "resolution": 10, "padding": 0.5},
    ),
    "probability_map.plot_probability": (
        probability_map.plot_probability,
        lambda: {"proba": lambda P: model.forward(P, [[1.0, 1.0]]),
                 **_data(), "ax": _ax(),
                 "resolution": 10, "padding": 0.5, "colorbar": False},
    ),
    "plotting.plot_loss_curve": (
        plotting.plot_loss_curve,
        lambda: {"losses": [1.0, 0.5], "ax": _ax()},
    ),
    "plotting.plot_loss_surface": (
        plotting.plot_loss_surface,
        lambda: {**_data(), "ax": _ax(),
                 "w1": [0.0, 1.0], "w2": [0.0, 1.0], "path": np.zeros((3, 2)), "levels": 3},
    ),
    "plotting.plot_lr_sweep": (
        plotting.plot_lr_sweep,
        lambda: {"sweep": _sweep(), "ax": _ax(), "bound": 2.0, "threshold": 10.0},
    ),
    "graph.draw_graph": (
        graph.draw_graph,
        lambda: {"nodes": {"a": (0.0, 0.0, "$a$"), "b": (2.0, 0.0, "$b$", "b = 2a")},
                 "edges": [("a", "b", "$2$")], "ax": _ax(), "boxes": {"a"},
                 "backward": [("b", "a", "$1$")], "fontsize": 10},
    ),
    "graph.plot_neuron_graph": (
        graph.plot_neuron_graph,
        lambda: {"ax": _ax(), "backward": True, "fontsize": 10},
    ),
    "graph.plot_network_graph": (
        graph.plot_network_graph,
        lambda: {"ax": _ax(), "backward": True, "fontsize": 10},
    ),
    "explorer_panels.nice_ceiling": (explorer_panels.nice_ceiling, lambda: {"value": 37.0}),
    "plotting.half_plane": (
        plotting.half_plane,
        lambda: {"W": np.ones((1, 2)), "xlim": (-1.0, 1.0), "ylim": (-1.0, 1.0)},
    ),
    "explorer_panels.ExplorerPanels": (explorer_panels.ExplorerPanels, _panels_kwargs),
    "explorer_panels.ExplorerPanels.show": (_show, lambda: {"state": _good_state()}),
    "explorer.ExplorerView": (
        explorer.ExplorerView,
        lambda: {**_data(100), "fig": Figure(),
                 "W0": (-2.0, 4.0), "w_window": 5.0, "dpi": 40},
    ),
    "explorer.ExplorerView.update": (_update, lambda: {"lr": 1.0, "n_iters": 5, "W0": (1.0, 1.0)}),
    "explorer.plot_explorer": (
        explorer.plot_explorer,
        lambda: {**_data(100), "lr": 1.0, "n_iters": 5,
                 "W0": (-2.0, 4.0), "fig": Figure(), "dpi": 40},
    ),
    "widgets.encode_png": (widgets.encode_png, lambda: {"rgba": np.zeros((2, 3, 4), np.uint8)}),
    "widgets.figure_view": (
        widgets.figure_view,
        lambda: {"draw": lambda lr, ax: ax.plot([0.0, lr]),
                 "controls": {"lr": ipywidgets.FloatSlider(value=1.0)},
                 "figsize": (2.0, 1.5), "dpi": 40},
    ),
    "widgets.learning_rate_explorer": (
        widgets.learning_rate_explorer,
        lambda: {**_data(100), "lr": 1.0, "n_iters": 5,
                 "W0": (-2.0, 4.0), "lr_range": (0.01, 100.0), "max_iters": 50, "dpi": 40},
    ),
    "network_plots.plot_unit_votes": (
        network_plots.plot_unit_votes,
        lambda: {**_data(), "params": mlp.init_params(2, 3, seed=0), "fig": Figure(),
                 "resolution": 5, "padding": 0.5},
    ),
    "network_plots.plot_network_run": (
        network_plots.plot_network_run,
        lambda: {**_data(), "n_hidden": 2, "lr": 0.5, "n_epochs": 2, "activation": "relu",
                 "seed": 0, "fig": Figure(), "label": "blobs"},
    ),
    "network_plots.NetworkRunView": (
        network_plots.NetworkRunView, lambda: {"fig": None, "dpi": 40},
    ),
    "network_plots.NetworkRunView.show": (
        _show_run,
        lambda: {**_data(), "n_hidden": 2, "lr": 0.5, "n_epochs": 2, "activation": "relu",
                 "seed": 0, "label": "blobs"},
    ),
    "hidden_space.hidden_view": (
        hidden_space.hidden_view,
        lambda: {"params": mlp.init_params(2, 3, seed=0), "A1": np.ones((4, 3))},
    ),
    "hidden_space.plot_hidden_space": (
        hidden_space.plot_hidden_space,
        lambda: {**_data(), "params": mlp.init_params(2, 3, seed=0), "ax": _ax(), "resolution": 5},
    ),
    "widgets.network_explorer": (
        widgets.network_explorer,
        lambda: {"datasets": {"a": _blobs()}, "n_hidden": 2, "lr": 0.5, "n_epochs": 2, "seed": 0,
                 "max_hidden": 16},
    ),
}
# fmt: on

#: Public callables that take no input to check.
EXEMPT = {
    "explorer_panels.ExplorerState": "a frozen record of one run, filled by ExplorerView.update",
    # The exercises' checks talk to a learner: they print what is wrong, never raise
    # (tests/test_exercises.py tests that).
    "exercises.check": "prints 'not an exercise' for an unknown id, never raises",
    "exercises.progress": "prints 'has no exercises' for an unknown notebook, never raises",
    "exercises.Exercise": "a frozen record of one exercise, made by the registry",
    "exercises.Wrong": "the exception a check raises; check() catches it",
}


# ----------------------------------------------------------------------------- the table
class Row(NamedTuple):
    target: str  # a key of CALLS
    bad: dict  # keyword -> bad value, or a function of the good keywords giving it
    error: type[Exception]
    name: str  # the argument the message must name
    phrase: str  # what it must say was expected


class From(NamedTuple):
    """A bad value made from the good call's arguments, e.g. ``y`` cut to the wrong length."""

    make: object


def _row(target, error, name, phrase, marks=(), **bad):
    for value in bad.values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False  # shared by every run of the row: read-only
    return pytest.param(Row(target, bad, error, name, phrase), marks=marks)


NAN = np.nan
# One row per bad argument, kept as a table: the formatter would spread each over 6 lines.
# fmt: off
# Shapes of the good calls: model.* use X (4, 3) / (4, 2); training and plotting 20 blobs.
ROWS = [
    # ---------------------------------------------------------------- data
    _row("data.make_blobs", ValueError, "n_samples", "integer >= 2", n_samples=1),
    _row("data.make_blobs", ValueError, "seed", "integer >= 0", seed=-1),
    _row("data.add_bias_feature", ValueError, "X", "(n_samples, n_features)", X=np.ones(3)),
    _row("data.make_moons", TypeError, "n_samples", "integer >= 2", n_samples=True),
    _row("data.make_moons", ValueError, "noise", ">= 0", noise=-0.1),
    _row("data.make_moons", TypeError, "seed", "integer", seed=None),
    _row("data.make_circles", ValueError, "n_samples", "integer >= 2", n_samples=0),
    _row("data.make_circles", ValueError, "noise", "finite number >= 0", noise=NAN),
    _row("data.make_circles", ValueError, "factor", "(0, 1)", factor=1.0),
    _row("data.make_circles", ValueError, "seed", "integer >= 0", seed=-1),
    _row("data.make_xor", ValueError, "n_samples", "integer >= 4", n_samples=3),
    _row("data.make_xor", ValueError, "noise", ">= 0", noise=-1.0),
    _row("data.make_xor", TypeError, "seed", "integer", seed="0"),
    _row("data.load_digits", FileNotFoundError, "path", "digits file", path="no/such/file.csv.gz"),
    _row("data.load_digits", ValueError, "path", "SHA-256", path=__file__),
    _row("data.train_val_test_split", ValueError, "X", "(n_samples, n_features)", X=np.ones(20)),
    _row("data.train_val_test_split", ValueError, "labels", "(20, 1)", labels=np.zeros(20)),
    _row("data.train_val_test_split", ValueError, "labels", "whole numbers",
         labels=np.full((20, 1), 0.5)),
    _row("data.train_val_test_split", ValueError, "val_size", "(0, 1)", val_size=1.0),
    _row("data.train_val_test_split", ValueError, "test_size", "finite number > 0", test_size=0.0),
    _row("data.train_val_test_split", ValueError, "val_size + test_size", "below 1",
         val_size=0.5, test_size=0.5),
    _row("data.train_val_test_split", ValueError, "seed", "integer >= 0", seed=-1),
    # ---------------------------------------------------------------- features
    _row("features.standardise", ValueError, "X_train", "(n_samples, n_features)",
         X_train=np.ones(3)),
    _row("features.standardise", ValueError, "X_others[0]", "2 features like X_train",
         X_others=(np.ones((2, 3)),)),
    _row("features.standardise", ValueError, "X_others[0]", "finite",
         X_others=(np.full((2, 2), NAN),)),
    # ---------------------------------------------------------------- model
    _row("model.sigmoid", TypeError, "z", "numeric array", z="1.5"),
    _row("model.forward", ValueError, "X", "(n_samples, n_features)", X=np.ones(3)),
    _row("model.forward", ValueError, "W", "transposed", W=np.ones((3, 1))),
    _row("model.bce_loss", ValueError, "y", "(n_samples, 1)", y=np.zeros(4)),  # no broadcasting
    _row("model.bce_loss", ValueError, "y", "labels 0 and 1", y=np.full((4, 1), 2.0)),
    _row("model.bce_loss", ValueError, "y_hat", "to match", y_hat=np.full((5, 1), 0.5)),
    _row("model.bce_loss", ValueError, "y_hat", "probabilities in [0, 1]",
         y_hat=np.full((4, 1), 1.1)),
    _row("model.loss_from_logits", ValueError, "y", "labels 0 and 1", y=np.full((4, 1), 0.5)),
    _row("model.loss_from_logits", ValueError, "z", "(4, 1)", z=np.zeros(4)),
    _row("model.gradient", ValueError, "X", "(n_samples, n_features)", X=np.ones(4)),
    _row("model.gradient", ValueError, "y", "to match", y=np.zeros((3, 1))),
    _row("model.gradient", ValueError, "y", "labels 0 and 1", y=np.full((4, 1), 2.0)),
    _row("model.gradient", ValueError, "y_hat", "probabilities", y_hat=np.full((4, 1), 1.5)),
    _row("model.gradient", ValueError, "y_hat", "to match", y_hat=np.full((5, 1), 0.5)),
    _row("model.numerical_gradient", TypeError, "f", "callable", f=3.0),
    _row("model.numerical_gradient", TypeError, "f", "single number", f=lambda V: V.ravel()),
    _row("model.numerical_gradient", ValueError, "f", "NaN or inf", f=lambda V: float("nan")),
    _row("model.numerical_gradient", ValueError, "W", "finite", W=np.array([[NAN]])),
    _row("model.numerical_gradient", ValueError, "eps", "(0, 1)", eps=1.0),
    _row("model.predict", ValueError, "X", "(n_samples, n_features)", X=np.ones(3)),
    _row("model.predict", ValueError, "W", "transposed", W=np.ones((2, 1))),
    _row("model.predict", ValueError, "threshold", "(0, 1)", threshold=1.5),
    _row("model.accuracy", ValueError, "y", "labels 0 and 1", y=np.full((3, 1), 3.0)),
    _row("model.accuracy", ValueError, "y_pred", "labels 0 and 1", y_pred=np.full((3, 1), 0.9)),
    _row("model.accuracy", ValueError, "y_pred", "to match", y_pred=np.ones((2, 1))),
    _row("model.loss_grid", ValueError, "X", "2 features", X=np.ones((5, 3))),
    _row("model.loss_grid", ValueError, "y", "(5, 1)", y=np.zeros(5)),
    _row("model.loss_grid", ValueError, "w1", "1-D", w1=np.zeros((2, 2))),
    _row("model.loss_grid", ValueError, "w2", "finite", w2=np.array([0.0, NAN])),
    # ---------------------------------------------------------------- training
    _row("training.gradient_descent", ValueError, "X", "finite", X=np.full((20, 2), NAN)),
    _row("training.gradient_descent", ValueError, "y", "to match", y=np.zeros((19, 1))),
    _row("training.gradient_descent", ValueError, "y", "labels 0 and 1", y=np.full((20, 1), 2.0)),
    _row("training.gradient_descent", ValueError, "W", "transposed", W=np.zeros((2, 1))),
    _row("training.gradient_descent", ValueError, "lr", "finite number > 0", lr=0.0),
    _row("training.gradient_descent", ValueError, "n_iters", "integer >= 0", n_iters=-1),
    _row("training.gradient_descent", ValueError, "n_iters", "GB for the history", n_iters=10**12),
    _row("training.step_lengths", ValueError, "W_history", "3-D", W_history=np.zeros((4, 2))),
    _row("training.step_lengths", ValueError, "W_history", "(n_iters + 1, 1, n_features)",
         W_history=np.zeros((4, 2, 2))),
    _row("training.step_lengths", ValueError, "W_history", "finite",
         W_history=np.full((2, 1, 2), NAN)),
    _row("training.train", ValueError, "X", "(n_samples, n_features)", X=np.ones(20)),
    _row("training.train", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("training.train", ValueError, "n_hidden", "integer >= 1", n_hidden=0),
    _row("training.train", ValueError, "lr", "> 0", lr=-1.0),
    _row("training.train", ValueError, "n_epochs", "integer >= 0", n_epochs=-1),
    _row("training.train", ValueError, "n_epochs", "GB for the history", n_epochs=10**12),
    _row("training.train", ValueError, "batch_size", "at most n_samples=20", batch_size=21),
    _row("training.train", ValueError, "batch_size", "integer >= 1", batch_size=0),
    _row("training.train", ValueError, "activation", "one of", activation="elu"),
    _row("training.train", ValueError, "seed", "integer >= 0", seed=-1),
    _row("training.train", ValueError, "snapshots", "from 0 to n_epochs=2", snapshots=[3]),
    _row("training.train", TypeError, "snapshots", "iterable", snapshots=5),
    _row("training.train", ValueError, "n_classes", "integer >= 2", n_classes=1),
    _row("training.train", ValueError, "y", "class indices from 0 to 2", n_classes=3,
         y=From(lambda g: 3 * g["y"])),
    _row("training.train", ValueError, "weight_decay", ">= 0", weight_decay=-0.1),
    _row("training.train", ValueError, "X_val", "2 features like X", X_val=np.ones((8, 3))),
    _row("training.train", ValueError, "X_val", "is missing", X_val=None),
    _row("training.train", ValueError, "y_val", "(8, 1)", y_val=np.zeros(8)),
    _row("training.train", ValueError, "y_val", "labels 0 and 1", y_val=np.full((8, 1), 2.0)),
    _row("training.train", ValueError, "patience", "integer >= 1", patience=0),
    _row("training.train", ValueError, "patience", "needs a validation set", X_val=None,
         y_val=None),
    # ---------------------------------------------------------------- mlp
    _row("mlp.init_params", TypeError, "n_features", "integer", n_features=2.0),
    _row("mlp.init_params", ValueError, "n_hidden", "integer >= 1", n_hidden=0),
    _row("mlp.init_params", ValueError, "n_outputs", "integer >= 1", n_outputs=0),
    _row("mlp.init_params", ValueError, "activation", "('tanh', 'relu', 'sigmoid')",
         activation="softmax"),
    _row("mlp.init_params", TypeError, "activation", "one of", activation=None),
    _row("mlp.init_params", ValueError, "seed", "integer >= 0", seed=-1),
    _row("mlp.forward", ValueError, "X", "(n_samples, n_features)", X=np.ones(20)),
    _row("mlp.forward", ValueError, "params['W1']", "(n_hidden, 3)", X=np.ones((4, 3))),
    _row("mlp.forward", TypeError, "params", "dict",
         params=From(lambda g: list(g["params"].values()))),
    _row("mlp.forward", ValueError, "params", "missing ['b2']",
         params=From(lambda g: {k: v for k, v in g["params"].items() if k != "b2"})),
    _row("mlp.forward", ValueError, "params['b1']", "reshape",
         params=From(lambda g: dict(g["params"], b1=g["params"]["b1"].T))),
    _row("mlp.forward", ValueError, "params['activation']", "one of",
         params=From(lambda g: dict(g["params"], activation="elu"))),
    _row("mlp.forward", ValueError, "activation", "does not match", activation="relu"),
    _row("mlp.forward", ValueError, "activation", "one of", activation="Tanh"),
    _row("mlp.forward", ValueError, "params", "no 'activation'",
         params=From(lambda g: {k: v for k, v in g["params"].items() if k != "activation"})),
    _row("mlp.backward", ValueError, "X", "(n_samples, n_features)", X=np.ones(20)),
    _row("mlp.backward", ValueError, "y", "labels 0 and 1", y=From(lambda g: 2 * g["y"])),
    _row("mlp.backward", ValueError, "params['W1']", "(n_hidden, 2)",
         params=From(lambda g: dict(g["params"], W1=np.ones((3, 3))))),
    _row("mlp.backward", ValueError, "y", "class indices from 0 to 3; got 4",
         params=From(lambda g: mlp.init_params(2, 3, n_outputs=4)),
         cache=From(lambda g: mlp.forward(g["X"], mlp.init_params(2, 3, n_outputs=4))[1]),
         y=From(lambda g: 4 * g["y"])),
    _row("mlp.backward", ValueError, "cache['z2']", "(20, 4)",
         params=From(lambda g: mlp.init_params(2, 3, n_outputs=4)),
         y=From(lambda g: g["y"].astype(int))),
    _row("mlp.backward", TypeError, "cache", "returned by forward", cache="cache"),
    _row("mlp.backward", TypeError, "cache", "without the keys",
         cache=From(lambda g: {"Z1": g["cache"]["Z1"]})),
    _row("mlp.backward", ValueError, "cache['Z1']", "another X",
         cache=From(lambda g: mlp.forward(g["X"][:5], g["params"])[1])),
    _row("mlp.backward", ValueError, "activation", "does not match",
         cache=From(lambda g: dict(g["cache"], activation="relu"))),
    _row("mlp.backward", ValueError, "cache['activation']", "one of",
         cache=From(lambda g: dict(g["cache"], activation="elu"))),
    _row("mlp.predict", ValueError, "X", "finite", X=np.full((20, 2), NAN)),
    _row("mlp.predict", TypeError, "params", "dict", params=None),
    _row("mlp.predict", ValueError, "threshold", "(0, 1)", threshold=1.5),
    # ---------------------------------------------------------------- softmax
    _row("softmax.one_hot", ValueError, "labels", "looks one-hot",
         labels=From(lambda g: softmax.one_hot(g["labels"], 3))),
    _row("softmax.one_hot", ValueError, "labels", "class indices from 0 to 2", labels=[[0], [3]]),
    _row("softmax.one_hot", ValueError, "labels", "whole numbers", labels=[[0.5], [1.0]]),
    _row("softmax.one_hot", ValueError, "n_classes", "integer >= 2", n_classes=1),
    _row("softmax.softmax", ValueError, "Z", "n_classes >= 2", Z=np.zeros((4, 1))),
    _row("softmax.softmax", ValueError, "Z", "finite", Z=np.full((4, 3), NAN)),
    _row("softmax.log_softmax", ValueError, "Z", "(n_samples, n_features)", Z=np.zeros(3)),
    _row("softmax.cross_entropy", ValueError, "Y", "one_hot(labels, n_classes)",
         Y=From(lambda g: _k_class()[1])),
    _row("softmax.cross_entropy", ValueError, "Y", "each row one 1", Y=np.full((6, 3), 1 / 3)),
    _row("softmax.cross_entropy", ValueError, "Y", "(6, 3) to match",
         Y=From(lambda g: g["Y"][:, :2])),
    _row("softmax.cross_entropy", ValueError, "Z", "n_classes >= 2", Z=np.zeros((6, 1))),
    _row("softmax.forward", ValueError, "X", "(n_samples, n_features)", X=np.ones(6)),
    _row("softmax.forward", ValueError, "W", "transposed", W=np.ones((2, 3))),
    _row("softmax.forward", ValueError, "b", "(1, 3)", b=np.zeros(3)),
    _row("softmax.gradient", ValueError, "X", "finite", X=np.full((6, 2), NAN)),
    _row("softmax.gradient", ValueError, "Y", "(6, n_classes) to match",
         Y=From(lambda g: g["Y"][:5])),
    _row("softmax.gradient", ValueError, "Y", "one_hot(labels, n_classes)",
         Y=From(lambda g: _k_class()[1])),
    _row("softmax.gradient", ValueError, "Y_hat", "logits Z instead", Y_hat=np.ones((6, 3))),
    _row("softmax.gradient", ValueError, "Y_hat", "(6, 3) to match",
         Y_hat=np.full((6, 2), 0.5)),
    _row("softmax.predict", ValueError, "X", "finite", X=np.full((6, 2), NAN)),
    _row("softmax.predict", ValueError, "W", "(n_classes, 2)", W=np.ones((3, 3))),
    _row("softmax.predict", TypeError, "b", "numeric array", b="b"),
    _row("softmax.accuracy", ValueError, "labels", "reshape", labels=np.zeros(6)),
    _row("softmax.accuracy", ValueError, "labels_pred", "whole numbers",
         labels_pred=np.full((6, 1), 0.5)),
    _row("softmax.accuracy", ValueError, "labels_pred", "(6, 1) to match",
         labels_pred=np.zeros((5, 1))),
    _row("softmax.confusion_matrix", ValueError, "labels", "from 0 to 1", n_classes=2),
    _row("softmax.confusion_matrix", ValueError, "labels_pred", "from 0 to 2",
         labels_pred=From(lambda g: g["labels_pred"] + 1)),
    _row("softmax.confusion_matrix", TypeError, "n_classes", "integer", n_classes=3.0),
    # ---------------------------------------------------------------- learning_rate
    _row("learning_rate.curvature_bound", ValueError, "X", "(n_samples, n_features)", X=np.ones(3)),
    _row("learning_rate.curvature_bound", ValueError, "X", "too large",
         X=From(lambda g: g["X"] * 1e200)),
    _row("learning_rate.curvature_at", ValueError, "X", "too large",
         X=From(lambda g: g["X"] * 1e200)),
    _row("learning_rate.curvature_at", ValueError, "W", "transposed", W=np.ones((2, 1))),
    _row("learning_rate.loss_minimum", TypeError, "X", "numeric array", X="X"),
    _row("learning_rate.loss_minimum", ValueError, "y", "(100, 1)", y=From(lambda g: g["y"][:, 0])),
    _row("learning_rate.classify_run", TypeError, "losses", "numeric array", losses="1.0 0.5"),
    _row("learning_rate.classify_run", ValueError, "losses", "n_iters >= 1", losses=[1.0]),
    _row("learning_rate.classify_run", TypeError, "loss_star", "number", loss_star="0.2"),
    _row("learning_rate.classify_run", ValueError, "loss_star", "finite", loss_star=NAN),
    _row("learning_rate.sweep_learning_rates", ValueError, "X", "finite",
         X=np.full((100, 2), NAN)),
    _row("learning_rate.sweep_learning_rates", ValueError, "y", "labels 0 and 1",
         y=From(lambda g: 2 * g["y"])),
    _row("learning_rate.sweep_learning_rates", TypeError, "lrs", "numeric array", lrs=["1", "2"]),
    _row("learning_rate.sweep_learning_rates", ValueError, "lrs", "increasing", lrs=[1.0, 0.5]),
    _row("learning_rate.sweep_learning_rates", ValueError, "lrs", "> 0", lrs=[0.0, 1.0]),
    _row("learning_rate.sweep_learning_rates", ValueError, "W0", "(1, 2)", W0=(1.0, 2.0, 3.0)),
    _row("learning_rate.sweep_learning_rates", ValueError, "n_iters", "integer >= 1", n_iters=0),
    _row("learning_rate.measured_threshold", ValueError, "sweep", "no 'lr' and no 'regime'",
         sweep={}),
    _row("learning_rate.measured_threshold", ValueError, "sweep", "returned by", sweep=None),
    _row("learning_rate.measured_threshold", ValueError, "sweep['regime']", "one entry per",
         sweep=From(lambda g: dict(g["sweep"], regime=["good"]))),
    _row("learning_rate.measured_threshold", TypeError, "sweep['lr']", "numeric array",
         sweep=From(lambda g: dict(g["sweep"], lr=["a", "b", "c"]))),
    # ---------------------------------------------------------------- network_plots, hidden_space
    _row("network_plots.plot_unit_votes", TypeError, "params", "dict", params=[1.0]),
    _row("network_plots.plot_unit_votes", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("network_plots.plot_unit_votes", ValueError, "y", "labels 0 and 1",
         y=From(lambda g: 2 * g["y"])),
    _row("network_plots.plot_unit_votes", TypeError, "fig", "Figure or None", fig="fig"),
    _row("network_plots.plot_unit_votes", ValueError, "resolution", "integer >= 2", resolution=0),
    _row("network_plots.plot_unit_votes", ValueError, "padding", ">= 0", padding=-1.0),
    _row("network_plots.plot_network_run", ValueError, "X", "finite", X=np.full((20, 2), NAN)),
    _row("network_plots.plot_network_run", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("network_plots.plot_network_run", ValueError, "n_hidden", "integer >= 1", n_hidden=0),
    _row("network_plots.plot_network_run", ValueError, "lr", "> 0", lr=0.0),
    _row("network_plots.plot_network_run", ValueError, "n_epochs", "integer >= 0", n_epochs=-1),
    _row("network_plots.plot_network_run", ValueError, "activation", "tanh", activation="elu"),
    _row("network_plots.plot_network_run", ValueError, "seed", "integer >= 0", seed=-1),
    _row("network_plots.plot_network_run", TypeError, "fig", "Figure or None", fig="fig"),
    _row("network_plots.plot_network_run", TypeError, "label", "str", label=3),
    _row("network_plots.NetworkRunView", TypeError, "fig", "Figure or None", fig="fig"),
    _row("network_plots.NetworkRunView", ValueError, "dpi", "> 0", dpi=0),
    _row("network_plots.NetworkRunView.show", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("network_plots.NetworkRunView.show", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("network_plots.NetworkRunView.show", ValueError, "n_hidden", "integer >= 1", n_hidden=0),
    _row("network_plots.NetworkRunView.show", ValueError, "lr", "> 0", lr=0.0),
    _row("network_plots.NetworkRunView.show", ValueError, "n_epochs", "integer >= 0",
         n_epochs=-1),
    _row("network_plots.NetworkRunView.show", ValueError, "activation", "tanh", activation="elu"),
    _row("network_plots.NetworkRunView.show", ValueError, "seed", "integer >= 0", seed=-1),
    _row("network_plots.NetworkRunView.show", TypeError, "label", "str", label=3),
    _row("hidden_space.hidden_view", TypeError, "params", "dict", params=None),
    _row("hidden_space.hidden_view", ValueError, "params['W2']", "(1, n_hidden)",
         params={"W2": np.ones((3, 1))}),
    _row("hidden_space.hidden_view", ValueError, "params", "at least 2 hidden units",
         params={"W2": np.ones((1, 1))}, A1=np.ones((4, 1))),
    _row("hidden_space.hidden_view", ValueError, "params['W2']", "zero",
         params={"W2": np.zeros((1, 3))}),
    _row("hidden_space.hidden_view", ValueError, "A1", "(n_samples, 3)", A1=np.ones((4, 2))),
    _row("hidden_space.hidden_view", ValueError, "A1", "finite", A1=np.full((4, 3), NAN)),
    _row("hidden_space.plot_hidden_space", ValueError, "params['W1']", "(n_hidden, 2)",
         params=From(lambda g: dict(g["params"], W1=np.ones((3, 3))))),
    _row("hidden_space.plot_hidden_space", ValueError, "X", "finite", X=np.full((20, 2), NAN)),
    _row("hidden_space.plot_hidden_space", ValueError, "y", "labels 0 and 1",
         y=From(lambda g: 2 * g["y"])),
    _row("hidden_space.plot_hidden_space", TypeError, "ax", "Axes or None", ax=Figure()),
    _row("hidden_space.plot_hidden_space", ValueError, "resolution", "integer >= 2", resolution=1),
    _row("widgets.network_explorer", TypeError, "datasets", "non-empty dict", datasets={}),
    _row("widgets.network_explorer", TypeError, "datasets", "pair (X, y)",
         datasets={"a": [1.0, 2.0, 3.0]}),
    _row("widgets.network_explorer", ValueError, "datasets['a'][0]", "2 features",
         datasets={"a": (np.ones((20, 3)), np.zeros((20, 1)))}),
    _row("widgets.network_explorer", ValueError, "datasets['a'][1]", "labels 0 and 1",
         datasets={"a": (np.ones((20, 2)), np.full((20, 1), 2.0))}),
    _row("widgets.network_explorer", ValueError, "n_hidden", "max_hidden=16", n_hidden=17),
    _row("widgets.network_explorer", ValueError, "max_hidden", "integer >= 1", max_hidden=0),
    _row("widgets.network_explorer", ValueError, "lr", "slider's values", lr=0.3),
    _row("widgets.network_explorer", ValueError, "lr", "> 0", lr=-0.5),
    _row("widgets.network_explorer", ValueError, "n_epochs", "integer >= 1", n_epochs=0),
    _row("widgets.network_explorer", ValueError, "seed", "integer >= 0", seed=-1),
    # ---------------------------------------------------------------- plotting
    _row("graph.draw_graph", TypeError, "nodes", "non-empty dict", nodes=[]),
    _row("graph.draw_graph", ValueError, "nodes", "finite coordinates",
         nodes={"a": (0.0, NAN, "$a$"), "b": (2.0, 0.0, "$b$")}),
    _row("graph.draw_graph", TypeError, "nodes", "str label",
         nodes={"a": (0.0, 0.0, 1.0), "b": (2.0, 0.0, "$b$")}),
    _row("graph.draw_graph", ValueError, "edges", "is not a node", edges=[("a", "c", "")]),
    _row("graph.draw_graph", ValueError, "edges", "(source, target, label)", edges=[("a", "b")]),
    _row("graph.draw_graph", TypeError, "ax", "Axes or None; got Figure", ax=Figure()),
    _row("graph.draw_graph", ValueError, "boxes", "name nodes", boxes={"c"}),
    _row("graph.draw_graph", ValueError, "backward", "is not a node", backward=[("c", "a", "")]),
    _row("graph.draw_graph", ValueError, "fontsize", "number > 0", fontsize=0),
    _row("graph.plot_neuron_graph", TypeError, "ax", "Axes or None; got Figure", ax=Figure()),
    _row("graph.plot_neuron_graph", TypeError, "backward", "True or False", backward="yes"),
    _row("graph.plot_neuron_graph", ValueError, "fontsize", "number > 0", fontsize=-1),
    _row("graph.plot_network_graph", TypeError, "ax", "Axes or None; got Figure", ax=Figure()),
    _row("graph.plot_network_graph", TypeError, "backward", "True or False", backward=1),
    _row("graph.plot_network_graph", ValueError, "fontsize", "number > 0", fontsize=0),
    _row("plotting.plot_data", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("plotting.plot_data", ValueError, "y", "to match", y=np.zeros((3, 1))),
    _row("plotting.plot_data", ValueError, "y", "labels 0 and 1", y=np.full((20, 1), 2.0)),
    _row("plotting.plot_data", TypeError, "ax", "Axes or None; got Figure", ax=Figure()),
    _row("plotting.plot_data", ValueError, "misclassified", "boolean mask with 20 entries",
         misclassified=np.zeros((20, 1))),
    _row("plotting.plot_data", ValueError, "misclassified", "boolean mask with 20 entries",
         misclassified=np.zeros(19, dtype=bool)),
    _row("plotting.plot_decision_boundary", TypeError, "proba", "callable", proba=0.5),
    _row("plotting.plot_decision_boundary", ValueError, "proba", "one probability per point",
         proba=lambda P: np.full(3, 0.5)),
    _row("plotting.plot_decision_boundary", ValueError, "proba", "probabilities in [0, 1]",
         proba=lambda P: P @ np.ones((2, 1))),  # logits, not sigmoid(logits)
    _row("plotting.plot_decision_boundary", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("plotting.plot_decision_boundary", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("plotting.plot_decision_boundary", TypeError, "ax", "Axes or None", ax="ax"),
    _row("plotting.plot_decision_boundary", ValueError, "resolution", "integer >= 2", resolution=1),
    _row("plotting.plot_decision_boundary", ValueError, "padding", ">= 0", padding=-0.5),
    _row("probability_map.plot_probability", TypeError, "proba", "callable", proba=0.5),
    _row("probability_map.plot_probability", ValueError, "proba", "one probability per point",
         proba=lambda P: np.full(3, 0.5)),
    _row("probability_map.plot_probability", ValueError, "proba", "probabilities in [0, 1]",
         proba=lambda P: P @ np.ones((2, 1))),  # logits, not sigmoid(logits)
    _row("probability_map.plot_probability", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("probability_map.plot_probability", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("probability_map.plot_probability", TypeError, "ax", "Axes or None", ax="ax"),
    _row("probability_map.plot_probability", ValueError, "resolution", "integer >= 2",
         resolution=1),
    _row("probability_map.plot_probability", ValueError, "padding", ">= 0", padding=-0.5),
    _row("probability_map.plot_probability", TypeError, "colorbar", "True or False",
         colorbar="yes"),
    _row("plotting.plot_loss_curve", ValueError, "losses", "1-D", losses=np.ones((3, 1))),
    _row("plotting.plot_loss_curve", TypeError, "ax", "Axes or None", ax=[1]),
    _row("plotting.plot_loss_surface", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("plotting.plot_loss_surface", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("plotting.plot_loss_surface", TypeError, "ax", "Axes or None", ax=np.zeros(2)),
    _row("plotting.plot_loss_surface", ValueError, "w1", "finite", w1=[NAN, 1.0]),
    _row("plotting.plot_loss_surface", ValueError, "w2", "1-D", w2=np.zeros((2, 2))),
    _row("plotting.plot_loss_surface", ValueError, "path", "(n_steps, 2)", path=np.zeros((5, 3))),
    _row("plotting.plot_loss_surface", ValueError, "levels", "integer >= 1", levels=0),
    _row("plotting.plot_lr_sweep", TypeError, "ax", "Axes or None", ax="no"),
    _row("plotting.plot_lr_sweep", TypeError, "sweep['lr']", "numeric array",
         sweep=From(lambda g: dict(g["sweep"], lr=["a"] * 3))),
    _row("plotting.plot_lr_sweep", ValueError, "sweep['tail_loss']", "finite",
         sweep=From(lambda g: dict(g["sweep"], tail_loss=[1.0, NAN, 1.0]))),
    _row("plotting.plot_lr_sweep", ValueError, "sweep", "returned by", sweep={}),
    _row("plotting.plot_lr_sweep", ValueError, "sweep['regime']", "one entry per",
         sweep=From(lambda g: dict(g["sweep"], regime=["good"]))),
    _row("plotting.plot_lr_sweep", ValueError, "sweep['regime']", "REGIMES",
         sweep=From(lambda g: dict(g["sweep"], regime=["good", "good", "diverging"]))),
    _row("plotting.plot_lr_sweep", ValueError, "sweep['tail_loss']", "one entry per",
         sweep=From(lambda g: dict(g["sweep"], tail_loss=[1.0]))),
    _row("plotting.plot_lr_sweep", TypeError, "bound", "number", bound="2"),
    _row("plotting.plot_lr_sweep", ValueError, "threshold", "> 0", threshold=-1.0),
    # ---------------------------------------------------------------- lines
    _row("lines.line_accuracies", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("lines.line_accuracies", ValueError, "y", "(20, 1)", y=np.zeros(20)),
    _row("lines.line_accuracies", ValueError, "angles", "1-D", angles=np.zeros((2, 1))),
    _row("lines.critical_angles", ValueError, "X", "2 features", X=np.ones((20, 1))),
    _row("lines.critical_angles", TypeError, "through_origin", "True or False",
         through_origin="yes"),
    _row("lines.best_line", ValueError, "X", "2 features", X=np.ones((20, 3))),
    _row("lines.best_line", ValueError, "y", "only the labels 0 and 1", y=np.full((20, 1), 2.0)),
    _row("lines.best_line", TypeError, "through_origin", "True or False", through_origin=1),
    _row("lines.best_line", ValueError, "angles", "finite", angles=np.array([0.0, np.nan])),
    # ---------------------------------------------------------------- explorer_panels
    _row("explorer_panels.nice_ceiling", ValueError, "value", "> 0", value=-1.0),
    _row("plotting.half_plane", ValueError, "W", "(1, 2)", W=np.ones((2, 1))),
    _row("explorer_panels.ExplorerPanels", ValueError, "X", "(n_samples, n_features)",
         X=np.ones(100)),
    _row("explorer_panels.ExplorerPanels.show", TypeError, "state", "ExplorerState", state="s"),
    # ---------------------------------------------------------------- explorer
    _row("explorer.ExplorerView", ValueError, "X", "2 features", X=np.ones((100, 3))),
    _row("explorer.ExplorerView", ValueError, "y", "reshape", y=np.ones(100)),
    _row("explorer.ExplorerView", ValueError, "W0", "(1, 2)", W0=(1.0, 2.0, 3.0)),
    _row("explorer.ExplorerView", TypeError, "fig", "Figure or None", fig="figure"),
    _row("explorer.ExplorerView", ValueError, "w_window", "> 0", w_window=-1.0),
    _row("explorer.ExplorerView", TypeError, "dpi", "number", dpi="a"),
    _row("explorer.ExplorerView.update", ValueError, "lr", "> 0", lr=0.0),
    _row("explorer.ExplorerView.update", ValueError, "n_iters", "integer >= 1", n_iters=0),
    _row("explorer.ExplorerView.update", ValueError, "W0", "transposed", W0=[[1.0], [2.0]]),
    _row("explorer.plot_explorer", ValueError, "lr", "> 0", lr=-1.0),
    _row("explorer.plot_explorer", TypeError, "n_iters", "integer", n_iters=None),
    _row("explorer.plot_explorer", ValueError, "y", "labels 0 and 1", y=From(lambda g: 2 * g["y"])),
    # ---------------------------------------------------------------- widgets
    _row("widgets.encode_png", ValueError, "rgba", "uint8", rgba=np.zeros((2, 3, 4))),
    _row("widgets.figure_view", TypeError, "draw", "callable", draw="show_descent"),
    _row("widgets.figure_view", TypeError, "controls", "non-empty dict", controls={}),
    _row("widgets.figure_view", TypeError, "controls['lr']", "ipywidgets slider",
         controls={"lr": 0.5}),
    _row("widgets.figure_view", TypeError, "figsize", "pair", figsize=6.0),
    _row("widgets.figure_view", ValueError, "figsize[1]", "> 0", figsize=(6.0, 0.0)),
    _row("widgets.figure_view", ValueError, "dpi", "> 0", dpi=-100),
    _row("widgets.learning_rate_explorer", ValueError, "X", "2 features",
         X=From(lambda g: np.hstack([g["X"], g["X"]]))),
    _row("widgets.learning_rate_explorer", ValueError, "y", "labels 0 and 1",
         y=From(lambda g: 2 * g["y"])),
    _row("widgets.learning_rate_explorer", ValueError, "lr", "lr_range", lr=500.0),
    _row("widgets.learning_rate_explorer", ValueError, "lr", "> 0", lr=-1.0),
    _row("widgets.learning_rate_explorer", ValueError, "lr_range", "smallest < largest",
         lr_range=(1.0, 0.1)),
    _row("widgets.learning_rate_explorer", ValueError, "lr_range[0]", "> 0", lr_range=(0.0, 1.0)),
    _row("widgets.learning_rate_explorer", TypeError, "lr_range", "pair", lr_range=1.0),
    _row("widgets.learning_rate_explorer", ValueError, "n_iters", "max_iters=50", n_iters=60),
    _row("widgets.learning_rate_explorer", ValueError, "max_iters", "integer >= 1", max_iters=0),
    _row("widgets.learning_rate_explorer", ValueError, "W0", "(1, 2)", W0=(1.0,)),
]
# fmt: on


def _row_id(param) -> str:
    row = param.values[0]
    return f"{row.target}-{row.name}-{row.phrase}"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _call(row: Row):
    func, good = CALLS[row.target]
    kwargs = good()
    for key, value in row.bad.items():
        kwargs[key] = value.make(kwargs) if isinstance(value, From) else value
    return func(**kwargs)


@pytest.mark.parametrize("row", ROWS, ids=[_row_id(p) for p in ROWS])
def test_a_bad_argument_is_refused_by_name(row):
    # The name as a whole word (y, not the y of y_hat), then what was expected.
    pattern = rf"(?<![\w']){re.escape(row.name)}(?!\w).*{re.escape(row.phrase)}"
    with pytest.raises(row.error, match=pattern):
        _call(row)


@pytest.mark.parametrize("target", CALLS)
def test_the_good_call_behind_every_row_works(target):
    # So each row's error comes from its one bad argument, not from the rest of the call.
    func, good = CALLS[target]
    func(**good())


# ----------------------------------------------------------------------------- completeness
def _public_callables():
    """``module.name`` (and ``module.Class.method`` with arguments) for every public callable."""
    modules = sorted(m.name for m in pkgutil.iter_modules(helpers.__path__) if m.name[0] != "_")
    for short in modules:
        module = importlib.import_module(f"helpers.{short}")
        names = getattr(module, "__all__", None)
        if names is None:  # no __all__: what the module itself defines
            names = [
                name
                for name, value in vars(module).items()
                if name[0] != "_" and getattr(value, "__module__", None) == module.__name__
            ]
        for name in names:
            value = getattr(module, name)
            if not callable(value):
                continue  # constants
            yield f"{short}.{name}"
            if inspect.isclass(value):
                for method, member in vars(value).items():
                    if method[0] != "_" and inspect.isfunction(member):
                        if len(inspect.signature(member).parameters) > 1:  # more than self
                            yield f"{short}.{name}.{method}"


def test_every_public_function_has_a_row():
    public = set(_public_callables())
    covered = {p.values[0].target for p in ROWS}
    assert public - covered - set(EXEMPT) == set(), "public functions without a row in ROWS"
    assert covered - public == set(), "rows for functions that are no longer public"
    assert set(CALLS) == covered


@pytest.mark.parametrize(
    "module", [m.name for m in pkgutil.iter_modules(helpers.__path__) if m.name != "_checks"]
)
def test_no_private_attribute_of_another_library(module):
    # `obj._name` on anything but self: another library's private attribute (such as
    # matplotlib's Axis._update_ticks), which can change in any release.
    with open(importlib.import_module(f"helpers.{module}").__file__, encoding="utf-8") as file:
        source = re.sub(r"helpers(\.\w+)+", "", file.read())  # this package's own names
    assert re.findall(r"(?<!self)\._[a-z]\w*", source) == []
