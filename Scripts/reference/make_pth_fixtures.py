#!/usr/bin/env python3
"""Fixtures for EmoShift's native reader of PyTorch checkpoints (`torch.save` zip files, `.pth`).

Writes Tests/Fixtures/pth/ (a few KB each, < 100 KB in total):

  readable (expected values in expected.json):
    state_dict.pth       OrderedDict with `_metadata`: 4-D / 2-D / 1-D float32 tensors, a scalar, 0-element
                         tensors, three views of one shared storage (offset 0, offset 5, 2-D rows at offset 5),
                         an nn.Parameter (_rebuild_parameter), a tensor with a Python attribute
                         (_rebuild_from_type_v2), a [3, 1] column
    float64.pth          float64 tensors (converted to float32: rounding, underflow to 0, overflow to inf)
    half_bf16.pth        float16 (incl. subnormals, inf) and bfloat16 tensors
    protocol4.pth        torch.save(..., pickle_protocol=4): FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL
    big_endian.pth       state_dict.pth-like file rewritten with byteorder "big" and byte-swapped storages
    deflated.pth         a torch file re-zipped with deflate compression
    nocrc.pth            torch.serialization.set_crc32_options(False): every CRC-32 field is 0
  refused (expected error kind in expected.json):
    legacy.pth           _use_new_zipfile_serialization=False (pre-1.6 format)
    plain.pkl            a plain pickle of an OrderedDict, not a zip
    malicious_os_system.pth   zip whose data.pkl is GLOBAL 'os system' + REDUCE ('echo pwned',) (hand-written opcodes)
    malicious_reduce.pth      zip whose data.pkl is pickle.dumps of an object whose __reduce__ returns
                              (os.system, ('echo pwned',)), i.e. GLOBAL 'posix system'
    full_model.pth       torch.save(nn.Linear(2, 2)): a pickled module (global torch.nn.modules.linear.Linear)
    torchscript.pt       torch.jit.save of a scripted nn.Linear
    noncontiguous.pth    a transposed view (stride (1, 5))
    int64.pth            a float32 tensor plus an int64 `num_batches_tracked`

expected.json: {"tensors": {file: {name: {"shape": [...], "dtype": str, "bits": [uint32 of each float32]}}},
"errors": {file: {"kind": WeightError.Kind raw value, "tensor": name or null, "contains": substring}}}.
Expected float32 values are stored as bit patterns, so NaN/inf/-0 compare exactly.

The malicious files are never unpickled here with plain pickle; the script only checks that
torch.load(..., weights_only=True) refuses them. Deterministic: a second run rewrites byte-identical files.

Usage:
    .venv/bin/python Scripts/reference/make_pth_fixtures.py             # Tests/Fixtures/pth/
    .venv/bin/python Scripts/reference/make_pth_fixtures.py --full PATH # EmoNet-shaped random state_dict
                                                                        # (16 float32 tensors, ~228 MB; not committed)
"""
from __future__ import annotations

import argparse
import collections
import io
import json
import os
import pickle
import re
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "pth"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

EMONET_SHAPES = [
    ("conv1.weight", [96, 3, 11, 11]), ("conv1.bias", [96]),
    ("conv2.weight", [256, 48, 5, 5]), ("conv2.bias", [256]),
    ("conv3.weight", [384, 256, 3, 3]), ("conv3.bias", [384]),
    ("conv4.weight", [384, 192, 3, 3]), ("conv4.bias", [384]),
    ("conv5.weight", [256, 192, 3, 3]), ("conv5.bias", [256]),
    ("fc1.weight", [4096, 9216]), ("fc1.bias", [4096]),
    ("fc2.weight", [4096, 4096]), ("fc2.bias", [4096]),
    ("fc3.weight", [20, 4096]), ("fc3.bias", [20]),
]


def save(obj, name: str, **kwargs) -> Path:
    path = OUT / name
    buffer = io.BytesIO()
    torch.save(obj, buffer, **kwargs)
    path.write_bytes(buffer.getvalue())
    return path


