"""Tests of helpers.mlp, the network with one hidden layer."""

import numpy as np
import pytest

from helpers.data import make_moons
from helpers.mlp import ACTIVATIONS, GAIN, backward, forward, init_params, predict
from helpers.model import bce_loss, numerical_gradient
from helpers.softmax import cross_entropy, one_hot, softmax
from helpers.training import train

KEYS = ("W1", "b1", "W2", "b2")


def small_problem(n_samples=12, n_hidden=3, activation="tanh", seed=0):
    X, y = make_moons(n_samples, noise=0.2, seed=seed)
    params = init_params(2, n_hidden, activation=activation, seed=seed)
    # Non-zero biases so that their gradients are exercised too.
    rng = np.random.default_rng(seed + 100)
    params["b1"] = 0.3 * rng.standard_normal(params["b1"].shape)
    params["b2"] = np.array([[0.2]])
    return X, y, params


def copy_params(params):
    return {k: np.copy(v) if k in KEYS else v for k, v in params.items()}


# --------------------------------------------------------------------------- init_params
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_init_shapes_zero_biases_and_determinism(activation):
    p = init_params(3, 5, activation=activation, seed=7)
    assert set(p) == {*KEYS, "activation"}
    assert p["activation"] == activation
    assert p["W1"].shape == (5, 3)
    assert p["b1"].shape == (1, 5)
    assert p["W2"].shape == (1, 5)
    assert p["b2"].shape == (1, 1)
    np.testing.assert_array_equal(p["b1"], 0.0)
    np.testing.assert_array_equal(p["b2"], 0.0)
    q = init_params(3, 5, activation=activation, seed=7)
    for k in KEYS:
        np.testing.assert_array_equal(p[k], q[k])
    r = init_params(3, 5, activation=activation, seed=8)
    assert not np.allclose(p["W1"], r["W1"])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_init_scale(activation):
    # With many weights the sample spread is close to the documented scale.
    p = init_params(50, 4000, activation=activation, seed=0)
    assert abs(p["W1"].std() - GAIN[activation] / np.sqrt(50)) < 0.01 * GAIN[activation]
    assert abs(p["W2"].std() - 1 / np.sqrt(4000)) < 0.001
    assert abs(p["W1"].mean()) < 0.002


