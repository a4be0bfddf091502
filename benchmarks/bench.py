"""End-to-end speed and memory of govreport on a corpus built from the seeds.

    python benchmarks/bench.py            # full run: >= 5 MB corpus, 1,000-report CLI run
    python benchmarks/bench.py --quick    # a smaller run for a quick check (about a minute)
    python benchmarks/bench.py --profile  # also cProfile one pass over the corpus
    python benchmarks/bench.py --ratio    # only extract's ratio to a reference pass (issue 14)

What it measures, each on one core unless said otherwise:

- extract's time as a multiple of a reference pass (one compiled number regex with a Python call
  per match) on the same texts, in turn, in one process: on the seeds, the 16 provincial and the
  12 national reports of ../shared/corpus; and the costs per character, per record and per
  document from a least-squares fit over the documents;

- ``import govreport`` in a fresh interpreter (best of 5), and the cold start of a
  first ``extract`` (imports of the pipeline modules and loading of the word lists);
- load -> records on the seeds copied until the corpus holds >= 5 MB of UTF-8 text,
  one file per copy (reports of their real size): characters/s, MB/s, per-document
  latency (median, p95);
- the same text as one big string (linearity check: should run at the same rate);
- cn2an's sentence transform (``cn2an.transform(text, "cn2an")``) on the same
  documents, as a reference speed for a per-character Chinese-number pass;
- peak resident memory of ``govreport extract DIR -o out.parquet`` on 1,000 reports
  (VmHWM from /proc, so Linux only), with ``--jobs 1`` and with ``--jobs nproc``.

MB are 10**6 bytes of the text in UTF-8 (the files' size); a Chinese character is 3 bytes.
The seeds repeat, so the small per-token caches (parse_number etc.) hit more often
than on new reports; ``--cold-caches`` clears them before each document to bound that.
"""
from __future__ import annotations

import argparse
import gc
import io
import math
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HELDOUT = ROOT / "tests" / "heldout" / "docs"

# Targets from issue 4.
TARGET_MB_PER_S = 2.0
TARGET_IMPORT_S = 0.3
TARGET_PEAK_MB = 150.0


# ---------------------------------------------------------------- machine

def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu or "unknown",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "commit": _commit(),
    }


def _commit() -> str:
    """The commit measured, with '+changes' when src/ differs from it (figures belong to code)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


# ---------------------------------------------------------------- corpus

def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def build_corpus(folder: Path, min_bytes: int = 0, min_files: int = 0) -> list[Path]:
    """Copy the seeds into ``folder`` round after round until both minimums are met."""
    seeds = seed_paths()
    blobs = [(p.name, p.read_bytes()) for p in seeds]
    paths, size, rnd = [], 0, 0
    while size < min_bytes or len(paths) < min_files:
        for name, data in blobs:
            p = folder / f"{rnd:04d}_{name}"
            p.write_bytes(data)
            paths.append(p)
            size += len(data)
            if min_files and len(paths) >= min_files and size >= min_bytes:
                break
        rnd += 1
    return paths


# ---------------------------------------------------------------- measurements

def import_time(repeats: int = 5) -> tuple[float, float]:
    """Best-of-``repeats`` seconds for ``import govreport`` and for import + first extract, fresh interpreters."""
    code = ("import time; t=time.perf_counter(); import govreport; a=time.perf_counter()-t; "
            "govreport.extract('2024年，地区生产总值增长6%左右。'); b=time.perf_counter()-t; print(a, b)")
    imports, firsts = [], []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        a, b = map(float, out.split())
        imports.append(a)
        firsts.append(b)
    return min(imports), min(firsts)


def _govreport_caches() -> list:
    """govreport's lru caches of per-token results (maxsize 1 ones hold the loaded word lists)."""
    import govreport  # noqa: F401

    caches = []
    for name, mod in list(sys.modules.items()):
        if name.startswith("govreport"):
            for obj in vars(mod).values():
                info = getattr(obj, "cache_info", None)
                if callable(info) and callable(getattr(obj, "cache_clear", None)) and info().maxsize != 1:
                    caches.append(obj)
    return caches


