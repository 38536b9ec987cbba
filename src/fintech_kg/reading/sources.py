"""Files, folders and stdin -> cleaned articles, with an :class:`InputError` for each bad input.

Formats are chosen by extension: ``.txt`` (one article), ``.md``, ``.html``/``.htm``, ``.jsonl``
(one ``{"id", "title", "text"}`` object a line, plus optional ``"published_at"``, ``"source"``,
``"url"``) and ``.json`` (a list of such objects, or one). Stdin and files with other extensions
are sniffed from their first bytes. Bad input never stops the batch: it is reported in place.

Example::

    for item in read_articles(["news/", "-"]):
        if isinstance(item, InputError):
            print(item)  # news/b.jsonl:7 (article n7): has no "text" field; ...
        else:
            print(item.meta.id, item.meta.char_count)
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO, cast

from fintech_kg.errors import InputError
from fintech_kg.models import Article
from fintech_kg.reading.article import make_article, parse_published_at
from fintech_kg.reading.decoding import UndecodableError, decode_bytes, looks_binary
from fintech_kg.reading.formats import Document, from_html, from_markdown
from fintech_kg.settings import DEFAULT_MAX_ARTICLE_CHARS, ENVIRONMENT, Settings

__all__ = [
    "DEFAULT_MAX_CHARS",
    "MAX_CHARS_ENV",
    "SUFFIX_FORMATS",
    "read_articles",
    "read_json_line",
    "read_record",
]

DEFAULT_MAX_CHARS = DEFAULT_MAX_ARTICLE_CHARS
"""Largest article read, in characters; bigger ones are reported, not read."""

MAX_CHARS_ENV = ENVIRONMENT["max_article_chars"]
"""The variable that overrides :data:`DEFAULT_MAX_CHARS` (see :mod:`fintech_kg.settings`)."""

Format = Literal["text", "markdown", "html", "jsonl", "json"]

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

STDIN_LABEL = "<stdin>"
_SNIFF_BYTES = 8192
# Bytes per character at most in UTF-8 (4) or GB18030 (4); markup makes HTML pages bigger.
_BYTES_PER_CHAR = {"text": 4, "markdown": 4, "html": 16}
_JSON_METADATA_BYTES = 64 * 1024
_RECORD_FIELDS = ("id", "title", "text", "published_at", "source", "url")
_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    int: "a number",
    float: "a number",
    bool: "true/false",
}
_WHITESPACE = re.compile(r"\s*")
_LEADING = rb"(?:\xef\xbb\xbf)?\s*"
_JSON_LINES_START = re.compile(_LEADING + rb'\{\s*(?:"|\}|\Z)')
_JSON_LIST_START = re.compile(_LEADING + rb"\[\s*(?:\{|\]|\Z)")
_HTML_START = re.compile(_LEADING + rb"<(?:!|\?|[A-Za-z])")


def read_articles(
    sources: Iterable[str | Path],
    *,
    stdin: BinaryIO | TextIO | None = None,
    max_chars: int | None = None,
) -> Iterator[Article | InputError]:
    """Yield one cleaned :class:`Article` per input article, in input order, and an
    :class:`InputError` (naming file, line and article id) for each input that cannot be read.

    ``sources`` are files, folders (read recursively, in sorted path order, skipping hidden
    entries and unknown extensions) or "-" for ``stdin`` (default: the process's stdin).
    ``max_chars`` caps an article's length (default: ``Settings().max_article_chars``,
    :data:`DEFAULT_MAX_CHARS` unless :data:`MAX_CHARS_ENV` is set).

    Example: ``[a.meta.id for a in read_articles(["a.jsonl"]) if isinstance(a, Article)]``
    """
    limit = max_chars if max_chars is not None else Settings().max_article_chars
    if isinstance(sources, str | Path):
        sources = [sources]  # one path given bare, not a string to iterate character by character
    for source in sources:
        if str(source) == "-":
            stream = _binary(stdin if stdin is not None else sys.stdin)
            yield from _read_stream(stream, STDIN_LABEL, None, limit)
            continue
        path = Path(source)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                known = ", ".join(SUFFIX_FORMATS)
                yield InputError(f"folder holds no article file ({known})", path=str(path))
            for file in files:
                yield from _read_path(file, SUFFIX_FORMATS[file.suffix.lower()], limit)
        elif path.exists():
            yield from _read_path(path, SUFFIX_FORMATS.get(path.suffix.lower()), limit)
        else:
            yield InputError("no such file or folder; check the path", path=str(path))


def _limit_hint(limit: int) -> str:
    return (
        f"split the article, or raise the limit of {limit:,} characters with"
        f" {MAX_CHARS_ENV}=<chars> (or read_articles(..., max_chars=<chars>))"
    )


def _binary(stream: BinaryIO | TextIO) -> BinaryIO:
    if isinstance(stream, io.TextIOBase):
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer
        return io.BytesIO(stream.read().encode("utf-8"))
    return stream  # type: ignore[return-value]


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in SUFFIX_FORMATS
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    )


def _read_path(path: Path, fmt: Format | None, limit: int) -> Iterator[Article | InputError]:
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot open: {exc.strerror}; check its permissions", path=str(path))
        return
    with stream:
        yield from _read_stream(stream, str(path), fmt, limit)


def _read_stream(
    stream: BinaryIO, label: str, fmt: Format | None, limit: int
) -> Iterator[Article | InputError]:
    stream = _peekable(stream)
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if not head:
        yield InputError("is empty; give it article text or leave it out", path=label)
        return
    if looks_binary(head):
        kinds = ", ".join(SUFFIX_FORMATS)
        yield InputError(
            f"looks like a binary file, not text; give article files ({kinds})", path=label
        )
        return
    if fmt is None:
        fmt = _sniff(head)
    if fmt == "jsonl":
        yield from _read_json_lines(stream, label, limit)
        return
    byte_limit = limit * _BYTES_PER_CHAR.get(fmt, 4)
    data = stream.read() if fmt == "json" else stream.read(byte_limit + 1)
    if fmt != "json" and len(data) > byte_limit:
        yield InputError(f"is over {byte_limit:,} bytes; {_limit_hint(limit)}", path=label)
        return
    try:
        text, _ = decode_bytes(data)
    except UndecodableError as exc:
        yield InputError(f"cannot be decoded: {exc}; save it as UTF-8", path=label)
        return
    if fmt == "json":
        yield from _read_json_document(text, label, limit)
        return
    if fmt == "markdown":
        document = from_markdown(text)
    elif fmt == "html":
        document = from_html(text)
    else:
        document = Document(text=text)
    yield _document_article(document, label, limit)


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(cast(io.RawIOBase, stream))


def _sniff(head: bytes) -> Format:
    """Tell the format of stdin or an unknown extension from its first bytes.

    Plain text may start with "[" or "<" too ("[图片]…", "<<某某>>"), so JSON needs an object
    (or an empty list) to follow and HTML needs a tag.
    """
    if _JSON_LINES_START.match(head):
        return "jsonl"
    if _JSON_LIST_START.match(head):
        return "json"
    if _HTML_START.match(head):
        return "html"
    return "text"


def _document_article(document: Document, label: str, limit: int) -> Article | InputError:
    if len(document.text) > limit:
        return InputError(
            f"article is {len(document.text):,} characters; {_limit_hint(limit)}", path=label
        )
    published_at: date | None = None
    if document.published_at:
        published_at = parse_published_at(document.published_at)
    return _article(
        document.text,
        label,
        None,
        id=None,
        title=document.title,
        published_at=published_at,
        source=document.source,
        url=document.url,
    )


def _read_json_lines(stream: BinaryIO, label: str, limit: int) -> Iterator[Article | InputError]:
    line_limit = limit * 4 + _JSON_METADATA_BYTES
    line_number = 0
    while True:
        raw = stream.readline(line_limit + 1)
        if not raw:
            return
        line_number += 1
        if len(raw) > line_limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield InputError(
                f"line is over {line_limit:,} bytes; {_limit_hint(limit)}",
                path=label,
                line=line_number,
            )
            continue
        if not raw.strip():
            continue
        try:
            line, _ = decode_bytes(raw)
        except UndecodableError as exc:
            yield InputError(
                f"cannot be decoded: {exc}; save the file as UTF-8", path=label, line=line_number
            )
            continue
        yield _json_line_article(line, label, line_number, limit)


def read_json_line(
    line: str, *, path: str, line_number: int, max_chars: int | None = None
) -> Article | InputError | None:
    """One decoded line of a JSON Lines file as :func:`read_articles` reads it: the
    article, the same :class:`InputError` it would report, or None for a blank line.

    For readers that split files themselves (Spark); ``path`` and ``line_number`` name the
    line in messages.

    Example: ``read_json_line('{"id": "n1", "text": "正文。"}', path="a.jsonl", line_number=1)``
    """
    if not line.strip():
        return None
    limit = max_chars if max_chars is not None else Settings().max_article_chars
    return _json_line_article(line, path, line_number, limit)


def read_record(
    record: Any, *, path: str, line: int | None = None, max_chars: int | None = None
) -> Article | InputError:
    """One article object (``{"id", "title", "text", ...}``, values strings) as
    :func:`read_articles` reads it from JSON: the article or the same :class:`InputError`.

    Example: ``read_record({"id": "n1", "text": "正文。"}, path="table").meta.id`` -> ``'n1'``
    """
    limit = max_chars if max_chars is not None else Settings().max_article_chars
    return _record_article(record, path, line, limit)


def _json_line_article(line: str, label: str, line_number: int, limit: int) -> Article | InputError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(
            f"is not valid JSON ({exc.msg} at column {exc.colno});"
            ' write one {"id", "title", "text"} object per line, or remove the line',
            path=label,
            line=line_number,
        )
    return _record_article(record, label, line_number, limit)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_json_document(text: str, label: str, limit: int) -> Iterator[Article | InputError]:
    decoder = json.JSONDecoder()
    position = _WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", position):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(f"is not valid JSON ({exc.msg}); fix it", path=label, line=exc.lineno)
            return
        yield _record_article(record, label, 1 + text.count("\n", 0, position), limit)
        return
    position += 1
    while True:
        position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("]", position):
            return
        line = 1 + text.count("\n", 0, position)
        try:
            record, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield InputError(
                f"is not valid JSON ({exc.msg}); fix it (articles after this point were not read)",
                path=label,
                line=exc.lineno,
            )
            return
        yield _record_article(record, label, line, limit)
        position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            yield InputError(
                "is not valid JSON (expected ',' or ']' after an article); fix it",
                path=label,
                line=1 + text.count("\n", 0, position),
            )
            return


def _record_article(record: Any, label: str, line: int | None, limit: int) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(
            f'holds {_json_type(record)}, not an article object {{"id", "title", "text"}}',
            path=label,
            line=line,
        )
    given_id = record.get("id")
    article_id = given_id if isinstance(given_id, str) and given_id else None
    for field in _RECORD_FIELDS:
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            return InputError(
                f'field "{field}" is {_json_type(value)}, not a string; write it as a string',
                path=label,
                line=line,
                article_id=article_id,
            )
    text = record.get("text")
    if text is None:
        return InputError(
            'has no "text" field; each article needs {"id", "title", "text"}',
            path=label,
            line=line,
            article_id=article_id,
        )
    if len(text) > limit:
        return InputError(
            f"article is {len(text):,} characters; {_limit_hint(limit)}",
            path=label,
            line=line,
            article_id=article_id,
        )
    published_at: date | None = None
    if record.get("published_at"):
        published_at = parse_published_at(record["published_at"])
        if published_at is None:
            return InputError(
                f'field "published_at" ({record["published_at"]!r}) is not a date;'
                " write it as YYYY-MM-DD",
                path=label,
                line=line,
                article_id=article_id,
            )
    return _article(
        text,
        label,
        line,
        id=article_id,
        title=record.get("title") or "",
        published_at=published_at,
        source=record.get("source"),
        url=record.get("url"),
    )


def _article(
    text: str,
    label: str,
    line: int | None,
    *,
    id: str | None,
    title: str,
    published_at: date | None,
    source: str | None,
    url: str | None,
) -> Article | InputError:
    if not text.strip() and not title.strip():
        return InputError(
            "has no article text and no title; give it text or leave it out",
            path=label,
            line=line,
            article_id=id,
        )
    article = make_article(
        text, id=id, title=title, published_at=published_at, source=source, url=url
    )
    if not article.text:
        return InputError(
            "holds only boilerplate (disclaimers, share prompts, image markers) and no title;"
            " nothing to read",
            path=label,
            line=line,
            article_id=id,
        )
    return article


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), "a string" if isinstance(value, str) else "a value")
