/* tui/screens/kiosk.c: the lobby kiosk (sumaho --kiosk). Residents read upcoming classes and free
 * consultation times in large, high-contrast type; a handful of keys, a legend in words, an
 * idle reset, no way out without a staff PIN, and nothing personal: the database connection
 * refuses to read residents' records (kiosk_guard). */
#include "config.h"
#include "tui/screens/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "tui/screens/login.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/formats/ical.h"
#include "models/kiosk/kiosk.h"
#include "models/formats/qr.h"
#include "models/consult/consult.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/ui/keys.h"
#include "tui/ui/screen.h"

/* The staff key: Ctrl-X, which no resident needs; it only asks for a staff ID and PIN. */
#define KEY_STAFF 0x18
/* Keys read at once from which on the input is taken for a paste and dropped. */
#define BURST_KEYS 6
/* The database is read again at least this often (the date and "today's" slots move on). */
#define RELOAD_SECONDS 30

enum page { PAGE_HOME, PAGE_CLASS, PAGE_VENUE, PAGE_QR };

struct kiosk {
	struct app *app;
	struct kiosk_view v;
	char *error; /* the database could not be read: said kindly, and tried again */
	int english; /* the language key was pressed */
	enum page page;
	size_t sel, top; /* home: the chosen item (classes, then venues), the first shown */
	size_t scroll;   /* the first line shown of a class's or venue's page */
	int which_qr;    /* 0: calendar, 1: the application page */
	struct qr *qr;   /* the code shown on the QR page */
	int qr_tried;
	time_t loaded, last_key;
	int64_t version;
	int preview;              /* shown from the staff screens: Ctrl-X leaves without a PIN */
	size_t vtop;              /* home: the first venue shown */
	int namew;                /* home: the width of the venues' name column */
	int staff_failures;       /* wrong PINs at this kiosk */
	time_t staff_pause_until; /* no sign-in before then: 15 s after the first, doubling */
	char *legend_back;        /* "Backspace or Esc: back    E: English", made for each draw */
	int warn;                 /* the seconds the idle warning shows, or 0 */
};

static void
set_language(int english)
{
	app_set_language(english ? "en" : "ja");
}

static size_t
nitems(const struct kiosk *k)
{
	return k->v.nclasses + k->v.nvenues;
}

static void
drop_qr(struct kiosk *k)
{
	qr_free(k->qr);
	k->qr = NULL;
	k->qr_tried = 0;
}

static void
load(struct kiosk *k)
{
	struct app *app = k->app;
	char *cause = NULL, *keep = NULL;
	time_t now = clock_now();
	int now_min = clock_minutes();

	/* Keep the chosen class (by its code) or venue (by its name) across a reload. */
	int keep_venue = k->sel >= k->v.nclasses && k->sel < nitems(k);

	if (k->sel < k->v.nclasses)
		keep = xstrdup(k->v.classes[k->sel].offering);
	else if (keep_venue)
		keep = xstrdup(k->v.venues[k->sel - k->v.nclasses].name);
	/* Today's slots that have begun are gone. */
	app->today = clock_today();
	k->version = slots_data_version(app->db);
	kiosk_view_free(&k->v);
	free(k->error);
	k->error = NULL;
	if (kiosk_load(app->db, &app->today, now_min, app->settings.kiosk_class_days,
	               app->settings.kiosk_slot_days, &k->v, &cause) != 0)
		k->error = cause;
	k->loaded = now;
	if (keep != NULL && !keep_venue) {
		for (size_t i = 0; i < k->v.nclasses; i++)
			if (strcmp(k->v.classes[i].offering, keep) == 0)
				k->sel = i;
	} else if (keep != NULL) {
		size_t i = 0;

		while (i < k->v.nvenues && strcmp(k->v.venues[i].name, keep) != 0)
			i++;
		/* A venue with no slots left in the window is gone: back to the first screen. */
		if (i < k->v.nvenues)
			k->sel = k->v.nclasses + i;
		else if (k->page == PAGE_VENUE) {
			k->page = PAGE_HOME;
			k->sel = 0;
		}
	}
	free(keep);
	if (k->sel >= nitems(k))
		k->sel = nitems(k) > 0 ? nitems(k) - 1 : 0;
	if ((k->page == PAGE_CLASS || k->page == PAGE_QR) && k->sel >= k->v.nclasses)
		k->page = PAGE_HOME;
	if (k->page == PAGE_VENUE && k->sel < k->v.nclasses)
		k->page = PAGE_HOME;
	drop_qr(k);
}

/* Back to the first screen in Japanese, as the next resident expects it. */
static void
reset(struct kiosk *k)
{
	k->page = PAGE_HOME;
	k->sel = k->top = k->scroll = k->vtop = 0;
	k->which_qr = 0;
	drop_qr(k);
	if (k->english) {
		k->english = 0;
		set_language(0);
	}
}

static int
at_rest(const struct kiosk *k)
{
	return k->page == PAGE_HOME && k->sel == 0 && !k->english;
}

