#!/bin/sh
# Hostile input, one table: each row a file to import and the message that must name what is
# wrong (nothing imported); then text that slipped into the database past the importer
# (escape sequences, bidi overrides) must reach the screen as harmless characters.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"
db="$T/hostile.db"
today=2026-11-24
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
count() { sql "$db" "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM offerings) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM applications)"; }
before=$(count)

# kind|file content (printf format)|what the message must say
while IFS='|' read -r kind content want; do
	[ -n "$kind" ] || continue
	printf "$content" >"$T/in.csv"
	LANGUAGE=en run --db "$db" --today $today import "$kind" "$T/in.csv"
	is "$status" 1 "$kind: $want"
	has "$err" "$want" "  the message names it"
done <<'TABLE'
people|code,name\nX1,\377\376bad\n|neither UTF-8 nor CP932
people|code,name\nX1,a\000b\n|NUL
people|code,name\nX1,"\033[2Jevil"\n|contains a control character
people|code,name\nX1,"\342\200\256evil"\n|contains a control character
people|code,name\nX1,\343\200\200\n|holds nothing but spaces
people|code,name\nX1,山田花子山田花子山田花子山田花子山田花子山田花子山田花子山田花子山田花子山田花子山田花子\n|longer than 40 characters
people|code,name\nX1;DROP TABLE people,a\n|is not a code
people|code,name,phone\nX1,a,03'; DROP TABLE people;--\n|field 'phone'
people|code,name,birth_year\nX1,a,-1\n|must be a whole number
offerings|code,course,venue,apply_from,apply_to,capacity\nO1,intro-android,sekigahara,2023-02-29,2023-03-10,10\n|'2023-02-29' is not a date
offerings|code,course,venue,apply_from,apply_to,capacity\nO1,intro-android,sekigahara,2023-03-01,2023-03-10,0\n|must be a whole number from 1 to 500, not '0'
offerings|code,course,venue,apply_from,apply_to,capacity\nO1,intro-android,sekigahara,2023-03-01,2023-03-10,-1\n|must be a whole number from 1 to 500, not '-1'
sessions|code,offering,date,start,duration,seats\nS1,op-iphone-2022,2022-05-01,24:30,90,6\n|is not a time
sessions|code,offering,date,start,duration,seats\nS1,op-iphone-2022,2022-05-01,10:00,90,0\n|must be a whole number from 6 to 10
online|offering,name,applied_at\nop-iphone-2022,"a""b,2022-03-10\n|quote
TABLE

# A 1 MB field, and emoji with combining characters (accepted: they are text).
/usr/bin/python3 -c "print('code,name'); print('X2,' + 'あ' * 350000)" >"$T/big.csv"
LANGUAGE=en run --db "$db" import people "$T/big.csv"
is "$status" 1 "a 1 MB name is refused"
has "$err" "longer than 40 characters" "as too long"
printf 'code,name,kana\nX3,"👩‍👩‍👧 e\314\201milie",エミリー\n' >"$T/emoji.csv"
LANGUAGE=en run --db "$db" import people "$T/emoji.csv"
is "$status" 0 "emoji and combining characters in a name are text like any other"
is "$(count)" $((before + 1)) "only that one was stored"

# Text that reached the database some other way is drawn as text, never as terminal codes.
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT id FROM consultation_slots WHERE date >= '$today')"
sql "$db" "INSERT INTO people (code, name, kana, name_key, kana_key) VALUES ('X9', '$(printf '\033]0;pwned\007悪\033[2J')', 'アク', 'x', 'あく')"
"$SUMAHO" --db "$db" --today $today slots book sekigahara $today 10:00 X9 --topic line >/dev/null 2>&1
"$SUMAHO" --db "$db" --today $today slots book sekigahara $today 10:30 X3 --topic line >/dev/null 2>&1
screen_start 80 24 "env LANGUAGE=en TERM=screen '$SUMAHO' --db '$db' --today $today"
screen_wait "Menu"
screen_keys 3
screen_expect "]0;pwned" "an escape sequence in a name is shown as characters"
has "$(screen_capture)" "悪" "with the rest of the name"
has "$(screen_capture)" "10:30  booked" "and the screen is not cleared by it"
screen_keys q

done_testing
