/* tui/ui/keys.c: the one screen loop: draw, read a key, find it in the screen's table, run it;
 * the hint lines come from the same table. */
#include "config.h"
#include "tui/ui/keys.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/staff/staff.h"
#include "tui/ui/screen.h"

const char ui_hint_back[] = N_("Esc: back");
const char ui_hint_quit[] = N_("q: quit");

/* Keys read at once, at most (the kiosk takes more for a paste). */
#define UI_BATCH 8

enum ui_next
ui_key_back(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)state, (void)ch;
	return UI_BACK;
}

enum ui_next
ui_key_quit(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)state, (void)ch;
	return UI_QUIT;
}

int
ui_pos_move(struct ui_pos *p, enum ui_move move)
{
	size_t was = p->cur;

	switch (move) {
	case UI_UP: p->cur = p->cur > 0 ? p->cur - 1 : 0; break;
	case UI_DOWN: p->cur = p->cur < p->last ? p->cur + 1 : p->last; break;
	case UI_PAGE_UP: p->cur = p->cur > p->page ? p->cur - p->page : 0; break;
	case UI_PAGE_DOWN: p->cur = p->cur + p->page < p->last ? p->cur + p->page : p->last; break;
	case UI_FIRST: p->cur = 0; break;
	case UI_LAST: p->cur = p->last; break;
	case UI_MOVE_NONE: break;
	}
	return p->cur != was;
}

/* Nonzero when k is offered now to this role in this state. */
static int
offered(struct app *app, const struct ui_key *k, void *state)
{
	return (k->need == 0 || staff_may(app->role, k->need)) &&
	       (k->when == NULL || k->when(app, state));
}

/* Nonzero unless k is the undo key of a screen that has nothing to undo. */
static int
undo_waits(const struct ui_screen *s, const struct ui_key *k, void *state)
{
	return s->undo == 0 || k->code != 0 || k->ch != UI_UNDO_KEY ||
	       ((struct ui_undo *)((char *)state + s->undo - 1))->label != NULL;
}

/* The first key of the table that is this one and on offer now (its role aside). */
static const struct ui_key *
find(struct app *app, const struct ui_screen *s, void *state, int is_code, wint_t ch)
{
	for (size_t i = 0; i < s->nkeys; i++) {
		const struct ui_key *k = &s->keys[i];
		int match = is_code
		                ? k->code != 0 && (wint_t)k->code == ch
		                : k->code == 0 && k->ch != 0 &&
		                      (k->ch_last ? ch >= k->ch && ch <= k->ch_last : ch == k->ch);

		if (match && (k->when == NULL || k->when(app, state)) && undo_waits(s, k, state))
			return k;
	}
	return NULL;
}

/* One hint as shown: its text (a new string) and whether it leaves the screen (Esc, q). */
struct hint {
	char *text;
	int leaves;
};

/* The hints of line `line` of s on offer now, in table order, appended to *v (n of them). */
static void
hints_of_line(struct app *app, const struct ui_screen *s, void *state, int line, struct hint **v,
              size_t *n, size_t *cap)
{
	for (size_t i = 0; i < s->nkeys; i++) {
		const struct ui_key *k = &s->keys[i];

		if (k->hint == NULL || k->line != line || !offered(app, k, state))
			continue;
		const char *t = _(k->hint), *d = strstr(t, "%d");

		*v = xgrow(*v, *n, cap, 16, sizeof **v);
		(*v)[*n].text = d && s->hint_number ? xasprintf("%.*s%d%s", (int)(d - t), t,
		                                                s->hint_number(app, state), d + 2)
		                                    : xstrdup(t);
		(*v)[(*n)++].leaves = k->run == ui_key_back || k->run == ui_key_quit;
	}
}

/* The hints from..to joined with sep (a new string). */
static char *
hints_join(const struct hint *v, size_t from, size_t to, const char *sep)
{
	size_t len = 1;
	char *out;

	for (size_t i = from; i < to; i++)
		len += strlen(v[i].text) + strlen(sep);
	out = xmalloc(len);
	*out = '\0';
	for (size_t i = from; i < to; i++) {
		if (i > from)
			strcat(out, sep);
		strcat(out, v[i].text);
	}
	return out;
}

