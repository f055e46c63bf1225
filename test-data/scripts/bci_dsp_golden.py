#!/usr/bin/env python3
"""Golden vectors for neurostream's bci signal processing (filters, Welch, coherence, band power, epochs).

Writes test-data/golden/bci-dsp/manifest.json plus little-endian float64 .bin arrays (row-major, shapes in the
manifest). Inputs: a seeded random multichannel signal and a 4-channel x 30 s slice of real EEG (PhysioNet eegmmidb
S001R04, read with MNE from ../shared/data; the slice itself is stored as eeg_slice.bin so the tests do not need the
EDF). References: scipy.signal (butter, cheby1, iirnotch, sosfilt, sosfiltfilt, sosfilt_zi, firwin, welch, csd,
coherence), mne.filter (create_filter, filter_data) and mne.Epochs.

Run from the repository root:  python3 test-data/scripts/bci_dsp_golden.py
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.signal as ss
from scipy.integrate import trapezoid
import mne

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test-data", "golden", "bci-dsp")
EDF = os.path.join(ROOT, "..", "shared", "data", "eeg", "eegmmidb_S001", "S001R04.edf")
SEED = 20261129

os.makedirs(OUT, exist_ok=True)
manifest = {"generator": "test-data/scripts/bci_dsp_golden.py",
            "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "mne": mne.__version__,
                         "python": sys.version.split()[0]},
            "arrays": {}, "butter": [], "cheby1": [], "notch": [], "sosfilt": [], "firwin": [], "mne_fir": [],
            "welch": [], "coherence": [], "bandpower": [], "epochs": []}


def save(name, array):
    """Stores a float64 array as <name>.bin and records its shape."""
    a = np.ascontiguousarray(np.asarray(array, dtype="<f8"))
    a.tofile(os.path.join(OUT, name + ".bin"))
    manifest["arrays"][name] = list(a.shape)
    return name


# ---- inputs -----------------------------------------------------------------------------------------------------
rng = np.random.default_rng(SEED)
fs_rand = 250.0
n_rand = 2000
t = np.arange(n_rand) / fs_rand
random = rng.standard_normal((3, n_rand)) * 5.0
random[0] += 20 * np.sin(2 * np.pi * 10 * t) + 40.0          # alpha-like line plus DC offset
random[1] += 10 * np.sin(2 * np.pi * 23 * t + 0.3) - 15.0
random[2] += 0.5 * random[0] + 8 * np.sin(2 * np.pi * 50 * t)  # coupled to channel 0, mains line
save("random", random)

raw = mne.io.read_raw_edf(EDF, preload=True, verbose=False)
eeg_names = ["C3..", "Cz..", "C4..", "Fc3."]
fs_eeg = raw.info["sfreq"]
n_eeg = int(30 * fs_eeg)
eeg = raw.get_data(picks=eeg_names)[:, :n_eeg] * 1e6        # volts -> microvolts
save("eeg_slice", eeg)
inputs = {"random": (random, fs_rand), "eeg_slice": (eeg, fs_eeg)}
manifest["inputs"] = {"random": {"sampleRateHz": fs_rand, "seed": SEED},
                      "eeg_slice": {"sampleRateHz": fs_eeg, "channels": eeg_names, "source": "S001R04.edf",
                                    "firstSample": 0, "unit": "uV"}}

# ---- IIR designs ------------------------------------------------------------------------------------------------
butter_cases = [(4, "lowpass", [30.0], 250.0), (2, "highpass", [1.0], 250.0), (4, "bandpass", [8.0, 30.0], 250.0),
                (5, "bandpass", [7.0, 30.0], 160.0), (3, "bandstop", [48.0, 52.0], 250.0),
                (8, "lowpass", [40.0], 1000.0), (1, "highpass", [0.5], 160.0), (6, "bandstop", [8.0, 12.0], 160.0),
                (7, "highpass", [3.0], 128.0), (3, "bandpass", [0.5, 45.0], 500.0), (10, "lowpass", [100.0], 2048.0)]
for order, btype, wn, fs in butter_cases:
    sos = ss.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
    manifest["butter"].append({"order": order, "btype": btype, "cutoffsHz": wn, "sampleRateHz": fs,
                               "sos": sos.tolist()})
cheby_cases = [(4, 0.5, "bandpass", [8.0, 30.0], 250.0), (5, 1.0, "lowpass", [40.0], 250.0),
               (3, 2.0, "highpass", [5.0], 160.0)]
for order, rp, btype, wn, fs in cheby_cases:
    sos = ss.cheby1(order, rp, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
    manifest["cheby1"].append({"order": order, "rippleDb": rp, "btype": btype, "cutoffsHz": wn,
                               "sampleRateHz": fs, "sos": sos.tolist()})
for f0, q, fs in [(50.0, 30.0, 250.0), (60.0, 35.0, 160.0)]:
    b, a = ss.iirnotch(f0, q, fs=fs)
    manifest["notch"].append({"notchHz": f0, "q": q, "sampleRateHz": fs, "b": b.tolist(), "a": a.tolist()})

# ---- sosfilt / sosfiltfilt --------------------------------------------------------------------------------------
filter_cases = [("random", ("butter", 4, "bandpass", [8.0, 30.0])), ("random", ("butter", 2, "highpass", [1.0])),
                ("random", ("cheby1", 4, 0.5, "bandpass", [8.0, 30.0])), ("random", ("notch", 50.0, 30.0)),
                ("eeg_slice", ("butter", 5, "bandpass", [7.0, 30.0])), ("eeg_slice", ("butter", 1, "highpass", [0.5])),
                ("eeg_slice", ("notch", 60.0, 35.0))]
for i, (inp, design) in enumerate(filter_cases):
    x, fs = inputs[inp]
    if design[0] == "butter":
        _, order, btype, wn = design
        sos = ss.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
        spec = {"type": "butter", "order": order, "btype": btype, "cutoffsHz": wn}
    elif design[0] == "cheby1":
        _, order, rp, btype, wn = design
        sos = ss.cheby1(order, rp, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
        spec = {"type": "cheby1", "order": order, "rippleDb": rp, "btype": btype, "cutoffsHz": wn}
    else:
        _, f0, q = design
        sos = ss.tf2sos(*ss.iirnotch(f0, q, fs=fs))
        spec = {"type": "notch", "notchHz": f0, "q": q}
    y = ss.sosfilt(sos, x, axis=-1)
    yy = ss.sosfiltfilt(sos, x, axis=-1)
    zi = ss.sosfilt_zi(sos)
    ys = ss.sosfilt(sos, x, axis=-1, zi=zi[:, None, :] * x[:, 0][None, :, None])[0]
    padlen = 3 * (2 * len(sos) + 1 - min((sos[:, 2] == 0).sum(), (sos[:, 5] == 0).sum()))
    manifest["sosfilt"].append({"input": inp, "sampleRateHz": fs, "design": spec, "sos": sos.tolist(),
                                "zi": zi.tolist(), "padlen": int(padlen),
                                "sosfilt": save(f"sosfilt_{i}", y), "sosfiltfilt": save(f"sosfiltfilt_{i}", yy),
                                "sosfiltSteadyState": save(f"sosfilt_steady_{i}", ys)})

# ---- firwin -----------------------------------------------------------------------------------------------------
firwin_cases = [(101, [30.0], "hamming", True, True, 250.0), (51, [8.0, 30.0], "hann", False, True, 250.0),
                (65, [10.0], "blackman", False, True, 160.0), (31, [10.0, 20.0], "hamming", True, True, 100.0),
                (40, [25.0], "hamming", True, False, 250.0), (81, [5.0, 10.0, 20.0, 30.0], "boxcar", False, True, 250.0)]
for numtaps, cutoff, window, pass_zero, scale, fs in firwin_cases:
    h = ss.firwin(numtaps, cutoff if len(cutoff) > 1 else cutoff[0], window=window, pass_zero=pass_zero,
                  scale=scale, fs=fs)
    manifest["firwin"].append({"numtaps": numtaps, "cutoffsHz": cutoff, "window": window, "passZero": pass_zero,
                               "scale": scale, "sampleRateHz": fs, "taps": h.tolist()})

# ---- MNE default FIR ---------------------------------------------------------------------------------------------
mne_cases = [("eeg_slice", 7.0, 30.0), ("random", 1.0, 40.0), ("eeg_slice", None, 40.0), ("eeg_slice", 1.0, None),
             ("random", 8.0, 12.0)]
for i, (inp, l_freq, h_freq) in enumerate(mne_cases):
    x, fs = inputs[inp]
    h = mne.filter.create_filter(x, fs, l_freq, h_freq, verbose=False)
    y = mne.filter.filter_data(x, fs, l_freq, h_freq, verbose=False)
    manifest["mne_fir"].append({"input": inp, "sampleRateHz": fs, "lFreqHz": l_freq, "hFreqHz": h_freq,
                                "taps": h.tolist(), "filtered": save(f"mne_fir_{i}", y)})

# ---- Welch ------------------------------------------------------------------------------------------------------
tukey = ss.windows.tukey(128, 0.3)
welch_cases = [
    ("random", dict(window="hann", nperseg=256)),
    ("random", dict(window="hann", nperseg=128, noverlap=96, nfft=256, detrend="linear", scaling="spectrum")),
    ("random", dict(window="hamming", nperseg=200, noverlap=50, detrend=False, average="median")),
    ("random", dict(window=tukey, nperseg=128, noverlap=32)),
    ("eeg_slice", dict(window="hann", nperseg=160)),
    ("eeg_slice", dict(window="blackman", nperseg=100, nfft=127, average="median")),
    ("eeg_slice", dict(window="boxcar", nperseg=320, noverlap=0, detrend="linear")),
]
for i, (inp, kw) in enumerate(welch_cases):
    x, fs = inputs[inp]
    f, p = ss.welch(x, fs=fs, axis=-1, **kw)
    entry = {"input": inp, "sampleRateHz": fs, "frequenciesHz": f.tolist(), "psd": save(f"welch_{i}", p)}
    for key, value in kw.items():
        entry[key] = value.tolist() if isinstance(value, np.ndarray) else value
    manifest["welch"].append(entry)

# ---- coherence ----------------------------------------------------------------------------------------------------
for i, (inp, nperseg) in enumerate([("eeg_slice", 160), ("random", 128)]):
    x, fs = inputs[inp]
    c = x.shape[0]
    f, _ = ss.welch(x[0], fs=fs, nperseg=nperseg)
    msc = np.zeros((c, c, len(f)))
    imcoh = np.zeros((c, c, len(f)))
    for a in range(c):
        for b in range(c):
            _, msc[a, b] = ss.coherence(x[a], x[b], fs=fs, nperseg=nperseg)
            _, pab = ss.csd(x[a], x[b], fs=fs, nperseg=nperseg)
            _, paa = ss.welch(x[a], fs=fs, nperseg=nperseg)
            _, pbb = ss.welch(x[b], fs=fs, nperseg=nperseg)
            imcoh[a, b] = np.imag(pab) / np.sqrt(paa * pbb)
    bands = [[8.0, 12.0], [13.0, 30.0]]
    strength = np.zeros((len(bands), c))
    for bi, (lo, hi) in enumerate(bands):
        sel = (f >= lo) & (f <= hi)
        band_mean = np.abs(imcoh[:, :, sel]).mean(axis=-1)
        np.fill_diagonal(band_mean, 0.0)
        strength[bi] = band_mean.sum(axis=1)
    manifest["coherence"].append({"input": inp, "sampleRateHz": fs, "nperseg": nperseg,
                                  "frequenciesHz": f.tolist(), "msc": save(f"coherence_msc_{i}", msc),
                                  "imaginary": save(f"coherence_imag_{i}", imcoh), "bandsHz": bands,
                                  "nodeStrengthAbsImag": save(f"node_strength_{i}", strength)})

# ---- band power -----------------------------------------------------------------------------------------------------
x, fs = inputs["eeg_slice"]
f, p = ss.welch(x, fs=fs, nperseg=160)
bands = [[4.0, 8.0], [8.0, 12.0], [12.5, 30.0], [1.0, 40.0]]
for lo, hi in bands:
    sel = (f >= lo) & (f <= hi)
    df = f[1] - f[0]
    absolute_trapz = trapezoid(p[:, sel], f[sel], axis=-1)
    absolute_sum = p[:, sel].sum(axis=-1) * df
    total_trapz = trapezoid(p, f, axis=-1)
    manifest["bandpower"].append({"input": "eeg_slice", "nperseg": 160, "lowHz": lo, "highHz": hi,
                                  "absoluteTrapezoid": absolute_trapz.tolist(),
                                  "absoluteRectangle": absolute_sum.tolist(),
                                  "relativeTrapezoid": (absolute_trapz / total_trapz).tolist(),
                                  "log10Trapezoid": np.log10(absolute_trapz).tolist()})
manifest["logVariance"] = {"input": "eeg_slice", "values": np.log(np.var(x, axis=-1)).tolist()}

# ---- epochs (MNE) ---------------------------------------------------------------------------------------------------
info = mne.create_info(eeg_names, fs_eeg, ch_types="eeg")
raw_slice = mne.io.RawArray(eeg * 1e-6, info, verbose=False)
ann = raw.annotations
onsets = [float(o) for o, d in zip(ann.onset, ann.description) if o + 2.5 < n_eeg / fs_eeg]
descs = [d for o, d in zip(ann.onset, ann.description) if o + 2.5 < n_eeg / fs_eeg]
events = np.array([[int(round(o * fs_eeg)), 0, 1] for o in onsets])
for tmin, tmax, baseline, reject_uv in [(-0.5, 2.0, (None, 0.0), "median"), (0.0, 1.0, None, None),
                                        (-1.0, 3.0, (-1.0, -0.2), "median")]:
    if reject_uv == "median":
        # A threshold that keeps about half of the epochs: the median over epochs of the largest channel ptp.
        trial = mne.Epochs(raw_slice, events, event_id=1, tmin=tmin, tmax=tmax, baseline=baseline, preload=True,
                           verbose=False)
        ptp = np.ptp(trial.get_data() * 1e6, axis=-1).max(axis=-1)
        reject_uv = float(np.round(np.median(ptp), 1))
    reject = None if reject_uv is None else dict(eeg=reject_uv * 1e-6)
    ep = mne.Epochs(raw_slice, events, event_id=1, tmin=tmin, tmax=tmax, baseline=baseline, reject=reject,
                    preload=True, verbose=False)
    k = len(manifest["epochs"])
    manifest["epochs"].append({"input": "eeg_slice", "markerTimesSeconds": onsets, "markerLabels": descs,
                               "tminSeconds": tmin, "tmaxSeconds": tmax,
                               "baselineSeconds": None if baseline is None else list(baseline),
                               "rejectPeakToPeakUv": reject_uv, "keptIndices": [int(i) for i in ep.selection],
                               "dropLog": [list(d) for d in ep.drop_log],
                               "data": save(f"epochs_{k}", ep.get_data() * 1e6)})

with open(os.path.join(OUT, "manifest.json"), "w") as fh:
    json.dump(manifest, fh)
print("wrote", OUT)
