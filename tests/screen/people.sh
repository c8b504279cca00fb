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
screen_expect "won (当選)" "an application won"
screen_expect "e: edit" "the hint line offers e"

# e: each field asked with its value; a refused phone is named and nothing changes.
sqlite3 "$db" .dump >"$T/before.sql"
screen_keys e
screen_expect "Name: 小林　博" "e asks for the name, showing the present one"
screen_keys Enter
screen_expect "Kana: コバヤシ　ヒロシ" "then the kana"
screen_keys Enter
screen_expect "Phone: 03-5497-0775" "then the phone"
screen_keys C-u 03-abc Enter
screen_expect "Birth year (empty: not known): 1943" "then the birth year"
screen_keys Enter
screen_expect "Not saved: phone: '03-abc' is not a phone number" "a bad phone is refused, named"
sqlite3 "$db" .dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "and nothing changed"

screen_keys e
screen_wait "Name: "
screen_keys Enter
screen_wait "Kana: "
screen_keys Enter
screen_wait "Phone: "
screen_keys C-u 03-1111-2222 Enter
screen_wait "Birth year"
screen_keys Enter
screen_expect "Changed the details of P0001." "a good phone is saved"
screen_expect "Phone                 03-1111-2222" "and shown"
is "$(sqlite3 "$db" "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"person P0001: phone '03-5497-0775' -> '03-1111-2222'" "audited with the old and new value"

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
