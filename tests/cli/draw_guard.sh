#!/bin/sh
# A guarded draw: drawing before the application window closes needs --early and is recorded
# as early; a drawn offering's capacity, window and priority rule, and its sessions' seats,
# change only together with a new draw (--redraw); lottery verify and the Python verifier
# report a capacity or seats changed behind sumaho's back.
. "$top_srcdir/tests/lib.sh"
db="$T/guard.db"
today=2026-11-24
S() { run --db "$db" --today $today "$@"; }
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
PY=/usr/bin/python3
seed=5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed
dump() { db_dump "$1"; }
# unchanged DESCRIPTION: the database is as it was when $before was taken.
unchanged() {
	is "$(dump "$db")" "$before" "$1"
}

# Eight seats, one session of eight, ten applicants; applications close on 2026-12-15.
S offering add g1 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 8
S session add g1-1 --offering g1 --date 2027-01-14 --start 10:00 --duration 90 --seats 8
for p in P0001 P0002 P0003 P0004 P0005 P0006 P0007 P0008 P0009 P0010; do
	S apply g1 $p
done
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'g1'")" 10 \
	"ten applications"

# Early: refused without --early, and nothing changes.
before=$(dump "$db")
LANGUAGE=en S lottery run g1 --seed $seed
is "$status" 1 "a draw before the application window closes is refused (exit 1)"
has "$err" "g1 takes applications until 2026-12-15" "naming the offering and its closing day"
has "$err" "--early" "and the option that draws anyway"
unchanged "and nothing changes"
LANGUAGE=en run --db "$db" --today 2026-12-15 lottery run g1 --seed $seed
is "$status" 1 "the window's last day is still early"
unchanged "and nothing changes then either"

# The codes of a round: one that names no offering, or a cancelled offering, is refused with
# its name and nothing is drawn; a code named twice is drawn once. (The codes are looked up a
# few hundred to a statement; one by one only for the message.)
S offering add g0 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 8
S offering cancel g0
before=$(dump "$db")
LANGUAGE=en S lottery run g1 nosuch g1 --early --seed $seed
is "$status" 1 "a code that names no offering is refused"
has "$err" "no offering with code 'nosuch'" "naming it"
unchanged "and nothing is drawn"
LANGUAGE=en S lottery run g1 g0 --early --seed $seed
is "$status" 1 "a cancelled offering is refused"
has "$err" "offering g0 is cancelled" "naming it"
unchanged "and nothing is drawn either"
db_copy "$db" "$T/twice.db"
LANGUAGE=en run --db "$T/twice.db" --today 2026-12-16 lottery run g1 g1 --seed $seed
is "$status" 0 "a code named twice is drawn"
is "$(sql "$T/twice.db" "SELECT count(*) FROM lottery_round_offerings")" 1 "once"

# The day after the window closes, a draw is not early (on a copy).
db_copy "$db" "$T/after.db"
LANGUAGE=en run --db "$T/after.db" --today 2026-12-16 lottery run g1 --seed $seed
is "$status" 0 "the day after the window closes, no --early is needed"
hasnt "$out" "Drawn early" "and the draw is not early"
is "$(sql "$T/after.db" "SELECT early FROM lottery_rounds")" 0 "nor recorded so"

# With --early: drawn, recorded and shown as early.
LANGUAGE=en S lottery run g1 --seed $seed --early
is "$status" 0 "--early draws before the window closes"
has "$out" "Drawn early" "saying it is early"
is "$(sql "$db" "SELECT early FROM lottery_rounds")" 1 "the round is recorded as early"
is "$(sql "$db" "SELECT capacity || ' ' || apply_from || ' ' || apply_to || ' [' || priority || ']' FROM lottery_round_offerings")" \
	"8 2026-11-01 2026-12-15 []" "with the capacity, window and rule it was drawn for"
is "$(sql "$db" "SELECT s.code || ' ' || rs.seats FROM lottery_round_sessions rs JOIN sessions s ON s.id = rs.session_id")" \
	"g1-1 8" "and its session's seats"
