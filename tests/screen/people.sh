#!/bin/sh
# The People screen at 80x24: found with the person picker, a resident's details and history
# (as sumaho people show), e corrects the details through person_edit (a refused value is
# named and changes nothing), f finds another person; reception sees the section.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

db="$T/people.db"
cp "$DB" "$db"
cmd() {
	printf "env LANGUAGE=%s TERM=screen '%s' --db '%s' --today 2022-08-02" "$1" "$SUMAHO" "$db"
}

screen_start 80 24 "$(cmd en)"
screen_wait "Menu"
screen_expect "9  People" "the home menu has a People section"
screen_keys 9
screen_expect "Whose record?" "it opens with the person picker"
screen_keys 0775
screen_expect "P0001" "which finds the person"
screen_keys Enter
screen_expect "Name                  小林　博" "the details"
screen_expect "Resident of the city  yes" "with the resident flag"
screen_expect "2022-04-14  10:00  class        ワンポイント教室" "the history: a class attended"
screen_expect "won" "an application won"
screen_expect "e: edit" "the hint line offers e"

# e: a form with every field and its value; each is checked as it is left, a refused value is
# named at once, the cursor stays in it and nothing typed is lost.
sqlite3 "$db" .dump >"$T/before.sql"
screen_keys e
screen_expect "The details of P0001" "e opens a form with the details"
f=$(screen_capture)
has "$f" "Name        小林　博" "the name, as it is now"
has "$f" "Kana        コバヤシ　ヒロシ" "the kana"
has "$f" "Phone       03-5497-0775" "the phone"
has "$f" "Birth year  1943  (empty: not known)" "the birth year"
has "$f" "Language    日本語  (Space: 日本語 / English)" "and the language of their notices, all on one page"
has "$(cursor_line)" "Name" "the cursor is in the name"
screen_keys Down Down C-u 03-abc Tab
screen_expect "Phone: '03-abc' is not a phone number" "a bad phone is named as soon as it is left"
screen_expect "! Phone       03-abc" "marked, with what was typed kept"
has "$(cursor_line)" "Phone       03-abc" "the cursor stays in the phone"
screen_keys Enter
screen_expect "Phone: '03-abc' is not a phone number" "Enter does not leave it either"
has "$(cursor_line)" "Phone       03-abc" "still in the phone"
sqlite3 "$db" .dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "and nothing changed"
screen_keys BSpace BSpace BSpace 1111-2222 Enter
screen_wait_gone "is not a phone number"
has "$(cursor_line)" "Birth year  1943" "corrected, it is left for the birth year"
screen_keys C-u 18 Enter
screen_expect "Birth year: must be a whole number from 1900 to" "a year that cannot be is refused at once, by the same rule as people edit"
screen_keys C-u 1943 Enter
screen_wait "> Language"
has "$(cursor_line)" "Language    日本語" "then the language, a choice"
screen_keys x Space
screen_expect "Language    English  (Space: 日本語 / English)" \
	"nothing is typed into it; Space chooses the next"
screen_keys Left
screen_expect "Language    日本語  (" "Left the one before"
screen_keys Right
screen_expect "Language    English  (" "Right the next"
screen_keys Enter
screen_expect "Changed the details of P0001." "corrected, the form saves what was typed in every field"
screen_expect "Phone                 03-1111-2222" "and shown"
screen_expect "Language              English" "with the language chosen"
screen_expect "Name                  小林　博" "the other fields kept"
is "$(sqlite3 "$db" "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"person P0001: phone '03-5497-0775' -> '03-1111-2222', language 'ja' -> 'en'" \
	"audited with the old and new values"
# Esc asks before it throws away what was typed.
screen_keys e
screen_wait "The details of P0001"
screen_keys x Escape
screen_expect "Give up this form? What was typed is not saved." "Esc asks before giving up what was typed"
screen_keys n
screen_expect "Name        小林　博x" "n keeps the form with what was typed"
screen_keys Escape
screen_wait "Give up this form?"
screen_keys y
screen_expect "Phone                 03-1111-2222" "y gives up"
is "$(sqlite3 "$db" "SELECT name FROM people WHERE code = 'P0001'")" "小林　博" "and nothing is saved"

# f: someone else.
screen_keys f
screen_expect "Whose record?" "f opens the picker again"
screen_keys P0002 Enter
screen_expect "Code                  P0002" "and shows the one chosen"
screen_keys Escape
screen_expect "Menu" "Esc returns home"

# Reception sees the section once accounts exist.
add_staff "$db" kanri admin "管理 花子" 97315
add_staff "$db" uketsuke reception "受付 一郎" 4826
screen_start 80 24 "$(cmd ja)"
screen_wait "職員ID:"
screen_keys uketsuke Enter
screen_wait "暗証番号:"
screen_keys 4826 Enter
screen_expect "4  区民" "reception sees People"
screen_keys 4
screen_expect "誰の記録を見ますか?" "and opens it"
screen_keys q

done_testing
