#!/usr/bin/env python3
"""Derive newsdex's compact gazetteer from the raw GeoNames and country tables.

usage: build.py [--source DIR] [--out DIR] [--corpus DIR ...]

Reads the raw tables in DIR (default: ../shared/gazetteer from the repository root, see its
README.md; data/rebuild.py checks them against data/sources.tsv first) and the hand-curated
files in curated/, and writes beside this script (or into --out):

  places.tsv     one place per line: name, country code, kind, population, flags, aliases
  demonyms.tsv   demonym or adjective of place -> country code

With --corpus (folders of news text, read recursively), it first recounts how each single-word
place name is used in that text and rewrites wordstats.tsv; without it the committed
wordstats.tsv is used, so the output depends only on committed files and the raw tables.
Standard-library Python 3 only; the output is deterministic (sorted, no timestamps).
"""

import argparse
import json
import lzma
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CURATED = os.path.join(HERE, "curated")

# Kinds, in the order a surface form shared by several places prefers them.
KIND_RANK = {
    "country": 0,
    "continent": 1,
    "capital": 2,
    "admin": 3,
    "region": 4,
    "water": 5,
    "mountain": 6,
    "venue": 7,
    "city": 8,
    "stateabbr": 9,
}

# Cities below this population are left out: most are unknown outside their region and many
# are named like people or common words.
MIN_CITY_POPULATION = 5000
# Alternate names (exonyms like Kiev, Bombay, Cologne) are taken only for cities this large.
MIN_ALTERNATE_POPULATION = 100000

# AP-style and postal abbreviations of US states: only trusted after "Town, " (see locations.rs).
STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AK": [], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."],
    "CO": ["Colo."], "CT": ["Conn."], "DE": ["Del."], "DC": [], "FL": ["Fla."], "GA": ["Ga."],
    "HI": [], "ID": [], "IL": ["Ill."], "IN": ["Ind."], "IA": [], "KS": ["Kan.", "Kans."],
    "KY": ["Ky."], "LA": ["La."], "ME": [], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."],
    "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."],
    "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."],
    "NC": ["N.C."], "ND": ["N.D."], "OH": [], "OK": ["Okla."], "OR": ["Ore.", "Oreg."],
    "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."],
    "TX": ["Tex."], "UT": [], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*")
LOCATIVES = {"in", "at", "near", "from", "to", "outside", "across", "around", "into"}


def read_titles():
    """The personal titles of the shared lexicon (data/lexicon/titles.txt)."""
    path = os.path.join(HERE, "..", "lexicon", "titles.txt")
    with open(path, encoding="utf-8") as f:
        return {w for line in f if not line.startswith("#") for w in line.split()}


TITLES = read_titles()


