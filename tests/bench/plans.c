/* Benchmark helper: how SQLite plans each report query (EXPLAIN QUERY PLAN, with the period's
 * days bound as the reports bind them), drawn as a tree like the sqlite3 shell draws it.
 * usage: plans DB FROM TO   (FROM, TO: the first and last day, e.g. 2015-01-01 2024-12-31) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "models/core/util.h"
#include "models/reports/reports.h"

#define MAX_DEPTH 32

int
main(int argc, char **argv)
{
	char *cause = NULL;
	struct db *db;
	int status = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: plans DB FROM TO\n");
		return 2;
	}
	if ((db = db_open(argv[1], DB_OPEN_EXISTING, 5000, &cause)) == NULL) {
		fprintf(stderr, "plans: %s\n", cause);
		free(cause);
		return 1;
	}
	for (size_t q = 0; q < report_nqueries; q++) {
		char *sql = xasprintf("EXPLAIN QUERY PLAN %s", report_queries[q].sql);
		db_stmt *st =
		    db_query(db, sql, &cause, DB_ARGS(DB_TEXT(argv[2]), DB_TEXT(argv[3])));
		/* The ids of the nodes open on the path to the current one, by depth. */
		int64_t open[MAX_DEPTH];
		int depth = 0, rc;

		free(sql);
		if (st == NULL) {
			fprintf(stderr, "plans: %s: %s\n", report_queries[q].name, cause);
			free(cause);
			cause = NULL;
			status = 1;
			continue;
		}
		printf("plan of %s:\n", report_queries[q].name);
		while ((rc = db_step(st)) == DB_ROW) {
			int64_t id = db_column_int64(st, 0), parent = db_column_int64(st, 1);

			while (depth > 0 && open[depth - 1] != parent)
				depth--;
			printf("  %*s%s\n", 2 * depth, "", db_column_text(st, 3));
			if (depth < MAX_DEPTH)
				open[depth++] = id;
		}
		if (db_finish(db, st, rc, &cause) != 0) {
			fprintf(stderr, "plans: %s: %s\n", report_queries[q].name, cause);
			free(cause);
			cause = NULL;
			status = 1;
		}
	}
	db_close(db);
	return status;
}
