/* Unit tests for models/import.c and models/report.c: the demo data reproduces the city's
 * tables (GLOSSARY.md) number for number, bad rows change nothing, re-imports add nothing. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "models/core/db.h"
#include "models/transfer/transfer.h"
#include "models/reports/reports.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

static const char *
cell(struct table *t, size_t r, size_t c)
{
	return t != NULL && r < t->nrows ? table_cell(t, r, c) : "(missing)";
}

/* GLOSSARY.md, first table: month, sessions, participants, consultations. */
static const char *const monthly[][4] = {
    {"2022-04", "3", "13", "0"}, {"2022-05", "3", "18", "0"},  {"2022-06", "3", "14", "0"},
    {"2022-07", "3", "23", "0"}, {"2022-08", "5", "36", "59"}, {"2022-09", "4", "36", "93"},
};

/* GLOSSARY.md, second table: class, months, capacity, applicants, attended. */
static const char *const classes[][5] = {
    {"ワンポイント教室 (Android)", "Apr, Jun, Aug", "18", "68", "15"},
    {"ワンポイント教室 (iPhone)", "Apr, Jun, Aug", "18", "20", "12"},
    {"スマホ入門 (Android, 関ヶ原)", "Apr, Jun, Sep", "22", "133", "20"},
    {"スマホ入門 (Android, 平塚橋)", "May, Jul", "14", "87", "13"},
    {"スマホ入門 (iPhone, 関ヶ原)", "May, Jul", "14", "29", "14"},
    {"スマホ入門 (iPhone, 平塚橋)", "May, Jul", "14", "51", "14"},
    {"はじめてのスマホ体験教室 (3会場)", "Aug, Sep", "60", "61", "52"},
    {"Smartphone consultations", "Aug, Sep", "-", "-", "152"},
};

/* Every cell of t against the city's table want (nrows x ncols, row names in column 0); the
 * table is freed. */
static void
same_table(struct table *t, const char *const *want, size_t nrows, size_t ncols, const char *what)
{
	ok(t != NULL && t->nrows == nrows, "%s: %zu rows", what, nrows);
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++)
			is_str(cell(t, r, c), want[r * ncols + c], "%s %s column %zu", what,
			       want[r * ncols], c);
	table_free(t);
}

static int64_t
total_rows(struct db *db)
{
	return db_count(db,
	                "SELECT (SELECT count(*) FROM venues) + (SELECT count(*) FROM courses) +"
	                " (SELECT count(*) FROM offerings) + (SELECT count(*) FROM sessions) +"
	                " (SELECT count(*) FROM people) + (SELECT count(*) FROM applications) +"
	                " (SELECT count(*) FROM attendance) + (SELECT count(*) FROM bookings) +"
	                " (SELECT count(*) FROM consultation_slots)",
	                NULL);
}

static void
bad_import(struct db *db, const char *kind, const char *name, const char *text, const char *want,
           const char *what)
{
	struct strlist errors = {0};
	char *cause = NULL;
	int64_t before = total_rows(db);
	const char *path = test_file(name, text);
	int rc = import_csv_file(db, kind, path, "test", NULL, &errors, &cause);

	ok(rc != 0, "%s: refused", what);
	ok(errors.n > 0 && strstr(errors.v[0], want) != NULL, "%s: says '%s'", what, want);
	if (errors.n > 0 && strstr(errors.v[0], want) == NULL)
		printf("#   got: %s\n", errors.v[0]);
	is_int(total_rows(db), before, "%s: nothing changed", what);
	is_int(db->depth, 0, "%s: no transaction left open", what);
	strlist_clear(&errors);
	free(cause);
}

