"""Typed records that flow between the stages.

Owns: the data contract of the pipeline. Every stage takes records defined here and
returns records defined here; no stage imports another stage's internals.

    read  -> RawArticle | Skip
    clean -> Article                  (clean body text + offset map to the original)
    annotate -> spaCy Doc over Article.text
    actors -> ActorSet                (Actor + Mention, spans in clean-text offsets)
    dates  -> list[Timex]             (spans in clean-text offsets)
    events -> list[Event]             (article-level events, evidence in clean offsets)
           => AnalysedArticle          (everything one article's stages produced)
    store  -> EventRecord             (one article's event, evidence in original offsets)
    merge  -> EventRecord             (the merged event; its `members` are the above)

Offsets: every span produced after `clean` is a character offset into `Article.text`
(the clean text). `Article.to_original` maps it back into `Article.original`, which is
what the store keeps, so evidence always points into the text as it was read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# --------------------------------------------------------------------------- read


@dataclass
class RawArticle:
    """One article as read from disk, before cleaning."""

    source: str  # path relative to the root given on the command line, or the url
    text: str  # the full decoded text as read (header line included for .txt)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    external_id: str | None = None  # the `id` field of json/csv records
    published: date | None = None
    published_from: str | None = None  # "header" | "metadata" (set by the reader)
    fmt: str = "txt"  # txt | jsonl | json | csv | html


SkipReason = Literal[
    "empty", "binary", "encoding", "too_large", "malformed", "non_english", "unsupported",
    "unreadable", "bad_date",
]


@dataclass
class Skip:
    """An input that could not become an article, with a one-line reason."""

    source: str
    reason: SkipReason
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: skipped ({self.reason}) {self.detail}".rstrip()


# -------------------------------------------------------------------------- clean


@dataclass
class OffsetMap:
    """Maps offsets in the clean text back to offsets in the original text.

    The clean text is a concatenation of pieces of the original, joined by inserted
    separators. `segments` holds (clean_start, original_start, length) for every
    copied piece, sorted by clean_start. An offset inside an inserted separator maps
    to the end of the piece before it.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, clean_start: int, original_start: int, length: int) -> None:
        if length > 0:
            self.segments.append((clean_start, original_start, length))

    def to_original(self, offset: int) -> int:
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, original_start, length = self.segments[i]
        return original_start + min(offset - clean_start, length)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span; the end maps as the end of the character before it."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


@dataclass
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str  # stable: hash of the normalised clean text
    source: str
    original: str  # text as read
    text: str  # clean body text (boilerplate removed)
    offsets: OffsetMap
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    # where the date came from: header | metadata | dateline | byline | timestamp | None
    published_from: str | None = None
    dateline: str | None = None  # place named in the dateline, e.g. "ISLAMABAD"
    fmt: str = "txt"
    genre: str | None = None  # "opinion" when genre.is_opinion found a reason, else None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_original(start, end)


# ------------------------------------------------------------------------- actors

ActorKind = Literal["person", "state", "organisation"]


@dataclass
class Actor:
    """One real-world actor within one article (all its mentions resolved to it)."""

    key: str  # unique within the article, e.g. "p1", or a stable code for states "CHN"
    kind: ActorKind
    name: str  # canonical name: "Xi Jinping", "China", "Shanghai Cooperation Organisation"
    country: str | None = None  # ISO 3166-1 alpha-3, or an organisation code for IGO staff
    titles: list[str] = field(default_factory=list)  # "President", "Foreign Minister"
    aliases: list[str] = field(default_factory=list)  # surface forms seen in the text
    gazetteer_id: str | None = None  # row id in the actor gazetteer, when matched
    code: str | None = None  # for states/organisations: "CHN", "IGOUNO", "SCO"


@dataclass
class Mention:
    """A span of the clean text that refers to an actor."""

    start: int
    end: int
    text: str
    actor_key: str
    # name | surname | given_name | title | pronoun | demonym | capital | counterpart
    kind: str = "name"


