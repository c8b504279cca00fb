/* models/classes/sessions.h: the lists the sections of the staff screens show. */
#ifndef MODELS_CLASSES_SESSIONS_H
#define MODELS_CLASSES_SESSIONS_H

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/formats/table.h"

/* Step st (prepared and bound) to its end and add each row to t: column i is cell i, the
 * column date_col (-1: none) a date shown in style, a column past t's the row's key. Finalizes
 * st; returns t, or NULL with *cause after freeing t. */
struct table *overview_fill(struct db *db, sqlite3_stmt *st, struct table *t, int date_col,
                            enum date_style style, char **cause);
/* Class sessions by date: date, start, class, device, venue, seats, attended (or
 * "cancelled"); each row keyed by the session's code. */
struct table *overview_sessions(struct db *db, enum date_style style, char **cause);

/* One class session for its detail page: "label: value" lines (class, date, time, venue,
 * seats, applicants, status as of today, description). 0, or -1 with *cause (an unknown code
 * too). */
int overview_session(struct db *db, const char *code, enum date_style style,
                     const struct date *today, struct strlist *out, char **cause);

struct overview_totals {
	long venues, offerings, sessions, people, applications, slots, bookings;
};
/* Counts of the main records, for the home screen; 0 or -1 with *cause. */
int overview_totals(struct db *db, struct overview_totals *t, char **cause);
/* The date of the last class session into *d: 0, or -1 when there is none. */
int sessions_last_date(struct db *db, struct date *d);

#endif
