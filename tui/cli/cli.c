/* tui/cli/cli.c: subcommands; each parses its arguments and calls one models function. */
#include "config.h"
#include "tui/cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

#include "models/classes/attendance.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/formats/ical.h"
#include "models/formats/qr.h"
#include "models/transfer/import.h"
#include "models/lottery/lottery.h"
#include "models/reports/report.h"
#include "models/formats/table.h"
#include "models/core/util.h"

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

int
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
	if (schema_holds_records(app->db) != 0) {
		warnx_(_("%s already holds data; the demo needs a new database"), app->db_path);
		return EXIT_FAIL;
	}
	struct strlist errors = {0};

	if (import_demo(app->db, demo_dir(), &app->today, app->actor, &errors, &cause) != 0) {
		print_errors(&errors, cause);
		warnx_("%s", _("the demo data was not loaded; the database is unchanged"));
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("Loaded the demo data (April-September 2022) from %s\n"), demo_dir());
	return EXIT_OK;
}

int
date_option(const char *opt, const char *arg, struct date *d)
{
	if (date_parse(arg, d) != 0) {
		warnx_(_("%s: '%s' is not a date of the form YYYY-MM-DD that exists"), opt, arg);
		return -1;
	}
	return 0;
}

/* sumaho import ics FILE [--venue CODE] [--from DATE] [--to DATE] */
static int
import_ics(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"venue", required_argument, NULL, 'v'},
	                                     {"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("ics FILE [--venue CODE] [--from DATE] [--to DATE]");
	struct date from = app->today, to = app->today;
	const char *venue = NULL;
	struct ical_import_report rep;
	char *cause = NULL;
	int c;

	/* By default a year back and two years ahead: enough for any timetable. */
	from.year--;
	to.year += 2;
	if (to.month == 2 && to.day == 29)
		to.day = 28;
	if (from.month == 2 && from.day == 29)
		from.day = 28;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'v')
			venue = optarg;
		else if (c == 'f' || c == 't') {
			if (date_option(c == 'f' ? "--from" : "--to", optarg,
			                c == 'f' ? &from : &to) != 0)
				return EXIT_USAGE;
		} else
			return usage_error("import", usage);
	}
	if (optind + 1 != argc)
		return usage_error("import", usage);
	if (ical_import_closures(app->db, argv[optind], venue, &from, &to, app->actor, &rep,
	                         &cause) != 0) {
		warnx_("%s", cause);
		warnx_(_("%s: nothing was imported"), argv[optind]);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("%s: %ld events, %ld closure days, %ld new\n"), argv[optind], rep.events,
	       rep.occurrences, rep.added);
	return EXIT_OK;
}

static int
cmd_import(struct app *app, int argc, char **argv)
{
	static const char usage[] =
	    N_("KIND FILE [--good-rows REJECTS.csv]   (KIND: venues, courses, offerings, sessions, "
	       "people, applications, online, attendance, templates, slots, bookings)");
	static const struct option opts[] = {{"good-rows", required_argument, NULL, 'g'},
	                                     {NULL, 0, NULL, 0}};
	struct import_report rep;
	struct strlist errors = {0};
	char *cause = NULL;
	struct lottery_config lc = app_lottery_config(app);
	struct import_options io = {NULL, &lc};
	int c;

	if (argc >= 2 && strcmp(argv[1], "ics") == 0)
		return import_ics(app, argc - 1, argv + 1);
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'g')
			return usage_error("import", usage);
		io.rejects = optarg;
	}
	if (optind + 2 != argc)
		return usage_error("import", usage);
	const char *kind = argv[optind], *file = argv[optind + 1];

	if (!import_kind_known(kind)) {
		warnx_(_("unknown kind of record '%s'"), kind);
		return usage_error("import", usage);
	}
	if (import_csv_file_ex(app->db, kind, file, app->actor, &io, &rep, &errors, &cause) != 0) {
		print_errors(&errors, cause);
		warnx_(_("%s: nothing was imported"), file);
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	printf(P_("%s: %ld row read, %ld new record\n", "%s: %ld rows read, %ld new records\n",
	          rep.rows),
	       file, rep.rows, rep.added);
	if (rep.rejected > 0) {
		warnx_(P_("%s: %ld bad row left out and written to %s",
		          "%s: %ld bad rows left out and written to %s", rep.rejected),
		       file, rep.rejected, io.rejects);
	}
	return EXIT_OK;
}

