"""Find, filter and resolve the time expressions of one parsed document.

Owns: turning a spaCy Doc into `records.Timex` objects. Candidates come from the
grammar (our patterns, which know their meaning) and from spaCy's DATE/TIME
entities (which catch phrasings the patterns do not know); overlaps are settled in
favour of the longer, pattern-backed span; general filters drop what only looks like
a date (a month inside a person's name, an anniversary ordinal).
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from spacy.tokens import Doc

from readouts.records import Timex
from readouts.timex import calendar as cal
from readouts.timex.grammar import RULES, Context, Reading
from readouts.timex.lexicon import alternation
from ..gate import is_parsed

log = logging.getLogger(__name__)

# Entities that own their words: a date-looking word inside them is part of a name.
NAME_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "NORP", "GPE", "LOC"}
# Words TimeML keeps outside a time expression's extent.
LEADING_SIGNALS = {"on", "in", "at", "by", "since", "until", "till", "from", "during",
                   "for", "to", "through", "throughout", "before", "after", "of", "as"}
CELEBRATIONS = {"anniversary", "birthday", "jubilee", "centenary", "centennial"}


@dataclass
class Candidate:
    start: int
    end: int
    reading: Reading
    source: str  # rule name, or "spacy"


def parsed_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences that went through the whole pipeline.

    A fully parsed Doc is one range. In a gated Doc the rest was only tokenised: no
    event is dated there and the grammar's tense reading has no parse to read.
    """
    ranges: list[tuple[int, int]] = []
    for sent in doc.sents:
        if not is_parsed(sent):
            continue
        if ranges and ranges[-1][1] >= sent.start_char - 1:
            ranges[-1] = (ranges[-1][0], sent.end_char)
        else:
            ranges.append((sent.start_char, sent.end_char))
    return ranges


def _rule_candidates(ctx: Context, ranges: list[tuple[int, int]]) -> list[Candidate]:
    found = []
    for rule in RULES:
        for m in (m for start, end in ranges for m in rule.pattern.finditer(ctx.text, start, end)):
            if m.end() <= m.start():
                continue
            try:
                reading = rule.handler(m, ctx)
            except (ValueError, OverflowError):  # calendar arithmetic past year 1 or 9999
                reading = None
            if reading is None:
                continue
            start = reading.start if reading.start is not None else m.start()
            end = reading.end if reading.end is not None else m.end()
            found.append(Candidate(start, end, reading, rule.name))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: earlier rule wins)."""
    order = {r.name: i for i, r in enumerate(RULES)}
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), order.get(c.source, 99), c.start))
    chosen: list[Candidate] = []
    for c in ranked:
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Character spans and labels of the named entities that are not dates (once per doc)."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


def _inside_name(names: list[tuple[int, int, str]], text: str, c: Candidate) -> bool:
    """True when the candidate sits within a named entity that is not a date.

    Place names may carry a year ("Beijing 2008"), so only the words of person,
    organisation and similar names are taken as part of the name.
    """
    for start, end, label in names:
        if start <= c.start and c.end <= end:
            if label in ("GPE", "LOC", "NORP") and re.search(r"\d", text[c.start:c.end]):
                continue
            return True
    return False


def _celebrated(doc: Doc, c: Candidate) -> bool:
    """An ordinal or year that counts an anniversary ("the 70th anniversary")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    following = doc[span.end : span.end + 2]
    return any(t.lower_ in CELEBRATIONS for t in following) and any(
        t.like_num or re.search(r"\d", t.text) for t in span)


