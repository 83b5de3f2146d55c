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

## Build the bundled sample articles into audio/, feed/ and the listening pages.
demo: $(STAMP)
	$(BIN)/audio-edition build articles --out .
	@echo
	@echo "MP3s:  $(CURDIR)/audio/"
	@echo "Feed:  $(CURDIR)/feed/feed.xml"
	@echo "Pages: $(CURDIR)/index.html  (to listen: $(BIN)/audio-edition serve, then http://127.0.0.1:8000/)"

## Run the whole test suite, including the slow end-to-end tests with the real engine.
test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf audio/*.mp3 audio/*.vtt audio/*.srt audio/*.json feed/*.xml feed/*.json feed/*.png
