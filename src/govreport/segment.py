"""Split a report into sentences and clauses, keeping character offsets.

Reports end sentences with 。！？ (and often ； between the items of a target
list) and separate clauses with ，、：. Line breaks end a sentence too: headings
and bullet points carry no final stop.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

SENTENCE_END = regex.compile(r"[。！？!?；;]+|\n+")
CLAUSE_END = regex.compile(r"[，,：:]")
# a record quotes its sentence; text with no sentence ends (a flattened table) would otherwise
# give every figure in it the whole text
MAX_QUOTE = 300
# a clause reaches no further than this either side of a position: in text without punctuation
# every figure would otherwise scan back to the start of the text (quadratic)
MAX_CLAUSE = 300


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Segmentation:
    """Sentence boundaries of one text; lookups by character offset are O(log n)."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in SENTENCE_END.finditer(text):
            starts.append(m.end())
        self._starts = starts

    def sentence_at(self, pos: int, reach: int = MAX_QUOTE) -> Span:
        """The sentence containing ``pos``, without surrounding white space, and no more than
        ``reach`` characters either side of ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        start = max(self._starts[i], pos - reach)
        end = min(self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text), pos + reach)
        while end > start and self.text[end - 1] in "。！？!?；;\n \t\u3000":
            end -= 1
        while start < end and self.text[start] in " \t\u3000":
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
