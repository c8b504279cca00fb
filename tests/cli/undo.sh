#!/bin/sh
# Putting mistakes right: sumaho slots restore (a cancelled booking, while its slot is free),
# lottery reinstate (a cancelled application; a winner's seat that went to the waiting list is
# given back only as the coordinator chooses) and session restore; each audited, refused in a
# closed month and by a role that may not.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
today=2026-11-24
S() { run --db "$db" --today $today "$@"; }
E() { LANGUAGE=en S "$@"; }
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
S slots generate --from 2026-11-25 --to 2026-11-27 --venue sekigahara
last_audit() { sql "$db" "SELECT action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1"; }
booking() { sql "$db" "SELECT p.code || ' ' || b.status FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id JOIN venues v ON v.id = s.venue_id JOIN people p ON p.id = b.person_id WHERE v.code = 'sekigahara' AND s.date = '2026-11-26' AND s.start = '$1' ORDER BY b.id"; }

# ---- a booking ----
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT s.id FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date = '2026-11-26' AND s.start = '10:00')"
S slots book sekigahara 2026-11-26 10:00 P0001 --topic line
S slots cancel sekigahara 2026-11-26 10:00
E slots restore sekigahara 2026-11-26 10:00
is "$status" 0 "a cancelled booking is restored"
has "$out" "Restored: sekigahara 2026-11-26 10:00, 小林　博 (P0001)" "saying whose"
is "$(booking 10:00)" "P0001 booked" "it is booked again, the same booking"
has "$(sql "$db" "SELECT action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"restore sekigahara 2026-11-26 10:00 person=P0001: cancelled -> booked" "audited with the old and new status"
E slots restore sekigahara 2026-11-26 10:00
is "$status" 1 "restoring twice is refused"
has "$err" "no cancelled booking at 2026-11-26 10:00 to restore" "there being none cancelled"

S slots cancel sekigahara 2026-11-26 10:00
S slots book sekigahara 2026-11-26 10:00 P0002 --topic line
E slots restore sekigahara 2026-11-26 10:00
is "$status" 3 "a slot booked since is refused with exit status 3"
has "$err" "has been booked since by P0002" "naming who has it"
has "$err" "next free slots: 2026-11-26 10:30" "and offering the next free slots"
S slots cancel sekigahara 2026-11-26 10:00
E slots restore sekigahara 2026-11-26 10:00 --person P0001
is "$status" 0 "--person restores that person's booking, not the one cancelled last"
is "$(booking 10:00)" "P0001 booked
P0002 cancelled" "P0001's is live again"
S slots cancel sekigahara 2026-11-26 10:00
S slots book sekigahara 2026-11-26 11:00 P0001 --topic line
E slots restore sekigahara 2026-11-26 10:00 --person P0001
is "$status" 1 "a person booked elsewhere that day is refused"
has "$err" "already has a consultation that day, at 11:00" "saying where"
S slots cancel sekigahara 2026-11-26 11:00
LANGUAGE=en run --db "$db" --today 2026-11-27 slots restore sekigahara 2026-11-26 10:00
is "$status" 1 "a slot that has passed is refused"
has "$err" "in the past" "saying so"
S period close 2026-10
run --db "$db" --today 2026-12-01 period close 2026-11
E slots restore sekigahara 2026-11-26 10:00 --person P0001
is "$status" 1 "a closed month is refused"
has "$err" "2026-11 is closed" "saying which"
is "$(booking 10:00)" "P0001 cancelled
P0002 cancelled" "and nothing changed"
E --reason "取消の誤り" slots restore sekigahara 2026-11-26 10:00 --person P0001
is "$status" 0 "an admin's amendment with a reason restores it"
run --db "$db" --today 2026-12-01 --reason "試験の後" period reopen 2026-11

# ---- a session ----
E session restore intro-android-seki-2022-3
is "$status" 1 "a session not cancelled is not restored"
has "$err" "session intro-android-seki-2022-3 is not cancelled" "saying so"
S session cancel intro-android-seki-2022-3
E session restore intro-android-seki-2022-3
is "$status" 0 "a cancelled session is restored"
is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'intro-android-seki-2022-3'")" scheduled "scheduled again"
has "$(sql "$db" "SELECT action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"restore intro-android-seki-2022-3: cancelled -> scheduled" "audited with the old and new status"
S session cancel intro-android-seki-2022-3
S period close 2022-09
E session restore intro-android-seki-2022-3
is "$status" 1 "a session of a closed month is not restored"
has "$err" "2022-09 is closed" "saying which"
is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'intro-android-seki-2022-3'")" cancelled "it stays cancelled"
E --reason "中止の誤り" session restore intro-android-seki-2022-3
is "$status" 0 "unless an admin gives a reason"

