#!/bin/sh
# The consultation screen at 80x24, as a receptionist uses it with a queue at the counter: find
# a person as they type, book, walk-in, cancel, move; and a second terminal booking the same
# slots at the same time.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24 # a Tuesday: 関ヶ原 has slots
db="$T/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT id FROM consultation_slots WHERE date >= '$today')"
other() { "$SUMAHO" --db "$db" --today $today "$@" >/dev/null 2>&1; }
cmd() { printf "env LANGUAGE=%s TERM=screen '%s' --db '%s' --today %s" "$1" "$SUMAHO" "$db" $today; }
row() { screen_capture | grep -E "^  $1 "; }

screen_start 80 24 "sh '$T/wrap.sh' $(cmd ja)"
screen_wait "メニュー"
screen_keys 3
screen_expect "関ヶ原 (1/2)   2026年11月24日(火)" "the day view opens on today at the first venue"
screen_expect "空き 10 / 10" "with its free slots counted"
screen_expect "Enter: 予約  w: 当日受付  c: 取消  m: 変更  a: 来所  n: 不参加" "and the keys in words"

# Book 10:00: half-width katakana as some keyboards type it, narrowed letter by letter.
screen_keys Enter
screen_expect "予約:  関ヶ原  2026年11月24日(火) 10:00" "Enter on a free slot starts a booking"
screen_keys "ｺﾊﾞﾔｼ"
screen_expect "小林　勇       コバヤシ　イサム   P0343    1951年生  090-7603-4648" "half-width katakana finds コバヤシ as it is typed"
screen_expect "小林　久美子   コバヤシ　クミコ   P0355    1941年生  03-5461-0058" \
	"namesakes told apart by code, birth year and phone"
screen_keys "ﾋ"
screen_expect "小林　博       コバヤシ　ヒロシ   P0001    1943年生  03-5497-0775" "one more letter narrows it"
screen_keys Enter
screen_expect "相談内容を選んでください" "then the topic"
screen_expect "5  詐欺電話対策" "from the configured list, in words"
screen_keys 1
screen_expect "予約しました: 小林　博、LINE" "a digit books it"
has "$(row 10:00)" "予約               小林　博        コバヤシ　ヒロシ   LINE" "the slot shows who and what"
is "$(sql "$db" "SELECT p.code || ' ' || b.topic FROM bookings b JOIN people p ON p.id = b.person_id JOIN consultation_slots s ON s.id = b.slot_id WHERE s.date = '$today' AND s.start = '10:00'")" \
	"P0001 line" "and the database has it"

# Another terminal books 11:00: it shows here without a key pressed.
other slots book sekigahara $today 11:00 P0002 --topic photos
screen_expect "11:00  予約               渡辺　勇" "a booking made at another terminal shows within a second"
screen_expect "空き 8 / 10" "and the count follows"

# A race: this terminal is choosing a person for 10:30 when the other books it.
screen_keys Down
screen_keys Enter
screen_expect "予約:  関ヶ原  2026年11月24日(火) 10:30" "booking 10:30"
screen_keys "03-3778"
screen_expect "石井　和子" "phone digits find the person"
other slots book sekigahara $today 10:30 P0004 --topic line
screen_keys Enter 2
screen_expect "この枠はたった今ほかの端末で予約されました。" "told plainly that the slot was just taken"
screen_expect "1  2026-11-24 11:30" "and offered the next free slots"
screen_keys Enter
screen_expect "予約しました: 石井　和子、写真" "Enter books the first of them for the same person and topic"
has "$(row 11:30)" "石井　和子" "at 11:30"
is "$(sql "$db" "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) t")" 0 \
	"no slot holds two bookings"