int
fail_with(char *cause)
{
	warnx_("%s", cause ? cause : _("unknown error"));
	free(cause);
	return EXIT_FAIL;
}

void
print_table(const struct table *t)
{
	struct strlist lines = {0};

	table_format(t, 250, &lines);
	for (size_t i = 0; i < lines.n; i++)
		puts(lines.v[i]);
	strlist_clear(&lines);
}

int
encoding_option(const char *arg, enum csv_encoding *enc)
{
	if (strcmp(arg, "utf-8") == 0)
		*enc = CSV_UTF8;
	else if (strcmp(arg, "utf-8-bom") == 0)
		*enc = CSV_UTF8_BOM;
	else if (strcmp(arg, "cp932") == 0 || strcmp(arg, "shift_jis") == 0)
		*enc = CSV_CP932;
	else {
		warnx_(_("'%s' is not one of: %s"), arg, "utf-8, utf-8-bom, cp932");
		return -1;
	}
	return 0;
}

static int
cmd_report(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {"format", required_argument, NULL, 'F'},
	                                     {"encoding", required_argument, NULL, 'e'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("monthly|classes|consultations|demand [--from YYYY-MM] [--to YYYY-MM] "
	       "[--format table|csv|chart] [--encoding utf-8|utf-8-bom|cp932]");
	int y0 = app->today.year, m0 = 1, y1 = app->today.year, m1 = 12, c, rc = EXIT_OK;
	const char *format = "table", *encoding = "utf-8";
	enum csv_encoding enc = CSV_UTF8;
	struct table *t;
	char *cause = NULL;

	optind = 0; /* GNU getopt: start over, permuting operands to the end */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'F')
			format = optarg;
		else if (c == 'e')
			encoding = optarg;
		else if ((c != 'f' && c != 't') || report_parse_month(optarg, c == 'f' ? &y0 : &y1,
		                                                      c == 'f' ? &m0 : &m1) != 0) {
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
	if (encoding_option(encoding, &enc) != 0)
		return EXIT_USAGE;
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "chart") != 0) {
		warnx_(_("'%s' is not one of: %s"), format, "table, csv, chart");
		return EXIT_USAGE;
	}
	const char *kind = argv[optind];

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
	else if (strcmp(kind, "demand") == 0)
		t = report_demand(app->db, y0, m0, y1, m1, &cause);
	else
		return usage_error("report", usage);
	if (t == NULL) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	struct strlist lines = {0};

	if (strcmp(format, "csv") == 0) {
		if (table_write_csv(t, stdout, enc, &cause) != 0) {
			warnx_("%s", cause);
			free(cause);
			rc = EXIT_FAIL;
		}
	} else {
		if (strcmp(format, "chart") == 0)
			report_chart(t, 78, &lines);
		else
			table_format(t, 200, &lines);
		for (size_t i = 0; i < lines.n; i++)
			puts(lines.v[i]);
	}
	strlist_clear(&lines);
	table_free(t);
	return rc;
}

