#!/usr/bin/env bash
# Longer runs of the parsers' property tests (the persona and source parsers, the
# manifest readers, the HTML extractor) and of the Markdown renderer's escaping.
# CI runs 256 cases of each (512 for the renderer); this runs CASES of each in a
# release build. Usage: bench/fuzz.sh [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-20000}
echo "parsers: $CASES cases each"
PROPTEST_CASES=$CASES cargo test --release -q --test integration props
echo "renderer escaping: $CASES cases each"
PROPTEST_CASES=$CASES cargo test --release -q --lib render::markdown::props
