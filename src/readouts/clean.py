"""Clean: strip a raw article down to its story text, keeping a map back to the original.

Owns: boilerplate removal (breadcrumbs, menu and share widgets, "Read also" links,
photo credits, bylines, time stamps, copyright and "Follow us" lines), the headline,
the dateline, publication-date fallbacks and the article id.

Every piece of the clean text is a slice of `raw.text`; pieces are joined by inserted
separators ("\\n" between adjacent lines, "\\n\\n" where a blank or removed line was,
" " where something was cut out of a line). `Article.offsets` records where each
piece came from, so any clean span that does not cross a cut maps back exactly.

Decisions:
* Readers' comments: everything from the first comment stamp ("Feb 2, 2011 at 6:16
  pm | Reply") on.
* Removed lines: breadcrumbs, menu/share/prompt lines, "Read also" links, bylines,
  time stamps near the top, copyright, "Follow us", production credits ("Reporting
  by ...", "Web editor: ...", "... contributed to this report.") and tag lines.
* Headline: when the first kept line reads like a headline (short, no closing full
  stop) and the reader gave no title, it becomes `Article.title` and leaves the body;
  a first line equal to the given title also leaves the body. Every other line of the
  story stays in the body.
* Photo captions stay in the body (they often state the event and its date plainly);
  only the credit, e.g. "(Agency/Photographer)", and position marks like "(R)" go.
* Dateline: the place is returned in title case ("ISLAMABAD" -> "Islamabad"), and the
  whole dateline prefix leaves the body. An agency named in it becomes the outlet
  when the reader found none.
* Publication date, when the reader found none: a dateline date with a year, else a
  byline date ("Published February 28, 2024"), else a time-stamp line
  ("2021-10-26 19:13"), else the latest stamp of an embedded social-media post
  ("— Jane Doe (@janedoe) May 6, 2023"). Dates are found by regex and the found span
  alone is parsed.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readouts.genre import is_opinion
from readouts.read import HEADER_RE, parse_date_strict
from readouts.records import Article, OffsetMap, RawArticle
from readouts.timex.lexicon import MONTH_ABBREVIATION_RE, MONTH_NAME_RE

# ------------------------------------------------------------------ vocabulary

# News and photo agencies that appear in datelines and photo credits, and the page
# furniture (menus, share widgets) that is never story text: data/boilerplate.toml.
BOILERPLATE_FILE = Path(__file__).resolve().parent / "data" / "boilerplate.toml"
with BOILERPLATE_FILE.open("rb") as _handle:
    _BOILERPLATE = tomllib.load(_handle)
AGENCIES: dict[str, str] = dict(_BOILERPLATE["agencies"])
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))

# Whole lines that are page furniture: menus, share widgets, prompts.
UI_PHRASES = frozenset(_BOILERPLATE["page"]["phrases"]) - {""}

# Position marks in photo captions: (R), (L), (C), (1st L), (2nd R), (front).
_POSITION_MARK = re.compile(r"[ \t]*\((?:\d(?:st|nd|rd|th)[ \t]+)?(?:[LRC]|left|right|centre|center|front|back)\)", re.I)

_MONTH = f"(?:{MONTH_NAME_RE}|{MONTH_ABBREVIATION_RE})"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"
_ORD = r"(?:st|nd|rd|th)?"
# A calendar date with its year: 2021-10-26 | May 06, 2023 | 28th Feb, 2024 | Tuesday, 3 March 2024.
DATE_WITH_YEAR = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|(?:{_WEEKDAY})?{_MONTH}\.?\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"
    rf"|(?:{_WEEKDAY})?\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}})\b"
)
# A day and month, year optional (datelines: "May 6", "28th Feb, 2024").
_SHORT_DATE = (rf"(?:{_MONTH}\.?\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?"
               rf"|\d{{1,2}}{_ORD}\s+{_MONTH}\.?(?:,?\s+\d{{4}})?)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?![\w])")
_TIMEZONE = re.compile(r"\b(?:GMT|UTC|PKT|IST|BST|EST|EDT|CST|CET|CEST|JST|KST|MSK|BJT|PST|PDT|AEST|WIB)"
                       r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b")
_BYLINE_WORDS = re.compile(r"\b(?:first\s+)?(?:published|updated|posted|last\s+updated?|publish\s+date|"
                           r"date\s+published|modified)\b(?:\s+on)?", re.I)
_TIMESTAMP_FILLER = re.compile(rf"\b(?:{_AGENCY_ALT}|on|at|date|time|hrs|hours)\b", re.I)

# The stamp closing an embedded social-media post: "— Jane Doe (@janedoe) May 6, 2023".
# A page quoting a post was written on or after its day: the last resort for an
# undated page's date.
_POST_STAMP = re.compile(rf"\(@\w{{1,30}}\)\s*(?P<date>{DATE_WITH_YEAR.pattern})\s*$")

# "By Jane Doe", "By Ayesha Khan in Islamabad", "By Staff Reporter | Reuters"
_BY_AUTHOR = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:[ \t]*(?:[A-Z][\w.'’-]*|and|in|for|&|\||,|-|–|—))*\s*$")
_RELATED_LINK = re.compile(
    r"^(?:(?:read\s+also|also\s+read|read\s+more|see\s+also|also\s+see)\b"
    r"|(?:related|more\s+on\s+this|recommended|you\s+may\s+also\s+like)(?:\s+(?:articles?|news|stories|content))?"
    r"\s*(?:[:|»›>\-–—]|$))", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)
_FOLLOW_US = re.compile(
    r"^(?:follow|like|join|connect\s+with|find)\s+us\s+on\b"
    r"|^(?:follow|like|join|connect\s+with|find)\s+[\w@.&'’-]+(?:\s+[\w@.&'’-]+){0,3}\s+on\s+"
    r"(?:twitter|x|facebook|instagram|linkedin|telegram|whatsapp|youtube|tiktok|threads|google\s+news)\b"
    r"|^(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\b.*\bnewsletters?\b"
    r"|^(?:download|get)\s+(?:our|the)\b.*\bapp\b", re.I)
# Production credits and page tags, usually at the foot of an agency story:
# "(Reporting by A; Editing by B)", "(Web editor: C)", "Source: Agency", "Tags: x, y",
# "D in Geneva contributed to this report."
_ATTRIBUTION = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|edited|written|translated)\s+by\s+(?-i:[A-Z]).{0,200}$"
    r"|^\(?\s*(?:web\s+|chief\s+)?editors?\s*:\s*\S.{0,80}$"
    r"|^(?:source|sources|tags?|topics?|keywords|filed\s+under|categories|category)\s*:\s*\S.{0,200}$"
    r"|^.{0,150}\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\.?\)?$", re.I)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|›|»|→)\s*")
_HOME_SEPARATOR = re.compile(r"\s*(?:/|\||>|›|»|→)\s*")

# Photo credits inside a line: "(Xinhua/Ahmad Kamal)", "(Photo: AFP)", "(AFP Photo)",
# "(Photo by Jane Doe/Reuters)", "(File photo)".
_PHOTO_CREDIT = re.compile(
    r"[ \t]*\((?:"
    r"(?:file\s+)?(?:photos?|images?|pictures?|pics?)(?:\s+credit)?\s*(?::|by)\s*[^()\n]{1,60}"
    r"|(?:credit|photo\s+credit|image\s+credit|courtesy)\s*:\s*[^()\n]{1,60}"
    rf"|(?:{_AGENCY_ALT})(?:\s+(?:photos?|images?|file|pool))?\s*/\s*[^()\n]{{1,60}}"
    rf"|(?:{_AGENCY_ALT})\s+(?:photos?|images?|file)"
    r"|file\s+photo|photo|file"
    r")\)", re.I)
# A whole line that is only a credit: "Photo: AFP", "Photo credit: Reuters".
# The stamp a comment section prints under each reader's comment: "Feb 2, 2011 at
# 6:16 pm | Reply" (the pipe leads to the comment's links; story text has no such pipe).
_COMMENT_STAMP = re.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}\s*,\s*\d{{4}}\s+at\s+\d{{1,2}}:\d{{2}}\s*[AaPp]\.?[Mm]\.?\s*\|")
_CREDIT_LINE = re.compile(r"^(?:(?:file\s+)?(?:photos?|images?|pictures?)(?:\s+credit)?|credit)\s*:\s*\S.{0,60}$", re.I)

# ------------------------------------------------------------------- datelines

_PLACE_CAPS = r"[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+){0,3}"
_PLACE_TITLE = r"[A-Z][a-z'’\-]+(?:[ ](?:[A-Z][a-z'’\-]+|de|da|do|del|es|al|el))*"
_REGION = r"(?:,[ ]?[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+)?)"
_PAREN = r"\((?P<paren>[A-Za-z][^()\n]{0,80})\)"
_DASH = r"(?:--|—|–|-)"
DATELINE_PATTERNS = [
    # ISLAMABAD, May 6 (Xinhua) -- | WASHINGTON (Reuters) - | BEIJING, (APP - ... - 28th Feb, 2024)
    re.compile(rf"^(?P<place>{_PLACE_CAPS})(?P<region>{_REGION}(?=[ ,(]))?(?:,[ ]?(?P<date>{_SHORT_DATE}))?"
               rf",?[ ]?{_PAREN}[ ]*(?P<mark>{_DASH}|:)?[ ]*"),
    # Islamabad, May 6 (Xinhua) --
    re.compile(rf"^(?P<place>{_PLACE_TITLE}){_REGION}?,[ ]?(?P<date>{_SHORT_DATE})[ ]?{_PAREN}"
               rf"[ ]*(?P<mark>{_DASH}|:)[ ]*"),
    # NEW DELHI, March 3: | MOSCOW, Oct. 5 -
    re.compile(rf"^(?P<place>{_PLACE_CAPS}){_REGION}?,[ ]?(?P<date>{_SHORT_DATE})[ ]*(?P<mark>:|{_DASH})[ ]+"),
    # ISLAMABAD: | WASHINGTON — | LONDON -
    re.compile(rf"^(?P<place>{_PLACE_CAPS}){_REGION}?(?:[ ]*(?P<mark>:|--|—|–)|[ ]+(?P<hyphen>-))[ ]+"),
    # Hong Kong (Example Wire) — : a place in title case needs a known agency (see
    # _plausible_dateline), since "Jane Doe (left) — " opens a caption
    re.compile(rf"^(?P<place>{_PLACE_TITLE}){_REGION}?[ ]?{_PAREN}[ ]*(?P<mark>{_DASH}|:)[ ]*"),
    # April 2, 2024 (Example Wire)— : a date with its year and an outlet, no place
    re.compile(rf"^(?P<date>{DATE_WITH_YEAR.pattern})[ ]?{_PAREN}[ ]*(?P<mark>{_DASH}|:)[ ]*"),
]
# All-caps openers that are kickers or organisations, not places ("NATO: allies agree").
_NOT_PLACES = frozenset(
    "breaking update updated exclusive analysis opinion editorial watch note photos photo video "
    "videos live comment factbox explainer timeline feature interview q&a editor's new please "
    "file credit credits related more listen correction clarification corrected refile urgent "
    "flash bulletin advisory graphic poll warning sports wrapup rpt "
    "nato asean brics opec saarc sco g7 g20 imf iaea osce apec gcc oic cpec bri quad aukus".split()
) | {"please note", "editor's note", "editors note", "breaking news", "live updates"}
# Lines counted as the top of the page (headline, byline, time stamp area).
_TOP_LINES = 6
# Longer lines are story text: every boilerplate pattern is a short line.
_MAX_BOILERPLATE_CHARS = 400
# Lines near the top searched for a dateline (a caption or a time stamp may come first).
_DATELINE_SEARCH_LINES = 3


# -------------------------------------------------------------------- the steps


@dataclass
class _Line:
    start: int  # offsets of the line's content in raw.text, surrounding spaces trimmed
    end: int
    blank_before: bool = False
    cuts: list[tuple[int, int]] = field(default_factory=list)  # absolute spans removed inside


@dataclass
class _Found:
    """What the line classifier learned besides what to drop."""

    byline_dates: list[date] = field(default_factory=list)
    timestamp_dates: list[date] = field(default_factory=list)


@dataclass
class Dateline:
    place: str | None
    outlet: str | None
    published: date | None
    end: int  # offset (in raw.text) where the story text resumes


def clean(raw: RawArticle) -> Article:
    """The clean article: story text with boilerplate removed, mapped to raw.text."""
    text = raw.text
    lines = _split_lines(text, _body_start(raw))
    found = _Found()
    kept = _drop_comments(text, _drop_boilerplate(text, lines, found))

    title, kept = _take_headline(text, kept, raw.title)
    dateline, kept = _take_dateline(text, kept)
    for line in kept:
        line.cuts = _inline_cuts(text, line.start, line.end)

    clean_text, offsets = _assemble(text, kept)
    published, published_from = raw.published, raw.published_from
    if published is None:
        published, published_from = _fallback_date(dateline, found)
    if published is None:
        published, published_from = _latest_post_stamp(text, kept), "post stamp"
        published_from = published_from if published else None
    outlet = raw.outlet or (dateline.outlet if dateline else None)
    article = Article(
        id=article_id(clean_text), source=raw.source, original=text, text=clean_text,
        offsets=offsets, title=title, outlet=outlet, url=raw.url, published=published,
        published_from=published_from, dateline=dateline.place if dateline else None, fmt=raw.fmt,
    )
    # decided once, here: ingest counts and stores it, the events stage reads it
    article.genre = "opinion" if is_opinion(article) else None
    return article


def _take_headline(text: str, lines: list[_Line], given: str | None) -> tuple[str | None, list[_Line]]:
    """The title, and the lines without the headline line when it is one."""
    if len(lines) < 2:
        return given, lines
    first = text[lines[0].start:lines[0].end]
    if given is None and looks_like_headline(first):
        return first, _drop(lines, 0)
    if given is not None and _normalise(first) == _normalise(given):
        return given, _drop(lines, 0)
    return given, lines


def _take_dateline(text: str, lines: list[_Line]) -> tuple[Dateline | None, list[_Line]]:
    """The dateline among the first lines, and the lines with its prefix cut off."""
    for index, line in enumerate(lines[:_DATELINE_SEARCH_LINES]):
        dateline = find_dateline(text, line.start, line.end)
        if dateline:
            if dateline.end >= line.end:  # the dateline stood on a line of its own
                return dateline, _drop(lines, index)
            line.start = dateline.end
            return dateline, lines
    return None, lines


def article_id(clean_text: str) -> str:
    """Stable id: the first 16 hex digits of sha256 over the normalised clean text."""
    return hashlib.sha256(_normalise(clean_text).encode("utf-8")).hexdigest()[:16]


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
                         "–": "-", "—": "-", "\u00a0": " "})


def _normalise(text: str) -> str:
    """Casefolded, quotes and dashes unified, whitespace collapsed."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def _drop_boilerplate(text: str, lines: list[_Line], found: _Found) -> list[_Line]:
    """The lines that are not boilerplate; a removed line leaves a paragraph break."""
    kept = []
    gap = False
    for index, line in enumerate(lines):
        if _is_boilerplate(text[line.start:line.end], found, near_top=index < _TOP_LINES):
            gap = True
            continue
        line.blank_before = line.blank_before or gap
        gap = False
        kept.append(line)
    return kept


