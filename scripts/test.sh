#!/usr/bin/env bash
# The README's second command: install what is missing, build everything (app, tests,
# benchmarks), and run every test. Tests that need data outside the repository
# (../shared/reference) report "skipped" with the reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)"