# ---- an application ----
S offering add undo-2027 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 2
S session add undo-2027-1 --offering undo-2027 --date 2027-01-14 --start 10:00 --duration 90 --seats 6
for p in P0001 P0002 P0003 P0004 P0005; do S apply undo-2027 $p; done
is "$(sql "$db" "SELECT action || ' ' || entity || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"apply application undo-2027 P0005: none -> applied" "an application at the counter is audited naming the person, old and new"
run --db "$db" --today 2026-12-16 lottery run undo-2027 --seed 5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed
is "$status" 0 "a class of two seats is drawn"
who() { sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' AND $1"; }
list() { sql "$db" "SELECT group_concat(x, ' ') FROM (SELECT p.code || ':' || CASE a.status WHEN 'waiting' THEN 'w' || a.waiting_position ELSE a.status END AS x FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' ORDER BY p.code) t"; }
w=$(who "a.status = 'won' ORDER BY p.code LIMIT 1")
q1=$(who "a.waiting_position = 1")
q2=$(who "a.waiting_position = 2")
start=$(list)
offer() { sql "$db" "SELECT p.code || ' ' || f.state FROM lottery_offers f JOIN applications a ON a.id = f.application_id JOIN people p ON p.id = a.person_id ORDER BY f.id DESC LIMIT 1"; }
# The call-down: a cancelled winner's seat is offered to the first waiting, not given.
E lottery cancel undo-2027 "$w"
has "$out" "the seat is offered to $q1" "cancelling a winner offers the seat to the first waiting"
E apply undo-2027 "$w"
is "$status" 1 "applying again is refused, as before"
# Nobody has called them: reinstating withdraws the offer, and they keep their place.
E lottery reinstate undo-2027 "$w"
is "$status" 0 "while the seat is only offered and nobody was called, reinstating gives it back"
has "$out" "the seat offered to $q1 " "saying the offer to the first waiting"
has "$out" "is withdrawn; they stay on the waiting list" "is withdrawn"
is "$(list)" "$start" "every application is as before the cancellation"
is "$(offer)" "$q1 withdrawn" "the offer is withdrawn"
has "$(sql "$db" "SELECT group_concat(action || ' ' || detail, '|') FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT 2) t")" \
	"withdraw undo-2027 $q1 " "audited"
has "$(sql "$db" "SELECT detail FROM audit_log WHERE action = 'withdraw' ORDER BY id DESC LIMIT 1")" \
	": offer withdrawn, still waiting (the seat goes back to $w)" "with what happened"
is "$(sql "$db" "SELECT (SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' AND a.status = 'won') + (SELECT count(*) FROM lottery_offers WHERE state = 'open')")" 2 \
	"winners and open offers fill the 2 seats, no more"
# Once they have been called about it, the coordinator chooses.
S lottery cancel undo-2027 "$w"
S lottery call undo-2027 "$q1" --result message
after=$(list)
E lottery reinstate undo-2027 "$w"
is "$status" 1 "reinstating a winner whose seat is offered to someone already called asks for a choice"
has "$err" "is offered to $q1" "naming who was offered the seat"
has "$err" "give --over-capacity, --waiting or --revert" "and the options"
is "$(list)" "$after" "nothing changed"
is "$(offer)" "$q1 open" "the offer stays open"
E lottery reinstate undo-2027 "$w" --revert --waiting
is "$status" 2 "two choices at once are a usage error"
E lottery reinstate undo-2027 "$w" --revert
is "$status" 0 "--revert withdraws the offer"
has "$out" "the seat offered to $q1 " "saying so"
is "$(list)" "$start" "the one offered waits where they waited"
# The seat accepted: --revert takes it back from the one who accepted it.
S lottery cancel undo-2027 "$w"
S lottery call undo-2027 "$q1" --result accepted
E lottery reinstate undo-2027 "$w"
is "$status" 1 "reinstating a winner whose seat was accepted from the waiting list asks for a choice"
has "$err" "went to $q1" "naming who has the seat"
E lottery reinstate undo-2027 "$w" --revert
is "$status" 0 "--revert gives the seat back"
has "$out" "gives the seat back and is number 1 on the waiting list" "and says where the one moved up waits"
is "$(list)" "$start" "every application is as before the cancellation"
has "$(sql "$db" "SELECT group_concat(action || ' ' || detail, '|') FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT 2) t")" \
	"reinstate undo-2027 $w: cancelled -> won undo-2027-1" "audited: the reinstated application"
