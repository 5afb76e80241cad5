"""Participants: who took part in an event, and in which role.

Owns: reading the trigger's syntactic arguments (subject, object, "with X", "to X",
"by X"; a copula's complement: "the call was the first between X and Y") and
resolving them to actors through the ActorSet's mentions; what a pronoun or a title
phrase stands for ("he", "the Chinese leader", "the EU leaders"; a surname the
recogniser missed, for the person named before; a relative pronoun, for the noun its
clause is on; "the two leaders", for the latest list of people, `latest_group`); which
phrases name no party (another noun's "of" complement, who reads out someone else's
letter, whom a visitor pays tribute to, a leader's spouse); the sentence's other
people as a fallback (not for a visit, which needs only its traveller and "at the
invitation of" host); "visiting" as the visitor/host cue; people who merely attended
or accompanied. A state or organisation is a participant only when no person is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.tables import role_of
from ..annotate import text_of
from ..patterns import QUOTATION
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


def char_span(token: Token) -> tuple[int, int]:
    """The clean-text span of the token's phrase (its subtree)."""
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


# relative pronouns: in a relative clause they stand for the noun the clause is on
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})


def _for_relative_pronoun(arg: Token, verb: Token) -> Token:
    """"The premier, who arrived in A on Sunday": the relative pronoun subject (or
    object: "the envoy whom X met") of a relative clause is the noun it modifies."""
    if verb.dep_ == "relcl" and arg.lower_ in _RELATIVE_PRONOUNS and arg.tag_ in ("WP", "WDT"):
        return verb.head
    return arg


def _verb_arguments(verb: Token, trigger: Token) -> list[tuple[str, Token]]:
    args = [(slot, _for_relative_pronoun(arg, verb)) for slot, arg in _own_arguments(verb, trigger)]
    return args


def _own_arguments(verb: Token, trigger: Token) -> list[tuple[str, Token]]:
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
    by_head = _agent_of_passive_head(verb)
    args.extend((slot, obj) for slot, obj in _prep_objects(verb) if obj.head not in by_head)
    args.extend(("object", obj) for obj in _next_partners(verb))
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
        elif verb.dep_ == "pcomp":
            # "X looks forward to welcoming Y", "after meeting Y, X said": the subject
            # of the verb the phrase hangs from
            clause = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if clause is not None:
                args.extend(("subject", c) for c in clause.children if c.dep_ in _SUBJECT_DEPS)
    return args


# "met X before moving on to Y", "then went on to Z": verbs of passing on to the next
# partner of a round of talks (with the particle "on")
_ONWARD_VERBS = frozenset({"move", "go", "proceed"})


def _next_partners(verb: Token) -> list[Token]:
    """"X first spoke with A, before moving on to B and C": the partners the trigger
    verb's subject passes on to, one after another, are met too."""
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "conj")]
    clauses += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
    found = []
    for clause in clauses:
        if clause.lemma_.lower() in _ONWARD_VERBS and any(c.dep_ == "prt" and c.lower_ == "on" for c in clause.children):
            found += [o for p in clause.children if p.dep_ == "prep" and p.lower_ == "to"
                      for o in p.children if o.dep_ == "pobj"]
    return found


def _agent_of_passive_head(verb: Token) -> list[Token]:
    """"X has been invited to visit Y by Z": the parser hangs "by Z" on "visit", but Z
    is who invited; X (the passive head's subject) is the visitor."""
    head = verb.head
    if verb.dep_ != "xcomp" or not any(c.dep_ == "nsubjpass" for c in head.children):
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"]


def _not_honoured(args: list[tuple[str, Token]], verb: Token, honour_nouns: frozenset[str]) -> list[tuple[str, Token]]:
    """"X paid tribute to Y during a visit": Y is honoured (often long dead), not met."""
    tributes = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in honour_nouns]
    if not tributes:
        return args
    to = [c for t in [verb, *tributes] for c in t.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"]
    honoured = {c.i for c in to} | {o.i for c in to for o in c.children if o.dep_ == "pobj"}
    return [(slot, arg) for slot, arg in args if arg.i not in honoured and arg not in tributes]


# argument slots that name no party: who carried a letter, the phrases of another noun
_NO_PARTY_SLOTS = frozenset({"carrier", "outside"})


def _has_sender(token: Token, verb: Token) -> bool:
    """A "from" phrase on the noun or on the verb whose object it is: "a letter from X"."""
    heads = [token] + ([verb] if token.dep_ == "dobj" and token.head.i == verb.i else [])
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(o.dep_ == "pobj" for o in c.children)
               for head in heads for c in head.children)


