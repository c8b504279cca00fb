#!/bin/sh
# Lotteries from the command line: applications from the online service (CP932, duplicates,
# bad rows), at the counter, a round over two classes with first and second choices, the
# draw recomputed by an independent Python script, re-draws, cancellations and promotions.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
today=2026-11-24
S() { run --db "$db" --today $today "$@"; }
# Draws are made the day after the application windows close (2026-12-15); an early draw is
# tests/cli/draw_guard.sh's.
D() { run --db "$db" --today 2026-12-16 "$@"; }
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
PY=/usr/bin/python3
seed=5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed

# Two classes of the same course, 3 and 2 seats, one session each.
cat >"$T/off.csv" <<'EOF'
code,course,venue,apply_from,apply_to,capacity
android-seki-2027,intro-android,sekigahara,2026-11-01,2026-12-15,3
android-hira-2027,intro-android,hiratsukabashi,2026-11-01,2026-12-15,2
EOF
cat >"$T/ses.csv" <<'EOF'
code,offering,date,start,duration,seats
android-seki-2027-1,android-seki-2027,2027-01-14,10:00,90,6
android-hira-2027-1,android-hira-2027,2027-01-15,10:00,90,6
EOF
S import offerings "$T/off.csv"
S import sessions "$T/ses.csv"

# The online service's file, as a Japanese spreadsheet saves it: CP932, CRLF, quoted fields.
# P0004..: demo people (by name and phone); 新井 applies twice to the same class; 若井 is too
# young; 区外 is not a resident; row 13 has no name and row 14 a date that does not exist.
cat >"$T/online.txt" <<'EOF'
ref,offering,name,kana,phone,birth_year,resident,choice,applied_at
W01,android-seki-2027,新井　一郎,アライ　イチロウ,090-0000-0001,1950,yes,1,2026-11-02
W02,android-hira-2027,新井　一郎,アライ　イチロウ,090-0000-0001,1950,yes,2,2026-11-02
W03,android-seki-2027,"新井 一郎",ｱﾗｲ ｲﾁﾛｳ,09000000001,1950,yes,1,2026-11-03
W04,android-seki-2027,上田　二郎,ウエダ　ジロウ,090-0000-0002,1948,yes,1,2026-11-02
W05,android-hira-2027,上田　二郎,ウエダ　ジロウ,090-0000-0002,1948,yes,2,2026-11-02
W06,android-seki-2027,遠藤　三郎,エンドウ　サブロウ,090-0000-0003,1947,yes,1,2026-11-04
W07,android-seki-2027,大野　四郎,オオノ　シロウ,090-0000-0004,1946,yes,1,2026-11-04
W08,android-hira-2027,大野　四郎,オオノ　シロウ,090-0000-0004,1946,yes,2,2026-11-04
W09,android-hira-2027,加納　五郎,カノウ　ゴロウ,090-0000-0005,1945,yes,1,2026-11-05
W10,android-seki-2027,菊池　六郎,キクチ　ロクロウ,090-0000-0006,1944,yes,1,2026-11-05
W11,android-hira-2027,工藤　七子,クドウ　ナナコ,090-0000-0007,1943,yes,1,2026-11-06
W12,android-seki-2027,若井　若子,ワカイ　ワカコ,090-0000-0008,1990,yes,1,2026-11-06
W13,android-seki-2027,,,090-0000-0009,1940,yes,1,2026-11-06
W14,android-hira-2027,誤日　付子,ゴビ,090-0000-0010,1940,yes,1,2023-02-29
W15,android-hira-2027,区外　住子,クガイ　スミコ,090-0000-0011,1942,no,1,2026-11-07
W16,android-seki-2027,小林　博,コバヤシ　ヒロシ,03-5497-0775,1943,yes,1,2026-11-07
W17,android-hira-2027,渡辺　勇,ワタナベ　イサム,03-5404-1490,1934,yes,1,2026-11-08
EOF
sed 's/$/\r/' "$T/online.txt" | iconv -f UTF-8 -t CP932 >"$T/online.csv"
LANGUAGE=en S import online "$T/online.csv"
is "$status" 1 "a file with bad rows is refused as a whole"
has "$err" "row 14, field 'name': must not be empty" "naming the row (as a spreadsheet numbers it) and field"
has "$err" "row 15, field 'applied_at': '2023-02-29' is not a date" "the impossible date too"
is "$(sql "$db" "SELECT count(*) FROM applications WHERE glob('W[0-9][0-9]', ref)")" 0 "and nothing is imported"
LANGUAGE=en S import online "$T/online.csv" --good-rows "$T/rejects.csv"
is "$status" 0 "--good-rows imports the good rows"
has "$out" "17 rows read, 15 new records" "fifteen of them"
has "$out" "2 applications recorded as ineligible, with the reason (not drawn)" \
	"saying how many came in ineligible (W12, W15)"
