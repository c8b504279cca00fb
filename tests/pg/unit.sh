#!/bin/sh
# The unit tests that use a database (tests/unit/test_*), run again against a PostgreSQL 15
# server of their own: SUMAHO_TEST_DB names a database there, next to which each test's
# test_db makes its own (tests/unit/testutil.h). One server for them all.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pglib.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
chmod 755 "$T"
pg_start "$T/pg" || { echo "Bail out! no PostgreSQL server"; exit 99; }
SUMAHO_TEST_DB=$(pg_uri unit)
export SUMAHO_TEST_DB
for t in test_load test_audit test_import test_people test_slots; do
	"${top_builddir:-.}/tests/unit/$t" >"$T/$t.tap" 2>&1
	rc=$?
	# every test point of the program passed, and it ended well
	bad=$(grep -c '^not ok' "$T/$t.tap")
	if [ "$rc" -eq 0 ] && [ "$bad" -eq 0 ] && grep -q '^1\.\.[1-9]' "$T/$t.tap"; then
		ok 0 "tests/unit/$t on PostgreSQL ($(grep -c '^ok' "$T/$t.tap") points, $(grep -c '# SKIP' "$T/$t.tap") skipped)"
	else
		ok 1 "tests/unit/$t on PostgreSQL"
		grep -v '^ok' "$T/$t.tap" | head -40 | sed 's/^/# /'
	fi
done
done_testing
