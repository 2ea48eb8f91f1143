# Regulars — build, run and test on a fresh Debian or Ubuntu machine.
#
#   make run     build and open the window on your client book
#   make test    go vet and the race-checked tests
#   make test-integration
#                the email end to end against real Postfix and Dovecot on
#                127.0.0.1 (installed and started here, stopped at the end)
#   make bench   timings of the everyday operations on a 100,000-client book
#
# Missing system packages are installed with apt-get (with sudo when not
# root), Go too when there is none; Go 1.21 and later fetch the toolchain
# go.mod names through the Go module proxy themselves.

GO_VERSION := 1.26.8
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Fyne needs a C compiler and the OpenGL and X11 headers; Xvfb shows the
# window without a screen (screenshots), poppler reads PDFs back in tests.
DEB_PACKAGES := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth poppler-utils \
	ca-certificates

GO ?= go
export GOTOOLCHAIN ?= auto

BIN := regulars
BENCH_FLAGS ?= -benchtime=3s

.PHONY: all run build test test-clock test-integration bench deps packages toolchain vet screenshot clean

all: build

## run: open the window on the default client book (~/.local/share/regulars/regulars.db)
run: build
	./$(BIN)

# The window is built without Fyne's bundled colour emoji font, which costs
# 10 MB of memory to parse (an emoji in a client's notes is drawn with the
# system's emoji font, when it has one).
APP_TAGS := no_emoji

build: deps
	$(GO) build -tags $(APP_TAGS) -o $(BIN) .

## test: go vet, every test with the race detector, then the file readers fuzzed briefly
test: deps
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 25m ./...
	$(GO) test -count=1 -run 'TestOutboxPause' ./app/...
	$(GO) test -run '^$$' -fuzz FuzzReadTable -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz FuzzReadVCards -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz '^FuzzCheckPhone$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzCheckEmail$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzParseAmount$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzParseBirthday$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzReadDate$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime 3s ./data/search/
	$(GO) test -run '^$$' -fuzz '^FuzzTemplate$$' -fuzztime 3s ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzParseAddress$$' -fuzztime 3s ./data/postgres/
	$(GO) test -run '^$$' -fuzz '^FuzzNewFace$$' -fuzztime 3s ./letters/pen/
	$(GO) test -run '^$$' -fuzz '^FuzzCheckPNG$$' -fuzztime 3s ./letters/paper/
	$(GO) test -run '^$$' -fuzz '^FuzzHandWrite$$' -fuzztime 3s ./letters/pen/
	$(GO) test -run '^$$' -fuzz '^FuzzReadable$$' -fuzztime 3s ./letters/mail/
	$(GO) test -run '^$$' -fuzz '^FuzzOwnWords$$' -fuzztime 3s ./letters/mail/
	$(GO) test -run '^$$' -fuzz FuzzSplitName -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz FuzzReadDate -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz FuzzGuess -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz FuzzParseMapping -fuzztime 5s ./exchange/
	$(GO) test -run '^$$' -fuzz '^FuzzReadSales$$' -fuzztime 3s ./exchange/

## test-clock: the suite on chosen days and zones through the test clock
## (the tag testclock makes the program and the tests start at
## REGULARS_TEST_NOW): New Year just after midnight far east, a leap day, and
## the night the clocks go forward in New York, and a day in the past
TEST_CLOCK_RUNS := Pacific/Kiritimati,2027-01-01T00:30:00Z UTC,2028-02-29T23:10:00Z \
	America/New_York,2027-03-14T06:30:00Z America/Adak,2027-12-31T23:10:00-10:00 \
	UTC,2026-12-02T09:00:00Z
