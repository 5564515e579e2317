#!/usr/bin/env bash
# Batch benchmark against the fake LLM server on 127.0.0.1. Writes its figures to
# docs/performance.md. Usage: bench/batch.sh [STORIES_FOR_WALL_TIME]
#
# Measures, with release builds:
#   1. wall time of N stories (64 by default) at 200 ms latency and 16 requests in
#      flight, revision included (the fake's sloppy answers are repaired and
#      revised), against the ideal (calls × latency ÷ concurrency);
#   2. peak RSS for 100 and 10,000 stories (no latency);
#   3. CPU time per story;
#   4. the rerun of a finished 1,000-story batch (no call may be made);
#   5. 1,000 and 20,000 stories through the provider batch engine (--engine
#      provider): requests per story, provider batches per round and the largest,
#      and our CPU and peak memory beyond the provider's processing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
N=${1:-64}
LATENCY_MS=200
CONCURRENCY=16
JOBS=32

cargo build --release -q -p parallax -p fake-llm
BIN=$PWD/target/release/parallax
FAKE=$PWD/target/release/fake-llm
WORK=$(mktemp -d)
trap 'stop_fake; rm -rf "$WORK"' EXIT



config() {
  cat > "$WORK/parallax.toml" <<TOML
[provider]
name = "openai"
model = "bench"
concurrency = $CONCURRENCY
TOML
}

# run_batch OUT_NAME MANIFEST URL [revise [JOBS]] → prints "wall_s rss_kb cpu_s"
run_batch() {
  local out=$1 list=$2 url=$3 jobs=${5:-$JOBS}
  if [ "${4:-}" = revise ]; then set --; else set -- --no-revise; fi
  ( cd "$WORK" && OPENAI_BASE_URL=$url XDG_CACHE_HOME=$WORK/cache /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
      "$BIN" -q batch "$list" --out "$out" -j "$jobs" --no-cache "$@" > /dev/null 2>&1 ) || true
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$WORK/time.txt"
}

config
start_fake --latency-ms "$LATENCY_MS" --batch-delay-ms 0 --sloppy 1
manifest "$N" "$WORK/wall.jsonl"
# Every story in flight (-j N): a story's requests are a chain (brief, repair,
# sections, repairs, revision), so fewer stories than that leave slots idle.
read -r WALL RSS_W CPU_W <<< "$(run_batch out-wall "$WORK/wall.jsonl" "$URL" revise "$N")"
# Every request counts: repairs and revisions too (each call record's attempts).
CALLS=$(python3 - "$WORK/out-wall" <<'PY'
import glob, json, sys
n = 0
for path in glob.glob(f"{sys.argv[1]}/*.json"):
    if path.endswith((".provenance.json", "report.json")):
        continue
    n += sum(c["attempts"] for c in json.load(open(path))["meta"]["calls"])
print(n)
PY
)
DONE=$(grep -o '"done": [0-9]*' "$WORK/out-wall/report.json" | grep -o '[0-9]*$')
IDEAL=$(awk -v c="$CALLS" -v l=$LATENCY_MS -v k=$CONCURRENCY 'BEGIN { printf "%.2f", c * l / 1000 / k }')
OVER=$(awk -v w="$WALL" -v i="$IDEAL" 'BEGIN { printf "%.1f", (w / i - 1) * 100 }')
stop_fake

start_fake --latency-ms 0 --batch-delay-ms 0
manifest 100 "$WORK/m100.jsonl"
read -r WALL100 RSS100 CPU100 <<< "$(run_batch out-100 "$WORK/m100.jsonl" "$URL")"
manifest 10000 "$WORK/m10k.jsonl"
read -r WALL10K RSS10K CPU10K <<< "$(run_batch out-10k "$WORK/m10k.jsonl" "$URL")"
DONE10K=$(grep -o '"done": [0-9]*' "$WORK/out-10k/report.json" | grep -o '[0-9]*$')
RATIO=$(awk -v a="$RSS10K" -v b="$RSS100" 'BEGIN { printf "%.2f", a / b }')
CPU_PER=$(awk -v c="$CPU10K" -v n="$DONE10K" 'BEGIN { printf "%.2f", c * 1000 / n }')

# The review desk of the 10,000-story batch: its size, and how long headless
# Chromium takes to load it and to apply two filters (testkit's `desk-timing`
# measures; it asserts no time).
DESK_KB=$(( $(wc -c < "$WORK/out-10k/index.html") / 1024 ))
DESK=$(cargo run -q --release -p testkit --bin desk-timing -- "$WORK/out-10k/index.html" 2>/dev/null)
DESK_LOAD=$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["load_ms"]))' "$DESK")
DESK_FILTER=$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["filter_ms"]))' "$DESK")

