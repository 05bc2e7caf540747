#!/usr/bin/python3
"""index_ab.py CORPUS_DIR [--rounds 4] [--threads 2] NAME=BIN[|ARGS] ...

Full builds of CORPUS_DIR by several newsdex binaries (and tantivy-cli), in turn: each round
builds with every binary once, each into a fresh index, and the order is rotated from round to
round, so that a change of the machine's load hits every binary alike. Prints each build as it
ends, then per binary the medians of wall time, CPU time and anonymous memory (RssAnon peak;
not for tantivy-cli, whose build is a pipeline of processes), and the ratio of its wall time
to the first binary's, round by round.

NAME=BIN runs `BIN index --corpus CORPUS_DIR --index IX --quiet --threads N`, with ARGS
(split on spaces) after it when given as `NAME=BIN|ARGS`. The values `tantivy` and
`tantivy-stem` run tantivy-cli instead (../shared/peers/tantivy-index, TANTIVY_THREADS=N, at
its default memory; `tantivy-stem` with PEERS_STEM=1, the `en_stem` tokenizer).

    python3 benches/index_ab.py /tmp/corpora/reuters-news --rounds 5 \\
        without=target/without-stories/release/newsdex old=OLD/newsdex new=target/release/newsdex

Python 3 stdlib only.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

PEERS = ("tantivy", "tantivy-stem")
PEER = os.path.join(measure.repo(), os.pardir, "shared", "peers", "tantivy-index")


def build(command, corpus, threads):
    """One full build into a fresh folder, removed afterwards."""
    index = tempfile.mkdtemp(prefix="index_ab.")
    try:
        if command in PEERS:
            os.rmdir(index)
            env = dict(os.environ, TANTIVY_THREADS=str(threads),
                       PEERS_STEM="1" if command == "tantivy-stem" else "0")
            return measure.run([PEER, corpus, index], env=env)
        binary, _, args = command.partition("|")
        return measure.run([binary, "index", "--corpus", corpus, "--index", index, "--quiet",
                            "--threads", str(threads)] + args.split())
    finally:
        shutil.rmtree(index, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("builds", nargs="+", metavar="NAME=BIN[|ARGS]")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    builds = dict(b.split("=", 1) for b in args.builds)
    names = list(builds)
    runs = {name: [] for name in names}
    for round_ in range(args.rounds):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            r = build(builds[name], args.corpus, args.threads)
            runs[name].append(r)
            print(f"round {round_ + 1} {name}: {r.wall_s:.2f} s wall, {r.cpu_s:.2f} s CPU",
                  flush=True)
    first = runs[names[0]]
    print(f"\n| | median wall s | median CPU s | median RssAnon MB | wall / {names[0]}, per round |")
    print("|---|---|---|---|---|")
    for name in names:
        own = runs[name]
        ratios = ", ".join(f"{a.wall_s / b.wall_s:.3f}" for a, b in zip(own, first))
        anon = ("-" if builds[name] in PEERS
                else f"{statistics.median(r.anon_mb for r in own):.0f}")
        print(f"| {name} | {statistics.median(r.wall_s for r in own):.2f} "
              f"| {statistics.median(r.cpu_s for r in own):.2f} | {anon} | {ratios} |")


if __name__ == "__main__":
    main()
