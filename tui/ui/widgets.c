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
#include "tui/ui/form.h"
#include "tui/ui/screen.h"

/* Where the first line of s ends when it is wrapped to width columns (a byte offset): at a
 * space when one is in its second half, so that words written with spaces stay whole; *next is
 * where the next line begins (past that space). */
static size_t
wrap_cut(const char *s, int width, size_t *next)
{
	size_t cut = text_prefix_bytes(s, width);

	if (cut == 0 && *s != '\0')
		cut = text_prefix_bytes(s, 2); /* a column too narrow for one character */
	if (s[cut] != '\0' && s[cut] != ' ') {
		size_t sp = cut;

		while (sp > cut / 2 && s[sp] != ' ')
			sp--;
		if (s[sp] == ' ' && sp > 0)
			cut = sp;
	}
	*next = cut + (s[cut] == ' ');
	return cut;
}

int
ui_wrap_count(const char *s, int width)
{
	int n = 0;
	size_t next;

	do {
		wrap_cut(s, width, &next);
		s += next;
		n++;
	} while (*s != '\0' && next > 0);
	return n;
}

int
ui_wrap(int y, int x, const char *s, int width, int max, enum role role)
{
	int n = 0;

	while (n < max) {
		size_t next, cut = wrap_cut(s, width, &next);
		/* The last line there is room for takes the rest, cut with an ellipsis. */
		char *line = n + 1 == max ? xstrdup(s) : xstrndup(s, cut);

		screen_text(y + n, x, line, width, 0, role);
		free(line);
		n++;
		s += next;
		if (*s == '\0' || next == 0)
			break;
	}
	return n;
}

