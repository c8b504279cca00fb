/* Unit tests for models/settings.c. */
#include "config.h"

#include <stdlib.h>

#include "models/core/settings.h"
#include "tests/tap.h"
#include "tests/unit/testutil.h"

/* The user's configuration file and the default database are where they should be. */
static void
paths_are(const char *user, const char *db, const char *what)
{
	char *u = settings_user_path(), *d = settings_default_db_path();

	is_str(u, user, "%s: the configuration file", what);
	is_str(d, db, "%s: the database", what);
	free(u);
	free(d);
}

int
main(void)
{
	struct settings s;
	char *cause = NULL, *p;
	const char *path;

	test_tmpdir();
	settings_init(&s);
	is_int(s.language, LANG_AUTO, "language defaults to auto");
	is_int(s.busy_timeout_ms, 5000, "busy timeout defaults to 5 s");

	path = test_file("good.ini", "; comment\n# another\n[general]\nlanguage = en\n"
	                             "date_style = era\n\n[display]\ncolour = no\n"
	                             "[database]\npath = data/x.db\nbusy_timeout_ms = 2500\n");
	is_int(settings_load_file(&s, path, 1, &cause), 0, "reads a good file");
	is_int(s.language, LANG_EN, "language = en");
	is_int(s.date_style, DATE_ERA, "date_style = era");
	is_int(s.colour, COLOUR_OFF, "colour = no");
	is_int(s.busy_timeout_ms, 2500, "busy_timeout_ms = 2500");
	p = strrchr(s.db_path, '/');
	ok(s.db_path[0] == '/' && p && strcmp(p, "/x.db") == 0 && strstr(s.db_path, test_dir),
	   "a relative database path is taken from the file's directory");
	is_int(s.warnings.n, 0, "no warnings");
	is_int(s.files.n, 1, "the file is listed as read");

	path =
	    test_file("unknown.ini", "[general]\nlanguage = ja\ncolor = yes\n[kiosk]\nidle = 3\n");
	is_int(settings_load_file(&s, path, 1, &cause), 0, "unknown keys do not stop the file");
	is_int(s.language, LANG_JA, "known keys still apply");
	is_int(s.warnings.n, 2, "two warnings");
	ok(s.warnings.n == 2 && strstr(s.warnings.v[0], "unknown.ini:3: unknown key 'color' in "
	                                                "section [general]") != NULL,
	   "the warning names the file, line and key");
	ok(s.warnings.n == 2 && strstr(s.warnings.v[1], ":5: unknown key 'idle' in section "
	                                                "[kiosk]") != NULL,
	   "and the second one's line");

	path = test_file("badvalue.ini",
	                 "[general]\nlanguage = fr\n[database]\nbusy_timeout_ms = -1\n");
	is_int(settings_load_file(&s, path, 1, &cause), 0, "bad values do not stop the file");
	is_int(s.language, LANG_JA, "a bad value leaves the setting as it was");
	ok(s.warnings.n == 4 && strstr(s.warnings.v[2], "badvalue.ini:2: key 'language' in section "
	                                                "[general]: invalid value 'fr'") != NULL,
	   "the warning names the file, line, key and value");

	settings_free(&s);
	settings_init(&s);
	path = test_file("syntax.ini", "[general]\nlanguage = en\nthis line has no equals sign\n");
	is_int(settings_load_file(&s, path, 1, &cause), -1,
	       "a syntax error makes the file unusable");
	ok(cause && strstr(cause, "syntax.ini:3: expected 'key = value'"), "naming file and line");
	is_int(s.language, LANG_AUTO, "nothing of that file is applied");
	is_int(s.files.n, 0, "and it is not listed as read");

	path = test_file("section.ini", "[general\nlanguage = en\n");
	is_int(settings_load_file(&s, path, 1, &cause), -1, "a broken section header");
	ok(cause && strstr(cause, "section.ini:1: malformed section header"), "names line 1");

	path = test_file("utf8.ini", "[general]\nlanguage = \xFF\n");
	is_int(settings_load_file(&s, path, 1, &cause), -1, "invalid UTF-8");
	ok(cause && strstr(cause, "utf8.ini:2: not valid UTF-8"), "names line 2");

	is_int(settings_load_file(&s, "/nonexistent/sumaho.ini", 0, &cause), 1,
	       "an optional file that is absent is skipped");
	is_int(settings_load_file(&s, "/nonexistent/sumaho.ini", 1, &cause), -1,
	       "a required file that is absent is an error");
	ok(cause && strstr(cause, "/nonexistent/sumaho.ini: cannot open"), "naming the file");
	is_int(settings_load_file(&s, test_dir, 1, &cause), -1, "a directory is not a file");

	setenv("XDG_CONFIG_HOME", "/x/config", 1);
	setenv("XDG_DATA_HOME", "/x/data", 1);
	paths_are("/x/config/sumaho/sumaho.ini", "/x/data/sumaho/sumaho.db",
	          "user file and database under XDG_CONFIG_HOME and XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/staff", 1);
	paths_are("/home/staff/.config/sumaho/sumaho.ini",
	          "/home/staff/.local/share/sumaho/sumaho.db",
	          "or under ~/.config and ~/.local/share");

	free(cause);
	cause = NULL;
	/* [consultations] closed: the year-end closure by default, ranges over the new year. */
	{
		struct closed_days c;
		struct date d;
		char *f;

		f = settings_closed_format(&s.closed);
		is_str(f, "12-29..01-03", "the year-end closure by default");
		free(f);
		date_parse("2026-12-31", &d);
		ok(settings_closed_covers(&s.closed, &d), "it holds 12-31");
		date_parse("2027-01-03", &d);
		ok(settings_closed_covers(&s.closed, &d), "and 01-03, over the new year");
		date_parse("2027-01-04", &d);
		ok(!settings_closed_covers(&s.closed, &d), "not 01-04");
		is_int(settings_closed_parse(" 08-13..08-16 ,05-01, 02-29", &c, &cause), 0,
		       "days and ranges, spaces around them");
		f = settings_closed_format(&c);
		is_str(f, "08-13..08-16, 05-01, 02-29", "read as written");
		free(f);
		is_int(settings_closed_parse("", &c, &cause), 0, "an empty list: none");
		is_int(c.n, 0, "no range");
		is_int(settings_closed_parse("12-29..01-03, 13-01", &c, &cause), -1,
		       "a month 13 is refused");
		ok(cause && strstr(cause, "'13-01'"), "naming the part");
		free(cause);
		cause = NULL;
		path = test_file("closed.ini",
		                 "[consultations]\nmonthly_limit = 2\nclosed = 12-29...01-03\n");
		size_t w = s.warnings.n;

		is_int(settings_load_file(&s, path, 1, &cause), 0,
		       "a bad closed list does not stop the file");
		ok(s.warnings.n == w + 1 &&
		       strstr(s.warnings.v[w],
		              "closed.ini:3: key 'closed' in section [consultations]: "
		              "'12-29...01-03' is not a day MM-DD") != NULL,
		   "the warning names the file, the line and the part");
		f = settings_closed_format(&s.closed);
		is_str(f, "12-29..01-03", "and the closure stays as it was");
		free(f);
	}
	/* [lottery] confirm_days and offer_hours: the call-down's deadlines. */
	{
		size_t w = s.warnings.n;

		is_int(s.confirm_days, 7, "winners confirm within 7 days by default");
		is_int(s.offer_hours, 48, "an offer is held 48 hours by default");
		path = test_file("calldown.ini", "[lottery]\nconfirm_days = 0\noffer_hours = 24\n");
		is_int(settings_load_file(&s, path, 1, &cause), 0, "confirm_days and offer_hours");
		is_int(s.confirm_days, 0, "confirm_days = 0: no confirmation");
		is_int(s.offer_hours, 24, "offer_hours = 24");
		path =
		    test_file("badcalldown.ini", "[lottery]\nconfirm_days = -1\noffer_hours = 0\n");
		is_int(settings_load_file(&s, path, 1, &cause), 0,
		       "bad values do not stop the file");
		ok(s.warnings.n == w + 2 && s.confirm_days == 0 && s.offer_hours == 24,
		   "a negative confirm_days and offer_hours 0 are refused, with a warning each");
	}
	/* [kiosk] phone and hours: free text for residents, checked like a field. */
	{
		size_t w;

		ok(s.kiosk_phone == NULL, "no consultation phone by default");
		ok(s.kiosk_hours == NULL, "nor hours");
		path = test_file("phone.ini", "[kiosk]\nphone = 03-5742-6600\n"
		                              "hours = 平日 9:00〜17:00\n");
		is_int(settings_load_file(&s, path, 1, &cause), 0, "a phone and hours are read");
		is_str(s.kiosk_phone, "03-5742-6600", "[kiosk] phone as written");
		is_str(s.kiosk_hours, "平日 9:00〜17:00", "[kiosk] hours as written");
		w = s.warnings.n;
		path = test_file(
		    "badphone.ini",
		    "[kiosk]\nphone = 03\x1b[2J\nhours = "
		    "月曜日から金曜日まで毎日午前九時から午後五時まで。ただし祝日と年末年始"
		    "は休み。電話が混み合うときはしばらくしてからおかけ直しください。"
		    "窓口でも受け付けております。\n");
		is_int(settings_load_file(&s, path, 1, &cause), 0,
		       "bad values do not stop the file");
		ok(s.warnings.n == w + 2 &&
		       strstr(s.warnings.v[w], "badphone.ini:2: key 'phone' in section [kiosk]: "
		                               "contains a control character; ignored") != NULL,
		   "a control character is refused, naming the line");
		ok(s.warnings.n == w + 2 &&
		       strstr(s.warnings.v[w + 1],
		              "badphone.ini:3: key 'hours' in section [kiosk]: "
		              "longer than 80 characters; ignored") != NULL,
		   "and over-long hours");
		is_str(s.kiosk_phone, "03-5742-6600", "the phone stays as it was");
		is_str(s.kiosk_hours, "平日 9:00〜17:00", "and the hours");
		path = test_file("nophone.ini", "[kiosk]\nphone =\n");
		is_int(settings_load_file(&s, path, 1, &cause), 0, "an empty phone");
		ok(s.kiosk_phone == NULL, "is no phone");
	}
	free(cause);
	settings_free(&s);
	return done_testing();
}
