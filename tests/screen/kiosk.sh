#!/bin/sh
# The lobby kiosk at 80x24, as a resident and as a mischievous passer-by use it: what it shows,
# the language key, every page searched for residents' names, kana and phone numbers, keys and
# signals that must not break it, a paste of 1 MB, resizes in a loop, bookings from reception
# showing on their own, the idle reset, and leaving only with a staff PIN.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24
# The kiosk hides today's consultation times that have begun: the clock says 09:00.
clock_set "$today 09:00:00"
db="$T/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
printf '2580\n' | "$SUMAHO" --db "$db" staff add kanri admin "管理 花子" >/dev/null 2>&1 || exit 99
# The idle reset is tested at the end with a short time; until then it must not interfere.
# The city's consultation phone and hours ([kiosk] phone, hours): not a resident's number.
city_phone=03-5742-6600
cat >"$T/kiosk.ini" <<INI
[kiosk]
idle_reset = 900
phone = $city_phone
hours = 平日 9:00〜17:00
[calendar]
application_url = https://www.city.shinagawa.tokyo.jp/sumaho/apply
INI
cat >"$T/idle.ini" <<'INI'
[kiosk]
idle_reset = 20
idle_warning = 8
INI
cmd() {
	printf "env LANGUAGE=%s TERM=screen '%s' --db '%s' --today %s --config '%s' --kiosk" \
		"$1" "$SUMAHO" "$db" $today "${2:-$T/kiosk.ini}"
}
# Every resident's name, kana and phone number, for the personal-data search.
personal_list "$db"
# The search must not take the city's phone and hours, shown on purpose, for a resident's.
is "$(printf '%s\n' "$city_phone" "平日 9:00〜17:00" | grep -F -f "$T/personal.txt")" "" \
	"the city's phone and hours hold no resident's name, kana or phone"
# no_personal WHERE: nothing of anyone's on the screen once it is drawn.
no_personal() {
	screen_settle
	screen_no_personal "$1"
}
alive() {
	case $(pane_status) in 1*) ok 1 "$1" ;; *) ok 0 "$1" ;; esac
}

screen_start 80 24 "sh '$T/wrap.sh' $(cmd ja)"
screen_expect "スマホ教室・スマホ相談のご案内" "the kiosk opens in Japanese"
screen_expect "これからのスマホ教室" "with the classes coming up"
for s in 空きあり 残りわずか 申込多数・抽選になります 受付終了 受付前; do
	screen_expect "$s" "a class shows its seats as $s"
done
hasnt "$(screen_capture)" "満席" "a class with more applicants than seats, still open, is not 満席"
screen_expect "12月14日(月) 10:00-12:00 (全3回)  品川第一地域センター" "with its date, time and venue"
screen_expect "スマホよろず相談 (1回30分・予約制) の空き" "and the consultations"
screen_expect "関ヶ原   いちばん早い空き" "each venue's next free time"
screen_expect "上下の矢印キー: えらぶ    Enter: くわしく見る" "the keys are named in words"
screen_expect "E: English" "with the language key"
no_personal "the home screen"

# Each class's page and its QR codes, then each venue's page.
# (screenlib's helpers use $i: the loops here count with other names.)
cls=1
while [ $cls -le 5 ]; do
	screen_keys Enter
	screen_expect "持ち物:" "class $cls has a page with what to bring"
	no_personal "class $cls's page"
	screen_keys Enter
	screen_settle
	no_personal "class $cls's QR page"
	screen_press BSpace BSpace Down
	cls=$((cls + 1))
