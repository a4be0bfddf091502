"""Reports as published: PDF and Word files, and text that went through a PDF (govreport.formats,
govreport.layout, load()'s format dispatch).

Every file is made in the test run (reportlab with the CID font STSong-Light that PDF readers
carry, python-docx, or a few lines of WordprocessingML), from real report sentences.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import formats, layout
from govreport.document import load, load_text
from govreport.errors import GovReportError
from formats_fixtures import (docx_from_xml, hard_wrap, render_docx, render_pdf, report_with_table_docx,
                              with_page_footers)

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "002_c53812b20cb9ab4e.txt").read_text(encoding="utf-8")

# a report's opening, as published: title, delivery line, address, a heading, paragraphs with figures
REPORT = """2026年北京市政府工作报告
——2026年1月25日在北京市第十六届人民代表大会第四次会议上
各位代表：
现在，我代表北京市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。
一、2025年工作回顾
过去一年，经济顶压前行、向新向优发展，社会大局保持稳定，较好完成了市十六届人大三次会议确定的目标任务。全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点，一般公共预算收入增长4.8%，城镇调查失业率4.1%，居民人均可支配收入实际增长4.4%，居民消费价格总体平稳。
一年来，主要做了以下工作。
一是首都功能持续优化提升。持续打好“疏整促”组合拳，疏解提质一般制造业企业104家，治理违法建设2049万平方米，核心区平房申请式退租2006户；雄安新区中关村科技园新增入驻企业132家。北京输出到津冀技术合同成交额996亿元、增长18.1%，308个便民事项实现跨省自助办。
二是科技创新加快引领新质生产力发展。210项关键核心技术获得突破，集成电路产业规模增长超20%，新能源汽车年产量近70万辆，34款创新药械获批上市，全市国家级高新技术企业数量突破3万家，数字经济增加值增长8.7%。
三、2026年重点工作
今年经济社会发展主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长4%左右，城镇调查失业率控制在5%以内，居民消费价格涨幅2%左右，居民收入增长和经济增长同步，细颗粒物年均浓度控制在29微克/立方米左右、争取更优水平。
（一）深入落实城市总体规划，推动京津冀协同发展走深走实
疏解提质一般制造业企业80家，拆除违法建设500万平方米、治理无手续建筑500万平方米，新增中学学位1万个，改造完工老旧小区300个以上，实施老楼加装电梯800台以上，更新改造老旧管线1000公里，新增轨道交通运营里程40公里以上，公交与轨道50米内换乘比例提升至93%。"""
TITLE = "2026年北京市政府工作报告"


def records(source) -> list[tuple]:
    return sorted((r.value, r.unit, r.indicator, r.kind, r.year, r.region) for r in govreport.extract(source))


def one_line_error(call, *parts) -> str:
    with pytest.raises(GovReportError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    for part in parts:
        assert part in message, message
    return message


# ---------------------------------------------------------------- PDF

def test_pdf_gives_the_report_text_back(tmp_path):
    # 9 pages of 28 characters a line with the title atop each page and — N — below
    pdf = render_pdf(REPORT, tmp_path / "report.pdf", title=TITLE, lines_per_page=5)
    doc = load(pdf)
    assert doc.source_format == "pdf" and doc.encoding is None and doc.name == "report.pdf"
    assert doc.text == REPORT
    assert records(doc) == records(REPORT)


@pytest.mark.parametrize("paragraphs", ["indent", "space", "flat"])
@pytest.mark.parametrize("footer", ["— {n} —", "-{n}-", "第 {n} 页", "{n}"])
def test_pdf_page_furniture_and_paragraph_styles(tmp_path, paragraphs, footer):
    pdf = render_pdf(REPORT, tmp_path / "r.pdf", title=TITLE, footer=footer, paragraphs=paragraphs, lines_per_page=6)
    text = load(pdf).text
    assert "—" not in text.replace("——2026", "")  # no page number left, the delivery line's dash kept
    assert text.count(TITLE) == 1  # the running head is gone, the title stays
    # headings stay lines of their own, numbers broken at a line end are whole again
    lines = text.split("\n")
    assert "一、2025年工作回顾" in lines and "三、2026年重点工作" in lines
    # a heading that fills its line: told from its paragraph by the indent or space above the
    # next line, or (flat) by its number and the lack of a sentence end
    assert "（一）深入落实城市总体规划，推动京津冀协同发展走深走实" in lines
    assert records(text) == records(REPORT)


def test_pdf_lines_know_where_a_paragraph_opens(tmp_path):
    pdf = render_pdf(REPORT, tmp_path / "r.pdf", title=TITLE, lines_per_page=8)
    lines = formats.pdf_lines(pdf.read_bytes())
    paragraphs = REPORT.split("\n")
    # each paragraph's first line is indented, or centred (short headings); no other line is
    opening = [ln.text for ln in lines if ln.opens]
    assert len(opening) == len(paragraphs)
    assert all(p.startswith(t) for p, t in zip(paragraphs, opening))
    # the heading of 29 characters takes two lines, so it is not centred
    assert [ln.text for ln in lines if ln.centred] == [TITLE, "一、2025年工作回顾", "三、2026年重点工作"]
    assert sum(ln.page_start for ln in lines) == formats.pdf_raw_text(pdf.read_bytes()).count("\f") + 1


def test_pdf_raw_text_keeps_every_line(tmp_path):
    pdf = render_pdf(REPORT, tmp_path / "r.pdf", title=TITLE, lines_per_page=8)
    raw = load(pdf, unwrap=False).text
    pages = raw.split("\f")
    assert len(pages) > 3 and pages[0].startswith(TITLE + "\n")
    assert pages[1].startswith(TITLE + "\n") and pages[1].endswith("— 2 —")
    # 28 Chinese characters a line (a digit is half as wide), closing punctuation hanging past it
    assert max(layout.display_width(line) for line in raw.split("\n")) <= 58


def test_text_copied_out_of_a_pdf_is_unwrapped(tmp_path):
    # what a PDF reader's "save as text" gives: the page's lines, page numbers and running heads
    pdf = render_pdf(REPORT, tmp_path / "r.pdf", title=TITLE, lines_per_page=8)
    copied = tmp_path / "copied.txt"
    copied.write_text(formats.pdf_raw_text(pdf.read_bytes()), encoding="utf-8")
    assert records(load(copied)) == records(REPORT)


def test_scanned_pdf_is_one_line_error(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(3):
        c.rect(50, 50, 400, 600, fill=1)  # a page image stands for the scanned text
        c.showPage()
    c.save()
    one_line_error(lambda: load(path), "scan.pdf", "no text layer", "OCR")


def test_password_protected_and_broken_pdfs(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "2025")
    c.showPage()
    c.save()
    one_line_error(lambda: load(locked), "locked.pdf", "password-protected")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog")
    one_line_error(lambda: load(broken), "broken.pdf", "cannot read the PDF")


def test_pdf_without_the_extra_names_it(tmp_path, monkeypatch):
    pdf = render_pdf(REPORT, tmp_path / "r.pdf")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails as when not installed
    one_line_error(lambda: load(pdf), "r.pdf", "pypdfium2", "pip install 'govreport[pdf]'")


def test_pdf_is_told_by_its_bytes_not_its_name(tmp_path):
    pdf = render_pdf(REPORT, tmp_path / "r.pdf")
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert load(renamed).source_format == "pdf"
    # in memory a PDF is no text
    one_line_error(lambda: load_text(pdf.read_bytes(), name="r"), "a PDF file", "govreport.load")


@pytest.mark.parametrize("written,read", [
    ("⽣产总值", "生产总值"),  # Kangxi radical for 生
    ("⼀般公共预算收⼊", "一般公共预算收入"),
    ("地区生产总值", "地区生产总值"),
])
def test_radicals_some_pdf_fonts_map_to_are_read_as_characters(written, read):
    assert formats._fix_radicals(written) == read


# ---------------------------------------------------------------- Word

def test_docx_gives_one_line_per_paragraph(tmp_path):
    doc = load(render_docx(REPORT, tmp_path / "r.docx"))
    assert (doc.source_format, doc.text) == ("docx", REPORT)
    assert records(doc) == records(REPORT)


def test_docx_tables_lists_and_breaks(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("主要指标完成情况")
    table = d.add_table(rows=2, cols=3)
    for i, row in enumerate([("指标", "2025年", "增长"), ("地区生产总值", "5.2万亿元", "5.4%")]):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.add_paragraph("扩大有效投资", style="List Number")
    d.add_paragraph("提振消费", style="List Number")
    d.add_paragraph("生态优先", style="List Bullet")
    p = d.add_paragraph("新增就业28万人")
    p.add_run().add_break()
    p.add_run("城镇调查失业率5%以内")
    path = tmp_path / "t.docx"
    d.save(str(path))
    assert load(path).text == ("主要指标完成情况\n指标\t2025年\t增长\n地区生产总值\t5.2万亿元\t5.4%\n"
                               "1.扩大有效投资\n2.提振消费\n●生态优先\n新增就业28万人\n城镇调查失业率5%以内")


CHINESE_LIST = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
"""


