"""Kind, year and region of each figure: its section first, then the evidence of its own clause.

The outline (:mod:`govreport.outline`) says what each part of a document speaks for: a report's
review of 2025, its five-year review, its 2026 plan, a news article of 2024. A figure reads its
kind, year and period from the innermost section or sentence block that holds it, and then from
what its own sentence says: ``预计`` makes a result an estimate, ``力争``/``目标是`` a target, a year
named next to the figure (``由2016年的60%``) is its year, ``已`` in a plan states where the plan
starts from. Which evidence wins is a table, ``data/context_rules.json``, tried rule by rule;
every figure carries the rule that decided its kind, its year and its region.

    >>> doc = analyze("一、2023年工作回顾\\n地区生产总值增长6%。\\n二、2024年工作安排\\n"
    ...               "地区生产总值增长7%左右。", region="咸宁市")
    >>> doc.report_year
    2024
    >>> text = doc.text
    >>> c = doc.at(text.index("6%"), text.index("6%") + 2)
    >>> c.kind, c.year, c.region, c.period_years
    ('actual', 2023, '咸宁市', 1)
    >>> c.kind_rule, c.year_rule
    ('section:heading:一、2023年工作回顾', 'section:heading:一、2023年工作回顾')
    >>> doc.at(text.index("7%"), text.index("7%") + 2)[:4]
    ('target', 2024, '咸宁市', 1)

The region of a figure is its article's (the issuing government's, see the outline), unless a
region inside it opens the figure's clause (其中，西安市实现生产总值…) or a list of regions with 分别
gives the figures their regions in order.

All language data lives in ``data/context_cues.json`` (clause cues), ``data/context_rules.json``
(the precedence) and ``data/outline.json`` (structure). ``analyze`` does the structural work once
per document; ``DocumentContext.at`` is a few binary searches per figure.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping, NamedTuple, Optional

from .errors import GovReportError
from .numerals import fold_width
from .structure import OutlineBuilder, OutlineCues, OutlineIndex, Scope, load_outline_cues
from .regexes import compile_cue
from .regions import Gazetteer, default_gazetteer
from .segment import Segmentation
from .vocab import ContextCues, ContextRules, load_source

__all__ = ["Context", "Cues", "DocumentContext", "Rules", "analyze", "load_cues", "load_rules"]

_DATA = "data"
_CUES_FILE = "context_cues.json"
_RULES_FILE = "context_rules.json"
_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")  # the figures of a 分别 list, counted by their digits
_DIGIT = re.compile(r"\d")
_LEVEL_WORDS = "省市县区州旗盟"


class Context(NamedTuple):
    """What one figure is: ``target`` | ``actual`` | ``estimate``, the year it is about, whose it is,
    and why."""

    kind: str
    year: Optional[int]
    region: Optional[str]
    period_years: int = 1  # 5 when the figure belongs to a five-year review or plan as a whole
    kind_rule: str = ""
    year_rule: str = ""
    region_rule: str = ""


# ---------------------------------------------------------------- language data

@dataclass(frozen=True)
class Cues:
    """Compiled clause cues (see data/context_cues.json for what each entry means)."""

    estimate: re.Pattern
    estimate_modifier_before: re.Pattern
    target: re.Pattern
    target_after: re.Pattern
    target_year_lookback: int
    period_to_date: re.Pattern
    result_marker: re.Pattern
    target_cancel: re.Pattern
    subregion_lead: re.Pattern
    subregion_joiners: tuple[str, ...]
    subregion_respectively: re.Pattern
    subregion_group_after: re.Pattern
    five_year_clause: re.Pattern
    section_relative_years: Mapping[str, int]
    from_value_before: re.Pattern
    from_value_after: re.Pattern
    horizon: re.Pattern
    average_clause: re.Pattern




def _compile(pattern: str, where: str) -> re.Pattern:
    return compile_cue(pattern, "context cues", where)


def load_cues(source: str | os.PathLike | Mapping | None = None) -> Cues:
    """Clause cues from a dict, a JSON file, ``$GOVREPORT_CONTEXT_CUES`` or the packaged default."""
    if source is None and not os.environ.get("GOVREPORT_CONTEXT_CUES"):
        return _default_cues()
    return _build_cues(load_source(_CUES_FILE, ContextCues, source, "GOVREPORT_CONTEXT_CUES"))


@lru_cache(maxsize=1)
def _default_cues() -> Cues:
    return _build_cues(load_source(_CUES_FILE, ContextCues))


def _build_cues(v: ContextCues) -> Cues:
    raw = v.model_dump()  # validated by its schema (govreport.vocab.ContextCues)
    return Cues(
        estimate=_compile(raw["estimate_regex"], "estimate_regex"),
        estimate_modifier_before=_compile(raw["estimate_modifier_before_regex"], "estimate_modifier_before_regex"),
        target=_compile("|".join(f"(?:{p})" for p in raw["target_regex"]), "target_regex"),
        target_after=_compile(raw["target_after_regex"], "target_after_regex"),
        target_year_lookback=int(raw["target_year_lookback_chars"]),
        period_to_date=_compile(raw["period_to_date_regex"], "period_to_date_regex"),
        result_marker=_compile(raw["result_marker_regex"], "result_marker_regex"),
        target_cancel=_compile(raw["target_cancel_regex"], "target_cancel_regex"),
        subregion_lead=_compile(raw["subregion_lead_regex"], "subregion_lead_regex"),
        subregion_joiners=tuple(raw["subregion_list_joiners"]),
        subregion_respectively=_compile(raw["subregion_respectively_regex"], "subregion_respectively_regex"),
        subregion_group_after=_compile(raw["subregion_group_after_regex"], "subregion_group_after_regex"),
        five_year_clause=_compile(raw["five_year_clause_regex"], "five_year_clause_regex"),
        section_relative_years=dict(raw["section_relative_years"]),
        from_value_before=_compile(raw["from_value_before_regex"], "from_value_before_regex"),
        from_value_after=_compile(raw["from_value_after_regex"], "from_value_after_regex"),
        horizon=_compile(raw["horizon_regex"], "horizon_regex"),
        average_clause=_compile(raw["average_clause_regex"], "average_clause_regex"),
    )


# ---------------------------------------------------------------- the rule table

@dataclass(frozen=True)
class Rule:
    name: str
    when: tuple[tuple[str, bool], ...]  # (condition, must hold)
    kind: Optional[str] = None
    year: Optional[str] = None
    period: object = None               # "scope" | "also" | 1 | None


@dataclass(frozen=True)
class Rules:
    kind: tuple[Rule, ...]
    year: tuple[Rule, ...]

    def __post_init__(self):
        object.__setattr__(self, "choose_kind", _compile_table(self.kind, "kind_rules"))
        object.__setattr__(self, "choose_year", _compile_table(self.year, "year_rules"))


CONDITIONS = ("report", "scope_plan", "scope_review", "scope_estimate", "estimate_cue", "target_cue",
              "named_target", "result_marker", "part_of_year", "own_year", "own_year_before_scope",
              "own_year_after_scope", "own_year_after_present", "five_year_clause", "kind_target",
              "from_value", "horizon", "scope_one_year_review", "average_clause", "compared_with_earlier_year",
              "own_year_is_the_numbers", "own_year_in_clause", "own_year_is_a_plan_period", "average_word")
_KINDS = ("target", "actual", "estimate", "scope")
_YEARS = ("own_year", "scope", "also", "present", "plan_year", "year_after", "before_scope", "horizon",
          "before_own_year")
_PERIODS = ("scope", "also", "multi", "since_comparison", "plan_period", 1)


def load_rules(source: str | os.PathLike | Mapping | None = None) -> Rules:
    """The precedence table from a dict, a JSON file, ``$GOVREPORT_CONTEXT_RULES`` or the packaged default."""
    if source is None and not os.environ.get("GOVREPORT_CONTEXT_RULES"):
        return _default_rules()
    return _build_rules(load_source(_RULES_FILE, ContextRules, source, "GOVREPORT_CONTEXT_RULES"), "context rules")


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    return _build_rules(load_source(_RULES_FILE, ContextRules), f"govreport/data/{_RULES_FILE}")


def _build_rules(v: ContextRules, where: str) -> Rules:
    # validated by its schema (govreport.vocab.ContextRules); the condition names live here
    raw = v.model_dump(exclude_none=True)

    def rule(r: Mapping, i: int, table: str) -> Rule:
        at = f"{where}: {table}[{i}]"
        extra = set(r) - {"rule", "when", "kind", "year", "period"}
        if extra or "rule" not in r:
            raise GovReportError(f"{at}: " + (f"unknown key(s) {', '.join(sorted(extra))}" if extra else "no 'rule' name"))
        when = []
        for cond in r.get("when", []):
            name, holds = (cond[1:], False) if cond.startswith("!") else (cond, True)
            if name not in CONDITIONS:
                raise GovReportError(f"{at}: unknown condition {cond!r} (known: {', '.join(CONDITIONS)})")
            when.append((name, holds))
        for key, allowed in (("kind", _KINDS), ("year", _YEARS), ("period", _PERIODS)):
            if key in r and r[key] not in allowed:
                raise GovReportError(f"{at}: {key} {r[key]!r} is not one of {', '.join(map(str, allowed))}")
        if table == "kind_rules" and "kind" not in r:
            raise GovReportError(f"{at}: a kind rule needs a 'kind'")
        if table == "year_rules" and "year" not in r:
            raise GovReportError(f"{at}: a year rule needs a 'year'")
        return Rule(r["rule"], tuple(when), r.get("kind"), r.get("year"), r.get("period"))

    return Rules(tuple(rule(r, i, "kind_rules") for i, r in enumerate(raw["kind_rules"])),
                 tuple(rule(r, i, "year_rules") for i, r in enumerate(raw["year_rules"])))


# ---------------------------------------------------------------- the evidence of one figure

_UNSET = object()
_SMALL_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_PLAN_PERIOD_WORD = re.compile("十[一二三四五六七八九]五")


class _Evidence:
    """The conditions of the rule table for one figure. Where the figure stands is read at once
    (attributes); what its sentence says is read when a rule first asks (methods, each run once)."""

    __slots__ = ("ctx", "start", "end", "s0", "c0", "article_index", "article", "scope", "scope_year", "report",
                 "scope_plan", "scope_review", "scope_estimate", "scope_one_year_review", "kind_target",
                 "_own", "_cue", "_target", "_estimate", "_horizon_n", "_horizon_at", "_base")

    def __init__(self, ctx: "DocumentContext", start: int, end: int):
        self.ctx, self.start, self.end = ctx, start, end
        self.s0 = ctx.sentence_start(start)
        self.c0 = ctx._clause_starts[bisect.bisect_right(ctx._clause_starts, start) - 1]
        self.article_index = ctx.index.article_at(start)
        self.article = ctx.index.articles[self.article_index]
        scope: Optional[Scope] = ctx.index.scope_at(start) if self.article.report else None
        self.scope = scope
        mood = scope.mood if scope is not None else None
        period = scope.period if scope is not None else None
        self.scope_year = period.last if period is not None else None
        self.report = scope is not None
        self.scope_plan = mood == "plan"
        self.scope_review = mood == "review"
        self.scope_estimate = mood == "estimate"
        self.scope_one_year_review = mood == "review" and period is not None and period.years == 1
        self.kind_target = False
        self._cue = self._target = self._estimate = self._horizon_n = self._base = _UNSET
        # the year its sentence names for it: most rules ask, so it is read at once
        self._own = ctx._local_year(start, self.c0, self.s0, self.scope_year)

    # what its sentence says (each computed once)
    def estimate_cue(self) -> bool:
        if self._estimate is _UNSET:
            ctx = self.ctx
            self._estimate = ctx._cue_active(ctx._estimates, ctx._estimate_pos, self.s0, self.start) is not None
        return self._estimate

    def target_cue_at(self) -> Optional[int]:
        if self._cue is _UNSET:
            ctx = self.ctx
            self._cue = ctx._cue_active(ctx._targets, ctx._target_pos, self.s0, self.start)
        return self._cue

    def target_cue(self) -> bool:
        if self._target is _UNSET:
            cue = self.target_cue_at()
            # 为确保…，目前已成功对接195个: a result marker after the cue, in the figure's clause
            self._target = cue is not None and not self.ctx.cues.target_cancel.search(
                self.ctx.text, max(cue, self.c0), self.start)
        return self._target

    def named_target(self) -> bool:
        return self.ctx.cues.target_after.match(self.ctx.text, self.end) is not None

    def result_marker(self) -> bool:
        m = None
        for m in self.ctx.cues.result_marker.finditer(self.ctx.text, self.c0, self.start):
            pass
        cue = self.target_cue_at()
        return m is not None and (cue is None or cue < m.start())

    def part_of_year(self) -> bool:
        return self.ctx.cues.period_to_date.search(self.ctx.text, self.s0, self.start) is not None

    def own(self) -> Optional[tuple[int, str, bool, bool, int]]:
        """The year its sentence names for it, as written, whether it is the number's own
        (由2016年的60%), whether it stands in the figure's clause, and where."""
        return self._own

    def own_year(self) -> bool:
        return self._own is not None

    def own_year_before_scope(self) -> bool:
        y, s = self.own(), self.scope_year
        return y is not None and s is not None and y[0] < s

    def own_year_after_scope(self) -> bool:
        y, s = self.own(), self.scope_year
        return y is not None and s is not None and y[0] > s

    def own_year_is_the_numbers(self) -> bool:
        y = self.own()
        return y is not None and y[2]

    def own_year_is_a_plan_period(self) -> bool:
        y = self.own()
        return y is not None and _PLAN_PERIOD_WORD.search(y[1]) is not None

    def average_word(self) -> bool:
        return self.ctx.cues.average_clause.search(self.ctx.text, self.c0, self.start) is not None

    def own_year_in_clause(self) -> bool:
        y = self.own()
        return y is not None and y[3]

    def own_year_after_present(self) -> bool:
        y, p = self.own(), self.article.present
        return y is not None and p is not None and y[0] > p

    def also(self):
        """The several-year period its section also names (2025年和“十四五”时期), if any."""
        also = self.scope.also if self.scope is not None else None
        return also if also is not None and also.years > 1 else None

    def multi_period(self):
        """The several-year period its section speaks of, or also names (None in a one-year section)."""
        if self.scope is None or self.scope.period is None:
            return None
        if self.scope.period.years > 1 and not self.scope.period.part:
            return self.scope.period
        return self.also()

    def five_year_clause(self) -> bool:
        return self.also() is not None and \
            self.ctx.cues.five_year_clause.search(self.ctx.text, self.c0, self.start) is not None

    def average_clause(self) -> bool:
        return self.multi_period() is not None and \
            self.ctx.cues.average_clause.search(self.ctx.text, self.c0, self.start) is not None

    def from_value(self) -> bool:
        c, text = self.ctx.cues, self.ctx.text
        return (c.from_value_before.search(text, self.c0, self.start) is not None
                and c.from_value_after.match(text, self.end) is not None)

    def horizon_years(self) -> Optional[int]:
        if self._horizon_n is _UNSET:
            m = None
            for m in self.ctx.cues.horizon.finditer(self.ctx.text, self.s0, self.start):
                pass
            n = (m.group("n") or m.group("n2") or m.group("n3")) if m is not None else None
            self._horizon_at = m.start() if m is not None else -1
            self._horizon_n = None if n is None else _SMALL_NUMBERS.get(n) or int(n)
        return self._horizon_n

    def horizon(self) -> bool:
        """A plan of several years named in its sentence after any year it names (今年…，今后五年…将投入)."""
        if self.horizon_years() is None:
            return False
        own = self.own()
        return own is None or self._horizon_at > own[4]

    def base_year(self) -> Optional[int]:
        """The year its clause compares it with (比2002年增长65.5%), if named before it."""
        if self._base is _UNSET:
            self._base = self.ctx._comparison_year(self.start, self.c0)
        return self._base

    def year_so_far(self) -> Optional[int]:
        own = self.own()
        return own[0] if own is not None else self.scope_year

    def compared_with_earlier_year(self) -> bool:
        base, year = self.base_year(), self.year_so_far()
        return base is not None and year is not None and year - base > 1


