/* models/formats/csv.c: a strict CSV reader that reports the row and field of every problem. */
#include "config.h"
#include "models/formats/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->s = xrealloc(b->s, b->cap);
	}
	b->s[b->len++] = c;
}

static void
row_add(struct csv_row *r, size_t *cap, char *field)
{
	if (r->nfields == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		r->fields = xrealloc(r->fields, *cap * sizeof *r->fields);
	}
	r->fields[r->nfields++] = field;
}

static void
csv_add(struct csv *csv, size_t *cap, struct csv_row *r)
{
	if (csv->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		csv->rows = xrealloc(csv->rows, *cap * sizeof *csv->rows);
	}
	csv->rows[csv->nrows++] = *r;
}

void
csv_free(struct csv *csv)
{
	if (csv == NULL)
		return;
	for (size_t i = 0; i < csv->nrows; i++) {
		for (size_t j = 0; j < csv->rows[i].nfields; j++)
			free(csv->rows[i].fields[j]);
		free(csv->rows[i].fields);
	}
	free(csv->rows);
	csv->rows = NULL;
	csv->nrows = 0;
}

int
csv_parse(const char *data, size_t len, const char *name, struct csv *out, char **cause)
{
	struct csv_row row = {1, 0, NULL};
	struct buf field = {0};
	size_t rowcap = 0, fieldcap = 0, i = 0;
	long rowno = 1;
	int quoted = 0, was_quoted = 0, at_start = 1;

	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		int end_field = 0, end_row = 0;

		if (i >= len) {
			if (quoted) {
				set_cause(cause, _("%s: row %ld: a quoted field is not closed"),
				          name, row.rowno);
				goto fail;
			}
			if (at_start && row.nfields == 0 && field.len == 0)
				break; /* no final record after the last line end */
			end_field = end_row = 1;
		} else {
			char c = data[i];

			if (c == '\0') {
				set_cause(cause, _("%s: row %ld, field %zu: contains a NUL byte"),
				          name, row.rowno, row.nfields + 1);
				goto fail;
			}
			if (quoted) {
				if (c == '"') {
					if (i + 1 < len && data[i + 1] == '"') {
						buf_add(&field, '"');
						i++;
					} else
						quoted = 0;
				} else
					buf_add(&field, c);
				i++;
				continue;
			}
			if (c == '"') {
				if (field.len != 0 || was_quoted) {
					set_cause(
					    cause,
					    _("%s: row %ld, field %zu: a quote inside an unquoted "
					      "field (enclose the field in quotes and double the "
					      "quote)"),
					    name, row.rowno, row.nfields + 1);
					goto fail;
				}
				quoted = was_quoted = 1;
				at_start = 0;
				i++;
				continue;
			}
			if (c == ',') {
				end_field = 1;
				i++;
			} else if (c == '\r' || c == '\n') {
				end_field = end_row = 1;
				i += (c == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
			} else {
				if (was_quoted) {
					set_cause(cause,
					          _("%s: row %ld, field %zu: text after the "
					            "closing quote"),
					          name, row.rowno, row.nfields + 1);
					goto fail;
				}
				buf_add(&field, c);
				at_start = 0;
				i++;
			}
		}
		if (end_field) {
			long bad;

			buf_add(&field, '\0');
			field.len--;
			bad = text_invalid_at(field.s, field.len);
			if (bad >= 0) {
				set_cause(cause,
				          _("%s: row %ld, field %zu: not valid UTF-8 (byte %ld); "
				            "save the "
				            "file as UTF-8"),
				          name, row.rowno, row.nfields + 1, bad + 1);
				goto fail;
			}
			/* A line with nothing on it is a blank row, not one empty field. */
			if (!(end_row && at_start && row.nfields == 0))
				row_add(&row, &fieldcap, xstrndup(field.s, field.len));
			field.len = 0;
			was_quoted = 0;
			at_start = 0;
		}
		if (end_row) {
			csv_add(out, &rowcap, &row);
			rowno++;
			row.rowno = rowno;
			row.nfields = 0;
			row.fields = NULL;
			fieldcap = 0;
			at_start = 1;
			if (i >= len)
				break;
		}
	}
	free(field.s);
	return 0;
fail:
	free(field.s);
	for (size_t j = 0; j < row.nfields; j++)
		free(row.fields[j]);
	free(row.fields);
	csv_free(out);
	return -1;
}

/* The UTF-8 text of len bytes of CP932, or NULL with *at the offset of the first byte that is
 * not CP932. A NUL byte is refused too (it would end the text). */
static char *
cp932_to_utf8(const char *s, size_t len, long *at)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	size_t cap = len * 3 + 1, inleft = len, outleft = cap - 1;
	char *out, *o, *in = (char *)s;

	if (memchr(s, '\0', len) != NULL) {
		*at = (long)((const char *)memchr(s, '\0', len) - s);
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return NULL;
	}
	if (cd == (iconv_t)-1) {
		*at = 0;
		return NULL;
	}
	out = o = xmalloc(cap);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		*at = (long)(in - s);
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

int
csv_read_file(const char *path, struct csv *out, char **cause)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	if (f == NULL) {
		set_cause(cause, _("%s: cannot open: %s"), path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > (size_t)CSV_MAX_BYTES) {
			set_cause(cause, _("%s: larger than %ld MB"), path, CSV_MAX_BYTES >> 20);
			goto fail;
		}
		if (b.len + n > b.cap) {
			b.cap = (b.len + n) * 2;
			b.s = xrealloc(b.s, b.cap);
		}
		memcpy(b.s + b.len, chunk, n);
		b.len += n;
	}
	if (ferror(f)) {
		set_cause(cause, _("%s: cannot read: %s"), path, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	/* Japanese spreadsheets save CP932 (Shift_JIS): a file that is not UTF-8 is read as CP932
	 * when it is valid CP932, and refused with the line where it is neither. */
	if (b.len > 0 && text_invalid_at(b.s, b.len) >= 0) {
		long at = -1;
		char *u = cp932_to_utf8(b.s, b.len, &at);

		if (u == NULL) {
			long line = 1;

			for (long i = 0; i < at; i++)
				line += b.s[i] == '\n';
			set_cause(cause,
			          _("%s: line %ld: neither UTF-8 nor CP932 (Shift_JIS) text at byte %ld; "
			            "save the file as UTF-8 or CP932"),
			          path, line, at + 1);
			free(b.s);
			return -1;
		}
		free(b.s);
		b.s = u;
		b.len = strlen(u);
	}
	rc = csv_parse(b.s ? b.s : "", b.len, path, out, cause);
	free(b.s);
	return rc;
fail:
	if (f != stdin)
		fclose(f);
	free(b.s);
	return -1;
}

int
csv_is_formula(const char *s)
{
	const char *p = s + (*s == '-');
	size_t digits = strspn(p, "0123456789");

	if (strchr("=+-@\t\r", *s) == NULL || *s == '\0' || strcmp(s, "-") == 0)
		return 0;
	/* A negative number is data, and a spreadsheet shows it as the number it is. */
	if (*s == '-' && digits > 0 &&
	    (p[digits] == '\0' || (p[digits] == '.' && p[digits + 1] != '\0' &&
	                           strspn(p + digits + 1, "0123456789") == strlen(p + digits + 1))))
		return 0;
	return 1;
}

char *
csv_defuse(const char *s)
{
	return csv_is_formula(s) ? xasprintf("'%s", s) : xstrdup(s);
}
