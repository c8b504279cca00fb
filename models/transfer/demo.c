/* models/transfer/demo.c: the demo data set: the city's half year of 2022 from assets/demo
 * imported as any file is, then the weeks ahead of the day it is made, through the features. */
#include "config.h"
#include "models/transfer/transfer.h"

#include <stdio.h>
#include <stdlib.h>

#include "models/classes/classes.h"
#include "models/consult/consult.h"
#include "models/core/i18n.h"
#include "models/core/settings.h"
#include "models/lottery/lottery.h"

/* The weeks ahead of a demo: eight weeks of slots from the venues' templates, starting today
 * or after the demo's own last slot, and about a third of the first two weeks booked by demo
 * people, through slots_book so that every rule holds (today's slots that have begun stay
 * free). Fixed choices: the same day, before its first slot, gives the same bookings. */
static int
demo_future(struct db *db, const struct date *today, const char *actor, char **cause)
{
	static const char *const topics[] = {"line",   "photos", "settings",
	                                     "online", "scam",   "other"};
	struct strlist tl = {0};
	struct date from = *today, last, to;
	struct slot_gen_result r;
	db_stmt *st;
	uint32_t seed = 20220802;
	int64_t people = db_count(db, "SELECT count(*) FROM people", cause);
	int rc = -1;

	if (people <= 0)
		return people < 0 ? -1 : 0;
	st = db_prepare(db, "SELECT max(date) FROM consultation_slots", cause);
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW && date_parse(db_column_text(st, 0), &last) == 0 &&
	    date_cmp(&last, &from) >= 0)
		from = date_add_days(&last, 1);
	db_finalize(st);
	to = date_add_days(&from, 55);
	if (slots_generate(db, NULL, &from, &to, NULL, NULL, &from, actor, &r, cause) != 0)
		return -1;
	for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
		strlist_add(&tl, xstrdup(topics[i]));
	char *a = date_iso(&from), *b;
	struct date two = date_add_days(&from, 13);

	b = date_iso(&two);
	st = db_query(db,
	              "SELECT id FROM consultation_slots WHERE date BETWEEN ? AND ? ORDER BY date, "
	              "venue_id, start",
	              cause, DB_ARGS(DB_TEXT(a), DB_TEXT(b)));
	if (st == NULL)
		goto out;
	struct booking_rules rules = {SETTINGS_DEFAULT_MONTHLY_LIMIT, &tl, &from, actor, 0, NULL};

	while (db_step(st) == DB_ROW) {
		int64_t slot = db_column_int64(st, 0);
		char *why = NULL;

		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 != 0)
			continue;
		seed = seed * 1103515245u + 12345u;
		int64_t person = (int64_t)((seed >> 8) % (uint32_t)people) + 1;
		const char *topic = topics[(seed >> 4) % 6];

		/* A rule may say no (the same person twice a day): that slot stays free. */
		if (slots_book(db, slot, person, topic, 0, &rules, &why) == BOOK_ERROR) {
			set_cause(cause, "%s", why);
			free(why);
			goto out;
		}
		free(why);
	}
	rc = 0;
out:
	db_finalize(st);
	free(a);
	free(b);
	strlist_clear(&tl);
	return rc;
}

/* Classes after the demo's own half year, from today on, when today is past the last of them:
 * one of each kind a resident meets at the kiosk (seats left, few left, full, applications
 * closed, not open yet), with applications from the demo's people to count. Each is made by
 * the feature that owns it, as a coordinator would make it. */
