"""Units as reports write them (亿斤, 万亩, 公里, 亿元, 个百分点), converted with a pint registry.

The Chinese units and magnitude words are pint definitions taken from the unit
registry (``data/units.tsv``, ``data/magnitudes.tsv``: see :mod:`govreport.units`),
loaded on top of pint's default registry, so conversions come from one declared
table rather than hand-written factors:

    >>> convert(24.16, "亿斤", "万吨")
    120.8
    >>> same_dimension("万亩", "公顷"), same_dimension("%", "个百分点")
    (True, False)

Dimensions are chosen so that only like compares with like: a percentage, a
percentage-point change, a ratio (倍), a count of things (个, 家, 人次 …),
each currency and a bare magnitude (两万) are all different dimensions.
A unit pint cannot parse is its own dimension (``"unit:<name>"``), so records
in it still group with each other and never with anything else.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Iterable, Optional

_FULLWIDTH = str.maketrans({"％": "%", "‰": "‰", "　": ""})


@functools.lru_cache(maxsize=8)
def _registry(extra: tuple[str, ...]):
    import pint

    from .units import pint_definitions

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(pint_definitions())
    for p in extra:
        ureg.load_definitions(str(p))
    return ureg


def registry(extra: Iterable = ()):
    """The pint ``UnitRegistry`` with govreport's units, plus any user definition files in ``extra``."""
    return _registry(tuple(str(Path(p)) for p in extra))


def clean_unit(unit: Optional[str]) -> str:
    """The unit as pint should read it: full-width signs folded, spaces dropped."""
    return (unit or "").translate(_FULLWIDTH).replace(" ", "").strip()


@functools.lru_cache(maxsize=4096)
def parse_unit(unit: Optional[str]):
    """The pint unit for a unit as written, or None when the registry does not know it.

    An empty unit (a plain number) is a bare magnitude, like 两万 without a noun.
    """
    import pint

    u = clean_unit(unit) or "一"
    ureg = registry()
    try:
        parsed = ureg.parse_units(u)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, KeyError):
        return None
    return parsed


@functools.lru_cache(maxsize=4096)
def dimension(unit: Optional[str]) -> str:
    """A string naming the unit's physical dimension; equal strings can be converted into each other."""
    parsed = parse_unit(unit)
    if parsed is None:
        return f"unit:{clean_unit(unit)}"
    dims = parsed.dimensionality
    return str(dims) if dims else "dimensionless"


def same_dimension(a: Optional[str], b: Optional[str]) -> bool:
    return dimension(a) == dimension(b)


@functools.lru_cache(maxsize=4096)
def factor(unit: Optional[str], to: Optional[str]) -> float:
    """The number that turns a value in ``unit`` into a value in ``to``; ValueError if they differ in kind."""
    if clean_unit(unit) == clean_unit(to):
        return 1.0
    a, b = parse_unit(unit), parse_unit(to)
    if a is None or b is None or a.dimensionality != b.dimensionality:
        raise ValueError(f"cannot convert {unit!r} to {to!r}")
    ureg = registry()
    return float(ureg.Quantity(1.0, a).to(b).magnitude)


def convert(value: Optional[float], unit: Optional[str], to: Optional[str]) -> Optional[float]:
    """``value`` in ``unit`` expressed in ``to`` (None and NaN pass through); rounded to 12 significant digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return value
    out = float(value) * factor(unit, to)
    return float(f"{out:.12g}")


def is_rate(unit: Optional[str]) -> bool:
    """Whether values in ``unit`` are percentages or percentage points (tolerances are then absolute)."""
    d = dimension(unit)
    return d == "dimensionless" or d == "[percentage_point]"


def percentage_points(amount: float, unit: Optional[str]) -> float:
    """``amount`` percentage points expressed in ``unit`` (a percentage unit or 个百分点)."""
    if dimension(unit) == "[percentage_point]":
        return float(amount) * factor("个百分点", unit)
    return float(amount) * factor("%", unit)
