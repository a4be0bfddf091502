"""Numbers as written in Chinese government work reports.

:data:`NUMBER_PATTERN` matches one number token: Arabic (``1,167.9``, ``.5``), full-width and
mixed widths (``４，５６５``, ``１１.92亿``), Chinese and financial numerals (``两千三百万``,
``壹佰伍拾``, ``拾万零五十六``), traditional characters (``兩千``, ``4.78萬億``), Chinese decimals
(``十五点七``, ``零點五``), digits with numeral units (``5万4千6百``, ``1亿2000万``), ``万万``,
fractions (``三分之一``, ``１６分之5``, ``3又一千分之23``, ``1/3``) and the percent form
(``百分之三十五点五``). :func:`parse_number` reads a token, keeping a trailing magnitude word apart
from the value because the gold keeps it in the unit (``1167.9亿元`` is value 1167.9, unit ``亿元``).
A fraction is its value (``三分之一`` is 0.333…, no unit).

    >>> parse_number("两千三百万")
    ParsedNumber(value=2300.0, magnitude='万', percent=False)
    >>> parse_number("五分之四"), parse_number("十五点七")
    (ParsedNumber(value=0.8, magnitude='', percent=False), ParsedNumber(value=15.7, magnitude='', percent=False))
    >>> q = parse_quantity("1.5万亿元")
    >>> q.value, q.unit, q.value_base, q.base_unit
    (1.5, '万亿元', 1500000000000.0, '元')

Word lists live in the unit registry (``data/units.tsv``, ``data/magnitudes.tsv``,
``data/variants.tsv``: see :mod:`govreport.units`).
"""
from __future__ import annotations

import functools
import math
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NamedTuple, Optional

import re

import regex

from .units import MAGNITUDES_FILE, NUMBER_WORDS_FILE, UNITS_FILE, read_rows, read_variants
from .regexes import word_alternation

if TYPE_CHECKING:  # models pulls in pydantic; parse_quantity imports it when first called
    from .models import Quantity

__all__ = [
    "NUMBER_PATTERN", "NUMBER_START", "ParsedNumber", "parse_number", "MAGNITUDES", "UNITS",
    "UNIT_DIMENSIONS", "unit_pattern", "split_unit", "parse_quantity", "fold_width",
    "fold_number_text", "is_fraction", "NUMBER_WORDS", "VARIANTS",
]

#: magnitude word -> factor (万 1e4, 亿 1e8, 万亿 1e12, 千万 1e7, ...)
MAGNITUDES: dict[str, float] = {r["magnitude"]: float(r["factor"]) for r in read_rows(MAGNITUDES_FILE)}

#: unit as written -> dimension (currency, count, area, percent, ...): the units the finder reads
UNIT_DIMENSIONS: dict[str, str] = {r["unit"]: r["dimension"] for r in read_rows(UNITS_FILE) if r["finder"] == "yes"}
#: the unit vocabulary, magnitude words excluded
UNITS: list[str] = list(UNIT_DIMENSIONS)

#: a word that is a number by itself -> its value (一半 0.5), read as a fraction
NUMBER_WORDS: dict[str, float] = {r["word"]: float(r["value"]) for r in read_rows(NUMBER_WORDS_FILE)}

#: traditional character -> simplified (萬 -> 万, 點 -> 点, 個 -> 个 …), one for one
VARIANTS: dict[str, str] = read_variants()
_VARIANT_FOLD = str.maketrans(VARIANTS)


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
    "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千", "〇": "零",
    **VARIANTS,
})
_SMALL_VALUE = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．／", "0123456789,./")
_PLAIN_DIGITS = "零一二三四五六七八九"


def _spellings(ch: str) -> str:
    """``ch`` and every traditional character variants.tsv reads as it (万 -> 万萬)."""
    return ch + "".join(t for t, s in VARIANTS.items() if s == ch)


def _cls(chars: str) -> str:
    """A character class of ``chars`` and their traditional spellings."""
    return "[" + "".join(dict.fromkeys("".join(_spellings(c) for c in chars))) + "]"


def _word(word: str) -> str:
    """A word with each character in any of its spellings (万亿 -> [万萬][亿億])."""
    return "".join(_cls(c) if len(_spellings(c)) > 1 else regex.escape(c) for c in word)