manifest 1000 "$WORK/m1k.jsonl"
run_batch out-1k "$WORK/m1k.jsonl" "$URL" > /dev/null
read -r RERUN _ _ <<< "$(run_batch out-1k "$WORK/m1k.jsonl" "$URL")"
SKIPPED=$(grep -o '"already_done": [0-9]*' "$WORK/out-1k/report.json" | grep -o '[0-9]*$')
RERUN_CALLS=$(grep -o '"calls": [0-9]*' "$WORK/out-1k/report.json" | grep -o '[0-9]*$')

# Prompt tokens per article: the README's two example sources, and a 200-page
# report built from them (815 passages), as the fake server counts them.
python3 - "$WORK/report.md" <<'PY'
import sys
def body(name):
    t = open(f"examples/sources/{name}").read()
    return t.split("\n---\n", 1)[1] if t.startswith("---") else t
out = ["---\ntitle: A long report on North Korea and Russia\npublisher: Test Institute\n---\n", body("kim-putin-new-year.md")]
for i in range(800):
    out.append(f"\nSection {i}: the committee reviewed harbour logistics item {i}, with shipments of {1000 + i} tonnes through rail station {i % 40} and no change to the regional schedule.\n")
    if i == 400:
        out.append("\n" + body("north-korea-russia-reactions.md") + "\n")
open(sys.argv[1], "w").write("\n".join(out))
PY
prompt_tokens() {
  ( cd "$WORK" && OPENAI_BASE_URL=$URL XDG_CACHE_HOME=$WORK/cache "$BIN" -q draft "$@" --no-cache --no-revise -o "$WORK/tokens.json" > /dev/null 2>&1 ) || true
  grep -o '"prompt_tokens": [0-9]*' "$WORK/tokens.json" | head -n1 | grep -o '[0-9]*$'
}
SHORT_TOKENS=$(prompt_tokens "$PWD/examples/sources/kim-putin-new-year.md" "$PWD/examples/sources/north-korea-russia-reactions.md")
LONG_TOKENS=$(prompt_tokens "$WORK/report.md")
LONG_KB=$(( $(wc -c < "$WORK/report.md") / 1024 ))

# The provider batch engine at 1,000 and 20,000 stories, polled every 10 ms.
# engine N → one table row
engine() {
  local n=$1
  manifest "$n" "$WORK/e$n.jsonl"
  ( cd "$WORK" && OPENAI_BASE_URL=$URL XDG_CACHE_HOME=$WORK/cache PARALLAX_POLL_INTERVAL=10ms \
      /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
      "$BIN" batch "$WORK/e$n.jsonl" --out "out-e$n" --engine provider --no-cache --no-revise > /dev/null 2> "$WORK/engine$n.log" ) || true
  local wall rss cpu done calls batches rounds largest
  read -r wall rss cpu <<< "$(awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$WORK/time.txt")"
  done=$(grep -o '"done": [0-9]*' "$WORK/out-e$n/report.json" | grep -o '[0-9]*$')
  calls=$(grep -o '"calls": [0-9]*' "$WORK/out-e$n/report.json" | grep -o '[0-9]*$')
  batches=$(grep -c 'submitted batch' "$WORK/engine$n.log" || true)
  rounds=$(grep -o 'round [0-9]*: submitted' "$WORK/engine$n.log" | sort -u | wc -l)
  largest=$(grep -o 'with [0-9]* requests' "$WORK/engine$n.log" | grep -o '[0-9]*' | sort -n | tail -n1)
  echo "$n $done $calls $rounds $batches $largest $cpu $rss $wall"
}
read -r _ DONE_E1 CALLS_E1 ROUNDS_E1 BATCHES_E1 LARGEST_E1 CPU_E1 RSS_E1 WALL_E1 <<< "$(engine 1000)"
read -r _ DONE_E CALLS_E ROUNDS_E BATCHES_E LARGEST_E CPU_E RSS_E WALL_E <<< "$(engine 20000)"
PER_STORY_E=$(awk -v c="$CALLS_E" -v n="$DONE_E" 'BEGIN { printf "%.2f", c / n }')
CPU_PER_E=$(awk -v c="$CPU_E" -v n="$DONE_E" 'BEGIN { printf "%.2f", c * 1000 / n }')
CPU_PER_E1=$(awk -v c="$CPU_E1" -v n="$DONE_E1" 'BEGIN { printf "%.2f", c * 1000 / n }')
RATIO_E=$(awk -v a="$RSS_E" -v b="$RSS_E1" 'BEGIN { printf "%.2f", a / b }')
stop_fake

