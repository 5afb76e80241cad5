"""Status: did the reported interaction happen, is it planned, called off, or not news?

Owns: classifying a trigger as occurred / planned / negated, and rejecting triggers
that report no event: hypotheticals and generic statements ("leaders should meet
more often"), history ("recalled the historic visit of 2015", "since his visit"), the
scene the news is set against ("against the backdrop of talks with X"), and
interactions mentioned only inside someone's reported speech.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..annotate import text_of
from ..timex.eventdate import REPORTING_LEMMAS
from .triggers import Trigger
from .vocabulary import EventVocabulary

# dependency edges that lead from a reported clause up to the verb reporting it
_REPORTED_EDGES = {"ccomp", "parataxis"}


def governing_verb(token: Token) -> Token:
    """The trigger itself when it is a verb, else the nearest verb above it."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current if current.pos_ in ("VERB", "AUX") else token


def _clause_chain(token: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs it hangs from through infinitives and complements
    ("is due to visit", "invited him to visit"), nearest first."""
    chain = [token]
    verb = governing_verb(token)
    if verb.i != token.i:
        chain.append(verb)
    while len(chain) < limit and _takes_head_tense(verb) and verb.head.i != verb.i:
        verb = verb.head
        chain.append(verb)
    return chain


def _takes_head_tense(verb: Token) -> bool:
    """An infinitive or complement ("is due to visit"), a participle clause or a
    conjoined verb with no subject or auxiliary of its own ("will be received,
    followed by talks", "will land and meet X"): the tense is the verb's above."""
    if verb.dep_ in ("xcomp", "acomp", "oprd"):
        return True
    bare = not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children)
    return bare and (verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBG")))


def _bare_infinitive(chain: list[Token]) -> bool:
    """"... to attend the summit, engage with its leaders and meet officials": a base
    form with no tense of its own above it is a purpose or a plan, never a report of
    something done ("did meet" has its auxiliary)."""
    top = chain[-1]
    return top.pos_ == "VERB" and top.tag_ == "VB" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in top.children
    )


def _headline_future(token: Token) -> bool:
    """"Leader X to visit Y": a subject with a bare infinitive and no finite verb is
    the headline form of an announcement."""
    verb = governing_verb(token)
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    if _tops_its_line(verb):
        return any(c.dep_ == "nsubj" for c in verb.children)
    # the parser often hangs the infinitive on the name as on a verbless line's root
    return verb.dep_ in ("relcl", "acl") and _tops_its_line(verb.head) and verb.head.pos_ in ("NOUN", "PROPN")


def _tops_its_line(token: Token) -> bool:
    """The root of its sentence, or of its line where the parser ran a headline into
    the next line ("X to visit Y" is no complement of a verb on another line)."""
    start, end = _line_of(token)
    return token.dep_ == "ROOT" or not start <= token.head.idx < end


# edges through which a trigger is the thing planned / cancelled / refused:
# "plans a visit", "agreed to meet", "cancelled the talks", "invitation for talks"
_COMPLEMENT_EDGES = {"xcomp", "dobj", "ccomp", "acomp", "attr", "nsubjpass", "oprd", "amod", "compound"}
_COMPLEMENT_PREPOSITIONS = {"for", "of", "on", "to"}


def _complement_tokens(token: Token, limit: int = 5) -> list[Token]:
    """The trigger and the words it is the complement of. A trigger in an adjunct
    ("at the summit, they agreed ...") does not take its verb's meaning."""
    tokens = [token]
    current = token
    for _ in range(limit):
        if current.dep_ in _COMPLEMENT_EDGES:
            current = current.head
        elif current.dep_ == "pobj" and current.head.lower_ in _COMPLEMENT_PREPOSITIONS:
            current = current.head.head
        else:
            break
        tokens.append(current)
    return tokens


def _aux_lemmas(tokens: list[Token]) -> set[str]:
    lemmas = set()
    for token in tokens:
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") or (child.dep_ == "neg"):
                lemmas.add(child.lower_ if child.dep_ != "neg" else "not")
    return lemmas


def _line_of(token: Token) -> tuple[int, int]:
    """The character bounds of the token's line: the parser may run a headline into
    the next line's sentence, but a verb of saying there says nothing of it."""
    text = text_of(token.doc)
    end = text.find("\n", token.idx)
    return text.rfind("\n", 0, token.idx) + 1, len(text) if end < 0 else end


def in_reported_speech(token: Token, vocab: EventVocabulary) -> bool:
    """True when the trigger sits inside a clause that someone is reported as saying.

    A trigger that frames the speech act itself ("During the call, X said ...",
    "At a meeting with Y, X stressed ...") is not reported content."""
    if governing_verb(token).lemma_.lower() in vocab.speech_verbs and token.pos_ not in ("VERB", "AUX"):
        return False
    start, end = _line_of(token)
    current = token
    while current.head.i != current.i and start <= current.head.idx < end:
        if current.dep_ in _REPORTED_EDGES and current.head.lemma_.lower() in vocab.speech_verbs:
            return True
        current = current.head
    return False


_PERIOD_NOUNS = {"week", "month", "year", "decade"}


def _measured_before(ancestor: Token) -> bool:
    """"six weeks after X travelled ...": a clause set a measured period away from the
    main event (days are too close to tell apart from the same trip). ancestor is the
    clause's marker ("after")."""
    if ancestor.lower_ not in ("after", "before") or ancestor.dep_ != "mark":
        return False
    clause = ancestor.head
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in _PERIOD_NOUNS for c in clause.children) or any(
        t.lemma_.lower() in _PERIOD_NOUNS for t in ancestor.doc[max(ancestor.i - 2, 0) : ancestor.i]
    )


