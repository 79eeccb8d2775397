"""What a run settles, written as the online batch writes it: briefings and manifest lines.

Each finished input gets its briefing (written atomically) and then its manifest line,
with the run's settings fingerprint, so that resuming, ``briefing digest`` and a later
online run see it exactly as one the online batch made. A failed input loses the
briefing an earlier run made of it. Output names are claimed for every input of the run
in snapshot order, after the names earlier runs gave (kept from the manifest), so they
do not depend on the order in which results arrive.

A journal (one input number a line) lists the inputs recorded: a resumed run, catching
up on results it had already applied, writes nothing twice. Losing the journal costs
only writing some briefings again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from summarizer.batch.manifest import Manifest, ManifestLine, Status
from summarizer.batch.naming import OutputNames
from summarizer.batch.outputs import BriefingWriter
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.batch.remote.tracker import InputWork
from summarizer.schema import Usage
from summarizer.text import one_line


class Recorder:
    """Writes the briefing and manifest line of each input a run settles, once."""

    def __init__(
        self,
        out_dir: Path,
        manifest: Manifest,
        spec: RunSpec,
        inputs: Iterable[Planned],
        journal: Path | None = None,
        *,
        html: bool = False,
    ) -> None:
        self.out_dir = out_dir
        self.manifest = manifest
        self.spec = spec
        self.writer = BriefingWriter(out_dir, html=html)
        self.usage = Usage()
        """Tokens of the inputs recorded by this process."""
        self._journal = journal
        self._journal_file: TextIO | None = None
        self._names = OutputNames()
        for line in manifest.lines():
            if line.output:
                self._names.keep(line.id, line.output)
        self._outputs = {
            planned.n: self._names.claim(planned.id, planned.name) for planned in inputs
        }

    def recorded(self) -> set[int]:
        """The inputs the journal lists as recorded."""
        if self._journal is None:
            return set()
        try:
            text = self._journal.read_text("ascii")
        except FileNotFoundError:
            return set()
        return {int(line) for line in text.split() if line.isdigit()}

    def record(self, work: InputWork) -> None:
        """Write a settled input's briefing (if it succeeded) and its manifest line."""
        planned = work.planned
        output = self._outputs[planned.n]
        if work.failure is None and planned.article is not None:
            briefing = work.briefing()
            self.writer.write(output, briefing, planned.article.text)
            usage = briefing.provenance.usage
            status, error, attempts = Status.OK, None, briefing.provenance.attempts
            kept: str | None = output
            made_with: str | None = self.spec.settings
            duration = briefing.provenance.duration_s
        else:  # a failure keeps the briefing an earlier run made, if there is one
            kept, made_with = self.manifest.kept(planned.id)
            failure = work.failure
            assert failure is not None
            usage = failure.usage
            status, error = Status(failure.status), one_line(failure.message, limit=None)
            attempts = failure.attempts
            duration = 0.0
        self.usage += usage
        self._append(
            planned, status, error, attempts, usage.total_tokens, duration, kept, made_with
        )
        work.recorded = True
        work.forget()
        self._note(planned.n)

    def in_flight(self, work: InputWork, where: str) -> None:
        """Note an input still waiting for results: ``skipped``, saying where it waits."""
        note = f"in flight: {where}"
        previous = self.manifest.get(work.planned.id)
        if previous is None or previous.error != note or previous.settings != self.spec.settings:
            kept, made_with = self.manifest.kept(work.planned.id)
            self._append(work.planned, Status.SKIPPED, note, 0, 0, 0.0, kept, made_with)

    def _append(
        self,
        planned: Planned,
        status: Status,
        error: str | None,
        attempts: int,
        tokens: int,
        duration: float,
        output: str | None,
        output_settings: str | None,
    ) -> None:
        self.manifest.append(
            ManifestLine.now(
                id=planned.id,
                source=planned.source,
                sha256=planned.sha256,
                status=status,
                error=error,
                attempts=attempts,
                tokens=tokens,
                duration_s=duration,
                output=output,
                settings=self.spec.settings,
                output_settings=output_settings,
            )
        )

    def close(self) -> None:
        """Close the journal."""
        if self._journal_file is not None:
            self._journal_file.close()
            self._journal_file = None

    def _note(self, number: int) -> None:
        if self._journal is None:
            return
        if self._journal_file is None:
            self._journal_file = self._journal.open("a", encoding="ascii")
        self._journal_file.write(f"{number}\n")
        self._journal_file.flush()
