"""Patterns that find English time expressions and say what each one means.

Owns: the rules. Each rule is a regular expression over the text plus a handler
that reads its groups and returns a `Reading` (TIMEX3 type and value), resolved
against the anchor (publication date) and the tense of the governing clause, or
None to reject the match (a modal "may", an age "five-year-old"...). Extents follow
TimeML: prepositions ("on", "in", "at") stay outside, determiners and modifiers
("the past 70 years", "early next year", "more than four hours") inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from readouts.timex import calendar as cal
from readouts.timex.lexicon import (
    COMPOUND_NUMBER_RE, DAY_PHRASE_SHIFTS, DAY_WORDS, HOLIDAYS, MONTH_ABBREVIATION_RE, MONTH_NAME_RE,
    MONTHS, NUMBER_WORD_RE,
    PARTS_OF_DAY, SEASONS, UNIT_EXPANSION, UNITS, VAGUE_RE, WEEKDAYS, alternation, month_number,
    parse_number, unit_of,
)
from readouts.timex.tense import direction_of
from ..annotate import text_of


@dataclass
class Reading:
    """What a matched span means."""

    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchored: bool = False  # the value was computed from the anchor
    start: int | None = None  # set when the handler narrows the match
    end: int | None = None
    # a future weekday read as the publication's own day: it may be a week on instead
    week_open: bool = False


class Context:
    """What handlers may consult: the parsed document and the anchor date."""

    def __init__(self, doc: Doc, anchor: date | None):
        self.doc = doc
        self.text = text_of(doc)
        self.anchor = anchor
        self._directions: dict[tuple[int, int], cal.Direction] = {}

    def direction(self, start: int, end: int) -> cal.Direction:
        key = (start, end)
        if key not in self._directions:
            self._directions[key] = direction_of(self.doc, start, end)
        return self._directions[key]

    def tokens(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def token_before(self, start: int):
        toks = self.tokens(start, start + 1)
        if toks and toks[0].i > 0:
            return self.doc[toks[0].i - 1]
        return None

    def token_after(self, end: int):
        toks = self.tokens(max(end - 1, 0), end)
        if toks and toks[-1].i + 1 < len(self.doc):
            return self.doc[toks[-1].i + 1]
        return None

    def words_before(self, start: int, n: int = 2) -> list[str]:
        return re.findall(r"[\w']+", self.text[max(0, start - 40) : start].lower())[-n:]


Handler = Callable[[re.Match, Context], Reading | None]


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler


# ------------------------------------------------------------------ vocabulary

# A month: full name, or an abbreviation with its period or before a number.
MONTH = rf"(?P<month>{MONTH_NAME_RE}|(?:{MONTH_ABBREVIATION_RE})(?:\.|(?=,?\s*\d)))"
WEEKDAY = alternation([w.capitalize() for w in WEEKDAYS])
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
NUMBER = rf"(?:\d+(?:\.\d+)?|{COMPOUND_NUMBER_RE}|a\s+couple\s+of|a\s+hundred|a\s+dozen|(?:{NUMBER_WORD_RE}))"
UNIT_SINGULAR = alternation(UNITS)
UNIT_ANY = rf"(?:{alternation(list(UNITS) + [u + 's' for u in UNITS] + ['centuries'])})"
PLURAL_UNIT = r"(?:years|months|weeks|days|decades|hours|minutes|centuries|quarters|nights)"
# TimeBank keeps comparatives ("more than four hours", "nearly an hour") inside an
# extent and leaves hedges ("about", "around", "just") outside.
APPROX = (r"(?:nearly|almost|more\s+than|less\s+than|fewer\s+than|over|under|at\s+least|"
          r"at\s+most|up\s+to)")
POSITION = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)"
B = r"(?<![\w$£€.,/-])"  # left boundary: not inside a word or a number
E = r"(?![\w/])"  # right boundary


def _rx(body: str, flags: int = 0) -> re.Pattern:
    return re.compile(B + body + E, flags)


def _direction(m: re.Match, ctx: Context) -> cal.Direction:
    return ctx.direction(m.start(), m.end())


def _is_proper_noun(ctx: Context, start: int, end: int) -> bool:
    return any(t.tag_ in ("NNP", "NNPS") for t in ctx.tokens(start, end))


# --------------------------------------------------------------- absolute dates


def iso_date(m: re.Match, ctx: Context) -> Reading | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if m["H"]:
        return Reading("TIME", f"{cal.day_value(day)}T{int(m['H']):02d}:{m['M']}")
    return Reading("DATE", cal.day_value(day))


def slash_date(m: re.Match, ctx: Context) -> Reading | None:
    """dd/mm/yyyy or mm/dd/yyyy. When both readings are valid days, outlets differ by
    region, so the reading nearer the article's date wins (a stamp like "8/02/2023" on
    a page of 8 February is day-first); without an anchor, month-first (US usage)."""
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 40 else 2000
    first, second = int(m["m"]), int(m["d"])
    readings = []
    for month, day in ((first, second), (second, first)):
        try:
            readings.append(date(y, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    chosen = readings[0]
    if ctx.anchor is not None and len(readings) == 2:
        chosen = min(readings, key=lambda d: (abs((d - ctx.anchor).days), d > ctx.anchor))
    return Reading("DATE", cal.day_value(chosen))


class _RangeMatch:
    """A day_range match seen as a plain day/month/year match (its first day)."""

    def __init__(self, m: re.Match):
        self._m = m

    def __getitem__(self, name: str):
        value = self._m.group(name)
        if value is None and name in ("day", "month"):
            value = self._m.group(name + "2")
        return value

    def start(self, *args):
        return self._m.start(*args)

    def end(self, *args):
        return self._m.end(*args)


def day_range(m: re.Match, ctx: Context) -> Reading | None:
    """"15-17 December, 2024", "Jan. 13-18": the first day of the range (the span
    covers the whole range, so the event's end is not mistaken for another date)."""
    return day_month_year(m, ctx)


def weekday_day(m: re.Match, ctx: Context) -> Reading | None:
    """"Monday 6": the day of that number nearest the anchor that falls on that weekday."""
    if ctx.anchor is None:
        return None
    weekday, day = WEEKDAYS[m["wd"].lower()], int(m["day"])
    if not 1 <= day <= 31:
        return None
    candidates = [ctx.anchor + timedelta(days=offset) for offset in range(-45, 46)]
    fitting = [d for d in candidates if d.day == day and d.isoweekday() == weekday]
    if not fitting:
        return None
    best = min(fitting, key=lambda d: abs((d - ctx.anchor).days))
    return Reading("DATE", cal.day_value(best), anchored=True)


def day_month_year(m: re.Match, ctx: Context) -> Reading | None:
    month = month_number(m["month"])
    day = int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    if m["year"]:
        try:
            return Reading("DATE", cal.day_value(date(int(m["year"]), month, day)))
        except ValueError:
            return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}")
    year = cal.month_day_year(ctx.anchor, month, day, _direction(m, ctx))
    try:
        return Reading("DATE", cal.day_value(date(year, month, day)), anchored=True)
    except ValueError:
        return None


