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

#endif
