"""How ``parse_quantity`` reads an external suite of Chinese number expressions: the specs of
Microsoft Recognizers-Text (Specs/Number/Chinese/NumberModel.json, PercentModel.json,
OrdinalModel.json). Not a test, and the suite is not copied here: point the script at a checkout.

    python dev/external_numbers.py PATH/Specs/Number/Chinese/{NumberModel,PercentModel,OrdinalModel}.json [-v]

Every expected span (``Text``) is read on its own with ``parse_quantity`` and compared in our
terms: a number's value with its magnitude folded in (``value_base``) and no unit; ``X%`` as
value X unit ``%`` (``X个百分点`` keeps its own unit, ``X成`` is value X/10 unit ``成``). An input
with no expected span, and every ordinal, is a non-number: ``parse_quantity`` must give None and
``find_mentions`` nothing.

Forms a government report never writes are counted apart (``out of scope``), each with the
reason: negatives written as such, scientific and power notation, k/M suffixes, 打/双/对, 折
discounts, 半, vague 几, 兆, and numbers spelled out with spaces inside (speech transcripts).
"""
from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter, defaultdict

from govreport.mentions import find_mentions
from govreport.numerals import parse_quantity

OUT_OF_SCOPE = [  # (reason, pattern on the expected span)
    ("negative", r"^[-－负負]|分之[负負]"),
    ("exponent or power", r"[eE^]"),
    ("k/M suffix", r"[0-9０-９.]\s*[kKＫM]"),
    ("dozen or pair (打/双/对)", r"[打双雙对對]"),
    ("discount (折)", r"折"),
    ("half (半)", r"半"),
    ("vague (几)", r"[几幾]"),
    ("兆 (10^6 or 10^12)", r"兆"),
    ("spaces inside a number", r"\S\s+\S"),
]
# an input with no span that is a quantity in our terms all the same (a currency, a percentage the
# number model leaves to the percent model, a fraction the percent model leaves to the number model)
NOT_A_NON_NUMBER = re.compile(r"美元|美刀|百分|五百分之")


def scope(text: str):
    for reason, pattern in OUT_OF_SCOPE:
        if re.search(pattern, text):
            return reason
    return None


def expected(type_name: str, text: str, value: str):
    """(value, base unit) in our terms."""
    if type_name == "percentage":
        x = float(value.rstrip("%"))
        if "成" in text:
            return x / 10, "成"
        if re.search(r"[个個]\s*百\s*分\s*[点點]", text):
            return x, "个百分点"
        return x, "%"
    return float(value), ""


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def main(paths, verbose=False):
    tally = Counter()
    misses = defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        for case in spec:
            results = case.get("Results") or []
            inp = case["Input"]
            ordinal = any(r.get("TypeName") == "ordinal" for r in results)
            if not results or ordinal:
                if NOT_A_NON_NUMBER.search(inp) or "http" in inp:
                    continue
                for probe in [inp] + [r["Text"] for r in results]:
                    q = parse_quantity(probe)
                    found = find_mentions(probe)
                    ok = q is None and not found
                    tally["non-number", ok] += 1
                    if not ok:
                        misses["non-number read"].append(f"{probe!r}: {q} {[m.number for m in found]}")
                continue
            for r in results:
                text = r["Text"]
                reason = scope(text)
                group = "out of scope: " + reason if reason else "in scope"
                value, base = expected(r["TypeName"], text, r["Resolution"]["value"])
                q = parse_quantity(text)
                if q is None:
                    ok, got = False, None
                elif r["TypeName"] == "percentage":
                    got = (q.value_base, q.base_unit)
                    ok = q.base_unit == base and close(q.value_base, value)
                else:
                    got = (q.value_base, q.base_unit)
                    ok = q.base_unit == "" and close(q.value_base, value)
                tally[group, ok] += 1
                if not ok:
                    misses[group].append(f"{text!r}: expected {value} {base!r}, got {got}")
    groups = sorted({g for g, _ in tally})
    for g in groups:
        good, bad = tally[g, True], tally[g, False]
        print(f"{g:45s} {good:4d}/{good + bad:<4d} {good / (good + bad):7.1%}")
        if verbose or g in ("in scope", "non-number"):
            for line in misses.get(g if g != "non-number" else "non-number read", []):
                print("    ", line)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(args, verbose="-v" in sys.argv)
