/* models/core/schema.c: migrations, in order; never edit a released one, add the next number. */
#include "config.h"
#include <stddef.h>

#include "models/core/schema.h"

/* Dates are ISO 'YYYY-MM-DD' text that must name a real day: date(d, '+0 days') normalises
 * 2023-02-29 to 2023-03-01 (plain date() does not), so a value that does not survive it
 * unchanged is rejected. Times are 'HH:MM'. */
static const char migration_1[] =
    "CREATE TABLE venues ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),"
    " name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),"
    " address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200),"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"

    "CREATE TABLE courses ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),"
    " title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),"
    " device TEXT NOT NULL CHECK (device IN ('iphone','android','any')),"
    " level TEXT NOT NULL CHECK (level IN ('trial','intro','one-point','advanced')),"
    " description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000));"

    "CREATE TABLE offerings ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),"
    " course_id INTEGER NOT NULL REFERENCES courses(id),"
    " venue_id INTEGER NOT NULL REFERENCES venues(id),"
    " apply_from TEXT NOT NULL CHECK (date(apply_from, '+0 days') IS apply_from),"
    " apply_to TEXT NOT NULL CHECK (date(apply_to, '+0 days') IS apply_to AND apply_to >= "
    "apply_from),"
    " capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),"
    " report_group TEXT NOT NULL DEFAULT '' CHECK (length(report_group) <= 100),"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','cancelled')));"
    "CREATE INDEX offerings_course ON offerings(course_id);"

    "CREATE TABLE sessions ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),"
    " offering_id INTEGER NOT NULL REFERENCES offerings(id),"
    " date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
    " start TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]' AND start < '24:00'),"
    " duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 60 AND 120),"
    " seats INTEGER NOT NULL CHECK (seats BETWEEN 6 AND 10),"
    " status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),"
    " sequence INTEGER NOT NULL DEFAULT 0,"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX sessions_date ON sessions(date, start);"
    "CREATE INDEX sessions_offering ON sessions(offering_id);"

    "CREATE TABLE people ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT UNIQUE CHECK (code IS NULL OR length(code) BETWEEN 1 AND 32),"
    " name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),"
    " kana TEXT NOT NULL DEFAULT '' CHECK (length(kana) <= 60),"
    " name_key TEXT NOT NULL DEFAULT '',"
    " kana_key TEXT NOT NULL DEFAULT '',"
    " phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),"
    " phone_digits TEXT NOT NULL DEFAULT '',"
    " birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),"
    " resident INTEGER NOT NULL DEFAULT 1 CHECK (resident IN (0,1)),"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX people_kana_key ON people(kana_key);"
    "CREATE INDEX people_name_key ON people(name_key);"
    "CREATE INDEX people_phone ON people(phone_digits);"

    "CREATE TABLE applications ("
    " id INTEGER PRIMARY KEY,"
    " ref TEXT UNIQUE CHECK (ref IS NULL OR length(ref) BETWEEN 1 AND 64),"
    " offering_id INTEGER NOT NULL REFERENCES offerings(id),"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " channel TEXT NOT NULL CHECK (channel IN ('counter','phone','postcard','online')),"
    " choice INTEGER NOT NULL DEFAULT 1 CHECK (choice BETWEEN 1 AND 9),"
    " applied_at TEXT NOT NULL CHECK (date(applied_at, '+0 days') IS applied_at),"
    " status TEXT NOT NULL DEFAULT 'applied'"
    "  CHECK (status IN ('applied','won','waiting','lost','cancelled','ineligible','duplicate')),"
    " reason TEXT NOT NULL DEFAULT '',"
    " duplicate_of INTEGER REFERENCES applications(id),"
    " waiting_position INTEGER CHECK (waiting_position IS NULL OR waiting_position > 0),"
    " session_id INTEGER REFERENCES sessions(id));"
    "CREATE INDEX applications_offering ON applications(offering_id, status);"
    "CREATE INDEX applications_person ON applications(person_id);"

    "CREATE TABLE staff ("
    " id INTEGER PRIMARY KEY,"
    " login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),"
    " name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),"
    " role TEXT NOT NULL CHECK (role IN ('reception','coordinator','admin')),"
    " pin_hash TEXT,"
    " failed_attempts INTEGER NOT NULL DEFAULT 0,"
    " locked_until TEXT,"
    " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)));"

    "CREATE TABLE lottery_runs ("
    " id INTEGER PRIMARY KEY,"
    " offering_id INTEGER NOT NULL REFERENCES offerings(id),"
    " seed TEXT NOT NULL CHECK (length(seed) = 64),"
    " algorithm TEXT NOT NULL,"
    " run_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " run_by TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')));"

    "CREATE TABLE lottery_results ("
    " run_id INTEGER NOT NULL REFERENCES lottery_runs(id),"
    " application_id INTEGER NOT NULL REFERENCES applications(id),"
    " tier INTEGER NOT NULL DEFAULT 0,"
    " rank_key TEXT NOT NULL,"
    " position INTEGER NOT NULL,"
    " result TEXT NOT NULL CHECK (result IN ('won','waiting','lost')),"
    " PRIMARY KEY (run_id, application_id));"

    "CREATE TABLE consultation_slots ("
    " id INTEGER PRIMARY KEY,"
    " venue_id INTEGER NOT NULL REFERENCES venues(id),"
    " date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
    " start TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]' AND start < '24:00'),"
    " duration_min INTEGER NOT NULL DEFAULT 30 CHECK (duration_min = 30),"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
    " UNIQUE (venue_id, date, start));"
    "CREATE INDEX slots_date ON consultation_slots(date, venue_id);"

    "CREATE TABLE bookings ("
    " id INTEGER PRIMARY KEY,"
    " slot_id INTEGER NOT NULL REFERENCES consultation_slots(id),"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 40),"
    " status TEXT NOT NULL DEFAULT 'booked'"
    "  CHECK (status IN ('booked','attended','no_show','cancelled')),"
    " walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0,1)),"
    " booked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " booked_by TEXT NOT NULL DEFAULT '');"
    /* One live booking per slot, whatever two terminals try at the same instant. */
    "CREATE UNIQUE INDEX bookings_one_per_slot ON bookings(slot_id) WHERE status <> 'cancelled';"
    "CREATE INDEX bookings_person ON bookings(person_id);"

    "CREATE TABLE attendance ("
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " status TEXT NOT NULL CHECK (status IN ('present','absent','late')),"
    " substitute INTEGER NOT NULL DEFAULT 0 CHECK (substitute IN (0,1)),"
    " recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " PRIMARY KEY (session_id, person_id));"

    "CREATE TABLE audit_log ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    " actor TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " entity TEXT NOT NULL DEFAULT '',"
    " entity_id INTEGER,"
    " detail TEXT NOT NULL DEFAULT '');"

    "PRAGMA user_version = 1;";

/* Calendar support: closures imported from .ics files, and SEQUENCE/DTSTAMP bookkeeping by
 * triggers, so that every path that changes an event (import, screens, later code) bumps it. */