def _drop_comments(text: str, lines: list[_Line]) -> list[_Line]:
    """The lines before the readers' comments: everything from the first comment
    stamp on goes (the comment above that stamp cannot be told from the story)."""
    for index, line in enumerate(lines):
        stamp = _COMMENT_STAMP.search(text, line.start, line.end)
        if stamp is None:
            continue
        end = stamp.start()
        while end > line.start and text[end - 1].isspace():
            end -= 1
        if end == line.start:
            return lines[:index]
        line.end = end
        return lines[: index + 1]
    return lines


def _drop(lines: list[_Line], index: int) -> list[_Line]:
    """Remove one line, marking the gap so the next line starts a new paragraph."""
    rest = lines[:index] + lines[index + 1:]
    if index < len(rest):
        rest[index].blank_before = True
    return rest


def _body_start(raw: RawArticle) -> int:
    """Where the article proper begins: after the ` date ...` header of a .txt file."""
    if raw.fmt == "txt":
        header = HEADER_RE.match(raw.text)
        if header:
            return header.start("rest")
    return 0


def _split_lines(text: str, start: int) -> list[_Line]:
    """Non-blank lines from `start` on, trimmed, each noting a blank line before it."""
    lines: list[_Line] = []
    blank = False
    pos = start
    while pos <= len(text):
        newline = text.find("\n", pos)
        stop = len(text) if newline == -1 else newline
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            blank = True
        else:
            lines.append(_Line(a, b, blank_before=blank))
            blank = False
        pos = stop + 1
    return lines


