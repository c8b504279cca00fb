/* tui/ui/widgets.c: what several screens share: key lines, a yes/no question, a list to choose
 * from, and finding (or registering) a person as the user types. */
#include "config.h"
#include "tui/ui/widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/staff/staff.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/ui/screen.h"

/* The key help: two or three lines at the bottom (line3 may be NULL). */
void
ui_keys(const char *line1, const char *line2, const char *line3)
{
	int y = LINES - (line3 ? 3 : 2);

	screen_bar(y, line1, NULL, ROLE_KEYS);
	screen_bar(y + 1, line2, NULL, ROLE_KEYS);
	if (line3)
		screen_bar(y + 2, line3, NULL, ROLE_KEYS);
}

/* Ask a yes/no question on the bottom line; nonzero for yes. */
int
ui_confirm(const char *question)
{
	for (;;) {
		int is_code, rc;
		wint_t ch;
		char *q = xasprintf(_("%s  y: yes  n: no"), question);

		screen_bar(LINES - 1, q, NULL, ROLE_WARNING);
		free(q);
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested)
			return 0;
		if (rc == ERR || is_code)
			continue;
		if (ch == 'y' || ch == 'Y')
			return 1;
		if (ch == 'n' || ch == 'N' || ch == 27)
			return 0;
	}
}

/* A list to choose from in the body of the screen: Up/Down and Enter, a digit for the first
 * nine, Esc to give up. Returns the index, or -1. */
int
ui_choose(struct app *app, const char *where, const char *title, const char *what, char **items,
          size_t n)
{
	size_t sel = 0;

	for (;;) {
		int is_code, rc;
		wint_t ch;

		erase();
		app_title(app, where);
		screen_text(2, 2, title, COLS - 4, 0, ROLE_HEADER);
		screen_text(4, 2, what, COLS - 4, 0, ROLE_NORMAL);
		for (size_t i = 0; i < n && 6 + (int)i < LINES - 3; i++) {
			char *line = i < 9 ? xasprintf("%zu  %s", i + 1, items[i])
			                   : xasprintf("   %s", items[i]);
			enum role r = i == sel ? ROLE_SELECTED : ROLE_NORMAL;

			if (i == sel) {
				attrset(screen_attr(r));
				mvhline(6 + (int)i, 2, ' ', COLS - 4);
				attrset(A_NORMAL);
			}
			screen_text(6 + (int)i, 3, line, COLS - 6, 0, r);
			free(line);
		}
		ui_keys(_("Up/Down: choose  Enter or 1-9: take it"), _("Esc: give up"), NULL);
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested)
			return -1;
		if (rc == ERR)
			continue;
		if (is_code) {
			if (ch == KEY_ENTER)
				return (int)sel;
			screen_move_key(is_code, ch, &sel, 5, n ? n - 1 : 0);
			continue;
		}
		if (ch == '\r' || ch == '\n')
			return (int)sel;
		if (ch == 27)
			return -1;
		if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n)
			return (int)(ch - '1');
		screen_move_key(is_code, ch, &sel, 5, n ? n - 1 : 0);
	}
}

/* Register the person being searched for; 0 with *p, -1 when given up or refused (said). */
static int
new_person(struct app *app, const char *query, struct person *p, char **refusal)
{
	char *folded = text_search_key(query), *cause = NULL;
	int phone_like = text_is_phone(query);
	int kana_like = !phone_like && text_is_kana(folded);
	char *name, *kana = NULL, *phone = NULL;
	int rc = -1;

	free(folded);
	/* What was typed to search goes where it belongs: a phone number, kana, or a name. */
	name = screen_prompt(_("New person's name:"), phone_like || kana_like ? "" : query);
	if (name == NULL)
		return -1;
	kana =
	    screen_prompt(_("Kana (katakana or hiragana, may be empty):"), kana_like ? query : "");
	if (kana == NULL)
		goto out;
	phone = screen_prompt(_("Phone (may be empty):"), phone_like ? query : "");
	if (phone == NULL)
		goto out;
	if (person_create(app->db, name, kana, phone, 0, app->actor, p, &cause) != 0) {
		*refusal = xasprintf(_("Not registered: %s"), cause);
		free(cause);
		goto out;
	}
	rc = 0;
out:
	free(name);
	free(kana);
	free(phone);
	return rc;
}

/* Find the person as the user types; 0 with *p chosen (or newly registered), -1 if given
 * up. */
