"""The rules' language data (the files in ``govreport/data``), validated when it is loaded.

Each vocabulary is a Pydantic model; :func:`load_data` reads a packaged file or a user's copy
and checks it against its model, so a misspelled key, a missing key, a value of the wrong kind
or a regular expression that does not compile is an error naming the file and the key, never a
rule that silently does nothing:

    >>> v = load_data("mentions.json", MentionVocabulary)
    >>> v.bound_after["approx"]
    ('左右', '上下')
    >>> validate({"words": ["导航", "\\t"]}, WordList, "my_chrome.txt")
    Traceback (most recent call last):
    ...
    govreport.errors.GovReportError: my_chrome.txt: line 2: one word a line, without tabs or spaces

The format follows the file's suffix:

* ``.json``: an object whose keys are the model's fields; keys starting with ``_`` are comments;
* ``.txt``: one word a line (model :class:`WordList`); ``#`` starts a comment;
* ``.tsv``: one row a line, tab-separated cells in the order of the fields of the model's
  ``rows`` item (a missing or empty last cell takes the field's default); ``#`` starts a comment.

A new data file gets a model here (a subclass of :class:`Vocabulary`, which forbids unknown
keys), an entry in :data:`PACKAGED`, and is read with ``load_data(name, Model)``.
"""
from __future__ import annotations

import json
import os
import re
from importlib import resources
from typing import Annotated, Literal, Optional, TypeVar, Union

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from .errors import GovReportError

__all__ = ["Vocabulary", "WordList", "MentionVocabulary", "IndicatorPatterns", "StopWords", "LeadingWords",
           "TablesVocabulary", "SegmentVocabulary", "OutlineVocabulary", "ContextCues", "ContextRules", "Regions",
           "PACKAGED", "load_data", "load_source", "validate"]


# ---------------------------------------------------------------- value types

def _one_word(w: str) -> str:
    if not w or any(c.isspace() for c in w):
        raise ValueError("one word a line, without tabs or spaces")
    return w


def _re_compiles(p: str) -> str:
    try:
        re.compile(p)
    except re.error as e:
        raise ValueError(f"not a regular expression: {e}") from None
    return p


def _regex_compiles(p: str) -> str:
    try:
        regex.compile(p)
    except regex.error as e:
        raise ValueError(f"not a regular expression: {e}") from None
    return p


Word = Annotated[str, AfterValidator(_one_word)]
#: a pattern for Python's ``re`` (the indicator and table rules)
RePattern = Annotated[str, AfterValidator(_re_compiles)]
#: a pattern for the ``regex`` package (the mention rules)
RegexPattern = Annotated[str, AfterValidator(_regex_compiles)]
Words = tuple[str, ...]


