#!/usr/bin/python3
"""formats.py PAGES_DIR WORK_DIR [--copies N] [--files N] [--runs N] [--threads N] [--newsdex BIN]

Indexing speed of the same web pages as loose HTML files (plain and gzipped, `.html.gz`), as one
plain WARC file and as several gzipped WARC files, measured side by side: each run indexes the
four corpora one after the other (fresh index each time), so that a load change on a shared
machine hits them alike.

PAGES_DIR holds `.html` pages (for example ../shared/eval/packs/html-dev/html); they are copied
N times under new URLs so that the corpora are large enough to time. Input MB/s counts the
uncompressed bytes of the pages (the WARC corpora carry them in response records beside a
request record each). Peak anonymous memory (RssAnon, not the mmap'd index pages) is sampled
from /proc every 20 ms. Prints a markdown table of medians. Python 3 stdlib only.
"""
import argparse
import glob
import gzip
import os
import shutil
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import measure  # noqa: E402

REPO = measure.repo()


def record(kind, uri, block):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-05T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def warc_records(pages, copies, tag):
    """The request and response records of every page, `copies` times."""
    for copy in range(copies):
        for number, page in enumerate(pages):
            uri = f"https://news.example/{tag}/{copy}/{number}"
            request = f"GET /{number} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
            response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
            yield record("request", uri, request)
            yield record("response", uri, response)


def make_corpora(pages_dir, work, copies, files):
    """Write the three corpora under `work`; returns the page bytes each one holds."""
    paths = sorted(glob.glob(os.path.join(pages_dir, "*.html")))
    if not paths:
        raise SystemExit(f"{pages_dir}: no .html pages")
    pages = [open(p, "rb").read() for p in paths]
    page_bytes = sum(len(p) for p in pages)
    loose = os.path.join(work, "loose")
    loose_packed = os.path.join(work, "loose-gz")
    plain = os.path.join(work, "warc")
    packed = os.path.join(work, "warc-gz")
    for folder in (loose, loose_packed, plain, packed):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    for copy in range(copies * files):
        folder = os.path.join(loose, str(copy))
        folder_packed = os.path.join(loose_packed, str(copy))
        os.makedirs(folder)
        os.makedirs(folder_packed)
        for number, page in enumerate(pages):
            # A comment makes each copy a page of its own bytes.
            page = page + f"<!-- copy {copy} -->".encode()
            with open(os.path.join(folder, f"{number}.html"), "wb") as out:
                out.write(page)
            with open(os.path.join(folder_packed, f"{number}.html.gz"), "wb") as out:
                out.write(gzip.compress(page, 6))
    with open(os.path.join(plain, "crawl.warc"), "wb") as out:
        for block in warc_records(pages, copies * files, "plain"):
            out.write(block)
    for number in range(files):
        with open(os.path.join(packed, f"crawl-{number}.warc.gz"), "wb") as out:
            for block in warc_records(pages, copies, f"gz{number}"):
                out.write(gzip.compress(block, 6))
    corpora = {"loose": loose, "warc": plain, "loose-gz": loose_packed, "warc-gz": packed}
    return corpora, page_bytes * copies * files


def index_once(newsdex, corpus, index, threads):
    shutil.rmtree(index, ignore_errors=True)
    command = [newsdex, "index", "--corpus", corpus, "--index", index, "--threads", str(threads)]
    result = measure.run(command)
    return result.wall_s, result.anon_mb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages")
    parser.add_argument("work")
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--newsdex", default=os.path.join(REPO, "target/release/newsdex"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    corpora, page_bytes = make_corpora(args.pages, args.work, args.copies, args.files)
    samples = {name: [] for name in corpora}
    for run in range(args.runs):
        for name, corpus in corpora.items():
            wall, anon = index_once(
                args.newsdex, corpus, os.path.join(args.work, "index"), args.threads
            )
            samples[name].append((wall, anon))
            print(f"run {run + 1} {name}: {wall:.2f} s, RssAnon peak {anon:.0f} MB", flush=True)
    mb = page_bytes / 1e6
    print(f"\n{mb:.0f} MB of pages, {args.threads} threads, medians of {args.runs} runs\n")
    print("| corpus | wall s | page MB/s | RssAnon peak MB |")
    print("|---|---|---|---|")
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        anon = statistics.median(a for _, a in runs)
        print(f"| {name} | {wall:.2f} | {mb / wall:.1f} | {anon:.0f} |")


if __name__ == "__main__":
    main()
