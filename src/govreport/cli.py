"""The ``govreport`` command line.

    govreport extract seeds/ -o indicators.jsonl        # also .csv, .parquet; --format to force
    govreport eval --gold tests/gold/*.jsonl --docs seeds
    govreport compare seeds/ -o attainment.csv
    govreport review seeds/002_c53812b20cb9ab4e.txt -o review.html
    govreport outline ../shared/corpus/provincial_2026/北京市_2026.txt

User mistakes (a missing file, an unknown format) print one line on stderr and exit with status 2.
A run over several files processes every file: a file that fails, for bad input or for a bug in
govreport, is listed at the end and the exit status is 1 (``--fail-fast`` stops at the first,
status 2, as does a run on one file).

A subcommand is a registration function (its parser, built from the shared options below) and a
command function taking the parsed arguments; :data:`SUBCOMMANDS` lists the registration functions.
A new one reads::

    def register_targets(sub) -> None:
        p = _subparser(sub, "targets", "one line per target", "What the reports plan, ...", "  govreport ...\n")
        add_inputs(p)
        add_output(p, "write the targets to FILE (.csv .parquet .jsonl)")
        add_region_year(p)
        add_fail_fast(p)
        p.set_defaults(func=cmd_targets)

    def cmd_targets(args) -> int:
        files = input_files(args)            # names what folders hold besides regular files
        ...                                  # per file: failures.failure_of(path, exc) on any exception
        return report_failures(failures, len(files))

and is appended to :data:`SUBCOMMANDS`. Output goes through :mod:`govreport.output` (atomic, umask,
folders created, links written through, devices refused); messages through :func:`say`.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from .errors import GovReportError

FORMATS = ("jsonl", "csv", "parquet")


# ---------------------------------------------------------------- shared options

class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples keep their line breaks."""


def _subparser(sub, name: str, help: str, description: str, examples: str = "") -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=description,
                          epilog=("examples:\n" + examples) if examples else None,
                          formatter_class=_HelpFormatter)


def add_inputs(p: argparse.ArgumentParser, help: Optional[str] = None) -> None:
    from .document import REPORT_SUFFIXES

    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=help or f"report files ({' '.join(REPORT_SUFFIXES)}) or folders of them, searched "
                   "recursively; inside folders only regular files are read")


def add_output(p: argparse.ArgumentParser, help: str, required: bool = False) -> None:
    p.add_argument("-o", "--output", metavar="FILE", required=required,
                   help=help + "; missing folders are created, an existing file is replaced only when the "
                   "run succeeds, a symbolic link is written through to its file")


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS,
                   help="output format, overriding the extension of --output (default: from the extension; "
                   "jsonl on standard output)")


def add_bom(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bom", action="store_true",
                   help="CSV output: start with a UTF-8 byte-order mark, so Excel reads Chinese correctly")


def add_region_year(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", metavar="NAME",
                   help="the region every document speaks for, e.g. 咸宁市 (default: read from each document)")
    p.add_argument("--year", type=int, metavar="YYYY",
                   help="the reports' year, the year whose plan they state, e.g. 2024 for a report delivered in "
                   "early 2024 (default: read from each document)")


def add_sections(p: argparse.ArgumentParser) -> None:
    p.add_argument("--section", action="append", metavar="HEADING=SPEC", default=[],
                   help="say what a heading speaks for where the outline reads it wrong, e.g. "
                   "'三、一鼓作气勇争先=plan 2026' or '一、工作回顾=review 2021-2025' (a heading's text or its "
                   "start; SPEC is review|plan|estimate YYYY[-YYYY]); repeat for several headings")


def sections_of(args) -> Optional[dict]:
    """``--section`` options as the mapping extract() takes; a malformed one is a usage error."""
    from .structure import parse_section_overrides

    out = {}
    for item in getattr(args, "section", None) or []:
        heading, sep, spec = item.rpartition("=")
        if not sep or not heading.strip():
            raise GovReportError(f"--section {item!r}: write HEADING=SPEC, e.g. '二、今年工作安排=plan 2024'")
        out[heading.strip()] = spec.strip()
    parse_section_overrides(out)  # checked before any file is read
    return out or None


