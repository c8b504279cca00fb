/* models/core/settings.c: INI files through iniparser; a line scan finds where each key stands so
 * that every message names the file, the line and the key. */
#include "config.h"
#include "models/core/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "models/core/db.h"
#include "models/core/i18n.h"
#include "models/lottery/lottery.h"
#include "models/core/engine.h"
#include "models/core/text.h"

enum key_type {
	KEY_LANGUAGE,
	KEY_DATE_STYLE,
	KEY_COLOUR,
	KEY_AMBIGUOUS,
	KEY_DB_PATH,
	KEY_DB_URL,
	KEY_DB_GROUP,
	KEY_BUSY_TIMEOUT,
	KEY_ICAL_DOMAIN,
	KEY_APPLICATION_URL,
	KEY_MONTHLY_LIMIT,
	KEY_TOPICS,
	KEY_CLOSED,
	KEY_PRIORITY,
	KEY_WAITING_LIST,
	KEY_MIN_AGE,
	KEY_RESIDENTS_ONLY,
	KEY_CONFIRM_DAYS,
	KEY_OFFER_HOURS,
	KEY_NOTICES_FONT,
	KEY_NOTICES_PHONE,
	KEY_KIOSK_IDLE,
	KEY_KIOSK_WARNING,
	KEY_KIOSK_CLASS_DAYS,
	KEY_KIOSK_SLOT_DAYS,
	KEY_KIOSK_PHONE,
	KEY_KIOSK_HOURS,
	KEY_KIOSK_FONT,
	KEY_KIOSK_FONT_SIZE,
	KEY_LOGIN,
	KEY_MAX_FAILURES,
	KEY_LOCKOUT,
	KEY_IDLE_SIGNOUT,
	KEY_IMPORT_HEADING
};

static const struct known_key {
	const char *section, *key;
	enum key_type type;
} known_keys[] = {
    {"general", "language", KEY_LANGUAGE},
    {"general", "date_style", KEY_DATE_STYLE},
    {"display", "colour", KEY_COLOUR},
    {"display", "ambiguous", KEY_AMBIGUOUS},
    {"database", "path", KEY_DB_PATH},
    {"database", "url", KEY_DB_URL},
    {"database", "group", KEY_DB_GROUP},
    {"database", "busy_timeout_ms", KEY_BUSY_TIMEOUT},
    {"calendar", "domain", KEY_ICAL_DOMAIN},
    {"calendar", "application_url", KEY_APPLICATION_URL},
    {"consultations", "monthly_limit", KEY_MONTHLY_LIMIT},
    {"consultations", "topics", KEY_TOPICS},
    {"consultations", "closed", KEY_CLOSED},
    {"lottery", "priority", KEY_PRIORITY},
    {"lottery", "waiting_list", KEY_WAITING_LIST},
    {"lottery", "min_age", KEY_MIN_AGE},
    {"lottery", "residents_only", KEY_RESIDENTS_ONLY},
    {"lottery", "confirm_days", KEY_CONFIRM_DAYS},
    {"lottery", "offer_hours", KEY_OFFER_HOURS},
    {"notices", "font", KEY_NOTICES_FONT},
    {"notices", "phone", KEY_NOTICES_PHONE},
    {"kiosk", "idle_reset", KEY_KIOSK_IDLE},
    {"kiosk", "idle_warning", KEY_KIOSK_WARNING},
    {"kiosk", "class_days", KEY_KIOSK_CLASS_DAYS},
    {"kiosk", "slot_days", KEY_KIOSK_SLOT_DAYS},
    {"kiosk", "phone", KEY_KIOSK_PHONE},
    {"kiosk", "hours", KEY_KIOSK_HOURS},
    {"kiosk", "font", KEY_KIOSK_FONT},
    {"kiosk", "font_size", KEY_KIOSK_FONT_SIZE},
    {"access", "login", KEY_LOGIN},
    {"access", "max_failures", KEY_MAX_FAILURES},
    {"access", "lockout_seconds", KEY_LOCKOUT},
    {"access", "idle_signout", KEY_IDLE_SIGNOUT},
    /* [import] COLUMN = heading, heading: a site's own names for import's columns. */
    {"import", "ref", KEY_IMPORT_HEADING},
    {"import", "code", KEY_IMPORT_HEADING},
    {"import", "name", KEY_IMPORT_HEADING},
    {"import", "kana", KEY_IMPORT_HEADING},
    {"import", "phone", KEY_IMPORT_HEADING},
    {"import", "birth_year", KEY_IMPORT_HEADING},
    {"import", "resident", KEY_IMPORT_HEADING},
    {"import", "offering", KEY_IMPORT_HEADING},
    {"import", "second_choice", KEY_IMPORT_HEADING},
    {"import", "choice", KEY_IMPORT_HEADING},
    {"import", "applied_at", KEY_IMPORT_HEADING},
    {"import", "channel", KEY_IMPORT_HEADING},
    {"import", "person", KEY_IMPORT_HEADING},
};

