#!/bin/sh
# tests/pg/run.sh TEST.pg: run the command-line test that TEST.pg names (tests/cli/X.sh) against
# a PostgreSQL 15 server started for it alone, and stopped at the end. Its --db paths become
# databases on that server (tests/pg/sumaho-pg) and its sql helper speaks to them with psql.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top_srcdir/tests/pg/pglib.sh"
script=$(sed -n 's/^test: *//p' "$1")
dir=$(mktemp -d "${TMPDIR:-/tmp}/sumaho-pg.XXXXXX") || exit 99
chmod 755 "$dir"
trap '[ -n "$SUMAHO_PG_LOG" ] && cp "$dir/pg/server.log" "$SUMAHO_PG_LOG"; pg_stop; rm -rf "$dir"' EXIT
trap 'exit 1' INT TERM HUP
pg_start "$dir/pg" || exit 99
export SUMAHO_REAL="${SUMAHO:-$PWD/sumaho}" SUMAHO="$top_srcdir/tests/pg/sumaho-pg"
export SUMAHO_PG=1 top_srcdir
sh "$top_srcdir/$script"