# "against the backdrop of talks between A and B", "in the shadow of the summit": the
# nouns that set an event as the scene of the news, not as news of its own
_SCENE_NOUNS = frozenset({"backdrop", "background", "shadow"})


def _scene_of_the_news(token: Token) -> bool:
    """The trigger is the object of "of" on a scene noun ("the backdrop of talks")."""
    preposition = token.head
    return (token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.dep_ == "prep"
            and preposition.head.lemma_.lower() in _SCENE_NOUNS)


def _perfect_since(verb: Token) -> bool:
    """"The two leaders have since met in several countries": a perfect reaching back
    from an earlier moment ("since" as an adverb) sums up the past."""
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    return "have" in auxes and any(c.lower_ == "since" and c.dep_ == "advmod" for c in verb.children)


def is_background(trigger: Trigger, vocab: EventVocabulary) -> bool:
    """History rather than news: recalled, remembered, 'since' a past meeting, or
    'the historic visit of 2015', or 'weeks after X went to Y for talks', or the scene
    the news is set against ('against the backdrop of talks with Y')."""
    if _scene_of_the_news(trigger.token):
        return True
    for ancestor in [trigger.token, *trigger.token.ancestors]:
        if ancestor.lemma_.lower() in vocab.background_verbs or ancestor.lower_ == "since":
            return True
    for verb in [trigger.token, *trigger.token.ancestors]:
        # the trigger is inside the marked clause ("... after X went for talks"), not
        # in the main clause the period dates
        if verb.dep_ != "ROOT" and any(_measured_before(c) for c in verb.children if c.dep_ == "mark"):
            return True
    if any(c.lower_ == "since" and c.dep_ == "mark" for t in _clause_chain(trigger.token) for c in t.children):
        return True
    if _perfect_since(governing_verb(trigger.token)):
        return True
    window = text_of(trigger.sent.doc)[trigger.start : min(trigger.sent.end_char, trigger.end + 40)]
    before = text_of(trigger.sent.doc)[max(trigger.sent.start_char, trigger.start - 30) : trigger.end + 40]
    return any(p.search(window) or p.search(before) for p in vocab.background_patterns)


def _reported_past_fact(chain: list[Token]) -> bool:
    """"The ministry said the two ministers met in Beijing": a reported past event.
    A simple past verb counts; so does a perfect with one particular occasion as its
    object ("X has held a phone call with Y, the Kremlin said"). Other perfect and
    present tenses are usually generic ("have held talks many times")."""
    verb = chain[1] if len(chain) > 1 else chain[0]
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD" and not auxes:
        return True
    trigger = chain[0]
    # (a pattern may tell the occasion by its verb: "has held a phone call" has its
    # trigger on "held", the occasion is the verb's object)
    nouns = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
    one_occasion = any(n.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children)
                       for n in nouns)
    return verb.tag_ == "VBN" and auxes <= {"has", "have", "'s", "'ve"} and bool(auxes) and one_occasion


