/* A connection to PostgreSQL that the server dropped is made again before the next statement
 * outside a transaction; inside one, the statement fails in words and nothing is left half
 * done. Statements run often are prepared on the server, and survive a new connection; bulk
 * writes (db_bulk) go out in a pipeline, and the first refused row fails the flush. Run by
 * tests/pg/engine.sh with SUMAHO_TEST_PG_URI set and SUMAHO_TEST_PG_RESTART the command that
 * restarts its server; skipped without them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "tests/tap.h"

/* A name COPY's text format must escape. */
#define ODD "tab\there, back\\slash\\N, line\nbreak"

static int64_t
count(struct db *db)
{
	int64_t n = -1;
	char *cause = NULL;

	if (db_value(db, "SELECT count(*) FROM venues", &n, &cause, 0, NULL) != 0)
		n = -1;
	free(cause);
	return n;
}

/* Insert n venues code prefix0..prefix(n-1) named name as bulk steps, the one at dup again;
 * 0, or -1 with *cause when a step or (with flush) db_flush failed. With a name, the rows
 * are plain VALUES, which go as a COPY; without, the statement names its value ('bulk'),
 * and the steps go in a pipeline. */
static int
bulk_named(struct db *db, const char *prefix, const char *name, int n, int dup, int flush,
           char **cause)
{
	db_stmt *st = db_prepare(db,
	                         name ? "INSERT INTO venues (code, name) VALUES (?1, ?2)"
	                              : "INSERT INTO venues (code, name) VALUES (?1, 'bulk')",
	                         cause);
	int rc = 0;

	if (st == NULL)
		return -1;
	db_bulk(st);
	for (int i = 0; i < n && rc == 0; i++) {
		char code[32];

		snprintf(code, sizeof code, "%s%d", prefix, i == dup ? 0 : i);
		db_reset(st);
		db_bind_text(st, 1, code);
		if (name)
			db_bind_text(st, 2, name);
		if (db_step(st) != DB_DONE)
			rc = -1;
	}
	db_finalize(st);
	if (rc == 0 && flush)
		rc = db_flush(db, cause);
	else if (rc != 0)
		db_flush(db, cause);
	return rc;
}

static int
bulk_venues(struct db *db, const char *prefix, int n, int dup, int flush, char **cause)
{
	return bulk_named(db, prefix, NULL, n, dup, flush, cause);
}

enum bulk_step { BULK_COMMITTED, BULK_BEGIN_FAILED, BULK_FAILED, BULK_COMMIT_FAILED };

/* bulk_named's rows in a transaction of their own, committed: which step failed, if any, with
 * *cause. */
static enum bulk_step
bulk_committed(struct db *db, const char *prefix, const char *name, int n, int dup, int flush,
               char **cause)
{
	if (db_begin(db, cause) != 0)
		return BULK_BEGIN_FAILED;
	if (bulk_named(db, prefix, name, n, dup, flush, cause) != 0)
		return BULK_FAILED;
	return db_commit(db, cause) == 0 ? BULK_COMMITTED : BULK_COMMIT_FAILED;
}

/* The tests of bulk_committed's transaction: that it ends as want says (what, with the cause),
 * rolled back when it failed, and that the venues then number rows (kept). */
static void
bulk_test(struct db *db, const char *prefix, const char *name, int n, int dup, int flush,
          enum bulk_step want, int64_t rows, const char *what, const char *kept)
{
	char *cause = NULL;
	enum bulk_step got = bulk_committed(db, prefix, name, n, dup, flush, &cause);

	ok(got == want, "%s: %s", what, cause ? cause : "ok");
	if (got != BULK_COMMITTED)
		db_rollback(db);
	ok(count(db) == rows, "%s", kept);
	free(cause);
}

/* One statement run ten times with a new value: whether each answer is right (the later runs
 * are of the statement prepared on the server). */
static int
runs_right(struct db *db)
{
	db_stmt *st = db_prepare(db, "SELECT ?1 + 1", NULL);
	int right = st != NULL;

	for (int i = 0; st != NULL && i < 10; i++) {
		db_reset(st);
		db_bind_int(st, 1, i);
		right &= db_step(st) == DB_ROW && db_column_int(st, 0) == i + 1;
	}
	db_finalize(st);
	return right;
}

