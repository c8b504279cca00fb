/* tui/screens/lottery.c: the Lotteries screen: offerings, their applications, entries at the
 * counter, draws (several offerings as one round), verification, confirmations, cancellations whose
 * seats are offered to the waiting list, the call list, and exports, as sumaho apply and
 * sumaho lottery do. */
#include "config.h"
#include "tui/screens/lottery.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/i18n.h"
#include "models/lottery/lottery.h"
#include "models/notices/notices.h"
#include "models/people/people.h"
#include "models/staff/staff.h"
#include "models/formats/table.h"
#include "models/staff/staff.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/app.h"
#include "tui/screens/periods.h"
#include "tui/screens/setup.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* Write what fill produces to a file the user names; the message says what happened. */
static char *
export_file(struct app *app, const char *offering, int list)
{
	char *initial = xasprintf(list ? "%s-lists.txt" : "%s-draw.csv", offering);
	char *path = screen_prompt(list ? _("Write the lists per session to:")
	                                : _("Write the draw (CSV for the mail merge) to:"),
	                           initial);
	char *cause = NULL, *msg;
	struct lottery_round r;
	FILE *f;

	free(initial);
	if (path == NULL || *path == '\0') {
		free(path);
		return NULL;
	}
	if (lottery_round_of(app->db, offering, &r, &cause) != 0) {
		free(path);
		msg = cause ? cause : lottery_undrawn(app->db, offering);
		return msg;
	}
	/* Names and phone numbers: the file is the user's only. */
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		msg = xasprintf(_("%s: cannot write: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp);
		goto out;
	}
	int ok;

	if (list) {
		struct strlist lines = {0};

		fprintf(f, "%s\n\n", offering);
		ok = lottery_session_lists(app->db, offering, app->settings.date_style, 100, &lines,
		                           &cause) == 0;
		for (size_t i = 0; i < lines.n; i++)
			fprintf(f, "%s\n", lines.v[i]);
		strlist_clear(&lines);
	} else {
		struct table *t = lottery_export(app->db, r.id, &cause);

		ok = t != NULL && table_write_csv(t, f, CSV_UTF8_BOM, &cause) == 0;
		table_free(t);
	}
	if (fclose(f) != 0 && ok) {
		ok = 0;
		cause = xasprintf(_("%s: cannot write: %s"), path, strerror(errno));
	}
	if (ok && rename(tmp, path) == 0)
		msg = xasprintf(_("Written to %s"), path);
	else {
		unlink(tmp);
		msg = cause ? xstrdup(cause)
		            : xasprintf(_("%s: cannot write: %s"), path, strerror(errno));
	}
out:
	free(cause);
	free(tmp);
	free(path);
	lottery_round_free(&r);
	return msg;
}

/* Write the notices of an offering's draw to a PDF the user names (postcards, each in its
 * reader's language, every applicant); the message says how many and where. */
static char *
notices_file(struct app *app, const char *offering)
{
	char *initial = xasprintf("%s-notices.pdf", offering);
	char *path =
	    screen_prompt(_("Write the notices (PDF, a postcard an applicant) to:"), initial);
	char *cause = NULL, *msg, *where;
	char *const codes[] = {(char *)offering};
	long pages = 0;

	free(initial);
	if (path == NULL || *path == '\0') {
		free(path);
		return NULL;
	}
	if (app_notices_write(app, codes, 1, NOTICES_ALL, NOTICES_POSTCARD, NULL, path, &pages,
	                      &cause) != 0) {
		msg = xasprintf(_("No notices were written: %s"), cause);
		free(cause);
		free(path);
		return msg;
	}
	where = realpath(path, NULL);
	msg = xasprintf(P_("%ld notice written to %s", "%ld notices written to %s", pages), pages,
	                where != NULL ? where : path);
	free(where);
	free(path);
	return msg;
}

/* Why the offerings are not drawn when one of them holds results recorded without a draw
 * (a new string, said before anything is asked), or NULL. */
static char *
recorded_among(struct app *app, char **codes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lottery_results_recorded(app->db, codes[i], NULL) == 1)
			return lottery_recorded_refusal(codes[i]);
	return NULL;
}

/* Draw the offerings (one round); the message says how it went. Before an application window
 * closes, the question says so and names the day. */
