/* models/formats/pages.c: a list read a window at a time, by keyset pagination. */
#include "config.h"
#include "models/formats/pages.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"

struct pages *
pages_new(struct db *db, size_t ncols, const char *const *titles, const char *align,
          const char *cols, const char *from, const char *counter)
{
	struct pages *p = xcalloc(1, sizeof *p);

	p->db = db;
	p->ncols = ncols;
	p->titles = titles;
	p->align = align;
	p->cols = xstrdup(cols);
	p->from = xstrdup(from);
	p->counter = counter ? xstrdup(counter) : NULL;
	p->date_col = -1;
	return p;
}

void
pages_key(struct pages *p, const char *expr, int integer)
{
	if (p->nkeys < PAGES_MAX_KEYS) {
		p->keys[p->nkeys] = expr;
		p->key_int[p->nkeys++] = integer;
	}
}

void
pages_param(struct pages *p, const char *text)
{
	if (p->params.n < PAGES_MAX_PARAMS)
		strlist_add(&p->params, xstrdup(text));
}

/* The window emptied. */
static void
window_clear(struct pages *p)
{
	for (size_t i = 0; p->t != NULL && i < p->t->nrows * p->nkeys; i++)
		free(p->sort[i]);
	free(p->sort);
	table_free(p->t);
	p->sort = NULL;
	p->t = NULL;
	p->first = 0;
	p->version++;
}

void
pages_free(struct pages *p)
{
	if (p == NULL)
		return;
	window_clear(p);
	free(p->cols);
	free(p->from);
	free(p->counter);
	strlist_clear(&p->params);
	free(p);
}

void
pages_take_window(struct pages *p, struct pages *from)
{
	window_clear(p);
	p->t = from->t;
	p->sort = from->sort;
	p->first = from->first;
	p->count = from->count;
	from->t = NULL;
	from->sort = NULL;
	from->first = 0;
}

int
pages_count(struct pages *p, char **cause)
{
	int64_t n;

	if (p->counter != NULL) {
		db_stmt *st = db_query(p->db, "SELECT n FROM counters WHERE name = ? AND id = 0",
		                       cause, DB_ARGS(DB_TEXT(p->counter)));
		int rc;

		if (st == NULL)
			return -1;
		rc = db_step(st);
		n = rc == DB_ROW ? db_column_int64(st, 0) : 0;
		if (db_finish(p->db, st, rc == DB_ROW ? DB_DONE : rc, cause) != 0)
			return -1;
	} else {
		char *sql = xasprintf("SELECT count(*) FROM %s", p->from);

		n = db_count(p->db, sql, cause);
		free(sql);
		if (n < 0)
			return -1;
	}
	p->count = n > 0 ? (size_t)n : 0;
	return 0;
}

/* Where a read starts: the list's first or last rows, the rows after or before a key, or the
 * rows from a key on; how many rows there are before a key. */
enum from { FROM_FIRST, FROM_LAST, FROM_AFTER, FROM_BEFORE, FROM_AT, RANK };

/* The statement of a read, its parameters bound; NULL with *cause. */
static db_stmt *
prepare(struct pages *p, enum from where, char *const *key, size_t limit, char **cause)
{
	int desc = where == FROM_LAST || where == FROM_BEFORE;
	size_t k0 = p->params.n + 1;
	char *keys = xstrdup(""), *marks = xstrdup(""), *order = xstrdup(""), *sql;
	db_stmt *st;

	for (size_t k = 0; k < p->nkeys; k++) {
		char *a = xasprintf("%s%s%s", keys, k ? ", " : "", p->keys[k]);
		char *b = xasprintf("%s%s?%zu", marks, k ? ", " : "", k0 + k);
		char *c =
		    xasprintf("%s%s%s%s", order, k ? ", " : "", p->keys[k], desc ? " DESC" : "");

		free(keys), free(marks), free(order);
		keys = a, marks = b, order = c;
	}
	const char *cmp = where == FROM_AFTER    ? ">"
	                  : where == FROM_BEFORE ? "<"
	                  : where == FROM_AT     ? ">="
	                  : where == RANK        ? "<"
	                                         : NULL;
	char *cond = cmp ? xasprintf(" WHERE (%s) %s (%s)", keys, cmp, marks) : xstrdup("");

	if (where == RANK)
		sql = xasprintf("SELECT count(*) FROM %s%s", p->from, cond);
	else
		sql = xasprintf("SELECT %s, %s FROM %s%s ORDER BY %s LIMIT %zu", p->cols, keys,
		                p->from, cond, order, limit);
	st = db_prepare(p->db, sql, cause);
	free(sql), free(cond), free(keys), free(marks), free(order);
	if (st == NULL)
		return NULL;
	for (size_t i = 0; i < p->params.n; i++)
		db_bind_text(st, (int)i + 1, p->params.v[i]);
	for (size_t k = 0; cmp != NULL && k < p->nkeys; k++) {
		if (p->key_int[k])
			db_bind_int64(st, (int)(k0 + k), strtoll(key[k], NULL, 10));
		else
			db_bind_text(st, (int)(k0 + k), key[k]);
	}
	return st;
}

