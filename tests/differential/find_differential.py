#!/usr/bin/env python3
"""find against GNU find on generated trees.

    find_differential.py MULTICALL [--seed N] [--trees N] [--cases N]

Each tree has random names (spaces, quotes, globs, a newline, non-ASCII
bytes), modes (set-id and sticky bits too), sizes (sparse files too),
atimes/mtimes with nanoseconds, hard links, symbolic links (some dangling),
fifos and nested directories. On each tree, random expressions (tests such
as -type -perm -size -newer -mtime -regex -name, in random combinations)
end in a random -printf format (every directive, time directives in every
form, flags, widths and precisions) or -ls, under a random TZ. stdout
(sorted by line: both list a directory in readdir order), stderr and the
exit status are compared. Skips when /usr/bin/find is not GNU's. Ends with
"N passed, N failed".
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

NAMES = ["a", "b c", "x*", "-dash", "q'uote", "d\"q", "nl\nname", "\xfc\xf1", "UP", "dot.txt",
         "long" * 20, "%p", "\\back", "tab\tx", "e", "f.c", "g.h", "..x", ".hidden"]
ZONES = ["UTC0", "EST5EDT", "Europe/Paris", "Asia/Kolkata", "America/St_Johns", "UTC-14"]
MODES = [0o644, 0o600, 0o755, 0o700, 0o4755, 0o2750, 0o1777, 0o444, 0o640, 0o6711, 0o1600, 0o000 + 0o400]
# Time letters GNU accepts after %A %C %T, plus a few it prints as they are.
TIME_LETTERS = "abcdeghjklmnprstuwxyzABCDFGHIMPRSTUVWXYZ+@" + "qNEO%"
DIRECTIVES = ["p", "f", "h", "P", "H", "d", "s", "k", "b", "m", "M", "n", "y", "Y", "l",
              "i", "D", "u", "g", "U", "G", "S", "a", "c", "t"]
NOW = int(time.time())


def name_bytes(rng, used):
    for _ in range(20):
        n = rng.choice(NAMES)
        if rng.random() < 0.3:
            n += str(rng.randint(0, 99))
        if n not in used:
            used.add(n)
            return n.encode("latin-1")  # \xfc\xf1: bytes that are not UTF-8
    n = "n%d" % len(used)
    used.add(n)
    return n.encode()


def stamp(rng):
    r = rng.random()
    if r < 0.3:
        sec = NOW - rng.randint(0, 86400 * 3)  # recent: -ls shows the time
    elif r < 0.5:
        sec = NOW - rng.randint(0, 86400 * 400)
    elif r < 0.9:
        sec = rng.randint(0, 2000000000)
    else:
        sec = rng.choice([0, 1, 86399, 946684800, 1700000000])
    return sec * 10**9 + (rng.randrange(10**9) if rng.random() < 0.7 else 0)


def build(rng, root):
    """A random tree below root (bytes). Returns the list of directories
    whose atime must be set last (reading them would change it)."""
    os.mkdir(root)
    dirs = [root]
    late = []
    files = []
    for depth in range(3):
        new_dirs = []
        for d in dirs:
            used = set()
            for _ in range(rng.randint(1, 6)):
                p = os.path.join(d, name_bytes(rng, used))
                kind = rng.random()
                if kind < 0.45:
                    with open(p, "wb") as f:
                        size = rng.choice([0, 0, 1, 6, 511, 512, 513, 4096, 10000, 70000])
                        f.write(b"x" * size)
                        if rng.random() < 0.15:
                            f.truncate(rng.choice([1 << 20, 3 << 20, 5000000]))  # sparse
                    os.chmod(p, rng.choice(MODES))
                    os.utime(p, ns=(stamp(rng), stamp(rng)))
                    files.append(p)
                elif kind < 0.65 and depth < 2:
                    os.mkdir(p)
                    new_dirs.append(p)
                elif kind < 0.8:
                    target = rng.choice([b"a", b"nowhere", b"..", b"../a", b"/", b"b c"] +
                                        [os.path.basename(f) for f in files[-3:]])
                    os.symlink(target, p)
                    late.append(p)
                elif kind < 0.88 and files:
                    os.link(rng.choice(files), p)
                else:
                    os.mkfifo(p)
                    os.chmod(p, rng.choice(MODES) & 0o777)
                    os.utime(p, ns=(stamp(rng), stamp(rng)))
        dirs = new_dirs
        late.extend(new_dirs)
    # Directories and links last, with atimes after every other time: a
    # read of the directory then leaves its atime alone (relatime), so both
    # finds see the same times.
    for p in sorted(late, key=len, reverse=True) + [root]:
        future = (2100000000 + rng.randrange(10**6)) * 10**9 + rng.randrange(10**9)
        if os.path.isdir(p) and not os.path.islink(p):
            os.chmod(p, rng.choice([0o755, 0o750, 0o2755, 0o1777, 0o700]))
        os.utime(p, ns=(future, stamp(rng)), follow_symlinks=False)


def directive(rng):
    r = rng.random()
    flags = ""
    if rng.random() < 0.3:
        flags += rng.choice(["-", "0", "+", " ", "#", "-0", ""])
    if rng.random() < 0.3:
        flags += str(rng.randint(1, 30))
    if rng.random() < 0.15:
        flags += "." + str(rng.randint(0, 6))
    if r < 0.45:
        return "%" + flags + rng.choice("ACT") + rng.choice(TIME_LETTERS)
    return "%" + flags + rng.choice(DIRECTIVES)


def printf_format(rng):
    parts = []
    for _ in range(rng.randint(1, 5)):
        parts.append(directive(rng))
        parts.append(rng.choice(["|", " ", "\\t", "-", ""]))
    return "%p\t" + "".join(parts) + "\\n"


def test(rng, ref):
    r = rng.random()
    if r < 0.1:
        return ["-type", rng.choice(["f", "d", "l", "p", "f,l", "d,p"])]
    if r < 0.2:
        return ["-perm", rng.choice(["644", "-u=r", "/o=w", "-2000", "/6000", "-1000", "u=rw,go=r", "/111"])]
    if r < 0.3:
        return ["-size", rng.choice(["0", "-1k", "+1", "1", "6c", "+511c", "-2M", "+1M", "10k"])]
    if r < 0.4:
        return ["-" + rng.choice("amc") + "time", rng.choice(["0", "-1", "+1", "+400", "-30", "1"])]
    if r < 0.45:
        return ["-" + rng.choice("amc") + "min", rng.choice(["-60", "+60", "-5000", "+100000"])]
    if r < 0.55:
        return ["-newer" + rng.choice("acm") + rng.choice("acm"), ref]
    if r < 0.6:
        return ["-newermt", rng.choice(["2001-09-09 01:46:40", "@1000000000.5", "2020-02-29", "1 day ago"])]
    if r < 0.7:
        return [rng.choice(["-regex", "-iregex"]), rng.choice([".*/[a-e].*", ".*\\.[ch]", ".*/\\(UP\\|e\\)[0-9]*", ".*x.*"])]
    if r < 0.75:
        return ["-regextype", rng.choice(["posix-extended", "egrep"]), "-regex", ".*/(a|b c|e)[0-9]*"]
    if r < 0.85:
        return [rng.choice(["-name", "-iname", "-path", "-lname"]), rng.choice(["*a*", "[a-e]*", "up*", "*.?", "*/e*", "no*"])]
    if r < 0.9:
        return [rng.choice(["-empty", "-readable", "-executable", "-nouser"])]
    return ["-links", rng.choice(["1", "+1", "-2", "2"])]


def expression(rng, ref):
    expr = []
    for _ in range(rng.randint(0, 3)):
        t = test(rng, ref)
        if rng.random() < 0.2:
            t = ["!"] + t
        if expr and rng.random() < 0.25:
            expr += ["-o"]
        expr += t
    if expr and rng.random() < 0.5:
        expr = ["("] + expr + [")"]
    if rng.random() < 0.2:
        return expr + ["-ls"]
    return expr + ["-printf", printf_format(rng)]


def run(argv, cwd, tz):
    env = {"LC_ALL": "C", "TZ": tz, "PATH": "/usr/bin:/bin"}
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return b"", b"timeout", -1
    err = p.stderr.replace(argv[0].encode() + b":", b"find:")
    return b"\n".join(sorted(p.stdout.split(b"\n"))), err, p.returncode


def main():
    args = sys.argv[1:]
    mc = os.path.abspath(args[0])
    seed, trees, cases = 1, 4, 300

    def opt(name, default):
        return int(args[args.index(name) + 1]) if name in args else default

    seed, trees, cases = opt("--seed", seed), opt("--trees", trees), opt("--cases", cases)
    gnu = "/usr/bin/find"
    try:
        v = subprocess.run([gnu, "--version"], capture_output=True).stdout.decode()
    except OSError:
        v = ""
    if "GNU findutils" not in v:
        print("skipped: no GNU find")
        return 0
    work = tempfile.mkdtemp()
    ours = os.path.join(work, "find")
    os.symlink(mc, ours)
    rng = random.Random(seed)
    passed = failed = 0
    for t in range(trees):
        top = os.path.join(work, "t%d" % t)
        os.mkdir(top)
        build(rng, os.path.join(top.encode(), b"r"))
        ref = "r/" + os.fsdecode(sorted(os.listdir(os.path.join(top, "r")))[0])
        for _ in range(cases // trees):
            tz = rng.choice(ZONES)
            start = rng.choice([["r"], ["r/"], ["./r"], ["r", ref]])
            pre = rng.choice([[], [], ["-L"], ["-H"]])
            opts = rng.choice([[], [], ["-mindepth", "1"], ["-maxdepth", "1"], ["-depth"]])
            expr = expression(rng, ref)
            cmd = pre + start + opts + expr
            a = run([gnu] + cmd, top, tz)
            b = run([ours] + cmd, top, tz)
            if a == b:
                passed += 1
            else:
                failed += 1
                if failed <= 10:
                    print("FAIL: TZ=%s find %r\n  gnu: %r\n  our: %r" % (tz, cmd, a, b))
    shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
