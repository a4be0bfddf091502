"""Kind, year and region of each figure, read from the document's structure.

A government work report delivered in early Y reviews Y-1 and plans Y; its
headings (``一、2023年工作回顾``, ``二、2024年工作安排``, ``2024年，咸宁怎么干?``,
``今后五年``, ``“十四五”时期``) open *frames* that give every figure after them a
kind and a year. Interpretation graphics that print a section away from its
framing question are put back by their parallel headings. Inside a frame the
sentence can still say more: ``预计`` makes a result an estimate, a year written
next to the figure (``由2016年的60%``) is its year, ``已`` in a plan states
where the plan starts from.

Pages of news articles (and features without report headings) are read article
by article (a date line ends an article): a figure is a target only after a
target cue (``计划``, ``力争``, ``目标是``), and its year is the one its sentence
names, else the article's own year (its title's, else the one it names most).

The region of an article is the one its title names, else the most often named
region of the level its scope words imply (全市 a city, 全区 a district);
全市/全区/全省 in a sentence mean that region. A county inside a city report is
used only for a clause that opens with the county and a headline indicator.

    >>> doc = analyze("一、2023年工作回顾\\n地区生产总值增长6%。\\n二、2024年工作安排\\n"
    ...               "地区生产总值增长7%左右。", region="咸宁市")
    >>> doc.report_year
    2024
    >>> text = doc.text
    >>> doc.at(text.index("6%"), text.index("6%") + 2)
    Context(kind='actual', year=2023, region='咸宁市', period_years=1)
    >>> doc.at(text.index("7%"), text.index("7%") + 2)
    Context(kind='target', year=2024, region='咸宁市', period_years=1)

All language data (cue words, heading patterns, region names) lives in
``data/context_cues.json`` and ``data/context_regions.tsv``. ``analyze`` does
the structural work once per document; ``DocumentContext.at`` is a few
binary searches per figure.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, NamedTuple

from .errors import GovReportError
from .numerals import fold_width
from .regexes import guarded

__all__ = ["Context", "Cues", "DocumentContext", "Gazetteer", "analyze", "load_cues"]

_DATA = "data"
_CUES_FILE = "context_cues.json"
_REGIONS_FILE = "context_regions.tsv"
_LEVEL_RANK = {"country": -1, "province": 0, "city": 1, "county": 2}
_LEVEL_WORDS = "省市县区州旗盟"
_NAME_LIST = re.compile("[、和与及]")
_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")  # the figures of a 分别 list, counted by their digits
_DIGIT = re.compile(r"\d")
class Context(NamedTuple):
    """What one figure is: ``target`` | ``actual`` | ``estimate``, the year it is about, whose it is."""

    kind: str
    year: int | None
    region: str | None
    period_years: int = 1  # 5 when the figure belongs to a five-year review or plan as a whole


# ---------------------------------------------------------------- language data

@dataclass(frozen=True)
class _FramePattern:
    regex: re.Pattern
    kind: str
    offset: int | None  # year = report year + offset, when the heading names no year
    weak: bool = False  # opens a frame only in a document known to be a report
    max_heading_chars: int | None = None
    years: int = 1      # years the section covers: 5 for 过去五年, 今后五年, 十四五


@dataclass(frozen=True)
class Cues:
    """Compiled cue data (see data/context_cues.json for what each entry means)."""

    sentence_end: re.Pattern
    clause_end: re.Pattern
    unit_separator: re.Pattern
    byline: re.Pattern
    unit_rule: re.Pattern
    target_year_lookback: int
    report_title: re.Pattern
    title_max_chars: int
    report_delivery: re.Pattern
    report_opening_markers: tuple[str, ...]
    report_marker_chars: int
    frame_headings: tuple[_FramePattern, ...]
    heading_max_chars: int
    heading_sentence_max_chars: int
    heading_match_window: int
    numbered_heading: re.Pattern
    plan_periods: Mapping[str, int]
    relative_years: Mapping[str, int]
    year: re.Pattern
    comparison_before: re.Pattern
    comparison_after: re.Pattern
    own_number_before: re.Pattern
    own_number_after: re.Pattern
    name_open: re.Pattern
    estimate: re.Pattern
    estimate_modifier_before: re.Pattern
    target: re.Pattern
    target_after: re.Pattern
    scope_words: Mapping[str, tuple[str, ...]]
    scope_any: re.Pattern
    scope_exclude_after: re.Pattern
    self_reference_before: re.Pattern
    self_reference_after: re.Pattern
    self_reference_weight: int
    zone: re.Pattern
    ambiguous_short_names: frozenset
    subregion_lead: re.Pattern
    subregion_joiners: tuple[str, ...]
    subregion_respectively: re.Pattern
    subregion_group_after: re.Pattern
    item_end: re.Pattern
    bullet: re.Pattern
    plan_mood: re.Pattern
    result_mood: re.Pattern
    opener_max_lines: int
    target_cancel: re.Pattern
    result_marker: re.Pattern
    year_span_after: re.Pattern
    period_to_date: re.Pattern


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(guarded(pattern), re.M)
    except re.error as e:
        raise GovReportError(f"context cues: bad regular expression in {where}: {e}") from None


def load_cues(source: str | os.PathLike | Mapping | None = None) -> Cues:
    """Cue data from a dict, a JSON file, ``$GOVREPORT_CONTEXT_CUES`` or the packaged default."""
    if source is None and os.environ.get("GOVREPORT_CONTEXT_CUES"):
        source = os.environ["GOVREPORT_CONTEXT_CUES"]
    if source is None:
        return _default_cues()
    if isinstance(source, Mapping):
        raw = dict(source)
    else:
        try:
            with open(source, encoding="utf-8") as f:
                raw = json.load(f)
        except OSError as e:
            raise GovReportError(f"{source}: cannot read context cues: {e.strerror or e}") from None
        except json.JSONDecodeError as e:
            raise GovReportError(f"{source}: bad JSON at line {e.lineno}: {e.msg}") from None
    return _build_cues(raw)


@lru_cache(maxsize=1)
def _default_cues() -> Cues:
    raw = json.loads(resources.files(__package__).joinpath(_DATA, _CUES_FILE).read_text(encoding="utf-8"))
    return _build_cues(raw)


def _build_cues(raw: Mapping) -> Cues:
    try:
        frames = tuple(
            _FramePattern(_compile(f["regex"], "frame_headings"), f["kind"], f.get("offset"), bool(f.get("weak")),
                          f.get("max_heading_chars"), int(f.get("years", 1)))
            for f in raw["frame_headings"])
        return Cues(
            sentence_end=_compile(raw["sentence_end_regex"], "sentence_end_regex"),
            clause_end=_compile(raw["clause_end_regex"], "clause_end_regex"),
            unit_separator=_compile(raw["unit_separator_line_regex"], "unit_separator_line_regex"),
            byline=_compile(raw["byline_regex"], "byline_regex"),
            unit_rule=_compile(raw["unit_rule_line_regex"], "unit_rule_line_regex"),
            target_year_lookback=int(raw.get("target_year_lookback_chars", 200)),
            report_title=_compile(raw["report_title_regex"], "report_title_regex"),
            title_max_chars=int(raw.get("title_max_chars", 60)),
            report_delivery=_compile(raw["report_delivery_regex"], "report_delivery_regex"),
            report_opening_markers=tuple(raw["report_opening_markers"]),
            report_marker_chars=int(raw.get("report_marker_chars", 1000)),
            frame_headings=frames,
            heading_max_chars=int(raw["heading_max_chars"]),
            heading_sentence_max_chars=int(raw.get("heading_sentence_max_chars", 16)),
            heading_match_window=int(raw["heading_match_window"]),
            numbered_heading=_compile(raw["numbered_heading_regex"], "numbered_heading_regex"),
            plan_periods=dict(raw["plan_periods"]),
            relative_years=dict(raw.get("relative_years", {})),
            year=_compile(raw["year_regex"], "year_regex"),
            comparison_before=_compile(raw["comparison_before_regex"], "comparison_before_regex"),
            comparison_after=_compile(raw["comparison_after_regex"], "comparison_after_regex"),
            own_number_before=_compile(raw["own_number_before_regex"], "own_number_before_regex"),
            own_number_after=_compile(raw["own_number_after_regex"], "own_number_after_regex"),
            name_open=_compile(raw["name_open_regex"], "name_open_regex"),
            estimate=_compile(raw["estimate_regex"], "estimate_regex"),
            estimate_modifier_before=_compile(raw["estimate_modifier_before_regex"],
                                              "estimate_modifier_before_regex"),
            target=_compile("|".join(f"(?:{p})" for p in raw["target_regex"]), "target_regex"),
            target_after=_compile(raw["target_after_regex"], "target_after_regex"),
            scope_words={k: tuple(v) for k, v in raw["region_scope_words"].items()},
            scope_any=_compile("|".join(re.escape(w) for ws in raw["region_scope_words"].values() for w in ws)
                               or "(?!)", "region_scope_words"),
            scope_exclude_after=_compile(raw["scope_word_exclude_after_regex"], "scope_word_exclude_after_regex"),
            self_reference_before=_compile(raw["self_reference_before_regex"], "self_reference_before_regex"),
            self_reference_after=_compile(raw["self_reference_after_regex"], "self_reference_after_regex"),
            self_reference_weight=int(raw.get("self_reference_weight", 1)),
            zone=_compile(raw["zone_regex"], "zone_regex"),
            ambiguous_short_names=frozenset(raw.get("ambiguous_short_names", ())),
            subregion_lead=_compile(raw["subregion_lead_regex"], "subregion_lead_regex"),
            subregion_joiners=tuple(raw["subregion_list_joiners"]),
            subregion_respectively=_compile(raw["subregion_respectively_regex"], "subregion_respectively_regex"),
            subregion_group_after=_compile(raw["subregion_group_after_regex"], "subregion_group_after_regex"),
            item_end=_compile(raw["item_end_regex"], "item_end_regex"),
            bullet=_compile(raw["bullet_regex"], "bullet_regex"),
            plan_mood=_compile("|".join(map(re.escape, raw["plan_mood_words"])), "plan_mood_words"),
            result_mood=_compile("|".join(map(re.escape, raw["result_mood_words"])), "result_mood_words"),
            opener_max_lines=int(raw["opener_max_lines"]),
            target_cancel=_compile(raw["target_cancel_regex"], "target_cancel_regex"),
            result_marker=_compile(raw["result_marker_regex"], "result_marker_regex"),
            year_span_after=_compile(raw["year_span_after_regex"], "year_span_after_regex"),
            period_to_date=_compile(raw["period_to_date_regex"], "period_to_date_regex"),
        )
    except KeyError as e:
        raise GovReportError(f"context cues: missing entry {e.args[0]!r}") from None


from .regions import Gazetteer, default_gazetteer as _default_gazetteer  # noqa: E402


# ---------------------------------------------------------------- document structure

@dataclass
class _Unit:
    """One article of a page (or the whole document): its own title, region and years."""

    start: int
    end: int
    title: str = ""
    region: str | None = None
    report: bool = False
    report_year: int | None = None   # the plan year of a report
    present: int | None = None       # the year figures default to outside frames
    plan_year: int | None = None     # the year targets default to outside frames
    frame_pos: list[int] = field(default_factory=list)
    frames: list[tuple[str, int | None]] = field(default_factory=list)


@dataclass(frozen=True)
class _Heading:
    pos: int
    text: str
    numbered: bool
    sentence: bool = False  # a short first sentence of a line, a heading only if it names a year


@dataclass
class _YearMention:
    pos: int
    end: int
    year: int | None    # None for a relative year (今年) until its unit is known
    comparison: bool    # 比2016年, 2019年同期, 1998年以来: not the figure's year
    own: bool           # 由2016年的60%: the year of the adjacent number only
    relative: int | None = None


class DocumentContext:
    """The structure of one document; :meth:`at` gives a figure's kind, year and region."""

    def __init__(self, text: str, name: str = "", region: str | None = None, year: int | None = None,
                 cues: Cues | None = None, gazetteer: Gazetteer | None = None):
        # county and older reports write digits and letters full-width (２０１９年, ＧＤＰ): read them
        # as ASCII, one character for one, so offsets stay those of the caller's text
        text = fold_width(text)
        self.text = text
        self.name = name
        self.cues = cues or _default_cues()
        self.gazetteer = gazetteer or _default_gazetteer()
        self._given_region = region
        self._given_year = year
        c = self.cues

        self._sentence_starts = [0] + [m.end() for m in c.sentence_end.finditer(text) if m.end() > 0]
        self._clause_starts = sorted(set(self._sentence_starts)
                                     | {m.end() for m in c.clause_end.finditer(text)})
        # items of a list sentence (…增长4.6%；榆林市…；延安市…): where a clause's region subject stops
        self._subjects: dict[tuple[int, str], tuple[list[str], int] | None] = {}
        self._subject_starts: list[int] | None = None
        self._item_starts = sorted(set(self._sentence_starts) | {m.end() for m in c.item_end.finditer(text)})
        # where digits stand, to ask "is there a digit between a and b" by bisection
        self._digit_pos = [m.start() for m in _DIGIT.finditer(text)]

        self._years = self._find_years()
        self._year_pos = [y.pos for y in self._years]
        self._estimates = self._find_cues(c.estimate, modifier=True)
        self._estimate_pos = [p for p, _ in self._estimates]
        self._targets = self._find_cues(c.target, modifier=False)
        self._target_pos = [p for p, _ in self._targets]
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

        self._county_fulls = self._counties_in_text()
        self._bylines: dict[int, int] = {}  # article start -> year of its byline
        self.units = [self._analyze_unit(s, e) for s, e in self._split_units()]
        self._unit_starts = [u.start for u in self.units]
        self._resolve_relative_years()

        main = max(self.units, key=lambda u: (u.report, u.end - u.start))
        self.region: str | None = region or main.region
        self.report_year: int | None = year or main.report_year or main.plan_year

    def _digit_between(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self._digit_pos, a)
        return i < len(self._digit_pos) and self._digit_pos[i] < b

    def _counties_in_text(self) -> set[str]:
        """Counties the text speaks of: named beside their city or province, or also by short name,
        or in the title or delivery line of their own report.

        老城区 in a Wuhan report is a word (the old town), not Luoyang's district.
        """
        g, text, c = self.gazetteer, self.text, self.cues
        # a region the caller gives counts as named: its counties are the ones the text may speak of
        fulls = {f for _, _, f in g.mentions(text)} | ({self._given_region} if self._given_region else set())
        shorts = g.short_of_county
        out = set()
        # a county's own report names it in its title or its delivery line (在宜都市第十届人民代表大会)
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

    # ------------------------------------------------------------ public lookup

    def at(self, start: int, end: int) -> Context:
        """Kind, year and region of the figure at ``text[start:end]``."""
        start = max(0, min(start, len(self.text)))
        u = self.units[max(0, bisect.bisect_right(self._unit_starts, start) - 1)]
        s0 = self._sentence_starts[bisect.bisect_right(self._sentence_starts, start) - 1]
        c0 = self._clause_starts[bisect.bisect_right(self._clause_starts, start) - 1]
        estimate = self._cue_active(self._estimates, self._estimate_pos, s0, start) is not None
        cue = self._cue_active(self._targets, self._target_pos, s0, start)
        # 为确保…，目前已成功对接195个: a result marker after the cue, in the figure's clause
        target = cue is not None and not self.cues.target_cancel.search(self.text, max(cue, c0), start)
        named_target = self.cues.target_after.match(self.text, end) is not None  # 增长5.5%左右的预期目标
        target = target or named_target
        local = self._local_year(start, c0, s0)
        region = self._region_at(start, c0, u)

        if u.frames:
            i = bisect.bisect_right(u.frame_pos, start) - 1
            kind, year, span = u.frames[i] if i >= 0 else ("actual", _minus(u.report_year, 1), 1)
            if kind == "target" and local is None and self._states_a_result(c0, start, cue):
                kind, year = "actual", u.present  # 全市高新技术企业已达550家: where the plan starts from
            elif kind == "target" and local is None and cue is None and self.cues.period_to_date.search(
                    self.text, s0, start):
                kind = "actual"  # 一季度全县地区生产总值同比下降4.6%: the plan year so far
            if local is not None:
                if kind == "target" and year is not None and local < year and not target:
                    kind = "actual"  # a past figure quoted in the plan
                elif kind != "target" and year is not None and local > year and (target or estimate):
                    kind = "target"  # 预计到2025年…: an expectation for a coming period
                year, span = local, 1  # a year of its own: the figure is that year's
            if kind == "actual" and estimate:
                kind = "estimate"
            if named_target and kind != "target":
                kind = "target"
            return Context(kind, year, region, span)

        kind = "estimate" if estimate else "target" if target else "actual"
        if local is not None:
            if kind == "estimate" and u.present is not None and local > u.present:
                kind = "target"
            year = local
        elif kind == "target":
            year = self._paragraph_year_after(start, u.present) or u.plan_year or u.present
        else:
            year = u.present
        return Context(kind, year, region)

    def __repr__(self) -> str:
        return (f"DocumentContext(name={self.name!r}, region={self.region!r}, "
                f"report_year={self.report_year!r}, units={len(self.units)})")

    def describe(self) -> str:
        """The units and frames found, one line each (for debugging the rules on a new document)."""
        lines = []
        for u in self.units:
            lines.append(f"unit [{u.start},{u.end}) {u.title[:30]!r} region={u.region} report={u.report} "
                         f"report_year={u.report_year} present={u.present} plan_year={u.plan_year}")
            for p, (k, y, span) in zip(u.frame_pos, u.frames):
                period = f" ({span} years)" if span > 1 else ""
                lines.append(f"  {p:6d} {k:7} {y}{period}  {self.text[p:p + 24]!r}")
        return "\n".join(lines)

    # ------------------------------------------------------------ per-figure helpers

    def _states_a_result(self, c0: int, start: int, cue: int | None) -> bool:
        """A result marker (已) in the figure's clause, with no target cue after it."""
        m = None
        for m in self.cues.result_marker.finditer(self.text, c0, start):
            pass
        return m is not None and (cue is None or cue < m.start())

    @staticmethod
    def _cue_active(cues: list[tuple[int, int]], positions: list[int], s0: int, start: int) -> int | None:
        """Position of the last cue of the sentence whose scope reaches ``start``."""
        i = bisect.bisect_left(positions, start) - 1
        while i >= 0 and positions[i] >= s0:
            if cues[i][1] > start:
                return positions[i]
            i -= 1
        return None

    def _local_year(self, start: int, c0: int, s0: int) -> int | None:
        """The nearest year named before ``start`` in its sentence that speaks for the figure."""
        i = bisect.bisect_left(self._year_pos, start) - 1
        while i >= 0 and self._years[i].pos >= s0:
            y = self._years[i]
            i -= 1
            if y.end > start or y.comparison or y.year is None:
                continue
            if y.pos >= c0 and not self._digit_between(y.end, start):
                return y.year
            if not y.own:
                return y.year
        return None

    def _paragraph_year_after(self, start: int, present: int | None) -> int | None:
        """The latest year named earlier in the figure's paragraph, when it lies after ``present``."""
        p0 = max(self._line_starts[bisect.bisect_right(self._line_starts, start) - 1],
                 start - self.cues.target_year_lookback)
        i = bisect.bisect_left(self._year_pos, start) - 1
        while i >= 0 and self._years[i].pos >= p0:
            y = self._years[i]
            if not y.comparison and y.year is not None:
                return y.year if present is None or y.year > present else None
            i -= 1
        return None

    def _region_at(self, start: int, c0: int, u: _Unit) -> str | None:
        """The region whose name opens the figure's clause or an earlier clause of its item, when it
        lies inside the article's region (其中，西安市实现生产总值…，增长4.6%); else the article's."""
        if not u.region:
            return u.region
        item = self._item_starts[bisect.bisect_right(self._item_starts, start) - 1]
        events = self._subject_clauses()
        k = bisect.bisect_right(events, c0) - 1
        while k >= 0 and events[k] >= item:
            key = (events[k], u.region)
            subject = self._subjects[key] if key in self._subjects else self._subjects.setdefault(
                key, self._clause_subject(*key))  # the figures of an item share its clauses
            if subject is not None:
                regions, after = subject
                if len(regions) == 1:
                    return regions[0]
                # 宝鸡市、咸阳市分别增长5.2%、4.9%: the n-th figure after 分别 is the n-th region's
                if len(regions) > 1 and self.cues.subregion_respectively.match(self.text, after):
                    n = len(_NUMBER_RUN.findall(self.text, after, start))
                    if n < len(regions):
                        return regions[n]
                return u.region
            k -= 1
        return u.region

    def _subject_clauses(self) -> list[int]:
        """Clause starts that may open with a subject (a region's name or a scope word such as 全市),
        found once: a figure then looks only at those of its item, by bisection."""
        if self._subject_starts is None:
            c, text, starts = self.cues, self.text, self._clause_starts
            found = set()
            for p in [*self.gazetteer.name_starts(text), *(m.start() for m in c.scope_any.finditer(text))]:
                cs = starts[bisect.bisect_right(starts, p) - 1]
                if c.subregion_lead.match(text, cs).end() == p:
                    found.add(cs)
            self._subject_starts = sorted(found)
        return self._subject_starts

    def _clause_subject(self, cs: int, region: str) -> tuple[list[str], int] | None:
        """What opens the clause at ``cs``: None when no region does; else the regions inside
        ``region`` it opens with (one, or a list joined by 、/和; none for a scope word such as 全市,
        a region outside, or a group closed by 等) and where the clause goes on after them."""
        c, g, text = self.cues, self.gazetteer, self.text
        i = c.subregion_lead.match(text, cs).end()
        if c.scope_any.match(text, i):
            return [], i
        found: list[str] = []
        for a, b, name in g.mentions(text, i, min(len(text), i + 40), self._county_fulls):
            if a != i:
                break
            if name == region or region not in g.ancestors(name):
                return [], i  # the whole region or one outside it is the subject
            found.append(name)
            i = b
            if i < len(text) and text[i] in c.subregion_joiners:
                i += 1
                continue
            break
        if not found:
            return None
        if text[i - 1] in c.subregion_joiners or c.subregion_group_after.match(text, i):
            return [], i  # 赤壁市、通城县等: a group, no one region
        return found, i

    # ------------------------------------------------------------ analysis

    def _find_years(self) -> list[_YearMention]:
        c, text = self.cues, self.text
        out = []
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
            before = text[max(0, m.start() - 6):m.start()]
            after = text[m.end():m.end() + 8]
            if c.name_open.search(text, max(0, m.start() - 30), m.start()):
                continue  # 《2024—2026年行动方案》 names a document
            comparison = bool(c.comparison_before.search(before) or c.comparison_after.match(after))
            own = bool(c.own_number_before.search(before) or c.own_number_after.match(after))
            out.append(_YearMention(m.start(), m.end(), year, comparison, own, rel))
        return out

    def _resolve_relative_years(self) -> None:
        """今年/去年 count from the report's year; in news from the last year named in the paragraph."""
        last_abs: int | None = None
        last_line = -1
        for y in self._years:
            line = bisect.bisect_right(self._line_starts, y.pos)
            if line != last_line:
                last_abs, last_line = None, line
            if y.relative is None:
                if not y.comparison:
                    last_abs = y.year
                continue
            u = self.units[max(0, bisect.bisect_right(self._unit_starts, y.pos) - 1)]
            base = u.report_year if u.report else (last_abs or u.present)
            y.year = None if base is None else base + y.relative

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts (sentences end at 。！？ and line breaks, not at ；)."""
        return self._sentence_starts[max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)]

    def _sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self._sentence_starts, pos)
        return self._sentence_starts[i] if i < len(self._sentence_starts) else len(self.text)

    def _find_cues(self, regex: re.Pattern, modifier: bool) -> list[tuple[int, int]]:
        """(cue position, end of its scope) for each cue."""
        out = []
        for m in regex.finditer(self.text):
            end = self._sentence_end(m.start())
            if modifier and self.cues.estimate_modifier_before.search(self.text, max(0, m.start() - 8), m.start()):
                de = self.text.find("的", m.end(), end)
                if de >= 0:
                    end = de
            out.append((m.start(), end))
        return out

    def _split_units(self) -> list[tuple[int, int]]:
        """Article spans: a date line (and the rule lines after it) ends an article; a byline
        (2023-07-25 08:30 来源：…) opens one, together with the title line just before it."""
        c, text = self.cues, self.text
        starts, pos, after_date = [0], 0, False
        prev_start, prev_len = None, 0
        for line in text.splitlines(keepends=True):
            bare = line.strip()
            by = c.byline.match(bare) if bare and not c.unit_separator.match(bare) else None
            if by:
                opens = prev_start if prev_start is not None and prev_len <= c.title_max_chars else pos
                if opens > starts[-1]:
                    starts.append(opens)
                self._bylines[starts[-1]] = int(by.group("year"))
                after_date = False
            elif c.unit_separator.match(bare):
                after_date = True
            elif bare and not c.unit_rule.match(bare):
                if after_date and pos > 0:
                    starts.append(pos)
                after_date = False
            if bare:
                prev_start, prev_len = pos + line.index(bare[0]), len(bare)
            pos += len(line)
        return [(st, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, st in enumerate(starts)]

    def _headings(self, s: int, e: int) -> list[_Heading]:
        """Short lines without a final stop, and numbered heads (一、 （一） 1.) anywhere."""
        c, text = self.cues, self.text
        found: dict[int, _Heading] = {}
        pos = s
        for line in text[s:e].splitlines(keepends=True):
            stripped = line.strip()
            if (stripped and len(stripped) <= c.heading_max_chars
                    and stripped[-1] not in "。；;，,：:、"):
                at = pos + line.index(stripped[0])
                m = c.numbered_heading.match(text, at)
                if m:
                    found[at] = _Heading(at, stripped[m.end() - at:], True)
                else:
                    found[at] = _Heading(at, stripped, False)
            elif stripped:
                # a one-line page: "2024年工作安排。地区生产总值增长6%…" opens with its heading
                at = pos + line.index(stripped[0])
                stop = c.sentence_end.search(stripped)
                first = stripped[:stop.start()] if stop else stripped
                if 0 < len(first) <= c.heading_sentence_max_chars and stop and stop.group().startswith("。"):
                    found[at] = _Heading(at, first, False, sentence=True)
            pos += len(line)
        for m in c.numbered_heading.finditer(text, s, e):
            stop = m.end()
            while stop < e and stop - m.end() < c.heading_max_chars and text[stop] not in "。\n":
                stop += 1
            found.setdefault(m.start(), _Heading(m.start(), text[m.end():stop], True))
        return [found[p] for p in sorted(found)]

    def _match_frame(self, h: _Heading):
        window = h.text[:self.cues.heading_match_window] if h.numbered else h.text
        for fp in self.cues.frame_headings:
            if fp.max_heading_chars and len(h.text) > fp.max_heading_chars:
                continue
            m = fp.regex.search(window)
            if m and not (h.sentence and (fp.offset is not None or fp.weak)):
                return fp, m
        return None

    def _analyze_unit(self, s: int, e: int) -> _Unit:
        c, text = self.cues, self.text
        u = _Unit(s, e)
        body = text[s:e]
        first = next((ln.strip() for ln in body.splitlines()
                      if ln.strip() and not c.unit_separator.match(ln.strip()) and not c.byline.match(ln.strip())
                      and not c.unit_rule.match(ln.strip())), "")
        u.title = first[:80]
        # a first line longer than a headline is body text, not a title
        headline = u.title if len(first) <= c.title_max_chars else ""
        u.region = self._given_region or self._unit_region(s, e, headline)

        headings = self._headings(s, e)
        matches = {}
        for h in headings:
            fm = self._match_frame(h)
            if fm:
                matches[h.pos] = fm
        u.report = bool(any(not fp.weak for fp, _ in matches.values())
                        or c.report_title.search(u.title)
                        or any(k in body[:c.report_marker_chars] for k in c.report_opening_markers))
        years = [y for y in self._years[bisect.bisect_left(self._year_pos, s):bisect.bisect_left(self._year_pos, e)]
                 if y.relative is None]
        if not u.report:
            u.present = (self._news_year(years, self.text.find(u.title, s, e) if u.title else -1)
                         or self._bylines.get(s) or self._given_year)
            u.plan_year = self._given_year if self._given_year and (
                u.present is None or self._given_year >= u.present) else u.present
            return u

        u.report_year = self._given_year or self._report_year(s, e, u.title, sorted(matches.items()), years)
        u.present = _minus(u.report_year, 1)
        u.plan_year = u.report_year
        frames: dict[int, tuple[str, int | None]] = {}
        for pos, (fp, m) in matches.items():
            gd = m.groupdict()
            if gd.get("year"):
                year = int(gd["year"])
            elif gd.get("period"):
                year = c.plan_periods.get(gd["period"])
            else:
                year = _plus(u.report_year, fp.offset or 0)
            kind = fp.kind
            if kind == "by_year":
                kind = "actual" if u.report_year is not None and year < u.report_year else "target"
            if kind == "actual" and year is not None and u.report_year is not None and year >= u.report_year:
                year = u.report_year - 1  # “十三五”以来 in a 2019 report: results to date, not of 2020
            frames[pos] = (kind, year, 5 if gd.get("period") else fp.years)
        numbered = {h.pos for h in headings if h.numbered}
        frames.update(self._parallel_frames(headings, frames, numbered, e))
        # before the first heading a report reviews the past year
        frames.setdefault(s, ("actual", u.present, 1))
        for pos in sorted(frames):
            if u.frames and u.frames[-1] == frames[pos]:
                continue
            u.frame_pos.append(pos)
            u.frames.append(frames[pos])
        return u

    def _parallel_frames(self, headings: list[_Heading], frames: Mapping[int, tuple],
                         numbered: set[int], unit_end: int) -> dict[int, tuple]:
        """Frames for section headings placed away from their framing question.

        Interpretation graphics (图解) often print a section out of order: the
        2021 plan's "积极融入新发展格局,筑牢发展基石" before "2021年,咸宁怎么干?".
        Section headings of one part are written in parallel form (same clause
        lengths), and the first one follows its framing heading directly. A
        heading takes the frame of the part whose headings it parallels, when
        all such parts agree and its own text does not read the other way
        (results under a plan frame, plans under a review frame). Numbered
        parts (一、2023年工作回顾) keep their order.
        """
        c, text = self.cues, self.text
        subs = [h for h in headings if not h.numbered and not h.sentence and h.pos not in frames
                and not c.bullet.match(h.text) and len(_shape_text(h.text)) >= 4]
        if len(subs) < 2:
            return {}
        shapes = [_shape(h.text) for h in subs]
        parent = list(range(len(subs)))

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(subs)):
            for j in range(i + 1, len(subs)):
                a, b = shapes[i], shapes[j]
                if len(a) == len(b) and all(abs(x - y) <= 1 for x, y in zip(a, b)):
                    parent[root(i)] = root(j)
        # an opener: the first heading after a framing heading, with at most a short lead between
        opener_frame: dict[int, set] = {}
        order = sorted(headings, key=lambda h: h.pos)
        sub_index = {h.pos: i for i, h in enumerate(subs)}
        for k, h in enumerate(order[:-1]):
            if h.pos not in frames or h.pos in numbered:
                continue
            nxt = order[k + 1]
            if nxt.pos not in sub_index:
                continue
            between = text[h.pos + len(h.text):nxt.pos]
            if sum(1 for ln in between.splitlines() if ln.strip()) <= c.opener_max_lines:
                opener_frame.setdefault(root(sub_index[nxt.pos]), set()).add(frames[h.pos])
        frame_positions = sorted(frames)
        stops = sorted({h.pos for h in subs} | set(frames)) + [unit_end]  # a block ends with its article
        out = {}
        for i, h in enumerate(subs):
            fs = opener_frame.get(root(i))
            if not fs or len(fs) != 1:
                continue
            new = next(iter(fs))
            k = bisect.bisect_left(frame_positions, h.pos) - 1
            if k >= 0 and frame_positions[k] in numbered:
                continue
            if k >= 0 and frames[frame_positions[k]] == new:
                continue
            block = text[h.pos:stops[bisect.bisect_right(stops, h.pos)]]
            mood = self._mood(block)
            if (new[0] == "actual" and mood > 0) or (new[0] == "target" and mood < 0):
                continue
            out[h.pos] = new
        return out

    def _mood(self, block: str) -> int:
        """Plan words minus result words: > 0 reads as a plan, < 0 as a review."""
        c = self.cues
        return len(c.plan_mood.findall(block)) - len(c.result_mood.findall(block))

    def _news_year(self, years: list[_YearMention], title_at: int) -> int | None:
        """An article's own year: the one its title names, else the one it names most (first on a tie)."""
        named = [y for y in years if not y.comparison] or years
        if not named:
            return None
        title_end = self.text.find("\n", title_at) if title_at >= 0 else -1
        in_title = [y.year for y in named if title_at >= 0 and title_at <= y.pos < (
            title_end if title_end >= 0 else len(self.text))]
        if in_title:
            return in_title[0]
        counts = Counter(y.year for y in named)
        first = {}
        for y in named:
            first.setdefault(y.year, y.pos)
        return max(counts, key=lambda yr: (counts[yr], -first[yr]))

    def _report_year(self, s, e, title, matches, years) -> int | None:
        """The plan year: from the title, the delivery date, the headings, or the years the plan names."""
        c = self.cues
        m = c.report_title.search(title)
        if not (m and m.group("year")):
            m = c.report_delivery.search(self.text, s, min(e, s + 600))
        if m:
            return _year_number(m.group("year"))
        votes = Counter()
        for _, (fp, mm) in matches:
            y = mm.groupdict().get("year")
            if y and fp.kind != "by_year":
                votes[int(y) + (1 if fp.kind == "actual" else 0)] += 1
        if votes:
            best = max(votes.values())
            return max(y for y, v in votes.items() if v == best)
        # 一、2023年主要工作 / 二、2024年目标任务: the latest year a heading names is the plan's
        by_year = [int(mm.group("year")) for _, (fp, mm) in matches if fp.kind == "by_year"]
        if by_year:
            return max(by_year)
        # 二、今年工作安排 … "2020年是全面建成小康社会收官之年": the year the plan opens with
        for pos, (fp, _) in matches:
            if fp.kind == "target" and fp.offset == 0:
                near = Counter(y.year for y in years if 0 <= y.pos - pos < 300 and not y.comparison)
                if near:
                    return near.most_common(1)[0][0]
        # 二、过去一年工作 … "2021年是…的一年": a review opening with its year plans the year after
        for pos, (fp, _) in matches:
            if fp.kind == "actual" and fp.offset == -1:
                y = self._opening_year(pos, e)
                if y is not None:
                    return y + 1
        named = Counter(y.year for y in years if not y.comparison)
        return named.most_common(1)[0][0] if named else None

    def _opening_year(self, heading: int, e: int) -> int | None:
        """The year a section's first sentence opens with (2021年是…, 2021年，…), not a span (2016年至2020年)."""
        line_end = self.text.find("\n", heading, e)
        if line_end < 0:
            return None
        body = line_end + len(self.text[line_end:e]) - len(self.text[line_end:e].lstrip())
        i = bisect.bisect_left(self._year_pos, body)
        if i == len(self._years) or self._years[i].pos != body:
            return None
        y = self._years[i]
        if y.year is None or y.comparison or self.cues.year_span_after.match(self.text, y.end):
            return None
        return y.year

    def _unit_region(self, s: int, e: int, title: str) -> str | None:
        c, g = self.cues, self.gazetteer
        tstart = self.text.find(title, s, e) if title else -1
        if title:
            z = c.zone.match(title)
            if z:
                return z.group("zone")
            ms = g.mentions(self.text, tstart, tstart + len(title), self._county_fulls)
            if ms:
                i = 0
                # 湖北省武汉市…: the later, smaller region is the subject
                while i + 1 < len(ms) and ms[i + 1][0] == ms[i][1] and ms[i][2] in g.ancestors(ms[i + 1][2]):
                    i += 1
                # 2023年全市各县（市、区）经济运行情况 东港市…: a title speaking for the whole city names
                # one of its counties for its headline figure; the city is the subject
                before = self.text[tstart:ms[0][0]]
                scope = next((lvl for lvl, words in c.scope_words.items() if any(w in before for w in words)), None)
                if not (scope and _LEVEL_RANK.get(scope, 9) < _LEVEL_RANK.get(g.level.get(ms[i][2]), 9)):
                    return ms[i][2]
        counts = Counter()
        for a, b, f in g.mentions(self.text, s, e, self._county_fulls):
            self_ref = (c.self_reference_before.search(self.text, max(s, a - 8), a)
                        or c.self_reference_after.match(self.text, b))
            counts[f] += c.self_reference_weight if self_ref else 1
        if not counts:
            return None
        level = self._scope_level(s, e)

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

    def _scope_level(self, s: int, e: int) -> str | None:
        """The level the document speaks for (全市/我市 -> city), ignoring rankings (居全省第三)."""
        c, text = self.cues, self.text
        scope = Counter()
        for lvl, words in c.scope_words.items():
            for w in words:
                i = text.find(w, s, e)
                while i >= 0:
                    if not c.scope_exclude_after.match(text, i + len(w)):
                        scope[lvl] += 1
                    i = text.find(w, i + 1, e)
        return scope.most_common(1)[0][0] if scope else None