/* sumaho attend SESSION [PERSON=STATUS]... [--substitute PERSON=STATUS]... */
static int
cmd_attend(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"substitute", required_argument, NULL, 's'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("SESSION [PERSON=present|absent|late]... [--substitute PERSON=STATUS]...");
	struct strlist marks = {0}, subs = {0};
	char *cause = NULL;
	int c, rc = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 's') {
			strlist_clear(&subs);
			return usage_error("attend", usage);
		}
		strlist_add(&subs, xstrdup(optarg));
	}
	if (optind >= argc) {
		strlist_clear(&subs);
		return usage_error("attend", usage);
	}
	const char *session = argv[optind];

	for (int i = optind + 1; i < argc; i++)
		strlist_add(&marks, xstrdup(argv[i]));
	if (marks.n == 0 && subs.n == 0) {
		struct roll *r = attendance_roll(app->db, session, &cause);

		if (r == NULL) {
			warnx_("%s", cause);
			free(cause);
			return EXIT_FAIL;
		}
		const char *hdr[] = {_("Code"), _("Name"), _("Kana"), _("Attendance")};
		struct table *t = table_new(4, hdr);

		for (size_t i = 0; i < r->n; i++) {
			char *status = attendance_label(r->v[i].status, r->v[i].substitute);

			table_add_row(t, (const char *const[]){r->v[i].person, r->v[i].name,
			                                       r->v[i].kana, status});
			free(status);
		}
		struct date d;
		char *day = date_parse(r->date, &d) == 0 ? date_format(&d, app->settings.date_style)
		                                         : xstrdup(r->date);

		printf("%s  %s  %s %s  %s%s\n", r->session, r->title, day, r->time, r->venue,
		       r->cancelled ? _("  (cancelled)") : "");
		free(day);
		print_table(t);
		table_free(t);
		attendance_roll_free(r);
		return EXIT_OK;
	}
	/* Every mark or none: one transaction around them all. */
	if (db_begin(app->db, &cause) != 0) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	for (size_t k = 0; k < marks.n + subs.n && rc == EXIT_OK; k++) {
		char *arg = k < marks.n ? marks.v[k] : subs.v[k - marks.n];
		char *eq = strchr(arg, '=');

		if (eq == NULL || eq == arg) {
			warnx_(_("'%s' is not PERSON=STATUS"), arg);
			rc = EXIT_USAGE;
			break;
		}
		*eq = '\0';
		/* One mark a person: a second would silently overwrite the first. */
		for (size_t j = 0; j < k && rc == EXIT_OK; j++) {
			const char *other = j < marks.n ? marks.v[j] : subs.v[j - marks.n];

			if (strcmp(other, arg) == 0) {
				warnx_(_("%s is marked twice"), arg);
				rc = EXIT_USAGE;
			}
		}
		if (rc != EXIT_OK)
			break;
		if (attendance_mark(app->db, session, arg, eq + 1, k >= marks.n, &app->today,
		                    app->actor, &cause) != 0) {
			warnx_("%s", cause);
			rc = EXIT_FAIL;
		}
	}
	if (rc == EXIT_OK && db_commit(app->db, &cause) != 0) {
		warnx_("%s", cause);
		rc = EXIT_FAIL;
	}
	if (rc != EXIT_OK) {
		db_rollback(app->db);
		warnx_("%s", _("nothing was recorded"));
	} else
		printf(P_("%s: %zu mark recorded\n", "%s: %zu marks recorded\n", marks.n + subs.n),
		       session, marks.n + subs.n);
	free(cause);
	strlist_clear(&marks);
	strlist_clear(&subs);
	return rc;
}

/* sumaho export ics [filters] [-o FILE] */
static int
cmd_export(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"venue", required_argument, NULL, 'v'},    {"course", required_argument, NULL, 'c'},
	    {"offering", required_argument, NULL, 'O'}, {"session", required_argument, NULL, 's'},
	    {"person", required_argument, NULL, 'p'},   {"staff", no_argument, NULL, 'S'},
	    {"from", required_argument, NULL, 'f'},     {"to", required_argument, NULL, 't'},
	    {"output", required_argument, NULL, 'o'},   {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("ics [--venue|--course|--offering|--session|--person CODE] [--staff] [--from DATE] "
	       "[--to DATE] [-o FILE]");
	struct ical_filter f = {0};
	const char *output = NULL;
	struct date d;
	char *cause = NULL;
	long n;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'v': f.venue = optarg; break;
		case 'c': f.course = optarg; break;
		case 'O': f.offering = optarg; break;
		case 's': f.session = optarg; break;
		case 'p': f.person = optarg; break;
		case 'S': f.staff = 1; break;
		case 'o': output = optarg; break;
		case 'f':
		case 't':
			if (date_option(c == 'f' ? "--from" : "--to", optarg, &d) != 0)
				return EXIT_USAGE;
			if (c == 'f')
				f.from = optarg;
			else
				f.to = optarg;
			break;
		default: return usage_error("export", usage);
		}
	}
	if (optind + 1 != argc || strcmp(argv[optind], "ics") != 0)
		return usage_error("export", usage);
	if (f.staff && f.person != NULL) {
		warnx_("%s", _("--staff and --person exclude each other"));
		return EXIT_USAGE;
	}
	struct ical_config cfg = app_ical_config(app);

	if (ical_export_file(app->db, output, &f, &cfg, &n, &cause) != 0) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (output != NULL && strcmp(output, "-") != 0)
		printf(P_("%s: %ld event\n", "%s: %ld events\n", n), output, n);
	return EXIT_OK;
}

