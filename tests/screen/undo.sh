#!/bin/sh
# Undo right after a mistake, at 80x24: a cancelled booking on Consultations, a cancelled winner
# on Lotteries (whose seat went to the waiting list: the coordinator chooses) and a cancelled
# session on Classes; z, offered on the message line with what it will do, until the next key.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24
db="$T/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT id FROM consultation_slots WHERE date >= '$today');
  DELETE FROM applications WHERE offering_id IN (SELECT id FROM offerings WHERE code LIKE '%-202611');
  DELETE FROM sessions WHERE offering_id IN (SELECT id FROM offerings WHERE code LIKE '%-202611');
  DELETE FROM offerings WHERE code LIKE '%-202611'"
S() { "$SUMAHO" --db "$db" --today $today "$@" >/dev/null 2>&1 || exit 99; }
S slots book sekigahara $today 10:00 P0001 --topic line
S offering add undo-2027 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 2
S session add undo-2027-1 --offering undo-2027 --date 2027-01-14 --start 10:00 --duration 90 --seats 6
for p in P0001 P0002 P0003; do S apply undo-2027 $p; done
"$SUMAHO" --db "$db" --today 2026-12-16 lottery run undo-2027 >/dev/null 2>&1 || exit 99
booking() { sql "$db" "SELECT b.status FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id WHERE s.date = '$today' AND s.start = '10:00'"; }
results() { sql "$db" "SELECT group_concat(p.code || ':' || a.status || coalesce(a.waiting_position, ''), ' ') FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' ORDER BY p.code"; }
start=$(results)

screen_start 80 24 "env TZ=UTC LANGUAGE=ja TERM=screen '$SUMAHO' --db '$db' --today $today"
screen_wait "メニュー"

# A booking.
screen_keys 3
screen_expect "関ヶ原 (1/2)   2026年11月24日(火)" "Consultations"
screen_keys Home c y
screen_expect "予約を取り消しました。  z: 取消を元に戻す（小林　博 11/24 10:00）" \
	"after a cancellation the message line offers z, saying whose booking and when"
is "$(booking)" cancelled "the booking is cancelled"
screen_keys z
screen_expect "取消を元に戻しました: 小林　博 (P0001) さんの予約が戻りました。" "z restores it"
is "$(booking)" booked "booked again"
screen_wait_gone "z: 取消を元に戻す"
screen_keys c y
screen_expect "z: 取消を元に戻す（小林　博 11/24 10:00）" "cancelled again, z is offered again"
screen_keys Down
screen_wait_gone "z: 取消を元に戻す"
ok $? "the next key takes the offer away"
screen_keys z Up c
screen_expect "この枠に予約はありません。" "and z then does nothing"
is "$(booking)" cancelled "the booking stays cancelled"
screen_keys Escape

# A winner's application: the seat is offered to the first waiting. Nobody has called them, so z
# gives it back at once, the offer withdrawn; once they have been called, z asks how.
# The page lists the winners by kana: Home chooses the first.
w=$(sql "$db" "SELECT p.name FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' AND a.status = 'won' ORDER BY p.kana, p.code LIMIT 1")
q=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'undo-2027' AND a.waiting_position = 1")
screen_keys 2
screen_expect "2026-11-01..12-15" "Lotteries lists the offering first"
screen_keys Enter
screen_expect "当選 2、補欠 1" "its page"
screen_keys Home c y
screen_expect "z: 取消を元に戻す（$w undo-2027）" "a cancelled winner: z is offered, naming them"
screen_keys z
screen_expect "さんへの席の案内は取り下げ、補欠の順番はそのままです。" \
	"z gives the seat back at once while nobody was called about it, the offer withdrawn"
is "$(results)" "$start" "every application is as before the mistake"
screen_keys Home c y
screen_expect "z: 取消を元に戻す（$w undo-2027）" "cancelled again"
"$SUMAHO" --db "$db" --today $today lottery call undo-2027 "$q" --result no-answer >/dev/null 2>&1 || exit 99
screen_keys z
screen_expect "定員を超えて席を設ける" "called about the seat: z asks how, over the capacity"
screen_expect "補欠の先頭に戻す" "first on the waiting list"
screen_expect "さんへの案内を取り下げ)" "or the seat back, the offer withdrawn"
screen_keys 3
screen_expect "さんへの席の案内は取り下げ、補欠の順番はそのままです。" "3 gives the seat back"
is "$(results)" "$start" "every application is as before the mistake"
screen_keys Escape Escape

# A session.
screen_keys 1
screen_keys End c y
screen_expect "z: 中止を元に戻す（undo-2027-1 1/14 10:00）" "a cancelled session: z is offered"
is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'undo-2027-1'")" cancelled "it is cancelled"
screen_keys z
screen_expect "undo-2027-1 を開催予定に戻しました。" "z restores it"
is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'undo-2027-1'")" scheduled "scheduled again"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action IN ('restore', 'reinstate', 'unpromote')")" 4 \
	"each undo is in the audit log"
screen_keys q
done_testing
