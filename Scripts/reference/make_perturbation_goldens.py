#!/usr/bin/env python3
"""Goldens for the Perturbation library (Tests/PerturbationTests/PerturbationGoldenTests.swift).

Run from the repository root with the project venv (Pillow 13, torch 2.15, torchvision 0.29):

    .venv/bin/python Scripts/reference/make_perturbation_goldens.py

Writes, under Tests/Fixtures/perturbation/:
  input.png            64x48 RGB crop of Experiments/images/chelsea.png (box 200,80,264,128)
  colours.png          32x32 RGB uniform random colours (numpy default_rng(0)), stresses hue/saturation
  cutout.png           40x30 RGBA synthetic cut-out (soft-edged ellipse, colour gradient)
  goldens/<id>.png     expected outputs
  goldens.json         [{id, transform, parameters, file, tolerance, reference}] — tolerance is the
                       allowed max |swift - reference| per sample (0 = bit-exact)
"""
import json
import os

import numpy as np
import torch
import torchvision
from PIL import Image, ImageFilter, ImageOps
from torchvision.transforms import functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "perturbation")
GOLD = os.path.join(OUT, "goldens")
os.makedirs(GOLD, exist_ok=True)

src = Image.open(os.path.join(ROOT, "Experiments", "images", "chelsea.png")).convert("RGB")
img = src.crop((200, 80, 264, 128))
assert img.size == (64, 48)
img.save(os.path.join(OUT, "input.png"), optimize=True)

# Synthetic RGBA cut-out: gradient colours, alpha = soft ellipse (0 outside, 255 inside, ramp at the edge).
h, w = 30, 40
yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
d = np.sqrt(((xx + 0.5 - w / 2) / (w / 2 - 2)) ** 2 + ((yy + 0.5 - h / 2) / (h / 2 - 2)) ** 2)
alpha = np.clip((1.0 - d) * 4.0, 0, 1) * 255
rgba = np.zeros((h, w, 4), np.uint8)
rgba[..., 0] = (xx * 255 / (w - 1)).astype(np.uint8)
rgba[..., 1] = (yy * 255 / (h - 1)).astype(np.uint8)
rgba[..., 2] = 200
rgba[..., 3] = np.round(alpha).astype(np.uint8)
rgba[alpha == 0, :3] = 0
cut = Image.fromarray(rgba, "RGBA")
cut.save(os.path.join(OUT, "cutout.png"), optimize=True)

t = torch.from_numpy(np.asarray(img).copy()).permute(2, 0, 1).contiguous()  # uint8 C,H,W

colours = Image.fromarray(np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype=np.uint8), "RGB")
colours.save(os.path.join(OUT, "colours.png"), optimize=True)
tc = torch.from_numpy(np.asarray(colours).copy()).permute(2, 0, 1).contiguous()


def from_tensor(x):
    return Image.fromarray(x.permute(1, 2, 0).contiguous().numpy(), "RGB")


entries = []


def add(id_, transform, parameters, out, tolerance, reference, input_="input.png"):
    fn = f"{id_}.png"
    out.save(os.path.join(GOLD, fn), optimize=True)
    entries.append(dict(id=id_, transform=transform, parameters=parameters, file=f"goldens/{fn}",
                        tolerance=tolerance, reference=reference, input=input_))


for s in [0.5, 1.5, 3.0, 8.0]:
    add(f"gaussian-blur-{s}", "gaussian-blur", {"sigma": s}, img.filter(ImageFilter.GaussianBlur(s)), 0,
        f"PIL ImageFilter.GaussianBlur({s})")
for r in [1.0, 2.5]:
    add(f"box-blur-{r}", "box-blur", {"radius": r}, img.filter(ImageFilter.BoxBlur(r)), 0, f"PIL ImageFilter.BoxBlur({r})")
