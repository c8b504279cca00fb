/* models/formats/table.h: a table of display strings that a model query fills and a screen draws. */
#ifndef MODELS_FORMATS_TABLE_H
#define MODELS_FORMATS_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "models/core/util.h"

/* ALIGN_KEEP: left-aligned, and never narrowed to fit (dates, times). */
enum table_align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_KEEP };

struct table {
	size_t ncols, nrows, cap;
	char **headers;          /* ncols translated titles, owned */
	enum table_align *align; /* ncols */
	char **cells;            /* nrows * ncols, owned */
	char **keys;             /* nrows record codes (a screen acts on the row), owned; or NULL */
};

/* A new empty table with these column titles ("-" prefix: right-aligned, "!" prefix: kept at
 * full width); free with table_free. */
struct table *table_new(size_t ncols, const char *const *headers);
/* The same from untranslated titles (msgids) and an alignment letter a column: 'l' left, 'r'
 * right, 'k' left and kept at full width; e.g. table_new_i18n(3, titles, "klr"). */
struct table *table_new_i18n(size_t ncols, const char *const *msgids, const char *align);
void table_free(struct table *t);
/* Append a row of ncols strings, copied. */
void table_add_row(struct table *t, const char *const *cells);
/* The same, with the code of the record the row shows. */
void table_add_keyed_row(struct table *t, const char *const *cells, const char *key);
/* The code of the record of a row, or NULL. */
const char *table_key(const struct table *t, size_t row);
const char *table_cell(const struct table *t, size_t row, size_t col);
/* Lay the table out as text lines of at most width display columns (a header line, a rule, then
 * one line per row), narrowing the widest left-aligned column when needed; lines are added to out.
 */
void table_format(const struct table *t, int width, struct strlist *out);
/* The width of each column when t is laid out in width display columns, as table_format lays
 * it out (a new array of t->ncols). */
int *table_widths(const struct table *t, int width);
/* table_format's lines, with the widths table_widths gave for width. */
void table_lines(const struct table *t, const int *widths, int width, struct strlist *out);
/* What table_lines(t, widths, width) cuts of row: each cell it narrows or leaves past the
 * line's end (or under its ellipsis), in full after its column's title ("Last call: 12-01
 * 10:15 no answer (sato)  Seat: s0123"), or NULL when nothing is cut (a new string). */
char *table_cut(const struct table *t, size_t row, const int *widths, int width);

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_CP932 };

/* Write the table as CSV (RFC 4180, CRLF) in the encoding a spreadsheet expects: UTF-8, UTF-8
 * with a byte order mark, or CP932 (Shift_JIS as Japanese Windows has it). 0, or -1 with
 * *cause naming the row and column of text that CP932 cannot hold. */
int table_write_csv(const struct table *t, FILE *out, enum csv_encoding enc, char **cause);
struct db;
typedef struct db_stmt db_stmt;
/* Finalize st, whose rows filled t, after its last step returned rc: t, or NULL (t freed) with
 * *cause when rc is not DB_DONE. */
struct table *table_finish(struct table *t, struct db *db, db_stmt *st, int rc, char **cause);

#endif
