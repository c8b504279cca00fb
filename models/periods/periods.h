/* models/periods/periods.h: closed periods, the one header of models/periods/. A month whose
 * figures were reported to the city is closed (by an admin); from then on a change to anything
 * counted in that month (attendance, class sessions, consultation bookings, applications of a
 * class held in it) is refused, unless an admin gives a reason: then the change is an
 * amendment, kept with who, when, what and why, and the monthly report marks the month. An
 * admin may reopen a month, giving a reason. Months are "YYYY-MM". */
#ifndef MODELS_PERIODS_PERIODS_H
#define MODELS_PERIODS_PERIODS_H

#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"
#include "models/formats/table.h"

/* The longest reason an amendment or a reopening takes, in characters. */
#define PERIOD_REASON_MAX 200

/* Nonzero if s is a month of the form YYYY-MM that exists. */
int period_month_valid(const char *s);

/* Whether the month of date (its first seven characters: "YYYY-MM-DD" or "YYYY-MM") is closed:
 * 1, 0, or -1 with *cause. */
int period_is_closed(struct db *db, const char *date, char **cause);

/* Close month: refused when it is not a month, has not ended by today, is closed already, or
 * role (ROLE_BIT_s) is not an admin's. One transaction, audited. 0, or -1 with *cause. */
int period_close(struct db *db, const char *month, const struct date *today, const char *actor,
                 int role, char **cause);

/* Reopen a closed month: an admin only, with a reason (1 to PERIOD_REASON_MAX characters).
 * One transaction, audited with the reason. 0, or -1 with *cause. */
int period_reopen(struct db *db, const char *month, const char *actor, int role, const char *reason,
                  char **cause);

/* Every month ever closed, newest first, keyed by month: month, state (closed or reopened),
 * closed on, by, amendments since, reopened on, by, why. */
struct table *period_list(struct db *db, char **cause);

/* Called by a feature inside its transaction before it changes what is counted in the month of
 * date: what describes the change, with old and new values ("attendance S P: absent ->
 * present"). An open month: 0. A closed one: 1 with *cause naming the month, who closed it and
 * when, unless role is an admin's and reason is given; then the amendment is recorded and
 * audited (actor, what, reason) and 0. -1 with *cause on a database error. */
int period_check_change(struct db *db, const char *date, const char *actor, int role,
                        const char *reason, const char *what, char **cause);

/* The same for a change to an offering's figures (its applications, its capacity): every month
 * in which the offering has a session is checked as period_check_change checks one. */
int period_check_offering(struct db *db, int64_t offering_id, const char *actor, int role,
                          const char *reason, const char *what, char **cause);

/* The first closed month in which the offering whose code is offering has a session, into
 * month (8 bytes): 1, 0 when none (or no such offering), -1 with *cause. */
int period_offering_closed(struct db *db, const char *offering, char month[8], char **cause);

/* Whether the month is closed and was amended since it was closed: 1, 0, or -1. */
int period_amended(struct db *db, const char *month, char **cause);

/* For each closed month from..to ("YYYY-MM", inclusive) amended since it was closed, one line an
 * amendment (the same day, person and reason once): "2022-04: closed 2022-05-10 by kanri;
 * amended 2022-06-01 by kanri: REASON", into notes. 0, or -1 with *cause. */
int period_notes(struct db *db, const char *from, const char *to, struct strlist *notes,
                 char **cause);

#endif
