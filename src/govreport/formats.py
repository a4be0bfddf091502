"""Reports published as PDF or Word files, read into the text the extraction works on.

PDF text comes from PDFium (the ``pypdfium2`` package, the ``govreport[pdf]`` extra): its lines,
with where each starts and ends on the page, are put back into paragraphs and freed of page
numbers and running heads (:mod:`govreport.layout`). A ``.docx`` is read from its XML with the
standard library: one line per Word paragraph, table rows as tab-separated lines, list numbers
Word generates (一、 （一） 1.) written out as the reader sees them. A Word 97-2003 ``.doc`` is read
from its piece table (the ``olefile`` package, ``govreport[doc]``).

Every problem becomes a one-line :class:`~govreport.errors.GovReportError`.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from typing import Optional
from xml.etree import ElementTree as ET

from .errors import GovReportError
from .layout import Line, is_page_number, join_lines, rules

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# a page with fewer characters than this is taken to have no text layer
_MIN_PAGE_CHARS = 5
# radicals and compatibility ideographs some PDF fonts map common characters to (⽣ for 生)
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def _need(module: str, extra: str, what: str, instead: str = ""):
    """The optional package ``module`` (one of the extras'), or an error naming the extra."""
    try:
        if module == "pypdfium2":
            import pypdfium2
            return pypdfium2
        if module == "olefile":
            import olefile
            return olefile
        raise ValueError(f"no extra provides {module}")
    except ImportError:
        raise GovReportError(f"reading {what} needs the {module} package: pip install 'govreport[{extra}]'"
                             + instead) from None


# ---------------------------------------------------------------- PDF

def pdf_to_text(data: bytes) -> str:
    """The text of a PDF, one paragraph (or heading) per line, without page numbers and running heads.

    Raises GovReportError for a PDF that cannot be opened, is password-protected, or has no text
    layer (a scan: govreport does no OCR).
    """
    return join_lines(pdf_lines(data))


def pdf_raw_text(data: bytes) -> str:
    """The text of a PDF as PDFium extracts it: every line, page numbers included, a form feed between pages."""
    return "\f".join("\n".join(ln.text for ln in page) for page in _pdf_pages(data))


def pdf_lines(data: bytes) -> list[Line]:
    """The body lines of a PDF, each marked full (reaching the right margin), opening a paragraph or centred."""
    return _body_lines(_pdf_pages(data))


def _pdf_pages(data: bytes) -> list[list["_PageLine"]]:
    pdfium = _need("pypdfium2", "pdf", "PDF files")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        if "password" in message:
            raise GovReportError("the PDF is password-protected; save an unprotected copy first") from None
        raise GovReportError(f"cannot read the PDF: {e}") from None
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    if not pages:
        raise GovReportError("the PDF has no pages")
    chars = sum(len(ln.text.strip()) for page in pages for ln in page)
    if chars < _MIN_PAGE_CHARS * len(pages):
        raise GovReportError("the PDF has no text layer (a scanned document?); govreport does no OCR: "
                             "run an OCR tool on it first (e.g. ocrmypdf) and load the result")
    return pages


class _PageLine:
    __slots__ = ("text", "x0", "x1", "y", "em")

    def __init__(self, text: str, x0: Optional[float], x1: Optional[float], y: float, em: float):
        self.text, self.x0, self.x1, self.y, self.em = text, x0, x1, y, em


def _page_lines(page) -> list[_PageLine]:
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        # geometry needs one character of text per character index (PDFium's own \r\n included)
        located = len(text) == n
        out: list[_PageLine] = []
        pos = 0
        for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
            raw = m.group()
            line = raw.rstrip("\r\n")
            if not raw:
                break
            stripped = line.strip()
            if stripped:
                x0 = x1 = None
                y = em = 0.0
                if located:
                    first = pos + len(line) - len(line.lstrip())
                    last = pos + len(line.rstrip()) - 1
                    x0, y, _, _ = textpage.get_charbox(first, loose=True)
                    x1 = textpage.get_charbox(last, loose=True)[2]
                    em = _font_size(textpage, first)
                out.append(_PageLine(_fix_radicals(stripped), x0, x1, y, em))
            pos += len(raw)
        return out
    finally:
        textpage.close()
        page.close()


def _font_size(textpage, index: int) -> float:
    import pypdfium2.raw as pdfium_c

    return float(pdfium_c.FPDFText_GetFontSize(textpage, index))


def _fix_radicals(s: str) -> str:
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s) if _RADICALS.search(s) else s


