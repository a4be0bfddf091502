"""Name the indicator a number quantifies, as the report writes it.

``indicator_for(text, start, end)`` looks only at the sentence around
``text[start:end]`` (a number with its unit, e.g. ``6%``, ``1167.9亿元``,
``500个``) and returns the shortest noun phrase that names what is measured:

    >>> indicator_for("地区生产总值增长6%，规上工业增加值增长7%左右", 8, 10)
    '地区生产总值'
    >>> s = "全市建成5G基站500个，净增高新技术企业120家，总数550家"
    >>> [indicator_for(s, s.index(n), s.index(n) + len(n)) for n in ("500个", "120家", "550家")]
    ['5G基站', '净增高新技术企业', '高新技术企业总数']

How reports are written, and so how the name is found:

* the name usually comes before the number, followed by verbs of change or
  level (增长, 控制在, 达到, 突破), adverbs (同比, 均, 分别) and comparison
  bases (比2016年, 较年初); those are stripped, as are clause-opening verbs
  (建成, 完成, 实施) and places or times (全市, 2021年), but not the words that make
  the figure an increment (新增, 净增, 新建, 新开工, 累计建成): 净增高新技术企业120家 is
  another indicator than 高新技术企业总数550家;
* a count with a measure word may name its noun after the number
  (实施105个重大技改项目, 引进5个以上数字经济产业园);
* ``A、B、C分别增长x、y、z`` gives the n-th number the n-th list item;
* a clause with no name of its own (``，同比增长15%``, ``从23.4%下降至2.5%``)
  takes the name of the number before it; after ``均`` it takes all of them;
* a bare attribute (总投资, 协议金额, 产量) takes its owner from the clause
  before (开工项目612个，总投资2114亿元 -> 开工项目总投资).

The word lists live in ``govreport/data/indicator_*`` and are loaded once, on
first use.
"""
from __future__ import annotations

import bisect
import operator
import re
from itertools import accumulate
from dataclasses import dataclass
from typing import Iterable, NamedTuple
from functools import lru_cache
from importlib import resources

from . import vocab
from .numerals import fold_width
from .units import load as load_units
from .regexes import guarded
from .vocab import load_data

__all__ = ["IndicatorNamer", "indicator_for", "name_region_subjects"]

# Clause and sentence ends. A 、 ends a clause only after a quantity (see _clause_start).
_SENTENCE_END = frozenset("。；;！!？?\n\r")
_FULL_STOP = frozenset("。！!？?\n\r")
_CLAUSE_END = _SENTENCE_END | set("，,：:●■▲◆★•·|") | {"\t"}
_SPACE = set(" \u3000\xa0")
_CLAUSE_BREAK = frozenset(_CLAUSE_END | _SPACE)
_NP_BREAK = _CLAUSE_END | _SPACE | set("、（）()[]【】<>《》")
_QUOTES = "“”\"'‘’「」"
_NUMERAL_CHARS = "0123456789.,零〇一二两三四五六七八九十百千万亿—–-~～至到"
_NUMBER_START = frozenset("0123456789零〇一二两三四五六七八九十百千")
_CHINESE_NUMERALS = frozenset("一二两三四五六七八九十百千万亿")
_APPROX_BEFORE = "近约超逾"   # written before a number: 近300万群众
_DEMONSTRATIVES = ("这", "那", "该", "此")
_CONJ = "和与及、并"
# A list subject split on these when 、 alone does not give one item per number.
_LIST_CONJ = ("和", "与", "及", "以及")
_MAX_DEPTH = 6
_ARABIC = re.compile(r"[0-9０-９]")
_POINT_UNITS = ("个百分点", "百分点", "个点")
_LIST_GAPS = ("、", "和", "与", "及", "，", ",")
_PAIR_JOINERS = ("、", "和", "与", "及")
# patterns used once per figure, compiled once
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ANY_DIGIT = re.compile(r"\d")
_LIST_JOINERS = re.compile("[、和与及，,]")
_QUOTED_LIST = re.compile(r"^(.*?)“([^”]*、[^”]*)”(.*)$")
# 领航光电等项目: 等 closing a list of examples (not 高等, 等级, 同等 …)
_EXAMPLES_END = re.compile(r"(?<![高中初同平均对甲乙丙])等(?![级候值同于])")
_MAX_SENTENCE = 600   # look no further than this either side for a sentence end
_MAX_JOINT = 16       # 均 shares the names of at most this many figures before it
_MAX_LIST = 64        # 分别 hands out at most this many list items


@dataclass(frozen=True)
class _Data:
    units: dict
    count_nouns: dict
    beneficiary: tuple
    leading_patterns: re.Pattern
    adverbial_openers: re.Pattern
    topic: re.Pattern
    region_prefix: re.Pattern
    cut_after: re.Pattern
    not_names: frozenset
    object_verbs: tuple
    pairs: dict
    shared_heads: tuple
    rate_words: tuple
    shared_head_classes: tuple
    place_nouns: tuple
    named_amounts: tuple
    project_trailing: tuple
    bound_after: tuple
    bound_after_run: re.Pattern
    vp_adverbs: tuple
    opens_predicate: re.Pattern
    trailing: tuple
    leading: tuple
    leading_verbs: frozenset
    increments: frozenset
    running_totals: frozenset
    hard_stops: tuple
    soft_stops: tuple
    not_stops: tuple
    not_stop_words: tuple
    generic: frozenset
    attributes: tuple
    attribute_set: frozenset
    levels: tuple
    comparison: re.Pattern
    time: re.Pattern
    quantity: re.Pattern
    quantity_in_digits: re.Pattern
    descriptor_after: re.Pattern
    list_quantifier: re.Pattern
    inner_words: re.Pattern
    region_then_verb: re.Pattern
    level_prefix: re.Pattern
    alias: re.Pattern
    money_heads: tuple
    list_prepositions: tuple
    giving_verbs: tuple
    purpose_words: tuple
    right_np_trailing: re.Pattern


@lru_cache(maxsize=16)
def _by_edge(words: tuple, last: bool) -> dict[str, tuple]:
    """Words grouped by their last (or first) character, in their original order: a strip loop
    then tries only the words that can match the string's edge."""
    groups: dict[str, list] = {}
    for w in words:
        groups.setdefault(w[-1] if last else w[0], []).append(w)
    return {k: tuple(v) for k, v in groups.items()}


def _lines(name: str) -> list[str]:
    text = resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _words(name: str) -> tuple[str, ...]:
    return load_data(name, vocab.WordList).words


def _any(patterns) -> str:
    """One alternation of the patterns, each whole; a pattern that never matches when there are none."""
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def _by_offset(words) -> tuple:
    """(k, the words longer than k): a word of the k-th group covers position i when it starts at i - k."""
    words = _by_length(words)
    return tuple((k, tuple(w for w in words if len(w) > k)) for k in range(max(map(len, words), default=0)))


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _by_length(words) -> tuple:
    return tuple(sorted(set(words), key=len, reverse=True))


def _compile(pattern: str) -> re.Pattern:
    # a look-ahead on the characters a match starts with lets the engine skip ahead (see regexes)
    return re.compile(guarded(pattern))


