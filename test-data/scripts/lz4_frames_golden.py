#!/usr/bin/env python3
"""LZ4 frames made by the reference LZ4 library (python `lz4` package) for neurostream's Lz4FrameDecoder test.

Each case compresses the same seeded, compressible 150 kB payload with other frame options (linked or independent
blocks, block and content checksums, content size, block size) and stores the frame base64-encoded next to the
payload's SHA-256. Writes test-data/golden/aedat/lz4_frames.json.
Run: python3 test-data/scripts/lz4_frames_golden.py
"""
import base64
import hashlib
import json
import os

import lz4.frame
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "golden", "aedat", "lz4_frames.json")


def main():
    rng = np.random.default_rng(4)
    # Runs of repeated small words make matches short and long, near and far (linked blocks reach back).
    words = rng.integers(0, 6, size=30_000, dtype=np.uint8)
    payload = bytes(np.repeat(words, rng.integers(4, 33, size=words.size))[:150_000])
    cases = []
    for linked in (True, False):
        for checksums in (False, True):
            frame = lz4.frame.compress(payload, block_size=lz4.frame.BLOCKSIZE_MAX64KB, block_linked=linked,
                                       content_checksum=checksums, block_checksum=checksums,
                                       store_size=checksums)
            cases.append({"linked": linked, "checksums": checksums,
                          "frame": base64.b64encode(frame).decode("ascii")})
    out = {"lz4": lz4.version.version, "payloadLength": len(payload),
           "payloadSha256": hashlib.sha256(payload).hexdigest(), "cases": cases}
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"{OUT}: {len(cases)} frames of a {len(payload)}-byte payload")


if __name__ == "__main__":
    main()
