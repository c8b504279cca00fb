/* models/notices/merge.c: a draw's applicants for the return-postcard mail merge, with the
 * Japanese headings and words a city's word processor expects, whatever language the staff
 * screens speak. */
#include "config.h"
#include "models/notices/notices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/date.h"
#include "models/core/schema.h"
#include "models/core/util.h"

/* "令和4年4月14日(木) 10:00〜11:30": the Japanese form, not a translation (a new string). */
static char *
era_when(const char *day, const char *start, int minutes)
{
	static const char *const weekdays[] = {"日", "月", "火", "水", "木", "金", "土"};
	static const struct {
		char initial;
		const char *name;
	} eras[] = {{'R', "令和"}, {'H', "平成"}, {'S', "昭和"}, {'T', "大正"}, {'M', "明治"}};
	struct date d;
	const char *era = NULL, *name;
	int year, t = time_parse(start), end = t + minutes;

	if (*day == '\0')
		return xstrdup("");
	if (date_parse(day, &d) != 0 || t < 0 || date_era(&d, &name, &year) != 0)
		return xasprintf("%s %s", day, start);
	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
		if (eras[i].initial == date_era_initial(&d))
			era = eras[i].name;
	if (era == NULL)
		return xasprintf("%s %s", day, start);
	char *y = year == 1 ? xstrdup("元") : xasprintf("%d", year);
	char *s = xasprintf("%s%s年%d月%d日(%s) %s〜%02d:%02d", era, y, d.month, d.day,
	                    weekdays[date_weekday(&d)], start, end / 60 % 24, end % 60);

	free(y);
	return s;
}

struct table *
notices_merge_table(struct db *db, int64_t round_id, char **cause)
{
	static const char *const cols[] = {"氏名", "フリガナ", "結果", "補欠順位", "講座", "日時"};
	db_stmt *st = db_query_int(
	    db,
	    "SELECT p.name, p.kana, CASE a.status WHEN 'won' THEN '当選' WHEN 'waiting' THEN '補欠'"
	    " WHEN 'lost' THEN '落選' ELSE '対象外' END, coalesce(CAST(a.waiting_position AS "
	    "TEXT), ''),"
	    " " SQL_CLASS_TITLE ", coalesce(s.date, ''), coalesce(s.start, ''),"
	    " coalesce(s.duration_min, 0) FROM lottery_entries e JOIN lottery_rounds r ON r.id ="
	    " e.round_id JOIN offerings o ON o.id = e.offering_id JOIN courses c ON c.id = "
	    "o.course_id JOIN applications a ON a.id ="
	    " e.application_id JOIN people p ON p.id = a.person_id LEFT JOIN sessions s ON s.id ="
	    " a.session_id WHERE e.round_id = ? AND a.status IN ('won', 'waiting', 'lost',"
	    " 'ineligible') ORDER BY o.code, CASE e.result WHEN 'won' THEN 0 WHEN 'waiting' THEN 1"
	    " WHEN 'lost' THEN 2 ELSE 3 END, e.position, e.tier,"
	    " sumaho_rank(r.seed, e.person_code), e.choice",
	    round_id, cause);
	struct table *t;
	int rc;

	if (st == NULL)
		return NULL;
	t = table_new(sizeof cols / sizeof cols[0], cols);
	while ((rc = db_step(st)) == DB_ROW) {
		char *when =
		    era_when(db_column_text(st, 5), db_column_text(st, 6), db_column_int(st, 7));

		table_add_row(t, (const char *const[]){db_column_text(st, 0), db_column_text(st, 1),
		                                       db_column_text(st, 2), db_column_text(st, 3),
		                                       db_column_text(st, 4), when});
		free(when);
	}
	return table_finish(t, db, st, rc, cause);
}
