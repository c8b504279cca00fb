/* models/transfer/import.c: the driver of an import: the header row mapped onto the kind's
 * columns, each row handed to the kind (rows.c) inside one transaction, all or nothing, or
 * with a rejects file the good rows kept and the bad ones written out with their errors. */
#include "config.h"
#include "models/transfer/transfer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/formats/table.h"

#define MAX_ERRORS 50

void
import_row_error(struct import_row *c, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	c->bad++;
	if (c->errors->n > MAX_ERRORS)
		return;
	if (c->errors->n == MAX_ERRORS) {
		strlist_addf(c->errors, _("%s: more errors not shown"), c->file);
		return;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (col >= 0)
		strlist_addf(c->errors, _("%s: row %ld, field '%s': %s"), c->file, c->row->rowno,
		             c->kind->cols[col] + (c->kind->cols[col][0] == '*'), msg);
	else
		strlist_addf(c->errors, _("%s: row %ld: %s"), c->file, c->row->rowno, msg);
	free(msg);
}

/* Map the header row onto the kind's columns; unknown and missing required ones are errors. */
static int
map_header(const struct import_kind *k, const struct csv *csv, const char *path, int *col,
           struct strlist *errors)
{
	const struct csv_row *h;
	int ncols = 0, bad = 0;

	while (ncols < IMPORT_MAX_COLS && k->cols[ncols] != NULL)
		ncols++;
	for (int i = 0; i < ncols; i++)
		col[i] = -1;
	char *expected = import_kind_columns(k->name);

	if (csv->nrows == 0 || csv->rows[0].nfields == 0) {
		strlist_addf(errors, _("%s: row 1: the header row is missing (expected: %s)"), path,
		             expected);
		free(expected);
		return -1;
	}
	h = &csv->rows[0];
	for (size_t j = 0; j < h->nfields; j++) {
		int i;

		for (i = 0; i < ncols; i++)
			if (strcmp(h->fields[j], k->cols[i] + (k->cols[i][0] == '*')) == 0)
				break;
		if (i == ncols) {
			strlist_addf(errors, _("%s: row 1: unknown column '%s' (expected: %s)"),
			             path, h->fields[j], expected);
			bad = 1;
		} else if (col[i] >= 0) {
			strlist_addf(errors, _("%s: row 1: column '%s' appears twice"), path,
			             h->fields[j]);
			bad = 1;
		} else
			col[i] = (int)j;
	}
	for (int i = 0; i < ncols; i++)
		if (k->cols[i][0] == '*' && col[i] < 0) {
			strlist_addf(errors, _("%s: row 1: required column '%s' is missing"), path,
			             k->cols[i] + 1);
			bad = 1;
		}
	free(expected);
	return bad ? -1 : 0;
}

struct code_row {
	const char *code;
	long rowno;
};

static int
code_row_cmp(const void *a, const void *b)
{
	const struct code_row *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x->rowno > y->rowno) - (x->rowno < y->rowno);
}

/* A code twice in one file would be stored once, the last row silently winning: name both. */
static void
check_duplicate_codes(const struct import_kind *k, const struct csv *csv, const int *col,
                      const char *path, struct strlist *errors)
{
	struct code_row *v;
	size_t n = 0;

	if (strcmp(k->cols[0], "*code") != 0 || col[0] < 0)
		return;
	v = xcalloc(csv->nrows, sizeof *v);
	for (size_t i = 1; i < csv->nrows; i++)
		if ((size_t)col[0] < csv->rows[i].nfields && *csv->rows[i].fields[col[0]] != '\0')
			v[n++] = (struct code_row){csv->rows[i].fields[col[0]], csv->rows[i].rowno};
	qsort(v, n, sizeof *v, code_row_cmp);
	for (size_t i = 1; i < n && errors->n < MAX_ERRORS; i++)
		if (strcmp(v[i].code, v[i - 1].code) == 0)
			strlist_addf(errors,
			             _("%s: row %ld, field 'code': '%s' appears again (first in "
			               "row %ld)"),
			             path, v[i].rowno, v[i].code, v[i - 1].rowno);
	free(v);
}

int
import_csv_file(struct db *db, const char *kind, const char *path, const char *actor,
                struct import_report *rep, struct strlist *errors, char **cause)
{
	return import_csv_file_ex(db, kind, path, actor, NULL, rep, errors, cause);
}

/* Write the rejected rows with the header and an "error" column (UTF-8 with a BOM, so that
 * spreadsheets open it as the Japanese text it is). */
