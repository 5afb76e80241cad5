"""Dates stage: time expressions (extent, type, value) and event dating.

Every text here is written for these tests; the seed cases read ../shared/seeds
and skip when it is absent.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from readouts.dates import event_date, reported_date, tag, tag_text
from readouts.timex import calendar as cal

from conftest import SEEDS

SATURDAY = date(2023, 5, 6)


def found(text: str, published: date | None = SATURDAY) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag_text(text, published)}


# ------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("The accord was signed on 28th Feb, 2024 in the capital.", "28th Feb, 2024", "2024-02-28"),
        ("Talks were held on May 06, 2023 in the capital.", "May 06, 2023", "2023-05-06"),
        ("The statement is dated 2021-10-26 and was posted online.", "2021-10-26", "2021-10-26"),
        ("The two sides first met in 2015 at a summit.", "2015", "2015"),
        ("The treaty came into force in March 1999.", "March 1999", "1999-03"),
        ("Trade grew quickly during the 1990s.", "the 1990s", "199"),
        ("Exports rose in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3"),
        ("The pact was renewed in the summer of 2019.", "the summer of 2019", "2019-SU") ,
    ],
)
def test_absolute_dates(text, expression, value):
    result = found(text)
    key = expression if expression in result else expression.removeprefix("the ")
    assert key in result, result
    assert result[key][1] == value


def test_time_of_day_with_date():
    result = found("The statement was issued at 2021-10-26 19:13 local time.")
    assert result["2021-10-26 19:13"] == ("TIME", "2021-10-26T19:13")


def test_clock_time_takes_the_weekday_date():
    result = found("The delegation landed at 10 p.m. Wednesday after a long flight.")
    assert result["10 p.m. Wednesday"] == ("TIME", "2023-05-03T22:00")


# ------------------------------------------------------------- relative dates


def test_weekday_in_past_tense_is_the_most_recent_such_day():
    assert found("The ministers met on Friday in the capital.")["Friday"] == ("DATE", "2023-05-05")


def test_weekday_equal_to_publication_day_is_that_day():
    assert found("The envoy arrived on Saturday for talks.")["Saturday"] == ("DATE", "2023-05-06")


@pytest.mark.parametrize("text", [
    "The two ministers will meet on Friday in the capital.",
    "The delegation is scheduled to arrive on Friday.",
    "The president is due to travel to the region on Friday.",
])
def test_weekday_in_future_clause_is_the_next_such_day(text):
    assert found(text)["Friday"] == ("DATE", "2023-05-12")


def test_future_weekday_equal_to_publication_day_is_that_day():
    # Saturday's paper: "will meet on Saturday" is today; "next Saturday" a week on
    assert found("The two ministers will meet on Saturday in the capital.")["Saturday"] == ("DATE", "2023-05-06")
    assert found("The two ministers will meet next Saturday.")["next Saturday"] == ("DATE", "2023-05-13")


@pytest.mark.parametrize(
    "text, published, expression, value",
    [
        # both readings are days: the one nearer the page's date wins
        ("Posted 9/05/2023 at noon.", date(2023, 5, 9), "9/05/2023", "2023-05-09"),
        ("Posted 5/09/2023 at noon.", date(2023, 5, 9), "5/09/2023", "2023-05-09"),
        ("Posted 25/04/2023 at noon.", SATURDAY, "25/04/2023", "2023-04-25"),
        ("The envoys talked late on June.3 in the port city.", date(2023, 6, 4), "June.3", "2023-06-03"),
        ("The tour runs on 10-12 May, 2023 across the region.", SATURDAY, "10-12 May, 2023", "2023-05-10"),
        ("The minister travels on Aug. 2-5 to three capitals.", SATURDAY, "Aug. 2-5", "2023-08-02"),
        ("The guests are due on Monday 8 for a state dinner.", SATURDAY, "Monday 8", "2023-05-08"),
    ],
)
def test_news_date_formats(text, published, expression, value):
    assert found(text, published)[expression][1] == value


def test_possessive_weekday_is_not_pushed_forward_by_a_later_infinitive():
    result = found("Lawyers will look for ways to get around Wednesday's ruling.")
    assert result["Wednesday"][1] == "2023-05-03"


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("The minister visited the port today.", "today", "2023-05-06"),
        ("The minister visited the port yesterday.", "yesterday", "2023-05-05"),
        ("The minister will visit the port tomorrow.", "tomorrow", "2023-05-07"),
        ("The envoys met last week to prepare the visit.", "last week", "2023-W17"),
        ("Earlier this month the two sides signed a protocol.", "Earlier this month", "2023-05"),
        ("A new round of talks is planned for next month.", "next month", "2023-06"),
        ("Trade fell last year but recovered this year.", "last year", "2022"),
        ("Trade fell last year but recovered this year.", "this year", "2023"),
        ("The delegation left two days ago.", "two days ago", "2023-05-04"),
        ("The agreement was signed in March.", "March", "2023-03"),
        ("The two leaders will meet again in July.", "July", "2023-07"),
        ("The delegation visited in November.", "November", "2022-11"),
        ("The ministers met on May 2 to review the corridor.", "May 2", "2023-05-02"),
        ("The corridor should be finished by the end of the year.", "the end of the year", "2023"),
        ("The envoys will meet over the weekend.", "the weekend", "2023-W18-WE"),
        ("The treaty was signed on Christmas Day.", "Christmas Day", "2022-12-25"),
    ],
)
def test_relative_expressions(text, expression, value):
    result = found(text)
    assert expression in result, result
    assert result[expression][1] == value


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("Both countries now trade more than before.", "now", "PRESENT_REF"),
        ("The port is currently being expanded.", "currently", "PRESENT_REF"),
        ("Ties have deepened in recent years.", "recent years", "PAST_REF"),
        ("The committee meets every week.", "every week", "P1W"),
    ],
)
def test_reference_words_and_sets(text, expression, value):
    assert found(text)[expression][1] == value


def test_the_past_seventy_years_is_a_duration_with_its_determiner():
    result = found("Relations have stood firm over the past 70 years.")
    assert result["the past 70 years"] == ("DURATION", "P70Y")


def test_fractional_and_hyphenated_durations():
    result = found("The talks lasted 2 1/2 years, and the day-long session ended a decades-long dispute.")
    assert result["2 1/2 years"] == ("DURATION", "P2Y6M")
    assert result["day-long"] == ("DURATION", "P1D")
    assert result["decades-long"] == ("DURATION", "PXDE")


def test_durations_and_rates():
    result = found("The two-day visit ended after nearly three hours of talks, and fees are $5 a year.")
    assert result["two-day"] == ("DURATION", "P2D")
    assert result["nearly three hours"] == ("DURATION", "PT3H")
    assert result["a year"] == ("SET", "P1Y")


# ------------------------------------------------------------- not dates


def test_anniversary_ordinals_and_person_names_are_not_dates():
    text = ("Sun Wei, the envoy, spoke at the 70th anniversary of the founding. "
            "May Chen also attended the 100th anniversary celebration.")
    result = tag_text(text, SATURDAY)
    assert not any("Sun" in t.text or "70th" in t.text or "100th" in t.text or "May" in t.text
                   for t in result), result


def test_modal_may_march_and_august_are_not_dates():
    text = "The ministers may march to the august hall, and protesters held a march."
    assert tag_text(text, SATURDAY) == []


def test_ages_are_not_years():
    assert "44" not in found("The suspect, 44, was detained by the police.")


# ------------------------------------------------------------- no publication date


def test_without_publication_date_relative_values_stay_unresolved():
    # (a page stating a full day resolves its weekdays on it: see resolve_undated below)
    result = found("The ministers met on Friday and will talk again next month. "
                   "They first met in October 2021.", published=None)
    assert result["Friday"] == ("DATE", "XXXX-WXX-5")
    assert result["next month"] == ("DATE", "XXXX-XX")
    assert result["October 2021"] == ("DATE", "2021-10")


def test_anchored_flag_marks_values_computed_from_publication():
    result = {t.text: t.anchored for t in tag_text("On Friday and on May 21, 2021 they met.", SATURDAY)}
    assert result == {"Friday": True, "May 21, 2021": False}


def test_offsets_point_into_the_text():
    text = "Officials said on Wednesday that talks would resume in June."
    for t in tag_text(text, SATURDAY):
        assert text[t.start : t.end] == t.text


# ------------------------------------------------------------- calendar helpers


def test_weekday_date_directions():
    assert cal.weekday_date(SATURDAY, 6, "past") == SATURDAY
    assert cal.weekday_date(SATURDAY, 6, "future") == date(2023, 5, 13)
    assert cal.weekday_date(SATURDAY, 1, "present") == date(2023, 5, 8)


def test_value_range_precision():
    assert cal.value_range("2021-10") == (date(2021, 10, 1), date(2021, 10, 31), "month")
    assert cal.value_range("2023-W17")[2] == "unknown"
    assert cal.value_range("P70Y") is None


# ------------------------------------------------------------- event dating


def _event(nlp, text: str, trigger_word: str, published: date):
    doc = nlp(text)
    timexes = tag(doc, published)
    return event_date(doc, 0, len(text), timexes, published, trigger=text.index(trigger_word))


def test_meeting_dated_by_its_own_phrase(nlp):
    text = "At a meeting with the visiting minister on Friday, the president said ties were strong."
    result = _event(nlp, text, "meeting", SATURDAY)
    assert result.value == date(2023, 5, 5) and result.basis == "relative"
    assert result.precision == "day"


@pytest.mark.parametrize("text", [
    "It was the first visit by a Danish premier since 2015.",
    "The envoys met until Friday without an agreement.",
    "The ministers met after Thursday's vote in parliament.",
])
def test_a_bounding_date_does_not_date_the_action(nlp, text):
    trigger = "visit" if "visit" in text else "met"
    assert _event(nlp, text, trigger, SATURDAY).value is None


def test_a_bare_participle_takes_the_time_of_its_clause():
    found_ = found("The premier will begin a three-day tour starting Tuesday in the north.")
    assert found_["Tuesday"][1] == "2023-05-09"


def test_call_not_dated_by_the_reporting_verb(nlp):
    text = ("The spokesperson said on Wednesday that during his phone call the president "
            "stressed cooperation.")
    result = _event(nlp, text, "call", date(2021, 10, 28))
    assert result.value is None and result.basis == "none"


def test_sentence_opening_date_frames_the_clause(nlp):
    text = "On May 21, 2021, the two presidents exchanged congratulatory messages."
    result = _event(nlp, text, "exchanged", date(2021, 5, 22))
    assert result.value == date(2021, 5, 21) and result.basis == "stated"


def test_light_verb_carries_the_date_of_a_noun_trigger(nlp):
    text = "The two leaders held talks in the capital on Tuesday."
    assert _event(nlp, text, "talks", SATURDAY).value == date(2023, 5, 2)


def test_week_dates_give_a_range(nlp):
    text = "He told reporters on Monday that the two sides met last week."
    result = _event(nlp, text, "met", SATURDAY)
    assert (result.value, result.end_value) == (date(2023, 4, 24), date(2023, 4, 30))
    assert result.evidence is not None and result.evidence.text == "last week"


def test_an_undated_action_is_dated_to_its_report_and_says_so():
    result = reported_date(SATURDAY)
    assert (result.value, result.precision, result.basis) == (SATURDAY, "day", "reported")
    assert reported_date(SATURDAY, "dateline").basis == "dateline"
    assert reported_date(None).value is None and reported_date(None).basis == "none"


# ------------------------------------------------------------- seed articles


def _seed(prefix: str) -> tuple[str, date | None]:
    """Body and publication date of a seed; seeds without a date header get None."""
    if not SEEDS.exists():
        pytest.skip("seed articles absent")
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} absent")
    text = path.read_text(encoding="utf-8")
    header = re.match(r"\s*date (\d{4}-\d{2}-\d{2})[^\n]*\n", text)
    if header is None:
        return text, None
    return text[header.end():], date.fromisoformat(header.group(1))


@pytest.fixture(scope="module")
def seeds():
    out = {}
    for prefix in ("000", "001", "002", "003"):
        try:
            body, published = _seed(prefix)
        except pytest.skip.Exception:
            continue
        out[prefix] = (body, published, tag_text(body, published))
    if not out:
        pytest.skip("seed articles absent")
    return out


def _values(seeds, prefix: str) -> dict[str, set[str]]:
    if prefix not in seeds:
        pytest.skip(f"seed {prefix} absent")
    values: dict[str, set[str]] = {}
    for t in seeds[prefix][2]:
        values.setdefault(t.text, set()).add(t.value)
    return values


@pytest.mark.shared
def test_seed_opening_date(seeds):
    assert "2021-05-21" in _values(seeds, "000")["May 21, 2021"]


@pytest.mark.shared
def test_seed_friday(seeds):
    assert "2023-05-05" in _values(seeds, "001")["Friday"]


@pytest.mark.shared
def test_seed_wednesday(seeds):
    assert _values(seeds, "002")["Wednesday"] == {"2021-10-27"}


@pytest.mark.shared
def test_seed_october_date(seeds):
    assert "2021-10-26" in _values(seeds, "003")["October 26, 2021"]


@pytest.mark.shared
def test_seed_durations_and_non_dates(seeds):
    for prefix in seeds:
        for t in seeds[prefix][2]:
            assert "anniversary" not in seeds[prefix][0][t.end : t.end + 14], t
            assert not t.text.startswith("Sun "), t
            if t.text == "the past 70 years":
                assert (t.type, t.value) == ("DURATION", "P70Y")
    assert "the past 70 years" in _values(seeds, "000")


def test_opening_date_of_a_report_does_not_date_the_reported_meeting(nlp):
    text = "On Monday, the ministry said the two leaders met in the capital."
    assert _event(nlp, text, "met", SATURDAY).value is None


def test_opening_date_survives_header_lines_glued_to_the_sentence(nlp):
    text = "Posted 2021-05-22 08:00\n\nOn May 21, 2021, the two presidents exchanged messages."
    doc = nlp(text)
    timexes = tag(doc, date(2021, 5, 22))
    result = event_date(doc, 0, len(text), timexes, date(2021, 5, 22), trigger=text.index("exchanged"))
    assert result.value == date(2021, 5, 21)


@pytest.mark.shared
def test_seed_event_dates(nlp, seeds):
    """Seed 000 dates its message exchange by the opening date; 002 leaves the call undated."""
    for prefix, trigger_word, expected in (("000", "exchanged", date(2021, 5, 21)),
                                           ("002", "conversation", None)):
        if prefix not in seeds:
            continue
        body, published, _ = seeds[prefix]
        doc = nlp(body)
        timexes = tag(doc, published)
        i = body.index(trigger_word)
        sent = doc.char_span(i, i + 1, alignment_mode="expand").sent
        result = event_date(doc, sent.start_char, sent.end_char, timexes, published, trigger=i)
        assert result.value == expected, (prefix, result)


def test_distances_beyond_the_calendar_are_vague_references():
    from datetime import date as _date

    from readouts.dates import tag_text

    found = tag_text("People farmed this valley 7000 years ago.", _date(2011, 1, 25))
    assert [(t.type, t.value) for t in found] == [("DATE", "PAST_REF")]


# ------------------------------------------------- dating rules (our own sentences)


def test_a_date_between_subject_and_verb_dates_the_verb(nlp):
    text = "The foreign minister on Thursday (local time) arrived at the palace for the regional summit."
    assert _event(nlp, text, "arrived", SATURDAY).value == date(2023, 5, 4)


def test_a_conjunct_of_a_reporting_verb_is_not_reported(nlp):
    text = ("On Sunday evening, the premier landed in the capital hours after the trip was announced "
            "and was greeted at the airport by the foreign minister.")
    assert _event(nlp, text, "greeted", SATURDAY).value == date(2023, 4, 30)


def test_a_date_after_a_phrase_opened_by_a_boundary_word_is_not_the_verbs(nlp):
    text = "The president toured the old town with his guest ahead of formal talks in the palace on Tuesday."
    assert _event(nlp, text, "toured", SATURDAY).value is None


def test_a_coordinated_verb_sharing_the_subject_lends_its_date(nlp):
    text = "The minister will travel to the region and visit four countries from May 13 to 18, the ministry said."
    assert _event(nlp, text, "travel", SATURDAY).value == date(2023, 5, 13)


@pytest.mark.parametrize("text, trigger", [
    ("According to the newspaper, on May 14, the chancellor will receive the president with honours, "
     "followed by talks with the mayor.", "talks"),
    ("On the morning of 14 May 2023, the envoy arrived in the capital.", "arrived"),
])
def test_attribution_and_part_of_day_still_frame_the_clause(nlp, text, trigger):
    assert _event(nlp, text, trigger, SATURDAY).value == date(2023, 5, 14)


def test_an_undated_page_resolves_weekdays_on_the_latest_day_it_states(nlp):
    text = ("The president arrived in the capital on Wednesday. The border talks of October 7 were recalled. "
            "Photo: the two presidents in the capital, Feb. 14, 2024.")
    values = {t.text: (t.value, t.anchored) for t in tag(nlp(text), None)}
    assert values["Wednesday"] == ("2024-02-14", True)
    assert values["October 7"] == ("2023-10-07", True)  # the nearest October 7th
    when = event_date(nlp(text), 0, len(text), tag(nlp(text), None), None, trigger=text.index("arrived"))
    assert (when.value, when.basis) == (date(2024, 2, 14), "inferred")  # a guess, ranked below a report's day


def test_an_undated_page_stating_no_full_day_keeps_weekdays_open():
    assert found("The ministers met on Friday.", published=None)["Friday"] == ("DATE", "XXXX-WXX-5")


def test_a_conjunct_takes_the_date_of_the_verb_it_is_coordinated_with(nlp):
    text = ("The president welcomed the prime minister late on May 3 and toured him around his residence "
            "ahead of official talks in the palace on May 4.")
    assert _event(nlp, text, "welcomed", SATURDAY).value == date(2023, 5, 3)
    assert _event(nlp, text, "toured", SATURDAY).value == date(2023, 5, 3)


def test_a_date_the_parser_hangs_on_a_name_dates_the_verb(nlp):
    from spacy.tokens import Doc
    from readouts.timex.eventdate import _attachment
    # "Petrov welcomed Mehra late on Monday": the parse hangs "on Monday" on the guest
    words = ["Petrov", "welcomed", "Mehra", "late", "on", "Monday", "."]
    heads = [1, 1, 1, 4, 2, 4, 1]
    deps = ["nsubj", "ROOT", "dobj", "advmod", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "ADV", "ADP", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _attachment(doc[5]).text == "welcomed"


def test_a_conjunct_in_another_tense_keeps_no_date_of_its_neighbour(nlp):
    text = "The envoy arrived in the capital on Tuesday and will meet the president."
    assert _event(nlp, text, "meet", SATURDAY).value is None


def test_a_passive_infinitive_points_ahead_like_an_active_one():
    # published on 23 October: the summit "to be held" on the 26th is this year's
    result = found("The leaders discussed the regional summit to be held in the capital from October 26 to 28.",
                   published=date(2025, 10, 23))
    assert result["October 26"][1] == "2025-10-26"


def test_an_undated_page_keeps_the_weekday_it_could_not_place_as_evidence(nlp):
    # no publication date, no full day: no date, but "on Friday" stays as the
    # evidence merging places on the day other reports give (readouts.merge)
    text = "The two foreign ministers met in the capital on Friday."
    doc = nlp(text)
    when = event_date(doc, 0, len(text), tag(doc, None), None, trigger=text.index("met"))
    assert when.value is None and when.basis == "none"
    assert when.evidence is not None and when.evidence.text == "Friday"


def test_the_events_stage_keeps_the_unplaced_weekday_of_an_undated_page():
    # no publication date to fall back on: the event keeps "Friday" as its evidence
    from test_events import PEOPLE, run
    events = run("President Anna Berg met President Tomas Varga on Friday.", PEOPLE,
                 [("Friday", "XXXX-WXX-5")], published=None)
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.date.value is None and meeting.date.evidence.text == "Friday"


def test_a_day_without_its_year_is_read_from_its_words():
    from readouts.timex.lexicon import day_without_year
    assert day_without_year("Thursday, December 7") == (4, 12, 7)
    assert day_without_year("from 31st May") == (None, 5, 31)
    assert day_without_year("on Dec. 13") == (None, 12, 13)
    assert day_without_year("in May 2023") == (None, None, None)


def test_last_evening_is_the_evening_before_and_its_offset_is_read_back():
    from readouts.timex.lexicon import day_offset
    assert found("The two ministers met last evening.", published=date(2024, 6, 22))["last evening"] == \
        ("TIME", "2024-06-21TEV")
    assert found("The two ministers met last morning.", published=date(2024, 6, 22)).get("last morning") is None
    assert [day_offset(t) for t in ("last evening", "tomorrow", "this morning", "Friday")] == [-1, 1, 0, None]


def test_a_bare_weekday_of_the_publication_day_is_the_full_day_the_text_names_a_week_on():
    # Saturday's paper naming "Saturday 13 May": the bare "Saturday" later is that day
    text = ("The king is expected in the capital on Saturday 13 May for two days. "
            "The three leaders will hold a joint session on Saturday in the palace.")
    result = found(text)
    assert result["Saturday 13 May"][1] == "2023-05-13"
    assert result["Saturday"][1] == "2023-05-13"
    # without such a day, today stays the reading
    assert found("The three leaders will hold a joint session on Saturday.")["Saturday"][1] == "2023-05-06"



def test_a_reported_weekday_of_the_publication_day_stays_that_day():
    # the future rule above is for plans: a past "said on Saturday" is today's
    text = "The king is expected on Saturday 13 May, the palace said on Saturday."
    assert found(text)["Saturday"][1] == "2023-05-06"


def test_talks_of_a_visit_whose_last_day_the_lead_tells_are_not_dated_to_that_day():
    from readouts.events.dating import Lead, date_from_lead
    from readouts.events.drafts import Draft
    from readouts.events.participants import Party
    from readouts.records import Actor, EventDate, Mention

    def party(key, name, country):
        return Party(Actor(key, "person", name, country=country), Mention(0, 1, name, key), "object")

    guest, host = party("p1", "Ana Vel", "AAA"), party("p2", "Bo Rin", "BBB")
    last_day = EventDate(date(2024, 3, 6), "day", basis="relative")
    # "... left the capital on Wednesday, concluding a two-day visit"
    ending = Lead(last_day, {"p1"}, {"AAA"}, visit_day=2)
    talks = Draft("meeting", "occurred", 3, [], [guest, host], EventDate(None))
    date_from_lead([talks], ending)
    assert talks.date.value is None  # left to the visit's first day (date_from_visit)
    # a lead of an ordinary day still dates them
    date_from_lead([talks], Lead(last_day, {"p1"}, {"AAA"}))
    assert talks.date == last_day


def test_days_of_a_release_the_page_reproduces_count_from_the_release_not_the_page():
    text = ("Once the summit was over, the foreign ministry issued a press release.\n\n"
            "The two presidents held talks in the capital yesterday. They met again on Friday.")
    result = found(text)
    assert result["yesterday"][1] == "XXXX-XX-XX"
    assert result["Friday"][1] == "XXXX-WXX-5"
    # a statement the page only cites leaves the page's days alone
    cited = ("The two presidents held talks in the capital yesterday, the ministry said in a "
             "statement released on Friday.")
    assert found(cited)["yesterday"][1] == "2023-05-05"
