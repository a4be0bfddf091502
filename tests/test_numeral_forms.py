"""Every way a report writes a number: fractions, Chinese decimals, traditional and financial
numerals, digit chains, mixed widths (written from values and read back), the same figures found
in running text whatever the width or script, and the one unit registry behind them all.

The written forms with their readings are in tests/examples/numerals.tsv (parse_number,
parse_quantity) and tests/examples/mentions.tsv, not_mentions.tsv (running text)."""
import math
import random
from fractions import Fraction
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings, strategies as st

from govreport import quantities, units
from govreport.indicators import _data as indicator_data
from govreport.mentions import find_mentions
from govreport.numerals import (
    MAGNITUDES, NUMBER_PATTERN, NUMBER_WORDS, UNITS, VARIANTS, fold_number_text, is_fraction, parse_number, parse_quantity,
)

import regex

NUMBER_RE = regex.compile(NUMBER_PATTERN)
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

TO_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789."}
TRADITIONAL = {}
for _t, _s in VARIANTS.items():
    TRADITIONAL.setdefault(_s, _t)  # the first spelling listed (两 -> 兩, not 倆)
PLAIN_DIGITS = dict(zip("0123456789", "零一二三四五六七八九"))
FINANCIAL_DIGITS = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖"))


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=0)


def widen(s: str, rng: random.Random) -> str:
    """Some of the digits and points of ``s`` in full width: one number may mix both."""
    return "".join(TO_WIDE[c] if c in TO_WIDE and rng.random() < 0.5 else c for c in s)


def traditional(s: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in s)


def cn(n: int, financial: bool = False) -> str:
    return cn2an.an2cn(n, "up" if financial else "low")


def folded(p):
    return p.value * MAGNITUDES.get(p.magnitude, 1)


# --- fractions --------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.integers(2, 100_000), st.integers(1, 100_000), st.sampled_from(["cn", "up", "arabic", "mixed", "slash"]),
       st.randoms(use_true_random=False))
def test_fractions_round_trip(den, num, form, rng):
    if form == "cn":
        s = f"{cn(den)}分之{cn(num)}"
    elif form == "up":
        s = f"{cn(den, True)}分之{cn(num, True)}"
    elif form == "arabic":
        s = widen(f"{den}分之{num}", rng)
    elif form == "mixed":
        s = f"{widen(str(den), rng)}分之{cn(num)}"
    else:
        s = widen(f"{num}/{den}", rng).replace("/", rng.choice("/／"))
    p = parse_number(s)
    assert p is not None, s
    assert p.magnitude == "" and not p.percent
    assert close(p.value, float(Fraction(num, den))), s
    assert is_fraction(s)
    q = parse_quantity(s)
    assert q.unit == "" and q.base_unit == "" and q.value == p.value


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10_000), st.integers(2, 1000), st.integers(1, 999), st.booleans())
def test_mixed_fractions_round_trip(whole, den, num, chinese_whole):
    s = f"{cn(whole) if chinese_whole else whole}又{cn(den)}分之{num}"
    p = parse_number(s)
    assert p is not None, s
    assert close(p.value, float(whole + Fraction(num, den))), s


def test_a_fraction_is_its_value():
    # the guideline: 占全国1/3以上 and 三分之一 are 0.333…, no unit; 百分之 stays a percentage
    assert parse_number("三分之一") == (1 / 3, "", False) == parse_number("1/3")
    assert parse_number("百分之三") == (3.0, "", True)
    assert parse_number("一百分之三") == (0.03, "", False)
    assert not is_fraction("百分之三") and is_fraction("千分之三")


# --- Chinese decimals, traditional and financial forms -------------------------------------------

