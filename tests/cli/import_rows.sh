#!/bin/sh
# Regressions from the review of imports and sessions: every message about a row names the row
# and the field by the file's own heading; without --good-rows every bad row is listed, those
# only the database shows (a class that does not exist) too, and nothing changes; an era's date
# written past the era's end is read as the next era's, and said so; a class session comes
# after its application window and not in the past, however it is added.
. "$top_srcdir/tests/lib.sh"
db="$T/rows.db"
"$SUMAHO" --db "$db" init --demo >/dev/null || exit 99
S() { LANGUAGE=en run --db "$db" "$@"; }
dump() { db_dump "$db" >"$T/$1.sql"; }
# The demo's trial class of today's month takes applications from 2026-11-29 to 2026-12-13.
off=trial-202612
is "$(sql "$db" "SELECT apply_from || ' ' || apply_to FROM offerings WHERE code = '$off'")" \
	"2026-11-29 2026-12-13" "the demo's class open today"

# 1, 2: a form's headings, one of them a site's own ([import]); two rows name classes that do
# not exist, three others are bad in what the file says.
mkdir -p "$T/config/sumaho"
printf '[import]\nbirth_year = お生まれ\n' >"$T/config/sumaho/sumaho.ini"
cat >"$T/online.csv" <<CSV
申込番号,受付日時,講座名,氏名,フリガナ,お生まれ,電話番号,区民
Z1,2026-12-02,no-such-class,山本　一,ヤマモト　ハジメ,昭和25,03-1111-0001,○
Z2,2026-12-32,$off,山本　二,ヤマモト　ツギ,1950-03-01,03-1111-0002,×
Z3,2026-12-02,$off,山本　三,ヤマモト　サン,1850,03-1111-0003,○
Z4,2026-12-02,another-class,山本　四,ヤマモト　シ,1950,03-1111-0004,○
Z5,2026-12-02,$off,山本　五,ヤマモト　ゴ,1950,03-1111-0005,たぶん
Z6,2026-12-02,$off,山本　六,ヤマモト　ロク,1950,03-1111-0006,○
CSV
dump before
S import online "$T/online.csv"
is "$status" 1 "a file with bad rows is refused"
is "$(printf '%s\n' "$err" | grep -c 'online.csv: row ')" 5 "each of the five bad rows is listed once"
has "$err" "row 2, field '講座名': no offering with code 'no-such-class'" "an unknown class, by the file's heading"
has "$err" "row 3, field '受付日時': '2026-12-32' is not a date that exists" "a date, by the file's heading"
has "$err" "row 4, field 'お生まれ': must be a whole number from 1900" "a birth year, by the site's own heading"
has "$err" "row 5, field '講座名': no offering with code 'another-class'" "the second unknown class too"
has "$err" "row 6, field '区民': 'たぶん' is not one of" "yes or no, by the file's heading"
hasnt "$err" "birth_year" "no internal column name"
hasnt "$err" "applied_at" "none"
is "$(printf '%s\n' "$err" | grep 'row ' | sed 's/.*row \([0-9]*\).*/\1/' | tr '\n' ' ')" "2 3 4 5 6 " \
	"in the order of the rows"
has "$err" "nothing was imported" "and nothing was imported"
dump after
same_file "$T/after.sql" "$T/before.sql" "the database is as it was"
LANGUAGE= run --db "$db" import online "$T/online.csv"
has "$err" "2行目 「講座名」欄" "the same in Japanese, by the file's heading"

# Many bad rows: the first are listed, then how many more, of how many.
{
	echo '利用者番号,氏名,電話番号'
	i=1
	while [ $i -le 70 ]; do
		echo "Q$i,,x"
		i=$((i + 1))
	done
} >"$T/many.csv"
S import people "$T/many.csv"
has "$err" "row 2, field '氏名': must not be empty" "a person's name, by the heading 氏名"
has "$err" "row 2, field '電話番号': 'x' is not a phone number" "and the phone"
has "$err" "many.csv: 45 more bad rows not shown (70 bad rows in all)" "then how many more, of all"
# A code twice, by its heading; the row again is not reported twice.
printf '利用者番号,氏名\nX1,山田　太郎\nX1,田中　花子\n' >"$T/dup.csv"
S import people "$T/dup.csv"
is "$err" "sumaho: $T/dup.csv: row 3, field '利用者番号': 'X1' appears again (first in row 2)
sumaho: $T/dup.csv: nothing was imported" "a code twice, by the file's heading, once"
# A person changed with --update: the changes by the file's headings.
printf '利用者番号,氏名,フリガナ,電話番号,生年,区民\nP0001,小林　博,コバヤシ　ヒロシ,03-5497-0775,1944,yes\n' \
	>"$T/change.csv"
S import people "$T/change.csv"
has "$err" "row 2, field '利用者番号': P0001 is already registered" "refused without --update, by the heading"
S import people "$T/change.csv" --update
has "$out" "change.csv: row 2: P0001: 生年 '1943' -> '1944'" "the change by the heading 生年"

# 3: era dates. Past the era's end: read as the next era's, with a warning naming it; before
# an era began: refused, naming the form to write; 元年 and R1 as written.
cat >"$T/era.csv" <<CSV
申込番号,受付日時,講座名,氏名,フリガナ,生年月日,電話番号
E1,2026-12-02,$off,元号　一,ゲンゴウ　イチ,平成31年5月1日,03-2222-0001
E2,2026-12-02,$off,元号　二,ゲンゴウ　ニ,昭和64年1月8日,03-2222-0002
E3,令和8年12月2日,$off,元号　三,ゲンゴウ　サン,令和元年5月1日,03-2222-0003
E4,R8.12.2,$off,元号　四,ゲンゴウ　シ,R1.5.1,03-2222-0004
CSV
S import online "$T/era.csv"
is "$status" 0 "dates past an era's end are imported"
has "$err" "row 2, field '生年月日': '平成31年5月1日' is after the Heisei era ended: read as Reiwa 1 (first year), 5/1 (Wed) (2019-05-01)" \
	"平成31年5月1日 is read as 令和元年5月1日, and said so"