def _inside_another_noun(token: Token, verb: Token, frame_nouns: frozenset[str]) -> bool:
    """The trigger noun is the "of" complement of another noun below the verb ("X is
    high on the agenda of the talks", "against the backdrop of talks between Y and
    Z"): the verb's subject and object are that noun's, not the event's parties. Words
    that only measure or stage an event ("a round of talks", "the start of a visit")
    do not count, nor another preposition ("travelled in a train for the visit": the
    parser often hangs a verb's adjunct on the noun before it)."""
    current = token
    while current.head.i != verb.i and current.head.i != current.i:
        head = current.head
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in frame_nouns:
            return current.dep_ == "prep" and current.lower_ == "of"
        current = head
    return False


def _names_a_guest(obj: Token, vocab: EventVocabulary) -> bool:
    """The object of "received" / "welcomed" / "hosted" names whom: a name, a pronoun, a
    title of office or a word for people ("the delegation"); "received a threat",
    "welcomed the decision", "hosts a base" name a thing, and no visit."""
    if obj.tag_ == "NNPS" and not any(c.dep_ == "compound" for c in obj.children):
        return False  # "hosts 24,000 Syrians": a people, refugees or workers, no guests
    if obj.pos_ != "NOUN":
        return True
    lemma = obj.lemma_.lower()
    return lemma in vocab.guest_nouns or role_of(lemma) is not None


# prepositions of a copula's complement that name the subject event's sides
_SIDE_PREPOSITIONS = frozenset({"with", "between", "among"})


def _said_of_by_copula(token: Token) -> list[tuple[str, Token]]:
    """"The call was the first conversation between A and B": the complement of a
    copula whose subject is the trigger says whose event it is."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() != "be":
        return []
    return [("object", obj) for attr in verb.children if attr.dep_ == "attr"
            for prep in attr.children if prep.dep_ == "prep" and prep.lower_ in _SIDE_PREPOSITIONS
            for obj in prep.children if obj.dep_ == "pobj"]


def _deep_in_copula(token: Token, verb: Token) -> bool:
    """"The issue will be high on the agenda of the talks": the subject of "be" is what
    the talks are about when the trigger sits deep in the copula's complement ("X was
    at the talks" still names X)."""
    if verb.lemma_.lower() != "be":
        return False
    head = token.head
    return not (head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i))


def trigger_arguments(trigger: Trigger, vocab: EventVocabulary | None = None) -> list[tuple[str, tuple[int, int]]]:
    """(slot, char span) of each syntactic argument of the trigger."""
    token = trigger.token
    args: list[tuple[str, Token]] = []
    if token.pos_ in ("VERB", "AUX"):
        args.extend(_verb_arguments(token, token))
        if trigger.needs_object and vocab is not None:
            args = [("outside" if slot == "object" and not _names_a_guest(arg, vocab) else slot, arg)
                    for slot, arg in args]
    else:
        args.extend(_prep_objects(token))
        args.extend(("subject", c) for c in token.children if c.dep_ == "poss")
        args.extend(_said_of_by_copula(token))
        verb = governing_verb(token)
        frame_nouns = vocab.frame_nouns if vocab else frozenset()
        if verb.i != token.i and _inside_another_noun(token, verb, frame_nouns):
            # the verb's arguments are the other noun's: not even the sentence
            # fallback may bring them back as parties
            args.extend(("outside", arg) for _, arg in _verb_arguments(verb, token) if token not in arg.subtree)
        elif verb.i != token.i and not _deep_in_copula(token, verb):
            # a phrase holding the trigger is not one of its parties ("X made reference
            # to the talks at the B meeting": B names the talks' forum, not X's partner);
            # the trigger's own "with"/"between" phrases were read above
            found = [(slot, arg) for slot, arg in _verb_arguments(verb, token) if token not in arg.subtree]
            receive_verbs = vocab.receive_verbs if vocab else frozenset()
            if trigger.type == "message_exchange" and _has_sender(token, verb) and verb.lemma_.lower() not in receive_verbs:
                # "X read out a letter from Y": Y wrote it, X only carried or read it
                found = [("carrier" if slot == "subject" else slot, arg) for slot, arg in found]
            args.extend(_not_honoured(found, verb, vocab.honour_nouns if vocab else frozenset()))
    if vocab is not None:
        # "met opponents of X", "X loyalists": the camp is met, X is no party
        args = [("outside" if arg.lemma_.lower() in vocab.camp_nouns else slot, arg) for slot, arg in args]
    spans = []
    for slot, arg in args:
        start, end = _span_without_clause_of(arg, token)
        start, end = max(start, trigger.sent.start_char), min(end, trigger.sent.end_char)
        if start < end:  # an argument the parser found on another line is not this one's
            spans.append((slot, (start, end)))
    return spans


