# Shared by the benchmarks: source it. Starts and stops the fake LLM server
# ($FAKE, in $WORK), and writes a benchmark's section of docs/performance.md
# between its markers, replacing the previous one.

FAKE_PID=

# start_fake ARGS...: the fake server with ARGS, started in this shell; sets
# URL and FAKE_PID.
start_fake() {
  rm -f "$WORK/fake.url"
  "$FAKE" --port 0 "$@" > "$WORK/fake.url" &
  FAKE_PID=$!
  for _ in $(seq 50); do [ -s "$WORK/fake.url" ] && break; sleep 0.1; done
  URL=$(head -n1 "$WORK/fake.url")
}

stop_fake() { if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; fi; FAKE_PID=; }

# write_section NAME SECTION: SECTION (with its <!-- bench/NAME --> markers) in
# place of the old one, at the end of docs/performance.md.
write_section() {
  python3 - docs/performance.md "$1" "$2" <<'PY'
import re, sys
path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
block = re.compile(rf"<!-- bench/{re.escape(name)} -->.*?<!-- end bench/{re.escape(name)} -->\n?", re.S)
text = block.sub("", text).rstrip("\n") + "\n\n" + section.strip("\n") + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
}

# manifest N FILE: N distinct stories, each with one side's position, so the
# pipeline runs a brief, a lede, one perspective section and a finish.
manifest() {
  local n=$1 file=$2 i
  : > "$file"
  for ((i = 0; i < n; i++)); do
    printf '{"id":"s-%05d","text":"The council of district %d approved a budget of $%d.5 million on March 3.\\n\\nSeoul said the plan for district %d was sound.\\n\\nOpposition members said the vote was rushed."}\n' \
      "$i" "$i" "$((i + 10))" "$i" >> "$file"
  done
}
