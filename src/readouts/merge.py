"""Merge: one real-world event, many reports.

Owns: deciding which article-level event records describe the same real-world event
(other outlets, other days, other wording, syndicated copies), combining them into one
merged record that keeps every source and evidence span, linking events that are
related but distinct (the talks held during a visit are ``part_of`` the visit), and
recognising near-duplicate articles cheaply (MinHash LSH bands). It also owns the
document-level same-story grouper used to score grouping against public data.

Design
------
* Blocking, never all-pairs. A record is indexed under keys made of its countries
  (every unordered pair, or the single country), its type family and the ISO weeks its
  event may fall in. A dated record covers the week of its date +-1 day; an undated
  one covers the week before its source was published (the week after, when it is
  planned). Month- and year-precision records get coarse keys that day-precision
  records also query, so a vague report still meets the precise one.
* Merged records are rebuilt from their members. A merged record carries the
  article-level records it was made from in the internal field ``_members``;
  ``combine`` re-derives every field from the members sorted by (publication date,
  record id), so the result does not depend on arrival order and combining the same
  source twice changes nothing.
* Merged ids: ``"ev-" + sha1(smallest member id)[:16]``. For a given final set of
  members the id is the same whatever the arrival order; when a later arrival has a
  smaller id the event is re-saved under the new id and the old one is deleted (the
  store must drop the old id's links; links are recomputed after every save).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Iterable, Protocol, Sequence

# --------------------------------------------------------------------------- types

BASIS_RANK = {"explicit": 3, "relative": 2, "publication": 1, "none": 0}
PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
# Reports of undated events are assumed to describe something from the past week.
UNDATED_WINDOW_DAYS = 8
# A planned, undated event is assumed to happen within two weeks of the report.
PLANNED_WINDOW_DAYS = 14
# Visits span days; when no end date is reported, talks this many days after the
# start still count as held during the visit.
VISIT_DEFAULT_DAYS = 3
# Events whose part may belong to a visit.
PART_OF_VISIT = ("meeting", "agreement")


class MergeStore(Protocol):
    """The slice of the store merge needs (see store.py)."""

    def find_events(self, block_keys: list[str]) -> list[dict]: ...

    def save_event(self, record: dict, block_keys: list[str]) -> None: ...

    def delete_event(self, event_id: str) -> None: ...

    def add_link(self, event_id: str, other_id: str, relation: str) -> None: ...

    def articles_by_band(self, bands: list[str]) -> dict[str, set[str]]: ...

    def save_bands(self, bands_of: list[tuple[str, list[str]]]) -> None: ...


@dataclass
class MergeStats:
    new: int = 0  # records that started a new merged event
    merged: int = 0  # records folded into an existing merged event
    linked: int = 0  # distinct part_of links made by this batch
    unchanged: int = 0  # records already part of their merged event (a re-run)


# ---------------------------------------------------------------- small helpers


def type_family(event_type: str) -> str:
    """Events of different families are never the same event.

    Each type is its own family today; the indirection keeps the rule in one place
    should two types ever need to merge (say, a "talks" type beside "meeting").
    """
    return event_type or "unknown"


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}W{week:02d}"


def _weeks_between(first: date, last: date) -> list[str]:
    weeks: list[str] = []
    day = first
    while day <= last:
        week = _week(day)
        if week not in weeks:
            weeks.append(week)
        day += timedelta(days=1)
    return weeks


def _month_bounds(d: date) -> tuple[date, date]:
    start = d.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return start, nxt - timedelta(days=1)


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def participant_key(p: dict) -> str:
    """Corpus-stable identity of a participant: its actor id, else name + country."""
    if p.get("actor_id"):
        return str(p["actor_id"])
    return f"name:{_norm(p.get('name'))}:{p.get('country') or ''}"


def is_state(p: dict) -> bool:
    """A participant that stands for a whole country ("China", "Pakistan")."""
    actor_id = str(p.get("actor_id") or "")
    return actor_id.startswith("state:") or p.get("kind") == "state"


def countries(record: dict) -> set[str]:
    return {p["country"] for p in record.get("participants", []) if p.get("country")}


# ------------------------------------------------------------ the event's dates


@dataclass(frozen=True)
class DateView:
    """When one report says an event happened, as an interval of possible days."""

    first: date | None
    last: date | None
    basis: str  # explicit | relative | publication | none
    precision: str  # day | month | year | unknown


def _source_date_view(source: dict, status: str) -> DateView:
    basis = source.get("date_basis") or "none"
    precision = source.get("date_precision") or ("day" if source.get("date") else "unknown")
    start = _parse_date(source.get("date"))
    end = _parse_date(source.get("end_date")) or start
    published = _parse_date(source.get("published"))
    if start is None or basis in ("none", "publication"):
        # No evidence for the day: the event lies near the publication date.
        anchor = published or start
        if anchor is None:
            return DateView(None, None, "none", "unknown")
        if status == "planned":
            return DateView(anchor, anchor + timedelta(days=PLANNED_WINDOW_DAYS), "none", "unknown")
        return DateView(anchor - timedelta(days=UNDATED_WINDOW_DAYS), anchor, "none", "unknown")
    if precision == "month":
        return DateView(*_month_bounds(start), basis, "month")
    if precision == "year":
        return DateView(date(start.year, 1, 1), date(start.year, 12, 31), basis, "year")
    return DateView(start, max(start, end or start), basis, "day")


def date_views(record: dict) -> list[DateView]:
    """One view per source (an article-level record has exactly one)."""
    sources = _as_member(record)["sources"]  # sources inherit the record's date details
    views = [_source_date_view(s, s.get("status") or "occurred") for s in sources]
    return views or [_source_date_view(_record_as_source(record), record.get("status", ""))]


def _record_as_source(record: dict) -> dict:
    return {
        "date": record.get("date"),
        "end_date": record.get("end_date"),
        "date_basis": record.get("date_basis"),
        "date_precision": record.get("date_precision"),
        "status": record.get("status"),
        "published": None,
    }


def best_date_view(record: dict) -> DateView:
    """The view of the best-evidenced source: basis first, then precision."""
    views = date_views(record)
    return max(views, key=lambda v: (BASIS_RANK.get(v.basis, 0), PRECISION_RANK.get(v.precision, 0)))


# ----------------------------------------------------------------- block keys


def _country_keys(record: dict) -> list[str]:
    found = sorted(countries(record))
    if len(found) >= 2:
        return [f"{a}-{b}" for a, b in combinations(found, 2)]
    if found:
        return [found[0]]
    # No country known: fall back on the actors themselves.
    return sorted({participant_key(p) for p in record.get("participants", [])}) or ["?"]


def _time_keys(view: DateView) -> list[str]:
    """Keys a report is indexed under for the time it may have happened."""
    if view.first is None or view.last is None:
        return ["T?"]
    if view.precision == "year":
        return [f"Y{view.first.year}"]
    if view.precision == "month":
        return [f"M{view.first:%Y-%m}"]
    # A day off either side must still meet: widen by one day before taking weeks.
    first = view.first - timedelta(days=1)
    last = view.last + timedelta(days=1)
    return [f"W{w}" for w in _weeks_between(first, last)]


def _coarse_keys(view: DateView) -> list[str]:
    """Month/year keys a precise report also looks under to meet vague reports."""
    if view.first is None or view.last is None:
        return []
    keys = []
    for d in (view.first, view.last):
        keys += [f"M{d:%Y-%m}", f"Y{d.year}"]
    return keys


def _query_time_keys(view: DateView) -> list[str]:
    keys = _time_keys(view) + _coarse_keys(view)
    if view.precision in ("month", "year") and view.first and view.last:
        # A vague report must meet the precise reports inside its period.
        keys += [f"W{w}" for w in _weeks_between(view.first, view.last)]
        if view.precision == "year":
            keys += [f"M{view.first.year}-{m:02d}" for m in range(1, 13)]
    return list(dict.fromkeys(keys))


def _combine_keys(record: dict, family: str, time_keys: Iterable[str]) -> list[str]:
    out = []
    for country_key in _country_keys(record):
        for time_key in time_keys:
            out.append(f"{family}|{country_key}|{time_key}")
    return list(dict.fromkeys(out))


def block_keys(record: dict, family: str | None = None) -> list[str]:
    """The keys a record is stored under: country pair x type family x week.

    Every source contributes its own window, so a merged record stays findable by a
    report that only one of its sources would have matched.
    """
    family = family or type_family(record.get("type", ""))
    time_keys: list[str] = []
    for view in date_views(record):
        time_keys += _time_keys(view)
    return _combine_keys(record, family, dict.fromkeys(time_keys))


def query_keys(record: dict, family: str | None = None) -> list[str]:
    """The keys to look up candidates for a record (its block keys + coarse ones)."""
    family = family or type_family(record.get("type", ""))
    time_keys: list[str] = []
    for view in date_views(record):
        time_keys += _query_time_keys(view)
    return _combine_keys(record, family, dict.fromkeys(time_keys))


# --------------------------------------------------------------- same event?


def _dates_compatible(a: DateView, b: DateView, family: str) -> bool:
    if a.first is None or b.first is None:
        return True  # nothing to contradict
    assert a.last is not None and b.last is not None
    both_exact = a.basis == "explicit" and b.basis == "explicit"
    both_day = a.precision == "day" and b.precision == "day"
    if both_exact and both_day and family != "visit":
        # Two explicit dates must agree: consecutive-day meetings are two events.
        return a.first <= b.last and b.first <= a.last
    # Relative dates ("on Wednesday") are often resolved a day off.
    slack = timedelta(days=0 if (both_exact or not both_day) else 1)
    if a.basis == "none" or b.basis == "none":
        slack = timedelta(days=0)
    return a.first - slack <= b.last and b.first - slack <= a.last


def _date_distance(a: DateView, b: DateView) -> int:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return 30
    if a.first <= b.last and b.first <= a.last:
        return 0
    return min(abs((a.first - b.last).days), abs((b.first - a.last).days))


def _gap(a: DateView, b: DateView) -> int:
    """Days between the ends of two date intervals (how far apart they sit)."""
    if a.last is None or b.last is None:
        return 0
    return abs((a.last - b.last).days)


def _people_by_country(record: dict) -> dict[str, set[str]]:
    people: dict[str, set[str]] = {}
    for p in record.get("participants", []):
        if is_state(p):
            continue
        people.setdefault(p.get("country") or "?", set()).add(participant_key(p))
    return people


def _participants_compatible(a: dict, b: dict) -> bool:
    ca, cb = countries(a), countries(b)
    if ca and cb:
        shared = ca & cb
        if len(shared) < min(2, len(ca), len(cb)):
            return False
    pa, pb = _people_by_country(a), _people_by_country(b)
    if not pa or not pb:
        # One report names only states: same countries is enough.
        return bool(ca and cb) or _keys_overlap(a, b)
    # Where both reports name people of the same country, they must share one:
    # the leaders meeting the president is not the leaders meeting the army chief.
    shared_countries = set(pa) & set(pb)
    for country in shared_countries:
        if not (pa[country] & pb[country]):
            return False
    if shared_countries:
        return True
    return _keys_overlap(a, b) or bool(ca & cb)


def _keys_overlap(a: dict, b: dict) -> bool:
    ka = {participant_key(p) for p in a.get("participants", [])}
    kb = {participant_key(p) for p in b.get("participants", [])}
    return bool(ka & kb)


def _topics_compatible(a: dict, b: dict) -> bool:
    """A government issues many statements a day: on different topics they differ."""
    ta, tb = set(a.get("topics", [])), set(b.get("topics", []))
    return not (ta and tb) or bool(ta & tb)


def _status_compatible(a: str, b: str) -> bool:
    # "did not meet" contradicts "met"; planned and occurred are one event's story.
    return (a == "negated") == (b == "negated")


def match_score(a: dict, b: dict) -> float | None:
    """How well two records fit as one event; None when they cannot be one.

    The score only ranks compatible candidates (closer dates, more shared actors);
    the hard constraints decide.
    """
    family = type_family(a.get("type", ""))
    if family != type_family(b.get("type", "")):
        return None
    if not _status_compatible(a.get("status", "occurred"), b.get("status", "occurred")):
        return None
    if not _participants_compatible(a, b):
        return None
    if family == "statement" and not _topics_compatible(a, b):
        return None
    views_a, views_b = date_views(a), date_views(b)
    best_a, best_b = best_date_view(a), best_date_view(b)
    if not _dates_compatible(best_a, best_b, family):
        return None
    # Every other pair of reports must not contradict either.
    for va in views_a:
        for vb in views_b:
            if va.basis == "explicit" and vb.basis == "explicit":
                if not _dates_compatible(va, vb, family):
                    return None
    ka = {participant_key(p) for p in a.get("participants", [])}
    kb = {participant_key(p) for p in b.get("participants", [])}
    overlap = len(ka & kb) / max(1, len(ka | kb))
    # Among compatible candidates prefer the one whose best date lies nearest: an
    # undated "on the phone with" report most likely tells of the latest call.
    return 1.0 + overlap - 0.1 * _date_distance(best_a, best_b) - 0.001 * _gap(best_a, best_b)


def same_event(a: dict, b: dict) -> bool:
    return match_score(a, b) is not None


# ------------------------------------------------------------------- combine


def _members(record: dict) -> list[dict]:
    if "_members" in record:
        return list(record["_members"])
    return [_as_member(record)]


def _as_member(record: dict) -> dict:
    """An article-level record, with its sources carrying their own date details."""
    member = {k: v for k, v in record.items() if not k.startswith("_")}
    sources = []
    for source in record.get("sources", []):
        source = dict(source)
        source.setdefault("id", record.get("id"))  # the article-level event id
        source.setdefault("date_precision", record.get("date_precision"))
        source.setdefault("end_date", record.get("end_date"))
        source.setdefault("status", record.get("status"))
        source.setdefault("date", record.get("date"))
        source.setdefault("date_basis", record.get("date_basis"))
        sources.append(source)
    member["sources"] = sources
    return member


def _member_order(member: dict) -> tuple[str, str]:
    published = min((s.get("published") or "9999" for s in member.get("sources", [])), default="9999")
    return (str(published), str(member.get("id", "")))


def merged_id(members: Sequence[dict]) -> str:
    smallest = min(str(m.get("id", "")) for m in members)
    return "ev-" + hashlib.sha1(smallest.encode("utf-8")).hexdigest()[:16]


def _majority(values: Iterable, key=lambda v: v):
    """Most frequent value (by key); ties go to the first seen."""
    values = [v for v in values if v]
    if not values:
        return None
    counts = Counter(key(v) for v in values)
    top = max(counts.values())
    return next(v for v in values if counts[key(v)] == top)


def _choose_date(members: list[dict]) -> dict:
    """Best-evidenced date: explicit > relative > none; then precision, majority, earliest."""
    candidates = []
    for m in members:
        for s in m.get("sources", []):
            if not s.get("date"):
                continue
            rank = (BASIS_RANK.get(s.get("date_basis") or "none", 0),
                    PRECISION_RANK.get(s.get("date_precision") or "day", 0))
            candidates.append((rank, s))
    if not candidates:
        return {"date": None, "date_precision": "unknown", "end_date": None, "date_basis": "none"}
    best_rank = max(rank for rank, _ in candidates)
    best = [s for rank, s in candidates if rank == best_rank]
    votes = Counter(s["date"] for s in best)
    top = max(votes.values())
    chosen_date = min(d for d, n in votes.items() if n == top)
    chosen = next(s for s in best if s["date"] == chosen_date)
    end_dates = [s.get("end_date") for s in best if s["date"] == chosen_date and s.get("end_date")]
    return {
        "date": chosen_date,
        "date_precision": chosen.get("date_precision") or "day",
        "end_date": max(end_dates) if end_dates else None,
        "date_basis": chosen.get("date_basis") or "none",
    }


def _combine_participants(members: list[dict]) -> list[dict]:
    by_key: dict[str, dict] = {}
    for m in members:
        for p in m.get("participants", []):
            key = participant_key(p)
            if key not in by_key:
                by_key[key] = dict(p)
                continue
            known = by_key[key]
            for field in ("title", "country", "name"):
                if not known.get(field) and p.get(field):
                    known[field] = p[field]
            # A specific role beats the generic one.
            if known.get("role") in (None, "", "participant", "present") and p.get("role"):
                known["role"] = p["role"]
    return list(by_key.values())


def _combine_topics(members: list[dict]) -> list[str]:
    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    for m in members:
        for topic in dict.fromkeys(m.get("topics", [])):
            counts[topic] += 1
            first_seen.setdefault(topic, len(first_seen))
    return sorted(counts, key=lambda t: (-counts[t], first_seen[t]))


def _combine_statements(members: list[dict]) -> list[dict]:
    seen: set[str] = set()
    out = []
    for m in members:
        for st in m.get("statements", []):
            key = _norm(st.get("text"))
            if key and key not in seen:
                seen.add(key)
                out.append(st)
    return out


def _combine_plover(members: list[dict]) -> dict:
    plovers = [m.get("plover") or {} for m in members]
    event = _majority(p.get("event") for p in plovers)
    chosen = next((p for p in plovers if p.get("event") == event), {}) if event else {}
    context: list[str] = []
    for p in plovers:
        for c in p.get("context") or []:
            if c not in context:
                context.append(c)
    result = dict(chosen)
    if result or context:
        result["context"] = context
    return result


def _combine_status(members: list[dict]) -> str:
    statuses = {s.get("status") or m.get("status") for m in members for s in m.get("sources", [])}
    statuses |= {m.get("status") for m in members}
    for status in ("occurred", "planned", "negated"):
        if status in statuses:
            return status
    return "occurred"


def rebuild(members: Sequence[dict]) -> dict:
    """The merged record of a set of article-level records (order-independent)."""
    if not members:
        raise ValueError("a merged event needs at least one member")
    unique: dict[str, dict] = {}
    for m in members:
        unique.setdefault(str(m.get("id")), _as_member(m))
    ordered = sorted(unique.values(), key=_member_order)
    record: dict = {
        "id": merged_id(ordered),
        "type": _majority(m.get("type") for m in ordered),
        "status": _combine_status(ordered),
    }
    record.update(_choose_date(ordered))
    record["participants"] = _combine_participants(ordered)
    record["location"] = _majority((m.get("location") for m in ordered),
                                   key=lambda loc: (_norm(loc.get("name")), loc.get("country")))
    record["occasion"] = _majority((m.get("occasion") for m in ordered), key=_norm)
    record["plover"] = _combine_plover(ordered)
    record["cameo"] = _majority(m.get("cameo") for m in ordered)
    record["topics"] = _combine_topics(ordered)
    record["statements"] = _combine_statements(ordered)
    sources = [s for m in ordered for s in m.get("sources", [])]
    record["sources"] = sorted(sources, key=lambda s: (str(s.get("published") or "9999"),
                                                      str(s.get("article") or ""),
                                                      str(s.get("id") or "")))
    record["_members"] = ordered
    return record


def combine(merged: dict, new: dict) -> dict:
    """Fold a record (article-level or merged) into a merged one.

    Idempotent: combining a record whose members are already in ``merged`` returns
    an equal record.
    """
    return rebuild(_members(merged) + _members(new))


# -------------------------------------------------------------------- linking


def _within_visit(visit: dict, part: dict) -> bool:
    """Talks held during a visit: same countries, dated inside the visit's days."""
    if part.get("type") not in PART_OF_VISIT:
        return False
    if (visit.get("status") == "negated") or (part.get("status") == "negated"):
        return False
    cv, cp = countries(visit), countries(part)
    if cv and cp and len(cv & cp) < min(2, len(cv), len(cp)):
        return False
    visit_view, part_view = best_date_view(visit), best_date_view(part)
    if visit_view.first is None or part_view.first is None:
        return False
    assert visit_view.last is not None and part_view.last is not None
    last = visit_view.last
    if not visit.get("end_date") and visit_view.precision == "day":
        last = visit_view.first + timedelta(days=VISIT_DEFAULT_DAYS)
    if part_view.precision != "day" and visit_view.precision == "day":
        return False
    return visit_view.first <= part_view.last and part_view.first <= last