@dataclass
class ActorSet:
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # names the article's own uses read as places ("fighting in X"), dropped as people;
    # the store drops the same names where other articles took them for people
    places_read: list[str] = field(default_factory=list)

    def by_key(self) -> dict[str, Actor]:
        return {a.key: a for a in self.actors}

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping the clean span [start, end)."""
        return [m for m in self.mentions if m.start < end and start < m.end]

    def of_kind_at(self, kind: str, start: int, end: int) -> list[tuple[Actor, Mention]]:
        """(actor, mention) of the mentions overlapping [start, end) whose actor is a
        person, state or organisation (``kind``)."""
        by_key = self.by_key()
        return [(by_key[m.actor_key], m) for m in self.at(start, end)
                if m.actor_key in by_key and by_key[m.actor_key].kind == kind]


# -------------------------------------------------------------------------- dates

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass
class Timex:
    """A time expression (TimeML TIMEX3) found in the clean text."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str  # "2023-05-05", "2021-10", "P70Y", "PRESENT_REF", "XXXX-XX-XX" if unknown
    anchored: bool = False  # True when the value depends on the publication date


@dataclass
class EventDate:
    """The day a reported action happened, with how precisely and on what evidence."""

    value: date | None
    precision: Literal["day", "month", "year", "unknown"] = "unknown"
    end_value: date | None = None
    evidence: Timex | None = None
    # "stated" (date in the clause) | "relative" (weekday, yesterday...) | "dateline" |
    # "reported" (the publication date; the text states no day) | "inferred" (an undated
    # page's weekday, worked out from the days it states) | "none": see datepolicy
    basis: str = "none"


# ------------------------------------------------------------------------- events

EventType = Literal["meeting", "phone_call", "message_exchange", "visit", "agreement", "statement"]
EventStatus = Literal["occurred", "planned", "negated"]


@dataclass
class Span:
    """Evidence: a span of the clean text of one article (mapped to original on store)."""

    start: int
    end: int
    text: str
    field: str = "trigger"  # which field this span supports: trigger|participant|date|...


@dataclass
class Participant:
    name: str
    title: str | None
    country: str | None
    # actor | recipient | visitor | host | participant | present | accompanying
    role: str
    actor_key: str | None = None
    kind: ActorKind = "person"


@dataclass
class Statement:
    speaker: str | None
    text: str
    start: int
    end: int
    positions: list[str] = field(default_factory=list)  # commitments stated in the sentence


@dataclass
class Event:
    """One interaction reported by one article."""

    type: EventType
    status: EventStatus
    participants: list[Participant]
    date: EventDate
    location: dict | None = None  # {"name": "Islamabad", "country": "PAK"}
    occasion: str | None = None
    plover: dict = field(default_factory=dict)  # {"event", "mode", "context": []}
    cameo: str | None = None
    topics: list[str] = field(default_factory=list)
    topic_evidence: list[Span] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    article_id: str = ""
    sentence_start: int = 0  # clean offset of the trigger sentence (orders events)


# ------------------------------------------------------------ analysed article


@dataclass
class AnalysedArticle:
    """Everything the per-article stages produced for one article."""

    article: Article
    actors: ActorSet = field(default_factory=ActorSet)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actor_ids: dict[str, str] = field(default_factory=dict)  # actor key -> corpus-level id
    words: int = 0
    bands: list[str] | None = None  # near-duplicate LSH bands (neardup.signature_bands)


# ------------------------------------------------------------ event records
#
# What the store keeps of an event, in original-text offsets: the article-level record
# of one report (`store.event_record`) and the merged event (`merge.rebuild`), whose
# `members` are the article-level records it was made from. Dates are ISO strings, as
# in the JSON. `EventRecord.to_json` / `from_json` are the one serialiser: the store
# writes and reads this JSON (its analysis views read it too), and `report.public_event`
# is the one public view of it.


def _known(data: dict, names: tuple[str, ...]) -> dict:
    """The keys of `data` a record knows (a record of a later version may have more)."""
    return {name: data[name] for name in names if name in data}


@dataclass
class Evidence:
    """A span of the original text that supports one field of an event."""

    start: int
    end: int
    text: str
    field: str = "trigger"

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "field": self.field}

    @classmethod
    def from_json(cls, data: dict) -> Evidence:
        return cls(**_known(data, ("start", "end", "text", "field")))


# The keys of a stored source; those a source lacks it takes from its record.
SOURCE_FIELDS = ("id", "article", "article_id", "outlet", "published", "status", "date",
                 "date_basis", "date_precision", "end_date", "evidence")
SOURCE_INHERITS = ("id", "status", "date", "date_basis", "date_precision", "end_date")


