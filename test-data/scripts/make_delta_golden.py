#!/usr/bin/env python3
"""Golden vectors for delta-layers: a small CNN+GRU network in NumPy, its weights, and its dense forward pass.

Writes into test-data/golden/delta/:
  cnn_gru.json     architecture in the model.json schema of docs/delta-model-format.md
  cnn_gru.npz      weights via numpy.savez (names layer<i>.<parameter>; some float64 on purpose)
  cnn_gru.dmodel   the same network as a complete model file (zip of model.json + .npy), written with zipfile
  inputs.npy       float32 [steps, 8*8*2] input sequence, HWC order per step
  outputs.npy      float64 [steps, 3] dense forward outputs (NumPy, float64 arithmetic)

Layouts follow the Java library: tensors HWC, dense weights [in, out], conv weights [kh, kw, in_c, out_c],
GRU weights [in, 3h] with gate columns r, z, n and PyTorch's equations. Run: python3 test-data/scripts/make_delta_golden.py
"""
import io
import json
import os
import zipfile

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "delta")
rng = np.random.default_rng(20261129)


def conv2d(x, w, b, stride, pad):
    h, wd, c = x.shape
    kh, kw, _, oc = w.shape
    xp = np.zeros((h + 2 * pad, wd + 2 * pad, c))
    xp[pad:pad + h, pad:pad + wd] = x
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    out = np.zeros((oh, ow, oc))
    for oy in range(oh):
        for ox in range(ow):
            patch = xp[oy * stride:oy * stride + kh, ox * stride:ox * stride + kw, :]
            out[oy, ox] = np.tensordot(patch, w, axes=([0, 1, 2], [0, 1, 2])) + b
    return out


def pool(x, size, stride, kind):
    h, w, c = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((oh, ow, c))
    for oy in range(oh):
        for ox in range(ow):
            win = x[oy * stride:oy * stride + size, ox * stride:ox * stride + size]
            out[oy, ox] = win.max(axis=(0, 1)) if kind == "max" else win.mean(axis=(0, 1))
    return out


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def main():
    os.makedirs(OUT, exist_ok=True)
    arch = {
        "format": "neurostream-delta-model",
        "version": 1,
        "input": {"height": 8, "width": 8, "channels": 2},
        "layers": [
            {"type": "conv2d", "outChannels": 4, "kernelHeight": 3, "kernelWidth": 3, "stride": 1, "padding": 1,
             "threshold": 0.0},
            {"type": "activation", "function": "relu"},
            {"type": "maxpool2d", "size": 2, "stride": 2},
            {"type": "conv2d", "outChannels": 6, "kernelHeight": 3, "kernelWidth": 3, "stride": 2, "padding": 1,
             "threshold": 0.0},
            {"type": "activation", "function": "relu"},
            {"type": "avgpool2d", "size": 2, "stride": 1},
            {"type": "flatten"},
            {"type": "dense", "outputSize": 10, "threshold": 0.0},
            {"type": "activation", "function": "tanh"},
            {"type": "gru", "hiddenSize": 5, "threshold": 0.0},
            {"type": "dense", "outputSize": 3, "threshold": 0.0},
        ],
    }
    w = {
        "layer0.weights": rng.normal(0, 0.4, (3, 3, 2, 4)).astype(np.float32),
        "layer0.bias": rng.normal(0, 0.1, 4).astype(np.float32),
        "layer3.weights": rng.normal(0, 0.3, (3, 3, 4, 6)).astype(np.float32),
        "layer3.bias": rng.normal(0, 0.1, 6).astype(np.float32),
        # float64 on purpose: the importer converts it to float32.
        "layer7.weights": rng.normal(0, 0.3, (6, 10)).astype(np.float32).astype(np.float64),
        "layer7.bias": rng.normal(0, 0.1, 10).astype(np.float32),
        "layer9.inputWeights": rng.normal(0, 0.4, (10, 15)).astype(np.float32),
        "layer9.hiddenWeights": rng.normal(0, 0.4, (5, 15)).astype(np.float32),
        "layer9.inputBias": rng.normal(0, 0.1, 15).astype(np.float32),
        "layer9.hiddenBias": rng.normal(0, 0.1, 15).astype(np.float32),
        "layer10.weights": rng.normal(0, 0.5, (5, 3)).astype(np.float32),
        "layer10.bias": rng.normal(0, 0.1, 3).astype(np.float32),
    }
    steps = 12
    frames = np.zeros((steps, 8, 8, 2), dtype=np.float32)
    frame = rng.normal(0, 1, (8, 8, 2)).astype(np.float32)
    for t in range(steps):
        change = rng.random((8, 8, 2)) < 0.2
        frame = np.where(change, rng.normal(0, 1, (8, 8, 2)).astype(np.float32), frame)
        frames[t] = frame

    f = {k: v.astype(np.float64) for k, v in w.items()}
    h = np.zeros(5)
    outputs = []
    for t in range(steps):
        x = frames[t].astype(np.float64)
        x = np.maximum(conv2d(x, f["layer0.weights"], f["layer0.bias"], 1, 1), 0)
        x = pool(x, 2, 2, "max")
        x = np.maximum(conv2d(x, f["layer3.weights"], f["layer3.bias"], 2, 1), 0)
        x = pool(x, 2, 1, "avg")
        x = x.reshape(-1)
        x = np.tanh(x @ f["layer7.weights"] + f["layer7.bias"])
        gx = x @ f["layer9.inputWeights"] + f["layer9.inputBias"]
        gh = h @ f["layer9.hiddenWeights"] + f["layer9.hiddenBias"]
        r = sigmoid(gx[0:5] + gh[0:5])
        z = sigmoid(gx[5:10] + gh[5:10])
        n = np.tanh(gx[10:15] + r * gh[10:15])
        h = (1 - z) * n + z * h
        outputs.append(h @ f["layer10.weights"] + f["layer10.bias"])

    with open(os.path.join(OUT, "cnn_gru.json"), "w") as fh:
        json.dump(arch, fh, indent=2)
    np.savez(os.path.join(OUT, "cnn_gru.npz"), **w)
    with zipfile.ZipFile(os.path.join(OUT, "cnn_gru.dmodel"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("model.json", json.dumps(arch, indent=2))
        for k, v in w.items():
            buf = io.BytesIO()
            np.save(buf, v.astype(np.float32))
            z.writestr(k + ".npy", buf.getvalue())
    np.save(os.path.join(OUT, "inputs.npy"), frames.reshape(steps, -1))
    np.save(os.path.join(OUT, "outputs.npy"), np.array(outputs))


if __name__ == "__main__":
    main()