def _link(store: MergeStore, record: dict) -> set[tuple[str, str, str]]:
    """Add part_of links between a merged visit and the talks held during it."""
    added = set()
    if record.get("type") == "visit":
        for family in PART_OF_VISIT:
            for other in store.find_events(query_keys(record, family)):
                if other.get("id") != record["id"] and _within_visit(record, other):
                    added.add((other["id"], record["id"], "part_of"))
    elif record.get("type") in PART_OF_VISIT:
        for other in store.find_events(query_keys(record, "visit")):
            if other.get("id") != record["id"] and _within_visit(other, record):
                added.add((record["id"], other["id"], "part_of"))
    for event_id, other_id, relation in sorted(added):
        store.add_link(event_id, other_id, relation)
    return added


# ----------------------------------------------------------------- the batch


def _save(store: MergeStore, record: dict, old_id: str | None) -> None:
    if old_id and old_id != record["id"]:
        store.delete_event(old_id)
    store.save_event(record, block_keys(record))


def _best_candidate(record: dict, candidates: list[dict]) -> dict | None:
    scored = [(match_score(c, record), c) for c in candidates]
    scored = sorted(((s, c) for s, c in scored if s is not None), key=lambda sc: str(sc[1]["id"]))
    if not scored:
        return None
    # Highest score; ties go to the smallest id (max keeps the first) so the choice
    # is deterministic.
    return max(scored, key=lambda sc: sc[0])[1]


