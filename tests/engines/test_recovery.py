"""The rules every path applies to a refused request: mode, parameter, retry or the end."""

from __future__ import annotations

from summarizer.config import Settings
from summarizer.engines.base import OutputMode, Passage
from summarizer.engines.diagnosis import diagnose
from summarizer.engines.exchange import Exchange
from summarizer.engines.recovery import fall_back, fix_parameter, passes_later
from summarizer.engines.request import RequestSpec

AUTO = OutputMode.AUTO


def exchange(**settings: object) -> Exchange:
    spec = RequestSpec.of(Settings(api_key="k", model="m", **settings))  # type: ignore[arg-type]
    return spec.exchange(Passage("Japan and the Philippines signed a pact."), lambda reply: [])


def test_a_refused_mode_falls_back_and_a_reasonless_4xx_only_once() -> None:
    moved = exchange()
    assert fall_back(AUTO, diagnose(400, "response_format json_schema unsupported"), moved)
    assert moved.mode == "json_object"
    guessed = exchange()
    assert fall_back(AUTO, diagnose(400, "Bad Request"), guessed) and guessed.mode == "json_object"
    assert not fall_back(AUTO, diagnose(400, "Bad Request"), guessed), "a second guess fails"
    assert guessed.mode == "json_object" and guessed.schema_in_format


def test_refusals_about_something_else_or_a_chosen_mode_never_fall_back() -> None:
    for status, said in [(404, "no such model"), (500, "overloaded"), (401, "invalid api key")]:
        kept = exchange()
        assert not fall_back(AUTO, diagnose(status, said), kept) and kept.mode == "json_schema"
    chosen = exchange(mode="json_schema")
    assert not fall_back(OutputMode.JSON_SCHEMA, diagnose(400, "json_schema unsupported"), chosen)


def test_a_refused_token_limit_is_renamed_once_and_a_temperature_dropped() -> None:
    # OpenAI's words for an o-series model (public API reference, authored here).
    refused = (
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
        "'max_completion_tokens' instead."
    )
    both = exchange(base_url="http://127.0.0.1:8000/v1", max_output_tokens=900, temperature=0.2)
    assert both.params == {"temperature": 0.2, "max_tokens": 900}
    assert fix_parameter(diagnose(400, {"message": refused, "param": "max_tokens"}), both)
    assert both.params == {"temperature": 0.2, "max_completion_tokens": 900}
    again = {"message": "Unsupported parameter: 'max_completion_tokens'", "param": None}
    assert not fix_parameter(diagnose(400, again), both), "both names refused: no third try"
    temperature = {"message": "Unsupported value: 'temperature' does not support 0.2"}
    assert fix_parameter(diagnose(400, temperature), both)
    assert both.params == {"max_completion_tokens": 900}
    assert both.renamed == {"max_tokens": "max_completion_tokens", "temperature": None}
    assert not fix_parameter(diagnose(400, {"message": "Unsupported parameter: 'seed'"}), both)


def test_what_passes_later() -> None:
    assert passes_later(diagnose(503, "busy")) and passes_later(diagnose(429, "Rate limit reached"))
    assert passes_later(diagnose(500, "Internal Server Error"))
    assert not passes_later(diagnose(400, "Bad Request"))
    assert not passes_later(diagnose(500, "the request exceeds the available context size"))
    quota = {"message": "You exceeded your current quota", "code": "insufficient_quota"}
    assert not passes_later(diagnose(429, quota))