test-clock: deps
	@for run in $(TEST_CLOCK_RUNS); do \
		zone=$${run%%,*}; now=$${run#*,}; \
		echo "TZ=$$zone REGULARS_TEST_NOW=$$now go test -tags testclock ./..."; \
		out=$$(TZ=$$zone REGULARS_TEST_NOW=$$now $(GO) test -tags testclock -count=1 ./... 2>&1); status=$$?; \
		echo "$$out" | grep -v 'no test files'; \
		test $$status -eq 0 || exit 1; \
	done

## test-integration: start Postfix (SMTP 127.0.0.1:10025) and Dovecot (IMAP
## 127.0.0.1:10143) with a test mailbox, send a batch of 50 and 1,000
## thank-yous through them, check delivery, Sent copies and a reply; kill
## a batch of 300 with SIGKILL 30 times and count (exactly once); stop them
test-integration: deps
	$(GO) vet -tags integration ./letters/mail/
	@vars=$$(bash scripts/mailservers.sh start) || exit 1; \
	status=0; \
	env $$vars $(GO) test -tags integration -count=1 -v -timeout 10m -run Integration \
		-bench Integration -benchtime 1x ./letters/mail/ || status=$$?; \
	bash scripts/mailservers.sh stop; \
	exit $$status

## bench: build a 100,000-client, 1,000,000-visit book and time the everyday operations
## (and the imports: 100,000 contacts, 100,000 sales from a till, a 10 MB vCard)
bench: deps
	$(GO) test -run '^$$' -bench . $(BENCH_FLAGS) ./data/... ./letters/... ./exchange/
	@vars=$$(bash scripts/pgserver.sh start $(PG_TEST_PORT)) || { echo "no PostgreSQL server could be started: the PostgreSQL benchmarks are skipped"; exit 0; }; \
	status=0; \
	env $$vars $(GO) test -run '^$$' -bench '^BenchmarkPG' $(BENCH_FLAGS) ./data/... || status=$$?; \
	bash scripts/pgserver.sh stop $(PG_TEST_PORT); \
	exit $$status

## screenshot: run the window under Xvfb on a sample book and save shot.png
screenshot: build
	rm -rf .shot && mkdir -p .shot
	REGULARS_DB=.shot/book.db ./$(BIN) demo --clients 400 --visits 5000
	Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & echo $$! > .shot/xvfb.pid; sleep 1; \
	DISPLAY=:97 REGULARS_DB=.shot/book.db ./$(BIN) & echo $$! > .shot/app.pid; sleep 4; \
	DISPLAY=:97 import -window root shot.png || true; \
	kill $$(cat .shot/app.pid) $$(cat .shot/xvfb.pid)

deps: packages toolchain
	$(GO) mod download

packages:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

toolchain: packages
	@if ! command -v go >/dev/null 2>&1; then \
		echo "Installing Go from the distribution"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq golang-go; \
	fi
	@if ! $(GO) version | grep -Eq 'go1\.(2[1-9]|[3-9][0-9])'; then \
		echo "Regulars needs Go 1.21 or later, which fetches the Go $(GO_VERSION) toolchain that go.mod asks for by itself;"; \
		echo "this machine has: $$($(GO) version). Install a newer Go (for Debian 12: golang-1.22 from bookworm-backports) and run make again."; \
		exit 1; \
	fi

clean:
	rm -f $(BIN) shot.png
	rm -rf .shot

# ---------------------------------------------------------------------------
# Packages for shops (issue 16): make dist, make install, make test-windows.
#
#   make dist          dist/regulars-VERSION-linux-amd64.tar.xz (fyne package),
#                      dist/regulars_VERSION_amd64.deb (dpkg-deb) and
#                      dist/regulars-VERSION-windows-amd64.zip (MinGW-w64)
#   make install       the Linux build into ~/.local (PREFIX=/usr/local as root)
#   make test-windows  the Windows build's command line under Wine
#   make test-print    a batch printed through CUPS to the cups-pdf printer

# The version stamped into every build: the nearest tag, else the commit.
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
VERSION_LDFLAGS := -X regulars/app/cli.Version=$(VERSION)
# fyne.io/tools, Fyne's packaging tool, at a version that exists on the Go
# module proxy; installed into .tools/ so nothing else on the machine moves.
FYNE_TOOLS_VERSION := v1.7.4
TOOLS := $(CURDIR)/.tools
FYNE := $(TOOLS)/fyne
DIST := dist
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
# The cross compiler for Windows, the packaging tools, Wine and CUPS.
DIST_DEB_PACKAGES := gcc-mingw-w64-x86-64 xz-utils zip dpkg-dev
WINE_DEB_PACKAGES := wine wine64 xvfb xauth poppler-utils imagemagick
CUPS_DEB_PACKAGES := cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
WINDOWS_EXE := $(DIST)/windows/Regulars.exe

.PHONY: dist dist-linux dist-deb dist-windows dist-packages install test-windows test-print \
	wine-packages cups-packages fyne-tool

# apt_install installs the Debian packages given that are missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			-o DPkg::Lock::Timeout=600 --no-install-recommends $$missing >/dev/null; \
	fi
endef

dist-packages: packages
	$(call apt_install,$(DIST_DEB_PACKAGES))

wine-packages:
	$(call apt_install,$(WINE_DEB_PACKAGES))

cups-packages:
	$(call apt_install,$(CUPS_DEB_PACKAGES))

fyne-tool: toolchain
	@if [ ! -x $(FYNE) ] || ! $(FYNE) version 2>/dev/null | grep -q '$(FYNE_TOOLS_VERSION)'; then \
		echo "Installing fyne.io/tools $(FYNE_TOOLS_VERSION) into $(TOOLS)"; \
		GOBIN=$(TOOLS) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); \
	fi

