#!/usr/bin/env python3
"""Offline drafts of real news: every PolNeAR article (or the splits given) drafted with the
extractive provider, which copies its sources. Such a draft should carry no hard finding and no
degraded part; any it carries is a check that does not hold on text nobody here wrote.

With --identity, each article is instead checked against itself (its first line the source's title and the
article's headline): a text is its own best source, so any hard finding is one that does not hold.

Usage: polnear_drafts.py PARALLAX PATH-TO-POLNEAR [SPLIT...] [--identity] [-v]   (default: train dev test)
Prints one line per split and, with -v, every finding on stderr."""
import json
import pathlib
import subprocess
import sys
import tempfile


def identity(parallax, root, split, tmp):
    """Each article of `split` checked against itself; the line to print."""
    work = pathlib.Path(tmp)
    articles = flagged = hard = 0
    for text in sorted((root / "data" / split / "text").glob("*.txt")):
        lines = [l.strip() for l in text.read_text(encoding="utf-8").splitlines() if l.strip()]
        if len(lines) < 2:
            continue
        articles += 1
        body = "\n\n".join(lines[1:])
        (work / "s.md").write_text(f"---\ntitle: {json.dumps(lines[0])}\n---\n\n{body}\n", encoding="utf-8")
        (work / "a.md").write_text(f"# {lines[0]}\n\n{body}\n", encoding="utf-8")
        run = subprocess.run([parallax, "check", str(work / "a.md"), "-s", str(work / "s.md"), "--json"],
                             capture_output=True, text=True, cwd=work)
        if run.returncode not in (0, 1):
            raise SystemExit(f"{text.name}: parallax check failed ({run.returncode}): {run.stderr.strip()}")
        bad = [f for f in json.loads(run.stdout)["findings"] if f.get("severity", "hard") == "hard"]
        hard += len(bad)
        flagged += bool(bad)
        if "-v" in sys.argv:
            for f in bad:
                print(f"{text.name}: {f['location']}: {f['kind']} `{f['claim'][:80]}`: {f['expected'][:120]}",
                      file=sys.stderr)
    return f"{split}: {articles} articles checked against themselves, {flagged} with a hard finding ({hard} hard)"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if len(args) < 2:
        raise SystemExit(__doc__)
    parallax, root, splits = args[0], pathlib.Path(args[1]), args[2:] or ["train", "dev", "test"]
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "a.json"
        for split in splits:
            if "--identity" in sys.argv:
                print(identity(parallax, root, split, tmp))
                continue
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
