#!/usr/bin/env bash
# Runs the Windows build (dist/windows/Regulars.exe, from make dist-windows)
# under Wine, headless, as a shop's Windows laptop would: the book in
# %APPDATA%\regulars, Windows paths, Windows file locking (LockFileEx) and
# the Windows Credential Manager (go-keyring), then the window under Xvfb
# with a screenshot (dist/windows/wine-window.png).
#
#   scripts/test-windows.sh [Regulars.exe]
#
# Prints "N passed, N failed" and exits non-zero when a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
EXE=$(realpath "${1:-dist/windows/Regulars.exe}")
: "${VERSION:=$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || WINE=$(command -v wine64 || command -v wine)
T=$(mktemp -d /tmp/regulars-wine.XXXXXX)
export WINEPREFIX=$T/prefix WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY REGULARS_DB
passed=0 failed=0
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wineserver -k 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2"; failed=$((failed + 1)); }
# run ARGS…: Regulars.exe with its output (stdout and stderr) in $out, its exit code in $rc.
run() { out=$("$WINE" "$EXE" "$@" 2>&1); rc=$?; }
win() { winepath -w "$1" 2>/dev/null; }

start=$(date +%s)
"$WINE" wineboot -i >"$T/wineboot.log" 2>&1 || { echo "wineboot failed:"; cat "$T/wineboot.log"; exit 1; }
# Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, which the Go runtime
# loads at start on Windows 10 and 11: a stand-in, for this test only.
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -lbcrypt || exit 1
echo "Wine prefix ready in $(( $(date +%s) - start )) s"
APPDATA_DIR=$WINEPREFIX/drive_c/users/$(whoami)/AppData/Roaming
BOOK=$APPDATA_DIR/regulars/regulars.db

run version
[ $rc = 0 ] && grep -qx "regulars $VERSION (book schema [0-9]*)" <<<"$out" && ok "version prints $VERSION" || bad "version" "$out"

run demo --clients 40 --visits 300
[ $rc = 0 ] && [ -s "$BOOK" ] && grep -q 'AppData\\Roaming\\regulars\\regulars.db' <<<"$out" && ok "demo makes the book in %APPDATA%\\regulars" || bad "demo" "$out"

run clients --json --limit 3
if [ $rc = 0 ] && python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==3 and all("id" in c for c in d)' <<<"$out"; then
	ok "clients --json lists 3 clients"
	first=$(python3 -c 'import json,sys; c=json.load(sys.stdin)[0]; print(c["id"])' <<<"$out")
else
	bad "clients --json" "$out"; first=1
fi

run log-visit "$first" --what "Cut and colour" --amount 85
run2=$out
run visits "$first"
[ $rc = 0 ] && grep -q "Cut and colour" <<<"$out" && ok "log-visit, then visits shows it" || bad "log-visit" "$run2
$out"

printf 'Name,Email,Phone\r\nWanda Wine,wanda@example.com,555 010 2020\r\nZoë Ünal,zoe@example.com,555 010 3030\r\n' >"$T/clients.csv"
run import "$(win "$T/clients.csv")"
imp=$out
run clients "Ünal"
[ $rc = 0 ] && grep -q "Zoë Ünal" <<<"$out" && ok "import of a CSV from a Windows path" || bad "import" "$imp
$out"

mkdir -p "$T/cards"
run cards --layout a6 --envelopes dl -o "$(win "$T/cards")"
pdfs=("$T"/cards/cards-*.pdf)
if [ $rc = 0 ] && [ -f "${pdfs[0]}" ] && pages=$(pdfinfo "${pdfs[0]}" | sed -n 's/^Pages: *//p') && [ "${pages:-0}" -gt 0 ]; then
	ok "cards writes a PDF poppler reads ($pages pages)"
else
	bad "cards" "$out"
fi

run backup -o "$(win "$T/copy.db")"
bk=$out
run restore "$(win "$T/copy.db")"
[ $rc = 0 ] && [ -s "$T/copy.db" ] && ok "backup and restore" || bad "backup/restore" "$bk
$out"

# The keyring: Windows Credential Manager through go-keyring.
run mail --from-name Shop --from shop@example.com --smtp-host 127.0.0.1 --smtp-port 9 --smtp-security none --smtp-user shop
run mail --test
nopw=$out
REGULARS_SMTP_PASSWORD=s3cret run mail --save-passwords
saved=$out
run mail --test
creds=$("$WINE" reg query 'HKCU\Software\Wine\Credential Manager' /s 2>&1)
if grep -q REGULARS_SMTP_PASSWORD <<<"$nopw" && ! grep -q REGULARS_SMTP_PASSWORD <<<"$out" &&
	grep -qi "connection refused" <<<"$out" && grep -q "Regulars:smtp:shop" <<<"$creds"; then
	ok "the SMTP password kept in the Credential Manager and read back"