has "$out" "1 application recorded as a duplicate of the person's earlier one (counted once)" \
	"and how many as duplicates (W03)"
has "$err" "2 bad rows left out and written to $T/rejects.csv" "and says where the bad ones went"
is "$(tail -n +2 "$T/rejects.csv" | cut -d, -f1 | tr '\n' ' ')" "W13 W14 " "the rejects file has the bad rows"
has "$(cat "$T/rejects.csv")" "must not be empty" "with why"
is "$(sql "$db" "SELECT status || ' ' || reason FROM applications WHERE ref = 'W03'")" \
	"duplicate the same person as application W01" "a second application of the same person (half-width kana, other spacing) is a duplicate"
is "$(sql "$db" "SELECT status || ' ' || reason FROM applications WHERE ref = 'W12'")" \
	"ineligible under 65 in 2026 (born 1990)" "too young: kept, marked ineligible with the reason"
is "$(sql "$db" "SELECT status || ' ' || reason FROM applications WHERE ref = 'W15'")" \
	"ineligible not a resident of the city" "not a resident: the same"
is "$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id WHERE ref = 'W16'")" \
	"P0001" "a person already registered is found by name and phone"
LANGUAGE=en S import online "$T/online.csv" --good-rows "$T/rejects2.csv"
has "$out" "0 new records" "importing the same file again adds nothing"
hasnt "$out" "ineligible" "and counts nothing as ineligible again"

# At the counter.
LANGUAGE=en S apply android-hira-2027 P0003
is "$status" 0 "an application at the counter"
has "$out" "Application recorded: android-hira-2027," "the clerk is told it is recorded"
hasnt "$out" "ineligible" "and not that it is ineligible"
LANGUAGE=en S people add "Young Yuki" --kana "ワカ　ユキ" --phone 03-5555-0190 --birth-year 1990
young=$(sql "$db" "SELECT code FROM people WHERE name = 'Young Yuki'")
LANGUAGE=en S apply android-hira-2027 "$young"
is "$status" 0 "an application of someone too young is taken"
has "$out" "Recorded as ineligible: android-hira-2027, Young Yuki (under 65 in 2026 (born 1990))" \
	"and the clerk is told why it is ineligible"
LANGUAGE=en S lottery cancel android-hira-2027 "$young"
is "$status" 0 "and it can be cancelled"
LANGUAGE=en S lottery reinstate android-hira-2027 "$young"
is "$status" 0 "and reinstated"
is "$out" "android-hira-2027: the application of $young is reinstated: ineligible" \
	"saying what it is again, without an empty reason"
LANGUAGE=en S lottery reinstate android-hira-2027 "$young"
has "$err" "already has an application to android-hira-2027 (ineligible: under 65 in 2026 (born 1990))" \
	"reinstated twice: refused, with the reason it has"
LANGUAGE=en S lottery cancel android-hira-2027 "$young"
is "$status" 0 "cancelled again (it takes no part in the draw below)"
LANGUAGE=en S apply android-hira-2027 P0003
is "$status" 1 "the same person again is refused"
has "$err" "applied to android-hira-2027 already, on 2026-11-24" "saying when"
LANGUAGE=en run --db "$db" --today 2026-12-20 apply android-hira-2027 P0002
is "$status" 1 "after the application window, refused"

# The draw: both classes in one round.
LANGUAGE=en D lottery run android-seki-2027 android-hira-2027 --seed $seed
is "$status" 0 "lottery run over two classes"
drawn=$out
LANGUAGE=en S lottery show android-hira-2027
is "$out" "$drawn" "the summary lottery run prints is the one lottery show reads after it"
has "$out" "Seed: $seed" "prints the seed"
has "$out" "Priority: lost-before,first-time" "and the priority rules"
is "$(sql "$db" "SELECT count(*) FROM lottery_rounds")" 1 "one round recorded"
is "$(sql "$db" "SELECT max(n) FROM (SELECT count(*) n FROM applications WHERE status = 'won' AND offering_id IN (SELECT id FROM offerings WHERE code LIKE 'android-%-2027') GROUP BY person_id) t")" 1 \
	"nobody wins two seats"