/* sumaho qr SESSION | --url: a QR code drawn with block characters. */
static int
cmd_qr(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"url", no_argument, NULL, 'u'},
	                                     {"invert", no_argument, NULL, 'i'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("SESSION | --url  [--invert]");
	int url = 0, invert = 0, c;
	char *text, *cause = NULL;
	struct strlist lines = {0};
	struct qr *q;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'u')
			url = 1;
		else if (c == 'i')
			invert = 1;
		else
			return usage_error("qr", usage);
	}
	if (optind + (url ? 0 : 1) != argc)
		return usage_error("qr", usage);
	if (url) {
		if (app->settings.application_url == NULL) {
			warnx_("%s", _("no application page: set [calendar] application_url in the "
			               "configuration"));
			return EXIT_FAIL;
		}
		text = xstrdup(app->settings.application_url);
	} else if ((text = ical_compact_event(app->db, argv[optind], &cause)) == NULL) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if ((q = qr_encode(text, &cause)) == NULL) {
		warnx_("%s", cause);
		free(cause);
		free(text);
		return EXIT_FAIL;
	}
	/* Light text on a dark background is the usual terminal; --invert for the other kind. */
	qr_lines(q, 2, !invert, &lines);
	for (size_t i = 0; i < lines.n; i++)
		puts(lines.v[i]);
	strlist_clear(&lines);
	qr_free(q);
	free(text);
	return EXIT_OK;
}

