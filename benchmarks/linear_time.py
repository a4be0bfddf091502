"""Time against text length on adversarial strings: how many times longer 10x the text takes.

    python benchmarks/linear_time.py            # every input, 10x step from its small size
    python benchmarks/linear_time.py digits     # the inputs whose name contains "digits"

The test suite checks the same growth by counting work (tests/test_robustness.py,
tests/workcount.py), which a loaded machine cannot disturb; this script gives the wall-clock
picture at sizes the counting cannot afford (up to 1 MB). Linear code gives a ratio near 10,
quadratic code near 100. Each extraction runs in a child process, stopped once it has taken
longer than a ratio of 40 would need. Also times the number pattern alone on long runs of
numeral characters (a backtracking regex would show here and nowhere else).
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = min((p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")), key=len)
CITIES = "武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市 恩施州 仙桃市 潜江市 天门市".split()

INPUTS = [
    # (name, prefix, repeated unit, small size in characters: the big text is 10x)
    ("digits", "", "1", 100_000),
    ("dotted digits", "", "1.", 100_000),
    ("第 and digits", "第", "1", 100_000),
    ("full-width commas", "", "，", 100_000),
    ("list numbers", "", "1、", 100_000),
    ("quotes, dashes, brackets", "", "“—（”）《", 100_000),
    ("Chinese one", "", "一", 30_000),
    ("magnitudes", "", "万亿", 30_000),
    ("Chinese numerals", "", "三百二十五万", 30_000),
    ("number words mixed", "", "第1.5万亿元以上左右至—", 30_000),
    ("short sentences with a figure", "", "增长6%。", 10_000),
    ("a seed report over and over", "", SEED, 30_000),
    ("figures sharing one endless clause", "", "增长6%" + " " * 300, 20_000),
    ("a list of regions without a sentence end", "",
     "".join(f"{c}增长{4 + i % 5}.{i % 10}%；" for i, c in enumerate(CITIES)), 10_000),
    ("a long line without punctuation", "", "全市坚持稳中求进工作总基调地区生产总值比上年增加600亿元城乡居民收入稳步提高新建学校3所", 10_000),
    ("figures back to back", "", "37%5%88%", 1_000),
    ("预计 and 目标 without a full stop", "", "预计地区生产总值增长6%左右，目标新增城镇就业5万人，力争固定资产投资增长8%，", 10_000),
    ("ranges", "", "新建学校3至5所，增长6%—8%，投资10-20亿元，", 10_000),
]
GIVE_UP_RATIO = 40

_TIMER = """
import json, sys, time
import govreport
spec = json.load(sys.stdin)
govreport.extract("2024年增长6%。")  # word lists and patterns loaded before timing
body = spec["unit"] * (spec["n"] // len(spec["unit"]) + 1)
text = (spec["prefix"] + body)[:spec["n"]]
for _ in range(spec["repeat"]):
    t = time.perf_counter()
    govreport.extract(text)
    print(time.perf_counter() - t, flush=True)
"""


def seconds(prefix: str, unit: str, n: int, repeat: int = 1, timeout: float = 600) -> float:
    """Best of ``repeat`` extraction times of ``prefix + unit * k`` cut to ``n`` characters; inf past ``timeout``."""
    spec = json.dumps({"prefix": prefix, "unit": unit, "n": n, "repeat": repeat})
    try:
        p = subprocess.run([sys.executable, "-c", _TIMER], input=spec, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return math.inf
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return min(map(float, p.stdout.split()))


def number_pattern_runs() -> None:
    import regex

    from govreport.numerals import NUMBER_PATTERN, unit_pattern

    number = regex.compile(NUMBER_PATTERN)
    mention = regex.compile(f"({NUMBER_PATTERN})({unit_pattern()})")
    for run in ["一十", "1,234", "零", "二〇", "十百千万亿", "一二三四", "12345", "１，２３４", "百分之一点",
                "九九九九个", "3万", "千米"]:
        text = run * (120_000 // len(run))
        t = time.perf_counter()
        sum(1 for _ in mention.finditer(text))
        sum(1 for _ in number.finditer(text))
        print(f"number pattern on {len(text):,} characters of {run!r}: {time.perf_counter() - t:.3f} s")


def main(argv: list[str]) -> None:
    wanted = [a for a in argv if not a.startswith("-")]
    for name, prefix, unit, small in INPUTS:
        if wanted and not any(w in name for w in wanted):
            continue
        t_small = seconds(prefix, unit, small, repeat=3)
        t_big = seconds(prefix, unit, 10 * small, timeout=GIVE_UP_RATIO * t_small + 5)
        print(f"{name:45} {small:>8,} chars {t_small:8.3f} s   10x: {t_big:8.3f} s   ratio {t_big / t_small:6.1f}",
              flush=True)
    if not wanted:
        number_pattern_runs()


if __name__ == "__main__":
    main(sys.argv[1:])
