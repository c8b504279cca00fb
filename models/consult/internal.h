/* models/consult/internal.h: private to models/consult/, never included from outside it: the
 * one statement of when a closure covers a slot, which generation, the day view, the next free
 * slots and booking all ask. The folder's API is consult.h. */
#ifndef MODELS_CONSULT_INTERNAL_H
#define MODELS_CONSULT_INTERNAL_H

/* A closure c covers the slot [start, start + 30 minutes) at a venue on a date when it takes
 * the whole day or overlaps it; date, venue and start are SQL expressions (string literals). */
#define SQL_CLOSURE_COVERS(date, venue, start)                                                     \
	"c.date = " date " AND (c.venue_id IS NULL OR c.venue_id = " venue ") AND"                 \
	" (c.from_time IS NULL OR (c.from_time < strftime('%H:%M', " start ", '+30 minutes') AND"  \
	" coalesce(c.to_time, '24:00') > " start "))"

/* The reason of a closure covering the slot s (a column of a query on consultation_slots s):
 * NULL when none does, '-' for one without a reason. */
#define SQL_SLOT_CLOSURE_REASON                                                                    \
	"(SELECT coalesce(nullif(c.reason, ''), '-') FROM closures c WHERE " SQL_CLOSURE_COVERS(     \
	    "s.date", "s.venue_id", "s.start") " LIMIT 1)"

#endif
