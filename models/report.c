/* models/report.c: monthly and per-class figures; every count is one SQL aggregate. */
#include "config.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

int
report_parse_month(const char *s, int *year, int *month)
{
	int y, m;
	char tail;

	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2 ||
	    !date_valid(y, m, 1))
		return -1;
	*year = y;
	*month = m;
	return 0;
}

struct table *
report_monthly(struct db *db, int y0, int m0, int y1, int m1, enum date_style style, char **cause)
{
	const char *headers[] = {_("Month"), "-", "-", "-"};
	char *h1 = xasprintf("-%s", _("Class sessions")), *h2 = xasprintf("-%s", _("Participants")),
	     *h3 = xasprintf("-%s", _("Consultations held"));
	struct table *t;

	headers[1] = h1;
	headers[2] = h2;
	headers[3] = h3;
	t = table_new(4, headers);
	free(h1);
	free(h2);
	free(h3);
	for (int y = y0, m = m0; y * 12 + m <= y1 * 12 + m1; m = m == 12 ? 1 : m + 1, y += m == 1) {
		char month[8], n1[24], n2[24], n3[24];
		int64_t sessions, people, consults;

		snprintf(month, sizeof month, "%04d-%02d", y, m);
		sessions = db_count_text(db,
		                         "SELECT count(*) FROM sessions WHERE substr(date,1,7) = ? "
		                         "AND status = 'scheduled'",
		                         month, cause);
		people = db_count_text(db,
		                       "SELECT count(*) FROM attendance a JOIN sessions s ON "
		                       "s.id = a.session_id WHERE substr(s.date,1,7) = ? AND "
		                       "s.status = 'scheduled' AND a.status IN ('present','late')",
		                       month, cause);
		consults =
		    db_count_text(db,
		                  "SELECT count(*) FROM bookings b JOIN consultation_slots c "
		                  "ON c.id = b.slot_id WHERE substr(c.date,1,7) = ? AND "
		                  "b.status = 'attended'",
		                  month, cause);
		if (sessions < 0 || people < 0 || consults < 0) {
			table_free(t);
			return NULL;
		}
		char *label = date_format_month(y, m, style);

		snprintf(n1, sizeof n1, "%lld", (long long)sessions);
		snprintf(n2, sizeof n2, "%lld", (long long)people);
		snprintf(n3, sizeof n3, "%lld", (long long)consults);
		table_add_row(t, (const char *const[]){label, n1, n2, n3});
		free(label);
	}
	return t;
}

static const char *
device_name(const char *device)
{
	if (strcmp(device, "iphone") == 0)
		return "iPhone";
	if (strcmp(device, "android") == 0)
		return "Android";
	return "";
}

