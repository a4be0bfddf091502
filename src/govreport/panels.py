"""The table economists build by hand: targets and results by region, indicator and year.

    >>> corpus = govreport.Corpus.from_dir("reports/")                    # doctest: +SKIP
    >>> p = govreport.panel(corpus)                                        # doctest: +SKIP
    >>> govreport.targets_table(p, year=2026, indicators=["gdp", "cpi"])   # doctest: +SKIP

:func:`panel` is the comparison in tidy long form: one row per region × indicator_key × year,
with the target (value, high end, bound, and the value as written), the result, whether the target
was met, the gap and the sources. :func:`targets_table` and :func:`results_table` spread one year
of it wide: one row per region, one column per indicator.

Which regions: a report names many places in passing (the cities of a province, a county's
towns); the panel keeps by default the **issuing governments**, the regions of the documents
themselves (``Corpus.info``'s region, or for a bare table the region most of each document's
records carry). ``issuers=None`` keeps every region; ``levels=`` keeps regions of those levels
(``country``, ``province``, ``city``, ``county``).

Which series: an indicator may be compared in several series (GDP growth in %, GDP in 亿元). The
panel keeps, for each region and indicator, the yearly series its targets are set in (the one
with the most targets; ties: the one with the most results, then growth before level), so each
region × indicator × year is one row; ``series="all"`` keeps them all (then ``measure`` and
``unit`` tell them apart).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterable, Optional, Sequence

from .errors import GovReportError

#: column -> dtype of the panel
PANEL_DTYPES = {
    "region": "string", "region_level": "string", "indicator_key": "string", "indicator": "string",
    "indicator_en": "string", "measure": "string", "unit": "string", "period_years": "Int64", "year": "Int64",
    "target": "float64", "target_high": "float64", "target_bound": "string", "target_text": "string",
    "result": "float64", "result_high": "float64", "result_bound": "string", "result_kind": "string",
    "result_text": "string", "met": "boolean", "gap": "float64", "ratchet": "float64",
    "disagreement": "bool", "target_sources": "string", "result_sources": "string",
}
PANEL_COLUMNS = tuple(PANEL_DTYPES)

_BOUND_WORD = {"approx": "左右", "min": "以上", "max": "以内", "eq": "", "range": ""}
_SOURCE = re.compile(r"(.*):(\d+)-(\d+)$")


def region_level(region: Optional[str]) -> Optional[str]:
    """``country``, ``province``, ``city``, ``county`` or None: the gazetteer's level of a full name."""
    if not region:
        return None
    from .regions import region_level as level

    return level(region)


# --- what goes in -----------------------------------------------------------------------------------

def _is_comparison(df) -> bool:
    return "target_sources" in df.columns and "met" in df.columns


def _is_panel(df) -> bool:
    return "target_text" in df.columns and "region_level" in df.columns


def _inputs(data, catalogue):
    """(comparison, issuing regions or None) from a Corpus, a records frame, records or a comparison."""
    import pandas as pd

    from .comparison import compare
    from .corpus import Corpus

    if isinstance(data, Corpus):
        issuers = [r for r in data.info["region"].astype(object).tolist() if isinstance(r, str) and r]
        return data.compare(), list(dict.fromkeys(issuers))
    if isinstance(data, pd.DataFrame) and _is_comparison(data):
        return data, None
    return compare(data, catalogue=catalogue), None


def issuing_regions(cmp) -> list[str]:
    """The regions the documents behind a comparison speak for: for each document, the region
    that most of its figures belong to (ties: the first in the table's order)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for col in ("target_sources", "estimate_sources", "actual_sources"):
        for region, sources in zip(cmp["region"].astype(object), cmp[col]):
            if not isinstance(region, str) or not region:
                continue
            for src in filter(None, str(sources).split("; ")):
                m = _SOURCE.match(src)
                if m:
                    counts[m.group(1)][region] += 1
    return list(dict.fromkeys(c.most_common(1)[0][0] for _, c in sorted(counts.items()) if c))


# --- the panel --------------------------------------------------------------------------------------

def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:.6g}"


def value_text(value, high, bound, unit, measure) -> str:
    """A value as reports write it: ``5%左右``, ``4.5%—5%``, ``5.5%以内``, ``下降3%左右``, ``900万人以上``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    unit = unit or ""
    bound = bound if isinstance(bound, str) else "eq"
    lead = ""
    if measure == "change" and value < 0 and (high is None or (isinstance(high, float) and math.isnan(high))
                                              or high <= 0):
        # a decline is signed in the table (下降3%以上 is max −3): written back as a fall
        lead = "下降"
        value, high = -value, (None if high is None or (isinstance(high, float) and math.isnan(high)) else -high)
        bound = {"min": "max", "max": "min"}.get(bound, bound)
        if high is not None:
            value, high = high, value
    if bound == "range" and high is not None and not (isinstance(high, float) and math.isnan(high)):
        return f"{lead}{_fmt(value)}{unit}—{_fmt(high)}{unit}"
    return f"{lead}{_fmt(value)}{unit}{_BOUND_WORD.get(bound, '')}"


