"""See every extracted number in its sentence: a self-contained HTML review page.

    >>> import govreport
    >>> from govreport.html_review import render_page, write_review
    >>> doc = govreport.load("seeds/002_c53812b20cb9ab4e.txt")       # doctest: +SKIP
    >>> html = render_page(doc, govreport.extract(doc))               # doctest: +SKIP
    >>> write_review(["seeds/"], "review/")                           # doctest: +SKIP

The page shows the whole document with one ``<mark>`` per record (coloured by
kind, details on hover or keyboard focus) beside a sortable, filterable table
of the records; clicking a row scrolls to its highlight. Given gold
annotations it also marks spurious predictions and shows missed gold numbers.
CSS and JavaScript are inlined from ``data/review.css`` and ``data/review.js``,
so a page opens from disk with no network.

For Jupyter, :func:`review` returns an object whose ``_repr_html_`` is the page
in an iframe (its CSS cannot reach the notebook), and
:func:`records_table_html` is the table behind ``Records._repr_html_``.
"""
from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional
from urllib.parse import quote

from .document import REPORT_SUFFIXES, visible_name
from .errors import GovReportError
from .models import Document, Record

KINDS = ("target", "actual", "estimate")
#: Files a folder given to :func:`write_review` contributes: those of every folder run.
DOCUMENT_SUFFIXES = REPORT_SUFFIXES

_BOUND_SIGN = {"eq": "", "approx": "≈", "min": "≥", "max": "≤", "range": ""}
_ARROW = {"up": "↑", "down": "↓"}
# Where a quote window stops: the end of a clause or sentence.
_CLAUSE_END = "。！？；!?;\n"


# ---------------------------------------------------------------- formatting

def _num(v) -> str:
    """A float as a short exact string: 6.0 -> '6', 1167.9 -> '1167.9'."""
    if v is None:
        return ""
    f = float(v)
    if math.isfinite(f) and f == int(f) and abs(f) < 1e16:
        return str(int(f))
    return format(f, ".12g")


def _grouped(v) -> str:
    """Like :func:`_num`, with thousands separators on large whole numbers."""
    s = _num(v)
    if s.lstrip("-").isdigit() and abs(int(s)) >= 10000:
        return f"{int(s):,}"
    return s


def _value_text(value, value_high, unit) -> str:
    v = _num(value)
    if value_high is not None:
        v += "–" + _num(value_high)
    return f"{v} {unit}".strip()


def _attr(name: str, value) -> str:
    return f' {name}="{escape("" if value is None else str(value), quote=True)}"'


def _attrs(pairs) -> str:
    return "".join(_attr(k, v) for k, v in pairs)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- span layout

@dataclass
class _Span:
    start: int
    end: int
    order: int          # records before missed gold at the same place
    key: str            # element id: r-<i> or g-<j>
    open_tag: str
    blocked_by: Optional[str] = None
    anchor: bool = False  # an empty element placed at ``start`` (a section's label), never closed


def _layout(text: str, spans: list[_Span]) -> str:
    """Escaped ``text`` with each span wrapped in its tag.

    A span inside another is nested; a span that crosses an open one, is empty
    or lies outside the text is left out and gets ``blocked_by`` set, so its
    table row can say why it has no highlight.
    """
    out: list[str] = []
    pos = 0
    stack: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end, s.order)):
        while stack and stack[-1].end <= s.start:
            top = stack.pop()
            out.append(escape(text[pos:top.end], quote=False) + "</mark>")
            pos = top.end
        if s.anchor:
            if 0 <= s.start <= len(text) and not stack:  # labels stand between highlights, never in one
                out.append(escape(text[pos:s.start], quote=False) + s.open_tag)
                pos = s.start
            continue
        if not (0 <= s.start < s.end <= len(text)):
            s.blocked_by = "outside the text"
            continue
        if stack and s.end > stack[-1].end:
            s.blocked_by = stack[-1].key
            continue
        out.append(escape(text[pos:s.start], quote=False) + s.open_tag)
        pos = s.start
        stack.append(s)
    while stack:
        top = stack.pop()
        out.append(escape(text[pos:top.end], quote=False) + "</mark>")
        pos = top.end
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


