"""The example tables in tests/examples/: one reader for all of them, duckling style.

Each ``*.tsv`` file names the stage it tests in a header line, ``# stage: NAME``; its other
``#`` lines are comments and blank lines are skipped; a row is tab-separated cells. One
adaptor per stage turns a row into examples, each an input and the one expected value (a
row of numerals.tsv gives one example per written form), and a runner gives the actual value
for an input. ``tests/test_examples.py`` makes every example a test.

To test a new stage: write its file with the header, and here one ``@stage`` adaptor and its
runner. A row the adaptor cannot read is a failing test that names the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

EXAMPLES = Path(__file__).parent / "examples"
_STAGE_LINE = re.compile(r"^#\s*stage:\s*(\S+)\s*$")


class Example(NamedTuple):
    id: str                 # file:line (and the written form, when a row has several)
    stage: str
    input: tuple
    expected: object


@dataclass(frozen=True)
class Stage:
    adapt: Callable[[list[str]], list[tuple[tuple, object, str]]]  # row -> [(input, expected, id suffix)]
    run: Callable[..., object]                                      # input -> actual


STAGES: dict[str, Stage] = {}


def stage(name: str, run: Callable[..., object]):
    """Register the decorated function as the adaptor of stage ``name``, ``run`` as its runner."""
    def register(adapt):
        STAGES[name] = Stage(adapt, run)
        return adapt
    return register


def stage_of(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _STAGE_LINE.match(line)
        if m:
            return m.group(1)
    return None


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row of an example file."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, line.split("\t")


def examples(path: Path) -> list[Example]:
    """Every example of one file; a row its adaptor cannot read gives an Example whose expected
    value is the error (see :func:`actual`)."""
    name = stage_of(path)
    out = []
    for n, cells in rows(path):
        where = f"{path.name}:{n}"
        try:
            adapted = STAGES[name].adapt(cells)
            if not adapted:
                raise ValueError("the row gives no example")
        except Exception as e:  # a malformed row is a failing test, not a collection error
            out.append(Example(where, name, (), BadRow(f"{where}: {type(e).__name__}: {e}")))
            continue
        out += [Example(where + (f":{suffix}" if suffix else ""), name, inp, exp) for inp, exp, suffix in adapted]
    return out


def all_examples() -> list[Example]:
    return [e for path in sorted(EXAMPLES.glob("*.tsv")) for e in examples(path)]


class BadRow(str):
    """The expected value of a row that could not be read: the reason."""


def actual(example: Example):
    return STAGES[example.stage].run(*example.input)


def _dash(cell: str):
    return None if cell == "-" else cell


def _float_or_none(cell: str):
    return None if cell == "-" else float(cell)


# ---------------------------------------------------------------- numerals.tsv
# The first cell names the function: number, no_number, quantity, no_quantity, split_unit.

# Malformed runs of numeral characters the (linear, permissive) pattern still spans: the parser
# is the one that rejects them.
NOT_READ_BUT_MATCHED = {"五百千", "一万千", "一千零"}


def _run_numerals(function: str, form: str):
    import regex

    from govreport.numerals import NUMBER_PATTERN, parse_number, parse_quantity, split_unit

    matched = regex.fullmatch(NUMBER_PATTERN, form) is not None
    if function == "number":
        p = parse_number(form)
        return (tuple(p) if p else None), matched  # the pattern must accept what parse_number reads
    if function == "no_number":
        return parse_number(form), matched and form not in NOT_READ_BUT_MATCHED
    if function == "quantity":
        q = parse_quantity(form)
        return q and (q.value, q.value_high, q.unit, q.value_base, q.value_high_base, q.base_unit)
    if function == "no_quantity":
        return parse_quantity(form)
    if function == "split_unit":
        return split_unit(form)
    raise ValueError(f"unknown function {function!r}")


@stage("numerals", _run_numerals)
def _numerals(cells):
    function, *cells = cells
    width = {"number": 3, "no_number": 0, "quantity": 6, "no_quantity": 0, "split_unit": 2}[function]
    expected, forms = cells[:width], cells[width:]
    if not forms:
        raise ValueError("no written forms")
    if function == "number":
        value, magnitude, percent = expected
        exp = (float(value), magnitude, percent == "1"), True
    elif function == "no_number":
        exp = None, False
    elif function == "quantity":
        value, value_high, unit, value_base, value_high_base, base_unit = expected
        exp = (float(value), _float_or_none(value_high), unit, float(value_base),
               _float_or_none(value_high_base), _dash(base_unit) or "")
    elif function == "no_quantity":
        exp = None
    else:
        factor, base = expected
        exp = float(factor), _dash(base) or ""
    return [((function, form), exp, form) for form in forms]


# ---------------------------------------------------------------- mentions.tsv, not_mentions.tsv

def _run_mention(sentence: str, number: str):
    from govreport.mentions import find_mentions

    start = sentence.index(number)  # the number's first occurrence is the span
    for m in find_mentions(sentence):
        if m.start == start:
            return (m.number, sentence[m.start:m.end], m.value, m.value_high, m.unit, m.bound, m.measure,
                    m.direction)
    return None


@stage("mentions", _run_mention)
def _mentions(cells):
    sentence, number, value, value_high, unit, bound, measure, direction = cells
    return [((sentence, number), (number, number, float(value), _float_or_none(value_high), unit, bound, measure,
                                  _dash(direction)), "")]


def _run_not_mention(sentence: str, number: str):
    from govreport.mentions import find_mentions

    start = sentence.index(number)
    return [m.number for m in find_mentions(sentence) if m.start <= start < m.end]


@stage("not_mentions", _run_not_mention)
def _not_mentions(cells):
    sentence, number = cells
    return [((sentence, number), [], "")]


# ---------------------------------------------------------------- indicators.tsv

def span(sentence: str, number: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = sentence.index(number, start + 1)
    return start, start + len(number)


def _run_indicator(sentence: str, number: str, occurrence: int):
    from govreport.indicators import indicator_for

    return indicator_for(sentence, *span(sentence, number, occurrence))


@stage("indicators", _run_indicator)
def _indicators(cells):
    sentence, number, expected, *rest = cells
    occurrence = int(rest[0]) if rest and rest[0] else 1
    return [((sentence, number, occurrence), expected, "")]


# ---------------------------------------------------------------- context.tsv
# Kept small and in one place: the context stage is being rewritten.

_MARK = re.compile(r"⟦(.*?)⟧")


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without ⟦⟧ marks, and the span of each marked figure in it."""
    text, spans, pos, out_len = [], [], 0, 0
    for m in _MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        out_len += m.start() - pos
        spans.append((out_len, out_len + len(m.group(1))))
        text.append(m.group(1))
        out_len += len(m.group(1))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


def _run_context(marked: str, given: tuple):
    from govreport.context import analyze

    text, spans = unmark(marked)
    doc = analyze(text, **dict(given))
    return [tuple(doc.at(s, e)[:3]) for s, e in spans]  # the table states kind, year, region


@stage("context", _run_context)
def _context(cells):
    text, kinds, years, regions, given, _why = cells
    given_args = []
    for part in filter(None, given.split(";")):
        if part != "-":
            key, value = part.split("=")
            given_args.append((key, int(value) if key == "year" else value))
    marked = text.replace("\\n", "\n")
    expected = [(k, None if y == "-" else int(y), _dash(r))
                for k, y, r in zip(kinds.split(";"), years.split(";"), regions.split(";"))]
    if len(expected) != len(unmark(marked)[1]) or len({len(kinds.split(";")), len(years.split(";")),
                                                       len(regions.split(";"))}) != 1:
        raise ValueError("one kind, year and region per marked figure")
    return [((marked, tuple(given_args)), expected, "")]
