"""Load a report from disk into a :class:`~govreport.models.Document`.

Reports arrive as UTF-8 / UTF-16 / GB18030 text files, as saved web pages, as
PDF files and as Word (.docx, .doc) files. :func:`load` decodes the bytes, extracts the
visible text of HTML pages and the text of PDF and Word files, and normalises
newlines. Text laid out on pages (a PDF, or text copied out of one) has the lines
of each paragraph joined again and its page numbers dropped
(:mod:`govreport.layout`); other text is kept exactly, so record offsets index
exactly what the reader sees. Every problem with the input file becomes a
one-line :class:`~govreport.errors.GovReportError`.

    >>> doc = load_text("2024年，地区生产总值增长6%左右。")
    >>> doc.text[12:14]
    '增长'
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from os import PathLike
from pathlib import Path
from typing import Iterable, Optional, Union

from . import formats, layout
from .errors import GovReportError
from .models import Document
from .vocab import WordList, load_data

#: Files bigger than this are refused unless ``max_bytes`` says otherwise (a report is < 1 MB).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: File suffixes :func:`iter_paths` picks up inside folders.
REPORT_SUFFIXES = (".txt", ".htm", ".html", ".md", ".pdf", ".docx", ".doc")

_HTML_SUFFIXES = {".htm", ".html", ".xhtml", ".shtml"}

# (magic bytes, what the file is) for formats that are no text. load() reads PDF and .docx files
# before decoding; in memory (load_text) they are refused.
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF file; read it with govreport.load(path)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); read a .docx with govreport.load(path)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (.doc/.xls) file; save the report as .docx or text first"),
    (b"{\\rtf", "an RTF file; save the report as plain text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
)

# BOMs, longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0/C1 control characters other than tab, newlines and form feed: real text has next to none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
# How much of a long text the plausibility checks look at (they are per-character Python loops).
_SAMPLE_CHARS = 200_000

# Characters Chinese prose uses besides Han ideographs: CJK and general punctuation, full-width forms.
_CJK_PUNCT = re.compile(r"[\u2010-\u206f\u3000-\u303f\uff00-\uffef\u00b7\u00d7\u00b0\u2103\u2160-\u217f\u2460-\u24ff\u25a0-\u25ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Multi-byte encodings a page's <meta charset> may name that we trust over guessing.
_CJK_DECLARED = {"gb2312", "gbk", "gb18030", "cp936", "big5", "big5hkscs", "cp950", "euc_jp",
                 "shift_jis", "cp932", "euc_kr", "cp949", "hz"}
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz"}


def load(path, region: Optional[str] = None, year: Optional[int] = None, *,
         max_bytes: int = DEFAULT_MAX_BYTES, encoding: Optional[str] = None, unwrap: bool = True) -> Document:
    """Read one report file (text, HTML, PDF, Word .docx or .doc) into a :class:`Document`.

    The encoding is detected (BOM, UTF-8, GB18030, then charset-normalizer) unless
    ``encoding`` names it. HTML pages (by suffix or content) are reduced to their
    visible text, one block per line. PDF files (``govreport[pdf]``) give their text
    layer, Word files their paragraphs (``.doc``: ``govreport[doc]``); the format is
    told by the file's first bytes.
    Text that shows it was laid out on pages has each paragraph's lines joined and
    page numbers and running heads dropped, unless ``unwrap`` is False (a PDF then
    gives its lines as extracted, pages separated by form feeds). ``region`` and
    ``year`` are passed through to the document and override inference. Raises
    :class:`GovReportError` for a missing, unreadable, empty, binary or oversized
    file, a scanned or password-protected PDF or Word file.
    """
    try:
        p = Path(path)
    except TypeError:
        raise GovReportError(f"{path!r}: not a file path") from None
    data = _read_bytes(p, max_bytes)
    if not data.strip():
        raise GovReportError(f"{p}: file is empty" if not data else f"{p}: file is empty (only whitespace)")
    suffix = p.suffix.lower()
    used: Optional[str] = None
    source_format = _binary_format(data, suffix)
    if source_format is not None:
        text = _read_binary(p, data, source_format, unwrap)
    else:
        if encoding is not None:
            text, used = _decode_as(p, data, encoding), encoding
        else:
            text, used = decode_bytes(data, name=str(p), html=suffix in _HTML_SUFFIXES)
        text = normalize_newlines(text)
        source_format = "text"
        if looks_like_html(text, suffix):
            try:
                text, source_format = html_to_text(text), "html"
            except GovReportError as e:
                raise GovReportError(f"{p}: {e}") from None
            if not text.strip():
                raise GovReportError(f"{p}: the HTML page has no visible text")
        elif not text.strip():
            raise GovReportError(f"{p}: file is empty (only whitespace)")
    if unwrap and source_format != "pdf":
        text = layout.unwrap(text)
    return Document(name=visible_name(p.name), text=text, path=visible_name(p), encoding=used,
                    source_format=source_format, region=region, year=year)


def _binary_format(data: bytes, suffix: str) -> Optional[str]:
    """"pdf", "docx" or "doc" when the bytes are such a file (whatever the suffix says), else None."""
    head = data[:1024]
    if head.lstrip().startswith(formats.PDF_MAGIC) or (suffix == ".pdf" and formats.PDF_MAGIC in head):
        return "pdf"
    if data.startswith(formats.ZIP_MAGIC) and formats.is_docx(data):
        return "docx"
    if data.startswith(formats.OLE_MAGIC) and ("WordDocument".encode("utf-16-le") in data[:65536] or suffix == ".doc"):
        return "doc"
    return None


def _read_binary(p: Path, data: bytes, source_format: str, unwrap: bool) -> str:
    try:
        if source_format == "pdf":
            text = formats.pdf_to_text(data) if unwrap else formats.pdf_raw_text(data)
            what = "the PDF has no text"
        elif source_format == "docx":
            text, what = formats.docx_to_text(data), "the Word document has no text"
        else:
            text, what = formats.doc_to_text(data), "the Word document has no text"
    except GovReportError as e:
        raise GovReportError(f"{p}: {e}") from None
    if not text.strip():
        raise GovReportError(f"{p}: {what}")
    return text


def load_text(text, name: str = "<text>", region: Optional[str] = None, year: Optional[int] = None, *,
              unwrap: bool = False) -> Document:
    """Wrap report text already in memory as a :class:`Document`.

    A ``str`` is kept exactly as given (offsets index the caller's string). ``bytes``
    are decoded and newline-normalised like a file's contents. With ``unwrap=True``,
    text that shows it was laid out on pages (copied out of a PDF, hard-wrapped) has
    its paragraphs joined again as :func:`load` does (:func:`govreport.layout.unwrap`).
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
        if not data:
            return Document(name=name, text="", region=region, year=year)
        decoded, used = decode_bytes(data, name=name)
        decoded = normalize_newlines(decoded)
        return Document(name=name, text=layout.unwrap(decoded) if unwrap else decoded, encoding=used,
                        region=region, year=year)
    if not isinstance(text, str):
        raise GovReportError(f"{name}: report text must be str or bytes, not {type(text).__name__}")
    return Document(name=name, text=layout.unwrap(text) if unwrap else text, region=region, year=year)


class PathList(list):
    """The report files :func:`iter_paths` found, in order; ``skipped`` names what it passed over.

    ``skipped`` holds ``(path, reason)`` pairs: entries of a folder that have a report suffix but
    are no regular file (a FIFO, a device, a socket), which reading would block on or misread.
    """

    def __init__(self, paths=(), skipped=()):
        super().__init__(paths)
        self.skipped: list[tuple[Path, str]] = list(skipped)


def visible_name(name) -> str:
    """A path or file name as text that prints and encodes as UTF-8 everywhere, losing nothing.

    Bytes that are not valid in the file system's encoding (a GBK name copied from Windows onto a
    UTF-8 system) arrive in Python as lone surrogates, which no UTF-8 writer accepts; they become
    ``\\xNN``, the byte they stand for. Control characters (a newline in a name would split an
    output line) become ``\\n``, ``\\t`` or ``\\xNN``. Any other text is returned unchanged.

        >>> visible_name(os.fsdecode(b"\\xd5\\xfe\\xb8\\xae.txt"))
        '\\\\xd5\\\\xfe\\\\xb8\\\\xae.txt'
        >>> visible_name("咸宁市.txt")
        '咸宁市.txt'
    """
    text = os.fsdecode(name) if isinstance(name, (bytes, PathLike)) else str(name)
    return _INVISIBLE.sub(_escape_invisible, text)


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as ``\\xNN`` (the byte it stands for) or ``\\uXXXX``."""
    return _SURROGATES.sub(_escape_invisible, text)


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_CONTROL_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape_invisible(m: re.Match) -> str:
    c = m.group()
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if code >= 0x80:  # a lone surrogate, or a C1 control (as \x80 it would read as an undecodable byte)
        return f"\\u{code:04x}"
    return _CONTROL_ESCAPES.get(c) or f"\\x{code:02x}"


def file_kind(st: os.stat_result) -> Optional[str]:
    """None for a regular file; else what the path is, in words ("a FIFO (named pipe)", "a folder", ...)."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    for test, what in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"


def path_problem(p, e: OSError) -> str:
    """Why ``p`` cannot be used, from the error stat() or open() gave: one line naming the path."""
    name = visible_name(p)
    if e.errno == errno.ELOOP:
        return f"{name}: symbolic link loop (too many levels of symbolic links)"
    if e.errno == errno.ENOENT:
        if os.path.lexists(p):
            return f"{name}: broken symbolic link (it points to {visible_name(os.readlink(p))}, which does not exist)"
        return f"{name}: no such file or folder"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"{name}: permission denied"
    return f"{name}: cannot read: {_reason(e)}"


def iter_paths(paths, suffixes: Iterable[str] = REPORT_SUFFIXES) -> PathList:
    """Expand files and folders into the list of report files to process.

    Folders are searched recursively for files whose suffix is in ``suffixes``
    (case-insensitive), skipping hidden files and folders; each folder's files
    come sorted. Inside folders only regular files are taken (symbolic links to
    them included): a FIFO or device named like a report is passed over and
    listed in the result's ``skipped``; a link that leads nowhere is kept, so that
    reading it reports the problem. A path named explicitly is always included
    unless it is a socket or block device (a FIFO or ``/dev/stdin`` given by name
    is read: ``govreport extract <(curl …)``). Duplicates are dropped, keeping the
    first. Raises :class:`GovReportError` for a path that does not exist, a
    symbolic link loop, or a folder without report files.
    """
    if isinstance(paths, (str, bytes, PathLike)):
        paths = [paths]
    wanted = {s.lower() if s.startswith(".") else "." + s.lower() for s in suffixes}
    found = PathList()
    seen: set = set()
    for entry in paths:
        root = Path(os.fsdecode(entry))
        try:
            st = os.stat(root)
        except OSError as e:
            raise GovReportError(path_problem(root, e)) from None
        kind = file_kind(st)
        if kind == "a folder":
            files, skipped = _report_files_in(root, wanted)
            found.skipped += skipped
            if not files:
                raise GovReportError(
                    f"{visible_name(root)}: folder has no report files ({', '.join(sorted(wanted))})"
                    + (f"; passed over {len(skipped)} that are not regular files" if skipped else ""))
        elif kind in ("a block device", "a socket", "not a regular file"):
            raise GovReportError(f"{visible_name(root)}: is {kind}, not a report file")
        else:
            files = [root]
        for f in files:
            key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                found.append(f)
    return found


def _report_files_in(root: Path, wanted: set) -> tuple[list[Path], list[tuple[Path, str]]]:
    files, skipped = [], []

    def unlistable(e: OSError) -> None:
        where = Path(e.filename) if e.filename else root
        skipped.append((where, path_problem(where, e).split(": ", 1)[-1] + " (folder not searched)"))

    for folder, dirs, names in os.walk(root, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            if n.startswith(".") or os.path.splitext(n)[1].lower() not in wanted:
                continue
            f = Path(folder, n)
            try:
                kind = file_kind(os.stat(f))
            except OSError:
                kind = None  # a broken link or loop: reading it says what is wrong, as a failed file
            if kind is None:
                files.append(f)
            else:
                skipped.append((f, f"is {kind}, not a regular file"))
    order = lambda f: f.relative_to(root).parts  # noqa: E731
    return sorted(files, key=order), sorted(skipped, key=lambda s: str(s[0]))


# ---------------------------------------------------------------- reading and decoding

def _read_bytes(p: Path, max_bytes: int) -> bytes:
    try:
        st = p.stat()
    except OSError as e:
        raise GovReportError(path_problem(p, e).replace("no such file or folder", "no such file")) from None
    except ValueError as e:
        raise GovReportError(f"{visible_name(p)}: cannot read: {_reason(e)}") from None
    kind = file_kind(st)
    if kind == "a folder":
        raise GovReportError(f"{visible_name(p)}: is a folder, not a file")
    if kind in ("a block device", "a socket", "not a regular file"):
        # a FIFO or character device named explicitly is read as a stream (<(curl …), /dev/stdin)
        raise GovReportError(f"{visible_name(p)}: is {kind}, not a report file")
    if st.st_size > max_bytes:
        raise GovReportError(f"{p}: file is {_size(st.st_size)}, larger than the limit of "
                             f"{_size(max_bytes)} (raise max_bytes to read it)")
    try:
        with open(p, "rb") as f:
            # read what stat says is there (plus one byte to notice growth); a pipe or device
            # reports size 0, so it is read up to the limit
            data = f.read((st.st_size or max_bytes) + 1)
            if st.st_size and len(data) > st.st_size:
                data += f.read(max_bytes + 1 - len(data))
    except PermissionError:
        raise GovReportError(f"{p}: permission denied") from None
    except OSError as e:
        raise GovReportError(f"{p}: cannot read: {_reason(e)}") from None
    if len(data) > max_bytes:
        raise GovReportError(f"{p}: file is larger than the limit of {_size(max_bytes)} (raise max_bytes to read it)")
    return data


def _reason(e: BaseException) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def _size(n: int) -> str:
    for unit, step in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= step:
            return f"{n / step:.1f} {unit} ({n} bytes)"
    return f"{n} bytes"


def _decode_as(p, data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise GovReportError(f"{p}: unknown encoding {encoding!r}") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise GovReportError(f"{p}: not valid {encoding} (byte {e.start}): {e.reason}") from None
    return text[1:] if text.startswith("\ufeff") else text


def decode_bytes(data: bytes, name: str = "<bytes>", html: bool = False) -> tuple[str, str]:
    """Decode a report's bytes; return (text, encoding name). Raises GovReportError if binary.

    Order: BOM; strict UTF-8; the charset an HTML page declares (CJK ones only);
    UTF-8 with a handful of bad bytes (a truncated file); GB18030 when the result
    reads as Chinese; charset-normalizer as a last resort.
    """
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise GovReportError(f"{name}: binary file: looks like {what}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise GovReportError(f"{name}: starts with a {enc} byte-order mark but is not valid "
                                     f"{enc} (byte {e.start + len(bom)})") from None
            _check_not_binary(text, name)
            return text, enc
    if b"\x00" in data:
        text, enc = _utf16_without_bom(data)
        if text is None:
            raise GovReportError(f"{name}: binary file (contains NUL bytes)")
        _check_not_binary(text, name)
        return text, enc

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, name)
        return text, "utf-8"

    declared = _declared_charset(data) if (html or b"<" in data[:4096]) else None
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            if not _binary_reason(text):
                return text, declared

    text = _nearly(data, "utf-8")
    if text is not None and not _binary_reason(text):
        return text, "utf-8"

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = _nearly(data, "gb18030")
    if text is not None and not _binary_reason(text) and plausibly_chinese(text):
        return text, "gb18030"

    guess = _charset_normalizer_guess(data)
    if guess is not None:
        text, enc = guess
        # a guess of GB or BOM-less UTF-16/32 is only believed if it reads as Chinese
        needs_chinese = enc in _GB_FAMILY or enc.startswith(("utf-16", "utf-32", "utf_16", "utf_32"))
        if not _binary_reason(text) and (not needs_chinese or plausibly_chinese(text)):
            return text, enc
    raise GovReportError(f"{name}: binary file or unknown encoding (not UTF-8, UTF-16 or GB18030)")


def _nearly(data: bytes, encoding: str) -> Optional[str]:
    """``data`` decoded with a few bad bytes replaced, if the rest is clearly this encoding."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    good_multibyte = sum(1 for c in text[:_SAMPLE_CHARS] if ord(c) > 0x7F) - bad
    if bad <= max(1, len(text) // 1000) and good_multibyte >= 20 * bad:
        return text
    return None


def _utf16_without_bom(data: bytes) -> tuple[Optional[str], str]:
    # Windows "Unicode" files without a BOM: accept whichever byte order decodes to
    # plausible text. Binary files with NULs decode to rare characters or keep NULs.
    if len(data) % 2:
        return None, ""
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _binary_reason(text) and plausibly_chinese(text):
            return text, enc
    return None, ""


def _declared_charset(data: bytes) -> Optional[str]:
    m = re.search(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:8192], re.I) \
        or re.search(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", data[:1024], re.I)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name not in _CJK_DECLARED:
        return None
    # GB2312 and GBK pages routinely use characters only their supersets define.
    return "gb18030" if name in _GB_FAMILY and name != "hz" else name


def _charset_normalizer_guess(data: bytes) -> Optional[tuple[str, str]]:
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception:  # a detector failure means "could not tell", never a crash
        return None
    if best is None or best.encoding is None:
        return None
    try:
        return str(best), codecs.lookup(best.encoding).name
    except LookupError:
        return str(best), best.encoding


def _binary_reason(text: str) -> Optional[str]:
    if "\x00" in text:
        return "contains NUL characters"
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return "mostly control characters"
    return None


def _check_not_binary(text: str, name: str) -> None:
    reason = _binary_reason(text)
    if reason:
        raise GovReportError(f"{name}: binary file ({reason})")


def plausibly_chinese(text: str) -> bool:
    """Whether the non-ASCII part of ``text`` reads as Chinese prose.

    GB18030 decodes almost any byte string, mostly into rare ideographs and
    private-use characters. Real Chinese text is nearly all common (GB2312)
    ideographs and CJK punctuation.
    """
    sample = text[:_SAMPLE_CHARS]
    non_ascii = sum(1 for c in sample if ord(c) > 0x7F)
    if not non_ascii:
        return True
    han = _HAN.findall(sample)
    punct = len(_CJK_PUNCT.findall(sample))
    if len(han) + punct < 0.9 * non_ascii or not han:
        return False
    common = sum(1 for c in han if _in_gb2312(c))
    return common >= 0.8 * len(han)


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# ---------------------------------------------------------------- HTML

_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(html|head|body|div|p|span|a|br|table|tr|td|li|ul|meta|script|style|title|h[1-6])\b[^<>]*>", re.I)
_MIN_SNIFFED_TAGS = 10

# Elements that never hold report text.
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
              "template", "svg", "canvas", "object", "embed", "head", "title", "button", "select", "input", "textarea")
# class/id words of page chrome, kept in data/html_chrome.txt so users can add their sites' words
def _chrome_words() -> re.Pattern:
    words = sorted(set(load_data("html_chrome.txt", WordList).words), key=len, reverse=True)
    return re.compile(r"(^|[^a-z])(" + "|".join(re.escape(w) for w in words) + r")([^a-z]|$)", re.I)


_CHROME_WORDS = _chrome_words()
# A chrome-looking wrapper holding this much of the page's text is the page itself (class="has-sidebar").
_CHROME_MAX_SHARE = 0.5

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "tfoot", "thead", "tr", "ul",
}
_CELL_TAGS = {"td", "th"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")


def looks_like_html(text: str, suffix: str = "") -> bool:
    """True for .htm/.html files and for text that starts like, or is full of, HTML."""
    if suffix.lower() in _HTML_SUFFIXES:
        return True
    head = text[:4096]
    if _HTML_START.match(head) or "<html" in head[:1024].lower():
        return True
    return len(_HTML_TAG.findall(text[:65536])) >= _MIN_SNIFFED_TAGS


def _parser() -> str:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return "html.parser"
    return "lxml"


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block (p, div, li, tr, heading, br) per line.

    Scripts, styles, navigation, headers, footers, forms, hidden elements and
    elements whose class or id names page chrome (menu, breadcrumb, share, ...)
    are dropped. Runs of whitespace become one space; table cells are separated
    by a tab.
    """
    from bs4 import BeautifulSoup, Comment, NavigableString
    from bs4.builder import ParserRejectedMarkup

    try:
        soup = BeautifulSoup(html, _parser())
    except (ParserRejectedMarkup, AssertionError, ValueError, RecursionError) as e:
        raise GovReportError(f"cannot parse the HTML: {e}") from None
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(_DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all("header"):
        # a <header> inside an article is the article's title, not the site banner
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    total = len(soup.get_text())
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        if _hidden(tag) or (_chrome(tag) and len(tag.get_text()) < _CHROME_MAX_SHARE * total):
            tag.decompose()

    # iterative walk: real pages can nest deeper than Python's recursion limit
    parts: list[str] = []
    stack: list = [(soup, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node, in_pre = item
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a Doctype, CData, processing instruction...
                parts.append(str(node) if in_pre else _HTML_SPACE.sub(" ", str(node)))
            continue
        name = node.name
        if name == "br":
            parts.append("\n")
            continue
        edge = "\n" if name in _BLOCK_TAGS else "\t" if name in _CELL_TAGS else ""
        parts.append(edge)
        stack.append(edge)
        inner_pre = in_pre or name == "pre"
        stack.extend((child, inner_pre) for child in reversed(node.contents))
    lines = []
    for line in "".join(parts).split("\n"):
        line = re.sub(r" *\t[\t ]*", "\t", line)  # cell separators: one tab, no spaces around
        line = re.sub(r" {2,}", " ", line).strip(" \t")
        if line:
            lines.append(line)
    return "\n".join(lines)


def _hidden(tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _chrome(tag) -> bool:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    names = [*classes, str(tag.get("id") or ""), str(tag.get("role") or "")]
    return any(_CHROME_WORDS.search(n) for n in names if n)


def as_document(source: Union[Document, str, PathLike], region: Optional[str] = None, year: Optional[int] = None) -> Document:
    """A :class:`Document` from a Document, a path or a str of text, with the caller's region/year."""
    if isinstance(source, Document):
        if region is None and year is None:
            return source
        return source.model_copy(update={"region": region or source.region, "year": year or source.year})
    if isinstance(source, PathLike):
        return load(source, region=region, year=year)
    if isinstance(source, str):
        return load_text(source, region=region, year=year)
    raise TypeError(f"extract() takes a Document, a str of report text or a path, not {type(source).__name__}")
