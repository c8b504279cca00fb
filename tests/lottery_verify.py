#!/usr/bin/python3
"""Recompute a sumaho draw (sumaho-draw-1, see sumaho(1)) from `sumaho lottery export` CSV.
Standard library only. Prints the differences; exit status 0 when there are none."""
import csv, hashlib, sys

# sumaho writes a cell that a spreadsheet would take for a formula (one that begins with =, +,
# -, @, a tab or a carriage return) after a single quote (sumaho(1), SECURITY). Codes never hold
# a quote, so a quote before one of those is sumaho's: the code is what follows it.
def cell(v):
    return v[1:] if v[:1] == "'" and v[1:2] in ("=", "+", "-", "@", "\t", "\r") else v

rows = [{k: cell(v) for k, v in r.items()}
        for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))]
if not rows:
    sys.exit(print("0 applications, 0 differences"))
drawn = [r for r in rows if r["drawn"] in ("won", "waiting", "lost")]
seed, wmax = rows[0]["seed"], int(rows[0]["waiting_max"])
seats = {r["offering"]: int(r["capacity"]) for r in rows}
waiting = {o: 0 for o in seats}
rank = lambda code: hashlib.sha256((seed + ":" + code).encode()).hexdigest()
people = {}
for r in drawn:
    people.setdefault(r["person"], []).append(r)
got = {}
for code in sorted(people, key=lambda c: (int(people[c][0]["tier"]), rank(c), c)):
    apps = sorted(people[code], key=lambda r: (int(r["choice"]), int(r["application"])))
    won = next((r for r in apps if seats[r["offering"]] > 0), None)
    if won:
        seats[won["offering"]] -= 1
    for r in apps:
        if r is won:
            got[id(r)] = ("won", "")
        elif not won and waiting[r["offering"]] < wmax:
            waiting[r["offering"]] += 1
            got[id(r)] = ("waiting", str(waiting[r["offering"]]))
        else:
            got[id(r)] = ("lost", "")
bad = [r for r in drawn if (r["drawn"], r["position"]) != got[id(r)] or r["rank"] != rank(r["person"])]
for r in bad:
    print("%s %s: recorded %s %s, recomputed %s %s" % ((r["person"], r["offering"], r["drawn"], r["position"]) + got[id(r)]))
# Exports since the guarded draw also say whether the round was drawn early and each offering's
# capacity now: it must be the one drawn for, and hold every winner there is now.
# Exports since seats over the capacity are told apart (over_capacity): a seat a coordinator
# gave over the capacity after the draw (sumaho lottery reinstate --over-capacity) is a later
# change, said here and not counted against the seats.
seats = {}
over = {}
for r in rows:
    if r.get("capacity_now"):
        seats[r["offering"]] = (int(r["capacity"]), int(r["capacity_now"]))
    if r.get("over_capacity") == "yes" and r["status"] == "won":
        over[r["offering"]] = over.get(r["offering"], 0) + 1
for o, n in sorted(over.items()):
    print("note: %s: %d seat%s given over the capacity after the draw" % (o, n, "" if n == 1 else "s"))
for o, (drawn_for, now) in sorted(seats.items()):
    winners = sum(1 for r in rows if r["offering"] == o and r["status"] == "won") - over.get(o, 0)
    if now != drawn_for:
        bad.append(o)
        print("%s: capacity is %d now, the draw was made for %d: %d winners hold %d seats" % (o, now, drawn_for, winners, now))
    elif winners > now:
        bad.append(o)
        print("%s: %d winners hold %d seats" % (o, winners, now))
# Exports since the call-down (sumaho(1), CALL-DOWN) also say which seats were offered from the
# waiting list, numbered in the order they were offered. In each offering the offers go down the
# waiting list in the drawn order, nobody still waiting is passed over, nobody holds two seats,
# and winners with the seats still offered never exceed the seats.
if "offer" in rows[0]:
    for o in sorted(set(r["offering"] for r in drawn)):
        offers = sorted((r for r in drawn if r["offering"] == o and r["offer"]), key=lambda r: int(r["offer"]))
        last = 0
        for r in offers:
            if r["drawn"] != "waiting":
                bad.append(r)
                print("%s %s: offered a seat but drawn %s" % (r["person"], o, r["drawn"]))
                continue
            if int(r["position"]) <= last:
                bad.append(r)
                print("%s %s: offered a seat (offer %s) at place %s, after place %d" % (r["person"], o, r["offer"], r["position"], last))
            last = max(last, int(r["position"]))
        for r in drawn:
            if r["offering"] == o and r["drawn"] == "waiting" and not r["offer"] and r["status"] == "waiting" and int(r["position"]) < last:
                bad.append(r)
                print("%s %s: still waiting at place %s, passed over for a seat offered to place %d" % (r["person"], o, r["position"], last))
        if seats.get(o):
            held = sum(1 for r in rows if r["offering"] == o and (r["status"] == "won" or r["offer_state"] == "open")) - over.get(o, 0)
            if held > seats[o][1]:
                bad.append(o)
                print("%s: %d winners and open offers hold %d seats" % (o, held, seats[o][1]))
    won = {}
    for r in rows:
        if r["status"] == "won":
            won.setdefault(r["person"], []).append(r["offering"])
    for p, offs in sorted(won.items()):
        if len(offs) > 1:
            bad.append(p)
            print("%s: holds %d seats (%s)" % (p, len(offs), ", ".join(offs)))
if rows[0].get("early") == "yes":
    print("note: drawn early, before an application window closed")
print("%d applications, %d differences" % (len(drawn), len(bad)))
sys.exit(1 if bad else 0)
