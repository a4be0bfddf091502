"""The ``govreport`` command line.

    govreport extract seeds/ -o indicators.jsonl        # also .csv, .parquet; --format to force
    govreport eval --gold tests/gold/*.jsonl --docs seeds
    govreport compare seeds/ -o attainment.csv
    govreport review seeds/002_c53812b20cb9ab4e.txt -o review.html

User mistakes (a missing file, an unknown format) print one line on stderr and
exit with status 2; a folder run reports per-file errors at the end and exits 1
if any file failed.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, Optional

from .errors import GovReportError

FORMATS = ("jsonl", "csv", "parquet")


def _extract_one(job: tuple) -> tuple[str, Optional[list[dict]], Optional[str]]:
    """Worker: (path, region, year) -> (path, record dicts or None, error or None). Never raises."""
    path, region, year = job
    from .pipeline import extract_file

    try:
        return path, [r.model_dump() for r in extract_file(path, region=region, year=year)], None
    except GovReportError as e:
        return path, None, str(e)
    except Exception as e:  # a bug must not lose the other files' results; it is reported per file
        return path, None, f"{path}: internal error: {type(e).__name__}: {e}"


def iter_extractions(paths: list[Path], region=None, year=None, jobs: int = 1) -> Iterator[tuple]:
    """Yield (path, records, error) per file, in input order whatever ``jobs`` is."""
    work = [(str(p), region, year) for p in paths]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_extract_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # map() keeps input order; a small chunksize keeps memory flat on long runs
        yield from pool.map(_extract_one, work, chunksize=4)


def _progress(iterable, total: int, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="file", file=sys.stderr)


def _output_format(out: Optional[str], fmt: Optional[str]) -> str:
    if fmt:
        return fmt
    if out:
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix in ("jsonl", "json", "ndjson"):
            return "jsonl"
        if suffix in ("csv", "parquet"):
            return suffix
        if suffix == "pq":
            return "parquet"
        raise GovReportError(f"{out}: cannot tell the output format from the extension; use --format {{{','.join(FORMATS)}}}")
    return "jsonl"


class _StdoutJsonl:
    """JSON Lines on standard output, for piping (``govreport extract f.txt | jq``)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False

    def write(self, record: dict) -> None:
        import json

        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def summary_table(counts: dict[str, Counter]) -> str:
    """A short per-document table: records by kind."""
    rows = [f"{'document':40} {'records':>7} {'target':>7} {'actual':>7} {'estimate':>8}"]
    total = Counter()
    for doc, c in counts.items():
        rows.append(f"{doc[:40]:40} {sum(c.values()):7d} {c['target']:7d} {c['actual']:7d} {c['estimate']:8d}")
        total.update(c)
    rows.append(f"{'total':40} {sum(total.values()):7d} {total['target']:7d} {total['actual']:7d} {total['estimate']:8d}")
    return "\n".join(rows)


def cmd_extract(args) -> int:
    from .document import iter_paths
    from .output import RecordWriter

    paths = iter_paths(args.paths)
    fmt = _output_format(args.output, args.format)
    if fmt != "jsonl" and not args.output:
        raise GovReportError(f"{fmt} output needs a file: add -o FILE.{fmt}")
    errors, counts = [], {}
    show_progress = not args.quiet and sys.stderr.isatty() and len(paths) > 1
    results = _progress(iter_extractions(paths, args.region, args.year, args.jobs), len(paths), show_progress)
    # Parquet row groups of 2,000 records keep a corpus run's memory flat and small
    writer_cm = (RecordWriter(args.output, format=fmt, bom=args.bom, row_group_size=2000) if args.output
                 else _StdoutJsonl())
    with writer_cm as writer:
        for path, records, error in results:
            if error:
                errors.append(error)
                if args.fail_fast or len(paths) == 1:  # one file: its error is the run's, leave no output
                    raise GovReportError(error)
                continue
            c = counts.setdefault(Path(path).name, Counter())
            for rec in records:
                writer.write(rec)
                c[rec["kind"]] += 1
    if not args.quiet:
        stream = sys.stdout if args.output else sys.stderr
        print(summary_table(counts), file=stream)
        if args.output:
            print(f"wrote {sum(sum(c.values()) for c in counts.values())} records to {args.output}", file=stream)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} of {len(paths)} files failed", file=sys.stderr)
        return 1
    return 0