/* Bad input: a message naming the row and field, and nothing changes. */
static const struct {
	const char *kind, *file, *csv, *want, *what;
} bad_inputs[] = {
    {"venues", "v1.csv", "code,name\nnew1,ok\nnew2,\n", "row 3, field 'name': must not be empty",
     "an empty required field"},
    {"offerings", "o1.csv",
     "code,course,venue,apply_from,apply_to,capacity\n"
     "x,trial,sekigahara,2022-01-01,2022-01-10,-3\n",
     "row 2, field 'capacity': must be a whole number from 1 to 500, not '-3'", "a capacity of -3"},
    {"sessions", "s1.csv",
     "code,offering,date,start,duration,seats\n"
     "x,op-iphone-2022,2023-02-29,10:00,90,8\n",
     "row 2, field 'date': '2023-02-29' is not a date of the form YYYY-MM-DD that exists",
     "a date that does not exist"},
    {"sessions", "s2.csv",
     "code,offering,date,start,duration,seats\n"
     "x,op-iphone-2022,2023-02-28,10:00,90,11\n",
     "row 2, field 'seats': must be a whole number from 6 to 10, not '11'", "11 seats"},
    {"sessions", "s3.csv",
     "code,offering,date,start,duration,seats\nx,nosuch,2023-02-28,10:00,90,8\n",
     "row 2, field 'offering': no offering with code 'nosuch'", "an unknown offering"},
    {"people", "p1.csv",
     "code,name\nNEW1,山田　花子\nNEW2,山田花子山田花子山田花子山田花子山田花子山田花子"
     "山田花子山田花子山田花子山田花子山田花子\n",
     "row 3, field 'name': longer than 40 characters", "an over-long name"},
    {"people", "p2.csv", "code,name\nNEW1,\"\x1B[2Jevil\"\n",
     "row 2, field 'name': contains a control character", "an escape sequence in a name"},
    {"people", "p3.csv", "code,name\nNEW1,\x82\xFF\x82\n", "line 2: neither UTF-8 nor CP932",
     "bytes neither UTF-8 nor CP932"},
    {"people", "p4.csv", "code,name,phone\nNEW1,A,03-1234-5678'; DROP TABLE people;--\n",
     "row 2, field 'phone'", "SQL in a phone number"},
    {"people", "p5.csv", "code,nom\nNEW1,A\n", "row 1: unknown column 'nom'", "an unknown column"},
    {"people", "p6.csv", "code,name\nNEW1,A,extra\n", "row 2: has 3 fields, the header has 2",
     "a row with too many fields"},
    {"bookings", "b1.csv",
     "venue,date,start,person,topic\nsekigahara,2022-08-02,10:00,P0001,line\n",
     "already booked by someone else", "a slot that is taken"},
    {"bookings", "b2.csv",
     "venue,date,start,person,topic\nsekigahara,2022-08-03,10:00,P0001,line\n",
     "no consultation slot at sekigahara 2022-08-03 10:00", "a slot that does not exist"},
    {"applications", "a1.csv",
     "offering,person,channel,applied_at,status,session\n"
     "op-iphone-2022,P0005,postcard,2022-03-02,won,trial-osaki1-2022-1\n",
     "session 'trial-osaki1-2022-1' is not a session of 'op-iphone-2022'",
     "a won seat in another class's session"},
};

