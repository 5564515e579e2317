#!/usr/bin/env python3
"""Precision of `parallax check` on more professional translations of real news:
the WMT general test sets, whose references are human translations by document.
Nothing here is tuned to NTREX's held-out half; these sets are for developing the
checks further. The corpora are not part of this project: clone the WMT
conference's repositories yourself and give their paths.

Usage: wmt.py PARALLAX [--wmt21 DIR] [--wmt22 DIR] [--wmt24 DIR] [--all-domains] [--editions] [-v]

- `--wmt21 DIR`: `wmt21-news-systems` (newstest2021): English news with its
  Japanese reference (`xml/newstest2021.en-ja.all.xml`), and Japanese news with
  its English reference (`ja-en`), checked both ways.
- `--wmt22 DIR`: `wmt22-news-systems` (generaltest2022): the news documents of
  `en-zh` (two Chinese references), `en-ja` (the line-aligned reference, split by
  `en-zh`'s document boundaries, which share its English source) and `ja-en`.
- `--wmt24 DIR`: `wmt24-news-systems` (generaltest2024): the news documents of
  `en-ja`, `en-zh` and `ja-zh` (Japanese news, its Chinese reference) from
  `txt-ts`, checked both ways.

`--all-domains` adds the sets' other domains (conversation, e-commerce, social,
speech), which are not news. Each document is written as a source (its first line
the title) and its translation checked against it; each run counts the documents
with a hard finding and the unverified notes. `--editions` compares each pair
as two editions of one story instead (`check --edition T --against S`), and
counts the documents with a difference.
"""

import collections
import json
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import ntrex  # noqa: E402

ALL_DOMAINS = "--all-domains" in sys.argv


def option(name):
    return pathlib.Path(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else None


def git_file(repo, path):
    """A file of a repository clone, from its work tree or, in a bare clone, from HEAD."""
    tree = repo / path
    if tree.exists():
        return tree.read_text(encoding="utf-8")
    run = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{repo}: no {path}")
    return run.stdout


def xml_docs(text):
    """(id, source lines, {translator: reference lines}, first line's index) of each document in its domain."""
    out, line = [], 0
    for d in ET.fromstring(text).iter("doc"):
        src = [s.text or "" for s in d.find("src").iter("seg")]
        refs = {r.get("translator"): [s.text or "" for s in r.iter("seg")] for r in d.findall("ref")}
        if ALL_DOMAINS or d.get("domain") in (None, "news"):
            out.append((d.get("id"), src, refs, line))
        line += len(src)
    return out


def wmt21(root):
    for doc, src, refs, _ in xml_docs(git_file(root, "xml/newstest2021.en-ja.all.xml")):
        yield "ja<en", doc, src, refs["A"]
    for doc, src, refs, _ in xml_docs(git_file(root, "xml/newstest2021.ja-en.all.xml")):
        yield "en<ja", doc, src, refs["A"]
        yield "ja<en (original)", doc, refs["A"], src


def wmt22(root):
    ja = git_file(root, "txt/references/generaltest2022.en-ja.ref.A.ja").splitlines()
    for doc, src, refs, line in xml_docs(git_file(root, "xml/wmttest2022.en-zh.all.xml")):
        yield "zh<en (A)", doc, src, refs["A"]
        yield "zh<en (B)", doc, src, refs["B"]
        yield "ja<en", doc, src, ja[line:line + len(src)]
    for doc, src, refs, _ in xml_docs(git_file(root, "xml/wmttest2022.ja-en.all.xml")):
        yield "en<ja", doc, src, refs["A"]
        yield "ja<en (original)", doc, refs["A"], src


def wmt24(root):
    for pair in ("en-ja", "en-zh", "ja-zh"):
        docs = git_file(root, f"txt-ts/documents/{pair}.docs").splitlines()
        src = git_file(root, f"txt-ts/sources/{pair}.txt").splitlines()
        ref = git_file(root, f"txt-ts/references/{pair}.refA.txt").splitlines()
        grouped = collections.OrderedDict()
        for d, s, r in zip(docs, src, ref):
            domain, _, doc = d.partition("\t")
            if (ALL_DOMAINS and domain not in ("canary", "None")) or domain == "news":
                if r.strip():
                    grouped.setdefault(doc, ([], []))
                    grouped[doc][0].append(s)
                    grouped[doc][1].append(r)
        a, b = pair.split("-")
        for doc, (s, r) in grouped.items():
            yield f"{b}<{a}", doc, s, r
            yield f"{a}<{b}", doc, r, s


def editions(parallax, work, against, edition):
    """The differences `check --edition` reports between two editions, as findings."""
    (work / "against.md").write_text(ntrex.article_text(against), encoding="utf-8")
    (work / "edition.md").write_text(ntrex.article_text(edition), encoding="utf-8")
    run = subprocess.run([parallax, "check", "--edition", str(work / "edition.md"), "--against",
                          str(work / "against.md"), "--json"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"parallax check failed ({run.returncode}): {run.stderr.strip()}")
    report = json.loads(run.stdout)
    return [dict(d, location=d["edition"]["location"], expected=d["against"]["text"][:120])
            for d in report.get("differences", report.get("findings", []))]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not args:
        raise SystemExit(__doc__)
    parallax, verbose = args[0], "-v" in sys.argv
    runs = []
    for name, reader in (("--wmt21", wmt21), ("--wmt22", wmt22), ("--wmt24", wmt24)):
        root = option(name)
        if root:
            runs.extend((f"{name[2:]} {run}", doc, s, t) for run, doc, s, t in reader(root))
    if not runs:
        raise SystemExit(__doc__)
    flagged, total, notes, kinds = (collections.Counter() for _ in range(4))
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for run, doc, src, article in runs:
            # A document of one line has no text beside its title.
            if len([l for l in src if l.strip()]) < 2:
                continue
            total[run] += 1
            if "--editions" in sys.argv:
                hard, unverified = editions(parallax, work, src, article), []
            else:
                ntrex.write_source(work / "source.md", src)
                hard, unverified = ntrex.check(parallax, work, ntrex.article_text(article), work / "source.md")
            notes[run] += len(unverified)
            if hard:
                flagged[run] += 1
                kinds.update((run, f["kind"]) for f in hard)
                if verbose:
                    for f in hard:
                        print(f"{run} {doc}: {f['location']}: {f['kind']} `{f['claim']}`: {f['expected']}",
                              file=sys.stderr)
    for run in total:
        found = ", ".join(f"{n} {k}" for (r, k), n in kinds.most_common() if r == run)
        print(f"{run}: {flagged[run]}/{total[run]} documents with a hard finding ({found or 'none'}); "
              f"{notes[run]} unverified")


if __name__ == "__main__":
    main()
