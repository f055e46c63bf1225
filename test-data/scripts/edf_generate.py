#!/usr/bin/env python3
"""Small EDF+/BDF/BDF+ files written byte by byte from the EDF(+) and BDF(+) specifications with numpy, and what
MNE-Python reads from them, for neurostream's EDF reader tests.

Writes test-data/edf-generated/:
  bdf_plus.bdf     BDF+C: 3 EEG signals at 256 Hz (BioSemi scaling, digital extremes included), 5 records of 1 s,
                   a BDF Annotations signal with durations, two texts in one TAL and UTF-8 text
  plain.bdf        BDF (reserved field '24BIT', no annotations): 2 signals at 64 Hz, records of 0.5 s
  edf_plus_d.edf   EDF+D: 2 signals at 100 Hz with a fractional scaling, 5 records of 0.5 s with gaps between them,
                   first record at +3.25 s, annotations
  two_rates.edf    EDF+C: 2 EEG signals at 200 Hz, 1 EEG signal at 50 Hz, a 'Temp rectal' signal at 10 Hz in degC,
                   annotations
the fuzzing seeds streams/src/test/resources/org/neurostream/streams/format/edf/EdfReaderFuzzTestInputs/
(a tiny EDF+ file and a tiny BDF+ file), and test-data/golden/edf/generated/<file>.json plus <file>_<group>.bin (MNE's physical values, little-endian
float64, channel-major) and the annotations of mne.read_annotations (a Raw object would crop annotations that reach
past its continuous data, which EDF+D gaps and trailing durations do). MNE resamples mixed rates to the highest one, so each rate group is read with
read_raw_edf(include=<that group's channels>), which MNE then reads at the group's own rate.

Run from the repository root: python3 test-data/scripts/edf_generate.py
"""
import json
import pathlib

import mne
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "test-data" / "edf-generated"
GOLDEN = ROOT / "test-data" / "golden" / "edf" / "generated"
SEEDS = (ROOT / "streams" / "src" / "test" / "resources" / "org" / "neurostream" / "streams" / "format" / "edf"
         / "EdfReaderFuzzTestInputs")


def field(text, width):
    raw = str(text).encode("latin-1")
    assert len(raw) <= width, (text, width)
    return raw.ljust(width, b" ")


def num(x):
    s = repr(x) if isinstance(x, float) else str(x)
    if s.endswith(".0"):
        s = s[:-2]
    assert len(s) <= 8, s
    return s


def tal(onset, texts, duration=None):
    head = f"{onset:+g}" if isinstance(onset, float) else f"+{onset}"
    if duration is not None:
        head += "\x15" + (f"{duration:g}")
    return (head + "\x14" + "".join(t + "\x14" for t in texts) + "\x00").encode("utf-8")


def write(path, bdf, reserved, record_duration, signals, records, start=("01.02.03", "04.05.06"),
          record_count=None):
    """signals: dicts with label, dim, pmin, pmax, dmin, dmax, spr, optional annotation=True.
    records: per record a list with, per signal, an int array of spr samples or the annotation bytes."""
    ns = len(signals)
    bps = 3 if bdf else 2
    version = b"\xffBIOSEMI" if bdf else field("0", 8)
    head = version + field("X X X X", 80) + field("Startdate 02-JAN-2003 X X neurostream", 80)
    head += field(start[0], 8) + field(start[1], 8) + field(256 * (ns + 1), 8) + field(reserved, 44)
    head += field(len(records) if record_count is None else record_count, 8)
    head += field(num(record_duration), 8) + field(ns, 4)
    columns = [("label", 16), ("transducer", 80), ("dim", 8), ("pmin", 8), ("pmax", 8), ("dmin", 8), ("dmax", 8),
               ("prefilter", 80), ("spr", 8), ("reserved", 32)]
    for key, width in columns:
        for s in signals:
            value = s.get(key, "")
            head += field(num(value) if isinstance(value, (int, float)) else value, width)
    assert len(head) == 256 * (ns + 1)
    body = bytearray()
    for record in records:
        for s, content in zip(signals, record):
            if s.get("annotation"):
                assert len(content) <= s["spr"] * bps
                body += content.ljust(s["spr"] * bps, b"\x00")
            else:
                values = np.asarray(content, dtype=np.int64)
                assert values.shape == (s["spr"],)
                assert values.min() >= s["dmin"] and values.max() <= s["dmax"]
                if bdf:
                    u = (values & 0xFFFFFF).astype("<u4")
                    body += u.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
                else:
                    body += values.astype("<i2").tobytes()
    path.write_bytes(head + bytes(body))


def signal(label, spr, pmin, pmax, dmin, dmax, dim="uV"):
    return dict(label=label, dim=dim, pmin=pmin, pmax=pmax, dmin=dmin, dmax=dmax, spr=spr, transducer="AgAgCl",
                prefilter="HP:0.1Hz LP:100Hz")


def annotation_signal(label, spr):
    return dict(label=label, dim="", pmin=-1, pmax=1, dmin=-32768, dmax=32767, spr=spr, annotation=True)


def random_samples(rng, s, extremes=False):
    values = rng.integers(s["dmin"], s["dmax"] + 1, size=s["spr"])
    if extremes:
        values[0], values[-1] = s["dmin"], s["dmax"]
    return values


def bdf_plus(rng):
    signals = [signal("Fp1", 256, -262144, 262143, -8388608, 8388607),
               signal("Fp2", 256, -262144, 262143, -8388608, 8388607),
               signal("EEG Oz", 256, -262144, 262143, -8388608, 8388607),
               annotation_signal("BDF Annotations", 40)]
    extra = {1: [tal(1.5, ["Stimulus \u00b5"], 0.25)], 3: [tal(3.0, ["A", "B"])], 4: [tal(4.75, ["end"], 0.5)]}
    records = []
    for r in range(5):
        data = [random_samples(rng, s, extremes=(r == 2)) for s in signals[:3]]
        records.append(data + [tal(r, [""]) + b"".join(extra.get(r, []))])
    write(DATA / "bdf_plus.bdf", True, "BDF+C", 1, signals, records)
    return {"eeg": ["Fp1", "Fp2", "EEG Oz"]}, "BDF+", None


