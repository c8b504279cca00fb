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

/* A new database in the test directory, with the schema: exits 99 when it cannot be made. */
static __attribute__((unused)) struct db *
test_db(const char *name)
{
	char path[400], *cause = NULL;
	struct db *db;

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
