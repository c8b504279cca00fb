/* tui/commands.c: subcommands; each parses its arguments and calls one models function. */
#include "config.h"
#include "commands.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/i18n.h"
#include "models/import.h"
#include "models/report.h"
#include "models/table.h"
#include "models/util.h"

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fputs("sumaho: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *
demo_dir(void)
{
	if (access(DEMO_DIR "/venues.csv", R_OK) == 0)
		return DEMO_DIR;
	return SOURCE_DEMO_DIR;
}

static int
usage_error(const char *name, const char *usage)
{
	warnx_(_("usage: sumaho %s %s"), name, _(usage));
	fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
	return EXIT_USAGE;
}

static void
print_errors(struct strlist *errors, const char *cause)
{
	for (size_t i = 0; i < errors->n; i++)
		warnx_("%s", errors->v[i]);
	if (cause != NULL)
		warnx_("%s", cause);
}

static int
cmd_init(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"demo", no_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	int demo = 0, c, applied;
	char *cause = NULL;

	optind = 0; /* GNU getopt: start over, permuting operands to the end */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return usage_error("init", N_("[--demo]"));
		demo = 1;
	}
	if (optind != argc)
		return usage_error("init", N_("[--demo]"));
	applied = db_migrate(app->db, &cause);
	if (applied < 0) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (applied > 0)
		printf(_("%s: schema version %d\n"), app->db_path, db_schema_latest());
	else
		printf(_("%s: schema is up to date (version %d)\n"), app->db_path,
		       db_schema_latest());
	if (!demo)
		return EXIT_OK;
	if (db_count(app->db,
	             "SELECT (SELECT count(*) FROM venues) + (SELECT count(*) FROM people)",
	             NULL) != 0) {
		warnx_(_("%s already holds data; the demo needs a new database"), app->db_path);
		return EXIT_FAIL;
	}
	struct strlist errors = {0};

	if (import_demo(app->db, demo_dir(), app->actor, &errors, &cause) != 0) {
		print_errors(&errors, cause);
		warnx_("%s", _("the demo data was not loaded; the database is unchanged"));
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("Loaded the demo data (April-September 2022) from %s\n"), demo_dir());
	return EXIT_OK;
}

static int
cmd_import(struct app *app, int argc, char **argv)
{
	static const char usage[] = N_("KIND FILE   (KIND: venues, courses, offerings, sessions, "
	                               "people, applications, attendance, slots, bookings)");
	struct import_report rep;
	struct strlist errors = {0};
	char *cause = NULL;

	if (argc != 3)
		return usage_error("import", usage);
	if (!import_kind_known(argv[1])) {
		warnx_(_("unknown kind of record '%s'"), argv[1]);
		return usage_error("import", usage);
	}
	if (import_csv_file(app->db, argv[1], argv[2], app->actor, &rep, &errors, &cause) != 0) {
		print_errors(&errors, cause);
		warnx_(_("%s: nothing was imported"), argv[2]);
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	printf(P_("%s: %ld row read, %ld new record\n", "%s: %ld rows read, %ld new records\n",
	          rep.rows),
	       argv[2], rep.rows, rep.added);
	return EXIT_OK;
}

static int
cmd_report(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("monthly|classes [--from YYYY-MM] [--to YYYY-MM]");
	int y0 = app->today.year, m0 = 1, y1 = app->today.year, m1 = 12, c;
	struct table *t;
	char *cause = NULL;

	optind = 0; /* GNU getopt: start over, permuting operands to the end */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int *y = c == 'f' ? &y0 : &y1, *m = c == 'f' ? &m0 : &m1;

		if ((c != 'f' && c != 't') || report_parse_month(optarg, y, m) != 0) {
			if (c == 'f' || c == 't')
				warnx_(_("'%s' is not a month of the form YYYY-MM"), optarg);
			return usage_error("report", usage);
		}
	}
	if (optind + 1 != argc)
		return usage_error("report", usage);
	if (y0 * 12 + m0 > y1 * 12 + m1) {
		warnx_("%s", _("--from comes after --to"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "monthly") == 0)
		t = report_monthly(app->db, y0, m0, y1, m1, app->settings.date_style, &cause);
	else if (strcmp(argv[optind], "classes") == 0)
		t = report_classes(app->db, y0, m0, y1, m1, &cause);
	else
		return usage_error("report", usage);
	if (t == NULL) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	struct strlist lines = {0};

	table_format(t, 200, &lines);
	for (size_t i = 0; i < lines.n; i++)
		puts(lines.v[i]);
	strlist_clear(&lines);
	table_free(t);
	return EXIT_OK;
}

const struct command commands[] = {
    {"init", N_("[--demo]"), N_("create or upgrade the database; --demo loads the demo data"), 2,
     cmd_init},
    {"import", N_("KIND FILE"), N_("import records from a CSV file (all rows or none)"), 1,
     cmd_import},
    {"report", N_("monthly|classes [--from YYYY-MM] [--to YYYY-MM]"),
     N_("print the city's monthly or per-class table"), 1, cmd_report},
    {NULL, NULL, NULL, 0, NULL},
};

const struct command *
command_find(const char *name)
{
	for (const struct command *c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
