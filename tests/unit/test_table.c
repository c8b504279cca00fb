/* Unit tests for models/table.c: layout by display width, CSV for spreadsheets. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "models/formats/table.h"
#include "models/core/text.h"
#include "tests/tap.h"

/* Display width of s up to where needle starts. */
static int
width_before(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);
	char *head = p ? strndup(s, (size_t)(p - s)) : strdup("");
	int w = text_width(head);

	free(head);
	return w;
}

/* The number of East Asian Ambiguous characters in s: each is one column more on a terminal
 * that draws them two cells wide. */
static int
ambiguous_count(const char *s)
{
	int n = 0;
	uint32_t cp;

	for (size_t i = 0, len = strlen(s); i < len;) {
		int k = utf8_decode(s + i, len - i, &cp);

		if (k < 1)
			k = 1;
		else if (text_is_ambiguous(cp))
			n++;
		i += (size_t)k;
	}
	return n;
}

/* The staff list at 80 columns with a long name of ambiguous characters, on a terminal that
 * draws them one cell wide (wide 0) or two: every row, padded as a screen draws it, is exactly
 * 80 columns, and the role column starts at the same column on every row. */
static void
staff_rows(int wide)
{
	const char *hdr[] = {"職員ID", "名前", "役割", "状態"};
	struct table *t = table_new(4, hdr);
	struct strlist lines = {0};
	const char *mode = wide ? "wide" : "narrow";
	int col = -1;

	text_ambiguous_wide(wide);
	table_add_row(t, (const char *const[]){"kanri", "管理 花子", "admin", "○ 有効"});
	table_add_row(t, (const char *const[]){"hojo",
	                                       "Ζωή Émilie → 補助 三郎・α版 ※ §1 °C "
	                                       "Ⅱ世 ①②③ …長い名前の職員さん、まだ続きます",
	                                       "reception", "× 停止"});
	table_add_row(t, (const char *const[]){"uketsuke", "受付 一郎", "reception", "○ 有効"});
	table_format(t, 80, &lines);
	ok(lines.n == 5, "%s: a header, a rule and three rows", mode);
	for (size_t i = 0; i < lines.n; i++) {
		char *row = text_fit(lines.v[i], 80, 1);

		is_int(text_width(row), 80, "%s: line %zu is 80 columns, as drawn", mode, i);
		if (i != 1) {
			int c = width_before(row, i == 0                 ? "役割"
			                          : i == 3               ? "reception"
			                          : strstr(row, "admin") ? "admin"
			                                                 : "reception");

			if (col < 0)
				col = c;
			is_int(c, col, "%s: line %zu's role column starts at column %d", mode, i,
			       col);
		}
		free(row);
	}
	/* Checked against a count of its own: two columns more for each ambiguous character. */
	text_ambiguous_wide(0);
	int narrow = text_width(lines.v[3]);
	text_ambiguous_wide(1);
	is_int(text_width(lines.v[3]), narrow + ambiguous_count(lines.v[3]),
	       "%s: the long name's row counts each ambiguous character twice when wide", mode);
	text_ambiguous_wide(0);
	strlist_clear(&lines);
	table_free(t);
}

static char *
csv_of(const struct table *t, enum csv_encoding enc, int *rc, char **cause)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*rc = table_write_csv(t, f, enc, cause);
	fclose(f);
	return buf;
}

