"""The prompt templates in ``prompts/``: found inside the wheel or in a checkout."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from summarizer.reply import reply_json_schema_text

_FILE = "extract.toml"


@dataclass(frozen=True)
class Prompts:
    """The extraction prompt templates, and their version."""

    version: str
    system: str
    user: str
    json_mode: str
    reask: str

    def system_message(self, tag: str, *, with_schema: bool) -> str:
        """The system prompt; ``with_schema`` appends the reply schema for JSON mode."""
        text = self.system.format(tag=tag)
        if with_schema:
            text += "\n" + self.json_mode.format(schema=reply_json_schema_text())
        return text

    def user_message(self, tag: str, text: str, title: str | None) -> str:
        """The article, delimited by ``tag``, with its title when known."""
        heading = f"Title: {title}\n\n" if title else ""
        return self.user.format(tag=tag, title=heading, text=text)

    def reask_message(self, problems: list[str]) -> str:
        """The follow-up listing what was wrong with the last reply."""
        return self.reask.format(problems="\n".join(f"- {p}" for p in problems))


def article_tag(text: str) -> str:
    """A delimiter tag the article cannot contain, since it derives from its own hash."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _prompt_file() -> Path:
    packaged = resources.files("summarizer").joinpath("prompts", _FILE)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "prompts" / _FILE


@cache
def load_prompts() -> Prompts:
    """The prompts shipped with this version of briefing."""
    data = tomllib.loads(_prompt_file().read_text("utf-8"))
    return Prompts(
        version=data["version"],
        system=data["system"].strip(),
        user=data["user"].strip(),
        json_mode=data["json_mode"].strip(),
        reask=data["reask"].strip(),
    )
