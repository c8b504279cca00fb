/* tui/screens/consult.c: the reception's consultation screen: a day of slots per venue, booking in
 * a few keys, walk-ins, moves, cancellations and marks; it reads the day again whenever another
 * terminal commits. */
#include "config.h"
#include "tui/screens/consult.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/people/people.h"
#include "models/reports/reports.h"
#include "models/consult/consult.h"
#include "tui/screens/reminders.h"
#include "models/staff/staff.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/app.h"
#include "tui/screens/periods.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* Rows of the day: the slots start here and end above the message and the two key lines. */
#define LIST_Y    5
#define NEXT_FREE 5

struct consult {
	struct app *app;
	struct slot_venue_list venues;
	size_t vi;       /* the venue shown */
	struct date day; /* the day shown */
	struct slot_day sd;
	struct ui_pos pos; /* the selected slot */
	size_t top;        /* the first one drawn */
	char want[6];      /* the time the selection keeps from day to day and venue to venue */
	int64_t version;   /* PRAGMA data_version when the day was read */
	char *msg;         /* the last outcome, shown above the keys */
	int msg_warn;
	int64_t moving;      /* the slot whose booking is being moved, or 0 */
	char *moving_who;    /* its person, for the heading */
	char *error;         /* why the day could not be read */
	struct ui_undo undo; /* z right after a cancellation: id the slot, id2 the booking */
	/* Why the venue shown can be looked at and not changed (the account is limited to
	 * other venues: staff_may_write_venue), or NULL. */
	char *limited;
};

static void say(struct consult *c, int warn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct consult *c, int warn, const char *fmt, ...)
{
	va_list ap;

	free(c->msg);
	va_start(ap, fmt);
	c->msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->msg_warn = warn;
}

static const struct slot_venue *
venue(struct consult *c)
{
	return c->venues.n ? &c->venues.v[c->vi] : NULL;
}

/* Read the day again, the selection on the time chosen last (or the next slot after it), even
 * through days without slots. */
static void
load_day(struct consult *c)
{
	char *iso = date_iso(&c->day), *cause = NULL;

	if (c->pos.cur < c->sd.n)
		memcpy(c->want, c->sd.v[c->pos.cur].start, sizeof c->want);
	slot_day_free(&c->sd);
	free(c->error);
	c->error = NULL;
	c->version = slots_data_version(c->app->db);
	if (venue(c) != NULL && slots_day(c->app->db, venue(c)->id, iso, 1, &c->sd, &cause) != 0) {
		c->error = xasprintf(_("Cannot read the database: %s"), cause);
		free(cause);
		cause = NULL;
	}
	free(iso);
	free(c->limited);
	c->limited = NULL;
	if (venue(c) != NULL &&
	    staff_may_write_venue(c->app->db, c->app->actor, venue(c)->id, &cause) > 0) {
		c->limited = cause;
		cause = NULL;
	}
	free(cause);
	if (*c->want) {
		c->pos.cur = c->sd.n ? c->sd.n - 1 : 0;
		for (size_t i = 0; i < c->sd.n; i++)
			if (strcmp(c->sd.v[i].start, c->want) >= 0) {
				c->pos.cur = i;
				break;
			}
	}
	if (c->pos.cur >= c->sd.n)
		c->pos.cur = c->sd.n ? c->sd.n - 1 : 0;
}

static void
load_venues(struct consult *c)
{
	char *cause = NULL;
	char keep[33] = "";

	if (venue(c) != NULL)
		snprintf(keep, sizeof keep, "%s", venue(c)->code);
	slot_venue_list_free(&c->venues);
	/* The venues with consultations; every venue while none has any, to set one up. */
	if (slot_venues(c->app->db, 0, &c->venues, &cause) == 0 && c->venues.n == 0)
		slot_venues(c->app->db, 1, &c->venues, &cause);
	free(cause);
	c->vi = 0;
	if (*keep == '\0') {
		/* At first, the first of the venues the account works at. */
		struct strlist mine = {0};

		staff_venue_codes(c->app->db, c->app->actor, &mine, NULL);
		for (size_t i = 0; i < c->venues.n && *keep == '\0'; i++)
			for (size_t j = 0; j < mine.n; j++)
				if (strcmp(c->venues.v[i].code, mine.v[j]) == 0)
					snprintf(keep, sizeof keep, "%s", mine.v[j]);
		strlist_clear(&mine);
	}
	for (size_t i = 0; i < c->venues.n; i++)
		if (strcmp(c->venues.v[i].code, keep) == 0)
			c->vi = i;
}

