/* tests/tap.h: a few TAP helpers for the unit tests (automake's tap-driver reads the output). */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static void __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                                     \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__);                                 \
		if (g_ != w_)                                                                      \
			printf("#   got %lld, want %lld\n", g_, w_);                               \
	} while (0)

#define is_str(got, want, ...)                                                                     \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		int same_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0;                       \
		tap_ok(same_, __FILE__, __LINE__, __VA_ARGS__);                                    \
		if (!same_)                                                                        \
			printf("#   got  '%s'\n#   want '%s'\n", g_ ? g_ : "(null)",               \
			       w_ ? w_ : "(null)");                                                \
	} while (0)

static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