def _mode(values: list[float], window: float) -> Optional[float]:
    """The value with the most others within ``window`` below it (the largest on ties)."""
    if not values:
        return None
    values = sorted(values)
    best, best_n, lo = values[0], 0, 0
    for hi, v in enumerate(values):
        while values[lo] < v - window:
            lo += 1
        if hi - lo + 1 >= best_n:
            best, best_n = v, hi - lo + 1
    return best


def _body_lines(pages: list[list[_PageLine]]) -> list[Line]:
    drop = _furniture(pages)
    located = [ln for page in pages for ln in page if ln.x0 is not None and ln.em > 0]
    if not located:
        # no geometry: judge by the text alone
        from .layout import unwrap

        kept = [ln.text for p, page in enumerate(pages) for i, ln in enumerate(page) if (p, i) not in drop]
        return [Line(t) for t in unwrap("\n".join(kept)).split("\n")]
    em = sorted(ln.em for ln in located)[len(located) // 2]
    # body text's margins: where most lines start, and where most lines end (full lines); the
    # usual distance from one line to the next
    left = _mode([ln.x0 for ln in located], em / 4)
    right = _mode([ln.x1 for ln in located], em / 2)
    steps = [a.y - b.y for page in pages for a, b in zip(page, page[1:])
             if a.x0 is not None and b.x0 is not None and 0 < a.y - b.y < 4 * em]
    leading = _mode(steps, em / 8) if steps else None
    marks = []
    for p, page in enumerate(pages):
        prev_y = None
        for i, ln in enumerate(page):
            if (p, i) in drop:
                continue
            size = ln.em or em
            indented = ln.x0 >= left + size * 0.9
            spaced = prev_y is not None and leading is not None and prev_y - ln.y > 1.4 * leading
            centred = indented and ln.x1 <= right - size and abs((ln.x0 + ln.x1) - (left + right)) < 2 * size
            marks.append((ln, ln.x1 >= right - size / 2, indented or spaced, centred, prev_y is None))
            prev_y = ln.y
    # a layout without indents or spacing between paragraphs (centred headings aside) tells nothing
    # about where one opens
    tells = sum(1 for m in marks if m[2] and not m[3]) >= 0.02 * len(marks)
    return [Line(ln.text, full=full, opens=opens if tells else None, centred=centred, page_start=start)
            for ln, full, opens, centred, start in marks]


def _furniture(pages: list[list[_PageLine]]) -> set[tuple[int, int]]:
    """(page, line) of page numbers and running heads: among the first and last two lines of each
    page, page numbers, and lines (digits aside) repeated on at least half of the pages. Page 1
    keeps its repeated line: there it is the title or the letterhead."""
    r = rules()
    edges = []
    for p, page in enumerate(pages):
        idx = sorted({i for i in (0, 1, len(page) - 2, len(page) - 1) if 0 <= i < len(page)})
        edges.append(idx)
    drop = {(p, i) for p, idx in enumerate(edges) for i in idx if is_page_number(pages[p][i].text, r)}
    shape = Counter()
    for p, idx in enumerate(edges):
        shape.update({re.sub(r"\d+", "#", pages[p][i].text) for i in idx if (p, i) not in drop})
    repeated = {s for s, n in shape.items() if len(pages) >= 3 and n >= max(2, len(pages) / 2)}
    for p, idx in enumerate(edges):
        for i in idx:
            if p > 0 and re.sub(r"\d+", "#", pages[p][i].text) in repeated:
                drop.add((p, i))
    return drop


# ---------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_to_text(data: bytes) -> str:
    """The text of a .docx: one line per paragraph, a table row per line with its cells separated
    by tabs, list numbers written out. Headers, footers, comments and deleted text are left out."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise GovReportError("a ZIP archive that is no Word document (no word/document.xml)")
            body = ET.fromstring(z.read("word/document.xml"))
            numbering = ET.fromstring(z.read("word/numbering.xml")) if "word/numbering.xml" in names else None
            styles = ET.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in names else None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ET.ParseError) as e:
        raise GovReportError(f"cannot read the Word file: {e}") from None
    lists = _Numbering(numbering, styles)
    lines: list[str] = []
    root = body.find(f"{_W}body")
    if root is not None:
        _block(root, lines, lists)
    return "\n".join(lines)


def _block(parent, lines: list[str], lists: "_Numbering") -> None:
    for el in parent:
        tag = el.tag
        if tag == f"{_W}p":
            boxes: list[str] = []
            text = _paragraph(el, boxes, lists)
            lines.append(lists.label(el) + text)
            lines.extend(boxes)
        elif tag == f"{_W}tbl":
            for row in el.iter(f"{_W}tr"):
                cells = []
                for cell in row.findall(f"{_W}tc"):
                    inner: list[str] = []
                    _block(cell, inner, lists)
                    cells.append(" ".join(s.strip() for s in inner if s.strip()))
                lines.append("\t".join(cells))
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            _block(el, lines, lists)


def _paragraph(p, boxes: list[str], lists: "_Numbering") -> str:
    parts: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            if el.get(f"{_W}type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}txbxContent":
            # a text box: its paragraphs follow the paragraph it is anchored in
            _block(el, boxes, lists)
        elif tag == f"{_MC}AlternateContent":
            # the same content twice (a drawing and its VML fallback): read the first choice only
            choice = el.find(f"{_MC}Choice")
            if choice is not None:
                stack.extend(reversed(list(choice)))
        elif tag in (f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}pPr", f"{_W}rPr"):
            continue
        else:
            stack.extend(reversed(list(el)))
    return "".join(parts)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's list numbering (numbering.xml): the label each numbered paragraph shows."""

    def __init__(self, numbering, styles):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[Optional[str], Optional[int]]] = {}
        if numbering is not None:
            abstract = {}
            for a in numbering.findall(f"{_W}abstractNum"):
                abstract[a.get(f"{_W}abstractNumId")] = {
                    int(lvl.get(f"{_W}ilvl", "0")): self._level(lvl) for lvl in a.findall(f"{_W}lvl")}
            for num in numbering.findall(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
                for override in num.findall(f"{_W}lvlOverride"):
                    ilvl = int(override.get(f"{_W}ilvl", "0"))
                    lvl = override.find(f"{_W}lvl")
                    start = override.find(f"{_W}startOverride")
                    if lvl is not None:
                        levels[ilvl] = self._level(lvl)
                    if start is not None and ilvl in levels:
                        f, t, _ = levels[ilvl]
                        levels[ilvl] = (f, t, int(start.get(f"{_W}val", "1")))
                self.levels[num.get(f"{_W}numId")] = levels
        if styles is not None:
            based: dict[str, str] = {}
            own: dict[str, tuple[Optional[str], Optional[int]]] = {}
            for st in styles.findall(f"{_W}style"):
                sid = st.get(f"{_W}styleId")
                parent = st.find(f"{_W}basedOn")
                if parent is not None:
                    based[sid] = parent.get(f"{_W}val")
                num_pr = st.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    own[sid] = self._num_pr(num_pr)
            for sid in {*based, *own}:
                seen, cur = set(), sid
                while cur and cur not in own and cur not in seen:
                    seen.add(cur)
                    cur = based.get(cur)
                if cur in own:
                    self.style_num[sid] = own[cur]

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        fmt = lvl.find(f"{_W}numFmt")
        text = lvl.find(f"{_W}lvlText")
        start = lvl.find(f"{_W}start")
        return (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                text.get(f"{_W}val", "") if text is not None else "",
                int(start.get(f"{_W}val", "1")) if start is not None else 1)

    @staticmethod
    def _num_pr(num_pr) -> tuple[Optional[str], Optional[int]]:
        num = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        return (num.get(f"{_W}val") if num is not None else None,
                int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else None)

    def label(self, p) -> str:
        ppr = p.find(f"{_W}pPr")
        if ppr is None or not self.levels:
            return ""
        num_id, ilvl = None, None
        style = ppr.find(f"{_W}pStyle")
        if style is not None:
            num_id, ilvl = self.style_num.get(style.get(f"{_W}val"), (None, None))
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is not None:
            own_id, own_lvl = self._num_pr(num_pr)
            num_id, ilvl = own_id or num_id, own_lvl if own_lvl is not None else ilvl
        ilvl = ilvl or 0
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""  # numId 0 switches numbering off
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl < len(counters):
            counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][2]
            for deeper in range(ilvl + 1, len(counters)):
                counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            # bullets in symbol fonts are private-use characters: write a plain bullet
            return "".join("●" if 0xE000 <= ord(c) <= 0xF8FF else c for c in text)

        def number(m):
            k = int(m.group(1)) - 1
            if k not in levels or k >= len(counters):
                return ""
            return _format_number(counters[k] or levels[k][2], levels[k][0])

        return re.sub(r"%(\d)", number, text)


