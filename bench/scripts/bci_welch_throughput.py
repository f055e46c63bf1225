#!/usr/bin/env python3
"""Baseline for neurostream's Welch benchmark: scipy.signal.welch epochs per second.

One call per epoch of --channels x --samples float64 at 160 Hz with nperseg=160 (Hann, scipy defaults otherwise),
as a per-epoch feature extractor calls it. Prints JSON with epochs per wall-clock second and per CPU second of the process (medians of
--repeats runs). Called by
org.neurostream.bench.bci.BciDspThroughput in the same run as the Java measurement.
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.signal as ss

parser = argparse.ArgumentParser()
parser.add_argument("--channels", type=int, default=64)
parser.add_argument("--samples", type=int, default=160)
parser.add_argument("--epochs", type=int, default=500)
parser.add_argument("--repeats", type=int, default=5)
args = parser.parse_args()

epochs = np.random.default_rng(1).standard_normal((args.epochs, args.channels, args.samples))


def run():
    for epoch in epochs:
        ss.welch(epoch, fs=160.0, nperseg=160, axis=-1)


run()
times = []
cpu_times = []
for _ in range(args.repeats):
    c0, t0 = time.process_time(), time.perf_counter()
    run()
    times.append(time.perf_counter() - t0)
    cpu_times.append(time.process_time() - c0)
print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "channels": args.channels,
                  "samples": args.samples, "epochsPerSecond": args.epochs / float(np.median(times)),
                  "epochsPerCpuSecond": args.epochs / float(np.median(cpu_times))}))
