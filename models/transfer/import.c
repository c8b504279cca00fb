/* models/transfer/import.c: the driver of an import: the header row mapped onto the kind's
 * columns, each row handed to the kind (rows.c) inside one transaction, all or nothing, or
 * with a rejects file the good rows kept and the bad ones written out with their errors. */
#include "config.h"
#include "models/transfer/transfer.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/formats/table.h"

#define MAX_ERRORS 50 /* messages listed */
/* A file with bad rows is checked against the database too (the second pass, rolled back) up
 * to this many rows: a larger one is refused by its first pass alone, at once. */
#define DB_CHECK_ROWS 10000
#define MAX_HELD      5000 /* messages held to be put in the rows' order; rows past are counted */

static void
row_number(struct row_numbers *rn, long rowno)
{
	rn->v = xgrow(rn->v, rn->n, &rn->cap, 64, sizeof *rn->v);
	rn->v[rn->n++] = rowno;
}

const char *
import_row_heading(const struct import_row *c, int col)
{
	int j = col >= 0 ? c->col[col] : -1;

	if (j >= 0 && c->header != NULL && (size_t)j < c->header->n)
		return c->header->v[j];
	return c->kind->cols[col] + (c->kind->cols[col][0] == '*');
}

/* "FILE: row N, field 'F': msg" or "FILE: row N: msg" added to list. */
static void
add_row_message(const struct import_row *c, struct strlist *list, int col, const char *msg)
{
	if (col >= 0)
		strlist_addf(list, _("%s: row %ld, field '%s': %s"), c->file, c->row->rowno,
		             import_row_heading(c, col), msg);
	else
		strlist_addf(list, _("%s: row %ld: %s"), c->file, c->row->rowno, msg);
}

void
import_row_error(struct import_row *c, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	c->bad++;
	if (c->errors->n >= (c->numbers != NULL ? MAX_HELD : MAX_ERRORS))
		return; /* counted: the driver says how many more there are */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	add_row_message(c, c->errors, col, msg);
	if (c->numbers != NULL)
		row_number(c->numbers, c->row->rowno);
	free(msg);
}

void
import_row_warning(struct import_row *c, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	/* The first pass reads every row: warned once. */
	if (!c->check_only || c->opts == NULL || c->opts->warnings == NULL ||
	    c->opts->warnings->n >= MAX_ERRORS)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	add_row_message(c, c->opts->warnings, col, msg);
	free(msg);
}

/* Map the header row onto the kind's columns (by their names or the headings that mean them);
 * unknown and missing required ones are errors. */
