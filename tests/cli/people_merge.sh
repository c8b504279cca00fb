#!/bin/sh
# sumaho people merge and erase: two records of one person merged (applications, bookings and
# roll-call marks move to the one kept; both applying to one class, both marked at one session,
# two consultations on one day are settled or reported; a closed month's count changes only as
# an admin's amendment; the audit says what moved), and a resident's personal data erased on
# request while the reports of closed months stay exactly as they were.
. "$top_srcdir/tests/lib.sh"
db="$T/m.db"
clock_set "2022-10-01 09:00:00"
"$SUMAHO" --db "$db" --today 2022-10-01 init --demo >/dev/null 2>&1 || exit 99
S() { LANGUAGE=en run --db "$db" --today 2022-10-01 "$@"; }
dump() { db_dump "$db"; }
last_audit() { sql "$db" "SELECT actor || ' ' || action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1"; }
S period close 2022-04
S period close 2022-09
reports() {
	for k in monthly classes consultations demand; do
		LANGUAGE=en "$SUMAHO" --db "$db" --today 2022-10-01 report "$k" --from 2022-04 --to 2022-09
	done
}
reports >"$T/reports-before.txt"

# The same resident registered twice (another phone), applying again and booking.
S people add "小林 博" --phone 03-9999-0000
other=$(printf '%s\n' "$out" | sed 's/.* as //')
S apply intro-iphone-202210 "$other"
free=$(sql "$db" "SELECT date || ' ' || min(start) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND date >= '2022-10-03' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') GROUP BY date ORDER BY date LIMIT 2" | tr '\n' ' ')
# shellcheck disable=SC2086
set -- $free
later=$(sql "$db" "SELECT max(start) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND date = '$1'")
S slots book sekigahara "$1" "$2" P0001 --topic line
S slots book sekigahara "$1" "$later" "$other" --topic photos
S slots book sekigahara "$3" "$4" "$other" --topic scam
is "$status" 0 "the second record books too"

S people merge P0001 "$other"
is "$status" 0 "people merge"
has "$out" "Merged $other into P0001. Moved: applications 1, bookings 2, roll-call marks 0." \
	"says what moved"
has "$out" "intro-iphone-202210: both records applied; kept P0001's (applied), $other's (applied) is a duplicate" \
	"both applied to one class: one application stays, the other a duplicate"
has "$out" "$1: two consultations on one day ($2 関ヶ原, $later 関ヶ原); cancel one if need be" \
	"two consultations on one day are reported"
has "$out" "$other's phone 03-9999-0000 is not kept: P0001 keeps 03-5497-0775" \
	"a phone that differs is reported"
has "$(last_audit)" "root merge person $other merged into P0001: applications 1, bookings 2, roll-call marks 0; intro-iphone-202210: both records applied" \
	"the audit says what moved"
S people history P0001
has "$out" "$3  $4  consultation  Scam calls" "the other's booking is the kept record's now"
has "$out" "duplicate: records merged" "and the duplicate application"
# The reason is stored in no one language: each reader sees it in theirs.
LANGUAGE=ja run --db "$db" --today 2022-10-01 people history P0001
has "$out" "重複: 記録の統合" "in Japanese, the reason in Japanese"
has "$out" "相談  詐欺電話対策" "and the topic by its Japanese name"
hasnt "$out" "records merged" "no English word in it"
S people show "$other"
has "$out" "Merged into P0001: its history is there." "the other record leads to the one kept"
has "$out" "No applications, consultations or class attendance yet." "and holds nothing"
S people find 9999-0000
has "$out" "Nobody found." "search no longer finds the other record"
S people find "$other"
has "$out" "$other" "except by its whole code"

# Refused: nothing changes.
dump >"$T/before.sql"
S people merge P0001 "$other"
is "$status" 1 "merging again is refused"
has "$err" "$other was merged into P0001 already" "and says so"
S people merge P0001 P0001
is "$status" 1 "a record with itself"
has "$err" "the same record twice" "is refused"
S people merge P0001 P9999
has "$err" "no person with code 'P9999'" "an unknown code is named"
dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "the refused merges changed nothing"

