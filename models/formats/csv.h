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

#endif
