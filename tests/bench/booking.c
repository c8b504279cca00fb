/* Benchmark: what a booking costs with SQLite's synchronous = FULL, as sumaho runs, against
 * NORMAL, as it ran before: N calls of slots_book, each its own transaction with its audit
 * entry, on consecutive slots and people. Only this benchmark ever sets NORMAL. Prints the
 * figures; never fails on time.
 * usage: booking DB full|normal FIRST_SLOT FIRST_PERSON N   (made by tests/bench/booking.sh) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/consult/consult.h"
#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"
#include "tests/bench/benchutil.h"

int
main(int argc, char **argv)
{
	struct strlist topics = {0};
	struct date today;
	char *cause = NULL;
	struct db *db;
	double *ms, total = 0;
	long n;

	if (argc != 6 || (strcmp(argv[2], "full") != 0 && strcmp(argv[2], "normal") != 0) ||
	    (n = atol(argv[5])) <= 0) {
		fprintf(stderr, "usage: booking DB full|normal FIRST_SLOT FIRST_PERSON N\n");
		return 2;
	}
	db = db_open(argv[1], DB_OPEN_EXISTING, 5000, &cause);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	if (strcmp(argv[2], "normal") == 0)
		db_exec(db, "PRAGMA synchronous = NORMAL", NULL);
	strlist_add(&topics, xstrdup("line"));
	date_parse("2026-12-01", &today);
	struct booking_rules rules = {.topics = &topics, .today = &today, .actor = "bench"};
	int64_t slot = atoll(argv[3]), person = atoll(argv[4]);

	ms = xcalloc((size_t)n, sizeof *ms);
	for (long i = 0; i < n; i++) {
		double t0 = (bench_now_us() / 1e3);

		if (slots_book(db, slot + i, person + i, "line", 0, &rules, &cause) != BOOK_OK) {
			fprintf(stderr, "booking %ld: %s\n", i, cause ? cause : "refused");
			return 1;
		}
		ms[i] = (bench_now_us() / 1e3) - t0;
		total += ms[i];
	}
	qsort(ms, (size_t)n, sizeof *ms, bench_by_value);
	printf("slots_book, synchronous = %-6s %4ld bookings: mean %6.2f ms, median %6.2f ms, "
	       "95th %6.2f ms\n",
	       strcmp(argv[2], "full") == 0 ? "FULL" : "NORMAL", n, total / n, ms[n / 2],
	       ms[n * 95 / 100]);
	free(ms);
	strlist_clear(&topics);
	db_close(db);
	return 0;
}