int
main(void)
{
	const char *uri = getenv("SUMAHO_TEST_PG_URI"), *restart = getenv("SUMAHO_TEST_PG_RESTART");
	char *cause = NULL;
	struct db *db;
	int64_t before, v;

	if (uri == NULL || restart == NULL) {
		printf("# SKIP no PostgreSQL server (tests/pg/engine.sh runs this)\n");
		return done_testing();
	}
	db = db_open(uri, DB_OPEN_EXISTING, 1000, &cause);
	ok(db != NULL, "connects to %s", uri);
	if (db == NULL) {
		printf("# %s\n", cause ? cause : "");
		return done_testing();
	}
	before = count(db);
	ok(before > 0, "reads the venues (%lld)", (long long)before);
	v = db_data_version(db);

	/* The server goes away and comes back between two statements. */
	ok(system(restart) == 0, "the server restarts");
	ok(count(db) == before, "the next statement reconnects and reads the same");
	ok(db_schema_version(db, NULL) > 0, "with the schema found again (search_path)");

	/* Within a transaction a lost connection is an error in words, and nothing stays. */
	ok(db_begin(db, &cause) == 0, "a transaction begins");
	ok(db_exec(db, "INSERT INTO venues (code, name) VALUES ('gone', 'lost')", &cause) == 0,
	   "a row is written in it");
	ok(system(restart) == 0, "the server restarts mid-transaction");
	free(cause);
	cause = NULL;
	ok(db_exec(db, "INSERT INTO venues (code, name) VALUES ('gone2', 'lost')", &cause) != 0,
	   "the next statement of that transaction fails");
	ok(cause != NULL && strstr(cause, "connection") != NULL,
	   "saying the connection was lost: %s", cause ? cause : "");
	db_rollback(db);
	ok(count(db) == before, "after it, the terminal goes on and nothing of it was kept");
	ok(db_data_version(db) >= v, "notifications are heard again");
	free(cause);
	cause = NULL;

	/* Prepared statements, and again on a new connection. */
	ok(runs_right(db), "a statement run ten times answers right each time");
	ok(system(restart) == 0, "the server restarts");
	ok(count(db) == before, "the terminal reconnects");
	ok(runs_right(db), "and prepares its statements again");

	/* Bulk steps: 1,000 rows in a pipeline. */
	bulk_test(db, "bulk", NULL, 1000, -1, 1, BULK_COMMITTED, before + 1000,
	          "1,000 bulk inserts are written and committed", "all of them");
	ok(db_begin(db, &cause) == 0, "a transaction begins");
	ok(bulk_venues(db, "dup", 1000, 700, 1, &cause) != 0,
	   "a bulk insert with a duplicate at row 700 fails its flush");
	ok(cause != NULL && strstr(cause, "dup0") != NULL, "naming the row's key: %s",
	   cause ? cause : "");
	db_rollback(db);
	ok(count(db) == before + 1000, "nothing of it was kept");
	free(cause);
	cause = NULL;
	bulk_test(db, "again", NULL, 600, -1, 1, BULK_COMMITTED, before + 1600,
	          "the next bulk write works", "all of it");
	bulk_test(db, "dup", NULL, 10, 5, 0, BULK_COMMIT_FAILED, before + 1600,
	          "a short bulk write with a duplicate, not flushed, fails its commit",
	          "nothing of it was kept");

	/* Bulk steps of plain VALUES: one COPY. */
	bulk_test(db, "copy", ODD, 1000, -1, 1, BULK_COMMITTED, before + 2600,
	          "1,000 plain bulk inserts go as a COPY", "all of them");
	ok(db_count_text(db, "SELECT count(*) FROM venues WHERE code = 'copy999' AND name = ?1",
	                 ODD, NULL) == 1,
	   "a text with a tab, backslashes and a line break comes back whole");
	ok(db_begin(db, &cause) == 0, "a transaction begins");
	ok(bulk_named(db, "cdup", "bulk", 5000, 4000, 1, &cause) != 0,
	   "a COPY with a duplicate at row 4,000 fails its flush");
	ok(cause != NULL && strstr(cause, "cdup0") != NULL, "naming the row's key: %s",
	   cause ? cause : "");
	db_rollback(db);
	ok(count(db) == before + 2600, "nothing of it was kept");
	ok(runs_right(db), "and the connection goes on");
	ok(db_exec(db, "DELETE FROM venues WHERE name = 'bulk' OR code LIKE 'copy%'", NULL) == 0 &&
	       count(db) == before,
	   "the bulk rows are removed again");
	free(cause);
	db_close(db);
	return done_testing();
}