class Vocabulary(BaseModel):
    """A data file's content. Unknown keys are errors: a misspelled key must not pass unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- the vocabularies

class WordList(Vocabulary):
    """A ``.txt`` word list: one word a line."""

    words: tuple[Word, ...]


Bounds = dict[Literal["approx", "min", "max"], Words]


class MentionVocabulary(Vocabulary):
    """``mentions.json``: the words around a number that the mention finder reads."""

    bound_before: Bounds
    # a rate's denominator written between the bound word and the number (低于每立方米19微克)
    per_unit_before_number_regex: RegexPattern = "(?!)"
    bound_after: Bounds
    change_up: Words
    change_down: Words
    change_units: Words
    bare_magnitude_people: Words = ("人口",)
    list_separators: Words = ("、",)
    comparison_regex: RegexPattern
    to_level_after_verb: Words
    fillers_between_verb_and_number: Words
    descriptor_heads_after_amount: Words
    threshold_class_nouns: Words = ()
    descriptor_units: Words
    descriptor_threshold_before: Words
    exclude_before_regex: tuple[RegexPattern, ...]
    exclude_after_regex: tuple[RegexPattern, ...]
    ranking_after_regex: RegexPattern
    ranking_field_end: Words = ()
    rank_units: Words = ()
    rank_shift_before_regex: RegexPattern = "(?!)"
    cumulative_before_regex: RegexPattern = "(?!)"
    chinese_count_ok_before_regex: tuple[RegexPattern, ...]
    chinese_count_min_value: float = 2
    chinese_count_small_units: Words = ()
    chinese_count_ok_magnitudes: Words = ()
    chinese_count_not_units: Words = ()
    chinese_count_share_units: Words = ()
    chinese_count_event_units: Words = ()
    chinese_count_event_after_regex: RegexPattern = "(?!)"
    bare_magnitude_people_modifier_chars: int = 0
    package_units: Words = ()
    package_after_regex: RegexPattern = "(?!)"
    indicator_system_units: Words = ()
    indicator_system_after_regex: RegexPattern = "(?!)"
    indicator_system_setting_regex: RegexPattern = "(?!)"
    indicator_system_outcome_regex: RegexPattern = "(?!)"
    fraction_max_value: float = 1
    slash_fraction_denominators: tuple[int, ...] = ()
    fraction_exclude_after_regex: RegexPattern = "(?!)"
    fraction_exclude_before_regex: RegexPattern = "(?!)"


class IndicatorPatterns(Vocabulary):
    """``indicator_patterns.json``: the patterns and word lists of the indicator namer."""

    comparison: tuple[RePattern, ...]
    time: tuple[RePattern, ...]
    descriptor_after: RePattern
    list_subject_quantifier: RePattern
    inner_words: tuple[RePattern, ...]
    leading: tuple[RePattern, ...]
    topic_regex: RePattern = "(?!)"
    adverbial_openers: tuple[RePattern, ...] = ()
    region_prefix: tuple[RePattern, ...]
    place_nouns_not_regions: Words = ()
    cut_after: tuple[RePattern, ...]
    not_names: Words
    opens_predicate: RePattern
    pairs: dict[str, Words]
    shared_heads: Words
    alias: RePattern
    rate_words: Words = ()
    shared_head_classes: Words = ()
    named_amounts: Words
    project_name_trailing: Words = ()
    bound_after: Words
    verb_phrase_adverbs: Words
    money_heads: Words = ()
    list_prepositions: Words = ()
    giving_verbs: Words = ()
    purpose_words: Words = ()
    right_np_trailing: RePattern = "(?!)"


class StopWord(Vocabulary):
    word: Word
    kind: Literal["hard", "soft"] = "hard"


class StopWords(Vocabulary):
    """``indicator_np_stops.tsv``: words that end the noun phrase after a number."""

    rows: tuple[StopWord, ...]


class LeadingWord(Vocabulary):
    word: Word
    role: Literal["verb", "increment", "total", "other"] = "other"


class LeadingWords(Vocabulary):
    """``indicator_strip_leading.tsv``: words that open a clause before an indicator's name."""

    rows: tuple[LeadingWord, ...]


class TablesVocabulary(Vocabulary):
    """``tables.json``: the header words of tables of main indicators."""

    min_columns: int
    name_header_regex: RePattern
    unit_header_regex: RePattern
    region_header_regex: RePattern
    total_row_regex: RePattern
    change_header_regex: RePattern
    kind_header_regex: dict[Literal["target", "actual", "estimate"], RePattern]
    header_year_regex: RePattern
    header_unit_regex: RePattern
    empty_cell_regex: RePattern
    bare_number_regex: RePattern


class HeadingMarker(Vocabulary):
    name: str
    regex: RePattern
    level: int


