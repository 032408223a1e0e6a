#!/usr/bin/env python3
"""Writes Tests/Fixtures/goldens/: what Pillow 13.0.0 (decode, EXIF transpose, resize) and
OpenCV (float bilinear / nearest CAM upsampling) produce for the committed photos and fixtures.

Outputs
  goldens/pillow.json                 all cases (sha256 of H x W x 3 uint8 row-major bytes, samples)
  goldens/resize227/<name>.png        Pillow BICUBIC 227x227 output for every photo (lossless)
  goldens/bilinear/*.npy              cv2.resize float32 outputs (+ their float32 inputs)

Deterministic: re-running on the same reference stack gives identical files.
Usage: .venv/bin/python Scripts/reference/make_image_goldens.py
"""
from __future__ import annotations

import hashlib
import json
import shutil
import warnings
from pathlib import Path

import cv2
import numpy as np
import PIL
from PIL import Image, ImageOps, features

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "Experiments" / "images"
FIXTURES = ROOT / "Tests" / "Fixtures" / "images"
GOLD = ROOT / "Tests" / "Fixtures" / "goldens"

EXPECTED_PILLOW = "13.0.0"
PHOTO_SIZES = [(227, 227), (64, 48), (500, 333), (101, 403), (300, 17)]
FILTERS = {"bicubic": Image.Resampling.BICUBIC, "bilinear": Image.Resampling.BILINEAR,
           "lanczos": Image.Resampling.LANCZOS}

# Palette images with tRNS warn on convert("RGB"); the pixels are what we want regardless.
warnings.filterwarnings("ignore", message="Palette images with Transparency")


def rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def sha(arr: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()


def samples(arr: np.ndarray) -> list[list[int]]:
    """[x, y, r, g, b] at 5 fixed positions: corners and centre."""
    h, w = arr.shape[:2]
    pts = [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1), (w // 2, h // 2)]
    return [[x, y, *[int(v) for v in arr[y, x]]] for x, y in pts]


def pass_order(in_w: int, in_h: int, out_w: int, out_h: int) -> str:
    """Pillow 13's choice (emonet-emocam.md 2.2)."""
    if (in_w, in_h) == (out_w, out_h):
        return "none"
    if in_w == out_w:
        return "vertical-only"
    if in_h == out_h:
        return "horizontal-only"
    if out_h < in_h and (in_h - out_h) > 2 * (in_w - out_w):
        return "vertical-first"
    return "horizontal-first"


def check_pass_order(rgb: Image.Image, size, flt, got: np.ndarray) -> tuple[str, int]:
    """Confirms the rule by rebuilding both orders from single-axis resizes (uint8 intermediate).
    Returns the order and how many bytes the other order would get wrong."""
    (in_w, in_h), (out_w, out_h) = rgb.size, size
    order = pass_order(in_w, in_h, out_w, out_h)
    if order not in ("vertical-first", "horizontal-first"):
        return order, 0
    h_first = np.asarray(rgb.resize((out_w, in_h), flt).resize((out_w, out_h), flt))
    v_first = np.asarray(rgb.resize((in_w, out_h), flt).resize((out_w, out_h), flt))
    mine, other = (v_first, h_first) if order == "vertical-first" else (h_first, v_first)
    assert np.array_equal(mine, got), f"pass-order rule failed for {in_w}x{in_h} -> {size}"
    return order, int(np.count_nonzero(other != got))


def image_cases(path: Path, is_photo: bool, report: list) -> tuple[list[dict], dict]:
    cases = []
    with Image.open(path) as im:
        im.load()
        mode, fmt = im.mode, im.format
        orientation = int(im.getexif().get(0x0112, 1))
        rgb = im.convert("RGB")
        sources = [("decode", rgb)]
        if orientation != 1:
            sources.append(("decode-exif", ImageOps.exif_transpose(im).convert("RGB")))
    info = {"file": rel(path), "mode": mode, "format": fmt, "width": rgb.width, "height": rgb.height,
            "exif_orientation": orientation}

    for op, img in sources:
        a = np.asarray(img)
        cases.append({"file": rel(path), "op": op, "mode": mode, "width": img.width, "height": img.height,
                      "sha256": sha(a), "samples": samples(a)})

    for op, img in sources:
        # photos also get the two single-pass paths (only one dimension changes)
        targets = PHOTO_SIZES + [(img.width, 227), (227, img.height)] if is_photo else [(227, 227)]
        for size in targets:
            flts = ["bicubic", "bilinear", "lanczos"] if (is_photo and size == (227, 227)) else ["bicubic"]
            for fname in flts:
                out = img.resize(size, FILTERS[fname])
                a = np.asarray(out)
                order, other_diff = check_pass_order(img, size, FILTERS[fname], a)
                case = {"file": rel(path), "op": "resize", "source": op, "filter": fname, "mode": mode,
                        "in_width": img.width, "in_height": img.height, "width": size[0], "height": size[1],
                        "pass_order": order, "sha256": sha(a), "samples": samples(a)}
                if order in ("vertical-first", "horizontal-first"):
                    case["other_order_differing_bytes"] = other_diff
                if is_photo and size == (227, 227) and fname == "bicubic" and op == "decode":
                    png = GOLD / "resize227" / f"{path.name}.png"
                    out.save(png, "PNG", compress_level=9)
                    case["png"] = rel(png)
                cases.append(case)
                report.append((rel(path), op, fname, img.size, size, order, other_diff))
    return cases, info


# --------------------------------------------------------------------------------------------
# Float bilinear (CAM upsampling): cv2.resize(map, (W, H)) with INTER_LINEAR (default)
# --------------------------------------------------------------------------------------------

FORMULA = "m[y, x] = float32(sin(0.7*x + 1.3*y) * cos(0.31*x*y + 0.2) + 0.05*x), computed in float64"
BILINEAR = [((13, 13), (227, 227)), ((13, 13), (160, 107)), ((13, 13), (1, 1)), ((40, 30), (17, 11)),
            ((7, 5), (8, 9))]
NEAREST = [((13, 13), (227, 227))]


def cam_map(w: int, h: int) -> np.ndarray:
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    return (np.sin(0.7 * x + 1.3 * y) * np.cos(0.31 * x * y + 0.2) + 0.05 * x).astype(np.float32)


def float_cases() -> list[dict]:
    out = []
    d = GOLD / "bilinear"
    inputs_done = set()
    for interp, name, lst in [(cv2.INTER_LINEAR, "linear", BILINEAR), (cv2.INTER_NEAREST, "nearest", NEAREST)]:
        for (iw, ih), (ow, oh) in lst:
            m = cam_map(iw, ih)
            in_file = d / f"input_{iw}x{ih}.npy"
            if (iw, ih) not in inputs_done:
                np.save(in_file, m)
                inputs_done.add((iw, ih))
            r = cv2.resize(m, (ow, oh), interpolation=interp)
            r = np.ascontiguousarray(r, dtype=np.float32)
            assert r.shape == (oh, ow)
            suffix = "" if name == "linear" else "_nearest"
            f = d / f"{iw}x{ih}_to_{ow}x{oh}{suffix}.npy"
            np.save(f, r)
            out.append({"interpolation": name, "cv2_flag": "INTER_LINEAR" if name == "linear" else "INTER_NEAREST",
                        "in_width": iw, "in_height": ih, "out_width": ow, "out_height": oh,
                        "input_file": rel(in_file), "input_sha256": sha(m), "file": rel(f), "sha256": sha(r),
                        "min": float(r.min()), "max": float(r.max())})
    return out


# Pillow "F" (float32) mode BICUBIC resize: EmoCAM letterboxes CAM maps this way (reference §4.5).
PILLOW_FLOAT = [((13, 13), (227, 227)), ((40, 30), (17, 11)), ((30, 70), (20, 20)), ((7, 5), (8, 9))]


def pillow_float_cases() -> list[dict]:
    out = []
    d = GOLD / "bilinear"
    for (iw, ih), (ow, oh) in PILLOW_FLOAT:
        m = cam_map(iw, ih)
        in_file = d / f"input_{iw}x{ih}.npy"
        if not in_file.exists():
            np.save(in_file, m)
        r = np.asarray(Image.fromarray(m, mode="F").resize((ow, oh), Image.Resampling.BICUBIC), dtype=np.float32)
        assert r.shape == (oh, ow)
        f = d / f"{iw}x{ih}_to_{ow}x{oh}_pillowF.npy"
        np.save(f, np.ascontiguousarray(r))
        out.append({"interpolation": "pillow-bicubic-F", "in_width": iw, "in_height": ih, "out_width": ow,
                    "out_height": oh, "input_file": rel(in_file), "input_sha256": sha(m), "file": rel(f),
                    "sha256": sha(r)})
    return out


# Pillow NEAREST on 8-bit RGB (used for masks and pixel-art views).
def nearest_cases(photos) -> list[dict]:
    out = []
    for p in photos[:3]:
        with Image.open(p) as im:
            rgb = im.convert("RGB")
        for size in [(227, 227), (101, 403), (1000, 37)]:
            a = np.asarray(rgb.resize(size, Image.Resampling.NEAREST))
            out.append({"file": rel(p), "op": "resize", "source": "decode", "filter": "nearest",
                        "in_width": rgb.width, "in_height": rgb.height, "width": size[0], "height": size[1],
                        "sha256": sha(a), "samples": samples(a)})
    return out


def main():
    assert PIL.__version__ == EXPECTED_PILLOW, f"Pillow {PIL.__version__}, goldens need {EXPECTED_PILLOW}"
    if GOLD.exists():
        shutil.rmtree(GOLD)
    (GOLD / "resize227").mkdir(parents=True)
    (GOLD / "bilinear").mkdir()

    photos = sorted([*PHOTOS.glob("*.png"), *PHOTOS.glob("*.jpg")])
    fixtures = sorted([*FIXTURES.glob("*.png"), *FIXTURES.glob("*.jpg")])
    cases, files, report = [], [], []
    for p in photos:
        c, info = image_cases(p, True, report)
        cases += c
        files.append({**info, "kind": "photo"})
    for p in fixtures:
        c, info = image_cases(p, False, report)
        cases += c
        files.append({**info, "kind": "fixture"})

    errors = []
    for p in sorted((FIXTURES / "invalid").iterdir()):
        try:
            with Image.open(p) as im:
                im.load()
                im.convert("RGB")
            raise AssertionError(f"{p} decoded without error")
        except (OSError, SyntaxError) as e:  # Pillow's UnidentifiedImageError is an OSError
            errors.append({"file": rel(p), "op": "decode", "expect": "error", "pillow_error": type(e).__name__,
                           "message": str(e).replace(str(ROOT) + "/", "")})

    doc = {
        "generator": "Scripts/reference/make_image_goldens.py",
        "pillow": PIL.__version__, "numpy": np.__version__, "opencv": cv2.__version__,
        "libjpeg_turbo": features.version_feature("libjpeg_turbo"), "zlib": features.version("zlib"),
        "sha256_of": "np.asarray(rgb).tobytes(): H x W x 3 uint8, row-major (float32 little-endian for bilinear)",
        "samples_format": "[x, y, r, g, b] at (0,0), (w-1,0), (0,h-1), (w-1,h-1), (w//2,h//2)",
        "pass_order_rule": "vertical-first iff out_h < in_h and (in_h - out_h) > 2*(in_w - out_w)",
        "files": files,
        "cases": cases,
        "errors": errors,
        "bilinear_formula": FORMULA,
        "bilinear": float_cases() + pillow_float_cases(),
    }
    doc["cases"] += nearest_cases(photos)
    (GOLD / "pillow.json").write_text(json.dumps(doc, indent=1) + "\n")

    print("pass order, BICUBIC 227x227, photos:")
    for f, op, flt, insz, outsz, order, diff in report:
        if f.startswith("Experiments/") and outsz == (227, 227) and flt == "bicubic":
            print(f"  {f:40s} {insz[0]}x{insz[1]} -> 227x227  {order:17s} (other order differs in {diff} bytes)")
    vf = [r for r in report if r[5] == "vertical-first"]
    print("all vertical-first cases:")
    for f, op, flt, insz, outsz, order, diff in vf:
        print(f"  {f:40s} {op:11s} {flt:8s} {insz[0]}x{insz[1]} -> {outsz[0]}x{outsz[1]}  other order differs in {diff} bytes")
    assert any(r[4] == (227, 227) for r in vf), "no 227x227 case hits the vertical-first branch"
    assert any(r[6] > 0 for r in vf), "vertical-first never changes the result: cases too weak"
    print(f"{len(cases)} cases, {len(errors)} error cases, {len(doc['bilinear'])} float cases")


if __name__ == "__main__":
    main()
