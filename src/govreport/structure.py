"""The outline of a document: articles, nested sections, and the period and mood of each.

A government work report delivered in early Y reviews Y-1 (and, at the end of a plan period,
the five years before), and plans Y (and, at the start of one, the five years ahead). Its
headings say which part is which (``一、2025年和“十四五”时期工作回顾``, ``二、“十五五”时期主要目标任务``,
``三、2026年重点工作``); inside a part, a sentence that opens with a time (``2025年是…``,
``一年来，…``, ``过去五年，…``, ``今年经济社会发展的主要预期目标是…``) speaks for that time up to the
next such sentence. The outline records all of it, with the reason for each decision, once per
document; :mod:`govreport.context` then reads every figure's kind and year from the innermost
section that holds it.

    >>> text = ("2026年某省政府工作报告\\n——2026年1月27日在湖北省第十四届人民代表大会第五次会议上\\n"
    ...         "一、2025年和“十四五”时期工作回顾\\n过去一年，地区生产总值增长5.5%。\\n"
    ...         "过去五年，地区生产总值年均增长5.6%。\\n二、2026年工作安排\\n地区生产总值增长5%左右。")
    >>> o = build_outline(text)   # or govreport.outline(doc) for a Document or a path
    >>> o.region, o.report_year, o.articles[0].report_year_rule
    ('湖北省', 2026, 'title:2026年某省政府工作报告')
    >>> print(o.tree())
    [0:...] 2026年某省政府工作报告 — report 2026, 湖北省
      一、2025年和“十四五”时期工作回顾 — review 2025 (also 2021–2025)
        过去一年 — review 2025
        过去五年 — review 2021–2025
      二、2026年工作安排 — plan 2026

All language data (heading words, period expressions, openers) lives in ``data/outline.json``.
"""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Mapping, Optional

from .errors import GovReportError
from .models import Article, Outline, Period, Section
from .numerals import fold_width
from .regexes import compile_cue
from .regions import LEVEL_RANK, Gazetteer, default_gazetteer
from .segment import Segmentation
from .vocab import OutlineVocabulary, load_source

__all__ = ["OutlineCues", "OutlineIndex", "Scope", "build_outline", "load_outline_cues", "outline"]

_DATA = "data"
_CUES_FILE = "outline.json"
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
_STOPS = "。；;，,：:、"
_SENTENCE_STOP = re.compile("[。！？]")
_BARE_YEAR_AFTER_PREFIX = re.compile(r"^(\w{2})[“\"]?((?:19|20)\d{2})(?!\d)")


# ---------------------------------------------------------------- language data

@dataclass(frozen=True)
class HeadingMarker:
    name: str
    regex: re.Pattern
    level: int


@dataclass(frozen=True)
class OutlineCues:
    """Compiled outline data (see data/outline.json for what each entry means)."""

    separator_line: re.Pattern
    rule_line: re.Pattern
    byline: re.Pattern
    title_max_chars: int
    title_min_chars: int
    title_skip: re.Pattern
    report_title: re.Pattern
    report_delivery: re.Pattern
    delivery_next_year_month: int
    report_opening_markers: tuple[str, ...]
    report_marker_chars: int
    issuer_self: re.Pattern
    country_issuers: tuple[str, ...]
    country_venue_words: tuple[str, ...]
    source_line: re.Pattern
    heading_max_chars: int
    heading_sentence_max_chars: int
    heading_match_window: int
    markers: tuple[HeadingMarker, ...]
    numbered_heading: re.Pattern
    review_words: re.Pattern
    plan_words: re.Pattern
    estimate_words: re.Pattern
    review_words_untimed: re.Pattern
    plan_words_untimed: re.Pattern
    review_prefixes: tuple[str, ...]
    plan_prefixes: tuple[str, ...]
    heading_period_window: int
    period_joiners: tuple[str, ...]
    period_heading_words: re.Pattern
    future_parts: frozenset
    by_year_max_chars: int
    period: re.Pattern
    plan_periods: Mapping[str, int]
    relative_periods: Mapping[str, tuple[int, int]]
    opener: re.Pattern
    year: re.Pattern
    relative_years: Mapping[str, int]
    comparison_before: re.Pattern
    comparison_after: re.Pattern
    own_number_before: re.Pattern
    own_number_after: re.Pattern
    name_open: re.Pattern
    year_span_after: re.Pattern
    scope_words: Mapping[str, tuple[str, ...]]
    scope_any: re.Pattern
    scope_exclude_after: re.Pattern
    self_reference_before: re.Pattern
    self_reference_after: re.Pattern
    self_reference_weight: int
    zone: re.Pattern
    bullet: re.Pattern
    opener_max_lines: int
    plan_mood: re.Pattern
    result_mood: re.Pattern


def _compile(pattern: str, where: str, flags=re.M) -> re.Pattern:
    return compile_cue(pattern, "outline cues", where, flags)


def _words(raw: Mapping, key: str) -> re.Pattern:
    return _compile("|".join(f"(?:{w})" for w in raw[key]) or "(?!)", key)


def load_outline_cues(source: str | os.PathLike | Mapping | None = None) -> OutlineCues:
    """Outline data from a dict, a JSON file, ``$GOVREPORT_OUTLINE_CUES`` or the packaged default."""
    if source is None and not os.environ.get("GOVREPORT_OUTLINE_CUES"):
        return _default_cues()
    return _build_cues(load_source(_CUES_FILE, OutlineVocabulary, source, "GOVREPORT_OUTLINE_CUES"))


@lru_cache(maxsize=1)
def _default_cues() -> OutlineCues:
    return _build_cues(load_source(_CUES_FILE, OutlineVocabulary))


