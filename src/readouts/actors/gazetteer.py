"""The people gazetteer: who held which office, when.

Owns: reading `data/gazetteer.tsv` (and an optional user file that adds or overrides
people), looking a name up (exact alias or a one-edit spelling variant) and telling the
office a person held on a given date. The file format is documented in docs/gazetteer.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .tables import DATA_DIR, normalise_name, read_tsv, split_values, within_one_edit

DEFAULT_PATH = DATA_DIR / "gazetteer.tsv"
REQUIRED_COLUMNS = ("id", "name", "aliases", "country", "office", "start", "end", "source")


class GazetteerError(ValueError):
    """A gazetteer file is malformed (missing column, bad date...)."""


@dataclass(frozen=True)
class OfficeTerm:
    """One row of the gazetteer: one person in one office for one term."""

    person_id: str
    name: str
    country: str | None
    office: str
    start: date | None
    end: date | None
    source: str = ""
    note: str = ""

    def covers(self, day: date) -> bool:
        if self.start is None and self.end is None:
            return False  # undated rows never claim a date
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    terms: list[OfficeTerm] = field(default_factory=list)

    @property
    def countries(self) -> set[str]:
        return {t.country for t in self.terms if t.country}


@dataclass
class Gazetteer:
    people: dict[str, Person] = field(default_factory=dict)
    by_alias: dict[str, set[str]] = field(default_factory=dict)  # normalised alias -> ids
    by_first_token: dict[str, set[str]] = field(default_factory=dict)  # for spelling variants
    by_last_token: dict[str, set[str]] = field(default_factory=dict)  # "Vladmir Putin": surname kept
    single_word_ids: set[str] = field(default_factory=set)  # people with a one-word alias

    # ------------------------------------------------------------------ building
    def add_rows(self, rows: list[dict[str, str]], origin: str) -> None:
        """Add rows; a person id present in `rows` replaces that id's earlier rows."""
        seen_here: set[str] = set()
        for number, row in enumerate(rows, start=2):
            missing = [c for c in REQUIRED_COLUMNS if c not in row]
            if missing:
                raise GazetteerError(f"{origin}: missing column(s) {', '.join(missing)}")
            person_id = row["id"]
            if not person_id or not row["name"]:
                raise GazetteerError(f"{origin}:{number}: empty id or name")
            if person_id not in seen_here:
                self._drop(person_id)
                seen_here.add(person_id)
            term = OfficeTerm(
                person_id=person_id,
                name=row["name"],
                country=row["country"] or None,
                office=row["office"],
                start=_parse_day(row["start"], origin, number),
                end=_parse_day(row["end"], origin, number, end=True),
                source=row["source"],
                note=row.get("note", ""),
            )
            person = self.people.setdefault(person_id, Person(person_id, row["name"]))
            person.terms.append(term)
            for alias in [row["name"], *split_values(row["aliases"])]:
                if alias not in person.aliases:
                    person.aliases.append(alias)
                self._index(alias, person_id)

    def _index(self, alias: str, person_id: str) -> None:
        key = normalise_name(alias)
        self.by_alias.setdefault(key, set()).add(person_id)
        tokens = key.split()
        if len(tokens) == 1:
            self.single_word_ids.add(person_id)
        if len(tokens) > 1:
            self.by_first_token.setdefault(tokens[0], set()).add(person_id)
            self.by_last_token.setdefault(tokens[-1], set()).add(person_id)

    def _drop(self, person_id: str) -> None:
        if person_id not in self.people:
            return
        del self.people[person_id]
        for index in (self.by_alias, self.by_first_token, self.by_last_token):
            for ids in index.values():
                ids.discard(person_id)
        self.single_word_ids.discard(person_id)

    # ------------------------------------------------------------------- lookups
    def lookup(self, name: str) -> str | None:
        """Person id for a name or alias; None if unknown or ambiguous."""
        ids = self.by_alias.get(normalise_name(name))
        if ids and len(ids) == 1:
            return next(iter(ids))
        return None

    def lookup_variant(self, name: str) -> str | None:
        """Person id for a multi-word name one edit away from a known alias.

        Transliterated names vary by one letter across outlets ("Muammer"/"Muammar",
        "Vladmir"/"Vladimir"); the first or the last word must match exactly and the
        name must be long enough for one edit to be telling.
        """
        key = normalise_name(name)
        tokens = key.split()
        if len(tokens) == 1 and len(key) >= 7:
            # a surname alone ("Sarkozi"): only against single-word aliases, long enough
            candidates = self.single_word_ids
        elif len(tokens) < 2 or len(key) < 8:
            return None
        else:
            candidates = self.by_first_token.get(tokens[0], set()) | self.by_last_token.get(tokens[-1], set())
        found: set[str] = set()
        for person_id in candidates:
            for alias in self.people[person_id].aliases:
                other = normalise_name(alias)
                if other != key and within_one_edit(key, other):
                    found.add(person_id)
        return next(iter(found)) if len(found) == 1 else None

    def lookup_holding(
        self, name: str, roles: set[str], day: date | None, states: set[str] | frozenset[str] = frozenset()
    ) -> str | None:
        """Among the people a name or surname may mean, the one holding an office of one
        of `roles` on `day` ("Vice President Suleiman" in 2011, when two Suleimans are
        known); when several do, the one whose state the article names (`states`: "King
        Abdullah" in an article about Jordan). None unless exactly one."""
        if day is None or not roles:
            return None
        holding = {
            pid: {t.country for t in self.terms_on(pid, day) if _role(t.office) in roles}
            for pid in self._titled_candidates(name, roles)
        }
        holding = {pid: found for pid, found in holding.items() if found}
        if len(holding) > 1 and states:
            holding = {pid: found for pid, found in holding.items() if found & states}
        return next(iter(holding)) if len(holding) == 1 else None

    def country_of_holders(
        self, name: str, roles: set[str], states: set[str] | frozenset[str] = frozenset()
    ) -> str | None:
        """The one country of every known person of that name who ever held an office of
        one of `roles`: "President Bush" is ambiguous between two people, not between two
        countries. Several countries are narrowed to those the article names."""
        found = {
            t.country
            for pid in self._titled_candidates(name, roles)
            for t in self.people[pid].terms
            if t.country and _role(t.office) in roles
        }
        if len(found) > 1 and states:
            found &= set(states)
        return found.pop() if len(found) == 1 else None

    def _titled_candidates(self, name: str, roles: set[str]) -> set[str]:
        """People a one-word name after a title may mean: by alias or surname, and by
        given name for monarchs ("King Idris", "Prince William")."""
        key = normalise_name(name)
        ids = self.by_alias.get(key, set()) | self.by_last_token.get(key, set())
        if "royal" in roles:
            ids |= {
                pid for pid in self.by_first_token.get(key, set())
                if any(_role(t.office) == "royal" for t in self.people[pid].terms)
            }
        return ids

    def terms_on(self, person_id: str, day: date | None) -> list[OfficeTerm]:
        """Office terms held on `day` (all terms of a one-term person when no date)."""
        person = self.people.get(person_id)
        if person is None:
            return []
        if day is None:
            return list(person.terms) if len(person.terms) == 1 else []
        return [t for t in person.terms if t.covers(day)]

    def dated_country(self, person_id: str, day: date | None) -> str | None:
        """The one country of the terms `person_id` held on `day`; None without a date."""
        if day is None:
            return None
        current = {t.country for t in self.terms_on(person_id, day) if t.country}
        return current.pop() if len(current) == 1 else None

    def country_of(self, person_id: str, day: date | None = None) -> str | None:
        current = {t.country for t in self.terms_on(person_id, day) if t.country}
        if len(current) == 1:
            return current.pop()
        person = self.people.get(person_id)
        if person and len(person.countries) == 1:
            return next(iter(person.countries))
        return None


