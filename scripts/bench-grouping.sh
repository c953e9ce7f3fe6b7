#!/usr/bin/env bash
# The four speed and memory figures of grouping (issue 23), on varied synthetic EN/NL
# ideas from scripts/gen-ideas.py:
#   1. `group --json` on 1,000 lines, whole process (wall and CPU seconds);
#   2. `group --json --fast` on 5,007 lines against scikit-learn char TF-IDF with average-
#      link clustering (the ratio of wall times; needs VENV with scikit-learn);
#   3. peak memory of `group --json` on 10,000 lines;
#   4. a 15,000-idea live board whose embeddings are known regrouped on the worker's path
#      (examples/regroup_large.rs; the embeddings are computed once and kept in $CACHE).
# Usage: cargo build --release --examples && VENV=/tmp/scale-venv scripts/bench-grouping.sh
# The machine is shared: run it under the build lock so builds do not skew the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/ambassador
example=target/release/examples/regroup_large
[[ -x $bin && -x $example ]] || { echo "build first: cargo build --release --examples" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=${CACHE:-/tmp/ambassador-bench-15000.f32}
for n in 1000 5007 10000 15000; do python3 scripts/gen-ideas.py "$n" > "$work/$n.txt"; done

# label, input, command...: prints "label  wall s  cpu s  peak MB", leaves wall in $wall
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "${@:3}" < "$2" > /dev/null
  read -r wall user sys kb < "$work/t"
  printf '%-40s %7.2f s wall %7.2f s cpu %6d MB peak\n' "$1" "$wall" \
    "$(echo "$user + $sys" | bc)" $((kb / 1024))
}

measure "group, 1000 lines" "$work/1000.txt" "$bin" group --json
measure "group --fast, 5007 lines" "$work/5007.txt" "$bin" group --json --fast
fast=$wall
if [[ -n "${VENV:-}" && -x "$VENV/bin/python" ]]; then
  cat > "$work/tfidf.py" <<'PY'
import sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import AgglomerativeClustering
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
X = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3)).fit_transform(lines).toarray()
AgglomerativeClustering(n_clusters=None, distance_threshold=0.9, metric="cosine", linkage="average").fit(X)
PY
  measure "sklearn char TF-IDF, 5007 lines" "$work/5007.txt" "$VENV/bin/python" "$work/tfidf.py"
  printf '%-40s %7.1f x\n' "group --fast speed-up over sklearn" "$(echo "$wall / $fast" | bc -l)"
else
  echo "(set VENV to a venv with scikit-learn for the --fast comparison)"
fi
measure "group, 10000 lines" "$work/10000.txt" "$bin" group --json
# the first run computes the embeddings (the cache); the figure is the regroup alone
[[ -s $cache ]] || "$example" "$work/15000.txt" "$cache" > /dev/null 2>&1
"$example" "$work/15000.txt" "$cache" 2> "$work/progress"
echo "progress seen: $(grep -c regrouping "$work/progress") distinct percentages, last: $(tail -n 1 "$work/progress")"
