#!/usr/bin/env python3
"""The EmoCAM corpus analysis on the demo experiment's records, re-implemented with pandas/scipy exactly as
the EmoCAM code does it (same code path as association_reference.py: paper sort, drop_duplicates before the
filter, strict thresholds, crosstab indicators, 1 - squareform(pdist(M.T, 'dice')) with diagonal 1, RSA with
DataFrame.corr('spearman') and dropna() + spearmanr for p).

Input: the object rows of a demo run, `emoshift export Results/demo --table objects` (make demo first).
Output: Tests/Fixtures/goldens/corpus/demo-objects.csv (the rows of the conditions below, committed, so the
Swift test does not depend on the run's floating-point details) and demo.json (the expected numbers).
The thresholds are the demo spec's: top-1 probability > 0.2 (the demo model's softmax is flat), detector
confidence > 0.1, importance > 0.3.

Run: .venv/bin/python Scripts/reference/corpus_demo_reference.py [Results/demo/objects.csv]
"""
import json
import pathlib
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from association_reference import (EMOTIONS, OBJECTS, fnum, indicators, paper_sort, rsa,  # noqa: E402
                                   similarity, top_objects, tril)

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests/Fixtures/goldens/corpus"
CONDITIONS = ["original", "no-faces-fillgrey", "add-gift"]
THRESHOLDS = {"emonet_emotion_conf": 0.2, "object_confidence": 0.1, "object_importance": 0.3}


def corpus(df):
    srt = paper_sort(df)
    dedup = srt.drop_duplicates(subset=["dir_image_path", "emonet_emotion", "detected_object"], keep="first")
    kept = dedup[(dedup["emonet_emotion_conf"] > THRESHOLDS["emonet_emotion_conf"])
                 & (dedup["object_confidence"] > THRESHOLDS["object_confidence"])
                 & (dedup["object_importance"] > THRESHOLDS["object_importance"])]
    images, M = indicators(kept, "dir_image_path", [("detected_object", OBJECTS), ("emonet_emotion", EMOTIONS)])
    return len(dedup), len(kept), images, M


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "Results/demo/objects.csv")
    raw = pd.read_csv(src, keep_default_na=False, na_values={"object_importance": [""], "emonet_emotion_conf": [""]})
    raw = raw[raw["condition"].isin(CONDITIONS)].reset_index(drop=True)
    OUT.mkdir(parents=True, exist_ok=True)
    raw.to_csv(OUT / "demo-objects.csv", index=False, float_format="%.17g")
    df_all = pd.read_csv(OUT / "demo-objects.csv", keep_default_na=False,
                         na_values={"object_importance": [""], "emonet_emotion_conf": [""]})
    df_all = df_all.rename(columns={"image": "dir_image_path"})
    out = {"thresholds": THRESHOLDS, "conditions": {}}
    no = len(OBJECTS)
    for condition in CONDITIONS:
        methods = {}
        for method in sorted(df_all[df_all["condition"] == condition]["method"].unique()):
            df = df_all[(df_all["condition"] == condition) & (df_all["method"] == method)].reset_index(drop=True)
            n_dedup, n_kept, images, M = corpus(df)
            S = similarity(M, "dice")
            methods[method] = {"rows": len(df), "rows_after_dedup": n_dedup, "kept_rows": n_kept, "images": images,
                               "dice": tril(S), "block": [[fnum(v) for v in row] for row in S[:no, no:]],
                               "top_objects": top_objects(M, S), "_S": S}
        names = sorted(methods)
        entry = {m: {k: v for k, v in methods[m].items() if k != "_S"} for m in names}
        if len(names) >= 2:
            entry["rsa_full"] = rsa(names, [tril(methods[m]["_S"]) for m in names])
            entry["rsa_block"] = rsa(names, [[fnum(v) for v in methods[m]["_S"][:no, no:].ravel()] for m in names])
        out["conditions"][condition] = entry
    (OUT / "demo.json").write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {OUT / 'demo-objects.csv'} ({len(raw)} rows) and {OUT / 'demo.json'}")


if __name__ == "__main__":
    main()
