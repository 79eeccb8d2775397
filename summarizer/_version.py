"""The version of briefing: read by the build (hatch) and recorded in every provenance."""

__version__ = "0.1.0"
