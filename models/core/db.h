/* models/core/db.h: the SQLite store: WAL, foreign keys, busy timeout, numbered migrations,
 * nested transactions, prepared statements and the audit log. */
#ifndef MODELS_CORE_DB_H
#define MODELS_CORE_DB_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sqlite3.h>

/* The engines behind the one interface below: SQLite (a file, the default) or PostgreSQL (a
 * libpq connection string or postgresql:// URI). */
enum db_engine { DB_SQLITE, DB_POSTGRES };

struct db_pg; /* the libpq side, models/core/pg.c */

struct db {
	enum db_engine engine;
	sqlite3 *h;        /* DB_SQLITE */
	struct db_pg *pg;  /* DB_POSTGRES */
	struct deny *deny; /* db_deny_reads */
	char *path;
	int depth; /* open transactions: 1 is BEGIN, deeper ones are savepoints */
	int busy_timeout_ms;
	int64_t busy_since_ms; /* when the present wait for a lock began */
	unsigned busy_seed;    /* jitter for the waits */
	int readonly;          /* opened with DB_OPEN_READONLY */
	int snapshot;     /* read-only with no writer about: the file as seen, see db_refresh */
	struct stat seen; /* the file when the snapshot was opened */
};

/* Whether path names a PostgreSQL database (a postgresql:// URI or a libpq connection
 * string) rather than a SQLite file. */
int db_is_conninfo(const char *path);

/* A prepared statement of either engine. */
typedef struct db_stmt db_stmt;
/* What db_step returns: a row, the end, or (anything else) an error, read with db_errmsg. */
enum { DB_OK = 0, DB_ERROR = 1, DB_ROW = SQLITE_ROW, DB_DONE = SQLITE_DONE };

enum db_open_mode { DB_OPEN_EXISTING, DB_OPEN_CREATE, DB_OPEN_READONLY };

/* Open (or with DB_OPEN_CREATE create, with its directory) the database at path. Returns a
 * handle the caller closes with db_close, or NULL with *cause. Does not migrate.
 * DB_OPEN_READONLY opens it with SQLITE_OPEN_READONLY, for a reader the operating system may
 * not let write the file nor its directory (the kiosk): it reads through the -wal and -shm
 * files when a writer made them, else the file as it is (see db_refresh). */
struct db *db_open(const char *path, enum db_open_mode mode, int busy_timeout_ms, char **cause);
void db_close(struct db *db);
/* For a DB_OPEN_READONLY handle reading the file as it is (no writer had it open): open it
 * again when a writer has come (its -wal exists) or the file changed. 1 when reopened (the
 * connection is new: its authorizer and cache size are gone), 0 when nothing changed, -1
 * with *cause. Not inside a transaction. */
int db_refresh(struct db *db, char **cause);
/* Whether SQLite writes nothing through this connection (opened read-only, or the file
 * could only be opened so). */
int db_is_readonly(struct db *db);

/* A table, or one of its columns (column NULL: every column), that a connection must not read.
 */
struct db_column {
	const char *table;
	const char *column;
};
/* Refuse every statement of this connection that reads one of the n columns (NULL, 0: allow
 * all again). On SQLite an authorizer does it; on PostgreSQL the server does it for the
 * kiosk's own role (doc/roles.sql), and this refuses nothing more. */
void db_deny_reads(struct db *db, const struct db_column *deny, size_t n);

/* A number that changes when another connection commits a change (SQLite's data_version;
 * on PostgreSQL, the notifications received), for screens that follow other terminals. */
int64_t db_data_version(struct db *db);

/* The schema version this program writes (the number of the last migration). */
int db_schema_latest(void);
/* The database's schema version (PRAGMA user_version), or -1 with *cause. */
int db_schema_version(struct db *db, char **cause);
/* Apply the pending migrations, each in its own transaction; refuse a database newer than
 * this program. Returns the number applied, or -1 with *cause (then nothing of the failing
 * migration is applied). */
int db_migrate(struct db *db, char **cause);

/* Begin a write transaction (BEGIN IMMEDIATE), or a savepoint inside an open one. */
int db_begin(struct db *db, char **cause);
/* Commit the innermost transaction or release the savepoint. */
int db_commit(struct db *db, char **cause);
/* Roll back the innermost transaction or savepoint; never fails silently into a half state. */
void db_rollback(struct db *db);

/* Prepare a statement; NULL with *cause naming SQLite's error. The caller finalizes it. */
db_stmt *db_prepare(struct db *db, const char *sql, char **cause);
/* Run a constant script of statements (no parameters), one prepared statement at a time. */
int db_exec(struct db *db, const char *sql, char **cause);
/* Run one query returning a single integer; -1 with *cause on error. */
/* Let the connection keep at most kib KiB of pages in memory. */
void db_cache_size(struct db *db, int kib);
/* End the transaction (or savepoint) the caller began: commit it when rc is 0 and return 0;
 * otherwise, or when the commit fails, roll it back and return -1. */
