from __future__ import annotations

from pathlib import Path

from summarizer.batch import discover_inputs
from summarizer.batch.manifest import Manifest, ManifestLine, settings_key
from summarizer.batch.remote.plan import plan_run
from summarizer.config import Settings
from summarizer.engines.request import RequestSpec
from tests.batch.conftest import write_articles


def line(
    item_id: str, sha256: str | None, status: str, settings: str, output: str | None
) -> ManifestLine:
    return ManifestLine.now(
        id=item_id,
        source=item_id,
        sha256=sha256,
        status=status,
        error=None,
        attempts=1,
        tokens=0,
        duration_s=0.0,
        output=output,
        settings=settings,
    )


def test_inputs_done_with_the_same_settings_are_left_out(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    request = RequestSpec.of(Settings(api_key="k"))
    key = settings_key(request.info())
    items = discover_inputs(tmp_path / "in")
    first = plan_run(items, request, max_bytes=1000)
    assert [p.n for p in first.inputs] == list(range(6)) and first.earlier == 0
    sha = {p.id: p.sha256 for p in first.inputs}
    assert first.inputs[0].error is None and first.inputs[5].error is not None
    assert first.inputs[5].error[0] == "failed" and "empty" in first.inputs[5].error[1]
    out = tmp_path / "out"
    folder = Manifest(out)
    folder.load()
    (out / "done.json").write_text("{}")
    folder.append(line("article-000.txt", sha["article-000.txt"], "ok", key, "done.json"))
    folder.append(line("article-001.txt", sha["article-001.txt"], "ok", key, "gone.json"))
    folder.append(line("article-002.txt", sha["article-002.txt"], "failed", key, None))
    folder.append(line("article-003.txt", sha["article-003.txt"], "ok", "other", "done.json"))
    folder.append(line("article-004.txt", "changed", "ok", key, "done.json"))
    folder.append(line("empty.txt", None, "failed", key, None))
    kept = plan_run(items, request, max_bytes=1000, manifest=folder, out_dir=out)
    retried = plan_run(
        items, request, max_bytes=1000, manifest=folder, out_dir=out, retry_failed=True
    )
    folder.release()
    assert [p.id for p in kept.inputs] == ["article-001.txt", "article-003.txt", "article-004.txt"]
    assert kept.earlier == 3 and [p.n for p in kept.inputs] == [0, 1, 2]
    assert retried.earlier == 1 and len(retried.inputs) == 5
