#!/usr/bin/env python3
"""PyTorch's side of the CAM benchmarks: pytorch-grad-cam GradCAM, ScoreCAM and AblationCAM (their
default batch sizes: ScoreCAM 16, AblationCAM 32) on the demo EmoNet, target layer conv5,
targets=None, per image, CPU.

Protocol: model built once (not timed); photos preprocessed once (not timed); for every method and
photo one warm-up call, then the median (and min) of >= --runs calls. Each call constructs the
CAM object (as EmoCAM does per image) and runs cam(input_tensor=x, targets=None); the object's hooks
are released after each call. The 1-minute load average is printed next to every number because
other processes may share the CPUs.

Also timed, for reference: the same Ablation-CAM weights computed the cheap way (conv5 output
cached, the 256 channel-ablated copies run through the tail only, batches of 32), which is what a
re-implementation that caches A does; and the plain forward pass.

Run: .venv/bin/python Scripts/reference/bench_cam_torch.py [--threads 1] [--runs 3] [--photos 3]
"""
from __future__ import annotations

import os

os.environ.setdefault("TQDM_DISABLE", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import importlib.metadata as md  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch.nn import functional as F  # noqa: E402
from pytorch_grad_cam import AblationCAM, GradCAM, ScoreCAM  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emonet_reference import Preprocess, build_model, demo_mean_image, demo_weights, photo_files  # noqa: E402


def tail_ablation(model, x):
    """Ablation-CAM weights with conv5 cached: (y - y_k) / y, channel k of relu(conv5) zeroed."""
    with torch.no_grad():
        L = model.layers(x)
        c = int(L["probabilities"][0].argmax())
        y = L["probabilities"][0, c]
        A = L["conv5"]
        batch = A.repeat(256, 1, 1, 1)
        k = torch.arange(256)
        batch[k, k] = -1.0e30
        ys = []
        for i in range(0, 256, 32):
            p = model.maxpool(F.relu(batch[i:i + 32]))
            h = p.permute((0, 1, 3, 2)).reshape(p.shape[0], -1)
            z = model.fc3(F.relu(model.fc2(F.relu(model.fc1(h)))))
            ys.append(torch.softmax(z, dim=1)[:, c])
        return ((y - torch.cat(ys)) / y).numpy()


def forward(model, x):
    with torch.no_grad():
        return model(x)


def measure(fn, runs: int):
    fn()                                              # warm-up
    samples, loads = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
        loads.append(os.getloadavg()[0])
    return statistics.median(samples), min(samples), max(loads)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--photos", type=int, default=3, help="first N photos (sorted)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"python {platform.python_version()}, torch {torch.__version__} (CPU, threads "
          f"{torch.get_num_threads()}), grad-cam {md.version('grad-cam')}, numpy {np.__version__}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, {os.cpu_count()} CPUs")
    print(f"CPU: {_cpu_name()}")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    model = build_model(demo_weights())
    pre = Preprocess(demo_mean_image())
    files = photo_files()[:args.photos]
    xs = [pre(f)[None] for f in files]

    def cam_call(cls, x):
        def fn():
            with cls(model=model, target_layers=[model.conv5]) as cam:
                return cam(input_tensor=x, targets=None)
        return fn

    rows = [("forward (no grad)", lambda x: (lambda: forward(model, x))),
            ("GradCAM", lambda x: cam_call(GradCAM, x)),
            ("ScoreCAM (batch 16)", lambda x: cam_call(ScoreCAM, x)),
            ("AblationCAM (batch 32)", lambda x: cam_call(AblationCAM, x)),
            ("Ablation weights, conv5 cached, tail only", lambda x: (lambda: tail_ablation(model, x)))]
    print(f"\nper image, median of {args.runs} runs after 1 warm-up (min in brackets); "
          f"load = max 1-min load average seen during the runs")
    summary = {}
    for name, make in rows:
        meds = []
        for f, x in zip(files, xs):
            med, mn, load = measure(make(x), args.runs)
            meds.append(med)
            print(f"  {name:42s} {f.name:18s} {med * 1e3:9.1f} ms  [{mn * 1e3:9.1f}]  load {load:.2f}")
        summary[name] = statistics.median(meds)
    print("\nsummary (median over photos of the per-photo medians):")
    for name, v in summary.items():
        print(f"  {name:42s} {v * 1e3:9.1f} ms   load now {os.getloadavg()[0]:.2f}")


def _cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    main()