static const char migration_2[] =
    "CREATE TABLE closures ("
    " id INTEGER PRIMARY KEY,"
    " venue_id INTEGER REFERENCES venues(id),"
    " date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
    " from_time TEXT CHECK (from_time IS NULL OR from_time GLOB '[0-2][0-9]:[0-5][0-9]'),"
    " to_time TEXT CHECK (to_time IS NULL OR to_time GLOB '[0-2][0-9]:[0-5][0-9]'),"
    " reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),"
    " uid TEXT NOT NULL,"
    " imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE UNIQUE INDEX closures_once ON closures(uid, date, ifnull(from_time, ''),"
    " ifnull(venue_id, 0));"
    "CREATE INDEX closures_date ON closures(date);"

    "ALTER TABLE bookings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE bookings ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';"
    "UPDATE bookings SET updated_at = booked_at;"
    "CREATE TRIGGER bookings_stamp AFTER INSERT ON bookings WHEN new.updated_at = '' BEGIN"
    " UPDATE bookings SET updated_at = new.booked_at WHERE id = new.id; END;"
    "CREATE TRIGGER bookings_changed AFTER UPDATE OF slot_id, status, topic ON bookings"
    " WHEN (old.slot_id, old.status, old.topic) IS NOT (new.slot_id, new.status, new.topic)"
    " BEGIN UPDATE bookings SET sequence = old.sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = new.id; END;"

    "CREATE TRIGGER sessions_changed AFTER UPDATE OF offering_id, date, start, duration_min,"
    " seats, status ON sessions WHEN (old.offering_id, old.date, old.start, old.duration_min,"
    " old.seats, old.status) IS NOT (new.offering_id, new.date, new.start, new.duration_min,"
    " new.seats, new.status) BEGIN"
    " UPDATE sessions SET sequence = old.sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = new.id; END;"
    "CREATE TRIGGER offerings_changed AFTER UPDATE OF course_id, venue_id ON offerings"
    " WHEN (old.course_id, old.venue_id) IS NOT (new.course_id, new.venue_id) BEGIN"
    " UPDATE sessions SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE offering_id = new.id; END;"
    "CREATE TRIGGER courses_changed AFTER UPDATE OF title, device, description ON courses"
    " WHEN (old.title, old.device, old.description) IS NOT (new.title, new.device,"
    " new.description) BEGIN"
    " UPDATE sessions SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE offering_id IN"
    "  (SELECT id FROM offerings WHERE course_id = new.id); END;"
    "CREATE TRIGGER venues_changed AFTER UPDATE OF name, address ON venues"
    " WHEN (old.name, old.address) IS NOT (new.name, new.address) BEGIN"
    " UPDATE sessions SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE offering_id IN"
    "  (SELECT id FROM offerings WHERE venue_id = new.id); END;"

    "PRAGMA user_version = 2;";

/* Reports over years of data: bookings by slot for the consultation counts. */
static const char migration_3[] = "CREATE INDEX bookings_slot ON bookings(slot_id, status);"
                                  "PRAGMA user_version = 3;";

/* What a calendar shows of an event changes with more than the event's own row: a course's
 * level (CATEGORIES), a venue's name for consultations, a resident's name in the staff's file. */
static const char migration_4[] =
    "DROP TRIGGER courses_changed;"
    "CREATE TRIGGER courses_changed AFTER UPDATE OF title, device, level, description ON courses"
    " WHEN (old.title, old.device, old.level, old.description) IS NOT (new.title, new.device,"
    " new.level, new.description) BEGIN"
    " UPDATE sessions SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE offering_id IN"
    "  (SELECT id FROM offerings WHERE course_id = new.id); END;"
    "CREATE TRIGGER venues_changed_bookings AFTER UPDATE OF name, address ON venues"
    " WHEN (old.name, old.address) IS NOT (new.name, new.address) BEGIN"
    " UPDATE bookings SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE slot_id IN"
    "  (SELECT id FROM consultation_slots WHERE venue_id = new.id); END;"
    "CREATE TRIGGER people_renamed AFTER UPDATE OF name ON people"
    " WHEN old.name IS NOT new.name BEGIN"
    " UPDATE bookings SET sequence = sequence + 1,"
    "  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE person_id = new.id; END;"
    "PRAGMA user_version = 4;";

/* Consultation slots are generated from a weekly template per venue, kept in the database so
 * that every terminal generates the same slots. Search keys now fold half-width katakana and
 * voiced-sound marks: every person's keys are computed again (sumaho_key is registered by
 * db_open). */
static const char migration_5[] =
    "CREATE TABLE slot_templates ("
    " venue_id INTEGER PRIMARY KEY REFERENCES venues(id),"
    " spec TEXT NOT NULL CHECK (length(spec) BETWEEN 1 AND 200),"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " updated_by TEXT NOT NULL DEFAULT '');"
    "UPDATE people SET name_key = sumaho_key(name), kana_key = sumaho_key(kana),"
    " phone_digits = sumaho_digits(phone);"
    "PRAGMA user_version = 5;";

/* Lotteries: a round draws one or more offerings together from one seed; every application in
 * it gets an entry recording the draw's inputs (person, choice, tier, rank: the 32 bytes of
 * SHA-256) and its result, so
 * that the draw can be verified and a re-draw keeps the earlier one. The tables of version 1 for
 * this were never written and are replaced. Applications get a key for duplicate detection. */
static const char migration_6[] =
    "DROP TABLE lottery_results;"
    "DROP TABLE lottery_runs;"
    "CREATE TABLE lottery_rounds ("
    " id INTEGER PRIMARY KEY,"
    " seed TEXT NOT NULL CHECK (length(seed) = 64 AND NOT seed GLOB '*[^0-9a-f]*'),"
    " algorithm TEXT NOT NULL,"
    " priority TEXT NOT NULL DEFAULT '',"
    " waiting_max INTEGER NOT NULL CHECK (waiting_max >= 0),"
    " run_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " run_by TEXT NOT NULL,"
    " superseded_at TEXT,"
    " superseded_by TEXT);"
    "CREATE TABLE lottery_round_offerings ("
    " round_id INTEGER NOT NULL REFERENCES lottery_rounds(id),"
    " offering_id INTEGER NOT NULL REFERENCES offerings(id),"
    " capacity INTEGER NOT NULL,"
    " PRIMARY KEY (round_id, offering_id));"
    "CREATE INDEX lottery_round_offerings_offering ON lottery_round_offerings(offering_id);"
    "CREATE TABLE lottery_entries ("
    " round_id INTEGER NOT NULL REFERENCES lottery_rounds(id),"
    " application_id INTEGER NOT NULL REFERENCES applications(id),"
    " offering_id INTEGER NOT NULL REFERENCES offerings(id),"
    " person_code TEXT NOT NULL,"
    " choice INTEGER NOT NULL,"
    " tier INTEGER NOT NULL,"
    " rank_key BLOB NOT NULL CHECK (length(rank_key) = 32),"
    " result TEXT NOT NULL CHECK (result IN ('won','waiting','lost','ineligible','duplicate')),"
    " position INTEGER,"
    " PRIMARY KEY (round_id, application_id)) WITHOUT ROWID;"
    "ALTER TABLE applications ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';"
    /* An offering's own priority rule ("lost-before+first-time"); '' follows the configuration. */
    "ALTER TABLE offerings ADD COLUMN priority TEXT NOT NULL DEFAULT '';"
    /* A draw rewrites the status of every application: an index holding the status would be
     * rewritten with it. (offering_id, person_id) serves the lookups by offering. */
    "CREATE INDEX applications_offering_person ON applications(offering_id, person_id);"
    "DROP INDEX applications_offering;"
    "PRAGMA user_version = 6;";

