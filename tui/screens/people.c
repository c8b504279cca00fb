/* tui/screens/people.c: a resident's record, as sumaho people show prints it: the details and
 * the history, newest first; f finds another person, e corrects the details through
 * person_edit, as sumaho people edit does; c and v cancel or move one of the person's
 * consultations to come (the consult feature's slots_cancel and slots_rebook; z right after a
 * cancellation books it again, slots_restore); m merges another
 * record of the same person into this one (person_merge), x erases the personal data on the
 * resident's request (person_erase), each after a confirmation. */
#include "config.h"
#include "tui/screens/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/consult/consult.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/lottery/lottery.h"
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
		/* A message of several lines (what a merge settled) is shown line by line, each
		 * wrapped at the width (continued two columns in). */
		for (const char *m = s->msg; *m != '\0';) {
			size_t n = strcspn(m, "\n");
			char *line = xstrndup(m, n);
			const char *rest = line;
			int first = 1;

			while (*rest != '\0') {
				int w = first ? width : width - 2;
				size_t cut = text_prefix_bytes(rest, w > 10 ? w : 10);

				if (cut == 0)
					cut = strlen(rest);
				strlist_addf(lines, "%s%.*s", first ? "" : "  ", (int)cut, rest);
				rest += cut;
				first = 0;
			}
			free(line);
			m += n + (m[n] == '\n');
		}
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
static const char *const edit_fields[] = {"name", "kana", "phone", "birth_year", "language"};
#define EDIT_NFIELDS (sizeof edit_fields / sizeof edit_fields[0])

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
	struct person_change c = {values[0], values[1], values[2], birth, values[4]};

	rc = person_edit(app->db, s->code, &c, app->actor, &field, &cause);
	if (rc == 0)
		*msg = xasprintf(_("Changed the details of %s."), s->code);
	else if (rc == 1)
		*msg = xasprintf(_("No change: %s has these details already."), s->code);
	else {
		for (size_t i = 0; field != NULL && i < EDIT_NFIELDS; i++)
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
	struct person_record r;
	char *cause = NULL, *msg = NULL, *title;
	char born[16] = "";
	const char *languages[] = {person_language_name("ja"), person_language_name("en"), NULL};

	(void)ch;
	if (person_record_load(app->db, s->code, &r, &cause) != 0) {
		say(s, xasprintf(_("Not saved: %s"), cause ? cause : s->code));
		free(cause);
		return UI_RELOAD;
	}
	if (r.p.birth_year)
		snprintf(born, sizeof born, "%d", r.p.birth_year);
	struct ui_form_field fields[EDIT_NFIELDS] = {
	    {.label = _("Name"), .initial = r.p.name},
	    {.label = _("Kana"), .initial = r.p.kana},
	    {.label = _("Phone"), .initial = r.p.phone},
	    {.label = _("Birth year"), .hint = _("empty: not known"), .initial = born},
	    {.label = _("Language"),
	     .initial = person_language_name(r.language),
	     .choices = languages},
	};
	title = xasprintf(_("The details of %s"), s->code);

	if (ui_person_form_run(app, _("People"), title, fields, edit_fields, EDIT_NFIELDS,
	                       edit_save, s, &msg) == 0)
		say(s, msg);
	free(title);
	person_record_free(&r);
	return UI_RELOAD;
}

/* The person's consultations to come, to choose one of (heading says what for): its slot id
 * (its booking's id into *booking when not NULL), 0 when there is none (said) or none was
 * chosen. */
static int64_t
choose_booking(struct app *app, struct people *s, const char *heading, char **label,
               int64_t *booking)
{
	struct strlist when = {0};
	struct person_booking *slots = NULL;
	int64_t slot = 0;
	char *cause = NULL;
	long n = person_upcoming_bookings(app->db, s->code, &app->today, &when, &slots, &cause);

	if (n < 0)
		say(s, xasprintf(_("Cannot read the database: %s"), cause ? cause : ""));
	else if (n == 0)
		say(s, xasprintf(_("%s has no consultation booked from today on."), s->code));
	else {
		int k = ui_choose(app, _("People"), heading, s->code, when.v, when.n);

		if (k >= 0) {
			slot = slots[k].slot;
			if (booking != NULL)
				*booking = slots[k].booking;
			if (label != NULL)
				*label = xstrdup(when.v[k]);
		}
	}
	free(cause);
	free(slots);
	strlist_clear(&when);
	return slot;
}

/* What a booking operation came to, as the record's message. */
static void
booking_outcome(struct people *s, enum book_result r, const char *done, char *cause)
{
	if (r == BOOK_OK)
		say(s, xstrdup(done));
	else
		say(s, xasprintf(_("Not changed: %s"), cause ? cause : ""));
	free(cause);
}

/* c: cancel one of the person's consultations to come. */
static enum ui_next
cancel_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct booking_rules rules = app_rules(app);
	char *cause = NULL;
	int64_t slot, booking = 0;

	(void)ch;
	char *label = NULL, *q;

	if ((slot = choose_booking(app, s, _("Which consultation is cancelled?"), &label,
	                           &booking)) == 0)
		return UI_RELOAD;
	/* Asked first, as on the Consultations screen; then z undoes it, as there. */
	q = xasprintf(_("Cancel %s's consultation %s?"), s->code, label);
	if (ui_confirm(q)) {
		enum book_result r = slots_cancel(app->db, slot, &rules, &cause);

		booking_outcome(s, r, _("Booking cancelled."), cause);
		if (r == BOOK_OK)
			ui_undo_offer(&((struct ui_text_screen *)state)->undo,
			              xasprintf(_("z: undo the cancellation (%s)"), label), slot,
			              booking, NULL, NULL);
	}
	free(q);
	free(label);
	return UI_RELOAD;
}

