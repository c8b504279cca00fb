/* models/consult/consult.h: consultation slots (スマホよろず相談), the one header of
 * models/consult/: weekly hours (hours.c), national holidays (holidays.c), generation that
 * skips holidays and closures (generate.c), the day
 * view (day.c), bookings that two terminals cannot double (bookings.c), and slots and bookings
 * recorded elsewhere (records.c). */
#ifndef MODELS_CONSULT_CONSULT_H
#define MODELS_CONSULT_CONSULT_H
#include <stddef.h>
#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/settings.h"
#include "models/core/util.h"

#define SLOT_MINUTES     30
#define SLOT_MAX_PERIODS 8
/* The longest range one generation covers: a mistyped year must not make centuries of slots. */
#define SLOT_MAX_DAYS 732

/* Opening hours for each day of the week (0 = Sunday), as minutes after midnight. */
struct slot_template {
	int n[7];
	struct {
		int from, to;
	} p[7][SLOT_MAX_PERIODS];
};

/* Parse a template such as "mon-fri 10:00-12:00 13:00-16:00; sat 10:00-12:00": groups split by
 * ';', each one or more days (mon..sun or 月..日, single, listed with ',' or a range with '-')
 * and one or more periods HH:MM-HH:MM; the gaps between periods are the breaks. Full-width
 * characters and '〜' are accepted. 0, or -1 with *cause naming the part that is wrong. */
int slot_template_parse(const char *spec, struct slot_template *t, char **cause);
/* The template in the canonical form ("tue,thu 10:00-12:00 13:00-16:00"); a new string. */
char *slot_template_format(const struct slot_template *t);

/* A venue that has consultation slots or a template. */
struct slot_venue {
	int64_t id;
	char *code, *name, *spec; /* spec: the saved template, or NULL */
};
struct slot_venue_list {
	struct slot_venue *v;
	size_t n;
};
/* Venues with slots or a template, in code order; with all, every venue. 0 or -1. */
int slot_venues(struct db *db, int all, struct slot_venue_list *out, char **cause);
void slot_venue_list_free(struct slot_venue_list *l);
/* The id of the venue whose code is code: >0, 0 when there is none, -1 with *cause. */
int64_t slot_venue_id(struct db *db, const char *code, char **cause);

/* Save a venue's template (checked with slot_template_parse, stored in canonical form). */
int slot_template_save(struct db *db, const char *venue_code, const char *spec, const char *actor,
                       char **cause);

/* The years holiday_name knows. */
#define HOLIDAY_FIRST_YEAR 1980
#define HOLIDAY_LAST_YEAR  2099
/* Japan's national holiday on d (holidays.c), by the holiday law (国民の祝日に関する法律) as
 * amended for 1980-2099: the days it names, with their changes over the years and the
 * Olympic moves of 2020 and 2021; the days of imperial ceremonies (1989, 1990, 1993, 2019);
 * the equinoxes by the astronomical approximation; substitute holidays (振替休日) and days
 * between two holidays (国民の休日). The holiday's name as an msgid (English; show it through
 * _()), borrowed; NULL on any other day or outside HOLIDAY_FIRST_YEAR..HOLIDAY_LAST_YEAR. */
const char *holiday_name(const struct date *d);

struct slot_gen_result {
	long created;  /* new slots */
	long existing; /* already there, left as they were */
	long closed;   /* not created: the sum of the three below */
	long holiday;  /* ... on a national holiday */
	long yearly;   /* ... in the yearly closure ([consultations] closed) */
	long imported; /* ... under an imported closure */
	long days;     /* days on which the template opens */
};
/* Create the 30-minute slots of each venue's template (or of spec for the one venue named)
 * from..to, leaving out national holidays (holiday_name), the days of closed (the yearly
 * closure; NULL: SETTINGS_DEFAULT_CLOSED) and the slots an imported closure covers, each slot
 * counted under the first of these reasons. With venue_code NULL, every venue with a
 * template. Refused when from is before today, to is before from, or the range is longer than
 * SLOT_MAX_DAYS. One transaction; 0, or -1 with *cause and nothing created. */
int slots_generate(struct db *db, const char *venue_code, const struct date *from,
                   const struct date *to, const char *spec, const struct closed_days *closed,
                   const struct date *today, const char *actor, struct slot_gen_result *r,
                   char **cause);

enum slot_state { SLOT_FREE, SLOT_BOOKED, SLOT_ATTENDED, SLOT_NO_SHOW, SLOT_CLOSED };

/* One slot of a day as the day view draws it. */
struct slot_view {
	int64_t slot_id, booking_id; /* booking_id 0: none */
	char date[11], start[6];
	enum slot_state state;
	int walk_in;
	char *topic;       /* "" when free */
	char *person_code; /* the rest NULL unless personal data was asked for */
	char *name, *kana, *phone;
	char *reason; /* why a closed slot is closed, or "" */
};
struct slot_day {
	struct slot_view *v;
	size_t n;
};
/* The slots of a venue on a date, in time order. With personal 0 the query reads no name,
 * kana, phone or code (the kiosk's view). 0, or -1 with *cause. */
int slots_day(struct db *db, int64_t venue_id, const char *date, int personal, struct slot_day *out,
              char **cause);
void slot_day_free(struct slot_day *d);

/* Find a venue's slot by date and start time; the slot's id, 0 when there is none (with
 * *cause saying so), -1 with *cause. */
int64_t slot_find(struct db *db, const char *venue_code, const char *date, const char *start,
                  char **cause);

/* Add one slot of a venue (a slot the city recorded elsewhere, past ones too); a slot that is
 * there already stays as it is. A refused value is named in *field ("venue", "date", "start";
 * field may be NULL). Audited by the caller (an import, once). 0, or -1 with *cause. */
