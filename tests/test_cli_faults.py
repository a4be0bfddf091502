"""The command line under faults seen on real runs, each reproduced through the real command line.

A file name in no valid encoding, a FIFO or device named like a report, an output path that is a
link, a device or a FIFO, SIGTERM in the middle of a run, a symbolic link loop, and a bug that
raises for one file of a folder: none of them may end a run with a traceback, hang it, lose the
other files' records or replace what the output path was.
"""
from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings, strategies as st

import govreport
import govreport.pipeline
from govreport.cli import main
from govreport.corpus import Corpus
from govreport.failures import FailedFilesWarning

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
REPORT = "2024年工作安排：地区生产总值增长6%左右，新建5G基站500个以上。"
# 政府工作报告.txt as a Windows (GBK) system writes its name: not valid UTF-8
GBK_NAME = "政府工作报告.txt".encode("gbk")
GBK_SHOWN = "".join(f"\\x{b:02x}" for b in "政府工作报告".encode("gbk")) + ".txt"
# a generous bound for a run that must not hang; it is no claim about speed
NO_HANG = 120


def run(*args, cwd=None, umask=None, timeout=NO_HANG):
    return subprocess.run([sys.executable, "-m", "govreport", *map(os.fsdecode, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


@pytest.fixture
def gbk_folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    try:
        with open(os.path.join(os.fsencode(folder), GBK_NAME), "wb") as f:
            f.write("2023年主要目标：城镇新增就业1.5万人。".encode("gbk"))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not valid UTF-8")
    return folder


# ---------------------------------------------------------------- a file name in no valid encoding

@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_a_gbk_file_name_is_recorded_visibly_and_the_run_completes(gbk_folder, tmp_path, suffix):
    out = tmp_path / f"out.{suffix}"
    p = run("extract", gbk_folder, "-o", out)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    frame = (pd.read_json(out, lines=True) if suffix == "jsonl" else
             pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out))
    assert sorted(set(frame["doc"])) == sorted([GBK_SHOWN, "good.txt"])
    assert GBK_SHOWN in p.stdout  # the summary table names it the same way


def test_the_visible_name_gives_back_the_bytes(gbk_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("extract", gbk_folder, "-o", out, "-q").returncode == 0
    docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
    shown = next(d for d in docs if d != "good.txt")
    assert shown.encode("ascii").decode("unicode_escape").encode("latin-1") == GBK_NAME


def test_a_gbk_file_name_on_standard_output_and_in_review_and_compare(gbk_folder, tmp_path):
    p = run("extract", gbk_folder)
    assert p.returncode == 0, p.stderr
    assert {json.loads(line)["doc"] for line in p.stdout.splitlines()} == {GBK_SHOWN, "good.txt"}

    p = run("review", gbk_folder, "-o", tmp_path / "review")
    assert p.returncode == 0, p.stderr
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    assert GBK_SHOWN in index
    assert (tmp_path / "review" / (GBK_SHOWN[:-4] + ".html")).exists()

    p = run("compare", gbk_folder, "-o", tmp_path / "cmp.csv")
    assert p.returncode == 0, p.stderr


def test_corpus_from_dir_names_a_gbk_file_visibly(gbk_folder):
    corpus = Corpus.from_dir(gbk_folder)
    assert sorted(corpus.records) == sorted([GBK_SHOWN, "good.txt"])
    assert not corpus.failures


# ---------------------------------------------------------------- what is not a regular file

def test_a_fifo_or_device_named_like_a_report_in_a_folder_is_skipped_and_named(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "device.txt").symlink_to("/dev/zero")
    out = tmp_path / "out.jsonl"
    p = run("extract", folder, "-o", out)
    assert p.returncode == 0, p.stderr
    skipped = [ln for ln in p.stderr.splitlines() if ln.startswith("skipped:")]
    assert skipped == [f"skipped: {folder / 'device.txt'}: is a character device, not a regular file",
                       f"skipped: {folder / 'pipe.txt'}: is a FIFO (named pipe), not a regular file"]
    assert {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()} == {"good.txt"}

    for command in (["review", folder, "-o", tmp_path / "review"], ["compare", folder]):
        p = run(*command)
        assert p.returncode == 0, p.stderr
        assert sum(ln.startswith("skipped:") for ln in p.stderr.splitlines()) == 2


def test_corpus_from_dir_skips_a_fifo_with_a_warning(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.warns(FailedFilesWarning, match="pipe.txt .a FIFO"):
        corpus = Corpus.from_dir(tmp_path)
    assert list(corpus.records) == ["good.txt"]


def test_a_fifo_named_explicitly_is_read(tmp_path):
    """Process substitution (govreport extract <(curl …)) hands over a pipe by name."""
    p = subprocess.run(["bash", "-c", f'"{sys.executable}" -m govreport extract <(printf "%s" "$0")', REPORT],
                       capture_output=True, text=True, timeout=NO_HANG)
    assert p.returncode == 0, p.stderr
    assert [json.loads(line)["indicator"] for line in p.stdout.splitlines()] == ["地区生产总值", "新建5G基站"]


# ---------------------------------------------------------------- -o that is not a regular file

def test_output_through_a_symbolic_link_writes_its_file_and_keeps_the_link(tmp_path):
    seed = SEEDS / "002_c53812b20cb9ab4e.txt"
    target = tmp_path / "data" / "records.jsonl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    p = run("extract", seed, "-o", link, "-q")
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(target.read_text(encoding="utf-8").splitlines()) > 100
    assert sorted(os.listdir(target.parent)) == ["records.jsonl"]  # no temporary file left

    dangling = tmp_path / "next.csv"
    dangling.symlink_to(tmp_path / "made" / "next.csv")
    assert run("extract", seed, "-o", dangling, "-q").returncode == 0
    assert dangling.is_symlink() and (tmp_path / "made" / "next.csv").stat().st_size > 0


def _device_link(path: Path) -> Path:
    path.symlink_to("/dev/null")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command, name", [("extract", "out.jsonl"), ("compare", "out.csv"), ("review", "out.html")])
@pytest.mark.parametrize("make, kind", [(_device_link, "is a character device"), (_fifo, "is a FIFO")],
                         ids=["link to /dev/null", "FIFO"])
def test_output_to_a_device_or_fifo_is_refused_and_left_as_it_was(tmp_path, command, name, make, kind):
    out = make(tmp_path / name)
    before = (os.lstat(out).st_mode, os.stat(out).st_mode)
    p = run(command, SEEDS / "002_c53812b20cb9ab4e.txt", "-o", out)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith(f"govreport: {out}: {kind}") and "Traceback" not in p.stderr
    assert (os.lstat(out).st_mode, os.stat(out).st_mode) == before
    assert sorted(os.listdir(tmp_path)) == [name]  # no temporary file left


def test_output_to_dev_null_by_name_is_refused(tmp_path):
    p = run("extract", SEEDS / "002_c53812b20cb9ab4e.txt", "-o", "/dev/null", "--format", "jsonl")
    assert p.returncode == 2 and "/dev/null: is a character device" in p.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symbolic_link_loop_as_output_is_named(tmp_path):
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    p = run("extract", SEEDS / "002_c53812b20cb9ab4e.txt", "-o", tmp_path / "a.jsonl")
    assert p.returncode == 2 and "symbolic link loop" in p.stderr


# ---------------------------------------------------------------- signals

@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_run_removes_the_temporary_output(tmp_path, sig, status, jobs):
    # the run writes good.txt's records, then blocks reading a FIFO nobody writes: mid-run, surely
    # (with --jobs 2 it is a worker that blocks, and the run must not wait for it)
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "stuck.txt")
    out = tmp_path / "out" / "records.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "extract", str(tmp_path / "good.txt"),
                             str(tmp_path / "stuck.txt"), "-o", str(out), "--jobs", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        polls = 0
        while not (out.parent.exists() and any(f.endswith(".tmp") for f in os.listdir(out.parent))):
            assert proc.poll() is None, proc.communicate()
            polls += 1
            assert polls < NO_HANG * 20, "the run never opened its output"
            time.sleep(0.05)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=NO_HANG)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == status, err
    assert "Traceback" not in err
    assert os.listdir(out.parent) == []


# ---------------------------------------------------------------- symbolic link loops

def test_a_symbolic_link_loop_given_directly_says_so(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    for command in ("extract", "compare"):
        p = run(command, tmp_path / "a.txt")
        assert p.returncode == 2
        assert p.stderr.strip() == f"govreport: {tmp_path / 'a.txt'}: symbolic link loop (too many levels of symbolic links)"
    p = run("review", tmp_path / "a.txt", "-o", tmp_path / "r.html")
    assert p.returncode == 2 and "symbolic link loop" in p.stderr


def test_a_symbolic_link_loop_or_broken_link_in_a_folder_is_a_failed_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    out = tmp_path / "o.jsonl"
    p = run("extract", folder, "-o", out)
    assert p.returncode == 1
    errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {folder / 'gone.txt'}: broken symbolic link (it points to {folder / 'deleted.txt'}, "
                      "which does not exist)",
                      f"error: {folder / 'loop.txt'}: symbolic link loop (too many levels of symbolic links)"]
    assert "2 of 3 files failed" in p.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


# ---------------------------------------------------------------- a bug in one file never stops a folder

BUG = "'>' not supported between instances of 'bool' and 're.Match'"


@pytest.fixture
def buggy_extractor(monkeypatch):
    """Extraction raises TypeError for documents whose text mentions 青海省, as a bug would."""
    real = govreport.pipeline.extract

    def extract(source, *args, **kwargs):
        text = source if isinstance(source, str) else source.text
        if "青海省" in text:
            raise TypeError(BUG)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(govreport.pipeline, "extract", extract)
    monkeypatch.setattr(govreport, "extract", extract, raising=False)
    return extract


@pytest.fixture
def folder_with_a_bug(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b_qinghai.txt").write_text("青海省" + REPORT, encoding="utf-8")
    (folder / "c.txt").write_text(REPORT.replace("2024", "2025"), encoding="utf-8")
    return folder


def _internal_error_lines(err: str, folder: Path) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith("error:")]


EXPECTED_ERROR = "error: {}: internal error (TypeError: " + BUG + "); please report it"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_reports_the_file_with_a_bug_and_writes_the_rest(buggy_extractor, folder_with_a_bug, tmp_path,
                                                                 capsys, jobs):
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(folder_with_a_bug), "-o", str(out), "--jobs", jobs]) == 1
    err = capsys.readouterr().err
    assert _internal_error_lines(err, folder_with_a_bug) == [EXPECTED_ERROR.format(folder_with_a_bug / "b_qinghai.txt")]
    assert "1 of 3 files failed (1 by an internal error: please report it with the file)" in err
    docs = [json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(set(docs)) == ["a.txt", "c.txt"]


def test_extract_fail_fast_stops_at_the_bug(buggy_extractor, folder_with_a_bug, tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(folder_with_a_bug), "-o", str(out), "--fail-fast"]) == 2
    assert "internal error (TypeError" in capsys.readouterr().err
    assert not out.exists()


def test_corpus_from_dir_keeps_going_and_exposes_the_failure(buggy_extractor, folder_with_a_bug):
    with pytest.warns(FailedFilesWarning, match=r"1 of 3 files failed .*b_qinghai.txt: internal error"):
        corpus = Corpus.from_dir(folder_with_a_bug)
    assert [d.name for d in corpus] == ["a.txt", "c.txt"]
    assert [(Path(f.path).name, f.internal) for f in corpus.failures] == [("b_qinghai.txt", True)]
    assert corpus.failures[0].message == EXPECTED_ERROR.format(folder_with_a_bug / "b_qinghai.txt")[len("error: "):]
    assert set(corpus.frame()["doc"]) == {"a.txt", "c.txt"}
    with pytest.raises(govreport.GovReportError, match="b_qinghai.txt: internal error"):
        Corpus.from_dir(folder_with_a_bug, fail_fast=True)


def test_corpus_from_dir_bad_input_is_a_failure_too(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.warns(FailedFilesWarning, match="b.txt: file is empty"):
        corpus = Corpus.from_dir(tmp_path)
    assert [d.name for d in corpus] == ["a.txt"] and not corpus.failures[0].internal


def test_compare_reports_the_file_with_a_bug(buggy_extractor, folder_with_a_bug, tmp_path, capsys):
    out = tmp_path / "cmp.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the command lists the failure itself, it does not warn
        assert main(["compare", str(folder_with_a_bug), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert _internal_error_lines(err, folder_with_a_bug) == [EXPECTED_ERROR.format(folder_with_a_bug / "b_qinghai.txt")]
    assert out.exists()


def test_review_reports_the_file_with_a_bug_and_writes_the_other_pages(buggy_extractor, folder_with_a_bug,
                                                                       tmp_path, capsys):
    out = tmp_path / "review"
    assert main(["review", str(folder_with_a_bug), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert _internal_error_lines(err, folder_with_a_bug) == [EXPECTED_ERROR.format(folder_with_a_bug / "b_qinghai.txt")]
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "c.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 documents failed" in index and "b_qinghai.txt: internal error" in index


def test_eval_reports_the_document_with_a_bug_and_scores_the_rest(buggy_extractor, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(REPORT, encoding="utf-8")
    (docs / "b_qinghai.txt").write_text("青海省" + REPORT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [{"doc": d, "number": "6%", "context": "增长6%左右", "value": 6, "unit": "%", "indicator": "地区生产总值",
             "measure": "change", "direction": "up", "bound": "approx", "kind": "target", "year": 2024}
            for d in ("a.txt", "b_qinghai.txt")]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", "--gold", str(gold), "--docs", str(docs), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["gold"] == 1  # the failed document is listed, not scored
    assert _internal_error_lines(captured.err, docs) == [EXPECTED_ERROR.format(docs / "b_qinghai.txt")]


def test_a_bug_on_the_only_file_is_one_line_with_status_2(buggy_extractor, folder_with_a_bug, capsys):
    assert main(["extract", str(folder_with_a_bug / "b_qinghai.txt")]) == 2
    err = capsys.readouterr().err
    assert err == f"govreport: {folder_with_a_bug / 'b_qinghai.txt'}: internal error (TypeError: {BUG}); please report it\n"


# ---------------------------------------------------------------- the public functions behind the command line

def test_iter_paths_takes_regular_files_only_inside_folders_and_names_the_rest(tmp_path):
    from govreport.document import iter_paths

    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").symlink_to("/dev/null")
    (tmp_path / "d.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "e.txt").symlink_to(tmp_path / "missing.txt")
    found = iter_paths(tmp_path)
    assert [p.name for p in found] == ["a.txt", "d.txt", "e.txt"]  # a broken link fails when read, by name
    assert [(p.name, why) for p, why in found.skipped] == [
        ("b.txt", "is a FIFO (named pipe), not a regular file"), ("c.txt", "is a character device, not a regular file")]
    # named explicitly, a pipe is read (process substitution); a link loop is an error that says so
    assert iter_paths([tmp_path / "b.txt"]) == [tmp_path / "b.txt"]
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.raises(govreport.GovReportError, match="loop.txt: symbolic link loop"):
        iter_paths([tmp_path / "loop.txt"])


def test_load_names_a_loop_a_broken_link_and_a_socket(tmp_path):
    import socket

    from govreport.document import load

    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    with pytest.raises(govreport.GovReportError, match="loop.txt: symbolic link loop"):
        load(tmp_path / "loop.txt")
    with pytest.raises(govreport.GovReportError, match="gone.txt: broken symbolic link .it points to .*nothing.txt"):
        load(tmp_path / "gone.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
        with pytest.raises(govreport.GovReportError, match="s.txt: is a socket, not a report file"):
            load(tmp_path / "s.txt")
    finally:
        sock.close()


def test_load_gives_a_gbk_named_file_a_visible_name(gbk_folder):
    from govreport.document import load

    doc = load(gbk_folder / os.fsdecode(GBK_NAME))  # the path os.listdir and Path.iterdir give
    assert doc.name == GBK_SHOWN and doc.path == str(gbk_folder / GBK_SHOWN)


def test_a_record_writer_never_fails_on_a_name_in_no_valid_encoding(tmp_path):
    from govreport.models import Record
    from govreport.output import write_records

    name = os.fsdecode(GBK_NAME)  # what os.listdir gives for the file: lone surrogates
    rec = Record(doc=name, start=0, end=2, number="6%", indicator="地区生产总值", value=6.0, unit="%")
    for suffix in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"r.{suffix}"
        assert write_records([rec], out) == 1
        frame = (pd.read_json(out, lines=True) if suffix == "jsonl" else
                 pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out))
        assert list(frame["doc"]) == [GBK_SHOWN] and list(frame["indicator"]) == ["地区生产总值"]


def _bytes_of(shown: str) -> bytes:
    """The file name bytes a visible name stands for (the inverse of visible_name for names without a backslash)."""
    out, pos = b"", 0
    for m in re.finditer(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[ntr])", shown):
        out += shown[pos:m.start()].encode("utf-8")
        code = m.group(1)
        if code[0] == "x":
            out += bytes([int(code[1:], 16)])
        elif code[0] == "u":
            out += chr(int(code[1:], 16)).encode("utf-8", "surrogateescape")
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r"}[code]
        pos = m.end()
    return out + shown[pos:].encode("utf-8")


@settings(max_examples=300, deadline=None)
@example("政府工作报告.txt".encode("gbk"))
@example("报告\u0085\n.txt".encode("utf-8") + b"\xc2")
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\\" not in b))
def test_visible_name_is_printable_utf8_and_loses_nothing(raw):
    from govreport.document import visible_name

    shown = visible_name(os.fsdecode(raw))
    shown.encode("utf-8")  # writable by any UTF-8 writer
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in shown)  # one line, no control characters
    assert _bytes_of(shown) == raw
