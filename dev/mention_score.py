"""Mention-level score of the mention finder alone (no indicator/context), with misses."""
import glob, sys
from govreport.evaluate import load_gold, score
from govreport.document import load
from govreport.mentions import find_mentions

gold = load_gold(sorted(glob.glob("tests/gold/*.jsonl")), "seeds")
preds = []
for name in sorted({g["doc"] for g in gold}):
    text = load("seeds/" + name).text
    for m in find_mentions(text):
        preds.append({"doc": name, "start": m.start, "end": m.end, "value": m.value, "unit": m.unit,
                      "measure": m.measure, "direction": m.direction, "bound": m.bound,
                      "indicator": "x", "kind": "x", "year": 0, "region": "x"})
res = score(preds, gold)
print(res.report(misses=int(sys.argv[1]) if len(sys.argv) > 1 else 0))
