/* A connection to PostgreSQL that the server dropped is made again before the next statement
 * outside a transaction; inside one, the statement fails in words and nothing is left half
 * done. Run by tests/pg/engine.sh with SUMAHO_TEST_PG_URI set and SUMAHO_TEST_PG_RESTART the
 * command that restarts its server; skipped without them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "tests/tap.h"

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
	db_close(db);
	return done_testing();
}
