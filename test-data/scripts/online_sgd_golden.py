#!/usr/bin/env python3
"""Golden vectors for neurostream's online logistic regression (bci/.../online/OnlineLogisticRegression).

Source of truth: scikit-learn's SGDClassifier (loss='log_loss', learning_rate='constant', one pass over the trials
in order, no shuffling, no averaging), which is online SGD on the L2-regularized log loss, one step per trial:
w <- w(1 - eta*alpha) - eta*(p - t)*x, b <- b - eta*(p - t).

Two cases, written to test-data/golden/online/sgd.json:
- "plain": the update with the identity preconditioner (features and intercept, L2 penalty alpha = l2).
- "preconditioned": the update theta <- theta - eta*P*g with P = M^-1, M the second moment of the features with a 1
  appended (intercept last), L2 = 0. It equals plain SGD (no intercept) on the whitened features x_hat = L^-1 x_tilde,
  M = L L^T, with theta_hat = L^T theta; scikit-learn runs that, and the result is mapped back (theta = L^-T theta_hat).

- "forgetting": the homeostatic weight forgetting of a calibrated lr (independent numpy implementation of the rule in
  OnlineLogisticRegression's class comment; scikit-learn has no per-step decay), labels swapped from trial 20 so that
  the memory shrinks: per trial, the recent error e <- (1 - beta) e + beta [prediction wrong], the memory
  m = W (1 - 2e) clipped to [4, W] (W = 15; 4 = 2 trials per class; m = W while e = 0), lambda = 1 - 1/m, the
  second moment remembered with the same memory, M <- lambda M + (1 - lambda) x_tilde x_tilde^T (M starting as
  above; inverted explicitly here, where the Java code updates M^-1 by Sherman-Morrison), its covariance part
  S = M[:p, :p] - m m^T (m = M[:p, p]) shrunk towards its scaled identity with scikit-learn's OAS intensity for
  n = (1 + lambda) / (1 - lambda) samples (the formula below is checked against sklearn.covariance.oas on samples;
  the shrinking is sklearn.covariance.shrunk_covariance), M_hat = [[S_hat + m m^T, m], [m^T, 1]], and
  theta <- lambda theta - 4 (1 - lambda) M_hat^-1 g, g = (sigmoid(theta.x_tilde) - t) x_tilde, no L2.

Synthetic data (seeded): two Gaussian classes in 4 dimensions with a large common offset, like CSP log-variances.

Run from the repository root:  python test-data/scripts/online_sgd_golden.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.covariance import oas, shrunk_covariance
from sklearn.linear_model import SGDClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "golden", "online")

rng = np.random.default_rng(20261129)
n, p = 40, 4
y = rng.integers(0, 2, n)
y[:2] = [0, 1]
X = 5 + 0.3 * rng.standard_normal((n, p)) + np.where(y[:, None] == 1, 1, -1) * 0.5 * np.arange(1, p + 1) / p
coef0 = rng.standard_normal(p)
intercept0 = float(rng.standard_normal())


def sgd(Xs, ys, eta, alpha, coef_init, intercept_init, fit_intercept):
    clf = SGDClassifier(loss="log_loss", penalty="l2", alpha=alpha, learning_rate="constant", eta0=eta, max_iter=1,
                        tol=None, shuffle=False, average=False, fit_intercept=fit_intercept)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter=1 "did not converge": one online pass is the point
        # copies: scikit-learn may train in the initial arrays in place
        clf.fit(Xs, ys, coef_init=coef_init.reshape(1, -1).copy(),
                intercept_init=np.array([intercept_init]) if fit_intercept else None)
    return clf.coef_[0], (clf.intercept_[0] if fit_intercept else 0.0)


eta, l2 = 0.05, 1e-2
plain_coef, plain_intercept = sgd(X, y, eta, l2, coef0, intercept0, True)

Xt = np.hstack([X, np.ones((n, 1))])
M = Xt.T @ Xt / n
P = np.linalg.inv(M)
L = np.linalg.cholesky(M)
Xhat = np.linalg.solve(L, Xt.T).T
theta0 = np.append(coef0, intercept0)
eta_pre = 4.0 / 15
# alpha must be > 0 for scikit-learn's checks on some versions; 1e-300 is exactly no penalty at double precision
theta_hat, _ = sgd(Xhat, y, eta_pre, 1e-300, L.T @ theta0, 0.0, False)
theta = np.linalg.solve(L.T, theta_hat)

def oas_intensity(S, n_samples):
    """scikit-learn's OAS shrinkage intensity from a covariance S of n_samples samples."""
    q = S.shape[0]
    alpha, mu = np.mean(S ** 2), np.trace(S) / q
    den = (n_samples + 1) * (alpha - mu ** 2 / q)
    return 1.0 if den == 0 else min((alpha + mu ** 2) / den, 1.0)


_, oas_check = oas(X[:9])
assert abs(oas_intensity(np.cov(X[:9].T, bias=True), 9) - oas_check) < 1e-12, "OAS formula differs from sklearn's"


def shrunk_moment(M2, lam):
    q = M2.shape[0] - 1
    s = M2[q, q]
    m = M2[:q, q] / s
    S = M2[:q, :q] / s - np.outer(m, m)
    S_hat = shrunk_covariance(S, oas_intensity(S, (1 + lam) / (1 - lam)))
    out = np.empty_like(M2)
    out[:q, :q] = S_hat + np.outer(m, m)
    out[:q, q] = m
    out[q, :q] = m
    out[q, q] = 1
    return s * out


W, beta, swap_at = 15.0, 0.2, 20
theta_f, err, lambdas, M_f = theta0.copy(), 0.0, [], M.copy()
for i in range(n):
    t = y[i] if i < swap_at else 1 - y[i]
    z = theta_f @ Xt[i]
    err = (1 - beta) * err + beta * float((z > 0) != (t == 1))
    skill = 1 - 2 * err
    memory = W if skill >= 1 else (4.0 if skill <= 0 else min(W, max(4.0, W * skill)))
    lam = 1 - 1 / memory
    g = (1 / (1 + np.exp(-z)) - t) * Xt[i]
    M_f = lam * M_f + (1 - lam) * np.outer(Xt[i], Xt[i])
    theta_f = lam * theta_f - 4 * (1 - lam) * np.linalg.solve(shrunk_moment(M_f, lam), g)
    lambdas.append(lam)

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "sgd.json"), "w") as f:
    json.dump({
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "x": X.tolist(), "y": y.tolist(), "coef0": coef0.tolist(), "intercept0": intercept0,
        "plain": {"learningRate": eta, "l2": l2, "coef": plain_coef.tolist(), "intercept": plain_intercept},
        "preconditioned": {"learningRate": eta_pre, "l2": 0.0, "preconditioner": P.tolist(),
                           "coef": theta[:p].tolist(), "intercept": float(theta[p])},
        "forgetting": {"learningRate": 4.0 / W, "forgettingFactor": 1 - 1 / W, "errorRate": beta, "swapAt": swap_at,
                       "lambdas": lambdas, "coef": theta_f[:p].tolist(), "intercept": float(theta_f[p]),
                       "preconditioner": np.linalg.inv(M_f).tolist()},
    }, f, indent=1)
print("wrote", os.path.join(OUT, "sgd.json"))
