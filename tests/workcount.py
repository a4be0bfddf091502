"""Count the work a call does, deterministically, to check how it grows with its input.

Wall time depends on what else the machine runs; the work counted here does not. Three counts, all
taken only in govreport's own code:

- ``lines``: Python lines executed (``sys.settrace`` line events);
- ``c_calls``: calls into C (builtins, methods of str/list/dict, regex methods, pydantic-core);
- ``regex_chars``: characters a regex call had to scan: up to the match for ``search``, the matched
  length for ``match``, the whole range for ``finditer``/``findall``/``sub``/``split``. A loop of
  searches that each rescan the text from the same place is quadratic here even though it makes one
  C call per search.

Not seen: scans inside other C calls (``str.find``, ``in``, slicing), which stay one event each.

The regex meter wraps the patterns govreport compiles, so it must be installed before govreport is
imported: use it in a fresh interpreter (:func:`measure_in_subprocess` does that).

    >>> from workcount import growth_exponent
    >>> round(growth_exponent([100, 200, 400, 800], [1100, 1200, 1400, 1800]), 2)   # a constant plus a linear part
    1.0
    >>> round(growth_exponent([100, 200, 400, 800], [10**4, 4 * 10**4, 16 * 10**4, 64 * 10**4]), 2)
    2.0
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = str(ROOT / "src" / "govreport")


@dataclass
class Work:
    lines: int = 0
    c_calls: int = 0
    regex_chars: int = 0

    @property
    def total(self) -> int:
        return self.lines + self.c_calls + self.regex_chars


# ---------------------------------------------------------------- the regex meter

_meter = Work()  # where the pattern proxies add their scanned characters
_metering = False


def _span(args, kwargs, string) -> tuple[int, int]:
    n = len(string)
    pos = args[0] if len(args) > 0 else kwargs.get("pos")
    endpos = args[1] if len(args) > 1 else kwargs.get("endpos")
    pos = 0 if pos is None else max(0, min(pos, n))
    endpos = n if endpos is None else max(0, min(endpos, n))
    return pos, endpos


class MeteredPattern:
    """A compiled pattern that adds the characters each call scans to the meter."""

    __slots__ = ("_p",)

    def __init__(self, pattern):
        self._p = pattern

    def __getattr__(self, name):
        return getattr(self._p, name)

    def __repr__(self):
        return f"MeteredPattern({self._p!r})"

    def __eq__(self, other):
        return self._p == (other._p if isinstance(other, MeteredPattern) else other)

    def __hash__(self):
        return hash(self._p)

    def search(self, string, *args, **kwargs):
        m = self._p.search(string, *args, **kwargs)
        if _metering:
            pos, endpos = _span(args, kwargs, string)
            _meter.regex_chars += max(1, (m.end() if m else endpos) - pos)
        return m

    def _matched(self, method, string, args, kwargs):
        m = method(string, *args, **kwargs)
        if _metering:
            pos, _ = _span(args, kwargs, string)
            _meter.regex_chars += max(1, m.end() - pos) if m else 1
        return m

    def match(self, string, *args, **kwargs):
        return self._matched(self._p.match, string, args, kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return self._matched(self._p.fullmatch, string, args, kwargs)

    def _whole(self, method, string, args, kwargs):
        if _metering:
            pos, endpos = _span(args, kwargs, string)
            _meter.regex_chars += max(1, endpos - pos)
        return method(string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        return self._whole(self._p.finditer, string, args, kwargs)

    def findall(self, string, *args, **kwargs):
        return self._whole(self._p.findall, string, args, kwargs)

    def sub(self, repl, string, *args, **kwargs):
        if _metering:
            _meter.regex_chars += max(1, len(string))
        return self._p.sub(repl, string, *args, **kwargs)

    def subn(self, repl, string, *args, **kwargs):
        if _metering:
            _meter.regex_chars += max(1, len(string))
        return self._p.subn(repl, string, *args, **kwargs)

    def split(self, string, *args, **kwargs):
        if _metering:
            _meter.regex_chars += max(1, len(string))
        return self._p.split(string, *args, **kwargs)


def _from_govreport(depth: int) -> bool:
    """Whether the first frame above the regex modules, ``depth`` frames up, is govreport's."""
    f = sys._getframe(depth)
    while f is not None and ("/re/" in f.f_code.co_filename or "/regex/" in f.f_code.co_filename):
        f = f.f_back
    return f is not None and f.f_code.co_filename.startswith(SRC)


