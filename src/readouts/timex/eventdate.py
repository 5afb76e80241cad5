"""The date of a reported action, told apart from the date of its report.

Owns: choosing which time expression (if any) dates the action a trigger word
names. News sentences carry two clocks: "The spokesperson said on Wednesday that
during their phone call the two leaders agreed ..." dates the saying, not the call.
A date counts for the trigger only when the parse attaches it to the trigger (or to
the light verb carrying a trigger noun: "held talks on Friday"), or when it opens the
sentence ("On May 21, 2021, X did Y") and no reporting verb stands between it and the
trigger. Durations, sets and anniversaries never date an action.

When the text gives no day for the action the answer is value=None, basis "none";
`reported_date` then supplies the best guess news conventions allow (the day of the
dateline, else of publication), labelled with its basis so it is never mistaken for a
stated date (see `readouts.datepolicy`).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from itertools import takewhile
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from readouts.records import EventDate, Timex
from readouts.timex.calendar import value_range
from readouts.timex.lexicon import PARTS_OF_DAY
from ..annotate import text_of

EVENT_TYPES_FILE = Path(__file__).resolve().parent.parent / "data" / "event_types.toml"


def reporting_lemmas(path: Path = EVENT_TYPES_FILE) -> frozenset[str]:
    """The reporting verbs of the event vocabulary's `[reporting]` table."""
    with path.open("rb") as handle:
        return frozenset(tomllib.load(handle).get("reporting", {}).get("verbs", []))


REPORTING_LEMMAS = reporting_lemmas()
CELEBRATIONS = {"anniversary", "birthday", "jubilee", "centenary", "centennial"}
# Prepositions whose date bounds an action rather than dating it ("since 2015", "until
# Friday", "after Monday's talks", "ahead of the summit on Friday").
BOUNDARY_PREPOSITIONS = {"since", "until", "till", "before", "after", "ahead", "prior"}
# Tokens that may stand between an opening date and the clause it frames.
FRAME_GAP = 4


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _span_of(doc: Doc, t: Timex) -> Span | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _attachment(root: Token) -> Token:
    """The word a time expression modifies: through its preposition, if any.

    A date between a subject and its verb dates the verb, wherever the parser hung it
    ("The minister on Monday met ...": the parser often hangs "on Monday" on "minister").
    """
    head = root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and head.i < root.i < verb.i and verb.pos_ in ("VERB", "AUX"):
        return verb
    return _verb_of_name(head)


def _verb_of_name(head: Token) -> Token:
    """A date never modifies a person's or a place's name: hung on an argument of a
    verb ("welcomed X late on Monday", "met with X on Monday"), it dates the verb."""
    if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG", ""):
        return head
    node = head
    if node.dep_ == "pobj" and node.head.pos_ == "ADP":
        node = node.head
    if node.dep_ in ("dobj", "ccomp", "prep") and node.head.pos_ == "VERB":
        return node.head
    return head


def _is_reporting(token: Token) -> bool:
    return token.lemma_.lower() in REPORTING_LEMMAS


def _trigger_hosts(trigger: Token) -> set[Token]:
    """The trigger, and the verb carrying it when it is a noun ("had a phone call")."""
    hosts = {trigger}
    if trigger.pos_ in ("NOUN", "PROPN"):
        head = trigger.head
        # "held talks", "had a phone conversation", "at a meeting with X on Friday"
        while head.dep_ in ("prep", "pobj", "compound") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and not _is_reporting(head):
            hosts.add(head)
        elif head.pos_ == "ADP":
            hosts.add(head.head)
    return hosts


def _reporting_between(frame: Token, trigger: Token) -> bool:
    """A reporting verb on the path from the trigger up to the frame's verb."""
    node = trigger
    for _ in range(12):
        if node is frame or node.head is node:
            return False
        # a conjunct of a reporting verb is an action of its own ("X arrived hours
        # after the trip was announced and was met by Y"), not what was reported
        head = node.head
        if head is not frame and node.dep_ != "conj" and _is_reporting(head):
            return True
        node = head
    return False


