from types import ModuleType

import summarizer

PUBLIC_DUNDERS = {"__version__"}


def _public(namespace: dict[str, object]) -> set[str]:
    """Names the package face defines for its users: not private, not a submodule."""
    return {
        name
        for name, value in namespace.items()
        if (not name.startswith("_") or name in PUBLIC_DUNDERS)
        and not isinstance(value, ModuleType)
    }


def test_all_is_what_the_face_defines_and_loads_lazily() -> None:
    assert len(set(summarizer.__all__)) == len(summarizer.__all__)
    assert set(summarizer.__all__) == _public(vars(summarizer)) | set(summarizer._LAZY)


def test_every_exported_name_resolves_and_nothing_else_leaks() -> None:
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None
    assert _public(vars(summarizer)) <= set(summarizer.__all__)
    for leaked in ("Any", "TYPE_CHECKING", "annotations", "import_module"):
        assert not hasattr(summarizer, leaked)


def test_the_version_has_one_holder() -> None:
    from summarizer._version import __version__

    assert summarizer.__version__ is __version__
