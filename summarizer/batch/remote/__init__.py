"""Batches run elsewhere: the OpenAI Batch API, vLLM's ``run_batch``, any engine of the format.

The requests are the online path's, built by the same
:class:`~summarizer.engines.exchange.Exchange`, and every reply that comes back is
judged by it too (validation, grounding, re-asks, output-mode fallback), so a briefing
made this way equals the one the online path makes of the same reply.

```
plan.py         inputs read once, split into passages       → snapshot.py (articles.jsonl)
tracker.py      each passage's exchange: requests out, result lines judged
lines.py        the JSONL formats: request lines, result lines, packing within limits
record.py       briefings and manifest lines, as the online batch writes them
openai_batch.py rounds of batches on the Batch API         → api.py (the calls), state.py
transfer.py     export a request file, import its results
progress.py     the bar shown while batches run
```
"""
