"""Peer for the end-to-end audit benchmark: Fairlearn's MetricFrame on the same CSV, the same slices.

Reads the CSV with pandas, then builds one MetricFrame per attribute subset (each attribute alone and
every intersection, as `fairhunt audit --intersections 3`), with nine metrics: count, accuracy,
error_rate, tpr, fpr, fnr, selection_rate, precision and AUC (scikit-learn's roc_auc_score, exact
Mann-Whitney with ties 1/2). With --n-boot B, MetricFrame's own bootstrap (n_boot, ci_quantiles).
With --compare audit.json, every point value is checked against Fairhunt's (|difference| <= 1e-12)
and the script exits 1 on any difference.

Run with Debian's python3-pandas/python3-sklearn and a Fairlearn 0.12 checkout on PYTHONPATH:
  PYTHONPATH=/tmp/fairlearn-0.12 /usr/bin/python3 bench/peers/fairlearn_audit.py data.csv [--n-boot B]
It is a benchmark peer only: never part of the product or of `mvn verify`.
"""
import argparse
import itertools
import json
import sys

import pandas as pd
from sklearn.metrics import accuracy_score, precision_score, roc_auc_score

from fairlearn.metrics import (MetricFrame, count, false_negative_rate, false_positive_rate,
                               selection_rate, true_positive_rate)


def error_rate(y_true, y_pred):
    return 1.0 - accuracy_score(y_true, y_pred)


def precision(y_true, y_pred):
    return precision_score(y_true, y_pred, zero_division=0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--groups", default="a,b,c")
    ap.add_argument("--n-boot", type=int, default=None)
    ap.add_argument("--compare", default=None, help="Fairhunt audit.json to compare point values with")
    args = ap.parse_args()
    df = pd.read_csv(args.csv)
    groups = args.groups.split(",")
    metrics = {"count": count, "accuracy": accuracy_score, "error_rate": error_rate, "tpr": true_positive_rate,
               "fpr": false_positive_rate, "fnr": false_negative_rate, "selection_rate": selection_rate,
               "precision": precision}
    boot = {} if args.n_boot is None else {"n_boot": args.n_boot, "ci_quantiles": [0.025, 0.975], "random_state": 1}
    values = {}
    for depth in range(1, len(groups) + 1):
        for subset in itertools.combinations(groups, depth):
            features = df[list(subset)]
            mf = MetricFrame(metrics=metrics, y_true=df["y"], y_pred=df["pred"], sensitive_features=features, **boot)
            auc = MetricFrame(metrics=roc_auc_score, y_true=df["y"], y_pred=df["score"], sensitive_features=features,
                              **boot)
            by = mf.by_group
            for key, row in by.iterrows():
                key = key if isinstance(key, tuple) else (key,)
                k = tuple(sorted(zip(subset, key)))
                values[k] = dict(row)
                values[k]["auc"] = float(auc.by_group.loc[key if len(key) > 1 else key[0]])
    print(f"fairlearn: {len(values)} slices x {len(metrics) + 1} metrics", file=sys.stderr)
    if args.compare:
        with open(args.compare) as f:
            audit = json.load(f)
        checked = 0
        bad = 0
        for sl in audit["slices"]:
            k = tuple(sorted(sl["attributes"].items()))
            if k not in values:
                continue
            for name, v in values[k].items():
                ours = sl["metrics"][name]["value"]
                checked += 1
                if ours is None or abs(float(ours) - float(v)) > 1e-12:
                    bad += 1
                    print(f"differs: {k} {name}: fairhunt {ours}, fairlearn {v}", file=sys.stderr)
        print(f"compared {checked} values, {bad} differ", file=sys.stderr)
        sys.exit(1 if bad or checked == 0 else 0)


if __name__ == "__main__":
    main()