def add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_positive_int, default=1, metavar="N",
                   help="extract in N worker processes; the output is the same whatever N is (default: 1)")


def add_quiet(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help=f"print no {what}; errors are still printed")


def add_fail_fast(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fail-fast", action="store_true",
                   help="stop at the first file that fails, with status 2 and no output written "
                   "(default: process every file, list the failures, status 1)")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


# ---------------------------------------------------------------- shared run behaviour

def say(message: str, stream=None) -> None:
    """Print one line (stderr by default); names in no valid encoding print as \\xNN, never crash."""
    from .document import visible_name

    print(visible_name(message) if "\n" not in message else
          "\n".join(visible_name(line) for line in message.split("\n")), file=stream or sys.stderr)


def input_files(args) -> list[Path]:
    """The report files ``args.paths`` name; what folders hold besides regular files is named on stderr."""
    from .document import iter_paths, visible_name

    files = iter_paths(args.paths)
    for path, reason in files.skipped:
        say(f"skipped: {visible_name(path)}: {reason}")
    return files


def output_format(out: Optional[str], fmt: Optional[str]) -> str:
    """``--format``, else the format ``--output``'s extension names, else jsonl (standard output)."""
    if fmt:
        return fmt
    if out:
        from .output import output_format as by_suffix

        return by_suffix(out)
    return "jsonl"


def stops_at_first_failure(args, files: Sequence) -> bool:
    """``--fail-fast``, or a run on one file: its failure is the run's (status 2, nothing written)."""
    return bool(getattr(args, "fail_fast", False)) or len(files) == 1


def report_failures(failures: Sequence, total: int) -> int:
    """List the failed files on stderr; the exit status: 1 when any failed, else 0."""
    for f in failures:
        say(f"error: {f}")
    if failures:
        internal = sum(bool(getattr(f, "internal", False)) for f in failures)
        say(f"{len(failures)} of {total} files failed"
            + (f" ({internal} by an internal error: please report it with the file)" if internal else ""))
        return 1
    return 0


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so every open output drops its temporary file."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into :class:`Terminated` for the duration (main thread only)."""
    def unwind(signum, frame):
        raise Terminated(signum)

    previous = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None:
                previous[sig] = signal.signal(sig, unwind)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# ---------------------------------------------------------------- extraction, in one process or several

def _extract_one(job: tuple) -> tuple:
    """Worker: (path, region, year, sections) -> (path, record dicts or None, FileFailure or None). Never raises."""
    path, region, year, sections = job
    from .failures import failure_of
    from .pipeline import extract_file

    try:
        return path, [r.model_dump() for r in extract_file(path, region=region, year=year, sections=sections)], None
    except Exception as e:  # bad input or a bug: either way the other files' results must not be lost
        return path, None, failure_of(path, e)


# the signals that stop a run; held back while the pool forks its workers (see iter_extractions)
_STOP_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides to stop and cancels the rest
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a worker holds no output to clean up: the parent's SIGTERM handler (inherited by fork) would
    # only print a traceback when the parent stops it
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    # forked while the parent held the stop signals back: take them again (a pending SIGTERM ends
    # the worker now, quietly)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def iter_extractions(paths: Sequence, region=None, year=None, jobs: int = 1, sections=None) -> Iterator[tuple]:
    """Yield (path, record dicts, failure) per file, in input order whatever ``jobs`` is."""
    work = [(os.fspath(p), region, year, sections) for p in paths]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_extract_one, work)
        return
    pool, finished = None, False
    try:
        # A stop signal while the pool forks its workers could leave a worker the pool has not yet
        # recorded, and so never stops: it would live on, holding the run's standard output open.
        # The signals wait until every worker is forked and recorded; the finally below sees them all.
        blocked = hasattr(signal, "pthread_sigmask")
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS) if blocked else None
        try:
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
            # map() keeps input order (and queues every chunk, forking the workers, at once);
            # a small chunksize keeps memory flat on long runs
            results = pool.map(_extract_one, work, chunksize=4)
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        yield from results
        finished = True
    finally:
        if pool is not None and finished:
            pool.shutdown(wait=True)
        elif pool is not None:
            # stopped early (Ctrl-C, SIGTERM, --fail-fast): files not started are dropped and the
            # workers stopped, rather than waited for on files whose records nobody will write
            workers = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()


