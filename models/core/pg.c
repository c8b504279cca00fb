/* models/core/pg.c: the PostgreSQL engine behind db.h, through libpq. The models write their
 * SQL once, in SQLite's spelling where the two dialects agree; what differs is named here
 * (the parameter marks) and in the functions the PostgreSQL schema defines for SQLite's
 * (schema_pg.c: strftime, date, group_concat, instr, printf). Each statement is sent with
 * its values as text in one round trip (PQexecParams) and its rows read whole. */
#include "config.h"
#include "models/core/engine.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/util.h"

/* Type oids (catalog/pg_type_d.h, not installed with libpq-fe.h). */
#define BOOLOID  16
#define BYTEAOID 17
#define INT8OID  20
#define TEXTOID  25

/* The advisory lock every writing transaction holds (pg_begin): "sumaho" in ASCII. */
#define PG_WRITER_LOCK 0x73756d61

struct db_pg {
	PGconn *c;
	char sqlstate[6]; /* of the last error, "" when none */
	char *err;        /* its message */
	int changes;      /* rows the last command changed */
	char now[40];     /* the clock last told the server (sumaho.now) */
	int64_t notified; /* notifications received on the channel sumaho */
	int version;      /* the schema version last read, -1: to be read (after a BEGIN) */
	unsigned gen;     /* the connection's generation: prepared statements live in one */
	unsigned names;   /* prepared statements named so far */
	char *stale;      /* "DEALLOCATE ...;" of finalized statements, sent with the next BEGIN */
	/* Bulk steps (db_bulk) go out in libpq's pipeline mode, a sync every PIPE_BATCH steps;
	 * the answers of one sync are read while the next batch is on its way. */
	int piping;
	int unsynced;    /* steps sent since the last sync */
	int syncs;       /* syncs whose answers are not read yet */
	int pipe_failed; /* a bulk step failed: sqlstate and err say how */
	/* A bulk INSERT of plain VALUES goes as the rows of one COPY instead, in text lines
	 * gathered here; so do the rows of a bulk UPDATE or DELETE's list, into a temporary
	 * table that the statement then reads once (after: that statement). */
	const struct pg_stmt *copying;
	char *cbuf;
	size_t clen, ccap;
	char *after;
};

/* Steps between two syncs of a pipeline: their answers (some 50 bytes each), two batches of
 * them, stay far below what a socket holds, so neither side waits on the other. */
#define PIPE_BATCH 256

struct pg_stmt {
	struct db *db;
	char *sql; /* with $N marks */
	int nparams;
	char **vals; /* the bound values as text, NULL for NULL */
	Oid *types;  /* int8 for a bound whole number, text for a mark the SQL never names (a
	              * statement may skip one of its numbers), else for the server to infer */
	PGresult *res;
	int row, nrows, ran;
	int uses_now;   /* the SQL reads the clock: tell the server the time first */
	int bulk;       /* db_bulk: its steps go out in a pipeline */
	char *copy_sql; /* a bulk INSERT of plain VALUES: the COPY that writes its rows */
	int per_row;    /* parameters a row of its COPY: a list's group (rows_list), else all */
	char *one;      /* a bulk UPDATE or DELETE with a list: the statement for one group */
	char *from;     /* ... and with "%s" for the table of the rows, the statement for all */
	char *columns;  /* ... and that table's columns, once asked (p1 bigint, p2 text...) */
	unsigned char *blob; /* the last bytea read (pg_column_blob), decoded */
	size_t capblob;
	int execs;    /* times run: one run often is prepared on the server */
	unsigned gen; /* the connection generation it is prepared in, 0: not prepared */
	char name[24];
};

/* A statement run this often is prepared on the server (parsed and planned once). */
#define PREPARE_AFTER 3

static int session_setup(struct db *db, char **cause);
static int reconnect(struct db *db);
static int dropped(struct db *db);

int
pg_is_conninfo(const char *path)
{
	return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0 ||
	       (strchr(path, '=') != NULL && strchr(path, '/') == NULL);
}

static void
set_error(struct db *db, const PGresult *res)
{
	struct db_pg *pg = db->pg;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pg->c);
	size_t n;

	snprintf(pg->sqlstate, sizeof pg->sqlstate, "%s", state ? state : "");
	free(pg->err);
	if (PQstatus(pg->c) == CONNECTION_BAD)
		pg->err = xasprintf(_("the connection to the database server was lost (%s)"),
		                    PQerrorMessage(pg->c));
	else
		pg->err = xstrdup(msg && *msg ? msg : _("unknown database error"));
	/* One line, for a screen's message line as for a terminal: libpq's own line breaks and
	 * tabs become spaces. */
	for (char *p = pg->err; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	n = strlen(pg->err);
	while (n > 0 && pg->err[n - 1] == ' ')
		pg->err[--n] = '\0';
}

static void
clear_error(struct db_pg *pg)
{
	pg->sqlstate[0] = '\0';
	free(pg->err);
	pg->err = NULL;
}

/* Tell the server the program's clock (models/core/clock.h), which the schema's strftime and
 * date read for 'now', so that tests and --today move PostgreSQL's "now" as SQLite's. */
