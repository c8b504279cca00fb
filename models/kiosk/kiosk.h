/* models/kiosk/kiosk.h: what the lobby kiosk shows residents: upcoming classes with how many seats
 * are left, and free consultation times. Nothing here reads a resident's record: the queries
 * count applications and bookings, and kiosk_guard makes SQLite refuse any statement that
 * would read a personal column on the connection. */
#ifndef MODELS_KIOSK_KIOSK_H
#define MODELS_KIOSK_KIOSK_H

#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"

/* Where an upcoming class stands for someone who would like to go. */
enum kiosk_seats {
	KIOSK_NOT_YET, /* applications open later (受付前) */
	KIOSK_OPEN,    /* applications open, seats left (空きあり) */
	KIOSK_FEW,     /* applications open, a fifth of the seats or fewer left (残りわずか) */
	KIOSK_FULL,    /* applications open, as many applicants as seats (満席) */
	KIOSK_LOTTERY, /* applications open, more applicants than seats: a lottery (申込多数) */
	KIOSK_CLOSED,  /* applications closed, not drawn yet (受付終了) */
	KIOSK_DRAWN,   /* the lottery has been drawn (抽選済) */
	KIOSK_CANCELLED, /* the class will not take place (中止) */
};

struct kiosk_session {
	struct date date;
	char start[6], end[6];
	int cancelled;
};

struct kiosk_class {
	char *offering;      /* the offering's code */
	char *first_session; /* the code of its next session (for the calendar QR code) */
	char *title;         /* with the device, e.g. "ワンポイント教室 (iPhone)" */
	char *level;         /* trial, intro, one-point, advanced */
	char *venue, *address;
	char *description, *bring;
	struct date apply_from, apply_to;
	int capacity, applicants;
	enum kiosk_seats seats;
	struct kiosk_session *sessions; /* those from today on, in date order */
	size_t nsessions;
};

struct kiosk_day {
	struct date date;
	struct strlist times; /* "10:00", ... free slots that day */
};

struct kiosk_venue {
	char *name, *address;
	struct kiosk_day *days; /* days with slots, free or not, in order */
	size_t ndays;
	size_t free; /* free slots over all days */
};

struct kiosk_view {
	struct kiosk_class *classes;
	size_t nclasses;
	struct kiosk_venue *venues;
	size_t nvenues;
};

/* Make SQLite refuse (at prepare) every statement on db that reads a column of people, the
 * audit log, or the person of an application, booking, attendance or lottery entry; on is 1
 * to restrict, 0 to lift the restriction (for a staff PIN check). */
void kiosk_guard(struct db *db, int on);

/* Fill v with the classes that have a session from today to class_days ahead (not cancelled
 * offerings' included, marked KIOSK_CANCELLED) and the venues' free consultation slots from
 * today to slot_days ahead. now_min, when not negative, is the time of day (minutes after
 * midnight): today's slots that have begun are left out. 0, or -1 with *cause. */
int kiosk_load(struct db *db, const struct date *today, int now_min, int class_days, int slot_days,
               struct kiosk_view *v, char **cause);
void kiosk_view_free(struct kiosk_view *v);

/* The words for a seats state, translated, e.g. "空きあり". */
const char *kiosk_seats_label(enum kiosk_seats s);

/* ---- The kiosk's colours (theme.c): high contrast, as numbers a test can check: each role's
 * foreground and background as an xterm 256-colour index (whose RGB value is fixed by the
 * palette), and the 8-colour fallback for terminals without 256 colours. */

enum theme_role {
	THEME_TEXT,     /* ordinary text */
	THEME_TITLE,    /* the bar at the top */
	THEME_HEADER,   /* headings */
	THEME_SELECTED, /* the chosen line */
	THEME_KEYS,     /* the key legend at the bottom */
	THEME_OPEN,     /* 空きあり, free times */
	THEME_FEW,      /* 残りわずか, 申込多数・抽選 */
	THEME_FULL,     /* 満席, 中止 */
	THEME_OTHER,    /* 受付終了, 抽選済, 受付前, secondary text */
	THEME_WARNING,  /* the notice before the idle reset */
	THEME_QR,       /* QR codes: dark modules on light */
	THEME_COUNT
};

/* Colour numbers of the 8-colour palette (the same as curses' COLOR_*). */
enum {
	THEME_BLACK,
	THEME_RED,
	THEME_GREEN,
	THEME_YELLOW,
	THEME_BLUE,
	THEME_MAGENTA,
	THEME_CYAN,
	THEME_WHITE
};

struct theme_colours {
	const char *name;
	int fg, bg;   /* xterm 256-colour indices */
	int fg8, bg8; /* the 8-colour fallback, drawn bold (bright) */
};

extern const struct theme_colours theme_kiosk[THEME_COUNT];

/* The RGB value (0xRRGGBB) of an xterm 256-colour index 16-255; -1 for the first 16, which
 * terminals set as they like. */
int32_t theme_xterm_rgb(int index);
/* The WCAG 2 contrast ratio of two RGB colours (1 to 21). */
double theme_contrast(uint32_t a, uint32_t b);

#endif
