/* tui/screens/classes.c: the Classes section: the sessions, one chosen at a time; its page with a QR
 * code for a phone's calendar; export to .ics files. */
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

/* Draw a QR code at y,x (dark modules on light) and return the rows it took. */
static int
draw_qr(const struct qr *q, int y, int x)
{
	struct strlist lines = {0};
	int rows;

	qr_lines(q, 2, 0, &lines);
	for (size_t i = 0; i < lines.n; i++)
		screen_text(y + (int)i, x, lines.v[i], q->width + 4, 0, ROLE_QR);
	rows = (int)lines.n;
	strlist_clear(&lines);
	return rows;
}

/* The page of one session until the user goes back (0) or quits (1). */
static int
detail_run(struct app *app, const char *code)
{
	struct strlist info = {0};
	struct note note = {0};
	struct qr *event_qr = NULL, *url_qr = NULL;
	char *cause = NULL, *compact;
	int show_url = 0, quit = 0;

	if (overview_session(app->db, code, app->settings.date_style, &app->today, &info, &cause) !=
	    0) {
		strlist_addf(&info, _("Cannot read the database: %s"), cause);
		free(cause);
		cause = NULL;
	}
	if ((compact = ical_compact_event(app->db, code, &cause)) != NULL)
		event_qr = qr_encode(compact, &cause);
	free(compact);
	free(cause);
	if (app->settings.application_url != NULL)
		url_qr = qr_encode(app->settings.application_url, NULL);
	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			const struct qr *q = show_url && url_qr ? url_qr : event_qr;
			int qw = q ? q->width + 4 : 0, qh = q ? (q->width + 5) / 2 : 0;
			/* The QR code to the right of the text when there is room, else below. */
			int right = COLS - qw - 2 >= 40, textw = right ? COLS - qw - 4 : COLS - 4;
			int y = 2;

			erase();
			app_title(app, _("Class details"));
			for (size_t i = 0; i < info.n && y < LINES - 3; i++)
				screen_text(y++, 2, info.v[i], textw, 0,
				            i == 0 ? ROLE_HEADER : ROLE_NORMAL);
			if (q != NULL) {
				const char *what =
				    show_url && url_qr
				        ? _("Scan to open the application page.")
				        : _("Scan to add this class to a phone's calendar.");
				int qy = right ? 2 : y + 1, qx = right ? COLS - qw - 2 : 2;

				if (qy + qh + 1 <= LINES - 2) {
					draw_qr(q, qy, qx);
					screen_text(qy + qh, qx, what, qw > 30 ? qw : 30, 0,
					            ROLE_DIM);
				} else {
					/* The size at which the code fits beside the text. */
					int tall =
					    qh + 5 > (int)info.n + 5 ? qh + 5 : (int)info.n + 5;
					char *need =
					    xasprintf(_("Enlarge the window to %d x %d to see the "
					                "QR code."),
					              qw + 44, tall);

					screen_text(LINES - 3, 2, need, COLS - 4, 0, ROLE_DIM);
					free(need);
				}
			}
			if (note.text != NULL)
				screen_text(LINES - 2, 2, note.text, COLS - 4, 0, note.role);
			screen_bar(
			    LINES - 1,
			    url_qr ? _("r: roll call  x: export  u: QR for the application page  "
			               "Esc: back  q: quit")
			           : _("r: roll call  x: export this class  Esc: back  q: quit"),
			    NULL, ROLE_KEYS);
		}
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested) {
			quit = 1;
			break;
		}
		if (rc == ERR)
			continue;
		enum screen_nav nav = screen_nav_key(is_code, ch);

		if (nav != NAV_NONE) {
			quit = nav == NAV_QUIT;
			break;
		}
		if (is_code)
			continue;
		if (ch == 'u' && url_qr != NULL)
			show_url = !show_url;
		if (ch == 'r' && screen_big_enough()) {
			if (rollcall_run(app, code) != 0) {
				quit = 1;
				break;
			}
			/* The page's applicant count and status may have changed. */
			strlist_clear(&info);
			overview_session(app->db, code, app->settings.date_style, &app->today,
			                 &info, NULL);
		}
		if (ch == 'x' && screen_big_enough()) {
			struct ical_filter f = {0};
			char *initial = xasprintf("%s.ics", code);

			f.session = code;
			export_prompt(app, &f, initial, &note);
			free(initial);
		}
	}
	free(note.text);
	strlist_clear(&info);
	qr_free(event_qr);
	qr_free(url_qr);
	return quit;
}