is "$(sql "$db" "SELECT group_concat(x, ' ') FROM (SELECT o.code || '=' || (SELECT count(*) FROM applications a WHERE a.offering_id = o.id AND a.status = 'won') AS x FROM offerings o WHERE o.code LIKE 'android-%-2027' ORDER BY o.code) t")" \
	"android-hira-2027=2 android-seki-2027=3" "every seat is filled"
is "$(sql "$db" "SELECT count(*) FROM applications WHERE status IN ('applied') AND offering_id IN (SELECT id FROM offerings WHERE code LIKE 'android-%-2027')")" 0 \
	"every applicant has a result"
is "$(sql "$db" "SELECT count(*) FROM applications WHERE status = 'won' AND session_id IS NULL AND offering_id IN (SELECT id FROM offerings WHERE code LIKE 'android-%-2027')")" 0 \
	"every winner has a session"
LANGUAGE=en S lottery verify android-hira-2027
is "$status" 0 "lottery verify recomputes the round"
has "$out" "Verified" "and says so"
LANGUAGE=en S lottery export android-seki-2027 -o "$T/draw.csv"
is "$status" 0 "lottery export"
if ! on_sqlite; then
	PGOPTIONS="-c bytea_output=escape" LANGUAGE=en S lottery export android-seki-2027 -o "$T/escape.csv"
	check "on PostgreSQL, whatever the server's bytea_output, the ranks are the same" cmp -s "$T/draw.csv" "$T/escape.csv"
fi
check "the export is the owner's only (0600)" test "$(stat -c %a "$T/draw.csv")" = 600
is "$(head -1 "$T/draw.csv" | cut -d, -f1-8)" "round,seed,algorithm,priority,waiting_max,offering,capacity,application" \
	"with the documented columns"
is "$(grep -c 'android-' "$T/draw.csv")" 16 "and every application of the round, both classes"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/draw.csv")
ok $? "an independent Python script (hashlib only) recomputes the same winners and waiting lists"
has "$out" "0 differences" "with no difference"
LANGUAGE=en D lottery run android-seki-2027
is "$status" 1 "a second draw is refused"
has "$err" "--redraw" "pointing to --redraw"

# Tampering shows.
db_copy "$db" "$T/tampered.db"
sql "$T/tampered.db" "UPDATE lottery_entries SET result = 'won' WHERE rowid IN (SELECT rowid FROM lottery_entries WHERE result = 'lost' LIMIT 1)" 2>/dev/null ||
	sql "$T/tampered.db" "UPDATE lottery_entries SET result = 'won' WHERE application_id = (SELECT application_id FROM lottery_entries WHERE result = 'lost' LIMIT 1)"
LANGUAGE=en run --db "$T/tampered.db" lottery verify android-seki-2027
is "$status" 1 "a changed result fails verification"
has "$err" "recomputed lost" "naming the application"
LANGUAGE=en run --db "$T/tampered.db" lottery export android-seki-2027 -o "$T/tampered.csv"
$PY "$top_srcdir/tests/lottery_verify.py" "$T/tampered.csv" >/dev/null
is "$?" 1 "and the Python script finds it too"
# The ranks are not stored but computed where they are shown: the export's are SHA-256 of
# SEED ":" PERSON as sumaho(1) documents, in the engine's own SQL (sumaho_rank), for every row.
is "$($PY - "$T/draw.csv" <<'EOF'
import csv, hashlib, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
bad = [r["application"] for r in rows if r["rank"] != hashlib.sha256((r["seed"] + ":" + r["person"]).encode()).hexdigest()]
print(len(rows), "rows,", len(bad), "ranks differ")
EOF
)" "16 rows, 0 ranks differ" "the export's ranks are those documented"

