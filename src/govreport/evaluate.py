"""Measure extraction against hand annotations (the GUIDELINE.md gold format).

The matching rules are the referee's: a prediction matches a gold record when
it is in the same document, its span overlaps the gold number's span, and its
quantity is equal once magnitude words are folded into the value
(``1167.9 亿元`` equals ``116790000000 元``). Matching is one-to-one, gold in
document order, each taking the first unused matching prediction.

    >>> from govreport.evaluate import load_gold, score
    >>> gold = load_gold(["tests/gold/001.jsonl"], "seeds")      # doctest: +SKIP
    >>> report = score(records, gold)                              # doctest: +SKIP
    >>> report.f1, report.strict_f1                                # doctest: +SKIP
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional

from .errors import GovReportError

ATTRIBUTES = ("indicator", "measure", "direction", "bound", "kind", "year", "region")

# Magnitude words the referee folds into the value; 千 is a prefix of some
# units (千米, 千瓦), where it is not a magnitude.
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8}
_QIAN_UNITS = ("米", "克", "瓦", "伏", "帕", "卡", "焦")
_NAME_NOISE = re.compile(r"[\s\"“”‘’「」《》（）()、，,。:：;；]")


def read_jsonl(path) -> list[dict]:
    """Read JSON Lines; a bad line is a :class:`GovReportError` naming the line."""
    out = []
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise GovReportError(f"{path}: cannot read: {e.strerror or e}") from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise GovReportError(f"{path}:{n}: bad JSON: {e.msg}") from None
    return out


def locate(records: Iterable[dict], texts: Mapping[str, str]) -> list[dict]:
    """Give each gold record ``start``/``end``: where its ``number`` sits inside its unique ``context``."""
    located = []
    for i, r in enumerate(records, 1):
        text = texts.get(r.get("doc"))
        where = f"gold record {i} ({r.get('number')!r} in {r.get('context')!r})"
        if text is None:
            raise GovReportError(f"{where}: no document {r.get('doc')!r}")
        ctx, num = r.get("context") or "", r.get("number") or ""
        if text.count(ctx) != 1:
            raise GovReportError(f"{where}: context occurs {text.count(ctx)} times in {r['doc']}")
        k = ctx.find(num)
        if k < 0 or ctx.count(num) > 1:
            raise GovReportError(f"{where}: number is not once inside its context")
        start = text.find(ctx) + k
        located.append({**r, "start": start, "end": start + len(num)})
    return located


def load_gold(paths: Iterable, docs_dir, failures: Optional[list] = None) -> list[dict]:
    """Read gold files and locate every record in the documents of ``docs_dir``.

    Documents are decoded with :func:`govreport.load`, so gold offsets index
    the same text extraction does. A document that cannot be loaded raises, unless
    ``failures`` is a list: then the document's :class:`~govreport.failures.FileFailure`
    is appended to it, its gold records are left out and the other documents go on.
    """
    from .document import load
    from .failures import failure_of

    records = [r for p in paths for r in read_jsonl(p)]
    texts, failed = {}, set()
    for name in sorted({r.get("doc") for r in records if r.get("doc")}):
        path = Path(docs_dir) / name
        if failures is None:
            if path.exists():
                texts[name] = load(path).text
            continue
        try:
            texts[name] = load(path).text
        except Exception as e:  # bad input or a bug: one document, not the whole measurement
            failures.append(failure_of(path, e))
            failed.add(name)
    return locate([r for r in records if r.get("doc") not in failed], texts)


def canonical_quantity(value, unit) -> tuple[float, str]:
    """Fold leading magnitude words of ``unit`` into ``value``: (1167.9, 亿元) -> (1.1679e11, 元)."""
    u = (unit or "").strip().replace("％", "%").replace(" ", "")
    v = float(value) if value is not None else math.nan
    while len(u) > 1 and u[0] in _MAGNITUDE:
        if u[0] == "千" and u[1:].startswith(_QIAN_UNITS):
            break
        v *= _MAGNITUDE[u[0]]
        u = u[1:]
    return v, u


def same_quantity(pred: Mapping, gold: Mapping) -> bool:
    try:
        pv, pu = canonical_quantity(pred.get("value"), pred.get("unit"))
        gv, gu = canonical_quantity(gold.get("value"), gold.get("unit"))
    except (TypeError, ValueError):
        return False
    return pu == gu and math.isclose(pv, gv, rel_tol=1e-9, abs_tol=1e-9)


def attribute_ok(attr: str, pred: Mapping, gold: Mapping) -> bool:
    """Whether one attribute agrees; indicator names agree when one contains the other."""
    pv, gv = pred.get(attr), gold.get(attr)
    if attr == "indicator":
        a, b = _NAME_NOISE.sub("", str(pv or "")), _NAME_NOISE.sub("", str(gv or ""))
        return bool(a) and bool(b) and (a in b or b in a)
    if attr == "year":
        try:
            return pv is not None and int(pv) == int(gv)
        except (TypeError, ValueError):
            return False
    return (pv or None) == (gv or None)


class _Rates:
    """Precision, recall and F1 from ``matched``, ``predicted`` and ``gold`` counts."""

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass
class DocScore(_Rates):
    doc: str
    gold: int
    predicted: int
    matched: int


@dataclass
class Score(_Rates):
    """Mention and strict scores, per document and overall, with the unmatched records."""

    documents: list[DocScore]
    pairs: list[tuple[dict, dict]]
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    @property
    def gold(self) -> int:
        return sum(d.gold for d in self.documents)

    @property
    def predicted(self) -> int:
        return sum(d.predicted for d in self.documents)

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def strict_matched(self) -> int:
        return sum(all(attribute_ok(a, p, g) for a in ATTRIBUTES) for p, g in self.pairs)

    @property
    def strict_f1(self) -> float:
        p = self.strict_matched / self.predicted if self.predicted else 0.0
        r = self.strict_matched / self.gold if self.gold else 0.0
        return _f1(p, r)

    def attribute_accuracy(self) -> dict[str, float]:
        n = len(self.pairs)
        return {a: (sum(attribute_ok(a, p, g) for p, g in self.pairs) / n if n else 0.0) for a in ATTRIBUTES}

    def wrong_attributes(self) -> list[tuple[dict, dict, list[str]]]:
        out = []
        for p, g in self.pairs:
            bad = [a for a in ATTRIBUTES if not attribute_ok(a, p, g)]
            if bad:
                out.append((p, g, bad))
        return out

    def summary(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "strict_f1": self.strict_f1, "attribute_accuracy": self.attribute_accuracy()}

    def report(self, misses: int = 0) -> str:
        """The referee's printout: a row per document, attribute accuracy, optional misses, summary line."""
        lines = [f"{'document':40} {'gold':>5} {'pred':>5} {'match':>5}  P      R      F1"]
        for d in self.documents:
            lines.append(f"{d.doc:40} {d.gold:5d} {d.predicted:5d} {d.matched:5d}  "
                         f"{d.precision:.3f}  {d.recall:.3f}  {d.f1:.3f}")
        lines.append("attribute accuracy on matched mentions: "
                     + ", ".join(f"{k} {v:.3f}" for k, v in self.attribute_accuracy().items()))
        if misses:
            lines.append("\nmissed gold:")
            lines += [f"  {g['doc']}:{g['start']} {g['number']!r} in {g['context']!r}" for g in self.missed[:misses]]
            lines.append("spurious predictions:")
            lines += [f"  {p.get('doc')}:{p.get('start')} {p.get('value')} {p.get('unit')} ({p.get('indicator')})"
                      for p in self.spurious[:misses]]
            lines.append("wrong attributes:")
            for p, g, bad in self.wrong_attributes()[:misses]:
                lines.append(f"  {g['number']!r} in {g['context']!r}: "
                             + "; ".join(f"{a} {p.get(a)!r} != {g.get(a)!r}" for a in bad))
        lines.append(f"mentions {self.gold}  precision {self.precision:.3f}  recall {self.recall:.3f}  "
                     f"F1 {self.f1:.3f}  strict F1 {self.strict_f1:.3f}")
        return "\n".join(lines)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(predictions: Iterable, gold: list[dict]) -> Score:
    """Score predictions (records or dicts) against located gold; only gold documents count."""
    preds = [p.model_dump() if hasattr(p, "model_dump") else dict(p) for p in predictions]
    by_doc = defaultdict(list)
    for p in preds:
        by_doc[p.get("doc")].append(p)
    documents, pairs, missed, spurious = [], [], [], []
    for doc in sorted({g["doc"] for g in gold}):
        gs = sorted((g for g in gold if g["doc"] == doc), key=lambda r: r["start"])
        ps = by_doc.get(doc, [])
        used = set()
        for g in gs:
            for j, p in enumerate(ps):
                if j in used:
                    continue
                try:
                    s, e = int(p["start"]), int(p["end"])
                except (KeyError, TypeError, ValueError):
                    continue
                if s < g["end"] and g["start"] < e and same_quantity(p, g):
                    used.add(j)
                    pairs.append((p, g))
                    break
            else:
                missed.append(g)
        spurious += [p for j, p in enumerate(ps) if j not in used]
        documents.append(DocScore(doc, len(gs), len(ps), len(used)))
    return Score(documents, pairs, missed, spurious)
