"""docs/channels.md shows what the engine says today."""

from __future__ import annotations

from scripts.channel_transcripts import DOC, with_transcripts


def test_the_transcripts_in_the_docs_are_the_engines_own() -> None:
    document = DOC.read_text("utf-8")
    assert document == with_transcripts(document), "run python -m scripts.channel_transcripts --write"
