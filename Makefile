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
	./scripts/test-deps.sh
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

## bench: speed measurements (verification latency, discovery, first frame)
bench: build
	./scripts/test-deps.sh
	$(GO) test -run '^$$' -bench . -benchtime 20x -count 1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParseReply -fuzztime 30s ./internal/verify

clean:
	rm -rf bin
