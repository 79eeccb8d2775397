"""The set index finds what a scan of every set in order would find first."""

from __future__ import annotations

import random

import pytest

from summarizer.engines.offline.folding import SUBSET_LIMIT, SetIndex


def _first(sets: list[frozenset[int]], test: object) -> int | None:
    return next((p for p, s in enumerate(sets) if test(s)), None)  # type: ignore[operator]


def test_first_superset_and_subset_in_order() -> None:
    index = SetIndex()
    for position, members in enumerate([{1, 2}, {1}, {1, 2, 3}, set()]):
        index.add(position, frozenset(members))
    assert index.first_superset(frozenset({1})) == 0
    assert index.first_superset(frozenset({3})) == 2
    assert index.first_superset(frozenset({4})) is None
    assert index.first_subset(frozenset({1, 5})) == 1
    assert index.first_subset(frozenset({9})) == 3


def test_a_grown_set_is_found_by_what_it_now_holds() -> None:
    index = SetIndex()
    index.add(0, frozenset({1}))
    index.add(1, frozenset({2}))
    index.grow(0, frozenset({1, 2}))
    assert index.first_superset(frozenset({2})) == 0
    assert index.first_subset(frozenset({1})) is None
    assert index.first_subset(frozenset({1, 2, 3})) == 0


@pytest.mark.parametrize("seed", range(5))
def test_the_index_agrees_with_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    index = SetIndex()
    sets: list[frozenset[int]] = []
    for _ in range(300):
        size = rng.choice([0, 1, 1, 2, 2, 3, SUBSET_LIMIT + 2])
        members = frozenset(rng.sample(range(12), size))
        if sets and rng.random() < 0.3:
            position = rng.randrange(len(sets))
            sets[position] = sets[position] | members
            index.grow(position, sets[position])
            continue
        assert index.first_superset(members) == _first(sets, members.__le__)
        assert index.first_subset(members) == _first(sets, members.__ge__)
        index.add(len(sets), members)
        sets.append(members)
