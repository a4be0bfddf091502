"""Canonical indicators: one stable key for the many ways reports name the same figure.

The catalogue is a data file shipped with the package (``data/catalogue.csv``:
key, zh, en, variants, higher_is_better, dimension, unit), with the name
matching rules and document-type cues in ``data/catalogue.rules.toml``.
A user adds their own entries with a file of the same shape:

    >>> cat = load_catalogue()                        # the shipped catalogue
    >>> cat.key("规上工业增加值"), cat.key("全市经济增速"), cat.key("单位国内生产总值能耗")
    ('industrial_value_added', 'gdp', 'energy_intensity')
    >>> cat.key("高新技术企业总数"), cat.key("净增高新技术企业"), cat.key("人均地区生产总值")
    ('high_tech_firms', 'high_tech_firms_new', 'gdp_per_capita')
    >>> mine = load_catalogue("my_indicators.csv")   # doctest: +SKIP

Matching: names are normalised (NFKC, punctuation, quotes and spaces removed,
Latin letters upper-cased), equivalent forms are written one way (国内生产总值 and
GDP as 地区生产总值, 研究与试验发展 as 研发), then compared with every variant. A
name that is a variant wrapped only in harmless words (全国, 全市, 全年, 提出 …
before; 总数, 增速, 涨幅, 按, 预期目标 … after; a plan period such as “十五”期间;
or the record's own region, 咸宁市 or 咸宁) maps as well. Words that change what
is counted (新增, 净增, 人均, 占比) are deliberately absent from those lists:
新增规上工业企业 maps to its own key, never to the count of all such firms. All of
these are data in ``catalogue.rules.toml``.
"""
from __future__ import annotations

import csv
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .errors import GovReportError

CATALOGUE_COLUMNS = ("key", "zh", "en", "variants", "higher_is_better", "dimension", "unit")

# catalogue dimension name -> test on the pint dimensionality string of its unit
_DIMENSION_CHECK = {
    "currency": lambda d: d.startswith("[currency_"),
    "percent": lambda d: d == "dimensionless",
    "count": lambda d: d == "[count]",
    "mass": lambda d: d == "[mass]",
    "area": lambda d: d == "[length] ** 2",
    "length": lambda d: d == "[length]",
    "volume": lambda d: d == "[length] ** 3",
    "time": lambda d: d == "[time]",
    "density": lambda d: d == "[mass] / [length] ** 3",
    "energy": lambda d: d in ("[length] ** 2 * [mass] / [time] ** 2", "[mass] * [length] ** 2 / [time] ** 2",
                              "[coal_equivalent]"),
    "power": lambda d: d in ("[length] ** 2 * [mass] / [time] ** 3", "[mass] * [length] ** 2 / [time] ** 3"),
}


def normalise(name: Optional[str]) -> str:
    """An indicator name reduced for matching: NFKC, no punctuation or spaces, Latin upper-cased."""
    s = unicodedata.normalize("NFKC", name or "")
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PZC").upper()


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator."""

    key: str
    zh: str
    en: str = ""
    variants: tuple[str, ...] = ()
    higher_is_better: Optional[bool] = None
    dimension: str = ""
    unit: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that maps here: the Chinese label, then the variants."""
        return (self.zh, *self.variants)


@dataclass
class Rules:
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    region_suffixes: list[str] = field(default_factory=list)
    document_types: list[dict] = field(default_factory=list)
    #: regular expressions for wrapping words that are a pattern rather than a word (“十五”期间)
    prefix_patterns: list[str] = field(default_factory=list)
    #: written form -> the form names are compared in (国内生产总值 and GDP -> 地区生产总值)
    equivalents: dict[str, str] = field(default_factory=dict)
    #: words that make a name an increment; written after the name they are read before it
    #: (高新技术企业净增 is 净增高新技术企业)
    increments: list[str] = field(default_factory=list)
    #: words before a percentage that make it a share of an earlier value, not a growth rate
    share_cues: list[str] = field(default_factory=list)
    #: keys whose percentages are always changes (a price index: 居民消费价格涨幅控制在3%)
    change_only: list[str] = field(default_factory=list)


