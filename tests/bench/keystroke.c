/* Benchmark: what one keystroke at the reception costs in the database: the people search as
 * the name, kana or phone number is typed, and reading the day view again. Prints figures per
 * database given; never fails on time.
 * usage: keystroke DB...   (made by tests/bench/consult.sh) */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/core/db.h"
#include "models/people/people.h"
#include "models/consult/consult.h"
#include "models/core/util.h"
#include "tests/bench/benchutil.h"

#define ROUNDS 200

/* Type text one character at a time (UTF-8), searching after each; returns the keystrokes. */
static int
type(struct db *db, const char *text, int64_t venue, const char *day, double *total_us,
     double *worst_us, double *search_us, double *day_us)
{
	size_t len = strlen(text), i = 0;
	int keys = 0;

	while (i < len) {
		char prefix[256];
		struct person_list l;
		struct slot_day d;
		char *cause = NULL;

		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		snprintf(prefix, sizeof prefix, "%.*s", (int)i, text);
		double t0 = bench_now_us();

		if (people_search(db, prefix, 15, &l, &cause) != 0) {
			fprintf(stderr, "search: %s\n", cause);
			exit(1);
		}
		double t1 = bench_now_us();

		if (slots_day(db, venue, day, 1, &d, &cause) != 0) {
			fprintf(stderr, "day: %s\n", cause);
			exit(1);
		}
		double t2 = bench_now_us();

		person_list_free(&l);
		slot_day_free(&d);
		*search_us += t1 - t0;
		*day_us += t2 - t1;
		*total_us += t2 - t0;
		if (t2 - t0 > *worst_us)
			*worst_us = t2 - t0;
		keys++;
	}
	return keys;
}

int
main(int argc, char **argv)
{
	static const char *const typed[] = {"こばやしひろし",  "ｺﾊﾞﾔｼ", "小林",    "0354970775",
	                                    "ひろし こばやし", "5497",  "49700775"};
	double first = 0;

	setlocale(LC_ALL, "C.UTF-8");
	util_tune_allocator(); /* as sumaho does */
	printf("%-10s %8s %8s %9s %12s %12s %12s %10s\n", "people", "slots", "bookings", "keys",
	       "search us", "day view us", "per key us", "worst us");
	for (int a = 1; a < argc; a++) {
		char *cause = NULL;
		struct db *db = db_open(argv[a], DB_OPEN_EXISTING, 5000, &cause);

		if (db == NULL) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		int64_t people = db_count(db, "SELECT count(*) FROM people", NULL);
		int64_t slots = db_count(db, "SELECT count(*) FROM consultation_slots", NULL);
		int64_t bookings = db_count(db, "SELECT count(*) FROM bookings", NULL);
		char day[11];
		db_stmt *st =
		    db_prepare(db,
		               "SELECT date FROM consultation_slots WHERE venue_id = 1 "
		               "ORDER BY date LIMIT 1 OFFSET (SELECT count(*) / 2 FROM "
		               "consultation_slots WHERE venue_id = 1)",
		               NULL);

		if (st == NULL || db_step(st) != DB_ROW) {
			fprintf(stderr, "%s: no slots\n", argv[a]);
			return 1;
		}
		snprintf(day, sizeof day, "%s", db_column_text(st, 0));
		db_finalize(st);
		double total = 0, worst = 0, search = 0, dayv = 0;
		double by[sizeof typed / sizeof typed[0]] = {0};
		int keys = 0, nby[sizeof typed / sizeof typed[0]] = {0};

		for (int r = 0; r < ROUNDS; r++)
			for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++) {
				double before = search;
				int n = type(db, typed[k], 1, day, &total, &worst, &search, &dayv);

				by[k] += search - before;
				nby[k] += n;
				keys += n;
			}
		for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++)
			fprintf(stderr, "  search for %s: %.1f us a key\n", typed[k],
			        by[k] / nby[k]);
		printf("%-10lld %8lld %8lld %9d %12.1f %12.1f %12.1f %10.1f\n", (long long)people,
		       (long long)slots, (long long)bookings, keys, search / keys, dayv / keys,
		       total / keys, worst);
		if (a == 1)
			first = total / keys;
		else
			printf("ratio of the per-key cost to the first database: %.2f\n",
			       total / keys / first);
		db_close(db);
	}
	return 0;
}