has "$(sql "$db" "SELECT detail FROM audit_log WHERE action = 'draw'")" "early" "the audit log says it too"
LANGUAGE=en S lottery show g1
has "$out" "Drawn early" "lottery show says the draw was early"
LANGUAGE=en S lottery verify g1
is "$status" 0 "an early draw verifies"
S lottery export g1 -o "$T/draw.csv"
is "$(head -1 "$T/draw.csv" | tr -d '\r' | tr , '\n' | grep -n -x -e early -e capacity_now | tr '\n' ' ')" "26:early 27:capacity_now " \
	"the export's columns after the draw's: early and the capacity now"
is "$($PY -c 'import csv, sys; r = next(csv.DictReader(open(sys.argv[1], encoding="utf-8"))); print(r["early"] + "," + r["capacity_now"])' "$T/draw.csv")" \
	"yes,8" "for verifiers to see"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/draw.csv")
ok $? "the Python verifier agrees"
has "$out" "drawn early" "and notes the early draw"
db_copy "$db" "$T/drawn8.db"

# A drawn offering's capacity, window and rule, and its session's seats, do not change.
before=$(dump "$db")
LANGUAGE=en S offering edit g1 --capacity 4
is "$status" 1 "the capacity of a drawn offering is not changed"
has "$err" "Capacity: g1 has been drawn with 8" "naming the field and what the draw was made for"
has "$err" "sumaho offering edit g1 --capacity '4' --redraw" "and how to change it with a new draw"
unchanged "nothing changes"
LANGUAGE=en S offering edit g1 --to 2026-12-20
is "$status" 1 "nor its application window's end"
has "$err" "Applications until: g1 has been drawn with 2026-12-15" "named"
LANGUAGE=en S offering edit g1 --from 2026-10-01
is "$status" 1 "nor its start"
LANGUAGE=en S offering edit g1 --priority first-time
is "$status" 1 "nor its priority rule"
has "$err" "Priority rule: g1 has been drawn with no rule of its own" "named"
LANGUAGE=en S session edit g1-1 --seats 6
is "$status" 1 "nor the seats of its session (winners are seated by session)"
has "$err" "Seats: g1 has been drawn with 8 seats in session g1-1" "named"
LANGUAGE=en S session add g1-2 --offering g1 --date 2027-01-21 --start 10:00 --duration 90 --seats 8
is "$status" 1 "a session is not added to a drawn offering"
S offering add g2 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 8
before=$(dump "$db")
LANGUAGE=en S session edit g1-1 --offering g2
is "$status" 1 "nor moved out of it"
unchanged "and none of these changes anything"
printf 'code,course,venue,apply_from,apply_to,capacity\ng1,intro-android,sekigahara,2026-11-01,2026-12-15,4\n' >"$T/g1.csv"
LANGUAGE=en S import offerings "$T/g1.csv"
is "$status" 1 "an import cannot change it either"
has "$err" "row 2, field 'capacity'" "naming the row and field"
unchanged "and imports nothing"
printf 'code,course,venue,apply_from,apply_to,capacity\ng1,intro-android,sekigahara,2026-11-01,2026-12-15,8\n' >"$T/g1.csv"
S import offerings "$T/g1.csv"
is "$status" 0 "the same values imported again are fine"
S offering edit g1 --capacity 8 --report-group "入門"
is "$status" 0 "so is the capacity it has, and a field the draw does not use"
S session edit g1-1 --date 2027-01-15
is "$status" 0 "and a session's new date"
LANGUAGE=en S lottery verify g1
is "$status" 0 "after which the draw still verifies"

# The rule: the change is made together with a new draw, which supersedes the old one.
before=$(dump "$db")
LANGUAGE=en S offering edit g1 --capacity 4 --redraw
is "$status" 1 "a change with a new draw is still early before the window closes"
has "$err" "--early" "saying so"
unchanged "and changes nothing"
LANGUAGE=en S offering edit g1 --capacity 4 --early
is "$status" 2 "--early alone is a usage error"
LANGUAGE=en S offering edit g2 --capacity 4 --redraw
is "$status" 1 "--redraw on an offering never drawn is refused"
has "$err" "g2 has not been drawn" "saying so"
LANGUAGE=en S offering edit g1 --capacity 4 --redraw --early
is "$status" 0 "offering edit --redraw --early changes the capacity and draws again"
has "$out" "g1 changed and drawn again" "saying so"
is "$(sql "$db" "SELECT capacity FROM offerings WHERE code = 'g1'")" 4 "the capacity is 4"
is "$(sql "$db" "SELECT count(*) || ' ' || count(superseded_at) FROM lottery_rounds")" "2 1" \
	"the earlier draw is kept, superseded"
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'g1' AND a.status = 'won'")" 4 \
	"four winners now"
