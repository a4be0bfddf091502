"""Find quantified mentions: a number with its unit, its bound, and whether it is a change.

A mention is a number token (numerals.NUMBER_PATTERN) followed by a unit from
the unit vocabulary; a number with no unit is never an indicator value in a
report (years, codes, ratios and list numbers have none), except a fraction,
whose form says it is a share (占全国1/3以上, 超过三分之二的县: value 0.333…,
no unit). The finder reads the text through numerals.fold_number_text, so
full-width digits and traditional characters give the same figures as ASCII
and simplified ones. Around the match the finder reads:

* exclusions: ordinals (第三个), codes (5G, G106, 4A), rankings (居全省第三,
  全国前50, 世界500强), money thresholds naming a class (50亿元以上重大项目),
  counts in Chinese numerals outside the few places reports use them, fractions
  that are no share (2023/24, 12/31) or part of a name (“三分之一”, 四分之一决赛);
* the bound: 约/近 … 左右 approx, 超过/突破/不少于 … 以上/余/多 min,
  不超过/低于 … 以内 max, 2—3个 range;
* change or level: a change verb before a rate (增长6%, 回落1.7个百分点,
  是…的2.2倍), or a verb with a comparison before another unit
  (比2016年增加600亿元).

All word lists live in ``data/mentions.json``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

import regex

from . import numerals
from .regexes import word_alternation
from .segment import clause_end, clause_start
from .vocab import MentionVocabulary, load_data, validate

_CN_DIGIT_WORDS = "一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_ARABIC = regex.compile(r"[0-9０-９]")
_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTES = "”」』\""
# a fraction inside these is part of a name (《三分之一的…》, “三分之一”工程)
_NAME_QUOTES = (_OPEN_QUOTES + "《〈", _CLOSE_QUOTES + "》〉")
# a number written with none of these and no unit after it (2024, 1、) is no quantity: told
# before it is parsed (traditional forms as the number pattern reads them)
_MAGNITUDE_CHARS = frozenset("".join(numerals.MAGNITUDES) + "萬億仟佰拾")
# the to-value of a from-to statement (从…增加到 ⟦2864亿美元⟧) is a level, whatever verb joins them
_TO_VALUE = regex.compile(r"(?:由|从)[^，,。；;！？]*?(?:到|至)\s*$")
_LOOKBEHIND = 24  # characters of left context read by the rules
_RANKING_REACH = 40  # characters after a number searched for a ranking (居全省第三)
_SENTENCE_REACH = 200  # characters before a number searched for its sentence's verb (a bound: linear)


@dataclass
class Mention:
    """A number and its unit at ``text[start:end]``, before indicator and context are attached."""

    start: int
    end: int
    number: str
    value: float
    value_high: Optional[float]
    unit: str
    bound: str
    measure: str
    direction: Optional[str]
    rule: str
    bound_from_before: bool = False  # the bound word stood before the number (it distributes over a list)


def _any_of(patterns) -> "regex.Pattern":
    """One compiled alternation of several patterns (each kept whole in its own group)."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def _words_regex(words) -> str:
    return word_alternation(words)


