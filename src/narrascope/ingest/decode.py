"""Bytes to text, or a clear error saying why not.

Accepted: UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM. The BOM is
kept in the decoded string as U+FEFF because the SemEval offsets count it;
:func:`strip_bom` drops it for the article text. Anything else is refused:
binary files (NUL bytes, many control characters) with E002, text in another
encoding with E003 naming the likely encoding and the ``iconv`` line that
converts it.
"""
from __future__ import annotations

import codecs
import re

from ..errors import E, InputError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL_BYTES = bytes(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SNIFF = 65536  # bytes looked at for binary signs and encoding guesses
_MAX_CONTROL_SHARE = 0.05


def bom_encoding(head: bytes) -> tuple[str, str] | None:
    """(codec, label) when ``head`` starts with a byte-order mark."""
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return codec, label
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` (no BOM) looks binary, or None when it may be text."""
    sample = data[:_SNIFF]
    if not sample:
        return None
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16:
            return f"contains NUL bytes; it looks like {utf16.upper()} text without a byte-order mark: iconv -f {utf16} -t utf-8"
        return "contains NUL bytes"
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control / len(sample) > _MAX_CONTROL_SHARE:
        return f"{control / len(sample):.0%} of the first {len(sample)} bytes are control characters"
    return None


def _bomless_utf16(sample: bytes) -> str | None:
    """'utf-16le'/'utf-16be' when NULs fill one byte of most pairs and the rest decodes (mostly-ASCII UTF-16)."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    for codec, nul_at in (("utf-16le", 1), ("utf-16be", 0)):
        if sample[nul_at::2].count(0) / (len(sample) // 2) > 0.5:
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch.isspace() for ch in text) / len(text) > 0.95:
                return codec
    return None


def guess_encoding(data: bytes) -> str | None:
    """The most likely legacy encoding of ``data`` (charset_normalizer), or None."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it ships with trafilatura's dependencies
        return None
    best = from_bytes(data[:_SNIFF]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return best.encoding.replace("_", "-")


def encoding_error(path: str, data: bytes, exc: UnicodeDecodeError) -> InputError:
    """E003 naming where UTF-8 decoding failed, the likely encoding and the fix."""
    return InputError(E.E003, path=path, detail=encoding_detail(path, data, exc))


def encoding_detail(path: str, data: bytes, exc: UnicodeDecodeError) -> str:
    where = f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8" if exc.start < len(data) else "truncated UTF-8"
    guess = guess_encoding(data)
    if guess:
        detail = (f"{where}; it looks like {guess}. Convert it with: "
                  f"iconv -f {guess} -t utf-8 '{path}' > converted.txt")
    else:
        detail = f"{where}; the encoding could not be guessed. Convert it to UTF-8 (iconv -f <encoding> -t utf-8)"
    return detail


def decode(data: bytes, path: str, *, fallback: str | None = None) -> tuple[str, str]:
    """Decode a whole file's bytes: (text, encoding label) or raise InputError.

    ``fallback`` is an encoding the content itself declares (an HTML meta
    charset): tried when the bytes are not UTF-8.
    """
    if not data:
        raise InputError(E.E001, path=path)
    bom = bom_encoding(data[:4])
    if bom:
        codec, label = bom
        try:
            # Decoding with the explicit-endian codec keeps the BOM as U+FEFF.
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(E.E003, path=path, detail=f"starts with a {label} byte-order mark but is not valid {label} ({exc.reason})") from exc
    else:
        reason = binary_reason(data)
        if reason:
            raise InputError(E.E002, path=path, detail=reason)
        try:
            text, label = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if fallback:
                try:
                    text, label = data.decode(fallback), fallback
                except (UnicodeDecodeError, LookupError):
                    raise encoding_error(path, data, exc) from exc
            else:
                raise encoding_error(path, data, exc) from exc
    check_text(text, path)
    return text, label


def check_text(text: str, path: str) -> None:
    """E001 for whitespace only, E002 for control-character soup."""
    body = strip_bom(text)
    if not body.strip():
        raise InputError(E.E001, path=path)
    sample = body[:_SNIFF]
    control = len(_CONTROL_CHARS.findall(sample))
    if control / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(E.E002, path=path, detail=f"{control / len(sample):.0%} of the characters are control characters")


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR to LF (the article text convention)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
