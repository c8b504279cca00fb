#!/usr/bin/env python3
"""tests/kiosk/shot.py PPM: is this screenshot of the appliance the kiosk's schedule?

OCR is not at hand, so the picture is checked by what the schedule has and a refusal ("too
small", an error) has not, in the kiosk theme's exact colours (models/kiosk/theme.c, xterm's
256-colour palette, which foot draws as is):
  - the title bar across the top: black on yellow (226, #ffff00), most of its width;
  - the legend near the bottom: white on blue (19, #0000af), most of the width;
  - a class's seats in words: 空きあり in green (46, #00ff00), between the two bars;
  - text: light pixels, many of them, between the two bars.
Prints what it found; exit status 0 when all hold, 1 when not, 2 for a bad file."""
import sys


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError("not an 8-bit binary PPM")
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h * 3]


def main():
    try:
        w, h, px = read_ppm(sys.argv[1])
    except (OSError, ValueError, IndexError) as e:
        print("cannot read the screenshot: %s" % e)
        return 2

    def row_share(y, test):
        row = px[y * w * 3:(y + 1) * w * 3]
        return sum(1 for x in range(0, w * 3, 3) if test(row[x], row[x + 1], row[x + 2])) / w

    yellow = lambda r, g, b: r > 200 and g > 200 and b < 60
    blue = lambda r, g, b: r < 40 and g < 40 and 140 < b < 210
    green = lambda r, g, b: r < 60 and g > 200 and b < 60
    light = lambda r, g, b: r > 200 and g > 200 and b > 200

    title = [y for y in range(h // 4) if row_share(y, yellow) > 0.6]
    legend = [y for y in range(h // 2, h) if row_share(y, blue) > 0.6]
    top = (max(title) + 1) if title else 0
    bottom = min(legend) if legend else h
    greens = lights = 0
    for y in range(top, bottom):
        row = px[y * w * 3:(y + 1) * w * 3]
        for x in range(0, w * 3, 3):
            r, g, b = row[x], row[x + 1], row[x + 2]
            greens += green(r, g, b)
            lights += light(r, g, b)
    checks = [
        ("a yellow title bar at the top (%d pixel rows)" % len(title), len(title) >= 10),
        ("a blue legend at the bottom (%d pixel rows)" % len(legend), len(legend) >= 10),
        ("seats in green words (%d pixels)" % greens, greens >= 200),
        ("text between the bars (%d light pixels)" % lights, lights >= 5000),
    ]
    for what, good in checks:
        print("%s: %s" % ("yes" if good else "NO", what))
    return 0 if all(good for _, good in checks) else 1


sys.exit(main())