/* The lobby kiosk tells residents what to bring to a class. */
static const char migration_7[] =
    "ALTER TABLE courses ADD COLUMN bring TEXT NOT NULL DEFAULT '' CHECK (length(bring) <= 200);"
    "PRAGMA user_version = 7;";

/* The audit log becomes a hash chain: each entry carries the hash of the entry before it and
 * its own fields (db_audit_hash, registered by db_open as sumaho_audit_hash). The entries
 * written before are chained here in id order, so that an upgraded database verifies; the
 * temporary table holds the chain while it is computed one entry after the other. */
static const char migration_8[] =
    "ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';"
    "CREATE TEMP TABLE audit_chain (id INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
    "INSERT INTO audit_chain (id, hash)"
    " WITH RECURSIVE c(id, hash) AS ("
    "  SELECT id, sumaho_audit_hash('', id, at, actor, action, entity, entity_id, detail)"
    "  FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)"
    "  UNION ALL"
    "  SELECT a.id, sumaho_audit_hash(c.hash, a.id, a.at, a.actor, a.action, a.entity,"
    "   a.entity_id, a.detail)"
    "  FROM c JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > c.id))"
    " SELECT id, hash FROM c;"
    "UPDATE audit_log SET hash = (SELECT hash FROM audit_chain WHERE audit_chain.id ="
    " audit_log.id);"
    "DROP TABLE audit_chain;"
    "PRAGMA user_version = 8;";

/* Closed periods: a month whose figures were reported to the city is closed; a change to what
 * it counts then needs an admin and a reason, and each such amendment is kept for the reports
 * (models/periods/ writes both tables). A month reopened keeps its row, with who and why. */
static const char migration_9[] =
    "CREATE TABLE periods ("
    " month TEXT PRIMARY KEY CHECK (date(month || '-01', '+0 days') IS month || '-01'),"
    " closed_at TEXT NOT NULL,"
    " closed_by TEXT NOT NULL,"
    " reopened_at TEXT,"
    " reopened_by TEXT,"
    " reopen_reason TEXT);"
    "CREATE TABLE period_amendments ("
    " id INTEGER PRIMARY KEY,"
    " month TEXT NOT NULL REFERENCES periods(month),"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " actor TEXT NOT NULL,"
    " reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),"
    " what TEXT NOT NULL);"
    "CREATE INDEX period_amendments_month ON period_amendments(month, at);"
    "PRAGMA user_version = 9;";

/* A guarded draw: a round records whether it was drawn before an application window closed
 * (early), and what each offering was drawn with besides its capacity (the window, the
 * offering's own priority rule, its sessions' seats), so that lottery verify can tell when they
 * changed afterwards. Rounds drawn before this version have NULL there and are checked for their
 * capacity only. */
static const char migration_10[] =
    "ALTER TABLE lottery_rounds ADD COLUMN early INTEGER NOT NULL DEFAULT 0"
    " CHECK (early IN (0, 1));"
    "ALTER TABLE lottery_round_offerings ADD COLUMN apply_from TEXT;"
    "ALTER TABLE lottery_round_offerings ADD COLUMN apply_to TEXT;"
    "ALTER TABLE lottery_round_offerings ADD COLUMN priority TEXT;"
    "CREATE TABLE lottery_round_sessions ("
    " round_id INTEGER NOT NULL REFERENCES lottery_rounds(id),"
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " seats INTEGER NOT NULL,"
    " PRIMARY KEY (round_id, session_id)) WITHOUT ROWID;"
    "CREATE INDEX lottery_round_sessions_session ON lottery_round_sessions(session_id);"
    "PRAGMA user_version = 10;";

/* People are found as staff speak: by the given name alone (the word after the first space of
 * the name or kana, folded as the other keys) and by any four or more consecutive digits of
 * their phone number, kept as the phone's suffixes from its second digit on (a prefix of a
 * suffix is a substring; the phone's start is people_phone). The suffixes follow phone_digits
 * by triggers in plain SQL, so that any writer keeps them. */
#define PHONE_PARTS(p, from)                                                                       \
	"SELECT substr(" p ".phone_digits, column1), " p ".id FROM " from "(VALUES (2), (3), (4)," \
	" (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17)) WHERE"          \
	" length(" p ".phone_digits) - column1 >= 3"
static const char migration_11[] =
    "ALTER TABLE people ADD COLUMN given_key TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE people ADD COLUMN kana_given_key TEXT NOT NULL DEFAULT '';"
    "UPDATE people SET given_key = sumaho_given_key(name), kana_given_key ="
    " sumaho_given_key(kana);"
    "CREATE INDEX people_given_key ON people(given_key);"
    "CREATE INDEX people_kana_given_key ON people(kana_given_key);"
    "CREATE TABLE people_phone_parts ("
    " part TEXT NOT NULL,"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " PRIMARY KEY (part, person_id)) WITHOUT ROWID;"
    "CREATE INDEX people_phone_parts_person ON people_phone_parts(person_id);"
    "INSERT OR IGNORE INTO people_phone_parts " PHONE_PARTS(
        "p", "people p, ") ";"
                           "CREATE TRIGGER people_phone_parts_add AFTER INSERT ON people BEGIN"
                           " INSERT OR IGNORE INTO people_phone_parts " PHONE_PARTS(
                               "new",
                               "") "; END;"
                                   "CREATE TRIGGER people_phone_parts_change AFTER UPDATE OF "
                                   "phone_digits ON people"
                                   " WHEN old.phone_digits IS NOT new.phone_digits BEGIN"
                                   " DELETE FROM people_phone_parts WHERE person_id = old.id;"
                                   " INSERT OR IGNORE INTO people_phone_parts " PHONE_PARTS(
                                       "new", "") "; END;"
                                                  "CREATE TRIGGER people_phone_parts_gone BEFORE "
                                                  "DELETE ON people BEGIN"
                                                  " DELETE FROM people_phone_parts WHERE person_id "
                                                  "= old.id; END;"
                                                  "PRAGMA user_version = 11;";

/* Search keys are taken from the NFC form of a name and fold variant kanji (髙 to 高): every
 * person's keys are computed again, so that the duplicate rule and search meet old records as
 * they meet new ones. */
static const char migration_14[] =
    "UPDATE people SET name_key = sumaho_key(name), kana_key = sumaho_key(kana),"
    " given_key = sumaho_given_key(name), kana_given_key = sumaho_given_key(kana);"
    "PRAGMA user_version = 14;";

/* Two records of one person are merged (the other one is kept, pointing at the one kept, so
 * that its code still leads somewhere and is never given to someone else), and a resident's
 * personal data is erased on request (the record stays, anonymous, for the counts). */
static const char migration_12[] =
    "ALTER TABLE people ADD COLUMN merged_into INTEGER REFERENCES people(id);"
    "ALTER TABLE people ADD COLUMN erased_at TEXT;"
    "PRAGMA user_version = 12;";
/* What a cancelled application changed, so that it can be reinstated: for the application's
 * last cancellation (cancel_id), each application it touched with the status, session and
 * waiting place it had before: itself ('cancelled'), the one moved up into its seat
 * ('promoted') and that one's places on other waiting lists, given up for the seat
 * ('dropped'). Written and read by models/lottery/ only. */
