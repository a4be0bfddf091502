"""Numbers as written in Chinese government work reports.

:data:`NUMBER_PATTERN` matches one number token: Arabic (``1,167.9``), full-width
(``４，５６５``), Chinese and financial numerals (``两千三百万``, ``壹佰伍拾``), mixed
(``1.5万亿``) and the percent form (``百分之三十五点五``). :func:`parse_number`
reads a token, keeping a trailing magnitude word apart from the value because
the gold keeps it in the unit (``1167.9亿元`` is value 1167.9, unit ``亿元``).

    >>> parse_number("两千三百万")
    ParsedNumber(value=2300.0, magnitude='万', percent=False)
    >>> q = parse_quantity("1.5万亿元")
    >>> q.value, q.unit, q.value_base, q.base_unit
    (1.5, '万亿元', 1500000000000.0, '元')

Word lists live in ``data/magnitudes.tsv`` and ``data/units.tsv``.
"""
from __future__ import annotations

import functools
import math
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Optional

import regex

if TYPE_CHECKING:  # models pulls in pydantic; parse_quantity imports it when first called
    from .models import Quantity

__all__ = [
    "NUMBER_PATTERN", "ParsedNumber", "parse_number", "MAGNITUDES", "UNITS",
    "UNIT_DIMENSIONS", "unit_pattern", "split_unit", "parse_quantity",
]

