"""regexes: a first-character look-ahead (guarded) and a prefix-factored word list (word_alternation), both faster and changing no match."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.regexes import first_chars, guarded, word_alternation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "govreport" / "data"
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


@pytest.mark.parametrize("pattern,expected", [
    # literals and alternatives: the set of their first characters
    ("确保|力争", "力确"),
    ("(?:工作报告|规划)(?:中)?提出", "工规"),
    # look-behinds and anchors take no character: the next item decides
    ("(?<!为)(?<!为了)确保", "确"),
    ("^第[一二三]", "第"),
    (r"\b年", "年"),
    # an optional item adds its characters and lets the next one start the match too
    ("[“\"]?(?P<period>十[一二三四五]五)", '"“十'),
    (r"(?:19|20)\d{2}年|今年", "12今"),
    # a look-ahead names the next character
    ("(?=●)|\\n+", "\\n●"),
    # classes, ranges and categories are kept as class items
    (r"[\u4e00-\u9fff]{2}省", "一-鿿"),
    (r"\d+%", "\\d"),
    ("[-a]x", "\\-a"),
])
def test_first_characters(pattern, expected):
    assert first_chars(pattern) == expected


@pytest.mark.parametrize("pattern", [
    ".+年",          # any character
    "[^，。]+年",     # a negated class
    "a*",            # can match the empty string
    "(?:以上)?",      # likewise
    "(?i)gdp",       # case folding: the set would need both cases
    r"\W年",          # a negated category
    "(?P<x>a)(?P=x)?b|(?P=x)",  # a back-reference first
])
def test_no_guard_when_no_set_holds(pattern):
    assert first_chars(pattern) is None
    assert guarded(pattern) == pattern


def test_leading_global_flags_stay_first():
    assert guarded("(?m)^abc|d") == "(?m)(?=[ad])(?:^abc|d)"
    assert re.compile(guarded("(?m)^abc|d"))


def _vocabulary_patterns() -> list[str]:
    """Every regex the packaged vocabularies hold (context cues, indicator patterns, mention rules)."""
    out = []
    for name in ("context_cues.json", "indicator_patterns.json", "mentions.json"):
        raw = json.loads((DATA / name).read_text(encoding="utf-8"))
        for key, value in raw.items():
            if not isinstance(value, (str, list)) or (name != "indicator_patterns.json" and "regex" not in key):
                continue
            items = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
            for p in items + (["|".join(f"(?:{v})" for v in items)] if len(items) > 1 else []):
                try:
                    re.compile(p)
                except re.error:
                    continue  # syntax only the regex module reads: guarded leaves those alone
                out.append(p)
    return out


PATTERNS = _vocabulary_patterns()


def _spans(pattern: str, text: str) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text, re.M)]


def test_the_vocabularies_have_patterns_to_check():
    assert len(PATTERNS) > 50
    assert sum(first_chars(p) is not None for p in PATTERNS) > 30


@pytest.mark.parametrize("pattern", PATTERNS)
def test_guarded_vocabulary_pattern_matches_the_same_on_the_seeds(pattern):
    assert _spans(guarded(pattern), SEED_TEXT) == _spans(pattern, SEED_TEXT)


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), data=st.data())
def test_guarded_pattern_matches_the_same_on_text_made_of_its_own_characters(pattern, data):
    # text from the pattern's own characters (and a few others) reaches its alternatives
    alphabet = sorted(set(re.sub(r"\\.|[\[\](){}?*+|^$.]", "", pattern)) | set("0123456789年，。\n 万亿%"))
    text = data.draw(st.text(alphabet=alphabet, max_size=120))
    assert _spans(guarded(pattern), text) == _spans(pattern, text)


# -- word_alternation: a prefix-factored list of words, the same matches as the plain alternation

def _plain_alternation(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@pytest.mark.parametrize("words, text, expected", [
    (["个", "个百分点"], "提高2个百分点", "个百分点"),       # the longer word first
    (["个", "个百分点"], "新建500个基站", "个"),
    (["万元", "万亩", "亿元", "元"], "投资3亿元", "亿元"),
    (["%", "‰"], "下降5‰", "‰"),
])
def test_word_alternation_prefers_the_longest_word(words, text, expected):
    assert re.search(word_alternation(words), text).group() == expected


def test_word_alternation_of_no_words_matches_nothing():
    assert re.search(word_alternation([]), "任何文字") is None


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.text(alphabet="万亿元个点.%*", min_size=1, max_size=4), min_size=1, max_size=8),
       text=st.text(alphabet="万亿元个点.%*x", max_size=12),
       after=st.sampled_from(["", "元", "(?:个|点)", "x"]))
def test_word_alternation_matches_what_the_plain_alternation_matches(words, text, after):
    # inside a larger pattern too: backtracking into the list gives the shorter words in the same order
    plain = re.compile(f"({_plain_alternation(words)}){after}")
    factored = re.compile(f"({word_alternation(words)}){after}")
    for pos in range(len(text) + 1):
        a, b = plain.match(text, pos), factored.match(text, pos)
        assert (a and a.groups(), a and a.group()) == (b and b.groups(), b and b.group())
