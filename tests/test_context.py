"""Kind, year and region of figures (govreport.context) against the gold, and properties (the
example table tests/examples/context.tsv is tested through tests/test_examples.py)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from govreport.context import analyze, load_cues
from govreport.errors import GovReportError

import workcount

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"target", "actual", "estimate"}


def test_gold_accuracy():
    """Kind, year and region of the 754 gold figures: all right when measured, so no miss is allowed."""
    sys.path.insert(0, str(ROOT / "dev"))
    from context_accuracy import ATTRS, measure

    from govreport.evaluate import attribute_ok

    pairs, _ = measure()
    assert len(pairs) == 754
    misses = [(g["doc"], g["context"], a, getattr(p, a), g[a]) for g, p in pairs for a in ATTRS
              if not attribute_ok(a, p._asdict(), g)]
    assert misses == []


def test_document_level_attributes():
    text = "2022年咸宁市政府工作报告\n一、过去五年工作回顾\n全市地区生产总值增长8%。"
    doc = analyze(text)
    assert (doc.region, doc.report_year) == ("咸宁市", 2022)
    given_ = analyze(text, region="赤壁市", year=2030)
    assert (given_.region, given_.report_year) == ("赤壁市", 2030)
    assert given_.at(text.index("8%"), text.index("8%") + 2)[:4] == ("actual", 2029, "赤壁市", 5)


def test_a_lookup_costs_the_same_on_a_page_eight_times_as_long():
    # a lookup bisects structure built once per document: its work (counted, not timed) does not
    # grow with the page; the first round may build what it needs lazily, so the second is counted
    text = (ROOT / "seeds" / "004_b9e74769c006be2c.txt").read_text(encoding="utf-8-sig")
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+(?:\.\d+)?%?", text)]
    work = []
    for copies in (1, 8):
        doc = analyze(text * copies)
        lookups = lambda: [doc.at(s, e) for s, e in spans]  # noqa: E731
        lookups()
        work.append(workcount.measure(lookups))
    assert len(spans) > 200 and work[0].lines > 0
    assert work[1].total <= 1.1 * work[0].total, work


def test_cues_are_data_a_user_can_extend(tmp_path):
    import json
    from importlib import resources

    raw = json.loads(resources.files("govreport").joinpath("data", "context_cues.json").read_text(encoding="utf-8"))
    text = "-\n襄阳市新闻\n2023年，襄阳市誓言新增企业100家。"
    s = text.index("100家")
    assert analyze(text).at(s, s + 4).kind == "actual"
    raw["target_regex"].append("誓言")
    assert analyze(text, cues=raw).at(s, s + 4).kind == "target"
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert analyze(text, cues=path).at(s, s + 4).kind == "target"


def test_bad_cue_data_is_a_one_line_error(tmp_path):
    with pytest.raises(GovReportError, match="missing key"):
        load_cues({"estimate_regex": "预计"})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GovReportError, match="bad JSON"):
        load_cues(bad)


REPORT = "各位代表：\n一、过去一年工作回顾\n地区生产总值增长6%。\n二、今年工作安排\n地区生产总值增长6.5%左右。"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1990, max_value=2060))
def test_plain_report_reviews_the_year_before_and_plans_its_own(year):
    doc = analyze(REPORT, region="某市", year=year)
    a, t = REPORT.index("6%"), REPORT.index("6.5%")
    assert doc.at(a, a + 2)[:4] == ("actual", year - 1, "某市", 1)
    assert doc.at(t, t + 4)[:4] == ("target", year, "某市", 1)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("2024年0123456789一二三、（）过去今后五年工作回顾安排怎么看干预计力争目标是：，。；\n ●全市省区武汉咸宁比较由从的")),
               max_size=120),
       st.data())
def test_any_span_of_any_text_gets_a_context(text, data):
    doc = analyze(text)
    if not text:
        return
    s = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    e = data.draw(st.integers(min_value=s + 1, max_value=len(text)))
    ctx = doc.at(s, e)
    assert ctx.kind in KINDS
    assert ctx.year is None or 1900 <= ctx.year <= 2100
    assert ctx == doc.at(s, e)


def test_five_year_sections_mark_their_figures():
    text = ("各位代表：\n一、过去五年工作回顾\n五年来，地区生产总值年均增长7.5%，城镇新增就业24.8万人。\n"
            "二、今后五年目标任务\n地区生产总值年均增长7%左右。\n三、今年工作安排\n2022年地区生产总值增长8%。")
    doc = analyze(text, region="某市", year=2022)
    at = lambda s: doc.at(text.index(s), text.index(s) + len(s))  # noqa: E731
    assert at("7.5%")[:4] == ("actual", 2021, "某市", 5)
    assert at("24.8万人")[:4] == ("actual", 2021, "某市", 5)
    assert at("7%")[:4] == ("target", 2026, "某市", 5)
    assert at("8%")[:4] == ("target", 2022, "某市", 1)
