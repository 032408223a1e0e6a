#!/usr/bin/env python3
"""PyTorch's side of `emoshift bench`: emonet-py preprocessing + AlexNetBigEmoNet (demo weights) on
the committed photos, at batch 1 and batch 16, with a per-layer breakdown.

Protocol: weights built once (not timed); every measurement is warmed up once and is the median of
>= 5 runs (and >= --min-seconds of runs). Photos are read into memory first, so "preprocess" is
Pillow decode + convert('RGB') + BICUBIC 227x227 + float32 mean subtraction + CHW, no disk I/O.
Batch 16 cycles through the 9 photos (0..8, 0..6).

Run: .venv/bin/python Scripts/reference/bench_torch.py [--threads 1] [--runs 5]
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import PIL
import torch
from torch.nn import functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emonet_reference import (Preprocess, build_model, demo_mean_image, demo_weights,  # noqa: E402
                              photo_files)

MACS_PER_IMAGE = 720.4e6      # emonet-emocam.md 1.7


def measure(fn, runs: int, min_seconds: float) -> tuple[float, float]:
    """(median, min) seconds per call."""
    fn()                                            # warm-up
    samples, start = [], time.perf_counter()
    while len(samples) < runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples)


def layer_ops(m):
    return [
        ("conv1", m.conv1), ("relu1", F.relu), ("norm1", m.lr_norm), ("pool1", m.maxpool),
        ("conv2", m.conv2), ("relu2", F.relu), ("norm2", m.lr_norm), ("pool2", m.maxpool),
        ("conv3", m.conv3), ("relu3", F.relu),
        ("conv4", m.conv4), ("relu4", F.relu),
        ("conv5", m.conv5), ("relu5", F.relu), ("pool5", m.maxpool),
        ("flatten", m.matlab_flatten),
        ("fc6", m.fc1), ("relu6", F.relu), ("fc7", m.fc2), ("relu7", F.relu), ("fc8", m.fc3),
        ("softmax", lambda x: torch.softmax(x, dim=1)),
    ]


def per_layer(model, x, runs: int) -> dict[str, float]:
    ops = layer_ops(model)
    times = {name: [] for name, _ in ops}
    for r in range(runs + 1):                       # run 0 is the warm-up
        h = x
        for name, op in ops:
            t0 = time.perf_counter()
            h = op(h)
            dt = time.perf_counter() - t0
            if r:
                times[name].append(dt)
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"torch {torch.__version__} (CPU), threads {torch.get_num_threads()}, Pillow {PIL.__version__}, "
          f"numpy {np.__version__}; median of >= {args.runs} runs after 1 warm-up")

    model = build_model(demo_weights())
    prep = Preprocess(demo_mean_image())
    files = photo_files()
    blobs = [f.read_bytes() for f in files]
    n = len(files)

    def prep_one(i: int) -> torch.Tensor:
        return prep(io.BytesIO(blobs[i % n]))

    xs = [prep_one(i).unsqueeze(0) for i in range(n)]
    x16 = torch.cat([prep_one(i).unsqueeze(0) for i in range(16)], 0)

    results = {}
    with torch.inference_mode():
        cases = [
            ("preprocess", n, lambda: [prep_one(i) for i in range(n)]),
            ("forward b1", n, lambda: [model(x) for x in xs]),
            ("forward b16", 16, lambda: model(x16)),
            ("preprocess+forward b1", n, lambda: [model(prep_one(i).unsqueeze(0)) for i in range(n)]),
            ("preprocess+forward b16", 16, lambda: model(torch.stack([prep_one(i) for i in range(16)], 0))),
        ]
        for name, per, fn in cases:
            med, best = measure(fn, args.runs, args.min_seconds)
            results[name] = (med / per, best / per)

        print(f"\n{'stage':24s} {'ms/image':>9s} {'images/s':>9s} {'GMAC/s':>8s} {'min ms/img':>11s}")
        for k, (v, best) in results.items():
            gmac = f"{MACS_PER_IMAGE / v / 1e9:8.1f}" if "forward" in k else ""
            print(f"{k:24s} {v * 1e3:9.2f} {1 / v:9.2f} {gmac:>8s} {best * 1e3:11.2f}")

        l1 = {}
        for i, x in enumerate(xs):                  # batch 1: median per photo, then mean over photos
            for k, v in per_layer(model, x, args.runs).items():
                l1[k] = l1.get(k, 0.0) + v / n
        l16 = per_layer(model, x16, args.runs)
    tot1, tot16 = sum(l1.values()), sum(l16.values())
    print(f"\nload average at end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(other processes inflate the medians)")
    print(f"\nper layer (forward only; batch 1 = mean over photos of the per-photo median)")
    print(f"{'layer':10s} {'b1 ms':>8s} {'b1 %':>6s} {'b16 ms/batch':>13s} {'b16 ms/img':>11s} {'b16 %':>6s}")
    for k in l1:
        print(f"{k:10s} {l1[k] * 1e3:8.3f} {100 * l1[k] / tot1:6.1f} {l16[k] * 1e3:13.2f} "
              f"{l16[k] / 16 * 1e3:11.3f} {100 * l16[k] / tot16:6.1f}")
    print(f"{'total':10s} {tot1 * 1e3:8.3f} {100.0:6.1f} {tot16 * 1e3:13.2f} {tot16 / 16 * 1e3:11.3f} {100.0:6.1f}")


if __name__ == "__main__":
    main()
