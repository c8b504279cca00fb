/* tests/unit/testutil.h: a private temporary directory and files for one test program. */
#ifndef TESTS_UNIT_TESTUTIL_H
#define TESTS_UNIT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

#endif
