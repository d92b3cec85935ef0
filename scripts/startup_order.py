#!/usr/bin/env python3
"""Writes the linker's symbol ordering file for start-up: the functions and
data objects that applets touch on an empty input, in first-touch order.

    scripts/startup_order.py BINARY OUT [APPLET...]

BINARY is an unstripped build of the multicall binary. Each applet runs once
under valgrind's lackey tool (every instruction fetch and data access is
traced) through a link named after it, with empty standard input and output
to /dev/null; every traced address inside the binary is mapped to the symbol
that contains it. lld then places those symbols' sections side by side
(--symbol-ordering-file), so the code and data of start-up share a few pages
instead of being spread over the whole binary: fewer page faults on every
exec. Names that a later build no longer has are skipped by the linker, so
the file stays useful across small changes; regenerate it now and then
(scripts/bloat.sh --order does).
"""
import bisect
import os
import subprocess
import sys
import tempfile

# Applets and arguments traced: every applet with no operands reads its empty
# stdin; those that need an operand get a harmless one.
DEFAULT_RUNS = [
    ["true"], ["false"], ["echo", "x"], ["cat"], ["sort"], ["sort", "-n"], ["wc"],
    ["head"], ["tail"], ["sha256sum"], ["md5sum"], ["sha1sum"], ["b2sum"], ["cksum"],
    ["cut", "-f1"], ["tr", "a", "b"], ["uniq"], ["base64"], ["basename", "a/b"],
    ["dirname", "a/b"], ["tee"], ["tac"], ["od"], ["nl"], ["fold"], ["expand"],
    ["unexpand"], ["paste", "-"], ["comm", "-", "/dev/null"], ["join", "-", "/dev/null"],
    ["seq", "1"], ["printf", "x"], ["env"], ["pwd"], ["yes", "--version"], ["rev"],
    ["fmt"], ["shuf"], ["tsort"], ["split", "--version"], ["xxd"], ["hexdump"], ["cmp", "-", "/dev/null"],
    ["zstd", "-c"], ["zstdcat"], ["printenv", "HOME"], ["sleep", "0"], ["sum"],
]


def symbols(binary):
    """Sorted (start, end, name) of the binary's defined sized symbols."""
    out = subprocess.run(["nm", "-n", "-S", "--defined-only", binary],
                         check=True, capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        addr, size, kind, name = parts
        if kind in "Uu" or int(size, 16) == 0:
            continue
        start = int(addr, 16)
        syms.append((start, start + int(size, 16), name))
    syms.sort()
    return syms


def trace(binary, argv, tmp):
    link = os.path.join(tmp, argv[0])
    if not os.path.lexists(link):
        os.symlink(os.path.abspath(binary), link)
    log = os.path.join(tmp, "lackey.txt")
    with open(os.devnull, "rb") as devnull_in, open(os.devnull, "wb") as devnull_out:
        subprocess.run(["valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + log,
                        link] + argv[1:], stdin=devnull_in, stdout=devnull_out,
                       stderr=devnull_out, cwd=tmp, check=False)
    with open(log) as f:
        for line in f:
            if line.startswith("=="):
                continue
            fields = line.split()
            if len(fields) == 2:
                yield int(fields[1].split(",")[0], 16)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, out = sys.argv[1], sys.argv[2]
    runs = [[a] for a in sys.argv[3:]] or DEFAULT_RUNS
    syms = symbols(binary)
    starts = [s[0] for s in syms]
    order, seen = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for argv in runs:
            for addr in trace(binary, argv, tmp):
                i = bisect.bisect_right(starts, addr) - 1
                if i < 0 or addr >= syms[i][1]:
                    continue
                name = syms[i][2]
                if name not in seen:
                    seen.add(name)
                    order.append(name)
    with open(out, "w") as f:
        f.write("".join(n + "\n" for n in order))
    print(f"{out}: {len(order)} symbols from {len(runs)} runs")


if __name__ == "__main__":
    main()
