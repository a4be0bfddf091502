"""Every row of the example tables (tests/examples/*.tsv) is a test: see tests/examples.py."""
from __future__ import annotations

import pytest

import examples
from examples import EXAMPLES, BadRow, actual, all_examples, stage_of

ALL = all_examples()


@pytest.mark.parametrize("example", ALL, ids=[e.id for e in ALL])
def test_example(example):
    if isinstance(example.expected, BadRow):
        pytest.fail(example.expected)
    assert actual(example) == example.expected, example.input


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.tsv")), ids=lambda p: p.name)
def test_every_example_file_names_a_known_stage_and_gives_examples(path):
    assert stage_of(path) in examples.STAGES, f"{path.name}: no '# stage: NAME' line naming one of {sorted(examples.STAGES)}"
    assert examples.examples(path)


def test_every_stage_has_a_file():
    assert {stage_of(p) for p in EXAMPLES.glob("*.tsv")} == set(examples.STAGES)


def test_a_row_that_cannot_be_read_is_a_failing_example(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# stage: mentions\n增长6%\t6%\t6\n", encoding="utf-8")
    (example,) = examples.examples(bad)
    assert isinstance(example.expected, BadRow) and example.expected.startswith("bad.tsv:2: ValueError")


def test_a_wrong_expectation_fails():
    # the harness compares the whole reading: one wrong cell is a failure
    (example,) = examples.STAGES["mentions"].adapt(["增长6%。", "6%", "6", "-", "%", "approx", "change", "up"])
    assert actual(examples.Example("x", "mentions", *example[:2])) != example[1]
