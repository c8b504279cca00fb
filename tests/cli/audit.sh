#!/bin/sh
# sumaho audit verify: the audit log is a hash chain; an edit made behind sumaho's back with
# the sqlite3 shell (a changed detail, a removed entry, an inserted one, a changed last entry)
# is found, and the first such entry is named by its id.
. "$top_srcdir/tests/lib.sh"
db="$T/a.db"
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null 2>&1 || exit 99

LANGUAGE=en run --db "$db" audit verify
is "$status" 0 "a log written by sumaho verifies"
n=$(sql "$db" "SELECT count(*) FROM audit_log")
has "$out" "The audit log is intact: $n entries" "and the answer counts its entries"
last=$(sql "$db" "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
has "$out" "the last hash is $last" "and gives the last entry's hash"

# tamper NAME SQL: a copy of the database edited behind its back (the sqlite3 shell, psql), then verified.
tamper() {
	db_copy "$db" "$T/$1.db" || exit 99
	sql "$T/$1.db" "$2" || exit 99
	LANGUAGE=en run --db "$T/$1.db" audit verify
}
mid=$(sql "$db" "SELECT id FROM audit_log WHERE action <> 'migrate' ORDER BY id LIMIT 1 OFFSET 100")
max=$(sql "$db" "SELECT max(id) FROM audit_log")

tamper detail "UPDATE audit_log SET detail = detail || ' (edited)' WHERE id = $mid"
is "$status" 1 "a changed detail fails the check"
has "$err" "audit log entry $mid was changed or inserted" "and names the entry"

tamper removed "DELETE FROM audit_log WHERE id = $mid"
is "$status" 1 "a removed entry in the middle fails the check"
has "$err" "audit log entry $mid was removed" "and names it"

# (with its id: sumaho numbers the chain itself, so PostgreSQL's identity stays behind)
tamper inserted "INSERT INTO audit_log (id, actor, action, entity, entity_id, detail)
	SELECT max(id) + 1, 'kanri', 'erase', 'people', 3, 'nothing to see' FROM audit_log"
is "$status" 1 "an inserted entry fails the check"
has "$err" "audit log entry $((max + 1)) was changed or inserted" "and names it"

tamper last "UPDATE audit_log SET actor = 'someone' WHERE id = $max"
is "$status" 1 "a change to the last entry fails the check"
has "$err" "audit log entry $max was changed or inserted" "and names it"

tamper two "UPDATE audit_log SET detail = 'x' WHERE id IN ($mid, $max)"
has "$err" "entry $mid " "of two changed entries the first is named"

# New entries after a check go on the chain.
"$SUMAHO" --db "$db" people add "山田 太郎" --phone 03-3333-4444 >/dev/null 2>&1
LANGUAGE=en run --db "$db" audit verify
is "$status" 0 "later changes keep the chain whole"
has "$out" "$((n + 1)) entries" "one more entry"
done_testing
