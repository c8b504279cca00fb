#!/bin/sh
# Several sites on screen: a reception account limited to 平塚橋 opens Consultations on 平塚橋,
# reads 関ヶ原 marked as view only, and a booking key there says why it does nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

db="$T/sites.db"
cp "$DB" "$db"
add_staff "$db" kanri admin "管理 花子" 97315
add_staff "$db" uke reception "受付 一郎" 4826
# shellcheck disable=SC2046
"$SUMAHO" --db "$db" $(sign_in_args kanri 97315) staff edit uke --venue hiratsukabashi \
	>/dev/null 2>&1 || exit 99

screen_start 80 24 "sh '$T/wrap.sh' env LANGUAGE=ja TERM=screen '$SUMAHO' --db '$db' --today 2022-08-02"
screen_wait "職員ID:"
screen_keys uke Enter
screen_wait "暗証番号:"
screen_keys 4826 Enter
screen_wait "受付 一郎 (受付)"
screen_keys 2
screen_expect "平塚橋 (2/2)" "Consultations opens on the account's venue, 平塚橋, not the first"
not_on_screen "閲覧のみ"
ok $? "where it books"
screen_keys Tab
screen_expect "関ヶ原 (1/2)" "Tab shows 関ヶ原"
screen_expect "[閲覧のみ]" "marked as view only"
screen_keys Enter
screen_expect "ここでは変更できません: uke の担当は 平塚橋 だけです。" \
	"Enter on a slot there says it is not allowed, and why"
screen_expect "は見るだけで、変更はできません。" "that the venue shown is to look at only"
# A day without slots: the hint names only what reception can do (G and T are a coordinator's).
screen_keys g C-u "8/6" Enter
screen_expect "この日は相談枠がありません。" "a day without slots"
screen_expect "] で枠のある次の日へ。" "the hint names the next day with slots"
not_on_screen "G で会場の受付時間から枠を作成します"
ok $? "and not G, which reception may not use"
screen_keys q
screen_wait "EXIT=0"

done_testing
