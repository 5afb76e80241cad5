"""Reference tables of the actors stage: states, organisations and office titles.

Owns: reading `data/countries.tsv`, `data/organisations.tsv`, `data/titles.tsv` and
`data/name_variants.tsv` into
lookup structures (once per process), and the text normalisation every table lookup uses.
The tables are data: adding a row never needs a code change.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=65536)  # called per mention × candidate person: cache the few distinct words
def strip_marks(text: str) -> str:
    """The text without its accents and other combining marks ("Hà Nội" -> "Ha Noi")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def normalise_name(text: str) -> str:
    """Case-, accent-, hyphen- and punctuation-insensitive key for names."""
    text = strip_marks(text)
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-‐–—_]", " ", text)
    text = re.sub(r"[.,]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def within_one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion or deletion apart (equal strings are)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name word: Vladmir/Vladimir, Mohammad/Mohammed,
    Zelensky/Zelenskyy (words under 4 letters must match exactly)."""
    return a == b or (min(len(a), len(b)) >= 4 and within_one_edit(a, b))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def split_values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split("|") if value.strip()]


# ---------------------------------------------------------------------- countries


@dataclass
class Country:
    iso3: str
    name: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)


@dataclass
class CountryTable:
    countries: dict[str, Country]
    # surface form (exact case) -> (iso3, kind) with kind in name | demonym | capital
    surfaces: dict[str, tuple[str, str]]
    prefixes: dict[str, str]  # "Sino" -> "CHN"
    folded: dict[str, str]  # normalised surface -> iso3 (names, demonyms, capitals)

    def iso3(self, text: str) -> str | None:
        hit = self.surfaces.get(text.strip())
        if hit:
            return hit[0]
        return self.folded.get(normalise_name(text))

    def name(self, iso3: str) -> str:
        """The state's name as the actors stage names it; an unknown code as given."""
        country = self.countries.get(iso3)
        return country.name if country else iso3


def _plurals(demonyms: list[str]) -> list[str]:
    """People-nouns made from demonyms: "Palestinians", "Pakistanis", "Afghans"."""
    return [d + "s" for d in demonyms if d[-1:] in ("n", "i") and " " not in d]


@lru_cache(maxsize=1)
def countries() -> CountryTable:
    table: dict[str, Country] = {}
    surfaces: dict[str, tuple[str, str]] = {}
    prefixes: dict[str, str] = {}
    folded: dict[str, str] = {}
    for row in read_tsv(DATA_DIR / "countries.tsv"):
        country = Country(
            iso3=row["iso3"],
            name=row["name"],
            aliases=split_values(row["aliases"]),
            demonyms=split_values(row["demonyms"]),
            prefixes=split_values(row["prefixes"]),
            capitals=split_values(row["capitals"]),
        )
        table[country.iso3] = country
        # names first so that a form listed both as name and demonym ("US") is a name
        for kind, forms in (
            ("name", [country.name, *country.aliases]),
            ("demonym", country.demonyms + _plurals(country.demonyms)),
            ("capital", country.capitals),
        ):
            for form in forms:
                surfaces.setdefault(form, (country.iso3, kind))
                folded.setdefault(normalise_name(form), country.iso3)
        for prefix in country.prefixes:
            prefixes.setdefault(prefix, country.iso3)
    return CountryTable(table, surfaces, prefixes, folded)


# -------------------------------------------------------------------- organisations


@dataclass
class Organisation:
    code: str
    kind: str  # igo | ngo | national | party | armed_group | project
    name: str
    aliases: list[str] = field(default_factory=list)
    cameo: str | None = None
    country: str | None = None
    part_of: str | None = None  # "EC" is part of "EU"

    @property
    def affiliation(self) -> str | None:
        """The code its staff are counted under: the state of a national body, the
        parent body of an organ (European Commission -> EU), else an IGO's own code."""
        if self.country:
            return self.country
        if self.part_of:
            return self.part_of
        return self.code if self.kind == "igo" else None

    @property
    def is_actor(self) -> bool:
        # projects (CPEC, BRI) are listed only so their acronyms are never people
        return self.kind != "project"


@lru_cache(maxsize=1)
def organisations() -> dict[str, Organisation]:
    table: dict[str, Organisation] = {}
    for row in read_tsv(DATA_DIR / "organisations.tsv"):
        table[row["code"]] = Organisation(
            code=row["code"],
            kind=row["kind"] or "igo",
            name=row["name"],
            aliases=split_values(row["aliases"]),
            cameo=row["cameo"] or None,
            country=row["country"] or None,
            part_of=row.get("part_of") or None,
        )
    return table


@lru_cache(maxsize=1)
def organisation_surfaces() -> dict[str, str]:
    """Exact surface form -> organisation code."""
    surfaces: dict[str, str] = {}
    for org in organisations().values():
        for form in (org.name, *org.aliases):
            surfaces.setdefault(form, org.code)
    return surfaces


# ------------------------------------------------------------------------- titles


@dataclass(frozen=True)
class Title:
    surface: str
    normalised: str
    role: str


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """casefolded surface -> Title."""
    table: dict[str, Title] = {}
    for row in read_tsv(DATA_DIR / "titles.tsv"):
        title = Title(row["title"], row["normalised"], row["role"])
        table.setdefault(title.surface.casefold(), title)
    return table


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word that occurs in a title, casefolded ("councilor", "minister", ...)."""
    words: set[str] = set()
    for surface in titles():
        words.update(re.findall(r"[\w']+", surface))
    return frozenset(words)


@lru_cache(maxsize=4096)
def role_of(title_text: str) -> str | None:
    """Role class of a (possibly extended) title: "Ambassador to China" -> diplomat."""
    table = titles()
    folded = title_text.casefold()
    if folded in table:
        return table[folded].role
    # longest known title that starts the text ("Minister of the International Department ...")
    best: Title | None = None
    for surface, title in table.items():
        if folded.startswith(surface + " ") or folded.startswith(surface + ","):
            if best is None or len(surface) > len(best.surface):
                best = title
    return best.role if best else None


# ------------------------------------------------------------------ name spellings


@lru_cache(maxsize=1)
def name_variants() -> dict[str, str]:
    """Romanised spelling of a given name -> the one spelling used in actor ids."""
    table: dict[str, str] = {}
    for row in read_tsv(DATA_DIR / "name_variants.tsv"):
        canonical = normalise_name(row["canonical"])
        for variant in split_values(row["variants"]):
            table[normalise_name(variant)] = canonical
    return table
