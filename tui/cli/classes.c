/* tui/cli/classes.c: sumaho venue|course|offering|session ... (the set-up records) and sumaho
 * attend (the roll call): the same models functions as the Classes screen and its forms. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/lottery/lottery.h"
#include "tui/cli/cli.h"

/* The --FIELD options of a kind of record, from its fields in the model; an offering and a
 * session also take --redraw and --early (lottery_edit_redraw). */
static const struct cli_option *
record_options(const struct cli_command *cmd)
{
	static const char *const kinds[] = {"venue", "course", "offering", "session"};
	static struct cli_option built[4][CLI_MAX_OPTIONS + 1];
	size_t k = 0, nf;

	while (k < 3 && strcmp(kinds[k], cmd->data) != 0)
		k++;
	if (built[k][0].name == NULL) {
		const struct field_spec *f = record_fields(cmd->data, &nf);
		size_t i;

		for (i = 0; i < nf && i < CLI_MAX_OPTIONS; i++)
			built[k][i] = (struct cli_option){f[i].name, 0, 1};
		if (k >= 2 && i + 2 <= CLI_MAX_OPTIONS) {
			built[k][i++] = (struct cli_option){"redraw", 0, 0};
			built[k][i++] = (struct cli_option){"early", 0, 0};
		}
	}
	return built[k];
}

/* sumaho KIND add|edit CODE [--FIELD VALUE]... */
static int
record_save_cmd(struct app *app, const struct cli_args *a)
{
	const char *kind = a->cmd->data, *code = a->argv[0];
	const struct cli_option *opts = record_options(a->cmd);
	const char *names[CLI_MAX_OPTIONS], *values[CLI_MAX_OPTIONS];
	int create = strcmp(a->word, "add") == 0, flags = 0;
	size_t n = 0;
	char *cause = NULL;

	for (size_t i = 0; opts[i].name != NULL; i++)
		if (a->value[i] != NULL && !opts[i].has_arg)
			flags |=
			    strcmp(opts[i].name, "redraw") == 0 ? LOTTERY_REDRAW : LOTTERY_EARLY;
		else if (a->value[i] != NULL) {
			names[n] = opts[i].name;
			values[n++] = a->value[i];
		}
	if (flags & LOTTERY_REDRAW) {
		/* A change the draw depends on, made together with a new draw. */
		struct lottery_config cfg = app_lottery_config(app);
		struct lottery_round r;

		if (lottery_edit_redraw(app->db, kind, code, create, names, values, n, flags, &cfg,
		                        &r, &cause) != 0) {
			warnx_("%s", cause);
			warnx_(_("%s %s: nothing was saved or drawn"), record_noun(kind), code);
			free(cause);
			return EXIT_FAIL;
		}
		printf(create ? _("%s %s added and drawn again: draw %lld, seed %s\n")
		              : _("%s %s changed and drawn again: draw %lld, seed %s\n"),
		       record_noun(kind), code, (long long)r.id, r.seed);
		if (r.early)
			printf("%s\n",
			       _("Drawn early: before an application window of the round closed."));
		lottery_round_free(&r);
		return EXIT_OK;
	}
	if (flags & LOTTERY_EARLY) {
		warnx_("%s", _("--early goes with --redraw"));
		return EXIT_USAGE;
	}
	if (record_save(app->db, kind, code, create, names, values, n, app->actor, app->role,
	                app->reason, &cause) != 0) {
		warnx_("%s", cause);
		warnx_(_("%s %s: nothing was saved"), record_noun(kind), code);
		free(cause);
		return EXIT_FAIL;
	}
	printf(create ? _("%s %s added\n") : _("%s %s changed\n"), record_noun(kind), code);
	return EXIT_OK;
}