class MentionFinder:
    """Compiled rules over one vocabulary. :func:`find_mentions` uses a shared default instance."""

    def __init__(self, vocabulary: Union[MentionVocabulary, dict, str, os.PathLike, None] = None):
        """``vocabulary``: the packaged one by default, or a dict or a JSON file of the same keys."""
        if vocabulary is None or isinstance(vocabulary, (str, os.PathLike)):
            v = load_vocabulary(vocabulary)
        else:
            v = validate(vocabulary, MentionVocabulary, "the mention vocabulary given")
        self.vocabulary = v
        num = numerals.NUMBER_PATTERN
        unit = numerals.unit_pattern()
        sep = r"[—–\-~～至到]"
        # 5300多万人, 300余亿元: the magnitude after 余/多 (only the 万/亿 family is written there)
        mag = _words_regex(w for w in numerals.MAGNITUDES if "万" in w or "亿" in w)
        self.pattern = regex.compile(
            rf"(?={numerals.NUMBER_START})(?P<num>{num})(?:(?P<unit1>{unit})?(?P<sep>{sep})(?P<num2>{num}))?"
            rf"(?:(?P<extra>余|多)(?P<mag2>{mag})?)?(?P<unit>{unit})?"
        )
        # plain words, tried in C by str.endswith / str.startswith with a tuple
        self.bound_before = [(b, tuple(ws)) for b, ws in v.bound_before.items()]
        self.bound_after = [(b, tuple(ws)) for b, ws in v.bound_after.items()]
        self.per_unit_before = regex.compile(v.per_unit_before_number_regex)
        filler = _words_regex(v.fillers_between_verb_and_number)
        bound_words = _words_regex(w for ws in v.bound_before.values() for w in ws)
        self.change_before = regex.compile(
            rf"(?P<verb>{_words_regex(v.change_up + v.change_down)})"
            rf"(?P<to>{_words_regex(v.to_level_after_verb)})?"
            rf"(?:{filler}|{bound_words})*$"
        )
        self.down_words = set(v.change_down)
        self.change_units = set(v.change_units)
        self.comparison = regex.compile(v.comparison_regex)
        self.multiple_of = regex.compile(r"(?:是|为|相当于)[^，,。；;]{0,22}的$")  # 是1950年到1997年…总和的1.7倍
        self.descriptor_after = regex.compile(
            rf"^(?:以上|级)?(?:的)?(?:{_words_regex(v.descriptor_heads_after_amount)})"
        )
        self.descriptor_after_no_de = regex.compile(
            rf"^(?:以上|级)?(?:{_words_regex(v.descriptor_heads_after_amount)})"
        )
        self.threshold_before = tuple(v.descriptor_threshold_before)
        classes = v.descriptor_heads_after_amount + v.threshold_class_nouns
        self.threshold_of_class = regex.compile(rf"^(?:及以上|以上|以下)的(?:{_words_regex(classes)})")
        self.descriptor_units = set(v.descriptor_units)
        # each list is one alternation: one search per mention instead of one per pattern
        self.exclude_before = _any_of(v.exclude_before_regex)
        self.exclude_after = _any_of(v.exclude_after_regex)
        self.ranking_after = regex.compile(v.ranking_after_regex)
        self.ranking_field_end = tuple(v.ranking_field_end)
        self.rank_units = frozenset(v.rank_units)
        self.rank_shift_before = regex.compile(v.rank_shift_before_regex)
        self.cumulative_before = regex.compile(v.cumulative_before_regex)
        self.chinese_ok_before = _any_of(v.chinese_count_ok_before_regex)
        self.chinese_min_value = v.chinese_count_min_value
        self.chinese_not_units = set(v.chinese_count_not_units)
        self.chinese_small_units = set(v.chinese_count_small_units)
        self.chinese_ok_magnitudes = set(v.chinese_count_ok_magnitudes)
        self.chinese_share_units = frozenset(v.chinese_count_share_units)
        self.fraction_max_value = float(v.fraction_max_value)
        self.slash_denominators = frozenset(int(d) for d in v.slash_fraction_denominators)
        self.slash_fraction = regex.compile(r"([0-9０-９]+)[/／]([0-9０-９]+)")
        self.fraction_exclude_after = regex.compile(v.fraction_exclude_after_regex)
        self.fraction_exclude_before = regex.compile(v.fraction_exclude_before_regex)
        self.list_separators = set(v.list_separators)
        # the people a bare magnitude counts, with a short modifier (13.2万脱贫人口, 1200万中小学教师)
        self.people_after = regex.compile(
            rf"[\u4e00-\u9fff]{{0,{v.bare_magnitude_people_modifier_chars}}}?(?:{_words_regex(v.bare_magnitude_people)})")
        self.event_units = frozenset(v.chinese_count_event_units)
        self.event_after = regex.compile(v.chinese_count_event_after_regex)
        self.package_units = frozenset(v.package_units)
        self.package_after = regex.compile(v.package_after_regex)
        self.indicator_system_units = frozenset(v.indicator_system_units)
        self.indicator_system_after = regex.compile(v.indicator_system_after_regex)
        self.indicator_system_setting = regex.compile(v.indicator_system_setting_regex)
        self.indicator_system_outcome = regex.compile(v.indicator_system_outcome_regex)

    # -- the scan -------------------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        written = text
        text = numerals.fold_number_text(text)  # one for one: offsets are the same
        out = []
        pos = 0
        n = len(text)
        while pos < n:
            m = self.pattern.search(text, pos)
            if m is None:
                break
            mention = self._mention(text, m, written)
            if mention is not None:
                if out and text[out[-1].end:mention.start] in self.list_separators:
                    _continue_list(out[-1], mention)
                out.append(mention)
                pos = m.end()
            else:
                # a failed match may hide a shorter good one inside it (2023年12月 ...): step one char
                pos = m.start() + 1
        return out

    def _mention(self, text: str, m, written: str) -> Optional[Mention]:
        # every group at once: a candidate is read by many rules, and most candidates fail early
        num_text, unit_word, num2, unit1, mag2, extra = m.group("num", "unit", "num2", "unit1", "mag2", "extra")
        if not unit_word and not mag2 and _MAGNITUDE_CHARS.isdisjoint(num_text):
            # a bare number is no figure, unless it is a fraction (三分之一, 1/3, 一半): a value with no unit
            return self._fraction(text, m, written) if numerals.is_fraction(num_text) else None
        if ("分之" in num_text or "/" in num_text or "／" in num_text) and numerals.is_fraction(num_text):
            return self._fraction(text, m, written)
        start, end = m.start(), m.end()
        # the token must not continue a longer number or code (1.2.3, ４５, PM2.5 handled below)
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．" and start > 1 and text[start - 2].isdigit()):
            return None
        last_digit = m.end("num2") if num2 else m.end("num")
        if last_digit < len(text) and text[last_digit].isdigit():
            return None  # the token stops inside a run of digits (mixed widths: ２0): no safe reading
        parsed = numerals.parse_number(num_text)
        if parsed is None:
            return None
        magnitude = parsed.magnitude
        if mag2:
            # 300余亿元; 4800多万农村人口 (a bare magnitude before the people it counts)
            if magnitude or (not unit_word and not self.people_after.match(text, m.end())):
                return None
            magnitude = mag2
        unit_word = unit_word or ""
        extra = extra or ""
        value_high = None
        rule = "number+unit"
        if num2:
            parsed2 = numerals.parse_number(num2)
            unit1 = unit1 or ""
            if parsed2 is None or (unit1 and unit_word and unit1 != unit_word):
                return None
            if parsed2.magnitude and not magnitude:
                magnitude = parsed2.magnitude  # 2—3万亩: the magnitude belongs to both ends
            elif magnitude and parsed2.magnitude != magnitude:
                return None  # 2万至3个: not one quantity
            value_high = parsed2.value
            rule = "range"
        if parsed.percent:
            unit = "%"
            rule = "percent-words"
            if not unit_word:
                end = m.start("num") + len(num_text) if not m.group("num2") else m.end("num2")
        else:
            if not unit_word:
                # a bare magnitude (产值突破千亿) is a quantity only where it closes the clause,
                # or before the people it counts (346万农村贫困人口)
                if magnitude and ((not extra and (self._closes_clause(text, end) or self._list_goes_on(text, end)))
                                  or self.people_after.match(text, end)):
                    unit = magnitude
                    rule = "bare-magnitude"
                else:
                    return None
            else:
                unit = magnitude + unit_word
        unit = unit.replace("％", "%")
        if unit_word in self.descriptor_units:
            return None
        if unit_word in self.chinese_share_units and magnitude:
            return None  # tenths take no magnitude: 百亿成势 is a slogan, not 100亿 成
        is_chinese = not _ARABIC.search(num_text)
        # a space a typesetter put between a word and its number (下降 19.1%, 控制在 3.3%) says nothing
        left = text[max(0, start - _LOOKBEHIND):start].rstrip(" \t\u3000")
        right = text[end:end + 12]
        if self.exclude_before.search(left) or self.exclude_after.search(right) or (
                unit_word in self.package_units and self.package_after.search(right)):
            return None
        if is_chinese and not parsed.percent:
            # 两千三百万元, 一万个: a digit word with 万/亿 is an amount, never a slogan's count
            sized = bool(magnitude in self.chinese_ok_magnitudes and unit_word
                         and any(ch in _CN_DIGIT_WORDS for ch in num_text))
            placed = sized or unit_word in self.chinese_share_units or self.chinese_ok_before.search(left) or (
                end < len(text) and text[end] in "，,。；;！!？?\n") or end == len(text) or (
                unit_word in self.event_units and self.event_after.match(text, end)) or (
                # 增长一倍多, 翻一番: a multiple after a change verb is a change, not a slogan's count
                unit_word in self.chinese_small_units and self.change_before.search(left))
            # 近万场: a magnitude word alone is its own size
            alone = magnitude and not any(ch in _CN_DIGIT_WORDS for ch in num_text)
            size = parsed.value * (numerals.MAGNITUDES.get(magnitude, 1) if sized or alone else 1)
            too_small = size < self.chinese_min_value and unit_word not in self.chinese_small_units
            if (too_small or not placed or unit_word in self.chinese_not_units
                    or self._inside_quotes(text, start)):
                return None
            rule = "chinese-count"
        # a ranking's field is a count (在349个城市中居第46); a rate is the thing ranked
        # (森林覆盖率达65.85%、连续47年居全国首位)
        if ((unit not in self.change_units and self._is_ranking(text, start, end))
                or self._is_quoted_name(text, start, end)):
            return None
        if unit_word in self.rank_units and self.rank_shift_before.search(left):
            return None  # 较上年前移19位: a move in a ranking
        if self._is_money_threshold(unit_word, magnitude, left, right):
            return None
        if unit_word in self.indicator_system_units and self._is_indicator_system(text, start, end):
            return None
        bound, from_before = self._bound(left, right, extra, value_high)
        measure, direction = self._measure(text, start, left, unit)
        return Mention(start, end, written[start:end], float(parsed.value),
                       None if value_high is None else float(value_high),
                       unit, bound, measure, direction, rule, from_before)

    def _fraction(self, text: str, m, written: str) -> Optional[Mention]:
        """三分之一, 1/3, 一半: a share, recorded as its value with no unit (a unit written after it belongs
        to the noun: 三分之一人口). Only shares (at most 1), a slash only over a usual denominator
        (1/3, not the 2023/24 of a year or the 12/31 of a date), never in a name."""
        start = m.start()
        end = m.end("num2") if m.group("num2") else m.end("num")
        if m.group("num2") and not numerals.is_fraction(m.group("num2")):
            return None
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．/／"):
            return None
        if end < len(text) and text[end].isdigit():
            return None
        values = []
        for token in filter(None, (m.group("num"), m.group("num2"))):
            parsed = numerals.parse_number(token)
            if parsed is None or not 0 < parsed.value <= self.fraction_max_value:
                return None
            slash = self.slash_fraction.fullmatch(token)
            if slash and int(slash.group(2)) not in self.slash_denominators:
                return None
            values.append(parsed.value)
        left = text[max(0, start - _LOOKBEHIND):start]
        right = text[end:end + 12]
        if (self.exclude_before.search(left) or self.exclude_after.search(right)
                or self.fraction_exclude_after.search(right) or self.fraction_exclude_before.search(left)
                or self._inside_quotes(text, start, _NAME_QUOTES)):
            return None
        if self._is_ranking(text, start, end):
            return None
        value_high = values[1] if len(values) > 1 else None
        bound, from_before = self._bound(left, right, "", value_high)
        measure, direction = self._measure(text, start, left, "", rate=True)
        return Mention(start, end, written[start:end], values[0], value_high, "", bound, measure, direction,
                       "fraction", from_before)

    def is_period_total(self, text: str, mention: Mention) -> bool:
        """Whether a figure of a multi-year section speaks for the whole period: a change, or a flow
        (累计, 新增 … before it in its clause), rather than the state at the period's end."""
        if mention.measure == "change":
            return True
        c0 = clause_start(text, mention.start)
        clause = numerals.fold_number_text(text[c0:mention.start])  # 增長, 累計 read as simplified
        if _TO_VALUE.search(clause):
            return False  # 外汇储备从1399亿美元增加到2864亿美元: the level at the period's end
        return bool(self.cumulative_before.search(clause))

    # -- the rules ------------------------------------------------------------------------------
    @staticmethod
    def _list_goes_on(text: str, end: int) -> bool:
        """A list of figures continues: 分别增加1753万和2028万."""
        return end + 1 < len(text) and text[end] in "和、" and text[end + 1].isdigit()

    @staticmethod
    def _closes_clause(text: str, end: int) -> bool:
        return end >= len(text) or text[end] in "，,。；;、！!？?\n）)”"

    @staticmethod
    def _inside_quotes(text: str, start: int, quotes: tuple[str, str] = (_OPEN_QUOTES, _CLOSE_QUOTES)) -> bool:
        lo = max(0, start - 12)
        seg = text[lo:start]
        opened = max(seg.rfind(q) for q in quotes[0])
        closed = max(seg.rfind(q) for q in quotes[1] if q != '"')
        return opened > closed

    def _is_quoted_name(self, text: str, start: int, end: int) -> bool:
        """A figure closing a short quotation names a policy or programme (稳增长“30条”, “稳经济30条”)."""
        return end < len(text) and text[end] in _CLOSE_QUOTES and self._inside_quotes(text, start)

    def _is_ranking(self, text: str, start: int, end: int) -> bool:
        """A count inside a ranking statement (在349个城市中居第46, 4项指标中有3项获全省第三)."""
        # a ranking follows its count closely; the ceiling keeps unpunctuated text linear
        stop = clause_end(text, end, min(len(text), end + _RANKING_REACH))
        if self.ranking_after.search(text, end, stop):
            return True
        # 在全国230家国家级经开区考核评价中，我区位列第87位: the field of the ranking in the next clause
        if stop < len(text) and text.endswith(self.ranking_field_end, end, stop):
            nxt = clause_end(text, stop + 1, min(len(text), stop + 1 + _RANKING_REACH))
            return bool(self.ranking_after.search(text, stop + 1, nxt))
        return False

    def _is_money_threshold(self, unit_word: str, magnitude: str, left: str, right: str) -> bool:
        """A money amount (or bare 亿) naming a class of projects or firms, not a quantity of its own."""
        if not (unit_word.endswith("元") or (not unit_word and magnitude)):
            return False
        if self.descriptor_after_no_de.search(right) or self.threshold_of_class.search(right):
            return True
        # 超2000万元的增长点: a threshold word before, 的 + class noun after
        return bool(left.endswith(self.threshold_before) and self.descriptor_after.search(right))

    def _is_indicator_system(self, text: str, start: int, end: int) -> bool:
        """细化提出22项主要指标: the number of a plan's indicators, where the sentence sets the plan
        out and the clause reports no outcome of them (5项预期性指标未能如期完成 is kept)."""
        if not self.indicator_system_after.match(text, end):
            return False
        if self.indicator_system_outcome.search(text, end, clause_end(text, end, min(len(text), end + _RANKING_REACH))):
            return False
        lo = max(0, start - _SENTENCE_REACH)
        sentence_start = max(text.rfind(mark, lo, start) for mark in "。！？\n") + 1
        return bool(self.indicator_system_setting.search(text, max(lo, sentence_start), start))

    def _bound(self, left: str, right: str, extra: str, value_high) -> tuple[str, bool]:
        """The bound, and whether it came from a word before the number."""
        if value_high is not None:
            return "range", False
        per_unit = self.per_unit_before.search(left)
        if per_unit:
            left = left[:per_unit.start()]  # 低于每立方米19微克: the bound word stands before the denominator
        before = next((b for b, words in self.bound_before if left.endswith(words)), None)
        after = next((b for b, words in self.bound_after if right.startswith(words)), None)
        if before == "approx" or after == "approx":
            return "approx", before == "approx"
        if extra:
            return "min", False
        if after:
            return after, False
        return (before, True) if before else ("eq", False)

    def _measure(self, text: str, start: int, left: str, unit: str, rate: bool = False) -> tuple[str, Optional[str]]:
        """Change or level; ``rate``: the figure is a share whatever its unit (a fraction)."""
        base = unit.lstrip("万亿千百十") or unit
        m = self.change_before.search(left)
        if base == "倍":
            if m and m.group("verb") in self.down_words:
                return "change", "down"
            if m or self.multiple_of.search(left):
                return "change", "up"
            return "level", None
        if m is None or m.group("to"):
            return "level", None
        direction = "down" if m.group("verb") in self.down_words else "up"
        if rate or base in self.change_units:
            return "change", direction
        # another unit: a difference only against a named earlier value (比2016年增加600亿元)
        clause = text[clause_start(text, start):start]
        if self.comparison.search(clause[: len(clause) - len(m.group(0))]):
            return "change", direction
        return "level", None


def _continue_list(previous: Mention, mention: Mention) -> None:
    """``分别增长40.9%、36.1%`` (or ``8.5%和9.6%``): the verb and a bound word before the first number govern the list."""
    if mention.measure == "level" and previous.measure == "change" and mention.unit == previous.unit:
        mention.measure, mention.direction = previous.measure, previous.direction
    if mention.bound == "eq" and previous.bound_from_before:
        mention.bound, mention.bound_from_before = previous.bound, True


def load_vocabulary(path=None) -> MentionVocabulary:
    """The mention vocabulary: ``data/mentions.json``, or a user file given by path or GOVREPORT_MENTIONS."""
    return load_data("mentions.json", MentionVocabulary, path or os.environ.get("GOVREPORT_MENTIONS") or None)


@lru_cache(maxsize=1)
def default_finder() -> MentionFinder:
    return MentionFinder()


def find_mentions(text: str) -> list[Mention]:
    """Every quantified mention in ``text``, in order, non-overlapping."""
    return default_finder().find(text)
