"""The command line end to end: output files, formats, user errors as one line."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from govreport.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_c53812b20cb9ab4e.txt"


def run(*args):
    return subprocess.run([sys.executable, "-m", "govreport", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_extract_folder_to_jsonl_prints_summary(tmp_path):
    out = tmp_path / "indicators.jsonl"
    p = run("extract", ROOT / "seeds", "-o", out)
    assert p.returncode == 0, p.stderr
    assert "002_c53812b20cb9ab4e.txt" in p.stdout and "total" in p.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 500
    for field in ("doc", "start", "end", "value", "unit", "indicator", "measure", "direction", "bound", "kind", "year", "region"):
        assert field in rows[0]
    text = SEED.read_text(encoding="utf-8")
    for r in rows:
        if r["doc"] == SEED.name:
            assert text[r["start"]:r["end"]] == r["number"]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_extract_file_to_table(tmp_path, suffix):
    out = tmp_path / f"r.{suffix}"
    assert main(["extract", str(SEED), "-o", str(out), "-q"]) == 0
    df = pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out)
    assert len(df) > 150 and set(df["doc"]) == {SEED.name}


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["extract", str(ROOT / "seeds"), "-o", str(a), "-q"]) == 0
    assert main(["extract", str(ROOT / "seeds"), "-o", str(b), "-q", "--jobs", "2"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_missing_path_is_one_line_error(tmp_path):
    p = run("extract", tmp_path / "nope.txt", "-o", tmp_path / "x.jsonl")
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "nope.txt" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_unknown_extension_is_refused(tmp_path):
    p = run("extract", SEED, "-o", tmp_path / "x.xlsx")
    assert p.returncode == 2 and "format" in p.stderr and "Traceback" not in p.stderr


def test_folder_run_keeps_going_and_lists_failures(tmp_path):
    (tmp_path / "good.txt").write_text("2024年工作安排：地区生产总值增长6%左右。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "o.jsonl"
    p = run("extract", tmp_path, "-o", out)
    assert p.returncode == 1
    assert "empty.txt" in p.stderr and "1 of 2 files failed" in p.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_fail_fast_stops_and_writes_nothing(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("地区生产总值增长6%。", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    p = run("extract", tmp_path, "-o", out, "--fail-fast")
    assert p.returncode == 2 and "a_empty.txt" in p.stderr
    assert not out.exists()


def test_eval_command_prints_the_referee_summary(capsys):
    gold = [str(p) for p in sorted((ROOT / "tests" / "gold").glob("001*.jsonl"))]
    assert main(["eval", "--gold", *gold, "--docs", str(ROOT / "seeds"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["gold"] == 104 and summary["f1"] > 0.9


def test_compare_command_writes_the_table(tmp_path, capsys):
    out = tmp_path / "attainment.csv"
    assert main(["compare", str(ROOT / "seeds"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "咸宁市" in printed and f"to {out}" in printed
    df = pd.read_csv(out)
    gdp = df[(df["indicator_key"] == "gdp") & (df["measure"] == "change") & (df["region"] == "咸宁市")]
    assert {2021, 2022, 2023, 2024} <= set(gdp["year"])


def test_review_command_writes_pages(tmp_path, capsys):
    out = tmp_path / "review"
    assert main(["review", str(ROOT / "seeds"), "-o", str(out)]) == 0
    pages = sorted(p.name for p in out.glob("*.html"))
    assert "index.html" in pages and len(pages) == 6
