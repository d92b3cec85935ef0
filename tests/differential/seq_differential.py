#!/usr/bin/env python3
"""seq against GNU seq on random operands and options.

    seq_differential.py MULTICALL [--seed N] [--cases N]

Operands mix integers, decimals, exponents, hex, inf, leading zeros and
signs, numbers past 2^64; options mix -w, -s and -f. GNU's width and
precision rules and its long double rounding are intricate, so every
combination is compared: stdout, stderr and the exit status, with the
output cut at 3000 bytes (infinite sequences). Skips when /usr/bin/seq is
not GNU's. Ends with "N passed, N failed".
"""
import os
import random
import subprocess
import sys
import tempfile


def number(rng):
    sign = rng.choice(["", "", "", "-", "+"])
    r = rng.random()
    if r < 0.3:
        s = str(rng.randint(0, 30))
    elif r < 0.45:
        s = str(rng.randint(0, 3)) + "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 3)))
    elif r < 0.55:
        s = "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 3)))
    elif r < 0.7:
        s = (rng.choice(["1", "2", "1.5", "25", ".5", "1.", "10", "0.25", "3.125"]) + rng.choice("eE") +
             rng.choice(["", "+", "-"]) + str(rng.randint(0, 3)))
    elif r < 0.75:
        s = rng.choice(["0x10", "0x1p1", "0x1.8p1", "0X3", "inf", "0x0"])
    elif r < 0.85:
        s = "0" * rng.randint(0, 3) + str(rng.randint(0, 20))
    elif r < 0.92:
        s = str(rng.randint(10**18, 10**21))
    else:
        s = rng.choice(["1", "2", "3"]) + "." + "0" * rng.randint(1, 4) + "1"
    return sign + s


def arguments(rng):
    args = []
    if rng.random() < 0.3:
        args.append("-w")
    if rng.random() < 0.15:
        args += ["-s", rng.choice([",", "::", "", " "])]
    if rng.random() < 0.15 and "-w" not in args:
        args += ["-f", rng.choice(["%g", "%.3f", "%e", "x%gy", "%%%g%%", "%5.1f", "%-8gZ", "%a", "%G",
                                   "%#g", "%010.2f", "%d", "abc", "%g%g"])]
    ops = [number(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.05:
        ops[rng.randrange(len(ops))] = rng.choice(["x", "", "nan", "1 "])
    if any(o.startswith("-") for o in ops):
        args.append("--")
    return args + ops


def run(bindir, args):
    script = 'exec 2>&1; seq "$@" | head -c 3000; echo "rc=${PIPESTATUS[0]}"'
    env = {"LC_ALL": "C", "PATH": bindir}
    return subprocess.run(["bash", "-c", script, "seq"] + args, capture_output=True, env=env,
                          timeout=60).stdout


def main():
    multicall = os.path.abspath(sys.argv[1])
    seed, cases = 1, 400
    rest = sys.argv[2:]
    for i in range(0, len(rest) - 1, 2):
        if rest[i] == "--seed":
            seed = int(rest[i + 1])
        elif rest[i] == "--cases":
            cases = int(rest[i + 1])
    version = subprocess.run(["/usr/bin/seq", "--version"], capture_output=True).stdout
    if b"GNU coreutils" not in version:
        print("skipped: /usr/bin/seq is not GNU seq")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        ours, gnu = os.path.join(tmp, "ours"), os.path.join(tmp, "gnu")
        for d, target in ((ours, multicall), (gnu, "/usr/bin/seq")):
            os.mkdir(d)
            os.symlink(target, os.path.join(d, "seq"))
            for tool in ("bash", "head"):
                os.symlink("/usr/bin/" + tool if os.path.exists("/usr/bin/" + tool) else "/bin/" + tool,
                           os.path.join(d, tool))
        rng = random.Random(seed)
        passed = failed = 0
        for _ in range(cases):
            args = arguments(rng)
            a, b = run(gnu, args), run(ours, args)
            # A pipe closed early shows as 141 or 0 depending on buffering.
            if a == b or (len(a) > 3000 and a[:3000] == b[:3000]):
                passed += 1
                continue
            failed += 1
            print("FAIL: seq", " ".join(repr(x) for x in args))
            print("  gnu :", a[:400])
            print("  ours:", b[:400])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