def _build_cues(v: OutlineVocabulary) -> OutlineCues:
    raw = v.model_dump()  # validated by its schema (govreport.vocab.OutlineVocabulary)
    try:
        markers = tuple(HeadingMarker(m["name"], _compile(m["regex"], "heading_markers"), int(m["level"]))
                        for m in raw["heading_markers"])
        numbered = _compile(raw["numbered_heading_start_regex"] + "(?:"
                            + "|".join(f"(?P<{m.name}>{m.regex.pattern})" for m in markers) + ")",
                            "heading_markers")
        return OutlineCues(
            separator_line=_compile(raw["separator_line_regex"], "separator_line_regex"),
            rule_line=_compile(raw["rule_line_regex"], "rule_line_regex"),
            byline=_compile(raw["byline_regex"], "byline_regex"),
            title_max_chars=int(raw["title_max_chars"]),
            title_min_chars=int(raw["title_min_chars"]),
            title_skip=_compile(raw["title_skip_regex"], "title_skip_regex"),
            report_title=_compile(raw["report_title_regex"], "report_title_regex"),
            report_delivery=_compile(raw["report_delivery_regex"], "report_delivery_regex"),
            delivery_next_year_month=int(raw["delivery_plans_next_year_from_month"]),
            report_opening_markers=tuple(raw["report_opening_markers"]),
            report_marker_chars=int(raw["report_marker_chars"]),
            issuer_self=_compile(raw["issuer_self_regex"], "issuer_self_regex"),
            country_issuers=tuple(raw["country_issuers"]),
            country_venue_words=tuple(raw["country_venue_words"]),
            source_line=_compile(raw["source_line_regex"], "source_line_regex"),
            heading_max_chars=int(raw["heading_max_chars"]),
            heading_sentence_max_chars=int(raw["heading_sentence_max_chars"]),
            heading_match_window=int(raw["heading_match_window"]),
            markers=markers,
            numbered_heading=numbered,
            review_words=_words(raw, "review_words"),
            plan_words=_words(raw, "plan_words"),
            estimate_words=_words(raw, "estimate_words"),
            review_words_untimed=_words(raw, "review_words_untimed"),
            plan_words_untimed=_words(raw, "plan_words_untimed"),
            review_prefixes=tuple(raw["review_prefixes"]),
            plan_prefixes=tuple(raw["plan_prefixes"]),
            heading_period_window=int(raw["heading_period_window"]),
            period_joiners=tuple(raw["period_joiners"]),
            period_heading_words=_words(raw, "period_heading_words"),
            future_parts=frozenset(raw["future_parts"]),
            by_year_max_chars=int(raw["by_year_max_chars"]),
            period=_compile(raw["period_regex"], "period_regex"),
            plan_periods=dict(raw["plan_periods"]),
            relative_periods={k: (int(a), int(b)) for k, (a, b) in raw["relative_periods"].items()},
            opener=_compile(raw["opener_regex"], "opener_regex"),
            year=_compile(raw["year_regex"], "year_regex"),
            relative_years=dict(raw["relative_years"]),
            comparison_before=_compile(raw["comparison_before_regex"], "comparison_before_regex"),
            comparison_after=_compile(raw["comparison_after_regex"], "comparison_after_regex"),
            own_number_before=_compile(raw["own_number_before_regex"], "own_number_before_regex"),
            own_number_after=_compile(raw["own_number_after_regex"], "own_number_after_regex"),
            name_open=_compile(raw["name_open_regex"], "name_open_regex"),
            year_span_after=_compile(raw["year_span_after_regex"], "year_span_after_regex"),
            scope_words={k: tuple(v) for k, v in raw["region_scope_words"].items()},
            scope_any=_compile("|".join(re.escape(w) for ws in raw["region_scope_words"].values() for w in ws)
                               or "(?!)", "region_scope_words"),
            scope_exclude_after=_compile(raw["scope_word_exclude_after_regex"], "scope_word_exclude_after_regex"),
            self_reference_before=_compile(raw["self_reference_before_regex"], "self_reference_before_regex"),
            self_reference_after=_compile(raw["self_reference_after_regex"], "self_reference_after_regex"),
            self_reference_weight=int(raw["self_reference_weight"]),
            zone=_compile(raw["zone_regex"], "zone_regex"),
            bullet=_compile(raw["bullet_regex"], "bullet_regex"),
            opener_max_lines=int(raw["opener_max_lines"]),
            plan_mood=_compile("|".join(map(re.escape, raw["plan_mood_words"])), "plan_mood_words"),
            result_mood=_compile("|".join(map(re.escape, raw["result_mood_words"])), "result_mood_words"),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise GovReportError(f"outline cues: bad entry: {e}") from None


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class PeriodMention:
    """A time named in the text: absolute (2025年, 2021—2025年, “十四五”) or relative to the
    report year (今年, 过去五年)."""

    start: int
    end: int
    text: str
    first: Optional[int] = None
    last: Optional[int] = None
    rel: Optional[tuple[int, int]] = None
    part: Optional[str] = None
    to_date: bool = False  # “十三五”以来: the plan period up to the year before the report's

    def resolve(self, report_year: Optional[int]) -> Optional[Period]:
        if self.rel is not None:
            if report_year is None:
                return None
            return Period(first=report_year + self.rel[0], last=report_year + self.rel[1], part=self.part)
        if self.to_date and report_year is not None and self.first < report_year <= self.last:
            return Period(first=self.first, last=report_year - 1)
        return Period(first=self.first, last=self.last, part=self.part)


def _chinese_count(s: str) -> int:
    """三 -> 3, 十 -> 10, 十五 -> 15 (the ordinal of a five-year plan)."""
    if s.startswith("十"):
        return 10 + (_CN_DIGITS.get(s[1:], 0) if len(s) > 1 else 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return _CN_DIGITS[a] * 10 + (_CN_DIGITS[b] if b else 0)
    return _CN_DIGITS[s]


def period_of(m: re.Match, cues: OutlineCues) -> Optional[PeriodMention]:
    """The period a match of ``period_regex`` or ``opener_regex`` names."""
    g = m.groupdict()
    if g.get("year"):
        y = int(g["year"])
        return PeriodMention(m.start(), m.end(), m.group(), y, y, part=g.get("part"))
    if g.get("span"):
        a, b = int(g["span_first"]), int(g["span_last"])
        return PeriodMention(m.start(), m.end(), m.group(), min(a, b), max(a, b)) if 0 < b - a < 20 else None
    if g.get("plan"):
        last = cues.plan_periods.get(g["plan"])
        return None if last is None else PeriodMention(m.start(), m.end(), m.group(), last - 4, last,
                                                       to_date=bool(g.get("since")))
    if g.get("nth"):
        n = _chinese_count(g["nth"])  # the third plan ran 1966–1970, each after it five years on
        first = 1966 + 5 * (n - 3)
        return PeriodMention(m.start(), m.end(), m.group(), first, first + 4)
    if g.get("part_rel"):
        return PeriodMention(m.start(), m.end(), m.group(), rel=(0, 0), part=g["part_rel"])
    if g.get("rel"):
        rel = cues.relative_periods.get(g["rel"])
        return None if rel is None else PeriodMention(m.start(), m.end(), m.group(), rel=rel)
    return None


@dataclass
class YearMention:
    """A year named in running text, for the year of the figures around it."""

    pos: int
    end: int
    year: Optional[int]  # None for a relative year (今年) until its article is known
    comparison: bool     # 比2016年, 2019年同期, 1998年以来: not the figure's year
    own: bool            # 由2016年的60%: the year of the adjacent number only
    relative: Optional[int] = None
    word: str = ""       # as written (上年 counts from its section's year, 去年 from the report's)


def find_years(text: str, cues: OutlineCues) -> list[YearMention]:
    """Every year, plan-period end (十四五期末) and relative year (今年) named in ``text``."""
    c, out = cues, []
    for m in c.year.finditer(text):
        year, rel = None, None
        if m.group("year"):
            year = int(m.group("year"))
        elif m.group("period"):
            year = c.plan_periods.get(m.group("period"))
            if year is None:
                continue
        else:
            rel = c.relative_years.get(m.group("rel"))
            if rel is None:
                continue
        if c.name_open.search(text, max(0, m.start() - 30), m.start()):
            continue  # 《2024—2026年行动方案》 names a document
        before = text[max(0, m.start() - 6):m.start()]
        after = text[m.end():m.end() + 16]
        comparison = bool(c.comparison_before.search(before) or c.comparison_after.match(after))
        own = bool(c.own_number_before.search(before) or c.own_number_after.match(after))
        out.append(YearMention(m.start(), m.end(), year, comparison, own, rel, m.group()))
    return out


def year_number(written: str) -> int:
    """2024 or 二〇二四 as an int."""
    if written.isdigit():
        return int(written)
    return int("".join(str(_CN_DIGITS[ch]) for ch in written))


def _month_number(written: str) -> int:
    return int(written) if written.isdigit() else _chinese_count(written)


# ---------------------------------------------------------------- scopes (what a figure reads)

@dataclass
class Scope:
    """A stretch of an article that speaks for one period in one mood: an article, a heading's
    reach, or a block of sentences opened by a time."""

    start: int
    end: int
    depth: float
    period: Optional[Period]
    mood: Optional[str]
    rule: str
    also: Optional[Period] = None
    section: Optional[Section] = None


@dataclass
class ArticleFacts:
    """An article's own years: the report year (reports), the year figures default to and the
    year targets default to."""

    start: int
    end: int
    report: bool
    region: Optional[str]
    report_year: Optional[int]
    present: Optional[int]
    plan_year: Optional[int]
    byline_year: Optional[int] = None


class OutlineIndex:
    """Lookups into one document's outline by character offset (a few binary searches)."""

    def __init__(self, outline: Outline, articles: list[ArticleFacts], scopes: list[list[Scope]],
                 text: str = "", years: Optional[list] = None, county_names: Optional[set] = None):
        self.outline = outline
        self.text = text
        self.articles = articles
        self.years: list[YearMention] = years or []
        self.year_pos = [y.pos for y in self.years]
        self.county_names: set = county_names or set()
        self._article_starts = [a.start for a in articles]
        # per article: elementary intervals and the innermost scope of each
        self._cuts: list[list[int]] = []
        self._innermost: list[list[Optional[Scope]]] = []
        for a, ss in zip(articles, scopes):
            cuts = sorted({a.start, a.end, *(s.start for s in ss), *(s.end for s in ss)})
            inner: list[Optional[Scope]] = []
            ordered = sorted(ss, key=lambda s: (s.start, s.depth))
            for lo in cuts:
                best = None
                for s in ordered:
                    if s.start > lo:
                        break
                    if s.end > lo and (best is None or (s.depth, s.start) >= (best.depth, best.start)):
                        best = s
                inner.append(best)
            self._cuts.append(cuts)
            self._innermost.append(inner)

    def article_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._article_starts, pos) - 1)

    def scope_at(self, pos: int) -> Optional[Scope]:
        """The innermost section or sentence block that holds ``pos`` (None outside reports)."""
        i = self.article_at(pos)
        cuts = self._cuts[i]
        k = bisect.bisect_right(cuts, pos) - 1
        return self._innermost[i][k] if 0 <= k < len(self._innermost[i]) else None