/* "11月24日(火)" or "Tue 11/24". */
static char *
short_date(const struct date *d)
{
	static const char *const wd[] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
	                                 N_("Thu"), N_("Fri"), N_("Sat")};

	/* TRANSLATORS: month, day, weekday, e.g. 11月24日(火). */
	return xasprintf(_("%1$d/%2$d (%3$s)"), d->month, d->day, _(wd[date_weekday(d)]));
}

/* Break s into lines of at most width columns: at spaces for words, anywhere in Japanese. */
static void
wrap(const char *s, int width, struct strlist *out)
{
	while (*s != '\0') {
		size_t n = text_prefix_bytes(s, width);

		if (n == 0)
			break;
		if (s[n] != '\0') {
			size_t sp = n;

			while (sp > 0 && s[sp] != ' ')
				sp--;
			if (sp > n / 2)
				n = sp;
		}
		strlist_add(out, xstrndup(s, n));
		s += n;
		while (*s == ' ')
			s++;
	}
}

static enum role
seats_role(enum kiosk_seats s)
{
	switch (s) {
	case KIOSK_OPEN: return ROLE_K_OPEN;
	case KIOSK_FEW:
	case KIOSK_LOTTERY: return ROLE_K_FEW;
	case KIOSK_FULL:
	case KIOSK_CANCELLED: return ROLE_K_FULL;
	default: return ROLE_K_OTHER;
	}
}

static void
title_bar(const struct kiosk *k, const char *left)
{
	time_t now = clock_now();
	struct tm tm;
	char *day = short_date(&k->app->today), *right;

	if (localtime_r(&now, &tm) != NULL)
		right = xasprintf("%s  %02d:%02d", day, tm.tm_hour, tm.tm_min);
	else
		right = xstrdup(day);
	screen_bar(0, left, right, ROLE_K_TITLE);
	free(day);
	free(right);
}

/* The legend: two lines at the bottom, in words. */
static void
legend(const char *line1, const char *line2)
{
	screen_bar(LINES - 2, line1, NULL, ROLE_K_KEYS);
	screen_bar(LINES - 1, line2, NULL, ROLE_K_KEYS);
}

static const char *
language_key(const struct kiosk *k)
{
	/* Not translated: each is written in the language it offers, so that its reader can
	 * find it whatever the screen's language. */
	return k->english ? "J: 日本語" : "E: English";
}

/* The date and time of a class's next session and how many there are. */
static char *
class_when(const struct kiosk_class *c)
{
	if (c->nsessions == 0)
		return xstrdup("");
	/* The next session that takes place, or the first when all are cancelled. */
	const struct kiosk_session *s = &c->sessions[0];

	for (size_t i = 0; i < c->nsessions; i++)
		if (!c->sessions[i].cancelled) {
			s = &c->sessions[i];
			break;
		}
	char *d = short_date(&s->date), *when;

	if (c->nsessions > 1)
		when =
		    xasprintf(P_("%s %s-%s (%zu session)", "%s %s-%s (%zu sessions)", c->nsessions),
		              d, s->start, s->end, c->nsessions);
	else
		when = xasprintf("%s %s-%s", d, s->start, s->end);
	free(d);
	return when;
}

static char *
venue_summary(const struct kiosk *k, const struct kiosk_venue *v)
{
	for (size_t i = 0; i < v->ndays; i++)
		if (v->days[i].times.n > 0) {
			char *d = short_date(&v->days[i].date);
			char *s = xasprintf(
			    P_("next free %s %s, %zu free time in %d days",
			       "next free %s %s, %zu free times in %d days", v->free),
			    d, v->days[i].times.v[0], v->free, k->app->settings.kiosk_slot_days);

			free(d);
			return s;
		}
	return xasprintf(P_("no free time in the next %d day", "no free time in the next %d days",
	                    k->app->settings.kiosk_slot_days),
	                 k->app->settings.kiosk_slot_days);
}

/* The width of the home screen's lists: the terminal's, but no wider than a reader's eye
 * follows a line from a title to its seats. */
static int
list_width(void)
{
	return COLS - 4 < 100 ? COLS - 4 : 100;
}

/* One item of the home screen at y: a class takes two lines, a venue one. */
static int
draw_item(const struct kiosk *k, size_t i, int y, int selected)
{
	int w = list_width();
	enum role text = selected ? ROLE_K_SELECTED : ROLE_K_TEXT;

	if (selected) {
		attrset(screen_attr(ROLE_K_SELECTED));
		mvhline(y, 1, ' ', w + 2);
		if (i < k->v.nclasses)
			mvhline(y + 1, 1, ' ', w + 2);
		attrset(A_NORMAL);
	}
	if (i < k->v.nclasses) {
		const struct kiosk_class *c = &k->v.classes[i];
		const char *label = kiosk_seats_label(c->seats);
		int lw = text_width(label);
		char *when = class_when(c), *where = xasprintf("%s  %s", when, c->venue);

		screen_text_right(y, 2 + w, label, selected ? text : seats_role(c->seats));
		screen_text(y, 2, c->title, w - lw - 2, 0, text);
		screen_text(y + 1, 4, where, w - 2, 0, text);
		free(when);
		free(where);
		return 2;
	}
	const struct kiosk_venue *v = &k->v.venues[i - k->v.nclasses];
	char *summary = venue_summary(k, v);
	int nw = k->namew;

	screen_text(y, 2, v->name, nw, 0, text);
	screen_text(y, 2 + nw + 3, summary, w - nw - 3, 0,
	            selected      ? text
	            : v->free > 0 ? ROLE_K_OPEN
	                          : ROLE_K_OTHER);
	free(summary);
	return 1;
}

