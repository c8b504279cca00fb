#!/usr/bin/env python3
"""Write the demo data set (assets/demo/*.csv), modelled on Shinagawa City's April-September 2022
smartphone classes and consultations (../shared/seed/GLOSSARY.md).

The people are synthetic. The output is deterministic, so the committed files can be checked by
running this again and comparing. Usage: tools/gen-demo.py [OUTDIR]
"""
import csv
import datetime
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "assets", "demo")
rng = random.Random(20220401)

VENUES = [
    ("sekigahara", "関ヶ原", "東京都品川区"),
    ("hiratsukabashi", "平塚橋", "東京都品川区"),
    ("shinagawa1", "品川第一地域センター", "東京都品川区"),
    ("osaki1", "大崎第一地域センター", "東京都品川区"),
    ("ebara1", "荏原第一地域センター", "東京都品川区"),
]
COURSES = [
    ("trial", "はじめてのスマホ体験教室", "any", "trial", "スマホに初めて触れる方のための体験教室です。端末は会場で貸し出します。"),
    ("onepoint-iphone", "ワンポイント教室", "iphone", "one-point", "よく使う機能をひとつずつ学びます。ご自分のiPhoneをお持ちください。"),
    ("onepoint-android", "ワンポイント教室", "android", "one-point", "よく使う機能をひとつずつ学びます。ご自分のAndroidスマホをお持ちください。"),
    ("intro-android", "スマホ入門", "android", "intro", "電話・カメラ・LINEなど基本の操作を学びます。"),
    ("intro-iphone", "スマホ入門", "iphone", "intro", "電話・カメラ・LINEなど基本の操作を学びます。"),
]
# code, course, venue, window, applicants, report group, sessions: (date, start, minutes, seats, attended)
OFFERINGS = [
    ("op-iphone-2022", "onepoint-iphone", "sekigahara", ("2022-03-01", "2022-03-20"), 20,
     "ワンポイント教室 (iPhone)",
     [("2022-04-14", "10:00", 90, 6, 3), ("2022-06-16", "10:00", 90, 6, 3), ("2022-08-18", "10:00", 90, 6, 6)]),
    ("op-android-2022", "onepoint-android", "sekigahara", ("2022-03-01", "2022-03-20"), 68,
     "ワンポイント教室 (Android)",
     [("2022-04-14", "14:00", 90, 6, 4), ("2022-06-16", "14:00", 90, 6, 5), ("2022-08-18", "14:00", 90, 6, 6)]),
    ("intro-android-seki-2022", "intro-android", "sekigahara", ("2022-03-01", "2022-03-20"), 133, "",
     [("2022-04-21", "13:30", 120, 7, 6), ("2022-06-23", "13:30", 120, 7, 6), ("2022-09-22", "13:30", 120, 8, 8)]),
    ("intro-iphone-seki-2022", "intro-iphone", "sekigahara", ("2022-04-01", "2022-04-15"), 29, "",
     [("2022-05-19", "13:30", 120, 6, 6), ("2022-07-21", "13:30", 120, 8, 8)]),
    ("intro-android-hira-2022", "intro-android", "hiratsukabashi", ("2022-04-01", "2022-04-15"), 87, "",
     [("2022-05-12", "10:00", 120, 7, 6), ("2022-07-14", "10:00", 120, 7, 7)]),
    ("intro-iphone-hira-2022", "intro-iphone", "hiratsukabashi", ("2022-04-01", "2022-04-15"), 51, "",
     [("2022-05-26", "10:00", 120, 6, 6), ("2022-07-28", "10:00", 120, 8, 8)]),
    ("trial-shinagawa1-2022", "trial", "shinagawa1", ("2022-07-01", "2022-07-15"), 21,
     "はじめてのスマホ体験教室 (3会場)",
     [("2022-08-04", "10:00", 60, 10, 8), ("2022-09-01", "10:00", 60, 10, 10)]),
    ("trial-osaki1-2022", "trial", "osaki1", ("2022-07-01", "2022-07-15"), 20,
     "はじめてのスマホ体験教室 (3会場)",
     [("2022-08-09", "10:00", 60, 10, 8), ("2022-09-06", "10:00", 60, 10, 9)]),
    ("trial-ebara1-2022", "trial", "ebara1", ("2022-07-01", "2022-07-15"), 20,
     "はじめてのスマホ体験教室 (3会場)",
     [("2022-08-24", "14:00", 60, 10, 8), ("2022-09-28", "14:00", 60, 10, 9)]),
]
FAMILY = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
          ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
          ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
          ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
          ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"),
          ("石川", "イシカワ"), ("山下", "ヤマシタ"), ("中島", "ナカジマ"), ("石井", "イシイ"), ("小川", "オガワ")]
GIVEN = [("和子", "カズコ"), ("幸子", "サチコ"), ("節子", "セツコ"), ("洋子", "ヨウコ"), ("恵子", "ケイコ"),
         ("京子", "キョウコ"), ("美智子", "ミチコ"), ("弘子", "ヒロコ"), ("久美子", "クミコ"), ("春子", "ハルコ"),
         ("清", "キヨシ"), ("茂", "シゲル"), ("博", "ヒロシ"), ("実", "ミノル"), ("勇", "イサム"),
         ("進", "ススム"), ("正", "タダシ"), ("隆", "タカシ"), ("修", "オサム"), ("昭", "アキラ")]
