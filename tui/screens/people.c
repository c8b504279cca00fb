/* tui/screens/people.c: a resident's record, as sumaho people show prints it: the details and
 * the history, newest first; f finds another person, e corrects the details through
 * person_edit, as sumaho people edit does. */
#include "config.h"
#include "tui/screens/people.h"

#include <stdio.h>
#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/people/people.h"
#include "models/staff/staff.h"
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

/* e: correct the details, each asked with the value it has now. */
static enum ui_next
edit_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct person p;
	char *cause = NULL, *name = NULL, *kana = NULL, *phone = NULL, *year = NULL;
	char born[16] = "";
	long birth = 0;

	(void)ch;
	if (person_find(app->db, s->code, &p, &cause) != 0) {
		say(s, xasprintf(_("Not saved: %s"), cause ? cause : s->code));
		free(cause);
		return UI_RELOAD;
	}
	if (p.birth_year)
		snprintf(born, sizeof born, "%d", p.birth_year);
	if ((name = screen_prompt(_("Name:"), p.name)) == NULL ||
	    (kana = screen_prompt(_("Kana:"), p.kana)) == NULL ||
	    (phone = screen_prompt(_("Phone:"), p.phone)) == NULL ||
	    (year = screen_prompt(_("Birth year (empty: not known):"), born)) == NULL)
		goto out;
	if (*year != '\0') {
		char *end;

		birth = strtol(year, &end, 10);
		if (*end != '\0' || birth < 1900 || birth > 2100) {
			char *why = xasprintf(_("birth year: '%s' is not a year"), year);

			say(s, xasprintf(_("Not saved: %s"), why));
			free(why);
			goto out;
		}
	}
	/* An empty year leaves a known one as it is: the record keeps what it knows. */
	struct person_change c = {name, kana, phone, (int)birth};
	int rc = person_edit(app->db, s->code, &c, app->actor, NULL, &cause);

	if (rc == 0)
		say(s, xasprintf(_("Changed the details of %s."), s->code));
	else if (rc == 1)
		say(s, xasprintf(_("No change: %s has these details already."), s->code));
	else
		say(s, xasprintf(_("Not saved: %s"), cause ? cause : ""));
out:
	free(cause);
	free(name);
	free(kana);
	free(phone);
	free(year);
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
