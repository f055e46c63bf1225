#!/usr/bin/env python3
"""Golden per-frame figures for neurostream's VideoFileDecoder, from OpenCV's own FFmpeg build (cv2.VideoCapture).

For each clip in test-data/video/ writes test-data/golden/video/<clip>.json: width, height, frame count, and per frame
the mean R, G and B grey level (0-255) over all pixels. Means rather than pixels because two FFmpeg builds may round
the YUV->RGB conversion differently by a grey level here and there.
Run: python3 test-data/scripts/video_decode_golden.py
"""
import json
import os

import cv2
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLIPS = ["test.avi", "test_video_structuralize.mp4"]


def main():
    for clip in CLIPS:
        cap = cv2.VideoCapture(os.path.join(ROOT, "video", clip))
        assert cap.isOpened(), clip
        means = []
        width = height = None
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            height, width = bgr.shape[:2]
            rgb = bgr[:, :, ::-1].astype(np.float64)
            means.append([round(float(v), 4) for v in rgb.mean(axis=(0, 1))])
        cap.release()
        out = {"clip": f"test-data/video/{clip}", "opencv": cv2.__version__, "width": width, "height": height,
               "frames": len(means), "meanRgb": means}
        path = os.path.join(ROOT, "golden", "video", clip + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(means)} frames {width}x{height}")


if __name__ == "__main__":
    main()
