#!/usr/bin/env python3
"""Differential tests: our filters against GNU coreutils on generated input.

    differential.py MULTICALL [--seed N] [--rounds N] [--only APPLET,...] [--keep DIR]

For every applet in SPECS that the binary has, each round generates a random
input (NUL bytes, empty lines, a missing final newline, very long lines,
invalid UTF-8, CRs, tabs, digits) and a random option combination from the
applet's supported set, runs ours and GNU's (/usr/bin/NAME) on the same
input file and on stdin, and compares stdout and the exit status. Every
difference that is deliberate is listed in KNOWN_DIFFERENCES with the reason;
anything else fails. Runs in the C locale. Ends with "N passed, N failed".
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

# Option groups: one choice is drawn from each group ("" = none).
SPECS = {
    "cat": [["", "-n", "-b"], ["", "-s"], ["", "-E", "-T", "-v", "-A", "-e", "-t"]],
    "head": [["", "-n 3", "-n 0", "-n -2", "-c 7", "-c -5", "-n +2", "-5"], ["", "-z"], ["", "-q", "-v"]],
    "tail": [["", "-n 3", "-n 0", "-n +2", "-c 7", "-c +4", "-5"], ["", "-z"], ["", "-q", "-v"]],
    "wc": [["", "-l", "-w", "-c", "-L", "-m", "-lw", "-lc", "-wc", "-mL"], ["", "LC_ALL=C.UTF-8"]],
    "sort": [["", "-r"], ["", "-n", "-f", "-d", "-i", "-b", "-g", "-h", "-M", "-V", "-R --random-source=in2"], ["", "-u", "-s"],
             ["", "-k 2", "-k 2,2", "-k 1.2,1.4", "-t , -k 2", "-k 2n -k 1r"], ["", "-z"]],
    "uniq": [["", "-c", "-d", "-u", "-D"], ["", "-i"], ["", "-f 1", "-s 2", "-w 3"], ["", "-z"]],
    "cut": [["-b 1-3", "-c 2,4-", "-f 1", "-f 2-", "-d , -f 1,3", "-d a -f 2", "-f 1 -s", "-b -2 --complement"],
            ["", "-z"]],
    "tr": [["a-z A-Z", "-d a-m", "-s ' '", "-c a-z .", "-cd '[:alnum:]\\n'", "'\\000' x", "-s a-z",
            "'[:lower:]' '[:upper:]'", "-t abcdef xy"]],
    "nl": [["", "-b a", "-b n", "-b t"], ["", "-n ln", "-n rz", "-w 3"], ["", "-s :"], ["", "-v 5 -i 2"]],
    "fold": [["", "-w 10", "-w 1", "-w 7"], ["", "-s"], ["", "-b"]],
    "paste": [["", "-s"], ["", "-d ,", "-d ',;'", "-d '\\t'"], ["", "-z"]],
    "expand": [["", "-t 4", "-t 2,5,9", "-i"]],
    "unexpand": [["", "-a", "-t 4", "--first-only"]],
    "tac": [["", "-b", "-s x", "-s ''"]],
    "rev": [[""], ["", "LC_ALL=C.UTF-8"]],
    "shuf": [["--random-source=in2"], ["", "-n 3", "-n 1", "-r -n 5", "-n 100"], ["", "-z"]],
    "comm": [["", "-1", "-2", "-3", "-12", "-23"], ["", "--nocheck-order"]],
    "od": [["", "-c", "-An -tx1", "-tx2", "-to4", "-td4", "-b", "-a", "-x", "-tu1 -w8"], ["", "-v"], ["", "-N 10", "-j 3"]],
    "fmt": [["", "-w 20", "-w 40", "-u", "-s"]],
    "md5sum": [[""]], "sha1sum": [[""]], "sha256sum": [[""]], "sha512sum": [[""]], "b2sum": [["", "-l 128"]],
    "cksum": [[""]], "sum": [["", "-s"]],
    "base64": [["", "-w 0", "-w 10"]], "base32": [["", "-w 0"]],
}

# An option of the form LC_...=VALUE is not passed as an argument: it sets
# that locale variable for both commands (the default is LC_ALL=C).

# (applet, option substring) -> why ours differs on purpose. Cases whose
# options contain the substring are not compared.
KNOWN_DIFFERENCES = {
}

# applet -> (which inputs are compared, why the others are not).
INPUT_LIMITS = {
    "rev": (lambda data: all(0 < b < 0x80 for b in data),
            "the host's rev is util-linux's: it stops with an error at the first byte that is not a "
            "character of the locale and cuts lines at NUL; ours reverses such bytes and loses nothing"),
}

TWO_FILE = {"comm"}
NO_STDIN = set()


def random_input(rng):
    pieces = []
    kinds = rng.choice(["words", "numbers", "bytes", "mixed", "csv", "empty", "long"])
    if kinds == "empty":
        return b""
    n_lines = rng.randint(0, 40)
    words = [b"alpha", b"Beta", b"gamma", b"delta", b" x ", b"10", b"-3", b"2K", b"1.5e3", b"Jan", b"feb",
             b"\t", b"a,b,c", b"\xc3\xa9t\xc3\xa9", b"\xff\xfe", b"\x00", b"\r", b"zz", b"", b"0x1F", b"v1.10", b"v1.9"]
    for _ in range(n_lines):
        if kinds == "numbers":
            line = b" ".join(str(rng.randint(-1000, 1000)).encode() for _ in range(rng.randint(1, 3)))
        elif kinds == "bytes":
            line = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 30))).replace(b"\n", b"")
        elif kinds == "csv":
            line = b",".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        elif kinds == "long":
            line = rng.choice(words) * rng.randint(100, 3000)
        else:
            line = b" ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        pieces.append(line)
    data = b"\n".join(pieces)
    if pieces and rng.random() < 0.8:
        data += b"\n"
    return data


def known(applet, opts):
    for (a, sub), _ in KNOWN_DIFFERENCES.items():
        if a == applet and sub in opts:
            return True
    return False


def run(cmd, stdin_bytes, cwd, locale):
    env = dict(os.environ, LC_ALL="C")
    env.update(locale)
    p = subprocess.run(["sh", "-c", cmd], input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       cwd=cwd, timeout=60, env=env)
    return p.returncode, p.stdout


def split_locale(opts):
    """Separates LC_...=VALUE settings from the options."""
    locale, rest = {}, []
    for word in opts.split(" "):
        if word.startswith("LC_") and "=" in word:
            name, value = word.split("=", 1)
            locale[name] = value
        elif word:
            rest.append(word)
    return locale, " ".join(rest)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    mc = os.path.abspath(args[0])
    seed, rounds, only, keep = 1, 30, None, None
    i = 1
    while i < len(args):
        if args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        elif args[i] == "--rounds":
            rounds = int(args[i + 1]); i += 2
        elif args[i] == "--keep":
            keep = args[i + 1]; i += 2
        elif args[i] == "--only":
            only = set(args[i + 1].split(",")); i += 2
        else:
            print("unknown argument", args[i]); return 2
    have = set(subprocess.run([mc, "--list"], stdout=subprocess.PIPE, check=True).stdout.decode().split())
    work = tempfile.mkdtemp(prefix="differential.", dir=os.environ.get("TEST_TMPDIR"))
    bindir = os.path.join(work, "bin")
    os.mkdir(bindir)
    shutil.copy(mc, os.path.join(bindir, "multicall"))
    subprocess.run([os.path.join(bindir, "multicall"), "--install", "--symlink", bindir],
                   stdout=subprocess.DEVNULL, check=True)
    passed = failed = 0
    missing = []
    rng = random.Random(seed)
    for applet, groups in SPECS.items():
        if only and applet not in only:
            continue
        if applet not in have:
            missing.append(applet)
            continue
        gnu = "/usr/bin/" + applet
        if not os.path.exists(gnu):
            continue
        for r in range(rounds):
            opts = " ".join(o for o in (rng.choice(g) for g in groups) if o)
            if known(applet, opts):
                continue
            data = random_input(rng)
            data2 = random_input(rng)
            if applet in INPUT_LIMITS and not INPUT_LIMITS[applet][0](data):
                continue
            locale, args = split_locale(opts)
            if applet in TWO_FILE:
                data, data2 = (b"\n".join(sorted(set(x.split(b"\n")))) + b"\n" for x in (data, data2))
            with open(os.path.join(work, "in1"), "wb") as f:
                f.write(data)
            with open(os.path.join(work, "in2"), "wb") as f:
                f.write(data2)
            operands = ["in1 in2"] if applet in TWO_FILE else ["in1", ""]
            for operand in operands:
                if operand == "" and applet in NO_STDIN:
                    continue
                ours = run(f"{bindir}/{applet} {args} {operand}", data, work, locale)
                theirs = run(f"{gnu} {args} {operand}", data, work, locale)
                if ours == theirs:
                    passed += 1
                    continue
                failed += 1
                at = next((k for k in range(min(len(ours[1]), len(theirs[1]))) if ours[1][k] != theirs[1][k]),
                          min(len(ours[1]), len(theirs[1])))
                lo = max(0, at - 60)
                print(f"FAIL: {applet} {opts} {operand or '< in1'} (seed {seed}, round {r})")
                print(f"  exit: ours {ours[0]}, GNU {theirs[0]}; output sizes {len(ours[1])} and {len(theirs[1])}, "
                      f"first difference at byte {at}")
                print(f"  ours: {ours[1][lo:at + 60]!r}")
                print(f"  GNU:  {theirs[1][lo:at + 60]!r}")
                print(f"  input ({len(data)} bytes): {data[:120]!r}")
                if keep:
                    # The failing inputs, to rerun the command by hand.
                    os.makedirs(keep, exist_ok=True)
                    for name in ("in1", "in2"):
                        shutil.copy(os.path.join(work, name), os.path.join(keep, f"{applet}-{seed}-{r}.{name}"))
                    print(f"  inputs kept in {keep}/{applet}-{seed}-{r}.in1 and .in2")
    if missing:
        print("not in this binary (not compared): " + " ".join(missing))
    shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
