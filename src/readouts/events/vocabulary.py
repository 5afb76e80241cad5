"""Event vocabulary: the event types and topic taxonomy, read from TOML data files.

Owns: turning `data/event_types.toml` and `data/topics.toml` (plus optional user files)
into compiled, immutable objects the rest of the events stage reads. No rule about
what a trigger looks like lives in code: it lives in the TOML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..patterns import combine_patterns
from ..patterns import keyword_pattern as _keyword_pattern

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EVENT_TYPES_FILE = DATA_DIR / "event_types.toml"
TOPICS_FILE = DATA_DIR / "topics.toml"


class VocabularyError(ValueError):
    """A vocabulary file is missing a required key or holds a bad pattern."""


def _compile(patterns: list[str], where: str) -> tuple[re.Pattern, ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise VocabularyError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc
    return tuple(compiled)


@dataclass(frozen=True)
class EventTypeSpec:
    """One readable event type and its PLOVER / CAMEO coding."""

    name: str
    label: str
    priority: int
    plover: dict
    cameo: str | None
    planned: dict
    roles: dict
    verbs: frozenset[str]
    nouns: frozenset[str]
    needs_object: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    weak: tuple[re.Pattern, ...]
    variants: tuple[tuple[re.Pattern, dict], ...] = ()
    host_cameo: str | None = None  # CAMEO code when the article's actor is the host
    min_parties: int = 2
    # verbs that trigger the type only when the article confirms it ("agreed to ..."
    # is an agreement only where the article speaks of "the deal" it produced)
    confirmed_verbs: frozenset[str] = frozenset()
    confirmed_by: tuple[re.Pattern, ...] = ()

    def confirmed(self, article_text: str) -> bool:
        return any(p.search(article_text) for p in self.confirmed_by)

    def coding(self, status: str, context_text: str) -> tuple[dict, str | None]:
        """PLOVER dict and CAMEO code for an event of this type with this status."""
        if status == "negated":
            # PLOVER leaves negated events out of the data: no category, no code
            return {"event": "", "mode": [], "context": list(self.plover.get("context", []))}, None
        if status == "planned":
            event = self.planned.get("plover_event", "")
            return {"event": event, "mode": [], "context": list(self.plover.get("context", []))}, (
                self.planned.get("cameo") or None
            )
        plover = {
            "event": self.plover.get("event", ""),
            "mode": list(self.plover.get("mode", [])),
            "context": list(self.plover.get("context", [])),
        }
        cameo = self.cameo
        for pattern, override in self.variants:
            if pattern.search(context_text):
                cameo = override.get("cameo", cameo)
                if "mode" in override:
                    plover["mode"] = list(override["mode"])
                break
        return plover, cameo


@dataclass(frozen=True)
class EventVocabulary:
    """Everything event_types.toml defines: the types and the shared word lists."""

    types: dict[str, EventTypeSpec]
    planned_lemmas: frozenset[str]
    planned_patterns: tuple[re.Pattern, ...]
    negated_lemmas: frozenset[str]
    no_event_lemmas: frozenset[str]
    negated_patterns: tuple[re.Pattern, ...]
    hypothetical_modals: frozenset[str]
    hypothetical_markers: tuple[re.Pattern, ...]
    background_verbs: frozenset[str]
    background_patterns: tuple[re.Pattern, ...]
    max_age_days: int
    speech_verbs: frozenset[str]
    present_lemmas: frozenset[str]
    watch_lemmas: frozenset[str]
    accompanying_lemmas: frozenset[str]
    anaphoric_nouns: frozenset[str]
    frame_nouns: frozenset[str]
    receive_verbs: frozenset[str]
    honour_nouns: frozenset[str]
    camp_nouns: frozenset[str]
    reporter_titles: tuple[str, ...]
    host_verbs: frozenset[str]
    arrival_words: frozenset[str]
    guest_nouns: frozenset[str]
    position_patterns: tuple[re.Pattern, ...]
    occasion_patterns: tuple[re.Pattern, ...]
    relative_days: dict[str, int] = field(default_factory=dict)
    include_verbs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # The screen: every trigger lemma and pattern of every type, so a sentence that
        # holds none of them (most news text) is passed over with one look.
        lemmas: set[str] = set()
        patterns: list[re.Pattern] = []
        for spec in self.types.values():
            lemmas |= spec.verbs | spec.nouns | spec.needs_object | spec.confirmed_verbs
            patterns += [*spec.patterns, *spec.weak]
        object.__setattr__(self, "trigger_lemmas", frozenset(lemmas))
        object.__setattr__(self, "trigger_screen", combine_patterns(patterns))

    def could_trigger(self, lemmas: Iterable[str], text: str) -> bool:
        """Cheap test: may this sentence hold a trigger of any type?"""
        return any(lemma in self.trigger_lemmas for lemma in lemmas) or bool(
            self.trigger_screen.search(text)
        )

    def by_priority(self) -> list[EventTypeSpec]:
        return sorted(self.types.values(), key=lambda t: -t.priority)


def _type_spec(name: str, table: dict) -> EventTypeSpec:
    where = f"event type {name!r}"
    for key in ("plover", "roles"):
        if key not in table:
            raise VocabularyError(f"{where}: missing key {key!r}")
    variants = tuple(
        (re.compile(v["match"], re.IGNORECASE), v) for v in table.get("variants", [])
    )
    return EventTypeSpec(
        name=name,
        label=table.get("label", name),
        priority=int(table.get("priority", 0)),
        plover=dict(table["plover"]),
        cameo=table.get("cameo"),
        planned=dict(table.get("planned", {})),
        roles=dict(table["roles"]),
        verbs=frozenset(table.get("verbs", [])),
        nouns=frozenset(table.get("nouns", [])),
        needs_object=frozenset(table.get("needs_object", [])),
        patterns=_compile(table.get("patterns", []), where),
        weak=_compile(table.get("weak", []), where),
        variants=variants,
        host_cameo=table.get("host_cameo"),
        min_parties=int(table.get("min_parties", 2)),
        confirmed_verbs=frozenset(table.get("confirmed_verbs", [])),
        confirmed_by=_compile(table.get("confirmed_by", []), where),
    )


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise VocabularyError(f"vocabulary file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}: not valid TOML: {exc}") from exc


def _vocabulary_from(data: dict) -> EventVocabulary:
    types = {name: _type_spec(name, table) for name, table in data.get("types", {}).items()}
    status = data.get("status", {})
    background = data.get("background", {})
    speech = data.get("speech", {})
    extra = data.get("roles_extra", {})
    return EventVocabulary(
        types=types,
        planned_lemmas=frozenset(status.get("planned_lemmas", [])),
        planned_patterns=_compile(status.get("planned_patterns", []), "status"),
        negated_lemmas=frozenset(status.get("negated_lemmas", [])),
        no_event_lemmas=frozenset(status.get("no_event_lemmas", [])),
        negated_patterns=_compile(status.get("negated_patterns", []), "status"),
        hypothetical_modals=frozenset(status.get("hypothetical_modals", [])),
        hypothetical_markers=_compile(status.get("hypothetical_markers", []), "status"),
        background_verbs=frozenset(background.get("verbs", [])),
        background_patterns=_compile(background.get("patterns", []), "background"),
        max_age_days=int(background.get("max_age_days", 45)),
        speech_verbs=frozenset(speech.get("verbs", [])),
        present_lemmas=frozenset(extra.get("present", [])),
        watch_lemmas=frozenset(extra.get("watch", [])),
        accompanying_lemmas=frozenset(extra.get("accompanying", [])),
        anaphoric_nouns=frozenset(extra.get("anaphoric_nouns", [])),
        frame_nouns=frozenset(extra.get("frame_nouns", [])),
        receive_verbs=frozenset(extra.get("receive_verbs", [])),
        honour_nouns=frozenset(extra.get("honour_nouns", [])),
        camp_nouns=frozenset(extra.get("camp_nouns", [])),
        host_verbs=frozenset(extra.get("host_verbs", [])),
        arrival_words=frozenset(extra.get("arrival_words", [])),
        guest_nouns=frozenset(extra.get("guest_nouns", [])),
        reporter_titles=tuple(t.lower() for t in extra.get("reporter_titles", [])),
        position_patterns=_compile(data.get("positions", {}).get("patterns", []), "positions"),
        occasion_patterns=_compile(data.get("occasion", {}).get("patterns", []), "occasion"),
        relative_days={k: int(v) for k, v in data.get("relative_days", {}).items()},
        include_verbs=frozenset(extra.get("include_verbs", [])),
    )


@lru_cache(maxsize=8)
def _cached_event_types(path: str) -> EventVocabulary:
    data = _read_toml(EVENT_TYPES_FILE)
    if Path(path) != EVENT_TYPES_FILE:
        data = _overlay(data, _read_toml(Path(path)))
    return _vocabulary_from(data)


def _overlay(base: dict, user: dict) -> dict:
    """A user's file over the packaged one: tables merge key by key (a new event type
    is added, a type of the same name replaced), other values replace."""
    merged = dict(base)
    for key, value in user.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict) and key != "types":
            merged[key] = _overlay(base[key], value)
        elif key == "types" and isinstance(value, dict):
            merged[key] = {**base.get("types", {}), **value}
        else:
            merged[key] = value
    return merged


def load_event_types(path: str | Path | None = None) -> EventVocabulary:
    """The event vocabulary: the packaged event_types.toml, with the types and tables of
    a user's file at `path` added over it."""
    return _cached_event_types(str(Path(path) if path else EVENT_TYPES_FILE))