def month_year(m: re.Match, ctx: Context) -> Reading | None:
    month = month_number(m["month"])
    return Reading("DATE", f"{int(m['year']):04d}-{month:02d}") if month else None


def month_relative_year(m: re.Match, ctx: Context) -> Reading | None:
    month = month_number(m["month"])
    if month is None:
        return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}")
    year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Reading("DATE", f"{year:04d}-{month:02d}", anchored=True)


def month_only(m: re.Match, ctx: Context) -> Reading | None:
    word = m["month"]
    month = month_number(word)
    if month is None:
        return None
    start = m.start("month")
    # "May" the modal, "March" the verb, "August" the adjective: English writes
    # month names capitalised, and the tagger must see a proper noun.
    if not word[:1].isupper() or not _is_proper_noun(ctx, start, m.end("month")):
        return None
    rel = (m["rel"] or "").lower()
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}")
    if rel in ("last", "past"):
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    elif rel == "next":
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = cal.month_year(ctx.anchor, month, _direction(m, ctx))
    return Reading("DATE", f"{year:04d}-{month:02d}", anchored=True)


def year_only(m: re.Match, ctx: Context) -> Reading | None:
    before = ctx.token_before(m.start())
    after = ctx.token_after(m.end())
    if before is not None and (before.text in ("$", "#", "No", "No.", "number") or before.like_num):
        return None
    if after is not None and (after.tag_ in ("NNS", "NNPS") or after.text in ("%", "percent")
                              or after.lower_ in UNITS or after.like_num):
        return None  # "2000 troops", "1500 hours"
    return Reading("DATE", m["year"])


