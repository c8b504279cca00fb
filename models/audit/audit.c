/* models/audit/audit.c: reading the audit log. Its one writer is db_audit (models/core/db.c),
 * which every change calls inside its own transaction. */
#include "config.h"
#include "models/audit/audit.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/core/util.h"

struct table *
audit_list(struct db *db, long limit, char **cause)
{
	static const char *const cols[] = {N_("When"), N_("Who"), N_("What"), N_("Record"),
	                                   N_("Detail")};
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT strftime('%Y-%m-%d %H:%M:%S', at, 'localtime'), actor, action,"
	               " entity || coalesce(' ' || entity_id, ''), detail FROM audit_log"
	               " ORDER BY id DESC LIMIT ?",
	               cause);
	struct table *t;
	int rc;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	t = table_new_i18n(5, (const char *const *)cols, "kllll");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *detail = xstrdup(db_column_text(st, 4));

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