def fold(text):
    """ASCII-fold: strip accents (São Paulo -> Sao Paulo)."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def german_fold(text):
    """German transliteration (Düsseldorf -> Duesseldorf), as Reuters writes it."""
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return text


def variants(name):
    out = [name]
    for v in (fold(name), german_fold(name), fold(german_fold(name))):
        if v not in out:
            out.append(v)
    return out


LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\.\- ]*[a-z\.]$")
CONNECTORS = {"of", "de", "del", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di",
              "and", "the", "upon", "on", "am", "an", "der", "den", "al", "el", "en", "sur", "y"}


CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday"}


def usable_name(name):
    """A name newsdex can match: Latin script, capitalised words, no codes, no month names."""
    if len(name) < 3 or not LATIN_NAME.match(name) or name in CALENDAR:
        return False
    for word in name.replace("-", " ").split():
        if word.lower() in CONNECTORS:
            continue
        if not word[0].isupper():
            return False
        if word.isupper() and len(word) > 1 and "." not in word:
            return False
    return True


def load_json(path):
    if path.endswith(".xz"):
        with lzma.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield line.split("\t")


class Table:
    def __init__(self):
        self.places = []  # dicts: name, cc, kind, pop, aliases (set)
        self.by_key = {}  # (name, cc) -> index, for curated aliases
        self.curated = set()  # surface forms written by hand, trusted as they are

    def add(self, name, cc, kind, pop, aliases=(), alternates=()):
        # A state's abbreviations are a place of their own: they are trusted in fewer contexts.
        key = (name, cc, "abbr") if kind == "stateabbr" else (name, cc)
        if key in self.by_key:
            place = self.places[self.by_key[key]]
            # A country's capital shares its name key with the generic city row.
            if KIND_RANK[kind] < KIND_RANK[place["kind"]]:
                place["kind"] = kind
            place["pop"] = max(place["pop"], pop)
            place["aliases"].update(aliases)
            place["alternates"].update(alternates)
            return place
        place = {"name": name, "cc": cc, "kind": kind, "pop": pop, "aliases": set(aliases),
                 "alternates": set()}
        place["alternates"].update(alternates)
        self.by_key[key] = len(self.places)
        self.places.append(place)
        return place


def build(source):
    table = Table()
    countries = load_json(os.path.join(source, "geonames-countries.json"))
    mledoze = load_json(os.path.join(source, "mledoze-countries.json"))
    capitals = {}
    for iso, c in sorted(countries.items()):
        aliases = set(variants(c["name"]))
        table.add(c["name"], iso, "country", int(c.get("population") or 0), aliases)
        if c.get("capital"):
            capitals[iso] = c["capital"]
    for c in mledoze:
        iso = c["cca2"]
        if iso not in countries:
            continue
        place = table.places[table.by_key[(countries[iso]["name"], iso)]]
        # Single-word alternative spellings are mostly adjectives or native forms
        # (`Portuguesa`, `Ísland`) that news uses otherwise; longer official names are kept.
        alts = [a for a in c.get("altSpellings", []) if " " in a]
        names = [c["name"]["common"], c["name"]["official"]] + alts
        for n in names:
            for v in variants(n):
                if usable_name(v) and "," not in v:
                    place["aliases"].add(v)

    continents = load_json(os.path.join(source, "continents.json"))
    for code, c in sorted(continents.items()):
        table.add(c["toponymName"], "-", "continent", int(c.get("population") or 0))

    states = load_json(os.path.join(source, "us_states.json"))
    for code, s in sorted(states.items()):
        if code == "DC":
            continue
        table.add(s["name"], "US", "admin", 0)
        abbrevs = [code] + STATE_ABBREVIATIONS.get(code, [])
        table.add(s["name"], "US", "stateabbr", 0, abbrevs)

    not_places = set()
    with open(os.path.join(CURATED, "not-places.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                not_places.add(line)

    cities = load_json(os.path.join(source, "cities5000.json.xz"))
    for gid in sorted(cities, key=lambda g: int(g)):
        c = cities[gid]
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        name = c["name"]
        cc = c["countrycode"]
        kind = "capital" if capitals.get(cc) == name else "city"
        aliases = {v for v in variants(name) if usable_name(v) and v not in not_places}
        alternates = set()
        if pop >= MIN_ALTERNATE_POPULATION:
            # Alternate names come in every language; single words are kept and later filtered
            # by how news text uses them (see main), multi-word ones are mostly translations.
            for alt in c.get("alternatenames", []):
                if (alt.isascii() and usable_name(alt) and len(alt) >= 4 and " " not in alt
                        and alt not in not_places):
                    alternates.add(alt)
        if not aliases and not alternates:
            continue
        table.add(name, cc, kind, pop, aliases, alternates)

    for name, cc, kind, aliases in read_tsv(os.path.join(CURATED, "places.tsv")):
        als = [a for a in aliases.split("|") if a]
        table.add(name, cc, kind, 0, set(als) | {name})
        table.curated.update(als)
        table.curated.add(name)

    # Canonical names as news writes them.
    renames = {("New York City", "US"): "New York", ("Köln", "DE"): "Cologne",
               ("Frankfurt am Main", "DE"): "Frankfurt", 
               ("Palestinian Territory", "PS"): "Palestinian Territories",
               ("Timor Leste", "TL"): "East Timor", ("The Netherlands", "NL"): "Netherlands"}
    for (old, cc), new in renames.items():
        i = table.by_key.pop((old, cc))
        table.places[i]["aliases"].add(old)
        table.places[i]["name"] = new
        table.by_key[(new, cc)] = i

    missing = []
    for surface, canonical, cc in read_tsv(os.path.join(CURATED, "aliases.tsv")):
        key = (canonical, cc)
        if key not in table.by_key:
            missing.append(f"{canonical} ({cc})")
            continue
        table.places[table.by_key[key]]["aliases"].add(surface)
        table.curated.add(surface)
    if missing:
        sys.exit("aliases.tsv names places the tables lack: " + ", ".join(missing))
    return table


def surface_forms(table):
    """Every surface form of the table, each with the places it may name."""
    forms = defaultdict(list)
    for i, p in enumerate(table.places):
        for s in {p["name"]} | p["aliases"] | p["alternates"]:
            forms[s].append(i)
    return forms


def count_usage(corpora, names):
    """How each single-word name is used in news text: lower-case, capitalised mid-sentence,
    after a personal title, after a locative preposition (in, at, near, from)."""
    lower = {n.lower(): n for n in names}
    counts = {n: [0, 0, 0, 0] for n in names}
    for corpus in corpora:
        for root, dirs, files in os.walk(corpus):
            dirs.sort()
            for fname in sorted(files):
                try:
                    with open(os.path.join(root, fname), encoding="utf-8", errors="replace") as f:
                        text = f.read()
                except OSError:
                    continue
                prev = ""
                prev_end = 0
                for m in WORD_RE.finditer(text):
                    w = m.group()
                    gap = text[prev_end:m.start()]
                    if w in counts:
                        sentence_start = prev == "" or any(ch in gap for ch in ".!?\"\n:")
                        if not sentence_start:
                            counts[w][1] += 1
                        if prev in TITLES and gap.strip(" .") == "":
                            counts[w][2] += 1
                        if prev in LOCATIVES and gap == " ":
                            counts[w][3] += 1
                    elif w in lower:
                        counts[lower[w]][0] += 1
                    prev = w
                    prev_end = m.end()
    return counts


def read_demonyms(source):
    demonyms = {}
    for row in read_tsv(os.path.join(source, "demonyms_eng.tsv")):
        if row[0] == "demonym":
            continue
        for d in row[0].split(","):
            d = d.strip()
            if d and d not in demonyms:
                demonyms[d] = row[2]
    for d, cc in read_tsv(os.path.join(CURATED, "demonyms.tsv")):
        demonyms[d] = cc
    return demonyms


def main():
    ap = argparse.ArgumentParser()
    default_source = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "gazetteer"))
    ap.add_argument("--source", default=default_source)
    ap.add_argument("--out", default=HERE, help="folder to write the tables to")
    ap.add_argument("--corpus", action="append", default=[])
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    table = build(args.source)
    demonyms = read_demonyms(args.source)
    # A demonym is never a place's name (`Thai`, `Israeli`), whatever alternate names say.
    for p in table.places:
        p["aliases"] -= demonyms.keys()
        p["alternates"] -= demonyms.keys()
    forms = surface_forms(table)
    single = sorted(s for s in forms if " " not in s and s[:1].isupper() and not s.isupper())
    stats_path = os.path.join(HERE, "wordstats.tsv")
    if args.corpus:
        counts = count_usage(args.corpus, single)
        stats_path = os.path.join(args.out, "wordstats.tsv")
        with open(stats_path, "w", encoding="utf-8") as f:
            f.write("# How single-word place names are used in news text (build.py --corpus).\n")
            f.write("# name<TAB>lower-case uses<TAB>capitalised mid-sentence<TAB>after a personal title"
                    "<TAB>after in/at/near/from...\n")
            for name in single:
                lo, cap, title, loc = counts[name]
                if lo or cap or title:
                    f.write(f"{name}\t{lo}\t{cap}\t{title}\t{loc}\n")
    stats = {}
    if os.path.exists(stats_path):
        for name, lo, cap, title, loc in read_tsv(stats_path):
            stats[name] = (int(lo), int(cap), int(title), int(loc))

    # Flags per surface form: w = mostly a common word in news text, p = often a person's name,
    # n = news text uses the capitalised word a lot but hardly ever as a location (Olympic,
    # Federal, Ajax): a town of that name is not what it means.
    def flags_of(surface):
        lo, cap, title, loc = stats.get(surface, (0, 0, 0, 0))
        f = ""
        if lo >= 3 and lo >= cap // 2:
            f += "w"
        if title >= 3 and title * 8 >= cap:
            f += "p"
        if cap >= 10 and loc * 20 < cap:
            f += "n"
        return f

    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by build.py from GeoNames (CC BY 4.0) and the sources in ATTRIBUTION.md.\n")
        f.write("# name<TAB>country code or -<TAB>kind<TAB>population<TAB>aliases: surface[/flags] separated by |\n")
        order = sorted(range(len(table.places)),
                       key=lambda i: (KIND_RANK[table.places[i]["kind"]], -table.places[i]["pop"],
                                      table.places[i]["name"], table.places[i]["cc"]))
        primary = set()
        for p in table.places:
            primary.add(p["name"])
            primary.update(p["aliases"])
        for i in order:
            p = table.places[i]
            # A spelling from the sources that news mostly uses as a word or as something
            # else (Iceland's "Island") is dropped; a place's own name and curated forms stay.
            surfaces = {a for a in p["aliases"]
                        if a == p["name"] or a in table.curated or not set(flags_of(a)) & {"w", "n"}}
            if p["kind"] != "stateabbr":
                surfaces.add(p["name"])
            for alt in p["alternates"]:
                # An alternate name is kept when English news uses it as a name, and it is
                # nobody else's own name (Hong Kong's "Victoria", Jerusalem's "Ariel").
                lo, cap, title, loc = stats.get(alt, (0, 0, 0, 0))
                if alt not in primary and cap >= 5 and not flags_of(alt):
                    surfaces.add(alt)
            surfaces = sorted(surfaces)
            cells = []
            for s in surfaces:
                fl = flags_of(s)
                cells.append(f"{s}/{fl}" if fl else s)
            f.write(f"{p['name']}\t{p['cc']}\t{p['kind']}\t{p['pop']}\t{'|'.join(cells)}\n")

    with open(os.path.join(args.out, "demonyms.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by build.py from demonyms_eng.tsv (mledoze, ODbL 1.0) and curated/demonyms.tsv.\n")
        f.write("# demonym<TAB>country code\n")
        for d in sorted(demonyms):
            f.write(f"{d}\t{demonyms[d]}\n")


if __name__ == "__main__":
    main()