# ---------------------------------------------------------------- gold

@dataclass
class _GoldView:
    """How the records of one document compare with its gold annotations."""

    gold: list[dict]
    status: dict[int, str] = field(default_factory=dict)      # record index -> matched/differs/spurious
    notes: dict[int, str] = field(default_factory=dict)       # record index -> what gold says differently
    missed: list[dict] = field(default_factory=list)
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for s in self.status.values() if s == status)


def _gold_view(doc: Document, records: list[Record], gold: Iterable[dict]) -> _GoldView:
    from .evaluate import ATTRIBUTES, attribute_ok, locate, score

    mine = [g for g in gold if g.get("doc") == doc.name]
    if any("start" not in g or "end" not in g for g in mine):
        mine = locate(mine, {doc.name: doc.text})
    view = _GoldView(gold=mine)
    if not mine:
        return view
    preds = [{**r.model_dump(), "doc": doc.name, "_i": i} for i, r in enumerate(records)]
    result = score(preds, mine)
    for p, g in result.pairs:
        bad = [a for a in ATTRIBUTES if not attribute_ok(a, p, g)]
        view.status[p["_i"]] = "differs" if bad else "matched"
        if bad:
            view.notes[p["_i"]] = "gold: " + "; ".join(f"{a} = {g.get(a)}" for a in bad)
    for p in result.spurious:
        view.status[p["_i"]] = "spurious"
    view.missed = sorted(result.missed, key=lambda g: g["start"])
    view.precision, view.recall, view.f1 = result.precision, result.recall, result.f1
    return view


# ---------------------------------------------------------------- the page

_STATUS_SHORT = {"matched": "✓", "differs": "≠", "spurious": "✗ spurious", "missed": "○ missed"}
_STATUS_LABEL = {"matched": "✓ matches gold", "differs": "≠ attributes differ",
                 "spurious": "✗ spurious", "missed": "○ missed gold"}


def _record_data(rec: Record) -> list[tuple[str, object]]:
    return [
        ("data-number", rec.number), ("data-indicator", rec.indicator),
        ("data-value", _num(rec.value)), ("data-value-high", _num(rec.value_high)),
        ("data-unit", rec.unit), ("data-value-base", _grouped(rec.value_base)),
        ("data-value-high-base", _grouped(rec.value_high_base)), ("data-base-unit", rec.base_unit),
        ("data-bound", rec.bound), ("data-measure", rec.measure), ("data-direction", rec.direction or ""),
        ("data-kind", rec.kind), ("data-year", "" if rec.year is None else rec.year),
        ("data-region", rec.region or ""), ("data-rule", rec.rule),
        ("data-kind-rule", rec.kind_rule), ("data-year-rule", rec.year_rule), ("data-region-rule", rec.region_rule),
        ("data-start", rec.start), ("data-end", rec.end),
    ]


def _folded(g: dict) -> Optional[float]:
    """A gold value with its magnitude word folded in, so it sorts with the records' value_base."""
    from .evaluate import canonical_quantity

    try:
        return canonical_quantity(g.get("value"), g.get("unit"))[0]
    except (TypeError, ValueError):
        return None


def _gold_data(g: dict) -> list[tuple[str, object]]:
    return [
        ("data-number", g.get("number", "")), ("data-indicator", g.get("indicator") or ""),
        ("data-value", _num(g.get("value"))), ("data-value-high", _num(g.get("value_high"))),
        ("data-unit", g.get("unit") or ""), ("data-bound", g.get("bound") or ""),
        ("data-measure", g.get("measure") or ""), ("data-direction", g.get("direction") or ""),
        ("data-kind", g.get("kind") or ""), ("data-year", g.get("year") if g.get("year") is not None else ""),
        ("data-region", g.get("region") or ""), ("data-start", g["start"]), ("data-end", g["end"]),
    ]