_CN_DIGITS = "".join(dict.fromkeys("".join(_spellings(c) for c in _DIGIT_VALUE)))
_D = "[" + _CN_DIGITS + "]"
_Z = "[" + _ZEROS + "]"
_PLAIN_D = "[一二三四五六七八九两兩]"  # 倆 alone is a pronoun (他倆)
# digits after a Chinese decimal point: no 两 (一点两 is two numbers)
_DECIMAL_D = "[" + _ZEROS + "一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]"
_POINT = _cls("点")
_DA = "[0-9０-９]"  # an Arabic digit of either width: widths mix inside one number (１１.92亿)


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
    return "(?!" + "|".join(_word(r) for r in sorted(rests, key=len, reverse=True)) + ")"


def _cn_unit_class(lookaheads: bool = True) -> str:
    alts = []
    for plain, variants in (("十", "十拾"), ("百", "百佰"), ("千", "千仟"), ("万", _spellings("万")),
                            ("亿", _spellings("亿"))):
        for ch in variants:
            alts.append(ch + (_not_unit(plain) if lookaheads else ""))
    return "(?:" + "|".join(alts) + ")"


def _build_pattern(groups: bool) -> str:
    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if groups else f"(?:{body})"

    def cn_int(lookaheads: bool) -> str:
        unit = _cn_unit_class(lookaheads)
        # Each repetition ends on a unit character and digits, zeros and units are disjoint
        # classes, so there is one way to split a token: no blow-up. Financial numerals are read
        # only as a run of two or more (壹佰伍拾, 伍万, 拾万): alone, 陆 伍 拾 are characters of
        # words (陆续, 队伍, 收拾).
        start = f"(?={_D}|[十百千]|[拾佰仟](?={_D}|{_Z}|[十拾百佰千仟]|{_cls('万亿')}))"
        units = f"{start}(?:{_Z}*{_D}?{unit})+(?:{_Z}*{_D})?"
        sequence = f"{_D}(?=(?:{_D}|{_Z})*{_Z})(?:{_D}|{_Z})+"  # 二〇二四, 一〇〇
        # atomic: the run of numeral characters is read whole, never shortened to make room for
        # what follows (点, 分之, 又 are no numeral characters), so a long run that is no number
        # fails at once instead of being given back character by character
        return f"(?>{units}|{sequence}|{_PLAIN_D}|{_Z})"

    cn = cn_int(True)
    cn_free = cn_int(False)  # a denominator: 一百 before 分之 is a number, not 百分之
    # A full-width comma separates thousands only after a full-width digit (４，５６５): after an
    # ASCII digit it is the Chinese clause comma.
    integer = rf"(?>{_DA}{{1,3}}(?:(?:,|(?<=[０-９])，){_DA}{{3}}(?!{_DA}))+|{_DA}+)"
    arabic = rf"(?:{integer}(?:[.．]{_DA}+)?|(?<![A-Za-zＡ-Ｚａ-ｚ.．]){'[.．]'}{_DA}+)"  # .5
    mags = sorted(MAGNITUDES, key=len, reverse=True)
    magnitude = "(?:" + "|".join(_word(m) + _not_unit(m) for m in mags) + ")"
    cn_decimal = f"{cn}{_POINT}{_DECIMAL_D}+"
    # 5万4千6百, 1亿2000万: Arabic digits before numeral units, two pairs or more
    chain_unit = _cn_unit_class(True)
    chain = f"{_DA}+{chain_unit}+(?:{_DA}+{chain_unit}+)+"
    percent = "[百佰]分之" + g("pnum", f"{arabic}|{cn_decimal}|{cn}")
    # 三分之一, １６分之5, 3又一千分之23, 一百万又五十万分之二十五
    whole = f"{_DA}+|{cn}"
    one_financial = "[壹贰貳叁參肆伍陆陸柒捌玖]"  # after 分之 a single financial digit is a number (五分之壹)
    fraction = (f"(?:{g('whole', whole)}又)?{g('den', f'{_DA}+|{cn_free}|{one_financial}')}分之"
                f"{g('num', f'{arabic}|{cn_decimal}|{cn}|{one_financial}')}")
    # 1/3, ３／５; never a date (2023/1/3) nor part of a longer slash run
    # (a denominator is 2 or more: 2023/1 is a year and a month)
    slash = f"{g('sn', f'{_DA}+')}[/／]{g('sd', f'(?![1１](?!{_DA}))[1-9１-９]{_DA}*')}(?![/／.．]?{_DA})"
    # A token never starts inside another number's run (the 2345 of 12345, the
    # 千三百 of 两千三百): keeps tokens maximal and a failed search from
    # retrying every suffix of a long run. The group is atomic: the first
    # reading that fits is the token, and a unit pattern appended after it
    # cannot make it give characters back.
    cn_chars = "[" + _CN_DIGITS + _ZEROS + "十拾百佰千仟" + _spellings("万") + _spellings("亿") + "]"
    not_inside_cn = f"(?<!{cn_chars}|{cn_chars}{_POINT}|{cn_chars}又)"
    not_inside_arabic = r"(?<![0-9０-９]|[0-9０-９][.．/／]|[0-9０-９]又|[０-９][，,]|[0-9],)"
    words = "|".join(_word(w) for w in sorted(NUMBER_WORDS, key=len, reverse=True)) or "(?!)"
    # cheap looks ahead first: the rarer forms are tried only where their mark stands (分之 or 又
    # within a numeral's reach, a slash after digits, a numeral unit after digits), so a plain
    # number is not read again by every other form first
    frac_ahead = "(?=[^，,。；;、\n]{0,24}?(?:分之|又))"
    slash_ahead = f"(?={_DA}+[/／])"
    chain_ahead = f"(?={_DA}+{chain_unit})"
    return ("(?>" + not_inside_cn + g("pct", percent)
            + "|" + not_inside_cn + g("word", words)
            + "|" + frac_ahead + not_inside_cn + not_inside_arabic + g("frac", fraction)
            + "|" + slash_ahead + not_inside_arabic + g("slash", slash)
            # a chain never starts inside another (the 4千6百 of 5万4千6百): a failed one is not rescanned
            + "|" + chain_ahead + not_inside_arabic + f"(?<!{_DA}{chain_unit})" + g("chain", chain)
            + "|" + not_inside_arabic + g("ar", arabic) + g("mag", magnitude) + "?"
            + "|" + not_inside_cn + g("cnd", cn_decimal) + g("cmag", magnitude) + "?"
            + "|" + not_inside_cn + g("cn", cn) + ")")


