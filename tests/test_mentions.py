"""Properties of the mention finder; its examples (tests/examples/mentions.tsv, not_mentions.tsv)
are tests through tests/test_examples.py."""
from hypothesis import given, settings, strategies as st

from govreport.mentions import find_mentions

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
