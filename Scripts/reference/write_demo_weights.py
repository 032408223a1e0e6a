#!/usr/bin/env python3
"""Write EmoShift's full-size demo weights (docs/demo-model.md) in the two real-world EmoNet formats,
with plain python3 + numpy (no torch, no Pillow), for CI:

  OUTDIR/{conv1..conv5,fc1..fc3}.{weights,bias}.txt.bz2   emonet-py's MATLAB text dumps (16 files)
  OUTDIR/img_mean.txt                                      the demo mean image, emonet-py layout
  OUTDIR/emonet.pth                                        torch.save(state_dict) zip format

The text is byte-identical to what `emonet_reference.py --write-dumps` writes ('%.9g' values, the
layouts of emonet-emocam.md 2.4 / 3.2, shared code in demo_weights.py); only the bzip2 framing
differs: fc1.weights is written as --fc1-streams concatenated bzip2 streams compressed in parallel
(as pbzip2 does; every bzip2 reader, Python's bz2 included, reads them as one file), every other file
as one stream. emonet.pth is written by pth_writer.py: byte for byte what torch.save(model.state_dict())
writes (torch 2.15), except the random .data/serialization_id.

Checks (always): the 16 tensors and the mean image against the sha256 fingerprints in
Tests/Fixtures/goldens/emonet/demo_weights_fingerprint.json (when present); the first line of every
dump (and of every fc1 stream) parsed back (float(), then float32) and compared bit for bit; the .pth
re-read with zipfile (CRCs) and a restricted unpickler, every storage byte compared.
  --verify         also decompress and parse every dump completely and compare every value.
  --compare-torch  (needs torch and emonet_reference.py, e.g. .venv/bin/python) also torch.save the same
                   state_dict and compare the two files record by record, torch.load(weights_only=True)
                   both, and list the pickle's globals.

Usage: python3 Scripts/reference/write_demo_weights.py OUTDIR [--jobs N] [--no-pth] [--no-dumps]
                                                              [--level 1-9] [--fc1-streams K] [--verify]
Deterministic: re-running writes byte-identical files. Exit status 1 when a check fails.
"""
from __future__ import annotations

import argparse
import bz2
import hashlib
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_weights import DUMP_LAYERS, LAYOUT, demo_mean_image, demo_weights, dump_lines, write_mean_txt  # noqa: E402
from pth_writer import check_pth, write_pth  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = ROOT / "Tests" / "Fixtures" / "goldens" / "emonet" / "demo_weights_fingerprint.json"
# AlexNetBigEmoNet's modules in registration order: the keys of state_dict()._metadata.
METADATA_MODULES = ["", "lr_norm", "maxpool", "conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3"]

_W: dict[str, np.ndarray] = {}          # shared with forked workers
_LEVEL = [9]

# ---------------------------------------------------------------------------------------------
# Text dumps
# ---------------------------------------------------------------------------------------------


def dump_files() -> list[tuple[str, str, str]]:
    """(file name, state_dict key, dump kind) for the 16 dumps."""
    out = []
    for layer in DUMP_LAYERS:
        base = "conv" if layer.startswith("conv") else "fc"
        out.append((f"{layer}.weights.txt.bz2", f"{layer}.weight", f"{base}.weights"))
        out.append((f"{layer}.bias.txt.bz2", f"{layer}.bias", f"{base}.bias"))
    return out


