#!/usr/bin/env python3
"""A long EDF+C (or BDF+C) recording for replay memory tests and benchmarks, written with edf_generate.py's writer
(byte by byte from the EDF+/BDF+ specifications): CHANNELS EEG signals at RATE Hz for SECONDS seconds in data
records of 1 s, each signal a sine of its own frequency plus seeded noise in the digital range, and an annotation
signal with each record's time-keeping TAL and a cue (T0, T1, T2 in turn, 4.1 s long) every 4 s, as in PhysioNet's
eegmmidb files. Records are generated one at a time, so writing a file of any length needs the memory of one record
(plus the file's bytes, which the writer assembles before writing them).

Usage: python3 test-data/scripts/edf_long.py OUT [--seconds 240] [--channels 64] [--rate 1000] [--bdf] [--seed 1]
"""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from edf_generate import annotation_signal, signal, tal, write  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--seconds", type=int, default=240)
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--bdf", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.seconds < 1 or args.channels < 1 or args.rate < 1:
        parser.error("--seconds, --channels and --rate must be at least 1")

    digital = (-8388608, 8388607) if args.bdf else (-32768, 32767)
    physical = (-262144.0, 262143.0) if args.bdf else (-3276.8, 3276.7)
    signals = [signal(f"EEG {c + 1:03d}", args.rate, physical[0], physical[1], digital[0], digital[1])
               for c in range(args.channels)]
    signals.append(annotation_signal("BDF Annotations" if args.bdf else "EDF Annotations", 30 if args.bdf else 40))
    rng = np.random.default_rng(args.seed)
    frequencies = 1.0 + np.arange(args.channels) * 0.37
    amplitude = 0.25 * digital[1]
    cues = ["T0", "T1", "T2"]

    def records():
        t = np.arange(args.rate) / args.rate
        for r in range(args.seconds):
            noise = rng.normal(0.0, 0.05 * digital[1], size=(args.channels, args.rate))
            waves = amplitude * np.sin(2 * np.pi * np.outer(frequencies, r + t)) + noise
            data = list(np.clip(np.rint(waves), digital[0], digital[1]).astype(np.int64))
            annotations = tal(r, [""])
            if r % 4 == 0:
                annotations += tal(float(r), [cues[(r // 4) % 3]], 4.1)
            yield data + [annotations]

    write(args.out, args.bdf, "BDF+C" if args.bdf else "EDF+C", 1, signals, records(), record_count=args.seconds)
    print(f"wrote {args.out}: {args.channels} channels x {args.rate} Hz x {args.seconds} s")


if __name__ == "__main__":
    main()