def _spacy_candidates(doc: Doc, ctx: Context, ranges: list[tuple[int, int]]) -> list[Candidate]:
    """spaCy DATE/TIME entities, trimmed, whose value dateparser can read.

    Only absolute expressions are taken from here (the grammar owns relative ones):
    without a value a span would only cost precision.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if not any(start <= ent.start_char and ent.end_char <= end for start, end in ranges):
            continue
        tokens = list(ent)
        while tokens and (tokens[0].lower_ in LEADING_SIGNALS or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].text in ("'s", "’s")):
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        reading = _parse_absolute(ctx.text[start:end], ent.label_, ctx.anchor)
        if reading is not None:
            out.append(Candidate(start, end, reading, "spacy"))
    return out


_MONTH_WORD = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?![a-z])")


def _parse_absolute(text: str, label: str, anchor: date | None) -> Reading | None:
    """A value for an absolute date text via dateparser; None if it is not one."""
    # Only calendar dates with a month name: bare numbers are ages and counts as
    # often as years, and the grammar already reads every year it trusts.
    if not re.search(r"\d", text) or not _MONTH_WORD.search(text):
        return None
    from dateparser.date import DateDataParser

    settings = {"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year"], "RETURN_TIME_AS_PERIOD": True}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return Reading("DATE", f"{d.year:04d}")
    if data.period == "month":
        return Reading("DATE", f"{d.year:04d}-{d.month:02d}")
    if data.period == "time" and label == "TIME":
        return Reading("TIME", f"{d:%Y-%m-%dT%H:%M}")
    return Reading("DATE", f"{d:%Y-%m-%d}")


def find(doc: Doc, anchor: date | None) -> list[Timex]:
    """All time expressions of a parsed document, resolved against anchor."""
    ctx = Context(doc, anchor)
    names = _name_spans(doc)
    ranges = parsed_ranges(doc)
    rule_found = [c for c in _rule_candidates(ctx, ranges)
                  if not _inside_name(names, ctx.text, c) and not _celebrated(doc, c)]
    chosen = _select(rule_found)
    for c in _spacy_candidates(doc, ctx, ranges):
        if _celebrated(doc, c) or _inside_name(names, ctx.text, c):
            continue
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    if ctx.anchor is not None:
        chosen = _weekdays_on_named_days(chosen, ctx.text, ctx.anchor)
        chosen = _released_days_opened(chosen, ctx.text)
    return [Timex(start=c.start, end=c.end, text=ctx.text[c.start:c.end], type=c.reading.type,
                  value=c.reading.value, anchored=c.reading.anchored) for c in chosen]


_DAY_VALUE = re.compile(r"(\d{4}-\d{2}-\d{2})(.*)")


def _weekdays_on_named_days(chosen: list[Candidate], text: str, anchor: date) -> list[Candidate]:
    """A bare weekday in a future clause that falls on the publication's own weekday
    is either that day or the same weekday a week on; when the text names that
    later day in full ("on Monday 6 May ... the trilateral on Monday"), the bare
    weekday is that day. Without such a day, today stays the reading (see
    `grammar.weekday`)."""
    named = {c.reading.value[:10] for c in chosen
             if c.source != "weekday" and c.reading.type == "DATE" and _FULL_DAY.fullmatch(c.reading.value)
             and re.search(r"\d", text[c.start:c.end])}
    week_on = (anchor + timedelta(days=7)).isoformat()
    if week_on not in named or anchor.isoformat() in named:
        return chosen
    out = []
    for c in chosen:
        m = _DAY_VALUE.fullmatch(c.reading.value)
        if c.reading.week_open and m:
            c = Candidate(c.start, c.end, replace(c.reading, value=week_on + m.group(2)), c.source)
        out.append(c)
    return out


_RELEASED = Path(__file__).resolve().parent.parent / "data" / "released_texts.toml"
with _RELEASED.open("rb") as _handle:
    _RELEASE_WORDS = tomllib.load(_handle)
# A sentence ending on the announcement of a text the page then reproduces.
_RELEASE_ANNOUNCED = re.compile(
    rf"\b(?:{alternation(_RELEASE_WORDS['verbs'])})\s+(?:(?:a|an|the|its|their)\s+)?(?:[a-z-]+\s+)?"
    rf"(?:{alternation(_RELEASE_WORDS['texts'])})\s*[.:](?=\s*\n|\s*$)", re.IGNORECASE)


def _released_days_opened(chosen: list[Candidate], text: str) -> list[Candidate]:
    """After a paragraph ending on "the ministry released a press release.", the text
    is the release's: its "yesterday" and "on Monday" count from the day it was
    issued, which the page does not give. Those days are left open, as on an undated
    page (the weekday or day word stays as evidence; merging places it)."""
    announced = _RELEASE_ANNOUNCED.search(text)
    if announced is None:
        return chosen
    return [_opened(c) if c.start >= announced.end() and c.reading.anchored else c for c in chosen]


def _opened(c: Candidate) -> Candidate:
    """A day worked out from the page's day, left open (its weekday kept)."""
    m = _DAY_VALUE.fullmatch(c.reading.value)
    if m is None or c.reading.type not in ("DATE", "TIME") or c.source not in ("weekday", "day_word"):
        return c
    day = date.fromisoformat(m.group(1))
    value = f"XXXX-WXX-{day.isoweekday()}" if c.source == "weekday" else "XXXX-XX-XX"
    return Candidate(c.start, c.end, replace(c.reading, value=value + m.group(2), anchored=False), c.source)


# Values an undated page leaves open: a weekday ("XXXX-WXX-3", maybe with a part of
# day) and a day of a month without its year ("XXXX-10-07").
_OPEN_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])(T[A-Z]{2})?")
_OPEN_YEAR = re.compile(r"XXXX-(\d{2})-(\d{2})(T[A-Z]{2})?")
_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def stated_days(timexes: list[Timex]) -> list[tuple[Timex, date]]:
    """The calendar days, year included, the text itself states (not worked out from
    the publication date), with their time expressions."""
    return [(t, date.fromisoformat(t.value[:10])) for t in timexes
            if t.type in ("DATE", "TIME") and not t.anchored and _FULL_DAY.match(t.value)]


def latest_stated_day(timexes: list[Timex]) -> date | None:
    """The latest calendar day, year included, the text itself states."""
    return max((day for _, day in stated_days(timexes)), default=None)


def resolve_undated(timexes: list[Timex]) -> list[Timex]:
    """Weekdays and yearless days of a page without a publication date, resolved
    on the latest day the page states (a caption's "May 6, 2023", a quoted post's
    stamp): the page was written then or soon after, so "on Wednesday" is the
    Wednesday nearest that day and "October 7" the nearest October 7th. Marked
    anchored, like any date worked out from another; unchanged when the page
    states no full day."""
    base = latest_stated_day(timexes)
    if base is None:
        return timexes
    return [_resolved_on(t, base) for t in timexes]


def _resolved_on(t: Timex, base: date) -> Timex:
    if t.type not in ("DATE", "TIME"):
        return t
    weekday = _OPEN_WEEKDAY.fullmatch(t.value)
    if weekday:
        day = cal.weekday_date(base, int(weekday.group(1)), "present")
        return _with_value(t, cal.day_value(day) + (weekday.group(2) or ""))
    yearless = _OPEN_YEAR.fullmatch(t.value)
    if yearless:
        month, day_of_month = int(yearless.group(1)), int(yearless.group(2))
        options = []
        for year in (base.year - 1, base.year, base.year + 1):
            try:
                options.append(date(year, month, day_of_month))
            except ValueError:
                continue
        if options:
            nearest = min(options, key=lambda d: abs((d - base).days))
            return _with_value(t, cal.day_value(nearest) + (yearless.group(3) or ""))
    return t


def _with_value(t: Timex, value: str) -> Timex:
    return Timex(start=t.start, end=t.end, text=t.text, type=t.type, value=value, anchored=True)
