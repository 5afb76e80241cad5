"""A small store of merged events written by hand (our own invented people and
sentences), for the dossier and export tests: exact expectations, no parsing."""

from __future__ import annotations

from pathlib import Path

from readouts.records import EventRecord
from readouts.store import Store


def person(name, title, country, role, slug=None):
    return {"name": name, "title": title, "country": country, "role": role,
            "actor_id": f"person:{slug or name.lower().replace(' ', '-')}:{country}"}


def source(n, outlet, published, text="met"):
    return {"id": f"ae-{n}", "article": f"notes/{n:03d}.txt", "article_id": f"art{n:03d}",
            "outlet": outlet, "published": published, "status": "occurred",
            "date": published, "date_basis": "explicit",
            "evidence": [{"start": 10, "end": 10 + len(text), "text": text, "field": "trigger"}]}


def statement(speaker, text):
    return {"speaker": speaker, "text": text, "positions": [], "start": 0, "end": len(text)}


def event(eid, type_, date, participants, *, status="occurred", topics=(), statements=(),
          sources=(), location=None):
    return {
        "id": eid, "type": type_, "status": status, "date": date,
        "date_precision": "day" if date else "unknown", "end_date": None,
        "date_basis": "explicit" if date else "none", "participants": participants,
        "location": location, "occasion": None,
        "plover": {"event": "CONSULT", "mode": ["in-person"], "context": ["diplomatic"]},
        "cameo": "040", "topics": list(topics), "statements": list(statements),
        "sources": list(sources),
    }


# Norway (NOR) and Chile (CHL), invented officials; one Norway–Peru event that a
# Norway–Chile dossier must leave out.
HOLM = person("Ingrid Holm", "Prime Minister", "NOR", "actor")
BERG = person("Lars Berg", "Foreign Minister", "NOR", "actor")
ROJAS = person("Camila Rojas", "President", "CHL", "recipient")
ROJAS_HOST = person("Camila Rojas", "President", "CHL", "host")
VERA = person("Tomas Vera", "Foreign Minister", "CHL", "recipient")
QUISPE = person("Rosa Quispe", "President", "PER", "recipient")

EVENTS = [
    event("ev-n1", "meeting", "2022-02-10", [HOLM, ROJAS],
          topics=["trade", "energy"],
          statements=[statement("Ingrid Holm", "Norway firmly respects the sovereignty and territorial integrity of Chile."),
                      statement("Camila Rojas", "Chile will expand trade and investment with Norway in green shipping.")],
          sources=[source(1, "Coastal Post", "2022-02-11"), source(2, "Andes Wire", "2022-02-11")]),
    event("ev-n2", "phone_call", "2022-03-03", [BERG, VERA],
          topics=["trade"],
          statements=[statement("Lars Berg", "Norway respects the sovereignty and territorial integrity of Chile, the minister said."),
                      statement("Tomas Vera", "The salmon quota talks should end with a fair deal for fishing towns.")],
          sources=[source(3, "Coastal Post", "2022-03-04")]),
    event("ev-n3", "visit", "2022-11-20", [person("Ingrid Holm", "Prime Minister", "NOR", "visitor"), ROJAS_HOST],
          topics=["energy", "climate"], location={"name": "Santiago", "country": "CHL"},
          statements=[statement("Camila Rojas", "The salmon quota talks should end with a fair deal for the fishing towns, she said.")],
          sources=[source(4, "Andes Wire", "2022-11-21")]),
    event("ev-n4", "visit", None, [person("Camila Rojas", "President", "CHL", "visitor"),
                                   person("Ingrid Holm", "Prime Minister", "NOR", "host")],
          status="planned", topics=["climate"], location={"name": "Oslo", "country": "NOR"},
          sources=[source(5, "Coastal Post", "2023-01-15")]),
    event("ev-n5", "meeting", "2023-01-05", [BERG, QUISPE], topics=["trade"],
          sources=[source(6, "Andes Wire", "2023-01-06")]),
]


def build_store(path: Path) -> Path:
    with Store(path) as store:
        with store.transaction():
            for record in EVENTS:
                store.save_event(EventRecord.from_json(record), [record["id"]])
    return path
