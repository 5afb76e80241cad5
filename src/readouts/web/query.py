"""Query: the filters of the events page, read from and written back to the URL.

A URL names the same filters as `readouts events` (country, actor, type, topic,
status, since, until) plus pair, outlet, q and id (the events behind a count on
another page), so any view can be shared as a link.
Bad values raise BadRequest with a sentence the page shows; nothing reaches SQL
except as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from ..store import EVENT_SORTS

PAGE_SIZE = 50
MAX_TEXT = 200
MAX_IDS = 1000
# ISO 3166-1 alpha-3, or an organisation's code as the actors stage stores it.
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,11}$")
STATUSES = ("occurred", "planned", "negated")


class BadRequest(ValueError):
    """A filter value the page cannot use; the message says why."""


@dataclass
class EventQuery:
    country: list[str] = field(default_factory=list)
    pair: tuple[str, str] | None = None
    actor: str | None = None
    type: str | None = None
    status: str | None = None
    topic: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    ids: list[str] = field(default_factory=list)
    sort: str = "date"
    descending: bool = False
    page: int = 1

    def filters(self) -> dict:
        """The dict store.event_filter_sql takes."""
        return {
            "country": self.country, "pair": self.pair, "actor": self.actor, "type": self.type,
            "status": self.status, "topic": self.topic, "outlet": self.outlet,
            "since": self.since, "until": self.until, "q": self.q, "ids": self.ids,
        }

    def params(self) -> list[tuple[str, str]]:
        """The query as URL parameters (defaults left out)."""
        out = [("country", c) for c in self.country] + [("id", i) for i in self.ids]
        if self.pair:
            out.append(("pair", "-".join(self.pair)))
        for name in ("actor", "type", "status", "topic", "outlet", "q"):
            if getattr(self, name):
                out.append((name, getattr(self, name)))
        for name in ("since", "until"):
            if getattr(self, name):
                out.append((name, getattr(self, name).isoformat()))
        if self.sort != "date" or self.descending:
            out.append(("sort", ("-" if self.descending else "") + self.sort))
        if self.page != 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, path: str = "/events", **changes) -> str:
        """This query with some fields changed (page back to 1 unless given)."""
        values = {**self.__dict__, "page": 1, **changes}
        query = urlencode(EventQuery(**values).params())
        return f"{path}?{query}" if query else path

    def toggle(self, name: str, value) -> str:
        """The URL with one facet value added, or removed when already chosen."""
        if name == "country":
            chosen = list(self.country)
            chosen = [c for c in chosen if c != value] if value in chosen else chosen + [value]
            return self.url(country=chosen)
        if name == "pair":
            value = tuple(value.split("-", 1))
        return self.url(**{name: None if getattr(self, name) == value else value})

    def chosen(self) -> list[tuple[str, str, str]]:
        """(facet, shown value, URL without it) for every active filter."""
        out = [("country", c, self.toggle("country", c)) for c in self.country]
        if self.ids:
            out.append(("events", f"{len(self.ids)} chosen", self.url(ids=[])))
        if self.pair:
            out.append(("pair", "-".join(self.pair), self.url(pair=None)))
        for name in ("actor", "type", "status", "topic", "outlet", "q", "since", "until"):
            value = getattr(self, name)
            if value:
                out.append((name, str(value), self.url(**{name: None})))
        return out


def _text(params, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is too long (at most {MAX_TEXT} characters)")
    return value or None


def _code(value: str, name: str) -> str:
    if not CODE.match(value):
        raise BadRequest(f"{name} takes a country code such as PAK or CHN, not {value!r}")
    return value.upper()


def _day(params, name: str) -> date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} takes a date as YYYY-MM-DD, not {value!r}") from None


def _pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.split("-")
    if len(parts) != 2:
        raise BadRequest(f"pair takes two country codes joined by '-', such as CHN-PAK, not {value!r}")
    a, b = (_code(p, "pair") for p in parts)
    if a == b:
        raise BadRequest("pair takes two different countries")
    return tuple(sorted((a, b)))


def _page(params) -> int:
    value = _text(params, "page") or "1"
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(f"page takes a number from 1, not {value!r}")
    return int(value)


def _sort(params) -> tuple[str, bool]:
    value = _text(params, "sort") or "date"
    name = value.lstrip("-")
    if name not in EVENT_SORTS:
        raise BadRequest(f"sort takes one of {', '.join(EVENT_SORTS)} (with '-' for descending), not {value!r}")
    return name, value.startswith("-")


def _choice(params, name: str, known: list[str]) -> str | None:
    value = _text(params, name)
    if value is not None and value not in known:
        shown = ", ".join(sorted(known)) or "none"
        raise BadRequest(f"no event has {name} {value!r}; this database has: {shown}")
    return value


def parse_event_query(params, known: dict[str, list[str]]) -> EventQuery:
    """An EventQuery from request parameters; `known` lists the types, statuses and
    topics the database holds, so a misspelt value is named rather than matching nothing."""
    countries = []
    for value in params.getlist("country"):
        if value.strip() and _code(value.strip(), "country") not in countries:
            countries.append(_code(value.strip(), "country"))
    ids = [i.strip() for i in params.getlist("id") if i.strip()]
    if len(ids) > MAX_IDS:
        raise BadRequest(f"at most {MAX_IDS} event ids in one address, not {len(ids)}")
    query = EventQuery(
        country=countries,
        ids=list(dict.fromkeys(ids)),
        pair=_pair(_text(params, "pair")),
        actor=_text(params, "actor"),
        type=_choice(params, "type", known.get("type", [])),
        status=_choice(params, "status", sorted(set(STATUSES) | set(known.get("status", [])))),
        topic=_choice(params, "topic", known.get("topic", [])),
        outlet=_text(params, "outlet"),
        since=_day(params, "since"),
        until=_day(params, "until"),
        q=_text(params, "q"),
        page=_page(params),
    )
    query.sort, query.descending = _sort(params)
    if query.since and query.until and query.since > query.until:
        raise BadRequest(f"since ({query.since}) is after until ({query.until})")
    return query
