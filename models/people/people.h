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

/* People whose name, kana (hiragana, katakana and half-width katakana alike, spaces ignored)
 * or phone digits begin with what query holds, or whose code begins with it; at most limit,
 * in kana order. Each match is an index range scan, so the cost does not grow with the number
 * of people. An empty query finds nobody. 0, or -1 with *cause. */
int people_search(struct db *db, const char *query, size_t limit, struct person_list *out,
                  char **cause);
void person_list_free(struct person_list *l);

/* The person whose code is code; 0, 1 when there is none, -1 with *cause. */
int person_find(struct db *db, const char *code, struct person *out, char **cause);
void person_free(struct person *p);

/* Register a person: a name (1-40 characters), kana and phone optional, birth_year 0 or
 * 1900..this year. The code is the next free "P" number. Refused, naming the field, when a
 * field is bad or a person of the same name and phone (or birth year) is already registered.
 * In its own transaction (or the caller's); 0 with *out filled, or -1 with *cause. */
int person_create(struct db *db, const char *name, const char *kana, const char *phone,
                  int birth_year, const char *actor, struct person *out, char **cause);
#endif
