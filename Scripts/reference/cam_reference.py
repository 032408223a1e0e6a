#!/usr/bin/env python3
"""CAM goldens for EmoShift: pytorch-grad-cam 1.5.7 and the EmoCAM authors' Captum methods
(LIFT-CAM, LRP-CAM, LIME-CAM) on the deterministic demo EmoNet (emonet_reference.py), for every
photo in Experiments/images/.

Conventions (emonet-emocam.md 4.3): emonet-py preprocessing, model in eval mode (softmax output),
target layer = model.conv5 (the Conv2d module, i.e. pre-ReLU conv5 output A, 256x13x13),
targets=None (pytorch-grad-cam picks np.argmax of the softmax output). The Captum methods run the
authors' "model tail" f(A) = fc3(relu(fc2(relu(fc1(flatten_matlab(maxpool(relu(A)))))))) returning
logits; ReLUs functional and fc1..fc3 in a plain Python list, so Captum only sees the max-pool.

Outputs (Tests/Fixtures/goldens/cam/; README.md there describes every field)
  cam_goldens.json               metadata, versions, per photo and method the raw 13x13 map (ReLU of
                                 the weighted combination, before scaling/resizing), the 256
                                 per-channel weights / scores, EigenCAM's signed projection; the
                                 library's final 227x227 map (astronaut) as statistics + samples;
                                 all cross-checks; LIME seed spread and one captured LIME data set
  astronaut_d{prob,logit}_d{conv5,conv3}.npy
                                 d p_top1 / dA and d z_top1 / dA for conv5 (256x13x13) and conv3
                                 (384x13x13) outputs (pre-ReLU), float64 autograd on a float64 copy
                                 of the model, stored rounded to float32 (see README for why)

Deterministic: torch on 1 CPU thread, LIME seeded; re-running rewrites byte-identical files.
Runtimes are printed only, never written.
Usage: .venv/bin/python Scripts/reference/cam_reference.py [--extra DIR]
  --extra DIR   additionally write the uncommitted full set to DIR: the 11 final 227x227 maps of
                astronaut (float32 .npy) and the gradient tensors in float64 and torch-float32
"""
from __future__ import annotations

import os

os.environ.setdefault("TQDM_DISABLE", "1")      # ScoreCAM / AblationCAM progress bars
# numpy's OpenBLAS on 1 thread too: with its default thread pool EigenCAM's 169x256 SVD sporadically
# stalled for ~1.3 s next to torch on this 2-CPU machine (results are byte-identical either way).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import importlib.metadata as md  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import PIL  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn import functional as F  # noqa: E402

import captum  # noqa: E402
from captum._utils.models.linear_model import SkLearnLasso  # noqa: E402
from captum.attr import LRP, DeepLift, Lime  # noqa: E402
from pytorch_grad_cam import (AblationCAM, EigenCAM, GradCAM, GradCAMPlusPlus, HiResCAM,  # noqa: E402
                              LayerCAM, ScoreCAM, XGradCAM)
from sklearn.linear_model import Lasso  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emonet_reference import (CLASSES, ROOT, Preprocess, build_model, demo_mean_image,  # noqa: E402
                              demo_weights, photo_files, rel, write_json)

GOLD = ROOT / "Tests" / "Fixtures" / "goldens" / "cam"
ASTRONAUT = "astronaut.png"
SIZE = 227
N_SAMPLES = 256                    # sampled pixels of the 227x227 finals
SAMPLE_MULT = 2654435761           # same sampling rule as goldens/emonet
LIME_SEED = 0                      # reseeded before every golden LIME call
LIME_SPREAD_SEEDS = [0, 1, 2, 3, 4]
LIME_N_SAMPLES = 256
LIME_ALPHA = 0.01

GC_METHODS = [("GradCAM", GradCAM), ("GradCAMPlusPlus", GradCAMPlusPlus), ("XGradCAM", XGradCAM),
              ("HiResCAM", HiResCAM), ("LayerCAM", LayerCAM), ("EigenCAM", EigenCAM),
              ("ScoreCAM", ScoreCAM), ("AblationCAM", AblationCAM)]
CAPTUM_METHODS = ["LIFT-CAM", "LRP-CAM", "LIME-CAM"]

warnings.filterwarnings("ignore", message="Setting forward, backward hooks and attributes on non-linear")
warnings.filterwarnings("ignore", message="Converting a tensor with requires_grad=True to a scalar")


# ---------------------------------------------------------------------------------------------
# Number formatting
# ---------------------------------------------------------------------------------------------

def g32(a):
    """float32 values -> Python floats printing as the shortest decimal that round-trips to the
    float32; asserts Float(Double(text)) recovers the exact float32 bits (what a Swift reader
    using JSONSerialization + Float(...) does)."""
    arr = np.asarray(a, dtype=np.float32)
    out = []
    for v in arr.ravel():
        assert np.isfinite(v), v
        f = float(str(v))                          # numpy 2: str(float32) is the shortest repr
        assert np.float32(f).view(np.uint32) == v.view(np.uint32), (v, f)
        out.append(f)
    return out


def g32map(a):
    a = np.asarray(a, dtype=np.float32)
    return [g32(row) for row in a]


