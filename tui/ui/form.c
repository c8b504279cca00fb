/* tui/ui/form.c: a form of fields on one page, each checked as it is left (tui/ui/form.h). */
#include "config.h"
#include "tui/ui/form.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/ui/keys.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* The longest value a field takes, in bytes (the feature's own rule says how long it may be). */
#define FORM_MAX_BYTES 4096

/* The state of ui_form_run. */
struct form_run {
	struct ui_form *f;
	size_t cur;     /* the field the cursor is in */
	char *msg;      /* what the form says (owned), under the fields */
	int warn;       /* msg is a refusal */
	int done;       /* save said the form is done */
	char *done_msg; /* its message (owned) */
};

static void
form_say(struct form_run *r, char *msg, int warn)
{
	free(r->msg);
	r->msg = msg;
	r->warn = warn;
}

/* The values of every field, in order (the array is the caller's; the strings the form's). */
static const char **
form_values(const struct ui_form *f)
{
	const char **v = xmalloc((f->n ? f->n : 1) * sizeof *v);

	for (size_t i = 0; i < f->n; i++)
		v[i] = f->fields[i].value;
	return v;
}

/* Check the field the cursor is in: 0 when it may be left; else it is marked and named. */
static int
form_check(struct app *app, struct form_run *r)
{
	struct ui_form *f = r->f;
	struct ui_form_field *fld = &f->fields[r->cur];
	char *cause = NULL;
	const char **values;
	int rc;

	if (f->check == NULL && f->check_field == NULL)
		return 0;
	values = form_values(f);
	rc = f->check != NULL ? f->check(app, f->arg, r->cur, values, &cause)
	                      : f->check_field(f->names[r->cur], values[r->cur], &cause);
	free(values);
	if (rc == 0) {
		if (fld->bad)
			form_say(r, NULL, 0); /* the refusal it was marked with is answered */
		fld->bad = 0;
		free(cause);
		return 0;
	}
	fld->bad = 1;
	form_say(r, xasprintf(_("%s: %s"), fld->label, cause ? cause : ""), 1);
	free(cause);
	return -1;
}

static enum ui_next
form_save(struct app *app, struct form_run *r)
{
	struct ui_form *f = r->f;
	const char **values = form_values(f);
	size_t bad = f->n;
	char *msg = NULL;
	int rc = f->save(app, f->arg, values, &bad, &msg);

	free(values);
	if (rc == 0) {
		r->done = 1;
		r->done_msg = msg;
		return UI_BACK;
	}
	/* Refused: back to the field named, everything typed kept. */
	if (bad < f->n) {
		r->cur = bad;
		f->fields[bad].bad = 1;
	}
	form_say(r, msg, 1);
	return UI_STAY;
}

/* Enter: the next field, or on the last one save. */
static enum ui_next
form_enter(struct app *app, void *state, wint_t ch)
{
	struct form_run *r = state;

	(void)ch;
	if (form_check(app, r) != 0)
		return UI_STAY;
	if (r->cur + 1 < r->f->n) {
		r->cur++;
		return UI_STAY;
	}
	return form_save(app, r);
}

/* Tab or Down: the next field; Shift-Tab or Up: the one before. */
static enum ui_next
form_move(struct app *app, void *state, wint_t ch)
{
	struct form_run *r = state;
	int back = ch == KEY_UP || ch == KEY_BTAB;

	if (form_check(app, r) != 0)
		return UI_STAY;
	if (back && r->cur > 0)
		r->cur--;
	else if (!back && r->cur + 1 < r->f->n)
		r->cur++;
	return UI_STAY;
}

/* Drop the last character of the field (Backspace), or all of it (Ctrl-U). */
static enum ui_next
form_erase(struct app *app, void *state, wint_t ch)
{
	struct form_run *r = state;
	char *v = r->f->fields[r->cur].value;
	size_t n = strlen(v);

	(void)app;
	if (r->f->fields[r->cur].choices != NULL)
		return UI_STAY; /* a choice is changed, not erased */
	if (ch == 21)
		n = 0;
	else if (n > 0)
		do
			n--;
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80);
	v[n] = '\0';
	return UI_STAY;
}

/* Space or Right: a field of choices takes the next one; Left the one before. */
static void
form_choose(struct ui_form_field *fld, int back)
{
	size_t n = 0, i = 0;

	while (fld->choices[n] != NULL)
		n++;
	while (i < n && strcmp(fld->choices[i], fld->value) != 0)
		i++;
	if (n == 0)
		return;
	i = i >= n ? 0 : back ? (i + n - 1) % n : (i + 1) % n;
	free(fld->value);
	fld->value = xstrdup(fld->choices[i]);
}

static enum ui_next
form_type(struct app *app, void *state, int is_code, wint_t ch)
{
	struct form_run *r = state;
	struct ui_form_field *fld = &r->f->fields[r->cur];
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t len, n;

	(void)app;
	if (fld->choices != NULL) {
		if ((is_code && (ch == KEY_LEFT || ch == KEY_RIGHT)) || (!is_code && ch == ' ')) {
			form_choose(fld, is_code && ch == KEY_LEFT);
			if (fld->bad)
				form_check(app, r);
		}
		return UI_STAY;
	}
	if (is_code || ch < 0x20 || ch == 127 || (ch >= 0x80 && ch < 0xA0))
		return UI_STAY;
	memset(&ps, 0, sizeof ps);
	len = wcrtomb(mb, (wchar_t)ch, &ps);
	n = strlen(fld->value);
	if (len == (size_t)-1 || n + len >= FORM_MAX_BYTES)
		return UI_STAY;
	fld->value = xrealloc(fld->value, n + len + 1);
	memcpy(fld->value + n, mb, len);
	fld->value[n + len] = '\0';
	return UI_STAY;
}

