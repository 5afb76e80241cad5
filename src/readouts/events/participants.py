"""Participants: who took part in an event, and in which role.

Owns: reading the trigger's syntactic arguments (subject, object, "with X", "to X",
"by X") and resolving them to actors through the ActorSet's mentions (a pronoun
stands for the person its clause is about, a fronted phrase's subject, or the latest
subject; a surname the recogniser missed for the person named before); the sentence's
other people as a fallback; "visiting" as the visitor/host cue; people who merely
attended or accompanied. A state or organisation is a participant only when no
person is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..annotate import text_of
from ..records import Actor, ActorSet, Mention, Participant, Span
from .status import governing_verb
from .triggers import Trigger
from .vocabulary import EventTypeSpec, EventVocabulary

# prepositions that introduce the other party of an interaction, and the slot they fill
_PARTY_PREPOSITIONS = {
    "with": "object",
    "between": "object",
    "among": "object",
    "to": "object",
    "from": "subject",
    "by": "subject",
}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_VISITING_WINDOW = 8  # tokens between "visiting" and the name it modifies


@dataclass
class Party:
    actor: Actor
    mention: Mention
    slot: str  # subject | object | other | present | accompanying
    visiting: bool = False
    country: str | None = None  # the actor's country, or one the phrase gives ("the US envoy X")

    def __post_init__(self) -> None:
        if self.country is None:
            self.country = self.actor.country or (self.actor.code if self.actor.kind != "person" else None)


def _char_span(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _prep_objects(token: Token) -> list[tuple[str, Token]]:
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _PARTY_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append((_PARTY_PREPOSITIONS[child.lower_], obj))
        elif child.dep_ == "agent":
            found.extend(("subject", obj) for obj in child.children if obj.dep_ == "pobj")
    return found


def _verb_arguments(verb: Token, trigger: Token) -> list[tuple[str, Token]]:
    args: list[tuple[str, Token]] = []
    for child in verb.children:
        if child.i == trigger.i:
            continue
        if child.dep_ in _SUBJECT_DEPS:
            args.append(("subject", child))
        elif child.dep_ == "nsubjpass":
            # "X was received by Y": X is the one received
            args.append(("object" if verb.i == trigger.i else "subject", child))
        elif child.dep_ in ("dobj", "dative"):
            args.append(("object", child))
    args.extend(_prep_objects(verb))
    if any(c.dep_ == "agent" for c in verb.children):
        # "signed by A, B and C": the parser often hangs the last name of a long agent
        # list on the verb as a conjunct; a noun conjunct of a verb is that list's tail
        args.extend(("subject", c) for c in verb.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"))
    if not any(slot == "subject" for slot, _ in args) and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp":
            # "invited X to visit": X is the visitor; "is due to visit", "are expected
            # to sign": the subject is
            objects = [c for c in head.children if c.dep_ in ("dobj",)]
            subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS | {"nsubjpass"}]
            args.extend(("subject", t) for t in (objects or subjects))
        elif verb.dep_ in ("conj", "advcl"):
            args.extend(("subject", c) for c in head.children if c.dep_ in _SUBJECT_DEPS)
        elif verb.dep_ in ("relcl", "acl"):
            args.append(("subject", head))
    return args


def _deep_in_copula(token: Token, verb: Token) -> bool:
    """"The issue will be high on the agenda of the talks": the subject of "be" is what
    the talks are about when the trigger sits deep in the copula's complement ("X was
    at the talks" still names X)."""
    if verb.lemma_.lower() != "be":
        return False
    head = token.head
    return not (head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i))


def trigger_arguments(trigger: Trigger) -> list[tuple[str, tuple[int, int]]]:
    """(slot, char span) of each syntactic argument of the trigger."""
    token = trigger.token
    args: list[tuple[str, Token]] = []
    if token.pos_ in ("VERB", "AUX"):
        args.extend(_verb_arguments(token, token))
    else:
        args.extend(_prep_objects(token))
        args.extend(("subject", c) for c in token.children if c.dep_ == "poss")
        verb = governing_verb(token)
        if verb.i != token.i and not _deep_in_copula(token, verb):
            args.extend(_verb_arguments(verb, token))
    spans = []
    for slot, arg in args:
        start, end = _char_span(arg)
        start, end = max(start, trigger.sent.start_char), min(end, trigger.sent.end_char)
        if start < end:  # an argument the parser found on another line is not this one's
            spans.append((slot, (start, end)))
    return spans


