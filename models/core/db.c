/* models/core/db.c: one SQLite connection with the pragmas every sumaho process relies on. */
#include "config.h"
#include "models/core/db.h"
#include "models/core/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/text.h"
#include "models/core/util.h"

void
db_cause(struct db *db, char **cause, const char *what)
{
	set_cause(cause, "%s: %s", what, db_errmsg(db));
}

struct db_stmt {
	struct db *db;
	sqlite3_stmt *s;   /* DB_SQLITE */
	struct pg_stmt *p; /* DB_POSTGRES */
};

db_stmt *
db_prepare(struct db *db, const char *sql, char **cause)
{
	db_stmt *st = xcalloc(1, sizeof *st);

	st->db = db;
	if (db->engine == DB_POSTGRES)
		st->p = pg_prepare(db, sql);
	else if (sqlite3_prepare_v2(db->h, sql, -1, &st->s, NULL) != SQLITE_OK)
		st->s = NULL;
	if (st->s == NULL && st->p == NULL) {
		db_cause(db, cause, _("database error"));
		free(st);
		return NULL;
	}
	return st;
}

int
db_step(db_stmt *st)
{
	return st->p ? pg_step(st->p) : sqlite3_step(st->s);
}

void
db_bulk(db_stmt *st)
{
	if (st != NULL && st->p)
		pg_bulk(st->p);
}

int
db_flush(struct db *db, char **cause)
{
	return db->engine == DB_POSTGRES ? pg_flush(db, cause) : 0;
}

int
db_triggers(struct db *db, int on)
{
	int now = 1;

	if (db->engine == DB_POSTGRES ||
	    sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, on != 0, &now) != SQLITE_OK)
		return 0;
	return now == 0;
}

int
db_prefers_sets(struct db *db)
{
	return db->engine == DB_POSTGRES;
}

int
db_reset(db_stmt *st)
{
	return st->p ? pg_reset(st->p) : sqlite3_reset(st->s);
}

void
db_finalize(db_stmt *st)
{
	if (st == NULL)
		return;
	if (st->p)
		pg_finalize(st->p);
	else
		sqlite3_finalize(st->s);
	free(st);
}

int
db_bind_int(db_stmt *st, int i, int v)
{
	return db_bind_int64(st, i, v);
}

int
db_bind_int64(db_stmt *st, int i, int64_t v)
{
	return st->p ? pg_bind_int64(st->p, i, v) : sqlite3_bind_int64(st->s, i, v);
}

int
db_bind_null(db_stmt *st, int i)
{
	return st->p ? pg_bind_text(st->p, i, NULL) : sqlite3_bind_null(st->s, i);
}

int
db_bind_blob(db_stmt *st, int i, const void *p, int n)
{
	return st->p ? pg_bind_blob(st->p, i, p, n)
	             : sqlite3_bind_blob(st->s, i, p, n, SQLITE_STATIC);
}

int
db_bind_text(db_stmt *st, int i, const char *s)
{
	if (st->p)
		return pg_bind_text(st->p, i, s);
	if (s == NULL)
		return sqlite3_bind_null(st->s, i);
	return sqlite3_bind_text(st->s, i, s, -1, SQLITE_TRANSIENT);
}

int
db_bind_static(db_stmt *st, int i, const char *s)
{
	if (st->p || s == NULL)
		return db_bind_text(st, i, s);
	return sqlite3_bind_text(st->s, i, s, -1, SQLITE_STATIC);
}

int
db_column_int(db_stmt *st, int i)
{
	return (int)db_column_int64(st, i);
}

int64_t
db_column_int64(db_stmt *st, int i)
{
	return st->p ? pg_column_int64(st->p, i) : sqlite3_column_int64(st->s, i);
}

