from __future__ import annotations

from summarizer.text import printable


def test_printable_replaces_control_characters() -> None:
    assert printable("a\x1b[31mb\x07\tc\n") == "a\ufffd[31mb\ufffd\tc\n"
    assert printable("\u202e12\u202c \u200fرسالة") == "\ufffd12\ufffd \u200fرسالة"