else
	bad "keyring" "$nopw
$saved
$out"
fi

# The print verb: the paper tests (letters/paper) built for Windows, with a "print"
# command registered for .pdf in the prefix.
if GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "${GO:-go}" test -c -o "$T/letters.test.exe" ./letters/paper/ 2>"$T/build.log" && [ -f "$T/letters.test.exe" ]; then
	out=$(REGULARS_WINE_TEST=1 "$WINE" "$T/letters.test.exe" -test.run 'TestWindowsPrintVerb$' -test.v 2>&1)
	grep -q -- "--- PASS: TestWindowsPrintVerb" <<<"$out" && ok "Print hands the PDF to the Windows print verb" || bad "print verb" "$out"
else
	bad "the paper tests do not build for Windows" "$(cat "$T/build.log")"
fi

# Restore beside writers with Windows' locks (LockFileEx, shared and
# exclusive): the store tests built for Windows, run under Wine.
if GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "${GO:-go}" test -c -o "$T/data.test.exe" ./data/store/ 2>"$T/build-data.log" && [ -f "$T/data.test.exe" ]; then
	out=$("$WINE" "$T/data.test.exe" -test.run 'TestRestoreBesideWriters$|TestRestoreWaitsForACommand$|TestTwoRestoresInTheSameSecond$|TestRestoreLeftoversGo$' -test.v 2>&1)
	if grep -q -- "--- PASS: TestRestoreBesideWriters" <<<"$out" && grep -q "^PASS" <<<"$out" && ! grep -q -- "--- FAIL" <<<"$out"; then
		ok "restore beside writers loses no visit under Windows locking ($(grep -o '[0-9]* visits reported saved[^;]*' <<<"$out" | head -1))"
	else
		bad "restore beside writers under Windows locking" "$out"
	fi
else
	bad "the store tests do not build for Windows" "$(cat "$T/build-data.log")"
fi

# The window, under Xvfb: it holds the book, so a restore is refused.
if command -v Xvfb >/dev/null; then
	# A display number no other X server holds.
	n=91
	while [ -e /tmp/.X$n-lock ] || [ -e /tmp/.X11-unix/X$n ]; do n=$((n + 1)); done
	DISP=:$n
	Xvfb $DISP -screen 0 1280x800x24 >/dev/null 2>&1 &
	pids+=($!)
	for i in $(seq 1 50); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.1; done
	# Wait for the window to draw something (the first start in a new
	# prefix is slow). Under Wine 8 the first GLFW window on a new display
	# now and then fails ("Failed to create helper window"): a window that
	# died is started again, twice at most, and said so.
	mkdir -p dist/windows
	shown=0
	for attempt in 1 2 3; do
		DISPLAY=$DISP "$WINE" "$EXE" >"$T/window.log" 2>&1 &
		app=$!
		pids+=($app)
		for i in $(seq 1 45); do
			sleep 2
			kill -0 $app 2>/dev/null || break
			DISPLAY=$DISP import -window root "$T/shot.png" 2>/dev/null || continue
			if [ "$(convert "$T/shot.png" -format '%[fx:standard_deviation>0.05]' info: 2>/dev/null)" = 1 ]; then
				shown=1
				break
			fi
		done
		[ $shown = 1 ] && break
		echo "note: the window did not open on try $attempt: $(grep -m1 -i error "$T/window.log")"
		kill $app 2>/dev/null
	done
	sleep 3
	DISPLAY=$DISP import -window root dist/windows/wine-window.png 2>/dev/null
	[ $shown = 1 ] && ok "the window opens under Wine and Xvfb (dist/windows/wine-window.png)" ||
		bad "the window under Wine: nothing drawn in 90 s" "$(cat "$T/window.log")"
	run restore "$(win "$T/copy.db")"
	[ $rc != 0 ] && grep -q "is open in Regulars" <<<"$out" && ok "a book open in the window is refused to another program" || bad "book already open" "$out"
else
	bad "Xvfb is missing: make test-windows installs it"
fi

echo "Windows under Wine: $passed passed, $failed failed"
[ "$failed" = 0 ]