static const char migration_13[] =
    "CREATE TABLE application_undo ("
    " cancel_id INTEGER NOT NULL REFERENCES applications(id),"
    " application_id INTEGER NOT NULL REFERENCES applications(id),"
    " what TEXT NOT NULL CHECK (what IN ('cancelled','promoted','dropped')),"
    " status TEXT NOT NULL,"
    " session_id INTEGER REFERENCES sessions(id),"
    " waiting_position INTEGER,"
    " PRIMARY KEY (cancel_id, application_id));"
    "PRAGMA user_version = 13;";

/* After the draw (issue 17): winners confirm by a deadline, and a seat that frees is offered to
 * the next on the waiting list with a deadline of its own, not given at once; each phone call
 * about an offer is kept with when, who called and how it went. An offer belongs to a round
 * (a redraw withdraws the open ones), or to none when the offering's results were recorded
 * without a draw (earlier records imported); its state is open until the person accepts or
 * declines, the deadline passes, or it is withdrawn (the person took a seat elsewhere, or a
 * redraw). */
static const char migration_15[] =
    "ALTER TABLE applications ADD COLUMN confirmed_at TEXT;"
    "ALTER TABLE applications ADD COLUMN confirmed_by TEXT;"
    /* Winners of earlier draws were never asked to confirm: they count as confirmed, by the
     * upgrade, so that lottery expire never takes their seats. */
    "UPDATE applications SET confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    " confirmed_by = 'sumaho' WHERE status = 'won';"
    "CREATE TABLE lottery_offers ("
    " id INTEGER PRIMARY KEY,"
    " round_id INTEGER REFERENCES lottery_rounds(id),"
    " application_id INTEGER NOT NULL REFERENCES applications(id),"
    " session_id INTEGER REFERENCES sessions(id),"
    " freed_by INTEGER REFERENCES applications(id),"
    " why TEXT NOT NULL CHECK (why IN ('cancelled','declined','expired','unconfirmed',"
    "'withdrawn')),"
    " offered_at TEXT NOT NULL,"
    " offered_by TEXT NOT NULL,"
    " deadline TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'open'"
    "  CHECK (state IN ('open','accepted','declined','expired','withdrawn')),"
    " closed_at TEXT,"
    " UNIQUE (round_id, application_id));"
    "CREATE INDEX lottery_offers_application ON lottery_offers(application_id);"
    "CREATE TABLE lottery_calls ("
    " id INTEGER PRIMARY KEY,"
    " offer_id INTEGER NOT NULL REFERENCES lottery_offers(id),"
    " called_at TEXT NOT NULL,"
    " called_by TEXT NOT NULL,"
    " result TEXT NOT NULL CHECK (result IN ('accepted','declined','no-answer','message')));"
    "CREATE INDEX lottery_calls_offer ON lottery_calls(offer_id);"
    "PRAGMA user_version = 15;";

/* The language a resident reads (issue 17): their notices are written in it. Japanese for
 * everyone registered before. */
static const char migration_16[] =
    "ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'ja'"
    " CHECK (language IN ('ja','en'));"
    "PRAGMA user_version = 16;";
/* Several sites (issue 18): a reception account limited to one or more venues books and
 * changes only there and reads the others; an account with no rows here is not limited.
 * Written by models/staff/ only. */
static const char migration_17[] = "CREATE TABLE staff_venues ("
                                   " staff_id INTEGER NOT NULL REFERENCES staff(id),"
                                   " venue_id INTEGER NOT NULL REFERENCES venues(id),"
                                   " PRIMARY KEY (staff_id, venue_id));"
                                   "CREATE INDEX staff_venues_venue ON staff_venues(venue_id);"
                                   "PRAGMA user_version = 17;";
/* Reports from indexes that fit them (issue 19): the few applications waiting and those marked
 * duplicate, each in a partial index, so that a report counts applicants and waiting lists
 * from indexes alone. Partial: a draw rewrites every application's status, and only the rows
 * that become or stop being one of these two touch them (an index holding the status was
 * dropped in migration 6 for that reason). */
static const char migration_19[] =
    "CREATE INDEX applications_waiting ON applications(offering_id) WHERE status = 'waiting';"
    "CREATE INDEX applications_duplicate ON applications(offering_id)"
    " WHERE status = 'duplicate';"
    "PRAGMA user_version = 19;";

/* The kiosk's role on PostgreSQL reads no staff account (issue 18): leaving the kiosk, the PIN
 * is checked by the server, in staff_pin_check, a function that runs as the schema's owner
 * and answers only whether the PIN is right (at the time the program's clock tells it). It compares
 * a second, bcrypt, string of the PIN (pgcrypto's crypt), which models/staff/ writes beside the
 * Argon2id one when a PIN is set. On SQLite the column is only kept, for a copy --to. Numbers 18 to
 * 20 belong to the work on performance (issue 19). */
static const char migration_21[] = "ALTER TABLE staff ADD COLUMN pin_crypt TEXT;"
                                   "PRAGMA user_version = 21;";
static const char migration_21_pg[] =
    "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA sumaho;"
    "ALTER TABLE staff ADD COLUMN pin_crypt text;"
    /* One row whatever the ID: a staff ID that does not exist costs the same bcrypt (of a
     * string no PIN matches) and answers the same as a wrong PIN. */
    "CREATE FUNCTION sumaho.staff_pin_check(p_login text, p_pin text, p_now text)"
    " RETURNS TABLE (id bigint, name text, role text, locked int, ok int)"
    " LANGUAGE sql STABLE SECURITY DEFINER SET search_path = sumaho, public, pg_temp AS $$"
    "  SELECT CASE WHEN m.ok THEN s.id END, CASE WHEN m.ok THEN s.name END,"
    "   CASE WHEN m.ok THEN s.role END, CASE WHEN m.locked THEN 1 ELSE 0 END,"
    "   CASE WHEN m.ok THEN 1 ELSE 0 END"
    "  FROM (SELECT 1) one"
    "  LEFT JOIN sumaho.staff s ON s.login = p_login AND s.active = 1"
    "  CROSS JOIN LATERAL (SELECT coalesce(s.locked_until > p_now, false) AS locked,"
    "   crypt(p_pin, coalesce(s.pin_crypt,"
    "    '$2a$10$oGTn9Kc47gqMlZMB2YEOaeZ2qlnceyzoi9L5QfsPIDCiR1bVI61zy'))"
    "    IS NOT DISTINCT FROM s.pin_crypt"
    "   AND NOT coalesce(s.locked_until > p_now, false) AS ok) m $$;"
    "REVOKE ALL ON FUNCTION sumaho.staff_pin_check(text, text, text) FROM PUBLIC;";
/* The winners of each offering, for what counts the seats taken (a draw's summary and its
 * verification, the waiting list's offers): a partial index holds the winners only, so that
 * a draw rewriting the status of a million applications adds a few thousand entries to it
 * rather than rewriting an index of the status (see migration 6). */
static const char migration_20[] =
    "CREATE INDEX applications_won ON applications(offering_id, session_id) WHERE status ="
    " 'won';"
    "PRAGMA user_version = 20;";

