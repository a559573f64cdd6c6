"""Unit tests of helpers.training: gradient descent on logistic regression and on the network."""

import numpy as np
import pytest

from helpers import mlp
from helpers.data import make_blobs, make_circles, make_moons, make_xor
from helpers.mlp import ACTIVATIONS, init_params
from helpers.model import accuracy, bce_loss, forward, gradient, predict
from helpers.model import predict as predict_linear
from helpers.softmax import cross_entropy, one_hot
from helpers.training import gradient_descent, step_lengths, train

LOG2 = float(np.log(2.0))
KEYS = ("W1", "b1", "W2", "b2")


@pytest.fixture
def blobs():
    return make_blobs(100, seed=0)


# =========================================================================== gradient_descent
def test_gradient_descent_history_shapes(blobs):
    X, y = blobs
    W_final, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=7)
    assert W_final.shape == (1, 2)
    assert set(history) == {"W", "loss"}
    assert history["W"].shape == (8, 1, 2)
    assert history["loss"].shape == (8,)


def test_gradient_descent_history_starts_at_the_start_and_ends_at_W_final(blobs):
    X, y = blobs
    W0 = np.array([[-2.0, 3.0]])
    W_final, history = gradient_descent(X, y, W0, lr=0.3, n_iters=10)
    np.testing.assert_array_equal(history["W"][0], W0)
    np.testing.assert_array_equal(history["W"][-1], W_final)
    assert history["loss"][0] == pytest.approx(bce_loss(y, forward(X, W0)), rel=1e-12)


def test_gradient_descent_history_loss_is_the_loss_at_each_W(blobs):
    X, y = blobs
    _, history = gradient_descent(X, y, np.array([[-1.0, 0.5]]), lr=1.0, n_iters=25)
    expected = [bce_loss(y, forward(X, W_k)) for W_k in history["W"]]
    np.testing.assert_allclose(history["loss"], expected, rtol=1e-12)


def test_gradient_descent_each_step_is_one_gradient_step(blobs):
    X, y = blobs
    lr = 0.7
    _, history = gradient_descent(X, y, np.array([[0.5, -0.5]]), lr=lr, n_iters=6)
    for W_k, W_next in zip(history["W"][:-1], history["W"][1:], strict=True):
        expected = W_k - lr * gradient(X, y, forward(X, W_k))
        np.testing.assert_allclose(W_next, expected, rtol=1e-13, atol=1e-15)


def test_gradient_descent_loss_decreases_for_a_small_lr(blobs):
    X, y = blobs
    _, history = gradient_descent(X, y, np.zeros((1, 2)), lr=0.1, n_iters=100)
    losses = history["loss"]
    assert losses[0] == pytest.approx(LOG2, rel=1e-15)  # W = 0 predicts 0.5 everywhere
    assert np.all(np.diff(losses) < 0)
    assert losses[-1] < 0.5 * losses[0]


def test_gradient_descent_learns_the_blobs(blobs):
    X, y = blobs
    W_final, _ = gradient_descent(X, y, np.zeros((1, 2)), lr=1.0, n_iters=200)
    # The classes sit around (-1, -1) and (1, 1): both weights end up positive.
    assert np.all(W_final > 0)
    assert accuracy(y, predict(X, W_final)) >= 0.85


def test_gradient_descent_with_zero_iterations(blobs):
    X, y = blobs
    W0 = np.array([[1.0, -1.0]])
    W_final, history = gradient_descent(X, y, W0, lr=0.1, n_iters=0)
    np.testing.assert_array_equal(W_final, W0)
    assert history["W"].shape == (1, 1, 2)
    np.testing.assert_array_equal(history["W"][0], W0)
    assert history["loss"].shape == (1,)
    assert history["loss"][0] == pytest.approx(bce_loss(y, forward(X, W0)), rel=1e-12)


