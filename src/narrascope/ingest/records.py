"""JSON Lines, CSV and JSON exports: one article per record, read as a stream.

Field names come from ``config["ingest"]["text_fields"]`` (keys id, title,
text, url, outlet, published -> the field names in the file); common aliases
(``body``/``content``/``article`` for text, ``headline`` for title,
``source``/``site``/``domain`` for outlet, ``date``/``published_at`` for
published ...) are accepted too. A bad record yields E010 with its number and
the rest go on. Files are read line by line, so memory stays flat however big
the shard (``.jsonl.gz`` too); ``max_bytes`` limits each record instead of the file.
"""
from __future__ import annotations

import csv
import datetime as dt
import email.utils
import gzip
import io
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..doc import Article
from ..errors import E, InputError, NarrascopeError
from .decode import bom_encoding, encoding_detail, normalise_newlines
from .plaintext import split_title

FIELDS = ("id", "title", "text", "url", "outlet", "published", "author")
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "uid", "guid", "_id"),
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "article", "article_text", "articlebody", "maintext", "full_text", "fulltext", "raw_text"),
    "url": ("url", "link", "href", "source_url", "canonical_url"),
    "outlet": ("outlet", "source", "site", "domain", "sitename", "site_name", "publisher", "source_name", "media"),
    "published": ("published", "date", "published_at", "publish_date", "date_published", "pubdate", "datetime", "timestamp", "created_at"),
    "author": ("author", "authors", "byline", "creator"),
}
# After this many failing records and none that worked, the file is not this format at all.
_GIVE_UP_AFTER = 5
_JSON_ARRAY_START = re.compile(rb"^\s*\[")


# -- field mapping --------------------------------------------------------------
def field_map(ingest_config: dict) -> dict[str, tuple[str, ...]]:
    """Candidate field names per article field, the configured name first."""
    configured = ingest_config.get("text_fields") or {}
    out = {}
    for key in FIELDS:
        names = [configured[key]] if configured.get(key) else []
        names += [a for a in ALIASES[key] if a not in names]
        out[key] = tuple(names)
    return out


def _pick(record: dict[str, Any], names: tuple[str, ...], lowered: dict[str, str]) -> tuple[str | None, Any]:
    for name in names:
        if name in record:
            return name, record[name]
        key = lowered.get(name.lower())
        if key is not None:
            return key, record[key]
    return None, None


def _as_text(value: Any) -> str | None:
    """A scalar field as a string; lists of names joined; ``{"name": ...}`` objects unwrapped."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("url")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(_as_text(v)) for v in value if _as_text(v))
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def normalise_date(value: Any) -> str | None:
    """An ISO 8601 date (or datetime when the input had a time), or None when unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if re.fullmatch(r"\d{9,13}", text):
        return normalise_date(int(text))
    try:
        parsed = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", text) else text)
        return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()
    except ValueError:
        pass
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser as date_parser

        # Parsed twice with different defaults: a part that changes was missing ("June 2024").
        first = date_parser.parse(text, dayfirst=True, default=dt.datetime(2000, 1, 1))
        second = date_parser.parse(text, dayfirst=True, default=dt.datetime(2001, 2, 2))
    except Exception:  # noqa: BLE001 - dateutil is optional and raises many kinds of errors
        return None
    if first.date() != second.date():
        return None
    return first.isoformat() if (first.hour, first.minute, first.second) != (0, 0, 0) else first.date().isoformat()


_TAG_NAMES = ("a|abbr|article|aside|b|blockquote|br|caption|cite|code|dd|del|div|dl|dt|em|figcaption|figure|font|footer|"
              "h[1-6]|header|hr|i|iframe|img|ins|li|main|mark|nav|noscript|ol|p|picture|pre|q|s|script|section|small|"
              "source|span|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|time|tr|u|ul|video|wbr")
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^<>]*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_DROP = re.compile(r"<(script|style|noscript|iframe)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"</?(?:p|div|h[1-6]|blockquote|article|section|header|footer|figure|figcaption|table|tr|ul|ol|pre|main|aside)\b[^<>]*>",
                        re.IGNORECASE)
_LINE = re.compile(r"<(?:br|li|hr|dt|dd)\b[^<>]*>", re.IGNORECASE)