static int
hints_width(const struct hint *v, size_t from, size_t to, const char *sep)
{
	char *s = hints_join(v, from, to, sep);
	int w = text_width(s);

	free(s);
	return w;
}

char *
ui_hint_line(struct app *app, const struct ui_screen *s, void *state, int line)
{
	struct hint *v = NULL;
	size_t n = 0, cap = 0;
	char *out;

	hints_of_line(app, s, state, line, &v, &n, &cap);
	out = hints_join(v, 0, n, s->sep ? s->sep : "  ");
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
	return out;
}

void
ui_hint_lines(struct app *app, const struct ui_screen *s, void *state, int width, char **lines)
{
	const char *sep = s->sep ? s->sep : "  ";
	struct hint *v = NULL;
	size_t n = 0, cap = 0, start[UI_MAX_HINT_LINES + 1];
	int nl = s->hint_lines < UI_MAX_HINT_LINES ? s->hint_lines : UI_MAX_HINT_LINES;

	for (int l = 0; l < nl; l++) {
		start[l] = n;
		hints_of_line(app, s, state, l, &v, &n, &cap);
	}
	start[nl] = n;
	/* A line too wide for the terminal (a longer translation, a narrower window) passes its
	 * last hints on to the start of the next line, */
	for (int l = 0; l + 1 < nl; l++)
		while (start[l + 1] - start[l] > 1 &&
		       hints_width(v, start[l], start[l + 1], sep) > width)
			start[l + 1]--;
	/* and the last line keeps Esc and q, leaving out the hints before them that do not fit:
	 * the way out of a screen is always shown. */
	if (nl > 0) {
		size_t l = nl - 1;

		while (hints_width(v, start[l], start[nl], sep) > width) {
			size_t drop = start[nl];

			for (size_t i = start[nl]; i-- > start[l];)
				if (!v[i].leaves) {
					drop = i;
					break;
				}
			if (drop == start[nl])
				break;
			free(v[drop].text);
			memmove(&v[drop], &v[drop + 1], (n - drop - 1) * sizeof *v);
			n--;
			start[nl]--;
		}
	}
	for (int l = 0; l < nl; l++)
		lines[l] = hints_join(v, start[l], start[l + 1], sep);
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

void
ui_undo_offer(struct ui_undo *u, char *label, int64_t id, int64_t id2, const char *code,
              const char *person)
{
	ui_undo_clear(u);
	u->label = label;
	u->id = id;
	u->id2 = id2;
	u->code = code ? xstrdup(code) : NULL;
	u->person = person ? xstrdup(person) : NULL;
}

void
ui_undo_clear(struct ui_undo *u)
{
	free(u->label);
	free(u->code);
	free(u->person);
	memset(u, 0, sizeof *u);
}

/* Act on one key. */
static enum ui_next
dispatch(struct app *app, const struct ui_screen *s, void *state, int is_code, wint_t ch)
{
	const struct ui_key *k;

	if (is_code && ch == KEY_RESIZE)
		return UI_STAY;
	/* An undo is offered until the next key. */
	if (s->undo != 0 && (is_code || ch != UI_UNDO_KEY))
		ui_undo_clear((struct ui_undo *)((char *)state + s->undo - 1));
	k = find(app, s, state, is_code, ch);
	/* Nothing acts behind the "please enlarge" notice, but q still quits. */
	if (!s->small_keys && !screen_big_enough())
		return k != NULL && k->run == ui_key_quit ? UI_QUIT : UI_STAY;
	if (k == NULL)
		return s->other ? s->other(app, state, is_code, ch) : UI_STAY;
	if (k->need != 0 && !staff_may(app->role, k->need))
		return s->refused ? s->refused(app, state) : UI_STAY;
	if (k->move != UI_MOVE_NONE) {
		if (s->pos != 0)
			ui_pos_move((struct ui_pos *)((char *)state + s->pos - 1), k->move);
		return UI_STAY;
	}
	return k->run ? k->run(app, state, ch) : UI_STAY;
}

static void
draw(struct app *app, const struct ui_screen *s, void *state)
{
	if (s->tick != NULL)
		s->tick(app, state);
	if (s->min_cols > 0 ? COLS < s->min_cols || LINES < s->min_lines : !screen_big_enough()) {
		if (s->too_small != NULL) {
			erase();
			s->too_small(app, state);
		} else
			screen_draw_too_small();
		return;
	}
	erase();
	/* The hints first: the screen's drawing ends where its cursor is to be. */
	if (s->hint_lines > 0) {
		char *h[UI_MAX_HINT_LINES];
		int nl = s->hint_lines < UI_MAX_HINT_LINES ? s->hint_lines : UI_MAX_HINT_LINES;

		ui_hint_lines(app, s, state, COLS - 2, h);
		for (int i = 0; i < nl; i++) {
			screen_bar(LINES - nl + i, h[i], NULL, ROLE_KEYS);
			free(h[i]);
		}
	}
	s->draw(app, state);
}

/* One key from the terminal; 0 when the wait ended without one. */
static int
read_one(int *is_code, wint_t *ch)
{
	return screen_getkey(is_code, ch) == ERR ? 0 : 1;
}

/* The notice before an idle sign-out, in a box over the screen. */
static void
signout_warning(int seconds)
{
	char *lines[2] = {xasprintf(P_("No key for a while: signing out in %d second.",
	                               "No key for a while: signing out in %d seconds.", seconds),
	                            seconds),
	                  xstrdup(_("Press any key to stay signed in."))};
	int w = 0, y = LINES / 2 - 2;

	for (int i = 0; i < 2; i++)
		if (text_width(lines[i]) > w)
			w = text_width(lines[i]);
	w = w + 4 < COLS ? w + 4 : COLS;
	for (int i = 0; i < 4; i++)
		screen_fill(y + i, (COLS - w) / 2, w, ROLE_WARNING);
	for (int i = 0; i < 2; i++) {
		screen_text(y + 1 + i, (COLS - w) / 2 + 2, lines[i], w - 4, 0, ROLE_WARNING);
		free(lines[i]);
	}
}

int
ui_screen_run(struct app *app, const struct ui_screen *s, void *state)
{
	enum ui_next next = UI_RELOAD;
	int held = 1; /* whether memory was used since it was last given back */

	for (;;) {
		int is_code[UI_BATCH], n, warn;
		wint_t ch[UI_BATCH];

		/* The staff screens sign out after the idle time, and follow account changes. */
		if ((warn = app_session_check(app, screen_last_key)) < 0)
			return 1;
		if (next == UI_RELOAD && s->load != NULL)
			s->load(app, state);
		draw(app, s, state);
		if (warn > 0 && screen_big_enough())
			signout_warning(warn);
		refresh();
		n = s->read ? s->read(app, state, is_code, ch, UI_BATCH) : read_one(is_code, ch);
		if (screen_quit_requested)
			return 1;
		/* A key during the warning only says "I am still here". */
		if (warn > 0 && n > 0)
			continue;
		next = n == 0 && s->idle ? s->idle(app, state) : UI_STAY;
		/* Half a second without a key, and nothing to do: give back the memory that the
		 * last keys' work (or the start) held, once, so that a screen waiting for the next
		 * resident holds only what it shows (tests/bench/memory.sh). */
		if (n > 0 || next != UI_STAY)
			held = 1;
		else if (held) {
			util_release_memory(app->db);
			held = 0;
		}
		for (int i = 0; i < n && next == UI_STAY; i++)
			next = dispatch(app, s, state, is_code[i], ch[i]);
		if (screen_quit_requested || next == UI_QUIT)
			return 1;
		if (next == UI_BACK)
			return 0;
	}
}
