"""Make the files a user gets from a government website out of a report's text: a hard-wrapped
text (what PDF-to-text tools give), a PDF typeset like an official document, and a .docx.

Used by tests/test_formats.py and tests/test_metamorphic.py; the files are made in the test
run, so no binary fixture lives in git.
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

# closing punctuation never starts a line in Chinese typesetting: it hangs at the end of the line before
_NO_LINE_START = set("，。、；：？！）》」』】〕”’%．,.;:?!)")
# ASCII runs a word processor keeps on one line (numbers, 5G, PM2.5)
_WORD_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.%-")

PAGE_FOOTERS = ("— {n} —", "-{n}-", "第 {n} 页", "- {n} -", "{n}")


def hard_wrap(text: str, width: int) -> str:
    """Each line cut every ``width`` characters, wherever that falls (inside a number too)."""
    out = []
    for line in text.split("\n"):
        if not line:
            out.append(line)
            continue
        out.extend(line[i:i + width] for i in range(0, len(line), width))
    return "\n".join(out)


def with_page_footers(wrapped: str, every: int = 40, style: str = "— {n} —", title: str = "") -> str:
    """A page footer (and the report's title as a running header, when given) every ``every`` lines."""
    lines = wrapped.split("\n")
    out, page = [], 1
    for i in range(0, len(lines), every):
        if page > 1 and title:
            out.append(title)
        out.extend(lines[i:i + every])
        out.append(style.format(n=page))
        page += 1
    return "\n".join(out)


def _font(font_file: str | None = None) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if font_file:  # a TrueType font, embedded as a subset as word processors do
        from reportlab.pdfbase.ttfonts import TTFont

        name = Path(font_file).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, font_file))
        return name
    name = "STSong-Light"  # one of the Adobe CJK fonts every PDF reader has: nothing to install or embed
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _break_lines(paragraph: str, first_width: float, width: float, measure) -> list[str]:
    """Greedy line breaking as a word processor does it for Chinese: break between any two CJK
    characters, keep ASCII runs whole, let closing punctuation hang instead of starting a line."""
    tokens, i = [], 0
    while i < len(paragraph):
        j = i + 1
        if paragraph[i] in _WORD_CHARS:
            while j < len(paragraph) and paragraph[j] in _WORD_CHARS:
                j += 1
        tokens.append(paragraph[i:j])
        i = j
    lines, cur, cur_w, limit = [], "", 0.0, first_width
    for tok in tokens:
        w = measure(tok)
        if cur and cur_w + w > limit and tok[0] not in _NO_LINE_START:
            lines.append(cur)
            cur, cur_w, limit = "", 0.0, width
        cur += tok
        cur_w += w
    if cur:
        lines.append(cur)
    return lines


def render_pdf(text: str, path: Path, *, title: str = "", chars_per_line: int = 28, lines_per_page: int = 22,
               footer: str = "— {n} —", font_file: str | None = None, paragraphs: str = "indent") -> Path:
    """Typeset ``text`` on A4 like an official document (GB/T 9704: 28 characters a line, 22 lines
    a page) in STSong-Light, or in ``font_file`` embedded: paragraphs justified with a two-character indent, short lines (headings) centred, the
    title as a running header from page 2 on, a page number in the footer. ``paragraphs`` says
    how a paragraph is set off: "indent" (two characters, the official style), "space" (no
    indent, half a line of space above) or "flat" (neither: only the text tells)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _font(font_file)
    page_w, page_h = A4
    text_w = 156 / 25.4 * 72
    size = text_w / chars_per_line
    left, top = (page_w - text_w) / 2, page_h - 37 / 25.4 * 72
    leading = (225 / 25.4 * 72) / 22  # fewer lines a page (short test pages) end the page early
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(title or "report")
    page, row = 1, 0

    def measure(s: str) -> float:
        return stringWidth(s, font, size)

    def new_page():
        nonlocal page, row
        c.setFont(font, size * 0.7)
        c.drawCentredString(page_w / 2, 20 / 25.4 * 72, footer.format(n=page))
        c.showPage()
        page, row = page + 1, 0
        if title:
            c.setFont(font, size * 0.6)
            c.drawCentredString(page_w / 2, page_h - 20 / 25.4 * 72, title)

    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        heading = len(para) <= 30 and para[-1] not in "。；：，"
        indent = 2 * size if paragraphs == "indent" else 0
        lines = _break_lines(para, text_w - indent, text_w, measure)
        if paragraphs == "space" and row:
            row += 0.5
        for k, line in enumerate(lines):
            if row >= lines_per_page:
                new_page()
            y = top - row * leading
            c.setFont(font, size)
            if heading and len(lines) == 1:
                c.drawCentredString(page_w / 2, y, line)
            else:
                x = left + (indent if k == 0 else 0)
                t = c.beginText(x, y)
                t.setFont(font, size)
                if k < len(lines) - 1 and len(line) > 1:
                    # justified: spread the slack over the gaps between characters
                    slack = (text_w - (x - left)) - measure(line)
                    t.setCharSpace(max(slack, 0) / (len(line) - 1))
                t.textLine(line)
                c.drawText(t)
            row += 1
    c.setFont(font, size * 0.7)
    c.drawCentredString(page_w / 2, 20 / 25.4 * 72, footer.format(n=page))
    c.showPage()
    c.save()
    return path


def render_docx(text: str, path: Path) -> Path:
    """One Word paragraph per line, as a report saved from Word has it."""
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def rng(name: str) -> random.Random:
    return random.Random(sum(map(ord, name)))


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_from_xml(path: Path, body: str, numbering: str = "") -> Path:
    """A minimal .docx around ``body`` (the XML inside <w:body>) and, if given, the numbering
    part's abstractNum/num elements: for what python-docx cannot write (Chinese list numbers)."""
    import zipfile

    types = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W_NS}" '
                   f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                   f'<w:body>{body}</w:body></w:document>')
        if numbering:
            z.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                       f'<w:numbering xmlns:w="{_W_NS}">{numbering}</w:numbering>')
    return path


def report_with_table_docx(path: Path, text: str) -> Path:
    """``text`` as Word paragraphs, then a table of main indicators and a paragraph with a hyperlink
    field and a line break: the source of tests/fixtures/report.doc, which LibreOffice 7.4 wrote
    from it with ``soffice --headless --convert-to doc`` (the test run cannot write a .doc)."""
    from xml.sax.saxutils import escape

    def para(s: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(s)}</w:t></w:r></w:p>'

    rows = [("指标", "2025年", "增长"), ("地区生产总值", "5.2万亿元", "5.4%"), ("一般公共预算收入", "6500亿元", "4.8%")]
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>' + '<w:gridCol w:w="3000"/>' * 3
             + "</w:tblGrid>" + "".join("<w:tr>" + "".join(
                 f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{para(c)}</w:tc>' for c in row) + "</w:tr>"
                 for row in rows) + "</w:tbl>")
    field = ('<w:p><w:r><w:t xml:space="preserve">详见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.beijing.gov.cn/" </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>北京市人民政府网站</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>，</w:t><w:br/><w:t>新增就业28万人。</w:t></w:r></w:p>')
    body = "".join(para(line) for line in text.split("\n")) + para("主要指标") + table + field
    return docx_from_xml(path, body)
