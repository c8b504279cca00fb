#!/bin/sh
# The Classes section: choose a session, its page with a QR code for a phone's calendar, and
# export to .ics files through a prompt, as a coordinator does it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

printf '[calendar]\napplication_url = https://www.example.lg.jp/sumaho/apply\n' >"$T/url.ini"
screen_start 80 24 "$(sumaho_cmd ja) --config '$T/url.ini'"
screen_wait "メニュー"
screen_keys 1
screen_expect "21件中 1件目" "the list of sessions, the first chosen"
screen_expect "日付               時間" "under its column headings"
screen_keys Down Down
screen_expect "21件中 3件目" "Down moves the choice"
screen_keys End
screen_expect "21件中 21件目" "End goes to the last session"
screen_expect "2022年9月28日(水)" "which is on screen"
screen_keys Home Enter
screen_expect "教室の詳細" "Enter opens the session's page"
screen_expect "教室: ワンポイント教室 (iPhone)" "with its class"
screen_expect "日付: 2022年4月14日(木)" "its date"
screen_expect "応募: 20名 (教室の定員は全回で18名)" "and its applicants"
screen_expect "状態: 開催済み" "held, as of the day the screens take as today"
screen_expect "QRコードを表示するには画面を横" "at 80x24 the QR code does not fit, and the page says what size it needs"
screen_resize 120 40
screen_expect "読み取るとスマホのカレンダーに追加できます。" "at 120x40 the calendar QR code is drawn"
has "$(screen_capture)" "▀" "in half blocks"
screen_keys u
screen_expect "読み取ると申込ページを開きます。" "u shows the application page's QR code instead"
screen_keys u

# Export this session through the prompt.
screen_keys x
screen_expect "書き出すファイル: op-iphone-2022-1.ics" "x asks where to export, suggesting a name"
screen_keys C-u "$T/one.ics" Enter
screen_expect "1件を $T/one.ics に書き出しました" "and says what it wrote"
check "the file is there" test -f "$T/one.ics"
is "$(grep -c '^BEGIN:VEVENT' "$T/one.ics")" 1 "with the one session"
has "$(cat "$T/one.ics")" "UID:session-op-iphone-2022-1@sumaho.invalid" "that one"
screen_keys x
screen_wait "書き出すファイル:"
screen_keys Escape
screen_expect "書き出しを取りやめました。" "Esc in the prompt cancels"
screen_keys x C-u "/nonexistent/dir/x.ics" Enter
screen_expect "書き出せませんでした: /nonexistent/dir/x.ics: 書き込めません" "a place that cannot be written is reported"

# The roll call, from the session's page.
screen_keys r
screen_expect "出欠確認" "r opens the roll call"
screen_expect "石井　和子      出席" "listing the winners with their marks"
screen_expect "6名中 3名出席" "and a count"
screen_keys a
screen_expect "石井　和子      欠席" "a marks the chosen person absent"
screen_expect "6名中 2名出席" "the count follows"
is "$(sqlite3 "$DB" "SELECT t.status FROM attendance t JOIN people p ON p.id = t.person_id JOIN sessions s ON s.id = t.session_id WHERE s.code = 'op-iphone-2022-1' AND p.code = 'P0003'")" \
	absent "and the database has it"
screen_keys l
screen_expect "小林　博        遅刻" "the choice moved on: l marks the next one late"
screen_keys s
screen_expect "代理で来た方は" "s opens the person picker for a substitute"
screen_keys P0100
screen_expect "ヤマザキ　サチコ" "a person code finds them"
screen_keys Enter
screen_expect "山崎　幸子      出席 (代理)" "who is added, present, as a substitute"
screen_expect "7名中 3名出席" "and counted"
screen_keys s "ｻｲﾄｳ ﾀｶｼ"
screen_expect "斎藤　隆" "a substitute is found by kana, as everywhere else"
screen_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace "斎藤　隆"
screen_expect "サイトウ　タカシ" "by name"
screen_keys C-u 0293-8347
screen_expect "斎藤　隆" "and by the phone's digits"
screen_keys Enter
screen_expect "斎藤　隆        出席 (代理)" "and added as a substitute"
is "$(sqlite3 "$DB" "SELECT t.status || ' ' || t.substitute FROM attendance t JOIN people p ON p.id = t.person_id JOIN sessions s ON s.id = t.session_id WHERE s.code = 'op-iphone-2022-1' AND p.code = 'P0102'")" \
	"present 1" "the database has the substitute"
screen_keys s ﾃﾞｱﾙｳﾍﾞｶﾗｻﾞﾙ
screen_expect "+ 見つかりません: 新しく登録する" "nobody found offers to register them instead"
screen_keys Escape
screen_expect "8名中 4名出席" "Esc gives up and returns to the roll call"
screen_keys Escape
screen_expect "教室の詳細" "Esc returns to the session's page"
screen_keys Escape
screen_expect "21件中 1件目" "Esc returns to the list, the same session chosen"

# Export everything from the list.
screen_keys x
screen_expect "書き出すファイル: sumaho-classes.ics" "x in the list exports every session"
screen_keys C-u "$T/all.ics" Enter
screen_expect "21件を $T/all.ics に書き出しました" "all 21"
is "$(grep -c '^BEGIN:VEVENT' "$T/all.ics")" 21 "the file has 21 events"
LANGUAGE=ja "$SUMAHO" --config "$T/url.ini" --db "$DB" export ics -o "$T/cli.ics" >/dev/null
check "the screen and the command write the same file" cmp -s "$T/all.ics" "$T/cli.ics"

# The page in English, whole, at 120x40.
screen_start 120 40 "$(sumaho_cmd en)"
screen_wait "Menu"
screen_keys 1 Down Enter
screen_compare "class-en-120x40" "the page of a session with its QR code, en, 120x40"
screen_keys q
done_testing
