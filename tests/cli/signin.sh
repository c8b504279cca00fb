#!/bin/sh
# Sign-in on the command line once staff accounts exist: commands that change data or show
# personal data need --staff with the PIN from a file of one's own (or the terminal); $USER is
# never the audit's actor; no configuration turns it off; guesses from many processes at once
# are counted in one place and the right PIN late among them gets nowhere; a wrong PIN, a
# locked account and an unknown ID get the same answer.
. "$top_srcdir/tests/lib.sh"
db="$T/s.db"
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null 2>&1 || exit 99

# Before any account exists nothing asks (a new installation).
run --db "$db" people find ｺﾊﾞﾔｼ
is "$status" 0 "with no staff account, people find needs no sign-in"
printf '2580\n' | "$SUMAHO" --db "$db" staff add kanri admin "管理 花子" >/dev/null 2>&1 || exit 99
printf '4826\n' | "$SUMAHO" --db "$db" $(sign_in_args kanri 2580) staff add uketsuke reception "受付 一郎" \
	>/dev/null 2>&1 || exit 99
dump() { db_dump "$db"; }

# Each of these changes data or shows names and phone numbers: refused without a sign-in.
dump >"$T/before.sql"
for c in "people find ｺﾊﾞﾔｼ" "slots cancel sekigahara 2022-08-02 10:00" "backup $T/copy.db" \
	"lottery cancel op-iphone-2022 P0001" "attend op-android-2022-1" "export ics --bookings" \
	"staff list" "audit"; do
	USER=kanri LANGUAGE=en run --db "$db" $c
	is "$status" 2 "$c: refused without --staff, even with USER=kanri"
	has "$err" "needs a signed-in staff member: give --staff" "$c: and it says how to sign in"
done
dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "nothing changed"
check "and no backup was written" test ! -e "$T/copy.db"
run --db "$db" qr intro-android-seki-2022-1
is "$status" 0 "a command that shows nothing personal needs no sign-in (qr)"
run --db "$db" export ics
is "$status" 0 "nor does the public calendar"

# No configuration turns sign-in off.
printf '[access]\nlogin = no\n' >"$T/nologin.ini"
LANGUAGE=en run --db "$db" --config "$T/nologin.ini" people find ｺﾊﾞﾔｼ
is "$status" 2 "[access] login = no does not turn sign-in off"
has "$err" "login" "and the configuration's line is named as ignored"

# Signed in, the audit names the staff member, never \$USER.
USER=someone LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) lottery cancel op-iphone-2022 P0001
is "$status" 0 "signed in, the receptionist cancels an application"
is "$(sql "$db" "SELECT actor FROM audit_log WHERE action = 'cancel' ORDER BY id DESC LIMIT 1")" \
	"uketsuke" "and the audit log names uketsuke, not \$USER"
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) audit
is "$status" 1 "a receptionist may not read the audit log"
has "$err" "uketsuke (reception) may not run 'audit'" "and is told so"
SUMAHO_STAFF=kanri LANGUAGE=en run --db "$db" --pin-file "$T/pin-kanri" audit --limit 1
is "$status" 0 "SUMAHO_STAFF names the staff member as --staff does"

# The PIN file: the caller's own, readable by nobody else, a plain file.
printf '2580\n' >"$T/loose"
chmod 644 "$T/loose"
LANGUAGE=en run --db "$db" --staff kanri --pin-file "$T/loose" audit
is "$status" 1 "a PIN file others can read is refused"
has "$err" "chmod 600" "saying how to make it right"
chmod 600 "$T/loose"
chown nobody "$T/loose" 2>/dev/null &&
	{
		LANGUAGE=en run --db "$db" --staff kanri --pin-file "$T/loose" audit
		is "$status" 1 "someone else's PIN file is refused"
	}
ln -s "$T/pin-kanri" "$T/link"
LANGUAGE=en run --db "$db" --staff kanri --pin-file "$T/link" audit
is "$status" 1 "a PIN file behind a link is refused"
LANGUAGE=en run --db "$db" --staff kanri audit </dev/null
is "$status" 1 "without a PIN file or a terminal, nothing is signed in"

# One answer for every refusal: a wrong PIN, an unknown ID, a locked account.
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 1111) people find ｺﾊﾞﾔｼ
wrong=$err
LANGUAGE=en run --db "$db" $(sign_in_args nosuchid 1111) people find ｺﾊﾞﾔｼ
is "$err" "$wrong" "an unknown staff ID gets the same answer as a wrong PIN"
sql "$db" "UPDATE staff SET locked_until = '2099-01-01T00:00:00Z' WHERE login = 'uketsuke'"
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) people find ｺﾊﾞﾔｼ
is "$err" "$wrong" "and so does the right PIN of a locked account"
is "$status" 1 "which is refused"
sql "$db" "UPDATE staff SET locked_until = NULL, failed_attempts = 0 WHERE login = 'uketsuke'"

# Forty guesses at once, the right PIN among the last: the lock holds (max_failures 5). The
# first 29 go at once; the other eleven, the right one among them, once five failures are
# counted. A generous busy timeout: every guess waits for the one before it.
printf '[database]\nbusy_timeout_ms = 60000\n' >"$T/patient.ini"
before=$(sql "$db" "SELECT max(id) FROM audit_log")
i=1
while [ $i -le 40 ]; do
	if [ $i -eq 30 ]; then pin=4826; else pin=$((1000 + i * 7)); fi
	printf '%s\n' "$pin" >"$T/guess$i"
	chmod 600 "$T/guess$i"
	i=$((i + 1))
done
guess() {
	LANGUAGE=en "$SUMAHO" --db "$db" --config "$T/patient.ini" --staff uketsuke \
		--pin-file "$T/guess$1" people find ｺﾊﾞﾔｼ >"$T/out$1" 2>&1 &
}
i=1
while [ $i -le 29 ]; do
	guess $i
	i=$((i + 1))
done
failures() {
	sql "$db" "SELECT count(*) FROM audit_log WHERE id > $before AND actor = 'uketsuke' AND action = 'login-failed'"
}
n=0
until [ "$(failures)" -ge 5 ] || [ $n -ge 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
while [ $i -le 40 ]; do
	guess $i
	i=$((i + 1))
done
wait
is "$(cat "$T"/out* | grep -c 'P0001')" 0 "none of 40 parallel guesses gets in, the right PIN among them"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE id > $before AND action = 'login' AND actor = 'uketsuke'")" \
	0 "and the audit log has no sign-in"
# Against the test's clock, which sumaho read when it locked the account: not this machine's.
now=$(date -u -d "$(cat "$SUMAHO_CLOCK")" +%Y-%m-%dT%H:%M:%SZ)
is "$(sql "$db" "SELECT locked_until > '$now' FROM staff WHERE login = 'uketsuke'")" \
	1 "the account is locked"
is "$(failures)" 5 \
	"after exactly five wrong PINs counted one after another; the rest met the lock"
done_testing