int
classes_run(struct app *app)
{
	struct table *t = NULL;
	struct strlist lines = {0};
	struct note note = {0};
	size_t cur = 0, top = 0;
	int width = -1, quit = 0, reload = 1;
	char *error = NULL;

	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (reload || width != COLS - 2) {
			char *cause = NULL;

			table_free(t);
			strlist_clear(&lines);
			free(error);
			error = NULL;
			width = COLS - 2;
			t = overview_sessions(app->db, app->settings.date_style, &cause);
			if (t == NULL)
				error = xasprintf(_("Cannot read the database: %s"), cause);
			else
				table_format(t, width, &lines);
			free(cause);
			reload = 0;
		}
		size_t nrows = t ? t->nrows : 0;
		size_t rows = LINES > 9 ? (size_t)(LINES - 7) : 1;

		if (cur >= nrows)
			cur = nrows ? nrows - 1 : 0;
		if (cur < top)
			top = cur;
		if (cur >= top + rows)
			top = cur - rows + 1;
		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			erase();
			app_title(app, _("Classes"));
			if (error != NULL)
				screen_text(2, 1, error, COLS - 2, 0, ROLE_WARNING);
			else if (nrows == 0)
				screen_text(2, 1, _("No class sessions yet."), COLS - 2, 0,
				            ROLE_NORMAL);
			else {
				screen_text(2, 1, lines.v[0], COLS - 2, 0, ROLE_HEADER);
				screen_text(3, 1, lines.v[1], COLS - 2, 0, ROLE_NORMAL);
				for (size_t i = 0; i < rows && top + i < nrows; i++) {
					int sel = top + i == cur;

					if (sel) {
						attrset(screen_attr(ROLE_SELECTED));
						mvhline(4 + (int)i, 0, ' ', COLS);
						attrset(A_NORMAL);
					}
					screen_text(4 + (int)i, 1, lines.v[2 + top + i], COLS - 2,
					            0, sel ? ROLE_SELECTED : ROLE_NORMAL);
				}
			}
			if (note.text != NULL)
				screen_text(LINES - 3, 1, note.text, COLS - 2, 0, note.role);
			else if (nrows > 0) {
				char *pos = xasprintf(_("%zu of %zu"), cur + 1, nrows);

				screen_text_right(LINES - 3, COLS - 1, pos, ROLE_DIM);
				free(pos);
			}
			screen_bar(LINES - 2,
			           _("Up/Down: choose  Enter: details, QR code  x: export all  "
			             "Esc: back  q: quit"),
			           NULL, ROLE_KEYS);
			screen_bar(LINES - 1,
			           staff_may(app->role, ROLE_BIT_COORDINATOR)
			               ? _("n: new session  e: edit  c: cancel  V: venues  C: courses  "
			                   "O: offerings")
			               : _("Enter, then r: roll call"),
			           NULL, ROLE_KEYS);
		}
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested) {
			quit = 1;
			break;
		}
		if (rc == ERR || !screen_big_enough())
			continue;
		size_t page = rows > 1 ? rows - 1 : 1;

		enum screen_nav nav = screen_nav_key(is_code, ch);

		if (nav != NAV_NONE) {
			quit = nav == NAV_QUIT;
			goto back;
		}
		if (screen_move_key(is_code, ch, &cur, page, nrows ? nrows - 1 : 0))
			continue;
		if ((is_code && (ch == KEY_ENTER || ch == KEY_RIGHT)) ||
		    (!is_code && (ch == '\r' || ch == '\n')))
			goto open;
		if (is_code)
			continue;
		/* Setting classes up is the coordinators' work. */
		if (ch > 0 && ch < 128 && strchr("necVCO", (int)ch) != NULL &&
		    !staff_may(app->role, ROLE_BIT_COORDINATOR)) {
			free(note.text);
			note.text = xstrdup(_("Only a coordinator can change classes."));
			note.role = ROLE_WARNING;
			continue;
		}
		switch (ch) {
		case 'x': {
			struct ical_filter f = {0};

			export_prompt(app, &f, "sumaho-classes.ics", &note);
			break;
		}
		case 'n':
		case 'e':
		case 'c': {
			char *m = NULL;
			const char *code = t ? table_key(t, cur) : NULL;

			if (ch == 'n')
				record_form(app, "session", NULL, &m);
			else if (code != NULL && ch == 'e')
				record_form(app, "session", code, &m);
			else if (code != NULL)
				record_cancel_ask(app, "session", code, &m);
			if (m != NULL) {
				free(note.text);
				note.text = m;
				note.role = ROLE_WARNING;
			}
			reload = 1;
			break;
		}
		case 'V':
		case 'C':
		case 'O':
			if (records_run(app, ch == 'V' ? "venue" : ch == 'C' ? "course" : "offering")) {
				quit = 1;
				goto back;
			}
			reload = 1;
			break;
		default: break;
		}
		continue;
	open:
		if (t != NULL && table_key(t, cur) != NULL) {
			free(note.text);
			note.text = NULL;
			if (detail_run(app, table_key(t, cur)) != 0) {
				quit = 1;
				break;
			}
			reload = 1;
		}
	}
back:
	free(note.text);
	free(error);
	strlist_clear(&lines);
	table_free(t);
	return quit;
}