def time_documents(paths: list[Path], cold_caches: bool = False, warm: bool = True) -> dict:
    """Load and extract each file in turn; per-document seconds and totals."""
    from govreport.document import load
    from govreport.pipeline import extract

    if warm:
        extract(load(paths[0]))  # warm: lazy imports, word lists, compiled patterns
    caches = _govreport_caches() if cold_caches else []
    latencies, chars, nbytes, records = [], 0, 0, 0
    gc.collect()
    start = time.perf_counter()
    for p in paths:
        for c in caches:
            c.cache_clear()
        t = time.perf_counter()
        doc = load(p)
        recs = extract(doc)
        latencies.append(time.perf_counter() - t)
        chars += len(doc.text)
        nbytes += p.stat().st_size
        records += len(recs)
    total = time.perf_counter() - start
    return {"seconds": total, "chars": chars, "bytes": nbytes, "records": records, "latencies": latencies}


def time_one_text(text: str) -> dict:
    from govreport.pipeline import extract

    gc.collect()
    t = time.perf_counter()
    recs = extract(text)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "chars": len(text), "bytes": len(text.encode("utf-8")), "records": len(recs)}


def time_cn2an(texts: list[str]) -> dict:
    import cn2an

    cn2an.transform("2024年增长百分之六", "cn2an")  # warm
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns on every 万/亿 it cannot read alone
        t = time.perf_counter()
        for s in texts:
            cn2an.transform(s, "cn2an")
        seconds = time.perf_counter() - t
    chars = sum(map(len, texts))
    return {"seconds": seconds, "chars": chars, "bytes": sum(len(s.encode("utf-8")) for s in texts)}


# Peak memory is read from /proc/PID/status (VmHWM: the high-water mark of resident memory),
# which a new program starts afresh. ru_maxrss from wait4/getrusage is no good here: Linux
# carries the forking parent's RSS into the child's ru_maxrss at exec, so every child of
# this (large) benchmark process would report the benchmark's own size.
_HWM = "next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')) / 1024"


def _status_kb(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    # the command name may hold spaces; the fields after its ')' are fixed
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                kids.append(int(entry))
    return kids


def cli_run(folder: Path, out: Path, jobs: int) -> dict:
    """``govreport extract folder -o out --jobs N -q`` in a child: wall time and peak memory.

    The main process reports its own VmHWM at exit; worker processes are sampled every 50 ms
    (their VmHWM, and the sum of the resident memory of the whole tree).
    """
    code = ("import sys\nfrom govreport.cli import main\nrc = main(sys.argv[1:])\n"
            f"print({_HWM})\nsys.exit(rc)")
    cmd = [sys.executable, "-c", code, "extract", str(folder), "-o", str(out), "-q", "--jobs", str(jobs)]
    worker_peak, tree_peak = 0.0, 0.0
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        total = 0
        for pid in [proc.pid, *_children(proc.pid)]:
            total += _status_kb(pid, "VmRSS:") or 0
            if pid != proc.pid:
                worker_peak = max(worker_peak, (_status_kb(pid, "VmHWM:") or 0) / 1024)
        tree_peak = max(tree_peak, total / 1024)
        time.sleep(0.05)
    seconds = time.perf_counter() - t
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"CLI run failed ({proc.returncode}): {stderr.strip()}")
    return {"seconds": seconds, "peak_mb": float(stdout.split()[-1]), "worker_peak_mb": worker_peak,
            "tree_peak_mb": tree_peak, "out_mb": out.stat().st_size / 1e6}


def _child_peak_mb(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code + f"; print({_HWM})", *args],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def floor_rss(report: Path) -> tuple[float, float]:
    """Peak RSS MB of a process that extracts one report, without and with the Parquet writer's imports.

    pyarrow imports pandas the first time it converts Python values (pa.array), so a Parquet run
    carries both libraries whatever the number of files.
    """
    extract = "from govreport.pipeline import extract_file; extract_file(sys.argv[1])"
    plain = _child_peak_mb("import sys; " + extract, str(report))
    arrow = _child_peak_mb("import sys, pyarrow as pa, pyarrow.parquet; pa.array([1]); " + extract, str(report))
    return plain, arrow


def tracemalloc_peak(folder: Path, out: Path) -> float:
    """Peak Python-heap MB (tracemalloc) of the CLI's extract command run in a fresh interpreter."""
    code = ("import sys, tracemalloc; tracemalloc.start(); from govreport.cli import main; "
            "rc = main(['extract', sys.argv[1], '-o', sys.argv[2], '-q']); "
            "print(tracemalloc.get_traced_memory()[1] / 2**20); sys.exit(rc)")
    out_text = subprocess.run([sys.executable, "-c", code, str(folder), str(out)],
                              capture_output=True, text=True, check=True).stdout
    return float(out_text.split()[-1])