def _value_title(d: dict) -> str:
    """The value cell's tooltip: bound and measure in words."""
    parts = [f"bound {d.get('bound') or 'eq'}", d.get("measure") or "level"]
    if d.get("direction"):
        parts[-1] += f" {d['direction']}"
    return ", ".join(parts)


def _value_cell(value, value_high, unit, bound, direction) -> str:
    sign = _BOUND_SIGN.get(bound or "", "")
    arrow = _ARROW.get(direction or "", "")
    return ((f'<span class="arrow {escape(direction)}">{arrow}</span>' if arrow else "")
            + f'<span class="sign">{escape(sign)}</span>{escape(_value_text(value, value_high, unit))}')


def _row(ref: str, label: str, d: dict, status: str = "", note: str = "", blocked: str = "") -> str:
    """One table row; ``d`` holds the record's fields (a record dump or a gold dict)."""
    classes = ["row", f"k-{escape(d.get('kind') or 'none')}"] + ([status] if status else []) + (["unplaced"] if blocked else [])
    year = d.get("year")
    cells = [
        f'<td class="num" data-sort="{escape(str(d.get("start", "")))}">{escape(label)}</td>',
        f'<td class="ind">{escape(d.get("indicator") or "")}'
        + (f'<div class="note">{escape(note)}</div>' if note else "")
        + (f'<div class="note">not highlighted: {escape(blocked)}</div>' if blocked else "")
        + "</td>",
        f'<td class="val" data-sort="{escape(_num(d.get("value_base") if d.get("value_base") is not None else d.get("value")))}"'
        + _attr("title", _value_title(d)) + ">"
        + _value_cell(d.get("value"), d.get("value_high"), d.get("unit") or "", d.get("bound"), d.get("direction"))
        + "</td>",
        f'<td><span class="chip k-{escape(d.get("kind") or "none")}">{escape(d.get("kind") or "")}</span></td>',
        f'<td class="num">{"" if year is None else escape(str(year))}</td>',
        f'<td class="region">{escape(d.get("region") or "")}</td>',
        f'<td class="rule"{_attr("title", d.get("rule") or "")}>{escape(d.get("rule") or "")}</td>',
    ]
    if status:
        cells.append(f'<td class="status"{_attr("title", _STATUS_LABEL.get(status, status))}>'
                     f'{escape(_STATUS_SHORT.get(status, status))}</td>')
    return (f'<tr class="{" ".join(classes)}" tabindex="0"'
            + _attrs([("data-ref", "" if blocked else ref), ("data-kind", d.get("kind") or ""),
                      ("data-year", "" if year is None else year), ("data-indicator", d.get("indicator") or ""),
                      ("data-number", d.get("number") or ""), ("data-status", status)])
            + ">" + "".join(cells) + "</tr>")


def _blocked_note(by: str) -> str:
    if by.startswith("r-"):
        return f"overlaps #{int(by[2:]) + 1}"
    if by.startswith("g-"):
        return f"overlaps missed g{int(by[2:]) + 1}"
    return by


def _options(values: Iterable[str], label: str) -> str:
    return f'<option value="">{escape(label)}</option>' + "".join(
        f'<option value="{escape(v, quote=True)}">{escape(v)}</option>' for v in values)



def _page_head(title: str) -> str:
    """Doctype and <head> of every page, with the stylesheet inlined (pages open offline)."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govreport">
<title>{escape(title)}</title>
<style>
{_asset("review.css")}
</style>
</head>"""

def _section_labels(doc: Document, outline) -> list[_Span]:
    """A label in the margin of the line where each section or sentence block with a period
    begins: its mood and period (review 2025, plan 2026–2030), and why in its title."""
    if outline is None:
        from .structure import build_outline

        outline = build_outline(doc.text, name=doc.name, region=doc.region, year=doc.year)
    by_line: dict[int, list] = {}
    for sec in outline.sections():
        if sec.mood and sec.period:
            line = doc.text.rfind("\n", 0, sec.start) + 1  # a block may open mid-line: label its line
            by_line.setdefault(line, []).append(sec)
    out = []
    for k, (line, secs) in enumerate(sorted(by_line.items())):
        labels = list(dict.fromkeys(f"{s.mood} {s.period.label}" for s in secs))
        why = "; ".join(f"{s.mood} {s.period.label}: {s.rule}" for s in secs)
        mood = secs[-1].mood
        tag = (f'<span class="sect m-{escape(mood)}" aria-hidden="true"'
               + _attrs([("data-label", " · ".join(labels)), ("title", why)]) + "></span>")
        out.append(_Span(line, line, -1, f"s-{k}", tag, anchor=True))
    return out


