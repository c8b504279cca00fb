/* models/people/people.c: search as staff type, and registration at the counter. */
#include "config.h"
#include "models/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/clock.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"

/* Every arm is a range over one index, cut at the limit before anything is sorted; "?1 ||
 * char(1114111)" is the first text after every text that begins with ?1. An arm that does not
 * apply gets NULL, an empty range: a condition beside the range (such as ?2 <> '') would be
 * tested row by row along the whole index. */
static const char search_sql[] =
    "SELECT id, code, name, kana, phone, ifnull(birth_year, 0) FROM people WHERE id IN ("
    " SELECT id FROM (SELECT id FROM people WHERE kana_key >= ?1 AND"
    "  kana_key < ?1 || char(1114111) ORDER BY kana_key LIMIT ?4)"
    " UNION SELECT id FROM (SELECT id FROM people WHERE name_key >= ?1 AND"
    "  name_key < ?1 || char(1114111) ORDER BY name_key LIMIT ?4)"
    " UNION SELECT id FROM (SELECT id FROM people WHERE phone_digits >= ?2 AND"
    "  phone_digits < ?2 || char(1114111) ORDER BY phone_digits LIMIT ?4)"
    " UNION SELECT id FROM (SELECT id FROM people WHERE code >= ?3 AND"
    "  code < ?3 || char(1114111) ORDER BY code LIMIT ?4))"
    " ORDER BY kana_key, name_key, id LIMIT ?4";

static void
person_from_row(sqlite3_stmt *st, struct person *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->code = xstrdup(db_column_text(st, 1));
	p->name = xstrdup(db_column_text(st, 2));
	p->kana = xstrdup(db_column_text(st, 3));
	p->phone = xstrdup(db_column_text(st, 4));
	p->birth_year = sqlite3_column_int(st, 5);
}

int
people_search(struct db *db, const char *query, size_t limit, struct person_list *out,
              char **cause)
{
	char *key = text_search_key(query), *digits = NULL, *code = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (*key == '\0' || limit == 0) {
		free(key);
		return 0;
	}
	/* Digits are a phone number; anything else is a name, kana or code. */
	if (text_is_phone(query)) {
		digits = text_digits(query);
		free(key);
		key = NULL;
	} else {
		/* Codes are ASCII: the key has them lower-cased, a code is compared as typed. */
		code = xstrdup(query);
		char *sp = code + strspn(code, " ");

		memmove(code, sp, strlen(sp) + 1);
	}
	st = db_prepare(db, search_sql, cause);
	if (st == NULL) {
		free(key);
		free(digits);
		free(code);
		return -1;
	}
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, digits);
	db_bind_text(st, 3, code);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		person_from_row(st, &out->v[out->n++]);
	}
	sqlite3_finalize(st);
	free(key);
	free(digits);
	free(code);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		person_list_free(out);
		return -1;
	}
	return 0;
}

void
person_free(struct person *p)
{
	if (p == NULL)
		return;
	free(p->code);
	free(p->name);
	free(p->kana);
	free(p->phone);
	memset(p, 0, sizeof *p);
}

void
person_list_free(struct person_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		person_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
person_find(struct db *db, const char *code, struct person *out, char **cause)
{
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id, code, name, kana, phone, ifnull(birth_year, 0) "
	                              "FROM people WHERE code = ?",
	                              cause);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		person_from_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	db_cause(db, cause, _("database error"));
	return -1;
}

/* The code of a person already registered with this name and phone or birth year, or NULL. */
static char *
same_person(struct db *db, const char *name_key, const char *digits, int birth_year)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code FROM people WHERE name_key = ?1 AND ((?2 <> '' AND "
	               "phone_digits = ?2) OR (?3 > 0 AND birth_year = ?3)) ORDER BY id LIMIT 1",
	               NULL);
	char *code = NULL;

	if (st == NULL)
		return NULL;
	db_bind_text(st, 1, name_key);
	db_bind_text(st, 2, digits);
	sqlite3_bind_int(st, 3, birth_year);
	if (sqlite3_step(st) == SQLITE_ROW)
		code = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	return code;
}

int
person_create(struct db *db, const char *name, const char *kana, const char *phone,
              int birth_year, const char *actor, struct person *out, char **cause)
{
	char *name_key = NULL, *kana_key = NULL, *digits = NULL, *dup = NULL;
	sqlite3_stmt *st = NULL;
	int64_t next;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (text_check_field(_("name"), name, 1, 40, cause) != 0 ||
	    text_check_field(_("kana"), kana, 0, 60, cause) != 0 ||
	    text_check_field(_("phone"), phone, 0, 20, cause) != 0)
		return -1;
	if (*phone != '\0' && !text_is_phone(phone)) {
		set_cause(cause, _("phone: '%s' is not a phone number (digits, '-', '(', ')' only)"),
		          phone);
		return -1;
	}
	if (birth_year != 0 && (birth_year < 1900 || birth_year > clock_today().year)) {
		set_cause(cause, _("birth year: must be from 1900 to %d, not %d"), clock_today().year,
		          birth_year);
		return -1;
	}
	name_key = text_search_key(name);
	kana_key = text_search_key(kana);
	digits = text_digits(phone);
	if (db_begin(db, cause) != 0)
		goto out;
	if ((dup = same_person(db, name_key, digits, birth_year)) != NULL) {
		set_cause(cause, _("%s is already registered as %s with the same phone or birth year"),
		          name, dup);
		goto fail;
	}
	/* The next "P" number: the write lock of the transaction keeps it ours. */
	next = db_count(db,
	                "SELECT ifnull(max(CAST(substr(code, 2) AS INTEGER)), 0) + 1 FROM people "
	                "WHERE code GLOB 'P[0-9]*' AND NOT substr(code, 2) GLOB '*[^0-9]*'",
	                cause);
	if (next < 0)
		goto fail;
	char code[32];

	snprintf(code, sizeof code, "P%04lld", (long long)next);
	st = db_prepare(db,
	                "INSERT INTO people (code, name, kana, name_key, kana_key, phone, "
	                "phone_digits, birth_year) VALUES (?,?,?,?,?,?,?,?)",
	                cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, kana);
	db_bind_text(st, 4, name_key);
	db_bind_text(st, 5, kana_key);
	db_bind_text(st, 6, phone);
	db_bind_text(st, 7, digits);
	if (birth_year != 0)
		sqlite3_bind_int(st, 8, birth_year);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_cause(db, cause, _("cannot register the person"));
		goto fail;
	}
	out->id = sqlite3_last_insert_rowid(db->h);
	if (db_audit(db, actor, "create", "person", out->id, code, cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	out->code = xstrdup(code);
	out->name = xstrdup(name);
	out->kana = xstrdup(kana);
	out->phone = xstrdup(phone);
	out->birth_year = birth_year;
	rc = 0;
	goto out;
fail:
	db_rollback(db);
	out->id = 0;
out:
	sqlite3_finalize(st);
	free(name_key);
	free(kana_key);
	free(digits);
	free(dup);
	return rc;
}