# --------------------------------------------------------------------------- topics


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    patterns: tuple[re.Pattern, ...]

    def find(self, text: str) -> list[re.Match]:
        return [m for p in self.patterns for m in p.finditer(text)]

    @property
    def combined(self) -> re.Pattern:
        """All the topic's patterns as one regex (cached): one search per sentence."""
        cached = _COMBINED.get(self.id)
        if cached is None or cached[0] is not self.patterns:
            cached = _COMBINED[self.id] = (self.patterns, combine_patterns(self.patterns))
        return cached[1]

    def mentioned(self, text: str) -> bool:
        return self.combined.search(text) is not None


_COMBINED: dict[str, tuple[tuple[re.Pattern, ...], re.Pattern]] = {}


def _topic_tables(path: Path) -> list[dict]:
    tables = _read_toml(path).get("topic", [])
    for table in tables:
        if "id" not in table:
            raise VocabularyError(f"{path}: a [[topic]] has no id")
    return tables


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """The packaged topic taxonomy, extended (or overridden per id) by a user file."""
    return list(_cached_topics(str(path) if path else ""))


@lru_cache(maxsize=8)
def _cached_topics(path: str) -> tuple[Topic, ...]:
    # read once per process: the same Topic objects let callers cache their matches
    return tuple(_read_topics(path or None))


def _read_topics(path: str | None) -> list[Topic]:
    merged: dict[str, dict] = {}
    files = [TOPICS_FILE] + ([Path(path)] if path else [])
    for source in files:
        for table in _topic_tables(source):
            current = merged.setdefault(table["id"], {"label": table["id"], "keywords": [], "regex": []})
            current["label"] = table.get("label", current["label"])
            current["keywords"] = current["keywords"] + list(table.get("keywords", []))
            current["regex"] = current["regex"] + list(table.get("regex", []))
    topics = []
    for topic_id, table in merged.items():
        patterns = [_keyword_pattern(k) for k in table["keywords"]]
        patterns += list(_compile(table["regex"], f"topic {topic_id!r}"))
        topics.append(Topic(id=topic_id, label=table["label"], patterns=tuple(patterns)))
    return topics
