#!/usr/bin/python3
"""rerun_ab.py CORPUS_DIR INDEX_DIR BIN_A BIN_B [--runs N] [--threads N] [--memory-mb N]

Unchanged re-runs of `newsdex index` by two builds on one corpus and its built index,
alternated (A B, then B A, ...) so that both share the machine's load: wall, CPU, and the
peaks of anonymous memory (RssAnon) and of the resident set (VmRSS) of each run, each run's
summary line, then medians per build. The index must be built first (`newsdex index`), by
either build if they share the index layout; both must find every file unchanged. Every run
is `nice -n 19`. Python 3 stdlib only.
"""
import argparse
import os

import measure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("index")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-mb", type=int, default=256)
    args = ap.parse_args()
    samples = {args.a: [], args.b: []}
    for run in range(args.runs):
        for build in (args.a, args.b) if run % 2 == 0 else (args.b, args.a):
            m = measure.run(
                ["nice", "-n", "19", build, "index", "--corpus", args.corpus,
                 "--index", args.index, "--threads", str(args.threads),
                 "--memory-mb", str(args.memory_mb)]
            )
            load = os.getloadavg()[0]
            samples[build].append(m)
            print(f"{build} run {run}: wall {m.wall_s:.2f} s, CPU {m.cpu_s:.2f} s, "
                  f"RssAnon {m.anon_mb:.0f} MB, VmRSS {m.rss_mb:.0f} MB, load1 {load:.1f} "
                  f"| {m.last_line()}", flush=True)
    print("| build | runs | wall, median (each) | CPU, median | RssAnon peak, median (max) "
          "| VmRSS, median |")
    print("|---|---|---|---|---|---|")
    for build, ms in samples.items():
        walls = ", ".join(f"{m.wall_s:.2f}" for m in ms)
        print(f"| {build} | {len(ms)} | {measure.median([m.wall_s for m in ms]):.2f} s "
              f"({walls}) | {measure.median([m.cpu_s for m in ms]):.2f} s | "
              f"{measure.median([m.anon_mb for m in ms]):.0f} MB "
              f"({max(m.anon_mb for m in ms):.0f}) | "
              f"{measure.median([m.rss_mb for m in ms]):.0f} MB |")


if __name__ == "__main__":
    main()