/* sumaho KIND show CODE */
static int
record_show_cmd(struct app *app, const struct cli_args *a)
{
	const char *kind = a->cmd->data;
	size_t nf;
	const struct field_spec *f = record_fields(kind, &nf);
	struct strlist v = {0};
	char *cause = NULL;
	int rc = record_get(app->db, kind, a->argv[0], &v, &cause);

	if (rc > 0) {
		warnx_(_("there is no %s '%s'"), record_noun(kind), a->argv[0]);
		return EXIT_FAIL;
	}
	if (rc < 0)
		return fail_with(cause);
	/* The labels of the screen's forms in the language of the run, as people show lays
	 * out a person's details: a column as wide as the widest label. */
	int width = text_width(_("Code"));

	for (size_t i = 0; i < nf && i < v.n; i++)
		if (text_width(_(f[i].label)) > width)
			width = text_width(_(f[i].label));
	for (size_t i = 0; i <= nf && i <= v.n; i++) {
		const char *p = i == 0 ? a->argv[0] : v.v[i - 1];
		char *l = text_fit(i == 0 ? _("Code") : _(f[i - 1].label), width, *p != '\0');

		/* A description's lines each under the one before, the rest drawn harmless. */
		do {
			size_t n = strcspn(p, "\n");
			char *line = xstrndup(p, n), *t = text_fit(line, 1000, 0);

			printf("%s%s%s\n", l, *p != '\0' ? "  " : "", t);
			free(l);
			l = text_fit("", width, 1);
			free(line);
			free(t);
			p += n + (p[n] == '\n');
		} while (*p != '\0');
		free(l);
	}
	strlist_clear(&v);
	return EXIT_OK;
}

/* sumaho KIND list */
static int
record_list_cmd(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	struct table *t = record_list(app->db, a->cmd->data, &cause);

	return print_table(t, cause);
}

/* sumaho offering|session cancel CODE */
static int
record_cancel_cmd(struct app *app, const struct cli_args *a)
{
	const char *kind = a->cmd->data;
	char *cause = NULL;

	if (record_cancel(app->db, kind, a->argv[0], app->actor, app->role, app->reason, &cause) !=
	    0)
		return fail_with(cause);
	printf(_("%s %s is cancelled; it stays in the history and in calendars as cancelled\n"),
	       record_noun(kind), a->argv[0]);
	return EXIT_OK;
}

/* sumaho session restore CODE */
static int
session_restore_cmd(struct app *app, const struct cli_args *a)
{
	struct lottery_config cfg = app_lottery_config(app);
	struct strlist lines = {0};
	char *cause = NULL;

	if (lottery_session_restore(app->db, a->argv[0], &app->today, &cfg, &lines, &cause) != 0)
		return fail_with(cause);
	printf(_("session %s is scheduled again\n"), a->argv[0]);
	for (size_t i = 0; i < lines.n; i++)
		printf("%s\n", lines.v[i]);
	strlist_clear(&lines);
	return EXIT_OK;
}

/* Print a session's roll call. */
static int
print_roll(struct app *app, const char *session)
{
	char *cause = NULL;
	struct roll *r = attendance_roll(app->db, session, &cause);

	if (r == NULL)
		return fail_with(cause);
	const char *hdr[] = {_("Code"), _("Name"), _("Kana"), _("Attendance")};
	struct table *t = table_new(4, hdr);

	for (size_t i = 0; i < r->n; i++) {
		char *status = attendance_label(r->v[i].status, r->v[i].substitute);

		table_add_row(
		    t, (const char *const[]){r->v[i].person, r->v[i].name, r->v[i].kana, status});
		free(status);
	}
	struct date d;
	char *day = date_parse(r->date, &d) == 0 ? date_format(&d, app->settings.date_style)
	                                         : xstrdup(r->date);

	printf("%s  %s  %s %s  %s%s\n", session, r->title, day, r->time, r->venue,
	       r->cancelled ? _("  (cancelled)") : "");
	free(day);
	attendance_roll_free(r);
	return print_table(t, NULL);
}

enum { ATTEND_SUBSTITUTE };

