#!/usr/bin/python3
"""bigfile.py CORPUS_DIR WORK_DIR [--mb N] [--formats jsonl,json,csv,warc] [--append N]
              [--phases full,unchanged,append,reread] [--threads N] [--memory-mb N]
              [--newsdex BIN]

One big file of records, indexed in constant memory, and grown by appended records (issue 20,
point 3). From the article files of CORPUS_DIR (plain text, Reuters style: `-- title`,
`-- By author`, `-- date`, `-- url` header lines, then the body) it writes, in
WORK_DIR/<format>/, one file of about --mb MB (the corpus repeated as often as needed) as JSON
Lines (`big.jsonl`), a JSON array (`big.json`) or CSV (`big.csv`), each with the fields
title/body/date/url, or a web crawl (`big.warc`: one WARC response record per article, its
page in HTML). For each format, one after the other (`--phases` picks some):

  full       index the file (--rebuild)
  unchanged  index it again, nothing changed
  append     append --append records (default 1,000; not to a JSON array), index
  reread     edit one byte of the old part, index (the whole file is read again)

and prints wall time and the peak of anonymous memory (RssAnon of /proc/PID/status, sampled
every 20 ms; VmRSS would add the index pages that tantivy maps into memory). Python 3 stdlib
only.
"""
import argparse
import csv
import html
import io
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402
from formats import record as warc_record  # noqa: E402

REPO = measure.repo()


def corpus_articles(root):
    """Every article of the corpus as a dict (title, body, date, url), in path order."""
    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        paths.extend(os.path.join(dirpath, f) for f in sorted(filenames) if not f.startswith("."))
    for path in sorted(paths):
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
        header = []
        while lines and lines[0].startswith("-- "):
            header.append(lines.pop(0)[3:].strip())
        body = "\n".join(lines).strip()
        if not body:
            continue
        article = {"title": header[0] if header else os.path.basename(path), "body": body}
        for line in header[1:]:
            if line.startswith("http"):
                article["url"] = line
            elif not line.startswith("By "):
                article["date"] = line
        yield article


def records(articles, fmt):
    """The encoded records of `articles` (a CSV header first)."""
    if fmt == "csv":
        yield csv_line(["title", "body", "date", "url"])
    for n, a in enumerate(articles):
        if fmt == "csv":
            yield csv_line([a.get(k, "") for k in ("title", "body", "date", "url")])
        elif fmt == "warc":
            yield warc_response(a, n)
        else:
            yield json.dumps(a, ensure_ascii=False) + "\n"


def warc_response(article, n):
    """A WARC response record holding the article as a web page."""
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>\n" for p in article["body"].split("\n\n") if p.strip())
    date = article.get("date", "")
    page = (
        f"<!DOCTYPE html><html><head><title>{html.escape(article['title'])}</title>"
        f'<meta property="article:published_time" content="{html.escape(date)}"></head>'
        f"<body><article><h1>{html.escape(article['title'])}</h1>\n{paragraphs}"
        f"</article></body></html>\n"
    ).encode("utf-8")
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    uri = article.get("url") or f"https://news.example/article/{n}"
    # The file is written as text: latin-1 maps the record's bytes one to one.
    return warc_record("response", uri, response).decode("latin-1")


def text_encoding(fmt):
    """How the records of `fmt` are written: WARC records are bytes, carried as latin-1 text."""
    return "latin-1" if fmt == "warc" else "utf-8"


def csv_line(row):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    return out.getvalue()


def make_file(path, corpus, fmt, mb):
    """Write about `mb` MB of records; return how many articles."""
    articles = list(corpus_articles(corpus))
    target, written, n = mb * 1_000_000, 0, 0
    with open(path, "w", encoding=text_encoding(fmt)) as fh:
        if fmt == "json":
            fh.write("[\n")
        first = True
        while written < target:
            for record in records(articles, "jsonl" if fmt == "json" else fmt):
                if fmt == "csv" and (written > 0 and record.startswith("title,body")):
                    continue
                if fmt == "json":
                    record = ("" if first else ",") + record
                first = False
                fh.write(record)
                written += len(record.encode(text_encoding(fmt)))
                n += 0 if record.startswith("title,body,") else 1
                if written >= target:
                    break
        if fmt == "json":
            fh.write("]\n")
    return n


def append_to(path, corpus, fmt, count):
    articles = []
    for a in corpus_articles(corpus):
        articles.append(dict(a, title="appended " + a["title"]))
        if len(articles) >= count:
            break
    with open(path, "a", encoding=text_encoding(fmt)) as fh:
        for record in records(articles, fmt):
            if not record.startswith("title,body,"):
                fh.write(record)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--mb", type=int, default=600)
    ap.add_argument("--formats", default="jsonl,json,csv,warc")
    ap.add_argument("--append", type=int, default=1000)
    ap.add_argument("--phases", default="full,unchanged,append,reread",
                    help="the runs to make, in this order (a subset: full,unchanged,append,reread)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-mb", type=int, default=256)
    ap.add_argument("--newsdex", default=os.path.join(REPO, "target/release/newsdex"))
    args = ap.parse_args()

    rows = []
    for fmt in args.formats.split(","):
        folder = os.path.join(os.path.abspath(args.work), fmt)
        corpus, index = os.path.join(folder, "corpus"), os.path.join(folder, "index")
        os.makedirs(corpus, exist_ok=True)
        big = os.path.join(corpus, "big." + fmt)
        if not os.path.exists(big) or os.path.getsize(big) < args.mb * 900_000:
            n = make_file(big, args.corpus, fmt, args.mb)
            print(f"wrote {big}: {n} articles", file=sys.stderr)
        size = os.path.getsize(big) / 1e6
        base = [args.newsdex, "index", "--corpus", corpus, "--index", index,
                "--threads", str(args.threads), "--memory-mb", str(args.memory_mb)]
        phases = [("full", base + ["--rebuild"]), ("unchanged", base)]
        if fmt != "json":
            phases.append(("append", base))
        phases.append(("reread", base))
        wanted = args.phases.split(",")
        for phase, cmd in [(p, c) for p, c in phases if p in wanted]:
            if phase == "append":
                append_to(big, args.corpus, fmt, args.append)
            elif phase == "reread":
                with open(big, "r+b") as fh:
                    # The first byte of the first record's title ("{"title": "X", the line
                    # after the CSV header, or the page's <title>)
                    fh.seek(0)
                    head = fh.read(4096)
                    if fmt == "csv":
                        at = head.index(b"\n") + 1
                    elif fmt == "warc":
                        at = head.index(b"<title>") + 7
                    else:
                        at = head.index(b'"title": "') + 10
                    fh.seek(at)
                    byte = fh.read(1)
                    fh.seek(at)
                    fh.write(b"Y" if byte != b"Y" else b"Z")
            result = measure.run(cmd)
            wall, peak, summary = result.wall_s, result.anon_mb, result.last_line()
            found = re.search(r"indexed (\d+) article", summary)
            indexed = found.group(1) if found else "?"
            rows.append((fmt, f"{size:.0f}", phase, wall, peak, indexed))
            print(f"  {fmt} {phase}: {wall:.2f} s, RssAnon peak {peak:.0f} MB, "
                  f"{indexed} indexed", file=sys.stderr)

    print("| format | MB | run | wall s | RssAnon peak MB | articles indexed |")
    print("|---|---|---|---|---|---|")
    for fmt, size, phase, wall, peak, indexed in rows:
        print(f"| {fmt} | {size} | {phase} | {wall:.1f} | {peak:.0f} | {indexed} |")


if __name__ == "__main__":
    main()
