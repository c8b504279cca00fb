/* tui/cli/reminders.c: sumaho reminders: the call list of a day (tomorrow by default), the
 * same list as the Consultations screen's R. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/reminders/reminders.h"
#include "tui/cli/cli.h"

enum { REM_DATE, REM_FORMAT, REM_ENCODING, REM_OUTPUT };

/* sumaho reminders [--date DATE] [--format table|csv] [--encoding ENC] [-o FILE] */
static int
cmd_reminders(struct app *app, const struct cli_args *a)
{
	static const char *const formats[] = {"table", "csv", NULL};
	const char *format = a->value[REM_FORMAT] ? a->value[REM_FORMAT] : "table",
	           *path = a->value[REM_OUTPUT];
	struct date day = date_add_days(&app->today, 1);
	enum csv_encoding enc = CSV_UTF8;
	char *cause = NULL, *tmp, *iso;
	int rc = EXIT_OK;

	if ((a->value[REM_DATE] != NULL && date_option("--date", a->value[REM_DATE], &day) != 0) ||
	    (a->value[REM_ENCODING] != NULL &&
	     encoding_option(a->value[REM_ENCODING], &enc) != 0) ||
	    choice_option(format, formats) != 0)
		return EXIT_USAGE;
	iso = date_iso(&day);
	struct table *t = reminders_day(app->db, iso, &cause);

	if (t == NULL) {
		free(iso);
		return fail_with(cause);
	}
	/* Names and phone numbers: a file only its owner reads, renamed into place when whole. */
	FILE *out = cli_output_open(path, &tmp);

	if (out == NULL) {
		free(iso);
		table_free(t);
		return EXIT_FAIL;
	}
	if (strcmp(format, "csv") == 0) {
		if (table_write_csv(t, out, enc, &cause) != 0)
			rc = fail_with(cause);
	} else {
		struct strlist lines = {0};
		char *when = date_format(&day, app->settings.date_style);

		fprintf(out,
		        P_("%s: %zu person to remind\n", "%s: %zu people to remind\n", t->nrows),
		        when, t->nrows);
		free(when);
		if (t->nrows > 0) {
			fputc('\n', out);
			table_format(t, 200, &lines);
		}
		for (size_t i = 0; i < lines.n; i++)
			fprintf(out, "%s\n", lines.v[i]);
		strlist_clear(&lines);
	}
	free(iso);
	table_free(t);
	return cli_output_close(out, path, tmp, rc);
}

static const struct cli_option reminders_options[] = {
    {"date", 0, 1}, {"format", 0, 1}, {"encoding", 0, 1}, {"output", 'o', 1}, {NULL, 0, 0}};

const struct cli_command cli_reminders_commands[] = {
    {"reminders",
     N_("[--date DATE] [--format table|csv] [--encoding utf-8|utf-8-bom|cp932] [-o FILE]"),
     N_("list everyone expected at a consultation or a class on a day (tomorrow by default), "
        "with phone, time and place, to call them or print"),
     reminders_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR,
     cmd_reminders, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