static size_t
list_rows(void)
{
	return LINES - LIST_Y - 7 > 1 ? (size_t)(LINES - LIST_Y - 7) : 1;
}

/* The state of a slot in words (a new string). */
static char *
state_text(const struct slot_view *v)
{
	if (v->walk_in)
		return xasprintf(_("%s (walk-in)"), slot_state_label(v->state));
	return xstrdup(slot_state_label(v->state));
}

/* Column positions for this width: time, state, name, kana, phone (0: not shown), topic. */
struct cols {
	int time, state, name, kana, phone, topic, end;
};

static struct cols
columns(void)
{
	struct cols k;

	k.time = 2;
	k.state = k.time + 7;
	k.name = k.state + 19;
	k.kana = k.name + 16;
	k.phone = COLS >= 110 ? k.kana + 19 : 0;
	k.topic = k.phone ? k.phone + 15 : k.kana + 19;
	k.end = COLS - 1;
	return k;
}

static void
draw_day(struct app *app, void *state)
{
	struct consult *c = state;
	const struct slot_venue *v = venue(c);
	struct cols k = columns();
	char *day = date_format(&c->day, c->app->settings.date_style), *head;
	size_t nfree = 0, rows = list_rows();

	(void)app;
	app_title(c->app, _("Consultations"));
	for (size_t i = 0; i < c->sd.n; i++)
		nfree += c->sd.v[i].state == SLOT_FREE;
	if (v == NULL)
		head = xstrdup(_("No venues yet: import them first (sumaho import venues FILE)."));
	else if (c->limited != NULL)
		head = xasprintf("%s (%zu/%zu)   %s   %s", v->name, c->vi + 1, c->venues.n, day,
		                 _("[view only]"));
	else
		head = xasprintf("%s (%zu/%zu)   %s", v->name, c->vi + 1, c->venues.n, day);
	screen_text(2, 2, head, COLS - 4, 0, ROLE_HEADER);
	free(head);
	if (c->sd.n > 0) {
		char *f = xasprintf(_("free %zu of %zu"), nfree, c->sd.n);

		screen_text_right(2, COLS - 2, f, ROLE_HEADER);
		free(f);
	}
	if (c->moving) {
		char *m = xasprintf(_("Moving %s: choose a free slot and press Enter (Esc: stop)"),
		                    c->moving_who);

		screen_text(3, 2, m, COLS - 4, 0, ROLE_WARNING);
		free(m);
	}
	free(day);
	if (c->error != NULL)
		screen_text(LIST_Y, 2, c->error, COLS - 4, 0, ROLE_WARNING);
	else if (c->sd.n == 0 && v != NULL) {
		screen_text(LIST_Y, 2, _("No consultation slots on this day."), COLS - 4, 0,
		            ROLE_NORMAL);
		/* What this role can do about it: T and G are a coordinator's. */
		int sets_up = staff_may(app->role, ROLE_BIT_COORDINATOR);

		screen_text(LIST_Y + 2, 2,
		            v->spec && sets_up
		                ? _("] goes to the next day with slots; G creates slots from the "
		                    "venue's hours.")
		            : v->spec ? _("] goes to the next day with slots.")
		            : sets_up
		                ? _("T sets the venue's weekly hours; G then creates the slots.")
		                : _("This venue has no consultation hours yet: a coordinator "
		                    "sets them."),
		            COLS - 4, 0, ROLE_DIM);
	} else if (v != NULL) {
		screen_text(4, k.time, _("Time"), 6, 0, ROLE_HEADER);
		screen_text(4, k.state, _("Status"), k.name - k.state - 1, 0, ROLE_HEADER);
		screen_text(4, k.name, _("Name"), k.kana - k.name - 1, 0, ROLE_HEADER);
		screen_text(4, k.kana, _("Kana"), 18, 0, ROLE_HEADER);
		if (k.phone)
			screen_text(4, k.phone, _("Phone"), 14, 0, ROLE_HEADER);
		screen_text(4, k.topic, _("Topic"), k.end - k.topic, 0, ROLE_HEADER);
		ui_scroll_into_view(&c->top, c->pos.cur, rows);
		for (size_t i = 0; i < rows && c->top + i < c->sd.n; i++) {
			const struct slot_view *s = &c->sd.v[c->top + i];
			int y = LIST_Y + (int)i;
			enum role r = ui_row(y, 1, COLS - 2, c->top + i == c->pos.cur);
			char *st = state_text(s);

			if (r == ROLE_NORMAL && s->state == SLOT_CLOSED)
				r = ROLE_DIM;
			screen_text(y, k.time, s->start, 6, 0, r);
			screen_text(y, k.state, st, k.name - k.state - 1, 0, r);
			free(st);
			if (s->state == SLOT_CLOSED)
				screen_text(y, k.name, *s->reason ? s->reason : "", k.end - k.name,
				            0, r);
			else if (s->booking_id) {
				screen_text(y, k.name, s->name, k.kana - k.name - 1, 0, r);
				screen_text(y, k.kana, s->kana, 18, 0, r);
				if (k.phone)
					screen_text(y, k.phone, s->phone, 14, 0, r);
				screen_text(y, k.topic, report_topic_name(s->topic),
				            k.end - k.topic, 0, r);
			}
		}
		if (c->sd.n > rows) {
			char *pos =
			    xasprintf(_("lines %zu-%zu of %zu"), c->top + 1,
			              c->top + rows < c->sd.n ? c->top + rows : c->sd.n, c->sd.n);

			screen_text_right(3, COLS - 2, pos, ROLE_DIM);
			free(pos);
		}
	}
	/* Two lines, so that a refusal can say all of why (the monthly limit lists the bookings
	 * that count). */
	ui_message_undo(LINES - 6, c->msg, c->msg_warn, c->undo.label);
	c->pos.page = rows;
	c->pos.last = c->sd.n ? c->sd.n - 1 : 0;
}