static void
draw_home(struct kiosk *k)
{
	int bottom = LINES - 3; /* the last line the lists may use */
	int y = 2, gap;
	size_t nc = k->v.nclasses, nv = k->v.nvenues;

	title_bar(k, _("Smartphone classes and consultations: what is on"));
	if (k->error != NULL) {
		struct strlist l = {0};

		wrap(_("The schedule cannot be shown just now. Please ask at the reception desk."),
		     COLS - 8, &l);
		for (size_t i = 0; i < l.n; i++)
			screen_text(4 + (int)i, 4, l.v[i], COLS - 8, 0, ROLE_K_HEADER);
		strlist_clear(&l);
		legend(language_key(k), "");
		return;
	}
	/* The consultations keep their lines at the foot, a third of the height at most, the
	 * classes above them; each list scrolls to keep the chosen item in view. */
	size_t vmax = (size_t)((bottom - 1) / 3 - 2 > 2 ? (bottom - 1) / 3 - 2 : 2);
	size_t vrows = nv == 0 ? 1 : nv < vmax ? nv : vmax;
	int consult_rows = 2 + (int)vrows;
	int class_top = y + 2, class_bottom = bottom - consult_rows - 1;

	/* A blank line between classes when everything fits with it. */
	gap = (int)nc * 3 - 1 <= class_bottom - class_top + 1 ? 1 : 0;
	screen_text(y, 2, _("Smartphone classes coming up"), COLS - 4, 0, ROLE_K_HEADER);
	if (nc == 0)
		screen_text(class_top, 4, _("No classes are planned at the moment."), COLS - 8, 0,
		            ROLE_K_TEXT);
	else {
		size_t per = (size_t)(2 + gap),
		       room = (size_t)(class_bottom - class_top + 1 + gap) / per;

		if (room == 0)
			room = 1;
		if (k->sel < nc) {
			if (k->sel < k->top)
				k->top = k->sel;
			if (k->sel >= k->top + room)
				k->top = k->sel - room + 1;
		}
		if (k->top + room > nc)
			k->top = nc > room ? nc - room : 0;
		int cy = class_top;

		for (size_t i = k->top; i < nc && i < k->top + room; i++)
			cy += draw_item(k, i, cy, i == k->sel) + gap;
		if (k->top > 0 || k->top + room < nc) {
			char *more = xasprintf(_("classes %zu-%zu of %zu"), k->top + 1,
			                       k->top + room < nc ? k->top + room : nc, nc);

			screen_text_right(y, 2 + list_width(), more, ROLE_K_OTHER);
			free(more);
		}
	}
	y = bottom - consult_rows + 1;
	screen_text(y, 2, _("Smartphone consultations (30 minutes, by appointment)"), COLS - 4, 0,
	            ROLE_K_HEADER);
	if (nv == 0)
		screen_text(y + 2, 4, _("No consultation times are open at the moment."), COLS - 8,
		            0, ROLE_K_TEXT);
	else {
		/* One name column for all venues, so that what follows lines up. */
		k->namew = 0;
		for (size_t i = 0; i < nv; i++)
			if (text_width(k->v.venues[i].name) > k->namew)
				k->namew = text_width(k->v.venues[i].name);
		if (k->namew > list_width() / 3)
			k->namew = list_width() / 3;
		if (k->sel >= nc) {
			if (k->sel - nc < k->vtop)
				k->vtop = k->sel - nc;
			if (k->sel - nc >= k->vtop + vrows)
				k->vtop = k->sel - nc - vrows + 1;
		}
		if (k->vtop + vrows > nv)
			k->vtop = nv - vrows;
		for (size_t i = k->vtop; i < nv && i < k->vtop + vrows; i++)
			draw_item(k, nc + i, y + 2 + (int)(i - k->vtop), nc + i == k->sel);
		if (vrows < nv) {
			char *more =
			    xasprintf(_("venues %zu-%zu of %zu"), k->vtop + 1, k->vtop + vrows, nv);

			screen_text_right(y, 2 + list_width(), more, ROLE_K_OTHER);
			free(more);
		}
	}
	legend(nitems(k) > 0 ? _("Up and Down arrow keys: choose    Enter: see more") : "",
	       k->preview ? _("Esc: leave the preview") : language_key(k));
}

