/* models/formats/ical.h: iCalendar (RFC 5545) export of classes and consultations through libical,
 * and import of closure and holiday calendars. */
#ifndef MODELS_FORMATS_ICAL_H
#define MODELS_FORMATS_ICAL_H

#include <stdio.h>

#include "models/core/date.h"
#include "models/core/db.h"

/* Which events to export. Class sessions carry no personal data; consultations do, so they are
 * in a file only for the staff (ICAL_STAFF) or for the person they belong to (person set). */
struct ical_filter {
	int staff;         /* add every consultation booking, with the resident's name */
	const char *venue; /* codes that narrow the class sessions; NULL: any */
	const char *course;
	const char *offering;
	const char *session;
	const char *person;    /* that resident's won classes and their own consultations */
	const char *from, *to; /* ISO dates, inclusive; NULL: open */
};

struct ical_config {
	const char *domain;          /* right-hand side of every UID */
	const char *application_url; /* URL of every class event, or NULL */
};

/* The time zone of every event. */
#define ICAL_TZID "Asia/Tokyo"

/* Write a VCALENDAR (METHOD:PUBLISH, Asia/Tokyo VTIMEZONE) with the events f selects to out,
 * one event at a time. Returns the number of events, or -1 with *cause. */
long ical_export(struct db *db, const struct ical_filter *f, const struct ical_config *cfg,
                 FILE *out, char **cause);
/* The same into the file at path ("-" or NULL: standard output) through a temporary file renamed
 * over it, so that a reader never sees half a calendar; *n gets the number of events. A file
 * with residents' names (f->staff or f->person) is created 0600. 0, or -1 with *cause. */
int ical_export_file(struct db *db, const char *path, const struct ical_filter *f,
                     const struct ical_config *cfg, long *n, char **cause);
/* A compact VEVENT of one class session (UTC times, no VCALENDAR) small enough for a QR code;
 * a new string, or NULL with *cause. */
char *ical_compact_event(struct db *db, const char *session_code, char **cause);
/* The same with brief set: without the LOCATION, so that the code fits a small screen. */
char *ical_compact_event_ex(struct db *db, const char *session_code, int brief, char **cause);

struct ical_import_report {
	long events;      /* VEVENTs in the file */
	long occurrences; /* closure days within the window */
	long added;       /* of those, new to the database */
};

/* Import the VEVENTs of a holiday or closure calendar as closures of venue_code (NULL: every
 * venue) on the days between from and to, expanding RRULE/RDATE/EXDATE and converting other
 * time zones to Asia/Tokyo. All or nothing; a malformed file is refused with its line number.
 * Importing the same file again adds nothing. Returns 0, or -1 with *cause. */
int ical_import_closures(struct db *db, const char *path, const char *venue_code,
                         const struct date *from, const struct date *to, const char *actor,
                         struct ical_import_report *rep, char **cause);

#endif