def _p(text: str, level: int | None = None) -> str:
    num = (f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
           if level is not None else "")
    return f"<w:p>{num}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def test_docx_chinese_list_numbers_are_written_out(tmp_path):
    # headings numbered by Word (一、 （一） 1.) are what the context stage reads as headings
    body = "".join([
        _p("2025年工作回顾", 0), _p("地区生产总值增长5.4%。"), _p("经济运行", 1), _p("工业", 2), _p("服务业", 2),
        _p("社会民生", 1), _p("教育", 2), _p("2026年工作安排", 0), _p("扩大内需", 1),
        *[_p(f"第{k}项", 1) for k in range(2, 12)],
    ])
    path = docx_from_xml(tmp_path / "n.docx", body, CHINESE_LIST)
    lines = load(path).text.split("\n")
    assert lines[:9] == ["一、2025年工作回顾", "地区生产总值增长5.4%。", "（一）经济运行", "1.工业", "2.服务业",
                         "（二）社会民生", "1.教育", "二、2026年工作安排", "（一）扩大内需"]
    assert lines[-2:] == ["（十）第10项", "（十一）第11项"]


def test_docx_leaves_out_deleted_text_and_reads_inserted(tmp_path):
    body = ('<w:p><w:r><w:t>增长</w:t></w:r><w:del><w:r><w:delText>6%</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>5.5%</w:t></w:r></w:ins><w:r><w:tab/><w:t>左右</w:t></w:r></w:p>')
    assert load(docx_from_xml(tmp_path / "d.docx", body)).text == "增长5.5%\t左右"


