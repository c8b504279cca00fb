/* Unit tests for the kiosk's models: the guard that refuses personal columns, what
 * kiosk_load reads from the demo, the theme's contrast; and staff accounts: PIN rules,
 * Argon2id hashes, sign-in, lock-out and the audit log. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/db.h"
#include "models/core/i18n.h"
#include "models/transfer/transfer.h"
#include "models/kiosk/kiosk.h"
#include "models/audit/audit.h"
#include "models/staff/staff.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

static int
prepares(struct db *db, const char *sql)
{
	db_stmt *st = db_prepare(db, sql, NULL);

	db_finalize(st);
	return st != NULL;
}

static void
test_guard(struct db *db)
{
	kiosk_guard(db, 1);
	ok(!prepares(db, "SELECT name FROM people"), "guarded: people's names cannot be read");
	ok(!prepares(db, "SELECT count(*) FROM people WHERE phone LIKE '03%'"),
	   "nor their phone numbers, even to count");
	ok(!prepares(db, "SELECT person_id FROM bookings"), "nor who booked a slot");
	ok(!prepares(db, "SELECT a.status FROM applications a JOIN people p ON p.id = a.person_id"),
	   "nor who applied");
	ok(!prepares(db, "SELECT detail FROM audit_log"), "nor the audit log");
	ok(!prepares(db, "SELECT pin_hash FROM staff"), "nor the staff's PIN hashes");
	ok(prepares(db, "SELECT count(*) FROM applications WHERE status = 'won'"),
	   "counting applications by status is allowed");
	ok(prepares(db, "SELECT slot_id FROM bookings WHERE status <> 'cancelled'"),
	   "and whether a slot is booked");
	kiosk_guard(db, 0);
	ok(prepares(db, "SELECT name FROM people"), "unguarded, the staff's queries work again");
}

static void
test_load(struct db *db)
{
	struct date today = {2026, 11, 24};
	struct kiosk_view v;
	char *cause = NULL;
	int seen[KIOSK_CANCELLED + 1] = {0};

	kiosk_guard(db, 1);
	ok(kiosk_load(db, &today, 9 * 60, 60, 7, &v, &cause) == 0,
	   "kiosk_load works under the guard (%s)", cause ? cause : "");
	kiosk_guard(db, 0);
	is_int((long)v.nclasses, 5L, "the demo's five upcoming classes");
	for (size_t i = 0; i < v.nclasses; i++)
		seen[v.classes[i].seats]++;
	ok(seen[KIOSK_OPEN] == 1 && seen[KIOSK_FEW] == 1 && seen[KIOSK_LOTTERY] == 1 &&
	       seen[KIOSK_CLOSED] == 1 && seen[KIOSK_NOT_YET] == 1,
	   "one of each: seats left, few left, more applicants than seats, closed, not open yet");
	for (size_t i = 0; i < v.nclasses; i++) {
		const struct kiosk_class *c = &v.classes[i];

		if (strcmp(c->offering, "onepoint-android-202611") == 0) {
			is_int((long)c->applicants, 9L, "残りわずか: 9 applied");
			is_int((long)c->capacity, 10L, "for 10 seats");
		}
		if (strcmp(c->offering, "trial-202611") == 0)
			ok(c->applicants == 11 && c->capacity == 8 && c->seats == KIOSK_LOTTERY,
			   "11 applied for 8 seats, the window open: a lottery, not full");
		if (strcmp(c->offering, "intro-iphone-202611") == 0) {
			is_int((long)c->nsessions, 3L, "a course of three sessions lists them all");
			is_str(c->bring, "ご自分のiPhone、筆記用具", "with what to bring");
		}
	}
	ok(v.nvenues == 2, "two venues have consultation slots");
	for (size_t i = 0; i < v.nvenues; i++) {
		ok(v.venues[i].ndays > 0 && v.venues[i].free > 0, "%s has free times",
		   v.venues[i].name);
		if (v.venues[i].ndays > 0 && date_cmp(&v.venues[i].days[0].date, &today) == 0)
			for (size_t j = 0; j < v.venues[i].days[0].times.n; j++)
				ok(strcmp(v.venues[i].days[0].times.v[j], "09:00") > 0,
				   "today's %s has not begun", v.venues[i].days[0].times.v[j]);
	}
	kiosk_view_free(&v);
	free(cause);

	/* As many applicants as seats is full: nobody is drawn out. */
	db_exec(db, "UPDATE offerings SET capacity = 11 WHERE code = 'trial-202611'", NULL);
	kiosk_load(db, &today, -1, 60, 7, &v, NULL);
	for (size_t i = 0; i < v.nclasses; i++)
		if (strcmp(v.classes[i].offering, "trial-202611") == 0)
			is_int((long)v.classes[i].seats, (long)KIOSK_FULL,
			       "11 applied for 11 seats: full");
	kiosk_view_free(&v);

	/* A cancelled offering shows as cancelled; a drawn one as drawn. */
	db_exec(db,
	        "UPDATE offerings SET status = 'cancelled' WHERE code = 'trial-202611';"
	        "UPDATE applications SET status = 'won' WHERE offering_id = (SELECT id FROM"
	        " offerings WHERE code = 'onepoint-iphone-202611')",
	        NULL);
	kiosk_load(db, &today, -1, 60, 7, &v, NULL);
	for (size_t i = 0; i < v.nclasses; i++) {
		if (strcmp(v.classes[i].offering, "trial-202611") == 0)
			is_int((long)v.classes[i].seats, (long)KIOSK_CANCELLED,
			       "a cancelled class says so");
		if (strcmp(v.classes[i].offering, "onepoint-iphone-202611") == 0)
			is_int((long)v.classes[i].seats, (long)KIOSK_DRAWN,
			       "a drawn class says so");
	}
	kiosk_view_free(&v);
}

