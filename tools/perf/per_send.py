"""Prints a perf profile of a fan-out (record-fanout.sh) per socket write.

Every event a subscriber gets is one write system call, and each of those spends its time in
the kernel's tcp_sendmsg. So the samples with tcp_sendmsg on their stack count the writes, and
every other group divided by them is that group's cost per write, in units of tcp_sendmsg's own
time: comparable between two servers and two runs without knowing how many writes a profile
holds.

    python3 tools/perf/per_send.py target/perf/charon.txt [target/perf/nchan.txt ...]
"""
import collections
import re
import sys

FRAME = re.compile(r"\s+([0-9a-f]+)\s+(.*)\s+\(([^)]*)\)\s*$")


def samples(path):
    """(thread name, [(symbol, object)] leaf first) for each sample of `perf script`."""
    current = None
    with open(path) as lines:
        for line in lines:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif not line.startswith("\t"):
                current = (line[:15].strip(), [])
            elif current is not None:
                m = FRAME.match(line)
                if m:
                    current[1].append((m.group(2), m.group(3)))
    if current:
        yield current


def group(thread):
    for prefix, name in (("charon-sse-writ", "stream writers"), ("http-nio", "request threads"),
                         ("C2 Compiler", "JIT compilers"), ("C1 Compiler", "JIT compilers"),
                         ("nginx", "nginx workers")):
        if thread.startswith(prefix):
            return name
    return "other threads"


def main(paths):
    for path in paths:
        counts = collections.Counter()
        sends = 0
        total = 0
        for thread, frames in samples(path):
            total += 1
            if any("tcp_sendmsg" in symbol for symbol, _ in frames):
                sends += 1
            mode = "kernel" if frames and "kernel" in frames[0][1] else "user"
            name = group(thread)
            if name == "request threads" and any("Fanout.publish" in symbol for symbol, _ in frames):
                name = "publishing"  # the broadcasters' delivery, on the thread of the GM's request
            counts[(name, mode)] += 1
        print(f"{path}: {total} samples, {sends} in tcp_sendmsg (the writes)")
        print(f"  {'threads':<18} {'mode':<7} {'samples':>8} {'per write':>10}")
        for (name, mode), n in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<18} {mode:<7} {n:>8} {n / max(sends, 1):>10.3f}")
        user = sum(n for (name, mode), n in counts.items() if mode == "user" and name != "JIT compilers")
        kernel = sum(n for (name, mode), n in counts.items() if mode == "kernel" and name != "JIT compilers")
        print(f"  without the JIT compilers: kernel {kernel / max(sends, 1):.3f}, user {user / max(sends, 1):.3f} per write")


if __name__ == "__main__":
    main(sys.argv[1:])