# The priority tiers: people who lost the course's previous draw first. Everyone's tier and
# rank are in the export; no one of a later tier wins while one of an earlier tier waits.
is "$($PY - "$T/draw.csv" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["drawn"] in ("won", "waiting", "lost")]
for o in set(r["offering"] for r in rows):
    won = [int(r["tier"]) for r in rows if r["offering"] == o and r["drawn"] == "won"]
    wait = [int(r["tier"]) for r in rows if r["offering"] == o and r["drawn"] == "waiting"]
    if won and wait and max(won) > min(wait) and len(won) == int(next(r["capacity"] for r in rows if r["offering"] == o)):
        print("tier order broken in", o)
print("ok")
EOF
)" "ok" "no later tier wins while an earlier tier waits"

# Cancellation of a winner: the seat is offered to the first on the waiting list, who wins it
# when they accept (tests/cli/calldown.sh has the rest of the call-down).
winner=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND a.status = 'won' LIMIT 1")
first=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND a.status = 'waiting' ORDER BY a.waiting_position LIMIT 1")
second=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND a.status = 'waiting' AND a.waiting_position = 2")
LANGUAGE=en S lottery cancel android-seki-2027 "$winner"
is "$status" 0 "a winner's application is cancelled"
has "$out" "the seat is offered to $first" "and the seat is offered to the first waiting"
is "$(sql "$db" "SELECT a.status || ' ' || f.state FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id JOIN lottery_offers f ON f.application_id = a.id WHERE o.code = 'android-seki-2027' AND p.code = '$first'")" "waiting open" \
	"who keeps their place until they accept"
LANGUAGE=en S lottery call android-seki-2027 "$first" --result accepted
is "$status" 0 "a call recorded as accepted"
is "$(sql "$db" "SELECT a.status FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND p.code = '$first'")" won \
	"makes them a winner"
if [ -n "$second" ]; then
	is "$(sql "$db" "SELECT a.waiting_position FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND p.code = '$second'")" 1 \
		"the waiting list closes up"
fi
is "$(sql "$db" "SELECT group_concat(action || ':' || actor, ' ') FROM (SELECT action, actor FROM audit_log WHERE entity = 'application' AND action IN ('cancel', 'offer', 'call', 'accept') AND entity_id NOT IN (SELECT a.id FROM applications a JOIN people p ON p.id = a.person_id WHERE p.name = 'Young Yuki') ORDER BY id) t")" \
	"cancel:$(id -un) offer:$(id -un) call:$(id -un) accept:$(id -un)" "all in the audit log, with who did it"
LANGUAGE=en S lottery export android-seki-2027 --format list
has "$out" "android-seki-2027-1" "the printable list per session"
has "$out" "Waiting list" "with the waiting list"
LANGUAGE=en S lottery export android-seki-2027 --encoding cp932 -o "$T/cp932.csv"
check "the export in CP932 for Japanese spreadsheets" iconv -f CP932 -t UTF-8 "$T/cp932.csv" -o /dev/null

# A re-draw: allowed only when asked, and the earlier round stays in the history.
LANGUAGE=en D lottery run android-seki-2027 --redraw --seed $(printf 'ab%.0s' $(seq 32))
is "$status" 0 "--redraw draws again"
drawn=$out
LANGUAGE=en S lottery show android-seki-2027
is "$out" "$drawn" "and a redraw's too (a winner cancelled before it)"
is "$(sql "$db" "SELECT count(*) || ' ' || count(superseded_at) FROM lottery_rounds")" "2 1" \
	"the earlier round is kept, marked superseded"
is "$(sql "$db" "SELECT count(*) FROM lottery_round_offerings WHERE round_id = 2")" 2 \
	"and both classes of that round are drawn again together"
is "$(sql "$db" "SELECT a.status FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND p.code = '$winner' AND a.status <> 'duplicate'")" cancelled \
	"a cancelled application stays cancelled"
LANGUAGE=en S lottery verify android-seki-2027
is "$status" 0 "the new round verifies"
LANGUAGE=en D lottery run android-seki-2027 --seed 1234
is "$status" 1 "a seed that is not 64 hex digits is refused"
LANGUAGE=en S apply android-seki-2027 P0005
is "$status" 1 "no application after the draw"
has "$err" "drawn already" "saying so"

