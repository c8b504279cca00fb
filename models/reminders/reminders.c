/* models/reminders/reminders.c: the reminder call list of a day, read from the consultation
 * bookings and the classes' won applications (written by models/consult/ and
 * models/lottery/); this file writes nothing. */
#include "config.h"
#include "models/reminders/reminders.h"

#include <stdio.h>
#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/reports/reports.h"

static const char reminders_sql[] =
    "SELECT s.start, 0, v.name, p.code, p.name, p.kana, p.phone, b.topic"
    " FROM consultation_slots s JOIN bookings b ON b.slot_id = s.id"
    " JOIN venues v ON v.id = s.venue_id JOIN people p ON p.id = b.person_id"
    " WHERE s.date = ?1 AND b.status <> 'cancelled'"
    " UNION ALL "
    "SELECT se.start, se.duration_min, v.name, p.code, p.name, p.kana, p.phone, c.title"
    " FROM sessions se JOIN applications a ON a.session_id = se.id AND a.status = 'won'"
    " JOIN offerings o ON o.id = se.offering_id JOIN courses c ON c.id = o.course_id"
    " JOIN venues v ON v.id = o.venue_id JOIN people p ON p.id = a.person_id"
    " WHERE se.date = ?1 AND se.status = 'scheduled'"
    " ORDER BY 1, 3, 6, 4";

struct table *
reminders_day(struct db *db, const char *date, char **cause)
{
	static const char *const titles[] = {N_("Time"), N_("Kind"), N_("Place"), N_("Code"),
	                                     N_("Name"), N_("Kana"), N_("Phone"), N_("About")};
	struct table *t;
	db_stmt *st = db_query(db, reminders_sql, cause, DB_ARGS(DB_TEXT(date)));
	int rc;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(8, titles, "kllkllkl");
	while ((rc = db_step(st)) == DB_ROW) {
		int minutes = db_column_int(st, 1);
		const char *start = db_column_text(st, 0);
		int h = 0, m = 0;
		char when[16];

		/* A class shows when it ends too: the time to be there and the time to be free. */
		if (minutes > 0 && sscanf(start, "%d:%d", &h, &m) == 2) {
			int end = h * 60 + m + minutes;

			snprintf(when, sizeof when, "%s-%02d:%02d", start, end / 60 % 24, end % 60);
		} else
			snprintf(when, sizeof when, "%s", start);
		const char *about = db_column_text(st, 7);

		table_add_keyed_row(
		    t,
		    (const char *const[]){
		        when, minutes > 0 ? _("class") : _("consultation"), db_column_text(st, 2),
		        db_column_text(st, 3), db_column_text(st, 4), db_column_text(st, 5),
		        db_column_text(st, 6), minutes > 0 ? about : report_topic_name(about)},
		    db_column_text(st, 3));
	}
	return table_finish(t, db, st, rc, cause);
}
