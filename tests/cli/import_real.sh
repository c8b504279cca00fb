#!/bin/sh
# Real files from the city: the online service's export as it comes (CP932, Japanese headings,
# 和暦 birth dates, slashed dates with times, はい/いいえ, classes by title), files that mix
# encodings, names that are blank or differ only in form, and updates that must be asked for.
# Every refusal names its row and field and leaves the database exactly as it was.
. "$top_srcdir/tests/lib.sh"
db="$T/real.db"
today=2026-12-05
S() { LANGUAGE=en run --db "$db" --today $today "$@"; }
"$SUMAHO" --db "$db" --today $today init >/dev/null || exit 99
cat >"$T/off.csv" <<'CSV'
code,course,venue,apply_from,apply_to,capacity
trial-2027,trial,sekigahara,2026-11-20,2026-12-15,10
intro-android-2027,intro-android,sekigahara,2026-11-20,2026-12-15,10
intro-iphone-2027,intro-iphone,sekigahara,2026-11-20,2026-12-15,10
op-iphone-2027,onepoint-iphone,sekigahara,2026-11-20,2026-12-15,10
op-android-2026,onepoint-android,sekigahara,2026-09-01,2026-09-15,10
CSV
cat >"$T/people.csv" <<'CSV'
code,name,kana,phone,birth_year,resident
P0001,小林　博,コバヤシ　ヒロシ,03-5497-0775,1943,yes
P0002,高橋　和子,タカハシ　カズコ,03-3778-2929,1956,yes
CSV
for k in venues courses; do
	"$SUMAHO" --db "$db" --today $today import $k "$top_srcdir/assets/demo/$k.csv" >/dev/null || exit 99
done
"$SUMAHO" --db "$db" --today $today import offerings "$T/off.csv" >/dev/null || exit 99
"$SUMAHO" --db "$db" --today $today import people "$T/people.csv" >/dev/null || exit 99

# refused KIND FILE MESSAGE DESCRIPTION [OPTION]: the import fails, says MESSAGE, and the
# database's dump is what it was.
refused() {
	db_dump "$db" >"$T/before.sql"
	S import "$1" "$2" $5
	is "$status" 1 "$4: refused"
	has "$err" "$3" "$4: says so"
	db_dump "$db" >"$T/after.sql"
	check "$4: the database is unchanged" cmp -s "$T/before.sql" "$T/after.sql"
}

# The service's export: CP932, CRLF, quoted, Japanese headings; 和暦 birth dates; はい/いいえ;
# classes by title where that is unambiguous (ワンポイント教室: the one open on the day).
S import online "$top_srcdir/tests/data/online-service-cp932.csv"
is "$status" 0 "the online service's CP932 export is imported"
has "$out" "5 rows read, 7 new records" "five rows, seven applications (two second choices)"
is "$(sql "$db" "SELECT count(*) FROM people")" 5 "three new people registered, two matched"
is "$(sql "$db" "SELECT p.code || ':' || o.code || ':' || a.choice || ':' || a.applied_at FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id ORDER BY a.ref")" \
"P0001:trial-2027:1:2026-12-02
P0002:intro-android-2027:1:2026-12-02
P0002:trial-2027:2:2026-12-02
P0003:op-iphone-2027:1:2026-12-03
P0004:intro-android-2027:1:2026-12-03
P0005:op-iphone-2027:1:2026-12-04
P0005:intro-android-2027:2:2026-12-04" \
	"小林 by name and phone, 髙橋 as 高橋 by the same phone; titles and codes; choices"
is "$(sql "$db" "SELECT name || ':' || kana || ':' || birth_year || ':' || resident FROM people WHERE code IN ('P0003', 'P0004', 'P0005') ORDER BY code")" \
"佐藤　花子:サトウ　ハナコ:1947:0
鈴木　一郎:スズキ　イチロウ:1948:1
ホセ・ガルシア:ホセ　ガルシア:1950:1" "和暦 and Western birth dates, はい/いいえ"
S import online "$top_srcdir/tests/data/online-service-cp932.csv"
has "$out" "5 rows read, 0 new records" "the same export again adds nothing"