def decade(m: re.Match, ctx: Context) -> Reading | None:
    if m["dec"]:
        return Reading("DATE", m["dec"][:3])
    return Reading("DATE", "19" + m["d2"][0])


def century(m: re.Match, ctx: Context) -> Reading | None:
    n = int(m["ord"])
    return Reading("DATE", f"{n - 1:02d}") if 1 <= n <= 30 else None


def quarter(m: re.Match, ctx: Context) -> Reading | None:
    ordinal = (m["ord"] or "").lower()
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
         "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(ordinal)
    if m["qn"]:
        n = int(m["qn"][1])
    if n is None:
        return None
    start = None
    if re.match(r"(?i)the\s+\w+-", m.group(0)):
        start = m.start("ord")  # "the third-quarter results": the article is the noun's
    year_text = m["year"] or m["y1"]
    if year_text:
        return Reading("DATE", f"{year_text}-Q{n}", start=start)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-Q{n}")
    year = ctx.anchor.year
    # A quarter after the current one is, in past-tense reporting, last year's.
    if n > cal.quarter_of(ctx.anchor) and _direction(m, ctx) == "past":
        year -= 1
    return Reading("DATE", f"{year:04d}-Q{n}", anchored=True, start=start)


def season(m: re.Match, ctx: Context) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    if m["year"]:
        return Reading("DATE", f"{m['year']}-{code}")
    before = ctx.words_before(m.start(), 2)
    # A bare season word must be framed as a time ("in the summer", "this fall"),
    # and "fall" must be the noun, not the verb.
    if not rel and not (before and before[-1] in ("in", "during", "by", "since", "until", "the")):
        return None
    if m["season"].lower() == "fall" and not any(t.pos_ in ("NOUN", "PROPN") for t in ctx.tokens(m.start("season"), m.end("season"))):
        return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{code}")
    relation = {"past": "last", "coming": "next", "early": "", "late": ""}.get(rel, rel)
    year = cal.season_year(ctx.anchor, code, relation, _direction(m, ctx))
    return Reading("DATE", f"{year:04d}-{code}", anchored=True)


# ------------------------------------------------------------ relative dates


def weekday(m: re.Match, ctx: Context) -> Reading | None:
    wd = WEEKDAYS[m["wd"].lower()]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["plural"]:
        return Reading("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    rel = (m["rel"] or "").lower()
    if ctx.anchor is None:
        value = f"XXXX-WXX-{wd}"
        return Reading("TIME" if pod else "DATE", value + (f"T{pod}" if pod else ""))
    if rel in ("last", "past", "previous"):
        day = cal.weekday_date(ctx.anchor - timedelta(days=1), wd, "past")
    elif rel in ("next", "coming"):
        day = cal.weekday_date(ctx.anchor, wd, "future")
    elif rel == "this":
        day = cal.weekday_date(ctx.anchor, wd, "present")
    else:
        direction = _direction(m, ctx)
        day = cal.weekday_date(ctx.anchor, wd, direction)
        if direction == "future" and ctx.anchor.isoweekday() == wd:
            # Monday's paper: "the leaders will meet on Monday" is today, not a week on
            # ("next Monday" says a week on).
            day = ctx.anchor
    value = cal.day_value(day)
    week_open = not rel and day == ctx.anchor and _direction(m, ctx) == "future"
    if pod:
        return Reading("TIME", f"{value}T{pod}", anchored=True, week_open=week_open)
    return Reading("DATE", value, anchored=True, week_open=week_open)


def day_word(m: re.Match, ctx: Context) -> Reading | None:
    """today / yesterday / tomorrow / tonight, alone or with a part of day, and
    "this morning", "last night", "last evening"."""
    word = (m["word"] or m["word2"]).lower()
    pod_word = (m["pod"] or m["pod2"] or "").lower()
    pod = PARTS_OF_DAY.get(pod_word) or PARTS_OF_DAY.get(word)
    if word == "last" and pod not in ("EV", "NI"):
        return None  # "last morning" is not idiomatic; leave it ("last evening" is)
    offset = DAY_PHRASE_SHIFTS.get(word, DAY_WORDS.get(word, 0))
    if ctx.anchor is None:
        value, anchored = "XXXX-XX-XX", False
    else:
        value, anchored = cal.day_value(ctx.anchor + timedelta(days=offset)), True
    if pod:
        return Reading("TIME", f"{value}T{pod}", anchored=anchored)
    return Reading("DATE", value, anchored=anchored)


_REL_SHIFT = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1,
              "previous": -1, "the previous": -1, "next": 1, "coming": 1, "the coming": 1,
              "the following": 1, "following": 1}


