"""Split a report into sentences, clauses and list items, keeping character offsets: once per
document, for every stage.

Reports end sentences with 。！？; a line break, a bullet and a run of spaces between Chinese
words (a web page's heading and its body on one line) end one too, since headings and bullet
points carry no final stop. ； separates the items of a list inside one sentence (a target list
runs on after it), and ，：； separate clauses. The boundaries are the patterns of
``data/segment.json``.

    >>> seg = Segmentation("一、2023年工作回顾\\n地区生产总值增长6%，规上工业增加值增长7%；税收增长5%。")
    >>> seg.sentence_text(seg.text.index("7%"))
    '地区生产总值增长6%，规上工业增加值增长7%；税收增长5%'
    >>> seg.text[seg.clause_start(seg.text.index("7%")):seg.text.index("7%")]
    '规上工业增加值增长'
    >>> seg.text[seg.item_start(seg.text.index("5%")):seg.text.index("5%")]
    '税收增长'
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

# a record quotes its sentence; text with no sentence ends (a flattened table) would otherwise
# give every figure in it the whole text
MAX_QUOTE = 300
# a clause reaches no further than this either side of a position: in text without punctuation
# every figure would otherwise scan back to the start of the text (quadratic)
MAX_CLAUSE = 300
_TRIM_END = "。！？!?；;\n \t\u3000"
_TRIM_START = " \t\u3000"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Boundaries:
    """The compiled boundary patterns of ``data/segment.json``."""

    sentence_end: re.Pattern
    clause_or_item: re.Pattern  # (?P<item>…)|(?P<clause>…): an item end first, where both match
    item_is_clause: bool        # an item end (；) also ends a clause


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    from .regexes import guarded
    from .vocab import SegmentVocabulary, load_data

    v = load_data("segment.json", SegmentVocabulary)
    item_is_clause = all(re.fullmatch(v.clause_end_regex, ch) for ch in "；;" if re.fullmatch(v.item_end_regex, ch))
    return Boundaries(re.compile(guarded(v.sentence_end_regex), re.M),
                      re.compile(guarded(f"(?P<item>{v.item_end_regex})|(?P<clause>{v.clause_end_regex})"), re.M),
                      item_is_clause)


def _merge(a: list[int], b: list[int]) -> list[int]:
    """The sorted union of two sorted lists of offsets."""
    return sorted(set(a).union(b))


class Segmentation:
    """The sentences, clauses and list items of one text, found once; a lookup by character
    offset is one binary search."""

    def __init__(self, text: str, bounds: Boundaries | None = None):
        b = bounds or boundaries()
        self.text = text
        self.sentence_starts = [0] + [m.end() for m in b.sentence_end.finditer(text) if m.end() > 0]
        # clause and item ends: one pass of the two patterns together, each end kept by its kind
        clause_ends, item_ends = [], []
        for m in b.clause_or_item.finditer(text):
            (item_ends if m.lastgroup == "item" else clause_ends).append(m.end())
        self.clause_starts = _merge(self.sentence_starts, sorted(clause_ends + item_ends)
                                    if b.item_is_clause else clause_ends)
        self.item_starts = _merge(self.sentence_starts, item_ends)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    @staticmethod
    def _start(starts: list[int], pos: int) -> int:
        return starts[max(0, bisect.bisect_right(starts, pos) - 1)]

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts."""
        return self._start(self.sentence_starts, pos)

    def sentence_end(self, pos: int) -> int:
        """Where the sentence holding ``pos`` ends (the next sentence's start)."""
        i = bisect.bisect_right(self.sentence_starts, pos)
        return self.sentence_starts[i] if i < len(self.sentence_starts) else len(self.text)

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts."""
        return self._start(self.clause_starts, pos)

    def item_start(self, pos: int) -> int:
        """Where the list item (or sentence) holding ``pos`` starts."""
        return self._start(self.item_starts, pos)

    def line_start(self, pos: int) -> int:
        return self._start(self.line_starts, pos)

    def sentence_at(self, pos: int, reach: int = MAX_QUOTE) -> Span:
        """The sentence containing ``pos``, without surrounding white space, and no more than
        ``reach`` characters either side of ``pos``."""
        text = self.text
        start = max(self.sentence_start(pos), pos - reach)
        end = min(self.sentence_end(pos), pos + reach)
        while end > start and text[end - 1] in _TRIM_END:
            end -= 1
        while start < end and text[start] in _TRIM_START:
            start += 1
        return Span(start, end)

    def sentence_text(self, pos: int) -> str:
        s = self.sentence_at(pos)
        return self.text[s.start:s.end]


def clause_start(text: str, pos: int, floor: int | None = None) -> int:
    """Offset where the clause holding ``pos`` begins (after the last ，,：: or sentence end), at
    most :data:`MAX_CLAUSE` characters before ``pos`` unless ``floor`` says otherwise."""
    if floor is None:
        floor = max(0, pos - MAX_CLAUSE)
    i = pos - 1
    while i >= floor:
        c = text[i]
        if c in "，,：:。！？!?；;\n":
            return i + 1
        i -= 1
    return floor


def clause_end(text: str, pos: int, ceiling: int | None = None) -> int:
    """Offset where the clause holding ``pos`` ends, at most :data:`MAX_CLAUSE` characters after
    ``pos`` unless ``ceiling`` says otherwise."""
    n = min(len(text), pos + MAX_CLAUSE) if ceiling is None else ceiling
    i = pos
    while i < n:
        if text[i] in "，,：:。！？!?；;\n":
            return i
        i += 1
    return n
