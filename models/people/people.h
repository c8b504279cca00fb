/* models/people/people.h: residents: finding them as staff type, and registering new ones. */
#ifndef MODELS_PEOPLE_PEOPLE_H
#define MODELS_PEOPLE_PEOPLE_H
#include <stddef.h>
#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"

struct person {
	int64_t id;
	char *code, *name, *kana, *phone;
	int birth_year; /* 0: not known */
};

struct person_list {
	struct person *v;
	size_t n;
};

/* People as staff speak of them: whose name or kana (hiragana, katakana and half-width
 * katakana alike, spaces ignored) begins with what query holds; whose given name does (the
 * word after the first space, alone or typed before the family name: "ひろし", "博 小林");
 * whose phone number begins with its digits or holds four or more of them in a row anywhere
 * ("0775" finds 03-5497-0775); or whose code begins with it (a record merged into another,
 * person_merge, only by its whole code; an erased one by its code alone). At most limit,
 * ranked: the exact
 * code first, then the name matches (the name or kana from its start before the given name),
 * then the start of a code, then the phone matches (from its start before inside it); in kana
 * order within a rank. Each match is an index range scan, so the cost does not grow with the
 * number of people. An empty query finds nobody. 0, or -1 with *cause. */
int people_search(struct db *db, const char *query, size_t limit, struct person_list *out,
                  char **cause);
void person_list_free(struct person_list *l);

/* The person whose code is code; 0, 1 when there is none, -1 with *cause. */
int person_find(struct db *db, const char *code, struct person *out, char **cause);
void person_free(struct person *p);

/* What registers a person; text fields may be "" but not NULL. */
struct person_fields {
	const char *code; /* NULL or "": the next free "P" number */
	const char *name; /* 1-40 characters */
	const char *kana, *phone;
	int birth_year; /* 0: not known, else 1900..this year */
	int resident;   /* a resident of the city (eligibility) */
	/* The language the person reads, as person_language_parse takes it ("ja", "en", 日本語,
	 * 英語, English); NULL or "": Japanese at registration, unchanged by person_update. */
	const char *language;
};

/* The language a person reads: "ja" or "en" in *code (a static string) from what staff or a
 * file write for it: ja, en, 日本語, 英語, English, Japanese (case, width and spaces do not
 * matter). 0, or -1 with *cause saying why without naming the field. */
int person_language_parse(const char *text, const char **code, char **cause);
/* A language's own name for a form, a record and a list: 日本語 for "ja", English for "en". */
const char *person_language_name(const char *code);

/* Where person_check reports each value it refuses: the field's name (as person_add names
 * it) and why, without naming it. */
typedef void person_refuse_fn(void *ctx, const char *field, const char *why);
/* Check every value of in (not whether the person is registered), reporting each refused one;
 * the number refused. */
int person_check(const struct person_fields *in, person_refuse_fn *refuse, void *ctx);

/* Check one value as a form's field is left, with person_check's rule for it: field is
 * "code", "name", "kana", "phone", "birth_year" (as typed: "" for not known) or "language". 0, or
 * -1 with *cause saying why without naming the field. */
int person_check_field(const char *field, const char *value, char **cause);
/* A birth year as typed: "" is 0 (not known), else 1900..this year, as a number or as people
 * write a date of birth (昭和25, 昭和25年3月1日, S25, 1950/3/1: date_parse_birth_year). 0, or -1
 * with *cause. */
int person_birth_year_parse(const char *text, int *year, char **cause);

/* Register a person, the name, kana and phone in NFC. The same person is never registered
 * twice: a code already registered, or someone of the same name or kana (compared as search
 * keys: NFC, kana forms, spaces and variant kanji such as 髙/高 do not matter) with the same
 * phone, or with the same birth year unless both have phones and they differ, is refused,
 * naming who is registered. A refused value names its field in *field ("code", "name",
 * "kana", "phone", "birth_year", "language"; NULL for the record as a whole; field may be
 * NULL) and *cause says why without naming it. In its own transaction (or
 * the caller's), audited. 0 with *out filled (out may be NULL); 1 when in is exactly the
 * person registered under in->code (nothing changes: the same record again); -1 refused. */
