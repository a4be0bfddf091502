"""Any input: extract never raises, spans hold, work stays linear; bad files fail cleanly in the CLI.

Three parts:
- hypothesis fuzzing of ``govreport.extract`` over arbitrary Unicode and over report-like
  text built from slices of the seed reports, numbers, units and the words around numbers;
- linear work on adversarial strings, counted (tests/workcount.py), never timed: the timing
  version is ``benchmarks/linear_time.py``;
- bad inputs through the real command line: one line naming the file, non-zero exit,
  no traceback, no output file left behind.
"""
from __future__ import annotations

import doctest
import math
import subprocess
import sys
from pathlib import Path

import cn2an
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govreport
import workcount
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
        # the pipeline builds records without validation (Record._trusted): they must be what
        # validation would give, field for field and in field order
        assert list(vars(r)) == list(govreport.Record.model_fields)
        assert govreport.Record.model_validate(r.model_dump(), strict=True) == r
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


def test_a_range_end_in_mixed_widths_is_read_whole():
    # 百分之一至２0: a number may change width inside (issue 13), so the range ends at 20, never at 2
    assert [(r.value, r.value_high, r.unit) for r in check_records("百分之一至２0")] == [(1.0, 20.0, "%")]


def test_the_seed_reports_pass_the_same_checks():
    assert sum(len(check_records(t)) for t in SEED_TEXTS) > 500


# ---------------------------------------------------------------- linear work

# Work is counted, not timed (tests/workcount.py: Python lines, C calls and the characters regex
# calls scan, in govreport's code), so the check means the same on a loaded machine. Each text is
# measured at k, 2k and 4k repetitions of its unit; the exponent compares the growth of the last
# step with the first, so a fixed cost per document cancels: 1 is linear, 2 quadratic. The sizes
# start beyond the widest window the rules read around a figure (600 characters), where work that
# is linear in the end grows faster.
MAX_EXPONENT = 1.15

# all 16 prefecture-level divisions of Hubei, each with its growth, and never a full stop
_CITIES = "武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市 恩施州 仙桃市 潜江市 天门市".split()
_REGIONS = "".join(f"{c}增长{4 + i % 5}.{i % 10}%；" for i, c in enumerate(_CITIES))


def _repeat(prefix: str, unit: str):
    return lambda k: prefix + unit * k


def _nested(k: int) -> str:
    return "（其中增长6%" * k + "）" * k


_ISSUE_14 = "issue 14: quadratic today; remove this mark when it is linear"
ADVERSARIAL = [
    # (name, text of k units, k, known failure)
    ("digits", _repeat("", "1"), 1000, None),
    ("dotted digits", _repeat("", "1."), 500, None),
    ("第 and digits", _repeat("第", "1"), 1000, None),
    ("full-width commas", _repeat("", "，"), 1000, None),
    ("list numbers", _repeat("", "1、"), 500, None),
    ("quotes, dashes, brackets", _repeat("", "“—（”）《"), 200, None),
    ("Chinese one", _repeat("", "一"), 1000, None),
    ("magnitudes", _repeat("", "万亿"), 500, None),
    ("Chinese numerals", _repeat("", "三百二十五万"), 200, None),
    ("number words mixed", _repeat("", "第1.5万亿元以上左右至—"), 80, None),
    ("short sentences with a figure", _repeat("", "增长6%。"), 150, None),
    ("a seed report over and over", _repeat("", min(SEED_TEXTS, key=len)), 1, None),
    # a figure every 300 characters and never a comma or full stop (a flattened table, spaces as separators)
    ("figures sharing one endless clause", _repeat("", "增长6%" + " " * 300), 6, None),
    ("a list of regions without a sentence end", _repeat("", _REGIONS), 3, None),
    ("a long line without punctuation",
     _repeat("", "全市坚持稳中求进工作总基调地区生产总值比上年增加600亿元城乡居民收入稳步提高新建学校3所"), 20, None),
    # inside one window (80 to 320 characters), so work that grows with the figures of a sentence shows;
    # at 40 characters the outline reads the whole text as a heading, a fixed cost that hides the growth
    ("figures back to back", _repeat("", "37%5%88%"), 10, None),
    ("nested brackets", _nested, 100, None),
    ("预计 and 目标 without a full stop", _repeat("", "预计地区生产总值增长6%左右，目标新增城镇就业5万人，力争固定资产投资增长8%，"), 20, None),
    ("ranges", _repeat("", "新建学校3至5所，增长6%—8%，投资10-20亿元，"), 30, None),
]


def _case_params():
    for name, make, k, known in ADVERSARIAL:
        marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
        yield pytest.param(name, id=name, marks=marks)


@pytest.fixture(scope="module")
def work_by_case() -> dict:
    """The work of extracting each adversarial text at k, 2k and 4k units, counted in one fresh interpreter."""
    texts = [[make(k * m) for m in (1, 2, 4)] for _, make, k, _ in ADVERSARIAL]
    works = workcount.measure_in_subprocess(texts)
    return {name: ([len(t) for t in ts], ws) for (name, *_), ts, ws in zip(ADVERSARIAL, texts, works)}


def test_the_work_counter_examples():
    assert doctest.testmod(workcount).failed == 0


def test_the_work_counter_sees_a_quadratic_scan():
    # one C call per search, each rescanning from the start: linear in calls, quadratic in characters
    # (only govreport's own lines and calls are counted, so here the characters are all there is)
    import re

    pattern = workcount.MeteredPattern(re.compile("x"))

    def rescan(text):
        for i in range(len(text)):
            pattern.search(text, 0, i)

    sizes = [100, 200, 400]
    works = [workcount.measure(rescan, "a" * n) for n in sizes]
    assert workcount.exponents(sizes, works) == {"total": pytest.approx(2, abs=0.05),
                                                 "regex_chars": pytest.approx(2, abs=0.05)}


@pytest.mark.parametrize("name", list(_case_params()))
def test_work_is_linear_in_the_length_of_adversarial_text(work_by_case, name):
    sizes, works = work_by_case[name]
    assert works[-1].total > works[0].total > 0, works  # the text was read at all
    growth = workcount.exponents(sizes, works)
    assert max(growth.values()) <= MAX_EXPONENT, (sizes, growth, works)


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
