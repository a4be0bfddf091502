"""Accuracy of govreport.context (kind, year, region) on the gold numbers.

    .venv/bin/python dev/context_accuracy.py            # per attribute, per document, misses
    .venv/bin/python dev/context_accuracy.py --frames   # also the units and frames found

The gold gives each number's offsets, so this measures the context rules alone,
independent of number finding.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govreport.context import analyze  # noqa: E402
from govreport.document import load  # noqa: E402
from govreport.evaluate import attribute_ok, load_gold  # noqa: E402

ATTRS = ("kind", "year", "region")


def measure(gold_paths=None, docs_dir=None):
    """Per-record predictions: list of (gold record, Context)."""
    gold_paths = gold_paths or sorted(glob(str(ROOT / "tests/gold/*.jsonl")))
    docs_dir = docs_dir or ROOT / "seeds"
    gold = load_gold(gold_paths, docs_dir)
    contexts, out = {}, []
    for g in sorted(gold, key=lambda r: (r["doc"], r["start"])):
        if g["doc"] not in contexts:
            contexts[g["doc"]] = analyze(load(Path(docs_dir) / g["doc"]).text, name=g["doc"])
        out.append((g, contexts[g["doc"]].at(g["start"], g["end"])))
    return out, contexts


def accuracy(pairs) -> dict[str, float]:
    n = len(pairs)
    return {a: sum(attribute_ok(a, p._asdict(), g) for g, p in pairs) / n if n else 0.0 for a in ATTRS}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", action="store_true", help="print the units and frames of each document")
    ap.add_argument("--misses", type=int, default=200, help="how many misses to list")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    pairs, contexts = measure()
    elapsed = time.perf_counter() - t
    if args.frames:
        for name, ctx in contexts.items():
            print(f"== {name}: region={ctx.region} report_year={ctx.report_year}")
            print(ctx.describe())
        print()

    by_doc = defaultdict(list)
    for g, p in pairs:
        by_doc[g["doc"]].append((g, p))
    print(f"{'document':32} {'n':>4}  " + "  ".join(f"{a:>6}" for a in ATTRS))
    for doc, ps in sorted(by_doc.items()):
        acc = accuracy(ps)
        print(f"{doc:32} {len(ps):4d}  " + "  ".join(f"{acc[a]:6.3f}" for a in ATTRS))
    acc = accuracy(pairs)
    print(f"{'all':32} {len(pairs):4d}  " + "  ".join(f"{acc[a]:6.3f}" for a in ATTRS))
    print(f"({elapsed:.2f}s for analysis and {len(pairs)} lookups)")

    misses = [(g, p, [a for a in ATTRS if not attribute_ok(a, p._asdict(), g)]) for g, p in pairs]
    misses = [m for m in misses if m[2]]
    if misses:
        print(f"\nmisses ({len(misses)}):")
        for g, p, bad in misses[:args.misses]:
            diff = "; ".join(f"{a} {getattr(p, a)!r} != {g[a]!r}" for a in bad)
            print(f"  {g['doc'][:3]}:{g['start']:<6} {g['number']!r:14} {g['context']!r:40} {diff}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
