"""``python -m audio_edition`` and the ``audio-edition`` command.

This module imports nothing at the top: worker processes are started with ``spawn``, which
imports the parent's main module again, and they need none of the CLI (numpy, click, the
readers) to synthesize.
"""


def run() -> None:
    """Runs the command line interface."""
    from audio_edition.cli import main

    main()


if __name__ == "__main__":
    run()
