/* models/classes/classes.h: classes, the one header of models/classes/: venues, courses,
 * offerings and sessions created, edited, listed and cancelled one at a time, with every field
 * checked and named when it is wrong (setup.c); the lists the sections of the staff screens show
 * (overview.c); and the roll call of a class session (attendance.c). */
#ifndef MODELS_CLASSES_CLASSES_H
#define MODELS_CLASSES_CLASSES_H
#include <stddef.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/formats/pages.h"
#include "models/formats/table.h"
#include "models/core/util.h"

/* ---- records: venues, courses, offerings, sessions (setup.c) ---- */

enum field_type { F_TEXT, F_CHOICE, F_DATE, F_TIME, F_INT, F_REF };

struct field_spec {
	const char *name;  /* as on the command line (--name) */
	const char *label; /* N_(): as on the screen */
	const char *column;
	enum field_type type;
	int required;        /* when creating */
	long lo, hi;         /* F_TEXT: at most hi characters; F_INT: the range */
	const char *choices; /* F_CHOICE: "a,b,c" */
	const char *ref;     /* F_REF: the table whose code is given */
	int unlisted;        /* left out of record_list, to fit a screen */
	const char *noun;    /* F_REF: N_(), what the code names ("course") */
	int multiline;       /* F_TEXT: line breaks allowed */
};

/* The kinds: venue, course, offering, session (NULL-terminated). */
extern const char *const record_kinds[];
/* The kind's name for people, translated ("session" -> "開催回"); borrowed. */
const char *record_noun(const char *kind);
/* The fields of a kind (n set to their number), or NULL for an unknown kind. */
const struct field_spec *record_fields(const char *kind, size_t *n);

/* The record's fields as text (references as codes), in record_fields order; 0, 1 when there
 * is no such record, -1 with *cause. */
int record_get(struct db *db, const char *kind, const char *code, struct strlist *values,
               char **cause);

/* Create (create nonzero) or change the record of this code: the named fields get the values,
 * the others keep theirs (or their defaults). Every value is checked first and the first bad
 * one is named by its label ("Capacity: ..."); then one transaction, audited. A session is held
 * after its offering's application window: a new session, one given another date or moved to
 * another offering, is refused (naming the date and the window's days) when its date is on or
 * before the window's last day, and a new or changed date before today (models/core/clock.h);
 * an offering's window is not moved to end on or after the date of one of its sessions (not
 * cancelled). The same holds for record_put and record_check_field. A session in a
 * closed month (before or after the change), or an offering with a session in one, changes
 * only by an admin (role: ROLE_BIT_s) giving a reason (models/periods/); the same holds for
 * record_put and record_set_status. 0, or -1 with *cause. */
int record_save(struct db *db, const char *kind, const char *code, int create,
                const char *const *names, const char *const *values, size_t n, const char *actor,
                int role, const char *reason, char **cause);

/* record_save, naming the refused value's field in *field (the field's name, "code" for the
 * code, NULL for the record as a whole): a form goes back to it. */
int record_save_field(struct db *db, const char *kind, const char *code, int create,
                      const char *const *names, const char *const *values, size_t n,
                      const char *actor, int role, const char *reason, const char **field,
                      char **cause);

/* The same, creating the record when there is none and changing it when there is (an import
 * of records that may have been imported before). A session's date is refused before today
 * (the caller's clock_today()); today NULL only for the city's past records (the demo's half
 * year of 2022), which the window rule still holds for. A refused value is named in *field (the
 * field's name, "code" for the code, NULL for the record as a whole; field may be NULL) and
 * *cause says why without naming it. Audited by the caller (an import, once). 0, or -1. */
int record_put(struct db *db, const char *kind, const char *code, const char *const *names,
               const char *const *values, size_t n, const struct date *today, const char *actor,
               int role, const char *reason, const char **field, char **cause);

/* Check one field of a form as it is left, with the rules record_save applies to it: names[i]
 * ("code" for the record's code, else a field's name) has values[i]; the other names and
 * values are the rest of the form (an offering's window is checked against its other end).
 * A new record's code must be free; a drawn offering's capacity, window and priority rule,
 * and its sessions' seats and offering, must be what the draw was made with. What only the
 * whole record shows (a closed month) is left to record_save. 0, or -1 with *cause saying why
 * without naming the field. */