done
screen_keys Escape
screen_settle
screen_keys Home
screen_press Up Up Up Up Up Up Up Up Up Down Down Enter
screen_expect "スマホ入門 (iPhone)" "Down twice and Enter open the third class"
screen_expect "空きあり (定員20人・いまの申込6人)" "its seats and applicants are counted"
screen_expect "申込: 12月3日(木)まで。窓口・電話・はがき・インターネットで" "how to apply, with the closing day"
screen_expect "ご自分のiPhone、筆記用具" "what to bring"
screen_expect "電話: $city_phone" "the number to phone, from [kiosk] phone"
screen_expect "受付時間: 平日 9:00〜17:00" "and when, from [kiosk] hours"
no_personal "a class page with the city's phone"
screen_keys Enter
screen_expect "スマホのカレンダーに登録する" "Enter shows the calendar QR code"
check "drawn as a QR code at 80x24, in the staff screens' explicit colours" qr_drawn
hasnt "$(screen_capture)" "█" "by colours, as the staff screens draw codes, not in full blocks of the text colour"
screen_keys Enter
screen_expect "インターネットで申し込む" "Enter again: the application page's code"
screen_press BSpace BSpace
screen_expect "これからのスマホ教室" "Backspace twice is back home"
screen_press Up Up Up Up Up Up Up Up Up Down Down Down Enter
screen_expect "申込多数・抽選になります (定員8人・いまの申込11人)" \
	"11 applied for 8 seats: a lottery, with the count"
screen_expect "定員を超える申込があり、抽選で決まります。いまからでも申し込めば抽選に加わ" \
	"its page says a lottery will decide and applying still counts"
screen_press BSpace
screen_wait "これからのスマホ教室"
screen_press Up Up Up Up Up Up Up Up Up Down Down Down Down Down Enter
screen_expect "関ヶ原のスマホ相談" "a venue's page"
screen_expect "空いている時間:" "lists its free times"
screen_expect "お一人30分ずつです。受付か電話でご予約ください。" "says to book at the desk or by phone"
screen_expect "電話: $city_phone" "with the number"
screen_expect "受付時間: 平日 9:00〜17:00" "and the hours"
no_personal "the venue's page"
screen_keys Escape

# English on one key; the pages are all English then.
screen_keys e
screen_expect "Smartphone classes coming up" "E switches to English"
screen_expect "J: 日本語" "and the key back is in Japanese"
no_personal "the English home screen"

# A passer-by: keys that leave, suspend or stop other programs; none works here.
screen_press C-c C-z 'C-\' C-s C-q C-d F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12
esc=0
while [ $esc -lt 50 ]; do
	screen_keys Escape
	esc=$((esc + 1))
done
screen_keys C-q
sleep 1
alive "Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-S, Ctrl-D, the function keys and 50 Escapes leave it running"
pid=$(pgrep -n -f -- "$T/kiosk.ini")
for sig in INT QUIT TSTP TTIN TTOU; do
	kill -$sig "$pid" 2>/dev/null
done
sleep 1
alive "SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU from outside leave it running"
hasnt "$(ps -o stat= -p "$pid" | cut -c1)" "T" "and not stopped"
screen_expect "Smartphone classes coming up" "still on its page"

# A paste of 1 MB of junk (letters, digits and line ends: language keys and Enter among
# them), plain and bracketed: dropped, the page stays as it was.
head -c 786432 /dev/urandom | base64 >"$T/junk.txt"
tm load-buffer "$T/junk.txt"
tm paste-buffer -t =s:
sleep 3
alive "a pasted megabyte leaves it running"
screen_expect "Smartphone classes coming up" "and its page as it was, in English still"
tm paste-buffer -p -t =s:
sleep 3
alive "a bracketed paste too"
screen_expect "Smartphone classes coming up" "with the page as it was"

# Resizes in a loop, then back to 80x24.
for size in 100x30 60x20 120x40 80x24 40x10 132x43 81x25 80x24 90x28 80x24; do
	screen_resize "${size%x*}" "${size#*x}"
done
screen_settle
alive "a storm of resizes leaves it running"
screen_expect "Smartphone classes coming up" "and it draws itself again at 80x24"