int
main(void)
{
	struct strlist errors = {0};
	struct import_report rep;
	char *cause = NULL;
	struct db *db;
	struct table *t;

	setlocale(LC_ALL, "C.UTF-8");
	test_tmpdir();
	db = test_db("demo.db");
	ok(import_demo(db, SOURCE_DEMO_DIR, &(struct date){2022, 8, 2}, "test", &errors, &cause) ==
	       0,
	   "the demo data loads");
	for (size_t i = 0; i < errors.n; i++)
		printf("# %s\n", errors.v[i]);
	if (cause)
		printf("# %s\n", cause);
	strlist_clear(&errors);

	is_int(db_count(db, "SELECT count(*) FROM venues", NULL), 5,
	       "5 venues: 関ヶ原, 平塚橋 and three for the trial class");
	is_int(db_count(db, "SELECT count(*) FROM sessions", NULL), 21, "21 class sessions");
	is_int(db_count(db,
	                "SELECT count(*) FROM sessions WHERE seats NOT BETWEEN 6 AND 10 OR"
	                " duration_min NOT BETWEEN 60 AND 120",
	                NULL),
	       0, "every session has 6-10 seats and lasts 60-120 minutes");
	is_int(db_count(db,
	                "SELECT count(*) FROM offerings o WHERE capacity <>"
	                " (SELECT sum(seats) FROM sessions s WHERE s.offering_id = o.id)",
	                NULL),
	       0, "each class's capacity is the sum of its sessions' seats");
	is_int(db_count(db,
	                "SELECT count(*) FROM attendance a JOIN applications p ON"
	                " p.person_id = a.person_id AND p.session_id = a.session_id"
	                " WHERE p.status = 'won'",
	                NULL),
	       db_count(db, "SELECT count(*) FROM attendance", NULL),
	       "everyone on a roll call won a seat in that session");
	is_int(db_count(db,
	                "SELECT count(*) FROM (SELECT b.person_id FROM"
	                " bookings b JOIN consultation_slots s ON s.id = b.slot_id WHERE"
	                " b.status <> 'cancelled' GROUP BY b.person_id, substr(s.date,1,7)"
	                " HAVING count(*) > 2) t",
	                NULL),
	       0, "nobody has more than two consultations a month");
	is_int(
	    db_count(db, "SELECT count(*) FROM consultation_slots WHERE date < '2022-08-01'", NULL),
	    0, "consultations start in August 2022");

	same_table(report_monthly(db, 2022, 4, 2022, 9, DATE_WESTERN, &cause), monthly[0], 6, 4,
	           "monthly report (six months)");
	same_table(report_classes(db, 2022, 4, 2022, 9, &cause), classes[0], 8, 5,
	           "per-class report (seven classes and the consultations)");

	t = report_monthly(db, 2022, 10, 2023, 3, DATE_WESTERN, &cause);
	ok(t != NULL && t->nrows == 6 && strcmp(cell(t, 5, 0), "2023-03") == 0 &&
	       strcmp(cell(t, 5, 1), "0") == 0,
	   "a period across the new year, with nothing in it");
	table_free(t);

	/* Importing the same files again adds nothing. */
	int64_t before = total_rows(db);

	for (int i = 0; import_kinds[i] != NULL; i++) {
		char path[400];

		snprintf(path, sizeof path, "%s/%s.csv", SOURCE_DEMO_DIR, import_kinds[i]);
		ok(import_csv_file(db, import_kinds[i], path, "test", &rep, &errors, &cause) == 0 &&
		       rep.added == 0,
		   "re-importing %s adds nothing", import_kinds[i]);
	}
	is_int(total_rows(db), before, "the database holds what it held");
	strlist_clear(&errors);

	/* Bad input: a message naming the row and field, and nothing changes. */
	for (size_t i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; i++)
		bad_import(db, bad_inputs[i].kind, bad_inputs[i].file, bad_inputs[i].csv,
		           bad_inputs[i].want, bad_inputs[i].what);

	/* Regressions from review: a reference is never someone else's application. */
	bad_import(db, "applications", "ref.csv",
	           "ref,offering,person,channel,applied_at,status\n"
	           "WEB-2022-00001,op-android-2022,P0500,counter,2022-03-18,cancelled\n",
	           "reference 'WEB-2022-00001' is already another application",
	           "a reference that names another person's application");
	is_int(db_count(db,
	                "SELECT count(*) FROM applications WHERE ref = 'WEB-2022-00001' AND"
	                " status = 'won'",
	                NULL),
	       1, "whose seat is untouched");
	/* A cancellation imported for a live booking cancels it, one record, SEQUENCE 1. */
	ok(import_csv_file(db, "bookings",
	                   test_file("b1.csv", "venue,date,start,person,topic,status\n"
	                                       "sekigahara,2022-08-02,10:30,P0001,photos,booked\n"),
	                   "test", &rep, &errors, &cause) == 0,
	   "a booking");
	ok(import_csv_file(db, "bookings",
	                   test_file("b2.csv",
	                             "venue,date,start,person,topic,status\n"
	                             "sekigahara,2022-08-02,10:30,P0001,photos,cancelled\n"),
	                   "test", &rep, &errors, &cause) == 0 &&
	       rep.added == 0,
	   "its cancellation adds no record");
	is_int(
	    db_count(db,
	             "SELECT 10 * count(*) + sum(sequence) FROM bookings b JOIN consultation_slots"
	             " s ON s.id = b.slot_id WHERE s.date = '2022-08-02' AND s.start = '10:30'"
	             " AND b.status = 'cancelled'",
	             NULL),
	    11, "the booking itself is cancelled, with SEQUENCE 1");
	is_int(db_count(db,
	                "SELECT count(*) FROM bookings b JOIN consultation_slots s ON s.id ="
	                " b.slot_id WHERE s.date = '2022-08-02' AND s.start = '10:30' AND"
	                " b.status <> 'cancelled'",
	                NULL),
	       0, "and the slot is free again");

	/* One good row and one bad: all or nothing. */
	bad_import(db, "people", "p7.csv", "code,name,birth_year\nNEW1,A,1950\nNEW2,B,1850\n",
	           "row 3, field 'birth_year'", "a good row beside a bad one");
	ok(db_count(db, "SELECT count(*) FROM people WHERE code = 'NEW1'", NULL) == 0,
	   "the good row was not stored either");

	ok(import_csv_file(db, "people",
	                   test_file("ok.csv", "code,name,kana,phone\n"
	                                       "NEW1,山田　花子,ヤマダ　ハナコ,03-1234-5678\n"),
	                   "test", &rep, &errors, &cause) == 0 &&
	       rep.added == 1,
	   "a good file is stored");
	is_int(db_count(db,
	                "SELECT count(*) FROM people WHERE kana_key = 'やまだはなこ' AND"
	                " phone_digits = '0312345678'",
	                NULL),
	       1, "with its search keys");
	/* A person registered already is refused, as people add refuses them, not overwritten. */
	bad_import(db, "people", "p8.csv", "code,name,phone\nNEW1,佐藤　一郎,03-1234-5678\n",
	           "row 2, field 'code': NEW1 is already registered, as 山田　花子",
	           "a registered code with other details");
	is_int(db_count(db,
	                "SELECT count(*) FROM people WHERE code = 'NEW1' AND name = '山田　花子'",
	                NULL),
	       1, "whose record is untouched");
	bad_import(db, "people", "p9.csv", "code,name,phone\nNEW2,山田 花子,0312345678\n",
	           "row 2: 山田 花子 is already registered as NEW1 with the same phone",
	           "the same person under a new code");
	/* Online applications: the person found by name and phone or birth year, a second
	 * application kept as a duplicate, the same file twice added once. */
	ok(import_csv_file(db, "offerings",
	                   test_file("onl.csv", "code,course,venue,apply_from,apply_to,capacity\n"
	                                        "onl,onepoint-iphone,sekigahara,2022-03-01,"
	                                        "2022-03-20,18\n"),
	                   "test", &rep, &errors, &cause) == 0,
	   "an offering to apply to");
	const char *online = "ref,offering,name,phone,birth_year,applied_at\n"
	                     "W1,onl,山田 花子,0312345678,1950,2022-03-05\n"
	                     "W2,onl,山田花子,,1950,2022-03-06\n"
	                     "W3,onl,鈴木　一郎,,1940,2022-03-25\n";

	for (int i = 0; i < 2; i++)
		ok(import_csv_file(db, "online", test_file("on.csv", online), "test", &rep, &errors,
		                   &cause) == 0 &&
		       rep.added == (i ? 0 : 3),
		   "online applications, imported %s", i ? "again: nothing added" : "once");
	is_int(db_count(db,
	                "SELECT count(*) FROM applications a JOIN people p ON p.id = a.person_id"
	                " JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'onl' AND"
	                " p.code = 'NEW1' AND p.birth_year = 1950",
	                NULL),
	       2, "the registered person applied twice and their birth year was learnt");
	is_int(db_count(db,
	                "SELECT count(*) FROM applications a JOIN offerings o ON o.id ="
	                " a.offering_id WHERE o.code = 'onl' AND (a.status, a.reason) IN"
	                " (VALUES ('applied', ''), ('duplicate', 'the same person as application"
	                " W1'), ('ineligible', 'applied on 2022-03-25, outside the application"
	                " window'))",
	                NULL),
	       3, "one applied, one duplicate, one outside the window");
	strlist_clear(&errors);
	is_int(db_count(db, "SELECT count(*) FROM audit_log WHERE action = 'import'", NULL),
	       2 * 10 + 6, "every import is in the audit log");
	strlist_clear(&errors);
	free(cause);
	db_close(db);
	return done_testing();
}
