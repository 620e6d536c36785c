GO      ?= go
BIN     := bin/setupwiz
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: run build test bench lint fuzz clean package

## run: build and start the wizard (try `make run ARGS=demo` for a self-contained demo)
run: build
	./$(BIN) $(ARGS)

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/setupwiz

# Package version: the v* tag when there is one, else 0.0.0~gitDATE.HASH
# (Debian and RPM versions must start with a digit; ~ sorts before any release).
PKG_VERSION ?= $(shell v=$$(git describe --tags --match 'v[0-9]*' 2>/dev/null); \
	if [ -n "$$v" ]; then echo "$${v\#v}"; \
	else echo "0.0.0~git$$(git log -1 --format=%cd --date=format:%Y%m%d 2>/dev/null || echo 0).$$(git rev-parse --short HEAD 2>/dev/null || echo dev)"; fi)
PKG_MAINTAINER  ?= setupwiz maintainers <maintainers@setupwiz.invalid>
PKG_DIR         ?= bin/package
PKG_OUT         ?= bin
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

## package: build $(PKG_OUT)/setupwiz_VERSION_ARCH.deb and .rpm (binary, man page, bash/zsh/fish
## completions, copyright) with nfpm, pinned as a Go tool in go.mod
package: build
	rm -rf $(PKG_DIR) && mkdir -p $(PKG_DIR)/completions $(PKG_OUT)
	cp $(BIN) $(PKG_DIR)/setupwiz
	$(PKG_DIR)/setupwiz man | gzip -9n > $(PKG_DIR)/setupwiz.1.gz
	$(PKG_DIR)/setupwiz completion bash > $(PKG_DIR)/completions/setupwiz.bash
	$(PKG_DIR)/setupwiz completion zsh > $(PKG_DIR)/completions/_setupwiz
	$(PKG_DIR)/setupwiz completion fish > $(PKG_DIR)/completions/setupwiz.fish
	{ cat packaging/copyright; $(GO) version -m $(PKG_DIR)/setupwiz | awk '$$1 == "dep" { print " " $$2 " " $$3 }'; } > $(PKG_DIR)/copyright
	for p in deb rpm; do \
	  PKG_DIR=$(PKG_DIR) PKG_VERSION='$(PKG_VERSION)' PKG_MAINTAINER='$(PKG_MAINTAINER)' GOARCH=$$($(GO) env GOARCH) \
	    $(GO) tool nfpm package --config packaging/nfpm.yaml --packager $$p --target $(PKG_OUT)/ || exit 1; \
	done

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