# The city's past classes were imported with their results (the demo's 2022): those results are
# the record, and no draw replaces them, not even on purpose with --redraw.
before=$(db_dump "$db")
LANGUAGE=en D lottery run intro-android-seki-2022 --seed $seed
is "$status" 1 "an offering whose results were imported is not drawn"
has "$err" "intro-android-seki-2022 holds results recorded without a draw" "saying why"
LANGUAGE=en D lottery run android-seki-2027 intro-android-seki-2022 --redraw --seed $seed
is "$status" 1 "nor drawn again together with a drawn one (--redraw)"
has "$err" "intro-android-seki-2022 holds results recorded without a draw" "saying why again"
is "$(db_dump "$db")" "$before" "and nothing changes: the past winners stay winners"
LANGUAGE=en S lottery show intro-android-seki-2022
is "$status" 1 "lottery show has no draw of it to show"
has "$err" "intro-android-seki-2022 has not been drawn: its results were recorded without a draw" \
	"and says why"

# From an independent review: a person on two waiting lists who moves up in one leaves the
# other list, so that a second cancellation cannot give them a second seat.
printf 'code,course,venue,apply_from,apply_to,capacity\nrA,intro-android,sekigahara,2026-11-01,2026-12-15,1\nrB,intro-iphone,sekigahara,2026-11-01,2026-12-15,1\n' >"$T/two.csv"
S import offerings "$T/two.csv"
for p in P0201 P0202 P0203; do
	S apply rA $p
	S apply rB $p --choice 2
done
D lottery run rA rB --seed $seed
both=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code IN ('rA', 'rB') AND a.status = 'waiting' GROUP BY p.code HAVING count(*) = 2 LIMIT 1")
wa=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'rA' AND a.status = 'won'")
wb=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'rB' AND a.status = 'won'")
check "someone waits for both classes" test -n "$both"
S lottery cancel rA "$wa"
S lottery cancel rB "$wb"
is "$(sql "$db" "SELECT count(*) FROM lottery_offers f JOIN applications a ON a.id = f.application_id JOIN people p ON p.id = a.person_id WHERE p.code = '$both' AND f.state = 'open'")" 2 \
	"both seats are offered to the one who waits first for both"
S lottery call rA "$both" --result accepted
S lottery call rB "$both" --result accepted
is "$status" 1 "accepting the second is refused"
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code IN ('rA', 'rB') AND a.status = 'won' AND p.code = '$both'")" 1 \
	"taking a seat in one class takes them off the other waiting list"
is "$(sql "$db" "SELECT f.state FROM lottery_offers f JOIN applications a ON a.id = f.application_id JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE p.code = '$both' AND o.code = 'rB'")" withdrawn \
	"and the seat offered there is given up"
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'rB' AND (a.status = 'won' OR a.id IN (SELECT application_id FROM lottery_offers WHERE state = 'open'))")" 0 \
	"and, with nobody else waiting there, the seat stays free"

# Eligibility is the person's record's, not what the online form says.
"$SUMAHO" --db "$db" people add "若井 太郎" --phone 03-1111-1111 --birth-year 1990 >/dev/null
printf 'code,course,venue,apply_from,apply_to,capacity\nrC,intro-android,sekigahara,2026-11-01,2026-12-15,5\n' >"$T/c.csv"
S import offerings "$T/c.csv"
printf 'ref,offering,name,phone,resident,applied_at\nE1,rC,若井　太郎,0311111111,,2026-11-10\nE2,rC,小林　博,03-5497-0775,no,2026-11-10\nE3,rC,渡辺　勇,03-5404-1490,yes,2025-01-01\n' >"$T/elig.csv"
LANGUAGE=en S import online "$T/elig.csv"
is "$(sql "$db" "SELECT status || ' ' || reason FROM applications WHERE ref = 'E1'")" "ineligible under 65 in 2026 (born 1990)" \
	"a registered person's birth year counts when the row leaves it blank"
is "$(sql "$db" "SELECT status FROM applications WHERE ref = 'E2'")" "applied" \
	"a registered resident stays eligible whatever the form says"
is "$(sql "$db" "SELECT status || ' ' || reason FROM applications WHERE ref = 'E3'")" \
	"ineligible applied on 2025-01-01, outside the application window" "an application outside the window is kept, marked"

# The verifier on a round with no applications.
S offering add empty-2027 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 3
D lottery run empty-2027
S lottery export empty-2027 -o "$T/empty.csv"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/empty.csv")
ok $? "the Python script reads the export of a round without applications"

done_testing
