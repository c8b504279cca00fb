/* models/reports/reports.c: monthly and per-class figures; every count is one SQL aggregate,
 * served by an index in the order it groups by (the plans: tests/bench/reports.sh). */
#include "config.h"
#include "models/reports/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/classes/classes.h"
#include "models/core/schema.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/periods/periods.h"

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

/* A period of months as its first and last day, ISO text ("-31" sorts after any day). */
struct period {
	char from[16], to[16];
};

static struct period
period_of(int y0, int m0, int y1, int m1)
{
	struct period p;

	snprintf(p.from, sizeof p.from, "%04d-%02d-01", y0, m0);
	snprintf(p.to, sizeof p.to, "%04d-%02d-31", y1, m1);
	return p;
}

/* sql prepared with the first day of y0-m0 and the last of y1-m1 bound as ?1 and ?2; NULL with
 * *cause. */
static db_stmt *
period_query(struct db *db, const char *sql, int y0, int m0, int y1, int m1, char **cause)
{
	struct period p = period_of(y0, m0, y1, m1);

	return db_query(db, sql, cause, DB_ARGS(DB_TEXT(p.from), DB_TEXT(p.to)));
}

/* A new table of ncols columns (titles, align as table_new_i18n) with a row added by add_row for
 * each row of sql over y0-m0..y1-m1; NULL with *cause. */
static struct table *
period_rows(struct db *db, const char *sql, size_t ncols, const char *const *titles,
            const char *align, int y0, int m0, int y1, int m1,
            void (*add_row)(struct table *t, db_stmt *st), char **cause)
{
	db_stmt *st = period_query(db, sql, y0, m0, y1, m1, cause);
	struct table *t;
	int rc;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(ncols, titles, align);
	while ((rc = db_step(st)) == DB_ROW)
		add_row(t, st);
	return table_finish(t, db, st, rc, cause);
}

/* Applications that make their person an applicant: all but those marked duplicate. The
 * duplicates come from their own partial index (migration 19) and the rest from the index on
 * (offering_id, person_id), so that counting applicants never reads the rows themselves. */
#define SQL_NOT_DUPLICATE                                                                          \
	"a.id NOT IN (SELECT d.id FROM applications d WHERE d.status = 'duplicate')"

/* The monthly figures, each a count per day over ?1..?2: grouped by the date the indexes are
 * ordered by, so that no sort is needed; add_month_counts adds the days into months. */
static const char sql_sessions_by_day[] =
    "SELECT date, count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND status = 'scheduled'"
    " GROUP BY date";
static const char sql_participants_by_day[] =
    "SELECT s.date, count(*) FROM sessions s JOIN attendance a ON a.session_id = s.id"
    " WHERE s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'"
    " AND a.status IN ('present','late') GROUP BY s.date";
static const char sql_consultations_by_day[] =
    "SELECT c.date, count(*) FROM consultation_slots c JOIN bookings b ON b.slot_id = c.id"
    " WHERE c.date BETWEEN ?1 AND ?2 AND b.status = 'attended' GROUP BY c.date";

/* Per class: the classes (an offering, or the offerings sharing a report group) are
 * materialised once and each figure is one grouped pass. Applicants of an offering of its own
 * are counted in the order of the index on (offering_id, person_id), without a sort; only the
 * offerings of a report group, which share their applicants, are gathered by group. */
static const char sql_classes[] =
    "WITH o AS MATERIALIZED ("
    " SELECT o.id, o.capacity, o.report_group, c.title, c.device, v.name AS venue,"
    "  CASE WHEN o.report_group <> '' THEN 'g:' || o.report_group ELSE 'o:' || o.id END"
    "   AS grp"
    " FROM offerings o JOIN courses c ON c.id = o.course_id"
    " JOIN venues v ON v.id = o.venue_id"
    " WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.offering_id = o.id"
    "  AND s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled')),"
    "ses AS MATERIALIZED (SELECT o.grp, s.id, s.date FROM o JOIN sessions s"
    " ON s.offering_id = o.id WHERE s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'),"
    "mon AS (SELECT grp, group_concat(CAST(substr(ym,6,2) AS INTEGER), ',') AS months,"
    " min(first) AS first FROM (SELECT grp, substr(date,1,7) AS ym, min(date) AS first"
    " FROM ses GROUP BY grp, ym ORDER BY grp, ym) m GROUP BY grp),"
    "app AS (SELECT 'o:' || a.offering_id AS grp, count(DISTINCT a.person_id) AS n"
    " FROM applications a WHERE a.offering_id IN (SELECT id FROM o WHERE report_group = '')"
    " AND " SQL_NOT_DUPLICATE " GROUP BY a.offering_id"
    " UNION ALL SELECT o.grp, count(DISTINCT a.person_id) FROM o CROSS JOIN applications a"
    " WHERE a.offering_id = o.id AND o.report_group <> '' AND " SQL_NOT_DUPLICATE
    " GROUP BY o.grp),"
    "att AS (SELECT ses.grp, count(*) AS n FROM ses JOIN attendance t"
    " ON t.session_id = ses.id WHERE t.status IN ('present','late') GROUP BY ses.grp)"
    "SELECT min(o.report_group), min(o.title), min(o.device), min(o.venue), mon.months,"
    " sum(o.capacity), coalesce(app.n, 0), coalesce(att.n, 0), mon.first"
    " FROM o JOIN mon ON mon.grp = o.grp LEFT JOIN app ON app.grp = o.grp"
    " LEFT JOIN att ON att.grp = o.grp GROUP BY o.grp, mon.months, app.n, att.n, mon.first"
    " ORDER BY mon.first, o.grp";

