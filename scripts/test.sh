#!/usr/bin/env bash
# The README's second command: install what is missing, build everything (app, tests,
# benchmarks), and run every test. Tests that need data outside the repository
# (tests/data/README.md) are reported as skipped when it is absent; their reasons are printed
# at the end (CTest itself keeps them in its log).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
status=0
ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)" || status=$?
grep -h '^SKIP: ' build/Testing/Temporary/LastTest.log || true
exit "$status"