/* Esc: give up, asking first when something was typed. */
static enum ui_next
form_give_up(struct app *app, void *state, wint_t ch)
{
	struct form_run *r = state;
	int changed = 0;

	(void)app, (void)ch;
	for (size_t i = 0; i < r->f->n; i++)
		changed |= strcmp(r->f->fields[i].value, r->f->fields[i].initial) != 0;
	if (changed && !ui_confirm(_("Give up this form? What was typed is not saved.")))
		return UI_STAY;
	return UI_BACK;
}

static void
form_draw(struct app *app, void *state)
{
	struct form_run *r = state;
	struct ui_form *f = r->f;
	int lw = 0, x, cx = 0, cy = 0;

	app_title(app, f->where);
	screen_text(2, 2, f->title, COLS - 4, 0, ROLE_HEADER);
	for (size_t i = 0; i < f->n; i++)
		if (text_width(f->fields[i].label) > lw)
			lw = text_width(f->fields[i].label);
	if (lw > COLS / 3)
		lw = COLS / 3;
	x = 3 + lw + 2;
	for (size_t i = 0; i < f->n && 4 + (int)i < LINES - 5; i++) {
		const struct ui_form_field *fld = &f->fields[i];
		int y = 4 + (int)i, room = COLS - x - 1, tw = text_width(fld->value);
		const char *shown = fld->value;

		/* '!' marks a refused value, '>' the field being typed in. */
		if (fld->bad)
			screen_text(y, 1, "!", 1, 0, ROLE_WARNING);
		else if (i == r->cur)
			screen_text(y, 1, ">", 1, 0, ROLE_HEADER);
		screen_text(y, 3, fld->label, lw, 0, i == r->cur ? ROLE_HEADER : ROLE_NORMAL);
		if (i == r->cur)
			/* The field being typed in shows its end when it is longer than the room.
			 */
			while (tw > room - 1 && *shown) {
				uint32_t cp;
				int len = utf8_decode(shown, strlen(shown), &cp);

				len = len < 1 ? 1 : len;
				tw -= text_char_width(cp);
				shown += len;
			}
		screen_text(y, x, shown, room, 0, fld->bad ? ROLE_WARNING : ROLE_NORMAL);
		if (tw < room - 2 && fld->choices != NULL) {
			/* What the field chooses from, and how. */
			struct strlist all = {0};

			for (size_t k = 0; fld->choices[k] != NULL; k++)
				strlist_add(&all, xstrdup(fld->choices[k]));
			char *list = strlist_join(&all, " / ");
			/* TRANSLATORS: after a field of choices: (Space: 日本語 / English). */
			char *hint = xasprintf(_("(Space: %s)"), list);

			screen_text(y, x + tw + 2, hint, room - tw - 2, 0, ROLE_DIM);
			free(hint);
			free(list);
			strlist_clear(&all);
		} else if (tw < room - 2 && fld->hint != NULL && *fld->hint) {
			char *hint = xasprintf("(%s)", fld->hint);

			screen_text(y, x + tw + 2, hint, room - tw - 2, 0, ROLE_DIM);
			free(hint);
		}
		if (i == r->cur) {
			cy = y;
			cx = x + (tw < room ? tw : room);
		}
	}
	if (r->msg != NULL)
		ui_message(5 + (int)f->n, r->msg, r->warn);
	move(cy, cx);
}

/* Typed characters go into the field: only keys that type nothing act. */
static const struct ui_key form_keys[] = {
    UI_KEYS_ENTER(N_("Enter: next field (on the last: save)"), 0, form_enter),
    {.ch = '\t', .hint = N_("Tab/Up/Down: move"), .run = form_move},
    {.code = KEY_BTAB, .run = form_move},
    {.code = KEY_UP, .run = form_move},
    {.code = KEY_DOWN, .run = form_move},
    {.ch = 21, .hint = N_("Ctrl-U: clear"), .line = 1, .run = form_erase},
    {.code = KEY_BACKSPACE, .run = form_erase},
    {.ch = 127, .run = form_erase},
    {.ch = 8, .run = form_erase},
    {.ch = 27, .hint = N_("Esc: give up"), .line = 1, .run = form_give_up},
};

static const struct ui_screen form_screen = {UI_KEYS(form_keys), .hint_lines = 2, .draw = form_draw,
                                             .other = form_type};

int
ui_form_run(struct app *app, struct ui_form *form, char **msg)
{
	struct form_run r = {form, 0, NULL, 0, 0, NULL};
	int quit;

	*msg = NULL;
	for (size_t i = 0; i < form->n; i++) {
		struct ui_form_field *fld = &form->fields[i];

		if (fld->initial == NULL)
			fld->initial = "";
		if (fld->choices != NULL && fld->choices[0] != NULL) {
			size_t k = 0;

			while (fld->choices[k] != NULL &&
			       strcmp(fld->choices[k], fld->initial) != 0)
				k++;
			if (fld->choices[k] == NULL)
				fld->initial = fld->choices[0];
		}
		free(fld->value);
		fld->value = xstrdup(fld->initial);
		fld->bad = 0;
	}
	curs_set(1);
	quit = ui_screen_run(app, &form_screen, &r);
	curs_set(0);
	free(r.msg);
	if (r.done) {
		*msg = r.done_msg;
		return 0;
	}
	free(r.done_msg);
	return quit ? 1 : -1;
}

void
ui_form_clear(struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++) {
		free(form->fields[i].value);
		form->fields[i].value = NULL;
	}
}
