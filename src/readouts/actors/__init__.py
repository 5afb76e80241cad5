"""Actors: who is who in an article, and which state or organisation each belongs to.

Owns: the actors stage (records.ActorSet from an Article and its Doc), the actor
gazetteer and the country / organisation / title tables in `readouts/data`.

    find_actors(article, doc, gazetteer=None) -> ActorSet
    load_gazetteer(path=None) -> Gazetteer
    actor_id(actor) -> str
    country_of(text) -> str | None
"""

from .gazetteer import Gazetteer, GazetteerError, OfficeTerm, load_gazetteer
from .stage import actor_id, country_of, find_actors

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "OfficeTerm",
    "actor_id",
    "country_of",
    "find_actors",
    "load_gazetteer",
]