static int
send_now(struct db *db)
{
	struct db_pg *pg = db->pg;
	char now[40];
	const char *vals[1] = {now};
	PGresult *res;
	int ok;

	clock_iso_utc_ms(now);
	if (strcmp(now, pg->now) == 0)
		return 0;
	res = PQexecParams(pg->c, "SELECT set_config('sumaho.now', $1, false)", 1, NULL, vals, NULL,
	                   NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (ok)
		snprintf(pg->now, sizeof pg->now, "%s", now);
	else
		set_error(db, res);
	PQclear(res);
	return ok ? 0 : -1;
}

/* A connection the server dropped (a restart, a failover) is made again before the next
 * statement outside a transaction: a terminal goes on once the server is back. Inside a
 * transaction nothing is retried: the server rolled it back, and the caller says so. 0 when
 * the connection is usable. */
static int
reconnect(struct db *db)
{
	struct db_pg *pg = db->pg;

	if (PQstatus(pg->c) == CONNECTION_OK || db->depth > 0)
		return 0;
	PQreset(pg->c);
	/* A new session: no statement is prepared in it, no pipeline open. */
	pg->gen++;
	free(pg->stale);
	pg->stale = NULL;
	pg->piping = pg->unsynced = pg->syncs = pg->pipe_failed = 0;
	pg->copying = NULL;
	pg->clen = 0;
	free(pg->after);
	pg->after = NULL;
	if (PQstatus(pg->c) != CONNECTION_OK || session_setup(db, NULL) != 0) {
		set_error(db, NULL);
		return -1;
	}
	return 0;
}

/* After a failure: whether the connection had been dropped and, outside a transaction, is
 * made again (the statement may be sent once more). */
static int
dropped(struct db *db)
{
	return PQstatus(db->pg->c) == CONNECTION_BAD && db->depth == 0 && reconnect(db) == 0;
}

/* The pipeline of bulk steps (db_bulk). */

/* Read the answers up to the oldest sync sent: 0, or -1 when the connection is lost. The
 * first error of a step is kept (pipe_failed, sqlstate, err); the steps after it up to the
 * sync were not run (the server answers them "aborted"). */
static int
pipe_read(struct db *db)
{
	struct db_pg *pg = db->pg;
	int nulls = 0;

	for (;;) {
		PGresult *res = PQgetResult(pg->c);
		ExecStatusType s;

		if (res == NULL) {
			/* One NULL ends each step's answers; two in a row, nothing more comes. */
			if (PQstatus(pg->c) == CONNECTION_BAD || ++nulls > 1) {
				if (!pg->pipe_failed)
					set_error(db, NULL);
				pg->pipe_failed = 1;
				pg->syncs = 0;
				return -1;
			}
			continue;
		}
		nulls = 0;
		s = PQresultStatus(res);
		if (s == PGRES_FATAL_ERROR && !pg->pipe_failed) {
			set_error(db, res);
			pg->pipe_failed = 1;
		}
		PQclear(res);
		if (s == PGRES_PIPELINE_SYNC) {
			pg->syncs--;
			return 0;
		}
	}
}

static int
pipe_sync(struct db *db)
{
	struct db_pg *pg = db->pg;

	pg->unsynced = 0;
	if (PQpipelineSync(pg->c) != 1) {
		if (!pg->pipe_failed)
			set_error(db, NULL);
		pg->pipe_failed = 1;
		return -1;
	}
	pg->syncs++;
	return 0;
}

static void
copy_failed(struct db *db, const PGresult *res)
{
	if (!db->pg->pipe_failed)
		set_error(db, res);
	db->pg->pipe_failed = 1;
}

static int
copy_send(struct db *db)
{
	struct db_pg *pg = db->pg;

	if (pg->clen > 0 && PQputCopyData(pg->c, pg->cbuf, (int)pg->clen) != 1) {
		copy_failed(db, NULL);
		return -1;
	}
	pg->clen = 0;
	return 0;
}

/* The end of a COPY: its rows sent, its answer read (a failure kept as a bulk step's). */
static void
copy_end(struct db *db)
{
	struct db_pg *pg = db->pg;
	PGresult *res;

	if (pg->copying == NULL)
		return;
	pg->copying = NULL;
	if (copy_send(db) != 0 || PQputCopyEnd(pg->c, NULL) != 1)
		copy_failed(db, NULL);
	while ((res = PQgetResult(pg->c)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			copy_failed(db, res);
		PQclear(res);
	}
	pg->clen = 0;
	/* The rows of a list in their table: the statement reads them all at once. */
	if (pg->after != NULL && !pg->pipe_failed) {
		res = PQexec(pg->c, pg->after);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			copy_failed(db, res);
		PQclear(res);
	}
	free(pg->after);
	pg->after = NULL;
}

/* Leave pipeline mode (or a COPY) once every answer is read, before anything that needs an
 * answer at once: 0, or -1 with the first error of a bulk step (sqlstate, err), reported
 * once. */
static int
pipe_end(struct db *db)
{
	struct db_pg *pg = db->pg;
	int failed;

	copy_end(db);
	if (pg->piping) {
		if (pg->unsynced > 0 || pg->syncs == 0)
			pipe_sync(db);
		while (pg->syncs > 0 && pipe_read(db) == 0)
			;
		PQexitPipelineMode(pg->c);
	}
	failed = pg->pipe_failed;
	/* What the server skipped after the error may include a statement's PREPARE: every
	 * statement is prepared again, under a new name. */
	if (failed)
		pg->gen++;
	pg->piping = pg->unsynced = pg->syncs = pg->pipe_failed = 0;
	return failed ? -1 : 0;
}

static void
name_stmt(struct pg_stmt *st)
{
	snprintf(st->name, sizeof st->name, "sumaho_%u", ++st->db->pg->names);
}

/* A bulk step: sent, prepared on the server the first time, its answer read later. */
static int
pipe_step(struct pg_stmt *st)
{
	struct db *db = st->db;
	struct db_pg *pg = db->pg;

	if (pg->pipe_failed || (pg->copying != NULL && pipe_end(db) != 0))
		return DB_ERROR;
	if (!pg->piping) {
		if (PQenterPipelineMode(pg->c) != 1) {
			set_error(db, NULL);
			return DB_ERROR;
		}
		pg->piping = 1;
	}
	if (st->gen != pg->gen) {
		name_stmt(st);
		if (PQsendPrepare(pg->c, st->name, st->sql, st->nparams, st->types) != 1)
			goto lost;
		st->gen = pg->gen;
	}
	if (PQsendQueryPrepared(pg->c, st->name, st->nparams, (const char *const *)st->vals, NULL,
	                        NULL, 0) != 1)
		goto lost;
	if (++pg->unsynced >= PIPE_BATCH) {
		/* The answers of the batch before this one, while the server runs this one. */
		if (pipe_sync(db) != 0 || (pg->syncs > 1 && pipe_read(db) != 0) || pg->pipe_failed)
			return DB_ERROR;
	}
	return DB_DONE;
lost:
	if (!pg->pipe_failed)
		set_error(db, NULL);
	pg->pipe_failed = 1;
	return DB_ERROR;
}

/* "INSERT INTO name [(columns)] VALUES ($1, ..., $k)[, ($k+1, ...)...]" as "COPY name
 * [(columns)] FROM STDIN" (k: per_row), else NULL. */
static char *
copy_of(const char *sql, int nparams, int per_row)
{
	const char *p = sql, *name, *end;

	if (strncasecmp(p, "INSERT INTO ", 12) != 0 || nparams == 0)
		return NULL;
	p = name = sql + 12;
	while (*p == '_' || isalnum((unsigned char)*p))
		p++;
	if (p == name)
		return NULL;
	while (*p == ' ')
		p++;
	if (*p == '(' && (p = strchr(p, ')')) != NULL)
		p++;
	if (p == NULL)
		return NULL;
	end = p;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "VALUES", 6) != 0)
		return NULL;
	p += 6;
	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return NULL;
	for (int i = 1; i <= nparams; i++) {
		char mark[16];
		int n = snprintf(mark, sizeof mark, "$%d", i);

		while (*p == ' ')
			p++;
		if (i > 1 && i % per_row == 1 % per_row) {
			/* The next row. */
			if (*p++ != '(')
				return NULL;
			while (*p == ' ')
				p++;
		}
		if (strncmp(p, mark, (size_t)n) != 0)
			return NULL;
		p += n;
		while (*p == ' ')
			p++;
		if (*p++ != (i % per_row != 0 ? ',' : ')'))
			return NULL;
		if (i % per_row == 0 && i < nparams) {
			while (*p == ' ')
				p++;
			if (*p++ != ',')
				return NULL;
		}
	}
	while (*p == ' ' || *p == ';')
		p++;
	return *p == '\0' ? xasprintf("COPY %.*s FROM STDIN", (int)(end - name), name) : NULL;
}

