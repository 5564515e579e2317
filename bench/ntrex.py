#!/usr/bin/env python3
"""Precision and recall of `parallax check` on NTREX-128's news and its professional
translations. The corpus is not part of this project: clone it yourself and give its
path.

Usage: ntrex.py PARALLAX NTREX_ROOT [--half develop|measure] [--source en|ja|ko|zh]
                [--ref LANG=FILE] [--json] [-v]

NTREX-128 holds 123 English news documents (newstest2019) and line-aligned human
translations. `DOCUMENT_IDS.tsv` gives the document of each line; the first 62
documents in its order are for developing rules (`--half develop`), the other 61
for measuring (`--half measure`, the default).

For every document the English text is written as a source (its first line, the
headline, as the source's `title`), and checked with `parallax check --json`:

- identity: the same English text, headline included, as the article;
- ja, ko, zh: the Japanese, Korean and Chinese translations as the article.

`--source LANG` takes another language's text as the source (the English then
becomes one of the articles), for checks across every pair of languages.
`--ref zh=newstest2019-ref.zho-TW.txt` reads a language from another of the
corpus's translations (here, a second translator's Chinese, in traditional
characters).

Each run counts the articles with a hard finding, the hard findings by kind and the
unverified notes. Recall: in each article, one number written with digits that the
check supports is changed by one digit to a value the source does not hold; the
change is caught when a new hard finding names the changed value.
"""

import collections
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import tempfile

LANGS = {"ja": "newstest2019-ref.jpn.txt", "ko": "newstest2019-ref.kor.txt", "zh": "newstest2019-ref.zho-CN.txt"}
DIGITS = re.compile(r"(?<![0-9０-９A-Za-z])[0-9]+(?:[.,][0-9]+)*(?![0-9A-Za-z])")


def refs():
    """The translation file of each language, as `--ref LANG=FILE` overrides them."""
    files = dict(LANGS)
    for i, a in enumerate(sys.argv):
        if a == "--ref" and i + 1 < len(sys.argv):
            lang, _, name = sys.argv[i + 1].partition("=")
            files[lang] = name
    return files


def documents(root):
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    texts = {"en": (root / "NTREX-128" / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()}
    for lang, name in refs().items():
        texts[lang] = (root / "NTREX-128" / name).read_text(encoding="utf-8").splitlines()
    order, lines = [], collections.defaultdict(list)
    for i, doc in enumerate(ids):
        doc = doc.split("\t")[0].strip()
        if doc not in lines:
            order.append(doc)
        lines[doc].append(i)
    return [(doc, {lang: [texts[lang][i].strip() for i in lines[doc]] for lang in texts}) for doc in order]


def yaml_string(s):
    return json.dumps(s, ensure_ascii=False)


def write_source(path, lines):
    body = "\n\n".join(l for l in lines[1:] if l)
    path.write_text(f"---\ntitle: {yaml_string(lines[0])}\n---\n\n{body}\n", encoding="utf-8")


def article_text(lines):
    body = "\n\n".join(l for l in lines[1:] if l)
    return f"# {lines[0]}\n\n{body}\n"


def check(parallax, work, article, source):
    path = work / "article.md"
    path.write_text(article, encoding="utf-8")
    run = subprocess.run([parallax, "check", str(path), "--source", str(source), "--json"],
                         capture_output=True, text=True, cwd=work)
    if run.returncode not in (0, 1):
        raise SystemExit(f"parallax check failed ({run.returncode}): {run.stderr.strip()}")
    report = json.loads(run.stdout)
    hard = [f for f in report["findings"] if f.get("severity", "hard") == "hard"]
    return hard, report.get("unverified", [])


WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
            "nineteenth", "twentieth"]


