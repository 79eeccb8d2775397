"""What a server's error says, whatever its shape, and what kind of fault it is.

Servers speaking the chat completions API agree on little about errors:

- OpenAI, Ollama, llama.cpp, LiteLLM, DeepSeek, Azure: ``{"error": {"message", "type",
  "code", "param"}}``, with extras (llama.cpp's ``n_ctx``, OpenRouter's
  ``metadata.raw``); LM Studio and some proxies: ``{"error": "text"}``;
- vLLM (older) ``{"object": "error", "message"}``; FastAPI servers ``{"detail": "Not
  Found"}`` or ``{"detail": [{"loc", "msg"}]}``; Gemini's OpenAI endpoint a JSON *list*
  ``[{"error": {"code", "message", "status", "details"}}]``;
- plain text (Ollama's ``404 page not found``) or an HTML page (a proxy, a web UI).

:func:`diagnose` reads the server's own words from any of these and names the
:class:`Cause`, so that each kind of fault is handled once: a rejected output mode
falls back, a rejected parameter the engine can fix is fixed, and the rest end with a
message naming the cause after one request.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import openai

from summarizer.text import one_line

MAX_SAID = 300
"""Longest excerpt of a server's own words kept for a message."""


class Cause(StrEnum):
    """Why a server refused a request."""

    MODE = "mode"
    """The output mode (``response_format``, tools) is not supported."""
    PARAMETER = "parameter"
    """A parameter of the request is not accepted."""
    CONTEXT = "context"
    """The request does not fit the model's context window."""
    MODEL = "model"
    """No such model (or deployment) on this server."""
    KEY = "key"
    """The API key is missing, wrong or not allowed."""
    FILTER = "filter"
    """A content filter refused the request (Azure's content management policy)."""
    QUOTA = "quota"
    """The account's quota or credit is spent; waiting will not help."""
    RATE = "rate"
    """Rate limited: the same request may pass later."""
    ROUTE = "route"
    """No such endpoint: the base URL is likely wrong."""
    SERVER = "server"
    """The server failed (5xx, 408, 409): the same request may pass later."""
    UNKNOWN = "unknown"
    """A refusal the server does not explain."""


@dataclass(frozen=True)
class Diagnosis:
    """A server's error: its cause, its own words, and the figures it gave."""

    cause: Cause
    status: int
    said: str
    """The server's own words, on one line, at most :data:`MAX_SAID` characters."""
    codes: tuple[str, ...] = ()
    """Its ``code``, ``type`` and ``status`` strings, lower case."""
    param: str | None = None
    """The parameter it names, when it names one."""
    context_size: int | None = None
    """The model's context window in tokens, when it says."""
    request_tokens: int | None = None
    """The tokens of the refused request, when it says."""
    page_title: str | None = None
    """The title of an HTML page sent instead of an API reply."""
    redirected_to: str | None = None
    """The URL a redirect led the request to, when one did (without its query)."""


