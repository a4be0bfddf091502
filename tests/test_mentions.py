"""The mention finder against its example corpus (tests/examples/mentions.tsv, not_mentions.tsv)."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from govreport.mentions import find_mentions

EXAMPLES = Path(__file__).parent / "examples"


def read_table(name):
    rows = []
    for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def none_if_dash(s):
    return None if s == "-" else s


@pytest.mark.parametrize("sentence,number,value,value_high,unit,bound,measure,direction", read_table("mentions.tsv"))
def test_mention(sentence, number, value, value_high, unit, bound, measure, direction):
    start = sentence.index(number)
    found = {m.start: m for m in find_mentions(sentence)}
    assert start in found, f"no mention at {number!r}; found {[m.number for m in found.values()]}"
    m = found[start]
    assert m.number == number
    assert sentence[m.start:m.end] == number
    assert m.value == float(value)
    assert m.value_high == (None if value_high == "-" else float(value_high))
    assert (m.unit, m.bound, m.measure, m.direction) == (unit, bound, measure, none_if_dash(direction))


@pytest.mark.parametrize("sentence,number", read_table("not_mentions.tsv"))
def test_not_a_mention(sentence, number):
    start = sentence.index(number)
    spans = [(m.start, m.end, m.number) for m in find_mentions(sentence)]
    assert not any(s <= start < e for s, e, _ in spans), f"{number!r} was taken as a mention: {spans}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%个家亿万元千百十一二三四五增长下降约超以上左右第年“”，。、至—余多 GA")), max_size=60))
def test_spans_cover_the_number_and_lie_inside(text):
    for m in find_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.number
        # 余/多 sit inside the number but not in the unit (3万余元: unit 万元)
        written = m.number.replace("％", "%").replace("%", "").replace("余", "").replace("多", "")
        assert m.unit.replace("%", "") in written or m.unit == "%"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    find_mentions(text)