/* Counts kept, not counted (issue 19): the home screen's figures, the lists' lengths and the
 * kiosk's applicants per offering are read from counters that triggers keep as rows come and
 * go, so that neither start-up nor a list's opening reads every row. name is what is counted,
 * id the offering for 'applicants' (0 for the totals). 'bookings' counts those not cancelled,
 * 'applicants' an offering's applications applied, won, waiting or lost (what the kiosk says
 * its seats are wanted by). */
/* clang-format off */
#define COUNTED_STATUS "('applied','won','waiting','lost')"
#define COUNTERS_TABLE \
	"CREATE TABLE counters (" \
	" name TEXT NOT NULL," \
	" id INTEGER NOT NULL DEFAULT 0," \
	" n INTEGER NOT NULL DEFAULT 0," \
	" PRIMARY KEY (name, id));" \
	"INSERT INTO counters (name, id, n) SELECT 'venues', 0, count(*) FROM venues;" \
	"INSERT INTO counters (name, id, n) SELECT 'courses', 0, count(*) FROM courses;" \
	"INSERT INTO counters (name, id, n) SELECT 'offerings', 0, count(*) FROM offerings;" \
	"INSERT INTO counters (name, id, n) SELECT 'sessions', 0, count(*) FROM sessions;" \
	"INSERT INTO counters (name, id, n) SELECT 'people', 0, count(*) FROM people;" \
	"INSERT INTO counters (name, id, n) SELECT 'applications', 0, count(*) FROM applications;" \
	"INSERT INTO counters (name, id, n) SELECT 'slots', 0, count(*) FROM consultation_slots;" \
	"INSERT INTO counters (name, id, n) SELECT 'bookings', 0, count(*) FROM bookings" \
	" WHERE status <> 'cancelled';" \
	"INSERT INTO counters (name, id, n) SELECT 'applicants', o.id, (SELECT count(*) FROM" \
	" applications a WHERE a.offering_id = o.id AND a.status IN " COUNTED_STATUS ")" \
	" FROM offerings o;"
/* SQLite: whether a row's status counts, in comparisons rather than IN (...), for which a
 * trigger builds a table every time it fires (a draw's million updates took five times as
 * long; as comparisons, a quarter as long again as with no trigger). */
#define COUNTS(row) \
	"(" row ".status = 'applied' OR " row ".status = 'won' OR " \
	row ".status = 'waiting' OR " row ".status = 'lost')"
/* SQLite: a row added or removed moves its table's counter. */
#define COUNTED(table, name) \
	"CREATE TRIGGER " table "_counted AFTER INSERT ON " table " BEGIN" \
	" UPDATE counters SET n = n + 1 WHERE name = '" name "' AND id = 0; END;" \
	"CREATE TRIGGER " table "_uncounted AFTER DELETE ON " table " BEGIN" \
	" UPDATE counters SET n = n - 1 WHERE name = '" name "' AND id = 0; END;"
static const char migration_18[] =
    COUNTERS_TABLE
    COUNTED("venues", "venues")
    COUNTED("courses", "courses")
    COUNTED("sessions", "sessions")
    COUNTED("people", "people")
    COUNTED("consultation_slots", "slots")
    "CREATE TRIGGER offerings_counted AFTER INSERT ON offerings BEGIN"
    " UPDATE counters SET n = n + 1 WHERE name = 'offerings' AND id = 0;"
    " INSERT INTO counters (name, id, n) VALUES ('applicants', new.id, 0); END;"
    "CREATE TRIGGER offerings_uncounted AFTER DELETE ON offerings BEGIN"
    " UPDATE counters SET n = n - 1 WHERE name = 'offerings' AND id = 0;"
    " DELETE FROM counters WHERE name = 'applicants' AND id = old.id; END;"
    "CREATE TRIGGER bookings_counted AFTER INSERT ON bookings"
    " WHEN new.status <> 'cancelled' BEGIN"
    " UPDATE counters SET n = n + 1 WHERE name = 'bookings' AND id = 0; END;"
    "CREATE TRIGGER bookings_uncounted AFTER DELETE ON bookings"
    " WHEN old.status <> 'cancelled' BEGIN"
    " UPDATE counters SET n = n - 1 WHERE name = 'bookings' AND id = 0; END;"
    "CREATE TRIGGER bookings_recounted AFTER UPDATE OF status ON bookings"
    " WHEN (old.status = 'cancelled') <> (new.status = 'cancelled') BEGIN"
    " UPDATE counters SET n = n + CASE WHEN new.status = 'cancelled' THEN -1 ELSE 1 END"
    " WHERE name = 'bookings' AND id = 0; END;"
    "CREATE TRIGGER applications_counted AFTER INSERT ON applications BEGIN"
    " UPDATE counters SET n = n + 1 WHERE name = 'applications' AND id = 0;"
    " UPDATE counters SET n = n + 1 WHERE name = 'applicants' AND id = new.offering_id"
    " AND " COUNTS("new") "; END;"
    "CREATE TRIGGER applications_uncounted AFTER DELETE ON applications BEGIN"
    " UPDATE counters SET n = n - 1 WHERE name = 'applications' AND id = 0;"
    " UPDATE counters SET n = n - 1 WHERE name = 'applicants' AND id = old.offering_id"
    " AND " COUNTS("old") "; END;"
    "CREATE TRIGGER applications_recounted AFTER UPDATE OF status, offering_id ON applications"
    " WHEN old.offering_id <> new.offering_id OR " COUNTS("old") " <> " COUNTS("new") " BEGIN"
    " UPDATE counters SET n = n - 1 WHERE name = 'applicants' AND id = old.offering_id"
    " AND " COUNTS("old") ";"
    " UPDATE counters SET n = n + 1 WHERE name = 'applicants' AND id = new.offering_id"
    " AND " COUNTS("new") "; END;"
    "PRAGMA user_version = 18;";
/* PostgreSQL: the same counters kept by trigger functions in schema sumaho (an UPDATE's WHEN
 * is tested without calling the function). */
#define PG_COUNTED(table, name) \
	"CREATE TRIGGER " table "_counted AFTER INSERT OR DELETE ON " table " FOR EACH ROW" \
	" EXECUTE FUNCTION sumaho.count_row('" name "');"