def render_page(doc: Document, records: list[Record], gold: Optional[list[dict]] = None,
                title: Optional[str] = None, outline=None) -> str:
    """One self-contained HTML page: ``doc`` with every record highlighted, beside a table of them.

    ``gold`` is GUIDELINE-format dicts (with ``start``/``end`` as from
    :func:`govreport.evaluate.load_gold`, or with ``context`` only); records
    that match no gold record get class ``spurious`` and gold numbers nothing
    matched are shown as marks of class ``missed``.
    """
    if outline is None:
        outline = getattr(records, "outline", None)
    records = list(records)
    title = title or doc.name
    view = _gold_view(doc, records, gold) if gold is not None else None

    spans: list[_Span] = []
    for i, rec in enumerate(records):
        status = view.status.get(i, "") if view else ""
        classes = ["rec", f"k-{rec.kind}"] + ([status] if status else [])
        extra = [("data-gold", status), ("data-gold-note", view.notes.get(i, ""))] if status else []
        tag = (f'<mark id="r-{i}" class="{" ".join(classes)}" tabindex="0" data-idx="{i}"'
               + _attrs(_record_data(rec) + extra) + ">")
        spans.append(_Span(rec.start, rec.end, 0, f"r-{i}", tag))
    for j, g in enumerate(view.missed if view else []):
        tag = (f'<mark id="g-{j}" class="missed k-{escape(g.get("kind") or "none")}" tabindex="0"'
               + _attrs(_gold_data(g) + [("data-gold", "missed")]) + ">")
        spans.append(_Span(g["start"], g["end"], 1, f"g-{j}", tag))
    # each section's period and mood in the margin (the outline extract() kept, else read now)
    spans += _section_labels(doc, outline)
    body = _layout(doc.text, spans)
    blocked = {s.key: _blocked_note(s.blocked_by) for s in spans if s.blocked_by}

    # rows in document order, a missed gold number beside the records around it
    placed = [(rec.start, 0, i, _row(f"r-{i}", f"{i + 1}", rec.model_dump(),
                                     view.status.get(i, "") if view else "", view.notes.get(i, "") if view else "",
                                     blocked.get(f"r-{i}", "")))
              for i, rec in enumerate(records)]
    if view:
        placed += [(g["start"], 1, j, _row(f"g-{j}", f"g{j + 1}", {**g, "value_base": _folded(g)}, "missed", "",
                                           blocked.get(f"g-{j}", "")))
                   for j, g in enumerate(view.missed)]
    rows = [r for *_, r in sorted(placed, key=lambda t: t[:3])]
    kinds = Counter(r.kind for r in records)
    years = sorted({str(r.year) for r in records if r.year is not None}
                   | {str(g["year"]) for g in (view.missed if view else []) if g.get("year") is not None})

    legend = "".join(
        f'<span class="legend-item"><mark class="swatch k-{k}">{k}</mark> {kinds.get(k, 0)}</span>' for k in KINDS)
    gold_html = status_filter = status_th = ""
    if view is not None:
        if view.gold:
            legend += ('<span class="legend-item"><mark class="swatch k-actual spurious">spurious</mark> '
                       f'{view.count("spurious")}</span>'
                       '<span class="legend-item"><mark class="swatch missed">missed</mark> '
                       f'{len(view.missed)}</span>'
                       '<span class="legend-item"><mark class="swatch k-actual differs">differs</mark> '
                       f'{view.count("differs")}</span>')
            gold_html = (f'<p class="gold-summary">Gold: <b>{len(view.gold)}</b> numbers · '
                         f'matched <b class="n-matched">{view.count("matched") + view.count("differs")}</b> '
                         f'(<span class="n-differs">{view.count("differs")}</span> with differing attributes) · '
                         f'missed <b class="n-missed">{len(view.missed)}</b> · '
                         f'spurious <b class="n-spurious">{view.count("spurious")}</b> · '
                         f'precision {view.precision:.3f} · recall {view.recall:.3f} · F1 {view.f1:.3f}</p>')
            status_filter = ('<label>Gold <select id="f-status">'
                             + _options(["matched", "differs", "spurious", "missed"], "all")
                             + "</select></label>")
            status_th = '<th scope="col">gold</th>'
        else:
            gold_html = '<p class="gold-summary">No gold annotations for this document.</p>'

    meta = ([escape(doc.name)] if title != doc.name else []) + [f"{len(doc.text):,} characters"]
    if doc.region:
        meta.append(escape(doc.region))
    if doc.year:
        meta.append(str(doc.year))
    empty = "" if rows else '<tr class="empty"><td colspan="10">No records.</td></tr>'
    return f"""{_page_head(f"{title} · review")}
<body>
<header class="top">
  <div class="title-line">
    <h1>{escape(title)}</h1>
    <span class="meta">{" · ".join(meta)}</span>
    <span class="hint">Hover or focus a number for details · click a row to find its number</span>
  </div>
  <div class="summary"><span class="total"><b class="n-records">{len(records)}</b> records</span>{legend}</div>
  {gold_html}
</header>
<main class="panes">
  <section class="doc-pane" id="doc-pane" aria-label="document">
    <div class="doc-text" id="doc-text">{body}</div>
  </section>
  <section class="table-pane" aria-label="records">
    <div class="filters" role="search">
      <label>Kind <select id="f-kind">{_options(KINDS, "all")}</select></label>
      <label>Year <select id="f-year">{_options(years, "all")}</select></label>
      <label class="grow">Indicator <input id="f-text" type="search" placeholder="filter by indicator or number" autocomplete="off"></label>
      {status_filter}
      <span class="shown" id="shown" aria-live="polite"></span>
    </div>
    <div class="table-scroll" id="table-scroll">
      <table id="records">
        <thead><tr>
          <th data-type="num" scope="col" title="document order">#</th>
          <th scope="col">indicator</th>
          <th data-type="num" scope="col">value</th>
          <th scope="col">kind</th>
          <th data-type="num" scope="col">year</th>
          <th scope="col">region</th>
          <th scope="col">rule</th>
          {status_th}
        </tr></thead>
        <tbody>
{chr(10).join(rows)}{empty}
        </tbody>
      </table>
    </div>
  </section>
</main>
<div id="tip" role="tooltip" hidden></div>
<script>
{_asset("review.js")}
</script>
</body>
</html>
"""


