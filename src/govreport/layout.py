"""Text laid out on pages, put back into paragraphs.

A PDF breaks each paragraph into lines as wide as the page, and adds page numbers and running
headers. Text copied out of a PDF (pdftotext, a reader's "save as text") keeps all of that. To
the extraction a line break ends a sentence and a short line is a heading, so a report read
that way loses figures and their context. :func:`unwrap` joins the lines of a paragraph again
and drops the page furniture, when the text shows it went through pages; other text comes back
unchanged, character for character:

    >>> unwrap("全市地区生产总值增长5.4%，一般公共预算收入增长4.8%。\\n二、2026年工作安排")
    '全市地区生产总值增长5.4%，一般公共预算收入增长4.8%。\\n二、2026年工作安排'

The PDF reader (:mod:`govreport.formats`) knows more than the text shows (where each line ends
on the page, whether it is indented) and hands its lines to :func:`join_lines` directly.

The patterns (page numbers, how a paragraph opens, which characters end a sentence) and the
thresholds live in ``data/layout.json``.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional


@dataclass(frozen=True)
class Rules:
    page_number: re.Pattern
    bare_number: re.Pattern
    min_page_numbers: int
    sentence_end: frozenset
    no_stop: frozenset
    heading_max_chars: int
    paragraph_start: re.Pattern
    heading_start: re.Pattern
    min_wrapped_lines: int
    min_wrapped_share: float
    max_overlong_share: float
    max_stopped_full_share: float
    min_wrap_width: int
    max_wrap_chars: int


@lru_cache(maxsize=4)
def rules(path: Optional[str] = None) -> Rules:
    """The layout rules: ``data/layout.json``, or a user's copy named by path or GOVREPORT_LAYOUT."""
    path = path or os.environ.get("GOVREPORT_LAYOUT")
    if path:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    else:
        raw = json.loads(resources.files("govreport").joinpath("data/layout.json").read_text(encoding="utf-8"))
    return Rules(
        page_number=re.compile("|".join(f"(?:{r})" for r in raw["page_number_regex"])),
        bare_number=re.compile(r"\d{1,4}"),
        min_page_numbers=int(raw["min_page_numbers"]),
        sentence_end=frozenset(raw["sentence_end_chars"]),
        no_stop=frozenset(raw["no_stop_chars"]),
        heading_max_chars=int(raw["heading_max_chars"]),
        paragraph_start=re.compile(raw["paragraph_start_regex"]),
        heading_start=re.compile(raw["heading_start_regex"]),
        min_wrapped_lines=int(raw["min_wrapped_lines"]),
        min_wrapped_share=float(raw["min_wrapped_share"]),
        max_overlong_share=float(raw["max_overlong_share"]),
        max_stopped_full_share=float(raw["max_stopped_full_share"]),
        min_wrap_width=int(raw["min_wrap_width"]),
        max_wrap_chars=int(raw.get("max_wrap_chars", 150)),
    )


@dataclass
class Line:
    """One line as laid out on a page.

    ``full``: it reaches the right margin, so its paragraph may go on. ``opens``: the layout shows
    it opens a paragraph (it is indented, or has space above it), or shows it does not (False);
    None when the layout does not tell. ``page_start``: the first line after a page break (or
    after dropped page furniture).
    """

    text: str
    full: bool = False
    opens: Optional[bool] = None
    centred: bool = False
    page_start: bool = False


def is_page_number(line: str, r: Optional[Rules] = None) -> bool:
    """Whether a line, stripped, is a page number as reports print them (— 12 —, -3-, 第 3 页)."""
    r = r or rules()
    s = line.strip()
    return bool(s) and r.page_number.fullmatch(s) is not None


def display_width(s: str) -> int:
    """Columns ``s`` takes on a page: two for a Chinese character, a full-width form or a character
    whose width depends on the font (“ ” — ·, full-width in Chinese fonts), one for the rest."""
    # every character beyond ASCII counts as wide: Chinese text has next to no narrow ones
    return 2 * len(s) - len(s.encode("ascii", "ignore"))


# ---------------------------------------------------------------- joining lines

def _ends_sentence(text: str, r: Rules) -> bool:
    s = text.rstrip()
    # a closing quote or bracket after the stop (…目标。” ) still ends the sentence
    s = s.rstrip("”’」』）)》")
    return bool(s) and s[-1] in r.sentence_end


def _opens_paragraph(line: Line, r: Rules) -> bool:
    """A heading or a numbered item: a line that starts a paragraph wherever the line before ends."""
    s = line.text.strip()
    if not s:
        return True
    if r.paragraph_start.match(s):
        return True
    # a short line without a final stop is a heading (and is no paragraph's last line: that ends with 。)
    return not line.full and len(s) <= r.heading_max_chars and s[-1] not in r.no_stop


