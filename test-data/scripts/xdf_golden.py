#!/usr/bin/env python3
"""Golden vectors for neurostream's XDF reader, produced with pyxdf (the reference XDF importer).

For every XDF file in test-data/xdf/ this loads the file twice with pyxdf.load_xdf:
  - "pyxdf_defaults": pyxdf's default options (clock synchronization with clock-reset handling, and dejittering);
  - "no_dejitter":    the same with dejitter_timestamps=False (clock-synchronized raw timestamps).
and writes test-data/golden/xdf/<file stem>.json with, per stream in pyxdf's order: stream id, name, type, channel
count, nominal rate, value format, channel labels/units/types, sample count, first and last timestamp, the clock
offsets, every marker string (string streams), and per-channel exact sums (math.fsum), minima and maxima (numeric
streams). The full timestamp vector of every stream with samples goes to
<file stem>.<option set>.stream<id>.timestamps.f64le.bin (little-endian float64), so that the corrected timestamps of
clock_resets.xdf (and of the other files) can be compared sample by sample.

Run from the repository root:  python3 test-data/scripts/xdf_golden.py
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pyxdf

ROOT = Path(__file__).resolve().parents[1]
XDF_DIR = ROOT / "xdf"
OUT_DIR = ROOT / "golden" / "xdf"

OPTION_SETS = {
    "pyxdf_defaults": {},
    "no_dejitter": {"dejitter_timestamps": False},
}


def text(info, key):
    value = info.get(key, [None])[0]
    return "" if value is None else str(value)


def channels(info):
    desc = info.get("desc", [None])[0]
    if not isinstance(desc, dict) or not desc.get("channels"):
        return []
    chans = desc["channels"][0]
    if not isinstance(chans, dict):
        return []
    out = []
    for ch in chans.get("channel", []):
        ch = ch if isinstance(ch, dict) else {}
        out.append({k: ("" if ch.get(k, [None])[0] is None else str(ch.get(k)[0]))
                    for k in ("label", "unit", "type")})
    return out


def describe(stream, stem, option_set):
    info = stream["info"]
    stream_id = int(info["stream_id"])
    fmt = info["channel_format"][0]
    nch = int(info["channel_count"][0])
    ts = np.asarray(stream["time_stamps"], dtype=np.float64)
    d = {
        "stream_id": stream_id,
        "name": text(info, "name"),
        "type": text(info, "type"),
        "source_id": text(info, "source_id"),
        "channel_count": nch,
        "nominal_srate": float(info["nominal_srate"][0]),
        "channel_format": fmt,
        "channels": channels(info),
        "sample_count": int(len(ts)),
        "first_timestamp": float(ts[0]) if len(ts) else None,
        "last_timestamp": float(ts[-1]) if len(ts) else None,
        "clock_offset_count": len(stream["clock_times"]),
        "clock_times": [float(t) for t in stream["clock_times"]],
        "clock_values": [float(v) for v in stream["clock_values"]],
    }
    if fmt == "string":
        d["markers"] = [[str(v) for v in sample] for sample in stream["time_series"]]
    else:
        values = np.asarray(stream["time_series"], dtype=np.float64).reshape(len(ts), nch)
        d["channel_sums"] = [math.fsum(values[:, c]) for c in range(nch)]
        d["channel_min"] = [float(values[:, c].min()) if len(ts) else None for c in range(nch)]
        d["channel_max"] = [float(values[:, c].max()) if len(ts) else None for c in range(nch)]
    if len(ts):
        name = f"{stem}.{option_set}.stream{stream_id}.timestamps.f64le.bin"
        ts.astype("<f8").tofile(OUT_DIR / name)
        d["timestamps_file"] = name
    return d


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    files = sorted(XDF_DIR.glob("*.xdf"))
    if not files:
        sys.exit(f"no XDF files in {XDF_DIR}")
    for path in files:
        doc = {"file": path.name, "pyxdf_version": pyxdf.__version__, "option_sets": {}}
        for option_set, kwargs in OPTION_SETS.items():
            streams, _ = pyxdf.load_xdf(str(path), **kwargs)
            doc["option_sets"][option_set] = {
                "options": kwargs,
                "streams": [describe(s, path.stem, option_set) for s in streams],
            }
        out = OUT_DIR / f"{path.stem}.json"
        out.write_text(json.dumps(doc, indent=1) + "\n")
        print(f"wrote {out.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
