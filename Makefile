# Two commands for a fresh clone:  make demo  and  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the bundled sample articles into audio/ and feed/.
demo: $(STAMP)
	$(BIN)/audio-edition build articles --out .
	@echo
	@echo "MP3s:  $(CURDIR)/audio/"
	@echo "Feed:  $(CURDIR)/feed/feed.xml"

## Run the whole test suite, including the slow end-to-end tests with the real engine.
test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf audio/*.mp3 audio/*.vtt audio/*.srt audio/*.json feed/*.xml feed/*.json feed/*.png
