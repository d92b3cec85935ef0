#!/usr/bin/env python3
"""grep against GNU grep on random patterns over random texts.

    grep_differential.py MULTICALL [--seed N] [--cases N]

Patterns come from a small grammar (literals, ., bracket expressions, *,
+, ?, intervals, alternation, groups, anchors, \\w \\b \\< \\>), written as
an ERE for -E and as the equivalent BRE (GNU's \\+ \\? \\| \\( \\) \\{ \\})
for -G; -F gets literals. Each case runs with a random mix of -i -w -x -v
-c -o -n and compares stdout, stderr and the exit status. Skips when
/usr/bin/grep is not GNU's. Ends with "N passed, N failed".
"""
import os
import random
import subprocess
import sys
import tempfile

ALPHA = "abcAB_ -x.1"


def atom(rng, depth):
    r = rng.random()
    if r < 0.45:
        return ("lit", rng.choice("abcABx_ -1"))
    if r < 0.55:
        return ("any",)
    if r < 0.68:
        neg = rng.random() < 0.3
        body = "".join(rng.sample("abcx_1", rng.randint(1, 3)))
        if rng.random() < 0.2:
            body += "-"  # last: a literal '-', not a range (GNU's dfa and
            # glibc disagree on reversed ranges under -i)
        if rng.random() < 0.2:
            body = rng.choice(["[:alpha:]", "[:digit:]", "[:space:]", "a-c"])
        return ("br", neg, body)
    if r < 0.75:
        return ("esc", rng.choice(["w", "W", "s", "b", "<", ">"]))
    if r < 0.85 and depth < 2:
        return ("grp", regex(rng, depth + 1))
    return ("lit", rng.choice("abc"))


def piece(rng, depth):
    a = atom(rng, depth)
    if a[0] == "esc" and a[1] in "b<>":
        return (a, None)
    r = rng.random()
    if r < 0.6:
        return (a, None)
    q = rng.choice(["*", "+", "?", "{1}", "{0,2}", "{2,}", "{1,3}"])
    return (a, q)


def branch(rng, depth):
    return [piece(rng, depth) for _ in range(rng.randint(1, 4))]


def regex(rng, depth=0):
    alts = [branch(rng, depth)]
    while rng.random() < 0.2 and len(alts) < 3:
        alts.append(branch(rng, depth))
    return alts


def render(ast, ere):
    def atom_s(a):
        k = a[0]
        if k == "lit":
            c = a[1]
            return "\\." if c == "." else c
        if k == "any":
            return "."
        if k == "br":
            return "[" + ("^" if a[1] else "") + a[2] + "]"
        if k == "esc":
            return "\\" + a[1]
        inner = render(a[1], ere)
        return "(" + inner + ")" if ere else "\\(" + inner + "\\)"

    def quant(q):
        if q is None:
            return ""
        if ere:
            return q
        if q in "+?":
            return "\\" + q
        if q == "*":
            return q
        return "\\{" + q[1:-1] + "\\}"

    out = []
    for br in ast:
        out.append("".join(atom_s(a) + quant(q) for a, q in br))
    return ("|" if ere else "\\|").join(out)


def pattern(rng, mode):
    if mode == "-F":
        return "".join(rng.choice("abcAB_ x") for _ in range(rng.randint(0, 3)))
    p = render(regex(rng), mode == "-E")
    if rng.random() < 0.15:
        p = "^" + p
    if rng.random() < 0.15:
        p = p + "$"
    return p


def text(rng):
    lines = []
    for _ in range(rng.randint(1, 12)):
        n = rng.choice([0, 1, 2, 3, 5, 8, 13])
        lines.append("".join(rng.choice(ALPHA) for _ in range(n)))
    return "\n".join(lines) + ("\n" if rng.random() < 0.9 else "")


def main():
    multicall = os.path.abspath(sys.argv[1])
    seed, cases = 1, 1000
    rest = sys.argv[2:]
    for i in range(0, len(rest) - 1, 2):
        if rest[i] == "--seed":
            seed = int(rest[i + 1])
        elif rest[i] == "--cases":
            cases = int(rest[i + 1])
    try:
        version = subprocess.run(["/usr/bin/grep", "--version"], capture_output=True).stdout
    except OSError:
        version = b""
    if b"GNU grep" not in version:
        print("skipped: /usr/bin/grep is not GNU grep")
        return 0
    rng = random.Random(seed)
    passed = failed = 0
    env = {"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
    with tempfile.TemporaryDirectory() as tmp:
        ours = os.path.join(tmp, "grep")
        os.symlink(multicall, ours)
        path = os.path.join(tmp, "input")
        for _ in range(cases):
            mode = rng.choice(["-E", "-G", "-F"])
            pats = [pattern(rng, mode) for _ in range(1 if rng.random() < 0.85 else 2)]
            opts = [mode]
            for o in ["-i", "-w", "-x", "-v", "-c", "-o", "-n"]:
                # -w with -x: GNU 3.8 prints a spurious empty -o match.
                if rng.random() < 0.15 and not (o == "-x" and "-w" in opts):
                    opts.append(o)
            args = opts + sum((["-e", p] for p in pats), [])
            with open(path, "w") as f:
                f.write(text(rng))
            a = subprocess.run(["grep"] + args + [path], executable="/usr/bin/grep", capture_output=True,
                               env=env, timeout=30)
            b = subprocess.run([ours] + args + [path], capture_output=True, env=env, timeout=30)
            if (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr):
                passed += 1
                continue
            failed += 1
            print("FAIL: grep", " ".join(repr(x) for x in args))
            with open(path) as f:
                print("  input:", repr(f.read()))
            print("  gnu :", a.returncode, a.stdout[:300], a.stderr[:200])
            print("  ours:", b.returncode, b.stdout[:300], b.stderr[:200])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