# ---------------------------------------------------------------- building

@dataclass
class _Heading:
    pos: int
    text: str          # without its number
    full: str          # as written, number included
    level: int         # from its marker; 0 for an unnumbered line until placed
    numbered: bool
    sentence: bool = False
    period: Optional[PeriodMention] = None
    also: Optional[PeriodMention] = None
    mood: Optional[str] = None
    rule: str = ""
    strong: bool = False  # says by itself that the text is a report (a review or a plan of a period)
    worded: bool = False  # has a mood word of its own (回顾, 工作安排 …)

    @property
    def timed(self) -> bool:
        return self.mood is not None


@dataclass
class _Build:
    """Working state for one article."""

    start: int
    end: int
    title: str = ""
    title_at: int = -1
    report: bool = False
    region: Optional[str] = None
    region_rule: str = ""
    report_year: Optional[int] = None
    report_year_rule: str = ""
    date: Optional[str] = None
    byline_year: Optional[int] = None
    headings: list[_Heading] = field(default_factory=list)


class OutlineBuilder:
    """Builds the outline of one text; :func:`build_outline` is the public entry."""

    def __init__(self, text: str, name: str = "", region: Optional[str] = None, year: Optional[int] = None,
                 cues: Optional[OutlineCues] = None, gazetteer: Optional[Gazetteer] = None,
                 county_names: Optional[set] = None, sections: Optional[Mapping[str, str]] = None,
                 segmentation: Optional[Segmentation] = None):
        self.text = fold_width(text)
        # the document's segmentation (its boundaries are those of the folded text too)
        self.segmentation = segmentation or Segmentation(self.text)
        self.given_sections = parse_section_overrides(sections)
        self.name = name
        self.cues = cues or _default_cues()
        self.gazetteer = gazetteer or default_gazetteer()
        self.given_region = region
        self.given_year = year
        self.line_starts = self.segmentation.line_starts
        self.years = find_years(self.text, self.cues)
        self.year_pos = [y.pos for y in self.years]
        self.county_names = county_names if county_names is not None else self._counties_in_text()

    # ------------------------------------------------------------ entry

    def build(self) -> OutlineIndex:
        arts = [self._article(s, e, b) for s, e, b in self._split_articles()]
        facts, scopes, models = [], [], []
        for a in arts:
            f = self._facts(a)
            sc, secs = self._scopes(a, f) if a.report else ([], [])
            facts.append(f)
            scopes.append(sc)
            models.append(Article(start=a.start, end=a.end, title=a.title, report=a.report, region=a.region,
                                  region_rule=a.region_rule, report_year=a.report_year,
                                  report_year_rule=a.report_year_rule, date=a.date, sections=secs))
        main = max(range(len(arts)), key=lambda i: (arts[i].report, arts[i].end - arts[i].start))
        outline = Outline(doc=self.name, region=self.given_region or arts[main].region,
                          report_year=self.given_year or facts[main].report_year or facts[main].plan_year,
                          articles=models)
        index = OutlineIndex(outline, facts, scopes, self.text, self.years, self.county_names)
        self._resolve_relative_years(index)
        return index

    def _resolve_relative_years(self, index: OutlineIndex) -> None:
        """今年/去年 count from a report's year; in news from the last year named before them in the line."""
        last_abs: Optional[int] = None
        last_line = -1
        for y in self.years:
            line = bisect.bisect_right(self.line_starts, y.pos)
            if line != last_line:
                last_abs, last_line = None, line
            if y.relative is None:
                if not y.comparison:
                    last_abs = y.year
                continue
            f = index.articles[index.article_at(y.pos)]
            base = f.report_year if f.report else (last_abs or f.present)
            y.year = None if base is None else base + y.relative

    # ------------------------------------------------------------ articles

    def _split_articles(self) -> list[tuple[int, int, Optional[re.Match]]]:
        """Article spans, each with its byline if it has one. A date line ends an article and a
        byline opens one (with the title line before it), but only after body text: page chrome,
        a title, a delivery line and a byline above one report stay together."""
        c, text = self.cues, self.text
        starts: list[int] = [0]
        bylines: dict[int, re.Match] = {}
        pos, after_date, body = 0, False, False
        prev_start, prev_len = None, 0
        for line in text.splitlines(keepends=True):
            bare = line.strip()
            by = c.byline.match(bare) if bare and not c.separator_line.match(bare) else None
            if by:
                opens = prev_start if prev_start is not None and prev_len <= c.title_max_chars else pos
                if body and opens > starts[-1]:
                    starts.append(opens)
                    body = False
                bylines.setdefault(starts[-1], by)
                after_date = False
            elif c.separator_line.match(bare):
                after_date = body
            elif bare and not c.rule_line.match(bare):
                if after_date and pos > 0:
                    starts.append(pos)
                    body = False
                after_date = False
                if len(bare) > c.title_max_chars or _SENTENCE_STOP.search(bare):
                    body = True
            if bare:
                prev_start, prev_len = pos + line.index(bare[0]), len(bare)
            pos += len(line)
        ends = starts[1:] + [len(text)]
        return [(s, e, bylines.get(s)) for s, e in zip(starts, ends)]

    def _article(self, s: int, e: int, byline: Optional[re.Match]) -> _Build:
        c, text = self.cues, self.text
        a = _Build(s, e)
        if byline:
            a.byline_year = int(byline.group("year"))
            a.date = f"{int(byline.group('year')):04d}-{int(byline.group('month')):02d}-{int(byline.group('day')):02d}"
        a.title, a.title_at = self._title(s, e)
        head_end = min(e, s + c.report_marker_chars)
        delivery = c.report_delivery.search(text, s, head_end)
        # a report's title names the report, not a part of it
        a.headings = [h for h in self._headings(s, e)
                      if not (h.pos == a.title_at and c.report_title.search(a.title))]
        self._apply_overrides(a)
        a.report = bool(c.report_title.search(a.title)
                        or any(h.rule.startswith("given:") for h in a.headings)
                        or delivery is not None
                        or any(k in text[s:head_end] for k in c.report_opening_markers)
                        or any(h.strong for h in a.headings))
        self._report_year(a, delivery)
        self._issuer(a, delivery)
        return a

    def _title(self, s: int, e: int) -> tuple[str, int]:
        """The article's title: a report title among its first lines, else its first line that is
        no page chrome, byline or date (and is not body text)."""
        c, text = self.cues, self.text
        first, pos = None, s
        head_end = min(e, s + c.report_marker_chars)
        for line in text[s:head_end].splitlines(keepends=True):
            bare = line.strip()
            at = pos + (line.index(bare[0]) if bare else 0)
            pos += len(line)
            if not bare or c.separator_line.match(bare) or c.byline.match(bare) or c.rule_line.match(bare):
                continue
            if len(bare) > c.title_max_chars:
                break  # body text: the title, if any, came before
            if c.report_title.search(bare):
                return bare[:80], at
            if c.numbered_heading.match(bare):
                break  # the first heading: the title, if any, came before
            if first is None and len(bare) >= c.title_min_chars and not c.title_skip.match(bare) \
                    and not bare.endswith(("。", "！", "？")):  # a sentence is no title
                first = (bare[:80], at)
        if first is None:
            # a page whose first line is already body text has no title
            line = next((ln.strip() for ln in text[s:e].splitlines() if ln.strip()), "")
            if line and len(line) <= c.title_max_chars and not c.title_skip.match(line):
                return line[:80], text.find(line, s, e)
            return "", -1
        return first

    # ------------------------------------------------------------ report year and issuer

    def _report_year(self, a: _Build, delivery: Optional[re.Match]) -> None:
        c = self.cues
        if self.given_year:
            a.report_year, a.report_year_rule = self.given_year, "given"
            return
        m = c.report_title.search(a.title)
        if m and m.group("year"):
            a.report_year, a.report_year_rule = int(m.group("year")), f"title:{a.title}"
            return
        if delivery:
            y, month = year_number(delivery.group("year")), _month_number(delivery.group("month"))
            late = month >= c.delivery_next_year_month
            a.report_year = y + 1 if late else y
            a.report_year_rule = f"delivery:{delivery.group()[:20]}" + (" (late in the year: plans the next)" if late else "")
            a.date = f"{y:04d}-{month:02d}-{_month_number(delivery.group('day')):02d}"
            return
        if not (a.report or a.headings):
            return
        y, why = self._year_from_headings(a)
        if y is None:
            y, why = self._year_from_openers(a)
        if y is None:
            fm = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", PurePath(self.name).name) if self.name else None
            if fm:
                y, why = int(fm.group(1)), f"file name:{self.name}"
        if y is None:
            named = Counter(p.first for p in self._periods(a.start, a.end) if p.rel is None and p.first == p.last)
            if named:
                y, why = named.most_common(1)[0][0], "most named year"
        a.report_year, a.report_year_rule = y, why

    def _year_from_headings(self, a: _Build) -> tuple[Optional[int], str]:
        """A review heading of year X votes for X+1 (X for part of a year), a plan heading of a
        period for its first year; the most votes win, the later year on a tie."""
        votes: Counter = Counter()
        why: dict[int, str] = {}
        c = self.cues
        for h in a.headings:
            if not h.mood:
                continue
            periods = [p for m in c.period.finditer(h.text) if (p := period_of(m, c)) is not None and p.rel is None]
            for k, p in enumerate(periods):
                # 2023年工作总结和2024年工作计划: each period with the mood words that follow it
                after = h.text[p.end:periods[k + 1].start if k + 1 < len(periods) else len(h.text)]
                if h.mood == "estimate":
                    mood = "review"
                elif c.review_words.search(after):
                    mood = "review"
                elif c.plan_words.search(after) or h.mood == "plan":
                    mood = "plan"
                elif h.mood == "review":
                    mood = "review"
                else:
                    continue
                if p.to_date:
                    continue
                y = (p.last if p.part else p.last + 1) if mood == "review" else p.first
                votes[y] += 1
                why.setdefault(y, f"heading:{h.full}")
        if not votes:
            return None, ""
        best = max(votes.values())
        y = max(y for y, v in votes.items() if v == best)
        return y, why[y]

    def _year_from_openers(self, a: _Build) -> tuple[Optional[int], str]:
        """A review heading without a year whose first sentence opens with one (一、过去一年工作回顾 /
        2019年是…): the year after it; a plan heading without a year (三、今年工作安排 / 今年是…收官之年,
        2020年…): the first year named shortly after it."""
        c, text = self.cues, self.text
        for h in a.headings:
            if not h.mood or (h.period is not None and h.period.rel is None):
                continue
            line_end = text.find("\n", h.pos, a.end)
            if line_end < 0:
                continue
            body = line_end + len(text[line_end:a.end]) - len(text[line_end:a.end].lstrip())
            m = c.period.match(text, body)
            p = period_of(m, c) if m else None
            back = h.period.rel[1] if h.period is not None else (-1 if h.mood == "review" else 0)
            if p is not None and p.rel is None and p.first == p.last and not p.part:
                return p.last - back, f"opener:{text[body:m.end()]} after {h.full}"
            if h.mood == "plan" or back == 0:
                i = bisect.bisect_left(self.year_pos, h.pos)
                while i < len(self.years) and self.years[i].pos - h.pos < 300:
                    y = self.years[i]
                    if y.year is not None and not y.comparison and y.relative is None:
                        return y.year - back, f"opener:{text[y.pos:y.end]} after {h.full}"
                    i += 1
        return None, ""

    def _issuer(self, a: _Build, delivery: Optional[re.Match]) -> None:
        """Whose article it is: title, delivery line, 我代表…, source line, file name, most named."""
        c, g, text = self.cues, self.gazetteer, self.text
        if self.given_region:
            a.region, a.region_rule = self.given_region, "given"
            return
        if a.title:
            found = self._title_region(a.title, a.title_at)
            if found:
                a.region, a.region_rule = found, f"title:{a.title}"
                return
        if delivery:
            if any(w in delivery.group() for w in c.country_venue_words):
                a.region, a.region_rule = "全国", f"delivery:{delivery.group()[:30]}"
                return
            ms = g.mentions(text, delivery.start("venue"), delivery.end(), self.county_names)
            if ms:
                a.region, a.region_rule = self._smallest(ms), f"delivery:{delivery.group()[:30]}"
                return
        head_end = min(a.end, a.start + c.report_marker_chars)
        self_m = c.issuer_self.search(text, a.start, head_end)
        level = None
        if self_m:
            who = self_m.group("who")
            if any(w in who for w in c.country_issuers):
                a.region, a.region_rule = "全国", f"self:{self_m.group()}"
                return
            ms = g.mentions(text, self_m.start("who"), self_m.end("who"), self.county_names)
            if ms:
                a.region, a.region_rule = self._smallest(ms), f"self:{self_m.group()}"
                return
            level = _level_of_government(who)
        for line in text[a.start:head_end].splitlines():
            sm = c.source_line.match(line.strip())
            if sm:
                ms = g.mentions(sm.group("source"), 0, None, ())
                if ms and (level is None or g.level.get(ms[0][2]) == level):
                    a.region, a.region_rule = ms[0][2], f"source:{line.strip()}"
                    return
        if self.name:
            stem = PurePath(self.name).stem
            if any(w in stem for w in c.country_issuers + ("全国",)):
                a.region, a.region_rule = "全国", f"file name:{self.name}"
                return
            ms = g.mentions(stem, 0, None, ())
            if ms:
                a.region, a.region_rule = self._smallest(ms), f"file name:{self.name}"
                return
        a.region = self._most_named(a.start, a.end, level)
        a.region_rule = ("most named" + (f" {level}" if level else "")) if a.region else ""

    def _title_region(self, title: str, title_at: int) -> Optional[str]:
        """The region a title names: a zone or township at its start, else the smallest of its
        region names, unless the title speaks for a wider scope (2023年全市各县…: the city)."""
        c, g, text = self.cues, self.gazetteer, self.text
        z = c.zone.match(title)
        if z:
            return z.group("zone")
        if title_at < 0:
            return None
        ms = g.mentions(text, title_at, title_at + len(title), self.county_names)
        if not ms:
            return None
        name = self._smallest(ms)
        before = text[title_at:ms[0][0]]
        scope = next((lvl for lvl, words in c.scope_words.items() if any(w in before for w in words)), None)
        if scope and LEVEL_RANK.get(scope, 9) < LEVEL_RANK.get(g.level.get(name), 9):
            return None
        return name

    def _smallest(self, ms: list[tuple[int, int, str]]) -> str:
        """湖北省武汉市…: of adjacent names each inside the one before, the last (smallest)."""
        g, i = self.gazetteer, 0
        while i + 1 < len(ms) and ms[i + 1][0] == ms[i][1] and ms[i][2] in g.ancestors(ms[i + 1][2]):
            i += 1
        return ms[i][2]

    def _most_named(self, s: int, e: int, level: Optional[str]) -> Optional[str]:
        """The region named most (a self-reference such as 平安咸宁 or 咸宁市人民政府 counts more),
        preferring one of the level the text speaks for (全市 a city, 全省 a province) when it is
        named at least half as often."""
        c, g, text = self.cues, self.gazetteer, self.text
        level = level or self._scope_level(s, e)
        counts: Counter = Counter()
        for a, b, f in g.mentions(text, s, e, self.county_names):
            self_ref = (c.self_reference_before.search(text, max(s, a - 8), a)
                        or c.self_reference_after.match(text, b))
            counts[f] += c.self_reference_weight if self_ref else 1
        if not counts:
            return None

        def fits(name: str) -> bool:
            lvl = g.level.get(name)
            if level == "city":
                return lvl == "city" or (lvl == "province" and name.endswith("市"))
            return lvl == level

        ranked = counts.most_common()
        top = ranked[0][1]
        for name, k in ranked:
            if level and fits(name) and 2 * k >= top:
                return name
        return ranked[0][0]

    def _scope_level(self, s: int, e: int) -> Optional[str]:
        """The level the text speaks for (全市/我市 -> city), ignoring rankings (居全省第三)."""
        c, text = self.cues, self.text
        scope: Counter = Counter()
        for lvl, words in c.scope_words.items():
            if lvl == "country":
                continue  # a city's page names 全国 in its awards (全国文明城市): the country issues only by name
            for w in words:
                i = text.find(w, s, e)
                while i >= 0:
                    if not c.scope_exclude_after.match(text, i + len(w)):
                        scope[lvl] += 1
                    i = text.find(w, i + 1, e)
        return scope.most_common(1)[0][0] if scope else None

    def _counties_in_text(self) -> set[str]:
        """Counties the text speaks of: named beside their city or province, or also by short name,
        or in the title or delivery line of their own report (老城区 in a Wuhan report is a word,
        not Luoyang's district)."""
        g, text, c = self.gazetteer, self.text, self.cues
        fulls = {f for _, _, f in g.mentions(text)} | ({self.given_region} if self.given_region else set())
        shorts = g.short_of_county
        out = set()
        head = text[:c.report_marker_chars]
        first = next((ln for ln in head.splitlines() if ln.strip()), "")
        own = [m.span() for m in [c.report_delivery.search(head)] if m]
        if c.report_title.search(first.strip()):
            own.append((head.find(first), head.find(first) + len(first)))
        for a, b in own:
            out |= {f for _, _, f in g.mentions(text, a, b) if g.level.get(f) == "county"}
        for f in fulls:
            if g.level.get(f) != "county":
                continue
            short = shorts.get(f)
            if fulls & set(g.ancestors(f)) or (short and text.count(short) > text.count(f)):
                out.add(f)
        return out

    # ------------------------------------------------------------ facts

    def _facts(self, a: _Build) -> ArticleFacts:
        if a.report:
            y = a.report_year
            return ArticleFacts(a.start, a.end, True, a.region, y, None if y is None else y - 1, y, a.byline_year)
        present = self._news_year(a) or a.byline_year or self.given_year
        plan = self.given_year if self.given_year and (present is None or self.given_year >= present) else present
        return ArticleFacts(a.start, a.end, False, a.region, None, present, plan, a.byline_year)

    def _news_year(self, a: _Build) -> Optional[int]:
        """A news article's own year: the one its title names, else the one it names most (first on a tie)."""
        i, j = bisect.bisect_left(self.year_pos, a.start), bisect.bisect_left(self.year_pos, a.end)
        years = [y for y in self.years[i:j] if y.relative is None]
        named = [y for y in years if not y.comparison] or years
        if not named:
            return None
        if a.title_at >= 0:
            in_title = [y.year for y in named if a.title_at <= y.pos < a.title_at + len(a.title)]
            if in_title:
                return in_title[0]
        counts = Counter(y.year for y in named)
        first: dict = {}
        for y in named:
            first.setdefault(y.year, y.pos)
        return max(counts, key=lambda yr: (counts[yr], -first[yr]))

    def _periods(self, s: int, e: int) -> list[PeriodMention]:
        out = []
        for m in self.cues.period.finditer(self.text, s, e):
            p = period_of(m, self.cues)
            if p is not None:
                out.append(p)
        return out

    # ------------------------------------------------------------ headings

    def _headings(self, s: int, e: int) -> list[_Heading]:
        """Short lines without a final stop, and numbered heads anywhere after a sentence end,
        each with the period and mood it names (if any)."""
        c, text = self.cues, self.text
        found: dict[int, _Heading] = {}
        pos = s
        for line in text[s:e].splitlines(keepends=True):
            bare = line.strip()
            if bare:
                at = pos + line.index(bare[0])
                m = c.numbered_heading.match(text, at)
                if len(bare) <= c.heading_max_chars and bare[-1] not in _STOPS:
                    found[at] = self._heading(at, bare, m)
                elif not m:
                    # a line may open with its heading as a short sentence (2024年工作安排。地区…)
                    stop = _SENTENCE_STOP.search(bare)
                    first = bare[:stop.start()] if stop else ""
                    if 0 < len(first) <= c.heading_sentence_max_chars and bare[stop.start()] == "。":
                        h = self._heading(at, first, None, sentence=True)
                        if h.period is not None and h.period.rel is None and h.mood and h.worded:
                            found[at] = h
            pos += len(line)
        for m in c.numbered_heading.finditer(text, s, e):
            at = m.start(m.lastgroup)
            if at in found:
                continue
            stop = m.end()
            while stop < e and stop - m.end() < c.heading_max_chars and text[stop] not in "。\n":
                stop += 1
            found[at] = self._heading(at, text[at:stop], m)
        return [found[p] for p in sorted(found)]

    def _heading(self, at: int, line: str, numbered: Optional[re.Match], sentence: bool = False) -> _Heading:
        c = self.cues
        if numbered is not None:
            marker = next(mk for mk in c.markers if mk.name == numbered.lastgroup)
            mark = numbered.group(numbered.lastgroup)
            body = line[len(mark):] if line.startswith(mark) else line
            h = _Heading(at, body.strip(), line, marker.level, True, sentence)
        else:
            h = _Heading(at, line, line, 0, False, sentence)
        self._time_of_heading(h)
        return h

    def _time_of_heading(self, h: _Heading) -> None:
        """The period a heading names and its mood (see _mood_note in data/outline.json)."""
        c = self.cues
        periods = [p for m in c.period.finditer(h.text) if (p := period_of(m, c)) is not None]
        bare = _BARE_YEAR_AFTER_PREFIX.match(h.text)
        if bare and bare.group(1) in c.review_prefixes + c.plan_prefixes:
            y = int(bare.group(2))  # 回眸2023, 展望2024: a year without 年 after a prefix word
            periods.insert(0, PeriodMention(bare.start(2), bare.end(2), bare.group(2), y, y))
        first = next((p for p in periods if p.start < c.heading_period_window), None)
        review = c.review_words.search(h.text)
        plan = c.plan_words.search(h.text)
        estimate = c.estimate_words.search(h.text)
        if first is not None:
            lead = h.text[:first.start].rstrip("“\"")
            if lead.endswith(c.review_prefixes):
                review, plan = True, None  # 回眸2023
            elif lead.endswith(c.plan_prefixes):
                review, plan = None, True  # 展望2024
            worded = h.worded = bool(review or plan or estimate)
            if worded or c.period_heading_words.search(h.text) or len(h.full) <= c.by_year_max_chars:
                h.period = first
                # 2025年和“十四五”时期: the other period a clause saying 年均/五年 may speak of
                k = periods.index(first)
                if k + 1 < len(periods):
                    nxt = periods[k + 1]
                    gap = h.text[first.end:nxt.start]
                    if len(gap) <= 4 and any(j in gap for j in c.period_joiners) and _years(nxt) != _years(first):
                        h.also = nxt
                # words of one mood decide; both or none leave it to the period's time
                h.mood = ("estimate" if estimate else "review" if review and not plan
                          else "plan" if plan and not review else "by_period")
                h.rule = f"heading:{h.full}"
                h.strong = worded and (first.rel is None or bool(review))
            return
        review = c.review_words_untimed.search(h.text)
        plan = c.plan_words_untimed.search(h.text)
        if estimate and estimate.start() < c.heading_match_window:
            h.mood, h.rule = "estimate", f"heading:{h.full}"
        elif review and review.start() < c.heading_match_window and not plan:
            h.mood, h.rule, h.strong = "review", f"heading:{h.full}", True
        elif plan and plan.start() < c.heading_match_window and not review:
            h.mood, h.rule = "plan", f"heading:{h.full}"

    # ------------------------------------------------------------ sections and scopes

    def _scopes(self, a: _Build, f: ArticleFacts) -> tuple[list[Scope], list[Section]]:
        """The article's scopes (its whole span, every timed heading's reach, every sentence block)
        and its sections as a tree."""
        c, y = self.cues, f.report_year
        heads = [h for h in a.headings if h.numbered or h.timed]
        _parallel_headings(self, a, heads, a.headings)
        _place_unnumbered(heads)
        root = Section(start=a.start, end=a.end, title=a.title, level=0,
                       period=None if y is None else Period(first=y - 1, last=y - 1),
                       mood="review", rule="article:a report reviews the year before its own")
        scopes = [Scope(a.start, a.end, 0, root.period, root.mood, root.rule, section=root)]
        # the tree: each heading holds what follows it up to the next heading of its level or above
        stack: list[tuple[_Heading, Section]] = []
        containers: list[tuple[Section, float, int, int]] = [(root, 0.0, a.start, a.end)]
        for i, h in enumerate(heads):
            end = next((k.pos for k in heads[i + 1:] if k.level <= h.level), a.end)
            period = h.period.resolve(y) if h.period else None
            also = h.also.resolve(y) if h.also else None
            if h.mood is None:
                mood = None
            elif h.mood == "by_period":
                mood = _mood_by_time(period, y, c.future_parts)
            else:
                mood = h.mood
            if mood is not None and period is None and y is not None:
                period = Period(first=y - 1, last=y - 1) if mood in ("review", "estimate") else Period(first=y, last=y)
            sec = Section(start=h.pos, end=end, title=h.full, level=h.level, period=period, mood=mood,
                          also=also, rule=h.rule if mood else "")
            while stack and stack[-1][0].level >= h.level:
                stack.pop()
            (stack[-1][1] if stack else root).sections.append(sec)
            stack.append((h, sec))
            reach = end
            if mood is not None:
                # a timed heading speaks up to the next timed heading of its level or above, or the
                # next heading above it
                reach = next((k.pos for k in heads[i + 1:] if k.level < h.level or (k.level == h.level and k.timed)),
                             a.end)
                scopes.append(Scope(h.pos, reach, h.level, period, mood, sec.rule, also, sec))
            containers.append((sec, float(h.level), h.pos, reach))
        self._blocks(a, f, containers, scopes)
        return scopes, root.sections

    @staticmethod
    def _before_its_part(at: int, period: Period, scopes: list[Scope]) -> bool:
        """Whether a year lies before the period of the innermost timed part that holds ``at``."""
        holding = [s for s in scopes if s.start <= at < s.end and s.period is not None]
        if not holding:
            return False
        inner = max(holding, key=lambda s: (s.depth, s.start))
        return period.last < inner.period.first

    def _apply_overrides(self, a: _Build) -> None:
        """The caller's say on a heading (its text, or the start of it): its mood and period."""
        for h in a.headings:
            for key, (mood, first, last) in self.given_sections.items():
                if h.full.startswith(key) or h.text.startswith(key):
                    h.mood, h.period, h.also = mood, PeriodMention(h.pos, h.pos, key, first, last), None
                    h.rule = f"given:{key}"

    def _blocks(self, a: _Build, f: ArticleFacts, containers, scopes: list[Scope]) -> None:
        """Sentence blocks: a sentence that opens with a time speaks for it up to the next such
        sentence in the same container (a heading's reach, or the article) or its end."""
        c, text, y = self.cues, self.text, f.report_year
        openers = []
        last_end = -1
        starts = self.segmentation.sentence_starts
        for s0 in starts[bisect.bisect_left(starts, a.start):bisect.bisect_left(starts, a.end)]:
            at = s0
            while at < a.end and text[at] in " \t\u3000":
                at += 1
            om = c.opener.match(text, at, a.end)
            if om is None or at < last_end:
                continue  # 各位代表：⏎刚刚过去的2025年: one opener, found from either line start
            last_end = om.end()
            p = period_of(om, c)
            if p is None:
                continue
            period = p.resolve(y)
            if period is None:
                continue
            if p.rel is None and p.first == p.last and self._before_its_part(at, period, scopes):
                continue  # 2004年，我们提出… in a review of 2006: an aside about an earlier year
            openers.append((at, om, period))
        if not openers:
            return
        # each opener belongs to the innermost container holding it
        # (containers nest: of those holding a position, the one starting last is the innermost)
        order = sorted(range(len(containers)), key=lambda i: (containers[i][2], containers[i][1]))
        starts = [containers[i][2] for i in order]
        by_container: dict[int, list] = {}
        for at, om, period in openers:
            j = bisect.bisect_right(starts, at) - 1
            while j > 0 and containers[order[j]][3] <= at:
                j -= 1
            by_container.setdefault(order[max(j, 0)], []).append((at, om, period))
        for k, items in by_container.items():
            sec, depth, s, e = containers[k]
            for j, (at, om, period) in enumerate(items):
                end = items[j + 1][0] if j + 1 < len(items) else e
                mood = _mood_by_time(period, y, c.future_parts)
                title = " ".join(om.group().split())
                block = Section(start=at, end=end, title=title, level=sec.level + 1, heading=False,
                                period=period, mood=mood, rule=f"opener:{title}")
                sec.sections.append(block)
                scopes.append(Scope(at, end, depth + 0.5, period, mood, block.rule, None, block))
            sec.sections.sort(key=lambda x: x.start)
        # a block inside a section that names a second period (年均 in a 2025-and-十四五 review)
        wide = [o for o in scopes if o.also is not None or (o.period and o.period.years > 1)]
        for s in scopes:
            if s.also is None and s.period is not None and s.period.years == 1:
                outer = [o for o in wide if o is not s and o.start <= s.start and s.end <= o.end and o.depth < s.depth]
                if outer:
                    o = max(outer, key=lambda o: o.depth)
                    s.also = o.also if o.also is not None and o.also.years > 1 else (
                        o.period if o.period and o.period.years > 1 else None)