# ------------------------------------------------------------------ boilerplate


def _is_boilerplate(line: str, found: _Found, near_top: bool = True) -> bool:
    """True when the whole line is page furniture; dates in bylines/stamps are noted.

    A bare date without a time of day is a time stamp only near the top of the page;
    further down it is more likely a section heading of the story ("March 3, 2024")
    and stays for the dates stage to read.
    """
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return False
    if (is_ui_line(line) or is_breadcrumb(line) or is_related_link(line) or is_copyright(line)
            or is_follow_us(line) or is_attribution(line) or _CREDIT_LINE.match(line)
            or _is_credit_only(line)):
        return True
    kind, day = classify_dated_line(line)
    if kind == "byline":
        if day:
            found.byline_dates.append(day)
        return True
    if kind == "timestamp" and (near_top or _TIME.search(line)):
        if day:
            found.timestamp_dates.append(day)
        return True
    return False


def is_ui_line(line: str) -> bool:
    """Menu, share and prompt lines: "Open Menu", "Share | Tweet | Email", "Suggest To a Friend:"."""
    norm = line.strip(" \t:|•·»›>-–—<×✕☰+").casefold()
    norm = norm.strip() or line.strip().casefold()
    if norm in UI_PHRASES:
        return True
    parts = [p.strip() for p in re.split(r"[|•·/]", norm) if p.strip()]
    if len(parts) > 1 and all(p in UI_PHRASES for p in parts):
        return True
    words = norm.split()
    return 1 < len(words) <= 8 and all(w.strip(":,") in UI_PHRASES for w in words)


