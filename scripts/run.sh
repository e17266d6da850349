#!/usr/bin/env bash
# The README's first command: install what is missing, build, and open the default workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/bin/scalescope "$@"
