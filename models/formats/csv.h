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

/* A file read one record at a time, twice if need be (an import checks every row before it
 * writes one): memory does not grow with the file. Its encoding is decided for the whole file
 * by the first row that is not plain ASCII (or a UTF-8 BOM): UTF-8 or CP932 (Shift_JIS). A
 * later row in the other encoding is refused, naming that row and the row that decided. */
struct csv_reader;

/* Open path ("-": standard input, copied to an unnamed temporary file so that it can be read
 * again). NULL with *cause when it cannot be opened or is larger than CSV_MAX_BYTES. */
struct csv_reader *csv_reader_open(const char *path, char **cause);
/* The next record: 1 with *row (the reader's, valid until the next call; its fields are UTF-8
 * without NUL), 0 at the end, -1 with *cause naming the file, row and field. */
int csv_reader_next(struct csv_reader *r, const struct csv_row **row, char **cause);
/* Back to the first record, the encoding as decided. 0 or -1 with *cause. */
int csv_reader_rewind(struct csv_reader *r, char **cause);
/* "UTF-8", "UTF-8 with BOM", "CP932" or "ASCII" (nothing decided yet). */
const char *csv_reader_encoding(const struct csv_reader *r);
void csv_reader_close(struct csv_reader *r);

/* Parse len bytes of UTF-8 into out (which the caller frees with csv_free). Blank lines are
 * kept as rows with no fields. On error returns -1 with *cause naming name, the row and field. */
int csv_parse(const char *data, size_t len, const char *name, struct csv *out, char **cause);
/* Read and parse a whole file (a csv_reader's records, kept in memory). */
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