# The record kept takes what only the other knew, audited as an edit.
S people add "山田 花子"
thin=$(printf '%s\n' "$out" | sed 's/.* as //')
S people add "山田 花子" --kana "やまだ はなこ" --phone 03-2222-3333 --birth-year 1940
full=$(printf '%s\n' "$out" | sed 's/.* as //')
S people merge "$thin" "$full"
is "$status" 0 "merging into a record with less"
is "$(sql "$db" "SELECT kana || ' ' || phone || ' ' || birth_year FROM people WHERE code = '$thin'")" \
	"やまだ はなこ 03-2222-3333 1940" "takes the other's kana, phone and birth year"
has "$(sql "$db" "SELECT detail FROM audit_log WHERE action = 'edit' ORDER BY id DESC LIMIT 1")" \
	"person $thin: kana '' -> 'やまだ はなこ', phone '' -> '03-2222-3333', birth_year '' -> '1940'" \
	"audited with the old and new values"
S people find 2222-3333
has "$out" "$thin" "found by that phone"
hasnt "$out" "$full" "the other record is not"

# Two winners of a class still to come: the second seat is offered to the first on the waiting
# list (the call-down, as lottery cancel does).
S lottery run onepoint-iphone-202210 --seed 0000000000000000000000000000000000000000000000000000000000000001
winners=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'onepoint-iphone-202210' AND a.status = 'won' ORDER BY p.code LIMIT 2" | tr '\n' ' ')
# shellcheck disable=SC2086
set -- $winners "$@"
first=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'onepoint-iphone-202210' AND a.status = 'waiting' AND a.waiting_position = 1")
S people merge "$1" "$2"
is "$status" 1 "two records that differ in name and kana are not merged"
has "$err" "differ in name and kana: a merge is for two records of one person" "saying why"
S --reason "registered twice" people merge "$1" "$2" --different
is "$status" 0 "merging two winners (different records, a coordinator's word)"
has "$out" "onepoint-iphone-202210: both records applied; kept $1's (won), cancelled $2's (won); the seat is offered to $first" \
	"the second seat is cancelled and offered to the first waiting"
is "$(sql "$db" "SELECT a.status || ' ' || f.state FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id JOIN lottery_offers f ON f.application_id = a.id WHERE o.code = 'onepoint-iphone-202210' AND p.code = '$first'")" \
	"waiting open" "who keeps their place with the seat offered until they accept"
shift 2

# Two winners of a class held in a closed month (2022-04): their seats, their roll-call marks.
a=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'op-iphone-2022' AND a.status = 'won' AND EXISTS (SELECT 1 FROM attendance t WHERE t.person_id = p.id AND t.status = 'present') ORDER BY p.code LIMIT 1")
b=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'op-iphone-2022' AND a.status = 'won' AND a.session_id = (SELECT session_id FROM applications x JOIN people q ON q.id = x.person_id WHERE q.code = '$a' AND x.offering_id = o.id) AND p.code > '$a' AND EXISTS (SELECT 1 FROM attendance t WHERE t.person_id = p.id AND t.status = 'present') ORDER BY p.code LIMIT 1")
diag "merging winners $a and $b"
dump >"$T/before.sql"
S people merge "$a" "$b" --different
is "$status" 1 "a merge that changes a closed month's count"
has "$err" "2022-04" "is refused, naming the month"
dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "and changes nothing"
S --reason "registered twice" people merge "$a" "$b" --different
is "$status" 0 "an admin's amendment with a reason"
has "$out" "op-iphone-2022: both records applied; kept $a's (won), $b's (won) is a duplicate" \
	"a class that is over: the second seat is a duplicate, nobody moves up after the fact"
