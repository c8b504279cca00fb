#!/bin/sh
# Benchmark: the reception's keystroke (people search + day view) with 1,000 and with 100,000
# people, each database holding five years of slots for two venues (weekdays 09:00-12:00 and
# 13:00-17:00, 14 slots a day) and bookings on a third of them; and the generation of those
# slots by `sumaho slots generate`. Prints figures; never fails on time.
# usage: tests/bench/consult.sh [SUMAHO [KEYSTROKE]]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
KEYSTROKE=${2:-$(dirname "$SUMAHO")/tests/bench/keystroke}
. "$(dirname "$0")/benchlib.sh"

make_db() { # make_db FILE PEOPLE
	db=$1
	"$SUMAHO" --db "$db" init >/dev/null || exit 1
	# People with names and kana from common family and given names (so that prefixes are
	# shared by many, as at a real counter), their search keys in hiragana, and phone numbers.
	sqlite3 "$db" <<SQL || exit 1
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO venues (code, name) VALUES ('v1', '関ヶ原'), ('v2', '平塚橋');
-- The name parts: 20 family names (ids 1-20), then 16 given names (ids 21-36).
CREATE TEMP TABLE part(id INTEGER PRIMARY KEY, kanji, kata, hira);
INSERT INTO part(kanji, kata, hira) VALUES ('佐藤','サトウ','さとう'),('鈴木','スズキ','すずき'),
 ('高橋','タカハシ','たかはし'),('田中','タナカ','たなか'),('伊藤','イトウ','いとう'),
 ('渡辺','ワタナベ','わたなべ'),('山本','ヤマモト','やまもと'),('中村','ナカムラ','なかむら'),
 ('小林','コバヤシ','こばやし'),('加藤','カトウ','かとう'),('吉田','ヨシダ','よしだ'),
 ('山田','ヤマダ','やまだ'),('佐々木','ササキ','ささき'),('山口','ヤマグチ','やまぐち'),
 ('松本','マツモト','まつもと'),('井上','イノウエ','いのうえ'),('木村','キムラ','きむら'),
 ('林','ハヤシ','はやし'),('斎藤','サイトウ','さいとう'),('清水','シミズ','しみず'),
 ('博','ヒロシ','ひろし'),('勇','イサム','いさむ'),('和子','カズコ','かずこ'),
 ('修','オサム','おさむ'),('京子','キョウコ','きょうこ'),('進','ススム','すすむ'),
 ('節子','セツコ','せつこ'),('正','タダシ','ただし'),('春子','ハルコ','はるこ'),
 ('美智子','ミチコ','みちこ'),('茂','シゲル','しげる'),('弘子','ヒロコ','ひろこ'),
 ('昭','アキラ','あきら'),('幸子','サチコ','さちこ'),('隆','タカシ','たかし'),
 ('洋子','ヨウコ','ようこ');
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $2)
INSERT INTO people (code, name, kana, name_key, kana_key, given_key, kana_given_key, phone,
 phone_digits, birth_year)
SELECT printf('P%06d', k), f.kanji || '　' || g.kanji, f.kata || '　' || g.kata,
 f.kanji || g.kanji, f.hira || g.hira, g.kanji, g.hira,
 printf('03-%04d-%04d', (k * 7919) % 10000, (k * 104729) % 10000),
 printf('03%04d%04d', (k * 7919) % 10000, (k * 104729) % 10000), 1930 + k % 30
FROM n JOIN part f ON f.id = 1 + (k * 31) % 20 JOIN part g ON g.id = 21 + (k * 17) % 16;
-- The one the benchmark types, so that every prefix finds someone.
INSERT INTO people (code, name, kana, name_key, kana_key, given_key, kana_given_key, phone,
 phone_digits)
VALUES ('X1', '小林　博', 'コバヤシ　ヒロシ', '小林博', 'こばやしひろし', '博', 'ひろし',
 '03-5497-0775', '0354970775');
COMMIT;
SQL
	"$SUMAHO" --db "$db" slots template v1 "mon-fri 09:00-12:00 13:00-17:00" >/dev/null &&
		"$SUMAHO" --db "$db" slots template v2 "mon-fri 09:00-12:00 13:00-17:00" >/dev/null || exit 1
	t0=$(now)
	for y in 0 1 2 3 4; do
		"$SUMAHO" --db "$db" --today 2026-01-01 slots generate \
			--from $((2026 + y))-01-01 --to $((2026 + y))-12-31 >/dev/null || exit 1
	done
	t1=$(now)
	gen=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
	sqlite3 "$db" <<SQL || exit 1
PRAGMA synchronous = OFF;
INSERT INTO bookings (slot_id, person_id, topic, status)
SELECT id, 1 + (id * 7919) % $2, 'line', 'booked' FROM consultation_slots WHERE id % 3 = 0;
SQL
}

make_db "$T/small.db" 1000
gen_small=$gen
make_db "$T/large.db" 100000
echo "sumaho slots generate, five years, two venues: ${gen_small}s (1,000 people), ${gen}s (100,000 people)"
"$KEYSTROKE" "$T/small.db" "$T/large.db"
