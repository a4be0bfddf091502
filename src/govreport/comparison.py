"""Planned versus achieved: line up each year's targets with the results reported later.

    >>> df = govreport.Corpus.from_dir("seeds/").frame()      # doctest: +SKIP
    >>> cmp = govreport.compare(df)                            # doctest: +SKIP
    >>> cmp.query("indicator_key == 'gdp' and measure == 'change'")[["year", "target", "result", "met"]]  # doctest: +SKIP

One row per series and year, a series being (region, indicator, measure, unit):

* **indicator** is the catalogue key when the name maps to one, else the name as written
  (names equal after normalisation are one indicator).
* **measure** keeps levels and changes apart: GDP growth 6% is never compared with GDP 1750亿元.
* **unit**: every value of a series is converted with pint to one unit (the catalogue's unit for
  the indicator when compatible, else the unit most of the series' records use). Records whose
  units cannot be converted into each other (a % growth and an 亿元 increase) are separate series.
* Changes are **signed**: a decline (direction ``down``) is negative, and its bound is mirrored
  (下降3%以上, at least a 3% fall, becomes ``max`` −3).

Cells: ``target``, ``estimate`` and ``actual`` each come from every record of that kind for the
cell. Equal values from several sources merge (their spans are all listed in ``*_sources`` as
``doc:start-end``); different values set ``disagreement`` and are described in ``notes``; the value
given by most sources is shown (ties: the first in document order). The ``result`` is the actual when
there is one, else the estimate (``result_kind`` says which); both stay in their own columns.

``met`` (nullable boolean) treats target and result as intervals: the result's interval (a point;
``min`` result [v, ∞); ``max`` result (−∞, v]; a range) must lie inside the set the target allows:

* ``min`` [t, ∞); ``max`` (−∞, t]; ``range`` [t, t_high];
* ``approx`` within ``tolerance`` of t; ``eq`` at or beyond t in the better direction;
* when the catalogue knows whether higher is better, overshooting in the better direction also
  meets ``approx`` and ``range`` targets; an ``eq`` target of an indicator without that knowledge
  is met within ``tolerance``.

It is True when the result's interval lies inside, False when it lies wholly outside, and NA when
they overlap only partly or either side is missing. ``tolerance`` defaults to 0.5 percentage points
when the series is a rate (% or 个百分点) and to 5% of the target otherwise (parameters
``tolerance_pp`` and ``tolerance_rel``); the value used is in the row's ``tolerance`` column.

``gap`` = result − target (the low end of a range target; the midpoint of a range result).
``previous_result`` is the series' result for the year before and ``ratchet`` = target −
previous_result: how the target moved relative to the last achievement.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from typing import Optional

from .frames import (COMPARISON_CATEGORIES, COMPARISON_COLUMNS, COMPARISON_DTYPES,
                     COMPARISON_NOT_NA, apply_schema)

KINDS = ("target", "estimate", "actual")

_MIRROR = {"min": "max", "max": "min"}
_INF = math.inf


def _na(v) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v) or v is getattr(__import__("pandas"), "NA")
    except TypeError:
        return True


def _clean(v):
    return None if _na(v) else v


def _fmt(v: Optional[float]) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:.6g}"


class _Entry:
    __slots__ = ("value", "high", "bound", "doc", "start", "end", "unit")

    def __init__(self, value, high, bound, doc, start, end, unit):
        self.value, self.high, self.bound = value, high, bound
        self.doc, self.start, self.end, self.unit = doc, start, end, unit

    @property
    def source(self) -> str:
        return f"{self.doc}:{self.start}-{self.end}"


def _same(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _merge(entries: list[_Entry]):
    """(chosen value group, bound, every entry, disagreement description or "")."""
    entries = sorted(entries, key=lambda e: (e.doc, e.start))
    groups: list[list[_Entry]] = []
    for e in entries:
        for g in groups:
            if _same(g[0].value, e.value) and _same(g[0].high, e.high):
                g.append(e)
                break
        else:
            groups.append([e])
    chosen = max(groups, key=len)  # max() keeps the first of equal lengths: document order
    bound = Counter(e.bound for e in chosen).most_common(1)[0][0]
    note = ""
    if len(groups) > 1:
        note = " | ".join(
            f"{_fmt(g[0].value)}{'–' + _fmt(g[0].high) if g[0].high is not None else ''} "
            f"({', '.join(e.source for e in g)})" for g in groups)
    return chosen, bound, entries, note


def _target_set(bound, t, th, hib, tol):
    if bound == "min":
        return t, _INF
    if bound == "max":
        return -_INF, t
    if bound == "range" and th is not None:
        if hib is True:
            return t, _INF
        if hib is False:
            return -_INF, th
        return t, th
    if bound == "approx":
        if hib is True:
            return t - tol, _INF
        if hib is False:
            return -_INF, t + tol
        return t - tol, t + tol
    # eq (and a range missing its high end)
    if hib is True:
        return t, _INF
    if hib is False:
        return -_INF, t
    return t - tol, t + tol


def _result_set(bound, r, rh):
    if bound == "min":
        return r, _INF
    if bound == "max":
        return -_INF, r
    if bound == "range" and rh is not None:
        return min(r, rh), max(r, rh)
    return r, r


def attainment(target_bound, target, target_high, result_bound, result, result_high,
               higher_is_better=None, tolerance=0.0) -> Optional[bool]:
    """Whether a result meets a target (True / False / None for unknown); see the module notes."""
    if target is None or result is None:
        return None
    lo, hi = _target_set(target_bound, target, target_high, higher_is_better, tolerance)
    rlo, rhi = _result_set(result_bound, result, result_high)
    eps = 1e-9 * max(1.0, abs(target))
    if rlo >= lo - eps and rhi <= hi + eps:
        return True
    if rhi < lo - eps or rlo > hi + eps:
        return False
    return None


def _as_frame(df, catalogue):
    import pandas as pd

    from .frames import records_frame

    if isinstance(df, pd.DataFrame):
        if "indicator_key" not in df.columns:
            return records_frame(df.to_dict("records"), catalogue)
        return df
    return records_frame(df, catalogue)


def compare(df, *, catalogue=None, tolerance_pp: float = 0.5, tolerance_rel: float = 0.05):
    """The comparison table of a records frame (or of records); see the module notes for every column."""
    from . import quantities
    from .catalogue import as_catalogue, normalise

    if tolerance_pp < 0 or tolerance_rel < 0:
        raise ValueError("tolerances must not be negative")
    cat = as_catalogue(catalogue)
    df = _as_frame(df, catalogue)

    # series -> first raw name, units in order of use; cell -> kind -> entries
    names: dict[tuple, str] = {}
    unit_counts: dict[tuple, Counter] = defaultdict(Counter)
    raw: list[tuple] = []
    percent = quantities.dimension("%")
    for r in df.sort_values(["doc", "start"], kind="stable").to_dict("records"):
        year, value = _clean(r.get("year")), _clean(r.get("value"))
        if year is None or value is None:
            continue
        key = _clean(r.get("indicator_key"))
        name = r.get("indicator") or ""
        region = _clean(r.get("region"))
        unit = quantities.clean_unit(r.get("unit"))
        ind = cat.get(key) if key else None
        if r["measure"] == "level" and ind is not None and quantities.dimension(unit) == percent and (
                key in cat.rules.change_only
                or (r["kind"] == "target" and ind.dimension and ind.dimension != "percent"
                    and not _share_of_earlier(r, cat))):
            # a percentage target for money, a count or a mass is its growth rate (经济增长预期目标为
            # 7%左右; 农村居民人均可支配收入分别增长4%左右和6%左右), and a price index in % is its rise
            # (居民消费价格涨幅控制在 3.3%): never a level
            r = {**r, "measure": "change", "direction": _clean(r.get("direction")) or "up"}
        # five-year totals and averages (过去五年, 十四五) form their own series: never one year's figure
        period = int(_clean(r.get("period_years")) or 1)
        series = (region, key or "raw:" + normalise(name), r["measure"], quantities.dimension(unit), period)
        names.setdefault(series, key or name)
        unit_counts[series][unit] += 1
        raw.append((series, int(year), r, key))

    series_unit = {}
    for s, counts in unit_counts.items():
        ind = cat.get(s[1])
        if ind is not None and ind.unit and quantities.dimension(ind.unit) == s[3]:
            series_unit[s] = ind.unit
        else:
            series_unit[s] = counts.most_common(1)[0][0]

    cells: dict[tuple, dict[str, list[_Entry]]] = defaultdict(lambda: defaultdict(list))
    for series, year, r, key in raw:
        to = series_unit[series]
        unit = quantities.clean_unit(r.get("unit"))
        v = quantities.convert(float(r["value"]), unit, to)
        h = _clean(r.get("value_high"))
        h = None if h is None else quantities.convert(float(h), unit, to)
        bound = r["bound"]
        if r["measure"] == "change" and r.get("direction") == "down":
            v, h = (-v, None) if h is None else (-h, -v)
            bound = _MIRROR.get(bound, bound)
        cells[(series, year)][r["kind"]].append(_Entry(v, h, bound, r["doc"], int(r["start"]), int(r["end"]), unit))

    rows = {}
    for (series, year), kinds in cells.items():
        region, gname, measure, _dim, period = series
        key = None if gname.startswith("raw:") else gname
        ind = cat.get(key) if key else None
        unit = series_unit[series]
        row = {"region": region, "indicator": names[series], "indicator_key": key,
               "indicator_label": ind.zh if ind else names[series], "measure": measure, "unit": unit,
               "year": year, "period_years": period, "higher_is_better": ind.higher_is_better if ind else None}
        notes = []
        for kind in KINDS:
            entries = kinds.get(kind, [])
            if entries:
                chosen, bound, every, note = _merge(entries)
                row[kind], row[f"{kind}_high"], row[f"{kind}_bound"] = chosen[0].value, chosen[0].high, bound
                row[f"{kind}_sources"] = "; ".join(e.source for e in every)
                if note:
                    notes.append(f"{kind} sources disagree: {note}")
            else:
                row[kind] = row[f"{kind}_high"] = row[f"{kind}_bound"] = None
                row[f"{kind}_sources"] = ""
        result_kind = "actual" if row["actual"] is not None else ("estimate" if row["estimate"] is not None else None)
        row["result_kind"] = result_kind
        row["result"] = row[result_kind] if result_kind else None
        t = row["target"]
        if quantities.is_rate(unit):
            tol = quantities.percentage_points(tolerance_pp, unit)
        else:
            tol = None if t is None else tolerance_rel * abs(t)
        row["tolerance"] = tol
        if result_kind and t is not None:
            rb, rv, rh = row[f"{result_kind}_bound"], row["result"], row[f"{result_kind}_high"]
            row["met"] = attainment(row["target_bound"], t, row["target_high"], rb, rv, rh,
                                    row["higher_is_better"], tol or 0.0)
            point = (rv + rh) / 2 if rb == "range" and rh is not None else rv
            row["gap"] = point - t
        else:
            row["met"] = row["gap"] = None
        row["disagreement"] = bool(notes)
        row["notes"] = "; ".join(notes)
        rows[(series, year)] = row

    for (series, year), row in rows.items():
        prev = rows.get((series, year - series[4]))  # the period before: last year, or five years back
        row["previous_result"] = prev["result"] if prev else None
        row["ratchet"] = (row["target"] - row["previous_result"]
                          if row["target"] is not None and row["previous_result"] is not None else None)
        _check_comparable(row, prev)

    rank = {ind.key: i for i, ind in enumerate(cat)}
    ordered = sorted(rows.values(), key=lambda r: (r["region"] is None, r["region"] or "",
                                                   rank.get(r["indicator_key"], len(rank)), r["indicator"],
                                                   r["measure"], r["unit"], r["year"]))
    return _frame(ordered)


def _share_of_earlier(r: dict, cat) -> bool:
    """Whether a percentage is written as a share of an earlier value (恢复到2019年同期95%以上)."""
    sentence, number = r.get("sentence") or "", r.get("number") or ""
    i = sentence.find(number) if number else -1
    before = sentence[max(0, i - 20): i] if i >= 0 else sentence
    return any(cue in before for cue in cat.rules.share_cues)


def _check_comparable(row: dict, prev: Optional[dict]) -> None:
    """``gap`` and ``ratchet`` subtract values of one measure, unit and period only (never an annual
    target minus a five-year total, nor a growth rate minus a level): the series key guarantees it,
    and this says so loudly if that ever changes."""
    if prev is not None and any(prev[c] != row[c] for c in ("measure", "unit", "period_years", "region")):
        raise AssertionError(f"ratchet across series: {row['indicator']} {row['year']} vs {prev['year']}")


def _period_label(r) -> str:
    """``2024``, or ``2017–2021`` for a five-year figure."""
    span = 1 if _na(r.period_years) else int(r.period_years)
    return str(r.year) if span == 1 else f"{int(r.year) - span + 1}–{r.year}"


def _frame(rows: list[dict]):
    import pandas as pd

    data = {c: [r.get(c) for r in rows] for c in COMPARISON_COLUMNS}
    return apply_schema(pd.DataFrame(data, columns=list(COMPARISON_COLUMNS)), COMPARISON_DTYPES,
                        COMPARISON_NOT_NA, COMPARISON_CATEGORIES)


# --- text summary -----------------------------------------------------------------------------------

_BOUND_SIGN = {"min": "≥", "max": "≤", "approx": "≈", "eq": "", "range": ""}


def _cell(value, high, bound) -> str:
    if _na(value):
        return ""
    if bound == "range" and not _na(high):
        return f"{_fmt(value)}–{_fmt(high)}"
    return f"{_BOUND_SIGN.get(bound, '') if not _na(bound) else ''}{_fmt(value)}"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int, right: bool = False) -> str:
    fill = " " * max(0, w - _width(s))
    return fill + s if right else s + fill


def summary_table(cmp, region: Optional[str] = None, max_rows: Optional[int] = 60, lang: str = "zh",
                  only_comparable: bool = True) -> str:
    """A readable text table of targets and results, one line per row of the comparison.

    Shown are the series that have a target and (with ``only_comparable``, the default) also a result
    in some year, so every line belongs to a series where attainment can be judged; the first line
    counts met / missed / unknown targets among them. ``lang="en"`` shows the catalogue's English labels.
    Rows beyond ``max_rows`` are counted, not shown.
    """
    from .catalogue import default_catalogue

    cat = default_catalogue()
    if region is not None:
        cmp = cmp[cmp["region"] == region]
    series_cols = ["region", "indicator", "measure", "unit"]
    if len(cmp):
        grouped = cmp.groupby(series_cols, observed=True, dropna=False)
        keep = grouped["target"].transform(lambda s: s.notna().any()).astype(bool)
        if only_comparable:
            keep &= grouped["result"].transform(lambda s: s.notna().any()).astype(bool)
        rows = cmp[keep]
    else:
        rows = cmp
    met = rows["met"]
    with_both = rows["target"].notna() & rows["result"].notna()
    head = (f"{len(rows)} rows in {rows.groupby(series_cols, observed=True, dropna=False).ngroups if len(rows) else 0} "
            f"{'comparable' if only_comparable else 'targeted'} series; {int(with_both.sum())} targets with a result: "
            f"{int((met == True).sum())} met, {int((met == False).sum())} missed, "  # noqa: E712 (nullable)
            f"{int(with_both.sum() - met.notna().sum())} unknown; "
            f"{int(rows['disagreement'].sum())} with disagreeing sources")
    titles = ["region", "indicator", "measure", "unit", "year", "target", "result", "met", "gap", "ratchet", "!"]
    table = []
    for r in rows.itertuples(index=False):
        label = (cat.label(r.indicator_key, "en") if lang == "en" and not _na(r.indicator_key) else r.indicator_label)
        result = _cell(r.result, r.actual_high if r.result_kind == "actual" else r.estimate_high,
                       r.actual_bound if r.result_kind == "actual" else r.estimate_bound)
        if result and r.result_kind == "estimate":
            result += " (est.)"
        met_s = "" if _na(r.met) else ("yes" if r.met else "no")
        if _na(r.met) and not _na(r.target) and not _na(r.result):
            met_s = "?"
        table.append(["" if _na(r.region) else str(r.region), str(label), str(r.measure), str(r.unit), _period_label(r),
                      _cell(r.target, r.target_high, r.target_bound), result, met_s,
                      _fmt(None if _na(r.gap) else r.gap), _fmt(None if _na(r.ratchet) else r.ratchet),
                      "!" if r.disagreement else ""])
    hidden = 0
    if max_rows is not None and len(table) > max_rows:
        hidden, table = len(table) - max_rows, table[:max_rows]
    widths = [max([_width(t)] + [_width(row[i]) for row in table]) for i, t in enumerate(titles)]
    numeric = {4, 5, 6, 8, 9}
    lines = [head, "  ".join(_pad(t, widths[i], i in numeric) for i, t in enumerate(titles)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, widths[i], i in numeric) for i, c in enumerate(row)).rstrip() for row in table]
    if hidden:
        lines.append(f"… {hidden} more rows")
    return "\n".join(lines)