/* Lines of a page, scrolled by k->scroll, from y to the line above the legend. */
static void
draw_lines(struct kiosk *k, const struct strlist *lines, const unsigned char *roles, int y,
           int width)
{
	int rows = LINES - 3 - y;
	size_t max = lines->n > (size_t)rows ? lines->n - (size_t)rows : 0;

	if (rows < 1)
		return;
	if (k->scroll > max)
		k->scroll = max;
	for (int i = 0; i < rows && k->scroll + (size_t)i < lines->n; i++) {
		size_t n = k->scroll + (size_t)i;

		screen_text(y + i, 3, lines->v[n], width, 0, (enum role)roles[n]);
	}
}

/* Add s wrapped, every line in role r. */
static void
add(struct strlist *l, unsigned char **roles, const char *s, int width, enum role r)
{
	size_t before = l->n;

	if (*s == '\0')
		strlist_add(l, xstrdup(""));
	else
		wrap(s, width, l);
	*roles = xrealloc(*roles, l->n + 1);
	for (size_t i = before; i < l->n; i++)
		(*roles)[i] = (unsigned char)r;
}

/* Whether a class still takes applications. */
static int
applying(enum kiosk_seats s)
{
	return s == KIOSK_NOT_YET || s == KIOSK_OPEN || s == KIOSK_FEW || s == KIOSK_FULL ||
	       s == KIOSK_LOTTERY;
}

/* How to apply for a class. "By phone" only when the kiosk can give the number: a resident
 * who reads it and has no number to call has been told nothing. */
static char *
how_to_apply(const struct kiosk *k, const struct kiosk_class *c)
{
	char *from = short_date(&c->apply_from), *to = short_date(&c->apply_to), *s;
	int phone = k->app->settings.kiosk_phone != NULL;

	switch (c->seats) {
	case KIOSK_NOT_YET:
		s = xasprintf(phone ? _("Applications: from %s to %s, at the reception desk, by "
		                        "phone, by postcard or online. If more people apply than "
		                        "there are seats, there is a lottery.")
		                    : _("Applications: from %s to %s, at the reception desk, by "
		                        "postcard or online. If more people apply than there are "
		                        "seats, there is a lottery."),
		              from, to);
		break;
	case KIOSK_OPEN:
	case KIOSK_FEW:
	case KIOSK_FULL:
		s = xasprintf(phone ? _("Applications: until %s, at the reception desk, by phone, "
		                        "by postcard or online. If more people apply than there "
		                        "are seats, there is a lottery.")
		                    : _("Applications: until %s, at the reception desk, by "
		                        "postcard or online. If more people apply than there are "
		                        "seats, there is a lottery."),
		              to);
		break;
	case KIOSK_LOTTERY:
		s = xasprintf(phone
		                  ? _("More people have applied than there are seats: a lottery "
		                      "will decide, and you can still apply and take part. "
		                      "Applications: until %s, at the reception desk, by phone, "
		                      "by postcard or online.")
		                  : _("More people have applied than there are seats: a lottery "
		                      "will decide, and you can still apply and take part. "
		                      "Applications: until %s, at the reception desk, by postcard "
		                      "or online."),
		              to);
		break;
	case KIOSK_DRAWN:
		s = xstrdup(
		    _("Applications are closed and the lottery has been drawn; everyone who "
		      "applied is told the result."));
		break;
	case KIOSK_CANCELLED: s = xstrdup(_("This class has been cancelled.")); break;
	default: s = xasprintf(_("Applications closed on %s."), to);
	}
	free(from);
	free(to);
	return s;
}

/* The city's number to call and its hours ([kiosk] phone and hours), each when set. */
static void
add_contact(const struct kiosk *k, struct strlist *l, unsigned char **roles, int width)
{
	const struct settings *st = &k->app->settings;
	char *s;

	if (st->kiosk_phone != NULL) {
		s = xasprintf(_("Phone: %s"), st->kiosk_phone);
		add(l, roles, s, width, ROLE_K_TEXT);
		free(s);
	}
	if (st->kiosk_hours != NULL) {
		s = xasprintf(_("Hours: %s"), st->kiosk_hours);
		add(l, roles, s, width, ROLE_K_TEXT);
		free(s);
	}
}

