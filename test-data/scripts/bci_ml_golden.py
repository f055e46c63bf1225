#!/usr/bin/env python3
"""Golden vectors for neurostream's bci ML half (classifiers, CSP, Riemannian features, evaluation).

Writes test-data/golden/bci-ml/: one little-endian float64 file <name>.bin per array and index.json with each
array's shape, plus scalars. Sources of truth: MNE-Python (CSP, the CSP example), scikit-learn (LDA, logistic
regression, nearest centroid, Ledoit-Wolf, CV splits, metrics), pyRiemann (covariances, Riemannian mean, tangent
space), scipy (binomial quantile).

Real data: PhysioNet eegmmidb subject 1, runs 6, 10, 14 (test-data/eeg/eegmmidb_S001, ODC-By 1.0), processed exactly
as MNE's example "Motor imagery decoding from EEG data using the Common Spatial Pattern (CSP)".

Run from the repository root:  python test-data/scripts/bci_ml_golden.py
"""
import json
import os

import mne
import numpy as np
import pyriemann
import scipy
import sklearn
from mne.decoding import CSP
from pyriemann.estimation import Covariances
from pyriemann.tangentspace import TangentSpace
from pyriemann.geometry.mean import mean_riemann
from scipy.stats import binom
from sklearn.covariance import ledoit_wolf
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, confusion_matrix,
                             roc_auc_score)
from sklearn.model_selection import KFold, ShuffleSplit, StratifiedKFold, cross_val_score
from sklearn.neighbors import NearestCentroid
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "golden", "bci-ml")
EEG = os.path.join(ROOT, "eeg", "eegmmidb_S001")
index = {"versions": {"mne": mne.__version__, "sklearn": sklearn.__version__, "pyriemann": pyriemann.__version__,
                      "numpy": np.__version__, "scipy": scipy.__version__}, "arrays": {}, "scalars": {}}


def save(name, a):
    a = np.ascontiguousarray(np.asarray(a, dtype="<f8"))
    a.tofile(os.path.join(OUT, name + ".bin"))
    index["arrays"][name] = list(a.shape)


def scalar(name, v):
    index["scalars"][name] = float(v)


mne.set_log_level("ERROR")
os.makedirs(OUT, exist_ok=True)

# ---------------------------------------------------------------- MNE's CSP example on eegmmidb S001 runs 6, 10, 14
raw = mne.concatenate_raws([mne.io.read_raw_edf(os.path.join(EEG, f"S001R{r:02d}.edf"), preload=True)
                            for r in (6, 10, 14)])
mne.datasets.eegbci.standardize(raw)
raw.set_montage(mne.channels.make_standard_montage("standard_1005"))
raw.annotations.rename(dict(T1="hands", T2="feet"))
raw.set_eeg_reference(projection=True)
raw.filter(7.0, 30.0, fir_design="firwin", skip_by_annotation="edge")
picks = mne.pick_types(raw.info, meg=False, eeg=True, stim=False, eog=False, exclude="bads")
epochs = mne.Epochs(raw, event_id=["hands", "feet"], tmin=-1.0, tmax=4.0, proj=True, picks=picks, baseline=None,
                    preload=True)
epochs_train = epochs.copy().crop(tmin=1.0, tmax=2.0)
labels = epochs.events[:, -1] - 2
x = epochs_train.get_data(copy=False) * 1e6  # µV, as neurostream reads EDF
y = labels.astype(float)
save("mi_epochs", x)
save("mi_labels", y)
save("mi_event_samples", epochs.events[:, 0])

cv = ShuffleSplit(10, test_size=0.2, random_state=42)
clf = Pipeline([("CSP", CSP(n_components=4, reg=None, log=True, norm_trace=False)),
                ("LDA", LinearDiscriminantAnalysis())])
scores = cross_val_score(clf, x, labels, cv=cv)
save("mi_cv_scores", scores)
scalar("mi_cv_accuracy", scores.mean())
scalar("mi_chance", max(np.mean(labels == labels[0]), 1.0 - np.mean(labels == labels[0])))
for i, (tr, te) in enumerate(cv.split(x)):
    save(f"shuffle_train_{i}", tr)
    save(f"shuffle_test_{i}", te)