# Dates and headings in the other forms the service and Excel write; an [import] heading.
mkdir -p "$T/config/sumaho"
printf '[import]\nname = 申込者のお名前\n' >"$T/config/sumaho/sumaho.ini"
cat >"$T/forms.csv" <<'CSV'
申込番号,受付日時,講座名,申込者のお名前,ふりがな,生年,連絡先電話番号,区民
F1,2026-12-02 10:15,trial-2027,山本　一,ヤマモト　ハジメ,昭和25,03-1111-0001,○
F2,令和8年12月2日,trial-2027,山本　二,ヤマモト　ツギ,1950-03-01,03-1111-0002,×
F3,R8.12.2,trial-2027,山本　三,ヤマモト　サン,昭和25年3月1日,03-1111-0003,yes
CSV
S import online "$T/forms.csv"
is "$status" 0 "English-free headings of a site's own form ([import] name = ...)"
is "$(sql "$db" "SELECT group_concat(x, ' ') FROM (SELECT a.applied_at || '/' || p.birth_year || '/' || p.resident AS x FROM applications a JOIN people p ON p.id = a.person_id WHERE a.ref LIKE 'F%' ORDER BY a.ref) t")" \
	"2026-12-02/1950/1 2026-12-02/1950/0 2026-12-02/1950/1" "2026-12-02 10:15, 令和8年12月2日, R8.12.2; ○/×"
rm "$T/config/sumaho/sumaho.ini"

# One encoding a file: the row that does not fit is named, and the row that decided.
{ printf 'code,name\r\nE1,山田\r\n'; printf 'E2,山田\r\n' | iconv -f UTF-8 -t CP932; } >"$T/mixed.csv"
refused people "$T/mixed.csv" "mixed.csv: row 3 is not UTF-8, but row 2 was" "a UTF-8 file with a CP932 row"
{ printf 'code,name\r\n'; printf 'E1,山田\r\n' | iconv -f UTF-8 -t CP932; printf 'E2,山田\r\n'; } >"$T/mixed2.csv"
refused people "$T/mixed2.csv" "mixed2.csv: row 3 is UTF-8, but row 2 was CP932" "a CP932 file with a UTF-8 row"
{ printf '\357\273\277code,name\r\n'; printf 'E1,山田\r\n' | iconv -f UTF-8 -t CP932; } >"$T/bom.csv"
refused people "$T/bom.csv" "bom.csv: row 2 is not UTF-8, but the file begins with a UTF-8 BOM" "a BOM file with a CP932 row"

# Names that draw nothing, each refused with its row and field.
for c in '\302\240' '\342\200\215' '\343\205\244' '\342\240\200' '\357\276\240' '\314\201' '\343\200\200\342\200\213'; do
	printf "code,name\nB1,$c\n" >"$T/blank.csv"
	refused people "$T/blank.csv" "row 2, field 'name': " "a name of $(printf "$c" | od -An -tx1 | tr -d ' ')"
done
LANGUAGE=en run --db "$db" --today $today people add "$(printf '\343\205\244\342\200\215')"
is "$status" 1 "people add refuses a name of fillers too"
has "$err" "holds no visible character" "with the same words"

# One person however the file writes them: José in NFC and NFD; kana forms, 髙/高, the phone.
printf 'code,name,phone\nJ1,Jos\303\251 Garc\303\255a,090-5555-0001\nJ2,Jose\314\201 Garci\314\201a,090-5555-0001\n' >"$T/jose.csv"
refused people "$T/jose.csv" "row 3: José García is already registered as J1" "José in NFC and in NFD"
cat >"$T/four.csv" <<'CSV'
code,name,kana,phone,birth_year
T1,髙田　恵子,タカダ　ケイコ,03-2222-0001,1950
T2,高田　恵子,たかだ　けいこ,03-2222-0001,
T3,高田恵子,ﾀｶﾀﾞ ｹｲｺ,0322220001,
T4,鷹田　恵子,タカダ　ケイコ,03-2222-0001,
CSV
refused people "$T/four.csv" "row 3: 高田　恵子 is already registered as T1" "four rows of one person: the second"
has "$err" "row 4: 高田恵子 is already registered as T1" "the third (half-width kana, no spaces)"
has "$err" "row 5: 鷹田　恵子 is already registered as T1" "the fourth (the same kana and phone)"
printf 'code,name,phone\nJ1,Jos\303\251 Garc\303\255a,090-5555-0001\n' >"$T/jose1.csv"
"$SUMAHO" --db "$db" --today $today import people "$T/jose1.csv" >/dev/null
LANGUAGE=en run --db "$db" --today $today people add "$(printf 'Jose\314\201 Garci\314\201a')" --phone 09055550001
is "$status" 1 "people add refuses José in NFD after José in NFC, as the import does"
hex() { od -An -tx1 | tr -d ' \n'; }
is "$(printf '%s' "$(sql "$db" "SELECT name FROM people WHERE code = 'J1'")" | hex)" "$(printf 'Jos\303\251 Garc\303\255a' | hex)" "stored in NFC"

