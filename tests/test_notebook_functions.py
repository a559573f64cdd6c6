"""The functions a notebook writes inline behave like their helpers versions.

A notebook first writes a helper so the reader sees it, in a code cell that holds
only ``import numpy as np`` and the ``def``; later notebooks import the same name
from ``helpers``. This test finds every such cell (a top-level ``def NAME(`` where
NAME is a public function of :mod:`helpers.data`, :mod:`helpers.features`,
:mod:`helpers.model`, :mod:`helpers.training`, :mod:`helpers.mlp` or
:mod:`helpers.softmax`), executes it and compares the result with the helpers
function on several random valid inputs. Where two modules share a name
(``forward``, ``predict``), the one whose parameter names match the inline ``def``
is the reference.

The cell is executed in a fresh namespace holding only ``np`` and the notebook's
earlier definition cells, those with nothing but imports and defs (so ``forward``
may call the ``sigmoid`` written a few cells before it), never the rest of the
notebook's state.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path

import nbformat
import numpy as np
import pytest

import helpers.data
import helpers.features
import helpers.mlp
import helpers.model
import helpers.softmax
import helpers.training

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
MODULES = (
    helpers.data,
    helpers.features,
    helpers.model,
    helpers.training,
    helpers.mlp,
    helpers.softmax,
)
N_CASES = 5


def _public_functions():
    """{name: {"model.forward": function, ...}} over the public functions of MODULES."""
    found = {}
    for module in MODULES:
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and obj.__module__ == module.__name__:
                short = module.__name__.split(".")[-1]
                found.setdefault(name, {})[f"{short}.{name}"] = obj
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
    ("10", "make_xor"),
    ("10", "make_moons"),
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
    if case == 0:  # far beyond where exp(-z) overflows (z < -709.78), as notebook 02 shows
        return (np.linspace(-1000.0, 1000.0, 20_001),), {}
    if case == 1:
        return (float(rng.uniform(-10.0, 10.0)),), {}
    return (rng.uniform(-30.0, 30.0, size=shapes[case % len(shapes)]),), {}


def _forward_inputs(rng, case):
    return _X_W(rng), {}


def _bce_loss_inputs(rng, case):
    if case == 0:  # predictions of exactly 0 and 1, right and wrong: the clip at work (notebook 05)
        return (np.array([[0.0], [1.0], [0.0], [1.0]]), np.array([[1.0], [0.0], [0.0], [1.0]])), {}
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


def _standardise_inputs(rng, case):
    """A training set, with a constant column in some cases, and 0 to 2 other sets."""
    n_features = int(rng.integers(1, 5))
    X_train = rng.normal(3.0, 2.0, size=(int(rng.integers(2, 40)), n_features))
    if case % 2 == 1:
        X_train[:, int(rng.integers(n_features))] = 4.0  # constant on the training set
    others = [rng.normal(3.0, 2.0, size=(int(rng.integers(1, 20)), n_features)) for _ in "ab"]
    return (X_train, *others[: case % 3]), {}


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


def _mlp_setup(rng, case):
    """X, y, random parameters (non-zero biases included) and an activation."""
    activation = helpers.mlp.ACTIVATIONS[case % len(helpers.mlp.ACTIVATIONS)]
    n, d = int(rng.integers(2, 30)), int(rng.integers(1, 4))
    X = rng.standard_normal((n, d))
    params = helpers.mlp.init_params(
        d, int(rng.integers(1, 6)), activation=activation, seed=int(rng.integers(0, 1000))
    )
    params["b1"] = rng.standard_normal(params["b1"].shape)
    params["b2"] = rng.standard_normal(params["b2"].shape)
    return X, _labels(rng, n), params, activation


def _mlp_forward_inputs(rng, case):
    X, _, params, activation = _mlp_setup(rng, case)
    return (X, params), {"activation": activation}


def _mlp_backward_inputs(rng, case):
    X, y, params, activation = _mlp_setup(rng, case)
    cache = helpers.mlp.forward(X, params, activation=activation)[1]
    return (X, y, params, cache), {}


def _mlp_init_params_inputs(rng, case):
    activation = helpers.mlp.ACTIVATIONS[case % len(helpers.mlp.ACTIVATIONS)]
    n_features, n_hidden = int(rng.integers(1, 4)), int(rng.integers(1, 8))
    return (n_features, n_hidden), {"activation": activation, "seed": int(rng.integers(0, 999))}


def _mlp_train_inputs(rng, case):
    X, y, _, activation = _mlp_setup(rng, case)
    batch_size = None if case % 2 == 0 else int(rng.integers(1, X.shape[0] + 1))
    kwargs = {
        "n_hidden": int(rng.integers(1, 6)),
        "lr": float(rng.uniform(0.05, 1.0)),
        "n_epochs": int(rng.integers(0, 10)),
        "batch_size": batch_size,
        "activation": activation,
        "seed": int(rng.integers(0, 999)),
    }
    return (X, y), kwargs


def _k_class_setup(rng, case):
    """X, integer labels, one-hot Y, W, b and logits Z of a random K-class problem."""
    n, d, K = int(rng.integers(2, 40)), int(rng.integers(1, 6)), int(rng.integers(2, 11))
    X = rng.standard_normal((n, d))
    labels = rng.integers(0, K, size=(n, 1))
    W, b = rng.standard_normal((K, d)), rng.standard_normal((1, K))
    Z = rng.uniform(-30.0, 30.0, size=(n, K))
    if case == 0:
        Z = Z * 300.0  # logits up to 1e4: where the naive softmax overflows
    return X, labels, helpers.softmax.one_hot(labels, K), W, b, Z


def _softmax_Z_inputs(rng, case):
    return (_k_class_setup(rng, case)[5],), {}


def _one_hot_inputs(rng, case):
    _, labels, Y, *_ = _k_class_setup(rng, case)
    return (labels, Y.shape[1]), {}


def _cross_entropy_inputs(rng, case):
    _, _, Y, _, _, Z = _k_class_setup(rng, case)
    return (Y, Z), {}


def _softmax_model_inputs(rng, case):
    X, _, _, W, b, _ = _k_class_setup(rng, case)
    return (X, W, b), {}


def _softmax_gradient_inputs(rng, case):
    X, _, Y, W, b, _ = _k_class_setup(rng, case)
    return (X, Y, helpers.softmax.forward(X, W, b)), {}


def _class_labels_pair_inputs(rng, case):
    _, labels, Y, *_ = _k_class_setup(rng, case)
    return (labels, rng.integers(0, Y.shape[1], size=labels.shape)), {}


def _confusion_matrix_inputs(rng, case):
    args, _ = _class_labels_pair_inputs(rng, case)
    return (*args, int(max(args[0].max(), args[1].max())) + 1 + case % 2), {}


#: One input generator per helpers function, keyed "module.name".
INPUTS = {
    "model.sigmoid": _sigmoid_inputs,
    "model.forward": _forward_inputs,
    "model.bce_loss": _bce_loss_inputs,
    "model.gradient": _gradient_inputs,
    "model.numerical_gradient": _numerical_gradient_inputs,
    "model.predict": _predict_inputs,
    "model.accuracy": _accuracy_inputs,
    "model.loss_grid": _loss_grid_inputs,
    "training.gradient_descent": _gradient_descent_inputs,
    "training.step_lengths": _step_lengths_inputs,
    "training.train": _mlp_train_inputs,
    "data.make_blobs": _dataset_inputs,
    "data.make_moons": _noisy_dataset_inputs,
    "data.make_circles": _noisy_dataset_inputs,
    "data.make_xor": _noisy_dataset_inputs,
    "data.add_bias_feature": _add_bias_feature_inputs,
    "features.standardise": _standardise_inputs,
    "mlp.forward": _mlp_forward_inputs,
    "mlp.backward": _mlp_backward_inputs,
    "mlp.predict": _mlp_forward_inputs,
    "mlp.init_params": _mlp_init_params_inputs,
    "softmax.one_hot": _one_hot_inputs,
    "softmax.softmax": _softmax_Z_inputs,
    "softmax.log_softmax": _softmax_Z_inputs,
    "softmax.cross_entropy": _cross_entropy_inputs,
    "softmax.forward": _softmax_model_inputs,
    "softmax.gradient": _softmax_gradient_inputs,
    "softmax.predict": _softmax_model_inputs,
    "softmax.accuracy": _class_labels_pair_inputs,
    "softmax.confusion_matrix": _confusion_matrix_inputs,
}
#: Helpers whose inline version must give bit-identical results, not only equal to rounding.
EXACT = {"model.sigmoid", "model.forward"}
ALL_PUBLIC = {key: f for by_module in PUBLIC.values() for key, f in by_module.items()}


# --------------------------------------------------------------------------- comparison
def _assert_same(expected, got, where="result", exact=False):
    """Same structure, shapes and values (to rounding, or ``exact``) as the helpers result."""
    if isinstance(expected, tuple):
        assert isinstance(got, (tuple, list)), f"{where}: expected a tuple, got {type(got)}"
        assert len(got) == len(expected), f"{where}: expected {len(expected)} values"
        for k, (e, g) in enumerate(zip(expected, got, strict=True)):
            _assert_same(e, g, f"{where}[{k}]", exact)
    elif isinstance(expected, dict):
        assert isinstance(got, dict), f"{where}: expected a dict, got {type(got)}"
        assert set(got) == set(expected), f"{where}: keys {sorted(got)} != {sorted(expected)}"
        for key in expected:
            _assert_same(expected[key], got[key], f"{where}[{key!r}]", exact)
    elif isinstance(expected, str) or expected is None:
        assert got == expected, f"{where}: {got!r}, helpers gives {expected!r}"
    else:
        e, g = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
        assert g.shape == e.shape, f"{where}: shape {g.shape}, helpers gives {e.shape}"
        if exact:
            np.testing.assert_array_equal(g, e, err_msg=where)
        else:
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
    """Execute the cell in a fresh namespace, after the notebook's earlier definition cells.

    A definition cell holds only imports and defs (an inline helper, or a small
    function it calls, such as notebook 11's ``activate``); cells that compute
    something are never run, so the inline function sees none of their state.
    """
    namespace = {"np": np, "__name__": f"inline_{Path(notebook).stem}"}
    nb = nbformat.read(Path(NOTEBOOKS[0].parent, notebook), as_version=4)
    for index, cell in enumerate(nb.cells[: cell_index + 1]):
        if cell.cell_type != "code":
            continue
        bad = _top_level_ok(cell.source)
        if index < cell_index and bad:
            continue  # not a definition cell (an inline-helper cell's own test reports it)
        assert not bad, (
            f"{notebook} cell {index} defines a helpers function inline, so it must hold only "
            f"imports and defs; it also has: {bad}"
        )
        exec(compile(cell.source, f"{notebook}[cell {index}]", "exec"), namespace)
    return namespace


# --------------------------------------------------------------------------- tests
@pytest.mark.parametrize(
    ("notebook", "cell_index", "name"),
    PAIRS,
    ids=[f"{nb.split('_')[0]}-cell{index}-{name}" for nb, index, name in PAIRS],
)
def test_inline_function_matches_helpers(notebook, cell_index, name):
    inline = _load_inline(notebook, cell_index)[name]
    key = _reference(name, inline)
    if key not in INPUTS:
        pytest.fail(
            f"{notebook} cell {cell_index} defines {name}() inline, but this test has no input "
            f"generator for helpers.{key}: add one to INPUTS in {Path(__file__).name}"
        )
    for case in range(N_CASES):
        rng = np.random.default_rng(1000 * case + 7)
        args, kwargs = INPUTS[key](rng, case)
        expected = ALL_PUBLIC[key](*args, **kwargs)
        got = inline(*args, **kwargs)
        # A data generator must give the very same points for the same seed, and
        # notebook 02's sigmoid and forward are the helpers' lines: the very same bits.
        _assert_same(
            expected,
            got,
            f"{notebook} cell {cell_index}: {key}, input case {case}",
            exact=key.startswith("data.") or key in EXACT,
        )


def _reference(name: str, inline) -> str:
    """The "module.name" helpers function whose parameter names best match ``inline``'s.

    Ties go to the first module of MODULES, so a lone candidate is always chosen.
    """
    mine = list(inspect.signature(inline).parameters)

    def shared_prefix(key):
        theirs = list(inspect.signature(PUBLIC[name][key]).parameters)
        same = [a == b for a, b in zip(mine, theirs, strict=False)]
        return same.index(False) if False in same else len(same)

    return max(PUBLIC[name], key=shared_prefix)


def test_reference_is_chosen_by_parameter_names():
    def forward_model(X, W):
        return X

    def forward_mlp(X, params, activation="tanh"):
        return X

    def forward_other(A, B):
        return A

    assert _reference("forward", forward_model) == "model.forward"
    assert _reference("forward", forward_mlp) == "mlp.forward"
    assert _reference("forward", forward_other) == "model.forward"
    assert _reference("make_blobs", forward_other) == "data.make_blobs"


def test_every_generator_targets_a_public_helper():
    # A stale entry would hide a renamed helper.
    assert set(INPUTS) <= set(ALL_PUBLIC), sorted(set(INPUTS) - set(ALL_PUBLIC))


@pytest.mark.parametrize("key", sorted(INPUTS))
def test_generators_give_valid_inputs(key):
    # The helpers functions validate their input: every generated case must pass.
    for case in range(N_CASES):
        args, kwargs = INPUTS[key](np.random.default_rng(1000 * case + 7), case)
        ALL_PUBLIC[key](*args, **kwargs)


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
    _assert_same(np.ones(3), np.ones(3) + 1e-13)  # rounding passes ...
    with pytest.raises(AssertionError):
        _assert_same(np.ones(3), np.ones(3) + 1e-13, exact=True)  # ... but not when exact


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


# --------------------------------------------------------------------------- form
# A notebook cell that writes a helpers function says so on its first line,
# "# Saved in helpers/model.py: ..." (as d2l marks its cells with #@save). The
# helper must then still contain the notebook's lines, in order: it may add input
# checks and a docstring around them, but not compute the same thing another way.
SAVED_RE = re.compile(r"^# Saved in helpers/(\w+)\.py\b")


def _statements(body: list[ast.stmt], module_globals: dict | None = None) -> list[str]:
    """The statements of a function body as normalised source lines, nested ones included.

    Docstrings and comments are dropped; a compound statement gives its header line
    (``for _ in range(n):``) before its body. Three differences are allowed, each the
    helper's input checking and nothing else: the helper module's float constants
    read as their values (``EPS`` -> ``1e-15``); an argument passed through a check
    reads as the argument (``check_seed(seed)`` -> ``seed``); a private function reads
    as the notebook's public one (``_activate`` -> ``activate``: the same formula
    without the input checks). A call of a private function of the package
    (``_forward(...)``, where the public function checks its input and hands over) is
    followed by that function's own statements.
    """

    class Normalise(ast.NodeTransformer):
        def visit_Name(self, node):
            value = (module_globals or {}).get(node.id)
            if node.id.isupper() and isinstance(value, float):
                return ast.copy_location(ast.Constant(value), node)  # EPS -> 1e-15
            return node

        def visit_Call(self, node):
            self.generic_visit(node)
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name.startswith("check_") and len(node.args) == 1 and not node.keywords:
                return node.args[0]  # check_seed(seed) -> seed
            if name.startswith("_"):
                node.func = ast.copy_location(ast.Name(name.lstrip("_")), node.func)
            return node

    lines = []
    for stmt in body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # a docstring
        private_calls = [
            (module_globals or {}).get(call.func.id)
            for call in ast.walk(stmt)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id.startswith("_")
        ]
        stmt = Normalise().visit(ast.parse(ast.unparse(stmt)).body[0])
        nested = [f for f in ("body", "orelse") if isinstance(getattr(stmt, f, None), list)]
        if nested:
            header = type(stmt)(**{f: getattr(stmt, f) for f in stmt._fields})
            for f in nested:
                setattr(header, f, [ast.Pass()] if f == "body" else [])
            lines.append(ast.unparse(header).splitlines()[0])
            for f in nested:
                lines.extend(_statements(getattr(stmt, f), module_globals))
            continue
        lines.append(ast.unparse(stmt))
        for private in private_calls:
            if getattr(private, "__module__", "").startswith("helpers."):
                lines.extend(_function_statements(private))
    return lines


def _function_statements(function) -> list[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    return _statements(tree.body, function.__globals__)


def _missing_lines(notebook_lines: list[str], helper_lines: list[str]) -> list[str]:
    """The notebook's lines that the helper does not contain, in the notebook's order.

    A notebook line ``NAME = np.asarray(...)`` (turning the input into an array) is
    matched by any helper line that assigns ``NAME``: there the helper's input check
    does the conversion and says what is wrong with a bad input.
    """
    remaining = iter(helper_lines)
    missing = []
    for line in notebook_lines:
        conversion = re.match(r"^(\w+) = np\.asarray\(", line)
        for candidate in remaining:
            if candidate == line or (
                conversion and re.match(rf"^{conversion.group(1)} = ", candidate)
            ):
                break
        else:
            missing.append(line)
            remaining = iter(())
    return missing


def _saved_cells():
    found = []
    for path in NOTEBOOKS:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            marker = SAVED_RE.match(cell.source) if cell.cell_type == "code" else None
            if marker:
                found.append((path.name, index, marker.group(1)))
    return found


SAVED = _saved_cells()


@pytest.mark.parametrize(
    ("notebook", "cell_index", "name"),
    PAIRS,
    ids=[f"{nb.split('_')[0]}-cell{index}-{name}" for nb, index, name in PAIRS],
)
def test_inline_function_is_marked_and_has_the_helpers_form(notebook, cell_index, name):
    source = nbformat.read(Path(NOTEBOOKS[0].parent, notebook), as_version=4).cells[cell_index]
    marker = SAVED_RE.match(source.source)
    inline = _load_inline(notebook, cell_index)[name]
    key = _reference(name, inline)
    module = key.split(".")[0]
    assert marker, (
        f"{notebook} cell {cell_index} defines {name}(), which helpers/{module}.py holds: "
        f"start the cell with '# Saved in helpers/{module}.py: ...'"
    )
    assert marker.group(1) == module, (
        f"{notebook} cell {cell_index} says helpers/{marker.group(1)}.py; "
        f"{name}() is in helpers/{module}.py"
    )
    tree = ast.parse(source.source)
    inline_def = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    missing = _missing_lines(_statements(inline_def.body), _function_statements(ALL_PUBLIC[key]))
    assert not missing, (
        f"helpers.{key} no longer reads like {notebook} cell {cell_index}: it lacks "
        f"{missing} (in this order, with input checks allowed around them)"
    )


@pytest.mark.parametrize(("notebook", "cell_index", "module"), SAVED)
def test_every_saved_cell_defines_a_helpers_function(notebook, cell_index, module):
    assert any(p[:2] == (notebook, cell_index) for p in PAIRS), (
        f"{notebook} cell {cell_index} says it is saved in helpers/{module}.py, "
        "but defines no function of that name there"
    )


def test_form_check_detects_another_way_of_computing():
    def notebook_sigmoid(z):
        z = np.asarray(z, dtype=float)
        u = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, u) / (1.0 + u)

    def checked(z):
        """With an input check around the same lines."""
        z = np.atleast_1d(np.asarray(z, dtype=float))
        u = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, u) / (1.0 + u)

    def another_way(z):
        return 0.5 * (1 + np.tanh(z / 2))

    mine = _function_statements(notebook_sigmoid)
    assert _missing_lines(mine, _function_statements(checked)) == []
    assert _missing_lines(mine, _function_statements(another_way)) == mine
    assert _missing_lines(["a = 1.0", "b = 2.0"], ["b = 2.0", "a = 1.0"]) == ["b = 2.0"]