# Two screens at once: a second receptionist books 13:00 from her own screen while this one is
# choosing the person for it.
tm new-session -d -s s2 -x 80 -y 24 "$(cmd ja)"
keys2() { tm send-keys -t =s2: "$@"; }
cap2() { tm capture-pane -p -t =s2:; }
i=0
until cap2 | grep -qF "メニュー" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
keys2 3
screen_keys Down Enter
screen_expect "予約:  関ヶ原  2026年11月24日(火) 13:00" "this screen starts booking 13:00"
screen_keys "ﾜﾀﾅﾍﾞ"
screen_expect "渡辺　勇" "and finds the person"
keys2 Down Down Down Down Enter "ｶﾄｳ"
i=0
until cap2 | grep -qF "加藤" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
keys2 Enter 3
i=0
until cap2 | grep -qF "予約しました" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
has "$(cap2)" "予約しました: 加藤" "the other screen books 13:00 first"
screen_keys Enter 4
screen_expect "この枠はたった今ほかの端末で予約されました。" "this one is told the slot was just taken"
screen_expect "1  2026-11-24 13:30" "and offered 13:30 next"
screen_keys Escape
screen_expect "予約できません: ほかの端末が先に予約しました。" "giving up books nothing, and says so"
has "$(cap2)" "13:00  予約" "the other screen shows its booking"
i=0
until cap2 | grep -qF "石井　和子" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
has "$(cap2)" "11:30  予約               石井　和子" "and this screen's earlier booking, without a key pressed"
is "$(sql "$db" "SELECT count(*) FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id WHERE s.date = '$today' AND s.start = '13:00' AND b.status <> 'cancelled'")" 1 \
	"13:00 holds one booking"
tm kill-session -t =s2

# The monthly limit, explained where it blocks.
other slots book sekigahara 2026-12-01 10:00 P0001 --topic line
other slots book sekigahara 2026-12-03 10:00 P0001 --topic line
screen_keys g C-u "令和8年12月9日" Enter
screen_expect "2026年12月9日(水)" "g goes to a date written as people write one"
screen_keys g C-u "12/8" Enter
screen_expect "2026年12月8日(火)" "g goes to a date typed as M/D"
screen_keys Home Enter "こばやしひ"
screen_expect "小林　博" "hiragana finds the katakana kana"
screen_keys Enter 1
screen_expect "予約できません: 1か月の予約は1人2件までで、この方は 2026-12" \
	"the monthly limit says why it blocks"
screen_expect "  にすでに2件あります: 12-01 10:00 関ヶ原, 12-03 10:00 関ヶ原" \
	"listing the bookings that count, on the next line"

# A walk-in on another day is refused at once, before a name or topic is typed.
screen_keys End w
screen_expect "ここでは当日受付はできません: 当日受付はその日の枠にだけ入れられます (t" \
	"w on another day says at once that a walk-in is today only"
hasnt "$(screen_capture)" "当日受付:  関ヶ原" "and opens no person search"

# A walk-in: today only, marked attended at once.
screen_keys t
screen_expect "2026年11月24日(火)" "t goes back to today"
screen_keys End w "いしい"
screen_expect "当日受付:  関ヶ原  2026年11月24日(火) 15:30" "w on a free slot starts a walk-in"
screen_keys Down Enter 5
screen_expect "当日受付を記録しました" "a walk-in is recorded"
has "$(row 15:30)" "来所(当日)" "as attended, walk-in"
screen_keys w
screen_expect "ここでは当日受付はできません: 15:30 の枠はすでに予約されています。" \
	"w on a booked slot says so at once"
hasnt "$(screen_capture)" "当日受付:  関ヶ原" "with no person search"

# A new person, registered inline when the search finds nobody.
screen_keys Up Enter "ｻｸﾗﾀﾞ"
screen_expect "+ 見つかりません: 新しく登録する" "nobody found offers to register a new person"
screen_keys Enter
screen_expect "新しい方の登録" "a form asks for the new person"
screen_wait "ｻｸﾗﾀﾞ"
has "$(screen_capture | grep フリガナ)" "ｻｸﾗﾀﾞ" "the kana holding what was typed to search"
has "$(cursor_line)" "氏名" "the cursor in the name"
screen_keys Enter
screen_expect "氏名: 空欄にはできません" "an empty name is refused as it is left"
has "$(cursor_line)" "氏名" "the cursor stays in it"
screen_keys "桜田　花子" Enter C-u "サクラダ　ハナコ" Enter "090-5555-0000x" Enter
screen_expect "電話番号: '090-5555-0000x' は電話番号ではありません" "a bad phone is refused at once"
screen_keys BSpace Enter
screen_expect "生まれ年" "then the birth year, which the classes' age rule is checked against"
screen_keys "昭和" Enter
screen_expect "生まれ年: 1900から2026までの整数にしてください" "a birth year that is not a year is refused at once"
screen_keys C-u "昭和25" Enter
screen_expect "言語      日本語  (スペースキー: 日本語 / English)" \
	"corrected, the last field chooses the language of their notices, Japanese at first"
