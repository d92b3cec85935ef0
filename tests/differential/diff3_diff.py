#!/usr/bin/env python3
"""Differential test of diff3 against GNU diffutils' on random file triples.

    diff3_diff.py MULTICALL [--seed N] [--cases N] [--gnu PATH]

Each case writes an OLDER file of lines from a small vocabulary and two
edited copies (MINE and YOURS, sometimes with the same edit, sometimes
overlapping ones, now and then without a final newline), then runs ours
and GNU's diff3 with a random option set (normal output, -T, -e, -E, -x,
-X, -3, -A, -i, -m, -L labels); stdout, stderr and the exit status must be
equal. Skips (exit 0, with a message) when GNU's diff3 is missing.
Ends with "N passed, N failed".
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

WORDS = ["a", "b", "c", "d", "e", "f", ".", ".x", "", "g h", "tab\there"]


def mutate(r, lines):
    out = list(lines)
    for _ in range(r.choice([0, 1, 1, 2, 3, 5])):
        op = r.randrange(3)
        pos = r.randint(0, len(out))
        if op == 0:
            out[pos:pos] = [r.choice(WORDS) + str(r.randint(0, 3)) for _ in range(r.randint(1, 3))]
        elif op == 1 and out:
            del out[pos:pos + r.randint(1, 3)]
        elif out:
            out[min(pos, len(out) - 1)] = r.choice(WORDS)
    return out


def write(path, lines, nl):
    data = "\n".join(lines) + ("\n" if lines and nl else "")
    with open(path, "w") as f:
        f.write(data)


def main():
    argv = sys.argv[1:]
    mc = argv[0]
    seed, cases, gnu = 1, 500, "/usr/bin/diff3"
    i = 1
    while i < len(argv):
        if argv[i] == "--seed":
            seed = int(argv[i + 1]); i += 2
        elif argv[i] == "--cases":
            cases = int(argv[i + 1]); i += 2
        elif argv[i] == "--gnu":
            gnu = argv[i + 1]; i += 2
        else:
            sys.exit("usage: diff3_diff.py MULTICALL [--seed N] [--cases N] [--gnu PATH]")
    try:
        ver = subprocess.run([gnu, "--version"], capture_output=True).stdout
    except OSError:
        ver = b""
    if b"GNU diffutils" not in ver:
        print("skipped: GNU diff3 not found at", gnu)
        return 0
    tmp = tempfile.mkdtemp()
    link = os.path.abspath(mc)
    env = dict(os.environ, LC_ALL="C")
    r = random.Random(seed)
    passed = failed = 0
    for n in range(cases):
        older = [r.choice(WORDS) for _ in range(r.choice([0, 1, 3, 6, 12, 30]))]
        mine = mutate(r, older)
        yours = mine if r.random() < 0.1 else mutate(r, older)
        if r.random() < 0.2:
            yours = mutate(r, mine)
        write(os.path.join(tmp, "mine"), mine, r.random() > 0.05)
        write(os.path.join(tmp, "older"), older, r.random() > 0.05)
        write(os.path.join(tmp, "yours"), yours, r.random() > 0.05)
        args = r.choice([[], [], ["-T"], ["-e"], ["-E"], ["-x"], ["-X"], ["-3"], ["-A"], ["-m"],
                         ["-m"], ["-e", "-i"], ["-A", "-i"], ["-m", "-E"], ["-m", "-3"], ["-m", "-x"],
                         ["-A", "-L", "M", "-L", "O"], ["-m", "-L", "x"]])
        cmd = ["diff3"] + args + ["mine", "older", "yours"]
        ours = subprocess.run(cmd, executable=link, capture_output=True, env=env, cwd=tmp)
        theirs = subprocess.run(cmd, executable=gnu, capture_output=True, env=env, cwd=tmp)
        if (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr):
            passed += 1
            continue
        failed += 1
        if failed <= 5:
            keep = os.path.join(tmp, "fail%d" % n)
            os.mkdir(keep)
            for f in ("mine", "older", "yours"):
                shutil.copy(os.path.join(tmp, f), keep)
            print("FAIL case %d: %s (files in %s)" % (n, " ".join(cmd), keep))
            print("  ours  rc=%d out=%r err=%r" % (ours.returncode, ours.stdout[:300], ours.stderr[:200]))
            print("  GNU   rc=%d out=%r err=%r" % (theirs.returncode, theirs.stdout[:300], theirs.stderr[:200]))
    print("%d passed, %d failed" % (passed, failed))
    if failed == 0:
        shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
