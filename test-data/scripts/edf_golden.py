#!/usr/bin/env python3
"""Golden vectors for neurostream's EDF reader: what MNE-Python's read_raw_edf returns for PhysioNet eegmmidb
S001R04.edf (test-data/eeg/).

Writes test-data/golden/edf/:
  S001R04.json                  channel names, sfreq, n_times, meas_date, annotations (onset, duration, description),
                                per-channel sum / sum of squares / min / max of all samples in µV
  S001R04_C3_Cz_C4.bin          all samples of C3.., Cz.., C4.. in µV, little-endian float64, channel-major
  S001R04_first1000.bin         the first 1000 samples of all 64 channels in µV, little-endian float64, channel-major

Run from the repository root: python3 test-data/scripts/edf_golden.py
"""
import json
import pathlib

import mne
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "test-data" / "eeg" / "S001R04.edf"
OUT = ROOT / "test-data" / "golden" / "edf"
FULL_CHANNELS = ["C3..", "Cz..", "C4.."]
FIRST_SAMPLES = 1000


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    raw = mne.io.read_raw_edf(SOURCE, preload=True, verbose="error")
    data_uv = raw.get_data(units="uV")  # shape (n_channels, n_times), float64
    ann = raw.annotations
    doc = {
        "source": "test-data/eeg/S001R04.edf",
        "mne_version": mne.__version__,
        "ch_names": raw.ch_names,
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(raw.n_times),
        "meas_date": raw.info["meas_date"].isoformat(),
        "annotations": {
            "onset": [float(x) for x in ann.onset],
            "duration": [float(x) for x in ann.duration],
            "description": [str(x) for x in ann.description],
        },
        "full_channels": FULL_CHANNELS,
        "first_samples": FIRST_SAMPLES,
        "stats_uv": {
            "sum": [float(x) for x in data_uv.sum(axis=1)],
            "sum_of_squares": [float(x) for x in (data_uv ** 2).sum(axis=1)],
            "min": [float(x) for x in data_uv.min(axis=1)],
            "max": [float(x) for x in data_uv.max(axis=1)],
        },
    }
    (OUT / "S001R04.json").write_text(json.dumps(doc, indent=1) + "\n")
    picks = [raw.ch_names.index(c) for c in FULL_CHANNELS]
    data_uv[picks].astype("<f8").tofile(OUT / "S001R04_C3_Cz_C4.bin")
    np.ascontiguousarray(data_uv[:, :FIRST_SAMPLES]).astype("<f8").tofile(OUT / "S001R04_first1000.bin")
    print(f"wrote golden vectors for {SOURCE.name} into {OUT}")


if __name__ == "__main__":
    main()