static int
write_rejects(const char *path, const struct csv *csv, const size_t *rows, char **why, size_t n,
              char **cause)
{
	size_t ncols = csv->rows[0].nfields + 1;
	const char **hdr = xcalloc(ncols, sizeof *hdr), **row = xcalloc(ncols, sizeof *row);
	struct table *t;
	FILE *f;
	int rc = -1;

	for (size_t i = 0; i + 1 < ncols; i++)
		hdr[i] = csv->rows[0].fields[i];
	hdr[ncols - 1] = "error";
	t = table_new(ncols, hdr);
	for (size_t k = 0; k < n; k++) {
		const struct csv_row *r = &csv->rows[rows[k]];

		for (size_t i = 0; i + 1 < ncols; i++)
			row[i] = i < r->nfields ? r->fields[i] : "";
		row[ncols - 1] = why[k];
		table_add_row(t, row);
	}
	if ((f = fopen(path, "w")) == NULL)
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
	else if (table_write_csv(t, f, CSV_UTF8_BOM, cause) == 0)
		rc = 0;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		rc = -1;
	}
	table_free(t);
	free(hdr);
	free(row);
	return rc;
}

int
import_csv_file_ex(struct db *db, const char *kind, const char *path, const char *actor,
                   const struct import_options *opts, struct import_report *rep,
                   struct strlist *errors, char **cause)
{
	const char *rejects = opts ? opts->rejects : NULL;
	size_t *bad_rows = NULL, nbad = 0;
	char **bad_why = NULL;
	const struct import_kind *k = import_kind_find(kind);
	struct csv csv;
	int col[IMPORT_MAX_COLS];
	int64_t before, after;
	struct import_report r = {0, 0, 0};
	size_t nerrors = errors->n;

	if (k == NULL) {
		set_cause(cause, _("unknown kind of record '%s'"), kind);
		return -1;
	}
	if (csv_read_file(path, &csv, cause) != 0) {
		/* A file that is not CSV is bad input like a bad row: it goes with the rows. */
		if (cause != NULL && *cause != NULL) {
			strlist_add(errors, *cause);
			*cause = NULL;
		}
		return -1;
	}
	if (map_header(k, &csv, path, col, errors) != 0) {
		csv_free(&csv);
		return -1;
	}
	if (db_begin(db, cause) != 0) {
		csv_free(&csv);
		return -1;
	}
	check_duplicate_codes(k, &csv, col, path, errors);
	before = db_count(db, k->count_sql, cause);
	for (size_t i = 1; i < csv.nrows; i++) {
		struct strlist mine = {0};
		struct import_row c = {
		    db, path, actor, &csv.rows[i], k, col, rejects ? &mine : errors, 0, opts};
		size_t nf = csv.rows[i].nfields;

		if (nf == 0)
			continue; /* blank line */
		r.rows++;
		/* With --good-rows each row is a savepoint of its own. */
		if (rejects != NULL && db_begin(db, cause) != 0)
			break;
		if (nf != csv.rows[0].nfields)
			import_row_error(&c, -1, _("has %zu fields, the header has %zu"), nf,
			                 csv.rows[0].nfields);
		else
			k->row(&c);
		if (rejects == NULL)
			continue;
		if (c.bad == 0 && mine.n == 0) {
			if (db_commit(db, cause) != 0) {
				db_rollback(db);
				break;
			}
			continue;
		}
		db_rollback(db);
		bad_rows = xrealloc(bad_rows, (nbad + 1) * sizeof *bad_rows);
		bad_why = xrealloc(bad_why, (nbad + 1) * sizeof *bad_why);
		bad_rows[nbad] = i;
		bad_why[nbad] = xstrdup("");
		for (size_t m = 0; m < mine.n; m++) {
			char *w = xasprintf("%s%s%s", bad_why[nbad], m ? "; " : "", mine.v[m]);

			free(bad_why[nbad]);
			bad_why[nbad] = w;
		}
		nbad++;
		strlist_clear(&mine);
	}
	r.rejected = (long)nbad;
	if (nbad > 0 && errors->n == nerrors &&
	    write_rejects(rejects, &csv, bad_rows, bad_why, nbad, cause) != 0) {
		strlist_add(errors, *cause);
		*cause = NULL;
	}
	for (size_t m = 0; m < nbad; m++)
		free(bad_why[m]);
	free(bad_why);
	free(bad_rows);
	after = db_count(db, k->count_sql, cause);
	if (errors->n > nerrors || before < 0 || after < 0) {
		db_rollback(db);
		csv_free(&csv);
		return -1;
	}
	char *detail = xasprintf("%s: %ld rows", path, r.rows);
	int rc = db_audit(db, actor, "import", kind, 0, detail, cause);

	free(detail);
	if (rc != 0 || db_commit(db, cause) != 0) {
		db_rollback(db);
		csv_free(&csv);
		return -1;
	}
	r.added = (long)(after - before);
	if (rep != NULL)
		*rep = r;
	csv_free(&csv);
	return 0;
}