TOPICS = ["line", "photos", "settings", "online", "scam", "other"]
# Public holidays on consultation weekdays in the period.
HOLIDAYS = {"2022-08-11", "2022-09-19", "2022-09-23"}


def write(name, header, rows):
    with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


people = []
used = set()


def new_person():
    while True:
        fam, given = rng.choice(FAMILY), rng.choice(GIVEN)
        phone = rng.choice(["03-37%02d-%04d", "03-54%02d-%04d", "090-%04d-%04d", "080-%04d-%04d"])
        phone = phone % ((rng.randrange(100), rng.randrange(10000)) if phone.startswith("03")
                         else (rng.randrange(10000), rng.randrange(10000)))
        if phone not in used:
            break
    used.add(phone)
    code = "P%04d" % (len(people) + 1)
    people.append((code, fam[0] + "\u3000" + given[0], fam[1] + "\u3000" + given[1], phone,
                   rng.randrange(1930, 1958), "yes"))
    return code


def main():
    os.makedirs(OUT, exist_ok=True)
    write("venues", ["code", "name", "address"], VENUES)
    write("courses", ["code", "title", "device", "level", "description"], COURSES)
    write("offerings", ["code", "course", "venue", "apply_from", "apply_to", "capacity", "report_group"],
          [(o[0], o[1], o[2], o[3][0], o[3][1], sum(s[3] for s in o[6]), o[5]) for o in OFFERINGS])
    sessions, applications, attendance = [], [], []
    ref = 0
    for code, _course, _venue, (a0, a1), napps, _group, sess in OFFERINGS:
        d0 = datetime.date.fromisoformat(a0)
        span = (datetime.date.fromisoformat(a1) - d0).days
        seats = []
        for i, (date, start, minutes, nseats, _att) in enumerate(sess):
            scode = "%s-%d" % (code, i + 1)
            sessions.append((scode, code, date, start, minutes, nseats, "scheduled"))
            seats += [i] * nseats
        waiting = 0
        winners_by_session = {i: [] for i in range(len(sess))}
        for k in range(napps):
            person = new_person()
            ref += 1
            channel = rng.choice(["postcard", "postcard", "online", "online", "phone", "counter"])
            applied = (d0 + datetime.timedelta(days=rng.randrange(span + 1))).isoformat()
            if k < len(seats):
                status, scode = "won", "%s-%d" % (code, seats[k] + 1)
                winners_by_session[seats[k]].append(person)
            elif waiting < 5:
                status, scode = "waiting", ""
                waiting += 1
            else:
                status, scode = "lost", ""
            applications.append(("WEB-2022-%05d" % ref if channel == "online" else "", code, person,
                                 channel, 1, applied, status, scode))
        for i, (_d, _s, _m, _n, attended) in enumerate(sess):
            for j, person in enumerate(winners_by_session[i]):
                status = "absent" if j >= attended else ("late" if j % 7 == 3 else "present")
                attendance.append(("%s-%d" % (code, i + 1), person, status, "no"))
    write("sessions", ["code", "offering", "date", "start", "duration", "seats", "status"], sessions)

    # Consultations from August 2022: 関ヶ原 on Tuesdays and Thursdays, 平塚橋 on Wednesdays and
    # Fridays, ten 30-minute slots a day, none on public holidays.
    starts = ["10:00", "10:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30"]
    slots = []
    day = datetime.date(2022, 8, 1)
    while day <= datetime.date(2022, 9, 30):
        venue = {1: "sekigahara", 3: "sekigahara", 2: "hiratsukabashi", 4: "hiratsukabashi"}.get(day.weekday())
        if venue and day.isoformat() not in HOLIDAYS:
            slots += [(venue, day.isoformat(), s) for s in starts]
        day += datetime.timedelta(days=1)
    write("slots", ["venue", "date", "start"], slots)
    # The same weekly hours as templates, for `sumaho slots generate` and the demo's weeks ahead.
    write("templates", ["venue", "hours"],
          [("sekigahara", "tue,thu 10:00-12:00 13:00-16:00"),
           ("hiratsukabashi", "wed,fri 10:00-12:00 13:00-16:00")])

    # Regulars among the class applicants, and people who only come for consultations.
    consult_people = [p[0] for p in rng.sample(people, 40)] + [new_person() for _ in range(80)]
    bookings = []
    for month, attended, no_shows, cancelled in (("2022-08", 59, 4, 3), ("2022-09", 93, 6, 4)):
        month_slots = [s for s in slots if s[1].startswith(month)]
        chosen = sorted(rng.sample(range(len(month_slots)), attended + no_shows + cancelled))
        statuses = ["attended"] * attended + ["no_show"] * no_shows + ["cancelled"] * cancelled
        rng.shuffle(statuses)
        per_person = {}
        for idx, status in zip(chosen, statuses):
            # At most two bookings a person a month.
            while True:
                person = rng.choice(consult_people)
                if per_person.get(person, 0) < 2:
                    break
            per_person[person] = per_person.get(person, 0) + 1
            venue, date, start = month_slots[idx]
            bookings.append((venue, date, start, person, rng.choice(TOPICS), status,
                             "yes" if rng.random() < 0.1 and status == "attended" else "no"))
    write("people", ["code", "name", "kana", "phone", "birth_year", "resident"], people)
    write("applications", ["ref", "offering", "person", "channel", "choice", "applied_at", "status", "session"],
          applications)
    write("attendance", ["session", "person", "status", "substitute"], attendance)
    write("bookings", ["venue", "date", "start", "person", "topic", "status", "walk_in"], bookings)


main()