class OutlineVocabulary(Vocabulary):
    """``outline.json``: how a document's structure is read (govreport.structure). Word lists of
    headings are regular expressions (``报告.{0,6}的工作``)."""

    separator_line_regex: RePattern
    rule_line_regex: RePattern
    byline_regex: RePattern
    title_max_chars: int
    title_min_chars: int
    title_skip_regex: RePattern
    report_title_regex: RePattern
    report_delivery_regex: RePattern
    delivery_plans_next_year_from_month: int
    report_opening_markers: Words
    report_marker_chars: int
    issuer_self_regex: RePattern
    country_issuers: Words
    country_venue_words: Words
    source_line_regex: RePattern
    heading_max_chars: int
    heading_sentence_max_chars: int
    heading_match_window: int
    heading_markers: tuple[HeadingMarker, ...]
    numbered_heading_start_regex: RePattern
    review_words: tuple[RePattern, ...]
    plan_words: tuple[RePattern, ...]
    review_words_untimed: tuple[RePattern, ...]
    plan_words_untimed: tuple[RePattern, ...]
    period_heading_words: tuple[RePattern, ...]
    estimate_words: tuple[RePattern, ...]
    review_prefixes: Words
    plan_prefixes: Words
    heading_period_window: int
    period_joiners: Words
    by_year_max_chars: int
    period_regex: RePattern
    plan_periods: dict[str, int]
    relative_periods: dict[str, tuple[int, int]]
    opener_regex: RePattern
    year_regex: RePattern
    relative_years: dict[str, int]
    comparison_before_regex: RePattern
    comparison_after_regex: RePattern
    own_number_before_regex: RePattern
    own_number_after_regex: RePattern
    name_open_regex: RePattern
    year_span_after_regex: RePattern
    region_scope_words: dict[Literal["country", "province", "city", "county"], Words]
    self_reference_before_regex: RePattern
    self_reference_after_regex: RePattern
    self_reference_weight: int
    scope_word_exclude_after_regex: RePattern
    zone_regex: RePattern
    bullet_regex: RePattern
    opener_max_lines: int
    plan_mood_words: Words
    result_mood_words: Words
    future_parts: Words


class SegmentVocabulary(Vocabulary):
    """``segment.json``: the boundaries of sentences, clauses and list items (govreport.segment)."""

    sentence_end_regex: RePattern
    clause_end_regex: RePattern
    item_end_regex: RePattern


class ContextCues(Vocabulary):
    """``context_cues.json``: the clause cues of a figure's kind, year and region (govreport.context)."""

    estimate_regex: RePattern
    estimate_modifier_before_regex: RePattern
    target_regex: tuple[RePattern, ...]
    target_after_regex: RePattern
    target_year_lookback_chars: int
    period_to_date_regex: RePattern
    result_marker_regex: RePattern
    target_cancel_regex: RePattern
    subregion_lead_regex: RePattern
    subregion_list_joiners: Words
    subregion_respectively_regex: RePattern
    subregion_group_after_regex: RePattern
    five_year_clause_regex: RePattern
    section_relative_years: dict[str, int]
    from_value_before_regex: RePattern
    from_value_after_regex: RePattern
    horizon_regex: RePattern
    average_clause_regex: RePattern


class ContextRule(Vocabulary):
    rule: str
    when: tuple[str, ...] = ()  # condition names, checked against govreport.context.CONDITIONS
    kind: Optional[Literal["target", "actual", "estimate", "scope"]] = None
    year: Optional[Literal["own_year", "scope", "also", "present", "plan_year", "year_after", "before_scope",
                           "horizon", "before_own_year"]] = None
    period: Optional[Union[Literal["scope", "also", "multi", "since_comparison", "plan_period"], Literal[1]]] = None


class ContextRules(Vocabulary):
    """``context_rules.json``: the precedence of a figure's evidence (govreport.context)."""

    kind_rules: tuple[ContextRule, ...]
    year_rules: tuple[ContextRule, ...]


class RegionRow(Vocabulary):
    name: str
    level: Literal["country", "province", "city", "county"]
    parent: str = ""
    short: str = ""


class Regions(Vocabulary):
    """``regions.tsv``: the gazetteer, one region a row: name, level, parent, short name."""

    rows: tuple[RegionRow, ...]


#: every packaged data file that is validated, with its model
PACKAGED: dict[str, type[Vocabulary]] = {
    "segment.json": SegmentVocabulary,
    "outline.json": OutlineVocabulary,
    "context_cues.json": ContextCues,
    "context_rules.json": ContextRules,
    "regions.tsv": Regions,
    "regions_ambiguous.txt": WordList,
    "mentions.json": MentionVocabulary,
    "indicator_patterns.json": IndicatorPatterns,
    "indicator_np_stops.tsv": StopWords,
    "indicator_np_not_stops.txt": WordList,
    "indicator_strip_leading.tsv": LeadingWords,
    "indicator_attributes.txt": WordList,
    "indicator_beneficiary_verbs.txt": WordList,
    "indicator_generic.txt": WordList,
    "indicator_levels.txt": WordList,
    "indicator_object_verbs.txt": WordList,
    "indicator_strip_trailing.txt": WordList,
    "tables.json": TablesVocabulary,
    "html_chrome.txt": WordList,
}


