#!/usr/bin/env python3
"""Golden values for EmoShift's object importance (Sources/Explanation/Importance, Tests/ExplanationTests/ImportanceGoldenTests).

Re-implements EmoCAM's fusion of a CAM with detector boxes (emonet-emocam.md §4.3.1, §4.4, §4.5, §6 A8)
the way the authors' code does it, on hand-made 13x13 "raw" maps:
  1. pytorch-grad-cam 1.5.7's own code: np.maximum(cam, 0) (BaseCAM.compute_cam_per_layer),
     utils.image.scale_cam_image(cam, (227, 227)), BaseCAM.aggregate_multi_layers  -> float32 227x227
  2. cv2.resize(cam227, (W, H))                                  (INTER_LINEAR)
  3. Image.fromarray(cam_wh, "F").resize((w', h'), Image.BICUBIC), numpy zero padding to 608x608
     (w', h') = (608, int(608*H/W)) if W > H, (int(608*W/H), 608) if W < H, (608, 608) if W == H
  4. x0, x1, y0, y1 = int(x), int(x + w), int(y), int(y + h);  cam608[y0:y1, x0:x1].mean()
     (numpy float32 mean, as the authors' code; NaN for an empty slice -> null here)
and, independently in numpy, the "clamped" convention: boxes in original pixels, pixel (i, j) counted when
its centre lies in [x, x+w) x [y, y+h): columns ceil(x-0.5) .. ceil(x+w-0.5)-1, clamped to the image,
mean (float64) of the step-2 W x H map; empty -> null with the reason.

Only inputs (the 13x13 maps as float32 values, boxes) and expected means are stored; plus per-map
diagnostic sums of the 227, W x H and 608 maps.
Run: /work/main/.venv/bin/python Scripts/reference/importance_reference.py
     (writes Tests/Fixtures/goldens/importance/importance.json)
"""
import json
import math
import pathlib
import warnings

import cv2
import numpy as np
import PIL
from PIL import Image
import pytorch_grad_cam
from pytorch_grad_cam.base_cam import BaseCAM
from pytorch_grad_cam.utils.image import scale_cam_image

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/goldens/importance/importance.json"
SIDE = 608


def f32list(a):
    out = []
    for v in np.asarray(a, dtype=np.float32).ravel():
        t = repr(float(v))
        assert np.float32(float(t)) == v
        out.append(float(t))
    return out


def raw_maps():
    rng = np.random.default_rng(20261127)
    hot = np.zeros((13, 13), np.float32)
    hot[4, 9] = 1.0
    i, j = np.mgrid[0:13, 0:13]
    gradient = (0.1 * j + 0.05 * i - 0.3).astype(np.float32)  # negative top-left: exercises max(0, .)
    constant = np.full((13, 13), 0.7, np.float32)
    rnd = rng.standard_normal((13, 13)).astype(np.float32)
    return {"hot": hot, "gradient": gradient, "constant": constant, "random": rnd}


def cam227_gradcam(raw):
    """Step 1 with pytorch-grad-cam's own functions (one target layer, one image)."""
    cam = np.maximum(raw[None].astype(np.float32), 0)           # compute_cam_per_layer
    scaled = scale_cam_image(cam, (227, 227))                    # (1, 227, 227)
    result = BaseCAM.aggregate_multi_layers(None, [scaled[:, None, :]])
    assert result.dtype == np.float32 and result.shape == (1, 227, 227)
    return result[0]