def make_jobs(fc1_streams: int) -> list[tuple]:
    """Jobs (file, key, kind, row_lo, row_hi, part, parts); one bzip2 stream each. Biggest first."""
    jobs = []
    for fname, key, kind in dump_files():
        rows = _W[key].shape[0]
        parts = fc1_streams if fname == "fc1.weights.txt.bz2" else 1
        bounds = [rows * p // parts for p in range(parts + 1)]
        for p in range(parts):
            jobs.append((fname, key, kind, bounds[p], bounds[p + 1], p, parts))
    cost = lambda j: _W[j[1]][j[3]:j[4]].size if j[2] == "fc.weights" else _W[j[1]].size  # noqa: E731
    return sorted(jobs, key=lambda j: -cost(j))


def _compress(job) -> tuple[tuple, bytes, int, float]:
    fname, key, kind, lo, hi, part, parts = job
    t0 = time.process_time()
    a = _W[key]
    if parts > 1:
        assert kind == "fc.weights"              # one line per row: rows split cleanly into streams
        a = a[lo:hi]
    comp = bz2.BZ2Compressor(_LEVEL[0])
    out, raw = [], 0
    for line in dump_lines(kind, a):
        raw += len(line)
        out.append(comp.compress(line))
    out.append(comp.flush())
    return job, b"".join(out), raw, time.process_time() - t0


def write_dumps(out: Path, jobs_n: int, fc1_streams: int, M: np.ndarray) -> dict:
    jobs = make_jobs(fc1_streams)
    pending: dict[str, dict[int, bytes]] = {}
    stats: dict[str, dict] = {}
    if jobs_n > 1:
        pool = mp.get_context("fork").Pool(jobs_n)
        results = pool.imap_unordered(_compress, jobs, chunksize=1)
    else:
        pool, results = None, map(_compress, jobs)
    try:
        for (fname, key, kind, lo, hi, part, parts), data, raw, cpu in results:
            s = stats.setdefault(fname, {"text": 0, "cpu": 0.0, "parts": parts, "stream_offsets": []})
            s["text"] += raw
            s["cpu"] += cpu
            pending.setdefault(fname, {})[part] = data
            if len(pending[fname]) == parts:
                chunks = [pending[fname][p] for p in range(parts)]
                offs, o = [], 0
                for c in chunks:
                    offs.append(o)
                    o += len(c)
                with open(out / fname, "wb") as fo:
                    for c in chunks:
                        fo.write(c)
                s["size"], s["stream_offsets"] = o, offs
                del pending[fname]
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    write_mean_txt(M, out / "img_mean.txt")
    return stats

# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


def sha256_f32(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()


def check_fingerprint(W, M) -> list[str]:
    if not FINGERPRINT.exists():
        print(f"  fingerprint: {FINGERPRINT} not found, skipped")
        return []
    fp = json.loads(FINGERPRINT.read_text())
    bad = [t["name"] for t in fp["tensors"]
           if tuple(t["shape"]) != W[t["name"]].shape or t["sha256"] != sha256_f32(W[t["name"]])]
    if fp["mean_image"]["sha256"] != sha256_f32(M):
        bad.append("mean image")
    print(f"  fingerprint: {len(fp['tensors'])} tensors + mean image vs {FINGERPRINT.name}: "
          f"{'OK' if not bad else 'MISMATCH ' + ', '.join(bad)}")
    return [f"fingerprint {b}" for b in bad]


def parse_line(line: bytes) -> np.ndarray:
    """emonet-py semantics: each decimal through float(), then float32."""
    return np.array([float(v) for v in line.strip().split(b",")], dtype=np.float64).astype(np.float32)


def expected_line(kind: str, a: np.ndarray, i: int) -> np.ndarray:
    if kind == "conv.weights":        # line r: field s + kW*(i + Cin_g*o) = W[o, i, r, s]
        return a[:, :, i, :].ravel()
    if kind == "conv.bias":
        return a
    return a[i].ravel() if kind == "fc.weights" else a[i:i + 1]


def first_line(path: Path, offset: int) -> bytes:
    d, buf = bz2.BZ2Decompressor(), b""
    with open(path, "rb") as f:
        f.seek(offset)
        while b"\n" not in buf:
            block = f.read(1 << 16)
            if not block:
                break
            buf += d.decompress(block)
    return buf.split(b"\n", 1)[0]


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.array_equal(a.view(np.uint32), b.view(np.uint32))


def check_dumps_sample(out: Path, stats: dict) -> list[str]:
    problems, n = [], 0
    for fname, key, kind in dump_files():
        a, s = _W[key], stats[fname]
        rows = a.shape[0]
        bounds = [rows * p // s["parts"] for p in range(s["parts"])]
        for off, row in zip(s["stream_offsets"], bounds):
            n += 1
            if not same_bits(parse_line(first_line(out / fname, off)), expected_line(kind, a, row)):
                problems.append(f"{fname}: first line of the stream at byte {off} (row {row})")
    print(f"  dumps, first line of each of {n} bzip2 streams parsed back: "
          f"{'OK' if not problems else 'MISMATCH'}")
    return problems


def _verify_file(item) -> tuple[str, bool, str]:
    fname, key, kind, out = item
    want = _W[key]
    with bz2.open(Path(out) / fname, "rb") as f:
        rows = [np.array(line.strip().split(b","), dtype=np.float64).astype(np.float32) for line in f]
    try:
        if kind == "conv.weights":
            o_n, i_n, kh, kw = want.shape
            got = np.empty_like(want)
            assert len(rows) == kh
            for r, line in enumerate(rows):
                got[:, :, r, :] = line.reshape(o_n, i_n, kw)
        elif kind == "conv.bias":
            got = rows[-1]                    # emonet-py keeps the last line read
        elif kind == "fc.weights":
            got = np.stack(rows)
        else:
            assert all(r.size == 1 for r in rows)
            got = np.concatenate(rows)
    except (AssertionError, ValueError) as e:
        return fname, False, f"layout: {e}"
    return fname, same_bits(got, want), f"{len(rows)} lines"


def verify_dumps_full(out: Path, jobs_n: int, M: np.ndarray) -> list[str]:
    items = [(f, k, kind, str(out)) for f, k, kind in dump_files()]
    items.sort(key=lambda it: -_W[it[1]].size)
    if jobs_n > 1:
        with mp.get_context("fork").Pool(jobs_n) as pool:
            res = pool.map(_verify_file, items, chunksize=1)
    else:
        res = list(map(_verify_file, items))
    problems = [f"{f}: {info}" for f, ok, info in res if not ok]
    lines = (out / "img_mean.txt").read_bytes().splitlines()
    # EmoNetPreProcess: line y = R[y, :], G[y, :], B[y, :] -> M[c, y, x] = field 227c + x
    got = np.stack([parse_line(l).reshape(3, 227) for l in lines], axis=1) if len(lines) == 227 else None
    if got is None or not same_bits(got, M):
        problems.append("img_mean.txt")
    print(f"  full re-read of {len(res)} dumps + img_mean.txt: {'OK' if not problems else problems}")
    return problems


def compare_with_torch(out: Path, W) -> list[str]:
    """Needs torch: torch.save the same state_dict and compare (not for CI)."""
    import pickletools
    import struct
    import zipfile
    import torch
    from emonet_reference import build_model

    problems = []
    ref_dir = out / ".torch-save"
    ref_dir.mkdir(exist_ok=True)
    ref = ref_dir / "emonet.pth"
    mine = out / "emonet.pth"
    sd = build_model(W).state_dict()
    t0 = time.perf_counter()
    torch.save(sd, ref)
    print(f"  torch {torch.__version__}: torch.save(AlexNetBigEmoNet.state_dict()) in {time.perf_counter() - t0:.2f} s")
    za, zb = zipfile.ZipFile(ref), zipfile.ZipFile(mine)
    ia, ib = za.infolist(), zb.infolist()
    rec = lambda i: (i.filename, i.header_offset, i.file_size, i.compress_type, i.flag_bits)  # noqa: E731
    if [rec(i) for i in ia] != [rec(i) for i in ib]:
        problems.append("zip records (names, order, offsets, sizes, flags) differ")
    crc_diff = [a.filename for a, b in zip(ia, ib) if a.CRC != b.CRC]
    if za.read("emonet/data.pkl") != zb.read("emonet/data.pkl"):
        problems.append("data.pkl bytes differ")
    A, B = ref.read_bytes(), mine.read_bytes()
    sid = ia[-1]
    sid_data = sid.header_offset + 30 + len(sid.filename) + struct.unpack("<H", A[sid.header_offset + 28:sid.header_offset + 30])[0]
    diff = np.flatnonzero(np.frombuffer(A, np.uint8) != np.frombuffer(B, np.uint8)) if len(A) == len(B) else None
    if diff is None:
        problems.append(f"file sizes differ: torch {len(A)}, mine {len(B)}")
    else:
        # the id text (40 bytes), then its data descriptor: signature (4), CRC-32 (4), sizes
        allowed = set(range(sid_data, sid_data + 40)) | set(range(sid_data + 44, sid_data + 48))
        cen = B.rfind(sid.filename.encode()) - 46             # its central-directory entry
        allowed |= set(range(cen + 16, cen + 20))             # ... and the CRC-32 there
        outside = [int(i) for i in diff if int(i) not in allowed]
        print(f"  byte comparison: {len(A):,} bytes, {len(diff)} differ, all inside .data/serialization_id "
              f"(id text, its CRC-32 in the data descriptor and central directory): {not outside}"
              f"; records with a different CRC: {crc_diff}")
        if outside:
            problems.append(f"bytes differ outside serialization_id at {outside[:8]}")
    la = torch.load(ref, map_location="cpu", weights_only=True)
    lb = torch.load(mine, map_location="cpu", weights_only=True)
    same = (type(la) is type(lb) and list(la) == list(lb) == [k for k, _ in LAYOUT]
            and all(la[k].dtype == lb[k].dtype and la[k].shape == lb[k].shape and la[k].stride() == lb[k].stride()
                    and torch.equal(la[k], lb[k]) for k in la)
            and la._metadata == lb._metadata)
    bits = all(np.array_equal(lb[k].numpy().view(np.uint32), W[k].view(np.uint32)) for k in lb)
    print(f"  torch.load(weights_only=True): torch's file == mine: {same}; mine bit-identical to the demo "
          f"weights: {bits}; type {type(lb).__name__}, _metadata keys {list(lb._metadata)}")
    if not (same and bits):
        problems.append("torch.load results differ")
    m = build_model(W)
    m.load_state_dict(lb, strict=True)
    globs = sorted({arg for op, arg, _ in pickletools.genops(zb.read("emonet/data.pkl"))
                    if op.name in ("GLOBAL", "STACK_GLOBAL", "INST")})
    ops = sorted({op.name for op, _, _ in pickletools.genops(zb.read("emonet/data.pkl"))})
    print(f"  data.pkl globals: {globs}; opcodes: {' '.join(ops)}")
    if set(globs) - {"collections OrderedDict", "torch._utils _rebuild_tensor_v2", "torch FloatStorage"}:
        problems.append(f"unexpected globals {globs}")
    ref.unlink()
    ref_dir.rmdir()
    return problems


# ---------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="worker processes for the dumps (default: min(2, CPUs))")
    ap.add_argument("--no-pth", action="store_true", help="do not write emonet.pth")
    ap.add_argument("--no-dumps", action="store_true", help="do not write the *.txt.bz2 dumps and img_mean.txt")
    ap.add_argument("--level", type=int, default=9, choices=range(1, 10), metavar="1-9",
                    help="bzip2 compression level (default 9, as bzip2 and Python's bz2; 1 is ~10%% faster)")
    ap.add_argument("--fc1-streams", type=int, default=8, metavar="K",
                    help="bzip2 streams in fc1.weights.txt.bz2, compressed in parallel (default 8; 1 = one stream)")
    ap.add_argument("--verify", action="store_true", help="re-read every dump completely")
    ap.add_argument("--compare-torch", action="store_true", help="compare emonet.pth with torch.save (needs torch)")
    args = ap.parse_args()
    if not 1 <= args.fc1_streams <= 4096:
        ap.error("--fc1-streams must be 1..4096")

    out = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    _LEVEL[0] = args.level
    t_all = time.perf_counter()
    t0 = time.perf_counter()
    W = demo_weights()
    M = demo_mean_image()
    _W.clear()
    _W.update(W)
    t_gen = time.perf_counter() - t0
    print(f"demo weights: {sum(v.size for v in W.values()):,} parameters generated in {t_gen:.1f} s "
          f"(python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs)")

    problems: list[str] = []
    problems += check_fingerprint(W, M)
    timings = {"generate": t_gen}

    if not args.no_pth:
        t0 = time.perf_counter()
        info = write_pth(out / "emonet.pth", W, METADATA_MODULES)
        timings["pth"] = time.perf_counter() - t0
        print(f"emonet.pth: {info['size'] / 1e6:.2f} MB written in {timings['pth']:.2f} s "
              f"(data.pkl {len(info['pickle'])} bytes, 16 storages)")
        t0 = time.perf_counter()
        bad = check_pth(out / "emonet.pth", W, METADATA_MODULES)
        print(f"  re-read with zipfile + restricted unpickler, every storage byte compared: "
              f"{'OK' if not bad else bad} ({time.perf_counter() - t0:.1f} s)")
        problems += [f"emonet.pth: {b}" for b in bad]
        if args.compare_torch:
            problems += compare_with_torch(out, W)

    if not args.no_dumps:
        t0 = time.perf_counter()
        stats = write_dumps(out, max(1, args.jobs), args.fc1_streams, M)
        timings["dumps"] = time.perf_counter() - t0
        tot_text = sum(s["text"] for s in stats.values())
        tot_size = sum(s["size"] for s in stats.values())
        tot_cpu = sum(s["cpu"] for s in stats.values())
        print(f"dumps: 16 files, {tot_text / 1e6:.1f} MB text -> {tot_size / 1e6:.1f} MB bzip2 (level {args.level}) "
              f"in {timings['dumps']:.1f} s wall, {tot_cpu:.1f} s worker CPU, {max(1, args.jobs)} jobs")
        print(f"  {'file':24s} {'text MB':>9s} {'bz2 MB':>8s} {'streams':>7s} {'cpu s':>6s}")
        for fname, _, _ in dump_files():
            s = stats[fname]
            print(f"  {fname:24s} {s['text'] / 1e6:9.2f} {s['size'] / 1e6:8.2f} {s['parts']:7d} {s['cpu']:6.1f}")
        print(f"  {'img_mean.txt':24s} {(out / 'img_mean.txt').stat().st_size / 1e6:9.2f}")
        t0 = time.perf_counter()
        problems += check_dumps_sample(out, stats)
        if args.verify:
            problems += verify_dumps_full(out, max(1, args.jobs), M)
        timings["checks"] = time.perf_counter() - t0

    total = time.perf_counter() - t_all
    print("timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + f"; total {total:.1f} s")
    if problems:
        print("FAILED: " + "; ".join(problems))
        return 1
    print(f"wrote {out}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
