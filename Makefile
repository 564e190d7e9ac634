# asyncgen — make targets. `make test` is everything CI runs.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 20s

.PHONY: all build test test-go test-race test-install generate check bench bench-go fuzz golden clean

all: build

build:
	$(GO) build -o bin/asyncgen ./cmd/asyncgen

## test: vet, gofmt and every test; without ASYNCGEN_TEST_DSN a throwaway
## PostgreSQL 15 cluster is started for the run (.ci/with-postgres)
test:
	@if [ -n "$$ASYNCGEN_TEST_DSN" ]; then $(MAKE) --no-print-directory test-go; \
	else bash .ci/with-postgres $(MAKE) --no-print-directory test-go; fi

test-go:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l cmd generator templates gen 2>/dev/null)" || (echo "gofmt needed:"; gofmt -l cmd generator templates gen; exit 1)
	$(GO) test -count=1 -timeout 30m $(PKGS)
	@$(MAKE) --no-print-directory test-race
	@$(MAKE) --no-print-directory test-install

## test-install: the README's install steps (replace + go get -tool +
## go:generate, .ci/tool-install) and a build with the oldest Go go.mod
## claims (.ci/go-minimum, which fetches that toolchain from the proxy once)
test-install:
	bash .ci/tool-install
	bash .ci/go-minimum

## test-race: lint's rules run beside its jsonschema/v5 workers; the race
## detector (which needs cgo, so a C compiler) checks lint and the CLI
## goldens. Without a compiler it is skipped, except under CI=true.
test-race:
	@if command -v cc >/dev/null 2>&1 && [ "$$($(GO) env CGO_ENABLED)" = 1 ]; then \
	  echo "$(GO) test -race -count=1 ./generator/lint/ ./cmd/asyncgen/"; \
	  $(GO) test -race -count=1 ./generator/lint/ ./cmd/asyncgen/; \
	elif [ -n "$$CI" ]; then echo "test-race: the race detector needs a C compiler and CGO_ENABLED=1" >&2; exit 1; \
	else echo "test-race: skipped (no C compiler or CGO_ENABLED=0)"; fi

## generate: lint the shipped contracts and regenerate gen/ (go generate ./...)
generate: build
	./bin/asyncgen lint
	$(GO) generate $(PKGS)

## check: stale generated code, vet, gofmt
check: build
	./bin/asyncgen lint
	./bin/asyncgen generate --check
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l cmd generator templates gen 2>/dev/null)" || (gofmt -l cmd generator templates gen; exit 1)

## bench: every benchmark; the ingest benchmark (BenchmarkIngest) needs
## PostgreSQL 15, started as for `make test` when ASYNCGEN_TEST_DSN is unset
bench:
	@if [ -n "$$ASYNCGEN_TEST_DSN" ]; then $(MAKE) --no-print-directory bench-go; \
	else bash .ci/with-postgres $(MAKE) --no-print-directory bench-go; fi

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./generator/...

## fuzz: each fuzz target for FUZZTIME
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./generator/source
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./generator/spec
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./generator/gogen/internal/rtsrc
	$(GO) test -run '^$$' -fuzz '^FuzzComment$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./generator/gogen
	$(GO) test -run '^$$' -fuzz '^FuzzHostileText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./generator

## golden: rewrite golden files from the current output, in the packages
## whose tests take -update (go test refuses the flag elsewhere)
GOLDEN_PKGS = $(shell grep -rlE --include='*_test.go' 'flag[.]Bool."update"' cmd generator | xargs -n1 dirname | sort -u | sed 's|^|./|')
golden:
	$(GO) test -count=1 -run Golden $(GOLDEN_PKGS) -update

clean:
	rm -rf bin