def relative_unit(m: re.Match, ctx: Context) -> Reading | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if unit == "fiscal year":
        unit = "year"
    # "the past year", "the coming week": a stretch of time, not a calendar unit.
    if rel in ("the past", "the last", "the next", "the coming", "past", "coming") and not m["mod"]:
        return Reading("DURATION", _duration_value(1, unit))
    shift_by = _REL_SHIFT.get(rel)
    if shift_by is None:
        return None
    if ctx.anchor is None:
        return Reading("DATE", cal.unit_value(None, unit))
    moved = cal.shift(ctx.anchor, unit, shift_by)
    return Reading("DATE", cal.unit_value(moved, unit), anchored=True)


def unit_edge(m: re.Match, ctx: Context) -> Reading | None:
    """'the end of the year': the part of the current calendar unit (TimeML mod)."""
    unit = m["unit"].lower()
    if ctx.anchor is None:
        return Reading("DATE", cal.unit_value(None, unit))
    return Reading("DATE", cal.unit_value(ctx.anchor, unit), anchored=True)


def units_ago(m: re.Match, ctx: Context) -> Reading | None:
    unit = unit_of(m["unit"])
    n = parse_number(m["num"])
    sign = 1 if m["dir"].lower() in ("later", "from now", "hence") else -1
    if unit not in ("day", "week", "month", "year", "decade", "century", "quarter"):
        return None
    if n is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if ctx.anchor is None:
        return Reading("DATE", cal.unit_value(None, unit if unit != "decade" else "year"))
    if n != int(n):
        return None
    try:
        moved = cal.shift(ctx.anchor, unit, sign * int(n))
    except (ValueError, OverflowError):  # "7,000 years ago": before the calendar's year 1
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    shown = "year" if unit in ("decade", "century") else unit
    return Reading("DATE", cal.unit_value(moved, shown), anchored=True)


# ----------------------------------------------------------------- durations


def _duration_value(n: float | None, unit: str) -> str:
    letter, is_time, _ = UNITS[unit]
    if letter in UNIT_EXPANSION and n is not None:
        letter, factor = UNIT_EXPANSION[letter]
        n = n * factor
    elif letter == "WE":
        letter = "W"
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    else:
        # Fractions go down one unit: 2.5 years is P2Y6M, 5.5 hours PT5H30M.
        lower = {"Y": ("M", 12), "M": ("D", 30) if not is_time else ("S", 60),
                 "H": ("M", 60), "D": ("H", 24), "W": ("D", 7)}.get(letter)
        whole, rest = int(n), n - int(n)
        if lower and abs(rest * lower[1] - round(rest * lower[1])) < 1e-6:
            small_letter, factor = lower
            small = int(round(rest * factor))
            if letter == "D" and not is_time:
                return f"P{whole}DT{small}H" if whole else f"PT{small}H"
            head = f"{whole}{letter}" if whole else ""
            return ("PT" if is_time else "P") + f"{head}{small}{small_letter}"
        amount = f"{n:g}"
    return ("PT" if is_time else "P") + amount + letter


_MONEY_OR_COUNT = re.compile(r"(\d|\bcents?\b|\bdollars?\b|\btimes\b|\bonce\b|\btwice\b|%|percent)", re.I)


