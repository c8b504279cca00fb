#!/bin/sh
# Benchmark: the notices of 1,000 applicants, a page each, as `sumaho notices` writes them:
# ten classes of 24 seats with 100 applicants each (24 winners with a QR code, 5 on the
# waiting list, 71 who lost), as postcards and as A4 letters, as postcards again with every
# other applicant reading English (the catalogs switched at every page), then the class list
# of one session. Prints the time and the peak memory (maximum resident set size) of each; never
# fails on time.
# usage: tests/bench/notices.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
. "$(dirname "$0")/benchlib.sh"
db="$T/notices.db"
bench_sql "$db" <<SQL || exit 1
UPDATE venues SET address = '東京都品川区広町二丁目1番36号';
UPDATE courses SET bring = 'ご自分のスマホ（充電しておいてください）、筆記用具';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)
SELECT 'o' || i, 1 + i % 5, 1 + i, '2027-01-01', '2027-01-31', 24 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29)
INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)
SELECT 's' || i, 1 + i / 3, date('2027-03-01', '+' || (i * 7) || ' days'), '10:00', 90, 8 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO people (code, name, kana, name_key, kana_key, phone, phone_digits, birth_year)
SELECT printf('P%04d', i), '品川　区民' || i, 'シナガワ　クミン', '区民' || i, 'くみん', '', '',
 1930 + i % 25 FROM n;
INSERT INTO applications (offering_id, person_id, channel, choice, applied_at)
SELECT 1 + (id - 1) / 100, id, 'postcard', 1, '2027-01-10' FROM people;
COMMIT;
SQL
"$SUMAHO" --db "$db" lottery run o0 o1 o2 o3 o4 o5 o6 o7 o8 o9 --early >/dev/null || exit 1
printf '[notices]\nphone = 03-5742-6715\n' >"$T/sumaho.ini"

echo "notices: 10 classes, 1,000 applicants (240 won, 50 waiting, 710 lost)"
bench_measure "sumaho notices (1,000 postcards)" "$SUMAHO" --db "$db" --config "$T/sumaho.ini" notices o0 o1 o2 o3 o4 o5 o6 o7 o8 o9 -o "$T/postcards.pdf"
bench_measure "sumaho notices --layout a4 (1,000 letters)" "$SUMAHO" --db "$db" \
	--config "$T/sumaho.ini" notices o0 o1 o2 o3 o4 o5 o6 o7 o8 o9 \
	--layout a4 -o "$T/letters.pdf"
# Every other applicant reads English: the catalogs switch at every page.
sqlite3 "$db" "UPDATE people SET language = 'en' WHERE id % 2 = 0" || exit 1
bench_measure "sumaho notices (1,000 postcards, ja/en mixed)" "$SUMAHO" --db "$db" \
	--config "$T/sumaho.ini" notices o0 o1 o2 o3 o4 o5 o6 o7 o8 o9 -o "$T/mixed.pdf"
bench_measure "sumaho roster (one session)" "$SUMAHO" --db "$db" --config "$T/sumaho.ini" roster s0 -o "$T/roster.pdf"
for f in postcards letters mixed; do
	printf '%s.pdf: %s pages, %s bytes\n' $f "$(pdfinfo "$T/$f.pdf" | awk '/^Pages:/ { print $2 }')" \
		"$(stat -c %s "$T/$f.pdf")"
done