int record_check_field(struct db *db, const char *kind, const char *code, int create,
                       const char *const *names, const char *const *values, size_t n, size_t i,
                       char **cause);

/* Set the status of an offering or a session (a session: scheduled or cancelled); setting the
 * status it has changes nothing. Audited when it changes. 0, or -1 with *cause. */
int record_set_status(struct db *db, const char *kind, const char *code, const char *status,
                      const char *actor, int role, const char *reason, char **cause);

/* Cancel an offering or a session: it stays, with status cancelled (calendars show it so). */
int record_cancel(struct db *db, const char *kind, const char *code, const char *actor, int role,
                  const char *reason, char **cause);

/* 1 when the session of this code is cancelled, 0 when it is not, -1 with *cause when there
 * is none (or the database fails). */
int session_cancelled(struct db *db, const char *code, char **cause);

/* Restore a cancelled session: scheduled again, with its winners, roll call and calendar
 * event as they were. Refused when it is not cancelled or its offering is cancelled; a closed
 * month as record_cancel. Audited as "restore" with the old and new status. 0, or -1 with
 * *cause. The subcommand and the screen call it through lottery_session_restore
 * (models/lottery/), which also takes back what it would give an erased person. */
int session_restore(struct db *db, const char *code, const char *actor, int role,
                    const char *reason, char **cause);

/* Every record of the kind: its code, then its fields, by code. */
struct table *record_list(struct db *db, const char *kind, char **cause);
/* The same list read a window at a time (models/formats/pages.h), by code, counted by the
 * kind's counter; NULL with *cause for an unknown kind. */
struct pages *record_pages(struct db *db, const char *kind, char **cause);

/* ---- the lists of the staff screens (overview.c) ---- */

/* Step st (prepared and bound) to its end and add each row to t: column i is cell i, the
 * column date_col (-1: none) a date shown in style, a column past t's the row's key. Finalizes
 * st; returns t, or NULL with *cause after freeing t. */
struct table *overview_fill(struct db *db, db_stmt *st, struct table *t, int date_col,
                            enum date_style style, char **cause);
/* Class sessions by date and time: date, start, class, device, venue, seats, attended (or
 * "cancelled"); each row keyed by the session's code; read a window at a time, counted by the
 * counter "sessions". */
struct pages *overview_sessions(struct db *db, enum date_style style);

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

/* ---- the roll call (attendance.c) ---- */

struct roll_entry {
	char *person; /* the person's code */
	char *name, *kana;
	char status[8]; /* "present", "absent", "late", or "" when not yet marked */
	int substitute; /* came in place of a winner on the day */
};

struct roll {
	char *title, *venue;
	char date[11], time[12]; /* YYYY-MM-DD, HH:MM-HH:MM */
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
 * session, or one after today (when today is given), takes no marks; a change in a closed
 * month needs an admin's role (ROLE_BIT_s) and a reason (models/periods/). 0, or -1 with
 * *cause naming the session or person. */
int attendance_mark(struct db *db, const char *session, const char *person, const char *status,
                    int substitute, const struct date *today, const char *actor, int role,
                    const char *reason, char **cause);
/* A roll-call status as people read it ("present", "absent (substitute)", ...); the caller
 * frees it. */
char *attendance_label(const char *status, int substitute);
/* The same, audited by the caller (an import, once), naming what was refused in *field
 * ("session", "person", "status", "substitute"; NULL for the mark as a whole; field may be
 * NULL): an import's row names its column. */
int attendance_record(struct db *db, const char *session, const char *person, const char *status,
                      int substitute, const struct date *today, const char *actor, int role,
                      const char *reason, const char **field, char **cause);

/* Give every roll-call mark of person other to person keep: two records of one person merged
 * (models/people/ person_merge). Where both were marked at one session, the better mark stays
 * (present, late, absent in this order; keep's on a tie) and the other is dropped, into notes;
 * dropping one that counted (present or late) in a closed month is an amendment (role and
 * reason, models/periods/). In the caller's transaction (a savepoint); the caller audits the
 * merge. The number of marks moved, or -1 with *cause. */
long attendance_merge_person(struct db *db, int64_t keep, int64_t other, const char *actor,
                             int role, const char *reason, struct strlist *notes, char **cause);

#endif
