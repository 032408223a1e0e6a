#!/usr/bin/env python3
"""Writes the synthetic image fixtures in Tests/Fixtures/images/ (and invalid/).

Deterministic: a seeded numpy RNG plus smooth gradients, PNGs either saved by Pillow or by the
small PNG writer below (numpy + zlib), JPEGs saved by Pillow. Re-running gives identical bytes
on the same reference stack (Scripts/reference/requirements.txt).

The PNG writer exists for the variants that Pillow cannot (or not reliably) write: 1/2/4-bit
grey, 1/2/4-bit palette with a short PLTE, 16-bit grey+alpha, 16-bit RGB/RGBA, tRNS on grey and
RGB, and Adam7 interlacing. It cycles the five PNG row filters (None, Sub, Up, Average, Paeth)
row by row so a decoder's unfiltering is fully exercised.

Usage: .venv/bin/python Scripts/reference/make_fixtures.py
"""
from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "images"
INVALID = OUT / "invalid"

# --------------------------------------------------------------------------------------------
# Pixel content
# --------------------------------------------------------------------------------------------


def field(w: int, h: int, seed: int, channels: int, lo: float, hi: float, noise: float) -> np.ndarray:
    """Smooth per-channel gradients + a low-frequency wave + seeded noise, float64 in [lo, hi]."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    u = x / max(w - 1, 1)
    v = y / max(h - 1, 1)
    planes = []
    for c in range(channels):
        a, b, ph = rng.uniform(0.2, 1.0), rng.uniform(0.2, 1.0), rng.uniform(0, 2 * np.pi)
        base = 0.5 * (a * u + b * v) / max(a, b) + 0.25 * (1 + np.sin(2 * np.pi * (u * (c + 1) + v * 1.5) + ph))
        base = base / 1.5
        base = base + rng.normal(0.0, noise, size=(h, w))
        planes.append(np.clip(base, 0.0, 1.0))
    f = np.stack(planes, axis=-1)
    return lo + (hi - lo) * f


def u8(w, h, seed, channels=3, noise=0.04):
    return np.rint(field(w, h, seed, channels, 0, 255, noise)).astype(np.uint8)


def u16(w, h, seed, channels=3, noise=0.04):
    return np.rint(field(w, h, seed, channels, 0, 65535, noise)).astype(np.uint16)


def alpha8(w, h, seed):
    """Alpha with fully transparent, fully opaque and partial areas."""
    a = u8(w, h, seed, 1, noise=0.02)[..., 0].astype(np.int32)
    a[: max(1, h // 5), :] = 0
    a[-max(1, h // 5):, :] = 255
    return a.astype(np.uint8)


# --------------------------------------------------------------------------------------------
# Minimal PNG writer
# --------------------------------------------------------------------------------------------

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def _raw_rows(arr: np.ndarray, bit_depth: int) -> list[bytes]:
    """arr: H x W x C (uint8 or uint16) -> unfiltered scanlines (bytes, no filter byte)."""
    h = arr.shape[0]
    rows = []
    for y in range(h):
        row = arr[y].reshape(-1)
        if bit_depth == 16:
            rows.append(row.astype(">u2").tobytes())
        elif bit_depth == 8:
            rows.append(row.astype(np.uint8).tobytes())
        else:
            per = 8 // bit_depth
            vals = row.astype(np.uint8)
            assert int(vals.max(initial=0)) < (1 << bit_depth)
            pad = (-len(vals)) % per
            vals = np.concatenate([vals, np.zeros(pad, np.uint8)]).reshape(-1, per)
            shifts = np.array([8 - bit_depth * (i + 1) for i in range(per)], np.uint8)
            rows.append((vals << shifts).sum(axis=1).astype(np.uint8).tobytes())
    return rows


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter(rows: list[bytes], bpp: int, first_filter: int) -> bytes:
    out = bytearray()
    prev = bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        ft = (first_filter + i) % 5
        cur = bytearray(len(row))
        for j, x in enumerate(row):
            a = row[j - bpp] if j >= bpp else 0
            b = prev[j]
            c = prev[j - bpp] if j >= bpp else 0
            pred = (0, a, b, (a + b) // 2, _paeth(a, b, c))[ft]
            cur[j] = (x - pred) & 0xFF
        out.append(ft)
        out += cur
        prev = row
    return bytes(out)


def png_bytes(arr: np.ndarray, color_type: int, bit_depth: int, *, palette: np.ndarray | None = None,
              trns: bytes | None = None, interlace: bool = False, exif: bytes | None = None) -> bytes:
    if arr.ndim == 2:
        arr = arr[..., None]
    h, w, c = arr.shape
    assert c == CHANNELS[color_type]
    bpp = max(1, c * bit_depth // 8)
    if interlace:
        data = b""
        for p, (x0, y0, dx, dy) in enumerate(ADAM7):
            sub = arr[y0::dy, x0::dx]
            if sub.shape[0] == 0 or sub.shape[1] == 0:
                continue
            data += _filter(_raw_rows(sub, bit_depth), bpp, first_filter=p)
    else:
        data = _filter(_raw_rows(arr, bit_depth), bpp, first_filter=0)
    out = b"\x89PNG\r\n\x1a\n"
    out += _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0))
    if palette is not None:
        out += _chunk(b"PLTE", np.asarray(palette, np.uint8).reshape(-1).tobytes())
    if trns is not None:
        out += _chunk(b"tRNS", trns)
    if exif is not None:
        out += _chunk(b"eXIf", exif)
    out += _chunk(b"IDAT", zlib.compress(data, 9))
    out += _chunk(b"IEND", b"")
    return out


# --------------------------------------------------------------------------------------------
# Fixture list
# --------------------------------------------------------------------------------------------

MANIFEST: list[dict] = []


def record(name: str, kind: str, size: tuple[int, int], writer: str, **details):
    MANIFEST.append({"file": name, "type": kind, "width": size[0], "height": size[1], "writer": writer,
                     **details})


def write_png(name, arr, color_type, bit_depth, kind, **kw):
    data = png_bytes(arr, color_type, bit_depth, **kw)
    (OUT / name).write_bytes(data)
    h, w = arr.shape[:2]
    details = {"png_color_type": color_type, "png_bit_depth": bit_depth, "interlace": bool(kw.get("interlace"))}
    if kw.get("palette") is not None:
        details["palette_entries"] = int(np.asarray(kw["palette"]).reshape(-1, 3).shape[0])
    if kw.get("trns") is not None:
        details["trns"] = kw["trns"].hex()
    if kw.get("exif") is not None:
        details["exif_chunk"] = True
    record(name, kind, (w, h), "make_fixtures.png_bytes", **details)


def pillow_save(name, im: Image.Image, kind, **save_kw):
    buf = io.BytesIO()
    fmt = "PNG" if name.endswith(".png") else "JPEG"
    im.save(buf, fmt, **save_kw)
    (OUT / name).write_bytes(buf.getvalue())
    details = {k: v for k, v in save_kw.items() if k != "exif"}
    if "exif" in save_kw:
        details["exif"] = True
    record(name, kind, im.size, f"Pillow {fmt} (from mode {im.mode})", **details)


def png_structure(data: bytes) -> dict:
    """IHDR fields and chunk order of a PNG file (recorded in the manifest for every PNG)."""
    i, chunks, ihdr = 8, [], None
    while i < len(data):
        (n,) = struct.unpack(">I", data[i:i + 4])
        tag = data[i + 4:i + 8].decode("latin-1")
        if tag == "IHDR":
            ihdr = struct.unpack(">IIBBBBB", data[i + 8:i + 21])
        if not chunks or chunks[-1] != tag:
            chunks.append(tag)
        i += 12 + n
    return {"png_color_type": ihdr[3], "png_bit_depth": ihdr[2], "interlace": bool(ihdr[6]), "png_chunks": chunks}


def jpeg_structure(im: Image.Image) -> dict:
    from PIL import JpegImagePlugin
    sampling = {0: "4:4:4", 1: "4:2:2", 2: "4:2:0"}.get(JpegImagePlugin.get_sampling(im), "n/a")
    return {"jpeg_components": len(im.layer), "jpeg_sampling": [list(l[1:3]) for l in im.layer],
            "jpeg_subsampling": sampling if len(im.layer) == 3 else "n/a",
            "jpeg_progressive": bool(im.info.get("progressive", 0)), "jpeg_adobe_app14": "adobe" in im.info}


def exif_orientation(value: int) -> bytes:
    ex = Image.Exif()
    ex[0x0112] = value
    return ex.tobytes()


def palette_image(w, h, seed, n):
    """Index map with n colours: quantised gradient so neighbouring indices are spatially coherent."""
    g = field(w, h, seed, 1, 0, n - 1e-9, 0.05)[..., 0]
    idx = np.floor(g).astype(np.uint8)
    rng = np.random.default_rng(seed + 1000)
    pal = rng.integers(0, 256, size=(n, 3), dtype=np.uint8)
    return idx, pal


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    INVALID.mkdir()

    # ---- PNG, greyscale -------------------------------------------------------------------
    g8 = u8(37, 23, 1, 1)[..., 0]
    pillow_save("png-grey8.png", Image.fromarray(g8, "L"), "PNG grey 8-bit")

    g1 = (u8(19, 31, 2, 1, noise=0.15)[..., 0] >= 128).astype(np.uint8)
    write_png("png-grey1.png", g1, 0, 1, "PNG grey 1-bit")
    g2 = (u8(23, 19, 3, 1)[..., 0] >> 6).astype(np.uint8)
    write_png("png-grey2.png", g2, 0, 2, "PNG grey 2-bit")
    g4 = (u8(29, 17, 4, 1)[..., 0] >> 4).astype(np.uint8)
    write_png("png-grey4.png", g4, 0, 4, "PNG grey 4-bit")

    # 16-bit grey: a ramp 0..700 plus noise, so values both < 256 and > 255 occur; a few
    # exact probe values in the first row (0, 1, 254, 255, 256, 257, 0x80FF, 0xFFFF).
    g16f = field(37, 23, 5, 1, 0, 700, 0.03)[..., 0]
    g16 = np.rint(g16f).astype(np.uint16)
    g16[0, :8] = [0, 1, 254, 255, 256, 257, 0x80FF, 0xFFFF]
    write_png("png-grey16.png", g16, 0, 16, "PNG grey 16-bit (values < 256 and > 255)")

    # ---- PNG, grey + alpha ----------------------------------------------------------------
    la8 = np.dstack([u8(31, 19, 6, 1)[..., 0], alpha8(31, 19, 7)])
    pillow_save("png-greyalpha8.png", Image.fromarray(la8, "LA"), "PNG grey+alpha 8-bit")
    la16 = u16(19, 31, 8, 2)
    la16[0, :4, 0] = [0x00FF, 0x0100, 0x80FF, 0xFFFF]
    write_png("png-greyalpha16.png", la16, 4, 16, "PNG grey+alpha 16-bit")

    # ---- PNG, RGB / RGBA ------------------------------------------------------------------
    pillow_save("png-rgb8.png", Image.fromarray(u8(37, 23, 9), "RGB"), "PNG RGB 8-bit")
    rgb16 = u16(23, 37, 10)
    rgb16[0, 0] = [0x00FF, 0x80FF, 0xFFFF]
    rgb16[0, 1] = [0x0100, 0x7F80, 0x0001]
    write_png("png-rgb16.png", rgb16, 2, 16, "PNG RGB 16-bit")
    rgba8 = np.dstack([u8(41, 29, 11), alpha8(41, 29, 12)])
    pillow_save("png-rgba8.png", Image.fromarray(rgba8, "RGBA"), "PNG RGBA 8-bit")
    rgba16 = np.dstack([u16(29, 41, 13), u16(29, 41, 14, 1)])
    rgba16[0, 0] = [0x80FF, 0x00FF, 0xFFFF, 0x0000]
    write_png("png-rgba16.png", rgba16, 6, 16, "PNG RGBA 16-bit")

    # ---- PNG, palette ---------------------------------------------------------------------
    idx, pal = palette_image(37, 23, 15, 2)
    write_png("png-palette1.png", idx, 3, 1, "PNG palette 1-bit (2 entries)", palette=pal)
    idx, pal = palette_image(23, 37, 16, 3)
    write_png("png-palette2.png", idx, 3, 2, "PNG palette 2-bit (3 entries, short PLTE)", palette=pal)
    idx, pal = palette_image(31, 19, 17, 11)
    write_png("png-palette4.png", idx, 3, 4, "PNG palette 4-bit (11 entries, short PLTE)", palette=pal)
    idx, pal = palette_image(37, 23, 18, 256)
    pim = Image.fromarray(idx, "P")
    pim.putpalette(pal.reshape(-1).tolist())
    pillow_save("png-palette8.png", pim, "PNG palette 8-bit (256 entries)")
    idx, pal = palette_image(29, 17, 19, 40)
    trns = bytes(int(v) for v in np.linspace(0, 255, 24).round())  # shorter than PLTE: rest opaque
    write_png("png-palette8-trns.png", idx, 3, 8, "PNG palette 8-bit, 40-entry PLTE + 24-entry tRNS",
              palette=pal, trns=trns)
    idx, pal = palette_image(19, 31, 20, 9)
    write_png("png-palette4-trns.png", idx, 3, 4, "PNG palette 4-bit, 9-entry PLTE + 3-entry tRNS",
              palette=pal, trns=bytes([0, 128, 255]))

    # ---- PNG, tRNS on grey / RGB ----------------------------------------------------------
    gt = u8(23, 19, 21, 1)[..., 0]
    key = int(gt[5, 5])
    gt[0:3, 0:3] = key
    write_png("png-grey8-trns.png", gt, 0, 8, f"PNG grey 8-bit + tRNS (key {key})", trns=struct.pack(">H", key))
    rt = u8(19, 23, 22)
    keyc = rt[4, 4].astype(int).tolist()
    rt[0:3, 0:3] = keyc
    write_png("png-rgb8-trns.png", rt, 2, 8, f"PNG RGB 8-bit + tRNS (key {keyc})",
              trns=struct.pack(">HHH", *keyc))

    # ---- PNG, interlaced ------------------------------------------------------------------
    write_png("png-rgb8-interlaced.png", u8(37, 23, 23), 2, 8, "PNG RGB 8-bit Adam7", interlace=True)
    gi = np.rint(field(19, 31, 24, 1, 0, 2047, 0.03)[..., 0]).astype(np.uint16)
    write_png("png-grey16-interlaced.png", gi, 0, 16, "PNG grey 16-bit Adam7", interlace=True)
    # 5x3 interlaced: several Adam7 passes are empty and must be skipped
    write_png("png-rgb8-interlaced-5x3.png", u8(5, 3, 25), 2, 8, "PNG RGB 8-bit Adam7, empty passes",
              interlace=True)

    # ---- PNG, EXIF orientation 3 (eXIf chunk, written by Pillow) ----------------------------
    pillow_save("png-exif-orient3.png", Image.fromarray(u8(37, 23, 26), "RGB"), "PNG RGB 8-bit, eXIf orientation 3",
                exif=exif_orientation(3))

    # ---- sizes ----------------------------------------------------------------------------
    pillow_save("png-rgb8-227x227.png", Image.fromarray(u8(227, 227, 27, noise=0.0), "RGB"),
                "PNG RGB 8-bit exactly 227x227 (no-resize path)")
    pillow_save("png-rgb8-1x1.png", Image.fromarray(np.array([[[200, 30, 90]]], np.uint8), "RGB"), "PNG RGB 1x1")
    pillow_save("png-rgb8-2x3.png", Image.fromarray(u8(2, 3, 28, noise=0.3), "RGB"), "PNG RGB 2x3 (W x H)")

    # ---- JPEG -----------------------------------------------------------------------------
    rgb = Image.fromarray(u8(37, 23, 30), "RGB")
    pillow_save("jpeg-baseline-420.jpg", rgb, "JPEG baseline 4:2:0", quality=85, subsampling=2)
    pillow_save("jpeg-baseline-422.jpg", Image.fromarray(u8(41, 29, 31), "RGB"), "JPEG baseline 4:2:2",
                quality=85, subsampling=1)
    pillow_save("jpeg-baseline-444.jpg", Image.fromarray(u8(19, 31, 32), "RGB"), "JPEG baseline 4:4:4",
                quality=92, subsampling=0)
    pillow_save("jpeg-progressive.jpg", Image.fromarray(u8(45, 27, 33), "RGB"), "JPEG progressive 4:2:0",
                quality=85, subsampling=2, progressive=True)
    pillow_save("jpeg-optimized-restart.jpg", Image.fromarray(u8(53, 35, 34), "RGB"),
                "JPEG baseline 4:2:0, optimised Huffman tables, restart interval 1 MCU row",
                quality=80, subsampling=2, optimize=True, restart_marker_rows=1)
    pillow_save("jpeg-grey.jpg", Image.fromarray(u8(37, 23, 35, 1)[..., 0], "L"), "JPEG greyscale", quality=90)
    cmyk = np.dstack([u8(31, 19, 36), u8(31, 19, 37, 1)])
    pillow_save("jpeg-cmyk.jpg", Image.fromarray(cmyk, "CMYK"), "JPEG CMYK (Adobe APP14, written by Pillow)",
                quality=90)
    pillow_save("jpeg-exif-orient6.jpg", Image.fromarray(u8(37, 23, 38), "RGB"), "JPEG baseline 4:2:0, EXIF orientation 6",
                quality=90, exif=exif_orientation(6))
    pillow_save("jpeg-rgb-1x1.jpg", Image.fromarray(np.array([[[10, 200, 60]]], np.uint8), "RGB"), "JPEG 1x1",
                quality=90)

    # ---- invalid inputs (decode must fail; no goldens other than the expected error) ---------
    (INVALID / "empty.png").write_bytes(b"")
    (INVALID / "text.jpg").write_text("This is a text file, not a JPEG.\n")
    full = (OUT / "jpeg-baseline-444.jpg").read_bytes()
    (INVALID / "jpeg-truncated.jpg").write_bytes(full[: len(full) // 2])
    fullp = (OUT / "png-rgb8.png").read_bytes()
    (INVALID / "png-truncated.png").write_bytes(fullp[: len(fullp) // 2])
    bad = bytearray(fullp)
    bad[29] ^= 0xFF  # flips a byte of the IHDR CRC
    (INVALID / "png-bad-crc.png").write_bytes(bytes(bad))
    for name, kind in [("empty.png", "zero-byte file"), ("text.jpg", "text file named .jpg"),
                       ("jpeg-truncated.jpg", "JPEG cut in half"), ("png-truncated.png", "PNG cut in half"),
                       ("png-bad-crc.png", "PNG with a corrupt IHDR CRC")]:
        MANIFEST.append({"file": f"invalid/{name}", "type": kind, "writer": "make_fixtures", "expect": "error"})

    for e in MANIFEST:
        p = OUT / e["file"]
        e["bytes"] = p.stat().st_size
        if e.get("expect") != "error":
            with Image.open(p) as im:
                e["pillow_mode"] = im.mode
                e["pillow_format"] = im.format
                e["exif_orientation"] = int(im.getexif().get(0x0112, 1))
                if im.format == "PNG":
                    e.update(png_structure(p.read_bytes()))
                else:
                    e.update(jpeg_structure(im))
                assert im.size == (e["width"], e["height"]), (e, im.size)
    MANIFEST.sort(key=lambda e: e["file"])
    (OUT / "manifest.json").write_text(json.dumps({"generator": "Scripts/reference/make_fixtures.py",
                                                   "files": MANIFEST}, indent=1, sort_keys=True) + "\n")
    total = sum(e["bytes"] for e in MANIFEST)
    print(f"{len(MANIFEST)} fixtures, {total} bytes")


if __name__ == "__main__":
    main()
