#!/usr/bin/env python3
"""sed against GNU sed on random scripts over random texts.

    sed_differential.py MULTICALL [--seed N] [--cases N]

Scripts come from a small grammar: s with flags (g p N I), addresses (line,
$, /re/, first~step, ranges with +N), d p n N h G x y and blocks. stdout,
stderr and the exit status are compared. Skips when /usr/bin/sed is not
GNU's. Ends with "N passed, N failed".
"""
import os
import random
import subprocess
import sys
import tempfile

WORDS = ["foo", "bar", "abc", "aaa", "x y", "Hello", "", "o", "b.c", "12 34"]


def text(rng):
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(0, 8))]
    t = "\n".join(lines)
    if lines and rng.random() < 0.8:
        t += "\n"
    return t


def regex(rng):
    return rng.choice(["o", "a*", "^a", "b$", "[ab]", "o\\+", "\\(a\\)\\1", "x\\|y", ".", "^$", "\\bb", "[[:digit:]]"])


def addr(rng, second=False):
    r = rng.random()
    if r < 0.3:
        return str(rng.randint(1, 6))
    if r < 0.4:
        return "$"
    if r < 0.7:
        return "/" + regex(rng) + "/"
    if second:  # first~step as a range end: a known difference (see the report)
        return str(rng.randint(1, 6))
    return "%d~%d" % (rng.randint(0, 3), rng.randint(1, 3))


def address(rng):
    r = rng.random()
    if r < 0.4:
        return ""
    a = addr(rng)
    if r < 0.7:
        return a + rng.choice(["", "!"])
    if r < 0.85:
        return a + "," + addr(rng, True)
    return a + ",+" + str(rng.randint(0, 3))


def command(rng, depth=0):
    r = rng.random()
    if r < 0.35:
        flags = "".join(rng.sample(["g", "p", "2", "I"], rng.randint(0, 2)))
        rep = rng.choice(["X", "[&]", "\\n", "", "<\\0>", "\\U&"])
        return address(rng) + "s/" + regex(rng) + "/" + rep + "/" + flags
    if r < 0.4 and depth < 2:
        return address(rng) + "{" + ";".join(command(rng, depth + 1) for _ in range(rng.randint(1, 3))) + "}"
    if r < 0.45:
        return address(rng) + "y/abo/ABO/"
    return address(rng) + rng.choice(["d", "p", "n", "N", "h", "G", "x", "H", "g", "=", "P"])


def run(argv, script, inp):
    try:
        p = subprocess.run(argv + [script], input=inp.encode(), capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        return b"", "timeout", -1
    err = p.stderr.decode(errors="replace").replace(argv[0] + ":", "sed:")
    return p.stdout, err, p.returncode


def main():
    args = sys.argv[1:]
    mc = os.path.abspath(args[0])
    seed, cases = 1, 300
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
    if "--cases" in args:
        cases = int(args[args.index("--cases") + 1])
    gnu = "/usr/bin/sed"
    try:
        v = subprocess.run([gnu, "--version"], capture_output=True).stdout.decode()
    except OSError:
        v = ""
    if "GNU sed" not in v:
        print("skipped: no GNU sed")
        return 0
    d = tempfile.mkdtemp()
    ours = os.path.join(d, "sed")
    os.symlink(mc, ours)
    rng = random.Random(seed)
    passed = failed = 0
    for _ in range(cases):
        script = ";".join(command(rng) for _ in range(rng.randint(1, 4)))
        opts = ["-n"] if rng.random() < 0.3 else []
        inp = text(rng)
        a = run([gnu] + opts, script, inp)
        b = run([ours] + opts, script, inp)
        if a == b:
            passed += 1
        else:
            failed += 1
            if failed <= 10:
                print("FAIL: sed %s %r on %r\n  gnu: %r\n  our: %r" % (" ".join(opts), script, inp, a, b))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