def install_regex_meter() -> None:
    """Make the patterns govreport compiles from now on count their scans (``re`` and ``regex``)."""
    import regex._main as regex_main

    def wrap(original):
        def compile_metered(pattern, *args, **kwargs):
            if isinstance(pattern, MeteredPattern):
                pattern = pattern._p
            compiled = original(pattern, *args, **kwargs)
            return MeteredPattern(compiled) if _from_govreport(2) else compiled
        return compile_metered

    re._compile = wrap(re._compile)
    regex_main._compile = wrap(regex_main._compile)
    if any(m == "govreport" or m.startswith("govreport.") for m in sys.modules):
        raise RuntimeError("install the regex meter before importing govreport")


# ---------------------------------------------------------------- Python lines and C calls

def measure(fn, *args, **kwargs) -> Work:
    """The work ``fn(*args, **kwargs)`` does in govreport's code."""
    global _metering
    work = Work()
    _meter.regex_chars = 0

    def local(frame, event, arg):
        if event == "line":
            work.lines += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(SRC) else None

    def profile(frame, event, arg):
        if event == "c_call" and frame.f_code.co_filename.startswith(SRC):
            work.c_calls += 1

    sys.settrace(calls)
    sys.setprofile(profile)
    _metering = True
    try:
        fn(*args, **kwargs)
    finally:
        _metering = False
        sys.setprofile(None)
        sys.settrace(None)
    work.regex_chars = _meter.regex_chars
    return work


def growth_exponent(sizes: list[int], works: list[float]) -> float:
    """How fast work grows with size, from the increments between the first two and the last two
    sizes (so that a fixed cost, such as a document's headings, does not flatter the estimate):
    1 for linear work, 2 for quadratic."""
    d_first = works[1] - works[0]
    d_last = works[-1] - works[-2]
    if d_last <= 0:
        return 0.0 if d_first <= 0 else -math.inf
    if d_first <= 0:
        return math.inf
    return math.log(d_last / d_first) / math.log((sizes[-1] - sizes[-2]) / (sizes[1] - sizes[0]))


COUNTS = ("lines", "c_calls", "regex_chars")


def exponents(sizes: list[int], works: list[Work], share: float = 0.02) -> dict[str, float]:
    """The growth exponent of the total work and of each count that makes up at least ``share`` of
    the total's last increment (a count that barely moves gives a meaningless ratio)."""
    out = {"total": growth_exponent(sizes, [w.total for w in works])}
    d_total = works[-1].total - works[-2].total
    for name in COUNTS:
        counts = [getattr(w, name) for w in works]
        if counts[-1] - counts[-2] >= share * d_total:
            out[name] = growth_exponent(sizes, counts)
    return out


# ---------------------------------------------------------------- in a fresh interpreter

_CHILD = """
import json, sys
sys.path.insert(0, {tests!r})
import workcount
workcount.install_regex_meter()
import govreport
govreport.extract("2024年工作安排：地区生产总值增长6%左右。")  # word lists and patterns loaded
out = []
for texts in json.load(sys.stdin):
    govreport.extract(texts[0])  # the per-phrase caches warm for what the texts repeat, as in a long run
    out.append([workcount.measure(govreport.extract, t).__dict__ for t in texts])
print(json.dumps(out))
"""


def measure_in_subprocess(cases: list[list[str]], timeout: float = 600) -> list[list[Work]]:
    """The work of ``govreport.extract`` on each text of each case, in one fresh interpreter with the
    regex meter. Before a case is measured its first text is extracted once, so that the caches of
    per-phrase results are as warm for the first text as for the others (which repeat it)."""
    code = _CHILD.format(tests=str(Path(__file__).parent))
    env = dict(os.environ, PYTHONHASHSEED="0")  # iteration order of sets, hence the counts, fixed
    p = subprocess.run([sys.executable, "-c", code], input=json.dumps(cases), capture_output=True, text=True,
                       timeout=timeout, env=env)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return [[Work(**w) for w in case] for case in json.loads(p.stdout)]


__all__ = ["Work", "MeteredPattern", "install_regex_meter", "measure", "growth_exponent", "exponents",
           "measure_in_subprocess"]
