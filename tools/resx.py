#!/usr/bin/env python3
"""Adds or updates UI strings in Crm.Web/Resources (neutral = English, en-US, zh-CN) in one step.

    tools/resx.py add KEY "English text" "中文文本"      # add or replace one key in all three files
    tools/resx.py addfile FILE.tsv                       # add every KEY<TAB>English<TAB>中文 line of a file
    tools/resx.py check                                  # list keys missing from any file

Safe to run from several shells at once (an exclusive lock guards the files).
"""
import fcntl
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Crm.Web", "Resources")
FILES = {"": 0, ".en-US": 0, ".zh-CN": 1}


def path(suffix):
    return os.path.join(ROOT, f"SharedResource{suffix}.resx")


def read(suffix):
    tree = ET.parse(path(suffix))
    return {d.get("name"): (d.find("value").text or "") for d in tree.getroot().findall("data")}


def write(suffix, entries):
    header = open(path(suffix), encoding="utf-8").read().split("  <data ")[0]
    with open(path(suffix), "w", encoding="utf-8") as f:
        f.write(header if header.endswith("\n") else header + "\n")
        for key in sorted(entries, key=str.lower):
            f.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve">\n'
                    f"    <value>{escape(entries[key])}</value>\n  </data>\n")
        f.write("</root>\n")


def main(argv):
    with open(os.path.join(ROOT, ".resx.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if len(argv) == 5 and argv[1] == "add":
            key, texts = argv[2], (argv[3], argv[4])
            for suffix, index in FILES.items():
                entries = read(suffix)
                entries[key] = texts[index]
                write(suffix, entries)
            return 0
        if len(argv) == 3 and argv[1] == "addfile":
            rows = [line.rstrip("\n").split("\t") for line in open(argv[2], encoding="utf-8") if line.strip()]
            bad = [r[0] for r in rows if len(r) != 3]
            if bad:
                print("lines without three tab-separated fields: " + ", ".join(bad))
                return 1
            for suffix, index in FILES.items():
                entries = read(suffix)
                for key, english, chinese in rows:
                    entries[key] = (english, chinese)[index]
                write(suffix, entries)
            print(f"{len(rows)} keys")
            return 0
        if len(argv) == 2 and argv[1] == "check":
            sets = {s: set(read(s)) for s in FILES}
            union = set().union(*sets.values())
            missing = [(s or "neutral", k) for s, keys in sets.items() for k in sorted(union - keys)]
            for s, k in missing:
                print(f"missing in {s}: {k}")
            return 1 if missing else 0
        print(__doc__)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
