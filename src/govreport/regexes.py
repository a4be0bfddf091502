r"""Speed for the vocabulary regexes: a guard on the characters a match can start with.

A cue list such as ``(?<!为)确保|力争|(?:工作报告|规划)提出`` opens its alternatives with
look-behinds and groups, so the regex engine cannot skip ahead to a place where a match could
start: it tries every alternative at every character. :func:`guarded` reads the pattern, works out
the set of characters any match must start with, and prefixes a look-ahead on that set, which the
engine checks in one step per character. The matches are the same; only the search is faster.

    >>> first_chars(r"(?<!为)确保|(?:工作|规划)提出|\d+年")
    '\\d工确规'
    >>> guarded(r"(?=●)|\n+")
    '(?=[\\n●])(?:(?=●)|\\n+)'
    >>> first_chars(".+年") is None   # any character can start a match: no guard
    True
"""
from __future__ import annotations

import re

from .errors import GovReportError

try:  # the parser behind ``re``: public as sre_parse until Python 3.11
    import re._parser as _sre
    from re._constants import (ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CATEGORY_DIGIT,
                               CATEGORY_SPACE, CATEGORY_WORD, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,
                               RANGE, SUBPATTERN, SRE_FLAG_IGNORECASE)
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre
    from sre_constants import (ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CATEGORY_DIGIT,
                               CATEGORY_SPACE, CATEGORY_WORD, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,
                               RANGE, SUBPATTERN, SRE_FLAG_IGNORECASE)

_CATEGORY_CLASS = {CATEGORY_DIGIT: r"\d", CATEGORY_SPACE: r"\s", CATEGORY_WORD: r"\w"}
_CLASS_SPECIAL = set("\\]^-[")

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # (?m) must stay at the very start

_Unknown = None  # "any character may start a match here": no guard possible


def _escape(code: int) -> str:
    c = chr(code)
    return "\\" + c if c in _CLASS_SPECIAL else ("\\n" if c == "\n" else c)


def _class_items(items) -> set[str] | None:
    out = set()
    for op, av in items:
        if op is LITERAL:
            out.add(_escape(av))
        elif op is RANGE:
            out.add(f"{_escape(av[0])}-{_escape(av[1])}")
        elif op is CATEGORY and av in _CATEGORY_CLASS:
            out.add(_CATEGORY_CLASS[av])
        else:  # NEGATE, \D, \W, ...: too wide to be worth a guard
            return _Unknown
    return out


def _first(seq) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string)."""
    chars: set[str] = set()
    for op, av in seq:
        if op is ASSERT_NOT or op is AT or (op is ASSERT and av[0] < 0):
            continue  # zero width and says nothing about the next character
        if op is ASSERT:  # a look-ahead: the next character is one it starts with
            sub, nullable = _first(av[1])
            if sub is _Unknown or nullable:
                return _Unknown, False
            return chars | sub, False
        if op is LITERAL:
            return chars | {_escape(av)}, False
        if op is IN:
            sub = _class_items(av)
            return (_Unknown, False) if sub is _Unknown else (chars | sub, False)
        if op is SUBPATTERN:
            sub, nullable = _first(av[-1])
        elif op is BRANCH:
            sub, nullable = set(), False
            for alternative in av[1]:
                s, n = _first(alternative)
                if s is _Unknown:
                    return _Unknown, False
                sub |= s
                nullable = nullable or n
        elif op is MAX_REPEAT or op is MIN_REPEAT:
            sub, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:  # ANY, NOT_LITERAL, back-references, ...
            return _Unknown, False
        if sub is _Unknown:
            return _Unknown, False
        chars |= sub
        if not nullable:
            return chars, False
    return chars, True


def first_chars(pattern: str) -> str | None:
    """The body of a character class every match of ``pattern`` starts with, or None if there is
    none worth having (a match can be empty or start anywhere, the pattern ignores case, or it uses
    syntax only the ``regex`` module reads)."""
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - a pattern for the regex module; it is compiled elsewhere
        return None
    if parsed.state.flags & SRE_FLAG_IGNORECASE:
        return None
    chars, nullable = _first(parsed.data if hasattr(parsed, "data") else list(parsed))
    if chars is _Unknown or nullable or not chars:
        return None
    return "".join(sorted(chars))


def guarded(pattern: str) -> str:
    """``pattern`` with a look-ahead on its first characters in front, when it has such a set."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern
    flags = _GLOBAL_FLAGS.match(pattern)
    lead = flags.group() if flags else ""
    return f"{lead}(?=[{chars}])(?:{pattern[len(lead):]})"


def word_alternation(words) -> str:
    """A regex matching any of ``words``, longest first, factored by common prefixes.

    It matches what ``"|".join(sorted(words, key=len, reverse=True))`` matches, in the same order
    of preference (where one word is a prefix of another the longer is tried first, and the
    shorter on backtracking), but the engine reads each character once instead of trying every
    word in turn: a unit list of 500 words costs one step per character instead of 500.

    >>> word_alternation(["个", "个百分点", "元", "亿元"])
    '(?:个(?:百分点)?|亿元|元)'
    >>> word_alternation([])
    '(?!)'
    """
    root: dict = {}
    for word in set(words):
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = None  # a word ends here
    if not root:
        return "(?!)"

    def tail(node: dict) -> str:
        # the regex for what may follow once ``node`` is reached
        branches = [re.escape(ch) + tail(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word may stop here: the longer words first (greedy), then the end
            return (body if len(branches) > 1 or len(body) == 1 else "(?:" + body + ")") + "?"
        return body

    branches = [re.escape(ch) + tail(child) for ch, child in sorted(root.items())]
    return "(?:" + "|".join(branches) + ")"


def compile_cue(pattern: str, data: str, key: str, flags: int = re.M) -> re.Pattern:
    """A vocabulary pattern compiled with its :func:`guarded` look-ahead; a bad one is a
    GovReportError naming the data and the key it came from."""
    try:
        return re.compile(guarded(pattern), flags)
    except re.error as e:
        raise GovReportError(f"{data}: bad regular expression in {key}: {e}") from None