static void
draw_class(struct kiosk *k)
{
	const struct kiosk_class *c = &k->v.classes[k->sel];
	struct strlist l = {0};
	unsigned char *roles = NULL;
	int width = COLS - 6;
	char *s;

	title_bar(k, c->title);
	s = c->seats == KIOSK_DRAWN || c->seats == KIOSK_CANCELLED || c->seats == KIOSK_CLOSED ||
	            c->seats == KIOSK_NOT_YET
	        ? xasprintf(_("%s (%d seats)"), kiosk_seats_label(c->seats), c->capacity)
	        : xasprintf(_("%s (%d seats, %d applied so far)"), kiosk_seats_label(c->seats),
	                    c->capacity, c->applicants);
	add(&l, &roles, s, width, seats_role(c->seats));
	free(s);
	add(&l, &roles, "", width, ROLE_K_TEXT);
	add(&l, &roles, _("When:"), width, ROLE_K_HEADER);
	for (size_t i = 0; i < c->nsessions; i++) {
		char *d = short_date(&c->sessions[i].date);

		s = c->sessions[i].cancelled
		        ? xasprintf(_("  %s %s-%s  cancelled"), d, c->sessions[i].start,
		                    c->sessions[i].end)
		        : xasprintf("  %s %s-%s", d, c->sessions[i].start, c->sessions[i].end);
		add(&l, &roles, s, width, c->sessions[i].cancelled ? ROLE_K_FULL : ROLE_K_TEXT);
		free(s);
		free(d);
	}
	add(&l, &roles, _("Where:"), width, ROLE_K_HEADER);
	s = *c->address ? xasprintf("  %s (%s)", c->venue, c->address)
	                : xasprintf("  %s", c->venue);
	add(&l, &roles, s, width, ROLE_K_TEXT);
	free(s);
	if (*c->description) {
		add(&l, &roles, _("About the class:"), width, ROLE_K_HEADER);
		add(&l, &roles, c->description, width, ROLE_K_TEXT);
	}
	add(&l, &roles, _("What to bring:"), width, ROLE_K_HEADER);
	add(&l, &roles, *c->bring ? c->bring : _("Nothing in particular."), width, ROLE_K_TEXT);
	add(&l, &roles, _("How to apply:"), width, ROLE_K_HEADER);
	s = how_to_apply(k, c);
	add(&l, &roles, s, width, ROLE_K_TEXT);
	free(s);
	if (applying(c->seats))
		add_contact(k, &l, &roles, width);
	draw_lines(k, &l, roles, 2, width);
	strlist_clear(&l);
	free(roles);
	legend(_("Enter: QR codes to apply or to add to your phone's calendar    Up and Down: "
	         "scroll"),
	       k->legend_back);
}

static void
draw_venue(struct kiosk *k)
{
	const struct kiosk_venue *v = &k->v.venues[k->sel - k->v.nclasses];
	struct strlist l = {0};
	unsigned char *roles = NULL;
	int width = COLS - 6;
	char *s = xasprintf(_("Consultations at %s"), v->name);

	title_bar(k, s);
	free(s);
	add(&l, &roles,
	    k->app->settings.kiosk_phone != NULL
	        ? _("One person at a time for 30 minutes. Please book at the reception desk or "
	            "by phone.")
	        : _("One person at a time for 30 minutes. Please book at the reception desk."),
	    width, ROLE_K_TEXT);
	add_contact(k, &l, &roles, width);
	if (*v->address) {
		s = xasprintf(_("Where: %s"), v->address);
		add(&l, &roles, s, width, ROLE_K_TEXT);
		free(s);
	}
	add(&l, &roles, "", width, ROLE_K_TEXT);
	add(&l, &roles, _("Free times:"), width, ROLE_K_HEADER);
	for (size_t i = 0; i < v->ndays; i++) {
		char *d = short_date(&v->days[i].date);

		if (v->days[i].times.n == 0) {
			s = xasprintf(_("%s  fully booked"), d);
			add(&l, &roles, s, width, ROLE_K_OTHER);
			free(s);
		} else {
			/* The times beside the day, lines after the first indented under them. */
			struct strlist t = {0};
			size_t len = 1;
			int dw = text_width(d) + 3;

			for (size_t j = 0; j < v->days[i].times.n; j++)
				len += strlen(v->days[i].times.v[j]) + 2;
			s = xmalloc(len);
			*s = '\0';
			for (size_t j = 0; j < v->days[i].times.n; j++) {
				if (j > 0)
					strcat(s, "  ");
				strcat(s, v->days[i].times.v[j]);
			}
			wrap(s, width - dw > 10 ? width - dw : 10, &t);
			free(s);
			for (size_t j = 0; j < t.n; j++) {
				s = xasprintf("%s%*s%s", j == 0 ? d : "", j == 0 ? 3 : dw, "",
				              t.v[j]);
				add(&l, &roles, s, width + 100, ROLE_K_OPEN);
				free(s);
			}
			strlist_clear(&t);
		}
		free(d);
	}
	if (v->ndays == 0)
		add(&l, &roles, _("No consultation days in this period."), width, ROLE_K_TEXT);
	draw_lines(k, &l, roles, 2, width);
	strlist_clear(&l);
	free(roles);
	legend(_("Up and Down: scroll"), k->legend_back);
}

/* The QR code of the page: the calendar event of the class's next session, or the online
 * application page when one is configured. */
