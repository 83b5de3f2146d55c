"""Tests for errors.py: every error a user sees is one line naming the file."""

from __future__ import annotations

import pickle

import pytest

from audio_edition import errors


@pytest.mark.parametrize("kind", [errors.ConfigError, errors.ReaderError, errors.SynthesisError,
                                  errors.AudioError, errors.TaggingError, errors.FeedError,
                                  errors.ClusterError])
def test_an_error_names_its_file_before_its_problem_and_exits_with_one(kind):
    exc = kind("front matter: bad date", "articles/x.md")
    assert str(exc) == "articles/x.md: front matter: bad date"
    assert exc.exit_code == 1 and exc.path == "articles/x.md"
    assert isinstance(exc, errors.EditionError)


def test_an_error_without_a_file_is_its_problem_alone():
    assert str(errors.ConfigError("no voices")) == "no voices"


def test_an_error_raised_in_a_worker_comes_back_whole():
    exc = pickle.loads(pickle.dumps(errors.SynthesisError("chunk 3 failed", "a.md")))
    assert type(exc) is errors.SynthesisError and str(exc) == "a.md: chunk 3 failed"