class Catalogue:
    """Indicators by key, with name lookup. Build one with :func:`load_catalogue`."""

    def __init__(self, indicators: Iterable[Indicator], rules: Optional[Rules] = None):
        self._by_key: dict[str, Indicator] = {}
        for ind in indicators:
            self._by_key[ind.key] = ind
        self.rules = rules or Rules()
        equivalents = {normalise(k): normalise(v) for k, v in self.rules.equivalents.items() if normalise(k)}
        for form in set(equivalents.values()):
            equivalents.setdefault(form, form)  # 地区生产总值 stays whole, not 地区 + 生产总值
        # longest first, so 地区生产总值 is read whole before 生产总值 inside it
        self._equivalents = equivalents
        self._equivalent_rx = (re.compile("|".join(map(re.escape, sorted(equivalents, key=len, reverse=True))))
                               if equivalents else None)
        self._exact: dict[str, str] = {}
        for ind in self._by_key.values():
            for n in ind.names:
                if self._canonical(normalise(n)):
                    # later entries win: a user's file can move a variant to another key
                    self._exact[self._canonical(normalise(n))] = ind.key
        self._variants = sorted(self._exact, key=len, reverse=True)
        self._prefixes = sorted({self._canonical(normalise(p)) for p in self.rules.prefixes} - {""},
                                key=len, reverse=True)
        self._suffixes = sorted({self._canonical(normalise(s)) for s in self.rules.suffixes} - {""},
                                key=len, reverse=True)
        self._prefix_rx = [re.compile(p) for p in self.rules.prefix_patterns]
        self._increments = sorted({normalise(w) for w in self.rules.increments} - {""}, key=len, reverse=True)
        self._cache: dict[tuple[str, Optional[str]], Optional[str]] = {}

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_key.values())

    def __contains__(self, key) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Indicator:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"no indicator {key!r} in the catalogue") from None

    def get(self, key, default=None) -> Optional[Indicator]:
        return self._by_key.get(key, default)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} indicators)"

    def region_forms(self, region: Optional[str]) -> list[str]:
        """The region's name and its short form: 咸宁市 -> [咸宁市, 咸宁]."""
        r = normalise(region)
        if not r:
            return []
        forms = [r]
        for suf in sorted(self.rules.region_suffixes, key=len, reverse=True):
            suf = normalise(suf)
            if suf and r.endswith(suf) and len(r) - len(suf) >= 2:
                forms.append(r[: -len(suf)])
                break
        return forms

    def _canonical(self, n: str) -> str:
        """A normalised name with the equivalent forms of ``[equivalents]`` written one way."""
        if self._equivalent_rx is None:
            return n
        return self._equivalent_rx.sub(lambda m: self._equivalents[m.group(0)], n)

    def key(self, name: Optional[str], region: Optional[str] = None) -> Optional[str]:
        """The canonical key for an indicator name as written, or None."""
        cache_key = (name or "", region)
        if cache_key not in self._cache:
            n = self._canonical(normalise(name))
            for rx in self._prefix_rx:
                m = rx.match(n)
                if m and m.end() < len(n):
                    n = n[m.end():]  # “十五”期间年均经济增长速度: a period, not part of the name
            w = next((w for w in self._increments if n.endswith(w) and len(n) > len(w)), "")
            if w:
                n = w + n[: -len(w)]
            self._cache[cache_key] = self._match(n, region)
        return self._cache[cache_key]

    def lookup(self, name: Optional[str], region: Optional[str] = None) -> Optional[Indicator]:
        k = self.key(name, region)
        return None if k is None else self._by_key[k]

    def label(self, key: str, lang: str = "zh") -> str:
        ind = self._by_key.get(key)
        if ind is None:
            return key
        return (ind.en or ind.zh) if lang == "en" else ind.zh

    def _match(self, n: str, region: Optional[str]) -> Optional[str]:
        if not n:
            return None
        if n in self._exact:
            return self._exact[n]
        prefixes = sorted(set(self._prefixes) | {self._canonical(f) for f in self.region_forms(region)},
                          key=len, reverse=True)
        for v in self._variants:
            i = n.find(v)
            while i >= 0:
                if _strips(n[:i], prefixes, front=True) and _strips(n[i + len(v):], self._suffixes, front=False):
                    return self._exact[v]
                i = n.find(v, i + 1)
        return None

    def frame(self):
        """The catalogue as a DataFrame (variants joined with ``|``)."""
        import pandas as pd

        rows = [{"key": i.key, "zh": i.zh, "en": i.en, "variants": "|".join(i.variants),
                 "higher_is_better": i.higher_is_better, "dimension": i.dimension, "unit": i.unit}
                for i in self]
        df = pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))
        return df.astype({"higher_is_better": "boolean"})


