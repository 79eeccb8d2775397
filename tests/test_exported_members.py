import summarizer


def test_public_api_is_pinned() -> None:
    assert summarizer.__all__ == [
        "SCHEMA_VERSION",
        "Agreement",
        "AgreementStatus",
        "Article",
        "ArticleInfo",
        "Briefing",
        "BriefingError",
        "Evidence",
        "EvidenceStatus",
        "Party",
        "PartyKind",
        "PloverType",
        "Provenance",
        "Settings",
        "Severity",
        "Threat",
        "ThreatDomain",
        "ThreatMode",
        "Usage",
        "__version__",
        "asummarize",
        "load_article",
        "summarize",
    ]
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None
