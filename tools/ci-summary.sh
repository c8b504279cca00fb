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
for step in $failed_steps; do
	echo "step failed: $step"
	case $step in
	distcheck) tail -40 _build/distcheck.log ;;
	esac
	# A step that failed without a failing test point still fails the run.
	failed=$((failed + 1))
done
if [ -z "$failed_steps" ]; then
	echo "make check, make check under ASan+UBSan, make distcheck: all passed"
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
