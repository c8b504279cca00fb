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

char *
PQcmdStatus(PGresult *res)
{
	return pq.PQcmdStatus(res);
}

char *
PQcmdTuples(PGresult *res)
{
	return pq.PQcmdTuples(res);
}

int
PQconsumeInput(PGconn *conn)
{
	return pq.PQconsumeInput(conn);
}

PGresult *
PQexec(PGconn *conn, const char *query)
{
	return pq.PQexec(conn, query);
}

PGresult *
PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
             const char *const *paramValues, const int *paramLengths, const int *paramFormats,
             int resultFormat)
{
	return pq.PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths,
	                       paramFormats, resultFormat);
}

char *
PQfname(const PGresult *res, int field_num)
{
	return pq.PQfname(res, field_num);
}

Oid
PQftype(const PGresult *res, int field_num)
{
	return pq.PQftype(res, field_num);
}

int
PQgetisnull(const PGresult *res, int tup_num, int field_num)
{
	return pq.PQgetisnull(res, tup_num, field_num);
}

char *
PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
	return pq.PQgetvalue(res, tup_num, field_num);
}

int
PQnfields(const PGresult *res)
{
	return pq.PQnfields(res);
}

PGnotify *
PQnotifies(PGconn *conn)
{
	return pq.PQnotifies(conn);
}

int
PQntuples(const PGresult *res)
{
	return pq.PQntuples(res);
}

void
PQreset(PGconn *conn)
{
	pq.PQreset(conn);
}

char *
PQresultErrorField(const PGresult *res, int fieldcode)
{
	return pq.PQresultErrorField(res, fieldcode);
}

char *
PQresultErrorMessage(const PGresult *res)
{
	return pq.PQresultErrorMessage(res);
}

ExecStatusType
PQresultStatus(const PGresult *res)
{
	return pq.PQresultStatus(res);
}

PQnoticeReceiver
PQsetNoticeReceiver(PGconn *conn, PQnoticeReceiver proc, void *arg)
{
	return pq.PQsetNoticeReceiver(conn, proc, arg);
}

PGTransactionStatusType
PQtransactionStatus(const PGconn *conn)
{
	return pq.PQtransactionStatus(conn);
}

/* The pipeline, prepared statements and COPY of pg.c's bulk writes. */
int
PQenterPipelineMode(PGconn *conn)
{
	return pq.PQenterPipelineMode(conn);
}

int
PQexitPipelineMode(PGconn *conn)
{
	return pq.PQexitPipelineMode(conn);
}

int
PQpipelineSync(PGconn *conn)
{
	return pq.PQpipelineSync(conn);
}

PGresult *
PQgetResult(PGconn *conn)
{
	return pq.PQgetResult(conn);
}

PGresult *
PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
	return pq.PQprepare(conn, stmtName, query, nParams, paramTypes);
}

PGresult *
PQexecPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
               const int *paramLengths, const int *paramFormats, int resultFormat)
{
	return pq.PQexecPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats,
	                         resultFormat);
}

int
PQsendPrepare(PGconn *conn, const char *stmtName, const char *query, int nParams,
              const Oid *paramTypes)
{
	return pq.PQsendPrepare(conn, stmtName, query, nParams, paramTypes);
}

int
PQsendQueryPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
                    const int *paramLengths, const int *paramFormats, int resultFormat)
{
	return pq.PQsendQueryPrepared(conn, stmtName, nParams, paramValues, paramLengths,
	                              paramFormats, resultFormat);
}

int
PQputCopyData(PGconn *conn, const char *buffer, int nbytes)
{
	return pq.PQputCopyData(conn, buffer, nbytes);
}

int
PQputCopyEnd(PGconn *conn, const char *errormsg)
{
	return pq.PQputCopyEnd(conn, errormsg);
}