def test_gradient_descent_does_not_modify_inputs(blobs):
    X, y = blobs
    W = np.array([[0.3, -0.2]])
    copies = [a.copy() for a in (X, y, W)]
    W_final, history = gradient_descent(X, y, W, lr=0.5, n_iters=5)
    for a, a0 in zip((X, y, W), copies, strict=True):
        np.testing.assert_array_equal(a, a0)
    assert W_final is not W
    assert not np.shares_memory(W_final, W)
    assert not np.shares_memory(history["W"], W_final)


def test_gradient_descent_is_deterministic(blobs):
    X, y = blobs
    W1, h1 = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=20)
    W2, h2 = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=20)
    np.testing.assert_array_equal(W1, W2)
    np.testing.assert_array_equal(h1["W"], h2["W"])
    np.testing.assert_array_equal(h1["loss"], h2["loss"])


def test_gradient_descent_accepts_lists_and_int_lr():
    X = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]
    y = [[1], [1], [0]]
    W_final, history = gradient_descent(X, y, [[0, 0]], lr=1, n_iters=3)
    assert W_final.dtype == np.float64
    assert history["W"].shape == (4, 1, 2)


def test_gradient_descent_works_with_a_bias_column():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    X_b = np.hstack([X, np.ones((4, 1))])
    y = np.array([[0.0], [0.0], [1.0], [1.0]])
    W_final, history = gradient_descent(X_b, y, np.zeros((1, 2)), lr=1.0, n_iters=300)
    assert history["loss"][-1] < 0.2
    # The boundary w x + b = 0 falls between the classes, at x = 1.5.
    assert -W_final[0, 1] / W_final[0, 0] == pytest.approx(1.5, abs=0.1)


def test_the_training_settings_are_keyword_only(blobs):
    X, y = blobs
    with pytest.raises(TypeError):
        gradient_descent(X, y, np.zeros((1, 2)), 0.1, 10)
    with pytest.raises(TypeError):
        train(X, y, 2, 0.1, 5)


@pytest.mark.parametrize(
    ("scale", "lr", "cause"),
    [
        (1e306, 0.1, "the scale of X is the cause"),  # X huge, ordinary lr
        (1.0, 1e308, "the learning rate is the cause"),  # ordinary X, absurd lr
    ],
)
def test_gradient_descent_names_the_real_cause_of_overflow_without_warnings(
    blobs, scale, lr, cause
):
    # pytest turns RuntimeWarning into an error, so a leaked NumPy warning fails here too.
    X, y = blobs
    with pytest.raises(FloatingPointError, match=f"overflowed after 1 update.*{cause}"):
        gradient_descent(X * scale, y, np.zeros((1, 2)), lr=lr, n_iters=5)


def test_gradient_descent_overflow_at_the_start_blames_X_and_W(blobs):
    X, y = blobs
    with pytest.raises(FloatingPointError, match="after 0 updates.*starting W.*rescale"):
        gradient_descent(X * 1e200, y, np.full((1, 2), 1e200), lr=0.1, n_iters=5)


# =========================================================================== step_lengths
def test_step_lengths_values():
    W_history = np.array([[[0.0, 0.0]], [[3.0, 4.0]], [[3.0, 4.0]], [[2.0, 4.0]]])
    np.testing.assert_allclose(step_lengths(W_history), [5.0, 0.0, 1.0], rtol=1e-15)


def test_step_lengths_of_gradient_descent_history(blobs):
    X, y = blobs
    lr = 0.5
    _, history = gradient_descent(X, y, np.zeros((1, 2)), lr=lr, n_iters=5)
    steps = step_lengths(history["W"])
    assert steps.shape == (5,)
    expected = [lr * np.linalg.norm(gradient(X, y, forward(X, W_k))) for W_k in history["W"][:-1]]
    np.testing.assert_allclose(steps, expected, rtol=1e-12)


def test_step_lengths_of_a_single_point_is_empty():
    assert step_lengths(np.zeros((1, 1, 2))).shape == (0,)


