#!/bin/sh
# The Lotteries screen and the set-up forms at 80x24, as a coordinator uses them: a new
# offering and its session through the forms, applications at the counter, the draw, a
# cancellation whose seat is offered to the first on the waiting list, the call list,
# a confirmation, verification and exports.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24
db="$T/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
# Without the demo's classes after 2022 (those the kiosk shows): the offerings made here are
# then the first in the list.
sql "$db" "DELETE FROM applications WHERE offering_id IN (SELECT id FROM offerings WHERE code LIKE '%-202611');
  DELETE FROM sessions WHERE offering_id IN (SELECT id FROM offerings WHERE code LIKE '%-202611');
  DELETE FROM offerings WHERE code LIKE '%-202611'"
cmd() { printf "env TZ=UTC LANGUAGE=%s TERM=screen '%s' --db '%s' --today %s" "$1" "$SUMAHO" "$db" $today; }

screen_start 80 24 "$(cmd ja)"
screen_wait "メニュー"

# A new offering from the Classes screen's offering list.
screen_keys 1 O
screen_expect "op-iphone-2" "O in Classes lists the offerings"
screen_keys n
screen_expect "新規: 募集" "n opens the form of a new offering"
has "$(cursor_line)" "コード" "the cursor in its code"
screen_keys "op-iphone-2022" Enter
screen_expect "コード: 募集「op-iphone-2022」はすでにあります" \
	"a code taken already is refused as soon as it is left"
has "$(cursor_line)" "コード" "the cursor stays in the code"
screen_keys C-u "android-seki-2027" Enter
screen_wait_gone "すでにあります"
screen_keys "intro-android" Enter "sekigahara" Enter "2026-11-01" Enter "2026-12-40" Enter
screen_expect "申込締切: '2026-12-40' は" "a date that does not exist is refused at once, naming the field"
has "$(cursor_line)" "申込締切" "the cursor stays in it"
is "$(sql "$db" "SELECT count(*) FROM offerings WHERE code = 'android-seki-2027'")" 0 \
	"and nothing is saved"
screen_keys C-u "2026-10-15" Enter
screen_expect "申込締切: 申込期間の終わり (2026-10-15) が始まり (2026-11-01) より前です" \
	"a window that ends before it starts is refused at once"
screen_keys C-u "2026-12-15" Enter "3" Enter Enter Enter
screen_expect "android-seki-2027 を追加しました。" "corrected, the form saves what was typed in the other fields"
is "$(sql "$db" "SELECT course_id || ' ' || venue_id || ' ' || apply_from || ' ' || apply_to || ' ' || capacity FROM offerings WHERE code = 'android-seki-2027'")" \
	"$(sql "$db" "SELECT (SELECT id FROM courses WHERE code = 'intro-android') || ' ' || (SELECT id FROM venues WHERE code = 'sekigahara')") 2026-11-01 2026-12-15 3" \
	"every field as typed"
screen_keys Escape

# Its session, from the Classes list.
screen_keys n "android-seki-2027-1" Enter "android-seki-2027" Enter "2027-01-14" Enter "10:00" Enter
screen_keys "90" Enter "6" Enter
screen_expect "android-seki-2027-1 を追加しました。" "n in Classes adds a session"
screen_keys Escape

# Applications at the counter.
screen_keys 2
screen_expect "受付中" "the new offering takes applications"
screen_keys Enter
screen_expect "まだ抽選していません: 0件" "its page: no applications yet"
# Half-width kana typed; each search shows its first match in full-width kana.
for who in "ｺﾊﾞﾔｼﾋ:コバヤシ" "ﾜﾀﾅﾍﾞｲ:ワタナベ" "ｲｼｲｶ:イシイ" "ﾊｼﾓﾄ:ハシモト" "ｻｻｷﾐ:ササキ"; do
	screen_keys a "${who%:*}"
	screen_wait "${who#*:}" >/dev/null
	screen_keys Enter
	screen_wait "希望順位" >/dev/null
	screen_keys Enter
	screen_wait "申込を受け付けました" >/dev/null
