#!/usr/bin/env bash
# Minimises the corpus kept in git for one fuzz target. Of the inputs in
# fuzz/corpus/<target>/ and in any further directories given (say, what a
# long run grew), keeps only those that reach a code edge the generated
# seeds (make-seeds.py) and the regression inputs (regressions/<target>/)
# do not reach, and replaces fuzz/corpus/<target>/ with them. This is the
# merge `cargo fuzz cmin` runs, with three differences: the seeds and
# regression inputs count as already kept (CI fuzzes from them anyway),
# only edges count (-use_counters=0: libFuzzer's usual merge also keeps an
# input for every new hit count of an edge, which kept thousands of files
# a target), and the inputs are chosen as a greedy set cover
# (-set_cover_merge=1: fewest inputs for the same edges, not every input
# that adds one in size order).
#
#   fuzz/minimise-corpus.sh TARGET [DIR...]
set -euo pipefail
target="$1"
shift
extra=()
for dir in "$@"; do
    extra+=("$(cd "$dir" && pwd)")
done
cd "$(dirname "$0")"

export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never
cargo fuzz build --sanitizer none --debug-assertions "$target"
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release/$target"
case "$target" in
    query | phone) max_len=512 ;;
    *) max_len=16384 ;;
esac

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
python3 make-seeds.py "$scratch/seeds"
mkdir -p "$scratch/kept" "$scratch/seeds/$target" "corpus/$target"
cp -r "$scratch/seeds/$target/." "$scratch/kept/"
if [ -d "regressions/$target" ]; then
    cp -r "regressions/$target/." "$scratch/kept/"
fi
ls "$scratch/kept" | sort >"$scratch/baseline"

"$bin" -set_cover_merge=1 -use_counters=0 -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 "$scratch/kept" "corpus/$target" ${extra[@]+"${extra[@]}"}

rm -rf "corpus/$target"
mkdir -p "corpus/$target"
ls "$scratch/kept" | sort | comm -13 "$scratch/baseline" - | while read -r name; do
    cp "$scratch/kept/$name" "corpus/$target/$name"
done
echo "$target: $(ls "corpus/$target" | wc -l) inputs kept in corpus/$target"