# =========================================================================== train (the network)
def test_train_zero_epochs_returns_init_params_and_initial_loss():
    X, y = make_xor(40)
    params, hist = train(X, y, n_hidden=3, lr=0.5, n_epochs=0, activation="relu", seed=4)
    p0 = init_params(2, 3, activation="relu", seed=4)
    for k in KEYS:
        np.testing.assert_array_equal(params[k], p0[k])
    y_hat = mlp.forward(X, p0, activation="relu")[0]
    assert hist["loss"].shape == (1,)
    assert np.isclose(hist["loss"][0], bce_loss(y, y_hat))
    assert np.isclose(hist["accuracy"][0], np.mean((y_hat >= 0.5) == y))


def test_train_full_batch_first_step_is_one_gradient_step():
    X, y = make_moons(30)
    params, hist = train(X, y, n_hidden=4, lr=0.3, n_epochs=1, seed=2, snapshots=[0, 1])
    p0 = init_params(2, 4, seed=2)
    grads = mlp.backward(X, y, p0, mlp.forward(X, p0)[1])
    for k in KEYS:
        np.testing.assert_allclose(params[k], p0[k] - 0.3 * grads[k])
        np.testing.assert_array_equal(hist["snapshots"][0][k], p0[k])
        np.testing.assert_array_equal(hist["snapshots"][1][k], params[k])
    assert np.isclose(hist["loss"][1], bce_loss(y, mlp.forward(X, params)[0]))


def test_train_full_batch_loss_decreases_with_small_lr():
    X, y = make_moons(100)
    _, hist = train(X, y, n_hidden=5, lr=0.1, n_epochs=200)
    assert np.all(np.diff(hist["loss"]) < 0)


def test_train_history_shapes_and_final_values():
    X, y = make_circles(60)
    params, hist = train(X, y, n_hidden=4, lr=1.0, n_epochs=25, batch_size=16, snapshots=(0, 5, 25))
    assert hist["loss"].shape == hist["accuracy"].shape == (26,)
    assert sorted(hist["snapshots"]) == [0, 5, 25]
    assert np.isclose(hist["loss"][-1], bce_loss(y, mlp.forward(X, params)[0]))
    assert np.isclose(hist["accuracy"][-1], np.mean(mlp.predict(X, params) == y))


def test_train_is_deterministic_and_seed_matters():
    X, y = make_moons(50)
    kw = dict(n_hidden=3, lr=0.5, n_epochs=20, batch_size=8)
    p1, h1 = train(X, y, seed=1, **kw)
    p2, h2 = train(X, y, seed=1, **kw)
    p3, h3 = train(X, y, seed=2, **kw)
    np.testing.assert_array_equal(h1["loss"], h2["loss"])
    for k in KEYS:
        np.testing.assert_array_equal(p1[k], p2[k])
    assert not np.allclose(h1["loss"], h3["loss"])


def test_sgd_reshuffles_every_epoch():
    # batch_size=1 on two epochs: if the order were the same each epoch, training on
    # the data listed in that order with full control would give the same result.
    X, y = make_moons(20)
    p_sgd, _ = train(X, y, n_hidden=2, lr=0.5, n_epochs=2, batch_size=1, seed=3)
    # Reproduce by hand: same generator, init then one permutation per epoch.
    rng = np.random.default_rng(3)
    p = {k: v for k, v in init_params(2, 2, seed=3).items() if k in KEYS}  # arrays only
    rng.standard_normal((2, 2))  # the draws init_params made
    rng.standard_normal((1, 2))
    orders = [rng.permutation(20) for _ in range(2)]
    assert not np.array_equal(orders[0], orders[1])
    for order in orders:
        for i in order:
            xb, yb = X[i : i + 1], y[i : i + 1]
            g = mlp.backward(xb, yb, p, mlp.forward(xb, p, activation="tanh")[1])
            p = {k: p[k] - 0.5 * g[k] for k in KEYS}
    for k in KEYS:
        np.testing.assert_allclose(p_sgd[k], p[k], rtol=1e-12, atol=1e-12)