def is_reporter(actor: Actor, vocab: EventVocabulary) -> bool:
    titles = " ".join(actor.titles).lower()
    return any(word in titles for word in vocab.reporter_titles)


def _mentions_in(actors: ActorSet, start: int, end: int, excluded: list[tuple[int, int]]) -> list[Mention]:
    found = [
        m
        for m in actors.at(start, end)
        if m.start >= start and m.end <= end and not any(s <= m.start < e for s, e in excluded)
    ]
    return sorted(found, key=lambda m: m.start)


# "the Chinese leader", "the Israeli premier", "the Russian side's top diplomat": words
# that name a holder of some office of the state the phrase names, whatever the
# office's own title.
_GENERIC_HEADS = frozenset({"leader", "head", "chief", "diplomat", "envoy", "official", "premier"})


def _antecedent(trigger: Trigger, actors: ActorSet, start: int, end: int) -> list[Mention]:
    """"The minister held talks ...", "He later met ...": the latest person mentioned
    before the sentence (with that title, for a title noun) stands for the subject."""
    doc = trigger.sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    is_pronoun = root.pos_ == "PRON" and root.lower_ in ("he", "she", "his", "her")
    # "the minister", "the top US diplomat"
    is_title = root.pos_ == "NOUN" and any(c.lower_ == "the" for c in root.children) and len(span) <= 4
    by_key = actors.by_key()
    if len(span) == 1 and root.text[:1].isupper() and root.pos_ != "PRON" and not is_title:
        # "Biden will host ...": a surname the recogniser took for a body or a people
        person = _named_before(root.text, start, actors, by_key)
        return [Mention(start, end, root.text, person, "surname")] if person else []
    if not (is_pronoun or is_title):
        return []
    if is_pronoun:
        subject = (_relative_antecedent(root, actors, by_key) or _fronted_for_subject(root, actors, by_key)
                   or _latest_subject(doc, actors, by_key, start))
        if subject is not None:
            return [Mention(start, end, text_of(doc)[start:end], subject, "pronoun")]
    # "the Chinese leader": the antecedent is a leader of that state
    named_states = {by_key[m.actor_key].code or by_key[m.actor_key].country for m in actors.at(start, end)
                    if m.actor_key in by_key and by_key[m.actor_key].kind == "state"}
    for mention in sorted(actors.mentions, key=lambda m: -m.start):
        if mention.start >= trigger.sent.start_char:
            continue
        actor = by_key.get(mention.actor_key)
        if actor is None or actor.kind != "person":
            continue
        generic = root.lower_ in _GENERIC_HEADS and bool(named_states) and bool(actor.titles)
        if is_title and not generic and not any(root.lower_ in t.lower() for t in actor.titles):
            continue
        if named_states and actor.country not in named_states:
            continue
        return [Mention(start, end, text_of(doc)[start:end], actor.key, "pronoun" if is_pronoun else "title")]
    return []


_SUBJECT_WINDOW = 500  # characters back in which "he" looks for the one it stands for


def _latest_subject(doc, actors: ActorSet, by_key: dict, before: int) -> str | None:
    """"X travelled to Berlin, where he met Y", "X met Y. He then ...": "he" stands for
    the latest person named as a subject (or a subject's owner), not the latest named."""
    for mention in sorted(actors.mentions, key=lambda m: -m.start):
        if mention.start >= before:
            continue
        if mention.start < before - _SUBJECT_WINDOW:
            break
        actor = by_key.get(mention.actor_key)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if actor is not None and actor.kind == "person" and span is not None and _as_subject(span.root):
            return actor.key
    return None


def _relative_antecedent(pronoun: Token, actors: ActorSet, by_key: dict) -> str | None:
    """"Y, who is expected on his first trip": inside a "who" clause, the pronoun is the
    person the clause is about."""
    for verb in pronoun.ancestors:
        if verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "who" for c in verb.children):
            head = verb.head
            for mention in actors.at(head.idx, head.idx + len(head.text)):
                actor = by_key.get(mention.actor_key)
                if actor is not None and actor.kind == "person":
                    return actor.key
            return None
    return None


def _fronted_for_subject(pronoun: Token, actors: ActorSet, by_key: dict) -> str | None:
    """"During her meeting with Y, X called for ...": a pronoun in a phrase set before
    its clause's subject stands for that subject."""
    for ancestor in pronoun.ancestors:
        if ancestor.dep_ == "prep" and ancestor.head.pos_ in ("VERB", "AUX"):
            verb = ancestor.head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > pronoun.i]
            for subject in subjects:
                for mention in actors.at(subject.idx, subject.idx + len(subject.text)):
                    actor = by_key.get(mention.actor_key)
                    if actor is not None and actor.kind == "person" and ancestor.i < verb.i:
                        return actor.key
            return None
    return None