DOC = ROOT / "tests" / "fixtures" / "report.doc"  # 12 KB, written by LibreOffice (see report_with_table_docx)


def test_legacy_doc_reads_as_the_docx_it_was_saved_from(tmp_path):
    doc = load(DOC)
    assert doc.source_format == "doc"
    docx = load(report_with_table_docx(tmp_path / "report.docx", REPORT))
    assert doc.text == docx.text
    assert doc.text.startswith(REPORT + "\n主要指标\n指标\t2025年\t增长\n地区生产总值\t5.2万亿元\t5.4%\n")
    # a hyperlink field gives its shown text, not its code
    assert doc.text.endswith("\n详见北京市人民政府网站，\n新增就业28万人。")
    assert records(doc) == records(docx)


def test_legacy_doc_without_the_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "olefile", None)
    one_line_error(lambda: load(DOC), "report.doc", "olefile", "pip install 'govreport[doc]'", ".docx")


def _doc_with(tmp_path, flags: int) -> Path:
    # the fixture with FIB flags changed (the WordDocument stream keeps its size, so olefile can write it)
    import olefile

    path = tmp_path / "changed.doc"
    path.write_bytes(DOC.read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        word[0x0A:0x0C] = (int.from_bytes(word[0x0A:0x0C], "little") | flags).to_bytes(2, "little")
        ole.write_stream("WordDocument", bytes(word))
    return path


@pytest.mark.parametrize("name,make,cause", [
    ("empty.docx", lambda p: docx_from_xml(p, "<w:p/>"), "the Word document has no text"),
    ("archive.docx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40), "ZIP archive"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "cannot read the .doc file"),
])
def test_word_errors_are_one_line(tmp_path, name, make, cause):
    path = tmp_path / name
    make(path)
    one_line_error(lambda: load(path), name, cause)


def test_password_protected_doc(tmp_path):
    one_line_error(lambda: load(_doc_with(tmp_path, 0x0100)), "changed.doc", "password-protected")


# ---------------------------------------------------------------- text laid out on pages

@pytest.mark.parametrize("line,is_number", [
    ("— 12 —", True), ("-3-", True), ("- 3 -", True), ("第 3 页", True), ("第3页 共20页", True),
    ("共20页 第3页", True), ("3/20", True), ("12", True), ("- ii -", True), ("Page 3 of 9", True),
    ("2025年", False), ("I", False), ("一、2025年工作回顾", False), ("5.4%", False), ("增长6%", False),
    ("", False), ("——", False),
])
def test_page_numbers(line, is_number):
    assert layout.is_page_number(line) is is_number


def test_hard_wrapped_text_is_joined_again(tmp_path):
    for width in (30, 35, 40):
        path = tmp_path / f"w{width}.txt"
        path.write_text(hard_wrap(REPORT, width), encoding="utf-8")
        doc = load(path)
        assert doc.text == REPORT, width
        for r in govreport.extract(doc):
            assert doc.text[r.start:r.end] == r.number


@pytest.mark.parametrize("broken,whole,value,unit", [
    # a number, a unit, an indicator cut at the line end read as if whole
    ("4", ".51万亿元", 4.51, "万亿元"), ("5", "700亿元", 5700, "亿元"), ("2.79万亿", "元", 2.79, "万亿元"),
    ("地区生产总", "值6.2万亿元", 6.2, "万亿元"),
])
def test_a_line_break_inside_a_number_or_name_is_no_boundary(broken, whole, value, unit):
    width = 30
    head = "全省地区生产总值" if not broken.startswith("地区") else "全省"
    # filler puts the line end right after `broken`
    pad = (-(len(head) + len(broken))) % width + 3 * width
    filler = ("过去一年经济运行总体平稳，稳中有进。" * 20)[:pad - 1] + "。"
    paragraph = filler + head + broken + whole + "，增长5%。" + "民生保障持续加强。" * 30
    wrapped = hard_wrap(paragraph, width)
    assert (head + broken) in wrapped.split("\n")[3] and wrapped.split("\n")[4].startswith(whole)
    assert layout.unwrap(wrapped) == paragraph
    got = [(r.value, r.unit, r.indicator) for r in govreport.extract(layout.unwrap(wrapped))]
    assert (value, unit, "地区生产总值") in got


def test_page_footers_and_running_heads_are_dropped():
    wrapped = hard_wrap(REPORT, 33)
    with_footers = with_page_footers(wrapped, every=6, style="— {n} —", title=TITLE)
    assert layout.unwrap(with_footers) == REPORT
    with_feeds = "\f".join(wrapped.split("\n")[i:i + 6] and "\n".join(wrapped.split("\n")[i:i + 6])
                           for i in range(0, len(wrapped.split("\n")), 6))
    assert layout.unwrap(with_feeds) == REPORT


def test_paragraph_text_with_page_numbers_joins_only_across_the_page_break():
    # paragraphs on lines of their own, as some converters give, with a page number between pages
    cut = REPORT.index("退租2006户")  # the page ends inside a sentence, and inside a number
    first, second = REPORT[:cut + 4], REPORT[cut + 4:]
    broken_at = first.rindex("\n") + 1
    text = first + "\n— 2 —\n" + second + "\n— 3 —\n附件\n— 4 —\n"
    got = layout.unwrap(text)
    assert "— 2 —" not in got and "— 3 —" not in got
    assert got.startswith(REPORT[:broken_at])
    assert REPORT[broken_at:] in got.replace("\n附件", "")


def test_load_text_unwraps_when_asked():
    wrapped = hard_wrap(REPORT, 34)
    assert load_text(wrapped).text == wrapped  # a str is kept exactly as given
    assert load_text(wrapped, unwrap=True).text == REPORT
    assert load_text(wrapped.encode("gb18030"), unwrap=True).text == REPORT
    assert load_text(REPORT, unwrap=True).text == REPORT


def test_load_keeps_wrapped_text_when_asked(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text(hard_wrap(REPORT, 32), encoding="utf-8")
    assert load(path, unwrap=False).text == hard_wrap(REPORT, 32)


REAL_TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "heldout" / "docs").glob("*"))


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_ordinary_text_is_left_exactly_as_it_is(path):
    raw = load(path, unwrap=False).text
    assert layout.unwrap(raw) == raw
    assert load(path).text == raw


# sentences of real reports, for made-up documents
SENTENCES = [s + "。" for s in SEED.replace("\n", "").split("。") if 8 <= len(s) <= 120][:200]
HEADINGS = ["一、2025年工作回顾", "二、2026年工作安排", "（一）扩大有效投资", "（二）提振消费", "主要预期目标"]


@st.composite
def ordinary_documents(draw):
    """Paragraphs on lines of their own: sentences ending in 。, headings without a stop."""
    lines = []
    for _ in range(draw(st.integers(1, 40))):
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append(draw(st.sampled_from(HEADINGS)))
        else:
            lines.append("".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(ordinary_documents())
def test_property_ordinary_documents_are_unchanged(text):
    assert layout.unwrap(text) == text


@settings(max_examples=150, deadline=None)
@given(ordinary_documents(), st.integers(30, 40))
def test_property_unwrapping_loses_no_character_and_keeps_headings(text, width):
    got = layout.unwrap(hard_wrap(text, width))
    assert got.replace("\n", "") == text.replace("\n", "")
    if len(hard_wrap(text, width).split("\n")) >= 12:
        lines = set(got.split("\n"))
        # a heading after a line that does not fill the width stays a line of its own
        for k, line in enumerate(text.split("\n")):
            if line in HEADINGS and k and len(text.split("\n")[k - 1]) % width:
                assert line in lines


# ---------------------------------------------------------------- the command line

def test_cli_reads_a_folder_of_pdf_word_and_text_files(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    render_pdf(REPORT, folder / "a.pdf", title=TITLE)
    render_docx(REPORT, folder / "b.docx")
    (folder / "c.txt").write_text(hard_wrap(REPORT, 36), encoding="utf-8")
    (folder / "d.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # a broken .doc
    out = tmp_path / "out.jsonl"
    p = subprocess.run([sys.executable, "-m", "govreport", "extract", str(folder), "-o", str(out), "-q"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1  # the broken .doc file failed, the others were read
    assert p.stderr.count("\n") == 2 and "d.doc: cannot read the .doc file" in p.stderr
    import json

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    per_doc = {name: sorted((r["value"], r["unit"], r["indicator"]) for r in rows if r["doc"] == name)
               for name in ("a.pdf", "b.docx", "c.txt")}
    expected = sorted((v, u, i) for v, u, i, *_ in records(REPORT))
    assert per_doc == {"a.pdf": expected, "b.docx": expected, "c.txt": expected}
