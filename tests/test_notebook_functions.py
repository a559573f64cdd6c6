"""The functions a notebook writes inline behave like their helpers versions.

A notebook first writes a helper so the reader sees it, in a code cell that holds
only ``import numpy as np`` and the ``def``; later notebooks import the same name
from ``helpers``. This test finds every such cell (a top-level ``def NAME(`` where
NAME is a public function of :mod:`helpers.data` or :mod:`helpers.model`), executes
it and compares the result with the helpers function on several random valid inputs.

The cell is executed in a fresh namespace holding only ``np`` and the notebook's
earlier inline-helper cells (so ``forward`` may call the ``sigmoid`` written a few
cells before it), never the rest of the notebook's state.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import helpers.data
import helpers.model

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
MODULES = (helpers.data, helpers.model)
N_CASES = 5


def _public_functions():
    found = {}
    for module in MODULES:
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and obj.__module__ == module.__name__:
                found[name] = obj
    return found


PUBLIC = _public_functions()
DEF_RE = re.compile(r"^def ([A-Za-z_]\w*)\(", re.MULTILINE)

#: Inline definitions that must exist once the notebooks are written: (notebook prefix, name).
EXPECTED = [
    ("01", "make_blobs"),
    ("02", "sigmoid"),
    ("02", "forward"),
    ("05", "bce_loss"),
    ("05", "gradient"),
]


# --------------------------------------------------------------------------- discovery
def _inline_cells(path: Path) -> list[tuple[int, str, list[str]]]:
    """(cell index, source, public names defined) for each inline-helper cell."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        names = [n for n in DEF_RE.findall(cell.source) if n in PUBLIC]
        if names:
            cells.append((index, cell.source, names))
    return cells


def _discover():
    pairs = []
    for path in NOTEBOOKS:
        for index, _, names in _inline_cells(path):
            pairs.extend((path.name, index, name) for name in names)
    return pairs


PAIRS = _discover()


# --------------------------------------------------------------------------- inputs
# One generator per helpers function: rng -> (args, kwargs), always valid input.
def _X_W(rng, n_features=None):
    n_features = n_features or int(rng.integers(1, 5))
    X = rng.standard_normal((int(rng.integers(1, 40)), n_features))
    W = rng.standard_normal((1, n_features))
    return X, W


def _labels(rng, n):
    y = (rng.random((n, 1)) < 0.5).astype(float)
    y[0, 0], y[-1, 0] = 0.0, 1.0  # both classes present when n >= 2
    return y


def _probabilities(rng, n):
    return rng.uniform(0.01, 0.99, size=(n, 1))


def _sigmoid_inputs(rng, case):
    shapes = [(7,), (5, 1), (3, 4), (2, 3, 2)]
    if case == 0:
        return (np.linspace(-800.0, 800.0, 41),), {}  # far beyond where exp(-z) overflows
    if case == 1:
        return (float(rng.uniform(-10.0, 10.0)),), {}
    return (rng.uniform(-30.0, 30.0, size=shapes[case % len(shapes)]),), {}


def _forward_inputs(rng, case):
    return _X_W(rng), {}


def _bce_loss_inputs(rng, case):
    n = int(rng.integers(2, 40))
    return (_labels(rng, n), _probabilities(rng, n)), {}


def _gradient_inputs(rng, case):
    n = int(rng.integers(2, 40))
    X = rng.standard_normal((n, int(rng.integers(1, 5))))
    return (X, _labels(rng, n), _probabilities(rng, n)), {}


def _gradient_descent_inputs(rng, case):
    X, W = _X_W(rng)
    y = _labels(rng, X.shape[0])
    return (X, y, W), {"lr": float(rng.uniform(0.05, 1.0)), "n_iters": int(rng.integers(0, 25))}


def _dataset_inputs(rng, case):
    return (int(rng.integers(4, 80)),), {"seed": int(rng.integers(0, 1000))}


def _noisy_dataset_inputs(rng, case):
    args, kwargs = _dataset_inputs(rng, case)
    return args, {**kwargs, "noise": float(rng.uniform(0.0, 0.3))}


def _add_bias_feature_inputs(rng, case):
    return (_X_W(rng)[0],), {}


def _predict_inputs(rng, case):
    return _X_W(rng), {}


def _accuracy_inputs(rng, case):
    n = int(rng.integers(2, 40))
    return (_labels(rng, n), _labels(rng, n)), {}


def _numerical_gradient_inputs(rng, case):
    W = rng.standard_normal((1, int(rng.integers(1, 4))))
    A = rng.standard_normal(W.shape)
    return (lambda V: float(np.sum(A * V**2 + np.sin(V))), W), {}


def _loss_grid_inputs(rng, case):
    X = rng.standard_normal((int(rng.integers(2, 40)), 2))
    w1 = np.linspace(-3.0, 3.0, int(rng.integers(2, 9)))
    w2 = np.linspace(-2.0, 4.0, int(rng.integers(2, 9)))
    return (X, _labels(rng, X.shape[0]), w1, w2), {}


def _step_lengths_inputs(rng, case):
    return (rng.standard_normal((int(rng.integers(1, 20)), 1, int(rng.integers(1, 4)))),), {}


