#!/usr/bin/env python3
"""Golden values for neurostream's AEDAT4 reader and event accumulation, from an independent decoder.

Reads test-data/events/sample.aedat4 with the `aedat` package (a Rust AEDAT4 decoder, independent of neurostream's
Java reader) and writes test-data/golden/aedat/sample.json:
  - width/height of the event stream, total / ON / OFF event counts, first and last timestamps [us];
  - per-packet event counts of the event stream, in file order;
  - SHA-256 of the per-pixel counts as little-endian int32 in the layout [polarity (0 = OFF, 1 = ON)][y][x];
  - the events of the first event packet (t [us], x, y, on);
  - accumulation into frames over windows of WINDOW_US microseconds starting at the first event's timestamp
    (window k holds t0 + k*W <= t < t0 + (k+1)*W): per window the ON and OFF counts and the SHA-256 of its
    [polarity][y][x] int32 LE count frame.
Run: python3 test-data/scripts/aedat_golden.py
"""
import hashlib
import importlib.metadata
import json
import os

import aedat
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "events", "sample.aedat4")
OUT = os.path.join(ROOT, "golden", "aedat", "sample.json")
WINDOW_US = 50_000


def counts_frame(events, width, height):
    frame = np.zeros((2, height, width), dtype="<i4")
    np.add.at(frame, (events["on"].astype(np.int64), events["y"].astype(np.int64), events["x"].astype(np.int64)), 1)
    return frame


def main():
    decoder = aedat.Decoder(SOURCE)
    streams = decoder.id_to_stream()
    event_ids = [sid for sid, s in streams.items() if s["type"] == "events"]
    assert len(event_ids) == 1, streams
    sid = event_ids[0]
    width, height = streams[sid]["width"], streams[sid]["height"]
    packets = [p["events"] for p in decoder if "events" in p and p["stream_id"] == sid]
    events = np.concatenate(packets)
    # numpy structured field is named ('p', 'on'): access by title.
    events = np.rec.fromarrays([events["t"].astype(np.int64), events["x"], events["y"], events["on"]],
                               names="t,x,y,on")
    first = packets[0]
    frame = counts_frame(events, width, height)
    t0 = int(events.t[0])
    windows = []
    k = 0
    t_last = int(events.t.max())
    while t0 + k * WINDOW_US <= t_last:
        lo, hi = t0 + k * WINDOW_US, t0 + (k + 1) * WINDOW_US
        sel = events[(events.t >= lo) & (events.t < hi)]
        wf = counts_frame(sel, width, height)
        windows.append({"startUs": lo, "on": int(sel.on.sum()), "off": int((~sel.on).sum()),
                        "sha256": hashlib.sha256(wf.tobytes()).hexdigest()})
        k += 1
    golden = {
        "source": "test-data/events/sample.aedat4",
        "decoder": f"aedat {importlib.metadata.version('aedat')}",
        "width": width,
        "height": height,
        "events": int(len(events)),
        "on": int(events.on.sum()),
        "off": int((~events.on).sum()),
        "firstTimestampUs": int(events.t[0]),
        "lastTimestampUs": int(events.t[-1]),
        "packetEventCounts": [int(len(p)) for p in packets],
        "pixelCountsSha256": hashlib.sha256(frame.tobytes()).hexdigest(),
        "firstPacket": {
            "t": [int(v) for v in first["t"]],
            "x": [int(v) for v in first["x"]],
            "y": [int(v) for v in first["y"]],
            "on": [bool(v) for v in first["on"]],
        },
        "accumulation": {"windowUs": WINDOW_US, "windows": windows},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {golden['events']} events ({golden['on']} ON / {golden['off']} OFF), "
          f"{len(packets)} packets, {len(windows)} windows")


if __name__ == "__main__":
    main()