static int
map_header(const struct import_kind *k, const struct csv_row *h, const char *path, int *col,
           const struct strlist *extra, struct strlist *errors)
{
	int ncols = 0, bad = 0;

	while (ncols < IMPORT_MAX_COLS && k->cols[ncols] != NULL)
		ncols++;
	for (int i = 0; i < ncols; i++)
		col[i] = -1;
	char *expected = import_kind_columns(k->name);

	if (h == NULL || h->nfields == 0) {
		strlist_addf(errors, _("%s: row 1: the header row is missing (expected: %s)"), path,
		             expected);
		free(expected);
		return -1;
	}
	for (size_t j = 0; j < h->nfields; j++) {
		int i;

		for (i = 0; i < ncols; i++)
			if (import_heading_is(k->cols[i] + (k->cols[i][0] == '*'), h->fields[j],
			                      extra))
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

/* A code's row, by a hash of the code: a whole file's codes in 16 bytes a row. */
struct code_row {
	uint64_t hash;
	long rowno;
};

static uint64_t
code_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int
code_row_cmp(const void *a, const void *b)
{
	const struct code_row *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->rowno > y->rowno) - (x->rowno < y->rowno);
}

/* A row kept for the rejects file: its fields and why. */
struct kept_row {
	long rowno;
	struct strlist fields;
	char *why;
};

struct kept {
	struct kept_row *v;
	size_t n, cap;
};

static void
keep_row(struct kept *k, const struct csv_row *row, const struct strlist *errs)
{
	struct kept_row *r;

	k->v = xgrow(k->v, k->n, &k->cap, 8, sizeof *k->v);
	r = &k->v[k->n++];
	memset(r, 0, sizeof *r);
	r->rowno = row->rowno;
	for (size_t i = 0; i < row->nfields; i++)
		strlist_add(&r->fields, xstrdup(row->fields[i]));
	r->why = strlist_join(errs, "; ");
}

static int
kept_cmp(const void *a, const void *b)
{
	const struct kept_row *x = a, *y = b;

	return (x->rowno > y->rowno) - (x->rowno < y->rowno);
}

static void
kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->n; i++) {
		strlist_clear(&k->v[i].fields);
		free(k->v[i].why);
	}
	free(k->v);
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
write_rejects(const char *path, const struct strlist *header, const struct kept *rows, char **cause)
{
	size_t ncols = header->n + 1;
	const char **hdr = xcalloc(ncols, sizeof *hdr), **row = xcalloc(ncols, sizeof *row);
	struct table *t;
	char *tmp = NULL;
	FILE *f;
	int fd, rc = -1;

	for (size_t i = 0; i + 1 < ncols; i++)
		hdr[i] = header->v[i];
	hdr[ncols - 1] = "error";
	t = table_new(ncols, hdr);
	for (size_t k = 0; k < rows->n; k++) {
		const struct kept_row *r = &rows->v[k];

		for (size_t i = 0; i + 1 < ncols; i++)
			row[i] = i < r->fields.n ? r->fields.v[i] : "";
		row[ncols - 1] = r->why;
		table_add_row(t, row);
	}
	/* Names and phone numbers: 0600, or 0660 in the configured group, renamed into place
	 * when whole. */
	if ((fd = db_file_create(path, &tmp, cause)) < 0)
		f = NULL;
	else if ((f = fdopen(fd, "w")) == NULL) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		close(fd);
	} else if (table_write_csv(t, f, CSV_UTF8_BOM, cause) == 0)
		rc = 0;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	table_free(t);
	free(hdr);
	free(row);
	return rc;
}

/* The reader's next record into *row: 1, 0 at the end, -1 with the reader's message added to
 * errors (bad input, like a bad row). */
static int
next_row(struct csv_reader *r, const struct csv_row **row, struct strlist *errors)
{
	char *why = NULL;
	int rc = csv_reader_next(r, row, &why);

	if (rc < 0)
		strlist_add(errors, why ? why : xstrdup(_("cannot read the file")));
	return rc;
}

/* The row's fields narrowed (text_narrow: "２０" is 20, "Ｐ０００１" is P0001) but those of
 * names and free text, which keep what was typed: the reader's strings replaced in place. */
static void
narrow_row(const struct import_kind *k, const int *col, const struct csv_row *row)
{
	static const char *const text[] = {"name",        "kana",  "address",      "title",
	                                   "description", "bring", "report_group", NULL};

	for (int i = 0; i < IMPORT_MAX_COLS && k->cols[i] != NULL; i++) {
		const char *name = k->cols[i] + (k->cols[i][0] == '*');
		size_t t = 0;

		while (text[t] != NULL && strcmp(text[t], name) != 0)
			t++;
		if (text[t] != NULL || col[i] < 0 || (size_t)col[i] >= row->nfields)
			continue;
		char *narrow = text_narrow(row->fields[col[i]]);

		free(row->fields[col[i]]);
		row->fields[col[i]] = narrow;
	}
}

/* The first pass: every row checked without the database, each code's hash kept, each bad
 * row's number in *bad (in rejects mode the row kept in *kept too). Returns the number of bad
 * rows, or -1 when the file cannot be read. */
static long
check_pass(struct csv_reader *rd, const struct import_kind *k, const int *col, size_t nheader,
           struct import_row *proto, struct kept *kept, struct row_numbers *badrows,
           struct code_row **codes, size_t *ncodes, long *nrows)
{
	const struct csv_row *row;
	size_t cap = 0;
	long bad = 0;
	int rc, has_code = strcmp(k->cols[0], "*code") == 0 && col[0] >= 0;

