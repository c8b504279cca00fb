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
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

static void
draw(struct app *app, const struct roll *r, size_t cur, size_t top, const char *note,
     enum role note_role)
{
	int namew = 0, rows = LINES - 8;
	size_t present = 0;

	erase();
	app_title(app, _("Roll call"));
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
	for (int i = 0; i < rows && top + (size_t)i < r->n; i++) {
		const struct roll_entry *e = &r->v[top + (size_t)i];
		int sel = top + (size_t)i == cur, y = 4 + i;
		enum role role = sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (sel) {
			attrset(screen_attr(ROLE_SELECTED));
			mvhline(y, 1, ' ', COLS - 2);
			attrset(A_NORMAL);
		}
		screen_text(y, 2, e->name, namew, 1, role);
		char *status = attendance_label(e->status, e->substitute);

		screen_text(y, 4 + namew, status, COLS - namew - 6, 0, role);
		free(status);
	}
	char *count = xasprintf(_("%zu of %zu present"), present, r->n);

	screen_text_right(LINES - 3, COLS - 1, count, ROLE_DIM);
	free(count);
	if (note != NULL)
		screen_text(LINES - 2, 2, note, COLS - 4, 0, note_role);
	screen_bar(LINES - 1,
	           _("p: present  a: absent  l: late  s: add a substitute  Esc: back  q: quit"),
	           NULL, ROLE_KEYS);
}

int
rollcall_run(struct app *app, const char *session)
{
	struct roll *r = NULL;
	char *note = NULL, *cause = NULL;
	enum role note_role = ROLE_NORMAL;
	size_t cur = 0, top = 0;
	int quit = 0, reload = 1;

	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (reload) {
			attendance_roll_free(r);
			r = attendance_roll(app->db, session, &cause);
			if (r == NULL) {
				free(note);
				note = xasprintf(_("Cannot read the database: %s"), cause);
				free(cause);
				break;
			}
			reload = 0;
		}
		size_t rows = LINES > 9 ? (size_t)(LINES - 8) : 1;

		if (cur >= r->n)
			cur = r->n ? r->n - 1 : 0;
		if (cur < top)
			top = cur;
		if (cur >= top + rows)
			top = cur - rows + 1;
		if (screen_big_enough())
			draw(app, r, cur, top, note, note_role);
		else
			screen_draw_too_small();
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested) {
			quit = 1;
			break;
		}
		if (rc == ERR || !screen_big_enough())
			continue;
		enum screen_nav nav = screen_nav_key(is_code, ch);

		if (nav != NAV_NONE) {
			quit = nav == NAV_QUIT;
			break;
		}
		/* Not j/k here: letters mark people. */
		if (is_code) {
			screen_move_key(is_code, ch, &cur, rows > 1 ? rows - 1 : 1,
			                r->n ? r->n - 1 : 0);
			continue;
		}
		const char *status = ch == 'p'   ? "present"
		                     : ch == 'a' ? "absent"
		                     : ch == 'l' ? "late"
		                                 : NULL;
		const char *person = NULL;
		char *typed = NULL;
		int substitute = 0;

		if (status != NULL && r->n > 0)
			person = r->v[cur].person;
		else if (ch == 's') {
			typed = screen_prompt(_("Substitute (person code):"), "");
			if (typed == NULL || *typed == '\0') {
				free(typed);
				continue;
			}
			person = typed;
			status = "present";
			substitute = 1;
		}
		if (person == NULL)
			continue;
		free(note);
		if (attendance_mark(app->db, session, person, status, substitute, &app->today,
		                    app->actor, &cause) != 0) {
			note = xasprintf(_("Not recorded: %s"), cause);
			note_role = ROLE_WARNING;
			free(cause);
			cause = NULL;
		} else {
			note = NULL;
			reload = 1;
			if (!substitute)
				cur++; /* on to the next person */
		}
		free(typed);
	}
	if (r == NULL && note != NULL) {
		/* Show why, once, before going back. */
		screen_text(LINES - 2, 2, note, COLS - 4, 0, ROLE_WARNING);
		refresh();
	}
	free(note);
	attendance_roll_free(r);
	return quit;
}