# An existing person changed only with --update; every change reported and audited.
printf 'code,name,kana,phone,birth_year,resident\nP0002,高橋　和子,タカハシ　カズコ,03-9999-0000,1956,no\n' >"$T/change.csv"
refused people "$T/change.csv" "row 2, field 'code': P0002 is already registered, as 高橋　和子, with other details; import with --update to change them" "a row changing P0002"
S import people "$T/change.csv" --update
is "$status" 0 "with --update it is changed"
has "$out" "change.csv: row 2: P0002: phone '03-3778-2929' -> '03-9999-0000', resident 'yes' -> 'no'" "every changed field shown, old and new"
has "$out" "1 record changed" "and counted"
is "$(sql "$db" "SELECT detail FROM audit_log WHERE action = 'edit' ORDER BY id DESC LIMIT 1")" \
	"person P0002: phone '03-3778-2929' -> '03-9999-0000', resident 'yes' -> 'no'" "and audited with old and new values"

# The language of each person's notices: a column 言語 with the words a spreadsheet writes.
cat >"$T/lang.csv" <<'CSV'
利用者番号,氏名,電話番号,言語
L1,Ann Lee,090-7777-0001,English
L2,山口　花,090-7777-0002,日本語
L3,Tom Ray,090-7777-0003,英語
L4,川上　進,090-7777-0004,
L5,Bo Kim,090-7777-0005,EN
CSV
S import people "$T/lang.csv"
is "$status" 0 "a people file with a 言語 column"
is "$(sql "$db" "SELECT group_concat(code || ' ' || language, ', ') FROM (SELECT code, language FROM people WHERE code LIKE 'L%' ORDER BY code) t")" \
	"L1 en, L2 ja, L3 en, L4 ja, L5 en" "English, 日本語, 英語, empty (Japanese) and EN"
printf 'code,name,phone,language\nL6,Eve Noh,090-7777-0006,fr\n' >"$T/lang-bad.csv"
refused people "$T/lang-bad.csv" "row 2, field 'language': 'fr' is not one of: ja, en, 日本語, 英語, English" \
	"a language sumaho does not write"
printf 'code,name,phone,language\nL1,Ann Lee,090-7777-0001,ja\nL3,Tom Ray,090-7777-0003,\n' >"$T/lang-change.csv"
refused people "$T/lang-change.csv" "row 2, field 'code': L1 is already registered, as Ann Lee, with other details" \
	"another language for someone registered"
S import people "$T/lang-change.csv" --update
is "$status" 0 "with --update the language is changed"
has "$out" "lang-change.csv: row 2: L1: language 'en' -> 'ja'" "the change shown, old and new"
has "$out" "1 record changed" "an empty language leaves L3's as it is"
is "$(sql "$db" "SELECT detail FROM audit_log WHERE action = 'edit' ORDER BY id DESC LIMIT 1")" \
	"person L1: language 'en' -> 'ja'" "and audited with the old and new value"
is "$(sql "$db" "SELECT language FROM people WHERE code = 'L3'")" en "L3 is still English"

# Bad values in the service's forms.
cat >"$T/bad.csv" <<'CSV'
受付番号,申込日時,申込講座,氏名,生年月日,区内在住
X1,2026/13/2 10:15,trial-2027,石田　一,昭和25,はい
X2,2026/12/2,trial-2027,石田　二,平成31年5月1日,はい
X3,2026/12/2,trial-2027,石田　三,1950,たぶん
X4,2026/12/2,スマホ入門,石田　四,1950,はい
X5,2026/12/2 25:00,trial-2027,石田　五,1950,はい
CSV
refused online "$T/bad.csv" "row 2, field '申込日時': '2026/13/2 10:15' is not a date that exists" "a month 13"
has "$err" "row 3, field '生年月日': '平成31年5月1日' is after the Heisei era ended: read as Reiwa 1 (first year), 5/1 (Wed) (2019-05-01)" "a Heisei date after Heisei ended: read as Reiwa's, said so"
has "$err" "row 4, field '区内在住': 'たぶん' is not one of: yes, no, はい, いいえ, ○, ×" "a resident neither yes nor no"
has "$err" "row 6, field '申込日時': '2026/12/2 25:00' is not a date" "an hour 25"
sed '2,4d;6d' "$T/bad.csv" >"$T/ambiguous.csv"
refused online "$T/ambiguous.csv" "row 2, field '申込講座': 2 classes are titled 'スマホ入門' (intro-android-2027, intro-iphone-2027): name the class by its code" "a title two open classes share"
printf '受付番号,申込日時,申込講座,氏名,好きな色\nX1,2026/12/2,trial-2027,石田　一,赤\n' >"$T/unknown.csv"
refused online "$T/unknown.csv" "row 1: unknown column '好きな色'" "an unknown heading"
done_testing
