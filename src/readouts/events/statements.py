"""Statements: who said what during an event, and which positions they stated.

Owns: finding reported-speech sentences in an event's segment ("X stressed ...",
"..., X said.", "he added"), resolving the speaker (a named actor; a pronoun or
unresolved noun phrase goes to the last named speaker), carrying the speaker over
to the following sentences of the same paragraph, and extracting stated positions
(the clause after "supports", "stands ready to", "is committed to", ...).
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import Actor, ActorSet, Statement
from .participants import is_reporter
from .vocabulary import EventVocabulary

_POSITION_END = re.compile(r"[,;:.!?()\"“”]|\s(?:but|while|which|so as to)\s")
_MAX_POSITION_WORDS = 25


def speech_verbs(sent: SpacySpan, vocab: EventVocabulary) -> list[Token]:
    """Reporting verbs of a sentence: speech-verb lemmas heading a clause with a subject."""
    return [
        t
        for t in sent
        if t.pos_ == "VERB"
        and t.lemma_.lower() in vocab.speech_verbs
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        and any(c.dep_ in ("ccomp", "parataxis", "prep", "dobj", "advcl", "xcomp", "prt") for c in t.children)
    ]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _subject_actors(verb: Token, actors: ActorSet) -> list[Actor]:
    subject = _subject(verb)
    if subject is None:
        return []
    tokens = list(subject.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    by_key = actors.by_key()
    found = [by_key[m.actor_key] for m in actors.at(start, end) if m.actor_key in by_key]
    return sorted(found, key=lambda a: a.kind != "person")


def resolve_speaker(verb: Token, actors: ActorSet, last_speaker: str | None) -> str | None:
    """The speaker of a reporting verb; pronouns and "the president" go to the last
    named speaker."""
    subject = _subject(verb)
    if subject is None:
        return last_speaker
    mentioned = _subject_actors(verb, actors)
    if mentioned and mentioned[0].kind == "person":
        return mentioned[0].name
    if subject.pos_ == "PRON":
        return last_speaker
    if subject.pos_ == "NOUN" and any(t.lower_ == "the" for t in subject.subtree):
        return last_speaker  # "the president said"
    return mentioned[0].name if mentioned else None


def sentence_speaker(sent: SpacySpan, actors: ActorSet, vocab: EventVocabulary, last_speaker: str | None) -> tuple[bool, str | None]:
    """(has a reporting verb, speaker). With nested reporting ("X pointed out ...,
    the spokesman said") the person whose words they are wins over the reporter."""
    verbs = speech_verbs(sent, vocab)
    if not verbs:
        return False, None
    for verb in verbs:
        people = [a for a in _subject_actors(verb, actors) if a.kind == "person"]
        if people and not is_reporter(people[0], vocab):
            return True, people[0].name
    roots = [v for v in verbs if v.dep_ == "ROOT"]
    return True, resolve_speaker((roots or verbs)[0], actors, last_speaker)


def _new_subject(sent: SpacySpan, actors: ActorSet, speaker: str | None) -> bool:
    """True when the sentence's main subject is a person other than the speaker."""
    root = sent.root
    people = [a for a in _subject_actors(root, actors) if a.kind == "person"]
    return bool(people) and people[0].name != speaker


def _verb_at(sent: SpacySpan | None, offset: int) -> bool:
    """True unless the word at `offset` of the sentence is a noun ("mutual support")."""
    if sent is None:
        return True
    for token in sent:
        if token.idx - sent.start_char <= offset < token.idx - sent.start_char + len(token.text):
            return token.pos_ not in ("NOUN", "PROPN")
    return True


def find_positions(text: str, vocab: EventVocabulary, sent: SpacySpan | None = None) -> list[str]:
    """Positions stated in a sentence: the commitment verb and the clause after it."""
    positions: list[str] = []
    covered_to = -1
    matches = sorted((m for p in vocab.position_patterns for m in p.finditer(text)), key=lambda m: m.start())
    for match in matches:
        if match.start() < covered_to:
            continue
        last_word = match.group().rstrip().rsplit(" ", 1)[-1]
        if not _verb_at(sent, match.start() + match.group().rstrip().rfind(last_word)):
            continue
        rest = text[match.end() :]
        stop = _POSITION_END.search(rest)
        clause = rest[: stop.start()] if stop else rest
        words = clause.split()
        if not words:
            continue
        clause = " ".join(words[:_MAX_POSITION_WORDS])
        positions.append(f"{match.group().strip()} {clause}".strip())
        covered_to = match.end() + (stop.start() if stop else len(rest))
    return positions


def segment_statements(
    sents: list[SpacySpan],
    actors: ActorSet,
    vocab: EventVocabulary,
    participants: list[str],
) -> list[Statement]:
    """Statements of one event's segment, in text order."""
    statements: list[Statement] = []
    last_speaker = participants[0] if len(participants) == 1 else None
    carried: str | None = None
    for sent in sents:
        has_verb, speaker = sentence_speaker(sent, actors, vocab, last_speaker)
        if not has_verb:
            # the speech continues in the sentence right after a statement, unless
            # someone else is now the subject ("Y attended the meeting")
            speaker = carried if carried and not _new_subject(sent, actors, carried) else None
        if not has_verb and speaker is None:
            carried = None
            continue
        if speaker:
            last_speaker = speaker
        lead = len(sent.text) - len(sent.text.lstrip())
        text = sent.text.strip()
        statements.append(
            Statement(
                speaker=speaker,
                text=text,
                start=sent.start_char + lead,
                end=sent.start_char + lead + len(text),
                positions=find_positions(sent.text, vocab, sent),
            )
        )
        carried = speaker
    return statements