/* The number n of a parameter mark "$n" at p (not followed by a digit), else 0. */
static int
mark_at(const char *p)
{
	return p[0] == '$' && isdigit((unsigned char)p[1]) ? atoi(p + 1) : 0;
}

/* The text of group g with its marks $i moved on by shift, appended to o (o's end). */
static char *
moved_group(char *o, const char *g, size_t len, int shift)
{
	for (const char *p = g; p < g + len; p++) {
		int n = mark_at(p);

		if (n == 0) {
			*o++ = *p;
			continue;
		}
		o += sprintf(o, "$%d", n + shift);
		while (isdigit((unsigned char)p[1]))
			p++;
	}
	*o = '\0';
	return o;
}

/* The list of rows of a statement written for several at once: "VALUES (g1), (g2), ..." or
 * "IN ($1, $2, ...)", every group the first with its marks moved on by the k marks of a
 * group, and no mark outside the list. Sets *start and *end to the list's first group and
 * the end of its last, *k: 1, else 0. */
static int
rows_list(const char *sql, int nparams, const char **start, const char **end, int *k)
{
	const char *p1 = strstr(sql, "$1"), *g, *p;
	size_t len;
	char *want, *o;
	int n = 0, ok;

	while (p1 != NULL && isdigit((unsigned char)p1[2]))
		p1 = strstr(p1 + 1, "$1");
	if (p1 == NULL || nparams < 1)
		return 0;
	/* The group: "$1" right after "IN (", else the parenthesis after the VALUES before it. */
	for (p = p1; p > sql && p[-1] == ' '; p--)
		;
	if (p - sql >= 4 && strncasecmp(p - 4, "IN (", 4) == 0) {
		g = p1;
		len = 2;
	} else {
		int depth = 0;

		for (g = p1; g > sql && strncasecmp(g, "VALUES", 6) != 0; g--)
			;
		if (g == sql)
			return 0;
		for (g += 6; *g == ' '; g++)
			;
		if (*g != '(')
			return 0;
		for (p = g; *p; p++)
			if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				break;
		if (*p == '\0' || p < p1)
			return 0;
		len = (size_t)(p + 1 - g);
	}
	/* Its marks: $1 to $k in order. */
	for (p = g; p < g + len; p++)
		if (mark_at(p) != 0 && mark_at(p) != ++n)
			return 0;
	if (n == 0 || nparams % n != 0)
		return 0;
	/* The whole list as it would be written for nparams / n rows. */
	want = xmalloc((len + 16) * (size_t)(nparams / n + 1) * 2);
	o = want;
	for (int r = 0; r < nparams / n; r++) {
		if (r > 0)
			o = stpcpy(o, ", ");
		o = moved_group(o, g, len, r * n);
	}
	ok = strncmp(g, want, strlen(want)) == 0 && strchr(g + strlen(want), '$') == NULL;
	*start = g;
	*end = g + strlen(want);
	*k = n;
	free(want);
	return ok;
}

