#!/usr/bin/python3
"""stories_cost.py CORPUS_DIR [--pairs 8] [--threads 2] [--newsdex BIN] [--baseline BIN]

What stories cost a full `newsdex index` (issue 17: at most 5% more time). The baseline is the
same source without stories: `without-stories.patch` (beside this script) applied to a copy of
the checked-out commit, built in `target/without-stories/`. The patch keeps everything else:
no sketch is made of the article, no story is looked up, neither is written.

Full builds of CORPUS_DIR by the two binaries alternate (--pairs pairs, the order flipped every
pair), each into a fresh index; the table gives wall and CPU time, medians and the median of the
per-pair ratios, and the fastest run of each binary (a busy machine only adds time). The machine
should be otherwise idle; where it is not, count instructions instead (BENCHMARKS.md, "What
stories cost, counted in instructions"). Python 3 stdlib only.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

REPO = measure.repo()
PATCH = os.path.join(REPO, "benches", "without-stories.patch")


def build_baseline():
    """The release binary of the checked-out commit with the patch applied."""
    target = os.path.join(REPO, "target", "without-stories")
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "src")
        subprocess.run(["git", "-C", REPO, "worktree", "add", "-q", "--detach", tree, "HEAD"],
                       check=True)
        try:
            subprocess.run(["git", "-C", tree, "apply", PATCH], check=True)
            subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=tree,
                           env=dict(os.environ, CARGO_TARGET_DIR=target), check=True)
        finally:
            subprocess.run(["git", "-C", REPO, "worktree", "remove", "--force", tree])
    return os.path.join(target, "release", "newsdex")


def full_build(binary, corpus, threads):
    index = tempfile.mkdtemp(prefix="newsdex-cost.")
    try:
        return measure.run([binary, "index", "--corpus", corpus, "--index", index,
                            "--threads", str(threads)])
    finally:
        shutil.rmtree(index, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("corpus")
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--newsdex", default=os.path.join(REPO, "target/release/newsdex"))
    parser.add_argument("--baseline", help="a baseline binary already built")
    args = parser.parse_args()
    baseline = args.baseline or build_baseline()
    binaries = {"without stories": baseline, "with stories": args.newsdex}
    runs = {name: [] for name in binaries}
    # One build to warm the page cache, not counted.
    full_build(args.newsdex, args.corpus, args.threads)
    for pair in range(args.pairs):
        order = list(binaries) if pair % 2 == 0 else list(binaries)[::-1]
        for name in order:
            result = full_build(binaries[name], args.corpus, args.threads)
            runs[name].append(result)
            print(f"pair {pair + 1} {name}: {result.wall_s:.2f} s wall, "
                  f"{result.cpu_s:.2f} s CPU", flush=True)
    base, new = runs["without stories"], runs["with stories"]
    wall = [n.wall_s / b.wall_s for b, n in zip(base, new)]
    cpu = [n.cpu_s / b.cpu_s for b, n in zip(base, new)]
    print(f"\n{args.pairs} pairs, {args.threads} threads, medians\n")
    print("| | without stories | with stories | ratio (median of pairs) |")
    print("|---|---|---|---|")
    print(f"| wall | {measure.median([r.wall_s for r in base]):.2f} s "
          f"| {measure.median([r.wall_s for r in new]):.2f} s | {measure.median(wall):.3f} |")
    print(f"| CPU | {measure.median([r.cpu_s for r in base]):.2f} s "
          f"| {measure.median([r.cpu_s for r in new]):.2f} s | {measure.median(cpu):.3f} |")
    # A busy machine only ever adds time: the fastest run of each binary is the one least
    # disturbed, and their ratio a check on the median of pairs when runs spread widely.
    for what, of in (("wall", lambda r: r.wall_s), ("CPU", lambda r: r.cpu_s)):
        fast_base, fast_new = min(map(of, base)), min(map(of, new))
        print(f"| {what}, fastest run | {fast_base:.2f} s | {fast_new:.2f} s "
              f"| {fast_new / fast_base:.3f} (ratio of the fastest) |")


if __name__ == "__main__":
    main()