# ---------------------------------------------------------------- loading

V = TypeVar("V", bound=Vocabulary)


def load_data(name: str, model: type[V], path: Union[str, os.PathLike, None] = None) -> V:
    """The vocabulary of the packaged data file ``name``, or of the user's file ``path`` (in the
    same format, which replaces it), validated against ``model``."""
    if path is not None:
        label = os.fspath(path)
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        except OSError as e:
            raise GovReportError(f"{label}: cannot read: {e.strerror or e}") from None
    else:
        label = f"govreport/data/{name}"
        text = resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")
    suffix = os.path.splitext(name)[1]
    lines: list[int] = []  # the file's line number of each word or row
    if suffix == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as e:
            raise GovReportError(f"{label}: bad JSON: {e}") from None
    elif suffix == ".txt":
        raw = {"words": []}
        for n, line in enumerate(text.splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if line:
                raw["words"].append(line)
                lines.append(n)
    elif suffix == ".tsv":
        columns = list(model.model_fields["rows"].annotation.__args__[0].model_fields)
        raw = {"rows": []}
        for n, line in enumerate(text.splitlines(), 1):
            line = line.split("#", 1)[0]
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > len(columns):
                raise GovReportError(f"{label}: line {n}: {len(cells)} cells, the columns are "
                                     f"{', '.join(columns)}")
            raw["rows"].append(dict(zip(columns, cells)))
            lines.append(n)
    else:
        raise GovReportError(f"{label}: a data file is .json, .txt or .tsv")
    return validate(raw, model, label, lines)


def load_source(name: str, model: type[V], source=None, env: Optional[str] = None) -> V:
    """A vocabulary from what a caller gives: a dict (or a model), a path to a file in the format of
    ``name``, else the file named by the environment variable ``env``, else the packaged ``name``;
    validated against ``model`` either way."""
    if source is None and env and os.environ.get(env):
        source = os.environ[env]
    if source is None:
        return load_data(name, model)
    if isinstance(source, (dict, model)):
        return validate(source, model, f"the {name} given")
    return load_data(name, model, source)


def validate(raw, model: type[V], label: str, lines: Optional[list[int]] = None) -> V:
    """``raw`` (a dict read from ``label``) as ``model``; keys starting with ``_`` are comments.
    An error names ``label`` and the key (or the line, given the line of each word or row)."""
    if isinstance(raw, model):
        return raw
    if not isinstance(raw, dict):
        raise GovReportError(f"{label}: expected an object of keys, got {type(raw).__name__}")
    raw = {k: v for k, v in raw.items() if not (isinstance(k, str) and k.startswith("_"))}
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        errors = e.errors()
        # an unknown key first: it is most often a misspelling, and explains the key said missing
        first = next((x for x in errors if x["type"] == "extra_forbidden"), errors[0])
        message = _describe(first, model, lines)
        missing = [".".join(map(str, x["loc"])) for x in errors if x["type"] == "missing"]
        if first["type"] == "extra_forbidden" and missing:
            message += f"; missing: {', '.join(missing)}"
        raise GovReportError(f"{label}: {message}") from None


def _describe(error: dict, model: type[Vocabulary], lines: Optional[list[int]]) -> str:
    loc, kind = list(error["loc"]), error["type"]
    msg = error["msg"].removeprefix("Value error, ")
    if loc and loc[0] in ("words", "rows") and len(loc) > 1 and isinstance(loc[1], int):
        n = lines[loc[1]] if lines and loc[1] < len(lines) else loc[1] + 1
        column = f", column {loc[2]}" if len(loc) > 2 else ""
        return f"line {n}{column}: {msg}"
    key = ".".join(str(p) for p in loc)
    if kind == "extra_forbidden":
        return f"unknown key {key!r} (the keys are {', '.join(model.model_fields)})"
    if kind == "missing":
        return f"missing key {key!r}"
    return f"key {key!r}: {msg}"
