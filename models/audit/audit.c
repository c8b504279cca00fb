/* models/audit/audit.c: reading and verifying the audit log. Its one writer is db_audit
 * (models/core/db.c), which every change calls inside its own transaction: it stays in core,
 * because the migrations write the log too and core depends on no feature; the hash that
 * chains the entries is defined there once (db_audit_hash) and verified here. */
#include "config.h"
#include "models/audit/audit.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/util.h"

struct table *
audit_list(struct db *db, long limit, char **cause)
{
	static const char *const cols[] = {N_("When"), N_("Who"), N_("What"), N_("Record"),
	                                   N_("Detail")};
	db_stmt *st =
	    db_prepare(db,
	               "SELECT strftime('%Y-%m-%d %H:%M:%S', at, 'localtime'), actor, action,"
	               " entity || coalesce(' ' || entity_id, ''), detail FROM audit_log"
	               " ORDER BY id DESC LIMIT ?",
	               cause);
	struct table *t;
	int rc;

	if (st == NULL)
		return NULL;
	db_bind_int64(st, 1, limit > 0 ? limit : INT64_MAX);
	t = table_new_i18n(5, (const char *const *)cols, "kllll");
	while ((rc = db_step(st)) == DB_ROW) {
		char *detail = db_column_dup(st, 4);

		/* One line a row: an import's detail may hold line breaks. */
		for (char *p = detail; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		const char *cells[5] = {db_column_text(st, 0), db_column_text(st, 1),
		                        db_column_text(st, 2), db_column_text(st, 3), detail};

		table_add_row(t, cells);
		free(detail);
	}
	return table_finish(t, db, st, rc, cause);
}

int64_t
audit_count(struct db *db, char **cause)
{
	return db_count(db, "SELECT count(*) FROM audit_log", cause);
}

int
audit_verify(struct db *db, struct audit_check *out, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "SELECT id, at, actor, action, entity, coalesce(entity_id, 0),"
	                         " detail, hash FROM audit_log ORDER BY id",
	                         cause);
	char prev[DB_AUDIT_HASH_HEX] = "", want[DB_AUDIT_HASH_HEX];
	int64_t prev_id = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	/* One statement reads one snapshot, whatever other terminals write meanwhile. */
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_column_int64(st, 0);

		out->entries++;
		if (out->finding != AUDIT_INTACT)
			continue;
		db_audit_hash(prev, id, db_column_text(st, 1), db_column_text(st, 2),
		              db_column_text(st, 3), db_column_text(st, 4), db_column_int64(st, 5),
		              db_column_text(st, 6), want);
		if (strcmp(want, db_column_text(st, 7)) != 0) {
			/* Ids follow one another (db_audit writes the next one): a gap before an
			 * entry that does not follow is where entries were removed. A gap that
			 * the chain covers is older than the chain and was chained over. */
			out->finding = id != prev_id + 1 ? AUDIT_REMOVED : AUDIT_CHANGED;
			out->id = id != prev_id + 1 ? prev_id + 1 : id;
			continue;
		}
		snprintf(prev, sizeof prev, "%s", db_column_text(st, 7));
		prev_id = id;
	}
	if (out->finding == AUDIT_INTACT)
		snprintf(out->last_hash, sizeof out->last_hash, "%s", prev);
	return db_finish(db, st, rc, cause);
}
