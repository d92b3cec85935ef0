#!/usr/bin/env python3
"""Black-box fuzzer: every applet with random options and random stdin.

    scripts/fuzz_applets.py MULTICALL [-n RUNS] [-s SEED] [APPLET...]

For each applet it reads the options from the applet's own --help, builds
random argument vectors from them (right arity, short/long/attached forms,
values from a pool of edge-case numbers and strings, fixture operands) and
random stdin, and runs the applet under a timeout in a fresh directory. A
death by a signal other than SIGPIPE, or a timeout, is a failure; its argv
and stdin are saved under .cache/fuzz/applets/. Ends with
"N passed, N failed" (one per applet). Runs are reproducible from
"APPLET:SEED:I".
"""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile

NUMBERS = ["0", "1", "-1", "2", "7", "10", "255", "2147483647", "2147483648", "4294967296",
           "9223372036854775807", "18446744073709551616", "99999999999999999999", "1e308", "inf",
           "nan", "1K", "1M", "1kB", "1b", "0x10", "010", "", "-0", "+3", "1.5", "3,1", "1-2"]
STRINGS = ["%d", "%s%s", "%*d", "%.*f", "%b", "%q", "\\", "\\n", "\\0", "[:alpha:]", "a-z", "[=a=]",
           "[a*3]", "/x/", "%%", "{*}", "1,2", "1.2b,2n", "x2", "d4", "\xff\xfe", "é", "-", "--",
           "l/3", "r/2/3", ":", "\t", " ", "a", "abc", "1/1 \"%x\"", "\"%_ad\"", "sha256", "md5"]
OPERANDS = ["f", "f2", "empty", "dir", "missing", "-", "nums"]
# Applets that never end on their own, or only after their time argument.
SKIP = {"yes"}
SHORT_TIMEOUT = {"sleep": 2, "tail": 2}


def options_from_help(mc, applet):
    out = subprocess.run([mc, applet, "--help"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         timeout=10).stdout.decode("utf-8", "replace")
    opts = []
    for line in out.splitlines():
        m = re.match(r"\s+(-\w)?(?:,\s*)?(--[\w-]+)?(=?\[?=?[A-Z][A-Z_]*\]?| [A-Z][A-Z_]*)?", line)
        if not m or not (m.group(1) or m.group(2)):
            continue
        arg = m.group(3) or ""
        arity = "optional" if "[" in arg else ("required" if arg.strip("= ") else "none")
        opts.append((m.group(1), m.group(2), arity))
    return opts


def value(rng):
    return rng.choice(NUMBERS) if rng.random() < 0.6 else rng.choice(STRINGS)


def argv_for(rng, opts):
    args = []
    for _ in range(rng.randint(0, 6)):
        r = rng.random()
        if opts and r < 0.65:
            short, long_, arity = rng.choice(opts)
            name = short if (short and (not long_ or rng.random() < 0.5)) else long_
            if arity == "none":
                args.append(name)
            elif arity == "optional":
                args.append(name + ("=" + value(rng) if rng.random() < 0.5 else ""))
            elif name.startswith("--") and rng.random() < 0.5:
                args.append(name + "=" + value(rng))
            elif not name.startswith("--") and rng.random() < 0.3:
                args.append(name + value(rng))
            else:
                args += [name, value(rng)]
        elif r < 0.9:
            args.append(rng.choice(OPERANDS))
        elif r < 0.95:
            args.append("--")
        else:
            args.append(value(rng))
    return args


def stdin_for(rng):
    kind = rng.randint(0, 3)
    n = rng.randint(0, 4096)
    if kind == 0:
        return bytes(rng.getrandbits(8) for _ in range(n))
    if kind == 1:
        return "".join(rng.choice("ab c\t\n\\0%-:,") for _ in range(n)).encode()
    if kind == 2:
        return "".join(f"{rng.randint(-1000, 1000)}\n" for _ in range(n // 8)).encode()
    return b"a\0b\nc\xff\n" * (n // 8)


def fixtures(d):
    with open(os.path.join(d, "f"), "w") as f:
        f.write("a\nb\nc\n")
    with open(os.path.join(d, "f2"), "w") as f:
        f.write("x y\n1 2\n\tz\n")
    with open(os.path.join(d, "nums"), "w") as f:
        f.write("".join(f"{i}\n" for i in range(100, 0, -7)))
    open(os.path.join(d, "empty"), "w").close()
    os.mkdir(os.path.join(d, "dir"))


def main():
    argv = sys.argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    mc = os.path.abspath(argv.pop(0))
    runs, seed = 100, "0"
    applets = []
    while argv:
        a = argv.pop(0)
        if a == "-n":
            runs = int(argv.pop(0))
        elif a == "-s":
            seed = argv.pop(0)
        else:
            applets.append(a)
    crashdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".cache", "fuzz", "applets")
    # A copy named multicall, whatever the binary's own name.
    bindir = tempfile.mkdtemp(prefix="mcfuzz-bin.")
    shutil.copy(mc, os.path.join(bindir, "multicall"))
    mc = os.path.join(bindir, "multicall")
    if not applets:
        applets = subprocess.run([mc, "--list"], stdout=subprocess.PIPE, check=True).stdout.decode().split()
    subprocess.run([os.path.join(bindir, "multicall"), "--install", "--symlink", bindir],
                   stdout=subprocess.DEVNULL, check=True)
    env = dict(os.environ, LC_ALL="C", PATH=bindir + ":" + os.environ.get("PATH", ""))
    passed = failed = 0
    for applet in applets:
        if applet in SKIP:
            continue
        opts = options_from_help(mc, applet)
        bad = []
        for i in range(runs):
            rng = random.Random(f"{applet}:{seed}:{i}")
            args, data = argv_for(rng, opts), stdin_for(rng)
            work = tempfile.mkdtemp(prefix="mcfuzz.")
            fixtures(work)
            run_env = dict(env, TMPDIR=work, LC_ALL=rng.choice(["C", "C.UTF-8"]))
            try:
                p = subprocess.run([os.path.join(bindir, applet)] + args, input=data, cwd=work, env=run_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   timeout=SHORT_TIMEOUT.get(applet, 5))
                rc = p.returncode
                problem = rc < 0 and rc != -signal.SIGPIPE and f"signal {signal.Signals(-rc).name}"
            except subprocess.TimeoutExpired:
                problem = "timeout"
                # Not a hang when the reference tool (GNU, util-linux, zstd)
                # takes as long: tail -f, shuf -r, expand --tabs=2^32 ...
                ref = shutil.which(applet, path=os.environ.get("PATH", ""))
                if ref:
                    shutil.rmtree(work, ignore_errors=True)
                    work = tempfile.mkdtemp(prefix="mcfuzz.")
                    fixtures(work)
                    try:
                        subprocess.run([ref] + args, input=data, cwd=work, env=dict(run_env, PATH=os.environ["PATH"]),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       timeout=SHORT_TIMEOUT.get(applet, 5))
                    except subprocess.TimeoutExpired:
                        problem = None
            if problem:
                bad.append(i)
                os.makedirs(crashdir, exist_ok=True)
                base = os.path.join(crashdir, f"{applet}-{seed}-{i}")
                with open(base + ".argv", "w") as f:
                    f.write(repr([applet] + args) + "\n")
                with open(base + ".stdin", "wb") as f:
                    f.write(data)
                print(f"FAIL: {applet}:{seed}:{i}: {problem}: {[applet] + args!r} (stdin {base}.stdin)")
            shutil.rmtree(work, ignore_errors=True)
        if bad:
            failed += 1
        else:
            passed += 1
    shutil.rmtree(bindir, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
