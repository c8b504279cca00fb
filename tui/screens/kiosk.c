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
/* The smallest screen the kiosk lays out in: large type on a small display (28-36 pt on
 * 1280 x 720 gives 67 x 18 to 53 x 14 cells). */
#define KIOSK_MIN_COLS  40
#define KIOSK_MIN_LINES 12
/* The database is read again at least this often (the date and "today's" slots move on). */
#define RELOAD_SECONDS 30

enum page { PAGE_HOME, PAGE_CLASS, PAGE_VENUE, PAGE_QR };

struct kiosk {
	struct app *app;
	struct kiosk_view v;
	char *error; /* the database could not be read: said kindly, and tried again */
	int english; /* the language key was pressed */
	enum page page;
	size_t sel;    /* home: the chosen item (classes, then venues) */
	size_t scroll; /* the first line shown of a class's or venue's page */
	int which_qr;  /* 0: calendar, 1: the application page */
	struct qr *qr; /* the code shown on the QR page */
	int qr_tried;
	time_t loaded, last_key;
	int64_t version;
	int preview;              /* shown from the staff screens: Ctrl-X leaves without a PIN */
	int staff_failures;       /* wrong PINs at this kiosk */
	time_t staff_pause_until; /* no sign-in before then: 15 s after the first, doubling */
	char *legend_back;        /* "Backspace or Esc: back    E: English", made for each draw */
	int warn;                 /* the seconds the idle warning shows, or 0 */
	size_t *page_first;       /* home: the first item of each page, as last drawn */
	size_t npages, cur_page;  /* home: how many pages, the one shown */
	char *more;               /* a page longer than the screen: "2/3", else NULL */
};

static int
kiosk_fits(void)
{
	return COLS >= KIOSK_MIN_COLS && LINES >= KIOSK_MIN_LINES;
}

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
	k->sel = k->scroll = 0;
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
		/* A line does not begin with a closing mark: the character before goes with it. */
		if (s[n] != '\0' &&
		    (strncmp(s + n, "。", 3) == 0 || strncmp(s + n, "、", 3) == 0 ||
		     strncmp(s + n, "）", 3) == 0 || strncmp(s + n, "」", 3) == 0)) {
			size_t m = text_prefix_bytes(s, width - 2);

			if (m > 0 && m < n)
				n = m;
		}
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

/* The right of the title bar: the date, and the time when there is room. */
static char *
title_right(const struct kiosk *k)
{
	time_t now = clock_now();
	struct tm tm;
	char *day = short_date(&k->app->today), *right;

	if (localtime_r(&now, &tm) == NULL)
		return day;
	right = xasprintf("%s  %02d:%02d", day, tm.tm_hour, tm.tm_min);
	free(day);
	return right;
}

/* The room the title bar leaves its left text beside the date. */
static int
title_room(const struct kiosk *k)
{
	char *right = title_right(k);
	int room = COLS - 4 - text_width(right);

	free(right);
	return room;
}