/* sumaho attend SESSION [PERSON=STATUS]... [--substitute PERSON=STATUS]... */
static int
cmd_attend(struct app *app, const struct cli_args *a)
{
	const char *session = a->argv[0];
	const struct strlist *subs = &a->values[ATTEND_SUBSTITUTE];
	size_t nmarks = (size_t)a->argc - 1, total = nmarks + subs->n;
	char *cause = NULL;
	int rc = EXIT_OK;

	if (total == 0)
		return print_roll(app, session);
	/* Every mark or none: one transaction around them all. */
	if (db_begin(app->db, &cause) != 0)
		return fail_with(cause);
	for (size_t k = 0; k < total && rc == EXIT_OK; k++) {
		const char *arg = k < nmarks ? a->argv[1 + k] : subs->v[k - nmarks];
		const char *eq = strchr(arg, '=');

		if (eq == NULL || eq == arg) {
			warnx_(_("'%s' is not PERSON=STATUS"), arg);
			rc = EXIT_USAGE;
			break;
		}
		char *person = xstrndup(arg, (size_t)(eq - arg));

		/* One mark a person: a second would silently overwrite the first. */
		for (size_t j = 0; j < k && rc == EXIT_OK; j++) {
			const char *other = j < nmarks ? a->argv[1 + j] : subs->v[j - nmarks];

			if (strncmp(other, person, strlen(person)) == 0 &&
			    other[strlen(person)] == '=') {
				warnx_(_("%s is marked twice"), person);
				rc = EXIT_USAGE;
			}
		}
		if (rc == EXIT_OK &&
		    attendance_mark(app->db, session, person, eq + 1, k >= nmarks, &app->today,
		                    app->actor, app->role, app->reason, &cause) != 0) {
			warnx_("%s", cause);
			rc = EXIT_FAIL;
		}
		free(person);
	}
	if (rc == EXIT_OK && db_commit(app->db, &cause) != 0) {
		warnx_("%s", cause);
		rc = EXIT_FAIL;
	}
	if (rc != EXIT_OK) {
		db_rollback(app->db);
		warnx_("%s", _("nothing was recorded"));
	} else
		printf(P_("%s: %zu mark recorded\n", "%s: %zu marks recorded\n", total), session,
		       total);
	free(cause);
	return rc;
}

static const struct cli_option attend_options[] = {{"substitute", 0, 1}, {NULL, 0, 0}};

#define C ROLE_BIT_COORDINATOR
/* A row for a kind of record: the name's verb, usage, summary, operands (one code, or none),
 * the role and the run function; add|edit take the record's fields as options. */
#define RECORD(kind, verb, u, s, n, r, fn)                                                         \
	{                                                                                          \
		.name = kind " " verb, .usage = u, .summary = s, .min_args = n, .max_args = n,     \
		.db = CLI_DB_EXISTING, .role = r, .run = fn, .data = kind,                         \
		.options_of = fn == record_save_cmd ? record_options : NULL                        \
	}
/* add|edit, show and list of a kind: the usage of add|edit and the three summaries. */
#define RECORDS(kind, u, save, show, list)                                                         \
	RECORD(kind, "add|edit", u, save, 1, C, record_save_cmd),                                  \
	    RECORD(kind, "show", N_("CODE"), show, 1, 0, record_show_cmd),                         \
	    RECORD(kind, "list", "", list, 0, 0, record_list_cmd)
#define CANCEL(kind, s) RECORD(kind, "cancel", N_("CODE"), s, 1, C, record_cancel_cmd)

const struct cli_command cli_classes_commands[] = {
    RECORDS("venue", N_("CODE [--name NAME] [--address ADDRESS]"), N_("set up a venue"),
            N_("show a venue"), N_("list the venues")),
    RECORDS("course",
            N_("CODE [--title T] [--device iphone|android|any] "
               "[--level trial|intro|one-point|advanced] [--description D] [--bring B]"),
            N_("set up a course"), N_("show a course"), N_("list the courses")),
    RECORDS("offering",
            N_("CODE [--course C] [--venue V] [--from DATE] [--to DATE] [--capacity N] "
               "[--priority RULE] [--report-group G] [--redraw [--early]]"),
            N_("a course at a venue: application window, capacity, priority rule"),
            N_("show an offering"), N_("list the offerings")),
    CANCEL("offering", N_("cancel an offering; it stays in the history")),
    RECORDS("session",
            N_("CODE [--offering O] [--date DATE] [--start HH:MM] [--duration 60-120] "
               "[--seats 6-10] [--redraw [--early]]"),
            N_("a class meeting"), N_("show a session"), N_("list the sessions")),
    CANCEL("session", N_("cancel a session; it stays, shown as cancelled in calendars")),
    RECORD("session", "restore", N_("CODE"),
           N_("restore a cancelled session: scheduled again, with its winners"), 1, C,
           session_restore_cmd),
    {"attend", N_("SESSION [PERSON=present|absent|late]... [--substitute PERSON=STATUS]..."),
     N_("show a session's roll call, or record who came"), attend_options, 1, -1, CLI_DB_EXISTING,
     ROLE_BIT_RECEPTION | C, cmd_attend, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
