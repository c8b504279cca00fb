/* Unit tests for the audit log's hash chain: db_audit (models/core/db.c) writes it,
 * audit_verify (models/audit/audit.c) finds the first entry changed, removed or inserted. */
#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/audit/audit.h"
#include "models/core/db.h"
#include "models/core/schema.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

#define WRITERS 4
#define WRITES  60

static int
exec_ok(struct db *db, const char *sql)
{
	char *cause = NULL;
	int rc = db_exec(db, sql, &cause);

	if (rc != 0)
		printf("# %s\n", cause);
	free(cause);
	return rc == 0;
}

/* Verify db's log; the finding, with the entry in *id and the count in *n. */
static enum audit_finding
verify(struct db *db, int64_t *id, int64_t *n)
{
	struct audit_check c;
	char *cause = NULL;

	if (audit_verify(db, &c, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
		return (enum audit_finding) - 1;
	}
	if (id != NULL)
		*id = c.id;
	if (n != NULL)
		*n = c.entries;
	return c.finding;
}

/* A database of its own with the schema and a few entries. */
static struct db *
fresh(const char *name)
{
	char *cause = NULL;
	struct db *db = test_db(name);

	for (int i = 1; i <= 5; i++) {
		char detail[32];

		snprintf(detail, sizeof detail, "entry %d", i);
		if (db_audit(db, "kanri", "add", "people", i, detail, &cause) != 0) {
			printf("# %s\n", cause);
			exit(99);
		}
	}
	return db;
}

/* The database the writers share. */
static const char *load_path;

/* A process of its own writing WRITES entries, each in a transaction with another write. */
static int
write_some(int w)
{
	const char *path = load_path;
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_EXISTING, 20000, &cause);

	if (db == NULL)
		return 1;
	for (int i = 0; i < WRITES; i++) {
		char detail[32];

		snprintf(detail, sizeof detail, "writer %d, write %d", w, i);
		if (db_begin(db, &cause) != 0 ||
		    db_exec(db, "UPDATE venues SET address = address", &cause) != 0 ||
		    db_audit(db, "tester", "write", "venues", w + 1, detail, &cause) != 0 ||
		    db_commit(db, &cause) != 0) {
			fprintf(stderr, "writer %d: %s\n", w, cause ? cause : "?");
			return 1;
		}
	}
	db_close(db);
	return 0;
}

