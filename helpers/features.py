r"""Preparing features for training (notebook 13).

:func:`standardise` centres and scales every feature with the mean and standard
deviation of the *training* set, and applies the same shift and scale to the
validation and test sets. Fitting the statistics on the training set alone keeps
the held-out sets held out: nothing about them enters the model before it is scored.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers._checks import check_X

Array = NDArray[np.float64]


def standardise(X_train, *X_others) -> tuple[Array, ...]:
    r"""Centre and scale every feature with the mean and standard deviation of ``X_train``.

    .. math:: x'_{ij} = \frac{x_{ij} - \mu_j}{s_j}, \qquad
        \mu_j = \operatorname{mean}_i\, x^{\mathrm{train}}_{ij}, \quad
        s_j = \operatorname{std}_i\, x^{\mathrm{train}}_{ij}

    The same :math:`\mu` and :math:`s`, from the training set only, are applied to
    every array. A feature that is constant on the training set (:math:`s_j = 0`,
    such as a pixel that is blank in every training image) is only centred: its
    :math:`s_j` is taken as 1, so it is 0 on every training sample (to rounding) and
    no division by zero happens. Constant means that its largest and smallest
    training values are equal: a constant such as 0.1 can get a standard deviation
    of about 1e-17 from rounding, and dividing by that would blow it up.

    Parameters
    ----------
    X_train : array-like of shape (n_train, n_features)
        The training set: the statistics are computed from it.
    *X_others : array-like of shape (n_samples, n_features)
        Further sets (validation, test) to transform with the training statistics.

    Returns
    -------
    tuple of ndarray
        The standardised ``X_train``, then each of ``X_others`` in order, each of the
        shape it came in; the inputs are not modified.

    Examples
    --------
    >>> X_train = np.array([[1.0, 5.0], [3.0, 5.0]])  # the second feature is constant
    >>> X_test = np.array([[2.0, 7.0]])
    >>> X_train_s, X_test_s = standardise(X_train, X_test)
    >>> X_train_s.tolist(), X_test_s.tolist()
    ([[-1.0, 0.0], [1.0, 0.0]], [[0.0, 2.0]])
    """
    X_train = check_X(X_train, name="X_train")
    X_others = tuple(
        _check_like(X, X_train.shape[1], f"X_others[{k}]") for k, X in enumerate(X_others)
    )
    mean = X_train.mean(axis=0)  # (n_features,): each feature's mean over the training set
    std = X_train.std(axis=0)  # (n_features,): and its spread
    std = np.where(np.ptp(X_train, axis=0) > 0, std, 1.0)  # constant: centred, never divided
    return tuple((X - mean) / std for X in (X_train, *X_others))


def _check_like(X, n_features: int, name: str) -> Array:
    """``X`` as a finite 2-D array with ``n_features`` columns, like ``X_train``."""
    X = check_X(X, name=name)
    if X.shape[1] != n_features:
        raise ValueError(
            f"{name} must have {n_features} features like X_train; got shape {X.shape}"
        )
    return X


__all__ = ["standardise"]
