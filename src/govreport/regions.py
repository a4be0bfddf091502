"""The gazetteer: China's administrative divisions, from 全国 down to counties and districts.

    >>> region_level("全国"), region_level("湖北省"), region_level("咸宁市"), region_level("咸安区")
    ('country', 'province', 'city', 'county')
    >>> default_gazetteer().ancestors("咸安区")
    ['咸宁市', '湖北省', '全国']
    >>> region_level("不是地名") is None
    True

The names live in ``data/regions.tsv`` (full name, level, parent, short name); the short
names too common as ordinary words to look for in text (安康, 和平, 东方 …) in
``data/regions_ambiguous.txt``. ``Gazetteer.mentions`` finds region names in a text with one
C-level scan per text.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Optional

__all__ = ["Gazetteer", "LEVELS", "default_gazetteer", "region_level"]

_DATA = "data"
_REGIONS_FILE = "regions.tsv"
_AMBIGUOUS_FILE = "regions_ambiguous.txt"
#: levels from the top down
LEVELS = ("country", "province", "city", "county")
LEVEL_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_LEVEL_WORDS = "省市县区州旗盟"
_NAME_LIST = re.compile("[、和与及]")


class Gazetteer:
    """Administrative names: full name -> (level, parent); short names of provinces and cities.

    Two-character names (城区, 郊区, 新县, 全国) and the ``ambiguous`` ones are not
    looked for in text: they are ordinary words too (主城区, 创新县域).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str]], ambiguous: Iterable[str] = ()):
        self.level: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.county_short: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self._searchable: set[str] = set()
        ambiguous = set(ambiguous)
        for name, level, parent, short in rows:
            self.level.setdefault(name, level)
            if parent:
                self.parent.setdefault(name, parent)
            if len(name) > 2 and name not in ambiguous:
                self._searchable.add(name)
            if not short or short in ambiguous or len(short) < 2:
                continue
            if level == "county":
                self.county_short.setdefault(short, name)
            else:
                old = self.short.get(short)
                # a short name shared by a province and a city (吉林) means the province
                if old is None or LEVEL_RANK[level] < LEVEL_RANK[self.level[old]]:
                    self.short[short] = name
        # every name has two or more characters: index the lengths worth trying by the first two,
        # so the scan costs one dict lookup at a position that starts no name
        by_prefix: dict[str, set[int]] = {}
        for n in (*self._searchable, *self.short, *self.county_short):
            by_prefix.setdefault(n[:2], set()).add(len(n))
        self._lengths_by_prefix = {k: sorted(v, reverse=True) for k, v in by_prefix.items()}
        self.short_of_county = {n: s for s, n in self.county_short.items()}
        self._any_name = frozenset(self._searchable) | frozenset(self.short) | frozenset(self.county_short)
        self._cached_text: Optional[str] = None
        self._cached_candidates: tuple = ([], [])
        # a name starts where its first two characters stand; a two-class pattern finds the places
        # where both could, in one C-level scan, so Python looks only at those (~1 in 8 characters)
        firsts = "".join(sorted({re.escape(k[0]) for k in by_prefix}))
        seconds = "".join(sorted({re.escape(k[1]) for k in by_prefix}))
        self._pair_start = re.compile(f"(?=[{firsts}][{seconds}])")

    def ancestors(self, name: str) -> list[str]:
        """The regions above ``name``, nearest first (咸安区 -> 咸宁市, 湖北省, 全国)."""
        out, seen = [], {name}
        while name in self.parent and self.parent[name] not in seen:
            name = self.parent[name]
            seen.add(name)
            out.append(name)
        return out

    def full_name(self, name: str) -> Optional[str]:
        """The full name of a full or short province/city name (湖北 -> 湖北省), else None."""
        if name in self.level:
            return name
        return self.short.get(name)

    def _candidates(self, text: str) -> tuple[list[int], list[list[tuple[int, str]]]]:
        """Every position where some name (full, short or county short) starts, with the
        (length, piece) of each, longest first. One scan per text; kept for the last text, since
        a document asks again for each article and for its title."""
        if self._cached_text is text:
            return self._cached_candidates
        positions, candidates = [], []
        by_prefix, names = self._lengths_by_prefix, self._any_name
        for m in self._pair_start.finditer(text):
            i = m.start()
            lengths = by_prefix.get(text[i:i + 2])
            if lengths:
                found = [(k, piece) for k in lengths if (piece := text[i:i + k]) in names and len(piece) == k]
                if found:
                    positions.append(i)
                    candidates.append(found)
        if len(text) > 200:  # a title or a file name is cheap to scan again: keep the document's scan
            self._cached_text, self._cached_candidates = text, (positions, candidates)
        return positions, candidates

    def names_only(self, phrase: str) -> bool:
        """Whether ``phrase`` is nothing but region names (咸阳市; 宝鸡市、咸阳市; 宽甸县, the short
        name of 宽甸满族自治县 with its level word)."""
        def known(part: str) -> bool:
            return part in self.level or (len(part) > 2 and part[-1] in _LEVEL_WORDS and (
                part[:-1] in self.county_short or part[:-1] in self.short))
        parts = [p for p in _NAME_LIST.split(phrase) if p]
        return bool(parts) and all(map(known, parts))

    def name_starts(self, text: str) -> list[int]:
        """Sorted positions where some name (full or short) could start in ``text``."""
        return self._candidates(text)[0]

    def mentions(self, text: str, start: int = 0, end: Optional[int] = None,
                 counties: Optional[Iterable[str]] = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, full name) of region names in ``text[start:end]``, longest first.

        With ``counties`` given, only those counties are found, by full or short name
        (咸安区, 咸安); without it every county is found by its full name only.
        """
        end = len(text) if end is None else end
        allowed = None if counties is None else set(counties)
        allowed_county_short = {self.short_of_county[n]: n for n in allowed or ()
                                if n in self.short_of_county}
        positions, candidates = self._candidates(text)
        out, i = [], start
        for j in range(bisect.bisect_left(positions, start), len(positions)):
            p = positions[j]
            if p >= end:
                break
            if p < i:
                continue  # inside the name found last
            for k, piece in candidates[j]:
                if p + k > end:
                    continue
                full = (piece if piece in self._searchable else self.short.get(piece)
                        or allowed_county_short.get(piece))
                if full and allowed is not None and self.level.get(full) == "county" and full not in allowed:
                    full = None
                if full:
                    out.append((p, p + k, full))
                    i = p + k
                    break
        return out


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer (built once per process), its files checked against their schemas."""
    from .vocab import Regions, WordList, load_data

    rows = [(r.name, r.level, r.parent, r.short) for r in load_data(_REGIONS_FILE, Regions).rows]
    return Gazetteer(rows, load_data(_AMBIGUOUS_FILE, WordList).words)


def region_level(name: Optional[str]) -> Optional[str]:
    """``country``, ``province``, ``city`` or ``county`` for a full region name; None if unknown."""
    if not name:
        return None
    return default_gazetteer().level.get(name)
