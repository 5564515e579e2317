#!/usr/bin/env bash
# Attribution benchmark on the public PolNeAR corpus (2016 US political news, every
# attribution annotated as source, cue and content). The corpus is not part of this
# project: clone it yourself and give its path.
#
# Usage: bench/attribution.sh PATH-TO-POLNEAR [SPLIT...]   (default splits: dev test)
#
# Runs `parallax statements --json` over every article of a split, scores it with
# bench/attribution_score.py (see there for what is scored) and writes the figures
# to the "Attribution" section of docs/performance.md. Develop on train and dev;
# test is for measuring only.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
ROOT=${1:?usage: bench/attribution.sh PATH-TO-POLNEAR [SPLIT...]}
shift
SPLITS=("$@")
[ ${#SPLITS[@]} -gt 0 ] || SPLITS=(dev test)
command -v python3 >/dev/null || { echo "bench/attribution.sh: needs python3" >&2; exit 2; }

cargo build --release -q -p parallax
BIN=$PWD/target/release/parallax
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

rows=""
for split in "${SPLITS[@]}"; do
  dir=$ROOT/data/$split
  [ -d "$dir/text" ] || { echo "bench/attribution.sh: no $dir/text" >&2; exit 2; }
  start=$(date +%s.%N)
  "$BIN" statements "$dir"/text/*.txt --persona prism --json > "$WORK/$split.jsonl"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  score=$(python3 bench/attribution_score.py "$dir" "$WORK/$split.jsonl")
  echo "$split: $score (${secs}s)"
  rows+=$(python3 - "$split" "$secs" "$score" <<'PY'
import json, sys
split, secs, s = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
print(f"| {split} | {s['articles']} | {s['attributions_of_speech']} | {s['statements']} | "
      f"{s['found']}% | {s['speaker']}% | {s['precision']}% | {secs:.1f} s |")
PY
)$'\n'
done

section=$(cat <<MD
<!-- bench/attribution.sh -->
## Attribution on PolNeAR

Figures from \`bench/attribution.sh\` on $(date -u +%Y-%m-%d): \`parallax statements\`
over every article of a split of the public PolNeAR corpus, scored by
\`bench/attribution_score.py\`. Scored are the attributions of speech (an annotated
source with a speech cue or quoted content). **found**: one statement covers at
least half the content's words; **speaker**: of those found, the statement's speaker
shares a word with the annotated source (for a pronoun, the nearest named source
before it); **precision**: of all statements, the share covering an annotated
content. Rules are developed on train and dev; test is only measured.

| split | articles | attributions of speech | statements | found | speaker | precision | time |
|---|---|---|---|---|---|---|---|
${rows}
<!-- end bench/attribution.sh -->
MD
)
write_section attribution.sh "$section"
echo "wrote docs/performance.md"