static void
draw_qr_page(struct kiosk *k)
{
	const struct kiosk_class *c = &k->v.classes[k->sel];
	const char *url = k->app->settings.application_url;
	int has_url = url != NULL && applying(c->seats);
	/* Everything above the legend's line; the code as large as it fits, with a quiet zone
	 * of two modules, or one when tight. */
	int rows = LINES - 1, quiet = 2, qw = 0, qh = 0;

	if (!has_url)
		k->which_qr = 0;
	if (!k->qr_tried) {
		k->qr_tried = 1;
		if (k->which_qr == 1)
			k->qr = qr_encode_ex(url, 1, NULL);
		else if (c->first_session != NULL) {
			/* The event with its place, or without when that does not fit. */
			for (int brief = 0; brief < 2 && k->qr == NULL; brief++) {
				char *ev = ical_compact_event_ex(k->app->db, c->first_session,
				                                 brief, NULL);

				if (ev != NULL)
					k->qr = qr_encode_ex(ev, 1, NULL);
				free(ev);
				if (k->qr != NULL && (k->qr->width + 3) / 2 > rows) {
					qr_free(k->qr);
					k->qr = NULL;
				}
			}
		}
	}
	if (k->qr != NULL) {
		qw = k->qr->width + 4;
		qh = (k->qr->width + 5) / 2;
		if (qh > rows) {
			quiet = 1;
			qw = k->qr->width + 2;
			qh = (k->qr->width + 3) / 2;
		}
	}
	struct strlist q = {0}, l = {0};

	if (k->qr == NULL || qh > rows || qw > COLS - 2) {
		title_bar(k, c->title);
		wrap(
		    c->first_session == NULL && k->which_qr == 0
		        ? _("There is no session left to add to a calendar.")
		        : _("The code does not fit this screen. Please ask at the reception desk."),
		    COLS - 8, &l);
		for (size_t i = 0; i < l.n; i++)
			screen_text(3 + (int)i, 4, l.v[i], COLS - 8, 0, ROLE_K_HEADER);
	} else {
		int beside = COLS - qw - 5 >= 24;
		int qy = (rows - qh) / 2, qx = beside ? 2 : (COLS - qw) / 2;
		int tx = beside ? qx + qw + 3 : 4, tw = beside ? COLS - tx - 2 : COLS - 8;
		int ty = beside ? qy + 1 : 0;

		qr_lines(k->qr, quiet, 0, &q);
		for (size_t i = 0; i < q.n; i++)
			screen_text(qy + (int)i, qx, q.v[i], qw, 0, ROLE_K_QR);
		if (beside) {
			wrap(c->title, tw, &l);
			for (size_t i = 0; i < l.n; i++)
				screen_text(ty++, tx, l.v[i], tw, 0, ROLE_K_HEADER);
			strlist_clear(&l);
			ty++;
			wrap(k->which_qr == 1
			         ? _("To apply online, point your phone's camera at "
			             "this code.")
			         : _("To add the class to your phone's calendar, point "
			             "the phone's camera at this code."),
			     tw, &l);
			for (size_t i = 0; i < l.n; i++)
				screen_text(ty++, tx, l.v[i], tw, 0, ROLE_K_TEXT);
		}
	}
	strlist_clear(&q);
	strlist_clear(&l);
	char *line = has_url ? xasprintf("%s    %s",
	                                 k->which_qr == 1 ? _("Enter: the calendar code")
	                                                  : _("Enter: the code to apply online"),
	                                 k->legend_back)
	                     : xstrdup(k->legend_back);

	screen_bar(LINES - 1, line, NULL, ROLE_K_KEYS);
	free(line);
}

/* Paragraphs (NULL-terminated) wrapped in a box in the middle of the screen, in the
 * warning's colours. */
static void
draw_box(const char *const *paragraphs)
{
	struct strlist l = {0};
	int w = COLS - 12, y;

	for (size_t i = 0; paragraphs[i] != NULL; i++)
		wrap(paragraphs[i], w - 4, &l);
	y = (LINES - (int)l.n - 2) / 2;
	attrset(screen_attr(ROLE_K_WARNING));
	for (int i = 0; i < (int)l.n + 2; i++)
		mvhline(y + i, 6, ' ', w);
	attrset(A_NORMAL);
	for (size_t i = 0; i < l.n; i++)
		screen_text(y + 1 + (int)i, 8, l.v[i], w - 4, 0, ROLE_K_WARNING);
	strlist_clear(&l);
}

static void
draw_warning(int seconds)
{
	char *s = xasprintf(P_("The first screen comes back in %d second.",
	                       "The first screen comes back in %d seconds.", seconds),
	                    seconds);

	draw_box((const char *const[]){s, _("Press any key to stay on this page."), NULL});
	free(s);
}

/* A boxed message for two seconds; keys pressed meanwhile are dropped. */
static void
notice(const char *msg)
{
	draw_box((const char *const[]){msg, NULL});
	screen_hold(2);
}

static void
draw_page(struct kiosk *k)
{
	free(k->legend_back);
	k->legend_back = xasprintf("%s    %s", _("Backspace or Esc: back"), language_key(k));
	switch (k->page) {
	case PAGE_HOME: draw_home(k); break;
	case PAGE_CLASS: draw_class(k); break;
	case PAGE_VENUE: draw_venue(k); break;
	case PAGE_QR: draw_qr_page(k); break;
	}
}

static void
draw(struct app *app, void *state)
{
	struct kiosk *k = state;

	(void)app;
	draw_page(k);
	if (k->warn > 0)
		draw_warning(k->warn);
}