def _strips(s: str, words: list[str], front: bool) -> bool:
    """Whether ``s`` is entirely made of ``words`` (any split: 年均增长目标 is 年均增长 + 目标)."""
    if not s:
        return True
    for w in words:
        if front and s.startswith(w) and _strips(s[len(w):], words, front):
            return True
        if not front and s.endswith(w) and _strips(s[: -len(w)], words, front):
            return True
    return False


def _parse_bool(value, where: str) -> Optional[bool]:
    v = str(value).strip().lower() if value is not None else ""
    if v in ("", "none", "null", "na", "unknown"):
        return None
    if v in ("true", "yes", "1", "higher", "y"):
        return True
    if v in ("false", "no", "0", "lower", "n"):
        return False
    raise GovReportError(f"{where}: higher_is_better must be true, false or empty, not {value!r}")


def _indicator_from_row(row: dict, where: str) -> Indicator:
    key = (row.get("key") or "").strip()
    if not key:
        raise GovReportError(f"{where}: an indicator needs a key")
    variants = row.get("variants") or ()
    if isinstance(variants, str):
        variants = [v for v in variants.split("|")]
    ind = Indicator(
        key=key,
        zh=(row.get("zh") or "").strip(),
        en=(row.get("en") or "").strip(),
        variants=tuple(v.strip() for v in variants if v and v.strip()),
        higher_is_better=_parse_bool(row.get("higher_is_better"), where),
        dimension=(row.get("dimension") or "").strip(),
        unit=(row.get("unit") or "").strip(),
    )
    _check_dimension(ind, where)
    return ind


def _check_dimension(ind: Indicator, where: str) -> None:
    if ind.dimension and ind.dimension not in _DIMENSION_CHECK:
        raise GovReportError(f"{where}: unknown dimension {ind.dimension!r} "
                             f"(one of {', '.join(sorted(_DIMENSION_CHECK))})")
    if ind.unit:
        from .quantities import dimension, parse_unit

        if parse_unit(ind.unit) is None:
            raise GovReportError(f"{where}: unit {ind.unit!r} is not in the unit registry")
        if ind.dimension and not _DIMENSION_CHECK[ind.dimension](dimension(ind.unit)):
            raise GovReportError(f"{where}: unit {ind.unit!r} is not a {ind.dimension}")


