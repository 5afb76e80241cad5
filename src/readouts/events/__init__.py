"""Events: typed diplomatic interactions reported by one article.

Owns: turning an article's triggers into `records.Event`s — one per real-world
interaction the article reports (repeated mentions of the same call or meeting are
folded into one), each with type, status, participants and roles, date, venue,
occasion, topics, statements and the evidence spans behind every field.

Rooms, in the order the stage (`stage.extract_events`) uses them:
    triggers, status, participants    what each trigger word reports, about whom
    mentions                          one mention per trigger; repeated mentions folded
    programme                         visits and their talks; tours; talks one by one
    dating                            the day of each event and its basis
    building, places, statements      venue, occasion, topics, statements, evidence
    vocabulary                        the data (event_types.toml, topics.toml)
"""

from .stage import extract_events
from .vocabulary import load_event_types, load_topics

__all__ = ["extract_events", "load_event_types", "load_topics"]
