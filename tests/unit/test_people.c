/* Unit tests for a resident's record (models/people/): the history read from the other
 * features' tables, newest first, and person_edit with registration's checks, its duplicate
 * rule and its audit; a refused edit changes nothing. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "models/formats/table.h"
#include "models/classes/classes.h"
#include "models/core/clock.h"
#include "models/people/people.h"
#include "models/transfer/transfer.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

/* The person's name, kana, phone and birth year as one string (static buffer). */
static const char *
details(struct db *db, const char *code)
{
	static char buf[400];
	struct person p;
	char *cause = NULL;

	if (person_find(db, code, &p, &cause) != 0) {
		free(cause);
		return "(none)";
	}
	snprintf(buf, sizeof buf, "%s|%s|%s|%d", p.name, p.kana, p.phone, p.birth_year);
	person_free(&p);
	return buf;
}

int
main(void)
{
	struct strlist errors = {0};
	struct person_record r;
	const char *field;
	char *cause = NULL;
	struct db *db;

	setlocale(LC_ALL, "C.UTF-8");
	test_tmpdir();
	db = test_db("people.db");
	if (import_demo(db, SOURCE_DEMO_DIR, &(struct date){2022, 10, 1}, "test", &errors,
	                &cause) != 0) {
		printf("Bail out! the demo does not load: %s\n", cause ? cause : "");
		return 99;
	}
	strlist_clear(&errors);

	/* The record: the demo's P0001 won a class, attended its session, applied for another. */
	ok(person_record_load(db, "P0001", &r, &cause) == 0, "P0001's record loads");
	is_str(r.p.name, "小林　博", "with the name");
	ok(r.resident == 1 && r.p.birth_year == 1943, "the resident flag and birth year");
	is_int((long)r.n, 3, "three events");
	ok(r.n == 3 && r.v[0].kind == PERSON_EVENT_APPLICATION &&
	       strcmp(r.v[0].date, "2022-09-26") == 0 && strcmp(r.v[0].status, "applied") == 0,
	   "newest first: the application of September");
	ok(r.n == 3 && r.v[1].kind == PERSON_EVENT_ATTENDANCE &&
	       strcmp(r.v[1].date, "2022-04-14") == 0 && strcmp(r.v[1].time, "10:00") == 0 &&
	       strcmp(r.v[1].status, "present") == 0 && r.v[1].flag == 0,
	   "then the session attended");
	ok(r.n == 3 && r.v[2].kind == PERSON_EVENT_APPLICATION &&
	       strcmp(r.v[2].status, "won") == 0 && strcmp(r.v[2].code, "op-iphone-2022") == 0,
	   "then the application won");
	struct table *t = person_history_table(&r);

	ok(t->nrows == 3 && strcmp(table_key(t, 2), "op-iphone-2022") == 0 &&
	       strcmp(table_cell(t, 1, 0), "2022-04-14") == 0,
	   "the history's table: a row an event, keyed by its code");
	table_free(t);
	person_record_free(&r);
	person_record_free(&r); /* freed twice: the second finds nothing to free */
	ok(person_record_load(db, "P9999", &r, &cause) == 1, "an unknown code: 1");

	/* A booking shows with its slot. */
	int64_t bookings = db_count(
	    db,
	    "SELECT count(*) FROM bookings WHERE person_id = (SELECT id FROM people WHERE code ="
	    " 'P0452')",
	    NULL);

	ok(person_record_load(db, "P0452", &r, &cause) == 0, "P0452's record loads");
	size_t seen = 0;

	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].kind == PERSON_EVENT_BOOKING && *r.v[i].time != '\0')
			seen++;
	is_int((long)seen, (long)bookings, "every booking of theirs, with its time");
	for (size_t i = 1; i < r.n; i++)
		if (strcmp(r.v[i - 1].date, r.v[i].date) < 0) {
			ok(0, "newest first: %s before %s", r.v[i - 1].date, r.v[i].date);
			break;
		}
	person_record_free(&r);

	/* Corrections. */
	int64_t audits = db_count(db, "SELECT count(*) FROM audit_log", NULL);
	struct person_change ch = {NULL, "こばやし　ひろし", "03-1111-2222", 0};

	ok(person_edit(db, "P0001", &ch, "test", &field, &cause) == 0, "an edit");
	is_str(details(db, "P0001"), "小林　博|こばやし　ひろし|03-1111-2222|1943",
	       "changes what it gives");
	char *detail = NULL;
	db_stmt *st = db_query(db,
	                            "SELECT actor || ' ' || action || ' ' || detail FROM audit_log"
	                            " ORDER BY id DESC LIMIT 1",
	                            NULL, DB_ARGS(DB_INT(0)));

	if (st != NULL && db_step(st) == DB_ROW)
		detail = db_column_dup(st, 0);
	db_finalize(st);
	is_str(detail,
	       "test edit person P0001: kana 'コバヤシ　ヒロシ' -> 'こばやし　ひろし', phone"
	       " '03-5497-0775' -> '03-1111-2222'",
	       "audited with the old and new values");
	free(detail);
	is_int(db_count(db,
	                "SELECT count(*) FROM people_phone_parts p JOIN people q ON q.id ="
	                " p.person_id WHERE q.code = 'P0001' AND p.part LIKE '1111%'",
	                NULL),
	       1, "the phone's digits are found again");
	is_int(db_count(db, "SELECT count(*) FROM audit_log", NULL), audits + 1, "one entry");

	ok(person_edit(db, "P0001", &ch, "test", &field, &cause) == 1, "the same values again: 1");
	is_int(db_count(db, "SELECT count(*) FROM audit_log", NULL), audits + 1, "and no entry");
	ch = (struct person_change){"小林　博", NULL, "0311112222", 1943};
	ok(person_edit(db, "P0001", &ch, "test", &field, &cause) == 0,
	   "the person's own name and phone are not a duplicate of themselves");

	/* Refused: nothing changes, and the field is named. */
	const char *before = "小林　博|こばやし　ひろし|0311112222|1943";
	static const struct {
		struct person_change ch;
		const char *field, *in_cause;
	} bad[] = {
	    {{"", NULL, NULL, 0}, "name", "name: "},
	    {{"x\x1b[2J", NULL, NULL, 0}, "name", "name: "},
	    {{NULL, "\xff", NULL, 0}, "kana", "kana: "},
	    {{NULL, NULL, "03-abc", 0}, "phone", "phone: '03-abc'"},
	    {{NULL, NULL, NULL, 1899}, "birth_year", "birth year: "},
	    {{NULL, NULL, NULL, 2999}, "birth_year", "birth year: "},
	    {{"渡辺 勇", NULL, "03-5404-1490", 0}, NULL, "P0002"},
	};
	audits = db_count(db, "SELECT count(*) FROM audit_log", NULL);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		free(cause);
		cause = NULL;
		field = "?";
		int rc = person_edit(db, "P0001", &bad[i].ch, "test", &field, &cause);

		ok(rc == -1 && cause != NULL && strstr(cause, bad[i].in_cause) != NULL &&
		       (bad[i].field == NULL ? field == NULL
		                             : field != NULL && strcmp(field, bad[i].field) == 0),
		   "refused %zu: %s", i, cause ? cause : "(accepted)");
		is_str(details(db, "P0001"), before, "refused %zu changes nothing", i);
	}
	is_int(db_count(db, "SELECT count(*) FROM audit_log", NULL), audits, "nor audits anything");
	free(cause);
	cause = NULL;
	ok(person_edit(db, "P9999", &ch, "test", &field, &cause) == 2 && cause != NULL,
	   "an unknown code: 2, with a message");
	free(cause);
	cause = NULL;

	/* A form's fields as each is left: the rules of person_check, one field at a time. */
	int year = -1;

	ok(person_check_field("name", "小林　博", NULL) == 0, "a name passes as it is left");
	ok(person_check_field("name", "", &cause) != 0 && cause != NULL, "an empty name does not");
	ok(person_check_field("phone", "03-abc", &cause) != 0 && strstr(cause, "03-abc") != NULL &&
	       strstr(cause, "phone:") == NULL,
	   "a bad phone is refused, not naming the field (the form does)");
	ok(person_check_field("kana", "", NULL) == 0 && person_check_field("phone", "", NULL) == 0,
	   "kana and phone may be empty");
	ok(person_check_field("birth_year", "", NULL) == 0 &&
	       person_check_field("birth_year", "1943", NULL) == 0,
	   "a birth year, or none");
	ok(person_check_field("birth_year", "18", &cause) != 0 &&
	       strstr(cause, "from 1900 to") != NULL,
	   "a year that cannot be is refused");
	ok(person_birth_year_parse("1943", &year, NULL) == 0 && year == 1943,
	   "a year typed is read as a number");
	ok(person_birth_year_parse("19x3", &year, NULL) != 0, "and only a number");

	/* The set-up forms' fields as each is left (models/classes/setup.c), on the demo. */
	const char *names[] = {"code", "course", "venue", "from", "to", "capacity"};
	const char *values[] = {"op-iphone-2022", "op-iphone",  "nope",
	                        "2022-11-01",     "2022-10-15", "0"};

	ok(record_check_field(db, "offering", NULL, 1, names, values, 6, 0, &cause) != 0 &&
	       strstr(cause, "already") != NULL,
	   "a new record's code taken already");
	ok(record_check_field(db, "offering", "x", 0, names, values, 6, 0, NULL) == 0,
	   "an edit's code is not checked for being free");
	ok(record_check_field(db, "offering", "new", 1, names, values, 6, 2, &cause) != 0 &&
	       strstr(cause, "nope") != NULL,
	   "a reference to no record");
	ok(record_check_field(db, "offering", "new", 1, names, values, 6, 4, &cause) != 0 &&
	       strstr(cause, "before it starts") != NULL,
	   "a window that ends before it starts, as its end is left");
	ok(record_check_field(db, "offering", "new", 1, names, values, 6, 5, &cause) != 0 &&
	       strstr(cause, "from 1 to 500") != NULL,
	   "a capacity out of range");
	values[4] = "";
	ok(record_check_field(db, "offering", "new", 1, names, values, 6, 3, NULL) == 0,
	   "the window's start is fine while its end is not typed yet");

	/* A session's date as the form's date or offering is left, and as it is saved: after
	 * its class's application window (the demo's trial-202210: 2022-09-28 to 2022-10-12),
	 * not in the past. */
	clock_set_today(&(struct date){2022, 10, 1});
	const char *sn[] = {"code", "offering", "date", "start", "duration", "seats"};
	const char *sv[] = {"s-new", "trial-202210", "2022-10-12", "10:00", "60", "8"};
	const char *field_name = NULL;

	ok(record_check_field(db, "session", NULL, 1, sn, sv, 6, 2, &cause) != 0 &&
	       strstr(cause, "2022-09-28 to 2022-10-12") != NULL &&
	       strstr(cause, "2022-10-13 or later") != NULL,
	   "a date on the window's last day, naming the window");
	ok(record_check_field(db, "session", NULL, 1, sn, sv, 6, 1, &cause) != 0,
	   "the same as the offering is left");
	ok(record_save_field(db, "session", "s-new", 1, sn + 1, sv + 1, 5, "test", 0, NULL,
	                     &field_name, &cause) != 0 &&
	       field_name != NULL && strcmp(field_name, "date") == 0 &&
	       strncmp(cause, "Date: ", 6) == 0,
	   "and as the form is saved, naming the date");
	sv[2] = "2022-09-30";
	ok(record_check_field(db, "session", NULL, 1, sn, sv, 6, 2, &cause) != 0 &&
	       strstr(cause, "in the past (today is 2022-10-01)") != NULL,
	   "a date in the past");
	sv[2] = "2022-10-13";
	ok(record_check_field(db, "session", NULL, 1, sn, sv, 6, 2, NULL) == 0 &&
	       record_check_field(db, "session", NULL, 1, sn, sv, 6, 1, NULL) == 0,
	   "the day after the window is fine");
	free(cause);
	ok(db->depth == 0, "no transaction is left open");
	db_close(db);
	return done_testing();
}