def cmd_eval(args) -> int:
    from .evaluate import load_gold, read_jsonl, score

    gold = load_gold(args.gold, args.docs)
    if args.predictions:
        preds = read_jsonl(args.predictions)
    else:
        from .pipeline import extract_file

        names = sorted({g["doc"] for g in gold})
        preds = [r for n in names for r in extract_file(Path(args.docs) / n)]
    result = score(preds, gold)
    if args.json:
        import json

        print(json.dumps(result.summary(), ensure_ascii=False))
    else:
        print(result.report(misses=args.misses))
    return 0


def cmd_compare(args) -> int:
    from .comparison import compare, summary_table as compare_table
    from .corpus import Corpus
    from .document import iter_paths
    from .output import write_frame

    corpus = Corpus.from_paths(iter_paths(args.paths))
    cmp = compare(corpus.frame())
    if args.output:
        write_frame(cmp, args.output, bom=args.bom)
    print(compare_table(cmp))
    if args.output:
        print(f"wrote {len(cmp)} rows to {args.output}")
    return 0


def cmd_targets(args) -> int:
    from .panels import table_command

    print(table_command(args.paths, args.year, args.output, args.indicators, args.results, args.labels, args.bom,
                        args.all_regions))
    return 0


def cmd_review(args) -> int:
    from .html_review import write_review

    written = write_review(args.paths, args.output, gold_paths=args.gold, region=args.region, year=args.year)
    for p in written:
        print(p)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="govreport", description="Quantified targets and results from Chinese government work reports.")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files or folders")
    ex.add_argument("paths", nargs="+", help="report files (.txt, .html) or folders of them")
    ex.add_argument("-o", "--output", help="output file; format from its extension (default: JSONL on stdout)")
    ex.add_argument("--format", choices=FORMATS, help="output format (overrides the extension)")
    ex.add_argument("--region", help="region of every document, e.g. 咸宁市 (default: inferred)")
    ex.add_argument("--year", type=int, help="the year the reports were delivered in (default: inferred)")
    ex.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    ex.add_argument("--fail-fast", action="store_true", help="stop at the first file that fails")
    ex.add_argument("--bom", action="store_true", help="CSV: write a UTF-8 BOM so Excel reads Chinese correctly")
    ex.add_argument("--quiet", "-q", action="store_true", help="no summary table, no progress bar")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="score extraction against gold annotations (GUIDELINE.md format)")
    ev.add_argument("--gold", nargs="+", required=True, help="gold JSONL files")
    ev.add_argument("--docs", required=True, help="folder holding the documents the gold names")
    ev.add_argument("--predictions", help="score this JSONL instead of extracting the documents now")
    ev.add_argument("--misses", type=int, default=0, help="list up to N misses, spurious records and wrong attributes")
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.set_defaults(func=cmd_eval)

    co = sub.add_parser("compare", help="planned versus achieved, per region, indicator and year")
    co.add_argument("paths", nargs="+")
    co.add_argument("-o", "--output", help="write the comparison (.csv or .parquet)")
    co.add_argument("--bom", action="store_true", help="CSV: write a UTF-8 BOM for Excel")
    co.set_defaults(func=cmd_compare)

    tg = sub.add_parser("targets", help="one year's targets as a table: one row per region, one column per indicator")
    tg.add_argument("paths", nargs="+")
    tg.add_argument("--year", type=int, required=True, help="the year the targets are for")
    tg.add_argument("-o", "--output", help="write the table (.csv or .parquet)")
    tg.add_argument("--indicators", help="comma-separated catalogue keys or names (default: every one targeted)")
    tg.add_argument("--results", action="store_true", help="the year's results instead of its targets")
    tg.add_argument("--labels", choices=("key", "zh", "en"), default="key", help="column names")
    tg.add_argument("--all-regions", action="store_true", help="every region, not only the documents' own")
    tg.add_argument("--bom", action="store_true", help="CSV: write a UTF-8 BOM for Excel")
    tg.set_defaults(func=cmd_targets)

    rv = sub.add_parser("review", help="an HTML page per document with every extraction highlighted")
    rv.add_argument("paths", nargs="+")
    rv.add_argument("-o", "--output", required=True, help="an .html file (one document) or a folder")
    rv.add_argument("--gold", nargs="+", help="gold JSONL to mark misses and spurious records")
    rv.add_argument("--region")
    rv.add_argument("--year", type=int)
    rv.set_defaults(func=cmd_review)
    return ap


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GovReportError as e:
        print(f"govreport: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
