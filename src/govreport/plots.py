"""Plots of targets and results that render Chinese labels on any machine.

    >>> fig = govreport.plot_attainment(corpus, region="咸宁市")             # doctest: +SKIP
    >>> fig = govreport.plot_targets(corpus, "gdp", year=2026)               # doctest: +SKIP
    >>> fig.savefig("gdp_targets_2026.png", dpi=150)                         # doctest: +SKIP

Each call returns one :class:`matplotlib.figure.Figure`, made without pyplot: nothing is kept
in pyplot's list of open figures, so a notebook shows the figure once (as the cell's value) and
a script saves it with ``fig.savefig``.

Fonts: Chinese labels use Noto Sans CJK from the ``noto-cjk-sans-otc`` package (installed with
``pip install 'govreport[plot]'``), registered with matplotlib's font manager on first use;
nothing on the system is touched. Without that package an installed CJK font (Noto, Source Han,
WenQuanYi, SimHei, …) is used; with neither, labels fall back to English and region names that
cannot be drawn raise a clear error instead of drawing empty boxes.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Optional

from .errors import GovReportError

#: installed CJK font families tried when the packaged font is missing, in order
SYSTEM_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
                    "Heiti SC", "Arial Unicode MS")
_MET_COLOURS = {True: "#2e7d32", False: "#c62828", None: "#757575"}
_TARGET = "#1565c0"
_BAND = "#90caf9"        # a range target (4.5%—5%)
_ABOUT = "#e3f2fd"       # the tolerance around a 左右 target


@lru_cache(maxsize=1)
def cjk_font() -> Optional[str]:
    """The family name of a CJK font matplotlib can use, registering the packaged one first."""
    from matplotlib import font_manager

    try:
        import noto_cjk_sans_otc
    except ImportError:
        noto_cjk_sans_otc = None
    if noto_cjk_sans_otc is not None:
        path = str(noto_cjk_sans_otc.FONT_PATH)
        font_manager.fontManager.addfont(path)
        # matplotlib >= 3.11 registers every face of the collection (… SC among them); older
        # versions its first face (… JP), which has the same glyphs
        faces = sorted({f.name for f in font_manager.fontManager.ttflist if f.fname == path})
        for preferred in ("Noto Sans CJK SC", *faces):
            if preferred in faces:
                return preferred
    available = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in SYSTEM_CJK_FONTS if f in available), None)


def _rc(font: Optional[str]) -> dict:
    # DejaVu first: Latin letters and the minus sign from it, everything else from the CJK font
    return {"font.family": ["DejaVu Sans", font] if font else ["DejaVu Sans"], "axes.unicode_minus": True}


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    _ensure_notebook_display()
    return Figure(figsize=(width, height), layout="constrained")


def _ensure_notebook_display() -> None:
    """In IPython, show a Figure that pyplot does not manage as a PNG (what the inline backend
    does for its own figures)."""
    import sys

    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
    except ImportError:
        return
    ip = get_ipython()
    if ip is None or not hasattr(ip, "display_formatter"):
        return
    png = ip.display_formatter.formatters.get("image/png")
    if png is None:
        return
    try:
        png.lookup_by_type(Figure)
    except KeyError:
        from IPython.core.pylabtools import print_figure

        png.for_type(Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))


def _lang_and_font(lang: Optional[str], texts: Iterable[str]):
    font = cjk_font()
    lang = lang or ("zh" if font else "en")
    if lang not in ("zh", "en"):
        raise ValueError(f"lang is 'zh' or 'en', not {lang!r}")
    if font is None and any(_has_cjk(t) for t in texts):
        raise GovReportError("no CJK font for the Chinese labels: pip install 'govreport[plot]' "
                             "(it brings noto-cjk-sans-otc), or install a Noto/WenQuanYi CJK font")
    return lang, font


def _has_cjk(s) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in str(s or ""))


def _na(v) -> bool:
    try:
        return v is None or bool(v != v)
    except (TypeError, ValueError):
        return str(v) == "<NA>"


def _label(row, lang: str) -> str:
    if lang == "en" and isinstance(row.indicator_en, str) and row.indicator_en:
        return row.indicator_en
    return str(row.indicator)


def _what(measure: str, lang: str) -> str:
    if measure != "change":
        return ""
    return " growth" if lang == "en" else "增速"


# --- attainment over the years ------------------------------------------------------------------------

def _pick_region(p, region: Optional[str], data) -> str:
    regions = [r for r in dict.fromkeys(p["region"].dropna().tolist())]
    if region is not None:
        if region not in regions:
            raise GovReportError(f"no targets or results for {region!r}; regions: {', '.join(regions) or 'none'}")
        return region
    if len(regions) == 1:
        return regions[0]
    # the issuing government with the most documents (a city's reports over a county's one)
    from .corpus import Corpus

    if isinstance(data, Corpus):
        counts = data.info["region"].astype(object).value_counts()
        counts = counts[[r in regions for r in counts.index]]
        if len(counts) and (len(counts) == 1 or counts.iloc[0] > counts.iloc[1]):
            return counts.index[0]
    raise GovReportError(f"several issuing governments; choose one with region=: {', '.join(regions)}")


def plot_attainment(data, region: Optional[str] = None, indicators: Optional[Iterable[str]] = None, *,
                    max_panels: int = 12, ncols: int = 3, lang: Optional[str] = None,
                    only_comparable: bool = True, catalogue=None, **panel_options):
    """Targets against results over the years for one region, one small plot per indicator.

    ``data``: a Corpus, a records frame, a comparison or a panel. ``region``: by default the issuing
    government (the only one, or the one most documents speak for). Targets are blue (a bar; a band
    for 左右 or a range; ▲ at least, ▼ at most), results dots (filled: actual, hollow: estimate;
    green met, red missed, grey unknown). ``only_comparable`` keeps indicators with both a target
    and a result in some year. ``lang``: ``zh`` or ``en`` labels (default ``zh`` when a CJK font is
    there). Returns the Figure.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    import matplotlib

    from .panels import panel

    p = panel(data, catalogue=catalogue, **panel_options)
    p = p[p["period_years"].fillna(1) == 1]
    region = _pick_region(p, region, data)
    sub = p[p["region"] == region]
    if indicators is not None:
        wanted = set(indicators)
        sub = sub[sub["indicator_key"].isin(wanted) | sub["indicator"].isin(wanted)]
    groups = []
    order = {k: i for i, k in enumerate(dict.fromkeys(sub["indicator_key"].tolist()))}
    for (key, measure, unit), g in sub.groupby(["indicator_key", "measure", "unit"], sort=False):
        if only_comparable and not (g["target"].notna().any() and g["result"].notna().any()):
            continue
        groups.append((order.get(key, 0), measure != "change", key, g.sort_values("year")))
    groups = [g for *_, g in sorted(groups, key=lambda x: x[:3])][:max_panels]
    lang, font = _lang_and_font(lang, [region] + [str(g["indicator"].iloc[0]) for g in groups])

    with matplotlib.rc_context(_rc(font)):
        n = max(1, len(groups))
        cols = max(1, min(ncols, n))
        rows = math.ceil(n / cols)
        fig = _figure(4.2 * cols, 3.0 * rows + 0.9)
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax in axes.flat[len(groups):]:
            ax.set_visible(False)
        if not groups:
            ax = axes.flat[0]
            ax.set_visible(True)
            ax.set_axis_off()
            ax.text(0.5, 0.5, "no indicator with both a target and a result" if lang == "en"
                    else "没有同时有目标和结果的指标", ha="center", va="center", transform=ax.transAxes)
        for ax, g in zip(axes.flat, groups):
            _attainment_axes(ax, g, lang)
        title = f"{region}: targets and results" if lang == "en" else f"{region} 目标与完成情况"
        fig.suptitle(title)
        handles = [Patch(facecolor=_BAND, label="target range" if lang == "en" else "目标区间"),
                   Patch(facecolor=_ABOUT, label="about (左右)" if lang == "en" else "左右"),
                   Line2D([], [], color=_TARGET, lw=2, label="target" if lang == "en" else "目标"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[True], label="met" if lang == "en" else "完成"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[False],
                          label="missed" if lang == "en" else "未完成"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[None],
                          label="unknown" if lang == "en" else "无法判断"),
                   Line2D([], [], marker="o", ls="none", markerfacecolor="white", markeredgecolor="#424242",
                          label="estimate (预计)" if lang == "en" else "预计数")]
        fig.legend(handles=handles, loc="outside lower center", ncols=7, fontsize=8, frameon=False)
    return fig