def merge_batch(store: MergeStore, records: list[dict]) -> MergeStats:
    """Fold a batch of article-level records into the store's merged events.

    Records are processed best-dated first (explicit dates anchor the vaguer reports),
    then by publication date and id, so a batch gives the same result whatever order
    its records come in.
    """
    stats = MergeStats()
    ordered = sorted(
        records,
        key=lambda r: (-BASIS_RANK.get(r.get("date_basis") or "none", 0), _member_order(r)),
    )
    touched: dict[str, dict] = {}
    for record in ordered:
        candidates = [c for c in store.find_events(query_keys(record)) if c.get("id")]
        target = _best_candidate(record, candidates)
        if target is None:
            merged = rebuild([record])
            _save(store, merged, None)
            stats.new += 1
        else:
            merged = combine(target, record)
            if merged == target:
                stats.unchanged += 1
                continue
            _save(store, merged, target["id"])
            touched.pop(target["id"], None)
            stats.merged += 1
        touched[merged["id"]] = merged
    links: set[tuple[str, str, str]] = set()
    for merged in sorted(touched.values(), key=lambda r: r["id"]):
        links |= _link(store, merged)
    stats.linked = len(links)
    return stats


# ------------------------------------------------------------ near duplicates

SHINGLE_WORDS = 5
NUM_PERM = 128
# 16 bands of 8 rows: pairs with Jaccard >= ~0.8 (syndicated copies, light edits)
# collide in some band with probability > 0.99; pairs at 0.5 only ~6% of the time.
BANDS, ROWS = 16, 8
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature_bands(text: str) -> list[str]:
    """LSH band hashes of the text's MinHash over word 5-shingles."""
    from datasketch import MinHash

    shingles = _shingles(text)
    if not shingles:
        return []
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(list(shingles))
    values = minhash.hashvalues
    bands = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.sha1(chunk.tobytes()).hexdigest()[:16]
        bands.append(f"{band}:{digest}")
    return bands