def test_sgd_with_the_whole_batch_equals_full_batch_up_to_rounding():
    X, y = make_moons(40)
    p_full, h_full = train(X, y, n_hidden=3, lr=0.5, n_epochs=10)
    p_sgd, h_sgd = train(X, y, n_hidden=3, lr=0.5, n_epochs=10, batch_size=40)
    np.testing.assert_allclose(h_sgd["loss"], h_full["loss"], rtol=1e-10)
    for k in KEYS:
        np.testing.assert_allclose(p_sgd[k], p_full[k], rtol=1e-9, atol=1e-12)


def test_train_does_not_modify_inputs():
    X, y = make_moons(30)
    X0, y0 = X.copy(), y.copy()
    train(X, y, n_hidden=2, lr=0.5, n_epochs=3, batch_size=7)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_snapshots_are_copies():
    X, y = make_moons(30)
    params, hist = train(X, y, n_hidden=2, lr=0.5, n_epochs=3, snapshots=[3])
    params["W1"][:] = 0.0
    assert np.any(hist["snapshots"][3]["W1"] != 0.0)


@pytest.mark.parametrize(
    "make, n_hidden, kwargs",
    [
        (make_moons, 8, {}),
        (make_circles, 8, {}),
        (make_xor, 4, {}),
        (make_moons, 8, {"batch_size": 20}),
    ],
)
def test_train_reaches_high_accuracy_on_the_non_linear_sets(make, n_hidden, kwargs):
    X, y = make(200, noise=0.1, seed=0)
    n_epochs = 100 if kwargs else 2000
    params, hist = train(X, y, n_hidden=n_hidden, lr=0.5, n_epochs=n_epochs, **kwargs)
    acc = np.mean(mlp.predict(X, params) == y)
    assert acc >= (1.0 if make is make_xor else 0.97)
    assert hist["accuracy"][-1] == acc


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_train_on_linear_data_matches_logistic_regression(activation):
    # Overlapping blobs: the best line gets 90% of these 200 points right
    # (helpers.training.gradient_descent); the network does as well, within one point.
    X, y = make_blobs(200, seed=0)
    W, _ = gradient_descent(X, y, np.zeros((1, 2)), lr=0.5, n_iters=300)
    linear = accuracy(y, predict_linear(X, W))
    assert linear == 0.9
    params, _ = train(X, y, n_hidden=2, lr=0.5, n_epochs=300, activation=activation)
    assert np.mean(mlp.predict(X, params, activation=activation) == y) >= linear - 0.005


def test_train_overflow_raises_a_clear_error():
    X, y = make_moons(20)
    X = X * 1e150
    with pytest.raises(FloatingPointError, match="try a smaller learning rate"):
        train(X, y, n_hidden=2, lr=1e150, n_epochs=50, activation="relu")