static void
title_bar(const struct kiosk *k, const char *left)
{
	char *right = title_right(k);

	screen_bar(0, left, right, ROLE_K_TITLE);
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

/* A class's seats in words, with the counts: "空きあり (定員20人・いまの申込6人)". */
static char *
seats_line(const struct kiosk_class *c)
{
	return c->seats == KIOSK_DRAWN || c->seats == KIOSK_CANCELLED || c->seats == KIOSK_CLOSED ||
	               c->seats == KIOSK_NOT_YET
	           ? xasprintf(_("%s (%d seats)"), kiosk_seats_label(c->seats), c->capacity)
	           : xasprintf(_("%s (%d seats, %d applied so far)"), kiosk_seats_label(c->seats),
	                       c->capacity, c->applicants);
}

/* A line of a card: text at indent, and a second text either right-aligned (bx < 0) or at
 * column bx, each in its role. */
struct card_line {
	char *a, *b;
	int indent, bx;
	enum role ra, rb;
};

/* A block of the home screen: a card (item >= 0) or a heading (item < 0), in lines. */
struct block {
	long item;
	struct card_line *lines;
	int n;
	int page, col, y;
};

static void
block_add(struct block *b, const char *a, enum role ra, int indent, const char *s, enum role rb,
          int bx)
{
	struct card_line *l;

	b->lines = xrealloc(b->lines, (size_t)(b->n + 1) * sizeof *b->lines);
	l = &b->lines[b->n++];
	l->a = xstrdup(a);
	l->b = s ? xstrdup(s) : NULL;
	l->ra = ra;
	l->rb = rb;
	l->indent = indent;
	l->bx = bx;
}

/* Add s wrapped to width (by display width: titles are wrapped, never cut). */
static void
block_wrap(struct block *b, const char *s, int width, int indent, enum role r)
{
	struct strlist l = {0};

	wrap(s, width - indent > 4 ? width - indent : 4, &l);
	for (size_t i = 0; i < l.n; i++)
		block_add(b, l.v[i], r, indent, NULL, r, 0);
	strlist_clear(&l);
}

/* The card of item i at text width w: a class's title (wrapped), its seats in words, when
 * and where; a venue's name and its next free time. Lines are joined where they fit. */
static void
card(const struct kiosk *k, size_t i, int w, int level, struct block *b)
{
	memset(b, 0, sizeof *b);
	b->item = (long)i;
	if (i < k->v.nclasses && level > 0) {
		/* Room to spare: a line each, with the seats counted and, on a large screen,
		 * what the class is about. */
		const struct kiosk_class *c = &k->v.classes[i];
		char *when = class_when(c), *seats = seats_line(c);

		block_wrap(b, c->title, w, 0, ROLE_K_TEXT);
		block_wrap(b, seats, w, 2, seats_role(c->seats));
		block_wrap(b, when, w, 2, ROLE_K_TEXT);
		block_wrap(b, c->venue, w, 2, ROLE_K_TEXT);
		if (level > 1 && *c->description)
			block_wrap(b, c->description, w, 2, ROLE_K_OTHER);
		free(when);
		free(seats);
		return;
	}
	if (i < k->v.nclasses) {
		const struct kiosk_class *c = &k->v.classes[i];
		const char *label = kiosk_seats_label(c->seats);
		char *when = class_when(c), *where = xasprintf("%s  %s", when, c->venue);

		if (text_width(c->title) + 2 + text_width(label) <= w)
			block_add(b, c->title, ROLE_K_TEXT, 0, label, seats_role(c->seats), -1);
		else {
			block_wrap(b, c->title, w, 0, ROLE_K_TEXT);
			block_add(b, label, seats_role(c->seats), 2, NULL, ROLE_K_TEXT, 0);
		}
		if (2 + text_width(where) <= w)
			block_add(b, where, ROLE_K_TEXT, 2, NULL, ROLE_K_TEXT, 0);
		else {
			block_wrap(b, when, w, 2, ROLE_K_TEXT);
			block_wrap(b, c->venue, w, 2, ROLE_K_TEXT);
		}
		free(when);
		free(where);
		return;
	}
	const struct kiosk_venue *v = &k->v.venues[i - k->v.nclasses];
	char *summary = venue_summary(k, v);
	enum role r = v->free > 0 ? ROLE_K_OPEN : ROLE_K_OTHER;
	int nw = 0;

	/* One name column for all venues, so that what follows lines up. */
	for (size_t j = 0; j < k->v.nvenues; j++)
		if (text_width(k->v.venues[j].name) > nw)
			nw = text_width(k->v.venues[j].name);
	if (level == 0 && nw <= w / 3 && nw + 3 + text_width(summary) <= w)
		block_add(b, v->name, ROLE_K_TEXT, 0, summary, r, nw + 3);
	else {
		block_wrap(b, v->name, w, 0, ROLE_K_TEXT);
		block_wrap(b, summary, w, 2, r);
		if (level > 1 && *v->address) {
			char *where = xasprintf(_("Where: %s"), v->address);

			block_wrap(b, where, w, 2, ROLE_K_TEXT);
			free(where);
		}
	}
	free(summary);
}

static void
heading(struct block *b, const char *s, int w, enum role r)
{
	memset(b, 0, sizeof *b);
	b->item = -1;
	block_wrap(b, s, w, 0, r);
}

static void
blocks_free(struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int j = 0; j < b[i].n; j++) {
			free(b[i].lines[j].a);
			free(b[i].lines[j].b);
		}
		free(b[i].lines);
	}
	free(b);
}

/* Place the blocks on pages of ncol columns of rows lines, a gap between cards; a heading
 * stays with the block after it. Each page's blocks are spread over its columns evenly, so
 * that a wide screen is used across. Returns the number of pages. */