def duration(m: re.Match, ctx: Context) -> Reading | None:
    if m["adj"] and m["adj"].lower() == "-old":
        return None  # ages: "a 61-year-old diplomat"
    unit = unit_of(m["unit"])
    after = ctx.text[m.end() : m.end() + 6].lower()
    if re.match(r"\s+old\b", after) or (unit == "quarter" and re.match(r"\s+of\b", after)):
        return None  # "37 years old"; "three-quarters of its food"
    start = m.start()
    # A hyphenated measure is an adjective: its article belongs to the noun
    # ("a two-hour meeting" -> "two-hour"); "the past two hours" keeps its "the".
    if not m["rel"] and not m["mod"] and re.match(r"(?i)(the|a|an)\s", m.group(0)) and \
            "-" in m.group(0)[m.start("num") - m.start():]:
        start = m.start("num")
    num_text = m["num"].lower()
    n = parse_number(num_text)
    if n is None or (n >= 1000 and not m["unit"].lower().endswith("s")):
        return None
    if m["half"]:
        n += 0.5
    if m["frac"]:
        top, bottom = m["frac"].split("/")
        n += int(top) / int(bottom)
    rel, mod = (m["rel"] or "").lower(), m["mod"]
    if num_text in ("a", "an") and not rel and not mod:
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        # "$5 a year", "twice a week": a rate, i.e. a SET.
        if _MONEY_OR_COUNT.search(before.split(",")[-1][-14:]):
            return Reading("SET", _duration_value(1, unit))
        words = ctx.words_before(m.start(), 1)
        if not words or words[-1] not in ("for", "in", "within", "than", "after", "over",
                                          "about", "nearly", "almost", "least", "take",
                                          "took", "takes", "spent", "lasted", "only", "just",
                                          "half", "around", "under", "of", "past"):
            return None
    # "the first quarter" is a date (handled by the quarter rule), "the second day" too.
    if unit == "second" and num_text in ("a", "an", "one"):
        return None
    return Reading("DURATION", _duration_value(n, unit), start=start)


def vague_duration(m: re.Match, ctx: Context) -> Reading | None:
    unit = unit_of(m["unit"])
    rel = (m["rel"] or "").lower()
    if not rel and not m["q"]:
        return None
    if rel == "recent" and unit == "year" and not m["q"]:
        return Reading("DATE", "PAST_REF")  # "recent years": TimeML treats it as a past point
    return Reading("DURATION", _duration_value(None, unit))


def bare_plural(m: re.Match, ctx: Context) -> Reading | None:
    unit = unit_of(m["unit"])
    plural = m["unit"].lower() != unit
    return Reading("DURATION", _duration_value(None if plural else 1, unit))


def the_weekend(m: re.Match, ctx: Context) -> Reading | None:
    """'the weekend': the one just past, or the coming one in a future clause."""
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-WXX-WE")
    saturday = cal.weekday_date(ctx.anchor, 6, "past")
    if ctx.anchor.isoweekday() == 7:
        saturday = ctx.anchor - timedelta(days=1)
    if _direction(m, ctx) == "future" and ctx.anchor.isoweekday() < 6:
        saturday = cal.weekday_date(ctx.anchor, 6, "future")
    return Reading("DATE", cal.week_value(saturday) + "-WE", anchored=True)


def holiday(m: re.Match, ctx: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'")
    month, day = HOLIDAYS[name]
    if m["year"]:
        return Reading("DATE", cal.day_value(date(int(m["year"]), month, day)))
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}")
    rel = (m["rel"] or "").lower()
    direction = {"last": "past", "next": "future", "this": "none"}.get(rel) or _direction(m, ctx)
    year = cal.month_day_year(ctx.anchor, month, day, direction)
    return Reading("DATE", cal.day_value(date(year, month, day)), anchored=True)


# ------------------------------------------------------------------ times


