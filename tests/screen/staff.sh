#!/bin/sh
# Staff sign-in at 80x24: once accounts exist the staff screens ask for a staff ID and PIN
# (shown as stars); each role sees its own sections; an admin manages accounts and reads the
# audit log on screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

db="$T/staff.db"
cp "$DB" "$db"
add_staff "$db" kanri admin "管理 花子" 97315
add_staff "$db" uketsuke reception "受付 一郎" 4826
add_staff "$db" tantou coordinator "担当 次郎" 6093
cmd() {
	printf "sh '%s' env LANGUAGE=ja TERM=screen '%s' --db '%s' --today 2022-08-02" "$T/wrap.sh" \
		"$SUMAHO" "$db"
}
# sign_in ID PIN: answer the two prompts.
sign_in() {
	screen_wait "職員ID:"
	screen_keys "$1" Enter
	screen_wait "暗証番号:"
	screen_keys "$2"
	screen_wait "暗証番号: $(printf '%s' "$2" | tr '0-9' '*')"
	screen_keys Enter
}
menu() { screen_capture | sed -n '5,20p'; }

printf '[access]\nlogin = no\n' >"$T/nologin.ini"
screen_start 80 24 "$(cmd) --config '$T/nologin.ini'"
screen_expect "職員IDと暗証番号でサインインしてください。" \
	"with staff accounts, the screens ask for a sign-in, whatever the configuration says"
screen_wait "職員ID:"
screen_keys uketsuke Enter
screen_wait "暗証番号:"
screen_keys 1111
screen_expect "暗証番号: ****" "the PIN shows as stars"
hasnt "$(screen_capture)" "1111" "never as digits"
screen_keys Enter
screen_expect "職員IDか暗証番号が違います。" "a wrong PIN is refused, without saying which part was wrong"
sign_in uketsuke 4826
screen_expect "受付 一郎 (受付)" "the receptionist is signed in, named in the title bar"
m=$(menu)
has "$m" "1  教室" "reception sees Classes"
has "$m" "2  相談" "and Consultations"
has "$m" "3  キオスク表示" "and the kiosk preview"
for s in 抽選 実績報告 設定 職員 監査ログ; do
	hasnt "$m" "$s" "but not $s"
done
screen_keys 1
screen_expect "Enterの後 r: 出欠" "in Classes, reception is offered the roll call"
screen_keys n
screen_expect "教室の変更は担当者だけができます。" "and cannot set up classes"
screen_keys q
screen_expect "EXIT=0 MODES=icanon echo" "q leaves"

screen_start 80 24 "$(cmd)"
sign_in tantou 6093
screen_expect "担当 次郎 (担当者)" "a coordinator signs in"
m=$(menu)
has "$m" "2  抽選" "coordinators see Lotteries"
has "$m" "3  実績報告" "and Reports"
hasnt "$m" "  相談 " "but not Consultations"
hasnt "$m" "監査ログ" "nor the audit log"
screen_keys q

screen_start 80 24 "$(cmd)"
sign_in kanri 97315
screen_expect "管理 花子 (管理者)" "the admin signs in"
m=$(menu)
has "$m" "7  職員" "admins see Staff"
has "$m" "8  監査ログ" "and the audit log"
screen_keys 7
screen_expect "uketsuke" "Staff lists the accounts"
screen_keys a
screen_expect "新しいアカウント" "a opens the form of a new account"
screen_keys "ho jo" Enter
screen_expect "職員ID: 英字・数字・「.」「_」「-」で1〜32文字にしてください" \
	"a staff ID that cannot be is refused as soon as it is left"
screen_keys C-u uketsuke Tab
screen_expect "職員ID: アカウント「uketsuke」はすでにあります" "so is one taken already"
has "$(cursor_line)" "uketsuke" "the cursor stays in it"
screen_keys C-u hojo Enter "補助 三郎" Enter
screen_expect "新しいアカウントの役割は?" "then the role is chosen"
screen_keys 1
screen_wait "新しい暗証番号"
screen_keys 3691 Enter
screen_wait "もう一度同じ暗証番号"
screen_keys 3691 Enter
screen_expect "hojo を追加しました。" "a new account is added from the screen"
is "$(sql "$db" "SELECT role FROM staff WHERE login = 'hojo'")" reception "as a receptionist"
screen_keys Escape 8
screen_expect " sumaho  監査ログ " "8 opens the audit log"
screen_expect "kanri" "it names who did what"
screen_expect "create" "the new account among it"
hasnt "$(screen_capture)" "3691" "and no PIN"
screen_keys q
screen_expect "EXIT=0 MODES=icanon echo" "q leaves"
is "$(sql "$db" "SELECT group_concat(actor, ',') FROM (SELECT actor FROM audit_log WHERE action = 'create' AND detail LIKE 'hojo%') t")" \
	kanri "the audit log records the admin who added the account"

# Idle sign-out: 10 minutes without a key ([access] idle_signout = 600), with a warning for the
# last 30 s that a key dismisses.
screen_start 80 24 "$(cmd)"
sign_in uketsuke 4826
screen_expect "受付 一郎 (受付)" "the receptionist signs in again"
screen_keys 1
screen_expect "Enterの後 r: 出欠" "and opens Classes"
clock_advance 569
screen_settle
hasnt "$(screen_capture)" "サインアウトします" "after 9 min 29 s idle, no warning yet"
clock_advance 2
screen_expect "サインアウトします" "in the last 30 s the screen warns"
screen_keys x
screen_wait_gone "サインアウトします"
screen_expect "Enterの後 r: 出欠" "a key dismisses the warning and the screen stays"
clock_advance 599
screen_expect "サインアウトします" "left alone again, it warns"
clock_advance 1
screen_expect "職員IDと暗証番号でサインインしてください。" "and at 10 min it signs out to the sign-in"
is "$(sql "$db" "SELECT action || ':' || detail FROM audit_log WHERE actor = 'uketsuke' ORDER BY id DESC LIMIT 1")" \
	"logout:idle" "the sign-out is in the audit log"

# Switching user without leaving: u on the menu.
sign_in kanri 97315
screen_expect "u: 利用者の切り替え" "the menu offers to switch user"
screen_keys u
screen_expect "職員IDと暗証番号でサインインしてください。" "u goes back to the sign-in"
sign_in tantou 6093
screen_expect "担当 次郎 (担当者)" "and another staff member signs in, still in the same sumaho"
has "$(menu)" "2  抽選" "with their own sections"

# Rights follow the account: disabled at another terminal, it is signed out at once.
"$SUMAHO" --db "$db" $(sign_in_args kanri 97315) staff disable tantou >/dev/null 2>&1
screen_expect "職員IDと暗証番号でサインインしてください。" \
	"a staff member disabled at another terminal is signed out here"

# Screens opened while there were no accounts keep no rights once one is made.
cp "$DB" "$T/open.db"
screen_start 80 24 "sh '$T/wrap.sh' env LANGUAGE=ja TERM=screen '$SUMAHO' --db '$T/open.db' --today 2022-08-02"
screen_expect "8  監査ログ" "with no accounts the screens open with every section"
printf '2580\n' | "$SUMAHO" --db "$T/open.db" staff add kanri admin "管理 花子" >/dev/null 2>&1
screen_expect "職員IDと暗証番号でサインインしてください。" \
	"once an account is made elsewhere, the open screens ask who is there"
done_testing