static int
place(struct block *b, size_t n, int ncol, int rows, int gap)
{
	int page = 0;
	size_t first = 0;

	while (first < n) {
		/* The blocks of this page: as many as fill its columns one after the other. */
		size_t end = first;
		int total = 0, tallest = 0;

		for (int col = 0, y = 0; end < n;) {
			int h = b[end].n + (b[end].item < 0 && end + 1 < n ? b[end + 1].n : 0);
			size_t take = b[end].item < 0 && end + 1 < n ? 2 : 1;
			int need = h + (y > 0 ? gap : 0);

			if (y > 0 && y + need > rows) {
				if (++col == ncol)
					break;
				y = 0;
				continue;
			}
			y += need;
			total += h + gap;
			if (h > tallest)
				tallest = h;
			end += take;
		}
		if (end == first)
			end = first + 1; /* a block taller than the screen: shown cut */
		/* Spread them: fill each column up to an even share. */
		for (int attempt = 0; attempt < 2; attempt++) {
			int share = (total + ncol - 1) / ncol, col = 0, y = 0, fits = 1;

			if (share < tallest)
				share = tallest;
			if (attempt == 1)
				share = rows;
			for (size_t i = first; i < end; i++) {
				int h = b[i].n + (b[i].item < 0 && i + 1 < end ? b[i + 1].n : 0);
				int need = h + (y > 0 ? gap : 0);

				if (y > 0 && y + need > share) {
					col++;
					y = 0;
					need = h;
				}
				b[i].page = page;
				b[i].col = col;
				b[i].y = y + (y > 0 ? gap : 0);
				if (b[i].item < 0 && i + 1 < end) {
					b[i + 1].page = page;
					b[i + 1].col = col;
					b[i + 1].y = b[i].y + b[i].n;
					i++;
				}
				y += need;
			}
			if (col >= ncol)
				fits = 0;
			if (fits)
				break;
		}
		first = end;
		page++;
	}
	return page > 0 ? page : 1;
}

static void
draw_block(const struct block *b, int x, int y, int w, int bottom, int selected)
{
	for (int i = 0; i < b->n && y + i <= bottom; i++) {
		const struct card_line *l = &b->lines[i];
		enum role ra = selected ? ROLE_K_SELECTED : l->ra,
		          rb = selected ? ROLE_K_SELECTED : l->rb;
		int bw = l->b ? text_width(l->b) : 0;

		if (selected)
			screen_fill(y + i, x - 1, w + 2, ROLE_K_SELECTED);
		if (l->b != NULL && l->bx < 0) {
			screen_text_right(y + i, x + w, l->b, rb);
			screen_text(y + i, x + l->indent, l->a, w - l->indent - bw - 2, 0, ra);
		} else {
			screen_text(y + i, x + l->indent, l->a,
			            l->b ? l->bx - l->indent : w - l->indent, 0, ra);
			if (l->b != NULL)
				screen_text(y + i, x + l->bx, l->b, w - l->bx, 0, rb);
		}
	}
}

/* The home screen's blocks at text width w and card level (0 compact, 1 a line each, 2
 * with what a class is about): the classes under their heading, then the venues. */
static struct block *
home_blocks(const struct kiosk *k, int w, int level, size_t *n)
{
	size_t nc = k->v.nclasses, nv = k->v.nvenues;
	struct block *b = xcalloc(nc + nv + 4, sizeof *b);

	*n = 0;
	heading(&b[(*n)++], _("Smartphone classes coming up"), w, ROLE_K_HEADER);
	if (nc == 0) {
		heading(&b[*n], _("No classes are planned at the moment."), w, ROLE_K_TEXT);
		b[(*n)++].item = -2;
	}
	for (size_t i = 0; i < nc; i++)
		card(k, i, w, level, &b[(*n)++]);
	heading(&b[(*n)++], _("Smartphone consultations (30 minutes, by appointment)"), w,
	        ROLE_K_HEADER);
	if (nv == 0) {
		heading(&b[*n], _("No consultation times are open at the moment."), w, ROLE_K_TEXT);
		b[(*n)++].item = -2;
	}
	for (size_t i = 0; i < nv; i++)
		card(k, nc + i, w, level, &b[(*n)++]);
	return b;
}

/* The first of two texts that fits width, else the second. */
static const char *
fitting(const char *wide, const char *narrow, int width)
{
	return text_width(wide) <= width ? wide : narrow;
}