int slot_add(struct db *db, const char *venue_code, const char *date, const char *start,
             const char **field, char **cause);

/* A booking as it was recorded elsewhere (the city's earlier records): the slot by venue, date
 * and start, its person, a topic of 1-40 characters, its status (booked, attended, no_show,
 * cancelled; NULL or "": booked), a walk-in or not. */
struct booking_record {
	const char *venue, *date, *start;
	int64_t person_id;
	const char *topic, *status;
	int walk_in;
};
/* Record such a booking. The slot must exist and hold no one else's live booking; the
 * person's own live booking there is updated, and a cancellation of it cancels it (its
 * SEQUENCE goes up, so calendars drop it); a cancellation already on record changes nothing.
 * A refused value is named in *field ("venue", "date", "start", "topic", "status"; field may
 * be NULL). A change in a closed month needs an admin's role and a reason (models/periods/).
 * Audited by the caller. 0, or -1 with *cause. */
int slots_record(struct db *db, const struct booking_record *b, const char *actor, int role,
                 const char *reason, const char **field, char **cause);

/* Up to n free, open slots of the slot's venue after it (from today on), as "YYYY-MM-DD HH:MM"
 * strings paired with their ids. */
int slots_next_free(struct db *db, int64_t slot_id, const struct date *today, size_t n,
                    struct strlist *when, int64_t *ids, char **cause);

/* What a booking operation came to. */
enum book_result {
	BOOK_OK,
	BOOK_TAKEN,   /* another booking holds the slot (another terminal was faster) */
	BOOK_REFUSED, /* a rule says no: *cause says which, in words for the counter */
	BOOK_ERROR    /* the database failed: *cause */
};

struct booking_rules {
	int monthly_limit;            /* 0: none */
	const struct strlist *topics; /* the topics a booking may have */
	const struct date *today;
	const char *actor;
	int role;           /* the actor's ROLE_BIT_s: a closed month takes an admin's change */
	const char *reason; /* why a closed month is amended (NULL: none given) */
};

/* Book slot_id for a person with a topic. A walk-in is booked and marked attended at once,
 * and only today (at any of today's slots: it records the person at the desk, during or just
 * after the consultation). An advance booking is refused in the past (a day before today, or
 * today's slot whose start the clock has passed: clock_minutes), when the person already has a
 * booking at that hour, or when it would pass the monthly limit (the message lists the
 * bookings that count). One transaction, audited. This and the changes below are refused
 * (BOOK_REFUSED) in a closed month unless an admin gives a reason (models/periods/). */
enum book_result slots_book(struct db *db, int64_t slot_id, int64_t person_id, const char *topic,
                            int walk_in, const struct booking_rules *rules, char **cause);
/* Whether a walk-in can be recorded at slot_id now, with slots_book's rules for it (today
 * only, not a closed slot or day) and the slot free: asked before the person and topic are
 * typed. 0 when it can; 1 with *cause saying why not; -1 with *cause. */
int slots_walk_in_check(struct db *db, int64_t slot_id, const struct date *today, char **cause);
/* Cancel the slot's live booking (only while it is booked, not once attended). */
enum book_result slots_cancel(struct db *db, int64_t slot_id, const struct booking_rules *rules,
                              char **cause);
/* Move the slot's live booking to to_slot, keeping its topic (and its calendar UID); not to a
 * slot in the past, today's slots whose start has passed included. */
enum book_result slots_rebook(struct db *db, int64_t slot_id, int64_t to_slot,
                              const struct booking_rules *rules, char **cause);
/* Restore a cancelled booking of the slot as booked: booking_id, or else the one cancelled last
 * (of person_id when nonzero). Only while the slot is free (BOOK_TAKEN when someone has booked
 * it since), open and not past, and while the person has no other consultation that day and
 * stays within the monthly limit. The booking keeps its id and topic, so a calendar shows it
 * again under its UID. The person's code and name go into *who (a new string, may be NULL).
 * Refused (BOOK_REFUSED) when that booking's person was erased (models/people/ person_erase).
 * Audited as "restore" with the old and new status. */
enum book_result slots_restore(struct db *db, int64_t slot_id, int64_t booking_id,
                               int64_t person_id, const struct booking_rules *rules, char **who,
                               char **cause);
/* Mark the slot's live booking "attended", "no_show" or back to "booked"; not in the future. */
enum book_result slots_mark(struct db *db, int64_t slot_id, const char *status,
                            const struct booking_rules *rules, char **cause);

/* Give every booking of person other to person keep: two records of one person merged
 * (models/people/ person_merge). What is counted does not change (a booking is counted as a
 * booking, whoever holds it); no two live bookings can hold one slot, so none is dropped. A
 * day on which keep then holds two live bookings, against the rule of one a day, goes into
 * notes, with both times, for the counter to cancel one. In the caller's transaction (a
 * savepoint); the caller audits the merge. The number of bookings moved, or -1 with *cause. */
long slots_merge_person(struct db *db, int64_t keep, int64_t other, struct strlist *notes,
                        char **cause);

/* The venue's nearest day with slots after (forward) or before date: 1 with out set, 0 when
 * there is none, -1 with *cause. */
int slots_adjacent_day(struct db *db, int64_t venue_id, const char *date, int forward, char out[11],
                       char **cause);

/* A number that changes whenever another connection commits (PRAGMA data_version): the screen
 * compares it to know when to read the day again. -1 on error. */
int64_t slots_data_version(struct db *db);
/* A slot's state in words ("free", "booked", ...), borrowed. */
const char *slot_state_label(enum slot_state s);

#endif
