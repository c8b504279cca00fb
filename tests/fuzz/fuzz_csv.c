/* tests/fuzz/fuzz_csv.c: the CSV reader and the importer's row checks.
 *
 * The whole input goes to csv_parse. Then its first byte chooses how to import the rest as a
 * file: kind = byte % 8 (people, applications, online, venues, courses, offerings, sessions,
 * templates), byte & 0x08 writes the bad rows to a rejects file instead of refusing them all,
 * byte & 0x10 checks the eligibility of online applications. Each import runs inside a
 * transaction that is rolled back, so every input meets the same database. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/formats/csv.h"
#include "models/core/db.h"
#include "models/transfer/transfer.h"
#include "models/lottery/lottery.h"
#include "models/core/date.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tests/fuzz/fuzz.h"

const char fuzz_target[] = "csv";

static const char *const kinds[8] = {"people",  "applications", "online",   "venues",
                                     "courses", "offerings",    "sessions", "templates"};

/* The promises of the paths a field of an imported file goes through. */
static void
check_field(const char *f)
{
	static char *names[] = {"name=申込者のお名前, 氏名（漢字）"};
	static const struct strlist extra = {names, 1, 1};
	struct date d;
	int minutes = -2, year = 0;
	char *nfc, *again, *key;

	char *note = NULL;

	if (date_parse_loose(f, &d, &minutes, &note) == 0 &&
	    (!date_valid(d.year, d.month, d.day) || minutes < -1 || minutes >= 24 * 60))
		abort();
	free(note);
	if (date_parse_birth_year(f, &year, &note) == 0 && (year < 1900 || year > 2199))
		abort();
	free(note);
	(void)import_heading_is("name", f, &extra);
	(void)import_heading_is("birth_year", f, NULL);
	nfc = text_nfc(f);
	again = text_nfc(nfc);
	key = text_search_key(f);
	if (strcmp(nfc, again) != 0 || text_invalid_at(key, strlen(key)) >= 0 ||
	    strlen(key) > strlen(nfc) || text_invalid_at(nfc, strlen(nfc)) >= 0)
		abort();
	if (text_is_blank(f) && text_check_value(f, 1, 1000, NULL, NULL) == 0)
		abort(); /* blank text is never a value */
	free(nfc);
	free(again);
	free(key);
}

/* What csv_parse promises of a parse that succeeded: every field is valid UTF-8 with no NUL
 * inside, and rows are numbered 1, 2, 3... */
static void
check_csv(const struct csv *csv)
{
	for (size_t i = 0; i < csv->nrows; i++) {
		if (csv->rows[i].rowno != (long)i + 1)
			abort();
		for (size_t j = 0; j < csv->rows[i].nfields; j++) {
			const char *f = csv->rows[i].fields[j];

			if (f == NULL || text_invalid_at(f, strlen(f)) >= 0)
				abort();
			check_field(f);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lottery_config eligibility = {
	    "lost-before, first-time", 5, 65, 1, "fuzz", 0, NULL, 7, 48};
	struct csv csv;
	struct strlist errors = {0};
	struct import_report rep;
	static char *names[] = {"name=申込者のお名前", "kana=カナ氏名"};
	static const struct strlist extra = {names, 2, 2};
	struct strlist updates = {0};
	struct import_options opts = {.headings = &extra, .updates = &updates};
	struct db *db;
	char *cause = NULL;
	const char *path;
	int rc;

	if (size > 65536) /* rows, not size, are what the checks are about */
		return 0;
	if (csv_parse((const char *)data, size, "fuzz.csv", &csv, &cause) == 0) {
		check_csv(&csv);
		csv_free(&csv);
	} else if (cause == NULL || csv.nrows != 0) {
		abort(); /* a refusal says why and leaves nothing behind */
	}
	free(cause);
	cause = NULL;
	if (size == 0)
		return 0;

	db = fuzz_db();
	if (data[0] & 0x08)
		opts.rejects = fuzz_path("rejects.csv");
	if (data[0] & 0x10)
		opts.lottery = &eligibility;
	opts.update = (data[0] & 0x20) != 0;
	path = fuzz_write("input.csv", data + 1, size - 1);
	if (db_begin(db, &cause) != 0)
		abort();
	rc = import_csv_file_ex(db, kinds[data[0] % 8], path, "fuzz", &opts, &rep, &errors, &cause);
	/* A refusal always says why; either way the importer's savepoint is closed. */
	if ((rc != 0 && errors.n == 0 && cause == NULL) || db->depth != 1)
		abort();
	strlist_clear(&errors);
	strlist_clear(&updates);
	free(cause);
	db_rollback(db);
	return 0;
}