/* Month numbers "4,6,8" into the display form, e.g. "4月・6月・8月" or "Apr, Jun, Aug". */
static char *
month_list(const char *csv)
{
	static const char *const names[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"),
	                                    N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
	                                    N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
	char *out = xstrdup("");
	const char *p = csv;

	while (*p) {
		int m = atoi(p);
		/* TRANSLATORS: separator between month names in a list. */
		char *next = xasprintf("%s%s%s", out, *out ? _(", ") : "",
		                       m >= 1 && m <= 12 ? _(names[m - 1]) : "?");

		free(out);
		out = next;
		while (*p && *p != ',')
			p++;
		if (*p == ',')
			p++;
	}
	return out;
}

struct table *
report_classes(struct db *db, int y0, int m0, int y1, int m1, char **cause)
{
	char from[16], to[16];
	char *hdr[5] = {xstrdup(_("Class")), xstrdup(_("Months")), xasprintf("-%s", _("Capacity")),
	                xasprintf("-%s", _("Applicants")), xasprintf("-%s", _("Attended"))};
	struct table *t = table_new(5, (const char *const *)hdr);
	sqlite3_stmt *st;

	for (int i = 0; i < 5; i++)
		free(hdr[i]);
	snprintf(from, sizeof from, "%04d-%02d-01", y0, m0);
	snprintf(to, sizeof to, "%04d-%02d-31", y1, m1);
	/* Offerings with sessions in the period, grouped by their report group (or alone). */
	st = db_prepare(
	    db,
	    "WITH o AS ("
	    " SELECT o.id, o.capacity, o.report_group, c.title, c.device, v.name AS venue,"
	    "  CASE WHEN o.report_group <> '' THEN 'g:' || o.report_group ELSE 'o:' || o.id END"
	    "   AS grp"
	    " FROM offerings o JOIN courses c ON c.id = o.course_id"
	    " JOIN venues v ON v.id = o.venue_id"
	    " WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.offering_id = o.id"
	    "  AND s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'))"
	    "SELECT min(o.report_group), min(o.title), min(o.device), min(o.venue),"
	    " (SELECT group_concat(CAST(substr(ym,6,2) AS INTEGER), ',') FROM (SELECT DISTINCT"
	    "   substr(s.date,1,7) AS ym FROM sessions s JOIN o o2 ON o2.id = s.offering_id"
	    "   WHERE o2.grp = o.grp AND s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'"
	    "   ORDER BY ym)),"
	    " sum(o.capacity),"
	    " (SELECT count(DISTINCT a.person_id) FROM applications a JOIN o o2 ON"
	    "   o2.id = a.offering_id WHERE o2.grp = o.grp AND a.status <> 'duplicate'),"
	    " (SELECT count(*) FROM attendance t JOIN sessions s ON s.id = t.session_id"
	    "   JOIN o o2 ON o2.id = s.offering_id WHERE o2.grp = o.grp"
	    "   AND s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'"
	    "   AND t.status IN ('present','late')),"
	    " (SELECT min(s.date) FROM sessions s JOIN o o2 ON o2.id = s.offering_id"
	    "   WHERE o2.grp = o.grp AND s.date BETWEEN ?1 AND ?2) AS first"
	    " FROM o GROUP BY o.grp ORDER BY first, o.grp",
	    cause);
	if (st == NULL) {
		table_free(t);
		return NULL;
	}
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *group = db_column_text(st, 0),
		           *device = device_name(db_column_text(st, 2));
		char *label, *months = month_list(db_column_text(st, 4));
		char cap[24], apps[24], att[24];

		if (*group)
			label = xstrdup(group);
		else if (*device)
			/* TRANSLATORS: class title, device, venue; e.g. スマホ入門
			 * (Android、関ヶ原). */
			label = xasprintf(_("%1$s (%2$s, %3$s)"), db_column_text(st, 1), device,
			                  db_column_text(st, 3));
		else
			/* TRANSLATORS: class title, venue. */
			label = xasprintf(_("%1$s (%2$s)"), db_column_text(st, 1),
			                  db_column_text(st, 3));
		snprintf(cap, sizeof cap, "%lld", (long long)sqlite3_column_int64(st, 5));
		snprintf(apps, sizeof apps, "%lld", (long long)sqlite3_column_int64(st, 6));
		snprintf(att, sizeof att, "%lld", (long long)sqlite3_column_int64(st, 7));
		table_add_row(t, (const char *const[]){label, months, cap, apps, att});
		free(label);
		free(months);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		table_free(t);
		return NULL;
	}

	/* Consultations: one row, attended bookings, months in which any took place. */
	st = db_prepare(db,
	                "SELECT (SELECT group_concat(CAST(substr(ym,6,2) AS INTEGER), ',') FROM"
	                "  (SELECT DISTINCT substr(c.date,1,7) AS ym FROM bookings b JOIN"
	                "  consultation_slots c ON c.id = b.slot_id WHERE b.status = 'attended' AND"
	                "  c.date BETWEEN ?1 AND ?2 ORDER BY ym)),"
	                " count(*) FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id"
	                " WHERE b.status = 'attended' AND c.date BETWEEN ?1 AND ?2",
	                cause);
	if (st == NULL) {
		table_free(t);
		return NULL;
	}
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 1) > 0) {
		char *months = month_list(db_column_text(st, 0));
		char att[24];

		snprintf(att, sizeof att, "%lld", (long long)sqlite3_column_int64(st, 1));
		table_add_row(
		    t, (const char *const[]){_("Smartphone consultations"), months, "-", "-", att});
		free(months);
	}
	sqlite3_finalize(st);
	return t;
}
