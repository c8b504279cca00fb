/* models/consult/generate.c: the 30-minute slots of each venue's weekly hours created over a
 * range of days, leaving out national holidays, the yearly closure and what an imported
 * closure covers. */
#include "config.h"
#include "models/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/consult/internal.h"
#include "models/staff/staff.h"

int
slots_generate(struct db *db, const char *venue_code, const struct date *from,
               const struct date *to, const char *spec, const struct closed_days *yearly,
               const struct date *today, const char *actor, struct slot_gen_result *r, char **cause)
{
	struct slot_venue_list venues = {0};
	struct closed_days dflt;
	db_stmt *closed = NULL, *ins = NULL;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (date_cmp(from, today) < 0) {
		char *d = date_iso(today);

		set_cause(cause, _("slots are generated from today (%s) on, not in the past"), d);
		free(d);
		return -1;
	}
	if (date_cmp(to, from) < 0) {
		set_cause(cause, "%s", _("the last day is before the first"));
		return -1;
	}
	struct date lim = date_add_days(from, SLOT_MAX_DAYS - 1);

	if (date_cmp(to, &lim) > 0) {
		set_cause(cause, _("at most %d days at a time"), SLOT_MAX_DAYS);
		return -1;
	}
	if (spec != NULL && venue_code == NULL) {
		set_cause(cause, "%s", _("a template given for one run needs the venue it is for"));
		return -1;
	}
	if (yearly == NULL) {
		settings_closed_parse(SETTINGS_DEFAULT_CLOSED, &dflt, NULL);
		yearly = &dflt;
	}
	if (slot_venues(db, 1, &venues, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		goto out;
	closed = db_prepare(
	    db, "SELECT 1 FROM closures c WHERE " SQL_CLOSURE_COVERS("?1", "?2", "?3") " LIMIT 1",
	    cause);
	ins = db_prepare(db,
	                 "INSERT INTO consultation_slots (date, venue_id, start) VALUES (?1,?2,?3) "
	                 "ON CONFLICT DO NOTHING",
	                 cause);
	if (closed == NULL || ins == NULL)
		goto fail;
	/* Every venue at once is no change for an account limited to some. */
	if (venue_code == NULL && staff_may_write_venue(db, actor, 0, cause) != 0)
		goto fail;
	int found = venue_code == NULL;

	for (size_t i = 0; i < venues.n; i++) {
		struct slot_venue *v = &venues.v[i];
		struct slot_template t;
		const char *use = v->spec;

		if (venue_code != NULL) {
			if (strcmp(v->code, venue_code) != 0)
				continue;
			found = 1;
			if (staff_may_write_venue(db, actor, v->id, cause) != 0)
				goto fail;
			if (spec != NULL)
				use = spec;
			if (use == NULL) {
				set_cause(
				    cause,
				    _("venue %s has no slot template; set one first (for example "
				      "'sumaho slots template %s \"tue,thu 10:00-12:00 "
				      "13:00-16:00\"')"),
				    v->code, v->code);
				goto fail;
			}
		} else if (use == NULL)
			continue;
		if (slot_template_parse(use, &t, cause) != 0)
			goto fail;
		for (struct date d = *from; date_cmp(&d, to) <= 0; d = date_add_days(&d, 1)) {
			int wd = date_weekday(&d);
			char iso[11];

			if (t.n[wd] == 0)
				continue;
			r->days++;
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year, d.month, d.day);
			/* A holiday or a day of the yearly closure is closed all day, to every
			 * venue; an imported closure may take part of a day or one venue. */
			long *whole = holiday_name(&d) != NULL             ? &r->holiday
			              : settings_closed_covers(yearly, &d) ? &r->yearly
			                                                   : NULL;

			for (int k = 0; k < t.n[wd]; k++)
				for (int m = t.p[wd][k].from; m + SLOT_MINUTES <= t.p[wd][k].to;
				     m += SLOT_MINUTES) {
					char hm[16];

					if (whole != NULL) {
						(*whole)++;
						r->closed++;
						continue;
					}
					snprintf(hm, sizeof hm, "%02d:%02d", m / 60, m % 60);
					db_reset(closed);
					db_bind_text(closed, 1, iso);
					db_bind_int64(closed, 2, v->id);
					db_bind_text(closed, 3, hm);
					int step = db_step(closed);

					if (step == DB_ROW) {
						r->imported++;
						r->closed++;
						continue;
					}
					if (step != DB_DONE) {
						db_cause(db, cause, _("database error"));
						goto fail;
					}
					db_reset(ins);
					db_bind_text(ins, 1, iso);
					db_bind_int64(ins, 2, v->id);
					db_bind_text(ins, 3, hm);
					if (db_step(ins) != DB_DONE) {
						db_cause(db, cause, _("cannot create the slot"));
						goto fail;
					}
					if (db_changes(db) > 0)
						r->created++;
					else
						r->existing++;
				}
		}
	}
	if (!found) {
		set_cause(cause, _("no venue with code '%s'"), venue_code);
		goto fail;
	}
	char *a = date_iso(from), *b = date_iso(to);
	char *detail = xasprintf("%s..%s %s: %ld created, %ld existing, %ld closed (%ld holiday, "
	                         "%ld yearly, %ld imported)",
	                         a, b, venue_code ? venue_code : "*", r->created, r->existing,
	                         r->closed, r->holiday, r->yearly, r->imported);

	free(a);
	free(b);
	rc = db_audit(db, actor, "generate", "slots", 0, detail, cause);
	free(detail);
	if (rc != 0 || db_commit(db, cause) != 0) {
		rc = -1;
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	db_rollback(db);
	memset(r, 0, sizeof *r);
out:
	db_finalize(closed);
	db_finalize(ins);
	slot_venue_list_free(&venues);
	return rc;
}