# --------------------------------------------------------------------------- forward
def test_forward_by_hand():
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    p = {
        "W1": np.array([[0.5, -1.0], [2.0, 0.0], [0.0, 1.0]]),
        "b1": np.array([[0.1, -0.2, 0.0]]),
        "W2": np.array([[1.0, -1.0, 0.5]]),
        "b2": np.array([[0.3]]),
    }
    y_hat, cache = forward(X, p, activation="tanh")  # a dict made by hand: name it
    Z1 = np.array([[0.5 - 2.0 + 0.1, 2.0 - 0.2, 2.0], [-0.5 - 0.5 + 0.1, -2.0 - 0.2, 0.5]])
    A1 = np.tanh(Z1)
    z2 = A1 @ np.array([1.0, -1.0, 0.5]) + 0.3
    np.testing.assert_allclose(cache["Z1"], Z1)
    np.testing.assert_allclose(cache["A1"], A1)
    np.testing.assert_allclose(cache["z2"][:, 0], z2)
    np.testing.assert_allclose(y_hat[:, 0], 1 / (1 + np.exp(-z2)))
    assert cache["activation"] == "tanh"
    # ReLU and sigmoid hidden layers.
    _, c_relu = forward(X, p, activation="relu")
    np.testing.assert_allclose(c_relu["A1"], np.maximum(Z1, 0))
    _, c_sig = forward(X, p, activation="sigmoid")
    np.testing.assert_allclose(c_sig["A1"], 1 / (1 + np.exp(-Z1)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_forward_shapes_and_range(activation):
    X, _, p = small_problem(n_samples=9, n_hidden=4, activation=activation)
    y_hat, cache = forward(X, p, activation=activation)
    assert y_hat.shape == (9, 1)
    assert cache["Z1"].shape == cache["A1"].shape == (9, 4)
    assert cache["z2"].shape == (9, 1)
    assert np.all((y_hat > 0) & (y_hat < 1))


def test_forward_is_stable_for_huge_weights():
    X = np.array([[1.0, 1.0], [-1.0, -1.0]])
    p = {
        "W1": np.full((2, 2), 1e3),
        "b1": np.zeros((1, 2)),
        "W2": np.full((1, 2), 1e3),
        "b2": np.zeros((1, 1)),
    }
    for activation in ACTIVATIONS:
        y_hat, _ = forward(X, p, activation=activation)  # no overflow warning (errors in pytest)
        assert np.all(np.isfinite(y_hat))
        assert y_hat[0, 0] == 1.0


def test_forward_does_not_modify_inputs():
    X, _, p = small_problem()
    X0, p0 = X.copy(), copy_params(p)
    forward(X, p)
    np.testing.assert_array_equal(X, X0)
    for k in KEYS:
        np.testing.assert_array_equal(p[k], p0[k])


# --------------------------------------------------------------------------- backward
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backward_matches_finite_differences(activation):
    X, y, p = small_problem(activation=activation)
    y_hat, cache = forward(X, p, activation=activation)
    grads = backward(X, y, p, cache)
    assert set(grads) == set(KEYS)
    for k in KEYS:
        assert grads[k].shape == p[k].shape

        def loss_of(value, k=k):
            q = dict(p, **{k: value})
            return bce_loss(y, forward(X, q, activation=activation)[0])

        numeric = numerical_gradient(loss_of, p[k])
        rel = np.linalg.norm(grads[k] - numeric) / np.linalg.norm(grads[k] + numeric)
        assert rel < 1e-7, (k, rel)


def test_backward_by_hand_for_one_sample():
    # One sample, one hidden unit: every step of the chain rule is a scalar.
    X = np.array([[2.0, -1.0]])
    y = np.array([[1.0]])
    p = {
        "W1": np.array([[0.5, 0.25]]),
        "b1": np.array([[0.1]]),
        "W2": np.array([[-2.0]]),
        "b2": np.array([[0.5]]),
    }
    y_hat, cache = forward(X, p, activation="tanh")
    z1 = 0.5 * 2.0 + 0.25 * -1.0 + 0.1
    a1 = np.tanh(z1)
    yh = 1 / (1 + np.exp(-(-2.0 * a1 + 0.5)))
    dz2 = yh - 1.0
    dz1 = dz2 * -2.0 * (1 - a1**2)
    g = backward(X, y, p, cache)
    np.testing.assert_allclose(g["W2"], [[dz2 * a1]])
    np.testing.assert_allclose(g["b2"], [[dz2]])
    np.testing.assert_allclose(g["W1"], [[dz1 * 2.0, dz1 * -1.0]])
    np.testing.assert_allclose(g["b1"], [[dz1]])


def test_backward_does_not_modify_inputs():
    X, y, p = small_problem()
    _, cache = forward(X, p)
    X0, y0, p0 = X.copy(), y.copy(), copy_params(p)
    backward(X, y, p, cache)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    for k in KEYS:
        np.testing.assert_array_equal(p[k], p0[k])


# --------------------------------------------------------------------------- predict
def test_predict_thresholds_probabilities():
    X, _, p = small_problem()
    y_hat, _ = forward(X, p)
    y_pred = predict(X, p)
    assert y_pred.shape == (12, 1)
    np.testing.assert_array_equal(y_pred, (y_hat >= 0.5).astype(float))
    np.testing.assert_array_equal(predict(X, p, threshold=0.999), (y_hat >= 0.999).astype(float))


# ----------------------------------------------------------------- recorded activation
def test_a_trained_network_is_scored_with_its_own_activation():
    # Before params recorded it, predict() used tanh for a ReLU network without a word.
    X, y = make_moons(200, noise=0.2, seed=0)
    params, hist = train(X, y, n_hidden=8, lr=0.5, n_epochs=300, activation="relu")
    assert params["activation"] == "relu"
    assert np.mean(predict(X, params) == y) == pytest.approx(hist["accuracy"][-1])
    np.testing.assert_array_equal(forward(X, params)[0], forward(X, params, activation="relu")[0])


@pytest.mark.parametrize("call", [forward, predict])
def test_a_mismatched_activation_is_refused_not_guessed(call):
    X, _, p = small_problem(activation="relu")
    with pytest.raises(ValueError, match=r"activation=.tanh. does not match params"):
        call(X, p, activation="tanh")
    # On purpose: the same weights with another activation.
    call(X, dict(p, activation="tanh"))
    hand_made = {k: p[k] for k in KEYS}
    with pytest.raises(ValueError, match="params has no 'activation'.*pass activation="):
        call(X, hand_made)


# --------------------------------------------------------------------------- K outputs
def k_class_problem(n_samples=20, n_classes=4, n_hidden=5, activation="tanh", seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, 3))
    labels = rng.integers(0, n_classes, size=(n_samples, 1))
    params = init_params(3, n_hidden, n_outputs=n_classes, activation=activation, seed=seed)
    params["b1"] = 0.3 * rng.standard_normal(params["b1"].shape)
    params["b2"] = 0.3 * rng.standard_normal(params["b2"].shape)
    return X, labels, params


def test_k_outputs_shapes_and_the_same_hidden_weights():
    p = init_params(3, 5, n_outputs=10, seed=7)
    assert p["W2"].shape == (10, 5) and p["b2"].shape == (1, 10)
    np.testing.assert_array_equal(p["b2"], 0.0)
    # W1 is drawn first: the same whatever the number of outputs.
    np.testing.assert_array_equal(p["W1"], init_params(3, 5, seed=7)["W1"])
    # One output is the two-class network exactly as before.
    one = init_params(3, 5, n_outputs=1, seed=7)
    for k in KEYS:
        np.testing.assert_array_equal(one[k], init_params(3, 5, seed=7)[k])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_k_outputs_forward_is_a_softmax_over_the_output_logits(activation):
    X, _, p = k_class_problem(activation=activation)
    Y_hat, cache = forward(X, p)
    assert Y_hat.shape == cache["z2"].shape == (20, 4)
    np.testing.assert_allclose(Y_hat.sum(axis=1), 1.0, atol=1e-15)
    A1 = cache["A1"]
    np.testing.assert_allclose(cache["z2"], A1 @ p["W2"].T + p["b2"], rtol=1e-14)
    np.testing.assert_allclose(Y_hat, softmax(cache["z2"]), rtol=1e-14)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_k_outputs_backward_matches_finite_differences(activation):
    X, labels, p = k_class_problem(activation=activation, seed=3)
    Y = one_hot(labels, 4)
    grads = backward(X, labels, p, forward(X, p)[1])
    for k in KEYS:
        assert grads[k].shape == p[k].shape

        def loss_of(value, k=k):
            return cross_entropy(Y, forward(X, dict(p, **{k: value}))[1]["z2"])

        numeric = numerical_gradient(loss_of, p[k])
        rel = np.linalg.norm(grads[k] - numeric) / np.linalg.norm(grads[k] + numeric)
        assert rel < 1e-7, (k, rel)


def test_k_outputs_predict_gives_the_most_probable_class():
    X, labels, p = k_class_problem()
    labels_pred = predict(X, p)
    assert labels_pred.shape == (20, 1) and labels_pred.dtype == np.int64
    np.testing.assert_array_equal(labels_pred[:, 0], forward(X, p)[0].argmax(axis=1))


def test_k_outputs_backward_refuses_one_hot_and_out_of_range_labels():
    X, labels, p = k_class_problem()
    cache = forward(X, p)[1]
    with pytest.raises(ValueError, match=r"y must be integer labels.*one-hot.*argmax"):
        backward(X, one_hot(labels, 4), p, cache)
    with pytest.raises(ValueError, match=r"y must be class indices from 0 to 3; got 4"):
        backward(X, labels + 1, p, cache)
    with pytest.raises(ValueError, match=r"cache\['z2'\] must have shape \(20, 4\)"):
        backward(X, labels, p, dict(cache, z2=cache["z2"][:, :1]))  # a two-class cache