# =========================================================================== train: K classes
def k_class_data(n_samples=60, n_classes=3, seed=0):
    """Three Gaussian clouds in 2-D, labels (n, 1) in 0..2: a K-class problem a network solves."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n_samples).reshape(-1, 1) % n_classes
    angles = 2 * np.pi * labels / n_classes
    X = 2.0 * np.hstack([np.cos(angles), np.sin(angles)]) + 0.6 * rng.standard_normal(
        (n_samples, 2)
    )
    return X, labels


def test_train_k_classes_first_step_is_one_gradient_step():
    X, labels = k_class_data()
    params, hist = train(X, labels, n_hidden=4, lr=0.3, n_epochs=1, n_classes=3, seed=2)
    p0 = init_params(2, 4, n_outputs=3, seed=2)
    grads = mlp.backward(X, labels, p0, mlp.forward(X, p0)[1])
    for k in KEYS:
        np.testing.assert_allclose(params[k], p0[k] - 0.3 * grads[k], rtol=1e-13, atol=1e-15)
    z2 = mlp.forward(X, params)[1]["z2"]
    assert hist["loss"][1] == pytest.approx(cross_entropy(one_hot(labels, 3), z2), rel=1e-13)
    assert hist["accuracy"][1] == np.mean(mlp.predict(X, params) == labels)


@pytest.mark.parametrize("batch_size", [None, 16])
def test_train_k_classes_learns(batch_size):
    X, labels = k_class_data(150)
    params, hist = train(X, labels, n_hidden=8, lr=0.5, n_epochs=200, n_classes=3,
                         batch_size=batch_size)  # fmt: skip
    assert params["W2"].shape == (3, 8)
    assert hist["loss"][-1] < 0.5 * hist["loss"][0]
    assert hist["accuracy"][-1] >= 0.9
    assert hist["accuracy"][-1] == np.mean(mlp.predict(X, params) == labels)


def test_train_k_classes_refuses_two_class_thinking():
    X, labels = k_class_data()
    with pytest.raises(ValueError, match=r"y must contain only the labels 0 and 1"):
        train(X, labels, n_hidden=2, lr=0.1, n_epochs=1)  # forgot n_classes=3
    with pytest.raises(ValueError, match=r"y must be class indices from 0 to 2; got 3"):
        train(X, labels + 1, n_hidden=2, lr=0.1, n_epochs=1, n_classes=3)
    with pytest.raises(ValueError, match=r"y must be integer labels.*one-hot"):
        train(X, one_hot(labels, 3), n_hidden=2, lr=0.1, n_epochs=1, n_classes=3)
    with pytest.raises(ValueError, match=r"y_val must be class indices from 0 to 2; got 3"):
        train(X, labels, n_hidden=2, lr=0.1, n_epochs=1, n_classes=3, X_val=X, y_val=labels + 1)


# =========================================================================== weight decay
def test_weight_decay_adds_lambda_W_to_the_weights_gradients_only():
    X, y = make_moons(30)
    lam, lr = 0.1, 0.3
    params, hist = train(X, y, n_hidden=4, lr=lr, n_epochs=1, seed=2, weight_decay=lam)
    p0 = init_params(2, 4, seed=2)
    grads = mlp.backward(X, y, p0, mlp.forward(X, p0)[1])
    for k in ("W1", "W2"):
        np.testing.assert_allclose(params[k], p0[k] - lr * (grads[k] + lam * p0[k]), rtol=1e-13)
    for k in ("b1", "b2"):
        np.testing.assert_allclose(params[k], p0[k] - lr * grads[k], rtol=1e-13, atol=1e-16)
    # The history records the cross-entropy alone, not the penalty.
    assert hist["loss"][1] == pytest.approx(bce_loss(y, mlp.forward(X, params)[0]), rel=1e-12)


def test_weight_decay_keeps_the_weights_smaller_and_zero_changes_nothing():
    X, labels = k_class_data(90)
    kw = dict(n_hidden=8, lr=0.5, n_epochs=300, n_classes=3)
    plain, h_plain = train(X, labels, **kw)
    zero, h_zero = train(X, labels, weight_decay=0.0, **kw)
    decayed, _ = train(X, labels, weight_decay=0.01, **kw)
    for k in KEYS:
        np.testing.assert_array_equal(zero[k], plain[k])
    np.testing.assert_array_equal(h_zero["loss"], h_plain["loss"])

    def norm(p):
        return np.sqrt(np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))

    assert norm(decayed) < 0.8 * norm(plain)


def test_weight_decay_minimises_the_penalised_loss():
    # At the end of a long full-batch run the gradient of J = L + lam/2 ||W||^2 is ~0.
    X, y = make_moons(40)
    lam = 0.05
    params, _ = train(X, y, n_hidden=3, lr=0.5, n_epochs=4000, weight_decay=lam)
    grads = mlp.backward(X, y, params, mlp.forward(X, params)[1])
    for k in ("W1", "W2"):
        assert np.max(np.abs(grads[k] + lam * params[k])) < 1e-4
        assert np.max(np.abs(grads[k])) > 1e-3  # the plain loss alone is not at a minimum


# =========================================================================== validation, patience
def test_validation_history_is_the_loss_of_the_parameters_on_the_validation_set():
    X, labels = k_class_data(60, seed=0)
    X_val, labels_val = k_class_data(30, seed=1)
    params, hist = train(X, labels, n_hidden=5, lr=0.5, n_epochs=30, n_classes=3,
                         X_val=X_val, y_val=labels_val, snapshots=[0, 10, 30])  # fmt: skip
    assert hist["val_loss"].shape == hist["val_accuracy"].shape == (31,)
    for epoch, p in hist["snapshots"].items():
        z2 = mlp.forward(X_val, p)[1]["z2"]
        assert hist["val_loss"][epoch] == pytest.approx(
            cross_entropy(one_hot(labels_val, 3), z2), rel=1e-13
        )
        assert hist["val_accuracy"][epoch] == np.mean(mlp.predict(X_val, p) == labels_val)
    assert hist["best_epoch"] == int(np.argmin(hist["val_loss"]))
    # Without patience: the last parameters, and all the epochs.
    for k in KEYS:
        np.testing.assert_array_equal(params[k], hist["snapshots"][30][k])


def test_patience_stops_and_returns_the_best_parameters():
    # A network much larger than 24 noisy samples need: the validation loss turns up.
    X, labels = k_class_data(24, seed=0)
    X_val, labels_val = k_class_data(60, seed=1)
    kw = dict(n_hidden=30, lr=1.0, n_epochs=3000, n_classes=3, X_val=X_val, y_val=labels_val)
    _, full = train(X, labels, snapshots=range(3001), **kw)
    best = int(np.argmin(full["val_loss"]))
    assert 0 < best < 2900  # the validation loss does turn up
    params, hist = train(X, labels, patience=50, **kw)
    # Stopped 50 epochs after the best one (the first 50 epochs without a new best) ...
    assert hist["best_epoch"] == best
    assert len(hist["loss"]) == best + 50 + 1
    np.testing.assert_array_equal(hist["val_loss"], full["val_loss"][: best + 51])
    np.testing.assert_array_equal(hist["loss"], full["loss"][: best + 51])
    # ... and returned the parameters of the best epoch, not of the last.
    for k in KEYS:
        np.testing.assert_array_equal(params[k], full["snapshots"][best][k])
    assert params["activation"] == "tanh"


def test_patience_longer_than_the_run_returns_the_best_of_all_epochs():
    X, y = make_moons(40, seed=0)
    X_val, y_val = make_moons(40, seed=1)
    params, hist = train(X, y, n_hidden=3, lr=0.5, n_epochs=20, X_val=X_val, y_val=y_val,
                         patience=100, snapshots=range(21))  # fmt: skip
    assert len(hist["loss"]) == 21
    best = int(np.argmin(hist["val_loss"]))
    assert hist["best_epoch"] == best
    for k in KEYS:
        np.testing.assert_array_equal(params[k], hist["snapshots"][best][k])


def test_validation_and_patience_are_checked():
    X, y = make_moons(20)
    with pytest.raises(ValueError, match="patience=5 needs a validation set"):
        train(X, y, n_hidden=2, lr=0.1, n_epochs=1, patience=5)
    with pytest.raises(ValueError, match="y_val is missing"):
        train(X, y, n_hidden=2, lr=0.1, n_epochs=1, X_val=X)
    with pytest.raises(ValueError, match=r"X_val must have 2 features like X"):
        train(X, y, n_hidden=2, lr=0.1, n_epochs=1, X_val=X[:, :1], y_val=y)
    with pytest.raises(ValueError, match=r"y_val must have shape \(20, 1\)"):
        train(X, y, n_hidden=2, lr=0.1, n_epochs=1, X_val=X, y_val=y[:19])


def test_train_with_validation_does_not_modify_inputs():
    X, labels = k_class_data(30)
    arrays = (X, labels, X[:10].copy(), labels[:10].copy())
    before = [a.copy() for a in arrays]
    train(arrays[0], arrays[1], n_hidden=2, lr=0.5, n_epochs=5, batch_size=7, n_classes=3,
          weight_decay=0.1, X_val=arrays[2], y_val=arrays[3], patience=2)  # fmt: skip
    for a, a0 in zip(arrays, before, strict=True):
        np.testing.assert_array_equal(a, a0)