_QUOTES = re.compile(r"[“”\"‘’'《》「」?？!！\s]")


def _shape_text(heading: str) -> str:
    return _QUOTES.sub("", heading)


def _shape(heading: str) -> tuple[int, ...]:
    """Clause lengths of a heading: parallel headings share them (这五年,综合实力迈上新台阶 -> (3, 9))."""
    return tuple(len(p) for p in re.split(r"[，,]", _shape_text(heading)))


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}


def _year_number(written: str) -> int:
    """2024 or 二〇二四 as an int."""
    if written.isdigit():
        return int(written)
    return int("".join(str(_CN_DIGITS[ch]) for ch in written))


def _plus(y: int | None, k: int) -> int | None:
    return None if y is None else y + k


def _minus(y: int | None, k: int) -> int | None:
    return None if y is None else y - k


def analyze(text: str, name: str = "", region: str | None = None, year: int | None = None,
            cues: Cues | str | os.PathLike | Mapping | None = None) -> DocumentContext:
    """Analyse a document once: articles, headings and frames, the report's year, the regions.

    ``region`` and ``year`` (the report's own year, i.e. the plan year) given by the
    caller override what would be inferred.
    """
    if cues is not None and not isinstance(cues, Cues):
        cues = load_cues(cues)
    return DocumentContext(text, name=name, region=region, year=year, cues=cues)
