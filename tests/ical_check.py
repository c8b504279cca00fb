#!/usr/bin/python3
"""Check an .ics file that sumaho exported, independently of sumaho's own code: parse it with
Python's icalendar (Debian's python3-icalendar), read the database with sqlite3 (or psql when
the test runs against PostgreSQL, tests/pg/run.sh), and compare event by event. Also checks the raw bytes against RFC 5545: CRLF, lines of at most 75 octets
that never split a UTF-8 character, a VTIMEZONE for every TZID, UTC DTSTAMPs.

usage: ical_check.py DB ICS [--staff | --person CODE] [--session CODE] [--domain D]
Prints what is wrong and exits 1, or exits 0.
"""
import datetime
import os
import sqlite3
import subprocess
import sys

import icalendar

args = sys.argv[1:]
db_path, ics_path = args[0], args[1]
opts = dict(zip(args[2::2], args[3::2])) if "--staff" not in args else {"--staff": "1"}
domain = opts.get("--domain", "sumaho.invalid")
problems = []


def bad(msg):
    problems.append(msg)


raw = open(ics_path, "rb").read()
# Raw form: CRLF only, 75 octets, whole UTF-8 characters on every physical line.
lines = raw.split(b"\r\n")
if lines[-1] != b"":
    bad("the file does not end with CRLF")
for n, line in enumerate(lines[:-1], 1):
    if b"\n" in line or b"\r" in line:
        bad("line %d: a bare LF or CR" % n)
    if len(line) > 75:
        bad("line %d: %d octets, more than 75" % (n, len(line)))
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        bad("line %d: folding split a UTF-8 character" % n)
if b"freeassociation" in raw:
    bad("a TZID with libical's prefix")

cal = icalendar.Calendar.from_ical(raw)
if str(cal.get("METHOD")) != "PUBLISH" or str(cal.get("VERSION")) != "2.0":
    bad("METHOD:PUBLISH and VERSION:2.0 expected")
tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
if tzids != {"Asia/Tokyo"}:
    bad("VTIMEZONEs %r, expected Asia/Tokyo alone" % tzids)
events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
if len(events) != len(cal.walk("VEVENT")):
    bad("a UID appears twice")

JST = datetime.timezone(datetime.timedelta(hours=9))


class PgDb:
    """The few queries below through psql, on the database the test's path stands for."""

    def __init__(self, path):
        pg = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pg", "sumaho-pg")
        self.uri = subprocess.run(["sh", pg, "--map", path], check=True, capture_output=True,
                                  text=True).stdout.strip()

    def execute(self, sql, params=()):
        for p in params:  # codes: quoted as SQL literals
            sql = sql.replace("?", "'" + p.replace("'", "''") + "'", 1)
        env = dict(os.environ, PGOPTIONS="-c search_path=sumaho,public")
        out = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-F", "\x1f",
                              "-R", "\x1e", "-c", sql, self.uri], check=True,
                             capture_output=True, text=True, env=env).stdout
        return [tuple(row.split("\x1f")) for row in out.rstrip("\n").split("\x1e") if row]


db = PgDb(db_path) if os.environ.get("SUMAHO_PG") else sqlite3.connect(db_path)
where, params = ["1 = 1"], []
if "--session" in opts:
    where.append("s.code = ?")
    params.append(opts["--session"])
if "--person" in opts:
    where.append("EXISTS (SELECT 1 FROM applications a JOIN people p ON p.id = a.person_id"
                 " WHERE p.code = ? AND a.status = 'won' AND a.offering_id = o.id"
                 " AND (a.session_id = s.id OR a.session_id IS NULL))")
    params.append(opts["--person"])
expected = {}
for code, date, start, minutes, status, seq, title, device, venue in db.execute(
        "SELECT s.code, s.date, s.start, s.duration_min, s.status, s.sequence, c.title, c.device,"
        " v.name FROM sessions s JOIN offerings o ON o.id = s.offering_id"
        " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id WHERE "
        + " AND ".join(where), params):
    suffix = {"iphone": " (iPhone)", "android": " (Android)"}.get(device, "")
    expected["session-%s@%s" % (code, domain)] = (title + suffix, date, start, int(minutes), status,
                                                  int(seq), venue)
if "--staff" in opts or "--person" in opts:
    q = ("SELECT v.code, c.date, c.start, c.duration_min, b.status, b.sequence, p.name,"
         " coalesce(p.code, 'id' || p.id), v.name FROM bookings b"
         " JOIN consultation_slots c ON c.id = b.slot_id JOIN venues v ON v.id = c.venue_id"
         " JOIN people p ON p.id = b.person_id"
         " WHERE b.id IN (SELECT max(id) FROM bookings GROUP BY slot_id, person_id)")
    bp = []
    if "--person" in opts:
        q += " AND p.code = ?"
        bp.append(opts["--person"])
    for vcode, date, start, minutes, status, seq, name, pcode, venue in db.execute(q, bp):
        uid = "consultation-%s-%s-%s-%s@%s" % (vcode, date, start.replace(":", ""), pcode, domain)
        expected[uid] = (name if "--staff" in opts else None, date, start, int(minutes), status,
                         int(seq), venue)

if set(events) != set(expected):
    bad("UIDs differ: %d missing, %d unexpected (e.g. %s)" % (
        len(set(expected) - set(events)), len(set(events) - set(expected)),
        sorted(set(expected) ^ set(events))[:2]))
for uid, (summary, date, start, minutes, status, seq, venue) in expected.items():
    ev = events.get(uid)
    if ev is None:
        continue
    begin = datetime.datetime.fromisoformat(date + "T" + start).replace(tzinfo=JST)
    if ev["DTSTART"].dt != begin:
        bad("%s: DTSTART %s, expected %s" % (uid, ev["DTSTART"].dt, begin))
    if ev["DTEND"].dt - ev["DTSTART"].dt != datetime.timedelta(minutes=minutes):
        bad("%s: lasts %s, expected %d minutes" % (uid, ev["DTEND"].dt - ev["DTSTART"].dt, minutes))
    if ev["DTSTART"].dt.tzinfo is None or ev["DTEND"].dt.tzinfo is None:
        bad("%s: floating time" % uid)
    if uid.startswith("session-") and str(ev["SUMMARY"]) != summary:
        bad("%s: SUMMARY %r, expected %r" % (uid, str(ev["SUMMARY"]), summary))
    if summary is not None and uid.startswith("consultation-") and summary not in str(ev["SUMMARY"]):
        bad("%s: the staff's SUMMARY lacks the name %r" % (uid, summary))
    if not str(ev["LOCATION"]).startswith(venue):
        bad("%s: LOCATION %r does not start with the venue %r" % (uid, str(ev["LOCATION"]), venue))
    want_status = "CANCELLED" if status == "cancelled" else "CONFIRMED"
    if str(ev["STATUS"]) != want_status:
        bad("%s: STATUS %s, expected %s" % (uid, ev["STATUS"], want_status))
    if int(ev["SEQUENCE"]) != seq:
        bad("%s: SEQUENCE %s, expected %d" % (uid, ev["SEQUENCE"], seq))
    stamp = ev.decoded("DTSTAMP")
    if stamp.utcoffset() != datetime.timedelta(0):
        bad("%s: DTSTAMP is not UTC" % uid)

# Nobody's name in a file that is not the staff's: the resident's own file has no names at all.
if "--staff" not in opts:
    text = raw.decode("utf-8")
    for (name,) in db.execute("SELECT name FROM people"):
        if name in text:
            bad("a resident's name is in the file: %s" % name)
            break

for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
