#!/usr/bin/env python3
"""Differential test of test and [ against GNU coreutils on random expressions.

    test_expr.py MULTICALL [--seed N] [--cases N] [--gnu-test PATH] [--gnu-bracket PATH]

Each case draws an expression from a small grammar (unary file and string
tests, string, integer and file comparisons, !, -a, -o, parentheses) over
operands that include fixture files of every type, tricky integers (blanks,
signs, long digit strings, -l STRING) and words that look like operators,
and sometimes mangles it (drops, duplicates or swaps a word) to reach the
error paths. Ours and GNU's run with the same argv[0] ("test", or "[" with a
closing "]") in the same directory; stdout, stderr and the exit status must
be equal. Runs in the C locale. Skips (exit 0, with a message) when GNU's
test is not installed. Ends with "N passed, N failed".
"""
import os
import random
import subprocess
import sys
import tempfile
import time

FILE_OPS = ["-b", "-c", "-d", "-e", "-f", "-g", "-G", "-h", "-L", "-k", "-N", "-O",
            "-p", "-r", "-s", "-S", "-u", "-w", "-x"]
STRING_UNARY = ["-n", "-z"]
STRING_BINARY = ["=", "==", "!=", "<", ">"]
INT_BINARY = ["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]
FILE_BINARY = ["-ef", "-nt", "-ot"]
INTEGERS = ["0", "1", "-1", "+7", "007", "-0", " 3", "3 ", "\t4\t", "12345678901234567890123",
            "-12345678901234567890123", "99999999999999999999", "1a", "", "+", "-", " ",
            "0x10", "1e3", "--1", "+-1"]
WORDS = ["", "a", "b", "abc", "!", "(", ")", "-a", "-o", "=", "-n", "-z", "-l", "-f", "x y",
         "--help", "--version", "]", "-", "--", "-eq", "-q", "-ef", "<"]


def make_fixtures(d):
    os.chdir(d)
    with open("file", "w") as f:
        f.write("data\n")
    open("empty", "w").close()
    os.mkdir("dir")
    os.mkfifo("fifo")
    os.symlink("file", "link")
    os.symlink("missing-target", "dangling")
    os.link("file", "hardlink")
    with open("exec", "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod("exec", 0o755)
    with open("old", "w") as f:
        f.write("old\n")
    os.utime("old", (1000000000, 1000000000))
    with open("sticky", "w"):
        pass
    os.chmod("sticky", 0o1644)
    with open("setid", "w"):
        pass
    os.chmod("setid", 0o6755)
    with open("unread", "w"):
        pass
    os.chmod("unread", 0o000)
    with open("modified", "w") as f:
        f.write("x")
    now = time.time()
    os.utime("modified", (now - 100, now))  # atime older than mtime: -N true
    return ["file", "empty", "dir", "fifo", "link", "dangling", "hardlink", "exec", "old",
            "sticky", "setid", "unread", "modified", "missing", "/dev/null", "/dev/tty",
            "/", ""]


class Gen:
    def __init__(self, rng, files):
        self.rng = rng
        self.files = files

    def operand(self):
        r = self.rng.random()
        if r < 0.4:
            return [self.rng.choice(self.files)]
        if r < 0.7:
            return [self.rng.choice(WORDS)]
        return [self.rng.choice(INTEGERS)]

    def integer(self):
        if self.rng.random() < 0.1:
            return ["-l", self.rng.choice(WORDS + self.files)]
        return [self.rng.choice(INTEGERS)]

    def primary(self):
        r = self.rng.random()
        if r < 0.3:
            return [self.rng.choice(FILE_OPS)] + [self.rng.choice(self.files)]
        if r < 0.4:
            return [self.rng.choice(STRING_UNARY)] + self.operand()
        if r < 0.5:
            return ["-t", self.rng.choice(["0", "1", "2", "9", "-1", "x", "99999999999"])]
        if r < 0.62:
            return self.operand() + [self.rng.choice(STRING_BINARY)] + self.operand()
        if r < 0.8:
            return self.integer() + [self.rng.choice(INT_BINARY)] + self.integer()
        if r < 0.9:
            return [self.rng.choice(self.files), self.rng.choice(FILE_BINARY),
                    self.rng.choice(self.files)]
        return self.operand()

    def expr(self, depth=0):
        r = self.rng.random()
        if depth > 3 or r < 0.45:
            return self.primary()
        if r < 0.6:
            return ["!"] + self.expr(depth + 1)
        if r < 0.75:
            return ["("] + self.expr(depth + 1) + [")"]
        return self.expr(depth + 1) + [self.rng.choice(["-a", "-o"])] + self.expr(depth + 1)

    def case(self):
        words = self.expr()
        r = self.rng.random()
        if r < 0.05:
            words = []
        elif r < 0.12 and words:
            del words[self.rng.randrange(len(words))]
        elif r < 0.18:
            words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(WORDS))
        elif r < 0.22 and len(words) > 1:
            i = self.rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        elif r < 0.35:
            words = [self.rng.choice(WORDS + self.files + INTEGERS) for _ in range(self.rng.randint(1, 4))]
        return words


def run(exe, argv0, args, env):
    p = subprocess.run([argv0] + args, executable=exe, stdin=subprocess.DEVNULL,
                       capture_output=True, env=env, timeout=10)
    return p.returncode, p.stdout, p.stderr


def main():
    argv = sys.argv[1:]
    if not argv:
        print(__doc__)
        return 2
    ours = os.path.abspath(argv[0])
    seed, cases = 1, 2000
    gnu_test, gnu_bracket = "/usr/bin/test", "/usr/bin/["
    i = 1
    while i < len(argv):
        if argv[i] == "--seed":
            seed = int(argv[i + 1])
        elif argv[i] == "--cases":
            cases = int(argv[i + 1])
        elif argv[i] == "--gnu-test":
            gnu_test = argv[i + 1]
        elif argv[i] == "--gnu-bracket":
            gnu_bracket = argv[i + 1]
        else:
            print("test_expr.py: unknown argument " + argv[i], file=sys.stderr)
            return 2
        i += 2
    for g in (gnu_test, gnu_bracket):
        if not os.access(g, os.X_OK):
            print("SKIP: GNU test not found at %s; nothing compared" % g)
            return 0
    env = {"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
    rng = random.Random(seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR")) as d:
        gen = Gen(rng, make_fixtures(d))
        for _ in range(cases):
            words = gen.case()
            bracket = rng.random() < 0.3
            if bracket:
                args = words + ["]"] if rng.random() < 0.95 else words
                want = run(gnu_bracket, "[", args, env)
                got = run(ours, "[", args, env)
            else:
                args = words
                want = run(gnu_test, "test", args, env)
                got = run(ours, "test", args, env)
            if want == got:
                passed += 1
            else:
                failed += 1
                if failed <= 20:
                    print("FAIL: %s %r" % ("[" if bracket else "test", args))
                    print("  GNU:  %r" % (want,))
                    print("  ours: %r" % (got,))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
