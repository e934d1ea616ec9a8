# Every target builds or refreshes .venv by itself, so a fresh clone needs only `make`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

TRAIN_STAMP := $(VENV)/.installed-train

.PHONY: install run test lint bench train clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

$(TRAIN_STAMP): $(STAMP) training/constraints.txt
	$(BIN)/python -m pip install --quiet -c training/constraints.txt -e '.[dev,train]'
	@touch $(TRAIN_STAMP)

run: install
	$(BIN)/starl serve --host 127.0.0.1 --port 8000

test: install
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training
	$(BIN)/mypy src/starl

bench: install
	$(BIN)/python bench/run.py

# Rebuild the shipped model files from corpus/ (deterministic: same corpus, same weights).
train: $(TRAIN_STAMP)
	$(BIN)/python training/build_word_vectors.py
	$(BIN)/python training/train_boundaries.py
	$(BIN)/python training/train_components.py
	$(BIN)/python training/train_questions.py
	$(BIN)/python training/manifest.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