int db_end(struct db *db, int rc, char **cause);
/* Record the change in the audit log (db_audit), then end the transaction as db_end does. */
int db_audit_end(struct db *db, const char *actor, const char *action, const char *entity,
                 int64_t entity_id, const char *detail, char **cause);
/* Finalize st (NULL is fine) after its last step returned rc: 0 when rc is SQLITE_DONE, else
 * -1 with *cause. */
int db_finish(struct db *db, db_stmt *st, int rc, char **cause);
int64_t db_count(struct db *db, const char *sql, char **cause);
/* The same with one text parameter bound to ?1. */
int64_t db_count_text(struct db *db, const char *sql, const char *param, char **cause);
/* Set *cause from SQLite's last error on this connection with a prefix of ours. */
void db_cause(struct db *db, char **cause, const char *what);

/* Record who did what to which record: the one writer of the audit log, part of the caller's
 * transaction (or a transaction of its own). Each entry carries the hash of the entry before
 * it and its own fields (db_audit_hash), read and written under the write lock, so that the
 * log is one chain whichever processes write it. */
int db_audit(struct db *db, const char *actor, const char *action, const char *entity,
             int64_t entity_id, const char *detail, char **cause);

/* The length of an audit entry's hash in hex, with its NUL. */
#define DB_AUDIT_HASH_HEX 65
/* An audit entry's hash into out: hex SHA-256 of its fields as netstrings ("LEN:BYTES,"), in
 * this order: the previous entry's hash ("" for the first), id, at, actor, action, entity,
 * entity_id ("" when 0: none) and detail. The one definition for db_audit, the migration that
 * chained the older entries, audit_verify and the man page. */
void db_audit_hash(const char *prev, int64_t id, const char *at, const char *actor,
                   const char *action, const char *entity, int64_t entity_id, const char *detail,
                   char out[DB_AUDIT_HASH_HEX]);

/* Copy the database to path with SQLite's online backup API, safely while other terminals
 * write (they wait a moment at most); the copy is written beside path and renamed into place,
 * readable by its owner only, in rollback-journal mode. *pages gets its size in pages. When
 * *stop (a flag a signal handler sets; NULL: none) becomes nonzero, the copy stops and its
 * temporary file is removed (-1). Temporary copies an earlier backup to path left when it was
 * killed outright are removed first; *stale gets their number. */
int db_backup(struct db *db, const char *path, const volatile sig_atomic_t *stop, long *pages,
              int *stale, char **cause);
/* Files that hold residents' data (the database and the -wal and -shm files SQLite gives the
 * database's mode, backups, exports with names, rejects files) are created 0600, or 0660 in
 * the group that [database] group names. The settings set that group for the process as they
 * read it; (gid_t)-1: none. */
void db_files_group(gid_t gid);
/* Give the open file fd the mode (and group) of a file with residents' data; 0, or -1 with
 * errno. */
int db_file_private(int fd);
/* Create a new file with residents' data beside path (path.XXXXXX), as db_file_private says,
 * for the caller to write and rename onto path: its descriptor, with *tmp (the caller's) its
 * name; or -1 with *cause. */
int db_file_create(const char *path, char **tmp, char **cause);

/* Run st to its next row (DB_ROW), its end (DB_DONE), or an error (anything else). */
int db_step(db_stmt *st);
/* Start st again from its first row; its bound values stay. */
int db_reset(db_stmt *st);
/* Free st (NULL is fine). */
void db_finalize(db_stmt *st);
/* Mark st, a write (INSERT, UPDATE or DELETE) stepped many times inside one transaction, as
 * one whose steps need not answer one by one: on PostgreSQL they go out in a pipeline, without
 * a round trip each. Its db_step then returns DB_DONE at once, its first error comes from
 * db_flush (or makes the next statement or db_commit fail), and db_changes does not count it.
 * On SQLite nothing changes. */
void db_bulk(db_stmt *st);
/* Wait for the steps of bulk statements: 0, or -1 with *cause and the first error. */
int db_flush(struct db *db, char **cause);
/* Whether a write over many rows is cheaper found by a WHERE over the table than named row by
 * row: on PostgreSQL the named rows go by COPY to a temporary table that is then joined (half a
 * second of a million); on SQLite naming costs nothing and a scan costs memory. */
int db_prefers_sets(struct db *db);
/* Switch this connection's triggers off (on 0) or back on (1), inside a transaction, for a
 * writer that keeps what they keep itself in the same transaction (the draw's million updates
 * of applications, whose counter trigger cost SQLite more than the rows). Returns 1 when they
 * are off now (SQLite: a statement that starts meanwhile runs without them, whenever it was
 * prepared), 0 when they run (PostgreSQL keeps them running, as a role may not switch them
 * off: the caller's own keeping is then not needed). */
