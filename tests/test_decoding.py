from __future__ import annotations

import codecs
import random

import pytest

from summarizer.decoding import binary_kind, declared_charset, decode_bytes
from summarizer.errors import BinaryInput, UnreadableSource

FRENCH = "Le ministre a déclaré à Genève que l'accord était signé. Zürich, Malmö, São Paulo. " * 3
SMART = "The minister said “we agree” — and that’s final; the talks cost €5 million. " * 2
POLISH = "Minister spraw zagranicznych Polski powiedział, że rozmowy będą kontynuowane. Łódź. "
RUSSIAN = "Министр иностранных дел России заявил, что переговоры продолжатся на следующей неделе."


@pytest.mark.parametrize("text", [FRENCH, SMART, POLISH, RUSSIAN, "plain ASCII text"])
def test_utf8_with_and_without_bom(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), source="x").text == text
    with_bom = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), source="x")
    assert with_bom.text == text
    assert with_bom.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("text", [FRENCH, RUSSIAN, "日本と米国は安全保障協議で合意した。"])
def test_utf16_and_utf32_with_or_without_bom(codec: str, text: str) -> None:
    decoded = decode_bytes(text.encode(codec), source="x")
    assert decoded.text == text
    assert decoded.encoding.startswith(codec[:6])


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (SMART, "cp1252"),
        (POLISH, "cp1250"),
        (RUSSIAN, "cp1251"),
    ],
)
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec), source="x")
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    data = "Привет".encode("koi8-r")
    assert decode_bytes(data, source="x", declared="koi8-r").text == "Привет"
    assert decode_bytes(data, source="x", declared="KOI8-R").encoding == "koi8-r"


def test_a_wrong_declared_charset_loses_to_valid_utf8() -> None:
    decoded = decode_bytes(FRENCH.encode("utf-8"), source="x", declared="iso-8859-1")
    assert decoded.text == FRENCH


def test_an_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes(FRENCH.encode("cp1252"), source="x", declared="no-such").text == FRENCH


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
    ],
)
def test_known_binary_formats_are_named(head: bytes, kind: str) -> None:
    assert kind in (binary_kind(head) or "")
    with pytest.raises(BinaryInput, match=kind):
        decode_bytes(head + b"rest of the file", source="file.bin")


def test_random_bytes_are_binary() -> None:
    noise = random.Random(7).randbytes(4000)
    with pytest.raises(BinaryInput, match="file.bin: .*binary"):
        decode_bytes(noise, source="file.bin")


def test_text_with_nul_bytes_that_is_not_utf16_is_binary() -> None:
    with pytest.raises(BinaryInput, match="NUL"):
        decode_bytes(b"abc\x00def\x00ghi", source="x")


def test_a_bom_promising_what_the_bytes_do_not_keep_is_unreadable() -> None:
    with pytest.raises(UnreadableSource, match="UTF-16-LE"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00b", source="x")


@pytest.mark.parametrize(
    ("html", "charset"),
    [
        (b'<html><head><meta charset="windows-1252"></head>', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b"<html><head><title>No charset</title></head>", None),
    ],
)
def test_declared_charset_of_a_page(html: bytes, charset: str | None) -> None:
    assert declared_charset(html) == charset