int
main(void)
{
	const char *hdr[] = {"教室", "-定員", "!日付"};
	struct table *t;
	struct strlist lines = {0};
	char *cause = NULL, *csv;
	int rc;

	setlocale(LC_ALL, "C.UTF-8");
	t = table_new(3, hdr);
	table_add_row(t, (const char *const[]){"スマホ入門 (Android、関ヶ原)", "22", "2022-04-21"});
	table_add_keyed_row(t, (const char *const[]){"a, \"b\"\nc", "6", "2022-05-01"}, "key-2");
	table_format(t, 200, &lines);
	is_int(lines.n, 4, "a header, a rule and two rows");
	is_int(width_before(lines.v[0], "日付"), width_before(lines.v[2], "2022-04-21"),
	       "columns line up by display width");
	ok(strstr(lines.v[2], "    22  2022-04-21") != NULL, "numbers align right");
	strlist_clear(&lines);
	table_format(t, 30, &lines);
	for (size_t i = 0; i < lines.n; i++)
		ok(text_width(lines.v[i]) <= 30, "line %zu fits in 30 columns", i);
	ok(strstr(lines.v[2], "2022-04-21") != NULL, "a kept column is not narrowed");
	strlist_clear(&lines);
	{
		/* What the 30 columns cut, the chosen row's cells whole; nothing at 200. */
		int *w = table_widths(t, 30), *wide = table_widths(t, 200);
		char *cut = table_cut(t, 0, w, 30), *none = table_cut(t, 0, wide, 200);

		is_str(
		    cut, "教室: スマホ入門 (Android、関ヶ原)",
		    "what a narrow layout cuts of a row is told whole, after its column's title");
		ok(none == NULL, "and nothing when the row fits");
		free(cut);
		free(none);
		free(w);
		free(wide);
		/* Past the line's end: a kept column that no narrowing makes fit. */
		w = table_widths(t, 14);
		cut = table_cut(t, 0, w, 14);
		ok(cut != NULL && strstr(cut, "日付: 2022-04-21") != NULL && !strstr(cut, "定員"),
		   "a cell past the line's end is told too, one shown whole is not (%s)",
		   cut ? cut : "none");
		free(cut);
		free(w);
	}
	{
		/* Narrowing cannot make this row fit: the line keeps 13 of 14 columns and an
		 * ellipsis, so the second column loses its last letter under it. */
		struct table *n = table_new(3, (const char *const[]){"A", "B", "-N"});
		struct strlist l = {0};
		int *w;
		char *cut;

		table_add_row(n, (const char *const[]){"abcdef", "ghijkl", "9"});
		w = table_widths(n, 14);
		table_lines(n, w, 14, &l);
		cut = table_cut(n, 0, w, 14);
		ok(l.n == 3 && strstr(l.v[2], "ghijkl") == NULL && cut != NULL &&
		       strstr(cut, "B: ghijkl") != NULL && strstr(cut, "N: 9") != NULL &&
		       strstr(cut, "A:") == NULL,
		   "a cell under the line's ellipsis is told, one shown whole is not (%s | %s)",
		   l.n == 3 ? l.v[2] : "", cut ? cut : "none");
		free(cut);
		free(w);
		strlist_clear(&l);
		table_free(n);
	}
	is_str(table_key(t, 1), "key-2", "a row keeps the code of its record");
	ok(table_key(t, 0) == NULL, "and a row without one has none");

	csv = csv_of(t, CSV_UTF8, &rc, &cause);
	is_str(csv,
	       "教室,定員,日付\r\nスマホ入門 (Android、関ヶ原),22,2022-04-21\r\n"
	       "\"a, \"\"b\"\"\nc\",6,2022-05-01\r\n",
	       "CSV: quotes where needed, doubled quotes, CRLF");
	free(csv);
	csv = csv_of(t, CSV_UTF8_BOM, &rc, &cause);
	ok(rc == 0 && strncmp(csv, "\xEF\xBB\xBF教室", 9) == 0, "UTF-8 with a BOM");
	free(csv);
	csv = csv_of(t, CSV_CP932, &rc, &cause);
	ok(rc == 0 && strncmp(csv, "\x8B\xB3\x8E\xBA,", 5) == 0, "CP932: 教室 is 8B B3 8E BA");
	free(csv);
	table_add_row(t, (const char *const[]){"絵文字 😀", "1", "2022-06-01"});
	csv = csv_of(t, CSV_CP932, &rc, &cause);
	is_int(rc, -1, "an emoji has no CP932 form");
	ok(cause && strstr(cause, "row 4, column '教室'") != NULL,
	   "the message names row and column");
	is_str(csv, "", "and nothing was written");
	free(csv);
	free(cause);
	table_free(t);

	/* No cell of a CSV is a live formula, the header included (a rejects file copies the
	 * imported file's header). */
	t = table_new(2, (const char *const[]){"=name", "n"});
	table_add_row(t, (const char *const[]){"=HYPERLINK(\"http://x\",\"a\")", "-"});
	table_add_row(t, (const char *const[]){"\r@SUM(1+1)", "-3"});
	csv = csv_of(t, CSV_UTF8, &rc, &cause);
	is_str(csv,
	       "'=name,n\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",-\r\n"
	       "\"'\r@SUM(1+1)\",-3\r\n",
	       "CSV: formulas get a quote before them, '-' and numbers do not");
	free(csv);
	table_free(t);
	staff_rows(0);
	staff_rows(1);
	ok(text_is_ambiguous(0x2026) && text_is_ambiguous(0x2192) && text_is_ambiguous(0x25CB) &&
	       !text_is_ambiguous('a') && !text_is_ambiguous(0x3042) && !text_is_ambiguous(0xFF21),
	   "… → ○ are ambiguous; a, あ and Ａ are not");
	return done_testing();
}
