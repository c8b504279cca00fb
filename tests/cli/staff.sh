#!/bin/sh
# sumaho staff and sumaho audit: the first account is an admin, later changes need an admin's
# PIN, PINs are read from standard input (never the command line) and kept only as Argon2id
# hashes, lock-out after wrong PINs, and the audit log names who did what.
. "$top_srcdir/tests/lib.sh"
db="$T/s.db"
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null 2>&1 || exit 99
cat >"$T/lock.ini" <<'INI'
[access]
max_failures = 2
lockout_seconds = 120
INI
# staff INPUT ARG...: sumaho staff with INPUT on standard input.
staff() {
	input=$1
	shift
	printf "$input" | LANGUAGE=en "$SUMAHO" --db "$db" --config "$T/lock.ini" staff "$@" \
		>"$T/stdout" 2>"$T/stderr"
	status=$?
	out=$(cat "$T/stdout")
	err=$(cat "$T/stderr")
}

staff '4826\n' add uketsuke reception "受付 一郎"
is "$status" 1 "the first account must be an admin"
has "$err" "the first staff account must be an admin" "and says so"
staff '1234\n' add kanri admin "管理 花子"
is "$status" 1 "a PIN such as 1234 is refused"
has "$err" "too easy to guess" "as too easy to guess"
staff '97315\n' add kanri admin "管理 花子"
is "$status" 0 "the first admin is added"
has "$out" "Added kanri (admin)." "and reported"

staff '4826\n' add uketsuke reception "受付 一郎"
is "$status" 2 "now an admin must sign in to add an account"
has "$err" "--admin" "with --admin"
staff '11111\n4826\n' add uketsuke reception "受付 一郎" --admin kanri
is "$status" 1 "a wrong admin PIN changes nothing"
has "$err" "The staff ID or the PIN is not right." "and the answer does not say which was wrong"
staff '97315\n4826\n' add uketsuke reception "受付 一郎" --admin kanri
is "$status" 0 "with the admin's PIN the receptionist is added"
staff '97315\n6093\n' add tantou coordinator "担当 次郎" --admin kanri
is "$status" 0 "and a coordinator"
staff '4826\n6093\n' add x admin "X" --admin uketsuke
is "$status" 1 "a receptionist cannot add accounts"
has "$err" "uketsuke is not an admin" "being no admin"
staff '97315\n4826\n' add uketsuke admin "二人目" --admin kanri
is "$status" 1 "a staff ID is unique"
has "$err" "'uketsuke' exists already" "and the message names it"
staff '97315\n4826\n' add "bad id" reception "X" --admin kanri
is "$status" 1 "a staff ID with a space is refused"
staff '97315\n4826\n' add someone boss "X" --admin kanri
is "$status" 2 "an unknown role is refused"

staff '' list
has "$out" "uketsuke" "list shows the accounts"
has "$out" "coordinator" "with their roles"

is "$(sql "$db" "SELECT count(*) FROM staff WHERE pin_hash LIKE '\$argon2id\$%'")" 3 \
	"every PIN is stored as an Argon2id hash"
is "$(sqlite3 "$db" .dump | grep -c -e 97315 -e 4826 -e 6093)" 0 "no PIN is anywhere in the database"

# Lock-out: two wrong PINs in a row (max_failures = 2) lock the account.
staff '0000\n5555\n' passwd tantou --admin uketsuke
staff '0001\n5555\n' passwd tantou --admin uketsuke
has "$err" "locked" "two wrong PINs lock the account"
staff '4826\n5555\n' passwd tantou --admin uketsuke
is "$status" 1 "then even the right PIN is refused"
has "$err" "Try again in 2 minutes" "with the minutes to wait"
has "$(sql "$db" "SELECT locked_until IS NOT NULL FROM staff WHERE login = 'uketsuke'")" 1 \
	"the lock is in the database, for every terminal"
staff '97315\n4826\n' passwd uketsuke --admin kanri
is "$status" 0 "an admin's new PIN lifts the lock"
is "$(sql "$db" "SELECT failed_attempts || ' ' || (locked_until IS NULL) FROM staff WHERE login = 'uketsuke'")" \
	"0 1" "and clears the count"

# A PIN typed where the staff ID goes is not written to the audit log.
staff '97315\n' disable tantou --admin 97315
is "$status" 1 "a PIN given as the staff ID signs nobody in"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE actor LIKE '%97315%' OR detail LIKE '%97315%'")" 0 \
	"and the audit log does not record it (the actor is '?')"
staff '97315\n' disable kanri --admin kanri
is "$status" 1 "the last admin cannot be disabled"
has "$err" "last active admin" "and it says why"
staff '97315\n' disable tantou --admin kanri
is "$status" 0 "a coordinator is disabled"
staff '' list
has "$out" "disabled" "list shows it"

LANGUAGE=en "$SUMAHO" --db "$db" audit --limit 0 >"$T/audit" 2>&1
is "$?" 0 "sumaho audit lists the log"
audit=$(cat "$T/audit")
has "$audit" "login-failed" "failed sign-ins are in it"
has "$audit" "locked" "the lock-out"
check "who disabled whom" grep -Eq "kanri +disable +staff +tantou" "$T/audit"
check "who added whom" grep -Eq "kanri +create +staff 2 +uketsuke reception" "$T/audit"
hasnt "$audit" "97315" "no PIN"
run --db "$db" audit --limit x
is "$status" 2 "--limit takes a number"
done_testing