_OVERRIDE = re.compile(r"^\s*(review|plan|estimate)\s+((?:19|20)\d{2})(?:\s*[-–—~至]\s*((?:19|20)\d{2}))?\s*$")


def parse_section_overrides(sections: Optional[Mapping[str, str]]) -> dict[str, tuple[str, int, int]]:
    """``{"三、一鼓作气勇争先": "plan 2026", "二、…": "plan 2026-2030"}`` -> heading -> (mood, first, last).

    >>> parse_section_overrides({"一、工作回顾": "review 2021-2025"})
    {'一、工作回顾': ('review', 2021, 2025)}
    """
    out = {}
    for heading, spec in (sections or {}).items():
        m = _OVERRIDE.match(str(spec))
        if not heading or m is None:
            raise GovReportError(f"section override {heading!r}: {spec!r} is not 'review YYYY', 'plan YYYY', "
                                 "'estimate YYYY' or a span such as 'plan 2026-2030'")
        first = int(m.group(2))
        last = int(m.group(3)) if m.group(3) else first
        if last < first:
            raise GovReportError(f"section override {heading!r}: the period {first}-{last} ends before it starts")
        out[heading] = (m.group(1), first, last)
    return out


def _years(p: PeriodMention) -> tuple:
    return (p.first, p.last, p.rel)