int person_add(struct db *db, const struct person_fields *in, const char *actor, struct person *out,
               const char **field, char **cause);

/* Register a person at the counter: person_add with the next code, as a resident, the
 * refused field's name leading *cause ("name: must not be empty"); language as person_fields
 * takes it (NULL: Japanese). 0, or -1 with *cause. */
int person_create(struct db *db, const char *name, const char *kana, const char *phone,
                  int birth_year, const char *language, const char *actor, struct person *out,
                  char **cause);

/* The person registered with this name or kana and phone or birth year (person_add's rule for
 * the same person): the id, 0 when there is none, -1 with *cause. */
int64_t person_match(struct db *db, const char *name, const char *kana, const char *phone,
                     int birth_year, char **cause);

/* Record a person's birth year where the record has none (a later form gives it). 0 or -1. */
int person_learn_birth_year(struct db *db, int64_t id, int birth_year, char **cause);

/* What person_edit changes: NULL (or 0 for birth_year) leaves a value as it is. */
struct person_change {
	const char *name, *kana, *phone;
	int birth_year;       /* 0: unchanged, else 1900..this year */
	const char *language; /* as person_language_parse takes it */
};

/* Correct the record of the person whose code is code: the changed values pass person_check
 * as at registration, and the record must not become the same person as another (person_add's
 * rule). In its own transaction (or the caller's), audited as "edit" with the old and new value
 * of each changed field. A refused value names its field in *field (as person_add does; field
 * may be NULL) and *cause begins with the field's label ("phone: ..."). 0 when changed; 1 when
 * every value given is the record's already (nothing written); 2 when there is no such person
 * (with *cause); -1 refused or a database error, nothing changed. */
int person_edit(struct db *db, const char *code, const struct person_change *ch, const char *actor,
                const char **field, char **cause);

/* Bring the record of the person registered under in->code to in's values (an import with
 * --update): name and resident as given, kana, phone, birth year and language where given (an empty
 * field leaves the value). As person_edit: checked, never made the same person as another,
 * audited with old and new values; each value changed adds three strings to changed: the
 * field's name (as person_check names it: name, kana, phone, birth_year, resident), the old
 * value and the new ("yes"/"no" for resident). person_edit's returns. */
int person_update(struct db *db, const struct person_fields *in, const char *actor,
                  struct strlist *changed, const char **field, char **cause);

/* One event of a person's history (models/people/history.c). */
enum person_event_kind {
	PERSON_EVENT_APPLICATION, /* applied for a class: date applied, the draw's result */
	PERSON_EVENT_BOOKING,     /* a consultation booking: the slot's date and time */
	PERSON_EVENT_ATTENDANCE,  /* the roll call of a class session */
};

struct person_event {
	enum person_event_kind kind;
	char *date;  /* YYYY-MM-DD: applied, the slot's or the session's day */
	char *time;  /* HH:MM; "" for an application */
	char *code;  /* the offering's code; the venue's for a booking; the session's */
	char *title; /* the class title; a booking's topic */
	char *venue; /* the venue's name */
	/* As recorded: an application's applied, won, waiting, lost, cancelled, ineligible or
	 * duplicate; a booking's booked, attended, no_show or cancelled; present, absent or late.
	 */
	char *status;
	char *reason; /* why an application is ineligible (or ""); */
	int position; /* the place on the waiting list, 0 when none */
	int flag;     /* a booking made as a walk-in; an attendance as a substitute */
};