static void
draw_home(struct kiosk *k)
{
	/* Columns of cards: one up to 99 cells, two from 100, three from 180; a card's text
	 * is as wide as its column less a cell each side. */
	int ncol = COLS >= 180 ? 3 : COLS >= 100 ? 2 : 1;
	int colw = (COLS - 2 - (ncol - 1) * 2) / ncol, w = colw - 2;
	int top = LINES >= 20 ? 2 : 1, bottom = LINES - 3, rows = bottom - top + 1;
	size_t n = 0;
	struct block *b;
	int npages, page = 0;

	title_bar(k, fitting(_("Smartphone classes and consultations: what is on"),
	                     _("Smartphone classes"), title_room(k)));
	if (k->error != NULL) {
		struct strlist l = {0};

		wrap(_("The schedule cannot be shown just now. Please ask at the reception desk."),
		     COLS - 4, &l);
		for (size_t i = 0; i < l.n; i++)
			screen_text(top + 1 + (int)i, 2, l.v[i], COLS - 4, 0, ROLE_K_HEADER);
		strlist_clear(&l);
		legend(language_key(k), "");
		return;
	}
	/* The fullest cards and the widest gaps between them that take no more pages than the
	 * most compact: a large screen is filled with more to read, a small one pages. */
	int fewest, level = 0, gap = 0, found = 0;

	b = home_blocks(k, w, 0, &n);
	fewest = place(b, n, ncol, rows, 0);
	blocks_free(b, n);
	for (int l = 2; l >= 0 && !found; l--)
		for (int g = rows >= 30 ? rows / 8 : 1; g >= 0 && !found; g--) {
			b = home_blocks(k, w, l, &n);
			if (place(b, n, ncol, rows, g) <= fewest) {
				level = l;
				gap = g;
				found = 1;
			}
			blocks_free(b, n);
		}
	b = home_blocks(k, w, level, &n);
	npages = place(b, n, ncol, rows, gap);
	free(k->page_first);
	k->page_first = xcalloc((size_t)npages, sizeof *k->page_first);
	for (int p = 0; p < npages; p++)
		k->page_first[p] = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (b[i].item >= 0 && k->page_first[b[i].page] == (size_t)-1)
			k->page_first[b[i].page] = (size_t)b[i].item;
		if (b[i].item >= 0 && (size_t)b[i].item == k->sel)
			page = b[i].page;
	}
	k->npages = (size_t)npages;
	k->cur_page = (size_t)page;
	for (size_t i = 0; i < n; i++)
		if (b[i].page == page)
			draw_block(&b[i], 2 + b[i].col * (colw + 2), top + b[i].y, w, bottom,
			           b[i].item >= 0 && (size_t)b[i].item == k->sel);
	blocks_free(b, n);

	char *pages = npages > 1 ? xasprintf("%d/%d", page + 1, npages) : xstrdup("");
	int pw = text_width(pages) + 2;
	const char *l1 = nitems(k) == 0
	                     ? ""
	                     : fitting(_("Up and Down arrow keys: choose    Enter: see more"),
	                               _("Up/Down: choose  Enter: open"), COLS - 2 - pw);
	const char *l2 = k->preview ? _("Esc: leave the preview") : language_key(k);
	char *line2 = npages > 1
	                  ? xasprintf("%s    %s",
	                              fitting(_("PgDn/PgUp: next/previous page"),
	                                      _("PgDn/PgUp: page"), COLS - 2 - text_width(l2) - 4),
	                              l2)
	                  : xstrdup(l2);

	legend(l1, text_width(line2) <= COLS - 2 ? line2 : l2);
	if (npages > 1)
		screen_text_right(LINES - 2, COLS - 1, pages, ROLE_K_KEYS);
	free(pages);
	free(line2);
}

static void add(struct strlist *l, unsigned char **roles, const char *s, int width, enum role r);

/* The width of a page's text: the screen's less margins, and on a wide screen four fifths
 * of it, centred, so that a line stays easy to follow. */
static int
page_width(void)
{
	return COLS > 100 ? COLS * 4 / 5 : COLS - 6;
}

/* The first line of a page's text: a blank line under the title where there is room. */
static int
page_top(void)
{
	return LINES >= 20 ? 2 : 1;
}

/* Lines of a page, scrolled by k->scroll, from y to the line above the legend, centred;
 * k->more is "2/3" when the page is longer than the screen. */
static void
draw_lines(struct kiosk *k, const struct strlist *lines, const unsigned char *roles, int y,
           int width)
{
	int rows = LINES - 2 - y, x = (COLS - width) / 2;
	size_t max = lines->n > (size_t)rows ? lines->n - (size_t)rows : 0;

	free(k->more);
	k->more = NULL;
	if (rows < 1)
		return;
	if (k->scroll > max)
		k->scroll = max;
	for (int i = 0; i < rows && k->scroll + (size_t)i < lines->n; i++) {
		size_t n = k->scroll + (size_t)i;

		screen_text(y + i, x, lines->v[n], width, 0, (enum role)roles[n]);
	}
	if (max > 0) {
		size_t screens = (lines->n + (size_t)rows - 1) / (size_t)rows,
		       at = k->scroll >= max ? screens : k->scroll / (size_t)rows + 1;

		k->more = xasprintf("%zu/%zu", at, screens);
	}
}

