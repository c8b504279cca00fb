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
done_testing
