#!/usr/bin/env bash
# The README's first command: install what is missing, build the app (only the `scalescope`
# target: no tests or benchmarks), and open the default workspace. Without a display it renders
# the dashboard to a PNG and prints where. Arguments go to the app (e.g. a scenario file).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh scalescope
exec build/bin/scalescope "$@"