/* Ask a yes/no question on the bottom line; nonzero for yes. */
int
ui_confirm(const char *question)
{
	for (;;) {
		int is_code, rc;
		wint_t ch;
		char *q = xasprintf(_("%s  y: yes  n: no"), question);

		if (text_width(q) <= COLS - 2)
			screen_bar(LINES - 1, q, NULL, ROLE_WARNING);
		else {
			/* Too long for one line: the question over the lines above (the hints'),
			 * the answers whole on the bottom line. */
			int n = ui_wrap_count(question, COLS - 2);

			n = n > 3 ? 3 : n;
			for (int i = 0; i < n; i++)
				screen_fill(LINES - 1 - n + i, 0, COLS, ROLE_WARNING);
			ui_wrap(LINES - 1 - n, 1, question, COLS - 2, n, ROLE_WARNING);
			screen_bar(LINES - 1, _("y: yes  n: no"), NULL, ROLE_WARNING);
		}
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

/* The state of ui_choose. */
struct choose {
	const char *where, *title, *what;
	char **items;
	size_t n;
	struct ui_pos pos;
	int taken; /* the index chosen, or -1 */
};

static void
choose_draw(struct app *app, void *state)
{
	struct choose *c = state;
	int y = 2, bottom = LINES - 3;

	app_title(app, c->where);
	/* The question and each answer wrapped over as many lines as they take: all of them
	 * are read before one is taken. */
	y += ui_wrap(y, 2, c->title, COLS - 4, 4, ROLE_HEADER) + 1;
	y += ui_wrap(y, 2, c->what, COLS - 4, 2, ROLE_NORMAL) + 1;
	for (size_t i = 0; i < c->n && y < bottom; i++) {
		char *line = i < 9 ? xasprintf("%zu  %s", i + 1, c->items[i])
		                   : xasprintf("   %s", c->items[i]);
		int n = ui_wrap_count(line, COLS - 6);

		n = y + n > bottom ? bottom - y : n;
		for (int k = 0; k < n; k++)
			ui_row(y + k, 2, COLS - 4, i == c->pos.cur);
		ui_wrap(y, 3, line, COLS - 6, n, i == c->pos.cur ? ROLE_SELECTED : ROLE_NORMAL);
		y += n;
		free(line);
	}
	c->pos.page = 5;
	c->pos.last = c->n ? c->n - 1 : 0;
}

static enum ui_next
choose_take(struct app *app, void *state, wint_t ch)
{
	struct choose *c = state;

	(void)app;
	if (ch >= '1' && ch <= '9') {
		if ((size_t)(ch - '1') >= c->n)
			return UI_STAY;
		c->pos.cur = ch - '1';
	}
	c->taken = (int)c->pos.cur;
	return UI_BACK;
}

static const struct ui_key choose_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    UI_KEYS_ENTER(N_("Enter or 1-9: take it"), 0, choose_take),
    {.ch = '1', .ch_last = '9', .run = choose_take},
    {.ch = 27, .hint = N_("Esc: give up"), .line = 1, .run = ui_key_back},
};

static const struct ui_screen choose_screen = {
    UI_KEYS(choose_keys), .hint_lines = 2, .draw = choose_draw, .pos = UI_POS(struct choose, pos)};

int
ui_choose(struct app *app, const char *where, const char *title, const char *what, char **items,
          size_t n)
{
	struct choose c = {where, title, what, items, n, {0}, -1};

	ui_screen_run(app, &choose_screen, &c);
	return c.taken;
}

/* The fields of a new person's form, in order, as person_check_field names them. */
static const char *const new_person_fields[] = {"name", "kana", "phone", "birth_year", "language"};
#define NEW_PERSON_NFIELDS (sizeof new_person_fields / sizeof new_person_fields[0])

static int
new_person_save(struct app *app, void *arg, const char *const *values, size_t *bad, char **msg)
{
	struct person *p = arg;
	char *cause = NULL;
	int born = 0;

	/* The birth year, when known, is what the classes' age rule is checked against. */
	if (person_birth_year_parse(values[3], &born, &cause) != 0) {
		char *named = xasprintf("%s: %s", _("birth year"), cause);

		free(cause);
		cause = named;
	} else if (person_create(app->db, values[0], values[1], values[2], born, values[4],
	                         app->actor, p, &cause) == 0) {
		*msg = NULL;
		return 0;
	}
	/* Back to the first value person_check refuses; a namesake refuses the whole. */
	for (size_t i = 0; i < NEW_PERSON_NFIELDS && *bad == NEW_PERSON_NFIELDS; i++)
		if (person_check_field(new_person_fields[i], values[i], NULL) != 0)
			*bad = i;
	*msg = xasprintf(_("Not registered: %s"), cause);
	free(cause);
	return -1;
}

/* Register the person being searched for; 0 with *p, -1 when given up. */
int
ui_person_form_run(struct app *app, const char *where, const char *title,
                   struct ui_form_field *fields, const char *const *names, size_t n,
                   int (*save)(struct app *app, void *arg, const char *const *values, size_t *bad,
                               char **msg),
                   void *arg, char **msg)
{
	struct ui_form form = {.where = where,
	                       .title = title,
	                       .fields = fields,
	                       .n = n,
	                       .save = save,
	                       .arg = arg,
	                       .names = names,
	                       .check_field = person_check_field};
	int rc = ui_form_run(app, &form, msg);

	ui_form_clear(&form);
	return rc;
}

static int
new_person(struct app *app, const char *where, const char *query, struct person *p)
{
	char *folded = text_search_key(query), *msg = NULL;
	int phone_like = text_is_phone(query);
	int kana_like = !phone_like && text_is_kana(folded);
	const char *languages[] = {person_language_name("ja"), person_language_name("en"), NULL};
	struct ui_form_field fields[NEW_PERSON_NFIELDS] = {
	    /* What was typed to search goes where it belongs: a phone number, kana, or a name. */
	    {.label = _("Name"), .initial = phone_like || kana_like ? "" : query},
	    {.label = _("Kana"),
	     .hint = _("katakana or hiragana, may be empty"),
	     .initial = kana_like ? query : ""},
	    {.label = _("Phone"), .hint = _("may be empty"), .initial = phone_like ? query : ""},
	    {.label = _("Birth year"), .hint = _("empty: not known")},
	    {.label = _("Language"), .choices = languages},
	};
	int rc;

	free(folded);
	rc = ui_person_form_run(app, where, _("Register a new person"), fields, new_person_fields,
	                        NEW_PERSON_NFIELDS, new_person_save, p, &msg);
	free(msg);
	return rc == 0 ? 0 : -1;
}

/* The state of ui_pick_person. */
struct pick {
	const char *where, *title;
	wchar_t buf[64]; /* what is typed */
	size_t n;
	struct person_list found;
	char *cause; /* why the search failed, or why a new person was refused */
	int dirty;   /* search again */
	struct ui_pos pos;
	struct person *p;
	int rc;
	int more; /* more people match than found holds */
};

static void
pick_draw(struct app *app, void *state)
{
	struct pick *k = state;
	char text[64 * 4 + 1];
	size_t rows = LINES - 9 > 1 ? (size_t)(LINES - 9) : 1;

	wcstombs(text, k->buf, sizeof text);
	if (k->dirty) {
		person_list_free(&k->found);
		free(k->cause);
		k->cause = NULL;
		/* One more than there is room for: then more match than are shown, and it says so.
		 */
		k->more = 0;
		if (people_search(app->db, text, rows, &k->found, &k->cause) != 0)
			k->found.n = 0;
		else if (k->found.n == rows) {
			person_free(&k->found.v[--k->found.n]);
			k->more = 1;
		}
		if (k->pos.cur > k->found.n)
			k->pos.cur = k->found.n;
		k->dirty = 0;
	}
	k->pos.page = rows;
	k->pos.last = k->found.n;
	app_title(app, k->where);
	screen_text(2, 2, k->title, COLS - 4, 0, ROLE_HEADER);
	const char *label = _("Name, kana or phone:");
	int lw = text_width(label);

	screen_text(4, 2, label, COLS - 4, 0, ROLE_NORMAL);
	screen_text(4, 3 + lw, text, COLS - 5 - lw, 0, ROLE_NORMAL);
	if (k->more)
		screen_text(5, 2,
		            _("More people match than are shown: type more of the name or kana, or "
		              "digits of the phone."),
		            COLS - 4, 0, ROLE_WARNING);
	if (k->cause != NULL)
		screen_text(6, 2, k->cause, COLS - 4, 0, ROLE_WARNING);
	else if (k->n == 0)
		screen_text(6, 2,
		            _("Type the name, family or given name, or kana (any form), or four "
		              "digits of the phone number."),
		            COLS - 4, 0, ROLE_DIM);
	for (size_t i = 0; i <= k->found.n && k->n > 0; i++) {
		int y = 6 + (int)i;
		enum role r = ui_row(y, 2, COLS - 4, i == k->pos.cur);

		if (i == k->found.n) {
			screen_text(y, 3,
			            k->found.n ? _("+ Someone else: register a new person")
			                       : _("+ Nobody found: register a new person"),
			            COLS - 6, 0, r);
			continue;
		}
		const struct person *q = &k->found.v[i];
		char born[32] = "";

		/* Namesakes told apart by their code, birth year and phone number (its end shown
		 * when it does not fit). */
		if (q->birth_year)
			snprintf(born, sizeof born, _("b. %d"), q->birth_year);
		screen_text(y, 3, q->name, 14, 0, r);
		screen_text(y, 18, q->kana, 18, 0, r);
		screen_text(y, 37, q->code, 8, 0, r);
		screen_text(y, 46, born, 9, 0, r);
		if (COLS >= 60) {
			const char *ph = q->phone;
			int w = COLS - 58 < 15 ? COLS - 58 : 15;

			while (text_width(ph) > w) /* drop whole characters from the start */
				do
					ph++;
				while (((unsigned char)*ph & 0xC0) == 0x80);
			screen_text(y, 56, ph, w, 0, r);
		}
	}
	/* The cursor after what is typed. */
	move(4, 3 + lw + (text_width(text) < COLS - 5 - lw ? text_width(text) : COLS - 5 - lw));
}

/* Change what is typed: drop the last character (ch 0), clear (Ctrl-U) or add ch. */
static enum ui_next
pick_edit(struct pick *k, wint_t ch)
{
	if (ch == 21)
		k->n = 0;
	else if (ch == 0 && k->n > 0)
		k->n--;
	else if (ch != 0 && k->n < sizeof k->buf / sizeof k->buf[0] - 1)
		k->buf[k->n++] = (wchar_t)ch;
	else
		return UI_STAY;
	k->buf[k->n] = L'\0';
	k->dirty = 1;
	k->pos.cur = 0;
	return UI_STAY;
}

static enum ui_next
pick_erase(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)ch;
	return pick_edit(state, 0);
}

