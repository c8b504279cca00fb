#!/bin/sh
# Benchmark: a 64 MB CSV whose last row is bad is refused by the first, streaming pass before
# anything is written: in under 10 s and under 64 MB of memory (issue 16). A people file and
# an online service file in CP932, each just under the 64 MB limit. Prints figures; never fails
# on time.
# usage: tests/bench/import.sh [SUMAHO]   (make bench runs it with the built binary)
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
. "$(dirname "$0")/benchlib.sh"

# seconds and peak RSS (MB) of a command (its exit status in $T/rc).
measure() {
	/usr/bin/python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
e = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%6.2f s %7.1f MB  exit %d" % (e, rss, rc))
PY
}

db="$T/bench.db"
"$SUMAHO" --db "$db" --today 2026-12-05 init >/dev/null || exit 1
printf 'code,name,address\nv1,関ヶ原,東京都品川区\n' >"$T/venues.csv"
printf 'code,title,device,level\nc1,スマホ入門,android,intro\n' >"$T/courses.csv"
printf 'code,course,venue,apply_from,apply_to,capacity\no1,c1,v1,2026-11-20,2026-12-15,30\n' >"$T/offerings.csv"
for k in venues courses offerings; do
	"$SUMAHO" --db "$db" --today 2026-12-05 import "$k" "$T/$k.csv" >/dev/null || exit 1
done

limit=$((64 * 1024 * 1024 - 4096))
awk -v limit="$limit" 'BEGIN { print "code,name,kana,phone,birth_year,resident"; n = 40
	for (i = 1; n < limit; i++) {
		line = sprintf("B%07d,区民　%d,クミン　%d,03-%04d-%04d,%d,yes", i, i, i, i % 10000, i % 9999, 1930 + i % 40)
		print line; n += length(line) + 1 }
	print "BAD,区民,クミン,03-0000-0000,昭和99,yes" }' >"$T/people.csv"
awk -v limit="$limit" 'BEGIN { print "受付番号,申込日時,申込講座,氏名,フリガナ,生年月日,電話番号,区内在住"; n = 80
	for (i = 1; n < limit; i++) {
		line = sprintf("R%07d,2026/12/%d 10:%02d,o1,区民　%d,クミン　%d,昭和%d年3月1日,03-%04d-%04d,はい", i, 1 + i % 5, i % 60, i, i, 10 + i % 50, i % 10000, i % 9999)
		print line; n += length(line) + 1 }
	print "BAD,2026/13/1 10:00,o1,区民,クミン,昭和25年,03-0000-0000,はい" }' |
	iconv -f UTF-8 -t CP932 >"$T/online.csv"

printf '%-34s %10s  %s\n' file size "refused: time, peak RSS"
for f in people online; do
	size=$(wc -c <"$T/$f.csv")
	printf '%-34s %7.1f MB  %s\n' "$f.csv (bad last row)" "$(echo "$size" | awk '{ print $1 / 1048576 }')" \
		"$(measure "$SUMAHO" --db "$db" --today 2026-12-05 import "$f" "$T/$f.csv")"
done
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)"
