"""The outline (govreport.structure): articles, sections, periods, moods, issuer, report year.

The openings and headings below are copied from real reports (../shared/corpus, and the shapes
issue 10 names: page chrome above the title, delivery lines in Chinese numerals, a title twice,
headings without years, 过去一年/今年/刚刚过去的2025年, a review mixing one year and five); the
body sentences are cut short. Each row: the text, the issuer and report year expected, and the
(kind, year, period_years) of each marked figure.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import govreport
from govreport.context import analyze, load_rules
from govreport.errors import GovReportError
from govreport.structure import build_outline, load_outline_cues

from examples import unmark  # the example harness's: ⟦…⟧ marks a figure


CHROME = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"

CASES = [
    pytest.param(
        CHROME + "2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n来源：北京日报\n"
        "时间：2026-02-02\n北京市市长 殷勇\n各位代表：\n一、2025年工作回顾\n2025年是“十四五”规划收官之年。"
        "全市地区生产总值增长⟦5.4%⟧。\n二、“十四五”时期发展成就和“十五五”时期主要目标任务\n过去五年，地区生产总值年均增长⟦5.2%⟧。\n"
        "“十五五”时期，地区生产总值年均增长⟦5%⟧左右。\n三、2026年重点工作\n今年经济社会发展主要预期目标是：地区生产总值增长⟦5%⟧左右。",
        "北京市", 2026, [("actual", 2025, 1), ("actual", 2025, 5), ("target", 2030, 5), ("target", 2026, 1)],
        id="page chrome, title, delivery line, a review of one year then of five"),
    pytest.param(
        "政府工作报告\n――2026年1月27日在青海省第十四届人民代表大会第四次会议上\n省长 罗东川\n2026-01-31 07:00:44\n"
        "来源：青海日报\n各位代表：\n一、2025年和“十四五”时期工作回顾\n2025年是“十四五”收官之年。全省地区生产总值增长⟦4.1%⟧，"
        "五年来地区生产总值年均增长⟦5.5%⟧。\n二、“十五五”主要目标任务\n三、2026年重点工作任务\n今年发展主要预期目标是：全省地区生产总值增长⟦4.5%⟧左右。",
        "青海省", 2026, [("actual", 2025, 1), ("actual", 2025, 5), ("target", 2026, 1)],
        id="title without a region above a byline; a review of 2025 and of 十四五"),
    pytest.param(
        "2026年甘肃省政府工作报告\n——二〇二六年一月二十七日在甘肃省第十四届人民代表大会第五次会议上\n各位代表：\n"
        "刚刚过去的2025年，全省地区生产总值增长⟦5.8%⟧。\n一、“十四五”时期工作回顾\n五年来，地区生产总值年均增长⟦6%⟧。\n"
        "二、2026年工作安排\n地区生产总值增长⟦5.5%⟧左右。",
        "甘肃省", 2026, [("actual", 2025, 1), ("actual", 2025, 5), ("target", 2026, 1)],
        id="delivery line in Chinese numerals; 刚刚过去的2025年 before the first heading"),
    pytest.param(
        "2026年福建省政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告工作。\n"
        "一、一年接着一年干，新福建建设持续取得新进展新成效\n2025年是“十四五”收官之年。一年来，全省地区生产总值增长⟦5%⟧。\n"
        "五年来，全社会研发经费投入年均增长⟦10.5%⟧。\n二、一张蓝图绘到底，奋力谱写中国式现代化福建篇章\n"
        "“十五五”时期，地区生产总值年均增长⟦5%⟧左右。\n三、一鼓作气勇争先，全力推动“十五五”开好局、起好步\n"
        "2026年是“十五五”开局之年。今年经济社会发展的主要预期目标是：城镇新增就业⟦50万人⟧。",
        "福建省", 2026, [("actual", 2025, 1), ("actual", 2025, 5), ("target", 2030, 5), ("target", 2026, 1)],
        id="headings without years: the sentences that open each part say when"),
    pytest.param(
        "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。\n一、一年来工作回顾\n"
        "过去的一年，是我国发展进程中重要而非同寻常的一年。国内生产总值比上年增长⟦9.1%⟧。\n二、2004年主要任务\n"
        "今年经济增长预期目标为⟦7%⟧左右。\n三、加强政府自身建设\n香港特别行政区经济增长⟦3.2%⟧。",
        "全国", 2004, [("actual", 2003, 1), ("target", 2004, 1), ("target", 2004, 1)],
        id="the State Council's report: 全国, whatever places it names"),
    pytest.param(
        "各位代表:\n本届政府1998年3月就职，任期即将结束。现在，我代表国务院，报告过去五年的工作。\n"
        "一、过去五年政府工作的回顾\n国内生产总值年均增长⟦7.7%⟧。国家外汇储备从⟦1399亿美元⟧增加到⟦2864亿美元⟧。\n"
        "二、对今年政府工作的建议\n2003年是全面贯彻落实党的十六大精神的开局之年。今年经济增长预期目标为⟦7%⟧左右。",
        "全国", 2003, [("actual", 2002, 5), ("actual", 1997, 1), ("actual", 2002, 1), ("target", 2003, 1)],
        id="a five-year review and a plan, no year in the headings; a from-value is the level before"),
    pytest.param(
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、 过去五年工作回顾\n"
        "2007年，国内生产总值达到⟦24.66万亿元⟧，比2002年增长⟦65.5%⟧，年均增长⟦10.6%⟧。\n二、2008年主要任务\n"
        "国内生产总值增长⟦8%⟧左右。",
        "全国", 2008, [("actual", 2007, 1), ("actual", 2007, 5), ("actual", 2007, 5), ("target", 2008, 1)],
        id="a change against a year five before, and 年均, span the five years"),
    pytest.param(
        "各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、去年工作回顾\n"
        "粮食总产量在上年大幅度增长的基础上，又增产⟦291亿斤⟧。\n二、2006年主要任务\n"
        "今年，中央财政用于农村义务教育的经费将达到⟦900亿元⟧，今后五年中央财政将投入⟦100亿元⟧。"
        "“十一五”年均增长⟦7.5%⟧。今年起，农民的补助标准由⟦20元⟧提高到⟦40元⟧。",
        "全国", 2006, [("actual", 2005, 1), ("target", 2006, 1), ("target", 2010, 1), ("target", 2010, 5),
                       ("actual", 2005, 1), ("target", 2006, 1)],
        id="a comparison base, a five-year horizon, a plan period's pace, a from-value in the plan"),
    pytest.param(
        "兴文县人民政府工作报告\n（2018年12月26日在兴文县第十八届人民代表大会第三次会议上）\n各位代表：\n"
        "一、2018年工作回顾\n全县地区生产总值增长⟦8.5%⟧。\n二、2019年工作安排\n地区生产总值增长⟦8%⟧左右。",
        "兴文县", 2019, [("actual", 2018, 1), ("target", 2019, 1)],
        id="delivered in December: it reviews its own year and plans the next"),
    pytest.param(
        "二、“十五五”时期目标任务和2026年工作安排\n《纲要（草案）》提出，地区生产总值年均增长⟦5%⟧左右。\n"
        "今年是“十五五”开局之年。全省经济社会发展的主要预期目标是：地区生产总值增长⟦4.5%⟧左右。",
        None, 2026, [("target", 2030, 5), ("target", 2026, 1)],
        id="one heading for the five-year plan and the year's: 今年 opens the year's part"),
    pytest.param(
        "某市发布2023年经济社会发展主要预期目标\n2022-12-30 10:12 来源：某市日报\n记者从市发改委获悉，2023年全市经济社会"
        "发展的主要预期目标是：地区生产总值增长⟦5.5%⟧以上。",
        None, 2023, [("target", 2023, 1)],
        id="news published in December quoting next year's targets"),
    pytest.param(
        "关于柳州市2023年上半年国民经济和社会发展计划执行情况的报告\n——2023年8月29日在柳州市第十五届人民代表大会常务委员会第十四次会议上\n"
        "一、上半年计划执行情况\n上半年，全市实现地区生产总值⟦1520.36亿元⟧。\n三、下半年工作措施\n力争全年汽车产量达到⟦184万辆⟧。",
        "柳州市", 2023, [("actual", 2023, 1), ("target", 2023, 1)],
        id="a half-year execution report: 上半年 is done, 下半年 ahead"),
]


def case(words: str) -> str:
    """The marked text of the case whose id holds ``words``."""
    return next(c.values[0] for c in CASES if words in c.id)


@pytest.mark.parametrize("marked, region, report_year, expected", CASES)
def test_real_openings(marked, region, report_year, expected):
    text, spans = unmark(marked)
    doc = analyze(text, name="report.txt")
    assert (doc.outline.region, doc.outline.report_year) == (region, report_year), doc.describe()
    # through the pipeline: a level reached at the end of a five-year review is that year's alone
    by_start = {r.start: r for r in govreport.extract(govreport.load_text(text, name="report.txt"))}
    got = [(by_start[s].kind, by_start[s].year, by_start[s].period_years) for s, _ in spans]
    assert got == expected, doc.describe()


def test_every_figure_says_why():
    text, spans = unmark(case("page chrome"))
    doc = analyze(text)
    first = doc.at(*spans[0])
    assert first.kind_rule == "section:opener:2025年是" and first.year_rule == "section:opener:2025年是"
    assert first.region_rule == "article:title:2026年北京市政府工作报告"
    recs = govreport.extract(text)
    assert all(r.kind_rule and r.year_rule and r.region_rule for r in recs)
    assert {r.region_rule for r in recs} == {"article:title:2026年北京市政府工作报告"}


def test_the_tree_shows_sections_and_blocks():
    text, _ = unmark(case("headings without years"))
    tree = build_outline(text).tree()
    assert tree.splitlines() == [
        f"[0:{len(text)}] 2026年福建省政府工作报告 — report 2026, 福建省",
        "  一、一年接着一年干，新福建建设持续取得新进展新成效",
        "    2025年是 — review 2025",
        "    一年来 — review 2025",
        "    五年来 — review 2021–2025",
        "  二、一张蓝图绘到底，奋力谱写中国式现代化福建篇章",
        "    “十五五”时期 — plan 2026–2030",
        "  三、一鼓作气勇争先，全力推动“十五五”开好局、起好步",
        "    2026年是 — plan 2026",
        "    今年 — plan 2026",
    ]


def test_caller_overrides_region_and_year():
    text, spans = unmark(case("one heading for the five-year plan"))
    doc = analyze(text, region="辽宁省", year=2026)
    assert doc.outline.region == "辽宁省" and doc.at(*spans[1])[:3] == ("target", 2026, "辽宁省")
    assert doc.at(*spans[1]).region_rule == "article:given"


def test_outline_of_a_document_and_a_path(tmp_path):
    text, _ = unmark(case("page chrome"))
    path = tmp_path / "北京.txt"
    path.write_text(text, encoding="utf-8")
    by_path = govreport.outline(path)
    by_doc = govreport.outline(govreport.load(path))
    assert by_path == by_doc and by_path.region == "北京市"
    assert govreport.extract(govreport.load(path)).outline == by_path
    assert "<pre>" in by_path._repr_html_()
    # the model round-trips through JSON
    assert govreport.Outline.model_validate_json(by_path.model_dump_json()) == by_path


def test_outline_command(tmp_path):
    text, _ = unmark(case("page chrome"))
    path = tmp_path / "北京.txt"
    path.write_text(text, encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "govreport", "outline", *map(str, a)],
                                    capture_output=True, text=True)
    p = run(path)
    assert p.returncode == 0, p.stderr
    assert "一、2025年工作回顾 — review 2025" in p.stdout and "三、2026年重点工作 — plan 2026" in p.stdout
    p = run(path, "--rules")
    assert "[heading:一、2025年工作回顾]" in p.stdout
    p = run(path, "--json")
    assert json.loads(p.stdout)["region"] == "北京市"
    p = run(tmp_path / "missing.txt")
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_bad_outline_data_is_a_one_line_error(tmp_path):
    with pytest.raises(GovReportError, match="unknown key"):
        load_outline_cues({"title_max_charz": 60})
    bad = tmp_path / "o.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(GovReportError, match="bad JSON"):
        load_outline_cues(bad)


def test_bad_rules_are_one_line_errors():
    with pytest.raises(GovReportError, match="unknown condition 'scope_plann'"):
        load_rules({"kind_rules": [{"rule": "x", "when": ["scope_plann"], "kind": "target"}], "year_rules": []})
    with pytest.raises(GovReportError, match="kind_rules.0.kind': Input should be 'target'"):
        load_rules({"kind_rules": [{"rule": "x", "when": [], "kind": "goal"}], "year_rules": []})


def test_a_rule_table_changes_the_precedence():
    """The precedence is data: a table without the estimate rule leaves 预计 figures actual."""
    import json as _json
    from importlib import resources

    raw = _json.loads(resources.files("govreport").joinpath("data", "context_rules.json").read_text("utf-8"))
    text = "一、2023年工作回顾\n预计全年地区生产总值增长6%。"
    i = text.index("6%")
    assert analyze(text, region="某市").at(i, i + 2).kind == "estimate"
    raw["kind_rules"] = [r for r in raw["kind_rules"] if not r["rule"].startswith("clause:estimate")]
    assert analyze(text, region="某市", rules=raw).at(i, i + 2).kind == "actual"


def test_a_heading_can_be_overridden():
    text = "一、坚定信心，砥砺前行\n全市地区生产总值增长⟦5%⟧。"
    plain, spans = unmark(text)
    i = spans[0][0]
    # no mark of a report: an article of the year given
    assert govreport.extract(plain, region="某市", year=2026)[0].year_rule == "article:year"
    rec = govreport.extract(plain, region="某市", year=2026,
                            sections={"一、坚定信心": "review 2021-2025"})[0]
    assert (rec.kind, rec.year, rec.period_years, rec.year_rule) == ("actual", 2025, 5, "section:given:一、坚定信心")
    rec = govreport.extract(plain, region="某市", year=2026, sections={"一、坚定信心": "plan 2026"})[0]
    assert (rec.kind, rec.year) == ("target", 2026) and rec.start == i
    with pytest.raises(GovReportError, match="is not 'review YYYY'"):
        govreport.extract(plain, sections={"一、": "next year"})


def test_section_option_on_the_command_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、坚定信心，砥砺前行\n全市地区生产总值增长5%。\n", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "govreport", *map(str, a)], capture_output=True, text=True)
    p = run("extract", path, "--year", "2026", "--section", "一、坚定信心=review 2021-2025", "-q")
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout.splitlines()[0])
    assert (rec["year"], rec["period_years"], rec["year_rule"]) == (2025, 5, "section:given:一、坚定信心")
    p = run("outline", path, "--year", "2026", "--section", "一、坚定信心=plan 2026")
    assert "一、坚定信心，砥砺前行 — plan 2026" in p.stdout
    p = run("extract", path, "--section", "一、坚定信心")
    assert p.returncode == 2 and p.stderr.startswith("govreport: --section") and "Traceback" not in p.stderr


def test_a_region_named_in_passing_is_no_subject():
    text, spans = unmark(
        "2026年天津市政府工作报告\n一、2025年和“十四五”时期工作回顾\n五年来，改革开放持续深化，滨海新区开发开放龙头作用更加"
        "突出，市属国企利润年均增长⟦11.1%⟧。2025年，滨海新区实现地区生产总值⟦8000亿元⟧，增长⟦5%⟧；武清区增长⟦6%⟧。")
    by_start = {r.start: r for r in govreport.extract(text)}
    assert [(by_start[s].region, by_start[s].year, by_start[s].period_years) for s, _ in spans] == [
        ("天津市", 2025, 5), ("滨海新区", 2025, 1), ("滨海新区", 2025, 1), ("武清区", 2025, 1)]
