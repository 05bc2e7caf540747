#!/usr/bin/python3
"""scale.py CORPUS_DIR WORK_DIR [--sizes 1,3,10] [--threads 2] [--memory-mb 256] [--runs 5]
           [--queries FILE] [--newsdex BIN] [--no-tantivy] [--keep]

How newsdex grows with its corpus. From the article files of CORPUS_DIR it makes, in WORK_DIR,
corpora of the corpus copied 1, 3 and 10 times (--sizes) by hard links (copy i under `c<i>/`,
so no disk is spent), and for each size measures:

  full build        `newsdex index` from nothing (--threads, --memory-mb)
  unchanged re-run  `newsdex index` again, nothing changed
  stats             whole-process `newsdex stats`, median of --runs
  bench             `newsdex bench` (the default query set, or --queries) with snippets:
                    p50 / p99 of terms and AND queries, p99 of phrases
  search            whole-process `newsdex search QUERY` over five queries, median of --runs each
  tantivy-cli       a full build by tantivy-cli 0.24 (../shared/peers/tantivy-index: file
                    reading and JSON conversion included) with TANTIVY_THREADS = --threads, at its
                    default 1 GB budget and at --memory-mb

Wall times, and the peaks of anonymous memory (RssAnon) and of the resident set (VmRSS, which
adds the index pages tantivy maps) apart. It ends with the table in BENCHMARKS.md's form.
tantivy-cli comes from ../shared/peers/setup, which this script runs when the binary is missing.
Python 3 stdlib only.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

PEERS = os.path.join(os.path.dirname(measure.repo()), "shared", "peers")
TANTIVY = "/tmp/peers/cargo/bin/tantivy"
SEARCHES = ["oil", "interest rates", '"central bank"', "merger talks", "election"]


def corpus_files(root):
    """Paths of the corpus files, relative to `root`, skipping hidden ones."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, root)
        out.extend(os.path.normpath(os.path.join(rel, f)) for f in filenames if not f.startswith("."))
    return sorted(out)