done
screen_expect "まだ抽選していません: 5件" "five applications entered with the person search"
screen_keys a "ｺﾊﾞﾔｼﾋ"
screen_wait "コバヤシ" >/dev/null
screen_keys Enter Enter
screen_expect "記録できませんでした: この方は android-seki-2027 に 2026-11-24" \
	"the same person twice is refused, saying when"
# Esc at the choice records nothing, and says so.
screen_keys a "ﾀﾅｶ"
screen_wait "タナカ" >/dev/null
screen_keys Enter
screen_wait "希望順位" >/dev/null
screen_keys Escape
screen_expect "の申込は記録していません。" "Esc at the choice: nothing recorded, and the clerk is told"
screen_expect "まだ抽選していません: 5件" "still five applications"

# The draw, before the application window closes (2026-12-15): the question says so.
screen_keys d
screen_expect "android-seki-2027 は 2026-12-15 締切: 締切前に抽選しますか?" \
	"d asks first, saying the draw is early and when applications close"
screen_keys n
screen_expect "まだ抽選していません: 5件" "n draws nothing"
is "$(sql "$db" "SELECT count(*) FROM lottery_rounds")" 0 "and no round is recorded"
screen_keys d
screen_expect "締切前に抽選しますか?" "d asks again"
screen_keys y
screen_expect "抽選しました: 当選 3、補欠 2、落選 0" "then draws and says the outcome"
screen_expect "1  当選" "the winners first"
screen_expect "1  補欠 1" "then the waiting list in order"
screen_keys v
screen_expect "検証しました" "v verifies the draw"
first=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND a.waiting_position = 1")
screen_keys Home c
screen_expect "の申込を取り消しますか?" "c on a winner asks first"
screen_keys y
screen_expect "補欠の次の方 $first さんに席を案内します" "and the seat is offered to the first waiting"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action IN ('cancel', 'offer') AND entity = 'application'")" 2 \
	"both in the audit log"
# The call list: the waiting list in order with the offer; calls recorded by key.
screen_keys l
screen_expect "抽選: android-seki-2027 の電話連絡" "l opens the call list"
screen_expect "案内中" "the first waiting is offered the seat"
screen_keys n
screen_expect "$first さんへの電話を記録しました" "n records a call with no answer"
screen_keys h
screen_expect "抽選: android-seki-2027 の電話の記録" "h shows the calls made"
screen_expect "応答なし" "with the result"
screen_keys Escape
screen_keys a
screen_expect "$first さんが承諾し、繰り上げ当選にしますか?" "a asks first"
screen_keys y
screen_expect "$first さんが承諾し、繰り上げ当選になりました。" "then the seat is theirs"
screen_expect "承諾 (繰り上げ当選)" "and the list says so"
is "$(sql "$db" "SELECT group_concat(result, ' ') FROM lottery_calls")" "no-answer accepted" \
	"both calls are recorded"
