#!/usr/bin/env python3
"""Offline drafts of real news: every PolNeAR article (or the splits given) drafted with the
extractive provider, which copies its sources. Such a draft should carry no hard finding and no
degraded part; any it carries is a check that does not hold on text nobody here wrote.

Usage: polnear_drafts.py PARALLAX PATH-TO-POLNEAR [SPLIT...]   (default: train dev test)
Prints one line per split and, with -v, every finding on stderr."""
import json
import pathlib
import subprocess
import sys
import tempfile


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if len(args) < 2:
        raise SystemExit(__doc__)
    parallax, root, splits = args[0], pathlib.Path(args[1]), args[2:] or ["train", "dev", "test"]
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "a.json"
        for split in splits:
            drafts = flagged = hard = degraded = failed = 0
            for text in sorted((root / "data" / split / "text").glob("*.txt")):
                drafts += 1
                run = subprocess.run([parallax, "draft", str(text), "--persona", "prism", "-o", str(out)],
                                     capture_output=True, text=True, cwd=tmp)
                if run.returncode != 0:
                    failed += 1
                    print(f"{text.name}: exit {run.returncode}: {run.stderr.strip()[-200:]}", file=sys.stderr)
                    continue
                findings = json.loads(out.read_text())["meta"].get("integrity", {}).get("findings", [])
                bad = [f for f in findings if f.get("severity") == "hard" or f["kind"] == "degraded"]
                hard += sum(f.get("severity") == "hard" for f in bad)
                degraded += sum(f["kind"] == "degraded" for f in bad)
                flagged += bool(bad)
                if "-v" in sys.argv:
                    for f in bad:
                        print(f"{text.name}: {f['location']}: {f['kind']} `{f['claim'][:80]}`: {f['expected'][:120]}",
                              file=sys.stderr)
            print(f"{split}: {drafts} drafts, {failed} failed, {flagged} with a hard finding or a degraded part "
                  f"({hard} hard, {degraded} degraded)")


if __name__ == "__main__":
    main()