/* A page's title: in the title bar when it fits beside the date, else the kiosk's name
 * there and the title wrapped as the page's first lines (titles are never cut). */
static void
page_title(struct kiosk *k, const char *title, struct strlist *l, unsigned char **roles, int width)
{
	int room = title_room(k);

	if (text_width(title) <= room) {
		title_bar(k, title);
		return;
	}
	title_bar(k, _("Smartphone classes"));
	add(l, roles, title, width, ROLE_K_HEADER);
}

/* The legend of a page that scrolls: its keys, and "2/3" at the right when it is longer
 * than the screen. */
static void
page_legend(struct kiosk *k, const char *wide, const char *narrow)
{
	int mw = k->more ? text_width(k->more) + 2 : 0;

	legend(fitting(wide, narrow, COLS - 2 - mw), k->legend_back);
	if (k->more != NULL)
		screen_text_right(LINES - 2, COLS - 1, k->more, ROLE_K_KEYS);
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
	int width = page_width();
	char *s;

	page_title(k, c->title, &l, &roles, width);
	s = seats_line(c);
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
	draw_lines(k, &l, roles, page_top(), width);
	strlist_clear(&l);
	free(roles);
	page_legend(k,
	            _("Enter: QR codes to apply or to add to your phone's calendar    Up and "
	              "Down: scroll"),
	            _("Enter: QR code  Up/Down: scroll"));
}

