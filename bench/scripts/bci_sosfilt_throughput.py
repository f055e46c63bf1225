#!/usr/bin/env python3
"""Baseline for neurostream's streaming IIR filter benchmark: scipy.signal.sosfilt throughput.

Filters a channels x samples float64 signal with butter(4, [8, 30], 'bandpass', fs=250, output='sos'), either chunk by
chunk carrying zi (as an online job does) or in one call, and prints JSON with channel-samples per wall-clock second and
per CPU second of the process (medians of --repeats runs). Called by org.neurostream.bench.bci.SosFilterThroughput in the same run as the Java measurement.
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.signal as ss

parser = argparse.ArgumentParser()
parser.add_argument("--channels", type=int, default=64)
parser.add_argument("--chunk", type=int, default=32)
parser.add_argument("--total", type=int, default=160_000, help="samples per channel per run")
parser.add_argument("--repeats", type=int, default=5)
args = parser.parse_args()

sos = ss.butter(4, [8.0, 30.0], btype="bandpass", fs=250.0, output="sos")
x = np.random.default_rng(1).standard_normal((args.channels, args.total))
chunks = [np.ascontiguousarray(x[:, s:s + args.chunk]) for s in range(0, args.total, args.chunk)]


def streaming():
    zi = np.zeros((sos.shape[0], args.channels, 2))
    for chunk in chunks:
        _, zi = ss.sosfilt(sos, chunk, axis=-1, zi=zi)


def whole():
    ss.sosfilt(sos, x, axis=-1)


result = {"scipy": scipy.__version__, "numpy": np.__version__, "channels": args.channels, "chunk": args.chunk,
          "total": args.total}
for name, fn in (("streaming", streaming), ("whole", whole)):
    fn()  # warm-up
    times = []
    cpu_times = []
    for _ in range(args.repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    result[name + "ChannelSamplesPerSecond"] = args.channels * args.total / float(np.median(times))
    result[name + "ChannelSamplesPerCpuSecond"] = args.channels * args.total / float(np.median(cpu_times))
print(json.dumps(result))