def linked_corpus(source, files, target, copies):
    """`target` holding `copies` hard-linked copies of `files` of `source`; kept when complete."""
    done = os.path.join(target, ".complete")
    if os.path.exists(done):
        return
    shutil.rmtree(target, ignore_errors=True)
    for copy in range(copies):
        for rel in files:
            path = os.path.join(target, f"c{copy}", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.link(os.path.join(source, rel), path)
    open(done, "w").close()


def index(args, corpus, ix):
    return measure.run(
        [args.newsdex, "index", "--corpus", corpus, "--index", ix,
         "--threads", str(args.threads), "--memory-mb", str(args.memory_mb)]
    )


def whole_process(args, cmd):
    """Median wall seconds of `cmd` over --runs runs (one warm-up first)."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return measure.median(
        [measure.run(cmd, check=False).wall_s for _ in range(args.runs)]
    )


def bench(args, ix):
    cmd = [args.newsdex, "bench", "--index", ix, "--iterations", "20", "--format", "json"]
    if args.queries:
        cmd += ["--queries", args.queries]
    runs = [json.loads(measure.run(cmd).stdout) for _ in range(max(1, args.runs // 2))]

    def of(kind, key):
        values = []
        for run in runs:
            for group in run["kinds"]:
                if group["name"] == kind:
                    values.append(group["latency"][key])
        return measure.median(values)

    return {
        "terms p50": of("terms", "p50_ms"),
        "terms p99": of("terms", "p99_ms"),
        "and p50": of("and", "p50_ms"),
        "and p99": of("and", "p99_ms"),
        "phrase p99": of("phrase", "p99_ms"),
        "overall p50": measure.median([r["overall"]["latency"]["p50_ms"] for r in runs]),
        "overall p99": measure.median([r["overall"]["latency"]["p99_ms"] for r in runs]),
    }


def tantivy_cli(args, corpus, work, memory_bytes):
    if not os.path.exists(TANTIVY):
        subprocess.run([os.path.join(PEERS, "setup")], check=True)
    env = dict(os.environ, TANTIVY_THREADS=str(args.threads))
    if memory_bytes:
        env["TANTIVY_MEM"] = str(memory_bytes)
    ix = os.path.join(work, "tantivy-ix")
    shutil.rmtree(ix, ignore_errors=True)
    result = measure.run([os.path.join(PEERS, "tantivy-index"), corpus, ix], env=env)
    shutil.rmtree(ix, ignore_errors=True)
    return result.wall_s


def measure_size(args, files, copies):
    corpus = os.path.join(args.work, f"corpus-{copies}x")
    linked_corpus(args.corpus, files, corpus, copies)
    ix = os.path.join(args.work, f"ix-{copies}x")
    shutil.rmtree(ix, ignore_errors=True)
    row = {"files": len(files) * copies}
    full = index(args, corpus, ix)
    print(f"{copies}x full build: {full.wall_s:.1f} s; {full.last_line()}", flush=True)
    rerun = index(args, corpus, ix)
    print(f"{copies}x re-run: {rerun.wall_s:.2f} s; {rerun.last_line()}", flush=True)
    row.update(full=full, rerun=rerun)
    row["stats"] = whole_process(args, [args.newsdex, "stats", "--index", ix])
    row["bench"] = bench(args, ix)
    row["search"] = measure.median(
        [whole_process(args, [args.newsdex, "search", "--index", ix, q]) for q in SEARCHES]
    )
    if args.tantivy:
        row["tantivy default"] = tantivy_cli(args, corpus, args.work, None)
        row["tantivy equal"] = tantivy_cli(args, corpus, args.work, args.memory_mb * 1_000_000)
        print(f"{copies}x tantivy-cli: {row['tantivy default']:.1f} s (1 GB), "
              f"{row['tantivy equal']:.1f} s ({args.memory_mb} MB)", flush=True)
    if not args.keep:
        shutil.rmtree(ix, ignore_errors=True)
    return row


def table(args, sizes, rows):
    def line(label, cell):
        print(f"| {label} | " + " | ".join(cell(rows[s]) for s in sizes) + " |")

    print(f"\n{args.threads} threads, --memory-mb {args.memory_mb}; "
          f"whole-process figures are medians of {args.runs} runs\n")
    print("| | " + " | ".join(f"{s}x ({rows[s]['files']:,} files)" for s in sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    line("full `index`, wall", lambda r: f"{r['full'].wall_s:.1f} s")
    line("full build, RssAnon peak (VmRSS)",
         lambda r: f"{r['full'].anon_mb:.0f} MB ({r['full'].rss_mb:.0f})")
    line("unchanged re-run, wall",
         lambda r: f"{r['rerun'].wall_s:.2f} s ({100 * r['rerun'].wall_s / r['full'].wall_s:.1f}%)")
    line("unchanged re-run, RssAnon peak (VmRSS)",
         lambda r: f"{r['rerun'].anon_mb:.0f} MB ({r['rerun'].rss_mb:.0f})")
    line("`stats`, whole process", lambda r: f"{1000 * r['stats']:.0f} ms")
    line("`bench` terms p50 / p99",
         lambda r: f"{r['bench']['terms p50']:.2f} / {r['bench']['terms p99']:.1f} ms")
    line("`bench` AND p50 / p99",
         lambda r: f"{r['bench']['and p50']:.2f} / {r['bench']['and p99']:.1f} ms")
    line("`bench` phrase p99", lambda r: f"{r['bench']['phrase p99']:.1f} ms")
    line("`bench` all queries p50 / p99",
         lambda r: f"{r['bench']['overall p50']:.2f} / {r['bench']['overall p99']:.1f} ms")
    line("whole-process `search`, median", lambda r: f"{1000 * r['search']:.1f} ms")
    if args.tantivy:
        line("tantivy-cli full index, default 1 GB (at --memory-mb)",
             lambda r: f"{r['tantivy default']:.1f} s ({r['tantivy equal']:.1f} s)")
        line("newsdex / tantivy-cli, default (equal)",
             lambda r: f"{r['full'].wall_s / r['tantivy default']:.2f} "
                       f"({r['full'].wall_s / r['tantivy equal']:.2f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("corpus")
    parser.add_argument("work")
    parser.add_argument("--sizes", default="1,3,10")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-mb", type=int, default=256)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries")
    parser.add_argument("--newsdex", default=os.path.join(measure.repo(), "target/release/newsdex"))
    parser.add_argument("--no-tantivy", dest="tantivy", action="store_false")
    parser.add_argument("--keep", action="store_true", help="keep the indexes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.makedirs(args.work, exist_ok=True)
    files = corpus_files(args.corpus)
    if not files:
        sys.exit(f"{args.corpus}: no files")
    rows = {copies: measure_size(args, files, copies) for copies in sizes}
    table(args, sizes, rows)


if __name__ == "__main__":
    main()