# ---------------------------------------------------------------- legacy Word (.doc)

# Word 97-2003 keeps the text in pieces listed by the piece table of the "table" stream
# ([MS-DOC] 2.8.35 PlcPcd); a piece is UTF-16 or, "compressed", one byte a character in cp1252
# (Chinese text is never compressed).
_DOC_MAGIC = 0xA5EC
# cp1252 bytes a compressed piece maps elsewhere ([MS-DOC] 2.4.1)
_DOC_COMPRESSED = {0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
                   0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
                   0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9F: "Ÿ"}


def doc_to_text(data: bytes) -> str:
    """The main text of a Word 97-2003 .doc file (the ``olefile`` package, ``govreport[doc]``):
    one line per paragraph, table cells separated by tabs, field codes left out (their shown
    result kept). Headers, footers, footnotes and text boxes are not read."""
    olefile = _need("olefile", "doc", "legacy Word .doc files", " (or save the file as .docx)")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # olefile raises its own and OSError/ValueError on a broken container
        raise GovReportError(f"cannot read the .doc file: {e}") from None
    try:
        if not ole.exists("WordDocument"):
            raise GovReportError("an Office file that is no Word document (no WordDocument stream)")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x200 or int.from_bytes(word[0:2], "little") != _DOC_MAGIC:
            raise GovReportError("a Word 6/95 or older .doc file, which govreport cannot read: save it as .docx "
                                 "(Word or LibreOffice: Save As; or soffice --headless --convert-to docx FILE.doc)")
        flags = int.from_bytes(word[0x0A:0x0C], "little")
        if flags & 0x0100:
            raise GovReportError("the .doc file is password-protected; save an unprotected copy first")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise GovReportError(f"broken .doc file (no {table_name} stream)")
        table = ole.openstream(table_name).read()
    finally:
        ole.close()
    return _doc_text(word, table)