int
ui_pick_person(struct app *app, const char *where, const char *title, struct person *p)
{
	wchar_t buf[64];
	size_t n = 0, sel = 0;
	struct person_list found = {0};
	char *cause = NULL;
	int dirty = 1, rc = -1;

	buf[0] = L'\0';
	curs_set(1);
	for (;;) {
		char text[64 * 4 + 1];
		size_t rows = LINES - 9 > 1 ? (size_t)(LINES - 9) : 1;
		int is_code, key;
		wint_t ch;

		wcstombs(text, buf, sizeof text);
		if (dirty) {
			person_list_free(&found);
			free(cause);
			cause = NULL;
			if (people_search(app->db, text, rows - 1, &found, &cause) != 0)
				found.n = 0;
			if (sel > found.n)
				sel = found.n;
			dirty = 0;
		}
		erase();
		app_title(app, where);
		screen_text(2, 2, title, COLS - 4, 0, ROLE_HEADER);
		const char *label = _("Name, kana or phone:");
		int lw = text_width(label);

		screen_text(4, 2, label, COLS - 4, 0, ROLE_NORMAL);
		screen_text(4, 3 + lw, text, COLS - 5 - lw, 0, ROLE_NORMAL);
		if (cause != NULL)
			screen_text(6, 2, cause, COLS - 4, 0, ROLE_WARNING);
		else if (n == 0)
			screen_text(
			    6, 2,
			    _("Type the first letters of the name or kana (any kana form), or "
			      "the phone number's first digits."),
			    COLS - 4, 0, ROLE_DIM);
		for (size_t i = 0; i <= found.n && n > 0; i++) {
			int y = 6 + (int)i;
			enum role r = i == sel ? ROLE_SELECTED : ROLE_NORMAL;

			if (i == sel) {
				attrset(screen_attr(r));
				mvhline(y, 2, ' ', COLS - 4);
				attrset(A_NORMAL);
			}
			if (i == found.n) {
				screen_text(y, 3,
				            found.n ? _("+ Someone else: register a new person")
				                    : _("+ Nobody found: register a new person"),
				            COLS - 6, 0, r);
				continue;
			}
			const struct person *q = &found.v[i];

			screen_text(y, 3, q->name, 16, 0, r);
			screen_text(y, 20, q->kana, 20, 0, r);
			screen_text(y, 41, q->phone, 15, 0, r);
			if (COLS >= 72)
				screen_text(y, 57, q->code, COLS - 59, 0, r);
		}
		ui_keys(_("Type to search  Up/Down: choose  Enter: take  Ctrl-U: clear"),
		        _("Esc: give up"), NULL);
		move(4, 3 + lw +
		            (text_width(text) < COLS - 5 - lw ? text_width(text) : COLS - 5 - lw));
		refresh();
		key = screen_getkey(&is_code, &ch);
		if (screen_quit_requested)
			break;
		if (key == ERR)
			continue;
		if (is_code) {
			if (ch == KEY_BACKSPACE && n > 0) {
				buf[--n] = L'\0';
				dirty = 1;
				sel = 0;
			} else if (ch == KEY_ENTER)
				goto take;
			else
				screen_move_key(1, ch, &sel, rows, found.n);
			continue;
		}
		if (ch == 27)
			break;
		if (ch == '\r' || ch == '\n') {
		take:
			if (n == 0)
				continue;
			if (sel < found.n) {
				struct person *q = &found.v[sel];

				*p = *q;
				memset(q, 0, sizeof *q);
				rc = 0;
				break;
			}
			curs_set(0);
			char *refusal = NULL;

			if (new_person(app, text, p, &refusal) == 0) {
				rc = 0;
				break;
			}
			if (refusal != NULL) {
				/* Refused: say why here and let the search go on. */
				free(cause);
				cause = refusal;
			}
			curs_set(1);
			continue;
		}
		if ((ch == 127 || ch == 8) && n > 0) {
			buf[--n] = L'\0';
			dirty = 1;
			sel = 0;
		} else if (ch == 21) {
			buf[n = 0] = L'\0';
			dirty = 1;
			sel = 0;
		} else if (ch >= 0x20 && ch != 127 && !(ch >= 0x80 && ch < 0xA0) &&
		           n < sizeof buf / sizeof buf[0] - 1) {
			buf[n++] = (wchar_t)ch;
			buf[n] = L'\0';
			dirty = 1;
			sel = 0;
		}
	}
	curs_set(0);
	person_list_free(&found);
	free(cause);
	return rc;
}

void
ui_message(int y, const char *msg, int warn)
{
	size_t cut = text_prefix_bytes(msg, COLS - 4);

	/* Words written with spaces break at a space, not inside a word. */
	if (msg[cut] != '\0' && msg[cut] != ' ') {
		size_t sp = cut;

		while (sp > cut / 2 && msg[sp] != ' ')
			sp--;
		if (msg[sp] == ' ')
			cut = sp;
	}
	char *first = xstrndup(msg, cut);
	enum role r = warn ? ROLE_WARNING : ROLE_NORMAL;

	screen_text(y, 2, first, COLS - 4, 0, r);
	screen_text(y + 1, 2, msg + cut + (msg[cut] == ' '), COLS - 4, 0, r);
	free(first);
}

