#!/usr/bin/env python3
"""Write a PyTorch checkpoint (`torch.save` zip format, torch >= 1.6) without torch: numpy + stdlib only.

`write_pth(path, tensors, metadata_modules)` writes what

    torch.save(module.state_dict(), path)

writes for a module whose state is float32 CPU tensors, each with its own contiguous storage, byte for
byte (checked against torch 2.15, see write_demo_weights.py --compare-torch), except for the contents of
`.data/serialization_id`, which torch draws at random and which is derived from the data here.

Layout (as torch's PyTorchStreamWriter / miniz writes it):
  records, in order: <a>/data.pkl, <a>/.format_version ("1"), <a>/.storage_alignment ("64"),
  <a>/byteorder ("little"), <a>/data/0 ... <a>/data/N-1 (raw little-endian float32, state_dict order),
  <a>/version ("3\\n"), <a>/.data/serialization_id (40 decimal digits); <a> = file name up to the first '.'.
  Every record is STORED; its local header has version 0, flags 0x0808 (data descriptor follows, UTF-8),
  time/date 0, CRC and sizes 0, and one extra field 'FB' <u16 n> 'Z'*n that pads the record data to a
  64-byte file offset; a 16-byte data descriptor (PK 07 08, CRC-32, sizes) follows the data. The central
  directory repeats the entries without extra fields; a ZIP64 end record + locator precede the classic
  end record (miniz always writes them).

data.pkl is a protocol-2 pickle, opcodes emitted directly (no pickling of live objects):
  collections.OrderedDict() <- SETITEMS name: torch._utils._rebuild_tensor_v2(
      BINPERSID ('storage', torch.FloatStorage, '<key>', 'cpu', numel), 0, shape, stride, False,
      collections.OrderedDict())
  then, when metadata_modules is given, BUILD {'_metadata': OrderedDict(module: {'version': 1}, ...)}.
The only globals are collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.FloatStorage.
Memo use (BINPUT after every string, tuple, dict, global and reduce result; BINGET for a repeated
global or string) follows CPython's pickler, which torch.save uses.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import struct
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path

import numpy as np

ALIGNMENT = 64
_U32 = 0xFFFFFFFF

# ---------------------------------------------------------------------------------------------
# Pickle (protocol 2) opcode emitter
# ---------------------------------------------------------------------------------------------


class Global:
    def __init__(self, module: str, name: str):
        self.module, self.name = module, name


class Reduce:
    """func(*args); then SETITEMS for `items` (a list of pairs) and BUILD with `state` if given."""

    def __init__(self, func: Global, args: tuple, items=None, state=None):
        self.func, self.args, self.items, self.state = func, args, items, state


class PersistentId:
    def __init__(self, pid: tuple):
        self.pid = pid


ORDERED_DICT = Global("collections", "OrderedDict")
REBUILD_TENSOR = Global("torch._utils", "_rebuild_tensor_v2")
FLOAT_STORAGE = Global("torch", "FloatStorage")
ALLOWED_GLOBALS = {("collections", "OrderedDict"), ("torch._utils", "_rebuild_tensor_v2"),
                   ("torch", "FloatStorage")}


class _Emitter:
    def __init__(self):
        self.out = bytearray(b"\x80\x02")          # PROTO 2
        self.memo: dict = {}

    def _put(self, key) -> None:
        i = len(self.memo)
        self.memo[key] = i
        self.out += b"q" + bytes([i]) if i < 256 else b"r" + struct.pack("<I", i)

    def _get(self, key) -> bool:
        i = self.memo.get(key)
        if i is None:
            return False
        self.out += b"h" + bytes([i]) if i < 256 else b"j" + struct.pack("<I", i)
        return True

    def _fresh_key(self):
        return ("obj", len(self.memo))            # memoised but never referenced again

    def _setitems(self, items) -> None:
        items = list(items)
        for s in range(0, len(items), 1000):     # pickle's _BATCHSIZE
            batch = items[s:s + 1000]
            if len(batch) > 1:
                self.out += b"("                  # MARK
            for k, v in batch:
                self.save(k)
                self.save(v)
            self.out += b"u" if len(batch) > 1 else b"s"   # SETITEMS / SETITEM

    def save(self, obj) -> None:
        o = self.out
        if obj is True or obj is False:
            o += b"\x88" if obj else b"\x89"      # NEWTRUE / NEWFALSE
        elif isinstance(obj, int):
            if 0 <= obj < 256:
                o += b"K" + bytes([obj])          # BININT1
            elif 0 <= obj < 65536:
                o += b"M" + struct.pack("<H", obj)  # BININT2
            elif -2 ** 31 <= obj < 2 ** 31:
                o += b"J" + struct.pack("<i", obj)  # BININT
            else:
                b = obj.to_bytes((obj.bit_length() + 8) // 8, "little", signed=True)
                o += b"\x8a" + bytes([len(b)]) + b  # LONG1
        elif isinstance(obj, str):
            if not self._get(("str", obj)):
                b = obj.encode("utf-8")
                o += b"X" + struct.pack("<I", len(b)) + b   # BINUNICODE
                self._put(("str", obj))
        elif isinstance(obj, tuple):
            if not obj:
                o += b")"                         # EMPTY_TUPLE (not memoised)
                return
            if len(obj) <= 3:
                for v in obj:
                    self.save(v)
                o += {1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(obj)]   # TUPLE1..3
            else:
                o += b"("
                for v in obj:
                    self.save(v)
                o += b"t"                         # TUPLE
            self._put(self._fresh_key())
        elif isinstance(obj, dict):
            o += b"}"                             # EMPTY_DICT
            self._put(self._fresh_key())
            self._setitems(obj.items())
        elif isinstance(obj, Global):
            key = ("global", obj.module, obj.name)
            if not self._get(key):
                o += b"c" + f"{obj.module}\n{obj.name}\n".encode("ascii")   # GLOBAL
                self._put(key)
        elif isinstance(obj, PersistentId):
            self.save(obj.pid)
            o += b"Q"                             # BINPERSID
        elif isinstance(obj, Reduce):
            self.save(obj.func)
            self.save(obj.args)
            o += b"R"                             # REDUCE
            self._put(self._fresh_key())
            if obj.items is not None:
                self._setitems(obj.items)
            if obj.state is not None:
                self.save(obj.state)
                o += b"b"                         # BUILD
        else:
            raise TypeError(f"cannot emit {type(obj).__name__}")

    def dumps(self, obj) -> bytes:
        self.save(obj)
        self.out += b"."                          # STOP
        return bytes(self.out)


def contiguous_strides(shape) -> tuple:
    strides, acc = [], 1
    for d in reversed(shape):
        strides.append(acc)
        acc *= d
    return tuple(reversed(strides))


def state_dict_pickle(shapes: list[tuple[str, tuple]], metadata_modules: list[str] | None) -> bytes:
    """data.pkl for float32 tensors `shapes` = [(name, shape)], storage keys '0', '1', ... in order."""
    items = []
    for i, (name, shape) in enumerate(shapes):
        numel = int(np.prod(shape, dtype=np.int64)) if shape else 1
        storage = PersistentId(("storage", FLOAT_STORAGE, str(i), "cpu", numel))
        args = (storage, 0, tuple(int(d) for d in shape), contiguous_strides(shape), False,
                Reduce(ORDERED_DICT, ()))
        items.append((name, Reduce(REBUILD_TENSOR, args)))
    state = None
    if metadata_modules is not None:
        state = {"_metadata": Reduce(ORDERED_DICT, (), items=[(m, {"version": 1}) for m in metadata_modules])}
    return _Emitter().dumps(Reduce(ORDERED_DICT, (), items=items, state=state))


# ---------------------------------------------------------------------------------------------
# Zip container (PyTorchStreamWriter layout)
# ---------------------------------------------------------------------------------------------


class _ZipWriter:
    def __init__(self, f, archive: str):
        self.f, self.archive, self.pos, self.entries = f, archive, 0, []

    def _write(self, b) -> None:
        self.f.write(b)
        self.pos += len(b)

    def record(self, name: str, chunks) -> int:
        """chunks: bytes-like objects making up the record. Returns the record's CRC-32."""
        fname = f"{self.archive}/{name}".encode("utf-8")
        offset = self.pos
        start = offset + 30 + len(fname) + 4
        pad = (-start) % ALIGNMENT
        extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        self._write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 0, 0x0808, 0, 0, 0, 0, 0, 0,
                                len(fname), len(extra)) + fname + extra)
        assert self.pos % ALIGNMENT == 0
        crc, size = 0, 0
        for c in chunks:
            c = memoryview(c).cast("B")
            crc = zlib.crc32(c, crc)
            size += len(c)
            self._write(c)
        if size > _U32 or offset > _U32:
            raise ValueError("record or offset beyond 4 GiB: ZIP64 entries are not implemented")
        self._write(struct.pack("<IIII", 0x08074B50, crc, size, size))
        self.entries.append((fname, crc, size, offset))
        return crc

    def finish(self) -> None:
        cd_offset = self.pos
        for fname, crc, size, offset in self.entries:
            self._write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0, 0, 0x0808, 0, 0, 0, crc, size, size,
                                    len(fname), 0, 0, 0, 0, 0, offset) + fname)
        cd_size = self.pos - cd_offset
        n = len(self.entries)
        z64 = self.pos
        self._write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 0x031E, 45, 0, 0, n, n, cd_size, cd_offset))
        self._write(struct.pack("<IIQI", 0x07064B50, 0, z64, 1))
        self._write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, cd_size, cd_offset, 0))