static enum ui_next
pick_clear(struct app *app, void *state, wint_t ch)
{
	(void)app;
	return pick_edit(state, ch);
}

static enum ui_next
pick_type(struct app *app, void *state, int is_code, wint_t ch)
{
	(void)app;
	if (is_code || ch < 0x20 || ch == 127 || (ch >= 0x80 && ch < 0xA0))
		return UI_STAY;
	return pick_edit(state, ch);
}

/* Enter: the chosen person, or a new one registered with what was typed. */
static enum ui_next
pick_take(struct app *app, void *state, wint_t ch)
{
	struct pick *k = state;
	char text[64 * 4 + 1];

	(void)ch;
	if (k->n == 0)
		return UI_STAY;
	if (k->pos.cur < k->found.n) {
		struct person *q = &k->found.v[k->pos.cur];

		*k->p = *q;
		memset(q, 0, sizeof *q);
		k->rc = 0;
		return UI_BACK;
	}
	wcstombs(text, k->buf, sizeof text);
	if (new_person(app, k->where, text, k->p) == 0) {
		k->rc = 0;
		return UI_BACK;
	}
	/* Given up: the search goes on. */
	curs_set(1);
	k->dirty = 1;
	return UI_STAY;
}

/* Letters are typed here: only keys that type nothing act. */
static const struct ui_key pick_keys[] = {
    {.hint = N_("Type to search")},
    UI_KEYS_MOVE_CODES(N_("Up/Down: choose"), 0),
    UI_KEYS_ENTER(N_("Enter: take"), 0, pick_take),
    {.ch = 21, .hint = N_("Ctrl-U: clear"), .run = pick_clear},
    {.ch = 27, .hint = N_("Esc: give up"), .line = 1, .run = ui_key_back},
    {.code = KEY_BACKSPACE, .run = pick_erase},
    {.ch = 127, .run = pick_erase},
    {.ch = 8, .run = pick_erase},
};