def _dates_trigger(doc: Doc, t: Timex, trigger: Token, words: frozenset[Token] = frozenset()) -> bool:
    span = _span_of(doc, t)
    if span is None:
        return False
    root = span.root
    if root.head.lower_ in BOUNDARY_PREPOSITIONS or _after_boundary_word(span):
        return False  # "the first visit since 2015", "talks until Friday": a bound, not the day
    attached = _attachment(root)
    # the trigger's own words: "held talks on Monday" (the parser may hang the date on
    # "talks", the noun of the light verb that names the event)
    hosts = _trigger_hosts(trigger) | words
    if attached in hosts:
        return not _after_bounded_phrase(span, attached)
    # Inside the trigger's own phrase: "a meeting with X on Friday".
    if trigger.pos_ in ("NOUN", "PROPN") and root in trigger.subtree:
        return True
    # Reporting verb dated, trigger in its complement: the date is the report's.
    if _is_reporting(attached) and trigger in attached.subtree and attached is not trigger:
        return False
    # Sentence-opening frame: "On May 21, 2021, X did Y".
    sent = span.sent
    # The frame covers the clause that follows it, whatever the parser hung the
    # date on, unless a reporting verb intervenes ("On Monday, X said Y met Z").
    if _opens_clause(doc, span) and trigger.sent == sent and trigger.i > span.end:
        return not _reporting_between(sent.root, trigger) and not (
            _is_reporting(sent.root) and trigger is not sent.root and trigger in sent.root.subtree
            and not _is_reporting(trigger))
    return False


def _after_boundary_word(span: Span) -> bool:
    """The word just before the date is a boundary preposition ("since 2015") even
    where the parser hung the date elsewhere."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in BOUNDARY_PREPOSITIONS


def _after_bounded_phrase(span: Span, verb: Token) -> bool:
    """The date follows a phrase of the verb's that a boundary word opens ("toured the
    city ahead of talks in the capital on Tuesday"): it most likely dates that
    phrase's noun, whatever the parser says."""
    doc = span.doc
    return verb.i < span.start and any(
        doc[i].lower_ in BOUNDARY_PREPOSITIONS and verb.is_ancestor(doc[i]) for i in range(verb.i + 1, span.start))


def _opens_clause(doc: Doc, span: Span) -> bool:
    """Nothing but a preposition (or a line break, or an opening "According to X,")
    before the date in its sentence.

    The line test matters for articles whose header lines the parser glues to the
    first sentence ("2021-10-26 19:13\n\nOn October 26, 2021, ...").
    """
    line_start = text_of(doc).rfind("\n", 0, span.start_char) + 1
    lead = list(doc[span.sent.start : span.start])
    if line_start > span.sent.start_char:
        lead = [t for t in lead if t.idx >= line_start]
    lead = [t for t in _after_attribution(lead) if not _part_of_day(t)]
    return all(t.is_space or t.is_punct or t.pos_ == "ADP" for t in lead) and len(lead) <= 2


def _part_of_day(token: Token) -> bool:
    """"the morning of": words that only narrow the date that follows them."""
    return token.lower_ in PARTS_OF_DAY or (token.lower_ == "the" and token.head.lower_ in PARTS_OF_DAY)


def _after_attribution(lead: list[Token]) -> list[Token]:
    """The tokens after an opening "According to X," (the source, not the clause)."""
    if len(lead) < 2 or (lead[0].lower_, lead[1].lower_) != ("according", "to"):
        return lead
    commas = [i for i, t in enumerate(lead) if t.text == ","]
    return lead[commas[-1] + 1:] if commas else lead


# A day a page without a publication date could not place: a weekday ("on Monday"),
# a day without its year ("on 31st May"), a day word ("yesterday", "last evening").
OPEN_DAY = re.compile(r"XXXX-(WXX-[1-7]|\d{2}-\d{2}|XX-XX)(T[A-Z]{2})?")


