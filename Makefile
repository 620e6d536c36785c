GO      ?= go
BIN     := bin/setupwiz
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: run build test bench lint fuzz clean

## run: build and start the wizard (try `make run ARGS=demo` for a self-contained demo)
run: build
	./$(BIN) $(ARGS)

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/setupwiz

## test: install what the tests need (as root), then run every test with the race detector
test:
	GO=$(GO) ./scripts/test-deps.sh
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

## bench: speed measurements (verification latency, discovery, first frame)
bench: build
	GO=$(GO) ./scripts/test-deps.sh
	$(GO) test -run '^$$' -bench . -benchtime 20x -count 1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...

## fuzz: run each fuzz target for FUZZTIME (default 20s)
FUZZTIME ?= 20s
fuzz:
	@for spec in $$(grep -rho --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sort -u | sed 's/^func //'); do \
	  pkg=$$(grep -rl --include='*_test.go' "^func $$spec(" internal cmd | head -1 | xargs dirname); \
	  echo "== $$spec ($$pkg)"; \
	  $(GO) test -run '^$$' -fuzz "^$$spec\$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
	done

clean:
	rm -rf bin