def is_breadcrumb(line: str) -> bool:
    """Navigation trails: "Home > World > Asia", "News » Pakistan", "Home / China News"."""
    parts = _CRUMB_SEPARATOR.split(line)
    if len(parts) < 2 and line.casefold().startswith("home"):
        parts = _HOME_SEPARATOR.split(line)
    if len(parts) < 2 or len(line.split()) > 15:
        return False
    return all(p and p[0].isupper() and len(p.split()) <= 5 and p[-1] not in ".!?,;:" for p in parts)


def is_related_link(line: str) -> bool:
    """"Read also | ...", "Read more: ...", "Also read ...", "Related: ..." lines."""
    return bool(_RELATED_LINK.match(line))


def is_copyright(line: str) -> bool:
    return len(line.split()) <= 30 and bool(_COPYRIGHT.search(line))


def is_follow_us(line: str) -> bool:
    return len(line.split()) <= 25 and bool(_FOLLOW_US.match(line))


def is_attribution(line: str) -> bool:
    """Production credits and tags: "(Reporting by ...)", "Source: ...", "Tags: ..."."""
    return len(line.split()) <= 40 and bool(_ATTRIBUTION.match(line))


def _is_credit_only(line: str) -> bool:
    """A line that is nothing but a photo credit in brackets."""
    return _PHOTO_CREDIT.sub("", line).strip() == ""


