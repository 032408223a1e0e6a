#!/usr/bin/env python3
"""EmoShift's deterministic demo model (docs/demo-model.md) in plain numpy, and the emonet-py text
layout of its weights (emonet-emocam.md 2.4, 3.2). No torch, no Pillow: imported both by
emonet_reference.py (the PyTorch reference and goldens) and by write_demo_weights.py (the torch-free
writer CI uses to build full-size demo weights).

  LAYOUT              the 16 state_dict keys and PyTorch shapes, in state_dict order
  demo_tensor(t)      tensor t (0..15) of the demo model, float32, PyTorch shape
  demo_weights()      all 16, as a dict in state_dict order
  demo_mean_image()   the 3x227x227 (C, y, x) float32 mean image, 0-255 scale
  DUMP_LAYERS, dump_lines(kind, a), write_mean_txt(M, path)
                      the MATLAB text dumps (*.txt before bzip2) and img_mean.txt, '%.9g' values
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

# ---------------------------------------------------------------------------------------------
# Model layout (emonet-emocam.md 3.3)
# ---------------------------------------------------------------------------------------------

# state_dict order and PyTorch shapes; groups for the fan-in of the grouped convolutions.
LAYOUT = [
    ("conv1.weight", (96, 3, 11, 11)), ("conv1.bias", (96,)),
    ("conv2.weight", (256, 48, 5, 5)), ("conv2.bias", (256,)),
    ("conv3.weight", (384, 256, 3, 3)), ("conv3.bias", (384,)),
    ("conv4.weight", (384, 192, 3, 3)), ("conv4.bias", (384,)),
    ("conv5.weight", (256, 192, 3, 3)), ("conv5.bias", (256,)),
    ("fc1.weight", (4096, 9216)), ("fc1.bias", (4096,)),
    ("fc2.weight", (4096, 4096)), ("fc2.bias", (4096,)),
    ("fc3.weight", (20, 4096)), ("fc3.bias", (20,)),
]

# ---------------------------------------------------------------------------------------------
# Demo weights (docs/demo-model.md)
# ---------------------------------------------------------------------------------------------

DEMO_SEED = 0x454D4F5348494654          # "EMOSHIFT"
SPLITMIX_GAMMA = 0x9E3779B97F4A7C15
SPLITMIX_M1 = 0xBF58476D1CE4E5B9
SPLITMIX_M2 = 0x94D049BB133111EB
FC3_GAIN = 0.08
BIAS_SCALE = 0.05
MASK64 = (1 << 64) - 1


def splitmix64_scalar(seed: int, n: int) -> list[int]:
    """Plain-integer SplitMix64, literally as in docs/demo-model.md (for self-checks)."""
    state, out = seed & MASK64, []
    for _ in range(n):
        state = (state + SPLITMIX_GAMMA) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * SPLITMIX_M1) & MASK64
        z = ((z ^ (z >> 27)) * SPLITMIX_M2) & MASK64
        out.append(z ^ (z >> 31))
    return out


def splitmix64_raw(seed: int, start: int, stop: int) -> np.ndarray:
    """Outputs start..stop-1 (0-based) of SplitMix64 seeded with `seed`, vectorised: the state
    before the k-th output (1-based) is seed + k*gamma (mod 2^64). uint64 array arithmetic wraps."""
    k = np.arange(start + 1, stop + 1, dtype=np.uint64)
    z = np.uint64(seed & MASK64) + k * np.uint64(SPLITMIX_GAMMA)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(SPLITMIX_M1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(SPLITMIX_M2)
    return z ^ (z >> np.uint64(31))


def splitmix64_uniform(seed: int, n: int, chunk: int = 1 << 22) -> np.ndarray:
    """n Doubles (next() >> 11) * 2^-53 in [0, 1)."""
    out = np.empty(n, dtype=np.float64)
    for s in range(0, n, chunk):
        e = min(n, s + chunk)
        out[s:e] = (splitmix64_raw(seed, s, e) >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return out


def fan_in(name: str, shape: tuple[int, ...]) -> int:
    # PyTorch weight shapes already hold Cin/groups, so fan_in is the product of the tail.
    return int(np.prod(shape[1:]))


def demo_tensor(t: int) -> np.ndarray:
    name, shape = LAYOUT[t]
    n = int(np.prod(shape))
    u = splitmix64_uniform((DEMO_SEED + t) & MASK64, n)
    if name.endswith(".bias"):
        return ((2.0 * u - 1.0) * BIAS_SCALE).astype(np.float32).reshape(shape)
    bound = math.sqrt(6.0 / fan_in(name, shape))
    if name == "fc3.weight":
        bound = bound * FC3_GAIN
    v = ((2.0 * u - 1.0) * bound).reshape(shape[0], -1)
    del u
    # Sequential left-to-right Double row sums (np.cumsum is strictly sequential).
    m = np.cumsum(v, axis=1)[:, -1:] / v.shape[1]
    v -= m
    return v.astype(np.float32).reshape(shape)


def demo_weights() -> dict[str, np.ndarray]:
    """The 16 demo tensors, float32, PyTorch shapes, state_dict order."""
    return {name: demo_tensor(t) for t, (name, _) in enumerate(LAYOUT)}


def demo_mean_image() -> np.ndarray:
    """3x227x227 float32 (C, y, x), 0-255 scale."""
    c, y, x = np.meshgrid(np.arange(3), np.arange(227), np.arange(227), indexing="ij")
    base = np.array([123.68, 116.779, 103.939], dtype=np.float32).astype(np.float64)
    wobble = (((7 * x + 13 * y + 29 * c) % 17) - 8).astype(np.float64) / 4.0
    m = base[c] + 0.125 * (x - 113).astype(np.float64) - 0.0625 * (y - 113).astype(np.float64) + wobble
    return m.astype(np.float32)

# ---------------------------------------------------------------------------------------------
# emonet-py data folder (MATLAB text dumps, emonet-emocam.md 3.2)
# ---------------------------------------------------------------------------------------------

DUMP_LAYERS = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3"]


def _fmt_line(values: np.ndarray) -> bytes:
    vals = values.astype(np.float64).tolist()
    return (",".join(["%.9g"] * len(vals)) % tuple(vals) + "\n").encode()


def dump_lines(kind: str, a: np.ndarray):
    """Lines of the text dump of one tensor (without compression)."""
    if kind == "conv.weights":            # kH lines; field s + kW*(i + Cin_g*o) = W[o, i, r, s]
        for r in range(a.shape[2]):
            yield _fmt_line(np.ascontiguousarray(a[:, :, r, :]).ravel())
    elif kind == "conv.bias":             # one line of Cout values
        yield _fmt_line(a)
    elif kind == "fc.weights":            # Cout lines x Cin values
        for o in range(a.shape[0]):
            yield _fmt_line(a[o])
    elif kind == "fc.bias":               # Cout lines of one value
        for v in a:
            yield _fmt_line(np.array([v]))
    else:
        raise ValueError(kind)

def write_mean_txt(M: np.ndarray, path: Path) -> None:
    """227 lines; line y = R[y, 0..226], G[y, ...], B[y, ...], '%.9g'."""
    with open(path, "wb") as fo:
        for y in range(227):
            fo.write(_fmt_line(np.concatenate([M[0, y], M[1, y], M[2, y]])))
