/* tests/fuzz/fuzz_ics.c: the import of closure and holiday calendars (.ics).
 *
 * The input is written to a file and imported as closures of every venue over 2022-2023 (or,
 * when its size is odd, of one venue over April 2022), inside a transaction that is rolled
 * back, so every input meets the same database. */
#include "config.h"

#include <stdlib.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/formats/ical.h"
#include "tests/fuzz/fuzz.h"

const char fuzz_target[] = "ics";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date from = {2022, 1, 1}, to = {2023, 12, 31};
	struct ical_import_report rep;
	const char *venue = NULL, *path;
	struct db *db;
	char *cause = NULL;
	int rc;

	if (size > 65536)
		return 0;
	if (size % 2 == 1) {
		venue = "sekigahara";
		from = (struct date){2022, 4, 1};
		to = (struct date){2022, 4, 30};
	}
	db = fuzz_db();
	path = fuzz_write("input.ics", data, size);
	if (db_begin(db, &cause) != 0)
		abort();
	rc = ical_import_closures(db, path, venue, &from, &to, "fuzz", &rep, &cause);
	/* A refusal always says why; either way the import's savepoint is closed. */
	if ((rc != 0 && cause == NULL) || db->depth != 1)
		abort();
	if (rc == 0 && (rep.added > rep.occurrences || rep.occurrences < 0))
		abort();
	free(cause);
	db_rollback(db);
	return 0;
}
