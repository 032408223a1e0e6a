#!/usr/bin/env python3
"""Independent PyTorch reference for EmoShift's EmoNet: the deterministic demo weights
(docs/demo-model.md) re-implemented in numpy, emonet-py's `AlexNetBigEmoNet` and preprocessing
re-typed in PyTorch, and the goldens the Swift side is checked against.

Outputs (Tests/Fixtures/goldens/emonet/)
  demo_weights_fingerprint.json   per tensor (16) and the mean image: shape, sha256 of the float32
                                  little-endian C-order bytes, exact sum, first 5 values; plus the
                                  first raw SplitMix64 outputs of generator 0
  demo_predictions.json           per photo in Experiments/images/: probabilities, logits, top-1,
                                  valence / arousal (from probabilities and from logits); the
                                  batch-of-9 vs single-image check
  demo_layers_astronaut.json      every intermediate tensor for one photo: shape, sum, L2 norm,
                                  min, max, 64 values at fixed flat indices; a float64 numpy
                                  forward as an independent cross-check
  classes_and_heads.json          the 20 class names and the valence / arousal head weights

Options
  --write-dumps DIR   also write the demo weights as an emonet-py data folder (MATLAB text dumps
                      *.txt.bz2, img_mean.txt, emonet.pth) and verify it by re-reading. ~1 GB of
                      text before compression; never committed.
  --verify-dumps DIR  only re-read and verify an existing data folder against the demo weights.
  --no-goldens        skip the goldens (e.g. with --write-dumps).

Conventions
  * Floats in JSON are the float64 repr of the float32 value (exact, round-trips).
  * "sum" and "l2" are correctly rounded (math.fsum over the exact float64 values / squares), so
    they do not depend on summation order.
  * Layer tensors are stored without the batch dimension; sample indices are flat C-order indices
    into that shape: idx_k = (k * 2654435761) % numel, k = 0..63.

Deterministic: torch runs on 1 CPU thread; re-running rewrites byte-identical JSON.
Usage: .venv/bin/python Scripts/reference/emonet_reference.py [--write-dumps /tmp/emonet-demo-data]
"""
from __future__ import annotations

import argparse
import bz2
import hashlib
import json
import math
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The numpy-only parts (demo-weight scheme, text-dump layout) live in demo_weights.py, shared with
# the torch-free writer write_demo_weights.py; re-exported here (bench_torch.py imports them from here).
from demo_weights import (BIAS_SCALE, DEMO_SEED, DUMP_LAYERS, FC3_GAIN, LAYOUT, MASK64,  # noqa: E402,F401
                          SPLITMIX_GAMMA, SPLITMIX_M1, SPLITMIX_M2, _fmt_line, demo_mean_image,
                          demo_tensor, demo_weights, dump_lines, fan_in, splitmix64_raw,
                          splitmix64_scalar, splitmix64_uniform, write_mean_txt)

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "Experiments" / "images"
GOLD = ROOT / "Tests" / "Fixtures" / "goldens" / "emonet"

# ---------------------------------------------------------------------------------------------
# Model tables (emonet-emocam.md 1.6, 1.8; LAYOUT and the demo weights: demo_weights.py)
# ---------------------------------------------------------------------------------------------

CLASSES = [
    "Adoration", "Aesthetic Appreciation", "Amusement", "Anxiety", "Awe", "Boredom", "Confusion",
    "Craving", "Disgust", "Empathetic Pain", "Entrancement", "Excitement", "Fear", "Horror",
    "Interest", "Joy", "Romance", "Sadness", "Sexual Desire", "Surprise",
]

AROUSAL_INTERCEPT = 6.5139
VALENCE_INTERCEPT = 3.2963
AROUSAL_WEIGHTS = [-0.0910, -0.0121, -0.3154, 0.0152, 0.3949, -0.2019, -0.1216, -0.1029, 0.0637,
                   0.0037, -0.1700, 0.0736, 0.2145, 0.1670, -0.2425, -0.0555, 0.1480, 0.1390,
                   0.1877, -0.0824]
