"""Tests for readouts.gate: sentence splitting, selection, and the stitched Doc."""

from __future__ import annotations

import re

import pytest

from readouts import gate
from readouts.events.vocabulary import load_event_types

import conftest

SEEDS = sorted(conftest.SEEDS.glob("*.txt"))

# Our own wording throughout: a short article with one diplomatic stretch in the middle.
ARTICLE = (
    "Heavy rain flooded the northern valleys on Sunday. "
    "Farmers said the harvest would be late this year. "
    "Roads to three villages were closed by mud. "
    "Engineers expect repairs to take two weeks. "
    "The city council approved a new budget for schools. "
    "On Monday the Norwegian foreign minister held talks with her Chilean counterpart in Oslo. "
    "They discussed fisheries and Antarctic research. "
    "She said the two countries would open a new air route. "
    "\"We are close partners,\" he told reporters. "
    "Local football fans celebrated a late win. "
    "The stadium will be renovated next year. "
    "Ticket prices rose by ten percent."
)


def select_segments(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that go through the whole pipeline."""
    return gate.plan(text, gate.TOKENS).parsed


def sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in gate.split_sentences(text)]


# ------------------------------------------------------------------ splitting


def test_sentences_cover_the_text_exactly():
    pieces = sentence_texts(ARTICLE)
    assert "".join(pieces) == ARTICLE
    assert len(pieces) == 12
    assert pieces[5].startswith("On Monday")


def test_split_respects_titles_initials_and_line_breaks():
    text = "Mr. Brandt met Gen. Ortiz. George W. Bush spoke later.\nHeadline without stop\nNext line."
    pieces = sentence_texts(text)
    assert pieces == ["Mr. Brandt met Gen. Ortiz. ", "George W. Bush spoke later.\n",
                      "Headline without stop\n", "Next line."]


def test_split_handles_pretokenised_text():
    text = "The envoy arrived . `` We will talk , '' he said . Markets fell -LRB- slightly -RRB- . Done"
    pieces = sentence_texts(text)
    assert "".join(pieces) == text
    assert pieces[0] == "The envoy arrived . "
    assert pieces[1].startswith("`` We will talk")
    assert pieces[2].startswith("Markets fell")


# ------------------------------------------------------------------ triggers


@pytest.mark.parametrize("word", ["met", "meets", "talks", "visited", "phoned", "negotiations",
                                  "congratulated", "condolences", "signed", "MoU", "summit",
                                  "communiqué", "visitor"])
def test_strong_triggers(word):
    assert gate.load_screen().strong.search(f"x {word} y")


@pytest.mark.parametrize("word", ["Tripoli", "according", "significant", "called", "dialogue",
                                  "conference", "meter"])
def test_stems_do_not_overreach(word):
    vocabulary = gate.load_screen()
    assert not vocabulary.strong.search(f"x {word} y")


def test_event_vocabulary_patterns_are_triggers():
    # a multiword pattern from data/event_types.toml, no single trigger word in it
    assert gate.load_screen().strong.search("the two leaders held a video conference")


def test_a_users_event_type_is_screened_in(tmp_path):
    """A type only a user's event-types file defines selects its sentences."""
    packaged = (gate.screen.SCREEN_FILE.parent / "event_types.toml").read_text(encoding="utf-8")
    own = packaged + (
        '\n[types.port_call]\nlabel = "Naval port call"\npriority = 10\n'
        'plover = { event = "CONSULT", mode = ["visit"], context = ["military"] }\n'
        'roles = { subject = "visitor", object = "host", other = "participant" }\n'
        'verbs = ["dock"]\nnouns = []\npatterns = [\'\\bport call\\b\']\n'
    )
    path = tmp_path / "mine.toml"
    path.write_text(own, encoding="utf-8")
    text = "Rain fell. Nothing else. Still nothing. The frigate docked at the harbour. It left."
    assert not any(gate.select_sentences(text))
    assert gate.select_sentences(text, event_types=path)[3]
    assert gate.load_screen(path).strong.search("a port call in Split")


def test_titles_of_office_come_from_the_titles_table():
    screen = gate.load_screen()
    assert screen.weak.search("The High Commissioner arrived.")  # a title of titles.tsv
    assert screen.weak.search("Embassy staff arrived.")  # a context word of screen.toml
    assert not screen.weak.search("The shop opens at 5 pm.")  # "PM" is an acronym: as written
    assert screen.weak.search("The PM arrived.")


def test_titles_are_weak_triggers():
    vocabulary = gate.load_screen()
    assert vocabulary.weak.search("The prime minister opened a bridge.")
    assert not vocabulary.strong.search("The prime minister opened a bridge.")


# ------------------------------------------------------------------ selection


def test_selection_keeps_trigger_neighbours_and_speech():
    keep = gate.select_sentences(ARTICLE)
    # 0: first sentence; 3..7: trigger (5) and its neighbours; 8: reported speech
    assert keep == [True, False, False, True, True, True, True, True, True, False, False, False]


def test_select_segments_merges_adjacent_sentences():
    segments = select_segments(ARTICLE)
    assert len(segments) == 2
    first, second = segments
    assert ARTICLE[first[0]:first[1]].startswith("Heavy rain")
    assert ARTICLE[second[0]:second[1]].startswith("Engineers expect")
    assert ARTICLE[second[0]:second[1]].rstrip().endswith("he told reporters.")


def test_long_stretches_are_cut_at_sentence_boundaries():
    text = "The ministers met again in Geneva and talked for an hour. " * 300
    segments = select_segments(text)
    assert len(segments) > 1
    assert all(e - s <= gate.MAX_PIECE_CHARS for s, e in segments)
    assert segments[0][0] == 0 and segments[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(segments, segments[1:]))
    starts = {s for s, _ in gate.split_sentences(text)}
    assert all(s in starts for s, _ in segments)


def test_weak_trigger_keeps_only_its_sentence():
    text = ("Snow fell overnight. Roads were icy. Trains ran late. "
            "The president opened a new hospital. Nurses were hired. Parking is scarce.")
    keep = gate.select_sentences(text)
    assert keep == [True, False, False, True, False, False]


def test_article_without_trigger_needs_no_parse():
    text = "Snow fell overnight. Roads were icy. Trains ran late."
    assert not any(gate.select_sentences(text))
    assert select_segments(text) == []
    assert any(gate.select_sentences(ARTICLE))


def toml_lemmas_and_patterns() -> tuple[set[str], list[re.Pattern]]:
    vocabulary = load_event_types()
    lemmas = {w.lower() for t in vocabulary.types.values() for w in t.verbs | t.nouns | t.needs_object}
    return lemmas, [p for t in vocabulary.types.values() for p in (*t.patterns, *t.weak)]


@pytest.mark.shared
def test_seed_recall_every_trigger_sentence_is_selected(nlp):
    """Independent check with spaCy lemmas: every token whose lemma is an event
    trigger, and every event pattern match, lies inside a selected segment."""
    if not SEEDS:
        pytest.skip("../shared/seeds is absent")
    lemmas, patterns = toml_lemmas_and_patterns()
    lemmas |= {"meet", "visit", "talk", "phone", "call", "message", "letter", "sign", "agreement",
               "statement", "summit", "congratulate", "condolence", "envoy", "ambassador",
               "minister", "president", "premier"}
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        segments = select_segments(text)

        def covered(start: int, end: int) -> bool:
            return any(s <= start and end <= e for s, e in segments)

        doc = nlp(text)
        for token in doc:
            if token.lemma_.lower() in lemmas:
                assert covered(token.idx, token.idx + len(token)), (path.name, token.text)
        for pattern in patterns:
            for match in pattern.finditer(text):
                assert covered(match.start(), match.end()), (path.name, match.group(0))


# ------------------------------------------------------------------ stitching


@pytest.fixture(scope="module")
def stitched(nlp):
    return next(gate.parse_gated(nlp, [ARTICLE]))


def test_stitched_doc_keeps_text_and_offsets(nlp, stitched):
    reference = nlp.make_doc(ARTICLE)
    assert stitched.text == ARTICLE
    assert [(t.text, t.idx, t.whitespace_) for t in stitched] == \
        [(t.text, t.idx, t.whitespace_) for t in reference]


def test_stitched_doc_sentences_follow_the_split(stitched):
    starts = {s for s, _ in gate.split_sentences(ARTICLE)}
    sent_starts = {sent.start_char for sent in stitched.sents}
    # every regex sentence start of a skipped stretch is a sentence start in the Doc,
    # and no sentence swallows a skipped stretch
    skipped_starts = {s for s, _ in gate.split_sentences(ARTICLE)
                      if not any(a <= s < b for a, b in select_segments(ARTICLE))}
    assert skipped_starts <= sent_starts
    assert all(start in starts or any(a <= start < b for a, b in select_segments(ARTICLE))
               for start in sent_starts)
    assert all(len(sent.text) < 120 for sent in stitched.sents)


def test_stitched_doc_has_analysis_only_where_parsed(nlp, stitched):
    segments = select_segments(ARTICLE)
    inside = [t for t in stitched if any(s <= t.idx < e for s, e in segments)]
    outside = [t for t in stitched if not any(s <= t.idx < e for s, e in segments)]
    assert all(t.pos_ for t in inside if not t.is_space)
    assert not any(t.pos_ or t.lemma_ for t in outside)
    assert all(t.dep_ in ("ROOT", gate.SKIPPED_DEP) for t in outside)
    parsed_flags = [(gate.is_parsed(sent), any(s <= sent.start_char < e for s, e in segments))
                    for sent in stitched.sents]
    assert all(flag == inside_segment for flag, inside_segment in parsed_flags)
    # entities sit at the right characters of the whole text
    assert stitched.ents
    for ent in stitched.ents:
        assert ARTICLE[ent.start_char:ent.end_char] == ent.text
    names = {ent.text for ent in stitched.ents}
    assert {"Oslo", "Monday"} <= names


def test_entities_outside_the_segments(nlp):
    text = ("Crops burned. Anna Berg, a teacher, watched. John Peterson, a farmer from "
            "Uppsala, lost his barn in the fire. Cattle fled. Smoke rose. Fields were ruined. "
            "The Swedish minister visited the farm and met Peterson.")
    segments = select_segments(text)
    for name in ("John", "Anna"):
        assert not any(s <= text.index(name) < e for s, e in segments)

    def outside_entities(doc) -> set[str]:
        return {e.text for e in doc.ents if not any(s <= e.start_char < t for s, t in segments)}

    every = next(gate.parse_gated(nlp, [text], outside="ner"))
    linked = next(gate.parse_gated(nlp, [text]))
    tokens_only = next(gate.parse_gated(nlp, [text], outside="tokens"))
    assert {"John Peterson", "Uppsala", "Anna Berg"} <= outside_entities(every)
    # the default: only the sentence naming someone the selected text mentions
    assert "John Peterson" in outside_entities(linked)
    assert "Anna Berg" not in outside_entities(linked)
    assert outside_entities(tokens_only) == set()
    assert every.text == linked.text == tokens_only.text == text
    assert [t.idx for t in every] == [t.idx for t in linked] == [t.idx for t in tokens_only]
    assert not any(t.pos_ for t in every if t.idx == text.index("John"))
    with pytest.raises(ValueError):
        next(gate.parse_gated(nlp, [text], outside="everything"))


def test_linked_sentences_share_a_word_of_a_name_shape():
    text = ("Talks opened. Maria Lopez Garcia arrived late. Garcia signed the accord. "
            "Rain fell on Garcia Street. Weather Bureau staff were calm.")
    sentences = gate.split_sentences(text)
    keep = [False, False, True, False, False]
    # the selected sentence says "Garcia": the full name's sentence is linked, and so is
    # the street (a false alarm that only costs time); "Weather Bureau" shares nothing
    assert gate.selection._linked(text, sentences, keep) == [False, True, False, True, False]


def test_parsed_segment_matches_parsing_it_alone(nlp, stitched):
    start, end = select_segments(ARTICLE)[1]
    alone = nlp(ARTICLE[start:end])
    span = stitched.char_span(start, end, alignment_mode="expand")
    assert [(t.text, t.dep_, t.head.i - span.start, t.lemma_) for t in span] == \
        [(t.text, t.dep_, t.head.i, t.lemma_) for t in alone]


def test_parse_gated_yields_one_doc_per_text_in_order(nlp):
    texts = ["Snow fell overnight. Roads were icy.", "", ARTICLE, "The envoys met in Geneva."]
    docs = list(gate.parse_gated(nlp, iter(texts), batch_size=2))
    assert [d.text for d in docs] == texts
    assert not any(t.pos_ for t in docs[0])  # nothing to parse
    assert all(t.pos_ for t in docs[3] if not t.is_space)  # parsed whole
    assert [sent.text for sent in docs[0].sents] == ["Snow fell overnight. ", "Roads were icy."] \
        or [sent.text.strip() for sent in docs[0].sents] == ["Snow fell overnight.", "Roads were icy."]


# ------------------------------------------------------- pipeline equivalence

MIXED_ARTICLE = (
    "Storms closed two ports along the coast on Tuesday. Fishing boats stayed in harbour "
    "and ferry services were cancelled. Forecasters expect calmer weather by the weekend.\n\n"
    "Finnish President Sauli Niinisto met Estonian Prime Minister Kaja Kallas in Helsinki on "
    "Tuesday. The two leaders discussed energy links across the Gulf of Finland. Niinisto said "
    "the new undersea cable would be finished next year.\n\n"
    "In sport, the national hockey team won its third match in a row. Tickets for the final "
    "sold out within an hour. A concert is planned for June."
)


def pipeline_analyse():
    from readouts.clean import clean
    from readouts.pipeline import analyse
    from readouts.records import RawArticle

    return clean, analyse, RawArticle


def test_gated_parse_gives_the_same_events_as_a_full_parse(nlp):
    from datetime import date

    from readouts.evaluation.agreement import event_key

    clean, analyse, RawArticle = pipeline_analyse()
    article = clean(RawArticle(source="mixed.txt", text=MIXED_ARTICLE, published=date(2023, 3, 8)))
    kept = sum(e - s for s, e in select_segments(article.text))
    assert 0 < kept < len(article.text)  # the gate does drop the weather and the sport
    full = analyse(article, nlp(article.text)).events
    gated = analyse(article, next(gate.parse_gated(nlp, [article.text]))).events
    assert full, "the meeting should be found"
    assert sorted(map(event_key, gated)) == sorted(map(event_key, full))
