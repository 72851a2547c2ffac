"""Bytes to text: detect the encoding of a file and decode it the way offsets expect.

The text has to equal what ``open(path, encoding=...).read()`` gives (universal
newlines: CRLF and lone CR become LF) because the gold annotations' offsets are
into that string; a BOM is dropped, nothing else is touched.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from mapapp.errors import DecodeError

ENCODINGS_TRIED = "utf-8, utf-16, cp1252"

# Magic numbers of formats that are never article text, checked before any decoding.
# Only signatures that printable text cannot start with (others carry NULs, caught later).
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, xlsx, epub
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x7fELF",
    b"\x00\x00\x01\x00",  # ico
    b"II*\x00",  # tiff
    b"MM\x00*",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old MS Office
)

# Single-byte Western encodings that decode the same letters the same way;
# charset-normalizer often names one of them for cp1252 text.
_LATIN_LIKE = {"cp1252", "latin_1", "iso8859_15", "ascii", "cp1250", "iso8859_2", "mac_roman"}


# Text has tabs and newlines; a few stray control characters are tolerated, many mean "not text".
_MAX_CONTROL_RATIO = 0.02
# Fewer non-ASCII bytes than this are too little evidence to leave cp1252 for another script.
_MIN_EVIDENCE_BYTES = 8


def universal_newlines(text: str) -> str:
    # What Python's text mode does on read (newline=None): only \r\n and \r are translated.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    return any(data.startswith(magic) for magic in _BINARY_MAGIC)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as in ASCII-heavy UTF-16."""
    sample = data[:4096]
    if len(sample) < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls >= 0.4 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.4 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return name, len(bom)
    return None


# C0 controls but tab, newlines, vertical tab and form feed (0x09-0x0D), DEL and the C1 controls.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    # Counted by the regex engine: a Python loop over every character cost ~1 s on 19 MB of text.
    return len(_CONTROL_CHARS.findall(text)) / max(len(text), 1)


def _mostly_non_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"))
    return latin < 0.5 * len(letters)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: cp1252 unless the bytes clearly belong to another script."""
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    high_bytes = sum(1 for b in data if b >= 0x80)
    if (
        best is not None
        and best.encoding not in _LATIN_LIKE
        and not best.encoding.startswith(("utf_16", "utf_32"))  # those have NULs or a BOM, handled before
        and high_bytes >= _MIN_EVIDENCE_BYTES
        and _mostly_non_latin(str(best))
    ):
        # Another script (Russian in cp1251, Japanese in Shift-JIS...): the detector knows
        # better than a cp1252 guess. Latin-script rivals (cp1250, cp1254) are not trusted:
        # on short Western text they win by noise and would garble curly quotes and accents.
        return str(best), best.encoding
    if cp1252 is not None:
        return cp1252, "cp1252"
    if best is not None:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) with universal newlines and no BOM, or raise DecodeError."""
    if looks_binary(data):
        raise DecodeError("binary file")
    bom = _bom_encoding(data)
    if bom is not None:
        name, size = bom
        try:
            return universal_newlines(data[size:].decode(name)), name
        except UnicodeDecodeError:
            raise DecodeError(f"cannot decode text (BOM says {name}, but the bytes are not)") from None
    if b"\x00" in data:
        name = _utf16_without_bom(data)
        if name is None:
            raise DecodeError("binary file")
        try:
            return universal_newlines(data.decode(name)), name
        except UnicodeDecodeError:
            raise DecodeError("binary file") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Valid UTF-8 can still be a control-character soup (a binary format without NULs).
        if _control_ratio(text) > _MAX_CONTROL_RATIO:
            raise DecodeError("binary file")
        return universal_newlines(text), "utf-8"
    text, name = _decode_legacy(data)
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise DecodeError(f"cannot decode text (tried {ENCODINGS_TRIED})")
    return universal_newlines(text), name
