#!/usr/bin/env python3
"""Extraction quality ratchet: run the shared evaluation packs and fail if a score falls below
the level recorded in .ci/eval-scores.tsv.

usage: eval-ratchet.py BINARY [--update]

Reads the summary lines of ../shared/eval/run.sh, e.g.
  locations-dev   1.2s  180.0 docs/s  locations P=0.900 R=0.850 F1=0.874 exact=0.300 docs=216
and compares the tracked figures (F1, speakers P, pubdate acc, datelines R) with the recorded
ones. It also indexes Reuters 2006-2012 (../shared/corpora, unpacked into a temporary folder)
and scores the `speakers` roster with ../shared/eval/roster.py on packs/roster-dev (P@100,
merge_R, split_P, kind_acc, org_R), the story ids with ../shared/eval/stories.py on
packs/stories-dev (same-story R, different-story P, F1), and the article text of HTML pages
with ../shared/eval/html.py on packs/html-dev (F1). With --update it records the current
figures where they are higher (never lower).
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCORES = os.path.join(HERE, "eval-scores.tsv")
SHARED = os.path.join(HERE, "..", "..", "shared")
RUN = os.path.join(SHARED, "eval", "run.sh")
ROSTER = os.path.join(SHARED, "eval", "roster.py")
ROSTER_PACK = os.path.join(SHARED, "eval", "packs", "roster-dev")
UNPACK = os.path.join(SHARED, "corpora", "unpack")
STORIES = os.path.join(SHARED, "eval", "stories.py")
STORIES_PACK = os.path.join(SHARED, "eval", "packs", "stories-dev")
HTML = os.path.join(SHARED, "eval", "html.py")
HTML_PACK = os.path.join(SHARED, "eval", "packs", "html-dev")
TRACKED = {"F1", "acc"}
TRACKED_BY_TASK = {"speakers": {"P"}, "datelines": {"R"}}


def current(binary):
    out = subprocess.run([RUN, binary], check=True, capture_output=True, text=True).stdout
    print(out, end="")
    scores = {}
    for line in out.splitlines():
        m = re.match(r"(\S+)\s+\S+s\s+\S+ docs/s\s+(\w+)\s+(.*)", line)
        if not m:
            continue
        pack, task, rest = m.groups()
        for key, value in re.findall(r"(\w+)=([0-9.]+)", rest):
            keep = key in TRACKED or key in TRACKED_BY_TASK.get(task, set())
            if keep:
                scores[(pack, task, key)] = float(value)
    return scores


def roster(binary):
    """Index Reuters 2006-2012 and score its speakers roster."""
    with tempfile.TemporaryDirectory(prefix="newsdex-roster-") as tmp:
        corpora = os.environ.get("NEWSDEX_CORPORA") or os.path.join(tmp, "corpora")
        subprocess.run([UNPACK, corpora], check=True, stdout=subprocess.DEVNULL)
        index = os.path.join(tmp, "index")
        corpus = os.path.join(corpora, "reuters-news")
        subprocess.run([binary, "index", "--corpus", corpus, "--index", index, "--quiet"], check=True)
        listing = subprocess.run(
            [binary, "speakers", "--index", index, "--limit", "2000", "--format", "json"],
            check=True, capture_output=True, text=True).stdout
        out_path = os.path.join(tmp, "speakers.jsonl")
        with open(out_path, "w") as f:
            f.write(listing)
        out = subprocess.run(
            [sys.executable, ROSTER, ROSTER_PACK, out_path, "--top", "100"],
            check=True, capture_output=True, text=True).stdout
    summary = out.strip().splitlines()[-1]
    print(summary)
    return {("roster-dev", "roster", k): float(v)
            for k, v in re.findall(r"(\S+)=([0-9.]+)", summary)}


def scored(script, pack, binary, metrics):
    """Run a scorer that indexes or exports a pack itself; its last line holds `KEY=value`s."""
    out = subprocess.run([sys.executable, script, binary, pack],
                         check=True, capture_output=True, text=True).stdout
    summary = out.strip().splitlines()[-1]
    print(summary)
    found = dict(re.findall(r"(\S+)=([0-9.]+)", summary))
    return {(os.path.basename(pack), task, k): float(found[k]) for task, k in metrics if k in found}


def stories(binary):
    """Score the story ids of the stories pack."""
    return scored(STORIES, STORIES_PACK, binary, [("stories", "R"), ("stories", "P"), ("stories", "F1")])


def html(binary):
    """Score the article text `export` gives for the HTML pages of packs/html-dev."""
    return scored(HTML, HTML_PACK, binary, [("html", "F1")])


def recorded():
    scores = {}
    if os.path.exists(SCORES):
        with open(SCORES) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    pack, task, key, value = line.split()
                    scores[(pack, task, key)] = float(value)
    return scores


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, update = sys.argv[1], "--update" in sys.argv[2:]
    if not os.path.exists(RUN):
        print(f"eval-ratchet: {RUN} not found: ../shared is needed", file=sys.stderr)
        return 2
    now, before = current(binary), recorded()
    now.update(roster(binary))
    now.update(stories(binary))
    now.update(html(binary))
    failed = [k for k, v in before.items() if now.get(k, -1.0) < v]
    for k in sorted(before):
        mark = "FELL" if k in failed else "ok"
        print(f"ratchet {mark:4} {' '.join(k):34} recorded {before[k]:.3f} now {now.get(k, float('nan')):.3f}")
    if update:
        merged = {k: max(v, before.get(k, 0.0)) for k, v in now.items()}
        with open(SCORES, "w") as f:
            f.write("# pack task metric value: the lowest score CI accepts (.ci/eval-ratchet.py --update)\n")
            for k in sorted(merged):
                f.write(f"{k[0]}\t{k[1]}\t{k[2]}\t{merged[k]:.3f}\n")
        print(f"eval-ratchet: recorded {len(merged)} figures in {SCORES}")
        return 0
    if failed:
        print(f"eval-ratchet: {len(failed)} score(s) fell below the recorded level", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
