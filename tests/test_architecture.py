"""The house's arrows point down and never close a loop, module by module.

The import graph is grimp's (import-linter's engine), read from the source with the
imports under ``TYPE_CHECKING`` and inside functions counted too. Each module stands on
the floor of the longest name in :data:`FLOORS` that it is or lies under; a module may
import one on its own floor or below, never above. A new module needs a floor here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import grimp
import pytest

FLOORS: tuple[tuple[str, ...], ...] = (
    ("summarizer", "summarizer.__main__"),  # the package face and `python -m summarizer`
    ("summarizer.cli",),
    (
        "summarizer.check",
        "summarizer.digest",
        "summarizer.eval",
        "summarizer.export",
        "summarizer.ray",
        "summarizer.testing",
    ),
    ("summarizer.batch",),
    ("summarizer.pipeline",),
    ("summarizer.assemble", "summarizer.cache", "summarizer.chunking", "summarizer.merging"),
    ("summarizer.engines",),
    ("summarizer.config",),
    ("summarizer.article",),
    (
        "summarizer.actors",
        "summarizer.dates",
        "summarizer.decoding",
        "summarizer.engines.base",
        "summarizer.fetch",
        "summarizer.fileio",
        "summarizer.gold",
        "summarizer.httpclient",
        "summarizer.grounding",
        "summarizer.membership",
        "summarizer.metadata",
        "summarizer.names",
        "summarizer.plover",
        "summarizer.prompts",
        "summarizer.render",
        "summarizer.tokens",
        "summarizer.userconfig",
        "summarizer.webpage",
    ),
    ("summarizer.data", "summarizer.errors", "summarizer.reply"),
    ("summarizer._version", "summarizer.schema", "summarizer.text"),
)
"""From the top floor down: the CLI over the batch over the pipeline over the engines
over settings and articles over the leaves, with the schema at the bottom."""


def floor(module: str, floors: Sequence[Sequence[str]] = FLOORS) -> int | None:
    """The floor (0 is the top) of the longest name in ``floors`` that ``module`` is under."""
    best: tuple[int, int] | None = None
    for number, names in enumerate(floors):
        for name in names:
            inside = module == name or (module.startswith(f"{name}.") and name != "summarizer")
            if inside and (best is None or len(name) > best[1]):
                best = (number, len(name))
    return None if best is None else best[0]


def upward_imports(graph: grimp.ImportGraph, floors: Sequence[Sequence[str]] = FLOORS) -> list[str]:
    """Every import from a module to one on a higher floor, as ``a -> b``."""
    found = []
    for importer in sorted(graph.modules):
        low = floor(importer, floors)
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            high = floor(imported, floors)
            if low is not None and high is not None and high < low:
                found.append(f"{importer} -> {imported}")
    return found


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The loops of the graph: each group of modules that import one another (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return found


@pytest.fixture(scope="module")
def house() -> grimp.ImportGraph:
    return grimp.build_graph("summarizer", cache_dir=None)


def test_every_module_has_a_floor(house: grimp.ImportGraph) -> None:
    assert [m for m in sorted(house.modules) if floor(m) is None] == []


def test_no_arrow_points_up(house: grimp.ImportGraph) -> None:
    assert upward_imports(house) == []


def test_no_import_cycle(house: grimp.ImportGraph) -> None:
    assert cycles(house) == []


def _graph(imports: Iterable[tuple[str, str]]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_the_checks_catch_an_arrow_up_and_a_loop() -> None:
    floors = (("p.cli",), ("p.engines",), ("p.engines.base", "p.schema"))
    down = _graph([("p.cli.app", "p.engines.openai"), ("p.engines.openai", "p.engines.base")])
    assert upward_imports(down, floors) == [] and cycles(down) == []
    up = _graph([("p.engines.base", "p.engines.select"), ("p.schema", "p.cli.app")])
    assert upward_imports(up, floors) == [
        "p.engines.base -> p.engines.select",
        "p.schema -> p.cli.app",
    ]
    loop = _graph([("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")])
    assert cycles(loop) == [["p.a", "p.b", "p.c"]]
    assert floor("p.engines.base.x", floors) == 2 and floor("q.other", floors) is None
