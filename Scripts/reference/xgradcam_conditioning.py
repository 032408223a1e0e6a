"""XGrad-CAM conditioning check: how far torch float64 is from the float32 golden (the reference's own noise).

XGrad-CAM divides by the pre-ReLU channel sum S_k + 1e-7; channels whose sum nearly cancels amplify
float32 rounding. Prints, per photo, rel. L2 of torch float32 (re-run) and torch float64 vs the golden.
Run: .venv/bin/python Scripts/reference/xgradcam_conditioning.py
"""
import sys, json, numpy as np, torch
sys.path.insert(0, 'Scripts/reference')
from emonet_reference import build_model, Preprocess, demo_weights, demo_mean_image
torch.set_num_threads(1)
W = demo_weights(); M = demo_mean_image()
prep = Preprocess(M)
g = json.load(open('Tests/Fixtures/goldens/cam/cam_goldens.json'))
for idx in range(len(g["photos"])):
    ph = g['photos'][idx]
    x = prep(ph['file'])
    x = x if x.dim() == 4 else x.unsqueeze(0)
    res = {}
    for dtype in [torch.float32, torch.float64]:
        m = build_model(W).to(dtype).eval()
        acts = {}
        h = m.conv5.register_forward_hook(lambda mod, i, o: acts.__setitem__('a', o))
        xi = x.to(dtype).requires_grad_(False)
        out = m(xi)
        a = acts['a']; a.retain_grad()
        out[0, ph['target']].backward()
        A = a.detach().numpy()[0]; G = a.grad.numpy()[0]
        S = A.sum(axis=(1, 2))
        w = (G * A).sum(axis=(1, 2)) / (S + 1e-7)
        cam = np.maximum((w[:, None, None] * A).sum(0), 0)
        res[str(dtype)] = cam.astype(np.float64)
        h.remove()
    gold = np.array(ph['methods']['XGradCAM']['raw'], dtype=np.float64)
    f32, f64 = res['torch.float32'], res['torch.float64']
    rel = lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(b)
    print(ph['file'], 'f32-vs-golden', rel(f32, gold), 'f64-vs-golden', rel(f64, gold), 'f32-vs-f64', rel(f32, f64))