/* The plain whole-number keys: their ranges and where they go in struct settings. */
#define INT_KEY(t, l, h, field)                                                                    \
	{                                                                                          \
		t, l, h, offsetof(struct settings, field)                                          \
	}
static const struct {
	enum key_type type;
	long lo, hi;
	size_t offset;
} int_ranges[] = {
    INT_KEY(KEY_KIOSK_IDLE, 20, 3600, kiosk_idle),
    INT_KEY(KEY_KIOSK_WARNING, 5, 120, kiosk_warning),
    INT_KEY(KEY_KIOSK_CLASS_DAYS, 1, 366, kiosk_class_days),
    INT_KEY(KEY_KIOSK_SLOT_DAYS, 1, 31, kiosk_slot_days),
    INT_KEY(KEY_KIOSK_FONT_SIZE, 8, 96, kiosk_font_size),
    INT_KEY(KEY_MAX_FAILURES, 2, 20, max_failures),
    INT_KEY(KEY_LOCKOUT, 10, 86400, lockout_seconds),
    INT_KEY(KEY_IDLE_SIGNOUT, 60, 86400, idle_signout),
    INT_KEY(KEY_BUSY_TIMEOUT, 100, 600000, busy_timeout_ms),
    INT_KEY(KEY_MONTHLY_LIMIT, 0, 62, monthly_limit),
    INT_KEY(KEY_WAITING_LIST, 0, 200, waiting_list),
    INT_KEY(KEY_MIN_AGE, 0, 200, min_age),
    INT_KEY(KEY_CONFIRM_DAYS, 0, 90, confirm_days),
    INT_KEY(KEY_OFFER_HOURS, 1, 720, offer_hours),
};
/* The keys whose value is a string of struct settings, the settings' own (NULL: empty). */
#define TEXT_KEY(t, field)                                                                         \
	{                                                                                          \
		t, offsetof(struct settings, field)                                                \
	}
static const struct {
	enum key_type type;
	size_t offset;
} text_keys[] = {
    TEXT_KEY(KEY_DB_PATH, db_path),
    TEXT_KEY(KEY_DB_GROUP, db_group),
    TEXT_KEY(KEY_ICAL_DOMAIN, ical_domain),
    TEXT_KEY(KEY_APPLICATION_URL, application_url),
    TEXT_KEY(KEY_PRIORITY, priority),
    TEXT_KEY(KEY_NOTICES_FONT, notices_font),
    TEXT_KEY(KEY_NOTICES_PHONE, notices_phone),
    TEXT_KEY(KEY_KIOSK_PHONE, kiosk_phone),
    TEXT_KEY(KEY_KIOSK_HOURS, kiosk_hours),
    TEXT_KEY(KEY_KIOSK_FONT, kiosk_font),
};
/* The keys whose value is one of a few words, the word's index going into an enum (or an int)
 * of struct settings; settings_describe names the value with the same words. */
#define CHOICE_KEY(t, field, ...)                                                                  \
	{                                                                                          \
		t, (const char *const[]){__VA_ARGS__, NULL}, offsetof(struct settings, field)      \
	}
static const struct {
	enum key_type type;
	const char *const *words; /* NULL-terminated */
	size_t offset;
} choice_keys[] = {
    CHOICE_KEY(KEY_LANGUAGE, language, "auto", "ja", "en"),
    CHOICE_KEY(KEY_DATE_STYLE, date_style, "western", "era", "era-short"),
    CHOICE_KEY(KEY_COLOUR, colour, "auto", "yes", "no"),
    CHOICE_KEY(KEY_AMBIGUOUS, ambiguous, "auto", "narrow", "wide"),
    CHOICE_KEY(KEY_RESIDENTS_ONLY, residents_only, "no", "yes"),
    /* There is no "no": once staff accounts exist, sign-in cannot be turned off. */
    CHOICE_KEY(KEY_LOGIN, login, "auto", "yes"),
};
/* The enums set through choice_keys are stored as ints. */
_Static_assert(sizeof(enum lang_pref) == sizeof(int) && sizeof(enum date_style) == sizeof(int) &&
                   sizeof(enum colour_pref) == sizeof(int) &&
                   sizeof(enum ambiguous_pref) == sizeof(int) &&
                   sizeof(enum login_pref) == sizeof(int),
               "choice keys are ints");
