/* models/formats/pages.c: a list read a window at a time, by keyset pagination. */
#include "config.h"
#include "models/formats/pages.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"

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
	free(p->base);
	strlist_clear(&p->params);
	strlist_clear(&p->find);
	strlist_clear(&p->chars);
	strlist_clear(&p->dates);
	strlist_clear(&p->in_cols);
	strlist_clear(&p->in_sql);
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

/* The statement of a read, its parameters bound, only the rows that also meet match (an SQL
 * condition on the parameters after the sort key's, bound to the texts of binds) when it is
 * not NULL; NULL with *cause. */
static db_stmt *
prepare(struct pages *p, enum from where, char *const *key, size_t limit, const char *match,
        const struct strlist *binds, char **cause)
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
	char *cond = cmp     ? xasprintf(" WHERE (%s) %s (%s)%s%s", keys, cmp, marks,
                                     match ? " AND " : "", match ? match : "")
	             : match ? xasprintf(" WHERE %s", match)
	                     : xstrdup("");

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
	for (size_t i = 0; binds != NULL && i < binds->n; i++)
		db_bind_text(st, (int)(k0 + p->nkeys + i), binds->v[i]);
	return st;
}

/* Read up to limit rows from where (key: the sort key it starts from) into a new table and
 * its rows' sort keys, in the list's order: 0, or -1 with *cause. */