_DATA = Path(__file__).with_name("data")


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with open(_DATA / name, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip() and not line.startswith("#"):
                rows.append([c.strip() for c in line.split("\t")])
    return rows


#: magnitude word -> factor (万 1e4, 亿 1e8, 万亿 1e12, 千万 1e7, ...)
MAGNITUDES: dict[str, float] = {r[0]: float(r[1]) for r in _read_tsv("magnitudes.tsv")}

#: unit as written -> dimension (currency, count, area, percent, ...)
UNIT_DIMENSIONS: dict[str, str] = {}
for _row in _read_tsv("units.tsv"):
    UNIT_DIMENSIONS.setdefault(_row[0], _row[1] if len(_row) > 1 else "")
#: the unit vocabulary, magnitude words excluded
UNITS: list[str] = list(UNIT_DIMENSIONS)


class ParsedNumber(NamedTuple):
    value: float
    magnitude: str = ""
    percent: bool = False


# --- character classes ------------------------------------------------------

_DIGIT_VALUE = {
    "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}
_ZEROS = "零〇"
# financial and traditional forms read as the plain ones
_CN_PLAIN = str.maketrans({
    "壹": "一", "贰": "二", "貳": "二", "叁": "三", "參": "三", "肆": "四", "伍": "五", "陆": "六",
    "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千", "萬": "万",
    "億": "亿", "兩": "两", "〇": "零",
})
_SMALL_VALUE = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")

_D = "[" + "".join(_DIGIT_VALUE) + "]"
_Z = "[" + _ZEROS + "]"
_PLAIN_D = "[一二三四五六七八九两]"


def _not_unit(word: str) -> str:
    """A negative lookahead that stops ``word`` being read as a magnitude when
    its tail starts a unit: 千 in 5千米, 百 in 5百分点."""
    rests = set()
    for i in range(len(word)):
        tail = word[i:]
        rests.update(u[len(tail):] for u in UNITS if u.startswith(tail) and len(u) > len(tail))
    if word.endswith("百"):
        rests.add("分")  # 百分之, 百分比
    if not rests:
        return ""
    return "(?!" + "|".join(regex.escape(r) for r in sorted(rests, key=len, reverse=True)) + ")"


def _cn_unit_class() -> str:
    alts = []
    for plain, variants in (("十", "十拾"), ("百", "百佰"), ("千", "千仟"), ("万", "万萬"), ("亿", "亿億")):
        for ch in variants:
            alts.append(ch + _not_unit(plain))
    return "(?:" + "|".join(alts) + ")"


def _build_pattern(groups: bool) -> str:
    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if groups else f"(?:{body})"

    unit = _cn_unit_class()
    # Each repetition ends on a unit character and digits, zeros and units are
    # disjoint classes, so there is one way to split a token: no blow-up.
    # Financial numerals are read only as a run of two or more (壹佰伍拾, 伍万):
    # alone, 陆 伍 拾 are characters of words (陆续, 队伍, 收拾).
    cn_units = f"(?=[{''.join(_DIGIT_VALUE)}十百千]){'(?:' + _Z + '*' + _D + '?' + unit + ')+'}(?:{_Z}*{_D})?"
    cn_sequence = f"{_D}(?=(?:{_D}|{_Z})*{_Z})(?:{_D}|{_Z})+"  # 二〇二四, 一〇〇
    cn = f"(?:{cn_units}|{cn_sequence}|{_PLAIN_D}|{_Z})"
    # a full-width point after ASCII digits comes from mixed-width PDF text (12．5)
    ascii_num = r"(?>[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))+|[0-9]+)(?:[.．][0-9]+)?"
    wide_num = r"(?>[０-９]{1,3}(?:[，,][０-９]{3}(?![０-９]))+|[０-９]+)(?:[．.][０-９]+)?"
    arabic = f"(?:{ascii_num}|{wide_num})"
    mags = sorted(MAGNITUDES, key=len, reverse=True)
    magnitude = "(?:" + "|".join(regex.escape(m) + _not_unit(m) for m in mags) + ")"
    percent = "百分之" + g("pnum", f"{arabic}|{cn}(?:点(?:{_D}|{_Z})+)?")
    # A token never starts inside another number's run (the 2345 of 12345, the
    # 千三百 of 两千三百): keeps tokens maximal and a failed search from
    # retrying every suffix of a long run. The group is atomic: the first
    # reading that fits is the token, and a unit pattern appended after it
    # cannot make it give characters back.
    cn_chars = "[" + "".join(_DIGIT_VALUE) + _ZEROS + "十拾百佰千仟万萬亿億]"
    not_inside_cn = f"(?<!{cn_chars}|{cn_chars}点)"
    not_inside_arabic = r"(?<![0-9０-９]|[0-9][.,．]|[０-９][．.，,])"
    return ("(?>" + not_inside_cn + g("pct", percent)
            + "|" + not_inside_arabic + g("ar", arabic) + g("mag", magnitude) + "?"
            + "|" + not_inside_cn + g("cn", cn) + ")")


_WIDE_CHARS = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ．％"
_FOLD_WIDTH = str.maketrans(_WIDE_CHARS, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%")
_ANY_WIDE = regex.compile("[" + _WIDE_CHARS + "]")


def fold_width(text: str) -> str:
    """Full-width digits, Latin letters, ． and ％ as ASCII, one for one (offsets are kept).

    Returns ``text`` itself when it has none, which is the usual case and costs one scan."""
    return text.translate(_FOLD_WIDTH) if _ANY_WIDE.search(text) else text


#: Regex source (``regex`` module, V0) for one number token with its trailing magnitude word.
NUMBER_PATTERN: str = _build_pattern(groups=False)
#: A character class holding every character a number token can start with (a superset). Put
#: ``(?=NUMBER_START)`` before a pattern that scans text: the engine then skips other characters
#: at C speed instead of trying the whole alternation at each position (7x faster on reports).
NUMBER_START: str = "[0-9０-９" + "".join(_DIGIT_VALUE) + _ZEROS + "十拾百佰千仟万萬亿億]"
_PARSE_RE = regex.compile(_build_pattern(groups=True))
_NUMBER_RE = regex.compile(NUMBER_PATTERN)


# --- Chinese numerals -------------------------------------------------------

def _section(s: str, bare_start: bool) -> Optional[int]:
    """A run below 一万 (``两千四百五``); None when malformed. ``bare_start``
    lets the run open with a bare unit (``百``, ``十二``)."""
    if not s:
        return None
    value, digit, last_unit, zero = 0, None, 10_000, False
    for i, ch in enumerate(s):
        if ch == "零":
            if digit is not None or zero or i == 0:
                return None
            zero = True
            continue
        d = _DIGIT_VALUE.get(ch)
        if d is not None:
            if digit is not None:
                return None
            digit = d
            continue
        u = _SMALL_VALUE.get(ch)
        if u is None or u >= last_unit:
            return None
        if digit is None:
            if i != 0 or not bare_start:
                return None
            digit = 1
        value += digit * u
        digit, last_unit, zero = None, u, False
    if zero and digit is None:
        return None
    if digit is not None:
        if len(s) > 1 and s[-2] in _SMALL_VALUE and last_unit > 10:
            value += digit * last_unit // 10  # 四百五 is 450
        else:
            value += digit
    return value


def _tail(s: str, lower: int, parse) -> Optional[int]:
    """What follows 万 or 亿; ``lower`` is the unit an elided tail counts in (一万五 = 一万五千)."""
    if not s:
        return 0
    if len(s) == 1 and s in _DIGIT_VALUE:
        return _DIGIT_VALUE[s] * lower
    if s[0] == "零":
        return parse(s[1:], False)
    return None  # caller decides


def _wan(s: str, bare_start: bool) -> Optional[int]:
    parts = s.split("万")
    if len(parts) == 1:
        return _section(s, bare_start)
    if len(parts) > 2 or not parts[0]:
        return None
    head = _section(parts[0], bare_start)
    if not head:
        return None
    tail = _tail(parts[1], 1000, _section)
    if tail is None:
        tail = _section(parts[1], False)
    if tail is None:
        return None
    return head * 10_000 + tail


def _cn_int(s: str) -> Optional[int]:
    """A Chinese integer in plain characters (financial forms already mapped)."""
    parts = s.split("亿")
    if len(parts) == 1:
        return _wan(s, True)
    if len(parts) > 2 or not parts[0]:
        return None
    head = _wan(parts[0], True)
    if not head:
        return None
    rest = parts[1]
    tail = _tail(rest, 10_000_000, _wan)
    if tail is None:
        # 五十亿九千九百九十七: cn2an (and many writers) leave out the 零 before a
        # tail under 一万, so a tail without 万 is read literally
        tail = _wan(rest, False)
    if tail is None or tail >= 100_000_000:
        return None
    return head * 100_000_000 + tail


def _digit_string(s: str) -> Optional[str]:
    """二〇二四 -> '2024' (characters already plain); None if not all digits."""
    out = []
    for ch in s:
        if ch == "零":
            out.append("0")
        elif ch in _DIGIT_VALUE:
            out.append(str(_DIGIT_VALUE[ch]))
        else:
            return None
    return "".join(out) or None


def _digit_run(s: str) -> Optional[int]:
    digits = _digit_string(s)
    return None if digits is None else int(digits)


def _cn_whole(s: str) -> Optional[int]:
    s = s.translate(_CN_PLAIN)
    if any(ch in s for ch in "十百千万亿"):
        return _cn_int(s)
    return _digit_run(s)


def _parse_cn(token: str) -> Optional[ParsedNumber]:
    total = _cn_whole(token)
    if total is None:
        return None
    plain = token.translate(_CN_PLAIN)
    for mag in ("万亿", "亿", "万"):
        if plain.endswith(mag) and len(plain) > len(mag):
            factor = int(MAGNITUDES[mag])
            if total % factor == 0:
                return ParsedNumber(float(total // factor), mag, False)
    return ParsedNumber(float(total), "", False)


def _arabic(s: str) -> float:
    return float(s.translate(_FULLWIDTH).replace(",", ""))


def _percent_value(s: str) -> Optional[float]:
    if s[0] in "0123456789０１２３４５６７８９":
        return _arabic(s)
    whole, _, frac = s.partition("点")
    n = _cn_whole(whole)
    if n is None:
        return None
    if not frac:
        return float(n)
    digits = _digit_string(frac.translate(_CN_PLAIN))
    return None if digits is None else float(f"{n}.{digits}")


@functools.lru_cache(maxsize=8192)
def parse_number(token: str) -> Optional[ParsedNumber]:
    """Read one number token; None when it is not one.

    The trailing magnitude word is kept apart: ``3.7万`` -> (3.7, '万', False),
    ``两千三百万`` -> (2300, '万', False), ``一万五`` -> (15000, '', False),
    ``百分之五`` -> (5, '', True).
    """
    if not isinstance(token, str):
        return None
    m = _PARSE_RE.fullmatch(token)
    if m is None:
        return None
    try:
        if m.group("pct") is not None:
            v = _percent_value(m.group("pnum"))
            parsed = None if v is None else ParsedNumber(v, "", True)
        elif m.group("ar") is not None:
            parsed = ParsedNumber(_arabic(m.group("ar")), m.group("mag") or "", False)
        else:
            parsed = _parse_cn(m.group("cn"))
    except (ValueError, OverflowError):  # runs of hundreds of digits are no number
        return None
    if parsed is None or not math.isfinite(parsed.value):
        return None
    return parsed


# --- units ------------------------------------------------------------------

def _normalize_unit(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit.strip())  # ％ -> %


_UNIT_SET = frozenset(_normalize_unit(u) for u in UNITS)
_MAGS_LONGEST_FIRST = sorted(MAGNITUDES, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def unit_pattern() -> str:
    """Regex alternation of :data:`UNITS`, longest first (个百分点 before 个)."""
    return "(?:" + "|".join(regex.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=2048)
def split_unit(unit: str) -> tuple[float, str]:
    """Factor and base unit: ``亿元`` -> (1e8, '元'), ``千米`` -> (1, '千米'), ``％`` -> (1, '%')."""
    u = _normalize_unit(unit)
    if not u or u in _UNIT_SET:
        return 1.0, u
    fallback = None
    for mag in _MAGS_LONGEST_FIRST:
        if u.startswith(mag):
            rest = u[len(mag):]
            if not rest or rest in _UNIT_SET:
                return MAGNITUDES[mag], rest
            if fallback is None:
                fallback = (MAGNITUDES[mag], rest)
    return fallback or (1.0, u)


# --- quantities -------------------------------------------------------------

_RANGE_RE = regex.compile(r"(?P<unit>" + unit_pattern() + r")?\s*(?:——|—|–|－|-|−|~|～|〜|至|到)\s*")
_TAIL_RE = regex.compile(r"[余多]?(?P<unit>" + unit_pattern() + r")?[余多]?\s*")


def _scaled(value: float, factor: float) -> float:
    """value * factor without binary noise (1167.9 * 1e8 is 116790000000.0)."""
    return float(Decimal(repr(value)) * Decimal(factor))


def parse_quantity(text: str) -> Optional["Quantity"]:
    """A number with its unit: ``1.5万亿元``, ``2—3个``, ``3万余元``, ``百分之五``; None otherwise.

    余/多 are bound words and are dropped; the magnitude word stays in ``unit``.
    """
    if not isinstance(text, str):
        return None
    s = text.strip()
    m1 = _NUMBER_RE.match(s)
    if m1 is None:
        return None
    low = parse_number(m1.group())
    if low is None:
        return None
    pos = m1.end()
    high, low_unit = None, None
    r = _RANGE_RE.match(s, pos)
    if r is not None:
        m2 = _NUMBER_RE.match(s, r.end())
        if m2 is not None:
            high = parse_number(m2.group())
            if high is None:
                return None
            low_unit = r.group("unit")
            pos = m2.end()
    t = _TAIL_RE.fullmatch(s, pos)
    if t is None:
        return None
    written = t.group("unit") or ""
    last = high or low
    if last.percent or (low.percent and not written):  # 百分之二至三
        if written:
            return None
        written = "%"
    written = _normalize_unit(written)

    value, value_high = low.value, None
    if high is not None:
        value_high = high.value
        low_written = _normalize_unit(low_unit or ("%" if low.percent else ""))
        if low_written and low_written != written:
            return None
        if low.magnitude != high.magnitude:
            inherits = not low.magnitude and low.value <= high.value  # 2至3万元
            if not inherits:
                value = _scaled(low.value, MAGNITUDES.get(low.magnitude, 1.0) / MAGNITUDES.get(high.magnitude, 1.0))
    unit = last.magnitude + written
    factor, base_unit = split_unit(unit)

    from .models import Quantity

    return Quantity(
        value=value,
        value_high=value_high,
        unit=unit,
        value_base=_scaled(value, factor),
        value_high_base=None if value_high is None else _scaled(value_high, factor),
        base_unit=base_unit,
    )