#define NKNOWN (sizeof known_keys / sizeof known_keys[0])

/* Cut spaces and tabs from both ends of s, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

void
settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->language = LANG_AUTO;
	s->date_style = DATE_WESTERN;
	s->colour = COLOUR_AUTO;
	s->busy_timeout_ms = 5000;
	s->ical_domain = xstrdup(SETTINGS_DEFAULT_DOMAIN);
	s->monthly_limit = SETTINGS_DEFAULT_MONTHLY_LIMIT;
	s->priority = xstrdup(SETTINGS_DEFAULT_PRIORITY);
	s->waiting_list = 5;
	s->min_age = 65;
	s->residents_only = 1;
	s->confirm_days = 7;
	s->notices_font = xstrdup(SETTINGS_DEFAULT_NOTICES_FONT);
	s->offer_hours = 48;
	s->kiosk_idle = 120;
	s->kiosk_warning = 15;
	s->kiosk_class_days = 60;
	s->kiosk_slot_days = 7;
	s->kiosk_font = xstrdup(SETTINGS_DEFAULT_KIOSK_FONT);
	s->kiosk_font_size = SETTINGS_DEFAULT_KIOSK_FONT_SIZE;
	s->login = LOGIN_AUTO;
	s->max_failures = 5;
	s->lockout_seconds = 300;
	s->idle_signout = 600;
	settings_set_topics(s, SETTINGS_DEFAULT_TOPICS, NULL);
	settings_closed_parse(SETTINGS_DEFAULT_CLOSED, &s->closed, NULL);
	db_files_group((gid_t)-1);
}

int
settings_set_topics(struct settings *s, const char *list, char **cause)
{
	struct strlist topics = {0};
	const char *p = list;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *t = xstrndup(p, len), *word = trim(t);

		if (*word == '\0' || text_has_control(word, NULL) || text_chars(word) > 40) {
			set_cause(cause, _("'%s' is not a topic (1 to 40 characters)"), word);
			free(t);
			strlist_clear(&topics);
			return -1;
		}
		for (size_t i = 0; i < topics.n; i++)
			if (strcmp(topics.v[i], word) == 0) {
				set_cause(cause, _("topic '%s' is listed twice"), word);
				free(t);
				strlist_clear(&topics);
				return -1;
			}
		strlist_add(&topics, xstrdup(word));
		free(t);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (topics.n > 9) {
		set_cause(cause, "%s", _("at most 9 topics, one for each digit key"));
		strlist_clear(&topics);
		return -1;
	}
	strlist_clear(&s->topics);
	s->topics = topics;
	return 0;
}

void
settings_free(struct settings *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++) {
		char **field = (char **)((char *)s + text_keys[i].offset);

		free(*field);
		*field = NULL;
	}
	strlist_clear(&s->files);
	strlist_clear(&s->warnings);
	strlist_clear(&s->topics);
	strlist_clear(&s->import_headings);
}

/* A day MM-DD at *p (any year's, 02-29 included) as month*100+day, moving *p past it; -1. */
static int
month_day(const char **p)
{
	const char *s = *p;
	int m, d;

	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == '-' &&
	      s[3] >= '0' && s[3] <= '9' && s[4] >= '0' && s[4] <= '9'))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (!date_valid(2000, m, d))
		return -1;
	*p = s + 5;
	return m * 100 + d;
}