static char *
draw(struct app *app, char **codes, size_t n, int redraw)
{
	struct lottery_config cfg = app_lottery_config(app);
	struct lottery_round r;
	char *cause = NULL, *q, *open = NULL, *closes = NULL,
	     *refused = recorded_among(app, codes, n);

	if (refused != NULL)
		return refused;
	int early = lottery_window_open(app->db, codes, n, &open, &closes, &cause);

	if (early < 0) {
		char *m = xasprintf(_("Not drawn: %s"), cause);

		free(cause);
		return m;
	}
	if (early)
		q = n > 1    ? xasprintf(_("Early: %s closes %s. Draw all %zu now, as one round?"),
		                         open, closes, n)
		    : redraw ? xasprintf(_("Early: %s closes %s. Draw it again now?"), open, closes)
		             : xasprintf(_("Early: %s closes %s. Draw it now?"), open, closes);
	else
		q = n == 1 ? xasprintf(redraw ? _("Draw %s again? The earlier draw is kept in the "
		                                  "history.")
		                              : _("Draw %s now?"),
		                       codes[0])
		           : xasprintf(_("Draw these %zu offerings now, as one round?"), n);
	free(open);
	free(closes);
	int yes = ui_confirm(q);

	free(q);
	if (!yes)
		return NULL;
	if (lottery_run(app->db, codes, n, NULL,
	                (redraw ? LOTTERY_REDRAW : 0) | (early ? LOTTERY_EARLY : 0), &cfg, &r,
	                &cause) != 0) {
		char *m = xasprintf(_("Not drawn: %s"), cause);

		free(cause);
		return m;
	}
	long won = 0, waiting = 0, lost = 0;

	for (size_t i = 0; i < r.n; i++) {
		won += r.v[i].won;
		waiting += r.v[i].waiting;
		lost += r.v[i].lost;
	}
	char *m = xasprintf(_("Drawn: %ld won, %ld waiting, %ld lost. Seed %.16s…"), won, waiting,
	                    lost, r.seed);

	lottery_round_free(&r);
	return m;
}

/* The page of one offering. */
struct offering {
	const char *code;
	struct ui_table_view view; /* its applications */
	struct lottery_round r;    /* its draw, when drawn */
	int drawn;
	int recorded;     /* not drawn, but holding results recorded (lottery_results_recorded) */
	char *confirm_by; /* the last day winners confirm, or NULL */
	char *msg;
	struct ui_undo undo; /* z right after a cancellation: code the offering, person the code */
};

/* Say m (owned), when there is something to say. */
static void
say(char **msg, char *m)
{
	if (m == NULL)
		return;
	free(*msg);
	*msg = m;
}

static void
offering_load(struct app *app, void *state)
{
	struct offering *o = state;
	char *cause = NULL;
	struct table *t;

	lottery_round_free(&o->r);
	o->drawn = lottery_round_of(app->db, o->code, &o->r, NULL) == 0;
	o->recorded = !o->drawn && lottery_results_recorded(app->db, o->code, NULL) == 1;
	free(o->confirm_by);
	o->confirm_by = lottery_confirm_by(app->db, o->code, app->settings.confirm_days, NULL);
	t = lottery_applications(app->db, o->code, &cause);
	ui_table_view_set(&o->view, t, cause);
	if (t == NULL)
		say(&o->msg, xstrdup(o->view.error));
	free(cause);
}