def strip_html(value: str) -> tuple[str, bool]:
    """Text fields of JSONL/CSV exports often carry the page's markup (``<p>``, ``<a href>``): drop the tags
    (the content of script/style entirely), paragraphs and line breaks kept as blank lines and newlines,
    entities decoded. Returns (text, whether any tag was found); text without tags is returned unchanged."""
    if "<" not in value or not _TAG.search(value):
        return value, False
    import html as _html

    out = _DROP.sub(" ", value)
    out = _PARAGRAPH.sub("\n\n", out)
    out = _LINE.sub("\n", out)
    out = _TAG.sub("", out)
    out = _html.unescape(out).replace("\xa0", " ")
    out = re.sub(r"[ \t]+", " ", out)
    out = re.sub(r" *\n *", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip(), True


def article_from_record(record: Any, *, path: str, number: int, fields: dict[str, tuple[str, ...]],
                        source_format: str, detail_where: str = "") -> Article:
    """One record (a JSON object or a CSV row) as an Article; InputError E010 when unusable."""
    where = f" ({detail_where})" if detail_where else ""
    if not isinstance(record, dict):
        raise InputError(E.E010, path=path, record=number, detail=f"expected an object with a text field, got {type(record).__name__}{where}")
    lowered = {k.lower(): k for k in record if isinstance(k, str)}
    text_key, text = _pick(record, fields["text"], lowered)
    if text_key is None:
        present = ", ".join(map(str, list(record)[:12])) or "none"
        raise InputError(E.E010, path=path, record=number,
                         detail=f"no text field (looked for {', '.join(fields['text'][:6])} ...; fields present: {present}){where}")
    if not isinstance(text, str):
        raise InputError(E.E010, path=path, record=number, detail=f"field '{text_key}' is {type(text).__name__}, not text{where}")
    if not text.strip():
        raise InputError(E.E010, path=path, record=number, detail=f"field '{text_key}' is empty{where}")
    values = {key: _pick(record, fields[key], lowered) for key in FIELDS if key != "text"}
    name = Path(path).name
    stem = Path(name[:-3] if name.lower().endswith(".gz") else name).stem
    art_id = _as_text(values["id"][1]) or f"{stem}:{number}"
    title = _as_text(values["title"][1])
    if title:
        title = strip_html(title)[0] or None
    title_key = values["title"][0]
    raw, had_tags = strip_html(text.lstrip("\ufeff"))
    if title_key is None:
        # No title field: the text may still open with a headline line.
        title, start, end = split_title(raw)
    else:
        start = len(raw) - len(raw.lstrip())
        end = max(len(raw.rstrip()), start)
    title = " ".join(title.split()) if title else None
    published_raw = values["published"][1]
    published = normalise_date(published_raw)
    used = {text_key} | {k for k, _ in values.values() if k}
    extra = {k: v for k, v in record.items() if k not in used and isinstance(v, (str, int, float, bool)) and len(str(v)) <= 1000}
    art = Article(
        id=art_id,
        title=title,
        text=normalise_newlines(raw[start:end]),
        raw_text=text,
        source_path=path,
        source_format=source_format,
        url=_as_text(values["url"][1]),
        outlet=_as_text(values["outlet"][1]),
        published=published,
        author=_as_text(values["author"][1]),
        meta={"file_name": Path(path).name, "record": number, "body_offset": start},
    )
    if extra:
        art.meta["fields"] = extra
    if had_tags:
        art.meta["html_stripped"] = True  # body_offset then indexes the text with its tags removed
    if published_raw not in (None, "") and published is None:
        art.meta["published_raw"] = str(published_raw)
        art.warnings.append(f"{path}: record {number}: date '{published_raw}' could not be read; published left empty")
    art.compute_hash()
    return art


# -- streaming readers ------------------------------------------------------------
def _open_lines(path: str, handle: BinaryIO, max_bytes: int) -> tuple[Iterator[bytes] | None, str | None]:
    """Byte lines of a UTF-8 file, or (None, text) for a UTF-16/32 file read whole."""
    head = handle.read(4)
    bom = bom_encoding(head)
    if bom and bom[0] != "utf-8":
        data = head + handle.read(max_bytes + 1 - len(head) if max_bytes else -1)
        if max_bytes and len(data) > max_bytes:
            raise InputError(E.E004, path=path, size=f"more than {len(data) - 1}", limit=max_bytes)
        return None, data.decode(bom[0]).lstrip("\ufeff")
    handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
    return iter(handle), None


def _check_binary(path: str, handle: BinaryIO) -> None:
    pos = handle.tell()
    sample = handle.read(65536)
    handle.seek(pos)
    if not bom_encoding(sample[:4]) and b"\x00" in sample:
        raise InputError(E.E002, path=path, detail="contains NUL bytes")


def read_jsonl(path: str, ingest_config: dict, source_format: str = "jsonl") -> Iterator[Article | NarrascopeError]:
    """Articles from a JSON Lines file, one per non-blank line, lazily."""
    fields = field_map(ingest_config)
    max_bytes = int(ingest_config.get("max_bytes") or 0)
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        try:
            _check_binary(path, handle)
            lines, whole = _open_lines(path, handle, max_bytes)
            if whole is not None:
                lines = (line.encode("utf-8") + b"\n" for line in whole.splitlines())
            yield from jsonl_records(path, lines, fields, max_bytes, source_format)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(E.E005, path=path, format="gzip-compressed JSON Lines", detail=f"not a readable gzip file: {exc}") from exc


def jsonl_records(path: str, lines: Iterable[bytes], fields, max_bytes: int, source_format: str) -> Iterator[Article | NarrascopeError]:
    held: list[InputError] = []  # errors held back until a record works (or we give up)
    good = 0
    seen_any = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if not seen_any and _JSON_ARRAY_START.match(line):
            raise InputError(E.E005, path=path, format="JSON Lines", detail="it is a JSON array, not one object per line; save it as .json or write one object per line")
        seen_any = True
        try:
            if max_bytes and len(line) > max_bytes:
                raise InputError(E.E010, path=path, record=number, detail=f"record is {len(line)} bytes, over the limit of {max_bytes}")
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(E.E010, path=path, record=number, detail=f"not valid UTF-8: {encoding_detail(path, line, exc)}") from exc
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(E.E010, path=path, record=number, detail=f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
            art = article_from_record(record, path=path, number=number, fields=fields, source_format=source_format)
        except InputError as err:
            if good:
                yield err
                continue
            held.append(err)
            if len(held) >= _GIVE_UP_AFTER:
                raise InputError(E.E005, path=path, format="JSON Lines", detail=f"none of the first {len(held)} records could be read; first problem: {held[0]}")
            continue
        if not good:
            yield from held
            held = []
        good += 1
        yield art
    if not seen_any:
        raise InputError(E.E001, path=path)
    yield from held


def read_json(path: str, ingest_config: dict) -> Iterator[Article | NarrascopeError]:
    """A .json file: an array of article objects, ``{"articles": [...]}``, or one article object."""
    from .decode import decode

    with open(path, "rb") as handle:
        data = handle.read()
    text, _ = decode(data, path)
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(E.E005, path=path, format="JSON", detail=f"{exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if isinstance(doc, dict):
        inner = next((doc[k] for k in ("articles", "data", "items", "records") if isinstance(doc.get(k), list)), None)
        doc = inner if inner is not None else [doc]
    if not isinstance(doc, list):
        raise InputError(E.E005, path=path, format="JSON", detail=f"expected an array of objects or an object, got {type(doc).__name__}")
    fields = field_map(ingest_config)
    for number, record in enumerate(doc, start=1):
        try:
            yield article_from_record(record, path=path, number=number, fields=fields, source_format="jsonl")
        except InputError as err:
            yield err


def _decoded_lines(raw_lines: Iterable[bytes], bad: set[int]) -> Iterator[str]:
    """Decode byte lines for the csv module; remember which lines were not UTF-8."""
    for number, line in enumerate(raw_lines, start=1):
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            bad.add(number)
            yield line.decode("utf-8", "replace")


def read_csv(path: str, ingest_config: dict) -> Iterator[Article | NarrascopeError]:
    """Articles from a CSV (or TSV) file with a header row, lazily."""
    fields = field_map(ingest_config)
    max_bytes = int(ingest_config.get("max_bytes") or 0)
    csv.field_size_limit(max_bytes or sys.maxsize)
    bad: set[int] = set()
    with open(path, "rb") as handle:
        _check_binary(path, handle)
        lines, whole = _open_lines(path, handle, max_bytes)
        text_lines = io.StringIO(whole, newline="") if whole is not None else _decoded_lines(lines, bad)
        text_lines = iter(text_lines)
        first = next(text_lines, None)
        while first is not None and not first.strip():
            first = next(text_lines, None)
        if first is None:
            raise InputError(E.E001, path=path)
        delimiter = "\t" if path.lower().endswith(".tsv") else _sniff_delimiter(first)
        stream = _chain([first], text_lines)
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        except csv.Error as exc:
            raise InputError(E.E005, path=path, format="CSV", detail=f"header row: {exc}") from exc
        lowered = {h.lower() for h in header}
        if not any(name.lower() in lowered for name in fields["text"]):
            raise InputError(E.E005, path=path, format="CSV",
                             detail=f"no text column (looked for {', '.join(fields['text'][:6])} ...; columns: {', '.join(header[:12])})")
        number = 0
        while True:
            before = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                yield InputError(E.E010, path=path, record=number, detail=f"malformed CSV near line {reader.line_num}: {exc}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            lines_read = range(before + 1, reader.line_num + 1)
            if any(n in bad for n in lines_read):
                yield InputError(E.E010, path=path, record=number, detail=f"line {min(n for n in lines_read if n in bad)} is not valid UTF-8")
                continue
            if len(row) != len(header):
                yield InputError(E.E010, path=path, record=number,
                                 detail=f"has {len(row)} fields, the header has {len(header)} (line {before + 1}); check quoting")
                continue
            try:
                yield article_from_record(dict(zip(header, row)), path=path, number=number, fields=fields,
                                          source_format="csv", detail_where=f"line {before + 1}")
            except InputError as err:
                yield err
        if number == 0:
            raise InputError(E.E006, path=path, detail="the CSV has a header but no rows")


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest
