"""audio-edition: articles in, a narrated podcast episode and feed out."""

__version__ = "0.1.0"