int
db_column_null(db_stmt *st, int i)
{
	return st->p ? pg_column_null(st->p, i) : sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

int
db_column_count(db_stmt *st)
{
	return st->p ? pg_column_count(st->p) : sqlite3_column_count(st->s);
}

const char *
db_column_name(db_stmt *st, int i)
{
	return st->p ? pg_column_name(st->p, i) : sqlite3_column_name(st->s, i);
}

const void *
db_column_blob(db_stmt *st, int i, int *n)
{
	*n = 0;
	if (st->p)
		return pg_column_blob(st->p, i, n);
	if (sqlite3_column_type(st->s, i) != SQLITE_BLOB)
		return NULL;
	*n = sqlite3_column_bytes(st->s, i);
	return sqlite3_column_blob(st->s, i);
}

const char *
db_column_text(db_stmt *st, int i)
{
	const unsigned char *t;

	if (st->p)
		return pg_column_text(st->p, i);
	t = sqlite3_column_text(st->s, i);
	return t ? (const char *)t : "";
}

char *
db_column_dup(db_stmt *st, int i)
{
	return xstrdup(db_column_text(st, i));
}

int64_t
db_last_id(struct db *db)
{
	return db->engine == DB_POSTGRES ? pg_last_id(db) : sqlite3_last_insert_rowid(db->h);
}

int
db_changes(struct db *db)
{
	return db->engine == DB_POSTGRES ? pg_changes(db) : sqlite3_changes(db->h);
}

int
db_error_taken(struct db *db)
{
	return db->engine == DB_POSTGRES
	           ? pg_error_taken(db)
	           : sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE;
}

const char *
db_errmsg(struct db *db)
{
	return db->engine == DB_POSTGRES ? pg_errmsg(db) : sqlite3_errmsg(db->h);
}

int
db_exec(struct db *db, const char *sql, char **cause)
{
	const char *tail = sql;

	/* A pragma is SQLite's own: on PostgreSQL there is nothing to set. */
	if (db->engine == DB_POSTGRES)
		return strncmp(sql, "PRAGMA", 6) == 0 ? 0 : pg_exec(db, sql, cause);

	while (tail != NULL && *tail != '\0') {
		sqlite3_stmt *st = NULL;
		int rc;

		if (sqlite3_prepare_v2(db->h, tail, -1, &st, &tail) != SQLITE_OK) {
			db_cause(db, cause, _("database error"));
			return -1;
		}
		if (st == NULL) /* only whitespace or comments were left */
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			db_cause(db, cause, _("database error"));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

int64_t
db_count(struct db *db, const char *sql, char **cause)
{
	return db_count_text(db, sql, NULL, cause);
}

int64_t
db_count_text(struct db *db, const char *sql, const char *param, char **cause)
{
	db_stmt *st = db_prepare(db, sql, cause);
	int64_t n = -1;

	if (st == NULL)
		return -1;
	if (param != NULL)
		db_bind_text(st, 1, param);
	if (db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	else
		db_cause(db, cause, _("database error"));
	db_finalize(st);
	return n;
}

/* Create the directory that will hold the database, and its parents, as needed. */
static int
make_parent_dirs(const char *path, char **cause)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');

	if (slash == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			set_cause(cause, _("cannot create directory %s: %s"), dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		set_cause(cause, _("cannot create directory %s: %s"), dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/* sumaho_key(text), sumaho_digits(text) and sumaho_given_key(text): the search keys of
 * models/core/text.c, so that a
 * migration can compute them again for every row when their definition grows. */
static void
sql_text_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *(*fn)(const char *) = (char *(*)(const char *))sqlite3_user_data(ctx);
	const unsigned char *v = sqlite3_value_text(argv[0]);
	char *out;

	(void)argc;
	if (v == NULL) {
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	out = fn((const char *)v);
	sqlite3_result_text(ctx, out, -1, free);
}

/* Append one length-prefixed field ("LEN:BYTES,", a netstring) to the hash state. */
static void
chain_field(crypto_hash_sha256_state *h, const char *v)
{
	char len[24];
	size_t n = strlen(v);

	snprintf(len, sizeof len, "%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)v, n);
	crypto_hash_sha256_update(h, (const unsigned char *)",", 1);
}

void
db_audit_hash(const char *prev, int64_t id, const char *at, const char *actor, const char *action,
              const char *entity, int64_t entity_id, const char *detail,
              char out[DB_AUDIT_HASH_HEX])
{
	crypto_hash_sha256_state h;
	unsigned char md[crypto_hash_sha256_BYTES];
	char num[24];

	crypto_hash_sha256_init(&h);
	chain_field(&h, prev);
	snprintf(num, sizeof num, "%lld", (long long)id);
	chain_field(&h, num);
	chain_field(&h, at);
	chain_field(&h, actor);
	chain_field(&h, action);
	chain_field(&h, entity);
	/* No record (NULL) is the empty field, never "0". */
	if (entity_id > 0)
		snprintf(num, sizeof num, "%lld", (long long)entity_id);
	else
		num[0] = '\0';
	chain_field(&h, num);
	chain_field(&h, detail);
	crypto_hash_sha256_final(&h, md);
	sodium_bin2hex(out, DB_AUDIT_HASH_HEX, md, sizeof md);
}

/* sumaho_audit_hash(prev, id, at, actor, action, entity, entity_id, detail): db_audit_hash for
 * the migration that chains the entries written before the log had hashes. */
static void
sql_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v[8];
	char out[DB_AUDIT_HASH_HEX];

	(void)argc;
	for (int i = 0; i < 8; i++) {
		const unsigned char *t = sqlite3_value_text(argv[i]);

		v[i] = t ? (const char *)t : "";
	}
	db_audit_hash(v[0], sqlite3_value_int64(argv[1]), v[2], v[3], v[4], v[5],
	              sqlite3_value_type(argv[6]) == SQLITE_NULL ? 0 : sqlite3_value_int64(argv[6]),
	              v[7], out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* sumaho_rank(seed, code): the rank of a draw's entry, SHA-256 of SEED ":" CODE (32 bytes, as
 * draw_rank computes it), NULL when either is NULL; PostgreSQL's is sumaho.sumaho_rank. */
static void
sql_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	crypto_hash_sha256_state h;
	unsigned char md[crypto_hash_sha256_BYTES];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, sqlite3_value_text(argv[0]),
	                          (unsigned long long)sqlite3_value_bytes(argv[0]));
	crypto_hash_sha256_update(&h, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&h, sqlite3_value_text(argv[1]),
	                          (unsigned long long)sqlite3_value_bytes(argv[1]));
	crypto_hash_sha256_final(&h, md);
	sqlite3_result_blob(ctx, md, sizeof md, SQLITE_TRANSIENT);
}

/* Wait for another connection's write: short sleeps with jitter, so that among several
 * waiting terminals none is starved behind the others (SQLite's own handler backs off to
 * 100 ms steps, and under load one process waited past the timeout while others took turns:
 * tests/unit/test_load.c). Gives up after busy_timeout_ms. */
static int
busy_wait(void *arg, int count)
{
	struct db *db = arg;
	struct timespec now;
	int64_t ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	if (count == 0)
		db->busy_since_ms = ms;
	if (ms - db->busy_since_ms >= db->busy_timeout_ms)
		return 0;
	db->busy_seed = db->busy_seed * 1103515245u + 12345u;
	sqlite3_sleep(1 + (int)((db->busy_seed >> 16) % 8));
	return 1;
}

/* SQLite's 'now' (in defaults, triggers and date functions) reads the one clock: the default
 * VFS with the time taken from models/core/clock.h. Julian day 2440587.5 is the epoch. */
#define EPOCH_JULIAN_MS 210866760000000LL
static sqlite3_vfs clock_vfs;

static int
clock_vfs_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	*out = clock_now_ms() + EPOCH_JULIAN_MS;
	return SQLITE_OK;
}

static int
clock_vfs_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	*out = (double)(clock_now_ms() + EPOCH_JULIAN_MS) / 86400000.0;
	return SQLITE_OK;
}

/* The name of that VFS, registered on first use; NULL (SQLite's default) if there is none. */
static const char *
clock_vfs_name(void)
{
	if (clock_vfs.zName == NULL) {
		sqlite3_vfs *base = sqlite3_vfs_find(NULL);

		if (base == NULL)
			return NULL;
		clock_vfs = *base;
		clock_vfs.zName = "sumaho-clock";
		clock_vfs.xCurrentTime = clock_vfs_time;
		if (clock_vfs.iVersion >= 2)
			clock_vfs.xCurrentTimeInt64 = clock_vfs_time64;
		if (sqlite3_vfs_register(&clock_vfs, 0) != SQLITE_OK) {
			memset(&clock_vfs, 0, sizeof clock_vfs);
			return NULL;
		}
	}
	return clock_vfs.zName;
}

/* The group of the files with residents' data; (gid_t)-1: none (db_files_group). */
static gid_t files_gid = (gid_t)-1;

void
db_files_group(gid_t gid)
{
	files_gid = gid;
}

int
db_file_private(int fd)
{
	if (files_gid != (gid_t)-1 && fchown(fd, (uid_t)-1, files_gid) != 0)
		return -1;
	/* Exactly this mode, whatever the umask. */
	return fchmod(fd, files_gid != (gid_t)-1 ? 0660 : 0600);
}

int
db_file_create(const char *path, char **tmp, char **cause)
{
	int fd;

	*tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) < 0 || db_file_private(fd) != 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return fd;
}

/* Create the empty file of a new database as db_file_private says, before SQLite creates it
 * with its own mode (0644); SQLite gives its -wal and -shm files the database's mode. */
static int
create_private(const char *path, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno == EEXIST) /* another process created it meanwhile */
		return 0;
	if (fd < 0 || db_file_private(fd) != 0) {
		set_cause(cause, _("cannot create database %s: %s"), path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return -1;
	}
	close(fd);
	return 0;
}

/* What every connection needs: extended error codes, the busy handler and our functions. */
static void
setup_handle(struct db *db)
{
	sqlite3_extended_result_codes(db->h, 1);
	db->busy_seed = (unsigned)getpid() ^ (unsigned)(uintptr_t)db;
	sqlite3_busy_handler(db->h, busy_wait, db);
	sqlite3_create_function(db->h, "sumaho_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        (void *)text_search_key, sql_text_fn, NULL, NULL);
	sqlite3_create_function(db->h, "sumaho_digits", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        (void *)text_digits, sql_text_fn, NULL, NULL);
	sqlite3_create_function(db->h, "sumaho_given_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        (void *)text_given_key, sql_text_fn, NULL, NULL);
	sqlite3_create_function(db->h, "sumaho_audit_hash", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        NULL, sql_audit_hash, NULL, NULL);
	sqlite3_create_function(db->h, "sumaho_rank", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_rank, NULL, NULL);
}

/* "file:" and path with the characters a URI gives a meaning escaped. */
static char *
file_uri(const char *path)
{
	size_t n = 0;
	char *uri, *o;

	for (const char *p = path; *p; p++)
		n += *p == '%' || *p == '?' || *p == '#' ? 3 : 1;
	uri = xmalloc(n + sizeof "file:?immutable=1");
	o = uri + sprintf(uri, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			o += sprintf(o, "%%%02X", (unsigned char)*p);
		else
			*o++ = *p;
	strcpy(o, "?immutable=1");
	return uri;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Open db->path read-only into db->h, once. */
static int
open_readonly_once(struct db *db, int *have_wal, char **cause)
{
	char *wal = xasprintf("%s-wal", db->path), *uri = NULL;
	int rc;

	*have_wal = access(wal, F_OK) == 0;
	free(wal);
	if (db->h != NULL) {
		sqlite3_close_v2(db->h);
		db->h = NULL;
	}
	db->snapshot = !*have_wal;
	if (db->snapshot && stat(db->path, &db->seen) != 0) {
		set_cause(cause, _("cannot open database %s: %s"), db->path, strerror(errno));
		return -1;
	}
	if (db->snapshot)
		uri = file_uri(db->path);
	rc = sqlite3_open_v2(uri ? uri : db->path, &db->h,
	                     SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI,
	                     clock_vfs_name());
	free(uri);
	if (rc != SQLITE_OK) {
		set_cause(cause, _("cannot open database %s: %s"), db->path,
		          db->h ? sqlite3_errmsg(db->h) : _("out of memory"));
		return -1;
	}
	setup_handle(db);
	/* Read the schema now, so that a database that cannot be read says so here. */
	return db_exec(db, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema", cause);
}

/* Open db->path read-only into db->h. A WAL database is read through its -wal and -shm files,
 * which a reader the operating system does not let write the directory cannot create: while
 * they exist (a writer has the database open, and SQLite keeps them while any connection,
 * this one too, has it open) the connection reads through them and sees every commit; while
 * they do not, no writer has the database open and the file alone holds every commit, read
 * as it is (SQLite's immutable mode) until db_refresh sees a writer come or the file
 * change. The last writer may close, and remove them, between the look and the first read:
 * then the file alone holds every commit, and it is opened again as it is. A failed open is
 * tried again by the next db_refresh. */
static int
open_readonly(struct db *db, char **cause)
{
	int have_wal = 0, rc = -1;
	char *wal = xasprintf("%s-wal", db->path);

	for (int attempt = 0; attempt < 3; attempt++) {
		char *why = NULL;

		rc = open_readonly_once(db, &have_wal, &why);
		if (rc == 0 || !have_wal || access(wal, F_OK) == 0 || attempt == 2) {
			if (rc != 0 && cause)
				*cause = why;
			else
				free(why);
			break;
		}
		free(why);
	}
	free(wal);
	if (rc != 0) {
		/* Not a snapshot that is still good: db_refresh opens it again. */
		db->snapshot = 1;
		memset(&db->seen, 0, sizeof db->seen);
	}
	return rc;
}

int
db_refresh(struct db *db, char **cause)
{
	struct stat now;
	char *wal;
	int have_wal;

	if (db->engine == DB_POSTGRES || !db->readonly || !db->snapshot || db->depth > 0)
		return 0;
	wal = xasprintf("%s-wal", db->path);
	have_wal = access(wal, F_OK) == 0;
	free(wal);
	if (!have_wal && stat(db->path, &now) == 0 && same_file(&now, &db->seen))
		return 0;
	return open_readonly(db, cause) == 0 ? 1 : -1;
}

int
db_is_readonly(struct db *db)
{
	if (db->engine == DB_POSTGRES)
		return db->readonly;
	return sqlite3_db_readonly(db->h, "main") == 1;
}

struct deny {
	const struct db_column *cols;
	size_t n;
};

static int
authorize(void *arg, int action, const char *a, const char *b, const char *db, const char *view)
{
	const struct deny *d = arg;

	(void)db;
	(void)view;
	if (action != SQLITE_READ || a == NULL)
		return SQLITE_OK;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(a, d->cols[i].table) == 0 &&
		    (d->cols[i].column == NULL || (b != NULL && strcmp(b, d->cols[i].column) == 0)))
			return SQLITE_DENY;
	return SQLITE_OK;
}

void
db_deny_reads(struct db *db, const struct db_column *deny, size_t n)
{
	if (db->engine == DB_POSTGRES)
		return;
	free(db->deny);
	db->deny = NULL;
	if (deny == NULL || n == 0) {
		sqlite3_set_authorizer(db->h, NULL, NULL);
		return;
	}
	db->deny = xmalloc(sizeof *db->deny);
	db->deny->cols = deny;
	db->deny->n = n;
	sqlite3_set_authorizer(db->h, authorize, db->deny);
}

int
db_is_conninfo(const char *path)
{
	return pg_is_conninfo(path);
}

int64_t
db_data_version(struct db *db)
{
	if (db->engine == DB_POSTGRES)
		return pg_data_version(db);
	return db_count(db, "PRAGMA data_version", NULL);
}

static void
no_database(const char *path, char **cause)
{
	set_cause(cause, _("no database at %s (create one with 'sumaho init')"), path);
}

struct db *
db_open(const char *path, enum db_open_mode mode, int busy_timeout_ms, char **cause)
{
	struct db *db;
	struct stat sb;
	/* sumaho has one thread: a connection needs no lock of its own around each call (the
	 * draw's million rows paid 0.1 s for them, tests/bench/lottery.sh). */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	/* ":memory:" and "" are SQLite's own, with no file to make. */
	int in_memory = strcmp(path, ":memory:") == 0 || *path == '\0';

	if (pg_is_conninfo(path)) {
		db = xcalloc(1, sizeof *db);
		db->engine = DB_POSTGRES;
		db->path = xstrdup(path);
		db->busy_timeout_ms = busy_timeout_ms;
		db->readonly = mode == DB_OPEN_READONLY;
		if (pg_connect(db, cause) != 0) {
			db_close(db);
			return NULL;
		}
		/* A database where sumaho was never initialised is as a missing file: only init
		 * makes the schema. */
		if (mode != DB_OPEN_CREATE && pg_schema_version(db, NULL) == 0) {
			no_database(path, cause);
			db_close(db);
			return NULL;
		}
		return db;
	}

	if (mode == DB_OPEN_CREATE) {
		if (!in_memory && (make_parent_dirs(path, cause) != 0 ||
		                   (stat(path, &sb) != 0 && create_private(path, cause) != 0)))
			return NULL;
		flags |= SQLITE_OPEN_CREATE;
	} else if (stat(path, &sb) != 0) {
		no_database(path, cause);
		return NULL;
	}
	/* A FIFO would hang the first read and a device is no database: refused before SQLite
	 * opens them. */
	if (!in_memory && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		set_cause(cause, _("cannot open database %s: not a regular file"), path);
		return NULL;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->busy_timeout_ms = busy_timeout_ms;
	if (mode == DB_OPEN_READONLY) {
		db->readonly = 1;
		if (open_readonly(db, cause) != 0) {
			db_close(db);
			return NULL;
		}
		return db;
	}
	if (sqlite3_open_v2(path, &db->h, flags, clock_vfs_name()) != SQLITE_OK) {
		set_cause(cause, _("cannot open database %s: %s"), path,
		          db->h ? sqlite3_errmsg(db->h) : _("out of memory"));
		db_close(db);
		return NULL;
	}
	setup_handle(db);
	/* A new database gets pages of 16 KiB, SQLite's default being 4: a draw of a million
	 * applications writes about the same bytes in a quarter as many pages, and pays a
	 * quarter of the costs each page has (its frame in the WAL, its copy back, b-tree
	 * splits, system calls): 0.2 s less of its 2.0 s, tests/bench/lottery.sh; 8 to 64 KiB
	 * measured the same. A booking's few changed pages are a few more kilobytes before the
	 * same one sync. The size is taken only before the first table is written: an existing
	 * database keeps its own (doc/DEPLOYMENT.md says how to change it).
	 * WAL lets the kiosk read while reception writes; foreign keys are off by default.
	 * synchronous = FULL syncs the WAL at every commit: with NORMAL, a power failure or an
	 * OS crash may take back the last commits, a booking a resident was already told of. */
	if (db_exec(db,
	            "PRAGMA page_size = 16384;"
	            "PRAGMA foreign_keys = ON;"
	            "PRAGMA journal_mode = WAL;"
	            "PRAGMA synchronous = FULL;",
	            cause) != 0) {
		char *inner = cause ? *cause : NULL;

		if (cause != NULL) {
			*cause =
			    xasprintf(_("cannot use database %s: %s"), path, inner ? inner : "");
			free(inner);
		}
		db_close(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL)
		sqlite3_close_v2(db->h);
	pg_disconnect(db);
	free(db->deny);
	free(db->path);
	free(db);
}

int
db_schema_latest(void)
{
	return schema_migrations[schema_nmigrations - 1].version;
}

int
db_schema_version(struct db *db, char **cause)
{
	if (db->engine == DB_POSTGRES)
		return pg_schema_version(db, cause);
	return (int)db_count(db, "PRAGMA user_version", cause);
}

/* The migration that made the audit log a hash chain (schema.c); the migrations before it
 * are recorded without a hash, and it chains them. */
#define AUDIT_CHAIN_VERSION 8

static int
audit_migration(struct db *db, const struct migration *m, char **cause)
{
	db_stmt *st;

	if (m->version >= AUDIT_CHAIN_VERSION)
		return db_audit(db, "sumaho", "migrate", "schema", m->version, m->name, cause);
	st = db_prepare(db,
	                "INSERT INTO audit_log (actor, action, entity, entity_id, detail)"
	                " VALUES ('sumaho', 'migrate', 'schema', ?, ?)",
	                cause);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, m->version);
	db_bind_text(st, 2, m->name);
	return db_finish(db, st, db_step(st), cause);
}

/* A migration's script without its PRAGMA statements (SQLite's user_version and the like),
 * for PostgreSQL, which records the version in schema_version. */
static char *
without_pragmas(const char *sql)
{
	char *out = xmalloc(strlen(sql) + 1), *o = out;
	const char *p = sql;

	while (*p) {
		const char *start = p, *q = p;
		char quote = 0;

		/* One statement: up to a semicolon outside quotes and $$ bodies. */
		while (*q && (quote || *q != ';')) {
			if (quote == '$' && strncmp(q, "$$", 2) == 0)
				quote = 0, q++;
			else if (!quote && strncmp(q, "$$", 2) == 0)
				quote = '$', q++;
			else if (quote && quote != '$' && *q == quote)
				quote = 0;
			else if (!quote && (*q == '\'' || *q == '"'))
				quote = *q;
			q++;
		}
		while (start < q && (*start == ' ' || *start == '\n' || *start == '\t'))
			start++;
		if (strncmp(start, "PRAGMA", 6) != 0) {
			memcpy(o, p, (size_t)(q - p) + (*q == ';'));
			o += (q - p) + (*q == ';');
		}
		p = *q ? q + 1 : q;
	}
	*o = '\0';
	return out;
}

static int
record_pg_version(struct db *db, int version, const char *name, char **cause)
{
	return db_run(db, "INSERT INTO schema_version (version, name) VALUES (?, ?)",
	              _("database error"), cause, DB_ARGS(DB_INT(version), DB_TEXT(name)));
}

/* A migration that failed: rolled back, *cause naming it before why. -1. */
static int
migration_failed(struct db *db, int version, const char *name, char **cause)
{
	char *inner = cause ? *cause : NULL;

	db_rollback(db);
	if (cause != NULL) {
		*cause =
		    xasprintf(_("migration %d (%s) failed: %s"), version, name, inner ? inner : "");
		free(inner);
	}
	return -1;
}

/* PostgreSQL: the base schema at once on an empty database, then the migrations after it. */
static int
migrate_pg(struct db *db, int version, char **cause)
{
	int applied = 0;

	for (int i = -1; i < schema_nmigrations; i++) {
		const struct migration *m = i >= 0 ? &schema_migrations[i] : NULL;
		int v = m ? m->version : SCHEMA_PG_BASE;
		const char *name = m ? m->name : "PostgreSQL schema";
		char *sql = NULL;
		int rc;

		if (v <= version || (m != NULL && v <= SCHEMA_PG_BASE))
			continue;
		if (db_begin(db, cause) != 0)
			return -1;
		sql = m && m->pg_sql == NULL ? without_pragmas(m->sql) : NULL;
		rc = db_exec(db, sql ? sql : m ? m->pg_sql : schema_pg_base, cause);
		free(sql);
		if (rc != 0 || record_pg_version(db, v, name, cause) != 0 ||
		    db_audit(db, "sumaho", "migrate", "schema", v, name, cause) != 0 ||
		    db_commit(db, cause) != 0)
			return migration_failed(db, v, name, cause);
		applied++;
	}
	return applied;
}

int
db_migrate(struct db *db, char **cause)
{
	int version = db_schema_version(db, cause), applied = 0;

	if (version < 0)
		return -1;
	if (version > db_schema_latest()) {
		set_cause(cause,
		          _("database %s has schema version %d, newer than this sumaho knows (%d); "
		            "use a newer sumaho"),
		          db->path, version, db_schema_latest());
		return -1;
	}
	if (db->readonly && version < db_schema_latest()) {
		set_cause(cause,
		          _("database %s has schema version %d and needs version %d: run sumaho "
		            "once as its owner to upgrade it"),
		          db->path, version, db_schema_latest());
		return -1;
	}
	if (db->engine == DB_POSTGRES)
		return migrate_pg(db, version, cause);
	for (int i = 0; i < schema_nmigrations; i++) {
		const struct migration *m = &schema_migrations[i];

		if (m->version <= version)
			continue;
		if (db_begin(db, cause) != 0)
			return -1;
		if (db_exec(db, m->sql, cause) != 0 || audit_migration(db, m, cause) != 0 ||
		    db_commit(db, cause) != 0)
			return migration_failed(db, m->version, m->name, cause);
		applied++;
	}
	return applied;
}

int
db_begin(struct db *db, char **cause)
{
	/* One writer at a time, from the start of its transaction: SQLite's write lock
	 * (IMMEDIATE), PostgreSQL's advisory lock (pg_begin). */
	if (db->depth == 0 && db->engine == DB_POSTGRES) {
		if (pg_begin(db, cause) != 0)
			return -1;
	} else if (db_exec(db, db->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", cause) != 0)
		return -1;
	db->depth++;
	return 0;
}

int
db_commit(struct db *db, char **cause)
{
	if (db->depth == 0) {
		set_cause(cause, "%s", _("commit without a transaction"));
		return -1;
	}
	if (db_exec(db, db->depth == 1 ? "COMMIT" : "RELEASE nested", cause) != 0)
		return -1;
	db->depth--;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (db->depth == 1)
		db_exec(db, "ROLLBACK", NULL);
	else
		db_exec(db, "ROLLBACK TO nested; RELEASE nested", NULL);
	db->depth--;
	/* SQLite may already have rolled back on its own (e.g. a full disk), and a lost
	 * connection ends every transaction; follow them. */
	if (db->engine == DB_POSTGRES ? !pg_in_transaction(db) : sqlite3_get_autocommit(db->h))
		db->depth = 0;
}

int
db_audit(struct db *db, const char *actor, const char *action, const char *entity,
         int64_t entity_id, const char *detail, char **cause)
{
	/* The tail is read inside a write transaction (BEGIN IMMEDIATE, or the caller's), so no
	 * other process can append between this read and the insert: the chain stays one line. */
	db_stmt *tail = NULL, *st = NULL;
	char hash[DB_AUDIT_HASH_HEX], at[40];
	int rc = -1;

	if (db_begin(db, cause) != 0)
		return -1;
	clock_audit_iso(at);
	tail = db_query(db,
	                "SELECT coalesce(max(id), 0) + 1, ?1,"
	                " coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')"
	                " FROM audit_log",
	                cause, DB_ARGS(DB_TEXT(at)));
	st = tail == NULL ? NULL
	                  : db_prepare(db,
	                               "INSERT INTO audit_log (id, at, actor, action, entity,"
	                               " entity_id, detail, hash) VALUES (?,?,?,?,?,?,?,?)",
	                               cause);
	if (st == NULL)
		goto out;
	if (db_step(tail) != DB_ROW) {
		db_cause(db, cause, _("cannot write the audit log"));
		goto out;
	}
	db_audit_hash(db_column_text(tail, 2), db_column_int64(tail, 0), db_column_text(tail, 1),
	              actor, action, entity ? entity : "", entity_id, detail ? detail : "", hash);
	db_bind_int64(st, 1, db_column_int64(tail, 0));
	db_bind_text(st, 2, db_column_text(tail, 1));
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, entity ? entity : "");
	if (entity_id > 0)
		db_bind_int64(st, 6, entity_id);
	db_bind_text(st, 7, detail ? detail : "");
	db_bind_text(st, 8, hash);
	if (db_step(st) != DB_DONE)
		db_cause(db, cause, _("cannot write the audit log"));
	else
		rc = 0;
out:
	db_finalize(tail);
	db_finalize(st);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, cause);
}

db_stmt *
db_query(struct db *db, const char *sql, char **cause, size_t n, const struct db_arg *args)
{
	db_stmt *st = db_prepare(db, sql, cause);

	for (size_t i = 0; st != NULL && i < n; i++)
		if (args[i].is_text)
			db_bind_text(st, (int)i + 1, args[i].s);
		else
			db_bind_int64(st, (int)i + 1, args[i].i);
	return st;
}

int
db_run(struct db *db, const char *sql, const char *what, char **cause, size_t n,
       const struct db_arg *args)
{
	db_stmt *st = db_query(db, sql, cause, n, args);
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc != DB_DONE)
		db_cause(db, cause, what);
	db_finalize(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Remove the temporary copies a backup to path left when it was killed (path.XXXXXX and its
 * -journal, as db_file_create names them): files of this user, empty, an SQLite database
 * (whose first page, written last, may still be zeros) or pg_dump's custom format ("PGDMP"),
 * that no running backup holds locked. Returns how many were removed. */
static int
backup_remove_stale(const char *path)
{
	static const char zeros[16];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *dir = xstrndup(path, (size_t)(base - path)); /* with its '/', or "" */
	size_t blen = strlen(base);
	struct dirent *e;
	int removed = 0;
	DIR *d = opendir(*dir ? dir : ".");

	while (d != NULL && (e = readdir(d)) != NULL) {
		const char *name = e->d_name, *suffix = name + blen + 1;
		char head[16] = "", *full, *journal;
		struct stat st;
		ssize_t got = 0;
		int fd;

		if (strncmp(name, base, blen) != 0 || name[blen] != '.' || strlen(suffix) != 6 ||
		    strspn(suffix,
		           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != 6)
			continue;
		full = xasprintf("%s%s", dir, name);
		journal = xasprintf("%s-journal", full);
		fd = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		/* A running backup holds its copy locked (flock) until it is renamed. */
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
			got = read(fd, head, sizeof head);
		if (fd >= 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    (st.st_size == 0 ||
		     (got == (ssize_t)sizeof head &&
		      (memcmp(head, "SQLite format 3", sizeof head) == 0 ||
		       memcmp(head, zeros, sizeof head) == 0)) ||
		     (got >= 5 && memcmp(head, "PGDMP", 5) == 0)) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0) {
			unlink(journal);
			if (unlink(full) == 0)
				removed++;
		}
		if (fd >= 0)
			close(fd);
		free(full);
		free(journal);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
	return removed;
}

int
db_backup(struct db *db, const char *path, const volatile sig_atomic_t *stop, long *pages,
          int *stale, char **cause)
{
	char *tmp, *journal;
	int fd, rc;
	sqlite3 *to = NULL;
	sqlite3_backup *b;

	*pages = 0;
	*stale = backup_remove_stale(path);
	if (db->engine == DB_POSTGRES)
		return pg_backup(db, path, stop, cause);
	/* The copy holds residents' names: 0600, or 0660 in the configured group. */
	if ((fd = db_file_create(path, &tmp, cause)) < 0)
		return -1;
	journal = xasprintf("%s-journal", tmp);
	/* Held until the copy is renamed or removed: a later backup leaves it alone. */
	flock(fd, LOCK_EX | LOCK_NB);
	if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		set_cause(cause, _("%s: cannot write: %s"), path, to ? sqlite3_errmsg(to) : "");
		goto fail;
	}
	b = sqlite3_backup_init(to, "main", db->h, "main");
	if (b == NULL) {
		set_cause(cause, _("%s: cannot back up: %s"), path, sqlite3_errmsg(to));
		goto fail;
	}
	/* A few hundred pages at a time, so that terminals writing meanwhile wait a moment at
	 * most; a write between steps makes SQLite start the copy again, never a torn copy. A
	 * signal (stop set) ends the copy between steps and removes it. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	         (stop == NULL || !*stop));
	*pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (stop != NULL && *stop) {
		set_cause(cause, _("%s: backup interrupted; the partial copy was removed"), path);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("%s: cannot back up: %s"), path, sqlite3_errstr(rc));
		goto fail;
	}
	/* The copy is a database of its own: no WAL beside it. */
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(to, "PRAGMA journal_mode = DELETE", -1, &st, NULL) == SQLITE_OK)
		sqlite3_step(st);
	sqlite3_finalize(st);
	if (sqlite3_close(to) != SQLITE_OK) {
		to = NULL;
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		goto fail;
	}
	to = NULL;
	if ((stop != NULL && *stop) || rename(tmp, path) != 0) {
		if (stop != NULL && *stop)
			set_cause(cause, _("%s: backup interrupted; the partial copy was removed"),
			          path);
		else
			set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		goto fail;
	}
	close(fd);
	free(journal);
	free(tmp);
	return 0;
fail:
	if (to != NULL)
		sqlite3_close(to);
	unlink(journal);
	unlink(tmp);
	close(fd);
	free(journal);
	free(tmp);
	return -1;
}

void
db_cache_size(struct db *db, int kib)
{
	/* A pragma takes no bound value: the size is a number formatted here. */
	char sql[64];

	if (db->engine == DB_POSTGRES)
		return;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib > 0 ? kib : 1);
	db_exec(db, sql, NULL);
}

int
db_finish(struct db *db, db_stmt *st, int rc, char **cause)
{
	if (rc != DB_DONE)
		db_cause(db, cause, _("database error"));
	db_finalize(st);
	return rc == DB_DONE ? 0 : -1;
}

int
db_end(struct db *db, int rc, char **cause)
{
	if (rc == 0 && db_commit(db, cause) == 0)
		return 0;
	db_rollback(db);
	return -1;
}

int
db_audit_end(struct db *db, const char *actor, const char *action, const char *entity,
             int64_t entity_id, const char *detail, char **cause)
{
	return db_end(db, db_audit(db, actor, action, entity, entity_id, detail, cause), cause);
}

db_stmt *
db_query_int(struct db *db, const char *sql, int64_t v, char **cause)
{
	return db_query(db, sql, cause, DB_ARGS(DB_INT(v)));
}

int
db_value(struct db *db, const char *sql, int64_t *out, char **cause, size_t n,
         const struct db_arg *args)
{
	db_stmt *st = db_query(db, sql, cause, n, args);
	int rc;

	*out = 0;
	if (st == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		*out = db_column_int64(st, 0);
		rc = DB_DONE;
	}
	return db_finish(db, st, rc, cause);
}
