"""The examples in the README and in module docstrings run and give what they show."""
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parents[1]


def test_readme_examples():
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 5 and failures == 0


# every module of the package: an example added to a docstring is tested without being listed here
MODULES = ["govreport"] + sorted(f"govreport.{m.name}" for m in pkgutil.iter_modules(govreport.__path__)
                                 if m.name != "__main__")


@pytest.mark.parametrize("module", MODULES)
def test_module_docstring_examples(module):
    failures, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0