def _le_f32(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype="<f4")


def write_pth(path, tensors: dict[str, np.ndarray], metadata_modules: list[str] | None = None,
              chunk_bytes: int = 1 << 24) -> dict:
    """Write `tensors` (name -> float32 array, in state_dict order) like torch.save of a state_dict.
    Returns {"pickle": bytes, "crcs": [...], "serialization_id": str, "size": int}."""
    path = Path(path)
    archive = path.name.split(".")[0] or "archive"
    names = list(tensors)
    pkl = state_dict_pickle([(k, tuple(tensors[k].shape)) for k in names], metadata_modules)
    crcs = []
    with open(path, "wb") as f:
        z = _ZipWriter(f, archive)
        z.record("data.pkl", [pkl])
        z.record(".format_version", [b"1"])
        z.record(".storage_alignment", [str(ALIGNMENT).encode()])
        z.record("byteorder", [b"little"])
        for i, k in enumerate(names):
            raw = memoryview(_le_f32(tensors[k]).reshape(-1)).cast("B")
            crcs.append(z.record(f"data/{i}", (raw[s:s + chunk_bytes] for s in range(0, len(raw), chunk_bytes))))
        z.record("version", [b"3\n"])
        # torch: 20 random digits + 20 digits of a CRC hash. Here: deterministic, from the content.
        h = hashlib.sha256(pkl + b"".join(struct.pack("<I", c) for c in crcs)).digest()
        sid = f"{int.from_bytes(h[:8], 'little') % 10 ** 20:020d}{int.from_bytes(h[8:16], 'little') % 10 ** 20:020d}"
        z.record(".data/serialization_id", [sid.encode()])
        z.finish()
        size = z.pos
    return {"pickle": pkl, "crcs": crcs, "serialization_id": sid, "size": size}


