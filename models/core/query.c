/* models/core/query.c: the helpers of db.h that read rows through db_query alone, on either
 * engine: a query's first row (of a record that must be there), and a column of texts. */
#include "config.h"
#include "models/core/db.h"

#include "models/core/i18n.h"
#include "models/core/util.h"

int
db_first(struct db *db, db_stmt **st, const char *sql, char **cause, size_t n,
         const struct db_arg *args)
{
	int rc;

	if ((*st = db_query(db, sql, cause, n, args)) == NULL)
		return -1;
	if ((rc = db_step(*st)) == DB_ROW)
		return 1;
	if (rc != DB_DONE)
		db_cause(db, cause, _("database error"));
	db_finalize(*st);
	*st = NULL;
	return rc == DB_DONE ? 0 : -1;
}

int
db_first_of(struct db *db, db_stmt **st, const char *what, const char *code, const char *sql,
            char **cause, size_t n, const struct db_arg *args)
{
	int found = db_first(db, st, sql, cause, n, args);

	if (found == 0)
		set_cause(cause, _("no %s with code '%s'"), _(what), code);
	return found == 1 ? 1 : -1;
}

int
db_texts(struct db *db, const char *sql, struct strlist *out, char **cause, size_t n,
         const struct db_arg *args)
{
	db_stmt *st = db_query(db, sql, cause, n, args);
	int rc = DB_ERROR;

	while (st != NULL && (rc = db_step(st)) == DB_ROW)
		strlist_add(out, db_column_dup(st, 0));
	return st != NULL ? db_finish(db, st, rc, cause) : -1;
}
