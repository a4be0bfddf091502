"""Metamorphic tests: a report gives the same records however it was published.

Each real report of ../shared/corpus (national/*.txt, provincial_2026/*.txt) and each seed is
  (a) hard-wrapped at 30–40 characters a line (the width drawn per report), as PDF-to-text gives it,
  (b) the same with a page number every 40 lines (— N —, -N-, 第 N 页, - N -, N in turn),
  (c) typeset as an A4 PDF (reportlab, the CID font STSong-Light: 28 characters a line, justified,
      the title as a running head, a page number below; paragraphs set off by an indent, by space
      above, or by neither, in turn) and read back with load(),
  (e) that PDF's raw text (every line, page numbers and running heads) saved as .txt and loaded,
  (d) saved as .docx (python-docx) and read back,
and must give the same multiset of records (value, unit, indicator, kind, year, region) for
at least 99% of the original's records in (a), (b), (d), and 97% in (c) and (e).

Every document is tested in every case (no sampling): the whole module takes about 20 seconds
on a 2-core machine. Files are written to tmp_path; nothing binary is kept in git.
"""
from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

import govreport
from govreport import formats
from govreport.document import load
from formats_fixtures import PAGE_FOOTERS, hard_wrap, render_docx, render_pdf, with_page_footers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = sorted(CORPUS.glob("national/*.txt")) + sorted(CORPUS.glob("provincial_2026/*.txt")) + sorted(
    (ROOT / "seeds").glob("*.txt"))

CASES = {"a": 0.99, "b": 0.99, "c": 0.97, "d": 0.99, "e": 0.97}
PARAGRAPH_STYLES = ("indent", "space", "flat")


def key(r) -> tuple:
    return (r.value, r.value_high, r.unit, r.indicator, r.kind, r.year, r.region)


@lru_cache(maxsize=None)
def original(path: Path) -> tuple[str, Counter]:
    doc = load(path)  # the file's name is read too (a year in it): every variant has the same stem
    text = doc.text
    return text, Counter(map(key, govreport.extract(doc)))


def variant(case: str, path: Path, text: str, tmp: Path) -> Path:
    draw = random.Random(path.name)  # the same choices every run
    width = draw.randint(30, 40)
    footer = PAGE_FOOTERS[DOCS.index(path) % len(PAGE_FOOTERS)]
    out = tmp / f"{path.stem}.{case}"
    if case == "a":
        out = out.with_suffix(".txt")
        out.write_text(hard_wrap(text, width), encoding="utf-8")
    elif case == "b":
        out = out.with_suffix(".txt")
        out.write_text(with_page_footers(hard_wrap(text, width), 40, footer), encoding="utf-8")
    elif case in ("c", "e"):
        pdf = render_pdf(text, tmp / f"{path.stem}.pdf", title=f"{path.stem}政府工作报告", footer=footer,
                         paragraphs=PARAGRAPH_STYLES[DOCS.index(path) % len(PARAGRAPH_STYLES)])
        if case == "c":
            return pdf
        out = out.with_suffix(".txt")
        out.write_text(formats.pdf_raw_text(pdf.read_bytes()), encoding="utf-8")
    else:
        out = render_docx(text, out.with_suffix(".docx"))
    return out


@pytest.mark.skipif(not DOCS, reason="no corpus beside the repository")
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_published_forms_give_the_same_records(path, case, tmp_path):
    text, want = original(path)
    got = Counter(map(key, govreport.extract(load(variant(case, path, text, tmp_path)))))
    kept = sum((want & got).values()) / max(1, sum(want.values()))
    lost = list((want - got).elements())[:5]
    assert kept >= CASES[case], f"{kept:.1%} of {sum(want.values())} records kept; lost e.g. {lost}"


def test_the_corpus_is_there():
    # the metamorphic cases above must not pass by finding no documents
    assert len(DOCS) >= 30
