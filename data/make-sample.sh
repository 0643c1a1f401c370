#!/usr/bin/env bash
# Regenerates data/sample.jsonl.gz, the sample directory shipped inside the
# binary: the real nationwide hotlines followed by a generated Guangzhou
# sample. Deterministic: the same generator and seed give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-30000}
seed=${2:-114}
tmp=$(mktemp)
{
  cat data/hotlines.jsonl
  cargo run --release --quiet -- gen --count "$count" --seed "$seed"
} >"$tmp"
gzip -9 -n <"$tmp" >data/sample.jsonl.gz
rm -f "$tmp"
echo "data/sample.jsonl.gz: $(zcat data/sample.jsonl.gz | wc -l) listings, $(stat -c %s data/sample.jsonl.gz) bytes"
