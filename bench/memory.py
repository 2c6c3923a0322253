"""Peak memory of the server after 1,000 consultations (three turns each).

    .venv/bin/python -m bench.memory [--consultations 1000] [--workers 32]

Peak resident set size (``VmHWM`` in /proc/<pid>/status) of gunicorn's largest worker with
the processes it started (the advisor's answering process), and of its master, for the
advisor and for the bare Bolt app after the same load.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from bench.harness import running
from harness.load import IndexedFakeSlack, check, play_many


def vm_kib(pid: int, field: str) -> int:
    """A ``Vm*`` line of /proc/<pid>/status, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(f"{field} not in /proc/{pid}/status")


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(p) for p in text]
    return found


def peaks(pid: int) -> dict[str, int]:
    """Peak RSS in KiB of the master and of its largest worker, its own children added."""
    workers = children(pid)
    return {
        "master": vm_kib(pid, "VmHWM"),
        "worker": max(
            (vm_kib(w, "VmHWM") + sum(vm_kib(c, "VmHWM") for c in children(w)) for w in workers),
            default=0,
        ),
    }


def measure(consultations: int, workers: int) -> dict[str, dict[str, float]]:
    """{app: {"before": KiB, "after": KiB, "seconds": s, "problems": n}} per app."""
    results: dict[str, dict[str, float]] = {}
    with IndexedFakeSlack() as fake, running(fake) as targets:
        for name, target in targets.items():
            pid = target.server.pid
            assert pid is not None
            play_many(fake, target.sender(), 5, channels=5, workers=5, prefix=f"CW{name[:3]}")
            before = peaks(pid)
            start = time.monotonic()
            outcomes = play_many(
                fake,
                target.sender(),
                consultations,
                channels=50,
                workers=workers,
                timeout=120,
                prefix=f"CM{name[:3].upper()}",
            )
            seconds = time.monotonic() - start
            after = peaks(pid)
            results[name] = {
                "worker_before": before["worker"],
                "worker_after": after["worker"],
                "master_after": after["master"],
                "seconds": seconds,
                "problems": len(check(fake, outcomes)),
            }
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultations", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=32)
    args = parser.parse_args(argv)
    results = measure(args.consultations, args.workers)
    print(f"{args.consultations} consultations x 3 turns, {args.workers} at a time")
    print(f"{'app':<8} {'worker MiB before':>18} {'worker MiB peak':>16} {'master MiB':>11}")
    for name, r in results.items():
        print(
            f"{name:<8} {r['worker_before'] / 1024:>18.1f} {r['worker_after'] / 1024:>16.1f} "
            f"{r['master_after'] / 1024:>11.1f}   "
            f"({r['seconds']:.0f} s, {r['problems']:.0f} problems)"
        )


if __name__ == "__main__":
    main()
