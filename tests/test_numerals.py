"""Number normalizer: the gold numbers, the pattern, properties (the example table
tests/examples/numerals.tsv is tested through tests/test_examples.py)."""
import json
import subprocess
import sys
from pathlib import Path

import cn2an
import pytest
import regex
from hypothesis import given, settings, strategies as st

import govreport
from govreport.numerals import (
    MAGNITUDES, NUMBER_PATTERN, NUMBER_START, UNITS, ParsedNumber, parse_number, parse_quantity, split_unit, unit_pattern,
)

HERE = Path(__file__).parent
NUMBER_RE = regex.compile(NUMBER_PATTERN)
MENTION_RE = regex.compile(f"({NUMBER_PATTERN})({unit_pattern()})")


def gold_numbers():
    seen = {}
    for path in sorted((HERE / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                key = (r["number"], r["value"], r.get("value_high"), r["unit"])
                seen.setdefault(key, f"{path.name}:{r['number']}")
    return [pytest.param(*k, id=i) for k, i in seen.items()]


@pytest.mark.parametrize("number,value,value_high,unit", gold_numbers())
def test_gold_number(number, value, value_high, unit):
    """Every annotated number reads back as the annotator wrote it."""
    q = parse_quantity(number)
    assert q is not None
    assert (q.value, q.value_high, q.unit) == (value, value_high, unit)
    factor, _ = split_unit(unit)
    assert q.value_base == pytest.approx(value * factor, rel=1e-12)


# --- the pattern inside a larger one ------------------------------------------

@pytest.mark.parametrize("text,number,unit", [
    ("新增绿道5千米", "5", "千米"),
    ("装机容量达到120万千瓦", "120万", "千瓦"),
    ("提高5百分点", "5", "百分点"),
    ("下降0.5个百分点", "0.5", "个百分点"),
    ("打造千亿元产业", "千亿", "元"),
    ("投资1,167.9亿元", "1,167.9亿", "元"),
    ("投资１，１６７．９亿元", "１，１６７．９亿", "元"),
    ("资金两千三百万元", "两千三百万", "元"),
    ("建成五千米绿道", "五", "千米"),
    ("用电量1.5亿千瓦时", "1.5亿", "千瓦时"),
    ("增长6％", "6", "％"),
    ("新增3千万元", "3千万", "元"),
    ("产量5千克", "5", "千克"),
    ("线路220千伏", "220", "千伏"),
])
def test_pattern_with_unit(text, number, unit):
    m = MENTION_RE.search(text)
    assert m is not None and (m.group(1), m.group(2)) == (number, unit)


@pytest.mark.parametrize("text,tokens", [
    ("12345", ["12345"]),
    ("两千三百万", ["两千三百万"]),
    ("1,234,567", ["1,234,567"]),
    ("12,3456", ["12"]),  # a comma followed by four digits separates nothing
    ("2019,2020", ["2019"]),
    ("增长5.1%、6.2%", ["5.1", "6.2"]),
    ("百分之三十五点五", ["百分之三十五点五"]),
    ("陆续建成", []),  # a lone financial numeral is a character of a word
    ("队伍", []),
    ("3万余元", ["3万"]),
    ("第十四个五年规划", ["十四", "五"]),
])
def test_pattern_tokens(text, tokens):
    assert [m.group() for m in NUMBER_RE.finditer(text)] == tokens


def test_pattern_has_no_groups():
    assert regex.compile(NUMBER_PATTERN).groups == 0
    assert regex.compile(unit_pattern()).groups == 0


# The pattern's speed on long runs of numeral characters (a backtracking regex) is timed in
# benchmarks/linear_time.py, not here: a test does not assert on wall time.


# --- data ---------------------------------------------------------------------

REQUIRED_UNITS = """% ％ 个百分点 百分点 倍 元 美元 欧元 港元 人 人次 名 位 个 家 项 户 亩 公顷 平方米 平方公里 公里 千米 米
吨 斤 公斤 头 只 件 座 套 所 条 期 间 场 篇 列 部 笔 张 艘 次 岁 辆 台 批 处 栋 宗 株 棵 千瓦 千伏安 兆瓦 吨标准煤 立方米 床 班
支 类 款 种 册 份 天 小时 度 千瓦时 标箱 个点 单""".split()


def test_units_vocabulary():
    assert set(REQUIRED_UNITS) <= set(UNITS)
    assert len(UNITS) == len(set(UNITS))
    for u in UNITS:
        assert regex.fullmatch(unit_pattern(), u), u
        # a magnitude word is never part of a listed unit, except the units that
        # must win over it (千米, 千瓦, 百分点 ...)
        factor, base = split_unit(u)
        assert factor == 1.0
    assert regex.match(unit_pattern(), "个百分点").group() == "个百分点"
    assert regex.match(unit_pattern(), "千瓦时").group() == "千瓦时"


def test_magnitudes():
    assert MAGNITUDES["万"] == 1e4 and MAGNITUDES["亿"] == 1e8 and MAGNITUDES["万亿"] == 1e12
    assert MAGNITUDES["千万"] == 1e7 and MAGNITUDES["百万"] == 1e6 and MAGNITUDES["千亿"] == 1e11
    assert all(not u in MAGNITUDES for u in UNITS)


def test_public_api():
    assert govreport.parse_quantity is parse_quantity
    assert govreport.parse_number is parse_number
    assert ParsedNumber(2.0) == (2.0, "", False)


def test_import_stays_light():
    # the number reader needs neither cn2an nor pydantic (its import time is in benchmarks/bench.py)
    code = ("import sys; import govreport.numerals as n; "
            "n.parse_number('两千三百万'); n.parse_number('1.5万'); "
            "print('cn2an' in sys.modules, 'pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


# --- properties ---------------------------------------------------------------

def folded(p):
    return p.value * MAGNITUDES.get(p.magnitude, 1)


# many zeros: 一亿零五百, 十万零五, 五十亿九千九百九十七
sparse_integers = st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=13).map(
    lambda ds: int("".join(ds))).filter(lambda n: n <= 10**12)
integers = st.one_of(st.integers(0, 10**12), sparse_integers, st.integers(0, 100_000))


@settings(max_examples=400, deadline=None)
@given(integers)
def test_chinese_integers_round_trip(n):
    s = cn2an.an2cn(n)
    p = parse_number(s)
    assert p is not None, s
    assert p.magnitude in ("", "万", "亿", "万亿") and not p.percent
    assert folded(p) == n, s
    assert NUMBER_RE.fullmatch(s)


@settings(max_examples=400, deadline=None)
@given(integers.filter(lambda n: n == 0 or n >= 10))
def test_financial_integers_round_trip(n):
    # 1..9 are single financial characters (陆, 伍), read only inside a longer run
    s = cn2an.an2cn(n, "up")
    p = parse_number(s)
    assert p is not None, s
    assert folded(p) == n, s
    assert NUMBER_RE.fullmatch(s)


def test_single_financial_digits_are_not_numbers():
    assert [parse_number(cn2an.an2cn(n, "up")) for n in range(1, 10)] == [None] * 9


WIDE = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1e12, allow_nan=False), st.integers(0, 4), st.booleans(), st.booleans(),
       st.sampled_from(["", "万", "亿", "万亿", "千万", "百亿"]))
