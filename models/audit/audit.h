/* models/audit/audit.h: the audit log: who changed what, when. */
#ifndef MODELS_AUDIT_AUDIT_H
#define MODELS_AUDIT_AUDIT_H

#include <stdint.h>

#include "models/core/db.h"
#include "models/formats/table.h"

/* The audit log, newest first, at most limit rows (0: all): when (local time), who, what,
 * record, detail. */
struct table *audit_list(struct db *db, long limit, char **cause);
/* How many entries the log holds, or -1 with *cause. */
int64_t audit_count(struct db *db, char **cause);

/* What audit_verify found. */
enum audit_finding {
	AUDIT_INTACT,  /* every entry follows from the one before it */
	AUDIT_CHANGED, /* entry id was changed, or inserted: its hash does not follow */
	AUDIT_REMOVED, /* entry id (and perhaps those after it, up to the next one) is gone */
};

struct audit_check {
	enum audit_finding finding;
	int64_t entries;                   /* entries in the log */
	int64_t id;                        /* the first entry found changed or removed */
	char last_hash[DB_AUDIT_HASH_HEX]; /* the last entry's hash when intact, for a record
	                                    * kept elsewhere (the chain cannot show a cut tail) */
};

/* Recompute the hash chain of the audit log (db_audit_hash) from its first entry and report
 * the first entry that was changed, inserted or removed. 0 with *out filled (whatever it
 * found), or -1 with *cause when the log cannot be read. */
int audit_verify(struct db *db, struct audit_check *out, char **cause);

#endif
