/* tui/cli/lottery.c: sumaho lottery ... and sumaho apply: the same models functions as the
 * Lotteries screen. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/lottery/lottery.h"
#include "models/notices/notices.h"
#include "models/people/people.h"
#include "tui/cli/cli.h"

/* A round's summary: seed, rules, and a line an offering. */
static void
print_round(const struct lottery_round *r)
{
	printf(_("Draw %lld (%s) by %s at %s\n"), (long long)r->id, r->algorithm, r->run_by,
	       r->run_at);
	printf(_("Seed: %s\n"), r->seed);
	if (r->early)
		printf("%s\n", _("Drawn early: before an application window of the round closed."));
	printf(_("Priority: %s; waiting list: %d places\n"), *r->priority ? r->priority : _("none"),
	       r->waiting_max);
	const char *hdr[] = {N_("Offering"),   N_("Class"), N_("Venue"),   N_("Seats"),
	                     N_("Applicants"), N_("Won"),   N_("Waiting"), N_("Lost"),
	                     N_("Excluded"),   N_("Now")};
	struct table *t = table_new_i18n(10, hdr, "lllrrrrrrr");
	struct strlist over = {0};

	for (size_t i = 0; i < r->n; i++) {
		const struct lottery_offering *o = &r->v[i];
		char *n[7] = {xasprintf("%d", o->capacity), xasprintf("%ld", o->applicants),
		              xasprintf("%ld", o->won),     xasprintf("%ld", o->waiting),
		              xasprintf("%ld", o->lost),    xasprintf("%ld", o->excluded),
		              xasprintf("%ld", o->won_now)};

		table_add_row(t, (const char *const[]){o->code, o->title, o->venue, n[0], n[1],
		                                       n[2], n[3], n[4], n[5], n[6]});
		for (size_t k = 0; k < 7; k++)
			free(n[k]);
		if (o->over > 0)
			strlist_addf(&over,
			             _("%s: %ld seats taken now of %d: %ld over the capacity"),
			             o->code, o->won_now, o->capacity, o->over);
	}
	print_table(t, NULL);
	printf("%s\n", _("Won: as drawn; Now: the seats taken now (winners since the draw)."));
	for (size_t i = 0; i < over.n; i++)
		printf("%s\n", over.v[i]);
	strlist_clear(&over);
}

enum { RUN_SEED, RUN_REDRAW, RUN_EARLY };

/* sumaho lottery run OFFERING... [--seed HEX] [--redraw] [--early] */
static int
cmd_run(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	struct lottery_round r;
	struct lottery_config cfg = app_lottery_config(app);
	int flags = (a->value[RUN_REDRAW] != NULL ? LOTTERY_REDRAW : 0) |
	            (a->value[RUN_EARLY] != NULL ? LOTTERY_EARLY : 0);

	if (lottery_run(app->db, a->argv, (size_t)a->argc, a->value[RUN_SEED], flags, &cfg, &r,
	                &cause) != 0) {
		warnx_("%s", _("nothing was drawn"));
		return fail_with(cause);
	}
	print_round(&r);
	lottery_round_free(&r);
	return EXIT_OK;
}

/* The draw of an offering into *r; 0, or EXIT_FAIL after a message. */
static int
round_of(struct app *app, const char *offering, struct lottery_round *r)
{
	char *cause = NULL;
	int rc = lottery_round_of(app->db, offering, r, &cause);

	if (rc == 1) {
		free(cause);
		cause = lottery_undrawn(app->db, offering);
	}
	return rc == 0 ? 0 : fail_with(cause);
}

