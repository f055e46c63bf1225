#!/usr/bin/env python3
"""Golden outputs for neurostream's FramePreprocessor, computed with OpenCV (cv2) on float32 images.

A seeded random 8-bit RGB image (37 x 29) goes through crop -> colour (cv2.cvtColor RGB2GRAY) -> cv2.resize
(INTER_LINEAR or INTER_AREA) -> normalization, for each case below. Writes test-data/golden/frame/preprocess.json with
the input (packed RGB24, row-major) and, per case, the spec and the planar [channel][y][x] float output.
Run: python3 test-data/scripts/frame_preprocess_golden.py
"""
import json
import os

import cv2
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "golden", "frame", "preprocess.json")
WIDTH, HEIGHT = 37, 29

CASES = [
    {"name": "rgbBilinearShrink", "crop": None, "colour": "RGB", "size": [16, 12], "resize": "BILINEAR",
     "norm": "NONE"},
    {"name": "rgbBilinearEnlarge", "crop": None, "colour": "RGB", "size": [50, 40], "resize": "BILINEAR",
     "norm": "NONE"},
    {"name": "greyAreaFractional", "crop": None, "colour": "GREY", "size": [10, 7], "resize": "AREA",
     "norm": "UNIT"},
    {"name": "greyAreaIntegerAfterCrop", "crop": [1, 1, 36, 28], "colour": "GREY", "size": [12, 7],
     "resize": "AREA", "norm": "NONE"},
    {"name": "rgbCropMeanStd", "crop": [5, 3, 20, 17], "colour": "RGB", "size": None, "resize": "BILINEAR",
     "norm": "MEANSTD", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
    {"name": "greyCropBilinearUnit", "crop": [2, 4, 30, 20], "colour": "GREY", "size": [9, 13],
     "resize": "BILINEAR", "norm": "UNIT"},
]


def run(image, case):
    img = image.astype(np.float32)
    if case["crop"]:
        x, y, w, h = case["crop"]
        img = img[y:y + h, x:x + w]
    if case["colour"] == "GREY":
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)[:, :, None]
    if case["size"]:
        interp = cv2.INTER_AREA if case["resize"] == "AREA" else cv2.INTER_LINEAR
        resized = cv2.resize(img, tuple(case["size"]), interpolation=interp)
        img = resized if resized.ndim == 3 else resized[:, :, None]
    if case["norm"] == "UNIT":
        img = img / 255.0
    elif case["norm"] == "MEANSTD":
        img = (img / 255.0 - np.array(case["mean"])) / np.array(case["std"])
    return np.ascontiguousarray(img.transpose(2, 0, 1)).astype(np.float64)


def main():
    rng = np.random.default_rng(20261129)
    image = rng.integers(0, 256, size=(HEIGHT, WIDTH, 3), dtype=np.uint8)
    out = {"opencv": cv2.__version__, "width": WIDTH, "height": HEIGHT, "rgb24": image.reshape(-1).tolist(),
           "cases": []}
    for case in CASES:
        planar = run(image, case)
        out["cases"].append({**case, "outChannels": planar.shape[0], "outHeight": planar.shape[1],
                             "outWidth": planar.shape[2], "planar": [round(float(v), 7) for v in planar.reshape(-1)]})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(CASES)} cases")


if __name__ == "__main__":
    main()