#: conditions read as attributes (where the figure stands); the others are methods of _Evidence
_ATTRIBUTE_CONDITIONS = frozenset(("report", "scope_plan", "scope_review", "scope_estimate",
                                   "scope_one_year_review", "kind_target"))


def _compile_table(rules: tuple, table: str) -> Callable[[_Evidence], int]:
    """The rules as one function: the index of the first rule whose conditions all hold.

    The table is data; this writes it as the chain of ``if`` statements one would write by hand
    (conditions in the table's order, short-circuited), so reading it costs no lookups by name.
    Only known condition names reach the code (checked when the table is loaded).
    """
    lines = ["def choose(ev):"]
    for i, r in enumerate(rules):
        terms = [("" if holds else "not ") + (f"ev.{name}" if name in _ATTRIBUTE_CONDITIONS else f"ev.{name}()")
                 for name, holds in r.when]
        lines.append(f"    if {' and '.join(terms) or 'True'}: return {i}")
    lines.append(f"    raise LookupError('no rule of {table} applies: end the table with a rule without conditions')")
    namespace: dict = {}
    exec(compile("\n".join(lines), f"<{table}>", "exec"), namespace)
    return namespace["choose"]


# ---------------------------------------------------------------- the document

class DocumentContext:
    """The structure of one document; :meth:`at` gives a figure's kind, year and region."""

    def __init__(self, text: str, name: str = "", region: Optional[str] = None, year: Optional[int] = None,
                 cues: Optional[Cues] = None, gazetteer: Optional[Gazetteer] = None,
                 outline_cues: Optional[OutlineCues] = None, rules: Optional[Rules] = None,
                 sections: Optional[Mapping[str, str]] = None, segmentation: Optional[Segmentation] = None):
        # county and older reports write digits and letters full-width (２０１９年, ＧＤＰ): read them
        # as ASCII, one character for one, so offsets stay those of the caller's text
        text = fold_width(text)
        self.text = text
        self.name = name
        self.cues = cues or _default_cues()
        self.rules = rules or _default_rules()
        self.gazetteer = gazetteer or default_gazetteer()
        self.outline_cues = outline_cues or load_outline_cues()
        c = self.cues

        # the document's one segmentation, shared with the other stages (its boundaries do not move
        # when digits are folded to half width)
        self.segmentation = segmentation or Segmentation(text)
        self.index: OutlineIndex = OutlineBuilder(text, name=name, region=region, year=year,
                                                  cues=self.outline_cues, gazetteer=self.gazetteer,
                                                  sections=sections, segmentation=self.segmentation).build()
        self.outline = self.index.outline
        self._article_rules = ["article:" + a.region_rule for a in self.outline.articles]
        self.region: Optional[str] = self.outline.region
        self.report_year: Optional[int] = self.outline.report_year

        seg = self.segmentation
        self._sentence_starts = seg.sentence_starts
        self._clause_starts = seg.clause_starts
        self._item_starts = seg.item_starts
        self._line_starts = seg.line_starts
        # where digits stand, to ask "is there a digit between a and b" by bisection
        self._digit_pos = [m.start() for m in _DIGIT.finditer(text)]
        self._estimates = self._find_cues(c.estimate, modifier=True)
        self._estimate_pos = [p for p, _ in self._estimates]
        self._targets = self._find_cues(c.target, modifier=False)
        self._target_pos = [p for p, _ in self._targets]
        # items of a list sentence (…增长4.6%；榆林市…；延安市…): where a clause's region subject stops
        self._subjects: dict[tuple[int, str], Optional[tuple[list[str], int, bool]]] = {}
        self._subject_starts: Optional[list[int]] = None

    # ------------------------------------------------------------ public lookup

    def at(self, start: int, end: int) -> Context:
        """Kind, year, region and period of the figure at ``text[start:end]``, with the rules that decided."""
        start = max(0, min(start, len(self.text)))
        ev = _Evidence(self, start, end)
        kind_rule = self.rules.kind[self.rules.choose_kind(ev)]
        kind = kind_rule.kind
        if kind == "scope":
            mood = ev.scope.mood if ev.scope else None
            kind = {"plan": "target", "estimate": "estimate"}.get(mood, "actual")
        ev.kind_target = kind == "target"
        if kind_rule.year is not None:
            year_rule = kind_rule
        else:
            year_rule = self.rules.year[self.rules.choose_year(ev)]
        year, year_evidence = self._year_value(ev, year_rule.year or "scope")
        period = self._period_value(ev, year_rule.period)
        region, region_rule = self._region_at(start, ev.c0, ev.article.region, ev.article_index)
        return Context(kind, year, region, period, self._why(kind_rule, ev, kind=True),
                       self._why(year_rule, ev, evidence=year_evidence), region_rule)

    def _year_value(self, ev: _Evidence, source: str) -> tuple[Optional[int], str]:
        a = ev.article
        if source == "own_year":
            y = ev.own()
            return (y[0], y[1]) if y else (None, "")
        if source == "scope":
            return ev.scope_year, ""
        if source == "also":
            also = ev.also()
            return (also.last, also.label) if also else (ev.scope_year, "")
        if source == "present":
            return a.present, ""
        if source == "plan_year":
            return a.plan_year or a.present, ""
        if source == "before_scope":
            p = ev.scope.period if ev.scope else None
            return (p.first - 1 if p else (a.present - 1 if a.present else None)), ""
        if source == "before_own_year":
            y = ev.own()
            return (y[0] - 1, y[1]) if y else (None, "")
        if source == "horizon":
            n, y = ev.horizon_years(), a.report_year
            return (y + n - 1 if n and y else ev.scope_year), f"{n}年" if n else ""
        if source == "year_after":
            return self._paragraph_year_after(ev.start, a.present) or a.plan_year or a.present, ""
        return None, ""

    @staticmethod
    def _period_value(ev: _Evidence, period) -> int:
        if period == "scope":
            return ev.scope.period.years if ev.scope and ev.scope.period and not ev.scope.period.part else 1
        if period == "also":
            also = ev.also()
            return also.years if also else 1
        if period == "multi":
            multi = ev.multi_period()
            return multi.years if multi else 1
        if period == "plan_period":
            return 5
        if period == "since_comparison":
            base, year = ev.base_year(), ev.year_so_far()
            return year - base if base is not None and year is not None and year > base else 1
        return 1

    @staticmethod
    def _why(rule: Rule, ev: _Evidence, kind: bool = False, evidence: str = "") -> str:
        """The rule's name, with the section it read (section:heading:一、2025年工作回顾) or the words
        of its clause (clause:own-year:2025年)."""
        if rule.name == "section" and ev.scope is not None:
            return f"section:{ev.scope.rule}"
        return f"{rule.name}:{evidence}" if evidence else rule.name

    def __repr__(self) -> str:
        return (f"DocumentContext(name={self.name!r}, region={self.region!r}, "
                f"report_year={self.report_year!r}, articles={len(self.outline.articles)})")

    def describe(self) -> str:
        """The outline with the reasons for each decision (for checking the rules on a new document)."""
        return self.outline.tree(rules=True)

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts (sentences end at 。！？ and line breaks, not at ；)."""
        return self._sentence_starts[max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)]

    # ------------------------------------------------------------ per-figure helpers

    def _digit_between(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self._digit_pos, a)
        return i < len(self._digit_pos) and self._digit_pos[i] < b

    @staticmethod
    def _cue_active(cues: list[tuple[int, int]], positions: list[int], s0: int, start: int) -> Optional[int]:
        """Position of the last cue of the sentence whose scope reaches ``start``."""
        i = bisect.bisect_left(positions, start) - 1
        while i >= 0 and positions[i] >= s0:
            if cues[i][1] > start:
                return positions[i]
            i -= 1
        return None

    def _local_year(self, start: int, c0: int, s0: int,
                    scope_year: Optional[int]) -> Optional[tuple[int, str, bool, bool, int]]:
        """The nearest year named before ``start`` in its sentence that speaks for the figure, and
        the words that name it."""
        years, year_pos = self.index.years, self.index.year_pos
        # a year in the sentence's opening clause speaks for all of it (2024年，A增长5%；B增长6%); one
        # further on, only for its own item (…是1950年到2002年的总和；新增公路19.2万公里: not 2002)
        item = self.segmentation.item_start(start)
        opening_end = self._clause_starts[bisect.bisect_right(self._clause_starts, s0)] \
            if bisect.bisect_right(self._clause_starts, s0) < len(self._clause_starts) else len(self.text)
        i = bisect.bisect_left(year_pos, start) - 1
        while i >= 0 and years[i].pos >= s0:
            y = years[i]
            i -= 1
            if y.end > start or y.comparison or opening_end <= y.pos < item:
                continue
            value = y.year
            if y.word in self.cues.section_relative_years and scope_year is not None:
                value = scope_year + self.cues.section_relative_years[y.word]
            if value is None:
                continue
            if y.pos >= c0 and not self._digit_between(y.end, start):
                return value, y.word, y.own, True, y.pos
            if not y.own:
                return value, y.word, False, y.pos >= c0, y.pos
        return None

    def _comparison_year(self, start: int, c0: int) -> Optional[int]:
        """The year of a comparison (比2002年, 较2020年) in the figure's clause before it."""
        years, year_pos = self.index.years, self.index.year_pos
        i = bisect.bisect_left(year_pos, start) - 1
        while i >= 0 and years[i].pos >= c0:
            y = years[i]
            i -= 1
            if y.comparison and y.year is not None and y.end <= start and self.text[y.pos - 1:y.pos] in ("比", "较"):
                return y.year
        return None

    def _paragraph_year_after(self, start: int, present: Optional[int]) -> Optional[int]:
        """The latest year named earlier in the figure's paragraph, when it lies after ``present``."""
        years, year_pos = self.index.years, self.index.year_pos
        p0 = max(self._line_starts[bisect.bisect_right(self._line_starts, start) - 1],
                 start - self.cues.target_year_lookback)
        i = bisect.bisect_left(year_pos, start) - 1
        while i >= 0 and years[i].pos >= p0:
            y = years[i]
            if not y.comparison and y.year is not None:
                return y.year if present is None or y.year > present else None
            i -= 1
        return None

    def _sentence_end(self, pos: int) -> int:
        return self.segmentation.sentence_end(pos)

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

    # ------------------------------------------------------------ regions

    def _region_at(self, start: int, c0: int, region: Optional[str], article: int) -> tuple[Optional[str], str]:
        """The region whose name opens the figure's clause or an earlier clause of its item, when it
        lies inside the article's region (其中，西安市实现生产总值…，增长4.6%); else the article's."""
        article_rule = self._article_rules[article] if region else ""
        if not region:
            return region, article_rule
        item = self._item_starts[bisect.bisect_right(self._item_starts, start) - 1]
        events = self._subject_clauses()
        k = bisect.bisect_right(events, c0) - 1
        while k >= 0 and events[k] >= item:
            key = (events[k], region)
            subject = self._subjects[key] if key in self._subjects else self._subjects.setdefault(
                key, self._clause_subject(*key))  # the figures of an item share its clauses
            if subject is not None:
                regions, after, written_in_full = subject
                if events[k] != c0 and (not written_in_full or (
                        events[k] != item and not self._clause_has_figure(events[k]))):
                    # 沈阳地铁险资项目成功落地，引入新基金20只: a short name modifies a noun of its own clause.
                    # A region names the subject of the clauses after its own when it opens the sentence
                    # (凤城市受…影响，地区生产总值增长3.9%) or its own clause states a figure (其中，西安市实现
                    # 生产总值…，增长4.6%); not in passing (…，滨海新区开发开放龙头作用更加突出，…利润年均增长11.1%)
                    k -= 1
                    continue
                if len(regions) == 1:
                    return regions[0], f"clause:{regions[0]}"
                # 宝鸡市、咸阳市分别增长5.2%、4.9%: the n-th figure after 分别 is the n-th region's
                if len(regions) > 1 and self.cues.subregion_respectively.match(self.text, after):
                    n = len(_NUMBER_RUN.findall(self.text, after, start))
                    if n < len(regions):
                        return regions[n], f"clause:分别:{regions[n]}"
                return region, article_rule
            k -= 1
        return region, article_rule

    def _clause_has_figure(self, cs: int) -> bool:
        """Whether the clause starting at ``cs`` holds a digit."""
        starts = self._clause_starts
        i = bisect.bisect_right(starts, cs)
        end = starts[i] if i < len(starts) else len(self.text)
        return self._digit_between(cs, end)

    def _subject_clauses(self) -> list[int]:
        """Clause starts that may open with a subject (a region's name or a scope word such as 全市),
        found once: a figure then looks only at those of its item, by bisection."""
        if self._subject_starts is None:
            c, oc, text, starts = self.cues, self.outline_cues, self.text, self._clause_starts
            found = set()
            for p in [*self.gazetteer.name_starts(text), *(m.start() for m in oc.scope_any.finditer(text))]:
                cs = starts[bisect.bisect_right(starts, p) - 1]
                if c.subregion_lead.match(text, cs).end() == p:
                    found.add(cs)
            self._subject_starts = sorted(found)
        return self._subject_starts

    def _clause_subject(self, cs: int, region: str) -> Optional[tuple[list[str], int, bool]]:
        """What opens the clause at ``cs``: None when no region does; else the regions inside
        ``region`` it opens with (one, or a list joined by 、/和; none for a scope word such as 全市,
        a region outside, or a group closed by 等) and where the clause goes on after them."""
        c, g, text = self.cues, self.gazetteer, self.text
        i = c.subregion_lead.match(text, cs).end()
        if self.outline_cues.scope_any.match(text, i):
            return [], i, True
        found: list[str] = []
        full = True
        for a, b, name in g.mentions(text, i, min(len(text), i + 40), self.index.county_names):
            if a != i:
                break
            if name == region or region not in g.ancestors(name):
                return [], i, True  # the whole region or one outside it is the subject
            found.append(name)
            # 宽甸县 (the short name with its level word) is written in full, 沈阳 (in 沈阳地铁) is not
            full = full and (text[a:b] == name or (b < len(text) and text[b] in _LEVEL_WORDS))
            i = b
            if i < len(text) and text[i] in c.subregion_joiners:
                i += 1
                continue
            break
        if not found:
            return None
        if text[i - 1] in c.subregion_joiners or c.subregion_group_after.match(text, i):
            return [], i, True  # 赤壁市、通城县等: a group, no one region
        return found, i, full


def analyze(text: str, name: str = "", region: Optional[str] = None, year: Optional[int] = None,
            cues: Cues | str | os.PathLike | Mapping | None = None,
            rules: Rules | str | os.PathLike | Mapping | None = None,
            outline_cues: OutlineCues | str | os.PathLike | Mapping | None = None,
            sections: Optional[Mapping[str, str]] = None,
            segmentation: Optional[Segmentation] = None) -> DocumentContext:
    """Analyse a document once: its outline (articles, sections, periods, issuer, report year) and
    the cue positions its figures read.

    ``region`` and ``year`` (the report's own year, i.e. the plan year) given by the caller override
    what would be inferred; ``sections`` overrides headings (``{"三、…": "plan 2026"}``).
    """
    if cues is not None and not isinstance(cues, Cues):
        cues = load_cues(cues)
    if rules is not None and not isinstance(rules, Rules):
        rules = load_rules(rules)
    if outline_cues is not None and not isinstance(outline_cues, OutlineCues):
        outline_cues = load_outline_cues(outline_cues)
    return DocumentContext(text, name=name, region=region, year=year, cues=cues, rules=rules,
                           outline_cues=outline_cues, sections=sections, segmentation=segmentation)