_WIDE_CHARS = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ．％"
_FOLD_WIDTH = str.maketrans(_WIDE_CHARS, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%")
# the check runs on every document: re scans a character class several times faster than regex
_ANY_WIDE = re.compile("[" + _WIDE_CHARS + "]")


def fold_width(text: str) -> str:
    """Full-width digits, Latin letters, ． and ％ as ASCII, one for one (offsets are kept).

    Returns ``text`` itself when it has none, which is the usual case and costs one scan."""
    return text.translate(_FOLD_WIDTH) if _ANY_WIDE.search(text) else text


_FOLD_NUMBERS = str.maketrans({**{w: a for w, a in zip(_WIDE_CHARS + "／－", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%/-")},
                               **VARIANTS})
_ANY_FOLDED = re.compile("[" + re.escape(_WIDE_CHARS + "／－" + "".join(VARIANTS)) + "]")


def fold_number_text(text: str) -> str:
    """The text the mention finder reads: full-width digits, letters and signs as ASCII (the full-width
    comma stays: it is the Chinese clause comma) and traditional characters of numbers, units and the
    finder's words as simplified (萬 -> 万, 個 -> 个, 增長 -> 增长), one for one, so offsets are kept
    and a text gives the same figures whatever its width or script.

        >>> fold_number_text("增長２．４個百分點，４，２１個")
        '增长2.4个百分点，4，21个'
    """
    return text.translate(_FOLD_NUMBERS) if _ANY_FOLDED.search(text) else text


#: Regex source (``regex`` module, V0) for one number token with its trailing magnitude word.
NUMBER_PATTERN: str = _build_pattern(groups=False)
#: A character class holding every character a number token can start with (a superset). Put
#: ``(?=NUMBER_START)`` before a pattern that scans text: the engine then skips other characters
#: at C speed instead of trying the whole alternation at each position (7x faster on reports).
NUMBER_START: str = ("[0-9０-９.．" + _CN_DIGITS + _ZEROS + "十拾百佰千仟" + _spellings("万")
                     + _spellings("亿") + "".join(_spellings(w[0]) for w in NUMBER_WORDS) + "]")
_PARSE_RE = regex.compile(_build_pattern(groups=True))
_FRACTION_RE = regex.compile(r"分之|[/／]")


def is_fraction(token: str) -> bool:
    """Whether a number token is a fraction (三分之一, 1/3): a value with no unit of its own."""
    if token.translate(_CN_PLAIN) in NUMBER_WORDS:
        return True
    return bool(_FRACTION_RE.search(token)) and not token.lstrip().startswith(("百分之", "佰分之"))


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
        # 四万万: an old way of writing 亿
        return _cn_int(s.replace("万万", "亿")) if "万万万" not in s else None
    return _digit_run(s)


_TRAILING_MAGNITUDES = ("万亿", "万万", "亿", "万")


def _parse_cn(token: str) -> Optional[ParsedNumber]:
    total = _cn_whole(token)
    if total is None:
        return None
    plain = token.translate(_CN_PLAIN)
    for mag in _TRAILING_MAGNITUDES:
        if plain.endswith(mag) and len(plain) > len(mag):
            factor = int(MAGNITUDES[mag])
            if total % factor == 0:
                return ParsedNumber(float(total // factor), mag, False)
    return ParsedNumber(float(total), "", False)


def _arabic(s: str) -> float:
    return float(s.translate(_FULLWIDTH).replace(",", ""))


def _cn_small(n: int) -> str:
    """An integer below 一万 in Chinese characters (2000 -> 二千, 2001 -> 二千零一), for digit chains."""
    out, zero = [], False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, value)
        if d:
            if zero and out:
                out.append("零")
            out.append(_PLAIN_DIGITS[d] + unit)
            zero = False
        else:
            zero = True
    return "".join(out)


def _chain(token: str) -> Optional[ParsedNumber]:
    """5万4千6百, 1亿2000万: Arabic digits in the places of Chinese digits."""
    plain = token.translate(_FULLWIDTH).translate(_CN_PLAIN)
    out, digits = [], ""
    for ch in plain:
        if ch.isdigit():
            digits += ch
            continue
        if digits:
            n = int(digits)
            # a digit before 十/百/千; a section (under 一万) before 万/亿
            if n == 0 or n >= (10 if ch in _SMALL_VALUE else 10_000):
                return None
            out.append(_cn_small(n))
            digits = ""
        out.append(ch)
    return _parse_cn("".join(out))


def _decimal_value(whole: Optional[int], digits: Optional[str]) -> Optional[float]:
    if whole is None or digits is None:
        return None
    return float(f"{whole}.{digits}")


def _cn_value(s: str) -> Optional[float]:
    """A Chinese integer or decimal (十五点七, 零点五) as a plain value."""
    whole, point, frac = s.translate(_CN_PLAIN).partition("点")
    n = _cn_whole(whole)
    if not point:
        return None if n is None else float(n)
    return _decimal_value(n, _digit_string(frac))


def _value(s: str) -> Optional[float]:
    """An Arabic or Chinese number without magnitude: a numerator, a percentage."""
    if s[0] in "0123456789０１２３４５６７８９.．":
        return _arabic(s)
    return _cn_value(s)


def _integer(s: str) -> Optional[int]:
    if s[0] in "0123456789０１２３４５６７８９":
        return int(s.translate(_FULLWIDTH))
    return _cn_whole(s)


def _fraction(m) -> Optional[float]:
    den, num = _integer(m.group("den")), _value(m.group("num"))
    if not den or num is None:
        return None
    # exact decimal division: 五分之四 is 0.8, not 0.8000000000000002
    value = float(Decimal(repr(num)) / Decimal(den))
    if m.group("whole") is not None:
        whole = _integer(m.group("whole"))
        if whole is None:
            return None
        value = float(Decimal(whole) + Decimal(repr(num)) / Decimal(den))
    return value


@functools.lru_cache(maxsize=8192)
def parse_number(token: str) -> Optional[ParsedNumber]:
    """Read one number token; None when it is not one.

    The trailing magnitude word is kept apart: ``3.7万`` -> (3.7, '万', False),
    ``两千三百万`` -> (2300, '万', False), ``一万五`` -> (15000, '', False),
    ``百分之五`` -> (5, '', True); a fraction is its value: ``三分之一`` -> (0.333…, '', False).
    """
    if not isinstance(token, str):
        return None
    m = _PARSE_RE.fullmatch(token)
    if m is None:
        return None
    try:
        if m.group("pct") is not None:
            v = _value(m.group("pnum"))
            parsed = None if v is None else ParsedNumber(v, "", True)
        elif m.group("word") is not None:
            parsed = ParsedNumber(NUMBER_WORDS[m.group("word").translate(_CN_PLAIN)], "", False)
        elif m.group("frac") is not None:
            v = _fraction(m)
            parsed = None if v is None else ParsedNumber(v, "", False)
        elif m.group("slash") is not None:
            den = _arabic(m.group("sd"))
            parsed = ParsedNumber(float(Decimal(m.group("sn").translate(_FULLWIDTH)) / Decimal(int(den))), "", False) if den else None
        elif m.group("chain") is not None:
            parsed = _chain(m.group("chain"))
        elif m.group("ar") is not None:
            parsed = ParsedNumber(_arabic(m.group("ar")), (m.group("mag") or "").translate(_CN_PLAIN), False)
        elif m.group("cnd") is not None:
            v = _cn_value(m.group("cnd"))
            parsed = None if v is None else ParsedNumber(v, (m.group("cmag") or "").translate(_CN_PLAIN), False)
        else:
            parsed = _parse_cn(m.group("cn"))
    except (ValueError, OverflowError, InvalidOperation, ZeroDivisionError):  # runs of hundreds of digits are no number
        return None
    if parsed is None or not math.isfinite(parsed.value):
        return None
    return parsed


# --- units ------------------------------------------------------------------

def _normalize_unit(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit.strip()).translate(_VARIANT_FOLD)  # ％ -> %, 個 -> 个


_UNIT_SET = frozenset(_normalize_unit(u) for u in UNITS)
_MAGS_LONGEST_FIRST = sorted(MAGNITUDES, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def unit_pattern() -> str:
    """Regex alternation of :data:`UNITS`, longest first (个百分点 before 个)."""
    return word_alternation(UNITS)


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

@functools.lru_cache(maxsize=None)
def _quantity_patterns() -> tuple:
    """The patterns of :func:`parse_quantity`: compiled at its first call, not at import (the
    number grammar is large and the extraction pipeline reads numbers with its own pattern)."""
    number = regex.compile(NUMBER_PATTERN)
    joiner = regex.compile(r"(?P<unit>" + unit_pattern() + r")?\s*(?:——|—|–|－|-|−|~|～|〜|至|到)\s*")
    # 500余万, 一千多万: the magnitude after 余/多 (only the 万/亿 family is written there)
    after_bound = word_alternation(m for m in MAGNITUDES if "万" in m or "亿" in m)
    tail = regex.compile(r"(?:[余多](?P<mag>" + after_bound + r")?)?(?P<unit>" + unit_pattern() + r")?[余多]?\s*")
    return number, joiner, tail


def _scaled(value: float, factor: float) -> float:
    """value * factor without binary noise (1167.9 * 1e8 is 116790000000.0)."""
    return float(Decimal(repr(value)) * Decimal(factor))


def parse_quantity(text: str) -> Optional["Quantity"]:
    """A number with its unit: ``1.5万亿元``, ``2—3个``, ``3万余元``, ``百分之五``; None otherwise.

    余/多 are bound words and are dropped; the magnitude word stays in ``unit``.
    """
    if not isinstance(text, str):
        return None
    s = text.strip().translate(_VARIANT_FOLD)  # 個百分點 is 个百分点
    number_re, joiner_re, tail_re = _quantity_patterns()
    m1 = number_re.match(s)
    if m1 is None:
        return None
    low = parse_number(m1.group())
    if low is None:
        return None
    pos = m1.end()
    high, low_unit = None, None
    r = joiner_re.match(s, pos)
    if r is not None:
        m2 = number_re.match(s, r.end())
        if m2 is not None:
            high = parse_number(m2.group())
            if high is None:
                return None
            low_unit = r.group("unit")
            pos = m2.end()
    t = tail_re.fullmatch(s, pos)
    if t is None:
        return None
    written = t.group("unit") or ""
    last = high or low
    if t.group("mag"):
        if last.magnitude or high is not None:
            return None
        last = low = last._replace(magnitude=t.group("mag"))
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
