/* tui/screens/setup.c: venues, courses, offerings and sessions on screen: a list, and a form that
 * asks for each field with its current value, as sumaho venue|course|offering|session do. */
#include "config.h"
#include "tui/screens/setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/classes/classes.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/screens/periods.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

static const char *
kind_title(const char *kind)
{
	return strcmp(kind, "venue") == 0      ? _("Venues")
	       : strcmp(kind, "course") == 0   ? _("Courses")
	       : strcmp(kind, "offering") == 0 ? _("Offerings")
	                                       : _("Sessions");
}

/* Ask an admin why, before a change to a session in a closed month (its date before or after
 * the change: cur and vals in record_fields order) or to an offering with a session in one. */
static int
ask_reason(struct app *app, const char *kind, const char *code, const struct strlist *cur,
           const struct strlist *vals, char **why)
{
	size_t nf;
	const struct field_spec *f = record_fields(kind, &nf);

	*why = NULL;
	if (strcmp(kind, "offering") == 0 && cur->n > 0)
		return periods_reason_begin(app, NULL, code, why);
	for (size_t i = 0; strcmp(kind, "session") == 0 && i < nf; i++)
		if (strcmp(f[i].name, "date") == 0) {
			if (i < cur->n && periods_reason_begin(app, cur->v[i], NULL, why) != 0)
				return -1;
			if (*why == NULL && i < vals->n)
				return periods_reason_begin(app, vals->v[i], NULL, why);
		}
	return 0;
}

int
record_form(struct app *app, const char *kind, const char *code, char **msg)
{
	size_t nf;
	const struct field_spec *f = record_fields(kind, &nf);
	struct strlist cur = {0}, vals = {0};
	const char *names[16], *values[16];
	char *cause = NULL, *newcode = NULL;
	size_t n = 0;
	int rc = -1;

	*msg = NULL;
	if (f == NULL || nf > 16)
		return -1;
	if (code == NULL) {
		newcode = screen_prompt(_("Code of the new record (letters, digits, '-'):"), "");
		if (newcode == NULL || *newcode == '\0')
			goto out;
		code = newcode;
	} else if (record_get(app->db, kind, code, &cur, &cause) != 0) {
		*msg = cause ? cause : xasprintf(_("there is no %s '%s'"), kind, code);
		return -1;
	}
	for (size_t i = 0; i < nf; i++) {
		const char *was = i < cur.n ? cur.v[i] : "";
		char *label =
		    f[i].type == F_CHOICE
		        ? xasprintf("%s (%s):", _(f[i].label),
		                    f[i].choices[0] == ',' ? f[i].choices + 1 : f[i].choices)
		    : f[i].type == F_DATE ? xasprintf("%s (YYYY-MM-DD):", _(f[i].label))
		    : f[i].type == F_TIME ? xasprintf("%s (HH:MM):", _(f[i].label))
		    : f[i].type == F_INT
		        ? xasprintf("%s (%ld-%ld):", _(f[i].label), f[i].lo, f[i].hi)
		        : xasprintf("%s:", _(f[i].label));
		char *v = screen_prompt(label, was);

		free(label);
		if (v == NULL)
			goto out; /* Esc: nothing saved */
		strlist_add(&vals, v);
		/* A new record gets what was typed; an edit only what changed. */
		if ((newcode != NULL && (*v || f[i].required)) ||
		    (newcode == NULL && strcmp(v, was))) {
			names[n] = f[i].name;
			values[n++] = v;
		}
	}
	if (newcode == NULL && n == 0) {
		*msg = xstrdup(_("Nothing changed."));
		goto out;
	}
	char *why;

	if (ask_reason(app, kind, code, &cur, &vals, &why) != 0) {
		*msg = xstrdup(_("Not saved: no reason was given."));
		goto out;
	}
	int failed = record_save(app->db, kind, code, newcode != NULL, names, values, n, app->actor,
	                         app->role, app->reason, &cause) != 0;

	periods_reason_end(app, why);
	if (failed) {
		*msg = xasprintf(_("Not saved: %s"), cause);
		free(cause);
		goto out;
	}
	*msg = xasprintf(newcode ? _("%s added.") : _("%s saved."), code);
	rc = 0;
out:
	strlist_clear(&cur);
	strlist_clear(&vals);
	free(newcode);
	return rc;
}

int
record_cancel_ask(struct app *app, const char *kind, const char *code, char **msg)
{
	char *q = xasprintf(_("Cancel %s? It stays in the history, shown as cancelled."), code);
	char *cause = NULL, *why = NULL;
	struct strlist cur = {0};
	int yes = ui_confirm(q), failed;

	free(q);
	*msg = NULL;
	if (!yes)
		return -1;
	if (strcmp(kind, "session") == 0 && record_get(app->db, kind, code, &cur, NULL) == 0 &&
	    ask_reason(app, kind, code, &cur, &cur, &why) != 0) {
		strlist_clear(&cur);
		*msg = xstrdup(_("Not cancelled: no reason was given."));
		return -1;
	}
	strlist_clear(&cur);
	failed = record_cancel(app->db, kind, code, app->actor, app->role, app->reason, &cause);
	periods_reason_end(app, why);
	if (failed != 0) {
		*msg = xasprintf(_("Not cancelled: %s"), cause);
		free(cause);
		return -1;
	}
	*msg = xasprintf(_("%s is cancelled."), code);
	return 0;
}

