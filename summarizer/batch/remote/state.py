"""Where a run on the OpenAI Batch API stands, kept in the output folder.

```
OUT_DIR/.openai-batch/
  state.json            rounds and their batches: file ids, batch ids, statuses
  articles.jsonl        the run's snapshot: spec, articles, passages (see snapshot.py)
  recorded              the inputs whose briefing and manifest line are written
  round-1/requests-1.jsonl   a request file as uploaded
  round-1/output-1.jsonl     its batch's output file, as downloaded
  round-1/errors-1.jsonl     its batch's error file, as downloaded
```

``state.json`` is rewritten atomically after every step, and each step is saved before
the next is taken: a request file is written before it is uploaded, the file id saved
before the batch is created, the batch id saved as soon as the batch exists, and a
batch's results downloaded before they are applied. A run stopped anywhere (Ctrl-C, a
crash, ``--detach``) is picked up by running the same command again: batches in flight
are polled, not submitted again, and a batch created just before a crash, its id not yet
saved, is found again by its input file. A batch's lines never leave this folder, so
``briefing batch status OUT_DIR`` can say where a run stands without the network.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.fileio import write_atomic

STATE_DIR = ".openai-batch"
STATE_FILE = "state.json"
SNAPSHOT_FILE = "articles.jsonl"
JOURNAL_FILE = "recorded"
FORMAT = "briefing-openai-batch/1"

TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
"""Batch statuses after which nothing more will come."""


@dataclass
class SubmittedBatch:
    """One request file of a round and the batch that runs it."""

    requests: str
    """The request file, relative to the state folder."""
    count: int
    input_file_id: str | None = None
    batch_id: str | None = None
    status: str | None = None
    completed: int = 0
    failed: int = 0
    checked_at: str | None = None
    output: str | None = None
    """The downloaded output file, relative to the state folder."""
    errors: str | None = None
    """The downloaded error file, relative to the state folder."""
    problem: str | None = None
    """Why the batch as a whole failed, as the API says."""
    collected: bool = False
    """Whether its results are downloaded (and so applied, now or when resuming)."""

    @property
    def in_flight(self) -> bool:
        """Submitted and not yet collected."""
        return self.batch_id is not None and not self.collected


@dataclass
class Round:
    """The batches sent together: first requests, or the re-asks and re-sends after them."""

    number: int
    batches: list[SubmittedBatch] = field(default_factory=list)

    @property
    def collected(self) -> bool:
        """Whether every batch of the round has its results."""
        return all(batch.collected for batch in self.batches)


@dataclass
class RunState:
    """A run's rounds, and whether it is over."""

    run: str
    settings: str
    """The settings fingerprint the run was planned with."""
    rounds: list[Round] = field(default_factory=list)
    finished: bool = False

    def save(self, folder: Path) -> None:
        """Write the state atomically."""
        data = {"format": FORMAT, **asdict(self)}
        write_atomic(folder / STATE_FILE, json.dumps(data, indent=1) + "\n")

    @classmethod
    def load(cls, folder: Path) -> RunState | None:
        """The state saved in ``folder``, or ``None`` if there is none.

        Raises:
            InputError: the file is damaged or from another version.
        """
        path = folder / STATE_FILE
        try:
            data: Any = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot be read ({exc})") from None
        try:
            if data.pop("format") != FORMAT:
                raise ValueError("format")
            rounds = [
                Round(r["number"], [SubmittedBatch(**b) for b in r["batches"]])
                for r in data.pop("rounds")
            ]
            return cls(rounds=rounds, **data)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise InputError(f"{path}: not the state of a briefing batch run") from None

    def in_flight(self) -> list[SubmittedBatch]:
        """Batches submitted and not yet collected."""
        return [batch for r in self.rounds for batch in r.batches if batch.in_flight]

    def status(self, model: str | None) -> dict[str, Any]:
        """Where the run stands, as JSON values.

        The run (its id, ``model``, whether it is finished, its batches in flight) and
        each round's batches as last checked.
        """
        return {
            "run": {
                "id": self.run,
                "model": model,
                "finished": self.finished,
                "in_flight": [batch.batch_id for batch in self.in_flight()],
            },
            "rounds": [
                {
                    "round": current.number,
                    "batches": [
                        {
                            "id": batch.batch_id,
                            "status": batch.status or "not submitted",
                            "requests": batch.count,
                            "completed": batch.completed,
                            "failed": batch.failed,
                            "checked_at": batch.checked_at,
                            "problem": batch.problem,
                        }
                        for batch in current.batches
                    ],
                }
                for current in self.rounds
            ],
        }
