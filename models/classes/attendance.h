/* models/classes/attendance.h: the roll call of a class session. */
#ifndef MODELS_CLASSES_ATTENDANCE_H
#define MODELS_CLASSES_ATTENDANCE_H

#include <stddef.h>

#include "models/core/date.h"
#include "models/core/db.h"

struct roll_entry {
	char *person; /* the person's code */
	char *name, *kana;
	char *status;   /* "present", "absent", "late", or "" when not yet marked */
	int substitute; /* came in place of a winner on the day */
};

struct roll {
	char *session, *title, *date, *time, *venue;
	int cancelled;
	struct roll_entry *v;
	size_t n;
};

/* The roll of a session: the people who won a seat in it (promoted ones included) and the
 * substitutes recorded, by kana. NULL with *cause (an unknown session too). */
struct roll *attendance_roll(struct db *db, const char *session, char **cause);
void attendance_roll_free(struct roll *r);
/* Nonzero if status is one of present, absent, late. */
int attendance_status_valid(const char *status);
/* Record person's status at session, in one transaction (a savepoint inside the caller's) with
 * an audit entry. A person who is not on the roll must come as a substitute; a cancelled
 * session, or one after today (when today is given), takes no marks. 0, or -1 with *cause
 * naming the session or person. */
int attendance_mark(struct db *db, const char *session, const char *person, const char *status,
                    int substitute, const struct date *today, const char *actor, char **cause);
/* A roll-call status as people read it ("present", "absent (substitute)", ...); the caller
 * frees it. */
char *attendance_label(const char *status, int substitute);
/* The same, audited by the caller (an import, once), naming what was refused in *field
 * ("session", "person", "status", "substitute"; NULL for the mark as a whole; field may be
 * NULL): an import's row names its column. */
int attendance_record(struct db *db, const char *session, const char *person, const char *status,
                      int substitute, const struct date *today, const char *actor,
                      const char **field, char **cause);

#endif
