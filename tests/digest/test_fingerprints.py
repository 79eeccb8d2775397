from __future__ import annotations

import hashlib

from summarizer.digest.fingerprints import Fingerprints


def test_every_article_is_found_again_and_no_other() -> None:
    seen = Fingerprints()
    shas = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(20_000)]
    for number, sha in enumerate(shas, 1):
        assert seen.get(sha) is None
        seen.add(sha, number)
    assert all(seen.get(sha) == number for number, sha in enumerate(shas, 1))
    assert seen.get(hashlib.sha256(b"another").hexdigest()) is None


def test_made_up_and_malformed_digests_are_told_apart() -> None:
    seen = Fingerprints()
    for n in range(1000):
        seen.add(f"{n:064x}", n + 1)
    seen.add("not a digest", 5000)
    assert [seen.get(f"{n:064x}") for n in (0, 1, 999)] == [1, 2, 1000]
    assert seen.get("not a digest") == 5000 and seen.get("other") is None