@dataclass
class SourceRecord:
    """One report of an event: the article and the date, status and evidence it gives."""

    id: str | None = None  # the article-level event id
    article: str | None = None  # url, else the source path
    article_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    status: str | None = None
    date: str | None = None
    date_basis: str | None = None
    date_precision: str | None = None
    end_date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self, with_dates: bool = True) -> dict:
        """`with_dates`: also the precision and end date. An article-level record
        leaves them to the record itself; a merged event's sources carry their own."""
        out = {
            "id": self.id, "article": self.article, "article_id": self.article_id,
            "outlet": self.outlet, "published": self.published, "status": self.status,
            "date": self.date, "date_basis": self.date_basis,
            "evidence": [e.to_json() for e in self.evidence],
        }
        if with_dates:
            out |= {"date_precision": self.date_precision, "end_date": self.end_date}
        return out

    @classmethod
    def from_json(cls, data: dict, record: dict | None = None) -> SourceRecord:
        """A source; the date details it lacks are its record's (older records and
        article-level ones keep them on the record only)."""
        inherited = {name: (record or {}).get(name) for name in SOURCE_INHERITS}
        known = _known(data, SOURCE_FIELDS)
        evidence = [Evidence.from_json(e) for e in known.pop("evidence", None) or []]
        return cls(**(inherited | known), evidence=evidence)


@dataclass
class ParticipantRecord:
    """A party to an event, with its corpus-level actor id when known."""

    name: str | None = None
    title: str | None = None
    country: str | None = None
    role: str | None = None
    actor_id: str | None = None
    kind: str | None = None  # only where a record states it ("state"); not stored by ingest

    def to_json(self) -> dict:
        out = {"name": self.name, "title": self.title, "country": self.country,
               "role": self.role, "actor_id": self.actor_id}
        if self.kind is not None:
            out["kind"] = self.kind
        return out

    @classmethod
    def from_json(cls, data: dict) -> ParticipantRecord:
        return cls(**_known(data, ("name", "title", "country", "role", "actor_id", "kind")))


@dataclass
class StatementRecord:
    """What a speaker said, with its span in the original text."""

    speaker: str | None = None
    text: str = ""
    positions: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict:
        return {"speaker": self.speaker, "text": self.text, "positions": list(self.positions),
                "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict) -> StatementRecord:
        known = _known(data, ("speaker", "text", "positions", "start", "end"))
        known["positions"] = list(known.get("positions") or [])
        known["text"] = known.get("text") or ""
        return cls(**known)


@dataclass
class EventRecord:
    """An event as stored: one article's report of it, or (with `members`) the merged
    event of every report."""

    id: str
    type: str | None = None
    status: str | None = None
    date: str | None = None
    date_precision: str | None = None
    end_date: str | None = None
    date_basis: str | None = None
    participants: list[ParticipantRecord] = field(default_factory=list)
    location: dict | None = None  # {"name": "Islamabad", "country": "PAK"}
    occasion: str | None = None
    plover: dict = field(default_factory=dict)  # {"event", "mode", "context": []}
    cameo: str | None = None
    topics: list[str] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    # a merged event's article-level records (stored under "_members", never public)
    members: list[EventRecord] = field(default_factory=list)

    def to_json(self, as_member: bool = False) -> dict:
        """The stored JSON (docs/schema.md). A lone article-level record's sources leave
        their date details to the record; a merged event's and its members' carry them
        (`as_member`: this record is written inside a merged event)."""
        with_dates = as_member or bool(self.members)
        out = {
            "id": self.id, "type": self.type, "status": self.status, "date": self.date,
            "date_precision": self.date_precision, "end_date": self.end_date,
            "date_basis": self.date_basis,
            "participants": [p.to_json() for p in self.participants],
            "location": self.location, "occasion": self.occasion, "plover": self.plover,
            "cameo": self.cameo, "topics": list(self.topics),
            "statements": [s.to_json() for s in self.statements],
            "sources": [s.to_json(with_dates) for s in self.sources],
        }
        if self.members:
            out["_members"] = [m.to_json(as_member=True) for m in self.members]
        return out

    @classmethod
    def from_json(cls, data: dict) -> EventRecord:
        """Read a stored record; keys a record lacks take their defaults, keys this
        version does not know are ignored."""
        return cls(
            id=data.get("id", ""),
            **_known(data, ("type", "status", "date", "date_precision", "end_date",
                            "date_basis", "location", "occasion", "cameo")),
            participants=[ParticipantRecord.from_json(p) for p in data.get("participants") or []],
            plover=dict(data.get("plover") or {}),
            topics=list(data.get("topics") or []),
            statements=[StatementRecord.from_json(s) for s in data.get("statements") or []],
            sources=[SourceRecord.from_json(s, data) for s in data.get("sources") or []],
            members=[cls.from_json(m) for m in data.get("_members") or []],
        )