static void
offering_draw(struct app *app, void *state)
{
	struct offering *o = state;
	const struct lottery_offering *lo = NULL;
	size_t nrows = ui_table_view_rows(&o->view);
	char *s;

	app_title(app, _("Lotteries"));
	for (size_t i = 0; i < o->r.n; i++)
		if (strcmp(o->r.v[i].code, o->code) == 0)
			lo = &o->r.v[i];
	screen_text(2, 2, o->code, COLS - 4, 0, ROLE_HEADER);
	if (o->drawn && lo != NULL) {
		s = xasprintf(o->r.early ? _("Drawn early (before applications closed) %s by %s; "
		                             "seed %.16s…")
		                         : _("Drawn %s by %s; seed %.16s…"),
		              o->r.run_at, o->r.run_by, o->r.seed);
		screen_text(3, 2, s, COLS - 4, 0, ROLE_NORMAL);
		free(s);
		s = o->confirm_by != NULL
		        ? xasprintf(
		              _("%ld applicants for %d seats: %ld won, %ld waiting, %ld lost; "
		                "winners confirm by %s"),
		              lo->applicants, lo->capacity, lo->won, lo->waiting, lo->lost,
		              o->confirm_by)
		        : xasprintf(
		              _("%ld applicants for %d seats: %ld won, %ld waiting, %ld lost"),
		              lo->applicants, lo->capacity, lo->won, lo->waiting, lo->lost);
	} else if (o->recorded)
		s = xasprintf(P_("Results recorded without a draw (imported): %zu application",
		                 "Results recorded without a draw (imported): %zu applications",
		                 nrows),
		              nrows);
	else
		s = xasprintf(
		    P_("Not drawn yet: %zu application", "Not drawn yet: %zu applications", nrows),
		    nrows);
	screen_text(o->drawn && lo != NULL ? 4 : 3, 2, s, COLS - 4, 0, ROLE_NORMAL);
	free(s);
	if (nrows == 0)
		screen_text(6, 2, _("No applications yet: a enters one."), COLS - 4, 0, ROLE_DIM);
	else {
		ui_table_view_draw(&o->view, 6, LINES - 6, 3, NULL);
		ui_table_view_status(&o->view, LINES - 6, 3, NULL);
	}
	ui_message_undo(LINES - 5, o->msg, 1, o->undo.label);
}

/* a: an application at the counter. */
static enum ui_next
offering_apply(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	struct person p;
	char *title = xasprintf(_("Application to %s"), o->code), *m = NULL, *refused = NULL;

	(void)ch;
	/* Said at once, before anyone is looked for, when the offering takes none today. */
	if (lottery_apply_check(app->db, o->code, &app->today, app->actor, &refused) != 0)
		m = xasprintf(_("Not recorded: %s"), refused ? refused : "");
	else if (ui_pick_person(app, _("Lotteries"), title, &p) == 0) {
		char *c = screen_prompt_narrow(_("Choice (1 = first choice):"), "1");
		struct lottery_config cfg = app_lottery_config(app);
		char *why = NULL, *cause = NULL;

		if (c != NULL) {
			int choice = atoi(c);

			if (lottery_apply(app->db, o->code, p.id, choice, "counter", &app->today,
			                  &cfg, &why, &cause) != 0)
				m = xasprintf(_("Not recorded: %s"), cause);
			else if (why != NULL)
				m = xasprintf(_("Recorded as ineligible: %s (%s)"), p.name, why);
			else
				m = xasprintf(_("Application recorded: %s, choice %d"), p.name,
				              choice);
		} else
			/* Esc at the choice: the person (perhaps just registered) stays, with
			 * no application, and the clerk is told so. */
			m = xasprintf(_("No application recorded for %s (%s)."), p.name, p.code);
		free(c);
		free(why);
		free(cause);
		person_free(&p);
	}
	free(refused);
	free(title);
	say(&o->msg, m);
	return UI_RELOAD;
}

/* c: cancel the chosen application; the seat is offered to the next on the waiting list. */
static enum ui_next
offering_cancel(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	const char *person = ui_table_view_key(&o->view);
	char *q, *m = NULL, *cause = NULL;

	(void)ch;
	if (person == NULL)
		return UI_STAY;
	/* The person's name, for the undo's words, while the row is there. */
	char *name = o->view.t && o->view.pos.cur < o->view.t->nrows
	                 ? xstrdup(o->view.t->cells[o->view.pos.cur * o->view.t->ncols + 1])
	                 : xstrdup(person);
	char *code = xstrdup(person);

	q = xasprintf(_("Cancel the application of %s?"), person);
	if (ui_confirm(q)) {
		char *promoted = NULL, *reason;
		int asked = periods_reason_begin(app, NULL, o->code, &reason);
		struct lottery_config cfg = app_lottery_config(app);

		if (asked != 0)
			m = xstrdup(_("Not cancelled: no reason was given."));
		else if (lottery_cancel(app->db, o->code, person, &cfg, &promoted, &cause) != 0)
			m = xasprintf(_("Not cancelled: %s"), cause);
		else if (promoted != NULL)
			m = xasprintf(_("Cancelled. The seat is offered to %s, the next on the "
			                "waiting list: l shows the call list."),
			              promoted);
		else
			m = xstrdup(_("Cancelled."));
		if (asked == 0 && cause == NULL) {
			char *what = xasprintf("%s %s", name, o->code);

			ui_undo_offer(&o->undo, xasprintf(_("z: undo the cancellation (%s)"), what),
			              0, 0, o->code, code);
			free(what);
		}
		periods_reason_end(app, reason);
		free(promoted);
	}
	free(name);
	free(code);
	free(q);
	free(cause);
	say(&o->msg, m);
	return UI_RELOAD;
}

