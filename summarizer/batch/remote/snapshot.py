"""The articles of a run, as its requests were made from them, kept beside the requests.

Results come back hours later, or on another machine, and are grounded in the very text
the requests carried: a snapshot holds, for each input, the article (text and metadata),
the passages it was split into and the name of its briefing, or why it could not be read.
Its first line is the :class:`RunSpec`: the model, output mode, parameters and prompts
the requests were made with, so that re-asks are what the online path would send.

```
{"spec": {"run": "3fa2c1d0", …, "request": {"model": …, "mode": …, "params": {…}, …}}}
{"n": 0, "id": "a.txt", "source": …, "name": "a", "article": {"text": …, …}, "passages": [[0, 812]], "error": null}
{"n": 1, "id": "b.txt", "source": …, "name": "b", "article": null, "passages": [], "error": {"status": "failed", "message": …}}
```
"""  # noqa: E501

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.article import Article
from summarizer.engines.base import Passage
from summarizer.engines.request import RequestSpec
from summarizer.errors import ConfigError, InputError
from summarizer.fileio import atomic_writer
from summarizer.prompts import load_prompts

FORMAT = "briefing-run/2"
_ARTICLE_FIELDS = ("text", "source", "title", "url", "date", "author", "site", "encoding")


@dataclass(frozen=True)
class RunSpec:
    """A run, fixed when it is planned: its id, and the requests it makes."""

    run: str
    """Eight hex digits that begin every custom id of the run."""
    created_at: str
    settings: str
    """The manifest's settings fingerprint (:func:`~summarizer.batch.manifest.settings_key`)."""
    request: RequestSpec
    """What every request of the run is made with, as the online engine would."""

    @classmethod
    def of(cls, request: RequestSpec, settings_key: str) -> RunSpec:
        """The spec of a new run making ``request``."""
        return cls(
            run=secrets.token_hex(4),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            settings=settings_key,
            request=request,
        )

    def started(self) -> datetime:
        """When the run was planned."""
        return datetime.fromisoformat(self.created_at)

    def to_json(self) -> dict[str, Any]:
        """The spec as the snapshot's first line holds it."""
        return {
            "run": self.run,
            "created_at": self.created_at,
            "settings": self.settings,
            "request": self.request.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunSpec:
        """A spec from :meth:`to_json`'s values; raises ``KeyError``/``ValueError`` if damaged."""
        return cls(
            run=str(data["run"]),
            created_at=str(data["created_at"]),
            settings=str(data["settings"]),
            request=RequestSpec.from_json(data["request"]),
        )


@dataclass(frozen=True)
class Planned:
    """One input of a run: its article and passages, or why it could not be read."""

    n: int
    id: str
    source: str
    name: str
    """The output name it suggests (see :class:`~summarizer.batch.naming.OutputNames`)."""
    article: Article | None
    spans: tuple[tuple[int, int], ...] = ()
    """Each passage as (offset, length) in the article text."""
    error: tuple[str, str] | None = None
    """Manifest status and message of an input that could not be read."""

    @cached_property
    def passages(self) -> list[Passage]:
        """The passages the requests carry, cut from the article by :attr:`spans`."""
        if self.article is None:
            return []
        text, title = self.article.text, self.article.title
        return [
            Passage(text=text[start : start + size], title=title, offset=start)
            for start, size in self.spans
        ]

    def to_json(self) -> dict[str, Any]:
        """The snapshot line of this input."""
        article = None
        if self.article is not None:
            article = {key: getattr(self.article, key) for key in _ARTICLE_FIELDS}
            article["media_type"] = self.article.media_type
        error = None if self.error is None else {"status": self.error[0], "message": self.error[1]}
        return {
            "n": self.n,
            "id": self.id,
            "source": self.source,
            "name": self.name,
            "article": article,
            "passages": [list(span) for span in self.spans],
            "error": error,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Planned:
        """An input from its snapshot line; raises ``KeyError``/``TypeError`` if damaged."""
        found = data["article"]
        article = None if found is None else Article(**found)
        error = data["error"]
        return cls(
            n=int(data["n"]),
            id=str(data["id"]),
            source=str(data["source"]),
            name=str(data["name"]),
            article=article,
            spans=tuple((int(start), int(size)) for start, size in data["passages"]),
            error=None if error is None else (str(error["status"]), str(error["message"])),
        )

    @property
    def sha256(self) -> str | None:
        """SHA-256 of the article text, if it was read."""
        return None if self.article is None else self.article.sha256


def write_snapshot(path: Path, spec: RunSpec, inputs: Iterable[Planned]) -> None:
    """Write the snapshot of a run, atomically."""
    with atomic_writer(path) as handle:
        header = {"format": FORMAT, "spec": spec.to_json()}
        handle.write(_line(header))
        for planned in inputs:
            handle.write(_line(planned.to_json()))


def read_spec(path: Path) -> RunSpec:
    """The spec of a run, from its snapshot's first line.

    Raises:
        InputError: the file is missing or not a snapshot.
        ConfigError: the run was made with prompts other than this briefing's.
    """
    with _open(path) as stream:
        return _spec(path, stream.readline())


def read_snapshot(path: Path) -> tuple[RunSpec, list[Planned]]:
    """The spec of a run and its inputs; raises as :func:`read_spec` does."""
    with _open(path) as stream:
        spec = _spec(path, stream.readline())
        inputs = []
        for number, line in enumerate(stream, start=2):
            if not line.strip():
                continue
            try:
                inputs.append(Planned.from_json(json.loads(line)))
            except (ValueError, TypeError, KeyError) as exc:
                raise InputError(f"{path}:{number}: damaged line ({exc})") from None
    return spec, inputs


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def _spec(path: Path, first: bytes) -> RunSpec:
    try:
        header = json.loads(first)
        if header.get("format") != FORMAT:
            raise ValueError("format")
        spec = RunSpec.from_json(header["spec"])
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InputError(
            f"{path}: not a briefing run snapshot of this version of briefing"
        ) from None
    prompts = load_prompts().version
    if spec.request.prompt_version != prompts:
        raise ConfigError(
            f"{path}: the run was made with prompts {spec.request.prompt_version}, "
            f"this briefing has {prompts}; use the briefing version that made it"
        )
    return spec


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
