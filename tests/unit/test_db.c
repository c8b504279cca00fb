/* Unit tests for models/db.c and the schema's constraints. */
#include "config.h"

#include <stdlib.h>

#include "models/core/db.h"
#include "models/core/schema.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

static int
exec_ok(struct db *db, const char *sql)
{
	char *cause = NULL;
	int rc = db_exec(db, sql, &cause);

	free(cause);
	return rc == 0;
}

int
main(void)
{
	char path[400], *cause = NULL;
	struct db *db;
	db_stmt *st;

	test_tmpdir();
	snprintf(path, sizeof path, "%s/missing/sumaho.db", test_dir);
	db = db_open(path, DB_OPEN_EXISTING, 1000, &cause);
	ok(db == NULL, "an absent database is not created by accident");
	ok(cause != NULL && strstr(cause, "sumaho init") != NULL,
	   "and the message says what to do");
	free(cause);
	cause = NULL;

	snprintf(path, sizeof path, "%s/a/b/sumaho.db", test_dir);
	db = db_open(path, DB_OPEN_CREATE, 1000, &cause);
	ok(db != NULL, "creates the database and its directories");
	if (db == NULL) {
		printf("# %s\n", cause);
		return done_testing();
	}
	is_int(db_schema_version(db, NULL), 0, "a new database has schema version 0");
	is_int(db_migrate(db, &cause), schema_nmigrations, "applies every migration");
	is_int(db_schema_version(db, NULL), db_schema_latest(), "now at the latest version");
	is_int(db_migrate(db, &cause), 0, "a second run applies nothing");
	is_int(db_count(db, "SELECT count(*) FROM audit_log WHERE action = 'migrate'", NULL),
	       schema_nmigrations, "each migration is in the audit log");

	st = db_prepare(db, "PRAGMA journal_mode", NULL);
	ok(st && db_step(st) == DB_ROW && strcmp(db_column_text(st, 0), "wal") == 0,
	   "WAL journal");
	db_finalize(st);
	is_int(db_count(db, "PRAGMA foreign_keys", NULL), 1, "foreign keys are enforced");

	/* Constraints of the schema. */
	ok(exec_ok(
	       db,
	       "INSERT INTO venues (code, name) VALUES ('v', 'V');"
	       "INSERT INTO courses (code, title, device, level) VALUES ('c','C','any','intro');"
	       "INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)"
	       " VALUES ('o', 1, 1, '2022-03-01', '2022-03-20', 22)"),
	   "a venue, a course and an offering");
	static const struct {
		const char *sql, *what;
	} refused[] = {
	    {"INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)"
	     " VALUES ('o2', 1, 1, '2022-03-01', '2022-03-20', -3)",
	     "a capacity of -3 is refused"},
	    {"INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	     " VALUES ('s', 1, '2023-02-29', '10:00', 90, 8)",
	     "a session on 2023-02-29 is refused"},
	    {"INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	     " VALUES ('s', 1, '2023-02-28', '10:00', 90, 12)",
	     "12 seats is refused (6-10)"},
	    {"INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	     " VALUES ('s', 1, '2023-02-28', '10:00', 45, 8)",
	     "45 minutes is refused (60-120)"},
	    {"INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	     " VALUES ('s', 99, '2023-02-28', '10:00', 90, 8)",
	     "a session of a missing offering is refused"},
	};

	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ok(!exec_ok(db, refused[i].sql), "%s", refused[i].what);
	ok(exec_ok(db, "INSERT INTO people (code, name) VALUES ('p1', 'A'), ('p2', 'B');"
	               "INSERT INTO consultation_slots (venue_id, date, start)"
	               " VALUES (1, '2022-08-02', '10:00');"
	               "INSERT INTO bookings (slot_id, person_id, topic) VALUES (1, 1, 'line')"),
	   "a slot and a booking");
	ok(!exec_ok(db, "INSERT INTO bookings (slot_id, person_id, topic) VALUES (1, 2, 'line')"),
	   "a second live booking of the same slot is refused");
	ok(exec_ok(db, "UPDATE bookings SET status = 'cancelled';"
	               "INSERT INTO bookings (slot_id, person_id, topic) VALUES (1, 2, 'line')"),
	   "after a cancellation the slot can be booked again");

	/* Transactions: nested levels roll back as a whole or in part. */
	int64_t before = db_count(db, "SELECT count(*) FROM people", NULL);

	ok(db_begin(db, &cause) == 0, "begin");
	exec_ok(db, "INSERT INTO people (code, name) VALUES ('p3', 'C')");
	ok(db_begin(db, &cause) == 0, "begin a nested level");
	exec_ok(db, "INSERT INTO people (code, name) VALUES ('p4', 'D')");
	db_rollback(db);
	is_int(db_count(db, "SELECT count(*) FROM people", NULL), before + 1,
	       "rolling back the inner level keeps the outer one's work");
	db_rollback(db);
	is_int(db_count(db, "SELECT count(*) FROM people", NULL), before,
	       "rolling back the outer level undoes everything");
	is_int(db->depth, 0, "no transaction is left open");
	ok(db_audit(db, "tester", "test", "people", 1, "detail", &cause) == 0, "audit entry");
	db_close(db);

	/* An older database is upgraded in place, its records kept. */
	{
		char old[400];
		struct db *o;

		snprintf(old, sizeof old, "%s/v1.db", test_dir);
		o = db_open(old, DB_OPEN_CREATE, 1000, &cause);
		ok(o != NULL && db_exec(o, schema_migrations[0].sql, &cause) == 0,
		   "a database at schema version 1");
		ok(exec_ok(o, "INSERT INTO venues (code, name) VALUES ('v', 'V');"
		              "INSERT INTO people (code, name) VALUES ('p', 'P');"
		              "INSERT INTO consultation_slots (venue_id, date, start)"
		              " VALUES (1, '2022-08-02', '10:00');"
		              "INSERT INTO bookings (slot_id, person_id, topic, booked_at)"
		              " VALUES (1, 1, 'line', '2022-07-01T00:00:00Z')"),
		   "with a booking");
		is_int(db_migrate(o, &cause), schema_nmigrations - 1, "migrate applies the rest");
		is_int(db_schema_version(o, NULL), db_schema_latest(), "and it is at the latest");
		is_int(db_count(o,
		                "SELECT count(*) FROM bookings WHERE updated_at ="
		                " '2022-07-01T00:00:00Z' AND sequence = 0",
		                NULL),
		       1, "the booking is kept, stamped with its booking time");
		ok(exec_ok(o, "UPDATE bookings SET status = 'cancelled'"), "cancel it");
		is_int(db_count(o, "SELECT sequence FROM bookings", NULL), 1,
		       "a change bumps the booking's SEQUENCE (trigger)");
		db_close(o);
	}

	/* A database from a newer sumaho is left alone. */
	db = db_open(path, DB_OPEN_EXISTING, 1000, &cause);
	exec_ok(db, "PRAGMA user_version = 999");
	ok(db_migrate(db, &cause) < 0 && cause && strstr(cause, "newer") != NULL,
	   "a newer schema is refused with a message");
	db_close(db);

	/* Not a database at all. */
	const char *junk = test_file("junk.db", "this is not a database, just text\n");

	free(cause);
	cause = NULL;
	ok(db_open(junk, DB_OPEN_EXISTING, 1000, &cause) == NULL && cause != NULL,
	   "a file that is not a database is refused");
	free(cause);
	return done_testing();
}