/* Per venue and topic, then a total per venue (topic NULL). */
static const char sql_consultations[] =
    "SELECT name, topic, booked, came, missed, cancelled, 0 FROM ("
    "SELECT v.name AS name, b.topic AS topic,"
    " count(CASE WHEN b.status <> 'cancelled' THEN 1 END) AS booked,"
    " count(CASE b.status WHEN 'attended' THEN 1 END) AS came,"
    " count(CASE b.status WHEN 'no_show' THEN 1 END) AS missed,"
    " count(CASE b.status WHEN 'cancelled' THEN 1 END) AS cancelled"
    " FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id"
    " JOIN venues v ON v.id = c.venue_id WHERE c.date BETWEEN ?1 AND ?2"
    " GROUP BY v.code, v.name, b.topic"
    " UNION ALL SELECT v.name, NULL, count(CASE WHEN b.status <> 'cancelled' THEN 1"
    " END), count(CASE b.status WHEN 'attended' THEN 1 END),"
    " count(CASE b.status WHEN 'no_show' THEN 1 END),"
    " count(CASE b.status WHEN 'cancelled' THEN 1 END)"
    " FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id"
    " JOIN venues v ON v.id = c.venue_id WHERE c.date BETWEEN ?1 AND ?2"
    " GROUP BY v.code, v.name) u"
    " ORDER BY name, topic IS NULL, topic";

/* Demand per offering with sessions in the period: applicants counted once in the index's
 * order (materialised, so that the ratio and the order read the count instead of counting
 * again), the waiting list from its partial index (migration 19). */
static const char sql_demand[] =
    "WITH o AS MATERIALIZED (SELECT o.id, o.code, o.capacity, o.course_id, o.venue_id"
    " FROM offerings o WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.offering_id = o.id"
    " AND s.date BETWEEN ?1 AND ?2)),"
    "app AS MATERIALIZED (SELECT a.offering_id AS id, count(DISTINCT a.person_id) AS n"
    " FROM applications a WHERE a.offering_id IN (SELECT id FROM o) AND " SQL_NOT_DUPLICATE
    " GROUP BY a.offering_id),"
    "d AS (SELECT o.id, o.code, o.capacity, o.course_id, o.venue_id, coalesce(app.n, 0) AS n,"
    " (SELECT count(*) FROM applications w WHERE w.offering_id = o.id"
    "  AND w.status = 'waiting') AS w FROM o LEFT JOIN app ON app.id = o.id)"
    "SELECT " SQL_CLASS_TITLE ", v.name, d.capacity, d.n,"
    " printf('%.2f', CAST(d.n AS REAL) / d.capacity), d.w"
    " FROM d JOIN courses c ON c.id = d.course_id JOIN venues v ON v.id = d.venue_id"
    " ORDER BY CAST(d.n AS REAL) / d.capacity DESC, d.code";

const struct report_query report_queries[] = {
    {"monthly: sessions", sql_sessions_by_day},
    {"monthly: participants", sql_participants_by_day},
    {"monthly, classes: consultations", sql_consultations_by_day},
    {"classes", sql_classes},
    {"consultations", sql_consultations},
    {"demand", sql_demand},
};
const size_t report_nqueries = sizeof report_queries / sizeof report_queries[0];

/* Add each day's count from sql (rows of 'YYYY-MM-DD' and a count over y0-m0..y1-m1) into the
 * counts of its month, counts[0] being y0-m0's. */
static int
add_month_counts(struct db *db, const char *sql, int y0, int m0, int y1, int m1, int64_t *counts,
                 int n, char **cause)
{
	db_stmt *st = period_query(db, sql, y0, m0, y1, m1, cause);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		char ym[8];
		int y, m;

		snprintf(ym, sizeof ym, "%s", db_column_text(st, 0));
		if (report_parse_month(ym, &y, &m) != 0)
			continue;
		int i = y * 12 + m - (y0 * 12 + m0);

		if (i >= 0 && i < n)
			counts[i] += db_column_int64(st, 1);
	}
	return db_finish(db, st, rc, cause);
}