def _role(office: str) -> str | None:
    from .tables import role_of

    return role_of(office)


def _parse_day(text: str, origin: str, number: int, end: bool = False) -> date | None:
    """ISO date; a bare year or year-month is widened to its first (or last) day."""
    text = text.strip().rstrip("?")
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return date(year, month, 1)
            next_month = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(next_month.toordinal() - 1)
        if len(parts) == 1:
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    except ValueError:
        pass
    raise GazetteerError(f"{origin}:{number}: bad date {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.add_rows(read_tsv(DEFAULT_PATH), str(DEFAULT_PATH))
    return gazetteer


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The built-in gazetteer, plus the rows of `path` when given.

    A person id that appears in the user file replaces the built-in rows of that id;
    new ids are added. The built-in gazetteer is read once per process.
    """
    if path is None:
        return _default_gazetteer()
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"gazetteer file not found: {path}")
    base = _default_gazetteer()
    merged = Gazetteer()
    for person in base.people.values():
        merged.add_rows([_row_of(t, person) for t in person.terms], str(DEFAULT_PATH))
    merged.add_rows(read_tsv(path), str(path))
    return merged


def _row_of(term: OfficeTerm, person: Person) -> dict[str, str]:
    return {
        "id": term.person_id,
        "name": person.name,
        "aliases": "|".join(person.aliases),
        "country": term.country or "",
        "office": term.office,
        "start": term.start.isoformat() if term.start else "",
        "end": term.end.isoformat() if term.end else "",
        "source": term.source,
        "note": term.note,
    }
