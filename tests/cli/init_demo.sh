#!/bin/sh
# sumaho init [--demo]: the database is created, upgraded, and the demo reproduces the city's
# tables (GLOSSARY.md) exactly, in both languages.
. "$top_srcdir/tests/lib.sh"
exp="$top_srcdir/tests/cli/expected"
db="$T/demo.db"

run --db "$db" init
is "$status" 0 "init creates a database"
has "$out" "スキーマ版 27" "and reports the schema version"
sqlite_is "$db" 'PRAGMA user_version' 27 "user_version is 27"
sqlite_is "$db" 'PRAGMA journal_mode' wal "the database is in WAL mode"
sqlite_is "$db" 'PRAGMA page_size' 16384 "with pages of 16 KiB"
run --db "$db" init
is "$status" 0 "init on an up-to-date database succeeds"
has "$out" "最新" "and says it is up to date"
run --db "$db" init --demo
is "$status" 0 "--demo on an empty database loads the demo"
has "$out" "デモデータ (2022年4月〜9月)" "and says so"
run --db "$db" init --demo
is "$status" 1 "--demo again is refused"
has "$err" "既にデータがあります" "because the database holds data"

sqlite_is "$db" 'PRAGMA integrity_check' ok "integrity_check is ok"
sqlite_is "$db" 'PRAGMA foreign_key_check' "" "no foreign key is broken"
is "$(sql "$db" "SELECT count(*) FROM sessions WHERE date < '2023-01-01'")" 21 "21 class sessions in 2022"
# After the demo's half year, classes from the day it is made, for the kiosk to show: five
# offerings (seats left, few, full, closed, not open yet) of nine sessions.
today=$(clock_today)
is "$(sql "$db" "SELECT count(DISTINCT offering_id) || ' ' || count(*) FROM sessions WHERE date > '$today'")" \
	"5 9" "and five classes coming up from today"
is "$(sql "$db" "SELECT count(*) FROM venues WHERE name IN ('関ヶ原','平塚橋')")" 2 \
	"the venues 関ヶ原 and 平塚橋"
is "$(sql "$db" "SELECT count(DISTINCT date) FROM consultation_slots WHERE date <= '2022-09-30'")" 34 \
	"consultation days in August and September"
is "$(sql "$db" "SELECT count(*) FROM people WHERE kana = '' OR phone = '' OR birth_year IS NULL")" 0 \
	"every person has kana, a phone number and a birth year"
is "$(sql "$db" "SELECT min(birth_year) >= 1900 AND max(birth_year) <= 1957 FROM people")" 1 \
	"everyone was 65 or over in 2022"

# The tables, as a coordinator prints them, against GLOSSARY.md.
for lang in ja en; do
	for r in monthly classes; do
		LANGUAGE=$lang "$SUMAHO" --db "$db" report $r --from 2022-04 --to 2022-09 \
			>"$T/$r-$lang.txt" 2>"$T/err"
		ok $? "report $r ($lang) succeeds"
		same_file "$T/$r-$lang.txt" "$exp/report-$r-$lang.txt" \
			"report $r ($lang) reproduces the city's table"
	done
done
printf '[general]\ndate_style = era\n' >"$T/era.ini"
"$SUMAHO" --config "$T/era.ini" --db "$db" report monthly --from 2022-04 --to 2022-09 >"$T/era.txt"
has "$(cat "$T/era.txt")" "令和4年8月" "date_style = era prints 令和4年8月"

# The default place: $XDG_DATA_HOME/sumaho/sumaho.db.
run init
is "$status" 0 "init with no --db"
check "creates \$XDG_DATA_HOME/sumaho/sumaho.db" test -f "$XDG_DATA_HOME/sumaho/sumaho.db"

# A database set in the configuration, relative to the file.
mkdir -p "$T/site"
printf '[database]\npath = data/site.db\n' >"$T/site/sumaho.ini"
run --config "$T/site/sumaho.ini" init
is "$status" 0 "init with the database named in a configuration file"
check "the relative path is taken from the file's directory" test -f "$T/site/data/site.db"
run --config "$T/site/sumaho.ini" --db "$T/override.db" init
is "$(sql "$T/override.db" "SELECT count(*) FROM venues")" 0 "--db overrides the configuration"

done_testing