struct table *
report_monthly(struct db *db, int y0, int m0, int y1, int m1, enum date_style style, char **cause)
{
	static const char *const titles[] = {N_("Month"), N_("Class sessions"), N_("Participants"),
	                                     N_("Consultations held")};
	int n = y1 * 12 + m1 - (y0 * 12 + m0) + 1;
	int64_t *counts = xcalloc((size_t)(n > 0 ? n : 1) * 3, sizeof *counts);
	struct table *t = table_new_i18n(4, titles, "lrrr");

	/* One grouped query a figure over the whole period, each by a date range the indexes
	 * serve, however many months there are. */
	if (add_month_counts(db, sql_sessions_by_day, y0, m0, y1, m1, counts, n, cause) != 0 ||
	    add_month_counts(db, sql_participants_by_day, y0, m0, y1, m1, counts + n, n, cause) !=
	        0 ||
	    add_month_counts(db, sql_consultations_by_day, y0, m0, y1, m1, counts + 2 * n, n,
	                     cause) != 0) {
		free(counts);
		table_free(t);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		int y = (y0 * 12 + m0 - 1 + i) / 12, m = (y0 * 12 + m0 - 1 + i) % 12 + 1;
		char n1[24], n2[24], n3[24], month[16];
		char *label = date_format_month(y, m, style);

		/* Its figures moved after they were reported: the footnotes say how. */
		snprintf(month, sizeof month, "%04d-%02d", y, m);
		if (period_amended(db, month, NULL) > 0) {
			char *marked = xasprintf("%s*", label);

			free(label);
			label = marked;
		}

		snprintf(n1, sizeof n1, "%lld", (long long)counts[i]);
		snprintf(n2, sizeof n2, "%lld", (long long)counts[n + i]);
		snprintf(n3, sizeof n3, "%lld", (long long)counts[2 * n + i]);
		table_add_row(t, (const char *const[]){label, n1, n2, n3});
		free(label);
	}
	free(counts);
	return t;
}

