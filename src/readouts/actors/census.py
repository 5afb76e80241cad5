"""Census of the people stored from a corpus: do office holders have a country, and is
every stored person a person?

Owns: the checks behind `bench/actors_corpus.py` and tests/test_actors_corpus.py, run
over a DuckDB store filled by `readouts ingest` (the gated configuration users run):
the share of people with a title of office (titles.tsv) who got a country, the stored
"people" that look like a place, a dateline or byline fragment or an adjective made
from a name, and the gazetteer people stored under more than one id.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .gazetteer import load_gazetteer
from .not_names import agency_words, is_verb_form, looks_like_place_name, reads_as_place
from .tables import countries, role_of
from .words import name_words

# Roles (titles.tsv) that are offices of a state or an international body. "spokesperson"
# and "official" (chairman, secretary, adviser, mayor...) are also used by companies,
# parties and NGOs ("a spokesman for the airline"), so those count only when the title
# names a government body ("Foreign Ministry Spokesperson"); party posts never do.
STATE_OFFICE_ROLES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "minister", "deputy", "diplomat",
     "royal", "legislator", "military", "igo_head"}
)


@dataclass
class Census:
    office_holders: int = 0  # article-level person records with a title of state office
    with_country: int = 0
    titled: int = 0  # records with any title of titles.tsv (company spokesmen included)
    titled_with_country: int = 0
    people: int = 0  # article-level person records
    distinct_ids: int = 0
    suspicious: list[tuple[str, str, int]] = field(default_factory=list)  # name, reason, records
    without_country: Counter = field(default_factory=Counter)  # (name, title) -> records
    split_known_people: dict[str, set[str]] = field(default_factory=dict)  # gazetteer name -> ids

    @property
    def country_rate(self) -> float:
        return self.with_country / self.office_holders if self.office_holders else 0.0


def not_a_person_reason(name: str) -> str | None:
    """Why a stored person name looks like something else, or None."""
    words = name.split()
    if not words:
        return "empty"
    first = words[0].split("-")[0].casefold()
    lists = name_words()
    if first in lists.not_a_name_opening:
        return "comment or interjection"
    if len(words) == 1 and first in lists.headline_verbs:
        return "headline verb"
    if "-" in words[0] and first in lists.name_prefixes:
        return "prefixed adjective"
    if len(words) >= 2 and first in agency_words():
        return "agency credit"
    if len(words) >= 2 and is_verb_form(words[0]):
        return "verb-led headline"
    if countries().iso3(name) or looks_like_place_name(name):
        return "place"
    if any(ch.isdigit() for ch in name):
        return "number"
    if "/" in name:
        return "photo credit"
    return None


def actor_id_is_known(actor_id: str) -> bool:
    return actor_id in load_gazetteer().people


# Words and punctuation of a stored text, "'s" apart: the tokens reads_as_place reads.
_TOKEN = re.compile(r"['’]s\b|\w+(?:[-‐]\w+)*|[^\w\s]")
CONTEXT_CHARS = 200  # text read on each side of an occurrence


def used_as_place(name: str, text: str) -> bool:
    """At least half of the name's occurrences in the text read as a place ("in X", "the
    town of X", "X district": not_names.reads_as_place, the actors stage's own test)."""
    found = place = 0
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        found += 1
        before = _TOKEN.findall(text[max(0, match.start() - CONTEXT_CHARS) : match.start()])
        after = _TOKEN.findall(text[match.end() : match.end() + CONTEXT_CHARS])
        place += reads_as_place(before, after)
    return found > 0 and 2 * place >= found


def holds_state_office(titles: list[str]) -> bool:
    return any(_is_state_office(t) for t in titles)


def _is_state_office(title: str) -> bool:
    role = role_of(title)
    if role in STATE_OFFICE_ROLES:
        return True
    words = set(title.casefold().split())
    return role in ("spokesperson", "official") and bool(words & name_words().organ_words)


def take_census(db: Path) -> Census:
    con = duckdb.connect(str(db), read_only=True, config={"autoinstall_known_extensions": False,
                                                          "autoload_known_extensions": False})
    try:
        rows = con.execute(
            "SELECT aa.actor_id, aa.name, aa.country, aa.titles, a.text FROM article_actors aa"
            " JOIN articles a ON a.id = aa.article_id WHERE aa.kind = 'person'"
        ).fetchall()
    finally:
        con.close()
    census = Census(people=len(rows), distinct_ids=len({r[0] for r in rows}))
    reasons: Counter = Counter()
    for actor_id, name, country, titles, text in rows:
        titles = list(titles or [])
        if any(role_of(t) for t in titles):
            census.titled += 1
            census.titled_with_country += 1 if country else 0
        if holds_state_office(titles):
            census.office_holders += 1
            if country:
                census.with_country += 1
            else:
                census.without_country[(name, titles[0])] += 1
        reason = not_a_person_reason(name)
        if reason is None and not titles and not actor_id_is_known(actor_id) and used_as_place(name, text):
            reason = "place (by its use in the text)"
        if reason:
            reasons[(name, reason)] += 1
    census.suspicious = sorted(((n, r, c) for (n, r), c in reasons.items()), key=lambda x: -x[2])
    census.split_known_people = _split_known_people((r[0], r[1]) for r in rows)
    return census


def _split_known_people(id_names) -> dict[str, set[str]]:
    """Gazetteer people whose records (named by one of their aliases) carry several ids."""
    gazetteer = load_gazetteer()
    ids: dict[str, set[str]] = {}
    for actor_id, name in id_names:
        known = gazetteer.lookup(name)
        if known:
            ids.setdefault(gazetteer.people[known].name, set()).add(actor_id)
    return {name: found for name, found in ids.items() if len(found) > 1}


def evenly_spread(records: list, size: int | None) -> list:
    """`size` records taken at even steps through `records` (all of them when None):
    a fixed sample that covers every topic folder, not only the first."""
    if size is None or size >= len(records):
        return list(records)
    step = len(records) / size
    return [records[int(i * step)] for i in range(size)]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def census_markdown(census: Census, articles: int, seconds: float) -> str:
    """The docs/benchmarks.md section body for one census."""
    lines = [
        f"Timeline17 articles: {articles}; analysed as `readouts ingest` does (gate included) "
        f"in {seconds:.0f}s.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| person records (one per person per article) | {census.people} |",
        f"| distinct person ids | {census.distinct_ids} |",
        f"| records with a title of state office (president, minister, ambassador, king, ...) | {census.office_holders} |",
        f"| ... of which with a country | {census.with_country} ({census.country_rate:.1%}) |",
        f"| records with any title of titles.tsv (company spokesmen, mayors included) | {census.titled} |",
        f"| ... of which with a country | {census.titled_with_country} ({_share(census.titled_with_country, census.titled)}) |",
        f"| stored people that look like a place, fragment or adjective | {sum(c for _, _, c in census.suspicious)} |",
        "",
    ]
    if census.suspicious:
        lines.append("Suspicious names: " + ", ".join(f"{n} ({r})" for n, r, _ in census.suspicious[:30]))
        lines.append("")
        lines.append(
            "The census flags names by simple rules on the stored text (`readouts.actors.census`); "
            "read the list: a name used after \"in\" may still be a person (\"bring in <reporter>\")."
        )
        lines.append("")
    top = ", ".join(f"{name} ({title}) ×{n}" for (name, title), n in census.without_country.most_common(15))
    lines.append(f"Most frequent office holders without a country: {top or 'none'}.")
    return "\n".join(lines) + "\n"