void
session_undo_offer(struct app *app, struct ui_undo *u, const char *code)
{
	struct strlist v = {0};
	struct date d;
	char *what;

	/* The session's fields: offering, date, start, ... */
	if (record_get(app->db, "session", code, &v, NULL) == 0 && v.n >= 3 &&
	    date_parse(v.v[1], &d) == 0)
		what = xasprintf("%s %d/%d %s", code, d.month, d.day, v.v[2]);
	else
		what = xstrdup(code);
	ui_undo_offer(u, xasprintf(_("z: undo the cancellation of the session (%s)"), what), 0, 0,
	              code, NULL);
	free(what);
	strlist_clear(&v);
}

void
session_undo(struct app *app, struct ui_undo *u, char **msg)
{
	char *code = u->code ? xstrdup(u->code) : NULL, *cause = NULL, *why = NULL;
	struct strlist v = {0};

	ui_undo_clear(u);
	*msg = NULL;
	if (code == NULL)
		return;
	if (record_get(app->db, "session", code, &v, NULL) == 0 && v.n >= 2 &&
	    periods_reason_begin(app, v.v[1], NULL, &why) != 0)
		*msg = xstrdup(_("Not restored: no reason was given."));
	else if (session_restore(app->db, code, app->actor, app->role, app->reason, &cause) != 0)
		*msg = xasprintf(_("Not restored: %s"), cause);
	else
		*msg = xasprintf(_("%s is scheduled again."), code);
	periods_reason_end(app, why);
	strlist_clear(&v);
	free(cause);
	free(code);
}

static struct table *
load_records(struct app *app, void *kind, char **cause)
{
	return record_list(app->db, kind, cause);
}

static const char *
records_kind(void *state)
{
	return ((struct ui_table_screen *)state)->arg;
}

int
records_key(struct app *app, const char *kind, const char *code, wint_t ch, char **msg)
{
	*msg = NULL;
	if (ch == 'n')
		record_form(app, kind, NULL, msg);
	else if (code == NULL)
		return -1;
	else if (ch == 'c')
		record_cancel_ask(app, kind, code, msg);
	else
		record_form(app, kind, code, msg);
	return 0;
}

static enum ui_next
records_change(struct app *app, void *state, wint_t ch)
{
	const char *kind = records_kind(state), *code = ui_table_screen_key(state);
	char *msg;

	if (ch == 'c' && code != NULL && strcmp(kind, "session") == 0) {
		char *keep = xstrdup(code);

		if (record_cancel_ask(app, kind, keep, &msg) == 0)
			session_undo_offer(app, &((struct ui_table_screen *)state)->undo, keep);
		free(keep);
	} else if (records_key(app, kind, code, ch, &msg) != 0)
		return UI_STAY;
	ui_table_screen_say(state, msg);
	return UI_RELOAD;
}

/* z: restore the session just cancelled. */
static enum ui_next
records_undo(struct app *app, void *state, wint_t ch)
{
	char *msg;

	(void)ch;
	session_undo(app, &((struct ui_table_screen *)state)->undo, &msg);
	ui_table_screen_say(state, msg);
	return UI_RELOAD;
}

static int
records_has_undo(struct app *app, void *state)
{
	(void)app;
	return ((struct ui_table_screen *)state)->undo.label != NULL;
}

/* Offerings and sessions are cancelled; venues and courses stay. */
static int
records_cancellable(struct app *app, void *state)
{
	const char *kind = records_kind(state);

	(void)app;
	return strcmp(kind, "offering") == 0 || strcmp(kind, "session") == 0;
}

static const struct ui_key records_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    {.ch = 'n', .hint = N_("n: new"), .run = records_change},
    {.ch = 'e', .hint = N_("Enter or e: edit"), .run = records_change},
    UI_KEYS_ENTER(NULL, 0, records_change),
    {.ch = 'c', .hint = N_("c: cancel"), .run = records_change, .when = records_cancellable},
    /* Shown on the message line, with what it will do. */
    {.ch = UI_UNDO_KEY, .run = records_undo, .when = records_has_undo},
    UI_KEYS_BACK_QUIT(1),
};

int
records_run(struct app *app, const char *kind)
{
	struct ui_table_screen s = {
	    .title = kind_title(kind),
	    .empty = _("None yet: n adds one."),
	    .load = load_records,
	    UI_KEYS(records_keys),
	    .arg = (void *)kind,
	};

	return ui_table_screen_run(app, &s);
}
