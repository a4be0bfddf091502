"""govreport.document: decoding, HTML text extraction, input errors, path expansion.

Inputs are generated in tmp_path from a real seed report, encoded every way reports arrive.
"""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import document
from govreport.document import decode_bytes, html_to_text, iter_paths, load, load_text, plausibly_chinese
from govreport.errors import GovReportError
from govreport.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "002_c53812b20cb9ab4e.txt"
SEED = (ROOT / "seeds" / SEED_NAME).read_text(encoding="utf-8")
GOLD_002 = sorted((ROOT / "tests" / "gold").glob("002_*.jsonl"))
# the report's opening, as one paragraph block
OPENING = SEED[:SEED.index("一、")].strip()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# ---------------------------------------------------------------- encodings

ENCODINGS = [
    # (how the bytes are made, encoding load() reports)
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("utf-16"), "utf-16-le"),  # Python writes LE with a BOM
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM
    (lambda t: t.encode("utf-16-be"), "utf-16-be"),  # no BOM
    (lambda t: t.encode("utf-32"), "utf-32-le"),
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: t.encode("gbk"), "gb18030"),
]


@pytest.mark.parametrize("encode,expected_encoding", ENCODINGS,
                         ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be",
                              "utf32", "gb18030", "gbk"])
def test_every_encoding_decodes_to_the_same_text(tmp_path, encode, expected_encoding):
    doc = load(write(tmp_path, SEED_NAME, encode(SEED)), region="咸宁市", year=2024)
    assert doc.text == SEED
    assert doc.encoding == expected_encoding
    assert doc.source_format == "text"
    assert (doc.name, doc.region, doc.year) == (SEED_NAME, "咸宁市", 2024)
    assert doc.path == str(tmp_path / SEED_NAME)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_gold_offsets_do_not_depend_on_the_encoding(tmp_path, encoding):
    reference = load_gold(GOLD_002, ROOT / "seeds")
    write(tmp_path, SEED_NAME, SEED.replace("\n", "\r\n").encode(encoding))
    located = load_gold(GOLD_002, tmp_path)
    assert len(located) == len(reference) > 50
    assert [(g["start"], g["end"]) for g in located] == [(g["start"], g["end"]) for g in reference]


@pytest.mark.parametrize("raw,expected", [
    ("甲\r\n乙\r丙\n丁", "甲\n乙\n丙\n丁"),
    ("增长６％，　　新建５Ｇ基站", "增长６％，　　新建５Ｇ基站"),  # full-width kept: offsets must stay the reader's
    ("\u3000\u3000各位代表：\n\n", "\u3000\u3000各位代表：\n\n"),
])
def test_only_newlines_are_normalised(tmp_path, raw, expected):
    assert load(write(tmp_path, "r.txt", raw.encode("utf-8"))).text == expected
    assert load(write(tmp_path, "g.txt", raw.encode("gb18030"))).text == expected


def test_truncated_files_still_decode_with_one_replacement(tmp_path):
    text = SEED.rstrip()
    cut_utf8 = load(write(tmp_path, "u.txt", text.encode("utf-8")[:-1]))
    assert (cut_utf8.text, cut_utf8.encoding) == (text[:-1] + "\ufffd", "utf-8")
    cut_gb = load(write(tmp_path, "g.txt", text.encode("gb18030")[:-1]))
    assert (cut_gb.text, cut_gb.encoding) == (text[:-1] + "\ufffd", "gb18030")


def test_charset_normalizer_is_the_fallback_for_other_encodings(tmp_path):
    traditional = "各位代表：現在，我代表市人民政府向大會報告工作，請予審議。過去一年，全市地區生產總值增長百分之五點二，經濟穩中向好。" * 4
    doc = load(write(tmp_path, "big5.txt", traditional.encode("big5")))
    assert doc.text == traditional
    assert doc.encoding in {"big5", "big5hkscs", "cp950"}
    latin = "Rapport annuel: croissance économique, développement régional, café. " * 3
    assert load(write(tmp_path, "latin.txt", latin.encode("latin-1"))).text == latin


def test_explicit_encoding(tmp_path):
    p = write(tmp_path, "g.txt", SEED.encode("gb18030"))
    assert load(p, encoding="gbk").text == SEED
    with pytest.raises(GovReportError, match="g.txt: not valid utf-8"):
        load(p, encoding="utf-8")
    with pytest.raises(GovReportError, match="g.txt: unknown encoding 'klingon'"):
        load(p, encoding="klingon")


