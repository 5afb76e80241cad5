"""Gate: a cheap first pass that picks the parts of an article worth a full parse.

Why: most news text is not about diplomacy, and the events stage only ever looks at
sentences that carry a trigger. Parsing only those sentences, their neighbours (for
coreference and dates) and the reported speech that follows them gives the later
stages the same analysis of every sentence that matters, for a fraction of the cost.

One job per module:

- `sentences`: a regular-expression sentence splitter;
- `screen`: the words that select a sentence, derived from the event vocabulary
  (`data/event_types.toml` or a user's file), `data/titles.tsv` and `data/screen.toml`;
- `selection`: which sentences are parsed, given entities only, or only tokenised (a `Plan`);
- `stitching`: running spaCy on the pieces and joining them into one `Doc` per text.

The stitched Doc keeps `doc.text == text` and every `token.idx` identical to a full
parse of the same text, so downstream offsets are unchanged. Sentences that were not
parsed carry no tags or lemmas. Those that name someone the parsed sentences mention
(a full name whose surname a parsed sentence uses) still get named entities, so that
surnames resolve; with `outside="ner"` every unparsed sentence gets them.
"""

from .screen import Screen, build_screen, load_screen
from .selection import (
    MAX_PIECE_CHARS, MAX_SPEECH_FOLLOW, NEIGHBOURS, NER, OUTSIDE_MODES, PARSE, TOKENS, Plan, plan,
    select_sentences,
)
from .sentences import split_sentences
from .stitching import SKIPPED_DEP, is_parsed, parse_gated, stitch

__all__ = [
    "MAX_PIECE_CHARS", "MAX_SPEECH_FOLLOW", "NEIGHBOURS", "NER", "OUTSIDE_MODES", "PARSE", "SKIPPED_DEP",
    "TOKENS", "Plan", "Screen", "build_screen", "is_parsed", "load_screen", "parse_gated", "plan",
    "select_sentences", "split_sentences", "stitch",
]
