/* models/core/copy.c: an installation's SQLite database copied into an empty PostgreSQL
 * database (sumaho copy --to URI): every table, row for row, with the audit log as it was and
 * one entry more that says what was copied. */
#include "config.h"
#include "models/core/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/util.h"

/* The tables in an order their references allow. people_phone_parts is not copied: the
 * target's trigger makes it from each person's phone. A column that refers to its own table
 * (a record merged into another, an application that duplicates another) is set in a second
 * pass, once every row is there. */
static const struct {
	const char *table;
	const char *self_ref; /* NULL: none */
	int identity;         /* its id column takes the next numbers after the copy */
} tables[] = {
    {"venues", NULL, 1},
    {"courses", NULL, 1},
    {"offerings", NULL, 1},
    {"sessions", NULL, 1},
    {"people", "merged_into", 1},
    {"staff", NULL, 1},
    {"staff_venues", NULL, 0},
    {"applications", "duplicate_of", 1},
    {"consultation_slots", NULL, 1},
    {"bookings", NULL, 1},
    {"attendance", NULL, 0},
    {"closures", NULL, 1},
    {"slot_templates", NULL, 0},
    {"lottery_rounds", NULL, 1},
    {"lottery_round_offerings", NULL, 0},
    {"lottery_round_sessions", NULL, 0},
    {"lottery_entries", NULL, 0},
    {"periods", NULL, 0},
    {"period_amendments", NULL, 1},
    {"application_undo", NULL, 0},
    {"lottery_offers", NULL, 1},
    {"lottery_calls", NULL, 1},
    {"audit_log", NULL, 1},
};

/* The end of a pass over a table's rows: 0 when the reading ended well (rc is DB_DONE) and
 * the rows sent to the copy without waiting were all written; else -1 with *cause naming the
 * table. */
static int
pass_done(struct db *from, struct db *to, const char *table, int rc, char **cause)
{
	if (rc != DB_DONE) {
		db_cause(from, cause, table);
		return -1;
	}
	if (db_flush(to, NULL) != 0) {
		set_cause(cause, "%s: %s", table, db_errmsg(to));
		return -1;
	}
	return 0;
}

static int
copy_table(struct db *from, struct db *to, const char *table, const char *self_ref, long *rows,
           char **cause)
{
	char *sql = xasprintf("SELECT * FROM %s", table), *ins = NULL;
	db_stmt *st = db_prepare(from, sql, cause), *put = NULL, *fix = NULL;
	int n, rc, self = -1, id = -1, result = -1;

	free(sql);
	if (st == NULL)
		return -1;
	n = db_column_count(st);
	/* INSERT INTO table (c1, c2, ...) VALUES (?1, ?2, ...), the columns by name. */
	size_t cap = 256;
	ins = xmalloc(cap);
	snprintf(ins, cap, "INSERT INTO %s (", table);
	for (int i = 0; i < n; i++) {
		const char *c = db_column_name(st, i);

		if (self_ref != NULL && strcmp(c, self_ref) == 0)
			self = i;
		if (strcmp(c, "id") == 0)
			id = i;
		while (strlen(ins) + strlen(c) + 16 > cap)
			ins = xrealloc(ins, cap *= 2);
		strcat(ins, i ? ", " : "");
		strcat(ins, c);
	}
	while (strlen(ins) + (size_t)n * 8 + 16 > cap)
		ins = xrealloc(ins, cap *= 2);
	strcat(ins, ") VALUES (");
	for (int i = 0; i < n; i++)
		sprintf(ins + strlen(ins), "%s?%d", i ? ", " : "", i + 1);
	strcat(ins, ")");
	if ((put = db_prepare(to, ins, cause)) == NULL)
		goto out;
	/* Row after row without waiting for each (PostgreSQL's pipeline): a refused row
	 * is named by the server's words at the flush. */
	db_bulk(put);
	if (self >= 0 && id >= 0) {
		char *u = xasprintf("UPDATE %s SET %s = ?2 WHERE id = ?1", table, self_ref);

		fix = db_prepare(to, u, cause);
		free(u);
		if (fix == NULL)
			goto out;
		db_bulk(fix);
	}
	while ((rc = db_step(st)) == DB_ROW) {
		db_reset(put);
		for (int i = 0; i < n; i++) {
			int len;
			const void *blob = db_column_blob(st, i, &len);

			if (db_column_null(st, i) || i == self)
				db_bind_null(put, i + 1);
			else if (blob != NULL)
				db_bind_blob(put, i + 1, blob, len);
			else
				db_bind_text(put, i + 1, db_column_text(st, i));
		}
		if (db_step(put) != DB_DONE) {
			set_cause(cause, "%s: %s", table, db_errmsg(to));
			goto out;
		}
		(*rows)++;
	}
	if (pass_done(from, to, table, rc, cause) != 0)
		goto out;
	/* The second pass: the references to rows of the same table. */
	if (fix != NULL) {
		db_reset(st);
		while ((rc = db_step(st)) == DB_ROW) {
			if (db_column_null(st, self))
				continue;
			db_reset(fix);
			db_bind_int64(fix, 1, db_column_int64(st, id));
			db_bind_int64(fix, 2, db_column_int64(st, self));
			if (db_step(fix) != DB_DONE) {
				set_cause(cause, "%s: %s", table, db_errmsg(to));
				goto out;
			}
		}
		if (pass_done(from, to, table, rc, cause) != 0)
			goto out;
	}
	result = 0;
out:
	db_finalize(st);
	db_finalize(put);
	db_finalize(fix);
	free(ins);
	return result;
}