def _progress(iterable, total: int, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="file", file=sys.stderr)


class _StdoutJsonl:
    """JSON Lines on standard output, for piping (``govreport extract f.txt | jq``)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False

    def write(self, record: dict) -> None:
        import json

        from .document import escape_surrogates

        sys.stdout.write(escape_surrogates(json.dumps(record, ensure_ascii=False)) + "\n")


def _display_width(text: str) -> int:
    from wcwidth import wcwidth

    return sum(max(0, wcwidth(c)) for c in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to ``width`` terminal columns; a Chinese character takes two."""
    from wcwidth import wcwidth

    if _display_width(text) > width:
        out, used = [], 0
        for c in text:
            w = max(0, wcwidth(c))
            if used + w > width - 1:
                break
            out.append(c)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - _display_width(text))


def summary_table(counts: dict[str, Counter], max_name_width: int = 60) -> str:
    """A short per-document table: records by kind, columns aligned whatever script the names use.

    The name column is as wide as the longest name (in terminal columns, a Chinese character
    taking two), up to ``max_name_width``; longer names are cut with an ellipsis."""
    name_width = min(max([_display_width(n) for n in counts] + [len("document")]), max_name_width)
    def line(name, c: Counter) -> str:
        return (f"{_fit(name, name_width)} {sum(c.values()):7d} {c['target']:7d} {c['actual']:7d} "
                f"{c['estimate']:8d}")

    rows = [f"{_fit('document', name_width)} {'records':>7} {'target':>7} {'actual':>7} {'estimate':>8}"]
    total: Counter = Counter()
    for doc, c in counts.items():
        rows.append(line(doc, c))
        total.update(c)
    rows.append(line("total", total))
    return "\n".join(rows)


# ---------------------------------------------------------------- extract

def register_extract(sub) -> None:
    p = _subparser(sub, "extract", "extract records from report files or folders",
                   "Find every quantified target and result in the reports and write one record per figure.",
                   "  govreport extract seeds/ -o indicators.jsonl\n"
                   "  govreport extract report.txt | jq .\n"
                   "  govreport extract reports/ -o out/all.parquet --jobs 4 --region 咸宁市\n")
    add_inputs(p)
    add_output(p, "write the records to FILE, in the format its extension names (.jsonl .json .ndjson .csv "
               ".parquet .pq) (default: JSON Lines on standard output)")
    add_format(p)
    add_region_year(p)
    add_sections(p)
    add_jobs(p)
    add_fail_fast(p)
    add_bom(p)
    add_quiet(p, "summary table and no progress bar")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args) -> int:
    from .document import visible_name
    from .output import RecordWriter

    fmt = output_format(args.output, args.format)
    if fmt != "jsonl" and not args.output:
        raise GovReportError(f"{fmt} output needs a file: add -o FILE.{fmt}")
    sections = sections_of(args)
    paths = input_files(args)
    stop_early = stops_at_first_failure(args, paths)
    failures, counts = [], {}
    show_progress = not args.quiet and sys.stderr.isatty() and len(paths) > 1
    extractions = iter_extractions(paths, args.region, args.year, args.jobs, sections)
    # Parquet row groups of 2,000 records keep a corpus run's memory flat and small
    writer_cm = (RecordWriter(args.output, format=fmt, bom=args.bom, row_group_size=2000) if args.output
                 else _StdoutJsonl())
    # on any way out, the output's temporary file goes first, then the workers
    with closing(extractions), writer_cm as writer:
        for path, records, failure in _progress(extractions, len(paths), show_progress):
            if failure:
                if stop_early:  # the run's error: leave no output
                    raise GovReportError(failure.message)
                failures.append(failure)
                continue
            c = counts.setdefault(visible_name(Path(path).name), Counter())
            for rec in records:
                writer.write(rec)
                c[rec["kind"]] += 1
    if not args.quiet:
        stream = sys.stdout if args.output else sys.stderr
        say(summary_table(counts), stream)
        if args.output:
            say(f"wrote {sum(sum(c.values()) for c in counts.values())} records to {args.output}", stream)
    return report_failures(failures, len(paths))


