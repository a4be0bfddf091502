"""PDF text extractors compared on Chinese reports: exactness and speed.

    pip install pypdfium2 pdfplumber pymupdf reportlab
    python benchmarks/pdf_extractors.py [REPORT.txt ...] [--font FILE.ttf|.ttc]

Each report (default: a provincial and a national report of ../shared/corpus) is typeset as an
A4 PDF the way tests/formats_fixtures.py does it (28 characters a line, justified, the title as
running head, a page number below) in the Adobe CID font STSong-Light, and in ``--font`` embedded
as a subset (e.g. /usr/share/fonts/truetype/wqy/wqy-microhei.ttc from Debian's fonts-wqy-microhei).
Every extractor that is installed reads it back; the report shows, per extractor, the best of
three wall times and whether the text is the report's exactly (characters other than white space,
page numbers and running heads dropped), else the differing passages.

This chose pypdfium2 for govreport[pdf]: exact text, 0.03-0.08 s a report, Apache-2.0/BSD.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from formats_fixtures import render_pdf  # noqa: E402


def pypdfium2_text(path: str) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def pdfplumber_text(path: str) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def pdfminer_text(path: str) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path)


def pymupdf_text(path: str) -> str:
    import pymupdf

    with pymupdf.open(path) as pdf:
        return "\f".join(page.get_text() for page in pdf)


EXTRACTORS = {"pypdfium2 (Apache-2.0/BSD)": pypdfium2_text, "pdfplumber (MIT)": pdfplumber_text,
              "pdfminer.six (MIT)": pdfminer_text, "pymupdf (AGPL-3.0)": pymupdf_text}


def compare(report: Path, font: str | None, tmp: Path) -> None:
    text = report.read_text(encoding="utf-8")
    title = f"{report.stem}政府工作报告"
    want = re.sub(r"\s", "", text)
    for font_name, font_file in (("STSong-Light (CID)", None), (Path(font).name if font else None, font)):
        if font_name is None:
            continue
        pdf = render_pdf(text, tmp / f"{report.stem}.pdf", title=title, font_file=font_file)
        print(f"\n{report.name}, {font_name}, {pdf.stat().st_size // 1024} KB")
        for name, extract in EXTRACTORS.items():
            try:
                times = []
                for _ in range(3):
                    t = time.perf_counter()
                    got = extract(str(pdf))
                    times.append(time.perf_counter() - t)
            except ImportError:
                print(f"  {name:28} not installed")
                continue
            lines = re.split(r"[\r\n\f]+", got)
            body = "".join(ln for ln in lines if not re.fullmatch(r"\s*(— \d+ —|" + re.escape(title) + r")\s*", ln))
            body = re.sub(r"\s", "", body)
            verdict = "exact" if body == want else "differs:"
            print(f"  {name:28} {min(times):7.3f} s  {verdict}")
            if body != want:
                sm = difflib.SequenceMatcher(None, want, body, autojunk=False)
                for op, a0, a1, b0, b1 in sm.get_opcodes():
                    if op != "equal":
                        print(f"      {op}: {want[max(0, a0 - 8):a1 + 8]!r} -> {body[max(0, b0 - 8):b1 + 8]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    corpus = ROOT.parent / "shared" / "corpus"
    ap.add_argument("reports", nargs="*", type=Path,
                    default=[corpus / "provincial_2026" / "北京市_2026.txt", corpus / "national" / "全国_2010.txt"])
    ap.add_argument("--font", help="a TrueType font to embed as well (.ttf/.ttc)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for report in args.reports:
            compare(report, args.font, Path(tmp))


if __name__ == "__main__":
    main()
