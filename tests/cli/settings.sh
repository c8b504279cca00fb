#!/bin/sh
# Configuration: system, then $XDG_CONFIG_HOME, then --config; messages name file, line, key.
. "$top_srcdir/tests/lib.sh"
db="$T/s.db"
"$SUMAHO" --db "$db" init >/dev/null || exit 99
mkdir -p "$XDG_CONFIG_HOME/sumaho"
user="$XDG_CONFIG_HOME/sumaho/sumaho.ini"

printf '[general]\nlanguage = en\n' >"$user"
run --help
has "$out" "Usage: sumaho" "the user's file chooses English"
printf '[general]\nlanguage = ja\n' >"$T/extra.ini"
run --config "$T/extra.ini" --help
has "$out" "使い方" "--config is read last and wins"
LANGUAGE=en run --config "$T/extra.ini" --help
has "$out" "使い方" "the configuration's language wins over the environment's"

printf '[general]\nlanguage = en\ncolor = yes\n\n[kiosk]\nidle_seconds = 60\n' >"$user"
run --db "$db" report monthly --from 2022-04 --to 2022-04
is "$status" 0 "unknown keys do not stop sumaho"
has "$err" "sumaho: warning: $user:3: unknown key 'color' in section [general], ignored" \
	"the warning names the file, line and key"
has "$err" "$user:6: unknown key 'idle_seconds' in section [kiosk]" "each unknown key is named"
has "$out" "Class sessions" "the known key still applies"

printf '[general]\nlanguage = klingon\n' >"$user"
LANGUAGE=en run --db "$db" report monthly --from 2022-04 --to 2022-04
is "$status" 0 "a bad value does not stop sumaho"
has "$err" "$user:2: key 'language' in section [general]: invalid value 'klingon', ignored" \
	"the warning names the value"

printf '[general]\nlanguage = en\nthis is not a setting\n' >"$user"
run --db "$db" report monthly
is "$status" 1 "a malformed file stops sumaho"
has "$err" "sumaho: $user:3: 'キー = 値' か '[セクション]' のはずが 'this is not a setting' になっています" \
	"naming the file and line, in the default language since the file was not used"
is "$out" "" "and nothing else happens"
rm -f "$user"

run --config "$T/nonexistent.ini" --db "$db" report monthly
is "$status" 1 "a --config file that does not exist is an error"
has "$err" "nonexistent.ini: 開けません" "naming it"

printf '[database]\nbusy_timeout_ms = 250\n[display]\ncolour = no\n[general]\ndate_style = era\n' >"$T/ok.ini"
run --config "$T/ok.ini" --db "$db" report monthly --from 2019-04 --to 2019-05
is "$status" 0 "a file with every known key"
is "$err" "" "gives no warning"
has "$out" "平成31年4月" "April 2019 is Heisei 31"
has "$out" "令和元年5月" "May 2019 is the first year of Reiwa (元年)"

# The appliance's terminal font ([kiosk] font, font_size), printed by 'kiosk font' with no
# database at all; bad values are ignored with a warning naming the line.
run --db "$T/none/at/all.db" kiosk font
is "$out" "IPAGothic:size=28" "kiosk font: IPAGothic at 28 pt by default, without a database"
printf '[kiosk]\nfont = IPAexGothic\nfont_size = 36\n' >"$T/font.ini"
run --config "$T/font.ini" kiosk font
is "$out" "IPAexGothic:size=36" "kiosk font: as [kiosk] font and font_size say"
printf '[kiosk]\nfont = IPAGothic:size=99\nfont_size = 200\n' >"$T/badfont.ini"
run --config "$T/badfont.ini" kiosk font
is "$out" "IPAGothic:size=28" "a font name with ':' and a size over 96 are ignored"
has "$err" "badfont.ini:2" "with a warning naming the font's line"
has "$err" "badfont.ini:3" "and the size's"
ls "$T/none" >/dev/null 2>&1
check "and no database or directory was made" test $? -ne 0

check "the sample configuration in assets/ has no unknown keys" \
	sh -c "'$SUMAHO' --config '$top_srcdir/assets/sumaho.ini' --db '$db' report monthly 2>'$T/sample.err' >/dev/null && ! test -s '$T/sample.err'"
# Issue 16: files that are not text, or not files. Each is refused with a message, at once,
# and the database is unchanged.
db_dump "$db" >"$T/before.sql"
refused() { # DESCRIPTION EXPECTED-MESSAGE SUMAHO-ARGS...
	desc=$1 want=$2
	shift 2
	# A hang (a FIFO opened for reading) ends in 20 s as a failure, not as a stuck suite.
	LANGUAGE=en timeout 20 "$SUMAHO" "$@" >"$T/stdout" 2>"$T/stderr" </dev/null
	status=$?
	err=$(cat "$T/stderr")
	is "$status" 1 "$desc: refused"
	has "$err" "$want" "$desc: '$want'"
	db_dump "$db" >"$T/after.sql"
	check "$desc: the database is unchanged" cmp -s "$T/before.sql" "$T/after.sql"
}
printf '[general]\nlanguage = en\0\n' >"$T/nul.ini"
refused "a NUL byte in the INI" "nul.ini:2: a NUL byte; the file is not text" \
	--config "$T/nul.ini" --db "$db" report monthly
printf '[general]\rlanguage = en\r[consultations]\rmonthly_limit = 1\r' >"$T/cr.ini"
refused "an INI with CR-only line ends" \
	"cr.ini:1: a line ends with a CR alone (old Mac line ends); save the file with LF or CRLF line ends" \
	--config "$T/cr.ini" --db "$db" report monthly
printf '[general]\r\nlanguage = en\r\n' >"$T/crlf.ini"
LANGUAGE=ja run --config "$T/crlf.ini" --db "$db" report monthly --from 2022-04 --to 2022-04
has "$out" "Class sessions" "CRLF line ends are read as they always were"
mkfifo "$T/fifo"
refused "--config naming a FIFO" "fifo: not a regular file" \
	--config "$T/fifo" --db "$db" report monthly
refused "--config naming a device" "/dev/zero: not a regular file" \
	--config /dev/zero --db "$db" report monthly
if on_sqlite; then
	refused "--db naming a FIFO" "cannot open database $T/fifo: not a regular file" \
		--db "$T/fifo" report monthly
	refused "--db naming a device" "cannot open database /dev/null: not a regular file" \
		--db /dev/null init
else # --db names a database on the server there, never a file
	for d in "--db naming a FIFO" "--db naming a device"; do
		for what in refused "the message names it" "the database is unchanged"; do
			skip "$d: $what" "a PostgreSQL database is no file"
		done
	done
fi
done_testing
