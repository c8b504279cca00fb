#!/bin/sh
# After the draw, with the clock the test moves: winners confirm by a deadline, a seat that
# frees is offered to the next on the waiting list (not given), staff record each call, a
# decline or a deadline that passes moves on to the next; nobody is skipped, nobody holds two
# seats, the seats are never exceeded, and the export lets the order be checked from outside.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
PY=/usr/bin/python3
cat >"$T/sumaho.ini" <<'EOF'
[lottery]
confirm_days = 3
offer_hours = 24
EOF
S() { LANGUAGE=en run --db "$db" --config "$T/sumaho.ini" "$@"; }
clock_set "2026-11-24 09:00:00"
"$SUMAHO" --db "$db" init --demo >/dev/null || exit 99
seed=5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed

# One class of 3 seats in one session, eight applicants: 3 win, 5 wait.
printf 'code,course,venue,apply_from,apply_to,capacity\ncd,intro-android,sekigahara,2026-11-01,2026-12-15,3\n' >"$T/off.csv"
printf 'code,offering,date,start,duration,seats\ncd-1,cd,2027-01-14,10:00,90,6\n' >"$T/ses.csv"
S import offerings "$T/off.csv"
S import sessions "$T/ses.csv"
for p in P0201 P0202 P0203 P0204 P0205 P0206 P0207 P0208; do
	S apply cd $p
done
clock_set "2026-12-16 09:00:00"
S lottery run cd --seed $seed
is "$status" 0 "the draw"

