"""Real reports annotated by hand (tests/corpus_gold, documents in ../shared/corpus).

Eight whole reports as published (全国 2003, 2006, 2009, 2011; 福建, 辽宁, 天津, 湖南 2026), 1,248
figures, annotated by people who read only the guideline and never ran the library (their notes
are beside the gold). Four of them (全国 2003/2009, 福建, 辽宁) were used while the outline and the
indicator names were built; the other four were measured first, at first sight, then kept here.
The bars are the errors counted when they were set; a fix lowers a count, a trade of one error for
another changes it here, deliberately.
"""
from __future__ import annotations

from collections import Counter
from glob import glob
from pathlib import Path

import pytest

from govreport.evaluate import ATTRIBUTES, attribute_ok, load_gold, score
from govreport.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = sorted(glob(str(ROOT / "tests" / "corpus_gold" / "*.jsonl")))
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")

GOLD_FIGURES = 1248
ALLOWED_MISSED, ALLOWED_SPURIOUS = 19, 25
# indicator 84 -> 85: 19微克 is found now (福建), and its name is written PM_2.5 in the published
# text, where the gold writes PM2.5 (a name is taken as written: named in the closing note)
ALLOWED_WRONG = {"indicator": 85, "measure": 21, "direction": 21, "bound": 9, "kind": 3, "year": 9, "region": 2}
DOCUMENT_F1_FLOOR = 0.95  # lowest measured: 0.969


@pytest.fixture(scope="module")
def result():
    gold, where = [], {}
    for path in GOLD:
        for folder in ("national", "provincial_2026"):
            try:
                part = load_gold([path], CORPUS / folder)
            except Exception:  # its document is in the other folder
                continue
            gold += part
            where.update({g["doc"]: CORPUS / folder for g in part})
            break
    preds = [r for name, folder in sorted(where.items()) for r in extract_file(folder / name)]
    return score(preds, gold)


def test_every_annotated_report_is_scored(result):
    assert result.gold == GOLD_FIGURES
    assert len(result.documents) == 8


def test_mentions(result):
    assert len(result.missed) <= ALLOWED_MISSED, result.report(misses=30)
    assert len(result.spurious) <= ALLOWED_SPURIOUS, result.report(misses=30)


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_attributes(result, attribute):
    wrong = [(g["number"], g["context"], p.get(attribute), g.get(attribute))
             for p, g in result.pairs if not attribute_ok(attribute, p, g)]
    assert len(wrong) <= ALLOWED_WRONG[attribute], wrong[:20]


def test_no_report_falls_apart(result):
    for d in result.documents:
        assert d.f1 >= DOCUMENT_F1_FLOOR, (d.doc, d.f1)


def test_kinds_and_years_of_the_figures(result):
    """The errors of kind and year are few and none is a whole section read wrong."""
    years = Counter((g["doc"], g["year"], p.get("year")) for p, g in result.pairs if not attribute_ok("year", p, g))
    assert all(n <= 3 for n in years.values()), years
