#!/usr/bin/env python3
"""Writes Tests/Fixtures/goldens/haar/haar_goldens.json: what OpenCV's Haar-cascade detector produces,
for Sources/Detection (Tests/DetectionTests/HaarGoldenTests.swift).

Contents
  grey         per photo: size, sha256 and FNV-1a-64 of cv2.cvtColor(RGB2GRAY) of Pillow's convert('RGB') decode
               (the script asserts it equals the Q15 formula (9798 R + 19235 G + 3735 B + 16384) >> 15)
  detections   per photo x cascade x (scaleFactor, minNeighbors, minSize[, maxSize]): the detectMultiScale boxes
  raw          a few minNeighbors=0 runs: every raw candidate window (OpenCV returns them ungrouped);
               includes smile and upperbody, which use tilted (45 degree) features
  eyes_in_faces  haarcascade_eye run on each frontalface_default face ROI (NamedDetector's rule)
  resize       cv2.resize INTER_LINEAR_EXACT of a seeded random 37x29 uint8 image to several sizes
  group        cv2.groupRectangles on crafted rectangle lists (rects and weights)

Cascades come from Debian opencv-data (/usr/share/opencv4/haarcascades). cv2.setNumThreads(1).
Deterministic. Usage: .venv/bin/python Scripts/reference/make_haar_goldens.py
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "Experiments" / "images"
OUT = ROOT / "Tests" / "Fixtures" / "goldens" / "haar" / "haar_goldens.json"
CASCADES = Path("/usr/share/opencv4/haarcascades")
NAMES = ["haarcascade_frontalface_default.xml", "haarcascade_frontalface_alt2.xml",
         "haarcascade_profileface.xml", "haarcascade_eye.xml"]
PARAMS = [(1.1, 3, 30), (1.2, 5, 30)]


def grey_of(path: Path) -> np.ndarray:
    rgb = np.asarray(Image.open(path).convert("RGB"))
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    r, gg, b = (rgb[..., i].astype(np.int64) for i in range(3))
    q15 = ((9798 * r + 19235 * gg + 3735 * b + 16384) >> 15).astype(np.uint8)
    assert np.array_equal(g, q15), f"{path.name}: cvtColor differs from the Q15 formula"
    return g


def fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def boxes(rects) -> list[list[int]]:
    return [[int(v) for v in r] for r in (rects if len(rects) else [])]


def main() -> None:
    cv2.setNumThreads(1)
    photos = sorted(p for p in PHOTOS.iterdir() if p.suffix.lower() in (".png", ".jpg"))
    cascades = {n: cv2.CascadeClassifier(str(CASCADES / n)) for n in NAMES}
    for n, c in cascades.items():
        assert not c.empty(), n
    out: dict = {"opencv": cv2.__version__, "grey": [], "detections": [], "raw": [], "eyes_in_faces": [],
                 "resize": [], "group": []}
    for p in photos:
        g = grey_of(p)
        rel = str(p.relative_to(ROOT))
        out["grey"].append({"file": rel, "width": g.shape[1], "height": g.shape[0],
                            "sha256": hashlib.sha256(g.tobytes()).hexdigest(),
                            "fnv1a64": fnv1a64(g.tobytes())})
        for n in NAMES:
            for sf, mn, ms in PARAMS:
                r = cascades[n].detectMultiScale(g, scaleFactor=sf, minNeighbors=mn, minSize=(ms, ms))
                out["detections"].append({"file": rel, "cascade": n, "scale_factor": sf, "min_neighbors": mn,
                                          "min_size": ms, "boxes": boxes(r)})
        if p.name in ("astronaut.png", "grace_hopper.jpg", "portrait_tall.jpg"):
            # maxSize, minSize == maxSize (OpenCV then picks the closest single scale), a finer scale step
            for sf, mn, ms, mx in [(1.1, 1, 50, 50), (1.1, 1, 45, 45), (1.1, 2, 100, 120), (1.05, 2, 0, 0), (1.3, 1, 0, 90)]:
                r = cascades[NAMES[0]].detectMultiScale(g, scaleFactor=sf, minNeighbors=mn, minSize=(ms, ms), maxSize=(mx, mx))
                out["detections"].append({"file": rel, "cascade": NAMES[0], "scale_factor": sf, "min_neighbors": mn,
                                          "min_size": ms, "max_size": mx, "boxes": boxes(r)})
        faces = cascades[NAMES[0]].detectMultiScale(g, scaleFactor=1.1, minNeighbors=3, minSize=(30, 30))
        eyes = []
        for (x, y, w, h) in boxes(faces):
            roi = np.ascontiguousarray(g[y:y + h, x:x + w])
            for (ex, ey, ew, eh) in boxes(cascades[NAMES[3]].detectMultiScale(roi, scaleFactor=1.1, minNeighbors=3)):
                eyes.append([x + ex, y + ey, ew, eh])
        out["eyes_in_faces"].append({"file": rel, "faces": boxes(faces), "eyes": eyes})
    for p, n, sf in [("astronaut.png", NAMES[0], 1.2), ("grace_hopper.jpg", NAMES[1], 1.3), ("camera.png", NAMES[2], 1.25),
                     ("china.jpg", "haarcascade_smile.xml", 1.3), ("astronaut.png", "haarcascade_upperbody.xml", 1.15)]:
        g = grey_of(PHOTOS / p)
        c = cascades[n] if n in cascades else cv2.CascadeClassifier(str(CASCADES / n))
        r = c.detectMultiScale(g, scaleFactor=sf, minNeighbors=0)
        out["raw"].append({"file": f"Experiments/images/{p}", "cascade": n, "scale_factor": sf, "boxes": boxes(r)})

    rng = np.random.default_rng(20260127)
    src = rng.integers(0, 256, size=(29, 37), dtype=np.uint8)
    src[:, :5] = np.arange(5, dtype=np.uint8) * 60  # some smooth structure as well as noise
    for (w, h) in [(34, 26), (30, 24), (19, 15), (37, 29), (50, 40), (12, 31), (1, 1), (36, 7), (74, 58)]:
        dst = cv2.resize(src, (w, h), interpolation=cv2.INTER_LINEAR_EXACT)
        out["resize"].append({"in_width": 37, "in_height": 29, "input": src.flatten().tolist(),
                              "width": w, "height": h, "output": dst.flatten().tolist()})

    def group(name: str, rects: list[list[int]], thr: int, eps: float) -> None:
        r, wts = cv2.groupRectangles(rects, thr, eps)
        out["group"].append({"name": name, "rects": rects, "threshold": thr, "eps": eps,
                             "out": boxes(r), "weights": [int(v) for v in (wts if len(wts) else [])]})

    base = [[100, 100, 50, 50], [102, 98, 52, 50], [98, 101, 49, 51], [101, 103, 50, 48],
            [300, 40, 30, 30], [303, 41, 31, 29], [10, 10, 200, 200], [12, 8, 205, 198], [9, 11, 199, 202],
            [14, 9, 201, 200], [110, 110, 20, 20], [500, 500, 10, 10]]
    group("clusters thr1", base, 1, 0.2)
    group("clusters thr2", base, 2, 0.2)
    group("clusters thr3", base, 3, 0.2)
    group("clusters thr0", base, 0, 0.2)
    group("clusters eps0.5", base, 1, 0.5)
    rr = np.random.default_rng(7)
    rnd = []
    for _ in range(120):
        cx, cy, s = int(rr.integers(0, 6)), int(rr.integers(0, 4)), int(rr.integers(20, 60))
        rnd.append([cx * 90 + int(rr.integers(-6, 7)), cy * 90 + int(rr.integers(-6, 7)), s, s + int(rr.integers(-3, 4))])
    group("random thr1", rnd, 1, 0.2)
    group("random thr3", rnd, 3, 0.2)
    group("random thr5", rnd, 5, 0.2)
    # rounding: averages with .5 fractions (float 1/n, round half even)
    group("halves", [[1, 1, 10, 10], [2, 2, 11, 11], [3, 1, 10, 12], [2, 3, 11, 10]], 1, 0.3)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    n = sum(len(d["boxes"]) for d in out["detections"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out['detections'])} detection cases ({n} boxes), "
          f"{len(out['resize'])} resize, {len(out['group'])} group cases")


if __name__ == "__main__":
    main()
