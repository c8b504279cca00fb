/* models/transfer/import.h: CSV import of every kind of record, all or nothing. */
#ifndef MODELS_TRANSFER_IMPORT_H
#define MODELS_TRANSFER_IMPORT_H

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/util.h"

struct import_report {
	long rows;  /* data rows read */
	long added;    /* records that did not exist before */
	long rejected; /* rows left out and written to the rejects file */
};

struct lottery_config;
struct import_options {
	/* Import the good rows and write the bad ones, with an "error" column, to this file
	 * (NULL: every row or none). */
	const char *rejects;
	/* Eligibility of online applications (NULL: not checked at import). */
	const struct lottery_config *lottery;
};

/* The kinds in the order their references need them: venues, courses, offerings, sessions,
 * people, applications, attendance, slots, bookings. NULL-terminated. */
extern const char *const import_kinds[];

/* Nonzero if kind names an importable kind. */
int import_kind_known(const char *kind);
/* The header line a file of this kind must have (its columns), or NULL. */
const char *import_kind_columns(const char *kind);

/* Import path (CSV, UTF-8 or CP932) as records of kind in one transaction (a savepoint when the caller
 * has one open). Every bad row is listed in errors ("FILE: row N, field 'F': ...") and then
 * nothing is changed. Returns 0, or -1 with errors and/or *cause. */
int import_csv_file(struct db *db, const char *kind, const char *path, const char *actor,
                    struct import_report *rep, struct strlist *errors, char **cause);

/* The same with options (opts may be NULL). */
int import_csv_file_ex(struct db *db, const char *kind, const char *path, const char *actor,
                       const struct import_options *opts, struct import_report *rep,
                       struct strlist *errors, char **cause);

/* Load the demo data set: every kind's KIND.csv from dir, then eight weeks of slots from
 * today (or after the demo's last slot) with some bookings, in one transaction. */
int import_demo(struct db *db, const char *dir, const struct date *today, const char *actor,
                struct strlist *errors, char **cause);

#endif