/* "関ヶ原 2026年11月26日(木) 10:00": which slot an action is about; a new string. */
static char *
slot_title(struct consult *c, const struct slot_view *s)
{
	struct date d;
	char *day = date_parse(s->date, &d) == 0 ? date_format(&d, c->app->settings.date_style)
	                                         : xstrdup(s->date);
	char *t = xasprintf("%s  %s %s", venue(c)->name, day, s->start);

	free(day);
	return t;
}

/* The topic of a consultation: the configured list, in words. Its code, or NULL. */
static const char *
pick_topic(struct consult *c, const char *title)
{
	const struct strlist *t = &c->app->settings.topics;
	char **items = xcalloc(t->n ? t->n : 1, sizeof *items);
	int k;

	for (size_t i = 0; i < t->n; i++)
		items[i] = (char *)report_topic_name(t->v[i]);
	k = ui_choose(c->app, _("Consultations"), title, _("What is the consultation about?"),
	              items, t->n);
	free(items);
	return k < 0 ? NULL : t->v[k];
}

/* After "just taken": offer the next free slots of the venue; the chosen slot id or 0. */
static int64_t
offer_next_free(struct consult *c, int64_t slot, const char *why)
{
	struct strlist when = {0};
	int64_t ids[NEXT_FREE];
	char *cause = NULL;
	int k = -1;

	if (slots_next_free(c->app->db, slot, &c->app->today, NEXT_FREE, &when, ids, &cause) == 0 &&
	    when.n > 0) {
		char *title =
		    xasprintf("%s  %s", why, _("Book one of the next free slots instead?"));

		k = ui_choose(c->app, _("Consultations"), title, venue(c)->name, when.v, when.n);
		free(title);
	} else
		say(c, 1, "%s %s", why, _("There is no free slot later at this venue."));
	free(cause);
	strlist_clear(&when);
	return k < 0 ? 0 : ids[k];
}

/* Book the selected slot: person, topic, then the booking; a slot taken meanwhile offers the
 * next free ones for the same person and topic. */