/* Read up to limit rows from where (key: the sort key it starts from) into a new table and
 * its rows' sort keys, in the list's order: 0, or -1 with *cause. */
static int
read_rows(struct pages *p, enum from where, char *const *key, size_t limit, struct table **out,
          char ***sort, char **cause)
{
	db_stmt *st = prepare(p, where, key, limit, cause);
	struct table *t;
	char **cells, **keys = NULL;
	int rc, desc = where == FROM_LAST || where == FROM_BEFORE;
	size_t n = 0;

	*out = NULL;
	*sort = NULL;
	if (st == NULL)
		return -1;
	t = table_new_i18n(p->ncols, p->titles, p->align);
	cells = xcalloc(p->ncols, sizeof *cells);
	/* Rows read backwards are kept as read, and turned round at the end. */
	struct table *rev = desc ? table_new(p->ncols, p->titles) : NULL;
	struct table *into = desc ? rev : t;

	while ((rc = db_step(st)) == DB_ROW) {
		for (size_t i = 0; i < p->ncols; i++) {
			const char *v = db_column_text(st, (int)i);
			struct date d;

			cells[i] = (int)i == p->date_col && date_parse(v, &d) == 0
			               ? date_format(&d, p->style)
			               : xstrdup(v);
		}
		table_add_keyed_row(into, (const char *const *)cells,
		                    db_column_text(st, (int)p->ncols));
		for (size_t i = 0; i < p->ncols; i++)
			free(cells[i]);
		keys = xrealloc(keys, (n + 1) * p->nkeys * sizeof *keys);
		for (size_t k = 0; k < p->nkeys; k++)
			keys[n * p->nkeys + k] = db_column_dup(st, (int)(p->ncols + 1 + k));
		n++;
	}
	free(cells);
	if (db_finish(p->db, st, rc, cause) != 0) {
		for (size_t i = 0; i < n * p->nkeys; i++)
			free(keys[i]);
		free(keys);
		table_free(t);
		table_free(rev);
		return -1;
	}
	if (desc) {
		for (size_t i = 0; i < n / 2; i++)
			for (size_t k = 0; k < p->nkeys; k++) {
				char *x = keys[i * p->nkeys + k];

				keys[i * p->nkeys + k] = keys[(n - 1 - i) * p->nkeys + k];
				keys[(n - 1 - i) * p->nkeys + k] = x;
			}
		for (size_t i = n; i-- > 0;)
			table_add_keyed_row(t, (const char *const *)rev->cells + i * p->ncols,
			                    table_key(rev, i));
		table_free(rev);
	}
	*out = t;
	*sort = keys;
	return 0;
}

/* Rows lo .. hi - 1 of the window, then the rows of t and their sort keys (taken), as the
 * new window starting at row first. */