/* z: book the consultation just cancelled again, while its slot is free. */
static enum ui_next
undo_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct ui_undo *u = &((struct ui_text_screen *)state)->undo;
	struct booking_rules rules = app_rules(app);
	char *cause = NULL, *who = NULL;

	(void)ch;
	enum book_result r = slots_restore(app->db, u->id, u->id2, 0, &rules, &who, &cause);
	char *done = xasprintf(_("Cancellation undone: %s is booked again."), who ? who : "");

	booking_outcome(s, r, done, cause);
	free(done);
	free(who);
	ui_undo_clear(u);
	return UI_RELOAD;
}

/* v: move one of the person's consultations to come to one of the next free slots. */
static enum ui_next
move_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct booking_rules rules = app_rules(app);
	struct strlist when = {0};
	int64_t slot, to[9];
	char *cause = NULL;
	int k;

	(void)ch;
	if ((slot = choose_booking(app, s, _("Which consultation is moved?"), NULL, NULL)) == 0)
		return UI_RELOAD;
	if (slots_next_free(app->db, slot, &app->today, 9, &when, to, &cause) != 0) {
		say(s, xasprintf(_("Cannot read the database: %s"), cause ? cause : ""));
		free(cause);
		return UI_RELOAD;
	}
	if (when.n == 0)
		say(s, xstrdup(_("No free slot after it at that venue.")));
	else if ((k = ui_choose(app, _("People"), _("Move it to which slot?"), s->code, when.v,
	                        when.n)) >= 0)
		booking_outcome(s, slots_rebook(app->db, slot, to[k], &rules, &cause),
		                _("Booking moved."), cause);
	strlist_clear(&when);
	return UI_RELOAD;
}

/* m: merge another record of the same person into this one. */
static enum ui_next
merge_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct lottery_config cfg = app_lottery_config(app);
	struct person_merge_result r;
	struct strlist notes = {0};
	struct person p;
	char *cause = NULL, *q;

	(void)ch;
	if (ui_pick_person(app, _("People"), _("Which other record is the same person?"), &p) != 0)
		return UI_RELOAD;
	q = xasprintf(_("Merge %s (%s) into %s?"), p.code, p.name, s->code);
	if (ui_confirm(q)) {
		if (person_merge(app->db, s->code, p.code, 0, &cfg, &r, &notes, &cause) == 0) {
			char *m =
			    xasprintf(_("Merged %s into %s. Moved: applications %ld, bookings "
			                "%ld, roll-call marks %ld."),
			              p.code, s->code, r.applications, r.bookings, r.marks);

			for (size_t i = 0; i < notes.n; i++) {
				char *more = xasprintf("%s\n  %s", m, notes.v[i]);

				free(m);
				m = more;
			}
			say(s, m);
		} else
			say(s, xasprintf(_("Not merged: %s"), cause ? cause : ""));
	}
	free(q);
	free(cause);
	strlist_clear(&notes);
	person_free(&p);
	return UI_RELOAD;
}

/* x: erase the personal data on the resident's request (個人情報の削除). */
static enum ui_next
erase_key(struct app *app, void *state, wint_t ch)
{
	struct people *s = ui_text_screen_arg(state);
	struct strlist pending = {0};
	char *cause = NULL, *q;

	(void)ch;
	q = xasprintf(_("Erase the name, kana, phone and birth year of %s for good?"), s->code);
	if (ui_confirm(q)) {
		int rc = person_erase(app->db, s->code, &app->today, app->actor, &pending, &cause);

		if (rc == 0)
			say(s, xasprintf(_("Erased the personal data of %s; its anonymous record "
			                   "stays for the counts."),
			                 s->code));
		else if (rc == 1)
			say(s, xstrdup(cause ? cause : ""));
		else {
			char *m = xasprintf(_("Not erased: %s"), cause ? cause : "");

			for (size_t i = 0; i < pending.n; i++) {
				char *more = xasprintf("%s\n  %s", m, pending.v[i]);

				free(m);
				m = more;
			}
			say(s, m);
		}
	}
	free(q);
	free(cause);
	strlist_clear(&pending);
	return UI_RELOAD;
}

static const struct ui_key keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    {.ch = 'f', .hint = N_("f: find a person"), .run = find_key},
    {.ch = 'e', .hint = N_("e: edit"), .run = edit_key, .need = ROLE_BITS_DESK},
    {.ch = 'c',
     .hint = N_("c: cancel booking"),
     .line = 1,
     .run = cancel_key,
     .need = ROLE_BITS_DESK},
    {.ch = 'v', .hint = N_("v: move booking"), .line = 1, .run = move_key, .need = ROLE_BITS_DESK},
    {.ch = 'm',
     .hint = N_("m: merge duplicate"),
     .line = 1,
     .run = merge_key,
     .need = ROLE_BITS_DESK},
    {.ch = 'x',
     .hint = N_("x: erase data"),
     .line = 1,
     .run = erase_key,
     .need = ROLE_BIT_COORDINATOR},
    {.ch = UI_UNDO_KEY, .run = undo_key, .need = ROLE_BITS_DESK},
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

	struct ui_text_screen s = {
	    .title = _("People"), .fill = fill, UI_KEYS(keys), .hint_lines = 2, .arg = &st};
	int rc = ui_text_screen_run(app, &s);

	free(st.code);
	free(st.msg);
	return rc;
}
