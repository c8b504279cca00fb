#!/bin/sh
# Search in the long lists (issue 19): / asks for text on the bottom line and chooses the first
# row from the chosen one whose shown text matches (kana, width and case aside), n the next,
# N and p the one before, round the ends with a message; not found says so and the choice
# stays; Esc ends the search and gives n back to "new". In the sessions list and the
# offerings list, in Japanese and in English.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

screen_start 80 24 "$(sumaho_cmd ja)"
screen_wait "メニュー"
screen_keys 1
screen_expect "21件中 1件目" "the list of sessions"
screen_expect "/: 検索" "the hint line offers the search"
screen_keys /
screen_expect "検索:" "/ asks for the text on the bottom line"
screen_keys "すまほ" Enter
screen_expect "21件中 3件目" "hiragana finds the first class in katakana (スマホ入門) after the chosen row"
screen_expect "n/N: 次/前" "the hints say how to go on"
screen_expect "Esc: 検索をやめる" "and how to end the search"
screen_keys n
screen_expect "21件中 4件目" "n chooses the next match"
screen_keys N
screen_expect "21件中 3件目" "N the one before"
screen_keys p
screen_expect "先頭まで探したので、最後から探しました。" "p before the first match goes round to the end"
screen_expect "21件中 21件目" "to the last match (はじめてのスマホ体験教室)"
screen_keys n
screen_expect "最後まで探したので、先頭から探しました。" "n after the last goes round to the start"
screen_expect "21件中 3件目" "to the first match"
screen_keys / C-u "荏原" Enter
screen_expect "21件中 17件目" "a venue's name finds its session"
screen_expect "荏原第一地域セ" "which is in view"
screen_keys / C-u "2022年8月18日" Enter
screen_expect "最後まで探したので、先頭から探しました。" "a date as people write it, before the chosen row: round the end"
screen_expect "21件中 15件目" "to that day's first session"
screen_keys n
screen_expect "21件中 16件目" "n its second"
screen_keys / C-u "R4.9.6" Enter
screen_expect "21件中 19件目" "a date in the era's short form"
screen_keys / C-u "存在しない教室" Enter
screen_expect "見つかりません: 存在しない教室" "what matches nothing is not found"
screen_expect "21件中 19件目" "and the choice stays"
screen_keys Escape
screen_expect "n: 開催回の追加" "Esc ends the search: n adds a session again"
screen_expect "Esc: 戻る" "and Esc goes back"
not_on_screen "n/N: 次/前" && ok 0 "no search hints" || ok 1 "no search hints"

# The offerings list (Classes > O), by code.
screen_keys O
screen_expect "9件中 1件目" "the offerings list"
screen_keys / "ＯＳＡＫＩ" Enter
screen_expect "9件中 8件目" "a code typed in full-width capitals finds its offering"
screen_keys n
screen_expect "最後まで探したので、先頭から探しました。" "the only match: n goes round to it"
screen_expect "9件中 8件目" "and stays on it"
screen_keys Escape Escape Escape
screen_expect "メニュー" "Esc ends the search, then goes back"

# In English.
screen_start 80 24 "$(sumaho_cmd en)"
screen_wait "Menu"
screen_keys 1
screen_expect "1 of 21" "the list of sessions in English"
screen_keys / "ANDROID" Enter
screen_expect "2 of 21" "capitals find Android"
screen_keys n
screen_expect "3 of 21" "n the next"
screen_keys / C-u "2022-09-06" Enter
screen_expect "19 of 21" "an ISO date finds its session"
screen_keys N
screen_expect "The search went round to the end." "N with no match before it goes round the end"
screen_expect "19 of 21" "to the one match"
screen_keys / C-u "xyz" Enter
screen_expect "Not found: xyz" "nothing found is said"
screen_expect "19 of 21" "and the choice stays"
screen_keys q
screen_wait_exit
done_testing