# The same splits with neurostream's classifier choice (shrinkage LDA) for the fold-by-fold comparison.
clf_shr = Pipeline([("CSP", CSP(n_components=4, reg=None, log=True, norm_trace=False)),
                    ("LDA", LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"))])
save("mi_cv_scores_lsqr_auto", cross_val_score(clf_shr, x, labels, cv=cv))
# Without the average-reference projection (as a plain EDF reader delivers the data), same splits.
raw_noref = mne.concatenate_raws([mne.io.read_raw_edf(os.path.join(EEG, f"S001R{r:02d}.edf"), preload=True)
                                  for r in (6, 10, 14)])
mne.datasets.eegbci.standardize(raw_noref)
raw_noref.annotations.rename(dict(T1="hands", T2="feet"))
raw_noref.filter(7.0, 30.0, fir_design="firwin", skip_by_annotation="edge")
ep2 = mne.Epochs(raw_noref, event_id=["hands", "feet"], tmin=-1.0, tmax=4.0, picks="eeg", baseline=None,
                 preload=True).crop(tmin=1.0, tmax=2.0)
scores2 = cross_val_score(clf, ep2.get_data(copy=False), labels, cv=cv)
scalar("mi_cv_accuracy_noref", scores2.mean())

# CSP fitted on all epochs: features, filters, patterns, eigenvalues, for three regularizations.
# The average-reference projection makes the epochs rank 63. MNE then estimates each class covariance in a
# 63-dimensional basis taken from a degenerate eigenspace (LAPACK's choice); Ledoit-Wolf's intensity depends on that
# basis, so the 'ledoit_wolf' case uses the first 16 channels (full rank), where the result is basis-free.
for tag, reg, xx in (("none", None, x), ("shrink01", 0.1, x), ("lw", "ledoit_wolf", x[:, :16])):
    csp = CSP(n_components=4, reg=reg, log=True, norm_trace=False).fit(xx, labels)
    save(f"csp_{tag}_features", csp.transform(xx))
    save(f"csp_{tag}_filters", csp.filters_)
    save(f"csp_{tag}_patterns", csp.patterns_)
    save(f"csp_{tag}_evals", csp.evals_)
    save(f"csp_{tag}_mean", csp.mean_)
    save(f"csp_{tag}_std", csp.std_)
csp = CSP(n_components=4, log=False).fit(x, labels)
save("csp_nolog_features", csp.transform(x))

# LDA (lsqr + Ledoit-Wolf) on the CSP features of all epochs.
feats = CSP(n_components=4).fit(x, labels).transform(x)
lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto").fit(feats, labels)
save("lda_csp_coef", lda.coef_)
save("lda_csp_intercept", lda.intercept_)
save("lda_csp_decision", lda.decision_function(feats))
save("lda_csp_predict", lda.predict(feats))


def class_shrinkages(X, y):
    out = []
    for c in np.unique(y):
        Z = StandardScaler().fit_transform(X[y == c])
        out.append(ledoit_wolf(Z)[1])
    return out


save("lda_csp_shrinkage", class_shrinkages(feats, labels))

# ---------------------------------------------------------------- small random data
rng = np.random.RandomState(7)
X3 = rng.randn(60, 5) @ rng.randn(5, 5) + np.repeat(rng.randn(3, 5), 20, axis=0)
y3 = np.repeat([0, 1, 2], 20)
save("rand3_x", X3)
save("rand3_y", y3)
for tag, shr in (("auto", "auto"), ("none", None), ("fixed03", 0.3)):
    m = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=shr).fit(X3, y3)
    save(f"lda3_{tag}_coef", m.coef_)
    save(f"lda3_{tag}_intercept", m.intercept_)
    save(f"lda3_{tag}_decision", m.decision_function(X3))
    save(f"lda3_{tag}_predict", m.predict(X3))
save("lda3_auto_shrinkage", class_shrinkages(X3, y3))
lw_cov, lw_shr = ledoit_wolf(X3)
save("ledoit_wolf_cov", lw_cov)
scalar("ledoit_wolf_shrinkage", lw_shr)

for tag, C in (("c1", 1.0), ("c01", 0.1)):
    lr = LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=10000).fit(X3, y3)
    save(f"lr3_{tag}_coef", lr.coef_)
    save(f"lr3_{tag}_intercept", lr.intercept_)
    save(f"lr3_{tag}_decision", lr.decision_function(X3))
    m2 = y3 < 2
    lr2 = LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=10000).fit(X3[m2], y3[m2])
    save(f"lr2_{tag}_coef", lr2.coef_)
    save(f"lr2_{tag}_intercept", lr2.intercept_)

nc = NearestCentroid().fit(X3, y3)
save("ncm_centroids", nc.centroids_)
save("ncm_predict", nc.predict(X3))

