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


# ---------------------------------------------------------------- help, version, the same behaviour everywhere

def _subcommand_parsers():
    import argparse

    from govreport.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, sub.choices


def test_version():
    import govreport

    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"govreport {govreport.__version__}"


def test_every_argument_of_every_subcommand_has_help():
    parser, commands = _subcommand_parsers()
    assert {"extract", "eval", "compare", "review"} <= set(commands)
    missing = [f"{name} {a.dest}" for name, p in commands.items() for a in p._actions
               if not (a.help and a.help.strip())]
    assert missing == []
    for name, p in commands.items():
        assert p.description and p.format_help().count("\n") > 5, name


@pytest.mark.parametrize("command", ["extract", "eval", "compare", "review"])
def test_help_of_each_subcommand_prints(command):
    p = run(command, "--help")
    assert p.returncode == 0 and p.stdout.startswith(f"usage: govreport {command}")


def test_shared_options_mean_the_same_in_every_subcommand():
    _, commands = _subcommand_parsers()
    helps: dict = {}
    for name, p in commands.items():
        for a in p._actions:
            for flag in a.option_strings:
                helps.setdefault(flag, {})[name] = a.help
    for flag in ("--region", "--year", "--fail-fast", "--format", "--bom", "--jobs"):
        assert len(set(helps[flag].values())) == 1, (flag, helps[flag])
    for name in ("extract", "compare", "review"):
        assert {"--region", "--year", "--fail-fast", "--output", "--quiet"} <= set(
            f for f, by in helps.items() if name in by), name


@pytest.mark.parametrize("command, out", [("extract", "out/sub/x.csv"), ("compare", "out/sub/x.csv"),
                                          ("review", "out/sub/x.html"), ("review", "out/sub/pages")])
def test_missing_output_folders_are_created(tmp_path, command, out):
    p = run(command, SEED, "-o", tmp_path / out, "-q")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / out).exists()


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_every_output_file_follows_the_umask(tmp_path, umask):
    import os
    import stat

    outs = {"extract": tmp_path / "x.jsonl", "compare": tmp_path / "c.csv", "review": tmp_path / "r.html"}
    for command, out in outs.items():
        p = subprocess.run([sys.executable, "-m", "govreport", command, str(SEED), "-o", str(out), "-q"],
                           capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(umask))
        assert p.returncode == 0, p.stderr
    pages = tmp_path / "pages"
    p = subprocess.run([sys.executable, "-m", "govreport", "review", str(ROOT / "seeds"), "-o", str(pages), "-q"],
                       capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(umask))
    assert p.returncode == 0, p.stderr
    files = list(outs.values()) + sorted(pages.iterdir())
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o666 & ~umask for f in files}


def test_summary_table_aligns_chinese_file_names():
    from collections import Counter

    from govreport.cli import summary_table
    from wcwidth import wcswidth

    table = summary_table({"咸宁市2024年政府工作报告.txt": Counter(target=3, actual=4),
                           "report.txt": Counter(actual=1),
                           "湖北省人民政府关于印发湖北省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知.htm":
                               Counter(estimate=2)})
    lines = table.splitlines()
    assert len({wcswidth(line) for line in lines}) == 1, table
    # every number column ends at the same terminal column as its heading
    heading = lines[0]
    for word in ("records", "target", "actual", "estimate"):
        end = wcswidth(heading[:heading.index(word) + len(word)])
        for line in lines[1:]:
            assert _cut_at(line, end)[-1].isdigit(), (word, line)
    assert "…" in lines[3] and lines[3].startswith("湖北省")
    assert lines[-1].split() == ["total", "10", "3", "5", "2"]


def _cut_at(line: str, columns: int) -> str:
    from wcwidth import wcwidth

    out, used = "", 0
    for c in line:
        if used >= columns:
            break
        out += c
        used += wcwidth(c)
    return out


def test_the_readme_first_commands_leave_nothing_untracked():
    import shutil

    if shutil.which("git") is None or subprocess.run(["git", "-C", str(ROOT), "rev-parse"],
                                                     capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    names = ["indicators.jsonl", "review.html", "review/index.html", "attainment.csv", "all.parquet", "out/x.csv"]
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", *names], capture_output=True, text=True)
    assert ignored.stdout.split() == names
