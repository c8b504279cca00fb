/* tests/bench/benchutil.h: what the C benchmarks share: a monotonic clock and a sort for
 * medians. Benchmarks measure real time on purpose: they are never part of make check. */
#ifndef TESTS_BENCH_BENCHUTIL_H
#define TESTS_BENCH_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

/* Microseconds on the monotonic clock. */
static inline double
bench_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* qsort's order of doubles. */
static inline int
bench_by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#endif
