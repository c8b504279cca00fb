/* tests/fuzz/replay.c: run a fuzz target's LLVMFuzzerTestOneInput over every file of its seed
 * corpus (tests/fuzz/corpus/NAME) and of the inputs that once failed (tests/fuzz/regress/NAME),
 * built with the normal compiler, so that `make check` (and its ASan+UBSan tree) replays them.
 * Prints TAP, one test point a file; a crash, a leak or an input that runs longer than 20 s (a
 * hang libFuzzer found) ends the run as a failure. Files named on the command line are run
 * instead. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/util.h"
#include "tests/fuzz/fuzz.h"

static int count;

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read a whole file (the caller frees it); NULL when it cannot be read. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf ? buf : xmalloc(1);
}

static void
run_file(const char *path, const char *label)
{
	size_t len;
	unsigned char *data = slurp(path, &len);

	if (data == NULL) {
		printf("not ok %d - %s: cannot be read\n", ++count, label);
		return;
	}
	/* Say which file runs first, so that a crash names its input in the log. */
	printf("# %s (%zu bytes)\n", label, len);
	fflush(stdout);
	alarm(20); /* SIGALRM ends the run: it takes milliseconds, also under ASan */
	LLVMFuzzerTestOneInput(data, len);
	alarm(0);
	free(data);
	printf("ok %d - %s\n", ++count, label);
	fflush(stdout);
}

/* Every regular file of dir, in name order; none at all when dir does not exist. */
static void
run_dir(const char *top, const char *dir)
{
	char *path = xasprintf("%s/tests/fuzz/%s/%s", top, dir, fuzz_target);
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL) {
		free(path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *file = xasprintf("%s/%s", path, names[i]);
		char *label = xasprintf("%s/%s/%s", dir, fuzz_target, names[i]);

		run_file(file, label);
		free(file);
		free(label);
		free(names[i]);
	}
	free(names);
	free(path);
}

int
main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			run_file(argv[i], argv[i]);
	} else {
		run_dir(top != NULL && *top != '\0' ? top : ".", "corpus");
		run_dir(top != NULL && *top != '\0' ? top : ".", "regress");
	}
	if (count == 0)
		printf("1..0 # SKIP no inputs found for %s\n", fuzz_target);
	else
		printf("1..%d\n", count);
	return 0;
}
