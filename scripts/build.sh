#!/usr/bin/env bash
# Configures and builds ScaleScope into ./build (Release).
#   scripts/build.sh                 everything: the app, every test and benchmark
#   scripts/build.sh scalescope      only the named targets (run.sh builds just the app)
# Extra CMake options come from SCALESCOPE_CMAKE_ARGS, e.g. "-DSCALESCOPE_WERROR=ON" (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a extra <<<"${SCALESCOPE_CMAKE_ARGS:-}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}" >/dev/null
targets=()
for t in "$@"; do
    targets+=(--target "$t")
done
cmake --build build --parallel "$(nproc)" "${targets[@]}"
