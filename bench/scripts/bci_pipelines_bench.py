#!/usr/bin/env python3
"""Python side of neurostream's BCI pipeline benchmark (run by org.neurostream.bench.bci.BciPipelineBenchmark).

Fits csp-lda (MNE CSP(4) + scikit-learn LDA lsqr/auto), psd-lda (scipy Welch, log10, top-k R² features + LDA) and
ts-lr (pyRiemann Covariances('lwf') + TangentSpace + LogisticRegression) on the training epochs, then times feature
extraction + classification on the test epochs: as one batch call ("batch") and one epoch per call ("single", as an
online BCI does). Prints JSON with epochs per second (best of the repeats).

Usage: bci_pipelines_bench.py TRAIN.bin TRAIN_LABELS.bin TEST.bin N_CHANNELS N_TIMES REPEATS SINGLE_EPOCHS
"""
import json
import sys
import time

import mne
import numpy as np
from mne.decoding import CSP
from pyriemann.estimation import Covariances
from pyriemann.tangentspace import TangentSpace
from scipy.signal import welch
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

mne.set_log_level("ERROR")


class LogPsdTopK(BaseEstimator, TransformerMixin):
    """Welch PSD (Hann, one-second segments), log10, bins 4-40 Hz, the k features with the largest |signed R²|."""

    def __init__(self, sfreq=160.0, k=10):
        self.sfreq = sfreq
        self.k = k

    def _maps(self, X):
        f, p = welch(X, fs=self.sfreq, window="hann", nperseg=min(int(self.sfreq), X.shape[-1]), axis=-1)
        keep = (f >= 4) & (f <= 40)
        return np.log10(p[..., keep]).reshape(len(X), -1)

    def fit(self, X, y):
        m = self._maps(X)
        yy = (y == np.max(y)).astype(float)
        r = np.array([np.corrcoef(m[:, j], yy)[0, 1] for j in range(m.shape[1])])
        self.selected_ = np.argsort(-np.abs(r * np.abs(r)), kind="stable")[: self.k]
        return self

    def transform(self, X):
        return self._maps(X)[:, self.selected_]


def main():
    train_file, labels_file, test_file, n_ch, n_t, repeats, n_single = sys.argv[1:8]
    n_ch, n_t, repeats, n_single = int(n_ch), int(n_t), int(repeats), int(n_single)
    xtr = np.fromfile(train_file, dtype="<f8").reshape(-1, n_ch, n_t)
    ytr = np.fromfile(labels_file, dtype="<f8").astype(int)
    xte = np.fromfile(test_file, dtype="<f8").reshape(-1, n_ch, n_t)
    pipelines = {
        "csp-lda": make_pipeline(CSP(n_components=4), LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")),
        "psd-lda": make_pipeline(LogPsdTopK(160.0, 10), LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")),
        "ts-lr": make_pipeline(Covariances("lwf"), TangentSpace(metric="riemann"), LogisticRegression()),
    }
    out = {}
    for name, pipe in pipelines.items():
        pipe.fit(xtr, ytr)
        pipe.predict(xte[:10])  # warm-up
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            pipe.predict(xte)
            best = min(best, time.perf_counter() - t0)
        best_single = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            for i in range(n_single):
                pipe.predict(xte[i:i + 1])
            best_single = min(best_single, time.perf_counter() - t0)
        out[name] = {"batch_epochs_per_s": len(xte) / best, "single_epochs_per_s": n_single / best_single}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