def test_arabic_round_trip(x, decimals, thousands, wide, magnitude):
    s = f"{x:,.{decimals}f}" if thousands else f"{x:.{decimals}f}"
    expected = float(s.replace(",", ""))
    if wide:
        s = s.translate(WIDE)
    token = s + magnitude
    assert parse_number(token) == (expected, magnitude, False)
    assert NUMBER_RE.fullmatch(token)


NUMERAL_ALPHABET = "0123456789.,，．０５一二两三五九十百千万亿零〇点分之壹伍拾佰米元%个"


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=NUMERAL_ALPHABET, max_size=12)))
def test_never_raises_and_reads_only_matched_tokens(s):
    p = parse_number(s)
    if p is not None:
        assert NUMBER_RE.fullmatch(s), s
    parse_quantity(s)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    integers.map(cn2an.an2cn),
    integers.filter(lambda n: n >= 10).map(lambda n: cn2an.an2cn(n, "up")),
    st.floats(0, 1e9, allow_nan=False).map(lambda x: f"{x:,.2f}"),
    st.integers(0, 100).map(lambda n: "百分之" + cn2an.an2cn(n)),
))
def test_pattern_agrees_with_parser(s):
    assert (NUMBER_RE.fullmatch(s) is not None) == (parse_number(s) is not None), s


@given(st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇壹贰叁肆伍陆柒捌玖拾佰仟萬億点分之,.，．%个家")), max_size=30))
def test_every_number_token_starts_with_a_number_start_character(text):
    for m in regex.finditer(NUMBER_PATTERN, text):
        if m.group():
            assert regex.match(NUMBER_START, m.group()), m.group()
