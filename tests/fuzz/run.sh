#!/bin/sh
# tests/fuzz/run.sh SECONDS [BUILDDIR]: build the fuzz targets with clang's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer against the model sources, and run them side
# by side, each for SECONDS (default 60) from its seed corpus. Prints TAP, one test point a
# target, with the number of runs; a crash, leak, timeout or sanitizer report fails it, and its
# input is kept in BUILDDIR/tests/fuzz/crashes/ and shown in hex (save it under
# tests/fuzz/regress/TARGET/ once the bug is fixed). BUILDDIR (default _build) holds config.h;
# `make fuzz` passes it and the libraries' flags (FUZZ_CPPFLAGS, FUZZ_LIBS). Nothing is written
# outside BUILDDIR/tests/fuzz and a temporary directory.
set -u
seconds=${1:-60}
build=${2:-_build}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$build" && pwd) || exit 1
CLANG=${CLANG:-clang}
out=$build/tests/fuzz
targets="csv ics ini"
n=0

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "1..0 # SKIP no $CLANG (install clang and libclang-rt-14-dev)"
	exit 0
fi
if [ ! -f "$build/config.h" ]; then
	echo "Bail out! no $build/config.h: configure and build first"
	exit 1
fi
libs=${FUZZ_LIBS:-"-lsqlite3 -lical -licalss -licalvcal -liniparser -lqrencode -lsodium -lunistring"}
cppflags="-DHAVE_CONFIG_H -I$build -I$src ${FUZZ_CPPFLAGS:-}"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter $san"
mkdir -p "$out/obj" "$out/crashes" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/sumaho-fuzz-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

# The models once, instrumented for coverage; each target links them with its own file.
echo "# building the fuzz targets with $($CLANG --version | head -n 1)"
for f in "$src"/models/*/*.c "$src"/tests/fuzz/fuzzutil.c; do
	echo "$f"
done | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c \
	'o='"$out/obj"'/$(echo {} | tr / _).o; '"$CLANG $cflags -fsanitize=fuzzer-no-link $cppflags"' -c {} -o "$o" 2>"$o.log" || { cat "$o.log" >&2; exit 255; }' ||
	{ echo "Bail out! the models do not build with $CLANG"; exit 1; }
for t in $targets; do
	$CLANG $cflags -fsanitize=fuzzer $cppflags -o "$out/fuzz_$t" "$src/tests/fuzz/fuzz_$t.c" \
		"$out"/obj/*.o $libs 2>"$out/fuzz_$t.build.log" ||
		{ cat "$out/fuzz_$t.build.log"; echo "Bail out! fuzz_$t does not build"; exit 1; }
done

echo "1..$(echo $targets | wc -w)"
# The targets run side by side (each for SECONDS of wall time), then are reported in order.
for t in $targets; do
	mkdir -p "$work/$t"
	# New inputs go to the first (scratch) corpus; the seeds in the source tree are only read.
	(
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
			"$out/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
			-max_len=8192 -print_final_stats=1 -artifact_prefix="$work/$t-" \
			"$work/$t" "$src/tests/fuzz/corpus/$t" >"$out/fuzz_$t.log" 2>&1
		echo $? >"$work/$t.rc"
	) &
done
wait
failed=0
for t in $targets; do
	n=$((n + 1))
	rc=$(cat "$work/$t.rc" 2>/dev/null || echo 99)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz_$t.log" | tail -n 1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/fuzz_$t.log" | tail -n 1)
	found=$(ls "$work/$t" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - $t: ${runs:-?} runs in ${secs:-?} s, $found new corpus inputs, no crash"
		continue
	fi
	failed=$((failed + 1))
	echo "not ok $n - $t: fuzz_$t stopped with status $rc after ${runs:-?} runs"
	sed -e 's/^/# /' "$out/fuzz_$t.log" | grep -v -e '^# #[0-9]' | tail -n 60
	for a in "$work/$t"-*; do
		[ -f "$a" ] || continue
		cp "$a" "$out/crashes/" && echo "# input kept as $out/crashes/$(basename "$a"):"
		od -A d -t x1z "$a" | head -n 40 | sed -e 's/^/#   /'
	done
done
exit $((failed > 0))
