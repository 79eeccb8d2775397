from hypothesis import given
from hypothesis import strategies as st

from summarizer.render.spans import Segment, Span, segments


def test_text_without_spans_is_one_plain_segment() -> None:
    assert segments(10, []) == [Segment(0, 10, ())]


def test_nested_spans_are_listed_outermost_first() -> None:
    outer, inner = Span(2, 12, "outer"), Span(5, 8, "inner")
    assert segments(15, [inner, outer]) == [
        Segment(0, 2, ()),
        Segment(2, 5, (outer,)),
        Segment(5, 8, (outer, inner)),
        Segment(8, 12, (outer,)),
        Segment(12, 15, ()),
    ]


def test_identical_spans_share_their_segment_in_order_of_appearance() -> None:
    first, second = Span(0, 4, "a"), Span(0, 4, "b")
    assert segments(4, [first, second]) == [Segment(0, 4, (first, second))]


def test_crossing_spans_are_split_where_they_cross() -> None:
    left, right = Span(0, 6, "left"), Span(4, 10, "right")
    assert segments(10, [left, right]) == [
        Segment(0, 4, (left,)),
        Segment(4, 6, (left, right)),
        Segment(6, 10, (right,)),
    ]


def test_empty_and_out_of_range_spans_are_ignored() -> None:
    assert segments(5, [Span(2, 2, "empty"), Span(3, 9, "out"), Span(-1, 2, "before")]) == [
        Segment(0, 5, ())
    ]


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[int, list[Span]]:
    length = draw(st.integers(1, 60))
    bounds = st.tuples(st.integers(0, length - 1), st.integers(1, length)).filter(
        lambda b: b[0] < b[1]
    )
    pairs = draw(st.lists(bounds, max_size=8))
    return length, [Span(start, end, f"s{n}") for n, (start, end) in enumerate(pairs)]


@given(texts_and_spans())
def test_segments_tile_the_text_and_each_span_is_the_union_of_its_segments(
    case: tuple[int, list[Span]],
) -> None:
    length, spans = case
    cut = segments(length, spans)
    assert cut[0].start == 0 and cut[-1].end == length
    assert all(a.end == b.start and a.start < a.end for a, b in zip(cut, cut[1:], strict=False))
    for segment in cut:
        covering = {s for s in spans if s.start <= segment.start and segment.end <= s.end}
        assert set(segment.spans) == covering
        sizes = [s.end - s.start for s in segment.spans]
        assert sizes == sorted(sizes, reverse=True)
    for span in spans:
        pieces = [seg for seg in cut if span in seg.spans]
        assert (pieces[0].start, pieces[-1].end) == (span.start, span.end)
        assert sum(p.end - p.start for p in pieces) == span.end - span.start
