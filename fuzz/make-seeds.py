#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into OUT/<target>/ from the
project's own test data: the query files, the phone table of
tests/phone.rs, the fixture directory, the hotlines, the sample and the CSV
and JSONL rows of tests/batch.rs, tests/admin.rs and tests/apply.rs (also
in GB18030, with CRLF and with a BOM).

    python3 fuzz/make-seeds.py OUT

The seeds are not kept in git: .ci/fuzz writes them to a scratch directory
and fuzzes from them, the small corpus kept in fuzz/corpus/<target>/ (what
the fuzzers found beyond the seeds, minimised) and fuzz/regressions/. The
output is the same on every run: each file is named by its SHA-1."""

import gzip
import hashlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = None  # set by main() from the command line


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = SEEDS / target
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def rust_strings(path):
    """Every plain "..." and r#"..."# literal of a Rust source file."""
    text = (ROOT / path).read_text()
    raw = re.findall(r'r#"(.*?)"#', text)
    plain = re.findall(r'(?<![r#])"((?:[^"\\\n]|\\.)*)"', text)
    # Escapes are rare in these files; strings holding one are left out.
    return raw, [p for p in plain if "\\" not in p]


def main():
    global SEEDS
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT  (seeds go to OUT/<target>/)")
    SEEDS = pathlib.Path(sys.argv[1]).resolve()

    # query: what operators type, handwritten and a slice of the generated.
    for name in ["handwritten.jsonl", "generated.jsonl"]:
        lines = (ROOT / "tests" / "queries" / name).read_text().splitlines()
        for line in lines[:: 1 if name.startswith("hand") else 25]:
            if line.strip():
                write("query", json.loads(line)["query"])
    for q in ["zsdx", "zhongshandaxue", "zhong shan da xue", "中山dx", "zhongshan大学",
              "020-8775", "+86 20 8775 5766", "Sun Yat-sen University", "中山大學　ＺＳＤＸ",
              "zongsan", "gzsgajnsqfj", "美宜佳(白云", "5766", "中山大雪", "lvyou", "nü"]:
        write("query", q)

    # phone: every written form of the table in tests/phone.rs.
    table = (ROOT / "tests" / "phone.rs").read_text()
    for m in re.finditer(r'^\s*\("((?:[^"\\]|\\.)*)",', table, re.M):
        if "\\" not in m.group(1):
            write("phone", m.group(1))
    for line in (ROOT / "data" / "hotlines.jsonl").read_text().splitlines():
        for p in json.loads(line)["phones"]:
            write("phone", p["number"])

    # changes_jsonl: whole small files and single rows.
    fixture = (ROOT / "tests" / "fixture" / "directory.jsonl").read_text()
    write("changes_jsonl", fixture)
    hotlines = (ROOT / "data" / "hotlines.jsonl").read_text().splitlines()
    write("changes_jsonl", "\n".join(hotlines[:8]) + "\n")
    with gzip.open(ROOT / "data" / "sample.jsonl.gz", "rt") as f:
        sample = [next(f) for _ in range(2000)]
    for line in sample[::200]:
        write("changes_jsonl", line)
        listing = json.loads(line)
        write("changes_jsonl", json.dumps({"op": "add", "listing": listing}, ensure_ascii=False) + "\n")
        write("changes_jsonl", json.dumps({"op": "update", "listing": listing}) + "\r\n")
        write("changes_jsonl", json.dumps({"op": "delete", "id": listing["id"]}) + "\n")
    for path in ["tests/batch.rs", "tests/admin.rs", "tests/apply.rs"]:
        raw, _ = rust_strings(path)
        rows = [r for r in raw if r.startswith("{")]
        if rows:
            write("changes_jsonl", "\n".join(rows) + "\n")
            write("changes_jsonl", "\ufeff" + "\r\n".join(rows))
        for r in rows:
            write("changes_jsonl", r)

    # changes_csv: the CSV files of tests/batch.rs, also CRLF, BOM, GB18030.
    _, plain = rust_strings("tests/batch.rs")
    header = next(p for p in plain if p.startswith("op,id,name"))
    rows = [p for p in plain if re.match(r'^(add|update|delete)?,', p) and p.count(",") >= 10]
    files = [[header] + rows[i:i + 4] for i in range(0, len(rows), 4)]
    files.append([header, 'add,N1,新店,,,,020-38906666,,,,,,,,',
                  'update,U1,"改名,新",别名|旧名,前台,,020-38906667:总机|138 0013 8000,,,,,,,yes,1.5',
                  'delete,D1,,,,,,,,,,,,,'])
    files.append(["id,name,phones,网址", 'GZ-1,"广州""酒家""",020-87755766,http://x'])
    for f in files:
        text = "\n".join(f)
        write("changes_csv", text)
        write("changes_csv", text.replace("\n", "\r\n") + "\r\n")
        write("changes_csv", "\ufeff" + text)
        write("changes_csv", text.encode("gb18030"))
    listings = [json.loads(l) for l in sample[:5]]
    cols = ["op", "id", "name", "aliases", "department", "parent_id", "phones", "category",
            "province", "city", "district", "address", "name_en", "listed", "weight"]
    def cell(l, c):
        v = l.get(c, "")
        if c == "phones":
            v = "|".join(p["number"] + (":" + p["label"] if p.get("label") else "") for p in v)
        elif c == "aliases":
            v = "|".join(v)
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(x in v for x in ',"\n') else v
    text = "\r\n".join([",".join(cols)] + [",".join(["add"] + [cell(l, c) for c in cols[1:]]) for l in listings])
    write("changes_csv", text)
    write("changes_csv", text.encode("gb18030"))


if __name__ == "__main__":
    main()
