#!/usr/bin/env python3
"""Golden values for EmoShift's emotion-shift and heatmap-drift metrics (Tests/ExperimentTests/MetricGoldenTests).

Independent re-implementation with numpy/scipy:
  * JSD in bits = scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2
  * total variation = 0.5 * sum|p/sum(p) - q/sum(q)| (renormalised, like scipy's entropy/jensenshannon);  entropy = scipy.stats.entropy(p, base=2)
  * map Pearson = np.corrcoef, Spearman = scipy.stats.spearmanr, cosine = dot / norms
  * centre of mass, top-k IoU, region mass share and the pointing game on a PIXEL grid: the map is
    upsampled by np.kron (nearest, cells of W/w x H/h pixels, sizes chosen as exact multiples) and the
    region union is a boolean pixel mask - a different method from EmoShift's exact coordinate-compressed
    cell coverage, equal when box edges fall on pixel edges.
Run: .venv/bin/python Scripts/reference/metrics_reference.py   (writes Tests/Fixtures/goldens/metrics/metrics.json)
"""
import json
import math
import pathlib

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy, spearmanr

rng = np.random.default_rng(20261127)
OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/goldens/metrics/metrics.json"


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


emotion_cases = []
for i in range(12):
    p = f32(softmax(rng.normal(0, 1.5, 20)))
    if i == 0:
        q = p.copy()                                   # identical
    elif i == 1:
        q = f32(np.eye(20)[3] * 0.999 + 0.001 / 20)    # near one-hot
    elif i == 2:
        q = p.copy(); q[[0, 5]] = q[[5, 0]]            # swap: top-1 may change
    else:
        q = f32(softmax(np.log(p) + rng.normal(0, 0.5 + i * 0.1, 20)))
    if i == 3:
        p[7] = 0.0                                     # an exact zero (0 log 0)
    emotion_cases.append({
        "p": p.tolist(), "q": q.tolist(),
        "jsd_bits": float(jensenshannon(p, q, base=2) ** 2) if not np.array_equal(p, q) else 0.0,
        "total_variation": float(0.5 * np.abs(p / p.sum() - q / q.sum()).sum()),
        "delta_entropy": float(entropy(q, base=2) - entropy(p, base=2)),
        "baseline_top1": int(np.argmax(p)), "modified_top1": int(np.argmax(q)),
        "delta_p_top1": float(q[np.argmax(p)] - p[np.argmax(p)]),
    })


def pixel_metrics(a, b, W, H, boxes, frac):
    h, w = a.shape
    sx, sy = W // w, H // h
    A = np.kron(a, np.ones((sy, sx)))
    B = np.kron(b, np.ones((sy, sx)))
    ys, xs = np.mgrid[0:H, 0:W] + 0.5
    def com(M):
        P = np.clip(M, 0, None)
        m = P.sum()
        return None if m <= 0 else ((P * xs).sum() / m, (P * ys).sum() / m)
    ca, cb = com(A), com(B)
    mask = np.zeros((H, W), dtype=bool)
    for (x, y, bw, bh) in boxes:
        x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + bw), min(H, y + bh)
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    def share(M):
        P = np.clip(M, 0, None)
        return None if P.sum() <= 0 else float(P[mask].sum() / P.sum())
    k = max(1, math.ceil(frac * a.size))
    def top(v):  # stable: larger first, lower index on ties
        order = sorted(range(v.size), key=lambda i: (-v.flat[i], i))
        return set(order[:k])
    ta, tb = top(a), top(b)
    def peak_in(v):
        i = int(np.argmax(v.ravel()))
        cx, cy = (i % w + 0.5) * W / w, (i // w + 0.5) * H / h
        return any(x <= cx < x + bw and y <= cy < y + bh for (x, y, bw, bh) in boxes)
    out = {
        "pearson": float(np.corrcoef(a.ravel(), b.ravel())[0, 1]),
        "spearman": float(spearmanr(a.ravel(), b.ravel()).statistic),
        "cosine": float(a.ravel() @ b.ravel() / (np.linalg.norm(a) * np.linalg.norm(b))),
        "centre_shift": None if ca is None or cb is None else float(math.hypot(cb[0] - ca[0], cb[1] - ca[1])),
        "top_iou": len(ta & tb) / len(ta | tb),
        "magnitude_ratio": float(np.linalg.norm(b) / np.linalg.norm(a)),
    }
    if boxes:
        out.update({"mass_before": share(A), "mass_after": share(B),
                    "pointing_before": peak_in(a), "pointing_after": peak_in(b)})
    return out


map_cases = []
specs = [
    (260, 130, [(40, 20, 60, 50)]),                       # one box
    (130, 260, [(0, 0, 30, 30), (20, 20, 50, 40)]),       # overlapping union
    (390, 260, [(-20, -10, 80, 60)]),                     # partly outside (clamped)
    (260, 260, [(300, 300, 10, 10)]),                     # fully outside: share 0
    (520, 390, [(100, 100, 0, 40)]),                      # empty box (zero width) ignored -> share 0
    (260, 130, []),                                       # whole-image modification
    (130, 130, [(13, 13, 104, 104)]),
    (650, 260, [(0, 0, 650, 260)]),                       # whole image: share 1
]
for k, (W, H, boxes) in enumerate(specs):
    a = np.maximum(f32(rng.normal(0, 1, (13, 13))), 0)
    b = np.maximum(f32(a + rng.normal(0, 0.6, (13, 13))), 0)
    if k == 6:
        a[:] = np.round(a * 2) / 2; b[:] = np.round(b * 2) / 2   # many ties (ranks, top-k)
    case = {"width": 13, "height": 13, "image_width": W, "image_height": H, "boxes": boxes,
            "a": a.ravel().tolist(), "b": b.ravel().tolist(), "top_fraction": 0.2}
    case.update(pixel_metrics(a, b, W, H, boxes, 0.2))
    map_cases.append(case)

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({"emotion": emotion_cases, "maps": map_cases}, separators=(",", ":")) + "\n")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