screen_keys Space
screen_expect "言語      English" "Space chooses English"
screen_keys Enter 6
screen_expect "予約しました: 桜田　花子、その他" "then books for them"
is "$(sql "$db" "SELECT code || ' ' || kana_key || ' ' || phone_digits || ' ' || birth_year || ' ' || language FROM people WHERE name = '桜田　花子'")" \
	"P0530 さくらだはなこ 09055550000 1950 en" "the new person is registered with a code, search keys, the birth year and the language chosen"

# Cancel, with a question first.
screen_keys Home c
screen_expect "小林　博さんの 10:00 の予約を取り消しますか?  y: はい  n: いいえ" "c asks before cancelling"
screen_keys n
has "$(row 10:00)" "小林　博" "n keeps the booking"
screen_keys c y
screen_expect "予約を取り消しました。" "y cancels it"
screen_expect "10:00  空き" "and the slot is free"

# Move 11:00 to Thursday, two days on, same time.
screen_keys Down Down
screen_keys m
screen_expect "渡辺　勇さんの予約を移動中" "m starts a move"
screen_keys Right Right
screen_expect "2026年11月26日(木)" "Right goes a day on"
screen_keys Enter
screen_expect "渡辺　勇さんの予約を 11:00 に移しました。" "Enter on a free slot moves the booking there"
has "$(row 11:00)" "渡辺　勇" "which the day shows"
screen_keys n
screen_expect "この相談はまだ行われていません" "no-show cannot be marked before the day"

# Hours and slots for a venue, on screen.
screen_keys Tab
screen_expect "平塚橋 (2/2)" "Tab goes to the next venue"
screen_keys T
screen_expect "平塚橋の毎週の受付時間" "T asks for the venue's weekly hours"
screen_keys C-u "水、金 10:00-12:00; 土 10:00-12:00" Enter
screen_expect "平塚橋の受付時間を保存しました。" "and saves them"
screen_keys G
screen_expect "枠の作成 開始日: 2026-11-26" "G asks from when"
screen_keys Enter
screen_expect "枠の作成 終了日: 2027-01-20" "and until when, eight weeks by default"
screen_keys Enter
screen_expect "枠を作成しました" "then creates the slots"
is "$(sql "$db" "SELECT count(*) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'hiratsukabashi' AND s.date = '2026-11-28'")" 4 \
	"Saturday's four slots are there"

# r: tomorrow's reminder calls (2026-11-25, with nobody), ] the day after: every booking with
# its phone.
other slots book sekigahara 2026-11-26 15:30 P0010 --topic line
screen_keys t
screen_keys r
screen_expect "確認の電話" "r opens the reminder calls"
screen_expect "2026年11月25日(水): 確認の連絡が必要な方はいません。" "of tomorrow, saying when there is nobody"
screen_keys ]
n=$(sql "$db" "SELECT count(*) FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id WHERE s.date = '2026-11-26' AND b.status <> 'cancelled'")
screen_expect "2026年11月26日(木): 確認の連絡をする方 $n 名" "] goes a day on, counting every booking"
screen_expect "15:30  相談  関ヶ原  P0010" "each with its time, kind, place and person"
screen_expect "$(sql "$db" "SELECT phone FROM people WHERE code = 'P0010'")" "and the phone number to call"
screen_keys Escape
screen_expect "Enter: 予約  w: 当日受付" "Esc goes back to the day"

# The whole screen, then q: the terminal comes back as it was.
screen_keys t
screen_keys BTab
screen_compare consult-ja-80x24 "the day view at 80x24 (ja)"
screen_keys q q
screen_expect "EXIT=0 MODES=icanon echo" "q quits with status 0, the terminal restored"

screen_start 80 24 "$(cmd en)"
screen_wait "Menu"
screen_keys 3
screen_expect "free 5 of 10" "in English"
screen_compare consult-en-80x24 "the day view at 80x24 (en)"
screen_keys Enter "zzz"
screen_expect "+ Nobody found: register a new person" "the search in English"
screen_keys Escape
screen_expect "Up/Down: slot  Left/Right: day" "Esc gives up and goes back to the day"

done_testing
