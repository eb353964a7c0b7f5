#!/usr/bin/env python3
"""Derive the 3-digit ZIP area population table used by phiseal's Safe Harbor ZIP rule.

45 CFR 164.514(b)(2)(i)(B): the initial three digits of a ZIP code may be kept only where the
geographic unit formed by all ZIP codes with those three digits contains more than 20,000 people
(current publicly available Census data); otherwise they must be changed to 000.

Input: a CSV of 2010 Census population per 5-digit ZIP Code Tabulation Area (ZCTA), columns
"Zip Code ZCTA,2010 Census Population,Country". The file may start with a UTF-8 byte-order mark
and drops leading zeros (ZCTA 01001 is written 1001); both are handled here.

Output (stdout or the path given): data/zip3-census2010.csv, one line per 3-digit prefix present
in the data, sorted, "zip3,population". Prefixes absent from the data are not listed: the crate
maps them to 000 (default deny).

Usage: python3 scripts/derive_zip3.py /path/to/census2010-population-by-zcta.csv data/zip3-census2010.csv
"""
import csv
import sys
from collections import defaultdict

CENSUS_YEAR = 2010
THRESHOLD = 20000


def derive(path):
    totals = defaultdict(int)
    rows = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        if not header[0].startswith("Zip Code ZCTA"):
            raise SystemExit("unexpected header: %r" % (header,))
        for rec in reader:
            if not rec:
                continue
            zcta = rec[0].strip()
            if not zcta.isdigit() or len(zcta) > 5:
                raise SystemExit("bad ZCTA %r" % zcta)
            zcta = zcta.zfill(5)
            pop = int(rec[1])
            if pop < 0:
                raise SystemExit("negative population")
            totals[zcta[:3]] += pop
            rows += 1
    return totals, rows


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    totals, rows = derive(sys.argv[1])
    total = sum(totals.values())
    out = open(sys.argv[2], "w", newline="\n") if len(sys.argv) == 3 else sys.stdout
    restricted = sorted(p for p, n in totals.items() if n <= THRESHOLD)
    out.write("# phiseal ZIP3 table: population per 3-digit ZIP prefix, US Census %d\n" % CENSUS_YEAR)
    out.write("# census_year=%d\n" % CENSUS_YEAR)
    out.write("# source: 2010 Census population by 5-digit ZCTA (public domain, US Census Bureau),\n")
    out.write("#   %d ZCTA rows, total population %d, summed by the first 3 digits of the zero-padded ZCTA\n" % (rows, total))
    out.write("# derived by: python3 scripts/derive_zip3.py census2010-population-by-zcta.csv data/zip3-census2010.csv\n")
    out.write("# rule: keep the prefix only if population > %d; listed prefixes at or under it: %s\n" % (THRESHOLD, " ".join(restricted)))
    out.write("# prefixes not listed have no ZCTA in the data and map to 000 (default deny)\n")
    out.write("zip3,population\n")
    for prefix in sorted(totals):
        out.write("%s,%d\n" % (prefix, totals[prefix]))


if __name__ == "__main__":
    main()
