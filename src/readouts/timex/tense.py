"""Which way a relative date points, read from the clause that governs it.

Owns: the decision past / future / present / none for a time expression, from the
spaCy parse: the verb the expression hangs from, its auxiliaries ("will", "must"),
the verb it is the infinitive of ("plans to", "is due to"), its tense tag. "on
Friday" with "met" points back, with "will meet" forward.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from readouts.timex.calendar import Direction

FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "gon"}
# Modals put a bare verb ahead of the moment of speaking: "must be returned by Jan. 14".
# ("could" is left out: in news it is mostly past ability, "could not be reached Friday").
MODALS = {"must", "should", "would", "can", "may", "might"}
PAST_AUXILIARIES = {"was", "were", "had", "did"}
# Words whose complement (or object) lies ahead: "plans to visit", "is due to",
# "is scheduled for", "planned a rally on Saturday".
PROSPECTIVE = {"due", "schedule", "plan", "slate", "set", "expect", "likely", "intend",
               "prepare", "poise", "ready", "go", "propose", "arrange"}
# Of those, the ones that look ahead whatever their own tense ("planned a rally on
# Saturday"); "set" looks ahead only as a passive ("is set for Monday").
PROSPECTIVE_ANY_TENSE = {"plan", "schedule", "slate", "due"}
# Modifier relations: the date qualifies a noun ("Wednesday's ruling"), not a verb.
NOUN_MODIFIER_DEPS = {"poss", "compound", "nmod", "amod"}
DEADLINE_PREPOSITIONS = {"until", "till", "through", "by"}


def governing_verb(token: Token, max_hops: int = 6) -> Token | None:
    """The nearest verb above a token in the dependency tree (itself if a verb)."""
    current = token
    for _ in range(max_hops):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head is current:
            break
        current = current.head
    return current if current.pos_ in ("VERB", "AUX") else None


def _aux_words(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def verb_direction(verb: Token, depth: int = 0) -> Direction:
    """Tense/aspect of one verb as a direction in time."""
    aux = _aux_words(verb)
    if aux & FUTURE_AUXILIARIES:
        return "future"
    if verb.lemma_ in PROSPECTIVE_ANY_TENSE:
        return "future"
    if verb.lemma_ in PROSPECTIVE and verb.tag_ == "VBN" and aux & {"is", "are", "'s", "'re", "be"}:
        return "future"
    if "to" in aux and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in aux)):
        # an infinitive, active or passive ("to meet", "the summit to be held on ...")
        head = verb.head
        if head is not verb and depth < 3:
            if head.lemma_ in PROSPECTIVE and "had" not in _aux_words(head):
                return "future"  # ("had been due to expire Friday" is over)
            # "voted to support ... Friday": the infinitive inherits its head's time.
            inherited = verb_direction(head, depth + 1)
            return "future" if inherited in ("future", "present") else "none"
        return "none"
    if aux & MODALS and "have" not in aux and verb.tag_ in ("VB", "VBN"):
        return "future"
    if verb.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}:
        return "future"  # present progressive with a date is an arrangement
    if verb.tag_ == "VBG" and not aux and verb.dep_ in ("acl", "advcl", "xcomp") and depth < 3:
        # a bare participle has the time of the clause it hangs from: "will begin a
        # visit starting Tuesday", "arrived on Monday, meeting the president"
        above = governing_verb(verb.head) if verb.head is not verb else None
        if above is not None and above is not verb:
            return verb_direction(above, depth + 1)
    if verb.tag_ == "VBD" or aux & PAST_AUXILIARIES:
        return "past"
    if verb.tag_ == "VBN":
        return "past"  # perfect, passive past, reduced relative ("talks held Friday")
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return "none"


def direction_of(doc: Doc, start: int, end: int) -> Direction:
    """Direction for the time expression at char span [start, end).

    The tense of a verb speaks for a date only when the date hangs from that verb
    (directly, or through one preposition). A date inside a noun phrase ("the
    dividend, payable Dec. 7"; "Wednesday's ruling") takes only a strong future cue
    from the clause around it; otherwise it gets "none" and the calendar picks the
    nearest plausible reading.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    root = span.root
    if root.dep_ in NOUN_MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        return "none"
    head = root.head
    if head is not root and (head.dep_ == "prep" or head.pos_ == "ADP"):
        if head.lower_ in DEADLINE_PREPOSITIONS:
            return "present"  # "until Tuesday", "by Dec. 15": a limit, most often ahead
        head = head.head
    if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass"):
        return verb_direction(head)
    verb = governing_verb(head)
    if verb is None:
        return "none"
    return "future" if verb_direction(verb) == "future" else "none"
