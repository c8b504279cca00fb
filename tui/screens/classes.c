/* tui/screens/classes.c: the Classes section: the sessions, one chosen at a time; its page with a
 * QR code for a phone's calendar; export to .ics files. */
#include "config.h"
#include "tui/screens/classes.h"

#include <stdlib.h>
#include <string.h>

#include "tui/app.h"
#include "models/core/i18n.h"
#include "models/staff/staff.h"
#include "models/formats/ical.h"
#include "models/classes/classes.h"
#include "models/formats/qr.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/screens/setup.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* A message for the line above the keys; replaces the one before. */
struct note {
	char *text;
	enum role role;
};

static void
note_set(struct note *n, enum role role, char *owned)
{
	free(n->text);
	n->text = owned;
	n->role = role;
}

/* Ask for a file name and export the events f selects into it. */
static void
export_prompt(struct app *app, const struct ical_filter *f, const char *initial, struct note *n)
{
	char *path = screen_prompt(_("Export to file:"), initial), *cause = NULL;
	long count;

	if (path == NULL || *path == '\0') {
		note_set(n, ROLE_DIM, xstrdup(_("Export cancelled.")));
		free(path);
		return;
	}
	struct ical_config cfg = app_ical_config(app);

	if (ical_export_file(app->db, path, f, &cfg, &count, &cause) != 0) {
		note_set(n, ROLE_WARNING, xasprintf(_("Not exported: %s"), cause));
		free(cause);
	} else {
		/* Say where, in full: the screens may have been started from any directory. */
		char *full = realpath(path, NULL);

		note_set(
		    n, ROLE_NORMAL,
		    xasprintf(P_("Exported %ld event to %s", "Exported %ld events to %s", count),
		              count, full ? full : path));
		free(full);
	}
	free(path);
}

/* The quiet zone around a QR code: the four modules the standard asks for. */
#define QUIET 4

/* The page of one session. */
struct detail {
	const char *code;
	struct strlist info;
	struct note note;
	struct qr *event_qr, *url_qr;
	int show_url;
};

static void
detail_load(struct app *app, void *state)
{
	struct detail *d = state;
	char *cause = NULL;

	strlist_clear(&d->info);
	if (overview_session(app->db, d->code, app->settings.date_style, &app->today, &d->info,
	                     &cause) != 0)
		strlist_addf(&d->info, _("Cannot read the database: %s"), cause);
	free(cause);
}

static void
detail_draw(struct app *app, void *state)
{
	struct detail *d = state;
	const struct qr *q = d->show_url && d->url_qr ? d->url_qr : d->event_qr;
	/* The QR code in the form that scans everywhere (two cells a module) where it fits, else
	 * at half the size where the terminal draws half blocks one cell wide. To the right of
	 * the text when there is room, else below; alone on the page when it fits only so. */
	int full = 1, qw = 0, qh = 0, right = 0, alone = 0, fits = 0, textw, y = 2;

	for (; q != NULL; full = 0) {
		qw = screen_qr_cols(q, QUIET, full);
		qh = screen_qr_lines(q, QUIET, full);
		right = COLS - qw - 2 >= 40;
		fits = (right ? 2 : 2 + (int)d->info.n + 1) + qh + 1 <= LINES - 2 && qw + 4 <= COLS;
		alone = !fits && 2 + qh + 1 <= LINES - 2 && qw <= COLS;
		if (fits || !full || text_ambiguous_is_wide())
			break;
	}
	textw = right ? COLS - qw - 4 : COLS - 4;

	app_title(app, _("Class details"));
	for (size_t i = 0; i < d->info.n && y < LINES - 3 && !alone; i++)
		screen_text(y++, 2, d->info.v[i], textw, 0, i == 0 ? ROLE_HEADER : ROLE_NORMAL);
	if (q != NULL) {
		const char *what = d->show_url && d->url_qr
		                       ? _("Scan to open the application page.")
		                       : _("Scan to add this class to a phone's calendar.");
		int qy = right || alone ? 2 : y + 1, qx = alone   ? (COLS - qw) / 2
		                                          : right ? COLS - qw - 2
		                                                  : 2;

		if (fits || alone) {
			screen_qr(q, QUIET, full, qy, qx);
			screen_text(qy + qh, qx, what, qw > 30 ? qw : 30, 0, ROLE_DIM);
		} else {
			/* The size at which the code fits beside the text. */
			int tall = qh + 5 > (int)d->info.n + 5 ? qh + 5 : (int)d->info.n + 5;
			char *need = xasprintf(
			    _("Enlarge the window to %d x %d to see the QR code."), qw + 44, tall);

			screen_text(LINES - 3, 2, need, COLS - 4, 0, ROLE_DIM);
			free(need);
		}
	}
	if (d->note.text != NULL)
		screen_text(LINES - 2, 2, d->note.text, COLS - 4, 0, d->note.role);
}

static int
detail_has_url(struct app *app, void *state)
{
	(void)app;
	return ((struct detail *)state)->url_qr != NULL;
}

