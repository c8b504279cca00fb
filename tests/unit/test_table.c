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
	return done_testing();
}