def g64(a) -> list[float]:
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def num(x: float, digits: int = 3) -> float:
    """Diagnostic numbers (differences, correlations): 4 significant digits, stable text."""
    x = float(x)
    if x == 0.0 or not math.isfinite(x):
        return x
    return float(f"{x:.{digits}e}")


def sha256_f32(a) -> str:
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()


def maxrel(a, b) -> float:
    """max |a - b| / max |b| (both as float64)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    d = float(np.abs(b).max())
    return float(np.abs(a - b).max()) / d if d > 0 else float(np.abs(a - b).max())


def maxabs(a, b) -> float:
    return float(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)).max())


def sample_indices(numel: int, n: int = N_SAMPLES) -> list[int]:
    return [(k * SAMPLE_MULT) % numel for k in range(n)]


def array_summary(a: np.ndarray) -> dict:
    a = np.asarray(a, dtype=np.float32)
    idx = sample_indices(a.size)
    return {"shape": list(a.shape), "sha256_f32": sha256_f32(a),
            "sum": math.fsum(a.astype(np.float64).ravel().tolist()),
            "min": g32([a.min()])[0], "max": g32([a.max()])[0],
            "argmax_flat": int(a.argmax()),
            "sample_indices_rule": f"(k * {SAMPLE_MULT}) % {a.size}, k = 0..{len(idx) - 1}",
            "samples": g32(a.ravel()[idx])}


def pearson(a, b) -> float:
    a = np.asarray(a, np.float64).ravel()
    b = np.asarray(b, np.float64).ravel()
    a = a - a.mean()
    b = b - b.mean()
    d = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / d if d > 0 else float("nan")


def spearman(a, b) -> float:
    return float(scipy.stats.spearmanr(np.asarray(a).ravel(), np.asarray(b).ravel()).statistic)


# ---------------------------------------------------------------------------------------------
# pytorch-grad-cam: instrumented methods and an independent copy of the scaling pipeline
# ---------------------------------------------------------------------------------------------

def instrumented(cls):
    """Subclass that stashes the per-channel weights (get_cam_weights) and the un-ReLU'd cam
    (get_cam_image) the library computes; behaviour is otherwise unchanged. BaseCAM's
    compute_cam_per_layer then applies np.maximum(cam, 0) and scale_cam_image."""

    class Instrumented(cls):
        def get_cam_weights(self, *args, **kwargs):
            w = super().get_cam_weights(*args, **kwargs)
            self.stash_weights = np.array(w, copy=True)
            return w

        def get_cam_image(self, *args, **kwargs):
            cam = super().get_cam_image(*args, **kwargs)
            self.stash_cam = np.array(cam, copy=True)
            return cam

    Instrumented.__name__ = cls.__name__
    return Instrumented


def gc_pipeline(raw: np.ndarray) -> np.ndarray:
    """pytorch-grad-cam 1.5.7's post-processing of one layer's ReLU'd cam (13x13 float32), written
    out here (not calling the library): scale_cam_image with resize, then aggregate_multi_layers
    (max(0), mean over the single layer, scale_cam_image without resize)."""
    img = raw.astype(np.float32)
    img = img - np.min(img)
    img = img / (1e-7 + np.max(img))                   # float32 arithmetic (NEP 50)
    img = cv2.resize(np.float32(img), (SIZE, SIZE))    # INTER_LINEAR, half-pixel centres
    per_layer = np.float32([img])[:, None]             # (batch 1, layers 1, H, W)
    per_layer = np.maximum(per_layer, 0)
    res = np.mean(per_layer, axis=1)[0]
    res = res - np.min(res)
    res = res / (1e-7 + np.max(res))
    return np.float32(res)


def bilinear_half_pixel64(m: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """float64 bilinear, src = (dst + 0.5) * in/out - 0.5 clamped to [0, in-1] (cv2 INTER_LINEAR,
    torch align_corners=False)."""
    m = np.asarray(m, np.float64)
    ih, iw = m.shape

    def axis(n_out, n_in):
        s = (np.arange(n_out) + 0.5) * (n_in / n_out) - 0.5
        s = np.clip(s, 0, n_in - 1)
        i0 = np.floor(s).astype(int)
        i1 = np.minimum(i0 + 1, n_in - 1)
        return i0, i1, s - i0

    y0, y1, fy = axis(out_h, ih)
    x0, x1, fx = axis(out_w, iw)
    top = m[y0][:, x0] * (1 - fx) + m[y0][:, x1] * fx
    bot = m[y1][:, x0] * (1 - fx) + m[y1][:, x1] * fx
    return top * (1 - fy)[:, None] + bot * fy[:, None]


def gc_pipeline64(raw: np.ndarray) -> np.ndarray:
    img = np.asarray(raw, np.float64)
    img = img - img.min()
    img = img / (1e-7 + img.max())
    img = bilinear_half_pixel64(img, SIZE, SIZE)
    img = np.maximum(img, 0)
    img = img - img.min()
    return img / (1e-7 + img.max())


# ---------------------------------------------------------------------------------------------
# The authors' Captum path (FindingEmoThesis explanations_liftcam.py, re-typed)
# ---------------------------------------------------------------------------------------------

class ModelPart(nn.Module):
    """EmoNet after conv5: functional ReLU -> the model's MaxPool2d(3, 2) module (registered) ->
    MATLAB flatten -> fc1 -> ReLU -> fc2 -> ReLU -> fc3 (fc layers in a plain list, NOT registered
    submodules) -> logits."""

    def __init__(self, model):
        super().__init__()
        self.classifier = [model.fc1, model.fc2, model.fc3]
        self.max_pool = model.maxpool

    def forward(self, x):
        x = self.max_pool(F.relu(x))
        x = x.permute((0, 1, 3, 2)).reshape(x.shape[0], -1)
        x = F.relu(self.classifier[0](x))
        x = F.relu(self.classifier[1](x))
        return self.classifier[2](x)


def conv5_output(model, x):
    """Forward the image with a conv5 forward hook, as the authors do (grad enabled)."""
    acts = []
    handle = model.conv5.register_forward_hook(lambda m, i, o: acts.append(o))
    output = model(x)
    handle.remove()
    return output, acts[0]


def cam_from_scores(scores: torch.Tensor, act_map: torch.Tensor) -> torch.Tensor:
    vis = (scores[None, :, None, None] * act_map.cpu()).sum(dim=1, keepdim=True)
    return F.relu(vis).float()


def lift_cam(model, x, class_id):
    _, act_map = conv5_output(model, x)
    part = ModelPart(model)
    part.eval()
    contrib = DeepLift(part).attribute(act_map, torch.zeros_like(act_map), target=class_id,
                                       return_convergence_delta=False)
    scores = torch.squeeze(torch.sum(contrib, (2, 3), keepdim=False), 0).cpu()
    return scores, cam_from_scores(scores, act_map)


def lrp_cam(model, x, class_id):
    _, act_map = conv5_output(model, x)
    part = ModelPart(model)
    part.eval()
    contrib = LRP(part).attribute(act_map, target=class_id, return_convergence_delta=False)
    scores = torch.squeeze(torch.sum(contrib, (2, 3), keepdim=False), 0).cpu()
    return scores, cam_from_scores(scores, act_map)


class CapturingLasso(SkLearnLasso):
    """SkLearnLasso that keeps the (interpretable inputs, outputs, similarity weights) it is fit on."""

    def fit(self, train_data, **kwargs):
        xs, ys, ws = [], [], []
        for x, y, w in train_data:
            xs.append(x.numpy().copy())
            ys.append(y.numpy().copy())
            ws.append(w.numpy().copy())
        self.captured = (np.concatenate(xs), np.concatenate(ys), np.concatenate(ws))
        return super().fit(train_data, **kwargs)


def seed_all(seed: int) -> None:
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)


def lime_cam(model, x, class_id, seed, interpretable_model=None):
    seed_all(seed)
    _, act_map = conv5_output(model, x)
    num_of_channel = int(act_map.size(1))
    part = ModelPart(model)
    part.eval()
    lime = Lime(part) if interpretable_model is None else Lime(part, interpretable_model=interpretable_model)
    ref_map = torch.zeros_like(act_map)
    f_mask = torch.zeros_like(act_map).long()
    for i in range(f_mask.size(1)):
        f_mask[:, i, :, :] = i
    contrib = lime.attribute(act_map, baselines=ref_map, n_samples=num_of_channel, target=class_id,
                             feature_mask=f_mask, return_input_shape=False)
    scores = torch.squeeze(contrib, 0).cpu()
    return scores, cam_from_scores(scores, act_map)


def captum_final(cam13: torch.Tensor) -> np.ndarray:
    """The authors' display/fusion map: F.interpolate bilinear (align_corners=False) to 227x227,
    then lift_utils.min_max_normalize (no epsilon; a constant map is left unchanged)."""
    with torch.no_grad():
        e = F.interpolate(cam13, size=(SIZE, SIZE), mode="bilinear").detach().cpu()
    lo, hi = e.min(), e.max()
    if hi != lo:
        e = (e - lo) / (hi - lo)
    return e[0, 0].numpy()


# ---------------------------------------------------------------------------------------------
# Closed forms for the Captum methods (float64)
# ---------------------------------------------------------------------------------------------

def tail64(m64, a5):
    """float64 tail: logits from the pre-ReLU conv5 output."""
    p = m64.maxpool(F.relu(a5))
    h = p.permute((0, 1, 3, 2)).reshape(p.shape[0], -1)
    return m64.fc3(F.relu(m64.fc2(F.relu(m64.fc1(h)))))


def captum_closed_forms(m64, A32: np.ndarray, c: int) -> dict:
    """gi: sum_ij A * dz_c/dA (gradient x input of the logit);
    lift_last: the same but, at a position that is the argmax of several overlapping 3x3/2 pooling
      windows, only the gradient of the LAST such window (raster order) counts: Captum's DeepLift
      max-pool rule rebuilds the multiplier with F.max_unpool2d, which overwrites instead of adding;
    lrp: z_c * sum_ij [A>0] relu(A) * sum_w g_w / (out_w + 1e-9): LRP's epsilon rule on the pool
      alone, with the incoming gradient taken as relevance and the result rescaled by the output;
    lrp_nominal: z_c * sum_ij dz_c/dA."""
    A = torch.from_numpy(A32.astype(np.float64))[None].requires_grad_()
    z = tail64(m64, A)[0, c]
    g = torch.autograd.grad(z, A)[0][0].detach()
    A = A.detach()[0]
    zc = float(z)
    R = F.relu(A)[None]
    P, idx = F.max_pool2d(R, 3, 2, return_indices=True)
    Pg = P.clone().requires_grad_()
    h = Pg.permute((0, 1, 3, 2)).reshape(1, -1)
    zz = m64.fc3(F.relu(m64.fc2(F.relu(m64.fc1(h)))))[0, c]
    gp = torch.autograd.grad(zz, Pg)[0][0].reshape(256, 36)
    I = idx[0].reshape(256, 36)
    last = torch.zeros(256, 169, dtype=torch.float64)
    lrp_in = torch.zeros(256, 169, dtype=torch.float64)
    out = P[0].reshape(256, 36)
    sign = torch.where(out == 0, torch.ones_like(out), torch.sign(out))
    for w in range(36):                    # raster order, as the CPU max_unpool2d kernel writes
        last.scatter_(1, I[:, w:w + 1], gp[:, w:w + 1])
        lrp_in.scatter_add_(1, I[:, w:w + 1], (gp[:, w] / (out[:, w] + sign[:, w] * 1e-9))[:, None])
    pos = (A > 0).reshape(256, 169).double()
    Af = A.reshape(256, 169)
    gi = (A * g).sum((1, 2))
    lift_last = (Af * last * pos).sum(1)
    lrp = zc * (pos * F.relu(Af) * lrp_in).sum(1)
    lrp_nominal = zc * g.sum((1, 2))
    return {"g": g.numpy(), "z": zc, "gi": gi.numpy(), "lift_last": lift_last.numpy(),
            "lrp": lrp.numpy(), "lrp_nominal": lrp_nominal.numpy(),
            "multi_argmax_positions": int(((torch.zeros(256, 169).scatter_add_(1, I, torch.ones(256, 36))) > 1).sum())}


def map_from_scores64(s: np.ndarray, A32: np.ndarray) -> np.ndarray:
    return np.maximum(np.tensordot(np.asarray(s, np.float64), A32.astype(np.float64), axes=(0, 0)), 0)


def minmax(m):
    m = np.asarray(m, np.float64)
    lo, hi = m.min(), m.max()
    return (m - lo) / (hi - lo) if hi != lo else m


# ---------------------------------------------------------------------------------------------
# Independent re-computations of the library's weights
# ---------------------------------------------------------------------------------------------

def tail_softmax32(model, a5):
    p = model.maxpool(F.relu(a5))
    h = p.permute((0, 1, 3, 2)).reshape(p.shape[0], -1)
    return torch.softmax(model.fc3(F.relu(model.fc2(F.relu(model.fc1(h))))), dim=1)


def ablation_scores_independent(model, A: torch.Tensor, c: int) -> np.ndarray:
    """y_k = softmax prob of c with channel k of relu(conv5) set to 0 (zeroing after ReLU)."""
    with torch.no_grad():
        batch = A.repeat(256, 1, 1, 1)
        k = torch.arange(256)
        batch[k, k] = -1.0e30                # any value <= 0 is zero after ReLU
        ys = []
        for i in range(0, 256, 32):
            ys.append(tail_softmax32(model, batch[i:i + 32])[:, c])
        return torch.cat(ys).numpy()


def scorecam_scores_independent(model, x: torch.Tensor, A: torch.Tensor, c: int) -> tuple[np.ndarray, dict]:
    with torch.no_grad():
        up = F.interpolate(A, size=x.shape[-2:], mode="bilinear", align_corners=True)
        flat = up.view(1, 256, -1)
        mx, mn = flat.max(-1)[0][:, :, None, None], flat.min(-1)[0][:, :, None, None]
        grid_mx = A.view(1, 256, -1).max(-1)[0]
        grid_mn = A.view(1, 256, -1).min(-1)[0]
        info = {"channels_where_upsampled_max_below_grid_max": int((mx.view(-1) < grid_mx.view(-1)).sum()),
                "channels_where_upsampled_min_above_grid_min": int((mn.view(-1) > grid_mn.view(-1)).sum())}
        up = (up - mn) / (mx - mn + 1e-8)
        inp = x[:, None] * up[:, :, None]
        scores = []
        for i in range(0, 256, 16):
            scores.extend(float(v) for v in model(inp[0, i:i + 16])[:, c])
        return np.float32(scores), info


# ---------------------------------------------------------------------------------------------


def versions() -> dict:
    return {"python": platform.python_version(), "torch": torch.__version__,
            "grad-cam": md.version("grad-cam"), "captum": captum.__version__,
            "scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
            "opencv": cv2.__version__, "Pillow": PIL.__version__, "torch_threads": torch.get_num_threads(),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS")}


def gradients(model, m64, x, c) -> dict:
    """d p_c / dA and d z_c / dA for the conv5 and conv3 outputs, float64 and float32."""
    out = {}
    for tag, m, xx in (("f64", m64, x.double()), ("f32", model, x)):
        L = m.layers(xx)
        p = L["probabilities"][0, c]
        z = L["logits"][0, c]
        gp3, gp5 = torch.autograd.grad(p, [L["conv3"], L["conv5"]], retain_graph=True)
        gz3, gz5 = torch.autograd.grad(z, [L["conv3"], L["conv5"]])
        out[tag] = {"dprob_dconv5": gp5[0].detach().numpy(), "dprob_dconv3": gp3[0].detach().numpy(),
                    "dlogit_dconv5": gz5[0].detach().numpy(), "dlogit_dconv3": gz3[0].detach().numpy(),
                    "p": float(p), "z": float(z)}
    return out


def run(extra: Path | None) -> dict:
    torch.set_num_threads(1)
    V = versions()
    print("  ".join(f"{k} {v}" for k, v in V.items()))
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    t0 = time.perf_counter()
    W = demo_weights()
    M = demo_mean_image()
    model = build_model(W)
    m64 = build_model(W).double()
    pre = Preprocess(M)
    print(f"demo model built in {time.perf_counter() - t0:.1f} s")
    files = photo_files()
    GOLD.mkdir(parents=True, exist_ok=True)

    times = {name: [] for name, _ in GC_METHODS}
    times.update({name: [] for name in CAPTUM_METHODS})
    photos, checks = [], {"per_photo": []}
    astro = {}

    for f in files:
        x = pre(f)[None]
        with torch.no_grad():
            L = model.layers(x)
        probs = L["probabilities"][0].numpy()
        logits = L["logits"][0].numpy()
        A = L["conv5"]                                   # pre-ReLU conv5, 1x256x13x13 float32
        A_np = A[0].numpy()
        c = int(np.argmax(probs))
        entry = {"file": rel(f), "target": c, "target_name": CLASSES[c],
                 "probability": g32([probs[c]])[0], "logit": g32([logits[c]])[0], "methods": {}}
        chk = {"file": f.name}
        is_astro = f.name == ASTRONAUT

        # my own float32 / float64 gradients of p_c and z_c w.r.t. conv5 (for the checks)
        xg = x.clone()
        Lg = model.layers(xg)
        gp32 = torch.autograd.grad(Lg["probabilities"][0, c], Lg["conv5"])[0][0].numpy()

        for name, cls in GC_METHODS:
            Cls = instrumented(cls)
            t = time.perf_counter()
            with Cls(model=model, target_layers=[model.conv5]) as cam:
                final = cam(input_tensor=x, targets=None)[0]
                dt = time.perf_counter() - t
                cam_raw = cam.stash_cam[0]
                weights = getattr(cam, "stash_weights", None)
                lib_target = int(np.argmax(cam.outputs.detach().numpy()[0]))
                lib_grads = [g.numpy() for g in cam.activations_and_grads.gradients]
                lib_acts = [a.numpy() for a in cam.activations_and_grads.activations]
            times[name].append(dt)
            raw = np.maximum(cam_raw, 0)
            rec = {"raw": g32map(raw)}
            if weights is not None:
                rec["weights"] = g32(weights[0])
            if name == "EigenCAM":
                rec["projection"] = g32map(cam_raw)
            entry["methods"][name] = rec
            mine = gc_pipeline(raw)
            c_m = {"target_matches": lib_target == c,
                   "final_vs_own_pipeline_max_abs": num(maxabs(mine, final)),
                   "final_vs_float64_pipeline_max_abs": num(maxabs(gc_pipeline64(raw), final)),
                   "activations_match_model": bool(np.array_equal(lib_acts[0][0], A_np))}
            if name == "GradCAM":
                c_m["library_grad_vs_own_autograd_max_abs"] = num(maxabs(lib_grads[0][0], gp32))
                own_w = np.mean(gp32, axis=(1, 2))
                c_m["weights_vs_own_mean_grad_max_rel"] = num(maxrel(weights[0], own_w))
            if name == "HiResCAM":
                c_m["raw_vs_own_sum_g_times_A_max_rel"] = num(maxrel(raw, np.maximum((gp32.astype(np.float64) * A_np).sum(0), 0)))
            if name == "AblationCAM":
                y = np.float32(probs[c])
                yk = ablation_scores_independent(model, A, c)
                own_w = (y - yk) / y
                c_m["weights_vs_zeroing_after_relu_max_abs"] = num(maxabs(weights[0], own_w))
                c_m["original_score"] = g32([y])[0]
                if is_astro:
                    rec["ablated_scores"] = g32(yk)
            if name == "ScoreCAM" and is_astro:
                sc, info = scorecam_scores_independent(model, x, A, c)
                own_w = torch.softmax(torch.from_numpy(sc), dim=-1).numpy()
                c_m["weights_vs_independent_max_rel"] = num(maxrel(weights[0], own_w))
                c_m.update(info)
                rec["scores"] = g32(sc)
            if name == "EigenCAM":
                X = A_np.reshape(256, -1).T.astype(np.float64)
                X = X - X.mean(0)
                _, _, vt = np.linalg.svd(X, full_matrices=False)
                p64 = (X @ vt[0]).reshape(13, 13)
                sgn = 1.0 if np.dot(p64.ravel(), cam_raw.ravel()) >= 0 else -1.0
                # the library's own numpy call on the same float32 data (deterministic LAPACK)
                Xl = A_np.reshape(256, -1).T
                Xl = Xl - Xl.mean(axis=0)
                _, _, vtl = np.linalg.svd(Xl, full_matrices=True)
                c_m.update({
                    "projection_vs_float64_svd_up_to_sign_max_rel": num(maxrel(cam_raw, sgn * p64)),
                    "library_v1_component_sum_positive": bool(vtl[0].sum() > 0),
                    "library_projection_abs_max_ge_abs_min": bool(abs(cam_raw.max()) >= abs(cam_raw.min())),
                    "singular_value_ratio_s2_over_s1": num(np.linalg.svd(X, compute_uv=False)[1] / np.linalg.svd(X, compute_uv=False)[0])})
            chk[name] = c_m
            if is_astro:
                astro.setdefault("finals", {})[name] = final

        # ---- Captum methods (authors' path) ----
        cf = captum_closed_forms(m64, A_np, c)
        for name, fn in (("LIFT-CAM", lambda: lift_cam(model, x, c)),
                         ("LRP-CAM", lambda: lrp_cam(model, x, c)),
                         ("LIME-CAM", lambda: lime_cam(model, x, c, LIME_SEED))):
            t = time.perf_counter()
            scores, cam13 = fn()
            times[name].append(time.perf_counter() - t)
            s = scores.detach().numpy()
            m13 = cam13[0, 0].detach().numpy()
            entry["methods"][name] = {"raw": g32map(m13), "scores": g32(s)}
            c_m = {"map_vs_scores_times_A_max_rel": num(maxrel(m13, map_from_scores64(s, A_np)))}
            if name in ("LIFT-CAM", "LRP-CAM"):
                gi_map = minmax(map_from_scores64(cf["gi"], A_np))
                c_m.update({
                    "scores_vs_grad_x_input_max_rel": num(maxrel(s, cf["gi"])),
                    "normalised_map_vs_grad_x_input_map_max_abs": num(maxabs(minmax(m13), gi_map))})
            if name == "LIFT-CAM":
                c_m["scores_vs_last_window_grad_x_input_max_rel"] = num(maxrel(s, cf["lift_last"]))
                c_m["normalised_map_vs_last_window_map_max_abs"] = num(maxabs(minmax(m13), minmax(map_from_scores64(cf["lift_last"], A_np))))
                c_m["positions_argmax_of_several_windows"] = cf["multi_argmax_positions"]
            if name == "LRP-CAM":
                c_m["scores_vs_eps_rule_closed_form_max_rel"] = num(maxrel(s, cf["lrp"]))
                c_m["scores_vs_logit_times_grad_sum_max_rel"] = num(maxrel(s, cf["lrp_nominal"]))
                gz_w = cf["g"].sum((1, 2))
                c_m["normalised_map_vs_logit_gradcam_map_max_abs"] = num(maxabs(minmax(m13), minmax(map_from_scores64(gz_w, A_np))))
                c_m["logit"] = cf["z"]
            if name == "LIME-CAM":
                c_m["seed"] = LIME_SEED
                c_m["nonzero_coefficients"] = int((s != 0).sum())
                c_m["pearson_scores_vs_grad_x_input"] = num(pearson(s, cf["gi"]))
            chk[name] = c_m
            if is_astro:
                astro.setdefault("finals", {})[name] = captum_final(cam13)
        photos.append(entry)
        checks["per_photo"].append(chk)
        print(f"  {f.name:18s} top-1 {c:2d} {CLASSES[c]:22s} p={probs[c]:.4f}  "
              + " ".join(f"{k}={v[-1]:.2f}s" for k, v in times.items()))

        if is_astro:
            astro["x"], astro["c"], astro["A"] = x, c, A

    # ---- astronaut extras ----
    x, c = astro["x"], astro["c"]
    G = gradients(model, m64, x, c)
    grad_info = {}
    for key in ("dprob_dconv5", "dlogit_dconv5", "dprob_dconv3", "dlogit_dconv3"):
        g64_, g32_ = G["f64"][key], G["f32"][key]
        stored = g64_.astype(np.float32)
        fname = f"astronaut_{key}.npy"
        np.save(GOLD / fname, stored)
        grad_info[key] = {"file": fname, "shape": list(g64_.shape),
                          "stored": "float64 autograd result rounded to float32",
                          "max_abs_float64": float(np.abs(g64_).max()),
                          "sum_float64": math.fsum(g64_.ravel().tolist()),
                          "l2_float64": math.sqrt(math.fsum((g64_ * g64_).ravel().tolist())),
                          "torch_float32_vs_float64_max_abs": num(maxabs(g32_, g64_)),
                          "torch_float32_vs_float64_max_rel": num(maxrel(g32_, g64_)),
                          "stored_vs_float64_max_rel": num(maxrel(stored, g64_))}
        if extra is not None:
            np.save(extra / f"astronaut_{key}_f64.npy", g64_)
            np.save(extra / f"astronaut_{key}_f32.npy", g32_)
    grad_info["probability_float64"] = G["f64"]["p"]
    grad_info["logit_float64"] = G["f64"]["z"]
    grad_info["identity_check_max_rel"] = num(maxrel(
        G["f64"]["dprob_dconv5"],
        _softmax_grad_from_logit_grads(m64, x, c)))

    finals = astro["finals"]
    if extra is not None:
        for name, arr in finals.items():
            np.save(extra / f"astronaut_final_{name}.npy", np.float32(arr))
    final_summ = {name: array_summary(arr) for name, arr in finals.items()}

    # LIME: seed spread and one captured data set (astronaut)
    spread_runs = []
    for sd in LIME_SPREAD_SEEDS:
        t = time.perf_counter()
        s, cam13 = lime_cam(model, x, c, sd)
        times["LIME-CAM"].append(time.perf_counter() - t)
        spread_runs.append((s.detach().numpy(), cam13[0, 0].detach().numpy()))
    S = np.stack([r[0] for r in spread_runs]).astype(np.float64)
    maps = [minmax(r[1]) for r in spread_runs]
    golden_s = np.array(photos[[p["file"].endswith(ASTRONAUT) for p in photos].index(True)]
                        ["methods"]["LIME-CAM"]["scores"])
    pairs = [(i, j) for i in range(len(S)) for j in range(i + 1, len(S))]
    std = S.std(0, ddof=1)
    cf = captum_closed_forms(m64, astro["A"][0].numpy(), c)
    top10 = [set(np.argsort(-s)[:10].tolist()) for s in S]
    lime_spread = {
        "photo": ASTRONAUT, "seeds": LIME_SPREAD_SEEDS, "n_samples": LIME_N_SAMPLES,
        "seed_0_reproduces_golden": bool(np.array_equal(np.float32(S[0]), np.float32(golden_s))),
        "coefficients": [g32(s) for s in S],
        "nonzero_per_run": [int((s != 0).sum()) for s in S],
        "mean_abs_coefficient": num(np.abs(S).mean()),
        "max_abs_coefficient": num(np.abs(S).max()),
        "per_channel_std_mean": num(std.mean()),
        "per_channel_std_max": num(std.max()),
        "per_channel_std_over_mean_abs_coefficient": num(std.mean() / np.abs(S).mean()),
        "pairwise_pearson": [num(pearson(S[i], S[j])) for i, j in pairs],
        "pairwise_spearman": [num(spearman(S[i], S[j])) for i, j in pairs],
        "pairwise_sign_agreement_nonzero_both": [num(float(np.mean(np.sign(S[i][(S[i] != 0) & (S[j] != 0)]) ==
                                                                  np.sign(S[j][(S[i] != 0) & (S[j] != 0)]))))
                                                 for i, j in pairs],
        "pairwise_top10_overlap": [len(top10[i] & top10[j]) for i, j in pairs],
        "pairwise_normalised_map_max_abs_diff": [num(maxabs(maps[i], maps[j])) for i, j in pairs],
        "pairwise_map_pearson": [num(pearson(maps[i], maps[j])) for i, j in pairs],
        "pearson_mean_coefficients_vs_grad_x_input": num(pearson(S.mean(0), cf["gi"])),
        "pearson_mean_coefficients_vs_lift_cam_scores": num(pearson(
            S.mean(0), photos[[p["file"].endswith(ASTRONAUT) for p in photos].index(True)]["methods"]["LIFT-CAM"]["scores"])),
    }

    capt = CapturingLasso(alpha=LIME_ALPHA)
    s_cap, _ = lime_cam(model, x, c, LIME_SEED, interpretable_model=capt)
    Xs, ys, ws = capt.captured
    ref = Lasso(alpha=LIME_ALPHA)
    ref.fit(Xs, ys, sample_weight=ws)
    A_ = astro["A"]
    with torch.no_grad():
        part = ModelPart(model)
        masks = torch.from_numpy(Xs.astype(np.float32))
        pert = A_ * masks[:, :, None, None]
        own_y = np.concatenate([part(pert[i:i + 1])[:, c].numpy() for i in range(len(pert))])
        a = A_.reshape(-1).double()
        own_sim = []
        for i in range(len(pert)):
            b = pert[i].reshape(-1).double()
            d = 1.0 - float((a @ b) / (a.norm() * b.norm()))
            own_sim.append(math.exp(-d * d / 2.0))
    lime_data = {
        "photo": ASTRONAUT, "seed": LIME_SEED,
        "reproduces_golden": bool(np.array_equal(s_cap.detach().numpy(), np.float32(golden_s))),
        "masks_hex": ["".join(f"{int(''.join(str(int(b)) for b in row[i:i + 4]), 2):x}" for i in range(0, 256, 4))
                      for row in Xs.astype(np.uint8)],
        "masks_hex_rule": "row r = sample r; hex digit j holds channels 4j..4j+3, channel 4j = most significant bit",
        "outputs": g32(ys.ravel()),
        "similarities": g32(ws.ravel()),
        "coefficients": g32(s_cap.detach().numpy()),
        "sklearn_refit": {"coef_matches_captum": bool(np.array_equal(np.float32(ref.coef_), s_cap.detach().numpy())),
                          "intercept": float(ref.intercept_), "n_iter": int(ref.n_iter_),
                          "dual_gap": num(float(ref.dual_gap_)), "X_dtype": str(Xs.dtype)},
        "outputs_vs_own_tail_max_abs": num(maxabs(own_y, ys.ravel())),
        "similarities_vs_own_float64_cosine_kernel_max_abs": num(maxabs(own_sim, ws.ravel())),
        "ones_per_sample_min_max": [int(Xs.sum(1).min()), int(Xs.sum(1).max())],
    }

    doc = {
        "generator": "Scripts/reference/cam_reference.py",
        "model": "demo EmoNet (docs/demo-model.md), emonet-py preprocessing; NOT the real EmoNet",
        "versions": V,
        "conventions": {
            "target_layer": "model.conv5 (nn.Conv2d module output: pre-ReLU, bias included), 256x13x13",
            "model_mode": "eval: forward returns softmax probabilities (pytorch-grad-cam score = probability)",
            "targets": "pytorch-grad-cam: targets=None -> np.argmax(softmax output) (first index on ties); "
                       "Captum methods: the same class passed as target, score = fc3 logit of the tail",
            "raw_map": "13x13 row-major [y][x]: np.maximum(get_cam_image(...), 0) before scale_cam_image "
                       "(pytorch-grad-cam); relu(sum_k s_k A_k) (Captum methods)",
            "weights": "the library's 256 per-channel weights (get_cam_weights) where it has them",
            "captum_scores": "s_k = sum over 13x13 of the DeepLift / LRP attribution, or the LIME Lasso coefficient",
            "floats": "float32 results are written as the shortest decimal that round-trips to the float32; "
                      "Float(Double(text)) recovers the exact bits (asserted). Diagnostic numbers have 4 significant digits.",
            "lime": f"Captum Lime defaults (Bernoulli(0.5) per channel, exp(-d^2/2) kernel on cosine distance, "
                    f"SkLearnLasso(alpha={LIME_ALPHA})), n_samples={LIME_N_SAMPLES}, feature mask = channel index, "
                    f"baseline 0; before every LIME call: torch.manual_seed, np.random.seed, random.seed ({LIME_SEED})",
            "finals": "pytorch-grad-cam final output = cam(input, targets=None)[0], 227x227 float32; "
                      "Captum finals = F.interpolate bilinear (align_corners=False) + min-max without epsilon",
        },
        "photos": photos,
        "astronaut_finals": final_summ,
        "astronaut_gradients": grad_info,
        "lime_seed_spread": lime_spread,
        "lime_captured_astronaut": lime_data,
        "checks": checks,
    }
    write_json(GOLD / "cam_goldens.json", doc)
    return {"times": times, "checks": checks, "lime_spread": lime_spread, "lime_data": lime_data,
            "grad_info": grad_info}


def _softmax_grad_from_logit_grads(m64, x, c):
    """d p_c / dA5 from the logit Jacobian: p_c * (dz_c/dA - sum_j p_j dz_j/dA) (float64)."""
    L = m64.layers(x.double())
    p = L["probabilities"][0].detach()
    J = []
    for j in range(20):
        J.append(torch.autograd.grad(L["logits"][0, j], L["conv5"], retain_graph=True)[0][0])
    J = torch.stack(J)
    return (p[c] * (J[c] - (p[:, None, None, None] * J).sum(0))).numpy()


def summarize(res: dict) -> None:
    times, checks = res["times"], res["checks"]
    print("\nper-method runtime per image (s), 1 thread: median [min, max] over the 9 photos"
          " (LIME also includes the 6 astronaut re-runs)")
    for name, ts in times.items():
        ts = sorted(ts)
        print(f"  {name:16s} {np.median(ts):8.3f}  [{ts[0]:.3f}, {ts[-1]:.3f}]  n={len(ts)}")
    print("\nchecks (worst over the photos)")
    keys = {}
    for chk in checks["per_photo"]:
        for meth, d in chk.items():
            if meth == "file":
                continue
            for k, v in d.items():
                keys.setdefault((meth, k), []).append(v)
    for (meth, k), vs in keys.items():
        if all(isinstance(v, bool) for v in vs):
            print(f"  {meth:16s} {k:52s} all {vs[0]}" if len(set(vs)) == 1 else
                  f"  {meth:16s} {k:52s} {sum(vs)}/{len(vs)} true")
        elif all(isinstance(v, (int, float)) for v in vs):
            a = np.abs(np.array(vs, dtype=np.float64))
            print(f"  {meth:16s} {k:52s} max {a.max():.3e}  median {np.median(a):.3e}")
    ls = res["lime_spread"]
    print("\nLIME seed spread (astronaut, seeds %s): nonzero %s, per-channel std mean %.3e "
          "(mean |coef| %.3e), pairwise Pearson %s, top-10 overlap %s, map max|diff| %s" % (
              ls["seeds"], ls["nonzero_per_run"], ls["per_channel_std_mean"], ls["mean_abs_coefficient"],
              ls["pairwise_pearson"], ls["pairwise_top10_overlap"], ls["pairwise_normalised_map_max_abs_diff"]))
    ld = res["lime_data"]
    print(f"LIME captured data: reproduces golden {ld['reproduces_golden']}, sklearn refit matches "
          f"{ld['sklearn_refit']['coef_matches_captum']}, outputs vs own tail {ld['outputs_vs_own_tail_max_abs']}, "
          f"similarities vs own kernel {ld['similarities_vs_own_float64_cosine_kernel_max_abs']}")
    print("\ngradients (astronaut): torch float32 vs float64 max rel:",
          {k: v["torch_float32_vs_float64_max_rel"] for k, v in res["grad_info"].items() if isinstance(v, dict)})
    print("files:")
    total = 0
    for p in sorted(GOLD.iterdir()):
        total += p.stat().st_size
        print(f"  {p.name:34s} {p.stat().st_size / 1e3:9.1f} kB")
    print(f"  {'total':34s} {total / 1e3:9.1f} kB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extra", type=Path, help="also write the uncommitted full set here")
    args = ap.parse_args()
    if args.extra is not None:
        args.extra.mkdir(parents=True, exist_ok=True)
    res = run(args.extra)
    summarize(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
