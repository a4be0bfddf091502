"""Any input: extract never raises, spans hold, time stays linear; bad files fail cleanly in the CLI.

Three parts:
- hypothesis fuzzing of ``govreport.extract`` over arbitrary Unicode and over report-like
  text built from slices of the seed reports, numbers, units and the words around numbers;
- linear time on adversarial strings: 10x the text may take at most ~25x the time
  (generous, so a loaded machine does not make it flaky; quadratic behaviour gives ~100x);
- bad inputs through the real command line: one line naming the file, non-zero exit,
  no traceback, no output file left behind.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import cn2an
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govreport
from govreport import segment
from govreport.document import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
SEED_PATHS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEED_PATHS]

# characters a written number can consist of besides digits (两 and 半 have no Unicode numeric value)
_NUMBER_WORDS = set("两半")
# an ASCII digit next to a full-width one: see test_a_mixed_width_range_end_is_read_whole


def check_records(text: str) -> list:
    """Extract and check every record against ``text``; return the records."""
    records = govreport.extract(text)
    for r in records:
        assert 0 <= r.start < r.end <= len(text), (r.start, r.end, len(text))
        assert text[r.start:r.end] == r.number
        assert any(c.isnumeric() or c in _NUMBER_WORDS for c in r.number), r.number
        # a span never starts or ends inside a run of digits
        assert not (r.start > 0 and text[r.start - 1].isdigit() and text[r.start].isdigit()), r
        assert not (r.end < len(text) and text[r.end - 1].isdigit() and text[r.end].isdigit()), r
        assert math.isfinite(r.value) and (r.value_high is None or math.isfinite(r.value_high))
    return records


# ---------------------------------------------------------------- fuzzing

@st.composite
def seed_slices(draw, max_len: int = 80) -> str:
    text = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, len(text) - 1))
    return text[start:start + draw(st.integers(1, max_len))]


NUMBERS = st.one_of(
    st.integers(0, 10**13).map(str),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(0, 10**12).map(lambda n: cn2an.an2cn(n)),
    st.integers(1, 999).map(lambda n: "百分之" + cn2an.an2cn(n)),
    st.text(alphabet="0123456789.．,，０１２３４５６７８９-—", min_size=1, max_size=14),
    st.text(alphabet="零〇一二三四五六七八九十百千万亿两半几余多", min_size=1, max_size=8),
)

# units, the words around numbers, punctuation and quotes reports use
WORDS = st.sampled_from([
    "%", "％", "‰", "个百分点", "亿元", "万元", "元", "万人", "人", "个", "家", "项", "万吨", "吨", "公里",
    "平方公里", "万平方米", "亩", "万亩", "倍", "年", "月", "日", "岁", "户", "台", "次", "位", "名",
    "第", "以上", "以下", "左右", "至", "到", "—", "——", "－", "~", "～", "-", "+", "约", "近", "超过", "突破",
    "达到", "增长", "下降", "提高", "比上年", "同比", "累计", "分别", "其中", "完成", "今年", "2024年", "十四五",
    "，", "。", "、", "；", "：", "！", "？", "（", "）", "(", ")", "“", "”", "‘", "’", "《", "》", "【", "】",
    "\"", "'", ".", "..", "·", " ", "\u3000", "\t", "\n", "\r\n", "\ufeff", "\u200b", "\u2028",
])

REPORT_LIKE = st.lists(st.one_of(seed_slices(), NUMBERS, WORDS, WORDS), min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORT_LIKE)
@example("")
@example("6%")
@example("第1")
@example("增长6%左右至8%以上")
@example("1至2万亿元—3万")
@example("百分之")
@example("“12%”")
def test_report_like_text_never_raises_and_spans_hold(text):
    check_records(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
@example("\ud800增长6%\udfff")  # lone surrogates: a str may hold them even if no file can
@example("\x00\x01增长6%")
@example("\U0001f600增长6%，ℵ₀٣٤%")
def test_arbitrary_unicode_never_raises_and_spans_hold(text):
    check_records(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("0123456789０１２３４５６７８９.．,，、。%％零一二三四五六七八九十百千万亿两第至余多以上左右—-")), max_size=200))
def test_number_soup_never_raises_and_spans_hold(text):
    check_records(text)


def test_a_range_end_cut_inside_a_digit_run_is_no_record():
    # 百分之一至２0: the digits change width, so no token covers ２0 whole; better no record than 2
    assert check_records("百分之一至２0") == []


def test_the_seed_reports_pass_the_same_checks():
    assert sum(len(check_records(t)) for t in SEED_TEXTS) > 500


# ---------------------------------------------------------------- linear time

# A child process times one extraction, so a run that has gone quadratic can be stopped once
# it has already taken longer than the test allows (a 1 MB quadratic run takes minutes to hours).
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
MAX_RATIO = 25  # for 10x the text; linear code stays near 10, quadratic code reaches ~100


def _seconds(prefix: str, unit: str, n: int, repeat: int = 1, timeout: float = 300) -> float:
    """Best of ``repeat`` extraction times of ``prefix + unit * k`` cut to ``n`` characters; inf if over ``timeout``."""
    spec = json.dumps({"prefix": prefix, "unit": unit, "n": n, "repeat": repeat})
    try:
        p = subprocess.run([sys.executable, "-c", _TIMER], input=spec, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return math.inf
    assert p.returncode == 0, p.stderr
    return min(map(float, p.stdout.split()))


def _ratio(prefix: str, unit: str, small: int) -> float:
    t_small = _seconds(prefix, unit, small, repeat=3)
    # past this the ratio is already over the limit: no need to wait for the end
    budget = 1.5 * MAX_RATIO * t_small + 2
    return _seconds(prefix, unit, 10 * small, timeout=budget) / t_small


ADVERSARIAL = [
    # (name, prefix, repeated unit, small size in characters: the big text is 10x;
    #  Han-heavy text is slower per character, so its sizes are smaller)
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
    ("a seed report over and over", "", SEED_TEXTS[-1], 30_000),
]


@pytest.mark.parametrize("prefix,unit,small", [a[1:] for a in ADVERSARIAL], ids=[a[0] for a in ADVERSARIAL])
def test_time_is_linear_in_the_length_of_adversarial_text(prefix, unit, small):
    assert _ratio(prefix, unit, small) < MAX_RATIO


def test_time_is_linear_when_figures_share_one_endless_clause():
    # a figure every 300 characters and never a comma or full stop (a flattened table, spaces as separators)
    assert _ratio("", "增长6%" + " " * 300, 20_000) < MAX_RATIO


# ---------------------------------------------------------------- bad input through the CLI

def _cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govreport", *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _sparse_file(folder: Path, name: str, size: int) -> Path:
    # the size limit is checked from the file's size before reading: a sparse file costs no disk
    path = folder / name
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def _folder_without_reports(folder: Path) -> Path:
    reports = folder / "reports"
    reports.mkdir()
    _file(reports, "scan.png", b"\x89PNG\r\n")
    return reports


BAD_INPUTS = [
    # (name, how to make it in tmp_path, what the error says)
    ("empty file", lambda d: _file(d, "empty.txt", b""), "empty"),
    ("whitespace only", lambda d: _file(d, "blank.txt", b" \r\n\t\n"), "empty"),
    ("binary file", lambda d: _file(d, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "binary"),
    ("random bytes", lambda d: _file(d, "noise.txt", bytes((i * 7919 + 13) % 251 for i in range(8192))), "binary"),
    ("folder with no reports", _folder_without_reports, "no report files"),
    ("path that does not exist", lambda d: d / "missing.txt", "no such file"),
    ("file above the size limit", lambda d: _sparse_file(d, "huge.txt", DEFAULT_MAX_BYTES + 1), "larger than the limit"),
]


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
@pytest.mark.parametrize("make,cause", [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_naming_the_file_and_leaves_no_output(tmp_path, make, cause, suffix):
    path = make(tmp_path)
    out = tmp_path / f"out.{suffix}"
    p = _cli("extract", path, "-o", out)
    assert p.returncode != 0
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout
    lines = p.stderr.splitlines()
    assert len(lines) == 1, p.stderr
    assert path.name in lines[0] and cause in lines[0], lines[0]
    assert not out.exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".out")]  # no temporary file either


def test_a_failed_run_keeps_the_previous_output(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    p = _cli("extract", tmp_path / "empty.txt", "-o", out)
    assert p.returncode != 0
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_a_bad_file_in_a_folder_is_listed_and_the_rest_is_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text("2024年工作安排：地区生产总值增长6%左右。", encoding="utf-8")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "c_empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    p = _cli("extract", folder, "-o", out, "--jobs", "2")
    assert p.returncode == 1 and "Traceback" not in p.stderr
    errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert [e.split("error: ", 1)[1].split(":")[0].endswith(n) for e, n in
            zip(errors, ["b_binary.txt", "c_empty.txt"])] == [True, True]
    assert "2 of 3 files failed" in p.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_a_record_quotes_at_most_a_window_of_an_endless_sentence():
    # a flattened table: thousands of figures and no sentence end; each record quotes its neighbourhood
    text = ("增长6%" + " " * 50) * 400
    recs = govreport.extract(text)
    assert len(recs) == 400
    for r in recs:
        assert r.number in r.sentence
        assert len(r.sentence) <= 2 * segment.MAX_QUOTE