def profile_pass(paths: list[Path], top: int = 25) -> str:
    import cProfile

    from govreport.document import load
    from govreport.pipeline import extract

    extract(load(paths[0]))
    prof = cProfile.Profile()
    prof.enable()
    for p in paths:
        extract(load(p))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# ---------------------------------------------------------------- report

# ---------------------------------------------------------------- the ratio to a reference pass

#: The reference pass: one compiled number regex and a Python call per match. It does in C and
#: Python what any extractor must at least do, so its speed moves with the machine's as ours does;
#: the ratio of the two is the one speed figure that holds on a shared, busy machine (issue 14).
REFERENCE_NUMBER = r"\d+(?:\.\d+)?"
CORPUS = ROOT.parent / "shared" / "corpus"


def _reference_pass(texts: list[str]) -> int:
    import re

    number = re.compile(REFERENCE_NUMBER)
    seen = 0

    def visit(m) -> None:
        nonlocal seen
        seen += 1

    for text in texts:
        for m in number.finditer(text):
            visit(m)
    return seen


def ratio_to_reference(paths: list[Path], rounds: int = 7) -> dict:
    """extract() against the reference pass on the same texts, in turn (A B A B …), in this process:
    the median of the per-round ratios, and the costs per character and per record from a fit."""
    import govreport
    from govreport.document import load

    docs = [load(p) for p in paths]
    texts = [d.text for d in docs]
    for d in docs:  # warm: imports, vocabularies, caches
        govreport.extract(d)
    ratios, ext_times, ref_times = [], [], []
    per_doc: list[list[float]] = [[] for _ in docs]
    records = [0] * len(docs)
    for _ in range(rounds):
        t = time.process_time()
        _reference_pass(texts)
        ref = time.process_time() - t
        t0 = time.process_time()
        for i, d in enumerate(docs):
            t = time.process_time()
            records[i] = len(govreport.extract(d))
            per_doc[i].append(time.process_time() - t)
        ext = time.process_time() - t0
        ratios.append(ext / ref)
        ext_times.append(ext)
        ref_times.append(ref)
    chars = [len(t) for t in texts]
    fit = _fit([(c, r, statistics.median(ts)) for c, r, ts in zip(chars, records, per_doc)])
    return {"docs": len(docs), "chars": sum(chars), "records": sum(records),
            "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
            "extract_s": statistics.median(ext_times), "reference_s": statistics.median(ref_times), **fit}


def _fit(rows: list[tuple[int, int, float]]) -> dict:
    """Least squares t = a·chars + b·records + c per document (numpy-free: the 3×3 normal equations)."""
    xs = [(c, r, 1.0) for c, r, _ in rows]
    ys = [t for *_, t in rows]
    ata = [[sum(x[i] * x[j] for x in xs) for j in range(3)] for i in range(3)]
    aty = [sum(x[i] * y for x, y in zip(xs, ys)) for i in range(3)]
    # Gaussian elimination with partial pivoting
    m = [row[:] + [v] for row, v in zip(ata, aty)]
    for col in range(3):
        piv = max(range(col, 3), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-30:
            return {"ns_per_char": float("nan"), "us_per_record": float("nan"), "ms_per_doc": float("nan")}
        for r in range(3):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    a, b, c = (m[i][3] / m[i][i] for i in range(3))
    return {"ns_per_char": a * 1e9, "us_per_record": b * 1e6, "ms_per_doc": c * 1e3}


def ratio_rows(sets: list[tuple[str, list[Path]]]) -> list[tuple]:
    rows = []
    for label, paths in sets:
        if not paths:
            continue
        r = ratio_to_reference(paths)
        rows += [
            (f"{label}: {r['docs']} files, {r['chars']:,} chars, {r['records']:,} records",
             f"{r['ratio']:.0f}x the reference ({r['ratio_min']:.0f}-{r['ratio_max']:.0f})", "<= 40x",
             _ok(r["ratio"] <= 40)),
            ("  extract / reference pass, medians", f"{r['extract_s'] * 1e3:.0f} / {r['reference_s'] * 1e3:.1f} ms",
             "", ""),
            ("  fit: per character, per record, per document",
             f"{r['ns_per_char']:.0f} ns, {r['us_per_record']:.0f} µs, {r['ms_per_doc']:.1f} ms", "", ""),
        ]
    return rows


def ratio_sets() -> list[tuple[str, list[Path]]]:
    return [("seeds", seed_paths()),
            ("provincial reports", sorted((CORPUS / "provincial_2026").glob("*.txt"))),
            ("national reports", sorted((CORPUS / "national").glob("*.txt")))]


def mb(n: float) -> float:
    return n / 1e6


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, math.ceil(q * len(xs)) - 1))
    return xs[k]