int
main(void)
{
	char hash[DB_AUDIT_HASH_HEX], path[400], *cause = NULL;
	struct db *db;
	int64_t id, n, migrations;

	test_tmpdir();

	/* The definition the man page gives, recomputed by hand with Python's hashlib. */
	db_audit_hash("", 1, "2026-01-01T00:00:00.000Z", "kanri", "add", "people", 3, "佐藤 花子",
	              hash);
	is_str(hash, "97982537d53dfb9fd58d7b8dc5c1253b57022d126edbea080a038c69c30675ba",
	       "an entry's hash is SHA-256 of its fields as netstrings");
	char other[DB_AUDIT_HASH_HEX];

	db_audit_hash("", 1, "2026-01-01T00:00:00.000Z", "kanri", "add", "people", 0, "佐藤 花子",
	              other);
	ok(strcmp(hash, other) != 0, "no record is not the same as record 3");
	db_audit_hash("", 1, "2026-01-01T00:00:00.000Z", "kanri", "add", "peopl", 0, "e佐藤 花子",
	              other);
	ok(strcmp(hash, other) != 0, "a field's end cannot move into the next one");

	/* A new database: the migrations' entries are chained (on PostgreSQL, whose schema
	 * begins at a later version, fewer of them). */
	db = fresh("new.db");
	migrations = db_count(db, "SELECT count(*) FROM audit_log WHERE action = 'migrate'", NULL);
	if (test_on_pg())
		ok(migrations > 0 && migrations < schema_nmigrations,
		   "PostgreSQL's migrations (%lld)", (long long)migrations);
	else
		is_int(migrations, schema_nmigrations, "every migration");
	is_int(verify(db, &id, &n), AUDIT_INTACT, "a new database's log is intact");
	is_int(n, migrations + 5, "with the migrations and the five entries");
	is_int(db_count(db, "SELECT count(*) FROM audit_log WHERE length(hash) = 64", NULL), n,
	       "every entry has a hash");

	/* A write rolled back leaves no hole in the chain. */
	ok(db_begin(db, &cause) == 0 && db_audit(db, "t", "x", "people", 1, "gone", &cause) == 0,
	   "an entry in a transaction");
	db_rollback(db);
	ok(db_audit(db, "t", "y", "", 0, "kept", &cause) == 0, "then another after a rollback");
	is_int(verify(db, NULL, &n), AUDIT_INTACT, "the chain holds");
	is_int(n, migrations + 6, "and counts the kept entry only");
	db_close(db);

	/* What someone with the sqlite3 shell (or psql) might do; each on a database of its own.
	 * An entry inserted has its id given (sumaho numbers the chain itself: PostgreSQL's
	 * identity stays behind). */
	static const struct {
		const char *sql, *what;
		enum audit_finding finding;
		int64_t id; /* 0: the last entry */
	} edits[] = {
	    {"UPDATE audit_log SET detail = 'entry 0' WHERE detail = 'entry 3'", "a changed detail",
	     AUDIT_CHANGED, -3},
	    {"UPDATE audit_log SET actor = 'someone' WHERE detail = 'entry 1'", "a changed actor",
	     AUDIT_CHANGED, -1},
	    {"UPDATE audit_log SET entity_id = NULL WHERE detail = 'entry 2'",
	     "a record's id taken away", AUDIT_CHANGED, -2},
	    {"DELETE FROM audit_log WHERE detail = 'entry 2'", "a removed entry", AUDIT_REMOVED,
	     -2},
	    {"DELETE FROM audit_log WHERE id = 1", "the first entry removed", AUDIT_REMOVED, 1},
	    {"INSERT INTO audit_log (id, actor, action, detail) SELECT max(id) + 1, 'x', 'y', 'z'"
	     " FROM audit_log",
	     "an inserted entry", AUDIT_CHANGED, 0},
	    {"INSERT INTO audit_log (id, actor, action, detail, hash) SELECT id + 1, 'x', 'y', 'z',"
	     " hash FROM audit_log ORDER BY id DESC LIMIT 1",
	     "an inserted entry with a copied hash", AUDIT_CHANGED, 0},
	    {"UPDATE audit_log SET detail = detail || '.' WHERE id = (SELECT max(id) FROM"
	     " audit_log)",
	     "the last entry changed", AUDIT_CHANGED, 0},
	    {"UPDATE audit_log SET hash = upper(hash) WHERE detail = 'entry 4'", "a changed hash",
	     AUDIT_CHANGED, -4},
	};

	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		char name[32];
		int64_t want;

		snprintf(name, sizeof name, "edit%zu.db", i);
		db = fresh(name);
		/* Entry k of the five is the migrations' + k. */
		want = edits[i].id < 0 ? migrations - edits[i].id : edits[i].id;
		exec_ok(db, edits[i].sql);
		if (edits[i].id == 0)
			want = db_count(db, "SELECT max(id) FROM audit_log", NULL);
		is_int(verify(db, &id, NULL), edits[i].finding, "%s is found", edits[i].what);
		is_int(id, want, "and named");
		db_close(db);
	}

	/* An older database: the entries written before the chain are chained by the migration,
	 * a gap among them included. (SQLite's: PostgreSQL's schema begins after version 7.) */
	if (test_on_pg())
		for (int i = 0; i < 7; i++)
			printf("ok %d - an older database # SKIP none on PostgreSQL\n",
			       ++tap_count);
	else {
		snprintf(path, sizeof path, "%s/v7.db", test_dir);
		db = db_open(path, DB_OPEN_CREATE, 5000, &cause);
		for (int i = 0; i < 7; i++)
			exec_ok(db, schema_migrations[i].sql);
		ok(exec_ok(
		       db,
		       "INSERT INTO audit_log (id, actor, action, entity, entity_id, detail) VALUES"
		       " (1, 'sumaho', 'migrate', 'schema', 1, 'initial schema'),"
		       " (2, 'kanri', 'add', 'people', 1, '佐藤'),"
		       " (4, 'kanri', 'book', 'bookings', NULL, 'line')"),
		   "a database at schema version 7 with entries and no hashes");
		is_int(db_migrate(db, &cause), schema_nmigrations - 7, "is upgraded");
		is_int(verify(db, NULL, &n), AUDIT_INTACT, "and its log verifies");
		is_int(n, 3 + schema_nmigrations - 7, "with the old entries and the upgrade's");
		exec_ok(db, "UPDATE audit_log SET detail = '鈴木' WHERE id = 2");
		is_int(verify(db, &id, NULL), AUDIT_CHANGED, "a change to an old entry is found");
		is_int(id, 2, "and named");
		db_close(db);
	}

	/* Several processes writing at once still make one chain. */
	db = fresh("load.db");
	exec_ok(db, "INSERT INTO venues (code, name) VALUES ('v', 'V')");
	snprintf(path, sizeof path, "%s", db->path);
	db_close(db);
	load_path = path;
	int all = test_processes(WRITERS, write_some);

	ok(all, "%d processes wrote %d entries each", WRITERS, WRITES);
	db = db_open(path, DB_OPEN_EXISTING, 5000, &cause);
	is_int(verify(db, NULL, &n), AUDIT_INTACT, "the chain holds");
	is_int(n, migrations + 5 + WRITERS * WRITES, "with every entry");
	is_int(db_count(db, "SELECT max(id) - min(id) + 1 - count(*) FROM audit_log", NULL), 0,
	       "ids follow one another");
	db_close(db);
	free(cause);
	return done_testing();
}