has "$(sql "$db" "SELECT group_concat(action || ' ' || detail, '|') FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT 2) t")" \
	"unpromote undo-2027: won -> waiting 1 (the seat goes back to $w)" "and the promotion undone"
E lottery reinstate undo-2027 "$w"
is "$status" 1 "a live application is not reinstated"
has "$err" "already has an application to undo-2027 (won" "saying what it is"
E lottery export undo-2027 -o "$T/undo.csv"
/usr/bin/python3 "$top_srcdir/tests/lottery_verify.py" "$T/undo.csv" >"$T/verify.out" 2>&1
ok $? "the Python verifier accepts the offers withdrawn and the seat taken back"

S lottery cancel undo-2027 "$w"
S lottery call undo-2027 "$q1" --result accepted
run --db "$db" --today 2027-01-14 attend undo-2027-1 "$q1=present"
E lottery reinstate undo-2027 "$w" --revert
is "$status" 1 "the seat is not taken back from someone who has attended"
has "$err" "has attended already" "saying so"
E lottery reinstate undo-2027 "$w" --over-capacity
is "$status" 0 "--over-capacity gives a seat over the capacity"
has "$out" "a seat over the capacity" "and says so"
is "$(who "a.status = 'won'" | wc -l)" 3 "three winners for two seats"
E lottery verify undo-2027
is "$status" 0 "the draw still verifies with a seat over the capacity"
has "$out" "Note: undo-2027: $w was reinstated with a seat over the capacity by $(id -un) at $(clock_today) 09:00, after the draw" \
	"and the seat given later is told: whose, by whom, when"
has "$out" "3 winners now for 2 seats, 1 of them over the capacity" "with the count"
E lottery show undo-2027
has "$out" "undo-2027: 3 seats taken now of 2: 1 over the capacity" "lottery show counts the seats as they are now"
E lottery export undo-2027 -o "$T/over.csv"
/usr/bin/python3 "$top_srcdir/tests/lottery_verify.py" "$T/over.csv" >"$T/verify.out" 2>&1
ok $? "the Python verifier agrees on the draw"
has "$(cat "$T/verify.out")" "note: undo-2027: 1 seat given over the capacity after the draw" "and tells the seat over the capacity"
E lottery cancel undo-2027 "$w"
hasnt "$out" "offered" "cancelling a seat over the capacity offers nobody a seat"
E lottery reinstate undo-2027 "$w"
is "$status" 1 "the class full, a choice is asked"
has "$err" "undo-2027 is full (2 of 2 seats)" "saying so"
E lottery reinstate undo-2027 "$w" --waiting
is "$status" 0 "--waiting puts them first on the waiting list"
is "$(who "a.waiting_position = 1")" "$w" "first"
is "$(who "a.waiting_position = 2")" "$q2" "the one who was first is second"
S lottery cancel undo-2027 "$q2"
S lottery cancel undo-2027 "$w"
E lottery reinstate undo-2027 "$w"
is "$status" 0 "a place on the waiting list is reinstated"
is "$(who "a.waiting_position = 1")" "$w" "where it was"
S lottery cancel undo-2027 "$w"
run --db "$db" --today 2026-12-16 lottery run undo-2027 --redraw --seed 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
E lottery reinstate undo-2027 "$w"
is "$status" 0 "after a new draw, a cancelled application is reinstated"
is "$(who "a.status = 'waiting' ORDER BY a.waiting_position DESC LIMIT 1")" "$w" \
	"last on the waiting list, its place of the superseded draw being gone"

# ---- an erased person is given nothing back ----
# A winner, the first waiting and an ineligible applicant of a class whose only session is
# cancelled have nothing to come: their personal data is erased; then the session is restored.
X() { LANGUAGE=en run --db "$db" --today 2026-11-25 "$@"; }
S offering add erase-2027 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-11-24 --capacity 1
S session add erase-2027-1 --offering erase-2027 --date 2027-01-21 --start 10:00 --duration 90 --seats 6
for n in 1 2 3 4; do
	S people add "消去 太郎$n" --phone "03-1234-000$n" --birth-year "$([ $n = 4 ] && echo 1990 || echo 1950)"
	S apply erase-2027 "$(printf '%s\n' "$out" | grep -o 'P[0-9]*')"