# Who is what, by the draw: winners w1..w3, the waiting list q1..q5 in order.
Q() { sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND $1"; }
set -- $(Q "a.status = 'won' ORDER BY p.code")
w1=$1 w2=$2 w3=$3
set -- $(Q "a.status = 'waiting' ORDER BY a.waiting_position")
q1=$1 q2=$2 q3=$3 q4=$4 q5=$5
check "three winners and five waiting" test -n "$w3" -a -n "$q5"
state() { sql "$db" "SELECT a.status || coalesce(' ' || (SELECT state FROM lottery_offers f WHERE f.application_id = a.id ORDER BY f.id DESC LIMIT 1), '') FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND p.code = '$1' AND a.status <> 'duplicate'"; }
# Winners and open offers together never hold more than the 3 seats.
held() { sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND (a.status = 'won' OR a.id IN (SELECT application_id FROM lottery_offers WHERE state = 'open'))"; }

S lottery calls cd
is "$status" 0 "lottery calls"
has "$out" "Winners confirm by 2026-12-19." "says the day to confirm by: the draw's day + [lottery] confirm_days"
has "$out" "held for 24 hours" "and how long an offer is held ([lottery] offer_hours)"
printf '[lottery]\nconfirm_days = 60\n' >"$T/long.ini"
LANGUAGE=en run --db "$db" --config "$T/long.ini" lottery calls cd
has "$out" "Winners confirm by 2027-01-13." \
	"but never after the day before the first session (2027-01-14), however long confirm_days is"
is "$(printf '%s\n' "$out" | grep -o 'P0[0-9]*' | tr '\n' ' ')" "$q1 $q2 $q3 $q4 $q5 " \
	"the call list is the waiting list in order"
has "$out" "$(sql "$db" "SELECT phone FROM people WHERE code = '$q1'")" "with phone numbers"

# Confirmation.
S lottery confirm cd "$w1"
is "$status" 0 "a winner confirms"
check "recorded with when" test -n "$(sql "$db" "SELECT confirmed_at FROM applications a JOIN people p ON p.id = a.person_id WHERE p.code = '$w1' AND a.status = 'won'")"
S lottery confirm cd "$w1"
has "$out" "already" "confirming twice changes nothing"
S lottery confirm cd "$q1"
is "$status" 1 "someone waiting cannot confirm"
has "$err" "only a winner confirms" "saying why"

# A winner cancels: the seat is offered to the first waiting, not given.
S lottery cancel cd "$w2"
has "$out" "the seat is offered to $q1" "a cancelled seat is offered to the first waiting"
is "$(state "$q1")" "waiting open" "who does not win it yet"
is "$(sql "$db" "SELECT deadline FROM lottery_offers")" "2026-12-17T09:00:00Z" \
	"the offer's deadline is now + offer_hours (the test's clock, in UTC)"
is "$(held)" 3 "the seat is held for them: winners and offers fill the 3 seats"

# Calls that reach nobody are kept, with time and staff; the offer stays open.
clock_set "2026-12-16 10:15:00"
S lottery call cd "$q1" --result no-answer
is "$status" 0 "a call with no answer is recorded"
clock_set "2026-12-16 16:40:00"
S lottery call cd "$q1" --result message
is "$(sql "$db" "SELECT group_concat(called_at || ' ' || called_by || ' ' || result, '; ') FROM lottery_calls")" \
	"2026-12-16T10:15:00Z $(id -un) no-answer; 2026-12-16T16:40:00Z $(id -un) message" \
	"each attempt with its time, who called and the result"
is "$(state "$q1")" "waiting open" "the offer stays open"
S lottery call cd "$q2" --result accepted
is "$status" 1 "someone not offered a seat cannot accept one"
has "$err" "no open offer" "saying why"
S lottery call cd "$q1" --result maybe
is "$status" 2 "a result that is not one of the four is refused"
is "$(sql "$db" "SELECT count(*) FROM lottery_calls")" 2 "and nothing is recorded"
S lottery calls cd
has "$out" "message left" "lottery calls prints the calls made"

# The deadline passes: an accept is too late; lottery expire moves on to the next.
clock_set "2026-12-17 09:00:01"
S lottery call cd "$q1" --result accepted
is "$status" 1 "after the deadline the offer cannot be accepted"
has "$err" "ran out at 2026-12-17 09:00" "saying when it ran out"
S lottery expire cd
is "$status" 0 "lottery expire"
has "$out" "$q1 leaves the waiting list" "the one who did not answer leaves the list"
has "$out" "the seat is offered to $q2 (waiting 1)" "and the seat goes to the next, now first"
is "$(state "$q1")" "cancelled expired" "their offer expired"
is "$(held)" 3 "still 3 seats held"

# A decline moves on to the next.
S lottery call cd "$q2" --result declined
is "$status" 0 "a decline is recorded"
has "$out" "offered to $q3" "and the seat goes to the next"
is "$(state "$q2")" "cancelled declined" "the one who declined leaves the list"
# Accepted makes them a winner, in the seat's session, confirmed.
S lottery call cd "$q3" --result accepted
is "$status" 0 "an acceptance"
is "$(sql "$db" "SELECT a.status || ' ' || s.code || ' ' || CASE WHEN a.confirmed_at IS NOT NULL THEN 1 ELSE 0 END FROM applications a JOIN people p ON p.id = a.person_id JOIN sessions s ON s.id = a.session_id WHERE p.code = '$q3' AND a.status = 'won'")" \
	"won cd-1 1" "wins the seat, in its session, confirmed"
is "$(sql "$db" "SELECT group_concat(p.code || '=' || a.waiting_position, ' ') FROM (SELECT * FROM applications ORDER BY waiting_position) a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND a.status = 'waiting'")" \
	"$q4=1 $q5=2" "the waiting list closes up"
is "$(held)" 3 "3 seats, 3 winners"

# The day to confirm passes: the winner who did not confirm loses the seat to the next.
clock_set "2026-12-19 20:00:00"
S lottery expire cd
has "$out" "cd: no deadline has passed; no seat released" "on the last day to confirm nothing is released"
clock_set "2026-12-20 08:00:00"
S lottery confirm cd "$w3"
is "$status" 1 "a confirmation after the day is refused"
has "$err" "2026-12-19" "naming the day"
S lottery expire cd
has "$out" "$w3 loses the seat: did not confirm by 2026-12-19" "the next day the unconfirmed seat is released"
has "$out" "offered to $q4" "to the next waiting"
is "$(state "$w1")" "won" "a confirmed winner keeps the seat"
is "$(held)" 3 "the seats are still not exceeded"
S lottery call cd "$q4" --result accepted
is "$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND a.status = 'won'")" 3 \
	"3 winners in 3 seats"
is "$(sql "$db" "SELECT count(DISTINCT person_id) FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cd' AND a.status = 'won'")" 3 \
	"nobody holds two seats"
is "$(sql "$db" "SELECT group_concat(action, ' ') FROM audit_log WHERE entity = 'application' AND action IN ('confirm', 'offer', 'call', 'expire', 'decline', 'accept')")" \
	"confirm offer call call expire offer call decline offer call accept expire offer call accept" \
	"every step is in the audit log"

# The draw itself is unchanged, and the export says who was offered what and when.
S lottery verify cd
is "$status" 0 "lottery verify: the draw still verifies"
S lottery export cd -o "$T/draw.csv"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/draw.csv")
ok $? "the Python verifier recomputes the draw and checks the offers were made in order"
has "$out" "0 differences" "with no difference"
is "$($PY - "$T/draw.csv" <<'EOF'
import csv, sys
rows = sorted((r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["offer"]), key=lambda r: int(r["offer"]))
print(" ".join("%s:%s:%s:%s" % (r["position"], r["offer_state"], r["offer_freed_by"], r["calls"]) for r in rows))
EOF
)" "1:expired:$w2:2 2:declined:$q1:1 3:accepted:$q2:1 4:accepted:$w3:1" \
	"the export: each offer in order, by drawn place, how it ended, whose seat and the calls"