def time_of_day(m: re.Match, ctx: Context) -> Reading | None:
    if m["word"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    else:
        hour, minute = int(m["H"]), int(m["M"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if hour > 12 or hour == 0 and ampm:
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    day_text = (m["dayref"] or "").lower()
    day = ctx.anchor
    if day is not None and day_text:
        if day_text in DAY_WORDS:
            day = ctx.anchor + timedelta(days=DAY_WORDS[day_text])
        elif day_text in WEEKDAYS:
            day = cal.weekday_date(ctx.anchor, WEEKDAYS[day_text], _direction(m, ctx))
    prefix = cal.day_value(day) if day else "XXXX-XX-XX"
    end = m.end()
    # A sentence-final "p.m." lends its period to the sentence (TimeML extents).
    if ctx.text[end - 1 : end] == "." and not m["dayref"] and not m["tz"] and (
        end == len(ctx.text) or ctx.text[end : end + 1].isspace()
        and re.match(r"\s+[A-Z\"']|\s*$", ctx.text[end : end + 3])
    ):
        end -= 1
    return Reading("TIME", f"{prefix}T{hour:02d}:{minute:02d}", anchored=day is not None, end=end)


# ------------------------------------------------------------ sets and refs

_ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H", "quarterly": "P3M"}


def adverb_set(m: re.Match, ctx: Context) -> Reading | None:
    toks = ctx.tokens(m.start(), m.end())
    if not toks or toks[0].pos_ != "ADV":
        return None  # "a daily newspaper" describes the paper, not a recurrence
    return Reading("SET", _ADVERB_SETS[m["word"].lower()])


def every(m: re.Match, ctx: Context) -> Reading | None:
    word = m["unit"].lower()
    if word in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[word]}")
    if word in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[word]:02d}")
    if word in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[word]}")
    if word in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")
    return Reading("SET", _duration_value(1, unit_of(word)))


def frequency(m: re.Match, ctx: Context) -> Reading | None:
    return Reading("SET", _duration_value(1, unit_of(m["unit"])))


_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "soon": "FUTURE_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}


def reference(m: re.Match, ctx: Context) -> Reading | None:
    word = re.sub(r"\s+", " ", m["word"].lower()).removeprefix("right ")
    toks = ctx.tokens(m.end() - 3, m.end()) if word == "now" else ctx.tokens(m.start(), m.end())
    if word == "now":
        if not toks or toks[0].tag_ != "RB":
            return None
        after = ctx.token_after(m.end())
        if after is not None and after.lower_ == "that":
            return None  # "now that ..." is a conjunction
    if word == "soon":
        before, after = ctx.token_before(m.start()), ctx.token_after(m.end())
        if before is not None and before.lower_ == "as" and after is not None and after.lower_ == "as":
            return None  # "as soon as"
    return Reading("DATE", _REFS[word])


# ------------------------------------------------------------------- rules

I = re.IGNORECASE

