#!/usr/bin/env python3
"""How close to the ideal wall time a batch can come when answers are flawed.

A model, not a measurement of parallax: 64 stories, each a brief and then two
requests at once (the opening and a side's section), 16 slots, 200 ms a request,
every answer flawed with probability P and asked again. A perfect scheduler
with no CPU cost, no start-up and no writes runs it; the ideal is every request
sent (repeats included) times 200 ms over 16 slots, as `bench/loose.sh` counts
it. The gap left is what the chains themselves cost: the answers flawed in the
last wave are asked again in a wave of their own.

Usage: inflight_model.py [P] [RUNS]   (defaults: 0.2, one answer in five; 400)
"""

import heapq
import random
import statistics
import sys


def run(seed, p, policy, stories=64, slots=16, latency=0.2):
    rnd = random.Random(seed)
    queue, seq = [], 0

    def push(story, kind, again):
        nonlocal seq
        rank = (-1 if again else 0, seq) if policy == "repeats first" else (0, seq)
        heapq.heappush(queue, (rank, story, kind))
        seq += 1

    for s in range(stories):
        push(s, "brief", False)
    now, running, sent = 0.0, [], 0
    while queue or running:
        while queue and len(running) < slots:
            _, s, kind = heapq.heappop(queue)
            heapq.heappush(running, (now + latency, s, kind))
            sent += 1
        now, s, kind = heapq.heappop(running)
        if rnd.random() < p:
            push(s, kind, True)
        elif kind == "brief":
            push(s, "section", False)
            push(s, "section", False)
    return now / (sent * latency / slots) - 1


def main():
    p = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    for policy in ("first come, first served", "repeats first"):
        over = sorted(100 * run(seed, p, policy) for seed in range(runs))
        print(
            f"{policy}: over the ideal by {statistics.median(over):.1f}% (median), "
            f"{over[runs // 10]:.1f}% to {over[runs * 9 // 10]:.1f}% (10th to 90th percentile)"
        )


if __name__ == "__main__":
    main()
