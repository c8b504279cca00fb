/* models/reports/reports.h: the city's own tables, computed from what sumaho recorded. */
#ifndef MODELS_REPORTS_REPORTS_H
#define MODELS_REPORTS_REPORTS_H

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/formats/table.h"

/* Parse "YYYY-MM" into a year and a month; 0 or -1. */
int report_parse_month(const char *s, int *year, int *month);
/* Per month from..to (inclusive): class sessions held, class participants (present or late),
 * consultations attended. A closed month amended since it was closed (models/periods/) is
 * marked "*" after its name. NULL with *cause on error; the caller frees the table. */
struct table *report_monthly(struct db *db, int y0, int m0, int y1, int m1, enum date_style style,
                             char **cause);
/* The footnotes of the monthly report from..to: for each amendment of a closed month, "* "
 * and when it was closed and by whom, when it was amended, by whom and why. 0, or -1 with
 * *cause. */
int report_monthly_notes(struct db *db, int y0, int m0, int y1, int m1, struct strlist *notes,
                         char **cause);
/* Per class (an offering, or the offerings sharing a report group) with sessions in the
 * period: months held, capacity, applicants, attended; then the consultations row. */
struct table *report_classes(struct db *db, int y0, int m0, int y1, int m1, char **cause);

/* Consultations per venue and topic, with a total per venue: booked, attended, no-shows,
 * the no-show rate (of attended plus no-shows) and cancellations. */
struct table *report_consultations(struct db *db, int y0, int m0, int y1, int m1, char **cause);
/* Demand per class with sessions in the period: capacity, applicants, applicants per seat and
 * the waiting list, highest demand first. */
struct table *report_demand(struct db *db, int y0, int m0, int y1, int m1, char **cause);
/* Bar chart lines of a report_monthly table (participants and consultations) in width columns,
 * in ASCII so that it reads in monochrome and in any terminal. */
void report_chart(const struct table *monthly, int width, struct strlist *out);
/* The reports' queries by name, each with the period's first and last day as ?1 and ?2: for
 * the benchmark, which prints how the database plans them. */
struct report_query {
	const char *name, *sql;
};
extern const struct report_query report_queries[];
extern const size_t report_nqueries;
/* A consultation topic's name for people ("line" -> "LINE", "scam" -> "Scam calls"). */
const char *report_topic_name(const char *topic);

#endif