int
db_copy_to(struct db *from, struct db *to, const char *actor, struct db_copied *out, char **cause)
{
	int v_from, v_to, rc = -1;
	int64_t have = 0;

	memset(out, 0, sizeof *out);
	if (from->engine != DB_SQLITE || to->engine != DB_POSTGRES) {
		set_cause(cause, "%s", _("copy takes a SQLite database to a PostgreSQL one"));
		return -1;
	}
	if ((v_from = db_schema_version(from, cause)) < 0)
		return -1;
	if (v_from != db_schema_latest()) {
		set_cause(cause,
		          _("%s has schema version %d; run sumaho init on it first (version %d)"),
		          from->path, v_from, db_schema_latest());
		return -1;
	}
	if ((v_to = db_schema_version(to, cause)) < 0)
		return -1;
	/* Into an empty database only: nothing of the target is overwritten or mixed in. */
	if (v_to > 0 && db_value(to,
	                         "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM"
	                         " venues) + (SELECT count(*) FROM staff) + (SELECT count(*) FROM"
	                         " audit_log WHERE action <> 'migrate')",
	                         &have, cause, 0, NULL) != 0)
		return -1;
	if (have > 0) {
		set_cause(cause, _("%s already holds data; copy needs an empty database"),
		          to->path);
		return -1;
	}
	if (db_migrate(to, cause) < 0)
		return -1;
	if (db_begin(to, cause) != 0)
		return -1;
	/* The target's own migration entries give way to the log being copied, whole. */
	if (db_exec(to, "DELETE FROM audit_log", cause) != 0)
		goto out;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		long rows = 0;

		if (copy_table(from, to, tables[i].table, tables[i].self_ref, &rows, cause) != 0)
			goto out;
		if (tables[i].identity) {
			char *sql = xasprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'),"
			                      " coalesce((SELECT max(id) FROM %s), 0) + 1, false)",
			                      tables[i].table, tables[i].table);

			rc = db_exec(to, sql, cause);
			free(sql);
			if (rc != 0)
				goto out;
			rc = -1;
		}
		if (out->n < DB_COPY_TABLES) {
			out->table[out->n] = tables[i].table;
			out->rows[out->n++] = rows;
		}
		out->total += rows;
	}
	char *detail = xasprintf("%ld rows of %d tables from %s", out->total, out->n, from->path);

	rc = db_audit(to, actor, "copy", "database", 0, detail, cause);
	free(detail);
out:
	if (db_end(to, rc, cause) != 0)
		return -1;
	/* Statistics for the planner and the map of visible pages, as PostgreSQL advises after
	 * loading a database in bulk: the first queries are planned on the rows there are, and
	 * a list read from an index alone (the sessions', migration 27) need not visit the
	 * table's pages. The tables written, and no other (5 of the 27 s of a copy of a million
	 * applications); autovacuum comes to them later when this fails. */
	char *sql = xstrdup("VACUUM (ANALYZE) people_phone_parts, counters");

	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *next = xasprintf("%s, %s", sql, tables[i].table);

		free(sql);
		sql = next;
	}
	db_exec(to, sql, &out->unvacuumed);
	free(sql);
	return 0;
}