def expected_entry(t: torch.Tensor) -> dict:
    as32 = t.detach().to(torch.float32).contiguous().numpy()
    return {
        "shape": list(t.shape),
        "dtype": str(t.dtype).removeprefix("torch."),
        "bits": [int(b) for b in as32.reshape(-1).view(np.uint32)],
    }


def check_roundtrip(path: Path, sd: dict, weights_only: bool = True) -> None:
    """torch itself must read the file back to the same values (weights_only=False only for files this
    script just wrote from plain tensors: torch's weights-only unpickler rejects protocol 4's FRAME)."""
    loaded = torch.load(path, weights_only=weights_only)
    assert list(loaded.keys()) == list(sd.keys()), path
    for k, v in sd.items():
        w = loaded[k]
        assert w.dtype == v.dtype and w.shape == v.shape, (path, k)
        assert torch.equal(w.detach(), v.detach()) or (w.isnan() == v.isnan()).all(), (path, k)


def storage_types(pickle_bytes: bytes) -> dict[str, str]:
    """Storage key -> torch storage class name, read from data.pkl without building anything."""
    found: dict[str, str] = {}

    class Scan(pickle.Unpickler):
        def find_class(self, module, name):
            if module == "collections" and name == "OrderedDict":
                return collections.OrderedDict
            if module == "torch" and name.endswith("Storage"):
                return name
            return lambda *args: None  # our own trusted file: rebuild functions become no-ops

        def persistent_load(self, pid):
            found[pid[2]] = pid[1]
            return None

    Scan(io.BytesIO(pickle_bytes)).load()
    return found


def rewrite_zip(src: Path, dst: Path, *, compression=zipfile.ZIP_STORED, big_endian=False) -> None:
    """Copies a torch zip record by record (fixed dates), optionally deflating or byte-swapping storages."""
    with zipfile.ZipFile(src) as zin:
        names = zin.namelist()
        prefix = names[0].split("/")[0]
        types = storage_types(zin.read(f"{prefix}/data.pkl"))
        sizes = {"FloatStorage": 4, "DoubleStorage": 8, "HalfStorage": 2, "BFloat16Storage": 2}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zout:
            for name in names:
                data = zin.read(name)
                if big_endian and name == f"{prefix}/byteorder":
                    data = b"big"
                key = name.removeprefix(f"{prefix}/data/")
                if big_endian and key != name and key in types:
                    size = sizes[types[key]]
                    data = np.frombuffer(data, dtype=np.dtype(f"<u{size}")).astype(f">u{size}").tobytes()
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = compression
                zout.writestr(info, data)
        dst.write_bytes(buffer.getvalue())


def write_zip(dst: Path, records: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zout:
        for name, data in records.items():
            zout.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data)
    dst.write_bytes(buffer.getvalue())


def normalise_legacy_keys(data: bytes) -> bytes:
    """The legacy format names storages by memory address (str(storage._cdata)); replace each such
    BINUNICODE key by a same-length run of '1's so the fixture is reproducible."""
    def fixed(match: re.Match) -> bytes:
        length = struct.unpack("<I", match.group(1))[0]
        digits = match.group(2)
        if length != len(digits):
            return match.group(0)
        return b"X" + match.group(1) + b"1" * length

    return re.sub(rb"X(.{4})(\d{8,20})", fixed, data, flags=re.DOTALL)