static const char migration_18_pg[] =
    COUNTERS_TABLE
    "CREATE FUNCTION sumaho.count_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  UPDATE counters SET n = n + CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END"
    "   WHERE name = TG_ARGV[0] AND id = 0;"
    "  RETURN NULL; END $$;"
    PG_COUNTED("venues", "venues")
    PG_COUNTED("courses", "courses")
    PG_COUNTED("sessions", "sessions")
    PG_COUNTED("people", "people")
    PG_COUNTED("consultation_slots", "slots")
    "CREATE FUNCTION sumaho.offerings_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "    UPDATE counters SET n = n + 1 WHERE name = 'offerings' AND id = 0;"
    "    INSERT INTO counters (name, id, n) VALUES ('applicants', NEW.id, 0);"
    "  ELSE"
    "    UPDATE counters SET n = n - 1 WHERE name = 'offerings' AND id = 0;"
    "    DELETE FROM counters WHERE name = 'applicants' AND id = OLD.id;"
    "  END IF; RETURN NULL; END $$;"
    "CREATE TRIGGER offerings_counted AFTER INSERT OR DELETE ON offerings FOR EACH ROW"
    " EXECUTE FUNCTION sumaho.offerings_counted();"
    "CREATE TRIGGER bookings_counted AFTER INSERT ON bookings FOR EACH ROW"
    " WHEN (NEW.status <> 'cancelled') EXECUTE FUNCTION sumaho.count_row('bookings');"
    "CREATE TRIGGER bookings_uncounted AFTER DELETE ON bookings FOR EACH ROW"
    " WHEN (OLD.status <> 'cancelled') EXECUTE FUNCTION sumaho.count_row('bookings');"
    "CREATE FUNCTION sumaho.bookings_recounted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  UPDATE counters SET n = n + CASE WHEN NEW.status = 'cancelled' THEN -1 ELSE 1 END"
    "   WHERE name = 'bookings' AND id = 0;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER bookings_recounted AFTER UPDATE OF status ON bookings FOR EACH ROW"
    " WHEN ((OLD.status = 'cancelled') <> (NEW.status = 'cancelled'))"
    " EXECUTE FUNCTION sumaho.bookings_recounted();"
    "CREATE FUNCTION sumaho.applications_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  IF TG_OP <> 'INSERT' THEN"
    "    IF TG_OP = 'DELETE' THEN"
    "      UPDATE counters SET n = n - 1 WHERE name = 'applications' AND id = 0; END IF;"
    "    IF OLD.status IN " COUNTED_STATUS " THEN"
    "      UPDATE counters SET n = n - 1 WHERE name = 'applicants' AND id = OLD.offering_id;"
    "    END IF;"
    "  END IF;"
    "  IF TG_OP <> 'DELETE' THEN"
    "    IF TG_OP = 'INSERT' THEN"
    "      UPDATE counters SET n = n + 1 WHERE name = 'applications' AND id = 0; END IF;"
    "    IF NEW.status IN " COUNTED_STATUS " THEN"
    "      UPDATE counters SET n = n + 1 WHERE name = 'applicants' AND id = NEW.offering_id;"
    "    END IF;"
    "  END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER applications_counted AFTER INSERT OR DELETE ON applications FOR EACH ROW"
    " EXECUTE FUNCTION sumaho.applications_counted();"
    "CREATE TRIGGER applications_recounted AFTER UPDATE OF status, offering_id ON applications"
    " FOR EACH ROW WHEN (OLD.offering_id <> NEW.offering_id OR"
    " (OLD.status IN " COUNTED_STATUS ") <> (NEW.status IN " COUNTED_STATUS "))"
    " EXECUTE FUNCTION sumaho.applications_counted();"
    /* The sessions list reads a window at a time in (date, start, id) order: SQLite's
     * sessions_date holds the row id already, PostgreSQL's index needs it named. */
    "CREATE INDEX sessions_list ON sessions(date, start, id);";
/* A draw on PostgreSQL (issue 18): it writes a million entries and changes a million
 * applications in one transaction. There a foreign key is checked a row at a time, a query
 * each (8 of the 9 µs an entry cost, tests/bench/engines.sh), and an update of a column that
 * an index names, in its key or its WHERE, writes a new entry into every index of the table
 * (2.5 times the cost of one that names none, which PostgreSQL writes beside the old version
 * on the same page). So on PostgreSQL the entries' three references are checked once a
 * statement, for all its rows at once, by triggers (the writers take turns, pg.c's
 * pg_begin, so no row they name goes away meanwhile), and the partial indexes of the status
 * (migrations 19 and 20) are not kept: there a report reads the applications of an offering
 * through applications_offering_person. SQLite keeps both. */
static const char migration_23[] = "PRAGMA user_version = 23;";
/* A table's rows counted once a statement, in place of PG_COUNTED. */
#define PG_COUNTED_ONCE(table, name) \
	"DROP TRIGGER " table "_counted ON " table ";" \
	"CREATE TRIGGER " table "_counted AFTER INSERT ON " table \
	" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT" \
	" EXECUTE FUNCTION sumaho.count_rows('" name "');" \
	"CREATE TRIGGER " table "_uncounted AFTER DELETE ON " table \
	" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT" \
	" EXECUTE FUNCTION sumaho.count_rows('" name "');"
