"""Triggers: the words in a sentence that report a diplomatic interaction.

Owns: finding trigger candidates (verb lemmas, noun lemmas, TOML patterns) in each
sentence, choosing the syntactic head of each match, and resolving overlaps between
types by priority ("held talks by phone" is a phone call, not a meeting).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..annotate import text_of
from ..gate import is_parsed
from .vocabulary import EventTypeSpec, EventVocabulary

# Dependency labels of an adjective-like use that names a participant, not an event:
# "the visiting minister" is a visitor, not a visit.
_MODIFIER_DEPS = {"amod", "compound", "nmod"}


@dataclass
class Trigger:
    type: str
    start: int  # clean-text char offsets of the trigger words
    end: int
    token: Token  # syntactic head of the trigger words
    sent: Span
    weak: bool = False
    needs_object: bool = False
    conditional: bool = False  # a confirmed_verbs trigger: kept only if the article confirms

    @property
    def text(self) -> str:
        return text_of(self.sent.doc)[self.start : self.end]


def head_token(sent: Span, start: int, end: int) -> Token | None:
    """The token of [start, end) whose head lies outside the span (its syntactic head)."""
    tokens = [t for t in sent if t.idx < end and start < t.idx + len(t.text)]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def _pattern_triggers(sent: Span, text: str, spec: EventTypeSpec) -> list[Trigger]:
    found = []
    for weak, patterns in ((False, spec.patterns), (True, spec.weak)):
        for pattern in patterns:
            for match in pattern.finditer(text):
                start, end = sent.start_char + match.start(), sent.start_char + match.end()
                token = head_token(sent, start, end)
                if token is not None:
                    found.append(Trigger(spec.name, start, end, token, sent, weak=weak))
    return found


def _names_a_participant(token: Token) -> bool:
    """A verb form used as an adjective on a person ("visiting Minister X"); "by meeting
    the minister" is a gerund that names an action."""
    if token.dep_ == "amod":
        return True
    # "talks with visiting Minister X" (the parser's gerund); "by meeting X" is an action
    return token.lower_ == "visiting" and token.dep_ == "pcomp" and token.head.lower_ in ("with", "by", "for")


def _generic_plural(token: Token, spec: EventTypeSpec) -> bool:
    """"regular visits", "frequent meetings": a bare plural names a practice, not an
    event ("meetings with X" names its party: it is an event). Plural-only words listed
    as such in the TOML ("talks") are exempt."""
    if token.tag_ != "NNS" or token.lower_ in spec.nouns:
        return False
    # "for meetings with X": the other party makes them particular meetings
    return not any(c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
                   for c in token.children)


def _meets_a_thing(verb: Token, spec: EventTypeSpec) -> bool:
    """An interaction verb with a common noun for its object ("met its commitments",
    "met resistance", "met reporters"): it counts only if that object names a party
    (participants.trigger_arguments checks the noun), as for "received"."""
    return spec.min_parties >= 2 and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children)


def _lemma_triggers(sent: Span, spec: EventTypeSpec) -> list[Trigger]:
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        is_verb = token.pos_ == "VERB"
        is_noun = token.pos_ in ("NOUN", "PROPN") and token.dep_ not in _MODIFIER_DEPS
        if is_verb and _names_a_participant(token):
            continue  # "the visiting minister", "talks with visiting Minister X"
        if is_noun and _generic_plural(token, spec):
            continue
        if (is_verb and lemma in spec.verbs) or (is_noun and lemma in spec.nouns):
            found.append(Trigger(spec.name, token.idx, token.idx + len(token.text), token, sent,
                                 needs_object=is_verb and _meets_a_thing(token, spec)))
        elif is_verb and lemma in spec.confirmed_verbs:
            found.append(
                Trigger(spec.name, token.idx, token.idx + len(token.text), token, sent, conditional=True)
            )
        elif is_verb and lemma in spec.needs_object:
            found.append(
                Trigger(spec.name, token.idx, token.idx + len(token.text), token, sent, needs_object=True)
            )
    return found


def _overlaps(a: Trigger, b: Trigger) -> bool:
    return a.start < b.end and b.start < a.end


def _clause_verb(token: Token) -> Token:
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _same_clause(a: Trigger, b: Trigger) -> bool:
    """Two triggers of one clause tell one event ("held talks and met"); a sentence
    of two clauses can tell two ("X will travel to A and Y will visit B")."""
    verb_a, verb_b = _clause_verb(a.token), _clause_verb(b.token)
    if verb_a.i == verb_b.i:
        return True
    if _conjoined(verb_a, verb_b) and _has_own_object(verb_a) and _has_own_object(verb_b):
        return False  # "held talks with A, and met with B": two talks, told one by one
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb_b.children)
    return not (verb_b.dep_ == "conj" and verb_b.head.i == verb_a.i and own_subject) and not (
        verb_a.dep_ == "conj" and verb_a.head.i == verb_b.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb_a.children))


def _conjoined(a: Token, b: Token) -> bool:
    return (b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i)


def _has_own_object(verb: Token) -> bool:
    """The verb names whom it is with: a direct object or a "with" phrase of its own."""
    return any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "with") for c in verb.children)


def sentence_triggers(sent: Span, vocab: EventVocabulary) -> list[Trigger]:
    """Non-overlapping triggers of one sentence, at most one per type and clause (two
    conjoined clauses with their own subjects may each tell one), in text order.

    Types are tried by priority; a lower-priority trigger overlapping a kept one (same
    words or same head token) is dropped. Within a type, a strong trigger beats a weak one.
    """
    if not is_parsed(sent):
        return []  # the gate parses every sentence that holds a trigger word
    text = sent.text
    if not vocab.could_trigger((t.lemma_.lower() for t in sent), text):
        return []
    kept: list[Trigger] = []
    for spec in vocab.by_priority():
        candidates = _pattern_triggers(sent, text, spec) + _lemma_triggers(sent, spec)
        candidates.sort(key=lambda t: (t.weak, t.needs_object, t.conditional, t.start))
        for trigger in candidates:
            if any(_overlaps(trigger, k) or trigger.token.i == k.token.i for k in kept):
                continue
            if any(k.type == trigger.type and _same_clause(k, trigger) for k in kept):
                continue
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)
