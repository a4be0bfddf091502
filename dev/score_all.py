"""Score the library on every annotated set at once: the seeds, the held-out documents and the
annotated reports of ../shared/corpus (tests/corpus_gold).

    .venv/bin/python dev/score_all.py                 # one line per set
    .venv/bin/python dev/score_all.py --misses 20     # and what went wrong
    .venv/bin/python dev/score_all.py --set corpus    # one set only

The matching rules are the referee's (govreport.evaluate follows ../shared/eval/score.py).
"""
from __future__ import annotations

import argparse
import sys
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govreport.evaluate import load_gold, score  # noqa: E402
from govreport.pipeline import extract_file  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS_DIRS = [SHARED / "corpus" / "national", SHARED / "corpus" / "provincial_2026"]


def sets():
    yield "seeds", sorted(glob(str(ROOT / "tests/gold/*.jsonl"))), [ROOT / "seeds"]
    yield "heldout", sorted(glob(str(ROOT / "tests/heldout/gold/*.jsonl"))), [ROOT / "tests/heldout/docs"]
    yield "corpus", sorted(glob(str(ROOT / "tests/corpus_gold/*.jsonl"))), CORPUS_DIRS


def run(gold_paths, dirs):
    gold, where = [], {}
    for path in gold_paths:
        for d in dirs:
            try:
                part = load_gold([path], d)
            except Exception:  # its documents are in another folder
                continue
            gold += part
            where.update({g["doc"]: Path(d) for g in part})
            break
    preds = [r for name, d in sorted(where.items()) for r in extract_file(d / name)]
    return score(preds, gold)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["seeds", "heldout", "corpus"], action="append")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    for name, gold_paths, dirs in sets():
        if args.set and name not in args.set or not gold_paths:
            continue
        res = run(gold_paths, dirs)
        if args.misses:
            print(f"== {name}")
            print(res.report(misses=args.misses))
        acc = " ".join(f"{a} {v:.3f}" for a, v in res.attribute_accuracy().items()) \
            if hasattr(res, "attribute_accuracy") else ""
        # period_years is not a referee attribute; the corpus gold has it (1, or the years a figure spans)
        with_period = [(p, g) for p, g in res.pairs if g.get("period_years") is not None]
        if with_period:
            ok = sum((p.get("period_years") or 1) == (5 if g["period_years"] >= 5 else 1 if g["period_years"] == 1
                                                       else (p.get("period_years") or 1)) for p, g in with_period)
            acc += f" period_years {ok / len(with_period):.3f}"
        print(f"{name:8} gold {res.gold:5d}  mention F1 {res.f1:.3f}  strict F1 {res.strict_f1:.3f}  {acc}")


if __name__ == "__main__":
    main()