# ---------------------------------------------------------------- Jupyter

class ReviewView:
    """A document with its records highlighted, shown inline by Jupyter.

    ``html`` is the full page; ``save(path)`` writes it. The inline display is
    an iframe, so the page's CSS and script stay out of the notebook.
    """

    def __init__(self, doc: Document, records: list[Record], gold: Optional[list[dict]] = None,
                 height: int = 640):
        self.document = doc
        outline = getattr(records, "outline", None)
        self.records = list(records)
        self.height = height
        self.html = render_page(doc, self.records, gold, outline=outline)

    def _repr_html_(self) -> str:
        return (f'<iframe class="govreport-review" title="{escape(self.document.name, quote=True)} review" '
                f'sandbox="allow-scripts" style="width:100%;height:{int(self.height)}px;'
                f'border:1px solid #d0d7de;border-radius:4px" '
                f'srcdoc="{escape(self.html, quote=True)}"></iframe>')

    def save(self, path) -> Path:
        """Write the page to ``path`` (atomically) and return it."""
        p = Path(path)
        _write_atomic(p, self.html)
        return p

    def __repr__(self) -> str:
        return f"ReviewView({self.document.name!r}, records={len(self.records)})"


def review(doc, records=None, gold: Optional[list[dict]] = None) -> ReviewView:
    """The document with its records highlighted, for Jupyter.

    ``doc`` is a :class:`Document` or a path; without ``records`` it is
    extracted with :func:`govreport.extract`.
    """
    if not isinstance(doc, Document):
        from .document import load

        doc = load(doc)
    if records is None:
        from .pipeline import extract

        records = extract(doc)
    return ReviewView(doc, records, gold)


