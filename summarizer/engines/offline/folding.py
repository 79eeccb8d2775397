"""Finding the event an event restates without comparing it with every event found.

Agreements fold into the first one of the same parties, threats into the first one of the
same source whose targets contain, or are contained in, the new one's (see
:mod:`.agreements` and :mod:`.threats`). :class:`SetIndex` answers both questions from
dictionaries, so reading an article costs time in proportion to its events, not to their
square.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

SUBSET_LIMIT = 6
"""Sets of up to this many members are filed under each of their subsets (at most 64);
larger ones, rare (an event with seven parties), are compared one by one."""


class SetIndex:
    """Sets of integers by position, in the order they were found; a set may grow.

    :meth:`first_superset` and :meth:`first_subset` give the first position whose set
    contains, or is contained in, a given set: what a scan of every set in order would
    find first, at the cost of one look-up per subset of a set of up to
    :data:`SUBSET_LIMIT` members.
    """

    def __init__(self) -> None:
        self._sets: dict[int, frozenset[int]] = {}
        self._containing: dict[frozenset[int], int] = {}
        """Each subset of a filed set -> the first position whose set contains it."""
        self._equal: defaultdict[frozenset[int], list[int]] = defaultdict(list)
        """Each filed set -> the positions whose set it is, in order."""
        self._large: list[int] = []
        """Positions of sets of more than :data:`SUBSET_LIMIT` members, in order."""

    def add(self, position: int, members: frozenset[int]) -> None:
        """File the set found at ``position`` (positions given in increasing order)."""
        self._sets[position] = members
        self._equal[members].append(position)
        self._file(position, members, None)

    def grow(self, position: int, members: frozenset[int]) -> None:
        """The set at ``position`` is now ``members``, a superset of what it was."""
        before = self._sets[position]
        if members == before:
            return
        self._sets[position] = members
        self._equal[before].remove(position)
        bisect.insort(self._equal[members], position)
        self._file(position, members, before)

    def first_superset(self, members: frozenset[int]) -> int | None:
        """The first position whose set contains ``members``, or ``None``."""
        found = [self._containing.get(members)]
        found.append(next((p for p in self._large if members <= self._sets[p]), None))
        return min((p for p in found if p is not None), default=None)

    def first_subset(self, members: frozenset[int]) -> int | None:
        """The first position whose set is contained in ``members``, or ``None``."""
        if len(members) > SUBSET_LIMIT:
            return next((p for p, s in sorted(self._sets.items()) if s <= members), None)
        firsts = (self._equal[s][0] for s in _subsets(members) if self._equal.get(s))
        return min(firsts, default=None)

    def _file(self, position: int, members: frozenset[int], before: frozenset[int] | None) -> None:
        """File ``members`` under its subsets, but those of ``before``, filed already."""
        if len(members) > SUBSET_LIMIT:
            if position not in self._large:
                bisect.insort(self._large, position)
            return
        for subset in _subsets(members):
            if before is not None and subset <= before:
                continue
            first = self._containing.get(subset)
            if first is None or position < first:
                self._containing[subset] = position


def _subsets(members: frozenset[int]) -> Iterator[frozenset[int]]:
    ordered = sorted(members)
    for size in range(len(ordered) + 1):
        for chosen in combinations(ordered, size):
            yield frozenset(chosen)