/* A bulk statement's rows: a bulk INSERT of plain VALUES becomes a COPY of its rows (a line
 * each); a bulk UPDATE or DELETE with a list of rows reads them from a temporary table that a
 * COPY fills (the same statement, with "SELECT ... FROM table" for the list: from, the table's
 * name a \001). A row named twice is updated as by the last statement that names it no
 * more: the statements that write lists name each row once. */
static void
bulk_rows(struct pg_stmt *st)
{
	const char *start, *end, *sql = st->sql;
	int k;

	st->per_row = st->nparams;
	if (!rows_list(sql, st->nparams, &start, &end, &k)) {
		st->copy_sql = copy_of(sql, st->nparams, st->nparams);
		return;
	}
	st->per_row = k;
	st->copy_sql = copy_of(sql, st->nparams, k);
	if (st->copy_sql != NULL ||
	    (strncasecmp(sql, "UPDATE", 6) != 0 && strncasecmp(sql, "DELETE", 6) != 0))
		return;
	/* One group alone, to learn the types of the columns. */
	{
		const char *gend = start;

		if (*start == '$')
			gend = start + 2;
		else {
			int depth = 0;

			for (gend = start; *gend; gend++)
				if (*gend == '(')
					depth++;
				else if (*gend == ')' && --depth == 0)
					break;
			gend++;
		}
		st->one = xasprintf("%.*s%.*s%s", (int)(start - sql), sql, (int)(gend - start),
		                    start, end);
		if (*start == '$') {
			/* IN ($1, ...): the rows' one column. */
			st->from =
			    xasprintf("%.*sSELECT p1 FROM \001%s", (int)(start - sql), sql, end);
		} else {
			/* VALUES (e1, e2...), ...: SELECT e1 AS column1, e2 AS column2... of the
			 * row's columns p1, p2..., as VALUES names its columns. */
			const char *values = start;
			size_t cap = (size_t)(gend - start) * 2 + 64 + 32 * (size_t)k;
			char *sel = xmalloc(cap), *o = sel;
			int depth = 0, col = 1;

			while (values > sql && strncasecmp(values, "VALUES", 6) != 0)
				values--;
			o = stpcpy(o, "SELECT ");
			for (const char *p = start + 1; p < gend - 1; p++) {
				int n = mark_at(p);

				if (*p == '(')
					depth++;
				else if (*p == ')')
					depth--;
				if (depth == 0 && *p == ',') {
					o += sprintf(o, " AS column%d,", col++);
					continue;
				}
				if (n == 0) {
					*o++ = *p;
					continue;
				}
				o += sprintf(o, "p%d", n);
				while (isdigit((unsigned char)p[1]))
					p++;
			}
			o += sprintf(o, " AS column%d FROM \001", col);
			st->from = xasprintf("%.*s%s%s", (int)(values - sql), sql, sel, end);
			free(sel);
		}
	}
}

static void
copy_put(struct db_pg *pg, const char *s, size_t n)
{
	if (pg->clen + n > pg->ccap) {
		pg->ccap = (pg->clen + n) * 2;
		pg->cbuf = xrealloc(pg->cbuf, pg->ccap);
	}
	memcpy(pg->cbuf + pg->clen, s, n);
	pg->clen += n;
}

/* The temporary table that the rows of a bulk UPDATE or DELETE go to, new for each COPY (and
 * dropped with the transaction), its columns the types the server reads one group's marks
 * as; the statement that reads it runs when the COPY ends. 0, or -1 (sqlstate, err). */