static void
book(struct consult *c, int walk_in)
{
	const struct slot_view *s = &c->sd.v[c->pos.cur];
	char *title = slot_title(c, s), *cause = NULL;
	char *heading = xasprintf("%s  %s", walk_in ? _("Walk-in:") : _("Booking:"), title);
	struct person p;
	const char *topic;
	int64_t slot = s->slot_id;

	free(title);
	if (ui_pick_person(c->app, _("Consultations"), heading, &p) != 0) {
		free(heading);
		return;
	}
	if ((topic = pick_topic(c, heading)) == NULL) {
		person_free(&p);
		free(heading);
		return;
	}
	struct booking_rules rules = app_rules(c->app);

	for (;;) {
		enum book_result r =
		    slots_book(c->app->db, slot, p.id, topic, walk_in, &rules, &cause);

		if (r == BOOK_OK) {
			say(c, 0, walk_in ? _("Walk-in recorded: %s, %s") : _("Booked: %s, %s"),
			    p.name, report_topic_name(topic));
			break;
		}
		if (r != BOOK_TAKEN || walk_in) {
			say(c, 1, _("Not booked: %s"), cause);
			break;
		}
		char *why =
		    xasprintf(_("Someone booked this slot a moment ago at another terminal."));

		slot = offer_next_free(c, slot, why);
		free(why);
		free(cause);
		cause = NULL;
		if (slot == 0) {
			if (c->msg == NULL || !c->msg_warn)
				say(c, 1, "%s",
				    _("Not booked: the slot was taken by another terminal."));
			break;
		}
	}
	/* Follow the booking to where it went. */
	load_day(c);
	for (size_t i = 0; i < c->sd.n; i++)
		if (c->sd.v[i].slot_id == slot)
			c->pos.cur = i;
	free(cause);
	person_free(&p);
	free(heading);
}

static void
outcome(struct consult *c, enum book_result r, const char *done, char *cause)
{
	if (r == BOOK_OK)
		say(c, 0, "%s", done);
	else
		say(c, 1, "%s", cause ? cause : _("unknown error"));
	free(cause);
	load_day(c);
}

/* Go to the day typed at the prompt: YYYY-MM-DD, M/D or M-D of this year, or a date as people
 * write one (2022/8/6, 令和4年8月6日). */
static void
go_to_date(struct consult *c)
{
	char *iso = date_iso(&c->day),
	     *in = screen_prompt_narrow(_("Go to date (YYYY-MM-DD or M/D):"), iso);
	struct date d;
	int m, dd;
	char tail;

	free(iso);
	if (in == NULL)
		return;
	char *t = text_search_key(in); /* full-width digits fold to ASCII */

	if (date_parse(t, &d) == 0)
		c->day = d;
	else if ((sscanf(t, "%d/%d%c", &m, &dd, &tail) == 2 ||
	          sscanf(t, "%d-%d%c", &m, &dd, &tail) == 2) &&
	         date_valid(c->app->today.year, m, dd)) {
		c->day = (struct date){c->app->today.year, m, dd};
	} else if (date_parse_loose(in, &d, NULL, NULL) == 0)
		c->day = d; /* as people write a date: 2022/8/6, 令和4年8月6日 */
	else
		say(c, 1, _("'%s' is not a date (YYYY-MM-DD or M/D)"), in);
	free(t);
	free(in);
}

static void
edit_template(struct consult *c)
{
	const struct slot_venue *v = venue(c);
	char *cause = NULL, *label, *spec;

	if (v == NULL)
		return;
	label = xasprintf(_("Weekly hours of %s (e.g. tue,thu 10:00-12:00 13:00-16:00):"), v->name);
	spec = screen_prompt_narrow(label, v->spec ? v->spec : "");
	free(label);
	if (spec == NULL)
		return;
	if (slot_template_save(c->app->db, v->code, spec, c->app->actor, &cause) != 0)
		say(c, 1, _("Hours not saved: %s"), cause);
	else
		say(c, 0, _("Hours of %s saved. G creates the slots."), v->name);
	free(cause);
	free(spec);
	load_venues(c);
}

/* Ask for a date, offering *d; 0 with *d, -1 when given up or not a date (said). */
static int
ask_date(struct consult *c, const char *label, struct date *d)
{
	char *iso = date_iso(d), *in = screen_prompt_narrow(label, iso);
	int rc = in != NULL && date_parse(in, d) == 0 ? 0 : -1;

	if (rc != 0 && in != NULL)
		say(c, 1, _("'%s' is not a date of the form YYYY-MM-DD that exists"), in);
	free(iso);
	free(in);
	return rc;
}