# CSP on small random data with three channels of different variance per class
xr = rng.randn(30, 6, 50)
yr = np.repeat([0, 1], 15)
xr[yr == 1, 0] *= 3.0
xr[yr == 0, 2] *= 2.0
save("rand_csp_x", xr)
save("rand_csp_y", yr)
cspr = CSP(n_components=3).fit(xr, yr)
save("rand_csp_features", cspr.transform(xr))
save("rand_csp_evals", cspr.evals_)

# three-class CSP (approximate joint diagonalization, mutual-information order)
xr3 = rng.randn(45, 6, 60)
yr3 = np.repeat([0, 1, 2], 15)
xr3[yr3 == 1, 0] *= 3.0
xr3[yr3 == 2, 3] *= 2.5
xr3[yr3 == 0, 5] *= 1.8
save("rand3_csp_x", xr3)
save("rand3_csp_y", yr3)
csp3 = CSP(n_components=4).fit(xr3, yr3)
save("rand3_csp_features", csp3.transform(xr3))
save("rand3_csp_filters", csp3.filters_)
csp3e = CSP(n_components=4, cov_est="epoch").fit(xr3, yr3)
save("rand3_csp_epoch_features", csp3e.transform(xr3))

# ---------------------------------------------------------------- Riemannian: covariances, mean, tangent space
xs = x[:, :16, :]  # 16 channels keep the files small; the Java test runs the same code path as for 64
for est in ("scm", "lwf"):
    covs = Covariances(estimator=est).fit_transform(xs)
    save(f"cov_{est}", covs)
    save(f"mean_riemann_{est}", mean_riemann(covs))
    ts = TangentSpace(metric="riemann").fit(covs)
    save(f"ts_{est}_reference", ts.reference_)
    save(f"ts_{est}_vectors", ts.transform(covs))
# tangent space + logistic regression on the 16-channel lwf covariances
tsv = TangentSpace(metric="riemann").fit_transform(Covariances("lwf").fit_transform(xs))
lr = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(tsv, labels)
save("ts_lr_coef", lr.coef_)
save("ts_lr_intercept", lr.intercept_)

# ---------------------------------------------------------------- evaluation: splits and metrics
ycv = np.array([0, 0, 1, 1, 1, 2, 0, 1, 2, 2, 0, 0, 1, 1, 2, 0, 1])
save("cv_y", ycv)
for i, (tr, te) in enumerate(KFold(5).split(ycv)):
    save(f"kfold_test_{i}", te)
for i, (tr, te) in enumerate(StratifiedKFold(4).split(np.zeros(len(ycv)), ycv)):
    save(f"stratified_test_{i}", te)
for i, (tr, te) in enumerate(ShuffleSplit(3, test_size=0.25, random_state=3).split(ycv)):
    save(f"shuffle17_train_{i}", tr)
    save(f"shuffle17_test_{i}", te)
save("permutation_seed0_n1000", np.random.RandomState(0).permutation(1000))
save("permutation_seed123456789_n70000", np.random.RandomState(123456789).permutation(70000)[:200])

yt = rng.randint(0, 2, 40)
score = yt * 0.8 + rng.randn(40) * 0.6
score = np.round(score, 1)  # ties on purpose
yp = (score > 0.4).astype(int)
save("metric_true", yt)
save("metric_score", score)
save("metric_pred", yp)
scalar("metric_accuracy", accuracy_score(yt, yp))
scalar("metric_balanced_accuracy", balanced_accuracy_score(yt, yp))
scalar("metric_kappa", cohen_kappa_score(yt, yp))
scalar("metric_auc", roc_auc_score(yt, score))
save("metric_confusion", confusion_matrix(yt, yp))
yt3 = rng.randint(0, 3, 50)
yp3 = np.where(rng.rand(50) < 0.6, yt3, rng.randint(0, 3, 50))
save("metric3_true", yt3)
save("metric3_pred", yp3)
scalar("metric3_balanced_accuracy", balanced_accuracy_score(yt3, yp3))
scalar("metric3_kappa", cohen_kappa_score(yt3, yp3))
save("metric3_confusion", confusion_matrix(yt3, yp3))
for n, c in ((45, 2), (100, 2), (60, 3)):
    scalar(f"binom_threshold_{n}_{c}", binom.ppf(0.95, n, 1.0 / c) / n)

with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=1, sort_keys=True)
print("CSP example accuracy (MNE):", scores.mean(), "without reference projection:", scores2.mean())
