"""Resources: the knowledge one run uses, built once from the packaged data plus user files.

Owns: which gazetteer, event-type and topic files a run reads (the packaged ones in
`data/`, extended by the files a user names with `ingest --gazetteer / --event-types /
--topics`), and loading each once per process. A `Resources` is only paths, so it
crosses to worker processes and Dask workers unchanged; each process reads the files
the first time a stage asks (the loaders cache by path).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ResourceError(ValueError):
    """A user file that cannot be used (missing, unreadable, malformed)."""


@dataclass(frozen=True)
class Resources:
    gazetteer: Path | None = None  # rows added to (or replacing) data/gazetteer.tsv
    event_types: Path | None = None  # types and tables laid over data/event_types.toml
    topics: Path | None = None  # topics added to (or replacing) data/topics.toml

    def vocabulary(self):
        from .events.vocabulary import load_event_types

        return load_event_types(self.event_types)

    def topic_list(self):
        from .events.vocabulary import load_topics

        return load_topics(self.topics)

    def people(self):
        from .actors.gazetteer import load_gazetteer

        return load_gazetteer(self.gazetteer)

    def check(self) -> "Resources":
        """Load every user file once, here, so a bad one fails before any work starts."""
        from .actors.gazetteer import GazetteerError
        from .events.vocabulary import VocabularyError

        for name in ("gazetteer", "event_types", "topics"):
            path = getattr(self, name)
            if path is not None and not Path(path).is_file():
                raise ResourceError(f"--{name.replace('_', '-')}: no such file: {path}")
        try:
            self.vocabulary()
            self.topic_list()
            self.people()
        except (VocabularyError, GazetteerError, ValueError, KeyError) as exc:
            raise ResourceError(str(exc)) from exc
        return self


DEFAULT = Resources()