has "$err" "row 3, field '生年月日': '昭和64年1月8日' is after the Showa era ended: read as Heisei 1 (first year), 1/8 (Sun) (1989-01-08)" \
	"昭和64年1月8日 is read as 平成元年1月8日, and said so"
is "$(printf '%s\n' "$err" | grep -c 'era ended')" 2 "令和元年 and R1 are read as written, without a word"
is "$(sql "$db" "SELECT group_concat(birth_year, ' ') FROM (SELECT birth_year FROM people WHERE name LIKE '元号%' ORDER BY code) t")" \
	"2019 1989 2019 2019" "the years are the days' own"
LANGUAGE= run --db "$db" import online "$T/era.csv"
has "$err" "'平成31年5月1日' は平成が終わった後の日付です: 令和元年5月1日(水) (2019-05-01) として読みました" \
	"in Japanese: 令和元年5月1日"
printf '申込番号,受付日時,講座名,氏名,生年月日\nE5,令和元年4月30日,%s,元号　五,1950\n' "$off" >"$T/before.csv"
S import online "$T/before.csv"
is "$status" 1 "a date before its era began is refused"
has "$err" "row 2, field '受付日時': '令和元年4月30日' is before the Reiwa era began: write it as Heisei 31, 4/30 (Tue) (2019-04-30)" \
	"naming the form to write"

# 4: a class session after its application window and not in the past: session add, the
# sessions import (the screen's form: tests/unit/test_people.c).
S session add w1 --offering $off --date 2026-12-13 --start 10:00 --duration 60 --seats 8
is "$status" 1 "a session on the window's last day is refused"
has "$err" "Date: 2026-12-13 is not after the application window of $off (2026-11-29 to 2026-12-13): a class is held after its applications close, on 2026-12-14 or later" \
	"naming the field and the window's days"
S session add w1 --offering intro-android-202612 --date 2026-12-05 --start 10:00 --duration 60 --seats 8
is "$status" 1 "a session before a window that has not opened yet is refused"
has "$err" "Date: 2026-12-05 is not after the application window of intro-android-202612 (2026-12-09 to 2026-12-23)" \
	"naming that window"
S session add w1 --offering $off --date 2026-12-01 --start 10:00 --duration 60 --seats 8
is "$status" 1 "a session in the past is refused"
has "$err" "Date: 2026-12-01 is in the past (today is 2026-12-02)" "naming today"
S session add w1 --offering $off --date 2026-12-14 --start 10:00 --duration 60 --seats 8
is "$status" 0 "the day after the window is taken"
S session edit w1 --date 2026-12-10
is "$status" 1 "a session is not moved into the window either"
S session edit w1 --offering intro-android-202612
is "$status" 1 "nor into another class whose window it falls in"
has "$err" "intro-android-202612 (2026-12-09 to 2026-12-23)" "naming that class's window"
S session edit op-iphone-2022-1 --seats 7
is "$status" 0 "a past session's other fields still change"
S offering edit $off --to 2026-12-14
is "$status" 1 "nor is the window moved to end on a session's day"
has "$err" "Applications until: 2026-12-14 is not before session w1 of $off (2026-12-14): applications close before the class, on 2026-12-13 at the latest" \
	"naming the field, the session and its day"
printf 'code,course,venue,apply_from,apply_to,capacity\n%s,trial,ebara1,2026-11-29,2026-12-31,8\n' "$off" >"$T/offerings.csv"
S import offerings "$T/offerings.csv"
has "$err" "row 2, field 'apply_to': 2026-12-31 is not before session w1" "in an import too"
cat >"$T/sessions.csv" <<CSV
code,offering,date,start,duration,seats
w2,$off,2026-12-20,10:00,60,8
w3,$off,2026-12-10,10:00,60,8
w4,$off,2026-11-30,10:00,60,8
CSV
dump before
S import sessions "$T/sessions.csv"
is "$status" 1 "the sessions import refuses them too"
has "$err" "row 3, field 'date': 2026-12-10 is not after the application window of $off (2026-11-29 to 2026-12-13)" \
	"a session inside the window, by row"
has "$err" "row 4, field 'date': 2026-11-30 is in the past (today is 2026-12-02)" "a session in the past, by row"
dump after
same_file "$T/after.sql" "$T/before.sql" "and nothing changed"
# A large file with a bad row is refused by its first pass alone, before any row is written:
# the other rows are not checked against the database, and the message says so.
awk 'BEGIN { print "code,name,kana,phone,birth_year,resident"
	for (i = 1; i <= 10001; i++) printf "L%05d,区民　%d,クミン　%d,03-%04d-%04d,1950,yes\n", i, i, i, i % 10000, i % 9999
	print "LBAD,区民,クミン,03-0000-0000,昭和99,yes" }' >"$T/large.csv"
dump before
S import people "$T/large.csv"
is "$status" 1 "a file of 10,002 rows with a bad last row is refused"
has "$err" "row 10003, field 'birth_year'" "naming its bad row"
has "$err" "the other rows were not yet checked against the database (the file has more than 10000 rows)" \
	"and saying the others were checked without the database"
dump after
same_file "$T/after.sql" "$T/before.sql" "and nothing changed"
done_testing
