/* models/formats/pages.h: a list that a screen reads a window at a time (issue 19): the rows in
 * view and a margin either side, found by keyset pagination on the list's sort key (the rows
 * after the window's last key, or before its first, through an index that fits the key), and
 * its length from a kept counter (models/core/schema.c, migration 18), so that opening the list
 * and every move in it cost the same at a thousand rows or a million. A feature builds the
 * query of its list (pages_new, pages_key); a screen's list widget asks for the rows it shows
 * (pages_window) and reads them from the window's table. */
#ifndef MODELS_FORMATS_PAGES_H
#define MODELS_FORMATS_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"
#include "models/formats/table.h"

#define PAGES_MAX_KEYS   4
#define PAGES_MAX_PARAMS 10

struct pages {
	/* The query: SELECT cols, keys FROM from ORDER BY keys. cols are the table's columns,
	 * then the row's code; keys, unique together, the sort key. */
	struct db *db;
	char *cols, *from;
	const char *keys[PAGES_MAX_KEYS];
	int key_int[PAGES_MAX_KEYS]; /* the key is an integer (bound as one) */
	size_t nkeys;
	struct strlist params; /* text bound to ?1, ?2 ... of cols and from */
	char *counter;         /* the counters row (id 0) of its length; NULL: count(*) */
	size_t ncols;
	const char *const *titles; /* ncols msgids and their alignment, as table_new_i18n */
	const char *align;
	int date_col; /* a date shown in style (-1: none) */
	enum date_style style;
	/* The window: rows first .. first + t->nrows - 1 of the list, each row's sort key in
	 * sort[row * nkeys + k]. */
	struct table *t;
	char **sort;
	size_t first;
	size_t count;   /* the list's length, as pages_count read it */
	size_t version; /* changes whenever the window does */
	/* The search (pages_search): the text a row shows, as the feature names it. */
	char *base;             /* the list's rows in one table, to count them; NULL: from */
	struct strlist find;    /* expressions compared as typed, case aside (codes, times) */
	struct strlist chars;   /* the characters each can hold ("": any) */
	struct strlist dates;   /* date columns compared with a date typed in any form */
	struct strlist in_cols; /* a column holding the id of a row of in_sql's */
	struct strlist in_sql;  /* SELECT id, text... of a small table (courses, venues) */
};

/* A list of ncols columns (titles, align: table_new_i18n's) over the rows of "SELECT cols FROM
 * from" (both copied), counted by the counters row named counter (NULL: counted); free it
 * with pages_free. The sort key and the parameters are added after. */
struct pages *pages_new(struct db *db, size_t ncols, const char *const *titles, const char *align,
                        const char *cols, const char *from, const char *counter);
/* Add a column of the sort key (an SQL expression; integer: nonzero when it is one); the
 * columns added, in order, must be unique together. */
void pages_key(struct pages *p, const char *expr, int integer);
/* Bind text to the next ?N of cols and from. */
void pages_param(struct pages *p, const char *text);
void pages_free(struct pages *p);

/* The characters of codes (text_check_code), ISO dates, times and numbers, for pages_find. */
#define PAGES_CODE_CHARS   "abcdefghijklmnopqrstuvwxyz0123456789._-"
#define PAGES_DATE_CHARS   "0123456789-"
#define PAGES_TIME_CHARS   "0123456789:"
#define PAGES_NUMBER_CHARS "0123456789"

/* The rows of the list are those of this table (from without its joins, the same alias):
 * the search counts rows through it. */
void pages_base(struct pages *p, const char *table);
/* What a search looks at: text the row shows as stored (a code, an ISO date, a time),
 * matched as typed, ASCII case and full-width forms aside, and only looked at when the typed
 * text is made of chars (in lower case; NULL: any), as a date of digits and '-': a term that
 * cannot match costs nothing a row; */
void pages_find(struct pages *p, const char *expr, const char *chars);
/* a date column, matched by a date typed in any form date_parse_loose reads (2027/3/5,
 * 令和9年3月5日, R9.3.5); */
void pages_find_date(struct pages *p, const char *expr);
/* and the text of a small table the row refers to (a course's title, a venue's name): sql
 * selects its ids and texts ("SELECT id, title FROM courses"), whose search keys
 * (text_search_key: kana, width and case folded) are compared with the typed text's in C,
 * and the row matches when column holds one of the ids found. */
void pages_find_in(struct pages *p, const char *column, const char *sql);

/* Where a search looks: from row `from` on (itself included), after it, or before it. */
enum pages_dir { PAGES_FROM, PAGES_NEXT, PAGES_PREV };
/* Find the nearest row in direction dir from row `from` (in the window, or the list's start
 * when it is not) whose text matches needle, going round the list's end (or start) when
 * there is none before it (*wrapped set). Found: 1, *at its row and the window read around
 * it (margin rows either side). One query finds its sort key, through the sort key's index,
 * and one count between it and the row it started from (or the list's end) its position:
 * nothing is read into memory but the window. 0 when no row matches (the window stays), or
 * -1 with *cause. */
int pages_search(struct pages *p, const char *needle, size_t from, enum pages_dir dir,
                 size_t margin, size_t *at, int *wrapped, char **cause);

/* The list's length (into p->count): 0, or -1 with *cause. */
int pages_count(struct pages *p, char **cause);
/* Read rows so that the window holds rows a .. b - 1 (b at most p->count) and margin rows
 * either side where there are: a move of a row or a page reads nothing or margin rows after
 * (or before) the window, from its last (or first) key; the first and the last rows are read
 * from the list's ends; only a jump far into the middle reads the rows before it. Fewer rows
 * than counted at the end make p->count the rows there are. 0, or -1 with *cause. */
int pages_window(struct pages *p, size_t a, size_t b, size_t margin, char **cause);
/* The window read again from the row with the sort key the window's first row had (rows
 * added or taken away before it counted again), for a list whose rows may have changed: 0,
 * or -1 with *cause. */
int pages_reload(struct pages *p, size_t margin, char **cause);
/* Move the window (p->first, p->t, p->sort) of from into p, which takes over its position;
 * from keeps its query. */
void pages_take_window(struct pages *p, struct pages *from);

#endif