int
report_monthly_notes(struct db *db, int y0, int m0, int y1, int m1, struct strlist *notes,
                     char **cause)
{
	char from[16], to[16];
	struct strlist mine = {0};
	int rc;

	snprintf(from, sizeof from, "%04d-%02d", y0, m0);
	snprintf(to, sizeof to, "%04d-%02d", y1, m1);
	rc = period_notes(db, from, to, &mine, cause);
	for (size_t i = 0; i < mine.n; i++)
		strlist_addf(notes, "* %s", mine.v[i]);
	strlist_clear(&mine);
	return rc;
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

/* The consultations row of the classes report: attended bookings, and the months in which any
 * took place. 0, or -1 with *cause. */
static int
add_consultations_row(struct db *db, struct table *t, int y0, int m0, int y1, int m1, char **cause)
{
	int n = y1 * 12 + m1 - (y0 * 12 + m0) + 1;
	int64_t *counts = xcalloc((size_t)(n > 0 ? n : 1), sizeof *counts), total = 0;
	char *csv = xstrdup("");

	if (add_month_counts(db, sql_consultations_by_day, y0, m0, y1, m1, counts, n, cause) != 0) {
		free(counts);
		free(csv);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (counts[i] == 0)
			continue;
		char *next = xasprintf("%s%s%d", csv, *csv ? "," : "", (m0 - 1 + i) % 12 + 1);

		free(csv);
		csv = next;
		total += counts[i];
	}
	if (total > 0) {
		char *months = month_list(csv);
		char att[24];

		snprintf(att, sizeof att, "%lld", (long long)total);
		table_add_row(
		    t, (const char *const[]){_("Smartphone consultations"), months, "-", "-", att});
		free(months);
	}
	free(csv);
	free(counts);
	return 0;
}

/* A row of sql_classes: the class by its report group, or its title, device and venue. */
static void
add_class_row(struct table *t, db_stmt *st)
{
	const char *group = db_column_text(st, 0), *device = device_name(db_column_text(st, 2));
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
		label = xasprintf(_("%1$s (%2$s)"), db_column_text(st, 1), db_column_text(st, 3));
	snprintf(cap, sizeof cap, "%lld", (long long)db_column_int64(st, 5));
	snprintf(apps, sizeof apps, "%lld", (long long)db_column_int64(st, 6));
	snprintf(att, sizeof att, "%lld", (long long)db_column_int64(st, 7));
	table_add_row(t, (const char *const[]){label, months, cap, apps, att});
	free(label);
	free(months);
}

struct table *
report_classes(struct db *db, int y0, int m0, int y1, int m1, char **cause)
{
	static const char *const titles[] = {N_("Class"), N_("Months"), N_("Capacity"),
	                                     N_("Applicants"), N_("Attended")};
	struct table *t =
	    period_rows(db, sql_classes, 5, titles, "llrrr", y0, m0, y1, m1, add_class_row, cause);

	if (t != NULL && add_consultations_row(db, t, y0, m0, y1, m1, cause) != 0) {
		table_free(t);
		return NULL;
	}
	return t;
}

const char *
report_topic_name(const char *topic)
{
	static const struct code_name topics[] = {{"line", N_("LINE")},
	                                          {"photos", N_("Photos")},
	                                          {"settings", N_("Settings of the phone")},
	                                          {"online", N_("Online applications")},
	                                          {"scam", N_("Scam calls")},
	                                          {"other", N_("Other")}};

	return CODE_NAME(topics, topic);
}

/* A row of sql_consultations: a venue and topic, or the venue's total (topic NULL). */
static void
add_consultation_row(struct table *t, db_stmt *st)
{
	long booked = db_column_int(st, 2), came = db_column_int(st, 3),
	     missed = db_column_int(st, 4);
	char b[24], a[24], n[24], r[24], c[24];
	int total = db_column_null(st, 1);

	snprintf(b, sizeof b, "%ld", booked);
	snprintf(a, sizeof a, "%ld", came);
	snprintf(n, sizeof n, "%ld", missed);
	/* The rate is of the bookings that were due: attended plus no-shows. */
	if (came + missed > 0)
		snprintf(r, sizeof r, "%.1f%%", 100.0 * (double)missed / (double)(came + missed));
	else
		snprintf(r, sizeof r, "-");
	snprintf(c, sizeof c, "%d", db_column_int(st, 5));
	table_add_row(t, (const char *const[]){db_column_text(st, 0),
	                                       total ? _("(all topics)")
	                                             : report_topic_name(db_column_text(st, 1)),
	                                       b, a, n, r, c});
}

struct table *
report_consultations(struct db *db, int y0, int m0, int y1, int m1, char **cause)
{
	static const char *const titles[] = {N_("Venue"),    N_("Topic"),    N_("Booked"),
	                                     N_("Attended"), N_("No-shows"), N_("No-show rate"),
	                                     N_("Cancelled")};

	return period_rows(db, sql_consultations, 7, titles, "llrrrrr", y0, m0, y1, m1,
	                   add_consultation_row, cause);
}

struct table *
report_demand(struct db *db, int y0, int m0, int y1, int m1, char **cause)
{
	static const char *const titles[] = {N_("Class"),      N_("Venue"),    N_("Capacity"),
	                                     N_("Applicants"), N_("Per seat"), N_("Waiting")};
	/* Where demand outruns seats most, first: where a coordinator would add a class. */
	db_stmt *st = period_query(db, sql_demand, y0, m0, y1, m1, cause);

	return st ? overview_fill(db, st, table_new_i18n(6, titles, "llrrrr"), -1, DATE_WESTERN,
	                          cause)
	          : NULL;
}

void
report_chart(const struct table *monthly, int width, struct strlist *out)
{
	int labelw = 0, max = 1;

	for (size_t r = 0; r < monthly->nrows; r++) {
		int w = text_width(table_cell(monthly, r, 0));

		labelw = w > labelw ? w : labelw;
		for (size_t c = 2; c <= 3; c++)
			if (atoi(table_cell(monthly, r, c)) > max)
				max = atoi(table_cell(monthly, r, c));
	}
	/* Two bars a month, drawn with different ASCII characters so that they read without
	 * colour and take one column each in every terminal. */
	int room = width - labelw - 2 - 6;

	if (room < 4)
		room = 4;
	strlist_addf(out, _("#: class participants   =: consultations   (one mark = %.1f)"),
	             (double)max / room > 1 ? (double)max / room : 1.0);
	for (size_t r = 0; r < monthly->nrows; r++) {
		for (int k = 0; k < 2; k++) {
			int v = atoi(table_cell(monthly, r, 2 + (size_t)k));
			int len = max <= room ? v : (int)((long)v * room / max);
			char *bar = xmalloc((size_t)len + 1), *label;

			if (v > 0 && len == 0)
				len = 1;
			memset(bar, k == 0 ? '#' : '=', (size_t)len);
			bar[len] = '\0';
			label = text_fit(k == 0 ? table_cell(monthly, r, 0) : "", labelw, 1);
			strlist_addf(out, "%s  %s %d", label, bar, v);
			free(label);
			free(bar);
		}
	}
}