screen_keys Escape
# A winner by the draw (the one who accepted has confirmed already): the first in kana order
# who is not them.
set -- $(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'android-seki-2027' AND a.status = 'won' ORDER BY p.kana, p.code")
if [ "$1" = "$first" ]; then
	screen_keys Home Down f
	confirmer=$2
else
	screen_keys Home f
	confirmer=$1
fi
screen_expect "$confirmer さんの参加確認を記録しました。" "f records that a winner confirmed"
is "$(sql "$db" "SELECT count(*) FROM applications WHERE confirmed_at IS NOT NULL")" 2 \
	"(the one who accepted, and this one)"
screen_keys x
screen_expect "抽選結果 (差し込み印刷用CSV) の書き出し先: android-seki-2027-draw.csv" "x asks where to export"
screen_keys C-u "$T/draw.csv" Enter
screen_expect "$T/draw.csv に書き出しました" "and writes the CSV"
out=$(/usr/bin/python3 "$top_srcdir/tests/lottery_verify.py" "$T/draw.csv")
ok $? "the exported draw recomputes with the Python script"
screen_keys p C-u "$T/lists.txt" Enter
screen_expect "$T/lists.txt に書き出しました" "p writes the lists per session"
has "$(cat "$T/lists.txt")" "android-seki-2027-1" "with the session"
screen_keys d
screen_expect "は抽選済みです: R で抽選し直せます" "d on a drawn offering says R draws again"
screen_keys a
screen_expect "記録できませんでした: android-seki-2027 は抽選済みです。これ以上申し込めませ" \
	"a on a drawn offering says at once that it takes no more applications"
not_on_screen "android-seki-2027 への申込"
ok $? "without a person search first"
# The draw's time and who ran it are the real ones: fixed here for the comparison.
sql "$db" "UPDATE lottery_rounds SET run_at = '2026-11-24T01:00:00Z', run_by = 'coordinator'"
screen_keys v
screen_expect "検証しました" "v again"
# The seed (and so who won) is random on screen: the page is checked line by line above; the
# list of offerings is compared whole.
has "$(screen_capture)" "早期抽選 (申込締切前) 2026-11-24 01:00 (coordinator)  シード " \
	"the page says the draw was early, when, who, and the seed"
is "$(sql "$db" "SELECT early FROM lottery_rounds")" 1 "the round is recorded as early"
has "$(screen_capture)" "応募5名・定員3名: 当選 3、補欠 2、落選 0" "and the outcome of the draw"
screen_keys Escape
screen_expect "抽選済" "back in the list, the offering shows as drawn"
screen_compare lottery-ja-80x24 "the list of offerings at 80x24 (ja)"
# w writes the chosen offering's notices, a postcard an applicant, and says where.
screen_keys w
screen_expect "通知 (PDF、応募者ごとにはがき1枚) の書き出し先:" "w asks where to write the notices"
n=$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id
	WHERE o.code = 'android-seki-2027' AND a.status IN ('won', 'waiting', 'lost')")
screen_keys C-u "$T/notices.pdf" Enter
screen_expect "通知 ${n}件を $T/notices.pdf に書き出しました" "and says how many and where"
is "$(pdfinfo "$T/notices.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" "$n" \
	"a page for each applicant not cancelled ($n)"
is "$(stat -c %a "$T/notices.pdf")" 600 "in a file only its owner reads"
# The form calls the same function as sumaho offering edit: a drawn offering's capacity stays.
screen_keys e
screen_wait "講座" >/dev/null
screen_keys Enter Enter Enter Enter C-u 2 Enter
screen_expect "定員: android-seki-2027 は 3" \
	"e cannot change a drawn offering's capacity: the form says so as the field is left"
screen_expect "変更は抽選のやり直しと一緒にだ" "and that it changes only with a new draw"
has "$(cursor_line)" "定員" "the cursor stays in the capacity"
is "$(sql "$db" "SELECT capacity FROM offerings WHERE code = 'android-seki-2027'")" 3 "it stays 3"

# Two offerings marked with Space and drawn as one round.
sql "$db" "INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity) SELECT 'r' || x, 1, 1, '2026-11-01', '2026-12-15', 1 FROM (SELECT 1 x UNION SELECT 2) t"
sql "$db" "INSERT INTO applications (offering_id, person_id, channel, choice, applied_at) SELECT o.id, p.id, 'online', CASE o.code WHEN 'r1' THEN 1 ELSE 2 END, '2026-11-10' FROM offerings o, people p WHERE o.code IN ('r1', 'r2') AND p.code IN ('P0010', 'P0011', 'P0012')"
screen_keys q
screen_start 80 24 "$(cmd en)"
screen_wait "Menu"
screen_keys 2
screen_expect "open" "in English"
screen_keys Home Down Space Space
screen_expect "2 marked for one round" "Space marks offerings for one round"
screen_keys d
screen_expect "Early: r1 closes 2026-12-15. Draw all 2 now, as one round?" \
	"d asks about the marked ones, early"
screen_keys y
screen_expect "Drawn: 2 won" "both are drawn together"
is "$(sql "$db" "SELECT count(*) FROM lottery_round_offerings ro JOIN offerings o ON o.id = ro.offering_id WHERE o.code IN ('r1', 'r2') GROUP BY ro.round_id")" 2 \
	"in one round"
is "$(sql "$db" "SELECT max(n) FROM (SELECT count(*) n FROM applications a JOIN offerings o ON o.id = a.offering_id WHERE o.code IN ('r1', 'r2') AND a.status = 'won' GROUP BY a.person_id) t")" 1 \
	"where nobody wins twice"
# The city's past classes, imported with their results: said so, and not drawn.
screen_expect "recorded" "the past classes' state: recorded"
screen_keys End Enter
screen_expect "Results recorded without a draw (imported): 20 applications" \
	"the page of one says its results were recorded without a draw"
screen_keys d
screen_expect "op-iphone-2022 holds results recorded without a draw" "d does not draw it, saying why"
is "$(sql "$db" "SELECT count(*) FROM lottery_round_offerings ro JOIN offerings o ON o.id = ro.offering_id WHERE o.code = 'op-iphone-2022'")" 0 \
	"and nothing is drawn"
screen_keys v
screen_expect "op-iphone-2022 has not been drawn: its results were recorded without a draw" \
	"v says there is no draw, and why"
screen_keys Escape
# d on the list with it marked: refused before anything is asked, the mark kept.
screen_keys Space
screen_expect "1 marked for one round" "a past class marked"
screen_keys d
screen_expect "op-iphone-2022 holds results recorded without a draw" \
	"d on the list refuses at once, naming it"
hasnt "$(screen_capture)" "now?" "without asking first"
has "$(screen_capture)" "1 marked for one round" "and the mark stays"

# E on the call list passes the deadlines: the question says who loses a seat and how many
# offers lapse; the answer says how many seats were released, offered on and left empty. The
# demo's one-point class (10 seats, 14 applicants, one session on 2026-12-01 14:00), drawn
# early on 11-25; nobody confirms; on the class's day, before it begins.
op="$T/onepoint.db"
"$SUMAHO" --db "$op" --today 2026-11-25 init --demo >/dev/null 2>&1 || exit 99
"$SUMAHO" --db "$op" --today 2026-11-25 lottery run onepoint-iphone-202611 --early >/dev/null 2>&1 || exit 99
screen_keys q
screen_start 80 24 "env TZ=UTC LANGUAGE=ja TERM=screen '$SUMAHO' --db '$op' --today 2026-12-01"
screen_wait "メニュー"
screen_keys 2
screen_expect "抽選済" "the offerings, the one-point class drawn"
# The fifth, newest first: the drawn one at 関ヶ原.
screen_keys Home Down Down Down Down Enter
screen_expect "onepoint-iphone-202611" "Enter opens the one-point class"
screen_keys l
screen_expect "onepoint-iphone-202611 の電話連絡" "l opens its call list"
screen_keys E
screen_expect "2026-11-30 までに参加確認のなかった当選者10人の席と" \
	"E asks first, saying how many winners lose their seats"
screen_expect "案内0件を取り消し、空く10席を、補欠の方がいる限り順に案内しますか?" "and how many offers lapse, offering seats only while anyone waits (4 wait here)"
screen_keys y
screen_expect "10 席が空きました (うち補欠の方に案内 4 席、空席のまま 6 席)。" \
	"then says how many seats were released, how many offered on and how many stay empty"
hasnt "$(screen_capture)" "次の方に回しました" "not that every seat was handed on"
screen_expect "12-01 14:00" "the offers are held until the class begins, not for two days"
screen_keys E
screen_expect "期限を過ぎたものはありません" "E again: nothing is due, and it says so without asking"
# The last call's result in words, as h shows it (wide enough for the column).
screen_keys Home n
screen_wait "電話を記録しました" >/dev/null
# At 80 columns the columns do not all fit: what they cut of the chosen row is told whole,
# under the list.
line=$(screen_capture | grep -F "最後の電話: ")
has "$line" "応答なし (" "at 80x24 the chosen row's last call is told whole under the list"
screen_resize 140 24
screen_expect "応答なし (" "the call list's last call says its result in Japanese"
hasnt "$(screen_capture)" "no-answer" "not the stored code"
screen_resize 80 24

done_testing
