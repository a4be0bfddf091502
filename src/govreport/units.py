"""The unit registry: ``data/units.tsv`` (units), ``data/magnitudes.tsv`` (magnitude words),
``data/variants.tsv`` (traditional characters) and ``data/number_words.tsv`` (一半), the one source every part of govreport builds its
units from: the number reader and mention finder (:mod:`govreport.numerals`,
:mod:`govreport.mentions`), the indicator resolver's unit kinds (:mod:`govreport.indicators`) and
the pint definitions of the comparisons (:mod:`govreport.quantities`).

    >>> reg = load()
    >>> reg.unit("亩").pint, reg.unit("人").kind, reg.magnitude("万亿").factor
    ('10000 / 15 * meter ** 2', 'person', 1000000000000.0)

:func:`load` validates every row with the pydantic models below. :func:`read_rows` is the same
reading without pydantic, for :mod:`govreport.numerals`, whose import must stay light; the
pipeline's modules call :func:`load`, so the files are checked whenever a report is read.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Literal

__all__ = ["read_rows", "read_variants", "load", "UnitEntry", "MagnitudeEntry", "NumberWord", "Registry",
           "pint_definitions"]

UNITS_FILE = "units.tsv"
MAGNITUDES_FILE = "magnitudes.tsv"
VARIANTS_FILE = "variants.tsv"
NUMBER_WORDS_FILE = "number_words.tsv"

Dimension = Literal[
    "percent", "per_mille", "percentage_point", "multiple", "tenth", "currency", "price", "count",
    "time", "age", "area", "length", "mass", "energy", "volume", "power", "voltage", "pressure",
    "concentration",
]
Kind = Literal["", "rate", "money", "person", "household", "count", "measure"]


@functools.lru_cache(maxsize=None)
def read_rows(name: str) -> tuple[dict, ...]:
    """The rows of a registry file as dicts keyed by its header row (no validation)."""
    text = resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")
    header, rows = None, []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ValueError(f"{name}:{n}: {len(cells)} columns, the header has {len(header)}")
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        row["_line"] = n
        rows.append(row)
    return tuple(rows)


def read_variants() -> dict[str, str]:
    """traditional character -> simplified, from ``data/variants.tsv``."""
    text = resources.files("govreport").joinpath("data", VARIANTS_FILE).read_text(encoding="utf-8")
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or len(cells[0].strip()) != 1 or len(cells[1].strip()) != 1:
            raise ValueError(f"{VARIANTS_FILE}:{n}: expected one character, a tab and one character")
        out[cells[0].strip()] = cells[1].strip()
    return out


# --- validated ----------------------------------------------------------------------------------

def _models():
    """The pydantic models, defined on first use (pydantic is not imported with numerals)."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    class UnitEntry(BaseModel):
        """One unit of ``data/units.tsv``."""

        model_config = ConfigDict(frozen=True, extra="forbid")
        unit: str = Field(min_length=1, pattern=r"^\S+$")
        dimension: Dimension
        kind: Kind = ""
        count_noun: str = ""
        finder: bool = True
        pint: str = ""
        note: str = ""

        @field_validator("finder", mode="before")
        @classmethod
        def _yes_no(cls, v):
            if isinstance(v, str):
                if v not in ("yes", "no"):
                    raise ValueError(f"finder is yes or no, not {v!r}")
                return v == "yes"
            return v

        @model_validator(mode="after")
        def _count_noun_needs_kind(self):
            if self.count_noun and not self.kind:
                raise ValueError(f"{self.unit}: a count noun needs a kind")
            return self

    class MagnitudeEntry(BaseModel):
        """One magnitude word of ``data/magnitudes.tsv``."""

        model_config = ConfigDict(frozen=True, extra="forbid")
        magnitude: str = Field(min_length=1, pattern=r"^[十百千万亿]+$")
        factor: float = Field(gt=1)
        kind: Kind = ""
        note: str = ""

    class NumberWord(BaseModel):
        """One word of ``data/number_words.tsv``: a number by itself (一半)."""

        model_config = ConfigDict(frozen=True, extra="forbid")
        word: str = Field(min_length=1, pattern=r"^\S+$")
        value: float = Field(gt=0, le=1)
        note: str = ""

    class Registry(BaseModel):
        """Every unit and magnitude word; the checks that involve more than one row."""

        model_config = ConfigDict(frozen=True)
        units: tuple[UnitEntry, ...]
        magnitudes: tuple[MagnitudeEntry, ...]
        variants: dict[str, str]
        number_words: tuple[NumberWord, ...] = ()

        @model_validator(mode="after")
        def _consistent(self):
            names = [u.unit for u in self.units]
            dup = sorted({n for n in names if names.count(n) > 1})
            if dup:
                raise ValueError(f"units listed twice: {dup}")
            mags = {m.magnitude for m in self.magnitudes}
            clash = sorted(mags & set(names))
            if clash:
                raise ValueError(f"words that are both a unit and a magnitude: {clash}")
            for m in self.magnitudes:
                # factors of compound words follow from their parts (十万 = 十 x 万)
                if len(m.magnitude) > 1 and all(c in mags for c in m.magnitude):
                    product = 1.0
                    for c in m.magnitude:
                        product *= next(x.factor for x in self.magnitudes if x.magnitude == c)
                    if product != m.factor:
                        raise ValueError(f"magnitude {m.magnitude}: factor {m.factor:g}, its parts give {product:g}")
            for u in self.units:
                if any(ch in self.variants for ch in u.unit):
                    raise ValueError(f"unit {u.unit}: write it in simplified characters (variants.tsv reads the rest)")
            return self

        def unit(self, name: str) -> "UnitEntry":
            return next(u for u in self.units if u.unit == name)

        def magnitude(self, word: str) -> "MagnitudeEntry":
            return next(m for m in self.magnitudes if m.magnitude == word)

    return UnitEntry, MagnitudeEntry, NumberWord, Registry


