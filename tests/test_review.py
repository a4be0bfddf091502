"""The HTML review page, the Jupyter reprs and write_review, checked by parsing their HTML."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.document import load, load_text
from govreport.errors import GovReportError
from govreport.evaluate import canonical_quantity, load_gold, score
from govreport.html_review import ReviewView, records_table_html, render_page, review, write_review
from govreport.models import Document, Record
from govreport.records import Records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "002_c53812b20cb9ab4e.txt"
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))


def gold_records(gold: list[dict]) -> list[Record]:
    """Gold annotations as records: extraction output whose right answers are known."""
    out = []
    for g in gold:
        base, base_unit = canonical_quantity(g["value"], g["unit"])
        high = canonical_quantity(g["value_high"], g["unit"])[0] if g.get("value_high") is not None else None
        out.append(Record(doc=g["doc"], start=g["start"], end=g["end"], number=g["number"],
                          indicator=g["indicator"], value=g["value"], value_high=g.get("value_high"),
                          unit=g["unit"], value_base=base, value_high_base=high, base_unit=base_unit,
                          measure=g["measure"], direction=g["direction"], bound=g["bound"], kind=g["kind"],
                          year=g["year"], region=g["region"], sentence=g["context"], rule="gold"))
    return out


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD_FILES, SEEDS)


@pytest.fixture(scope="module")
def seed(gold):
    doc = load(SEED)
    return doc, gold_records([g for g in gold if g["doc"] == doc.name])


def soup(html: str) -> BeautifulSoup:
    # bs4 folds whitespace-only strings to one space or newline unless told a tag preserves them; the
    # document box does (white-space: pre-wrap), and its text must come back exactly
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags={"div", "pre", "textarea"})


def rec(doc: Document, start: int, end: int, **kw) -> Record:
    fields = dict(doc=doc.name, start=start, end=end, number=doc.text[start:end], indicator="指标",
                  value=1.0, unit="%")
    fields.update(kw)
    return Record(**fields)



# ---------------------------------------------------------------- the page

def test_one_mark_per_record_at_its_text(seed):
    doc, records = seed
    page = soup(render_page(doc, records))
    text_box = page.find(id="doc-text")
    assert text_box.get_text() == doc.text                      # nothing added, dropped or re-escaped
    marks = text_box.find_all("mark", class_="rec")
    assert len(marks) == len(records) == 222
    for i, r in enumerate(records):
        found = page.find_all(id=f"r-{i}")
        assert len(found) == 1 and found[0].name == "mark"
        m = found[0]
        assert m.get_text() == doc.text[r.start:r.end] == r.number
        assert m["tabindex"] == "0"
        assert f"k-{r.kind}" in m["class"]
        assert (m["data-indicator"], m["data-unit"], m["data-kind"], m["data-bound"], m["data-measure"],
                m["data-direction"], m["data-year"], m["data-region"], m["data-rule"]) == (
            r.indicator, r.unit, r.kind, r.bound, r.measure, r.direction or "", str(r.year), r.region, "gold")
        assert float(m["data-value"]) == r.value
        assert float(m["data-value-base"].replace(",", "")) == pytest.approx(r.value_base)
        assert m["data-base-unit"] == r.base_unit


def test_data_attributes_of_one_record():
    doc = load_text("2024年，全市地区生产总值预计达1167.9亿元左右。", name="t.txt")
    s = doc.text.index("1167.9亿元")
    r = rec(doc, s, s + 8, indicator="地区生产总值", value=1167.9, unit="亿元", value_base=1.1679e11,
            base_unit="元", bound="approx", kind="estimate", year=2024, region="咸宁市", rule="number+unit")
    m = soup(render_page(doc, [r])).find("mark", id="r-0")
    assert {k: v for k, v in m.attrs.items() if k.startswith("data-")} == {
        "data-idx": "0", "data-number": "1167.9亿元", "data-indicator": "地区生产总值", "data-value": "1167.9",
        "data-value-high": "", "data-unit": "亿元", "data-value-base": "116,790,000,000",
        "data-value-high-base": "", "data-base-unit": "元", "data-bound": "approx", "data-measure": "level",
        "data-direction": "", "data-kind": "estimate", "data-year": "2024", "data-region": "咸宁市",
        "data-rule": "number+unit", "data-kind-rule": "", "data-year-rule": "", "data-region-rule": "",
        "data-start": str(s), "data-end": str(s + 8)}
    assert m["class"] == ["rec", "k-estimate"]


def test_table_has_a_row_per_record_in_document_order(seed):
    doc, records = seed
    page = soup(render_page(doc, records))
    rows = page.select("#records tbody tr.row")
    assert [r["data-ref"] for r in rows] == [f"r-{i}" for i in sorted(range(len(records)),
                                                                     key=lambda i: records[i].start)]
    first = rows[0]
    assert first.find("td", class_="ind").get_text() == records[0].indicator
    assert first.find("td", class_="val").get_text() == "5 个"
    cells = [c.get_text() for c in rows[0].find_all("td")]
    assert cells == ["1", "百亿级项目", "5 个", "actual", "2023", "咸宁市", "gold"]
    # the value of a change carries its direction, a bound its sign
    down = next(i for i, r in enumerate(records) if r.direction == "down")
    assert page.select_one(f'tr[data-ref="r-{down}"] td.val').get_text().startswith("↓")
    at_least = next(i for i, r in enumerate(records) if r.bound == "min")
    assert "≥" in page.select_one(f'tr[data-ref="r-{at_least}"] td.val').get_text()


def test_header_counts_and_legend(seed):
    doc, records = seed
    page = soup(render_page(doc, records, title="咸宁市 2024 政府工作报告"))
    assert page.title.get_text() == "咸宁市 2024 政府工作报告 · review"
    assert page.h1.get_text() == "咸宁市 2024 政府工作报告"
    assert doc.name in page.select_one(".meta").get_text()
    assert page.select_one(".n-records").get_text() == "222"
    legend = {m.get_text(): m.parent.get_text().split()[-1] for m in page.select(".summary mark.swatch")}
    assert legend == {"target": "65", "actual": "150", "estimate": "7"}
    years = [o["value"] for o in page.select("#f-year option")]
    assert years == ["", "2023", "2024"]
    assert [o["value"] for o in page.select("#f-kind option")] == ["", "target", "actual", "estimate"]


def test_document_text_is_escaped():
    text = '<script>alert("x")</script>\n2024年 GDP 增长6%；<b>粗</b> & &amp; "引号" \'单\' <!-- c -->'
    doc = load_text(text, name="evil.txt")
    s = text.index("6%")
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    html = render_page(doc, [rec(doc, s, s + 2, indicator=hostile, rule="</script>")], title="<i>t</i>")
    page = soup(html)
    assert page.find(id="doc-text").get_text() == text
    assert page.find("img") is None and page.find("i") is None
    assert page.find(id="doc-text").find(["b", "script"]) is None
    assert page.find(id="doc-text").find(string=lambda t: "<!-- c -->" in t) is not None
    assert len(page.find_all("script")) == 1 and "alert" not in page.find("script").get_text()
    assert page.find("mark", id="r-0")["data-indicator"] == hostile
    assert page.find("mark", id="r-0").get_text() == "6%"
    assert page.select_one("tr.row td.ind").get_text() == hostile
    assert page.h1.get_text() == "<i>t</i>"
    assert html.count("<script>") == 1 and html.count("</script>") == 1


def test_page_is_self_contained(seed):
    doc, records = seed
    html = render_page(doc, records)
    page = soup(html)
    assert page.find("link") is None and page.find("img") is None and page.find("iframe") is None
    assert all(not s.get("src") for s in page.find_all("script"))
    inline = " ".join(t.get_text() for t in page.find_all(["style", "script"]))
    assert not re.search(r"https?:|//[a-z]|@import|url\(|fetch\(|XMLHttpRequest", inline)
    assert "@media print" in inline


def test_overlapping_records_keep_the_markup_sound():
    text = "地区生产总值达1167.9亿元，增长6%。"
    doc = load_text(text, name="o.txt")
    a = text.index("1167.9亿元")
    outer = rec(doc, a, a + 8)                 # 1167.9亿元
    inner = rec(doc, a, a + 6)                 # 1167.9, inside the first: nested
    crossing = rec(doc, a + 7, a + 11)         # 元，增长, crosses the first: not highlighted
    outside = rec(doc, 5, 500, number="x")     # beyond the text
    empty = rec(doc, 3, 3, number="")
    g = text.index("6%")
    last = rec(doc, g, g + 2)
    page = soup(render_page(doc, [outer, inner, crossing, outside, empty, last]))
    box = page.find(id="doc-text")
    assert box.get_text() == text
    assert page.find(id="r-0").get_text() == "1167.9亿元"
    assert page.find(id="r-1").get_text() == "1167.9" and page.find(id="r-1").parent["id"] == "r-0"
    assert page.find(id="r-5").get_text() == "6%"
    for i in (2, 3, 4):
        assert page.find(id=f"r-{i}") is None
    rows = {r.select_one("td.num").get_text(): r for r in page.select("tr.row")}
    assert len(rows) == 6
    assert rows["3"]["data-ref"] == "" and "unplaced" in rows["3"]["class"]
    assert rows["3"].select_one(".note").get_text() == "not highlighted: overlaps #1"
    assert rows["4"].select_one(".note").get_text() == "not highlighted: outside the text"
    assert rows["6"]["data-ref"] == "r-5"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="年增长<>&\"'；\n6%亿元 ", min_size=1, max_size=40).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t))),
                                             max_size=8))))
def test_any_spans_give_sound_markup(case):
    text, pairs = case
    doc = load_text(text, name="h.txt")
    records = [rec(doc, min(p), max(p)) for p in pairs]
    page = soup(render_page(doc, records))
    assert page.find(id="doc-text").get_text() == text
    rows = page.select("tr.row")
    assert len(rows) == len(records)
    for i, r in enumerate(records):
        marks = page.find_all(id=f"r-{i}")
        if marks:
            assert len(marks) == 1 and marks[0].get_text() == text[r.start:r.end]
        else:
            assert r.start == r.end or any(
                o.start < r.end and r.start < o.end and not (o.start <= r.start and r.end <= o.end)
                and not (r.start <= o.start and o.end <= r.end) for o in records)
    placed = {r["data-ref"] for r in rows if r["data-ref"]}
    assert placed == {m["id"] for m in page.find_all("mark", class_="rec")}


def test_no_records_still_gives_a_page():
    doc = load_text("没有数字的报告。", name="empty.txt")
    page = soup(render_page(doc, []))
    assert page.find(id="doc-text").get_text() == "没有数字的报告。"
    assert page.select_one("tr.empty").get_text() == "No records."
    assert page.select_one(".n-records").get_text() == "0"


# ---------------------------------------------------------------- gold

def test_gold_marks_misses_spurious_and_differences(seed, gold):
    doc, records = seed
    kept = [r for i, r in enumerate(records) if i % 10 != 5]          # 22 misses
    kept[0] = kept[0].model_copy(update={"kind": "target", "year": 2024})
    year = doc.text.index("2023年")
    kept.append(rec(doc, year, year + 4, value=2023, unit="", indicator="年份", rule="test"))
    page = soup(render_page(doc, kept, gold))
    box = page.find(id="doc-text")
    assert box.get_text() == doc.text

    dropped = [r for i, r in enumerate(records) if i % 10 == 5]
    missed = box.find_all("mark", class_="missed")
    assert [m.get_text() for m in missed] == [r.number for r in dropped]
    assert [m["id"] for m in missed] == [f"g-{j}" for j in range(len(dropped))]
    assert all(m["data-gold"] == "missed" and m["tabindex"] == "0" for m in missed)
    assert missed[0]["data-indicator"] == dropped[0].indicator

    spurious = box.select("mark.rec.spurious")
    assert [m.get_text() for m in spurious] == ["2023"] and spurious[0]["data-gold"] == "spurious"
    differs = box.select("mark.rec.differs")
    assert [m["id"] for m in differs] == ["r-0"]
    assert differs[0]["data-gold-note"] == "gold: kind = actual; year = 2023"
    assert len(box.select("mark.rec.matched")) == len(kept) - 2

    assert page.select_one(".n-missed").get_text() == str(len(dropped))
    assert page.select_one(".n-spurious").get_text() == "1"
    assert page.select_one(".n-matched").get_text() == str(len(kept) - 1)
    summary = page.select_one(".gold-summary").get_text()
    expected = score(kept, [g for g in gold if g["doc"] == doc.name])
    assert f"F1 {expected.f1:.3f}" in summary and "Gold: 222 numbers" in summary
    statuses = [r["data-status"] for r in page.select("tr.row")]
    assert statuses.count("missed") == len(dropped) and statuses.count("spurious") == 1
    assert [o["value"] for o in page.select("#f-status option")] == ["", "matched", "differs", "spurious", "missed"]
    # a missed row points at its mark
    assert page.select_one('tr.row.missed')["data-ref"] == "g-0"


def test_gold_with_context_only_is_located():
    text = "2023年，地区生产总值增长6%，新建5G基站500个。"
    doc = load_text(text, name="c.txt")
    s = text.index("6%")
    gold = [{"doc": "c.txt", "number": "6%", "context": "总值增长6%", "indicator": "地区生产总值", "value": 6,
             "unit": "%", "kind": "actual"},
            {"doc": "c.txt", "number": "500个", "context": "基站500个", "indicator": "5G基站", "value": 500,
             "unit": "个", "kind": "actual"},
            {"doc": "other.txt", "number": "1%", "context": "whatever", "value": 1, "unit": "%"}]
    page = soup(render_page(doc, [rec(doc, s, s + 2, value=6)], gold))
    assert [m.get_text() for m in page.select("#doc-text mark.missed")] == ["500个"]
    assert page.select("#doc-text mark.spurious") == []


def test_gold_about_other_documents_marks_nothing(seed):
    doc, records = seed
    gold = [{"doc": "else.txt", "start": 0, "end": 2, "number": "5个", "value": 5, "unit": "个"}]
    page = soup(render_page(doc, records, gold))
    assert "No gold annotations" in page.select_one(".gold-summary").get_text()
    assert page.select(".spurious, .missed") == []


# ---------------------------------------------------------------- Jupyter

def test_review_repr_is_an_isolated_iframe(seed):
    doc, records = seed
    view = review(doc, records)
    assert isinstance(view, ReviewView) and repr(view) == f"ReviewView('{doc.name}', records=222)"
    outer = soup(view._repr_html_())
    top = [t for t in outer.contents if getattr(t, "name", None)]
    assert [t.name for t in top] == ["iframe"]                        # no <style> or <script> in the notebook
    assert top[0]["sandbox"] == ["allow-scripts"]
    inner = soup(top[0]["srcdoc"])
    assert len(inner.select("#doc-text mark.rec")) == 222
    assert inner.find(id="doc-text").get_text() == doc.text
    assert top[0]["srcdoc"] == view.html


def test_review_loads_a_path_and_saves(seed, tmp_path):
    doc, records = seed
    view = review(str(SEED), records)
    assert view.document.text == doc.text
    out = view.save(tmp_path / "r.html")
    assert out.read_text(encoding="utf-8") == view.html
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_review_extracts_when_no_records_given(seed):
    doc, _ = seed
    view = review(doc)
    assert view.records and len(soup(view.html).select("#doc-text mark.rec")) == len(view.records)


def test_records_table_quotes_the_sentence(seed):
    doc, records = seed
    fragment = soup(records_table_html(records[:3], doc))
    top = [t for t in fragment.contents if getattr(t, "name", None)]
    assert [t.name for t in top] == ["div"] and top[0]["class"] == ["govreport-records"]
    heads = [th.get_text() for th in fragment.select("thead th")]
    assert heads == ["#", "indicator", "value", "unit", "bound", "kind", "year", "region", "quote"]
    rows = fragment.select("tbody tr")
    assert [td.get_text() for td in rows[0].find_all("td")] == [
        "1", "百亿级项目", "5", "个", "eq", "actual", "2023", "咸宁市", "洲湾长江大桥及接线工程等5个百亿"]
    assert rows[0].select_one("td.gr-quote mark").get_text() == "5个"
    assert fragment.select_one(".gr-caption").get_text() == f"3 records from {doc.name}"


def test_records_table_css_is_scoped():
    css = soup(records_table_html([], None)).find("style").get_text()
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    assert selectors and all(s.startswith(".govreport-records") for s in selectors)


def test_records_table_without_sentence_uses_a_window_of_the_document():
    text = "一、回顾\n全市地区生产总值达到1167.9亿元，增长6%。居民收入增长7%，城镇新增就业3.7万人。"
    doc = load_text(text, name="w.txt")
    s = text.index("6%")
    r = rec(doc, s, s + 2)
    quote = soup(records_table_html([r], doc)).select_one("td.gr-quote")
    assert quote.get_text() == "全市地区生产总值达到1167.9亿元，增长6%。"
    assert quote.mark.get_text() == "6%"
    # no document, no sentence: just the number
    assert soup(records_table_html([r])).select_one("td.gr-quote").get_text() == "6%"


def test_records_table_finds_the_right_occurrence_in_the_sentence():
    text = "增长6%，其中工业增长6%。"
    doc = load_text(text, name="s.txt")
    second = text.rindex("6%")
    r = rec(doc, second, second + 2, sentence=text[:-1])
    quote = soup(records_table_html([r], doc)).select_one("td.gr-quote")
    assert quote.mark.previous_sibling == "增长6%，其中工业增长" and quote.mark.get_text() == "6%"


def test_records_repr_html(seed):
    doc, records = seed
    html = Records(records, document=doc)._repr_html_()
    table = soup(html)
    assert len(table.select("tbody tr")) == 222
    hostile = rec(load_text("增长6%", name="x.txt"), 2, 4, indicator="<script>x</script>")
    assert soup(Records([hostile])._repr_html_()).find("script") is None


def test_records_table_over_several_documents_and_truncated(seed, gold):
    records = gold_records(gold)
    table = soup(records_table_html(records, max_rows=10))
    assert [th.get_text() for th in table.select("thead th")][:2] == ["#", "doc"]
    assert len(table.select("tbody tr")) == 10
    assert table.select(".gr-caption")[-1].get_text() == f"… {len(records) - 10} more records not shown"


# ---------------------------------------------------------------- files

@pytest.fixture(scope="module")
def gold_extract(gold):
    """Extraction replaced by gold: the index counts are then known."""
    by_doc: dict[str, list[Record]] = {}
    for r in gold_records(gold):
        by_doc.setdefault(r.doc, []).append(r)
    seen = []

    def extract(doc):
        seen.append(doc)
        return by_doc.get(doc.name, [])

    extract.seen = seen
    extract.by_doc = by_doc
    return extract


def test_write_review_one_file(tmp_path, gold_extract):
    out = tmp_path / "review.html"
    written = write_review([SEED], out, extract=gold_extract, region="咸宁市", year=2024)
    assert written == [out]
    assert gold_extract.seen[-1].region == "咸宁市" and gold_extract.seen[-1].year == 2024
    page = soup(out.read_text(encoding="utf-8"))
    assert len(page.select("#doc-text mark.rec")) == 222
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.html"]    # no temp file left


def test_write_review_folder_writes_pages_and_an_index(tmp_path, gold_extract):
    out = tmp_path / "review"
    written = write_review([SEEDS], out, extract=gold_extract)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert [p.name for p in written] == [Path(n).stem + ".html" for n in names] + ["index.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    index = soup((out / "index.html").read_text(encoding="utf-8"))
    links = {a.get_text(): a["href"] for a in index.select("tbody a")}
    assert links == {n: Path(n).stem + ".html" for n in names}
    for row in index.select("tbody tr"):
        name = row.a.get_text()
        assert int(row.select_one(".n-records").get_text()) == len(gold_extract.by_doc[name])
        page = soup((out / links[name]).read_text(encoding="utf-8"))
        assert len(page.select("#doc-text mark.rec")) == len(gold_extract.by_doc[name])
    # writing again replaces the pages in place
    assert write_review([SEEDS], out, extract=gold_extract) == written


def test_write_review_with_gold(tmp_path, gold_extract):
    def fewer(doc):
        return gold_extract(doc)[1:]                         # every document misses its first number

    written = write_review([SEEDS / "001_e46ff4a2c385bd0d.txt", SEED], tmp_path / "out",
                           gold_paths=GOLD_FILES, extract=fewer)
    assert [p.name for p in written] == ["001_e46ff4a2c385bd0d.html", "002_c53812b20cb9ab4e.html", "index.html"]
    page = soup(written[1].read_text(encoding="utf-8"))
    assert page.select_one(".n-missed").get_text() == "1"
    assert len(page.select("#doc-text mark.missed")) == 1
    index = soup(written[2].read_text(encoding="utf-8"))
    heads = [th.get_text() for th in index.select("thead th")]
    assert heads[-5:] == ["gold", "matched", "missed", "spurious", "F1"]
    cells = [td.get_text() for td in index.select("tbody tr")[1].find_all("td")]
    assert cells[-5:-1] == ["222", "221", "1", "0"]


def test_write_review_one_file_into_a_folder(tmp_path, gold_extract):
    written = write_review(SEED, tmp_path / "pages", extract=gold_extract)
    assert [p.name for p in written] == ["002_c53812b20cb9ab4e.html", "index.html"]


def test_page_names_do_not_collide(tmp_path, gold_extract):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text("增长6%。", encoding="utf-8")
    (tmp_path / "a" / "index.txt").write_text("增长7%。", encoding="utf-8")
    written = write_review([tmp_path / "a", tmp_path / "b"], tmp_path / "out", extract=gold_extract)
    assert [p.name for p in written] == ["index-2.html", "report.html", "report-2.html", "index.html"]


@pytest.mark.parametrize("make, message", [
    (lambda t: ([t / "missing.txt"], t / "o.html"), "no such file or folder"),
    (lambda t: ([SEEDS], t / "o.html"), "need an output folder"),
    (lambda t: ([SEED, SEEDS / "001_e46ff4a2c385bd0d.txt"], t / "o.html"), "need an output folder"),
    (lambda t: ([SEEDS], (t / "afile").write_text("x") and t / "afile"), "is a file"),
    (lambda t: ([(t / "empty").mkdir() or t / "empty"], t / "out"), "folder has no report files"),
    (lambda t: ([SEED], (t / "f").write_text("x") and t / "f" / "sub" / "o.html"), "cannot create folder"),
])
def test_write_review_user_errors(tmp_path, gold_extract, make, message):
    paths, out = make(tmp_path)
    with pytest.raises(GovReportError, match=message):
        write_review(paths, out, extract=gold_extract)


def test_write_review_gold_errors(tmp_path, gold_extract):
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"doc": "nope.txt", "number": "6%", "context": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(GovReportError, match="no gold record is about the documents reviewed"):
        write_review([SEED], tmp_path / "o.html", gold_paths=[other], extract=gold_extract)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GovReportError, match="bad.jsonl:1: bad JSON"):
        write_review([SEED], tmp_path / "o.html", gold_paths=[bad], extract=gold_extract)
    assert not (tmp_path / "o.html").exists()


def test_write_review_uses_the_library_extraction_by_default(tmp_path):
    out = tmp_path / "r.html"
    write_review([SEED], out)
    page = soup(out.read_text(encoding="utf-8"))
    assert len(page.select("#doc-text mark.rec")) > 100


def test_sections_in_the_margin_and_rules_in_the_tooltip():
    """Each section's mood and period labels its first line; each highlight carries why it has its
    kind, year and region (the tooltip shows them)."""
    import govreport
    from govreport.html_review import render_page

    text = ("2026年北京市政府工作报告\n一、2025年工作回顾\n全市地区生产总值增长5.4%。一年来，城镇新增就业28万人。\n"
            "二、2026年重点工作\n地区生产总值增长5%左右。")
    doc = govreport.load_text(text, name="bj.txt")
    html = render_page(doc, govreport.extract(doc))
    # the heading's line, and the line where 一年来 opens a block of its own
    assert html.count('class="sect m-review"') == 2 and html.count('class="sect m-plan"') == 1
    assert 'data-label="review 2025"' in html and 'data-label="plan 2026"' in html
    assert 'data-year-rule="section:heading:二、2026年重点工作"' in html
    assert 'data-region-rule="article:title:2026年北京市政府工作报告"' in html
    # the labels are CSS content: the page's document text is the document's
    assert "review 2025</span>" not in html