/* A person's details and history, newest first. */
struct person_record {
	struct person p;
	int resident;
	const char *language; /* "ja" or "en" (a static string) */
	char *registered_at;  /* when registered, ISO 8601 UTC */
	char *merged_into;    /* the code of the record this one was merged into, or NULL */
	char *erased_at;      /* when the personal data was erased (ISO 8601 UTC), or NULL */
	struct person_event *v;
	size_t n;
};

/* Read the person whose code is code and every application, consultation booking and roll-call
 * mark of theirs (from the lottery's, consult's and classes' tables), newest first: 0 with
 * *out filled (the caller frees it with person_record_free), 1 when there is no such person,
 * -1 with *cause. */
int person_record_load(struct db *db, const char *code, struct person_record *out, char **cause);
void person_record_free(struct person_record *r);

struct table;
/* A person's history laid out for the screens and the command line, one row an event, newest
 * first: date, time, kind (application, consultation, class), class or topic, venue, and the
 * status in words (the draw's result with the waiting place or why ineligible; walk-in,
 * substitute). Each row's key is its code. The caller frees it with table_free. */
struct table *person_history_table(const struct person_record *r);
/* The record's details as lines "Label  value" (labels padded to one display width): code,
 * name, kana, phone, birth year, resident, language, the day registered; added to lines. */
void person_record_details(const struct person_record *r, struct strlist *lines);

struct lottery_config;

/* What person_merge moved from the other record to the one kept. */
struct person_merge_result {
	long applications, bookings, marks;
};

/* Merge the record whose code is other into the one whose code is keep: two records of one
 * person. Each feature moves its own rows, settling where both records hold one
 * (lottery_merge_person, slots_merge_person, attendance_merge_person: one application an
 * offering, one roll-call mark a session; what each settled, and what the counter should look
 * at, goes into notes); keep takes other's kana, phone and birth year where it has none (as
 * person_edit, audited with the old and new values; a phone or birth year that differs stays
 * as keep has it, into notes). Two records whose names and kana both differ, or whose birth
 * years differ, are refused unless different is set (a coordinator's word that they are one); other
 * stays, marked merged into keep (its code is never given again and leads to keep), and search no
 * longer finds it. Refused for the same record twice, a record merged already or erased. A closed
 * month whose count changes takes cfg's admin role and reason. One transaction (or the caller's),
 * audited as "merge" with what moved and the notes. 0 with *out filled (may be NULL), or -1 with
 * *cause and nothing changed. */
int person_merge(struct db *db, const char *keep, const char *other, int different,
                 const struct lottery_config *cfg, struct person_merge_result *out,
                 struct strlist *notes, char **cause);

/* Erase the personal data of the person whose code is code, as the resident asked (個人情報
 * の削除): name (it becomes the code), kana, phone and birth year, of this record and of those
 * merged into it. The record stays, anonymous, with its applications, bookings and roll-call
 * marks, so that every count of the reports stays as it was. Refused while the person has a
 * consultation booked from today on or an application live (applied, won, waiting) for a
 * class with a session from today on: each goes into pending (a line each), to be cancelled
 * first; and for a record merged into another (the one kept is erased). One transaction (or
 * the caller's), audited as "erase" naming the fields, not their values. 0 erased; 1 erased
 * before (nothing changes; *cause says when); 2 no such person (*cause); -1 refused or a
 * database error, with *cause, nothing changed. */
int person_erase(struct db *db, const char *code, const struct date *today, const char *actor,
                 struct strlist *pending, char **cause);

/* A booking of a person's, by its slot and its own id (what slots_cancel and slots_restore
 * take). */
struct person_booking {
	int64_t slot, booking;
};
/* A person's consultation bookings still to come (booked, from today on), in time order:
 * "YYYY-MM-DD HH:MM  venue-name  topic" each into when, their slots and ids into *out (a new
 * array, the caller's; NULL when none). The number, or -1 with *cause. */
long person_upcoming_bookings(struct db *db, const char *code, const struct date *today,
                              struct strlist *when, struct person_booking **out, char **cause);
#endif