def _as_subject(token: Token) -> bool:
    """A subject (or a subject's owner) of a clause the text tells, not of what someone
    is reported to have said ("a statement said X will ...")."""
    while token.dep_ in ("compound", "appos", "flat") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ != "ccomp"


def _named_before(surname: str, before: int, actors: ActorSet, by_key: dict) -> str | None:
    """The person of that surname the article named before."""
    for mention in sorted(actors.mentions, key=lambda m: -m.start):
        actor = by_key.get(mention.actor_key)
        if mention.start < before and actor is not None and actor.kind == "person" \
                and actor.name.split()[-1] == surname:
            return actor.key
    return None


def _is_visiting(sent: SpacySpan, mention: Mention) -> bool:
    """"with visiting Foreign Minister X": the word "visiting" within the same noun
    phrase before the name (no punctuation, verb or preposition in between)."""
    before = [t for t in sent if t.idx < mention.start][-_VISITING_WINDOW:]
    for token in reversed(before):
        if token.lower_ == "visiting":
            # "X is visiting India": the verb of a clause, not a word on the name
            return not any(c.dep_ == "aux" for c in token.children)
        if (token.is_punct and token.text not in ("-", "'")) or token.pos_ in ("VERB", "ADP", "AUX"):
            return False
    return False


def _verbless(sent: SpacySpan) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def find_parties(
    trigger: Trigger,
    actors: ActorSet,
    vocab: EventVocabulary,
    excluded: list[tuple[int, int]],
    next_sent: SpacySpan | None = None,
    fallback: bool = True,
) -> list[Party]:
    """The event's parties: syntactic arguments first, then the sentence's people.

    fallback=False keeps to the arguments: inside reported speech the sentence's other
    people are the speaker and those spoken to, not the event's parties."""
    by_key = actors.by_key()
    parties: list[Party] = []
    seen: set[str] = set()

    def add(mention: Mention, slot: str, country: str | None = None) -> None:
        actor = by_key.get(mention.actor_key)
        if actor is None or actor.key in seen:
            return
        if is_reporter(actor, vocab) and trigger.type != "statement":
            return
        seen.add(actor.key)
        parties.append(Party(actor, mention, slot, _is_visiting(trigger.sent, mention), country=country))

    # "visited X, where he attended Y's inauguration": Y is no party of the visit
    excluded = excluded + _other_clauses(trigger)
    for slot, (start, end) in trigger_arguments(trigger):
        found = _mentions_in(actors, start, end, excluded)
        people = [m for m in found if by_key.get(m.actor_key) and by_key[m.actor_key].kind == "person"]
        if not people and slot == "subject":
            people = _antecedent(trigger, actors, start, end)
        if people:
            # "The US envoy, Jane Doe": the phrase's state is the person's country, when
            # the actors stage gave none ("met the Chinese leader X in Moscow" must not
            # make X Russian)
            states = [by_key[m.actor_key] for m in found if m.actor_key in by_key and by_key[m.actor_key].kind == "state"]
            phrase_state = states[0].code or states[0].country if len(states) == 1 else None
            for mention in people:
                own = by_key[mention.actor_key].country if mention.actor_key in by_key else None
                add(mention, slot, None if own else phrase_state)
        else:
            # a state or organisation stands in for unnamed people ("Iraq's adviser")
            for mention in found:
                add(mention, slot)
    people = [p for p in parties if p.actor.kind == "person"]
    if len(people) < 2 and fallback:
        sent = trigger.sent
        for mention in _mentions_in(actors, sent.start_char, sent.end_char, excluded):
            if by_key.get(mention.actor_key) and by_key[mention.actor_key].kind == "person":
                add(mention, "other")
    people = [p for p in parties if p.actor.kind == "person"]
    if len(people) < 2 and next_sent is not None and _verbless(next_sent):
        # a sentence split inside a name list: "... met the Ambassador to China. Jane Doe."
        for mention in _mentions_in(actors, next_sent.start_char, next_sent.end_char, excluded):
            if by_key.get(mention.actor_key) and by_key[mention.actor_key].kind == "person":
                add(mention, "object")
    parties = _people_first(parties)
    if governing_verb(trigger.token).lemma_.lower() in vocab.host_verbs:
        for party in parties:  # "X welcomed Y": Y is the visitor
            party.visiting |= party.slot == "object"
    return parties


