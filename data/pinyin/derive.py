#!/usr/bin/env python3
"""Derive chahao's compact pinyin data from the pypinyin wheel (MIT).

Usage:
    pip download --no-deps pypinyin==0.55.0
    unzip -o pypinyin-0.55.0-py2.py3-none-any.whl -d pypinyin-wheel
    python3 data/pinyin/derive.py pypinyin-wheel/pypinyin

Writes, next to this script:

  chars.txt    one line per distinct reading list: "zhong chong<TAB>重..."
               listing the COMMON toneless readings of each character, most
               frequent first. A reading is common if it is the character's
               first (default) reading in pinyin_dict.json, or if it occurs
               at that character in at least MIN_PHRASES phrases of
               phrases_dict.json. Readings are ordered by that phrase count,
               ties in dictionary order.
  phrases.txt  "重庆 chong qing" for every phrase whose word-level reading
               changes what readings() would give for at least one of its
               characters (alternatives at one position joined by '|').
               The comparison includes the hand-written readings of
               extra_readings.txt (so 单位 dan wei is kept once 单 also reads
               shan): rerun this script after editing that file.

Nothing here runs at product run time; the Rust code embeds the two files.
"""
import collections
import json
import os
import sys
import unicodedata

# A reading must appear in this many phrases to count as common (unless it is
# the default reading). 2 keeps 的 di, 曾 zeng, 厦 xia, 蚌 beng, 大 dai; it drops
# one-phrase readings such as 六 lu (only 六安), 番 pan (only 番禺), 单 chan
# (only 单于) and 许 hu (no phrase), which the phrase list covers where needed.
MIN_PHRASES = 2

# Interjection syllables with no vowel; no one types them as a syllable.
DROPPED = {"m", "n", "ng", "hm", "hng"}


def toneless(reading):
    """'lǘ' -> 'lv', 'ê̄' -> 'e', 'zhōng' -> 'zhong'."""
    out = []
    for ch in unicodedata.normalize("NFD", reading.strip().lower()):
        if unicodedata.category(ch) == "Mn":
            # U+0308 is the diaeresis of ü; every other mark is a tone or ê.
            if ch == "\u0308" and out and out[-1] == "u":
                out[-1] = "v"
            continue
        out.append(ch)
    return "".join(out)


def uniq(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def main(src):
    with open(os.path.join(src, "pinyin_dict.json"), encoding="utf8") as f:
        char_dict = {chr(int(k)): v for k, v in json.load(f).items()}
    with open(os.path.join(src, "phrases_dict.json"), encoding="utf8") as f:
        phrase_dict = json.load(f)

    def dict_readings(ch):
        return [
            r for r in uniq(toneless(r) for r in char_dict.get(ch, "").split(","))
            if r and r not in DROPPED
        ]

    phrases = {}
    counts = collections.Counter()
    for word, readings in phrase_dict.items():
        if len(word) != len(readings):
            continue
        alts = [[r for r in uniq(toneless(r) for r in pos) if r not in DROPPED]
                for pos in readings]
        if not all(alts):
            continue
        phrases[word] = alts
        for ch, pos in zip(word, alts):
            for r in pos:
                counts[(ch, r)] += 1

    common = {}
    for ch in char_dict:
        all_readings = dict_readings(ch)
        if not all_readings:
            continue
        keep = [r for i, r in enumerate(all_readings)
                if i == 0 or counts[(ch, r)] >= MIN_PHRASES]
        keep.sort(key=lambda r: (-counts[(ch, r)], all_readings.index(r)))
        common[ch] = keep

    here = os.path.dirname(os.path.abspath(__file__))
    # What the Rust loader will hand out: derived readings plus extras.
    final = {ch: list(rs) for ch, rs in common.items()}
    with open(os.path.join(here, "extra_readings.txt"), encoding="utf8") as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                continue
            rs = final.setdefault(fields[0], [])
            rs.extend(r for r in fields[1:] if r not in rs)

    groups = collections.defaultdict(list)
    for ch in sorted(common):
        groups[" ".join(common[ch])].append(ch)
    with open(os.path.join(here, "chars.txt"), "w", encoding="utf8") as f:
        for readings in sorted(groups):
            f.write("%s\t%s\n" % (readings, "".join(groups[readings])))

    kept = 0
    with open(os.path.join(here, "phrases.txt"), "w", encoding="utf8") as f:
        for word in sorted(phrases):
            alts = phrases[word]
            if any(pos != final.get(ch, []) for ch, pos in zip(word, alts)):
                f.write("%s %s\n" % (word, " ".join("|".join(p) for p in alts)))
                kept += 1
    print("chars: %d in %d groups; phrases kept: %d of %d"
          % (len(common), len(groups), kept, len(phrases)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "pypinyin")