static int
rows_table(struct pg_stmt *st)
{
	struct db *db = st->db;
	struct db_pg *pg = db->pg;
	PGresult *res;
	char name[32], *sql;
	int ok;

	if (st->columns == NULL) {
		res = PQprepare(pg->c, "sumaho_rows", st->one, st->per_row, st->types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			res = PQexec(pg->c,
			             "SELECT string_agg(format('p%s %s', i, t), ', ' ORDER BY i)"
			             " FROM pg_prepared_statements, unnest(parameter_types)"
			             " WITH ORDINALITY u(t, i) WHERE name = 'sumaho_rows'");
			if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
				st->columns = xstrdup(PQgetvalue(res, 0, 0));
			PQclear(PQexec(pg->c, "DEALLOCATE sumaho_rows"));
		}
		if (st->columns == NULL) {
			set_error(db, res);
			PQclear(res);
			return -1;
		}
		PQclear(res);
	}
	snprintf(name, sizeof name, "sumaho_rows_%u", ++pg->names);
	sql = xasprintf("CREATE TEMPORARY TABLE %s (%s) ON COMMIT DROP", name, st->columns);
	res = PQexec(pg->c, sql);
	free(sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		set_error(db, res);
	PQclear(res);
	if (!ok)
		return -1;
	free(st->copy_sql);
	st->copy_sql = xasprintf("COPY %s FROM STDIN", name);
	/* The statement with the table's name in its place (\001), planned knowing the rows
	 * (ANALYZE: a million ids are one hash join, not a million index look-ups) and with
	 * the memory to hash them (1,000,000 ids: 54 MB, in 73 batches on disk at the
	 * default 4 MB). The rows it finds are in pages that are read in memory, as a draw has
	 * just read them: at the default cost of a page read at random (4, a disk's) the
	 * 29,000 winners and waiting of a draw were found by reading all of a million
	 * applications (0.44 s) rather than through the primary key (0.13 s). Many rows are
	 * merged with the table through its primary key, not hashed: the rows come in the
	 * order of their ids, and a hash of a million of them missed the cache on each probe
	 * (970,000 losers of a draw 0.25 s less). */
	free(pg->after);
	pg->after = xasprintf("ANALYZE %s; SET LOCAL work_mem = '64MB';"
	                      " SET LOCAL random_page_cost = 1.1; SET LOCAL enable_hashjoin = off;"
	                      " %.*s%s%s; RESET work_mem; RESET random_page_cost;"
	                      " RESET enable_hashjoin; DROP TABLE %s",
	                      name, (int)strcspn(st->from, "\001"), st->from, name,
	                      strchr(st->from, '\001') + 1, name);
	return 0;
}

/* A bulk step of a plain INSERT, or of a list's rows: lines of COPY's text format, sent
 * 64 KiB at a time. */
static int
copy_step(struct pg_stmt *st)
{
	struct db *db = st->db;
	struct db_pg *pg = db->pg;

	if (pg->pipe_failed)
		return DB_ERROR;
	if (pg->copying != st) {
		PGresult *res;

		if ((pg->copying != NULL || pg->piping) && pipe_end(db) != 0)
			return DB_ERROR;
		if (st->from != NULL && rows_table(st) != 0)
			return DB_ERROR;
		res = PQexec(pg->c, st->copy_sql);
		if (PQresultStatus(res) != PGRES_COPY_IN) {
			set_error(db, res);
			PQclear(res);
			free(pg->after);
			pg->after = NULL;
			return DB_ERROR;
		}
		PQclear(res);
		pg->copying = st;
	}
	for (int i = 0; i < st->nparams; i++) {
		const char *v = st->vals[i];

		if (i % st->per_row != 0)
			copy_put(pg, "\t", 1);
		else if (i > 0)
			copy_put(pg, "\n", 1);
		if (v == NULL) {
			copy_put(pg, "\\N", 2);
			continue;
		}
		/* The characters that need no escape a run at a time. */
		for (const char *q = v; *q;) {
			size_t plain = strcspn(q, "\\\t\n\r");

			copy_put(pg, q, plain);
			q += plain;
			if (*q == '\0')
				break;
			copy_put(pg,
			         *q == '\\'   ? "\\\\"
			         : *q == '\t' ? "\\t"
			         : *q == '\n' ? "\\n"
			                      : "\\r",
			         2);
			q++;
		}
	}
	copy_put(pg, "\n", 1);
	if (pg->clen >= 65536 && copy_send(db) != 0)
		return DB_ERROR;
	return DB_DONE;
}

int
pg_flush(struct db *db, char **cause)
{
	if (pipe_end(db) == 0)
		return 0;
	set_cause(cause, "%s: %s", _("database error"), db->pg->err);
	return -1;
}

int
pg_begin(struct db *db, char **cause)
{
	char now[40], *sql;
	int rc;

	/* One round trip: the transaction, its place in the one queue of writers, and the
	 * clock its defaults and 'now' read. Writers take turns as on SQLite (BEGIN
	 * IMMEDIATE): every rule that spans rows (a slot booked once, an offering's capacity,
	 * one live draw, the audit log's chain) holds as it does there, and the unique indexes
	 * stand behind the rules that a single row can break. Readers never wait. */
	if (reconnect(db) != 0) {
		set_cause(cause, "%s", db->pg->err);
		return -1;
	}
	clock_iso_utc_ms(now);
	db->pg->version = -1;
	/* Statements finalized since the last transaction are dropped on the way. */
	sql = xasprintf("%sBEGIN; SELECT pg_advisory_xact_lock(%d), set_config('sumaho.now', "
	                "'%s', false)",
	                db->pg->stale ? db->pg->stale : "", PG_WRITER_LOCK, now);
	free(db->pg->stale);
	db->pg->stale = NULL;
	rc = pg_exec(db, sql, cause);
	free(sql);
	if (rc == 0)
		snprintf(db->pg->now, sizeof db->pg->now, "%s", now);
	return rc;
}

static void
notice_quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

int
pg_connect(struct db *db, char **cause)
{
	struct db_pg *pg = xcalloc(1, sizeof *pg);

	db->pg = pg;
	pg->gen = 1;
	pg->version = -1;
	pg->c = PQconnectdb(db->path);
	if (pg->c == NULL || PQstatus(pg->c) != CONNECTION_OK) {
		char *msg = pg->c ? xstrdup(PQerrorMessage(pg->c)) : xstrdup(_("out of memory"));
		size_t n = strlen(msg);

		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		set_cause(cause, _("cannot connect to the database server: %s"), msg);
		free(msg);
		return -1;
	}
	return session_setup(db, cause);
}

/* What each new session needs: quiet notices, the terminal's time zone, the schema, the
 * notifications, and read-only for a reader. */
static int
session_setup(struct db *db, char **cause)
{
	struct db_pg *pg = db->pg;
	const char *tz = getenv("TZ");
	PGresult *res;

	pg->now[0] = '\0';
	PQsetNoticeReceiver(pg->c, notice_quiet, NULL);
	/* Local time is the terminal's, as SQLite's 'localtime' is: TZ, else the server's. */
	if (tz != NULL && *tz == ':')
		tz++;
	if (tz != NULL && *tz != '\0') {
		const char *vals[1] = {tz};

		res = PQexecParams(pg->c, "SELECT set_config('TimeZone', $1, false)", 1, NULL, vals,
		                   NULL, NULL, 0);
		PQclear(res);
	}
	/* In one round trip: the schema's triggers notify sumaho when a slot, booking,
	 * session or draw changes; a role that may not write (the kiosk's, doc/roles.sql) is a
	 * reader, as a SQLite file the operating system lets only read. Bytes come as
	 * hexadecimal whatever the server or the role is set to (pg_column_blob reads that). */
	res = PQexec(pg->c, "SET client_min_messages = warning; SET search_path = sumaho, public;"
	                    " SET bytea_output = hex; LISTEN sumaho; SELECT"
	                    " to_regclass('sumaho.audit_log') IS NOT NULL"
	                    " AND NOT has_table_privilege('sumaho.audit_log', 'INSERT')");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		set_error(db, res);
		PQclear(res);
		set_cause(cause, "%s: %s", _("database error"), pg->err);
		return -1;
	}
	if (*PQgetvalue(res, 0, 0) == 't')
		db->readonly = 1;
	PQclear(res);
	/* A reader (the kiosk) writes nothing, whatever its role may. */
	if (db->readonly && pg_exec(db, "SET default_transaction_read_only = on", cause) != 0)
		return -1;
	return 0;
}