/* Before each picture: read the database again when it changed or is old, and go back to the
 * first screen after the idle time, warning before. */
static void
tick(struct app *app, void *state)
{
	struct kiosk *k = state;
	time_t now = clock_now();
	int idle = (int)(now - k->last_key);

	/* A read-only kiosk that started with no writer about reads the file as it was: it is
	 * opened again when a writer comes or the file changes. */
	int reopened = db_refresh(app->db, NULL) > 0;

	if (reopened) {
		kiosk_guard(app->db, 1);
		if (!k->preview)
			db_cache_size(app->db, 512);
	}
	if (reopened || slots_data_version(app->db) != k->version ||
	    now - k->loaded >= RELOAD_SECONDS || now < k->loaded) {
		load(k);
		/* A writer came while the file was read: read again through its -wal. */
		if (db_refresh(app->db, NULL) > 0) {
			kiosk_guard(app->db, 1);
			load(k);
		}
	}
	k->warn = 0;
	if (!at_rest(k)) {
		/* The warning takes half of the idle time at most, so that there is always time
		 * to use the kiosk before it. */
		int notice_s = app->settings.kiosk_warning < app->settings.kiosk_idle / 2
		                   ? app->settings.kiosk_warning
		                   : app->settings.kiosk_idle / 2;

		if (idle >= app->settings.kiosk_idle) {
			reset(k);
			k->last_key = now;
		} else if (idle >= app->settings.kiosk_idle - notice_s)
			k->warn = app->settings.kiosk_idle - idle;
	}
}

/* The keys to act on: none while the idle warning shows (a key only says "I am still here")
 * but Ctrl-X, and none of a paste. */
static int
read_keys(struct app *app, void *state, int *is_code, wint_t *ch, int max)
{
	struct kiosk *k = state;
	int n = 0, rc;

	(void)app;
	if (screen_getkey(&is_code[0], &ch[0]) == ERR || screen_quit_requested)
		return 0;
	k->last_key = clock_now();
	if (k->warn > 0) {
		flushinp();
		/* Except Ctrl-X: staff mean it, and after a wrong PIN it says how long to wait. */
		if (!is_code[0] && ch[0] == KEY_STAFF) {
			k->warn = 0;
			return 1;
		}
		return 0;
	}
	/* This key and whatever else is already waiting. More keys at once than anyone types
	 * between two pictures is a paste (or a storm): all of it is dropped, until the input
	 * has been quiet for a moment, so that pasted letters and line ends neither switch the
	 * language nor open pages. */
	n = 1;
	timeout(0);
	while (n < BURST_KEYS && n < max && (rc = get_wch(&ch[n])) != ERR)
		is_code[n++] = rc == KEY_CODE_YES;
	if (n == BURST_KEYS) {
		wint_t junk;

		timeout(100);
		while (!screen_quit_requested && get_wch(&junk) != ERR)
			;
		k->last_key = clock_now();
		return 0;
	}
	return n;
}

/* Ctrl-X: a staff member signs in to leave the kiosk (the preview is left at once). */
static enum ui_next
staff_key(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;

	(void)ch;
	if (k->preview)
		return UI_BACK;
	if (!screen_big_enough())
		return UI_REDRAW;
	if (clock_now() < k->staff_pause_until) {
		/* After wrong PINs the kiosk's sign-in rests a while, longer each time. */
		int left = (int)(k->staff_pause_until - clock_now());
		char *s =
		    xasprintf(P_("Staff sign-in is paused for %d second after a wrong PIN.",
		                 "Staff sign-in is paused for %d seconds after a wrong PIN.", left),
		              left);

		erase();
		draw_page(k);
		notice(s);
		free(s);
		return UI_REDRAW;
	}
	struct staff who;
	int signed_in;
	/* The sign-in is audited through a connection of its own that may write, where the
	 * operating system allows one; an appliance's kiosk user may only read, and then the
	 * PIN is checked read-only and the attempt goes to the system log. */
	struct db *kiosk_db = app->db, *rw = db_open(app->db_path, DB_OPEN_EXISTING,
	                                             app->settings.busy_timeout_ms, NULL);

	if (rw != NULL && db_is_readonly(rw)) {
		db_close(rw);
		rw = NULL;
	}
	flushinp();
	kiosk_guard(app->db, 0);
	if (rw != NULL)
		app->db = rw;
	signed_in = login_run(app, "kiosk", 1, &who);
	app->db = kiosk_db;
	db_close(rw);
	kiosk_guard(app->db, 1);
	if (rw == NULL && signed_in >= 0)
		syslog(LOG_AUTHPRIV | LOG_NOTICE, "kiosk: %s",
		       signed_in == 0 ? "left by staff sign-in" : "wrong staff ID or PIN");
	if (signed_in == 0)
		return UI_BACK;
	if (signed_in > 0) {
		int pause = 15 << (k->staff_failures < 6 ? k->staff_failures : 6);

		k->staff_failures++;
		k->staff_pause_until = clock_now() + (pause < 900 ? pause : 900);
	}
	k->last_key = clock_now();
	if (k->english)
		set_language(1);
	return UI_REDRAW;
}