@lru_cache(maxsize=1)
def _data() -> _Data:
    # the unit registry (data/units.tsv, magnitudes.tsv): a unit's kind, and what a bare 惠及 + number counts
    registry = load_units()
    units = {u.unit: u.kind for u in registry.units if u.kind}
    units.update({m.magnitude: m.kind for m in registry.magnitudes if m.kind})  # 346万农村贫困人口
    count_nouns = {u.unit: u.count_noun for u in registry.units if u.count_noun}
    stops = load_data("indicator_np_stops.tsv", vocab.StopWords).rows
    hard = _by_length(w.word for w in stops if w.kind == "hard")
    soft = _by_length(w.word for w in stops if w.kind == "soft")
    p = load_data("indicator_patterns.json", vocab.IndicatorPatterns)
    leading_roles = {w.word: w.role for w in load_data("indicator_strip_leading.tsv", vocab.LeadingWords).rows}
    leading = _by_length(leading_roles)
    levels = _by_length(_words("indicator_levels.txt"))
    attributes = _by_length(_words("indicator_attributes.txt"))
    unit_alt = "|".join(re.escape(u) for u in _by_length(units))
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[—–\-~～至到]\s*\d+(?:\.\d+)?)?"
    unit_after = r"[十百千万亿]*(?:(?:余|多)[万亿]{0,2})?(?:" + unit_alt + r")"
    quantity = _compile(
        r"(?<![第每\dA-Za-z.“《\"])"
        r"(?:" + arabic +
        r"|(?![零〇])[零〇一二两三四五六七八九十百千万亿]+(?:[—–\-~～至到][零〇一二两三四五六七八九十百千万亿]+)?)"
        + unit_after)
    # the scan of a whole text: only numbers written in digits (a Chinese numeral is a quantity only
    # where the mention finder found a figure, and is read there), so the engine skips in C to digits
    quantity_in_digits = _compile(r"(?<![第每\dA-Za-z.“《\"])" + arabic + unit_after)
    region_verb = _compile(
        r"^[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|州|盟|旗)(?=" + "|".join(re.escape(w) for w in leading) + ")")
    level_prefix = _compile("^(?:" + "|".join(re.escape(w) for w in levels) + ")")
    return _Data(
        units=units,
        count_nouns=count_nouns,
        beneficiary=_by_length(_words("indicator_beneficiary_verbs.txt")),
        leading_patterns=_compile(_any(p.leading)),
        topic=_compile(p.topic_regex),
        adverbial_openers=_compile(_any(p.adverbial_openers)),
        region_prefix=_compile(_any(p.region_prefix)),
        cut_after=_compile(_any(p.cut_after)),
        not_names=frozenset(p.not_names),
        pairs=p.pairs,
        shared_heads=_by_length(p.shared_heads),
        rate_words=_by_length(p.rate_words),
        shared_head_classes=_by_length(p.shared_head_classes),
        place_nouns=_by_length(p.place_nouns_not_regions),
        named_amounts=_by_length(p.named_amounts),
        project_trailing=_by_length(p.project_name_trailing),
        bound_after=_by_length(p.bound_after),
        bound_after_run=_compile("(?:" + "|".join(map(re.escape, _by_length(p.bound_after))) + ")*"),
        vp_adverbs=_by_length(p.verb_phrase_adverbs),
        object_verbs=_by_length(set(_words("indicator_object_verbs.txt")) | set(hard)
                                | {w for w, r in leading_roles.items() if r in ("verb", "increment")}),
        opens_predicate=_compile(p.opens_predicate),
        trailing=_by_length(_words("indicator_strip_trailing.txt")),
        leading=leading,
        leading_verbs=frozenset(w for w, r in leading_roles.items() if r in ("verb", "increment")),
        increments=frozenset(w for w, r in leading_roles.items() if r == "increment"),
        running_totals=frozenset(w for w, r in leading_roles.items() if r == "total"),
        hard_stops=hard,
        soft_stops=soft,
        not_stops=_by_offset(_words("indicator_np_not_stops.txt")),
        not_stop_words=_by_length(_words("indicator_np_not_stops.txt")),
        generic=frozenset(_words("indicator_generic.txt")),
        attributes=attributes,
        attribute_set=frozenset(attributes),
        levels=levels,
        comparison=_compile(_any(p.comparison)),
        time=_compile(_any(p.time)),
        quantity=quantity,
        quantity_in_digits=quantity_in_digits,
        descriptor_after=_compile(p.descriptor_after),
        list_quantifier=_compile(p.list_subject_quantifier),
        inner_words=_compile(_any(p.inner_words)),
        region_then_verb=region_verb,
        level_prefix=level_prefix,
        alias=_compile(p.alias),
        money_heads=_by_length(p.money_heads),
        list_prepositions=tuple(p.list_prepositions),
        giving_verbs=_by_length(p.giving_verbs),
        purpose_words=_by_length(p.purpose_words),
        right_np_trailing=_compile(p.right_np_trailing),
    )


def _unit_of(number: str) -> str:
    """The base unit of a number as written: 1167.9亿元 -> 元, 3万余元 -> 元, 33.2个百分点 -> 个百分点."""
    i = 0
    while i < len(number) and (number[i] in _NUMERAL_CHARS or number[i].isdigit() or number[i].isspace()):
        i += 1
    unit = number[i:].lstrip("余多")
    if not unit and number:
        # 千亿 / 百家 style: the magnitude word is all there is
        unit = number[-1]
    return unit


class _Qty(NamedTuple):
    start: int
    end: int
    kind: str


@dataclass
class _Name:
    text: str
    source: str          # left, right, inherit, joint, list, fallback
    verb: str = ""       # the verb written just before a right-hand noun (惠及3191家企业)


@lru_cache(maxsize=16384)
def _clean_name(s: str) -> str:
    s = s.strip().strip("、，,：:；;。 \u3000")
    s = _data().alias.sub("", s)
    # an unmatched quote left by a cut
    if s.count("“") != s.count("”"):
        s = s.strip("“”")
    if s.count("（") != s.count("）"):
        s = s.strip("（）")
    if s.count("(") != s.count(")"):
        s = s.strip("()")
    return s.strip()

# ---------------------------------------------------------------- phrase rules on the words alone
# They read a phrase, not where it stands, and reports repeat their phrases: cached by the words.

@lru_cache(maxsize=16384)
def _remove_time(s: str) -> str:
    d = _data()
    s = d.comparison.sub("", s)
    s = d.time.sub("", s)
    return d.inner_words.sub("", s)


@lru_cache(maxsize=16384)
def _strip_trailing(s: str) -> tuple[str, frozenset]:
    d = _data()
    flags = set()
    moved = True
    while moved and s:
        moved = False
        s2 = s.rstrip(" \u3000、，,")
        if s2 != s:
            s, moved = s2, True
        for w in _by_edge(d.trailing, last=True).get(s[-1:], ()):
            if s.endswith(w):
                flags.add(w)
                s = s[: len(s) - len(w)]
                moved = True
                break
    return s, frozenset(flags)


@lru_cache(maxsize=16384)
def _strip_leading(s: str) -> tuple[str, str, str]:
    """The phrase without its opening words, the last verb among them, and the increment:
    an increment word (新增, 净增, 累计 …) with the verbs after it (累计建成), which the
    caller keeps on the name."""
    d = _data()
    verb = ""
    increment = ""
    total = False    # 累计 alone: kept only before a verb (累计建成), else an adverb (累计收集问题)
    s = s.lstrip(" \u3000、，,")
    terms = d.not_stop_words
    m = d.adverbial_openers.match(s)
    if m:
        s = s[m.end():]  # 受外需走弱影响: a condition, never a name
    moved = True
    while moved and s:
        moved = False
        s2 = s.lstrip(" \u3000、，,")
        separated = s2 != s
        if separated:
            s, moved = s2, True
        term = s.startswith(terms)
        for w in _by_edge(d.leading, last=False).get(s[:1], ()):
            if s.startswith(w):
                if term and any(s.startswith(t) and t.startswith(w) and len(t) > len(w) for t in terms):
                    break   # 建设国债: a term that opens with a leading word is no verb and its object
                if increment and not total and w not in d.leading_verbs:
                    break  # 新开工计划总投资…项目: after an increment only verbs are taken off
                if w in d.increments and not increment:
                    increment = w
                elif w in d.running_totals and not increment:
                    increment = w
                    total = True
                elif increment and w in d.leading_verbs:
                    # 累计建成: a running total of what was built; 新建改造, 新建、改扩建: works listed together
                    increment += ("、" if separated and not total else "") + w
                    total = False
                if w in d.leading_verbs:
                    verb = w
                s = s[len(w):]
                moved = True
                break
        if moved or (increment and not total):
            continue
        # place names and list numbers only once no verb opens the clause (实施省市重点项目)
        for rx in (d.region_then_verb, d.leading_patterns, d.region_prefix):
            m = rx.match(s)
            if m and rx is d.region_then_verb and m.group(0).endswith(d.place_nouns):
                continue  # 老旧小区改造: a 小区 is no district
            if m and m.end() and len(s) > m.end():
                s = s[m.end():]
                moved = True
                break
    return s, verb, "" if total else increment


