/* tests/unit/testutil.h: a private temporary directory and files for one test program. */
#ifndef TESTS_UNIT_TESTUTIL_H
#define TESTS_UNIT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/core/db.h"

static char test_dir[256];

static void
test_dir_cleanup(void)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", test_dir);
}

/* Make a fresh directory removed at exit. */
static const char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(test_dir, sizeof test_dir, "%s/sumaho-test-XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(test_dir) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
	atexit(test_dir_cleanup);
	return test_dir;
}

/* Write text to DIR/name and return the path (static buffer, one at a time). */
static __attribute__((unused)) const char *
test_file(const char *name, const char *text)
{
	static char path[400];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", test_dir, name);
	f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

/* Whether the tests run against PostgreSQL: SUMAHO_TEST_DB holds the postgresql:// URI of a
 * database on the server (tests/pg/unit.sh), next to which test_db makes its own. */
static __attribute__((unused)) int
test_on_pg(void)
{
	const char *uri = getenv("SUMAHO_TEST_DB");

	return uri != NULL && *uri != '\0';
}

/* Where the database name goes in a URI postgresql://[host]/NAME[?...]: its start and end. */
static __attribute__((unused)) void
test_uri_name(const char *uri, const char **start, const char **end)
{
	const char *p = strstr(uri, "://");

	p = p ? strchr(p + 3, '/') : NULL;
	*start = p ? p + 1 : uri + strlen(uri);
	*end = *start + strcspn(*start, "?");
}

/* A new database with the schema: a file in the test directory, or on PostgreSQL
 * (SUMAHO_TEST_DB) a database of this process made afresh under the name. Exits 99 when it
 * cannot be made. */
static __attribute__((unused)) struct db *
test_db(const char *name)
{
	char path[600], *cause = NULL;
	struct db *db;

	if (test_on_pg()) {
		const char *uri = getenv("SUMAHO_TEST_DB"), *start, *end;
		char dbname[64], sql[160];
		struct db *server = db_open(uri, DB_OPEN_CREATE, 5000, &cause);
		size_t n = (size_t)snprintf(dbname, sizeof dbname, "u%ld_", (long)getpid());

		for (const char *c = name; *c && n + 1 < sizeof dbname; c++)
			dbname[n++] =
			    (char)((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ? *c : '_');
		dbname[n] = '\0';
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", dbname);
		if (server == NULL || db_exec(server, sql, &cause) != 0 ||
		    (snprintf(sql, sizeof sql, "CREATE DATABASE %s STRATEGY = FILE_COPY", dbname),
		     db_exec(server, sql, &cause) != 0)) {
			printf("Bail out! %s: %s\n", uri, cause ? cause : "cannot make a database");
			exit(99);
		}
		db_close(server);
		test_uri_name(uri, &start, &end);
		snprintf(path, sizeof path, "%.*s%s%s", (int)(start - uri), uri, dbname, end);
	} else
		snprintf(path, sizeof path, "%s/%s", test_dir, name);
	db = db_open(path, DB_OPEN_CREATE, 5000, &cause);
	if (db == NULL || db_migrate(db, &cause) < 0) {
		printf("Bail out! %s\n", cause ? cause : "cannot make a database");
		exit(99);
	}
	return db;
}

/* Run fn(0) .. fn(n - 1) in n processes at once (n at most 64): nonzero when every one
 * ended with status 0. */
static __attribute__((unused)) int
test_processes(int n, int (*fn)(int))
{
	pid_t pids[64];
	int all = 1;

	for (int i = 0; i < n && i < 64; i++)
		if ((pids[i] = fork()) == 0)
			_exit(fn(i));
	for (int i = 0; i < n && i < 64; i++) {
		int st;

		waitpid(pids[i], &st, 0);
		all &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	return all;
}

#endif