def letterbox_size(W, H):
    if W > H:
        nw, nh = SIDE, int(SIDE * H / W)
    elif W < H:
        nw, nh = int(SIDE * W / H), SIDE
    else:
        nw, nh = SIDE, SIDE
    assert (nw, nh) == ((SIDE, SIDE * H // W) if W > H else (SIDE * W // H, SIDE) if W < H else (SIDE, SIDE))
    return nw, nh, (SIDE - nw) // 2, (SIDE - nh) // 2


def to_pil_f(a):
    try:
        return Image.fromarray(a, mode="F")
    except TypeError:
        return Image.fromarray(a)


def cam_original(cam227, W, H):
    return cv2.resize(cam227, (W, H))                              # step 2 (INTER_LINEAR)


def cam608(cam_wh, W, H):
    nw, nh, pl, pt = letterbox_size(W, H)
    im = to_pil_f(cam_wh.astype(np.float32))
    assert im.mode == "F"
    small = np.asarray(im.resize((nw, nh), Image.BICUBIC), dtype=np.float32)
    out = np.zeros((SIDE, SIDE), np.float32)
    out[pt:pt + nh, pl:pl + nw] = small
    return out


def emocam_mean(m608, box):
    x, y, w, h = box
    x0, x1, y0, y1 = int(x), int(x + w), int(y), int(y + h)
    region = m608[y0:y1, x0:x1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        v32 = region.mean()                                       # the authors' expression (float32 mean)
    if region.size == 0:
        assert math.isnan(v32)
        return None, None, [y0, y1, x0, x1], 0
    v64 = region.astype(np.float64).mean()
    return float(v32), float(v64), [y0, y1, x0, x1], int(region.size)


def clamped_mean(m_wh, box):
    H, W = m_wh.shape
    x, y, w, h = box
    c0, c1 = math.ceil(x - 0.5), math.ceil(x + w - 0.5)
    r0, r1 = math.ceil(y - 0.5), math.ceil(y + h - 0.5)
    if c1 <= c0 or r1 <= r0:
        return None, "empty box", 0
    c0, c1, r0, r1 = max(c0, 0), min(c1, W), max(r0, 0), min(r1, H)
    if c1 <= c0 or r1 <= r0:
        return None, "box outside the image", 0
    region = m_wh[r0:r1, c0:c1].astype(np.float64)
    return float(region.mean()), None, int(region.size)


def letterbox_boxes(W, H):
    nw, nh, pl, pt = letterbox_size(W, H)
    return [
        ("inside", [100.3, 150.7, 200.2, 120.9]),
        ("image area", [pl, pt, nw, nh]),
        ("whole letterbox", [0, 0, 608, 608]),
        ("negative x, positive end (wraps to empty)", [-20.5, 100.0, 150.0, 80.0]),
        ("negative x and end (wrapped region)", [-50.0, 100.0, 30.0, 80.0]),
        ("negative y and end (wrapped region)", [120.0, -90.5, 60.0, 45.0]),
        ("small negative start truncates to 0", [-0.7, -0.2, 100.0, 50.0]),
        ("negative y, positive end (wraps to empty)", [100.0, -30.2, 50.0, 200.0]),
        ("beyond the end", [500.5, 500.5, 300.0, 300.0]),
        ("fully outside right/bottom", [700.0, 700.0, 50.0, 50.0]),
        ("fully outside left", [-900.0, 10.0, 100.0, 100.0]),
        ("zero width", [100.0, 100.0, 0.0, 50.0]),
        ("sub-pixel width truncating to empty", [100.2, 100.0, 0.5, 50.0]),
        ("one pixel from fractional corners", [100.9, 300.9, 0.2, 0.2]),
        ("negative width", [200.0, 200.0, -50.0, 40.0]),
        ("centre strip", [303.5, 0.0, 1.0, 608.0]),
    ]


def original_boxes(W, H):
    return [
        ("inside", [0.27 * W + 0.3, 0.31 * H + 0.7, 0.4 * W + 0.15, 0.35 * H + 0.4]),
        ("whole image", [0.0, 0.0, float(W), float(H)]),
        ("partly outside (negative corner)", [-20.5, -10.25, 0.5 * W, 0.6 * H]),
        ("beyond right/bottom", [W - 30.2, H - 10.0, 100.0, 100.0]),
        ("fully outside right", [W + 5.0, 0.0, 10.0, 10.0]),
        ("fully outside top-left", [-100.0, -100.0, 50.0, 50.0]),
        ("zero width", [10.0, 5.0, 0.0, 5.0]),
        ("sub-pixel, no centre inside", [10.1, 5.1, 0.3, 0.3]),
        ("sub-pixel, one centre inside", [10.2, 5.2, 0.4, 0.4]),
        ("half-pixel edges", [9.5, 4.5, 1.0, 1.0]),
        ("negative width", [50.0, 5.0, -20.0, 5.0]),
        ("last column and row", [W - 1.0, H - 1.0, 1.0, 1.0]),
    ]


def compact_json(data):
    """One map / case per line, no indentation inside (keeps the file small and diffable)."""
    c = lambda v: json.dumps(v, separators=(",", ":"))
    lines = ["{"]
    keys = list(data)
    for k in keys:
        v = data[k]
        end = "," if k != keys[-1] else ""
        if isinstance(v, list):
            lines.append(f" {c(k)}:[")
            lines += [f"  {c(x)}" + ("," if i < len(v) - 1 else "") for i, x in enumerate(v)]
            lines.append(" ]" + end)
        elif isinstance(v, dict) and k == "maps":
            lines.append(f" {c(k)}:{{")
            lines += [f"  {c(m)}:{c(x)}" + ("," if i < len(v) - 1 else "") for i, (m, x) in enumerate(v.items())]
            lines.append(" }" + end)
        else:
            lines.append(f" {c(k)}:{c(v)}" + end)
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    maps = raw_maps()
    sizes = [(640, 480), (333, 500), (227, 227), (300, 17)]
    data = {
        "producer": "Scripts/reference/importance_reference.py",
        "versions": {"numpy": np.__version__, "opencv": cv2.__version__, "pillow": PIL.__version__,
                     "pytorch_grad_cam": getattr(pytorch_grad_cam, "__version__", "1.5.7")},
        "maps": {k: f32list(v) for k, v in maps.items()},
        "letterbox": [],
        "diagnostics": [],
        "cases": [],
    }
    for W, H in sizes:
        nw, nh, pl, pt = letterbox_size(W, H)
        data["letterbox"].append({"width": W, "height": H, "resizedWidth": nw, "resizedHeight": nh,
                                  "padLeft": pl, "padTop": pt})
    for name, raw in maps.items():
        c227 = cam227_gradcam(raw)
        for W, H in sizes:
            m_wh = cam_original(c227, W, H)
            m608 = cam608(m_wh, W, H)
            nw, nh, pl, pt = letterbox_size(W, H)
            sx, sy = nw / W, nh / H
            data["diagnostics"].append({
                "map": name, "width": W, "height": H,
                "sum227": float(c227.astype(np.float64).sum()), "max227": float(c227.max()),
                "sumOriginal": float(m_wh.astype(np.float64).sum()),
                "sum608": float(m608.astype(np.float64).sum()),
                "min608": float(m608.min()), "max608": float(m608.max()),
            })
            for label, box in letterbox_boxes(W, H):
                v32, v64, sl, n = emocam_mean(m608, box)
                data["cases"].append({"map": name, "width": W, "height": H, "convention": "emocam",
                                      "frame": "letterbox608", "name": label, "box": box,
                                      "expected": v64, "expectedFloat32Mean": v32, "slice": sl, "pixels": n})
            for label, box in original_boxes(W, H):
                v, reason, n = clamped_mean(m_wh, box)
                data["cases"].append({"map": name, "width": W, "height": H, "convention": "clamped",
                                      "frame": "original", "name": label, "box": box,
                                      "expected": v, "reason": reason, "pixels": n})
                # The same original-pixel box under the paper convention, via x' = x*s + padLeft.
                lb = [box[0] * sx + pl, box[1] * sy + pt, box[2] * sx, box[3] * sy]
                v32, v64, sl, n = emocam_mean(m608, lb)
                data["cases"].append({"map": name, "width": W, "height": H, "convention": "emocam",
                                      "frame": "original", "name": label + " (converted to letterbox)",
                                      "box": box, "letterboxBox": lb,
                                      "expected": v64, "expectedFloat32Mean": v32, "slice": sl, "pixels": n})
            for label, box in letterbox_boxes(W, H)[:3]:
                # Clamped convention for a letterbox box: mapped back with x = (x' - padLeft) / s.
                ob = [(box[0] - pl) / sx, (box[1] - pt) / sy, box[2] / sx, box[3] / sy]
                v, reason, n = clamped_mean(m_wh, ob)
                data["cases"].append({"map": name, "width": W, "height": H, "convention": "clamped",
                                      "frame": "letterbox608", "name": label + " (mapped to original)",
                                      "box": box, "originalBox": ob, "expected": v, "reason": reason, "pixels": n})
    worst = max(abs(c["expected"] - c["expectedFloat32Mean"]) for c in data["cases"]
                if c.get("expectedFloat32Mean") is not None)
    data["maxFloat32MeanVsFloat64Mean"] = worst
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(compact_json(data))
    n_nan = sum(1 for c in data["cases"] if c["expected"] is None)
    print(f"wrote {OUT} ({len(data['cases'])} cases, {n_nan} without value); "
          f"max |float32 mean - float64 mean| = {worst:.3g}")


if __name__ == "__main__":
    main()
