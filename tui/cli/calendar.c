/* tui/cli/calendar.c: sumaho export ics, import ics and qr: classes as iCalendar events,
 * closures from a calendar, and QR codes for a phone's calendar. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/formats/ical.h"
#include "models/formats/qr.h"
#include "tui/cli/cli.h"

enum { ICS_VENUE, ICS_FROM, ICS_TO };

/* sumaho import ics FILE [--venue CODE] [--from DATE] [--to DATE] */
static int
cmd_import_ics(struct app *app, const struct cli_args *a)
{
	struct date from = app->today, to = app->today;
	struct ical_import_report rep;
	char *cause = NULL;

	/* By default a year back and two years ahead: enough for any timetable. */
	from.year--;
	to.year += 2;
	if (to.month == 2 && to.day == 29)
		to.day = 28;
	if (from.month == 2 && from.day == 29)
		from.day = 28;
	if ((a->value[ICS_FROM] != NULL && date_option("--from", a->value[ICS_FROM], &from) != 0) ||
	    (a->value[ICS_TO] != NULL && date_option("--to", a->value[ICS_TO], &to) != 0))
		return EXIT_USAGE;
	if (date_cmp(&from, &to) > 0) {
		/* One end given beyond the default other end moves that end with it; both given
		 * the wrong way round would import nothing and say it did. */
		if (a->value[ICS_FROM] != NULL && a->value[ICS_TO] != NULL) {
			warnx_("%s", _("--from comes after --to"));
			return usage_error(a->cmd);
		}
		if (a->value[ICS_FROM] != NULL)
			to = (struct date){from.year + 2, from.month,
			                   from.day == 29 && from.month == 2 ? 28 : from.day};
		else
			from = (struct date){to.year - 1, to.month,
			                     to.day == 29 && to.month == 2 ? 28 : to.day};
	}
	if (ical_import_closures(app->db, a->argv[0], a->value[ICS_VENUE], &from, &to, app->actor,
	                         &rep, &cause) != 0) {
		warnx_("%s", cause);
		warnx_(_("%s: nothing was imported"), a->argv[0]);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("%s: %ld events, %ld closure days, %ld new\n"), a->argv[0], rep.events,
	       rep.occurrences, rep.added);
	return EXIT_OK;
}

enum {
	EX_VENUE,
	EX_COURSE,
	EX_OFFERING,
	EX_SESSION,
	EX_PERSON,
	EX_BOOKINGS,
	EX_FROM,
	EX_TO,
	EX_OUTPUT
};

/* sumaho export ics [filters] [-o FILE] */
static int
cmd_export_ics(struct app *app, const struct cli_args *a)
{
	struct ical_filter f = {0};
	const char *output = a->value[EX_OUTPUT];
	struct date d;
	char *cause = NULL;
	long n;

	f.venue = a->value[EX_VENUE];
	f.course = a->value[EX_COURSE];
	f.offering = a->value[EX_OFFERING];
	f.session = a->value[EX_SESSION];
	f.person = a->value[EX_PERSON];
	f.staff = a->value[EX_BOOKINGS] != NULL;
	f.from = a->value[EX_FROM];
	f.to = a->value[EX_TO];
	if ((f.from != NULL && date_option("--from", f.from, &d) != 0) ||
	    (f.to != NULL && date_option("--to", f.to, &d) != 0))
		return EXIT_USAGE;
	if (f.staff && f.person != NULL) {
		warnx_("%s", _("--bookings and --person exclude each other"));
		return EXIT_USAGE;
	}
	/* Residents' names are in the file only with these: then a staff member signs in. */
	int rc = f.staff || f.person != NULL
	             ? cli_sign_in(app, a->cmd->name, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR)
	             : EXIT_OK;

	if (rc != EXIT_OK)
		return rc;
	struct ical_config cfg = app_ical_config(app);

	if (ical_export_file(app->db, output, &f, &cfg, &n, &cause) != 0)
		return fail_with(cause);
	if (output != NULL && strcmp(output, "-") != 0)
		printf(P_("%s: %ld event\n", "%s: %ld events\n", n), output, n);
	return EXIT_OK;
}

enum { QR_URL, QR_INVERT };

/* The size of the terminal on fd: its own word (TIOCGWINSZ), else $LINES and $COLUMNS as a
 * shell sets them; 0 for what is not known. */
static void
terminal_size(int fd, int *rows, int *cols)
{
	struct winsize ws;
	const char *l = getenv("LINES"), *c = getenv("COLUMNS");

	*rows = *cols = 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
		return;
	}
	if (l != NULL && strspn(l, "0123456789") == strlen(l) && strlen(l) < 6)
		*rows = atoi(l);
	if (c != NULL && strspn(c, "0123456789") == strlen(c) && strlen(c) < 6)
		*cols = atoi(c);
}