def table(rows: list[tuple]) -> str:
    head = ("measure", "value", "target", "ok")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(4)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpus (1 MB) and a 100-report CLI run")
    ap.add_argument("--mb", type=float, help="corpus size in MB (default 5, quick 1)")
    ap.add_argument("--reports", type=int, help="reports in the CLI memory run (default 1000, quick 100)")
    ap.add_argument("--profile", action="store_true", help="print cProfile's top functions for one corpus pass")
    ap.add_argument("--cold-caches", action="store_true", help="clear govreport's per-token caches before each document")
    ap.add_argument("--keep", help="build the corpus in this folder and keep it")
    ap.add_argument("--ratio", action="store_true",
                    help="only the ratio to the reference pass on the seeds and ../shared/corpus (a minute)")
    args = ap.parse_args(argv)
    if args.ratio:
        print(f"load average {_load()}; govreport at {machine()['commit']}; reference: re {REFERENCE_NUMBER!r} "
              "and a Python call per match, on the same texts, in turn", flush=True)
        print(table(ratio_rows(ratio_sets())))
        return 0
    size_mb = args.mb or (1.0 if args.quick else 5.0)
    n_reports = args.reports or (100 if args.quick else 1000)

    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, {info['os']}; "
          f"load average {_load()} (other work on the machine slows every figure); govreport at {info['commit']}",
          flush=True)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus_dir, cli_dir = work / "corpus", work / "cli"
        corpus_dir.mkdir(exist_ok=True)
        cli_dir.mkdir(exist_ok=True)
        paths = build_corpus(corpus_dir, min_bytes=int(size_mb * 1e6))
        cli_paths = build_corpus(cli_dir, min_files=n_reports)
        cli_mb = mb(sum(p.stat().st_size for p in cli_paths))

        imp, first = import_time()
        print(f"import: {imp:.4f} s, import + first extract: {first:.3f} s", flush=True)

        docs = time_documents(paths, cold_caches=args.cold_caches)
        rate_chars = docs["chars"] / docs["seconds"]
        rate_mb = mb(docs["bytes"]) / docs["seconds"]
        lat = docs["latencies"]
        print(f"files: {len(paths)} files, {mb(docs['bytes']):.2f} MB, {docs['records']} records, "
              f"{docs['seconds']:.2f} s", flush=True)

        # reports the corpus does not repeat: each read once, so no cache has seen their phrases
        unseen_paths = sorted(p for p in HELDOUT.iterdir() if p.is_file()) if HELDOUT.is_dir() else []
        if unseen_paths:
            from govreport.document import load
            for p in unseen_paths:
                load(p)  # the HTML parser's first import is no part of the rate (loading caches nothing)
        unseen = time_documents(unseen_paths, warm=False) if unseen_paths else None

        big_text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
        big = time_one_text(big_text)
        print(f"one text: {mb(big['bytes']):.2f} MB, {big['records']} records, {big['seconds']:.2f} s", flush=True)

        ref = time_cn2an([p.read_text(encoding="utf-8") for p in paths])
        print(f"cn2an: {ref['seconds']:.2f} s", flush=True)

        one = cli_run(cli_dir, work / "out1.parquet", jobs=1)
        print(f"CLI --jobs 1: {len(cli_paths)} reports, {cli_mb:.1f} MB, {one['seconds']:.1f} s, "
              f"peak RSS {one['peak_mb']:.0f} MB", flush=True)
        jobs = os.cpu_count() or 1
        par = cli_run(cli_dir, work / f"out{jobs}.parquet", jobs=jobs) if jobs > 1 else None
        if par:
            print(f"CLI --jobs {jobs}: {par['seconds']:.1f} s, peak RSS main {par['peak_mb']:.0f} MB, "
                  f"worker {par['worker_peak_mb']:.0f} MB, all processes {par['tree_peak_mb']:.0f} MB", flush=True)
        tm_dir = work / "tm"
        tm_dir.mkdir(exist_ok=True)
        build_corpus(tm_dir, min_files=20)
        heap = tracemalloc_peak(tm_dir, work / "outtm.parquet")  # tracemalloc slows Python ~3x: 20 reports
        floor_plain, floor_arrow = floor_rss(max(seed_paths(), key=lambda p: p.stat().st_size))

        rows = ratio_rows(ratio_sets()) + [
            ("import govreport (best of 5)", f"{imp:.4f} s", f"< {TARGET_IMPORT_S} s", _ok(imp < TARGET_IMPORT_S)),
            ("import + first extract (cold start)", f"{first:.2f} s", "", ""),
            (f"files: {len(paths)} reports, {mb(docs['bytes']):.1f} MB", f"{rate_chars:,.0f} chars/s", "", ""),
            ("  MB/s per core (UTF-8 bytes)", f"{rate_mb:.2f} MB/s", f">= {TARGET_MB_PER_S} MB/s",
             _ok(rate_mb >= TARGET_MB_PER_S)),
            ("  latency per report: median", f"{statistics.median(lat) * 1e3:.1f} ms", "", ""),
            ("  latency per report: p95", f"{percentile(lat, 0.95) * 1e3:.1f} ms", "", ""),
            ("  records", f"{docs['records']:,} ({docs['records'] / docs['seconds']:,.0f}/s)", "", ""),
        ]
        if unseen:
            rows += [
                (f"unseen reports (tests/heldout, {len(unseen_paths)} files, "
                 f"{unseen['bytes'] / 1e3:.0f} KB), each once", f"{mb(unseen['bytes']) / unseen['seconds']:.2f} MB/s",
                 "", ""),
                # they were written to be dense in figures: the rate per record is the comparable one
                ("  records", f"{unseen['records']:,} ({unseen['records'] / unseen['seconds']:,.0f}/s)", "", ""),
            ]
        rows += [
            (f"one text of {mb(big['bytes']):.1f} MB", f"{big['chars'] / big['seconds']:,.0f} chars/s",
             "", ""),
            ("  MB/s", f"{mb(big['bytes']) / big['seconds']:.2f} MB/s", "", ""),
            ("cn2an.transform(text, 'cn2an'), same files", f"{ref['chars'] / ref['seconds']:,.0f} chars/s", "", ""),
            ("  MB/s", f"{mb(ref['bytes']) / ref['seconds']:.2f} MB/s", "", ""),
            (f"CLI extract {len(cli_paths)} reports ({cli_mb:.1f} MB) -> parquet, --jobs 1",
             f"{one['seconds']:.1f} s", "", ""),
            ("  peak RSS", f"{one['peak_mb']:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB", _ok(one["peak_mb"] < TARGET_PEAK_MB)),
        ]
        if par:
            rows += [
                (f"CLI extract, --jobs {jobs}", f"{par['seconds']:.1f} s", "", ""),
                ("  peak RSS, main process", f"{par['peak_mb']:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB",
                 _ok(par["peak_mb"] < TARGET_PEAK_MB)),
                ("  peak RSS, largest worker (sampled)", f"{par['worker_peak_mb']:.0f} MB", "", ""),
                ("  peak RSS, all processes together (sampled)", f"{par['tree_peak_mb']:.0f} MB", "", ""),
            ]
        rows += [
            ("CLI extract 20 reports: tracemalloc peak (Python heap)", f"{heap:.0f} MB", "", ""),
            ("floor: peak RSS extracting 1 report", f"{floor_plain:.0f} MB", "", ""),
            ("floor: the same + pyarrow/pandas imported", f"{floor_arrow:.0f} MB", "", ""),
        ]
        print()
        print(table(rows))
        print(f"load average at the end: {_load()}")
        if args.profile:
            print()
            print(profile_pass(paths[: max(5, len(paths) // 4)]))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _ok(flag: bool) -> str:
    return "yes" if flag else "NO"


if __name__ == "__main__":
    sys.exit(main())