def _mood_by_time(period: Optional[Period], report_year: Optional[int],
                  future_parts: frozenset = frozenset()) -> Optional[str]:
    if period is None:
        return None
    if report_year is None:
        return "review"
    if period.part:  # 2023年上半年 in a report delivered in 2023: what is done so far; 下半年 is ahead
        return "plan" if period.part in future_parts or period.last > report_year else "review"
    return "review" if period.last < report_year else "plan"


def _level_of_government(who: str) -> Optional[str]:
    for word, level in (("自治区", "province"), ("省", "province"), ("自治州", "city"), ("州", "city"),
                        ("盟", "city"), ("市", "city"), ("县", "county"), ("区", "county"), ("旗", "county")):
        if word in who:
            return level
    return None


def _place_unnumbered(heads: list[_Heading]) -> None:
    """A timed heading line without a number sits at the level of the numbered heads that follow
    it when it comes first; else one below the heading it follows."""
    first_numbered = next((h.level for h in heads if h.numbered), 1)
    current = None
    for h in heads:
        if h.numbered:
            current = h.level
            continue
        h.level = first_numbered if current is None else current + 1


def _parallel_headings(builder: OutlineBuilder, a: _Build, heads: list[_Heading], all_heads: list[_Heading]) -> None:
    """Heading lines placed away from their framing question take its period and mood.

    Interpretation graphics (图解) often print a section out of order: the 2021 plan's
    "积极融入新发展格局,筑牢发展基石" before "2021年,咸宁怎么干?". Section headings of one part are
    written in parallel form (same clause lengths), and the first one follows its framing heading
    directly. A heading takes the frame of the part whose headings it parallels, when all such
    parts agree and its own text does not read the other way (results under a plan frame, plans
    under a review frame). Numbered parts (一、2023年工作回顾) keep their order.
    """
    c, text = builder.cues, builder.text
    subs = [h for h in all_heads if not h.numbered and not h.sentence and not h.timed
            and not c.bullet.match(h.text) and len(_shape_text(h.text)) >= 4]
    if len(subs) < 2:
        return
    framing = [h for h in all_heads if h.timed]
    shapes = [_shape(h.text) for h in subs]
    parent = list(range(len(subs)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(subs)):
        for j in range(i + 1, len(subs)):
            x, y = shapes[i], shapes[j]
            if len(x) == len(y) and all(abs(p - q) <= 1 for p, q in zip(x, y)):
                parent[root(i)] = root(j)
    # an opener: the first heading after a framing heading, with at most a short lead between
    opener_frame: dict[int, set] = {}
    sub_index = {h.pos: i for i, h in enumerate(subs)}
    for k, h in enumerate(all_heads[:-1]):
        if not h.timed or h.numbered:
            continue
        nxt = all_heads[k + 1]
        if nxt.pos not in sub_index:
            continue
        between = text[h.pos + len(h.full):nxt.pos]
        if sum(1 for ln in between.splitlines() if ln.strip()) <= c.opener_max_lines:
            opener_frame.setdefault(root(sub_index[nxt.pos]), set()).add(_frame_key(h))
    frame_positions = [h.pos for h in framing]
    by_pos = {h.pos: h for h in framing}
    stops = sorted({h.pos for h in subs} | set(frame_positions)) + [a.end]  # a block ends with its article
    adopted = []
    for i, h in enumerate(subs):
        fs = opener_frame.get(root(i))
        if not fs or len(fs) != 1:
            continue
        key = next(iter(fs))
        k = bisect.bisect_left(frame_positions, h.pos) - 1
        if k >= 0 and by_pos[frame_positions[k]].numbered:
            continue
        if k >= 0 and _frame_key(by_pos[frame_positions[k]]) == key:
            continue
        block = text[h.pos:stops[bisect.bisect_right(stops, h.pos)]]
        mood = len(c.plan_mood.findall(block)) - len(c.result_mood.findall(block))
        source = next(f for f in framing if _frame_key(f) == key)
        resolved = _mood_by_time(source.period.resolve(a.report_year) if source.period else None, a.report_year, c.future_parts) \
            if source.mood == "by_period" else source.mood
        if (resolved == "review" and mood > 0) or (resolved == "plan" and mood < 0):
            continue
        adopted.append((h, source))
    for h, source in adopted:
        h.period, h.also, h.mood = source.period, source.also, source.mood
        h.rule = f"parallel:{source.full}"
        if h not in heads:
            heads.append(h)
    heads.sort(key=lambda h: h.pos)


def _frame_key(h: _Heading) -> tuple:
    return (h.mood, _years(h.period) if h.period else None)


_QUOTES = re.compile(r"[“”\"‘’'《》「」?？!！\s]")


def _shape_text(heading: str) -> str:
    return _QUOTES.sub("", heading)


def _shape(heading: str) -> tuple[int, ...]:
    """Clause lengths of a heading: parallel headings share them (这五年,综合实力迈上新台阶 -> (3, 9))."""
    return tuple(len(p) for p in re.split(r"[，,]", _shape_text(heading)))


# ---------------------------------------------------------------- public

def build_outline(text: str, name: str = "", region: Optional[str] = None, year: Optional[int] = None,
                  cues: OutlineCues | str | os.PathLike | Mapping | None = None,
                  sections: Optional[Mapping[str, str]] = None) -> Outline:
    """The outline of a report's text (see the module docstring). ``sections`` overrides what a
    heading says: ``{"三、一鼓作气勇争先": "plan 2026"}`` (a heading's text or its start -> mood and period)."""
    if cues is not None and not isinstance(cues, OutlineCues):
        cues = load_outline_cues(cues)
    return OutlineBuilder(text, name=name, region=region, year=year, cues=cues, sections=sections).build().outline


def outline(source, region: Optional[str] = None, year: Optional[int] = None,
            sections: Optional[Mapping[str, str]] = None) -> Outline:
    """The outline of a document: a :class:`~govreport.models.Document`, a ``pathlib.Path`` or a
    str of report text. ``region``, ``year`` and ``sections`` override what is read from it."""
    from .document import as_document

    doc = as_document(source, region, year)
    return build_outline(doc.text, name=doc.name, region=doc.region, year=doc.year, sections=sections)
