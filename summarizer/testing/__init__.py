"""Test doubles for code that uses briefing.

A loopback OpenAI-compatible server, an in-process transport, a model that answers
from the request's own JSON Schema, and a Batch API (files and batches endpoints) to
serve on the loopback server.

Nothing here reaches the network: servers bind 127.0.0.1 and stop by themselves.
"""

from summarizer.testing.batch_api import BatchAPI, Course, run_batch_file
from summarizer.testing.replies import (
    Reply,
    Request,
    Script,
    completion_body,
    error_body,
    fixture_reply,
)
from summarizer.testing.schema_model import SchemaModel
from summarizer.testing.server import FakeServer, transport

__all__ = [
    "BatchAPI",
    "Course",
    "FakeServer",
    "Reply",
    "Request",
    "SchemaModel",
    "Script",
    "completion_body",
    "error_body",
    "fixture_reply",
    "run_batch_file",
    "transport",
]
