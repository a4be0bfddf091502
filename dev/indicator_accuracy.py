"""Indicator-name accuracy of govreport.indicators.indicator_for on the gold.

    .venv/bin/python dev/indicator_accuracy.py            # per document + misses
    .venv/bin/python dev/indicator_accuracy.py --all      # every record, hits too
    .venv/bin/python dev/indicator_accuracy.py --quiet    # summary only

A hit is the referee's comparison (``attribute_ok("indicator", ...)``): names
agree once spaces, quotes, brackets and punctuation are removed and one
contains the other.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.document import load  # noqa: E402
from govreport.evaluate import attribute_ok, load_gold  # noqa: E402
from govreport.indicators import indicator_for  # noqa: E402


def measure(gold=None):
    """(hits, total, rows) where rows are (record, mine, ok); shared with the tests."""
    if gold is None:
        gold = load_gold(sorted(glob(str(ROOT / "tests/gold/*.jsonl"))), ROOT / "seeds")
    texts = {}
    rows = []
    for g in gold:
        if g["doc"] not in texts:
            texts[g["doc"]] = load(ROOT / "seeds" / g["doc"]).text
        mine = indicator_for(texts[g["doc"]], g["start"], g["end"])
        rows.append((g, mine, attribute_ok("indicator", {"indicator": mine}, g)))
    return sum(ok for _, _, ok in rows), len(rows), rows, texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="list hits as well as misses")
    ap.add_argument("--quiet", action="store_true", help="summary only")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    hits, total, rows, texts = measure()
    elapsed = time.perf_counter() - t0
    by_file = defaultdict(lambda: [0, 0])
    for g, _, ok in rows:
        by_file[g["doc"]][0] += ok
        by_file[g["doc"]][1] += 1
    if not args.quiet:
        for g, mine, ok in rows:
            if ok and not args.all:
                continue
            t = texts[g["doc"]]
            s, e = g["start"], g["end"]
            ctx = (t[max(0, s - 30):s] + "[" + t[s:e] + "]" + t[e:e + 12]).replace("\n", "⏎")
            mark = "ok  " if ok else "MISS"
            print(f"{mark} {g['doc'][:3]}:{s:<6} mine={mine!r:<28} gold={g['indicator']!r}\n      {ctx}")
        print()
    for doc, (h, n) in sorted(by_file.items()):
        print(f"{doc:32} {h:4d}/{n:<4d} {h / n:.3f}")
    print(f"{'overall':32} {hits:4d}/{total:<4d} {hits / total:.3f}   ({elapsed:.2f}s, "
          f"{1000 * elapsed / max(total, 1):.2f} ms per number incl. loading)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
