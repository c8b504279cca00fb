/* models/people/people.c: search as staff type, and registration at the counter. */
#include "config.h"
#include "models/people/people.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/clock.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"

/* The words a form shows for person_add's fields. */
static const struct code_name person_fields[] = {{"name", N_("name")},
                                                 {"kana", N_("kana")},
                                                 {"phone", N_("phone")},
                                                 {"birth_year", N_("birth year")},
                                                 {"language", N_("language")}};

/* Every arm is a range over one index, cut at the limit before anything is sorted; "?1 || ?8"
 * (?8 is U+10FFFF, the last character) is the first text after every text that begins with
 * ?1. An arm that does not apply gets NULL, an empty range: a condition beside the range (such
 * as ?2 <> '') would be tested row by row along the whole index. Ties within an arm go by id,
 * so that the cut is the same on either engine. Each arm ranks what it finds: the exact code
 * 0, the name or kana from its start 1, the given name (alone, or before the family name) 2,
 * the start of a code 3, the phone's first digits 4, digits inside the phone 5; a person found
 * by several arms takes the best; a record merged into another is found by its whole code
 * alone (its keys are empty). ?1 the query's key, ?2 its digits (a phone), ?3 the code as
 * typed, ?4 the limit, ?5 and ?6 the keys of its two words, ?7 its digits (four or more). */
static const char search_sql[] =
    "SELECT p.id, p.code, p.name, p.kana, p.phone, coalesce(p.birth_year, 0) FROM"
    " (SELECT id, min(r) AS r FROM ("
    "  SELECT id, CASE WHEN code = ?3 THEN 0 ELSE 3 END AS r FROM (SELECT id, code FROM people"
    "  WHERE code >= ?3 AND code < ?3 || ?8 AND (merged_into IS NULL OR code = ?3)"
    "  ORDER BY code, id LIMIT ?4) a1"
    " UNION ALL SELECT id, 1 FROM (SELECT id FROM people WHERE kana_key >= ?1 AND"
    "  kana_key < ?1 || ?8 ORDER BY kana_key, id LIMIT ?4) a2"
    " UNION ALL SELECT id, 1 FROM (SELECT id FROM people WHERE name_key >= ?1 AND"
    "  name_key < ?1 || ?8 ORDER BY name_key, id LIMIT ?4) a3"
    " UNION ALL SELECT id, 2 FROM (SELECT id FROM people WHERE given_key >= ?1 AND"
    "  given_key < ?1 || ?8 ORDER BY given_key, id LIMIT ?4) a4"
    " UNION ALL SELECT id, 2 FROM (SELECT id FROM people WHERE kana_given_key >= ?1 AND"
    "  kana_given_key < ?1 || ?8 ORDER BY kana_given_key, id LIMIT ?4) a5"
    " UNION ALL SELECT id, 4 FROM (SELECT id FROM people WHERE phone_digits >= ?2 AND"
    "  phone_digits < ?2 || ?8 ORDER BY phone_digits, id LIMIT ?4) a6"
    " UNION ALL SELECT id, 2 FROM (SELECT id FROM people WHERE given_key >= ?5 AND"
    "  given_key < ?5 || ?8 AND name_key >= ?6 AND name_key < ?6 || ?8"
    "  ORDER BY given_key, id LIMIT ?4) a8"
    " UNION ALL SELECT id, 2 FROM (SELECT id FROM people WHERE kana_given_key >= ?5 AND"
    "  kana_given_key < ?5 || ?8 AND kana_key >= ?6 AND kana_key < ?6 ||"
    "  ?8 ORDER BY kana_given_key, id LIMIT ?4) a9"
    " UNION ALL SELECT id, 5 FROM (SELECT person_id AS id FROM people_phone_parts WHERE"
    "  part >= ?7 AND part < ?7 || ?8 ORDER BY part, id LIMIT ?4) a7"
    " ) arms GROUP BY id) m JOIN people p ON p.id = m.id"
    " ORDER BY m.r, p.kana_key, p.name_key, p.id LIMIT ?4";