def _target_mark(ax, x: float, t: float, th, bound, tol: float, horizontal: bool = False, width: float = 0.3):
    """A target at ``x``: a bar, a band for 左右 or a range, ▲ / ▼ for at least / at most."""
    lo_hi, colour = None, _BAND
    if bound == "approx" and tol:
        lo_hi, colour = (t - tol, t + tol), _ABOUT
    elif bound == "range" and th is not None:
        lo_hi = (t, th)
    if horizontal:
        if lo_hi:
            ax.fill_betweenx([x - width, x + width], *lo_hi, color=colour, lw=0)
        ax.vlines(t, x - width, x + width, color=_TARGET, lw=2)
        if bound in ("min", "max"):
            ax.plot([t], [x], marker=">" if bound == "min" else "<", color=_TARGET, ms=7, ls="none")
        return
    if lo_hi:
        ax.fill_between([x - width, x + width], *lo_hi, color=colour, lw=0)
    ax.hlines(t, x - width, x + width, color=_TARGET, lw=2)
    if bound in ("min", "max"):
        ax.plot([x], [t], marker="^" if bound == "min" else "v", color=_TARGET, ms=7, ls="none")


def _tolerance(row) -> float:
    unit = str(row.unit)
    if unit in ("%", "个百分点"):
        return 0.5
    return 0.05 * abs(float(row.target)) if not _na(row.target) else 0.0


