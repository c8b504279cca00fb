/* models/core/settings.h: settings from INI files (iniparser), validated key by key. */
#ifndef MODELS_CORE_SETTINGS_H
#define MODELS_CORE_SETTINGS_H

#include "models/core/date.h"
#include "models/core/util.h"

enum lang_pref { LANG_AUTO, LANG_JA, LANG_EN };
enum colour_pref { COLOUR_AUTO, COLOUR_ON, COLOUR_OFF };
/* How wide the terminal draws East Asian Ambiguous characters: asked at start-up, or set. */
enum ambiguous_pref { AMBIGUOUS_AUTO, AMBIGUOUS_NARROW, AMBIGUOUS_WIDE };
/* Whether the staff screens ask for a staff login: once staff accounts exist (auto), or always
 * (yes). Nothing turns sign-in off while accounts exist. */
enum login_pref { LOGIN_AUTO, LOGIN_YES };

#define SETTINGS_SYSTEM_PATH "/etc/sumaho/sumaho.ini"
/* The UID domain until [calendar] domain names the city's own. */
#define SETTINGS_DEFAULT_DOMAIN "sumaho.invalid"

/* Days closed every year, as ranges of month*100+day; a range from > to wraps over the new
 * year (1229..103). */
#define CLOSED_MAX_RANGES 16
struct closed_days {
	int n;
	struct {
		int from, to;
	} r[CLOSED_MAX_RANGES];
};

struct settings {
	enum lang_pref language;
	enum date_style date_style;
	enum colour_pref colour;
	enum ambiguous_pref ambiguous;
	char *db_path;  /* NULL until a file or --db sets it */
	char *db_group; /* [database] group: the group of files with personal data, or NULL */
	int busy_timeout_ms;
	char *ical_domain;     /* the right-hand side of every UID */
	char *application_url; /* the online application page, or NULL */
	int monthly_limit;     /* advance consultation bookings a person a month; 0: no limit */
	struct strlist topics; /* consultation topics, as stored in bookings.topic */
	/* [consultations] closed: the days no slots are made on, every year */
	struct closed_days closed;
	char *priority;        /* lottery priority rules, e.g. "lost-before, first-time" */
	int waiting_list;      /* waiting-list places an offering */
	int min_age;           /* applicants' minimum age (0: none) */
	int residents_only;    /* only residents of the city may apply */
	char *notices_font;    /* [notices] font: the fontconfig family of notices and rosters */
	char *notices_phone;   /* [notices] phone: where residents confirm or decline, or NULL */
	int confirm_days;      /* winners confirm by the draw's day + this (0: no confirmation) */
	int offer_hours;       /* hours a waiting person has to take a seat offered */
	int kiosk_idle;        /* seconds without a key before the kiosk starts again */
	int kiosk_warning;     /* seconds of notice before that */
	int kiosk_class_days;  /* the kiosk lists classes this many days ahead */
	int kiosk_slot_days;   /* and free consultation times this many days ahead */
	char *kiosk_phone;     /* the number residents call to apply or book, or NULL */
	char *kiosk_hours;     /* when that phone and the desk answer, free text, or NULL */
	char *kiosk_font;      /* the appliance terminal's font family (fontconfig) */
	int kiosk_font_size;   /* and its size in points */
	enum login_pref login; /* [access] login */
	int max_failures;      /* wrong PINs in a row before an account is locked */
	int lockout_seconds;   /* for how long */
	int idle_signout;      /* seconds without a key before the staff screens sign out */
	/* [import]: "column=heading, heading" for each column a site names its own way */
	struct strlist import_headings;
	struct strlist files;    /* files read, in order */
	struct strlist warnings; /* "FILE:LINE: ..." for unknown keys and bad values */
};

#define SETTINGS_DEFAULT_MONTHLY_LIMIT 2
#define SETTINGS_DEFAULT_TOPICS        "line, photos, settings, online, scam, other"
#define SETTINGS_DEFAULT_PRIORITY      "lost-before, first-time"
#define SETTINGS_DEFAULT_CLOSED        "12-29..01-03"
#define SETTINGS_DEFAULT_NOTICES_FONT  "IPAexGothic"
/* The longest [kiosk] phone and hours, in characters. */
#define SETTINGS_KIOSK_PHONE_MAX 40
#define SETTINGS_KIOSK_HOURS_MAX 80
/* The longest [notices] font and phone, in characters. */
#define SETTINGS_NOTICES_FONT_MAX  100
#define SETTINGS_NOTICES_PHONE_MAX 40
/* The appliance's terminal font: IPAGothic (fonts-ipafont-gothic) at 28 pt gives 67 x 18
 * cells on a 1280 x 720 display. */
#define SETTINGS_DEFAULT_KIOSK_FONT      "IPAGothic"
#define SETTINGS_DEFAULT_KIOSK_FONT_SIZE 28

/* Set every setting to its default. */
void settings_init(struct settings *s);
/* Release what settings_init and settings_load_file allocated; s itself is the caller's. */
void settings_free(struct settings *s);
/* Read one INI file over the current settings. Returns 0 when read, 1 when the file does not
 * exist and must_exist is 0, -1 with *cause ("FILE:LINE: ...") when it cannot be used; then
 * nothing of that file is applied. */
int settings_load_file(struct settings *s, const char *path, int must_exist, char **cause);
/* Replace the consultation topics by a comma-separated list; -1 with *cause if one is empty,
 * too long, repeated, or there are more than 9. */
int settings_set_topics(struct settings *s, const char *list, char **cause);
/* Parse a list of days closed every year, such as "12-29..01-03, 08-13..08-16, 05-01": days
 * MM-DD or ranges MM-DD..MM-DD separated by ',' (an empty list: none). 0, or -1 with *cause
 * naming the part that is wrong and out unchanged. */
int settings_closed_parse(const char *list, struct closed_days *out, char **cause);
/* Nonzero when one of c's ranges holds d. */
int settings_closed_covers(const struct closed_days *c, const struct date *d);
/* The list in the form settings_closed_parse reads; a new string. */
char *settings_closed_format(const struct closed_days *c);
/* $XDG_CONFIG_HOME/sumaho/sumaho.ini (or ~/.config/...); a new string, NULL without a home. */
char *settings_user_path(void);
/* $XDG_DATA_HOME/sumaho/sumaho.db (or ~/.local/share/...); a new string, NULL without a home. */
char *settings_default_db_path(void);
/* Append "[section] key = value" lines describing the settings in effect. */
void settings_describe(const struct settings *s, struct strlist *out);

#endif