def _quote(rec: Record, document: Optional[Document], width: int = 36) -> tuple[str, str, str]:
    """(before, number, after): the record's number in its sentence, or in a window of the document."""
    text = document.text if document is not None else None
    in_text = text is not None and 0 <= rec.start < rec.end <= len(text)
    hit = text[rec.start:rec.end] if in_text else rec.number
    sent = rec.sentence
    if sent:
        if in_text:
            # the occurrence of the sentence that holds the record's span
            i = text.find(sent, max(0, rec.end - len(sent)))
            if i != -1 and i <= rec.start and rec.end <= i + len(sent):
                k = rec.start - i
                return sent[:k], sent[k:k + len(hit)], sent[k + len(hit):]
        k = sent.find(rec.number) if rec.number else -1
        if k >= 0:
            return sent[:k], rec.number, sent[k + len(rec.number):]
        return sent + " — ", rec.number, ""
    if in_text:
        left = text[max(0, rec.start - width):rec.start]
        cut = max(left.rfind(c) for c in _CLAUSE_END)
        left = left[cut + 1:] if cut >= 0 else ("…" if rec.start > width else "") + left
        right = text[rec.end:rec.end + width]
        stops = [right.find(c) for c in _CLAUSE_END if c in right]
        right = right[:min(stops) + 1] if stops else right + ("…" if rec.end + width < len(text) else "")
        return left.lstrip(), hit, right.rstrip()
    return "", rec.number, ""


_TABLE_CSS = """
.govreport-records{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:13px}
.govreport-records .gr-caption{margin:0 0 4px;color:#57606a}
.govreport-records table{border-collapse:collapse;width:auto}
.govreport-records th,.govreport-records td{padding:3px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
.govreport-records th{background:#f6f8fa;font-weight:600}
.govreport-records td.gr-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.govreport-records td.gr-quote{max-width:42em;color:#374151}
.govreport-records mark{background:#fde68a;color:inherit;padding:0 1px;border-radius:2px;font-weight:600}
.govreport-records .gr-kind{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px}
.govreport-records .gr-target{background:#dbeafe;color:#1e40af}
.govreport-records .gr-actual{background:#dcfce7;color:#166534}
.govreport-records .gr-estimate{background:#fef3c7;color:#92400e}
"""


def records_table_html(records, document: Optional[Document] = None, max_rows: int = 500) -> str:
    """The records as an HTML table fragment (what ``Records`` shows in Jupyter).

    Columns: indicator, value, unit, bound, kind, year, region and the quote
    with the number highlighted (``record.sentence`` when set, else a window
    of ``document``). Styles are scoped to the fragment's own class.
    """
    records = list(records)
    docs = {r.doc for r in records}
    show_doc = len(docs) > 1
    head = ["#"] + (["doc"] if show_doc else []) + ["indicator", "value", "unit", "bound", "kind",
                                                    "year", "region", "quote"]
    rows = []
    for i, r in enumerate(records[:max_rows]):
        before, hit, after = _quote(r, document if document is not None and r.doc == document.name else None)
        value = _num(r.value) + (f"–{_num(r.value_high)}" if r.value_high is not None else "")
        cells = [f'<td class="gr-num">{i + 1}</td>']
        if show_doc:
            cells.append(f"<td>{escape(r.doc)}</td>")
        cells += [
            f"<td>{escape(r.indicator)}</td>",
            f'<td class="gr-num">{escape(value)}</td>',
            f"<td>{escape(r.unit)}</td>",
            f"<td>{escape(r.bound)}</td>",
            f'<td><span class="gr-kind gr-{escape(r.kind)}">{escape(r.kind)}</span></td>',
            f'<td class="gr-num">{"" if r.year is None else r.year}</td>',
            f"<td>{escape(r.region or '')}</td>",
            f'<td class="gr-quote">{escape(before)}<mark>{escape(hit)}</mark>{escape(after)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    source = f" from {escape(document.name)}" if document is not None else ""
    more = (f'<p class="gr-caption">… {len(records) - max_rows} more records not shown</p>'
            if len(records) > max_rows else "")
    return (f'<div class="govreport-records"><style>{_TABLE_CSS}</style>'
            f'<p class="gr-caption">{len(records)} records{source}</p>'
            + ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
               + "".join(rows) + "</tbody></table>" if records else "")
            + more + "</div>")


