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

enum csv_enc { ENC_ASCII, ENC_UTF8, ENC_UTF8_BOM, ENC_CP932 };

/* Where a raw field of the record being read begins: in raw, in the file, and its line. */
struct raw_field {
	size_t start;
	long long at;
	long line;
};

struct csv_reader {
	char *name;
	FILE *f;         /* NULL when reading memory */
	const char *mem; /* the bytes of csv_parse */
	size_t memlen, pos;
	char buf[65536]; /* from f: buf[bpos..blen) not read yet */
	size_t bpos, blen;
	long long offset; /* bytes of the file read so far */
	long line;        /* line of the next byte */
	int utf8_only;    /* csv_parse: UTF-8 or nothing */
	int started, eof;
	enum csv_enc enc;
	long enc_row; /* the row that decided the encoding (0: a BOM) */
	long rowno;
	/* The record being read: its raw fields one after another, NUL-separated. */
	struct buf raw;
	struct raw_field *fields; /* where each raw field begins */
	size_t nraw, rawcap;
	/* The record as UTF-8. */
	struct csv_row row;
	size_t fieldcap;
	iconv_t cd;
};

static int
reader_byte(struct csv_reader *r)
{
	if (r->f == NULL) {
		if (r->pos >= r->memlen)
			return EOF;
		r->offset++;
		return (unsigned char)r->mem[r->pos++];
	}
	if (r->bpos == r->blen) {
		if (r->eof)
			return EOF;
		r->blen = fread(r->buf, 1, sizeof r->buf, r->f);
		r->bpos = 0;
		if (r->blen == 0) {
			r->eof = 1;
			return EOF;
		}
	}
	r->offset++;
	return (unsigned char)r->buf[r->bpos++];
}

static int
reader_peek(struct csv_reader *r)
{
	int c = reader_byte(r);

	if (c == EOF)
		return EOF;
	r->offset--;
	if (r->f == NULL)
		r->pos--;
	else
		r->bpos--;
	return c;
}

static void
clear_row(struct csv_reader *r)
{
	for (size_t j = 0; j < r->row.nfields; j++)
		free(r->row.fields[j]);
	r->row.nfields = 0;
}

static void
raw_field_begin(struct csv_reader *r)
{
	if (r->nraw == r->rawcap) {
		r->rawcap = r->rawcap ? r->rawcap * 2 : 16;
		r->fields = xrealloc(r->fields, r->rawcap * sizeof *r->fields);
	}
	r->fields[r->nraw++] = (struct raw_field){r->raw.len, r->offset, r->line};
}

