/* models/core/pq_lib.c: libpq, loaded (dlopen) when the first connection to a PostgreSQL server
 * is made, not when sumaho starts. libpq brings OpenSSL, Kerberos, LDAP, GnuTLS and SASL, some
 * 5 MB of resident pages and their relocations in every process, while most installations
 * keep their data in one SQLite file. The functions pg.c calls are defined here with libpq's
 * own prototypes (from libpq-fe.h) and call libpq's through addresses found once a process;
 * sumaho is not linked with libpq. When libpq cannot be loaded, PQconnectdb gives a connection
 * whose status is CONNECTION_BAD and whose error message says why, as a refused connection
 * does. */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include <libpq-fe.h>

#include "models/core/i18n.h"
#include "models/core/util.h"

#define PQ_SONAME "libpq.so.5"

#define PQ_FUNCTIONS(X)                                                                            \
	X(PQclear)                                                                                 \
	X(PQcmdStatus)                                                                             \
	X(PQcmdTuples)                                                                             \
	X(PQconnectdb)                                                                             \
	X(PQconsumeInput)                                                                          \
	X(PQerrorMessage)                                                                          \
	X(PQexec)                                                                                  \
	X(PQexecParams)                                                                            \
	X(PQfinish)                                                                                \
	X(PQfname)                                                                                 \
	X(PQfreemem)                                                                               \
	X(PQftype)                                                                                 \
	X(PQgetisnull)                                                                             \
	X(PQgetvalue)                                                                              \
	X(PQnfields)                                                                               \
	X(PQnotifies)                                                                              \
	X(PQntuples)                                                                               \
	X(PQreset)                                                                                 \
	X(PQresultErrorField)                                                                      \
	X(PQresultErrorMessage)                                                                    \
	X(PQresultStatus)                                                                          \
	X(PQsetNoticeReceiver)                                                                     \
	X(PQstatus)                                                                                \
	X(PQtransactionStatus)                                                                     \
	X(PQenterPipelineMode)                                                                     \
	X(PQexecPrepared)                                                                          \
	X(PQexitPipelineMode)                                                                      \
	X(PQgetResult)                                                                             \
	X(PQpipelineSync)                                                                          \
	X(PQprepare)                                                                               \
	X(PQputCopyData)                                                                           \
	X(PQputCopyEnd)                                                                            \
	X(PQsendPrepare)                                                                           \
	X(PQsendQueryPrepared)

/* libpq's functions, found once a process (the library stays loaded); error, why it could
 * not be loaded. */
static struct {
	int loaded;
	char *error;
#define X(f) __typeof__(f) *f;
	PQ_FUNCTIONS(X)
#undef X
} pq;

/* The connection PQconnectdb gives when libpq cannot be loaded: only its address is used. */
static char unloaded_conn;
#define UNLOADED ((PGconn *)&unloaded_conn)

static int
pq_load(void)
{
	static const struct {
		const char *name;
		size_t offset;
	} fns[] = {
#define X(f) {#f, offsetof(__typeof__(pq), f)},
	    PQ_FUNCTIONS(X)
#undef X
	};
	void *h;

	if (pq.loaded || pq.error != NULL)
		return pq.loaded ? 0 : -1;
	if ((h = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		pq.error = xasprintf(_("cannot load %s for the database server: %s"), PQ_SONAME,
		                     dlerror());
		return -1;
	}
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		void *sym = dlsym(h, fns[i].name);

		if (sym == NULL) {
			pq.error = xasprintf(_("cannot load %s for the database server: %s"),
			                     PQ_SONAME, dlerror());
			return -1;
		}
		/* A function's address as dlsym returns it (POSIX: the same representation). */
		memcpy((char *)&pq + fns[i].offset, &sym, sizeof sym);
	}
	pq.loaded = 1;
	return 0;
}

PGconn *
PQconnectdb(const char *conninfo)
{
	return pq_load() == 0 ? pq.PQconnectdb(conninfo) : UNLOADED;
}

