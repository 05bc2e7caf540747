#!/usr/bin/python3
"""side_by_side.py CORPUS_DIR WORK_DIR [--runs N] [--phases index,query,process] [--threads N]
                   [--memory-mb N] [--peers DIR] [--newsdex BIN]

newsdex against the peers of ../shared/peers (tantivy-cli, SQLite FTS5, Xapian, ripgrep) on
one corpus, measured side by side: every run measures newsdex and then each peer right after
it, so that a load change on a shared machine hits both sides of a ratio alike. Writes every
sample to WORK_DIR/samples.jsonl (one object a line, with the 1-minute load average at the
time) and prints the markdown tables of BENCHMARKS.md (medians over the runs) to stdout.

Phases:
  index    `newsdex index` vs `tantivy-index` (make-jsonl | tantivy index), same threads and
           memory budget, each under /usr/bin/time -v (wall, peak RSS); the index dir is wiped
           before each run, outside the timing.
  query    `newsdex bench` (top 10 with snippets) vs `tantivy-query` (tantivy bench: top 10 +
           count, no snippets), `sqlite-query` and `xapian-query` (search + snippets, their
           "display" time). Needs the indexes of the index phase (or of an earlier run) and
           WORK_DIR/idx/{sqlite,xapian} made by the peers' sqlite-index / xapian-index.
  process  `newsdex search` as a whole process over every query, and hyperfine's
           newsdex-vs-ripgrep on three queries (a word, two words, a phrase).

PEERS_STEM=1 is set for the peers (newsdex stems English; see BENCHMARKS.md). Python 3 stdlib only.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# The whole-process comparison with ripgrep: (label, newsdex query, ripgrep shell command).
# ripgrep's AND is a second rg over the files the first one matched; its phrase is a multiline
# regex, as in the peers' ripgrep-query.
RG_CASES = [
    ("word", "opec", "rg -l -i -w -F opec {c}"),
    ("two words", "federal reserve",
     "rg -l -0 -i -w -F federal {c} | xargs -0 rg -l -i -w -F reserve"),
    ("phrase", '"interest rates"', "rg -l -U -i '\\binterest\\W+rates\\b' {c}"),
]


def load1():
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


class Recorder:
    def __init__(self, work):
        self.path = os.path.join(work, "samples.jsonl")
        self.rows = []
        if os.path.exists(self.path):
            with open(self.path) as fh:
                self.rows = [json.loads(line) for line in fh if line.strip()]

    def add(self, **row):
        row.setdefault("load1", load1())
        row["time"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.rows.append(row)
        with open(self.path, "a") as fh:
            fh.write(json.dumps(row) + "\n")
        print("  " + " ".join(f"{k}={v}" for k, v in row.items() if k != "time"), file=sys.stderr)


def time_v(cmd, log, env=None):
    """Run cmd under /usr/bin/time -v; return (wall s, CPU s, peak RSS MB, stdout)."""
    with open(log, "w") as err:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE, stderr=err,
                           text=True, env=env)
        wall = time.perf_counter() - t0
    text = open(log).read()
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}; see {log}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    return wall, cpu, int(rss.group(1)) / 1024.0 if rss else float("nan"), p.stdout


def segments(meta_dir):
    with open(os.path.join(meta_dir, "meta.json")) as fh:
        return len(json.load(fh)["segments"])


def phase_index(a, rec, run):
    idx = os.path.join(a.work, "idx")
    nx_dir, tv_dir = os.path.join(idx, "newsdex"), os.path.join(idx, "tantivy")
    shutil.rmtree(nx_dir, ignore_errors=True)
    load = load1()
    wall, cpu, rss, _ = time_v([a.newsdex, "index", "--corpus", a.corpus, "--index", nx_dir,
                           "--threads", str(a.threads), "--memory-mb", str(a.memory_mb), "--quiet"],
                          os.path.join(a.work, "logs", f"newsdex-index-{run}.log"))
    rec.add(phase="index", tool="newsdex", run=run, wall_s=round(wall, 2), cpu_s=round(cpu, 1), peak_rss_mb=round(rss),
            segments=segments(nx_dir), load1=load)
    env = dict(os.environ, TANTIVY_THREADS=str(a.threads), TANTIVY_MEM=str(a.memory_mb * 1_000_000))
    load = load1()
    wall, cpu, rss, out = time_v([os.path.join(a.peers, "tantivy-index"), a.corpus, tv_dir],
                            os.path.join(a.work, "logs", f"tantivy-index-{run}.log"), env)
    line = next((ln for ln in out.splitlines() if ln.startswith("INDEX ")), "")
    inner = re.search(r"wall_s=([\d.]+)", line)
    rec.add(phase="index", tool="tantivy", run=run, wall_s=round(wall, 2), cpu_s=round(cpu, 1),
            script_wall_s=float(inner.group(1)) if inner else None, peak_rss_mb=round(rss),
            segments=segments(tv_dir), load1=load)


def lat_json(cmd, path, env=None):
    subprocess.run(cmd + ["--quiet", "--lat-json", path], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    with open(path) as fh:
        return json.load(fh)


def phase_query(a, rec, run):
    idx = os.path.join(a.work, "idx")
    load = load1()
    out = subprocess.run([a.newsdex, "bench", "--index", os.path.join(idx, "newsdex"),
                          "--queries", a.queries, "--limit", "10", "--iterations", str(a.repeat),
                          "--format", "json"], check=True, capture_output=True, text=True).stdout
    rep = json.loads(out)
    o = rep["overall"]
    rec.add(phase="query", tool="newsdex", run=run, p50_ms=o["latency"]["p50_ms"],
            p99_ms=o["latency"]["p99_ms"], mean_ms=o["latency"]["mean_ms"],
            split={k: round(v, 4) for k, v in o["split"].items()},
            segments=rep["index"]["segments"], load1=load)
    # the same without snippets: what tantivy-cli bench measures, plus the stored-field fetch
    load = load1()
    out = subprocess.run([a.newsdex, "bench", "--index", os.path.join(idx, "newsdex"),
                          "--queries", a.queries, "--limit", "10", "--iterations", str(a.repeat),
                          "--no-snippets", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    lat = json.loads(out)["overall"]["latency"]
    rec.add(phase="query", tool="newsdex-no-snippets", run=run, p50_ms=lat["p50_ms"],
            p99_ms=lat["p99_ms"], load1=load)
    tmp = os.path.join(a.work, "lat.json")
    for peer in a.query_peers.split(","):
        load = load1()
        d = lat_json([os.path.join(a.peers, f"{peer}-query"), os.path.join(idx, peer), a.queries,
                      "--repeat", str(a.repeat)], tmp)
        s = sorted(d["search_ms"])
        row = dict(phase="query", tool=peer, run=run, search_p50_ms=statistics.median(s),
                   search_p99_ms=pct(s, 99), load1=load)
        if peer != "tantivy":
            # their "display" pass is search + stored fields + snippets, once per query
            row["snippets_p50_ms"] = statistics.median(d["display_ms"])
            row["snippets_p99_ms"] = pct(sorted(d["display_ms"]), 99)
        rec.add(**row)


def pct(v, p):
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def phase_process(a, rec, run):
    nx_dir = os.path.join(a.work, "idx", "newsdex")
    with open(a.queries) as fh:
        queries = [q.strip() for q in fh if q.strip() and not q.startswith("#")]
    load = load1()
    samples = []
    for q in queries:
        t0 = time.perf_counter()
        subprocess.run([a.newsdex, "search", "--index", nx_dir, "--limit", "10", "--color", "never", q],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - t0) * 1000.0)
    s = sorted(samples)
    rec.add(phase="process", tool="newsdex", case="all queries", run=run,
            p50_ms=statistics.median(s), p99_ms=pct(s, 99), load1=load)
    if run != 1 or not shutil.which("hyperfine"):
        return
    # hyperfine does its own repetitions (and reports its own medians): once is enough
    for label, q, rg in RG_CASES:
        # -N (no shell): newsdex takes a few ms, below what hyperfine can correct for a shell;
        # ripgrep runs under bash for its pipe, ~1 ms against its seconds
        nx = f"{a.newsdex} search --index {nx_dir} --limit 10 --color never '{q}'"
        rg_cmd = "bash -c " + shlex.quote(rg.format(c=a.corpus))
        out = os.path.join(a.work, "logs", f"hyperfine-{label.replace(' ', '-')}.json")
        load = load1()
        subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", "10", "--style", "none",
                        "--export-json", out, nx, rg_cmd], check=True,
                       stdout=subprocess.DEVNULL)
        with open(out) as fh:
            res = json.load(fh)["results"]
        rec.add(phase="process", tool="hyperfine", case=label, run=run,
                newsdex_median_ms=res[0]["median"] * 1000.0, rg_median_ms=res[1]["median"] * 1000.0,
                load1=load)


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else float("nan")


def pairs(rows, phase, peer):
    """(newsdex row, peer row) pairs: each peer row with the newsdex row measured just before it
    in the same phase, its side-by-side partner."""
    last, out = None, []
    for r in rows:
        if r["phase"] != phase:
            continue
        if r["tool"] == "newsdex":
            last = r
        elif r["tool"] == peer and last is not None:
            out.append((last, r))
    return out


def report(rows, a):
    def sel(phase, tool):
        return [r for r in rows if r["phase"] == phase and r["tool"] == tool]

    lines = []
    nx, tv = sel("index", "newsdex"), sel("index", "tantivy")
    if nx and tv:
        ratios = [n["wall_s"] / t["wall_s"] for n, t in pairs(rows, "index", "tantivy")]
        cpu_ratios = [n["cpu_s"] / t["cpu_s"] for n, t in pairs(rows, "index", "tantivy")]
        lines += [
            "| indexing, median of runs | runs | newsdex wall s | tantivy-cli wall s "
            "| wall ratio (target <= 1.0) | CPU s newsdex / tantivy-cli (ratio) "
            "| newsdex peak RSS MB (limit) | tantivy peak RSS MB | load1 |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {a.threads} threads, {a.memory_mb} MB | {len(ratios)} | {med(nx, 'wall_s'):.1f} "
            f"| {med(tv, 'wall_s'):.1f} | {statistics.median(ratios):.2f} "
            f"(runs {min(ratios):.2f}-{max(ratios):.2f}) | {med(nx, 'cpu_s'):.1f} / "
            f"{med(tv, 'cpu_s'):.1f} ({statistics.median(cpu_ratios):.2f}) | {med(nx, 'peak_rss_mb'):.0f} "
            f"({a.memory_mb + 200}) | {med(tv, 'peak_rss_mb'):.0f} "
            f"| {min(r['load1'] for r in nx + tv):.1f}-{max(r['load1'] for r in nx + tv):.1f} |",
            "",
        ]
    q = sel("query", "newsdex")
    if q:
        lines += ["| query latency, 43 queries, top 10 | runs | median ms | p99 ms "
                  "| newsdex median / peer median (target) | load1 |", "|---|---|---|---|---|---|"]
        loads = [r["load1"] for r in q]
        lines.append(f"| newsdex bench, with snippets | {len(q)} | {med(q, 'p50_ms'):.3f} "
                     f"| {med(q, 'p99_ms'):.3f} | - | {min(loads):.1f}-{max(loads):.1f} |")
        ns = sel("query", "newsdex-no-snippets")
        if ns:
            loads = [r["load1"] for r in ns]
            lines.append(f"| newsdex bench --no-snippets | {len(ns)} | {med(ns, 'p50_ms'):.3f} "
                         f"| {med(ns, 'p99_ms'):.3f} | - | {min(loads):.1f}-{max(loads):.1f} |")
        for peer, key, label, target in (
                ("tantivy", "search_p50_ms", "tantivy-cli bench, no snippets", "<= 2.0"),
                ("sqlite", "snippets_p50_ms", "SQLite FTS5, with snippet()", "<= 0.33"),
                ("xapian", "snippets_p50_ms", "Xapian, with MSet.snippet", "<= 0.33")):
            p = sel("query", peer)
            if not p:
                continue
            ratios = [n["p50_ms"] / r[key] for n, r in pairs(rows, "query", peer)]
            p99 = key.replace("p50", "p99")
            loads = [r["load1"] for r in p]
            lines.append(f"| {label} | {len(p)} | {med(p, key):.3f} | {med(p, p99):.3f} "
                         f"| {statistics.median(ratios):.2f} ({target}) | {min(loads):.1f}-{max(loads):.1f} |")
        lines.append("")
    pr = sel("process", "newsdex")
    if pr:
        loads = [r["load1"] for r in pr]
        lines += ["| whole process `newsdex search` | runs | median ms | p99 ms | load1 |",
                  "|---|---|---|---|---|",
                  f"| 43 queries, one process each | {len(pr)} | {med(pr, 'p50_ms'):.1f} "
                  f"| {med(pr, 'p99_ms'):.1f} | {min(loads):.1f}-{max(loads):.1f} |", ""]
    hf = sel("process", "hyperfine")
    if hf:
        lines += ["| hyperfine (10 runs, 3 warm-up) | newsdex search median ms | ripgrep median ms "
                  "| rg / newsdex | load1 |", "|---|---|---|---|---|"]
        for r in hf:
            lines.append(f"| {r['case']} | {r['newsdex_median_ms']:.1f} | {r['rg_median_ms']:.0f} "
                         f"| {r['rg_median_ms'] / r['newsdex_median_ms']:.0f}x | {r['load1']:.1f} |")
        lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--phases", default="index,query,process")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-mb", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=5, help="timed passes per query and run")
    ap.add_argument("--query-peers", default="tantivy,sqlite,xapian")
    ap.add_argument("--peers", default=os.path.join(REPO, "..", "shared", "peers"))
    ap.add_argument("--newsdex", default=os.path.join(REPO, "target", "release", "newsdex"))
    ap.add_argument("--queries", default=None, help="default: PEERS/queries-news.txt")
    ap.add_argument("--report-only", action="store_true", help="print the tables of WORK/samples.jsonl")
    a = ap.parse_args()
    a.peers = os.path.abspath(a.peers)
    a.queries = a.queries or os.path.join(a.peers, "queries-news.txt")
    os.environ["PEERS_STEM"] = os.environ.get("PEERS_STEM", "1")
    os.makedirs(os.path.join(a.work, "logs"), exist_ok=True)
    os.makedirs(os.path.join(a.work, "idx"), exist_ok=True)
    rec = Recorder(a.work)
    if not a.report_only:
        phases = {"index": phase_index, "query": phase_query, "process": phase_process}
        for name in a.phases.split(","):
            for run in range(1, a.runs + 1):
                print(f"{name} run {run}/{a.runs}", file=sys.stderr)
                phases[name](a, rec, run)
    print(report(rec.rows, a))


if __name__ == "__main__":
    main()