/* 1 when s holds a byte above 0x7F. */
static int
has_high(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* The UTF-8 text of len bytes of CP932, or NULL with *at the offset of the first byte that is
 * not CP932. */
static char *
cp932_to_utf8(struct csv_reader *r, const char *s, size_t len, long *at)
{
	size_t cap = len * 3 + 1, inleft = len, outleft = cap - 1;
	char *out, *o, *in = (char *)s;

	if (r->cd == (iconv_t)-1 && (r->cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1) {
		*at = 0;
		return NULL;
	}
	iconv(r->cd, NULL, NULL, NULL, NULL);
	out = o = xmalloc(cap);
	if (iconv(r->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		*at = (long)(in - s);
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

/* The line of byte k of raw field j. */
static long
line_in_field(const struct csv_reader *r, size_t j, long k)
{
	long line = r->fields[j].line;

	for (long i = 0; i < k; i++)
		line += r->raw.s[r->fields[j].start + i] == '\n';
	return line;
}

/* Turn the raw fields into the row's UTF-8 fields in the file's encoding, deciding it on the
 * first row with a byte above 0x7F. */
static int
convert_row(struct csv_reader *r, char **cause)
{
	int high = 0, utf8 = 1;

	for (size_t j = 0; j < r->nraw; j++) {
		const char *f = r->raw.s + r->fields[j].start;
		size_t len = strlen(f);

		if (has_high(f, len)) {
			high = 1;
			if (text_invalid_at(f, len) >= 0)
				utf8 = 0;
		}
	}
	if (r->utf8_only && !utf8) {
		for (size_t j = 0; j < r->nraw; j++) {
			const char *f = r->raw.s + r->fields[j].start;
			long bad = text_invalid_at(f, strlen(f));

			if (bad >= 0) {
				set_cause(cause,
				          _("%s: row %ld, field %zu: not valid UTF-8 (byte %ld); "
				            "save the "
				            "file as UTF-8"),
				          r->name, r->rowno, j + 1, bad + 1);
				return -1;
			}
		}
	}
	if (high && r->enc == ENC_ASCII) {
		r->enc = utf8 ? ENC_UTF8 : ENC_CP932;
		r->enc_row = r->rowno;
	}
	/* A row in the other encoding than the file's so far. */
	if (high && (utf8 ? r->enc == ENC_CP932 : r->enc != ENC_CP932)) {
		if (!utf8 && r->enc_row == 0)
			set_cause(
			    cause,
			    _("%s: row %ld is not UTF-8, but the file begins with a UTF-8 BOM; "
			      "save the whole file in one encoding"),
			    r->name, r->rowno);
		else
			set_cause(
			    cause,
			    utf8 ? _("%s: row %ld is UTF-8, but row %ld was CP932 (Shift_JIS): a "
			             "file must be in one encoding (UTF-8 or CP932) throughout")
			         : _("%s: row %ld is not UTF-8, but row %ld was: a file must be "
			             "in one encoding (UTF-8 or CP932) throughout"),
			    r->name, r->rowno, r->enc_row);
		return -1;
	}
	for (size_t j = 0; j < r->nraw; j++) {
		const char *f = r->raw.s + r->fields[j].start;
		size_t len = strlen(f);
		char *v;

		if (r->enc == ENC_CP932 && has_high(f, len)) {
			long at = -1;

			v = cp932_to_utf8(r, f, len, &at);
			if (v == NULL) {
				set_cause(
				    cause,
				    _("%s: line %ld: neither UTF-8 nor CP932 (Shift_JIS) text at "
				      "byte %ld; save the file as UTF-8 or CP932"),
				    r->name, line_in_field(r, j, at),
				    (long)(r->fields[j].at + at + 1));
				clear_row(r);
				return -1;
			}
		} else
			v = xstrndup(f, len);
		row_add(&r->row, &r->fieldcap, v);
	}
	return 0;
}

struct csv_reader *
csv_reader_open(const char *path, char **cause)
{
	struct csv_reader *r;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		/* Standard input is read twice: keep it in an unnamed file (0600, gone at exit). */
		char chunk[65536];
		size_t n, total = 0;

		if ((f = tmpfile()) == NULL) {
			set_cause(cause, _("%s: cannot write: %s"), "tmpfile", strerror(errno));
			return NULL;
		}
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
			total += n;
			if (total > (size_t)CSV_MAX_BYTES) {
				set_cause(cause, _("%s: larger than %ld MB"), path,
				          CSV_MAX_BYTES >> 20);
				fclose(f);
				return NULL;
			}
			if (fwrite(chunk, 1, n, f) != n) {
				set_cause(cause, _("%s: cannot write: %s"), "tmpfile",
				          strerror(errno));
				fclose(f);
				return NULL;
			}
		}
		if (ferror(stdin) || fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0) {
			set_cause(cause, _("%s: cannot read: %s"), path, strerror(errno));
			fclose(f);
			return NULL;
		}
	} else if ((f = file_open_regular(path, cause)) == NULL)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->name = xstrdup(path);
	r->f = f;
	r->cd = (iconv_t)-1;
	r->line = 1;
	return r;
}

int
csv_reader_rewind(struct csv_reader *r, char **cause)
{
	if (r->f != NULL && fseek(r->f, 0, SEEK_SET) != 0) {
		set_cause(cause, _("%s: cannot read: %s"), r->name, strerror(errno));
		return -1;
	}
	r->pos = r->bpos = r->blen = 0;
	r->eof = r->started = 0;
	r->offset = 0;
	r->line = 1;
	r->rowno = 0;
	clear_row(r);
	return 0;
}

const char *
csv_reader_encoding(const struct csv_reader *r)
{
	switch (r->enc) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 with BOM";
	case ENC_CP932: return "CP932";
	default: return "ASCII";
	}
}

/* Lets go of all the reader holds but itself: its name, the file, the converter, the record
 * being read. */
static void
reader_release(struct csv_reader *r)
{
	if (r->f != NULL)
		fclose(r->f);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	clear_row(r);
	free(r->row.fields);
	free(r->raw.s);
	free(r->fields);
	free(r->name);
}

void
csv_reader_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	reader_release(r);
	free(r);
}

int
csv_reader_next(struct csv_reader *r, const struct csv_row **row, char **cause)
{
	int quoted = 0, was_quoted = 0, at_start = 1, c;

	clear_row(r);
	r->raw.len = 0;
	r->nraw = 0;
	if (!r->started) {
		r->started = 1;
		if (reader_peek(r) == 0xEF) {
			int a = reader_byte(r), b = reader_byte(r), d = reader_byte(r);

			if (a == 0xEF && b == 0xBB && d == 0xBF) {
				r->enc = ENC_UTF8_BOM;
				r->enc_row = 0;
			} else
				set_cause(cause,
				          _("%s: line %ld: neither UTF-8 nor CP932 "
				            "(Shift_JIS) text at byte %ld; save the file as "
				            "UTF-8 or CP932"),
				          r->name, 1L, 1L);
			if (!(a == 0xEF && b == 0xBB && d == 0xBF))
				return -1;
		}
	}
	if ((c = reader_peek(r)) == EOF)
		return 0;
	if (r->offset > CSV_MAX_BYTES) {
		set_cause(cause, _("%s: larger than %ld MB"), r->name, CSV_MAX_BYTES >> 20);
		return -1;
	}
	r->rowno++;
	r->row.rowno = r->rowno;
	raw_field_begin(r);
	for (;;) {
		int end_row = 0;

		c = reader_byte(r);
		if (c == EOF) {
			if (quoted) {
				set_cause(cause, _("%s: row %ld: a quoted field is not closed"),
				          r->name, r->rowno);
				return -1;
			}
			end_row = 1;
		} else if (c == '\0') {
			set_cause(cause, _("%s: row %ld, field %zu: contains a NUL byte"), r->name,
			          r->rowno, r->nraw);
			return -1;
		} else if (quoted) {
			if (c == '"') {
				if (reader_peek(r) == '"') {
					buf_add(&r->raw, '"');
					reader_byte(r);
				} else
					quoted = 0;
			} else {
				r->line += c == '\n';
				buf_add(&r->raw, (char)c);
			}
			continue;
		} else if (c == '"') {
			if (r->raw.len != r->fields[r->nraw - 1].start || was_quoted) {
				set_cause(
				    cause,
				    _("%s: row %ld, field %zu: a quote inside an unquoted field "
				      "(enclose the field in quotes and double the quote)"),
				    r->name, r->rowno, r->nraw);
				return -1;
			}
			quoted = was_quoted = 1;
			at_start = 0;
			continue;
		} else if (c == ',') {
			/* the field ends */
		} else if (c == '\r' || c == '\n') {
			end_row = 1;
			if (c == '\r' && reader_peek(r) == '\n')
				reader_byte(r);
			r->line++;
		} else {
			if (was_quoted) {
				set_cause(cause,
				          _("%s: row %ld, field %zu: text after the closing quote"),
				          r->name, r->rowno, r->nraw);
				return -1;
			}
			buf_add(&r->raw, (char)c);
			at_start = 0;
			continue;
		}
		buf_add(&r->raw, '\0');
		if (end_row) {
			/* A line with nothing on it is a blank row, not one empty field. */
			if (at_start && r->nraw == 1)
				r->nraw = 0;
			break;
		}
		raw_field_begin(r);
		was_quoted = 0;
		at_start = 0;
	}
	if (convert_row(r, cause) != 0)
		return -1;
	*row = &r->row;
	return 1;
}

/* A copy of the row's array of fields (the strings are moved, not copied). */
static char **
fields_dup(const struct csv_row *row)
{
	char **v = xcalloc(row->nfields ? row->nfields : 1, sizeof *v);

	if (row->nfields > 0)
		memcpy(v, row->fields, row->nfields * sizeof *v);
	return v;
}

int
csv_parse(const char *data, size_t len, const char *name, struct csv *out, char **cause)
{
	struct csv_reader r = {0};
	const struct csv_row *row;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	r.name = xstrdup(name);
	r.mem = data;
	r.memlen = len;
	r.utf8_only = 1;
	r.cd = (iconv_t)-1;
	r.line = 1;
	while ((rc = csv_reader_next(&r, &row, cause)) > 0) {
		struct csv_row copy = *row;

		/* The fields are now out's: the reader lets them go. */
		copy.fields = fields_dup(row);
		r.row.nfields = 0;
		csv_add(out, &cap, &copy);
	}
	reader_release(&r);
	if (rc < 0) {
		csv_free(out);
		return -1;
	}
	return 0;
}

int
csv_read_file(const char *path, struct csv *out, char **cause)
{
	struct csv_reader *r = csv_reader_open(path, cause);
	const struct csv_row *row;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (r == NULL)
		return -1;
	while ((rc = csv_reader_next(r, &row, cause)) > 0) {
		struct csv_row copy = *row;

		copy.fields = fields_dup(row);
		r->row.nfields = 0;
		csv_add(out, &cap, &copy);
	}
	csv_reader_close(r);
	if (rc < 0) {
		csv_free(out);
		return -1;
	}
	return 0;
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
