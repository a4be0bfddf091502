"""Every data file is validated when it is loaded (govreport.vocab): a misspelled, missing or
malformed entry is an error naming the file and the key, never a rule that silently does nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

from govreport import vocab
from govreport.errors import GovReportError
from govreport.mentions import MentionFinder
from govreport.vocab import load_data

DATA = resources.files("govreport").joinpath("data")

# data files not (yet) read through govreport.vocab, each with who converts it
NOT_YET = {
    # the unit registry, validated by the Pydantic models of govreport.units
    "units.tsv": "govreport.units",
    "magnitudes.tsv": "govreport.units",
    "variants.tsv": "govreport.units",
    "number_words.tsv": "govreport.units",
    "layout.json": "govreport.layout",
    "catalogue.csv": "catalogue.py",
    "catalogue.rules.toml": "catalogue.py",
    "review.css": "an asset of the review page, not a vocabulary",
    "review.js": "an asset of the review page, not a vocabulary",
}


def test_every_data_file_has_a_schema():
    files = {p.name for p in DATA.iterdir() if p.is_file()}
    assert sorted(files - set(vocab.PACKAGED) - set(NOT_YET)) == []
    assert sorted((set(vocab.PACKAGED) | set(NOT_YET)) - files) == []


@pytest.mark.parametrize("name", sorted(vocab.PACKAGED))
def test_every_packaged_data_file_loads_through_its_schema(name):
    v = load_data(name, vocab.PACKAGED[name])
    assert isinstance(v, vocab.PACKAGED[name])
    fields = v.model_dump()
    assert all(fields[k] for k in ("words", "rows") if k in fields)  # a word list that reads empty is wrong


def _mentions_copy(tmp_path, change) -> str:
    raw = json.loads(DATA.joinpath("mentions.json").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "my_mentions.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _misspell(raw):
    raw["change_dwon"] = raw.pop("change_down")


def test_a_misspelled_key_in_mentions_json_names_the_file_and_the_key(tmp_path):
    path = _mentions_copy(tmp_path, _misspell)
    with pytest.raises(GovReportError) as e:
        MentionFinder(path)
    message = str(e.value)
    assert message.startswith(f"{path}: ") and "change_dwon" in message and "\n" not in message


def test_the_misspelled_copy_given_by_environment_is_a_one_line_error(tmp_path):
    # GOVREPORT_MENTIONS swaps in a user's copy for the whole library
    path = _mentions_copy(tmp_path, _misspell)
    code = "import govreport; govreport.extract('增长6%')"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={"GOVREPORT_MENTIONS": path, "PATH": ""})
    assert p.returncode != 0
    assert f"GovReportError: {path}: unknown key 'change_dwon'" in p.stderr


@pytest.mark.parametrize("change,expected", [
    (lambda raw: raw.pop("change_up"), "missing key 'change_up'"),
    (lambda raw: raw.update(comparison_regex="比(\\d{4}年"), "key 'comparison_regex': not a regular expression"),
    (lambda raw: raw["bound_after"].update(aprox=["上下"]), "key 'bound_after.aprox.[key]'"),
    (lambda raw: raw.update(change_units="%"), "key 'change_units'"),
], ids=["missing", "bad regex", "unknown bound", "a word where a list belongs"])
def test_a_malformed_mentions_json_names_the_key(tmp_path, change, expected):
    path = _mentions_copy(tmp_path, change)
    with pytest.raises(GovReportError, match=f"^{path}: .*") as e:
        MentionFinder(path)
    assert expected in str(e.value)


def test_comments_are_keys_starting_with_an_underscore(tmp_path):
    path = _mentions_copy(tmp_path, lambda raw: raw.update(_my_note="why I added 大概"))
    assert MentionFinder(path).vocabulary == load_data("mentions.json", vocab.MentionVocabulary)


def test_an_extended_copy_changes_what_is_found(tmp_path):
    sentence = "地区生产总值增长大概6%。"
    assert [m.bound for m in MentionFinder().find(sentence)] == ["eq"]
    path = _mentions_copy(tmp_path, lambda raw: raw["bound_before"]["approx"].append("大概"))
    assert [m.bound for m in MentionFinder(path).find(sentence)] == ["approx"]


def test_a_dict_given_to_the_finder_is_validated_too():
    with pytest.raises(GovReportError, match="^the mention vocabulary given: missing key"):
        MentionFinder({"bound_before": {}})


def test_a_bad_row_of_a_table_file_names_its_line(tmp_path):
    path = tmp_path / "stops.tsv"
    path.write_text("# words\n顺利\thard\n落地\thrad\n", encoding="utf-8")
    with pytest.raises(GovReportError, match=f"^{path}: line 3, column kind: Input should be 'hard' or 'soft'"):
        load_data("indicator_np_stops.tsv", vocab.StopWords, path)
    path.write_text("顺利\thard\textra\n", encoding="utf-8")
    with pytest.raises(GovReportError, match=f"^{path}: line 1: 3 cells, the columns are word, kind"):
        load_data("indicator_np_stops.tsv", vocab.StopWords, path)


def test_a_word_list_keeps_one_word_a_line(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("# chrome words\nnav\nside bar\n", encoding="utf-8")
    with pytest.raises(GovReportError, match=f"^{path}: line 3: one word a line"):
        load_data("html_chrome.txt", vocab.WordList, path)
    path.write_text("nav  # the menu\nfooter\n", encoding="utf-8")
    assert load_data("html_chrome.txt", vocab.WordList, path).words == ("nav", "footer")


def test_a_missing_or_broken_file_is_a_one_line_error(tmp_path):
    with pytest.raises(GovReportError, match="cannot read"):
        load_data("tables.json", vocab.TablesVocabulary, tmp_path / "nowhere.json")
    bad = tmp_path / "tables.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GovReportError, match=f"^{bad}: bad JSON"):
        load_data("tables.json", vocab.TablesVocabulary, bad)


def test_every_packaged_schema_rejects_an_unknown_key():
    for name, model in vocab.PACKAGED.items():
        raw = load_data(name, model).model_dump()
        raw["misspelled_key"] = 1
        with pytest.raises(GovReportError, match="unknown key 'misspelled_key'"):
            vocab.validate(raw, model, name)
