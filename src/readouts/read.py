"""Read: turn files on disk into raw articles, or into skips that say why not.

Owns: walking the inputs, decoding bytes into text, the supported formats (.txt with
an optional ` date YYYY-MM-DD` header line, .jsonl, .json, .csv, .html/.htm), and
every way an input can be unusable (empty, binary, undecodable, too large,
malformed, non-English, unsupported). Nothing that goes wrong with one input stops
the others: each problem becomes one `Skip` and reading goes on.

Streaming: directories are walked lazily and every article is yielded as soon as it
is read. JSON Lines and CSV files are read record by record, so a large dump never
sits in memory; `.txt`, `.json` and `.html` files are read whole and are therefore
capped at `max_bytes` (5 MB by default). Records of JSON Lines and CSV files are
capped at `max_bytes` each.

For a web page, `RawArticle.text` is the main text trafilatura extracts, not the
markup: that text is the "original" every evidence offset later points into.

Records (.jsonl, .json, .csv) find their fields under the common names news exports
use (`FieldNames`: body/content/article/text, date/dct/published/pubdate, uid/id/guid,
headline/title), or under names the user gives; a record without text says which
fields it has. A publication date must be absolute ("yesterday" is skipped with the
reason) and a day/month order that could go either way ("02/03/2012") follows
`date_order` (DMY or MDY) or is skipped with a line saying so, never guessed.
A .txt file that is a multi-article export (LexisNexis "Document N of M" / "End of
Document", Factiva "Document <id>" trailers) is split into its articles.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

from readouts.language import check_english
from readouts.records import RawArticle, Skip

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # per file read whole, and per JSONL/CSV record
SUPPORTED_SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".json": "json", ".csv": "csv",
                      ".html": "html", ".htm": "html"}
# How much of a streamed file is looked at to guess its encoding.
_ENCODING_PROBE_BYTES = 64 * 1024
# A text whose share of control characters exceeds this is binary, whatever decodes it.
_MAX_CONTROL_SHARE = 0.05
# Fewer words than this extracted from a page means it had no article (a menu, an index).
_MIN_HTML_WORDS = 10
# charset-normalizer's "chaos" (0 = clean text, 1 = noise) above which a guess is not trusted.
_MAX_CHAOS = 0.3

# ` date 2021-05-22 rest of line` or ` date unknown` (the leading space is optional).
HEADER_RE = re.compile(r"^[ \t]?date[ \t]+(?P<value>\d{4}-\d{2}-\d{2}|unknown)\b[ \t]*(?P<rest>[^\n]*)")


@dataclass
class ReadStats:
    """Counts the reader keeps as it goes (for the report at the end of an ingest)."""

    files: int = 0  # files opened
    articles: int = 0
    skips: int = 0
    ignored: int = 0  # files of other types found inside directories
    ignored_suffixes: dict[str, int] = field(default_factory=dict)

    def ignore(self, path: Path) -> None:
        self.ignored += 1
        suffix = path.suffix.lower() or "(none)"
        self.ignored_suffixes[suffix] = self.ignored_suffixes.get(suffix, 0) + 1


@dataclass(frozen=True)
class FieldNames:
    """Where a record's fields are looked for, first match wins (case-insensitive).

    `with_overrides` puts names the user gives (--text-field ...) in place of a list.
    """

    text: tuple[str, ...] = ("text", "body", "content", "article", "full_text", "story", "maintext")
    date: tuple[str, ...] = ("published", "date", "dct", "pubdate", "publication_date",
                             "published_at", "date_publish", "datetime")
    id: tuple[str, ...] = ("id", "uid", "guid", "doc_id", "docid")
    title: tuple[str, ...] = ("title", "headline", "heading")
    url: tuple[str, ...] = ("url", "link", "permalink")
    outlet: tuple[str, ...] = ("outlet", "publisher", "site_name", "sitename", "publication")

    def with_overrides(self, text: str | None = None, date: str | None = None,
                       id: str | None = None) -> "FieldNames":
        def one(given: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
            return (given.strip().lower(),) if given else default
        return FieldNames(text=one(text, self.text), date=one(date, self.date), id=one(id, self.id),
                          title=self.title, url=self.url, outlet=self.outlet)


DateOrder = Literal["DMY", "MDY"]


@dataclass(frozen=True)
class ReadOptions:
    """How records are read: their field names and the day/month order of their dates."""

    fields: FieldNames = field(default_factory=FieldNames)
    date_order: DateOrder | None = None
    max_bytes: int = MAX_BYTES


class Undecodable(ValueError):
    """Bytes that are binary, or text in no encoding we can trust."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# ------------------------------------------------------------------------ walking