static void
test_theme(void)
{
	for (int r = 0; r < THEME_COUNT; r++) {
		const struct theme_colours *t = &theme_kiosk[r];
		int32_t fg = theme_xterm_rgb(t->fg), bg = theme_xterm_rgb(t->bg);
		double c = theme_contrast((uint32_t)fg, (uint32_t)bg);

		ok(fg >= 0 && bg >= 0 && c >= 4.5, "theme role %s: contrast %.1f:1 (at least 4.5)",
		   t->name, c);
	}
	is_int((long)theme_xterm_rgb(16), 0x000000L, "xterm 16 is black");
	is_int((long)theme_xterm_rgb(231), 0xffffffL, "xterm 231 is white");
	is_int((long)theme_xterm_rgb(226), 0xffff00L, "xterm 226 is yellow");
	is_int((long)theme_xterm_rgb(210), 0xff8787L, "xterm 210 is #ff8787");
	is_int((long)theme_xterm_rgb(252), 0xd0d0d0L, "xterm 252 is #d0d0d0");
	ok(theme_contrast(0xffffff, 0x000000) > 20.9, "white on black is 21:1");
	ok(theme_contrast(0x777777, 0xffffff) < 4.5, "a mid grey on white fails 4.5:1");
}

static void
test_staff(struct db *db)
{
	char *cause = NULL;
	struct staff who;
	db_stmt *st;

	ok(staff_pin_check("12", &cause) != 0, "a PIN of 2 digits is refused");
	ok(staff_pin_check("12a4", NULL) != 0 && staff_pin_check("1234567890123", NULL) != 0,
	   "letters and 13 digits too");
	ok(staff_pin_check("1111", NULL) != 0 && staff_pin_check("1234", NULL) != 0 &&
	       staff_pin_check("9876", NULL) != 0,
	   "and 1111, 1234, 9876");
	ok(staff_pin_check("2580", NULL) == 0, "2580 is fine");
	free(cause);
	cause = NULL;

	ok(staff_add(db, "sato", "佐藤 一郎", "admin", "2580", "test", &cause) == 0,
	   "an admin is added");
	ok(staff_add(db, "sato", "佐藤 二郎", "reception", "3691", "test", &cause) != 0 && cause &&
	       strstr(cause, "sato") != NULL,
	   "a second sato is refused (%s)", cause ? cause : "");
	free(cause);
	cause = NULL;
	ok(staff_add(db, "bad id", "x", "reception", "3691", "test", &cause) != 0,
	   "a staff ID with a space is refused");
	free(cause);
	cause = NULL;
	ok(staff_add(db, "suzuki", "鈴木", "boss", "3691", "test", &cause) != 0,
	   "an unknown role is refused");
	free(cause);
	cause = NULL;
	ok(staff_add(db, "suzuki", "鈴木", "reception", "3691", "test", &cause) == 0,
	   "a receptionist is added");

	st = db_prepare(db, "SELECT pin_hash FROM staff WHERE login = 'sato'", NULL);
	ok(st != NULL && db_step(st) == DB_ROW &&
	       strncmp(db_column_text(st, 0), "$argon2id$", 10) == 0 &&
	       strstr(db_column_text(st, 0), "2580") == NULL,
	   "the PIN is stored as an Argon2id hash");
	db_finalize(st);
	st = db_prepare(db,
	                "SELECT count(*) FROM staff a, staff b WHERE a.id < b.id AND"
	                " substr(a.pin_hash, 1, 60) = substr(b.pin_hash, 1, 60)",
	                NULL);
	ok(st != NULL && db_step(st) == DB_ROW && db_column_int(st, 0) == 0,
	   "salted: no two hashes share their salt");
	db_finalize(st);

	ok(staff_login(db, "sato", "2580", 3, 60, "test", &who, &cause) == AUTH_OK &&
	       who.role == ROLE_BIT_ADMIN && strcmp(who.login, "sato") == 0,
	   "the right PIN signs in, with the role");
	ok(staff_login(db, "nobody", "2580", 3, 60, "test", &who, &cause) == AUTH_WRONG,
	   "an unknown staff ID is refused like a wrong PIN");
	free(cause);
	cause = NULL;
	for (int i = 0; i < 4; i++)
		staff_login(db, "suzuki", "0000", 0, 60, "kiosk", &who, NULL);
	st = db_prepare(
	    db, "SELECT failed_attempts, locked_until IS NULL FROM staff WHERE login = 'suzuki'",
	    NULL);
	ok(st != NULL && db_step(st) == DB_ROW && db_column_int(st, 0) == 0 &&
	       db_column_int(st, 1) == 1,
	   "with max_failures 0 (the kiosk) wrong PINs neither count nor lock");
	db_finalize(st);
	free(cause);
	cause = NULL;
	ok(staff_login(db, "suzuki", "0000", 3, 60, "test", &who, &cause) == AUTH_WRONG &&
	       who.role == 0,
	   "a wrong PIN is refused, no role given");
	free(cause);
	cause = NULL;
	staff_login(db, "suzuki", "0001", 3, 60, "test", &who, NULL);
	ok(staff_login(db, "suzuki", "0002", 3, 60, "test", &who, &cause) == AUTH_WRONG,
	   "the third wrong PIN in a row is refused");
	ok(db_count(db,
	            "SELECT count(*) FROM staff WHERE login = 'suzuki' AND locked_until > "
	            "strftime('%Y-%m-%dT%H:%M:%SZ','now')",
	            NULL) == 1,
	   "and locks the account");
	char *wrong = cause;

	cause = NULL;
	ok(staff_login(db, "suzuki", "3691", 3, 60, "test", &who, &cause) == AUTH_LOCKED && cause &&
	       wrong && strcmp(cause, wrong) == 0,
	   "then even the right PIN is refused, in the same words as a wrong one (%s)",
	   cause ? cause : "");
	free(wrong);
	free(cause);
	cause = NULL;
	ok(staff_set_pin(db, "suzuki", "3692", "sato", &cause) == 0 &&
	       staff_login(db, "suzuki", "3692", 3, 60, "test", &who, &cause) == AUTH_OK,
	   "a new PIN from the admin lifts the lock");
	ok(staff_set_active(db, "sato", 0, "sato", &cause) != 0,
	   "the last active admin cannot be disabled");
	free(cause);
	cause = NULL;
	ok(staff_set_active(db, "suzuki", 0, "sato", &cause) == 0 &&
	       staff_login(db, "suzuki", "3692", 3, 60, "test", &who, &cause) == AUTH_WRONG,
	   "a disabled account cannot sign in");
	free(cause);
	cause = NULL;
	ok(staff_may(ROLE_BIT_ADMIN, ROLE_BIT_RECEPTION) &&
	       staff_may(ROLE_BIT_RECEPTION, ROLE_BIT_RECEPTION) &&
	       !staff_may(ROLE_BIT_RECEPTION, ROLE_BIT_COORDINATOR),
	   "an admin may do everything, reception only its own");

	struct table *t = audit_list(db, 0, &cause);
	int logins = 0, pins = 0;

	for (size_t i = 0; t != NULL && i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			pins += strstr(table_cell(t, i, j), "2580") != NULL ||
			        strstr(table_cell(t, i, j), "3692") != NULL;
		logins += strncmp(table_cell(t, i, 2), "login", 5) == 0;
	}
	ok(logins >= 7, "every sign-in attempt is audited (%d)", logins);
	is_int((long)pins, 0L, "and no PIN is in the audit log");
	table_free(t);
}

int
main(void)
{
	char *cause = NULL;
	struct strlist errors = {0};
	char path[400];
	struct db *db;

	setlocale(LC_ALL, "C.UTF-8");
	test_tmpdir();
	snprintf(path, sizeof path, "%s/k.db", test_dir);
	db = db_open(path, DB_OPEN_CREATE, 1000, &cause);
	if (db == NULL || db_migrate(db, &cause) < 0 ||
	    import_demo(db, SOURCE_DEMO_DIR, &(struct date){2026, 11, 24}, "test", &errors,
	                &cause) != 0) {
		fprintf(stderr, "cannot make the demo: %s\n", cause ? cause : "");
		return 99;
	}
	strlist_clear(&errors);
	test_guard(db);
	test_load(db);
	test_theme();
	test_staff(db);
	db_close(db);
	return done_testing();
}
