"""``python -m summarizer`` runs the ``briefing`` command."""

from summarizer.cli import main

main()