	*nrows = 0;
	while ((rc = next_row(rd, &row, proto->errors)) > 0) {
		struct strlist mine = {0};
		struct import_row c = *proto;

		if (row->nfields == 0)
			continue; /* blank line */
		narrow_row(k, col, row);
		(*nrows)++;
		c.row = row;
		c.check_only = 1;
		if (kept != NULL)
			c.errors = &mine;
		if (row->nfields != nheader)
			import_row_error(&c, -1, _("has %zu fields, the header has %zu"),
			                 row->nfields, nheader);
		else
			k->row(&c);
		if (c.bad) {
			bad++;
			row_number(badrows, row->rowno);
			if (kept != NULL)
				keep_row(kept, row, &mine);
		} else if (has_code && *row->fields[col[0]] != '\0') {
			*codes = xgrow(*codes, *ncodes, &cap, 1024, sizeof **codes);
			(*codes)[(*ncodes)++] =
			    (struct code_row){code_hash(row->fields[col[0]]), row->rowno};
		}
		strlist_clear(&mine);
	}
	return rc < 0 ? -1 : bad;
}

/* A code twice in one file would be stored once, the last row silently winning: name both,
 * the code's column by the file's heading. Rows whose codes hash alike are read again to
 * compare the codes themselves. The number of rows refused, or -1. */
static long
check_duplicate_codes(struct csv_reader *rd, const int *col, struct code_row *v, size_t n,
                      const char *path, const char *heading, struct strlist *errors,
                      struct row_numbers *numbers, struct row_numbers *badrows)
{
	long dups = 0;
	struct {
		long first, again;
		char *code1, *code2;
	} *pairs = NULL;
	size_t npairs = 0, cap = 0;
	const struct csv_row *row;
	int rc = 0;

	if (n < 2)
		return 0;
	qsort(v, n, sizeof *v, code_row_cmp);
	for (size_t i = 1; i < n; i++) {
		size_t f = i - 1;

		if (v[i].hash != v[f].hash)
			continue;
		while (f > 0 && v[f - 1].hash == v[i].hash)
			f--;
		pairs = xgrow(pairs, npairs, &cap, 8, sizeof *pairs);
		pairs[npairs].first = v[f].rowno;
		pairs[npairs].again = v[i].rowno;
		pairs[npairs].code1 = pairs[npairs].code2 = NULL;
		npairs++;
	}
	if (npairs == 0)
		return 0;
	if (csv_reader_rewind(rd, NULL) != 0)
		return -1;
	while ((rc = next_row(rd, &row, errors)) > 0)
		for (size_t p = 0; p < npairs; p++) {
			if (row->rowno == pairs[p].first && pairs[p].code1 == NULL)
				pairs[p].code1 = xstrdup(row->fields[col[0]]);
			if (row->rowno == pairs[p].again && pairs[p].code2 == NULL)
				pairs[p].code2 = xstrdup(row->fields[col[0]]);
		}
	for (size_t p = 0; p < npairs; p++) {
		if (pairs[p].code1 != NULL && pairs[p].code2 != NULL &&
		    strcmp(pairs[p].code1, pairs[p].code2) == 0) {
			dups++;
			row_number(badrows, pairs[p].again);
			if (errors->n < MAX_HELD) {
				strlist_addf(errors,
				             _("%s: row %ld, field '%s': '%s' appears again (first "
				               "in row %ld)"),
				             path, pairs[p].again, heading, pairs[p].code2,
				             pairs[p].first);
				row_number(numbers, pairs[p].again);
			}
		}
		free(pairs[p].code1);
		free(pairs[p].code2);
	}
	free(pairs);
	return rc < 0 ? -1 : dups;
}

