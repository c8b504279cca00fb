/* tui/cli/reports.c: sumaho report ...: the city's tables, as on the Reports screen. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/reports/reports.h"
#include "tui/cli/cli.h"

enum { REPORT_FROM, REPORT_TO, REPORT_FORMAT, REPORT_ENCODING };

/* sumaho report monthly|classes|consultations|demand [--from YYYY-MM] [--to YYYY-MM] ... */
static int
cmd_report(struct app *app, const struct cli_args *a)
{
	static const char *const formats[] = {"table", "csv", "chart", NULL};
	const char *format = a->value[REPORT_FORMAT] ? a->value[REPORT_FORMAT] : "table",
	           *kind = a->word;
	int y0 = app->today.year, m0 = 1, y1 = app->today.year, m1 = 12, rc = EXIT_OK;
	enum csv_encoding enc = CSV_UTF8;
	struct table *t;
	char *cause = NULL;

	for (int i = REPORT_FROM; i <= REPORT_TO; i++)
		if (a->value[i] != NULL &&
		    report_parse_month(a->value[i], i == REPORT_FROM ? &y0 : &y1,
		                       i == REPORT_FROM ? &m0 : &m1) != 0) {
			warnx_(_("'%s' is not a month of the form YYYY-MM"), a->value[i]);
			return usage_error(a->cmd);
		}
	if (y0 * 12 + m0 > y1 * 12 + m1) {
		warnx_("%s", _("--from comes after --to"));
		return EXIT_USAGE;
	}
	if ((a->value[REPORT_ENCODING] != NULL &&
	     encoding_option(a->value[REPORT_ENCODING], &enc) != 0) ||
	    choice_option(format, formats) != 0)
		return EXIT_USAGE;
	if (strcmp(format, "chart") == 0 && strcmp(kind, "monthly") != 0) {
		warnx_("%s", _("--format chart is for the monthly report"));
		return EXIT_USAGE;
	}
	if (strcmp(kind, "monthly") == 0)
		t = report_monthly(app->db, y0, m0, y1, m1, app->settings.date_style, &cause);
	else if (strcmp(kind, "classes") == 0)
		t = report_classes(app->db, y0, m0, y1, m1, &cause);
	else if (strcmp(kind, "consultations") == 0)
		t = report_consultations(app->db, y0, m0, y1, m1, &cause);
	else
		t = report_demand(app->db, y0, m0, y1, m1, &cause);
	if (t == NULL)
		return fail_with(cause);
	struct strlist lines = {0}, notes = {0};

	/* A closed month amended since: its footnotes, after the table (in CSV, rows of their
	 * own with the note in the first column). */
	if (strcmp(kind, "monthly") == 0 &&
	    report_monthly_notes(app->db, y0, m0, y1, m1, &notes, &cause) != 0) {
		table_free(t);
		return fail_with(cause);
	}
	if (strcmp(format, "csv") == 0) {
		for (size_t i = 0; i < notes.n; i++)
			table_add_row(t, (const char *const[]){notes.v[i], "", "", ""});
		if (table_write_csv(t, stdout, enc, &cause) != 0)
			rc = fail_with(cause);
	} else {
		if (strcmp(format, "chart") == 0)
			report_chart(t, 78, &lines);
		else
			table_format(t, 200, &lines);
		for (size_t i = 0; i < lines.n; i++)
			puts(lines.v[i]);
		if (notes.n > 0)
			putchar('\n');
		for (size_t i = 0; i < notes.n; i++)
			puts(notes.v[i]);
	}
	strlist_clear(&lines);
	strlist_clear(&notes);
	table_free(t);
	return rc;
}

static const struct cli_option report_options[] = {
    {"from", 0, 1}, {"to", 0, 1}, {"format", 0, 1}, {"encoding", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_reports_commands[] = {
    {"report monthly|classes|consultations|demand",
     N_("[--from YYYY-MM] [--to YYYY-MM] [--format table|csv|chart] "
        "[--encoding utf-8|utf-8-bom|cp932]"),
     N_("print the city's tables, consultations by venue and topic, or demand per class"),
     report_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_report, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