RULES: list[Rule] = [
    Rule("iso", _rx(r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                    r"(?:(?:T|\s+)(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::\d\d)?)?"), iso_date),
    Rule("slash", _rx(r"(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})"), slash_date),
    Rule("day_range", _rx(rf"(?:(?:{MONTH}\s*{DAY}\s*[-–]\s*[0-3]?\d(?!\s*(?:st|nd|rd|th)?\s+(?:{MONTH_NAME_RE})))"
                          rf"|(?:{DAY.replace('<day>', '<day2>')}\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?\s+{MONTH.replace('<month>', '<month2>')}))"
                          rf"(?:,?\s+{YEAR})?"), lambda m, ctx: day_range(_RangeMatch(m), ctx)),
    Rule("month_day", _rx(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?{MONTH}(?:\s+|\.){DAY}(?:(?:,\s*|\s+){YEAR})?(?!\d)"),
         day_month_year),
    Rule("day_month", _rx(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
         day_month_year),
    Rule("month_year", _rx(rf"{MONTH},?\s+(?:of\s+)?{YEAR}"), month_year),
    Rule("month_relative_year", _rx(rf"{MONTH},?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year"), month_relative_year),
    Rule("month", _rx(rf"(?:(?:(?P<pos>{POSITION})[\s-]+)|(?:(?P<rel>last|next|this|past)\s+))?{MONTH}", I),
         month_only),
    Rule("year", _rx(rf"(?:(?P<pos>{POSITION})[\s-]+)?(?:(?:the\s+)?(?:fiscal(?:\s+year)?|FY|calendar\s+year|year)\s*)?{YEAR}(?!s\b|'s\b|\d|\.\d|,\d|-(?:year|month|day)|\s*%)"),
         year_only),
    Rule("decade", _rx(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<d2>\d0)s)", I),
         decade),
    Rule("century", _rx(r"(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)\s+century", I), century),
    Rule("quarter", _rx(rf"(?:the\s+)?(?:(?P<y1>(?:1[5-9]|20)\d\d)\s+)?(?:fiscal\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter"
                        rf"|(?P<qn>Q[1-4]))(?:,?\s+(?:of\s+)?(?:fiscal\s+)?{YEAR})?", I), quarter),
    Rule("season", _rx(rf"(?:the\s+)?(?:(?P<rel>this|last|next|past|coming|early|late)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
                       rf"(?:,?\s+(?:of\s+)?{YEAR})?", I), season),
    Rule("weekday_day", _rx(rf"(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?{DAY}(?!\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTH_NAME_RE}|{MONTH_ABBREVIATION_RE}|[-–/:.\d]))"),
         weekday_day),
    Rule("weekday", _rx(rf"(?:(?:earlier|later|early|late)\s+)?(?:the\s+)?(?:(?P<rel>last|next|this|coming|past|previous)\s+)?(?P<wd>{WEEKDAY})(?P<plural>s)?"
                        rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?"), weekday),
    Rule("day_word", _rx(r"(?:(?P<word>today|tonight|yesterday|tomorrow|overnight)(?:\s+(?P<pod>morning|afternoon|evening|night))?"
                         r"|(?P<word2>this|last)\s+(?P<pod2>morning|afternoon|evening|night))", I),
         day_word),
    Rule("relative_unit", _rx(r"(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|mid)[\s-]+)?"
                              r"(?P<rel>this|last|next|past|coming|previous|current|following|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+current|the\s+following)\s+"
                              r"(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year)(?:\s+or\s+so)?", I), relative_unit),
    Rule("unit_edge", _rx(r"the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|year|quarter)", I),
         unit_edge),
    Rule("ago", _rx(rf"(?:{APPROX}\s+)?(?P<num>{NUMBER}|{VAGUE_RE})\s+"
                    rf"(?P<unit>{UNIT_ANY})\s+(?P<dir>ago|earlier|later|from\s+now|hence)", I), units_ago),
    Rule("duration", _rx(rf"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final|following|latest|initial|remaining|same|whole|entire|full)\s+)?"
                         rf"(?:(?P<mod>{APPROX})\s+)?(?P<num>{NUMBER})(?:\s+(?P<frac>[1-3]/[2-4]))?(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>{UNIT_ANY})(?P<adj>-long|-old)?", I),
         duration),
    Rule("vague_duration", _rx(rf"(?:the\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following)\s+)?(?:(?P<q>{VAGUE_RE})\s+)?"
                               rf"(?P<unit>{PLURAL_UNIT})", I), vague_duration),
    Rule("for_plural", re.compile(rf"(?<=\bfor\s)(?P<unit>{PLURAL_UNIT})\b", I), bare_plural),
    Rule("long", _rx(rf"(?P<unit>{UNIT_ANY})-long", I), bare_plural),
    Rule("weekend", _rx(r"the\s+weekend", I), the_weekend),
    Rule("holiday", _rx(rf"(?:(?P<rel>last|next|this)\s+)?(?P<name>{alternation([h.title().replace(chr(39) + 'S', chr(39) + 's') for h in HOLIDAYS])})(?:,?\s+{YEAR})?"),
         holiday),
    Rule("time", _rx(rf"(?:(?P<H>[0-2]?\d)(?:[:.](?P<M>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)|(?P<word>noon|midnight|midday))"
                     rf"(?:\s+(?P<tz>(?:[ECMP][SD]T|GMT|UTC)\b|local\s+time))?"
                     rf"(?:,?\s+(?P<dayref>{WEEKDAY}|today|yesterday|tomorrow))?", I), time_of_day),
    # "annually" and "quarterly" are left out: in TBAQ they mostly qualify amounts
    # ("rose 5% annually") and are not annotated.
    Rule("adverb_set", _rx(r"(?P<word>daily|weekly|monthly|yearly|nightly|hourly)", I), adverb_set),
    Rule("every", _rx(rf"(?:every|each)\s+(?:other\s+)?(?P<unit>day|week|month|year|quarter|morning|evening|night|weekend|summer|winter|spring|autumn|{WEEKDAY}|{MONTH_NAME_RE})", I),
         every),
    Rule("frequency", _rx(rf"(?:once|twice|thrice|(?:{NUMBER})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT_SINGULAR})", I),
         frequency),
    Rule("reference", _rx(r"(?P<word>(?:right\s+)?now|currently|presently|nowadays|recently|lately|these\s+days|"
                          r"the\s+present|the\s+past|the\s+future|the\s+near\s+future|the\s+near\s+term|the\s+short\s+term)", I), reference),
]
