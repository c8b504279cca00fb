# tests/pg/pglib.sh: a PostgreSQL 15 server of the test's own, sourced by the PostgreSQL tests.
# pg_start DIR: initdb in DIR (a new directory), listening on a Unix socket in DIR only, run as
# the user "postgres" when the tests run as root (the server refuses root); sets PGHOST and
# PGUSER for psql and the tests. pg_stop: stop it. pg_uri NAME: a database's URI, created on
# first use. The server is the tests' alone: no fsync anywhere, from initdb on.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null)}

pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
	PG_DIR=$1
	[ -x "$PG_BIN/initdb" ] || { echo "pglib: no PostgreSQL 15 (postgresql-15)" >&2; return 1; }
	mkdir -p "$PG_DIR" || return 1
	[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
	pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 -N \
		>"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 -l "$PG_DIR/server.log" \
		-o "-k $PG_DIR -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c dynamic_shared_memory_type=mmap" \
		start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
	export PGHOST="$PG_DIR" PGUSER=postgres PGDATABASE=postgres
}

pg_stop() {
	[ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] &&
		pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
	PG_DIR=
}

# pg_uri NAME: postgresql:// URI of database NAME on the test's server, created when missing.
# A database once seen is marked in the server's directory, so that the commands of a test (each
# one maps its --db) ask the server only once.
pg_uri() {
	if [ ! -e "$PGHOST/db.$1" ]; then
		psql -Xqtc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 ||
			psql -Xqc "CREATE DATABASE \"$1\" STRATEGY = FILE_COPY" >/dev/null || return
		: >"$PGHOST/db.$1"
	fi
	printf 'postgresql:///%s?host=%s&user=postgres\n' "$1" "$PGHOST"
}
