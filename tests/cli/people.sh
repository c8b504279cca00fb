#!/bin/sh
# sumaho people show, history and edit: a resident's details and history (applications with the
# draw's result, consultation bookings, class attendance; newest first), and corrections made
# with registration's checks and duplicate rule, audited with the old and new values; a refused
# correction changes nothing; once staff accounts exist, reception or a coordinator signs in.
. "$top_srcdir/tests/lib.sh"
db="$T/p.db"
clock_set "2022-10-01 09:00:00"
"$SUMAHO" --db "$db" --today 2022-10-01 init --demo >/dev/null 2>&1 || exit 99
S() { run --db "$db" --today 2022-10-01 "$@"; }
dump() { db_dump "$db"; }

# The demo's first resident: a class won and attended, an application for a later class.
LANGUAGE=en S people show P0001
is "$status" 0 "people show"
has "$out" "Code                  P0001" "the details, labels padded to one width"
has "$out" "Name                  小林　博" "the name"
has "$out" "Kana                  コバヤシ　ヒロシ" "the kana"
has "$out" "Phone                 03-5497-0775" "the phone"
has "$out" "Born                  1943" "the birth year"
has "$out" "Resident of the city  yes" "the resident flag"
has "$out" "2022-09-26         application  スマホ入門        品川第一地域センター  applied" \
	"an application not drawn yet"
has "$out" "2022-04-14  10:00  class        ワンポイント教室  関ヶ原                present" \
	"a class session attended"
has "$out" "2022-03-18         application  ワンポイント教室  関ヶ原                won" \
	"an application won"
S people show P0001
has "$out" "当選" "in Japanese by default"
has "$out" "フリガナ" "with Japanese labels"

# Consultation bookings: one cancelled, two booked, newest first (free slots of the demo's).
# One a day: a person has at most one consultation a day.
free=$(sql "$db" "SELECT date || ' ' || min(start) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND date >= '2022-10-03' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') GROUP BY date ORDER BY date LIMIT 3" | tr '\n' ' ')
# shellcheck disable=SC2086
set -- $free
S slots book sekigahara "$1" "$2" P0001 --topic line
S slots cancel sekigahara "$1" "$2"
S slots book sekigahara "$3" "$4" P0001 --topic photos
S slots book sekigahara "$5" "$6" P0001 --topic scam
LANGUAGE=en S people history P0001
is "$status" 0 "people history"
hasnt "$out" "Resident of the city" "history leaves out the details"
first=$(printf '%s\n' "$out" | sed -n 3p)
has "$first" "$5  $6  consultation  Scam calls" "newest first: the latest booking"
has "$out" "$3  $4  consultation  Photos" "a second booking"
has "$out" "$1  $2  consultation  LINE" "the cancelled booking is kept"
has "$(printf '%s\n' "$out" | grep "  LINE  ")" "cancelled" "and said to be cancelled"
is "$(printf '%s\n' "$out" | grep -c .)" 8 "six events under the header"

# The draw's results in words: waiting with its place, ineligible with the reason.
LANGUAGE=en S people add "若井 太郎" --phone 03-1111-1111 --birth-year 1990
young=$(printf '%s\n' "$out" | sed 's/.* as //')
S apply intro-iphone-202210 "$young"
LANGUAGE=en S people show "$young"
has "$out" "ineligible: " "an ineligible application with the reason"
waiting=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id WHERE a.status = 'waiting' ORDER BY p.code LIMIT 1")
LANGUAGE=en S people show "$waiting"
has "$out" "waiting" "a place on the waiting list"

LANGUAGE=en S people show P9999
is "$status" 1 "an unknown code"
has "$err" "no person with code 'P9999'" "is named"

# Corrections.
audits() { sql "$db" "SELECT count(*) FROM audit_log"; }
LANGUAGE=en S people edit P0001 --phone 03-1111-2222 --kana "こばやし ひろし"
is "$status" 0 "people edit"
has "$out" "Changed the details of P0001." "says so"
has "$(sql "$db" "SELECT actor || ' ' || action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"edit person P0001: kana 'コバヤシ　ヒロシ' -> 'こばやし ひろし', phone '03-5497-0775' -> '03-1111-2222'" \
	"audited with the old and new value of each changed field"
LANGUAGE=en S people find 1111-2222
has "$out" "P0001" "the new phone is found"
LANGUAGE=en S people find 0775
hasnt "$out" "P0001" "the old one is not"
LANGUAGE=en S people find ひろし
has "$out" "P0001" "the new kana's given name is found"
LANGUAGE=en S people edit P0001 --name "小林 博" --birth-year 1944
is "$status" 0 "name and birth year"
is "$(sql "$db" "SELECT name || ' ' || birth_year FROM people WHERE code = 'P0001'")" "小林 博 1944" \
	"are changed"