def near_duplicates(store: MergeStore, bands_of: Sequence[tuple[str, list[str]]]) -> dict[str, str]:
    """For a batch of (article id, bands), in order: the article each one nearly copies.

    A copy's original is the smallest id among the stored articles and the earlier
    articles of the batch that share a band with it. Records every article's bands, so
    later copies find them. One lookup and one write for the whole batch.
    """
    stored = store.articles_by_band(sorted({b for _, bands in bands_of for b in bands}))
    earlier: dict[str, set[str]] = {}
    originals: dict[str, str] = {}
    for article_id, bands in bands_of:
        candidates: set[str] = set()
        for band in bands:
            candidates |= stored.get(band, set()) | earlier.get(band, set())
        candidates.discard(article_id)
        if candidates:
            originals[article_id] = min(candidates)
        for band in bands:
            earlier.setdefault(band, set()).add(article_id)
    store.save_bands([(article_id, bands) for article_id, bands in bands_of if bands])
    return originals


# -------------------------------------------------- document-level grouping

_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been
    being has have had do does did not no it its this that these those he she they them his
    her their we our you your i me my said says say will would could should may might can
    also after before about over into than then there here when where who whom which what
    while more most other some such only own same so too very just up down out off again
    further once all any both each few new one two three year years day days time told
    according people mr mrs ms last first week""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d{4}")