def held(source_text):
    """The values a source holds: its digit runs, and small numbers and ordinals in words."""
    values = {float(m.group(0).replace(",", "")) for m in DIGITS.finditer(source_text)
              if m.group(0).replace(",", "").replace(".", "", 1).isdigit()}
    for w in re.findall(r"[a-z]+", source_text.lower()):
        for table in (WORDS, ORDINALS):
            if w in table or w.rstrip("s") in table:
                values.add(float(table.index(w if w in table else w.rstrip("s"))))
    for w, v in (("dozen", 12), ("decade", 10), ("twice", 2), ("half", 2), ("hundreds", 100), ("thousands", 1000)):
        if w in source_text.lower():
            values.add(float(v))
    return values


def mutate(text, source_text, seed):
    """One digit run of `text` changed by one digit to a value `source_text` does not hold, in digits or in
    words (a change to a value the source states elsewhere cannot be told from a faithful one)."""
    values = held(source_text)
    runs = [m for m in DIGITS.finditer(text)]
    if not runs:
        return None
    start = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(runs)
    for k in range(len(runs)):
        m = runs[(start + k) % len(runs)]
        run = m.group(0)
        last = max(i for i, c in enumerate(run) if c.isdigit())
        for delta in range(1, 10):
            new = run[:last] + str((int(run[last]) + delta) % 10) + run[last + 1:]
            bare = new.replace(",", "")
            try:
                value = float(bare)
            except ValueError:
                continue
            if bare.lstrip("0") and value not in values and new not in source_text:
                return text[:m.start()] + new + text[m.end():], new
    return None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-") and "=" not in a]
    if len(args) < 2:
        raise SystemExit(__doc__)
    parallax, root = args[0], pathlib.Path(args[1])
    half = "develop" if "develop" in sys.argv else "measure"
    verbose = "-v" in sys.argv
    source_lang = sys.argv[sys.argv.index("--source") + 1] if "--source" in sys.argv else "en"
    docs = documents(root)
    docs = docs[:62] if half == "develop" else docs[62:]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for run_name in ["identity", *(l for l in ["en", *LANGS] if l != source_lang)]:
            lang = source_lang if run_name == "identity" else run_name
            flagged, kinds, notes, caught, changes, misses = 0, collections.Counter(), 0, 0, 0, []
            for doc, text in docs:
                source = work / "source.md"
                write_source(source, text[source_lang])
                article = article_text(text[lang])
                hard, unverified = check(parallax, work, article, source)
                notes += len(unverified)
                if hard:
                    flagged += 1
                    kinds.update(f["kind"] for f in hard)
                    if verbose:
                        for f in hard:
                            print(f"{run_name} {doc}: {f['location']}: {f['kind']} `{f['claim']}`: {f['expected']}",
                                  file=sys.stderr)
                changed = mutate(article, "\n".join(text[source_lang]), doc + run_name)
                if changed is None:
                    continue
                changes += 1
                after, _ = check(parallax, work, changed[0], source)
                before = {(f["location"], f["claim"]) for f in hard}
                new = [f for f in after if (f["location"], f["claim"]) not in before and changed[1] in f["claim"]]
                if new:
                    caught += 1
                else:
                    misses.append(f"{doc}: `{changed[1]}`")
            if verbose and misses:
                print(f"{run_name} recall misses: " + ", ".join(misses), file=sys.stderr)
            results[run_name] = dict(articles=len(docs), flagged=flagged, findings=sum(kinds.values()),
                                     kinds=dict(kinds.most_common()), unverified=notes,
                                     changes=changes, caught=caught)
    if "--json" in sys.argv:
        print(json.dumps(dict(half=half, source=source_lang, runs=results)))
    else:
        for name, r in results.items():
            kinds = ", ".join(f"{n} {k}" for k, n in r["kinds"].items())
            print(f"{name}: {r['flagged']}/{r['articles']} articles with a hard finding ({r['findings']}: {kinds}); "
                  f"{r['unverified']} unverified; recall {r['caught']}/{r['changes']}")


if __name__ == "__main__":
    main()
