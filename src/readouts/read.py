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
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

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


class Undecodable(ValueError):
    """Bytes that are binary, or text in no encoding we can trust."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# ------------------------------------------------------------------------ walking


def iter_inputs(
    paths: Iterable[Path | str], max_bytes: int = MAX_BYTES, stats: ReadStats | None = None
) -> Iterator[RawArticle | Skip]:
    """Yield a RawArticle or a Skip for every article in `paths`, in a stable order.

    A directory is walked recursively in sorted order, skipping hidden entries and
    silently ignoring (but counting in `stats`) files of unsupported types. A file
    named directly with an unsupported type yields a Skip.
    """
    stats = stats if stats is not None else ReadStats()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in _walk(root):
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    stats.ignore(path)
                    continue
                yield from _counted(read_path(path, path.relative_to(root).as_posix(), max_bytes), stats)
        elif root.is_file():
            yield from _counted(read_path(root, root.name, max_bytes), stats)
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


def read_path(path: Path, source: str, max_bytes: int = MAX_BYTES) -> Iterator[RawArticle | Skip]:
    """Every article in one file; never raises for a bad file, yields Skips instead."""
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield Skip(source, "unsupported", f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, source, max_bytes)
        elif fmt == "csv":
            yield from _read_csv(path, source, max_bytes)
        else:
            yield from _read_whole(path, source, fmt, max_bytes)
    except OSError as exc:  # unreadable file, permissions, vanished during the walk
        yield Skip(source, "malformed", f"cannot read file: {exc.strerror or exc}")
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
    _reject_binary(data[:_ENCODING_PROBE_BYTES])
    try:
        return _require_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _require_text(_decode_guessed(data))


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


def _read_whole(path: Path, source: str, fmt: str, max_bytes: int) -> Iterator[RawArticle | Skip]:
    size = path.stat().st_size
    if size > max_bytes:
        yield Skip(source, "too_large", f"{size:,} bytes exceeds the {max_bytes:,}-byte cap")
        return
    data = path.read_bytes()
    if not data.strip():
        yield Skip(source, "empty", "empty file")
        return
    try:
        text = decode_bytes(data)
    except Undecodable as exc:
        yield Skip(source, exc.reason, exc.detail)  # type: ignore[arg-type]
        return
    if not text.strip():
        yield Skip(source, "empty", "only whitespace")
        return
    if fmt == "txt":
        yield _checked(_txt_article(text, source))
    elif fmt == "html":
        yield _html_article(text, source)
    else:
        yield from _json_articles(text, source)


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
    published = _parse_published(doc.date) if doc.date else None
    article = RawArticle(
        source=doc.url or source, text=text, title=doc.title or None, outlet=doc.sitename or None,
        url=doc.url or None, published=published,
        published_from="metadata" if published else None, fmt="html",
    )
    return _checked(article)


def _json_articles(text: str, source: str) -> Iterator[RawArticle | Skip]:
    """Articles in a .json file: one record, a list of records, or {"articles": [...]}."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(source, "malformed", f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    if isinstance(payload, dict) and isinstance(payload.get("articles"), list):
        records = payload["articles"]
    elif isinstance(payload, dict):
        records = [payload]
    elif isinstance(payload, list):
        records = payload
    else:
        yield Skip(source, "malformed", "JSON is neither a record nor a list of records")
        return
    for number, record in enumerate(records, start=1):
        yield _record_article(record, source, f"record {number}", number, "json")


def _read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawArticle | Skip]:
    try:
        encoding = _stream_encoding(path)
    except Undecodable as exc:
        yield Skip(source, exc.reason, exc.detail)  # type: ignore[arg-type]
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
            yield _record_article(record, source, where, number, "jsonl")
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


def _read_csv(path: Path, source: str, max_bytes: int) -> Iterator[RawArticle | Skip]:
    try:
        encoding = _stream_encoding(path)
    except Undecodable as exc:
        yield Skip(source, exc.reason, exc.detail)  # type: ignore[arg-type]
        return
    with path.open("r", encoding=encoding, newline="") as handle:
        # strict: a row whose quote never closes is malformed, not a one-word article
        reader = csv.DictReader(handle, strict=True)
        number = 0
        try:
            if reader.fieldnames is None:
                yield Skip(source, "empty", "empty file")
                return
            if "text" not in {(name or "").strip().lower() for name in reader.fieldnames}:
                yield Skip(source, "malformed", "CSV has no 'text' column")
                return
            for number, row in enumerate(reader, start=1):
                record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
                size = sum(len(v.encode("utf-8")) for v in record.values() if isinstance(v, str))
                if size > max_bytes:
                    yield Skip(f"{source}#{number}", "too_large",
                               f"row {number}: {size:,} bytes exceeds the {max_bytes:,}-byte cap")
                    continue
                yield _record_article(record, source, f"row {number}", number, "csv")
        except csv.Error as exc:  # the reader cannot resync after a broken row: stop here
            yield Skip(f"{source}#{number + 1}", "malformed", f"row {number + 1}: {exc}")
        except UnicodeDecodeError:
            yield Skip(f"{source}#{number + 1}", "encoding",
                       f"row {number + 1}: not valid {encoding}; rest of file not read")


def _record_article(record: object, source: str, where: str, number: int, fmt: str) -> RawArticle | Skip:
    """One json/jsonl/csv record → RawArticle; `source` becomes the url or path#id."""
    if not isinstance(record, dict):
        return Skip(f"{source}#{number}", "malformed", f"{where}: not a JSON object")
    external_id = _text_field(record, "id")
    url = _text_field(record, "url")
    record_source = url or f"{source}#{external_id or number}"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skip(record_source, "empty", f"{where}: no text")
    published = None
    raw_date = _text_field(record, "published")
    if raw_date:
        published = _parse_published(raw_date)
        if published is None:
            log.warning("%s: %s: unreadable published date %r ignored", source, where, raw_date)
    article = RawArticle(
        source=record_source, text=text, title=_text_field(record, "title"),
        outlet=_text_field(record, "outlet"), url=url, external_id=external_id,
        published=published, published_from="metadata" if published else None, fmt=fmt,
    )
    return _checked(article)


def _text_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


_WORD = re.compile(r"[^\W\d_]{2,}")


def _checked(article: RawArticle) -> RawArticle | Skip:
    """The article itself, or an empty / non_english Skip."""
    body = article.text
    header = HEADER_RE.match(body) if article.fmt == "txt" else None
    if header:
        body = body[header.start("rest"):]
    if not _WORD.search(body):
        return Skip(article.source, "empty", "no words in the text")
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


def _parse_published(value: str) -> date | None:
    """A publication date from metadata: ISO first, then common formats (strictly)."""
    value = value.strip()
    day = _iso_date(value[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    if day:
        return day
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    return parse_date_strict(value)


def parse_date_strict(value: str) -> date | None:
    """A full calendar date (day, month and year all stated) from a short string, or None."""
    import dateparser

    parsed = dateparser.parse(
        value, languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed else None