static int
detail_no_url(struct app *app, void *state)
{
	return !detail_has_url(app, state);
}

static enum ui_next
detail_toggle_url(struct app *app, void *state, wint_t ch)
{
	struct detail *d = state;

	(void)app, (void)ch;
	d->show_url = !d->show_url;
	return UI_STAY;
}

static enum ui_next
detail_rollcall(struct app *app, void *state, wint_t ch)
{
	(void)ch;
	if (rollcall_run(app, ((struct detail *)state)->code) != 0)
		return UI_QUIT;
	/* The page's applicant count and status may have changed. */
	return UI_RELOAD;
}

static enum ui_next
detail_export(struct app *app, void *state, wint_t ch)
{
	struct detail *d = state;
	struct ical_filter f = {0};
	char *initial = xasprintf("%s.ics", d->code);

	(void)ch;
	f.session = d->code;
	export_prompt(app, &f, initial, &d->note);
	free(initial);
	return UI_STAY;
}

/* x says less where u needs the room. */
static const struct ui_key detail_keys[] = {
    {.ch = 'r', .hint = N_("r: roll call"), .run = detail_rollcall},
    {.ch = 'x', .hint = N_("x: export"), .run = detail_export, .when = detail_has_url},
    {.ch = 'x', .hint = N_("x: export this class"), .run = detail_export, .when = detail_no_url},
    {.ch = 'u',
     .hint = N_("u: QR for the application page"),
     .run = detail_toggle_url,
     .when = detail_has_url},
    UI_KEYS_BACK_QUIT(0),
};

static const struct ui_screen detail_screen = {UI_KEYS(detail_keys), .hint_lines = 1,
                                               .load = detail_load, .draw = detail_draw};

/* The page of one session until the user goes back (0) or quits (1). */
static int
detail_run(struct app *app, const char *code)
{
	struct detail d = {.code = code};
	char *cause = NULL, *compact = NULL;
	int quit;

	/* A code on a screen is not scratched or folded: the smallest will do. A cancelled
	 * session has none: it is not to be added to anyone's calendar. */
	if (session_cancelled(app->db, code, NULL) == 0 &&
	    (compact = ical_compact_event(app->db, code, &cause)) != NULL)
		d.event_qr = qr_encode_ex(compact, 1, &cause);
	free(compact);
	free(cause);
	if (app->settings.application_url != NULL)
		d.url_qr = qr_encode_ex(app->settings.application_url, 1, NULL);
	quit = ui_screen_run(app, &detail_screen, &d);
	free(d.note.text);
	strlist_clear(&d.info);
	qr_free(d.event_qr);
	qr_free(d.url_qr);
	return quit;
}

/* The list of sessions. */
struct classes {
	struct ui_table_view view;
	struct note note;
	struct ui_undo undo; /* z right after a session was cancelled */
};

static void
classes_load(struct app *app, void *state)
{
	struct classes *c = state;

	/* Read as it is drawn: the rows in view and a margin. */
	ui_table_view_pages(&c->view, overview_sessions(app->db, app->settings.date_style), NULL);
}

static void
classes_draw(struct app *app, void *state)
{
	struct classes *c = state;
	size_t nrows = ui_table_view_rows(&c->view);

	app_title(app, _("Classes"));
	if (c->view.error != NULL)
		screen_text(2, 1, c->view.error, COLS - 2, 0, ROLE_WARNING);
	else if (nrows == 0)
		screen_text(2, 1, _("No class sessions yet."), COLS - 2, 0, ROLE_NORMAL);
	else
		ui_table_view_draw(&c->view, 2, LINES - 4, 1, NULL);
	if (c->undo.label != NULL) {
		/* One line: the undo says what was cancelled, the note goes when both do not fit.
		 */
		char *m =
		    c->note.text &&
		            text_width(c->note.text) + 2 + text_width(c->undo.label) <= COLS - 2
		        ? xasprintf("%s  %s", c->note.text, c->undo.label)
		        : xstrdup(c->undo.label);

		screen_text(LINES - 4, 1, m, COLS - 2, 0, ROLE_NORMAL);
		free(m);
	} else if (c->note.text != NULL) {
		/* The count on the right, what the last key did on the left of it. */
		int w = nrows > 0 ? ui_table_view_count(&c->view, LINES - 4) + 2 : 0;

		screen_text(LINES - 4, 1, c->note.text, COLS - 2 - w, 0, c->note.role);
	} else if (nrows > 0)
		/* Else what the narrow columns cut of the chosen session, with the count. */
		ui_table_view_status(&c->view, LINES - 4, 1, NULL);
}

static enum ui_next
classes_open(struct app *app, void *state, wint_t ch)
{
	struct classes *c = state;
	const char *code = ui_table_view_key(&c->view);

	(void)ch;
	if (code == NULL)
		return UI_STAY;
	note_set(&c->note, ROLE_NORMAL, NULL);
	return detail_run(app, code) != 0 ? UI_QUIT : UI_RELOAD;
}

