"""The exceptions a user can see. Each one prints as a single ``Error: <file>: <problem>`` line."""

from __future__ import annotations

from pathlib import Path

import click


class EditionError(click.ClickException):
    """Root of every error audio-edition reports to the user.

    ``path`` names the file the problem is in, when there is one; it is put in front of the
    message so that the user sees ``Error: articles/x.md: front matter: ...``.
    """

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.problem = message
        super().__init__(f"{self.path}: {message}" if self.path else message)

    def __reduce__(self):
        # Raised in a worker process, it is pickled back to the build with its own arguments.
        return type(self), (self.problem, self.path)


class ConfigError(EditionError):
    """A bad value in ``edition.toml``, a voice profile or a command-line option."""


class ReaderError(EditionError):
    """An article that cannot be read: empty, binary, undecodable, malformed front matter."""


class SynthesisError(EditionError):
    """The TTS engine failed, produced no audio, or used another voice than the one asked for."""


class AudioError(EditionError):
    """ffmpeg is missing or failed while encoding."""


class TaggingError(EditionError):
    """mutagen could not write the ID3 tag."""


class FeedError(EditionError):
    """The feed or its episode manifest could not be read or written."""


class ClusterError(EditionError):
    """The Dask cluster cannot be used: the scheduler is unreachable, or a worker differs from
    this process (version, engine, voice). It stops the whole build, not one article."""
