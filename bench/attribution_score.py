#!/usr/bin/env python3
"""Scores `parallax statements --json` against PolNeAR's attribution annotations.

Usage: attribution_score.py SPLIT_DIR STATEMENTS_JSONL

SPLIT_DIR is one split of the corpus (`data/dev`, `data/test`), with `text/` and
`attributions/`. Where an article was annotated more than once, the first
annotation file (by name) is used. What is scored:

- the attributions of speech: an annotated Source with a speech cue or with
  quoted content;
- found: one statement of the same article covers at least half the content's
  words;
- speaker: that statement's speaker shares a word with the annotated source; for
  a pronoun source, with the nearest named source before it;
- precision: of all statements, the share that cover an annotated content (any
  attribution, of speech or not), or lie mostly (half their words) inside one.

Words are lower-cased letters and digits; a speaker and a source compare by
their words less articles, prepositions and pronoun determiners, so "the
source" and "the ministry" share nothing.

Prints one JSON object with the figures.
"""

import collections
import json
import os
import re
import sys

WORD = re.compile(r"[a-z0-9]+")
QUOTE_MARKS = ('"', "\u201c", "\u201d")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "him", "them", "you"}
SPEECH = re.compile(
    r"\b(say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|according|"
    r"state|states|stated|statement|announc\w*|claim\w*|argu\w*|ask\w*|writ\w*|wrote|"
    r"not(e|es|ed|ing)|explain\w*|insist\w*|warn\w*|urg\w*|call\w*|declar\w*|comment\w*|"
    r"repl\w*|respond\w*|suggest\w*|report\w*|den(y|ies|ied)|acknowledg\w*|admit\w*|"
    r"testif\w*|tweet\w*|stress\w*|emphasi\w*|assert\w*|contend\w*|maintain\w*|"
    r"predict\w*|promis\w*|vow\w*|pledg\w*|reiterat\w*|remark\w*|recall\w*|"
    r"describ\w*|complain\w*|confirm\w*|accus\w*|criticiz\w*|condemn\w*|quot\w*|"
    r"interview\w*|posted|speech|told)\b"
)


STOP = {
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as", "s",
    "that", "this", "is", "was", "be", "it", "its", "his", "her", "their", "has", "have", "had",
}


def words(s):
    return set(WORD.findall(s.lower()))


def source_words(s):
    """The words of a speaker or source span that can identify it."""
    return words(s) - STOP


def load_annotations(path):
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            tid, body = parts[0], parts[1]
            if tid.startswith("T") and len(parts) >= 3:
                kind, _, rest = body.partition(" ")
                offsets = [tuple(map(int, seg.split())) for seg in rest.split(";")]
                spans[tid] = (kind, offsets, parts[2])
            elif tid.startswith("E"):
                roles = dict(r.split(":", 1) for r in body.split() if ":" in r)
                events.append(roles)
    out = []
    for roles in events:
        get = lambda role: spans.get(roles.get(role, ""))  # noqa: E731
        src, cue, content = get("Source"), get("Cue"), get("Content")
        if content is None:
            continue
        out.append(
            {
                "source": src[2] if src else None,
                "source_at": src[1][0][0] if src else None,
                "cue": cue[2] if cue else "",
                "content": content[2],
            }
        )
    return out


def speech(a):
    quoted = any(m in a["content"] for m in QUOTE_MARKS)
    return a["source"] is not None and (bool(SPEECH.search(a["cue"].lower())) or quoted)


def covers(statement_words, content):
    """At least half the content's words are in the statement."""
    cw = words(content)
    return bool(cw) and len(cw & statement_words) * 2 >= len(cw)


def within(statement_words, content):
    """The statement covers the content, or lies mostly inside it."""
    cw = words(content)
    common = len(cw & statement_words)
    return covers(statement_words, content) or (bool(statement_words) and common * 2 >= len(statement_words))


def named_source(a, annotations):
    """The source itself, or for a pronoun the nearest named source before it."""
    if a["source"].strip().lower() not in PRONOUNS:
        return a["source"]
    before = [
        b
        for b in annotations
        if b["source"] and b["source_at"] < a["source_at"] and b["source"].strip().lower() not in PRONOUNS
    ]
    return max(before, key=lambda b: b["source_at"])["source"] if before else a["source"]


def main():
    split, statements_path = sys.argv[1], sys.argv[2]
    by_article = collections.defaultdict(list)
    with open(statements_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                by_article[os.path.basename(s["source"])].append(s)
    chosen = {}
    for name in sorted(os.listdir(os.path.join(split, "attributions"))):
        article = re.sub(r"_[0-9a-f]{4}\.ann$", ".txt", name)
        chosen.setdefault(article, name)
    total = found = speaker = 0
    statements = covering = 0
    for article, ann in sorted(chosen.items()):
        annotations = load_annotations(os.path.join(split, "attributions", ann))
        said = [(s, words(s["content"]), source_words(s["speaker"])) for s in by_article.get(article, [])]
        statements += len(said)
        covering += sum(1 for _, sw, _ in said if any(within(sw, a["content"]) for a in annotations))
        for a in annotations:
            if not speech(a):
                continue
            total += 1
            hits = [(s, spw) for s, sw, spw in said if covers(sw, a["content"])]
            if not hits:
                continue
            found += 1
            source = source_words(named_source(a, annotations)) | source_words(a["source"])
            if any(spw & source for _, spw in hits):
                speaker += 1
    pct = lambda n, d: round(100.0 * n / d, 1) if d else 0.0  # noqa: E731
    print(
        json.dumps(
            {
                "articles": len(chosen),
                "attributions_of_speech": total,
                "statements": statements,
                "found": pct(found, total),
                "speaker": pct(speaker, found),
                "precision": pct(covering, statements),
            }
        )
    )


if __name__ == "__main__":
    main()
