#!/usr/bin/env python3
"""Differential test of date against GNU coreutils' on random inputs.

    date_diff.py MULTICALL [--seed N] [--cases N] [--gnu PATH]

Each case draws a TZ (zoneinfo names, POSIX rules, fixed offsets), a -d
STRING from a grammar of the forms parse_date.h lists (ISO dates and times,
month names, M/D/Y, @epochs, zones, relative items, weekdays) and a +FORMAT
of random conversions with random flags and widths, then runs ours and
GNU's date with them; stdout, stderr and the exit status must be equal.
Dates whose meaning depends on today are anchored by an absolute date in
the same string, so the run does not depend on the clock. Runs in the C
locale; skips (exit 0, with a message) when GNU's date is missing.
Ends with "N passed, N failed".
"""
import os
import random
import subprocess
import sys

ZONES = ["UTC0", "", "Europe/Paris", "America/New_York", "Asia/Kolkata", "America/St_Johns",
         "Australia/Lord_Howe", "Pacific/Chatham", "EST5EDT,M3.2.0,M11.1.0", "<+0530>-5:30",
         "AEST-10AEDT,M10.1.0,M4.1.0/3", "CET-1CEST,M3.5.0,M10.5.0/3", "America/Sao_Paulo"]
MONTHS = ["jan", "Feb", "MARCH", "april", "May", "jun", "July", "aug", "Sept", "oct", "Nov", "december"]
DAYS = ["sun", "Monday", "tue", "wednesday", "THU", "fri", "saturday"]
UNITS = ["year", "years", "month", "months", "week", "weeks", "fortnight", "day", "days", "hour",
         "hours", "minute", "min", "mins", "second", "sec", "secs"]
CONVERSIONS = list("aAbBcCdDeFgGhHIjklmMnNpPqrRsStTuUVwWxXyYzZ%") + [":z", "::z", ":::z"]
FLAGS = ["", "", "", "-", "_", "0", "^", "#", "+"]


def rand_date(r):
    y = r.choice([1970, 1999, 2000, 2012, 2023, 2024, 2037, 2038, 1901, 2100, r.randint(1900, 2200)])
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    form = r.randrange(6)
    if form == 0:
        return "%04d-%02d-%02d" % (y, m, d)
    if form == 1:
        return "%d/%d/%d" % (m, d, y)
    if form == 2:
        return "%s %d %d" % (r.choice(MONTHS), d, y)
    if form == 3:
        return "%d %s %d" % (d, r.choice(MONTHS), y)
    if form == 4:
        return "%s %d, %d" % (r.choice(MONTHS), d, y)
    return "%04d%02d%02d" % (y, m, d)


def rand_time(r):
    h, mi, s = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
    form = r.randrange(5)
    if form == 0:
        return "%02d:%02d" % (h, mi)
    if form == 1:
        return "%d:%02d:%02d" % (h, mi, s)
    if form == 2:
        return "%02d:%02d:%02d.%d" % (h, mi, s, r.randint(0, 999999999))
    if form == 3:
        return "%d:%02d%s" % (r.randint(1, 12), mi, r.choice(["am", "pm", " AM", " p.m."]))
    return "%d%s" % (r.randint(1, 12), r.choice(["am", "pm"]))


def rand_zone(r, tz):
    zones = ["UTC", "Z", "GMT", "+0530", "-03:00", "+01", "-1100", "utc"]
    # A zone word that is also TZ's own abbreviation is read as local time
    # with its DST flag (gnulib's tLOCAL_ZONE): outside this parser's forms.
    if "EST" not in tz and "New_York" not in tz:
        zones += ["EST", "PDT"]
    return r.choice(zones)


def rand_relative(r):
    form = r.randrange(5)
    if form == 0:
        return "%s%d %s" % (r.choice(["+", "-", ""]), r.randint(0, 40), r.choice(UNITS))
    if form == 1:
        return "%d %s ago" % (r.randint(0, 40), r.choice(UNITS))
    if form == 2:
        return "%s %s" % (r.choice(["next", "last", "this"]), r.choice(UNITS))
    if form == 3:
        return r.choice(["yesterday", "tomorrow", "today", "now"])
    return r.choice(UNITS)


def rand_input(r, tz):
    if r.random() < 0.15:
        return "@%d%s" % (r.randint(-2**31, 2**33), r.choice(["", ".5", ".000000001", ".123456789"]))
    parts = [rand_date(r)]
    if r.random() < 0.7:
        t = rand_time(r)
        if parts[0][0].isdigit() and "-" in parts[0] and r.random() < 0.3 and ":" in t and "m" not in t.lower():
            parts = [parts[0] + "T" + t]
        else:
            parts.append(t)
        if r.random() < 0.3:
            parts.append(rand_zone(r, tz))
    for _ in range(r.randrange(3)):
        rel = rand_relative(r)
        # "20240102 days" is 20240102 days from now, past year 50000:
        # there the two clocks' zone rules part ways (glibc's tm years).
        if len(parts) == 1 and parts[0].isdigit() and rel.split()[0].isalpha():
            rel = "1 " + rel
        parts.append(rel)
    if r.random() < 0.2:
        parts.append(r.choice(DAYS))
    s = " ".join(parts)
    if r.random() < 0.1:
        s = 'TZ="%s" %s' % (r.choice(ZONES[2:]), s)
    return s


def rand_format(r):
    out = ["+"]
    for _ in range(r.randint(1, 6)):
        if r.random() < 0.2:
            out.append(r.choice(["-", " ", "T", "x", ":"]))
        flag = r.choice(FLAGS)
        width = str(r.randint(1, 12)) if r.random() < 0.2 else ""
        conv = r.choice(CONVERSIONS)
        # Flags on %n %t %% are outside the contract (GNU's output for
        # "%7%" is an artifact of its implementation).
        if conv in ("n", "t", "%"):
            flag, width = "", ""
        out.append("%" + flag + width + conv)
    return "".join(out)


def run(cmd, tz):
    env = {"LC_ALL": "C", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if tz is not None:
        env["TZ"] = tz
    p = subprocess.run(cmd, env=env, capture_output=True, timeout=10)
    return p.returncode, p.stdout, p.stderr


def main():
    args = sys.argv[1:]
    ours = os.path.abspath(args[0])
    seed, cases, gnu = 1, 1000, "/usr/bin/date"
    i = 1
    while i < len(args):
        if args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        elif args[i] == "--cases":
            cases = int(args[i + 1]); i += 2
        elif args[i] == "--gnu":
            gnu = args[i + 1]; i += 2
        else:
            sys.exit("date_diff.py: unknown argument " + args[i])
    if not os.access(gnu, os.X_OK):
        print("date_diff.py: skipped: no GNU date at " + gnu)
        return 0
    r = random.Random(seed)
    passed = failed = 0
    for _ in range(cases):
        tz = r.choice(ZONES)
        text = rand_input(r, tz)
        fmt = rand_format(r)
        want = run([gnu, "-d", text, fmt], tz)
        got = run([ours, "date", "-d", text, fmt], tz)
        # Messages name the program: GNU's argv[0] is its path.
        want = (want[0], want[1], want[2].replace(gnu.encode() + b":", b"date:"))
        if want == got:
            passed += 1
            continue
        failed += 1
        if failed <= 20:
            print("FAIL: TZ=%r date -d %r %r" % (tz, text, fmt))
            print("  GNU:  %r" % (want,))
            print("  ours: %r" % (got,))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