/* z: reinstate the application just cancelled; when its seat went to the waiting list, the
 * coordinator chooses how (nobody loses a seat unasked). */
static enum ui_next
offering_undo(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	struct lottery_config cfg = app_lottery_config(app);
	struct lottery_reinstated r;
	char *cause = NULL, *reason, *m;
	char *person = o->undo.person ? xstrdup(o->undo.person) : NULL;
	int rc;

	(void)ch;
	ui_undo_clear(&o->undo);
	if (person == NULL)
		return UI_STAY;
	if (periods_reason_begin(app, NULL, o->code, &reason) != 0) {
		say(&o->msg, xstrdup(_("Not reinstated: no reason was given.")));
		free(person);
		return UI_RELOAD;
	}
	rc = lottery_reinstate(app->db, o->code, person, REINSTATE_ASK, &cfg, &r, &cause);
	if (rc == 1 && !staff_may(app->role, ROLE_BIT_COORDINATOR)) {
		/* Someone else's seat is a coordinator's to decide. */
		lottery_reinstated_free(&r);
		m = xasprintf(_("Not reinstated: %s (a coordinator decides)"), cause);
		free(cause);
		periods_reason_end(app, reason);
		free(person);
		say(&o->msg, m);
		return UI_RELOAD;
	}
	if (rc == 1) {
		enum lottery_reinstate_how hows[3] = {REINSTATE_OVER, REINSTATE_WAITING,
		                                      REINSTATE_REVERT};
		char *items[3] = {
		    xstrdup(_("A seat over the capacity")), xstrdup(_("First on the waiting list")),
		    r.offered  ? xasprintf(_("The seat back: withdraw the offer to %s"), r.offered)
		    : r.holder ? xasprintf(_("The seat back from %s (only if not told "
		                             "yet), who waits again where they waited"),
		                           r.holder)
		               : NULL};
		int k = ui_choose(app, _("Lotteries"), cause, _("Reinstate how?"), items,
		                  r.holder || r.offered ? 3 : 2);

		for (int i = 0; i < 3; i++)
			free(items[i]);
		lottery_reinstated_free(&r);
		free(cause);
		cause = NULL;
		rc = k < 0 ? 2
		           : lottery_reinstate(app->db, o->code, person, hows[k], &cfg, &r, &cause);
	}
	periods_reason_end(app, reason);
	if (rc == 2)
		m = xstrdup(_("Not reinstated: nothing was chosen."));
	else if (rc != 0)
		m = xasprintf(_("Not reinstated: %s"), cause);
	else {
		char *label = lottery_result_label(r.status, r.position, "");

		m = r.withdrawn && r.offered != NULL
		        ? xasprintf(_("Reinstated: %s, %s. The seat offered to %s is withdrawn; "
		                      "they stay on the waiting list."),
		                    person, label, r.offered)
		    : r.holder_position > 0
		        ? xasprintf(_("Reinstated: %s, %s. %s is number %d on the waiting list."),
		                    person, label, r.holder, r.holder_position)
		        : xasprintf(r.over ? _("Reinstated: %s, %s, a seat over the capacity.")
		                           : _("Reinstated: %s, %s."),
		                    person, label);
		free(label);
		lottery_reinstated_free(&r);
	}
	free(cause);
	free(person);
	say(&o->msg, m);
	return UI_RELOAD;
}

/* d draws (once), R draws again. */
static enum ui_next
offering_draw_key(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	char *codes[1] = {(char *)o->code};

	if (ch == 'd' && o->drawn)
		say(&o->msg, xasprintf(_("%s has been drawn already: R draws it again (the earlier "
		                         "draw is kept in the history)."),
		                       o->code));
	else if (o->recorded)
		say(&o->msg, lottery_recorded_refusal(o->code));
	else
		say(&o->msg, draw(app, codes, 1, ch == 'R'));
	return UI_RELOAD;
}

