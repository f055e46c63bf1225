#!/usr/bin/env python3
"""A small GDF 2.20 file written byte by byte from the GDF 2 specification (Schloegl, "GDF - A general dataformat
for biosignals", v2.20) with numpy, and what MNE-Python's read_raw_gdf reads from it, for neurostream's GDF reader
tests.

Writes test-data/edf-generated/sample.gdf: 3 int16 EEG signals (C3, Cz, C4) at 250 Hz in µV (unit code 4275),
4 records of 1 s, seeded random samples including the digital extremes, and a mode-3 event table at 250 Hz with
four events (types 768, 769, 770, 1023; out of order, with durations of at least one sample so MNE's
one-sample minimum does not apply), and a tiny GDF file as a fuzzing seed
(streams/src/test/resources/.../EdfReaderFuzzTestInputs/tiny.gdf). Golden output: test-data/golden/edf/generated/sample.gdf.json and
sample.gdf_eeg.bin (MNE's values in µV, little-endian float64, channel-major).

Run from the repository root: python3 test-data/scripts/gdf_generate.py
"""
import json
import pathlib

import mne
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
PATH = ROOT / "test-data" / "edf-generated" / "sample.gdf"
GOLDEN = ROOT / "test-data" / "golden" / "edf" / "generated"
SEED = (ROOT / "streams" / "src" / "test" / "resources" / "org" / "neurostream" / "streams" / "format" / "edf"
        / "EdfReaderFuzzTestInputs" / "tiny.gdf")
LABELS = ["C3", "Cz", "C4"]
RATE = 250
RECORDS = 4
EVENTS = [  # (1-based sample position, type code, duration in samples)
    (501, 769, 100),
    (1, 768, 250),
    (251, 1023, 1),
    (800, 770, 50),
]


def text(s, width):
    raw = s.encode("ascii")
    assert len(raw) <= width
    return raw.ljust(width, b" ")


def write(path, labels, rate, records, events):
    ns = len(labels)
    fixed = bytearray(256)
    fixed[0:8] = b"GDF 2.20"
    fixed[8:74] = text("P01 Synthetic", 66)
    fixed[88:152] = text("neurostream sample", 64)
    fixed[184:186] = np.array([ns + 1], "<u2").tobytes()  # header length in 256-byte blocks
    fixed[236:244] = np.array([records], "<i8").tobytes()
    fixed[244:252] = np.array([1, 1], "<u4").tobytes()  # record duration 1/1 s
    fixed[252:254] = np.array([ns], "<u2").tobytes()
    var = b"".join(text(label, 16) for label in labels)
    var += b" " * 80 * ns  # transducer
    var += b"".join(text("uV", 6) for _ in labels)
    var += np.full(ns, 4275, "<u2").tobytes()  # physical dimension code: µV
    var += np.full(ns, -500.0, "<f8").tobytes() + np.full(ns, 500.0, "<f8").tobytes()
    var += np.full(ns, -32768.0, "<f8").tobytes() + np.full(ns, 32767.0, "<f8").tobytes()
    var += b" " * 68 * ns  # prefiltering
    var += np.zeros(3 * ns, "<f4").tobytes()  # lowpass, highpass, notch
    var += np.full(ns, rate, "<i4").tobytes()  # samples per record
    var += np.full(ns, 3, "<i4").tobytes()  # type 3: int16
    var += np.zeros(3 * ns, "<f4").tobytes()  # sensor positions
    var += np.zeros(5 * ns, "<f4").tobytes()  # impedance and reserved
    assert len(var) == 256 * ns
    rng = np.random.default_rng(2026)
    data = rng.integers(-32768, 32768, size=(records, ns, rate)).astype("<i2")
    data[0, 0, 0], data[0, 0, 1] = -32768, 32767
    pos, typ, dur = (np.array(x) for x in zip(*events))
    n = len(events)
    table = bytes([3]) + n.to_bytes(3, "little") + np.array([rate], "<f4").tobytes()
    table += pos.astype("<u4").tobytes() + typ.astype("<u2").tobytes()
    table += np.zeros(n, "<u2").tobytes() + dur.astype("<u4").tobytes()
    path.write_bytes(bytes(fixed) + var + data.tobytes() + table)


def golden():
    raw = mne.io.read_raw_gdf(PATH, preload=True, verbose="error")
    data = raw.get_data(units="uV")
    data.astype("<f8").tofile(GOLDEN / "sample.gdf_eeg.bin")
    ann = raw.annotations
    doc = {"file": "edf-generated/sample.gdf", "mne_version": mne.__version__, "ch_names": raw.ch_names,
           "sfreq": float(raw.info["sfreq"]), "n_times": int(raw.n_times),
           "data": "golden/edf/generated/sample.gdf_eeg.bin",
           "annotations": {"onset": [float(x) for x in ann.onset], "duration": [float(x) for x in ann.duration],
                           "description": [str(x) for x in ann.description]}}
    (GOLDEN / "sample.gdf.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    GOLDEN.mkdir(parents=True, exist_ok=True)
    write(PATH, LABELS, RATE, RECORDS, EVENTS)
    golden()
    print(f"wrote {PATH} and its MNE golden vectors")
    SEED.parent.mkdir(parents=True, exist_ok=True)
    write(SEED, ["Cz"], 4, 2, [(2, 768, 1), (5, 769, 2)])
    print(f"wrote the fuzzing seed {SEED}")