# ---------------------------------------------------------------- files

def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temp file in the same folder, so readers never see half a page.

    The page follows the umask like every output, and a symbolic link is written through (see
    :func:`govreport.output.atomic_path`)."""
    from .output import atomic_path

    with atomic_path(path) as tmp:
        try:
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        except OSError as e:
            raise GovReportError(f"{visible_name(path)}: cannot write: {e.strerror or e}") from None


class ReviewPages(list):
    """The pages :func:`write_review` wrote (index last); ``failures`` lists the documents left out."""

    def __init__(self, pages=(), failures=()):
        super().__init__(pages)
        self.failures: list = list(failures)


def _input_files(paths) -> list[Path]:
    from .document import iter_paths

    if not isinstance(paths, (str, bytes, os.PathLike)) and not list(paths):
        raise GovReportError("no documents to review")
    return iter_paths(paths, DOCUMENT_SUFFIXES)


def _page_names(docs: list[Document]) -> list[str]:
    """A distinct file name per document page; ``index.html`` stays free."""
    used = {"index.html"}
    names = []
    for d in docs:
        stem = Path(d.name).stem or "document"
        name, n = f"{stem}.html", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.html"
        used.add(name.lower())
        names.append(name)
    return names


def _index_page(entries: list[dict], with_gold: bool, failures: Iterable = ()) -> str:
    head = ["document", "characters", "records"] + list(KINDS) + ["years"]
    if with_gold:
        head += ["gold", "matched", "missed", "spurious", "F1"]
    rows = []
    for e in entries:
        # quoted: a name with #, ?, % or a backslash (\\xNN of an undecodable byte) is still one file
        href = quote(e["href"])
        cells = [f'<td><a href="{escape(href, quote=True)}">{escape(e["name"])}</a></td>',
                 f'<td class="num">{e["chars"]:,}</td>', f'<td class="num n-records">{e["records"]}</td>']
        cells += [f'<td class="num">{e["kinds"].get(k, 0)}</td>' for k in KINDS]
        cells.append(f'<td>{escape(e["years"])}</td>')
        if with_gold:
            v: Optional[_GoldView] = e["gold"]
            if v is not None and v.gold:
                cells += [f'<td class="num">{len(v.gold)}</td>',
                          f'<td class="num">{v.count("matched") + v.count("differs")}</td>',
                          f'<td class="num">{len(v.missed)}</td>', f'<td class="num">{v.count("spurious")}</td>',
                          f'<td class="num">{v.f1:.3f}</td>']
            else:
                cells += ['<td class="num" colspan="5">no gold</td>']
        rows.append("<tr>" + "".join(cells) + "</tr>")
    total = sum(e["records"] for e in entries)
    failures = list(failures)
    failed = ""
    if failures:
        failed = (f'<section class="failures"><h2>{len(failures)} documents failed and have no page</h2><ul>'
                  + "".join(f'<li>{escape(str(f))}</li>' for f in failures) + "</ul></section>")
    return f"""{_page_head(f"govreport review · {len(entries)} documents")}
<body class="index">
<header class="top">
  <div class="title-line"><h1>Review</h1>
  <span class="meta">{len(entries)} documents · {total} records</span></div>
