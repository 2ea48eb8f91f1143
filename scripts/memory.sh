#!/usr/bin/env bash
# memory.sh — the window's memory and start time on a client book, the way
# the owner meets them: start ./regulars on BOOK under Xvfb with
# REGULARS_TRACE=1, wait until Today is shown, the search index is built,
# the day's backup taken and the book checked, then print the trace and
# the resident set (VmRSS), its peak (VmHWM) and its parts; then, with
# xdotool, type a few searches as the owner would and print them again.
#
#   scripts/memory.sh BOOK [BINARY]
#
# BOOK is copied to a temporary folder first, so its daily backup and
# check run every time (the first start of a day is the heaviest) and the
# book itself is left as it was. Build the 100,000-client demo book with
#   ./regulars --db /tmp/big.db demo --clients 100000 --visits 1000000
# The limit is 250 MB resident with Today shown within 1 s.
# MEMORY_DISPLAY picks the X display (:98), MEMORY_ENV adds variables to
# the window's environment (MEMORY_ENV="GOGC=50").
set -euo pipefail

book=${1:?usage: scripts/memory.sh BOOK [BINARY]}
bin=$(realpath "${2:-./regulars}")
display=${MEMORY_DISPLAY:-:98}

work=$(mktemp -d)
xvfb=""
app=""
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null || true
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

cp "$book" "$work/book.db"
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1

# The window's preferences (size, place) go to the temporary folder too.
env DISPLAY=$display XDG_CONFIG_HOME=$work/config REGULARS_TRACE=1 ${MEMORY_ENV:-} \
	"$bin" --db "$work/book.db" 2>"$work/trace" &
app=$!

for _ in $(seq 600); do
	grep -q "book checked" "$work/trace" 2>/dev/null && break
	kill -0 "$app" 2>/dev/null || { cat "$work/trace"; echo "memory.sh: the window stopped" >&2; exit 1; }
	sleep 0.5
done
sleep 2 # let the window settle
grep "regulars trace" "$work/trace" || true
echo "after settling:"
grep -E '^(VmRSS|VmHWM|RssAnon|RssFile|RssShmem)' "/proc/$app/status"

command -v xdotool >/dev/null || exit 0
# Typing on Today continues in the Clients search; each keystroke searches.
for q in mar jos ngu obr kow lee smith 5551 anna; do
	DISPLAY=$display xdotool type --delay 120 "$q"
	sleep 0.5
	for _ in $(seq ${#q}); do DISPLAY=$display xdotool key --delay 60 BackSpace; done
	sleep 0.3
done
sleep 6 # the last search settles; the trace writes its next "running" line
echo "after typing 9 searches:"
grep -E '^(VmRSS|VmHWM|RssAnon|RssFile)' "/proc/$app/status"
grep "running" "$work/trace" | tail -1