def test_gb18030_result_must_read_as_chinese():
    assert plausibly_chinese(SEED)
    assert plausibly_chinese("GDP growth 6%")  # nothing non-ASCII to doubt
    assert not plausibly_chinese("丂丄丅丆丏丒丗丟丠両丣並丩丮丯丱")  # GBK/3 rarities: what random bytes give
    assert not plausibly_chinese("ДЕЖЗИЙ")
    # random bytes decode strictly as GB18030 surprisingly often; none may pass as a report
    rng = random.Random(0)
    for _ in range(200):
        data = bytes(rng.randrange(0x81, 0xFF) for _ in range(400))
        with pytest.raises(GovReportError, match="binary file"):
            decode_bytes(data)


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2024年咸宁市政府工作报告_咸宁市人民政府</title>
<style>p { text-indent: 2em; }</style>
<script>var stat = "地区生产总值增长99%";</script>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府工作报告</div>
<nav><ul><li>机构</li><li>政策</li></ul></nav>
<header class="site-banner">咸宁市人民政府门户网站</header>
<div id="wrapper" class="page has-sidebar">
<article>
<header><h1>2024年政府工作报告</h1></header>
<p>　　各位代表：</p>
<p>　　现在，我代表市人民政府向大会报告工作。<br>2023年，全市地区生产总值增长&nbsp;6.5%，
   新建5G基站1200个。</p>
