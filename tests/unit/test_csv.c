/* Unit tests for models/csv.c. */
#include "config.h"

#include <stdlib.h>

#include "models/formats/csv.h"
#include "tests/tap.h"

static int
parse(const char *data, size_t len, struct csv *c, char **cause)
{
	free(*cause);
	*cause = NULL;
	return csv_parse(data, len, "t.csv", c, cause);
}

#define P(s, c, cause) parse((s), sizeof(s) - 1, (c), (cause))

int
main(void)
{
	struct csv c;
	char *cause = NULL;

	ok(P("a,b\r\n1,2\r\n", &c, &cause) == 0, "CRLF lines");
	is_int(c.nrows, 2, "two rows");
	is_str(c.rows[1].fields[1], "2", "second field of second row");
	csv_free(&c);

	ok(P("\xEF\xBB\xBF"
	     "name\n関ヶ原\n",
	     &c, &cause) == 0,
	   "a BOM is skipped");
	is_str(c.rows[0].fields[0], "name", "the header does not start with the BOM");
	is_str(c.rows[1].fields[0], "関ヶ原", "UTF-8 text");
	csv_free(&c);

	ok(P("a,b\n\"x, \"\"y\"\"\",\"line1\nline2\"\n", &c, &cause) == 0, "quoted fields");
	is_str(c.rows[1].fields[0], "x, \"y\"", "commas and doubled quotes inside quotes");
	is_str(c.rows[1].fields[1], "line1\nline2", "a newline inside quotes");
	csv_free(&c);

	ok(P("a,b\n1,\n,2\n\"\",\"\"", &c, &cause) == 0, "empty fields, no final newline");
	is_int(c.nrows, 4, "four rows");
	is_int(c.rows[1].nfields, 2, "a trailing comma makes an empty field");
	is_str(c.rows[3].fields[0], "", "an empty quoted field");
	csv_free(&c);

	ok(P("a\n\n1\n", &c, &cause) == 0, "a blank line");
	is_int(c.rows[1].nfields, 0, "is a row with no fields");
	is_int(c.rows[2].rowno, 3, "rows are numbered as a spreadsheet shows them");
	csv_free(&c);

	ok(P("a,b\n1,\"open\n", &c, &cause) != 0, "an unclosed quote is an error");
	is_str(cause, "t.csv: row 2: a quoted field is not closed", "naming the row");
	ok(P("a,b\n1,x\"y\n", &c, &cause) != 0, "a stray quote is an error");
	is_str(cause,
	       "t.csv: row 2, field 2: a quote inside an unquoted field (enclose the field in "
	       "quotes and double the quote)",
	       "naming the row and field");
	ok(P("a,b\n1,2\n3,\x82\xA0\n", &c, &cause) != 0, "Shift_JIS bytes are an error");
	is_str(cause, "t.csv: row 3, field 2: not valid UTF-8 (byte 1); save the file as UTF-8",
	       "naming the row and field");
	ok(parse("a\n1\0002\n", 6, &c, &cause) != 0, "a NUL byte is an error");
	ok(P("a\n\"x\"y\n", &c, &cause) != 0, "text after a closing quote is an error");
	ok(P("", &c, &cause) == 0 && c.nrows == 0, "an empty file has no rows");
	csv_free(&c);
	/* Cells a spreadsheet would take for formulas get a quote before them; "-" and plain
	 * numbers stay as they are. */
	static const struct {
		const char *cell, *want;
	} defused[] = {
	    {"=HYPERLINK(\"http://x\",\"詳細\")", "'=HYPERLINK(\"http://x\",\"詳細\")"},
	    {"@SUM(1+1)", "'@SUM(1+1)"},
	    {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
	    {"-2+3", "'-2+3"},
	    {"\t=1", "'\t=1"},
	    {"\r=1", "'\r=1"},
	    {"+81-3-1234-5678", "'+81-3-1234-5678"},
	    {"-A1", "'-A1"},
	    {"-", "-"},
	    {"-3", "-3"},
	    {"-2.5", "-2.5"},
	    {"-2.", "'-2."},
	    {"", ""},
	    {"佐藤 =1", "佐藤 =1"},
	    {"'=1", "'=1"},
	};

	for (size_t i = 0; i < sizeof defused / sizeof defused[0]; i++) {
		char *got = csv_defuse(defused[i].cell);

		is_str(got, defused[i].want, "cell %zu is written as it should be", i);
		free(got);
	}
	free(cause);
	return done_testing();
}
