# One task file for humans, CI (.ci/run) and hooks. Each target installs what it needs.
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: chat test lint types unit wheel fmt bench gallery clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	touch $(STAMP)

chat: $(STAMP)  ## talk to the advisor in the terminal
	$(VENV)/bin/advisor chat

lint: $(STAMP)  ## ruff, and the import contracts of pyproject.toml (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

types: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q

model: $(STAMP)  ## retrain the reader from data/corpus (writes bot/reading/weights.json)
	$(PY) -m training.train

model-check: $(STAMP)  # the shipped weights are the ones the corpus trains
	$(PY) -m training.train --check

wheel: $(STAMP)  ## build the wheel, install it in a fresh venv, advise from another folder
	$(PY) .ci/check_wheel.py

test: lint types model-check unit wheel  ## everything CI runs

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	$(PY) -m bench

gallery: $(STAMP)  ## rewrite docs/replies.md, the replies to docs/gallery_cases.yaml
	$(PY) docs/gallery.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
