/* models/formats/table.c: rows of owned strings. */
#include "config.h"
#include "models/formats/table.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/formats/csv.h"

struct table *
table_new(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof *t);

	t->ncols = ncols;
	t->headers = xcalloc(ncols, sizeof *t->headers);
	t->align = xcalloc(ncols, sizeof *t->align);
	for (size_t i = 0; i < ncols; i++) {
		const char *h = headers[i];

		t->align[i] = h[0] == '-' ? ALIGN_RIGHT : h[0] == '!' ? ALIGN_KEEP : ALIGN_LEFT;
		t->headers[i] = xstrdup(h + (h[0] == '-' || h[0] == '!'));
	}
	return t;
}

struct table *
table_new_i18n(size_t ncols, const char *const *msgids, const char *align)
{
	struct table *t = table_new(ncols, msgids);

	for (size_t i = 0; i < ncols; i++) {
		const char *h = _(msgids[i]);

		free(t->headers[i]);
		t->headers[i] = xstrdup(h);
		t->align[i] = align[i] == 'r'   ? ALIGN_RIGHT
		              : align[i] == 'k' ? ALIGN_KEEP
		                                : ALIGN_LEFT;
	}
	return t;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->headers[i]);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; t->keys != NULL && i < t->nrows; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->headers);
	free(t->align);
	free(t->cells);
	free(t);
}

void
table_add_row(struct table *t, const char *const *cells)
{
	table_add_keyed_row(t, cells, NULL);
}

void
table_add_keyed_row(struct table *t, const char *const *cells, const char *key)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
		t->keys = xrealloc(t->keys, t->cap * sizeof *t->keys);
	}
	t->keys[t->nrows] = key ? xstrdup(key) : NULL;
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

const char *
table_key(const struct table *t, size_t row)
{
	return t->keys != NULL && row < t->nrows ? t->keys[row] : NULL;
}

const char *
table_cell(const struct table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* Append cell text fitted to w columns, aligned, to the line being built. */
static char *
append_cell(char *line, const char *cell, int w, enum table_align align, int last)
{
	char *fit = text_fit(cell, w, 0);
	int pad = w - text_width(fit);
	char *next;

	if (align == ALIGN_RIGHT)
		next = xasprintf("%s%*s%s%s", line, pad, "", fit, last ? "" : "  ");
	else
		next = xasprintf("%s%s%*s", line, fit, last ? 0 : pad + 2, "");
	free(fit);
	free(line);
	return next;
}

int *
table_widths(const struct table *t, int width)
{
	int *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
	int total = 0, widest;

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->headers[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			int cw = text_width(table_cell(t, r, c));

			if (cw > w[c])
				w[c] = cw;
		}
		total += w[c] + (c + 1 < t->ncols ? 2 : 0);
	}
	/* Too wide: the widest text column gives way a column at a time, so that the long ones
	 * end up sharing the room, none narrower than six columns. */
	while (total > width) {
		widest = -1;
		for (size_t c = 0; c < t->ncols; c++)
			if (t->align[c] == ALIGN_LEFT && w[c] > 6 &&
			    (widest < 0 || w[c] > w[widest]))
				widest = (int)c;
		if (widest < 0)
			break;
		w[widest]--;
		total--;
	}
	return w;
}

void
table_format(const struct table *t, int width, struct strlist *out)
{
	int *w = table_widths(t, width);

	table_lines(t, w, width, out);
	free(w);
}

void
table_lines(const struct table *t, const int *w, int width, struct strlist *out)
{
	for (long r = -1; r < (long)t->nrows; r++) {
		char *line = xstrdup("");

		for (size_t c = 0; c < t->ncols; c++)
			line =
			    append_cell(line, r < 0 ? t->headers[c] : table_cell(t, (size_t)r, c),
			                w[c], t->align[c], c + 1 == t->ncols);
		/* Never wider than asked, whatever the columns. */
		char *fit = text_fit(line, width, 0);

		free(line);
		strlist_add(out, fit);
		if (r < 0) {
			int rule = 0;

			for (size_t c = 0; c < t->ncols; c++)
				rule += w[c] + (c + 1 < t->ncols ? 2 : 0);
			if (rule > width)
				rule = width;
			/* ASCII, since box-drawing characters are double width in some CJK
			 * terminals. */
			char *dashes = xmalloc((size_t)rule + 1);

			memset(dashes, '-', (size_t)rule);
			dashes[rule] = '\0';
			strlist_add(out, dashes);
		}
	}
}

