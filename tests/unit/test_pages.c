/* Unit tests for models/formats/pages.c through the lists of models/classes/: a list read a
 * window at a time holds, after any walk of moves (a row, a page, the ends, a jump into the
 * middle, back and forth), exactly the rows the whole list has at those places, ties of the
 * sort key in order; its length is the kept counter; a row added before the window moves it
 * on reload; and it reads no more than the window and its margin. A search finds the rows
 * whose shown text matches (a venue's name in katakana typed in hiragana, a code typed in
 * full-width letters, a date as people write it) at their places in the whole list, after
 * and before a row and round the ends, with the window read around the row found. With an argument,
 * the database it names (a PostgreSQL URI: tests/pg/pages.sh) instead of a new SQLite file. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/db.h"
#include "models/formats/pages.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

#define N 3000

/* The codes of the whole list, in its order, read in one query. */
static char **
whole(struct db *db, const char *sql, size_t *n)
{
	db_stmt *st = db_prepare(db, sql, NULL);
	char **v = NULL;

	*n = 0;
	while (st != NULL && db_step(st) == DB_ROW) {
		v = realloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = db_column_dup(st, 0);
	}
	db_finalize(st);
	return v;
}

/* Nonzero when the window holds rows a .. b - 1 of want, each where it should be. */
static int
holds(const struct pages *p, char **want, size_t a, size_t b)
{
	if (p->t == NULL || a < p->first || b > p->first + p->t->nrows)
		return 0;
	for (size_t r = a; r < b; r++)
		if (strcmp(table_key(p->t, r - p->first), want[r]) != 0)
			return 0;
	return 1;
}

/* A walk over the list: each step a move as the keys make it, the window asked for the rows
 * in view (rows of them); every window checked. */
static void
walk(struct pages *p, char **want, size_t n, const char *what)
{
	const size_t rows = 17, margin = 34;
	size_t cur = 0, bad = 0, steps = 0, most = 0;
	char *cause = NULL;
	unsigned seed = 19;

	for (int i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		switch ((seed >> 16) % 10) {
		case 0:
		case 1:
		case 2: cur = cur + 1 < n ? cur + 1 : n - 1; break;
		case 3:
		case 4: cur = cur > 0 ? cur - 1 : 0; break;
		case 5: cur = cur + rows < n ? cur + rows : n - 1; break;
		case 6: cur = cur > rows ? cur - rows : 0; break;
		case 7: cur = (seed >> 8) % 50 == 0 ? 0 : cur; break;
		case 8: cur = (seed >> 8) % 50 == 0 ? n - 1 : cur; break;
		default: cur = (seed >> 8) % 200 == 0 ? n / 2 : cur; break;
		}
		size_t top = cur > rows / 2 ? cur - rows / 2 : 0,
		       b = top + rows < n ? top + rows : n;

		if (pages_window(p, top, b, margin, &cause) != 0 || !holds(p, want, top, b))
			bad++;
		if (p->t != NULL && p->t->nrows > most)
			most = p->t->nrows;
		steps++;
	}
	is_int((long)bad, 0L, "%s: %zu moves, every window holds the rows of the whole list", what,
	       steps);
	if (cause != NULL)
		printf("# %s\n", cause);
	ok(most <= n / 2 + rows + 2 * margin, "%s: the window stays small (at most %zu rows)", what,
	   most);
	free(cause);
}

/* The places in the whole list (sessions by date, start, id) of the sessions sql selects. */
static size_t *
places(struct db *db, const char *sql, size_t *n)
{
	char *q = xasprintf("SELECT n FROM (SELECT s.id, row_number() OVER (ORDER BY s.date,"
	                    " s.start, s.id) - 1 AS n FROM sessions s) r WHERE r.id IN (%s)"
	                    " ORDER BY n",
	                    sql);
	db_stmt *st = db_prepare(db, q, NULL);
	size_t *v = NULL;

	free(q);
	*n = 0;
	while (st != NULL && db_step(st) == DB_ROW) {
		v = realloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = (size_t)db_column_int64(st, 0);
	}
	db_finalize(st);
	return v;
}

