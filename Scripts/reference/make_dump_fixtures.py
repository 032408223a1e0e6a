#!/usr/bin/env python3
"""Fixtures for EmoShift's reader of emonet-py's MATLAB text dumps (`*.txt.bz2`, `img_mean.txt`).

Independent of the Swift code: every file is written here with numpy in the exact layout MATLAB
`writematrix` produces (see reference/emonet-emocam.md §2.4 and §3.2), and the expected PyTorch-layout
float32 values are saved as `.npy`.

* Convolution weights W[o, i, r, s] (PyTorch [Cout, Cin_g, kH, kW]) are stored by MATLAB as the array
  A[r, s, i, o] = W[o, i, r, s] of shape [kH, kW, Cin_g, Cout]; `writematrix` writes one line per kH row r,
  holding A[r, :, :, :] flattened in column-major (Fortran) order.
* Linear weights: Cout lines of Cin values. Conv biases: one line of Cout values. Linear biases: Cout lines
  of one value. Mean image M[y, x, c] (227x227x3): line y holds M[y, :, :] in Fortran order, i.e. field
  227*c + x; the expected array is channel-major [3, 227, 227].

Values are printed in several decimal formats (%.9g, %.8g, %g, %.17g, %.15g, %.4e, integers, exact float
midpoints). The expected float32 of each printed decimal is computed with exact rational arithmetic and
round-half-to-even (what a correctly rounded strtof returns) and cross-checked against the C library's
strtof through ctypes.

Usage:
    .venv/bin/python Scripts/reference/make_dump_fixtures.py            # Tests/Fixtures/matlab/
    .venv/bin/python Scripts/reference/make_dump_fixtures.py --full DIR # full EmoNet-shaped random folder
                                                                        # (17 files, ~750 MB of text; not committed)
Deterministic: a second run rewrites byte-identical fixtures.
"""
from __future__ import annotations

import argparse
import bz2
import ctypes
import json
import multiprocessing
import os
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "matlab"

# The 16 EmoNet tensors (PyTorch names and shapes) and the file each comes from.
EMONET = [
    ("conv1.weight", (96, 3, 11, 11)), ("conv1.bias", (96,)),
    ("conv2.weight", (256, 48, 5, 5)), ("conv2.bias", (256,)),
    ("conv3.weight", (384, 256, 3, 3)), ("conv3.bias", (384,)),
    ("conv4.weight", (384, 192, 3, 3)), ("conv4.bias", (384,)),
    ("conv5.weight", (256, 192, 3, 3)), ("conv5.bias", (256,)),
    ("fc1.weight", (4096, 9216)), ("fc1.bias", (4096,)),
    ("fc2.weight", (4096, 4096)), ("fc2.bias", (4096,)),
    ("fc3.weight", (20, 4096)), ("fc3.bias", (20,)),
]


def file_name(tensor: str) -> str:
    layer, kind = tensor.split(".")
    return f"{layer}.{'weights' if kind == 'weight' else 'bias'}.txt.bz2"


# ---------------------------------------------------------------------------------------------
# Exact decimal -> float32 (round half to even), and the C library's strtof for a cross-check.

F32_MAX = Fraction(2) ** 127 * (2 - Fraction(1, 2 ** 23))


def f32_exact(text: str) -> np.float32:
    t = text.strip()
    negative = t.startswith("-")
    x = abs(Fraction(t))
    if x == 0:
        return np.float32(-0.0 if negative else 0.0)
    # e = floor(log2(x))
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    elif Fraction(2) ** (e + 1) <= x:
        e += 1
    quantum = Fraction(2) ** (max(e, -126) - 23)
    m = x / quantum
    n = m.numerator // m.denominator
    rest = m - n
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and n % 2 == 1):
        n += 1
    r = n * quantum
    if r > F32_MAX:
        value = float("inf")
    else:
        value = float(r)  # exact: r is a float32, hence a double
    return np.float32(-value if negative else value)


_libc = ctypes.CDLL(None)
_libc.strtof.restype = ctypes.c_float
_libc.strtof.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]


def f32_strtof(text: str) -> np.float32:
    return np.float32(_libc.strtof(text.encode(), None))


def same_bits(a: np.float32, b: np.float32) -> bool:
    return np.float32(a).view(np.uint32) == np.float32(b).view(np.uint32)