_FORMAT_PARAMS = frozenset(
    {"response_format", "json_schema", "tools", "tool_choice", "functions", "strict", "format"}
)
_FORMAT_WORDS = re.compile(
    r"response_format|response[ _]schema|response mime type|json_schema|json_object|"
    r"tool_choice|\btools?\b|function call|structured output|grammar|guided|\bschema\b"
)
_CONTEXT_CODES = frozenset(
    {"context_length_exceeded", "exceed_context_size_error", "context_window_exceeded"}
)
_CONTEXT_WORDS = re.compile(
    r"context (?:length|size|window)|maximum (?:context|sequence|model|prompt) length|"
    r"prompt is too long|too many (?:input )?tokens|input (?:is )?too long|"
    r"reduce the length of the (?:messages|input)|prompt \(\d+ tokens\) is too long|"
    r"input token count.{0,40}exceeds|tokens \+ `?max_new_tokens`? must be|request too large"
)
"""How servers say a request does not fit (OpenAI, vLLM's decoder and V1 prompt checks,
llama.cpp, Ollama, LM Studio, Gemini, xAI, TGI, Mistral, Anthropic and Groq via LiteLLM)."""
_KEY_CODES = frozenset(
    {"invalid_api_key", "authentication_error", "unauthorized", "api_key_invalid", "401"}
)
_KEY_WORDS = re.compile(
    r"api[ _-]?key|unauthori[sz]ed|authenticat|no auth credentials|invalid (?:bearer )?token|"
    r"access token"
)
_MODEL_CODES = frozenset({"model_not_found", "deploymentnotfound", "model_not_available"})
_MODEL_WORDS = re.compile(
    r"\bmodels?\b.{0,80}(?:not found|does not exist|not available|no such|is not a valid|"
    r"not supported for|pull)|(?:invalid|unknown|no such|not a valid) model|no models? loaded|"
    r"deployment.{0,40}does not exist"
)
_FILTER_CODES = frozenset(
    {"content_filter", "responsibleaipolicyviolation", "content_policy_violation"}
)
_FILTER_WORDS = re.compile(r"content management policy|content (?:filter|policy)")
_QUOTA_CODES = frozenset({"insufficient_quota", "billing_hard_limit_reached", "402"})
_QUOTA_WORDS = re.compile(r"billing|insufficient (?:credits|balance|quota)|out of credits")
_PARAM_WORDS = re.compile(
    r"unsupported param(?:eter)?|unrecognized request argument|unknown (?:parameter|field|name)|"
    r"extra inputs are not permitted|unsupported value|not supported with this model|"
    r"unexpected keyword|invalid (?:parameter|argument)"
)
_PARAM_NAMES = (
    re.compile(r"(?:parameter|value|param):?\s*['\"`]?([a-z_][\w.]*)['\"`]?", re.I),
    re.compile(r"request argument supplied:\s*([a-z_]\w*)", re.I),
    re.compile(r"unknown name \"([\w.]+)\"", re.I),
    re.compile(r"['\"`]([a-z_]\w*)['\"`] is not supported", re.I),
)
_ROUTE_WORDS = re.compile(
    r"unexpected endpoint|page not found|^not found$|no route|cannot post|resource not found|"
    r"method not allowed|unknown (?:url|endpoint|path)|invalid url"
)
_CONTEXT_SIZE = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"(?:maximum context length is|context window of|context length of(?: only)?|"
        r"context size(?: of)?|n_ctx\D{0,3}|maximum model length of|exceeds limit of|"
        r"maximum prompt length is|must be <=)\s*(\d[\d,]*)",
        r"(?:context size|context length|tokens allowed) \((\d[\d,]*)(?: tokens)?\)",
        r"(\d[\d,]*) maximum context length",
        r"tokens > (\d[\d,]*) maximum",
        r"\(TPM\): limit (\d[\d,]*)",
    )
)
"""Where a server's words give its context window (the first pattern that matches)."""
_REQUEST_TOKENS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"(?:you requested(?: about)?|resulted in|requested tokens \(|prompt has|"
        r"prompt contains|request contains|prompt is too long:|n_prompt_tokens\D{0,3}|"
        r"your request has|keep the first|given:)\s*(\d[\d,]*)",
        r"(?:request|prompt|input) \((?:length )?(\d[\d,]*)(?: tokens)?\)",
        r"input token count \((\d[\d,]*)\)",
        r"requested (\d[\d,]*)\b",
    )
)
"""Where a server's words give the size of the refused request, in tokens."""
_DURATION = (
    r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?"
)
_SAID_DELAY = re.compile(
    rf"(?:try again|retry) (?:in|after) (?:(\d+(?:\.\d+)?) ?seconds?\b|{_DURATION}\b)", re.I
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.I | re.S)