has "$out" "both records were marked; kept present, dropped present" "one roll-call mark a session"
is "$(sql "$db" "SELECT count(*) FROM period_amendments WHERE what LIKE '%$b merged into $a%'")" 1 \
	"recorded as an amendment of the closed month"
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE p.code = '$a' AND o.code = 'op-iphone-2022' AND a.status = 'won'")" \
	1 "one seat is left to the person"
reports >"$T/reports-amended.txt"

# Erase: refused while something is to come, listed.
dump >"$T/before.sql"
S people erase P0001
is "$status" 1 "erasing someone with a booking and an application to come"
has "$err" "P0001 still has bookings or applications to come; cancel them first" "is refused"
has "$err" "a consultation booked for $1 $2 (関ヶ原)" "naming the booking"
has "$err" "an application to intro-iphone-202210 (applied)" "and the application"
S people erase "$other"
is "$status" 1 "a merged record"
has "$err" "erase P0001" "is erased with the one kept"
dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "the refused erasures changed nothing"

# P0044 had a consultation in August and applied for a class in April (both months closed).
S people show P0044
has "$out" "山本　節子" "P0044 before"
S people erase P0044
is "$status" 0 "people erase"
has "$out" "Erased the personal data of P0044" "says so"
is "$(sql "$db" "SELECT name || '|' || kana || '|' || phone || '|' || coalesce(CAST(birth_year AS TEXT), '') FROM people WHERE code = 'P0044'")" \
	"P0044|||" "name, kana, phone and birth year are gone"
S people show P0044
hasnt "$out" "山本" "the record shows no name"
has "$out" "Personal data erased on 2022-10-01" "and says it was erased"
has "$out" "2022-08-31  13:30  consultation  Scam calls" "the history stays, anonymous"
S people find 5452-1506
has "$out" "Nobody found." "the phone finds nobody"
S people find ヤマモト　セツコ
hasnt "$out" "P0044" "nor does the kana"
has "$(last_audit)" "erase person P0044: name, kana, phone and birth year erased" "audited"
hasnt "$(last_audit)" "山本" "without the values erased"
reports >"$T/reports-after.txt"
same_file "$T/reports-after.txt" "$T/reports-amended.txt" \
	"the reports of the closed months are the same after the erasure"
S people erase P0044
is "$status" 0 "erasing again"
has "$out" "erased already, on 2022-10-01" "changes nothing and says so"

# Once what was to come is cancelled, the record and the one merged into it are erased.
S slots cancel sekigahara "$1" "$2"
S slots cancel sekigahara "$1" "$later"
S slots cancel sekigahara "$3" "$4"
S lottery cancel intro-iphone-202210 P0001
S people erase P0001
is "$status" 0 "erased after cancelling"
is "$(sql "$db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM people WHERE code IN ('P0001', '$other') ORDER BY code) t")" \
	"P0001 $other" "with the record merged into it"

# Once staff accounts exist: reception may merge; erasing is a coordinator's.
add_staff "$db" kanri admin "管理 花子" 2580
add_staff "$db" uketsuke reception "受付 一郎" 4826
S people erase "$thin"
is "$status" 2 "refused without a sign-in"
# shellcheck disable=SC2086
S $(sign_in_args uketsuke 4826) people erase "$thin"
has "$err" "may not run 'people erase'" "reception may not erase"
# shellcheck disable=SC2086
S $(sign_in_args kanri 2580) people erase "$thin"
is "$status" 0 "an admin may"
is "$(sql "$db" "SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1")" "kanri" "the audit names who"
# shellcheck disable=SC2086
S $(sign_in_args uketsuke 4826) people add "石井 和子" --phone 03-4444-5555
twice=$(printf '%s\n' "$out" | sed 's/.* as //')
# shellcheck disable=SC2086
S $(sign_in_args uketsuke 4826) people merge P0003 "$twice"
is "$status" 0 "reception may merge"
has "$(last_audit)" "uketsuke merge person $twice merged into P0003" "audited under their name"

done_testing
