"""Tests of the people gazetteer and the reference tables behind the actors stage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from readouts.actors import GazetteerError, load_gazetteer
from readouts.actors.tables import countries, organisations, read_tsv, titles

DATA = Path(__file__).resolve().parents[1] / "src" / "readouts" / "data"
COVERED = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
           "ZAF", "KOR", "TUR", "GBR", "USA", "EU", "PAK", "AFG", "IRN", "BGD", "LKA", "NPL"]
HEAD_OFFICES = {"President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Emperor", "Supreme Leader",
                "Chief Adviser", "Caretaker Prime Minister", "Interim Prime Minister", "Acting President",
                "Acting Prime Minister", "President of the European Council", "President of the European Commission",
                "Chairman of the Interim Election Council", "Crown Prince"}
FOREIGN_OFFICES = {"Foreign Minister", "Secretary of State", "Foreign Secretary", "External Affairs Minister",
                   "Minister of International Relations and Cooperation", "Foreign Adviser", "Acting Foreign Minister",
                   "Caretaker Foreign Minister", "Adviser to the Prime Minister on Foreign Affairs",
                   "High Representative for Foreign Affairs and Security Policy"}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def terms_on(gazetteer, country: str, day: date) -> list:
    return [t for p in gazetteer.people.values() for t in p.terms if t.country == country and t.covers(day)]


def test_rows_are_well_formed(gazetteer):
    known = set(countries().countries) | set(organisations())
    for person in gazetteer.people.values():
        assert person.id.startswith("person:"), person.id
        for term in person.terms:
            assert term.country in known, (person.id, term.country)
            assert term.source, person.id
            assert term.office, person.id
            if term.start and term.end:
                assert term.start <= term.end, (person.id, term.office)


def test_terms_of_one_office_do_not_overlap(gazetteer):
    for person in gazetteer.people.values():
        by_office: dict[tuple, list] = {}
        for term in person.terms:
            if term.start:
                by_office.setdefault((term.office, term.country), []).append(term)
        for terms in by_office.values():
            terms.sort(key=lambda t: t.start)
            for earlier, later in zip(terms, terms[1:]):
                assert earlier.end is not None and earlier.end <= later.start, person.id


@pytest.mark.parametrize("day", [date(2011, 6, 1), date(2015, 6, 1), date(2019, 6, 1), date(2024, 6, 1)])
def test_every_covered_country_has_a_leader_on_the_day(gazetteer, day):
    missing = [c for c in COVERED if not any(t.office in HEAD_OFFICES for t in terms_on(gazetteer, c, day))]
    assert not missing


def test_every_covered_country_has_a_foreign_minister_in_2024(gazetteer):
    day = date(2024, 6, 1)
    missing = [c for c in COVERED if not any(t.office in FOREIGN_OFFICES for t in terms_on(gazetteer, c, day))]
    assert not missing


def test_one_prime_minister_at_a_time(gazetteer):
    for country in ("PAK", "IND", "GBR", "JPN", "NPL", "LKA"):
        for year in range(2011, 2025):
            day = date(year, 3, 1)
            heads = {t.person_id for t in terms_on(gazetteer, country, day) if t.office.endswith("Prime Minister")
                     and not t.office.startswith("Deputy")}
            assert len(heads) <= 1, (country, day, heads)


def test_office_on_date(gazetteer):
    xi = [t.office for t in gazetteer.terms_on("person:xi-jinping", date(2011, 1, 1))]
    assert xi == ["Vice President"]
    assert "President" in [t.office for t in gazetteer.terms_on("person:xi-jinping", date(2021, 5, 22))]
    assert gazetteer.country_of("person:donald-tusk", date(2016, 1, 1)) == "EU"
    assert gazetteer.country_of("person:donald-tusk", date(2024, 1, 1)) == "POL"


def test_lookup_aliases_accents_and_variants(gazetteer):
    assert gazetteer.lookup("Sergei Lavrov") == "person:sergey-lavrov"
    assert gazetteer.lookup("Recep Tayyip Erdogan") == gazetteer.lookup("Recep Tayyip Erdoğan")
    assert gazetteer.lookup("S. Jaishankar") == "person:subrahmanyam-jaishankar"
    assert gazetteer.lookup_variant("Zhao Lijiang") == "person:zhao-lijian"
    assert gazetteer.lookup_variant("Zhao Leji") is None  # not one edit from a known name
    assert gazetteer.lookup("Qureshi") is None  # common surname: no single-word alias


def test_user_file_adds_and_overrides(tmp_path):
    user = tmp_path / "extra.tsv"
    user.write_text(
        "id\tname\taliases\tcountry\toffice\tstart\tend\tsource\tnote\n"
        "person:ayesha-rahman\tAyesha Rahman\t\tBGD\tAmbassador to Japan\t2022-03\t\ttest row\t\n"
        "person:wang-yi\tWang Yi\t\tCHN\tDirector of the Foreign Affairs Commission Office\t2023-01-01\t\ttest row\t\n",
        encoding="utf-8",
    )
    merged = load_gazetteer(user)
    assert merged.lookup("Ayesha Rahman") == "person:ayesha-rahman"
    assert [t.office for t in merged.people["person:wang-yi"].terms] == [
        "Director of the Foreign Affairs Commission Office"
    ]
    assert merged.lookup("Sergei Lavrov") == "person:sergey-lavrov"  # built-in rows kept
    assert len(load_gazetteer().people["person:wang-yi"].terms) > 1  # the default is untouched


def test_user_file_errors(tmp_path):
    bad_date = tmp_path / "bad.tsv"
    bad_date.write_text(
        "id\tname\taliases\tcountry\toffice\tstart\tend\tsource\nperson:x\tX Y\t\tPAK\tMinister\t2020-13-01\t\ts\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError):
        load_gazetteer(bad_date)
    no_column = tmp_path / "short.tsv"
    no_column.write_text("id\tname\nperson:x\tX Y\n", encoding="utf-8")
    with pytest.raises(GazetteerError):
        load_gazetteer(no_column)
    with pytest.raises(GazetteerError):
        load_gazetteer(tmp_path / "absent.tsv")


def test_country_table():
    table = countries()
    assert table.iso3("Sino") is None and table.prefixes["Sino"] == "CHN"
    assert table.iso3("Islamabad") == "PAK"
    assert table.iso3("Kremlin") == "RUS"
    assert table.iso3("côte d'ivoire") == "CIV"
    assert len(table.countries) >= 195


def test_titles_table():
    table = titles()
    assert table["minister of foreign affairs"].normalised == "Foreign Minister"
    assert table["state councillor"].normalised == "State Councilor"
    assert table["spokesman"].role == "spokesperson"


def test_data_files_name_their_sources():
    for name in ("countries.tsv", "organisations.tsv", "titles.tsv", "gazetteer.tsv", "name_variants.tsv"):
        rows = read_tsv(DATA / name)
        assert rows and all(row.get("source") for row in rows), name


def test_every_word_list_says_where_it_comes_from():
    text = (DATA / "name_words.toml").read_text(encoding="utf-8")
    sections = text.split("\n[")[1:]
    assert len(sections) >= 8
    for section in sections:
        assert "Source:" in section, section.splitlines()[0]


def test_name_variants_never_map_one_spelling_to_two_names():
    seen: dict[str, str] = {}
    for row in read_tsv(DATA / "name_variants.tsv"):
        for spelling in [row["canonical"], *row["variants"].split("|")]:
            assert seen.setdefault(spelling, row["canonical"]) == row["canonical"], spelling


def test_international_officials_share_their_body_code():
    # one scheme: EU organs' staff are "EU", as event gold standards code them
    assert organisations()["EC"].affiliation == "EU"
    assert organisations()["EUCO"].affiliation == "EU"
    assert organisations()["NATO"].affiliation == "NATO"
    assert organisations()["CPC"].affiliation == "CHN"


def test_place_names_file_is_what_geonames_gives(tmp_path):
    from readouts.actors.not_names import write_place_names

    count = write_place_names(tmp_path / "place_names.txt")
    assert count > 5000
    assert (tmp_path / "place_names.txt").read_text(encoding="utf-8") == (DATA / "place_names.txt").read_text(
        encoding="utf-8"
    )