/* sumaho lottery show|verify OFFERING */
static int
cmd_show(struct app *app, const struct cli_args *a)
{
	struct lottery_round r;
	struct strlist problems = {0}, notes = {0};
	char *cause = NULL;
	int rc;

	if (round_of(app, a->argv[0], &r) != 0)
		return EXIT_FAIL;
	print_round(&r);
	if (strcmp(a->word, "verify") != 0) {
		lottery_round_free(&r);
		return EXIT_OK;
	}
	rc = lottery_verify(app->db, r.id, &problems, &notes, &cause);
	lottery_round_free(&r);
	if (rc < 0) {
		strlist_clear(&notes);
		return fail_with(cause);
	}
	for (size_t i = 0; i < notes.n; i++)
		printf(_("Note: %s\n"), notes.v[i]);
	if (rc == 0)
		printf(_("Verified: every result follows from the seed and the recorded "
		         "applications.\n"));
	else {
		for (size_t i = 0; i < problems.n && i < 50; i++)
			warnx_("%s", problems.v[i]);
		warnx_(P_("%zu problem: the draw does not verify",
		          "%zu problems: the draw does not verify", problems.n),
		       problems.n);
	}
	strlist_clear(&problems);
	strlist_clear(&notes);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

enum { EXPORT_FORMAT, EXPORT_ENCODING, EXPORT_OUTPUT, EXPORT_HEADINGS };

/* sumaho lottery export OFFERING [--format csv|list] [--encoding ENC] [--headings en|ja]
 * [-o FILE] */
static int
cmd_export(struct app *app, const struct cli_args *a)
{
	static const char *const formats[] = {"csv", "list", NULL};
	static const char *const headings[] = {"en", "ja", NULL};
	const char *heading = a->value[EXPORT_HEADINGS] ? a->value[EXPORT_HEADINGS] : "en";
	const char *format = a->value[EXPORT_FORMAT] ? a->value[EXPORT_FORMAT] : "csv",
	           *path = a->value[EXPORT_OUTPUT], *offering = a->argv[0];
	enum csv_encoding enc = CSV_UTF8;
	char *cause = NULL, *tmp;
	struct lottery_round r;
	int rc = EXIT_OK;

	if ((a->value[EXPORT_ENCODING] != NULL &&
	     encoding_option(a->value[EXPORT_ENCODING], &enc) != 0) ||
	    choice_option(format, formats) != 0 || choice_option(heading, headings) != 0)
		return EXIT_USAGE;
	if (strcmp(heading, "ja") == 0 && strcmp(format, "csv") != 0) {
		warnx_("%s", _("--headings ja is for the CSV"));
		return EXIT_USAGE;
	}
	if (round_of(app, offering, &r) != 0)
		return EXIT_FAIL;
	/* Names and phone numbers: a file only its owner reads, renamed into place when whole. */
	FILE *out = cli_output_open(path, &tmp);

	if (out == NULL) {
		lottery_round_free(&r);
		return EXIT_FAIL;
	}
	if (strcmp(format, "csv") == 0) {
		/* The English columns are the verifier's input; the Japanese the mail merge's. */
		struct table *t = strcmp(heading, "ja") == 0
		                      ? notices_merge_table(app->db, r.id, &cause)
		                      : lottery_export(app->db, r.id, &cause);

		if (t == NULL || table_write_csv(t, out, enc, &cause) != 0)
			rc = fail_with(cause);
		table_free(t);
	} else {
		struct strlist lines = {0};

		fprintf(out, "%s\n\n", offering);
		if (lottery_session_lists(app->db, offering, app->settings.date_style, 200, &lines,
		                          &cause) != 0)
			rc = fail_with(cause);
		else
			for (size_t i = 0; i < lines.n; i++)
				fprintf(out, "%s\n", lines.v[i]);
		strlist_clear(&lines);
	}
	lottery_round_free(&r);
	return cli_output_close(out, path, tmp, rc);
}

/* sumaho lottery cancel OFFERING PERSON */
static int
cmd_cancel(struct app *app, const struct cli_args *a)
{
	char *cause = NULL, *offered = NULL;
	struct lottery_config cfg = app_lottery_config(app);

	if (lottery_cancel(app->db, a->argv[0], a->argv[1], &cfg, &offered, &cause) != 0)
		return fail_with(cause);
	printf(_("%s: the application of %s is cancelled\n"), a->argv[0], a->argv[1]);
	if (offered != NULL)
		printf(_("%s: the seat is offered to %s, the next on the waiting list; record the "
		         "calls with sumaho lottery call\n"),
		       a->argv[0], offered);
	free(offered);
	return EXIT_OK;
}

/* sumaho lottery confirm OFFERING PERSON */
static int
cmd_confirm(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	struct lottery_config cfg = app_lottery_config(app);
	int rc = lottery_confirm(app->db, a->argv[0], a->argv[1], &cfg, &cause);

	if (rc < 0)
		return fail_with(cause);
	printf(rc == 0 ? _("%s: %s has confirmed the seat\n")
	               : _("%s: %s had confirmed the seat already\n"),
	       a->argv[0], a->argv[1]);
	return EXIT_OK;
}

/* sumaho lottery expire OFFERING... */
static int
cmd_expire(struct app *app, const struct cli_args *a)
{
	struct lottery_config cfg = app_lottery_config(app);

	for (int i = 0; i < a->argc; i++) {
		struct strlist lines = {0};
		char *cause = NULL;
		struct lottery_expiry done;
		int n = lottery_expire(app->db, a->argv[i], &cfg, &lines, &done, &cause);

		for (size_t k = 0; k < lines.n; k++)
			printf("%s\n", lines.v[k]);
		strlist_clear(&lines);
		if (n < 0)
			return fail_with(cause);
		if (n == 0)
			printf(_("%s: no deadline has passed; no seat released\n"), a->argv[i]);
		else if (done.offered == n)
			printf(P_("%s: %d seat released and offered to the waiting list\n",
			          "%s: %d seats released and offered to the waiting list\n", n),
			       a->argv[i], n);
		else
			printf(P_("%s: %d seat released: %d offered to the waiting list, %d left "
			          "empty\n",
			          "%s: %d seats released: %d offered to the waiting list, %d left "
			          "empty\n",
			          n),
			       a->argv[i], n, done.offered, n - done.offered);
	}
	return EXIT_OK;
}

/* sumaho lottery calls OFFERING: the call list and the calls made. */
static int
cmd_calls(struct app *app, const struct cli_args *a)
{
	char *cause = NULL,
	     *by = lottery_confirm_by(app->db, a->argv[0], app->settings.confirm_days, &cause);
	struct table *t;

	if (cause != NULL)
		return fail_with(cause);
	if (by != NULL)
		printf(_("Winners confirm by %s.\n"), by);
	free(by);
	printf(_("Seats offered from the waiting list are held for %d hours.\n\n"),
	       app->settings.offer_hours);
	if ((t = lottery_calls(app->db, a->argv[0], &cause)) == NULL)
		return fail_with(cause);
	if (t->nrows == 0) {
		table_free(t);
		printf("%s\n", _("Nobody is on the waiting list."));
		return EXIT_OK;
	}
	print_table(t, NULL);
	if ((t = lottery_call_log(app->db, a->argv[0], NULL, &cause)) == NULL)
		return fail_with(cause);
	if (t->nrows > 0) {
		printf("\n%s\n", _("Calls made"));
		print_table(t, NULL);
	} else
		table_free(t);
	return EXIT_OK;
}

enum { CALL_RESULT };

/* sumaho lottery call OFFERING PERSON --result accepted|declined|no-answer|message */
static int
cmd_call(struct app *app, const struct cli_args *a)
{
	const char *result = a->value[CALL_RESULT];
	char *cause = NULL, *next = NULL;
	struct lottery_config cfg = app_lottery_config(app);

	if (result == NULL) {
		warnx_("%s", _("--result is needed: accepted, declined, no-answer or message"));
		return usage_error(a->cmd);
	}
	if (choice_option(result, lottery_call_results) != 0)
		return EXIT_USAGE;
	if (lottery_call(app->db, a->argv[0], a->argv[1], result, &cfg, &next, &cause) != 0)
		return fail_with(cause);
	if (strcmp(result, "accepted") == 0)
		printf(_("%s: %s accepts the seat and wins it\n"), a->argv[0], a->argv[1]);
	else if (strcmp(result, "declined") == 0)
		printf(_("%s: %s declines the seat and leaves the waiting list\n"), a->argv[0],
		       a->argv[1]);
	else
		printf(_("%s: the call to %s is recorded; the offer stays open\n"), a->argv[0],
		       a->argv[1]);
	if (next != NULL)
		printf(_("%s: the seat is offered to %s, the next on the waiting list\n"),
		       a->argv[0], next);
	free(next);
	return EXIT_OK;
}

enum { REINSTATE_OPT_OVER, REINSTATE_OPT_WAITING, REINSTATE_OPT_REVERT };

/* sumaho lottery reinstate OFFERING PERSON [--over-capacity|--waiting|--revert] */
static int
cmd_reinstate(struct app *app, const struct cli_args *a)
{
	static const enum lottery_reinstate_how hows[] = {REINSTATE_OVER, REINSTATE_WAITING,
	                                                  REINSTATE_REVERT};
	enum lottery_reinstate_how how = REINSTATE_ASK;
	struct lottery_reinstated r;
	char *cause = NULL;
	int given = 0;

	for (int i = 0; i < 3; i++)
		if (a->value[i] != NULL) {
			how = hows[i];
			given++;
		}
	if (given > 1)
		return usage_error(a->cmd);
	/* Reception puts its own mistake right; a seat someone else holds is a coordinator's. */
	if (how != REINSTATE_ASK && !staff_may(app->role, ROLE_BIT_COORDINATOR)) {
		warnx_("%s", _("only a coordinator may give a seat over the capacity, a place "
		               "before the waiting list or a seat taken back"));
		return EXIT_FAIL;
	}
	struct lottery_config cfg = app_lottery_config(app);
	int rc = lottery_reinstate(app->db, a->argv[0], a->argv[1], how, &cfg, &r, &cause);

	if (rc == 1) {
		lottery_reinstated_free(&r);
		fail_with(cause);
		warnx_("%s", _("nothing was changed: give --over-capacity, --waiting or --revert"));
		return EXIT_FAIL;
	}
	if (rc != 0)
		return fail_with(cause);
	char *label = lottery_result_label(r.status, r.position, "");

	printf(_("%s: the application of %s is reinstated: %s"), a->argv[0], a->argv[1], label);
	if (r.session != NULL)
		printf(_(", session %s"), r.session);
	if (r.over)
		printf("%s", _(", a seat over the capacity"));
	putchar('\n');
	if (how == REINSTATE_REVERT && r.holder != NULL && r.holder_position > 0)
		printf(_("%s: %s gives the seat back and is number %d on the waiting list\n"),
		       a->argv[0], r.holder, r.holder_position);
	if (r.withdrawn && r.offered != NULL)
		printf(
		    _("%s: the seat offered to %s is withdrawn; they stay on the waiting list\n"),
		    a->argv[0], r.offered);
	free(label);
	lottery_reinstated_free(&r);
	return EXIT_OK;
}

enum { APPLY_CHOICE, APPLY_CHANNEL };

/* sumaho apply OFFERING PERSON [--choice N] [--channel counter|phone|postcard|online] */
static int
cmd_apply(struct app *app, const struct cli_args *a)
{
	static const char *const channels[] = {"counter", "phone", "postcard", "online", NULL};
	const char *channel = a->value[APPLY_CHANNEL] ? a->value[APPLY_CHANNEL] : "counter";
	long choice = 1;
	char *cause = NULL, *why = NULL;
	struct person p;

	if ((a->value[APPLY_CHOICE] != NULL &&
	     number_option("--choice", a->value[APPLY_CHOICE], 1, 9, &choice) != 0) ||
	    choice_option(channel, channels) != 0)
		return EXIT_USAGE;
	if (cli_person(app, a->argv[1], &p) != 0)
		return EXIT_FAIL;
	struct lottery_config cfg = app_lottery_config(app);

	if (lottery_apply(app->db, a->argv[0], p.id, (int)choice, channel, &app->today, &cfg, &why,
	                  &cause) != 0) {
		person_free(&p);
		warnx_("%s", _("no application was recorded"));
		return fail_with(cause);
	}
	if (why != NULL)
		printf(_("Recorded as ineligible: %s, %s (%s)\n"), a->argv[0], p.name, why);
	else
		printf(_("Application recorded: %s, %s (%s), choice %ld\n"), a->argv[0], p.name,
		       p.code, choice);
	free(why);
	person_free(&p);
	return EXIT_OK;
}

static const struct cli_option reinstate_options[] = {
    {"over-capacity", 0, 0}, {"waiting", 0, 0}, {"revert", 0, 0}, {NULL, 0, 0}};
static const struct cli_option run_options[] = {
    {"seed", 0, 1}, {"redraw", 0, 0}, {"early", 0, 0}, {NULL, 0, 0}};
static const struct cli_option export_options[] = {
    {"format", 0, 1}, {"encoding", 0, 1}, {"output", 'o', 1}, {"headings", 0, 1}, {NULL, 0, 0}};
static const struct cli_option call_options[] = {{"result", 0, 1}, {NULL, 0, 0}};
static const struct cli_option apply_options[] = {
    {"choice", 0, 1}, {"channel", 0, 1}, {NULL, 0, 0}};

#define C ROLE_BIT_COORDINATOR

const struct cli_command cli_lottery_commands[] = {
    {"apply", N_("OFFERING PERSON [--choice N] [--channel counter|phone|postcard|online]"),
     N_("enter an application at the counter (an ineligible one is kept, with the reason)"),
     apply_options, 2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_apply, NULL, NULL},
    {"lottery run", N_("OFFERING... [--seed HEX] [--redraw] [--early]"),
     N_("draw the offerings as one round; a person wins at most one seat; --early before an "
        "application window closes"),
     run_options, 1, -1, CLI_DB_EXISTING, C, cmd_run, NULL, NULL},
    {"lottery show|verify", N_("OFFERING"),
     N_("show a draw, or recompute it from its seed and check every result and the seats"), NULL, 1,
     1, CLI_DB_EXISTING, 0, cmd_show, NULL, NULL},
    {"lottery export",
     N_("OFFERING [--format csv|list] [--encoding utf-8|utf-8-bom|cp932] [--headings en|ja] "
        "[-o FILE]"),
     N_("the draw's entries as CSV (for checking; --headings ja for the mail merge), or the lists "
        "per session"),
     export_options, 1, 1, CLI_DB_EXISTING, C, cmd_export, NULL, NULL},
    {"lottery cancel", N_("OFFERING PERSON"),
     N_("cancel an application; a winner's seat is offered to the next on the waiting list"), NULL,
     2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_cancel, NULL, NULL},
    {"lottery reinstate", N_("OFFERING PERSON [--over-capacity|--waiting|--revert]"),
     N_("reinstate an application cancelled by mistake; when its seat is taken from the "
        "waiting list, choose a seat over the capacity, first on the waiting list, or the seat "
        "back (an offer withdrawn, or from the one who accepted it, not yet attended)"),
     reinstate_options, 2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_reinstate, NULL, NULL},
    {"lottery confirm", N_("OFFERING PERSON"),
     N_("record that a winner confirmed their seat (by the draw's day + [lottery] confirm_days)"),
     NULL, 2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_confirm, NULL, NULL},
    {"lottery expire", N_("OFFERING..."),
     N_("pass the deadlines: offers not taken and seats not confirmed go to the next waiting"),
     NULL, 1, -1, CLI_DB_EXISTING, C, cmd_expire, NULL, NULL},
    {"lottery calls", N_("OFFERING"),
     N_("the call list: the waiting list in order with phones, offers and the calls made"), NULL, 1,
     1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_calls, NULL, NULL},
    {"lottery call", N_("OFFERING PERSON --result accepted|declined|no-answer|message"),
     N_("record a phone call about a seat offered; accepted wins it, declined passes it on"),
     call_options, 2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | C, cmd_call, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
