"""The whole pipeline on the seeds against the project's copy of the gold (issue 2's bar)."""
from pathlib import Path

import pytest

from govreport import extract_file
from govreport.evaluate import load_gold, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))


@pytest.fixture(scope="module")
def result():
    gold = load_gold(GOLD, ROOT / "seeds")
    records = [r for name in sorted({g["doc"] for g in gold}) for r in extract_file(ROOT / "seeds" / name)]
    return score(records, gold)


def test_mention_f1(result):
    assert result.f1 >= 0.95, result.report(misses=20)


def test_strict_f1(result):
    assert result.strict_f1 >= 0.80, result.report(misses=20)


def test_every_document_mention_f1(result):
    low = {d.doc: round(d.f1, 3) for d in result.documents if d.f1 < 0.90}
    assert not low, low


def test_gold_covers_all_seeds(result):
    assert {d.doc for d in result.documents} == {p.name for p in (ROOT / "seeds").glob("*.txt")}