static const struct ui_screen pick_screen = {UI_KEYS(pick_keys), .hint_lines = 2, .draw = pick_draw,
                                             .pos = UI_POS(struct pick, pos), .other = pick_type};

int
ui_pick_person(struct app *app, const char *where, const char *title, struct person *p)
{
	struct pick k;

	memset(&k, 0, sizeof k);
	k.where = where;
	k.title = title;
	k.dirty = 1;
	k.p = p;
	k.rc = -1;
	curs_set(1);
	ui_screen_run(app, &pick_screen, &k);
	curs_set(0);
	person_list_free(&k.found);
	free(k.cause);
	return k.rc;
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

void
ui_message_undo(int y, const char *msg, int warn, const char *undo)
{
	if (undo == NULL || msg == NULL) {
		if (msg != NULL || undo != NULL)
			ui_message(y, msg ? msg : undo, msg ? warn : 0);
		return;
	}
	if (text_width(msg) + 2 + text_width(undo) <= COLS - 4) {
		char *both = xasprintf("%s  %s", msg, undo);

		ui_message(y, both, warn);
		free(both);
		return;
	}
	screen_text(y, 2, msg, COLS - 4, 0, warn ? ROLE_WARNING : ROLE_NORMAL);
	screen_text(y + 1, 2, undo, COLS - 4, 0, ROLE_NORMAL);
}

enum role
ui_row(int y, int x, int w, int selected)
{
	if (!selected)
		return ROLE_NORMAL;
	screen_fill(y, x, w, ROLE_SELECTED);
	return ROLE_SELECTED;
}

void
ui_scroll_into_view(size_t *top, size_t cur, size_t rows)
{
	if (cur < *top)
		*top = cur;
	if (cur >= *top + rows)
		*top = cur - rows + 1;
}

/* ui_list of lines holding rows off .. : row r is line 2 + r - off. */
static size_t
list_draw(const struct strlist *lines, size_t nrows, size_t *top, size_t cur, int y, int bottom,
          int x, const unsigned char *marks, size_t off)
{
	size_t rows = bottom > y + 2 ? (size_t)(bottom - y - 2) : 1;

	ui_scroll_into_view(top, cur, rows);
	screen_text(y, x, lines->v[0], COLS - x - 1, 0, ROLE_HEADER);
	screen_text(y + 1, x, lines->v[1], COLS - x - 1, 0, ROLE_NORMAL);
	for (size_t i = 0; i < rows && *top + i < nrows; i++) {
		size_t r = *top + i;
		enum role role;

		if (r < off || 2 + r - off >= lines->n)
			break;
		role = ui_row(y + 2 + (int)i, 0, COLS, r == cur);
		if (marks != NULL && marks[r])
			screen_text(y + 2 + (int)i, 1, "*", 1, 0,
			            role == ROLE_SELECTED ? role : ROLE_WARNING);
		screen_text(y + 2 + (int)i, x, lines->v[2 + r - off], COLS - x - 1, 0, role);
	}
	return rows;
}

size_t
ui_list(const struct strlist *lines, size_t nrows, size_t *top, size_t cur, int y, int bottom,
        int x, const unsigned char *marks)
{
	return list_draw(lines, nrows, top, cur, y, bottom, x, marks, 0);
}

/* The view's rows and layout let go of, to be read and laid out again. */
static void
view_forget(struct ui_table_view *v)
{
	table_free(v->t);
	v->t = NULL;
	strlist_clear(&v->lines);
	free(v->widths);
	v->widths = NULL;
	free(v->error);
	v->error = NULL;
	v->width = -1;
}

void
ui_table_view_set(struct ui_table_view *v, struct table *t, const char *cause)
{
	view_forget(v);
	pages_free(v->src);
	v->src = NULL;
	v->error =
	    t == NULL ? xasprintf(_("Cannot read the database: %s"), cause ? cause : "") : NULL;
	v->t = t;
	if (v->pos.cur >= ui_table_view_rows(v))
		v->pos.cur = ui_table_view_rows(v) ? ui_table_view_rows(v) - 1 : 0;
}

/* The rows read either side of those in view: a page's move reads nothing, or a few pages. */
#define MARGIN(rows) ((rows)*2 > 32 ? (rows)*2 : 32)

/* Say why the list could not be read. */
static void
view_error(struct ui_table_view *v, char *cause)
{
	free(v->error);
	v->error = xasprintf(_("Cannot read the database: %s"), cause ? cause : "");
	free(cause);
}

void
ui_table_view_pages(struct ui_table_view *v, struct pages *src, const char *cause)
{
	char *why = NULL;
	int rc;

	view_forget(v);
	if (src == NULL) {
		pages_free(v->src);
		v->src = NULL;
		v->error = xasprintf(_("Cannot read the database: %s"), cause ? cause : "");
		v->pos.cur = 0;
		return;
	}
	if (v->src != NULL) {
		pages_take_window(src, v->src);
		pages_free(v->src);
		v->src = src;
		rc = pages_reload(src, MARGIN((size_t)LINES), &why);
	} else {
		v->src = src;
		rc = pages_count(src, &why);
	}
	if (rc != 0)
		view_error(v, why);
	if (v->pos.cur >= ui_table_view_rows(v))
		v->pos.cur = ui_table_view_rows(v) ? ui_table_view_rows(v) - 1 : 0;
}

size_t
ui_table_view_rows(const struct ui_table_view *v)
{
	if (v->src != NULL)
		return v->error ? 0 : v->src->count;
	return v->t ? v->t->nrows : 0;
}

const char *
ui_table_view_key(const struct ui_table_view *v)
{
	const struct pages *p = v->src;

	if (p != NULL)
		return ui_table_view_rows(v) && p->t != NULL && v->pos.cur >= p->first
		           ? table_key(p->t, v->pos.cur - p->first)
		           : NULL;
	return ui_table_view_rows(v) ? table_key(v->t, v->pos.cur) : NULL;
}

/* A list read a window at a time: the rows in view read (with a margin) and laid out. */
static void
view_pages_draw(struct ui_table_view *v, int y, int bottom, int x)
{
	struct pages *p = v->src;
	size_t rows = bottom > y + 2 ? (size_t)(bottom - y - 2) : 1;
	char *cause = NULL;

	ui_scroll_into_view(&v->top, v->pos.cur, rows);
	if (pages_window(p, v->top, v->top + rows, MARGIN(rows), &cause) != 0) {
		view_error(v, cause);
		screen_text(y, 1, v->error, COLS - 2, 0, ROLE_WARNING);
		return;
	}
	if (p->count == 0 || p->t == NULL)
		return;
	/* The list ended before its count said: the position stays on it. */
	if (v->pos.cur >= p->count)
		v->pos.cur = p->count - 1;
	if (v->width != COLS - x - 1 || v->laid != p->version) {
		v->width = COLS - x - 1;
		v->laid = p->version;
		strlist_clear(&v->lines);
		free(v->widths);
		v->widths = table_widths(p->t, v->width);
		table_lines(p->t, v->widths, v->width, &v->lines);
	}
	v->pos.page =
	    list_draw(&v->lines, p->count, &v->top, v->pos.cur, y, bottom, x, NULL, p->first);
	v->pos.last = p->count - 1;
}

void
ui_table_view_draw(struct ui_table_view *v, int y, int bottom, int x, const unsigned char *marks)
{
	size_t nrows = ui_table_view_rows(v);

	if (nrows == 0)
		return;
	if (v->src != NULL) {
		view_pages_draw(v, y, bottom, x);
		return;
	}
	if (v->width != COLS - x - 1) {
		v->width = COLS - x - 1;
		strlist_clear(&v->lines);
		free(v->widths);
		v->widths = table_widths(v->t, v->width);
		table_lines(v->t, v->widths, v->width, &v->lines);
	}
	v->pos.page = ui_list(&v->lines, nrows, &v->top, v->pos.cur, y, bottom, x, marks);
	v->pos.last = nrows - 1;
}

void
ui_table_view_status(const struct ui_table_view *v, int y, int x, const char *right)
{
	const struct table *t = v->src ? v->src->t : v->t;
	size_t rows = ui_table_view_rows(v);
	char *pos = right ? xstrdup(right) : xasprintf(_("%zu of %zu"), v->pos.cur + 1, rows);
	char *cut = NULL;
	int room = COLS - 1 - x - text_width(pos) - 2;

	if (rows > 0 && t != NULL && v->widths != NULL &&
	    !(v->src && (v->pos.cur < v->src->first || v->pos.cur - v->src->first >= t->nrows)))
		cut = table_cut(t, v->pos.cur - (v->src ? v->src->first : 0), v->widths, v->width);
	/* The chosen row's words before its number: too long beside it, they take the line (a
	 * text the screen gives stays: it says a state, as how many are marked). */
	if (cut != NULL && text_width(cut) > room && right == NULL)
		screen_text(y, x, cut, COLS - 1 - x, 0, ROLE_NORMAL);
	else {
		if (rows > 0 || right != NULL)
			screen_text_right(y, COLS - 1, pos, ROLE_DIM);
		if (cut != NULL)
			screen_text(y, x, cut, room, 0, ROLE_NORMAL);
	}
	free(cut);
	free(pos);
}

int
ui_table_view_count(const struct ui_table_view *v, int y)
{
	char *pos = xasprintf(_("%zu of %zu"), v->pos.cur + 1, ui_table_view_rows(v));
	int w = text_width(pos);

	screen_text_right(y, COLS - 1, pos, ROLE_DIM);
	free(pos);
	return w;
}

const char ui_hint_search[] = N_("/: search");
const char ui_hint_search_next[] = N_("n/N: next/previous");
const char ui_hint_search_end[] = N_("Esc: end the search");

int
ui_table_view_searchable(const struct ui_table_view *v)
{
	return v->src != NULL && v->error == NULL;
}

int
ui_table_view_searching(const struct ui_table_view *v)
{
	return v->search != NULL && ui_table_view_searchable(v);
}

void
ui_table_view_find(struct ui_table_view *v, wint_t ch, char **msg)
{
	enum pages_dir dir = ch == 'n' ? PAGES_NEXT : ch == '/' ? PAGES_FROM : PAGES_PREV;
	char *cause = NULL;
	size_t at;
	int wrapped, rc;

	*msg = NULL;
	if (ch == 27) {
		free(v->search);
		v->search = NULL;
		return;
	}
	if (ch == '/') {
		char *text = screen_prompt(_("Search:"), v->search ? v->search : "");

		if (text == NULL || text_is_blank(text)) {
			free(text);
			return;
		}
		free(v->search);
		v->search = text;
	}
	if (!ui_table_view_searchable(v) || v->search == NULL)
		return;
	rc = pages_search(v->src, v->search, v->pos.cur, dir, MARGIN((size_t)LINES), &at, &wrapped,
	                  &cause);
	if (rc < 0) {
		*msg = xasprintf(_("Cannot read the database: %s"), cause);
		free(cause);
	} else if (rc == 0)
		*msg = xasprintf(_("Not found: %s"), v->search);
	else {
		/* The row found at the top of the view, as less shows it, unless it is in view
		 * already or near the list's end. */
		size_t rows = v->pos.page ? v->pos.page : 1, n = ui_table_view_rows(v);

		if (at < v->top || at >= v->top + rows)
			v->top = n > rows && at > n - rows ? n - rows : at;
		v->pos.cur = at;
		if (wrapped)
			*msg =
			    xstrdup(dir == PAGES_PREV ? _("The search went round to the end.")
			                              : _("The search went round to the start."));
	}
}

void
ui_table_view_free(struct ui_table_view *v)
{
	table_free(v->t);
	pages_free(v->src);
	strlist_clear(&v->lines);
	free(v->widths);
	free(v->error);
	free(v->search);
	memset(v, 0, sizeof *v);
}

static void
table_screen_load(struct app *app, void *state)
{
	struct ui_table_screen *s = state;
	char *cause = NULL;

	if (s->pages != NULL) {
		struct pages *p = s->pages(app, s->arg, &cause);

		ui_table_view_pages(&s->view, p, cause);
	} else {
		struct table *t = s->load(app, s->arg, &cause);

		ui_table_view_set(&s->view, t, cause);
	}
	free(cause);
}

static void
table_screen_draw(struct app *app, void *state)
{
	struct ui_table_screen *s = state;

	app_title(app, s->title);
	if (s->view.error != NULL)
		screen_text(2, 1, s->view.error, COLS - 2, 0, ROLE_WARNING);
	else if (ui_table_view_rows(&s->view) == 0)
		screen_text(2, 1, s->empty, COLS - 2, 0, ROLE_NORMAL);
	else {
		ui_table_view_draw(&s->view, 2, LINES - 5, 1, NULL);
		ui_table_view_status(&s->view, LINES - 5, 1, NULL);
	}
	ui_message_undo(LINES - 4, s->msg, 1, s->undo.label);
}

const char *
ui_table_screen_key(void *state)
{
	return ui_table_view_key(&((struct ui_table_screen *)state)->view);
}

void
ui_table_screen_say(void *state, char *msg)
{
	struct ui_table_screen *s = state;

	free(s->msg);
	s->msg = msg;
}

enum ui_next
ui_table_screen_find(struct app *app, void *state, wint_t ch)
{
	struct ui_table_screen *s = state;
	char *msg;

	(void)app;
	ui_table_view_find(&s->view, ch, &msg);
	ui_table_screen_say(s, msg);
	return UI_STAY;
}

int
ui_table_screen_searchable(struct app *app, void *state)
{
	(void)app;
	return ui_table_view_searchable(&((struct ui_table_screen *)state)->view);
}

int
ui_table_screen_searching(struct app *app, void *state)
{
	(void)app;
	return ui_table_view_searching(&((struct ui_table_screen *)state)->view);
}

int
ui_table_screen_not_searching(struct app *app, void *state)
{
	return !ui_table_screen_searching(app, state);
}

int
ui_table_screen_run(struct app *app, struct ui_table_screen *s)
{
	struct ui_screen screen = {s->keys,
	                           s->nkeys,
	                           .hint_lines = 2,
	                           .load = table_screen_load,
	                           .draw = table_screen_draw,
	                           .pos = UI_POS(struct ui_table_screen, view.pos),
	                           .undo = UI_POS(struct ui_table_screen, undo)};
	int quit = ui_screen_run(app, &screen, s);

	ui_undo_clear(&s->undo);
	ui_table_view_free(&s->view);
	free(s->msg);
	s->msg = NULL;
	return quit;
}

/* Nonzero if line i is a table's rule of dashes. */
static int
is_rule(const struct strlist *lines, size_t i)
{
	return i < lines->n && lines->v[i][0] == '-' &&
	       strspn(lines->v[i], "-") == strlen(lines->v[i]);
}

/* Lines that stay at the top while the rest scrolls: a list's heading and its rule. */
static size_t
pinned_lines(const struct strlist *lines)
{
	return is_rule(lines, 1) ? 2 : 0;
}

static void
text_screen_load(struct app *app, void *state)
{
	struct ui_text_screen *s = state;

	(void)app;
	s->width = -1; /* filled again when drawn */
	s->pos.cur = 0;
}

static void
text_screen_draw(struct app *app, void *state)
{
	struct ui_text_screen *s = state;

	if (s->width != COLS - 2) {
		s->width = COLS - 2;
		strlist_clear(&s->lines);
		s->fill(app, s->arg, s->width, &s->lines);
	}
	const struct strlist *lines = &s->lines;
	/* A second line of hints takes a line of the body. */
	int more = s->hint_lines > 1 ? s->hint_lines - 1 : 0;
	size_t pin = pinned_lines(lines), rows = (size_t)(LINES - 4 - more) - pin;
	size_t body = lines->n - pin, top;

	s->pos.last = body > rows ? body - rows : 0;
	s->pos.page = LINES > 6 ? (size_t)(LINES - 5) : 1;
	if (s->pos.cur > s->pos.last)
		s->pos.cur = s->pos.last;
	top = s->pos.cur;
	app_title(app, s->title);
	for (size_t i = 0; i < pin; i++)
		screen_text(2 + (int)i, 1, lines->v[i], COLS - 2, 0,
		            i == 0 ? ROLE_HEADER : ROLE_NORMAL);
	for (size_t i = 0; i < rows && pin + top + i < lines->n; i++) {
		/* A table's heading is the line above its rule of dashes. */
		size_t n = pin + top + i;
		enum role r =
		    is_rule(lines, n + 1) && lines->v[n][0] != '-' ? ROLE_HEADER : ROLE_NORMAL;

		screen_text(2 + (int)(pin + i), 1, lines->v[n], COLS - 2, 0, r);
	}
	/* The undo on offer, and where the lines are (over the end of a long undo). */
	if (s->undo.label != NULL)
		screen_text(LINES - 2 - more, 1, s->undo.label, COLS - 2, 0, ROLE_NORMAL);
	if (body > rows) {
		char *pos = xasprintf(_("lines %zu-%zu of %zu"), top + 1,
		                      top + rows < body ? top + rows : body, body);

		screen_text_right(LINES - 2 - more, COLS - 1, pos, ROLE_DIM);
		free(pos);
	}
}

void *
ui_text_screen_arg(void *state)
{
	return ((struct ui_text_screen *)state)->arg;
}

static const struct ui_key read_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    UI_KEYS_BACK(N_("Esc or Left: back"), 0),
    UI_KEYS_QUIT(ui_hint_quit, 0),
};

int
ui_text_screen_run(struct app *app, struct ui_text_screen *s)
{
	struct ui_screen screen = {s->keys,
	                           s->nkeys,
	                           .hint_lines = s->hint_lines > 1 ? s->hint_lines : 1,
	                           .sep = s->sep,
	                           .load = text_screen_load,
	                           .draw = text_screen_draw,
	                           .pos = UI_POS(struct ui_text_screen, pos),
	                           .undo = UI_POS(struct ui_text_screen, undo)};
	int quit = ui_screen_run(app, &screen, s);

	strlist_clear(&s->lines);
	ui_undo_clear(&s->undo);
	return quit;
}

int
ui_read_screen_run(struct app *app, const char *title,
                   void (*fill)(struct app *app, void *arg, int width, struct strlist *lines))
{
	struct ui_text_screen s = {.title = title, .fill = fill, UI_KEYS(read_keys), .sep = "   "};

	return ui_text_screen_run(app, &s);
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