static int
read_matching(struct pages *p, enum from where, char *const *key, size_t limit, const char *match,
              const struct strlist *binds, struct table **out, char ***sort, char **cause)
{
	db_stmt *st = prepare(p, where, key, limit, match, binds, cause);
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

static int
read_rows(struct pages *p, enum from where, char *const *key, size_t limit, struct table **out,
          char ***sort, char **cause)
{
	return read_matching(p, where, key, limit, NULL, NULL, out, sort, cause);
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
	db_stmt *st = prepare(p, RANK, p->sort, 0, NULL, NULL, cause);
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

void
pages_base(struct pages *p, const char *table)
{
	free(p->base);
	p->base = xstrdup(table);
}

void
pages_find(struct pages *p, const char *expr, const char *chars)
{
	strlist_add(&p->find, xstrdup(expr));
	strlist_add(&p->chars, xstrdup(chars ? chars : ""));
}

void
pages_find_date(struct pages *p, const char *expr)
{
	strlist_add(&p->dates, xstrdup(expr));
}

void
pages_find_in(struct pages *p, const char *column, const char *sql)
{
	strlist_add(&p->in_cols, xstrdup(column));
	strlist_add(&p->in_sql, xstrdup(sql));
}

/* "(a, b, c)" of the sort key's expressions, or "(?n, ?n+1, ?n+2)" of marks from n. */
static char *
key_list(const struct pages *p, size_t mark)
{
	char *s = xstrdup("(");

	for (size_t k = 0; k < p->nkeys; k++) {
		char *t = mark ? xasprintf("%s%s?%zu", s, k ? ", " : "", mark + k)
		               : xasprintf("%s%s%s", s, k ? ", " : "", p->keys[k]);

		free(s);
		s = t;
	}
	char *t = xasprintf("%s)", s);

	free(s);
	return t;
}

static void
bind_key(const struct pages *p, db_stmt *st, size_t mark, char *const *key)
{
	for (size_t k = 0; k < p->nkeys; k++) {
		if (p->key_int[k])
			db_bind_int64(st, (int)(mark + k), strtoll(key[k], NULL, 10));
		else
			db_bind_text(st, (int)(mark + k), key[k]);
	}
}

/* The rows whose sort keys are from lo (itself too when lo_in) up to hi (not itself), counted
 * through the sort key's index of the list's table, up to most of them (0: all); NULL lo:
 * from the start, NULL hi: to the end. 0, or -1 with *cause. */
static int
count_between(struct pages *p, char *const *lo, int lo_in, char *const *hi, size_t most, size_t *n,
              char **cause)
{
	size_t m0 = p->params.n + 1, m1 = m0 + p->nkeys;
	char *keys = key_list(p, 0), *a = key_list(p, m0), *b = key_list(p, m1);
	char *limit = most ? xasprintf(" LIMIT %zu", most) : xstrdup("");
	char *sql =
	    xasprintf("SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s%s%s%s%s%s%s%s%s) AS r",
	              p->base ? p->base : p->from, lo ? keys : "",
	              lo ? (lo_in ? " >= " : " > ") : "", lo ? a : "", lo && hi ? " AND " : "",
	              hi ? keys : "", hi ? " < " : "", hi ? b : "", lo || hi ? "" : "1 = 1", limit);
	db_stmt *st = db_prepare(p->db, sql, cause);
	int rc;

	free(sql), free(keys), free(a), free(b), free(limit);
	if (st == NULL)
		return -1;
	for (size_t i = 0; i < p->params.n; i++)
		db_bind_text(st, (int)i + 1, p->params.v[i]);
	if (lo)
		bind_key(p, st, m0, lo);
	if (hi)
		bind_key(p, st, m1, hi);
	rc = db_step(st);
	*n = rc == DB_ROW ? (size_t)db_column_int64(st, 0) : 0;
	return db_finish(p->db, st, rc == DB_ROW ? DB_DONE : rc, cause);
}

/* "%needle%" for LIKE with '!' as its escape, needle narrowed (full-width forms to ASCII) and
 * in lower case. */
static char *
like_pattern(const char *needle)
{
	char *narrow = text_narrow(needle), *out = xmalloc(2 * strlen(narrow) + 3), *o = out;

	*o++ = '%';
	for (const char *s = narrow; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
	}
	*o++ = '%';
	*o = '\0';
	free(narrow);
	return out;
}

/* Nonzero when the text of a LIKE pattern "%text%" (its escapes '!' aside) is made of chars. */
static int
holds_only(const char *pattern, const char *chars)
{
	size_t n = strlen(pattern);

	for (size_t i = 1; i + 1 < n; i++) {
		if (pattern[i] == '!')
			i++;
		if (strchr(chars, pattern[i]) == NULL)
			return 0;
	}
	return 1;
}

/* "column IN (ids)" of the rows of sql whose text's search key holds key; NULL when none do.
 * 0, or -1 with *cause. */
static int
ids_matching(struct pages *p, const char *column, const char *sql, const char *key, char **out,
             char **cause)
{
	db_stmt *st = db_prepare(p->db, sql, cause);
	char *ids = NULL;
	int rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		for (int c = 1; c < db_column_count(st); c++) {
			char *k = text_search_key(db_column_text(st, c));
			int hit = *key && strstr(k, key) != NULL;

			free(k);
			if (!hit)
				continue;
			char *t = xasprintf("%s%s%lld", ids ? ids : "", ids ? ", " : "",
			                    (long long)db_column_int64(st, 0));

			free(ids);
			ids = t;
			break;
		}
	if (db_finish(p->db, st, rc, cause) != 0) {
		free(ids);
		return -1;
	}
	if (ids != NULL)
		*out = xasprintf("%s IN (%s)", column, ids);
	free(ids);
	return 0;
}

/* The condition a row meets when its text matches needle, its parameters numbered from mark
 * and their texts added to binds: a new string, or NULL in *match when no row can match. 0,
 * or -1 with *cause. */
static int
match_of(struct pages *p, const char *needle, size_t mark, struct strlist *binds, char **match,
         char **cause)
{
	struct strlist terms = {0};
	char *key = text_search_key(needle);
	struct date d;
	int minutes;

	*match = NULL;
	if (text_is_blank(needle)) {
		free(key);
		return 0;
	}
	if (p->find.n > 0) {
		char *pattern = like_pattern(needle);
		size_t mark_like = mark + binds->n, used = 0;

		for (size_t i = 0; i < p->find.n; i++) {
			const char *cs = p->chars.v[i];

			/* The pattern is "%text%", escapes and all: what is between the %s. */
			if (*cs && !holds_only(pattern, cs))
				continue;
			/* SQLite's LIKE is blind to ASCII case already; PostgreSQL's ILIKE in the
			 * "C" collation is too, and to nothing else, as SQLite's. In the database's
			 * own (C.UTF-8 here) it folded every character through the locale: a search
			 * of 100,000 sessions took 37-57 ms in a new connection, against 26-37 ms.
			 */
			strlist_addf(&terms,
			             p->db->engine == DB_POSTGRES
			                 ? "CAST(%s AS TEXT) COLLATE \"C\" ILIKE ?%zu ESCAPE '!'"
			                 : "%s LIKE ?%zu ESCAPE '!'",
			             p->find.v[i], mark_like);
			used++;
		}
		if (used > 0)
			strlist_add(binds, pattern);
		else
			free(pattern);
	}
	if (p->dates.n > 0 && date_parse_loose(needle, &d, &minutes, NULL) == 0) {
		strlist_add(binds, date_iso(&d));
		for (size_t i = 0; i < p->dates.n; i++)
			strlist_addf(&terms, "%s = ?%zu", p->dates.v[i], mark + binds->n - 1);
	}
	for (size_t i = 0; i < p->in_sql.n; i++) {
		char *in;

		if (ids_matching(p, p->in_cols.v[i], p->in_sql.v[i], key, &in, cause) != 0) {
			free(key);
			strlist_clear(&terms);
			return -1;
		}
		if (in != NULL)
			strlist_add(&terms, in);
	}
	free(key);
	if (terms.n > 0) {
		char * or = strlist_join(&terms, " OR ");

		*match = xasprintf("(%s)", or);
		free(or);
	}
	strlist_clear(&terms);
	return 0;
}

/* The first (or, desc, the last) row from where that matches: its table and sort key (empty
 * when none does). 0, or -1 with *cause. */
static int
find_row(struct pages *p, enum from where, char *const *key, const char *match,
         const struct strlist *binds, struct table **t, char ***sort, char **cause)
{
	return read_matching(p, where, key, 1, match, binds, t, sort, cause);
}

static void
rows_free(struct pages *p, struct table *t, char **sort)
{
	for (size_t i = 0; t != NULL && i < t->nrows * p->nkeys; i++)
		free(sort[i]);
	free(sort);
	table_free(t);
}

/* The window read around the row at position at with sort key key: margin rows before it,
 * then it and margin rows after. 0, or -1 with *cause. */
static int
window_at(struct pages *p, char *const *key, size_t at, size_t margin, char **cause)
{
	struct table *t, *before;
	char **sort, **sort_before;

	if (read_rows(p, FROM_AT, key, margin + 1, &t, &sort, cause) != 0)
		return -1;
	if (read_rows(p, FROM_BEFORE, key, margin, &before, &sort_before, cause) != 0) {
		rows_free(p, t, sort);
		return -1;
	}
	window_clear(p);
	p->t = t, p->sort = sort, p->first = at;
	window_join(p, 0, t->nrows, before, sort_before, 1,
	            at > before->nrows ? at - before->nrows : 0);
	if (p->first + p->t->nrows > p->count)
		p->count = p->first + p->t->nrows;
	return 0;
}

/* *at: the place of the row with sort key hit, found after (back: before) the row at place
 * from with sort key start (NULL: the list's start, or going back its end, from being 0 or the
 * count). Counted from the nearer of the two sides: the rows between the two, and the rows
 * between hit and the list's other end (its length being kept), each up to a bound that grows
 * fourfold until one side is done; so a hit near either end costs a few rows' count. 0, or -1
 * with *cause. */
static int
locate(struct pages *p, char *const *start, size_t from, char *const *hit, int back, size_t *at,
       char **cause)
{
	size_t side = back ? from : p->count - from, n;

	for (size_t most = 1024;; most *= 4) {
		/* Unbounded once a bound would take in the whole side. */
		size_t bound = most >= side ? 0 : most;

		if ((back ? count_between(p, hit, 0, start, bound, &n, cause)
		          : count_between(p, start, 1, hit, bound, &n, cause)) != 0)
			return -1;
		if (bound == 0 || n < bound) {
			/* back: the rows after hit and before start (or the end). */
			*at = back ? (from > n ? from - n - 1 : 0) : from + n;
			return 0;
		}
		if ((back ? count_between(p, NULL, 0, hit, bound, &n, cause)
		          : count_between(p, hit, 0, NULL, bound, &n, cause)) != 0)
			return -1;
		if (n < bound) {
			*at = back ? n : (p->count > n ? p->count - 1 - n : 0);
			return 0;
		}
	}
}

int
pages_search(struct pages *p, const char *needle, size_t from, enum pages_dir dir, size_t margin,
             size_t *at, int *wrapped, char **cause)
{
	struct strlist binds = {0};
	char *match, **start = NULL, **sort = NULL;
	struct table *t = NULL;
	size_t mark = p->params.n + 1 + p->nkeys;
	int rc = -1, back = dir == PAGES_PREV;

	*wrapped = 0;
	if (match_of(p, needle, mark, &binds, &match, cause) != 0)
		return -1;
	if (match == NULL || p->count == 0) {
		strlist_clear(&binds);
		return 0;
	}
	/* From the row the search starts from, when the window holds it. */
	if (p->t != NULL && from >= p->first && from < p->first + p->t->nrows)
		start = p->sort + (from - p->first) * p->nkeys;
	else
		from = 0;
	if (start != NULL && find_row(p,
	                              back                ? FROM_BEFORE
	                              : dir == PAGES_NEXT ? FROM_AFTER
	                                                  : FROM_AT,
	                              start, match, &binds, &t, &sort, cause) != 0)
		goto out;
	if (t != NULL && t->nrows > 0) {
		/* Its place: the rows between it and where the search started, or the rows
		 * between it and the list's far end when they are fewer. */
		if (locate(p, start, from, sort, back, at, cause) != 0)
			goto out;
	} else {
		/* Round the end: the first row that matches (or the last, going back), its place
		 * counted from that end (or the other). */
		rows_free(p, t, sort);
		if (find_row(p, back ? FROM_LAST : FROM_FIRST, NULL, match, &binds, &t, &sort,
		             cause) != 0)
			goto out;
		if (t->nrows == 0) {
			rc = 0;
			goto out;
		}
		*wrapped = start != NULL;
		if (locate(p, NULL, back ? p->count : 0, sort, back, at, cause) != 0)
			goto out;
	}
	if (window_at(p, sort, *at, margin, cause) != 0)
		goto out;
	rc = 1;
out:
	rows_free(p, t, sort);
	free(match);
	strlist_clear(&binds);
	return rc;
}