@lru_cache(maxsize=16384)
def _cut_examples(s: str) -> str:
    """Keep what follows 等 (领航光电等项目 -> 项目), 的 (…超2000万元的增长点) and cut words."""
    d = _data()
    m = None
    for m in d.cut_after.finditer(s):
        pass
    if m and m.end() < len(s):
        s = s[m.end():]
    m = None
    for m in _EXAMPLES_END.finditer(s):
        pass
    if m and 0 < m.start() and m.end() < len(s):
        s = s[m.end():]
    k = s.rfind("的")
    if 0 < k < len(s) - 1:
        rest = s[k + 1:]
        if len(rest) >= 3 and rest not in d.generic and rest not in d.attribute_set:
            s = rest
    return s



def _is_noise(s: str) -> bool:
    return not _WORD_CHAR.search(s or "")


@lru_cache(maxsize=16384)
def _left_np(left: str) -> tuple[str, frozenset, str]:
    """The name written before a number (the text of its clause up to it), the words stripped from
    its end (flags: 均, 新增 …) and the verb that opened it. Read from the words alone, so cached."""
    d = _data()
    compared = bool(d.comparison.search(left))
    s = _remove_time(left)
    s, flags = _strip_trailing(s)
    if s in d.attribute_set:
        return s, flags, ""
    s, verb, increment = _strip_leading(s)
    # a span of years that only now opens or closes the text (仅此一项五年增加: 五年)
    s = _remove_time(s)
    cut = _cut_examples(s)
    if cut != s or not increment:  # 新开工计划总投资…: the words after an increment stay
        s, verb2, increment2 = _strip_leading(cut)
        verb, increment = verb2 or verb, increment2 or increment
    s, more = _strip_trailing(s)
    flags |= more
    s = _clean_name(s)
    if _is_noise(s):
        s = ""
    if increment and s not in d.generic:
        # 净增高新技术企业120家: an increment is an indicator of its own, never the stock;
        # a general noun keeps only the verb before it (累计收集问题 -> 收集问题)
        if s:
            s = increment + s
        verb = increment
    elif not compared and s not in d.generic:
        # 高新技术企业净增18家 (as written), 力争新增4000余家高企; not 较2016年净增114家, a change
        trail = next((w for w in d.increments if w in flags), "")
        if trail and s:
            s += trail
        elif trail:
            verb = trail
    return s, frozenset(flags), verb