static void
window_join(struct pages *p, size_t lo, size_t hi, struct table *t, char **sort, int before,
            size_t first)
{
	struct table *w = table_new_i18n(p->ncols, p->titles, p->align);
	size_t n = (hi - lo) + t->nrows, at = 0;
	char **keys = xcalloc(n * p->nkeys + 1, sizeof *keys);

	/* The new rows before the window's or after them. */
	for (int part = 0; part < 2; part++) {
		int fresh = before ? part == 0 : part == 1;
		const struct table *from = fresh ? t : p->t;
		size_t a = fresh ? 0 : lo, b = fresh ? t->nrows : hi;

		for (size_t i = a; i < b; i++, at++) {
			table_add_keyed_row(w, (const char *const *)from->cells + i * p->ncols,
			                    table_key(from, i));
			for (size_t k = 0; k < p->nkeys; k++) {
				char **src =
				    fresh ? &sort[i * p->nkeys + k] : &p->sort[i * p->nkeys + k];

				keys[at * p->nkeys + k] = *src;
				*src = NULL;
			}
		}
	}
	for (size_t i = 0; i < t->nrows * p->nkeys; i++)
		free(sort[i]);
	free(sort);
	table_free(t);
	window_clear(p);
	p->t = w;
	p->sort = keys;
	p->first = first;
}

int
pages_window(struct pages *p, size_t a, size_t b, size_t margin, char **cause)
{
	size_t have = p->t ? p->t->nrows : 0;
	struct table *t;
	char **sort;

	if (b > p->count)
		b = p->count;
	if (a >= b) {
		if (p->count == 0)
			window_clear(p);
		return 0;
	}
	if (have > 0 && a >= p->first && b <= p->first + have)
		return 0;
	if (have > 0 && a >= p->first && a <= p->first + have) {
		/* On past the window's end: the rows after its last key. */
		size_t need = b - (p->first + have) + margin;
		size_t lo = a - p->first > margin ? a - p->first - margin : 0;

		if (read_rows(p, FROM_AFTER, p->sort + (have - 1) * p->nkeys, need, &t, &sort,
		              cause) != 0)
			return -1;
		if (t->nrows < need)
			p->count = p->first + have + t->nrows;
		window_join(p, lo, have, t, sort, 0, p->first + lo);
		return 0;
	}
	if (have > 0 && b >= p->first && b <= p->first + have && p->first > 0) {
		/* Back before the window's start: the rows before its first key. */
		size_t need = p->first - a + margin;
		size_t hi = b + margin - p->first < have ? b + margin - p->first : have;

		if (read_rows(p, FROM_BEFORE, p->sort, need, &t, &sort, cause) != 0)
			return -1;
		/* Fewer rows before it than its number says: it is the list's start. */
		window_join(p, 0, hi, t, sort, 1, t->nrows < p->first ? p->first - t->nrows : 0);
		return 0;
	}
	/* A jump: from the nearer end. */
	if (a < p->count - b) {
		if (read_rows(p, FROM_FIRST, NULL, b + margin, &t, &sort, cause) != 0)
			return -1;
		if (t->nrows < b + margin)
			p->count = t->nrows;
		window_clear(p);
		p->t = t, p->sort = sort, p->first = 0;
	} else {
		size_t need = p->count - a + margin;

		if (read_rows(p, FROM_LAST, NULL, need, &t, &sort, cause) != 0)
			return -1;
		window_clear(p);
		p->t = t, p->sort = sort;
		p->first = p->count > t->nrows ? p->count - t->nrows : 0;
		if (t->nrows < need)
			p->count = t->nrows;
	}
	return 0;
}

int
pages_reload(struct pages *p, size_t margin, char **cause)
{
	struct table *t;
	char **sort;
	size_t first = 0;

	if (pages_count(p, cause) != 0)
		return -1;
	if (p->t == NULL || p->t->nrows == 0 || p->first == 0) {
		window_clear(p);
		return 0;
	}
	/* The rows before the window's first key, counted again (through the index of the
	 * sort key): a row added or taken away before it moves it. */
	db_stmt *st = prepare(p, RANK, p->sort, 0, cause);
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		first = (size_t)db_column_int64(st, 0);
	if (db_finish(p->db, st, rc == DB_ROW ? DB_DONE : rc, cause) != 0)
		return -1;
	if (read_rows(p, FROM_AT, p->sort, p->t->nrows + margin, &t, &sort, cause) != 0)
		return -1;
	window_clear(p);
	p->t = t, p->sort = sort, p->first = first;
	return 0;
}
