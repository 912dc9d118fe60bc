# Radix: every entry point. `make run` and `make test` set up what they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed-stamp
# Another path (make test MODEL=models/other.tar.gz) trains and tests a model beside the default one.
MODEL ?= $(or $(RADIX_MODEL),models/radix.tar.gz)
MODEL_NAME = $(basename $(basename $(notdir $(MODEL))))
export RADIX_MODEL := $(abspath $(MODEL))

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

# What a trained model is made of: retrain only when one of these changed.
FINDING_SLOTS := bot/domain/findings.yml
MODEL_INPUTS := config.yml $(FINDING_SLOTS) $(wildcard bot/domain/*.yml) $(wildcard nlu/training/*.yml) \
	$(wildcard stories/*.yml) common/contract.py common/finding.py \
	$(shell find nlu/extraction nlu/components -name '*.py' -o -name '*.yml' 2>/dev/null)

.PHONY: help install lock train run test bench bench-turn eval eval-nlu coverage validate clean browser services soak

help:
	@echo "make run    - set up if needed, train if needed, start Radix on embedded defaults"
	@echo "make test   - set up if needed, train if needed, run the whole test suite"
	@echo "make soak   - 50 concurrent conversations + the bad-input corpus: errors, latency, lost turns"
	@echo "make bench-turn - Radix's turn against the bare rasa init bot: p50/p95, stages, turns/s"
	@echo "make install | train | bench | eval | eval-nlu | coverage | validate | lock | clean"

# Rasa 3.6.21 declares Python <3.11; uv with requirements/overrides.txt installs it on 3.11.
# requirements/lock.txt pins every package, so every machine gets the same versions.
$(STAMP): pyproject.toml requirements/lock.txt requirements/overrides.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) pip sync --python $(PY) requirements/lock.txt
	$(UV) pip install --python $(PY) --no-deps -e .
	@touch $@

install: $(STAMP)

lock: $(STAMP)
	$(UV) pip compile --python-version 3.11 --override requirements/overrides.txt \
		pyproject.toml --extra test -o requirements/lock.txt

# The finding slots are generated from the contract (one per concept).
$(FINDING_SLOTS): common/contract.py bot/slots.py | $(STAMP)
	$(PY) -m bot.slots

$(MODEL): $(STAMP) $(MODEL_INPUTS)
	RASA_CACHE_DIRECTORY=.rasa/cache-$(MODEL_NAME) $(PY) -m rasa train --config config.yml \
		--domain bot/domain --data nlu/training stories --out $(dir $(MODEL)) --fixed-model-name $(MODEL_NAME)
	@touch $@

train: $(MODEL)

run: $(MODEL)
	$(PY) -m bot.run

validate: $(STAMP)
	$(PY) -m rasa data validate --config config.yml --domain bot/domain --data nlu/training stories

# Two workers (one per core here); a test file stays on one worker so its module fixtures start once.
# TEST_WORKERS=0 runs everything in this process (easier to debug).
TEST_WORKERS ?= 2
test: $(MODEL) browser services
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

# 50 conversations of 5 turns at once (REST and SMS) plus the bad-input corpus, against servers of
# its own (temporary directory, free ports): errors, p50/p95 per turn, turns/s, lost or disordered
# turns. REPLICAS=N: N Rasa servers and one action server on throw-away PostgreSQL and Redis
# (docs/deploy.md), each conversation's turns alternating between replicas.
REPLICAS ?= 0
soak: $(MODEL) $(if $(filter 0,$(REPLICAS)),,services)
	$(PY) tests/support/soak.py --replicas $(REPLICAS)

# Rules engine (assessments/s), extractor and its Rasa component, and the whole Rasa NLU pipeline (msgs/s).
bench: $(MODEL)
	$(PY) -m actions.cli bench --n 10000
	$(PY) -m nlu.extraction.bench --model $(MODEL)

# The bare `rasa init` bot (trained once into .rasa/bench-init) and Radix side by side: interleaved
# p50/p95 and their ratio, where Radix's turn time goes, turns/s on one core (bot/bench_turn.py).
bench-turn: $(MODEL)
	$(PY) -m bot.bench_turn

# Every evaluation set: findings (micro-F1, status, experiencer, reported diagnoses), red-flag recall, false
# emergencies, red-flag checks, top-1/top-2 of the expected consideration (actions/evaluation.py).
eval: $(STAMP)
	$(PY) -m actions.evaluation

# Intent classification, 3-fold cross-validation over nlu/training (about 4 minutes on 2 shared cores;
# docs/conversation.md, "Intent figures"). The per-intent report is results/nlu/intent_report.json.
eval-nlu: $(STAMP)
	$(PY) -m rasa test nlu --nlu nlu/training --config config.yml --cross-validation --folds 3 \
		--out results/nlu
	@$(PY) -c "import json; r=json.load(open('results/nlu/intent_report.json')); \
		print('intent cross-validation: accuracy %.3f, macro F1 %.3f, weighted F1 %.3f' % \
		(r['accuracy'], r['macro avg']['f1-score'], r['weighted avg']['f1-score']))"

coverage: $(STAMP)
	$(PY) -m actions.cli coverage

# Debian's chromium for the web widget's browser test (Playwright drives it; never `playwright install`).
browser:
	@command -v chromium >/dev/null || (DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium) || (echo "make browser: could not install chromium (needs root and Debian packages)"; exit 1)

# Debian's PostgreSQL and Redis for the replica tests (tests/bot/test_replicas.py), which start
# throw-away servers on free ports in temporary directories and stop them; nothing is left running.
services:
	@(ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null) || \
		(DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql redis-server) || \
		(echo "make services: could not install postgresql and redis-server (needs root and Debian packages)"; exit 1)

clean:
	rm -rf models var .rasa .pytest_cache