# Tampering shows: an offer to the fifth while the fourth still waited is found.
$PY - "$T/draw.csv" "$T/skip.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""), fieldnames=rows[0].keys())
w.writeheader()
for r in rows:
    if r["offer"] and r["position"] == "3":
        r["position"], r["waiting"], r["status"] = "5", "", "won"
    elif r["position"] == "5":
        r["position"], r["waiting"], r["status"] = "3", "2", "waiting"
    w.writerow(r)
EOF
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/skip.csv")
is "$?" 1 "an offer made past someone still waiting fails the Python check"
has "$out" "passed over" "naming who was passed over"

# Staff accounts: a reception clerk records calls under their own name; expiry is a
# coordinator's (a scheduled job signs in as one).
clock_set "2026-12-20 09:00:00"
add_staff "$db" kanri admin "管理 花子" 2580
add_staff "$db" uketsuke reception "受付 一郎" 3691
S $(sign_in_args uketsuke 3691) lottery cancel cd "$w1"
has "$out" "offered to $q5" "a clerk cancels; the seat is offered to the last waiting"
S $(sign_in_args uketsuke 3691) lottery call cd "$q5" --result no-answer
is "$(sql "$db" "SELECT called_by FROM lottery_calls ORDER BY id DESC LIMIT 1")" uketsuke "the call names the clerk"
S $(sign_in_args uketsuke 3691) lottery expire cd
is "$status" 1 "a clerk cannot run the expiry"
S $(sign_in_args kanri 2580) lottery expire cd
is "$status" 0 "an admin (or coordinator) can"
S lottery calls cd
is "$status" 2 "without signing in, nobody sees the call list once accounts exist"

# A seat held twice shows: a winner added behind the draw's back while a seat is offered.
db_copy "$db" "$T/tampered.db"
sql "$T/tampered.db" "UPDATE applications SET status = 'won' WHERE id = (SELECT a.id FROM applications a JOIN people p ON p.id = a.person_id WHERE p.code = '$w1' AND a.status = 'cancelled')"
LANGUAGE=en run --db "$T/tampered.db" lottery verify cd
is "$status" 1 "lottery verify counts the seats offered with the winners"
has "$err" "3 winners and 1 seats offered from the waiting list hold 3 seats" "and says so"

# Passing the deadlines says what it did: how many seats were released, how many of them went
# to the waiting list and how many stay empty; and no seat is offered once its class has
# begun, nor held past its start. The demo's one-point class (10 seats, 14 applicants, one
# session on 2026-12-01 14:00), drawn early on 11-25; nobody confirms.
op="$T/onepoint.db"
clock_set "2026-11-25 09:00:00"
"$SUMAHO" --db "$op" init --demo >/dev/null || exit 99
LANGUAGE=en run --db "$op" --config "$T/sumaho.ini" lottery run onepoint-iphone-202611 --early --seed $seed
is "$status" 0 "the one-point class is drawn early"
clock_set "2026-12-01 09:00:00"
db_copy "$op" "$T/onepoint-ja.db"
LANGUAGE=en run --db "$op" --config "$T/sumaho.ini" lottery expire onepoint-iphone-202611
is "$(printf '%s\n' "$out" | tail -n 1)" \
	"onepoint-iphone-202611: 10 seats released: 4 offered to the waiting list, 6 left empty" \
	"the summary says how many seats were released, offered on and left empty"
has "$out" "(waiting 1) until 2026-12-01 14:00" \
	"an offer on the class's day is held until the class begins, not for 24 hours"
is "$(sql "$op" "SELECT group_concat(DISTINCT deadline) FROM lottery_offers")" "2026-12-01T14:00:00Z" \
	"every offer's deadline is the session's start"
LANGUAGE=ja run --db "$T/onepoint-ja.db" --config "$T/sumaho.ini" lottery expire onepoint-iphone-202611
is "$(printf '%s\n' "$out" | tail -n 1)" \
	"onepoint-iphone-202611: 10 席が空きました (うち補欠の方に案内 4 席、空席のまま 6 席)" \
	"in Japanese too: not every seat released was handed on"
hasnt "$out" "席を次の方に回しました" "the Japanese no longer says all were handed on"
first=$(sql "$op" "SELECT p.code FROM lottery_offers f JOIN applications a ON a.id = f.application_id JOIN people p ON p.id = a.person_id ORDER BY f.id LIMIT 1")
clock_set "2026-12-01 14:05:00"
LANGUAGE=en run --db "$op" --config "$T/sumaho.ini" lottery call onepoint-iphone-202611 "$first" --result accepted
is "$status" 1 "once the class has begun, an offer cannot be accepted"
LANGUAGE=en run --db "$op" --config "$T/sumaho.ini" lottery expire onepoint-iphone-202611
has "$out" "the class began at 2026-12-01 14:00; the seat stays empty" \
	"the offers lapse, and their seats are offered to nobody once the class has begun"