done
X lottery run erase-2027 --seed 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ew() { sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'erase-2027' AND $1"; }
ewin=$(ew "a.status = 'won'")
eq1=$(ew "a.waiting_position = 1")
eq2=$(ew "a.waiting_position = 2")
young=$(ew "a.status = 'ineligible'")
slot=$(sql "$db" "SELECT s.date || ' ' || s.start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date > '2026-11-25' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') ORDER BY s.date, s.start LIMIT 1")
# shellcheck disable=SC2086
X slots book sekigahara $slot "$ewin" --topic line
# shellcheck disable=SC2086
X slots cancel sekigahara $slot
X session cancel erase-2027-1
for c in "$ewin" "$eq1" "$young"; do X people erase "$c"; done
is "$status" 0 "the winner, the first waiting and an ineligible applicant are erased"
X people show "$young"
hasnt "$out" "1990" "the reason of an erased person's application no longer tells their birth year"
has "$out" "ineligible: erased with the personal data" "it says the reason was erased"
LANGUAGE=ja run --db "$db" --today 2026-11-25 people show "$young"
hasnt "$out" "1990" "nor in Japanese"
has "$(last_audit)" "erase person $young: name, kana, phone and birth year erased; the reasons kept with 1 application erased" \
	"the erasure's audit entry says so"
hasnt "$(last_audit)" "1990" "without the birth year"
X lottery show erase-2027
is "$(printf '%s\n' "$out" | awk '$1 == "erase-2027" {print $(NF-5) " " $(NF-4) " " $(NF-1)}')" "3 1 1" \
	"the counts stay: 3 applicants, 1 won, 1 excluded"
X session restore erase-2027-1
is "$status" 0 "the session is restored"
has "$out" "erase-2027: the seat of $ewin is not restored: their personal data was erased; the seat is offered to $eq2, the next on the waiting list" \
	"the erased winner's seat is not given back: it goes down the waiting list"
has "$out" "erase-2027: the place of $eq1 on the waiting list is not restored: their personal data was erased" \
	"nor the erased one's place on the waiting list"
is "$(ew "a.status IN ('won', 'waiting')" | tr '\n' ' ')" "$eq2 " "only the one not erased keeps a place"
X lottery export erase-2027 --format list
hasnt "$out" "$ewin" "the class list does not show the erased winner"
X lottery reinstate erase-2027 "$ewin" --over-capacity
is "$status" 1 "reinstating an erased person is refused"
has "$err" "the personal data of $ewin was erased: their place in erase-2027 is not restored" "saying why"
# shellcheck disable=SC2086
X slots restore sekigahara $slot
is "$status" 1 "restoring an erased person's booking is refused"
has "$err" "the personal data of $ewin was erased: their booking at $slot is not restored" "saying why"
X lottery verify erase-2027
is "$status" 0 "the draw still verifies"
X lottery run erase-2027 --redraw --seed 5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed
is "$(ew "a.status = 'ineligible'")" "$young" \
	"a new draw does not make an erased record (no birth year now) eligible for a seat"

# A closed month and the roles.
S period reopen 2022-09 --reason "試験"
cp=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'trial-osaki1-2022' AND a.status = 'won' ORDER BY p.code LIMIT 1")
S lottery cancel trial-osaki1-2022 "$cp"
S period close 2022-09
E lottery reinstate trial-osaki1-2022 "$cp"
is "$status" 1 "an application of a closed month is not reinstated"
has "$err" "2022-09 is closed" "saying which"
add_staff "$db" kanri admin "管理 花子" 2580
add_staff "$db" uketsuke reception "受付 一郎" 6093
E $(sign_in_args uketsuke 6093) lottery reinstate trial-osaki1-2022 "$cp" --over-capacity
is "$status" 1 "reception may not give a seat over the capacity"
has "$err" "only a coordinator may give a seat over the capacity" "a coordinator's decision"
E $(sign_in_args kanri 2580) --reason "取消の誤り" lottery reinstate trial-osaki1-2022 "$cp" --over-capacity
is "$status" 0 "an admin with a reason may"
E $(sign_in_args kanri 2580) audit verify
is "$status" 0 "and the audit log's chain holds"
done_testing