char *
table_cut(const struct table *t, size_t row, const int *w, int width)
{
	char *out = NULL;
	int x = 0, line = 0, limit;

	if (row >= t->nrows || t->ncols == 0)
		return NULL;
	/* The row's line as table_lines builds it: each column at its width and two spaces, the
	 * last one's text unpadded when left-aligned. Wider than width, it keeps what fits
	 * before an ellipsis. */
	for (size_t c = 0; c + 1 < t->ncols; c++)
		line += w[c] + 2;
	{
		size_t c = t->ncols - 1;
		int cw = text_width(table_cell(t, row, c));

		line += t->align[c] == ALIGN_RIGHT || cw > w[c] ? w[c] : cw;
	}
	limit = line > width ? text_fit_room(width) : width;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *cell = table_cell(t, row, c);
		int cw = text_width(cell);
		/* Where its text ends: a right-aligned cell ends where its column does. */
		int end = t->align[c] == ALIGN_RIGHT ? x + w[c] : x + (cw < w[c] ? cw : w[c]);

		if (cw > 0 && (cw > w[c] || end > limit)) {
			/* TRANSLATORS: a column's title and the whole text of its cell, as the line
			 * under a list tells what the list cut of the chosen row. */
			char *one = xasprintf(_("%s: %s"), t->headers[c], cell);
			char *next = out ? xasprintf("%s  %s", out, one) : xstrdup(one);

			free(one);
			free(out);
			out = next;
		}
		x += w[c] + 2;
	}
	return out;
}

/* One CSV field: never a live formula (csv_defuse), and quoted when it holds a comma, a quote,
 * a line break or edge spaces. */
static char *
csv_field(const char *cell)
{
	char *s = csv_defuse(cell), *out, *text = s;
	size_t n = strlen(s), o = 0;

	if (strpbrk(s, ",\"\r\n") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' ')))
		return s;
	out = xmalloc(n * 2 + 3);
	out[o++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			out[o++] = '"';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
	free(text);
	return out;
}

/* Convert s to CP932; NULL when a character has no CP932 form. */
static char *
to_cp932(iconv_t cd, const char *s)
{
	size_t inleft = strlen(s), outleft = inleft * 2 + 4;
	char *out = xmalloc(outleft + 1), *in = (char *)s, *o = out;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

int
table_write_csv(const struct table *t, FILE *out, enum csv_encoding enc, char **cause)
{
	iconv_t cd = (iconv_t)-1;
	int rc = 0;

	if (enc == CSV_CP932 && (cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		set_cause(cause, _("this system cannot convert to CP932: %s"), strerror(errno));
		return -1;
	}
	/* With CP932, a first pass only converts, so that nothing is written when a character
	 * cannot be. */
	for (int pass = enc == CSV_CP932 ? 0 : 1; pass < 2 && rc == 0; pass++) {
		if (pass == 1 && enc == CSV_UTF8_BOM)
			fputs("\xEF\xBB\xBF", out);
		for (long r = -1; r < (long)t->nrows && rc == 0; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = r < 0 ? t->headers[c] : table_cell(t, (size_t)r, c);
				char *f = csv_field(v);

				if (enc == CSV_CP932) {
					char *conv = to_cp932(cd, f);

					if (conv == NULL) {
						set_cause(cause,
						          _("row %ld, column '%s': '%s' cannot be "
						            "written in "
						            "CP932; use UTF-8 with a BOM"),
						          r + 2, t->headers[c], v);
						free(f);
						rc = -1;
						break;
					}
					free(f);
					f = conv;
				}
				if (pass == 1) {
					fputs(f, out);
					fputs(c + 1 < t->ncols ? "," : "\r\n", out);
				}
				free(f);
			}
		}
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
		set_cause(cause, _("cannot write: %s"), strerror(errno));
		rc = -1;
	}
	return rc;
}

struct table *
table_finish(struct table *t, struct db *db, db_stmt *st, int rc, char **cause)
{
	if (db_finish(db, st, rc, cause) == 0)
		return t;
	table_free(t);
	return NULL;
}
