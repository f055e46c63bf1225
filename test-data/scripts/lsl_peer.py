#!/usr/bin/env python3
"""Independent LSL peer (pylsl) for neurostream's tests and benchmarks.

Modes
  outlet  publish a stream with known values, timestamps and channel metadata, then print what was pushed as JSON
  inlet   resolve a stream by XPath predicate, print "READY" once connected, pull N samples, print them as JSON

Values are deterministic so the Java side can recompute them: sample s, channel c has value  s + c / 8
(exact in float32 for s < 2**20) for numeric streams, and the string  "m<s>"  ("m<s>c<c>" for c > 0) for strings.
Timestamps are  t0 + s / rate  (t0 = local_clock() at the first push) or, with --rate 0, t0 + s * 0.01.

With --realtime the outlet pushes in real time (chunk by chunk at the nominal rate) until --samples are pushed or
--duration seconds passed, instead of all at once; it stops cleanly on SIGTERM.
"""
import argparse
import json
import signal
import sys
import time

import pylsl

FORMATS = {"float32": pylsl.cf_float32, "double64": pylsl.cf_double64, "int32": pylsl.cf_int32,
           "int16": pylsl.cf_int16, "string": pylsl.cf_string}


def value(fmt, s, c):
    if fmt == "string":
        return "m%d" % s if c == 0 else "m%dc%d" % (s, c)
    if fmt in ("int32", "int16"):
        return (s * 8 + c) % 30000
    return s + c / 8.0


def outlet(a):
    info = pylsl.StreamInfo(a.name, a.type, a.channels, a.rate, FORMATS[a.format], a.source_id)
    labels = a.labels.split(",") if a.labels else []
    if labels:
        chans = info.desc().append_child("channels")
        units = a.units.split(",") if a.units else [""] * len(labels)
        types = a.types.split(",") if a.types else [""] * len(labels)
        for lab, unit, typ in zip(labels, units, types):
            ch = chans.append_child("channel")
            ch.append_child_value("label", lab)
            ch.append_child_value("unit", unit)
            ch.append_child_value("type", typ)
    info.desc().append_child("acquisition").append_child_value("manufacturer", "neurostream-test")
    out = pylsl.StreamOutlet(info, 0, 360)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    print("OUTLET %s" % a.source_id, flush=True)
    if a.wait_consumer > 0 and not out.wait_for_consumers(a.wait_consumer):
        print(json.dumps({"error": "no consumer within %s s" % a.wait_consumer}), flush=True)
        return 2
    time.sleep(a.settle)
    step = 1.0 / a.rate if a.rate > 0 else 0.01
    t0 = pylsl.local_clock()
    pushed_ts = []
    pushed = []
    s = 0
    start = time.monotonic()
    while not stop["now"] and (a.samples <= 0 or s < a.samples):
        n = a.chunk if a.samples <= 0 else min(a.chunk, a.samples - s)
        chunk = [[value(a.format, s + k, c) for c in range(a.channels)] for k in range(n)]
        ts = [t0 + (s + k) * step for k in range(n)]
        if a.realtime:
            due = start + (s + n - 1) * step
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if a.duration > 0 and time.monotonic() - start > a.duration:
                break
        out.push_chunk(chunk, ts)
        if a.record:
            pushed.extend(chunk)
            pushed_ts.extend(ts)
        s += n
    time.sleep(a.linger)
    print(json.dumps({"pushed": s, "timestamps": pushed_ts, "samples": pushed}), flush=True)
    del out
    return 0


def inlet(a):
    found = pylsl.resolve_bypred(a.pred, 1, a.timeout)
    if not found:
        print(json.dumps({"error": "no stream matches %s" % a.pred}), flush=True)
        return 2
    # recover=True: a closed outlet does not discard samples already buffered here (recover=False raises
    # LostError before they are pulled)
    inl = pylsl.StreamInlet(found[0], max_buflen=360, recover=True)
    info = inl.info(a.timeout)
    inl.open_stream(a.timeout)
    print("READY", flush=True)
    channels = []
    ch = info.desc().child("channels").child("channel")
    while not ch.empty():
        channels.append({"label": ch.child_value("label"), "unit": ch.child_value("unit"),
                         "type": ch.child_value("type")})
        ch = ch.next_sibling("channel")
    samples, stamps = [], []
    deadline = time.monotonic() + a.timeout
    while len(samples) < a.samples and time.monotonic() < deadline:
        chunk, ts = inl.pull_chunk(timeout=0.2)
        samples.extend(chunk)
        stamps.extend(ts)
    print(json.dumps({"name": info.name(), "type": info.type(), "channel_count": info.channel_count(),
                      "nominal_srate": info.nominal_srate(), "channel_format": info.channel_format(),
                      "source_id": info.source_id(), "channels": channels,
                      "timestamps": stamps, "samples": samples}), flush=True)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    o = sub.add_parser("outlet")
    o.add_argument("--name", required=True)
    o.add_argument("--type", default="EEG")
    o.add_argument("--source-id", required=True)
    o.add_argument("--channels", type=int, default=4)
    o.add_argument("--rate", type=float, default=100.0)
    o.add_argument("--format", choices=sorted(FORMATS), default="float32")
    o.add_argument("--samples", type=int, default=100, help="samples to push; 0 = until --duration or SIGTERM")
    o.add_argument("--chunk", type=int, default=10)
    o.add_argument("--labels", default="")
    o.add_argument("--units", default="")
    o.add_argument("--types", default="")
    o.add_argument("--wait-consumer", type=float, default=10.0, help="seconds to wait for an inlet; 0 = don't")
    o.add_argument("--settle", type=float, default=0.2, help="seconds between consumer and first push")
    o.add_argument("--linger", type=float, default=0.5, help="seconds to keep the outlet after the last push")
    o.add_argument("--realtime", action="store_true")
    o.add_argument("--duration", type=float, default=0.0)
    o.add_argument("--no-record", dest="record", action="store_false",
                   help="do not echo the pushed samples in the JSON output")
    i = sub.add_parser("inlet")
    i.add_argument("--pred", required=True)
    i.add_argument("--samples", type=int, required=True)
    i.add_argument("--timeout", type=float, default=10.0)
    a = p.parse_args()
    return outlet(a) if a.mode == "outlet" else inlet(a)


if __name__ == "__main__":
    sys.exit(main())