# ---------------------------------------------------------------------------------------------
# Formatting: MATLAB-like decimals in a rotation of formats.

FORMATS = ["%.9g", "%.8g", "%g", "%.17g", "%.15g", "%.4e", "%.7g", "%.9g"]


def midpoint_text(v: np.float32) -> str:
    """Exact decimal of the midpoint between float32 v and the next float32 away from zero."""
    a = Fraction(float(v))
    b = Fraction(float(np.nextafter(v, np.float32(np.inf) if v >= 0 else np.float32(-np.inf))))
    mid = (a + b) / 2
    # mid = k / 2^n exactly: print all digits
    den = mid.denominator
    n = den.bit_length() - 1
    assert den == 1 << n
    digits = abs(mid.numerator) * 5 ** n  # mid = digits / 10^n
    s = str(digits).rjust(n + 1, "0")
    body = s[:-n] + "." + s[-n:] if n > 0 else s
    return ("-" if mid < 0 else "") + body


def format_values(values: np.ndarray, salt: int) -> list[str]:
    """One decimal string per value (flat order), rotating through the formats."""
    out = []
    for k, v in enumerate(values.ravel().tolist()):
        sel = (k * 7 + salt) % 11
        if sel < len(FORMATS):
            out.append(FORMATS[sel] % v)
        elif sel == 8:
            out.append("%d" % int(round(v * 1000)))  # integers, as writematrix prints whole numbers
        elif sel == 9:
            out.append(midpoint_text(np.float32(v)))  # exact ties: round half to even
        else:
            out.append(repr(float(np.float32(v))))  # shortest double repr of the float32 value
    return out


def expected_of(texts: list[str], shape) -> np.ndarray:
    vals = []
    for t in texts:
        a = f32_exact(t)
        b = f32_strtof(t)
        if not same_bits(a, b):
            sys.exit(f"strtof disagrees with exact rounding on {t!r}: {a!r} vs {b!r}")
        vals.append(a)
    return np.array(vals, dtype=np.float32).reshape(shape)


# ---------------------------------------------------------------------------------------------
# MATLAB layouts (independent numpy implementation).

def conv_lines(texts_w: np.ndarray) -> list[list[str]]:
    """texts_w: object array [Cout, Cin_g, kH, kW] of strings -> kH lines (Fortran order of A[r])."""
    a = np.transpose(texts_w, (2, 3, 1, 0))  # A[r, s, i, o] = W[o, i, r, s]
    return [list(a[r].flatten(order="F")) for r in range(a.shape[0])]


def linear_lines(texts_w: np.ndarray) -> list[list[str]]:
    return [list(texts_w[o]) for o in range(texts_w.shape[0])]


def conv_bias_lines(texts_b: np.ndarray) -> list[list[str]]:
    return [list(texts_b)]


def linear_bias_lines(texts_b: np.ndarray) -> list[list[str]]:
    return [[t] for t in texts_b]


def mean_image_lines(texts_m: np.ndarray) -> list[list[str]]:
    """texts_m: [227, 227, 3] (y, x, c) -> line y = M[y, :, :] in Fortran order (field 227c + x)."""
    return [list(texts_m[y].flatten(order="F")) for y in range(texts_m.shape[0])]


def to_text(lines: list[list[str]], newline: str = "\n") -> bytes:
    return "".join(",".join(line) + newline for line in lines).encode()


def write(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)


def make_case(kind: str, shape, seed: int, scale: float = 0.05):
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal(shape) * scale).astype(np.float32)
    texts = np.array(format_values(w, seed), dtype=object).reshape(shape)
    expected = expected_of(list(texts.ravel()), shape)
    lines = {"conv": conv_lines, "linear": linear_lines, "convbias": conv_bias_lines,
             "linearbias": linear_bias_lines}[kind](texts)
    return lines, expected


