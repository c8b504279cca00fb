/* models/formats/csv.h: RFC 4180 CSV in UTF-8 (BOM optional) or CP932, CRLF/LF, quoted fields. */
#ifndef MODELS_FORMATS_CSV_H
#define MODELS_FORMATS_CSV_H

#include <stddef.h>

struct csv_row {
	long rowno; /* as a spreadsheet numbers it: the first record is row 1 */
	size_t nfields;
	char **fields;
};

struct csv {
	struct csv_row *rows;
	size_t nrows;
};

/* Largest file the importer reads at once. */
#define CSV_MAX_BYTES (64L * 1024 * 1024)

/* Parse len bytes into out (which the caller frees with csv_free). Blank lines are kept as
 * rows with no fields. On error returns -1 with *cause naming name, the row and field. */
int csv_parse(const char *data, size_t len, const char *name, struct csv *out, char **cause);
/* Read and parse a file; "-" reads standard input. A file that is not UTF-8 is read as CP932
 * (Shift_JIS) when it is valid CP932; else the line and byte are named. */
int csv_read_file(const char *path, struct csv *out, char **cause);
void csv_free(struct csv *csv);

/* 1 when a spreadsheet would take the cell s for a formula: it begins with '=', '+', '-', '@',
 * a tab or a carriage return (OWASP's list), and is neither exactly "-" (our "none") nor a
 * plain number such as "-3" or "-2.5"; else 0. */
int csv_is_formula(const char *s);
/* The text every CSV sumaho writes puts in a cell for s: s itself, or when csv_is_formula(s),
 * s after a single quote, which spreadsheets read as text. A new string. */
char *csv_defuse(const char *s);

#endif