def _full_heading(line: Line, r: Rules) -> bool:
    """A numbered heading (一、 （三）) that happens to fill its line: no sentence end in it."""
    s = line.text.strip()
    return bool(r.heading_start.match(s)) and not any(c in r.sentence_end for c in s)


def continues(prev: Line, line: Line, r: Optional[Rules] = None, prev_opens: bool = False) -> bool:
    """Whether ``line`` goes on with the paragraph of ``prev`` (the break between them is no
    boundary). ``prev_opens``: ``prev`` is the first line of its paragraph."""
    r = r or rules()
    if not prev.full or not prev.text.strip() or not line.text.strip():
        return False
    if line.opens or line.centred:
        return False
    if line.opens is None:
        # a full line that ends a sentence may end its paragraph too: unless the layout says
        # otherwise, a heading or a numbered item then starts the next line
        if _ends_sentence(prev.text, r) and _opens_paragraph(line, r):
            return False
        if prev_opens and _full_heading(prev, r):
            return False
    return True


def join_lines(lines: list[Line], r: Optional[Rules] = None) -> str:
    """The lines joined into paragraphs, one per output line.

    A line that :func:`continues` the one before is appended to it without a separator (a line
    break inside Chinese text stands for no space); white space starting the appended line (a page
    margin) is dropped.
    """
    r = r or rules()
    out: list[str] = []
    prev: Optional[Line] = None
    prev_opens = True
    for line in lines:
        if prev is not None and continues(prev, line, r, prev_opens):
            out[-1] = out[-1] + line.text.lstrip()
            prev_opens = False
        else:
            if out:
                out[-1] = out[-1].rstrip()
            out.append(line.text)
            prev_opens = True
        prev = line
    if out:
        out[-1] = out[-1].rstrip()
    return "\n".join(out)


# ---------------------------------------------------------------- plain text

@dataclass
class _Width:
    """How the lines of a text are measured and how wide a full line is."""

    measure: str  # "chars" or "columns"
    width: int
    tolerance: int  # how much shorter than the width a line may be and still be full
    full_share: float
    full_lines: int
    indent: Optional[tuple[int, int]] = None  # how much shorter a paragraph's first line may be


def _measure(line: str, measure: str) -> int:
    # leading white space is part of the width (a paragraph's indented first line is full too), and
    # so is trailing white space in a hard wrap, which cuts after a space as anywhere else
    s = line.lstrip("\f")
    return len(s) if measure == "chars" else display_width(s.rstrip())


# (measure, how much shorter a line near the width may be, how much shorter a full line may be,
# how much longer it may be, how much shorter an indented first line may be): a hard wrap cuts
# every line at the same count of characters; on a typeset page a line is full within a character
# or two (a digit is half as wide as a Chinese character), closing punctuation may hang past the
# margin, and a paragraph's first line is two characters shorter when its indent was lost
_MEASURES = (("chars", 0, 0, 0, None), ("columns", 5, 3, 2, (7, 4)))


def wrap_width(lines: list[str], r: Optional[Rules] = None) -> Optional[_Width]:
    """The width the lines were wrapped at, or None when they do not look wrapped.

    Hard-wrapped text cuts every line at the same number of characters; text copied from a
    typeset page has lines of the same width on the page, where a Chinese character is twice as
    wide as a digit. Both are tried, in that order (a hard wrap is the surer sign).
    """
    r = r or rules()
    body = [ln for ln in lines if ln.strip()]
    if len(body) < r.min_wrapped_lines:
        return None
    # lines of paragraphs: too many lines longer than any page is wide
    if sum(1 for ln in body if len(ln) > r.max_wrap_chars) > r.max_overlong_share * len(body):
        return None
    for measure, tolerance, full_tolerance, hang, indent in _MEASURES:
        sizes = Counter(_measure(ln, measure) for ln in body)
        # the wrap width: the commonest size (a line of Chinese characters only fills it exactly);
        # the lines at it or up to `tolerance` below it (digits are narrower) are the full ones
        min_width = r.min_wrap_width if measure == "columns" else r.min_wrap_width // 2
        width = max((n, v) for v, n in sizes.items() if v >= min_width)[1] if max(sizes) >= min_width else 0
        full = sum(n for v, n in sizes.items() if width - tolerance <= v <= width + hang)
        too_long = sum(n for v, n in sizes.items() if v > width + hang)
        if (width < min_width or full < r.min_wrapped_lines or full < r.min_wrapped_share * len(body)
                or too_long > r.max_overlong_share * len(body)):
            continue
        stopped = sum(1 for ln in body if width - tolerance <= _measure(ln, measure) <= width + hang
                      and ln.rstrip()[-1] in "。！？!?")
        if stopped > r.max_stopped_full_share * full:
            continue
        return _Width(measure, width, full_tolerance, full / len(body), full, indent)
    return None