static void
generate(struct consult *c)
{
	const struct slot_venue *v = venue(c);
	struct date from, to;
	struct slot_gen_result r;
	char *cause = NULL;

	if (v == NULL)
		return;
	if (v->spec == NULL) {
		say(c, 1, "%s", _("Set the venue's weekly hours first (T)."));
		return;
	}
	from = date_cmp(&c->day, &c->app->today) > 0 ? c->day : c->app->today;
	to = date_add_days(&from, 55); /* eight weeks */
	if (ask_date(c, _("Create slots from:"), &from) != 0 ||
	    ask_date(c, _("Create slots until:"), &to) != 0)
		return;
	if (slots_generate(c->app->db, v->code, &from, &to, NULL, &c->app->settings.closed,
	                   &c->app->today, c->app->actor, &r, &cause) != 0)
		say(c, 1, _("No slots created: %s"), cause);
	else
		say(c, 0,
		    _("%ld slots created (%ld already there; left out: %ld on holidays, %ld "
		      "closed)."),
		    r.created, r.existing, r.holiday, r.yearly + r.imported);
	free(cause);
	load_venues(c);
	load_day(c);
}

/* After a cancellation: z restores the booking, the status line says whose and when. */
static void
offer_undo(struct consult *c, const struct slot_view *s)
{
	struct date d;
	char *when = date_parse(s->date, &d) == 0 ? xasprintf("%d/%d %s", d.month, d.day, s->start)
	                                          : xasprintf("%s %s", s->date, s->start);
	char *what = xasprintf("%s %s", s->name ? s->name : s->person_code, when);

	ui_undo_offer(&c->undo, xasprintf(_("z: undo the cancellation (%s)"), what), s->slot_id,
	              s->booking_id, NULL, s->name);
	free(what);
	free(when);
}

/* z: restore the booking just cancelled, while its slot is free. */
static enum ui_next
undo_key(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;
	struct booking_rules rules = app_rules(app);
	char *cause = NULL, *who = NULL, *done;
	enum book_result r;

	(void)ch;
	r = slots_restore(app->db, c->undo.id, c->undo.id2, 0, &rules, &who, &cause);
	done = xasprintf(_("Cancellation undone: %s is booked again."), who ? who : "");
	if (r == BOOK_TAKEN) {
		say(c, 1, "%s", cause);
		free(cause);
		load_day(c);
	} else
		outcome(c, r, done, cause);
	free(done);
	free(who);
	ui_undo_clear(&c->undo);
	return UI_STAY;
}

static void
stop_moving(struct consult *c)
{
	c->moving = 0;
	free(c->moving_who);
	c->moving_who = NULL;
}

/* Nonzero when the day shown has a free slot (walk-ins are taken today only). */
static int
free_slot_today(const struct consult *c)
{
	for (size_t i = 0; i < c->sd.n; i++)
		if (c->sd.v[i].state == SLOT_FREE)
			return 1;
	return 0;
}

