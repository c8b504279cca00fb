/* models/report.h: the city's own tables, computed from what sumaho recorded. */
#ifndef MODELS_REPORT_H
#define MODELS_REPORT_H

#include "date.h"
#include "db.h"
#include "table.h"

/* Parse "YYYY-MM" into a year and a month; 0 or -1. */
int report_parse_month(const char *s, int *year, int *month);
/* Per month from..to (inclusive): class sessions held, class participants (present or late),
 * consultations attended. NULL with *cause on error; the caller frees the table. */
struct table *report_monthly(struct db *db, int y0, int m0, int y1, int m1, enum date_style style,
                             char **cause);
/* Per class (an offering, or the offerings sharing a report group) with sessions in the
 * period: months held, capacity, applicants, attended; then the consultations row. */
struct table *report_classes(struct db *db, int y0, int m0, int y1, int m1, char **cause);

#endif