for b in [4, 5]:
    small = img.resize((max(1, img.width // b), max(1, img.height // b)), Image.Resampling.BOX)
    add(f"pixelate-{b}", "pixelate", {"block": b}, small.resize(img.size, Image.Resampling.NEAREST), 0,
        "PIL resize BOX down then NEAREST up")
for f in [0.5, 1.7]:
    add(f"brightness-{f}", "brightness", {"factor": f}, from_tensor(F.adjust_brightness(t, f)), 0,
        f"torchvision F.adjust_brightness(uint8, {f})")
for f in [0.5, 1.8]:
    add(f"contrast-{f}", "contrast", {"factor": f}, from_tensor(F.adjust_contrast(t, f)), 1,
        f"torchvision F.adjust_contrast(uint8, {f})")
for f in [0.0, 0.4, 2.0]:
    add(f"saturation-{f}", "saturation", {"factor": f}, from_tensor(F.adjust_saturation(t, f)), 0,
        f"torchvision F.adjust_saturation(uint8, {f})")
for hshift in [-0.3, 0.1, 0.5]:
    add(f"hue-{hshift}", "hue", {"shift": hshift}, from_tensor(F.adjust_hue(t, hshift)), 1,
        f"torchvision F.adjust_hue(uint8, {hshift})")
add("grayscale", "grayscale", {}, from_tensor(F.rgb_to_grayscale(t, num_output_channels=3)), 0,
    "torchvision F.rgb_to_grayscale(uint8, 3)")
add("invert", "invert", {}, ImageOps.invert(img), 0, "PIL ImageOps.invert")
add("flip-horizontal", "flip", {"direction": "horizontal"}, img.transpose(Image.Transpose.FLIP_LEFT_RIGHT), 0,
    "PIL FLIP_LEFT_RIGHT")
add("flip-vertical", "flip", {"direction": "vertical"}, img.transpose(Image.Transpose.FLIP_TOP_BOTTOM), 0,
    "PIL FLIP_TOP_BOTTOM")
# Saturated random colours: every hue sector, many max==min / max==r==g ties.
for hshift in [-0.5, -0.25, 0.05, 0.25, 0.5]:
    add(f"colours-hue-{hshift}", "hue", {"shift": hshift}, from_tensor(F.adjust_hue(tc, hshift)), 1,
        f"torchvision F.adjust_hue(uint8, {hshift})", "colours.png")
for f in [0.3, 2.5]:
    add(f"colours-saturation-{f}", "saturation", {"factor": f}, from_tensor(F.adjust_saturation(tc, f)), 0,
        f"torchvision F.adjust_saturation(uint8, {f})", "colours.png")
    add(f"colours-contrast-{f}", "contrast", {"factor": f}, from_tensor(F.adjust_contrast(tc, f)), 1,
        f"torchvision F.adjust_contrast(uint8, {f})", "colours.png")
    add(f"colours-brightness-{f}", "brightness", {"factor": f}, from_tensor(F.adjust_brightness(tc, f)), 0,
        f"torchvision F.adjust_brightness(uint8, {f})", "colours.png")
add("colours-grayscale", "grayscale", {}, from_tensor(F.rgb_to_grayscale(tc, num_output_channels=3)), 0,
    "torchvision F.rgb_to_grayscale(uint8, 3)", "colours.png")
add("colours-gaussian-blur-2.0", "gaussian-blur", {"sigma": 2.0}, colours.filter(ImageFilter.GaussianBlur(2.0)), 0,
    "PIL ImageFilter.GaussianBlur(2.0)", "colours.png")
add("colours-box-blur-0.5", "box-blur", {"radius": 0.5}, colours.filter(ImageFilter.BoxBlur(0.5)), 0,
    "PIL ImageFilter.BoxBlur(0.5)", "colours.png")
add("colours-gaussian-blur-40.0", "gaussian-blur", {"sigma": 40.0}, colours.filter(ImageFilter.GaussianBlur(40.0)), 0,
    "PIL ImageFilter.GaussianBlur(40.0) (box radius larger than the image)", "colours.png")
# The cut-out resize insert-object uses: Pillow premultiplies RGBA (RGBa) around the resample.
rs = cut.resize((25, 19), Image.Resampling.BICUBIC)
rs.save(os.path.join(GOLD, "cutout-resize-25x19.png"), optimize=True)
entries.append(dict(id="cutout-resize-25x19", transform="(resize)", parameters={"width": 25, "height": 19},
                    file="goldens/cutout-resize-25x19.png", tolerance=0,
                    reference="PIL RGBA Image.resize((25, 19), BICUBIC) (premultiplied)", input="cutout.png"))

with open(os.path.join(OUT, "goldens.json"), "w") as fh:
    json.dump(dict(generator="Scripts/reference/make_perturbation_goldens.py",
                   versions=dict(pillow=Image.__version__ if hasattr(Image, "__version__") else None,
                                 torch=torch.__version__, torchvision=torchvision.__version__),
                   input="input.png", cutout="cutout.png", goldens=entries), fh, indent=1)
print(f"wrote {len(entries)} goldens to {OUT}")
