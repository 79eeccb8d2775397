"""The exceptions briefing raises, each with the exit code the CLI uses for it.

```
BriefingError                     1
├── ConfigError                   3   bad settings, no model configured
├── InputError                    10  the article cannot be read
│   ├── SourceNotFound            11
│   ├── SourceIsDirectory         12
│   ├── EmptyArticle              13
│   ├── BinaryInput               14
│   ├── NoArticleText             15  a page with nothing to extract
│   ├── InputTooLarge             16
│   ├── UnsupportedSource         17  scheme or file type we do not read
│   ├── FetchError                18  a URL that could not be fetched
│   └── UnreadableSource          19  permissions, undecodable bytes
└── EngineError                   20
    ├── TransportError            21  retries exhausted, authentication, bad request
    │   └── ContextOverflow           the request is longer than the model's context
    ├── InvalidReply              22  still invalid after every re-ask
    └── ReplyOutcome                  the server answered, but not with a briefing
        ├── Refused               23
        ├── Truncated             24  finish_reason=length
        └── ContentFiltered       25
```
The other exit codes are no error's: :class:`ExitCode` holds them. Messages are one
line and never contain secrets.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.schema import Usage


class ExitCode(IntEnum):
    """Exit codes that no exception above carries."""

    OK = 0
    USAGE = 2
    """A flag or argument the command does not accept."""
    WITH_FAILURES = 30
    """A batch finished, and some of its inputs failed or were skipped."""
    IN_FLIGHT = 75
    """A batch whose requests still run elsewhere (the Batch API, or a request file to
    run and import): run the command again later."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (or SIGTERM)."""


class BriefingError(Exception):
    """Base of every error briefing raises on purpose."""

    exit_code = 1
    status = "failed"
    """The batch manifest status this error maps to."""


class ConfigError(BriefingError):
    """Settings are missing or contradictory."""

    exit_code = 3


class InputError(BriefingError):
    """The source cannot be turned into an article."""

    exit_code = 10


class SourceNotFound(InputError):
    """The path does not exist."""

    exit_code = 11


class SourceIsDirectory(InputError):
    """A directory was given where a file was expected."""

    exit_code = 12


class EmptyArticle(InputError):
    """The article has no text, or only whitespace."""

    exit_code = 13


class BinaryInput(InputError):
    """The input is binary data, not text or HTML."""

    exit_code = 14


class NoArticleText(InputError):
    """A page from which no article text could be extracted."""

    exit_code = 15


class InputTooLarge(InputError):
    """The input is over the size cap."""

    exit_code = 16


class UnsupportedSource(InputError):
    """A URL scheme or file type briefing does not read."""

    exit_code = 17


class FetchError(InputError):
    """A URL could not be fetched."""

    exit_code = 18


class UnreadableSource(InputError):
    """The source exists but cannot be read or decoded."""

    exit_code = 19


class EngineError(BriefingError):
    """The engine could not produce a briefing.

    ``raw`` keeps the server's last reply (if any), ``attempts`` the requests that got a
    reply and ``usage`` the tokens they cost, so a failure still accounts for its spend.
    """

    exit_code = 20

    def __init__(
        self,
        message: str,
        *,
        raw: str | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ):
        from summarizer.schema import Usage  # here, so that importing the errors stays cheap

        super().__init__(message)
        self.raw = raw
        self.attempts = attempts
        self.usage = usage or Usage()


class TransportError(EngineError):
    """The server could not be reached, kept failing after every retry, or refused.

    ``cause`` names the kind of refusal when known (``model``, ``key``, ``route``,
    ``mode``, ``context``, ``quota``, ``rate``, ``server``…).
    """

    exit_code = 21

    def __init__(
        self,
        message: str,
        *,
        cause: str | None = None,
        raw: str | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ):
        super().__init__(message, raw=raw, attempts=attempts, usage=usage)
        self.cause = cause


class ContextOverflow(TransportError):
    """The request did not fit the model's context window.

    ``context_size`` and ``request_tokens`` are the server's figures, when it gave them.
    """

    def __init__(
        self,
        message: str,
        *,
        context_size: int | None = None,
        request_tokens: int | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ):
        super().__init__(message, cause="context", attempts=attempts, usage=usage)
        self.context_size = context_size
        self.request_tokens = request_tokens


class InvalidReply(EngineError):
    """The reply stayed invalid after every re-ask; the last reply and its errors are kept."""

    exit_code = 22
    status = "invalid"

    def __init__(
        self,
        message: str,
        *,
        problems: list[str],
        raw: str | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ):
        super().__init__(message, raw=raw, attempts=attempts, usage=usage)
        self.problems = problems


class ReplyOutcome(EngineError):
    """The server answered without a briefing; ``raw`` keeps what it said."""


class Refused(ReplyOutcome):
    """The model refused to answer."""

    exit_code = 23
    status = "refused"


class Truncated(ReplyOutcome):
    """The reply was cut off by the token limit (``finish_reason=length``)."""

    exit_code = 24
    status = "truncated"


class ContentFiltered(ReplyOutcome):
    """The server's content filter withheld the reply."""

    exit_code = 25
    status = "refused"
