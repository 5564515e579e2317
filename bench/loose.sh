#!/usr/bin/env bash
# Small windows, stories in flight and CPU per story, against the fake LLM
# server on 127.0.0.1. Writes its section of docs/performance.md.
# Usage: bench/loose.sh [OLD_PARALLAX]   (OLD_PARALLAX: a binary to compare CPU with)
#
#   1. the PRISM example drafted against llama-server windows of 1,536 to 4,096
#      tokens: whether it drafts, and the largest prompt plus answer room sent;
#   2. 64 stories, `concurrency = 16`, no `-j`, 200 ms a request, a clean, a
#      slightly sloppy (one answer in five) and a sloppy server: wall time
#      against the ideal (every request answered, over 16 slots);
#   3. 64 stories of the two PRISM example sources, `-j 64`, `concurrency = 16`,
#      a streaming server that answers at once, sloppy (repairs and
#      revisions): our CPU per story and per call.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
OLD=${1:-}
cargo build --release -q -p parallax -p fake-llm
BIN=$PWD/target/release/parallax
FAKE=$PWD/target/release/fake-llm
WORK=$(mktemp -d)
trap 'stop_fake; rm -rf "$WORK"' EXIT
EX=$PWD/examples/sources

# 1. Windows.
rows=""
for window in 1536 2048 3072 4096; do
  start_fake --imitate llama-server --context "$window"
  dir=$WORK/w$window; mkdir -p "$dir"
  if (cd "$dir" && OPENAI_BASE_URL=$URL OPENAI_API_KEY=x "$BIN" draft "$EX/kim-putin-new-year.md" \
      "$EX/north-korea-russia-reactions.md" --persona prism -o a.json --no-cache > out.txt 2> err.txt); then
    drafted=yes
    largest=$(python3 -c "
import json; a = json.load(open('$dir/a.json'))
print(max(c['usage']['prompt_tokens'] for c in a['meta']['calls']))")
  else
    drafted="no: $(tail -n1 "$dir/err.txt" | sed 's/.*stage/stage/' | cut -c1-160)"
    largest=-
  fi
  rows+="| $window | $drafted | $largest |"$'\n'
  stop_fake
done

manifest 64 "$WORK/m.jsonl"
printf '[provider]\nconcurrency = 16\n' > "$WORK/parallax.toml"

# 2. Stories in flight without -j, against a clean and a sloppy server.
in_flight() {
  start_fake --latency-ms 200 "$@"
  rm -rf "$WORK/out"
  local start end calls wall ideal
  start=$(date +%s.%N)
  (cd "$WORK" && OPENAI_BASE_URL=$URL OPENAI_API_KEY=x "$BIN" batch m.jsonl --out out --no-cache > /dev/null 2>&1) || true
  end=$(date +%s.%N)
  # Every request the server answered, repairs included: each holds a slot for
  # the whole latency.
  calls=$(python3 -c "
import glob, json
print(sum(c.get('attempts', 1) for f in glob.glob('$WORK/out/s-*.json') if not f.endswith('.provenance.json')
          for c in json.load(open(f))['meta']['calls'] if not c.get('cached')))")
  wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  ideal=$(awk -v c="$calls" 'BEGIN { printf "%.2f", c * 0.2 / 16 }')
  awk -v c="$calls" -v w="$wall" -v i="$ideal" 'BEGIN { printf "%d requests, ideal %.2f s, wall %.2f s (%.1f%% over)", c, i, w, (w / i - 1) * 100 }'
  stop_fake
}
CLEAN=$(in_flight)
SLIGHTLY=$(in_flight --sloppy 5)
SLOPPY=$(in_flight --sloppy 1)

# 3. CPU per story and per call, three runs each, the median.
: > "$WORK/p.jsonl"
for ((i = 0; i < 64; i++)); do
  printf '{"id":"p-%03d","sources":["%s","%s"]}\n' "$i" "$EX/kim-putin-new-year.md" "$EX/north-korea-russia-reactions.md" >> "$WORK/p.jsonl"
done
start_fake --sloppy 1
cpu() {
  local bin=$1 k out=()
  for k in 1 2 3; do
    rm -rf "$WORK/out"
    (cd "$WORK" && OPENAI_BASE_URL=$URL OPENAI_API_KEY=x /usr/bin/time -f "%U %S" -o "$WORK/t.txt" \
      "$bin" batch p.jsonl --out out -j 64 --no-cache --allow-outside > /dev/null 2>&1) || true
    calls=$(python3 -c "import json; print(json.load(open('$WORK/out/report.json'))['calls'])")
    out+=("$(awk -v c="$calls" '{ printf "%.1f ms a story (%.2f ms a call, %d calls)", ($1 + $2) * 1000 / 64, ($1 + $2) * 1000 / c, c }' "$WORK/t.txt")")
  done
  printf '%s\n' "${out[@]}" | sort -n | sed -n 2p
}
CPU_NEW=$(cpu "$BIN")
CPU_OLD=-
if [ -n "$OLD" ]; then CPU_OLD=$(cpu "$OLD"); fi
stop_fake

write_section loose.sh "$(cat <<MD
<!-- bench/loose.sh -->
## Small windows, stories in flight, CPU per story

Measured on $(date -u +%Y-%m-%d) with \`bench/loose.sh\`.

**Windows.** The PRISM example (two sources, 15 passages) against llama-server
imitated with a window of N tokens (stated in \`/props\`). Each stage keeps room for
its own answer only (a brief or a side's section is a few hundred tokens), and the
passages retrieval picks fill the rest.

| window | drafts | largest prompt sent (tokens) |
|---|---|---|
${rows}
**Stories in flight without \`-j\`** (the default: four per request the provider
takes at once). 64 stories, \`concurrency = 16\`, 200 ms a request; the ideal is every
request the server answered (repairs included) times 200 ms over 16 slots.
Well-formed answers: ${CLEAN}. A slightly sloppy server (one answer in five flawed,
\`fake-llm --sloppy 5\`): ${SLIGHTLY}. Every answer flawed (repairs and revisions):
${SLOPPY}.

**CPU per story.** 64 stories of the two PRISM example sources, \`-j 64\`,
\`concurrency = 16\`, a streaming server that answers at once with sloppy answers
(every answer flawed, so repairs and revisions): ${CPU_NEW} of CPU (user +
system, median of three)$( [ "$CPU_OLD" != - ] && echo "; the build before these changes (OLD_PARALLAX): ${CPU_OLD}" ).
<!-- end bench/loose.sh -->
MD
)"
echo "wrote docs/performance.md"