def _chosen_series(cmp, series: str) -> set:
    """For each (region, indicator), the yearly series the panel keeps (see the module notes)."""
    cols = ["region", "indicator", "measure", "unit", "period_years"]
    stats: dict[tuple, list] = {}
    for r in cmp[cols + ["target", "result"]].itertuples(index=False):
        key = (r.region, r.indicator, r.measure, r.unit, r.period_years)
        s = stats.setdefault(key, [0, 0])
        s[0] += 0 if _na(r.target) else 1
        s[1] += 0 if _na(r.result) else 1
    if series == "all":
        return set(stats)
    best: dict[tuple, tuple] = {}
    for key, (targets, results) in stats.items():
        if key[4] != 1:
            continue  # a five-year total never stands for a year
        rank = (targets, results, key[2] == "change")
        cur = best.get(key[:2])
        if cur is None or rank > cur[0]:
            best[key[:2]] = (rank, key)
    return {key for _, key in best.values()}


def _na(v) -> bool:
    try:
        return v is None or bool(v != v)
    except (TypeError, ValueError):
        return v is not None and str(v) == "<NA>"


def panel(data, *, issuers="documents", levels: Optional[Iterable[str]] = None, series: str = "targeted",
          keyed_only: bool = True, catalogue=None):
    """The tidy panel: one row per region × indicator_key × year (see the module notes).

    ``data`` is a :class:`govreport.Corpus`, a records frame (or records), or a comparison from
    :func:`govreport.compare`. ``issuers``: ``"documents"`` (the default) keeps the regions of the
    documents, ``None`` every region, a list those regions. ``levels`` keeps regions of those levels.
    ``series``: ``"targeted"`` (one series per region and indicator) or ``"all"``. ``keyed_only``
    drops indicators that map to no catalogue key.
    """
    import pandas as pd

    from .catalogue import as_catalogue
    from .frames import apply_schema

    if series not in ("targeted", "all"):
        raise ValueError(f"series is 'targeted' or 'all', not {series!r}")
    if isinstance(data, pd.DataFrame) and _is_panel(data):
        return data
    cat = as_catalogue(catalogue)
    cmp, doc_regions = _inputs(data, catalogue)
    if isinstance(issuers, str):
        if issuers != "documents":
            raise ValueError(f"issuers is 'documents', None or a list of regions, not {issuers!r}")
        keep_regions = set(doc_regions if doc_regions is not None else issuing_regions(cmp)) or None
    elif issuers is None:
        keep_regions = None
    else:
        keep_regions = set(issuers)
    wanted_levels = None if levels is None else set([levels] if isinstance(levels, str) else levels)

    chosen = _chosen_series(cmp, series)
    rows = []
    for r in cmp.itertuples(index=False):
        region = None if _na(r.region) else str(r.region)
        if keep_regions is not None and region not in keep_regions:
            continue
        level = region_level(region)
        if wanted_levels is not None and level not in wanted_levels:
            continue
        key = None if _na(r.indicator_key) else r.indicator_key
        if keyed_only and key is None:
            continue
        if (r.region, r.indicator, r.measure, r.unit, r.period_years) not in chosen:
            continue
        if _na(r.target) and _na(r.result):
            continue
        ind = cat.get(key) if key else None
        kind = None if _na(r.result_kind) else r.result_kind
        rh = None if kind is None else getattr(r, f"{kind}_high")
        rb = None if kind is None else getattr(r, f"{kind}_bound")
        rows.append({
            "region": region, "region_level": level, "indicator_key": key,
            "indicator": ind.zh if ind else r.indicator_label, "indicator_en": ind.en if ind else "",
            "measure": r.measure, "unit": r.unit, "period_years": r.period_years, "year": r.year,
            "target": r.target, "target_high": r.target_high,
            "target_bound": None if _na(r.target_bound) else r.target_bound,
            "target_text": value_text(None if _na(r.target) else r.target, None if _na(r.target_high) else r.target_high,
                                      r.target_bound, r.unit, r.measure),
            "result": r.result, "result_high": None if _na(rh) else rh, "result_bound": None if _na(rb) else rb,
            "result_kind": kind,
            "result_text": value_text(None if _na(r.result) else r.result, None if _na(rh) else rh, rb, r.unit,
                                      r.measure),
            "met": None if _na(r.met) else bool(r.met), "gap": r.gap, "ratchet": r.ratchet,
            "disagreement": bool(r.disagreement), "target_sources": r.target_sources,
            "result_sources": (r.actual_sources if kind == "actual" else r.estimate_sources if kind else ""),
        })
    rank = {ind.key: i for i, ind in enumerate(cat)}
    level_rank = {"country": 0, "province": 1, "city": 2, "county": 3}
    rows.sort(key=lambda x: (level_rank.get(x["region_level"], 4), x["region"] or "",
                             rank.get(x["indicator_key"], len(rank)), x["indicator"], x["measure"], x["unit"],
                             x["year"]))
    df = pd.DataFrame({c: [row[c] for row in rows] for c in PANEL_COLUMNS}, columns=list(PANEL_COLUMNS))
    df = apply_schema(df, PANEL_DTYPES, ("indicator", "indicator_en", "unit", "target_text", "result_text",
                                         "target_sources", "result_sources"), {})
    if keep_regions is not None:
        # the issuing governments, so a wide table has a row for each even where nothing was found
        df.attrs["issuers"] = sorted((r for r in keep_regions
                                      if wanted_levels is None or region_level(r) in wanted_levels),
                                     key=lambda r: (level_rank.get(region_level(r), 4), r))
    return df