def read_indicators(path) -> list[Indicator]:
    """Indicators from a CSV (columns as in ``data/catalogue.csv``) or a TOML file's ``[[indicators]]``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise GovReportError(f"{path}: cannot read: {e.strerror or e}") from None
    if p.suffix.lower() == ".toml":
        data = _parse_toml(text, path)
        return [_indicator_from_row(r, f"{path}: indicators[{i}]") for i, r in enumerate(data.get("indicators", []))]
    reader = csv.DictReader(text.splitlines())
    missing = {"key", "zh"} - set(reader.fieldnames or ())
    if missing:
        raise GovReportError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    return [_indicator_from_row(row, f"{path}:{n}") for n, row in enumerate(reader, 2) if any(row.values())]


def _parse_toml(text: str, path) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GovReportError(f"{path}: bad TOML: {e}") from None


def read_rules(path) -> Rules:
    p = Path(path)
    try:
        data = _parse_toml(p.read_text(encoding="utf-8-sig"), path)
    except OSError as e:
        raise GovReportError(f"{path}: cannot read: {e.strerror or e}") from None
    names = data.get("names", {})
    types = []
    for i, t in enumerate(data.get("document_types", [])):
        if not t.get("type"):
            raise GovReportError(f"{path}: document_types[{i}] needs a type")
        types.append({"type": t["type"], "head": int(t.get("head", 0)), "cues": list(t.get("cues", []))})
    equivalents = {}
    for canonical, forms in data.get("equivalents", {}).items():
        for form in ([forms] if isinstance(forms, str) else forms):
            equivalents[form] = canonical
    patterns = list(names.get("prefix_patterns", []))
    for p in patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise GovReportError(f"{path}: names.prefix_patterns: bad pattern {p!r}: {e}") from None
    return Rules(list(names.get("prefixes", [])), list(names.get("suffixes", [])),
                 list(names.get("region_suffixes", [])), types, patterns, equivalents,
                 list(names.get("increments", [])), list(data.get("measures", {}).get("share_cues", [])),
                 list(data.get("measures", {}).get("change_only", [])))


def _merge(base: dict[str, Indicator], new: Iterable[Indicator]) -> None:
    for ind in new:
        old = base.get(ind.key)
        if old is None:
            base[ind.key] = ind
            continue
        base[ind.key] = replace(
            old,
            zh=ind.zh or old.zh, en=ind.en or old.en,
            variants=tuple(dict.fromkeys(old.variants + ind.variants)),
            higher_is_better=old.higher_is_better if ind.higher_is_better is None else ind.higher_is_better,
            dimension=ind.dimension or old.dimension, unit=ind.unit or old.unit,
        )


def _merge_rules(a: Rules, b: Rules) -> Rules:
    types = {t["type"]: t for t in a.document_types}
    for t in b.document_types:
        if t["type"] in types:
            old = types[t["type"]]
            types[t["type"]] = {**old, "head": t["head"], "cues": list(dict.fromkeys(old["cues"] + t["cues"]))}
        else:
            types[t["type"]] = t
    return Rules(list(dict.fromkeys(a.prefixes + b.prefixes)), list(dict.fromkeys(a.suffixes + b.suffixes)),
                 list(dict.fromkeys(a.region_suffixes + b.region_suffixes)), list(types.values()),
                 list(dict.fromkeys(a.prefix_patterns + b.prefix_patterns)), {**a.equivalents, **b.equivalents},
                 list(dict.fromkeys(a.increments + b.increments)), list(dict.fromkeys(a.share_cues + b.share_cues)),
                 list(dict.fromkeys(a.change_only + b.change_only)))


def _data_path(name: str):
    return resources.files("govreport") / "data" / name


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[Indicator, ...], Rules]:
    with resources.as_file(_data_path("catalogue.csv")) as p:
        inds = read_indicators(p)
    with resources.as_file(_data_path("catalogue.rules.toml")) as p:
        rules = read_rules(p)
    return tuple(inds), rules


def load_catalogue(*extra, shipped: bool = True) -> Catalogue:
    """The shipped catalogue, extended by each file in ``extra`` in order.

    A ``.csv`` adds indicators (an existing key gains the new variants and takes
    the new non-empty fields). A ``.toml`` may hold ``[names]``,
    ``[[document_types]]`` (added to the shipped rules) and ``[[indicators]]``.
    """
    by_key: dict[str, Indicator] = {}
    rules = Rules()
    if shipped:
        inds, rules = _shipped()
        _merge(by_key, inds)
    for path in extra:
        p = Path(path)
        if p.suffix.lower() == ".toml":
            rules = _merge_rules(rules, read_rules(p))
        _merge(by_key, read_indicators(p))
    return Catalogue(by_key.values(), rules)


@functools.lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The shipped catalogue (cached)."""
    return load_catalogue()


def as_catalogue(catalogue) -> Catalogue:
    """A :class:`Catalogue` from None (the shipped one), a Catalogue, or a path / list of paths of extra files."""
    if catalogue is None:
        return default_catalogue()
    if isinstance(catalogue, Catalogue):
        return catalogue
    if isinstance(catalogue, (str, Path)):
        return load_catalogue(catalogue)
    return load_catalogue(*catalogue)
