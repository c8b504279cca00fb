#!/bin/sh
# CSV out never carries a live spreadsheet formula: people whose names (and codes) begin with
# '=', '+', '-' or '@' are imported, drawn and exported; no field of the draw's CSV, a report's
# CSV or an import's rejects file begins with a formula character (but "-" and plain numbers
# stay as they are), and the draw still verifies with tests/lottery_verify.py.
. "$top_srcdir/tests/lib.sh"
db="$T/f.db"
today=2026-11-24
S() { run --db "$db" --today $today "$@"; }
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
PY=/usr/bin/python3

cat >"$T/course.csv" <<'EOF2'
code,title,device,level,description
at-course,@SUM(1+1),android,intro,=1+1
EOF2
cat >"$T/off.csv" <<'EOF2'
code,course,venue,apply_from,apply_to,capacity
off-2027,at-course,sekigahara,2026-11-01,2026-12-15,2
EOF2
cat >"$T/ses.csv" <<'EOF2'
code,offering,date,start,duration,seats
off-2027-1,off-2027,2027-01-14,10:00,90,6
EOF2
cat >"$T/people.csv" <<'EOF2'
code,name,kana,phone,birth_year,resident
-f1,"=HYPERLINK(""http://x.invalid"",""詳細"")",イコール,03-1111-0001,1950,yes
-f2,@SUM(1+1),アット,+81-3-1111-0002,1950,yes
-f3,+cmd|' /C calc'!A0,プラス,03-1111-0003,1950,yes
-f4,-2+3,マイナス,03-1111-0004,1950,yes
-f5,=1+2,イコール,03-1111-0005,1850,yes
EOF2
cat >"$T/apps.csv" <<'EOF2'
ref,offering,person,channel,choice,applied_at
,off-2027,-f1,counter,1,2026-11-02
,off-2027,-f2,counter,1,2026-11-02
,off-2027,-f3,counter,1,2026-11-02
,off-2027,-f4,counter,1,2026-11-02
EOF2
S import courses "$T/course.csv"
is "$status" 0 "a course titled @SUM(1+1)"
S import offerings "$T/off.csv" && S import sessions "$T/ses.csv"
is "$status" 0 "its class and session"
LANGUAGE=en S import people "$T/people.csv" --good-rows "$T/rejects.csv"
is "$status" 0 "people named like formulas are imported"
has "$err" "1 bad row" "but one with an impossible birth year"
S import applications "$T/apps.csv"
is "$status" 0 "and they apply"
S lottery run off-2027 --early --seed 5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed
is "$status" 0 "the class is drawn"
S lottery export off-2027 -o "$T/draw.csv"
is "$status" 0 "the draw is exported"
S report classes --from 2027-01 --to 2027-01 --format csv
printf '%s\n' "$out" >"$T/report.csv"
has "$out" "'@SUM(1+1)" "the report lists the class"

# live FILE: the fields of a CSV file that a spreadsheet would take for formulas.
live() {
	$PY - "$1" <<'PY'
import csv, re, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
    for f in row:
        if f[:1] in ("=", "+", "-", "@", "\t", "\r") and f != "-" and not re.fullmatch(r"-\d+(\.\d+)?", f):
            print(repr(f))
PY
}
for f in draw.csv report.csv rejects.csv; do
	if [ -s "$T/$f" ]; then
		is "$(live "$T/$f")" "" "no field of $f begins with a formula character"
	else
		ok 1 "$f was written"
	fi
done
has "$(cat "$T/draw.csv")" "\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"詳細\"\")\"" \
	"a name is kept, after a quote"
has "$(cat "$T/draw.csv")" ",'-f2," "and so is a code"
has "$(cat "$T/draw.csv")" "'+81-3-1111-0002" "and a phone number written with +81"
has "$(cat "$T/rejects.csv")" "'=1+2" "the rejects file has the bad row, defused"
out=$($PY "$top_srcdir/tests/lottery_verify.py" "$T/draw.csv")
ok $? "tests/lottery_verify.py verifies the draw of people coded -f1 to -f4"
has "$out" "4 applications, 0 differences" "with no difference"
done_testing