/* E and J: English, Japanese. */
static enum ui_next
language(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;
	int english = ch == 'e' || ch == 'E';

	(void)app;
	if (english != k->english) {
		k->english = english;
		set_language(english);
		drop_qr(k);
	}
	return UI_STAY;
}

/* The staff's preview is left from its first page as any staff screen is. */
static int
preview_home(struct app *app, void *state)
{
	const struct kiosk *k = state;

	(void)app;
	return k->preview && k->page == PAGE_HOME;
}

/* Up and PgUp: the item before on the first page, else scroll. */
static enum ui_next
up(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;

	(void)app, (void)ch;
	if (k->page == PAGE_HOME && k->sel > 0)
		k->sel--;
	else if ((k->page == PAGE_CLASS || k->page == PAGE_VENUE) && k->scroll > 0)
		k->scroll--;
	return UI_STAY;
}

static enum ui_next
down(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;

	(void)app, (void)ch;
	if (k->page == PAGE_HOME && k->sel + 1 < nitems(k))
		k->sel++;
	else if (k->page == PAGE_CLASS || k->page == PAGE_VENUE)
		k->scroll++; /* held to the last page when drawn */
	return UI_STAY;
}

/* Enter: the chosen item's page; a class's QR codes; the other QR code. */
static enum ui_next
enter(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;

	(void)ch;
	if (k->page == PAGE_HOME && k->sel < nitems(k)) {
		k->page = k->sel < k->v.nclasses ? PAGE_CLASS : PAGE_VENUE;
		k->scroll = 0;
	} else if (k->page == PAGE_CLASS) {
		k->page = PAGE_QR;
		k->which_qr = 0;
		drop_qr(k);
	} else if (k->page == PAGE_QR && app->settings.application_url != NULL) {
		k->which_qr = !k->which_qr;
		drop_qr(k);
	}
	return UI_STAY;
}

static enum ui_next
back(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;

	(void)app, (void)ch;
	if (k->page == PAGE_CLASS || k->page == PAGE_VENUE)
		k->page = PAGE_HOME;
	else if (k->page == PAGE_QR)
		k->page = PAGE_CLASS;
	return UI_STAY;
}

/* The legend is drawn by each page, in words. */
static const struct ui_key keys[] = {
    {.ch = KEY_STAFF, .run = staff_key},
    {.ch = 'e', .run = language},
    {.ch = 'E', .run = language},
    {.ch = 'j', .run = language},
    {.ch = 'J', .run = language},
    {.ch = 27, .run = ui_key_back, .when = preview_home},
    {.ch = 127, .run = ui_key_back, .when = preview_home},
    {.ch = 8, .run = ui_key_back, .when = preview_home},
    {.code = KEY_BACKSPACE, .run = ui_key_back, .when = preview_home},
    {.code = KEY_LEFT, .run = ui_key_back, .when = preview_home},
    {.ch = 'q', .run = ui_key_back, .when = preview_home},
    {.ch = 'Q', .run = ui_key_back, .when = preview_home},
    {.code = KEY_UP, .run = up},
    {.code = KEY_PPAGE, .run = up},
    {.code = KEY_DOWN, .run = down},
    {.code = KEY_NPAGE, .run = down},
    UI_KEYS_ENTER(NULL, 0, enter),
    {.ch = 27, .run = back},
    {.ch = 127, .run = back},
    {.ch = 8, .run = back},
    {.code = KEY_BACKSPACE, .run = back},
    {.code = KEY_LEFT, .run = back},
};

static const struct ui_screen screen = {UI_KEYS(keys), .tick = tick, .draw = draw,
                                        .read = read_keys, .small_keys = 1};
int
kiosk_run(struct app *app, int preview)
{
	struct kiosk k;
	const char *lang = getenv("LANGUAGE");
	char *staff_lang = lang ? xstrdup(lang) : NULL;

	memset(&k, 0, sizeof k);
	k.app = app;
	k.preview = preview;
	screen_kiosk_theme(1);
	text_plain_symbols(1);
	if (!preview) {
		screen_kiosk_lock();
		screen_prompt_timeout(30);
	}
	/* The kiosk reads a few hundred rows at a time: half a megabyte of page cache will do
	 * (SQLite's default is 2 MB), and a lobby PC may be small. */
	if (!preview)
		db_cache_size(app->db, 512);
	kiosk_guard(app->db, 1);
	set_language(0);
	load(&k);
	k.last_key = clock_now();
	ui_screen_run(app, &screen, &k);
	kiosk_guard(app->db, 0);
	screen_kiosk_theme(0);
	text_plain_symbols(0);
	if (staff_lang != NULL) {
		app_set_language(staff_lang);
		free(staff_lang);
	}
	kiosk_view_free(&k.v);
	drop_qr(&k);
	free(k.error);
	free(k.legend_back);
	return screen_quit_requested ? 1 : 0;
}