static enum ui_next
offering_verify(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	struct strlist problems = {0};
	char *cause = NULL;
	int v = o->drawn ? lottery_verify(app->db, o->r.id, &problems, NULL, &cause) : -1;

	(void)ch;
	say(&o->msg, !o->drawn ? lottery_undrawn(app->db, o->code)
	             : v == 0  ? xstrdup(_("Verified: every result follows from the seed and the "
	                                    "recorded applications."))
	             : v > 0   ? xasprintf(_("Verification failed: %s"), problems.v[0])
	                       : xasprintf(_("Cannot verify: %s"), cause));
	strlist_clear(&problems);
	free(cause);
	return UI_RELOAD;
}

/* x: the draw as CSV; p: the lists per session. */
static enum ui_next
offering_export(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;

	say(&o->msg, export_file(app, o->code, ch == 'p'));
	return UI_RELOAD;
}

/* w: the notices of the offering as a PDF. */
static enum ui_next
offering_notices(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;

	(void)ch;
	say(&o->msg, notices_file(app, o->code));
	return UI_RELOAD;
}

/* f: the chosen winner confirms their seat. */
static enum ui_next
offering_confirm(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	const char *person = ui_table_view_key(&o->view);
	struct lottery_config cfg = app_lottery_config(app);
	char *cause = NULL, *reason;
	int rc;

	(void)ch;
	if (person == NULL)
		return UI_STAY;
	if (periods_reason_begin(app, NULL, o->code, &reason) != 0) {
		say(&o->msg, xstrdup(_("Not confirmed: no reason was given.")));
		return UI_RELOAD;
	}
	rc = lottery_confirm(app->db, o->code, person, &cfg, &cause);
	periods_reason_end(app, reason);
	say(&o->msg, rc < 0    ? xasprintf(_("Not confirmed: %s"), cause)
	             : rc == 0 ? xasprintf(_("%s has confirmed the seat."), person)
	                       : xasprintf(_("%s had confirmed the seat already."), person));
	free(cause);
	return UI_RELOAD;
}

/* The call list: the waiting list in order, with phones, offers and calls. */
struct calls {
	const char *code;
};

static struct table *
calls_load(struct app *app, void *arg, char **cause)
{
	return lottery_calls(app->db, ((struct calls *)arg)->code, cause);
}

/* a, d, n, m: record a call to the chosen person about the seat offered to them. */
static enum ui_next
calls_record(struct app *app, void *state, wint_t ch)
{
	const struct calls *c = ((struct ui_table_screen *)state)->arg;
	const char *person = ui_table_screen_key(state);
	const char *result = ch == 'a'   ? "accepted"
	                     : ch == 'd' ? "declined"
	                     : ch == 'n' ? "no-answer"
	                                 : "message";
	struct lottery_config cfg = app_lottery_config(app);
	char *cause = NULL, *next = NULL, *q, *m, *reason;

	if (person == NULL)
		return UI_STAY;
	if (ch == 'a' || ch == 'd') {
		q = xasprintf(ch == 'a' ? _("%s accepts the seat and wins it?")
		                        : _("%s declines the seat and leaves the waiting list?"),
		              person);
		int yes = ui_confirm(q);

		free(q);
		if (!yes)
			return UI_STAY;
	}
	if (periods_reason_begin(app, NULL, c->code, &reason) != 0) {
		ui_table_screen_say(state, xstrdup(_("Not recorded: no reason was given.")));
		return UI_RELOAD;
	}
	if (lottery_call(app->db, c->code, person, result, &cfg, &next, &cause) != 0)
		m = xasprintf(_("Not recorded: %s"), cause);
	else if (ch == 'a')
		m = xasprintf(_("%s accepts the seat and wins it."), person);
	else if (next != NULL)
		m = xasprintf(_("%s declines. The seat is offered to %s, the next on the list."),
		              person, next);
	else if (ch == 'd')
		m = xasprintf(_("%s declines. Nobody else is waiting."), person);
	else
		m = xasprintf(_("The call to %s is recorded; the offer stays open."), person);
	periods_reason_end(app, reason);
	free(cause);
	free(next);
	ui_table_screen_say(state, m);
	return UI_RELOAD;
}

