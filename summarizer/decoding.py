"""Bytes to text: byte-order marks, UTF-8, a declared charset, then detection.

The order is fixed: a byte-order mark wins; then strict UTF-8; then the charset the
page or the server declared; then charset-normalizer's best guesses, of which the one
whose decoded text has the fewest stray symbols wins (ties go to Windows-1252, the
commonest legacy encoding of news pages). Binary data is refused on the way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from summarizer.errors import BinaryInput, UnreadableSource

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .epub file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SNIFF_BYTES = 4096
_PREFERRED = "cp1252"
_FAIR_SYMBOLS = frozenset("©®°™§¶•·€£¥¢")
_ODD_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs", "No", "So", "Sk"})
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the codec that decoded it."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` read from ``source``; ``declared`` is a charset the source named.

    Raises :class:`BinaryInput` for binary data and :class:`UnreadableSource` for text
    whose encoding cannot be told.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, source)
    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"{source}: looks like {kind}, not text or HTML")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryInput(f"{source}: contains NUL bytes; binary data, not text or HTML")
        return _strict(data, utf16, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and (codec := _codec(declared)):
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    return _detect(data, source)


def binary_kind(data: bytes) -> str | None:
    """What a known binary format ``data`` starts with is called, else ``None``."""
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    found = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str, source: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        raise UnreadableSource(f"{source}: is not valid {encoding.upper()} text") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be``, whichever decodes ``data`` into text without debris.

    When both do, the one with more ASCII characters (spaces, digits, punctuation) wins.
    """
    if len(data) % 2:
        return None
    fits: list[tuple[int, str]] = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if sum(1 for char in text if _is_debris(char)) <= len(text) // 1000:
            fits.append((len(text) - len(_NON_ASCII.findall(text)), codec))
    return max(fits)[1] if fits else None


def _is_debris(char: str) -> bool:
    if char in "\t\n\r\x0c":
        return False
    return unicodedata.category(char) in {"Cc", "Cn", "Co", "Cs"}


def _detect(data: bytes, source: str) -> Decoded:
    candidates: list[str] = []
    for match in charset_normalizer.from_bytes(data):
        for name in (match.encoding, *match.could_be_from_charset):
            codec = _codec(name)
            if codec and codec not in candidates:
                candidates.append(codec)
    decoded: list[tuple[int, int, Decoded]] = []
    for rank, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        order = -1 if codec == _PREFERRED else rank
        decoded.append((_oddness(text), order, Decoded(text, codec)))
    if decoded:
        return min(decoded, key=lambda item: item[:2])[2]
    controls = sum(1 for byte in data if (byte < 32 and byte not in _TEXT_CONTROLS) or byte == 127)
    if controls > 0.05 * len(data):
        raise BinaryInput(f"{source}: binary data, not text or HTML")
    raise UnreadableSource(f"{source}: cannot tell its character encoding; save it as UTF-8")


def _oddness(text: str) -> int:
    """How many characters look like the debris of a wrong guess at the encoding."""
    return sum(
        1
        for char in _NON_ASCII.findall(text)
        if char not in _FAIR_SYMBOLS and unicodedata.category(char) in _ODD_CATEGORIES
    )
