"""Tests for readouts.events: types, status, participants, dates, places, topics,
statements and evidence. Unit tests build ActorSet / Timex records by hand so they
do not depend on the actors and dates stages' quality; the acceptance tests at the
end run the real stages on the seed articles and the example corpus."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from readouts.annotate import parse
from readouts.clean import clean
from readouts.events import extract_events, load_event_types, load_topics
from readouts.genre import is_opinion
from readouts.events.statements import find_positions
from readouts.events.vocabulary import VocabularyError, _keyword_pattern, combine_patterns
from readouts.records import Actor, ActorSet, Article, Mention, OffsetMap, RawArticle, Timex

from conftest import REPO, SEEDS

EXAMPLES = REPO / "examples" / "news"


# ------------------------------------------------------------------ helpers


def actor_set(text: str, specs: list[tuple]) -> ActorSet:
    """specs: (key, kind, name, country, titles, surfaces); every surface occurrence
    becomes a mention (longest first, no overlaps)."""
    actors, mentions = [], []
    for key, kind, name, country, titles, surfaces in specs:
        code = country if kind == "state" else None
        actors.append(Actor(key=key, kind=kind, name=name, country=country, titles=titles, code=code))
        for surface in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                if any(x.start < m.end() and m.start() < x.end for x in mentions):
                    continue
                kind_of = "demonym" if surface.endswith(("ian", "ese", "ish")) else "name"
                mentions.append(Mention(m.start(), m.end(), m.group(), key, kind_of))
    return ActorSet(actors, sorted(mentions, key=lambda m: m.start))


def timexes(text: str, items: list[tuple[str, str]]) -> list[Timex]:
    found = []
    for surface, value in items:
        i = text.index(surface)
        found.append(Timex(i, i + len(surface), surface, "DATE", value))
    return found


def make_article(text: str, published: date | None = None, dateline: str | None = None, title: str | None = None) -> Article:
    return Article(
        id="test", source="test", original=text, text=text, offsets=OffsetMap(),
        published=published, dateline=dateline, title=title,
    )


def run(text, specs, dates=(), published=date(2024, 3, 6), dateline=None, title=None):
    article = make_article(text, published, dateline, title)
    return extract_events(article, parse(text), actor_set(text, specs), timexes(text, list(dates)))


def roles(event) -> dict[str, str]:
    return {p.name: p.role for p in event.participants}


BERG = ("p1", "person", "Anna Berg", "SWE", ["President"], ["President Anna Berg", "Anna Berg", "Berg"])
VARGA = ("p2", "person", "Tomas Varga", "HUN", ["President"], ["President Tomas Varga", "Tomas Varga", "Varga"])
HOLM = ("p3", "person", "Lena Holm", "SWE", ["Prime Minister"], ["Prime Minister Lena Holm", "Lena Holm", "Holm"])
DAHL = ("p4", "person", "Oskar Dahl", "HUN", ["Prime Minister"], ["Prime Minister Oskar Dahl", "Oskar Dahl", "Dahl"])
SWEDEN = ("SWE", "state", "Sweden", "SWE", [], ["Sweden", "Swedish"])
HUNGARY = ("HUN", "state", "Hungary", "HUN", [], ["Hungary", "Hungarian"])
PEOPLE = [BERG, VARGA, HOLM, DAHL, SWEDEN, HUNGARY]


# --------------------------------------------------------------- vocabulary


def test_event_types_carry_plover_and_cameo_codes():
    vocab = load_event_types()
    assert set(vocab.types) == {"meeting", "phone_call", "message_exchange", "visit", "agreement", "statement"}
    assert vocab.types["phone_call"].plover == {"event": "CONSULT", "mode": ["phone"], "context": ["diplomatic"]}
    assert vocab.types["phone_call"].cameo == "041"
    assert vocab.types["visit"].cameo == "042"
    assert vocab.types["agreement"].plover["event"] == "SUPPORT"  # CAMEO 057 -> SUPPORT
    plover, cameo = vocab.types["meeting"].coding("planned", "")
    assert plover["event"] == "AGREE" and cameo == "036"


def test_bad_vocabulary_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "types.toml"
    bad.write_text("[types.x]\nplover = {event='CONSULT'}\nroles = {}\npatterns = ['(unclosed']\n")
    with pytest.raises(VocabularyError, match="bad regular expression"):
        load_event_types(bad)


def test_user_topics_extend_the_packaged_taxonomy(tmp_path):
    extra = tmp_path / "topics.toml"
    extra.write_text(
        '[[topic]]\nid = "fisheries"\nlabel = "Fisheries"\nkeywords = ["fishing quota"]\n'
        '[[topic]]\nid = "energy"\nkeywords = ["heat pumps"]\n'
    )
    topics = {t.id: t for t in load_topics(extra)}
    assert topics["fisheries"].find("They set a new fishing quota.")
    assert topics["energy"].find("Subsidies for heat pumps")  # added keyword
    assert topics["energy"].find("energy security")  # packaged keyword kept
    # acronyms match case-sensitively: "it" is not the IT topic
    assert not topics["digital"].find("it was agreed")
    assert topics["digital"].find("cooperation in IT and agriculture")


def test_positions_are_the_clause_after_the_commitment_verb():
    text = "Our country firmly supports the one-China policy, and stands ready to work with partners on trade."
    positions = find_positions(text, load_event_types())
    assert positions == [
        "firmly supports the one-China policy",
        "stands ready to work with partners on trade",
    ]


# ------------------------------------------------------------ message exchange

MESSAGES = (
    "On March 3, 2024, President Anna Berg exchanged congratulatory messages with President Tomas Varga "
    "on the 50th anniversary of the establishment of diplomatic relations between Sweden and Hungary.\n\n"
    "Berg said in her message that the two countries firmly support each other on climate change. "
    "Trade between them has grown every year.\n\n"
    "On the same day, Prime Minister Lena Holm also exchanged congratulatory messages with Prime Minister Oskar Dahl. "
    "Dahl said in his message that Hungary stands ready to deepen energy cooperation."
)


@pytest.fixture(scope="module")
def message_events():
    return run(MESSAGES, PEOPLE, [("March 3, 2024", "2024-03-03")])


def test_two_message_exchanges_with_their_own_parties(message_events):
    assert [e.type for e in message_events] == ["message_exchange", "message_exchange"]
    assert roles(message_events[0]) == {"Anna Berg": "actor", "Tomas Varga": "recipient"}
    assert roles(message_events[1]) == {"Lena Holm": "actor", "Oskar Dahl": "recipient"}
    assert all(e.status == "occurred" for e in message_events)
    assert message_events[0].cameo == "051" and message_events[0].plover["event"] == "SUPPORT"


def test_same_day_takes_the_previous_event_date(message_events):
    first, second = message_events
    assert first.date.value == date(2024, 3, 3)
    assert second.date.value == date(2024, 3, 3)
    assert second.date.evidence.text.lower() == "the same day"


def test_occasion_and_states_of_the_occasion_are_not_participants(message_events):
    first = message_events[0]
    assert first.occasion.startswith("on the 50th anniversary of the establishment")
    assert "Sweden" not in roles(first)


def test_topics_statements_and_segments(message_events):
    first, second = message_events
    assert "climate" in first.topics and "trade" in first.topics
    assert "energy" not in first.topics  # Dahl's sentence is in the second event's segment
    assert "energy" in second.topics
    assert {s.field for s in first.topic_evidence} >= {"topic:climate", "topic:trade"}
    speakers = [s.speaker for s in first.statements]
    assert speakers[0] == "Anna Berg"
    assert any("firmly support each other on climate change" in p for s in first.statements for p in s.positions)
    assert [s.speaker for s in second.statements] == ["Oskar Dahl"]


def test_every_evidence_span_points_into_the_text(message_events):
    for event in message_events:
        spans = event.evidence + event.topic_evidence
        assert {"trigger", "participant", "date"} <= {s.field for s in spans}
        for span in spans:
            assert MESSAGES[span.start : span.end] == span.text
        for statement in event.statements:
            assert MESSAGES[statement.start : statement.end] == statement.text


# --------------------------------------------------------- calls and meetings


def test_phone_call_roles_and_coding():
    text = "Prime Minister Lena Holm held a telephone conversation with President Tomas Varga on Tuesday."
    events = run(text, PEOPLE, [("Tuesday", "2024-03-05")])
    assert len(events) == 1
    call = events[0]
    assert call.type == "phone_call" and call.cameo == "041"
    assert call.plover["mode"] == ["phone"]
    assert roles(call) == {"Lena Holm": "actor", "Tomas Varga": "recipient"}
    assert call.location is None  # calls have no venue


def test_meeting_with_visiting_minister_venue_and_people_present():
    text = (
        "At a meeting with visiting Prime Minister Oskar Dahl in Gothenburg, President Anna Berg said the two sides "
        "would expand cooperation.\n\nLena Holm attended the meeting."
    )
    events = run(text, PEOPLE, dateline="STOCKHOLM")
    assert len(events) == 1
    meeting = events[0]
    assert meeting.type == "meeting" and meeting.status == "occurred"
    assert roles(meeting) == {"Oskar Dahl": "visitor", "Anna Berg": "host", "Lena Holm": "present"}
    assert meeting.location == {"name": "Gothenburg", "country": "SWE"}
    assert any(s.field == "location" and s.text == "Gothenburg" for s in meeting.evidence)


def test_dateline_is_the_venue_when_the_text_names_none():
    text = "President Anna Berg met President Tomas Varga on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")], dateline="BUDAPEST")
    assert events[0].location == {"name": "Budapest", "country": "HUN"}


# --------------------------------------------------------------------- status


def test_planned_visit_is_coded_as_agree():
    text = "President Tomas Varga will pay a state visit to Sweden next week, his office announced."
    events = run(text, PEOPLE)
    assert [(e.type, e.status) for e in events] == [("visit", "planned")]
    assert events[0].plover["event"] == "AGREE" and events[0].cameo == "036"


def test_negated_meeting():
    text = "President Anna Berg did not meet President Tomas Varga during the conference."
    assert [e.status for e in run(text, PEOPLE)] == ["negated"]


@pytest.mark.parametrize(
    "text",
    [
        "Leaders such as Anna Berg should meet their neighbours more often.",
        "Anna Berg recalled the historic visit of Tomas Varga in 1998.",
        "If Anna Berg meets Tomas Varga, the dispute could end.",
    ],
    ids=["generic", "background", "conditional"],
)
def test_no_event_for_generic_background_or_conditional(text):
    assert run(text, PEOPLE) == []


def test_event_long_before_publication_is_background():
    text = "President Anna Berg met President Tomas Varga on May 2, 2019."
    assert run(text, PEOPLE, [("May 2, 2019", "2019-05-02")]) == []


def test_opinion_piece_yields_no_event():
    text = "Opinion: Why small states matter\n\nPresident Anna Berg met President Tomas Varga on Monday."
    article = clean(RawArticle(source="test", text=text, published=date(2024, 3, 6), fmt="txt"))
    assert is_opinion(article)
    body = article.text
    assert extract_events(article, parse(body), actor_set(body, PEOPLE), []) == []


def test_agreement_signed_by_two_ministers():
    text = "Anna Berg and Tomas Varga signed a memorandum of understanding on nuclear safety in Budapest on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e.type for e in events] == ["agreement"]
    assert set(roles(events[0])) == {"Anna Berg", "Tomas Varga"}
    assert "nuclear" in events[0].topics


def test_doc_must_match_article_text():
    article = make_article("President Anna Berg met President Tomas Varga.")
    with pytest.raises(ValueError, match="article.text"):
        extract_events(article, parse("Something else."), ActorSet(), [])


# ------------------------------------------------ acceptance on real articles


# ------------------------------------------- lede dating, frames, witnesses (issue 5/6)


def test_undated_event_takes_the_date_of_the_lead_sentence():
    text = (
        "President Anna Berg and President Tomas Varga agreed on Monday to reopen a rail link. "
        "It was the first summit between the two in a decade. Berg and Varga met for two hours at the castle."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")], published=date(2024, 3, 6))
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.date.value == date(2024, 3, 4) and meeting.date.basis == "stated"
    assert any(s.field == "date" and s.text == "Monday" for s in meeting.evidence)


def test_lead_date_is_guarded():
    text = "President Anna Berg and President Tomas Varga agreed on Monday to reopen a rail link. Berg met Varga for two hours."
    published = date(2024, 3, 20)  # lead too old for the news window
    events = run(text, PEOPLE, [("Monday", "2024-03-04")], published=published)
    # not the lead's Monday: the day of the report, labelled as such
    assert [(e.date.value, e.date.basis) for e in events if e.type == "meeting"] == [(published, "reported")]


def test_an_undated_page_lends_its_lead_date():
    # no publication date, so no window to check: the lead's day is the best guess
    text = "President Anna Berg and President Tomas Varga agreed on Monday to reopen a rail link. Berg met Varga for two hours."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")], published=None)
    assert [(e.date.value, e.date.basis) for e in events if e.type == "meeting"] == [(date(2024, 3, 4), "stated")]


def test_lead_date_of_a_reporting_verb_is_not_the_events():
    text = "Anna Berg will keep backing the rail link, the ministry said on Monday. Berg met Varga for two hours."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e.date.basis for e in events if e.type == "meeting"] == ["reported"]


def test_agreed_is_an_agreement_only_when_the_article_describes_the_deal():
    lead = "Sweden and Hungary agreed on Monday to share air patrols over the Baltic. "
    with_deal = run(lead + "Under the deal, Swedish jets will fly from Hungarian bases.", PEOPLE, [("Monday", "2024-03-04")])
    assert [(e.type, e.status, e.date.value) for e in with_deal] == [("agreement", "occurred", date(2024, 3, 4))]
    without = run(lead + "Officials gave no further details.", PEOPLE, [("Monday", "2024-03-04")])
    assert without == []


def test_officials_signing_in_the_leaders_presence_is_the_leaders_agreement():
    text = (
        "President Anna Berg held talks with President Tomas Varga in Budapest on Monday. "
        "In the presence of the two presidents, Swedish and Hungarian officials signed three memoranda on energy."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    signed = next(e for e in events if e.type == "agreement")
    assert set(roles(signed)) == {"Anna Berg", "Tomas Varga"}
    assert signed.date.value == date(2024, 3, 4)


def test_leaders_watching_officials_sign_are_its_parties():
    text = (
        "President Anna Berg held talks with President Tomas Varga on Monday. "
        "Afterwards the two presidents watched officials sign six cooperation agreements."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    signed = next(e for e in events if e.type == "agreement")
    assert set(roles(signed)) == {"Anna Berg", "Tomas Varga"} and signed.date.value == date(2024, 3, 4)


def test_the_speaker_of_reported_speech_is_no_party():
    text = "Prime Minister Lena Holm said President Tomas Varga would visit Sweden next month."
    events = run(text, PEOPLE)
    assert [(e.type, e.status) for e in events] == [("visit", "planned")]
    assert "Lena Holm" not in roles(events[0])


def test_talks_weeks_before_the_news_are_background():
    text = (
        "President Anna Berg held talks with President Tomas Varga on Monday. "
        "The trip came three weeks after Berg flew to Oslo for talks with Prime Minister Oskar Dahl."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [sorted(roles(e)) for e in events] == [["Anna Berg", "Tomas Varga"]]


def test_people_of_a_relative_clause_are_not_visit_parties():
    text = (
        "President Anna Berg held talks with President Tomas Varga in Budapest on Monday. "
        "On Sunday, Berg visited Debrecen, where she opened an exhibition with Prime Minister Oskar Dahl."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("Sunday", "2024-03-03")])
    assert all("Oskar Dahl" not in roles(e) for e in events)


def test_visit_named_as_the_frame_of_a_signing_gives_visitor_and_host():
    text = (
        "President Anna Berg and President Tomas Varga signed a defence pact in Budapest on Monday, "
        "on the first day of Berg's state visit to Hungary."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    # the signing, the visit it frames as an event of its own, and the two leaders'
    # talks the signing in person tells (`programme.talks_of_signings`)
    by_type = {e.type: e for e in events}
    assert sorted(e.type for e in events) == ["agreement", "meeting", "visit"]
    assert roles(by_type["agreement"]) == {"Anna Berg": "visitor", "Tomas Varga": "host"}
    assert roles(by_type["meeting"]) == {"Anna Berg": "visitor", "Tomas Varga": "host"}
    assert roles(by_type["visit"]) == {"Anna Berg": "visitor", "Hungary": "host"}


def test_side_trip_in_the_host_country_is_part_of_the_one_visit():
    text = (
        "President Anna Berg held talks with President Tomas Varga in Budapest on Monday, on her first visit to Hungary. "
        "Berg is due to travel to Debrecen on Tuesday to visit a battery plant."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")])
    assert [e.type for e in events] == ["meeting", "visit"]
    assert roles(events[0]) == {"Anna Berg": "visitor", "Tomas Varga": "host"}


def test_a_stop_of_a_tour_is_not_a_cancellation():
    text = (
        "President Anna Berg met President Tomas Varga in Budapest, on the first visit by a Swedish leader in years. "
        "Hungary was the final stop of a tour that had taken Berg to Vienna."
    )
    events = run(text, PEOPLE)
    # the talks, and the visit they were held on; nothing cancelled
    assert [e.type for e in events][0] == "meeting" and "visit" in [e.type for e in events]
    assert all(e.status == "occurred" for e in events)
    assert roles(events[0]) == {"Anna Berg": "visitor", "Tomas Varga": "host"}


def test_visit_told_first_and_its_talks_are_two_events():
    text = (
        "President Anna Berg will pay a state visit to Hungary next week at the invitation of President Tomas Varga. "
        "The two presidents will hold talks on energy."
    )
    events = run(text, PEOPLE)
    assert [(e.type, e.status) for e in events] == [("visit", "planned"), ("meeting", "planned")]
    # the trip: its visitor and the state she goes to; the host's president is in the talks
    assert roles(events[0]) == {"Anna Berg": "visitor", "Hungary": "host"}
    assert roles(events[1]) == {"Anna Berg": "visitor", "Tomas Varga": "host"}
    assert events[0].location == {"name": "Hungary", "country": "HUN"}


def test_planned_event_does_not_take_the_dateline_as_venue():
    text = "President Anna Berg and President Tomas Varga are expected to sign a trade treaty."
    events = run(text, PEOPLE, dateline="STOCKHOLM")
    assert [(e.type, e.status, e.location) for e in events] == [("agreement", "planned", None)]


def test_last_signatory_hung_on_the_verb_is_still_a_party():
    text = "The accord was signed by President Anna Berg, Prime Minister Oskar Dahl, and Tomas Varga, Hungary's president."
    events = run(text, PEOPLE)
    assert set(roles(events[0])) == {"Anna Berg", "Oskar Dahl", "Tomas Varga"}


def _real_events(path: Path):
    from readouts import actors, dates
    from readouts.clean import clean
    from readouts.read import read_path
    from readouts.records import Skip

    results = []
    for raw in read_path(path, path.name):
        if isinstance(raw, Skip):
            continue
        article = clean(raw)
        doc = parse(article.text)
        found = actors.find_actors(article, doc)
        results.append(extract_events(article, doc, found, dates.tag(doc, article.published)))
    return results[0] if len(results) == 1 else [e for r in results for e in r]


def _seed(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip("seed articles not present")
    return matches[0]


def _occurred(events):
    return [e for e in events if e.status == "occurred" and e.type != "statement"]


def _names(event) -> set[str]:
    return {p.name for p in event.participants if p.role not in ("present", "accompanying")}


@pytest.mark.shared
def test_seed_000_two_message_exchanges():
    events = _occurred(_real_events(_seed("000")))
    assert [e.type for e in events] == ["message_exchange", "message_exchange"]
    assert _names(events[0]) == {"Xi Jinping", "Arif Alvi"}
    assert _names(events[1]) == {"Li Keqiang", "Imran Khan"}
    assert all(e.date.value == date(2021, 5, 21) for e in events)
    assert all(e.topics and e.statements and e.evidence for e in events)


@pytest.mark.shared
def test_seed_001_meeting_in_islamabad():
    events = _occurred(_real_events(_seed("001")))
    assert len(events) == 1
    meeting = events[0]
    assert meeting.type == "meeting" and _names(meeting) == {"Arif Alvi", "Qin Gang"}
    assert meeting.date.value == date(2023, 5, 5)
    assert meeting.location["name"] == "Islamabad" and meeting.location["country"] == "PAK"
    assert {p.role for p in meeting.participants} == {"visitor", "host"}
    assert any("one-China policy" in p for s in meeting.statements for p in s.positions)


@pytest.mark.shared
@pytest.mark.parametrize("prefix,day,basis", [("002", date(2021, 10, 28), "reported"),
                                              ("003", date(2021, 10, 26), "stated")])
def test_seeds_002_003_phone_call(prefix, day, basis):
    events = _occurred(_real_events(_seed(prefix)))
    assert len(events) == 1
    call = events[0]
    assert call.type == "phone_call" and _names(call) == {"Xi Jinping", "Imran Khan"}
    # 002's "on Wednesday" dates the spokesperson's remark: the call is dated to the report
    assert (call.date.value, call.date.basis) == (day, basis)
    assert call.topics and call.statements


@pytest.mark.shared
def test_seed_004_meeting_in_beijing_with_someone_present():
    events = _occurred(_real_events(_seed("004")))
    assert len(events) == 1
    meeting = events[0]
    assert meeting.type == "meeting" and _names(meeting) == {"Liu Jianchao", "Khalil Hashmi"}
    assert meeting.location["name"] == "Beijing"
    assert ("Sun Haiyan", "present") in {(p.name, p.role) for p in meeting.participants}


@pytest.mark.slow
def test_example_corpus_planned_visit_and_opinion_piece():
    expected_file = REPO / "tests" / "expected_examples.json"
    if not EXAMPLES.exists() or not expected_file.exists():
        pytest.skip("example corpus not present")
    expected = json.loads(expected_file.read_text())
    planned = [e for e in expected if e["status"] == "planned" and (EXAMPLES / e["file"]).exists()]
    for item in planned:
        events = _real_events(EXAMPLES / item["file"])
        assert any(e.type == item["type"] and e.status == "planned" for e in events), item["file"]
    for opinion in EXAMPLES.glob("*opinion*"):
        assert _real_events(opinion) == []


# ------------------------------------------------------------- evaluation scorers


def test_v05_categories_are_renamed_to_current_plover():
    from readouts.evaluation.events import rename_v05

    assert rename_v05("DEMAND") == "REQUEST"
    assert rename_v05("DISAPPROVE") == "ACCUSE"
    assert rename_v05("INVESTIGATE") == "ACCUSE"
    assert rename_v05("CONSULT") == "CONSULT"


def test_category_scores_accuracy_and_macro_f1():
    from readouts.evaluation.events import NONE, category_scores, coverage_accuracy, macro_f1

    pairs = [
        ("CONSULT", "CONSULT"),  # tp
        ("CONSULT", NONE),  # fn
        ("AGREE", "CONSULT"),  # fp for CONSULT, fn for AGREE
        ("ASSAULT", NONE),  # not covered, silent: right
        ("ASSAULT", "CONSULT"),  # not covered, coded: wrong, fp
    ]
    scores = category_scores(pairs, ("CONSULT", "AGREE"))
    assert (scores["CONSULT"].tp, scores["CONSULT"].fp, scores["CONSULT"].fn) == (1, 2, 1)
    assert scores["CONSULT"].precision == pytest.approx(1 / 3)
    assert scores["CONSULT"].recall == pytest.approx(1 / 2)
    assert scores["AGREE"].f1 == 0.0
    assert macro_f1(scores) == pytest.approx((2 * (1 / 3) * 0.5 / (1 / 3 + 0.5)) / 2)
    assert coverage_accuracy(pairs, ("CONSULT", "AGREE")) == pytest.approx(2 / 5)


def test_triple_scores_per_root():
    from readouts.evaluation.events import triple_scores

    usa_chn = frozenset({"USA", "CHN"})
    fra_deu = frozenset({"FRA", "DEU"})
    records = [
        ({(usa_chn, "04")}, {(usa_chn, "04"), (fra_deu, "04")}),
        ({(fra_deu, "05"), (usa_chn, "19")}, set()),  # root 19 is not scored
    ]
    scores = triple_scores(records, ("04", "05"))
    assert (scores["all"].tp, scores["all"].fp, scores["all"].fn) == (1, 1, 1)
    assert scores["04"].precision == 0.5 and scores["04"].recall == 1.0
    assert scores["05"].recall == 0.0


def test_petrarch_records_are_read_from_malformed_xml(tmp_path):
    from readouts.evaluation.events import read_petr_gsr

    sample = tmp_path / "gsr.xml"
    sample.write_text(
        "<Validation>\n# a comment line that breaks XML\n<Sentences>\n"
        '<Sentence category="X" date="20080804" id="S1" evaluate="true"/>\n'
        '<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />\n'
        "<Text>\nOur own test sentence about a\nvisit.\n</Text>\n</Sentence>\n"
        '<Sentence id="S2"/>\n<EventCoding noevents="True" />\n<Text>Nothing here.</Text>\n</Sentence>\n'
    )
    first, second = read_petr_gsr(sample)
    assert first.id == "S1" and first.published == date(2008, 8, 4)
    assert first.text == "Our own test sentence about a visit."
    assert first.gold == {(frozenset({"USA", "CHN"}), "04")}
    assert second.gold == set()


def test_combined_patterns_find_what_each_pattern_finds():
    # keywords (one case-sensitive acronym among them) are factored into one group;
    # other regexes keep their own flags beside it
    patterns = [_keyword_pattern(k) for k in ("BRI", "belt and road", "Co-operation", "3rd forum")]
    patterns.append(re.compile(r"\bsilk\s+route\b", re.IGNORECASE))
    patterns.append(re.compile(r"\bTRADE\b"))
    combined = combine_patterns(patterns)
    texts = ["The BRI and the Belt  and Road met the bri.", "co-operation, non-co-operation, Co-operations",
             "the 3rd forum on the Silk Route; trade and TRADE", "BRIDGE, abri, BRI-led"]
    for text in texts:
        expected = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text))
        assert [(m.start(), m.end()) for m in combined.finditer(text)] == expected, text
    assert combine_patterns([]).search("anything") is None


def test_talks_without_a_day_take_the_day_of_the_visit_they_are_held_on():
    text = (
        "President Anna Berg arrived in Budapest on Monday for a state visit to Hungary. "
        "Berg and President Tomas Varga will hold talks on energy."
    )
    events = run(text, PEOPLE, [("Monday", "2024-03-04")], published=date(2024, 3, 5))
    talks = next(e for e in events if e.type == "meeting")
    assert talks.date.value == date(2024, 3, 4)


def test_the_venue_tells_the_host_from_the_visitor():
    text = "President Tomas Varga met President Anna Berg in Stockholm on Monday for talks on trade."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    meeting = next(e for e in events if e.type == "meeting")
    assert roles(meeting) == {"Anna Berg": "host", "Tomas Varga": "visitor"}


def test_a_tour_of_listed_states_is_one_visit_per_state():
    text = "Prime Minister Lena Holm will visit Kenya, Ghana and Senegal next week to discuss trade."
    events = run(text, PEOPLE)
    visits = [e for e in events if e.type == "visit"]
    assert sorted(e.location["country"] for e in visits) == ["GHA", "KEN", "SEN"]
    assert all(roles(e)["Lena Holm"] == "visitor" for e in visits)


def test_a_listed_state_whose_name_the_recogniser_cuts_short_is_still_a_stop():
    # the recogniser tags "Cote" alone (as a person): the state's name is the whole mention
    ivory_coast = ("CIV", "state", "Ivory Coast", "CIV", [], ["Cote d’Ivoire"])
    kenya = ("KEN", "state", "Kenya", "KEN", [], ["Kenya"])
    togo = ("TGO", "state", "Togo", "TGO", [], ["Togo"])
    text = "Prime Minister Lena Holm will travel to Africa and visit Kenya, Togo and Cote d’Ivoire from May 3-8."
    visits = [e for e in run(text, PEOPLE + [ivory_coast, kenya, togo]) if e.type == "visit"]
    assert sorted(e.location["country"] for e in visits) == ["CIV", "KEN", "TGO"]


def test_an_official_travelling_to_another_state_is_a_visit():
    text = "President Tomas Varga will travel to Sweden next week to open a trade fair."
    events = run(text, PEOPLE)
    assert [(e.type, e.status) for e in events] == [("visit", "planned")]
    assert roles(events[0]) == {"Tomas Varga": "visitor", "Sweden": "host"}


def test_travel_as_a_noun_is_no_visit():
    text = "Sweden advised its citizens against travel to Hungary after the floods."
    assert run(text, PEOPLE) == []


def test_two_clauses_of_one_sentence_tell_two_visits():
    text = ("The ministry said Prime Minister Lena Holm would travel to Hungary next week "
            "and that President Anna Berg would visit later in the month.")
    events = run(text, PEOPLE)
    assert sorted(p.name for e in events if e.type == "visit" for p in e.participants if p.role == "visitor") == [
        "Anna Berg", "Lena Holm"]


def test_a_later_gathering_with_another_body_is_another_event():
    union = ("EU", "organisation", "European Union", "EU", [], ["European Union"])
    text = ("President Anna Berg met President Tomas Varga on Monday. "
            "Berg separately held talks with the European Union in Brussels.")
    events = run(text, PEOPLE + [union], [("Monday", "2024-03-04")])
    assert len([e for e in events if e.type == "meeting"]) == 2


def test_a_tour_stop_naming_only_states_is_no_visit():
    text = "Hungary was the last stop of a tour that had already taken the delegation to Austria and Slovakia."
    assert [e for e in run(text, PEOPLE) if e.type == "visit"] == []


def test_two_leaders_discussing_in_the_lead_are_talks_but_a_later_or_one_sided_discussion_is_not():
    lead = "President Anna Berg and President Tomas Varga spoke for an hour yesterday, discussing trade and energy."
    events = run(lead, PEOPLE)
    assert [(e.type, sorted(roles(e))) for e in events] == [("meeting", ["Anna Berg", "Tomas Varga"])]
    # one side only: whom she discussed it with is no one named
    assert run("President Anna Berg discussed energy with the governments of the region.", PEOPLE) == []
    # after an event, a discussion only adds to it
    later = "President Anna Berg met President Tomas Varga on Monday. Later, Holm and Dahl discussed energy."
    assert len(run(later, PEOPLE, [("Monday", "2024-03-04")])) == 1


def test_talks_told_only_by_discussing_are_the_call_a_bare_mention_names_next():
    text = ("President Anna Berg and President Tomas Varga spoke for an hour yesterday, discussing trade. "
            "The phone call was their first since May.")
    assert [e.type for e in run(text, PEOPLE)] == ["phone_call"]
    # talks a meeting verb told stay a meeting
    met = "President Anna Berg met President Tomas Varga in Budapest on Monday. The phone call came a week later."
    assert [e.type for e in run(met, PEOPLE, [("Monday", "2024-03-04")])] == ["meeting"]


def test_talks_told_one_by_one_are_one_event_each():
    text = ("President Anna Berg met President Tomas Varga and Prime Minister Oskar Dahl on Monday. "
            "Berg later described her meeting with Dahl as frank.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    pairs = sorted(tuple(sorted(p.name for p in e.participants if p.kind == "person"))
                   for e in events if e.type == "meeting")
    assert pairs == [("Anna Berg", "Oskar Dahl"), ("Anna Berg", "Tomas Varga")]


def test_a_person_without_office_or_state_pays_no_visit():
    fan = ("p9", "person", "Jon Kerr", None, [], ["Jon Kerr", "Kerr"])
    text = "Jon Kerr was heading to Sweden on Monday for a cup final."
    assert [e for e in run(text, PEOPLE + [fan], [("Monday", "2024-03-04")]) if e.type == "visit"] == []


def test_a_strong_message_is_a_figure_of_speech_not_a_letter():
    text = "President Anna Berg sent a strong message to President Tomas Varga with the sanctions."
    assert [e for e in run(text, PEOPLE) if e.type == "message_exchange"] == []


def test_the_leader_of_a_named_state_is_that_states_leader():
    text = ("President Tomas Varga wrote to President Anna Berg on Monday. "
            "On Tuesday the Swedish leader exchanged messages with Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")])
    second = [e for e in events if e.type == "message_exchange" and "Oskar Dahl" in roles(e)]
    assert second and "Anna Berg" in roles(second[0]) and "Tomas Varga" not in roles(second[0])


def test_the_next_sentence_s_future_says_nothing_of_a_done_arrival():
    text = "Secretary Tomas Varga arrived in Stockholm on Monday. He will tour a factory on Friday."
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [e.status for e in visits] == ["occurred"]


def test_a_preview_in_the_present_tense_stays_planned():
    text = ("President Anna Berg is expected on a state visit to Hungary next week. "
            "The visit takes place a year after Varga's trip to Sweden.")
    visits = [e for e in run(text, PEOPLE) if e.type == "visit" and "Anna Berg" in roles(e)]
    assert [e.status for e in visits] == ["planned"]


# ------------------------------------------------------ dating (our own sentences)


def test_the_lead_verb_under_a_place_prefix_dates_the_lead():
    text = ("Budapest: Sweden's President Anna Berg, on Monday, met with President Tomas Varga in Budapest, "
            "marking her first visit to Hungary in a decade. Upon her arrival, Berg was received by Varga.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    visit = next(e for e in events if e.type == "visit")
    assert visit.date.value == date(2024, 3, 4)


def test_a_bare_later_mention_gives_the_planned_event_its_day():
    text = ("President Anna Berg will hold a meeting with President Tomas Varga on the summit sidelines. "
            "This Monday's meeting will be their first in two years.")
    events = run(text, PEOPLE, [("Monday", "2024-03-11")])
    assert [(e.type, e.date.value) for e in events] == [("meeting", date(2024, 3, 11))]


@pytest.mark.parametrize("text, day", [
    ("President Anna Berg left Budapest on Wednesday afternoon, concluding her two-day state visit to Hungary.",
     "Wednesday afternoon"),
    ("President Anna Berg met President Tomas Varga on Wednesday on the second day of her state visit to Hungary.",
     "Wednesday"),
])
def test_a_visit_is_dated_by_its_first_day(text, day):
    events = run(text, PEOPLE, [(day, "2024-03-06")])
    visit = next(e for e in events if e.type == "visit")
    assert (visit.date.value, visit.date.end_value) == (date(2024, 3, 5), date(2024, 3, 6))


def test_a_visit_takes_its_arrival_day_over_a_later_day_of_talks():
    text = ("President Anna Berg met President Tomas Varga on Tuesday during her official visit to Hungary. "
            "On Monday evening, Berg arrived in Budapest to a guard of honour.")
    events = run(text, PEOPLE, [("Tuesday", "2024-03-05"), ("Monday evening", "2024-03-04")])
    visit = next(e for e in events if e.type == "visit")
    meeting = next(e for e in events if e.type == "meeting")
    assert (visit.date.value, meeting.date.value) == (date(2024, 3, 4), date(2024, 3, 5))


def test_an_event_on_a_worked_out_day_after_the_report_is_planned():
    # "on Friday" worked out from the publication date (anchored), two days after it
    text = "President Anna Berg held talks with President Tomas Varga in Budapest on Friday."
    anchored = [Timex(text.index("Friday"), text.index("Friday") + 6, "Friday", "DATE", "2024-03-08", anchored=True)]
    article = make_article(text, date(2024, 3, 6))
    events = extract_events(article, parse(text), actor_set(text, PEOPLE), anchored)
    assert [(e.status, e.date.basis) for e in events] == [("planned", "relative")]


def test_an_undated_event_takes_the_day_before_publication_when_the_text_states_it():
    text = ("President Anna Berg held talks with President Tomas Varga at the castle. "
            "Photo: the two presidents in Budapest, March 5, 2024.")
    events = run(text, PEOPLE, [("March 5, 2024", "2024-03-05")], published=date(2024, 3, 6))
    assert [(e.date.value, e.date.basis) for e in events] == [(date(2024, 3, 5), "reported")]
    # a stated day further back is history, not the report's news
    older = run(text.replace("March 5", "March 1"), PEOPLE, [("March 1, 2024", "2024-03-01")], published=date(2024, 3, 6))
    assert [(e.date.value, e.date.basis) for e in older] == [(date(2024, 3, 6), "reported")]

def test_a_headline_without_a_full_stop_does_not_hide_the_next_line():
    text = ("Swedish prime minister Lena Holm to visit Kenya next month\n\n"
            "Holm will also visit Ghana and Senegal in May, the ministry said.")
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    # the parser runs the two lines into one sentence; each line tells its own trip
    assert len(visits) == 3


def test_a_tour_of_a_state_and_visiting_it_are_one_trip():
    text = ("Prime Minister Oskar Dahl is on a tour of Sweden until Friday. "
            "Dahl is visiting Sweden for the first time since taking office.")
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert len(visits) == 1
    assert roles(visits[0]) == {"Oskar Dahl": "visitor", "Sweden": "host"}


def test_the_premier_of_a_named_state_is_that_states_head_of_government():
    text = ("Prime Minister Oskar Dahl met President Anna Berg in Stockholm on Monday. "
            "The Hungarian premier will travel to Norway next week.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert visits and "Oskar Dahl" in roles(visits[0])


def test_states_listed_in_another_clause_are_no_stops_of_the_tour():
    text = ("President Tomas Varga arrived on a visit to Sweden on Monday, "
            "after Sweden's decision to deepen ties with Kenya and Ghana.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [e.location["country"] for e in visits] == ["SWE"]


def test_a_tour_that_takes_the_visitor_to_listed_states_is_one_visit_per_state():
    text = "President Tomas Varga is on a tour which will also take him to Kenya and Ghana."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert sorted(e.location["country"] for e in visits) == ["GHA", "KEN"]


def test_a_meeting_neither_side_has_confirmed_is_only_planned():
    text = "Neither side has confirmed a meeting between Berg and Varga."
    events = [e for e in run(text, PEOPLE) if e.type == "meeting"]
    assert [e.status for e in events] == ["planned"]


def test_opening_the_day_by_meeting_someone_is_a_meeting():
    text = "President Anna Berg opened the day by meeting Hungary's prime minister, Oskar Dahl."
    events = [e for e in run(text, PEOPLE) if e.type == "meeting"]
    assert events and set(roles(events[0])) >= {"Anna Berg", "Oskar Dahl"}


def test_the_top_diplomat_of_a_named_state_is_the_latest_one_mentioned():
    text = ("Prime Minister Oskar Dahl arrived in Stockholm on Sunday. "
            "The top Hungarian diplomat met for three hours with President Anna Berg.")
    events = [e for e in run(text, PEOPLE, [("Sunday", "2024-03-03")]) if e.type == "meeting"]
    assert events and set(roles(events[0])) == {"Anna Berg", "Oskar Dahl"}


def test_a_leader_welcomed_by_another_states_leader_is_on_a_visit():
    text = "President Anna Berg welcomed Prime Minister Oskar Dahl at the palace on Monday for talks on trade."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    visits = [e for e in events if e.type == "visit"]
    assert [e.type for e in events].count("meeting") == 1 and len(visits) == 1
    assert roles(visits[0]) == {"Oskar Dahl": "visitor", "Sweden": "host"}


def test_a_meeting_with_a_visiting_minister_tells_no_visit_of_its_own():
    text = "At a meeting with visiting Prime Minister Oskar Dahl on Monday, President Anna Berg said trade must grow."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e.type for e in events] == ["meeting"]


def test_a_headline_infinitive_announces_a_planned_visit():
    text = "President Tomas Varga to visit Sweden for talks with President Anna Berg"
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert [e.status for e in visits] == ["planned"]


def test_talks_that_follow_a_planned_reception_are_planned_too():
    text = ("Varga will be received with honours by President Anna Berg, "
            "followed by talks with Prime Minister Lena Holm and a joint appearance before reporters.")
    events = run(text, PEOPLE)
    talks = [e for e in events if e.type == "meeting" and "Lena Holm" in roles(e)]
    assert talks and talks[0].status == "planned"


def test_a_weekday_after_the_report_has_not_come_yet():
    from readouts import dates

    # the real tagger: "next Friday" is a day counted from the report, not a stated date
    text = "President Anna Berg meets President Tomas Varga in Budapest on Friday."
    article = make_article(text, date(2024, 3, 6))
    doc = parse(text)
    events = extract_events(article, doc, actor_set(text, PEOPLE), dates.tag(doc, article.published))
    meetings = [e for e in events if e.type == "meeting"]
    assert meetings and meetings[0].date.basis == "relative" and meetings[0].status == "planned"


def test_leaders_in_attendance_were_present_at_the_summit():
    text = ("On Monday, President Tomas Varga travelled to Sweden for a summit with Nordic leaders. "
            "Prime Minister Lena Holm and President Anna Berg were all in attendance.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    summit = next(e for e in events if e.type == "meeting")
    assert {"Lena Holm", "Anna Berg"} <= set(roles(summit))


def test_a_verb_of_saying_on_the_next_line_does_not_report_a_headline():
    text = "President Anna Berg pays visit to Hungary for talks\n- The office said the leaders will dine together."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert [e.status for e in visits] == ["occurred"]


def test_a_related_headline_announcing_a_trip_is_planned():
    text = ("Hungary's top diplomat Tomas Varga to visit Sweden\n\n"
            "Varga will also visit Kenya in May, Berg said.")
    statuses = {e.status for e in run(text, PEOPLE) if e.type == "visit"}
    assert statuses == {"planned"}


def test_a_visit_names_its_host_state_not_the_host_in_person():
    text = "President Anna Berg arrived in Hungary on Monday for a state visit hosted by President Tomas Varga."
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert visits and roles(visits[0]) == {"Anna Berg": "visitor", "Hungary": "host"}


def test_the_two_sides_of_a_visit_are_the_visitor_and_the_host_state():
    text = ("President Anna Berg arrived in Hungary on Monday for a state visit. "
            "The two sides signed several agreements on energy and rail.")
    deals = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "agreement"]
    assert deals and {p.country for p in deals[0].participants} == {"SWE", "HUN"}


def test_a_visitor_meets_the_host_states_leaders_one_by_one():
    text = ("President Anna Berg arrived in Hungary on Monday for a state visit. "
            "Berg held talks with President Tomas Varga and Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    pairs = sorted(tuple(sorted(p.name for p in e.participants if p.kind == "person"))
                   for e in events if e.type == "meeting")
    assert pairs == [("Anna Berg", "Oskar Dahl"), ("Anna Berg", "Tomas Varga")]


def test_the_leaders_of_an_organisation_receive_a_visitor_together():
    council = ("p7", "person", "Ida Lind", "EU", ["President"], ["Ida Lind", "Lind"])
    commission = ("p8", "person", "Karl Rask", "EU", ["President"], ["Karl Rask", "Rask"])
    text = ("President Tomas Varga arrived in Brussels on Monday for a visit. "
            "Varga held talks with Ida Lind and Karl Rask.")
    events = run(text, PEOPLE + [council, commission], [("Monday", "2024-03-04")])
    assert len([e for e in events if e.type == "meeting"]) == 1


def test_they_who_travelled_together_will_meet_the_host():
    text = ("President Tomas Varga and Prime Minister Oskar Dahl arrived in Stockholm on Monday. "
            "Varga said they will meet Prime Minister Lena Holm.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    meetings = [e for e in events if e.type == "meeting"]
    assert meetings and {"Tomas Varga", "Oskar Dahl", "Lena Holm"} <= set(roles(meetings[0]))


def test_a_bare_infinitive_with_no_tense_above_it_is_a_plan():
    from readouts.events.status import classify
    from readouts.events.triggers import Trigger

    text = "Next on the agenda: attend the summit, engage with business leaders and meet President Tomas Varga."
    doc = parse(text)
    meet = next(t for t in doc if t.lower_ == "meet")
    trigger = Trigger("meeting", meet.idx, meet.idx + 4, meet, meet.sent)
    assert classify(trigger, load_event_types()) == "planned"


def test_talks_with_one_leader_and_a_meeting_with_another_are_two_events():
    text = ("President Anna Berg arrived in Hungary on Monday for a state visit. "
            "Berg held talks with President Tomas Varga, and met with Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    pairs = sorted(tuple(sorted(p.name for p in e.participants if p.kind == "person"))
                   for e in events if e.type == "meeting")
    assert pairs == [("Anna Berg", "Oskar Dahl"), ("Anna Berg", "Tomas Varga")]

REED = ("p6", "person", "Jon Reed", "AUT", ["Chancellor"], ["Chancellor Jon Reed", "Jon Reed", "Reed"])


def test_a_pronoun_stands_for_the_subject_not_the_last_name_read():
    text = ("President Anna Berg first visited Vienna on Monday for talks with Chancellor Jon Reed. "
            "Berg then travelled to Budapest, where she met Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE + [REED], [("Monday", "2024-03-04")])
    talks = [e for e in events if e.type == "meeting" and "Oskar Dahl" in roles(e)]
    assert talks and set(roles(talks[0])) == {"Anna Berg", "Oskar Dahl"}


def test_a_pronoun_stands_for_the_protagonist_not_a_name_in_passing():
    text = ("President Anna Berg will visit Hungary next week. "
            "Her trip comes after the visit of Chancellor Jon Reed in May. "
            "She will meet Prime Minister Oskar Dahl in Budapest.")
    events = run(text, PEOPLE + [REED])
    talks = [e for e in events if e.type == "meeting"]
    assert talks and set(roles(talks[0])) == {"Anna Berg", "Oskar Dahl"}


def test_other_people_of_the_sentence_are_no_parties_of_a_visit():
    text = "Prime Minister Oskar Dahl will travel to Sweden next week, months after the visit of Chancellor Jon Reed."
    visits = [e for e in run(text, PEOPLE + [REED]) if e.type == "visit"]
    assert [roles(e) for e in visits] == [{"Oskar Dahl": "visitor", "Sweden": "host"}]


def test_the_state_someone_is_visiting_is_the_host():
    text = "Prime Minister Oskar Dahl is visiting Sweden this week."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert [roles(e) for e in visits] == [{"Oskar Dahl": "visitor", "Sweden": "host"}]


def test_meetings_with_a_named_party_are_particular_meetings():
    text = "President Anna Berg visited Vienna on May 3 for meetings with Chancellor Jon Reed."
    events = run(text, PEOPLE + [REED], [("May 3", "2024-05-03")], published=date(2024, 5, 4))
    assert any(e.type == "meeting" and set(roles(e)) == {"Anna Berg", "Jon Reed"} for e in events)


def test_the_leaders_of_named_states_are_the_people_named_before():
    holm_fm = ("p7", "person", "Eva Lind", "SWE", ["Foreign Minister"], ["Foreign Minister Eva Lind", "Lind"])
    text = ("Foreign Minister Eva Lind arrived in Budapest on Monday, where Foreign Minister Ede Kis welcomed her. "
            "The top diplomats of Sweden and Hungary will hold talks on Tuesday.")
    kis = ("p8", "person", "Ede Kis", "HUN", ["Foreign Minister"], ["Foreign Minister Ede Kis", "Kis"])
    events = run(text, PEOPLE + [holm_fm, kis], [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")])
    talks = [e for e in events if e.type == "meeting" and e.status == "planned"]
    assert talks and {"Eva Lind", "Ede Kis"} <= set(roles(talks[0]))
    assert not {"Sweden", "Hungary"} & set(roles(talks[0]))


def test_a_title_phrase_with_a_clause_still_names_the_titled_person():
    text = ("President Anna Berg will visit Hungary this week. "
            "The Swedish president, who landed in Budapest on Sunday, will meet Prime Minister Oskar Dahl on Monday.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    talks = [e for e in events if e.type == "meeting"]
    assert talks and set(roles(talks[0])) == {"Anna Berg", "Oskar Dahl"}


def test_people_a_summit_will_be_attended_by_are_present():
    text = ("On Thursday, President Anna Berg will host a summit between Sweden, Hungary and Austria, "
            "which will be attended by Chancellor Jon Reed.")
    events = run(text, PEOPLE + [REED], [("Thursday", "2024-03-07")])
    assert events and roles(events[0]).get("Jon Reed") == "present"


def test_the_forum_of_a_meeting_mentioned_inside_a_phrase_is_no_party():
    forum = ("NATO", "organisation", "North Atlantic Treaty Organization", "NATO", [], ["NATO"])
    text = "President Anna Berg gave praise to the friendly tone of the NATO meeting in Vilnius last summer."
    assert [e for e in run(text, PEOPLE + [forum]) if e.type == "meeting"] == []


def test_a_call_on_someone_in_ones_own_country_is_no_visit():
    text = ("Prime Minister Oskar Dahl held talks with President Anna Berg in Budapest on Monday. "
            "The Hungarian prime minister visited Berg at her hotel in Budapest later that day.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e for e in events if e.type == "visit"] == []


def test_a_visit_made_at_someones_invitation_is_not_a_plan():
    text = ("President Anna Berg left Budapest on Wednesday, ending a two-day state visit to Hungary. "
            "She travelled there at the invitation of President Tomas Varga and Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE, [("Wednesday", "2024-03-06")])
    assert [(e.type, e.status) for e in events if e.type == "visit"] == [("visit", "occurred")]


def test_a_line_break_ends_a_sentence_but_not_inside_a_wrapped_one():
    text = ("Three leaders travel to Vienna for talks\n"
            "President Anna Berg arrived in Vienna on Thursday morning.\n"
            "She will meet the chancellor and\nhis ministers on Friday.")
    sentences = [s.text.strip() for s in parse(text).sents]
    assert sentences[0] == "Three leaders travel to Vienna for talks"
    assert "She will meet the chancellor and\nhis ministers on Friday." in sentences


def test_place_names_written_with_diacritics_resolve():
    from readouts.events.places import resolve_place

    assert resolve_place("Việt Nam") == {"name": None, "country": "VNM"}
    assert resolve_place("Hà Nội")["country"] == "VNM"


UNION = ("EU", "organisation", "European Union", "EU", [], ["European Union"])


def test_a_trigger_inside_another_noun_does_not_take_the_verbs_subject():
    # no copula here: the "of" complement of another noun ("agenda") names no sides
    text = "Sweden's request for a seat in the European Union topped the agenda of the talks with Hungary's leadership."
    assert run(text, PEOPLE + [UNION]) == []


def test_a_round_of_talks_still_takes_the_verbs_subject():
    text = "President Anna Berg held a first round of talks with President Tomas Varga on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [set(roles(e)) for e in events] == [{"Anna Berg", "Tomas Varga"}]


def test_a_clause_hanging_from_a_dated_past_visit_is_history_too():
    text = "President Tomas Varga visited Sweden in June 2021, signing a ten-year energy pact with President Anna Berg."
    assert run(text, PEOPLE, [("June 2021", "2021-06")]) == []


def test_talks_told_right_after_a_recalled_trip_are_its_talks():
    text = ("Prime Minister Oskar Dahl arrived in Stockholm on Monday for a two-day visit. "
            "In late 2022, President Tomas Varga paid a working visit to Sweden. "
            "Varga met President Anna Berg and Prime Minister Lena Holm, and discussed trade. "
            "On his way home after his visit to Sweden, Varga praised the talks.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("late 2022", "2022")])
    assert [(e.type, sorted(roles(e))) for e in events] == [("visit", ["Oskar Dahl", "Sweden"])]


def test_a_news_trip_is_not_history_because_a_date_near_it_is_old():
    text = ("President Anna Berg arrived in Budapest on Sunday for a state visit to Hungary. "
            "It is the first visit of Berg to Hungary since she took office in May 2022. "
            "After arriving in Budapest, Berg also met Prime Minister Oskar Dahl.")
    events = run(text, PEOPLE, [("Sunday", "2024-03-03"), ("May 2022", "2022-05")])
    assert any(e.type == "meeting" and set(roles(e)) == {"Anna Berg", "Oskar Dahl"} for e in events)


def test_who_reads_out_a_letter_from_someone_else_is_no_party():
    text = ("President Anna Berg and President Tomas Varga exchanged letters on Monday. "
            "At two receptions, Prime Minister Lena Holm and Prime Minister Oskar Dahl read congratulatory letters "
            "from their respective presidents.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [set(roles(e)) for e in events] == [{"Anna Berg", "Tomas Varga"}]


def test_who_receives_a_letter_from_someone_is_a_party():
    text = "President Anna Berg received a congratulatory letter from President Tomas Varga on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [set(roles(e)) for e in events] == [{"Anna Berg", "Tomas Varga"}]


def test_on_an_undated_page_a_past_month_and_year_is_history():
    text = ("President Anna Berg will visit Hungary next week. "
            "President Tomas Varga visited Sweden in June 2021, when the two signed a trade pact.")
    events = run(text, PEOPLE, [("June 2021", "2021-06")], published=None)
    assert [(e.type, e.status) for e in events] == [("visit", "planned")]


def test_a_leaders_spouse_is_no_party():
    lund = ("p9", "person", "Jon Lund", None, ["husband"], ["Jon Lund"])
    text = "President Tomas Varga welcomed President Anna Berg and her husband Jon Lund in Budapest on Monday."
    events = run(text, PEOPLE + [lund], [("Monday", "2024-03-04")])
    assert events and all("Jon Lund" not in roles(e) for e in events)


def test_negotiating_as_a_process_is_no_meeting():
    austria = ("AUT", "state", "Austria", "AUT", [], ["Austria"])
    text = "While negotiating with Hungary and Austria to settle the dispute, President Anna Berg called the process a new start."
    assert run(text, PEOPLE + [austria]) == []


def test_a_trip_that_will_not_happen_is_negated():
    text = "President Anna Berg will not travel to Hungary next week."
    assert [(e.type, e.status) for e in run(text, PEOPLE)] == [("visit", "negated")]


def test_someone_honoured_during_a_visit_is_no_party():
    founder = ("p10", "person", "Karl Stor", None, [], ["Karl Stor"])
    text = "President Anna Berg paid tribute to Karl Stor during a visit to the national memorial in Budapest on Monday."
    visits = [e for e in run(text, PEOPLE + [founder], [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert visits and all("Karl Stor" not in roles(e) for e in visits)


def test_the_place_a_visit_verb_takes_as_object_is_the_host():
    text = "President Anna Berg visited Vienna on Monday for meetings with Chancellor Jon Reed."
    visits = [e for e in run(text, PEOPLE + [REED], [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [roles(e) for e in visits] == [{"Anna Berg": "visitor", "Austria": "host"}]


def test_people_in_attendance_are_present_at_the_summit():
    text = ("On Monday, President Anna Berg travelled to Vienna for a one-day summit with Chancellor Jon Reed. "
            "Prime Minister Lena Holm and Prime Minister Oskar Dahl were also in attendance.")
    events = run(text, PEOPLE + [REED], [("Monday", "2024-03-04")])
    summit = [e for e in events if e.type == "meeting"]
    assert summit and {"Lena Holm", "Oskar Dahl"} <= set(roles(summit[0]))


def test_a_states_titled_person_as_object_is_the_person_named_before():
    text = ("President Tomas Varga arrived in Stockholm on Sunday. "
            "Prime Minister Lena Holm opened talks with Hungary's president on Monday.")
    events = run(text, PEOPLE, [("Sunday", "2024-03-03"), ("Monday", "2024-03-04")])
    talks = [e for e in events if e.type == "meeting"]
    assert talks and set(roles(talks[0])) == {"Lena Holm", "Tomas Varga"}


def test_people_of_the_clause_around_talks_of_others_are_no_parties():
    text = ("Prime Minister Oskar Dahl's trip to Sweden comes against the backdrop of trade talks "
            "between Austria and the European Union.")
    austria = ("AUT", "state", "Austria", "AUT", [], ["Austria"])
    events = run(text, PEOPLE + [austria, UNION])
    assert all("Oskar Dahl" not in roles(e) for e in events if e.type == "meeting")


def test_a_visit_the_parser_hangs_on_a_noun_keeps_its_travellers():
    text = "President Anna Berg and Prime Minister Lena Holm travelled together in a special train for the state visit to Hungary."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert visits and {"Anna Berg", "Lena Holm"} <= set(roles(visits[0]))


def test_the_two_sides_after_talks_with_a_states_leaders_are_the_person_and_the_state():
    text = ("President Anna Berg met Hungarian leaders in Budapest on Monday. "
            "The two sides signed several agreements on energy.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    deals = [e for e in events if e.type == "agreement"]
    assert deals and set(roles(deals[0])) == {"Anna Berg", "Hungary"}


def test_a_telephone_dialogue_is_a_phone_call():
    text = "President Anna Berg held a telephone dialogue with President Tomas Varga on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e.type for e in events] == ["phone_call"]


def test_by_meeting_someone_is_a_meeting():
    text = "President Anna Berg opened the day on Monday by meeting President Tomas Varga."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [(e.type, set(roles(e))) for e in events] == [("meeting", {"Anna Berg", "Tomas Varga"})]


# ------------------------------------------- a visit named without its traveller


def test_a_trip_named_without_its_traveller_is_the_visit_of_the_talks_guest():
    text = ("President Anna Berg met President Tomas Varga in talks on Tuesday, "
            "at the close of a three-day trip to Budapest.")
    events = run(text, PEOPLE, [("Tuesday", "2024-03-05")])
    visits = [e for e in events if e.type == "visit"]
    assert len(visits) == 1
    assert roles(visits[0]) == {"Anna Berg": "visitor", "Hungary": "host"}
    assert [e.type for e in events].count("meeting") == 1


def test_a_later_sentence_naming_the_visit_gives_the_talks_a_visit():
    text = ("President Anna Berg held talks with President Tomas Varga in Budapest on Tuesday. "
            "It was the first visit to Hungary by a Swedish head of state in a decade.")
    visits = [e for e in run(text, PEOPLE, [("Tuesday", "2024-03-05")]) if e.type == "visit"]
    assert [roles(v) for v in visits] == [{"Anna Berg": "visitor", "Hungary": "host"}]


def test_a_bare_visit_with_no_talks_between_two_states_makes_no_visit():
    # no talks tell who travelled: the trip stays unowned
    text = "The visit was the first of its kind in a decade, officials in Budapest said."
    assert [e for e in run(text, PEOPLE) if e.type == "visit"] == []


def test_a_visit_to_a_capital_named_by_its_state_word_is_hosted_by_that_state():
    text = "President Anna Berg arrived in the Hungarian capital on Monday for a two-day state visit."
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [roles(v) for v in visits] == [{"Anna Berg": "visitor", "Hungary": "host"}]


def test_a_date_the_parser_hangs_on_the_event_noun_of_a_light_verb_dates_it():
    # with a second sentence the parser hangs "on Monday" on "talks", not on "held"
    text = "President Anna Berg held talks with President Tomas Varga on Monday. The weather was fine."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [(e.date.value, e.date.basis) for e in events] == [(date(2024, 3, 4), "stated")]

# ------------------------------------------- appeals and things received are no meetings


@pytest.mark.parametrize("text", [
    "President Anna Berg called on President Tomas Varga on Monday to free the detained reporters.",
    "Sweden renewed its calls on President Tomas Varga on Monday to step down.",
    "President Anna Berg called on Hungary for restraint on Monday.",
])
def test_an_appeal_to_someone_is_no_meeting(text):
    assert run(text, PEOPLE, [("Monday", "2024-03-04")]) == []


def test_calling_on_a_leader_without_an_appeal_is_a_courtesy_call():
    text = "Prime Minister Oskar Dahl called on President Anna Berg at the palace on Monday."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert [e.type for e in events] == ["meeting"]


@pytest.mark.parametrize("text", [
    "Swedish authorities received a threat against the Hungarian embassy on Monday.",
    "President Anna Berg received a request from Hungary on Monday.",
    "Sweden welcomed the decision of Hungary to reopen its consulate on Monday.",
    "President Anna Berg received a briefing on Hungary from her advisers on Monday.",
])
def test_receiving_or_welcoming_a_thing_is_no_meeting(text):
    assert run(text, PEOPLE, [("Monday", "2024-03-04")]) == []


@pytest.mark.parametrize("text", [
    "President Anna Berg received the Hungarian delegation on Monday.",
    "President Anna Berg hosted a state dinner for President Tomas Varga on Monday.",
])
def test_receiving_or_hosting_a_guest_is_a_meeting(text):
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert "meeting" in [e.type for e in events]


def test_the_she_who_said_a_quotation_is_not_the_person_quoted():
    text = ("President Anna Berg spoke to reporters on Monday. \"Day by day, President Tomas Varga is "
            "losing friends,\" she said on Monday during a visit to Hungary.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert visits and roles(visits[0]).get("Anna Berg") == "visitor" and "Tomas Varga" not in roles(visits[0])


def test_a_person_with_no_office_and_no_state_is_no_side_of_an_interaction():
    smith = ("p9", "person", "Jon Smith", None, [], ["Jon Smith", "Smith"])
    text = "The historian Jon Smith met President Tomas Varga in Budapest on Monday."
    assert run(text, PEOPLE + [smith], [("Monday", "2024-03-04")]) == []
    envoy = ("p9", "person", "Jon Smith", None, ["Envoy"], ["Envoy Jon Smith", "Jon Smith", "Smith"])
    text = "Envoy Jon Smith met President Tomas Varga in Budapest on Monday."
    assert [e.type for e in run(text, PEOPLE + [envoy], [("Monday", "2024-03-04")])] == ["meeting"]


@pytest.mark.parametrize("text", [
    "President Anna Berg will meet opponents of President Tomas Varga in Stockholm on Monday.",
    "President Anna Berg will meet Varga loyalists in Stockholm on Monday.",
])
def test_meeting_someones_opponents_or_followers_is_not_meeting_them(text):
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert all("Tomas Varga" not in roles(e) for e in events)


def test_an_unequivocal_message_to_a_leader_is_a_figure_of_speech():
    text = "Sweden sent an unequivocal message to President Tomas Varga on Monday by recalling its envoy."
    assert [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "message_exchange"] == []


def test_a_state_or_leader_naming_only_whose_camp_a_group_is_is_no_party():
    text = ("President Anna Berg will meet Hungarian opposition figures in Stockholm on Monday, "
            "stepping up contact with Varga opponents.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert all(not ({"Tomas Varga", "Hungary"} & set(roles(e))) for e in events)


def test_a_meeting_of_one_states_own_officials_is_domestic():
    text = "President Anna Berg met Prime Minister Lena Holm at the palace on Monday."
    assert run(text, PEOPLE, [("Monday", "2024-03-04")]) == []
    text = "President Anna Berg met Prime Minister Oskar Dahl at the palace on Monday."
    assert [e.type for e in run(text, PEOPLE, [("Monday", "2024-03-04")])] == ["meeting"]


@pytest.mark.parametrize("text", [
    "Hundreds of refugees fleeing the rule of President Tomas Varga arrived in Sweden on Monday.",
    "Six monitors sent after President Anna Berg spoke arrived in Hungary on Monday.",
])
def test_a_journey_of_people_who_hold_no_office_is_no_visit(text):
    assert [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"] == []


def test_a_title_traveller_still_takes_the_name_the_sentence_gives():
    text = "The delegation of President Tomas Varga arrived in Sweden on Monday."
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert visits and roles(visits[0]).get("Tomas Varga") == "visitor"


@pytest.mark.parametrize("text", [
    "President Anna Berg is ready to meet President Tomas Varga on Monday.",
    "President Anna Berg wants to meet President Tomas Varga on Monday.",
])
def test_a_readiness_or_wish_to_meet_is_no_meeting(text):
    assert run(text, PEOPLE, [("Monday", "2024-03-04")]) == []


@pytest.mark.parametrize("text", [
    "The Swedish draft met resistance from Hungary on Monday.",
    "President Anna Berg met reporters from Hungary on Monday.",
])
def test_meeting_a_thing_or_people_of_no_office_is_no_meeting(text):
    assert [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"] == []


def test_meeting_officials_of_another_state_is_a_meeting():
    text = "President Anna Berg met Hungarian officials in Budapest on Monday."
    assert [e.type for e in run(text, PEOPLE, [("Monday", "2024-03-04")])] == ["meeting"]


def test_hosting_a_people_is_no_meeting():
    text = "Sweden has seen a rise in arrivals this week and now hosts some 9,000 Hungarians, including dozens of deserters."
    assert run(text, PEOPLE) == []


@pytest.mark.parametrize("text", [
    "President Tomas Varga kept close ties with Sweden while holding intermittent peace talks with Sweden.",
    "President Anna Berg and President Tomas Varga hold regular consultations on trade.",
])
def test_a_practice_of_talks_is_no_event(text):
    assert run(text, PEOPLE) == []


def test_a_former_office_holder_makes_no_official_visit():
    former = ("p9", "person", "Jon Smith", "HUN", ["Foreign Minister"], ["Foreign Minister Jon Smith", "Jon Smith"])
    text = "Former Hungarian Foreign Minister Jon Smith flew to Stockholm on Monday."
    assert run(text, PEOPLE + [former], [("Monday", "2024-03-04")]) == []
    text = "Hungarian Foreign Minister Jon Smith flew to Stockholm on Monday."
    assert [e.type for e in run(text, PEOPLE + [former], [("Monday", "2024-03-04")])] == ["visit"]


def test_a_visit_told_only_by_its_talks_begins_with_the_first_of_them():
    text = ("President Anna Berg held talks with Prime Minister Oskar Dahl in Budapest on Monday. "
            "On Tuesday, President Tomas Varga received Berg at his palace.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")])
    visits = [e for e in events if e.type == "visit"]
    assert [(roles(v), v.date.value) for v in visits] == [({"Anna Berg": "visitor", "Hungary": "host"}, date(2024, 3, 4))]


def test_a_title_phrase_with_a_name_after_it_is_that_person():
    # the parser hangs the name on the verb, not on the title phrase
    li = ("p5", "person", "Wang Li", "HUN", ["Foreign Minister"], ["Wang Li"])
    text = ("President Tomas Varga is Hungary's most powerful leader in decades. "
            "Berg opened the day by meeting Hungary's top diplomat, Wang Li.")
    events = run(text, PEOPLE + [li])
    held = [e for e in events if e.type == "meeting" and e.status == "occurred"]
    assert [set(roles(e)) for e in held] == [{"Anna Berg", "Wang Li"}]


def test_the_onward_stops_of_a_trip_under_way_are_not_news_of_their_own():
    text = ("President Tomas Varga arrived in Sweden on Monday at the start of a tour "
            "that will also take him to Kenya and Ghana.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [(e.location["country"], e.status) for e in visits] == [("SWE", "occurred")]
    text = ("President Tomas Varga arrived in Stockholm on Monday for talks on trade. "
            "He is scheduled to visit Kenya and Ghana later in the week.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [e.status for e in visits] == ["occurred"]


def test_a_trip_planned_weeks_after_another_is_a_visit_of_its_own():
    text = ("President Tomas Varga arrived in Stockholm on Monday for talks on trade. "
            "Varga will travel to Kenya on April 20.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04"), ("April 20", "2024-04-20")]) if e.type == "visit"]
    assert sorted(e.status for e in visits) == ["occurred", "planned"]


def test_a_welcome_by_another_host_official_before_the_talks_is_protocol():
    text = ("Prime Minister Lena Holm welcomed Prime Minister Oskar Dahl at the airport on Monday. "
            "Dahl held talks with President Anna Berg later in the day.")
    meetings = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert [sorted(p.name for p in e.participants if p.kind == "person") for e in meetings] == [
        ["Anna Berg", "Oskar Dahl"]]


def test_a_welcome_is_the_meeting_when_the_visitor_holds_no_other_talks():
    text = ("Prime Minister Oskar Dahl arrived in Stockholm on Monday. "
            "Prime Minister Lena Holm welcomed Dahl at the airport.")
    meetings = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert [sorted(p.name for p in e.participants if p.kind == "person") for e in meetings] == [
        ["Lena Holm", "Oskar Dahl"]]


def test_talks_the_news_is_set_against_are_no_event_of_it():
    text = ("President Tomas Varga's trip to Sweden comes against the backdrop of talks "
            "between Prime Minister Oskar Dahl and President Anna Berg.")
    assert [e for e in run(text, PEOPLE) if e.type == "meeting"] == []


def test_a_visitor_met_at_the_airport_by_one_official_and_holding_talks_with_another():
    text = ("Prime Minister Oskar Dahl arrived in Stockholm on Monday. "
            "Dahl was met at the airport by Prime Minister Lena Holm. "
            "Dahl held talks with President Anna Berg later in the day.")
    meetings = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert [sorted(p.name for p in e.participants if p.kind == "person") for e in meetings] == [
        ["Anna Berg", "Oskar Dahl"]]


def test_two_hosts_receiving_a_visitor_together_are_two_meetings_not_a_protocol_welcome():
    text = ("President Anna Berg and Prime Minister Lena Holm received President Tomas Varga in Stockholm on Monday. "
            "Berg welcomed Varga and his delegation. "
            "They discussed trade and energy.")
    meetings = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert sorted(sorted(p.name for p in e.participants if p.kind == "person") for e in meetings) == [
        ["Anna Berg", "Tomas Varga"], ["Lena Holm", "Tomas Varga"]]


def test_a_sovereign_holding_an_audience_with_a_visitor_is_a_meeting():
    text = "President Anna Berg will hold an audience with President Tomas Varga at the palace, her office said."
    meetings = [e for e in run(text, PEOPLE) if e.type == "meeting"]
    assert [sorted(p.name for p in e.participants) for e in meetings] == [["Anna Berg", "Tomas Varga"]]
    assert meetings[0].status == "planned"


def test_an_audience_of_listeners_is_no_meeting():
    text = "President Anna Berg told an audience in Budapest that President Tomas Varga was a friend."
    assert [e for e in run(text, PEOPLE) if e.type == "meeting"] == []


def test_a_perfect_with_one_occasion_told_by_its_verb_is_a_reported_past_call():
    text = "President Anna Berg has held a phone call with President Tomas Varga, the Swedish government said on Wednesday."
    calls = [e for e in run(text, PEOPLE, [("Wednesday", "2024-03-06")]) if e.type == "phone_call"]
    assert [(e.status, sorted(p.name for p in e.participants)) for e in calls] == [
        ("occurred", ["Anna Berg", "Tomas Varga"])]


def test_the_two_leaders_in_a_sentence_naming_the_next_host_are_the_traveller_and_that_host():
    text = ("President Tomas Varga made a surprise visit to Stockholm on Monday. "
            "He had held talks with Prime Minister Oskar Dahl in Budapest earlier that day. "
            "A spokeswoman for President Anna Berg announced that the two leaders will hold talks at a working lunch.")
    planned = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting" and e.status == "planned"]
    assert [sorted(p.name for p in e.participants if p.kind == "person") for e in planned] == [["Anna Berg", "Tomas Varga"]]


def test_spoke_with_a_leader_is_a_meeting_and_by_phone_a_call():
    met = run("President Tomas Varga spoke with President Anna Berg in Stockholm on Monday.", PEOPLE,
              [("Monday", "2024-03-04")])
    assert [(e.type, sorted(p.name for p in e.participants if p.kind == "person")) for e in met] == [
        ("meeting", ["Anna Berg", "Tomas Varga"])]
    called = run("President Tomas Varga spoke with President Anna Berg by phone on Monday.", PEOPLE,
                 [("Monday", "2024-03-04")])
    assert [e.type for e in called] == ["phone_call"]


def test_spoke_with_reporters_is_no_meeting():
    assert run("President Tomas Varga spoke with reporters in Stockholm on Monday.", PEOPLE,
               [("Monday", "2024-03-04")]) == []


def test_a_visitor_moving_on_from_one_host_leader_to_others_meets_each():
    text = ("President Tomas Varga arrived in Stockholm on Monday. "
            "Varga first spoke with Prime Minister Lena Holm, before moving on to President Anna Berg.")
    meetings = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert sorted(sorted(p.name for p in e.participants if p.kind == "person") for e in meetings) == [
        ["Anna Berg", "Tomas Varga"], ["Lena Holm", "Tomas Varga"]]


STOP_PEOPLE = PEOPLE + [
    ("p5", "person", "Karl Vogel", "AUT", ["Chancellor"], ["Chancellor Karl Vogel", "Karl Vogel", "Vogel"]),
    ("AUT", "state", "Austria", "AUT", [], ["Austria", "Austrian"]),
]


def test_talks_in_another_state_of_a_traveller_on_a_tour_are_a_stop_of_their_own():
    text = ("President Tomas Varga landed in Sweden on Monday and held talks with President Anna Berg. "
            "Earlier in the day, Varga met Chancellor Karl Vogel in Vienna.")
    visits = [e for e in run(text, STOP_PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    hosts = sorted(p.name for e in visits for p in e.participants if p.role == "host")
    assert hosts == ["Austria", "Sweden"]


def test_talks_at_the_travellers_destination_add_no_second_visit():
    text = ("President Tomas Varga landed in Sweden on Monday. "
            "Varga met President Anna Berg in Stockholm.")
    visits = [e for e in run(text, STOP_PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert len(visits) == 1


def test_a_host_looking_forward_to_welcoming_leaders_announces_a_meeting():
    text = ("President Anna Berg looks forward to welcoming President Tomas Varga and Prime Minister Oskar Dahl, "
            "her spokesman said in a statement.")
    meetings = [e for e in run(text, PEOPLE) if e.type == "meeting"]
    assert [e.status for e in meetings] == ["planned"]
    assert {"Tomas Varga", "Oskar Dahl"} <= {p.name for p in meetings[0].participants}


def test_looking_forward_to_talks_one_day_is_a_hope_not_a_plan():
    text = "President Anna Berg said she looks forward to talks with President Tomas Varga on energy."
    assert [e for e in run(text, PEOPLE) if e.type == "meeting"] == []


def test_we_and_him_in_words_a_leader_is_quoted_saying_are_the_speaker_and_the_guest():
    text = ("President Tomas Varga will pay an official visit to Stockholm next week. "
            "\u201cWe will receive him at the palace,\u201d Berg told reporters on Friday.")
    meetings = [e for e in run(text, PEOPLE) if e.type == "meeting"]
    assert [(e.status, roles(e)) for e in meetings] == [
        ("planned", {"Anna Berg": "host", "Tomas Varga": "visitor"})]


def test_a_quoted_we_with_no_named_speaker_is_nobody():
    text = ("President Tomas Varga will pay an official visit to Stockholm next week. "
            "\u201cWe will receive him at the palace,\u201d officials told reporters.")
    assert [e for e in run(text, PEOPLE) if e.type == "meeting"] == []


def test_leaders_who_have_since_met_sum_up_the_past():
    text = "President Anna Berg and President Tomas Varga have since met in several other capitals."
    assert run(text, PEOPLE) == []


def test_expected_to_arrive_in_a_capital_is_a_planned_visit():
    text = "President Tomas Varga is expected to arrive in Stockholm on Wednesday to meet President Anna Berg."
    visits = [e for e in run(text, PEOPLE, [("Wednesday", "2024-03-06")], published=date(2024, 3, 5)) if e.type == "visit"]
    assert [(e.status, e.location["country"]) for e in visits] == [("planned", "SWE")]


def test_the_top_diplomats_of_named_states_are_their_ministers_named_before():
    lund = ("p8", "person", "Eva Lund", "SWE", ["Foreign Minister"], ["Foreign Minister Eva Lund", "Lund"])
    kiss = ("p9", "person", "Janos Kiss", "HUN", ["Foreign Minister"], ["Foreign Minister Janos Kiss", "Kiss"])
    text = ("Swedish Foreign Minister Eva Lund spoke to reporters in Nairobi on Monday. "
            "Hungarian Foreign Minister Janos Kiss arrived later. "
            "The top diplomats of Sweden and Hungary are scheduled to hold talks in Nairobi today.")
    events = run(text, PEOPLE + [lund, kiss], [("Monday", "2024-03-04")])
    talks = [e for e in events if e.type == "meeting"]
    assert talks and {p.name for p in talks[0].participants} == {"Eva Lund", "Janos Kiss"}


def test_discussions_with_a_leader_on_another_day_are_talks_of_their_own():
    text = ("President Tomas Varga will hold talks with President Anna Berg in Stockholm on Monday. "
            "On Tuesday, Berg intends to hold further one-to-one discussions with Varga at her country house.")
    events = run(text, PEOPLE, [("Monday", "2024-03-11"), ("Tuesday", "2024-03-12")])
    meetings = sorted(str(e.date.value) for e in events if e.type == "meeting")
    assert meetings == ["2024-03-11", "2024-03-12"]


def test_a_trilateral_exchange_adds_a_third_side_to_the_latest_talks():
    union = ("p10", "person", "Maria Stern", "EU", ["President of the European Commission"],
             ["Maria Stern", "Stern"])
    text = ("President Tomas Varga will hold talks with President Anna Berg in Stockholm on Monday. "
            "Maria Stern will also be involved in a trilateral exchange in Stockholm.")
    events = run(text, PEOPLE + [union], [("Monday", "2024-03-11")])
    talks = sorted(sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting")
    assert talks == [["Anna Berg", "Maria Stern", "Tomas Varga"], ["Anna Berg", "Tomas Varga"]]


def test_a_cellphone_dialog_or_telephone_exchange_is_a_phone_call():
    for text in ("President Anna Berg held a frank cellphone dialog with President Tomas Varga.",
                 "President Anna Berg and President Tomas Varga had a serious telephone exchange."):
        assert [e.type for e in run(text, PEOPLE)] == ["phone_call"], text


def test_a_joint_statement_expected_to_be_signed_is_a_planned_agreement():
    text = "During the day, a Sweden-Hungary joint statement on trade is expected to be formally signed."
    events = run(text, PEOPLE)
    assert [(e.type, e.status) for e in events] == [("agreement", "planned")]
    assert {p.country for p in events[0].participants} == {"SWE", "HUN"}


def test_a_name_of_no_state_does_not_keep_a_visitors_talks_with_two_hosts_together():
    paper = ("p11", "person", "Daily Courier", None, [], ["Daily Courier"])
    text = ("President Tomas Varga will travel to Sweden next week. According to the Daily Courier, on Monday, "
            "Varga will be officially received by Prime Minister Lena Holm, followed by talks with President Anna Berg.")
    events = run(text, PEOPLE + [paper], [("Monday", "2024-03-11")])
    pairs = sorted(sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting")
    assert pairs == [["Anna Berg", "Tomas Varga"], ["Lena Holm", "Tomas Varga"]]


def test_leaders_witnessing_an_exchange_of_documents_is_their_agreement_on_the_day_of_their_talks():
    text = ("President Anna Berg held talks with President Tomas Varga in Stockholm on Monday. "
            "The two presidents then looked on during an exchange of signed documents, among them a trade pact.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    deals = [e for e in events if e.type == "agreement"]
    assert deals and {p.name for p in deals[0].participants} == {"Anna Berg", "Tomas Varga"}
    assert deals[0].date.value == date(2024, 3, 4)


def test_a_list_run_into_the_next_line_leaves_that_lines_plural_subject_its_own():
    # the parse as the parser gives it when a list item without a full stop runs into
    # the next line: the verb's subject is taken from the list item
    from spacy.tokens import Doc
    from readouts.annotate import load_nlp
    from readouts.events.mentions import _plural_anaphor_subject
    from readouts.events.triggers import Trigger
    words = ["i.", "Handing", "over", "\n\n", "The", "two", "presidents", "also", "witnessed", "the", "exchange", "of",
             "documents", ":"]
    heads = [1, 8, 1, 2, 6, 6, 8, 8, 8, 10, 8, 10, 11, 8]
    deps = ["dep", "nsubj", "prep", "dep", "det", "nummod", "npadvmod", "advmod", "ROOT", "det", "dobj", "prep",
            "pobj", "punct"]
    pos = ["X", "VERB", "ADP", "SPACE", "DET", "NUM", "NOUN", "ADV", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    line = doc[4:14]
    exchange = doc[10]
    trigger = Trigger("agreement", exchange.idx, exchange.idx + len("exchange"), exchange, line)
    assert _plural_anaphor_subject(trigger)


def test_the_last_leader_to_visit_a_state_years_ago_is_history():
    text = "The last Hungarian president to visit Sweden was Tomas Varga in September 2016."
    assert [e for e in run(text, PEOPLE) if e.type == "visit"] == []


def test_leaving_home_on_a_day_is_the_same_trip_not_another():
    text = ("President Tomas Varga will visit Sweden next week. "
            "The agency announced the visit, saying Varga would leave Hungary on Sunday.")
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert len(visits) == 1


def test_a_capital_by_its_older_name_is_still_the_capital():
    from readouts.events.places import resolve_place
    assert resolve_place("Kiev")["country"] == "UKR"
    assert resolve_place("Bombay")["country"] == "IND"
    assert resolve_place("White House") is None


def test_people_of_other_states_than_the_visits_destination_are_its_visitors():
    from readouts.events.programme import visitors_and_host_state
    from readouts.records import Participant
    people = [Participant(name="Anna Berg", title=None, country="SWE", role="participant", actor_key="p1", kind="person"),
              Participant(name="Tomas Varga", title=None, country="HUN", role="participant", actor_key="p2", kind="person")]
    out = visitors_and_host_state(people, {"name": "Nairobi", "country": "KEN"})
    assert {(p.name, p.role) for p in out} == {("Anna Berg", "visitor"), ("Tomas Varga", "visitor"), ("Kenya", "host")}


def test_arriving_in_the_capital_of_a_state_named_by_its_demonym_is_a_visit():
    text = "President Tomas Varga arrived in the Swedish capital on Wednesday for talks on trade."
    visits = [e for e in run(text, PEOPLE, [("Wednesday", "2024-03-06")]) if e.type == "visit"]
    assert visits and roles(visits[0]) == {"Tomas Varga": "visitor", "Sweden": "host"}


def test_a_discussion_between_the_people_of_a_phone_call_is_that_call():
    text = ("President Anna Berg has confirmed her discussion with President Tomas Varga. "
            "Her spokesperson said on Thursday that Berg had a telephone discussion with Varga on Wednesday.")
    events = run(text, PEOPLE, [("Wednesday", "2024-03-06")], published=date(2024, 3, 7))
    assert [e.type for e in events] == ["phone_call"]


def test_a_call_with_a_third_side_is_another_call():
    text = ("Berg had a telephone discussion with President Tomas Varga on Wednesday. "
            "Berg also had a call with Varga and Prime Minister Oskar Dahl a few weeks ago.")
    dahl = ("p4", "person", "Oskar Dahl", "NOR", ["Prime Minister"], ["Prime Minister Oskar Dahl", "Dahl"])
    people = [BERG, VARGA, dahl]
    events = run(text, people, [("Wednesday", "2024-03-06")], published=date(2024, 3, 7))
    calls = sorted(sorted(p.name for p in e.participants) for e in events if e.type == "phone_call")
    assert calls == [["Anna Berg", "Oskar Dahl", "Tomas Varga"], ["Anna Berg", "Tomas Varga"]]


def test_what_talks_discussed_is_their_topic_not_a_side():
    kenya = ("KEN", "state", "Kenya", "KEN", [], ["Kenya"])
    text = "Meanwhile, discussions with President Tomas Varga discussed oil prices and the Kenya conflict."
    for event in run(text, PEOPLE + [kenya]):
        assert "Kenya" not in {p.name for p in event.participants}


def test_a_visit_made_at_someones_invitation_is_done_not_planned():
    text = ("President Tomas Varga left Stockholm on Wednesday, concluding his successful two-day state visit "
            "to Sweden. The trip was made at the invitation of President Anna Berg and Prime Minister Lena Holm.")
    visits = [e for e in run(text, PEOPLE, [("Wednesday", "2024-03-06")]) if e.type == "visit"]
    assert [e.status for e in visits] == ["occurred"]


def test_being_invited_to_visit_is_still_a_plan():
    text = "President Tomas Varga has been invited to visit Sweden by President Anna Berg."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert [e.status for e in visits] == ["planned"]


def test_the_two_sides_of_a_visit_are_its_visitor_and_host_not_other_states_named_beside():
    kenya = ("KEN", "state", "Kenya", "KEN", [], ["Kenya"])
    text = ("President Tomas Varga arrived on a visit to Sweden on Monday, following Sweden's move to bolster "
            "ties with Kenya. The two sides signed several agreements.")
    events = run(text, PEOPLE + [kenya], [("Monday", "2024-03-04")])
    deals = [e for e in events if e.type == "agreement"]
    assert deals and {p.country for p in deals[0].participants} == {"HUN", "SWE"}


def test_a_participle_clause_takes_the_date_of_the_verb_it_hangs_from():
    text = "President Tomas Varga visited Sweden in June 2022, signing a fisheries accord with President Anna Berg."
    events = run(text, PEOPLE, [("June 2022", "2022-06")], published=date(2024, 3, 6))
    assert [e for e in events if e.type == "agreement"] == []  # history, like the visit


def test_someone_met_during_his_visit_is_not_the_visitor():
    ek = ("p12", "person", "Jan Ek", None, ["Foreign Secretary"], ["Foreign Secretary Jan Ek", "Ek"])
    text = ("President Tomas Varga is on an official visit to Sweden until Friday. "
            "On reaching Stockholm on the first day of his visit, Tomi met Foreign Secretary Jan Ek.")
    visits = [e for e in run(text, PEOPLE + [ek]) if e.type == "visit"]
    assert [sorted(p.name for p in e.participants) for e in visits] == [["Sweden", "Tomas Varga"]]


def test_he_stands_for_the_latest_subject_not_the_latest_name():
    pope = ("p14", "person", "Pius Marr", "VAT", ["Pope"], ["Pope Pius Marr", "Marr"])
    text = ("President Tomas Varga first visited Rome on Monday for talks with Pope Pius Marr. "
            "Varga then travelled to Stockholm on Tuesday, where he met with officials including President Anna Berg.")
    events = run(text, PEOPLE + [pope], [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")])
    pairs = [sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting"]
    assert ["Anna Berg", "Tomas Varga"] in pairs and ["Anna Berg", "Pius Marr"] not in pairs


def test_a_surname_the_recogniser_missed_is_the_person_named_before():
    fenwick = ("p13", "person", "Lars Fenwick", "SWE", ["President"], ["President Lars Fenwick"])
    text = ("President Lars Fenwick welcomed President Tomas Varga on Monday. "
            "On Thursday, Fenwick will host talks with Prime Minister Oskar Dahl.")
    events = run(text, [fenwick, VARGA, DAHL], [("Monday", "2024-03-04"), ("Thursday", "2024-03-07")])
    pairs = [sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting"]
    assert ["Lars Fenwick", "Oskar Dahl"] in pairs


def test_his_in_a_who_clause_is_the_person_the_clause_is_about():
    text = ("President Anna Berg will share the limelight with President Tomas Varga, "
            "who is set to begin his first trip to Sweden since 2019.")
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert visits and {p.name for p in visits[0].participants if p.role == "visitor"} == {"Tomas Varga"}


def test_meetings_with_named_people_are_an_event_not_a_practice():
    text = "President Tomas Varga first visited Stockholm on Monday for meetings with President Anna Berg."
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert any(e.type == "meeting" and {"Anna Berg", "Tomas Varga"} <= {p.name for p in e.participants}
               for e in events)
    assert [e for e in run("Frequent meetings keep the two sides close.", PEOPLE) if e.type == "meeting"] == []


def test_a_visitor_named_only_as_visiting_has_no_second_trip_in_the_same_state():
    ek = ("p12", "person", "Jan Ek", None, ["Foreign Secretary"], ["Foreign Secretary Jan Ek", "Ek"])
    text = ("President Tomas Varga, who is visiting Sweden, met President Anna Berg on Monday. "
            "On reaching Stockholm on the first day of his visit, Varga met Foreign Secretary Jan Ek. "
            "Besides the formal programme, he will also visit Uppsala and Lund during his stay.")
    visits = [e for e in run(text, PEOPLE + [ek], [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert len(visits) == 1 and visits[0].status == "occurred"


def test_her_in_a_phrase_before_the_subject_stands_for_that_subject():
    mahl = ("p15", "person", "Karl Mahl", "HUN", ["Foreign Minister"], ["Foreign Minister Karl Mahl", "Mahl"])
    jay = ("p16", "person", "Sven Jay", "NOR", ["Foreign Minister"], ["Foreign Minister Sven Jay", "Jay"])
    text = ("Foreign Minister Karl Mahl joined the delegation of President Anna Berg in Stockholm yesterday. "
            "During her meeting with Foreign Minister Sven Jay last evening, Berg called for sustained dialogue.")
    events = [e for e in run(text, PEOPLE + [mahl, jay]) if e.type == "meeting"]
    assert events and {p.name for p in events[0].participants} == {"Anna Berg", "Sven Jay"}


def test_an_account_of_a_past_trip_runs_on_without_dates():
    text = ("President Anna Berg welcomed President Tomas Varga in Stockholm on Monday. "
            "In January, Varga paid a two-day working visit to Kenya. "
            "Varga met Prime Minister Oskar Dahl there, and discussed regional issues. "
            "On his way back following his visit to Kenya, Varga said the two states would cooperate.")
    kenya = ("KEN", "state", "Kenya", "KEN", [], ["Kenya"])
    events = run(text, PEOPLE + [kenya], [("Monday", "2024-03-04"), ("January", "2024-01")], published=date(2024, 3, 5))
    assert all("Oskar Dahl" not in {p.name for p in e.participants} for e in events)
    assert all(e.location is None or e.location.get("country") != "KEN" for e in events)


def test_the_subject_of_be_is_no_side_of_talks_deep_in_its_complement():
    text = "Sweden and Hungary are members of the grain exporters' club, central to international discussions on food prices."
    assert [e for e in run(text, PEOPLE) if e.type == "meeting"] == []


def test_someone_at_the_talks_is_still_their_side():
    text = "President Anna Berg was at the talks with President Tomas Varga on Monday."
    events = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert events and {p.name for p in events[0].participants} == {"Anna Berg", "Tomas Varga"}


def test_a_visit_dated_by_an_earlier_office_start_starts_no_account_of_the_past():
    text = ("President Tomas Varga is on a state visit to Sweden from March 4 to March 6. "
            "This is the first visit of Varga to Sweden after assuming office in September. "
            "After arriving in Stockholm, Varga also met Prime Minister Lena Holm.")
    events = run(text, PEOPLE, [("March 4", "2024-03-04"), ("September", "2023-09")], published=date(2024, 3, 5))
    assert any(e.type == "meeting" and "Lena Holm" in {p.name for p in e.participants} for e in events)


def test_talks_something_came_ahead_of_are_still_to_come():
    text = ("President Anna Berg welcomed President Tomas Varga at her residence on Monday "
            "ahead of official talks in Stockholm on Tuesday.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")], published=date(2024, 3, 4))
    assert ("meeting", "planned") in {(e.type, e.status) for e in events}


def test_ministers_reading_out_their_leaders_letters_are_not_the_senders():
    lund = ("p8", "person", "Eva Lund", "SWE", ["Foreign Minister"], ["Foreign Minister Eva Lund", "Lund"])
    kiss = ("p9", "person", "Janos Kiss", "HUN", ["Foreign Minister"], ["Foreign Minister Janos Kiss", "Kiss"])
    text = ("President Anna Berg and President Tomas Varga exchanged letters on Monday to mark 30 years of ties. "
            "At the two events, Foreign Minister Eva Lund and Foreign Minister Janos Kiss read congratulatory "
            "letters from their respective presidents.")
    events = run(text, PEOPLE + [lund, kiss], [("Monday", "2024-03-04")])
    assert all({"Eva Lund", "Janos Kiss"}.isdisjoint(p.name for p in e.participants) for e in events)


def test_a_visit_naming_its_traveller_but_no_place_goes_where_the_traveller_held_talks():
    text = ("President Anna Berg held talks with President Tomas Varga in Budapest on Monday. "
            "Berg said this during her first foreign visit since taking office.")
    visits = [e for e in run(text, PEOPLE, [("Monday", "2024-03-04")]) if e.type == "visit"]
    assert [roles(v) for v in visits] == [{"Anna Berg": "visitor", "Hungary": "host"}]


def test_a_reception_away_from_the_arrival_is_an_audience_of_its_own():
    kovacs = ("p5", "person", "Peter Kovacs", "HUN", ["Foreign Minister"], ["Foreign Minister Peter Kovacs", "Kovacs"])
    text = ("Prime Minister Lena Holm held talks with Foreign Minister Peter Kovacs in Budapest on Monday. "
            "Later the same day, President Tomas Varga received Holm at his palace.")
    meetings = [e for e in run(text, PEOPLE + [kovacs], [("Monday", "2024-03-04")]) if e.type == "meeting"]
    assert sorted(sorted(roles(m)) for m in meetings) == [["Lena Holm", "Peter Kovacs"], ["Lena Holm", "Tomas Varga"]]


def test_the_foreign_ministers_of_two_states_are_not_their_other_officials():
    adviser = ("p6", "person", "Ola Strand", "SWE", ["National Security Adviser"], ["Ola Strand", "Strand"])
    envoy = ("p7", "person", "Imre Bak", "HUN", ["Ambassador"], ["Imre Bak", "Bak"])
    text = ("Ola Strand and Imre Bak signed the accord in Vienna on Monday. "
            "The foreign ministers of Sweden and Hungary are expected to meet next month.")
    planned = [e for e in run(text, PEOPLE + [adviser, envoy], [("Monday", "2024-03-04")]) if e.status == "planned"]
    assert all("Ola Strand" not in roles(e) for e in planned)


def test_a_visit_told_in_the_past_is_done_though_an_invitation_is_named():
    text = "Invited by President Anna Berg, President Tomas Varga visited Sweden last week."
    visits = [e for e in run(text, PEOPLE) if e.type == "visit"]
    assert [e.status for e in visits] == ["occurred"]


STERN = ("p10", "person", "Maria Stern", "EU", ["President of the European Commission"], ["Maria Stern", "Stern"])


def test_talks_that_will_also_include_someone_are_a_widened_meeting_beside_the_two_sides_own():
    text = ("President Tomas Varga arrived in Sweden on Sunday. On Monday, he will hold discussions in "
            "Stockholm with President Anna Berg, which will also include Commission head Maria Stern.")
    events = run(text, PEOPLE + [STERN], [("Sunday", "2024-03-10"), ("Monday", "2024-03-11")],
                 published=date(2024, 3, 11))
    talks = sorted(sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting")
    assert talks == [["Anna Berg", "Maria Stern", "Tomas Varga"], ["Anna Berg", "Tomas Varga"]]
    assert {str(e.date.value) for e in events if e.type == "meeting"} == {"2024-03-11"}


def test_talks_that_will_include_someone_take_that_person_as_a_party():
    text = ("President Tomas Varga will hold talks with President Anna Berg on Monday, "
            "which will include Commission head Maria Stern.")
    events = run(text, PEOPLE + [STERN], [("Monday", "2024-03-11")])
    talks = [sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting"]
    assert talks == [["Anna Berg", "Maria Stern", "Tomas Varga"]]


def test_a_visit_that_also_includes_other_states_adds_no_party_to_talks():
    text = ("President Tomas Varga met President Anna Berg in Stockholm on a tour that will also include "
            "Norway and Denmark.")
    events = run(text, PEOPLE, [])
    talks = [sorted(p.name for p in e.participants if p.kind == "person") for e in events if e.type == "meeting"]
    assert talks == [["Anna Berg", "Tomas Varga"]]


def test_an_outing_of_the_two_leaders_is_a_meeting_of_theirs_on_its_own_day():
    text = ("President Tomas Varga will be received on Monday by President Anna Berg in Stockholm. "
            "On Tuesday, the two couples will go to the lakes of the north, where Berg wants to spend "
            "a quieter day with her guest.")
    events = run(text, PEOPLE, [("Monday", "2024-03-11"), ("Tuesday", "2024-03-12")], published=date(2024, 3, 6))
    meetings = sorted((str(e.date.value), e.status, tuple(sorted(p.name for p in e.participants if p.kind == "person")))
                      for e in events if e.type == "meeting")
    assert meetings == [("2024-03-11", "planned", ("Anna Berg", "Tomas Varga")),
                        ("2024-03-12", "planned", ("Anna Berg", "Tomas Varga"))]


def _meetings(events):
    return sorted((str(e.date.value), e.status, tuple(sorted(p.name for p in e.participants if p.kind == "person")))
                  for e in events if e.type == "meeting")


def test_two_leaders_signing_agreements_on_a_visit_held_talks_that_day():
    text = ("President Tomas Varga and President Anna Berg signed five agreements at the royal palace "
            "in Stockholm on Monday, during Varga's first official visit to Sweden.")
    events = run(text, PEOPLE, [("Monday", "2024-03-04")])
    assert sorted(e.type for e in events) == ["agreement", "meeting", "visit"]
    assert _meetings(events) == [("2024-03-04", "occurred", ("Anna Berg", "Tomas Varga"))]


def test_a_signing_during_a_visit_the_article_tells_is_also_the_leaders_talks():
    text = ("President Tomas Varga arrived in Sweden on Sunday for a state visit. On Monday, Varga and "
            "President Anna Berg signed ten cooperation agreements.")
    events = run(text, PEOPLE, [("Sunday", "2024-03-03"), ("Monday", "2024-03-04")])
    assert _meetings(events) == [("2024-03-04", "occurred", ("Anna Berg", "Tomas Varga"))]


def test_a_signing_adds_no_talks_where_the_article_tells_them_or_no_visit():
    told = ("President Tomas Varga held talks with President Anna Berg in Stockholm on Monday. "
            "Varga and Berg then signed five agreements in Stockholm.")
    assert len(_meetings(run(told, PEOPLE, [("Monday", "2024-03-04")]))) == 1
    unplaced = "President Tomas Varga and President Anna Berg have signed a treaty on river traffic."
    assert _meetings(run(unplaced, PEOPLE)) == []
