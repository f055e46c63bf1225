"""How far the channel gain tracker has undone a shift, from the per-second gain dumps of dump-gainshift.patch.

Usage: python3 gain_transient.py UNSHIFTED-gains.tsv SHIFTED-gains.tsv
Each dump line: stream key, time (s), then the 64 gains the tracker applies at that time. With k_c the shift's gain of
channel c (channel-gains-interleaved: 0.4 + 1.2 rev6(c)/63) and g0_c the unshifted run's gain at the same time, the
shift is undone when g_c k_c = g0_c; printed: median and max over channels of |log(g_c k_c / g0_c)|, and the share of
the shift undone, 1 - median|log(g k/g0)| / median|log k|.
"""
import sys

import numpy as np


def load(path):
    rows = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        rows[round(float(f[1]), 1)] = np.array([float(v) for v in f[2:]])
    return rows


def main():
    unshifted, shifted = load(sys.argv[1]), load(sys.argv[2])
    channels = len(next(iter(unshifted.values())))
    bits = (channels - 1).bit_length()
    rev = [int(format(c, f"0{bits}b")[::-1], 2) for c in range(channels)]
    k = np.array([0.4 + 1.2 * rev[c] / (channels - 1) for c in range(channels)])
    scale = np.median(np.abs(np.log(k)))
    for t in sorted(unshifted):
        if t in shifted:
            e = np.abs(np.log(shifted[t] * k / unshifted[t]))
            print(f"{t:8.1f} s  median {np.median(e):.3f}  max {e.max():.3f}  undone {1 - np.median(e) / scale:.2f}")


if __name__ == "__main__":
    main()