# --- wide tables ------------------------------------------------------------------------------------

def _wide(data, year: int, indicators: Optional[Sequence[str]], which: str, labels: str, catalogue, **kw):
    import pandas as pd

    from .catalogue import as_catalogue

    if labels not in ("key", "zh", "en"):
        raise ValueError(f"labels is 'key', 'zh' or 'en', not {labels!r}")
    cat = as_catalogue(catalogue)
    p = panel(data, catalogue=catalogue, **kw)
    issuers = list(p.attrs.get("issuers", []))
    p = p[(p["year"] == year) & p[which].notna()]
    if indicators is None:
        present = set(p["indicator_key"].dropna())
        indicators = [ind.key for ind in cat if ind.key in present]
    else:
        indicators = [_resolve_indicator(cat, i) for i in indicators]
    regions = list(dict.fromkeys(issuers + p["region"].tolist()))
    out = {"region": regions,
           "region_level": [region_level(r) for r in regions]}
    by = {(r.region, r.indicator_key): r for r in p.itertuples(index=False)}
    for key in indicators:
        name = key if labels == "key" else cat.label(key, labels) if key in cat else key
        cells = [by.get((reg, key)) for reg in regions]
        out[name] = [getattr(c, f"{which}_text") if c is not None else pd.NA for c in cells]
        out[f"{name}_value"] = [getattr(c, which) if c is not None else float("nan") for c in cells]
        out[f"{name}_high"] = [(getattr(c, f"{which}_high") if c is not None else float("nan")) for c in cells]
        if which == "result":
            out[f"{name}_met"] = pd.array([c.met if c is not None else pd.NA for c in cells], dtype="boolean")
    df = pd.DataFrame(out)
    for col in df.columns:
        if col.endswith(("_value", "_high")):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col not in ("region", "region_level") and not col.endswith("_met"):
            df[col] = df[col].astype("string")
    df["region"] = df["region"].astype("string")
    df["region_level"] = df["region_level"].astype("string")
    return df


def _resolve_indicator(cat, name: str) -> str:
    if name in cat:
        return name
    key = cat.key(name)
    if key is None:
        raise GovReportError(f"{name!r} is neither a catalogue key nor a name that maps to one")
    return key


def targets_table(data, year: int, indicators: Optional[Sequence[str]] = None, *, labels: str = "key",
                  catalogue=None, **panel_options):
    """One row per region, one column per indicator: the targets for ``year`` as written (``5%左右``),
    with ``<indicator>_value`` (the value, a range's low end; signed for a decline) and
    ``<indicator>_high`` (a range's high end).

    ``data``: a Corpus, a records frame, a comparison or a panel. ``indicators``: catalogue keys
    or names (default: every indicator with a target that year, in catalogue order). ``labels``:
    column names from the ``key`` (default), or the ``zh`` / ``en`` labels. Other options go to
    :func:`panel` (``issuers``, ``levels``).
    """
    return _wide(data, year, indicators, "target", labels, catalogue, **panel_options)


def results_table(data, year: int, indicators: Optional[Sequence[str]] = None, *, labels: str = "key",
                  catalogue=None, **panel_options):
    """Like :func:`targets_table` for the results of ``year`` (actual, else estimate), with
    ``<indicator>_met`` (whether that year's target was met)."""
    return _wide(data, year, indicators, "result", labels, catalogue, **panel_options)


# --- command line -----------------------------------------------------------------------------------

def table_command(corpus, year: Optional[int], output: Optional[str] = None, indicators: Optional[str] = None,
                  results: bool = False, labels: str = "key", bom: bool = False, all_regions: bool = False,
                  fmt: Optional[str] = None) -> str:
    """What ``govreport targets`` does with a loaded corpus: the wide table of its targets (or
    ``results``) for ``year`` (default: the latest report's year; for results the year before),
    written to ``output`` when given; returns the text to print."""
    from .output import write_frame

    if year is None:
        years = [int(y) for y in corpus.info["report_year"].dropna()]
        if not years:
            raise GovReportError("no report year could be read from the documents: give --year")
        year = max(years) - (1 if results else 0)

    wanted = [w.strip() for w in indicators.split(",") if w.strip()] if indicators else None
    make = results_table if results else targets_table
    table = make(corpus, year, wanted, labels=labels, issuers=None if all_regions else "documents")
    if output:
        write_frame(table, output, bom=bom, format=fmt)
    shown = [c for c in table.columns if not c.endswith(("_value", "_high", "_met"))]
    text = table[shown].to_string(index=False) if len(table) else f"no {'results' if results else 'targets'} for {year}"
    if output:
        text += f"\nwrote {len(table)} rows to {output}"
    return text
