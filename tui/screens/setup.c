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
#include "models/lottery/lottery.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/screens/periods.h"
#include "tui/ui/form.h"
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

/* What the form of a record knows: field 0 is the code when the record is new. */
struct record_ctx {
	const char *kind, *code; /* code: NULL for a new record (the form's field 0) */
	const struct field_spec *f;
	size_t nf, off;
	struct strlist cur; /* the record's values now, for an edit */
	const char *names[17];
};

/* The record's code: the one edited, or what is typed in field 0. */
static const char *
ctx_code(const struct record_ctx *c, const char *const *values)
{
	return c->code != NULL ? c->code : values[0];
}

/* A field as it is left: checked by record_check_field, the rule record_save applies. An
 * edit's unchanged value and a new record's empty optional one are not checked. */
static int
record_field_check(struct app *app, void *arg, size_t i, const char *const *values, char **cause)
{
	struct record_ctx *c = arg;

	if (i >= c->off) {
		const struct field_spec *f = &c->f[i - c->off];
		const char *was = i - c->off < c->cur.n ? c->cur.v[i - c->off] : "";

		if (c->code != NULL && strcmp(values[i], was) == 0)
			return 0;
		if (c->code == NULL && *values[i] == '\0' && !f->required)
			return 0;
	}
	return record_check_field(app->db, c->kind, ctx_code(c, values), c->code == NULL, c->names,
	                          values, c->nf + c->off, i, cause);
}

static int
record_form_save(struct app *app, void *arg, const char *const *values, size_t *bad, char **msg)
{
	struct record_ctx *c = arg;
	const char *names[16], *vals[16], *field = NULL;
	const char *code = ctx_code(c, values);
	struct strlist now = {0};
	char *cause = NULL, *why;
	size_t n = 0;
	int create = c->code == NULL, failed;

	for (size_t i = 0; i < c->nf; i++) {
		const char *v = values[i + c->off], *was = i < c->cur.n ? c->cur.v[i] : "";

		strlist_add(&now, xstrdup(v));
		/* A new record gets what was typed; an edit only what changed. */
		if ((create && (*v || c->f[i].required)) || (!create && strcmp(v, was))) {
			names[n] = c->f[i].name;
			vals[n++] = v;
		}
	}
	if (!create && n == 0) {
		strlist_clear(&now);
		*msg = xstrdup(_("Nothing changed."));
		return 0;
	}
	failed = ask_reason(app, c->kind, code, &c->cur, &now, &why);
	strlist_clear(&now);
	if (failed != 0) {
		*msg = xstrdup(_("Not saved: no reason was given."));
		return -1;
	}
	failed = record_save_field(app->db, c->kind, code, create, names, vals, n, app->actor,
	                           app->role, app->reason, &field, &cause) != 0;
	periods_reason_end(app, why);
	if (failed) {
		/* Back to the field refused, with everything typed kept. */
		for (size_t i = 0; field != NULL && i < c->nf + c->off; i++)
			if (strcmp(c->names[i], field) == 0)
				*bad = i;
		*msg = xasprintf(_("Not saved: %s"), cause);
		free(cause);
		return -1;
	}
	*msg = xasprintf(create ? _("%s added.") : _("%s saved."), code);
	return 0;
}

int
record_form(struct app *app, const char *kind, const char *code, char **msg)
{
	struct record_ctx c = {.kind = kind, .code = code};
	struct ui_form_field fields[17];
	char *hints[17] = {NULL}, *cause = NULL, *title;
	int rc;

	*msg = NULL;
	c.f = record_fields(kind, &c.nf);
	if (c.f == NULL || c.nf > 16)
		return -1;
	if (code != NULL && record_get(app->db, kind, code, &c.cur, &cause) != 0) {
		*msg = cause ? cause : xasprintf(_("there is no %s '%s'"), record_noun(kind), code);
		strlist_clear(&c.cur);
		return -1;
	}
	memset(fields, 0, sizeof fields);
	c.off = code == NULL;
	if (code == NULL) {
		c.names[0] = "code";
		fields[0].label = _("Code");
		fields[0].hint = _("letters, digits, '-'");
	}
	for (size_t i = 0; i < c.nf; i++) {
		const struct field_spec *f = &c.f[i];
		size_t j = i + c.off;

		c.names[j] = f->name;
		fields[j].label = _(f->label);
		fields[j].initial = i < c.cur.n ? c.cur.v[i] : "";
		hints[j] = f->type == F_CHOICE
		               ? xstrdup(f->choices[0] == ',' ? f->choices + 1 : f->choices)
		           : f->type == F_DATE ? xstrdup("YYYY-MM-DD")
		           : f->type == F_TIME ? xstrdup("HH:MM")
		           : f->type == F_INT  ? xasprintf("%ld-%ld", f->lo, f->hi)
		           : f->type == F_REF  ? xasprintf(_("code of the %s"), _(f->noun))
		                               : NULL;
		fields[j].hint = hints[j];
	}
	title = code == NULL ? xasprintf(_("New: %s"), kind_title(kind))
	                     : xasprintf("%s: %s", kind_title(kind), code);

	struct ui_form form = {.where = kind_title(kind),
	                       .title = title,
	                       .fields = fields,
	                       .n = c.nf + c.off,
	                       .check = record_field_check,
	                       .save = record_form_save,
	                       .arg = &c};

	rc = ui_form_run(app, &form, msg);
	ui_form_clear(&form);
	for (size_t i = 0; i < c.nf + c.off; i++)
		free(hints[i]);
	free(title);
	strlist_clear(&c.cur);
	return rc == 0 ? 0 : -1;
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
	else {
		struct lottery_config cfg = app_lottery_config(app);
		struct strlist lines = {0};

		if (lottery_session_restore(app->db, code, &app->today, &cfg, &lines, &cause) != 0)
			*msg = xasprintf(_("Not restored: %s"), cause);
		else {
			/* What was not given back to an erased person is said with it. */
			*msg = xasprintf(_("%s is scheduled again."), code);
			for (size_t i = 0; i < lines.n; i++) {
				char *more = xasprintf("%s %s", *msg, lines.v[i]);

				free(*msg);
				*msg = more;
			}
		}
		strlist_clear(&lines);
	}
	periods_reason_end(app, why);
	strlist_clear(&v);
	free(cause);
	free(code);
}

/* Read as it is drawn: the rows in view and a margin. */
static struct pages *
load_records(struct app *app, void *kind, char **cause)
{
	return record_pages(app->db, kind, cause);
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
    /* n is the next match while a search is on. */
    {.ch = 'n', .hint = N_("n: new"), .run = records_change, .when = ui_table_screen_not_searching},
    {.ch = 'e', .hint = N_("Enter or e: edit"), .run = records_change},
    UI_KEYS_ENTER(NULL, 0, records_change),
    {.ch = 'c', .hint = N_("c: cancel"), .run = records_change, .when = records_cancellable},
    /* Shown on the message line, with what it will do. */
    {.ch = UI_UNDO_KEY, .run = records_undo},
    UI_KEYS_SEARCH(1, ui_table_screen_find, ui_table_screen_searchable, ui_table_screen_searching),
    UI_KEYS_BACK_QUIT_WHEN(1, ui_table_screen_not_searching),
};

int
records_run(struct app *app, const char *kind)
{
	struct ui_table_screen s = {
	    .title = kind_title(kind),
	    .empty = _("None yet: n adds one."),
	    .load = NULL,
	    UI_KEYS(records_keys),
	    .arg = (void *)kind,
	    .pages = load_records,
	};

	return ui_table_screen_run(app, &s);
}
