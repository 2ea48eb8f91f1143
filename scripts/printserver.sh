#!/usr/bin/env bash
# Starts (or stops) a real CUPS server with a cups-pdf virtual printer for
# the printing tests: the printer "RegularsPDF" writes every job it is sent
# as a PDF into one folder, where the test counts its pages.
#
#   scripts/printserver.sh start   # prints the environment for the tests
#   scripts/printserver.sh stop
#
# It installs cups, cups-client and printer-driver-cups-pdf with apt-get
# when missing (sudo when not root), starts cupsd directly (no systemd:
# CI runs as root in a container) unless one is already running, and adds
# one queue with its own cups-pdf configuration file
# (/etc/cups/cups-pdf-regulars.conf), leaving the system's others alone.
set -euo pipefail
DIR=${REGULARS_PRINT_DIR:-/tmp/regulars-print}
PRINTER=RegularsPDF
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

install() {
	if command -v cupsd >/dev/null && command -v lp >/dev/null && [ -x /usr/lib/cups/backend/cups-pdf ]; then return; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		cups cups-client cups-bsd printer-driver-cups-pdf >/dev/null
}

running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; }

ppd() {
	for p in /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd; do
		[ -f "$p" ] && { echo "$p"; return; }
	done
	echo "no cups-pdf PPD found under /usr/share/ppd/cups-pdf" >&2
	return 1
}

start() {
	install
	stop >/dev/null 2>&1 || true
	$SUDO rm -rf "$DIR"
	$SUDO mkdir -p "$DIR/out"
	$SUDO chmod 1777 "$DIR/out"
	# cups-pdf reads cups-pdf-INSTANCE.conf for the device cups-pdf:/INSTANCE.
	cat <<CONF | $SUDO tee /etc/cups/cups-pdf-regulars.conf >/dev/null
Out $DIR/out
AnonDirName $DIR/out
Label 1
UserUMask 0000
Grp lpadmin
DecodeHexStrings 1
CONF
	if ! running; then
		$SUDO mkdir -p /run/cups
		# Started by this script: stopped by it, by its own process id.
		$SUDO setsid cupsd -f </dev/null >"$DIR/cupsd.out" 2>&1 &
		echo $! | $SUDO tee "$DIR/cupsd.pid" >/dev/null
		for i in $(seq 1 100); do running && break; sleep 0.1; done
		running || { echo "cupsd did not start; see /var/log/cups/error_log and $DIR/cupsd.out" >&2; return 1; }
	fi
	$SUDO lpadmin -p "$PRINTER" -E -v cups-pdf:/regulars -P "$(ppd)" 2>/dev/null
	$SUDO cupsenable "$PRINTER"
	$SUDO cupsaccept "$PRINTER"
	echo "REGULARS_IT_PRINTER=$PRINTER REGULARS_IT_PRINT_OUT=$DIR/out"
}

stop() {
	$SUDO lpadmin -x "$PRINTER" 2>/dev/null || true
	if [ -f "$DIR/cupsd.pid" ]; then
		pid=$(cat "$DIR/cupsd.pid")
		$SUDO kill "$pid" 2>/dev/null || true
		for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		$SUDO rm -f "$DIR/cupsd.pid"
	fi
	$SUDO rm -f /etc/cups/cups-pdf-regulars.conf
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
