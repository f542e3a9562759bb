#!/usr/bin/env bash
# Draws packaging/jpackage/paypulse.png (256x256), the app icon, with ImageMagick, and copies it to
# the app's resources (window icon, About dialog). Both PNGs are committed; run this only to change the icon.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 256x256 xc:none \
  -fill '#0f6cbd' -draw 'roundrectangle 8,8 248,248 44,44' \
  -fill none -stroke white -strokewidth 14 -draw "stroke-linejoin round stroke-linecap round polyline 36,140 84,140 108,84 144,188 172,116 188,140 220,140" \
  -depth 8 -strip paypulse.png
cp paypulse.png ../../app/src/main/resources/io/paypulse/app/help/paypulse.png
echo "wrote $(pwd)/paypulse.png and app/src/main/resources/io/paypulse/app/help/paypulse.png"