# The language of a person's notices: Japanese unless given, set and corrected like the rest.
LANGUAGE=en S people show P0001
has "$out" "Language              日本語" "a person reads Japanese unless told otherwise"
LANGUAGE=en S people add "Ann Lee" --phone 090-7777-0001 --language en
is "$status" 0 "people add --language en"
ann=$(printf '%s\n' "$out" | sed 's/.* as //')
is "$(sql "$db" "SELECT language FROM people WHERE code = '$ann'")" en "is recorded"
S people show "$ann"
has "$out" "言語      English" "and shown, by the language's own name"
LANGUAGE=en S people edit P0001 --language English
is "$status" 0 "people edit --language English"
is "$(sql "$db" "SELECT action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"edit person P0001: language 'ja' -> 'en'" "audited with the old and new value"
LANGUAGE=en S people show P0001
has "$out" "Language              English" "people show says so"
LANGUAGE=en S people edit P0001 --language 日本語
is "$(sql "$db" "SELECT language FROM people WHERE code = 'P0001'")" ja "and back, in Japanese words"
dump >"$T/before.sql"
LANGUAGE=en S people add "Eve Noh" --language fr
is "$status" 1 "people add refuses a language sumaho does not write"
has "$err" "language: 'fr' is not one of: ja, en, 日本語, 英語, English" "naming the field and the value"

n=$(audits)
LANGUAGE=en S people edit P0001 --phone 03-1111-2222
is "$status" 0 "the same value again"
has "$out" "No change" "changes nothing and says so"
is "$(audits)" "$n" "and is not audited"

dump >"$T/before.sql"
refused() {
	want=$1
	field=$2
	shift 2
	LANGUAGE=en S people edit "$@"
	# The description without the control characters some values hold.
	is "$status" "$want" "refused: $(printf '%s' "$*" | tr -d '\001\033')"
	has "$err" "$field" "naming $field"
}
refused 1 "phone: " P0001 --phone 03-abc
refused 1 "name: " P0001 --name ""
refused 1 "name: " P0001 --name "$(printf 'x\033[2J')"
refused 1 "name: " P0001 --name "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろ"
refused 1 "kana: " P0001 --kana "$(printf 'x\001')"
refused 1 "birth year: " P0001 --birth-year 2023
refused 2 "--birth-year" P0001 --birth-year 19x4
refused 1 "P0002" P0001 --name "渡辺 勇" --phone 0354041490
refused 1 "P0002" P0001 --name "渡辺　勇" --birth-year 1934 --phone ""
refused 1 "no person with code" P9999 --name "山田 一郎"
refused 1 "language: 'de' is not one of" P0001 --language de --phone 03-9999-9999
LANGUAGE=en S people edit P0001
is "$status" 2 "nothing to change is a usage error"
dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "the refused edits changed nothing"
LANGUAGE=en S people add "昭和 生" --phone 03-1111-1112 --birth-year 昭和25
is "$status" 0 "a birth year as people write it (昭和25)"
is "$(sql "$db" "SELECT birth_year FROM people WHERE phone = '03-1111-1112'")" 1950 "is the year 1950"

# Once staff accounts exist: reception or a coordinator, signed in.
add_staff "$db" kanri admin "管理 花子" 2580
add_staff "$db" uketsuke reception "受付 一郎" 4826
for c in "people show P0001" "people history P0001" "people edit P0001 --kana コバヤシ"; do
	# shellcheck disable=SC2086
	LANGUAGE=en S $c
	is "$status" 2 "$c: refused without a sign-in"
done
# shellcheck disable=SC2086
LANGUAGE=en S $(sign_in_args uketsuke 4826) people show P0001
is "$status" 0 "reception may see a record"
# shellcheck disable=SC2086
LANGUAGE=en S $(sign_in_args uketsuke 4826) people edit P0001 --kana "コバヤシ　ヒロシ"
is "$status" 0 "and correct it"
is "$(sql "$db" "SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1")" "uketsuke" \
	"the audit names who did"

# More matches than are listed: twenty, and a word that there are more.
# shellcheck disable=SC2046
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) people find 茂
is "$(printf '%s\n' "$out" | grep -c '茂')" 20 "a search that matches more than twenty lists twenty"
has "$out" "More people match than the 20 shown" "and says there are more"
# shellcheck disable=SC2046
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) people find 小林
hasnt "$out" "More people match" "a search with fewer says nothing of the kind"

done_testing