/* Search the sessions list p for text from row from (in the window); the row found, or -1;
 * whether it went round in *wrapped; and the window holds the rows in view from it. */
static long
find(struct pages *p, char **want, const char *text, size_t from, enum pages_dir dir, int *wrapped)
{
	size_t at = 0, b;
	char *cause = NULL;
	int rc;

	if (pages_window(p, from, from + 1, 34, NULL) != 0)
		return -2;
	rc = pages_search(p, text, from, dir, 34, &at, wrapped, &cause);
	if (rc < 0) {
		printf("# %s\n", cause);
		free(cause);
		return -2;
	}
	if (rc == 0)
		return -1;
	b = at + 17 < p->count ? at + 17 : p->count;
	if (!holds(p, want, at, b) || p->t->nrows > 2 * 34 + 1)
		return -3;
	return (long)at;
}

/* Search the sessions for what sql selects (ids), typed as text: found where the whole list
 * has them, one after the other with n, round the end, and back with N. */
static void
search_walk(struct db *db, struct pages *p, char **want, const char *text, const char *sql,
            const char *what)
{
	size_t n, bad = 0;
	size_t *at = places(db, sql, &n);
	int wrapped = 0;
	long r = find(p, want, text, 0, PAGES_FROM, &wrapped);

	ok(n > 1 && r == (long)at[0] && !wrapped, "%s: / finds the first of %zu (row %ld)", what, n,
	   r);
	for (size_t i = 1; i < n && r >= 0; i++)
		if ((r = find(p, want, text, (size_t)r, PAGES_NEXT, &wrapped)) != (long)at[i] ||
		    wrapped)
			bad++;
	is_int((long)bad, 0L, "%s: n finds each after it, in order", what);
	r = find(p, want, text, at[n - 1], PAGES_NEXT, &wrapped);
	ok(r == (long)at[0] && wrapped, "%s: n after the last goes round to the first", what);
	r = find(p, want, text, at[0], PAGES_PREV, &wrapped);
	ok(r == (long)at[n - 1] && wrapped, "%s: N before the first goes round to the last", what);
	r = find(p, want, text, at[n - 1], PAGES_PREV, &wrapped);
	ok(r == (long)at[n - 2] && !wrapped, "%s: N finds the one before", what);
	r = find(p, want, text, at[0] + 1, PAGES_FROM, &wrapped);
	ok(r == (long)at[1] && !wrapped, "%s: / from a row finds the next from there", what);
	free(at);
}

