#!/usr/bin/env bash
# What one article costs: calls, sequential rounds, prompt tokens and wall time
# divided by the server's latency, for a four-perspective PRISM draft of the two
# example sources against the fake LLM server on 127.0.0.1 with a fixed latency.
# Measured without revision, and with a revision round (the fake's sloppy mode,
# whose answers the checks flag). Writes the figures to docs/performance.md.
# Usage: bench/draft.sh [LATENCY_MS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
LATENCY_MS=${1:-300}

cargo build --release -q -p parallax -p fake-llm
BIN=$PWD/target/release/parallax
FAKE=$PWD/target/release/fake-llm
WORK=$(mktemp -d)
trap 'stop_fake; rm -rf "$WORK"' EXIT

# measure NAME FAKE_FLAGS DRAFT_FLAGS → one table row
measure() {
  local name=$1 fake_flags=$2 draft_flags=$3
  # shellcheck disable=SC2086
  start_fake --latency-ms "$LATENCY_MS" $fake_flags
  local url=$URL
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$WORK" && OPENAI_BASE_URL=$url OPENAI_API_KEY=bench XDG_CACHE_HOME=$WORK/cache \
    "$BIN" draft "$OLDPWD/examples/sources/kim-putin-new-year.md" \
    "$OLDPWD/examples/sources/north-korea-russia-reactions.md" \
    --persona prism --no-cache -o "$name.json" $draft_flags 2> "$name.log")
  end=$(date +%s.%N)
  stop_fake
  python3 - "$WORK/$name.json" "$name" "$(echo "$end - $start" | bc)" "$LATENCY_MS" <<'PY'
import json, sys
path, name, wall, latency = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
meta = json.load(open(path))["meta"]
calls = sum(c["attempts"] for c in meta["calls"])
rounds = max(c["round"] for c in meta["calls"])
prompt = meta["usage"]["prompt_tokens"]
print(f"{name}|{calls}|{rounds}|{prompt}|{wall * 1000 / latency:.2f}")
PY
}

draft=$(measure draft "" "--no-revise")
sloppy=$(measure sloppy "--sloppy 1" "--no-revise")
revised=$(measure revised "--sloppy 1" "")
echo "$draft"
echo "$sloppy"
echo "$revised"

row() { IFS='|' read -r name calls rounds prompt ratio <<< "$1"; echo "| $2 | $calls | $rounds | $prompt | $ratio |"; }
sloppy_prompt=$(cut -d'|' -f4 <<< "$sloppy")
revised_prompt=$(cut -d'|' -f4 <<< "$revised")
share=$(awk -v r="$revised_prompt" -v d="$sloppy_prompt" 'BEGIN { printf "%.2f", r / d }')

section=$(cat <<MD
<!-- bench/draft.sh -->
## One article's calls, rounds and tokens

Figures from \`bench/draft.sh\` on $(date -u +%Y-%m-%d): a four-perspective PRISM
draft of the two example sources against the fake server with ${LATENCY_MS} ms of
latency per call, a release build, no cache. Calls count every request (repairs and
raised budgets included); rounds are the pipeline's rounds (a repair is sent within
its round). The last two rows are the same draft against the fake's sloppy mode,
whose answers need repairs and carry flaws the checks flag: without revision, and
with its revision round.

| | calls | sequential rounds | prompt tokens | wall time ÷ latency |
|---|---|---|---|---|
$(row "$draft" "draft (\`--no-revise\`)")
$(row "$sloppy" "sloppy answers, \`--no-revise\`")
$(row "$revised" "sloppy answers, with the revision round")

With the revision round, the sloppy draft's prompt tokens are ${share} times those
without it.
<!-- end bench/draft.sh -->
MD
)
write_section draft.sh "$section"
echo "wrote docs/performance.md"
