"""Tables of main indicators (govreport.tables): each figure cell gets its row's indicator and its column's kind and year."""
from __future__ import annotations

import pytest

import govreport
from govreport.tables import table_cells

REPORT = "沂水县2024年政府工作报告\n二、2024年主要预期目标\n主要经济指标情况如下表：\n"
TABLE = (
    "指标\t单位\t2023年完成\t增长（%）\t2024年目标\n"
    "地区生产总值\t亿元\t486.3\t6.2\t增长6%左右\n"
    "固定资产投资\t亿元\t—\t-1.8\t增长8%—10%\n"
    "城镇新增就业\t人\t6852\t—\t6000人以上\n"
)


def _rows(text: str) -> list[tuple]:
    return [(r.number, r.indicator, r.value, r.value_high, r.unit, r.measure, r.direction, r.bound, r.kind, r.year,
             r.rule) for r in govreport.extract(text)]


def test_a_table_of_main_indicators():
    assert _rows(REPORT + TABLE + "三、重点工作\n") == [
        # a bare number takes its unit from the 单位 cell, kind and year from its column
        ("486.3", "地区生产总值", 486.3, None, "亿元", "level", None, "eq", "actual", 2023, "table-cell"),
        # 增长（%） after 2023年完成: a change in %, of 2023
        ("6.2", "地区生产总值", 6.2, None, "%", "change", "up", "eq", "actual", 2023, "table-cell"),
        # a cell with words is read as text; the column makes it a 2024 target of its row
        ("6%", "地区生产总值", 6.0, None, "%", "change", "up", "approx", "target", 2024, "number+unit"),
        # a minus sign in a growth column is the direction, not part of the number
        ("1.8", "固定资产投资", 1.8, None, "%", "change", "down", "eq", "actual", 2023, "table-cell"),
        ("8%—10%", "固定资产投资", 8.0, 10.0, "%", "change", "up", "range", "target", 2024, "range"),
        ("6852", "城镇新增就业", 6852.0, None, "人", "level", None, "eq", "actual", 2023, "table-cell"),
        ("6000人", "城镇新增就业", 6000.0, None, "人", "level", None, "min", "target", 2024, "number+unit"),
    ]


@pytest.mark.parametrize("header,row,expected", [
    # the unit in brackets in the header, no 单位 column
    ("项目\t2022年完成（亿元）\t2023年目标（亿元）", "财政收入\t30.5\t33",
     [("30.5", "财政收入", "亿元", "actual", 2022), ("33", "财政收入", "亿元", "target", 2023)]),
    # a year but no kind word: the kind is the text's around the table (a review: actual)
    ("指标\t单位\t2021年\t2022年", "粮食产量\t万吨\t55.2\t56.0",
     [("55.2", "粮食产量", "万吨", "actual", 2021), ("56.0", "粮食产量", "万吨", "actual", 2022)]),
    # 预计 in the header: an estimate
    ("指标\t单位\t2023年预计\t2024年计划", "进出口总额\t亿元\t120\t130",
     [("120", "进出口总额", "亿元", "estimate", 2023), ("130", "进出口总额", "亿元", "target", 2024)]),
])
def test_header_forms(header, row, expected):
    text = "一、2022年工作回顾\n" + header + "\n" + row + "\n"
    assert [(r.number, r.indicator, r.unit, r.kind, r.year) for r in govreport.extract(text, year=2023)] == expected


@pytest.mark.parametrize("text", [
    # no header row: tab-separated numbers with no column names are no table
    "地区生产总值\t亿元\t486.3\t6.2\n固定资产投资\t亿元\t120\t5.1\n",
    # two columns only
    "指标\t2023年完成\n地区生产总值\t486.3\n",
    # a bare number with no unit anywhere
    "指标\t2023年完成\t2024年目标\n企业数\t120\t130\n",
])
def test_no_figure_without_a_header_and_a_unit(text):
    assert [r for r in govreport.extract(text) if r.rule == "table-cell"] == []


def test_a_row_of_another_length_ends_the_table():
    text = "指标\t单位\t2023年完成\n地区生产总值\t亿元\t486.3\n注：\t按现价\t计算\t增速按不变价\n地区\t亿元\t12\n"
    assert [(c.row, text[c.start:c.end]) for c in table_cells(text)] == [("地区生产总值", "486.3")]


def test_cells_point_into_the_text():
    for c in table_cells(REPORT + TABLE):
        cell = (REPORT + TABLE)[c.start:c.end]
        assert cell == cell.strip() and "\t" not in cell and cell


def test_an_html_table_becomes_rows_of_cells(tmp_path):
    page = ("<html><body><p>2024年主要预期目标</p><table><tr><th>指标</th><th>单位</th><th>2023年完成</th>"
            "<th>2024年目标</th></tr><tr><td>地区生产总值</td><td>亿元</td><td>486.3</td><td>增长6%左右</td></tr>"
            "</table></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    recs = govreport.extract(path, year=2024)
    assert [(r.number, r.indicator, r.kind, r.year) for r in recs] == [
        ("486.3", "地区生产总值", "actual", 2023), ("6%", "地区生产总值", "target", 2024)]


def test_a_table_with_a_region_in_each_row():
    # the first header names regions: each row is a region, each column an indicator; a growth
    # column with no name of its own is of the column before it; 全市 is the document's region
    text = ("丹东市2023年各县（市、区）主要经济指标\n"
            "县（市、区）\t地区生产总值（亿元）\t增速（%）\n"
            "全市\t1012.6\t5.1\n"
            "元宝区\t118.6\t-4.2\n")
    got = [(r.number, r.indicator, r.unit, r.measure, r.direction, r.region)
           for r in govreport.extract(text) if r.rule == "table-cell"]
    assert got == [("1012.6", "地区生产总值", "亿元", "level", None, "丹东市"),
                   ("5.1", "地区生产总值", "%", "change", "up", "丹东市"),
                   ("118.6", "地区生产总值", "亿元", "level", None, "元宝区"),
                   ("4.2", "地区生产总值", "%", "change", "down", "元宝区")]