static int
rowno_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The row messages of errors from index from on, numbered by numbers (one each), put in the
 * order of their rows (a row's own in the order they came), the first MAX_ERRORS kept; then
 * how many more bad rows there are, of nbad in all. */
static void
list_in_row_order(struct strlist *errors, size_t from, const struct row_numbers *numbers, long nbad,
                  const char *path)
{
	size_t n = errors->n - from, keep = n < MAX_ERRORS ? n : MAX_ERRORS;
	struct {
		long rowno;
		size_t i;
	} *order = xcalloc(n ? n : 1, sizeof *order);
	char **msgs = xcalloc(n ? n : 1, sizeof *msgs);
	long shown = 0;

	for (size_t i = 0; i < n; i++) {
		order[i].rowno = i < numbers->n ? numbers->v[i] : 0;
		order[i].i = i;
	}
	/* Insertion sort: stable, and the messages come nearly in order already. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && order[j - 1].rowno > order[j].rowno; j--) {
			long r = order[j].rowno;
			size_t x = order[j].i;

			order[j] = order[j - 1];
			order[j - 1].rowno = r;
			order[j - 1].i = x;
		}
	for (size_t i = 0; i < n; i++)
		msgs[i] = errors->v[from + order[i].i];
	for (size_t i = 0; i < n; i++) {
		if (i < keep) {
			errors->v[from + i] = msgs[i];
			shown += i == 0 || order[i].rowno != order[i - 1].rowno;
		} else
			free(msgs[i]);
	}
	errors->n = from + keep;
	if (nbad > shown)
		strlist_addf(errors,
		             P_("%s: %ld more bad row not shown (%ld bad rows in all)",
		                "%s: %ld more bad rows not shown (%ld bad rows in all)",
		                nbad - shown),
		             path, nbad - shown, nbad);
	free(order);
	free(msgs);
}

int
import_csv_file_ex(struct db *db, const char *kind, const char *path, const char *actor,
                   const struct import_options *opts, struct import_report *rep,
                   struct strlist *errors, char **cause)
{
	const char *rejects = opts ? opts->rejects : NULL;
	const struct import_kind *k = import_kind_find(kind);
	struct csv_reader *rd;
	const struct csv_row *row = NULL;
	struct strlist header = {0};
	struct kept kept = {0};
	struct row_numbers badrows = {0}, numbers = {0};
	struct code_row *codes = NULL;
	size_t ncodes = 0, next_bad = 0;
	int col[IMPORT_MAX_COLS], rc = -1, began = 0;
	int64_t before = 0, after = 0;
	struct import_report r = {0, 0, 0, 0, 0, 0};
	size_t nerrors = errors->n;
	long bad, dups, nbad;

	if (k == NULL) {
		set_cause(cause, _("unknown kind of record '%s'"), kind);
		return -1;
	}
	if ((rd = csv_reader_open(path, cause)) == NULL) {
		/* A file that is not CSV is bad input like a bad row: it goes with the rows. */
		if (cause != NULL && *cause != NULL) {
			strlist_add(errors, *cause);
			*cause = NULL;
		}
		return -1;
	}
	row = NULL;
	if (next_row(rd, &row, errors) < 0)
		goto out;
	if (map_header(k, row, path, col, opts ? opts->headings : NULL, errors) != 0)
		goto out;
	for (size_t i = 0; i < row->nfields; i++)
		strlist_add(&header, xstrdup(row->fields[i]));

	/* The first pass reads the whole file and checks every row before anything is written:
	 * a bad last row of a large file is found without a transaction or memory to match. */
	struct import_row proto = {.db = db,
	                           .file = path,
	                           .actor = actor,
	                           .kind = k,
	                           .col = col,
	                           .header = &header,
	                           .errors = errors,
	                           .numbers = rejects ? NULL : &numbers,
	                           .opts = opts};

	bad = check_pass(rd, k, col, header.n, &proto, rejects ? &kept : NULL, &badrows, &codes,
	                 &ncodes, &r.rows);
	if (bad < 0 || (rejects != NULL && errors->n > nerrors))
		goto out;
	dups =
	    check_duplicate_codes(rd, col, codes, ncodes, path, header.v[col[0] >= 0 ? col[0] : 0],
	                          errors, &numbers, &badrows);
	if (dups < 0 || (rejects != NULL && errors->n > nerrors))
		goto out;
	/* A row again with a code is left out of the second pass too, counted once. */
	if (dups > 0) {
		size_t m = 0;

		qsort(badrows.v, badrows.n, sizeof *badrows.v, rowno_cmp);
		for (size_t i = 0; i < badrows.n; i++)
			if (m == 0 || badrows.v[m - 1] != badrows.v[i])
				badrows.v[m++] = badrows.v[i];
		badrows.n = m;
	}
	nbad = (long)badrows.n;
	free(codes);
	codes = NULL;

	/* A large file with bad rows is refused now: a second pass would write every other row,
	 * one by one, only to take them back. */
	if (rejects == NULL && nbad > 0 && r.rows > DB_CHECK_ROWS) {
		list_in_row_order(errors, nerrors, &numbers, nbad, path);
		strlist_addf(
		    errors,
		    _("%s: the other rows were not yet checked against the database (the file "
		      "has more than %d rows): correct the rows above and import it again"),
		    path, DB_CHECK_ROWS);
		goto out;
	}
	/* The second pass writes, in one transaction. Without rejects it runs after bad rows too,
	 * to name what only the database shows (a class or a person that does not exist) in every
	 * other row; then nothing is kept. */
	if (csv_reader_rewind(rd, cause) != 0 || db_begin(db, cause) != 0)
		goto out;
	began = 1;
	if ((before = db_count(db, k->count_sql, cause)) < 0)
		goto out;
	if (next_row(rd, &row, errors) <= 0) /* the header */
		goto out;
	while (next_row(rd, &row, errors) > 0) {
		struct strlist mine = {0};
		struct import_row c = proto;

		if (row->nfields == 0)
			continue;
		narrow_row(k, col, row);
		/* A row refused by the first pass is listed (or in the rejects) already. */
		if (next_bad < badrows.n && badrows.v[next_bad] == row->rowno) {
			next_bad++;
			continue;
		}
		c.row = row;
		c.errors = rejects ? &mine : errors;
		/* With --good-rows each row is a savepoint of its own. */
		if (rejects != NULL && db_begin(db, cause) != 0)
			goto out;
		k->row(&c);
		if (rejects == NULL) {
			nbad += c.bad > 0;
			r.ineligible += c.ineligible;
			r.duplicates += c.duplicates;
			continue;
		}
		if (c.bad == 0 && mine.n == 0) {
			if (db_commit(db, cause) != 0) {
				db_rollback(db);
				goto out;
			}
			r.ineligible += c.ineligible;
			r.duplicates += c.duplicates;
			continue;
		}
		db_rollback(db);
		keep_row(&kept, row, &mine);
		strlist_clear(&mine);
	}
	if (rejects == NULL && nbad > 0)
		list_in_row_order(errors, nerrors, &numbers, nbad, path);
	if (errors->n > nerrors)
		goto out;
	r.rejected = (long)kept.n;
	if (kept.n > 1)
		qsort(kept.v, kept.n, sizeof *kept.v, kept_cmp);
	if (kept.n > 0) {
		if (write_rejects(rejects, &header, &kept, cause) != 0) {
			strlist_add(errors, *cause);
			*cause = NULL;
			goto out;
		}
	}
	if ((after = db_count(db, k->count_sql, cause)) < 0)
		goto out;
	char *detail = xasprintf("%s: %ld rows", path, r.rows);

	rc = db_audit(db, actor, "import", kind, 0, detail, cause);
	free(detail);
	if (rc == 0 && db_commit(db, cause) == 0) {
		began = 0;
		r.added = (long)(after - before);
		if (opts != NULL && opts->updates != NULL)
			r.updated = (long)opts->updates->n;
		if (rep != NULL)
			*rep = r;
	} else
		rc = -1;
out:
	if (began)
		db_rollback(db);
	if (rc != 0 && opts != NULL && opts->updates != NULL)
		strlist_clear(opts->updates);
	csv_reader_close(rd);
	strlist_clear(&header);
	kept_free(&kept);
	free(badrows.v);
	free(numbers.v);
	free(codes);
	return rc;
}
