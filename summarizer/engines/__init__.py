"""Engines: what turns article text into a reply (OpenAI-compatible or offline)."""
