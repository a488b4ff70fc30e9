# The two commands a new user needs: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RAW_DIR ?= data/raw
DUCKDB_PATH ?= warehouse.duckdb
SCALE ?= 0.01
PORT ?= 8080
# The engine `make run` builds on: duckdb (the default) or spark (a local Spark session).
ENGINE ?= duckdb
SPARK_DIR ?= $(CURDIR)/.spark

export DBT_PROFILES_DIR := $(CURDIR)
export RAW_DIR DUCKDB_PATH SPARK_DIR
# Read by the loader from the environment (see docs/real-data.md).
export ACCEPT_ROW_DROP MAX_ROW_DROP

# Where `make test` builds: its own tiny sample and databases, apart from your warehouse.
TEST_DIR := .build/test

.PHONY: help install install-spark deps run dev test lint pytest test-build docs freshness upstream-check evaluate report bench sample clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.installed ## create the virtual environment and install the pinned packages

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing the pinned packages into $(VENV) (requirements.txt: dbt, DuckDB and its CLI; about a minute the first time)"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

install-spark: $(VENV)/.installed-spark ## add dbt-spark and pyspark (the second engine; needs Java 17)

$(VENV)/.installed-spark: requirements-spark.txt $(VENV)/.installed
	@echo "installing dbt-spark and pyspark (requirements-spark.txt, about 450 MB)"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	@touch $@

deps: install
	@$(BIN)/dbt deps --quiet

ifeq ($(ENGINE),spark)
run: install-spark
	$(BIN)/python -m scripts.spark build --raw-dir "$(RAW_DIR)" --spark-dir "$(SPARK_DIR)"
else
run: install ## build the warehouse (sample data unless RAW_DIR has real files); ENGINE=spark builds on Spark; FORCE=1 rebuilds, ACCEPT_ROW_DROP=1 accepts a source losing over MAX_ROW_DROP (0.5) of its rows
	$(BIN)/python -m scripts.build --raw-dir "$(RAW_DIR)" --db "$(DUCKDB_PATH)" $(if $(FORCE),--force,)
endif

dev: deps ## plain `dbt build` into the development database (dev.duckdb)
	$(BIN)/python -m scripts.load register --raw-dir "$(RAW_DIR)" --db "$${DUCKDB_DEV_PATH:-dev.duckdb}"
	$(BIN)/dbt build

test: lint pytest test-build ## lint, pytest, and a dbt build of the tiny sample

lint: deps ## sqlfluff (models, snapshots, the generator's SQL) and ruff
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	DUCKDB_DEV_PATH=$(TEST_DIR)/lint.duckdb DBT_TARGET_PATH=$(TEST_DIR)/lint-target \
		$(BIN)/sqlfluff lint models snapshots
	$(BIN)/sqlfluff lint --templater jinja scripts/generate/sql

pytest: deps ## the Python test suite (loader, generator, packages, models, docs, WAP, bench)
	$(BIN)/pytest

test-build: deps ## build the tiny sample warehouse with write-audit-publish and all tests; docs coverage; the semantic layer validated on it
	rm -rf $(TEST_DIR)/raw $(TEST_DIR)/warehouse.duckdb
	$(BIN)/python -m scripts.load sample --raw-dir $(TEST_DIR)/raw
	$(BIN)/python -m scripts.build --raw-dir $(TEST_DIR)/raw --db $(TEST_DIR)/warehouse.duckdb \
		--target-path $(TEST_DIR)/target
	$(BIN)/python -m scripts.docs_site generate --db $(TEST_DIR)/warehouse.duckdb \
		--target-path $(TEST_DIR)/target
	$(BIN)/python -m scripts.docs_coverage --target-path $(TEST_DIR)/target
	$(BIN)/python -m scripts.semantic_layer validate --db $(TEST_DIR)/warehouse.duckdb

docs: deps ## generate the docs from the built warehouse and serve them on localhost (PORT=8080)
	$(BIN)/python -m scripts.docs_site generate --db "$(DUCKDB_PATH)"
	$(BIN)/python -m scripts.docs_site serve --port $(PORT)

upstream-check: install ## build the sample with the project's packages and with upstream copies in PACKAGES_DIR, and compare
	@test -n "$(PACKAGES_DIR)" || { echo "error: PACKAGES_DIR is not set (a folder with dbt-utils, dbt-expectations and dbt-date)"; exit 2; }
	$(BIN)/python -m scripts.upstream_check --packages-dir "$(PACKAGES_DIR)"

evaluate: install ## run dbt-project-evaluator on the project, offline, with package copies in PACKAGES_DIR
	@test -n "$(PACKAGES_DIR)" || { echo "error: PACKAGES_DIR is not set (a folder with dbt-project-evaluator, dbt-utils, dbt-expectations and dbt-date)"; exit 2; }
	$(BIN)/python -m scripts.evaluate --packages-dir "$(PACKAGES_DIR)"

freshness: deps ## how old each IMDB file behind the published warehouse is (dbt source freshness)
	DBT_TARGET=prod DUCKDB_PATH="$(DUCKDB_PATH)" $(BIN)/dbt source freshness

report: deps ## the analysts' static HTML report from the published warehouse
	$(BIN)/python -m scripts.report --db "$(DUCKDB_PATH)" --out target/report/index.html

bench: deps $(if $(filter spark,$(ENGINE)),install-spark,) ## benchmark the full build at SCALE (1.0 = full IMDB size; ENGINE=spark on Spark); results in bench/results
	$(BIN)/python -m scripts.bench --scale $(SCALE) --engine $(ENGINE)

sample: install ## generate the sample data into RAW_DIR (SCALE=1.0 is full IMDB size)
	$(BIN)/python -m scripts.load sample --raw-dir "$(RAW_DIR)" --scale $(SCALE)

clean: ## remove build outputs (not your raw data, not the published warehouse)
	rm -rf target logs dbt_packages .build .spark