VALENCE_WEIGHTS = [0.5990, 0.4576, 0.3248, -0.0634, 0.0035, 0.0560, 0.1163, -0.1370, -0.7719,
                   -0.1210, -0.1862, 0.0214, -0.3015, -0.3680, 0.2467, -0.2335, 0.1096, -0.3858,
                   0.1538, 0.5741]


# ---------------------------------------------------------------------------------------------
# emonet-py model and preprocessing (emonet-emocam.md 1.2-1.6, 2.1)
# ---------------------------------------------------------------------------------------------


class AlexNetBigEmoNet(nn.Module):
    """emonet-py's two-tower AlexNet with the MATLAB flatten; eval mode returns softmax."""

    def __init__(self):
        super().__init__()
        self.lr_norm = nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=1.0)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2)
        self.conv1 = nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0)
        self.conv2 = nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2, groups=2)
        self.conv3 = nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1)
        self.conv4 = nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1, groups=2)
        self.conv5 = nn.Conv2d(384, 256, kernel_size=3, stride=1, padding=1, groups=2)
        self.fc1 = nn.Linear(9216, 4096)
        self.fc2 = nn.Linear(4096, 4096)
        self.fc3 = nn.Linear(4096, 20)

    @staticmethod
    def matlab_flatten(x: torch.Tensor) -> torch.Tensor:
        # N x C x H x W -> N x C x W x H, then row-major: flat index 36c + 6w + h.
        return x.permute((0, 1, 3, 2)).reshape(x.shape[0], -1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.lr_norm(F.relu(self.conv1(x))))
        x = self.maxpool(self.lr_norm(F.relu(self.conv2(x))))
        x = F.relu(self.conv3(x))
        x = F.relu(self.conv4(x))
        x = self.maxpool(F.relu(self.conv5(x)))
        x = self.matlab_flatten(x)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        if not self.training:
            return torch.softmax(x, dim=1)
        return x

    def layers(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every named intermediate, same operations as forward()."""
        out = {"input": x}
        out["conv1"] = self.conv1(x)
        out["relu1"] = F.relu(out["conv1"])
        out["norm1"] = self.lr_norm(out["relu1"])
        out["pool1"] = self.maxpool(out["norm1"])
        out["conv2"] = self.conv2(out["pool1"])
        out["relu2"] = F.relu(out["conv2"])
        out["norm2"] = self.lr_norm(out["relu2"])
        out["pool2"] = self.maxpool(out["norm2"])
        out["conv3"] = self.conv3(out["pool2"])
        out["relu3"] = F.relu(out["conv3"])
        out["conv4"] = self.conv4(out["relu3"])
        out["relu4"] = F.relu(out["conv4"])
        out["conv5"] = self.conv5(out["relu4"])
        out["relu5"] = F.relu(out["conv5"])
        out["pool5"] = self.maxpool(out["relu5"])
        out["flat"] = self.matlab_flatten(out["pool5"])
        out["fc6"] = self.fc1(out["flat"])
        out["relu6"] = F.relu(out["fc6"])
        out["fc7"] = self.fc2(out["relu6"])
        out["relu7"] = F.relu(out["fc7"])
        out["logits"] = self.fc3(out["relu7"])
        out["probabilities"] = torch.softmax(out["logits"], dim=1)
        return out


def build_model(weights: dict[str, np.ndarray]) -> AlexNetBigEmoNet:
    model = AlexNetBigEmoNet()
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in weights.items()}
    model.load_state_dict(state, strict=True)
    model.eval()
    return model


class Preprocess:
    """emonet-py EmoNetPreProcess: RGB, BICUBIC 227x227 unless already that size, float32 0-255,
    minus the H x W x C mean image, then C x H x W."""

    def __init__(self, mean_chw: np.ndarray):
        self.mean_hwc = torch.from_numpy(np.ascontiguousarray(mean_chw.transpose(1, 2, 0)))

    def load(self, path) -> Image.Image:
        """path: a file path, or a binary file object (the benchmark decodes from memory)."""
        if hasattr(path, "read"):
            img = Image.open(path).convert("RGB")
        else:
            with open(path, "rb") as f:
                img = Image.open(f).convert("RGB")
        if img.width != 227 or img.height != 227:
            img = img.resize((227, 227), resample=Image.Resampling.BICUBIC)
        return img

    def tensor(self, img: Image.Image) -> torch.Tensor:
        t = torch.tensor(np.asarray(img), dtype=torch.float)
        t -= self.mean_hwc
        return t.permute((2, 0, 1))

    def __call__(self, path) -> torch.Tensor:
        return self.tensor(self.load(path))


def heads(y: np.ndarray) -> tuple[float, float]:
    """(valence, arousal) = intercept + w . y, in float64 from the float32 vector y."""
    y = np.asarray(y, dtype=np.float64)
    v = VALENCE_INTERCEPT + float(np.dot(np.array(VALENCE_WEIGHTS), y))
    a = AROUSAL_INTERCEPT + float(np.dot(np.array(AROUSAL_WEIGHTS), y))
    return v, a


def photo_files() -> list[Path]:
    return sorted(list(PHOTOS.glob("*.png")) + list(PHOTOS.glob("*.jpg")))


# ---------------------------------------------------------------------------------------------
# Independent float64 numpy forward (explicit formulas; cross-check of the torch module)
# ---------------------------------------------------------------------------------------------


def np_conv(x, w, b, stride, pad, groups):
    c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad)))
    ho, wo = (h + 2 * pad - kh) // stride + 1, (wd + 2 * pad - kw) // stride + 1
    out = np.empty((o, ho, wo))
    og = o // groups
    for g in range(groups):
        win = np.lib.stride_tricks.sliding_window_view(xp[g * cg:(g + 1) * cg], (kh, kw), axis=(1, 2))
        cols = win[:, ::stride, ::stride][:, :ho, :wo]                     # cg, ho, wo, kh, kw
        cols = cols.transpose(0, 3, 4, 1, 2).reshape(cg * kh * kw, ho * wo)
        out[g * og:(g + 1) * og] = (w[g * og:(g + 1) * og].reshape(og, -1) @ cols).reshape(og, ho, wo)
    return out + b[:, None, None]


def np_lrn(a, n=5, alpha=1e-4, beta=0.75, k=1.0):
    sq = a * a
    s = np.zeros_like(a)
    C = a.shape[0]
    for c in range(C):
        s[c] = sq[max(0, c - n // 2):min(C, c + n // 2 + 1)].sum(0)
    return a / (k + alpha / n * s) ** beta


def np_pool(a):
    win = np.lib.stride_tricks.sliding_window_view(a, (3, 3), axis=(1, 2))[:, ::2, ::2]
    return win.max(axis=(3, 4))


def np_forward64(x, W) -> dict[str, np.ndarray]:
    W = {k: v.astype(np.float64) for k, v in W.items()}
    o = {"input": x}
    o["conv1"] = np_conv(x, W["conv1.weight"], W["conv1.bias"], 4, 0, 1)
    o["relu1"] = np.maximum(o["conv1"], 0)
    o["norm1"] = np_lrn(o["relu1"])
    o["pool1"] = np_pool(o["norm1"])
    o["conv2"] = np_conv(o["pool1"], W["conv2.weight"], W["conv2.bias"], 1, 2, 2)
    o["relu2"] = np.maximum(o["conv2"], 0)
    o["norm2"] = np_lrn(o["relu2"])
    o["pool2"] = np_pool(o["norm2"])
    o["conv3"] = np_conv(o["pool2"], W["conv3.weight"], W["conv3.bias"], 1, 1, 1)
    o["relu3"] = np.maximum(o["conv3"], 0)
    o["conv4"] = np_conv(o["relu3"], W["conv4.weight"], W["conv4.bias"], 1, 1, 2)
    o["relu4"] = np.maximum(o["conv4"], 0)
    o["conv5"] = np_conv(o["relu4"], W["conv5.weight"], W["conv5.bias"], 1, 1, 2)
    o["relu5"] = np.maximum(o["conv5"], 0)
    o["pool5"] = np_pool(o["relu5"])
    p5 = o["pool5"]
    flat = np.empty(9216)
    for c in range(256):                                # explicit 36c + 6w + h
        for w in range(6):
            for h in range(6):
                flat[36 * c + 6 * w + h] = p5[c, h, w]
    o["flat"] = flat
    o["fc6"] = W["fc1.weight"] @ flat + W["fc1.bias"]
    o["relu6"] = np.maximum(o["fc6"], 0)
    o["fc7"] = W["fc2.weight"] @ o["relu6"] + W["fc2.bias"]
    o["relu7"] = np.maximum(o["fc7"], 0)
    o["logits"] = W["fc3.weight"] @ o["relu7"] + W["fc3.bias"]
    e = np.exp(o["logits"] - o["logits"].max())
    o["probabilities"] = e / e.sum()
    return o


# ---------------------------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------------------------


def f32(x) -> float:
    return float(np.float32(x))


def floats(a) -> list[float]:
    return [float(v) for v in np.asarray(a, dtype=np.float32).astype(np.float64).ravel()]


def sha256_f32(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()


def exact_sum(a: np.ndarray) -> float:
    return math.fsum(np.asarray(a, dtype=np.float64).ravel().tolist())


def exact_l2(a: np.ndarray) -> float:
    d = np.asarray(a, dtype=np.float64).ravel()
    return math.sqrt(math.fsum((d * d).tolist()))   # float32 squares are exact in float64


def _enc(o, ind: int) -> str:
    pad, pad2 = " " * ind, " " * (ind + 2)
    if isinstance(o, dict):
        if not o:
            return "{}"
        items = [f"{pad2}{json.dumps(k)}: {_enc(v, ind + 2)}" for k, v in o.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(o, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in o):
            return "[" + ", ".join(json.dumps(v) for v in o) + "]"
        return "[\n" + ",\n".join(pad2 + _enc(v, ind + 2) for v in o) + "\n" + pad + "]"
    return json.dumps(o)


def write_json(path: Path, obj) -> None:
    path.write_text(_enc(obj, 0) + "\n")


def rel(p: Path) -> str:
    return p.resolve().relative_to(ROOT).as_posix()


# ---------------------------------------------------------------------------------------------
# Goldens
# ---------------------------------------------------------------------------------------------

SAMPLE_MULT = 2654435761
BATCH_TOL = 1e-5   # measured 1.5e-6 (fc GEMM vs GEMV order); 1e-6 is not met by torch itself
N_SAMPLES = 64


def sample_indices(numel: int) -> list[int]:
    return [(k * SAMPLE_MULT) % numel for k in range(N_SAMPLES)]


def self_check_rng() -> list[int]:
    """Vectorised vs literal SplitMix64 for tensors 0 and 15, and a chunk boundary."""
    for t in (0, 15):
        seed = (DEMO_SEED + t) & MASK64
        ref = splitmix64_scalar(seed, 1000)
        got = splitmix64_raw(seed, 0, 1000).tolist()
        assert got == ref, f"SplitMix64 vectorisation mismatch (tensor {t})"
    seed = DEMO_SEED
    ref = splitmix64_scalar(seed, (1 << 22) + 3)[-6:]
    u = splitmix64_uniform(seed, (1 << 22) + 3)[-6:]
    assert u.tolist() == [(r >> 11) * 2.0 ** -53 for r in ref], "chunked uniform mismatch"
    return splitmix64_scalar(DEMO_SEED, 4)


def self_check_scalar(W) -> None:
    """A few rows rebuilt with plain Python floats straight from the doc's formulas."""
    for name, row in (("conv1.weight", 0), ("conv1.weight", 95), ("fc1.weight", 0), ("fc3.weight", 19)):
        t = [n for n, _ in LAYOUT].index(name)
        shape = LAYOUT[t][1]
        n = int(np.prod(shape[1:]))
        raw = splitmix64_scalar(DEMO_SEED + t, n * (row + 1))[n * row:]
        bound = math.sqrt(6.0 / n) * (FC3_GAIN if name == "fc3.weight" else 1.0)
        v = [(2.0 * ((r >> 11) * 2.0 ** -53) - 1.0) * bound for r in raw]
        acc = 0.0
        for x in v:
            acc += x
        m = acc / n
        want = np.array([x - m for x in v], dtype=np.float64).astype(np.float32)
        assert np.array_equal(want.view(np.uint32), W[name].reshape(shape[0], -1)[row].view(np.uint32)), (name, row)
    t = [n for n, _ in LAYOUT].index("fc3.bias")
    want = np.array([(2.0 * ((r >> 11) * 2.0 ** -53) - 1.0) * BIAS_SCALE
                     for r in splitmix64_scalar(DEMO_SEED + t, 20)]).astype(np.float32)
    assert np.array_equal(want, W["fc3.bias"]), "fc3.bias"


def fingerprint(W, M, raw0) -> dict:
    tensors = []
    for t, (name, shape) in enumerate(LAYOUT):
        a = W[name]
        assert a.shape == shape and a.dtype == np.float32
        entry = {"name": name, "index": t, "shape": list(shape),
                 "seed": f"0x{(DEMO_SEED + t) & MASK64:016X}",
                 "sha256": sha256_f32(a), "sum": exact_sum(a), "first5": floats(a.ravel()[:5])}
        if name.endswith(".weight"):
            fi = fan_in(name, shape)
            b = math.sqrt(6.0 / fi) * (FC3_GAIN if name == "fc3.weight" else 1.0)
            entry.update({"fan_in": fi, "bound": b,
                          "max_abs_row_mean": float(np.abs(a.reshape(shape[0], -1).astype(np.float64).mean(1)).max())})
        tensors.append(entry)
    return {
        "scheme": "docs/demo-model.md",
        "seed_base": f"0x{DEMO_SEED:016X}",
        "fc3_gain": FC3_GAIN,
        "bias_scale": BIAS_SCALE,
        "sha256_of": "float32 little-endian bytes, C order of the listed shape",
        "sum_is": "correctly rounded float64 sum of the float32 values (math.fsum)",
        "splitmix64_tensor0_first4": [str(v) for v in raw0],
        "parameter_count": int(sum(int(np.prod(s)) for _, s in LAYOUT)),
        "tensors": tensors,
        "mean_image": {"shape": list(M.shape), "layout": "C x H x W (R, G, B planes), 0-255",
                       "sha256": sha256_f32(M), "sum": exact_sum(M), "first5": floats(M.ravel()[:5]),
                       "probes": [[c, y, x, f32(M[c, y, x])] for c, y, x in
                                  [(0, 0, 0), (1, 113, 113), (2, 226, 226), (0, 0, 226), (2, 226, 0), (1, 57, 170)]]},
    }


def predictions(model, prep, files) -> tuple[dict, list]:
    singles, xs, rows, Ls = [], [], [], []
    with torch.no_grad():
        for f in files:
            x = prep(f).unsqueeze(0)
            xs.append(x)
            probs = model(x)[0].numpy()                  # emonet-py eval-mode output
            L = model.layers(x)
            assert np.array_equal(probs, L["probabilities"][0].numpy()), "layers() != forward()"
            Ls.append(L)
            singles.append((probs, L["logits"][0].numpy()))
        Lb = model.layers(torch.cat(xs, 0))
    batch_diff = {}
    for k in ("pool5", "fc6", "fc7", "logits", "probabilities"):
        batch_diff[k] = max(float((Lb[k][i] - Ls[i][k][0]).abs().max()) for i in range(len(files)))
    dp = batch_diff["probabilities"]
    assert dp <= BATCH_TOL, f"batched vs single probabilities differ by {dp}"
    out = []
    for f, (p, z) in zip(files, singles):
        top = int(np.argmax(p))
        v, a = heads(p)
        vl, al = heads(z)
        out.append({"file": rel(f), "top1": top, "top1_name": CLASSES[top], "top1_probability": f32(p[top]),
                    "valence": v, "arousal": a, "valence_from_logits": vl, "arousal_from_logits": al,
                    "probabilities": floats(p), "logits": floats(z)})
        rows.append((f.name, CLASSES[top], float(p[top]), v, a))
    doc = {
        "model": "DEMO MODEL - not EmoNet (docs/demo-model.md)",
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "preprocessing": "emonet-py: Image.open.convert('RGB'); BICUBIC 227x227 unless already 227x227; "
                         "float32 0-255; minus mean image (H x W x C); C x H x W",
        "heads": "valence/arousal = intercept + w . y in float64; y = float32 probabilities "
                 "(EmoCAM release) or logits (*_from_logits, emonet-py heads without eval())",
        "batch_check": {"batch_size": len(files),
                        "max_abs_diff_batched_vs_single": batch_diff,
                        "within_1e-6": dp <= 1e-6, "tolerance_probabilities": BATCH_TOL, "passed": True,
                        "note": "convolutions are bit-identical at batch 9 and batch 1; fc1-fc3 are not "
                                "(GEMM vs GEMV accumulation order in float32), about 2e-6 relative"},
        "photos": out,
    }
    return doc, rows


def layer_stats(model, prep, W, f: Path) -> dict:
    x = prep(f).unsqueeze(0)
    with torch.no_grad():
        L = model.layers(x)
    ref64 = np_forward64(L["input"][0].numpy().astype(np.float64), W)
    layers = []
    for name, t in L.items():
        a = t[0].numpy()
        idx = sample_indices(a.size)
        flat = a.ravel()
        r = ref64[name]
        layers.append({
            "name": name, "shape": list(a.shape), "sum": exact_sum(a), "l2": exact_l2(a),
            "min": f32(a.min()), "max": f32(a.max()),
            "max_abs_diff_vs_float64": float(np.abs(a.astype(np.float64) - r).max()),
            "max_abs_float64": float(np.abs(r).max()),
            "indices": idx, "values": floats(flat[idx]),
        })
    return {
        "model": "DEMO MODEL - not EmoNet (docs/demo-model.md)",
        "file": rel(f), "torch": torch.__version__, "threads": torch.get_num_threads(),
        "layout": "batch dimension dropped; conv tensors C x H x W; 'flat' is MATLAB order 36c + 6w + h of pool5; "
                  "conv*/fc* are pre-ReLU",
        "index_rule": "idx_k = (k * 2654435761) % numel, k = 0..63, flat C-order index",
        "sum_is": "correctly rounded float64 sum (math.fsum); l2 likewise",
        "cross_check": "max_abs_diff_vs_float64: torch float32 vs an explicit float64 numpy forward fed the same input",
        "layers": layers,
    }


def make_goldens(W, M) -> None:
    GOLD.mkdir(parents=True, exist_ok=True)
    raw0 = self_check_rng()
    self_check_scalar(W)
    t0 = time.perf_counter()
    write_json(GOLD / "demo_weights_fingerprint.json", fingerprint(W, M, raw0))
    model = build_model(W)
    prep = Preprocess(M)
    files = photo_files()
    assert len(files) == 9, files
    doc, rows = predictions(model, prep, files)
    write_json(GOLD / "demo_predictions.json", doc)
    astro = PHOTOS / "astronaut.png"
    write_json(GOLD / f"demo_layers_{astro.stem}.json", layer_stats(model, prep, W, astro))
    write_json(GOLD / "classes_and_heads.json", {
        "classes": CLASSES,
        "arousal": {"intercept": AROUSAL_INTERCEPT, "weights": AROUSAL_WEIGHTS},
        "valence": {"intercept": VALENCE_INTERCEPT, "weights": VALENCE_WEIGHTS},
        "source": "emonet-emocam.md 1.6, 1.8 (emonet-py heads, 20 -> 1 linear units)",
    })
    print(f"goldens written to {rel(GOLD)} in {time.perf_counter() - t0:.1f} s")
    print(f"\n{'photo':18s} {'top-1':24s} {'p':>6s} {'valence':>8s} {'arousal':>8s}")
    for name, cls, p, v, a in rows:
        print(f"{name:18s} {cls:24s} {p:6.3f} {v:8.4f} {a:8.4f}")
    tops = {r[1] for r in rows}
    pmax = [r[2] for r in rows]
    bd = doc["batch_check"]["max_abs_diff_batched_vs_single"]
    print("batch of 9 vs single, max |diff|: " + ", ".join(f"{k} {v:.3g}" for k, v in bd.items()))
    print(f"{len(tops)} distinct top-1 classes; top-1 probability {min(pmax):.3f} .. {max(pmax):.3f}")
    assert len(tops) > 1, "every photo has the same top-1 class"
    assert 0.1 < min(pmax) and max(pmax) < 0.9, "top-1 probabilities outside (0.1, 0.9)"


# ---------------------------------------------------------------------------------------------
# emonet-py data folder (MATLAB text dumps, emonet-emocam.md 3.2)
# ---------------------------------------------------------------------------------------------

_W: dict[str, np.ndarray] = {}          # shared with forked workers


def _write_one(job) -> tuple[str, int, int, float]:
    fname, tensor_key, kind, out_dir = job
    t0 = time.perf_counter()
    comp = bz2.BZ2Compressor(9)
    raw = 0
    path = Path(out_dir) / fname
    with open(path, "wb") as fo:
        for line in dump_lines(kind, _W[tensor_key]):
            raw += len(line)
            fo.write(comp.compress(line))
        fo.write(comp.flush())
    return fname, raw, path.stat().st_size, time.perf_counter() - t0


def dump_jobs(out_dir: str) -> list[tuple]:
    jobs = []
    for layer in DUMP_LAYERS:
        base = "conv" if layer.startswith("conv") else "fc"
        jobs.append((f"{layer}.weights.txt.bz2", f"{layer}.weight", f"{base}.weights", out_dir))
        jobs.append((f"{layer}.bias.txt.bz2", f"{layer}.bias", f"{base}.bias", out_dir))
    # biggest first so the pool stays busy
    return sorted(jobs, key=lambda j: -_W[j[1]].size)


def write_dumps(W, M, out: Path, workers: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _W.clear()
    _W.update(W)
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        results = pool.map(_write_one, dump_jobs(str(out)), chunksize=1)
    write_mean_txt(M, out / "img_mean.txt")
    torch.save({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in W.items()}, out / "emonet.pth")
    wall = time.perf_counter() - t0
    print(f"\nwrote {out} in {wall:.1f} s wall ({workers} workers, bz2 level 9)")
    print(f"{'file':24s} {'text MB':>9s} {'bz2 MB':>9s} {'s':>7s}")
    tot_raw = tot_bz = 0
    for fname, raw, size, sec in sorted(results):
        tot_raw += raw
        tot_bz += size
        print(f"{fname:24s} {raw / 1e6:9.2f} {size / 1e6:9.2f} {sec:7.1f}")
    for fname in ("img_mean.txt", "emonet.pth"):
        print(f"{fname:24s} {'':9s} {(out / fname).stat().st_size / 1e6:9.2f}")
    print(f"{'total .txt.bz2':24s} {tot_raw / 1e6:9.2f} {tot_bz / 1e6:9.2f}")


# Verification: an independent reading of each file, following emonet-py's converter semantics
# (float() of each decimal, then float32). Conv weights are rebuilt the converter's way: its
# MATLAB-shaped array A[r, s, ., .] filled slice by slice, then permuted to PyTorch order.

def _read_lines(path: Path) -> list[np.ndarray]:
    with bz2.open(path, "rb") as fi:
        return [np.array(line.decode("utf8").strip().split(","), dtype=np.float64) for line in fi]


def _verify_one(job) -> tuple[str, bool, str]:
    fname, key, kind, out_dir = job
    want = _W[key]
    rows = _read_lines(Path(out_dir) / fname)
    if kind == "conv.weights":
        o_n, i_n, kh, kw = want.shape
        if key == "conv1.weight":        # converter branch b_inverse=False: A = (kH, kW, Cin, Cout)
            A = np.zeros((kh, kw, i_n, o_n), np.float32)
            for r, line in enumerate(rows):
                assert line.size == kw * i_n * o_n
                blocks = line.reshape(o_n, i_n, kw)      # filter-major, then channel, then kW values
                A[r] = blocks.transpose(2, 1, 0)
            got = A.transpose(3, 2, 0, 1)
        else:                            # b_inverse=True: A = (kH, kW, Cout, Cin_g)
            A = np.zeros((kh, kw, o_n, i_n), np.float32)
            for r, line in enumerate(rows):
                assert line.size == kw * i_n * o_n
                blocks = line.reshape(o_n, i_n, kw)      # "channel" (=Cout) major, "filter" (=Cin_g), kW
                A[r] = blocks.transpose(2, 0, 1)
            got = A.transpose(2, 3, 0, 1)
        got = got.astype(np.float32)
    elif kind == "conv.bias":
        got = rows[-1].astype(np.float32)  # the converter keeps the last line read
    elif kind == "fc.weights":
        got = np.stack(rows).astype(np.float32)
    else:
        assert all(r.size == 1 for r in rows)
        got = np.concatenate(rows).astype(np.float32)
    ok = got.shape == want.shape and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    return fname, ok, f"{got.shape}"


def verify_dumps(W, M, out: Path, workers: int) -> bool:
    _W.clear()
    _W.update(W)
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        res = pool.map(_verify_one, dump_jobs(str(out)), chunksize=1)
    ok = True
    for fname, good, info in sorted(res):
        ok &= good
        print(f"  {fname:24s} {'OK' if good else 'MISMATCH'} {info}")
    # img_mean.txt the way EmoNetPreProcess reads it: rows of [R, G, B] lists -> (227, 3, 227) -> HWC
    mean = []
    for line in (out / "img_mean.txt").read_text().splitlines():
        parts = line.strip().split(",")
        mean.append([[float(parts[j]) for j in range(c * 227, (c + 1) * 227)] for c in range(3)])
    hwc = torch.tensor(mean, dtype=torch.float).permute((0, 2, 1)).numpy()
    good = np.array_equal(hwc, M.transpose(1, 2, 0))
    ok &= good
    print(f"  {'img_mean.txt':24s} {'OK' if good else 'MISMATCH'}")
    sd = torch.load(out / "emonet.pth", map_location="cpu", weights_only=True)
    good = list(sd.keys()) == [k for k, _ in LAYOUT] and all(
        np.array_equal(sd[k].numpy(), W[k]) for k, _ in LAYOUT)
    m = AlexNetBigEmoNet()
    m.load_state_dict(sd)
    ok &= good
    print(f"  {'emonet.pth':24s} {'OK' if good else 'MISMATCH'}")
    print(f"verification {'passed' if ok else 'FAILED'} in {time.perf_counter() - t0:.1f} s")
    return ok


# ---------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-dumps", metavar="DIR", type=Path)
    ap.add_argument("--verify-dumps", metavar="DIR", type=Path)
    ap.add_argument("--no-goldens", action="store_true")
    ap.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    args = ap.parse_args()

    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, numpy {np.__version__}, Pillow {Image.__version__}, "
          f"threads {torch.get_num_threads()}")
    t0 = time.perf_counter()
    W = demo_weights()
    M = demo_mean_image()
    print(f"demo weights generated in {time.perf_counter() - t0:.1f} s "
          f"({sum(v.size for v in W.values()):,} parameters)")

    if not args.no_goldens and args.verify_dumps is None:
        make_goldens(W, M)
    ok = True
    if args.write_dumps is not None:
        write_dumps(W, M, args.write_dumps, args.workers)
        ok &= verify_dumps(W, M, args.write_dumps, args.workers)
    if args.verify_dumps is not None:
        ok &= verify_dumps(W, M, args.verify_dumps, args.workers)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