static void
draw_venue(struct kiosk *k)
{
	const struct kiosk_venue *v = &k->v.venues[k->sel - k->v.nclasses];
	struct strlist l = {0};
	unsigned char *roles = NULL;
	int width = page_width();
	char *s = xasprintf(_("Consultations at %s"), v->name);

	page_title(k, s, &l, &roles, width);
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
	draw_lines(k, &l, roles, page_top(), width);
	strlist_clear(&l);
	free(roles);
	page_legend(k, _("Up and Down: scroll"), _("Up and Down: scroll"));
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
	/* Drawn as the staff screens draw codes (screen_qr: explicit colours, whatever the
	 * theme): two cells a module where that fits, which scans on any terminal, else half
	 * blocks (not where the terminal draws them two cells wide); a quiet zone of two modules,
	 * or one when tight. */
	int full = 1, found = 0;

	for (; k->qr != NULL && full >= 0 && !found; full--) {
		if (full == 0 && text_ambiguous_is_wide())
			break;
		for (quiet = 2; quiet >= 1 && !found; quiet--) {
			qw = screen_qr_cols(k->qr, quiet, full);
			qh = screen_qr_lines(k->qr, quiet, full);
			found = qh <= rows && qw <= COLS - 2;
		}
	}
	/* The loops stepped past the size found. */
	full += found;
	quiet += found;
	struct strlist l = {0};

	if (k->qr == NULL || !found) {
		int y = page_top() + 1;

		title_bar(k, c->title);
		if (text_width(c->title) > title_room(k)) {
			title_bar(k, _("Smartphone classes"));
			wrap(c->title, COLS - 6, &l);
			for (size_t i = 0; i < l.n; i++)
				screen_text(y++, 3, l.v[i], COLS - 6, 0, ROLE_K_HEADER);
			strlist_clear(&l);
			y++;
		}
		wrap(
		    c->first_session == NULL && k->which_qr == 0
		        ? _("There is no session left to add to a calendar.")
		        : _("The code does not fit this screen. Please ask at the reception desk."),
		    COLS - 6, &l);
		for (size_t i = 0; i < l.n; i++)
			screen_text(y + (int)i, 3, l.v[i], COLS - 6, 0, ROLE_K_TEXT);
	} else {
		int beside = COLS - qw - 5 >= 24;
		int qy = (rows - qh) / 2, qx = beside ? 2 : (COLS - qw) / 2;
		int tx = beside ? qx + qw + 3 : 4, tw = beside ? COLS - tx - 2 : COLS - 8;
		int ty = beside ? qy + 1 : 0;

		screen_qr(k->qr, quiet, full, qy, qx);
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
	strlist_clear(&l);
	char *line = has_url ? xasprintf("%s    %s",
	                                 k->which_qr == 1 ? _("Enter: the calendar code")
	                                                  : _("Enter: the code to apply online"),
	                                 k->legend_back)
	                     : xstrdup(k->legend_back);

	screen_bar(LINES - 1, fitting(line, k->legend_back, COLS - 2), NULL, ROLE_K_KEYS);
	free(line);
}

/* Paragraphs (NULL-terminated) wrapped in a box in the middle of the screen, in the
 * warning's colours. The lines it takes, and one above and below, are cleared across the
 * whole width first: no piece of the page's text (half a word, half a wide character) is
 * left beside the box to be read with it. */
static void
draw_box(const char *const *paragraphs)
{
	struct strlist l = {0};
	int m = COLS >= 60 ? 6 : 2, w = COLS - 2 * m, y, h;

	if (w > 90) {
		w = 90;
		m = (COLS - w) / 2;
	}
	for (size_t i = 0; paragraphs[i] != NULL; i++)
		wrap(paragraphs[i], w - 4, &l);
	h = (int)l.n + 2;
	y = (LINES - h) / 2;
	if (y < 1)
		y = 1;
	for (int i = y - 1; i <= y + h && i < LINES; i++)
		screen_fill(i, 0, COLS, ROLE_K_TEXT);
	for (int i = 0; i < h && y + i < LINES; i++)
		screen_fill(y + i, m, w, ROLE_K_WARNING);
	for (size_t i = 0; i < l.n; i++)
		screen_text(y + 1 + (int)i, m + 2, l.v[i], w - 4, 0, ROLE_K_WARNING);
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
	if (text_width(k->legend_back) > COLS - 2) {
		free(k->legend_back);
		k->legend_back = xasprintf("%s  %s", _("Esc: back"), language_key(k));
	}
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
	/* A resize (the terminal's, or the repaint after one) is not someone at the kiosk: it
	 * neither keeps a page from the idle reset nor dismisses the warning. */
	if (is_code[0] && ch[0] == KEY_RESIZE)
		return 1;
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
	if (!kiosk_fits())
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

/* PgDn and PgUp: the next or previous page of cards at home; a page's worth of scrolling
 * elsewhere. */
static enum ui_next
page_key(struct app *app, void *state, wint_t ch)
{
	struct kiosk *k = state;
	int next = ch == KEY_NPAGE;

	(void)app;
	if (k->page == PAGE_HOME && k->npages > 1) {
		size_t p = k->cur_page;

		if (next && p + 1 < k->npages)
			p++;
		else if (!next && p > 0)
			p--;
		if (k->page_first[p] != (size_t)-1)
			k->sel = k->page_first[p];
	} else if (k->page == PAGE_CLASS || k->page == PAGE_VENUE) {
		size_t step = LINES > 6 ? (size_t)LINES - 6 : 1;

		k->scroll = next ? k->scroll + step : k->scroll > step ? k->scroll - step : 0;
	}
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
    {.code = KEY_PPAGE, .run = page_key},
    {.code = KEY_DOWN, .run = down},
    {.code = KEY_NPAGE, .run = page_key},
    UI_KEYS_ENTER(NULL, 0, enter),
    {.ch = 27, .run = back},
    {.ch = 127, .run = back},
    {.ch = 8, .run = back},
    {.code = KEY_BACKSPACE, .run = back},
    {.code = KEY_LEFT, .run = back},
};

/* Below the smallest size, one short line: there is no room to say more. */
static void
too_small(struct app *app, void *state)
{
	char *s = xasprintf(_("Too small: %d x %d or more"), KIOSK_MIN_COLS, KIOSK_MIN_LINES);
	int w;

	if (text_width(s) > COLS) {
		free(s);
		s = xstrdup(_("Too small"));
	}
	w = text_width(s) < COLS ? text_width(s) : COLS;

	(void)app, (void)state;
	screen_text(LINES / 2, (COLS - w) / 2, s, w, 0, ROLE_K_HEADER);
	free(s);
}

static const struct ui_screen screen = {UI_KEYS(keys),
                                        .tick = tick,
                                        .draw = draw,
                                        .read = read_keys,
                                        .small_keys = 1,
                                        .min_cols = KIOSK_MIN_COLS,
                                        .min_lines = KIOSK_MIN_LINES,
                                        .too_small = too_small};
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
	free(k.page_first);
	free(k.more);
	return screen_quit_requested ? 1 : 0;
}