/* sumaho qr SESSION | --url: a QR code drawn with block characters. */
static int
cmd_qr(struct app *app, const struct cli_args *a)
{
	int url = a->value[QR_URL] != NULL;
	char *text, *cause = NULL;
	struct strlist lines = {0};
	struct qr *q;

	if (a->argc != (url ? 0 : 1))
		return usage_error(a->cmd);
	if (url) {
		if (app->settings.application_url == NULL) {
			warnx_("%s", _("no application page: set [calendar] application_url in the "
			               "configuration"));
			return EXIT_FAIL;
		}
		text = xstrdup(app->settings.application_url);
	} else {
		/* A cancelled class is not to be added to anyone's calendar. */
		int cancelled = session_cancelled(app->db, a->argv[0], &cause);

		if (cancelled < 0)
			return fail_with(cause);
		if (cancelled) {
			warnx_(_("session %s is cancelled: there is no QR code to add it to a "
			         "calendar"),
			       a->argv[0]);
			return EXIT_FAIL;
		}
		if ((text = ical_compact_event(app->db, a->argv[0], &cause)) == NULL)
			return fail_with(cause);
	}
	/* On a terminal, which is not scratched or folded: the smallest code. */
	int tty = isatty(STDOUT_FILENO);

	if ((q = qr_encode_ex(text, tty, &cause)) == NULL) {
		free(text);
		return fail_with(cause);
	}
	/* On a terminal: explicit colours, or reverse video without them (light text on a dark
	 * background is the usual terminal; --invert for the other kind); two cells a module where
	 * the window is tall enough or the terminal draws half blocks two cells wide, else half
	 * blocks; a window too small even for those is told how big it must be, and no code is
	 * drawn that it would cut. Into a file or a pipe: the blocks alone, as light on dark unless
	 * --invert. */
	if (tty) {
		const char *term = getenv("TERM");
		int mono = getenv("NO_COLOR") != NULL || app->settings.colour == COLOUR_OFF ||
		           term == NULL || strcmp(term, "dumb") == 0;
		int side = q->width + 2 * 4, full = 1, rows, cols;
		/* A line is left for the shell's prompt after the code. */
		int full_rows = side + 1, full_cols = 2 * side, half_rows = (side + 1) / 2 + 1;

		terminal_size(STDOUT_FILENO, &rows, &cols);
		if (rows > 0 && cols > 0 && (rows < full_rows || cols < full_cols)) {
			/* Half blocks drawn two cells wide (East Asian Ambiguous) would not be a
			 * code: then only two cells a module will do. */
			int need_rows = text_ambiguous_is_wide() ? full_rows : half_rows;
			int need_cols = text_ambiguous_is_wide() ? full_cols : side;

			if (rows < need_rows || cols < need_cols) {
				warnx_(
				    _("the window is too small for this QR code: it needs %d x %d "
				      "(columns x lines), this one is %d x %d; enlarge it, or "
				      "write "
				      "the code to a file (sumaho qr ... > FILE)"),
				    need_cols, need_rows, cols, rows);
				qr_free(q);
				free(text);
				return EXIT_FAIL;
			}
			full = text_ambiguous_is_wide();
		}
		qr_lines_terminal(q, 4, mono, a->value[QR_INVERT] == NULL, full, &lines);
	} else
		qr_lines(q, 2, a->value[QR_INVERT] == NULL, &lines);
	for (size_t i = 0; i < lines.n; i++)
		puts(lines.v[i]);
	strlist_clear(&lines);
	qr_free(q);
	free(text);
	return EXIT_OK;
}

static const struct cli_option import_ics_options[] = {
    {"venue", 0, 1}, {"from", 0, 1}, {"to", 0, 1}, {NULL, 0, 0}};
static const struct cli_option export_options[] = {
    {"venue", 0, 1},    {"course", 0, 1}, {"offering", 0, 1}, {"session", 0, 1},  {"person", 0, 1},
    {"bookings", 0, 0}, {"from", 0, 1},   {"to", 0, 1},       {"output", 'o', 1}, {NULL, 0, 0}};
static const struct cli_option qr_options[] = {{"url", 0, 0}, {"invert", 0, 0}, {NULL, 0, 0}};

const struct cli_command cli_calendar_commands[] = {
    {"import ics", N_("FILE [--venue CODE] [--from DATE] [--to DATE]"),
     N_("import closures and holidays from an iCalendar file"), import_ics_options, 1, 1,
     CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_import_ics, NULL, NULL},
    {"export ics",
     N_("[--venue|--course|--offering|--session|--person CODE] [--bookings] [--from DATE] "
        "[--to DATE] [-o FILE]"),
     N_("export classes (and consultations) as iCalendar; --bookings and --person include "
        "residents' names"),
     export_options, 0, 0, CLI_DB_EXISTING, 0, cmd_export_ics, NULL, NULL},
    {"qr", N_("SESSION | --url  [--invert]"),
     N_("draw a QR code: a class for a phone's calendar, or the application page"), qr_options, 0,
     1, CLI_DB_EXISTING, 0, cmd_qr, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