def classify_dated_line(line: str) -> tuple[str | None, date | None]:
    """("byline" | "timestamp" | None, the date stated) for a line.

    byline: an author line ("By Jane Doe") or a line with a publishing verb and a date
    ("Jane Doe Published February 28, 2024 | 11:30 AM"). timestamp: a line that, apart
    from dates, times, time zones and agency names, says nothing ("2021-10-26 19:13",
    "Xinhua) 11:25, May 06, 2023").
    """
    words = len(line.split())
    if words > 20:
        return None, None
    match = DATE_WITH_YEAR.search(line)
    day = parse_found_date(match.group(0)) if match else None
    if _BY_AUTHOR.match(line) and words <= 10:
        return "byline", day
    if match is None:
        return None, None
    if _BYLINE_WORDS.search(line):
        return "byline", day
    residue = DATE_WITH_YEAR.sub(" ", line)
    residue = _TIMEZONE.sub(" ", _TIME.sub(" ", residue))
    residue = _TIMESTAMP_FILLER.sub(" ", residue)
    residue_words = re.findall(r"[^\W\d_]{2,}", residue)
    if not residue_words:
        return "timestamp", day
    return None, None


def parse_found_date(span: str) -> date | None:
    """Parse a date span found by DATE_WITH_YEAR (ISO directly, others via dateparser)."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", span)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    span = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", span)
    span = re.sub(r"\bof\s+", "", span)
    return parse_date_strict(span)


def _inline_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside a kept line to cut: photo credits, and position marks in captions."""
    line = text[start:end]
    cuts = [(start + m.start(), start + m.end()) for m in _PHOTO_CREDIT.finditer(line)]
    if cuts:
        cuts += [(start + m.start(), start + m.end()) for m in _POSITION_MARK.finditer(line)]
    return sorted(cuts)


# -------------------------------------------------------------------- headline


def looks_like_headline(line: str) -> bool:
    """Short, several words, starts with a capital, and does not end like a sentence."""
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 220:
        return False
    if not line[0].isupper() and not line[0].isdigit() and line[0] not in "\"'“‘":
        return False
    if line.rstrip("\"'”’ ").endswith((".", ",", ";", ":", "…")):
        return False
    if _PHOTO_CREDIT.search(line):  # a photo caption, however short
        return False
    return not any(p.match(line) for p in DATELINE_PATTERNS[:3])