int db_triggers(struct db *db, int on);
/* Bind a value to parameter i (from 1). */
int db_bind_int(db_stmt *st, int i, int v);
int db_bind_int64(db_stmt *st, int i, int64_t v);
int db_bind_null(db_stmt *st, int i);
/* Bytes, held by the caller until the statement is stepped. */
int db_bind_blob(db_stmt *st, int i, const void *p, int n);
/* Bind a UTF-8 text (NULL binds NULL). */
int db_bind_text(db_stmt *st, int i, const char *s);
/* The same for a text the caller keeps unchanged until the statement is stepped. */
int db_bind_static(db_stmt *st, int i, const char *s);
/* Column i of the present row: a whole number (0 for NULL), whether it is NULL, how many
 * columns the statement has. */
int db_column_int(db_stmt *st, int i);
int64_t db_column_int64(db_stmt *st, int i);
int db_column_null(db_stmt *st, int i);
int db_column_count(db_stmt *st);
/* Column i's name; its bytes when it holds a blob (else NULL), *n their number: held until
 * the next step (on PostgreSQL, until the next blob read of the statement). */
const char *db_column_name(db_stmt *st, int i);
const void *db_column_blob(db_stmt *st, int i, int *n);
/* The id the last INSERT of this connection gave its row, and how many rows the last
 * INSERT, UPDATE or DELETE changed. */
int64_t db_last_id(struct db *db);
int db_changes(struct db *db);
/* Whether the last error was a uniqueness constraint: the row is taken by someone else. */
int db_error_taken(struct db *db);
/* The engine's words for the last error. */
const char *db_errmsg(struct db *db);
/* Column text as a borrowed non-NULL string ("" for NULL). */
const char *db_column_text(db_stmt *st, int i);
/* The same as a new string, the caller's. */
char *db_column_dup(db_stmt *st, int i);

/* A parameter of db_query and db_run: DB_INT(v) any integer, DB_TEXT(s) a UTF-8 text (NULL
 * binds NULL); DB_ARGS(...) lists them, bound to ?1, ?2, ... in order. */
struct db_arg {
	int is_text;
	int64_t i;
	const char *s;
};
#define DB_INT(v)  ((struct db_arg){0, (int64_t)(v), NULL})
#define DB_TEXT(v) ((struct db_arg){1, 0, (v)})
/* clang-format off */
#define DB_ARGS(...)                                                                               \
	sizeof((struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg),                            \
	    (struct db_arg[]){__VA_ARGS__}
/* clang-format on */
/* Prepare sql with its n parameters bound from args (one the statement does not use is left
 * out); NULL with *cause. The caller finalizes the statement. */
db_stmt *db_query(struct db *db, const char *sql, char **cause, size_t n,
                  const struct db_arg *args);
/* db_query with one whole number, bound to ?1. */
db_stmt *db_query_int(struct db *db, const char *sql, int64_t v, char **cause);
/* The first column of sql's first row as a whole number in *out (0 when there is no row),
 * its n parameters bound from args: 0, or -1 with *cause. */
int db_value(struct db *db, const char *sql, int64_t *out, char **cause, size_t n,
             const struct db_arg *args);
/* Run sql, a statement without rows (a write), with its n parameters bound from args: 0, or -1
 * with *cause naming SQLite's error after what. */
int db_run(struct db *db, const char *sql, const char *what, char **cause, size_t n,
           const struct db_arg *args);

/* Prepare sql with its n parameters bound from args and step it to its first row: 1 with *st at
 * that row, for the caller to read and finalize; 0 when there is none, -1 with *cause; in both
 * *st is NULL (nothing to finalize). Implemented in models/core/query.c. */
int db_first(struct db *db, db_stmt **st, const char *sql, char **cause, size_t n,
             const struct db_arg *args);
/* db_first for the row of a record that must be there, the what (an N_() noun: "offering")
 * whose code is code: 1 with *st at that row; -1 with *cause, "no WHAT with code 'CODE'" when
 * there is none. */
int db_first_of(struct db *db, db_stmt **st, const char *what, const char *code, const char *sql,
                char **cause, size_t n, const struct db_arg *args);
struct strlist;
/* Append the first column of each row of sql (its n parameters bound from args) to *out as
 * text ("" for NULL): 0, or -1 with *cause. */
int db_texts(struct db *db, const char *sql, struct strlist *out, char **cause, size_t n,
             const struct db_arg *args);

/* What db_copy_to copied: rows a table, in the order copied. */
#define DB_COPY_TABLES 32
struct db_copied {
	int n;
	const char *table[DB_COPY_TABLES];
	long rows[DB_COPY_TABLES];
	long total;
	char *unvacuumed; /* why VACUUM (ANALYZE) after the copy failed (owned), or NULL */
};
/* Copy the SQLite database from (at the latest schema version) into the PostgreSQL database
 * to, which must hold no data: its schema is made, then every table row for row in one
 * transaction, the audit log as it was with one entry more by actor saying what was copied;
 * then the tables written are vacuumed and analysed (out->unvacuumed says why not, the copy
 * whole all the same). 0, or -1 with *cause and nothing written. */
int db_copy_to(struct db *from, struct db *to, const char *actor, struct db_copied *out,
               char **cause);

#endif
