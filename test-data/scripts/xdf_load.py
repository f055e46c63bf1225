#!/usr/bin/env python3
"""Loads an XDF file with pyxdf and prints it as one JSON document on stdout.

An independent reader for neurostream's XDF writer tests: a file written by XdfWriter must load here with the same
streams, values and timestamps.

Usage: python3 test-data/scripts/xdf_load.py FILE [--no-sync] [--no-dejitter]
  --no-sync       load_xdf(synchronize_clocks=False): timestamps exactly as stored
  --no-dejitter   load_xdf(dejitter_timestamps=False)

Output: {"pyxdf_version": ..., "streams": [{"stream_id", "name", "type", "source_id", "channel_count",
"nominal_srate", "channel_format", "channels": [{"label", "unit", "type"}], "time_stamps": [...],
"time_series": [[channel 0 values...], ...] (channel-major; strings for string streams), "clock_times",
"clock_values", "footer": {"first_timestamp", "last_timestamp", "sample_count"}}]}
Non-finite floats are written as the JSON extensions NaN / Infinity / -Infinity.
"""
import argparse
import json

import numpy as np
import pyxdf


def first_text(d, key):
    if not isinstance(d, dict):
        return None
    value = d.get(key, [None])[0]
    return None if value is None else str(value)


def channels(info):
    desc = info.get("desc", [None])[0]
    if not isinstance(desc, dict) or not desc.get("channels") or not isinstance(desc["channels"][0], dict):
        return []
    return [{k: (first_text(ch, k) or "") for k in ("label", "unit", "type")}
            for ch in desc["channels"][0].get("channel", [])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--no-sync", action="store_true")
    parser.add_argument("--no-dejitter", action="store_true")
    args = parser.parse_args()
    streams, _ = pyxdf.load_xdf(args.file, synchronize_clocks=not args.no_sync,
                                dejitter_timestamps=not args.no_dejitter)
    out = []
    for s in streams:
        info = s["info"]
        fmt = info["channel_format"][0]
        nch = int(info["channel_count"][0])
        if fmt == "string":
            series = [[sample[c] for sample in s["time_series"]] for c in range(nch)]
        else:
            arr = np.asarray(s["time_series"]).reshape(-1, nch)
            series = [arr[:, c].tolist() for c in range(nch)]
        footer = s.get("footer", {}).get("info", {})
        out.append({
            "stream_id": int(info["stream_id"]),
            "name": first_text(info, "name") or "",
            "type": first_text(info, "type") or "",
            "source_id": first_text(info, "source_id") or "",
            "channel_count": nch,
            "nominal_srate": float(info["nominal_srate"][0]),
            "channel_format": fmt,
            "channels": channels(info),
            "time_stamps": np.asarray(s["time_stamps"], dtype=np.float64).tolist(),
            "time_series": series,
            "clock_times": [float(t) for t in s["clock_times"]],
            "clock_values": [float(v) for v in s["clock_values"]],
            "footer": {k: first_text(footer, k) for k in ("first_timestamp", "last_timestamp", "sample_count")},
        })
    print(json.dumps({"pyxdf_version": pyxdf.__version__, "streams": out}))


if __name__ == "__main__":
    main()