int
ui_next_key(int *is_code, wint_t *ch, int *quit)
{
	int rc;

	refresh();
	rc = screen_getkey(is_code, ch);
	if (screen_quit_requested) {
		*quit = 1;
		return -1;
	}
	if (rc == ERR || !screen_big_enough())
		return 0;
	enum screen_nav nav = screen_nav_key(*is_code, *ch);

	if (nav != NAV_NONE) {
		*quit = nav == NAV_QUIT;
		return -1;
	}
	return 1;
}

size_t
ui_list(const struct strlist *lines, size_t nrows, size_t *top, size_t cur, int y, int bottom,
        int x, const unsigned char *marks)
{
	size_t rows = bottom > y + 2 ? (size_t)(bottom - y - 2) : 1;

	if (cur < *top)
		*top = cur;
	if (cur >= *top + rows)
		*top = cur - rows + 1;
	screen_text(y, x, lines->v[0], COLS - x - 1, 0, ROLE_HEADER);
	screen_text(y + 1, x, lines->v[1], COLS - x - 1, 0, ROLE_NORMAL);
	for (size_t i = 0; i < rows && *top + i < nrows; i++) {
		size_t r = *top + i;
		int sel = r == cur;

		if (sel) {
			attrset(screen_attr(ROLE_SELECTED));
			mvhline(y + 2 + (int)i, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		if (marks != NULL && marks[r])
			screen_text(y + 2 + (int)i, 1, "*", 1, 0,
			            sel ? ROLE_SELECTED : ROLE_WARNING);
		screen_text(y + 2 + (int)i, x, lines->v[2 + r], COLS - x - 1, 0,
		            sel ? ROLE_SELECTED : ROLE_NORMAL);
	}
	return rows;
}

int
ui_table_screen_run(struct app *app, const struct ui_table_screen *s)
{
	struct table *t = NULL;
	struct strlist lines = {0};
	size_t cur = 0, top = 0;
	int reload = 1, width = -1, quit = 0;
	char *msg = NULL, *error = NULL;

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
			t = s->load(app, s->arg, &cause);
			if (t == NULL)
				error = xasprintf(_("Cannot read the database: %s"), cause);
			else
				table_format(t, width, &lines);
			free(cause);
			reload = 0;
		}
		size_t nrows = t ? t->nrows : 0, rows = 1;

		if (cur >= nrows)
			cur = nrows ? nrows - 1 : 0;
		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			erase();
			app_title(app, s->title);
			if (error != NULL)
				screen_text(2, 1, error, COLS - 2, 0, ROLE_WARNING);
			else if (nrows == 0)
				screen_text(2, 1, s->empty, COLS - 2, 0, ROLE_NORMAL);
			else {
				rows = ui_list(&lines, nrows, &top, cur, 2, LINES - 5, 1, NULL);
				char *pos = xasprintf(_("%zu of %zu"), cur + 1, nrows);

				screen_text_right(LINES - 5, COLS - 1, pos, ROLE_DIM);
				free(pos);
			}
			if (msg != NULL)
				ui_message(LINES - 4, msg, 1);
			ui_keys(s->keys1, s->keys2, NULL);
		}
		rc = ui_next_key(&is_code, &ch, &quit);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		if (screen_move_key(is_code, ch, &cur, rows, nrows ? nrows - 1 : 0))
			continue;
		char *m = NULL;

		/* Enter reaches act as '\n', however the terminal sends it. */
		if (is_code && ch == KEY_ENTER)
			ch = '\n', is_code = 0;
		else if (!is_code && ch == '\r')
			ch = '\n';
		if (is_code || !s->act(app, s->arg, nrows ? table_key(t, cur) : NULL, ch, &m))
			continue;
		free(msg);
		msg = m;
		reload = 1;
	}
	free(msg);
	free(error);
	strlist_clear(&lines);
	table_free(t);
	return quit;
}

void
app_title(struct app *app, const char *where)
{
	char *date = date_format(&app->today, app->settings.date_style);
	char *left = where ? xasprintf("sumaho  %s", where)
	                   : xasprintf("sumaho  %s", _("Smartphone classes and consultations"));
	/* Who is signed in, when someone is. */
	char *right = *app->staff_name ? xasprintf("%s (%s)  %s", app->staff_name,
	                                           staff_role_label(app->role), date)
	                               : xstrdup(date);

	screen_bar(0, left, right, ROLE_TITLE);
	free(left);
	free(right);
	free(date);
}