## test-print: start CUPS with a cups-pdf printer, print a batch (cards,
## envelopes, labels, alignment page) and count the pages it wrote, stop it
test-print: deps cups-packages
	$(GO) vet -tags cups ./letters/
	@vars=$$(bash scripts/printserver.sh start) || exit 1; \
	status=0; \
	env $$vars $(GO) test -tags cups -count=1 -timeout 5m -run CUPS -v ./letters/ || status=$$?; \
	bash scripts/printserver.sh stop; \
	exit $$status

# The email end to end also prints a batch through CUPS.
test-integration: test-print

## dist: the Linux tar.xz and .deb and the Windows zip, into dist/
dist: dist-linux dist-deb dist-windows
	@ls -l $(DIST)/*.tar.xz $(DIST)/*.deb $(DIST)/*.zip

DIST_ENV = VERSION='$(VERSION)' FYNE='$(FYNE)' GO='$(GO)' DIST='$(DIST)'

dist-linux: deps dist-packages fyne-tool
	$(DIST_ENV) bash scripts/dist.sh linux

dist-deb: dist-linux
	$(DIST_ENV) bash scripts/dist.sh deb

dist-windows: deps dist-packages fyne-tool
	$(DIST_ENV) bash scripts/dist.sh windows

## install: build the Linux package and install it into ~/.local (as root: /usr/local)
install: dist-linux
	rm -rf $(DIST)/.install && mkdir -p $(DIST)/.install
	tar -xJf $(DIST)/regulars-$(VERSION)-linux-amd64.tar.xz -C $(DIST)/.install
	$(MAKE) -C $(DIST)/.install/regulars install PREFIX=$(PREFIX)
	rm -rf $(DIST)/.install

## test-windows: the Windows build under Wine (installed here): the command
## line on a book in %APPDATA%, locking, the keyring, and the window
test-windows: dist-windows wine-packages
	VERSION='$(VERSION)' GO='$(GO)' bash scripts/test-windows.sh $(WINDOWS_EXE)

# ---------------------------------------------------------------------------
# The client book on PostgreSQL (issue 15).

.PHONY: test-postgres

# The test server's port (another when 55432 is taken on this machine).
PG_TEST_PORT ?= 55432

## test-postgres: start a throw-away PostgreSQL server on 127.0.0.1:55432
## (installed here when missing), run the store's tests on it and on
## SQLite (REGULARS_TEST_POSTGRES, PGPASSWORD), every command of the
## command line on it, the two-seat test (the window and the regulars
## program as a second process) and the moves between engines, stop it
## and delete it
test-postgres: deps
	@vars=$$(bash scripts/pgserver.sh start $(PG_TEST_PORT)) || exit 1; \
	status=0; \
	env $$vars $(GO) test -count=1 ./data/... || status=$$?; \
	env $$vars REGULARS_TEST_CLI_ON_POSTGRES=1 $(GO) test -count=1 ./app/cli/ || status=$$?; \
	env $$vars $(GO) test -count=1 -run 'TestTwoSeatsOnPostgres|TestEditConflictShowsBoth|TestServerAwayKeepsTheVisit|TestWindowWaitsForTheServer|TestBatchMarkedSentElsewhere' ./app/... || status=$$?; \
	bash scripts/pgserver.sh stop $(PG_TEST_PORT); \
	exit $$status

# The integration tests also run the store on PostgreSQL.
test-integration: test-postgres

# ---------------------------------------------------------------------------
# Restore beside writers (issue 27).

.PHONY: test-restore

## test-restore: log-visit commands (each a process) in loops beside
## repeated restore commands, some killed with SIGKILL midway; counts the
## visits reported saved that were lost (must be 0), on a book file and on
## PostgreSQL (where restore refuses to replace the book); about 20 seconds.
## Then a book on a full disk (a small tmpfs, where mounting is allowed).
test-restore: deps
	$(GO) vet -tags integration ./app/cli/ ./data/...
	$(GO) test -tags integration -count=1 -v -run 'IntegrationFullDisk' ./data/...
	@vars=$$(bash scripts/pgserver.sh start $(PG_TEST_PORT)) || exit 1; \
	status=0; \
	env $$vars $(GO) test -tags integration -count=1 -v -timeout 5m -run 'IntegrationRestore' ./app/cli/ || status=$$?; \
	bash scripts/pgserver.sh stop $(PG_TEST_PORT); \
	exit $$status

test-integration: test-restore
