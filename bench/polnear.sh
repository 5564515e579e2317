#!/usr/bin/env bash
# PolNeAR, scored with the shared definition: `parallax statements --json` per
# article, split into one answer file per article, then the scorer given as its
# second argument (the pronoun rule: a pronoun source's speaker must share a word
# with the nearest named source before it). The corpus is not part of this
# project: clone it yourself and give its path.
#
# Usage: bench/polnear.sh PATH-TO-POLNEAR SCORER [SPLIT...]   (default: dev)
# The scorer's stderr (its -v misses, its errors) goes to $MISSES when set.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:?usage: bench/polnear.sh PATH-TO-POLNEAR SCORER [SPLIT...]}
SCORER=${2:?usage: bench/polnear.sh PATH-TO-POLNEAR SCORER [SPLIT...]}
shift 2
SPLITS=("$@")
[ ${#SPLITS[@]} -gt 0 ] || SPLITS=(dev)
BIN=${PARALLAX:-$PWD/target/release/parallax}
[ -n "${PARALLAX:-}" ] || cargo build --release -q -p parallax
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for split in "${SPLITS[@]}"; do
  dir=$ROOT/data/$split
  mkdir -p "$WORK/$split/answers"
  ln -s "$dir/text" "$WORK/$split/text"
  ln -s "$dir/attributions" "$WORK/$split/ann"
  "$BIN" statements "$dir"/text/*.txt --persona prism --json > "$WORK/$split/all.jsonl"
  python3 - "$WORK/$split/all.jsonl" "$WORK/$split/answers" <<'PY'
import json, os, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    s = json.loads(line)
    name = os.path.splitext(os.path.basename(s["source"]))[0]
    out.setdefault(name, []).append(line)
for name, lines in out.items():
    with open(os.path.join(sys.argv[2], name + ".jsonl"), "w", encoding="utf-8") as f:
        f.writelines(lines)
PY
  echo "$split: $(python3 "$SCORER" "$WORK/$split" "$WORK/$split/answers" 2>>"${MISSES:-/dev/stderr}")"
done
