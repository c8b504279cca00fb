/* models/reminders/reminders.h: the reminder call list of a day: everyone expected at a
 * consultation or a class that day, with the phone number to call them on. */
#ifndef MODELS_REMINDERS_REMINDERS_H
#define MODELS_REMINDERS_REMINDERS_H

#include "models/core/db.h"
#include "models/formats/table.h"

/* The people expected on date (YYYY-MM-DD): each live consultation booking (not cancelled)
 * and each winner of a class session held that day (an application won for that session,
 * the session not cancelled), one row each, in time order, then by place and kana: the time,
 * what (a consultation or a class), the place, the person's code, name, kana and phone, and
 * the topic or the course's title. It shows personal data: the caller asks for a role. The
 * table is the caller's (table_free); each row keyed by the person's code. NULL with *cause. */
struct table *reminders_day(struct db *db, const char *date, char **cause);

#endif
