#!/usr/bin/env python3
"""Golden values for EmoShift's association analysis (Sources/Statistics/Association/,
Tests/StatisticsTests/AssociationGoldenTests.swift): spec §4.7-4.9 re-implemented with pandas the way
the EmoCAM code does it, on synthetic corpora made with a seeded numpy RNG.

Code path (per CAM method):
  * sort the detection frame by (dir_image_path asc, object_importance desc, NaN last), stable
  * drop_duplicates(subset=[image, emonet_emotion, detected_object], keep='first')   -- BEFORE filtering
  * boolean filter: emonet_emotion_conf > 0.5 & object_confidence > 0.1 & object_importance > 0.3
  * binary vectors over the surviving images (pd.crosstab > 0, reindexed to the 24 objects + 20 emotions;
    exact, case-sensitive names, so "Personal Care" never matches the detector's "Personal care")
  * S = 1 - squareform(pdist(M.T, 'dice'|'jaccard'|'yule')), diagonal set to 1
  * RSA: S[np.tril_indices(44, -1)] per method -> DataFrame.corr(method='spearman'); p-values: dropna() then
    scipy.stats.spearmanr per pair; same for the 24x20 object x emotion block (ravel, row-major)
  * §4.9: EmoNet emotion x annotated emotion Dice (ambiguity < 3 & conf > 0.5, one observation per row),
    pearsonr/spearmanr of valence and arousal, detected object x annotated emotion (dedup on
    (image, ann_emotion, object) first, then ambiguity < 3 & object_confidence > 0.1, no importance filter)

Square matrices are stored as their strict lower triangle (row-major: (1,0), (2,0), (2,1), ...), NaN as null.
Run: /work/main/.venv/bin/python Scripts/reference/association_reference.py   (pandas 3.x, scipy 1.17, numpy 2.4)
Writes Tests/Fixtures/goldens/association/{main,degenerate}.json; deterministic (byte-identical reruns).
"""
import json
import math
import pathlib
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy.spatial.distance import pdist, squareform
from scipy.stats import pearsonr, spearmanr

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/goldens/association"

OBJECTS = ["Person", "Human face", "Human eye", "Human nose", "Human mouth", "Human head", "Clothing",
           "Sports equipment", "Footwear", "Plant", "Flower", "Animal", "Food", "Drink", "Furniture", "Weapon",
           "Wheel", "Building", "Personal Care", "Vehicle", "Tableware", "Kitchenware", "Pillow", "Jeans"]
EMOTIONS = ["Adoration", "Aesthetic Appreciation", "Amusement", "Anxiety", "Awe", "Boredom", "Confusion", "Craving",
            "Disgust", "Empathetic Pain", "Entrancement", "Excitement", "Fear", "Horror", "Interest", "Joy",
            "Romance", "Sadness", "Sexual Desire", "Surprise"]
# FindingEmo labels as spelt in the EmoCAM code (spec §4.9, §6 A7): 23 entries, three misspelt.
ANN_EMOTIONS = ["Acceptance", "Admiration", "Amazement", "Anger", "Annotance", "Anticipation", "Apprehension",
                "Boredom", "Digust", "Distraction", "Ecstast", "Fear", "Grief", "Interest", "Joy", "Loathing",
                "Pensiveness", "Rage", "Serenity", "Surprise", "Terror", "Trust", "Vigilance"]
ANN_OBJECTS = [o for o in OBJECTS if o not in ("Tableware", "Kitchenware", "Pillow", "Jeans")] + ["Tree", "Girl"]
# Detector labels outside the 24-object list (ignored by the analysis); "Personal care" is the real label (A6).
EXTRA_OBJECTS = ["Personal care", "Tree", "Girl", "Car"]
# Real annotation strings missing from / misspelt in the list: ignored.
EXTRA_ANN = ["Sadness", "Disgust", "Annoyance"]

IMG, EMO, ECONF, OBJ, OCONF, IMP = ("dir_image_path", "emonet_emotion", "emonet_emotion_conf", "detected_object",
                                    "object_confidence", "object_importance")


def fnum(x):
    x = float(x)
    return None if math.isnan(x) else x


def tril(S):
    return [fnum(v) for v in S[np.tril_indices(S.shape[0], -1)]]