/* sumaho backup FILE */
static int
cmd_backup(struct app *app, int argc, char **argv)
{
	char *cause = NULL;
	long pages;

	if (argc != 2)
		return usage_error("backup", N_("FILE"));
	if (db_backup(app->db, argv[1], &pages, &cause) != 0) {
		warnx_("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("Backed up %s to %s (%ld pages)\n"), app->db_path, argv[1], pages);
	return EXIT_OK;
}

const struct command commands[] = {
    {"init", N_("[--demo]"), N_("create or upgrade the database; --demo loads the demo data"), 2,
     cmd_init},
    {"import", N_("KIND FILE [--good-rows REJECTS.csv]"),
     N_("import records from a CSV file (UTF-8 or CP932), all rows or none, or with "
        "--good-rows the good ones and the bad ones written back; KIND: venues, courses, "
        "offerings, sessions, people, applications, online, attendance, templates, slots, "
        "bookings"),
     1, cmd_import},
    {"import", N_("ics FILE [--venue CODE] [--from DATE] [--to DATE]"),
     N_("import closures and holidays from an iCalendar file"), 1, NULL},
    {"export",
     N_("ics [--venue|--course|--offering|--session|--person CODE] [--staff] [--from DATE] "
        "[--to DATE] [-o FILE]"),
     N_("export classes (and consultations) as iCalendar"), 1, cmd_export},
    {"qr", N_("SESSION | --url  [--invert]"),
     N_("draw a QR code: a class for a phone's calendar, or the application page"), 1, cmd_qr},
    {"attend", N_("SESSION [PERSON=present|absent|late]... [--substitute PERSON=STATUS]..."),
     N_("show a session's roll call, or record who came"), 1, cmd_attend},
    {"slots", N_("template [VENUE [SPEC]]"),
     N_("show or set a venue's weekly consultation hours, e.g. \"tue,thu 10:00-12:00 "
        "13:00-16:00\""),
     1, cmd_slots},
    {"slots", N_("generate --from DATE --to DATE [--venue CODE] [--template SPEC]"),
     N_("create 30-minute slots from the templates, leaving out closures and holidays"), 1,
     NULL},
    {"slots", N_("list [--venue CODE] [--date DATE] [--days N] [--free]"),
     N_("list the slots of a day (today by default), with who booked them"), 1, NULL},
    {"slots", N_("book VENUE DATE TIME PERSON --topic TOPIC [--walk-in]"),
     N_("book a slot; exit status 3 when another terminal took it first"), 1, NULL},
    {"slots", N_("rebook VENUE DATE TIME NEW-DATE NEW-TIME [--venue CODE]"),
     N_("move a booking to another slot"), 1, NULL},
    {"slots", N_("cancel|attend|no-show|unmark VENUE DATE TIME"),
     N_("cancel a booking, or mark it attended, no-show or booked again"), 1, NULL},
    {"people", N_("find QUERY"),
     N_("find people by name, kana (any form) or phone digits as they begin, or by code"), 1,
     cmd_people},
    {"people", N_("add NAME [--kana KANA] [--phone PHONE] [--birth-year YEAR]"),
     N_("register a person; prints the new code"), 1, NULL},
    {"venue", N_("add|edit CODE [--name NAME] [--address ADDRESS] | show CODE | list"),
     N_("set up and list venues"), 1, cmd_venue},
    {"course",
     N_("add|edit CODE [--title T] [--device iphone|android|any] "
        "[--level trial|intro|one-point|advanced] [--description D] [--bring B] | show CODE | "
        "list"),
     N_("set up and list courses"), 1, cmd_course},
    {"offering",
     N_("add|edit CODE [--course C] [--venue V] [--from DATE] [--to DATE] [--capacity N] "
        "[--priority RULE] [--report-group G] | show CODE | list | cancel CODE"),
     N_("a course at a venue: application window, capacity, priority rule"), 1, cmd_offering},
    {"session",
     N_("add|edit CODE [--offering O] [--date DATE] [--start HH:MM] [--duration 60-120] "
        "[--seats 6-10] | show CODE | list | cancel CODE"),
     N_("a class meeting; a cancelled one stays, shown as cancelled in calendars"), 1,
     cmd_session},
    {"apply", N_("OFFERING PERSON [--choice N] [--channel counter|phone|postcard|online]"),
     N_("enter an application at the counter (an ineligible one is kept, with the reason)"), 1,
     cmd_apply},
    {"lottery", N_("run OFFERING... [--seed HEX] [--redraw]"),
     N_("draw the offerings as one round; a person wins at most one seat"), 1, cmd_lottery},
    {"lottery", N_("show|verify OFFERING"),
     N_("show a draw, or recompute it from its seed and check every result"), 1, NULL},
    {"lottery", N_("export OFFERING [--format csv|list] [--encoding utf-8|utf-8-bom|cp932] [-o FILE]"),
     N_("the draw's entries as CSV (for the mail merge and checking), or the lists per session"),
     1, NULL},
    {"lottery", N_("cancel OFFERING PERSON"),
     N_("cancel an application; a winner's seat goes to the first on the waiting list"), 1,
     NULL},
    {"staff", N_("add STAFF-ID ROLE NAME | passwd STAFF-ID | disable|enable STAFF-ID  "
                  "[--admin STAFF-ID]"),
     N_("manage staff accounts (ROLE: reception, coordinator, admin); PINs are read from the "
        "terminal or standard input, and once an admin exists one must sign in with --admin"),
     1, cmd_staff},
    {"staff", N_("list"), N_("list the staff accounts, their roles and lock-outs"), 1, NULL},
    {"audit", N_("[--limit N]"),
     N_("show the audit log, newest first (50 entries, or N; 0: all)"), 1, cmd_audit},
    {"backup", N_("FILE"),
     N_("copy the database to FILE, safely while terminals work (restore: see the man page)"), 1,
     cmd_backup},
    {"report",
     N_("monthly|classes|consultations|demand [--from YYYY-MM] [--to YYYY-MM] "
        "[--format table|csv|chart] [--encoding utf-8|utf-8-bom|cp932]"),
     N_("print the city's tables, consultations by venue and topic, or demand per class"), 1,
     cmd_report},
    {NULL, NULL, NULL, 0, NULL},
};

const struct command *
command_find(const char *name)
{
	/* A second line of the same name only documents another form for --help. */
	for (const struct command *c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0 && c->run != NULL)
			return c;
	return NULL;
}
