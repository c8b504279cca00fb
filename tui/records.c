/* tui/records.c: venues, courses, offerings and sessions on screen: a list, and a form that
 * asks for each field with its current value, as sumaho venue|course|offering|session do. */
#include "config.h"
#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/i18n.h"
#include "models/records.h"
#include "models/table.h"
#include "models/text.h"
#include "models/util.h"
#include "screen.h"
#include "widgets.h"

static const char *
kind_title(const char *kind)
{
	return strcmp(kind, "venue") == 0      ? _("Venues")
	       : strcmp(kind, "course") == 0   ? _("Courses")
	       : strcmp(kind, "offering") == 0 ? _("Offerings")
	                                       : _("Sessions");
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
		char *label = f[i].type == F_CHOICE
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
		if ((newcode != NULL && (*v || f[i].required)) || (newcode == NULL && strcmp(v, was))) {
			names[n] = f[i].name;
			values[n++] = v;
		}
	}
	if (newcode == NULL && n == 0) {
		*msg = xstrdup(_("Nothing changed."));
		goto out;
	}
	if (record_save(app->db, kind, code, newcode != NULL, names, values, n, app->actor,
	                &cause) != 0) {
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
	char *cause = NULL;
	int yes = ui_confirm(q);

	free(q);
	*msg = NULL;
	if (!yes)
		return -1;
	if (record_cancel(app->db, kind, code, app->actor, &cause) != 0) {
		*msg = xasprintf(_("Not cancelled: %s"), cause);
		free(cause);
		return -1;
	}
	*msg = xasprintf(_("%s is cancelled."), code);
	return 0;
}

int
records_run(struct app *app, const char *kind)
{
	struct table *t = NULL;
	struct strlist lines = {0};
	size_t cur = 0, top = 0;
	int reload = 1, width = -1, quit = 0;
	char *msg = NULL, *error = NULL;
	size_t nf;
	int cancellable = strcmp(kind, "offering") == 0 || strcmp(kind, "session") == 0;

	(void)record_fields(kind, &nf);
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
			t = record_list(app->db, kind, &cause);
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
			app_title(app, kind_title(kind));
			if (error != NULL)
				screen_text(2, 1, error, COLS - 2, 0, ROLE_WARNING);
			else if (nrows == 0)
				screen_text(2, 1, _("None yet: n adds one."), COLS - 2, 0, ROLE_NORMAL);
			else {
				rows = ui_list(&lines, nrows, &top, cur, 2, LINES - 5, 1, NULL);
				char *pos = xasprintf(_("%zu of %zu"), cur + 1, nrows);

				screen_text_right(LINES - 5, COLS - 1, pos, ROLE_DIM);
				free(pos);
			}
			if (msg != NULL)
				ui_message(LINES - 4, msg, 1);
			ui_keys(cancellable ? _("Up/Down: choose  n: new  Enter or e: edit  c: cancel")
			                    : _("Up/Down: choose  n: new  Enter or e: edit"),
			        _("Esc: back  q: quit"), NULL);
		}
		rc = ui_next_key(&is_code, &ch, &quit);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		if (screen_move_key(is_code, ch, &cur, rows, nrows ? nrows - 1 : 0))
			continue;
		const char *code = nrows ? table_cell(t, cur, 0) : NULL;
		char *m = NULL;

		if (!is_code && ch == 'n')
			record_form(app, kind, NULL, &m);
		else if (code != NULL && ((is_code && ch == KEY_ENTER) ||
		                          (!is_code && (ch == 'e' || ch == '\r' || ch == '\n'))))
			record_form(app, kind, code, &m);
		else if (code != NULL && cancellable && !is_code && ch == 'c')
			record_cancel_ask(app, kind, code, &m);
		else
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
