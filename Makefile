# EmoShift — the two commands of the README:
#   make demo   install what is missing, build (release), run the bundled demo
#   make test   install what is missing, build, run every test, then load full-size weights
#               written by an independent numpy writer (Scripts/ci/full-size-weights.sh)
# Other targets: make build | bench | clean
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin
# Tests and benchmarks use one BLAS thread (repeatable timings, no oversubscription).
export OPENBLAS_NUM_THREADS ?= 1
SWIFT ?= swift
RELEASE_BIN := .build/release/emoshift

.PHONY: deps build test demo bench clean

deps:
	@bash Scripts/install-deps.sh

build: deps
	@$(SWIFT) build -c release --product emoshift 2>&1 | grep -vE '^(Building|Build of product|\[[0-9]+/[0-9]+\])' || true
	@test -x $(RELEASE_BIN) || { echo "build failed" >&2; exit 1; }

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory build
	bash Scripts/ci/full-size-weights.sh

demo: build
	@bash Scripts/demo.sh

bench: build
	$(RELEASE_BIN) bench

clean:
	rm -rf .build