static void
person_from_row(db_stmt *st, struct person *p)
{
	p->id = db_column_int64(st, 0);
	p->code = db_column_dup(st, 1);
	p->name = db_column_dup(st, 2);
	p->kana = db_column_dup(st, 3);
	p->phone = db_column_dup(st, 4);
	p->birth_year = db_column_int(st, 5);
}

int
people_search(struct db *db, const char *query, size_t limit, struct person_list *out, char **cause)
{
	char *key = text_search_key(query), *digits = NULL, *code = NULL, *inner = NULL;
	char *first = NULL, *second = NULL;
	db_stmt *st;
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
		/* Four digits or more may be anywhere in the number ("0775" of 03-5497-0775). */
		if (strlen(digits) >= 4)
			inner = xstrdup(digits);
	} else {
		/* Codes are ASCII: the key has them lower-cased, a code is compared as typed. */
		code = xstrdup(query);
		char *sp = code + strspn(code, " ");

		memmove(code, sp, strlen(sp) + 1);
		/* Two words: the given name first, then the family name ("博 小林"); the family
		 * name first is the whole key's range already. */
		const char *rest = text_second_word(query);

		if (rest != NULL && text_second_word(rest) == NULL) {
			char *head = xstrndup(query, (size_t)(rest - query));

			first = text_search_key(head);
			second = text_search_key(rest);
			free(head);
		}
	}
	st = db_query(db, search_sql, cause,
	              DB_ARGS(DB_TEXT(key), DB_TEXT(digits), DB_TEXT(code), DB_INT(limit),
	                      DB_TEXT(first), DB_TEXT(second), DB_TEXT(inner),
	                      DB_TEXT("\xf4\x8f\xbf\xbf")));
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		out->v = xgrow(out->v, out->n, &cap, 8, sizeof *out->v);
		person_from_row(st, &out->v[out->n++]);
	}
	free(key);
	free(digits);
	free(code);
	free(inner);
	free(first);
	free(second);
	if (st == NULL || db_finish(db, st, rc, cause) != 0) {
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
	db_stmt *st = db_prepare(db,
	                         "SELECT id, code, name, kana, phone, coalesce(birth_year, 0) "
	                         "FROM people WHERE code = ?",
	                         cause);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	if (rc == DB_ROW)
		person_from_row(st, out);
	db_finalize(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return 1;
	db_cause(db, cause, _("database error"));
	return -1;
}

/* person_add's rule for the same person: the same name or the same kana (as search keys:
 * NFC, kana forms, spaces and variant kanji such as 髙/高 do not matter), and the same phone,
 * or the same birth year when the two do not both have a phone. */
static const char same_person_sql[] =
    "SELECT id, code FROM people WHERE (name_key = ?1 OR (?5 <> '' AND kana_key = ?5)) AND"
    " ((?2 <> '' AND phone_digits = ?2) OR"
    " (?3 > 0 AND birth_year = ?3 AND (?2 = '' OR coalesce(phone_digits, '') = ''))) AND id <> ?4"
    " ORDER BY id LIMIT 1";

/* The id (and in *code, when not NULL, a new string) of the same person other than the one
 * whose id is self (0: none), 0 or -1. */
static int64_t
same_person(struct db *db, const char *name, const char *kana, const char *phone, int birth_year,
            int64_t self, char **code, char **cause)
{
	char *name_key = text_search_key(name), *digits = text_digits(phone);
	char *kana_key = text_search_key(kana != NULL ? kana : "");
	db_stmt *st = db_query(db, same_person_sql, cause,
	                       DB_ARGS(DB_TEXT(name_key), DB_TEXT(digits), DB_INT(birth_year),
	                               DB_INT(self), DB_TEXT(kana_key)));
	int64_t id = st != NULL ? 0 : -1;
	int rc = st != NULL ? db_step(st) : DB_DONE;

	free(name_key);
	free(kana_key);
	free(digits);
	if (rc == DB_ROW) {
		id = db_column_int64(st, 0);
		if (code != NULL)
			*code = db_column_dup(st, 1);
		rc = DB_DONE;
	}
	if (st != NULL && db_finish(db, st, rc, cause) != 0)
		id = -1;
	return id;
}

int64_t
person_match(struct db *db, const char *name, const char *kana, const char *phone, int birth_year,
             char **cause)
{
	return same_person(db, name, kana, phone, birth_year, 0, NULL, cause);
}

/* in with its text in NFC and its phone narrowed (the strings in *nfc, freed by
 * fields_nfc_free). */
struct fields_nfc {
	struct person_fields f;
	char *name, *kana, *phone;
};

static void
fields_nfc(struct fields_nfc *n, const struct person_fields *in)
{
	n->f = *in;
	n->f.name = n->name = text_nfc(in->name);
	n->f.kana = n->kana = text_nfc(in->kana);
	/* A phone number is stored in half-width digits however it was typed (text_narrow). */
	n->f.phone = n->phone = text_narrow(in->phone);
}

static void
fields_nfc_free(struct fields_nfc *n)
{
	free(n->name);
	free(n->kana);
	free(n->phone);
}

int
person_check(const struct person_fields *in, person_refuse_fn *refuse, void *ctx)
{
	char *why = NULL;
	int year = clock_today().year, bad = 0;

#define REFUSE(f) (refuse(ctx, (f), why), free(why), why = NULL, bad++)
	if (in->code != NULL && *in->code != '\0' && text_check_code(in->code, &why) != 0)
		REFUSE("code");
	if (text_check_value(in->name, 1, 40, NULL, &why) != 0)
		REFUSE("name");
	if (text_check_value(in->kana, 0, 60, NULL, &why) != 0)
		REFUSE("kana");
	if (text_check_value(in->phone, 0, 20, NULL, &why) != 0)
		REFUSE("phone");
	else if (*in->phone != '\0' && !text_is_phone(in->phone)) {
		why = xasprintf(_("'%s' is not a phone number (digits, '-', '(', ')' only)"),
		                in->phone);
		REFUSE("phone");
	}
	if (in->birth_year != 0 && (in->birth_year < 1900 || in->birth_year > year)) {
		char given[16];

		snprintf(given, sizeof given, "%d", in->birth_year);
		why = xasprintf(_("must be a whole number from %ld to %ld, not '%s'"), 1900L,
		                (long)year, given);
		REFUSE("birth_year");
	}
	if (in->language != NULL && *in->language != '\0') {
		const char *code;

		if (person_language_parse(in->language, &code, &why) != 0)
			REFUSE("language");
	}
#undef REFUSE
	return bad;
}

int
person_language_parse(const char *text, const char **code, char **cause)
{
	static const struct {
		const char *word, *code;
	} words[] = {{"ja", "ja"}, {"日本語", "ja"}, {"japanese", "ja"},
	             {"en", "en"}, {"英語", "en"},   {"english", "en"}};
	char *key = text_search_key(text);

	*code = NULL;
	for (size_t i = 0; i < sizeof words / sizeof words[0] && *code == NULL; i++) {
		char *w = text_search_key(words[i].word);

		if (strcmp(key, w) == 0)
			*code = words[i].code;
		free(w);
	}
	free(key);
	if (*code != NULL)
		return 0;
	set_cause(cause, _("'%s' is not one of: %s"), text, "ja, en, 日本語, 英語, English");
	return -1;
}

const char *
person_language_name(const char *code)
{
	/* Each language by its own name, as a person who reads it looks for it. */
	return strcmp(code, "en") == 0 ? "English" : "日本語";
}

int
person_birth_year_parse(const char *text, int *year, char **cause)
{
	int now = clock_today().year;
	char *end, *narrow = text_narrow(text); /* "１９５０" is 1950 */
	long y;

	*year = 0;
	if (*narrow == '\0') {
		free(narrow);
		return 0;
	}
	errno = 0;
	y = strtol(narrow, &end, 10);
	/* Or as people write a date of birth: 昭和25, 昭和25年3月1日, S25, 1950/3/1. */
	if (errno != 0 || end == narrow || *end != '\0') {
		int born;

		y = date_parse_birth_year(text, &born, NULL) == 0 ? born : 0;
	}
	if (y < 1900 || y > now) {
		set_cause(cause, _("must be a whole number from %ld to %ld, not '%s'"), 1900L,
		          (long)now, text);
		free(narrow);
		return -1;
	}
	free(narrow);
	*year = (int)y;
	return 0;
}

/* The refusal of the one field person_check_field asks about. */
struct one_field {
	const char *field;
	char **cause;
	int refused;
};

static void
keep_field(void *ctx, const char *field, const char *why)
{
	struct one_field *o = ctx;

	if (o->refused || strcmp(field, o->field) != 0)
		return;
	o->refused = 1;
	set_cause(o->cause, "%s", why);
}

int
person_check_field(const char *field, const char *value, char **cause)
{
	struct person_fields in = {NULL, "-", "", "", 0, 1, NULL};
	struct one_field o = {field, cause, 0};

	if (strcmp(field, "birth_year") == 0)
		return person_birth_year_parse(value, &in.birth_year, cause);
	if (strcmp(field, "name") == 0)
		in.name = value;
	else if (strcmp(field, "kana") == 0)
		in.kana = value;
	else if (strcmp(field, "phone") == 0)
		in.phone = value;
	else if (strcmp(field, "code") == 0)
		in.code = value;
	else if (strcmp(field, "language") == 0) {
		/* Empty is not a language: a form's choice always holds one. */
		const char *code;

		return person_language_parse(value, &code, cause);
	} else {
		set_cause(cause, _("a person has no field '%s'"), field);
		return -1;
	}
	person_check(&in, keep_field, &o);
	return o.refused ? -1 : 0;
}

/* The first value refused, for person_add. */
struct first_refused {
	const char **field;
	char **cause;
	int seen;
};

static void
keep_first(void *ctx, const char *field, const char *why)
{
	struct first_refused *f = ctx;

	if (f->seen++)
		return;
	*f->field = field;
	set_cause(f->cause, "%s", why);
}

/* 1 when the person registered under in->code has exactly in's details, 0 when there is
 * none, -1 with *cause (a different person under that code is refused). */
static int
same_code(struct db *db, const struct person_fields *in, char **cause)
{
	/* A language not given says nothing about the record's. */
	db_stmt *st = db_prepare(db,
	                         "SELECT CASE WHEN name = ?2 AND kana = ?3 AND phone = ?4 AND"
	                         " coalesce(birth_year, 0) = ?5 AND resident = ?6 AND (?7 = '' OR"
	                         " language = ?7) THEN 1 ELSE 0 END, name FROM people WHERE code ="
	                         " ?1",
	                         cause);
	const char *language = "";
	int rc, same = 0;

	if (st == NULL)
		return -1;
	if (in->language != NULL && *in->language != '\0')
		person_language_parse(in->language, &language, NULL);
	db_bind_text(st, 1, in->code);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, in->kana);
	db_bind_text(st, 4, in->phone);
	db_bind_int(st, 5, in->birth_year);
	db_bind_int(st, 6, in->resident != 0);
	db_bind_text(st, 7, language != NULL ? language : "");
	rc = db_step(st);
	if (rc == DB_ROW && !(same = db_column_int(st, 0)))
		set_cause(cause,
		          _("%s is already registered, as %s; registering again changes nothing"),
		          in->code, db_column_text(st, 1));
	else if (rc != DB_ROW && rc != DB_DONE)
		db_cause(db, cause, _("database error"));
	db_finalize(st);
	if (rc == DB_ROW)
		return same ? 1 : -1;
	return rc == DB_DONE ? 0 : -1;
}