ConnStatusType
PQstatus(const PGconn *conn)
{
	return conn == UNLOADED ? CONNECTION_BAD : pq.PQstatus(conn);
}

char *
PQerrorMessage(const PGconn *conn)
{
	return conn == UNLOADED ? pq.error : pq.PQerrorMessage(conn);
}

void
PQfinish(PGconn *conn)
{
	if (conn != UNLOADED && conn != NULL)
		pq.PQfinish(conn);
}

/* The rest are only called with what a loaded libpq gave (libpq's own accept NULL where
 * noted: then libpq may not be loaded). */
void
PQclear(PGresult *res)
{
	if (res != NULL)
		pq.PQclear(res);
}

void
PQfreemem(void *ptr)
{
	if (ptr != NULL)
		pq.PQfreemem(ptr);
}

/* The others only call libpq's, with what a loaded libpq gave. */
#define PQ_FORWARD(ret, f, params, args)                                                           \
	ret f params                                                                               \
	{                                                                                          \
		return pq.f args;                                                                  \
	}
/* clang-format off */
PQ_FORWARD(char *, PQcmdStatus, (PGresult *res), (res))
PQ_FORWARD(char *, PQcmdTuples, (PGresult *res), (res))
PQ_FORWARD(int, PQconsumeInput, (PGconn *conn), (conn))
PQ_FORWARD(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
PQ_FORWARD(PGresult *, PQexecParams, (PGconn *conn, const char *command, int nParams,
           const Oid *paramTypes, const char *const *paramValues, const int *paramLengths,
           const int *paramFormats, int resultFormat),
           (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
            resultFormat))
PQ_FORWARD(char *, PQfname, (const PGresult *res, int field_num), (res, field_num))
PQ_FORWARD(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))
PQ_FORWARD(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num),
           (res, tup_num, field_num))
PQ_FORWARD(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),
           (res, tup_num, field_num))
PQ_FORWARD(int, PQnfields, (const PGresult *res), (res))
PQ_FORWARD(PGnotify *, PQnotifies, (PGconn *conn), (conn))
PQ_FORWARD(int, PQntuples, (const PGresult *res), (res))
PQ_FORWARD(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
PQ_FORWARD(char *, PQresultErrorMessage, (const PGresult *res), (res))
PQ_FORWARD(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
PQ_FORWARD(PQnoticeReceiver, PQsetNoticeReceiver, (PGconn *conn, PQnoticeReceiver proc,
           void *arg),
           (conn, proc, arg))
PQ_FORWARD(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))
PQ_FORWARD(int, PQenterPipelineMode, (PGconn *conn), (conn))
PQ_FORWARD(int, PQexitPipelineMode, (PGconn *conn), (conn))
PQ_FORWARD(int, PQpipelineSync, (PGconn *conn), (conn))
PQ_FORWARD(PGresult *, PQgetResult, (PGconn *conn), (conn))
PQ_FORWARD(PGresult *, PQprepare, (PGconn *conn, const char *stmtName, const char *query,
           int nParams, const Oid *paramTypes),
           (conn, stmtName, query, nParams, paramTypes))
PQ_FORWARD(PGresult *, PQexecPrepared, (PGconn *conn, const char *stmtName, int nParams,
           const char *const *paramValues, const int *paramLengths, const int *paramFormats,
           int resultFormat),
           (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
PQ_FORWARD(int, PQsendPrepare, (PGconn *conn, const char *stmtName, const char *query,
           int nParams, const Oid *paramTypes),
           (conn, stmtName, query, nParams, paramTypes))
PQ_FORWARD(int, PQsendQueryPrepared, (PGconn *conn, const char *stmtName, int nParams,
           const char *const *paramValues, const int *paramLengths, const int *paramFormats,
           int resultFormat),
           (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
PQ_FORWARD(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes),
           (conn, buffer, nbytes))
PQ_FORWARD(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg))
/* clang-format on */

void
PQreset(PGconn *conn)
{
	pq.PQreset(conn);
}
