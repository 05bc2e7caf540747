#!/usr/bin/python3
"""queries_ab.py INDEX BIN_A BIN_B [--queries FILE ...] [--rounds 3] [--iterations 10]
                [--searches 20] [--articles]

Query latency of two newsdex binaries on the same index, in alternating runs (A, B, A, B, ...)
so that a busy machine slows both alike. Each round runs, for each binary:

  bench     `newsdex bench --format json` over each query file (snippets on): p50 and p99 of
            each kind of query (terms, and, phrase, filtered) and of all of them
  articles  with --articles, the same without collapsing (`bench --articles`), for the cost of
            one hit per story
  search    whole-process `newsdex search QUERY` over five queries, --searches runs each:
            wall time, and CPU time (user + system), which a busy machine disturbs less

and prints the median over the rounds of each figure, A beside B, with the load average seen
during the runs. Python 3 stdlib only.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

SEARCHES = ["oil", "interest rates", '"central bank"', "merger talks", "election"]


def bench(binary, index, queries, iterations, articles):
    """{kind: (p50, p99)} of one `newsdex bench` run, "all" for every query."""
    cmd = [binary, "bench", "--index", index, "--queries", queries,
           "--iterations", str(iterations), "--format", "json"]
    if articles:
        cmd.append("--articles")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    figures = {g["name"]: (g["latency"]["p50_ms"], g["latency"]["p99_ms"]) for g in report["kinds"]}
    figures["all"] = (report["overall"]["latency"]["p50_ms"], report["overall"]["latency"]["p99_ms"])
    return figures, report["index"]["segments"]


def whole_search(binary, index, runs):
    """Wall and CPU (user + system) times in ms of `runs` whole-process searches of each of
    SEARCHES."""
    walls, cpus = [], []
    for _ in range(runs):
        for query in SEARCHES:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([binary, "search", "--index", index, query],
                           check=False, capture_output=True)
            walls.append((time.perf_counter() - start) * 1e3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(((after.ru_utime - before.ru_utime)
                         + (after.ru_stime - before.ru_stime)) * 1e3)
    return walls, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--queries", action="append")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--searches", type=int, default=20)
    parser.add_argument("--articles", action="store_true")
    args = parser.parse_args()
    queries = args.queries or [os.path.join(measure.repo(), "benches", "queries.txt")]
    runs = {"A": [], "B": []}
    loads = []
    segments = None
    for r in range(args.rounds):
        for name, binary in (("A", args.a), ("B", args.b)):
            row = {}
            for q in queries:
                stem = os.path.basename(q)
                row_q, segments = bench(binary, args.index, q, args.iterations, False)
                for kind, fig in row_q.items():
                    row[f"{stem} {kind}"] = fig
                if args.articles:
                    row_a, _ = bench(binary, args.index, q, args.iterations, True)
                    row[f"{stem} all --articles"] = row_a["all"]
            walls, cpus = whole_search(binary, args.index, args.searches)
            row["search"] = measure.median(walls)
            row["search cpu"] = measure.median(cpus)
            runs[name].append(row)
            loads.append(os.getloadavg()[0])
            print(f"round {r + 1} {name}: search {row['search']:.1f} ms, "
                  f"load {loads[-1]:.1f}", flush=True)
    print(f"\nindex {args.index}: {segments} segments; A = {args.a}, B = {args.b}")
    print(f"rounds {args.rounds}, load average (1 min) {min(loads):.1f}-{max(loads):.1f}\n")
    print("| figure | A p50 / p99 ms | B p50 / p99 ms |")
    print("|---|---|---|")
    for key in runs["A"][0]:
        if key.startswith("search"):
            continue
        cells = []
        for name in ("A", "B"):
            p50 = measure.median([row[key][0] for row in runs[name]])
            p99 = measure.median([row[key][1] for row in runs[name]])
            cells.append(f"{p50:.2f} / {p99:.2f}")
        print(f"| {key} | {cells[0]} | {cells[1]} |")
    a = measure.median([row["search"] for row in runs["A"]])
    b = measure.median([row["search"] for row in runs["B"]])
    print(f"| whole-process `search`, median wall ms | {a:.1f} | {b:.1f} |")
    a = measure.median([row["search cpu"] for row in runs["A"]])
    b = measure.median([row["search cpu"] for row in runs["B"]])
    print(f"| whole-process `search`, median CPU ms | {a:.1f} | {b:.1f} |")


if __name__ == "__main__":
    main()