class SystemCall:
    """Pickles as os.system('echo pwned') — never unpickled by this script."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


def must_refuse_weights_only(path: Path) -> None:
    try:
        torch.load(path, weights_only=True)
    except Exception:
        return
    raise SystemExit(f"{path}: torch.load(weights_only=True) accepted a malicious file")


def make_fixtures() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20240611)
    expected_tensors: dict[str, dict] = {}
    errors: dict[str, dict] = {}

    # state_dict.pth
    base = torch.arange(20, dtype=torch.float32) * 0.5 - 3.0
    attributed = torch.tensor([1.5, -2.25])
    attributed.note = "python attribute"  # forces _rebuild_from_type_v2
    sd = collections.OrderedDict()
    sd["conv.weight"] = torch.randn(4, 3, 3, 3)
    sd["conv.bias"] = torch.randn(4)
    sd["fc.weight"] = torch.randn(5, 6)
    sd["scalar"] = torch.tensor(3.25)
    sd["empty"] = torch.empty(0)
    sd["empty3d"] = torch.empty(2, 0, 3)
    sd["shared.base"] = base
    sd["shared.view"] = base[5:11]
    sd["shared.rows"] = base.view(4, 5)[1:3]
    sd["param"] = torch.nn.Parameter(torch.randn(3))
    sd["attributed"] = attributed
    sd["column"] = torch.randn(3, 1)
    sd._metadata = collections.OrderedDict([("", {"version": 1}), ("conv", {"version": 1})])
    path = save(sd, "state_dict.pth")
    check_roundtrip(path, sd)
    expected_tensors[path.name] = {k: expected_entry(v) for k, v in sd.items()}

    # float64.pth
    sd64 = collections.OrderedDict()
    sd64["w"] = torch.randn(2, 3, dtype=torch.float64)
    sd64["special"] = torch.tensor([1e-50, 1e40, -1e40, -0.0, 1 / 3, 0.1, 16777217.0], dtype=torch.float64)
    path = save(sd64, "float64.pth")
    check_roundtrip(path, sd64)
    expected_tensors[path.name] = {k: expected_entry(v) for k, v in sd64.items()}

    # half_bf16.pth
    sdh = collections.OrderedDict()
    sdh["half"] = torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 6.0e-8, 1.0e-5, float("inf"), 0.333], dtype=torch.float16)
    sdh["bf16"] = torch.tensor([0.0, 1.0, -3.140625, 1.0e30, -1.0e-30, float("-inf")], dtype=torch.bfloat16)
    sdh["half2d"] = torch.randn(2, 2).to(torch.float16)
    path = save(sdh, "half_bf16.pth")
    check_roundtrip(path, sdh)
    expected_tensors[path.name] = {k: expected_entry(v) for k, v in sdh.items()}

    # protocol4.pth
    sd4 = collections.OrderedDict()
    sd4["a.weight"] = torch.randn(3, 2)
    sd4["a.bias"] = torch.randn(3)
    sd4["view"] = sd4["a.weight"][1:]
    path = save(sd4, "protocol4.pth", pickle_protocol=4)
    check_roundtrip(path, sd4, weights_only=False)
    expected_tensors[path.name] = {k: expected_entry(v) for k, v in sd4.items()}

    # big_endian.pth and deflated.pth: rewritten torch files that torch itself still reads.
    sdb = collections.OrderedDict()
    sdb["w"] = torch.randn(2, 3)
    sdb["d"] = torch.randn(4, dtype=torch.float64)
    sdb["h"] = torch.randn(3).to(torch.float16)
    sdb["shared"] = sdb["w"].view(6)[2:5]
    source = save(sdb, "big_endian_source.pth")
    rewrite_zip(source, OUT / "big_endian.pth", big_endian=True)
    rewrite_zip(source, OUT / "deflated.pth", compression=zipfile.ZIP_DEFLATED)
    source.unlink()
    for name in ("big_endian.pth", "deflated.pth"):
        check_roundtrip(OUT / name, sdb)
        expected_tensors[name] = {k: expected_entry(v) for k, v in sdb.items()}

    # nocrc.pth
    torch.serialization.set_crc32_options(False)
    try:
        sdn = collections.OrderedDict([("w", torch.randn(2, 2)), ("b", torch.randn(2))])
        path = save(sdn, "nocrc.pth")
    finally:
        torch.serialization.set_crc32_options(True)
    with zipfile.ZipFile(path) as z:
        assert all(i.CRC == 0 for i in z.infolist()), "expected CRC fields of 0"
    check_roundtrip(path, sdn)
    expected_tensors[path.name] = {k: expected_entry(v) for k, v in sdn.items()}

    # Refused files.
    path = save(collections.OrderedDict([("w", torch.randn(2))]), "legacy.pth", _use_new_zipfile_serialization=False)
    path.write_bytes(normalise_legacy_keys(path.read_bytes()))
    errors[path.name] = {"kind": "unsupported", "tensor": None, "contains": "legacy PyTorch format"}

    path = OUT / "plain.pkl"
    path.write_bytes(pickle.dumps(collections.OrderedDict([("w", [1.0, 2.0])]), protocol=2))
    errors[path.name] = {"kind": "unsupported", "tensor": None, "contains": "plain pickle"}

    common = {"archive/byteorder": b"little", "archive/version": b"3\n"}
    # PROTO 2, GLOBAL 'os system', BINUNICODE 'echo pwned', TUPLE1, REDUCE, STOP
    crafted = b"\x80\x02cos\nsystem\nq\x00X\x0a\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03."
    path = OUT / "malicious_os_system.pth"
    write_zip(path, {"archive/data.pkl": crafted, **common})
    must_refuse_weights_only(path)
    errors[path.name] = {"kind": "unsafe pickle", "tensor": None, "contains": "'os.system'"}

    reduced = pickle.dumps(collections.OrderedDict([("w", SystemCall())]), protocol=2)
    assert b"system" in reduced
    path = OUT / "malicious_reduce.pth"
    write_zip(path, {"archive/data.pkl": reduced, **common})
    must_refuse_weights_only(path)
    module = SystemCall().__reduce__()[0].__module__  # 'posix' on Linux/macOS
    errors[path.name] = {"kind": "unsafe pickle", "tensor": None, "contains": f"'{module}.system'"}

    torch.manual_seed(1)
    path = save(torch.nn.Linear(2, 2), "full_model.pth")
    errors[path.name] = {"kind": "unsafe pickle", "tensor": None, "contains": "torch.nn.modules.linear.Linear"}

    torch.manual_seed(1)
    path = OUT / "torchscript.pt"
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), buffer)
    path.write_bytes(buffer.getvalue())
    errors[path.name] = {"kind": "unsupported", "tensor": None, "contains": "TorchScript"}

    grid = torch.arange(20, dtype=torch.float32).view(4, 5)
    path = save(collections.OrderedDict([("ok", torch.ones(2)), ("transposed", grid.t())]), "noncontiguous.pth")
    errors[path.name] = {"kind": "unsupported", "tensor": "transposed", "contains": "non-contiguous"}

    path = save(collections.OrderedDict([("w", torch.ones(2)), ("num_batches_tracked", torch.tensor(7))]), "int64.pth")
    errors[path.name] = {"kind": "unsupported", "tensor": "num_batches_tracked", "contains": "int64"}

    manifest = {
        "torch": torch.__version__,
        "tensors": expected_tensors,
        "errors": errors,
    }
    (OUT / "expected.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} files, {total} bytes, to {OUT}")
    assert total < 100_000, "fixtures must stay under 100 KB"


def make_full(path: Path) -> None:
    generator = torch.Generator().manual_seed(0)
    sd = collections.OrderedDict((k, torch.randn(*s, generator=generator)) for k, s in EMONET_SHAPES)
    sd._metadata = collections.OrderedDict([("", {"version": 1})])
    torch.save(sd, path)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    for k, v in sd.items():
        flat = v.reshape(-1)
        print(f"{k} {list(v.shape)} first={flat[0].item()!r} last={flat[-1].item()!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", type=Path, help="write an EmoNet-shaped random state_dict here instead")
    args = parser.parse_args()
    if args.full:
        make_full(args.full)
    else:
        make_fixtures()


if __name__ == "__main__":
    sys.exit(main())
