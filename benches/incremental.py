#!/usr/bin/python3
"""incremental.py CORPUS_DIR WORK_DIR [--runs N] [--add N] [--threads N] [--memory-mb N]
                  [--newsdex BIN]

How much of a full `newsdex index` a re-run costs when the corpus did not change, gained
--add files (default 1,000) or lost them again (issue 6: at most 5% of the full build's wall
time). Each run, one after the other on the same machine so that the ratios share its load:

  full       index a copy of the corpus without the --add held-out files (--rebuild)
  unchanged  index it again, nothing changed
  add        move the held-out files in, index
  remove     move them out again, index

The corpus copy in WORK_DIR/corpus is made of hard links (no disk space, same mtimes); the
held-out files are every k-th file of the sorted listing, so they are spread over the folders.
Prints a markdown table (every run, then medians of the per-run ratios) and writes the samples
to WORK_DIR/incremental.jsonl. Python 3 stdlib only.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load1():
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


def run_timed(cmd):
    """Run cmd; return (wall s, CPU s of the child, its summary line on stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    return wall, cpu, summary


def corpus_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(os.path.relpath(os.path.join(dirpath, f), root)
                   for f in sorted(filenames) if not f.startswith("."))
    return sorted(out)


def move(names, src, dst):
    for name in names:
        target = os.path.join(dst, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.rename(os.path.join(src, name), target)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--memory-mb", type=int, default=256)
    ap.add_argument("--newsdex", default=os.path.join(REPO, "target/release/newsdex"))
    args = ap.parse_args()

    work = os.path.abspath(args.work)
    corpus, held, index = (os.path.join(work, d) for d in ("corpus", "held", "index"))
    if os.path.exists(held):
        move(corpus_files(held), held, corpus)
        shutil.rmtree(held)
    if not os.path.exists(corpus):
        os.makedirs(work, exist_ok=True)
        subprocess.run(["cp", "-al", os.path.abspath(args.corpus), corpus], check=True)
    names = corpus_files(corpus)
    step = max(1, len(names) // args.add)
    extra = names[::step][: args.add]
    print(f"corpus: {len(names)} files; held out and added back: {len(extra)}", file=sys.stderr)

    base = [args.newsdex, "index", "--corpus", corpus, "--index", index, "--quiet",
            "--threads", str(args.threads), "--memory-mb", str(args.memory_mb)]
    rows = []
    with open(os.path.join(work, "incremental.jsonl"), "a") as log:
        for run in range(1, args.runs + 1):
            move(extra, corpus, held)
            row = {"run": run, "files": len(names), "added": len(extra)}
            for phase, cmd in (("full", base + ["--rebuild"]), ("unchanged", base),
                               ("add", base), ("remove", base)):
                if phase == "add":
                    move(extra, held, corpus)
                elif phase == "remove":
                    move(extra, corpus, held)
                wall, cpu, summary = run_timed(cmd)
                row[phase] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                              "load1": load1(), "summary": summary}
                print(f"  run {run} {phase}: {wall:.2f} s wall, {cpu:.2f} s CPU | {summary}",
                      file=sys.stderr)
            move(extra, held, corpus)
            row["time"] = time.strftime("%Y-%m-%dT%H:%M:%S")
            log.write(json.dumps(row) + "\n")
            rows.append(row)

    phases = ("unchanged", "add", "remove")
    print("| run | full wall s | " + " | ".join(f"{p} wall s (% of full)" for p in phases)
          + " | load1 |")
    print("|---" * (len(phases) + 3) + "|")
    for r in rows:
        full = r["full"]["wall_s"]
        cells = [f"{r[p]['wall_s']:.2f} ({100 * r[p]['wall_s'] / full:.1f}%)" for p in phases]
        loads = [r[p]["load1"] for p in ("full",) + phases]
        print(f"| {r['run']} | {full:.1f} | " + " | ".join(cells)
              + f" | {min(loads):.1f}-{max(loads):.1f} |")
    med = lambda xs: statistics.median(xs)  # noqa: E731
    full = med([r["full"]["wall_s"] for r in rows])
    cells = []
    for p in phases:
        pct = med([100 * r[p]["wall_s"] / r["full"]["wall_s"] for r in rows])
        cpu = med([100 * r[p]["cpu_s"] / r["full"]["cpu_s"] for r in rows])
        cells.append(f"{med([r[p]['wall_s'] for r in rows]):.2f} ({pct:.1f}%; CPU {cpu:.1f}%)")
    print(f"| median | {full:.1f} | " + " | ".join(cells) + " | |")


if __name__ == "__main__":
    main()