def diagnose(status: int, body: object, content_type: str = "") -> Diagnosis:
    """The :class:`Diagnosis` of an error response.

    Args:
        status: the HTTP status, or the code a 200 reply's error object carries.
        body: the body as the SDK keeps it (``APIStatusError.body``): the parsed JSON
            (or its ``error`` member), or the text when it is not JSON.
        content_type: the response's content type, to tell an HTML page.
    """
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str) and body.lstrip().startswith(("{", "[")):
        body = _maybe_json(body)
    title = None
    if isinstance(body, str) and _is_html(body, content_type):
        title, said = _page_words(body)
    else:
        said = one_line(_words(body), MAX_SAID)
    fields = _fields(body)
    codes = tuple(str(fields[key]).lower() for key in ("code", "type", "status") if fields.get(key))
    text = said.lower()
    param = fields.get("param") if isinstance(fields.get("param"), str) else _param_in(said)
    return Diagnosis(
        cause=_cause(status, said.lower(), codes, param, title, said_delay(body) is not None),
        status=status,
        said=said or (f"HTTP {status}" if status else "no details"),
        codes=codes,
        param=param,
        context_size=_number(fields.get("n_ctx")) or _found_number(_CONTEXT_SIZE, text),
        request_tokens=_number(fields.get("n_prompt_tokens"))
        or _found_number(_REQUEST_TOKENS, text),
        page_title=title,
    )


def diagnose_error(exc: openai.APIStatusError) -> Diagnosis:
    """:func:`diagnose` of the SDK's error for a refused request (or an error reply).

    A redirect on the way (``http`` to ``https``, a moved path) is named: following one
    turns a ``POST`` into a ``GET``, which the endpoint then refuses.
    """
    response = exc.response
    found = diagnose(exc.status_code, exc.body, response.headers.get("content-type", ""))
    if not response.history:
        return found
    url = response.request.url
    moved = f"{url.scheme}://{url.netloc.decode('ascii')}{url.path}"
    cause = Cause.ROUTE if found.cause in (Cause.UNKNOWN, Cause.ROUTE) else found.cause
    return replace(found, cause=cause, redirected_to=moved)


def said_delay(body: object) -> float | None:
    """Seconds an error body asks to wait before retrying, when it names a delay.

    Read from Google's ``RetryInfo.retryDelay`` (``"37s"``), or from the words
    ("Please retry after 6 seconds": Azure; "try again in 6m0s": OpenAI).
    """
    if isinstance(body, str):
        body = _maybe_json(body)
    info = _retry_info(body)
    if info is not None:
        return info
    found = _SAID_DELAY.search(_words(body))
    if not found:
        return None
    if found.group(1):
        return float(found.group(1))
    return _seconds(found.groups()[1:])


def duration(text: str) -> float | None:
    """Seconds in a Go-style duration (``"1m23.5s"``, ``"120ms"``) or a bare number."""
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    found = re.fullmatch(_DURATION, text)
    return _seconds(found.groups()) if found and any(found.groups()) else None


def _seconds(parts: tuple[str | None, ...]) -> float | None:
    hours, minutes, seconds, millis = (float(part) if part else 0.0 for part in parts)
    if not (hours or minutes or seconds or millis) and not any(parts):
        return None
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _retry_info(body: object, depth: int = 0) -> float | None:
    """``retryDelay`` of a ``google.rpc.RetryInfo`` detail anywhere in ``body``."""
    if depth > 6:
        return None
    if isinstance(body, dict):
        delay = body.get("retryDelay")
        if isinstance(delay, str):
            return duration(delay)
        items: list[object] = list(body.values())
    elif isinstance(body, list):
        items = list(body)
    else:
        return None
    for item in items:
        found = _retry_info(item, depth + 1)
        if found is not None:
            return found
    return None