/* Read once a connection (db_open asks, then db_migrate), again after a BEGIN: a migration
 * changes it in a transaction. */
int
pg_schema_version(struct db *db, char **cause)
{
	PGresult *res;
	int v = -1;

	if (db->pg->version >= 0)
		return db->pg->version;
	res = PQexec(db->pg->c, "SELECT to_regclass('sumaho.schema_version') IS NULL");

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		set_error(db, res);
		set_cause(cause, "%s: %s", _("database error"), db->pg->err);
	} else if (*PQgetvalue(res, 0, 0) == 't') {
		v = 0;
	} else {
		PQclear(res);
		res = PQexec(db->pg->c, "SELECT max(version) FROM sumaho.schema_version");
		if (PQresultStatus(res) == PGRES_TUPLES_OK)
			v = atoi(PQgetvalue(res, 0, 0));
		else {
			set_error(db, res);
			set_cause(cause, "%s: %s", _("database error"), db->pg->err);
		}
	}
	PQclear(res);
	db->pg->version = v;
	return v;
}

int
pg_in_transaction(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->pg->c);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int64_t
pg_data_version(struct db *db)
{
	struct db_pg *pg = db->pg;
	PGnotify *n;

	if (PQconsumeInput(pg->c) == 1)
		while ((n = PQnotifies(pg->c)) != NULL) {
			pg->notified++;
			PQfreemem(n);
		}
	return pg->notified;
}

void
pg_disconnect(struct db *db)
{
	if (db->pg == NULL)
		return;
	if (db->pg->c != NULL)
		PQfinish(db->pg->c);
	free(db->pg->err);
	free(db->pg->stale);
	free(db->pg->cbuf);
	free(db->pg->after);
	free(db->pg);
	db->pg = NULL;
}

int
pg_exec(struct db *db, const char *sql, char **cause)
{
	PGresult *res;
	ExecStatusType s;

	/* A failed bulk step fails what comes after it, but for the rollback. */
	if (pipe_end(db) != 0 && strncmp(sql, "ROLLBACK", 8) != 0) {
		set_cause(cause, "%s: %s", _("database error"), db->pg->err);
		return -1;
	}
	if (reconnect(db) != 0) {
		set_cause(cause, "%s", db->pg->err);
		return -1;
	}
	if (strstr(sql, "'now'") != NULL && send_now(db) != 0) {
		set_cause(cause, "%s: %s", _("database error"), db->pg->err);
		return -1;
	}
	res = PQexec(db->pg->c, sql);
	if (PQresultStatus(res) == PGRES_FATAL_ERROR && dropped(db)) {
		PQclear(res);
		res = PQexec(db->pg->c, sql);
	}
	s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
		set_error(db, res);
		PQclear(res);
		set_cause(cause, "%s: %s", _("database error"), db->pg->err);
		return -1;
	}
	clear_error(db->pg);
	PQclear(res);
	return 0;
}

/* SQLite's parameter marks as PostgreSQL's: ?N is $N, a bare ? the next number after the
 * highest so far (as SQLite counts them); marks inside quotes are left alone. */
static char *
translate(const char *sql, int *nparams, unsigned char used[1000])
{
	size_t len = strlen(sql);
	char *out = xmalloc(len * 3 + 1), *o = out;
	int max = 0;
	char quote = 0;

	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			*o++ = *p;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			*o++ = *p;
		} else if (*p == '?') {
			int n;

			if (isdigit((unsigned char)p[1])) {
				n = (int)strtol(p + 1, NULL, 10);
				while (isdigit((unsigned char)p[1]))
					p++;
			} else {
				n = max + 1;
			}
			if (n > max)
				max = n;
			if (n > 0 && n < 1000)
				used[n] = 1;
			o += sprintf(o, "$%d", n);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	*nparams = max;
	return out;
}

struct pg_stmt *
pg_prepare(struct db *db, const char *sql)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	unsigned char used[1000] = {0};

	st->db = db;
	st->sql = translate(sql, &st->nparams, used);
	st->uses_now = strstr(sql, "'now'") != NULL;
	st->vals = xcalloc((size_t)st->nparams + 1, sizeof *st->vals);
	st->types = xcalloc((size_t)st->nparams + 1, sizeof *st->types);
	for (int i = 1; i <= st->nparams && i < 1000; i++)
		st->types[i - 1] = used[i] ? 0 : TEXTOID;
	return st;
}

static void
drop_result(struct pg_stmt *st)
{
	if (st->res != NULL)
		PQclear(st->res);
	st->res = NULL;
	st->row = st->nrows = st->ran = 0;
}