def _attainment_axes(ax, g, lang: str) -> None:
    for r in g.itertuples(index=False):
        if _na(r.target):
            continue
        th = None if _na(r.target_high) else float(r.target_high)
        _target_mark(ax, int(r.year), float(r.target), th, None if _na(r.target_bound) else r.target_bound,
                     _tolerance(r))
    results = g[g["result"].notna()]
    if len(results):
        ax.plot(results["year"].astype(int), results["result"].astype(float), color="#424242", lw=1, zorder=2)
        for r in results.itertuples(index=False):
            c = _MET_COLOURS[None if _na(r.met) else bool(r.met)]
            ax.plot([int(r.year)], [float(r.result)], marker="o", ms=7, zorder=3, ls="none",
                    markerfacecolor=c if r.result_kind == "actual" else "white", markeredgecolor=c,
                    markeredgewidth=1.5)
    first = g.iloc[0]
    ax.set_title(f"{_label(first, lang)}{_what(first['measure'], lang)} ({first['unit']})", fontsize=9)
    years = sorted(int(y) for y in g["year"])
    ax.set_xticks(range(years[0], years[-1] + 1))
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)


# --- one indicator across regions ---------------------------------------------------------------------

def plot_targets(data, indicator: str, year: int, *, regions: Optional[Iterable[str]] = None,
                 lang: Optional[str] = None, catalogue=None, **panel_options):
    """Every region's target for one indicator and year, with the result where it is known.

    One row per region, sorted by target: the target (a bar; a band for 左右 or a range; ▶ at
    least, ◀ at most) and the result (a dot: green met, red missed, grey unknown; hollow for an
    estimate). ``indicator``: a catalogue key or a name. ``regions``: default the issuing
    governments. Returns the Figure.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    import matplotlib

    from .catalogue import as_catalogue
    from .panels import _resolve_indicator, panel

    cat = as_catalogue(catalogue)
    key = _resolve_indicator(cat, indicator)
    p = panel(data, catalogue=catalogue, **panel_options)
    sub = p[(p["indicator_key"] == key) & (p["year"] == year) & (p["period_years"].fillna(1) == 1)]
    if regions is not None:
        sub = sub[sub["region"].isin(list(regions))]
    sub = sub[sub["target"].notna() | sub["result"].notna()]
    sub = sub.assign(_order=sub["target"].fillna(sub["result"])).sort_values(["_order", "region"])
    labels = sub["region"].tolist()
    ind = cat[key]
    lang, font = _lang_and_font(lang, labels + [ind.zh])
    unit = sub["unit"].iloc[0] if len(sub) else (ind.unit or "")
    measure = sub["measure"].iloc[0] if len(sub) else "change"

    with matplotlib.rc_context(_rc(font)):
        fig = _figure(7.5, 1.4 + 0.36 * max(1, len(sub)))
        ax = fig.subplots()
        for i, r in enumerate(sub.itertuples(index=False)):
            if not _na(r.target):
                th = None if _na(r.target_high) else float(r.target_high)
                _target_mark(ax, i, float(r.target), th, None if _na(r.target_bound) else r.target_bound,
                             _tolerance(r), horizontal=True)
            if not _na(r.result):
                c = _MET_COLOURS[None if _na(r.met) else bool(r.met)]
                ax.plot([float(r.result)], [i], marker="o", ms=7, ls="none", zorder=3,
                        markerfacecolor=c if r.result_kind == "actual" else "white", markeredgecolor=c,
                        markeredgewidth=1.5)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(-0.7, max(0, len(labels) - 1) + 0.7)
        ax.grid(axis="x", alpha=0.3)
        name = (ind.en or ind.zh) if lang == "en" else ind.zh
        ax.set_xlabel(f"{name}{_what(measure, lang)} ({unit})")
        title = f"{name}{_what(measure, lang)}: targets for {year}" if lang == "en" else f"{year}年{name}{_what(measure, lang)}目标"
        if not len(sub):
            ax.text(0.5, 0.5, "no targets" if lang == "en" else "没有目标", ha="center", va="center",
                    transform=ax.transAxes)
        ax.set_title(title)
        handles = [Patch(facecolor=_BAND, label="range" if lang == "en" else "区间"),
                   Patch(facecolor=_ABOUT, label="about (左右)" if lang == "en" else "左右"),
                   Line2D([], [], color=_TARGET, lw=2, label="target" if lang == "en" else "目标"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[True],
                          label="result, met" if lang == "en" else "完成"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[False],
                          label="result, missed" if lang == "en" else "未完成"),
                   Line2D([], [], marker="o", ls="none", color=_MET_COLOURS[None],
                          label="result, unknown" if lang == "en" else "无法判断")]
        fig.legend(handles=handles, loc="outside lower center", ncols=6, fontsize=8, frameon=False)
    return fig