int
settings_closed_parse(const char *list, struct closed_days *out, char **cause)
{
	struct closed_days c = {0};
	const char *p = list;

	for (;;) {
		const char *part;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' && c.n == 0)
			break;
		part = p;
		int from = month_day(&p), to = from;

		if (from >= 0 && p[0] == '.' && p[1] == '.') {
			p += 2;
			to = month_day(&p);
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (from < 0 || to < 0 || (*p != ',' && *p != '\0')) {
			size_t len = strcspn(part, ",");

			while (len > 0 && (part[len - 1] == ' ' || part[len - 1] == '\t'))
				len--;
			set_cause(cause,
			          _("'%.*s' is not a day MM-DD or a range of days MM-DD..MM-DD"),
			          (int)len, part);
			return -1;
		}
		if (c.n == CLOSED_MAX_RANGES) {
			set_cause(cause, _("at most %d closed days or ranges"), CLOSED_MAX_RANGES);
			return -1;
		}
		c.r[c.n].from = from;
		c.r[c.n].to = to;
		c.n++;
		if (*p == '\0')
			break;
		p++;
	}
	*out = c;
	return 0;
}

int
settings_closed_covers(const struct closed_days *c, const struct date *d)
{
	int md = d->month * 100 + d->day;

	for (int i = 0; i < c->n; i++)
		if (c->r[i].from <= c->r[i].to ? md >= c->r[i].from && md <= c->r[i].to
		                               : md >= c->r[i].from || md <= c->r[i].to)
			return 1;
	return 0;
}

char *
settings_closed_format(const struct closed_days *c)
{
	char *s = xstrdup("");

	for (int i = 0; i < c->n; i++) {
		char *t;

		if (c->r[i].from == c->r[i].to)
			t = xasprintf("%s%s%02d-%02d", s, i ? ", " : "", c->r[i].from / 100,
			              c->r[i].from % 100);
		else
			t = xasprintf("%s%s%02d-%02d..%02d-%02d", s, i ? ", " : "",
			              c->r[i].from / 100, c->r[i].from % 100, c->r[i].to / 100,
			              c->r[i].to % 100);
		free(s);
		s = t;
	}
	return s;
}

/* A home-relative path from an XDG variable or its documented default. */
static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var), *home = getenv("HOME");

	if (base != NULL && base[0] == '/')
		return xasprintf("%s/sumaho/%s", base, leaf);
	if (home == NULL || home[0] == '\0')
		return NULL;
	return xasprintf("%s/%s/sumaho/%s", home, fallback, leaf);
}

char *
settings_user_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "sumaho.ini");
}

char *
settings_default_db_path(void)
{
	return xdg_path("XDG_DATA_HOME", ".local/share", "sumaho.db");
}

/* Where a known key was set in the file being read (0: not set there). */
struct key_lines {
	int line[NKNOWN];
};

/* The error iniparser reports through its callback, kept for a message of our own. */
static char ini_error[512];

static int
ini_error_cb(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ini_error, sizeof ini_error, fmt, ap);
	va_end(ap);
	return 0;
}

/* The next line of f into buf (NUL-terminated, without its LF): 0, or -1 at the end of the
 * file. *len is its length in bytes (NUL bytes included); *cr is set when a CR stands
 * anywhere but just before the LF (a file with CR-only line ends, as old Macs wrote, is one
 * long line); a line of size bytes or more sets *len to size and stops there. */
static int
read_line(FILE *f, char *buf, size_t size, size_t *len, int *cr)
{
	int ch, prev = EOF;

	*len = 0;
	*cr = 0;
	while ((ch = getc(f)) != EOF && ch != '\n') {
		if (prev == '\r')
			*cr = 1;
		if (*len + 1 < size)
			buf[*len] = (char)ch;
		if (++*len >= size || *cr)
			break;
		prev = ch;
	}
	buf[*len < size ? *len : size - 1] = '\0';
	return ch == EOF && *len == 0 ? -1 : 0;
}