# ---------------------------------------------------------------- eval

def register_eval(sub) -> None:
    p = _subparser(sub, "eval", "score extraction against gold annotations (GUIDELINE.md format)",
                   "Extract the documents the gold annotations name and score the records with the referee's "
                   "rules:\nmention precision, recall and F1, strict F1 and the accuracy of each attribute.",
                   "  govreport eval --gold tests/gold/*.jsonl --docs seeds --misses 20\n"
                   "  govreport eval --gold tests/gold/*.jsonl --docs seeds --predictions indicators.jsonl\n")
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE",
                   help="gold annotation files, JSON Lines in the GUIDELINE.md format")
    p.add_argument("--docs", required=True, metavar="FOLDER",
                   help="the folder holding the documents the gold records name (by file name)")
    p.add_argument("--predictions", metavar="FILE",
                   help="score the records in this JSON Lines file instead of extracting the documents now")
    p.add_argument("--misses", type=int, default=0, metavar="N",
                   help="also list up to N missed gold figures, spurious records and wrong attributes (default: 0)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object instead of a table")
    add_jobs(p)
    add_fail_fast(p)
    p.set_defaults(func=cmd_eval)


def cmd_eval(args) -> int:
    from .evaluate import load_gold, read_jsonl, score

    failures: list = []
    gold = load_gold(args.gold, args.docs, failures=None if args.fail_fast else failures)
    names = sorted({g["doc"] for g in gold})
    if args.predictions:
        preds = read_jsonl(args.predictions)
    else:
        preds = []
        extractions = iter_extractions([Path(args.docs) / n for n in names], jobs=args.jobs)
        with closing(extractions):
            for _, records, failure in extractions:
                if failure:
                    if args.fail_fast:
                        raise GovReportError(failure.message)
                    failures.append(failure)
                else:
                    preds += records
    # a document that failed is listed, not scored: its gold would count as missed figures
    failed = {Path(f.path).name for f in failures}
    result = score(preds, [g for g in gold if g["doc"] not in failed])
    if args.json:
        import json

        say(json.dumps(result.summary(), ensure_ascii=False), sys.stdout)
    else:
        say(result.report(misses=args.misses), sys.stdout)
    if failures:
        say(f"not scored: {len(failures)} documents that failed")
    return report_failures(failures, len(names) + len(failed - set(names)))


# ---------------------------------------------------------------- compare

def register_compare(sub) -> None:
    p = _subparser(sub, "compare", "planned versus achieved, per region, indicator and year",
                   "Extract the reports and line up each year's targets with the results reported for that "
                   "year:\nmet or missed, the gap, and whether the next target was raised.",
                   "  govreport compare seeds/ -o attainment.csv\n"
                   "  govreport compare reports/ -o out/attainment.parquet --region 咸宁市\n")
    add_inputs(p)
    add_output(p, "also write the whole comparison to FILE (.csv .parquet .jsonl)")
    add_format(p)
    add_region_year(p)
    add_fail_fast(p)
    add_bom(p)
    add_quiet(p, "table (write --output only)")
    p.set_defaults(func=cmd_compare)