<ul><li>城镇新增就业3.2万人</li><li>居民人均可支配收入增长7%</li></ul>
<table><tr><th>指标</th><th>目标</th></tr><tr><td>地区生产总值</td><td> 增长6%左右 </td></tr></table>
<div style="display: none">隐藏的统计代码</div>
<p hidden>隐藏段落</p>
<!-- 注释：增长100% -->
<noscript>请启用脚本</noscript>
</article>
<aside class="related">相关新闻：某某会议召开</aside>
<div class="bdsharebuttonbox">分享到：微信 微博</div>
<div id="sidebar">热点专题</div>
</div>
<form action="/search"><input name="q"> 站内搜索</form>
<footer>主办：咸宁市人民政府办公室</footer>
<div class="footer-links">网站地图 | 联系我们</div>
<iframe src="ad.html">广告</iframe>
</body></html>
"""

PAGE_TEXT = "\n".join([
    "2024年政府工作报告",
    "　　各位代表：",
    "　　现在，我代表市人民政府向大会报告工作。",
    "2023年，全市地区生产总值增长 6.5%， 新建5G基站1200个。",
    "城镇新增就业3.2万人",
    "居民人均可支配收入增长7%",
    "指标\t目标",
    "地区生产总值\t增长6%左右",
])


def test_html_keeps_paragraphs_and_drops_page_chrome(tmp_path):
    doc = load(write(tmp_path, "report.html", PAGE.encode("gbk")))
    assert doc.text == PAGE_TEXT
    assert (doc.source_format, doc.encoding) == ("html", "gb18030")


def test_html_is_sniffed_by_content(tmp_path):
    assert load(write(tmp_path, "report.txt", PAGE.encode("utf-8"))).text == PAGE_TEXT
    no_doctype = "".join(f"<p>{line}</p>\n" for line in OPENING.split("\n") if line.strip()) * 3
    doc = load(write(tmp_path, "saved.txt", no_doctype.encode("utf-8")))
    assert doc.source_format == "html"
    assert doc.text.startswith("各位代表：\n现在，我代表市人民政府向大会报告工作")


def test_text_with_angle_brackets_is_not_html(tmp_path):
    text = "财政赤字率<3%，城镇调查失业率<5.5%，增速>6%。\n各位代表：<p>不是网页</p>\n"
    doc = load(write(tmp_path, "r.txt", text.encode("utf-8")))
    assert (doc.source_format, doc.text) == ("text", text)


def test_utf8_bytes_win_over_a_wrong_charset_declaration(tmp_path):
    doc = load(write(tmp_path, "r.html", PAGE.encode("utf-8")))  # declares gb2312, is UTF-8
    assert (doc.text, doc.encoding) == (PAGE_TEXT, "utf-8")


def test_html_offsets_index_the_extracted_text(tmp_path):
    page = "<html><body><div class='nav'>首页</div>" + "".join(
        f"<p>{line}</p>" for line in SEED.split("\n") if line.strip()) + "</body></html>"
    write(tmp_path, SEED_NAME, page.encode("utf-8"))
    doc = load(tmp_path / SEED_NAME)
    assert doc.text == "\n".join(line for line in SEED.split("\n") if line.strip())
    located = load_gold(GOLD_002, tmp_path)
    assert len(located) > 50
    for g in located:
        assert doc.text[g["start"]:g["end"]] == g["number"]


def test_chrome_class_on_the_page_wrapper_does_not_drop_the_report():
    html = "<div class='container with-sidebar'><p>地区生产总值增长6%。</p><p>新建5G基站500个。</p></div>"
    assert html_to_text(html) == "地区生产总值增长6%。\n新建5G基站500个。"


def test_deeply_nested_html_does_not_overflow_the_stack():
    html = "<div>" * 3000 + "增长6%" + "</div>" * 3000
    assert html_to_text(html) == "增长6%"


# ---------------------------------------------------------------- errors

def one_line_error(call, *names) -> str:
    with pytest.raises(GovReportError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    for name in names:
        assert name in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in one_line_error(lambda: load(tmp_path / "nope.txt"), "nope.txt")


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "reports").mkdir()
    assert "is a folder" in one_line_error(lambda: load(tmp_path / "reports"), "reports")


@pytest.mark.parametrize("data,cause", [
    (b"", "file is empty"),
    (b"  \n\r\n\t ", "only whitespace"),
    ("\u3000\u3000\n".encode("utf-8"), "only whitespace"),
    (codecs.BOM_UTF8, "only whitespace"),
    ("  \n".encode("utf-16"), "only whitespace"),
    (b"<html><head><script>var a=1;</script></head><body> </body></html>", "no visible text"),
])
def test_empty_files(tmp_path, data, cause):
    assert cause in one_line_error(lambda: load(write(tmp_path, "empty.txt", data)), "empty.txt")


@pytest.mark.parametrize("data,cause", [
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00", "NUL"),
    (bytes(range(1, 32)) * 20, "control characters"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", ".doc"),
    (bytes(b | 0x80 for b in random.Random(1).randbytes(3000)), "binary file"),
])
def test_binary_files(tmp_path, data, cause):
    assert cause in one_line_error(lambda: load(write(tmp_path, "report.doc", data)), "report.doc", "binary")


def test_file_over_the_size_limit(tmp_path):
    p = write(tmp_path, "huge.txt", "增长".encode("utf-8") * 1000)
    message = one_line_error(lambda: load(p, max_bytes=1024), "huge.txt", "6000 bytes", "1024 bytes", "limit")
    assert "5.9 KB" in message and "1.0 KB" in message
    assert load(p, max_bytes=6000).text == "增长" * 1000


def test_default_size_limit_is_50_mb():
    assert document.DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_permission_denied(tmp_path, monkeypatch):
    p = write(tmp_path, "secret.txt", "增长6%".encode("utf-8"))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(document, "open", refuse, raising=False)
    assert "permission denied" in one_line_error(lambda: load(p), "secret.txt")


def test_unreadable_path(tmp_path):
    long_name = tmp_path / ("长" * 300 + ".txt")  # longer than any file system allows
    one_line_error(lambda: load(long_name), ".txt")
    one_line_error(lambda: load("bad\x00name.txt"), "name.txt")


def test_load_text_keeps_a_str_exactly():
    raw = "\ufeff甲\r\n乙　６％"
    doc = load_text(raw, name="memo", region="咸宁市", year=2024)
    assert (doc.text, doc.name, doc.region, doc.year, doc.encoding) == (raw, "memo", "咸宁市", 2024, None)
    assert load_text("").text == ""


def test_load_text_decodes_bytes():
    doc = load_text(SEED.replace("\n", "\r\n").encode("gb18030"), name="x")
    assert (doc.text, doc.encoding) == (SEED, "gb18030")
    with pytest.raises(GovReportError, match="x: report text must be str or bytes, not int"):
        load_text(5, name="x")


# ---------------------------------------------------------------- iter_paths

def make_tree(root: Path) -> None:
    for rel in ["2024/b.txt", "2024/a.html", "2024/sub/c.md", "2024/sub/D.TXT", "2024/.draft.txt",
                "2024/.git/x.txt", "2024/notes.xlsx", "2023/z.htm", "empty/readme.xlsx"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("增长6%", encoding="utf-8")


def test_iter_paths_expands_folders_sorted_without_hidden_files(tmp_path):
    make_tree(tmp_path)
    got = iter_paths([tmp_path / "2024", tmp_path / "2023"])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == [
        "2024/a.html", "2024/b.txt", "2024/sub/D.TXT", "2024/sub/c.md", "2023/z.htm"]


def test_iter_paths_files_duplicates_and_suffixes(tmp_path):
    make_tree(tmp_path)
    pdf = tmp_path / "2024" / "notes.xlsx"
    got = iter_paths([str(pdf), tmp_path / "2024" / "b.txt", tmp_path / "2024"], suffixes=("txt",))
    assert [p.relative_to(tmp_path).as_posix() for p in got] == [
        "2024/notes.xlsx", "2024/b.txt", "2024/sub/D.TXT"]
    assert iter_paths(str(tmp_path / "2023")) == [tmp_path / "2023" / "z.htm"]


def test_iter_paths_errors(tmp_path):
    make_tree(tmp_path)
    assert "no such file" in one_line_error(lambda: iter_paths([tmp_path / "2022"]), "2022")
    message = one_line_error(lambda: iter_paths([tmp_path / "2024", tmp_path / "empty"]), "empty")
    assert "no report files" in message and ".txt" in message


# ---------------------------------------------------------------- properties

settings.register_profile("document", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])

SEED_BYTES = st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "big5"]).flatmap(
    lambda enc: st.tuples(st.integers(0, len(SEED) - 1), st.integers(1, 400)).map(
        lambda ij: SEED[ij[0]:ij[0] + ij[1]].encode(enc, errors="replace")))


def mutate(data: bytes, flips) -> bytes:
    b = bytearray(data)
    for pos, value in flips:
        if b:
            b[pos % len(b)] = value
    return bytes(b)


ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    SEED_BYTES,
    st.tuples(SEED_BYTES, st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 255)), max_size=5))
      .map(lambda t: mutate(*t)),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
)


@settings(settings.get_profile("document"))
@given(data=ANY_BYTES, suffix=st.sampled_from([".txt", ".html"]))
def test_load_returns_a_document_or_a_govreport_error(tmp_path, data, suffix):
    p = write(tmp_path, "any" + suffix, data)
    try:
        doc = load(p)
    except GovReportError as e:
        assert "\n" not in str(e) and "any" + suffix in str(e)
        return
    assert doc.text.strip() and "\r" not in doc.text and doc.encoding


@settings(settings.get_profile("document"))
@given(ANY_BYTES)
def test_load_text_of_bytes_returns_a_document_or_a_govreport_error(data):
    try:
        doc = load_text(data)
    except GovReportError:
        return
    assert "\r" not in doc.text


@settings(settings.get_profile("document"))
@given(st.text())
def test_load_text_of_str_is_the_identity(text):
    assert load_text(text).text == text


CHINESE_PROSE = st.text(alphabet=st.sampled_from(sorted(set(SEED) - set("<>&\r"))), min_size=1, max_size=300)


@settings(settings.get_profile("document"))
@given(CHINESE_PROSE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_report_text_round_trips_through_every_unicode_encoding(tmp_path, text, encoding):
    p = write(tmp_path, "r.txt", text.encode(encoding))
    if not text.strip():
        with pytest.raises(GovReportError, match="empty"):
            load(p)
    else:
        assert load(p).text == text


@settings(settings.get_profile("document"))
@given(st.integers(0, len(SEED) - 40), st.integers(40, 2000))
def test_gb18030_report_excerpts_round_trip(tmp_path, start, length):
    excerpt = SEED[start:start + length]
    if not any("\u4e00" <= c <= "\u9fff" for c in excerpt):
        return
    doc = load(write(tmp_path, "r.txt", excerpt.encode("gb18030")))
    assert (doc.text, doc.encoding) == (excerpt, "gb18030")


HTML_TOKENS = st.sampled_from([
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml", "?>", "&", "&#", "&#x",
    ";", "=", '"', "'", "div", "p", "br", "script", "style", "nav", "td", "tr", "table", "pre", "html", "body",
    "head", " class=", "footer", " hidden", " ", "\n", "\r", "增长6%", "\x00", "\u3000", "\xa0", "x"])


@settings(settings.get_profile("document"))
@given(st.lists(HTML_TOKENS, max_size=60).map("".join), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_malformed_html_gives_a_document_or_a_govreport_error(tmp_path, markup, encoding):
    p = write(tmp_path, "page.html", markup.encode(encoding, errors="replace"))
    try:
        doc = load(p)
    except GovReportError as e:
        assert "\n" not in str(e) and "page.html" in str(e)
        return
    assert doc.source_format == "html" and doc.text.strip() and "\r" not in doc.text
