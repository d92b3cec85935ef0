#!/usr/bin/env python3
"""Differential test of diff against GNU diffutils' on random file pairs.

    diff_diff.py MULTICALL [--seed N] [--cases N] [--gnu PATH]

Each case writes a random file and an edited copy of it (lines from a
small vocabulary so that lines repeat, with insertions, deletions,
replacements, case and white-space changes, blank lines, tabs, a missing
final newline now and then, and sometimes a few thousand lines so that
GNU's discarding of confusing lines and its cost cap come into play), then
runs ours and GNU's diff on them with a random output style (normal, -u,
-c, -e, -n, -y with a random -W, -U N, -C N, --suppress-common-lines,
--left-column, -t, -T) and random ignore options (-i -w -b -B -E -Z
--strip-trailing-cr -I RE); stdout, stderr and the exit status must be
equal. Runs in the C locale; skips (exit 0, with a message) when GNU's
diff is missing. Ends with "N passed, N failed".
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

WORDS = ["alpha", "beta", "gamma", "delta", "x", "y", "", "  ", "\t", "int main()", "{", "}",
         "return 0;", "Alpha", "BETA", "a  b", "a b", "a\tb", " a b ", "foo();", "bar", "#", "."]


def rand_line(r, vocab):
    w = r.choice(vocab)
    k = r.random()
    if k < 0.05:
        w = w + " "
    elif k < 0.08:
        w = "\t" + w
    elif k < 0.10:
        w = w + "\r"
    elif k < 0.12:
        w = w.upper()
    elif k < 0.13:
        w = w + "\x01\x7fz\bq"
    elif k < 0.14:
        w = "long " * r.randint(10, 40) + w
    return w


def mutate(r, lines, vocab):
    out = list(lines)
    edits = r.choice([0, 1, 1, 2, 3, 5, 8, 20])
    for _ in range(edits):
        op = r.randrange(7)
        pos = r.randint(0, len(out))
        if op == 0:
            for _ in range(r.randint(1, 4)):
                out.insert(pos, rand_line(r, vocab))
        elif op == 1 and out:
            del out[min(pos, len(out) - 1):min(pos, len(out) - 1) + r.randint(1, 4)]
        elif op == 2 and out:
            out[min(pos, len(out) - 1)] = rand_line(r, vocab)
        elif op == 3 and out:
            i = min(pos, len(out) - 1)
            out[i] = out[i].upper() if r.random() < 0.5 else out[i].swapcase()
        elif op == 4 and out:
            i = min(pos, len(out) - 1)
            out[i] = out[i].replace(" ", "  ").replace("a", "a ") + r.choice(["", " ", "\t"])
        elif op == 5:
            out.insert(pos, "")
        elif op == 6 and out:
            i = min(pos, len(out) - 1)
            out[i] = out[i].replace(" ", "\t")
    return out


def write(path, lines, newline_at_end):
    data = "\n".join(lines)
    if lines and newline_at_end:
        data += "\n"
    with open(path, "wb") as f:
        f.write(data.encode("latin-1"))


def rand_args(r):
    args = []
    style = r.choice(["", "-u", "-c", "-e", "-n", "-y", "-U", "-C", "-u", "", "-y"])
    if style == "-U" or style == "-C":
        args += [style, str(r.choice([0, 1, 2, 5]))]
    elif style:
        args.append(style)
    if style == "-y":
        if r.random() < 0.6:
            args += ["-W", str(r.choice([20, 33, 40, 41, 72, 80, 100, 131]))]
        if r.random() < 0.2:
            args.append("--suppress-common-lines")
        if r.random() < 0.2:
            args.append("--left-column")
    for opt in ["-i", "-w", "-b", "-B", "-E", "-Z", "--strip-trailing-cr", "-t", "-T", "-a"]:
        if r.random() < 0.12:
            args.append(opt)
    if r.random() < 0.05:
        args += ["-I", r.choice(["^#", "a.*b", "x"])]
    if style in ("-u", "-c", "-U", "-C") and r.random() < 0.5:
        args += ["--label", "L1", "--label", "L2"]
    if style in ("-u", "-c") and r.random() < 0.1:
        args.append("-p")
    return args


def main():
    argv = sys.argv[1:]
    mc = argv[0]
    seed, cases, gnu = 1, 500, "/usr/bin/diff"
    i = 1
    while i < len(argv):
        if argv[i] == "--seed":
            seed = int(argv[i + 1]); i += 2
        elif argv[i] == "--cases":
            cases = int(argv[i + 1]); i += 2
        elif argv[i] == "--gnu":
            gnu = argv[i + 1]; i += 2
        else:
            sys.exit("usage: diff_diff.py MULTICALL [--seed N] [--cases N] [--gnu PATH]")
    try:
        ver = subprocess.run([gnu, "--version"], capture_output=True).stdout
    except OSError:
        ver = b""
    if b"GNU diffutils" not in ver:
        print("skipped: GNU diff not found at", gnu)
        return 0
    tmp = tempfile.mkdtemp()
    link = os.path.join(tmp, "diff")
    os.symlink(os.path.abspath(mc), link)
    env = dict(os.environ, LC_ALL="C", TZ="UTC0")
    r = random.Random(seed)
    passed = failed = 0
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    for n in range(cases):
        big = r.random() < 0.04
        vocab = r.sample(WORDS, r.randint(2, len(WORDS)))
        size = r.randint(2000, 6000) if big else r.choice([0, 1, 2, 3, 5, 10, 20, 40, 80])
        la = [rand_line(r, vocab) for _ in range(size)]
        lb = mutate(r, la, vocab)
        if big:
            for _ in range(r.randint(1, 5)):
                lb = mutate(r, lb, vocab)
        write(a, la, r.random() > 0.1)
        write(b, lb, r.random() > 0.1)
        args = rand_args(r)
        # Both run as "diff" so that messages name the same program.
        ours = subprocess.run(["diff"] + args + ["a", "b"], executable=link, capture_output=True,
                              env=env, cwd=tmp)
        theirs = subprocess.run(["diff"] + args + ["a", "b"], executable=gnu, capture_output=True,
                                env=env, cwd=tmp)
        if (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr):
            passed += 1
            continue
        failed += 1
        if failed <= 5:
            keep = os.path.join(tmp, "fail%d" % n)
            os.mkdir(keep)
            shutil.copy(a, keep)
            shutil.copy(b, keep)
            print("FAIL case %d: diff %s a b (files in %s)" % (n, " ".join(args), keep))
            print("  ours  rc=%d stderr=%r" % (ours.returncode, ours.stderr[:200]))
            print("  GNU   rc=%d stderr=%r" % (theirs.returncode, theirs.stderr[:200]))
            ol, tl = ours.stdout.splitlines(), theirs.stdout.splitlines()
            for k in range(max(len(ol), len(tl))):
                if k >= len(ol) or k >= len(tl) or ol[k] != tl[k]:
                    print("  first difference at output line %d:" % (k + 1))
                    print("    ours: %r" % (ol[k] if k < len(ol) else None))
                    print("    GNU:  %r" % (tl[k] if k < len(tl) else None))
                    break
    print("%d passed, %d failed" % (passed, failed))
    if failed == 0:
        shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