INPUTS = {
    "sigmoid": _sigmoid_inputs,
    "forward": _forward_inputs,
    "bce_loss": _bce_loss_inputs,
    "gradient": _gradient_inputs,
    "gradient_descent": _gradient_descent_inputs,
    "numerical_gradient": _numerical_gradient_inputs,
    "predict": _predict_inputs,
    "accuracy": _accuracy_inputs,
    "loss_grid": _loss_grid_inputs,
    "step_lengths": _step_lengths_inputs,
    "make_blobs": _dataset_inputs,
    "make_moons": _noisy_dataset_inputs,
    "make_circles": _noisy_dataset_inputs,
    "make_xor": _noisy_dataset_inputs,
    "add_bias_feature": _add_bias_feature_inputs,
}


# --------------------------------------------------------------------------- comparison
def _assert_same(expected, got, where="result"):
    """Same structure, shapes and values (to rounding) as the helpers result."""
    if isinstance(expected, tuple):
        assert isinstance(got, (tuple, list)), f"{where}: expected a tuple, got {type(got)}"
        assert len(got) == len(expected), f"{where}: expected {len(expected)} values"
        for k, (e, g) in enumerate(zip(expected, got, strict=True)):
            _assert_same(e, g, f"{where}[{k}]")
    elif isinstance(expected, dict):
        assert isinstance(got, dict), f"{where}: expected a dict, got {type(got)}"
        assert set(got) == set(expected), f"{where}: keys {sorted(got)} != {sorted(expected)}"
        for key in expected:
            _assert_same(expected[key], got[key], f"{where}[{key!r}]")
    else:
        e, g = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
        assert g.shape == e.shape, f"{where}: shape {g.shape}, helpers gives {e.shape}"
        np.testing.assert_allclose(g, e, rtol=1e-10, atol=1e-12, err_msg=where)


def _top_level_ok(source: str) -> list[str]:
    """Statements other than imports, defs and docstrings (which the cell must not have)."""
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef)
    bad = []
    for node in ast.parse(source).body:
        is_docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if not (isinstance(node, allowed) or is_docstring):
            bad.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return bad


def _load_inline(notebook: str, cell_index: int) -> dict:
    """Execute the cell (after the notebook's earlier inline-helper cells) in a fresh namespace."""
    namespace = {"np": np, "__name__": f"inline_{Path(notebook).stem}"}
    for index, source, _ in _inline_cells(Path(NOTEBOOKS[0].parent, notebook)):
        if index > cell_index:
            break
        bad = _top_level_ok(source)
        if index < cell_index and bad:
            continue  # that cell's own test reports it
        assert not bad, (
            f"{notebook} cell {index} defines a helpers function inline, so it must hold only "
            f"imports and defs; it also has: {bad}"
        )
        exec(compile(source, f"{notebook}[cell {index}]", "exec"), namespace)
    return namespace


# --------------------------------------------------------------------------- tests
@pytest.mark.parametrize(
    ("notebook", "cell_index", "name"),
    PAIRS,
    ids=[f"{nb.split('_')[0]}-cell{index}-{name}" for nb, index, name in PAIRS],
)
def test_inline_function_matches_helpers(notebook, cell_index, name):
    if name not in INPUTS:
        pytest.fail(
            f"{notebook} cell {cell_index} defines {name}() inline, but this test has no input "
            f"generator for it: add one to INPUTS in {Path(__file__).name}"
        )
    inline = _load_inline(notebook, cell_index)[name]
    reference = PUBLIC[name]
    for case in range(N_CASES):
        rng = np.random.default_rng(1000 * case + 7)
        args, kwargs = INPUTS[name](rng, case)
        expected = reference(*args, **kwargs)
        got = inline(*args, **kwargs)
        _assert_same(expected, got, f"{notebook} cell {cell_index}: {name}, input case {case}")


def test_every_generator_targets_a_public_helper():
    # A stale entry would hide a renamed helper.
    assert set(INPUTS) <= set(PUBLIC), sorted(set(INPUTS) - set(PUBLIC))


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_generators_give_valid_inputs(name):
    # The helpers functions validate their input: every generated case must pass.
    for case in range(N_CASES):
        args, kwargs = INPUTS[name](np.random.default_rng(1000 * case + 7), case)
        PUBLIC[name](*args, **kwargs)


def test_comparison_detects_a_difference():
    _assert_same((np.ones((2, 1)), {"a": 1.0}), (np.ones((2, 1)), {"a": 1.0}))
    for got in [
        (np.ones((2,)), {"a": 1.0}),  # a (n,) vector where helpers gives (n, 1)
        (np.ones((2, 1)), {"a": 1.0 + 1e-6}),
        (np.ones((2, 1)), {"b": 1.0}),
        (np.ones((2, 1)),),
    ]:
        with pytest.raises(AssertionError):
            _assert_same((np.ones((2, 1)), {"a": 1.0}), got)


def test_cell_rule_detects_other_statements():
    assert _top_level_ok('import numpy as np\n\n\ndef f(x):\n    """Doc."""\n    return x\n') == []
    assert _top_level_ok("def f(x):\n    return x\n\n\nprint(f(1))\n") != []
    assert _top_level_ok("x = 1\ndef f(y):\n    return y\n") != []


@pytest.mark.parametrize(("prefix", "name"), EXPECTED, ids=[f"{p}-{n}" for p, n in EXPECTED])
def test_expected_inline_definitions_exist(prefix, name):
    matches = [nb for nb in NOTEBOOKS if nb.name.startswith(f"{prefix}_")]
    assert matches, f"notebook {prefix}_*.ipynb does not exist yet; it should define {name}()"
    found = {n for nb, _, n in PAIRS if nb == matches[0].name}
    assert name in found, (
        f"{matches[0].name} should write {name}() inline in a cell of its own "
        f"(found inline: {sorted(found) or 'none'})"
    )
