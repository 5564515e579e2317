# Shared by the benchmarks: source it. Writes a benchmark's section of
# docs/performance.md between its markers, replacing the previous one.

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
