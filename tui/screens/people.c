/* tui/screens/people.c: a resident's record, as sumaho people show prints it: the details and
 * the history, newest first; f finds another person, e corrects the details through
 * person_edit, as sumaho people edit does. */
#include "config.h"
#include "tui/screens/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/people/people.h"
#include "models/staff/staff.h"
#include "tui/ui/form.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

struct people {
	char *code; /* the person shown */
	char *msg;  /* what the last key did, shown above the record */
};

static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	struct people *s = arg;
	struct person_record r;
	char *cause = NULL;
	int rc = person_record_load(app->db, s->code, &r, &cause);

	if (s->msg != NULL) {
		strlist_add(lines, xstrdup(s->msg));
		strlist_add(lines, xstrdup(""));
	}
	if (rc != 0) {
		if (rc > 0)
			strlist_addf(lines, _("no person with code '%s'"), s->code);
		else
			strlist_addf(lines, _("Cannot read the database: %s"), cause ? cause : "");
		free(cause);
		return;
	}
	person_record_details(&r, lines);
	strlist_add(lines, xstrdup(""));
	if (r.n == 0)
		strlist_add(lines,
		            xstrdup(_("No applications, consultations or class attendance yet.")));
	else {
		struct table *t = person_history_table(&r);

		table_format(t, width, lines);
		table_free(t);
	}
	person_record_free(&r);
}

static void
say(struct people *s, char *msg)
{
	free(s->msg);
	s->msg = msg;
}

/* f: find another person. */
static enum ui_next
find_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct person p;

	(void)ch;
	if (ui_pick_person(app, _("People"), _("Whose record?"), &p) == 0) {
		free(s->code);
		s->code = xstrdup(p.code);
		say(s, NULL);
		person_free(&p);
	}
	return UI_RELOAD;
}

/* The fields of the edit form, in order, as person_check_field and person_edit name them. */
static const char *const edit_fields[] = {"name", "kana", "phone", "birth_year"};

static int
edit_check(struct app *app, void *arg, size_t i, const char *const *values, char **cause)
{
	(void)app, (void)arg;
	return person_check_field(edit_fields[i], values[i], cause);
}

static int
edit_save(struct app *app, void *arg, const char *const *values, size_t *bad, char **msg)
{
	struct people *s = arg;
	const char *field = NULL;
	char *cause = NULL;
	int birth = 0, rc;

	if (person_birth_year_parse(values[3], &birth, &cause) != 0) {
		*bad = 3;
		*msg = xasprintf(_("Not saved: %s"), cause);
		free(cause);
		return -1;
	}
	/* An empty year leaves a known one as it is: the record keeps what it knows. */
	struct person_change c = {values[0], values[1], values[2], birth};

	rc = person_edit(app->db, s->code, &c, app->actor, &field, &cause);
	if (rc == 0)
		*msg = xasprintf(_("Changed the details of %s."), s->code);
	else if (rc == 1)
		*msg = xasprintf(_("No change: %s has these details already."), s->code);
	else {
		for (size_t i = 0; field != NULL && i < 4; i++)
			if (strcmp(edit_fields[i], field) == 0)
				*bad = i;
		*msg = xasprintf(_("Not saved: %s"), cause ? cause : "");
	}
	free(cause);
	return rc == 0 || rc == 1 ? 0 : -1;
}

/* e: correct the details in a form that holds the values they have now. */
static enum ui_next
edit_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct person p;
	char *cause = NULL, *msg = NULL, *title;
	char born[16] = "";

	(void)ch;
	if (person_find(app->db, s->code, &p, &cause) != 0) {
		say(s, xasprintf(_("Not saved: %s"), cause ? cause : s->code));
		free(cause);
		return UI_RELOAD;
	}
	if (p.birth_year)
		snprintf(born, sizeof born, "%d", p.birth_year);
	struct ui_form_field fields[4] = {
	    {.label = _("Name"), .initial = p.name},
	    {.label = _("Kana"), .initial = p.kana},
	    {.label = _("Phone"), .initial = p.phone},
	    {.label = _("Birth year"), .hint = _("empty: not known"), .initial = born},
	};
	title = xasprintf(_("The details of %s"), s->code);

	struct ui_form form = {_("People"), title, fields, 4, edit_check, edit_save, s};

	if (ui_form_run(app, &form, &msg) == 0)
		say(s, msg);
	ui_form_clear(&form);
	free(title);
	person_free(&p);
	return UI_RELOAD;
}

static const struct ui_key keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    {.ch = 'f', .hint = N_("f: find a person"), .run = find_key},
    {.ch = 'e',
     .hint = N_("e: edit"),
     .run = edit_key,
     .need = ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR},
    UI_KEYS_BACK_QUIT(0),
};

int
people_run(struct app *app)
{
	struct people st = {NULL, NULL};
	struct person p;

	if (ui_pick_person(app, _("People"), _("Whose record?"), &p) != 0)
		return 0;
	st.code = xstrdup(p.code);
	person_free(&p);

	struct ui_text_screen s = {.title = _("People"), .fill = fill, UI_KEYS(keys), .arg = &st};
	int rc = ui_text_screen_run(app, &s);

	free(st.code);
	free(st.msg);
	return rc;
}
