"""The articles of a run, as its requests were made from them, kept beside the requests.

Results come back hours later, or on another machine, and are grounded in the very text
the requests carried: a snapshot holds, for each input, the article (text and metadata),
the passages it was split into and the name of its briefing, or why it could not be read.
Its first line is the :class:`RunSpec`: the model, output mode, parameters and prompts
the requests were made with, so that re-asks are what the online path would send.

```
{"spec": {"run": "3fa2c1d0", "model": …, "mode": …, "params": {…}, …}}
{"n": 0, "id": "a.txt", "source": …, "name": "a", "article": {"text": …, …}, "passages": [[0, 812]], "error": null}
{"n": 1, "id": "b.txt", "source": …, "name": "b", "article": null, "passages": [], "error": {"status": "failed", "message": …}}
```
"""  # noqa: E501

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.article import Article
from summarizer.config import OutputMode
from summarizer.engines.base import Passage, Verifier
from summarizer.engines.exchange import Exchange
from summarizer.engines.openai import ChatRequests
from summarizer.errors import ConfigError, InputError
from summarizer.fileio import atomic_writer
from summarizer.prompts import load_prompts

FORMAT = "briefing-run/1"
_ARTICLE_FIELDS = ("text", "source", "title", "url", "date", "author", "site", "encoding")


@dataclass
class RunSpec:
    """What every request of a run is made with, fixed when the run is planned.

    It describes the engine as :class:`~summarizer.engines.base.EngineInfo` does, for
    the briefings' provenance and the manifest's settings fingerprint.
    """

    run: str
    """Eight hex digits that begin every custom id of the run."""
    created_at: str
    settings: str
    """The settings fingerprint of the manifest (``runner.settings_key``)."""
    engine_fingerprint: dict[str, Any]
    model: str | None
    mode: str
    """The output-mode setting: ``auto`` falls back as a server rejects a mode."""
    first_mode: str
    params: dict[str, Any]
    max_attempts: int
    max_retries: int
    prompt_version: str | None
    name: str = "openai"
    token_budget: int | None = None

    @classmethod
    def of(cls, requests: ChatRequests, settings_key: str) -> RunSpec:
        """The spec of a new run making ``requests``."""
        settings = requests.settings
        return cls(
            run=secrets.token_hex(4),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            settings=settings_key,
            engine_fingerprint=dict(requests.fingerprint()),
            model=requests.model,
            mode=settings.mode.value,
            first_mode=requests.first_mode.value,
            params=requests.params(),
            max_attempts=settings.max_attempts,
            max_retries=settings.max_retries,
            prompt_version=requests.prompt_version,
            token_budget=requests.token_budget,
        )

    def fingerprint(self) -> dict[str, Any]:
        """The fingerprint of the engine settings the run was planned with."""
        return self.engine_fingerprint

    @property
    def mode_setting(self) -> OutputMode:
        """The output-mode setting, as an enum."""
        return OutputMode(self.mode)

    def exchange(self, passage: Passage, verify: Verifier) -> Exchange:
        """A new exchange for ``passage``, as the online engine would start it."""
        return Exchange(
            passage=passage,
            verify=verify,
            prompts=load_prompts(),
            model=self.model or "",
            mode=OutputMode(self.first_mode),
            max_attempts=self.max_attempts,
            params=dict(self.params),
        )

    def started(self) -> datetime:
        """When the run was planned."""
        return datetime.fromisoformat(self.created_at)


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
        header = {"format": FORMAT, "spec": asdict(spec)}
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
        spec = RunSpec(**header["spec"])
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InputError(f"{path}: not a briefing run snapshot") from None
    prompts = load_prompts().version
    if spec.prompt_version != prompts:
        raise ConfigError(
            f"{path}: the run was made with prompts {spec.prompt_version}, "
            f"this briefing has {prompts}; use the briefing version that made it"
        )
    return spec


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