/* The keys that act on the selected slot. */
static void
act(struct consult *c, wint_t ch)
{
	const struct slot_view *s = c->pos.cur < c->sd.n ? &c->sd.v[c->pos.cur] : NULL;
	struct booking_rules rules = app_rules(c->app);
	char *cause = NULL;

	/* The booking keys say why they do nothing at a venue the account only reads. */
	if (c->limited != NULL) {
		say(c, 1, _("Not allowed here: %s."), c->limited);
		return;
	}
	if (s == NULL)
		return;
	if (c->moving && (ch == '\r' || ch == '\n')) {
		if (s->state != SLOT_FREE) {
			say(c, 1, "%s", _("Choose a free slot to move the booking to."));
			return;
		}
		enum book_result r =
		    slots_rebook(c->app->db, c->moving, s->slot_id, &rules, &cause);
		char *done = xasprintf(_("Moved %s to %s."), c->moving_who, s->start);

		if (r == BOOK_OK)
			stop_moving(c);
		outcome(c, r, done, cause);
		free(done);
		return;
	}
	if (ch == 'w') {
		/* Said at once, before a name or topic is typed. */
		int rc = slots_walk_in_check(c->app->db, s->slot_id, &c->app->today, &cause);

		if (rc == 0)
			book(c, 1);
		else if (rc > 0 && date_cmp(&c->day, &c->app->today) != 0)
			say(c, 1, _("No walk-in here: %s (t goes to today)."), cause);
		else if (rc > 0 && !free_slot_today(c))
			say(c, 1,
			    _("No walk-in here: %s, and no slot is free today at this venue."),
			    cause);
		else
			say(c, 1, _("No walk-in here: %s."), cause);
		free(cause);
		return;
	}
	if (ch == '\r' || ch == '\n') {
		if (s->state == SLOT_FREE)
			book(c, 0);
		else if (s->booking_id)
			say(c, 0, "%s",
			    _("Booked already: c cancels, m moves, a marks came, n marks "
			      "no-show."));
		else
			say(c, 1, "%s", _("This slot is closed."));
		return;
	}
	if (s->booking_id == 0) {
		say(c, 1, "%s", _("No booking on this slot."));
		return;
	}
	if (ch == 'c') {
		char *q = xasprintf(_("Cancel %s's booking at %s?"), s->name, s->start);
		int yes = s->state != SLOT_BOOKED || ui_confirm(q);

		free(q);
		if (yes) {
			/* A booking already marked is refused by the model, which says why. */
			enum book_result r = slots_cancel(c->app->db, s->slot_id, &rules, &cause);

			if (r == BOOK_OK)
				offer_undo(c, s);
			outcome(c, r, _("Booking cancelled."), cause);
		}
	} else if (ch == 'm') {
		if (s->state != SLOT_BOOKED) {
			say(c, 1, "%s", _("only a booking not yet attended can be moved"));
			return;
		}
		stop_moving(c);
		c->moving = s->slot_id;
		c->moving_who = xstrdup(s->name);
		say(c, 0, "%s", _("Go to the new slot (any day or venue) and press Enter."));
	} else if (ch == 'a' || ch == 'n' || ch == 'u') {
		const char *status = ch == 'a' ? "attended" : ch == 'n' ? "no_show" : "booked";
		char *why;

		/* A mark of a closed month's consultation is an admin's amendment. */
		if (periods_reason_begin(c->app, s->date, NULL, &why) != 0) {
			say(c, 1, "%s", _("Not changed: no reason was given."));
			return;
		}
		rules.reason = why;
		enum book_result r = slots_mark(c->app->db, s->slot_id, status, &rules, &cause);

		periods_reason_end(c->app, why);

		outcome(c, r,
		        ch == 'a'   ? _("Marked as came.")
		        : ch == 'n' ? _("Marked as no-show.")
		                    : _("Mark taken back: booked."),
		        cause);
	}
}

static void
load(struct app *app, void *state)
{
	(void)app;
	load_venues(state);
	load_day(state);
}

/* Bookings made at another terminal show within the wait for a key. */
static enum ui_next
idle(struct app *app, void *state)
{
	return slots_data_version(app->db) != ((struct consult *)state)->version ? UI_RELOAD
	                                                                         : UI_STAY;
}

/* Left, Right: the day before, the day after. */
static enum ui_next
day_step(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;

	(void)app;
	c->day = date_add_days(&c->day, ch == KEY_LEFT ? -1 : 1);
	load_day(c);
	return UI_STAY;
}

/* [ and ]: the day before or after that has slots. */
static enum ui_next
day_with_slots(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;
	char *iso, d[11];

	if (venue(c) == NULL)
		return UI_STAY;
	iso = date_iso(&c->day);
	if (slots_adjacent_day(app->db, venue(c)->id, iso, ch == ']', d, NULL) > 0) {
		date_parse(d, &c->day);
		load_day(c);
	} else
		say(c, 0, "%s",
		    ch == ']' ? _("No later day has slots.") : _("No earlier day has slots."));
	free(iso);
	return UI_STAY;
}

/* Tab, Shift-Tab: the next venue, the one before. */
static enum ui_next
venue_step(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;

	(void)app;
	if (c->venues.n == 0)
		return UI_STAY;
	c->vi = (c->vi + (ch == '\t' ? 1 : c->venues.n - 1)) % c->venues.n;
	load_day(c);
	return UI_STAY;
}

static enum ui_next
go_to(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;
	struct date before = c->day;

	(void)app;
	if (ch == 't')
		c->day = app->today;
	else
		go_to_date(c);
	if (date_cmp(&before, &c->day) != 0)
		load_day(c);
	return UI_STAY;
}

static enum ui_next
hours(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)ch;
	edit_template(state);
	return UI_STAY;
}

static enum ui_next
create_slots(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)ch;
	generate(state);
	return UI_STAY;
}

