"""govreport: quantified targets and results from Chinese government work reports.

    >>> import govreport
    >>> recs = govreport.extract("2024年，地区生产总值增长6%左右。")
    >>> recs[0].value, recs[0].unit, recs[0].bound
    (6.0, '%', 'approx')

Submodules are imported on first use, so ``import govreport`` stays fast.
Functions whose name is a verb (``compare``, ``review``) live in modules with
another name (``comparison``, ``html_review``): a submodule import would
otherwise replace the function on the package.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "load": "document",
    "load_text": "document",
    "GovReportError": "errors",
    "extract": "records",
    "extract_file": "records",
    "parse_quantity": "numerals",
    "parse_number": "numerals",
    "Record": "models",
    "Records": "records",
    "Document": "models",
    "Quantity": "models",
    "records_frame": "frames",
    "Corpus": "corpus",
    "compare": "comparison",
    "panel": "panels",
    "targets_table": "panels",
    "results_table": "panels",
    "plot_attainment": "plots",
    "plot_targets": "plots",
    "review": "html_review",
    "score_records": "evaluate",
    "outline": "structure",
    "Outline": "models",
    "region_level": "regions",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