def cmd_compare(args) -> int:
    from .comparison import compare, summary_table as compare_table
    from .corpus import Corpus
    from .failures import FailedFilesWarning
    from .output import write_frame

    if args.output:
        output_format(args.output, args.format)  # an unknown extension is refused before the work
    files = input_files(args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FailedFilesWarning)  # listed below, one line per file
        corpus = Corpus.from_paths(files, region=args.region, year=args.year,
                                   fail_fast=stops_at_first_failure(args, files))
    if corpus.documents:
        cmp = compare(corpus.frame())
        if args.output:
            write_frame(cmp, args.output, bom=args.bom, format=args.format)
        if not args.quiet:
            say(compare_table(cmp), sys.stdout)
            if args.output:
                say(f"wrote {len(cmp)} rows to {args.output}", sys.stdout)
    return report_failures(corpus.failures, len(files))


# ---------------------------------------------------------------- targets

def register_targets(sub) -> None:
    p = _subparser(sub, "targets", "one year's targets (or results): a row per region, a column per indicator",
                   "Extract the reports and spread one year's targets wide, one row per issuing government\n"
                   "(the documents' regions), each indicator as written (5%左右) with its numbers. --year is\n"
                   "the year of the plans tabulated (default: the latest report's); each document's own year\n"
                   "is still read from it, so a folder of many years gives the targets set for that one.",
                   "  govreport targets reports/ --year 2026 -o targets.csv\n"
                   "  govreport targets reports/ --year 2025 --results --indicators gdp,cpi,urban_jobs\n")
    add_inputs(p)
    add_region_year(p)
    add_output(p, "also write the table to FILE (.csv .parquet .jsonl)")
    add_format(p)
    p.add_argument("--indicators", metavar="KEYS", help="comma-separated catalogue keys or names "
                   "(default: every indicator targeted that year)")
    p.add_argument("--results", action="store_true", help="the year's results (and whether targets were met)")
    p.add_argument("--labels", choices=("key", "zh", "en"), default="key", help="column names (default: key)")
    p.add_argument("--all-regions", action="store_true", help="every region named, not only the documents' own")
    add_fail_fast(p)
    add_bom(p)
    add_quiet(p, "table (write --output only)")
    p.set_defaults(func=cmd_targets)


def cmd_targets(args) -> int:
    from .corpus import Corpus
    from .failures import FailedFilesWarning
    from .panels import table_command

    if args.output:
        output_format(args.output, args.format)
    files = input_files(args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FailedFilesWarning)  # listed below, one line per file
        corpus = Corpus.from_paths(files, region=args.region, fail_fast=stops_at_first_failure(args, files))
    if corpus.documents:
        text = table_command(corpus, args.year, args.output, args.indicators, args.results, args.labels, args.bom,
                             args.all_regions, args.format)
        if not args.quiet:
            say(text, sys.stdout)
    return report_failures(corpus.failures, len(files))


# ---------------------------------------------------------------- review

def register_review(sub) -> None:
    p = _subparser(sub, "review", "an HTML page per document with every extraction highlighted",
                   "Write self-contained HTML pages (no network; they open from disk): the document with each "
                   "figure\nhighlighted, beside a table of the records that sorts, filters and scrolls to a "
                   "figure.",
                   "  govreport review seeds/002_c53812b20cb9ab4e.txt -o review.html\n"
                   "  govreport review seeds/ -o review/\n"
                   "  govreport review seeds/ -o review/ --gold tests/gold/*.jsonl\n")
    add_inputs(p)
    add_output(p, "an .html file (one document) or a folder, which gets a page per document and "
               "index.html", required=True)
    p.add_argument("--gold", nargs="+", metavar="FILE",
                   help="gold annotations (GUIDELINE.md JSON Lines): mark missed figures and spurious records")
    add_region_year(p)
    add_fail_fast(p)
    add_quiet(p, "list of the pages written")
    p.set_defaults(func=cmd_review)