def unit_fixtures() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []

    def add(name, kind, shape, expected, data, note):
        write(name, data)
        np.save(OUT / (name.split(".txt")[0] + ".npy"), expected)
        manifest.append({"file": name, "kind": kind, "shape": list(shape),
                         "expected": name.split(".txt")[0] + ".npy", "note": note})

    # Grouped-conv style: Cout 6, Cin_g 2, kH 3, kW 2 (non-square so r/s swaps show).
    lines, exp = make_case("conv", (6, 2, 3, 2), 1)
    add("conv_6x2x3x2.weights.txt.bz2", "conv", (6, 2, 3, 2), exp, bz2.compress(to_text(lines), 9),
        "conv weights, 3 lines x 24 values")
    # conv1 style: Cout 4, Cin 3, kH 2, kW 3; CRLF line endings.
    lines, exp = make_case("conv", (4, 3, 2, 3), 2)
    add("conv_4x3x2x3.weights.txt.bz2", "conv", (4, 3, 2, 3), exp,
        bz2.compress(to_text(lines, "\r\n"), 9), "conv weights, CRLF line ends")
    lines, exp = make_case("linear", (5, 7), 3)
    add("fc_5x7.weights.txt.bz2", "linear", (5, 7), exp, bz2.compress(to_text(lines), 9),
        "linear weights, 5 lines x 7 values")
    lines, exp = make_case("convbias", (6,), 4)
    add("conv_6.bias.txt.bz2", "convbias", (6,), exp, bz2.compress(to_text(lines), 9),
        "conv bias, one line of 6 values")
    lines, exp = make_case("linearbias", (5,), 5)
    add("fc_5.bias.txt.bz2", "linearbias", (5,), exp, bz2.compress(to_text(lines), 9),
        "linear bias, 5 lines of one value")
    # Two concatenated bzip2 streams, split in the middle of a line.
    lines, exp = make_case("linear", (9, 11), 6)
    text = to_text(lines)
    cut = len(text) // 2 + 3
    add("fc_9x11_twostreams.weights.txt.bz2", "linear", (9, 11), exp,
        bz2.compress(text[:cut], 9) + bz2.compress(text[cut:], 9), "two concatenated bz2 streams")
    # Several bzip2 blocks (level 1 = 100 kB blocks) and two streams: exercises block-parallel decoding.
    rng = np.random.default_rng(7)
    palette = (rng.standard_normal(64) * 0.05).astype(np.float32)
    w = palette[rng.integers(0, 64, size=(32, 1000))]
    texts = np.array(["%.9g" % v for v in w.ravel().tolist()], dtype=object).reshape(w.shape)
    exp = expected_of(list(texts.ravel()), w.shape)
    text = to_text(linear_lines(texts))
    cut = text.index(b"\n", len(text) * 2 // 3) + 1
    data = bz2.compress(text[:cut], 1) + bz2.compress(text[cut:], 1)
    add("fc_32x1000_multiblock.weights.txt.bz2", "linear", w.shape, exp, data,
        f"{len(text)} bytes of text in two streams of 100 kB blocks")
    # The same text with one bad value deep inside (line 30, field 777), one stream of 100 kB blocks.
    rows = text.split(b"\n")
    fields = rows[29].split(b",")
    fields[776] = b"1.0.0"
    rows[29] = b",".join(fields)
    name = "fc_32x1000_multiblock_bad.weights.txt.bz2"
    write(name, bz2.compress(b"\n".join(rows), 1))
    manifest.append({"file": name, "kind": "linear", "shape": list(w.shape), "expected": None,
                     "error": "line 30, field 777: '1.0.0' is not a number", "note": "bad value in a multi-block file"})
    # Exact float32 midpoints and near-midpoints, subnormals and extremes.
    hard = []
    rng = np.random.default_rng(8)
    for v in (rng.standard_normal(12) * 0.05).astype(np.float32):
        mid = midpoint_text(v)
        hard += [mid, mid + "000000000000000000001", mid[:-1] + str(int(mid[-1]) - 1) + "999999"]
    hard += ["1.40129846e-45", "7.0064923e-46", "7.00649232162408535e-46", "1.17549435e-38",
             "1.1754942e-38", "3.40282347e+38", "3.4028235677973366e+38", "-0", "0.000", "1e-50",
             "123456789012345678901234567890", "0.1", "-2.5e-3", "1E+2", "65536"]
    hard = hard[: (len(hard) // 6) * 6]
    shape = (len(hard) // 6, 6)
    exp = expected_of(hard, shape)
    texts = np.array(hard, dtype=object).reshape(shape)
    add("fc_hard.weights.txt.bz2", "linear", shape, exp, bz2.compress(to_text(linear_lines(texts)), 9),
        "exact midpoints (ties to even), +-1 digit past them, subnormals, float32 extremes")

    # A 227x227x3 mean image on the 0-255 scale. Its expected values follow from the formula below
    # (also in the manifest), so no 600 kB .npy is committed: plane c at (y, x) is
    #   c = 0: 100 + 0.5 * ((x + 2y) // 8);  c = 1: 110 + 0.25 * ((3x + y) // 16);  c = 2: 90 + 0.5 * ((x*y) // 512)
    # (all exact in float32 and printed exactly by %.9g).
    y, x = np.mgrid[0:227, 0:227]
    planes = [100 + 0.5 * ((x + 2 * y) // 8), 110 + 0.25 * ((3 * x + y) // 16), 90 + 0.5 * ((x * y) // 512)]
    m = np.stack(planes, axis=-1).astype(np.float32)  # [y, x, c]
    texts = np.array(["%.9g" % v for v in m.ravel().tolist()], dtype=object).reshape(m.shape)
    exp_hwc = np.array([f32_exact(t) for t in texts.ravel()], dtype=np.float32).reshape(m.shape)
    assert (exp_hwc == m).all()
    name = "img_mean_pattern.txt.bz2"
    write(name, bz2.compress(to_text(mean_image_lines(texts)), 9))
    manifest.append({"file": name, "kind": "meanimage", "shape": [3, 227, 227], "expected": None,
                     "formula": ["100 + 0.5 * floor((x + 2*y) / 8)", "110 + 0.25 * floor((3*x + y) / 16)",
                                 "90 + 0.5 * floor(x*y / 512)"],
                     "note": "mean image text (227 lines x 681 values, field 227*c + x), bzip2'd to keep it small"})

    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(manifest)} fixtures to {OUT} ({total} bytes in total)")


# ---------------------------------------------------------------------------------------------
# Full-size random folder (timing only).

def _write_full(args) -> tuple[str, int, int, float]:
    directory, tensor, shape, seed = args
    t0 = time.time()
    rng = np.random.default_rng(seed)
    scale = 0.01 if tensor.endswith("weight") else 0.1
    w = (rng.standard_normal(shape) * scale).astype(np.float32)
    if len(shape) == 4:
        a = np.transpose(w, (2, 3, 1, 0))
        rows = [a[r].flatten(order="F") for r in range(a.shape[0])]
    elif len(shape) == 2:
        rows = list(w)
    elif tensor.startswith("conv"):
        rows = [w]
    else:
        rows = [w[o:o + 1] for o in range(w.shape[0])]
    comp = bz2.BZ2Compressor(9)
    text_bytes = 0
    path = Path(directory) / file_name(tensor)
    with open(path, "wb") as f:
        for row in rows:
            line = (",".join(["%.9g" % v for v in row.tolist()]) + "\n").encode()
            text_bytes += len(line)
            f.write(comp.compress(line))
        f.write(comp.flush())
    np.save(Path(directory) / (tensor + ".npy"), w)
    return (path.name, text_bytes, path.stat().st_size, time.time() - t0)


def full_folder(directory: str) -> None:
    Path(directory).mkdir(parents=True, exist_ok=True)
    jobs = [(directory, t, s, 100 + k) for k, (t, s) in enumerate(EMONET)]
    jobs.sort(key=lambda j: -int(np.prod(j[2])))  # biggest first
    t0 = time.time()
    with multiprocessing.Pool(os.cpu_count()) as pool:
        for name, text, comp, secs in pool.imap_unordered(_write_full, jobs):
            print(f"{name:26s} text {text:>11d} B  bz2 {comp:>11d} B  {secs:6.1f} s", flush=True)
    rng = np.random.default_rng(99)
    m = (rng.random((227, 227, 3)) * 255).astype(np.float32)
    texts = np.array(["%.9g" % v for v in m.ravel().tolist()], dtype=object).reshape(m.shape)
    (Path(directory) / "img_mean.txt").write_bytes(to_text(mean_image_lines(texts)))
    np.save(Path(directory) / "img_mean.npy", np.ascontiguousarray(np.transpose(m, (2, 0, 1))))
    print(f"done in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", metavar="DIR", help="write a full EmoNet-shaped random folder to DIR")
    args = parser.parse_args()
    if args.full:
        full_folder(args.full)
    else:
        unit_fixtures()