@dataclass
class StoryDoc:
    """One document for same-story grouping."""

    key: str
    text: str
    published: date | None = None


def _story_terms(text: str) -> Counter:
    """Content words, with capitalised words (names, places) counted twice."""
    terms: Counter = Counter()
    for match in _TOKEN.finditer(text):
        token = match.group()
        low = token.lower()
        if low in _STOP or len(low) < 3:
            continue
        terms[low] += 1
        if token[0].isupper() and not _sentence_initial(text, match.start()):
            terms["@" + low] += 1  # a name-like feature
    return terms


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n\"'"


def _tfidf_vectors(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    bags = [_story_terms(d.text) for d in docs]
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(docs)
    vectors = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def group_documents(docs: Sequence[StoryDoc], threshold: float = 0.3,
                    max_days_apart: int = 5) -> list[int]:
    """Cluster documents into same-story groups; returns a cluster label per doc.

    TF-IDF cosine over content words and name-like words, average-linkage
    agglomeration stopped at ``threshold``; two documents published more than
    ``max_days_apart`` days apart never share a group (when both dates are known).
    """
    vectors = _tfidf_vectors(docs)
    n = len(docs)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = _cosine(vectors[i], vectors[j])
            di, dj = docs[i].published, docs[j].published
            if di and dj and abs((di - dj).days) > max_days_apart:
                s = -1.0
            sim[i][j] = sim[j][i] = s
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    while len(clusters) > 1:
        best, pair = threshold, None
        ids = sorted(clusters)
        for x_pos, x in enumerate(ids):
            for y in ids[x_pos + 1:]:
                members_x, members_y = clusters[x], clusters[y]
                if any(sim[i][j] < 0 for i in members_x for j in members_y):
                    continue
                avg = sum(sim[i][j] for i in members_x for j in members_y) / (
                    len(members_x) * len(members_y))
                if avg > best:
                    best, pair = avg, (x, y)
        if pair is None:
            break
        x, y = pair
        clusters[x] += clusters.pop(y)
    labels = [0] * n
    for label, members in enumerate(sorted(clusters.values(), key=min)):
        for i in members:
            labels[i] = label
    return labels
