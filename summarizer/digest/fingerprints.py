"""Which articles a digest has already seen, in 16 bytes an article.

Kept apart from the digest's bounded summaries because it is the one thing the digest
keeps for every article: to say that a text summarised twice is "the same article as A3".
"""

from __future__ import annotations

import hashlib
from array import array

_MASK_64 = (1 << 64) - 1
_ODD_64 = 0x9E37_79B9_7F4A_7C15


class Fingerprints:
    """Article numbers by a 64-bit fold of the article's SHA-256, 16 bytes an article.

    An open-addressing table in two arrays, doubled when half full: a dict of a hundred
    thousand numbers would hold as many Python objects, scattered among those freed after
    each article. Two texts share a fingerprint with odds of 1 in 2^64 per pair.
    """

    def __init__(self) -> None:
        self._keys = array("Q", bytes(8 * 1024))
        self._numbers = array("Q", bytes(8 * 1024))
        self._count = 0

    @staticmethod
    def _key(sha256: str) -> int:
        """The fingerprint, never 0 (0 marks an empty slot)."""
        try:
            whole = int(sha256, 16)
        except ValueError:
            whole = int.from_bytes(hashlib.sha256(sha256.encode()).digest(), "big")
        key = 0
        while whole:
            key ^= whole & _MASK_64
            whole >>= 64
        return (key * _ODD_64 & _MASK_64) or 1  # mixed, so that no plain value lands on 0

    def _slot(self, key: int) -> int:
        mask = len(self._keys) - 1
        slot = key & mask
        while self._keys[slot] not in (0, key):
            slot = (slot + 1) & mask
        return slot

    def get(self, sha256: str) -> int | None:
        """The number of the article with this SHA-256, if added."""
        slot = self._slot(self._key(sha256))
        return self._numbers[slot] if self._keys[slot] else None

    def add(self, sha256: str, number: int) -> None:
        """Remember that article ``number`` has this SHA-256."""
        if 2 * (self._count + 1) > len(self._keys):
            self._grow()
        key = self._key(sha256)
        slot = self._slot(key)
        self._count += not self._keys[slot]
        self._keys[slot], self._numbers[slot] = key, number

    def _grow(self) -> None:
        keys, numbers = self._keys, self._numbers
        self._keys = array("Q", bytes(16 * len(keys)))
        self._numbers = array("Q", bytes(16 * len(keys)))
        for key, number in zip(keys, numbers, strict=True):
            if key:
                slot = self._slot(key)
                self._keys[slot], self._numbers[slot] = key, number