def _cause(
    status: int,
    said: str,
    codes: tuple[str, ...],
    param: str | None,
    title: str | None,
    delay_named: bool,
) -> Cause:
    known = set(codes)
    if known & _FILTER_CODES or _FILTER_WORDS.search(said):
        return Cause.FILTER
    if known & _CONTEXT_CODES or _CONTEXT_WORDS.search(said):
        return Cause.CONTEXT
    spent = status == 429 and not delay_named and _QUOTA_WORDS.search(said)
    if status == 402 or known & _QUOTA_CODES or spent:
        return Cause.QUOTA
    if known & _MODEL_CODES or _MODEL_WORDS.search(said):
        return Cause.MODEL
    if status in (401, 403) or known & _KEY_CODES or _KEY_WORDS.search(said):
        return Cause.KEY
    if status == 429:
        return Cause.RATE
    if _PARAM_WORDS.search(said) and param and param.split(".")[0] not in _FORMAT_PARAMS:
        return Cause.PARAMETER
    if _FORMAT_WORDS.search(said) or (param and param.split(".")[0] in _FORMAT_PARAMS):
        return Cause.MODE
    if status >= 500 or status in (408, 409):
        return Cause.SERVER
    if status in (404, 405) or title is not None or _ROUTE_WORDS.search(said):
        return Cause.ROUTE
    return Cause.UNKNOWN


def _fields(body: object) -> dict[str, Any]:
    """The innermost error object's fields (``{"error": {...}}``, a list's first item)."""
    for _ in range(4):
        if isinstance(body, list) and body:
            body = body[0]
        elif isinstance(body, dict) and isinstance(body.get("error"), dict | list):
            body = body["error"]
        else:
            break
    return body if isinstance(body, dict) else {}


def _words(body: object, depth: int = 0) -> str:
    """The server's own words in any shape of error body."""
    if depth > 5 or body is None:
        return ""
    if isinstance(body, str):
        return body
    if isinstance(body, list):
        return "; ".join(dict.fromkeys(w for item in body if (w := _words(item, depth + 1))))
    if not isinstance(body, dict):
        return str(body)
    for key in ("error", "message", "msg", "detail", "error_message", "description", "title"):
        value = body.get(key)
        if key == "error" and isinstance(value, str | dict | list) and value:
            return _words(value, depth + 1)
        if isinstance(value, str) and value.strip():
            return _with_detail(body, value)
        if isinstance(value, list) and value:
            return _words(value, depth + 1)
    loc = body.get("loc")
    if isinstance(loc, list) and body.get("msg"):
        return f"{'.'.join(map(str, loc))}: {body['msg']}"
    return ""


def _with_detail(body: dict[str, Any], message: str) -> str:
    """``message`` with the detail a gateway hides behind a generic one (OpenRouter)."""
    metadata = body.get("metadata")
    raw = metadata.get("raw") if isinstance(metadata, dict) else None
    if raw and str(raw) not in message:
        detail = raw if isinstance(raw, str) else json.dumps(raw)
        return f"{message}: {_words(_maybe_json(detail)) or detail}"
    loc = body.get("loc")
    if isinstance(loc, list) and "msg" in body:
        return f"{'.'.join(map(str, loc))}: {message}"
    return message


def _maybe_json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _is_html(text: str, content_type: str) -> bool:
    start = text.lstrip()[:200].lower()
    return "html" in content_type or start.startswith(("<!doctype html", "<html", "<head"))


def _page_words(page: str) -> tuple[str, str]:
    """An HTML page's title (or first heading, or first words) and its text's start."""
    found = _TITLE.search(page) or _HEADING.search(page)
    text = one_line(html.unescape(_TAG.sub(" ", page)), MAX_SAID)
    title = one_line(html.unescape(_TAG.sub(" ", found.group(1))), MAX_SAID) if found else ""
    return title or text[:80], text


def _param_in(said: str) -> str | None:
    for pattern in _PARAM_NAMES:
        found = pattern.search(said)
        if found:
            return found.group(1)
    return None


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _found_number(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for pattern in patterns:
        if found := pattern.search(text):
            return int(found.group(1).replace(",", ""))
    return None