</header>
<main class="index-main">
<div class="index-scroll">
<table class="index-table">
<thead><tr>{"".join(f'<th scope="col">{h}</th>' for h in head)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
{failed}
</main>
</body>
</html>
"""


def write_review(paths, out, gold_paths: Optional[list] = None, region=None, year=None, *,
                 extract: Optional[Callable[[Document], list[Record]]] = None,
                 fail_fast: bool = False) -> ReviewPages:
    """Write review pages; return the files written (a list with ``failures``).

    One input file with ``out`` ending in ``.html`` writes that page. A folder
    or several files (or ``out`` a folder) write one page per document into
    ``out`` plus ``index.html`` linking them with per-document counts.
    ``gold_paths`` are GUIDELINE-format JSON Lines files; ``region`` and
    ``year`` go to :func:`govreport.load`. ``extract`` replaces
    :func:`govreport.extract` (a function from a Document to records).

    A document that cannot be loaded, extracted or shown does not stop the others: it gets no
    page, the index lists it, and the result's ``failures`` holds its
    :class:`~govreport.failures.FileFailure`. ``fail_fast=True`` (and a run on one file) raises
    at the first instead.
    """
    from .document import load
    from .failures import failure_of, raise_first

    files = _input_files(paths)
    out = Path(out)
    single = len(files) == 1 and out.suffix.lower() in (".html", ".htm") and not out.is_dir()
    if not single:
        if out.suffix.lower() in (".html", ".htm") and not out.is_dir():
            raise GovReportError(f"{visible_name(out)}: {len(files)} documents need an output folder, "
                                 "not an .html file")
        if out.exists() and not out.is_dir():
            raise GovReportError(f"{visible_name(out)}: is a file; give a folder for the review pages")
    if extract is None:
        from .pipeline import extract
    stop_early = fail_fast or len(files) == 1
    failures = []

    def failed(path, e: Exception) -> None:
        failures.append(failure_of(path, e))
        if stop_early:
            raise_first(failures[-1], e)

    docs = []
    for f in files:
        try:
            docs.append(load(f, region=region, year=year))
        except Exception as e:  # bad input or a bug: this document, not the others
            failed(f, e)
    gold = _read_gold(gold_paths, docs) if gold_paths else None

    target_dir = out.parent if single else out
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GovReportError(f"{visible_name(target_dir)}: cannot create folder: {e.strerror or e}") from None

    written, entries = [], []
    names = [out.name] if single else _page_names(docs)
    for doc, name in zip(docs, names):
        try:
            records = list(extract(doc))
            page = render_page(doc, records, gold)
            entry = {"href": name, "name": doc.name, "chars": len(doc.text), "records": len(records),
                     "kinds": Counter(r.kind for r in records),
                     "years": ", ".join(sorted({str(r.year) for r in records if r.year is not None})),
                     "gold": _gold_view(doc, records, gold) if gold is not None else None}
        except Exception as e:  # a bug in one document's extraction or page leaves the others
            failed(doc.path or doc.name, e)
            continue
        path = target_dir / name
        _write_atomic(path, page)
        written.append(path)
        entries.append(entry)
    if not single:
        index = out / "index.html"
        _write_atomic(index, _index_page(entries, gold is not None, failures))
        written.append(index)
    return ReviewPages(written, failures)


def _read_gold(gold_paths, docs: list[Document]) -> list[dict]:
    """Gold records of the documents being reviewed, located in their text."""
    from .evaluate import locate, read_jsonl

    if isinstance(gold_paths, (str, os.PathLike)):
        gold_paths = [gold_paths]
    texts = {d.name: d.text for d in docs}
    raw = [r for p in gold_paths for r in read_jsonl(p)]
    mine = [r for r in raw if r.get("doc") in texts]
    if raw and not mine:
        named = sorted({str(r.get("doc")) for r in raw})
        raise GovReportError(f"no gold record is about the documents reviewed (gold names {', '.join(named[:5])}"
                             + (", …" if len(named) > 5 else "") + ")")
    return locate(mine, texts)
