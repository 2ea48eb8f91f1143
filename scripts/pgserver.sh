#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1 for the
# store's tests on PostgreSQL: a cluster of its own in a temporary folder,
# port 55432 unless another is given, a role "regulars" (password
# "regulars", allowed to create databases) and its database
# "regulars_test".
#
#   scripts/pgserver.sh start [PORT]   # prints the environment for the tests
#   scripts/pgserver.sh stop [PORT]    # stops it and deletes the cluster
#
# It installs the Debian package postgresql with apt-get when no
# /usr/lib/postgresql/*/bin/initdb is found (sudo when not root). As root
# the server runs as the postgres user, which PostgreSQL insists on; as
# anyone else, as that user. The system's own clusters are left alone.
# Durability is switched off (fsync, synchronous_commit, full_page_writes):
# the cluster holds test data only and is deleted by stop.
#
# A second start while the server is up only prints the environment again.
# Everything but that one line goes to stderr, so that
#   vars=$(bash scripts/pgserver.sh start) && env $vars go test ./data/...
# works.
set -euo pipefail
PORT=${2:-55432}
DIR=${REGULARS_PG_DIR:-/tmp/regulars-pg-$PORT}
# The cluster's locale: C.UTF-8 exists on every Debian and Ubuntu; the
# schema sorts text in byte order whatever the locale is.
LOCALE=${REGULARS_PG_LOCALE:-C.UTF-8}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

case "$PORT" in
'' | *[!0-9]*) echo "pgserver.sh: the port must be a number, not $PORT" >&2; exit 2 ;;
esac

# bindir prints the newest installed PostgreSQL's bin folder.
bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

install() {
	bindir >/dev/null && return
	echo "Installing PostgreSQL (apt-get install postgresql)" >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
		--no-install-recommends postgresql >&2
	bindir >/dev/null || { echo "pgserver.sh: postgresql installed but no /usr/lib/postgresql/*/bin/initdb" >&2; return 1; }
}

# as runs a command as the cluster's owner: postgres when root, else the
# caller.
as() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
	echo "REGULARS_TEST_POSTGRES=postgres://regulars@127.0.0.1:$PORT/regulars_test PGPASSWORD=regulars"
}

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres; }

start() {
	install
	BIN=$(bindir)
	if [ -f "$DIR/data/postmaster.pid" ] && as "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1 && ready; then
		url
		return 0
	fi
	if ready; then
		echo "pgserver.sh: something else already listens on 127.0.0.1:$PORT; stop it or give another port" >&2
		return 1
	fi
	stop >/dev/null 2>&1 || true
	mkdir -p "$DIR"
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
	chmod 700 "$DIR"

	# The superuser (postgres, or the caller) logs in over the cluster's
	# own Unix socket only, by its OS user name; everyone over TCP with a
	# password.
	as "$BIN/initdb" -D "$DIR/data" -E UTF8 --locale="$LOCALE" \
		--auth-local=peer --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
		{ cat "$DIR/initdb.log" >&2; return 1; }
	cat <<CONF | as tee -a "$DIR/data/postgresql.conf" >/dev/null
# scripts/pgserver.sh: a throw-away test cluster.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
	as "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null ||
		{ echo "pgserver.sh: the server did not start; see $DIR/server.log" >&2; tail -n 20 "$DIR/server.log" >&2; return 1; }
	for i in $(seq 1 100); do ready && break; sleep 0.1; done
	ready || { echo "pgserver.sh: the server is not ready; see $DIR/server.log" >&2; return 1; }

	as "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -d postgres >&2 <<'SQL'
CREATE ROLE regulars LOGIN PASSWORD 'regulars' CREATEDB;
CREATE DATABASE regulars_test OWNER regulars;
SQL
	url
}

stop() {
	local bin
	bin=$(bindir) || return 0
	if [ -f "$DIR/data/PG_VERSION" ]; then
		as "$bin/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$DIR"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop [PORT]" >&2; exit 2 ;;
esac
