/* tests/fuzz/fuzzutil.c: the temporary directory and the database of the fuzz targets. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/db.h"
#include "models/transfer/transfer.h"
#include "models/core/util.h"
#include "tests/fuzz/fuzz.h"

static char *tmp_dir;
static char *tmp_paths[8]; /* one a name, kept until exit */
static size_t ntmp_paths;
static struct db *the_db;

/* Remove what the targets wrote (only files: they make no directories) and the directory. */
static void
fuzz_cleanup(void)
{
	DIR *d;
	struct dirent *e;

	db_close(the_db);
	the_db = NULL;
	if (tmp_dir != NULL && (d = opendir(tmp_dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *p;

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", tmp_dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
		rmdir(tmp_dir);
	}
	free(tmp_dir);
	tmp_dir = NULL;
	for (size_t i = 0; i < ntmp_paths; i++)
		free(tmp_paths[i]);
	ntmp_paths = 0;
}

const char *
fuzz_path(const char *name)
{
	if (tmp_dir == NULL) {
		const char *base = getenv("TMPDIR");

		if (access("/dev/shm", W_OK) == 0)
			base = "/dev/shm";
		else if (base == NULL || *base == '\0')
			base = "/tmp";
		tmp_dir = xasprintf("%s/sumaho-fuzz.XXXXXX", base);
		if (mkdtemp(tmp_dir) == NULL) {
			perror(tmp_dir);
			abort();
		}
		atexit(fuzz_cleanup);
	}
	for (size_t i = 0; i < ntmp_paths; i++) {
		const char *slash = strrchr(tmp_paths[i], '/');

		if (strcmp(slash + 1, name) == 0)
			return tmp_paths[i];
	}
	if (ntmp_paths == sizeof tmp_paths / sizeof tmp_paths[0])
		abort(); /* the targets use three names or so */
	tmp_paths[ntmp_paths] = xasprintf("%s/%s", tmp_dir, name);
	return tmp_paths[ntmp_paths++];
}

const char *
fuzz_write(const char *name, const void *data, size_t len)
{
	const char *path = fuzz_path(name);
	FILE *f = fopen(path, "wb");

	if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

/* The records the inputs may refer to, imported with the importer itself. */
static const struct {
	const char *kind, *text;
} base_records[] = {
    {"venues", "code,name,address\n"
               "sekigahara,関ヶ原,東京都品川区西品川1-28-3\n"
               "hiratsukabashi,平塚橋,東京都品川区西中延1-2-8\n"},
    {"courses", "code,title,device,level,description\n"
                "intro-iphone,スマホ入門,iphone,intro,iPhoneの基本操作を学びます。\n"},
    {"offerings", "code,course,venue,apply_from,apply_to,capacity,report_group\n"
                  "intro-iphone-2022,intro-iphone,sekigahara,2022-03-01,2022-03-20,14,\n"},
    {"sessions", "code,offering,date,start,duration,seats,status\n"
                 "intro-iphone-2022-1,intro-iphone-2022,2022-04-14,10:00,90,7,scheduled\n"
                 "intro-iphone-2022-2,intro-iphone-2022,2022-04-21,10:00,90,7,scheduled\n"},
    {"people", "code,name,kana,phone,birth_year,resident\n"
               "P0001,小林　博,コバヤシ　ヒロシ,03-5497-0775,1943,yes\n"
               "P0002,渡辺　勇,ワタナベ　イサム,03-5404-1490,1934,yes\n"},
};

struct db *
fuzz_db(void)
{
	char *cause = NULL;

	if (the_db != NULL)
		return the_db;
	the_db = db_open(":memory:", DB_OPEN_CREATE, 1000, &cause);
	if (the_db == NULL || db_migrate(the_db, &cause) < 0)
		goto fail;
	for (size_t i = 0; i < sizeof base_records / sizeof base_records[0]; i++) {
		struct strlist errors = {0};
		const char *path =
		    fuzz_write("base.csv", base_records[i].text, strlen(base_records[i].text));
		/* Records of 2022: classes held before today. */
		struct import_options past = {.past_records = 1};

		if (import_csv_file_ex(the_db, base_records[i].kind, path, "fuzz", &past, NULL,
		                       &errors, &cause) != 0) {
			fprintf(stderr, "fuzz: %s: %s\n", base_records[i].kind,
			        errors.n > 0 ? errors.v[0]
			        : cause      ? cause
			                     : "?");
			abort();
		}
		unlink(path);
	}
	return the_db;
fail:
	fprintf(stderr, "fuzz: %s\n", cause ? cause : "cannot make the database");
	abort();
}