def iter_inputs(
    paths: Iterable[Path | str], max_bytes: int | None = None, stats: ReadStats | None = None,
    options: ReadOptions | None = None,
) -> Iterator[RawArticle | Skip]:
    """Yield a RawArticle or a Skip for every article in `paths`, in a stable order.

    A directory is walked recursively in sorted order, skipping hidden entries and
    silently ignoring (but counting in `stats`) files of unsupported types. A file
    named directly with an unsupported type yields a Skip.
    """
    stats = stats if stats is not None else ReadStats()
    options = options or ReadOptions()
    if max_bytes is not None:
        options = ReadOptions(options.fields, options.date_order, max_bytes)
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in _walk(root):
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    stats.ignore(path)
                    continue
                yield from _counted(read_path(path, path.relative_to(root).as_posix(), options), stats)
        elif root.is_file():
            yield from _counted(read_path(root, root.name, options), stats)
        else:
            stats.skips += 1
            yield Skip(str(given), "unsupported", "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    """Files under root in sorted order of their path, hidden files and dirs left out."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _counted(items: Iterator[RawArticle | Skip], stats: ReadStats) -> Iterator[RawArticle | Skip]:
    stats.files += 1
    for item in items:
        if isinstance(item, Skip):
            stats.skips += 1
        else:
            stats.articles += 1
        yield item


def read_path(path: Path, source: str, options: ReadOptions | None = None) -> Iterator[RawArticle | Skip]:
    """Every article in one file, long texts in windows; never raises for a bad file,
    yields Skips instead."""
    for item in _read_path(path, source, options or ReadOptions()):
        if isinstance(item, RawArticle) and len(item.text) > WINDOW_CHARS * 3 // 2:
            yield from windows(item)
        else:
            yield item


def _read_path(path: Path, source: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield Skip(source, "unsupported", f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        if fmt == "jsonl" and not _starts_with_array(path):
            yield from _read_jsonl(path, source, options)
        elif fmt == "csv":
            yield from _read_csv(path, source, options)
        else:
            yield from _read_whole(path, source, "json" if fmt == "jsonl" else fmt, options)
    except OSError as exc:  # unreadable file, permissions, vanished during the walk
        yield Skip(source, "unreadable", f"cannot read file: {exc.strerror or exc}")
    except (RecursionError, ValueError, csv.Error) as exc:  # e.g. absurdly nested JSON
        log.debug("reading %s failed", source, exc_info=True)
        yield Skip(source, "malformed", f"cannot parse file: {type(exc).__name__}")


# ----------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or the
    encoding charset-normalizer finds plausible (cp1252, Latin-1 ...).

    Raises Undecodable("binary" | "encoding", detail) when the bytes are not text.
    """
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _require_text(data.decode(encoding))
            except UnicodeDecodeError:
                raise Undecodable("encoding", f"invalid {encoding} despite its byte-order mark") from None
    wide = _utf16_without_bom(data[:_ENCODING_PROBE_BYTES])
    if wide:
        try:
            return _require_text(data.decode(wide))
        except UnicodeDecodeError:
            raise Undecodable("encoding", f"looks like {wide} but does not decode") from None
    data = _without_stray_nuls(data)
    _reject_binary(data[:_ENCODING_PROBE_BYTES])
    try:
        return _require_text(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            return _require_text(data.decode("utf-8", errors=_MIXED_HANDLER))
    return _require_text(_decode_guessed(data))


# Below this share of NUL bytes they are stray (a bad export), not the mark of binary data.
_MAX_STRAY_NUL_SHARE = 0.005
# Above this share of NULs on one side of each byte pair, the text is UTF-16 without a BOM.
_MIN_UTF16_NUL_SHARE = 0.3
# A UTF-8 text with at most this share of invalid bytes has a few pasted-in legacy characters.
_MAX_INVALID_UTF8_SHARE = 0.02
_MIXED_HANDLER = "readouts-utf8-then-cp1252"


def _utf16_without_bom(probe: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when NULs sit on one side of most byte pairs (ASCII as UTF-16)."""
    pairs = len(probe) // 2
    if pairs < 8 or len(probe) % 2:
        return None
    odd_nuls = probe[1::2].count(0) / pairs
    even_nuls = probe[0::2].count(0) / pairs
    if odd_nuls >= _MIN_UTF16_NUL_SHARE and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls >= _MIN_UTF16_NUL_SHARE and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _without_stray_nuls(data: bytes) -> bytes:
    """Drop a few NUL bytes scattered in text (they break nothing but the binary test)."""
    nuls = data.count(0)
    if nuls and nuls / len(data) <= _MAX_STRAY_NUL_SHARE:
        return data.replace(b"\x00", b"")
    return data


def _mostly_utf8(data: bytes, first_error: UnicodeDecodeError) -> bool:
    """True when only a few bytes are not UTF-8 (a file of mixed encodings, or cut short)."""
    invalid = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    return first_error.start > 0 and (len(data) - invalid) / len(data) <= _MAX_INVALID_UTF8_SHARE


def _utf8_then_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode a byte that is not UTF-8 as cp1252; drop a character cut off at the end."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if exc.end >= len(exc.object) and exc.reason == "unexpected end of data":
        return "", exc.end
    return bytes(exc.object[exc.start:exc.end]).decode("cp1252", errors="replace"), exc.end


codecs.register_error(_MIXED_HANDLER, _utf8_then_cp1252)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1a")


def _reject_binary(probe: bytes) -> None:
    """Raise Undecodable("binary") for NUL bytes or many control bytes in any encoding."""
    if b"\x00" in probe:
        raise Undecodable("binary", "binary content (NUL bytes)")
    controls = len(probe) - len(probe.translate(None, _CONTROL_BYTES))
    if probe and controls / len(probe) > _MAX_CONTROL_SHARE:
        raise Undecodable("binary", f"binary content ({controls / len(probe):.0%} control bytes)")


def _decode_guessed(data: bytes) -> str:
    return data.decode(_guess_encoding(data))


def _guess_encoding(data: bytes) -> str:
    """The encoding charset-normalizer finds most plausible for non-UTF-8 bytes.

    When several single-byte code pages read the bytes equally well (they differ only
    in a few accented letters), cp1252 wins: it is by far the commonest legacy
    encoding of English text, and the others would turn "São" into "Săo".
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise Undecodable("encoding", "not valid UTF-8 and no plausible text encoding found")
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
            return "cp1252"
    return best.encoding


def _require_text(text: str) -> str:
    """Reject decoded text that is mostly control characters (binary in disguise)."""
    sample = text[:_ENCODING_PROBE_BYTES]
    if not sample:
        return text
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        raise Undecodable("binary", f"binary content ({controls / len(sample):.0%} control characters)")
    return text


# Text this long is judged on the shape of its characters too.
_MIN_CHARS_FOR_PROSE_TEST = 200
# Prose in any script is mostly letters, digits and spaces; random printable bytes are
# about two thirds, base64 has no spaces, and one byte repeated has one distinct character.
_MIN_WORD_CHAR_SHARE = 0.75
_MAX_MEAN_TOKEN_CHARS = 60
_MIN_DISTINCT_CHARS = 8


def _reject_non_prose(text: str) -> None:
    """Raise Undecodable("binary") for decodable bytes that are not writing (plain text only:
    markup and JSON have their own share of symbols)."""
    sample = text[:_ENCODING_PROBE_BYTES]
    if len(sample) < _MIN_CHARS_FOR_PROSE_TEST:
        return
    word_chars = sum(1 for ch in sample if ch.isalnum() or ch.isspace())
    if word_chars / len(sample) < _MIN_WORD_CHAR_SHARE:
        raise Undecodable("binary", f"binary data (only {word_chars / len(sample):.0%} letters, digits and spaces)")
    if len(set(sample)) < _MIN_DISTINCT_CHARS:
        raise Undecodable("binary", f"binary data ({len(set(sample))} distinct characters)")
    tokens = len(sample.split())
    ideographic = sum(1 for ch in sample if ord(ch) >= 0x2E80)  # CJK scripts write without spaces
    if ideographic < len(sample) / 4 and len(sample) / max(tokens, 1) > _MAX_MEAN_TOKEN_CHARS:
        raise Undecodable("binary", "binary data (no word breaks)")


def _stream_encoding(path: Path) -> str:
    """The encoding to stream a file with, judged on its first bytes."""
    with path.open("rb") as handle:
        probe = handle.read(_ENCODING_PROBE_BYTES)
    if probe.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if probe.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    _reject_binary(probe)
    try:
        # A multi-byte character may be cut at the probe's end: ignore only that.
        probe.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(probe) - 3 and len(probe) == _ENCODING_PROBE_BYTES:
            return "utf-8"
    return _guess_encoding(probe)


# ------------------------------------------------------------------------ formats


def _starts_with_array(path: Path) -> bool:
    """A .jsonl file that is really one JSON array (a common mistake) is read as .json."""
    with path.open("rb") as handle:
        head = handle.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[")


def _read_whole(path: Path, source: str, fmt: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    size = path.stat().st_size
    if size > options.max_bytes:
        yield Skip(source, "too_large", f"{size:,} bytes exceeds the {options.max_bytes:,}-byte cap")
        return
    data = path.read_bytes()
    if not data.strip():
        yield Skip(source, "empty", "empty file")
        return
    try:
        text = decode_bytes(data)
        if fmt == "txt":
            _reject_non_prose(text)
    except Undecodable as exc:
        yield Skip(source, exc.reason, exc.detail)  # type: ignore[arg-type]
        return
    if not text.strip():
        yield Skip(source, "empty", "only whitespace")
        return
    if fmt == "txt":
        yield from _txt_articles(text, source, options)
    elif fmt == "html":
        yield _html_article(text, source)
    else:
        yield from _json_articles(text, source, options)


def _txt_articles(text: str, source: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    """One article, or each article of a multi-article export."""
    pieces = split_export(text)
    if not pieces:
        yield _checked(_txt_article(text, source))
        return
    for number, piece in enumerate(pieces, start=1):
        where = f"{source}#{number}"
        if not piece.text.strip():
            continue
        published = None
        if piece.date_line:
            published, problem = parse_published(piece.date_line, options.date_order)
            if problem:
                log.debug("%s: date line %r not used: %s", where, piece.date_line, problem)
        yield _checked(RawArticle(source=where, text=piece.text, title=piece.title,
                                  published=published,
                                  published_from="metadata" if published else None, fmt="txt"))


def _txt_article(text: str, source: str) -> RawArticle:
    """A .txt article; the ` date` header line, when present, gives the publication date."""
    published = None
    published_from = None
    header = HEADER_RE.match(text)
    if header and header.group("value") != "unknown":
        published = _iso_date(header.group("value"))
        published_from = "header" if published else None
    return RawArticle(source=source, text=text, published=published,
                      published_from=published_from, fmt="txt")


# ------------------------------------------------------------------------ windows

# A text longer than 1.5 windows is cut into windows of about this many characters.
# News articles are 2-10 thousand characters; analysis cost grows faster than
# linearly with the length of one Doc (every event looks at the Doc's sentences), so
# a 5 MB text analysed whole takes hours, and in windows grows linearly.
WINDOW_CHARS = 20_000
# Where a window may end, best first: a blank line, a line end, a sentence end, a space.
_WINDOW_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'’”)]?\s"),
                  re.compile(r"\s"))


def windows(article: RawArticle, size: int = WINDOW_CHARS) -> Iterator[RawArticle]:
    """Cut a long article into windows at paragraph (else line, sentence, word) ends.

    Each window is an article of its own whose text is an exact slice of the read
    text, so evidence offsets stay exact; its source names the slice as an RFC 5147
    fragment, "big.txt#char=20000,40113". Every window keeps the metadata read for
    the whole (title, date, url).
    """
    text = article.text
    start = 0
    while start < len(text):
        end = _window_end(text, start, size)
        if text[start:end].strip():
            yield replace(article, text=text[start:end], source=f"{article.source}#char={start},{end}")
        start = end


def _window_end(text: str, start: int, size: int) -> int:
    """The end of the window that starts at `start`: a break in its last half, if any."""
    if len(text) - start <= size * 3 // 2:
        return len(text)
    limit = start + size
    for pattern in _WINDOW_BREAKS:
        found = None
        for found in pattern.finditer(text, start + size // 2, limit):
            pass
        if found:
            return found.end()
    return limit


# ------------------------------------------------------------ multi-article exports

# LexisNexis: "Document 3 of 120" before each article, "End of Document" after it.
_DOC_N_OF_M = re.compile(r"^[ \t]*Document[ \t]+\d+[ \t]+of[ \t]+\d+[ \t]*$", re.MULTILINE | re.IGNORECASE)
_LEXISNEXIS_SEPARATOR = re.compile(
    r"^[ \t]*(?:Document[ \t]+\d+[ \t]+of[ \t]+\d+|End of Document)[ \t]*$", re.MULTILINE | re.IGNORECASE)
# Factiva: "Document LBA0000020210305eh35000gh" after each article.
_FACTIVA_TRAILER = re.compile(r"^[ \t]*Document[ \t]+[A-Za-z0-9]{16,}[ \t]*$", re.MULTILINE)
# Lines of an export's header block that are metadata, not the title or the body.
_METADATA_LINE = re.compile(
    r"^(?:copyright\b|©|\(c\)|length:|section:|byline:|load-date:|language:|publication-type:|"
    r"journal-code:|graphic:|dateline:|highlight:|\d[\d,]*\s+words$|english$)", re.IGNORECASE)
_BODY_LINE = re.compile(r"^[ \t]*Body[ \t]*$", re.MULTILINE)
# The header block (title, outlet, date, copyright) is at most this many lines.
_HEADER_LINES = 14


@dataclass
class ExportPiece:
    """One article of a multi-article export: its body, and what its header says."""

    text: str
    title: str | None = None
    date_line: str | None = None


def split_export(text: str) -> list[ExportPiece]:
    """The articles of a LexisNexis or Factiva export, or [] for an ordinary text.

    A text is an export when its separator lines cut it into at least two non-empty
    pieces; the pieces are the spans between separators, separator lines left out.
    """
    for separators in (_LEXISNEXIS_SEPARATOR, _FACTIVA_TRAILER):
        cuts = [0] + [pos for m in separators.finditer(text) for pos in (m.start(), m.end())] + [len(text)]
        spans = [(start, end) for start, end in zip(cuts[0::2], cuts[1::2]) if text[start:end].strip()]
        if len(spans) >= 2:
            return [_piece(text[start:end]) for start, end in spans]
    return []


def _piece(chunk: str) -> ExportPiece:
    """Title and date from an export article's header block, and the body after it:
    after a "Body" line (LexisNexis), else after the copyright line (Factiva)."""
    title = date_line = None
    body_start = copyright_end = 0
    position = 0
    for number, line in enumerate(chunk.splitlines(keepends=True)[:_HEADER_LINES * 2]):
        stripped = line.strip()
        position += len(line)
        if _BODY_LINE.fullmatch(line.rstrip("\r\n")):
            body_start = position
            break
        if number >= _HEADER_LINES or not stripped or _DOC_N_OF_M.match(stripped):
            continue
        if _COPYRIGHT_LINE.match(stripped):
            copyright_end = copyright_end or position
        elif date_line is None and _looks_like_date_line(stripped):
            date_line = stripped
        elif title is None and not _METADATA_LINE.match(stripped):
            title = stripped
    body = chunk[body_start or copyright_end:]
    return ExportPiece(body.strip("\n"), title, date_line)


_COPYRIGHT_LINE = re.compile(r"^(?:copyright\b|©|\(c\)\s)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:\w+,?\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[\s,]+[A-Za-z]+)?(?:\s+\d{1,2}:\d{2}.*)?$")


def _looks_like_date_line(line: str) -> bool:
    """ "March 5, 2021 Friday", "5 March 2021", "Friday, March 5, 2021 10:31 AM GMT" """
    return len(line) <= 60 and bool(_DATE_LINE.match(line))


def _html_article(markup: str, source: str) -> RawArticle | Skip:
    """The main text of a web page, with its title, date and site name as metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False,
            # Only dates the page states about itself, not any date found in its text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        return Skip(source, "malformed", f"cannot parse HTML: {type(exc).__name__}")
    text = getattr(doc, "text", None) if doc is not None else None
    words = len(text.split()) if text else 0
    if words < _MIN_HTML_WORDS:
        return Skip(source, "empty", f"no main text found in the HTML page ({words} words)")
    published = parse_published(doc.date)[0] if doc.date else None
    article = RawArticle(
        source=doc.url or source, text=text, title=doc.title or None, outlet=doc.sitename or None,
        url=doc.url or None, published=published,
        published_from="metadata" if published else None, fmt="html",
    )
    return _checked(article)


# Keys under which a .json file may hold its list of records.
_RECORD_LISTS = ("articles", "documents", "docs", "records", "items", "data", "results")


def _json_articles(text: str, source: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    """Articles in a .json file: one record, a list of records, or {"articles": [...]}."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(source, "malformed", f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    listed = next((payload[k] for k in _RECORD_LISTS
                   if isinstance(payload, dict) and isinstance(payload.get(k), list)), None)
    if listed is not None:
        records = listed
    elif isinstance(payload, dict):
        records = [payload]
    elif isinstance(payload, list):
        records = payload
    else:
        yield Skip(source, "malformed", "JSON is neither a record nor a list of records")
        return
    for number, record in enumerate(records, start=1):
        yield _record_article(record, source, f"record {number}", number, "json", options)


def _encoding_or_skip(path: Path, source: str) -> str | Skip:
    """The encoding a line-by-line reader opens `path` with, or why it cannot."""
    try:
        return _stream_encoding(path)
    except Undecodable as exc:
        return Skip(source, exc.reason, exc.detail)  # type: ignore[arg-type]


def _read_jsonl(path: Path, source: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    max_bytes = options.max_bytes
    encoding = _encoding_or_skip(path, source)
    if isinstance(encoding, Skip):
        yield encoding
        return
    if encoding.startswith("utf-16"):
        yield Skip(source, "encoding", "JSON Lines must be UTF-8 (found UTF-16)")
        return
    seen_any = False
    with path.open("rb") as handle:
        for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
            if line is not None and not line.strip():
                continue
            seen_any = True
            where = f"line {number}"
            if line is None:
                yield Skip(f"{source}#{number}", "too_large",
                           f"{where}: record exceeds the {max_bytes:,}-byte cap")
                continue
            try:
                record = json.loads(line.decode(encoding))
            except UnicodeDecodeError:
                yield Skip(f"{source}#{number}", "encoding", f"{where}: not valid {encoding}")
                continue
            except json.JSONDecodeError:
                yield Skip(f"{source}#{number}", "malformed", f"{where}: invalid JSON")
                continue
            yield _record_article(record, source, where, number, "jsonl", options)
    if not seen_any:
        yield Skip(source, "empty", "empty file")


def _bounded_lines(handle: io.BufferedIOBase, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary file; None stands for a line longer than max_bytes, which is
    skipped over in chunks rather than held in memory."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
        else:
            yield line


def _read_csv(path: Path, source: str, options: ReadOptions) -> Iterator[RawArticle | Skip]:
    max_bytes = options.max_bytes
    encoding = _encoding_or_skip(path, source)
    if isinstance(encoding, Skip):
        yield encoding
        return
    # one field may hold a whole article: allow it up to the record cap
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    with path.open("r", encoding=encoding, newline="") as handle:
        dialect = _sniff_dialect(handle)
        # strict: a row whose quote never closes is malformed, not a one-word article
        reader = csv.DictReader(handle, dialect=dialect, strict=True)
        number = 0
        try:
            if reader.fieldnames is None:
                yield Skip(source, "empty", "empty file")
                return
            header = [(name or "").strip().lstrip("\ufeff").lower() for name in reader.fieldnames]
            if not any(name in header for name in options.fields.text):
                yield Skip(source, "malformed", _no_text_field("CSV has no text column", header, options))
                return
            reader.fieldnames = header
            for number, row in enumerate(reader, start=1):
                record = {k: v for k, v in row.items() if k is not None}
                size = sum(len(v.encode("utf-8")) for v in record.values() if isinstance(v, str))
                if size > max_bytes:
                    yield Skip(f"{source}#{number}", "too_large",
                               f"row {number}: {size:,} bytes exceeds the {max_bytes:,}-byte cap")
                    continue
                yield _record_article(record, source, f"row {number}", number, "csv", options)
        except csv.Error as exc:  # the reader cannot resync after a broken row: stop here
            yield Skip(f"{source}#{number + 1}", "malformed", f"row {number + 1}: {exc}")
        except UnicodeDecodeError:
            yield Skip(f"{source}#{number + 1}", "encoding",
                       f"row {number + 1}: not valid {encoding}; rest of file not read")


def _sniff_dialect(handle: io.TextIOBase) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect (delimiter, quoting) of the file's first lines; plain commas if unsure."""
    sample = handle.read(_ENCODING_PROBE_BYTES)
    handle.seek(0)
    first_line = sample.split("\n", 1)[0]
    try:
        # judged on the header line: article text in later rows is full of commas
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t|")
    except csv.Error:
        return csv.excel
    dialect.doublequote = True
    dialect.quotechar = '"'
    return dialect


def _no_text_field(what: str, found: list[str], options: ReadOptions) -> str:
    names = ", ".join(repr(n) for n in found[:12] if n) or "none"
    return f"{what} (looked for {'/'.join(options.fields.text)}; fields found: {names}; name yours with --text-field)"


def _record_article(
    record: object, source: str, where: str, number: int, fmt: str, options: ReadOptions
) -> RawArticle | Skip:
    """One json/jsonl/csv record → RawArticle; `source` becomes the url or path#id."""
    if not isinstance(record, dict):
        return Skip(f"{source}#{number}", "malformed", f"{where}: not a JSON object")
    fields = options.fields
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    external_id = _first_field(lowered, fields.id)
    url = _first_field(lowered, fields.url)
    record_source = url or f"{source}#{external_id or number}"
    text = next((lowered[n] for n in fields.text if isinstance(lowered.get(n), str) and lowered[n].strip()), None)
    if text is None:
        if any(n in lowered for n in fields.text):
            return Skip(record_source, "empty", f"{where}: no text")
        return Skip(record_source, "empty", _no_text_field(f"{where}: no text field", list(lowered), options))
    published = None
    raw_date = _first_field(lowered, fields.date)
    if raw_date:
        published, problem = parse_published(raw_date, options.date_order)
        if problem:
            return Skip(record_source, "bad_date", f"{where}: publication date {raw_date!r} {problem}")
    article = RawArticle(
        source=record_source, text=text, title=_first_field(lowered, fields.title),
        outlet=_first_field(lowered, fields.outlet), url=url, external_id=external_id,
        published=published, published_from="metadata" if published else None, fmt=fmt,
    )
    return _checked(article)


def _first_field(record: dict, names: tuple[str, ...]) -> str | None:
    """The first of `names` with a non-empty scalar value, as text."""
    for name in names:
        value = record.get(name)
        if value is None or isinstance(value, (dict, list)):
            continue
        value = str(value).strip()
        if value:
            return value
    return None


_WORD = re.compile(r"[^\W\d_]{2,}")
# Fewer words than this cannot report anything ("Diplomacy", a lone byline).
_MIN_WORDS = 3


def _checked(article: RawArticle) -> RawArticle | Skip:
    """The article itself, or an empty / non_english Skip."""
    body = article.text
    header = HEADER_RE.match(body) if article.fmt == "txt" else None
    if header:
        body = body[header.start("rest"):]
    words = sum(1 for _ in islice(_WORD.finditer(body), _MIN_WORDS))
    if words < _MIN_WORDS:
        return Skip(article.source, "empty", f"{'no words' if not words else f'only {words} word(s)'} in the text")
    verdict = check_english(body)
    if not verdict.english:
        return Skip(article.source, "non_english", verdict.detail)
    return article


# -------------------------------------------------------------------------- dates


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# Publication dates outside these years are errors (a 0001-01-01 default, a typo).
_FIRST_YEAR = 1800
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4})\b")
_ISO_PREFIX = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b")
_YEAR = re.compile(r"\b\d{4}\b")


def parse_published(value: str, date_order: DateOrder | None = None) -> tuple[date | None, str | None]:
    """An absolute publication date from metadata, or (None, why not).

    ISO dates first; "02/03/2012" follows `date_order` when both numbers could be the
    month, and is refused as ambiguous without it; named months, full timestamps and
    Unix times go to dateparser with relative expressions ("yesterday") refused.
    """
    value = value.strip()
    iso = _ISO_PREFIX.match(value)
    if iso:
        return _checked_date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
    numeric = _NUMERIC_DATE.match(value)
    if numeric:
        return _day_month(int(numeric["a"]), int(numeric["b"]), int(numeric["year"]), date_order)
    if value.isdigit() and len(value) >= 9:  # a Unix time in seconds or milliseconds
        seconds = int(value) / (1000 if len(value) >= 12 else 1)
        try:
            day = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None, "is not a date"
        return _checked_date(day.year, day.month, day.day)
    if not _YEAR.search(value):
        return None, "is not an absolute date (no year); give the date the article was published"
    parsed = parse_date_strict(value)
    if parsed is None:
        return None, "is not a full calendar date"
    return _checked_date(parsed.year, parsed.month, parsed.day)


def _day_month(a: int, b: int, year: int, order: DateOrder | None) -> tuple[date | None, str | None]:
    """Resolve "a/b/year": unambiguous when one number exceeds 12 or both are equal."""
    if a > 12 or (order == "DMY" and b <= 12):
        return _checked_date(year, b, a)
    if b > 12 or a == b or order == "MDY":
        return _checked_date(year, a, b)
    return None, ("is ambiguous (day/month or month/day); say which with --date-order DMY or "
                  "--date-order MDY")


def _checked_date(year: int, month: int, day: int) -> tuple[date | None, str | None]:
    try:
        found = date(year, month, day)
    except ValueError:
        return None, "is impossible (no such day)"
    if not _FIRST_YEAR <= year <= date.today().year + 1:
        return None, f"is implausible (year {year})"
    return found, None


def parse_date_strict(value: str) -> date | None:
    """A full calendar date (day, month and year all stated) from a short string, or None."""
    import dateparser

    parsed = dateparser.parse(
        value, languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
                  # absolute dates only: "yesterday" would be read against today's clock
                  "PARSERS": ["timestamp", "custom-formats", "absolute-time"]},
    )
    return parsed.date() if parsed else None