# -------------------------------------------------------------------- dateline


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline at the start of text[start:end], or None."""
    line = text[start:end]
    for pattern in DATELINE_PATTERNS:
        match = pattern.match(line)
        if match and _plausible_dateline(match):
            paren = match.groupdict().get("paren")
            stated = match.groupdict().get("date") or _date_in(paren)
            place = match.groupdict().get("place")
            return Dateline(
                place=_place_name(place) if place else None,
                outlet=_agency(paren),
                published=_dated(stated),
                end=start + match.end(),
            )
    return None


def _plausible_dateline(match: re.Match) -> bool:
    groups = match.groupdict()
    place = groups.get("place")
    if place is None:
        return _agency(groups.get("paren")) is not None  # "April 2, 2024 (Wire)—"
    if place.casefold() in _NOT_PLACES or sum(c.isalpha() for c in place) < 3:
        return False
    paren = groups.get("paren")
    if paren is not None and not (groups.get("mark") or groups.get("date") or _date_in(paren)
                                  or _agency(paren, known_only=True)):
        return False  # "NATO (North Atlantic Treaty Organization) said" is not a dateline
    if paren is not None and not place.isupper() and not groups.get("date"):
        return _agency(paren, known_only=True) is not None  # "Hong Kong (Wire) —"
    return True


def _date_in(paren: str | None) -> str | None:
    if not paren:
        return None
    match = re.search(_SHORT_DATE, paren)
    return match.group(0) if match else None


def _dated(stated: str | None) -> date | None:
    """The date of a dateline, only when it states a year ("May 6" alone cannot date)."""
    if not stated:
        return None
    match = DATE_WITH_YEAR.search(stated)
    return parse_found_date(match.group(0)) if match else None


def _agency(paren: str | None, known_only: bool = False) -> str | None:
    """The outlet named first in a dateline's brackets: "(APP - UrduPoint ...)" -> "APP"."""
    if not paren:
        return None
    first = re.split(r"\s+[-–—|]\s+|/|,", paren, maxsplit=1)[0].strip()
    canonical = AGENCIES.get(first.casefold())
    if canonical or known_only:
        return canonical
    if not first or any(c.isdigit() for c in first) or len(first.split()) > 4:
        return None
    return first


def _place_name(place: str) -> str:
    """ISLAMABAD -> Islamabad; NEW DELHI -> New Delhi; a title-case place is kept."""
    if not place.isupper():
        return place
    small = {"DE", "DA", "DO", "DEL", "ES", "AL", "EL", "OF", "LA", "LE"}
    words = place.split(" ")
    return " ".join(w.lower() if i and w in small else w.title() for i, w in enumerate(words))


# ---------------------------------------------------------------- assembly


def _assemble(text: str, lines: list[_Line]) -> tuple[str, OffsetMap]:
    """Join the kept pieces of the original, recording where each piece came from."""
    out: list[str] = []
    offsets = OffsetMap()
    length = 0
    for index, line in enumerate(lines):
        for piece_index, (a, b) in enumerate(_pieces(text, line)):
            if length:
                separator = " " if piece_index else ("\n\n" if line.blank_before else "\n")
                out.append(separator)
                length += len(separator)
            offsets.add(length, a, b - a)
            out.append(text[a:b])
            length += b - a
    return "".join(out), offsets


def _pieces(text: str, line: _Line) -> list[tuple[int, int]]:
    """The line minus its cuts, each piece trimmed of surrounding spaces."""
    pieces = []
    cursor = line.start
    for cut_start, cut_end in line.cuts + [(line.end, line.end)]:
        a, b = cursor, max(cursor, cut_start)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
        cursor = max(cursor, cut_end)
    return pieces


def _latest_post_stamp(text: str, lines: list[_Line]) -> date | None:
    """The latest day of the social-media posts the page embeds."""
    days = []
    for line in lines:
        match = _POST_STAMP.search(text, line.start, line.end)
        day = parse_found_date(match.group("date")) if match else None
        if day:
            days.append(day)
    return max(days, default=None)


def _fallback_date(dateline: Dateline | None, found: _Found) -> tuple[date | None, str | None]:
    if dateline and dateline.published:
        return dateline.published, "dateline"
    if found.byline_dates:
        return found.byline_dates[0], "byline"
    if found.timestamp_dates:
        return found.timestamp_dates[0], "timestamp"
    return None, None
