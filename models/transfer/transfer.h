/* models/transfer/transfer.h: CSV import of every kind of record, all or nothing, and the demo.
 * Import is a client of the features: a row's fields are parsed here and handed to the same
 * function the screens and subcommands call, which checks them and writes its own tables. */
#ifndef MODELS_TRANSFER_TRANSFER_H
#define MODELS_TRANSFER_TRANSFER_H

#include "models/core/date.h"
#include "models/formats/csv.h"
#include "models/core/db.h"
#include "models/core/util.h"

struct import_report {
	long rows;     /* data rows read */
	long added;    /* records that did not exist before */
	long updated;  /* records changed (--update) */
	long rejected; /* rows left out and written to the rejects file */
	/* Applications (online): of those recorded, how many as ineligible (with the reason) and
	 * as duplicates of an earlier application (counted once); neither is drawn. */
	long ineligible, duplicates;
};

struct lottery_config;
struct import_options {
	/* Import the good rows and write the bad ones, with an "error" column, to this file
	 * (NULL: every row or none). */
	const char *rejects;
	/* Eligibility of online applications (NULL: not checked at import). */
	const struct lottery_config *lottery;
	/* Who imports (ROLE_BIT_s) and why: rows in a closed month need an admin and a reason
	 * (models/periods/); without options, none. */
	int role;
	const char *reason;
	/* A row that would change a registered person changes them (the changes reported in
	 * updates), instead of being refused. */
	int update;
	/* A site's own headings ([import]): "column=heading, heading, ..." (NULL: none). */
	const struct strlist *headings;
	/* With update: "FILE: row N: P0002: 氏名 'A' -> 'B', ..." for each person changed (the
	 * fields by the file's headings). */
	struct strlist *updates;
	/* "FILE: row N, field 'F': ..." for what was read other than as written (a date of an era
	 * past its end, read as the next era's); NULL: not reported. */
	struct strlist *warnings;
	/* The city's past records (the demo's half year): a session may be dated before today
	 * (the window rule still holds). Never set from the command line. */
	int past_records;
};

/* 1 when a file's heading names column: the column's own name, a name of the documented table
 * (models/transfer/headings.c: 氏名, フリガナ, 生年月日, ...) or of extra ("column=heading,
 * heading"); compared as search keys (spaces, width and kana forms do not matter). */
int import_heading_is(const char *column, const char *heading, const struct strlist *extra);

/* The kinds in the order their references need them: venues, courses, offerings, sessions,
 * people, applications, attendance, slots, bookings. NULL-terminated. */
extern const char *const import_kinds[];

/* Nonzero if kind names an importable kind. */
int import_kind_known(const char *kind);
/* The header line a file of this kind must have (its columns): a new string, or NULL. */
char *import_kind_columns(const char *kind);

/* Import path (CSV, UTF-8 or CP932) as records of kind in one transaction (a savepoint when the
 * caller has one open). Every bad row is listed in errors ("FILE: row N, field 'F': ...") and then
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

/* ---- for the folder's own files: import.c (the driver), rows.c (the kinds), demo.c ---- */

#define IMPORT_MAX_COLS 12

struct row_numbers {
	long *v;
	size_t n, cap;
};

/* One row being imported. */
struct import_row {
	struct db *db;
	const char *file, *actor;
	const struct csv_row *row;
	const struct import_kind *kind;
	const int *col;               /* column index of each declared column, -1 when absent */
	const struct strlist *header; /* the file's headings, as written */
	struct strlist *errors;
	int bad; /* errors in this row */
	/* The row number of each message added to errors (NULL: none kept): the driver lists
	 * them in the order of the rows. */
	struct row_numbers *numbers;
	const struct import_options *opts;
	/* The first pass: check what the row says without the database (nothing is read or
	 * written); the kinds stop before they call the feature. */
	int check_only;
	/* Applications this row recorded as ineligible and as duplicates (the driver counts them
	 * once the row is kept). */
	long ineligible, duplicates;
};

/* A kind of record: its columns (a leading '*' marks a required one), the feature's names
 * for columns named otherwise ("from", "apply_from", ..., NULL), what counts its records,
 * and the function that imports one row. */
struct import_kind {
	const char *name;
	const char *const cols[IMPORT_MAX_COLS];
	const char *const *aliases;
	const char *count_sql;
	int (*row)(struct import_row *);
};

/* The kind called name, or NULL. */
const struct import_kind *import_kind_find(const char *name);

/* Declared column col as the file heads it (生年, a site's own heading, ...); the column's own
 * name when the file has no such column. Borrowed. */
const char *import_row_heading(const struct import_row *c, int col);
/* Add "FILE: row N, field 'F': ..." (col >= 0, F the file's heading) or "FILE: row N: ..." to
 * the row's errors. */
void import_row_error(struct import_row *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same as a warning (opts->warnings; none without): the row is not bad. */
void import_row_warning(struct import_row *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 1 when the database holds venues or people already (the demo needs a new one), 0 when the
 * demo may be loaded, -1 on a database error. */
int import_demo_refused(struct db *db);

#endif