def _u16(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 2], "little")


def _u32(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 4], "little")


def _doc_text(word: bytes, table: bytes) -> str:
    # the FIB: a fixed base, then counted arrays of 16-bit, 32-bit and (fc, lcb) pair values
    csw = _u16(word, 32)
    lw = 34 + 2 * csw
    cslw = _u16(word, lw)
    ccp_text = _u32(word, lw + 2 + 4 * 3)  # FibRgLw97.ccpText: characters of the main document
    fc_lcb = lw + 2 + 4 * cslw + 2
    fc_clx, lcb_clx = _u32(word, fc_lcb + 8 * 33), _u32(word, fc_lcb + 8 * 33 + 4)
    clx = table[fc_clx:fc_clx + lcb_clx]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        i += 3 + _u16(clx, i + 1)
    if i >= len(clx) or clx[i] != 0x02:
        raise GovReportError("broken .doc file (no piece table)")
    lcb = _u32(clx, i + 1)
    plc = clx[i + 5:i + 5 + lcb]
    n = (lcb - 4) // 12
    cps = [_u32(plc, 4 * k) for k in range(n + 1)]
    parts: list[str] = []
    for k in range(n):
        start, end = cps[k], min(cps[k + 1], ccp_text)
        if start >= end:
            continue
        fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        if fc & 0x40000000:
            at = (fc & ~0x40000000) // 2
            raw = word[at:at + end - start]
            parts.append("".join(_DOC_COMPRESSED.get(b) or chr(b) for b in raw))
        else:
            parts.append(word[fc:fc + 2 * (end - start)].decode("utf-16-le", errors="replace"))
    # a table row ends with one more cell mark after its last cell's
    return _doc_clean(re.sub("\x07\x07", "\x07\r", "".join(parts)))


def _doc_clean(text: str) -> str:
    out, field = [], []  # field: for each open field, whether its shown result has started
    for c in text:
        if c == "\x13":
            field.append(False)
        elif c == "\x14":
            if field:
                field[-1] = True
        elif c == "\x15":
            if field:
                field.pop()
        elif field and not field[-1]:
            continue  # a field's code (HYPERLINK "…", PAGE): not text
        elif c in "\r\x0c":
            out.append("\n")
        elif c == "\x0b":
            out.append("\n")
        elif c == "\x07":
            out.append("\t")  # end of a table cell; a row's end mark follows its last cell
        elif c in "\x01\x08\x1e\x1f":
            if c == "\x1e":
                out.append("-")  # non-breaking hyphen; the others are pictures and optional hyphens
        else:
            out.append(c)
    lines = [re.sub(r"\t+$", "", ln) for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines).strip("\n")
