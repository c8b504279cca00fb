/* models/classes/setup.h: venues, courses, offerings and sessions created, edited, listed and
 * cancelled one at a time, with every field checked and named when it is wrong. */
#ifndef MODELS_CLASSES_SETUP_H
#define MODELS_CLASSES_SETUP_H
#include <stddef.h>

#include "models/core/db.h"
#include "models/formats/table.h"
#include "models/core/util.h"

enum field_type { F_TEXT, F_CHOICE, F_DATE, F_TIME, F_INT, F_REF };

struct field_spec {
	const char *name;  /* as on the command line (--name) */
	const char *label; /* N_(): as on the screen */
	const char *column;
	enum field_type type;
	int required;      /* when creating */
	long lo, hi;       /* F_TEXT: at most hi characters; F_INT: the range */
	const char *choices; /* F_CHOICE: "a,b,c" */
	const char *ref;     /* F_REF: the table whose code is given */
	int unlisted;        /* left out of record_list, to fit a screen */
	const char *noun;    /* F_REF: N_(), what the code names ("course") */
	int multiline;       /* F_TEXT: line breaks allowed */
};

/* The kinds: venue, course, offering, session (NULL-terminated). */
extern const char *const record_kinds[];
/* The fields of a kind (n set to their number), or NULL for an unknown kind. */
const struct field_spec *record_fields(const char *kind, size_t *n);

/* The record's fields as text (references as codes), in record_fields order; 0, 1 when there
 * is no such record, -1 with *cause. */
int record_get(struct db *db, const char *kind, const char *code, struct strlist *values,
               char **cause);

/* Create (create nonzero) or change the record of this code: the named fields get the values,
 * the others keep theirs (or their defaults). Every value is checked first and the first bad
 * one is named by its label ("Capacity: ..."); then one transaction, audited. 0, or -1 with
 * *cause. */
int record_save(struct db *db, const char *kind, const char *code, int create,
                const char *const *names, const char *const *values, size_t n, const char *actor,
                char **cause);

/* The same, creating the record when there is none and changing it when there is (an import
 * of records that may have been imported before). A refused value is named in *field (the
 * field's name, "code" for the code, NULL for the record as a whole; field may be NULL) and
 * *cause says why without naming it. Audited by the caller (an import, once). 0, or -1. */
int record_put(struct db *db, const char *kind, const char *code, const char *const *names,
               const char *const *values, size_t n, const char *actor, const char **field,
               char **cause);

/* Set the status of an offering or a session (a session: scheduled or cancelled); setting the
 * status it has changes nothing. Audited when it changes. 0, or -1 with *cause. */
int record_set_status(struct db *db, const char *kind, const char *code, const char *status,
                      const char *actor, char **cause);

/* Cancel an offering or a session: it stays, with status cancelled (calendars show it so). */
int record_cancel(struct db *db, const char *kind, const char *code, const char *actor,
                  char **cause);

/* Every record of the kind: its code, then its fields. */
struct table *record_list(struct db *db, const char *kind, char **cause);
#endif