is "$(printf '%s\n' "$out" | tail -n 1)" \
	"onepoint-iphone-202611: 4 seats released: 0 offered to the waiting list, 4 left empty" \
	"and the summary says so"
is "$(sql "$op" "SELECT count(*) FROM lottery_offers WHERE state = 'open'")" 0 "no offer is open"
LANGUAGE=en run --db "$op" --config "$T/sumaho.ini" lottery expire onepoint-iphone-202611
has "$out" "no deadline has passed; no seat released" "run again, it says nothing was due"

# The call list: an offer withdrawn because the seat went back (the cancelled winner
# reinstated) leaves the person waiting, and the list says so with their place; the calls made
# about that offer are not counted for the next offer made to them in the same row; and the
# last call's result is in words, in the list's language.
cw="$T/withdrawn.db"
C() { LANGUAGE=en run --db "$cw" --config "$T/sumaho.ini" "$@"; }
clock_set "2026-11-24 09:00:00"
"$SUMAHO" --db "$cw" init --demo >/dev/null || exit 99
printf 'code,course,venue,apply_from,apply_to,capacity\ncw,intro-android,sekigahara,2026-11-01,2026-12-15,2\n' >"$T/cw.csv"
printf 'code,offering,date,start,duration,seats\ncw-1,cw,2027-01-14,10:00,90,6\n' >"$T/cws.csv"
C import offerings "$T/cw.csv"
C import sessions "$T/cws.csv"
for p in P0201 P0202 P0203 P0204; do
	C apply cw $p
done
clock_set "2026-12-16 09:00:00"
C lottery run cw --seed $seed
CQ() { sql "$cw" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'cw' AND $1"; }
set -- $(CQ "a.status = 'won' ORDER BY p.code")
cw1=$1 cw2=$2
set -- $(CQ "a.status = 'waiting' ORDER BY a.waiting_position")
cq1=$1
C lottery cancel cw "$cw1"
has "$out" "offered to $cq1" "a seat of cw is offered to the first waiting"
clock_set "2026-12-16 10:00:00"
C lottery call cw "$cq1" --result no-answer
clock_set "2026-12-16 11:00:00"
C lottery reinstate cw "$cw1" --revert
is "$status" 0 "the cancellation is put right: the seat goes back, the offer is withdrawn"
LANGUAGE=en run --db "$cw" --config "$T/sumaho.ini" lottery calls cw
row=$(printf '%s\n' "$out" | grep -m1 "$cq1")
has "$row" "offer withdrawn, waiting 1" "the call list shows them waiting, first, the offer withdrawn"
hasnt "$row" "a seat elsewhere" "not as if they had taken a seat elsewhere"
clock_set "2026-12-16 12:00:00"
C lottery cancel cw "$cw2"
has "$out" "offered to $cq1" "another seat frees: offered to them again"
LANGUAGE=en run --db "$cw" --config "$T/sumaho.ini" lottery calls cw
row=$(printf '%s\n' "$out" | grep -m1 "$cq1")
check "the new offer has had no call yet (calls 0, no last call)" \
	sh -c 'printf "%s\n" "$1" | grep -Eq "offered +12-17 12:00 +0 +cw-1$"' - "$row"
hasnt "$row" "12-16 10:00" "the call about the withdrawn offer is not its last call"
clock_set "2026-12-16 13:00:00"
C lottery call cw "$cq1" --result message
LANGUAGE=ja run --db "$cw" --config "$T/sumaho.ini" lottery calls cw
row=$(printf '%s\n' "$out" | grep -m1 "$cq1")
has "$row" "12-16 13:00 伝言を残した ($(id -un))" "the last call's result in Japanese words"
has "$row" " 1  " "one call about this offer"
hasnt "$row" "message" "not the stored code"
LANGUAGE=en run --db "$cw" --config "$T/sumaho.ini" lottery calls cw
has "$(printf '%s\n' "$out" | grep -m1 "$cq1")" "12-16 13:00 message left (" "and in English words"
# The export counts the calls of the offer made now too, as the call list does (one: the call
# about the withdrawn offer belongs to that offer).
C lottery export cw -o "$T/cw-export.csv"
is "$($PY - "$T/cw-export.csv" "$cq1" <<'EOF'
import csv, sys
print([r["calls"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["person"] == sys.argv[2]])
EOF
)" "['1']" "lottery export counts the calls about the offer made now"

done_testing