def _other_clauses(trigger: Trigger) -> list[tuple[int, int]]:
    """Char spans of relative and adverbial clauses that do not contain the trigger:
    "X visited Y, where he attended the inauguration of Z" says nothing of Z's part in
    the visit, nor "The trip came weeks after X flew to Z for talks" of the trip."""
    spans = []
    for token in trigger.sent:
        if trigger.token in token.subtree:
            continue
        if token.dep_ in ("relcl", "advcl") or (token.dep_ == "conj" and token.pos_ == "VERB"):
            # a conjoined verb is its own clause: "X opened talks with Y and could meet
            # Z later" says nothing of Z's part in the talks
            spans.append(_conjunct_span(token) if token.dep_ == "conj" else _char_span(token))
    return spans


def _conjunct_span(verb: Token) -> tuple[int, int]:
    """The conjoined verb's clause: from the verb (or its own subject) to its end."""
    tokens = list(verb.subtree)
    own = [t for t in tokens if t.i >= verb.i or t.dep_ in _SUBJECT_DEPS]
    first = min(t.idx for t in own)
    last = max(t.idx + len(t.text) for t in own)
    return first, last


def _people_first(parties: list[Party]) -> list[Party]:
    """A state or organisation stays a party only when no named person speaks for it."""
    people_countries = {p.country for p in parties if p.actor.kind == "person"}
    people_countries.discard(None)
    return [
        p
        for p in parties
        if p.actor.kind == "person" or (p.country not in people_countries and p.actor.code not in people_countries)
    ]


def _in_state_of(token: Token) -> bool:
    """A noun of presence after "in" on a copula: "were in attendance"."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.lemma_ == "be"


def presence_parties(sent: SpacySpan, actors: ActorSet, vocab: EventVocabulary) -> list[Party]:
    """People a sentence says attended / were present at / accompanied an event."""
    by_key = actors.by_key()
    found: list[Party] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in vocab.accompanying_lemmas and token.pos_ == "VERB":
            slot, spans = "accompanying", []
            agents = [c for c in token.children if c.dep_ == "agent"]
            if agents:
                spans = [_char_span(o) for a in agents for o in a.children if o.dep_ == "pobj"]
            else:
                spans = [_char_span(c) for c in token.children if c.dep_ in _SUBJECT_DEPS]
        elif lemma in vocab.present_lemmas and (token.pos_ in ("VERB", "ADJ") or _in_state_of(token)):
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
            objects += [o for c in token.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
            if objects and not any(o.lemma_.lower() in vocab.anaphoric_nouns for o in objects):
                continue
            subject_head = token if token.pos_ == "VERB" else token.head
            if _in_state_of(token):  # "X and Y were in attendance"
                subject_head = token.head.head
            slot = "present"
            spans = [_char_span(c) for c in subject_head.children if c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "expl"}]
            agents = [o for c in subject_head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            spans = [_char_span(o) for o in agents] or spans  # "a summit attended by X"
            if any(c.dep_ == "expl" for c in subject_head.children):  # "present were X and Y"
                spans += [_char_span(c) for c in subject_head.children if c.dep_ in ("attr", "nsubj")]
        else:
            continue
        for start, end in spans:
            for mention in _mentions_in(actors, start, end, []):
                actor = by_key.get(mention.actor_key)
                if actor is not None and actor.kind == "person":
                    found.append(Party(actor, mention, slot))
    return found


def to_participants(parties: list[Party], spec: EventTypeSpec) -> tuple[list[Participant], list[Span]]:
    """Participants with roles (type roles; "visiting" makes visitor/host) and evidence."""
    sides = [p for p in parties if p.slot not in ("present", "accompanying")]
    # visitor/host only when some parties visit and others host
    visiting = any(p.visiting for p in sides) and not all(p.visiting for p in sides)
    parties = _people_first(parties)
    participants, evidence = [], []
    for party in parties:
        if party.slot in ("present", "accompanying"):
            role = party.slot
        elif visiting:
            role = "visitor" if party.visiting else "host"
        else:
            role = spec.roles.get(party.slot, spec.roles.get("other", "participant"))
        actor = party.actor
        participants.append(
            Participant(
                name=actor.name,
                title=actor.titles[0] if actor.titles else None,
                country=party.country,
                role=role,
                actor_key=actor.key,
                kind=actor.kind,
            )
        )
        evidence.append(Span(party.mention.start, party.mention.end, party.mention.text, "participant"))
    return participants, evidence
