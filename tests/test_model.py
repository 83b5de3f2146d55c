"""The typed objects between stages: what they derive, and the errors a user sees."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from audio_edition import errors
from audio_edition.model import (
    Article, ArticleMeta, Block, BlockKind, Rendered, Timing, iter_samples,
)


def test_full_text_keeps_numbers_of_list_items():
    article = Article(path=Path("a.txt"), title="Titel", teaser="Vorspann",
                      blocks=[Block(BlockKind.PARAGRAPH, "Absatz."),
                              Block(BlockKind.LIST_ITEM, "Erster Punkt.", number=1)],
                      meta=ArticleMeta())
    assert article.full_text() == "Titel\n\nVorspann\n\nAbsatz.\n\n1. Erster Punkt."


def test_silence_is_written_out_in_blocks_and_speech_passes_through_apply():
    pieces = [(None, 5, None), (b"\x01\x00\x02\x00", 2, "narrator"), (None, 3, None)]
    chunks = list(iter_samples(pieces, block=4))
    assert chunks == [bytes(8), bytes(2), b"\x01\x00\x02\x00", bytes(6)]
    doubled = b"".join(iter_samples(pieces, lambda pcm, voice: pcm * 2))
    assert len(doubled) == 2 * (5 + 4 + 3)
    rendered = Rendered(pieces=pieces, sample_rate=10, timings=[Timing(0, 0.5, 0.7)])
    assert rendered.duration == pytest.approx(1.0)
    assert rendered.pcm == b"".join(iter_samples(pieces))


@pytest.mark.parametrize("cls", [errors.ConfigError, errors.ReaderError, errors.SynthesisError,
                                 errors.AudioError, errors.TaggingError, errors.FeedError])
def test_every_error_is_one_line_naming_the_file(cls):
    exc = cls("something is wrong: 'x'", Path("articles") / "a.md")
    assert isinstance(exc, errors.EditionError) and isinstance(exc, click.ClickException)
    assert exc.format_message() == "articles/a.md: something is wrong: 'x'"
    assert exc.exit_code == 1 and exc.problem == "something is wrong: 'x'"
    assert cls("no file").format_message() == "no file"