decimals = st.text(alphabet="0123456789", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), decimals, st.sampled_from(["low", "up", "traditional"]))
def test_chinese_decimals_round_trip(n, digits, style):
    if style == "up" and 0 < n < 10:
        n += 10  # a lone financial digit (伍, 陆) is a character of a word, read only in a longer run
    whole = cn(n, style == "up")
    tail = "".join((FINANCIAL_DIGITS if style == "up" else PLAIN_DIGITS)[d] for d in digits)
    s = f"{whole}点{tail}"
    if style == "traditional":
        s = traditional(s)
    p = parse_number(s)
    assert p is not None, s
    assert p == (float(f"{n}.{digits}"), "", False), s
    assert NUMBER_RE.fullmatch(s)
    assert parse_number("百分之" + s) == (float(f"{n}.{digits}"), "", True)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12))
def test_traditional_integers_round_trip(n):
    s = traditional(cn(n).replace("二", "两") if n >= 2000 else cn(n))
    p = parse_number(s)
    assert p is not None, s
    assert folded(p) == n, s
    assert NUMBER_RE.fullmatch(s)


@settings(max_examples=200, deadline=None)
@given(st.integers(10, 19), st.integers(0, 9999))
def test_financial_numerals_may_open_with_shi(ten, rest):
    # 拾万零五十六: a financial 拾 at the start stands for 壹拾
    s = cn(ten * 10_000 + rest, "up")
    if s.startswith("壹拾"):
        s = s[1:]
    p = parse_number(s)
    assert p is not None and folded(p) == ten * 10_000 + rest, s


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["万万", "萬萬"]), st.booleans())
def test_wan_wan_is_yi(n, word, chinese):
    s = (cn(n) if chinese else str(n)) + word
    p = parse_number(s)
    assert p is not None and folded(p) == n * 10**8, s


# --- digit chains and widths ------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9999), st.integers(1, 9), st.integers(0, 9), st.integers(0, 9), st.booleans(),
       st.randoms(use_true_random=False))
def test_digit_chains(yi, wan, qian, bai, with_yi, rng):
    s, value = f"{wan}万", wan * 10_000
    if qian:
        s, value = s + f"{qian}千", value + qian * 1000
    if bai:
        s, value = s + f"{bai}百", value + bai * 100
    if with_yi:
        s, value = f"{yi}亿" + s, value + yi * 10**8
    if s.count("万") + s.count("亿") + s.count("千") + s.count("百") < 2:
        return  # one pair is a number with its magnitude word (3万), not a chain
    s = widen(s, rng)
    p = parse_number(s)
    assert p is not None and folded(p) == value, s
    assert parse_quantity(traditional(s) + "元").value_base == value


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1e9, allow_nan=False), st.integers(1, 4), st.sampled_from(["", "万", "亿", "万亿"]),
       st.randoms(use_true_random=False))
def test_mixed_widths_in_one_number(x, places, magnitude, rng):
    s = f"{x:.{places}f}"
    token = widen(s, rng) + traditional(magnitude)
    assert parse_number(token) == (float(s), magnitude, False), token
    if s.startswith("0."):
        bare = widen(s[1:], rng)  # .5
        assert parse_number(bare) == (float(s), "", False), bare


# --- never a number where there is none -----------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 31), st.booleans(), st.sampled_from("/／"))
def test_dates_are_no_numbers(year, month, day, wide, slash):
    date = f"{year}{slash}{month}{slash}{day}"
    if wide:
        date = date.translate(str.maketrans(TO_WIDE))
    assert parse_number(date) is None and parse_quantity(date) is None
    text = f"全市于{date}召开经济工作会议，新建学校3所。"
    found = find_mentions(text)
    assert [m.number for m in found] == ["3所"], (text, found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.1, 99.9, allow_nan=False).map(lambda x: f"{x:.1f}"), min_size=2, max_size=3),
       st.sampled_from([":", "："]))
def test_ratios_are_no_numbers(parts, colon):
    ratio = colon.join(parts)
    assert parse_quantity(ratio) is None
    text = f"三次产业结构调整为{ratio}。"
    assert find_mentions(text) == []


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(11, 99))
def test_slash_fractions_over_unusual_denominators_are_no_shares(num, den):
    # 12/31 (a date) and 2023/24 (a school year) are written like a fraction; reports' shares are
    # halves, thirds … tenths, hundredths
    text = f"截至{num}/{den}，全市新增学校3所。"
    assert [m.number for m in find_mentions(text)] == ["3所"]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9), st.sampled_from([2, 3, 4, 5, 6, 7, 8, 9, 10, 100]), st.booleans())