static enum ui_next
classes_export(struct app *app, void *state, wint_t ch)
{
	struct ical_filter f = {0};

	(void)ch;
	export_prompt(app, &f, "sumaho-classes.ics", &((struct classes *)state)->note);
	return UI_STAY;
}

/* n, e, c: a new session, or edit or cancel the chosen one. */
static enum ui_next
classes_change(struct app *app, void *state, wint_t ch)
{
	struct classes *c = state;
	const char *code = ui_table_view_key(&c->view);
	char *m;

	if (ch == 'c' && code != NULL) {
		char *keep = xstrdup(code);

		if (record_cancel_ask(app, "session", keep, &m) == 0)
			session_undo_offer(app, &c->undo, keep);
		free(keep);
		if (m != NULL)
			note_set(&c->note, ROLE_WARNING, m);
	} else if (records_key(app, "session", code, ch, &m) == 0 && m != NULL)
		note_set(&c->note, ROLE_WARNING, m);
	return UI_RELOAD;
}

/* z: restore the session just cancelled. */
static enum ui_next
classes_undo(struct app *app, void *state, wint_t ch)
{
	struct classes *c = state;
	char *m;

	(void)ch;
	session_undo(app, &c->undo, &m);
	if (m != NULL)
		note_set(&c->note, ROLE_WARNING, m);
	return UI_RELOAD;
}

/* V, C, O: the lists of venues, courses and offerings. */
static enum ui_next
classes_records(struct app *app, void *state, wint_t ch)
{
	(void)state;
	if (records_run(app, ch == 'V' ? "venue" : ch == 'C' ? "course" : "offering"))
		return UI_QUIT;
	return UI_RELOAD;
}

/* /, n, N, p, Esc: search the list. */
static enum ui_next
classes_find(struct app *app, void *state, wint_t ch)
{
	struct classes *c = state;
	char *m;

	(void)app;
	ui_table_view_find(&c->view, ch, &m);
	note_set(&c->note, ROLE_WARNING, m);
	return UI_STAY;
}

static int
classes_searchable(struct app *app, void *state)
{
	(void)app;
	return ui_table_view_searchable(&((struct classes *)state)->view);
}

static int
classes_searching(struct app *app, void *state)
{
	(void)app;
	return ui_table_view_searching(&((struct classes *)state)->view);
}

static int
classes_not_searching(struct app *app, void *state)
{
	return !classes_searching(app, state);
}

/* Setting classes up is the coordinators' work. */
static enum ui_next
classes_refused(struct app *app, void *state)
{
	(void)app;
	note_set(&((struct classes *)state)->note, ROLE_WARNING,
	         xstrdup(_("Only a coordinator can change classes.")));
	return UI_STAY;
}

static int
not_coordinator(struct app *app, void *state)
{
	(void)state;
	return !staff_may(app->role, ROLE_BIT_COORDINATOR);
}

/* The keys only coordinators (and admins) may use. */
#define COORDINATOR ROLE_BIT_COORDINATOR

static const struct ui_key classes_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    UI_KEYS_ENTER(N_("Enter: details, QR code"), 0, classes_open),
    {.code = KEY_RIGHT, .run = classes_open},
    {.ch = 'x', .hint = N_("x: export all"), .run = classes_export},
    UI_KEYS_SEARCH(2, classes_find, classes_searchable, classes_searching),
    UI_KEYS_BACK_QUIT_WHEN(0, classes_not_searching),
    /* n is the next match while a search is on. */
    {.ch = 'n',
     .hint = N_("n: new session"),
     .line = 1,
     .run = classes_change,
     .need = COORDINATOR,
     .when = classes_not_searching},
    {.ch = 'e', .hint = N_("e: edit"), .line = 1, .run = classes_change, .need = COORDINATOR},
    {.ch = 'c', .hint = N_("c: cancel"), .line = 1, .run = classes_change, .need = COORDINATOR},
    /* Shown on the message line, with what it will do. */
    {.ch = UI_UNDO_KEY, .run = classes_undo, .need = COORDINATOR},
    {.ch = 'V', .hint = N_("V: venues"), .line = 1, .run = classes_records, .need = COORDINATOR},
    {.ch = 'C', .hint = N_("C: courses"), .line = 1, .run = classes_records, .need = COORDINATOR},
    {.ch = 'O', .hint = N_("O: offerings"), .line = 1, .run = classes_records, .need = COORDINATOR},
    /* Reception is shown where its key is. */
    {.hint = N_("Enter, then r: roll call"), .line = 1, .when = not_coordinator},
};

static const struct ui_screen classes_screen = {UI_KEYS(classes_keys),
                                                .hint_lines = 3,
                                                .load = classes_load,
                                                .draw = classes_draw,
                                                .pos = UI_POS(struct classes, view.pos),
                                                .refused = classes_refused,
                                                .undo = UI_POS(struct classes, undo)};

int
classes_run(struct app *app)
{
	struct classes c;
	int quit;

	memset(&c, 0, sizeof c);
	quit = ui_screen_run(app, &classes_screen, &c);
	free(c.note.text);
	ui_undo_clear(&c.undo);
	ui_table_view_free(&c.view);
	return quit;
}