def cmd_review(args) -> int:
    from .html_review import write_review

    files = input_files(args)
    written = write_review(files, args.output, gold_paths=args.gold, region=args.region, year=args.year,
                           fail_fast=stops_at_first_failure(args, files))
    if not args.quiet:
        for p in written:
            say(str(p), sys.stdout)
    return report_failures(written.failures, len(files))


# ---------------------------------------------------------------- outline

def register_outline(sub) -> None:
    p = _subparser(sub, "outline", "the structure read from each document: sections, periods, moods",
                   "Print each document's outline as an indented tree: its articles (a news page may hold "
                   "several),\nwho issued each and the report's year, then every section or sentence block "
                   "that speaks for a\nperiod, with its mood (review, plan, estimate) and period. With "
                   "--rules, why each was decided.\nThe kind and year of every figure are read from the "
                   "innermost of these.",
                   "  govreport outline seeds/002_c53812b20cb9ab4e.txt\n"
                   "  govreport outline ../shared/corpus/provincial_2026/ --rules\n"
                   "  govreport outline report.txt --json > outline.json\n")
    add_inputs(p)
    p.add_argument("--rules", action="store_true", help="show the evidence each decision rests on")
    p.add_argument("--json", action="store_true", help="print the outline as JSON (one object per document)")
    add_region_year(p)
    add_sections(p)
    add_fail_fast(p)
    p.set_defaults(func=cmd_outline)


def cmd_outline(args) -> int:
    from .document import load, visible_name
    from .failures import failure_of
    from .structure import build_outline

    sections = sections_of(args)
    files = input_files(args)
    failures = []
    for path in files:
        try:
            doc = load(path, region=args.region, year=args.year)
            o = build_outline(doc.text, name=doc.name, region=doc.region, year=doc.year, sections=sections)
        except Exception as e:  # a bug in one file never stops the others: it is listed
            failure = failure_of(path, e)
            if stops_at_first_failure(args, files):
                raise GovReportError(str(failure)) from None
            failures.append(failure)
            continue
        if args.json:
            say(o.model_dump_json(), sys.stdout)
        else:
            if len(files) > 1:
                say(f"== {visible_name(str(path))}", sys.stdout)
            say(o.tree(rules=args.rules), sys.stdout)
    return report_failures(failures, len(files))


# ---------------------------------------------------------------- the parser

#: The registration functions of the subcommands, in the order ``--help`` lists them.
SUBCOMMANDS: list[Callable] = [register_extract, register_outline, register_eval, register_compare, register_targets,
                               register_review]


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    ap = argparse.ArgumentParser(
        prog="govreport", formatter_class=_HelpFormatter,
        description="Quantified targets and results from Chinese government work reports (政府工作报告).",
        epilog="Run 'govreport COMMAND --help' for a command's options.\n"
               "Exit status: 0 done, 1 some files failed (listed on stderr), 2 a usage or input error, "
               "130/143 interrupted.")
    ap.add_argument("--version", action="version", version=f"govreport {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in SUBCOMMANDS:
        register(sub)
    return ap


#: exit statuses of a run stopped by a signal (SIGHUP, SIGINT, SIGTERM)
STOPPED = (128 + 1, 128 + 2, 128 + 15)


def run() -> None:
    """The ``govreport`` program: :func:`main`, then the exit. A run stopped by a signal has already
    removed its temporary output; it exits at once, because the interpreter's own exit would wait
    for the process pool's threads, which a stopped worker can keep waiting for ever."""
    status = main()
    if status in STOPPED:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)
    raise SystemExit(status)


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    with _signals_unwind():
        try:
            return args.func(args)
        except GovReportError as e:
            say(f"govreport: {e}")
            return 2
        except KeyboardInterrupt:
            say("govreport: interrupted")
            return 130
        except Terminated as e:
            say(f"govreport: stopped by {signal.Signals(e.signum).name}")
            return 128 + e.signum
        except BrokenPipeError:
            return 0
