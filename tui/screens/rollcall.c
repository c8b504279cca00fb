/* tui/screens/rollcall.c: the roll call of one session: one key marks a person and moves on. */
#include "config.h"
#include "tui/screens/classes.h"

#include <stdlib.h>
#include <string.h>

#include "tui/app.h"
#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/screens/periods.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

struct rollcall {
	const char *session;
	struct roll *r;
	char *note; /* what the last mark did (owned) */
	enum role note_role;
	struct ui_pos pos;
	size_t top;
};

static void
load(struct app *app, void *state)
{
	struct rollcall *rc = state;
	char *cause = NULL;

	attendance_roll_free(rc->r);
	rc->r = attendance_roll(app->db, rc->session, &cause);
	if (rc->r == NULL) {
		free(rc->note);
		rc->note = xasprintf(_("Cannot read the database: %s"), cause);
		rc->note_role = ROLE_WARNING;
		free(cause);
	}
}

static void
draw(struct app *app, void *state)
{
	struct rollcall *rc = state;
	const struct roll *r = rc->r;
	int namew = 0, rows = LINES > 9 ? LINES - 8 : 1;
	size_t present = 0;

	app_title(app, _("Roll call"));
	if (r == NULL) {
		screen_text(LINES - 2, 2, rc->note, COLS - 4, 0, ROLE_WARNING);
		return;
	}
	struct date d;
	char *day = date_parse(r->date, &d) == 0 ? date_format(&d, app->settings.date_style)
	                                         : xstrdup(r->date);
	char *head = xasprintf("%s  %s %s  %s", r->title, day, r->time, r->venue);

	free(day);
	screen_text(2, 2, head, COLS - 4, 0, ROLE_HEADER);
	free(head);
	for (size_t i = 0; i < r->n; i++) {
		int w = text_width(r->v[i].name);

		namew = w > namew ? w : namew;
		present +=
		    strcmp(r->v[i].status, "present") == 0 || strcmp(r->v[i].status, "late") == 0;
	}
	namew = namew > COLS / 2 ? COLS / 2 : namew;
	if (r->cancelled)
		screen_text(4, 2, _("This session is cancelled."), COLS - 4, 0, ROLE_WARNING);
	else if (r->n == 0)
		screen_text(4, 2, _("Nobody has a seat in this session yet."), COLS - 4, 0,
		            ROLE_NORMAL);
	if (rc->pos.cur >= r->n)
		rc->pos.cur = r->n ? r->n - 1 : 0;
	rc->pos.last = r->n ? r->n - 1 : 0;
	rc->pos.page = rows > 1 ? (size_t)rows - 1 : 1;
	ui_scroll_into_view(&rc->top, rc->pos.cur, (size_t)rows);
	for (int i = 0; i < rows && rc->top + (size_t)i < r->n; i++) {
		const struct roll_entry *e = &r->v[rc->top + (size_t)i];
		int y = 4 + i;
		enum role role = ui_row(y, 1, COLS - 2, rc->top + (size_t)i == rc->pos.cur);
		char *status = attendance_label(e->status, e->substitute);

		screen_text(y, 2, e->name, namew, 1, role);
		screen_text(y, 4 + namew, status, COLS - namew - 6, 0, role);
		free(status);
	}
	char *count = xasprintf(_("%zu of %zu present"), present, r->n);

	screen_text_right(LINES - 3, COLS - 1, count, ROLE_DIM);
	free(count);
	if (rc->note != NULL)
		screen_text(LINES - 2, 2, rc->note, COLS - 4, 0, rc->note_role);
}

/* Record person's mark; 0 when recorded, else the note says why not. */
static int
mark(struct app *app, struct rollcall *rc, const char *person, const char *status, int substitute)
{
	char *cause = NULL, *why;

	free(rc->note);
	rc->note = NULL;
	if (periods_reason_begin(app, rc->r != NULL ? rc->r->date : "", NULL, &why) != 0) {
		rc->note = xstrdup(_("Not recorded: no reason was given."));
		rc->note_role = ROLE_WARNING;
		return -1;
	}
	int failed = attendance_mark(app->db, rc->session, person, status, substitute, &app->today,
	                             app->actor, app->role, app->reason, &cause) != 0;

	periods_reason_end(app, why);
	if (failed) {
		rc->note = xasprintf(_("Not recorded: %s"), cause);
		rc->note_role = ROLE_WARNING;
		free(cause);
		return -1;
	}
	return 0;
}

/* p, a, l: mark the chosen person and move on to the next. */
static enum ui_next
mark_chosen(struct app *app, void *state, wint_t ch)
{
	struct rollcall *rc = state;
	const char *status = ch == 'p' ? "present" : ch == 'a' ? "absent" : "late";

	if (rc->r == NULL || rc->r->n == 0)
		return UI_STAY;
	if (mark(app, rc, rc->r->v[rc->pos.cur].person, status, 0) != 0)
		return UI_STAY;
	rc->pos.cur++; /* on to the next person */
	return UI_RELOAD;
}

/* s: a substitute, found as everywhere else by name, kana, phone digits or code (the person
 * picker, models/people's search), or registered there. */
static enum ui_next
add_substitute(struct app *app, void *state, wint_t ch)
{
	struct rollcall *rc = state;
	struct person p;
	char *title;
	int ok;

	(void)ch;
	if (rc->r == NULL)
		return UI_STAY;
	title = xasprintf(_("Who came as a substitute to %s?"), rc->r->title);
	ok = ui_pick_person(app, _("Roll call"), title, &p) == 0;
	free(title);
	if (!ok)
		return UI_STAY;
	ok = mark(app, rc, p.code, "present", 1) == 0;
	person_free(&p);
	return ok ? UI_RELOAD : UI_STAY;
}

/* Not j/k here: letters mark people. */
static const struct ui_key keys[] = {
    UI_KEYS_MOVE_CODES(NULL, 0),
    {.ch = 'p', .hint = N_("p: present"), .run = mark_chosen},
    {.ch = 'a', .hint = N_("a: absent"), .run = mark_chosen},
    {.ch = 'l', .hint = N_("l: late"), .run = mark_chosen},
    {.ch = 's', .hint = N_("s: add a substitute"), .run = add_substitute},
    UI_KEYS_BACK_QUIT(0),
};

static const struct ui_screen screen = {UI_KEYS(keys), .hint_lines = 1, .load = load, .draw = draw,
                                        .pos = UI_POS(struct rollcall, pos)};

int
rollcall_run(struct app *app, const char *session)
{
	struct rollcall rc = {.session = session, .note_role = ROLE_NORMAL};
	int quit = ui_screen_run(app, &screen, &rc);

	free(rc.note);
	attendance_roll_free(rc.r);
	return quit;
}