def similarity(M, metric):
    """The paper's 1 - squareform(pdist(M.T, metric)) with the diagonal set to 1."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        S = 1 - squareform(pdist(M.T, metric))
    np.fill_diagonal(S, 1)
    return S


def paper_sort(df):
    out = df.sort_values([IMG, IMP], ascending=[True, False], kind="stable", na_position="last")
    # independent check of the order (stable; image asc; importance desc; NaN last)
    keys = sorted(range(len(df)), key=lambda i: (df[IMG].iloc[i],
                                                  (1, 0.0) if math.isnan(df[IMP].iloc[i]) else (0, -df[IMP].iloc[i]), i))
    assert list(out.index) == [df.index[i] for i in keys]
    return out


def indicators(kept, image_col, columns_by_family):
    """Per image (sorted keys): 1 iff some kept row of the image has the label (crosstab > 0)."""
    images = sorted(kept[image_col].unique())
    parts = []
    for col, names in columns_by_family:
        ct = pd.crosstab(kept[image_col], kept[col]) if len(kept) else pd.DataFrame(index=pd.Index([], name=image_col))
        ct = ct.reindex(index=images, columns=names, fill_value=0).fillna(0)
        parts.append((ct.to_numpy() > 0).astype(int))
    M = np.hstack(parts) if images else np.zeros((0, sum(len(n) for _, n in columns_by_family)), dtype=int)
    return images, M


def corpus_analysis(rows, case_insensitive=False):
    df = pd.DataFrame(rows)
    srt = paper_sort(df)
    sorted_index = [int(i) for i in srt.index]
    dedup = srt.drop_duplicates(subset=[IMG, EMO, OBJ], keep="first")
    kept = dedup[(dedup[ECONF] > 0.5) & (dedup[OCONF] > 0.1) & (dedup[IMP] > 0.3)]
    objects = OBJECTS
    if case_insensitive:
        kept = kept.assign(**{OBJ: kept[OBJ].str.lower()})
        objects = [o.lower() for o in OBJECTS]
    images, M = indicators(kept, IMG, [(OBJ, objects), (EMO, EMOTIONS)])
    mats = {m: similarity(M, m) for m in ("dice", "jaccard", "yule")}
    return sorted_index, len(dedup), len(kept), images, M, mats


def top_objects(M, S):
    no = len(OBJECTS)
    out = []
    for e, name in enumerate(EMOTIONS):
        ec = no + e
        entries = []
        for o in range(no):
            c = int((M[:, o] & M[:, ec]).sum())
            if c > 0:
                entries.append((-c, -S[o, ec], o, {"object": OBJECTS[o], "count": c, "object_images": int(M[:, o].sum()),
                                                   "dice": float(S[o, ec])}))
        entries.sort(key=lambda t: t[:3])
        out.append({"emotion": name, "emotion_images": int(M[:, ec].sum()), "objects": [t[3] for t in entries]})
    return out


def spearman_test(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = spearmanr(x, y)
            return fnum(r.statistic), fnum(r.pvalue)
        except ValueError:
            return None, None


def pearson_test(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = pearsonr(x, y)
            return fnum(r.statistic), fnum(r.pvalue)
        except ValueError:
            return None, None


def rsa(names, vectors):
    df = pd.DataFrame(dict(zip(names, vectors)), dtype=float)
    corr = df.corr(method="spearman")
    valid = df.notna().astype(int)
    nobs = valid.T.dot(valid)
    d = df.dropna()
    rho, p = [], []
    for a in names:
        rr, pp = [], []
        for b in names:
            r_, p_ = spearman_test(d[a].to_numpy(), d[b].to_numpy())
            rr.append(r_)
            pp.append(p_)
        rho.append(rr)
        p.append(pp)
    return {"methods": names, "length": len(df),
            "correlations": [[fnum(v) for v in row] for row in corr.to_numpy()],
            "pairwise_counts": nobs.to_numpy().astype(int).tolist(),
            "complete_count": len(d), "test_rho": rho, "test_p": p}


def columns_of(rows, keys):
    return {k: [r[k] for r in rows] for k in keys}


def method_result(name, rows):
    sorted_index, n_dedup, n_kept, images, M, mats = corpus_analysis(rows)
    _, _, n_kept_ci, images_ci, M_ci, mats_ci = corpus_analysis(rows, case_insensitive=True)
    no = len(OBJECTS)
    block = mats["dice"][:no, no:]
    res = {
        "name": name,
        "rows": columns_of(rows, [IMG, EMO, ECONF, OBJ, OCONF]) | {IMP: [fnum(r[IMP]) for r in rows]},
        "sorted_index": sorted_index, "rows_after_dedup": n_dedup, "kept_rows": n_kept,
        "images": images, "indicators": ["".join(str(v) for v in row) for row in M],
        "dice": tril(mats["dice"]), "jaccard": tril(mats["jaccard"]), "yule": tril(mats["yule"]),
        "object_emotion_block": [[fnum(v) for v in row] for row in block],
        "case_insensitive": {"kept_rows": n_kept_ci, "images": images_ci,
                             "indicators": ["".join(str(v) for v in row) for row in M_ci],
                             "dice": tril(mats_ci["dice"])},
        "top_objects": top_objects(M, mats["dice"]),
    }
    return res, mats["dice"], block


def annotation_analyses(image_rows, det_rows):
    df = pd.DataFrame(image_rows)
    f = df[(df["ann_ambiguity"] < 3) & (df[ECONF] > 0.5)]
    M = np.hstack([np.array([[int(e == x) for x in EMOTIONS] for e in f[EMO]], dtype=int).reshape(len(f), len(EMOTIONS)),
                   np.array([[int(a == x) for x in ANN_EMOTIONS] for a in f["ann_emotion"]], dtype=int)
                   .reshape(len(f), len(ANN_EMOTIONS))])
    S = similarity(M, "dice")
    emo = {"kept_rows": len(f), "dice": tril(S),
           "block": [[fnum(v) for v in row] for row in S[:len(EMOTIONS), len(EMOTIONS):]]}
    affect = {"n": len(f)}
    for key, a, b in (("valence", "emonet_valence", "ann_valence"), ("arousal", "emonet_arousal", "ann_arousal")):
        x, y = f[a].to_numpy(float), f[b].to_numpy(float)
        affect[key + "_pearson"] = pearson_test(x, y)
        affect[key + "_spearman"] = spearman_test(x, y)

    dd = pd.DataFrame(det_rows)
    dedup = dd.drop_duplicates(subset=[IMG, "ann_emotion", OBJ], keep="first")
    kept = dedup[(dedup["ann_ambiguity"] < 3) & (dedup[OCONF] > 0.1)]
    images, M2 = indicators(kept, IMG, [(OBJ, ANN_OBJECTS), ("ann_emotion", ANN_EMOTIONS)])
    S2 = similarity(M2, "dice")
    obj = {"kept_rows": len(kept), "images": images, "indicators": ["".join(str(v) for v in row) for row in M2],
           "dice": tril(S2), "block": [[fnum(v) for v in row] for row in S2[:len(ANN_OBJECTS), len(ANN_OBJECTS):]]}
    img_cols = [IMG, EMO, ECONF, "emonet_valence", "emonet_arousal", "ann_emotion", "ann_valence", "ann_arousal"]
    return {
        "image_rows": columns_of(image_rows, img_cols) | {"ann_ambiguity": [fnum(r["ann_ambiguity"]) for r in image_rows]},
        "detection_rows": columns_of(det_rows, [IMG, "ann_emotion", OBJ, OCONF])
        | {"ann_ambiguity": [fnum(r["ann_ambiguity"]) for r in det_rows]},
        "emotion_agreement": emo, "affect": affect, "object_agreement": obj,
    }


def pick(rng, values, p=None):
    return values[int(rng.choice(len(values), p=p))]


def main_corpus(rng):
    methods = ["GradCAM", "AblationCAM", "LiftCAM"]
    n_images = 60
    # 14 emotions occur; the other six never do (all-zero columns -> NaN Dice cells).
    present = [e for e in EMOTIONS if e not in ("Boredom", "Craving", "Entrancement", "Romance", "Sexual Desire", "Horror")]
    # Pillow and Jeans are never detected; "Personal Care" never matches (A6).
    detectable = [o for o in OBJECTS if o not in ("Pillow", "Jeans", "Personal Care")] + EXTRA_OBJECTS
    weights = np.array([6.0 if o in ("Person", "Human face", "Clothing") else 1.0 for o in detectable])
    weights /= weights.sum()
    base = []   # per detection: everything but the importance
    per_image = []
    for k in range(n_images):
        image = f"{['crowd', 'party', 'street'][k % 3]}/img_{(k * 37) % 101:03d}.jpg"
        emotion = pick(rng, present)
        conf = pick(rng, [0.5, 0.3, 0.5000001, 0.49999999]) if k % 7 == 0 else float(rng.uniform(0.35, 1.0))
        per_image.append((image, emotion, conf))
        n_det = int(rng.integers(0, 9)) if k != 5 else 0
        for _ in range(n_det):
            obj = pick(rng, detectable, weights)
            oc = float(rng.choice([0.1, 0.005, 0.10000001])) if rng.random() < 0.15 else float(rng.uniform(0.005, 1.0))
            base.append([image, emotion, conf, obj, oc])
        if k % 4 == 1 and n_det > 0:   # exact duplicate detections of a class
            base.append(list(base[-1]))
    results, dice_mats, blocks = [], [], []
    for mi, method in enumerate(methods):
        rows = []
        for b in base:
            u = rng.random()
            if u < 0.06:
                imp = float("nan")
            elif u < 0.12:
                imp = 0.3
            elif u < 0.15:
                imp = 0.30000001
            else:
                imp = float(np.clip(rng.beta(2.0 + mi, 2.0), 0, 1))
            rows.append({IMG: b[0], EMO: b[1], ECONF: b[2], OBJ: b[3], OCONF: b[4], IMP: imp})
        order = rng.permutation(len(rows))
        rows = [rows[i] for i in order]
        r, S, B = method_result(method, rows)
        results.append(r)
        dice_mats.append(S)
        blocks.append(B)

    # §4.9 inputs: annotations per image, detection rows of the first method in the paper's order.
    ann = {}
    image_rows = []
    for image, emotion, conf in per_image:
        v = float(rng.normal(0, 1))
        a = float(rng.uniform(0, 1))
        label = pick(rng, ANN_EMOTIONS + EXTRA_ANN)
        amb = None if rng.random() < 0.07 else float(rng.choice([0, 1, 2, 3, 3, 4, 5, 2.999]))
        av = float(np.clip(np.round(v * 1.5 + rng.normal(0, 1)), -3, 3))
        aa = float(np.clip(np.round(a * 6 + rng.normal(0, 1.5)), 0, 6))
        ann[image] = (label, amb)
        image_rows.append({IMG: image, EMO: emotion, ECONF: conf, "emonet_valence": v, "emonet_arousal": a,
                           "ann_emotion": label, "ann_valence": av, "ann_arousal": aa,
                           "ann_ambiguity": float("nan") if amb is None else amb})
    first = pd.DataFrame(results[0]["rows"]).iloc[results[0]["sorted_index"]]
    det_rows = [{IMG: r[IMG], "ann_emotion": ann[r[IMG]][0], OBJ: r[OBJ], OCONF: r[OCONF],
                 "ann_ambiguity": float("nan") if ann[r[IMG]][1] is None else ann[r[IMG]][1]}
                for r in first.to_dict("records")]
    names = [r["name"] for r in results]
    no = len(OBJECTS)
    return {
        "methods": results,
        "rsa_full": rsa(names, [tril(S) for S in dice_mats]),
        "rsa_object_emotion": rsa(names, [[fnum(v) for v in B.ravel()] for B in blocks]),
        "annotation": annotation_analyses(image_rows, det_rows),
    }


def degenerate_corpus():
    def row(image, emotion, conf, obj, oc, imp):
        return {IMG: image, EMO: emotion, ECONF: conf, OBJ: obj, OCONF: oc, IMP: imp}
    common = [row("a/1.jpg", "Joy", 0.9, "Person", 0.8, 0.2), row("a/1.jpg", "Joy", 0.9, "Person", 0.9, 0.25),
              row("a/2.jpg", "Fear", 0.5, "Human face", 0.9, 0.9), row("b/3.jpg", "Awe", 0.95, "Plant", 0.1, 0.8),
              row("b/4.jpg", "Awe", 0.95, "Personal care", 0.7, float("nan"))]
    empty = common + [row("b/5.jpg", "Awe", 0.95, "Food", 0.7, 0.3)]
    one = common + [row("b/5.jpg", "Awe", 0.95, "Food", 0.7, 0.31), row("b/5.jpg", "Awe", 0.95, "Food", 0.9, 0.9),
                    row("b/5.jpg", "Awe", 0.95, "Drink", 0.7, 0.3000001), row("b/5.jpg", "Awe", 0.95, "Tree", 0.7, 0.8)]
    one_b = common + [row("c/6.jpg", "Sadness", 0.7, "Person", 0.7, 0.5), row("c/6.jpg", "Sadness", 0.7, "Food", 0.7, 0.5),
                      row("c/6.jpg", "Sadness", 0.7, "Drink", 0.7, 0.6)]
    results, mats, blocks = [], [], []
    for name, rows in (("Empty", empty), ("OneImage", one), ("OneImageB", one_b)):
        r, S, B = method_result(name, rows)
        results.append(r)
        mats.append(S)
        blocks.append(B)
    names = [r["name"] for r in results]

    def img(image, emotion, conf, v, a, label, av, aa, amb):
        return {IMG: image, EMO: emotion, ECONF: conf, "emonet_valence": v, "emonet_arousal": a, "ann_emotion": label,
                "ann_valence": av, "ann_arousal": aa, "ann_ambiguity": amb}
    # Three rows survive; annotated valence is constant there (Pearson/Spearman n/a), arousal is not.
    image_rows = [img("a/1.jpg", "Joy", 0.9, 0.2, 0.3, "Joy", 1.0, 2.0, 1.0),
                  img("a/2.jpg", "Fear", 0.5, -0.5, 0.8, "Fear", -2.0, 5.0, 0.0),
                  img("b/3.jpg", "Awe", 0.95, 0.1, 0.1, "Amazement", 1.0, 3.0, 2.0),
                  img("b/4.jpg", "Awe", 0.95, 0.4, 0.5, "Sadness", 1.0, 4.0, 0.5),
                  img("b/5.jpg", "Joy", 0.95, 0.9, 0.7, "Joy", 0.0, 6.0, 3.0),
                  img("c/6.jpg", "Sadness", 0.7, -0.9, 0.9, "Grief", -3.0, 4.0, float("nan"))]
    det_rows = [{IMG: "a/1.jpg", "ann_emotion": "Joy", OBJ: "Person", OCONF: 0.1, "ann_ambiguity": 1.0},
                {IMG: "a/1.jpg", "ann_emotion": "Joy", OBJ: "Person", OCONF: 0.9, "ann_ambiguity": 1.0},
                {IMG: "b/5.jpg", "ann_emotion": "Joy", OBJ: "Tree", OCONF: 0.9, "ann_ambiguity": 3.0}]
    return {
        "methods": results,
        "rsa_full": rsa(names, [tril(S) for S in mats]),
        "rsa_object_emotion": rsa(names, [[fnum(v) for v in B.ravel()] for B in blocks]),
        "annotation": annotation_analyses(image_rows, det_rows),
    }


def main():
    assert scipy.__version__.startswith("1.17"), scipy.__version__
    assert pd.__version__.startswith("3."), pd.__version__
    OUT.mkdir(parents=True, exist_ok=True)
    header = {"objects": OBJECTS, "emotions": EMOTIONS, "annotated_emotions": ANN_EMOTIONS,
              "annotation_objects": ANN_OBJECTS,
              "versions": {"pandas": pd.__version__, "scipy": scipy.__version__, "numpy": np.__version__}}
    rng = np.random.default_rng(20260607)
    for name, data in (("main", main_corpus(rng)), ("degenerate", degenerate_corpus())):
        text = json.dumps(header | data, separators=(",", ":"), allow_nan=False)
        (OUT / f"{name}.json").write_text(text + "\n")
        print(name, len(text), "bytes")


if __name__ == "__main__":
    main()