is "$(sql "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE action IN ('edit', 'redraw') ORDER BY id DESC LIMIT 2) t")" \
	"redraw edit" "the change and the new draw are both in the audit log"
LANGUAGE=en S lottery verify g1
is "$status" 0 "the new draw verifies"
LANGUAGE=en S session edit g1-1 --seats 6 --redraw --early
is "$status" 0 "session edit --redraw changes the seats and draws again"
is "$(sql "$db" "SELECT rs.seats FROM lottery_round_sessions rs JOIN lottery_rounds r ON r.id = rs.round_id AND r.superseded_at IS NULL")" 6 \
	"the new draw records them"

# Tampering with the database directly: the draw was made for 8 seats.
tdb="$T/tampered.db"
db_copy "$T/drawn8.db" "$tdb"
sql "$tdb" "UPDATE offerings SET capacity = 4 WHERE code = 'g1'"
LANGUAGE=en run --db "$tdb" lottery verify g1
is "$status" 1 "a capacity changed behind sumaho's back fails verification"
has "$err" "g1: capacity is 4 now, the draw was made for 8: 8 winners hold 4 seats" "saying what changed"
LANGUAGE=en run --db "$tdb" lottery export g1 -o "$T/tampered.csv"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/tampered.csv")
is "$?" 1 "the Python verifier finds it too"
has "$out" "g1: capacity is 4 now, the draw was made for 8: 8 winners hold 4 seats" "in the same words"
db_copy "$T/drawn8.db" "$tdb"
sql "$tdb" "UPDATE sessions SET seats = 6 WHERE code = 'g1-1'; UPDATE offerings SET apply_to = '2026-12-31', priority = 'first-time' WHERE code = 'g1'"
LANGUAGE=en run --db "$tdb" lottery verify g1
is "$status" 1 "so do changed seats, window and rule"
has "$err" "g1: session g1-1 has 6 seats now, the draw was made for 8" "the seats"
has "$err" "g1: session g1-1: 8 winners hold 6 seats" "the winners in them"
has "$err" "g1: the application window is 2026-11-01 to 2026-12-31 now, the draw was made for 2026-11-01 to 2026-12-15" \
	"the window"
has "$err" "g1: the priority rule is 'first-time' now, the draw was made with ''" "the rule"
db_copy "$T/drawn8.db" "$tdb"
sql "$tdb" "UPDATE applications SET status = 'won', waiting_position = NULL WHERE id = (SELECT min(a.id) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'g1' AND a.status = 'waiting')"
LANGUAGE=en run --db "$tdb" lottery verify g1
is "$status" 1 "a ninth winner for eight seats fails verification"
has "$err" "g1: 9 winners hold 8 seats" "saying so"

# A draw recorded before the window and seats were (schema version 7): checked as before, with a
# note; its capacity is checked all the same.
db_copy "$T/drawn8.db" "$tdb"
sql "$tdb" "UPDATE lottery_round_offerings SET apply_from = NULL, apply_to = NULL, priority = NULL; DELETE FROM lottery_round_sessions; UPDATE sessions SET seats = 6"
LANGUAGE=en run --db "$tdb" lottery verify g1
is "$status" 0 "an older draw verifies as before"
has "$out" "Note: g1 was drawn before sumaho recorded the application window" "with a note of what is not checked"
LANGUAGE=en run --db "$tdb" session edit g1-1 --seats 7
is "$status" 1 "its session's seats are guarded all the same"
sql "$tdb" "UPDATE offerings SET capacity = 4 WHERE code = 'g1'"
LANGUAGE=en run --db "$tdb" lottery verify g1
is "$status" 1 "and its capacity is checked"

done_testing
