#!/usr/bin/env bash
# Installs the Debian 12 packages ScaleScope needs to build, test and run (only the missing ones).
#
#   scripts/install-deps.sh          install whatever of the list is missing (nothing on a
#                                    complete machine: no apt-get update either)
#   scripts/install-deps.sh --list   print the package names, one per line, and exit
#
# Every name is a real package (no virtual ones such as libqt6svg6-dev, which dpkg-query
# would always report missing). CI checks this list against what CMake actually found with
# ../shared/tools/check-fresh-deps, so a package installed by hand cannot hide here.
set -euo pipefail
packages=(
    # compiler and build tools (build.sh, test.sh, .ci/run)
    build-essential cmake ninja-build pkg-config git python3
    # Qt 6: Qt6Charts' CMake config needs Qt6OpenGL's, which qt6-base-dev only recommends
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libgl-dev
    # numerics, JSON, optimizer, benchmarks
    libeigen3-dev nlohmann-json3-dev liblbfgspp-dev libbenchmark-dev
    # fonts for headless rendering; clang-format for the CI format check
    fontconfig fonts-dejavu-core clang-format
)
if [ "${1:-}" = "--list" ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: scripts/install-deps.sh [--list]" >&2
    exit 2
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing missing Debian packages: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