_MODEL_NAMES = ("UnitEntry", "MagnitudeEntry", "NumberWord", "Registry")


def __getattr__(name: str):
    if name in _MODEL_NAMES:
        return dict(zip(_MODEL_NAMES, _model_classes()))[name]
    raise AttributeError(name)


@functools.lru_cache(maxsize=1)
def _model_classes():
    return _models()


def _validated(model, rows, name):
    from pydantic import ValidationError

    out = []
    for row in rows:
        fields = {k: v for k, v in row.items() if k != "_line" and (v != "" or k in ("unit", "magnitude"))}
        try:
            out.append(model(**fields))
        except ValidationError as e:
            raise ValueError(f"{name}:{row['_line']}: {e}") from None
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load():
    """The registry, every row validated (a ValueError names the file and line of a bad row)."""
    UnitEntry, MagnitudeEntry, NumberWord, Registry = _model_classes()
    return Registry(
        units=_validated(UnitEntry, read_rows(UNITS_FILE), UNITS_FILE),
        magnitudes=_validated(MagnitudeEntry, read_rows(MAGNITUDES_FILE), MAGNITUDES_FILE),
        variants=read_variants(),
        number_words=_validated(NumberWord, read_rows(NUMBER_WORDS_FILE), NUMBER_WORDS_FILE),
    )


def pint_definitions() -> list[str]:
    """The registry as pint definition lines: a prefix per magnitude word, the bare amounts (两万,
    千亿: a dimension of their own, so they never compare with a percentage or a count), then every
    unit with a definition, base dimensions first."""
    reg = load()
    lines = [f"{m.magnitude}- = {m.factor:g}" for m in reg.magnitudes]
    lines.append("一 = [bare_number]")
    lines += [f"{m.magnitude} = {m.factor:g} * 一" for m in reg.magnitudes if len(m.magnitude) == 1]
    defined = [u for u in reg.units if u.pint]
    lines += [f"{u.unit} = {u.pint}" for u in defined if u.pint.startswith("[")]
    lines += [f"{u.unit} = {u.pint}" for u in defined if not u.pint.startswith("[")]
    return lines
