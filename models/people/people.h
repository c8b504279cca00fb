/* models/people/people.h: residents: finding them as staff type, and registering new ones. */
#ifndef MODELS_PEOPLE_PEOPLE_H
#define MODELS_PEOPLE_PEOPLE_H
#include <stddef.h>
#include <stdint.h>

#include "models/core/db.h"

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
 * ("0775" finds 03-5497-0775); or whose code begins with it. At most limit, ranked: the exact
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
};

/* Where person_check reports each value it refuses: the field's name (as person_add names
 * it) and why, without naming it. */
typedef void person_refuse_fn(void *ctx, const char *field, const char *why);
/* Check every value of in (not whether the person is registered), reporting each refused one;
 * the number refused. */
int person_check(const struct person_fields *in, person_refuse_fn *refuse, void *ctx);

/* Register a person. The same person is never registered twice: a code already registered,
 * or someone of the same name with the same phone, or with the same birth year unless both
 * have phones and they differ, is refused, naming who is registered. A refused value names
 * its field in *field ("code", "name", "kana", "phone", "birth_year"; NULL for the record as a
 * whole; field may be NULL) and *cause says why without naming it. In its own transaction (or
 * the caller's), audited. 0 with *out filled (out may be NULL); 1 when in is exactly the
 * person registered under in->code (nothing changes: the same record again); -1 refused. */
int person_add(struct db *db, const struct person_fields *in, const char *actor, struct person *out,
               const char **field, char **cause);

/* Register a person at the counter: person_add with the next code, as a resident, the
 * refused field's name leading *cause ("name: must not be empty"). 0, or -1 with *cause. */
int person_create(struct db *db, const char *name, const char *kana, const char *phone,
                  int birth_year, const char *actor, struct person *out, char **cause);

/* The person registered with this name and phone or birth year (person_add's rule for the
 * same person): the id, 0 when there is none, -1 with *cause. */
int64_t person_match(struct db *db, const char *name, const char *phone, int birth_year,
                     char **cause);

/* Record a person's birth year where the record has none (a later form gives it). 0 or -1. */
int person_learn_birth_year(struct db *db, int64_t id, int birth_year, char **cause);
#endif