class _Resolver:
    """One text; names for the quantities in it.

    A name refers only to figures written before it (the name it inherits, the owner of an
    attribute, the list items before 分别), so the namer names the figures of a sentence in order
    and keeps every name: a figure then costs the same however many figures its sentence has.
    What one quantity says about its neighbours (whether it is a threshold inside a name, where
    the noun written after it ends) is worked out once too."""

    def __init__(self, namer: "IndicatorNamer"):
        self.text = namer.folded
        self.d = _data()
        self.namer = namer  # what depends on the text alone, worked out once for all its figures
        self.done: dict[tuple[int, int], _Name] = {}
        self.active: set[tuple[int, int]] = set()   # being resolved: a cycle gets no name
        self.every, self.starts = namer.every_quantity()
        n = len(self.every)
        self._descriptor: list = [None] * n     # whether every[i] is a threshold inside a name
        self._last_value: list = [None] * n     # the last non-descriptor at or before i
        self._break: list = [None] * n          # just after the 、 that ends every[i]'s item, or -1
        self._break_max: list = [None] * n      # the largest of those in every[i]'s clause up to i
        self._rnp: dict = {}
        self._lists: dict = {}
        self.sentence_marks = namer.end_marks(_SENTENCE_END)
        self.clause_marks = namer.end_marks(_CLAUSE_BREAK)
        self.full_stop_marks = namer.end_marks(_FULL_STOP)

    # ----- spans -----------------------------------------------------------
    def sentence(self, start: int, end: int, ends=_SENTENCE_END, cap: bool = True) -> tuple[int, int]:
        """The sentence around ``text[start:end]`` (at most _MAX_SENTENCE characters either side)."""
        marks = (self.sentence_marks if ends is _SENTENCE_END else self.full_stop_marks if ends is _FULL_STOP
                 else self.namer.end_marks(frozenset(ends)))
        i = bisect.bisect_left(marks, start)
        lo = marks[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(marks, end)
        hi = marks[j] if j < len(marks) else len(self.text)
        if not cap:
            return lo, hi
        return max(lo, start - _MAX_SENTENCE), min(hi, end + _MAX_SENTENCE)

    def quantities(self, lo: int, hi: int, target: _Qty | None = None) -> list[_Qty]:
        """The quantities inside ``text[lo:hi]`` (``target`` in place of any it overlaps), in order."""
        every, starts = self.namer.every_quantity()
        out = []
        for i in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
            q = every[i]
            if q.end <= hi and not (target and q.start < target.end and target.start < q.end):
                out.append(q)
        if target:
            out.append(target)
            out.sort(key=lambda q: q.start)
        return out

    def kind(self, number: str) -> str:
        return _number_kind(number)

    # ----- the quantities of the text by index (every[i]); each answer worked out once
    def ending_by(self, i: int) -> int:
        """How many quantities end at or before ``i``: they are ``every[:n]`` (the matches never overlap,
        so only the last one starting before ``i`` can run past it)."""
        j = bisect.bisect_left(self.starts, i)
        if j and self.every[j - 1].end > i:
            j -= 1
        return j

    def index_descriptor(self, i: int) -> bool:
        v = self._descriptor[i]
        if v is None:
            v = self._descriptor[i] = self.is_descriptor(self.every[i])
        return v

    def last_value(self, i: int, lo: int) -> int:
        """The index of the last quantity at or before ``every[i]`` that is no descriptor and starts at
        ``lo`` or later, else -1."""
        cache, path, j = self._last_value, [], i
        found = -1
        while j >= 0:
            if cache[j] is not None:
                found = cache[j]
                break
            if not self.index_descriptor(j):
                found = j
                break
            path.append(j)
            j -= 1
        for k in path:
            cache[k] = found
        if i >= 0:
            cache[i] = found
        return found if found >= 0 and self.every[found].start >= lo else -1

    def item_break(self, i: int) -> int:
        """Just after the 、 that ends the list item of ``every[i]`` (8家、省级66家: after the bound words,
        or after the noun written after it), else -1."""
        v = self._break[i]
        if v is None:
            q, t = self.every[i], self.text
            j = self.after_bounds(q.end)
            if j < len(t) and t[j] == "、":
                v = j + 1
            else:
                np, _, k = self.right_np_span(q)
                v = k + 1 if np and k < len(t) and t[k] == "、" else -1
            self._break[i] = v
        return v

    def item_break_max(self, i: int) -> int:
        """The largest :meth:`item_break` of the quantities from the start of ``every[i]``'s clause to it."""
        cache = self._break_max
        if cache[i] is not None:
            return cache[i]
        marks = self.clause_marks
        clause = bisect.bisect_left(marks, self.every[i].start)
        path, j = [], i
        best = -1
        while j >= 0:
            if cache[j] is not None:
                best = cache[j]
                break
            path.append(j)
            if j == 0 or bisect.bisect_left(marks, self.every[j - 1].start) != clause:
                break
            j -= 1
        for k in reversed(path):
            best = max(best, self.item_break(k))
            cache[k] = best
        return best

    def after_bounds(self, i: int) -> int:
        """Past the bound words after a number (6%左右, 500亿元以上)."""
        return self.d.bound_after_run.match(self.text, i).end()

    def is_descriptor(self, q: _Qty) -> bool:
        """A threshold inside a name (50亿元以上重大项目, 超2000万元的增长点), not a value.

        An amount of money followed by a noun is one; any other quantity only when
        written as a threshold (followed by 以上/级/规模, or after 超/过/破)."""
        t = self.text
        i = q.end
        m = self.d.descriptor_after.match(t, i)
        if m:
            i = m.end()
        threshold = bool(m) or (q.start > 0 and t[q.start - 1] in "超过破")
        if not (q.kind == "money" or threshold):
            return False
        if i >= len(t):
            return False
        c = t[i]
        if c == "的":
            return True
        if c in _NP_BREAK or c in _CONJ or c.isdigit() or not ("\u4e00" <= c <= "\u9fff" or c in _QUOTES):
            return False
        if self.starts_stop(i, hard_only=False) or self.d.opens_predicate.match(t, i):
            return False
        # 安排384亿元救灾款: an amount before a noun of money is what that money comes to
        return threshold or not self.money_follows(i)

    def money_follows(self, i: int) -> bool:
        """Whether the noun phrase written from ``i`` names money (救灾款, 恢复重建资金, 补贴资金)."""
        t = self.text
        j, limit = i, min(len(t), i + 12)
        while j < limit and t[j] not in _NP_BREAK and t[j] not in _CONJ and not t[j].isdigit():
            j += 1
        run = t[i:j]
        return any(h in run for h in self.d.money_heads)

    def starts_stop(self, i: int, hard_only: bool) -> bool:
        t = self.text
        # str.startswith with a tuple tries every word in C
        if not (t.startswith(self.d.hard_stops, i) or (not hard_only and t.startswith(self.d.soft_stops, i))):
            return False
        # 全国未来产业: the 来 of 未来 ends nothing
        return not any(k <= i and t.startswith(words, i - k) for k, words in self.d.not_stops)

    def hard_clause_start(self, lo: int, i: int) -> int:
        """Just after the last clause break (punctuation or a space) before ``i``, not before ``lo``."""
        marks = self.clause_marks
        k = bisect.bisect_left(marks, i) - 1
        return max(lo, marks[k] + 1) if k >= 0 else lo

    def clause_start(self, lo: int, start: int) -> int:
        """Clause start: after , ; : or after a 、 that follows a quantity (8家、省级66家)."""
        hard = cs = self.hard_clause_start(lo, start)
        i = self.ending_by(start) - 1
        # the largest item break of the clause so far; a break past ``start`` belongs to a quantity
        # whose noun runs into this one, so it is passed over
        while i >= 0 and self.every[i].start >= hard:
            best = self.item_break_max(i)
            if best <= start:
                return max(cs, best)
            b = self.item_break(i)
            if b <= start:
                cs = max(cs, b)
            i -= 1
        return cs

    # ----- phrases ---------------------------------------------------------
    def attribute(self, s: str) -> str:
        return s if s in self.d.attribute_set else ""

    def owner_stem(self, owner: str) -> str:
        for a in self.d.attributes:
            if owner.endswith(a) and len(owner) > len(a):
                return owner[: len(owner) - len(a)]
        return owner

    def level_only(self, s: str) -> tuple[str, str] | None:
        m = self.d.level_prefix.match(s)
        if not m:
            return None
        rest = s[m.end():]
        if rest in ("", "重点"):
            return m.group(0), rest
        return None

    def borrow_level(self, cur: str, sibling: str) -> str:
        lv = self.level_only(cur)
        stock = self.without_increment(sibling)      # 新增国家级…企业8家、省级66家: 新增 covers both
        m = self.d.level_prefix.match(stock)
        if not lv or not m:
            return cur
        rest = stock[m.end():]
        if rest.startswith(("以上", "及以上")):
            rest = rest[rest.index("以上") + 2:]     # 省级以上创新平台 -> 国家级创新平台
        level, mod = lv
        if rest.startswith(mod) and len(rest) > len(mod):
            return sibling[: len(sibling) - len(stock)] + level + rest
        return cur

    def right_np(self, q: _Qty) -> tuple[str, str]:
        np, pre, _ = self.right_np_span(q)
        return np, pre

    def right_np_span(self, q: _Qty) -> tuple[str, str, int]:
        """The noun phrase written after a quantity, the word before its 的 ("\x00" when
        there is no 的: 投资25亿元的X gives ""), and where the phrase ends."""
        key = (q.start, q.end, q.kind)
        found = self._rnp.get(key)
        if found is None:
            found = self._rnp[key] = self._right_np_span(q)
        return found

    def _right_np_span(self, q: _Qty) -> tuple[str, str, int]:
        t = self.text
        i = self.after_bounds(q.end)
        pre = ""
        de = False
        for w in self.d.named_amounts + ("",):
            if t.startswith(w + "的", i):
                pre, de = w, True
                i += len(w) + 1
                break
        if not de and q.kind == "rate":
            return "", "\x00", i
        # a project or fund by name: 投资25亿元的盛翌达光储算, 设立10亿元规模的…基金
        named = de and (pre or any(t.endswith(w, 0, q.start) for w in self.d.named_amounts))
        np = self.collect_name(i) if named else self.collect_np(i)
        stop = i + len(np)
        if "的" in np:
            np = np[np.rfind("的") + 1:]
        if not np and not de and q.kind in ("count", "person", "household"):
            # 22个预计新增产值超2000万元的增长点: the head follows the modifier's 的
            j = i
            while j < min(len(t), i + 30) and t[j] not in _NP_BREAK:
                if t[j] == "的":
                    np = self.collect_np(j + 1)
                    stop = j + 1 + len(np)
                    break
                j += 1
        np = _clean_name(np.rstrip(_CONJ))
        m = self.d.right_np_trailing.search(np)
        if m:
            np = np[: m.start()]
        if np in self.d.not_names or np.startswith(_DEMONSTRATIVES) or (
                np.startswith(_LIST_CONJ) and not np.startswith(self.d.not_stop_words)):
            # 不少于18亿亩这条红线: a noun pointed at names nothing; 瞪羚企业358户和种子独角兽企业1户: the
            # noun after 和 is the next figure's
            np = ""
        return np, (pre if de else "\x00"), stop

    def collect_name(self, i: int) -> str:
        """A project or fund named after 投资25亿元的 / 10亿元规模的: runs to punctuation, 等, 是
        or a verb that says what became of it (…维修基地建成投运)."""
        t = self.text
        j = i
        limit = min(len(t), i + 24)
        while j < limit and t[j] not in _NP_BREAK and t[j] not in "等是":
            if j - i >= 2 and any(len(w) > 1 and t.startswith(w, j) for w in self.d.hard_stops):
                break
            j += 1
        name = t[i:j]
        for w in self.d.project_trailing:
            if name.endswith(w) and len(name) > len(w) + 1:
                return name[:-len(w)]  # …产业园建设: the works, not the project
        return name

    def collect_np(self, i: int) -> str:
        t = self.text
        j = i
        limit = min(len(t), i + 24)
        while j < limit:
            c = t[j]
            if c.isdigit() and j > i:
                # 109个新增产值超2000万元增长点: a threshold inside the name
                m = self.d.quantity.match(t, j)
                if m and self.is_descriptor(_Qty(m.start(), m.end(), self.kind(m.group(0)))):
                    j = m.end()
                    limit = min(len(t), max(limit, j + 8))
                    continue
            if c in _NP_BREAK or c.isdigit():
                break
            if c in _CONJ and j > i and self.number_at(j + 1):
                break   # 384亿元救灾款和740亿元…: the next item of a list of amounts
            if self.starts_stop(j, hard_only=(j - i < 2)):
                break
            j += 1
        if j > i + 1 and t[j - 1] in _APPROX_BEFORE and self.number_at(j):
            j -= 1      # 80个乡镇近300万群众
        return t[i:j]

    def number_at(self, i: int) -> bool:
        """Whether a number (or 近/约 and a number) is written at ``i``."""
        t = self.text
        if i < len(t) and t[i] in _APPROX_BEFORE:
            i += 1
        return i < len(t) and t[i] in _NUMBER_START

    # ----- the resolver ----------------------------------------------------
    def prepare(self, q: _Qty) -> None:
        """Name the quantities of ``q``'s sentence written before it, in order (names refer back only)."""
        lo, _ = self.sentence(q.start, q.end, _FULL_STOP, cap=False)
        i = self.ending_by(q.start) - 1
        first = i + 1
        while i >= 0 and self.every[i].start >= lo and (self.every[i].start, self.every[i].end) not in self.done:
            first = i
            i -= 1
        for j in range(first, self.ending_by(q.start)):
            self.resolve(self.every[j])

    def resolve(self, q: _Qty, depth: int = 0) -> _Name:
        key = (q.start, q.end)
        name = self.done.get(key)
        if name is not None:
            return name
        if key in self.active:
            return _Name("", "fallback")   # a cycle
        self.active.add(key)
        try:
            name = self._resolve(q, depth)
        except RecursionError:
            name = _Name("", "fallback")
        finally:
            self.active.discard(key)
        name.text = _clean_name(name.text)
        self.done[key] = name
        return name

    def _resolve(self, q: _Qty, depth: int) -> _Name:
        t = self.text
        lo, hi = self.sentence(q.start, q.end)
        every = self.every
        ending = self.ending_by(q.start)        # every[:ending] are written before q

        listed = self.distributed(q, lo, hi, depth)
        if listed:
            return _Name(listed, "list")

        cs = self.clause_start(lo, q.start)
        i = self.last_value(ending - 1, cs)
        prev = every[i] if i >= 0 else None
        left = t[prev.end if prev else cs: q.start]
        prev_np = ""
        if prev:
            left = left[self.after_bounds(prev.end) - prev.end:]
            prev_np, _ = self.right_np(prev)
            if prev_np and left.startswith(prev_np):
                left = left[len(prev_np):]
            left = left.lstrip("、")

        np, flags, verb = self.left_np(left)
        rnp, pre = self.right_np(q)
        # 国家财政安排32.5亿元…: a verb that takes the noun after the number, even where it is stripped
        verbal = bool(np) and (self.verbal(np) or self.verbal(left.rstrip()))

        # 投资25亿元的盛翌达光储算, 设立10亿元规模的长江新能源智造基金
        if pre != "\x00" and rnp:
            word = pre or (np if np in self.d.named_amounts else "")
            if word:
                return _Name(rnp + word, "right")
            if not np or (verbal and q.kind != "rate"):
                return _Name(rnp, "right")   # 形成3.28万亿元的投资规模 (not 扩大到23%的县)
        elif rnp and np and left.rstrip().endswith("的") and q.kind != "rate":
            # 把中央财政的400亿元补贴资金用好, 对以前发布的756件行政法规进行清理: the noun after the
            # number is what it counts; the words before 的 only say whose or which
            return _Name(rnp, "right")
        elif rnp and (q.kind in ("count", "person", "household") or not np or verbal):
            if self.level_only(rnp):
                k = bisect.bisect_left(self.starts, q.end)
                nxt = every[k] if k < len(every) and every[k].end <= hi else None
                if nxt:
                    sib, _ = self.right_np(nxt)
                    rnp = self.borrow_level(rnp, sib)
            if rnp in self.d.generic:
                if np and np.endswith(rnp):
                    return _Name(np, "left")
                v = np or verb
                if v and len(v) <= 4:
                    return _Name(v + rnp, "right", v)
                vp = self.verb_phrase_after(q, rnp)
                if vp:
                    return _Name(vp + rnp, "right", verb)
                return _Name(rnp, "right", verb)
            if not np and self.is_increment(verb):
                return _Name(verb + rnp, "right", verb)  # 新增4000余家高企
            return _Name(rnp, "right", np if len(np) <= 4 else verb)

        if np:
            if self.level_only(np):
                if ending and every[ending - 1].start >= lo and depth < _MAX_DEPTH:
                    sib = self.resolve(every[ending - 1], depth + 1).text
                    np = self.borrow_level(np, sib)
                return _Name(np, "left")
            attr = self.attribute(np) or (np if np.startswith("占") and len(np) > 3 else "")
            if prev and prev_np and (attr or np in self.d.generic):
                # 199个省市重点项目完成投资544.53亿元: the counted noun owns the amount
                written, _ = _strip_trailing(_remove_time(left))
                return _Name(self.owner_stem(prev_np) + _clean_name(written), "left")
            if attr:
                if verb:
                    return _Name(verb + np, "left")
                # 产值…，占规模以上工业产值的比重: a share is of the owner's quantity as written
                owner = self.owner(q, lo, cs, depth, stem=not np.startswith("占"))
                return _Name(owner + np if owner else np, "left")
            if np in self.d.generic and verb:
                return _Name(verb + np, "left")
            if np in self.d.beneficiary:
                noun = self.count_noun(q)
                if noun:
                    return _Name(np + noun, "left")
            return _Name(np, "left")

        # nothing named in this clause
        if q.kind in ("person", "household") and not rnp:
            # 86户253人纳入防止返贫监测: people counted by what they did
            vp = self.verb_phrase_after(q, "")
            if vp:
                return _Name(vp, "right")
        if not flags & {"均", "各", "都"} and depth < _MAX_DEPTH:
            paired = self.paired_before(q, lo, cs, depth)
            if paired:
                return _Name(paired, "inherit")
        last = self.last_value(ending - 1, lo)
        if flags & {"均", "各", "都"} and last >= 0 and depth < _MAX_DEPTH:
            names = []
            for k in range(max(bisect.bisect_left(self.starts, lo), last - _MAX_JOINT + 1), last + 1):
                if not self.index_descriptor(k):
                    n = self.resolve(every[k], depth + 1).text
                    if n and n not in names:
                        names.append(n)
            if names:
                return _Name("、".join(names), "joint")
        if last < 0:
            # 向…学生提供助学金，每人每年1500元: the clause before, in this sentence, says what was given
            prior = self.previous_clause_np(lo, cs, given_only=True)
            if prior:
                return _Name(prior, "inherit")
            # a clause after ； may still continue the subject before it
            wide_lo, _ = self.sentence(q.start, q.end, _FULL_STOP)
            if wide_lo < lo:
                last = self.last_value(self.ending_by(lo) - 1, wide_lo)
        if last >= 0 and depth < _MAX_DEPTH:
            p = every[last]
            pn = self.resolve(p, depth + 1)
            if pn.source == "right" and pn.verb and p.kind != q.kind:
                noun = self.count_noun(q)
                if noun:
                    return _Name(pn.verb + noun, "inherit")
            if pn.text:
                text = pn.text
                if p.kind != q.kind or any(w in left for w in self.d.running_totals):
                    # 新增上市公司5家、累计达到42家; 累计完成投资5800亿元，年均增长9.5%: the stock
                    text = self.without_increment(text)
                if p.kind != q.kind:
                    # 三次较大幅度提高粮食最低收购价，提价幅度超过20%: a rate of what the count raised
                    text = self.given_object(text) or text
                # 增长6.1%，增速比一季度加快1.4个百分点: points change the growth rate itself
                rate = next((w for w in self.d.rate_words if w in flags), "")
                if rate and _unit_of(t[q.start:q.end]) in _POINT_UNITS and not text.endswith(rate):
                    return _Name(text + rate, "inherit")
                return _Name(text, "inherit")
        purpose = self.purpose_after(q)
        if purpose:
            return _Name(purpose, "right")    # 今年拟安排430亿元，用于…的实物廉租房建设
        if verb:
            prior = self.previous_clause_np(lo, cs)
            if prior:
                return _Name(prior, "inherit")
            return _Name(verb, "left")
        prior = self.previous_clause_np(lo, cs)
        if prior:
            return _Name(prior, "inherit")
        return _Name("", "fallback")

    def paired_before(self, q: _Qty, lo: int, cs: int, depth: int) -> str:
        """城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8%: figures listed in a
        clause of their own (joined by 和 or 、) pair off with as many figures before it, in order, when
        those have names of their own."""
        i = bisect.bisect_left(self.starts, q.start)
        every, t = self.every, self.text
        if i == len(every) or every[i].start != q.start or every[i].end != q.end:
            return ""
        cs = self.hard_clause_start(lo, q.start)   # the figures of the clause, 、 and all
        first = bisect.bisect_left(self.starts, cs)
        if first >= i + 1 or self.left_np(t[cs: every[first].start])[0]:
            return ""
        chain = [first]
        while chain[-1] < len(every) - 1 and len(chain) < _MAX_LIST:
            nxt = chain[-1] + 1
            if t[self.after_bounds(every[chain[-1]].end): every[nxt].start] not in _PAIR_JOINERS:
                break
            chain.append(nxt)
        if i not in chain or len(chain) < 2:
            return ""
        before, k = [], self.ending_by(cs) - 1
        while len(before) < len(chain):
            k = self.last_value(k, lo)
            if k < 0:
                return ""
            before.append(k)
            k -= 1
        names = [self.resolve(every[k], depth + 1).text for k in reversed(before)]
        if not all(names) or len(set(names)) < len(names):
            return ""
        return names[chain.index(i)]

    def verbal(self, s: str) -> bool:
        """Whether a phrase ends in a verb that takes what follows the number as object."""
        return s.endswith(self.d.object_verbs)

    def count_noun(self, q: _Qty) -> str:
        return self.d.count_nouns.get(_unit_of(self.text[q.start:q.end]), "")

    def verb_phrase_after(self, q: _Qty, rnp: str) -> str:
        """13项工作在全国性会议作经验交流: the phrase after a general noun says which ones."""
        t = self.text
        i = t.find(rnp, q.end, q.end + 8 + len(rnp))
        if i < 0:
            return ""
        i += len(rnp)
        j = i
        while j < len(t) and j - i <= 24 and t[j] not in _CLAUSE_END and t[j] not in _SPACE:
            j += 1
        vp = t[i:j]
        if not vp or j - i > 24 or _ANY_DIGIT.search(vp):
            return ""
        vp = _cut_examples(vp)
        vp, _ = _strip_trailing(vp)
        for w in self.d.vp_adverbs:
            if vp.startswith(w):
                vp = vp[len(w):]
        vp = _clean_name(vp)
        return vp if 2 <= len(vp) <= 16 else ""

    def left_np(self, left: str) -> tuple[str, frozenset, str]:
        return _left_np(left)

    def is_increment(self, verb: str) -> bool:
        return verb.startswith(tuple(self.d.increments | self.d.running_totals)) if verb else False

    def without_increment(self, name: str) -> str:
        """高新技术企业 for 净增高新技术企业 (固定资产投资 for 累计完成固定资产投资): the stock."""
        words = sorted(self.d.increments | self.d.running_totals, key=len, reverse=True)
        w = next((w for w in words if name.startswith(w)), "")
        if not w:
            end = next((w for w in self.d.increments if name.endswith(w)), "")
            return name[: -len(end)] if end and len(name) - len(end) >= 2 else name
        rest = name[len(w):]
        verb = next((v for v in sorted(self.d.leading_verbs, key=len, reverse=True) if rest.startswith(v)), "")
        if len(rest) - len(verb) >= 2:
            rest = rest[len(verb):]
        return rest if len(rest) >= 2 else name

    def owner(self, q: _Qty, lo: int, cs: int, depth: int, stem: bool = True) -> str:
        """The thing an attribute belongs to, from the clause just before (same sentence)."""
        if cs <= lo:
            return ""
        prev_cs = self.hard_clause_start(lo, cs - 1)
        i = self.last_value(self.ending_by(cs) - 1, prev_cs)
        if i >= 0:
            if depth >= _MAX_DEPTH:
                return ""
            p = self.every[i]
            pn = self.resolve(p, depth + 1)
            if pn.source in ("list", "joint", "fallback") or not pn.text:
                return ""
            owner = pn.text
            if p.kind == q.kind:
                owner = self.without_increment(owner)  # 净增…120家，总数550家: the total of the stock
            return self.owner_stem(owner) if stem else owner
        clause = self.text[prev_cs: cs - 1] if cs - 1 >= prev_cs else ""
        np, _, _ = self.left_np(clause)
        # 打造千亿元大健康产业: a size written before an owner is an ambition, not its name
        m = self.d.quantity.match(np)
        if m and m.end() < len(np):
            np = np[m.end():]
        if not np or len(np) > 16:
            return ""
        if any(w in np for w in self.d.hard_stops) or any(w in np for w in self.d.soft_stops):
            return ""
        return self.owner_stem(np) if stem else np

    def given_object(self, np: str) -> str:
        """What a phrase says was given or raised (较大幅度提高粮食最低收购价 -> 粮食最低收购价), else ""."""
        for w in self.d.giving_verbs:
            k = np.rfind(w)
            if k >= 0 and len(np) - k - len(w) >= 2:
                return np[k + len(w):]
        return ""

    def previous_clause_np(self, lo: int, cs: int, given_only: bool = False) -> str:
        """The name the clause before writes (in this sentence); with ``given_only``, only what it says
        was given (向…学生提供助学金 -> 助学金)."""
        if cs <= lo:
            return ""
        prev_cs = self.hard_clause_start(lo, cs - 1)
        np, _, _ = self.left_np(self.text[prev_cs: cs - 1])
        for w in self.d.giving_verbs:
            k = np.rfind(w)
            if k > 0 and len(np) - k - len(w) >= 2:
                return np[k + len(w):]
        return np if len(np) <= 20 and not given_only else ""

    def purpose_after(self, q: _Qty) -> str:
        """An amount with no name of its own, followed by what it is for (…430亿元，用于补助…的实物廉租房
        建设): the works it pays for, after their last 的."""
        t = self.text
        i = self.after_bounds(q.end)
        if i >= len(t) or t[i] not in "，,":
            return ""
        i += 1
        word = next((w for w in self.d.purpose_words if t.startswith(w, i)), "")
        if not word:
            return ""
        i += len(word)
        j, limit = i, min(len(t), i + 30)
        while j < limit and t[j] not in _CLAUSE_BREAK and t[j] not in "（(":
            j += 1
        if j == limit:
            return ""
        np = t[i:j]
        np = np[np.rfind("的") + 1:]
        np, _ = _strip_trailing(np)
        np = _clean_name(np)
        return np if 2 <= len(np) <= 16 and not _ANY_DIGIT.search(np) else ""

    def distributed(self, q: _Qty, lo: int, hi: int, depth: int = 0) -> str:
        """``A、B、C分别增长x、y、z``: the list item in the number's position."""
        k = self.text.rfind("分别", lo, q.start)
        if k < 0:
            return ""
        i = bisect.bisect_left(self.starts, q.start)
        if i == len(self.every) or self.every[i].end != q.end or self.every[i].start != q.start:
            # a figure the quantity scan did not see: read its list on its own
            return self.distributed_among(q, lo, self.quantities(lo, hi, q), k, depth)
        found = self._lists.get(k)
        if found is None:
            found = self._lists[k] = self.list_after(k)
        positions, items, before = found
        idx = positions.get(i)
        if idx is None:
            return ""
        if items is not None:
            return items[idx]
        if before is not None and depth < 2:
            return self.resolve(before[idx], depth + 1).text
        return ""

    def list_lead_is_verb(self, between: str) -> bool:
        """Whether only verbs, bound and time words stand between 分别 and the first number."""
        between = _remove_time(between)
        for w in self.d.bound_after:
            between = between.replace(w, "")
        between = _LIST_JOINERS.sub("", between)
        between, _ = _strip_trailing(between)
        return not between.strip()

    def list_after(self, k: int) -> tuple[dict, list | None, list | None]:
        """The list that 分别 at ``k`` hands out, read once for all its figures: the position of each
        figure in it (by index in ``every``), and the items of the subject, or the figures before
        (A甲元，B乙元，分别增长x、y: the items are the figures just before)."""
        t, every = self.text, self.every
        lo, hi = self.sentence(k, k + 2)
        first = bisect.bisect_left(self.starts, k + 1)
        if first >= len(every) or every[first].end > hi or not self.list_lead_is_verb(t[k + 2: every[first].start]):
            return {}, None, None
        chain = [first]
        j = first + 1
        while j < len(every) and every[j].end <= hi and len(chain) < _MAX_LIST:
            gap = t[self.after_bounds(every[chain[-1]].end): every[j].start]
            # 650元和每人每年5300元: a rate written before the next figure is no break
            if gap not in _LIST_GAPS and _strip_trailing(gap)[0] not in _LIST_GAPS:
                break
            chain.append(j)
            j += 1
        if len(chain) < 2:
            return {}, None, None
        positions = {c: n for n, c in enumerate(chain)}
        cs = self.hard_clause_start(lo, k)
        subject = _remove_time(t[cs:k])
        subject, _ = _strip_trailing(subject)
        subject, _, _ = _strip_leading(subject)
        if not _clean_name(subject):
            ending, first_in = self.ending_by(cs), bisect.bisect_left(self.starts, lo)
            if ending - first_in >= len(chain):
                return positions, None, [every[ending - len(chain) + n] for n in range(len(chain))]
            if cs <= lo or ending > first_in:
                return {}, None, None
            # 农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到…: the subject is the clause before
            subject = _remove_time(t[self.hard_clause_start(lo, cs - 1): cs - 1])
            subject, _ = _strip_trailing(subject)
            subject, _, _ = _strip_leading(subject)
        items = self.split_items(subject, len(chain))
        if len(items) != len(chain):
            return {}, None, None
        return positions, items, None

    def distributed_among(self, q: _Qty, lo: int, qs: list[_Qty], k: int, depth: int = 0) -> str:
        """:meth:`distributed` for a figure that is not among the quantities of the text."""
        t = self.text
        # only numbers, 、 and verbs between 分别 and this number
        between = t[k + 2: q.start]
        for p in reversed(qs):
            if k + 2 <= p.start and p.end <= q.start:
                between = between[: p.start - k - 2] + "、" * (p.end - p.start) + between[p.end - k - 2:]
        between = _remove_time(between)
        for w in self.d.bound_after:
            between = between.replace(w, "")
        between = _LIST_JOINERS.sub("", between)
        between, _ = _strip_trailing(between)
        while between:
            s2, _ = _strip_trailing(between)
            if s2 == between:
                break
            between = s2
        if between.strip():
            return ""
        nums = [p for p in qs if p.start > k]
        chain = []
        for p in nums:
            if chain:
                gap = t[self.after_bounds(chain[-1].end): p.start]
                # 650元和每人每年5300元: a rate written before the next figure is no break
                if gap not in _LIST_GAPS and _strip_trailing(gap)[0] not in _LIST_GAPS:
                    break
            chain.append(p)
        if q not in chain or len(chain) < 2:
            return ""
        idx = chain.index(q)
        cs = self.hard_clause_start(lo, k)
        subject = _remove_time(t[cs:k])
        subject, _ = _strip_trailing(subject)
        subject, _, _ = _strip_leading(subject)
        if not _clean_name(subject):
            # A甲元，B乙元，分别增长x、y: 分别 opens its clause; the items are the figures just before
            before = [p for p in qs if p.end <= cs]
            if len(before) >= len(chain) and depth < 2:
                return self.resolve(before[len(before) - len(chain) + idx], depth + 1).text
            return ""
        items = self.split_items(subject, len(chain))
        if len(items) != len(chain):
            return ""
        return items[idx]

    def split_items(self, subject: str, n: int) -> list[str]:
        m = _QUOTED_LIST.match(subject)
        if m:
            items = [m.group(1) + it + m.group(3) for it in m.group(2).split("、")]
            if len(items) == n:
                return [_clean_name(i) for i in items]
        items = [i for i in subject.split("、") if i]
        if len(items) > 1 and items[0].startswith("第") and all(i[0] in "一二三四五六七八九十" for i in items[1:]):
            items = [items[0]] + ["第" + i for i in items[1:]]     # 第一、二、三产业
        if len(items) == 1:
            for pair, parts in sorted(self.d.pairs.items(), key=lambda kv: -len(kv[0])):
                if subject.startswith(pair) and len(parts) == n:
                    return [p + subject[len(pair):] for p in parts]   # 城乡居民 -> 城镇居民, 农村居民
        if len(items) != n:
            for c in _LIST_CONJ:
                parts = [i for i in re.split("、|" + c, subject) if i]
                if len(parts) == n:
                    items = parts
                    break
        if len(items) != n:
            return items
        # 对非洲、拉美市场出口: a preposition written once belongs to every item
        prep = next((w for w in self.d.list_prepositions if items[0].startswith(w) and len(items[0]) > len(w) + 1
                     and not items[-1].startswith(w)), "")
        if prep:
            items[0] = items[0][len(prep):]
        # 生物医药和汽车零部件两大主导产业: the head after 两大 belongs to every item
        last = items[-1]
        mq = self.d.list_quantifier.search(last)
        if mq and mq.start() > 0 and mq.end() < len(last):
            head = last[mq.end():]
            items = items[:-1] + [last[: mq.start()]]
            items = [i + head for i in items]
        else:
            head = next((h for h in self.d.shared_heads if last.endswith(h) and len(last) > len(h)), "")
            bare = head
            # 先进材料、食品饮料产业营业收入: the class word before the head is shared too
            cls = next((c for c in self.d.shared_head_classes if head and last[:-len(head)].endswith(c)
                        and len(last) > len(head) + len(c)), "")
            if cls and not any(it.endswith(cls) for it in items[:-1]):
                bare = head
                head = cls + head
            # 城镇、农村居民人均可支配收入: a short item shares the rest of the last one, unless a class
            # word says where the shared part starts (船舶、…航空航天行业增加值)
            for j, it in enumerate(items[:-1]):
                if not cls and len(it) <= 3 and len(last) > len(it) + 2:
                    items[j] = it + last[len(it):]
                elif head and not any(it.endswith(h) for h in self.d.shared_heads) and not it.endswith(head[-2:]):
                    # not 农村居民人均纯收入 + 人均可支配收入; 制造业 + 增加值, not 制造业 + 产业增加值
                    items[j] = it + (bare if cls and it.endswith(cls[-1]) else head)
        return [_clean_name(prep + i) if prep and not i.startswith(prep) else _clean_name(i) for i in items]


def _fallback(text: str, start: int, end: int) -> str:
    """Nearest noun-ish chunk: the CJK run just before the number, else after, else the number."""
    before = re.findall(r"[\u4e00-\u9fffA-Za-z“”]+", text[max(0, start - 12): start])
    if before and not _is_noise(before[-1]):
        return _clean_name(before[-1][-10:])
    after = re.findall(r"[\u4e00-\u9fffA-Za-z“”]+", text[end: end + 12])
    if after and not _is_noise(after[0]):
        return _clean_name(after[0][:10])
    word = re.findall(r"\S+", text[start:end])
    if word:
        return word[0]
    near = re.search(r"\S+", text)
    return near.group()[:10] if near else ""


@lru_cache(maxsize=4096)
def _number_kind(number: str) -> str:
    """rate, money, count … of a number as written (6%, 1167.9亿元); reports repeat their figures' forms."""
    return _unit_kind(_unit_of(number))


@lru_cache(maxsize=4096)
def _unit_kind(unit: str) -> str:
    """rate, money, count … of a unit as written, by the longest listed unit it starts or ends with."""
    units = _data().units
    if unit in units:
        return units[unit]
    for u in _units_longest_first():
        if unit.startswith(u) or unit.endswith(u):
            return units[u]
    return "other"


@lru_cache(maxsize=1)
def _units_longest_first() -> tuple:
    return tuple(sorted(_data().units, key=len, reverse=True))


def _as_written(text: str, folded: str, name: str, near: int) -> str:
    """The occurrence of ``name`` in ``folded`` nearest before ``near`` (in its sentence), as ``text`` writes it."""
    lo, hi = max(0, near - _MAX_SENTENCE), min(len(folded), near + _MAX_SENTENCE)
    k = folded.rfind(name, lo, near + 1)
    if k < 0:
        k = folded.find(name, near, hi)
    return text[k:k + len(name)] if k >= 0 else name


class IndicatorNamer:
    """Names for the figures of one text.

    What every name needs from the whole text (its full-width-folded form, the sentence ends, all
    the quantities in it) is worked out once, on first use, then shared by the figures.
    ``figure_starts`` are where the mention finder found figures; without them it is run here.

        >>> namer = IndicatorNamer("地区生产总值增长6%，新建5G基站500个。")
        >>> namer.name(8, 10), namer.name(17, 21)
        ('地区生产总值', '新建5G基站')
    """

    def __init__(self, text: str, figure_starts: Iterable[int] | None = None, folded: str | None = None):
        self.text = text
        # the pipeline passes the folded text the context stage made: one fold per document
        self.folded = folded if folded is not None and len(folded) == len(text) else fold_width(text)
        self._figure_starts = None if figure_starts is None else set(figure_starts)
        self._end_marks: dict[frozenset, list[int]] = {}
        self._quantities: tuple[list[_Qty], list[int]] | None = None
        self._resolver: _Resolver | None = None

    def name(self, start: int, end: int) -> str:
        """The indicator's name for the number ``text[start:end]`` (see :func:`indicator_for`)."""
        n = len(self.text)
        start, end = sorted((max(0, min(int(start), n)), max(0, min(int(end), n))))
        folded = self.folded
        r = self._resolver
        if r is None:
            r = self._resolver = _Resolver(self)
        kind = r.kind(folded[start:end]) if end > start else "other"
        q = _Qty(start, end, kind)
        r.prepare(q)
        name = r.resolve(q).text
        if folded is not self.text and name:
            name = _as_written(self.text, folded, name, start)
        if not name or _is_noise(name):
            name = _fallback(self.text, start, end)
        return name

    def end_marks(self, ends: frozenset) -> list[int]:
        """Positions of the sentence-end characters ``ends`` in the text, sorted."""
        marks = self._end_marks.get(ends)
        if marks is None:
            chars = "[" + "".join(re.escape(c) for c in sorted(ends)) + "]"
            if ends & _SPACE:
                # a space a typesetter put between Chinese and a number (涨幅在 3%以内) ends nothing
                chars = rf"(?![{''.join(sorted(_SPACE))}](?<=[\u4e00-\u9fff].)(?=\d)){chars}"
            # every mark is one character: its position is the length of the text before it, which
            # split, len and accumulate work out in C (a match object per mark costs more than the scan)
            pieces = _compiled(chars).split(self.folded)
            marks = list(map(operator.add, accumulate(map(len, pieces[:-1])), range(len(pieces) - 1)))
            self._end_marks[ends] = marks
        return marks

    def every_quantity(self) -> tuple[list[_Qty], list[int]]:
        """Every quantity in the text, in one scan: (quantities, their starts)."""
        if self._quantities is None:
            t, d = self.folded, _data()
            spans = [m.span() for m in d.quantity_in_digits.finditer(t)]
            # 连跨两个千亿台阶, 五个必须: Chinese numerals are a quantity only where a figure was found
            chinese = sorted(i for i in self.figure_starts() if 0 <= i < len(t) and t[i] in _CHINESE_NUMERALS)
            if chinese:
                for i in chinese:
                    m = d.quantity.match(t, i)
                    if m and not _ARABIC.search(m.group(0)):
                        spans.append(m.span())
                spans.sort()
            found, last_end = [], 0
            for a, b in spans:
                if a < last_end:
                    continue    # the matches of one scan never overlap
                last_end = b
                if a > 0 and t[a - 1] in "前第":
                    continue  # 前5个月, 第3季度: a time or a rank, no figure (as for the mention finder)
                found.append(_Qty(a, b, _number_kind(t[a:b])))
            self._quantities = found, [q.start for q in found]
        return self._quantities

    def figure_starts(self) -> set[int]:
        if self._figure_starts is None:
            from .mentions import find_mentions
            self._figure_starts = {f.start for f in find_mentions(self.folded)}
        return self._figure_starts


@lru_cache(maxsize=2)
def _namer(text: str) -> IndicatorNamer:
    # indicator_for is asked figure by figure with the same text: keep the last texts' namers
    return IndicatorNamer(text)


def name_region_subjects(records: list, is_region, sentence_start, text: str) -> None:
    """延安市增长3.7%: a record whose indicator is only a region (``is_region``) measures what the
    first record of its sentence measures (其中，西安市实现生产总值…；…；延安市增长3.7%), or the topic
    the sentence opens with (一般公共预算收入方面，宽甸县增长15.3%). Records are changed in place."""
    first: dict[int, str] = {}  # sentence start -> the indicator of its first record with one
    searched: dict[int, int] = {}  # sentence start -> how far a topic was looked for in vain
    topic_rx, reach = _data().topic, _topic_width()
    for r in records:
        k = sentence_start(r.start)
        if not is_region(r.indicator):
            first.setdefault(k, r.indicator)
            continue
        if k not in first:
            # a topic ending by the last record's start was not there: look again only where one could
            # end after it (the records of a long list of regions read their sentence once, not each)
            since = searched.get(k)
            topic = topic_rx.search(text, k if since is None else max(k, since - reach), r.start)
            if topic:
                first[k] = topic.group("topic")
            else:
                searched[k] = max(r.start, since or 0)
        if k in first:
            r.indicator = first[k]


@lru_cache(maxsize=1)
def _topic_width() -> int:
    """The most characters a topic (``indicator_patterns.json``: topic_regex) can span."""
    try:
        import re._parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse
    widest = sre_parse.parse(_data().topic.pattern).getwidth()[1]
    return min(widest, _MAX_SENTENCE)


def indicator_for(text: str, start: int, end: int) -> str:
    """The indicator's name for the number ``text[start:end]``.

    The result is the shortest noun phrase the report writes for what the number
    measures (地区生产总值增长6% -> 地区生产总值); it is empty only when ``text``
    has nothing but whitespace. Offsets outside the text are clipped to it, and
    ``start > end`` are swapped. To name many figures of one text, an
    :class:`IndicatorNamer` does the work the figures share once.
    """
    return _namer(text).name(start, end)
