"""Word tables for English time expressions.

Owns: the closed-class vocabulary the grammar is built from, and small helpers that
turn those words into numbers. Facts only (calendar names, number words).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# Abbreviations are only trusted with their period or before a day number (grammar).
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}
# TimeML season codes; the months each season covers in the northern hemisphere.
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
# Words naming a day by its distance from the day of writing.
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0}
# "last night", "last evening" (the evening before); "this morning" (today's).
DAY_PHRASE_SHIFTS = {"this": 0, "last": -1}
# TimeML part-of-day codes.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "tonight": "NI"}

UNITS = {  # unit word -> (TimeML duration letter, is a time-of-day unit, multiplier)
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "weekend": ("WE", False, 1), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("DE", False, 1), "century": ("CE", False, 1),
}
# Multiples written out in ISO 8601 when the count is known (a decade = P10Y).
UNIT_EXPANSION = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
DIGIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9}
# Quantities that say "some number" without saying which: TimeML writes X.
VAGUE_QUANTITIES = ("a few", "a couple of", "a couple", "several", "many", "few",
                    "some", "numerous", "couple of")


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)


def unit_of(word: str) -> str:
    """'years' -> 'year', 'centuries' -> 'century'."""
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def parse_number(text: str) -> float | None:
    """A written quantity as a number; None when vague ('several') or unknown."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("a hundred", "a dozen"):
        return 100.0 if t == "a hundred" else 12.0
    if re.fullmatch(r"\d+(\.\d+)?", t.replace(",", "")):
        return float(t.replace(",", ""))
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in DIGIT_WORDS:
        return float(TENS[parts[0]] + DIGIT_WORDS[parts[1]])  # "twenty-four"
    return None


def alternation(words) -> str:
    """A regex alternation of words, longest first so the engine prefers them."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


NUMBER_WORD_RE = alternation([w for w in NUMBER_WORDS if " " not in w])
COMPOUND_NUMBER_RE = rf"(?:{alternation(TENS)})[- ](?:{alternation(DIGIT_WORDS)})"
VAGUE_RE = alternation(VAGUE_QUANTITIES)

# Fixed-date holidays observed across countries (month, day). Movable feasts and
# national days are left out: their dates differ by year or by country.
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "boxing day": (12, 26), "halloween": (10, 31), "may day": (5, 1),
}


# Month names as news prints them, for every regex that finds a date (the time
# grammar, clean's dateline and byline dates): full names capitalised or in capitals,
# abbreviations capitalised (a caller decides what may follow an abbreviation).
MONTH_NAME_RE = alternation([m.capitalize() for m in MONTHS] + [m.upper() for m in MONTHS])
MONTH_ABBREVIATION_RE = alternation([a.capitalize() for a in MONTH_ABBREVIATIONS])


# Read back from a time expression's words (merging reads the evidence of a day a
# page without a publication date could not place).
_ANY_MONTH = f"{MONTH_NAME_RE}|{MONTH_ABBREVIATION_RE}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_OF_MONTH_RE = re.compile(
    rf"\b(\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+({_ANY_MONTH})\b"  # 31st May, 13 of December
    rf"|\b({_ANY_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}\b")  # Dec. 13, December 13th
_WEEKDAY_RE = re.compile(rf"\b({alternation(WEEKDAYS)})\b", re.IGNORECASE)
_DAY_WORD_RE = re.compile(
    rf"\b(?:({alternation(DAY_WORDS)})|(this|last)\s+(?:morning|afternoon|evening|night))\b", re.IGNORECASE)


def day_offset(text: str) -> int | None:
    """Days from the day of writing that a day word names ("yesterday" -1, "last
    evening" -1, "this morning" 0); None when the text names none."""
    found = _DAY_WORD_RE.search(text)
    if not found:
        return None
    if found.group(1):
        return DAY_WORDS[found.group(1).lower()]
    return DAY_PHRASE_SHIFTS[found.group(2).lower()]


def day_without_year(text: str) -> tuple[int | None, int | None, int | None]:
    """(weekday 1-7, month, day of month) a date written without its year names
    ("Thursday", "31st May", "Thursday, December 7"); None for each part it lacks."""
    weekday = _WEEKDAY_RE.search(text)
    found = _DAY_OF_MONTH_RE.search(text)
    month = day = None
    if found:
        number, name = found.group(1, 2) if found.group(1) else found.group(4, 3)
        month, day = month_number(name), int(number)
        if not 1 <= day <= 31:
            month = day = None
    return (WEEKDAYS[weekday.group(1).lower()] if weekday else None), month, day