/* Check the file's shape line by line; record known keys' lines and warn about unknown ones. */
static int
scan_file(struct settings *s, const char *path, FILE *f, struct key_lines *kl, char **cause)
{
	char buf[4096], section[128] = "";
	int lineno = 0, cr;
	size_t len;

	while (read_line(f, buf, sizeof buf, &len, &cr) == 0) {
		char *line, *eq;

		lineno++;
		/* A NUL ends the text iniparser sees: the rest of the line would vanish. */
		if (memchr(buf, '\0', len < sizeof buf ? len : sizeof buf - 1) != NULL) {
			set_cause(cause, _("%s:%d: a NUL byte; the file is not text"), path,
			          lineno);
			return -1;
		}
		if (cr) {
			set_cause(cause,
			          _("%s:%d: a line ends with a CR alone (old Mac line ends); save "
			            "the file with LF or CRLF line ends"),
			          path, lineno);
			return -1;
		}
		if (len >= sizeof buf) {
			set_cause(cause, _("%s:%d: line too long"), path, lineno);
			return -1;
		}
		if (text_invalid_at(buf, strlen(buf)) >= 0) {
			set_cause(cause, _("%s:%d: not valid UTF-8"), path, lineno);
			return -1;
		}
		line = trim(buf);
		if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			line += 3;
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			char *end = strchr(line, ']');

			if (end == NULL || end == line + 1 ||
			    (size_t)(end - line) >= sizeof section) {
				set_cause(cause, _("%s:%d: malformed section header '%s'"), path,
				          lineno, line);
				return -1;
			}
			*end = '\0';
			snprintf(section, sizeof section, "%s", trim(line + 1));
			for (char *p = section; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			continue;
		}
		eq = strchr(line, '=');
		if (eq == NULL || eq == line) {
			set_cause(cause,
			          _("%s:%d: expected 'key = value' or '[section]', found '%s'"),
			          path, lineno, line);
			return -1;
		}
		*eq = '\0';
		char *key = trim(line);
		size_t k;

		for (k = 0; k < NKNOWN; k++)
			if (strcmp(known_keys[k].section, section) == 0 &&
			    strcasecmp(known_keys[k].key, key) == 0)
				break;
		if (k == NKNOWN)
			strlist_addf(&s->warnings,
			             _("%s:%d: unknown key '%s' in section [%s], ignored"), path,
			             lineno, key, section);
		else
			kl->line[k] = lineno;
	}
	if (ferror(f)) {
		set_cause(cause, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The index in choice_keys of the choice key of this type. */
static int
choice_of(enum key_type type)
{
	int i = 0;

	while (choice_keys[i].type != type)
		i++;
	return i;
}

/* The word naming the value of the choice key of this type in s. */
static const char *
choice_word(const struct settings *s, enum key_type type)
{
	int i = choice_of(type);

	return choice_keys[i].words[*(const int *)((const char *)s + choice_keys[i].offset)];
}

/* Warn that key k at path:lineno was ignored because of why, which this frees. */
static void
warn_key(struct settings *s, const char *path, int lineno, const struct known_key *k, char *why)
{
	strlist_addf(&s->warnings, _("%s:%d: key '%s' in section [%s]: %s; ignored"), path, lineno,
	             k->key, k->section, why);
	free(why);
}

/* Apply one known key's value; a bad value is a warning and the setting keeps its value. */
static void
apply_key(struct settings *s, const char *path, int lineno, const struct known_key *k,
          const char *v)
{
	char *end;
	long n;

	switch (k->type) {
	case KEY_LANGUAGE:
	case KEY_DATE_STYLE:
	case KEY_COLOUR:
	case KEY_AMBIGUOUS:
	case KEY_RESIDENTS_ONLY:
	case KEY_LOGIN: {
		int c = choice_of(k->type);

		for (int w = 0; choice_keys[c].words[w] != NULL; w++)
			if (strcasecmp(v, choice_keys[c].words[w]) == 0) {
				*(int *)((char *)s + choice_keys[c].offset) = w;
				return;
			}
		goto bad;
	}
	case KEY_DB_URL:
		/* PostgreSQL: a postgresql:// URI or a libpq connection string, taken as written;
		 * the password comes from ~/.pgpass or the environment, as libpq finds it. */
		if (!pg_is_conninfo(v))
			goto bad;
		free(s->db_path);
		s->db_path = xstrdup(v);
		return;
	case KEY_DB_PATH:
		if (*v == '\0')
			goto bad;
		free(s->db_path);
		if (v[0] == '/' || pg_is_conninfo(v))
			s->db_path = xstrdup(v);
		else {
			/* A relative path is taken from the directory of the file that names it. */
			const char *slash = strrchr(path, '/');

			if (slash == NULL)
				s->db_path = xstrdup(v);
			else
				s->db_path = xasprintf("%.*s/%s", (int)(slash - path), path, v);
		}
		return;
	case KEY_DB_GROUP: {
		/* Checked by settings_load_file before anything of the file is applied. */
		struct group *g = getgrnam(v);

		if (g == NULL)
			goto bad;
		free(s->db_group);
		s->db_group = xstrdup(v);
		db_files_group(g->gr_gid);
		return;
	}
	case KEY_ICAL_DOMAIN:
		/* A host name: letters, digits, '-' and '.', as UIDs carry it everywhere. */
		if (*v == '\0' || strlen(v) > 253 ||
		    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") !=
		        strlen(v))
			goto bad;
		free(s->ical_domain);
		s->ical_domain = xstrdup(v);
		return;
	case KEY_APPLICATION_URL:
		if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
			goto bad;
		if (text_has_control(v, NULL) || strchr(v, ' ') != NULL)
			goto bad;
		free(s->application_url);
		s->application_url = xstrdup(v);
		return;
	case KEY_KIOSK_PHONE:
	case KEY_KIOSK_HOURS: {
		/* Free text shown to residents as it is: one line, no controls, short enough for
		 * the kiosk's large type; empty: not shown. */
		char **field = k->type == KEY_KIOSK_PHONE ? &s->kiosk_phone : &s->kiosk_hours;
		char *why = NULL;

		if (text_check_value(v, 0,
		                     k->type == KEY_KIOSK_PHONE ? SETTINGS_KIOSK_PHONE_MAX
		                                                : SETTINGS_KIOSK_HOURS_MAX,
		                     NULL, &why) != 0) {
			warn_key(s, path, lineno, k, why);
			return;
		}
		free(*field);
		*field = *v != '\0' ? xstrdup(v) : NULL;
		return;
	}
	case KEY_IMPORT_HEADING: {
		char *why = NULL;

		if (text_check_value(v, 1, 400, NULL, &why) != 0) {
			warn_key(s, path, lineno, k, why);
			return;
		}
		strlist_addf(&s->import_headings, "%s=%s", k->key, v);
		return;
	}
	case KEY_NOTICES_FONT:
	case KEY_NOTICES_PHONE: {
		/* One line of free text; an empty font is the default, an empty phone none. */
		int font = k->type == KEY_NOTICES_FONT;
		char **field = font ? &s->notices_font : &s->notices_phone;
		char *why = NULL;

		if (text_check_value(v, 0,
		                     font ? SETTINGS_NOTICES_FONT_MAX : SETTINGS_NOTICES_PHONE_MAX,
		                     NULL, &why) != 0) {
			warn_key(s, path, lineno, k, why);
			return;
		}
		free(*field);
		*field = *v != '\0' ? xstrdup(v)
		         : font     ? xstrdup(SETTINGS_DEFAULT_NOTICES_FONT)
		                    : NULL;
		return;
	}
	case KEY_KIOSK_FONT:
		/* A fontconfig family name for the appliance's terminal (sumaho kiosk font):
		 * printable, short, without the characters that would end the name in a font
		 * pattern (':', ',', '=') or in the launcher's command line (quotes). */
		if (*v == '\0' || text_has_control(v, NULL) || strlen(v) > 64 ||
		    strpbrk(v, ":,=\"'\\") != NULL)
			goto bad;
		free(s->kiosk_font);
		s->kiosk_font = xstrdup(v);
		return;
	case KEY_PRIORITY: {
		char *why = NULL;

		if (!lottery_priority_valid(v, &why)) {
			warn_key(s, path, lineno, k, why);
			return;
		}
		free(s->priority);
		s->priority = xstrdup(v);
		return;
	}
	case KEY_KIOSK_IDLE:
	case KEY_KIOSK_WARNING:
	case KEY_KIOSK_CLASS_DAYS:
	case KEY_KIOSK_SLOT_DAYS:
	case KEY_KIOSK_FONT_SIZE:
	case KEY_MAX_FAILURES:
	case KEY_LOCKOUT:
	case KEY_IDLE_SIGNOUT:
	case KEY_BUSY_TIMEOUT:
	case KEY_MONTHLY_LIMIT:
	case KEY_WAITING_LIST:
	case KEY_MIN_AGE:
	case KEY_CONFIRM_DAYS:
	case KEY_OFFER_HOURS: {
		size_t r = 0;

		while (int_ranges[r].type != k->type)
			r++;
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || end == v || n < int_ranges[r].lo ||
		    n > int_ranges[r].hi)
			goto bad;
		*(int *)((char *)s + int_ranges[r].offset) = (int)n;
		return;
	}
	case KEY_TOPICS:
	case KEY_CLOSED: {
		char *why = NULL;

		if (k->type == KEY_TOPICS ? settings_set_topics(s, v, &why) == 0
		                          : settings_closed_parse(v, &s->closed, &why) == 0)
			return;
		warn_key(s, path, lineno, k, why);
		return;
	}
	}
bad:
	strlist_addf(&s->warnings,
	             _("%s:%d: key '%s' in section [%s]: invalid value '%s', ignored"), path,
	             lineno, k->key, k->section, v);
}

int
settings_load_file(struct settings *s, const char *path, int must_exist, char **cause)
{
	struct key_lines kl;
	struct strlist warnings = {0};
	dictionary *d;
	FILE *f;
	int rc;

	/* A FIFO would block the open (for ever, when nothing writes to it) and a device is no
	 * configuration: both are refused before they are opened. */
	if ((f = file_open_regular(path, cause)) == NULL) {
		if (errno == ENOENT && !must_exist) {
			if (cause != NULL) {
				free(*cause);
				*cause = NULL;
			}
			return 1;
		}
		return -1;
	}
	memset(&kl, 0, sizeof kl);
	/* Warnings go to a list of this file's own until the file proves usable. */
	struct strlist saved = s->warnings;
	s->warnings = warnings;
	rc = scan_file(s, path, f, &kl, cause);
	warnings = s->warnings;
	s->warnings = saved;
	fclose(f);
	if (rc != 0) {
		strlist_clear(&warnings);
		return -1;
	}

	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_error_cb);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (d == NULL) {
		strlist_clear(&warnings);
		set_cause(cause, _("%s: cannot be read as an INI file: %s"), path,
		          ini_error[0] ? trim(ini_error) : _("unknown error"));
		return -1;
	}
	/* A group that does not exist is an error, not a warning: files with personal data would
	 * otherwise be made for a group nobody can be in, or silently for the owner only. */
	for (size_t k = 0; k < NKNOWN; k++) {
		char name[128];
		const char *v;

		if (known_keys[k].type != KEY_DB_GROUP || kl.line[k] == 0)
			continue;
		snprintf(name, sizeof name, "%s:%s", known_keys[k].section, known_keys[k].key);
		v = iniparser_getstring(d, name, "");
		if (getgrnam(v) == NULL) {
			set_cause(cause,
			          _("%s:%d: key '%s' in section [%s]: there is no group '%s'"),
			          path, kl.line[k], known_keys[k].key, known_keys[k].section, v);
			iniparser_freedict(d);
			strlist_clear(&warnings);
			return -1;
		}
	}
	for (size_t i = 0; i < warnings.n; i++)
		strlist_add(&s->warnings, warnings.v[i]);
	free(warnings.v);
	for (size_t k = 0; k < NKNOWN; k++) {
		char name[128];
		const char *v;

		if (kl.line[k] == 0)
			continue;
		snprintf(name, sizeof name, "%s:%s", known_keys[k].section, known_keys[k].key);
		v = iniparser_getstring(d, name, NULL);
		if (v != NULL)
			apply_key(s, path, kl.line[k], &known_keys[k], v);
	}
	iniparser_freedict(d);
	strlist_add(&s->files, xstrdup(path));
	return 0;
}

/* The value in s of the key of this type as a configuration file would give it, the caller's;
 * NULL for a key that settings_describe does not show. */
static char *
key_value(const struct settings *s, enum key_type type)
{
	const char *base = (const char *)s;

	for (size_t i = 0; i < sizeof choice_keys / sizeof choice_keys[0]; i++)
		if (choice_keys[i].type == type)
			return xstrdup(choice_word(s, type));
	for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++)
		if (text_keys[i].type == type) {
			const char *v = *(char *const *)(base + text_keys[i].offset);

			return xstrdup(v ? v : "");
		}
	for (size_t i = 0; i < sizeof int_ranges / sizeof int_ranges[0]; i++)
		if (int_ranges[i].type == type)
			return xasprintf("%d", *(const int *)(base + int_ranges[i].offset));
	if (type == KEY_CLOSED)
		return settings_closed_format(&s->closed);
	if (type != KEY_TOPICS)
		return NULL;
	char *topics = xstrdup("");

	for (size_t i = 0; i < s->topics.n; i++) {
		char *t = xasprintf("%s%s%s", topics, i ? ", " : "", s->topics.v[i]);

		free(topics);
		topics = t;
	}
	return topics;
}

void
settings_describe(const struct settings *s, struct strlist *out)
{
	for (size_t k = 0; k < NKNOWN; k++) {
		char *v = key_value(s, known_keys[k].type);

		if (v != NULL)
			strlist_addf(out, "[%s] %s = %s", known_keys[k].section, known_keys[k].key,
			             v);
		free(v);
	}
}
