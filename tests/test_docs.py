"""The examples in the README and in module docstrings run and give what they show."""
import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_readme_examples():
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 5 and failures == 0


@pytest.mark.parametrize("module", ["govreport", "govreport.pipeline", "govreport.numerals", "govreport.context",
                                    "govreport.evaluate", "govreport.frames", "govreport.comparison"])
def test_module_docstring_examples(module):
    failures, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0
