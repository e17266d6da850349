#!/usr/bin/env bash
# Renders the README's rack diagrams into docs/screenshots (after scripts/build.sh).
# Pictures over 400 KB are reduced to a 192-colour palette with ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
QT_QPA_PLATFORM=offscreen SCALESCOPE_SCREENSHOT_DIR="$tmp" build/tests/tst_rack_view screenshots >/dev/null
mkdir -p docs/screenshots
for name in rack-nvl72 superpod-traffic; do
    if [ "$(stat -c %s "$tmp/$name.png")" -gt 400000 ]; then
        convert "$tmp/$name.png" +dither -colors 192 "PNG8:docs/screenshots/$name.png"
    else
        cp "$tmp/$name.png" "docs/screenshots/$name.png"
    fi
done
ls -l docs/screenshots/rack-nvl72.png docs/screenshots/superpod-traffic.png
