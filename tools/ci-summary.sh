#!/bin/sh
# tools/ci-summary.sh "FAILED-STEPS" BUILDDIR...: count the test points of every TAP log in the
# build trees, print the logs of the tests that failed, and end with "N passed, N failed".
# Automake writes its results into .trs and .log files, not to standard output.
failed_steps=$1
shift
passed=0
failed=0
skipped=0
for dir in "$@"; do
	[ -d "$dir/tests" ] || continue
	for trs in $(find "$dir/tests" -name '*.trs' | sort); do
		p=$(grep -cE '^:test-result: (PASS|XFAIL)' "$trs")
		f=$(grep -cE '^:test-result: (FAIL|ERROR|XPASS)' "$trs")
		s=$(grep -cE '^:test-result: SKIP' "$trs")
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + s))
		if [ "$f" -gt 0 ]; then
			log=${trs%.trs}.log
			echo "==== $log"
			cat "$log"
		fi
	done
	printf '%s: %s\n' "$dir" "$(grep -h '^# \(TOTAL\|PASS\|FAIL\|ERROR\|SKIP\)' "$dir/test-suite.log" 2>/dev/null | tr '\n' ' ')"
done
# The fuzz run prints TAP of its own (one test point a target) into _build/fuzz.log.
fuzz_failed=0
if [ -f _build/fuzz.log ]; then
	fuzz_failed=$(grep -c '^not ok' _build/fuzz.log)
	passed=$((passed + $(grep -c '^ok' _build/fuzz.log)))
	failed=$((failed + fuzz_failed))
	grep -E '^(not )?ok' _build/fuzz.log | sed -e 's/^/fuzz: /'
fi
for step in $failed_steps; do
	echo "step failed: $step"
	case $step in
	distcheck) tail -40 _build/distcheck.log ;;
	fuzz)
		cat _build/fuzz.log
		# Its failing targets are counted already; a run that failed otherwise counts once.
		[ "$fuzz_failed" -gt 0 ] && continue
		;;
	esac
	# A step that failed without a failing test point still fails the run.
	failed=$((failed + 1))
done
if [ -z "$failed_steps" ]; then
	echo "make check, make check under ASan+UBSan, make distcheck, fuzzing: all passed"
fi
# How long the run took (tools/setup.sh measures it): CI must stay within 8 minutes on 2 cores.
if [ -n "${SUMAHO_TEST_SECONDS:-}" ]; then
	echo "time: $((SUMAHO_TEST_SECONDS / 60)) min $((SUMAHO_TEST_SECONDS % 60)) s for the build, both test runs, distcheck and fuzzing"
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