def _is_dateable(doc: Doc, t: Timex) -> bool:
    if t.type not in ("DATE", "TIME"):
        return False
    if value_range(t.value) is None and not OPEN_DAY.fullmatch(t.value):
        return False
    span = _span_of(doc, t)
    if span is None:
        return False
    following = doc[span.end : span.end + 2]
    return not any(tok.lower_ in CELEBRATIONS for tok in following)


def _from_timex(t: Timex, published: date | None) -> EventDate:
    """A worked-out date is "relative" to the publication date, or only "inferred"
    when the page has none (see `readouts.timex.tagger.resolve_undated`)."""
    first, last, precision = value_range(t.value)
    if not t.anchored:
        basis = "stated"
    else:
        basis = "relative" if published is not None else "inferred"
    return EventDate(
        value=first,
        precision=precision,
        end_value=last if last != first else None,
        evidence=t,
        basis=basis,
    )


def _shared_subject_conjuncts(trigger: Token) -> list[Token]:
    """Verbs coordinated with the trigger, sharing its subject and tense ("will travel
    to A and visit B from 13 to 18 May", "welcomed X late on Monday and toured him
    round the grounds"): their date dates the trigger when it has none."""
    if trigger.pos_ != "VERB":
        return []
    conjuncts = [c for c in trigger.children if c.dep_ == "conj" and not _own_subject(c)]
    if trigger.dep_ == "conj" and not _own_subject(trigger):
        conjuncts.append(trigger.head)
    return [c for c in conjuncts if c.pos_ == "VERB" and c.tag_ == trigger.tag_]


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _default_trigger(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verbs = [t for t in span if t.pos_ == "VERB" and not _is_reporting(t)]
    return verbs[0] if verbs else span.root


def event_date(doc: Doc, start: int, end: int, timexes: list[Timex],
               published: date | None, trigger: int | None = None,
               trigger_end: int | None = None) -> EventDate:
    """The date of the action reported in [start, end) (char offsets into doc.text).

    trigger is the char offset of the word naming the action ("met", "call"); without
    it the first non-reporting verb of the span stands in; trigger_end, when given, ends
    the words naming it ("held talks"). Returns value=None,
    basis="none" when only a reporting verb, or nothing, carries a date. published
    is not used as a date (timex values are already resolved against it); without
    it a worked-out date is only "inferred".
    """
    trigger_token = _token_at(doc, trigger) if trigger is not None else _default_trigger(doc, start, end)
    if trigger_token is None:
        return EventDate(value=None)
    candidates = [t for t in timexes if start <= t.start and t.end <= end and _is_dateable(doc, t)]
    words = frozenset(takewhile(lambda tok: tok.idx < (trigger_end or 0), doc[trigger_token.i:]))
    attached = [t for t in candidates if _dates_trigger(doc, t, trigger_token, words)]
    if not attached:
        attached = [t for t in candidates for verb in _shared_subject_conjuncts(trigger_token)
                    if _dates_trigger(doc, t, verb)]
    if not attached:
        return EventDate(value=None)
    # The closest one to the trigger wins ("on Friday" beats a distant opening frame);
    # a day that can be placed beats one that cannot.
    best = min(attached, key=lambda t: (_open(t), abs(t.start - trigger_token.idx)))
    if _open(best):
        # No day, but the day the report named stays as evidence: merging places it
        # on the day of the event other reports date (`readouts.merge`).
        return EventDate(value=None, evidence=best, basis="none")
    return _from_timex(best, published)


def _open(t: Timex) -> bool:
    return OPEN_DAY.fullmatch(t.value) is not None


def reported_date(published: date | None, published_from: str | None = None) -> EventDate:
    """The date of an occurred action whose day the text does not state.

    News reports what just happened: the action is dated to the day of the dateline
    (basis "dateline") or of publication (basis "reported"), never silently: the basis
    tells analysts it was inferred. None without a publication date.
    """
    if published is None:
        return EventDate(value=None)
    basis = "dateline" if published_from == "dateline" else "reported"
    return EventDate(value=published, precision="day", basis=basis)