/* E: pass the deadlines that are past. */
static enum ui_next
calls_expire(struct app *app, void *state, wint_t ch)
{
	const struct calls *c = ((struct ui_table_screen *)state)->arg;
	struct lottery_config cfg = app_lottery_config(app);
	struct strlist lines = {0};
	struct lottery_expiry due, done;
	char *cause = NULL, *reason, *q;
	int n, yes;

	(void)ch;
	/* Say what passing the deadlines does before it is done: who loses a seat. */
	if (lottery_expire_due(app->db, c->code, cfg.confirm_days, &due, &cause) != 0) {
		ui_table_screen_say(state, xasprintf(_("Nothing released: %s"), cause));
		free(cause);
		return UI_RELOAD;
	}
	n = due.offers + due.winners;
	if (n == 0) {
		ui_table_screen_say(
		    state, xstrdup(_("No deadline has passed: nobody loses a seat or an offer.")));
		return UI_RELOAD;
	}
	if (due.winners > 0)
		q = xasprintf(
		    P_("Release %d seat (winners who did not confirm by %s: %d; offers not "
		       "answered in time: %d) and offer it to the next on the waiting list, if "
		       "anyone is waiting?",
		       "Release %d seats (winners who did not confirm by %s: %d; offers "
		       "not answered in time: %d) and offer each to the next on the waiting "
		       "list, while anyone is waiting?",
		       n),
		    n, due.confirm_by, due.winners, due.offers);
	else
		q = xasprintf(
		    P_("%d offer was not answered in time: it lapses, and the seat is offered "
		       "to the next on the waiting list if anyone is waiting. Go on?",
		       "%d offers were not answered in time: they lapse, and each seat is "
		       "offered to the next on the waiting list while anyone is waiting. Go on?",
		       n),
		    n);
	yes = ui_confirm(q);
	free(q);
	if (!yes)
		return UI_STAY;
	if (periods_reason_begin(app, NULL, c->code, &reason) != 0) {
		ui_table_screen_say(state, xstrdup(_("Nothing released: no reason was given.")));
		return UI_RELOAD;
	}
	n = lottery_expire(app->db, c->code, &cfg, &lines, &done, &cause);
	periods_reason_end(app, reason);
	if (n < 0)
		q = xasprintf(_("Nothing released: %s"), cause);
	else if (n == 0)
		q = xstrdup(_("No deadline has passed: nobody loses a seat or an offer."));
	else if (done.offered == n)
		q = xasprintf(P_("%d seat released and offered to the waiting list.",
		                 "%d seats released and offered to the waiting list.", n),
		              n);
	else
		q = xasprintf(
		    P_("%d seat released: %d offered to the waiting list, %d left empty.",
		       "%d seats released: %d offered to the waiting list, %d left empty.", n),
		    n, done.offered, n - done.offered);
	ui_table_screen_say(state, q);
	strlist_clear(&lines);
	free(cause);
	return UI_RELOAD;
}

/* The calls made about the offering's offers, oldest first. */
static void
calls_log_fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	const struct calls *c = arg;
	char *cause = NULL;
	struct table *t = lottery_call_log(app->db, c->code, NULL, &cause);

	if (t == NULL) {
		strlist_add(lines, cause);
		return;
	}
	if (t->nrows == 0)
		strlist_add(lines, xstrdup(_("No calls recorded yet.")));
	else
		table_format(t, width, lines);
	table_free(t);
}

static const struct ui_key calls_log_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    UI_KEYS_BACK_QUIT(0),
};

/* h: every call made, with its time, result and who called. */
static enum ui_next
calls_log(struct app *app, void *state, wint_t ch)
{
	struct calls *c = ((struct ui_table_screen *)state)->arg;
	char *title = xasprintf(_("Lotteries: calls made for %s"), c->code);
	struct ui_text_screen s = {
	    .title = title, .fill = calls_log_fill, UI_KEYS(calls_log_keys), .arg = c};
	int quit;

	(void)ch;
	quit = ui_text_screen_run(app, &s);
	free(title);
	return quit ? UI_QUIT : UI_RELOAD;
}

static const struct ui_key calls_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    {.ch = 'a', .hint = N_("a: accepted"), .run = calls_record},
    {.ch = 'd', .hint = N_("d: declined"), .run = calls_record},
    {.ch = 'n', .hint = N_("n: no answer"), .run = calls_record},
    {.ch = 'm', .hint = N_("m: message left"), .run = calls_record},
    {.ch = 'h', .hint = N_("h: calls made"), .line = 1, .run = calls_log},
    {.ch = 'E',
     .hint = N_("E: pass deadlines"),
     .line = 1,
     .run = calls_expire,
     .need = ROLE_BIT_COORDINATOR},
    UI_KEYS_BACK_QUIT(1),
};