/* Run st and wait for its answer; prepared on the server once it has run a few times. */
static PGresult *
run(struct pg_stmt *st)
{
	struct db_pg *pg = st->db->pg;

	if (st->execs++ >= PREPARE_AFTER && st->gen != pg->gen) {
		PGresult *res;

		name_stmt(st);
		res = PQprepare(pg->c, st->name, st->sql, st->nparams, st->types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			st->gen = pg->gen;
		PQclear(res);
	}
	if (st->gen == pg->gen)
		return PQexecPrepared(pg->c, st->name, st->nparams, (const char *const *)st->vals,
		                      NULL, NULL, 0);
	return PQexecParams(pg->c, st->sql, st->nparams, st->types, (const char *const *)st->vals,
	                    NULL, NULL, 0);
}

int
pg_step(struct pg_stmt *st)
{
	struct db_pg *pg = st->db->pg;

	if (!st->ran) {
		ExecStatusType s;

		st->ran = 1;
		if (st->bulk && st->db->depth > 0 && !st->uses_now) {
			st->execs++;
			return st->copy_sql || st->from ? copy_step(st) : pipe_step(st);
		}
		if (pipe_end(st->db) != 0 || reconnect(st->db) != 0)
			return DB_ERROR;
		/* A statement that reads the clock, or a change outside a transaction (its
		 * defaults may), tells the server the time first. */
		if ((st->uses_now ||
		     (!pg_in_transaction(st->db) && strncmp(st->sql, "SELECT", 6) != 0)) &&
		    send_now(st->db) != 0)
			return DB_ERROR;
		st->res = run(st);
		/* A connection found dropped only now: once more on a new one, outside a
		 * transaction (nothing of this statement was done). */
		if (PQresultStatus(st->res) == PGRES_FATAL_ERROR && dropped(st->db)) {
			PQclear(st->res);
			st->res = run(st);
		}
		s = PQresultStatus(st->res);
		if (s == PGRES_COMMAND_OK) {
			const char *n = PQcmdTuples(st->res);

			pg->changes = *n ? atoi(n) : 0;
		} else if (s == PGRES_TUPLES_OK) {
			st->nrows = PQntuples(st->res);
			if (strncmp(PQcmdStatus(st->res), "SELECT", 6) != 0)
				pg->changes = st->nrows; /* INSERT ... RETURNING */
		} else {
			set_error(st->db, st->res);
			return DB_ERROR;
		}
		clear_error(pg);
	}
	if (st->row < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

void
pg_bulk(struct pg_stmt *st)
{
	if (!st->bulk)
		bulk_rows(st);
	st->bulk = 1;
}

int
pg_reset(struct pg_stmt *st)
{
	drop_result(st);
	return DB_OK;
}

void
pg_finalize(struct pg_stmt *st)
{
	struct db_pg *pg = st->db->pg;

	drop_result(st);
	/* The rows of its COPY are sent (a failure is told by the next flush). */
	if (pg != NULL && pg->copying == st)
		copy_end(st->db);
	/* Its server side goes with the next BEGIN (a round trip saved, and a statement can
	 * be dropped there even after a failed transaction). */
	if (pg != NULL && st->gen != 0 && st->gen == pg->gen) {
		char *more = xasprintf("%sDEALLOCATE %s;", pg->stale ? pg->stale : "", st->name);

		free(pg->stale);
		pg->stale = more;
		/* A reader that never begins a transaction drops them now and then. */
		if (strlen(more) > 2048 && !pg->piping && pg->copying == NULL &&
		    PQtransactionStatus(pg->c) == PQTRANS_IDLE) {
			PQclear(PQexec(pg->c, more));
			free(pg->stale);
			pg->stale = NULL;
		}
	}
	for (int i = 0; i < st->nparams; i++)
		free(st->vals[i]);
	free(st->vals);
	free(st->blob);
	free(st->types);
	free(st->sql);
	free(st->copy_sql);
	free(st->one);
	free(st->from);
	free(st->columns);
	free(st);
}

static int
bind(struct pg_stmt *st, int i, char *v)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return DB_ERROR;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
	return DB_OK;
}

/* v in decimal (a new string), written by hand: a draw binds six numbers to each of a million
 * entries, and xasprintf's formatting cost more than the rest of their sending. */
static char *
decimal(int64_t v)
{
	char buf[24], *p = buf + sizeof buf - 1;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return xstrdup(p);
}

int
pg_bind_int64(struct pg_stmt *st, int i, int64_t v)
{
	int rc = bind(st, i, decimal(v));

	if (rc == DB_OK && st->types[i - 1] == 0)
		st->types[i - 1] = INT8OID;
	return rc;
}

/* s with each byte that is not part of valid UTF-8 replaced by U+FFFD: the server refuses
 * such text outright, where SQLite compares its bytes (and finds nothing, as here: nothing
 * stored holds U+FFFD, every text being checked before it is written). */
static char *
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t ascii = 0;
	char *out, *o;

	/* Plain ASCII, as most values are, is copied as it is. */
	while (p[ascii] != '\0' && p[ascii] < 0x80)
		ascii++;
	if (p[ascii] == '\0')
		return memcpy(xmalloc(ascii + 1), s, ascii + 1);
	out = o = xmalloc(strlen(s) * 3 + 1);
	while (*p) {
		int n = *p < 0x80         ? 1
		        : (*p >> 5) == 6  ? 2
		        : (*p >> 4) == 14 ? 3
		        : (*p >> 3) == 30 ? 4
		                          : 0;
		int good = n > 0 && !(n == 2 && *p < 0xc2);

		for (int k = 1; good && k < n; k++)
			good = (p[k] & 0xc0) == 0x80;
		if (good && n == 3)
			good = !(p[0] == 0xe0 && p[1] < 0xa0) && !(p[0] == 0xed && p[1] >= 0xa0);
		if (good && n == 4)
			good = !(p[0] == 0xf0 && p[1] < 0x90) && !(p[0] == 0xf4 && p[1] >= 0x90) &&
			       p[0] <= 0xf4;
		if (good) {
			memcpy(o, p, (size_t)n);
			o += n;
			p += n;
		} else {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
		}
	}
	*o = '\0';
	return out;
}

int
pg_bind_text(struct pg_stmt *st, int i, const char *s)
{
	return bind(st, i, s ? valid_utf8(s) : NULL);
}

int
pg_bind_blob(struct pg_stmt *st, int i, const void *p, int n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;
	char *hex = xmalloc((size_t)n * 2 + 3);

	hex[0] = '\\';
	hex[1] = 'x';
	for (int k = 0; k < n; k++) {
		hex[2 + k * 2] = digits[b[k] >> 4];
		hex[3 + k * 2] = digits[b[k] & 15];
	}
	hex[2 + n * 2] = '\0';
	return bind(st, i, hex);
}

static const char *
cell(struct pg_stmt *st, int i)
{
	if (st->res == NULL || st->row < 1 || st->row > st->nrows || i < 0 ||
	    i >= PQnfields(st->res) || PQgetisnull(st->res, st->row - 1, i))
		return NULL;
	return PQgetvalue(st->res, st->row - 1, i);
}

/* A boolean column reads as SQLite gives a comparison: 1 or 0. */

const char *
pg_column_text(struct pg_stmt *st, int i)
{
	const char *v = cell(st, i);

	if (v == NULL)
		return "";
	if (PQftype(st->res, i) == BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

int64_t
pg_column_int64(struct pg_stmt *st, int i)
{
	const char *v = cell(st, i);

	if (v == NULL)
		return 0;
	if (PQftype(st->res, i) == BOOLOID)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

/* The value of a hexadecimal digit (0 for anything else). */
static int
hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : 0;
}

/* A bytea column, which the server sends as text, "\x" and two hexadecimal digits a byte;
 * held until the next call. NULL with *n 0 for anything else. */
const void *
pg_column_blob(struct pg_stmt *st, int i, int *n)
{
	const char *v = cell(st, i);
	size_t len;

	*n = 0;
	if (v == NULL || PQftype(st->res, i) != BYTEAOID || v[0] != '\\' || v[1] != 'x')
		return NULL;
	len = strlen(v + 2) / 2;
	if (len >= st->capblob) {
		st->capblob = len + 1;
		st->blob = xrealloc(st->blob, st->capblob);
	}
	for (size_t k = 0; k < len; k++) {
		unsigned hi = (unsigned)hex_digit(v[2 + 2 * k]),
		         lo = (unsigned)hex_digit(v[3 + 2 * k]);

		st->blob[k] = (unsigned char)(hi << 4 | lo);
	}
	*n = (int)len;
	return st->blob;
}

int
pg_column_null(struct pg_stmt *st, int i)
{
	return cell(st, i) == NULL;
}

int
pg_column_count(struct pg_stmt *st)
{
	return st->res ? PQnfields(st->res) : 0;
}

const char *
pg_column_name(struct pg_stmt *st, int i)
{
	const char *n = st->res ? PQfname(st->res, i) : NULL;

	return n ? n : "";
}

int64_t
pg_last_id(struct db *db)
{
	PGresult *res;
	int64_t id = 0;

	if (pipe_end(db) != 0)
		return 0;
	res = PQexec(db->pg->c, "SELECT lastval()");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

int
pg_changes(struct db *db)
{
	return db->pg->changes;
}

int
pg_error_taken(struct db *db)
{
	return strcmp(db->pg->sqlstate, "23505") == 0; /* unique_violation */
}

int
pg_error_retry(struct db *db)
{
	/* serialization_failure, deadlock_detected */
	return strcmp(db->pg->sqlstate, "40001") == 0 || strcmp(db->pg->sqlstate, "40P01") == 0;
}

const char *
pg_errmsg(struct db *db)
{
	return db->pg->err ? db->pg->err : PQerrorMessage(db->pg->c);
}

int
pg_backup(struct db *db, const char *path, const volatile sig_atomic_t *stop, char **cause)
{
	char *tmp = NULL;
	int fd = db_file_create(path, &tmp, cause), status = 0;
	pid_t pid, parent;

	if (fd < 0)
		return -1;
	/* Held until pg_dump is done (its standard output shares the lock): a later backup
	 * leaves the copy alone while it is written, and takes it for stale once pg_dump is
	 * gone. */
	flock(fd, LOCK_EX | LOCK_NB);
	parent = getpid();
	pid = fork();
	if (pid == 0) {
		/* pg_dump goes with sumaho, even when sumaho is killed (SIGKILL): a dump nobody
		 * waits for would hold its connection and the copy's lock. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
			_exit(127);
		/* pg_dump writes to the private file on its standard output. */
		if (dup2(fd, STDOUT_FILENO) < 0)
			_exit(127);
		close(fd);
		execlp("pg_dump", "pg_dump", "--format=custom", "--dbname", db->path, (char *)NULL);
		_exit(127);
	}
	close(fd);
	if (pid < 0) {
		set_cause(cause, _("%s: cannot back up: %s"), path, strerror(errno));
		goto fail;
	}
	/* Until pg_dump is done or a signal asks to stop. A signal that came before the wait
	 * would not interrupt a blocking waitpid: the stop is looked at between short sleeps
	 * (a signal ends the sleep at once). */
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid || (got < 0 && errno != EINTR))
			break;
		if (stop != NULL && *stop) {
			kill(pid, SIGTERM);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			break;
		}
		nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
	}
	if (stop != NULL && *stop) {
		set_cause(cause, _("%s: backup interrupted; the partial copy was removed"), path);
		goto fail;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		set_cause(
		    cause,
		    WIFEXITED(status) && WEXITSTATUS(status) == 127
		        ? _("%s: cannot back up: pg_dump is not installed (postgresql-client)")
		        : _("%s: cannot back up: pg_dump failed (its message is above; a backup "
		            "needs the role that owns the schema)"),
		    path);
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	return -1;
}