def _page_numbers(lines: list[str], wrapped: bool, r: Rules) -> set[int]:
    """Indexes of the lines that are page numbers.

    A bare number (12) counts only as one of a run of numbers going up by one; a decorated one
    (— 12 —, 第12页) when the text is wrapped or has at least ``min_page_numbers`` of them.
    """
    found = [i for i, ln in enumerate(lines) if is_page_number(ln, r)]
    bare = [i for i in found if r.bare_number.fullmatch(lines[i].strip())]
    decorated = [i for i in found if i not in set(bare)]
    keep: set[int] = set()
    if decorated and (wrapped or len(decorated) >= r.min_page_numbers):
        keep.update(decorated)
    run: list[int] = []
    for i in bare:
        if run and int(lines[i].strip()) == int(lines[run[-1]].strip()) + 1:
            run.append(i)
        else:
            if len(run) >= r.min_page_numbers:
                keep.update(run)
            run = [i]
    if len(run) >= r.min_page_numbers:
        keep.update(run)
    return keep


def _running_heads(lines: list[str], breaks: list[int], r: Rules) -> set[int]:
    """Indexes of running headers and footers: the same line next to most page breaks (kept once
    on the first page, where it is the title)."""
    near: dict[str, list[int]] = {}
    for b in breaks:
        for i in (b - 1, b, b + 1):
            # the lines just before and after a page break, skipping blank ones
            if 0 <= i < len(lines) and lines[i].strip() and not is_page_number(lines[i], r):
                near.setdefault(lines[i].strip(), []).append(i)
    drop: set[int] = set()
    for text, idx in near.items():
        if len(set(idx)) >= max(2, len(breaks) // 2):
            drop.update(idx)
    return drop


def unwrap(text: str, r: Optional[Rules] = None) -> str:
    """``text`` with its paragraphs joined again and its page numbers and running heads dropped,
    if it shows it was laid out on pages; else ``text`` itself.

    Signs of pages: form feeds, page numbers on lines of their own, or most lines as wide as
    the widest within a character (see :func:`wrap_width`). A line break stays where the line
    before is short (a paragraph's last line, a heading), where a heading or numbered item
    follows a full line ending a sentence, and at blank lines.
    """
    r = r or rules()
    lines = text.replace("\f", "\n\f").split("\n")
    width = wrap_width([ln for ln in lines if not is_page_number(ln, r)], r)
    numbers = _page_numbers(lines, width is not None, r)
    feeds = [i for i, ln in enumerate(lines) if ln.startswith("\f")]
    if width is None and not numbers and not feeds:
        return text
    breaks = sorted(set(numbers) | set(feeds))
    heads = _running_heads(lines, breaks, r)
    # the title atop the first page is the report's, not a running head
    opening = [i for i, ln in enumerate(lines) if ln.strip()][:3]
    drop = numbers | (heads - set(opening))

    out: list[Line] = []
    page_start = False
    for i, ln in enumerate(lines):
        if ln.startswith("\f"):
            ln, page_start = ln[1:], True
        if i in drop:
            page_start = True
            continue
        if not ln.strip() and (page_start or (i + 1 < len(lines) and i + 1 in drop)):
            continue  # blank lines around dropped furniture
        full = False
        if width is not None:
            size = _measure(ln, width.measure)
            full = size >= width.width - width.tolerance
            if (not full and width.indent and width.width - width.indent[0] <= size <= width.width - width.indent[1]
                    and (not out or not out[-1].full or not _ends_sentence(ln, r))):
                # a line short by about an indent is a paragraph's first (whose indent was lost)
                # after a paragraph's end, or when it does not end a sentence as a last line does
                full = True
        elif ln.strip():
            # no wrap width (paragraphs already on lines of their own): only a break at a page end
            # inside a sentence is no boundary
            full = len(ln.strip()) > r.heading_max_chars and not _ends_sentence(ln, r)
        out.append(Line(ln, full=full, page_start=page_start))
        page_start = False
    if width is None:
        # join only across the page breaks
        joined: list[str] = []
        for k, line in enumerate(out):
            if k and line.page_start and continues(out[k - 1], line, r):
                joined[-1] = joined[-1].rstrip() + line.text.lstrip()
            else:
                joined.append(line.text)
        return "\n".join(joined)
    return join_lines(out, r)
