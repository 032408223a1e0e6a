"""Goldens for the Statistics module, from scipy / statsmodels / numpy.

Run:  /work/main/.venv/bin/python Scripts/reference/statistics_reference.py   (or .venv/bin/python)
Writes Tests/Fixtures/goldens/statistics/*.json (see the README there). Deterministic: every random
input is drawn from numpy.random.default_rng(<fixed seed>), rounded, and stored in the JSON, and
the references are computed on the stored (rounded) values. Refuses other library versions.
"""
import json
import math
import pathlib
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import cochrans_q, mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

assert scipy.__version__ == "1.17.1", scipy.__version__
assert statsmodels.__version__.startswith("0.15"), statsmodels.__version__
assert np.__version__.startswith("2.4"), np.__version__

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/goldens/statistics"
OUT.mkdir(parents=True, exist_ok=True)
warnings.simplefilter("ignore")


def num(x):
    """float or None (NaN/inf -> None)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def write(name, reference, cases):
    lists = [cases] if isinstance(cases, list) else [v for v in cases.values() if isinstance(v, list)]
    for lst in lists:  # replace stored paired-difference inputs by their key in differences.json
        for c in lst:
            if not isinstance(c, dict):
                continue
            if "d" in c and c.get("input") is None and name != "differences":
                for key, v in D.items():
                    if v == c["d"] and len(v) > 12:
                        c["input"] = key; del c["d"]; break
    doc = {"reference": reference, "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                                                "numpy": np.__version__}, "cases": cases}
    text = json.dumps(doc, indent=None, separators=(",", ":"), ensure_ascii=False)
    (OUT / f"{name}.json").write_text(text + "\n")
    print(f"{name}.json: {len(cases)} cases, {len(text)} bytes")


def rnd(rng, n, loc=0.0, scale=1.0, decimals=3):
    return [round(float(v), decimals) for v in rng.normal(loc, scale, n)]


def rnd_untied(rng, n, loc=0.0, scale=1.0, decimals=3):
    """Like rnd, redrawn until no |value| is tied or zero (so scipy's auto rule can pick 'exact')."""
    while True:
        v = rnd(rng, n, loc, scale, decimals)
        a = [abs(x) for x in v]
        if len(set(a)) == n and 0.0 not in a:
            return v


rng = np.random.default_rng(20261127)

# ---------------------------------------------------------------- paired differences (shared inputs)
D = {
    "n1": [0.7],
    "n2": [0.5, 1.25],
    "small5": [1.1, -0.4, 2.3, 0.9, 1.7],
    "ties8": [1.0, -1.0, 2.0, 2.0, 3.0, -0.5, 1.0, 4.0],
    "zeros10": [0.0, 1.2, -0.3, 0.0, 2.2, 0.8, -1.1, 0.5, 0.0, 1.9],
    "ties_zeros20": [round(v) / 2 for v in rnd(rng, 20, 0.6, 2.0, 3)],
    "cont12": rnd(rng, 12, 0.3, 1.0),
    "cont30": rnd(rng, 30, 0.2, 1.0),
    "cont50": rnd_untied(rng, 50, 0.25, 1.0),
    "cont51": rnd(rng, 51, 0.25, 1.0),
    "neg15": rnd(rng, 15, -0.6, 1.0),
    "large200": rnd(rng, 200, 0.1, 1.0),
    "large1000": rnd(rng, 1000, 0.05, 1.0, 2),
    "allzero4": [0.0, 0.0, 0.0, 0.0],
    "const6": [0.5] * 6,
    "tiny_p40": rnd(rng, 40, 1.5, 0.5),
}
D["cont15"] = rnd(rng, 15, 0.3, 1.0)
D["ties_zeros18"] = [round(v) / 2 for v in rnd(rng, 18, 0.2, 1.2)]
D["skew40"] = [round(float(v), 3) for v in rng.exponential(1.0, 40) - 0.5]

write("differences", "shared inputs: paired differences referenced by key from the other files", D)

# ---------------------------------------------------------------- paired t
cases = []
for key in ["n1", "n2", "small5", "ties8", "zeros10", "cont12", "cont30", "neg15", "large200", "large1000", "tiny_p40"]:
    for alt in ["two-sided", "less", "greater"]:
        for conf in ([0.95, 0.9] if alt == "two-sided" else [0.95]):
            r = stats.ttest_1samp(np.array(D[key]), 0.0, alternative=alt)
            ci = r.confidence_interval(confidence_level=conf)
            cases.append({"id": f"{key}/{alt}/{conf}", "d": D[key], "alternative": alt, "confidence": conf,
                          "t": num(r.statistic), "df": num(r.df), "p": num(r.pvalue),
                          "mean": float(np.mean(D[key])), "lower": num(ci.low), "upper": num(ci.high)})
write("paired_t", "scipy.stats.ttest_1samp(d, 0, alternative).confidence_interval(level)", cases)

# ---------------------------------------------------------------- Wilcoxon
cases = []
def wil(key, zero_method="wilcox", correction=False, alt="two-sided", method="auto"):
    d = np.array(D[key])
    r = stats.wilcoxon(d, zero_method=zero_method, correction=correction, alternative=alt, method=method)
    z = getattr(r, "zstatistic", None)
    cases.append({"id": f"{key}/{zero_method}/{'cc' if correction else 'nocc'}/{alt}/{method}", "d": D[key],
                  "zero_method": zero_method, "correction": correction, "alternative": alt, "method": method,
                  "statistic": num(r.statistic), "p": num(r.pvalue), "z": num(z)})

for alt in ["two-sided", "less", "greater"]:
    for key in ["small5", "cont12", "cont30", "cont50", "cont51", "ties8", "zeros10", "ties_zeros20", "large200", "tiny_p40"]:
        wil(key, alt=alt)
    wil("large1000", alt=alt)
for zm in ["pratt", "zsplit"]:
    for key in ["zeros10", "ties_zeros20", "ties8"]:
        for alt in ["two-sided", "greater"]:
            wil(key, zero_method=zm, alt=alt)
            wil(key, zero_method=zm, alt=alt, method="asymptotic", correction=True)
for key in ["cont30", "ties_zeros20", "large200", "zeros10"]:
    for alt in ["two-sided", "less"]:
        wil(key, correction=True, alt=alt, method="asymptotic")
        wil(key, correction=False, alt=alt, method="asymptotic")
for key in ["ties8", "zeros10", "cont30"]:
    wil(key, method="exact")
    wil(key, method="exact", alt="greater")
wil("n1"); wil("n2"); wil("n2", alt="greater"); wil("n1", method="asymptotic")
write("wilcoxon", "scipy.stats.wilcoxon(d, zero_method, correction, alternative, method)", cases)

# ---------------------------------------------------------------- sign test
cases = []
for key in ["n1", "n2", "small5", "ties8", "zeros10", "ties_zeros20", "cont30", "neg15", "large200", "large1000", "tiny_p40"]:
    d = np.array(D[key]); k = int((d > 0).sum()); n = int((d != 0).sum())
    for alt in ["two-sided", "less", "greater"]:
        r = stats.binomtest(k, n, 0.5, alternative=alt)
        cases.append({"id": f"{key}/{alt}", "d": D[key], "alternative": alt, "k": k, "n": n, "p": num(r.pvalue)})
write("sign", "scipy.stats.binomtest(#(d>0), #(d!=0), 0.5, alternative)", cases)

# ---------------------------------------------------------------- McNemar
cases = []
for b, c in [(0, 1), (1, 0), (1, 1), (3, 3), (5, 1), (2, 9), (10, 4), (25, 40), (0, 12), (100, 130), (400, 300), (7, 0), (1000, 1100)]:
    for exact in [True, False]:
        r = mcnemar([[50, b], [c, 50]], exact=exact, correction=True)
        cases.append({"id": f"{b}-{c}/{'exact' if exact else 'chi2'}", "b": b, "c": c, "exact": exact,
                      "statistic": num(r.statistic), "p": num(r.pvalue)})
write("mcnemar", "statsmodels.stats.contingency_tables.mcnemar([[a,b],[c,d]], exact, correction=True)", cases)

# ---------------------------------------------------------------- Wilson
cases = []
for k, n in [(0, 1), (1, 1), (0, 10), (10, 10), (3, 10), (1, 2), (50, 100), (1, 1000), (999, 1000), (7, 13), (4321, 10000)]:
    for conf in [0.95, 0.99, 0.8]:
        lo, hi = proportion_confint(k, n, alpha=1 - conf, method="wilson")
        cases.append({"id": f"{k}/{n}/{conf}", "k": k, "n": n, "confidence": conf, "lower": float(lo), "upper": float(hi)})
write("wilson", "statsmodels.stats.proportion.proportion_confint(k, n, alpha=1-conf, method='wilson')", cases)

# ---------------------------------------------------------------- multiplicity
families = {
    "single": [0.03],
    "basic": [0.01, 0.04, 0.03, 0.005],
    "ties": [0.02, 0.02, 0.02, 0.5, 0.001],
    "with_na": [0.04, None, 0.001, 0.2, None, 0.03],
    "all_na": [None, None],
    "empty": [],
    "ones": [1.0, 0.9, 0.99],
    "tiny": [1e-12, 3e-9, 0.04, 0.049, 0.6],
    "random40": [round(float(v), 6) for v in rng.uniform(0, 0.2, 40) ** 2],
    "borderline": [0.0125, 0.025, 0.0375, 0.05],
    "zeros": [0.0, 0.0, 0.3],
}
cases = []
for fam, ps in families.items():
    for method, sm in [("holm", "holm"), ("bh", "fdr_bh"), ("bonferroni", "bonferroni"), ("none", None)]:
        for alpha in [0.05, 0.1]:
            idx = [i for i, p in enumerate(ps) if p is not None]
            adj = [None] * len(ps); rej = [None] * len(ps)
            if idx:
                sub = np.array([ps[i] for i in idx])
                if sm is None:
                    rj, pc = sub <= alpha, sub
                else:
                    rj, pc, _, _ = multipletests(sub, alpha=alpha, method=sm)
                for j, i in enumerate(idx):
                    adj[i] = float(pc[j]); rej[i] = bool(rj[j])
            cases.append({"id": f"{fam}/{method}/{alpha}", "family": fam, "method": method, "alpha": alpha,
                          "adjusted": adj, "reject": rej})
write("multiplicity", "statsmodels.stats.multitest.multipletests(p_non_na, alpha, method) ('none': p, p<=alpha)",
      {"families": families, "cases": cases})

# ---------------------------------------------------------------- effect sizes
cases = []
for key in ["n2", "small5", "ties8", "zeros10", "ties_zeros20", "cont30", "neg15", "large200", "large1000", "tiny_p40"]:
    d = np.array(D[key])
    dz = float(np.mean(d) / np.std(d, ddof=1))
    rb = {}
    for zm in ["wilcox", "pratt", "zsplit"]:
        dd = d[d != 0] if zm == "wilcox" else d
        r = stats.rankdata(np.abs(dd))
        tp = float(r[dd > 0].sum()); tm = float(r[dd < 0].sum())
        if zm == "zsplit":
            tz = float(r[dd == 0].sum()) / 2; tp += tz; tm += tz
        rb[zm] = (tp - tm) / (tp + tm)
    cases.append({"id": key, "d": D[key], "cohens_dz": dz, "rank_biserial": rb})
odds = [{"b": b, "c": c, "odds_ratio": (b / c)} for b, c in [(5, 1), (2, 9), (10, 4), (25, 40), (1, 1), (0, 12), (100, 130), (400, 300), (7, 3), (13, 17)]]
write("effect_sizes", "numpy mean/std(ddof=1); rank-biserial from scipy.stats.rankdata; b/c", {"paired": cases, "mcnemar": odds})

# ---------------------------------------------------------------- correlation
cases = []
def corr_case(cid, x, y):
    res = []
    for alt in ["two-sided", "less", "greater"]:
        p = stats.pearsonr(x, y, alternative=alt)
        s = stats.spearmanr(x, y, alternative=alt)
        res.append({"alternative": alt, "pearson_r": num(p.statistic), "pearson_p": num(p.pvalue),
                    "spearman_rho": num(s.statistic), "spearman_p": num(s.pvalue)})
    cases.append({"id": cid, "x": x, "y": y, "results": res})
corr_case("n2", [1.0, 2.0], [3.0, 1.0])
corr_case("n3", [1.0, 2.0, 4.0], [2.0, 1.0, 5.0])
corr_case("n4_ties", [1.0, 2.0, 2.0, 3.0], [1.0, 3.0, 3.0, 2.0])
x = rnd(rng, 10); corr_case("n10", x, [round(0.5 * a + b, 3) for a, b in zip(x, rnd(rng, 10))])
x = rnd(rng, 25); corr_case("n25_neg", x, [round(-0.7 * a + b, 3) for a, b in zip(x, rnd(rng, 25, 0, 0.5))])
x = [float(v) for v in rng.integers(0, 5, 30)]; corr_case("n30_ties", x, [float(v) for v in rng.integers(0, 4, 30)])
x = rnd(rng, 200); corr_case("n200_weak", x, [round(0.1 * a + b, 3) for a, b in zip(x, rnd(rng, 200))])
x = rnd(rng, 200); corr_case("n200_strong", x, [round(0.9 * a + b, 3) for a, b in zip(x, rnd(rng, 200, 0, 0.2))])
x = rnd(rng, 1000, 0, 1, 1); corr_case("n1000", x, [round(0.08 * a + b, 1) for a, b in zip(x, rnd(rng, 1000, 0, 1, 1))])
x = rnd(rng, 12); corr_case("n12_indep", x, rnd(rng, 12))
corr_case("n5_monotone_nonlinear", [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 4.0, 9.0, 16.0, 26.0])
corr_case("n6_large_offset", [1000.1, 1000.2, 1000.4, 1000.3, 1000.6, 1000.5], [5.0, 5.5, 5.2, 6.0, 6.1, 5.9])
write("correlation", "scipy.stats.pearsonr / spearmanr (x, y, alternative)", cases)

# ---------------------------------------------------------------- k related samples
def friedman_rows(rows):
    cols = list(zip(*rows))
    r = stats.friedmanchisquare(*[np.array(c) for c in cols])
    return num(r.statistic), num(r.pvalue)

ks = []
blocks = {
    "n3k3": [[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [1.0, 3.0, 2.0]],
    "n5k4_ties": [[1.0, 1.0, 2.0, 3.0], [2.0, 2.0, 2.0, 1.0], [0.5, 1.5, 1.5, 3.0], [4.0, 3.0, 2.0, 1.0], [1.0, 2.0, 3.0, 4.0]],
    "n4k3_trend": [[1.0, 2.0, 3.0], [1.5, 2.5, 3.1], [0.9, 2.2, 2.0], [1.0, 1.1, 4.0]],
    "n8k5": [rnd(rng, 5, 0, 1, 1) for _ in range(8)],
    "n10k3": [[round(v + j * 0.3, 2) for j, v in enumerate(rnd(rng, 3))] for _ in range(10)],
    "n20k4": [[round(v + j * 0.2, 2) for j, v in enumerate(rnd(rng, 4))] for _ in range(20)],
    "n15k6": [[round(v + j * 0.1, 1) for j, v in enumerate(rnd(rng, 6))] for _ in range(15)],
    "n40k3": [[round(v + j * 0.05, 1) for j, v in enumerate(rnd(rng, 3))] for _ in range(40)],
    "n200k4": [[round(v + j * 0.05, 1) for j, v in enumerate(rnd(rng, 4))] for _ in range(200)],
    "n2k3": [[1.0, 3.0, 2.0], [1.0, 2.0, 3.0]],
    "n1k3": [[2.0, 1.0, 3.0]],
    "n6k8": [[round(v + j * 0.2, 2) for j, v in enumerate(rnd(rng, 8))] for _ in range(6)],
    "n3k9": [[round(v + j * 0.3, 2) for j, v in enumerate(rnd(rng, 9))] for _ in range(3)],
}
for bid, rows in blocks.items():
    st, p = friedman_rows(rows)
    entry = {"id": bid, "rows": rows, "friedman_statistic": st, "friedman_p": p, "page": []}
    for method in ["auto", "asymptotic", "exact"]:
        k = len(rows[0]); m = len(rows)
        if m < 2:  # scipy refuses (ValueError); our n/a is covered by a unit test
            break
        if method == "exact" and k > 8:
            continue
        r = stats.page_trend_test(np.array(rows), method=method)
        entry["page"].append({"method": method, "resolved": r.method, "predicted": None, "L": num(r.statistic), "p": num(r.pvalue)})
    k = len(rows[0]); pred = list(range(k, 0, -1))
    if len(rows) < 2:
        ks.append(entry)
        continue
    r = stats.page_trend_test(np.array(rows), predicted_ranks=pred, method="asymptotic")
    entry["page"].append({"method": "asymptotic", "resolved": r.method, "predicted": pred, "L": num(r.statistic), "p": num(r.pvalue)})
    ks.append(entry)
write("friedman_page", "scipy.stats.friedmanchisquare(*columns); scipy.stats.page_trend_test(rows, predicted_ranks, method)", ks)

cases = []
def cq(cid, rows):
    r = cochrans_q(np.array(rows, dtype=float))
    cases.append({"id": cid, "rows": ["".join(str(int(v)) for v in row) for row in rows], "statistic": num(r.statistic),
                  "p": num(r.pvalue), "df": int(r.df)})
cq("k2_basic", [[1, 0], [1, 1], [0, 1], [1, 0], [1, 0]])
cq("k3_text", [[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0], [1, 0, 1], [1, 1, 0], [0, 1, 0]])
cq("k4", [[1, 1, 0, 0], [1, 0, 0, 1], [1, 1, 1, 0], [0, 1, 0, 0], [1, 1, 1, 1], [1, 0, 1, 0]])
for cid, (n, k, probs) in {"k3_n30": (30, 3, [0.3, 0.5, 0.7]), "k5_n50": (50, 5, [0.4, 0.45, 0.5, 0.55, 0.6]),
                           "k3_n200": (200, 3, [0.5, 0.52, 0.58]), "k2_n100": (100, 2, [0.4, 0.55]),
                           "k6_n20": (20, 6, [0.2, 0.3, 0.4, 0.5, 0.6, 0.8]), "k3_n1000": (1000, 3, [0.6, 0.61, 0.64]),
                           "k4_n12": (12, 4, [0.5, 0.5, 0.5, 0.5])}.items():
    cq(cid, [[int(rng.uniform() < p) for p in probs] for _ in range(n)])
cq("k3_one_row", [[1, 0, 0]])
write("cochran_q", "statsmodels.stats.contingency_tables.cochrans_q(rows)", cases)

# ---------------------------------------------------------------- permutation (sign flip, mean)
def mean_stat(x, axis=-1):
    return np.mean(x, axis=axis)

cases = []
for key in ["n2", "small5", "ties8", "zeros10", "cont12", "allzero4", "const6"]:
    for alt in ["two-sided", "less", "greater"]:
        r = stats.permutation_test((np.array(D[key]),), mean_stat, permutation_type="samples", vectorized=True,
                                   n_resamples=9999, alternative=alt)
        cases.append({"id": f"{key}/{alt}", "d": D[key], "alternative": alt, "kind": "exact", "resamples": 9999,
                      "statistic": float(r.statistic), "p": float(r.pvalue)})
# Monte Carlo cases: the reference p is the exact enumeration (n <= 18) or a 2,000,000-resample scipy run.
mc_inputs = {"cont15": D["cont15"], "neg15": D["neg15"], "ties_zeros18": D["ties_zeros18"],
             "cont30": D["cont30"], "large200": D["large200"]}
for key, d in mc_inputs.items():
    for alt in ["two-sided", "less", "greater"]:
        if len(d) <= 18:
            r = stats.permutation_test((np.array(d),), mean_stat, permutation_type="samples", vectorized=True,
                                       n_resamples=np.inf, alternative=alt, batch=65536)
            ref_kind, ref_resamples = "exact", 2 ** len(d)
        else:
            r = stats.permutation_test((np.array(d),), mean_stat, permutation_type="samples", vectorized=True,
                                       n_resamples=2_000_000, alternative=alt, batch=20000, rng=np.random.default_rng(7))
            ref_kind, ref_resamples = "monte-carlo", 2_000_000
        cases.append({"id": f"{key}/{alt}", "d": d, "alternative": alt, "kind": "monte-carlo", "reference_kind": ref_kind,
                      "reference_resamples": ref_resamples, "statistic": float(r.statistic), "p": float(r.pvalue)})
write("permutation", "scipy.stats.permutation_test((d,), mean, permutation_type='samples', n_resamples, alternative)", cases)

# ---------------------------------------------------------------- bootstrap
cases = []
REF_B = 200_000
boot_inputs = {"cont12": D["cont12"], "cont30": D["cont30"], "ties8": D["ties8"], "neg15": D["neg15"],
               "large200": D["large200"], "skew40": D["skew40"]}
for key, d in boot_inputs.items():
    for statname, fn in [("mean", np.mean), ("median", np.median)]:
        for method in ["percentile", "BCa"]:
            r = stats.bootstrap((np.array(d),), fn, paired=True, vectorized=True, n_resamples=REF_B, batch=20000,
                                method=method, confidence_level=0.95, rng=np.random.default_rng(11))
            cases.append({"id": f"{key}/{statname}/{method.lower()}", "d": d, "statistic": statname, "method": method.lower(),
                          "confidence": 0.95, "reference_resamples": REF_B, "estimate": float(fn(np.array(d))),
                          "lower": num(r.confidence_interval.low), "upper": num(r.confidence_interval.high),
                          "standard_error": float(r.standard_error)})
write("bootstrap", "scipy.stats.bootstrap((d,), mean|median, paired=True, method, n_resamples=200000, confidence_level=0.95)", cases)
