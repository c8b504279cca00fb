#!/bin/sh
# sumaho staff and sumaho audit: the first account is an admin, later changes need an admin
# signed in (--staff with --pin-file), new PINs are read from standard input (never the command
# line) and kept only as Argon2id hashes, lock-out after wrong PINs, and the audit log names who
# did what.
. "$top_srcdir/tests/lib.sh"
db="$T/s.db"
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null 2>&1 || exit 99
cat >"$T/lock.ini" <<'INI'
[access]
max_failures = 2
lockout_seconds = 120
INI
# as STAFF-ID PIN: the next commands sign in as STAFF-ID with PIN (from a file of the tester's
# own that nobody else can read); as with nothing: nobody signs in.
as() {
	if [ $# -eq 0 ]; then
		signin=
		return
	fi
	signin=$(sign_in_args "$1" "$2")
}
as
# staff INPUT ARG...: sumaho staff with INPUT (new PINs) on standard input.
staff() {
	input=$1
	shift
	printf "$input" | LANGUAGE=en "$SUMAHO" --db "$db" --config "$T/lock.ini" $signin staff "$@" \
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
has "$out" "Added kanri (管理 花子, admin)." "and reported with the name given"

staff '4826\n' add uketsuke reception "受付 一郎"
is "$status" 2 "now an admin must sign in to add an account"
has "$err" "--staff" "and it says how"
as kanri 11111
staff '4826\n' add uketsuke reception "受付 一郎"
is "$status" 1 "a wrong admin PIN changes nothing"
has "$err" "The staff ID or the PIN is not right." "and the answer does not say which was wrong"
as kanri 97315
staff '4826\n' add uketsuke reception "受付 一郎"
is "$status" 0 "with the admin signed in the receptionist is added"
staff '6093\n' add tantou coordinator "担当 次郎"
is "$status" 0 "and a coordinator"
as uketsuke 4826
staff '6093\n' add x admin "X"
is "$status" 1 "a receptionist cannot add accounts"
has "$err" "uketsuke (reception) may not run 'staff add'" "being no admin"
as kanri 97315
staff '4826\n' add uketsuke admin "二人目"
is "$status" 1 "a staff ID is unique"
has "$err" "'uketsuke' exists already" "and the message names it"
staff '4826\n' add "bad id" reception "X"
is "$status" 1 "a staff ID with a space is refused"
staff '4826\n' add someone boss "X"
is "$status" 2 "an unknown role is refused"

staff '' list
has "$out" "uketsuke" "list shows the accounts"
has "$out" "coordinator" "with their roles"

is "$(sql "$db" "SELECT count(*) FROM staff WHERE pin_hash LIKE '\$argon2id\$%'")" 3 \
	"every PIN is stored as an Argon2id hash"
is "$(db_dump "$db" | sed "s/'[0-9a-f]\{64\}'//g" | grep -c -e 97315 -e 4826 -e 6093)" 0 \
	"no PIN is anywhere in the database (the audit chain's hashes aside)"

# Lock-out: two wrong PINs in a row (max_failures = 2) lock the account.
as uketsuke 0000
staff '5555\n' passwd tantou
as uketsuke 0001
staff '5555\n' passwd tantou
is "$(sql "$db" "SELECT locked_until IS NOT NULL FROM staff WHERE login = 'uketsuke'")" 1 \
	"two wrong PINs lock the account, in the database, for every terminal"
as uketsuke 4826
staff '5555\n' passwd tantou
is "$status" 1 "then even the right PIN is refused"
has "$err" "The staff ID or the PIN is not right." \
	"with the same answer as a wrong PIN or an unknown ID: it tells nothing about the account"
clock_advance 121
staff '' list
has "$err" "may not run 'staff list'" "after 2 minutes the lock is over: the right PIN signs in"
as kanri 97315
staff '4826\n' passwd uketsuke
is "$status" 0 "an admin's new PIN for an account works"
is "$(sql "$db" "SELECT failed_attempts || ' ' || CASE WHEN locked_until IS NULL THEN 1 ELSE 0 END FROM staff WHERE login = 'uketsuke'")" \
	"0 1" "and clears the count and the lock"

# A PIN typed where the staff ID goes is not written to the audit log.
as 97315 97315
staff '' disable tantou
is "$status" 1 "a PIN given as the staff ID signs nobody in"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE actor LIKE '%97315%' OR detail LIKE '%97315%'")" 0 \
	"and the audit log does not record it (the actor is '?')"
as kanri 97315
staff '' disable kanri
is "$status" 1 "the last admin cannot be disabled"
has "$err" "last active admin" "and it says why"
staff '' disable tantou
is "$status" 0 "a coordinator is disabled"
staff '' list
has "$out" "disabled" "list shows it"

LANGUAGE=en "$SUMAHO" --db "$db" $signin audit --limit 0 >"$T/audit" 2>&1
is "$?" 0 "sumaho audit lists the log"
audit=$(cat "$T/audit")
has "$audit" "login-failed" "failed sign-ins are in it"
has "$audit" "locked" "the lock-out"
check "who disabled whom" grep -Eq "kanri +disable +staff +tantou" "$T/audit"
check "who added whom" grep -Eq "kanri +create +staff 2 +uketsuke reception" "$T/audit"
hasnt "$audit" "97315" "no PIN"
run --db "$db" $signin audit --limit x
is "$status" 2 "--limit takes a number"
done_testing