# A booking at reception shows without a key pressed: 関ヶ原's first free time goes.
before=$(screen_capture | grep -E "^  関ヶ原")
first=$(sql "$db" "SELECT s.date || ' ' || s.start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id
  WHERE v.code = 'sekigahara' AND s.date >= '$today' AND NOT EXISTS (SELECT 1 FROM bookings b
  WHERE b.slot_id = s.id AND b.status <> 'cancelled') ORDER BY s.date, s.start LIMIT 1")
"$SUMAHO" --db "$db" --today $today $(sign_in_args kanri 2580) slots book sekigahara ${first% *} ${first#* } P0009 \
	--topic line >/dev/null 2>&1
check "reception books 関ヶ原's first free time" test $? -eq 0
wait=0
while [ $wait -lt 50 ] && [ "$(screen_capture | grep -E "^  関ヶ原")" = "$before" ]; do
	sleep 0.2
	wait=$((wait + 1))
done
after=$(screen_capture | grep -E "^  関ヶ原")
if [ "$after" != "$before" ]; then ok 0 "the kiosk shows it within 10 s, untouched"; else
	ok 1 "the kiosk shows it within 10 s, untouched"
	diag "before: $before" "after: $after"
fi

# The idle reset: on a page in English, left alone, it warns and goes home in Japanese.
screen_start 80 24 "sh '$T/wrap.sh' $(cmd ja "$T/idle.ini")"
screen_wait "これからのスマホ教室"
screen_press e Down Enter
screen_expect "What to bring:" "a resident opens a class page in English"
clock_advance 11
screen_settle
hasnt "$(screen_capture)" "The first screen comes back in" "11 s left alone, no warning yet"
clock_advance 1
screen_expect "The first screen comes back in" "at 12 s left alone, it warns before starting again"
has "$(screen_capture)" "About the class:" "over the page the resident was reading"
clock_advance 7
screen_settle
has "$(screen_capture)" "About the class:" "at 19 s the page is still there"
clock_advance 1
screen_expect "これからのスマホ教室" "at 20 s it is home in Japanese"
screen_expect "E: English" "with the English key offered again"

# Leaving: Ctrl-X asks for a staff ID and PIN; Esc goes back, a wrong PIN is refused.
screen_keys C-x
screen_expect "職員専用: 案内画面を終えるにはサインインしてください。" "Ctrl-X asks staff to sign in"
screen_keys Escape
screen_expect "これからのスマホ教室" "Esc is back at the schedule"
screen_keys C-x
screen_wait "職員ID:"
screen_press kanri Enter
screen_wait "暗証番号:"
screen_press 1111 Enter
screen_expect "職員IDか暗証番号が違います。" "a wrong PIN is refused"
clock_advance 2
screen_expect "これからのスマホ教室" "and after 2 s the kiosk goes on"
alive "still running after the wrong PIN"
is "$(sql "$db" "SELECT failed_attempts || ' ' || CASE WHEN locked_until IS NULL THEN 1 ELSE 0 END FROM staff WHERE login = 'kanri'")" "0 1" \
	"a wrong PIN at the kiosk does not count towards the account's lock (a passer-by cannot lock staff out)"
screen_keys C-x
screen_expect "職員のサインインはあと15秒" "the kiosk's own sign-in rests 15 s after a wrong PIN"
clock_advance 2
screen_wait_gone "職員のサインインはあと15秒"
screen_keys C-x
screen_expect "職員のサインインはあと13秒" "Ctrl-X 2 s later says how long is left"
clock_advance 13
screen_wait_gone "職員のサインインはあと13秒"
# A second wrong PIN: 30 s, and every Ctrl-X meanwhile says how long is left, even over
# the idle warning (which other keys only dismiss).
screen_keys C-x
screen_wait "職員ID:"
screen_press kanri Enter
screen_wait "暗証番号:"
screen_press 1112 Enter
screen_expect "職員IDか暗証番号が違います。" "a second wrong PIN is refused"
clock_advance 2
screen_wait "これからのスマホ教室"
left=30
for step in 0 2 5; do
	clock_advance $step
	left=$((left - step))
	screen_keys C-x
	screen_expect "職員のサインインはあと${left}秒" "Ctrl-X says ${left} s are left of the 30 s pause"
	clock_advance 2
	left=$((left - 2))
	screen_wait_gone "職員のサインインはあと"
done
screen_press Down
clock_advance 12
left=$((left - 12))
screen_expect "あと8秒で最初の画面にもどります。" "a page left alone 12 s warns of the reset"
screen_keys C-x
screen_expect "職員のサインインはあと${left}秒" "Ctrl-X over the idle warning still says ${left} s are left"
clock_advance $left
screen_wait_gone "職員のサインインはあと"
screen_press Up
screen_keys C-x
screen_wait "職員ID:"
screen_press kanri Enter
screen_wait "暗証番号:"
screen_press 2580
hasnt "$(screen_capture)" "2580" "the PIN is not shown as it is typed"
screen_keys Enter
screen_expect "EXIT=0 MODES=icanon echo" "the right PIN leaves the kiosk and restores the terminal"
is "$(sql "$db" "SELECT group_concat(action || ':' || actor || ':' || detail, ' ') FROM audit_log
  WHERE action LIKE 'login%' AND detail LIKE 'kiosk%'")" \
	"login-failed:kanri:kiosk wrong PIN login-failed:kanri:kiosk wrong PIN login:kanri:kiosk" \
	"every attempt is in the audit log, with no PIN"
# A ward's thirteen centres more: the cards go on over pages, numbered, and Down from the
# last card of a page turns it.
tm_end # the copy is of a database nobody has open
db_copy "$db" "$T/many.db"
sql "$T/many.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 13)
  INSERT INTO venues (code, name) SELECT 'center' || i, '第' || i || '地域センター' FROM n;
  INSERT INTO consultation_slots (venue_id, date, start) SELECT id, '2026-11-26', '10:00'
  FROM venues WHERE code LIKE 'center%'"
screen_start 80 24 "env LANGUAGE=ja TERM=screen '$SUMAHO' --db '$T/many.db' --today $today --config '$T/kiosk.ini' --kiosk"
screen_expect "これからのスマホ教室" "with 15 venues the classes keep their heading"
screen_expect " 1/2" "and the page says it is the first of two"
screen_expect "PgDn/PgUp: つぎ・まえのページ" "with the keys to turn it"
has "$(screen_capture | sed -n 4p)" "ワンポイント教室 (iPhone)" "the first class is where it was"
screen_keys NPage
screen_expect " 2/2" "PgDn turns to the second page"
has "$(screen_capture)" "第13地域センター" "which has the last venue"
hasnt "$(screen_capture)" "ワンポイント教室 (iPhone)" "and not the first class"
screen_keys PPage
screen_expect " 1/2" "PgUp turns back"
screen_press Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
screen_expect " 2/2" "Down past the page's last card turns the page too"

# Without [kiosk] phone no phone is offered (there is no number to give); SIGTERM from outside
# ends the kiosk, staff accounts or not, and gives the terminal back.
screen_start 80 24 "sh '$T/wrap.sh' $(cmd ja "$T/idle.ini")"
screen_wait "これからのスマホ教室"
screen_press Up Up Up Up Up Up Up Up Up Down Down Enter
screen_expect "申込: 12月3日(木)まで。窓口・はがき・インターネットで" \
	"without [kiosk] phone a class page says where to apply, without the phone"
# (the class's description speaks of phones: what must not be there is a number to call)
hasnt "$(screen_capture)" "電話:" "and gives no number"
hasnt "$(screen_capture)" "・電話・" "nor says to apply by phone"
screen_press BSpace Down Down Down Enter
screen_expect "お一人30分ずつです。受付でご予約ください。" "a venue's page says to book at the desk"
hasnt "$(screen_capture)" "電話" "and names no phone either"
pid=$(pgrep -n -f -- "$T/idle.ini")
kill -TERM "$pid"
screen_expect "EXIT=1 MODES=icanon echo" "SIGTERM ends the kiosk (status 1) and restores the terminal"
done_testing