/* l: the call list of the offering. */
static enum ui_next
offering_calls(struct app *app, void *state, wint_t ch)
{
	struct offering *o = state;
	struct calls c = {o->code};
	char *title = xasprintf(_("Lotteries: calls for %s"), o->code);
	struct ui_table_screen s = {
	    .title = title,
	    .empty = _("Nobody is on the waiting list."),
	    .load = calls_load,
	    UI_KEYS(calls_keys),
	    .arg = &c,
	};
	int quit;

	(void)ch;
	quit = ui_table_screen_run(app, &s);
	free(title);
	return quit ? UI_QUIT : UI_RELOAD;
}

static const struct ui_key offering_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    {.ch = 'a', .hint = N_("a: new application"), .run = offering_apply},
    {.ch = 'c', .hint = N_("c: cancel it"), .run = offering_cancel},
    /* Shown on the message line, with what it will do. */
    {.ch = UI_UNDO_KEY, .run = offering_undo},
    {.ch = 'f', .hint = N_("f: confirmed"), .run = offering_confirm},
    {.ch = 'd', .hint = N_("d: draw"), .line = 1, .run = offering_draw_key},
    {.ch = 'R', .hint = N_("R: draw again"), .line = 1, .run = offering_draw_key},
    {.ch = 'v', .hint = N_("v: verify the draw"), .line = 1, .run = offering_verify},
    {.ch = 'l', .hint = N_("l: call list"), .line = 1, .run = offering_calls},
    {.ch = 'x', .hint = N_("x: export CSV"), .line = 2, .run = offering_export},
    {.ch = 'p', .hint = N_("p: lists per session"), .line = 2, .run = offering_export},
    {.ch = 'w',
     .hint = N_("w: notices (PDF)"),
     .line = 2,
     .need = ROLE_BIT_COORDINATOR,
     .run = offering_notices},
    UI_KEYS_BACK_QUIT(2),
};

static const struct ui_screen offering_screen = {UI_KEYS(offering_keys),
                                                 .hint_lines = 3,
                                                 .load = offering_load,
                                                 .draw = offering_draw,
                                                 .pos = UI_POS(struct offering, view.pos),
                                                 .undo = UI_POS(struct offering, undo)};

/* The page of one offering; 0 back, 1 quit. */
static int
offering_run(struct app *app, const char *code)
{
	struct offering o;
	int quit;

	memset(&o, 0, sizeof o);
	o.code = code;
	quit = ui_screen_run(app, &offering_screen, &o);
	free(o.msg);
	ui_undo_clear(&o.undo);
	free(o.confirm_by);
	lottery_round_free(&o.r);
	ui_table_view_free(&o.view);
	return quit;
}

/* The offerings, some marked to be drawn as one round. */
struct offerings {
	struct ui_table_view view;
	unsigned char *marks;
	char *msg;
};

static void
offerings_load(struct app *app, void *state)
{
	struct offerings *l = state;
	char *cause = NULL;
	struct table *t = lottery_offerings(app->db, &app->today, &cause);

	ui_table_view_set(&l->view, t, cause);
	free(l->marks);
	l->marks = xcalloc(ui_table_view_rows(&l->view) + 1, 1);
	if (t == NULL)
		say(&l->msg, xstrdup(l->view.error));
	free(cause);
}

static void
offerings_draw(struct app *app, void *state)
{
	struct offerings *l = state;
	size_t nrows = ui_table_view_rows(&l->view), nmarked = 0;

	for (size_t i = 0; i < nrows; i++)
		nmarked += l->marks[i];
	app_title(app, _("Lotteries"));
	if (nrows == 0)
		screen_text(2, 2, _("No classes take applications yet: n adds an offering."),
		            COLS - 4, 0, ROLE_NORMAL);
	else if (nmarked == 0) {
		ui_table_view_draw(&l->view, 2, LINES - 5, 3, l->marks);
		ui_table_view_status(&l->view, LINES - 5, 3, NULL);
	} else {
		char *pos = xasprintf(
		    P_("%zu marked for one round", "%zu marked for one round", nmarked), nmarked);

		ui_table_view_draw(&l->view, 2, LINES - 5, 3, l->marks);
		ui_table_view_status(&l->view, LINES - 5, 3, pos);
		free(pos);
	}
	if (l->msg != NULL)
		ui_message(LINES - 4, l->msg, 1);
}

