"""Held-out documents (tests/heldout): report styles the rules were not written on.

The gold was annotated by hand before govreport was run on the documents (see
tests/heldout/gold/NOTES.md); dev/heldout_results.md has the measurements.
The bars are the errors counted when they were set (mention F1 0.996, strict F1 0.978 on
1,407 gold figures in 18 documents, round 5 newest), so a change that loses what generalized
fails here while the seed score may still look fine. A fix lowers a count; a trade of one
error for another changes it here, deliberately.
"""
from __future__ import annotations

from glob import glob
from pathlib import Path

import pytest

from govreport.evaluate import ATTRIBUTES, attribute_ok, load_gold, score
from govreport.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "heldout" / "docs"
GOLD = sorted(glob(str(ROOT / "tests" / "heldout" / "gold" / "*.jsonl")))

GOLD_FIGURES = 1407
ALLOWED_MISSED, ALLOWED_SPURIOUS = 4, 7
ALLOWED_WRONG = {"indicator": 18, "measure": 2, "direction": 2, "bound": 0, "kind": 2, "year": 2, "region": 2}
DOCUMENT_F1_FLOOR = 0.95  # lowest measured: 0.961 (a township summary and a news page)


@pytest.fixture(scope="module")
def result():
    gold = load_gold(GOLD, DOCS)
    preds = [r for name in sorted({g["doc"] for g in gold}) for r in extract_file(DOCS / name)]
    return score(preds, gold)


def test_every_document_has_gold():
    docs = {p.name for p in DOCS.iterdir()}
    annotated = {g["doc"] for g in load_gold(GOLD, DOCS)}
    assert docs == annotated
    assert len(docs) == 18 and any(d.endswith(".html") for d in docs)


def test_mentions(result):
    assert result.gold == GOLD_FIGURES
    assert len(result.missed) <= ALLOWED_MISSED, result.report(misses=20)
    assert len(result.spurious) <= ALLOWED_SPURIOUS, result.report(misses=20)


def test_attributes(result):
    wrong = {a: sum(not attribute_ok(a, p, g) for p, g in result.pairs) for a in ATTRIBUTES}
    over = {a: n for a, n in wrong.items() if n > ALLOWED_WRONG[a]}
    assert not over, (over, [(g["doc"], g["context"], g[a], p[a]) for p, g, bad in result.wrong_attributes()
                             for a in bad if a in over][:20])


def test_no_document_falls_apart(result):
    # one style breaking (a page whose articles merge, a report whose years shift) shows here
    # even when the pooled counts stay within their bars
    low = {d.doc: round(d.f1, 3) for d in result.documents if d.f1 < DOCUMENT_F1_FLOOR}
    assert not low, low