static int add(struct db *db, const struct person_fields *in, const char *actor, struct person *out,
               const char **field, char **cause);

int
person_add(struct db *db, const struct person_fields *in, const char *actor, struct person *out,
           const char **field, char **cause)
{
	struct fields_nfc n;
	int rc;

	/* Names and kana are kept in NFC: José typed either way is one person. */
	fields_nfc(&n, in);
	rc = add(db, &n.f, actor, out, field, cause);
	fields_nfc_free(&n);
	return rc;
}

static int
add(struct db *db, const struct person_fields *in, const char *actor, struct person *out,
    const char **field, char **cause)
{
	char *name_key = NULL, *kana_key = NULL, *digits = NULL, *dup = NULL, *code = NULL;
	char *given_key = NULL, *kana_given_key = NULL;
	const char *dummy;
	db_stmt *st = NULL;
	int rc = -1;

	if (field == NULL)
		field = &dummy;
	if (out != NULL)
		memset(out, 0, sizeof *out);
	struct first_refused first = {field, cause, 0};

	if (person_check(in, keep_first, &first) != 0)
		return -1;
	*field = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	if (in->code != NULL && *in->code != '\0') {
		int same = same_code(db, in, cause);

		if (same != 0) {
			*field = same < 0 ? "code" : NULL;
			db_rollback(db);
			return same;
		}
		code = xstrdup(in->code);
	}
	int64_t dup_id =
	    same_person(db, in->name, in->kana, in->phone, in->birth_year, 0, &dup, cause);

	if (dup_id != 0) {
		if (dup_id > 0)
			set_cause(
			    cause,
			    _("%s is already registered as %s with the same phone or birth year"),
			    in->name, dup);
		goto fail;
	}
	if (code == NULL) {
		/* The next "P" number: the write lock of the transaction keeps it ours. */
		int64_t next =
		    db_count(db,
		             "SELECT coalesce(max(CAST(substr(code, 2) AS INTEGER)), 0) + 1"
		             " FROM people WHERE glob('P[0-9]*', code) AND NOT"
		             " glob('*[^0-9]*', substr(code, 2))",
		             cause);

		if (next < 0)
			goto fail;
		code = xasprintf("P%04lld", (long long)next);
	}
	name_key = text_search_key(in->name);
	kana_key = text_search_key(in->kana);
	given_key = text_given_key(in->name);
	kana_given_key = text_given_key(in->kana);
	digits = text_digits(in->phone);
	const char *language = "ja";

	/* person_check took it. */
	if (in->language != NULL && *in->language != '\0' &&
	    person_language_parse(in->language, &language, NULL) != 0)
		language = "ja";
	st =
	    db_query(db,
	             "INSERT INTO people (code, name, kana, name_key, kana_key, phone, "
	             "phone_digits, birth_year, resident, given_key, kana_given_key, language)"
	             " VALUES (?,?,?,?,?,?,?,?,?,?10,?11,?12)",
	             cause,
	             DB_ARGS(DB_TEXT(code), DB_TEXT(in->name), DB_TEXT(in->kana), DB_TEXT(name_key),
	                     DB_TEXT(kana_key), DB_TEXT(in->phone), DB_TEXT(digits)));
	if (st != NULL) {
		db_bind_text(st, 10, given_key);
		db_bind_text(st, 11, kana_given_key);
		db_bind_text(st, 12, language);
	}
	if (st == NULL)
		goto fail;
	if (in->birth_year != 0)
		db_bind_int(st, 8, in->birth_year);
	db_bind_int(st, 9, in->resident != 0);
	if (db_step(st) != DB_DONE) {
		db_cause(db, cause, _("cannot register the person"));
		goto fail;
	}
	int64_t id = db_last_id(db);

	if (db_audit(db, actor, "create", "person", id, code, cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	if (out != NULL) {
		out->id = id;
		out->code = code;
		code = NULL;
		out->name = xstrdup(in->name);
		out->kana = xstrdup(in->kana);
		out->phone = xstrdup(in->phone);
		out->birth_year = in->birth_year;
	}
	rc = 0;
	goto out;
fail:
	db_rollback(db);
out:
	db_finalize(st);
	free(name_key);
	free(kana_key);
	free(given_key);
	free(kana_given_key);
	free(digits);
	free(dup);
	free(code);
	return rc;
}

int
person_create(struct db *db, const char *name, const char *kana, const char *phone, int birth_year,
              const char *language, const char *actor, struct person *out, char **cause)
{
	struct person_fields in = {NULL, name, kana, phone, birth_year, 1, language};
	const char *field = NULL;
	int rc = person_add(db, &in, actor, out, &field, cause);

	if (rc != 0 && field != NULL && cause != NULL && *cause != NULL) {
		char *why = *cause;

		*cause = xasprintf(_("%s: %s"), CODE_NAME(person_fields, field), why);
		free(why);
	}
	return rc == 0 ? 0 : -1;
}

int
person_learn_birth_year(struct db *db, int64_t id, int birth_year, char **cause)
{
	db_stmt *st;
	int rc;

	if (birth_year <= 0)
		return 0;
	st = db_query(db, "UPDATE people SET birth_year = ? WHERE id = ? AND birth_year IS NULL",
	              cause, DB_ARGS(DB_INT(birth_year), DB_INT(id)));
	if (st == NULL)
		return -1;
	rc = db_step(st);
	return db_finish(db, st, rc, cause);
}

/* "field old -> new" added to the audit detail *what when the value changed, and the field,
 * old and new to changed (when not NULL); 1 when it did. */
static int
note_change(char **what, struct strlist *changed, const char *field, const char *was,
            const char *now)
{
	if (strcmp(was, now) == 0)
		return 0;
	if (changed != NULL) {
		strlist_add(changed, xstrdup(field));
		strlist_add(changed, xstrdup(was));
		strlist_add(changed, xstrdup(now));
	}
	size_t n = strlen(*what);
	/* "person P0001: name 'A' -> 'B', phone '1' -> '2'" */
	char *more = xasprintf("%s%s %s '%s' -> '%s'", *what,
	                       n > 0 && (*what)[n - 1] == ':' ? "" : ",", field, was, now);

	free(*what);
	*what = more;
	return 1;
}

/* person_edit, and resident: 0 or 1 to set it, -1 to leave it; changed (when not NULL) gets
 * each changed field, its old and its new value when the change is made. */
static int
edit(struct db *db, const char *code, const struct person_change *ch, int resident,
     const char *actor, const char **field, struct strlist *changed, char **cause)
{
	struct person cur;
	struct strlist mine = {0};
	int was_resident = 1;
	char was_language[4] = "ja";
	const char *dummy, *language = NULL;
	char *what = NULL, *dup = NULL, *name_key = NULL, *kana_key = NULL, *given_key = NULL,
	     *kana_given_key = NULL, *digits = NULL;
	int rc = -1, found;

	if (field == NULL)
		field = &dummy;
	*field = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	found = person_find(db, code, &cur, cause);
	if (found != 0) {
		if (found > 0)
			set_cause(cause, _("no person with code '%s'"), code);
		db_rollback(db);
		return found > 0 ? 2 : -1;
	}
	{
		db_stmt *st = db_query_int(
		    db, "SELECT resident, language FROM people WHERE id = ?1", cur.id, cause);
		int step = st != NULL ? db_step(st) : DB_ERROR;

		if (step == DB_ROW) {
			was_resident = db_column_int(st, 0);
			snprintf(was_language, sizeof was_language, "%s", db_column_text(st, 1));
		}
		if (st == NULL || db_finish(db, st, step == DB_ROW ? DB_DONE : step, cause) != 0) {
			person_free(&cur);
			db_rollback(db);
			return -1;
		}
	}
	struct person_fields in = {NULL,
	                           ch->name != NULL ? ch->name : cur.name,
	                           ch->kana != NULL ? ch->kana : cur.kana,
	                           ch->phone != NULL ? ch->phone : cur.phone,
	                           ch->birth_year != 0 ? ch->birth_year : cur.birth_year,
	                           1,
	                           ch->language != NULL ? ch->language : was_language};
	struct first_refused first = {field, cause, 0};

	if (person_check(&in, keep_first, &first) != 0) {
		char *why = *cause;

		*cause = xasprintf(_("%s: %s"), CODE_NAME(person_fields, *field), why);
		free(why);
		goto fail;
	}
	*field = NULL;
	/* person_check took it; an empty one (an import's empty field) leaves it. */
	if (*in.language == '\0' || person_language_parse(in.language, &language, NULL) != 0)
		language = was_language;
	char was_year[16] = "", new_year[16] = "";

	if (cur.birth_year)
		snprintf(was_year, sizeof was_year, "%d", cur.birth_year);
	if (in.birth_year)
		snprintf(new_year, sizeof new_year, "%d", in.birth_year);
	what = xasprintf("person %s:", cur.code);
	int names = note_change(&what, &mine, "name", cur.name, in.name);
	int others = note_change(&what, &mine, "kana", cur.kana, in.kana);
	int phone = note_change(&what, &mine, "phone", cur.phone, in.phone);
	int year = note_change(&what, &mine, "birth_year", was_year, new_year);
	int res =
	    resident >= 0 && note_change(&what, &mine, "resident", was_resident ? "yes" : "no",
	                                 resident ? "yes" : "no");
	int lang = note_change(&what, &mine, "language", was_language, language);

	if (!names && !others && !phone && !year && !res && !lang) {
		rc = 1;
		goto fail;
	}
	/* The rule of registration: the record must not become someone registered already. */
	if (names || phone || year) {
		int64_t dup_id =
		    same_person(db, in.name, in.kana, in.phone, in.birth_year, cur.id, &dup, cause);

		if (dup_id != 0) {
			if (dup_id > 0)
				set_cause(
				    cause,
				    _("%s is already registered as %s with the same phone or birth "
				      "year"),
				    in.name, dup);
			goto fail;
		}
	}
	name_key = text_search_key(in.name);
	kana_key = text_search_key(in.kana);
	given_key = text_given_key(in.name);
	kana_given_key = text_given_key(in.kana);
	digits = text_digits(in.phone);
	if (db_run(db,
	           "UPDATE people SET name = ?1, kana = ?2, phone = ?3, birth_year = nullif(?4, 0),"
	           " name_key = ?5, kana_key = ?6, given_key = ?7, kana_given_key = ?8,"
	           " phone_digits = ?9, resident = ?11, language = ?12 WHERE id = ?10",
	           _("cannot change the person"), cause,
	           DB_ARGS(DB_TEXT(in.name), DB_TEXT(in.kana), DB_TEXT(in.phone),
	                   DB_INT(in.birth_year), DB_TEXT(name_key), DB_TEXT(kana_key),
	                   DB_TEXT(given_key), DB_TEXT(kana_given_key), DB_TEXT(digits),
	                   DB_INT(cur.id), DB_INT(resident >= 0 ? resident : was_resident),
	                   DB_TEXT(language))) != 0)
		goto fail;
	rc = db_audit_end(db, actor, "edit", "person", cur.id, what, cause);
	if (rc == 0 && changed != NULL)
		for (size_t i = 0; i < mine.n; i++)
			strlist_add(changed, xstrdup(mine.v[i]));
	goto out;
fail:
	db_rollback(db);
out:
	strlist_clear(&mine);
	person_free(&cur);
	free(what);
	free(dup);
	free(name_key);
	free(kana_key);
	free(given_key);
	free(kana_given_key);
	free(digits);
	return rc;
}

int
person_edit(struct db *db, const char *code, const struct person_change *ch, const char *actor,
            const char **field, char **cause)
{
	char *name = ch->name ? text_nfc(ch->name) : NULL,
	     *kana = ch->kana ? text_nfc(ch->kana) : NULL,
	     *phone = ch->phone ? text_nfc(ch->phone) : NULL;
	struct person_change n = {name, kana, phone, ch->birth_year, ch->language};
	int rc = edit(db, code, &n, -1, actor, field, NULL, cause);

	free(name);
	free(kana);
	free(phone);
	return rc;
}

int
person_update(struct db *db, const struct person_fields *in, const char *actor,
              struct strlist *changed, const char **field, char **cause)
{
	struct fields_nfc n;
	int rc;

	fields_nfc(&n, in);
	struct person_change ch = {n.f.name, *n.f.kana ? n.f.kana : NULL,
	                           *n.f.phone ? n.f.phone : NULL, n.f.birth_year, in->language};

	rc = edit(db, in->code, &ch, in->resident != 0, actor, field, changed, cause);
	fields_nfc_free(&n);
	return rc;
}