def _span_without_clause_of(arg: Token, trigger: Token) -> tuple[int, int]:
    """The argument phrase, cut before a clause on it that holds the trigger: "the
    premier, who arrived in A" names its traveller by "the premier", not by A."""
    start, end = char_span(arg)
    if arg.i == trigger.i or trigger not in arg.subtree:
        return start, end
    clause = next((c for c in arg.children if c.i > arg.i and trigger in c.subtree), None)
    if clause is None:
        return start, end
    before = [t for t in arg.subtree if t.i < clause.left_edge.i and not t.is_punct]
    return (start, before[-1].idx + len(before[-1].text)) if before else (start, end)


def is_reporter(actor: Actor, vocab: EventVocabulary) -> bool:
    titles = " ".join(actor.titles).lower()
    return any(word in titles for word in vocab.reporter_titles)


def _names_a_camp(doc, mention: Mention, vocab: EventVocabulary) -> bool:
    """The mention only says whose camp a group is: "X opponents", "X's loyalists",
    "supporters of X", "Hungarian opposition figures": the camp is no state's side."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "poss", "amod"):  # "Varga loyalists", "Hungarian opposition leaders"
        group = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of":  # "supporters of Varga"
        group = root.head.head
    else:
        return False
    return any(t.lemma_.lower() in vocab.camp_nouns
               for t in [group, *(c for c in group.children if c.dep_ == "compound")])


def of_one_state(parties: list[Party]) -> bool:
    """Every party is known to be of one and the same state (or body): a domestic
    affair ("the president met his cabinet"), no interaction between states."""
    countries = {p.country for p in parties}
    return len(countries) == 1 and None not in countries


# "former Libyan Foreign Minister X", "ex-President Y": the words before a name that say
# its holder left office (only capitalised title words between them and the name)
_FORMER = re.compile(r"\b(?:[Ff]ormer|[Ee]x-)\s*(?:[A-Z][\w.'’-]*\s+){0,6}$")
_FORMER_REACH = 80


def _no_longer_in_office(text: str, mention: Mention) -> bool:
    """The mention is of a person who held an office and left it ("former Minister X")."""
    if mention.kind in ("pronoun", "demonym", "capital"):
        return False
    return bool(_FORMER.search(text[max(0, mention.start - _FORMER_REACH) : mention.start])
                or _FORMER.match(mention.text + " "))


def _holds_no_office(actor: Actor) -> bool:
    """A person the text gives no title, no state and the gazetteer does not know."""
    return actor.kind == "person" and not actor.titles and not actor.country and not actor.gazetteer_id


def is_spouse(actor: Actor) -> bool:
    """A leader's wife or husband ("his wife, Jane Doe", "First Lady"), holding no office
    the gazetteer knows: at the leader's side, never a party of the talks."""
    return not actor.gazetteer_id and any(role_of(t) == "spouse" for t in actor.titles)


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


# personal pronouns that stand for one person as a subject or a possessor ("his visit")
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
# edges inside a subject noun phrase, from a name word up to the phrase's head
_PHRASE_DEPS = frozenset({"compound", "flat", "appos", "conj", "pobj", "prep"})


def _in_subject(doc, mention: Mention) -> bool:
    """The mention is (part of) a clause's subject: "X, who arrived on Monday, met Y",
    "the Prime Minister of Z, X, said"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass") or _heads_relative_subject(token):
            return True
        if token.dep_ not in _PHRASE_DEPS or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ != "of":
            return False
        token = token.head
    return False


# sentences before a pronoun's own where its antecedent is looked for first
_PRONOUN_WINDOW = 3


def _heads_relative_subject(token: Token) -> bool:
    """"X, who is expected on his first trip": X is the relative clause's subject."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that") for g in c.children)
        for c in token.children
    )