static int
demo_upcoming(struct db *db, const struct date *today, const char *actor, char **cause)
{
	static const struct {
		const char *course, *venue;
		int from, to, capacity, applicants; /* the window in days from today */
		int first, sessions, step; /* sessions: the first in days, how many, apart */
		const char *start;
		int minutes, seats;
	} up[] = {
	    {"intro-iphone", "shinagawa1", -5, 9, 20, 6, 20, 3, 7, "10:00", 120, 10},
	    {"onepoint-android", "osaki1", -10, 4, 10, 9, 14, 1, 0, "13:30", 90, 10},
	    {"trial", "ebara1", -3, 11, 8, 11, 24, 1, 0, "10:00", 60, 8},
	    {"onepoint-iphone", "sekigahara", -30, -2, 10, 14, 6, 1, 0, "14:00", 90, 10},
	    {"intro-android", "hiratsukabashi", 7, 21, 20, 0, 40, 3, 7, "10:00", 120, 10},
	};
	static const char *const offering_fields[] = {"course", "venue", "from", "to", "capacity"};
	static const char *const session_fields[] = {"offering", "date", "start", "duration",
	                                             "seats"};
	int64_t people = db_count(db, "SELECT count(*) FROM people", cause), next = 0;
	char *ym = xasprintf("%04d%02d", today->year, today->month);
	int rc = -1;

	if (people < 0)
		goto out;
	char *iso = date_iso(today);
	int64_t later =
	    db_count_text(db, "SELECT count(*) FROM sessions WHERE date >= ?", iso, cause);

	free(iso);
	if (later != 0) {
		rc = later < 0 ? -1 : 0;
		goto out;
	}
	for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
		char *code = xasprintf("%s-%s", up[i].course, ym);
		struct date from = date_add_days(today, up[i].from),
		            to = date_add_days(today, up[i].to);
		char *a = date_iso(&from), *b = date_iso(&to), capacity[16], minutes[16], seats[16];
		const char *offering[] = {up[i].course, up[i].venue, a, b, capacity};
		int ok;

		snprintf(capacity, sizeof capacity, "%d", up[i].capacity);
		snprintf(minutes, sizeof minutes, "%d", up[i].minutes);
		snprintf(seats, sizeof seats, "%d", up[i].seats);
		ok = record_put(db, "offering", code, offering_fields, offering, 5, today, actor, 0,
		                NULL, NULL, cause) == 0;
		for (int k = 0; ok && k < up[i].sessions; k++) {
			struct date d = date_add_days(today, up[i].first + k * up[i].step);
			char *ds = date_iso(&d), *sc = xasprintf("%s-%d", code, k + 1);
			const char *session[] = {code, ds, up[i].start, minutes, seats};

			ok = record_put(db, "session", sc, session_fields, session, 5, today, actor,
			                0, NULL, NULL, cause) == 0;
			free(ds);
			free(sc);
		}
		/* Applications on the window's first day, or yesterday when it is still open. */
		for (int k = 0; ok && people > 0 && k < up[i].applicants; k++) {
			struct lottery_entry e = {NULL, code, next++ % people + 1, "counter",
			                          1,    a,    "applied",           NULL};

			ok = lottery_record(db, &e, actor, 0, NULL, NULL, cause) == 0;
		}
		free(code);
		free(a);
		free(b);
		if (!ok) {
			char *why = cause ? *cause : NULL;

			if (cause != NULL)
				*cause = xasprintf(_("%s: %s"), _("cannot add the demo's classes"),
				                   why ? why : "");
			free(why);
			goto out;
		}
	}
	rc = 0;
out:
	free(ym);
	return rc;
}

int
import_demo(struct db *db, const char *dir, const struct date *today, const char *actor,
            struct strlist *errors, char **cause)
{
	/* The half year of 2022 is the city's past records: its classes were held before today. */
	struct import_options past = {.past_records = 1};

	if (db_begin(db, cause) != 0)
		return -1;
	for (int i = 0; import_kinds[i] != NULL; i++) {
		char *path = xasprintf("%s/%s.csv", dir, import_kinds[i]);
		int rc = import_csv_file_ex(db, import_kinds[i], path, actor, &past, NULL, errors,
		                            cause);

		free(path);
		if (rc != 0) {
			db_rollback(db);
			return -1;
		}
	}
	if (demo_future(db, today, actor, cause) != 0 ||
	    demo_upcoming(db, today, actor, cause) != 0 || db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int
import_demo_refused(struct db *db)
{
	int64_t n = db_count(
	    db, "SELECT (SELECT count(*) FROM venues) + (SELECT count(*) FROM people)", NULL);

	return n < 0 ? -1 : n > 0;
}