# Keep the figures other benchmarks wrote (bench/attribution.sh, bench/draft.sh).
kept=$(sed -n '/^<!-- bench\/[a-z_]*\.[a-z]* -->$/,/^<!-- end bench\/[a-z_]*\.[a-z]* -->$/p' docs/performance.md 2>/dev/null || true)
cat > docs/performance.md <<MD
# Performance

Figures from \`bench/batch.sh\`: release builds on this project's reference machine
(2 cores), against the fake LLM server on 127.0.0.1 with no faults. Rerun the script
to refresh them; it rewrites this file.

Measured on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m)).

## Batch wall time against the ideal

$N stories, each a brief, a lede (with headline, deck and closing) and one
perspective section (the perspectives with no stated position in the sources cost
no call), revision included: the fake answers sloppily, so answers are repaired and
flagged parts revised, and every such call counts. Server latency ${LATENCY_MS} ms
per call, ${CONCURRENCY} requests in flight (\`concurrency = $CONCURRENCY\`), every
story in flight (\`-j $N\`: each story's requests form a chain, so with fewer
stories in flight the slots idle while they wait on one another).

| stories done | requests | ideal (requests × latency ÷ concurrency) | wall time | over the ideal |
|---|---|---|---|---|
| $DONE | $CALLS | ${IDEAL} s | ${WALL} s | ${OVER}% |

## Memory stays flat

The manifest is read as a stream and finished articles are not kept.

| stories | peak RSS | wall time |
|---|---|---|
| 100 | $((RSS100 / 1024)) MiB | ${WALL100} s |
| 10,000 | $((RSS10K / 1024)) MiB | ${WALL10K} s |

Peak RSS at 10,000 stories is ${RATIO}× that at 100.

## CPU time per story

${CPU_PER} ms of CPU (user + system) per story over the 10,000-story run: rendering
prompts, parsing and validating answers, the integrity checks, rendering and
writing the article and its provenance record, and the journal.

## The review desk

The 10,000-story batch's \`index.html\` is ${DESK_KB} KiB. Headless Chromium loads
it in ${DESK_LOAD} ms and filters it (status, then a headline search) in
${DESK_FILTER} ms; the table shows 100 rows a page.

## Rerunning a finished batch

A second run over a finished 1,000-story batch took ${RERUN} s; it skipped
${SKIPPED} stories from the journal and made ${RERUN_CALLS} calls.

## Prompt tokens per article

Every prompt is fitted to the model's context (\`[provider] context\`; 16,384 prompt
tokens when it is not set): when a source's passages do not all fit, each stage gets
the passages where its sides speak, then the most relevant by BM25.

| sources | prompt tokens for the article (6 calls) |
|---|---|
| the two example sources (15 passages) | $SHORT_TOKENS |
| a ${LONG_KB} KB, 200-page report built from them (815 passages) | $LONG_TOKENS |

## The provider batch engine

Stories through \`--engine provider\` (OpenAI's Batch API, faked with no
processing delay, polled every 10 ms). Stories go through in windows of
\`[batch] window\` (1,000 by default); each round of a window goes out as one
provider batch, so the provider's processing time, not ours, sets the pace.

| stories done | requests | rounds | provider batches | largest batch (requests) | our CPU | our CPU per story | peak RSS | wall time |
|---|---|---|---|---|---|---|---|---|
| $DONE_E1 | $CALLS_E1 | $ROUNDS_E1 | $BATCHES_E1 | $LARGEST_E1 | ${CPU_E1} s | ${CPU_PER_E1} ms | $((RSS_E1 / 1024)) MiB | ${WALL_E1} s |
| $DONE_E | $CALLS_E | $ROUNDS_E | $BATCHES_E | $LARGEST_E | ${CPU_E} s | ${CPU_PER_E} ms | $((RSS_E / 1024)) MiB | ${WALL_E} s |

Peak RSS at 20,000 stories is ${RATIO_E}× that at 1,000; ${PER_STORY_E} requests per
story. The largest batch stays far under what providers allow in one batch (OpenAI:
50,000 requests; Anthropic: 100,000). The wall time includes the fake server
answering every request on the same two cores; against a real provider, add its
processing time (minutes to hours per round, 24 hours at most) to our CPU time above.
MD
if [ -n "$kept" ]; then printf '\n%s\n' "$kept" >> docs/performance.md; fi
echo "wrote docs/performance.md"
cat docs/performance.md