int
main(int argc, char **argv)
{
	char path[400], *cause = NULL;
	struct db *db;
	size_t n;
	char **want;

	setlocale(LC_ALL, "C.UTF-8");
	test_tmpdir();
	snprintf(path, sizeof path, "%s", argc > 1 ? argv[1] : "");
	if (argc < 2)
		snprintf(path, sizeof path, "%s/p.db", test_dir);
	db = db_open(path, DB_OPEN_CREATE, 1000, &cause);
	/* Three sessions a day at the same hour: ties of date and time, kept apart by id. */
	if (db == NULL || db_migrate(db, &cause) < 0 ||
	    db_exec(db,
	            "INSERT INTO venues (code, name) VALUES ('v', 'V');"
	            "INSERT INTO courses (code, title, device, level) VALUES ('c', 'C', 'any',"
	            " 'intro');"
	            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)"
	            " INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to,"
	            " capacity) SELECT 'o' || (10000 + (i * 7) % 3000), 1, 1, '2020-01-01',"
	            " '2020-01-10', 24 FROM n;"
	            "INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	            " SELECT 's' || (10000 + id), id, date('2020-02-01', '+' || ((id * 13) % 1000)"
	            " || ' days'), '10:00', 90, 8 FROM offerings;",
	            &cause) != 0) {
		fprintf(stderr, "cannot make the database: %s\n", cause ? cause : "");
		free(cause);
		db_close(db);
		return 99;
	}

	struct pages *p = overview_sessions(db, DATE_WESTERN);

	ok(pages_count(p, &cause) == 0 && p->count == N, "the sessions are counted");
	want = whole(db, "SELECT code FROM sessions ORDER BY date, start, id", &n);
	is_int((long)n, (long)N, "the whole list");
	walk(p, want, n, "sessions");

	/* A session added before the window: read again, the window is where the rows are. */
	ok(pages_window(p, 2000, 2017, 34, NULL) == 0 && holds(p, want, 2000, 2017),
	   "the window at row 2000");
	db_exec(db,
	        "INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	        " VALUES ('early', 1, '2020-01-20', '10:00', 90, 8)",
	        NULL);
	struct pages *q = overview_sessions(db, DATE_WESTERN);

	pages_take_window(q, p);
	pages_free(p);
	p = q;
	ok(pages_reload(p, 34, &cause) == 0 && p->count == N + 1, "reloaded, counted again");
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(want);
	want = whole(db, "SELECT code FROM sessions ORDER BY date, start, id", &n);
	ok(pages_window(p, 2001, 2018, 34, NULL) == 0 && holds(p, want, 2001, 2018),
	   "the rows after the one added are one place on");
	ok(pages_window(p, 0, 17, 34, NULL) == 0 && holds(p, want, 0, 17) &&
	       strcmp(table_key(p->t, 0), "early") == 0,
	   "and it is the first row");
	/* The search: a venue in katakana on some offerings (typed in hiragana and half-width
	 * katakana), a code typed in full-width letters, a date in Japanese. */
	db_exec(db,
	        "INSERT INTO venues (code, name) VALUES ('w', 'ヒラツカ橋');"
	        "UPDATE offerings SET venue_id = 2 WHERE id % 450 = 7",
	        NULL);
	pages_free(p);
	p = overview_sessions(db, DATE_WESTERN);
	pages_count(p, NULL);
	search_walk(db, p, want, "ひらつか",
	            "SELECT s.id FROM sessions s JOIN offerings o ON"
	            " o.id = s.offering_id WHERE o.venue_id = 2",
	            "a venue's name in hiragana");
	search_walk(db, p, want, "ﾋﾗﾂｶ",
	            "SELECT s.id FROM sessions s JOIN offerings o ON"
	            " o.id = s.offering_id WHERE o.venue_id = 2",
	            "in half-width katakana");
	search_walk(db, p, want, "Ｓ１２３", "SELECT id FROM sessions WHERE code LIKE '%s123%'",
	            "a code in full-width letters");
	search_walk(db, p, want, "2020年2月2日",
	            "SELECT id FROM sessions WHERE date = '2020-02-02'",
	            "a date as people write it");
	{
		int wrapped;
		size_t first = p->first, rows = p->t->nrows;

		ok(find(p, want, "ひらつか", 0, PAGES_FROM, &wrapped) >= 0 &&
		       find(p, want, "どこにもない", 5, PAGES_NEXT, &wrapped) == -1,
		   "nothing matches: not found");
		first = p->first, rows = p->t->nrows;
		ok(pages_search(p, "   ", 5, PAGES_NEXT, 34, &n, &wrapped, NULL) == 0 &&
		       p->first == first && p->t->nrows == rows,
		   "a blank search finds nothing, and the window stays");
	}
	pages_free(p);
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(want);

	/* The offerings, by code. */
	p = record_pages(db, "offering", &cause);
	ok(p != NULL && pages_count(p, &cause) == 0 && p->count == N, "the offerings are counted");
	want = whole(db, "SELECT code FROM offerings ORDER BY code", &n);
	walk(p, want, n, "offerings");
	ok(pages_window(p, 0, 5, 34, NULL) == 0 && p->t->ncols > 1 &&
	       strcmp(table_cell(p->t, 0, 0), want[0]) == 0,
	   "its first column is the code");
	{
		size_t at = 0, k = 0;
		int wrapped;

		while (k < n && strcmp(want[k], "o12345") != 0)
			k++;
		ok(pages_search(p, "O12345", 0, PAGES_FROM, 34, &at, &wrapped, &cause) == 1 &&
		       at == k && strcmp(table_key(p->t, at - p->first), "o12345") == 0,
		   "an offering is found by its code (row %zu)", k);
	}
	pages_free(p);
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(want);
	ok(record_pages(db, "nothing", &cause) == NULL, "an unknown kind is refused");
	free(cause);
	db_close(db);
	return done_testing();
}