/* r: the reminder calls of the day shown when it is ahead, else of tomorrow. */
static enum ui_next
reminders(struct app *app, void *state, wint_t ch)
{
	struct consult *c = state;
	struct date day =
	    date_cmp(&c->day, &app->today) > 0 ? c->day : date_add_days(&app->today, 1);

	(void)ch;
	return reminders_run(app, &day) ? UI_QUIT : UI_RELOAD;
}

/* Opening hours and slots are set up, not booked: not reception's work. */
static enum ui_next
refused(struct app *app, void *state)
{
	(void)app;
	say(state, 1, "%s", _("Only a coordinator can set a venue's hours and create slots."));
	return UI_STAY;
}

static int
moving(struct app *app, void *state)
{
	(void)app;
	return ((struct consult *)state)->moving != 0;
}

static enum ui_next
stop_move(struct app *app, void *state, wint_t ch)
{
	(void)app, (void)ch;
	stop_moving(state);
	say(state, 0, "%s", _("Move stopped; the booking stays where it was."));
	return UI_STAY;
}

/* Enter, w, c, m, a, n, u: act on the chosen slot. */
static enum ui_next
slot_key(struct app *app, void *state, wint_t ch)
{
	(void)app;
	act(state, ch == KEY_ENTER || ch == '\r' ? '\n' : ch);
	return UI_STAY;
}

/* The keys only coordinators (and admins) may use. */
#define COORDINATOR ROLE_BIT_COORDINATOR

/* Left and Right change the day here, Esc stops a move first. */
static const struct ui_key keys[] = {
    {.ch = 27, .run = stop_move, .when = moving},
    UI_KEYS_MOVE(N_("Up/Down: slot"), 0),
    {.code = KEY_LEFT, .hint = N_("Left/Right: day"), .run = day_step},
    {.code = KEY_RIGHT, .run = day_step},
    {.ch = '[', .hint = N_("[ ]: next day with slots"), .run = day_with_slots},
    {.ch = ']', .run = day_with_slots},
    {.ch = '\t', .hint = N_("Tab: venue"), .run = venue_step},
    {.code = KEY_BTAB, .run = venue_step},
    UI_KEYS_ENTER(N_("Enter: book"), 1, slot_key),
    {.ch = 'w', .hint = N_("w: walk-in"), .line = 1, .run = slot_key},
    /* Not "c: cancel" of a session (中止): a booking is cancelled (取消); the English
     * catalog says "c: cancel". */
    {.ch = 'c', .hint = N_("c: cancel the booking"), .line = 1, .run = slot_key},
    {.ch = 'm', .hint = N_("m: move"), .line = 1, .run = slot_key},
    {.ch = 'a', .hint = N_("a: came"), .line = 1, .run = slot_key},
    {.ch = 'n', .hint = N_("n: no-show"), .line = 1, .run = slot_key},
    {.ch = 'u', .hint = N_("u: unmark"), .line = 1, .run = slot_key},
    /* Shown on the message line, with what it will do. */
    {.ch = UI_UNDO_KEY, .run = undo_key},
    {.ch = 'g', .hint = N_("g: go to date"), .line = 2, .run = go_to},
    {.ch = 't', .hint = N_("t: today"), .line = 2, .run = go_to},
    {.ch = 'r',
     .hint = N_("r: reminder calls"),
     .line = 3,
     .run = reminders,
     .need = ROLE_BIT_RECEPTION | COORDINATOR},
    {.ch = 'T', .hint = N_("T: weekly hours"), .line = 2, .run = hours, .need = COORDINATOR},
    {.ch = 'G', .hint = N_("G: create slots"), .line = 2, .run = create_slots, .need = COORDINATOR},
    UI_KEYS_BACK_QUIT(3),
};

static const struct ui_screen screen = {UI_KEYS(keys),
                                        .hint_lines = 4,
                                        .load = load,
                                        .draw = draw_day,
                                        .pos = UI_POS(struct consult, pos),
                                        .idle = idle,
                                        .refused = refused,
                                        .undo = UI_POS(struct consult, undo)};

int
consult_run(struct app *app)
{
	struct consult c;
	int quit;

	memset(&c, 0, sizeof c);
	c.app = app;
	c.day = app->today;
	quit = ui_screen_run(app, &screen, &c);
	stop_moving(&c);
	slot_day_free(&c.sd);
	slot_venue_list_free(&c.venues);
	free(c.msg);
	free(c.error);
	free(c.limited);
	ui_undo_clear(&c.undo);
	return quit;
}
