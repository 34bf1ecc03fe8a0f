#!/usr/bin/python3
"""Peer for bench/slices-e2e.sh: an exhaustive numpy enumeration of every 1-, 2- and 3-conjunction of
feature = value predicates (pandas read_csv included), with nothing pruned. For each slice with at least
MIN_SUPPORT rows it computes the SliceLine score and the exact one-sided binomial p-value of its error
count against the overall rate, then Benjamini-Hochberg over that whole family, and the top K findings
ranked by score after Fairhunt's collapsing rule (a slice whose error is no higher than an ancestor's is
not a finding of its own). Never part of the product.

  numpy_slices.py --generate FILE [--rows N] [--features F] [--seed S]   write the benchmark CSV
  numpy_slices.py FILE [--compare slices.json]                             enumerate (and compare)
"""
import argparse
import itertools
import json
import sys

import numpy as np

DEPTH, MIN_SUPPORT, TOP, ALPHA, FDR = 3, 100, 10, 0.95, 0.05


def generate(path, rows, features, seed):
    rng = np.random.default_rng(seed)
    levels = rng.integers(5, 11, size=features)
    codes = np.stack([rng.integers(0, k, size=rows) for k in levels])
    order = np.lexsort((np.arange(features), levels))  # fewest values first, ties by index
    a, b, c, d, e = order[:5]
    p = np.full(rows, 0.08)
    two = (codes[d] == 3) & (codes[e] == 1)
    p[two] = 0.3
    p[(codes[a] == 1) & (codes[b] == 2) & (codes[c] == 0)] = 0.9
    err = rng.random(rows) < p
    y = rng.integers(0, 2, size=rows)
    pred = np.where(err, 1 - y, y)
    names = ["f%d" % f for f in range(features)]
    with open(path, "w") as out:
        out.write(",".join(names + ["y", "pred"]) + "\n")
        cols = [np.char.add("v", codes[f].astype(str)) for f in range(features)] + [y.astype(str), pred.astype(str)]
        block = 100_000
        for start in range(0, rows, block):
            part = [col[start:start + block] for col in cols]
            out.write("\n".join(",".join(r) for r in zip(*part)) + "\n")


def enumerate_slices(path):
    import pandas as pd
    from scipy.stats import binom

    df = pd.read_csv(path)
    feats = [c for c in df.columns if c not in ("y", "pred")]
    err = (df["y"].to_numpy() != df["pred"].to_numpy()).astype(np.int64)
    n = len(err)
    total_err = int(err.sum())
    avg = total_err / n
    codes, values = [], []
    for f in feats:
        c, u = pd.factorize(df[f], sort=True)
        codes.append(c.astype(np.int32))
        values.append(list(u))
    k = [len(v) for v in values]
    # One record per family member: (feature tuple, cell), rows, errors.
    fam_sets, fam_cells, fam_rows, fam_err = [], [], [], []
    for depth in range(1, DEPTH + 1):
        for combo in itertools.combinations(range(len(feats)), depth):
            cells = 1
            idx = np.zeros(n, dtype=np.int32)
            for f in combo:
                idx = idx * k[f] + codes[f]
                cells *= k[f]
            packed = np.bincount(idx * 2 + err, minlength=2 * cells).reshape(cells, 2)
            rows = packed.sum(axis=1)
            keep = np.nonzero(rows >= MIN_SUPPORT)[0]
            fam_sets.extend([combo] * len(keep))
            fam_cells.append(keep)
            fam_rows.append(rows[keep])
            fam_err.append(packed[keep, 1])
    cells = np.concatenate(fam_cells)
    rows = np.concatenate(fam_rows).astype(np.float64)
    errs = np.concatenate(fam_err).astype(np.float64)
    m = len(rows)
    pvals = np.where(errs > 0, binom.sf(errs - 1, rows, avg), 1.0)
    order = np.argsort(pvals, kind="stable")
    ranked = pvals[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(q_sorted, 1.0)
    rate = errs / rows
    score = ALPHA * (rate / avg - 1) - (1 - ALPHA) * (n / rows - 1)

    def predicates(i):
        combo, cell, out = fam_sets[i], int(cells[i]), []
        for f in reversed(combo):
            out.append((feats[f], values[f][cell % k[f]]))
            cell //= k[f]
        return tuple(sorted(out))

    index = {}
    best = np.argsort(-score, kind="stable")
    top = [int(i) for i in best[: 2 * TOP] if score[i] > 0]
    for i in range(m):
        if len(fam_sets[i]) < DEPTH:
            index[predicates(i)] = i
    findings = []
    for i in top:
        preds = predicates(i)
        ancestors = [a for r in range(1, len(preds)) for a in itertools.combinations(preds, r)]
        if any(a in index and rate[index[a]] >= rate[i] for a in ancestors):
            continue
        findings.append({"predicates": [list(p) for p in preds], "rows": int(rows[i]), "errors": int(errs[i]),
                         "score": float(score[i]), "p": float(pvals[i]), "q": float(q[i])})
        if len(findings) == TOP:
            break
    return {"rows": n, "family": m, "significant": int((q < FDR).sum()), "findings": findings}


def compare(peer, path):
    with open(path) as f:
        fh = json.load(f)
    ours = fh["slices"]
    same, valid = len(ours) == len(peer["findings"]), True
    for a, b in zip(ours, peer["findings"]):
        preds = sorted(tuple(p.split(" = ", 1)) for p in a["predicates"])
        if preds != [tuple(p) for p in b["predicates"]] or a["rows"] != b["rows"]:
            same = False
        # Valid BH: a q-value from a bound may be larger than the exact one, never smaller.
        if not (a["q_value"] >= b["q"] * (1 - 1e-9) - 1e-300):
            valid = False
            print("q below the exact BH q-value: %s %g < %g" % (preds, a["q_value"], b["q"]), file=sys.stderr)
    mt = fh["multiple_testing"]
    # Conservative q-values can only flag fewer slices than exact BH over the whole family.
    fewer = mt["significant_in_family"] <= peer["significant"]
    valid = valid and fewer and mt["family_size"] >= peer["family"]
    print("compared: top %d identical %s; q-values valid (>= exact BH over the %d-slice family) %s; "
          "family fairhunt %s (counted %s), exact %d; q < %g: fairhunt %d of the slices searched, exact %d in the family"
          % (len(ours), same, peer["family"], valid, mt["family_size"], mt.get("family_counted"), peer["family"], FDR,
             mt["significant_in_family"], peer["significant"]), file=sys.stderr)
    return same and valid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--generate", action="store_true")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--compare")
    ap.add_argument("--json")
    args = ap.parse_args()
    if args.generate:
        generate(args.file, args.rows, args.features, args.seed)
        return
    peer = enumerate_slices(args.file)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(peer, f, indent=1)
    if args.compare and not compare(peer, args.compare):
        sys.exit(1)


if __name__ == "__main__":
    main()