def test_slash_fractions_that_are_shares(num, den, wide):
    fraction = f"{num}/{den}"
    if wide:
        fraction = fraction.translate(str.maketrans({**TO_WIDE, "/": "／"}))
    text = f"该产业产值占全省{fraction}以上。"
    found = [(m.number, m.value, m.unit, m.bound, m.rule) for m in find_mentions(text)]
    assert found == ([(fraction, num / den, "", "min", "fraction")] if num <= den else []), text


# --- the finder reads every width and script the same ------------------------------------------------

def mention_keys(text):
    return [(m.start, m.end, m.value, m.value_high, m.unit, m.bound, m.measure, m.direction, m.rule)
            for m in find_mentions(text)]


WIDTH = str.maketrans({**{c: chr(ord(c) + 0xFEE0) for c in "0123456789.%"}})


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_full_width_digits_give_the_same_mentions(path):
    text = path.read_text(encoding="utf-8")
    assert mention_keys(text.translate(WIDTH)) == mention_keys(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_traditional_characters_give_the_same_mentions(path):
    text = path.read_text(encoding="utf-8")
    assert mention_keys(traditional(text)) == mention_keys(text)


def test_folding_keeps_offsets():
    text = "增長２．４個百分點，４，２１個，萬元"
    assert len(fold_number_text(text)) == len(text)
    assert fold_number_text("没有要折叠的字") == "没有要折叠的字"


# --- one registry of units and magnitude words ------------------------------------------------------

def test_the_registry_loads_and_validates():
    reg = units.load()
    assert {u.unit for u in reg.units if u.finder} == set(UNITS)
    assert {m.magnitude: m.factor for m in reg.magnitudes} == MAGNITUDES
    # every unit the finder reads has a kind for the indicator resolver, and one pint dimension
    kinds = indicator_data().units
    for u in reg.units:
        if u.finder:
            assert kinds.get(u.unit), u.unit
        if u.pint:
            assert quantities.parse_unit(u.unit) is not None, u.unit
    assert kinds["万"] == "person"  # 346万农村贫困人口
    assert {w.word: w.value for w in reg.number_words} == NUMBER_WORDS
    with pytest.raises(ValueError, match="less than or equal"):
        units.NumberWord(word="两倍", value=2)


def test_registry_consumers_agree_on_units():
    assert quantities.convert(1, "万万元", "亿元") == 1.0
    assert quantities.dimension("个百分点") != quantities.dimension("%")
    assert quantities.same_dimension("盏", "个") and quantities.same_dimension("‰", "%")
    assert parse_quantity("３萬餘個").unit == "万个"


@pytest.mark.parametrize("field,value,message", [
    ("dimension", "furlongs", "dimension"),
    ("finder", "maybe", "finder"),
    ("unit", "两 个", "unit"),
    ("kind", "thing", "kind"),
])
def test_a_bad_unit_row_is_refused(field, value, message):
    UnitEntry = units.UnitEntry
    row = {"unit": "个", "dimension": "count", "kind": "count", "finder": "yes"}
    UnitEntry(**row)
    with pytest.raises(ValueError, match=message):
        UnitEntry(**{**row, field: value})


def test_registry_wide_checks():
    reg = units.load()
    Registry = units.Registry
    with pytest.raises(ValueError, match="listed twice"):
        Registry(units=reg.units + reg.units[:1], magnitudes=reg.magnitudes, variants=reg.variants)
    bad = [m.model_copy(update={"factor": 2e5}) if m.magnitude == "十万" else m for m in reg.magnitudes]
    with pytest.raises(ValueError, match="十万"):
        Registry(units=reg.units, magnitudes=tuple(bad), variants=reg.variants)
    trad = reg.units[0].model_copy(update={"unit": "個"})
    with pytest.raises(ValueError, match="simplified"):
        Registry(units=(trad,) + reg.units[1:], magnitudes=reg.magnitudes, variants=reg.variants)