# how far before the sentence a quotation may open
_QUOTE_LOOKBACK = 2000


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Char spans of the quotations in text[start:end]: a person named inside one is
    talked about; the "he" who "said" it is someone else."""
    return [(m.start(), m.end()) for m in QUOTATION.finditer(text, start, end)]


def _pronoun_antecedent(trigger: Trigger, actors: ActorSet, pronoun_start: int) -> Mention | None:
    """The person a pronoun stands for: a subject of its own sentence ("X travelled to A,
    where he met Y"; "On the first day of his visit, X met Y"); else, of the people of
    the last few sentences, the one the article has named most often so far (the
    story's protagonist: "after the visit of Z" does not make Z the next "he"), a
    subject and then the latest breaking ties; else the latest person."""
    doc = trigger.sent.doc
    by_key = actors.by_key()
    sent = trigger.sent
    quoted = _quoted_spans(text_of(doc), max(0, sent.start_char - _QUOTE_LOOKBACK), sent.end_char)
    if any(s <= pronoun_start < e for s, e in quoted):
        quoted = []  # a pronoun inside a quotation: the speaker's own words
    people = [m for m in actors.mentions
              if m.actor_key in by_key and by_key[m.actor_key].kind == "person" and m.start < sent.end_char
              and not any(s <= m.start < e for s, e in quoted)]
    own = [m for m in people if sent.start_char <= m.start and m.start != pronoun_start and _in_subject(doc, m)]
    if own:
        before = [m for m in own if m.start < pronoun_start]
        return before[-1] if before else own[0]
    earlier = [m for m in people if m.start < sent.start_char]
    if not earlier:
        return None
    window_start = doc[max(sent.start - 1, 0)].sent.start
    for _ in range(_PRONOUN_WINDOW - 1):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    recent = [m for m in earlier if m.start >= doc[window_start].idx] or earlier[-1:]
    named = {m.actor_key: sum(1 for e in earlier if e.actor_key == m.actor_key) for m in recent}
    order = {id(m): i for i, m in enumerate(recent)}
    return max(recent, key=lambda m: (named[m.actor_key], _in_subject(doc, m), order[id(m)]))


def _named_in_apposition(root: Token, actors: ActorSet, by_key: dict) -> Mention | None:
    """A title phrase with a person's name in apposition ("the top diplomat, X"),
    whatever the parser made of the name (it often hangs it on the verb)."""
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in root.children if c.dep_ == "appos"]
    after = root.right_edge.i + 1
    doc = root.doc
    if after + 1 < len(doc) and doc[after].text == ",":
        spans.append((doc[after + 1].idx, doc[after + 1].idx + len(doc[after + 1])))
    return next((m for first, last in spans for m in actors.at(first, last)
                 if m.actor_key in by_key and by_key[m.actor_key].kind == "person"), None)


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


def _antecedent(trigger: Trigger, actors: ActorSet, start: int, end: int, subject: bool = True) -> list[Mention]:
    """"The minister held talks ...", "He later met ...": the person a pronoun stands
    for (`_pronoun_antecedent`; subjects only: "welcomed her" is someone else), or the
    latest person mentioned before the sentence with that title, for a title noun
    ("the Chinese leader", "China's top envoy")."""
    doc = trigger.sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    is_pronoun = root.pos_ == "PRON" and root.lower_ in _PERSON_PRONOUNS
    fronted = _fronted_for_subject(root, actors, actors.by_key()) if is_pronoun else None
    if fronted is not None:
        # "During her meeting with Y, X called for ...": her is X, whatever the slot
        return [Mention(start, end, text_of(doc)[start:end], fronted, "pronoun")]
    if is_pronoun and not subject:
        return []
    if is_pronoun:
        found = _pronoun_antecedent(trigger, actors, root.idx)
        if found is None:
            return []
        return [Mention(start, end, text_of(doc)[start:end], found.actor_key, "pronoun")]
    core = _core_tokens(root)
    # "the minister", or a state's: "China's top envoy"
    determined = any(c.lower_ == "the" or (c.dep_ == "poss" and c.pos_ == "PROPN") for c in root.children)
    is_title = root.pos_ == "NOUN" and determined and len(core) <= _MAX_TITLE_PHRASE
    by_key = actors.by_key()
    if len(span) == 1 and root.text[:1].isupper() and root.pos_ != "PRON" and not is_title:
        # "Biden will host ...": a surname the recogniser took for a body or a people
        person = _named_before(root.text, start, actors)
        return [Mention(start, end, root.text, person, "surname")] if person else []
    if not is_title:
        return []
    named_after = _named_in_apposition(root, actors, by_key)
    if named_after is not None:
        # "China's top diplomat, Wang Yi": the name says who, not an earlier person
        return [Mention(start, end, text_of(doc)[start:end], named_after.actor_key, "title")]
    # "the Chinese leader": the antecedent is a leader of that state (named in the
    # phrase itself, not in a clause on it: "the president, who landed in A, ...")
    starts = {t.idx for t in core}
    named = list(dict.fromkeys(
        by_key[m.actor_key].country or by_key[m.actor_key].code for m in actors.at(start, end)
        if m.start in starts and m.actor_key in by_key and by_key[m.actor_key].kind in ("state", "organisation")))
    named_states = set(named) - {None}
    earlier = [m for m in actors.mentions if m.start < trigger.sent.start_char
               and m.actor_key in by_key and by_key[m.actor_key].kind == "person"]
    if root.tag_ == "NNS" and root.lemma_.lower() in _GENERIC_HEADS and named_states:
        return _group_antecedents(doc, start, end, named, earlier, by_key)
    for mention in reversed(earlier):
        actor = by_key[mention.actor_key]
        generic = root.lemma_.lower() in _GENERIC_HEADS and bool(named_states) and bool(actor.titles)
        if not generic and not any(root.lower_ in t.lower() for t in actor.titles):
            continue
        if named_states and actor.country not in named_states:
            continue
        return [Mention(start, end, text_of(doc)[start:end], actor.key, "title")]
    return []


# tokens of a title phrase's own words ("the top diplomats of A, B and C") that still
# make it a reference to people already named
_MAX_TITLE_PHRASE = 10
# people of one state a plural phrase may stand for ("the EU leaders": two presidents)
_MAX_GROUP_PER_STATE = 2


def _core_tokens(root: Token) -> list[Token]:
    """A noun phrase without its clauses and appositions: "the president of B, who
    landed in A" is the president of B."""
    dropped = {x.i for t in root.subtree if t.i != root.i and t.dep_ in ("relcl", "acl", "appos", "advcl")
               for x in t.subtree}
    return [t for t in root.subtree if t.i not in dropped and not t.is_punct]


def _group_antecedents(doc, start: int, end: int, named: list[str | None], earlier: list[Mention],
                       by_key: dict) -> list[Mention]:
    """"The EU leaders", "the top diplomats of A, B and C": the titled people of each
    named state or body the article has already named (a state with more of them is
    left out: which ones the phrase means is unclear)."""
    found = []
    text = text_of(doc)[start:end]
    for code in named:
        people = list(dict.fromkeys(m.actor_key for m in earlier
                                    if by_key[m.actor_key].country == code and by_key[m.actor_key].titles))
        if 0 < len(people) <= _MAX_GROUP_PER_STATE:
            found.extend(Mention(start, end, text, key, "title") for key in people)
    return found


# how many sentences back a plural reference may find the list of people it stands for
_GROUP_WINDOW = 3


def latest_group(sent: SpacySpan, actors: ActorSet, size: int | None = None) -> list[Mention]:
    """"A and B spoke on Monday. The call was the first between the two leaders":
    the people of the latest list of two or more joined by "and" in the few sentences
    before (of the size the reference gives, when it gives one)."""
    by_key = actors.by_key()
    doc = sent.doc
    first = doc[max(sent.start - 1, 0)].sent.start
    for _ in range(_GROUP_WINDOW - 1):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    people = [m for m in actors.mentions if doc[first].idx <= m.start < sent.start_char
              and m.actor_key in by_key and by_key[m.actor_key].kind == "person"]
    seen: set[int] = set()
    for mention in reversed(people):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.i in seen:
            continue
        members = _conjuncts(span.root)
        seen.update(t.i for t in members)
        group = list(dict.fromkeys(m.actor_key for t in members for m in people if m.start <= t.idx < m.end))
        if len(group) >= 2 and (size is None or len(group) == size):
            return [next(m for m in people if m.actor_key == key) for key in group]
    return []


def _conjuncts(token: Token) -> list[Token]:
    """The heads of the list a noun belongs to ("A, B and C": A, B and C)."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    members, todo = [], [top]
    while todo:
        current = todo.pop()
        members.append(current)
        todo.extend(c for c in current.children if c.dep_ == "conj")
    return members


def _named_before(surname: str, before: int, actors: ActorSet) -> str | None:
    """The person of that surname the article named before."""
    found = latest_person(actors, before, lambda actor: actor.name.split()[-1] == surname)
    return found[0].key if found else None


def latest_person(actors: ActorSet, before: int, test: Callable[[Actor], bool]) -> tuple[Actor, Mention] | None:
    """The person mentioned last before the offset whose actor passes the test."""
    by_key = actors.by_key()
    for mention in sorted(actors.mentions, key=lambda m: -m.start):
        actor = by_key.get(mention.actor_key)
        if mention.start < before and actor is not None and actor.kind == "person" and test(actor):
            return actor, mention
    return None


def _is_visiting(sent: SpacySpan, mention: Mention) -> bool:
    """"with visiting Foreign Minister X": the word "visiting" within the same noun
    phrase before the name (no punctuation, verb or preposition in between)."""
    before = [t for t in sent if t.idx < mention.start][-_VISITING_WINDOW:]
    for token in reversed(before):
        if token.lower_ == "visiting":
            # "X is visiting India": the verb of a clause, not a word on the name; and
            # the verb's object is where X goes, not a visitor
            return not any(c.dep_ == "aux" for c in token.children) and not any(
                c.dep_ == "dobj" and mention.start <= c.idx < mention.end for c in token.children)
        if (token.is_punct and token.text not in ("-", "'")) or token.pos_ in ("VERB", "ADP", "AUX"):
            return False
    return False


def _names_no_official(trigger: Trigger, start: int, end: int, vocab: EventVocabulary) -> bool:
    """The verb trigger's subject is a common noun that is no title of office nor a
    word for officials ("six monitors", "refugees", "an activist who"); not a name the
    parser got wrong, a pronoun or "the minister" (whom the sentence may still name)."""
    span = trigger.sent.doc.char_span(start, end, alignment_mode="expand")
    if trigger.token.pos_ != "VERB" or span is None or span.root.pos_ != "NOUN":
        return False
    return not _names_a_guest(span.root, vocab)


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
        if (is_reporter(actor, vocab) and trigger.type != "statement") or is_spouse(actor):
            return
        if _holds_no_office(actor) and country is None:
            return  # a commentator, an academic, a reader: no side of a state's interaction
        if _names_a_camp(trigger.sent.doc, mention, vocab):
            return  # "contact with X opponents": X is no party
        if _no_longer_in_office(text_of(trigger.sent.doc), mention):
            return  # "former Foreign Minister X flew to Y": no official's journey
        seen.add(actor.key)
        parties.append(Party(actor, mention, slot, _is_visiting(trigger.sent, mention), country=country))

    # "visited X, where he attended Y's inauguration": Y is no party of the visit
    excluded = excluded + _other_clauses(trigger)
    arguments = trigger_arguments(trigger, vocab)
    excluded += [span for slot, span in arguments if slot in _NO_PARTY_SLOTS]  # not even by fallback
    one_sided = vocab.types[trigger.type].min_parties < 2
    unnamed_subject = False
    speaker: str | None = None  # "'We will receive him,' X said": the "we" is X
    for slot, (start, end) in arguments:
        if slot in _NO_PARTY_SLOTS:
            continue
        if one_sided and slot == "subject" and _names_no_official(trigger, start, end, vocab):
            # "refugees fleeing X arrived in Y": who travels is no official, and X
            # named in the phrase does not travel either
            unnamed_subject = True
            continue
        found = _mentions_in(actors, start, end, excluded)
        people = [m for m in found if by_key.get(m.actor_key) and by_key[m.actor_key].kind == "person"]
        if not people and slot in ("subject", "object"):
            people = _quoted_person(trigger, actors, vocab, start, end, slot, speaker)
            if people and slot == "subject":
                speaker = people[0].actor_key
        if not people and slot in ("subject", "object"):
            people = _antecedent(trigger, actors, start, end, subject=slot == "subject")
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
    if unnamed_subject and not people:
        # "six monitors arrived in X", "an activist who arrived in Z": the traveller
        # is no official, and no other name in the sentence is
        return []
    # a visit is complete with its traveller (the host is a state, from where it goes):
    # the sentence's other people ("after the visit of Z", "met by Y") are no parties,
    # except who invited the traveller: "at the invitation of X" names the host
    if one_sided and people:
        for start, end in _inviters(trigger.sent):
            for mention in _mentions_in(actors, start, end, excluded):
                if by_key.get(mention.actor_key) and by_key[mention.actor_key].kind == "person":
                    add(mention, "object")
    elif len(people) < 2 and fallback:
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


_FIRST_PERSON = frozenset({"i", "we"})
_THIRD_PERSON_OBJECTS = frozenset({"him", "her"})


def _quoted_person(trigger: Trigger, actors: ActorSet, vocab: EventVocabulary, start: int, end: int,
                   slot: str, speaker: str | None) -> list[Mention]:
    """"'We will receive him in the capital,' X told reporters": the first person of
    words a person is reported to have said is that person; the "him" of the same
    words is someone else: the latest other person named before."""
    doc = trigger.sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return []
    word = span.root.lower_
    if slot == "subject" and word in _FIRST_PERSON:
        found = _speaker(trigger, actors, vocab)
        return [Mention(start, end, span.text, found.actor_key, "pronoun")] if found else []
    if slot == "object" and word in _THIRD_PERSON_OBJECTS and speaker is not None:
        by_key = actors.by_key()
        before = [m for m in actors.mentions if m.start < trigger.sent.start_char and m.actor_key != speaker
                  and m.actor_key in by_key and by_key[m.actor_key].kind == "person"]
        if before:
            return [Mention(start, end, span.text, before[-1].actor_key, "pronoun")]
    return []


def _speaker(trigger: Trigger, actors: ActorSet, vocab: EventVocabulary) -> Mention | None:
    """The person whose speech verb takes the trigger's clause as what was said."""
    for clause in [trigger.token, *trigger.token.ancestors]:
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in vocab.speech_verbs:
            continue
        for subject in (c for c in clause.head.children if c.dep_ in _SUBJECT_DEPS):
            first, last = char_span(subject)
            people = [m for _, m in actors.of_kind_at("person", first, last)]
            if len(people) == 1:
                return people[0]
        return None
    return None


def _inviters(sent: SpacySpan) -> list[tuple[int, int]]:
    """Char spans of who invited: "at the invitation of X", "at X's invitation"."""
    spans = []
    for token in sent:
        if token.lemma_.lower() != "invitation":
            continue
        spans.extend(char_span(c) for c in token.children if c.dep_ == "poss")
        spans.extend(char_span(o) for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                     for o in c.children if o.dep_ == "pobj")
    return spans


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
            spans.append(_conjunct_span(token) if token.dep_ == "conj" else char_span(token))
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
    """A noun of presence after "in" on a verb: "were (all) in attendance"."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "in" \
        and token.head.head.pos_ in ("VERB", "AUX")


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
                spans = [char_span(o) for a in agents for o in a.children if o.dep_ == "pobj"]
            else:
                spans = [char_span(c) for c in token.children if c.dep_ in _SUBJECT_DEPS]
        elif lemma in vocab.present_lemmas and (token.pos_ in ("VERB", "ADJ") or _in_state_of(token)):
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
            objects += [o for c in token.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
            if objects and not any(o.lemma_.lower() in vocab.anaphoric_nouns for o in objects):
                continue
            subject_head = token if token.pos_ == "VERB" else token.head
            if _in_state_of(token):  # "X and Y were (all) in attendance"
                subject_head = token.head.head
            slot = "present"
            agents = [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            if agents:  # "a summit that will be attended by X"
                found.extend(_people_at(actors, [char_span(o) for o in agents], by_key, slot))
                continue
            spans = [char_span(c) for c in subject_head.children if c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "expl"}]
            agents = [o for c in subject_head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            spans = [char_span(o) for o in agents] or spans  # "a summit attended by X"
            if any(c.dep_ == "expl" for c in subject_head.children):  # "present were X and Y"
                spans += [char_span(c) for c in subject_head.children if c.dep_ in ("attr", "nsubj")]
        else:
            continue
        found.extend(_people_at(actors, spans, by_key, slot))
    return found


def _people_at(actors: ActorSet, spans: list[tuple[int, int]], by_key: dict, slot: str) -> list[Party]:
    found = []
    for start, end in spans:
        for mention in _mentions_in(actors, start, end, []):
            actor = by_key.get(mention.actor_key)
            if actor is not None and actor.kind == "person" and not is_spouse(actor):
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