def _conditional(chain: list[Token], vocab: EventVocabulary) -> bool:
    marks = [c.text for t in chain for c in t.children if c.dep_ == "mark"]
    return any(p.fullmatch(m) or p.search(m) for p in vocab.hypothetical_markers for m in marks)


_NO_ONE = {"neither", "no", "nobody", "none"}


def _denied(verb: Token) -> bool:
    """"did not confirm", "neither side has confirmed", "no one confirmed"."""
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NO_ONE or any(d.dep_ == "det" and d.lower_ in _NO_ONE for d in child.children)
        ):
            return True
    return False


def _unconfirmed(trigger: Trigger) -> bool:
    """"Neither side has confirmed a meeting", "the ministry did not announce the
    visit": a report withheld leaves the event a possibility, neither done nor called
    off."""
    verbs = [trigger.token, *_complement_tokens(trigger.token)]
    return any(v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in REPORTING_LEMMAS and _denied(v) for v in verbs)


def _ahead_of(token: Token) -> bool:
    """"X welcomed Y ahead of official talks on Tuesday": talks something else came
    before were still to come."""
    preposition = token.head
    return (token.dep_ == "pobj" and preposition.lower_ == "of"
            and preposition.head.lower_ in ("ahead", "advance"))


def _told_as_done(token: Token) -> bool:
    """The trigger's own verb is a simple past ("visited") or a past passive ("was
    made"): what it tells is done."""
    verb = governing_verb(token)
    if verb.lemma_.lower().startswith("invit"):
        return False  # "was invited to visit" is the plan itself
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return (verb.tag_ == "VBD" and not auxes) or (verb.tag_ == "VBN" and bool(auxes) and auxes <= {"was", "were"})


def classify(trigger: Trigger, vocab: EventVocabulary) -> str | None:
    """'occurred' | 'planned' | 'negated', or None when the trigger reports no event."""
    if is_background(trigger, vocab):
        return None
    chain = _clause_chain(trigger.token)
    auxes = _aux_lemmas(chain)
    tokens = _complement_tokens(trigger.token)
    if trigger.token.pos_ == "VERB":
        tokens = tokens[1:]  # the trigger verb's own meaning ("agreed") is the event
    lemmas = {t.lemma_.lower() for t in tokens}
    # "the last stop of a tour": only a verb cancels ("stopped the talks")
    verb_lemmas = {t.lemma_.lower() for t in tokens if t.pos_ in ("VERB", "AUX")}
    # the words around the trigger, within its own sentence: the next one's "He will
    # ..." says nothing of this one's tense
    near = text_of(trigger.sent.doc)[max(trigger.sent.start_char, trigger.start - 60) :
                                     min(trigger.sent.end_char, trigger.end + 30)]

    if lemmas & vocab.no_event_lemmas:
        return None  # "demanded a meeting", "threatened to stop talks", "rejected talks"
    if _unconfirmed(trigger):
        return "planned"
    negated = "not" in auxes or bool(verb_lemmas & vocab.negated_lemmas) or any(
        p.search(near) for p in vocab.negated_patterns
    )
    cues = {p.pattern for p in vocab.planned_patterns if p.search(near)} | (lemmas & vocab.planned_lemmas)
    if cues and all("invit" in cue for cue in cues) and _told_as_done(trigger.token):
        cues = set()  # "the visit was made at the invitation of X": done, at X's invitation
    planned = (
        _ahead_of(trigger.token)
        or bool(auxes & {"will", "shall", "'ll"})
        or _headline_future(trigger.token)
        or _bare_infinitive(chain)
        or bool(cues)
    )
    reported = in_reported_speech(trigger.token, vocab)
    modal = auxes & vocab.hypothetical_modals
    if modal and not (reported and modal <= {"would"}):
        return None  # "should meet", "could visit": generic or hypothetical
    if _conditional(chain, vocab):
        return None  # "if the leaders meet ..."
    if reported and "would" in auxes:
        planned = True  # "said he would visit": future in the past
    if reported and not planned and not negated and not _reported_past_fact(chain):
        return None
    if negated:
        return "negated"
    if planned:
        return "planned"
    return "occurred"