# ---------------------------------------------------------------------------------------------
# Torch-free check of a written file (stdlib zipfile + a restricted unpickler)
# ---------------------------------------------------------------------------------------------


class _Stub:
    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):
        return (self.module, self.name, args)


class _CheckUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"global {module}.{name} not allowed")
        if (module, name) == ("collections", "OrderedDict"):
            return OrderedDict
        return _Stub(module, name)

    def persistent_load(self, pid):
        return ("persistent", pid)


def check_pth(path, tensors: dict[str, np.ndarray], metadata_modules: list[str] | None = None) -> list[str]:
    """Re-read `path` with zipfile (CRC-checked) and a restricted unpickler; compare every storage
    byte with `tensors`. Returns a list of problems (empty when the file is right)."""
    problems = []
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        if bad is not None:
            problems.append(f"CRC mismatch in {bad}")
        names = zf.namelist()
        archive = names[0].split("/")[0]
        want = ([f"{archive}/{n}" for n in ("data.pkl", ".format_version", ".storage_alignment", "byteorder")]
                + [f"{archive}/data/{i}" for i in range(len(tensors))]
                + [f"{archive}/version", f"{archive}/.data/serialization_id"])
        if names != want:
            problems.append(f"records {names} != {want}")
        for info in zf.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                problems.append(f"{info.filename} is compressed")
            data_at = info.header_offset + 30 + len(info.filename.encode()) + _local_extra_len(path, info)
            if data_at % ALIGNMENT:
                problems.append(f"{info.filename} data at offset {data_at}, not {ALIGNMENT}-aligned")
        if zf.read(f"{archive}/byteorder") != b"little" or zf.read(f"{archive}/version") != b"3\n":
            problems.append("byteorder / version record")
        obj = _CheckUnpickler(io.BytesIO(zf.read(f"{archive}/data.pkl"))).load()
        if not isinstance(obj, OrderedDict) or list(obj) != list(tensors):
            problems.append("data.pkl is not an OrderedDict of the expected keys")
            return problems
        for i, (k, (mod, fn, args)) in enumerate(obj.items()):
            (_, pid), offset, shape, stride, requires_grad, hooks = args
            tag, stype, key, loc, numel = pid
            a = tensors[k]
            if ((mod, fn) != ("torch._utils", "_rebuild_tensor_v2") or tag != "storage"
                    or (stype.module, stype.name) != ("torch", "FloatStorage") or key != str(i) or loc != "cpu"
                    or numel != a.size or offset != 0 or shape != a.shape
                    or stride != contiguous_strides(a.shape) or requires_grad is not False or hooks != OrderedDict()):
                problems.append(f"{k}: tensor record {args}")
            raw = zf.read(f"{archive}/data/{key}")
            if raw != _le_f32(a).tobytes():
                problems.append(f"{k}: storage bytes differ")
        meta = getattr(obj, "_metadata", None)
        want_meta = None if metadata_modules is None else OrderedDict((m, {"version": 1}) for m in metadata_modules)
        if meta != want_meta:
            problems.append(f"_metadata {meta!r} != {want_meta!r}")
    return problems


def _local_extra_len(path, info: zipfile.ZipInfo) -> int:
    with open(path, "rb") as f:
        f.seek(info.header_offset + 28)
        return struct.unpack("<H", f.read(2))[0]
