/* models/core/engine.h: the PostgreSQL side of models/core/db.c, inside models/core only. The
 * rest of the program speaks to db.h, whichever engine holds the data. */
#ifndef MODELS_CORE_ENGINE_H
#define MODELS_CORE_ENGINE_H

#include <signal.h>
#include <stdint.h>

#include "models/core/db.h"

struct pg_stmt;

/* Whether path names a PostgreSQL database: a postgresql:// or postgres:// URI, or a libpq
 * connection string ("host=... dbname=..."). */
int pg_is_conninfo(const char *path);
/* Connect db (db->path is the connection string) as libpq does it (~/.pgpass, PG*
 * variables): 0, or -1 with *cause in words. */
int pg_connect(struct db *db, char **cause);
void pg_disconnect(struct db *db);
/* The schema version (0 for an empty database), or -1 with *cause. */
int pg_schema_version(struct db *db, char **cause);
/* Whether a transaction is open on the connection. */
int pg_in_transaction(struct db *db);
/* See db_data_version. */
int64_t pg_data_version(struct db *db);
/* BEGIN, telling the server the program's clock at the same time. */
int pg_begin(struct db *db, char **cause);
/* Run a constant script of statements with no parameters. */
int pg_exec(struct db *db, const char *sql, char **cause);

/* db_backup on PostgreSQL: pg_dump's custom format into path (written beside it, 0600, and
 * renamed into place), restored with pg_restore (the man page). */
int pg_backup(struct db *db, const char *path, const volatile sig_atomic_t *stop, char **cause);

/* The statement layer behind db_prepare, db_step, db_bind_*, db_column_*. The SQL is SQLite's
 * spelling where the two agree; pg_prepare turns ?N into $N. */
struct pg_stmt *pg_prepare(struct db *db, const char *sql);
int pg_step(struct pg_stmt *st);
int pg_reset(struct pg_stmt *st);
void pg_finalize(struct pg_stmt *st);
/* See db_bulk and db_flush. A bulk INSERT of plain VALUES, one row or several, goes as the
 * lines of one COPY; a bulk UPDATE or DELETE written for several rows at once, with a list
 * "IN (?, ?, ...)" or "FROM (VALUES (...), (...)) v", sends its rows by COPY to a temporary
 * table and runs once for them all when the COPY ends (at db_flush, at the next statement
 * that is not the same, or at its db_finalize): its steps must name each row once. Other bulk
 * steps go out in libpq's pipeline. */
void pg_bulk(struct pg_stmt *st);
int pg_flush(struct db *db, char **cause);
int pg_bind_int64(struct pg_stmt *st, int i, int64_t v);
int pg_bind_text(struct pg_stmt *st, int i, const char *s);
int pg_bind_blob(struct pg_stmt *st, int i, const void *p, int n);
int64_t pg_column_int64(struct pg_stmt *st, int i);
int pg_column_null(struct pg_stmt *st, int i);
const void *pg_column_blob(struct pg_stmt *st, int i, int *n);
int pg_column_count(struct pg_stmt *st);
const char *pg_column_name(struct pg_stmt *st, int i);
const char *pg_column_text(struct pg_stmt *st, int i);
int64_t pg_last_id(struct db *db);
int pg_changes(struct db *db);
int pg_error_taken(struct db *db);
/* Whether the last error was a serialisation failure or deadlock: the transaction may be run
 * again. */
int pg_error_retry(struct db *db);
const char *pg_errmsg(struct db *db);

#endif