static const char migration_23_pg[] =
    "DROP INDEX applications_waiting; DROP INDEX applications_duplicate;"
    "DROP INDEX applications_won;"
    "ALTER TABLE lottery_entries DROP CONSTRAINT lottery_entries_round_id_fkey,"
    " DROP CONSTRAINT lottery_entries_application_id_fkey,"
    " DROP CONSTRAINT lottery_entries_offering_id_fkey;"
    /* The rows a statement wrote name a round, an application and an offering that exist
     * (planned for their number: EXECUTE; a million applications hashed in memory). */
    "CREATE FUNCTION sumaho.lottery_entries_refer() RETURNS trigger LANGUAGE plpgsql"
    " SECURITY DEFINER SET search_path = sumaho, public, pg_temp SET work_mem = '64MB' AS $$"
    "DECLARE bad text; BEGIN"
    "  EXECUTE 'SELECT CASE WHEN EXISTS (SELECT 1 FROM new_entries n WHERE NOT EXISTS"
    "   (SELECT 1 FROM sumaho.lottery_rounds p WHERE p.id = n.round_id)) THEN ''round_id''"
    "   WHEN EXISTS (SELECT 1 FROM new_entries n WHERE NOT EXISTS"
    "   (SELECT 1 FROM sumaho.applications p WHERE p.id = n.application_id)) THEN ''application_id''"
    "   WHEN EXISTS (SELECT 1 FROM new_entries n WHERE NOT EXISTS"
    "   (SELECT 1 FROM sumaho.offerings p WHERE p.id = n.offering_id)) THEN ''offering_id'' END'"
    "   INTO bad;"
    "  IF bad IS NOT NULL THEN"
    "    RAISE EXCEPTION 'insert or update on table \"lottery_entries\" violates foreign key"
    " constraint \"lottery_entries_%_fkey\"', bad USING ERRCODE = 'foreign_key_violation';"
    "  END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER lottery_entries_inserted AFTER INSERT ON lottery_entries"
    " REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_entries_refer();"
    "CREATE TRIGGER lottery_entries_updated AFTER UPDATE ON lottery_entries"
    " REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_entries_refer();"
    /* A round, an application or an offering that entries name is neither deleted nor
     * renumbered: TG_ARGV[0] is the entries' column that names it. */
    "CREATE FUNCTION sumaho.lottery_entries_referred() RETURNS trigger LANGUAGE plpgsql"
    " SECURITY DEFINER SET search_path = sumaho, public, pg_temp AS $$"
    "DECLARE found boolean; BEGIN"
    "  IF TG_LEVEL = 'ROW' THEN"
    "    EXECUTE format('SELECT EXISTS (SELECT 1 FROM sumaho.lottery_entries WHERE %I = $1)',"
    "     TG_ARGV[0]) INTO found USING OLD.id;"
    "  ELSE"
    "    EXECUTE format('SELECT EXISTS (SELECT 1 FROM old_rows o JOIN sumaho.lottery_entries e"
    "     ON e.%I = o.id)', TG_ARGV[0]) INTO found;"
    "  END IF;"
    "  IF found THEN"
    "    RAISE EXCEPTION 'update or delete on table \"%\" violates foreign key constraint"
    " \"lottery_entries_%_fkey\" on table \"lottery_entries\"', TG_TABLE_NAME, TG_ARGV[0]"
    "     USING ERRCODE = 'foreign_key_violation';"
    "  END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER lottery_entries_round_gone AFTER DELETE ON lottery_rounds"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('round_id');"
    "CREATE TRIGGER lottery_entries_application_gone AFTER DELETE ON applications"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('application_id');"
    "CREATE TRIGGER lottery_entries_offering_gone AFTER DELETE ON offerings"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('offering_id');"
    "CREATE TRIGGER lottery_entries_round_renumbered AFTER UPDATE OF id ON lottery_rounds"
    " FOR EACH ROW WHEN (OLD.id <> NEW.id)"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('round_id');"
    "CREATE TRIGGER lottery_entries_application_renumbered AFTER UPDATE OF id ON applications"
    " FOR EACH ROW WHEN (OLD.id <> NEW.id)"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('application_id');"
    "CREATE TRIGGER lottery_entries_offering_renumbered AFTER UPDATE OF id ON offerings"
    " FOR EACH ROW WHEN (OLD.id <> NEW.id)"
    " EXECUTE FUNCTION sumaho.lottery_entries_referred('offering_id');"
    /* A draw of many offerings adds them to its round in one statement, and its summary
     * reads the round's applications at once: planned without statistics of the new rows
     * (3 where there are 1,000), that took a nested loop through every page of applications
     * (2 s for a million) where a hash join takes 0.07 s. */
    "CREATE FUNCTION sumaho.lottery_round_offerings_added() RETURNS trigger LANGUAGE plpgsql"
    " SECURITY DEFINER SET search_path = sumaho, public, pg_temp AS $$ BEGIN"
    "  IF (SELECT count(*) FROM new_rows) >= 100 THEN"
    "    ANALYZE sumaho.lottery_round_offerings;"
    "  END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER lottery_round_offerings_added AFTER INSERT ON lottery_round_offerings"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.lottery_round_offerings_added();"
    /* The counts (migration 18) once a statement too: there each row's update of the same
     * counter in one transaction walks the versions the ones before it left, as none can go
     * before the commit, so that a COPY of 500,000 people took minutes (copy --to). */
    "CREATE FUNCTION sumaho.count_rows() RETURNS trigger LANGUAGE plpgsql AS $$"
    "DECLARE k bigint; BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "    SELECT count(*) INTO k FROM new_rows;"
    "  ELSE"
    "    SELECT -count(*) INTO k FROM old_rows;"
    "  END IF;"
    "  UPDATE sumaho.counters SET n = n + k WHERE name = TG_ARGV[0] AND id = 0 AND k <> 0;"
    "  RETURN NULL; END $$;"
    PG_COUNTED_ONCE("venues", "venues")
    PG_COUNTED_ONCE("courses", "courses")
    PG_COUNTED_ONCE("sessions", "sessions")
    PG_COUNTED_ONCE("people", "people")
    PG_COUNTED_ONCE("consultation_slots", "slots")
    PG_COUNTED_ONCE("applications", "applications")
    /* An application of a counted status counts for its offering. */
    "CREATE FUNCTION sumaho.applicants_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "    UPDATE sumaho.counters c SET n = c.n + a.k FROM (SELECT offering_id, count(*) AS k"
    "     FROM new_rows WHERE status IN " COUNTED_STATUS " GROUP BY offering_id) a"
    "     WHERE c.name = 'applicants' AND c.id = a.offering_id;"
    "  ELSE"
    "    UPDATE sumaho.counters c SET n = c.n - a.k FROM (SELECT offering_id, count(*) AS k"
    "     FROM old_rows WHERE status IN " COUNTED_STATUS " GROUP BY offering_id) a"
    "     WHERE c.name = 'applicants' AND c.id = a.offering_id;"
    "  END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER applicants_counted AFTER INSERT ON applications"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.applicants_counted();"
    "CREATE TRIGGER applicants_uncounted AFTER DELETE ON applications"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.applicants_counted();"
    /* The bookings not cancelled. */
    "CREATE FUNCTION sumaho.bookings_counted() RETURNS trigger LANGUAGE plpgsql AS $$"
    "DECLARE k bigint; BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "    SELECT count(*) INTO k FROM new_rows WHERE status <> 'cancelled';"
    "  ELSE"
    "    SELECT -count(*) INTO k FROM old_rows WHERE status <> 'cancelled';"
    "  END IF;"
    "  UPDATE sumaho.counters SET n = n + k WHERE name = 'bookings' AND id = 0 AND k <> 0;"
    "  RETURN NULL; END $$;"
    "DROP TRIGGER bookings_counted ON bookings; DROP TRIGGER bookings_uncounted ON bookings;"
    "CREATE TRIGGER bookings_counted AFTER INSERT ON bookings"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.bookings_counted();"
    "CREATE TRIGGER bookings_uncounted AFTER DELETE ON bookings"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.bookings_counted();";
/* clang-format on */

/* A search of the sessions list (pages_search) reads the list in (date, start, id) order from
 * the chosen row until a row's code, date or time matches: with the code in the index that
 * walks the index alone, and reads a row of the table only where one matches (100,000
 * sessions, a hit near the end: 33 ms to 8 ms in SQLite). SQLite names the row id so that the
 * order needs no sorting; PostgreSQL's list index carries the code beside its key. */
static const char migration_24[] = "DROP INDEX sessions_date;"
                                   "CREATE INDEX sessions_date ON sessions(date, start, id, code);"
                                   "PRAGMA user_version = 24;";
static const char migration_24_pg[] =
    "DROP INDEX sessions_list;"
    "CREATE INDEX sessions_list ON sessions(date, start, id) INCLUDE (code);";

/* clang-format off */
/* A draw on PostgreSQL (issue 18), again: it rewrites each of a million applications, and
 * there every CHECK constraint of the table is tested again on each new version of a row,
 * whatever the columns that changed. The day of an application (sumaho.is_date: a regular
 * expression, then the day of its month) cost 0.7 s of the draw's 2.7 s update of 970,000
 * applications; as a domain it is tested on the value written, where a day is written (an
 * INSERT, a COPY, an UPDATE that sets it) and nowhere else, under the same constraint name.
 * The column becomes the domain with no constraint yet (no rewrite of the table), then the
 * domain is given it (every stored day checked once).
 *
 * The entries' references (migration 23) checked in one pass over a statement's rows: a draw's
 * million entries, sorted by application (they come in that order), are merged with the
 * applications' primary key and counted by offering, and the thousand pairs of round and
 * offering are looked up. Its EXISTS tests planned each a nested loop over every row, as a
 * test that stops at the first row found (2 s of a draw's 8.8, tests/bench/engines.sh); a hash
 * of a million applications missed the cache on each probe (1 s); the merge takes 0.6 s. A
 * statement of a few rows is still a few index look-ups. */
static const char migration_25[] = "PRAGMA user_version = 25;";
static const char migration_25_pg[] =
    "CREATE DOMAIN sumaho.day AS text;"
    "ALTER TABLE applications DROP CONSTRAINT applications_applied_at_check,"
    " ALTER COLUMN applied_at TYPE sumaho.day;"
    "ALTER DOMAIN sumaho.day ADD CONSTRAINT applications_applied_at_check"
    " CHECK (sumaho.is_date(VALUE));"
    "CREATE OR REPLACE FUNCTION sumaho.lottery_entries_refer() RETURNS trigger LANGUAGE plpgsql"
    " SECURITY DEFINER SET search_path = sumaho, public, pg_temp SET work_mem = '128MB'"
    " SET enable_hashjoin = off AS $$"
    "DECLARE bad text; BEGIN"
    "  EXECUTE 'WITH g AS (SELECT n.round_id, n.offering_id, bool_or(a.id IS NULL) AS gone"
    "   FROM new_entries n LEFT JOIN sumaho.applications a ON a.id = n.application_id"
    "   GROUP BY n.round_id, n.offering_id)"
    "   SELECT CASE WHEN EXISTS (SELECT 1 FROM g WHERE NOT EXISTS"
    "   (SELECT 1 FROM sumaho.lottery_rounds p WHERE p.id = g.round_id)) THEN ''round_id''"
    "   WHEN EXISTS (SELECT 1 FROM g WHERE gone) THEN ''application_id''"
    "   WHEN EXISTS (SELECT 1 FROM g WHERE NOT EXISTS"
    "   (SELECT 1 FROM sumaho.offerings p WHERE p.id = g.offering_id)) THEN ''offering_id'' END'"
    "   INTO bad;"
    "  IF bad IS NOT NULL THEN"
    "    RAISE EXCEPTION 'insert or update on table \"lottery_entries\" violates foreign key"
    " constraint \"lottery_entries_%_fkey\"', bad USING ERRCODE = 'foreign_key_violation';"
    "  END IF;"
    "  RETURN NULL; END $$;";
/* clang-format on */

/* The rank of an entry is not kept (issue 19): it is SHA-256 of the round's seed, ":" and the
 * entry's person code (sumaho-draw-1), each of which the tables keep; stored, it was 32 of an
 * entry's 67 bytes, written a million times by a large draw and compared by verify with the
 * rank it computes anyway. sumaho_rank(seed, code) gives it where a list is ordered or
 * exported by it: SQLite's is registered by db_open, PostgreSQL's is made here. */
static const char migration_26[] = "ALTER TABLE lottery_entries DROP COLUMN rank_key;"
                                   "PRAGMA user_version = 26;";
static const char migration_26_pg[] =
    "ALTER TABLE lottery_entries DROP COLUMN rank_key;"
    /* STABLE as convert_to is: PostgreSQL then inlines it into the query (an IMMUTABLE
     * function calling a STABLE one is called a row at a time, 1 µs each). */
    "CREATE FUNCTION sumaho.sumaho_rank(seed text, code text) RETURNS bytea LANGUAGE sql"
    " STABLE STRICT PARALLEL SAFE AS $$"
    " SELECT sha256(convert_to(seed || ':' || code, 'UTF8')) $$;";

/* The sessions list searched by its index on PostgreSQL too (issue 19): there an index scan
 * reads each row of the table before it tests a column the index only carries, so a search of
 * 100,000 sessions for one near the end read them all (44-62 ms in a new connection); with
 * every column of sessions the list reads in the index, the search walks the index alone
 * (26-37 ms; tests/bench/engines.sh measures it). SQLite's sessions_date (migration 24)
 * serves already.
 *
 * And the offerings counted once a statement, as the other tables are since migration 23:
 * a row at a time, each new offering updated the one row of their count again in the same
 * transaction, and PostgreSQL walks every earlier version of that row to reach the last, so a
 * statement's cost grew with the square of its rows (a copy --to of 100,000 offerings: 95 s
 * for that table alone, 1.8 s once a statement). */
static const char migration_27[] = "PRAGMA user_version = 27;";
static const char migration_27_pg[] =
    "DROP INDEX sessions_list;"
    "CREATE INDEX sessions_list ON sessions(date, start, id)"
    " INCLUDE (code, offering_id, seats, status);"
    "DROP TRIGGER offerings_counted ON offerings;"
    "CREATE OR REPLACE FUNCTION sumaho.offerings_counted() RETURNS trigger LANGUAGE plpgsql AS $$"
    "DECLARE k bigint; BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "    SELECT count(*) INTO k FROM new_rows;"
    "    INSERT INTO sumaho.counters (name, id, n) SELECT 'applicants', id, 0 FROM new_rows;"
    "  ELSE"
    "    SELECT -count(*) INTO k FROM old_rows;"
    "    DELETE FROM sumaho.counters WHERE name = 'applicants'"
    "     AND id IN (SELECT id FROM old_rows);"
    "  END IF;"
    "  UPDATE sumaho.counters SET n = n + k WHERE name = 'offerings' AND id = 0 AND k <> 0;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER offerings_counted AFTER INSERT ON offerings"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.offerings_counted();"
    "CREATE TRIGGER offerings_uncounted AFTER DELETE ON offerings"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION sumaho.offerings_counted();";

const struct migration schema_migrations[] = {
    {1, "initial schema", migration_1, NULL},
    {2, "calendar closures and event sequences", migration_2, NULL},
    {3, "an index for the reports", migration_3, NULL},
    {4, "calendar sequences follow levels, venues and names", migration_4, NULL},
    {5, "slot templates; search keys fold half-width katakana", migration_5, NULL},
    {6, "lottery rounds and entries", migration_6, NULL},
    {7, "what to bring to a course", migration_7, NULL},
    {8, "the audit log as a hash chain", migration_8, NULL},
    {9, "closed periods and their amendments", migration_9, NULL},
    {10, "draws record early, window, priority and seats", migration_10, NULL},
    {11, "search by given name and by any digits of a phone number", migration_11, NULL},
    {12, "people merged and erased", migration_12, NULL},
    {13, "what a cancelled application changed, to reinstate it", migration_13, NULL},
    {14, "search keys of names in NFC, variant kanji folded", migration_14, NULL},
    {15, "confirmations, waiting-list offers and their calls", migration_15, NULL},
    {16, "the language each person reads", migration_16, NULL},
    {17, "staff accounts limited to venues", migration_17, NULL},
    {18, "counts kept by triggers", migration_18, migration_18_pg},
    {19, "indexes for the reports: waiting and duplicate applications", migration_19, NULL},
    {20, "the winners of each offering indexed", migration_20, NULL},
    {21, "the kiosk's PIN check made by the PostgreSQL server", migration_21, migration_21_pg},
    /* 22 was kept for a change of the draw that needed none: the versions need not follow on. */
    {23,
     "a draw's writes on PostgreSQL: references checked once a statement, no index of the status",
     migration_23, migration_23_pg},
    {24, "the sessions list searched by its index", migration_24, migration_24_pg},
    {25,
     "a draw's writes on PostgreSQL: the entries' references checked in one pass, the day of an"
     " application checked where it is written",
     migration_25, migration_25_pg},
    {26, "the rank of a draw's entry computed from its seed and person, not kept", migration_26,
     migration_26_pg},
    {27,
     "the sessions list searched by its index on PostgreSQL; offerings counted once a statement",
     migration_27, migration_27_pg},
};
const int schema_nmigrations = sizeof schema_migrations / sizeof schema_migrations[0];