def plain_bdf(rng):
    signals = [signal("C3", 32, -1000.0, 1000.0, -8388608, 8388607),
               signal("C4", 32, -1000.0, 1000.0, -8388608, 8388607)]
    records = [[random_samples(rng, s, extremes=(r == 0)) for s in signals] for r in range(4)]
    write(DATA / "plain.bdf", True, "24BIT", 0.5, signals, records)
    return {"eeg": ["C3", "C4"]}, "BDF", None


def edf_plus_d(rng):
    signals = [signal("Cz", 50, -500.5, 499.7, -2048, 2047),
               signal("Pz", 50, -500.5, 499.7, -2048, 2047),
               annotation_signal("EDF Annotations", 30)]
    onsets = [3.25, 3.75, 5.0, 5.5, 12.0]
    extra = {1: [tal(4.0, ["gap-start"], 1.5)], 4: [tal(12.25, ["late"])]}
    records = []
    for r, onset in enumerate(onsets):
        data = [random_samples(rng, s, extremes=(r == 1)) for s in signals[:2]]
        records.append(data + [tal(onset, [""]) + b"".join(extra.get(r, []))])
    write(DATA / "edf_plus_d.edf", False, "EDF+D", 0.5, signals, records)
    timestamps = [onset - onsets[0] + s / 100.0 for onset in onsets for s in range(50)]
    return {"eeg": ["Cz", "Pz"]}, "EDF+", {"eeg": timestamps}


def two_rates(rng):
    signals = [signal("Fp1", 200, -3200.0, 3200.0, -32768, 32767),
               signal("Fp2", 200, -3200.0, 3200.0, -32768, 32767),
               signal("O1", 50, -3200.0, 3200.0, -32768, 32767),
               signal("Temp rectal", 10, 30, 42, 0, 4095, dim="degC"),
               annotation_signal("EDF Annotations", 20)]
    extra = {2: [tal(2.5, ["T1"], 4.0)]}
    records = []
    for r in range(4):
        data = [random_samples(rng, s) for s in signals[:4]]
        records.append(data + [tal(r, [""]) + b"".join(extra.get(r, []))])
    write(DATA / "two_rates.edf", False, "EDF+C", 1, signals, records)
    return {"eeg-200Hz": ["Fp1", "Fp2"], "eeg-50Hz": ["O1"], "temp": ["Temp rectal"]}, "EDF+", None


def fuzz_seeds():
    """Tiny but complete files, so that the fuzzer starts from inputs that reach the data records and TALs."""
    SEEDS.mkdir(parents=True, exist_ok=True)
    for bdf, name in [(False, "tiny_edf_plus.edf"), (True, "tiny_bdf_plus.bdf")]:
        signals = [signal("Cz", 4, -100, 100, -2048, 2047), signal("ECG I", 2, -5, 5, -2048, 2047),
                   annotation_signal("BDF Annotations" if bdf else "EDF Annotations", 12 if bdf else 16)]
        records = [[np.array([-2048, 0, 1, 2047]), np.array([5, -5]), tal(0, [""]) + tal(0.5, ["T1"], 0.25)],
                   [np.array([7, 8, 9, 10]), np.array([0, 1]), tal(1, [""])]]
        write(SEEDS / name, bdf, "BDF+C" if bdf else "EDF+C", 1, signals, records)


def mne_golden(path, groups, expected_format, timestamps):
    reader = mne.io.read_raw_bdf if path.suffix == ".bdf" else mne.io.read_raw_edf
    doc = {"file": f"edf-generated/{path.name}", "mne_version": mne.__version__, "format": expected_format,
           "groups": {}}
    for group, names in groups.items():
        raw = reader(path, include=names, preload=True, verbose="error")
        assert raw.ch_names == names, (raw.ch_names, names)
        # MNE keeps µV channels in V and any other unit as stored; undo its V scaling to get physical values.
        data = np.vstack([raw.get_data(picks=[n], units="uV") if n not in ("Temp rectal",)
                          else raw.get_data(picks=[n]) for n in names])
        data.astype("<f8").tofile(GOLDEN / f"{path.name}_{group}.bin")
        entry = {"ch_names": names, "sfreq": float(raw.info["sfreq"]), "n_times": int(raw.n_times),
                 "data": f"golden/edf/generated/{path.name}_{group}.bin"}
        if timestamps and group in timestamps:
            entry["timestamps"] = timestamps[group]
        doc["groups"][group] = entry
    annotations = mne.read_annotations(path)
    doc["annotations"] = {"onset": [float(x) for x in annotations.onset],
                          "duration": [float(x) for x in annotations.duration],
                          "description": [str(x) for x in annotations.description]}
    (GOLDEN / f"{path.name}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def main():
    DATA.mkdir(parents=True, exist_ok=True)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261129)
    for make, name in [(bdf_plus, "bdf_plus.bdf"), (plain_bdf, "plain.bdf"), (edf_plus_d, "edf_plus_d.edf"),
                       (two_rates, "two_rates.edf")]:
        groups, expected_format, timestamps = make(rng)
        mne_golden(DATA / name, groups, expected_format, timestamps)
        print(f"wrote {DATA / name} and its MNE golden vectors")
    fuzz_seeds()
    print(f"wrote fuzzing seeds into {SEEDS}")


if __name__ == "__main__":
    main()
