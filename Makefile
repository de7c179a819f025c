# groggy: `make demo` sets everything up and runs the main job; `make test` runs every test.
# Needs only cargo, a C compiler and python3; Python packages go into .venv under the repo.

SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3
CARGO ?= cargo
PREFIX ?= /usr/local
VENV := .venv
VPY := $(abspath $(VENV))/bin/python
RUFF := $(abspath $(VENV))/bin/ruff
PY_SOURCES := python tests/python bench setup.py
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

.PHONY: build test demo install clean bench venv py-install stress \
        fmt-check clippy cargo-test header-check c-test readme-c-test py-test lint

## build: the release library (target/release) and the generated header (include/groggy.h)
build:
	$(CARGO) build --release

## venv: the virtualenv with the Python tools the tests and demo use
venv: $(VENV)/.ready
$(VENV)/.ready: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q "setuptools>=77" wheel cffi numpy pandas networkx scipy pytest ruff
	touch $@

## py-install: build the wheel from this tree and install it into .venv
py-install: venv build
	$(VPY) -m pip install -q --no-build-isolation --no-deps --force-reinstall .

## demo: the main job, run from outside the repo to prove the installed package works
demo: py-install
	cd / && $(VPY) -m groggy demo

## test: everything CI checks
test: fmt-check clippy cargo-test header-check c-test readme-c-test py-test lint

fmt-check:
	$(CARGO) fmt --check

clippy:
	$(CARGO) clippy --all-targets -- -D warnings

cargo-test:
	$(CARGO) test

# The committed header must be what build.rs generates from the sources.
header-check: build
	git ls-files --error-unmatch include/groggy.h > /dev/null
	git diff --exit-code -- include/groggy.h

c-test:
	$(CARGO) build
	bash tests/c/run.sh target/debug

# The C program in README.md compiles against an installed copy of the library and runs.
readme-c-test: build
	bash tests/c/readme_example.sh

py-test: py-install
	$(VPY) -m pytest -q -p no:cacheprovider tests/python

lint: venv
	$(RUFF) check $(PY_SOURCES)
	$(RUFF) format --check $(PY_SOURCES)

## install: library, header and pkg-config file under $(PREFIX) (and $(DESTDIR))
install: build
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 include/groggy.h $(DESTDIR)$(PREFIX)/include/groggy.h
	install -m 755 target/release/libgroggy.so $(DESTDIR)$(PREFIX)/lib/libgroggy.so
	install -m 644 target/release/libgroggy.a $(DESTDIR)$(PREFIX)/lib/libgroggy.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' groggy.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/groggy.pc

## bench: speed and memory against igraph, rustworkx, networkit and networkx, in one run
bench: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) run.py

$(VENV)/.bench-ready: $(VENV)/.ready
	$(VPY) -m pip install -q igraph rustworkx networkit matplotlib psutil scipy
	touch $@

clean:
	$(CARGO) clean
	rm -rf $(VENV) build dist tests/c/build bench/results python/groggy/libgroggy.* \
		python/groggy/groggy.h
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

## stress: the concurrency stress tests (Python and C) for longer (STRESS_SECONDS, default 60)
STRESS_SECONDS ?= 60
stress: py-install
	$(CARGO) build
	GROGGY_STRESS_SECONDS=$(STRESS_SECONDS) $(VPY) -m pytest -q -p no:cacheprovider \
		tests/python/test_stress.py tests/python/test_safety.py
	mkdir -p tests/c/build
	$${CC:-gcc} -std=c99 -O1 -g -Iinclude -Itests/c -pthread tests/c/test_stress.c \
		-o tests/c/build/stress -Ltarget/debug -lgroggy -Wl,-rpath,$(abspath target/debug)
	STRESS_SECONDS=$(STRESS_SECONDS) tests/c/build/stress