/* Space: mark the chosen offering for the round, and on to the next. */
static enum ui_next
offerings_mark(struct app *app, void *state, wint_t ch)
{
	struct offerings *l = state;
	size_t cur = l->view.pos.cur;

	(void)app, (void)ch;
	if (ui_table_view_rows(&l->view) == 0)
		return UI_STAY;
	l->marks[cur] = !l->marks[cur];
	if (cur + 1 < ui_table_view_rows(&l->view))
		l->view.pos.cur++;
	return UI_STAY;
}

static enum ui_next
offerings_open(struct app *app, void *state, wint_t ch)
{
	const char *code = ui_table_view_key(&((struct offerings *)state)->view);

	(void)ch;
	if (code == NULL)
		return UI_STAY;
	return offering_run(app, code) ? UI_QUIT : UI_RELOAD;
}

/* d: draw the marked offerings as one round, or the chosen one. */
static enum ui_next
offerings_draw_key(struct app *app, void *state, wint_t ch)
{
	struct offerings *l = state;
	size_t nrows = ui_table_view_rows(&l->view), n = 0;
	char **codes;

	(void)ch;
	if (nrows == 0)
		return UI_STAY;
	codes = xcalloc(nrows + 1, sizeof *codes);
	for (size_t i = 0; i < nrows; i++)
		if (l->marks[i])
			codes[n++] = (char *)table_key(l->view.t, i);
	if (n == 0)
		codes[n++] = (char *)ui_table_view_key(&l->view);
	/* Refused before anything is asked (results recorded without a draw): the marks stay. */
	char *refused = recorded_among(app, codes, n);

	if (refused != NULL) {
		say(&l->msg, refused);
		free(codes);
		return UI_STAY;
	}
	say(&l->msg, draw(app, codes, n, 0));
	free(codes);
	return UI_RELOAD;
}

/* n, e, c: a new offering, or edit or cancel the chosen one. */
static enum ui_next
offerings_change(struct app *app, void *state, wint_t ch)
{
	struct offerings *l = state;
	char *m;

	if (records_key(app, "offering", ui_table_view_key(&l->view), ch, &m) != 0)
		return UI_STAY;
	say(&l->msg, m);
	return UI_RELOAD;
}

/* w: the notices of the chosen offering as a PDF. */
static enum ui_next
offerings_notices(struct app *app, void *state, wint_t ch)
{
	struct offerings *l = state;
	const char *code = ui_table_view_key(&l->view);

	(void)ch;
	if (code != NULL)
		say(&l->msg, notices_file(app, code));
	return UI_RELOAD;
}

/* Space marks here: it does not page. */
static const struct ui_key offerings_keys[] = {
    UI_KEYS_MOVE_CODES(N_("Up/Down: choose"), 0),
    {.ch = 'k', .move = UI_UP},
    {.ch = 'j', .move = UI_DOWN},
    UI_KEYS_ENTER(N_("Enter: open"), 0, offerings_open),
    {.ch = ' ', .hint = N_("Space: mark"), .run = offerings_mark},
    {.ch = 'd', .hint = N_("d: draw (the marked as one round)"), .run = offerings_draw_key},
    {.ch = 'n', .hint = N_("n: new offering"), .line = 1, .run = offerings_change},
    {.ch = 'e', .hint = N_("e: edit"), .line = 1, .run = offerings_change},
    {.ch = 'c', .hint = N_("c: cancel"), .line = 1, .run = offerings_change},
    {.ch = 'w',
     .hint = N_("w: notices (PDF)"),
     .line = 1,
     .need = ROLE_BIT_COORDINATOR,
     .run = offerings_notices},
    UI_KEYS_BACK_QUIT(1),
};

static const struct ui_screen offerings_screen = {UI_KEYS(offerings_keys), .hint_lines = 2,
                                                  .load = offerings_load, .draw = offerings_draw,
                                                  .pos = UI_POS(struct offerings, view.pos)};

int
lottery_screen_run(struct app *app)
{
	struct offerings l;
	int quit;

	memset(&l, 0, sizeof l);
	quit = ui_screen_run(app, &offerings_screen, &l);
	free(l.msg);
	free(l.marks);
	ui_table_view_free(&l.view);
	return quit;
}
