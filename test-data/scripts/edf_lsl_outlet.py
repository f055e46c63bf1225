#!/usr/bin/env python3
"""Plays an EDF recording as live LSL streams (pylsl), as an EEG amplifier and a stimulus program would.

Two outlets, with the names and types BCI software looks for:
  EEG      name <name>, type "EEG", source id <source-id>-eeg, double64, the recording's channels (labels, unit
           "microvolts", type "EEG" in the channel metadata), values in µV as the file stores them
  Markers  name <name>-markers, type "Markers", source id <source-id>-markers, string, irregular rate, the recording's
           annotations (e.g. T0/T1/T2 cues of PhysioNet eegmmidb), one marker per cue at its onset

Sample s has the timestamp t0 + s / sfreq and an annotation at onset o has t0 + o (t0 = local_clock() when pushing
starts, or --t0), so a receiver can cut the same windows as from the file. The part [--from-seconds, --to-seconds)
is pushed, --speed times faster than real time, in chunks of --chunk samples; each marker goes out just before the
chunk that holds its onset. The script waits for a consumer on both outlets before pushing, prints
"READY <t0>" when it starts and a JSON summary when done, then keeps the outlets for --linger seconds and exits (the
streams vanish).
"""
import argparse
import json
import sys
import time

import mne
import pylsl


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("edf")
    p.add_argument("--name", required=True)
    p.add_argument("--source-id", required=True)
    p.add_argument("--speed", type=float, default=1.0)
    p.add_argument("--chunk", type=int, default=16)
    p.add_argument("--from-seconds", type=float, default=0.0)
    p.add_argument("--to-seconds", type=float, default=float("inf"))
    p.add_argument("--t0", type=float, default=None, help="LSL time of sample 0 (default: now)")
    p.add_argument("--wait-consumer", type=float, default=20.0)
    p.add_argument("--linger", type=float, default=1.0)
    a = p.parse_args()

    raw = mne.io.read_raw_edf(a.edf, preload=True, verbose="error")
    data = raw.get_data() * 1e6  # MNE gives volts; the file (and neurostream's reader) has µV
    sfreq = raw.info["sfreq"]
    n_channels, n_times = data.shape

    info = pylsl.StreamInfo(a.name, "EEG", n_channels, sfreq, pylsl.cf_double64, a.source_id + "-eeg")
    chans = info.desc().append_child("channels")
    for label in raw.ch_names:
        ch = chans.append_child("channel")
        ch.append_child_value("label", label)
        ch.append_child_value("unit", "microvolts")
        ch.append_child_value("type", "EEG")
    eeg = pylsl.StreamOutlet(info, a.chunk, 360)
    minfo = pylsl.StreamInfo(a.name + "-markers", "Markers", 1, pylsl.IRREGULAR_RATE, pylsl.cf_string,
                             a.source_id + "-markers")
    markers = pylsl.StreamOutlet(minfo)
    for outlet in (eeg, markers):
        if not outlet.wait_for_consumers(a.wait_consumer):
            print(json.dumps({"error": "no consumer within %s s" % a.wait_consumer}), flush=True)
            return 2
    time.sleep(0.5)

    t0 = pylsl.local_clock() if a.t0 is None else a.t0
    first = max(0, int(round(a.from_seconds * sfreq)))
    last = min(n_times, int(round(a.to_seconds * sfreq)) if a.to_seconds != float("inf") else n_times)
    cues = sorted((o, d) for o, d in zip(raw.annotations.onset, raw.annotations.description)
                  if first / sfreq <= o < last / sfreq)
    print("READY %.6f" % t0, flush=True)
    start = time.monotonic()
    pushed_markers = []
    k = 0
    for s in range(first, last, a.chunk):
        e = min(last, s + a.chunk)
        while k < len(cues) and cues[k][0] < e / sfreq:
            markers.push_sample([cues[k][1]], t0 + cues[k][0])
            pushed_markers.append([cues[k][1], cues[k][0]])
            k += 1
        due = start + (e - 1 - first) / sfreq / a.speed
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        eeg.push_chunk(data[:, s:e].T.tolist(), [t0 + i / sfreq for i in range(s, e)])
    time.sleep(a.linger)
    print(json.dumps({"t0": t0, "first": first, "last": last, "markers": pushed_markers}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
